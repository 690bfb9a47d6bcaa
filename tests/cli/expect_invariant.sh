#!/usr/bin/env bash
# expect_invariant.sh CLI FILE NODE: runs `CLI run FILE` with a broken invariant planted on
# server NODE (the run command's test-only --test-break-invariant) and checks that the run
# stops with exit 3 and "FILE: invariant broken at T on SNODE: what" on stderr.
set -u
cli=$1 file=$2 node=$3
stderr=$("$cli" run "$file" --test-break-invariant "$node" 2>&1 >/dev/null)
code=$?
if [ "$code" -ne 3 ]; then
  echo "FAIL: $file exited $code, expected 3; stderr: $stderr"
  exit 1
fi
if ! grep -qE -- "^$file: invariant broken at [0-9.]+(us|ms|s) on S$node: .+" <<<"$stderr"; then
  echo "FAIL: expected '$file: invariant broken at T on S$node: ...' in: $stderr"
  exit 1
fi
echo "ok: $file exited 3 with: $stderr"
