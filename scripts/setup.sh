#!/usr/bin/env bash
# Quick start, step 1: install everything build-article and its tests need, then build the
# six editions of article/ into dist/. On Debian/Ubuntu, what is missing is installed with
# apt (as root, or through sudo): Chromium when no Chrome or Chromium is found, Chromium's
# headless shell (build-article prints with it when it is there: it starts in a quarter of
# Chromium's time and prints the same PDF), and the tools the tests run (Java, EPUBCheck,
# qpdf, poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."

has_any() {
  for b in "$@"; do
    command -v "$b" >/dev/null 2>&1 && return 0
  done
  return 1
}

has_browser() {
  [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] && [ -x "$PUPPETEER_EXECUTABLE_PATH" ] && return 0
  has_any chromium chromium-browser google-chrome-stable google-chrome
}

need=()
has_browser || need+=(chromium)
has_any chromium-headless-shell chrome-headless-shell || need+=(chromium-headless-shell)
has_any java || need+=(default-jre-headless)
has_any epubcheck || need+=(epubcheck)
has_any qpdf || need+=(qpdf)
has_any pdftotext || need+=(poppler-utils)

if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    available=()
    for pkg in "${need[@]}"; do
      if apt-cache show "$pkg" >/dev/null 2>&1; then
        available+=("$pkg")
      else
        echo "setup: $pkg is not in this system's apt sources; install it another way" >&2
      fi
    done
    need=("${available[@]}")
    echo "setup: installing ${need[*]} with apt"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "setup: please install: ${need[*]}" >&2
    echo "setup: (without a browser, the HTML and EPUB editions are still built)" >&2
  fi
fi

npm ci --no-audit --no-fund
node bin/build-article.js article --out dist
