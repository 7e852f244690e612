#!/usr/bin/env bash
# Runs every test of the solution and ends with one line: "N passed, N failed".
#   1. every test project on SQLite (the embedded default), including the browser tests, which use
#      Debian's chromium (scripts/ensure-chromium.sh installs it when /usr/bin/chromium is missing);
#   2. the API tests (tests/Antq.Admin.Tests) again on PostgreSQL. scripts/ensure-postgres.sh
#      installs and starts a local server when none answers on 127.0.0.1:5432 (root or sudo);
#      set ANTQ_TEST_POSTGRES to use another server, or ANTQ_SKIP_POSTGRES=1 to skip this run.
# Usage: ./test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Rules]
set -uo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet build Antq.Forms.sln -c Release --nologo -v quiet 2>&1 | tail -n 30
build=${PIPESTATUS[0]}
if [ "$build" -ne 0 ]; then
  echo "Build failed."
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
extra_failed=0

# The browser tests and PDF rendering need Debian's chromium; without it they fail with a clear message.
if ! scripts/ensure-chromium.sh; then
  echo "Chromium could not be installed (scripts/ensure-chromium.sh failed); the browser tests will fail."
fi

echo "== All tests on SQLite"
ANTQ_TEST_DB_PROVIDER=sqlite dotnet test Antq.Forms.sln -c Release --no-build --nologo "$@" 2>&1 | tee -a "$log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1

if [ "${ANTQ_SKIP_POSTGRES:-0}" = 1 ]; then
  echo "== API tests on PostgreSQL: skipped (ANTQ_SKIP_POSTGRES=1)"
else
  echo "== API tests on PostgreSQL"
  if [ -z "${ANTQ_TEST_POSTGRES:-}" ]; then
    if env_line=$(scripts/ensure-postgres.sh); then
      eval "$env_line"
    else
      echo "PostgreSQL could not be set up (scripts/ensure-postgres.sh failed); the PostgreSQL run counts as failed."
      extra_failed=1
      status=1
    fi
  fi
  if [ -n "${ANTQ_TEST_POSTGRES:-}" ]; then
    ANTQ_TEST_DB_PROVIDER=postgres ANTQ_TEST_POSTGRES="$ANTQ_TEST_POSTGRES" \
      dotnet test tests/Antq.Admin.Tests -c Release --no-build --nologo "$@" 2>&1 | tee -a "$log"
    [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
  fi
fi

# VSTest prints one summary per test project and run: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$((failed + extra_failed))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed"
exit "$status"
