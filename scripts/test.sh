#!/usr/bin/env bash
# Sets up, builds native and web, runs every test, and ends with one line:
#   N passed, N failed
# What counts: each ctest test (the simulation's unit tests, every scenario and
# lesson file, the CLI's exit-code cases, tests/app), the desktop screenshot
# test, each reliability script (tests/reliability: fuzz slice, sanitizers,
# libFuzzer, wasm determinism) and each browser test (tests/browser/smoke.mjs
# and *.test.mjs, one test made of many checks) count one each. A setup or build step that fails counts as one failure, and the
# tests that needed it are not run. Exits non-zero if anything failed.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

passed=0
failed=0
failures=()
start_s=$SECONDS

banner() { printf '\n=== %s\n' "$*"; }
record() {  # record NAME STATUS SECONDS
  if [ "$2" -eq 0 ]; then
    passed=$((passed + 1)); printf -- '--- PASS %s (%ss)\n' "$1" "$3"
  else
    failed=$((failed + 1)); failures+=("$1"); printf -- '--- FAIL %s (%ss)\n' "$1" "$3"
  fi
}
# run NAME COMMAND...: a step whose failure counts (builds and setup count only when they fail).
run_step() {
  local name="$1"; shift
  local t=$SECONDS
  banner "$name"
  if "$@"; then printf -- '--- done %s (%ss)\n' "$name" "$((SECONDS - t))"; return 0; fi
  failed=$((failed + 1)); failures+=("$name"); printf -- '--- FAIL %s (%ss)\n' "$name" "$((SECONDS - t))"
  return 1
}
run_test() {
  local name="$1"; shift
  local t=$SECONDS
  banner "$name"
  "$@"
  record "$name" $? $((SECONDS - t))
}
finish() {
  banner "summary ($((SECONDS - start_s))s)"
  if [ ${#failures[@]} -gt 0 ]; then printf 'failed: %s\n' "${failures[@]}"; fi
  printf '%d passed, %d failed\n' "$passed" "$failed"
  [ "$failed" -eq 0 ]
  exit $?
}

run_step setup scripts/setup.sh || finish

native_ok=0
web_ok=0
run_step "build native" scripts/build.sh native && native_ok=1
run_step "build web" scripts/build.sh web && web_ok=1

if [ $native_ok -eq 1 ]; then
  # ctest: every registered test counts; its own summary line gives the numbers.
  banner "ctest (unit, scenario and app tests)"
  t=$SECONDS
  log="$(mktemp)"
  ctest --test-dir build/native --output-on-failure 2>&1 | tee "$log"
  summary="$(grep -E '[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)"
  rm -f "$log"
  if [ -n "$summary" ]; then
    total="$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$summary")"
    bad="$(sed -E 's/.*, ([0-9]+) tests? failed.*/\1/' <<<"$summary")"
    passed=$((passed + total - bad))
    failed=$((failed + bad))
    [ "$bad" -eq 0 ] || failures+=("ctest ($bad)")
    printf -- '--- ctest: %d of %d passed (%ss)\n' "$((total - bad))" "$total" "$((SECONDS - t))"
  else
    failed=$((failed + 1)); failures+=("ctest (no tests ran)")
    printf -- '--- FAIL ctest: no test summary\n'
  fi
  run_test "desktop screenshot" tests/desktop/screenshot.sh
  # Reliability (issue 7): fault fuzzing with the checker, sanitizers, coverage-guided
  # fuzzing of bad input. Each builds what it needs under build/reliability.
  run_test "fuzz slice" tests/reliability/fuzz_slice.sh
  run_test "sanitizers" tests/reliability/sanitizers.sh
  run_test "libfuzzer" tests/reliability/libfuzzer.sh 60
fi

if [ $web_ok -eq 1 ]; then
  run_test "wasm determinism" env CLUSTERSIM_WASM_CLI=build/web/clustersim-cli.js tests/reliability/wasm_determinism.sh
fi

if [ $web_ok -eq 1 ]; then
  run_test "browser smoke" node tests/browser/smoke.mjs
  # One test per feature area: tests/browser/NAME.test.mjs (helpers in lib.mjs).
  for browser_test in tests/browser/*.test.mjs; do
    [ -e "$browser_test" ] || continue
    run_test "browser $(basename "$browser_test" .test.mjs)" node "$browser_test"
  done
fi

finish
