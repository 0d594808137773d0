#!/usr/bin/env python3
"""Connected-mode benchmarks (driven by bench/sync-bench.sh).

1. Initial sync: IMAGES images sharing base layers (about 1 GiB in all by
   default), pushed to a root ferryd and to a source distribution 2.8. Then,
   in alternating pairs:
     A  a fresh ferryd connected registry (ReadOnly) syncs them from the
        root: from the process start until every tag is served locally;
     B  `skopeo sync` copies them from the source distribution into a fresh,
        already running distribution.
   Prints per-pair seconds and the ratio B/A (higher is better for ferryd),
   with min/median/max, and checks that the child received exactly the sum
   of the unique blobs' sizes (its log says what came off the wire).
2. Nothing new: 10,000 tags in scope at a synced child. The child restarts
   and catches up with nothing new: time from start until it says "up to
   date", bytes fetched (must be 0), and the cost of the one feed request
   it makes, timed from here.
3. Continuous: root -> chain1 -> chain2 -> chain3; a push at the root until it can be
   pulled at chain3 (repeated).
4. Idle RSS of each connected registry after 30 s of idling.
"""
import base64
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time

FERRYD = os.environ["FERRYD"]
WORK = os.environ["WORK"]
PAIRS = int(os.environ.get("PAIRS", "9"))
IMAGES = int(os.environ.get("IMAGES", "50"))
BASES = int(os.environ.get("BASES", "5"))
BASE_LAYER_MIB = int(os.environ.get("BASE_LAYER_MIB", "24"))
UNIQUE_LAYER_MIB = int(os.environ.get("UNIQUE_LAYER_MIB", "16"))
NOTHING_NEW_TAGS = int(os.environ.get("NOTHING_NEW_TAGS", "10000"))
CONTINUOUS_PUSHES = int(os.environ.get("CONTINUOUS_PUSHES", "9"))
ONLY = os.environ.get("ONLY", "initial,nothing,continuous,idle").split(",")
ADMIN_PASSWORD = base64.b32encode(os.urandom(20)).decode().rstrip("=")
OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json"
REPO = "bench"
LIVE = "live"  # the continuous part's own repository, so it waits behind no other sync
PROCS = []


def log(*args):
    print(f"[{time.strftime('%H:%M:%S')}]", *args, file=sys.stderr, flush=True)


def freeport():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def auth_header(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class Client:
    def __init__(self, port, user=None, password=None):
        self.port = port
        self.headers = {"Authorization": auth_header(user, password)} if user else {}
        self.conn = None

    def request(self, method, path, body=None, headers=None, stream=None, length=None):
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            h = dict(self.headers)
            h.update(headers or {})
            try:
                if stream is not None:
                    h["Content-Length"] = str(length)
                    self.conn.putrequest(method, path)
                    for k, v in h.items():
                        self.conn.putheader(k, v)
                    self.conn.endheaders()
                    with open(stream, "rb") as f:
                        while True:
                            chunk = f.read(1 << 20)
                            if not chunk:
                                break
                            self.conn.send(chunk)
                else:
                    self.conn.request(method, path, body=body, headers=h)
                r = self.conn.getresponse()
                data = r.read()
                return r.status, dict(r.getheaders()), data
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conn = None
                if attempt:
                    raise
        raise RuntimeError("unreachable")

    def json(self, method, path, obj=None):
        body = json.dumps(obj).encode() if obj is not None else None
        status, _, data = self.request(method, path, body, {"Content-Type": "application/json"})
        return status, (json.loads(data) if data else {})


def start(cmd, logfile, port, env=None, wait=True):
    f = open(logfile, "ab")
    p = subprocess.Popen(cmd, stdout=f, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                         env=env, start_new_session=True)
    PROCS.append(p)
    if wait:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if p.poll() is not None:
                raise RuntimeError(f"{cmd[0]} exited: see {logfile}")
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=0.5)
                c.request("GET", "/v2/")
                c.getresponse().read()
                c.close()
                return p
            except OSError:
                time.sleep(0.01)
        raise RuntimeError(f"{cmd[0]} not ready: see {logfile}")
    return p


