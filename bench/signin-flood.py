#!/usr/bin/env python3
"""Issue 10, "memory exhaustion by failed sign-ins": peak RSS of ferryd and
the latency of one valid client while FLOOD concurrent sign-ins with wrong
passwords (distinct user names, all from 127.0.0.2) hit it.

Target: peak RSS < 64 MiB + 16 MiB per core; the valid client (from
127.0.0.1, with a password ferryd has not seen yet, so it is hashed) is
served within 1 s.

Each round first times the valid client alone (its other, also unhashed,
password), then under the flood: the A/B pair per round. Each round starts a fresh ferryd (so VmHWM is this round's peak and no
throttle state carries over), makes a token, waits until the flood's
requests are all written, then times the valid request. RSS is sampled every
5 ms and VmHWM read at the end. Prints one line per round and min/median/max.
There is no peer to alternate with: the comparison is against the target.

Usage: python3 bench/signin-flood.py [ROUNDS] (default 9)
Environment: FERRYD (default build/app/ferryd), FLOOD (default 500)
Secrets: the admin and token passwords stay in this process's memory.
"""
import base64
import http.client
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FERRYD = os.environ.get("FERRYD", os.path.join(ROOT, "build", "app", "ferryd"))
FLOOD = int(os.environ.get("FLOOD", "500"))


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def start_ferryd(data, admin_password):
    env = dict(os.environ, FERRY_ADMIN_PASSWORD=admin_password)
    log = open(os.path.join(data, "ferryd.log"), "w+")
    proc = subprocess.Popen([FERRYD, "--data", data, "--listen", "127.0.0.1:0"], stdout=log, stderr=log, env=env)
    deadline = time.time() + 20
    while time.time() < deadline:
        log.seek(0)
        for line in log.read().splitlines():
            if "ready: listening on http://" in line:
                return proc, int(line.rsplit(":", 1)[1].strip().rstrip("/"))
        time.sleep(0.05)
    proc.kill()
    raise SystemExit("ferryd did not start")


def api(port, method, path, admin_password, body=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": basic("admin", admin_password), "Content-Type": "application/json"}
    c.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r.status, json.loads(data) if data else {}


def make_token(port, admin_password):
    status, answer = api(port, "PUT", "/api/v1/tokens/floodpull", admin_password,
                         {"scopeMap": "_repositories_pull", "generatePasswords": True})
    if status not in (200, 201):
        raise SystemExit(f"token create: {status} {answer}")
    values = [entry["value"] for entry in answer.get("passwords", []) if entry.get("value")]
    if len(values) != 2:
        raise SystemExit("expected two passwords in the token answer")
    return values


def memory(pid):
    rss = hwm = 0
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
            elif line.startswith("VmHWM:"):
                hwm = int(line.split()[1])
    return rss, hwm


def attacker(port, i, written, results):
    try:
        s = socket.socket()
        s.bind(("127.0.0.2", 0))
        s.settimeout(60)
        s.connect(("127.0.0.1", port))
        request = (f"GET /v2/flood/app/manifests/v1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                   f"Authorization: {basic(f'flood-{i}', f'wrong-{i}')}\r\n\r\n").encode()
        s.sendall(request)
        written.release()
        data = s.recv(64)
        results[i] = data[9:12].decode() if data.startswith(b"HTTP/1.1 ") else "cut"
        s.close()
    except OSError:
        written.release()
        results[i] = "error"


def one_round():
    admin_password = secrets.token_urlsafe(24)
    with tempfile.TemporaryDirectory() as data:
        proc, port = start_ferryd(data, admin_password)
        try:
            password, quiet_password = make_token(port, admin_password)
            # The same kind of request without the flood (the other password,
            # also never hashed yet): the baseline the flood is compared with.
            started = time.monotonic()
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            c.request("GET", "/v2/", headers={"Authorization": basic("floodpull", quiet_password)})
            quiet_status = c.getresponse().status
            quiet_ms = (time.monotonic() - started) * 1000
            c.close()
            if quiet_status != 200:
                raise SystemExit(f"the valid client without a flood got {quiet_status}")
            stop = threading.Event()
            peak = [0]

            def sample():
                while not stop.is_set():
                    peak[0] = max(peak[0], memory(proc.pid)[0])
                    time.sleep(0.005)

            sampler = threading.Thread(target=sample)
            sampler.start()
            written = threading.Semaphore(0)
            results = [None] * FLOOD
            threads = [threading.Thread(target=attacker, args=(port, i, written, results)) for i in range(FLOOD)]
            for t in threads:
                t.start()
            for _ in range(FLOOD):
                written.acquire(timeout=30)
            started = time.monotonic()
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            c.request("GET", "/v2/", headers={"Authorization": basic("floodpull", password)})
            status = c.getresponse().status
            latency_ms = (time.monotonic() - started) * 1000
            c.close()
            for t in threads:
                t.join(60)
            stop.set()
            sampler.join()
            hwm = memory(proc.pid)[1]
            counts = {}
            for r in results:
                counts[r] = counts.get(r, 0) + 1
            return status, latency_ms, quiet_ms, max(peak[0], hwm) / 1024, counts
        finally:
            proc.terminate()
            proc.wait(10)


def main():
    cores = os.cpu_count() or 1
    target = 64 + 16 * cores
    peaks, latencies, quiets = [], [], []
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    for n in range(rounds):
        status, latency, quiet, peak, counts = one_round()
        if status != 200:
            raise SystemExit(f"round {n + 1}: the valid client got {status}")
        peaks.append(peak)
        latencies.append(latency)
        quiets.append(quiet)
        print(f"round {n + 1}: peak RSS {peak:.1f} MiB, valid client {latency:.0f} ms under the flood, "
              f"{quiet:.0f} ms without; flood answers {counts}", flush=True)
    print(f"flood={FLOOD} cores={cores} target: RSS < {target} MiB, valid client < 1000 ms")
    ratios = [a / b for a, b in zip(latencies, quiets)]
    for name, values, unit in (("peak RSS", peaks, "MiB"), ("valid client under flood", latencies, "ms"),
                               ("valid client without", quiets, "ms"), ("under/without ratio", ratios, "x")):
        print(f"{name}: min {min(values):.1f} median {statistics.median(values):.1f} max {max(values):.1f} {unit}")
    ok = max(peaks) < target and max(latencies) < 1000
    print("target met" if ok else "target NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
