#!/usr/bin/env bash
# The bounded load test (generated/examples/load.rs): the generated petstore
# server next to a hand-written axum handler doing the same work, on
# 127.0.0.1, fixed connections and requests, release build. Prints requests
# per second for both and their ratio; fails on any error.
# Usage: scripts/conformance/load.sh [CONNECTIONS] [REQUESTS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cargo run --quiet --release -p generated --example load --manifest-path "$root/Cargo.toml" -- "${1:-16}" "${2:-40000}"
