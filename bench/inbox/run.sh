#!/usr/bin/env bash
# bench/inbox: the demo member's authenticated inbox (GET /api/v1/items?limit=50) with
# 100,000 items in the database, wrk with 64 connections, against nginx serving a static
# file of the same size in the same run. Also the "everything I may see" list and the
# counts. Target: ratio >= 0.3, p99 < 30 ms.
#   bench/inbox/run.sh [--duration 10] [--items 100000] [--keep-db PATH]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
duration=10
items=100000
keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --items) items="$2"; shift 2 ;;
    --keep-db) keep="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
bench_init
seed=build/release/bench/inbox/inbox_seed
[ -x "$seed" ] || cmake --build --preset release --target inbox_seed
app_port=18183
static_port=18184
password="bench-password-123"
dbfile="${keep:-$work/inbox.db}"
if [ ! -f "$dbfile" ]; then
  echo "seeding $items items (once; --keep-db PATH reuses the file)…" >&2
  "$seed" --db "sqlite:$dbfile" --items "$items" --password "$password" >/dev/null
fi
bench_serve "sqlite:$dbfile"
cookie=$(bench_cookie member@denryoku.example "$password")
[ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }
path="/api/v1/items?limit=50"
curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$app_port$path" >"$work/page.json"
size=$(stat -c %s "$work/page.json")
bench_nginx "$work/page.json"

# Warm up every endpoint measured below (the page cache starts cold), then measure.
for p in "$path" "/api/v1/items?scope=all&limit=50" "/api/v1/items/counts"; do
  wrk -t2 -c64 -d2s -H "Cookie: $cookie" "http://127.0.0.1:$app_port$p" >/dev/null
done
read -r app_rps app_p99 app_errors < <(bench_measure "http://127.0.0.1:$app_port$path" "Cookie: $cookie")
read -r st_rps st_p99 _ < <(bench_measure "http://127.0.0.1:$static_port/page.json")
read -r all_rps all_p99 _ < <(bench_measure "http://127.0.0.1:$app_port/api/v1/items?scope=all&limit=50" "Cookie: $cookie")
read -r cnt_rps cnt_p99 _ < <(bench_measure "http://127.0.0.1:$app_port/api/v1/items/counts" "Cookie: $cookie")
ratio=$(awk -v a="$app_rps" -v b="$st_rps" 'BEGIN { printf "%.2f", a / b }')
total=$(sqlite3 "$dbfile" "SELECT COUNT(*) FROM items")

echo "bench/inbox  items=$total  body=${size} bytes  wrk -t2 -c64 -d${duration}s"
printf '  renkei GET %s  : %10.0f req/s  p99 %7.2f ms  non-2xx %s\n' "$path" "$app_rps" "$(bench_ms "$app_p99")" "$app_errors"
printf '  nginx static same size           : %10.0f req/s  p99 %7.2f ms\n' "$st_rps" "$(bench_ms "$st_p99")"
echo "  ratio renkei/nginx = $ratio   (target >= 0.3; p99 target < 30 ms)"
printf '  also: scope=all %.0f req/s p99 %.2f ms; counts %.0f req/s p99 %.2f ms\n' \
  "$all_rps" "$(bench_ms "$all_p99")" "$cnt_rps" "$(bench_ms "$cnt_p99")"
[ "$app_errors" = 0 ] || { echo "renkei answered non-2xx responses" >&2; exit 1; }
