#!/usr/bin/env python3
"""Soak test (issue 10): CLIENTS concurrent clients against one ferryd for
MINUTES minutes with a mixed load, then `ferryd fsck`.

Load, per client in a loop (weights in CLASSES below):
  pull       GET a stable image's manifest and layers (images pushed at setup)
  push       push an image whose layers are shared with other clients'
             images (one shared base layer) plus one unique layer, by tag
  tag-move   PUT another manifest to one of the client's own tags
  delete     DELETE one of the client's own tags, then its manifest
  token      create a token over a scope map (admin API), then delete it
  password   regenerate a password of the client's own token
ferryd runs with --gc-interval 60 --gc-grace 120, so garbage collection runs
every minute while the load goes on.

Required: zero failed requests (any status other than the expected one);
RSS growth under 10% from minute 5 to minute 30, file descriptors and threads
flat; fsck clean at the end. RSS, fds and threads are sampled every 5 s and
each is compared as the median of a 5-minute window right after warm-up
(minutes 5-10) against the median of the last 5 minutes of the load (25-30);
a shorter run scales both to 1/6 of its length. Why windows: every scrypt
hash or check in flight holds 16 MiB (up to two per core hash and one per
core checks), so a single sample swings by tens of MiB with the load of that
instant and one sample against another compares two moments, not two levels.
A leak raises the whole window, so the floor (minimum) of each window is
printed too. Prints p50, p99 and
max latency per request class and the RSS/fd/thread curve.

Usage: python3 bench/soak.py [MINUTES] (default 30)
Environment: FERRYD (default build/app/ferryd), CLIENTS (default 64)
"""
import base64
import hashlib
import http.client
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FERRYD = os.environ.get("FERRYD", os.path.join(ROOT, "build", "app", "ferryd"))
CLIENTS = int(os.environ.get("CLIENTS", "64"))
MINUTES = float(sys.argv[1]) if len(sys.argv) > 1 else 30.0
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
CLASSES = [("pull", 50), ("push", 20), ("tag-move", 10), ("delete", 8), ("token", 6), ("password", 6)]


def digest(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class Failure(Exception):
    pass


class Client:
    def __init__(self, port, auth):
        self.port = port
        self.auth = auth
        self.conn = None

    def request(self, method, path, body=None, headers=None, expect=(200,)):
        headers = dict(headers or {})
        headers["Authorization"] = self.auth
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, OSError):
                # A keep-alive connection the server closed between requests
                # (idle timeout) is retried once on a new one; nothing else is.
                self.conn.close()
                self.conn = None
                if attempt == 1:
                    raise Failure(f"{method} {path}: connection failed")
        if response.status not in expect:
            raise Failure(f"{method} {path}: {response.status} {data[:200]!r}")
        return response, data


def manifest_for(config, layers):
    def desc(media, data):
        return {"mediaType": media, "digest": digest(data), "size": len(data)}
    body = {"schemaVersion": 2, "mediaType": OCI_MANIFEST,
            "config": desc("application/vnd.oci.image.config.v1+json", config),
            "layers": [desc("application/vnd.oci.image.layer.v1.tar+gzip", layer) for layer in layers]}
    return json.dumps(body, separators=(",", ":")).encode()


SHARED = b"shared base layer " + b"s" * 200000


def push(client, repo, tag, unique):
    config = b'{"architecture":"amd64","os":"linux","seed":"%s"}' % unique.encode()
    layer = b"unique layer " + unique.encode() + os.urandom(20000)
    for blob in (config, SHARED, layer):
        client.request("POST", f"/v2/{repo}/blobs/uploads/?digest={digest(blob)}", body=blob,
                       headers={"Content-Type": "application/octet-stream"}, expect=(201,))
    body = manifest_for(config, [SHARED, layer])
    client.request("PUT", f"/v2/{repo}/manifests/{tag}", body=body, headers={"Content-Type": OCI_MANIFEST},
                   expect=(201,))
    return body, [config, SHARED, layer]


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = {name: [] for name, _ in CLASSES}
        self.failures = []

    def add(self, name, seconds):
        with self.lock:
            self.latencies[name].append(seconds)

    def fail(self, message):
        with self.lock:
            self.failures.append(message)


