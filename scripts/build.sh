#!/usr/bin/env bash
# Configures and builds one preset of CMakePresets.json:
#   scripts/build.sh native      -> build/native (desktop app, CLI, test programs)
#   scripts/build.sh web         -> build/web    (index.html, clustersim.js, clustersim.wasm, clustersim-cli.js)
#   scripts/build.sh sanitizers  -> build/reliability/asan   (unit tests and CLI, ASan + UBSan)
#   scripts/build.sh fuzz        -> build/reliability/fuzz   (libFuzzer targets, clang)
#   scripts/build.sh cli-native  -> build/reliability/native (the CLI alone, -O2)
#   scripts/build.sh cli-wasm    -> build/reliability/wasm   (the CLI for Node alone, -O2)
# Assumes scripts/setup.sh has run. Re-running only rebuilds what changed.
# CLUSTERSIM_JOBS sets the number of parallel jobs (default: the number of cores).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd -P)"
cd "$root"

preset="${1:-}"
jobs="${CLUSTERSIM_JOBS:-$(nproc 2>/dev/null || echo 2)}"
# Each preset's build folder (the binaryDir of CMakePresets.json).
case "$preset" in
  native | web) dir="build/$preset" ;;
  sanitizers) dir=build/reliability/asan ;;
  fuzz) dir=build/reliability/fuzz ;;
  cli-native) dir=build/reliability/native ;;
  cli-wasm) dir=build/reliability/wasm ;;
  *)
    echo "usage: scripts/build.sh native|web|sanitizers|fuzz|cli-native|cli-wasm" >&2
    exit 2
    ;;
esac
# A build folder configured by hand with another generator or from another source
# folder (the fuzz targets once were a project of their own) cannot be reused.
cache="$dir/CMakeCache.txt"
if [ -f "$cache" ] && { ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$cache" ||
  ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$root" "$cache"; }; then
  echo "build.sh: $dir was configured differently; starting it afresh" >&2
  rm -rf "$dir"
fi

cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j "$jobs"
