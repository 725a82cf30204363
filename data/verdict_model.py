#!/usr/bin/python3
"""Trains the statement model of indexer/records/model.c and writes it as
the C table indexer/records/verdict_model.inc.

The rules of verdict.c and outcome.c decide a record's verdict; where they
find none, ivindex asks this model whether a line (or two lines together,
a label and its value), the title, a heading or the file name states the
outcome in words the rules do not know. It is a linear model (multinomial
logistic regression) over TF-IDF weights of the character 1-3-grams of the
text, trained on the labelled phrasings of tests/fixtures/verdict-*.tsv
(outcomes and their traps, both scripts, both sides) and, as text that
states nothing, the lines of technical notes (--negatives, Markdown files).

Run with Debian's python3-sklearn (offline; nothing of it runs in ivindex):

    /usr/bin/python3 data/verdict_model.py \\
        --negatives ../shared/corpus/javaguide \\
        --unstated ../shared/corpus/mianjing > indexer/records/verdict_model.inc

(it writes indexer/records/verdict_model_checks.inc beside it, --checks).

units() and normalize() below are what model.c does; change both or neither.
"""
import argparse
import glob
import math
import os
import random
import sys
import unicodedata
import zlib

import numpy as np
from collections import Counter
from scipy import sparse
from sklearn.linear_model import LogisticRegression

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "bench", "verdict"))
import table  # noqa: E402  (stated(): does a write-up state its outcome)
CLASSES = ("unknown", "pass", "fail", "pending")  # ivs_verdict_t order
MAX_N = 3


def normalize(text):
    """NFKC, ASCII letters lowered, every run of spaces one space, line
    breaks kept, NUL dropped, 不过 before a letter as 但是; a line break on
    each side marks the ends."""
    t = unicodedata.normalize("NFKC", text)
    out, space = [], False
    for ch in t:
        if ch == "\0":
            continue
        if ch == "\n":
            while out and out[-1] == " ":
                out.pop()
            out.append("\n")
            space = False
        elif ch.isspace():
            space = True
        else:
            if space and out and out[-1] != "\n":
                out.append(" ")
            space = False
            out.append(ch.lower() if "A" <= ch <= "Z" else ch)
    # 不过 before a word is "but" ("不过整体还行"); the value 不过 ("not
    # passed") stands alone or before a stop: seen as 但是 when it is "but"
    for i in range(len(out) - 2):
        if out[i] == "不" and out[i + 1] == "过" and \
                unicodedata.category(out[i + 2]).startswith("L"):
            out[i], out[i + 1] = "但", "是"
    return "\n" + "".join(out).strip("\n ") + "\n"


def ngrams(text):
    t = normalize(text)
    return [t[i:i + n] for n in range(1, MAX_N + 1) for i in range(len(t) - n + 1)
            if not (n == 1 and t[i] in "\n ")]


def features(texts, min_df):
    """The matrix the model reads: for each n-gram of the vocabulary (those
    of MIN_DF texts or more) (1 + ln tf) x idf, divided by the length of
    the vector of (1 + ln tf) of all the text's n-grams, in the vocabulary
    or not (so model.c needs no table for the length)."""
    grams = [Counter(ngrams(t)) for t in texts]
    df = Counter(g for c in grams for g in c)
    vocab = {}
    for g in sorted(df):
        if df[g] >= min_df:
            vocab[g] = len(vocab)
    n = len(texts)
    idf = np.zeros(len(vocab))
    for g, j in vocab.items():
        idf[j] = math.log((1 + n) / (1 + df[g])) + 1
    return features_with(texts, vocab, idf, grams)


def features_with(texts, vocab, idf, grams=None):
    """features() with a given vocabulary and idf."""
    if grams is None:
        grams = [Counter(ngrams(t)) for t in texts]
    n = len(texts)
    rows, cols, vals = [], [], []
    for i, c in enumerate(grams):
        tf = {g: 1 + math.log(k) for g, k in c.items()}
        norm = math.sqrt(sum(v * v for v in tf.values())) or 1.0
        for g, v in tf.items():
            j = vocab.get(g)
            if j is not None:
                rows.append(i)
                cols.append(j)
                vals.append(v * idf[j] / norm)
    X = sparse.csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)))
    return X, vocab, idf


def units(text):
    """The lines of a note, and each line with a label line ("面评：")
    before it (model.c reads those lines the rules may read as the
    writer's; here every line)."""
    lines = [l.strip() for l in text.split("\n")]
    lines = [l for l in lines if l]
    out = list(lines)
    out += [a + "\n" + b for a, b in zip(lines, lines[1:]) if a.endswith((":", "："))]
    return out


def file_unit(name):
    """What model.c reads of a file-name phrasing: the stem of the file
    table.py makes (ivindex drops what follows the last dot), underscores
    as spaces."""
    stem = table.file_name(name).rpartition(".")[0]
    return stem.replace("_", " ")


def phrasings(path):
    """(verdict, text) of each phrasing of a fixture (table.py reads them),
    a file name as model.c reads it."""
    return [(r[0], file_unit(r[4]) if r[3] == "file" else r[4])
            for r in table.phrasings(path)]


