#!/usr/bin/env bash
# bench/http_api: authenticated GET /api/v1/organisations?limit=50 on the demo dataset,
# wrk with 64 connections, against nginx serving a static file of the same size in the
# same run (the ceiling). Prints requests/s and p99 for both and the ratio.
# Target: ratio >= 0.5, p99 < 20 ms.
# --baseline BIN also serves the same dataset with another build of renkei (e.g. the
# binary before a refactor) in the same run and prints this build's ratio to it.
#   bench/http_api/run.sh [--duration 10] [--db sqlite|postgresql] [--baseline BIN]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
duration=10
engine=sqlite
baseline=""
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --db) engine="$2"; shift 2 ;;
    --baseline) baseline="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -n "$baseline" ]; then
  [ "$engine" = sqlite ] || { echo "--baseline runs on SQLite: each build loads its own database" >&2; exit 2; }
  baseline=$(realpath "$baseline")
  [ -x "$baseline" ] || { echo "--baseline $baseline is not an executable" >&2; exit 2; }
fi
bench_init
app_port=18181
static_port=18182

[ "$engine" = postgresql ] && pg_url="$(scripts/start-test-postgres.sh)"
password="bench-password-123"
# load_and_serve NAME: the demo dataset loaded by $bin into a fresh database (an emptied
# schema on PostgreSQL, $work/NAME.db on SQLite), served by $bin, and the demo member's
# session cookie in $cookie.
load_and_serve() {
  if [ "$engine" = postgresql ]; then
    db="$pg_url"
    psql "$db" -q -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
  else
    db="sqlite:$work/$1.db"
  fi
  "$bin" demo-data --db "$db" --password "$password" >/dev/null
  bench_serve "$db"
  cookie=$(bench_cookie member@denryoku.example "$password")
  [ -n "$cookie" ] || { echo "sign-in failed ($bin)" >&2; exit 1; }
}
load_and_serve bench
path="/api/v1/organisations?limit=50"
curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$app_port$path" >"$work/page.json"
size=$(stat -c %s "$work/page.json")
bench_nginx "$work/page.json"

# Warm up, then measure.
wrk -t2 -c64 -d2s -H "Cookie: $cookie" "http://127.0.0.1:$app_port$path" >/dev/null
read -r app_rps app_p99 app_errors < <(bench_measure "http://127.0.0.1:$app_port$path" "Cookie: $cookie")
read -r st_rps st_p99 _ < <(bench_measure "http://127.0.0.1:$static_port/page.json")
# Where the time goes: the HTTP stack alone, and with session resolution.
read -r health_rps _ _ < <(bench_measure "http://127.0.0.1:$app_port/api/v1/health")
read -r me_rps _ _ < <(bench_measure "http://127.0.0.1:$app_port/api/v1/me" "Cookie: $cookie")
ratio=$(awk -v a="$app_rps" -v b="$st_rps" 'BEGIN { printf "%.2f", a / b }')

echo "bench/http_api  engine=$engine  body=${size} bytes  wrk -t2 -c64 -d${duration}s"
printf '  renkei GET %s : %10.0f req/s  p99 %7.2f ms  non-2xx %s\n' "$path" "$app_rps" "$(bench_ms "$app_p99")" "$app_errors"
printf '  nginx static same size        : %10.0f req/s  p99 %7.2f ms\n' "$st_rps" "$(bench_ms "$st_p99")"
echo "  ratio renkei/nginx = $ratio   (target >= 0.5; p99 target < 20 ms)"
printf '  breakdown: GET /api/v1/health %.0f req/s (HTTP stack), GET /api/v1/me %.0f req/s (+ session)\n' \
  "$health_rps" "$me_rps"
[ "$app_errors" = 0 ] || { echo "renkei answered non-2xx responses" >&2; exit 1; }

if [ -n "$baseline" ]; then
  # The same dataset, loaded and served by the baseline build (its own schema version) on
  # another port, both idle but for the one measured; then alternate rounds (this build,
  # the baseline, twice) so a change in the machine's load falls on both alike.
  ours_port=$app_port ours_cookie=$cookie ours_bin=$bin
  app_port=18183 bin="$baseline"
  load_and_serve baseline
  bin=$ours_bin base_port=$app_port base_cookie=$cookie
  wrk -t2 -c64 -d2s -H "Cookie: $base_cookie" "http://127.0.0.1:$base_port$path" >/dev/null
  ours_best=0 base_best=0
  for _ in 1 2; do
    read -r r _ e < <(bench_measure "http://127.0.0.1:$ours_port$path" "Cookie: $ours_cookie")
    [ "$e" = 0 ] || { echo "this build answered non-2xx responses" >&2; exit 1; }
    ours_best=$(awk -v a="$r" -v b="$ours_best" 'BEGIN { print (a > b ? a : b) }')
    read -r r _ e < <(bench_measure "http://127.0.0.1:$base_port$path" "Cookie: $base_cookie")
    [ "$e" = 0 ] || { echo "the baseline answered non-2xx responses" >&2; exit 1; }
    base_best=$(awk -v a="$r" -v b="$base_best" 'BEGIN { print (a > b ? a : b) }')
  done
  printf '  alternating rounds, best of 2: this build %.0f req/s, baseline %s %.0f req/s\n' \
    "$ours_best" "$baseline" "$base_best"
  echo "  ratio this build/baseline = $(awk -v a="$ours_best" -v b="$base_best" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')   (a refactor should keep it near 1)"
fi
