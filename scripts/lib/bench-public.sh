# Sourced by scripts/bench: the public results page under load.
#
# The published results page is the one page anyone can open, so it is the one
# that gets everyone at once. This starts the release `juara` on a fresh data
# directory with the demo, finds the edition whose results are published (newest
# year) through GET /api/v1/editions, and saves /editions/SLUG/results once. The
# yardstick is server/examples/static_baseline.rs serving those same bytes at
# every path: the cheapest way axum can serve a page of that size, so the page is
# measured as a fraction of what this machine and this stack can do at all.
#
# - Load: wrk, 2 threads and 64 connections, a 3 s warm-up, then
#   JUARA_BENCH_SECONDS (default 15) on the results page, then the same on the
#   baseline. No request carries cookies or Accept-Encoding, so both servers send
#   the same uncompressed HTML and the difference is the rendering.
# - Size: the HTML and its stylesheet as a phone gets them (Accept-Encoding: br,
#   gzip), and whether the page revalidates (If-None-Match; 304 expected).
#
# Targets: at least 0.5 × the baseline's requests per second, a p99 at most
# 2 × the baseline's, and at most 60 KB (61,440 bytes) of HTML + CSS compressed.
# Both servers and wrk share the same two cores: read the ratios first.
#
# Only loopback addresses are ever targeted; both ports are picked free.

# bench_public OUT_FILE — builds the release server and the baseline, runs wrk.
# shellcheck source=demo-server.sh
source "$root/scripts/lib/demo-server.sh"

