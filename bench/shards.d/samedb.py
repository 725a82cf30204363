#!/usr/bin/python3
"""Are two ivindex databases the same index? For bench/shards (c) and any
change that must not change what is indexed.

    samedb.py [--max N] [--by-source] DB_A DB_B

Compares document by document (the same docids; every term with its wdf
and positions; every value; the data) and the metadata (every key and
value), plus the document counts and last docids. With --by-source,
documents are paired by their place in their source (file and ordinal:
value slot 2) and compared without their ids: which docid and which id
an interview gets in a fresh build depends on the order the writers
reach it (thread timing under `ivindex --shards N`), nothing else does.
Two sharded builds of one archive then compare equal, the id fields of
their file states and last ids masked; a sharded build against a single one compares
the documents (each shard holds its own files' states). A database is a glass
folder or a sharded folder (`ivindex --shards N`: an XAPIANDB stub listing
its shards): two sharded folders are compared shard by shard (and their
stubs as text); a sharded one against a single one as the one database
Xapian makes of the stub. Prints the first N differences (default 20) and
"same" or "N differences"; exit 0 when identical, 1 when not, 2 on an
error. Needs python3-xapian (Debian's /usr/bin/python3).
"""
import os
import re
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


ORDER_SLOT = 2  # IVS_SLOT_ORDER: source path, NUL, 4-byte ordinal
ID_SLOT = 3  # IVS_SLOT_ID
ID_IN_STATE = re.compile(rb"\b([0-9a-f]+:[0-9a-f]+:[0-9a-f]+:)[0-9]+\b")
ID_IN_DATA = re.compile(rb'^\{"id":[0-9]+,')


def by_source(db):
    """{(source, ordinal) as the order value: docid} of DB."""
    out = {}
    for p in db.postlist(""):
        out[db.get_document(p.docid).get_value(ORDER_SLOT)] = p.docid
    return out


def without_id(doc):
    """DOC's data, values and terms with its interview id left out."""
    data = ID_IN_DATA.sub(b'{"id":_,', doc.get_data())
    values = [v for v in doc_values(doc) if v[0] != ID_SLOT]
    terms = [t for t in doc_terms(doc) if not t[0].startswith(b"Q")]
    return data, values, terms


def compare(a, b, label, diffs, ids=False, metadata=True):
    where = label or "database"
    if a.get_doccount() != b.get_doccount():
        diffs.add(where, "doccount %d != %d"
                  % (a.get_doccount(), b.get_doccount()))
    if ids:
        pairs = by_source(a), by_source(b)
        for key in ("only in A", "only in B"):
            x, y = pairs if key == "only in A" else pairs[::-1]
            missing = sorted(set(x) - set(y))
            if missing:
                diffs.add(where, "interviews %s: %s" % (key, missing[:3]))
        docs = [(repr(k), pairs[0][k], pairs[1][k])
                for k in sorted(set(pairs[0]) & set(pairs[1]))]
    elif a.get_lastdocid() != b.get_lastdocid():
        diffs.add(where, "lastdocid %d != %d"
                  % (a.get_lastdocid(), b.get_lastdocid()))
    keys_a = list(a.metadata_keys()) if metadata else []
    keys_b = list(b.metadata_keys()) if metadata else []
    for key in sorted(set(keys_a) | set(keys_b)):
        va, vb = a.get_metadata(key), b.get_metadata(key)
        if ids and key.startswith(b"F:"):
            va, vb = (ID_IN_STATE.sub(rb"\1_", v) for v in (va, vb))
        elif ids and key == b"ivs.lastid":
            continue  # the highest id the shard's writer gave
        if va != vb:
            diffs.add(where, "metadata %r: %s" % (key, window(va, vb)))
    if not ids:
        ids_a = [p.docid for p in a.postlist("")]
        ids_b = [p.docid for p in b.postlist("")]
        if ids_a != ids_b:
            only_a = sorted(set(ids_a) - set(ids_b))[:5]
            only_b = sorted(set(ids_b) - set(ids_a))[:5]
            diffs.add(where, "docids differ (only in A %s, only in B %s)"
                      % (only_a, only_b))
        docs = [("docid %d" % d, d, d)
                for d in sorted(set(ids_a) & set(ids_b))]
    for name, did_a, did_b in docs:
        da, db = a.get_document(did_a), b.get_document(did_b)
        here = "%s %s" % (where, name)
        if ids:
            xa, xb = without_id(da), without_id(db)
            if xa[0] != xb[0]:
                diffs.add(here, "data differs")
            if xa[1] != xb[1]:
                diffs.add(here, "values %r != %r" % (xa[1][:4], xb[1][:4]))
            if xa[2] != xb[2]:
                diffs.add(here, first_terms_diff(xa[2], xb[2]))
            if diffs.n > diffs.limit * 10:
                return
            continue
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
    ids = False
    while args and args[0] in ("--max", "--by-source"):
        if args[0] == "--by-source":
            ids = True
            args = args[1:]
        elif len(args) >= 2:
            limit = int(args[1])
            args = args[2:]
        else:
            break
    if len(args) != 2:
        sys.exit("usage: samedb.py [--max N] [--by-source] DB_A DB_B")
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
                        os.path.basename(pa), diffs, ids)
        else:
            # one side sharded: its files' states are spread over shards
            compare(xapian.Database(args[0]), xapian.Database(args[1]),
                    "", diffs, ids, metadata=(sa is None and sb is None))
    except xapian.Error as e:
        print("samedb.py: %s" % e, file=sys.stderr)
        return 2
    print("same" if diffs.n == 0 else "%d differences" % diffs.n)
    return 0 if diffs.n == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
