#!/usr/bin/env python3
"""Deterministic generator of a large interview-note archive for bench/index.

Re-uses the text of ../shared/corpus (interview-go, aceld-golang, javaguide
Markdown; never sighan2005) under distinct records: every interview is a
`面试内容：` line, a header line with a unique candidate number, 2-5 numbered
sections (一、语言 ...) of questions (corpus headings) and answers (corpus
paragraphs), and a `总结：` section whose first sentence is the verdict
(面试通过 / 面试不通过 / 待定).

Output: OUT/dNN/notes-NNNNN.{md,txt}, 50-200 interviews per file, plus
OUT.manifest (one line: files interviews bytes seed) and OUT.verdicts.tsv
(file, ordinal, verdict) next to OUT, for cross-checking.

usage: gen.py --corpus DIR --out DIR [--seed N] [--min-interviews N]
              [--min-bytes N]
"""
import argparse
import os
import random
import re
import sys

SETS = ("interview-go", "aceld-golang", "javaguide")
SECTIONS = ["语言", "中间件", "数据库", "网络", "操作系统", "算法", "分布式",
            "系统设计", "项目", "其他"]
CN_NUM = "一二三四五六七八九十"
ROLES = ["后端开发", "Go 开发工程师", "Java 开发工程师", "基础架构",
         "数据平台", "中间件研发", "SRE", "高级后端开发"]
VERDICTS = [("面试通过", 40), ("面试不通过", 45), ("待定", 15)]
VERDICT_TAIL = {
    "面试通过": ["建议录用。", "基础扎实，可以进入下一轮。", ""],
    "面试不通过": ["基础不够扎实。", "项目经验与岗位要求不符。", ""],
    "待定": ["等通知，需要与其他候选人比较。", "需要加面一轮。", ""],
}
# lines that would look like record structure in our own format
STRUCT = re.compile(r"^\s*(面试内容|面试总结|总结|结论|评价)\s*[：:]?")
HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")


def load_corpus(root):
    headings, paras = [], []
    files = []
    for s in SETS:
        base = os.path.join(root, s)
        for d, _, fs in os.walk(base):
            for f in fs:
                if f.endswith(".md"):
                    files.append(os.path.join(d, f))
    files.sort()
    for path in files:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().replace("\r", "").split("\n")
        in_code = False
        block = []

        def flush():
            if block:
                text = "\n".join(block).strip()
                if 20 <= len(text.encode()) and not STRUCT.match(text):
                    # cap at ~700 bytes on a line boundary
                    out, n = [], 0
                    for ln in text.split("\n"):
                        n += len(ln.encode()) + 1
                        out.append(ln)
                        if n > 700:
                            break
                    paras.append("\n".join(out))
                block.clear()

        for ln in lines:
            if ln.lstrip().startswith("```"):
                in_code = not in_code
                flush()
                continue
            if in_code:
                continue
            m = HEADING.match(ln)
            if m:
                flush()
                h = m.group(1).strip()
                if 2 <= len(h) <= 60 and not STRUCT.match(h):
                    headings.append(h)
                continue
            s = ln.strip()
            if not s:
                flush()
                continue
            if (s.startswith("![") or s.startswith("<") or STRUCT.match(s)
                    or s.startswith("---") or s.startswith("|")):
                continue
            block.append(s)
        flush()
    return headings, paras


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--min-interviews", type=int, default=100000)
    ap.add_argument("--min-bytes", type=int, default=320 * 1000 * 1000)
    a = ap.parse_args()

    headings, paras = load_corpus(a.corpus)
    if not headings or not paras:
        sys.exit("gen.py: no corpus text under " + a.corpus)
    rng = random.Random(a.seed)
    vnames = [v for v, _ in VERDICTS]
    vweights = [w for _, w in VERDICTS]
    os.makedirs(a.out, exist_ok=True)
    verd = open(a.out.rstrip("/") + ".verdicts.tsv", "w", encoding="utf-8")
    nfile = ninterview = nbytes = 0
    cand = 0
    while ninterview < a.min_interviews or nbytes < a.min_bytes:
        ext = "txt" if nfile % 4 == 3 else "md"
        rel = "d%02d/notes-%05d.%s" % (nfile // 40, nfile, ext)
        path = os.path.join(a.out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        parts = []
        for ordinal in range(1, rng.randint(50, 200) + 1):
            cand += 1
            verdict = rng.choices(vnames, vweights)[0]
            date = "20%02d-%02d-%02d" % (rng.randint(19, 25),
                                         rng.randint(1, 12),
                                         rng.randint(1, 28))
            p = ["面试内容：",
                 "候选人编号：C%07d  应聘岗位：%s  面试日期：%s"
                 % (cand, rng.choice(ROLES), date)]
            secs = rng.sample(SECTIONS, rng.randint(2, 4))
            for si, sec in enumerate(secs):
                p.append("%s、%s" % (CN_NUM[si], sec))
                for qi in range(1, rng.randint(2, 4) + 1):
                    p.append("%d. %s" % (qi, rng.choice(headings)))
                    for ln in rng.choice(paras).split("\n"):
                        p.append("\t" + ln)
            p.append("")
            p.append("总结：")
            summ = rng.choice(paras).split("\n")[0][:200]
            p.append("%s。%s%s" % (verdict, rng.choice(VERDICT_TAIL[verdict]),
                                  summ))
            p.append("")
            p.append("")
            parts.append("\n".join(p))
            verd.write("%s\t%d\t%s\n" % (rel, ordinal, verdict))
            ninterview += 1
        data = "".join(parts).encode("utf-8")
        with open(path, "wb") as fh:
            fh.write(data)
        nbytes += len(data)
        nfile += 1
    verd.close()
    with open(a.out.rstrip("/") + ".manifest", "w") as fh:
        fh.write("%d %d %d %d\n" % (nfile, ninterview, nbytes, a.seed))
    print("%d files, %d interviews, %d bytes" % (nfile, ninterview, nbytes))


if __name__ == "__main__":
    main()
