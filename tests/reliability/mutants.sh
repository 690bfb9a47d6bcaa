#!/usr/bin/env bash
# Is the fuzzer able to see quorum-on bugs at all? Builds a copy of src/sim and
# src/cli unmutated (the baseline: every fuzz run below must pass on it), then
# plants each known bug in turn and requires the same fuzz run to fail:
#   majority      a write or a view change needs n/2 servers instead of n/2+1
#   stale-epoch   followers accept replication from a leader of an older epoch
#   no-adopt      a new leader keeps its own log instead of the most recent one
#   adopt-epoch, failed-applied: see the list below
# Not in CI (one build plus one recompile per mutant); run it after changing
# the checker or the fuzzer. Ends with one PASS or FAIL line; exits non-zero
# on failure.
#
#   tests/reliability/mutants.sh [NAME...]    (~3 min on 2 cores; NAMEs: only these mutants)
#
# Adding a mutant is one `mutant` line in the list at the bottom:
#   mutant NAME FILE SED_SCRIPT [FUZZ ARGS...]
# FILE is relative to src/; SED_SCRIPT runs with `sed -z` (the whole file is one
# line, so `\n` matches a line break) and must change the file. FUZZ ARGS default
# to $default_args; the baseline runs every distinct set of them too.
source "$(dirname "$0")/lib.sh"
cd "$root"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
default_args=(--seeds 200 --duration 2m --quorum on)
swarm_args=(--seeds 300 --duration 2m --quorum on --swarm)
only=("$@")

names=() files=() scripts=() args=()
mutant() {
  local name="$1" file="$2" script="$3"
  shift 3
  [ $# -gt 0 ] || set -- "${default_args[@]}"
  names+=("$name") files+=("$file") scripts+=("$script") args+=("$*")
}

# ---- the mutants ----
mutant majority sim/context.h 's|return server_count() / 2 + 1;|return server_count() / 2;|'
mutant stale-epoch sim/replication.cpp 's|if (quorum \&\& m.epoch < s.promised_epoch) {\n        Message nack = make(s, MsgType::ReplicateAck|if (false \&\& quorum \&\& m.epoch < s.promised_epoch) {\n        Message nack = make(s, MsgType::ReplicateAck|'
mutant no-adopt sim/view_change.cpp 's|s.best_log.size() > s.log.size()))\n        install_log(s, s.best_log, ctx);|s.best_log.size() > s.log.size()))\n        (void)0;|'
# The two bugs of the issue "Correctness under attack", planted back: only the swarm
# (latency bursts on single links, crashes during elections, reads) finds them.
#   adopt-epoch   a leader takes a higher epoch from a HEARTBEAT answer it was not elected in
#   failed-applied a client that ran out of attempts records "rejected" although an attempt
#                 may have been applied (the leader had appended it and answered "try again")
# adopt-epoch needs a narrow sequence (the highest id briefly following a lower one, one
# late heartbeat, a second cut): the leader-flap nemesis makes it, rarely; 3 servers
# make it likelier.
mutant adopt-epoch sim/election.cpp 's|            if (m.epoch > s.epoch) {\n                become_follower(s, kNoNode, s.epoch, ctx);\n                return;\n            }|            s.epoch = std::max(s.epoch, m.epoch);|' --seeds 2000 --duration 5m --quorum on --swarm --servers 3
mutant failed-applied sim/clients.cpp 's|o.status = o.maybe_applied \|\| o.last_transient == Reason::None ? OrderStatus::Unknown : OrderStatus::Rejected;|o.status = o.last_transient == Reason::None ? OrderStatus::Unknown : OrderStatus::Rejected;|' "${swarm_args[@]}"
# ---------------------

cp -rp src "$work/pristine"
cp -rp src "$work/src"
cat >"$work/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(mutant CXX)
set(CMAKE_CXX_STANDARD 20)
add_subdirectory(src/sim sim)
add_subdirectory(src/cli cli)
CMAKE
build() { cmake --build "$work/build" -j "$jobs" --target clustersim-cli >/dev/null; }
cmake -S "$work" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null && build ||
  { echo "FAIL mutants: the baseline does not build"; exit 1; }

# fuzz ARGS...: prints the summary lines; exit 0 clean, 1 findings.
fuzz() { "$work/build/cli/clustersim-cli" fuzz "$@" --quiet --max-print 0 | grep -E '^fuzz: (violations|liveness|PASS|FAIL)'; }

failed=0
# The baseline: the unmutated build must pass every fuzz run the mutants use.
for a in $(printf '%s\n' "${args[@]}" | sort -u | tr ' ' '\037'); do
  a="${a//$'\037'/ }"
  # shellcheck disable=SC2086
  if summary="$(fuzz $a)" && grep -q '^fuzz: PASS' <<<"$summary"; then
    say "baseline clean: fuzz $a"
  else
    failed=$((failed + 1))
    say "BASELINE FAILS: fuzz $a (a mutant caught here proves nothing)"
    echo "$summary"
  fi
done

tried=0
for i in "${!names[@]}"; do
  name="${names[$i]}" file="$work/src/${files[$i]}"
  if [ ${#only[@]} -gt 0 ] && ! printf '%s\n' "${only[@]}" | grep -qx "$name"; then continue; fi
  tried=$((tried + 1))
  sed -z -i "${scripts[$i]}" "$file"
  if cmp -s "$file" "$work/pristine/${files[$i]}"; then
    say "FAIL $name: the sed did not change ${files[$i]} (the code moved?)"
    failed=$((failed + 1))
    continue
  fi
  if ! build; then
    say "FAIL $name: does not build"
    failed=$((failed + 1))
  else
    # shellcheck disable=SC2086
    summary="$(fuzz ${args[$i]})"
    if grep -q '^fuzz: FAIL' <<<"$summary"; then
      say "caught $name: $(grep -o '[0-9]* of [0-9]* seeds failing' <<<"$summary") (fuzz ${args[$i]})"
    else
      failed=$((failed + 1))
      say "MISSED $name: $summary"
    fi
  fi
  cp "$work/pristine/${files[$i]}" "$file" && touch "$file"  # newer than the mutant's object: rebuilt next time
done

if [ "$failed" -eq 0 ]; then
  echo "PASS mutants: baseline clean, the fuzzer caught all $tried planted quorum bugs"
  exit 0
fi
echo "FAIL mutants: $failed failures (baseline not clean, or planted bugs unnoticed or not planted)"
exit 1
