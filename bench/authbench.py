#!/usr/bin/env python3
"""Helpers for bench/auth-bench.sh (and bench/hierarchy-bench.sh's launch).

Secrets never go to stdout or argv: the admin password is read from the
BENCH_ADMIN_PASSWORD environment variable, token passwords are written to a
0600 file, and the only things printed on stdout for the caller to capture are
Authorization header values (captured into a shell variable, never echoed).

Subcommands:
  launch LOG CMD...        start CMD (stdout+stderr -> LOG, new session), wait for
                           "ready: listening on http://HOST:PORT" in LOG; print
                           "PID PORT READY_MS"
  mem PID                  print "VmRSS_KiB VmHWM_KiB"
  push-image BASE REPO     push a tiny OCI image as REPO:latest (anonymous: --no-auth)
  make-tokens BASE N FILE  create scope map bench-pull (pull on bench/img) and
                           tokens benchtok00000..N-1, each with password1 only;
                           write "name:password" lines to FILE (mode 0600)
  service BASE             print the service= value from the /v2/ challenge
  bearer BASE FILE SCOPE   print "Bearer <access token>" for the first credential in FILE
  basic FILE               print "Basic <base64>" for the first credential in FILE
  issue BASE FILE MODE CLIENTS SECS PID
                           CLIENTS threads, each with its own keep-alive connection,
                           GET /oauth2/token with Basic credentials for SECS seconds.
                           MODE cached: every request uses FILE's first credential;
                           MODE cold: every request takes the next unused credential
                           (line 2 onwards), stopping early when they run out.
                           Samples PID's VmRSS every 5 ms. Prints
                           "ok=N bad=M seconds=S rps=R max_rss_kib=K used=U"
"""
import base64
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"


def conn(base, timeout=30):
    u = urllib.parse.urlsplit(base)
    return http.client.HTTPConnection(u.hostname, u.port, timeout=timeout)


def admin_header():
    pw = os.environ.get("BENCH_ADMIN_PASSWORD", "")
    if not pw:
        sys.exit("BENCH_ADMIN_PASSWORD is not set")
    return "Basic " + base64.b64encode(b"admin:" + pw.encode()).decode()


def call(c, method, path, body=None, headers=None, ok=(200, 201, 204)):
    h = dict(headers or {})
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        h.setdefault("Content-Type", "application/json")
    c.request(method, path, body=data, headers=h)
    r = c.getresponse()
    payload = r.read()
    if r.status not in ok:
        # The payload of a failed call holds no secret (errors never carry passwords).
        sys.exit(f"{method} {path}: HTTP {r.status} {payload[:300]!r}")
    return r, payload


def launch(log, cmd):
    t0 = time.monotonic()
    logf = open(log, "wb")
    p = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT,
                         stdin=subprocess.DEVNULL, start_new_session=True)
    pat = re.compile(rb"ready: listening on https?://[^\s:]+:(\d+)")
    while time.monotonic() - t0 < 60:
        if p.poll() is not None:
            sys.exit(f"launch: process exited with {p.returncode}")
        with open(log, "rb") as f:
            m = pat.search(f.read())
        if m:
            print(f"{p.pid} {int(m.group(1))} {(time.monotonic() - t0) * 1000:.1f}")
            return
        time.sleep(0.005)
    p.kill()
    sys.exit("launch: no ready line within 60 s")


def mem_kib(pid):
    vals = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM"):
                vals[k] = int(v.split()[0])
    return vals.get("VmRSS", 0), vals.get("VmHWM", 0)


