#!/usr/bin/env bash
# Two server instances on one PostgreSQL behind bench/Antq.Proxy, the deadline-day load model for DURATION seconds
# (default 300) with a pack activation at 25 % (its drafts then moved by a background run, followed to its end) and a
# rolling restart of instance 1 at 60 % (issue 19, item 4).
# See bench/README.md, "Two instances".
#
#   bench/two-instances.sh [DURATION]
#
# Environment: SCALE (fraction of the model's national peak rates, default 1), WRITERS (default 50),
# DRAIN_SECONDS (the instances' ANTQ_SHUTDOWN_DRAIN_SECONDS, default 5), POOL (each instance's Npgsql
# Maximum Pool Size, default 30), KEEP=1 keeps the database and the
# logs folder. Exit code 0 only when every check of the load tool passed and the restarted instance stopped cleanly.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
duration=${1:-${DURATION:-300}}
scale=${SCALE:-1}
writers=${WRITERS:-50}
drain=${DRAIN_SECONDS:-5}
ports=(5081 5082)
proxy=http://127.0.0.1:5090
admin_email=admin@two.test
admin_password='Two-Instances-2025'
work=$(mktemp -d /tmp/antq-two-instances.XXXXXX)
events=$work/events.log
: > "$events"

say() { echo "[two-instances $(date +%H:%M:%S)] $*" >&2; }
now_ms() { date +%s%3N; }

eval "$(scripts/ensure-postgres.sh)"
database=antq_two_$(date +%Y%m%d%H%M%S)
# Each instance's Npgsql pool is capped so that both stay under PostgreSQL's max_connections (default 100) with room
# for other clients: with the default pool (100 each) two instances ran the server out of connections
# ("53300: sorry, too many clients already") when saves queued behind an activation (before the move left its transaction).
pool=${POOL:-30}
connection="$ANTQ_TEST_POSTGRES;Database=$database;Maximum Pool Size=$pool"
pg_password=${ANTQ_TEST_PG_PASSWORD:-antq-test}

declare -A pids=()
cleanup() {
  for name in "${!pids[@]}"; do kill -TERM "${pids[$name]}" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "${KEEP:-0}" != 1 ]; then
    command -v psql >/dev/null && PGPASSWORD=$pg_password psql -h 127.0.0.1 -U postgres -d postgres -XAtqc "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true
  fi
  say "logs: $work"
}
trap cleanup EXIT

say "building (Release)…"
for project in src/Antq.Admin bench/Antq.Load bench/Antq.Proxy; do
  dotnet build "$project" -c Release -v q -nologo >/dev/null
done

# Instance N (1-based) on ports[N-1]: Production, one database, one data folder (evidence files are shared, ADR 0004).
start_instance() {
  local n=$1 port=${ports[$(($1 - 1))]}
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:$port \
  ANTQ_DB_PROVIDER=postgres ConnectionStrings__Antq="$connection" ANTQ_DATA_DIR="$work/data" \
  ANTQ_ADMIN_EMAIL=$admin_email ANTQ_ADMIN_PASSWORD=$admin_password ANTQ_SEED_DEMO=false \
  ANTQ_PUBLIC_URL=$proxy ANTQ_SHUTDOWN_DRAIN_SECONDS=$drain \
  ANTQ_LOGIN_LIMIT_PER_CLIENT=100000 ANTQ_LOGIN_LIMIT_PER_ACCOUNT=100000 \
    dotnet src/Antq.Admin/bin/Release/net10.0/Antq.Admin.dll >>"$work/instance-$n.log" 2>&1 &
  pids[instance-$n]=$!
}

wait_healthy() {
  local url=$1
  for _ in $(seq 1 600); do
    curl -fsS -o /dev/null --max-time 2 "$url/health" 2>/dev/null && return 0
    sleep 0.5
  done
  say "$url/health did not answer"; return 1
}

say "database $database; load average $(cut -d' ' -f1-3 /proc/loadavg)"
# One after the other: the first applies the migrations and creates the first data-protection key (ADR 0004).
start_instance 1; wait_healthy "http://127.0.0.1:${ports[0]}"
start_instance 2; wait_healthy "http://127.0.0.1:${ports[1]}"
dotnet bench/Antq.Proxy/bin/Release/net10.0/Antq.Proxy.dll --listen $proxy \
  --destinations "http://127.0.0.1:${ports[0]},http://127.0.0.1:${ports[1]}" >"$work/proxy.log" 2>&1 &
pids[proxy]=$!
wait_healthy $proxy
# The UI is pinned to one instance by the proxy's affinity cookie (a Blazor circuit lives in one process).
affinity=0
curl -s -o /dev/null -D - "$proxy/dang-nhap" | tr -d '\r' | grep -qi '^set-cookie: antq.instance=' && affinity=1
say "instances and proxy up; load for $duration s at scale $scale with $writers writers"

activate_at=$((duration / 4))
restart_at=$((duration * 3 / 5))
dotnet bench/Antq.Load/bin/Release/net10.0/Antq.Load.dll --url $proxy --email $admin_email --password "$admin_password" \
  --phase mixed --mixed-seconds "$duration" --mixed-scale "$scale" --writers "$writers" --activate-at "$activate_at" \
  --instances "http://127.0.0.1:${ports[0]},http://127.0.0.1:${ports[1]}" --events "$events" \
  > >(tee "$work/load.log") 2>&1 &
load=$!

# The rolling restart, timed from the start of the load window (the load tool logs it after its set-up).
until grep -q ' start load' "$events"; do
  kill -0 $load 2>/dev/null || { wait $load; exit $?; }
  sleep 0.5
done
sleep "$restart_at"
say "rolling restart: SIGTERM to instance 1"
echo "$(now_ms) kill instance-1" >>"$events"
kill -TERM "${pids[instance-1]}"
stopped_cleanly=0
wait "${pids[instance-1]}" && stopped_cleanly=1 || true
echo "$(now_ms) stopped instance-1" >>"$events"
say "instance 1 exited (clean: $stopped_cleanly) after $(( $(now_ms) - $(awk '/ kill /{print $1}' "$events") )) ms; starting it again"
start_instance 1; wait_healthy "http://127.0.0.1:${ports[0]}"
echo "$(now_ms) started instance-1" >>"$events"
say "instance 1 is back"

status=0
wait $load || status=$?
say "load average at the end $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  check: instance 1 stopped cleanly on SIGTERM: $([ $stopped_cleanly = 1 ] && echo met || echo MISSED)"
[ $stopped_cleanly = 1 ] || status=1
echo "  check: the proxy pins the UI with its affinity cookie (antq.instance): $([ $affinity = 1 ] && echo met || echo MISSED)"
[ $affinity = 1 ] || status=1
exit $status
