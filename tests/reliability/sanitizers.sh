#!/usr/bin/env bash
# AddressSanitizer + UndefinedBehaviorSanitizer (leaks checked too), built with
# the project's native compiler (GCC; libfuzzer.sh covers clang's): the
# unit tests, every scenario in tests/scenarios and web/lessons, every invalid
# file of tests/cli/invalid, and a slice of the fuzz run (quorum on and off).
# Any sanitizer report fails the run, and so does a test that fails.
# Ends with one PASS or FAIL line; exits non-zero on failure.
#
#   tests/reliability/sanitizers.sh     (~3 min on 2 cores, most of it the build)
source "$(dirname "$0")/lib.sh"
cd "$root"
dir="$root/build/reliability/asan"

say "building unit tests and CLI with ASan + UBSan (preset sanitizers)"
CLUSTERSIM_JOBS="$jobs" scripts/build.sh sanitizers >/dev/null ||
  { echo "FAIL sanitizers: build failed"; exit 1; }

# A sanitizer report exits 86, whatever the program would have returned.
export ASAN_OPTIONS="detect_leaks=1:exitcode=86:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=86"
cli="$dir/clustersim-cli"
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
failed=0
checks=0

# check NAME WANTED_EXIT COMMAND...: runs it, fails on a sanitizer report or another exit code.
check() {
  local name="$1" want="$2"
  shift 2
  "$@" >"$log" 2>&1
  local code=$?
  checks=$((checks + 1))
  if [ "$code" -eq 86 ] || grep -qE 'runtime error:|ERROR: (Address|Leak)Sanitizer' "$log"; then
    failed=$((failed + 1))
    say "SANITIZER $name"
    grep -E -A12 'runtime error:|ERROR: (Address|Leak)Sanitizer' "$log" | head -30
  elif [ "$code" -ne "$want" ]; then
    failed=$((failed + 1))
    say "FAIL $name: exit $code, expected $want"
    tail -n 20 "$log"
  fi
}

check "unit tests" 0 "$dir/sim_unit_tests"
for file in tests/scenarios/*.scn web/lessons/*.scn; do
  [ -e "$file" ] && check "run $file" 0 "$cli" run "$file" --json
done
for file in tests/cli/invalid/*.scn; do check "run $file" 2 "$cli" run "$file"; done
check "fuzz slice, quorum on" 0 "$cli" fuzz --seeds 40 --duration 2m --quorum on --quiet
check "fuzz slice, quorum off (violations expected)" 1 "$cli" fuzz --seeds 20 --duration 1m --quorum off --quiet --max-print 0
check "bench memory" 0 "$cli" bench --only memory

if [ "$failed" -eq 0 ]; then
  echo "PASS sanitizers: $checks runs under ASan + UBSan, no report"
  exit 0
fi
echo "FAIL sanitizers: $failed of $checks runs failed under ASan + UBSan"
exit 1
