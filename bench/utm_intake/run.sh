#!/usr/bin/env bash
# bench/utm_intake: the UTM alert intake. utm_intake_bench prints lines/s parsed, normalised
# and deduplicated on one core (target >= 200k) with the ratio to a memchr line split over
# the same buffer, then over real TCP and UDP into a counting sink, the peak RSS under a 10x
# burst, then end to end over TCP and UDP into durable storage (the demo dataset in a SQLite
# file, DeskService::Ingest; target >= 20k lines/s, no loss on TCP). Debian's rsyslogd
# (scripts/install-deps.sh --test installs it) then receives the same TCP stream, byte for
# byte, into a file in this run, timed from the start of the send to the last line written;
# the ratio renkei/rsyslogd is printed.
#   bench/utm_intake/run.sh [--lines 1000000]
set -euo pipefail
cd "$(dirname "$0")/../.."
tool=build/release/bench/utm_intake/utm_intake_bench
[ -x "$tool" ] || cmake --build --preset release --target utm_intake_bench
work=$(mktemp -d /tmp/renkei-utm.XXXXXX)
rsyslog_pid=""
trap '[ -n "$rsyslog_pid" ] && kill "$rsyslog_pid" 2>/dev/null; rm -rf "$work"' EXIT
RENKEI_UTM_STREAM="$work/stream.bin" "$tool" "$@" | tee "$work/bench.out"
ours=$(sed -n 's/^e2e_tcp_lines_per_s=//p' "$work/bench.out")
if ! command -v rsyslogd >/dev/null; then
  echo "  rsyslogd not installed (scripts/install-deps.sh --test installs it): no rsyslog ratio"
  exit 0
fi
[ -s "$work/stream.bin" ] || { echo "  no stream written (--no-storage): no rsyslog ratio"; exit 0; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$work/spool"
cat >"$work/rsyslog.conf" <<CONF
global(workDirectory="$work/spool")
module(load="imtcp")
input(type="imtcp" port="$port" address="127.0.0.1")
template(name="raw" type="string" string="%rawmsg%\n")
action(type="omfile" file="$work/out.log" template="raw")
CONF
rsyslogd -f "$work/rsyslog.conf" -i "$work/rsyslog.pid" -n >"$work/rsyslog.err" 2>&1 &
rsyslog_pid=$!
for _ in $(seq 50); do
  python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $port)).close()" 2>/dev/null && break
  sleep 0.1
done
lines=$(python3 - "$work/stream.bin" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
n = i = 0
while i < len(data):
    sp = data.index(b' ', i)
    i = sp + 1 + int(data[i:sp])
    n += 1
print(n)
PY
)
python3 - "$port" "$work/stream.bin" "$lines" "$work/out.log" <<'PY' | tee -a "$work/bench.out"
import os, socket, sys, time
port, path, n, out = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
data = open(path, 'rb').read()
t = time.time()
s = socket.create_connection(("127.0.0.1", port))
s.sendall(data)
s.close()
got = 0
while time.time() - t < 120:
    try:
        with open(out, 'rb') as f:
            got = f.read().count(b'\n')
    except FileNotFoundError:
        got = 0
    if got >= n:
        break
    time.sleep(0.05)
dt = time.time() - t
print(f"  rsyslogd (imtcp -> omfile), the same TCP stream: {got} of {n} lines written, "
      f"{got / dt:.0f} lines/s")
print(f"rsyslog_lines_per_s={got / dt:.0f}")
PY
theirs=$(sed -n 's/^rsyslog_lines_per_s=//p' "$work/bench.out")
awk -v a="$ours" -v b="$theirs" 'BEGIN { if (b > 0) printf "  ratio renkei (TCP into SQLite, tickets) / rsyslogd (TCP into a file): %.2f\n", a / b }'
