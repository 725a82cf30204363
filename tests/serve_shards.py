#!/usr/bin/env python3
"""ivserve over a sharded database with a remote shard (issue 14): the same
answers as one database, a stopped xapian-tcpsrv gives a degraded answer
(JSON "degraded", a banner on the page) within the timeout, --strict makes
it a 503, and a restarted tcpsrv is taken back without restarting ivserve.
Servers listen on 127.0.0.1 only and are stopped by their pid.

Usage: serve_shards.py IVINDEX IVSEARCH IVSERVE EXAMPLES_DIR"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

import serve_harness
from serve_harness import Server, check, http, short, stop_all

IVINDEX = serve_harness.IVINDEX


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def tcpsrv(db, port, T):
    """xapian-tcpsrv on 127.0.0.1:PORT, in its own process group."""
    log = open(os.path.join(T, "tcpsrv.log"), "wb")
    p = subprocess.Popen(["xapian-tcpsrv", "--interface", "127.0.0.1",
                          "--port", str(port), db], stdout=log,
                         stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return p
        except OSError:
            time.sleep(0.1)
    p.kill()
    raise RuntimeError("xapian-tcpsrv did not start")


def stop(p):
    if p and p.poll() is None:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait(timeout=10)


def main():
    if not shutil.which("xapian-tcpsrv"):
        print("serve_shards: xapian-tcpsrv (xapian-tools) is not installed: "
              "skipped")
        return 77
    T = tempfile.mkdtemp(prefix="ivs-serve-shards-")
    remote = None
    os.environ["IVSEARCH_TIMEOUT_MS"] = "1000"
    try:
        ex = os.path.join(T, "ex")
        shutil.copytree(serve_harness.EXAMPLES, ex)
        for db, extra in (("one", []), ("sharded", ["--shards", "3"])):
            r = subprocess.run([IVINDEX, "--db", os.path.join(T, db),
                                "--quiet"] + extra + [ex], cwd=T,
                               capture_output=True, timeout=120)
            if not check("ivindex %s" % db, r.returncode == 0,
                         r.stderr.decode()):
                return 1
        port = free_port()
        remote = tcpsrv(os.path.join(T, "sharded", "shard2"), port, T)
        with open(os.path.join(T, "tcp.stub"), "w") as f:
            f.write("auto sharded/shard0\nauto sharded/shard1\n"
                    "remote 127.0.0.1:%d\n" % port)
        one = Server(["--db", "one"], T, "one")
        srv = Server(["--db", "tcp.stub", "--threads", "2"], T, "tcp")
        strict = Server(["--db", "tcp.stub", "--strict", "--timeout",
                         "1000"], T, "strict")
        queries = ("/api/search?q=kafka", "/api/search?q=golang&limit=3",
                   "/api/search?q=&verdict=pass", "/api/stats")
        for q in queries:
            a, b = http(one.port, q), http(srv.port, q)
            ja, jb = a.json() or {}, b.json() or {}
            for j in (ja, jb):  # ids differ with the layout; the rest not
                for h in j.get("hits", []):
                    h.pop("id", None)
            check("%s: one database and 2 local + 1 remote shard agree" % q,
                  a.status == b.status == 200 and ja == jb,
                  "%s\n%s" % (short(a.text()), short(b.text())))
        total = (http(srv.port, "/api/search?q=kafka").json() or {})["total"]
        stop(remote)
        t0 = time.monotonic()
        a = http(srv.port, "/api/search?q=kafka", timeout=15)
        dt = time.monotonic() - t0
        j = a.json() or {}
        check("tcpsrv stopped: answered within the timeout, degraded",
              a.status == 200 and dt < 5 and
              j.get("degraded") == ["127.0.0.1:%d" % port],
              "%d in %.1f s: %s" % (a.status, dt, short(a.text())))
        page = http(srv.port, "/?q=kafka", timeout=15)
        check("tcpsrv stopped: the page says which shard is missing",
              page.status == 200 and b"1 of 3 shards unreachable" in page.body
              and ("127.0.0.1:%d" % port).encode() in page.body,
              short(page.text()))
        a = http(strict.port, "/api/search?q=kafka", timeout=15)
        check("--strict: a shard down is a 503 naming it",
              a.status == 503 and ("127.0.0.1:%d" % port).encode() in a.body,
              "%d %s" % (a.status, short(a.text())))
        remote = tcpsrv(os.path.join(T, "sharded", "shard2"), port, T)
        deadline = time.monotonic() + 20
        j = {}
        while time.monotonic() < deadline:
            j = http(srv.port, "/api/search?q=kafka", timeout=15).json() or {}
            if "degraded" not in j and j.get("total") == total:
                break
            time.sleep(0.5)
        check("tcpsrv restarted: the running ivserve takes it back",
              "degraded" not in j and j.get("total") == total, short(j))
        for s in (one, srv, strict):
            rc, _ = s.stop()
            check("%s exits 0 on SIGTERM" % s.name, rc == 0, "exit %s" % rc)
    finally:
        stop(remote)
        stop_all()
        shutil.rmtree(T, ignore_errors=True)
    print("serve_shards: %d passed, %d failed" %
          (serve_harness.passed, len(serve_harness.failed)))
    return 1 if serve_harness.failed else 0


if __name__ == "__main__":
    sys.exit(main())
