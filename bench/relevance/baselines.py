"""The two baseline systems of the relevance benchmark.

Both index exactly the judged documents (one Xapian/SQLite document per
corpus file and per sample interview) and return a ranked list of document
ids.  They are run with default settings, the way a user would.
"""
import os
import sqlite3

import xapian


class XapianNgram:
    """Xapian TermGenerator + QueryParser with FLAG_CJK_NGRAM, BM25."""

    name = "xapian-ngram"

    def __init__(self, docs, dbdir):
        db = xapian.WritableDatabase(dbdir, xapian.DB_CREATE_OR_OVERWRITE)
        tg = xapian.TermGenerator()
        tg.set_stemmer(xapian.Stem("english"))
        tg.set_flags(xapian.TermGenerator.FLAG_CJK_NGRAM)
        for doc_id, text in docs:
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(text)
            doc.set_data(doc_id)
            db.add_document(doc)
        db.commit()
        db.close()
        self.db = xapian.Database(dbdir)
        qp = xapian.QueryParser()
        qp.set_stemmer(xapian.Stem("english"))
        qp.set_database(self.db)
        qp.set_default_op(xapian.Query.OP_AND)
        self.qp = qp
        self.flags = xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_CJK_NGRAM

    def search(self, query, limit):
        """Return (list of doc ids, error message or None)."""
        try:
            q = self.qp.parse_query(query, self.flags)
        except xapian.QueryParserError as e:
            return [], "QueryParserError: %s" % e
        enq = xapian.Enquire(self.db)   # default weighting scheme: BM25
        enq.set_query(q)
        return [m.document.get_data().decode("utf-8")
                for m in enq.get_mset(0, limit)], None


class Fts5Trigram:
    """SQLite FTS5 with tokenize='trigram'; words ANDed as quoted strings,
    ranked by bm25().  Words shorter than three characters cannot match a
    trigram index: SQLite returns no rows for them, and that is what is
    counted."""

    name = "fts5-trigram"

    def __init__(self, docs, dbfile):
        if os.path.exists(dbfile):
            os.unlink(dbfile)
        self.con = sqlite3.connect(dbfile)
        self.con.execute("CREATE VIRTUAL TABLE d USING fts5("
                         "id UNINDEXED, body, tokenize='trigram')")
        self.con.executemany("INSERT INTO d(id, body) VALUES (?, ?)", docs)
        self.con.commit()

    @staticmethod
    def match_expr(query):
        return " AND ".join('"%s"' % w.replace('"', '""') for w in query.split())

    def search(self, query, limit):
        expr = self.match_expr(query)
        try:
            rows = self.con.execute(
                "SELECT id FROM d WHERE d MATCH ? ORDER BY bm25(d) LIMIT ?",
                (expr, limit)).fetchall()
        except sqlite3.Error as e:
            return [], "sqlite: %s" % e
        return [r[0] for r in rows], None

    @staticmethod
    def short_words(query):
        """Words of fewer than three characters (cannot match trigrams)."""
        return [w for w in query.split() if len(w) < 3]
