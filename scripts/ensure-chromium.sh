#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests (tests/Antq.Admin.UiTests)
# and for PDF rendering, and poppler-utils (pdftotext, pdffonts) for the PDF tests
# (tests/Antq.Documents.Tests read the printed text and fonts back with them). Playwright drives this system browser through ExecutablePath; browser
# downloads (`playwright install`) are impossible here, so never try them.
# Idempotent: does nothing when the binary is there. Installs with apt-get otherwise (root or
# password-less sudo). Progress goes to stderr.
set -euo pipefail

say() { echo "ensure-chromium: $*" >&2; }

if [ -x /usr/bin/chromium ] && command -v pdftotext >/dev/null 2>&1 && command -v pdffonts >/dev/null 2>&1; then exit 0; fi

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else say "needs root (or password-less sudo) to run: $*"; exit 1
  fi
}

say "installing Debian's chromium and poppler-utils (apt-get)"
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq >&2
as_root apt-get install -y -qq chromium fonts-dejavu-core poppler-utils >&2
command -v pdftotext >/dev/null 2>&1 || { say "pdftotext is still missing after apt-get"; exit 1; }
[ -x /usr/bin/chromium ] || { say "chromium is still missing after apt-get"; exit 1; }
say "ready: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
