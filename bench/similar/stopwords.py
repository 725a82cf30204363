#!/usr/bin/python3
"""Grows data/stopwords.txt from data: the words of many interview
write-ups that say nothing about what a candidate was asked.

usage: bench/similar/stopwords.py [BUILD_DIR [SHARED_DIR]] > candidates.txt

Segments every document of the corpus (mianjing, javaguide, interview-go,
the sample) with `ivindex --segment` (main-path words only, as --similar
reads them) and prints, most widespread first, the Chinese words of two or
more characters that at least MIN_SHARE of the documents use and that are
neither in the technical dictionary (data/dict/tech.txt) nor a topic's
name, alias or keyword (data/topics.txt), nor already a stop word.  The
list is read by a person: technical words it still holds (内存, 数据, 接口)
are left out, the narrative ones (一下, 怎么办, 困难, 看法) are added to
data/stopwords.txt under the comment that names this script.
"""
import os
import re
import subprocess
import sys

MIN_SHARE = 0.08

here = os.path.dirname(os.path.abspath(__file__))
top = os.path.dirname(os.path.dirname(here))
build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(top, "build")
shared = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(top), "shared")

known = set()
for line in open(os.path.join(top, "data/dict/tech.txt"), encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        known.add(line.split()[0])
for line in open(os.path.join(top, "data/topics.txt"), encoding="utf-8"):
    if ":" in line and not line.startswith("#"):
        for w in re.split(r"[,，、]", line.split(":", 1)[1]):
            known.add(w.strip().lower())
for line in open(os.path.join(top, "data/stopwords.txt"), encoding="utf-8"):
    if line.strip() and not line.startswith("#"):
        known.add(line.strip())

paths = [os.path.join(shared, "seeds/interviews-sample.txt")]
for sub in ("mianjing", "javaguide", "interview-go"):
    for d, _, fs in os.walk(os.path.join(shared, "corpus", sub)):
        paths += [os.path.join(d, f) for f in fs if f.endswith(".md")]
df = {}
for p in paths:
    text = open(p, encoding="utf-8", errors="replace").read()
    out = subprocess.run([os.path.join(build, "ivindex"), "--segment"],
                         input=text, capture_output=True, text=True).stdout
    for w in set(out.split()):
        if len(w) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w) and w not in known:
            df[w] = df.get(w, 0) + 1
n = len(paths)
for w, k in sorted(df.items(), key=lambda x: -x[1]):
    if k / n >= MIN_SHARE:
        print("%s\t%.2f" % (w, k / n))
