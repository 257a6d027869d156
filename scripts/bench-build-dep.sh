#!/usr/bin/env bash
# The cost of swagger-stubgen as a build dependency: the cold build of a fresh
# crate whose build.rs uses the library (and nothing else), in its own target
# directory, and the number of crates that build compiles.
# Usage: scripts/bench-build-dep.sh [profile: dev|release]  (prints figures)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
profile=${1:-dev}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/src"
cat >"$work/Cargo.toml" <<TOML
[package]
name = "build-dep-probe"
version = "0.0.0"
edition = "2024"
publish = false

[build-dependencies]
swagger-stubgen = { path = "$root/codegen" }
TOML
cat >"$work/build.rs" <<'RS'
fn main() {
    swagger_stubgen::Builder::new()
        .spec("spec.yaml")
        .generate()
        .unwrap_or_else(|e| panic!("{e}"));
}
RS
echo '// The generated code is not compiled here: only the build dependency is measured.' >"$work/src/lib.rs"
cp "$root/spec/aws-codepipeline.yaml" "$work/spec.yaml"
# The project's lock file, so that the versions are the ones the project tests.
cp "$root/Cargo.lock" "$work/Cargo.lock"

args=()
[ "$profile" = release ] && args+=(--release)
cd "$work"
cargo fetch --quiet
start=$(date +%s.%N)
log=$(cargo build "${args[@]}" 2>&1) || { echo "$log"; exit 1; }
end=$(date +%s.%N)
crates=$(grep -c '^\s*Compiling ' <<<"$log")
# The probe itself is one of them.
echo "build dependency ($profile): $((crates - 1)) crates compiled besides the probe, cold build $(printf '%.1f' "$(echo "$end - $start" | bc)") s on $(nproc) cores"
echo "crates: $(grep '^\s*Compiling ' <<<"$log" | awk '{print $2}' | grep -v build-dep-probe | sort | tr '\n' ' ')"
