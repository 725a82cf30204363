#!/usr/bin/python3
"""Segments standard input with jieba (Debian's python3-jieba), printing the
words of each line separated by two spaces, whitespace dropped.

usage: jieba_cut.py hmm|nohmm TIMEFILE < text > words
TIMEFILE receives the CPU seconds spent cutting (dictionary load
excluded).
"""
import os
import sys
import time

import jieba

jieba.setLogLevel(60)
jieba.dt.tmp_dir = os.environ.get("TMPDIR") or None  # its cache, not ours
jieba.initialize()
hmm = sys.argv[1] == "hmm"
text = sys.stdin.buffer.read().decode("utf-8")
lines = text.split("\n")
if lines and lines[-1] == "":
    lines.pop()
start = time.process_time()
out = ["  ".join(w for w in jieba.cut(line.rstrip("\r"), HMM=hmm)
                 if w.strip()) for line in lines]
seconds = time.process_time() - start
sys.stdout.write("\n".join(out) + "\n")
with open(sys.argv[2], "w") as f:
    f.write("%.6f\n" % seconds)
