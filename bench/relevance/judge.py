#!/usr/bin/python3
"""Grade documents for the relevance benchmark by the rule in README.md.

usage: bench/relevance/judge.py [--pool UNJUDGED_LISTING] [CORPUS_DIR]

Adds judgements to qrels.tsv and never changes one that is there:
  * grep pass: for every keyword query (kind term) with patterns in
    judge_patterns.py, every document of the set that holds a line matching
    the query's concept gets the grade of the rule (1-3); queries judged
    before javaguide and mianjing joined the set get this pass over those
    two sets only (the older documents were judged by reading);
  * pool pass: with --pool (the output of `run --unjudged --depth 20`),
    every pooled document without a judgement is graded by the same rule
    (0 if it holds no matching line).
"""
import argparse
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True

import docs as docsmod                # noqa: E402
from judge_patterns import V          # noqa: E402

NEW_SETS = ("javaguide/", "mianjing/")
# tables of contents: graded 1 at most
TOC = re.compile(r'(^|/)(readme(_en|_ja)?|_?sidebar|summary|index)\.md$', re.I)
HEAD = re.compile(r'^\s{0,3}#{1,6}\s')
# a line of an interview write-up that asks (at most 80 characters)
QLINE = re.compile(r'[?？]|什么|怎么|如何|为什么|哪些|区别|原理|讲讲|说说|介绍|了解')
# \b in a pattern: an ASCII word boundary (Python's \b sees Han characters
# as word characters: make与new has none between make and 与)
ASCII_BOUNDARY = (r'(?:(?<![A-Za-z0-9_])(?=[A-Za-z0-9_])'
                  r'|(?<=[A-Za-z0-9_])(?![A-Za-z0-9_]))')


def comp(group):
    """The compiled alternatives of keyword query GROUP."""
    return [[re.compile(f.replace(r'\b', ASCII_BOUNDARY), re.I) for f in alt]
            for alt in V[group]]


def hit(alts, line):
    """Does LINE name the concept (all facets of one alternative)?"""
    return any(all(f.search(line) for f in alt) for alt in alts)


def title_of(doc_id, text):
    """File name, front-matter title and first # heading (and, for a
    mianjing README.md / 面经.md, its folder), joined."""
    t = []
    base = os.path.basename(doc_id.split('#')[0])[:-3] if doc_id.endswith('.md') else ''
    if base.lower() not in ('readme', '面经', 'index'):
        t.append(base)
    m = re.search(r'^title:\s*(.+)$', text[:2000], re.M)
    if m:
        t.append(m.group(1))
    m = re.search(r'^#\s+(.+)$', text, re.M)
    if m:
        t.append(m.group(1))
    if doc_id.startswith('mianjing/') and base.lower() in ('readme', '面经', 'index'):
        t.append(os.path.basename(os.path.dirname(doc_id)))
    return ' | '.join(t)


def grade(group, doc_id, text, alts=None):
    """(grade, matching lines, why) of DOC_ID for keyword query GROUP by
    the rule in README.md."""
    alts = alts or comp(group)
    lines = text.splitlines()
    n = sum(1 for l in lines if hit(alts, l))
    if n == 0:
        return 0, 0, ''
    if TOC.search(doc_id):
        return 1, n, 'toc'
    title = title_of(doc_id, text)
    if hit(alts, title) and not doc_id.startswith('examples/'):
        return 3, n, 'title: ' + title[:80]
    heads = [l for l in lines if HEAD.match(l) and hit(alts, l)]
    if heads:
        return 2, n, 'head: ' + heads[0].strip()[:80]
    is_notes = doc_id.startswith(('mianjing/', 'examples/'))
    if is_notes:
        qs = [l for l in lines
              if len(l) <= 80 and QLINE.search(l) and hit(alts, l)]
        if qs:
            return 2, n, 'q: ' + qs[0].strip()[:80]
    if n >= 8:
        return 2, n, 'lines>=8'
    ex = next(l for l in lines if hit(alts, l))
    return 1, n, 'line: ' + ex.strip()[:80]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default="/work/shared/corpus")
    ap.add_argument("--pool", help="output of run --unjudged")
    args = ap.parse_args()
    repo = os.path.dirname(os.path.dirname(HERE))
    documents = dict(docsmod.load_documents(
        args.corpus, os.path.join(repo, "examples", "interviews.txt")))
    with open(os.path.join(HERE, "queries.tsv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    group = {r["qid"]: r["same_as"] or r["qid"] for r in rows}
    qpath = os.path.join(HERE, "qrels.tsv")
    with open(qpath, encoding="utf-8") as f:
        old = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    have = {(r["qid"], r["doc"]) for r in old}
    judged_before = {r["qid"] for r in old}
    added = []
    for r in rows:
        qid = r["qid"]
        if r["kind"] != "term" or qid not in V:
            continue
        alts = comp(qid)
        for doc_id, text in documents.items():
            if qid in judged_before and not doc_id.startswith(NEW_SETS):
                continue
            if (qid, doc_id) in have:
                continue
            g = grade(qid, doc_id, text, alts)[0]
            if g:
                have.add((qid, doc_id))
                added.append((qid, doc_id, g))
    if args.pool:
        with open(args.pool, encoding="utf-8") as f:
            for line in f:
                if not line.startswith("UNJUDGED\t"):
                    continue
                _, qid, _, doc_id = line.rstrip("\n").split("\t")
                qid = group.get(qid, qid)
                if qid not in V or (qid, doc_id) in have or doc_id not in documents:
                    continue
                have.add((qid, doc_id))
                added.append((qid, doc_id, grade(qid, doc_id, documents[doc_id])[0]))
    order = {r["qid"]: i for i, r in enumerate(rows)}
    allj = [(r["qid"], r["doc"], int(r["grade"])) for r in old] + added
    allj.sort(key=lambda t: (order.get(t[0], 1 << 30), t[1]))
    with open(qpath, "w", encoding="utf-8") as f:
        f.write("qid\tdoc\tgrade\n")
        for qid, doc_id, g in allj:
            f.write("%s\t%s\t%d\n" % (qid, doc_id, g))
    print("added %d judgements (%s)" % (len(added), ", ".join(
        "%d x %d" % (sum(1 for a in added if a[2] == g), g) for g in (3, 2, 1, 0))))


if __name__ == "__main__":
    main()
