#!/usr/bin/env bash
# The build-script contract, checked with cargo itself:
#  1. a second `cargo build` with nothing changed reruns and recompiles nothing;
#  2. touching a document without changing it leaves its generated file as it
#     was, mtime included, so rustc's incremental cache reuses everything
#     (cargo itself reruns the build script and rustc on any newer mtime);
#  3. editing a document in spec/ reruns the build script and regenerates its
#     module (the document is restored afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."

spec=spec/petstore.yaml
backup=$(mktemp)
cp "$spec" "$backup"
restore() { cp "$backup" "$spec"; rm -f "$backup"; }
trap restore EXIT

cargo build -p generated --quiet
second=$(cargo build -p generated -v 2>&1)
if grep -Eq '^\s*(Compiling|Running) ' <<<"$second"; then
  echo "FAIL: a no-op rebuild did work:"; echo "$second"; exit 1
fi
echo "ok: a no-op rebuild is fresh"

out_dir=$(dirname "$(ls -t target/debug/build/generated-*/out/petstore.rs | head -n 1)")
before=$(sha256sum "$out_dir/petstore.rs" | cut -d' ' -f1)
mtime=$(stat -c %Y.%N "$out_dir/petstore.rs")
sleep 1
touch "$spec"
touched=$(cargo build -p generated -v 2>&1)
grep -q 'Running .*build-script-build' <<<"$touched" || { echo "FAIL: touching $spec did not rerun the build script"; echo "$touched"; exit 1; }
[ "$(stat -c %Y.%N "$out_dir/petstore.rs")" = "$mtime" ] || { echo "FAIL: touching $spec rewrote petstore.rs"; exit 1; }
echo "ok: touching $spec reran the build script and left petstore.rs untouched"
# An edit that changes the generated code: a new operation summary.
sed -i 's/summary: Delete a pet/summary: Delete a pet (edited by check-rebuild)/' "$spec"
edited=$(cargo build -p generated -v 2>&1)
grep -q 'Running .*build-script-build' <<<"$edited" || { echo "FAIL: editing $spec did not rerun the build script"; echo "$edited"; exit 1; }
out_dir=$(dirname "$(ls -t target/debug/build/generated-*/out/petstore.rs | head -n 1)")
grep -q 'edited by check-rebuild' "$out_dir/petstore.rs" || { echo "FAIL: $spec was edited but petstore.rs was not regenerated"; exit 1; }
echo "ok: editing $spec regenerated petstore.rs"

restore; trap - EXIT
cargo build -p generated --quiet
after=$(sha256sum "$(dirname "$(ls -t target/debug/build/generated-*/out/petstore.rs | head -n 1)")/petstore.rs" | cut -d' ' -f1)
[ "$before" = "$after" ] || { echo "FAIL: restoring $spec did not restore petstore.rs"; exit 1; }
echo "ok: restoring $spec restored petstore.rs"
