#!/usr/bin/python3
"""Baseline (c) of bench/index: SQLite FTS5 with the trigram tokenizer.

    fts5index.py DBFILE PATH...

Same input walk and record split as tgindex.cc (records separated by lines
`面试内容：`; a file without them is one record). One row per record
(source and ordinal UNINDEXED, body indexed), one transaction, default
settings (automerge on, no final 'optimize', like Xapian's uncompacted db). Prints
"files records bytes". Needs Debian's /usr/bin/python3 (sqlite3 >= 3.34
for the trigram tokenizer).
"""
import os
import re
import sqlite3
import sys

EXTS = (".md", ".markdown", ".txt", ".text")
MARK = re.compile(r"^面试内容[：:][ \t\r]*$", re.M)


def walk(p, out):
    if os.path.isdir(p):
        for n in sorted(os.listdir(p)):
            if not n.startswith("."):
                walk(os.path.join(p, n), out)
    elif os.path.isfile(p) and p.endswith(EXTS):
        out.append(p)


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: fts5index.py DBFILE PATH...")
    files = []
    for p in sys.argv[2:]:
        walk(p, files)
    if os.path.exists(sys.argv[1]):
        os.unlink(sys.argv[1])
    db = sqlite3.connect(sys.argv[1])
    db.execute("CREATE VIRTUAL TABLE iv USING fts5(source UNINDEXED, "
               "ordinal UNINDEXED, body, tokenize='trigram')")
    nrec = nbytes = 0
    with db:
        for path in files:
            with open(path, "rb") as fh:
                raw = fh.read()
            nbytes += len(raw)
            s = raw.decode("utf-8", errors="replace")
            cuts = [m.start() for m in MARK.finditer(s)]
            if not cuts or s[:cuts[0]].strip():
                cuts.insert(0, 0)
            cuts.append(len(s))
            rows = []
            for i in range(len(cuts) - 1):
                body = s[cuts[i]:cuts[i + 1]]
                if body.strip():
                    rows.append((path, len(rows) + 1, body))
            db.executemany("INSERT INTO iv(source, ordinal, body) "
                           "VALUES (?, ?, ?)", rows)
            nrec += len(rows)
    db.close()
    print(len(files), nrec, nbytes)


if __name__ == "__main__":
    main()