def stop(p, sig=signal.SIGTERM):
    if p.poll() is None:
        p.send_signal(sig)
        try:
            p.wait(15)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def ferryd(name, data, port, extra=(), env_extra=None):
    env = dict(os.environ)
    env["FERRY_ADMIN_PASSWORD"] = ADMIN_PASSWORD
    env.update(env_extra or {})
    cmd = [FERRYD, "--data", data, "--listen", f"127.0.0.1:{port}", *extra]
    return cmd, env


def distribution(name, port):
    root = os.path.join(WORK, name)
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    config = os.path.join(WORK, name + ".yml")
    with open(config, "w") as f:
        f.write(f"""version: 0.1
log: {{level: error}}
storage:
  filesystem: {{rootdirectory: {root}}}
  delete: {{enabled: true}}
http: {{addr: 127.0.0.1:{port}}}
""")
    return start(["docker-registry", "serve", config], os.path.join(WORK, name + ".log"), port)


# ---- the image set ------------------------------------------------------

def write_random(path, size):
    h = hashlib.sha256()
    with open(path, "wb") as f:
        left = size
        while left:
            chunk = os.urandom(min(left, 1 << 20))
            h.update(chunk)
            f.write(chunk)
            left -= len(chunk)
    return "sha256:" + h.hexdigest()


def make_images():
    """Blobs on disk, and a manifest per image: base layers shared by the
    images of one base, one unique layer and a config each."""
    blobdir = os.path.join(WORK, "blobs")
    os.makedirs(blobdir, exist_ok=True)
    blobs = {}  # digest -> (path, size)

    def add_file(size):
        path = os.path.join(blobdir, f"b{len(blobs)}")
        digest = write_random(path, size)
        blobs[digest] = (path, size)
        return digest

    bases = [[add_file(BASE_LAYER_MIB << 20) for _ in range(2)] for _ in range(BASES)]
    images = []
    for i in range(IMAGES):
        unique = add_file(UNIQUE_LAYER_MIB << 20)
        config = json.dumps({"architecture": "amd64", "os": "linux", "bench": i}).encode()
        cpath = os.path.join(blobdir, f"c{i}")
        with open(cpath, "wb") as f:
            f.write(config)
        cdigest = "sha256:" + hashlib.sha256(config).hexdigest()
        blobs[cdigest] = (cpath, len(config))
        layers = bases[i % BASES] + [unique]
        manifest = json.dumps({
            "schemaVersion": 2, "mediaType": OCI_MANIFEST,
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                       "digest": cdigest, "size": len(config)},
            "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar",
                        "digest": d, "size": blobs[d][1]} for d in layers],
        }).encode()
        images.append((f"i{i:03d}", manifest))
    unique_bytes = sum(size for _, size in blobs.values())
    return blobs, images, unique_bytes


def put_blob(client, blob, repo=REPO):
    """A small blob from memory, monolithic upload."""
    digest = "sha256:" + hashlib.sha256(blob).hexdigest()
    st, headers, _ = client.request("POST", f"/v2/{repo}/blobs/uploads/")
    assert st == 202, st
    location = headers.get("Location") or headers.get("location")
    if location.startswith("http"):
        location = "/" + location.split("/", 3)[3]
    sep = "&" if "?" in location else "?"
    st, _, _ = client.request("PUT", f"{location}{sep}digest={digest}", blob,
                              {"Content-Type": "application/octet-stream"})
    assert st == 201, st
    return digest


def small_manifest(config, layer):
    return json.dumps({
        "schemaVersion": 2, "mediaType": OCI_MANIFEST,
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": "sha256:" + hashlib.sha256(config).hexdigest(), "size": len(config)},
        "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar",
                    "digest": "sha256:" + hashlib.sha256(layer).hexdigest(), "size": len(layer)}],
    }).encode()


def push_all(client, blobs, images):
    for digest, (path, size) in blobs.items():
        status, _, _ = client.request("HEAD", f"/v2/{REPO}/blobs/{digest}")
        if status == 200:
            continue
        status, headers, _ = client.request("POST", f"/v2/{REPO}/blobs/uploads/")
        if status != 202:
            raise RuntimeError(f"upload start: {status}")
        location = headers.get("Location") or headers.get("location")
        sep = "&" if "?" in location else "?"
        if location.startswith("http"):
            location = "/" + location.split("/", 3)[3]
        status, _, body = client.request("PUT", f"{location}{sep}digest={digest}",
                                         headers={"Content-Type": "application/octet-stream"},
                                         stream=path, length=size)
        if status != 201:
            raise RuntimeError(f"blob put: {status} {body[:200]}")
    for tag, manifest in images:
        status, _, body = client.request("PUT", f"/v2/{REPO}/manifests/{tag}", manifest,
                                         {"Content-Type": OCI_MANIFEST})
        if status != 201:
            raise RuntimeError(f"manifest put: {status} {body[:200]}")


