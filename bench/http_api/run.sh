#!/usr/bin/env bash
# bench/http_api: authenticated GET /api/v1/organisations?limit=50 on the demo dataset,
# wrk with 64 connections, against nginx serving a static file of the same size in the
# same run (the ceiling). Prints requests/s and p99 for both and the ratio.
# Target: ratio >= 0.5, p99 < 20 ms.
#   bench/http_api/run.sh [--duration 10] [--db sqlite|postgresql]
set -euo pipefail
cd "$(dirname "$0")/../.."
duration=10
engine=sqlite
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="$2"; shift 2 ;;
    --db) engine="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
bin=build/release/src/app/renkei
[ -x "$bin" ] || { cmake --preset release >/dev/null && cmake --build --preset release --target renkei; }
command -v wrk >/dev/null && command -v nginx >/dev/null || scripts/install-deps.sh --test

work=$(mktemp -d /tmp/renkei-bench.XXXXXX)
chmod 755 "$work"
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$engine" = postgresql ]; then
  db="$(scripts/start-test-postgres.sh)"
  psql "$db" -q -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
else
  db="sqlite:$work/bench.db"
fi
password="bench-password-123"
"$bin" demo-data --db "$db" --password "$password" >/dev/null
app_port=18181
static_port=18182
"$bin" serve --db "$db" --listen 127.0.0.1:$app_port --threads 2 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$app_port/api/v1/health" >/dev/null && break; sleep 0.1; done

cookie=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"email\":\"member@denryoku.example\",\"password\":\"$password\"}" \
  "http://127.0.0.1:$app_port/api/v1/session" | sed -n 's/^[Ss]et-[Cc]ookie: \(renkei_session=[^;]*\).*/\1/p')
[ -n "$cookie" ] || { echo "sign-in failed" >&2; exit 1; }
path="/api/v1/organisations?limit=50"
mkdir -p "$work/www"
curl -sf -H "Cookie: $cookie" "http://127.0.0.1:$app_port$path" >"$work/www/page.json"
size=$(stat -c %s "$work/www/page.json")

cat >"$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server {
    listen 127.0.0.1:$static_port;
    location / { root $work/www; default_type application/json; }
  }
}
NGINX
nginx -c "$work/nginx.conf" -p "$work"
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$static_port/page.json" >/dev/null && break; sleep 0.1; done

measure() {  # url [header]
  local out
  if [ -n "${2:-}" ]; then
    out=$(wrk -t2 -c64 -d"${duration}s" --latency -H "$2" "$1")
  else
    out=$(wrk -t2 -c64 -d"${duration}s" --latency "$1")
  fi
  local rps p99 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  echo "$rps $p99 ${non2xx:-0}"
}
to_ms() {  # wrk latency like 3.21ms / 850.00us / 1.02s
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v+0 } else { sub(/s$/, "", v); print v*1000 } }'
}

# Warm up both, then measure.
wrk -t2 -c64 -d2s -H "Cookie: $cookie" "http://127.0.0.1:$app_port$path" >/dev/null
read -r app_rps app_p99 app_errors < <(measure "http://127.0.0.1:$app_port$path" "Cookie: $cookie")
read -r st_rps st_p99 _ < <(measure "http://127.0.0.1:$static_port/page.json")
# Where the time goes: the HTTP stack alone, and with session resolution.
read -r health_rps _ _ < <(measure "http://127.0.0.1:$app_port/api/v1/health")
read -r me_rps _ _ < <(measure "http://127.0.0.1:$app_port/api/v1/me" "Cookie: $cookie")
ratio=$(awk -v a="$app_rps" -v b="$st_rps" 'BEGIN { printf "%.2f", a / b }')
app_ms=$(to_ms "$app_p99")
st_ms=$(to_ms "$st_p99")

echo "bench/http_api  engine=$engine  body=${size} bytes  wrk -t2 -c64 -d${duration}s"
printf '  renkei GET %s : %10.0f req/s  p99 %7.2f ms  non-2xx %s\n' "$path" "$app_rps" "$app_ms" "$app_errors"
printf '  nginx static same size        : %10.0f req/s  p99 %7.2f ms\n' "$st_rps" "$st_ms"
echo "  ratio renkei/nginx = $ratio   (target >= 0.5; p99 target < 20 ms)"
printf '  breakdown: GET /api/v1/health %.0f req/s (HTTP stack), GET /api/v1/me %.0f req/s (+ session)\n' \
  "$health_rps" "$me_rps"
[ "$app_errors" = 0 ] || { echo "renkei answered non-2xx responses" >&2; exit 1; }
