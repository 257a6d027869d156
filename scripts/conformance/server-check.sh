#!/usr/bin/env bash
# Schemathesis against the generated servers: builds the `serve` example,
# serves each document on 127.0.0.1, runs every check with positive and
# negative data (fixed seed, bounded examples, hard time cap) and stops the
# server. Exit status: 0 when every run passed.
# Usage: scripts/conformance/server-check.sh [petstore|seed|fake|fake_oas3 ...]
# (default: all four; `fake` and `fake_oas3`, openapi-generator's test
# document in its Swagger 2.0 and OpenAPI 3.0 editions, are skipped with a
# message when ../shared/corpus or ../shared/corpus-oas3 is absent).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
fake_spec=$here/../../../shared/corpus/openapi-generator/petstore-with-fake-endpoints-models-for-testing.yaml
fake_oas3_spec=$here/../../../shared/corpus-oas3/openapi-generator/petstore-with-fake-endpoints-models-for-testing.yaml
if [ $# -eq 0 ]; then set -- petstore seed fake fake_oas3; fi
setup serve "$@"
serve=$root/target/debug/examples/serve
failed=0
port=18081
for name in "${specs[@]}"; do
  case $name in
    petstore) spec=$root/spec/petstore.yaml ;;
    seed)
      # Schemathesis cannot load a YAML stream with a second, empty document
      # (the seed's trailing `---`): give it the first document only.
      spec=$reports/seed.yaml
      sed '$ { /^---$/d }' "$root/spec/aws-codepipeline.yaml" >"$spec"
      ;;
    fake)
      if [ ! -f "$fake_spec" ]; then
        echo "schemathesis fake: skipped, $fake_spec is absent"
        continue
      fi
      spec=$fake_spec
      ;;
    fake_oas3)
      if [ ! -f "$fake_oas3_spec" ]; then
        echo "schemathesis fake_oas3: skipped, $fake_oas3_spec is absent"
        continue
      fi
      # The document's first server is `http://{server}.swagger.io:{port}/v2`
      # and /pet lists servers of its own; the generated server serves every
      # path under /v2, as for_prism.py writes them (servers dropped).
      spec=$reports/fake_oas3.json
      "$tools/venv/bin/python" "$here/for_prism.py" "$fake_oas3_spec" "$spec"
      ;;
    *) echo "unknown document $name"; exit 2 ;;
  esac
  port=$((port + 1))
  start_bg "$reports/$name.server.log" "$serve" "$name" "$port"
  pid=$BG_PID
  trap 'stop_pid $pid' EXIT
  wait_port "$port" 30 "$pid" || { cat "$reports/$name.server.log"; exit 1; }
  work=$(mktemp -d)
  rc=0
  (cd "$work" && timeout 600 "$tools/venv/bin/st" --config-file "$here/schemathesis.$name.toml" run "$spec" \
    --origin "http://127.0.0.1:$port" \
    -n "${ST_EXAMPLES:-25}" -w "${ST_WORKERS:-1}" --seed "${ST_SEED:-1}" --generation-database none \
    --no-color --report junit --report-dir "$reports/$name") >"$reports/$name.st.log" 2>&1 || rc=$?
  rm -rf "$work"
  stop_pid "$pid"
  trap - EXIT
  summary=$(grep -E '^\s+[0-9]+ generated' "$reports/$name.st.log" | tail -1 | sed 's/^ *//')
  if [ "$rc" -eq 0 ]; then
    echo "schemathesis $name: passed. $summary"
  else
    echo "schemathesis $name: FAILED (exit $rc). $summary"
    sed -n '/FAILURES/,$p' "$reports/$name.st.log" | head -120
    failed=1
  fi
done
exit $failed
