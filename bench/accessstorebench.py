#!/usr/bin/env python3
"""One run of bench/access-store-bench.sh against one running ferryd. The
admin password comes from BENCH_ADMIN_PASSWORD and is never printed.

  run BASE PID N CREATES CALLS CONNS
      1. time CREATES token creates, one after the other on a warm
         keep-alive connection, with the store (nearly) empty;
      2. create N scope maps and N tokens over CONNS connections, and read
         the process's peak RSS (VmHWM) right after;
      3. time CREATES token creates again, now at N tokens;
      4. time the full token list (GET /api/v1/tokens) CALLS times;
      5. time one page of 100 tokens from the middle of the list
         (GET /api/v1/tokens?n=100&last=asbtok<N/2>) CALLS times.
  Prints one line: "create0_ms createN_ms list_ms peak_mib items page_ms"
  (medians of the timed calls; list items counted from the last reply).
"""
import json
import statistics
import sys
import time

import hierbench


def timed_creates(cl, prefix, count):
    samples = []
    for i in range(count + 2):
        t0 = time.perf_counter()
        cl.call("PUT", f"/api/v1/tokens/{prefix}{i:04d}", {"scopeMap": "asbmap"})
        if i >= 2:  # two warm-ups
            samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def peak_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def run(base, pid, n, creates, calls, conns):
    cl = hierbench.Client(base)
    cl.call("PUT", "/api/v1/scope-maps/asbmap", {"actions": ["repositories/asb/*/content/read"]})
    create0 = timed_creates(cl, "asbfirst", creates)
    per = (n + conns - 1) // conns
    maps = [[("PUT", f"/api/v1/scope-maps/asbsm{i:05d}",
              {"actions": [f"repositories/asb/team{i:05d}/*/content/read"]})
             for i in range(c * per, min(n, (c + 1) * per))] for c in range(conns)]
    hierbench.parallel(base, conns, maps, 3600, "scope maps", n)
    tokens = [[("PUT", f"/api/v1/tokens/asbtok{i:05d}", {"scopeMap": f"asbsm{i:05d}"})
               for i in range(c * per, min(n, (c + 1) * per))] for c in range(conns)]
    hierbench.parallel(base, conns, tokens, 3600, "tokens", n)
    peak = peak_mib(pid)
    # A fresh connection: the server may have closed the first one while idle
    # during a slow seeding.
    cl = hierbench.Client(base)
    create_n = timed_creates(cl, "asblast", creates)
    samples = []
    payload = b""
    for i in range(calls + 2):
        t0 = time.perf_counter()
        payload = cl.call("GET", "/api/v1/tokens")
        if i >= 2:
            samples.append((time.perf_counter() - t0) * 1000)
    items = len(json.loads(payload).get("items", []))
    page_samples = []
    for i in range(calls + 2):
        t0 = time.perf_counter()
        page = cl.call("GET", f"/api/v1/tokens?n=100&last=asbtok{n // 2:05d}")
        if i >= 2:
            page_samples.append((time.perf_counter() - t0) * 1000)
    if len(json.loads(page).get("items", [])) != min(100, n - n // 2 - 1):
        sys.exit("the page of tokens has the wrong length")
    print(f"{create0:.3f} {create_n:.3f} {statistics.median(samples):.2f} {peak:.1f} {items} "
          f"{statistics.median(page_samples):.2f}", flush=True)


def main():
    a = sys.argv[1:]
    if len(a) != 7 or a[0] != "run":
        sys.exit(__doc__)
    run(a[1], int(a[2]), *map(int, a[3:7]))


if __name__ == "__main__":
    main()