def worker(index, port, admin, stable, stats, deadline):
    rng = random.Random(index)
    client = Client(port, basic("admin", admin))
    repo = f"soak/c{index}"
    own_token = f"soak-t{index}"
    counter = 0
    try:
        client.request("PUT", f"/api/v1/tokens/{own_token}", body=json.dumps(
            {"scopeMap": "_repositories_pull", "generatePasswords": True}),
            headers={"Content-Type": "application/json"}, expect=(200, 201))
    except Failure as failure:
        stats.fail(str(failure))
    names, weights = zip(*CLASSES)
    while time.monotonic() < deadline:
        name = rng.choices(names, weights)[0]
        counter += 1
        started = time.monotonic()
        try:
            if name == "pull":
                srepo, tag, body, blobs = rng.choice(stable)
                _, got = client.request("GET", f"/v2/{srepo}/manifests/{tag}", headers={"Accept": OCI_MANIFEST})
                if got != body:
                    raise Failure(f"manifest {srepo}:{tag} changed")
                blob = rng.choice(blobs)
                _, got = client.request("GET", f"/v2/{srepo}/blobs/{digest(blob)}")
                if got != blob:
                    raise Failure(f"blob of {srepo} differs")
            elif name == "push":
                push(client, repo, f"t{counter % 8}", f"{index}-{counter}")
            elif name == "tag-move":
                push(client, repo, "moving", f"{index}-move-{counter}")
            elif name == "delete":
                body, _ = push(client, repo, "doomed", f"{index}-doomed-{counter}")
                client.request("DELETE", f"/v2/{repo}/manifests/doomed", expect=(202,))
                client.request("DELETE", f"/v2/{repo}/manifests/{digest(body)}", expect=(202,))
            elif name == "token":
                token = f"soak-x{index}-{counter}"
                client.request("PUT", f"/api/v1/tokens/{token}", body=json.dumps(
                    {"scopeMap": "_repositories_pull"}), headers={"Content-Type": "application/json"},
                    expect=(200, 201))
                client.request("DELETE", f"/api/v1/tokens/{token}", expect=(204,))
            elif name == "password":
                client.request("POST", f"/api/v1/tokens/{own_token}/generate-credentials", body=json.dumps(
                    {"name": "password1"}), headers={"Content-Type": "application/json"}, expect=(200,))
            stats.add(name, time.monotonic() - started)
        except Failure as failure:
            stats.fail(f"{name}: {failure}")


def proc_sample(pid):
    with open(f"/proc/{pid}/status") as f:
        fields = dict(line.split(":", 1) for line in f)
    return (int(fields["VmRSS"].split()[0]) / 1024, len(os.listdir(f"/proc/{pid}/fd")),
            int(fields["Threads"].strip()))


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] if values else float("nan")


def main():
    admin = secrets.token_urlsafe(24)
    with tempfile.TemporaryDirectory() as data:
        log = open(os.path.join(data, "ferryd.log"), "w+")
        proc = subprocess.Popen([FERRYD, "--data", data, "--listen", "127.0.0.1:0", "--gc-interval", "60",
                                 "--gc-grace", "120"], stdout=log, stderr=log,
                                env=dict(os.environ, FERRY_ADMIN_PASSWORD=admin))
        port = None
        for _ in range(400):
            log.seek(0)
            text = log.read()
            if "ready: listening on http://" in text:
                port = int(text.split("ready: listening on http://", 1)[1].split()[0].rsplit(":", 1)[1].strip("/"))
                break
            time.sleep(0.05)
        if port is None:
            proc.kill()
            raise SystemExit("ferryd did not start")
        setup = Client(port, basic("admin", admin))
        stable = []
        for i in range(8):
            body, blobs = push(setup, f"soak/stable{i % 4}", f"v{i}", f"stable-{i}")
            stable.append((f"soak/stable{i % 4}", f"v{i}", body, blobs))
        stats = Stats()
        total = MINUTES * 60
        deadline = time.monotonic() + total
        threads = [threading.Thread(target=worker, args=(i, port, admin, stable, stats, deadline))
                   for i in range(CLIENTS)]
        for t in threads:
            t.start()
        curve = []
        started = time.monotonic()
        while time.monotonic() < deadline:
            rss, fds, nthreads = proc_sample(proc.pid)
            curve.append((time.monotonic() - started, rss, fds, nthreads))
            time.sleep(min(5, max(1, total / 120)))
        for t in threads:
            t.join(120)
        curve.append((time.monotonic() - started,) + proc_sample(proc.pid))
        proc.terminate()
        proc.wait(30)
        # The load's figures first: fsck reads every stored byte and may take
        # a while (a 30-minute soak stores tens of thousands of blobs).
        ok = report(curve, stats, total)
        fsck_started = time.monotonic()
        fsck = subprocess.run([FERRYD, "fsck", "--data", data], capture_output=True, text=True, timeout=4 * 3600)
        fsck_lines = fsck.stdout.strip().splitlines()
        print(f"fsck ({time.monotonic() - fsck_started:.0f} s, exit {fsck.returncode}): "
              + (fsck_lines[-1] if fsck_lines else "no output"))
        # ferryd's log outlives the data folder, for whoever reads the failures.
        log.seek(0)
        with open(os.environ.get("SOAK_LOG", "soak-ferryd.log"), "w") as kept:
            kept.write(log.read())
    ok = ok and fsck.returncode == 0
    print("soak passed" if ok else "soak FAILED")
    return 0 if ok else 1


