#!/usr/bin/env bash
# Determinism across platforms: for every scenario in tests/scenarios, the
# native CLI and the WebAssembly CLI under Node must give the same exit code,
# byte-identical `--json` output and byte-identical traces (compared by their
# SHA-256), and where a golden trace sits beside the scenario the wasm run must
# reproduce it byte for byte. Then the same for two fuzz runs (every seed's trace hash folded into
# one digest, and every finding, replay command and page URL). Ends with one
# PASS or FAIL line; exits non-zero on failure.
#
#   tests/reliability/wasm_determinism.sh        (builds both CLIs, ~1-2 min on 2 cores)
#   CLUSTERSIM_WASM_CLI=build/web/clustersim-cli.js tests/reliability/wasm_determinism.sh
source "$(dirname "$0")/lib.sh"
cd "$root"

native="$(native_cli)" || { echo "FAIL wasm_determinism: native build failed"; exit 1; }
wasm="$(wasm_cli)" || { echo "FAIL wasm_determinism: wasm build failed"; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

failures=0
compared=0
for file in tests/scenarios/*.scn; do
  name="$(basename "$file" .scn)"
  "$native" run "$file" --json --trace "$work/$name.native.trace" >"$work/$name.native.json" 2>"$work/$name.native.err"
  native_code=$?
  run_wasm "$wasm" run "$file" --json --trace "$work/$name.wasm.trace" >"$work/$name.wasm.json" 2>"$work/$name.wasm.err"
  wasm_code=$?
  native_trace="$(sha256sum <"$work/$name.native.trace" | cut -c1-16)"
  wasm_trace="$(sha256sum <"$work/$name.wasm.trace" | cut -c1-16)"
  problem=""
  [ "$native_code" -eq "$wasm_code" ] || problem+=" exit codes $native_code/$wasm_code;"
  cmp -s "$work/$name.native.json" "$work/$name.wasm.json" || problem+=" --json differs;"
  [ "$native_trace" = "$wasm_trace" ] || problem+=" traces differ ($native_trace/$wasm_trace);"
  [ -s "$work/$name.native.trace" ] || problem+=" empty trace;"
  # A golden trace beside the scenario must come out of the wasm CLI byte for byte too.
  if [ -f "${file%.scn}.trace" ]; then
    run_wasm "$wasm" run "$file" --golden "$work/$name.wasm.golden" >/dev/null 2>&1
    cmp -s "${file%.scn}.trace" "$work/$name.wasm.golden" || problem+=" wasm golden trace differs from ${file%.scn}.trace;"
  fi
  compared=$((compared + 1))
  if [ -n "$problem" ]; then
    failures=$((failures + 1))
    say "DIFFERENT $file:$problem"
    diff <(tr ',' '\n' <"$work/$name.native.json") <(tr ',' '\n' <"$work/$name.wasm.json") | head -10
  else
    say "same      $file (exit $native_code, trace $native_trace, $(wc -l <"$work/$name.native.trace") events)"
  fi
done

# Fuzz runs: the schedules, every run and every report must match too (the wall-time line aside).
for quorum in on off; do
  args=(fuzz --seeds 60 --duration 1m --quorum "$quorum" --quiet)
  "$native" "${args[@]}" | grep -v ' s wall ' >"$work/fuzz.$quorum.native"
  run_wasm "$wasm" "${args[@]}" | grep -v ' s wall ' >"$work/fuzz.$quorum.wasm"
  compared=$((compared + 1))
  if cmp -s "$work/fuzz.$quorum.native" "$work/fuzz.$quorum.wasm"; then
    say "same      fuzz --quorum $quorum: $(grep -o 'trace digest [0-9a-f]*' "$work/fuzz.$quorum.native")"
  else
    failures=$((failures + 1))
    say "DIFFERENT fuzz --quorum $quorum"
    diff "$work/fuzz.$quorum.native" "$work/fuzz.$quorum.wasm" | head -10
  fi
done

if [ "$failures" -eq 0 ] && [ "$compared" -gt 2 ]; then
  echo "PASS wasm_determinism: $compared runs byte-identical native and wasm"
  exit 0
fi
echo "FAIL wasm_determinism: $failures of $compared runs differ between native and wasm"
exit 1
