#!/usr/bin/env bash
# Issue 19's evaluate target, measured like for like: POST /api/packs/tt124.xa/evaluate on the server against the
# same request on bench/Antq.Hello (the cheapest ASP.NET endpoint that parses the body and answers JSON), with the
# same client, on the same machine. Run it on a quiet machine; it starts and stops both servers itself.
#   bench/evaluate-vs-hello.sh [seconds=30] [connections=16]
# Needs: a Release build (dotnet build Antq.Forms.sln -c Release), wrk (apt-get install wrk), jq, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
connections=${2:-16}
pack=tt124.xa
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
jq -c '{unit: {kind: .unit.kind}, year: .year, data: .data}' "criteria-packs/$pack/tests/01-dat-tat-ca.json" > "$work/body.json"

wait_ok() { for _ in $(seq 1 240); do curl -fsS -o /dev/null --max-time 2 "$1/health" 2>/dev/null && return 0; sleep 0.5; done; echo "$1/health did not answer" >&2; return 1; }
run() { # label url token
  # 10 s unmeasured first (the JIT's tiers), then the measured window.
  BODY_FILE=$work/body.json TOKEN=$3 wrk -t2 -c"$connections" -d10s -s bench/wrk-evaluate.lua "$2/api/packs/$pack/evaluate" > /dev/null
  echo "== $1"
  BODY_FILE=$work/body.json TOKEN=$3 wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/wrk-evaluate.lua "$2/api/packs/$pack/evaluate" \
    | grep -E "Requests/sec|Non-2xx|Socket errors|  (50|99)%"
}

ASPNETCORE_URLS=http://127.0.0.1:5090 dotnet bench/Antq.Hello/bin/Release/net10.0/Antq.Hello.dll > "$work/hello.log" 2>&1 &
wait_ok http://127.0.0.1:5090
run "hello ceiling (bench/Antq.Hello)" http://127.0.0.1:5090 ""
kill %1; wait %1 2>/dev/null || true

ANTQ_DATA_DIR=$work/data ANTQ_ADMIN_EMAIL=admin@load.test ANTQ_ADMIN_PASSWORD='Load@2025x' ANTQ_LOGIN_LIMIT_PER_CLIENT=1000 \
ANTQ_PUBLIC_URL=http://127.0.0.1:5080 ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:5080 \
  dotnet src/Antq.Admin/bin/Release/net10.0/Antq.Admin.dll > "$work/server.log" 2>&1 &
wait_ok http://127.0.0.1:5080
token=$(curl -fsS -H 'Content-Type: application/json' -d '{"email":"admin@load.test","password":"Load@2025x"}' \
  http://127.0.0.1:5080/api/auth/login | jq -r .accessToken)
run "server: POST /api/packs/$pack/evaluate, bearer" http://127.0.0.1:5080 "$token"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
