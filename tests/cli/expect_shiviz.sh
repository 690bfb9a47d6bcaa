#!/usr/bin/env bash
# expect_shiviz.sh CLI FILE: `CLI run FILE --shiviz OUT` writes a ShiViz log: its parser
# expression, an empty line, then two lines per event (a description, then
# `HOST {"HOST": n, ...}`), the first event of server 1 counted 1. (The clock rules
# themselves are checked by the unit test on every course scenario: test_causality.cpp.)
set -u
cli=$1 file=$2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if ! "$cli" run "$file" --shiviz "$out" >/dev/null; then
  echo "FAIL: $file did not run"
  exit 1
fi
lines=$(wc -l <"$out")
if [ "$(sed -n 1p "$out")" != '(?<event>.*)\n(?<host>\S*) (?<clock>{.*})' ] || [ -n "$(sed -n 2p "$out")" ]; then
  echo "FAIL: the first two lines are not ShiViz's header"
  exit 1
fi
if [ $((lines % 2)) -ne 0 ] || [ "$lines" -lt 20 ]; then
  echo "FAIL: $lines lines, expected an even number above 20"
  exit 1
fi
if sed -n '3~2p' "$out" | grep -qvE '^[0-9]+\.[0-9]{6}s '; then
  echo "FAIL: a description line does not start with its time"
  exit 1
fi
if ! sed -n '4~2p' "$out" | grep -q '^server1 {"server1": 1[,}]'; then
  echo "FAIL: no clock line 'server1 {\"server1\": 1...'"
  exit 1
fi
if sed -n '4~2p' "$out" | grep -qvE '^(clients|server[0-9]+) \{"(clients|server[0-9]+)": [0-9]+(, "[a-z0-9]+": [0-9]+)*\}$'; then
  echo "FAIL: a clock line is not HOST {\"HOST\": n, ...}"
  exit 1
fi
echo "ok: $((lines / 2 - 1)) events"
