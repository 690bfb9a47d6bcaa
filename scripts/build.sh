#!/usr/bin/env bash
# Configures and builds one flavour of clustersim:
#   scripts/build.sh native   -> build/native (desktop app, CLI, test programs)
#   scripts/build.sh web      -> build/web    (index.html, clustersim.js, clustersim.wasm)
# Assumes scripts/setup.sh has run. Re-running only rebuilds what changed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

flavour="${1:-}"
jobs="$(nproc 2>/dev/null || echo 2)"
generator=()
if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
# A build folder configured with another generator cannot be reused.
reset_if_generator_changed() {
  local cache="$1/CMakeCache.txt"
  if [ -f "$cache" ] && [ ${#generator[@]} -gt 0 ] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$cache"; then
    rm -rf "$1"
  fi
}

case "$flavour" in
  native)
    reset_if_generator_changed build/native
    cmake -S . -B build/native "${generator[@]}" -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build build/native -j "$jobs"
    ;;
  web)
    # Debian's emscripten runs its JS optimiser with Debian's acorn (TOOLCHAIN.md).
    export NODE_PATH=/usr/share/nodejs
    reset_if_generator_changed build/web
    emcmake cmake -S . -B build/web "${generator[@]}" -DCMAKE_BUILD_TYPE=MinSizeRel \
      -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node >/dev/null
    # The page (index.html, clustersim.js, clustersim.wasm: all it loads) and the CLI for
    # Node (clustersim-cli.js), which tests/reliability/wasm_determinism.sh compares with
    # the native one.
    cmake --build build/web -j "$jobs" --target clustersim clustersim-cli
    ;;
  *)
    echo "usage: scripts/build.sh native|web" >&2
    exit 2
    ;;
esac
