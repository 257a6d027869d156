#!/usr/bin/env bash
# The corpus test over ../shared/corpus-oas3 (OpenAPI 3.0 and 3.1) alone (CI
# runs it with the Swagger 2.0 one in `cargo test --workspace`): every
# document must generate code that compiles under clippy without warnings,
# or get a located
# diagnostic; at least 97% must generate. Prints the summary line and the
# first failures.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI=true INSTA_UPDATE=no
cargo test --test corpus -- --nocapture every_oas3_corpus_document
