#!/usr/bin/env python3
"""Span-based word segmentation scoring (SIGHAN style).

usage: score.py GOLD PREDICTED TRAINING_WORDS
Both files hold words separated by whitespace. Words are compared as
character spans over the whole file with all whitespace removed, so line
misalignments (the MSR opening quotes) do not matter. Prints one line:
P R F1 OOV-recall. bench/segment imports score().
"""
import sys


def spans(path):
    text = open(path, encoding="utf-8", newline="").read()
    out, chars, pos = [], [], 0
    for word in text.split():
        out.append((pos, pos + len(word)))
        chars.append(word)
        pos += len(word)
    return out, "".join(chars)


def score(gold_path, pred_path, words_path):
    """Returns (P, R, F1, OOV recall); raises ValueError when the predicted
    words do not spell the gold text."""
    gold, gold_text = spans(gold_path)
    pred, pred_text = spans(pred_path)
    if gold_text != pred_text:
        n = next((i for i, (a, b) in enumerate(zip(gold_text, pred_text))
                  if a != b), min(len(gold_text), len(pred_text)))
        raise ValueError("%s: text differs from gold at character %d: "
                         "%r vs %r" % (pred_path, n, gold_text[n:n + 20],
                                       pred_text[n:n + 20]))
    training = set(w.strip() for w in
                   open(words_path, encoding="utf-8", newline=""))
    pred_set = set(pred)
    correct = sum(1 for s in gold if s in pred_set)
    oov = [s for s in gold if gold_text[s[0]:s[1]] not in training]
    oov_correct = sum(1 for s in oov if s in pred_set)
    p = correct / len(pred) if pred else 0.0
    r = correct / len(gold) if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    oov_r = oov_correct / len(oov) if oov else 0.0
    return p, r, f, oov_r


def main():
    try:
        print("%.3f %.3f %.3f %.3f" % score(*sys.argv[1:4]))
    except ValueError as e:
        sys.exit("score.py: %s" % e)


if __name__ == "__main__":
    main()
