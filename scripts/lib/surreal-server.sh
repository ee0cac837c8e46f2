# Sourced by scripts/test and scripts/bench: a SurrealDB server (juara-surreal,
# built by `cargo build -p surreal-server --profile surreal`) on a free loopback
# port, SurrealKV storage in a fresh directory, root/root.

# start_surreal_server BINARY — starts it and waits until it answers /health;
# sets SURREAL_URL (ws://…), SURREAL_PID and SURREAL_DIR for stop_surreal_server.
start_surreal_server() {
  local binary="$1" port
  SURREAL_DIR=$(mktemp -d)
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  SURREAL_LOG=warn "$binary" start --no-banner --user root --pass root \
    --bind "127.0.0.1:$port" "surrealkv://$SURREAL_DIR/data" >/dev/null 2>&1 &
  SURREAL_PID=$!
  SURREAL_URL="ws://127.0.0.1:$port"
  python3 - "$port" <<'PY'
import sys, time, urllib.request
for _ in range(200):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/health", timeout=2)
        sys.exit(0)
    except OSError:
        time.sleep(0.3)
sys.exit("the SurrealDB server did not answer /health")
PY
}

# stop_surreal_server — stops the server start_surreal_server started and
# removes its data; safe to call twice (and from an EXIT trap).
stop_surreal_server() {
  if [ -n "${SURREAL_PID:-}" ]; then
    kill "$SURREAL_PID" 2>/dev/null || true
    wait "$SURREAL_PID" 2>/dev/null || true
  fi
  [ -z "${SURREAL_DIR:-}" ] || rm -rf "$SURREAL_DIR"
  SURREAL_PID=""
  SURREAL_DIR=""
}