bench_public() {
  local out="$1"
  rm -f "$out"
  (
    cd "$root"
    scripts/lib/install-tools.sh
    export PATH="$root/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
    cargo leptos build --release --precompress
    # The same flags cargo-leptos gives the server, so its release artifacts are
    # reused and only the baseline is compiled.
    LEPTOS_OUTPUT_NAME=juara RUSTFLAGS="--cfg erase_components" \
      cargo build --release -p server --example static_baseline
    if ! command -v wrk >/dev/null 2>&1; then
      echo "==> Installing Debian's wrk for the public benchmark"
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq
      apt-get install -y -qq --no-install-recommends wrk >/dev/null
    fi

    local seconds="${JUARA_BENCH_SECONDS:-15}"
    local threads=2 connections=64
    local scratch data baseline_pid=""
    DEMO_PID=""
    scratch="$(mktemp -d)"
    data="$(mktemp -d)"
    # Background jobs of a non-interactive shell ignore Ctrl-C, so the servers
    # are stopped here however this subshell ends.
    cleanup() {
      local pid
      for pid in "$baseline_pid" "${DEMO_PID:-}"; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
          kill "$pid" 2>/dev/null || true
          wait "$pid" 2>/dev/null || true
        fi
      done
      rm -rf "$scratch" "$data"
    }
    trap cleanup EXIT

    # header FILE NAME — the value of header NAME (lower case) in a `curl -D` dump.
    header() {
      awk -v name="$2" '
        { sub(/\r$/, "") }
        tolower(substr($0, 1, length(name) + 1)) == name ":" {
          value = substr($0, length(name) + 2); sub(/^[ \t]+/, "", value); print value; exit
        }' "$1"
    }

    # load URL NAME — a warm-up, then the measured run into $scratch/NAME.wrk.
    load() {
      case "$1" in
        http://127.0.0.1:*/*) ;;
        *)
          echo "scripts/bench: refusing to load $1: loopback only" >&2
          return 1
          ;;
      esac
      echo "==> wrk: $2, ${seconds}s, $connections connections"
      wrk -t"$threads" -c"$connections" -d3s "$1" >/dev/null
      wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$1" >"$scratch/$2.wrk"
    }

    # The release server with the demo, on its own embedded database.
    local base
    start_demo_server "$data" "$scratch/juara.log"
    base="$DEMO_BASE"

    # The demo names its editions after the current year, so the slug is asked
    # for rather than written here.
    local slug
    slug="$(curl -fsS "$base/api/v1/editions" | python3 -c '
import json, sys
published = [e for e in json.load(sys.stdin) if e.get("results_published")]
if not published:
    sys.exit("scripts/bench: no edition in /api/v1/editions has published results")
print(max(published, key=lambda e: e["year"])["slug"])
')"
    local path="/editions/$slug/results"
    local page_url="$base$path"

    # The page as wrk will get it: no cookies, no Accept-Encoding.
    local status
    status="$(curl -sS -o "$scratch/page.html" -w '%{http_code}' "$page_url")"
    if [ "$status" != 200 ]; then
      echo "scripts/bench: GET $path answered $status, not 200" >&2
      exit 1
    fi

    local css_path
    css_path="$(python3 - "$scratch/page.html" <<'PY'
import sys
from html.parser import HTMLParser

class Stylesheet(HTMLParser):
    href = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and self.href is None and "stylesheet" in (attrs.get("rel") or "").split():
            self.href = attrs.get("href")

parser = Stylesheet()
parser.feed(open(sys.argv[1], encoding="utf-8").read())
# A path on this server only: nothing else is ever fetched.
if not parser.href or not parser.href.startswith("/") or parser.href.startswith("//"):
    sys.exit(f"scripts/bench: no same-origin <link rel=stylesheet> in the results page ({parser.href!r})")
print(parser.href)
PY
)"

    # Bytes on the wire as a phone asks for them (curl does not decode without
    # --compressed, so size_download is the compressed size).
    local html_compressed css_compressed css_raw
    html_compressed="$(curl -fsS -o /dev/null -D "$scratch/html.headers" -w '%{size_download}' \
      -H 'Accept-Encoding: br, gzip' "$page_url")"
    css_compressed="$(curl -fsS -o /dev/null -D "$scratch/css.headers" -w '%{size_download}' \
      -H 'Accept-Encoding: br, gzip' "$base$css_path")"
    css_raw="$(curl -fsS -o /dev/null -w '%{size_download}' "$base$css_path")"

    # A phone coming back revalidates with the ETag it was given.
    local etag revalidation=""
    etag="$(header "$scratch/html.headers" etag)"
    if [ -n "$etag" ]; then
      revalidation="$(curl -sS -o /dev/null -w '%{http_code}' -H 'Accept-Encoding: br, gzip' \
        -H "If-None-Match: $etag" "$page_url")"
    fi

    local baseline_port baseline_url
    baseline_port="$(free_port)"
    # The same path on both, so the requests are byte for byte the same size.
    baseline_url="http://127.0.0.1:$baseline_port$path"
    "$CARGO_TARGET_DIR/release/examples/static_baseline" \
      --file "$scratch/page.html" --addr "127.0.0.1:$baseline_port" >"$scratch/baseline.log" 2>&1 &
    baseline_pid=$!
    wait_until_up "$baseline_url" "$baseline_pid" "$scratch/baseline.log" "static_baseline"
    curl -fsS -o "$scratch/baseline.html" "$baseline_url"
    if ! cmp -s "$scratch/page.html" "$scratch/baseline.html"; then
      echo "scripts/bench: the baseline does not serve the saved page's bytes" >&2
      exit 1
    fi

    load "$page_url" page
    load "$baseline_url" baseline

    BENCH_PATH="$path" BENCH_SLUG="$slug" BENCH_CSS_PATH="$css_path" \
      BENCH_HTML_COMPRESSED="$html_compressed" BENCH_CSS_COMPRESSED="$css_compressed" \
      BENCH_CSS_RAW="$css_raw" BENCH_ETAG="$etag" BENCH_REVALIDATION="$revalidation" \
      BENCH_SECONDS="$seconds" BENCH_THREADS="$threads" BENCH_CONNECTIONS="$connections" \
      python3 - "$out" "$scratch" <<'PY'
import json, os, re, sys

out, scratch = sys.argv[1], sys.argv[2]
env = os.environ
TO_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def wrk(name):
    path = os.path.join(scratch, name + ".wrk")
    text = open(path).read()
    rps = re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)
    p50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s|m|h)\s*$", text, re.M)
    p99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s|m|h)\s*$", text, re.M)
    if not rps or not p99:
        sys.exit(f"scripts/bench: could not read wrk's report for {name}:\n{text}")
    requests = re.search(r"^\s+(\d+) requests in ", text, re.M)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text
    )
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    return {
        "rps": round(float(rps.group(1)), 1),
        "p50_ms": round(float(p50.group(1)) * TO_MS[p50.group(2)], 3) if p50 else None,
        "p99_ms": round(float(p99.group(1)) * TO_MS[p99.group(2)], 3),
        "requests": int(requests.group(1)) if requests else None,
        "non_2xx_3xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": dict(
            zip(("connect", "read", "write", "timeout"), map(int, sockets.groups()))
        )
        if sockets
        else {"connect": 0, "read": 0, "write": 0, "timeout": 0},
    }


