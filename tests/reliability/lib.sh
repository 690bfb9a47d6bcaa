# Shared by the scripts in tests/reliability and scripts/bench.sh (sourced, not run).
# Builds the CLI the scripts need through the presets of CMakePresets.json
# (scripts/build.sh cli-native / cli-wasm), each in its own folder under
# build/reliability, without the app (no ImGui needed).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jobs="$(nproc 2>/dev/null || echo 2)"

say() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*"; }

# The native CLI (Release, -O2, assert on): prints its path.
native_cli() {
  CLUSTERSIM_JOBS="$jobs" "$root/scripts/build.sh" cli-native >&2 || return 1
  echo "$root/build/reliability/native/clustersim-cli"
}

# The WebAssembly CLI for Node (Release, -O2): prints its path. CLUSTERSIM_WASM_CLI
# names an existing build instead (say build/web/clustersim-cli.js from the web build).
wasm_cli() {
  if [ -n "${CLUSTERSIM_WASM_CLI:-}" ]; then echo "$CLUSTERSIM_WASM_CLI"; return 0; fi
  CLUSTERSIM_JOBS="$jobs" "$root/scripts/build.sh" cli-wasm >&2 || return 1
  echo "$root/build/reliability/wasm/clustersim-cli.js"
}

# Runs the wasm CLI like the native one.
run_wasm() { node "$@"; }
