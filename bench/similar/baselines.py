"""The two baselines of bench/similar, over exactly the judged documents."""
import math
import re
import unicodedata
from collections import Counter

import xapian

_RUN = re.compile(r"\w+")


class BigramTfidf:
    """TF-IDF cosine over character bigrams: the text NFKC-folded and
    lower-cased, bigrams of each run of word characters (CJK and Latin
    alike), sublinear tf (1 + ln tf), idf ln(N / df), L2-normalised."""

    name = "tfidf-bigram"

    def __init__(self, docs):
        grams = {}
        df = Counter()
        for doc_id, text in docs:
            t = unicodedata.normalize("NFKC", text).lower()
            c = Counter()
            for run in _RUN.findall(t):
                for i in range(len(run) - 1):
                    c[run[i:i + 2]] += 1
            grams[doc_id] = c
            df.update(c.keys())
        n = len(docs)
        self.vec = {}
        for doc_id, c in grams.items():
            v = {g: (1 + math.log(k)) * math.log(n / df[g]) for g, k in c.items()}
            norm = math.sqrt(sum(x * x for x in v.values())) or 1
            self.vec[doc_id] = {g: x / norm for g, x in v.items() if x}

    def similar(self, doc, limit):
        q = self.vec[doc]
        scores = []
        for d, v in self.vec.items():
            if d == doc:
                continue
            small, big = (q, v) if len(q) < len(v) else (v, q)
            scores.append((sum(x * big.get(g, 0) for g, x in small.items()), d))
        scores.sort(reverse=True)
        return [d for _, d in scores[:limit]]


class XapianMoreLikeThis:
    """Xapian's one-document relevance set: TermGenerator with CJK n-grams
    and the English stemmer, the document's 40 best expand terms (ESet)
    ORed, BM25, the document itself left out."""

    name = "xapian-eset"

    def __init__(self, docs, dbdir):
        db = xapian.WritableDatabase(dbdir, xapian.DB_CREATE_OR_OVERWRITE)
        tg = xapian.TermGenerator()
        tg.set_stemmer(xapian.Stem("english"))
        tg.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
        self.docid = {}
        for doc_id, text in docs:
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(text)
            doc.set_data(doc_id)
            self.docid[doc_id] = db.add_document(doc)
        db.commit()
        db.close()
        self.db = xapian.Database(dbdir)

    def similar(self, doc, limit):
        enq = xapian.Enquire(self.db)
        rset = xapian.RSet()
        rset.add_document(self.docid[doc])
        eset = enq.get_eset(40, rset)
        q = xapian.Query(xapian.Query.OP_OR, [e.term for e in eset])
        enq.set_query(q)
        out = []
        for m in enq.get_mset(0, limit + 1):
            d = m.document.get_data().decode("utf-8")
            if d != doc:
                out.append(d)
        return out[:limit]
