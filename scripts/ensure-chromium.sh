#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the browser tests (tests/Antq.Admin.UiTests)
# and for PDF rendering. Playwright drives this system browser through ExecutablePath; browser
# downloads (`playwright install`) are impossible here, so never try them.
# Idempotent: does nothing when the binary is there. Installs with apt-get otherwise (root or
# password-less sudo). Progress goes to stderr.
set -euo pipefail

say() { echo "ensure-chromium: $*" >&2; }

if [ -x /usr/bin/chromium ]; then exit 0; fi

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -n "$@"
  else say "needs root (or password-less sudo) to run: $*"; exit 1
  fi
}

say "installing Debian's chromium (apt-get)"
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq >&2
as_root apt-get install -y -qq chromium fonts-dejavu-core >&2
[ -x /usr/bin/chromium ] || { say "chromium is still missing after apt-get"; exit 1; }
say "ready: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
