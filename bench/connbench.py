#!/usr/bin/env python3
"""Connection exhaustion, measured: while HALF_OPEN connections from 127.0.0.2
each hold an unfinished request head, how long does one GET /v2/ from
127.0.0.1 take (connect to last byte)? Run by bench/connection-bench.sh.

usage: connbench.py PORT HALF_OPEN SAMPLES -> prints the median latency in ms,
and how many of the flood's connections the server refused (429 or reset)."""
import resource, socket, statistics, sys, time

port, half_open, samples = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))

flood = []
for _ in range(half_open):
    s = socket.socket()
    s.bind(("127.0.0.2", 0))
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET /v2/ HTTP/1.1\r\nHost: bench\r\nX-Slow: ")
    flood.append(s)
time.sleep(0.2)  # let the server take them all in

latencies = []
for _ in range(samples):
    t0 = time.monotonic()
    c = socket.create_connection(("127.0.0.1", port), timeout=30)
    c.sendall(b"GET /v2/ HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
    reply = b""
    while True:
        chunk = c.recv(65536)
        if not chunk:
            break
        reply += chunk
    latencies.append((time.monotonic() - t0) * 1000)
    c.close()
    status = reply[9:12].decode(errors="replace")
    if status not in ("200", "401"):
        sys.exit(f"127.0.0.1 got HTTP {status!r}")

refused = 0
for s in flood:
    s.setblocking(False)
    try:
        if s.recv(64).startswith(b"HTTP/1.1 429"):
            refused += 1
    except BlockingIOError:
        pass
    except ConnectionResetError:
        refused += 1
    s.close()
print(f"{statistics.median(latencies):.2f} {refused}")