def bare_labels(rows):
    """"结果" or "面试结论：" alone, as a line before its value or a heading,
    states nothing: the labels of the labelled phrasings, without value."""
    out = set()
    for _, t in rows:
        for line in t.split("\n"):
            for colon in ("：", ":"):
                k = line.find(colon)
                if 0 < k <= 12:
                    label = line[:k].strip(" #-*")
                    if label:
                        out.update((label, label + colon))
    return sorted(out)


def half(folder, path):
    """The half of a folder's files used for training (the other half
    measures the model: bench/verdict/README.md)."""
    rel = os.path.relpath(path, folder).encode("utf-8")
    return zlib.crc32(rel) % 2 == 0


def negative_units(folder, limit, seed, unstated=False):
    lines = []
    for path in sorted(glob.glob(os.path.join(folder, "**", "*.md"), recursive=True)):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if unstated and (not half(folder, path) or
                         table.stated(path, text, os.path.basename(path))):
            continue
        # code blocks say nothing of anyone's outcome either, but they are
        # not what ivindex reads as statements; prose only
        inside = False
        prose = []
        for l in text.split("\n"):
            if l.strip().startswith("```"):
                inside = not inside
            elif not inside:
                prose.append(l)
        lines += units("\n".join(prose))
    random.Random(seed).shuffle(lines)
    return lines[:limit]


def c_string(s):
    out = []
    for b in s.encode("utf-8"):
        if b in (0x22, 0x3F, 0x5C):  # " ? (no trigraphs) \
            out.append("\\" + chr(b))
        elif 0x20 <= b < 0x7F:
            out.append(chr(b))
        else:
            out.append("\\%03o" % b)
    return '"' + "".join(out) + '"'


def options(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--checks", default=os.path.join(
                        ROOT, "indexer", "records", "verdict_model_checks.inc"),
                    help="where to write the check units (default: beside the model)")
    ap.add_argument("--negatives", required=True,
                    help="a folder of Markdown notes that state no outcome")
    ap.add_argument("--negative-lines", type=int, default=1000000)
    ap.add_argument("--unstated", required=True,
                    help="a folder of 面经 write-ups: those of the training half"
                         " that state no outcome are negatives too")
    ap.add_argument("--unstated-lines", type=int, default=20000)
    ap.add_argument("--fixtures", default=os.path.join(ROOT, "tests", "fixtures"))
    ap.add_argument("--exclude", action="append", default=[],
                    help="a fixture file to leave out (to measure on it)")
    ap.add_argument("--c", type=float, default=10.0)
    ap.add_argument("--min-df", type=int, default=2,
                    help="n-grams in fewer training texts are not features")
    ap.add_argument("--keep", type=float, default=0.5,
                    help="leave out n-grams whose weight x idf is below this")
    ap.add_argument("--seed", type=int, default=1)
    return ap.parse_args(argv)


def train(a):
    """The model: (intercepts, [(n-gram, weights x idf)], a comment)."""
    texts, labels = [], []
    n_phrasings = 0
    files = sorted(glob.glob(os.path.join(a.fixtures, "verdict-*.tsv")))
    files = [p for p in files if os.path.basename(p) not in
             {os.path.basename(x) for x in a.exclude}]
    for p in files:
        for v, t in phrasings(p):
            n_phrasings += 1
            # A trap of several lines states nothing in any of them, nor
            # in any two together: each is a trap as model.c reads it.
            for u in units(t) if v == "unknown" and "\n" in t else [t]:
                texts.append(u)
                labels.append(v)
    n_fixture = len(texts)
    bare = bare_labels(list(zip(labels, texts)))
    texts += bare
    labels += ["unknown"] * len(bare)
    n_labelled = len(texts)
    neg = negative_units(a.negatives, a.negative_lines, a.seed)
    neg += negative_units(a.unstated, a.unstated_lines, a.seed + 1, unstated=True)
    texts += neg
    labels += ["unknown"] * len(neg)

    X, vocab, idf = features(texts, a.min_df)
    y = np.array([CLASSES.index(v) for v in labels])
    # The phrasings and bare labels weigh as four balanced classes, the
    # lines of notes together as one more class of unknown.
    count = np.bincount(y[:n_labelled], minlength=4)
    weight = [n_labelled / (4.0 * count[k]) for k in y[:n_labelled]]
    weight += [n_labelled / 4.0 / len(neg)] * len(neg)
    lr = LogisticRegression(C=a.c, max_iter=5000)
    lr.fit(X, y, sample_weight=np.array(weight))
    assert list(lr.classes_) == [0, 1, 2, 3]
    # model.c reads a note a line (or a label and its line) at a time: a
    # phrasing of several lines that states an outcome does so in one of
    # them. Once fitted, the unit that states it best is added as a
    # phrasing of its own, and the model fitted again.
    extra_texts, extra_labels, extra_weight = [], [], []
    for t, v, wt in zip(texts[:n_fixture], labels[:n_fixture], weight):
        us = units(t)
        if v == "unknown" or len(us) < 2:
            continue
        Xu, _, _ = features_with(us, vocab, idf)
        k = CLASSES.index(v)
        best = int(np.argmax(lr.predict_proba(Xu)[:, k]))
        extra_texts.append(us[best])
        extra_labels.append(v)
        extra_weight.append(wt)
    if extra_texts:
        Xe, _, _ = features_with(extra_texts, vocab, idf)
        X = sparse.vstack([X, Xe]).tocsr()
        y = np.concatenate([y, [CLASSES.index(v) for v in extra_labels]])
        weight = list(weight) + extra_weight
        lr = LogisticRegression(C=a.c, max_iter=5000)
        lr.fit(X, y, sample_weight=np.array(weight))
    # What model.c multiplies: the weight times the idf, for the n-grams
    # that move a score by --keep or more.
    scaled = lr.coef_ * idf[np.newaxis, :]
    kept = sorted(((g, j) for g, j in vocab.items()
                   if np.abs(scaled[:, j]).max() >= a.keep),
                  key=lambda x: x[0].encode("utf-8"))
    pruned = np.zeros_like(scaled)
    for _, j in kept:
        pruned[:, j] = scaled[:, j]
    Xr = X.multiply(1.0 / idf[np.newaxis, :]).tocsr()  # tf / norm
    pred = np.argmax(Xr @ pruned.T + lr.intercept_, axis=1)
    train_acc = (pred == y).mean()
    about = (
        " * Trained on %d phrasings of %d fixture files and %d lines that\n"
        " * state nothing (bare labels, %s, the unstated half of %s);\n"
        " * C=%g, %d n-grams (|weight x idf| >= %g of those in %d texts or\n"
        " * more); training accuracy %.4f. */\n"
        % (n_phrasings, len(files), len(bare) + len(neg),
           os.path.basename(os.path.normpath(a.negatives)),
           os.path.basename(os.path.normpath(a.unstated)), a.c, len(kept),
           a.keep, a.min_df, train_acc))
    return lr.intercept_, [(g, scaled[:, j]) for g, j in kept], about


