#!/usr/bin/env bash
# bench/exercise: the 2024 all-sector exercise's size (869 organisations, 6,981 people).
# First exercise_bench (in process, SQLite and, when RENKEI_BENCH_PG_URL or RENKEI_TEST_PG_URL
# is set, PostgreSQL): one inject to every player until committed (target < 1 s on SQLite),
# the control room's board, and a relay through the 21 hubs, hop by hop. Then the control
# room over HTTP under 500 simultaneous viewers: wrk -c500 on GET /api/v1/exercises/{id}/status
# (the page the control room refreshes every 5 s), as 500 viewers each refreshing every 5 s
# (bench/exercise/viewers.py, an open loop), against nginx serving a file of the same size in
# the same run (the ceiling); and the capacity, wrk -c500 back to back. Target: p99 < 100 ms.
#   bench/exercise/run.sh [--duration 10]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
duration=10
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
bench_init
tool=build/release/bench/exercise/exercise_bench
[ -x "$tool" ] || cmake --build --preset release --target exercise_bench
"$tool"
app_port=18187
static_port=18188
"$tool" --keep-db "$work/exercise.db" >"$work/seed.txt"
id=$(sed -n 's/^exercise_id=//p' "$work/seed.txt")
bench_serve "sqlite:$work/exercise.db"
cookie=$(bench_cookie officer@nco.example bench-password-123)
[ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }
path="/api/v1/exercises/$id/status"
curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$app_port$path" >"$work/page.json"
size=$(stat -c %s "$work/page.json")
bench_nginx "$work/page.json"
# Capacity: wrk with 500 connections asking back to back (a closed loop, no viewer waits).
capacity() {  # URL [HEADER]: "req/s"
  wrk -t2 -c500 -d"${duration}s" ${2:+-H "$2"} "$1" | awk '/Requests\/sec/ {print $2}'
}
# The target's measure: 500 viewers, each refreshing every 5 s as the control room does (an
# open loop: viewers.py), p99 of the answers counted from when each was due.
watch() {  # PORT PATH [COOKIE]: "answered rate median p99 max errors"
  python3 bench/exercise/viewers.py 127.0.0.1 "$1" "$2" "${3:-}" --viewers 500 --period 5 --duration "$((duration * 2))"
}
st_rps=$(capacity "http://127.0.0.1:$static_port/page.json")
read -r st_n st_rate st_med st_p99 st_max _ < <(watch "$static_port" /page.json)
# The viewers first: wrk leaves up to 500 requests queued in the server when it stops.
python3 bench/exercise/viewers.py 127.0.0.1 "$app_port" "$path" "$cookie" --viewers 500 --period 5 --duration 5 >/dev/null
read -r n rate med p99 max errors < <(watch "$app_port" "$path" "$cookie")
rps=$(capacity "http://127.0.0.1:$app_port$path" "Cookie: $cookie")
echo "  the control room (sqlite, $size bytes: $(grep -o '"key"' "$work/page.json" | wc -l) lines), 500 viewers refreshing every 5 s:"
printf '    nginx static : %6d answers, %6.1f req/s, median %6.1f ms, p99 %6.1f ms, max %6.1f ms | capacity (wrk -c500) %8.0f req/s\n' \
  "$st_n" "$st_rate" "$st_med" "$st_p99" "$st_max" "$st_rps"
printf '    renkei       : %6d answers, %6.1f req/s, median %6.1f ms, p99 %6.1f ms, max %6.1f ms | capacity (wrk -c500) %8.0f req/s  non-2xx %s\n' \
  "$n" "$rate" "$med" "$p99" "$max" "$rps" "$errors"
awk -v a="$p99" -v b="$st_p99" -v r="$rps" -v s="$st_rps" 'BEGIN {
  printf "    ratio p99 renkei/nginx = %.1f, capacity renkei/nginx = %.3f   target p99 < 100 ms: %s\n", a / b, r / s, (a < 100 ? "met" : "NOT met") }'
