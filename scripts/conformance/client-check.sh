#!/usr/bin/env bash
# Prism against the generated clients: rewrites each document for Prism
# (for_prism.py), starts Prism 5.14.2 in mock mode on 127.0.0.1 (it validates
# every request against the document), calls every operation through the
# generated client with valid data (the `call` example), stops Prism, and
# fails when a call failed or Prism logged a request violation.
# Usage: scripts/conformance/client-check.sh [petstore|seed|fake|fake_oas3 ...]
# (default: all four; `fake` and `fake_oas3`, openapi-generator's test
# document in its Swagger 2.0 and OpenAPI 3.0 editions, are skipped with a
# message when ../shared/corpus or ../shared/corpus-oas3 is absent).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
fake_spec=$here/../../../shared/corpus/openapi-generator/petstore-with-fake-endpoints-models-for-testing.yaml
fake_oas3_spec=$here/../../../shared/corpus-oas3/openapi-generator/petstore-with-fake-endpoints-models-for-testing.yaml
if [ $# -eq 0 ]; then set -- petstore seed fake fake_oas3; fi
setup call "$@"
call=$root/target/debug/examples/call
failed=0
port=14010
for name in "${specs[@]}"; do
  case $name in
    petstore) spec=$root/spec/petstore.yaml ;;
    seed) spec=$root/spec/aws-codepipeline.yaml ;;
    fake)
      if [ ! -f "$fake_spec" ]; then
        echo "prism fake: skipped, $fake_spec is absent"
        continue
      fi
      spec=$fake_spec
      ;;
    fake_oas3)
      if [ ! -f "$fake_oas3_spec" ]; then
        echo "prism fake_oas3: skipped, $fake_oas3_spec is absent"
        continue
      fi
      spec=$fake_oas3_spec
      ;;
    *) echo "unknown document $name"; exit 2 ;;
  esac
  port=$((port + 1))
  mock=$reports/$name.prism.json
  "$tools/venv/bin/python" "$here/for_prism.py" "$spec" "$mock"
  log=$reports/$name.prism.log
  start_bg "$log" "$tools/prism/node_modules/.bin/prism" mock -h 127.0.0.1 -p "$port" "$mock"
  pid=$BG_PID
  trap 'stop_pid $pid' EXIT
  wait_port "$port" 60 "$pid" || { cat "$log"; exit 1; }
  rc=0
  timeout 120 "$call" "$name" "http://127.0.0.1:$port" >"$reports/$name.call.log" 2>&1 || rc=$?
  sleep 0.5 # Prism logs a request after answering it.
  stop_pid "$pid"
  trap - EXIT
  calls=$(grep -c '^call ' "$reports/$name.call.log" || true)
  # Operations the checking tool cannot check, each with its reason.
  skipped=$(grep '^skip ' "$reports/$name.call.log" | sed 's/^skip /; skipped /' | tr -d '\n' || true)
  # A violation Prism logs as a warning (a deprecated parameter, a security
  # scheme it cannot check) is reported, not counted.
  violations=$(grep -E 'Violation: request|Request terminated with error|NO_PATH_MATCHED|NO_METHOD_MATCHED' "$log" | grep -vc 'warning' || true)
  warnings=$(grep -E 'warning +Violation: request' "$log" | sed 's/.*Violation: /; Prism warning: /' | sort -u | tr -d '\n' || true)
  # Every call must have reached Prism and passed its request validation.
  validated=$(grep -c 'The request passed the validation rules' "$log" || true)
  if [ "$rc" -eq 0 ] && [ "$violations" -eq 0 ] && [ "$validated" -eq "$calls" ]; then
    echo "prism $name: passed: $calls operations called, every response decoded, 0 request violations$skipped$warnings"
  else
    echo "prism $name: FAILED: call exit $rc, $violations request violations, $validated of $calls requests validated"
    cat "$reports/$name.call.log"
    grep -E -A3 'Violation: request|Request terminated with error|NO_PATH_MATCHED|NO_METHOD_MATCHED' "$log" | head -40
    failed=1
  fi
done
exit $failed
