#!/usr/bin/env python3
"""bench/verdict/table.py: the phrasing set as files, and the tables of
bench/verdict/run.

  table.py make FIXTURE DIR        one folder per phrasing under DIR
  table.py report FIXTURE,NAME[,FIXTURE,NAME...] WORK MIANJING TAG...

The rule that says whether a write-up states its outcome is stated() below
and in README.md; it reads more freely than ivindex does (any line, any
place), so that what ivindex misses shows."""
import json
import os
import re
import sys
import unicodedata

BODY = "1. 讲讲 redis 的持久化\n答了 RDB 和 AOF。\n"
# After a phrase placed "mid": more questions, so that it is neither the
# summary nor among the closing lines.
MORE = ("2. 讲讲 MySQL 的索引\n答了 B+ 树和最左前缀。\n3. TCP 三次握手\n"
        "讲了 SYN 和 ACK。\n4. 手撕：反转链表\n写出来了。\n")


def phrasings(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        expected, side, script, where, phrase = line.rstrip("\n").split("\t")
        rows.append((expected, side, script, where, phrase.replace("\\n", "\n")))
    return rows


def file_name(phrase):
    """The file a file-name phrasing names: a name written with a text
    extension is the file's ("张三_二面_hold.txt"); any other gets .md."""
    if phrase.lower().endswith((".md", ".txt", ".markdown")):
        return phrase
    return phrase + ".md"


def make(fixture, out):
    for i, (_, _, _, where, phrase) in enumerate(phrasings(fixture)):
        d = os.path.join(out, "%03d" % i)
        os.makedirs(d)
        name, text = "notes.md", BODY + phrase + "\n"
        if where == "title":
            text = "# %s\n\n%s" % (phrase, BODY)
        elif where == "file":
            name, text = file_name(phrase), BODY
        elif where == "mid":
            text = BODY + phrase + "\n" + MORE
        with open(os.path.join(d, name), "w", encoding="utf-8") as f:
            f.write(text)


RANK = {"unknown": 0, "pass": 1, "pending": 2, "fail": 3}


def verdicts(path):
    """source -> verdict of its interviews merged (fail > pending > pass)."""
    out = {}
    for h in json.load(open(path, encoding="utf-8"))["hits"]:
        src, v = h["source"], h["verdict"]
        if RANK[v] >= RANK[out.get(src, "unknown")]:
            out[src] = v
    return out


def by_folder(found, marker):
    """folder (NNN after MARKER/) -> verdict."""
    out = {}
    for src, v in found.items():
        m = re.search(re.escape(marker) + r"/(\d{3})/", src)
        if m:
            out[int(m.group(1))] = v
    return out


def pct(a, b):
    return "%3d/%-3d %5.1f%%" % (a, b, 100.0 * a / b if b else 0.0)


def report_phrasings(fixture, name, work, tags):
    rows = phrasings(fixture)
    got = {t: by_folder(verdicts(os.path.join(work, "%s-%s.json" % (name, t))),
                        name) for t in tags}
    groups = [
        ("interviewer-side", lambda r: r[1] == "interviewer" and r[0] != "unknown"),
        ("ATS result values", lambda r: r[1] == "ats"),
        ("candidate-side, in the text", lambda r: r[1] == "candidate" and r[3] == "text" and r[0] != "unknown"),
        ("candidate-side, mid-post", lambda r: r[1] == "candidate" and r[3] == "mid" and r[0] != "unknown"),
        ("candidate-side, title or file name", lambda r: r[1] == "candidate" and r[3] in ("title", "file") and r[0] != "unknown"),
        ("traditional script", lambda r: r[2] == "trad" and r[0] != "unknown"),
        ("traps (expected unknown)", lambda r: r[0] == "unknown"),
        ("all", lambda r: True),
    ]
    print("Phrasing set (tests/fixtures/%s): right / phrasings"
          % os.path.basename(fixture))
    print("%-38s" % "" + "".join("%-18s" % t for t in tags))
    for group, keep in groups:
        idx = [i for i, r in enumerate(rows) if keep(r)]
        if not idx:
            continue
        cells = []
        for t in tags:
            right = sum(1 for i in idx if got[t].get(i, "unknown") == rows[i][0])
            cells.append("%-18s" % pct(right, len(idx)))
        print("%-38s" % group + "".join(cells))
    wrong = [i for i in range(len(rows))
             if got[tags[-1]].get(i, "unknown") != rows[i][0]]
    for i in wrong:
        print("  %s: %-8s expected %-8s %s" % (tags[-1], got[tags[-1]].get(i, "unknown"),
                                              rows[i][0], rows[i][4].replace("\n", " / ")))
    print()


# The rule for "the write-up states its outcome" (README.md): an outcome
# word in its file name or a heading, or a line that says what came of the
# interview.
NAME_FAIL = re.compile(r"(凉经|挂经|凉了|凉凉|面挂|秒挂|寄了|面寄|[一二三四终]面卒|被拒|感谢信|没给过|流程[就已]?经?结束"
                       r"|[-－—\s]挂\s*([!！。.]*$|[-－—])|面挂\s*[!！]*$)", re.I)
NAME_PASS = re.compile(r"(已\s*oc|oc\s*了|\boc\b|拿到\s*offer|收到\s*offer|喜提\s*offer|上岸"
                       r"|[一二三四终]面\s*过|[-－—\s]过\s*[!！。.]*$|面试通过|已通过)", re.I)
NAME_PENDING = re.compile(r"(等通知|泡池子|等结果)")
LINE_FAIL = re.compile(r"(面挂|秒挂|(我|直接|还是|最后|结果)挂了|凉了|寄了|面卒|收到感谢信|被拒了?$|没过$|面试没通过)", re.I)
LINE_PASS = re.compile(r"((拿到|收到)\s*offer\s*了|(已|最后|终于|成功)(拿到|收到)\s*offer|已\s*oc|oc\s*了|面试已通过|也过了|通知过了|[一二三四终]面已过"
                       r"|进入下一轮|约了[一二三四终]面|约了\s*hr\s*面|[一二三四终]面过了)", re.I)
LINE_PENDING = re.compile(r"(等通知|泡池子|等结果)")


def stated(path, text, name):
    """The outcome a write-up states (pass, fail, pending), or None."""
    found = None

    def add(v):
        nonlocal found
        if found is None or RANK[v] > RANK[found]:
            found = v

    # Text copied from PDF writes ⾯ (a Kangxi radical) for 面: read as NFKC.
    text = unicodedata.normalize("NFKC", text)
    name = unicodedata.normalize("NFKC", name)
    stem = os.path.splitext(name)[0]
    # the file name, and the headings that name a round or an interview
    # (a numbered question such as "10、算法题（挂）" is about the question)
    heads = [stem] + [l.lstrip("#").strip() for l in text.splitlines()
                      if l.startswith("#") and "面" in l]
    for h in heads:
        if "?" in h or "？" in h:
            continue
        for rx, v in ((NAME_FAIL, "fail"), (NAME_PENDING, "pending"), (NAME_PASS, "pass")):
            if rx.search(h):
                add(v)
    # A conversation (bullets of several voices: two start with 我, two
    # speak to 你) quotes other people: its bullets are not the writer's.
    bullets = [l.strip()[2:].strip() for l in text.splitlines()
               if l.strip()[:2] in ("- ", "* ")]
    chat = (sum(1 for b in bullets if b.startswith("我")) >= 2
            and sum(1 for b in bullets if "你" in b) >= 2)
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "?" in line or "？" in line or len(line) > 200:
            continue
        if chat and line[:2] in ("- ", "* "):
            continue
        for rx, v in ((LINE_FAIL, "fail"), (LINE_PENDING, "pending"), (LINE_PASS, "pass")):
            if rx.search(line):
                add(v)
    return found


def report_mianjing(work, corpus, tags):
    files = []
    for root, _, names in os.walk(corpus):
        for n in sorted(names):
            if n.endswith(".md") and n != "README.md" or (n == "README.md" and root != corpus):
                p = os.path.join(root, n)
                files.append((p, stated(p, open(p, encoding="utf-8").read(), n)))
    got = {}
    for t in tags:
        v = verdicts(os.path.join(work, "mianjing-%s.json" % t))
        got[t] = {os.path.abspath(s) if os.path.isabs(s) else s: x for s, x in v.items()}

    def verdict_of(t, path):
        for s, x in got[t].items():
            if s == path or s.endswith(os.path.relpath(path, os.path.dirname(corpus))):
                return x
        return "unknown"

    n_stated = sum(1 for _, s in files if s)
    print("mianjing write-ups (%s): %d files, %d state their outcome (rule: README.md)"
          % (corpus, len(files), n_stated))
    print("%-44s" % "" + "".join("%-18s" % t for t in tags))
    rows = {}
    for t in tags:
        res = [(p, s, verdict_of(t, p)) for p, s in files]
        rows[t] = res
    def line(name, f):
        print("%-44s" % name + "".join("%-18s" % f(rows[t]) for t in tags))
    line("stated, recognised (any verdict)",
         lambda r: pct(sum(1 for _, s, v in r if s and v != "unknown"), n_stated))
    line("stated, recognised as stated",
         lambda r: pct(sum(1 for _, s, v in r if s and v == s), n_stated))
    line("not stated, yet a verdict (to check)",
         lambda r: pct(sum(1 for _, s, v in r if not s and v != "unknown"),
                       len(files) - n_stated))
    line("files with a verdict",
         lambda r: pct(sum(1 for _, _, v in r if v != "unknown"), len(files)))
    last = tags[-1]
    miss = [(p, s) for p, s, v in rows[last] if s and v == "unknown"]
    wrong = [(p, s, v) for p, s, v in rows[last] if s and v not in ("unknown", s)]
    extra = [(p, v) for p, s, v in rows[last] if not s and v != "unknown"]
    rel = lambda p: os.path.relpath(p, corpus)
    print("\n%s: stated but not recognised (%d):" % (last, len(miss)))
    for p, s in miss[:20]:
        print("  %-8s %s" % (s, rel(p)))
    print("%s: recognised otherwise than stated (%d):" % (last, len(wrong)))
    for p, s, v in wrong[:20]:
        print("  %-8s -> %-8s %s" % (s, v, rel(p)))
    print("%s: a verdict where the rule finds none (%d):" % (last, len(extra)))
    for p, v in extra[:20]:
        print("  %-8s %s" % (v, rel(p)))


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "make":
        make(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 6 and sys.argv[1] == "report":
        sets, work, corpus, tags = sys.argv[2].split(","), sys.argv[3], sys.argv[4], sys.argv[5:]
        for k in range(0, len(sets) - 1, 2):
            report_phrasings(sets[k], sets[k + 1], work, tags)
        if corpus:  # empty: the phrasing sets alone (run --only)
            report_mianjing(work, os.path.abspath(corpus), tags)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
