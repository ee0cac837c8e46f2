# Sourced by scripts/bench: the judging load test.
#
# server/examples/judging_load.rs seeds a fresh data directory (the demo edition
# plus JUARA_BENCH_JUDGES judges, default 50, each assigned to every entry of the
# open desk stage), starts the release `juara` on the embedded database with
# every commit fsynced, and has every judge save score-sheet revisions for
# JUARA_BENCH_SECONDS (default 30), JUARA_BENCH_THINK_MS apart (default 0: back to
# back, the server's ceiling). One revision in twenty is sent twice and must be
# answered as a replay. Then the server is killed with SIGKILL, restarted, and
# every judge's last acknowledged revision is read back; `missing` counts those
# not stored. Target: p99 under 20 ms, no errors, nothing missing.

# bench_judging OUT_FILE — builds the release server and the load client, runs it.
bench_judging() {
  local out="$1"
  rm -f "$out"
  (
    cd "$root"
    scripts/lib/install-tools.sh
    export PATH="$root/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
    cargo leptos build --release
    # The same flags cargo-leptos gives the server, so its release artifacts are
    # reused and only the load client is compiled.
    LEPTOS_OUTPUT_NAME=juara RUSTFLAGS="--cfg erase_components" \
      cargo build --release -p server --example judging_load
    "$CARGO_TARGET_DIR/release/examples/judging_load" \
      --judges "${JUARA_BENCH_JUDGES:-50}" \
      --seconds "${JUARA_BENCH_SECONDS:-30}" \
      --think-ms "${JUARA_BENCH_THINK_MS:-0}" \
      --server "$CARGO_TARGET_DIR/release/juara" \
      --site-root "$CARGO_TARGET_DIR/site" \
      --out "$out"
  )
  if [ ! -s "$out" ]; then
    echo "scripts/bench: the judging load test ran but wrote no $out" >&2
    return 1
  fi
  echo "==> $out"
}