def window(curve, start, end):
    """The samples taken under load from `start` to `end` seconds."""
    return [c for c in curve[:-1] if start <= c[0] < end]


def report(curve, stats, total):
    """Prints the RSS/fd/thread curve and the latencies; true when they pass."""
    span = min(300, total / 6)
    early = window(curve, span, 2 * span) or curve[:1]
    late = window(curve, total - span, total) or curve[-2:-1]
    idle = curve[-1]
    print(f"soak: {CLIENTS} clients, {MINUTES:g} min")
    print("t(s)  RSS(MiB)  fds  threads")
    for point in curve[:-1][:: max(1, len(curve) // 40)] + [idle]:
        print(f"{point[0]:6.0f} {point[1]:8.1f} {point[2]:5d} {point[3]:7d}")
    med = [[percentile([c[i] for c in w], 0.5) for i in (1, 2, 3)] for w in (early, late)]
    floor = [min(c[1] for c in w) for w in (early, late)]
    growth = (med[1][0] - med[0][0]) / med[0][0] * 100
    print(f"RSS median {early[0][0]:.0f}-{early[-1][0]:.0f} s against {late[0][0]:.0f}-{late[-1][0]:.0f} s: "
          f"{med[0][0]:.1f} -> {med[1][0]:.1f} MiB ({growth:+.1f}%); floor {floor[0]:.1f} -> {floor[1]:.1f} MiB; "
          f"after the load {idle[1]:.1f} MiB")
    # Every window's median and floor, so a trend (a leak) can be told from a
    # swing between two windows.
    windows = []
    start = 0.0
    while start < total - 1:
        w = window(curve, start, start + span)
        if w:
            values = [c[1] for c in w]
            windows.append(f"{start / 60:.0f}-{(start + span) / 60:.0f} min "
                           f"{percentile(values, 0.5):.1f}/{min(values):.1f}")
        start += span
    print("RSS median/floor (MiB) per window: " + "; ".join(windows))
    print(f"fds (median) {med[0][1]} -> {med[1][1]}; threads (median) {med[0][2]} -> {med[1][2]}; "
          f"after the load fds {idle[2]}, threads {idle[3]}")
    print(f"{'class':10s} {'count':>7s} {'p50 ms':>8s} {'p99 ms':>8s} {'max ms':>8s}")
    for name, _ in CLASSES:
        values = stats.latencies[name]
        print(f"{name:10s} {len(values):7d} {percentile(values, 0.5) * 1000:8.1f} "
              f"{percentile(values, 0.99) * 1000:8.1f} {max(values or [0]) * 1000:8.1f}")
    print(f"failed requests: {len(stats.failures)}")
    for failure in stats.failures[:20]:
        print("  " + failure)
    sys.stdout.flush()
    return (not stats.failures and growth < 10 and med[1][2] <= med[0][2] * 1.1 + 4
            and med[1][1] <= med[0][1] * 1.1 + 8)


if __name__ == "__main__":
    sys.exit(main())
