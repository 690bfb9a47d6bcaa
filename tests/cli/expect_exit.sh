#!/usr/bin/env bash
# expect_exit.sh CODE CLI FILE: runs `CLI run FILE` and checks that it exits with
# CODE and that every message names FILE:LINE with the line the file's first
# comment announces ("# expect-error: LINE: text" or "# expect-failure: LINE: text").
set -u
want_code=$1 cli=$2 file=$3
stderr=$("$cli" run "$file" 2>&1 >/dev/null)
code=$?
if [ "$code" -ne "$want_code" ]; then
  echo "FAIL: $file exited $code, expected $want_code; stderr: $stderr"
  exit 1
fi
status=0
while IFS= read -r wanted; do
  line=${wanted%%:*}
  text=${wanted#*: }
  text=${text%$'\r'}  # a file with CRLF line endings announces its message with a CR
  if ! grep -qF -- "$file:$line: $text" <<<"$stderr"; then
    echo "FAIL: expected '$file:$line: $text' in: $stderr"
    status=1
  fi
done < <(sed -n 's/^# expect-\(error\|failure\): //p' "$file")
if ! grep -q '^# expect-\(error\|failure\): ' "$file"; then
  echo "FAIL: $file announces no expected message"
  status=1
fi
[ $status -eq 0 ] && echo "ok: $file exited $code with: $stderr"
exit $status
