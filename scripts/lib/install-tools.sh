#!/usr/bin/env bash
# Installs what building and testing Juara needs, skipping whatever is already
# present, so that a second run costs seconds. Every tool comes from a package
# registry (crates.io, npm, PyPI, Debian): this machine reaches nothing else, and
# cargo-leptos is built with `no_downloads` so that it never tries to.
#
# Usage: scripts/lib/install-tools.sh [--browser]   (--browser: also Chromium + npm packages)
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.10
WASM_BINDGEN_VERSION=0.2.130
root="$(cd "$(dirname "$0")/../.." && pwd)"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed 2>/dev/null | grep -q '^wasm32-unknown-unknown$'; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "Building cargo-leptos $CARGO_LEPTOS_VERSION from crates.io (15–20 minutes on 2 cores, once)"
  cargo install "cargo-leptos@$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "Building wasm-bindgen-cli $WASM_BINDGEN_VERSION from crates.io (~4 minutes, once)"
  # Not --locked: its lock file pins a crate that has since been yanked.
  cargo install "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

if [ ! -x "$root/end2end/node_modules/.bin/wasm-opt" ] || [ ! -d "$root/end2end/node_modules/@playwright/test" ]; then
  say "Installing npm packages for end2end/ (Playwright, binaryen's wasm-opt, axe-core)"
  (cd "$root/end2end" && npm ci --no-audit --no-fund)
fi

# The tests' mail server (aiosmtpd, from PyPI) in a virtual environment of its
# own, so that neither the system's Python nor its packages are touched.
AIOSMTPD_VERSION=1.4.6
py_tools="$root/target/test-tools/py"
if ! "$py_tools/bin/python" -c 'import aiosmtpd' >/dev/null 2>&1; then
  say "Installing aiosmtpd $AIOSMTPD_VERSION from PyPI (the tests' mail server)"
  if ! python3 -m venv --clear "$py_tools" >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    python3 -m venv --clear "$py_tools"
  fi
  "$py_tools/bin/python" -m pip install -q --disable-pip-version-check "aiosmtpd==$AIOSMTPD_VERSION"
fi

if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null 2>&1; then
  say "Installing Debian's chromium for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
