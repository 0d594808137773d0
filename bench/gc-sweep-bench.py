#!/usr/bin/env python3
"""Garbage collection's sweep for stray files over a large store (issue 10):
two ferryd builds, A and B, alternating run by run (A, B, A, B, ...), each
timing `ferryd gc --dry-run` on the same data folder.

The store is built once: BLOBS blob files under blobs/sha256/XY/HEX, each with
its row in ferry.db (touched in the future, so that none is collectable and
every run does the same work), plus STRAY files without a row. All files are
a day old, as a store's blobs are, so each one is old enough to be looked at.
A dry run counts the stray files without removing them: every run must
report exactly STRAY, or the script fails.

Prints every run, then min/median/max per build and the B/A ratio (below 1:
B is faster).

Usage: python3 bench/gc-sweep-bench.py FERRYD_A FERRYD_B
Environment: BLOBS=300000 STRAY=100 PAIRS=9 WORKDIR=/tmp
"""
import hashlib
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

BLOBS = int(os.environ.get("BLOBS", "300000"))
STRAY = int(os.environ.get("STRAY", "100"))
PAIRS = int(os.environ.get("PAIRS", "9"))


def build_store(ferryd, data):
    # ferryd creates the schema on its first run on an empty folder.
    subprocess.run([ferryd, "gc", "--dry-run", "--data", data], check=True, capture_output=True)
    day_ago = time.time() - 86400
    future = int(time.time()) + 10 * 365 * 86400
    db = sqlite3.connect(os.path.join(data, "ferry.db"))
    rows = []
    for i in range(BLOBS + STRAY):
        content = f"blob {i}".encode()
        hexdigest = hashlib.sha256(content).hexdigest()
        folder = os.path.join(data, "blobs", "sha256", hexdigest[:2])
        os.makedirs(folder, exist_ok=True)
        path = os.path.join(folder, hexdigest)
        with open(path, "wb") as f:
            f.write(content)
        os.utime(path, (day_ago, day_ago))
        if i < BLOBS:
            rows.append(("sha256:" + hexdigest, len(content), future))
    db.executemany("INSERT INTO blobs(digest, size, touched) VALUES(?, ?, ?)", rows)
    db.commit()
    db.close()


def one_run(ferryd, data):
    started = time.monotonic()
    done = subprocess.run([ferryd, "gc", "--dry-run", "--data", data, "--grace", "0"],
                          capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"{ferryd} gc failed: {done.stderr.strip()}")
    found = re.search(r"(\d+) stray files", done.stdout)
    if not found or int(found.group(1)) != STRAY:
        raise SystemExit(f"{ferryd} gc reported '{done.stdout.strip()}', expected {STRAY} stray files")
    return elapsed


def main():
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    binaries = {"A": sys.argv[1], "B": sys.argv[2]}
    work = tempfile.mkdtemp(prefix="gcsweep.", dir=os.environ.get("WORKDIR", "/tmp"))
    try:
        data = os.path.join(work, "data")
        os.makedirs(data)
        started = time.monotonic()
        build_store(binaries["A"], data)
        print(f"store: {BLOBS} blobs with rows, {STRAY} stray files "
              f"(built in {time.monotonic() - started:.0f} s)")
        # One unmeasured run each: the page cache holds the folders afterwards.
        for binary in binaries.values():
            one_run(binary, data)
        times = {"A": [], "B": []}
        for pair in range(PAIRS):
            for label in ("A", "B"):
                elapsed = one_run(binaries[label], data)
                times[label].append(elapsed)
                print(f"pair {pair + 1} {label}: {elapsed:.3f} s")
        for label in ("A", "B"):
            t = times[label]
            print(f"{label} ({binaries[label]}): min {min(t):.3f} s, median {statistics.median(t):.3f} s, "
                  f"max {max(t):.3f} s")
        ratios = [b / a for a, b in zip(times["A"], times["B"])]
        print(f"B/A per pair: min {min(ratios):.3f}, median {statistics.median(ratios):.3f}, "
              f"max {max(ratios):.3f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
