#!/usr/bin/python3
"""bench/mail's ceiling: the same message sent N times over one kept-open SMTP
connection with smtplib (MAIL FROM, RCPT TO, DATA per message, as a relay client does).
  ceiling.py HOST PORT SAMPLE_FILE N     prints mails/s"""
import smtplib
import sys
import time

host, port, sample_path, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
with open(sample_path, "rb") as f:
    message = f.read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
start = time.time()
with smtplib.SMTP(host, port) as smtp:
    smtp.ehlo("ceiling")
    for _ in range(n):
        smtp.sendmail("noreply@renkei.example.jp", ["rcpt@renkei.example.jp"], message)
elapsed = time.time() - start
print(f"{n / elapsed:.1f}")
