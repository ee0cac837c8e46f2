# Sourced by scripts/bench: the judging load test.
#
# server/examples/judging_load/ seeds a fresh data directory (the demo edition
# plus JUARA_BENCH_JUDGES judges, default 50, each assigned to every entry of the
# open desk stage), starts the release `juara` on the embedded database with
# every commit fsynced, and has every judge save score-sheet revisions for
# JUARA_BENCH_SECONDS (default 30). One revision in twenty is sent twice and must
# be answered as a replay. Then the server is killed with SIGKILL, restarted, and
# every judge's last acknowledged revision is read back; `missing` counts those
# not stored. Target: p99 under 20 ms, no errors, nothing missing.
#
# Two runs:
# - paced (the figures at the top of the report): each judge saves every
#   JUARA_BENCH_THINK_MS on average (default 100 ms, drawn between 50 and 150 so
#   judges are not in step) — ten saves a second per judge, some hundred times
#   what a person does;
# - saturation (under "saturation"): every judge saves back to back, which finds
#   the server's ceiling; latency there is queueing (50 requests always waiting).

# build_judging_load — the release server and site, and the load client.
build_judging_load() {
  cargo leptos build --release --precompress
  # The same flags cargo-leptos gives the server, so its release artifacts are
  # reused and only the load client is compiled.
  LEPTOS_OUTPUT_NAME=juara RUSTFLAGS="--cfg erase_components" \
    cargo build --release -p server --example judging_load
}

# bench_judging OUT_FILE — builds the release server and the load client, runs it.
bench_judging() {
  local out="$1"
  rm -f "$out"
  (
    cd "$root"
    scripts/lib/install-tools.sh
    export PATH="$root/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
    build_judging_load
    run() {
      "$CARGO_TARGET_DIR/release/examples/judging_load" \
        --judges "${JUARA_BENCH_JUDGES:-50}" \
        --seconds "${JUARA_BENCH_SECONDS:-30}" \
        --server "$CARGO_TARGET_DIR/release/juara" \
        --site-root "$CARGO_TARGET_DIR/site" \
        "$@" >/dev/null
    }
    run --think-ms "${JUARA_BENCH_THINK_MS:-100}" --out "$out.paced"
    run --think-ms 0 --out "$out.saturation"
    python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
report = json.load(open(out + ".paced"))
report["saturation"] = json.load(open(out + ".saturation"))
json.dump(report, open(out, "w"), indent=2)
open(out, "a").write("\n")
PY
    rm -f "$out.paced" "$out.saturation"
  )
  if [ ! -s "$out" ]; then
    echo "scripts/bench: the judging load test ran but wrote no $out" >&2
    return 1
  fi
  echo "==> $out"
  cat "$out"
}
