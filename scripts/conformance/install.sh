#!/usr/bin/env bash
# Installs the conformance tools at pinned versions into target/conformance
# (idempotent; needs the npm registry and PyPI once, nothing at run time):
# Schemathesis 4.32.5 in a virtualenv (its dependencies pinned by
# constraints-schemathesis.txt), Prism 5.14.2 (the newest that runs on Node 20).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tools=${CONFORMANCE_TOOLS:-$here/../../target/conformance}
mkdir -p "$tools"
export DO_NOT_TRACK=1 SCARF_ANALYTICS=false

if [ ! -x "$tools/venv/bin/st" ]; then
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check \
    -c "$here/constraints-schemathesis.txt" schemathesis==4.32.5
fi
if [ ! -x "$tools/prism/node_modules/.bin/prism" ]; then
  npm install --no-fund --no-audit --save-exact --loglevel=error \
    --prefix "$tools/prism" @stoplight/prism-cli@5.14.2
fi
echo "schemathesis $("$tools/venv/bin/st" --version | awk '{print $NF}'), prism $("$tools/prism/node_modules/.bin/prism" --version) in $tools"
