#!/usr/bin/env bash
# expect_usage_error.sh CLI TEXT ARGS...: runs `CLI ARGS...` and checks that it
# exits 2 (bad usage) with TEXT on stderr and nothing on stdout.
set -u
cli=$1 text=$2
shift 2
stdout=$("$cli" "$@" 2>/tmp/expect_usage_error.$$)
code=$?
stderr=$(cat /tmp/expect_usage_error.$$)
rm -f /tmp/expect_usage_error.$$
if [ "$code" -ne 2 ] || ! grep -qF -- "$text" <<<"$stderr" || [ -n "$stdout" ]; then
  echo "FAIL: '$*' exited $code (expected 2); stderr: $stderr; stdout: ${stdout:0:200}"
  exit 1
fi
echo "ok: '$*' exited 2 with: $(head -n 1 <<<"$stderr")"
