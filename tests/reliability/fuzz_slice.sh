#!/usr/bin/env bash
# The fuzzer in CI (clustersim-cli fuzz; the long run is fuzz_long.sh):
#  1. quorum on, replication sync, 300 seeds x 10 simulated minutes: zero
#     violations and every seed converges after its faults are healed;
#  2. quorum on, replication async, 100 seeds x 2 minutes: the same;
#  3. the course text's design (quorum off), 100 seeds x 2 minutes: the fuzzer
#     must find split brain, oversell and lost orders. The checker is not
#     allowed to be vacuous.
# Ends with one PASS or FAIL line; exits non-zero on failure.
#
#   tests/reliability/fuzz_slice.sh    (~20 s on 2 cores after the build)
source "$(dirname "$0")/lib.sh"
cd "$root"
cli="$(native_cli)" || { echo "FAIL fuzz_slice: build failed"; exit 1; }
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
failed=0

# must_pass ARGS...: a clean fuzz run (exit 0).
must_pass() {
  "$cli" fuzz "$@" --quiet >"$out" 2>&1
  local code=$?
  if [ "$code" -eq 0 ]; then
    say "ok   fuzz $*: $(grep -o '[0-9]\+ scheduled commands' "$out"), $(grep -o 'slowest convergence .*' "$out")"
  else
    failed=$((failed + 1))
    say "FAIL fuzz $* (exit $code):"
    grep -v '^  page:' "$out" | head -40
  fi
}

must_pass --seeds 300 --duration 10m --quorum on --replication sync
must_pass --seeds 100 --duration 2m --quorum on --replication async

# Quorum off: violations must be found, of each of the three kinds the course text's design allows.
"$cli" fuzz --seeds 100 --duration 2m --quorum off --replication sync --quiet --max-print 0 >"$out" 2>&1
code=$?
summary="$(grep '^fuzz: violations:' "$out")"
count() { sed -n "s/.* $1=\([0-9]*\).*/\1/p" <<<"${summary%%(*}"; }
if [ "$code" -eq 1 ] && [ "$(count split-brain)" -gt 0 ] && [ "$(count oversell)" -gt 0 ] && [ "$(count lost-order)" -gt 0 ]; then
  say "ok   fuzz --quorum off finds them: ${summary#fuzz: violations: }"
else
  failed=$((failed + 1))
  say "FAIL fuzz --quorum off (exit $code) did not find split brain, oversell and lost orders: $summary"
fi

if [ "$failed" -eq 0 ]; then
  echo "PASS fuzz_slice: quorum on clean over 400 seeds; quorum off caught split brain, oversell and lost orders"
  exit 0
fi
echo "FAIL fuzz_slice: $failed of 3 fuzz runs failed"
exit 1
