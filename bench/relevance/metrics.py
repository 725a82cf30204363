"""Scoring: nDCG@10 (exponential gain), recall@10 (grade >= 1) and MRR
(reciprocal rank of the first document with grade >= 2 in the returned list,
0 when there is none).  Unjudged documents count as grade 0."""
import math

K = 10
MRR_MIN_GRADE = 2


def dcg(grades):
    return sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(grades))


def ndcg_at(ranking, qrels, k=K):
    ideal = dcg(sorted(qrels.values(), reverse=True)[:k])
    if ideal == 0:
        return 0.0
    return dcg([qrels.get(d, 0) for d in ranking[:k]]) / ideal


def recall_at(ranking, qrels, k=K):
    rel = {d for d, g in qrels.items() if g >= 1}
    if not rel:
        return 0.0
    return len(rel.intersection(ranking[:k])) / len(rel)


def reciprocal_rank(ranking, qrels, min_grade=MRR_MIN_GRADE):
    for i, d in enumerate(ranking):
        if qrels.get(d, 0) >= min_grade:
            return 1.0 / (i + 1)
    return 0.0


def score(ranking, qrels):
    return {
        "ndcg": ndcg_at(ranking, qrels),
        "recall": recall_at(ranking, qrels),
        "mrr": reciprocal_rank(ranking, qrels),
    }
