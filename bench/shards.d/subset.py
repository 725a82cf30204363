#!/usr/bin/python3
"""Deterministic subsets of a generated archive, for bench/shards (c).

    subset.py ARCHIVE OUT N

Takes whole files of ARCHIVE (every .md/.txt, in the order of the md5 of
their relative path: a fixed shuffle that mixes the dNN folders) until they
hold at least N interviews (lines `面试内容：`), and hard-links them (a copy
when linking fails) under OUT at the same relative paths. A smaller N's
subset is a prefix of a larger one's. OUT is replaced; OUT "-" only
counts. Prints "files interviews bytes".
"""
import hashlib
import os
import re
import shutil
import sys

MARK = re.compile(rb"^\xe9\x9d\xa2\xe8\xaf\x95\xe5\x86\x85\xe5\xae\xb9"
                  rb"(\xef\xbc\x9a|:)[ \t\r]*$", re.M)  # 面试内容：


def files(root):
    out = []
    for d, dirs, fs in os.walk(root):
        dirs.sort()
        for f in sorted(fs):
            if f.endswith((".md", ".txt")):
                out.append(os.path.relpath(os.path.join(d, f), root))
    return sorted(out, key=lambda p: hashlib.md5(p.encode()).hexdigest())


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: subset.py ARCHIVE OUT N")
    root, out, want = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if not os.path.isdir(root):
        sys.exit("subset.py: %s: no such archive folder" % root)
    if out != "-" and os.path.exists(out):
        shutil.rmtree(out)
    nfiles = nrec = nbytes = 0
    for rel in files(root):
        if nrec >= want:
            break
        src = os.path.join(root, rel)
        with open(src, "rb") as fh:
            raw = fh.read()
        if out != "-":
            dst = os.path.join(out, rel)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            try:
                os.link(src, dst)
            except OSError:
                shutil.copy2(src, dst)
        nfiles += 1
        nrec += len(MARK.findall(raw)) or 1
        nbytes += len(raw)
    if nrec < want and out != "-":
        print("subset.py: %s holds only %d interviews (asked %d)"
              % (root, nrec, want), file=sys.stderr)
    print(nfiles, nrec, nbytes)


if __name__ == "__main__":
    main()
