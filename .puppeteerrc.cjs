// build-article never downloads a browser: it uses the system's Chromium or Chrome
// (see src/browser/find-browser.ts). Skipping the download keeps installs offline-safe.
module.exports = { skipDownload: true };
