#!/usr/bin/env bash
# Fuzzes load + generate with cargo-fuzz (libFuzzer) for a bounded time.
#   bash scripts/fuzz.sh [SECONDS]      (default 300)
# Seeds are the project's own documents; findings land in fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}

if ! cargo fuzz --version 2>/dev/null | grep -q '0.13.2'; then
  cargo install cargo-fuzz --version 0.13.2 --locked
fi

mkdir -p fuzz/corpus/generate
cp spec/*.yaml tests/diagnostics/*.yaml fuzz/corpus/generate/

# The machine has one (stable) toolchain; cargo-fuzz needs nightly's -Z flags.
export RUSTC_BOOTSTRAP=1
cd fuzz
cargo fuzz run generate -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -max_len=65536
