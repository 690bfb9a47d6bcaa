#!/usr/bin/env bash
# Rewrites every golden trace from the current build, after an intended change in
# behaviour. Review the result with `git diff tests/` before committing: the diff
# is the behaviour change, message by message.
#   course scenarios: tests/scenarios/course_*.scn -> tests/scenarios/course_*.trace
#   lessons:          web/lessons/NAME.scn         -> tests/goldens/lessons/NAME.trace
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cli="${CLUSTERSIM_CLI:-build/native/clustersim-cli}"
[ -x "$cli" ] || { echo "update_goldens: $cli not found: run scripts/build.sh native first" >&2; exit 2; }
mkdir -p tests/goldens/lessons
for scn in tests/scenarios/course_*.scn; do
  "$cli" run "$scn" --golden "${scn%.scn}.trace" >/dev/null
done
for scn in web/lessons/*.scn; do
  name="$(basename "$scn" .scn)"
  "$cli" run "$scn" --golden "tests/goldens/lessons/$name.trace" >/dev/null
done
echo "update_goldens: rewrote $(ls tests/scenarios/course_*.trace tests/goldens/lessons/*.trace | wc -l) golden traces"
