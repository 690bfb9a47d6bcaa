#!/usr/bin/env bash
# Runs every benchmark and writes docs/PERFORMANCE.md: a generated section with
# every figure and the machine, stamped with the commit it was measured at, then
# the hand-written notes of scripts/bench_notes.md (scripts/bench_report.py). Native and WebAssembly (Node) CLIs are built Release (-O2)
# into build/reliability/{native,wasm}; the page's weight is read from the web
# build in build/web (built with scripts/build.sh web if missing).
#
#   scripts/bench.sh [--repeat N] [--out FILE]
#     (default 5 rounds into docs/PERFORMANCE.md; ~2 min on 2 cores with the builds)
#
# The numbers are only as good as the machine is quiet: the load average at the
# start is written into the document.
set -uo pipefail
source "$(dirname "$0")/../tests/reliability/lib.sh"
cd "$root"
repeat=5
out="$root/docs/PERFORMANCE.md"
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) repeat="${2:?--repeat needs a number}"; shift 2 ;;
    --out) out="${2:?--out needs a file}"; shift 2 ;;
    *) echo "usage: scripts/bench.sh [--repeat N] [--out FILE]" >&2; exit 2 ;;
  esac
done
# The commit the figures belong to; "dirty" when the working tree differs from it
# (tracked changes or new files), since the figures are then of no commit at all.
commit="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(git status --porcelain 2>/dev/null)" ]; then commit="$commit dirty"; fi

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
native="$(native_cli)" || { echo "FAIL bench: native build failed"; exit 1; }
wasm="$(wasm_cli)" || { echo "FAIL bench: wasm build failed"; exit 1; }
if [ ! -f build/web/index.html ]; then
  say "no web build yet: scripts/build.sh web"
  scripts/build.sh web >/dev/null || say "web build failed: the page weight is left out"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Native and wasm take turns, so that whatever else the machine does slows both alike;
# the report keeps each benchmark's best run (noise only ever adds time).
timed=scheduler,cluster,cluster-writes,large
for ((i = 1; i <= repeat; i++)); do
  say "round $i of $repeat: native, then wasm under Node"
  "$native" bench --json --repeat 1 --only "$timed" >"$work/native.$i.json" || { echo "FAIL bench: native bench failed"; exit 1; }
  run_wasm "$wasm" bench --json --repeat 1 --only "$timed" >"$work/wasm.$i.json" || { echo "FAIL bench: wasm bench failed"; exit 1; }
done
# Memory in fresh processes: a wasm linear memory never shrinks, so an earlier benchmark would show in it.
say "memory over an hour of heavy load, native and wasm"
"$native" bench --json --only memory >"$work/native.memory.json" || { echo "FAIL bench: native memory failed"; exit 1; }
run_wasm "$wasm" bench --json --only memory >"$work/wasm.memory.json" || { echo "FAIL bench: wasm memory failed"; exit 1; }

# What the page loads: the page itself, the scripts it names and the .wasm/.data beside them.
: >"$work/page.tsv"
if [ -f build/web/index.html ]; then
  files=(index.html)
  for js in $(grep -o 'src="[^"]*\.js"' build/web/index.html | sed 's/src="//; s/"$//' | sort -u); do
    [ -f "build/web/$js" ] && files+=("$js")
    for extra in "${js%.js}.wasm" "${js%.js}.data"; do [ -f "build/web/$extra" ] && files+=("$extra"); done
  done
  for f in "${files[@]}"; do
    printf '%s\t%s\t%s\n' "$f" "$(stat -c %s "build/web/$f")" "$(gzip -9 -c "build/web/$f" | wc -c)" >>"$work/page.tsv"
  done
fi

{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)"
  echo "cores=$(nproc)"
  echo "memory=$(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
  echo "os=$(. /etc/os-release && echo "$PRETTY_NAME"), Linux $(uname -r)"
  echo "gcc=$(g++ --version | head -n 1)"
  echo "emcc=Emscripten $(em++ --version 2>/dev/null | head -n 1 | grep -o '[0-9]\+\.[0-9]\+\.[0-9]\+' | head -n 1)"
  echo "node=$(node --version)"
  echo "load_before=$load_before"
  echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "repeat=$repeat"
  echo "commit=$commit"
} >"$work/machine.txt"

python3 "$root/scripts/bench_report.py" "$work" >"$work/report.md" || { echo "FAIL bench: report failed"; exit 1; }
mv "$work/report.md" "$out"
grep -E '^\| [0-9][a-d]? \|' "$out"
echo "bench: wrote $out (commit $commit)"
