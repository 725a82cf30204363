#!/usr/bin/env python3
"""In-process query latency of several ivsearch builds, interleaved.

usage: ab.py DB ROUNDS CHUNK QUERIES NAME=IVSEARCH...

QUERIES holds one query a line (TAB-separated arguments, as bench/latency's
query sets). The queries are cut into chunks of CHUNK; for each round and
chunk every build answers the chunk with `IVSEARCH --db DB --limit 10
--batch FILE` (one process, the database open once; ivsearch prints
"<ms>\t<exit>" per query on stderr), the builds taking turns first, so a
busy machine slows them alike. Prints p50/p95/p99/mean per build (over
every round) and the median of the per-query ratios to the first build.
"""
import os
import statistics
import subprocess
import sys
import tempfile


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(p * len(xs) + 0.5)) - 1))]


def main():
    db, rounds, chunk, qfile = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    bins = [a.split("=", 1) for a in sys.argv[5:]]
    lines = [l for l in open(qfile, encoding="utf-8") if l.strip()]
    times = {n: [[] for _ in lines] for n, _ in bins}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds):
            for c in range(0, len(lines), chunk):
                f = os.path.join(tmp, "q.tsv")
                with open(f, "w", encoding="utf-8") as fh:
                    fh.writelines(lines[c:c + chunk])
                order = bins if (r + c // chunk) % 2 == 0 else bins[::-1]
                for name, b in order:
                    p = subprocess.run([b, "--db", db, "--limit", "10",
                                        "--batch", f], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.PIPE, text=True)
                    ms = [float(l.split("\t")[0]) for l in p.stderr.splitlines()
                          if l and l[0].isdigit()]
                    for i, t in enumerate(ms):
                        times[name][c + i].append(t)
    print("| build | p50 ms | p95 ms | p99 ms | mean ms | median ratio |")
    print("|---|---:|---:|---:|---:|---:|")
    # each query's time: its median over the rounds
    base = [statistics.median(t) for t in times[bins[0][0]]]
    for name, _ in bins:
        per = [statistics.median(t) for t in times[name]]
        ratio = statistics.median(a / b for a, b in zip(per, base) if b > 0)
        print("| %s | %.2f | %.2f | %.2f | %.2f | %.3f |" % (
            name, pct(per, .5), pct(per, .95), pct(per, .99),
            statistics.mean(per), ratio))


if __name__ == "__main__":
    main()
