#!/usr/bin/env bash
# The fuzzer in CI (clustersim-cli fuzz; the long run is fuzz_long.sh):
#  1. quorum on, classic schedules, sync 300 seeds x 10 simulated minutes and
#     async 100 x 2 minutes: zero violations, every seed converges;
#  2. the course text's design (quorum off), swarm, 200 seeds x 2 minutes: the
#     fuzzer must find split brain, oversell and lost orders (the checker is not
#     allowed to be vacuous), and every swarm kind must have been injected;
#  3. quorum on, swarm, 300 seeds x 2 minutes: findings are printed with their
#     replay lines but do not fail the slice (the swarm may find real protocol
#     bugs; the lead decides). Drop REPORT_ONLY_SWARM=1 to make them fail it.
# Ends with one PASS or FAIL line; exits non-zero on failure.
#
#   tests/reliability/fuzz_slice.sh    (~30 s on 2 cores after the build)
source "$(dirname "$0")/lib.sh"
cd "$root"
cli="$(native_cli)" || { echo "FAIL fuzz_slice: build failed"; exit 1; }
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
failed=0
runs=0
report_only_swarm="${REPORT_ONLY_SWARM:-1}"

# must_pass ARGS...: a clean fuzz run (exit 0).
must_pass() {
  runs=$((runs + 1))
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

# Quorum off, swarm: violations of each kind the course text's design allows, and every fault kind used.
runs=$((runs + 1))
"$cli" fuzz --seeds 200 --duration 2m --quorum off --replication sync --swarm --json --quiet >"$out" 2>&1
code=$?
json_field() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$out" "$1"; }
if ! summary="$(json_field "' '.join(f'{k}={v}' for k,v in d['violations'].items())" 2>/dev/null)"; then
  failed=$((failed + 1))
  say "FAIL fuzz --quorum off --swarm (exit $code): no JSON summary"; head -20 "$out"
else
  missing="$(json_field "' '.join(k for k,v in d['faults_injected'].items() if v == 0)")"
  found="$(json_field "all(d['violations'][k] > 0 for k in ('split-brain','oversell','lost-order'))")"
  if [ "$code" -eq 1 ] && [ "$found" = True ] && [ -z "$missing" ]; then
    say "ok   fuzz --quorum off --swarm finds them: $summary"
    say "     faults_injected: $(json_field "' '.join(f'{k}={v}' for k,v in d['faults_injected'].items())")"
  else
    failed=$((failed + 1))
    say "FAIL fuzz --quorum off --swarm (exit $code): violations $summary; never injected: ${missing:-none}"
  fi
fi

# Quorum on, swarm: report what it finds.
runs=$((runs + 1))
"$cli" fuzz --seeds 300 --duration 2m --quorum on --replication sync --swarm --quiet --max-print 3 >"$out" 2>&1
code=$?
say "$(grep '^fuzz: violations:' "$out")"
if [ "$code" -eq 0 ]; then
  say "ok   fuzz --quorum on --swarm: $(grep '^fuzz: PASS' "$out")"
else
  grep -E '^(FAIL seed|  replay:)' "$out" | head -30
  if [ "$report_only_swarm" = 1 ]; then
    say "NOTE fuzz --quorum on --swarm found something (reported, not failing the slice): $(grep -E '^fuzz: FAIL' "$out")"
  else
    failed=$((failed + 1))
    say "FAIL fuzz --quorum on --swarm (exit $code)"
  fi
fi

if [ "$failed" -eq 0 ]; then
  echo "PASS fuzz_slice: quorum on clean over 400 classic seeds; quorum off swarm caught split brain, oversell and lost orders"
  exit 0
fi
echo "FAIL fuzz_slice: $failed of $runs fuzz runs failed"
exit 1
