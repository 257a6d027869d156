#!/usr/bin/env bash
# Lists the identifiers of ../shared/corpus and ../shared/corpus-oas3 that
# the generator's naming rule (codegen/src/names.rs) splits where a Rust
# programmer would not (`e_tag`, `ur_ls`), most frequent first (issue 13).
# A report for a reader, not a check; the worst cases go into names.rs's
# tables, which every test run checks.
set -euo pipefail
cd "$(dirname "$0")/.."
CI=true cargo test -p swagger-stubgen --lib -- --ignored --nocapture list_the_corpora_s_ugly_identifiers 2>&1 \
  | sed -n '/documents, /,/^test /p' | grep -v '^test '
