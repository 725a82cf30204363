#!/usr/bin/python3
"""Latency table of bench/latency.

report.py OUTDIR LOOPKIND N DB IVSEARCH -> markdown on stdout
Reads OUTDIR/t.{true,xlink,xfloor,plain,filter,similar} (spawn output: ms, exit) and
OUTDIR/b.{plain,filter,similar} (loop output: ms, ...).
Percentiles are nearest-rank.
"""
import math
import os
import sys


def load(path):
    ms, codes = [], {}
    if not os.path.exists(path):
        return ms, codes
    for ln in open(path):
        f = ln.split("\t")
        if not f or not f[0].strip():
            continue
        try:
            ms.append(float(f[0]))
        except ValueError:
            continue
        c = f[1].strip() if len(f) > 1 else ""
        codes[c] = codes.get(c, 0) + 1
    return ms, codes


def pct(s, p):
    return s[max(0, math.ceil(p / 100 * len(s)) - 1)]


def main():
    out, loop, n, db, ivs = sys.argv[1:6]
    rows = [("spawn floor: /bin/true", "t.true", False),
            ("libxapian loaded, nothing done (xlink)", "t.xlink", False),
            ("libxapian floor: open the database, exit (xfloor)", "t.xfloor",
             False),
            ("whole process: plain query", "t.plain", True),
            ("whole process: with --verdict/--topic", "t.filter", True),
            ("whole process: --similar ID", "t.similar", True)]
    lk = "ivsearch --batch" if loop == "batch" else "libxapian proxy loop (xqloop)"
    rows += [("%s: plain" % lk, "b.plain", loop == "batch"),
             ("%s: filters" % lk, "b.filter", loop == "batch"),
             ("%s: similar" % lk, "b.similar", loop == "batch")]
    print("bench/latency: %s queries per kind, db %s, `%s --db DB --limit 10 "
          "ARGS >/dev/null` (warm: one untimed pass first)\n" % (n, db, ivs))
    print("| kind | n | p50 ms | p95 ms | p99 ms | max ms | mean ms | exit codes |")
    print("|---|---:|---:|---:|---:|---:|---:|---|")
    for label, f, show_codes in rows:
        ms, codes = load(os.path.join(out, f))
        if not ms:
            continue
        s = sorted(ms)
        cs = " ".join("%s:%d" % kv for kv in sorted(codes.items())) \
            if show_codes else ""
        print("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %s |" % (
            label, len(s), pct(s, 50), pct(s, 95), pct(s, 99), s[-1],
            sum(s) / len(s), cs))
    print("\nexit codes: 0 = matches, 1 = no match, 2 = error (see "
          "%s/*.tsv for the arguments)" % out)


if __name__ == "__main__":
    main()
