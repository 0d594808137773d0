#!/usr/bin/env python3
"""Issue 10, the admin's side of password hashing: peak RSS of ferryd while
CLIENTS signed-in admin clients at once each create TOKENS tokens with
generated passwords (two scrypt hashes of 16 MiB each per token), and the
latency of those creates.

Two ferryd builds, A and B, alternate round by round (A, B, A, B, ...), each
round on a fresh data folder, so drift on a shared machine lands on both.
Target for a bounded build: peak RSS < 64 MiB + 16 MiB per core per hashing
slot (two slots per core: 64 + 32 * cores MiB).

Usage: python3 bench/admin-hash-flood.py FERRYD_A FERRYD_B [PAIRS]
Environment: CLIENTS (default 64), TOKENS (default 2)
Secrets: the admin and token passwords stay in this process's memory; the
answers' password values are never printed.
"""
import importlib.util
import os
import secrets
import statistics
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("signin_flood", os.path.join(HERE, "signin-flood.py"))
flood = importlib.util.module_from_spec(spec)
spec.loader.exec_module(flood)

CLIENTS = int(os.environ.get("CLIENTS", "64"))
TOKENS = int(os.environ.get("TOKENS", "2"))


def one_round(ferryd):
    flood.FERRYD = ferryd
    admin_password = secrets.token_urlsafe(24)
    with tempfile.TemporaryDirectory() as data:
        proc, port = flood.start_ferryd(data, admin_password)
        try:
            # Sign the admin in once first, so that the flood measures the
            # hashing of new passwords, not the first check of the admin's.
            status, _ = flood.api(port, "GET", "/api/v1/tokens", admin_password)
            if status != 200:
                raise SystemExit(f"admin sign-in: {status}")
            idle = flood.memory(proc.pid)[0] / 1024
            stop = threading.Event()
            peak = [0]

            def sample():
                while not stop.is_set():
                    peak[0] = max(peak[0], flood.memory(proc.pid)[0])
                    time.sleep(0.005)

            latencies, failures = [], []
            lock = threading.Lock()

            def client(i):
                for t in range(TOKENS):
                    started = time.monotonic()
                    status, answer = flood.api(port, "PUT", f"/api/v1/tokens/hashflood{i:03d}x{t}", admin_password,
                                               {"scopeMap": "_repositories_pull", "generatePasswords": True})
                    elapsed = (time.monotonic() - started) * 1000
                    with lock:
                        if status in (200, 201) and len(answer.get("passwords", [])) == 2:
                            latencies.append(elapsed)
                        else:
                            failures.append(status)

            sampler = threading.Thread(target=sample)
            sampler.start()
            threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
            started = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.monotonic() - started
            stop.set()
            sampler.join()
            hwm = flood.memory(proc.pid)[1] / 1024
            if failures:
                raise SystemExit(f"{len(failures)} creates failed: {sorted(set(failures))}")
            latencies.sort()
            return max(peak[0] / 1024, hwm), idle, latencies[len(latencies) // 2], latencies[-1], wall
        finally:
            proc.terminate()
            proc.wait(10)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    builds = {"A": sys.argv[1], "B": sys.argv[2]}
    pairs = int(sys.argv[3]) if len(sys.argv) > 3 else 9
    cores = os.cpu_count() or 1
    runs = {"A": [], "B": []}
    for n in range(pairs):
        for label in ("A", "B"):
            peak, idle, p50, worst, wall = one_round(builds[label])
            runs[label].append((peak, p50, worst, wall))
            print(f"pair {n + 1} {label}: peak RSS {peak:.1f} MiB (idle {idle:.1f}), create p50 {p50:.0f} ms, "
                  f"max {worst:.0f} ms, all {CLIENTS * TOKENS} in {wall:.1f} s", flush=True)
    print(f"A={builds['A']}\nB={builds['B']}\nclients={CLIENTS} tokens each={TOKENS} cores={cores} "
          f"target (bounded): peak RSS < {64 + 32 * cores} MiB")

    def mmm(values):
        return f"{min(values):.1f} / {statistics.median(values):.1f} / {max(values):.1f}"

    print("| measure (min / median / max) | A | B | B/A per pair |")
    print("|---|---|---|---|")
    for i, name in enumerate(("peak RSS (MiB)", "create p50 (ms)", "create max (ms)", "all creates (s)")):
        a = [r[i] for r in runs["A"]]
        b = [r[i] for r in runs["B"]]
        print(f"| {name} | {mmm(a)} | {mmm(b)} | {mmm([y / x for x, y in zip(a, b) if x])} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
