#!/usr/bin/env python3
"""Small helpers for bench/registry-bench.sh.

Subcommands:
  freeport                          print a free TCP port on 127.0.0.1
  launch LOG CMD...                 start CMD (stdout+stderr -> LOG), poll until
                                    GET /v2/ answers 200 on the port given by the
                                    REGBENCH_PORT env var; print
                                    "PID V2_MS READYLINE_MS" (ms since exec; -1 if
                                    no "ready:" line was seen). The child keeps
                                    running; the caller kills it by PID.
  mem PID                           print "VmRSS_KiB VmHWM_KiB"
  seed-tags BASE REPO N MANIFEST    PUT MANIFEST under tags t00000..t(N-1) over
                                    4 keep-alive connections; print seconds
  table DIST_FILE FERRYD_FILE       print the comparison table (markdown)
"""
import http.client
import os
import socket
import subprocess
import sys
import time

OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"


def freeport():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    print(port)


def v2_ok(port):
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=0.5)
        c.request("GET", "/v2/")
        # 401: up, with access control on (the token flow's challenge)
        ok = c.getresponse().status in (200, 401)
        c.close()
        return ok
    except OSError:
        return False


def launch(log, cmd):
    port = int(os.environ["REGBENCH_PORT"])
    logf = open(log, "wb")
    t0 = time.monotonic()
    p = subprocess.Popen(cmd, stdout=logf, stderr=subprocess.STDOUT,
                         stdin=subprocess.DEVNULL, start_new_session=True)
    ready_ms = -1.0
    deadline = t0 + 30
    while time.monotonic() < deadline:
        if p.poll() is not None:
            print(f"launch: process exited with {p.returncode}", file=sys.stderr)
            sys.exit(1)
        if ready_ms < 0:
            with open(log, "rb") as f:
                if b"ready: listening on" in f.read():
                    ready_ms = (time.monotonic() - t0) * 1000
        if v2_ok(port):
            v2_ms = (time.monotonic() - t0) * 1000
            if ready_ms < 0:  # line written between our two checks
                with open(log, "rb") as f:
                    if b"ready: listening on" in f.read():
                        ready_ms = v2_ms
            print(f"{p.pid} {v2_ms:.1f} {ready_ms:.1f}")
            return
        time.sleep(0.002)
    print("launch: not ready within 30 s", file=sys.stderr)
    p.kill()
    sys.exit(1)


def mem(pid):
    vals = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM"):
                vals[k] = int(v.split()[0])
    print(vals.get("VmRSS", -1), vals.get("VmHWM", -1))


def seed_tags(base, repo, n, manifest_path, conns=4):
    """PUT the manifest under n tags, split over `conns` keep-alive connections."""
    import threading
    host, port = base.replace("http://", "").split(":")
    body = open(manifest_path, "rb").read()
    t0 = time.monotonic()
    deadline = t0 + 900
    errors = []

    def worker(k):
        c = http.client.HTTPConnection(host, int(port), timeout=60)
        for i in range(k, n, conns):
            if errors or time.monotonic() > deadline:
                errors.append("time limit reached")
                return
            c.request("PUT", f"/v2/{repo}/manifests/t{i:05d}", body=body,
                      headers={"Content-Type": OCI_MANIFEST})
            r = c.getresponse()
            r.read()
            if r.status != 201:
                errors.append(f"tag {i}: HTTP {r.status}")
                return

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(conns)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        sys.exit(f"seed-tags: {errors[0]}")
    print(f"{time.monotonic() - t0:.2f}")


# metric key, label, unit, higher-is-better, target (kind, value)
#   kind "ratio": ferryd/distribution >= value; "max": ferryd <= value
METRICS = [
    ("upload_mibs", "monolithic upload 256 MiB (median of runs)", "MiB/s", True, ("ratio", 1.5)),
    ("download_mibs", "download 256 MiB (median of runs)", "MiB/s", True, ("ratio", 1.2)),
    ("head_rps", "manifest HEAD, keep-alive, 8 conns", "req/s", True, ("ratio", 2.0)),
    ("get_rps", "manifest GET, keep-alive, 8 conns (wrk)", "req/s", True, None),
    ("peak_rss_mib", "peak RSS: 1 GiB upload + 32x256 MiB downloads", "MiB", False, ("max", 64)),
    ("idle_rss_mib", "idle RSS after start, empty store", "MiB", False, ("max", 20)),
    ("idle_rss_10k_mib", "idle RSS after start, 10,000 tags stored", "MiB", False, ("max", 20)),
    ("start_ms_10k", "start-to-ready, 10,000 tags stored (median)", "ms", False, ("max", 200)),
    ("start_ms_empty", "start-to-ready, empty store", "ms", False, None),
    ("seed_s", "seed 10,000 tags (PUT manifest, 4 conns)", "s", False, None),
]


def load(path):
    d = {}
    if path and os.path.exists(path):
        for line in open(path):
            if "=" in line:
                k, _, v = line.strip().partition("=")
                d[k] = v
    return d


def num(d, k):
    try:
        return float(d[k])
    except (KeyError, ValueError):
        return None


def fmt(x):
    if x is None:
        return "pending"
    return f"{x:.0f}" if abs(x) >= 100 else f"{x:.1f}"


def table(dist_file, ferryd_file):
    d, f = load(dist_file), load(ferryd_file)
    print("| measurement | unit | distribution 2.8.2 | ferryd | ferryd/distribution | target | met |")
    print("|---|---|---:|---:|---:|---|---|")
    for key, label, unit, _hib, target in METRICS:
        a, b = num(d, key), num(f, key)
        ratio = f"{b / a:.2f}x" if a and b is not None else "pending"
        tgt, met = "-", "-"
        if target:
            kind, val = target
            if kind == "ratio":
                tgt = f">= {val}x"
                met = "pending" if not (a and b is not None) else ("yes" if b / a >= val else "NO")
            else:
                tgt = f"<= {val} {unit}"
                met = "pending" if b is None else ("yes" if b <= val else "NO")
        print(f"| {label} | {unit} | {fmt(a)} | {fmt(b)} | {ratio} | {tgt} | {met} |")


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "freeport":
        freeport()
    elif cmd == "launch":
        launch(args[0], args[1:])
    elif cmd == "mem":
        mem(args[0])
    elif cmd == "seed-tags":
        seed_tags(args[0], args[1], int(args[2]), args[3])
    elif cmd == "table":
        table(args[0], args[1] if len(args) > 1 else None)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
