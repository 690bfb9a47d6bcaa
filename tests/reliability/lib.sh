# Shared by the scripts in tests/reliability and scripts/bench.sh (sourced, not run).
# Builds the CLI the scripts need, each in its own folder under build/reliability,
# from the top-level CMakeLists.txt without the app (no ImGui needed).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jobs="$(nproc 2>/dev/null || echo 2)"
export NODE_PATH=/usr/share/nodejs  # Debian's emscripten needs Debian's acorn (TOOLCHAIN.md)

say() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*"; }

# The native CLI (Release, -O2, assert on): prints its path.
native_cli() {
  local dir="$root/build/reliability/native"
  cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCLUSTERSIM_BUILD_APP=OFF -DCLUSTERSIM_BUILD_TESTS=OFF >/dev/null || return 1
  cmake --build "$dir" -j "$jobs" --target clustersim-cli >&2 || return 1
  echo "$dir/clustersim-cli"
}

# The WebAssembly CLI for Node (Release, -O2): prints its path. CLUSTERSIM_WASM_CLI
# names an existing build instead (say build/web/clustersim-cli.js from the web build).
wasm_cli() {
  if [ -n "${CLUSTERSIM_WASM_CLI:-}" ]; then echo "$CLUSTERSIM_WASM_CLI"; return 0; fi
  local dir="$root/build/reliability/wasm"
  emcmake cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCLUSTERSIM_BUILD_APP=OFF -DCLUSTERSIM_BUILD_TESTS=OFF \
    -DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node >/dev/null || return 1
  cmake --build "$dir" -j "$jobs" --target clustersim-cli >&2 || return 1
  echo "$dir/clustersim-cli.js"
}

# Runs the wasm CLI like the native one.
run_wasm() { node "$@"; }
