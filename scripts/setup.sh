#!/usr/bin/env bash
# Installs everything clustersim needs on a fresh Debian 12 machine.
# Idempotent: each step checks first and is skipped when already done.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

log() { printf '[setup] %s\n' "$*"; }
sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages. Each is named by a file it installs, so the check is cheap.
declare -A needs=(
  [emscripten]=/usr/bin/em++
  [libglfw3-dev]=/usr/include/GLFW/glfw3.h
  [doctest-dev]=/usr/include/doctest/doctest.h
  [xvfb]=/usr/bin/xvfb-run
  [xauth]=/usr/bin/xauth
  [chromium]=/usr/bin/chromium
  [imagemagick]=/usr/bin/convert
  [clang]=/usr/bin/clang++
  [libclang-rt-14-dev]=/usr/lib/llvm-14/lib/clang/14.0.6/lib/linux/libclang_rt.fuzzer-x86_64.a
  [ninja-build]=/usr/bin/ninja
  [python3]=/usr/bin/python3
  [libgl1-mesa-dri]=/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so
)
missing=()
for pkg in "${!needs[@]}"; do
  [ -e "${needs[$pkg]}" ] || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Dear ImGui 1.86 full sources (Debian's binary package lacks imgui.cpp, which the web build needs).
imgui_dir="$root/third_party/imgui"
if [ ! -f "$imgui_dir/imgui.cpp" ]; then
  log "fetching Dear ImGui 1.86 sources from Debian's source package"
  src_list=/etc/apt/sources.list.d/debian-src.sources
  if [ ! -f "$src_list" ]; then
    sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | sudo_if_needed tee "$src_list" >/dev/null
    sudo_if_needed apt-get update -qq
  fi
  tmp="$(mktemp -d)"
  (cd "$tmp" && apt-get source --download-only imgui >/dev/null 2>&1 || { sudo_if_needed apt-get update -qq; apt-get source --download-only imgui >/dev/null; })
  mkdir -p "$imgui_dir"
  tar -xJf "$tmp"/imgui_1.86*.orig.tar.xz -C "$imgui_dir" --strip-components=1
  rm -rf "$tmp"
  [ -f "$imgui_dir/imgui.cpp" ] || { echo "setup: imgui.cpp not found after unpacking" >&2; exit 1; }
fi

# The browser tests' npm packages, as package-lock.json pins them: playwright-core (drives
# Debian's Chromium; it downloads no browser of its own) and @axe-core/playwright (the
# accessibility checks of tests/browser/a11y.test.mjs). A checkout that has only some of
# them (an older lock file was installed) gets the whole set again.
if [ ! -d "$root/node_modules/playwright-core" ] || [ ! -d "$root/node_modules/@axe-core/playwright" ] ||
  [ ! -d "$root/node_modules/axe-core" ]; then
  log "installing npm packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
fi
log "ready"
