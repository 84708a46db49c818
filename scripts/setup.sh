#!/usr/bin/env bash
# Quick start, step 1: install everything build-article needs and build the six editions
# of article/ into dist/. On Debian/Ubuntu it installs Chromium with apt when no Chrome
# or Chromium is found (as root, or through sudo when it is available).
set -euo pipefail
cd "$(dirname "$0")/.."

find_browser() {
  [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] && [ -x "$PUPPETEER_EXECUTABLE_PATH" ] && return 0
  for b in chromium chromium-browser google-chrome-stable google-chrome; do
    command -v "$b" >/dev/null 2>&1 && return 0
  done
  return 1
}

if ! find_browser; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "setup: no Chrome or Chromium found; installing Debian's chromium with apt"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "setup: no Chrome or Chromium found; install one, or set PUPPETEER_EXECUTABLE_PATH" >&2
    echo "setup: (the HTML and EPUB editions will still be built)" >&2
  fi
fi

npm ci --no-audit --no-fund
node bin/build-article.js article --out dist
