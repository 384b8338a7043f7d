#!/usr/bin/env bash
# bench/home: each role's home page (GET /api/v1/home, 要対応) with the living demo at ten
# times its size (home_seed: the demo copied ten times, filled up to 60,000 items), wrk
# with 64 connections per role, against nginx serving a static file of the same size in
# the same run (the ceiling). Prints req/s and p99 for each role and the ratio.
# Target: p99 < 50 ms for every role, on SQLite and on PostgreSQL. Also one request at a
# time (40 in a row, median and p95): the page's own cost without wrk's queue.
#   bench/home/run.sh [--duration 10] [--db sqlite|postgresql] [--items 60000] [--keep-db PATH]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
duration=10
engine=sqlite
items=60000
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --db) engine="$2"; shift 2 ;;
    --items) items="$2"; shift 2 ;;
    --keep-db) keep="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
bench_init
seed=build/release/bench/home/home_seed
[ -x "$seed" ] || cmake --build --preset release --target home_seed
app_port=18185
static_port=18186
password="bench-password-123"
if [ "$engine" = postgresql ]; then
  db="${RENKEI_BENCH_PG_URL:-$(scripts/start-test-postgres.sh)}"
  PGOPTIONS="-c client_min_messages=warning" psql "$db" -q -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
  echo "seeding (PostgreSQL)…" >&2
  "$seed" --db "$db" --items "$items" --password "$password" >&2
else
  dbfile="${keep:-$work/home.db}"
  db="sqlite:$dbfile"
  if [ ! -f "$dbfile" ]; then
    echo "seeding (once; --keep-db PATH reuses the file)…" >&2
    "$seed" --db "$db" --items "$items" --password "$password" >&2
  fi
fi
bench_serve "$db"
count() { if [ "$engine" = postgresql ]; then psql "$db" -tAc "$1"; else sqlite3 "$dbfile" "$1"; fi; }
echo "bench/home  engine=$engine  items=$(count 'SELECT COUNT(*) FROM items')  deliveries=$(count 'SELECT COUNT(*) FROM deliveries')  reports=$(count 'SELECT COUNT(*) FROM report_cases')  assessments=$(count 'SELECT COUNT(*) FROM assessments')  wrk -t2 -c64 -d${duration}s"

path=/api/v1/home
worst=0
first=1
for who in member@denryoku.example analyst@jeisac.example officer@meti.example \
           officer@nco.example officer@occto.example admin@renkei.example agent@otasuketai.example; do
  cookie=$(bench_cookie "$who" "$password")
  [ -n "$cookie" ] || { echo "sign-in failed: $who" >&2; exit 1; }
  curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$app_port$path" >"$work/page.json"
  size=$(stat -c %s "$work/page.json")
  if [ "$first" = 1 ]; then
    # The ceiling: nginx with the first role's page, measured once in this run.
    bench_nginx "$work/page.json"
    read -r st_rps st_p99 _ < <(bench_measure "http://127.0.0.1:$static_port/page.json")
    printf '  nginx static (%6d bytes)           : %8.0f req/s  p99 %7.2f ms\n' "$size" "$st_rps" "$(bench_ms "$st_p99")"
    first=0
  fi
  wrk -t2 -c64 -d2s -H "Cookie: $cookie" "http://127.0.0.1:$app_port$path" >/dev/null
  read -r rps p99 errors < <(bench_measure "http://127.0.0.1:$app_port$path" "Cookie: $cookie")
  ms=$(bench_ms "$p99")
  # One request at a time (no queue): what one home page costs the server.
  alone=$(for _ in $(seq 40); do curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $cookie" "http://127.0.0.1:$app_port$path"; done |
    sort -n | awk '{ v[NR] = $1 * 1000 } END { printf "median %.1f ms, p95 %.1f ms", v[int(NR / 2)], v[int(NR * 0.95)] }')
  ratio=$(awk -v a="$rps" -v b="$st_rps" 'BEGIN { printf "%.3f", a / b }')
  printf '  %-28s (%6d bytes) : %8.0f req/s  p99 %7.2f ms  ratio %s  non-2xx %s  | alone: %s\n' "$who" "$size" "$rps" "$ms" "$ratio" "$errors" "$alone"
  [ "$errors" = 0 ] || { echo "renkei answered non-2xx responses for $who" >&2; exit 1; }
  worst=$(awk -v a="$ms" -v b="$worst" 'BEGIN { print (a > b ? a : b) }')
done
echo "  worst p99 = ${worst} ms   (target < 50 ms for every role)"
