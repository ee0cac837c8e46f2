# Sourced by scripts/bench: two Juara instances on one SurrealDB server against one
# instance on the embedded database, under the judging benchmark's load.
#
# Both setups run server/examples/judging_load/ with the same judges
# (JUARA_BENCH_JUDGES, default 50), pace (JUARA_BENCH_THINK_MS, default 100) and
# length (JUARA_BENCH_SECONDS, default 30), then load the published results page
# for 10 s with 32 readers per instance. On the server, judge n saves through
# instance n mod 2, and a 51st judge's saves on the first instance are timed until
# the committee's live dashboard on the second says `changed`. The SurrealDB
# server is juara-surreal (SurrealDB 3.3.5 from crates.io, SurrealKV storage,
# built at optimisation level 1: see the `surreal` profile), on loopback, on the
# same two cores as the instances and the load.

# bench_cluster OUT_FILE — builds what it needs, runs both setups, merges them.
bench_cluster() {
  local out="$1"
  rm -f "$out"
  (
    cd "$root"
    scripts/lib/install-tools.sh
    export PATH="$root/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
    # shellcheck source=bench-judging.sh
    source "$root/scripts/lib/bench-judging.sh"
    build_judging_load
    cargo build -p surreal-server --profile surreal
    load() {
      "$CARGO_TARGET_DIR/release/examples/judging_load" \
        --judges "${JUARA_BENCH_JUDGES:-50}" \
        --seconds "${JUARA_BENCH_SECONDS:-30}" \
        --think-ms "${JUARA_BENCH_THINK_MS:-100}" \
        --server "$CARGO_TARGET_DIR/release/juara" \
        --site-root "$CARGO_TARGET_DIR/site" \
        --public-seconds 10 \
        "$@" >/dev/null
    }
    load --out "$out.embedded"

    # shellcheck source=surreal-server.sh
    source "$root/scripts/lib/surreal-server.sh"
    start_surreal_server "$CARGO_TARGET_DIR/surreal/juara-surreal"
    trap stop_surreal_server EXIT
    load --database "$SURREAL_URL" --instances 2 --out "$out.cluster"
    stop_surreal_server

    python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
embedded = json.load(open(out + ".embedded"))
cluster = json.load(open(out + ".cluster"))
def figures(run):
    return {key: run[key] for key in ("database", "instances", "judges", "rps", "p50_ms", "p99_ms",
                                      "errors", "missing", "public_results_page", "dashboard_event")}
report = {
    "embedded_one_instance": figures(embedded),
    "server_two_instances": figures(cluster),
    "ratio_server_to_embedded": {
        "saves_per_second": round(cluster["rps"] / embedded["rps"], 2) if embedded["rps"] else None,
        "p99": round(cluster["p99_ms"] / embedded["p99_ms"], 2) if embedded["p99_ms"] else None,
        "results_page_requests_per_second": round(
            cluster["public_results_page"]["requests_per_second"]
            / embedded["public_results_page"]["requests_per_second"], 2)
            if embedded["public_results_page"]["requests_per_second"] else None,
    },
}
json.dump(report, open(out, "w"), indent=2)
open(out, "a").write("\n")
PY
    rm -f "$out.embedded" "$out.cluster"
  )
  if [ ! -s "$out" ]; then
    echo "scripts/bench: the cluster benchmark ran but wrote no $out" >&2
    return 1
  fi
  echo "==> $out"
  cat "$out"
}
