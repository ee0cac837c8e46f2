# Sourced by the benchmarks: a release `juara` serving the demo on a fresh data
# directory, on a free loopback port.

# free_port — a TCP port free on 127.0.0.1 at this moment.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_until_up URL PID LOG NAME — polls URL for up to 120 s (the demo is
# loaded before the server listens), giving up early if the process died.
wait_until_up() {
  local url="$1" pid="$2" log="$3" name="$4" tries=0
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "scripts/bench: $name exited before answering $url; its log:" >&2
      cat "$log" >&2
      return 1
    fi
    tries=$((tries + 1))
    if [ "$tries" -ge 240 ]; then
      echo "scripts/bench: $name did not answer $url within 120 s; its log ends:" >&2
      tail -n 50 "$log" >&2
      return 1
    fi
    sleep 0.5
  done
}

# start_demo_server DATA_DIR LOG — starts the release server with the demo on
# the embedded database in DATA_DIR, whatever this shell's environment says
# (--demo must never be pointed at a real database), and waits for it. Sets
# DEMO_PID (before the wait: a caller's cleanup stops a server that never
# answered too) and DEMO_BASE (http://127.0.0.1:PORT).
start_demo_server() {
  local data="$1" log="$2" port
  port="$(free_port)"
  DEMO_BASE="http://127.0.0.1:$port"
  env -u JUARA_DB -u JUARA_DB_USER -u JUARA_DB_PASS \
    JUARA_DATA="$data" JUARA_ADDR="127.0.0.1:$port" \
    JUARA_SITE_ROOT="$CARGO_TARGET_DIR/site" JUARA_LOG=warn \
    "$CARGO_TARGET_DIR/release/juara" serve --demo >"$log" 2>&1 &
  DEMO_PID=$!
  wait_until_up "$DEMO_BASE/healthz" "$DEMO_PID" "$log" "juara"
}
