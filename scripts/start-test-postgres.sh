#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 server for the tests on 127.0.0.1:${RENKEI_PG_PORT:-55432}
# (data under ${RENKEI_PG_DIR:-/tmp/renkei-pg}), creates the database renkei_test, and
# prints the URL. Idempotent: an already running test server is reused.
set -euo pipefail
port="${RENKEI_PG_PORT:-55432}"
dir="${RENKEI_PG_DIR:-/tmp/renkei-pg}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
[ -x "$bin/initdb" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }
run() {  # PostgreSQL refuses to run as root: use the postgres account when we are root.
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
url="postgresql://renkei@127.0.0.1:${port}/renkei_test"
if run "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" 2>/dev/null; then
  echo "$url"; exit 0
fi
rm -rf "$dir"
mkdir -p "$dir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
run "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
run "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE ROLE renkei LOGIN SUPERUSER" >/dev/null
run "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE DATABASE renkei_test OWNER renkei" >/dev/null
echo "$url"