def headers(name):
    found = {}
    for line in open(os.path.join(scratch, name + ".headers"), encoding="latin-1"):
        key, sep, value = line.partition(":")
        if sep:
            found.setdefault(key.strip().lower(), value.strip())
    return found


def ratio(a, b):
    return round(a / b, 3) if b else None


page, baseline = wrk("page"), wrk("baseline")
html_headers, css_headers = headers("html"), headers("css")
html_compressed = int(env["BENCH_HTML_COMPRESSED"])
css_compressed = int(env["BENCH_CSS_COMPRESSED"])
page_bytes = html_compressed + css_compressed
targets = {"ratio_min": 0.5, "p99_ratio_max": 2.0, "page_bytes_compressed_max": 61440}
report = {
    "url": env["BENCH_PATH"],
    "edition": env["BENCH_SLUG"],
    "rps": page["rps"],
    "p50_ms": page["p50_ms"],
    "p99_ms": page["p99_ms"],
    "requests": page["requests"],
    "non_2xx_3xx": page["non_2xx_3xx"],
    "socket_errors": page["socket_errors"],
    "baseline_rps": baseline["rps"],
    "baseline_p50_ms": baseline["p50_ms"],
    "baseline_p99_ms": baseline["p99_ms"],
    "baseline_requests": baseline["requests"],
    "baseline_non_2xx_3xx": baseline["non_2xx_3xx"],
    "baseline_socket_errors": baseline["socket_errors"],
    "ratio": ratio(page["rps"], baseline["rps"]),
    "p99_ratio": ratio(page["p99_ms"], baseline["p99_ms"]),
    "page_bytes_compressed": page_bytes,
    "html_bytes_compressed": html_compressed,
    "css_bytes_compressed": css_compressed,
    "html_bytes_raw": os.path.getsize(os.path.join(scratch, "page.html")),
    "css_bytes_raw": int(env["BENCH_CSS_RAW"]),
    "css_path": env["BENCH_CSS_PATH"],
    "content_encoding": html_headers.get("content-encoding"),
    "css_content_encoding": css_headers.get("content-encoding"),
    "cache_control": html_headers.get("cache-control"),
    "etag": env["BENCH_ETAG"] or None,
    "revalidation_status": int(env["BENCH_REVALIDATION"]) if env["BENCH_REVALIDATION"] else None,
    "targets": targets,
}
errors = page["non_2xx_3xx"] + sum(page["socket_errors"].values())
report["meets_targets"] = {
    "ratio": report["ratio"] is not None and report["ratio"] >= targets["ratio_min"],
    "p99_ratio": report["p99_ratio"] is not None
    and report["p99_ratio"] <= targets["p99_ratio_max"],
    "page_bytes_compressed": page_bytes <= targets["page_bytes_compressed_max"],
    "no_errors": errors == 0,
}
report["meets_targets"]["all"] = all(report["meets_targets"].values())
# Reported beside the targets, not among them: a 304 saves a returning phone the
# page, but says nothing about the first visit measured above.
report["meets_targets"]["revalidates"] = report["revalidation_status"] == 304
report.update(
    {
        "connections": int(env["BENCH_CONNECTIONS"]),
        "threads": int(env["BENCH_THREADS"]),
        "seconds": int(env["BENCH_SECONDS"]),
        "tool": "wrk",
        "cores": os.cpu_count(),
        "note": f"both servers and wrk share the same {os.cpu_count()} cores (loopback); "
        "no cookies, no Accept-Encoding under load; read the ratios before the absolute figures",
    }
)
with open(out, "w") as file:
    json.dump(report, file, indent=2)
    file.write("\n")
PY
  )
  if [ ! -s "$out" ]; then
    echo "scripts/bench: the public benchmark ran but wrote no $out" >&2
    return 1
  fi
  echo "==> $out"
  cat "$out"
}
