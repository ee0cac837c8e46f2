# Sourced by scripts/bench: the release wasm alone, built exactly as
# `cargo leptos build --release` builds it (the frontend crate in the
# wasm-release profile with erased components, wasm-bindgen for the web,
# wasm-opt -Oz with cargo-leptos' flags), without the release server, whose
# cold build takes half an hour here. For a quick look at what a change does to
# the wasm; `scripts/bench pages` measures what a visitor receives.
#
# Writes the wasm's size raw and brotli-compressed at the best level (as
# `--precompress` serves it) and its largest crates, before wasm-opt (the
# names are gone after); and the same for the framework's floor
# (scripts/lib/wasm-floor: one page shaped like the score sheet, nothing of
# the app's), so that the figures say how much of the wasm is the app's.

# shrink_wasm BUILT SCRATCH NAME: wasm-bindgen and wasm-opt as cargo-leptos
# runs them, into SCRATCH/NAME_bg.wasm, and the crates before wasm-opt into
# SCRATCH/NAME.crates.json. (Called plainly, not in `$(…)`, where `set -e`
# would not stop at a tool that fails.)
shrink_wasm() {
  local built="$1" scratch="$2" name="$3"
  wasm-bindgen --target=web --out-name="$name" --out-dir="$scratch" "$built"
  # Crates by function names, read before wasm-opt drops them (and after
  # wasm-bindgen has demangled them).
  python3 scripts/lib/wasm_size.py contributors "$scratch/${name}_bg.wasm" 12 \
    > "$scratch/$name.crates.json"
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
    "$scratch/${name}_bg.wasm" -o "$scratch/${name}_bg.wasm"
  python3 scripts/lib/wasm_size.py optimised "$scratch/${name}_bg.wasm"
}

# bench_wasm OUT_FILE
bench_wasm() {
  local out="$1"
  rm -f "$out"
  (
    cd "$root"
    scripts/lib/install-tools.sh
    export PATH="$root/end2end/node_modules/.bin:$HOME/.cargo/bin:$PATH"
    local front="$CARGO_TARGET_DIR/front" scratch
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' EXIT
    # The flags cargo-leptos passes (cargo-leptos' compile/front.rs and
    # config/project.rs, 0.3.10): `always-erase-components` in Cargo.toml.
    RUSTFLAGS="--cfg erase_components" cargo build --package=frontend --lib \
      --target-dir="$front" --target=wasm32-unknown-unknown --profile=wasm-release
    shrink_wasm "$front/wasm32-unknown-unknown/wasm-release/frontend.wasm" "$scratch" juara
    # The floor, on the workspace's locked versions and compiled dependencies.
    cp -r scripts/lib/wasm-floor "$scratch/floor"
    cp Cargo.lock "$scratch/floor/"
    (cd "$scratch/floor" && RUSTFLAGS="--cfg erase_components" cargo build --lib \
      --target-dir="$front" --target=wasm32-unknown-unknown --profile=wasm-release)
    shrink_wasm "$front/wasm32-unknown-unknown/wasm-release/wasm_floor.wasm" "$scratch" floor
    node -e '
      const fs = require("fs"), zlib = require("zlib");
      const [scratch, out] = process.argv.slice(1);
      const crates = (name) => JSON.parse(fs.readFileSync(`${scratch}/${name}.crates.json`, "utf8"));
      const measure = (file) => {
        const raw = fs.readFileSync(file);
        const brotli = zlib.brotliCompressSync(raw, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY },
        });
        return [raw.length, brotli.length];
      };
      const [raw, brotli] = measure(`${scratch}/juara_bg.wasm`);
      const [floorRaw, floorBrotli] = measure(`${scratch}/floor_bg.wasm`);
      const figures = {
        wasm_bytes: raw,
        wasm_brotli_bytes: brotli,
        largest_crates_before_wasm_opt: crates("juara"),
        framework_floor: {
          what: "scripts/lib/wasm-floor: one score-sheet-shaped page, nothing of the app",
          wasm_bytes: floorRaw,
          wasm_brotli_bytes: floorBrotli,
          largest_crates_before_wasm_opt: crates("floor"),
        },
      };
      fs.writeFileSync(out, JSON.stringify(figures, null, 2) + "\n");
      console.log(`release wasm: ${raw} bytes, ${brotli} brotli (best level)`);
      console.log(`framework floor: ${floorRaw} bytes, ${floorBrotli} brotli`);
    ' "$scratch" "$out"
  )
  echo "figures written to $out"
}
