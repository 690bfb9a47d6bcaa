#!/usr/bin/env bash
# Coverage-guided fuzzing of bad input (libFuzzer + ASan + UBSan, clang): the
# scenario parser (tests/fuzz/fuzz_scenario.cpp), the page's URL parameters
# (fuzz_url.cpp) and command() (fuzz_command.cpp), each for a while, all three
# at once, starting from the minimized corpus kept in tests/fuzz/corpus and the
# seeds tests/fuzz/seeds.sh takes from the repository's scenario files (the
# scenarios, the invalid files, the lessons) as they are today. A crash, a hang
# (one input over 10 s), a leak or a broken contract (a refusal without a
# message, a half-applied command) fails the run; the input that did it is
# kept in build/reliability/fuzz/artifacts. New inputs go to a scratch folder,
# never into the repository (scripts: tests/fuzz/README.md says how to merge).
# Ends with one PASS or FAIL line; exits non-zero on failure.
#
#   tests/reliability/libfuzzer.sh [SECONDS]    (default 60 per target; ~2.5 min on 2 cores with the build)
source "$(dirname "$0")/lib.sh"
cd "$root"
seconds="${1:-60}"
dir="$root/build/reliability/fuzz"
artifacts="$dir/artifacts"

say "building the fuzz targets with clang (preset fuzz)"
CLUSTERSIM_JOBS="$jobs" scripts/build.sh fuzz >/dev/null || { echo "FAIL libfuzzer: build failed"; exit 1; }

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$artifacts"
pids=()
targets=(scenario url command)
for target in "${targets[@]}"; do
  dict=tests/fuzz/scenario.dict
  [ "$target" = url ] && dict=tests/fuzz/url.dict
  mkdir -p "$scratch/$target"
  tests/fuzz/seeds.sh "$target" "$scratch/seeds-$target" || { echo "FAIL libfuzzer: could not write the seeds"; exit 1; }
  # -seed fixes libFuzzer's own randomness: the same run each time, so a failure replays.
  "$dir/fuzz_$target" "$scratch/$target" "tests/fuzz/corpus/$target" "$scratch/seeds-$target" -dict="$dict" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=4096 -seed=1 \
    -print_final_stats=1 -artifact_prefix="$artifacts/$target-" >"$scratch/$target.log" 2>&1 &
  pids+=($!)
done

failed=0
for i in "${!targets[@]}"; do
  target="${targets[$i]}"
  wait "${pids[$i]}"
  code=$?
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$scratch/$target.log")"
  cov="$(grep -o 'cov: [0-9]*' "$scratch/$target.log" | tail -n 1)"
  if [ "$code" -eq 0 ]; then
    say "ok   fuzz_$target: ${runs:-?} inputs in ${seconds}s, $cov"
  else
    failed=$((failed + 1))
    say "FAIL fuzz_$target (exit $code):"
    grep -E 'ERROR|runtime error|SUMMARY|Test unit written|#[0-9]+ 0x' "$scratch/$target.log" | head -20
  fi
done

if [ "$failed" -eq 0 ]; then
  echo "PASS libfuzzer: 3 targets, ${seconds}s each, no crash, hang or leak"
  exit 0
fi
echo "FAIL libfuzzer: $failed of 3 targets failed; inputs in $artifacts (replay: $dir/fuzz_TARGET FILE)"
exit 1
