#!/usr/bin/env bash
# The compile cost of generated code: `cargo check` of the client + server
# generated for a document, in a scratch crate whose dependencies are built
# beforehand, so that only the generated module is measured.
# Usage: scripts/bench-check.sh [DOCUMENT...]   (default: the seed, petstore
# and Kubernetes; prints lines and seconds per document). GEN_FLAGS passes
# flags to the generator (`--no-server`, `--no-client`). BASELINE names
# another swagger-stubgen binary (an earlier version, built elsewhere): each
# document's output from both is then checked alternately, ROUNDS times
# (default 2), incremental state emptied before each check, side by side.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
docs=("$@")
if [ ${#docs[@]} -eq 0 ]; then
  docs=(spec/aws-codepipeline.yaml spec/petstore.yaml)
  k8s=../shared/corpus/large/kubernetes__swagger.json.unprocessed
  if [ -f "$k8s" ]; then docs+=("$k8s"); else echo "skip Kubernetes: $k8s is absent"; fi
fi

cargo build --release --quiet -p swagger-stubgen-cli
cli=$root/target/release/swagger-stubgen
work=$root/target/bench-check
mkdir -p "$work/src"
cp Cargo.lock "$work/Cargo.lock"
cat >"$work/Cargo.toml" <<'TOML'
[package]
name = "bench-check"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
serde = { version = "1", features = ["derive"] }
serde_json = { version = "1", features = ["preserve_order"] }
bytes = "1"
axum = { version = "0.8", default-features = false, features = ["http1", "tokio", "multipart"] }
reqwest = { version = "0.13", default-features = false }
chrono = { version = "0.4", default-features = false, features = ["std", "serde"] }
uuid = { version = "1", default-features = false, features = ["std", "serde"] }
regex-lite = "0.1"
tokio = { version = "1", features = ["time"] }
futures-core = "0.3"

[workspace]
TOML
# Dependencies first, with an empty crate.
echo >"$work/src/lib.rs"
(cd "$work" && cargo check --offline --quiet)

# Times `cargo check` of the output of CLI for DOC; prints lines and seconds.
check() {
  local cli=$1 doc=$2 label=$3 out file lines start end
  out=$(mktemp -d)
  "$cli" generate "$doc" --out "$out" ${GEN_FLAGS:-} >/dev/null 2>&1
  file=$(ls "$out"/*.rs)
  lines=$(wc -l <"$file")
  cp "$file" "$work/src/lib.rs"
  rm -rf "$work/target/debug/incremental"
  start=$(date +%s.%N)
  (cd "$work" && cargo check --offline --quiet) || { echo "FAIL: $doc does not check"; exit 1; }
  end=$(date +%s.%N)
  rm -rf "$out"
  printf '%s%s: %d generated lines, cargo check %.1f s\n' "$label" "$doc" "$lines" "$(echo "$end - $start" | bc)"
}

for doc in "${docs[@]}"; do
  if [ -n "${BASELINE:-}" ]; then
    for round in $(seq "${ROUNDS:-2}"); do
      check "$BASELINE" "$doc" "baseline, round $round: "
      check "$cli" "$doc" "current, round $round: "
    done
  else
    check "$cli" "$doc" ""
  fi
done
