#!/usr/bin/python3
"""Writes jieba's finalseg HMM tables (MIT, see LICENSE.jieba) as the plain
text that ivs-mkdict reads: "start S LOGP", "trans S T LOGP",
"emit S CHAR LOGP". Run once with Debian's python3-jieba:
    /usr/bin/python3 data/dict/jieba_hmm.py > data/dict/jieba_hmm.txt
"""
from jieba.finalseg.prob_emit import P as emit
from jieba.finalseg.prob_start import P as start
from jieba.finalseg.prob_trans import P as trans

print("# jieba finalseg HMM (BMES), log probabilities; MIT, see LICENSE.jieba")
for s in "BMES":
    print("start %s %r" % (s, start[s]))
for s in "BMES":
    for t in sorted(trans[s]):
        print("trans %s %s %r" % (s, t, trans[s][t]))
for s in "BMES":
    for ch in sorted(emit[s]):
        print("emit %s %s %r" % (s, ch, emit[s][ch]))
