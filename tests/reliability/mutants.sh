#!/usr/bin/env bash
# Is the checker able to see quorum-on bugs at all? Plants three known bugs, one
# at a time, in a copy of src/sim and requires the fuzzer (quorum on, sync, 200
# seeds x 2 minutes) to catch each one:
#   majority      a write or a view change needs n/2 servers instead of n/2+1
#   stale-epoch   followers accept replication from a leader of an older epoch
#   no-adopt      a new leader keeps its own log instead of the most recent one
# Not in CI (three builds); run it after changing the checker or the fuzzer.
# Ends with one PASS or FAIL line; exits non-zero on failure.
#
#   tests/reliability/mutants.sh     (~3 min on 2 cores)
source "$(dirname "$0")/lib.sh"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# mutate NAME FILE OLD NEW: the literal text OLD must occur in FILE exactly once.
mutate() {
  python3 - "$work/src/$2" "$3" "$4" <<'PY'
import sys
path, old, new = sys.argv[1:4]
text = open(path).read()
if text.count(old) != 1:
    sys.exit(f"mutation target not found exactly once in {path}: {old!r}")
open(path, "w").write(text.replace(old, new))
PY
}

cat >"$work/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(mutant CXX)
set(CMAKE_CXX_STANDARD 20)
add_subdirectory(src/sim sim)
add_subdirectory(src/cli cli)
CMAKE

failed=0
for mutant in majority stale-epoch no-adopt; do
  rm -rf "$work/src" && cp -r src "$work/src"
  case "$mutant" in
    majority) mutate "$mutant" sim/context.h "return server_count() / 2 + 1;" "return server_count() / 2;" ;;
    stale-epoch) mutate "$mutant" sim/server.cpp $'    if (quorum && m.epoch < s.promised_epoch) {\n        Message nack = make(s, MsgType::ReplicateAck, m.from);' \
                   $'    if (false && quorum && m.epoch < s.promised_epoch) {\n        Message nack = make(s, MsgType::ReplicateAck, m.from);' ;;
    no-adopt) mutate "$mutant" sim/server.cpp $'s.best_log.size() > s.log.size()))\n        install_log(s, s.best_log, ctx);' \
                $'s.best_log.size() > s.log.size()))\n        (void)0;' ;;
  esac || { failed=$((failed + 1)); continue; }
  cmake -S "$work" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null &&
    cmake --build "$work/build" -j "$jobs" --target clustersim-cli >/dev/null || { say "FAIL $mutant: build failed"; failed=$((failed + 1)); continue; }
  summary="$("$work/build/cli/clustersim-cli" fuzz --seeds 200 --duration 2m --quorum on --quiet --max-print 0 | grep -E '^fuzz: (violations|liveness|PASS|FAIL)')"
  if grep -q '^fuzz: FAIL' <<<"$summary"; then
    say "caught $mutant: $(grep -o '[0-9]* of 200 seeds failing' <<<"$summary")"
  else
    failed=$((failed + 1))
    say "MISSED $mutant: $summary"
  fi
done

if [ "$failed" -eq 0 ]; then
  echo "PASS mutants: the fuzzer caught all 3 planted quorum bugs"
  exit 0
fi
echo "FAIL mutants: $failed of 3 planted bugs went unnoticed (or could not be planted)"
exit 1
