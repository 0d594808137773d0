#!/usr/bin/env python3
"""Helpers for bench/hierarchy-bench.sh. The admin password comes from the
BENCH_ADMIN_PASSWORD environment variable and is never printed.

Subcommands:
  seed-tokens BASE N CONNS MAX_SECS
        create 20 scope maps hbmap00..19 and tokens hbtok00000..N-1 (no passwords,
        round-robin over the maps) over CONNS keep-alive connections; progress on
        stderr; print the seconds taken. Fails when MAX_SECS pass first.
  seed-scope-maps BASE N CONNS MAX_SECS
        create scope maps hbsm00000..N-1, each with two actions on its own
        wildcard repository (hb/sm<i>/*), over CONNS keep-alive connections;
        print the seconds taken.
  seed-registries BASE TOP CHILD GRAND TOTAL CONNS MAX_SECS
        create TOTAL connected registries in 4 levels: TOP top-level ReadWrite
        (top01..), CHILD ReadWrite children each (top01c1..), GRAND grandchildren
        each (top01c1g1.., every second one ReadOnly), and the rest as
        great-grandchildren (..g1d1, ReadOnly under a ReadOnly parent, else
        alternating) spread round-robin over the grandchildren. One repository
        each (hb/<name>). Subtrees of different top-level registries are created
        in parallel over CONNS connections, parents before children. Print
        "seconds levels=L1/L2/L3/L4".
  measure BASE CALLS DEEP_PARENT FILTER_PARENT
        time each call CALLS times over one warm keep-alive connection (two
        warm-up calls each, not counted); print one line per call:
        "key median_ms p95_ms min_ms max_ms bytes items"
"""
import base64
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse


def admin_header():
    pw = os.environ.get("BENCH_ADMIN_PASSWORD", "")
    if not pw:
        sys.exit("BENCH_ADMIN_PASSWORD is not set")
    return "Basic " + base64.b64encode(b"admin:" + pw.encode()).decode()


class Client:
    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port
        self.auth = admin_header()
        self.c = http.client.HTTPConnection(self.host, self.port, timeout=120)

    def call(self, method, path, body=None, ok=(200, 201, 204)):
        headers = {"Authorization": self.auth}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in range(50):
            self.c.request(method, path, body=data, headers=headers)
            r = self.c.getresponse()
            payload = r.read()
            # ferryd bounds concurrent admin sign-ins (429): connections that
            # start together wait their turn.
            if r.status != 429:
                break
            time.sleep(0.05 * (attempt + 1))
        if r.status not in ok:
            raise SystemExit(f"{method} {path}: HTTP {r.status} {payload[:300]!r}")
        return payload


