#!/usr/bin/env bash
# Writes the seed inputs of one fuzz target into a folder, taken from the
# repository as it is now, so the seeds never drift from the files they copy:
#
#   tests/fuzz/seeds.sh scenario|command|url DIR
#
# scenario, command: every scenario file (tests/scenarios, tests/cli/invalid,
#   tests/cli/failing, web/lessons) plus the hand-written seeds in seeds/TARGET.
# url: the hand-written query strings in seeds/url, each lesson as ?lesson=NAME,
#   and each scenario file as ?seed=1&scenario=BASE64URL (as the page's links carry it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="${1:?usage: tests/fuzz/seeds.sh scenario|command|url DIR}"
out="${2:?usage: tests/fuzz/seeds.sh scenario|command|url DIR}"
mkdir -p "$out"
cd "$root"

scenario_files=(tests/scenarios/*.scn tests/cli/invalid/*.scn tests/cli/failing/*.scn web/lessons/*.scn)
# A seed's name says where it came from: tests/cli/invalid/bad_at.scn -> tests_cli_invalid_bad_at.scn.
seed_name() { echo "${1//\//_}"; }

case "$target" in
  scenario | command)
    for file in "${scenario_files[@]}"; do cp "$file" "$out/$(seed_name "$file")"; done
    ;;
  url)
    for file in web/lessons/*.scn; do
      printf '?lesson=%s' "$(basename "$file" .scn)" >"$out/lesson_$(basename "$file" .scn).txt"
    done
    for file in "${scenario_files[@]}"; do
      printf '?seed=1&scenario=%s' "$(basenc --base64url -w0 "$file" | tr -d '=')" >"$out/$(seed_name "$file").txt"
    done
    ;;
  *)
    echo "usage: tests/fuzz/seeds.sh scenario|command|url DIR" >&2
    exit 2
    ;;
esac
cp tests/fuzz/seeds/"$target"/* "$out/"
