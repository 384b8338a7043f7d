#!/usr/bin/env python3
"""500 control-room viewers, each refreshing every PERIOD seconds (an open loop: a viewer
asks on its schedule whether or not the server kept up). Each viewer keeps one HTTP/1.1
connection; their first requests are spread evenly over one period. Prints the requests
answered, the rate, and the latency median / p99 / max (a late answer counts from when it
was due, so a server that falls behind shows it).
  viewers.py HOST PORT PATH COOKIE [--viewers 500] [--period 5] [--duration 20]"""
import argparse
import asyncio
import time


async def viewer(host, port, request, start, period, until, lat, errors):
    reader, writer = await asyncio.open_connection(host, port)
    due = start
    try:
        while due < until:
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            writer.write(request)
            await writer.drain()
            status = await reader.readline()
            length = 0
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                name, _, value = line.decode("latin-1").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            await reader.readexactly(length)
            lat.append(time.monotonic() - due)
            if not status.split()[1].startswith(b"2"):
                errors.append(status)
            due += period
    finally:
        writer.close()


async def main():
    p = argparse.ArgumentParser()
    p.add_argument("host")
    p.add_argument("port", type=int)
    p.add_argument("path")
    p.add_argument("cookie")
    p.add_argument("--viewers", type=int, default=500)
    p.add_argument("--period", type=float, default=5.0)
    p.add_argument("--duration", type=float, default=20.0)
    a = p.parse_args()
    headers = f"GET {a.path} HTTP/1.1\r\nHost: {a.host}\r\nConnection: keep-alive\r\n"
    if a.cookie:
        headers += f"Cookie: {a.cookie}\r\n"
    request = (headers + "\r\n").encode()
    lat, errors = [], []
    t0 = time.monotonic() + 0.5
    until = t0 + a.duration
    await asyncio.gather(*[
        viewer(a.host, a.port, request, t0 + i * a.period / a.viewers, a.period, until, lat, errors)
        for i in range(a.viewers)])
    lat.sort()
    n = len(lat)
    ms = lambda q: lat[min(n - 1, int(n * q))] * 1000
    print(f"{n} {n / a.duration:.1f} {ms(0.5):.1f} {ms(0.99):.1f} {lat[-1] * 1000:.1f} {len(errors)}")


asyncio.run(main())