def parallel(base, conns, jobs, max_secs, what, total):
    """jobs: list of lists of (method, path, body); each inner list runs in order
    on one connection; inner lists are handed out to CONNS threads."""
    lock = threading.Lock()
    queue = list(reversed(jobs))
    done = [0]
    errors = []
    t0 = time.monotonic()
    deadline = t0 + max_secs
    step = max(1, total // 20)

    def worker():
        cl = Client(base)
        while True:
            with lock:
                if not queue or errors:
                    return
                job = queue.pop()
            for method, path, body in job:
                if time.monotonic() > deadline:
                    with lock:
                        errors.append(f"{what}: not done within {max_secs} s")
                    return
                try:
                    cl.call(method, path, body)
                except SystemExit as e:
                    with lock:
                        errors.append(str(e))
                    return
                with lock:
                    done[0] += 1
                    if done[0] % step == 0:
                        print(f"  {what}: {done[0]}/{total} ({time.monotonic() - t0:.1f} s)", file=sys.stderr)

    ts = [threading.Thread(target=worker) for _ in range(conns)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    if errors:
        sys.exit(errors[0])
    return time.monotonic() - t0


def seed_tokens(base, n, conns, max_secs):
    cl = Client(base)
    for m in range(20):
        cl.call("PUT", f"/api/v1/scope-maps/hbmap{m:02d}",
                {"actions": [f"repositories/hb/team{m:02d}/*/content/read",
                             f"repositories/hb/team{m:02d}/*/metadata/read"]})
    per = (n + conns - 1) // conns
    jobs = []
    for c in range(conns):
        jobs.append([("PUT", f"/api/v1/tokens/hbtok{i:05d}", {"scopeMap": f"hbmap{i % 20:02d}"})
                     for i in range(c * per, min(n, (c + 1) * per))])
    print(f"{parallel(base, conns, jobs, max_secs, 'tokens', n):.1f}")


def seed_scope_maps(base, n, conns, max_secs):
    per = (n + conns - 1) // conns
    jobs = []
    for c in range(conns):
        jobs.append([("PUT", f"/api/v1/scope-maps/hbsm{i:05d}",
                      {"description": f"bench map {i}",
                       "actions": [f"repositories/hb/sm{i:05d}/*/content/read",
                                   f"repositories/hb/sm{i:05d}/*/metadata/read"]})
                     for i in range(c * per, min(n, (c + 1) * per))])
    print(f"{parallel(base, conns, jobs, max_secs, 'scope maps', n):.1f}")


def plan(top, child, grand, total):
    """Returns per top-level registry the ordered list of (name, mode, parent)."""
    subtrees = []
    grands = []  # (name, mode, subtree index)
    for t in range(1, top + 1):
        tn = f"top{t:02d}"
        sub = [(tn, "ReadWrite", None)]
        for c in range(1, child + 1):
            cn = f"{tn}c{c}"
            sub.append((cn, "ReadWrite", tn))
            for g in range(1, grand + 1):
                gn = f"{cn}g{g}"
                gm = "ReadOnly" if g % 2 == 0 else "ReadWrite"
                sub.append((gn, gm, cn))
                grands.append((gn, gm, t - 1))
        subtrees.append(sub)
    rest = total - sum(len(s) for s in subtrees)
    if rest < 1:
        sys.exit(f"TOP/CHILD/GRAND give {total - rest} registries, leaving none for level 4")
    counts = {}
    # Spread over the grandchildren: round-robin across subtrees first, so every
    # top-level registry's sync scope map gains about the same number of actions.
    order = sorted(range(len(grands)), key=lambda i: (i % (child * grand), i))
    for k in range(rest):
        gn, gm, ti = grands[order[k % len(order)]]
        counts[gn] = counts.get(gn, 0) + 1
        d = counts[gn]
        mode = "ReadOnly" if gm == "ReadOnly" or d % 2 == 0 else "ReadWrite"
        subtrees[ti].append((f"{gn}d{d}", mode, gn))
    levels = [top, top * child, top * child * grand, rest]
    return subtrees, levels


def seed_registries(base, top, child, grand, total, conns, max_secs):
    subtrees, levels = plan(top, child, grand, total)
    jobs = []
    for sub in subtrees:
        job = []
        for name, mode, parent in sub:
            body = {"mode": mode, "repositories": [f"hb/{name}"]}
            if parent:
                body["parent"] = parent
            job.append(("PUT", f"/api/v1/connected-registries/{name}", body))
        jobs.append(job)
    secs = parallel(base, conns, jobs, max_secs, "registries", total)
    print(f"{secs:.1f} levels={'/'.join(map(str, levels))}")


def pct(sorted_vals, p):
    # nearest-rank percentile
    k = max(0, min(len(sorted_vals) - 1, int(-(-p * len(sorted_vals) // 100)) - 1))
    return sorted_vals[k]


def measure(base, calls, deep_parent, filter_parent):
    cl = Client(base)

    def timed(key, method, path, body=None, after=None, ok=(200, 201, 204)):
        samples = []
        size = items = 0
        for i in range(calls + 2):
            t0 = time.perf_counter()
            payload = cl.call(method, path(i) if callable(path) else path, body, ok)
            dt = (time.perf_counter() - t0) * 1000
            if after:
                after(i)
            if i >= 2:
                samples.append(dt)
            size = len(payload)
        if size and method == "GET":
            doc = json.loads(payload)
            if "items" in doc:
                items = len(doc["items"])
            else:  # the hierarchy: count every node below the root
                stack, items = list(doc.get("children", [])), 0
                while stack:
                    node = stack.pop()
                    items += 1
                    stack.extend(node.get("children", []))
        s = sorted(samples)
        med = (s[len(s) // 2] if len(s) % 2 else (s[len(s) // 2 - 1] + s[len(s) // 2]) / 2)
        print(f"{key} {med:.2f} {pct(s, 95):.2f} {s[0]:.2f} {s[-1]:.2f} {size} {items}", flush=True)

    api = "/api/v1"
    timed("hierarchy", "GET", f"{api}/hierarchy")
    timed("subtree", "GET", f"{api}/connected-registries?parent={filter_parent}&descendants=true")
    timed("offline", "GET", f"{api}/connected-registries?connectionState=Offline")
    timed("children", "GET", f"{api}/connected-registries?parent={deep_parent}")
    timed("list_all", "GET", f"{api}/connected-registries")
    timed("tokens_list", "GET", f"{api}/tokens")

    # Deep create: a new level-4 ReadWrite registry (its actions go into the sync
    # scope maps of its three ancestors); each is deleted with cleanup=true
    # before the next create (the delete is timed separately, below).
    deletes = []

    def delete(i):
        t0 = time.perf_counter()
        cl.call("DELETE", f"{api}/connected-registries/deepbench{i:03d}?cleanup=true")
        if i >= 2:
            deletes.append((time.perf_counter() - t0) * 1000)

    timed("deep_create", "PUT", lambda i: f"{api}/connected-registries/deepbench{i:03d}",
          {"mode": "ReadWrite", "parent": deep_parent, "repositories": ["hb/deepbench"]}, after=delete)
    s = sorted(deletes)
    print(f"deep_delete {s[len(s) // 2]:.2f} {pct(s, 95):.2f} {s[0]:.2f} {s[-1]:.2f} 0 0")


def main():
    a = sys.argv[1:]
    if not a:
        sys.exit(__doc__)
    if a[0] == "seed-tokens":
        seed_tokens(a[1], int(a[2]), int(a[3]), float(a[4]))
    elif a[0] == "seed-scope-maps":
        seed_scope_maps(a[1], int(a[2]), int(a[3]), float(a[4]))
    elif a[0] == "seed-registries":
        seed_registries(a[1], *map(int, a[2:7]), float(a[7]))
    elif a[0] == "measure":
        measure(a[1], int(a[2]), a[3], a[4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
