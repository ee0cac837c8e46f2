# Sourced by scripts/bench: what the pages a person opens first cost on a weak
# network (issue 19's targets).
#
# Builds the release server and site (wasm-opt'd, precompressed), checks that
# the wasm went through wasm-opt, starts the release `juara` with the demo, and
# runs end2end/bench/pages.mjs: for each page, a first visit in Debian's
# Chromium throttled to 4G (9 Mbit/s, 170 ms, CPU 4× slower) counting the bytes
# on the wire by type until the page is interactive, the same unthrottled, and
# Lighthouse's mobile scores for the results, catalogue and edition pages. The
# build's sizes (raw and brotli as served) and the wasm's largest crates are
# added to the figures.
#
# Only loopback addresses are ever targeted; the port is picked free.

# shellcheck source=demo-server.sh
source "$root/scripts/lib/demo-server.sh"

# bench_pages OUT_FILE
bench_pages() {
  local out="$1"
  rm -f "$out"
  (
    cd "$root"
    scripts/lib/install-tools.sh --browser
    export PATH="$root/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
    cargo leptos build --release --precompress
    if [ ! -d end2end/bench/node_modules/lighthouse ]; then
      echo "==> Installing Lighthouse for the pages benchmark (end2end/bench)"
      (cd end2end/bench && npm ci --no-audit --no-fund)
    fi

    local pkg="$CARGO_TARGET_DIR/site/pkg" wasm
    wasm="$(find "$pkg" -maxdepth 1 -name '*.wasm' | head -n 1)"
    if [ -z "$wasm" ]; then
      echo "scripts/bench: no wasm in $pkg after the release build" >&2
      exit 1
    fi
    # A release wasm that skipped wasm-opt is several times larger: fail
    # rather than measure it.
    python3 scripts/lib/wasm_size.py optimised "$wasm"
    if [ ! -f "$wasm.br" ]; then
      echo "scripts/bench: $wasm.br is missing: the site was not precompressed" >&2
      exit 1
    fi

    local scratch data
    scratch="$(mktemp -d)"
    data="$(mktemp -d)"
    DEMO_PID=""
    cleanup() {
      if [ -n "$DEMO_PID" ] && kill -0 "$DEMO_PID" 2>/dev/null; then
        kill "$DEMO_PID" 2>/dev/null || true
        wait "$DEMO_PID" 2>/dev/null || true
      fi
      rm -rf "$scratch" "$data"
    }
    trap cleanup EXIT

    # The crates behind the wasm's code: names survive wasm-bindgen (which
    # demangles them) but not wasm-opt, so this reads cargo's own output.
    wasm-bindgen --target web --no-typescript --out-dir "$scratch/named" \
      "$CARGO_TARGET_DIR/front/wasm32-unknown-unknown/wasm-release/frontend.wasm"
    python3 scripts/lib/wasm_size.py contributors "$scratch/named/frontend_bg.wasm" 15 \
      >"$scratch/contributors.json"

    start_demo_server "$data" "$scratch/juara.log"
    node end2end/bench/pages.mjs "$DEMO_BASE" "$scratch/pages.json"

    python3 - "$out" "$scratch" "$pkg" <<'PY'
import json, os, sys

out, scratch, pkg = sys.argv[1:4]
figures = json.load(open(os.path.join(scratch, "pages.json")))
assets = {}
for name in sorted(os.listdir(pkg)):
    # The compressed copies, and the TypeScript declarations no browser asks for.
    if name.endswith((".br", ".gz", ".ts")):
        continue
    path = os.path.join(pkg, name)
    kind = name.rsplit(".", 1)[-1]
    brotli = path + ".br"
    assets[kind] = {
        "file": name,
        "raw_bytes": os.path.getsize(path),
        "brotli_bytes": os.path.getsize(brotli) if os.path.exists(brotli) else None,
    }
figures["build"] = {
    "assets": assets,
    "wasm_code_before_wasm_opt": json.load(open(os.path.join(scratch, "contributors.json"))),
}
json.dump(figures, open(out, "w"), indent=2)
open(out, "a").write("\n")
missed = [f"{row['name']}: {', '.join(row['misses'])}" for row in figures["pages"] if row["misses"]]
print(f"==> wrote {out}")
for line in missed:
    print(f"    target missed: {line}")
PY
  )
}