# Units whose probabilities the generated file carries, so that
# tests/check_fields.c shows model.c computing what this file computes:
# full-width and traditional forms, spaces of every kind, line breaks,
# upper-case Latin, a control character.
CHECKS = (
    "面试结果：ＰＡＳＳ\u3000\t通过  ",
    "總結：面試通過，建議錄用",
    "  Offer\r\n已OC  ",
    "面评：\n\n基础一般，\u00a0暂不推荐",
    "HR 说等通知\x00吧",
    "二面挂了 😭",
    "面评：不过整体还行",
    "一面：不过。",
    "1. 讲讲 Kafka 如何保证消息不丢失",
    "A",
)


def probabilities(intercept, table, unit):
    """What model.c computes for UNIT: every n-gram counts in the length,
    only the table's move the scores."""
    c = Counter(ngrams(unit))
    tf = {g: 1 + math.log(k) for g, k in c.items()}
    norm = math.sqrt(sum(v * v for v in tf.values())) or 1.0
    s = np.array(intercept, dtype=float)
    for g, v in tf.items():
        w = table.get(g)
        if w is not None:
            s = s + np.asarray(w, dtype=float) * v / norm
    e = np.exp(s - s.max())
    return e / e.sum()


def main():
    a = options()
    intercept, grams, about = train(a)
    w = sys.stdout.write
    w("/* Generated by data/verdict_model.py: do not edit. The statement\n"
      " * model of model.c: character 1-%d-grams (UTF-8, sorted by bytes),\n"
      " * their weight times idf for each verdict (unknown, pass, fail,\n"
      " * pending), and the intercepts.\n" % MAX_N)
    w(about)
    w("static const double model_intercept[4] = {%s};\n" %
      ", ".join("%.9g" % x for x in intercept))
    w("static const struct model_gram {\n    const char *gram;\n"
      "    float weight[4];\n} model_grams[] = {\n")
    for g, weights in grams:
        w("    {%s, {%s}},\n" % (c_string(g), ", ".join("%.9gf" % x for x in weights)))
    w("};\n")
    # The checks go to a file of their own: tests/check_fields.c includes
    # them without a second copy of the table.
    out = open(a.checks, "w", encoding="utf-8")
    w = out.write
    w("/* Generated by data/verdict_model.py with verdict_model.inc: do not\n"
      " * edit. Units and the probabilities the trainer computed for them. */\n")
    weights = {g: np.float32(x) for g, x in grams}
    checks = list(CHECKS)
    for p in sorted(glob.glob(os.path.join(a.fixtures, "verdict-natural*.tsv")))[:4]:
        checks += [t for _, t in phrasings(p)[::16]]
    w("static const struct model_check {\n    const char *unit;\n"
      "    size_t len;\n    double p[4];\n} model_checks[] = {\n")
    for u in checks:
        w("    {%s, %d, {%s}},\n" % (c_string(u), len(u.encode("utf-8")), ", ".join(
            "%.9g" % x for x in probabilities(intercept, weights, u))))
    w("};\n")
    out.close()


if __name__ == "__main__":
    main()
