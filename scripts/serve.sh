#!/usr/bin/env bash
# Sets up, builds the web page into build/web and serves it on
# http://127.0.0.1:8080/ until interrupted (Ctrl+C).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

scripts/setup.sh
scripts/build.sh web

port=8080
url="http://127.0.0.1:${port}/"
echo
echo "clustersim is served at ${url}"
echo "(Ctrl+C stops the server)"
exec python3 -m http.server --bind 127.0.0.1 "$port" --directory build/web
