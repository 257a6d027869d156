# Helpers for the conformance scripts (sourced; `here` is this folder).

# setup EXAMPLE [DOCUMENT...]: installs the tools, builds the example, and
# sets root, tools, reports and specs (the documents asked for, by default
# petstore and seed).
setup() {
  root=$(cd "$here/../.." && pwd)
  tools=${CONFORMANCE_TOOLS:-$root/target/conformance}
  reports=$root/target/conformance/reports
  mkdir -p "$reports"
  bash "$here/install.sh"
  cargo build --quiet -p generated --example "$1" --manifest-path "$root/Cargo.toml"
  shift
  specs=("$@")
  [ ${#specs[@]} -eq 0 ] && specs=(petstore seed)
  return 0
}

# start_bg LOG CMD...: starts CMD in the background, output to LOG; sets BG_PID.
start_bg() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 &
  BG_PID=$!
}

# wait_port PORT SECONDS PID: waits until 127.0.0.1:PORT accepts, failing
# early when PID exits.
wait_port() {
  local port=$1 seconds=$2 pid=$3 i
  for ((i = 0; i < seconds * 10; i++)); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    kill -0 "$pid" 2>/dev/null || { echo "process $pid exited before port $port opened"; return 1; }
    sleep 0.1
  done
  echo "port $port did not open in $seconds s"
  return 1
}

# stop_pid PID: stops PID (TERM, then KILL after 5 s).
stop_pid() {
  local pid=$1 i
  kill "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}
