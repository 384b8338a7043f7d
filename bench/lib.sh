# Shared by the HTTP benchmarks (sourced): a work folder cleaned up on exit, a
# signed-in session cookie, nginx serving a static file (the ceiling), and wrk runs.
# Callers set: work (after bench_init), app_port, static_port.

bench_init() {
  bin=build/release/src/app/renkei
  [ -x "$bin" ] || { cmake --preset release >/dev/null && cmake --build --preset release --target renkei; }
  command -v wrk >/dev/null && command -v nginx >/dev/null || scripts/install-deps.sh --test
  work=$(mktemp -d /tmp/renkei-bench.XXXXXX)
  chmod 755 "$work"
  trap bench_cleanup EXIT
}

bench_cleanup() {
  for pid in ${server_pid:-} ${server_pids:-}; do kill "$pid" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}

# bench_serve DB: starts renkei ($bin) on $app_port and waits until it answers; its log is
# $work/server-$app_port.log. Every server started is stopped on exit.
bench_serve() {
  "$bin" serve --db "$1" --listen 127.0.0.1:$app_port --threads 2 2>"$work/server-$app_port.log" &
  server_pid=$!
  server_pids="${server_pids:-} $server_pid"
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$app_port/api/v1/health" >/dev/null && break; sleep 0.1; done
}

# bench_cookie EMAIL PASSWORD: prints "renkei_session=…".
bench_cookie() {
  curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"$1\",\"password\":\"$2\"}" \
    "http://127.0.0.1:$app_port/api/v1/session" | sed -n 's/^[Ss]et-[Cc]ookie: \(renkei_session=[^;]*\).*/\1/p'
}

# bench_nginx FILE: serves FILE as /page.json on $static_port (2 workers).
bench_nginx() {
  mkdir -p "$work/www"
  cp "$1" "$work/www/page.json"
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
}

# bench_measure URL [HEADER]: prints "req/s p99 non2xx" of a wrk run (-t2 -c64).
bench_measure() {
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

# bench_ms LATENCY: wrk's 3.21ms / 850.00us / 1.02s in milliseconds.
bench_ms() {
  awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/, "", v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v); print v+0 } else { sub(/s$/, "", v); print v*1000 } }'
}
