# Sourced by scripts/bench: the release wasm alone, built exactly as
# `cargo leptos build --release` builds it (the frontend crate in the
# wasm-release profile with erased components, wasm-bindgen for the web,
# wasm-opt -Oz with cargo-leptos' flags), without the release server, whose
# cold build takes half an hour here. For a quick look at what a change does to
# the wasm; `scripts/bench pages` measures what a visitor receives.
#
# Writes the wasm's size raw and brotli-compressed at the best level (as
# `--precompress` serves it) and its largest crates, before wasm-opt (the
# names are gone after).

# bench_wasm OUT_FILE
bench_wasm() {
  local out="$1"
  rm -f "$out"
  (
    cd "$root"
    scripts/lib/install-tools.sh
    export PATH="$root/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
    local front="$CARGO_TARGET_DIR/front" scratch
    # The flags cargo-leptos passes (cargo-leptos' compile/front.rs and
    # config/project.rs, 0.3.10): `always-erase-components` in Cargo.toml.
    RUSTFLAGS="--cfg erase_components" cargo build --package=frontend --lib \
      --target-dir="$front" --target=wasm32-unknown-unknown --profile=wasm-release
    local built="$front/wasm32-unknown-unknown/wasm-release/frontend.wasm"
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' EXIT
    wasm-bindgen --target=web --out-name=juara --out-dir="$scratch" "$built"
    # Crates by function names, read before wasm-opt drops them (and after
    # wasm-bindgen has demangled them).
    local contributors
    contributors="$(python3 scripts/lib/wasm_size.py contributors "$scratch/juara_bg.wasm" 12)"
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
      "$scratch/juara_bg.wasm" -o "$scratch/juara_bg.wasm"
    python3 scripts/lib/wasm_size.py optimised "$scratch/juara_bg.wasm"
    node -e '
      const fs = require("fs"), zlib = require("zlib");
      const [wasm, out, contributors] = process.argv.slice(1);
      const raw = fs.readFileSync(wasm);
      const brotli = zlib.brotliCompressSync(raw, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY },
      });
      const figures = {
        wasm_bytes: raw.length,
        wasm_brotli_bytes: brotli.length,
        largest_crates_before_wasm_opt: JSON.parse(contributors),
      };
      fs.writeFileSync(out, JSON.stringify(figures, null, 2) + "\n");
      console.log(`release wasm: ${raw.length} bytes, ${brotli.length} brotli (best level)`);
    ' "$scratch/juara_bg.wasm" "$out" "$contributors"
  )
  echo "figures written to $out"
}