def push_image(base, repo):
    import hashlib
    c = conn(base)

    def blob(data):
        d = "sha256:" + hashlib.sha256(data).hexdigest()
        r, _ = call(c, "POST", f"/v2/{repo}/blobs/uploads/", ok=(202,))
        loc = r.getheader("Location")
        if loc.startswith("http"):
            loc = urllib.parse.urlsplit(loc)
            loc = loc.path + ("?" + loc.query if loc.query else "")
        sep = "&" if "?" in loc else "?"
        c.request("PUT", f"{loc}{sep}digest={d}", body=data,
                  headers={"Content-Type": "application/octet-stream"})
        r = c.getresponse()
        r.read()
        if r.status != 201:
            sys.exit(f"blob PUT: HTTP {r.status}")
        return d, len(data)

    layer = os.urandom(1024)
    ld, ls = blob(layer)
    cfg = json.dumps({"architecture": "amd64", "os": "linux",
                      "rootfs": {"type": "layers", "diff_ids": [ld]}, "config": {}}).encode()
    cd, cs = blob(cfg)
    man = json.dumps({"schemaVersion": 2, "mediaType": OCI_MANIFEST,
                      "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": cs},
                      "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                                  "digest": ld, "size": ls}]}).encode()
    c.request("PUT", f"/v2/{repo}/manifests/latest", body=man, headers={"Content-Type": OCI_MANIFEST})
    r = c.getresponse()
    r.read()
    if r.status != 201:
        sys.exit(f"manifest PUT: HTTP {r.status}")


def make_tokens(base, n, path):
    c = conn(base, timeout=120)
    auth = {"Authorization": admin_header()}
    call(c, "PUT", "/api/v1/scope-maps/bench-pull",
         {"description": "auth-bench", "actions": ["repositories/bench/img/content/read",
                                                   "repositories/bench/img/metadata/read"]}, auth)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    t0 = time.monotonic()
    with os.fdopen(fd, "w") as out:
        for i in range(n):
            name = f"benchtok{i:05d}"
            call(c, "PUT", f"/api/v1/tokens/{name}", {"scopeMap": "bench-pull"}, auth)
            _, payload = call(c, "POST", f"/api/v1/tokens/{name}/generate-credentials",
                              {"name": "password1"}, auth)
            pw = json.loads(payload)["passwords"][0]["value"]
            out.write(f"{name}:{pw}\n")
            if (i + 1) % 50 == 0:
                print(f"  tokens: {i + 1}/{n} ({time.monotonic() - t0:.1f} s)", file=sys.stderr)


def read_creds(path):
    with open(path) as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def basic_of(cred):
    return "Basic " + base64.b64encode(cred.encode()).decode()


def service_of(base):
    c = conn(base)
    c.request("GET", "/v2/")
    r = c.getresponse()
    r.read()
    m = re.search(r'service="([^"]*)"', r.getheader("WWW-Authenticate") or "")
    if not m:
        sys.exit(f"/v2/ gave HTTP {r.status} without a Bearer challenge")
    return m.group(1)


def bearer(base, path, scope):
    svc = service_of(base)
    c = conn(base)
    q = urllib.parse.urlencode({"service": svc, "scope": scope})
    _, payload = call(c, "GET", f"/oauth2/token?{q}", headers={"Authorization": basic_of(read_creds(path)[0])}, ok=(200,))
    print("Bearer " + json.loads(payload)["token"])


def issue(base, path, mode, clients, secs, pid):
    creds = read_creds(path)
    svc = service_of(base)
    q = "/oauth2/token?" + urllib.parse.urlencode({"service": svc, "scope": "repository:bench/img:pull"})
    lock = threading.Lock()
    pool = iter(creds[1:])
    stats = {"ok": 0, "bad": 0, "used": 0}
    stop = threading.Event()
    t0 = time.monotonic()
    deadline = t0 + secs

    def next_cred():
        if mode == "cached":
            return creds[0]
        with lock:
            c = next(pool, None)
            if c is not None:
                stats["used"] += 1
            return c

    def worker():
        c = conn(base)
        while time.monotonic() < deadline:
            cred = next_cred()
            if cred is None:
                break
            try:
                c.request("GET", q, headers={"Authorization": basic_of(cred)})
                r = c.getresponse()
                body = r.read()
                good = r.status == 200 and b'"token"' in body
            except (OSError, http.client.HTTPException):
                good = False
                c.close()
                c = conn(base)
            with lock:
                stats["ok" if good else "bad"] += 1
        c.close()

    maxrss = [0]

    def sampler():
        while not stop.is_set():
            try:
                maxrss[0] = max(maxrss[0], mem_kib(pid)[0])
            except OSError:
                pass
            time.sleep(0.005)

    s = threading.Thread(target=sampler, daemon=True)
    s.start()
    ts = [threading.Thread(target=worker) for _ in range(clients)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    elapsed = time.monotonic() - t0
    stop.set()
    s.join()
    print(f"ok={stats['ok']} bad={stats['bad']} seconds={elapsed:.3f} rps={stats['ok'] / elapsed:.1f} "
          f"max_rss_kib={maxrss[0]} used={stats['used']}")


def main():
    a = sys.argv[1:]
    if not a:
        sys.exit(__doc__)
    cmd = a[0]
    if cmd == "launch":
        launch(a[1], a[2:])
    elif cmd == "mem":
        print(*mem_kib(int(a[1])))
    elif cmd == "push-image":
        push_image(a[1], a[2])
    elif cmd == "make-tokens":
        make_tokens(a[1], int(a[2]), a[3])
    elif cmd == "service":
        print(service_of(a[1]))
    elif cmd == "bearer":
        bearer(a[1], a[2], a[3])
    elif cmd == "basic":
        print(basic_of(read_creds(a[1])[0]))
    elif cmd == "issue":
        issue(a[1], a[2], a[3], int(a[4]), float(a[5]), int(a[6]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
