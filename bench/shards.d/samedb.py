#!/usr/bin/python3
"""Are two ivindex databases the same index? For bench/shards (c) and any
change that must not change what is indexed.

    samedb.py [--max N] DB_A DB_B

Compares document by document (the same docids; every term with its wdf
and positions; every value; the data) and the metadata (every key and
value), plus the document counts and last docids. A database is a glass
folder or a sharded folder (`ivindex --shards N`: an XAPIANDB stub listing
its shards): two sharded folders are compared shard by shard (and their
stubs as text); a sharded one against a single one as the one database
Xapian makes of the stub. Prints the first N differences (default 20) and
"same" or "N differences"; exit 0 when identical, 1 when not, 2 on an
error. Needs python3-xapian (Debian's /usr/bin/python3).
"""
import os
import sys

import xapian


def shards_of(path):
    """The local shard folders a stub folder lists, or None."""
    stub = os.path.join(path, "XAPIANDB")
    if not os.path.isfile(stub):
        return None
    out = []
    with open(stub, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            kind, _, rest = line.partition(" ")
            if kind not in ("auto", "glass"):
                return None  # a remote shard: compare the whole instead
            out.append(os.path.join(path, rest.strip()))
    return out


class Diffs:
    def __init__(self, limit):
        self.limit = limit
        self.n = 0

    def add(self, where, what):
        self.n += 1
        if self.n <= self.limit:
            print("%s: %s" % (where, what))


def window(va, vb):
    """VA != VB shown around their first difference."""
    i = 0
    while i < min(len(va), len(vb)) and va[i] == vb[i]:
        i += 1
    lo = max(0, i - 20)
    return "at byte %d: %r != %r" % (i, va[lo:i + 40], vb[lo:i + 40])


def doc_terms(doc):
    out = []
    for t in doc.termlist():
        out.append((t.term, t.wdf, list(t.positer)))
    return out


def doc_values(doc):
    return [(v.num, v.value) for v in doc.values()]


def first_terms_diff(ta, tb):
    """A short description of how two term lists differ."""
    da = {t[0]: t for t in ta}
    db = {t[0]: t for t in tb}
    for term in sorted(set(da) | set(db)):
        a, b = da.get(term), db.get(term)
        if a is None:
            return "term %r only in B" % term
        if b is None:
            return "term %r only in A" % term
        if a[1] != b[1]:
            return "term %r wdf %d != %d" % (term, a[1], b[1])
        if a[2] != b[2]:
            return "term %r positions %s != %s" % (term, a[2][:10], b[2][:10])
    return "term lists differ"


def compare(a, b, label, diffs):
    where = label or "database"
    if a.get_doccount() != b.get_doccount():
        diffs.add(where, "doccount %d != %d"
                  % (a.get_doccount(), b.get_doccount()))
    if a.get_lastdocid() != b.get_lastdocid():
        diffs.add(where, "lastdocid %d != %d"
                  % (a.get_lastdocid(), b.get_lastdocid()))
    keys_a = list(a.metadata_keys())
    keys_b = list(b.metadata_keys())
    for key in sorted(set(keys_a) | set(keys_b)):
        va, vb = a.get_metadata(key), b.get_metadata(key)
        if va != vb:
            diffs.add(where, "metadata %r: %s" % (key, window(va, vb)))
    ids_a = [p.docid for p in a.postlist("")]
    ids_b = [p.docid for p in b.postlist("")]
    if ids_a != ids_b:
        only_a = sorted(set(ids_a) - set(ids_b))[:5]
        only_b = sorted(set(ids_b) - set(ids_a))[:5]
        diffs.add(where, "docids differ (only in A %s, only in B %s)"
                  % (only_a, only_b))
    for did in sorted(set(ids_a) & set(ids_b)):
        da, db = a.get_document(did), b.get_document(did)
        here = "%s docid %d" % (where, did)
        if da.get_data() != db.get_data():
            diffs.add(here, "data differs")
        if doc_values(da) != doc_values(db):
            diffs.add(here, "values %r != %r"
                      % (doc_values(da)[:4], doc_values(db)[:4]))
        ta, tb = doc_terms(da), doc_terms(db)
        if ta != tb:
            diffs.add(here, first_terms_diff(ta, tb))
        if diffs.n > diffs.limit * 10:
            return  # enough: the rest would only say more of the same


def main():
    args = sys.argv[1:]
    limit = 20
    if len(args) >= 2 and args[0] == "--max":
        limit = int(args[1])
        args = args[2:]
    if len(args) != 2:
        sys.exit("usage: samedb.py [--max N] DB_A DB_B")
    for p in args:
        if not os.path.isdir(p):
            print("samedb.py: %s: no such database folder" % p,
                  file=sys.stderr)
            return 2
    diffs = Diffs(limit)
    try:
        sa, sb = shards_of(args[0]), shards_of(args[1])
        if sa is not None and sb is not None:
            with open(os.path.join(args[0], "XAPIANDB"), "rb") as fa, \
                    open(os.path.join(args[1], "XAPIANDB"), "rb") as fb:
                if fa.read() != fb.read():
                    diffs.add("XAPIANDB", "the stubs differ")
            if len(sa) != len(sb):
                diffs.add("XAPIANDB", "%d shards != %d" % (len(sa), len(sb)))
            for pa, pb in zip(sa, sb):
                compare(xapian.Database(pa), xapian.Database(pb),
                        os.path.basename(pa), diffs)
        else:
            compare(xapian.Database(args[0]), xapian.Database(args[1]),
                    "", diffs)
    except xapian.Error as e:
        print("samedb.py: %s" % e, file=sys.stderr)
        return 2
    print("same" if diffs.n == 0 else "%d differences" % diffs.n)
    return 0 if diffs.n == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
