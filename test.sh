#!/usr/bin/env bash
# Runs every test of the solution and ends with one line: "N passed, N failed".
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

dotnet test Antq.Forms.sln -c Release --no-build --nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# VSTest prints one summary per test project: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12, ..."
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed"
exit "$status"
