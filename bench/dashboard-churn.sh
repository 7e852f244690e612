#!/usr/bin/env bash
# The national dashboard while the data changes: a khu dân cư renamed every second (each unit save drops the boards, as a
# dossier's status change does) while 2 readers read the national dashboard for SECONDS (default 40), then the name is
# put back. Prints the readers' p50/p95/max. Needs the national server of bench/README.md "Probes" 1 on :5080 and the
# antq_national database (psql, jq, curl).
#   bench/dashboard-churn.sh [seconds]
set -u
secs=${1:-40}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
B=http://127.0.0.1:5080
T=$(curl -fsS -H 'Content-Type: application/json' -d '{"email":"admin@national.test","password":"Antq-National-2025"}' $B/api/auth/login | jq -r .accessToken)
U=$(psql "postgresql://postgres:antq-test@127.0.0.1/antq_national" -tAc "select \"Id\" from \"Units\" where \"KindId\"='khu-dan-cu' order by \"Id\" limit 1")
N=$(psql "postgresql://postgres:antq-test@127.0.0.1/antq_national" -tAc "select \"Name\" from \"Units\" where \"Id\"=$U")
curl -s -o /dev/null -H "Authorization: Bearer $T" "$B/api/dashboard?year=2025"   # the first computation
end=$((SECONDS+secs))
( i=0; while [ $SECONDS -lt $end ]; do i=$((i+1)); curl -s -o /dev/null -w "%{http_code}\n" -X PUT -H "Authorization: Bearer $T" -H 'Content-Type: application/json' \
    -d "{\"name\":\"$N ($((i%2)))\"}" "$B/api/units/$U" >> "$work/puts.txt"; sleep 1; done ) &
for r in 1 2; do ( while [ $SECONDS -lt $end ]; do curl -s -o /dev/null -w "%{time_total}\n" -H "Authorization: Bearer $T" "$B/api/dashboard?year=2025" >> "$work/times.txt"; done ) & done
wait
curl -s -o /dev/null -X PUT -H "Authorization: Bearer $T" -H 'Content-Type: application/json' -d "{\"name\":\"$N\"}" "$B/api/units/$U"
echo "renames: $(grep -c 200 "$work/puts.txt") ok of $(wc -l < "$work/puts.txt")"
sort -n "$work/times.txt" | awk '{a[NR]=$1} END {printf "dashboard reads %d: p50 %.0f ms, p95 %.0f ms, max %.0f ms\n", NR, a[int(NR*0.5)]*1000, a[int(NR*0.95)]*1000, a[NR]*1000}'
