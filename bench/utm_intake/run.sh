#!/usr/bin/env bash
# bench/utm_intake: the UTM alert intake. utm_intake_bench prints lines/s parsed, normalised
# and deduplicated on one core (target >= 200k) with the ratio to a memchr line split over
# the same buffer, then over real TCP and UDP into the listener's sink, then the peak RSS
# under a 10x burst. When rsyslogd is installed (Debian's rsyslog), it also receives the same
# TCP stream into a file in this run, for the ratio.
#   bench/utm_intake/run.sh [--lines 1000000]
set -euo pipefail
cd "$(dirname "$0")/../.."
tool=build/release/bench/utm_intake/utm_intake_bench
[ -x "$tool" ] || cmake --build --preset release --target utm_intake_bench
"$tool" "$@"
if command -v rsyslogd >/dev/null; then
  work=$(mktemp -d /tmp/renkei-utm.XXXXXX)
  trap 'kill $(cat "$work/rsyslog.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
  port=18514
  cat >"$work/rsyslog.conf" <<CONF
module(load="imtcp")
input(type="imtcp" port="$port" address="127.0.0.1")
template(name="raw" type="string" string="%rawmsg%\n")
action(type="omfile" file="$work/out.log" template="raw")
CONF
  rsyslogd -f "$work/rsyslog.conf" -i "$work/rsyslog.pid" -n &
  sleep 1
  lines=200000
  python3 - "$port" "$lines" <<'PY'
import socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
line = '<185>date=2026-05-01 time=10:15:02 devname="FGT60F" devid="FGT60FTK21000123" logid="0419016384" type="utm" subtype="ips" level="alert" srcip=203.0.113.45 dstip=192.0.2.10 attack="MS.SMB.Server.Trans.Remote.Code.Exec" action="dropped"'
frame = (f"{len(line)} {line}").encode()
s = socket.create_connection(("127.0.0.1", port))
t = time.time()
s.sendall(frame * n)
s.close()
print(f"sent {n} in {time.time()-t:.2f} s", file=sys.stderr)
PY
  t0=$(date +%s.%N)
  for _ in $(seq 600); do
    [ "$(wc -l <"$work/out.log" 2>/dev/null || echo 0)" -ge "$lines" ] && break; sleep 0.1
  done
  t1=$(date +%s.%N)
  got=$(wc -l <"$work/out.log" 2>/dev/null || echo 0)
  awk -v n="$got" -v a="$t0" -v b="$t1" 'BEGIN { printf "  rsyslogd (imtcp -> file), same TCP framing: %d lines written, ~%.0f lines/s after the send\n", n, n / (b - a + 0.001) }'
else
  echo "  rsyslogd not installed (scripts/install-deps.sh --test lists it): no rsyslog ratio"
fi
