"""Document set for the relevance benchmark.

Document ids:
  <set>/<path>.md            every .md file under CORPUS/interview-go,
                             CORPUS/aceld-golang, CORPUS/javaguide and
                             CORPUS/mianjing (path relative to CORPUS)
  examples/interviews.txt#N  the N-th interview (1-based) of the sample
                             archive; interviews start at lines beginning
                             with 面试内容
"""
import os

CORPUS_SETS = ("interview-go", "aceld-golang", "javaguide", "mianjing")
SAMPLE_ID = "examples/interviews.txt"


def split_sample(text):
    """Split the sample archive into interviews (list of str)."""
    parts, cur = [], None
    for line in text.splitlines(keepends=True):
        if line.startswith("面试内容"):
            if cur is not None:
                parts.append("".join(cur))
            cur = [line]
        elif cur is not None:
            cur.append(line)
    if cur is not None:
        parts.append("".join(cur))
    return parts


def corpus_files(corpus_dir):
    """Yield (doc_id, absolute path) for every judged corpus .md file."""
    for s in CORPUS_SETS:
        root = os.path.join(corpus_dir, s)
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            for fn in sorted(filenames):
                if fn.endswith(".md"):
                    p = os.path.join(dirpath, fn)
                    yield os.path.relpath(p, corpus_dir), p


def load_documents(corpus_dir, sample_path):
    """Return a list of (doc_id, text) for every judged document."""
    docs = []
    for doc_id, p in corpus_files(corpus_dir):
        with open(p, "rb") as f:
            docs.append((doc_id, f.read().decode("utf-8", "replace")))
    with open(sample_path, "rb") as f:
        sample = f.read().decode("utf-8", "replace")
    for i, part in enumerate(split_sample(sample), 1):
        docs.append(("%s#%d" % (SAMPLE_ID, i), part))
    return docs
