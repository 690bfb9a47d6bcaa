#!/usr/bin/env bash
# The long fuzz run (documented, not in CI): quorum on, replication sync,
# 10,000 seeds x 10 simulated minutes each, split over every core, each seed's
# faults healed and convergence required within 60 s. Zero violations and full
# convergence expected. Each part's report is kept in build/reliability/fuzz-long/.
# Ends with one PASS or FAIL line; exits non-zero on failure.
#
#   tests/reliability/fuzz_long.sh [SEEDS] [DURATION] [EXTRA FUZZ ARGS...]   (e.g. --swarm)
#   (default 10000 10m; about 4 min on 2 cores)
source "$(dirname "$0")/lib.sh"
cd "$root"
seeds="${1:-10000}"
duration="${2:-10m}"
shift $(( $# > 2 ? 2 : $# ))
cli="$(native_cli)" || { echo "FAIL fuzz_long: build failed"; exit 1; }
out="$root/build/reliability/fuzz-long"
mkdir -p "$out"
rm -f "$out"/part-*.txt

start=$SECONDS
per=$(( (seeds + jobs - 1) / jobs ))
pids=()
for ((part = 0; part < jobs; part++)); do
  first=$(( part * per + 1 ))
  count=$(( seeds - part * per < per ? seeds - part * per : per ))
  [ "$count" -gt 0 ] || continue
  "$cli" fuzz --seeds "$count" --first-seed "$first" --duration "$duration" --quorum on --replication sync --quiet "$@" \
    >"$out/part-$part.txt" 2>&1 &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
cat "$out"/part-*.txt | grep -E '^fuzz: (seeds|violations|liveness|PASS|FAIL)'
grep -h '^FAIL seed' "$out"/part-*.txt | head -20
if [ "$failed" -eq 0 ]; then
  echo "PASS fuzz_long: $seeds seeds x $duration, quorum on, sync: no violation, all converged ($((SECONDS - start)) s on $jobs cores)"
  exit 0
fi
echo "FAIL fuzz_long: $failed of ${#pids[@]} parts found violations or non-convergence; reports in $out"
exit 1
