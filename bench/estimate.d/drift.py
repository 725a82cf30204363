#!/usr/bin/env python3
"""Makes an archive written by index.d/gen.py drift with time, in place.

Real archives change over the years: old notes often have no verdict, new
ones are often still pending, and the technologies asked about shift. In
gen.py's archive every interview is drawn alike, so a sample of the oldest
documents (the lowest document ids) looks like any other. This rewrites
the interviews, in file order (= the order ivindex gives them ids), so that
at position p in [0, 1):

- the verdict sentence is dropped (verdict unknown) with probability
  0.6 (1 - p), else made 待定 (pending) with probability 0.5 p;
- a question "Redis 的持久化方式（RDB 和 AOF）有什么区别？" is added to the first
  section with probability 0.3 (1 - p)^2 (old interviews ask it more).

usage: drift.py ARCHIVE [SEED]      (deterministic; prints a summary)
"""
import os
import random
import re
import sys

VERDICT = re.compile(r"^(面试通过|面试不通过|待定)。")


def main():
    root = sys.argv[1]
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 7)
    files = []
    for d, _, fs in os.walk(root):
        for f in fs:
            files.append(os.path.join(d, f))
    files.sort()
    texts = [open(f, encoding="utf-8").read() for f in files]
    total = sum(t.count("面试内容：\n") for t in texts)
    i = 0
    counts = {"unknown": 0, "pending": 0, "redis": 0}
    for path, text in zip(files, texts):
        out = []
        for rec in text.split("面试内容：\n")[1:]:
            p = i / total
            i += 1
            lines = rec.split("\n")
            r = rng.random()
            for k, ln in enumerate(lines):
                if lines[k - 1] == "总结：" and VERDICT.match(ln):
                    if r < 0.6 * (1 - p):
                        lines[k] = VERDICT.sub("", ln) or "另行通知。"
                        lines[k] = lines[k].replace("通过", "")
                        counts["unknown"] += 1
                    elif rng.random() < 0.5 * p:
                        lines[k] = VERDICT.sub("待定。", ln)
                        counts["pending"] += 1
                    break
            if rng.random() < 0.3 * (1 - p) ** 2:
                lines.insert(3, "1. Redis 的持久化方式（RDB 和 AOF）有什么区别？")
                counts["redis"] += 1
            out.append("面试内容：\n" + "\n".join(lines))
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("".join(out))
    print("%d interviews: %d verdicts dropped, %d made pending, %d redis "
          "questions added" % (total, counts["unknown"], counts["pending"],
                               counts["redis"]))


if __name__ == "__main__":
    main()
