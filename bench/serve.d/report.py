#!/usr/bin/python3
"""bench/serve's table: report.py TMP BUILD DB COUNT THREADS SECONDS N."""
import os
import subprocess
import sys
import time

tmp, build, db, count, threads, seconds, n = sys.argv[1:8]
n = int(n)


def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))] if v else 0


import re

print("database: %s (%s interviews); ivserve --threads %s; wrk -t2 -c8, %s s "
      "a run" % (db, count, threads, seconds))
print()
print("| ivserve | load | requests/s | p50 ms | p99 ms | mean ms | errors |")
print("|---|---|---|---|---|---|---|")
for srv, how in (("nocache", "every request computed (--cache-mb 0)"),
                 ("cache", "answer cache, warm")):
    for k, name in (("mix", "mix 45 % plain, 45 % filtered, 10 % similar"),
                    ("plain", "plain"), ("filter", "filtered"),
                    ("similar", "similar")):
        r = open(os.path.join(tmp, "wrk.%s.%s" % (srv, k))).read().split()
        reqs, p50, p99, mean, secs, errs = int(r[1]), float(r[2]), \
            float(r[3]), float(r[4]), float(r[5]), int(r[6])
        print("| %s | %s | %.0f | %.2f | %.2f | %.2f | %d |" %
              (how, name, reqs / secs, p50, p99, mean, errs))
print()
for srv in ("nocache", "cache"):
    mem = dict(l.split(":", 1) for l in open(os.path.join(tmp, "mem." + srv)))
    err = open(os.path.join(tmp, "serve.%s.err" % srv)).read()
    m = re.search(r"answer cache: .*\)", err)
    print("ivserve %s: memory after the runs peak %s, now %s%s" %
          (srv, mem["VmHWM"].strip(), mem["VmRSS"].strip(),
           "; " + m.group(0).rstrip(")") if m else ""))
warm = os.path.join(tmp, "warm.cache")
if os.path.exists(warm):
    print("warm-up of the cache: " + open(warm).read().strip())
print()
print("| one process per query / in process | kind | p50 ms | p99 ms |")
print("|---|---|---|---|")
for k in ("plain", "filter", "similar"):
    ms = []
    for line in open(os.path.join(tmp, "batch." + k)):
        try:
            ms.append(float(line.split("\t")[0]))
        except ValueError:
            pass
    print("| ivsearch --batch (the in-process floor, one client) | %s | %.2f | "
          "%.2f |" % (k, pct(ms, 50), pct(ms, 99)))
for k in ("plain", "filter", "similar"):
    lines = [l.rstrip("\n").split("\t") for l in
             open(os.path.join(tmp, k + ".tsv"), encoding="utf-8")][:max(
                 1, n // 3)]
    ms = []
    for a in lines:
        t = time.perf_counter()
        subprocess.run([os.path.join(build, "ivsearch"), "--db", db,
                        "--limit", "10", *[x for x in a if x]],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ms.append((time.perf_counter() - t) * 1e3)
    print("| ivsearch, one whole process per query | %s | %.2f | %.2f |" %
          (k, pct(ms, 50), pct(ms, 99)))
