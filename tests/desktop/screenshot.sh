#!/usr/bin/env bash
# Desktop test: the native app draws 120 frames under Xvfb, saves its own
# framebuffer, and the picture must have the window's size and not be blank.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

out=build/screenshots/desktop.png
mkdir -p "$(dirname "$out")"
rm -f "$out"

# --run-to 4.81s: 120 frames at the default 0.1x add 0.2 s, so the picture is
# taken at 5.01 s, while the load balancer's first health checks (every 5 s) fly.
xvfb-run -a -s "-screen 0 1280x800x24" \
  build/native/clustersim --frames 120 --run-to 4.81s --screenshot "$out"

[ -s "$out" ] || { echo "FAIL: no screenshot written"; exit 1; }
read -r width height stddev colours < <(identify -format '%w %h %[fx:standard_deviation] %k\n' "$out")
echo "screenshot: ${width}x${height}, standard deviation ${stddev}, ${colours} colours"
[ "$width" -eq 1280 ] && [ "$height" -eq 720 ] || { echo "FAIL: expected 1280x720"; exit 1; }
# A blank or single-colour frame has a deviation near 0 and a handful of colours.
awk -v sd="$stddev" -v n="$colours" 'BEGIN { exit !(sd > 0.03 && n > 50) }' \
  || { echo "FAIL: the picture looks blank"; exit 1; }
echo "PASS: desktop screenshot in $out"