# ---- the root and its children ------------------------------------------

class Root:
    def __init__(self):
        self.port = freeport()
        self.data = os.path.join(WORK, "root")
        cmd, env = ferryd("root", self.data, self.port, ["--sync-heartbeat", "1"])
        self.proc = start(cmd, os.path.join(WORK, "root.log"), self.port, env)
        self.admin = Client(self.port, "admin", ADMIN_PASSWORD)
        st, _ = self.admin.json("PUT", "/api/v1/scope-maps/bench-pull",
                                {"actions": [f"repositories/{r}/{a}" for r in (REPO, LIVE)
                                             for a in ("content/read", "metadata/read")]})
        assert st in (200, 201), st
        st, body = self.admin.json("PUT", "/api/v1/tokens/bench-pull",
                                   {"scopeMap": "bench-pull", "generatePasswords": True})
        assert st == 201, st  # the body holds passwords: never print it
        self.pull_password = body["passwords"][0]["value"]

    def create_child(self, name, mode="ReadOnly", parent=None, repository=REPO):
        body = {"mode": mode, "repositories": [repository], "clientTokens": ["bench-pull"]}
        if parent:
            body["parent"] = parent
        st, reply = self.admin.json("PUT", f"/api/v1/connected-registries/{name}", body)
        assert st == 201, (st, reply)

    def connection_file(self, name):
        st, reply = self.admin.json("POST", f"/api/v1/connected-registries/{name}/get-settings",
                                    {"parentProtocol": "http", "generatePassword": 1})
        assert st == 200, (st, reply)
        path = os.path.join(WORK, name + ".conn")
        with open(path, "w") as f:
            f.write(reply["connectionString"])
        os.chmod(path, 0o600)
        return path, reply["connectionString"]

    def deactivate(self, name):
        st, reply = self.admin.json("POST", f"/api/v1/connected-registries/{name}/deactivate")
        assert st == 200, (st, reply)

    def registry(self, name):
        return self.admin.json("GET", f"/api/v1/connected-registries/{name}")[1]


def start_child(name, conn_file, fresh=True, wait=False):
    port = freeport()
    data = os.path.join(WORK, name)
    if fresh:
        shutil.rmtree(data, ignore_errors=True)
    logfile = os.path.join(WORK, name + ".log")
    if fresh and os.path.exists(logfile):
        os.remove(logfile)
    cmd, env = ferryd(name, data, port, ["--connection-string-file", conn_file,
                                         "--sync-heartbeat", "1"])
    t0 = time.monotonic()
    proc = start(cmd, logfile, port, env, wait=wait)
    return proc, port, t0, logfile


def tags_at(port, password, timeout=0.5):
    c = Client(port, "bench-pull", password)
    try:
        st, _, data = c.request("GET", f"/v2/{REPO}/tags/list?n=100000")
    except OSError:
        return set()
    if st != 200:
        return set()
    return set(json.loads(data).get("tags") or [])


def fetched_bytes(logfile):
    total = 0
    with open(logfile, "rb") as f:
        for m in re.finditer(rb"fetched \d+ blobs, (\d+) bytes", f.read()):
            total += int(m.group(1))
    return total


def summary(label, values, unit="", fmt="{:.2f}"):
    s = sorted(values)
    return (f"{label}: min {fmt.format(s[0])}{unit}, median {fmt.format(statistics.median(s))}{unit}, "
            f"max {fmt.format(s[-1])}{unit} (n={len(s)})")


