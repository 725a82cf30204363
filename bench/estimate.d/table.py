#!/usr/bin/env python3
"""Estimated totals and facets against exact ones, for bench/estimate.

usage: table.py DB QUERIES NAME=IVSEARCH...

For each query (one a line in QUERIES, TAB-separated arguments) runs
`IVSEARCH --db DB --json --limit 10 ARGS` for every NAME, and the last
IVSEARCH with --exact, and prints one markdown table: the exact total,
each estimate with its error, and the verdict shares (pending : unknown,
the two that drift in opposite directions) of each.
"""
import json
import subprocess
import sys


def run(ivsearch, db, args, exact=False):
    cmd = [ivsearch, "--db", db, "--json", "--limit", "10"]
    cmd += (["--exact"] if exact else []) + args
    out = subprocess.run(cmd, capture_output=True, text=True).stdout
    return json.loads(out) if out.strip() else {"total": 0, "facets": {}}


def share(d, v):
    verdicts = d.get("facets", {}).get("verdict", {})
    n = sum(verdicts.values())
    return 100.0 * verdicts.get(v, 0) / n if n else 0.0


def main():
    db, qfile = sys.argv[1], sys.argv[2]
    bins = [a.split("=", 1) for a in sys.argv[3:]]
    queries = [l.rstrip("\n").split("\t") for l in open(qfile, encoding="utf-8")
               if l.strip()]
    head = ["query", "exact"]
    for name, _ in bins:
        head += [name, "err"]
    head += ["pending/unknown % exact"] + ["… " + n for n, _ in bins]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    worst = {n: 0.0 for n, _ in bins}
    for q in queries:
        ex = run(bins[-1][1], db, q, exact=True)
        row = [" ".join(q), str(ex["total"])]
        shares = ["%.0f/%.0f" % (share(ex, "pending"), share(ex, "unknown"))]
        for name, b in bins:
            d = run(b, db, q)
            err = 100.0 * (d["total"] - ex["total"]) / max(ex["total"], 1)
            worst[name] = max(worst[name], abs(err))
            row += ["%s%d" % ("" if d.get("exact") else "~", d["total"]),
                    "%+.1f %%" % err]
            shares.append("%.0f/%.0f" % (share(d, "pending"),
                                         share(d, "unknown")))
        print("| " + " | ".join(row + shares) + " |")
    print()
    print("~: reported as an estimate (JSON \"exact\": false). Largest error: "
          + ", ".join("%s %.1f %%" % kv for kv in worst.items()))


if __name__ == "__main__":
    main()
