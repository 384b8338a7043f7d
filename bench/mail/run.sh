#!/usr/bin/env bash
# bench/mail: a national alert's mail, from the outbox to a local SMTP server. Loads the
# demo dataset, starts `renkei serve` with an SMTP sink (Debian's aiosmtpd, counting
# only), and the national-centre officer publishes one GREEN alert to all 15 sectors and
# all 21 hubs (about 7,500 recipients). Measured: mails/s from the publish request until
# the sink accepted the last mail. The ceiling, in the same run: the same sink fed the
# same message by a minimal client (smtplib) over one kept-open connection. Prints both
# and the ratio (target >= 0.5). With --before BIN the same measurement of another
# renkei binary (e.g. the build before connection reuse) runs first, on a fresh database.
#   bench/mail/run.sh [--db sqlite|postgresql] [--connections 4] [--before BIN]
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
engine=sqlite
connections=4
before=""
while [ $# -gt 0 ]; do
  case "$1" in
    --db) engine="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --before) before="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
bench_init
app_port=18191
smtp_port=18192
password="bench-password-123"
python=/usr/bin/python3  # Debian's, where python3-aiosmtpd is installed

sink_pid=""
stop_sink() { [ -n "$sink_pid" ] && kill "$sink_pid" 2>/dev/null && wait "$sink_pid" 2>/dev/null || true; sink_pid=""; }
stop_server() { [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true; server_pid=""; }
trap 'stop_sink; bench_cleanup' EXIT

start_sink() {
  rm -f "$work/sink.json"
  "$python" bench/mail/sink.py 127.0.0.1 "$smtp_port" "$work/sink.json" "$work/sample.eml" &
  sink_pid=$!
  for _ in $(seq 100); do [ -f "$work/sink.json" ] && break; sleep 0.05; done
}
sink_field() { jq -r ".$1" "$work/sink.json"; }

fresh_db() {
  if [ "$engine" = postgresql ]; then
    db="$(scripts/start-test-postgres.sh)"
    psql "$db" -q -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;" >/dev/null
  else
    rm -f "$work"/bench.db*
    db="sqlite:$work/bench.db"
  fi
}

# measure BIN: prints "mails seconds mails/s connections" for one national alert.
measure() {
  local binary="$1"
  fresh_db
  "$binary" demo-data --db "$db" --password "$password" >/dev/null
  start_sink
  bin="$binary" RENKEI_SMTP_URL="smtp://127.0.0.1:$smtp_port" RENKEI_MAIL_FROM=noreply@renkei.example.jp \
    RENKEI_SIGNIN_IP_LIMIT=100000 RENKEI_MAIL_CONNECTIONS="$connections" bench_serve "$db"
  local csrf
  curl -s -c "$work/cookies" -o "$work/signin.json" -H 'Content-Type: application/json' \
    -d "{\"email\":\"officer@nco.example\",\"password\":\"$password\"}" \
    "http://127.0.0.1:$app_port/api/v1/session"
  csrf=$(jq -r .user.csrf_token "$work/signin.json")
  [ -n "$csrf" ] && [ "$csrf" != null ] || { echo "sign-in failed" >&2; exit 1; }
  local sectors hubs
  sectors=$(curl -sf -b "$work/cookies" "http://127.0.0.1:$app_port/api/v1/sectors" | jq -c '[.items[].id]')
  hubs=$(curl -sf -b "$work/cookies" "http://127.0.0.1:$app_port/api/v1/hubs" | jq -c '[.items[].id]')
  local body="{\"kind\":\"alert\",\"tlp\":\"GREEN\",\"title\":\"全分野への注意喚起: 制御系の不審な通信\",
    \"body\":\"重要インフラ全分野に、制御系ネットワークへの不審な通信の確認を依頼します。\",
    \"action_requested\":\"ログを確認し、結果を報告してください\",
    \"audience\":{\"sector_ids\":$sectors,\"hub_ids\":$hubs}}"
  local t0 id
  t0=$(date +%s.%N)
  id=$(curl -sf -b "$work/cookies" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
    -d "$body" "http://127.0.0.1:$app_port/api/v1/items" | jq -r .id)
  [ -n "$id" ] && [ "$id" != null ] || { echo "publishing failed" >&2; exit 1; }
  local want
  want=$(curl -sf -b "$work/cookies" "http://127.0.0.1:$app_port/api/v1/items/$id/deliveries" | jq -r .people)
  for _ in $(seq 3000); do  # at most 5 minutes
    [ "$(sink_field messages)" -ge "$want" ] && break
    sleep 0.1
  done
  local got last conns
  got=$(sink_field messages)
  last=$(sink_field last)
  conns=$(sink_field connections)
  stop_server
  stop_sink
  [ "$got" -ge "$want" ] || { echo "only $got of $want mails arrived" >&2; exit 1; }
  awk -v n="$got" -v a="$t0" -v b="$last" -v c="$conns" \
    'BEGIN { printf "%d %.2f %.0f %d\n", n, b - a, n / (b - a), c }'
}

# (Into files, not process substitutions, so a failure stops the script.)
if [ -n "$before" ]; then
  measure "$before" >"$work/before.txt"
  read -r b_mails b_secs b_rate b_conns <"$work/before.txt"
fi
measure build/release/src/app/renkei >"$work/after.txt"
read -r mails secs rate conns <"$work/after.txt"
# The ceiling: the sink alone, one connection, the message renkei sent.
start_sink
ceiling=$("$python" bench/mail/ceiling.py 127.0.0.1 "$smtp_port" "$work/sample.eml" "$mails")
stop_sink
ratio=$(awk -v a="$rate" -v b="$ceiling" 'BEGIN { printf "%.2f", a / b }')
size=$(stat -c %s "$work/sample.eml")

echo "bench/mail  engine=$engine  one national alert: $mails mails of $size bytes  connections=$connections"
if [ -n "$before" ]; then
  printf '  before (%s): %6.0f mails/s  %6.1f s  %d SMTP connection(s)\n' "$before" "$b_rate" "$b_secs" "$b_conns"
fi
printf '  renkei outbox -> SMTP      : %6.0f mails/s  %6.1f s  %d SMTP connection(s)\n' "$rate" "$secs" "$conns"
printf '  ceiling (smtplib, 1 conn.) : %6.0f mails/s\n' "$ceiling"
echo "  ratio renkei/ceiling = $ratio   (target >= 0.5)"
