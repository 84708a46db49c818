#!/usr/bin/env bash
# Quick start, step 1: install everything build-article and its tests need, then build the
# six editions of article/ into dist/. On Debian/Ubuntu, what is missing is installed with
# apt (as root, or through sudo): Chromium when no Chrome or Chromium is found, and the
# validators' tools the tests run (Java, EPUBCheck, qpdf, poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."

has_browser() {
  [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] && [ -x "$PUPPETEER_EXECUTABLE_PATH" ] && return 0
  for b in chromium chromium-browser google-chrome-stable google-chrome; do
    command -v "$b" >/dev/null 2>&1 && return 0
  done
  return 1
}

need=()
has_browser || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
command -v epubcheck >/dev/null 2>&1 || need+=(epubcheck)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)

if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "setup: installing ${need[*]} with apt"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "setup: please install: ${need[*]}" >&2
    echo "setup: (without a browser, the HTML and EPUB editions are still built)" >&2
  fi
fi

npm ci --no-audit --no-fund
node bin/build-article.js article --out dist
