#!/usr/bin/python3
"""Helpers of bench/index.

table.py wall TIMEFILE   -> wall seconds from a GNU `time -v` report
table.py table RESULTS SIZE NFILES BYTES RECORDS LOGDIR -> markdown table
"""
import os
import sys

LABEL = {
    "ivindex": "ivindex (fresh db)",
    "tg": "(b) Xapian TermGenerator + FLAG_CJK_NGRAM",
    "omindex": "(a) omindex, XAPIAN_CJK_NGRAM=1",
    "fts5": "(c) SQLite FTS5 trigram",
    "ivindex-nochange": "ivindex re-run, no change",
    "ivindex-1pct": "ivindex re-run, %s files changed",
}


def cpu(path):
    u = 0.0
    for ln in open(path):
        if "User time" in ln or "System time" in ln:
            u += float(ln.rsplit(": ", 1)[1])
    return u


def wall(path):
    for ln in open(path):
        if "Elapsed (wall clock)" in ln:
            t = ln.rsplit(": ", 1)[1].strip()
            s = 0.0
            for part in t.split(":"):
                s = s * 60 + float(part)
            return s
    return float("nan")


def table(results, size, nfiles, nbytes, records, logdir):
    nbytes, records = int(nbytes), int(records)
    runs, docs, changed, order = {}, {}, "?", []
    for ln in open(results, encoding="utf-8"):
        f = ln.rstrip("\n").split("\t")
        if f[0] == "docs":
            docs[f[1]] = f[2]
        elif f[0] == "changed":
            changed = f[1]
        else:
            runs[f[0]] = f
            order.append(f[0])
    mb = nbytes / 1e6
    out = []
    out.append("bench/index --size %s: %s files, %.1f MB, %d records "
               "(interviews; one per file when a file has no `面试内容：` "
               "line)\n" % (size, nfiles, mb, records))
    out.append("| run | docs in db | wall s | cpu s | MB/s | records/s "
               "| peak RSS MB | db MB | ivindex speed-up | cpu ratio |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    ivt = ivc = None
    if "ivindex" in runs and runs["ivindex"][1] == "0":
        ivt = float(runs["ivindex"][2])
        tf = os.path.join(logdir, "ivindex.time")
        ivc = cpu(tf) if os.path.exists(tf) else None
    for name in order:
        f = runs[name]
        label = LABEL.get(name, name)
        if "%s" in label:
            label = label % changed
        if f[1] == "missing":
            out.append("| %s | not built (%s) | | | | | | | | |" % (label, f[5]))
            continue
        rc, t, rss, db = f[1], float(f[2]), int(f[3] or 0), int(f[4] or 0)
        if rc != "0":
            label += " **FAILED exit %s**" % rc
        sp = ""
        if ivt and name in ("tg", "omindex", "fts5"):
            sp = "%.2f×" % (t / ivt)
        full = name in ("ivindex", "tg", "omindex", "fts5")
        tf = os.path.join(logdir, name + ".time")
        c = "%.2f" % cpu(tf) if os.path.exists(tf) else ""
        cr = ""
        if ivc and c and name in ("tg", "omindex", "fts5"):
            cr = "%.2f×" % (float(c) / ivc)
        out.append("| %s | %s | %.2f | %s | %s | %s | %.0f | %.0f | %s | %s |" % (
            label, docs.get(name, ""), t, c,
            "%.2f" % (mb / t) if full and t > 0 else "",
            "%.0f" % (records / t) if full and t > 0 else "",
            rss / 1024, db / 1e6, sp, cr))
    for name in ("ivindex", "ivindex-nochange", "ivindex-1pct"):
        p = os.path.join(logdir, name + ".out")
        if name in runs and os.path.exists(p):
            s = open(p, encoding="utf-8", errors="replace").read().strip()
            if s:
                out.append("\n%s summary: %s" % (name, s[:600]))
    tables = []
    for name in order:
        p = os.path.join(logdir, name + ".tables")
        if os.path.exists(p):
            sizes = [ln.split() for ln in open(p) if ln.strip()]
            tables.append("    %s: %s" % (name, ", ".join(
                "%s %.1f" % (n.replace(".glass", ""), int(b) / 1e6)
                for n, b in sizes)))
    if tables:
        out.append("\nXapian tables, MB (file sizes):")
        out.extend(tables)
    out.append("\nwall = elapsed (GNU time), cpu = user+sys; MB/s and "
               "records/s from wall; speed-up = tool wall / ivindex wall; "
               "cpu ratio = tool cpu / ivindex cpu")
    out.append("\ncommands:")
    for name in order:
        out.append("    %s: %s" % (name, runs[name][5]))
    return "\n".join(out)


if __name__ == "__main__":
    if sys.argv[1] == "wall":
        print("%.2f" % wall(sys.argv[2]))
    else:
        print(table(*sys.argv[2:8]))
