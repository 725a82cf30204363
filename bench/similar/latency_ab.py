#!/usr/bin/python3
"""Whole-process --similar latency of two builds, interleaved so that both
see the same load of a shared machine.

usage: flock /tmp/bench.lock bench/similar/latency_ab.py IVSEARCH_A IVSEARCH_B DB IDS.tsv [N]

IDS.tsv: bench/latency's query set for --similar (`--similar<TAB>ID` per
line, bench/work/latency/similar.tsv). Each id runs A then B (B then A for
every other id) after a warm-up pass over the first 50; prints p50/p95/p99
per build (nearest-rank) and the median of the per-id ratio B/A.
"""
import math
import subprocess
import sys
import time


def pct(s, p):
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    a, b, db, tsv = sys.argv[1:5]
    n = int(sys.argv[5]) if len(sys.argv) > 5 else 300
    ids = [ln.rstrip("\n").split("\t")[-1] for ln in open(tsv)][:n]
    builds = {"A": a, "B": b}

    def one(k, i):
        t = time.perf_counter()
        subprocess.run([builds[k], "--db", db, "--limit", "10", "--similar",
                        i], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return (time.perf_counter() - t) * 1000

    for i in ids[:50]:
        one("A", i)
        one("B", i)
    res = {"A": [], "B": []}
    for k, i in enumerate(ids):
        for x in (("A", "B") if k % 2 == 0 else ("B", "A")):
            res[x].append(one(x, i))
    for x in ("A", "B"):
        s = sorted(res[x])
        print("%s %s: n %d p50 %.1f p95 %.1f p99 %.1f max %.1f mean %.1f ms" % (
            x, builds[x], len(s), pct(s, 50), pct(s, 95), pct(s, 99), s[-1],
            sum(s) / len(s)))
    r = sorted(y / x for x, y in zip(res["A"], res["B"]))
    print("median per-id ratio B/A: %.2f" % pct(r, 50))


if __name__ == "__main__":
    main()
