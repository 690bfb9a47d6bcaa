#!/usr/bin/env bash
# check_golden.sh CLI SCENARIO GOLDEN
# Runs SCENARIO and compares its golden trace (clustersim-cli run --golden) with
# GOLDEN byte for byte. On a difference it names the first line that differs and
# shows both versions. scripts/update_goldens.sh rewrites the goldens after an
# intended change.
set -uo pipefail
cli="$1" scenario="$2" golden="$3"
actual="$(mktemp)"
trap 'rm -f "$actual"' EXIT
"$cli" run "$scenario" --golden "$actual" >/dev/null
status=$?
if [ "$status" -ne 0 ]; then
  echo "$scenario: the run failed (exit $status)" >&2
  exit 1
fi
if cmp -s "$golden" "$actual"; then exit 0; fi
# The first line where the two differ, 1-based.
line="$(diff <(cat "$golden") <(cat "$actual") | sed -n '1s/^\([0-9]*\).*/\1/p')"
echo "$golden:$line: the run no longer matches its golden trace" >&2
echo "  expected: $(sed -n "${line}p" "$golden")" >&2
echo "  actual:   $(sed -n "${line}p" "$actual")" >&2
echo "  (an intended change? rewrite the goldens with scripts/update_goldens.sh and review the diff)" >&2
exit 1
