#!/usr/bin/python3
"""bench/serve's measurement: run.py BUILD DB QUERIES.tsv THREADS."""
import http.client
import os
import signal
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

build, db, qfile, threads = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
queries = [line.rstrip("\n").split("\t") for line in open(qfile, encoding="utf-8")]
queries = [q for q in queries if q and q[0]]


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def row(name, ms):
    print(f"| {name} | {len(ms)} | {pct(ms, 50):.2f} | {pct(ms, 95):.2f} | "
          f"{pct(ms, 99):.2f} | {statistics.mean(ms):.2f} |")


# 1. one ivsearch process per query
proc_ms = []
for q in queries:
    t = time.perf_counter()
    subprocess.run([f"{build}/ivsearch", "--db", db, "--json", "--limit", "10",
                    *q], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    proc_ms.append((time.perf_counter() - t) * 1e3)

# 2. ivserve
srv = subprocess.Popen([f"{build}/ivserve", "--db", db, "--listen",
                        "127.0.0.1:0", "--threads", threads],
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                       text=True)
try:
    line = srv.stdout.readline()
    port = int(line.rstrip().rstrip("/").rsplit(":", 1)[1])

    def url(q):
        return "/api/search?limit=10&q=" + urllib.parse.quote(" ".join(q))

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    for q in queries:  # warm-up: every worker's handle, the page cache
        conn.request("GET", url(q))
        conn.getresponse().read()
    serve_ms = []
    for q in queries:
        t = time.perf_counter()
        conn.request("GET", url(q))
        r = conn.getresponse()
        r.read()
        serve_ms.append((time.perf_counter() - t) * 1e3)
        assert r.status == 200, r.status
    conn.close()

    def load(clients, seconds=10):
        done = [0] * clients
        stop = time.monotonic() + seconds

        def client(k):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            i = k
            while time.monotonic() < stop:
                c.request("GET", url(queries[i % len(queries)]))
                c.getresponse().read()
                done[k] += 1
                i += clients
            c.close()

        ts = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        return sum(done) / seconds

    rps = {c: load(c) for c in (2, 8)}
finally:
    srv.send_signal(signal.SIGTERM)
    srv.wait(timeout=20)

print(f"database: {db}; {len(queries)} plain queries; ivserve --threads {threads}")
print()
print("| how | queries | p50 ms | p95 ms | p99 ms | mean ms |")
print("|---|---|---|---|---|---|")
row("ivsearch --json, one process per query", proc_ms)
row("ivserve GET /api/search, one kept-alive connection", serve_ms)
print()
print(f"ratio of medians (process / server): "
      f"{pct(proc_ms, 50) / pct(serve_ms, 50):.1f}x")
for c, v in rps.items():
    print(f"ivserve, {c} concurrent clients (python, same machine): {v:.0f} requests/s")
