#!/usr/bin/env bash
# Fuzzes load + generate with cargo-fuzz (libFuzzer) for a bounded time.
#   bash scripts/fuzz.sh [SECONDS]      (default 300)
# Seeds are the project's own documents and the adversarial shapes in
# fuzz/seeds/ (self-references and mutual recursion through allOf, items and
# additionalProperties, fan-out, duplicate keys, wide integers); findings
# land in fuzz/artifacts/. The bound each input is held to: any document up
# to 64 KiB generates within 10 seconds and 1 GiB, or libFuzzer reports it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}

if ! cargo fuzz --version 2>/dev/null | grep -q '0.13.2'; then
  cargo install cargo-fuzz --version 0.13.2 --locked
fi

mkdir -p fuzz/corpus/generate
cp spec/*.yaml tests/diagnostics/*.yaml fuzz/seeds/*.yaml fuzz/corpus/generate/

# The machine has one (stable) toolchain; cargo-fuzz needs nightly's -Z flags.
export RUSTC_BOOTSTRAP=1
cd fuzz
cargo fuzz run generate -- -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -max_len=65536
