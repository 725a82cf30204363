#!/usr/bin/python3
"""Turn bench/latency query lines into xqloop input (the proxy loop).

toloop.py plain|filter|similar IVINDEX DB < QUERIES > LOOPLINES

Query words go through the project's own analyzer (`IVINDEX --segment`, one
process for all lines) so the loop looks up the same terms ivindex wrote.
--similar ID is passed as the Xapian docid (ivsearch ids are docids).
Verdict aliases are mapped to the canonical values stored under XV.
"""
import subprocess
import sys

VERDICT = {"通过": "pass", "不通过": "fail", "待定": "pending", "未知": "unknown"}


def main():
    kind, ivindex = sys.argv[1], sys.argv[2]
    rows = []
    for ln in sys.stdin.read().splitlines():
        args = ln.split("\t") if ln else []
        v = t = sim = ""
        words = []
        i = 0
        while i < len(args):
            a = args[i]
            if a in ("--verdict", "--topic", "--similar") and i + 1 < len(args):
                if a == "--verdict":
                    v = VERDICT.get(args[i + 1], args[i + 1])
                elif a == "--topic":
                    t = args[i + 1]
                else:
                    sim = args[i + 1]
                i += 2
                continue
            words.append(a)
            i += 1
        rows.append((v, t, sim, " ".join(words)))
    text = "\n".join(r[3] for r in rows) + "\n"
    seg = subprocess.run([ivindex, "--segment"], input=text.encode(),
                         stdout=subprocess.PIPE, check=True).stdout
    seg = seg.decode("utf-8", "replace").split("\n")
    for i, (v, t, sim, _) in enumerate(rows):
        if sim:
            print("S\t%s\t%s\t%s" % (sim, v, t))
        else:
            terms = [w.lower() for w in seg[i].split() if w.strip()] \
                if i < len(seg) else []
            print("Q\t%s\t%s\t%s" % (v, t, " ".join(terms)))


if __name__ == "__main__":
    main()
