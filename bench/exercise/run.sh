#!/usr/bin/env bash
# bench/exercise: the 2024 all-sector exercise's size (869 organisations, 6,981 people).
# First exercise_bench (in process, SQLite and, when RENKEI_BENCH_PG_URL or RENKEI_TEST_PG_URL
# is set, PostgreSQL): one inject to every player until committed (target < 1 s on SQLite),
# the control room's board, and a relay through the 21 hubs, hop by hop. Then the control
# room over HTTP under 500 simultaneous viewers: wrk -c500 on GET /api/v1/exercises/{id}/status
# (the page the control room refreshes), against nginx serving a file of the same size in
# the same run (the ceiling). Target: p99 < 100 ms.
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
viewers() {  # URL [HEADER]: "req/s p99 non2xx" of wrk -c500
  local out
  out=$(wrk -t2 -c500 -d"${duration}s" --latency ${2:+-H "$2"} "$1")
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '$1 == "99%" {print $2}') $(echo "$out" | awk '/Non-2xx/ {print $5}')"
}
read -r st_rps st_p99 _ < <(viewers "http://127.0.0.1:$static_port/page.json")
wrk -t2 -c500 -d2s -H "Cookie: $cookie" "http://127.0.0.1:$app_port$path" >/dev/null
read -r rps p99 errors < <(viewers "http://127.0.0.1:$app_port$path" "Cookie: $cookie")
ms=$(bench_ms "$p99")
echo "  control room under 500 viewers (sqlite, $size bytes, wrk -t2 -c500 -d${duration}s):"
printf '    nginx static : %8.0f req/s  p99 %7.2f ms\n' "$st_rps" "$(bench_ms "$st_p99")"
printf '    renkei       : %8.0f req/s  p99 %7.2f ms  non-2xx %s  ratio %s   target p99 < 100 ms: %s\n' \
  "$rps" "$ms" "${errors:-0}" "$(awk -v a="$rps" -v b="$st_rps" 'BEGIN { printf "%.3f", a / b }')" \
  "$(awk -v a="$ms" 'BEGIN { print (a < 100 ? "met" : "NOT met") }')"