def initial_sync(root):
    log("making the image set")
    blobs, images, unique_bytes = make_images()
    log(f"{len(images)} images, {len(blobs)} unique blobs, {unique_bytes / 2**30:.3f} GiB")
    src_port = freeport()
    src = distribution("dist-src", src_port)
    log("pushing to the root and to the source distribution")
    push_all(root.admin, blobs, images)
    push_all(Client(src_port), blobs, images)
    want = {tag for tag, _ in images}
    root.create_child("initial")
    conn, _ = root.connection_file("initial")
    rows = []
    for pair in range(PAIRS):
        # A: ferryd connected registry, cold, from process start.
        if pair:
            root.deactivate("initial")
        proc, port, t0, logfile = start_child("initial", conn)
        while tags_at(port, root.pull_password) != want:
            if proc.poll() is not None:
                raise RuntimeError(f"child exited, see {logfile}")
            if time.monotonic() - t0 > 900:
                raise RuntimeError("initial sync took over 15 minutes")
            time.sleep(0.02)
        ferry_s = time.monotonic() - t0
        stop(proc)
        got = fetched_bytes(logfile)
        # B: skopeo sync between two distributions (destination running).
        dst_port = freeport()
        dst = distribution("dist-dst", dst_port)
        t1 = time.monotonic()
        subprocess.run(["skopeo", "sync", "--src", "docker", "--dest", "docker",
                        "--src-tls-verify=false", "--dest-tls-verify=false",
                        f"127.0.0.1:{src_port}/{REPO}", f"127.0.0.1:{dst_port}/copy"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        skopeo_s = time.monotonic() - t1
        stop(dst)
        rows.append((ferry_s, skopeo_s, got))
        log(f"pair {pair + 1}: ferryd {ferry_s:.2f} s, skopeo sync {skopeo_s:.2f} s, "
            f"ratio {skopeo_s / ferry_s:.2f}x, bytes {got} (unique blobs {unique_bytes})")
    stop(src)
    print(f"## initial sync: {len(images)} images, {len(blobs)} unique blobs, "
          f"{unique_bytes} bytes ({unique_bytes / 2**30:.3f} GiB), {PAIRS} alternating pairs")
    print(summary("ferryd connected registry, s", [r[0] for r in rows]))
    print(summary("skopeo sync distribution->distribution, s", [r[1] for r in rows]))
    print(summary("ratio skopeo/ferryd (target >= 2x)", [r[1] / r[0] for r in rows], "x"))
    exact = all(r[2] == unique_bytes for r in rows)
    print(f"bytes received by the child == sum of unique blobs in every pair: "
          f"{'yes' if exact else 'NO: ' + str([r[2] for r in rows])}")


def nothing_new(root):
    log(f"nothing new: {NOTHING_NEW_TAGS} tags")
    # One small image, many tags.
    config = b'{"architecture":"amd64","os":"linux"}'
    layer = os.urandom(4096)
    client = root.admin
    for blob in (config, layer):
        put_blob(client, blob)
    manifest = small_manifest(config, layer)
    for i in range(NOTHING_NEW_TAGS):
        st, _, _ = client.request("PUT", f"/v2/{REPO}/manifests/n{i:05d}", manifest,
                                  {"Content-Type": OCI_MANIFEST})
        assert st == 201, st
    root.create_child("quiet")
    conn, text = root.connection_file("quiet")
    proc, port, t0, logfile = start_child("quiet", conn)
    deadline = time.monotonic() + 600
    while len(tags_at(port, root.pull_password)) < NOTHING_NEW_TAGS:
        assert time.monotonic() < deadline, "the first sync of the tags took too long"
        time.sleep(0.2)
    time.sleep(1)
    stop(proc)
    # The request a caught-up child makes: the feed after its cursor.
    fields = dict(kv.split("=", 1) for kv in text.split(";"))
    sync = Client(root.port, fields["SyncTokenName"], fields["SyncTokenPassword"])
    costs = []
    sizes = []
    restarts = []
    for i in range(PAIRS):
        # The child restarted: from process start to "up to date", nothing fetched.
        logfile = os.path.join(WORK, "quiet.log")
        offset = os.path.getsize(logfile)
        proc, port, t0, logfile = start_child("quiet", conn, fresh=False)
        deadline = time.monotonic() + 60
        while True:
            with open(logfile, "rb") as f:
                f.seek(offset)
                text_log = f.read()
            if b"sync down: up to date" in text_log:
                break
            assert proc.poll() is None, "the child exited"
            assert time.monotonic() < deadline, "the child never caught up"
            time.sleep(0.002)
        restarts.append(time.monotonic() - t0)
        cursor = int(re.findall(rb"up to date at change (\d+)", text_log)[-1])
        stop(proc)
        t1 = time.perf_counter()
        with open(os.path.join(WORK, "quiet", "instance-id")) as f:
            instance = f.read().strip()
        st, _, data = sync.request("GET", f"/gateway/v1/quiet/changes?since={cursor}&wait=0",
                                   headers={"Ferry-Instance": instance})
        costs.append((time.perf_counter() - t1) * 1000)
        sizes.append(len(data))
        assert st == 200 and not json.loads(data).get("changes"), (st, data[:200])
    fetched = fetched_bytes(logfile)
    print(f"## nothing new: {NOTHING_NEW_TAGS} tags in scope, {PAIRS} restarts of a synced child")
    print(summary("start to 'up to date' (process start, activation, config, feed), s", restarts))
    print(summary("the feed request with nothing new, ms", costs, fmt="{:.2f}"))
    print(f"its response: {max(sizes)} bytes at most; blob bytes fetched after the first sync: "
          f"{fetched - fetched_bytes_first(logfile)}")


def fetched_bytes_first(logfile):
    # The first sync's lines are in the same log (the data folder was kept).
    with open(logfile, "rb") as f:
        found = re.findall(rb"fetched \d+ blobs, (\d+) bytes", f.read())
    return int(found[0]) if found else 0


def continuous(root):
    log("continuous: root -> chain1 -> chain2 -> chain3")
    procs = []
    parent = None
    ports = []
    for name in ("chain1", "chain2", "chain3"):
        root.create_child(name, "ReadOnly", parent, LIVE)
        if parent:  # the parent must have reported its login server first
            deadline = time.monotonic() + 30
            while not root.registry(parent).get("loginServer", {}).get("host"):
                assert time.monotonic() < deadline, f"{parent} never reported"
                time.sleep(0.1)
        conn, _ = root.connection_file(name)
        proc, port, t0, logfile = start_child(name, conn, wait=True)
        procs.append(proc)
        ports.append(port)
        parent = name
    deadline = time.monotonic() + 60
    while root.registry("chain3").get("connectionState") != "Online":
        assert time.monotonic() < deadline, "chain3 never came Online"
        time.sleep(0.1)
    delays = []
    config = b'{"architecture":"amd64","os":"linux","continuous":true}'
    for i in range(CONTINUOUS_PUSHES):
        layer = os.urandom(1 << 20)
        t0 = time.monotonic()
        for blob in (config, layer):
            put_blob(root.admin, blob, LIVE)
        manifest = small_manifest(config, layer)
        st, _, _ = root.admin.request("PUT", f"/v2/{LIVE}/manifests/live{i}", manifest,
                                      {"Content-Type": OCI_MANIFEST})
        assert st == 201
        digest = "sha256:" + hashlib.sha256(manifest).hexdigest()
        bottom = Client(ports[-1], "bench-pull", root.pull_password)
        while True:
            st, headers, _ = bottom.request("HEAD", f"/v2/{LIVE}/manifests/live{i}",
                                            headers={"Accept": OCI_MANIFEST})
            if st == 200 and (headers.get("Docker-Content-Digest") or
                              headers.get("docker-content-digest")) == digest:
                break
            assert time.monotonic() - t0 < 30, "not pullable at chain3 within 30 s"
            time.sleep(0.005)
        delays.append(time.monotonic() - t0)
    print(f"## continuous: a push at the root (1 MiB layer) pullable three levels down, "
          f"{CONTINUOUS_PUSHES} pushes")
    print(summary("push start to pullable at chain3, s", delays))
    return procs


def idle(procs):
    log("idle: 30 s")
    time.sleep(30)
    rss = []
    for p in procs:
        with open(f"/proc/{p.pid}/status") as f:
            rss.append(int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024)
    print("## idle RSS of the connected registries after 30 s (target <= 24 MiB): " +
          ", ".join(f"{r:.1f} MiB" for r in rss))


def main():
    os.makedirs(WORK, exist_ok=True)
    try:
        root = Root()
        if "initial" in ONLY:
            initial_sync(root)
        if "nothing" in ONLY:
            nothing_new(root)
        procs = continuous(root) if ("continuous" in ONLY or "idle" in ONLY) else []
        if "idle" in ONLY:
            idle(procs)
    finally:
        for p in PROCS:
            if p.poll() is None:
                p.kill()


if __name__ == "__main__":
    main()
