#!/usr/bin/env python3
"""Slow clients against s40 serve on 127.0.0.1:PORT (its header deadline and per-address
limit set small by the test): 5 addresses (127.0.0.2-6) each open 6 connections and send a
request line, then one header line every half second, never finishing. Meanwhile a sixth
address (127.0.0.7) asks for /api/v1/health. Prints whether the sixth was answered, and how
many of the slow connections the server had closed 5 seconds later.

    slow.py PORT
"""
import socket
import sys
import time

port = int(sys.argv[1])
slow = []
for a in range(2, 7):
    for _ in range(6):
        s = socket.socket()
        s.settimeout(2)
        try:
            s.bind((f"127.0.0.{a}", 0))
            s.connect(("127.0.0.1", port))
            s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")
            slow.append(s)
        except OSError:
            s.close()


def trickle():
    for s in slow:
        try:
            s.sendall(b"X-Slow: 1\r\n")
        except OSError:
            pass


trickle()
other = socket.socket()
other.settimeout(5)
answer = "no answer"
try:
    other.bind(("127.0.0.7", 0))
    other.connect(("127.0.0.1", port))
    other.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    data = other.recv(64)
    answer = data.split(b"\r\n")[0].decode() if data else "closed"
except OSError as e:
    answer = f"no answer ({type(e).__name__})"
print(f"another address: {answer}")
end = time.monotonic() + 5
while time.monotonic() < end:
    trickle()
    time.sleep(0.5)
closed = 0
for s in slow:
    s.settimeout(0.5)
    try:
        if s.recv(4096) == b"":
            closed += 1
    except socket.timeout:
        pass
    except OSError:
        closed += 1
print(f"slow connections still open after 5 s: {len(slow) - closed}")
