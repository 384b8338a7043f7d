#!/usr/bin/python3
"""bench/mail's SMTP sink: Debian's aiosmtpd accepting every message and keeping
nothing but counts (no Maildir: the sink should not be what is measured).
  sink.py HOST PORT STATUS_FILE SAMPLE_FILE
Writes {"messages", "connections", "first", "last"} (times: time.time()) to STATUS_FILE
every 50 ms, and the first message it receives, as sent, to SAMPLE_FILE."""
import asyncio
import json
import os
import sys
import time

from aiosmtpd.smtp import SMTP

host, port, status_path, sample_path = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
stats = {"messages": 0, "connections": 0, "first": 0.0, "last": 0.0}


class Count:
    async def handle_DATA(self, server, session, envelope):
        now = time.time()
        if stats["messages"] == 0:
            stats["first"] = now
            with open(sample_path, "wb") as f:
                f.write(envelope.original_content or envelope.content)
        stats["messages"] += 1
        stats["last"] = now
        return "250 OK"


class CountingSMTP(SMTP):
    def connection_made(self, transport):
        stats["connections"] += 1
        super().connection_made(transport)


async def report():
    while True:
        tmp = status_path + ".tmp"
        with open(tmp, "w") as f:
            json.dump(stats, f)
        os.replace(tmp, status_path)
        await asyncio.sleep(0.05)


async def main():
    handler = Count()
    server = await asyncio.get_running_loop().create_server(
        lambda: CountingSMTP(handler, hostname="sink", data_size_limit=None), host, port)
    async with server:
        await asyncio.gather(server.serve_forever(), report())


asyncio.run(main())
