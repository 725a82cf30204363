#!/usr/bin/python3
"""Helpers of bench/shards.

report.py timing TIMEFILE     -> "wall cpu maxrss_kb" of a GNU `time -v` report
report.py pct FILE            -> "n p50 p95 p99 mean codes" of "<ms>\\t<exit>"
                                 lines (other lines, e.g. warnings, skipped)
report.py a TSV INTERVIEWS BYTES  -> markdown table of part (a)
report.py b TSV               -> markdown table of part (b)
report.py c TSV               -> markdown table of part (c)

Percentiles are nearest-rank.
"""
import math
import sys


def timing(path):
    wall = cpu = rss = 0.0
    for ln in open(path):
        v = ln.rsplit(": ", 1)[-1].strip()
        if "Elapsed (wall clock)" in ln:
            for part in v.split(":"):
                wall = wall * 60 + float(part)
        elif "User time" in ln or "System time" in ln:
            cpu += float(v)
        elif "Maximum resident set size" in ln:
            rss = float(v)
    return wall, cpu, rss


def pct_of(path):
    ms, codes = [], {}
    for ln in open(path):
        f = ln.rstrip("\n").split("\t")
        try:
            ms.append(float(f[0]))
        except ValueError:
            continue
        c = f[1].strip() if len(f) > 1 else "?"
        codes[c] = codes.get(c, 0) + 1
    if not ms:
        return None
    s = sorted(ms)

    def p(q):
        return s[max(0, math.ceil(q / 100 * len(s)) - 1)]
    return (len(s), p(50), p(95), p(99), sum(s) / len(s),
            " ".join("%s:%d" % kv for kv in sorted(codes.items())))


def rows(path):
    return [ln.rstrip("\n").split("\t") for ln in open(path) if ln.strip()]


def table_a(path, interviews, nbytes):
    """Rows "LABEL" or, with --a-rounds, "LABEL #K": each ivindex row is
    set against the FTS5 row of its round (the first when there is none),
    and the median of the --shards 2 ratios follows the table."""
    rs = rows(path)
    base = {r[0]: r for r in rs}
    ref = base.get("ivindex, 1 database")
    fts_any = next((r for r in rs if r[0].startswith("SQLite FTS5")), None)

    def fts_of(label):
        k = label.rfind(" #")
        return base.get("SQLite FTS5 trigram" + label[k:]) if k > 0 \
            else fts_any
    print("Input: %s interviews, %.1f MB.\n" % (interviews, nbytes / 1e6))
    print("| run | exit | wall s | cpu s | interviews/s | peak RSS MB | "
          "size MB | documents | wall / FTS5 | wall / 1 db |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    sharded = []
    for r in rs:
        label, rc, wall, cpu, rss, size, docs = r[:7]
        wall, cpu = float(wall), float(cpu)
        fts = fts_of(label)
        if fts and label.startswith("ivindex --shards"):
            sharded.append(wall / float(fts[2]))
        vf = "%.2f" % (wall / float(fts[2])) if fts else ""
        vr = "%.2f" % (wall / float(ref[2])) if ref else ""
        print("| %s | %s | %.1f | %.1f | %.0f | %.1f | %.1f | %s | %s | %s |"
              % (label, rc, wall, cpu, interviews / wall if wall else 0,
                 float(rss) / 1024, float(size) / 1e6, docs, vf, vr))
    if len(sharded) > 1:
        sharded.sort()
        mid = len(sharded) // 2
        med = sharded[mid] if len(sharded) % 2 else \
            (sharded[mid - 1] + sharded[mid]) / 2
        print("\n--shards 2 wall / FTS5 wall, each round against its own "
              "FTS5 run: %s; median %.2f."
              % (", ".join("%.2f" % x for x in sharded), med))


def table_b(path):
    print("| database | queries | how | n | p50 ms | p95 ms | p99 ms | "
          "mean ms | exit codes |")
    print("|---|---|---|---:|---:|---:|---:|---:|---|")
    for r in rows(path):
        print("| %s |" % " | ".join(r))


def table_c(path):
    print("| interviews | files | MB | 1 db: wall s | cpu s | peak RSS MB | "
          "db MB | --shards 2: wall s | cpu s | peak RSS MB | db MB | "
          "1 db: plain p50 / p99 ms | filters p50 / p99 | "
          "--shards 2: plain p50 / p99 | filters p50 / p99 |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
          "---:|---:|---:|")
    for r in rows(path):
        lat = ["%s / %s" % (r[i], r[i + 1]) for i in range(11, 19, 2)]
        print("| %s |" % " | ".join(r[:11] + lat))


def c_row(args):
    """One growth row from the two timed lines of TSV and four latencies."""
    tsv, files, records, size = args[:4]
    rows_ = [l.rstrip("\n").split("\t") for l in open(tsv) if l.strip()]
    one, two = rows_[0], rows_[1]

    def num(x, scale):
        return "-" if x in ("-", "") else "%.1f" % (float(x) / scale)

    def lat(arg):
        v = arg.split("\t")
        return ["-", "-"] if len(v) < 4 else [v[1], v[3]]

    out = [records, files, "%.1f" % (int(size) / 1e6),
           one[2], one[3], num(one[4], 1024), num(one[5], 1e6),
           two[2], two[3], num(two[4], 1024), num(two[5], 1e6)]
    for a in args[4:8]:
        out += lat(a)
    print("\t".join(out))


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else ""
    if cmd == "timing":
        print("%.2f %.2f %d" % timing(sys.argv[2]))
    elif cmd == "pct":
        v = pct_of(sys.argv[2])
        print("0\t\t\t\t\t" if v is None else
              "%d\t%.1f\t%.1f\t%.1f\t%.1f\t%s" % v)
    elif cmd == "a":
        table_a(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    elif cmd == "b":
        table_b(sys.argv[2])
    elif cmd == "c":
        table_c(sys.argv[2])
    elif cmd == "crow":
        c_row(sys.argv[2:])
    else:
        sys.exit("report.py timing|pct|a|b|c|crow ...")


if __name__ == "__main__":
    main()
