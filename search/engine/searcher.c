/* The searcher: the database, the analyzer and the tables a search needs,
 * opened once; the records of hits; --show, --topics and --stats. */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "ivs/safetext.h"
#include "ivs/schema.h"
#include "ivs/snippet.h"
#include "searcher_private.h"

#define SNIPPET_WIDTH 110

/* ---- errors ------------------------------------------------------------ */

ivs_status_t
ivs_searcher_fail(ivs_searcher_t *s, ivs_status_t status, const char *fmt, ...)
{
    char *msg = NULL;
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    free(s->error);
    s->error = msg;
    s->error_lost = !msg;
    return status;
}

ivs_status_t
ivs_searcher_read_failed(ivs_searcher_t *s, ivs_status_t status)
{
    return ivs_searcher_fail(s, status, "%s: search failed: %s (%s)", s->path,
                             ivs_status_str(status),
                             ivs_reader_error(s->reader));
}

const char *
ivs_searcher_error(const ivs_searcher_t *s)
{
    if (s->error)
        return s->error;
    return s->error_lost ? "out of memory" : "";
}

const char *
ivs_searcher_path(const ivs_searcher_t *s)
{
    return s->path;
}

size_t
ivs_searcher_degraded(ivs_searcher_t *s, const char *const **names,
                      size_t *n_shards)
{
    if (n_shards)
        *n_shards = ivs_reader_shard_count(s->reader);
    return ivs_reader_down(s->reader, names);
}

int
ivs_searcher_revision(ivs_searcher_t *s, char *out, size_t size)
{
    return ivs_reader_revision(s->reader, out, size);
}

ivs_status_t
ivs_searcher_keep_alive(ivs_searcher_t *s)
{
    ivs_status_t st = ivs_reader_keep_alive(s->reader);
    return st == IVS_OK ? IVS_OK : ivs_searcher_read_failed(s, st);
}

/* ---- opening ------------------------------------------------------------- */

/* *ERR = the message (printf FMT); returns STATUS. */
static ivs_status_t __attribute__((format(printf, 3, 4)))
open_failed(char **err, ivs_status_t status, const char *fmt, ...)
{
    if (!err)
        return status;
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(err, fmt, ap) < 0)
        *err = NULL;
    va_end(ap);
    return status;
}

/* The database (or, when SHARD < the shard count, that shard) with schema
 * SCHEMA must have been analysed as queries are. */
static ivs_status_t
check_one(ivs_searcher_t *s, const char *schema, size_t shard, char **err)
{
    int sharded = shard < ivs_reader_shard_count(s->reader);
    char *analyzer =
        sharded ? ivs_reader_shard_metadata(s->reader, shard, IVS_META_ANALYZER)
                : ivs_reader_metadata(s->reader, IVS_META_ANALYZER);
    char *mismatch = NULL;
    ivs_status_t st = ivs_schema_check(
        schema, analyzer, ivs_analyzer_signature(s->analyzer), &mismatch);
    const char *why = mismatch ? mismatch
                               : "database was built by another version: "
                                 "run 'ivindex --reindex'";
    if (st != IVS_OK && sharded)
        open_failed(err, st, "%s: shard %s: %s", s->path,
                    ivs_reader_shard_name(s->reader, shard), why);
    else if (st != IVS_OK)
        open_failed(err, st, "%s: %s", s->path, why);
    free(mismatch);
    free(analyzer);
    return st;
}

/* The database, every shard of it, must have been analysed as queries
 * are. */
static ivs_status_t
check_schema(ivs_searcher_t *s, char **err)
{
    char *schema = ivs_reader_metadata(s->reader, IVS_META_SCHEMA);
    struct stat sb;
    if (!schema && stat(s->path, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
        /* Xapian reads an empty file as a stub database of no databases;
         * one that ivindex wrote has a schema */
        return open_failed(err, IVS_ERR_NODB, "no database at %s", s->path);
    }
    /* the analyzer is opened once: a refresh after a commit checks the new
     * revision against the same one (opening another each time leaked
     * it, dictionary and all, at every commit a server saw) */
    char *aerr = NULL;
    ivs_status_t st = IVS_OK;
    if (!s->analyzer) {
        char *user_dict = ivs_user_dict_file();
        st = ivs_analyzer_open(NULL, user_dict, &s->analyzer, &aerr);
        free(user_dict);
    }
    if (st != IVS_OK) {
        open_failed(err, st, "%s", aerr ? aerr : ivs_status_str(st));
        free(aerr);
        free(schema);
        return st;
    }
    size_t n = ivs_reader_shard_count(s->reader);
    if (n == 0) {
        st = check_one(s, schema, SIZE_MAX, err);
        free(schema);
        return st;
    }
    free(schema);
    for (size_t i = 0; i < n && st == IVS_OK; i++) {
        if (!ivs_reader_shard_up(s->reader, i))
            continue; /* named in every answer */
        schema = ivs_reader_shard_metadata(s->reader, i, IVS_META_SCHEMA);
        st = check_one(s, schema, i, err);
        free(schema);
    }
    return st;
}

static ivs_status_t
load_synonyms(ivs_searcher_t *s, char **err)
{
    char *sp = ivs_data_file("synonyms.txt");
    ivs_status_t st = ivs_synonyms_load(s->analyzer, sp, &s->synonyms);
    if (st != IVS_OK)
        open_failed(err, st, "%s: cannot read the synonym table",
                    sp ? sp : "synonyms.txt");
    free(sp);
    return st;
}

ivs_status_t
ivs_searcher_open(const char *path, unsigned preload, ivs_searcher_t **out,
                  char **err)
{
    *out = NULL;
    if (err)
        *err = NULL;
    ivs_searcher_t *s = calloc(1, sizeof *s);
    if (!s || !(s->path = strdup(path))) {
        free(s);
        return open_failed(err, IVS_ERR_NOMEM, "out of memory");
    }
    char *rerr = NULL;
    ivs_status_t st = ivs_reader_open(path, &s->reader, &rerr);
    if (st == IVS_ERR_NODB)
        open_failed(err, st, "no database at %s", path);
    else if (st != IVS_OK)
        open_failed(err, st, "%s: cannot open database: %s%s%s", path,
                    ivs_status_str(st), rerr ? ": " : "", rerr ? rerr : "");
    free(rerr);
    if (st == IVS_OK)
        st = check_schema(s, err);
    if (st == IVS_OK && (preload & IVS_SEARCHER_SYNONYMS))
        st = load_synonyms(s, err);
    if (st == IVS_OK && (preload & IVS_SEARCHER_STOPWORDS))
        ivs_searcher_load_stopwords(s);
    if (st != IVS_OK) {
        ivs_searcher_close(s);
        return st;
    }
    *out = s;
    return IVS_OK;
}

ivs_status_t
ivs_searcher_refresh(ivs_searcher_t *s)
{
    int changed = 0;
    ivs_status_t st = ivs_reader_refresh(s->reader, &changed);
    if (st == IVS_ERR_NODB)
        return ivs_searcher_fail(s, st, "no database at %s", s->path);
    if (st != IVS_OK)
        return ivs_searcher_read_failed(s, st);
    if (!changed)
        return IVS_OK;
    char *why = NULL;
    st = check_schema(s, &why);
    if (st != IVS_OK) {
        ivs_searcher_fail(s, st, "%s", why ? why : ivs_status_str(st));
        free(why);
    }
    return st;
}

static int push(char ***v, size_t *n, char *s);

/* Appends a copy of folder term TERM to F; -1 when out of memory. */
static int
scope_push(filters_t *f, const char *term)
{
    char *copy = strdup(term);
    if (!copy || push(&f->terms, &f->n, copy) != 0) {
        free(copy);
        return -1;
    }
    return 0;
}

ivs_status_t
ivs_searcher_set_scope(ivs_searcher_t *s, const char *const *folders, size_t n)
{
    filters_t old = {s->scope, s->n_scope}, next = {0};
    s->scope = NULL;
    s->n_scope = 0;
    ivs_filters_clear(&old);
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(folders[i]);
        while (len > 1 && folders[i][len - 1] == '/')
            len--;
        if (folders[i][0] != '/') {
            ivs_filters_clear(&next);
            return ivs_searcher_fail(s, IVS_ERR_INPUT,
                                     "scope '%s' is not an absolute folder",
                                     folders[i]);
        }
        char term[IVS_FOLDER_TERM_SIZE];
        if (len == 1) { /* "/": everything */
            ivs_filters_clear(&next);
            return IVS_OK;
        }
        ivs_folder_term(folders[i], len, term);
        if (scope_push(&next, term) != 0) {
            ivs_filters_clear(&next);
            return ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
        }
    }
    s->scope = next.terms;
    s->n_scope = next.n;
    return IVS_OK;
}

void
ivs_searcher_close(ivs_searcher_t *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n_stopwords; i++)
        free(s->stopwords[i]);
    free(s->stopwords);
    ivs_synonyms_free(s->synonyms);
    ivs_topics_free(s->taxonomy);
    ivs_pinyin_free(s->pinyin);
    ivs_analyzer_close(s->analyzer);
    ivs_reader_close(s->reader);
    filters_t scope = {s->scope, s->n_scope};
    ivs_filters_clear(&scope);
    free(s->path);
    free(s->error);
    free(s);
}

/* ---- tables loaded on first use ------------------------------------------- */

ivs_status_t
ivs_searcher_need_synonyms(ivs_searcher_t *s)
{
    if (s->synonyms)
        return IVS_OK;
    char *msg = NULL;
    ivs_status_t st = load_synonyms(s, &msg);
    if (st != IVS_OK)
        ivs_searcher_fail(s, st, "%s", msg ? msg : ivs_status_str(st));
    free(msg);
    return st;
}

/* Appends S to *V; -1 when out of memory (*V is kept). */
static int
push(char ***v, size_t *n, char *s)
{
    char **nv = realloc(*v, (*n + 1) * sizeof **v);
    if (!nv)
        return -1;
    *v = nv;
    (*v)[(*n)++] = s;
    return 0;
}

void
ivs_searcher_load_stopwords(ivs_searcher_t *s)
{
    if (s->stopwords_loaded)
        return;
    s->stopwords_loaded = 1;
    char *path = ivs_data_file("stopwords.txt");
    if (!path)
        return;
    FILE *f = fopen(path, "r");
    free(path);
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r' ||
                         line[n - 1] == ' '))
            n--;
        if (n == 0 || line[0] == '#')
            continue;
        char *norm = ivs_normalize(s->analyzer, line, (size_t)n);
        if (norm && push(&s->stopwords, &s->n_stopwords, norm) != 0)
            free(norm);
    }
    free(line);
    fclose(f);
}

int
ivs_searcher_is_stopword(void *ctx, const char *term, size_t len)
{
    ivs_searcher_t *s = ctx;
    for (size_t i = 0; i < s->n_stopwords; i++)
        if (strlen(s->stopwords[i]) == len &&
            !memcmp(s->stopwords[i], term, len))
            return 1;
    return 0;
}

/* The topic taxonomy, loaded on first use (topic filters, --topics): a
 * plain query does without its millisecond. NULL after a failure
 * (recorded). */
static const ivs_topics_t *
taxonomy(ivs_searcher_t *s)
{
    if (s->taxonomy)
        return s->taxonomy;
    char *tp = ivs_data_file("topics.txt");
    size_t bad = 0;
    if (!tp || ivs_topics_load(tp, &s->taxonomy, &bad) != IVS_OK) {
        ivs_searcher_fail(s, IVS_ERR_IO,
                          "topic taxonomy topics.txt not found or unreadable: "
                          "set IVSEARCH_DATA_DIR");
        s->taxonomy = NULL;
    }
    free(tp);
    return s->taxonomy;
}

const ivs_topics_t *
ivs_searcher_taxonomy(ivs_searcher_t *s)
{
    return taxonomy(s);
}

const char *
ivs_searcher_topic_name(ivs_searcher_t *s, const char *id, int english)
{
    const ivs_topics_t *t = taxonomy(s);
    for (size_t i = 0; t && id && i < ivs_topics_count(t); i++)
        if (strcmp(ivs_topics_id(t, i), id) == 0)
            return english ? ivs_topics_name_en(t, i)
                           : ivs_topics_name_zh(t, i);
    return NULL;
}

const char *
ivs_searcher_resolve_topic(void *ctx, const char *name)
{
    const ivs_topics_t *t = taxonomy(ctx);
    return t ? ivs_topics_resolve(t, name) : NULL;
}

/* ---- filters ------------------------------------------------------------ */

void
ivs_filters_clear(filters_t *f)
{
    for (size_t i = 0; i < f->n; i++)
        free(f->terms[i]);
    free(f->terms);
    f->terms = NULL;
    f->n = 0;
}

/* Appends PREFIX VALUE to F; IVS_ERR_NOMEM (recorded) or IVS_OK. */
static ivs_status_t
add_term(ivs_searcher_t *s, filters_t *f, const char *prefix, const char *value)
{
    char *term;
    if (asprintf(&term, "%s%s", prefix, value) < 0)
        term = NULL;
    if (!term || push(&f->terms, &f->n, term) != 0) {
        free(term);
        return ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    }
    return IVS_OK;
}

/* "unknown topic 'X'; known topics: id (名), ...": each name as it would
 * be shown on a terminal. */
static ivs_status_t
unknown_topic(ivs_searcher_t *s, const ivs_topics_t *t, const char *topic)
{
    char *known = NULL;
    size_t kl = 0;
    FILE *m = open_memstream(&known, &kl);
    for (size_t i = 0; m && i < ivs_topics_count(t); i++) {
        const char *id = ivs_topics_id(t, i), *zh = ivs_topics_name_zh(t, i);
        char *sid = id ? ivs_safe_text(id, strlen(id), IVS_SAFE_LINE) : NULL;
        char *szh = zh ? ivs_safe_text(zh, strlen(zh), IVS_SAFE_LINE) : NULL;
        fprintf(m, "%s%s (%s)", i ? ", " : "", id ? (sid ? sid : "?") : "",
                zh ? (szh ? szh : "?") : "");
        free(sid);
        free(szh);
    }
    if (m)
        fclose(m);
    ivs_searcher_fail(s, IVS_ERR_QUERY, "unknown topic '%s'; known topics: %s",
                      topic, known ? known : "see --topics");
    free(known);
    return IVS_ERR_QUERY;
}

ivs_status_t
ivs_searcher_add_filters(ivs_searcher_t *s, filters_t *f,
                         const char *const *verdicts, size_t nv,
                         const char *const *topics, size_t nt)
{
    for (size_t i = 0; i < nv; i++) {
        int v = ivs_verdict_parse(verdicts[i]);
        if (v < 0)
            return ivs_searcher_fail(
                s, IVS_ERR_QUERY,
                "unknown verdict '%s': use pass, fail, pending or unknown "
                "(通过, 不通过, 待定, 未知)",
                verdicts[i]);
        ivs_status_t st = add_term(s, f, IVS_PREFIX_VERDICT,
                                   ivs_verdict_name((ivs_verdict_t)v));
        if (st != IVS_OK)
            return st;
    }
    for (size_t i = 0; i < nt; i++) {
        const ivs_topics_t *t = taxonomy(s);
        if (!t)
            return IVS_ERR_IO;
        const char *id = ivs_topics_resolve(t, topics[i]);
        if (!id)
            return unknown_topic(s, t, topics[i]);
        ivs_status_t st = add_term(s, f, IVS_PREFIX_TOPIC, id);
        if (st != IVS_OK)
            return st;
    }
    for (size_t i = 0; i < s->n_scope; i++) {
        size_t k = 0;
        while (k < f->n && strcmp(f->terms[k], s->scope[i]) != 0)
            k++;
        if (k == f->n && scope_push(f, s->scope[i]) != 0)
            return ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    }
    return IVS_OK;
}

/* The date terms (IVS_PREFIX_DATE) of the database within [SINCE, UNTIL],
 * into F (ORed by the reader, one prefix). */
typedef struct {
    ivs_searcher_t *s;
    filters_t *f;
    const char *since, *until;
    size_t added;
    int failed;
} date_walk_t;

static int
add_date_term(void *ctx, const char *term, size_t len, uint32_t freq)
{
    date_walk_t *w = ctx;
    (void)freq;
    size_t pl = strlen(IVS_PREFIX_DATE);
    if (len != pl + 10)
        return 0;
    const char *date = term + pl;
    if ((w->since && strncmp(date, w->since, 10) < 0) ||
        (w->until && strncmp(date, w->until, 10) > 0))
        return 0;
    char value[11];
    memcpy(value, date, 10);
    value[10] = '\0';
    if (add_term(w->s, w->f, IVS_PREFIX_DATE, value) != IVS_OK) {
        w->failed = 1;
        return 1;
    }
    w->added++;
    return 0;
}

/* Parses a --since/--until bound RAW into OUT; IVS_ERR_QUERY (recorded)
 * when it is no date. */
static ivs_status_t
date_bound(ivs_searcher_t *s, const char *raw, int until, char out[11])
{
    if (ivs_date_bound(raw, until, out))
        return IVS_OK;
    return ivs_searcher_fail(
        s, IVS_ERR_QUERY,
        "bad %s date '%s': use YYYY-MM-DD, YYYY-MM or YYYY (2024-07-12)",
        until ? "until" : "since", raw);
}

ivs_status_t
ivs_searcher_add_field_filters(ivs_searcher_t *s, filters_t *f,
                               const char *const *const *values,
                               const size_t *n_values, const char *since,
                               const char *until)
{
    static const char *const prefixes[IVS_FIELD_COUNT] = {
        IVS_PREFIX_CANDIDATE, IVS_PREFIX_ROLE, IVS_PREFIX_ROUND,
        IVS_PREFIX_INTERVIEWER};
    for (int k = 0; k < IVS_FIELD_COUNT; k++)
        for (size_t i = 0; i < n_values[k]; i++) {
            const char *v = values[k][i];
            const char *round =
                k == IVS_FIELD_ROUND ? ivs_round_parse(v, strlen(v)) : NULL;
            char *key =
                ivs_field_key(round ? round : v, strlen(round ? round : v));
            if (!key)
                return ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
            if (!key[0]) {
                free(key);
                return ivs_searcher_fail(s, IVS_ERR_QUERY,
                                         "empty %s: give a value, as in "
                                         "%s:VALUE",
                                         ivs_query_field_name(k),
                                         ivs_query_field_name(k));
            }
            ivs_status_t st = add_term(s, f, prefixes[k], key);
            free(key);
            if (st != IVS_OK)
                return st;
        }
    if (!since && !until)
        return IVS_OK;
    char from[11] = "", to[11] = "";
    if ((since && date_bound(s, since, 0, from) != IVS_OK) ||
        (until && date_bound(s, until, 1, to) != IVS_OK))
        return IVS_ERR_QUERY;
    date_walk_t w = {s, f, since ? from : NULL, until ? to : NULL, 0, 0};
    if (ivs_reader_each_term(s->reader, IVS_PREFIX_DATE, add_date_term, &w) <
            0 &&
        !w.failed)
        return ivs_searcher_read_failed(s, IVS_ERR_IO);
    if (w.failed)
        return IVS_ERR_NOMEM;
    /* No interview in the range: a term no interview has. */
    return w.added ? IVS_OK : add_term(s, f, IVS_PREFIX_DATE, "none");
}

/* ---- records and hits ------------------------------------------------------ */

/* A malloc'd copy of the string KEY of DOC, NULL when there is none (or,
 * with *NOMEM set, when out of memory). */
static char *
field(json_t *doc, const char *key, int *nomem)
{
    const char *v = json_string_value(json_object_get(doc, key));
    if (!v)
        return NULL;
    char *c = strdup(v);
    *nomem |= !c;
    return c;
}

/* Fills IV from the stored data of interview ID (see
 * ivs_docdata_decode()); 0, or -1 when out of memory. */
static int
decode_interview(ivs_interview_t *iv, uint32_t id, const char *data, size_t len)
{
    int nomem = 0;
    json_t *doc = ivs_docdata_decode(data, len);
    if (!doc)
        return -1;
    iv->id = id;
    iv->source = field(doc, "source", &nomem);
    iv->ordinal = json_integer_value(json_object_get(doc, "ordinal"));
    iv->title = field(doc, "title", &nomem);
    iv->verdict = field(doc, "verdict", &nomem);
    iv->date = field(doc, "date", &nomem);
    iv->candidate = field(doc, "candidate", &nomem);
    iv->role = field(doc, "role", &nomem);
    iv->round = field(doc, "round", &nomem);
    iv->interviewer = field(doc, "interviewer", &nomem);
    json_t *topics = json_object_get(doc, "topics");
    size_t nt = json_array_size(topics);
    iv->topics = nt ? calloc(nt, sizeof *iv->topics) : NULL;
    nomem |= nt && !iv->topics;
    for (size_t i = 0; iv->topics && i < nt; i++, iv->n_topics++) {
        const char *t = json_string_value(json_array_get(topics, i));
        nomem |= !(iv->topics[i] = strdup(t ? t : ""));
    }
    json_t *secs = json_object_get(doc, "sections");
    size_t ns = json_array_size(secs);
    iv->sections = ns ? calloc(ns, sizeof *iv->sections) : NULL;
    nomem |= ns && !iv->sections;
    for (size_t i = 0; iv->sections && i < ns; i++, iv->n_sections++) {
        json_t *sec = json_array_get(secs, i);
        ivs_search_section_t *o = &iv->sections[i];
        o->heading = field(sec, "heading", &nomem);
        o->topic = field(sec, "topic", &nomem);
        o->start = (size_t)json_integer_value(json_object_get(sec, "start"));
        o->end = (size_t)json_integer_value(json_object_get(sec, "end"));
    }
    json_t *text = json_object_get(doc, "text");
    if (json_string_value(text)) {
        iv->text_len = json_string_length(text);
        iv->text = malloc(iv->text_len + 1);
        nomem |= !iv->text;
        if (iv->text)
            memcpy(iv->text, json_string_value(text), iv->text_len + 1);
    }
    json_decref(doc);
    return nomem ? -1 : 0;
}

static void
free_strings(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Frees what IV holds, not IV. */
static void
clear_interview(ivs_interview_t *iv)
{
    free(iv->source);
    free(iv->title);
    free(iv->verdict);
    free(iv->date);
    free(iv->candidate);
    free(iv->role);
    free(iv->round);
    free(iv->interviewer);
    free_strings(iv->topics, iv->n_topics);
    for (size_t i = 0; i < iv->n_sections; i++) {
        free(iv->sections[i].heading);
        free(iv->sections[i].topic);
    }
    free(iv->sections);
    free(iv->text);
    memset(iv, 0, sizeof *iv);
}

void
ivs_interview_free(ivs_interview_t *iv)
{
    if (!iv)
        return;
    clear_interview(iv);
    free(iv);
}

int
ivs_strings_copy(char ***out, size_t *n_out, char *const *v, size_t n)
{
    *out = NULL;
    *n_out = 0;
    if (n == 0)
        return 0;
    char **c = calloc(n, sizeof *c);
    if (!c)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!(c[i] = strdup(v[i]))) {
            free_strings(c, i);
            return -1;
        }
    *out = c;
    *n_out = n;
    return 0;
}

/* The snippet of IV's text for Q. NULL when out of memory. */
static ivs_snippet_t *
snippet_for(ivs_searcher_t *s, const ivs_interview_t *iv, const ivs_query_t *q)
{
    ivs_snippet_section_t *sections =
        calloc(iv->n_sections + 1, sizeof *sections);
    for (size_t i = 0; sections && i < iv->n_sections; i++) {
        sections[i].heading = iv->sections[i].heading;
        sections[i].start = iv->sections[i].start;
        sections[i].end = iv->sections[i].end;
    }
    ivs_snippet_t *sn = NULL;
    ivs_snippet_build(s->analyzer, iv->text ? iv->text : "",
                      iv->text ? iv->text_len : 0, sections,
                      sections ? iv->n_sections : 0, q, SNIPPET_WIDTH, &sn);
    free(sections);
    return sn;
}

/* The snippet SN of OUT, and the words of Q it lacks when PARTIAL. */
static int
take_snippet(ivs_search_hit_t *out, ivs_snippet_t *sn, const ivs_query_t *q,
             int partial)
{
    out->snippet = strdup(sn && sn->text ? sn->text : "");
    if (!out->snippet)
        return -1;
    if (sn && sn->n_highlights) {
        out->highlights = malloc(sn->n_highlights * sizeof *out->highlights);
        if (!out->highlights)
            return -1;
        memcpy(out->highlights, sn->highlights,
               sn->n_highlights * sizeof *out->highlights);
        out->n_highlights = sn->n_highlights;
    }
    for (size_t i = 0; partial && q && sn && i < q->n_concepts; i++) {
        if (q->concepts[i].negated || sn->matched[i])
            continue;
        char *w = strdup(q->concepts[i].text);
        if (!w || push(&out->missing, &out->n_missing, w) != 0) {
            free(w);
            return -1;
        }
    }
    return 0;
}

ivs_status_t
ivs_searcher_hit(ivs_searcher_t *s, const ivs_hit_t *h, const ivs_query_t *q,
                 int partial, size_t rank, ivs_search_hit_t *out)
{
    memset(out, 0, sizeof *out);
    out->rank = rank;
    out->score = h->weight;
    out->partial = partial;
    int failed =
        decode_interview(&out->interview, h->id, h->data, h->data_len) != 0;
    ivs_snippet_t *sn = failed ? NULL : snippet_for(s, &out->interview, q);
    failed = failed || take_snippet(out, sn, q, partial) != 0 ||
             ivs_strings_copy(&out->matched, &out->n_matched, h->matched,
                              h->n_matched) != 0;
    ivs_snippet_free(sn);
    /* a hit carries its snippet, not the whole interview */
    free(out->interview.text);
    out->interview.text = NULL;
    out->interview.text_len = 0;
    for (size_t i = 0; i < out->interview.n_sections; i++) {
        free(out->interview.sections[i].heading);
        free(out->interview.sections[i].topic);
    }
    free(out->interview.sections);
    out->interview.sections = NULL;
    out->interview.n_sections = 0;
    return failed ? ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory")
                  : IVS_OK;
}

/* Copies N facets; -1 when out of memory. */
static int
copy_facets(ivs_facet_t **out, size_t *n_out, const ivs_facet_t *f, size_t n)
{
    *out = n ? calloc(n, sizeof **out) : NULL;
    *n_out = 0;
    if (n && !*out)
        return -1;
    for (; *n_out < n; (*n_out)++) {
        (*out)[*n_out].count = f[*n_out].count;
        if (!((*out)[*n_out].key = strdup(f[*n_out].key)))
            return -1;
    }
    return 0;
}

int
ivs_search_counts_copy(ivs_search_counts_t *out, const ivs_results_t *r)
{
    out->total = r->total;
    out->exact = r->exact;
    out->n_shards = r->n_shards;
    if (ivs_strings_copy(&out->degraded, &out->n_degraded, r->degraded,
                         r->n_degraded) != 0)
        return -1;
    if (copy_facets(&out->verdicts, &out->n_verdicts, r->verdicts,
                    r->n_verdicts) != 0)
        return -1;
    /* The facet value holds the round and role entries among the topics
     * (IVS_SLOT_FACETS): each goes to its own list, in the same order. */
    size_t n = r->n_topics;
    ivs_facet_t *lists[3];
    size_t *counts[3] = {&out->n_topics, &out->n_rounds, &out->n_roles};
    for (int k = 0; k < 3; k++)
        lists[k] = n ? calloc(n, sizeof *lists[k]) : NULL;
    out->topics = lists[0];
    out->rounds = lists[1];
    out->roles = lists[2];
    if (n && (!lists[0] || !lists[1] || !lists[2]))
        return -1;
    for (size_t i = 0; i < n; i++) {
        const char *key = r->topics[i].key;
        int k = 0;
        if (!strncmp(key, IVS_FACET_ROUND, strlen(IVS_FACET_ROUND))) {
            k = 1;
            key += strlen(IVS_FACET_ROUND);
        } else if (!strncmp(key, IVS_FACET_ROLE, strlen(IVS_FACET_ROLE))) {
            k = 2;
            key += strlen(IVS_FACET_ROLE);
        }
        ivs_facet_t *f = &lists[k][*counts[k]];
        if (!(f->key = strdup(key)))
            return -1;
        f->count = r->topics[i].count;
        (*counts[k])++;
    }
    return 0;
}

static void
clear_counts(ivs_search_counts_t *c)
{
    for (size_t i = 0; i < c->n_verdicts; i++)
        free(c->verdicts[i].key);
    for (size_t i = 0; i < c->n_topics; i++)
        free(c->topics[i].key);
    for (size_t i = 0; i < c->n_roles; i++)
        free(c->roles[i].key);
    for (size_t i = 0; i < c->n_rounds; i++)
        free(c->rounds[i].key);
    free(c->verdicts);
    free(c->topics);
    free(c->roles);
    free(c->rounds);
    free_strings(c->degraded, c->n_degraded);
}

ivs_search_results_t *
ivs_search_results_new(void)
{
    ivs_search_results_t *r = calloc(1, sizeof *r);
    if (r)
        r->partial.exact = 1;
    return r;
}

ivs_search_hit_t *
ivs_search_hits_grow(ivs_search_results_t *r, size_t n)
{
    ivs_search_hit_t *h = realloc(r->hits, (r->n_hits + n) * sizeof *h);
    if (!h)
        return NULL;
    r->hits = h;
    return h + r->n_hits;
}

static void
free_plan(ivs_search_plan_t *p)
{
    if (!p)
        return;
    ivs_query_free(p->query);
    free_strings(p->filters, p->n_filters);
    free(p->xapian);
    for (size_t i = 0; i < p->n_dropped; i++)
        free(p->dropped[i].description);
    free(p->dropped);
    free(p->proximity_query);
    free(p);
}

void
ivs_search_results_free(ivs_search_results_t *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n_hits; i++) {
        ivs_search_hit_t *h = &r->hits[i];
        clear_interview(&h->interview);
        free_strings(h->missing, h->n_missing);
        free(h->snippet);
        free(h->highlights);
        free_strings(h->matched, h->n_matched);
        free_strings(h->shared_topics, h->n_shared_topics);
        free(h->explanation);
    }
    free(r->hits);
    clear_counts(&r->full);
    clear_counts(&r->partial);
    for (size_t i = 0; i < r->n_suggestions; i++) {
        free(r->suggestions[i].word);
        free(r->suggestions[i].suggestion);
    }
    free(r->suggestions);
    free(r->corrected);
    free_plan(r->plan);
    free_strings(r->terms, r->n_terms);
    free(r);
}

/* ---- --show, --topics, --stats --------------------------------------------- */

/* The interviews in S's scope that have every term of EXTRA (N of them):
 * with COUNT, counted exactly with their verdict and topic facets, else
 * the first one only (a hit or none), into *OUT (free with
 * ivs_results_free()). IVS_OK or the failure (recorded). */
static ivs_status_t
count_in_scope(ivs_searcher_t *s, const char *const *extra, size_t n, int count,
               ivs_results_t **out)
{
    *out = NULL;
    filters_t f = {0};
    ivs_status_t st = IVS_OK;
    for (size_t i = 0; st == IVS_OK && i < n; i++)
        st = add_term(s, &f, "", extra[i]);
    if (st == IVS_OK)
        st = ivs_searcher_add_filters(s, &f, NULL, 0, NULL, 0);
    ivs_qnode_t *all = st == IVS_OK ? ivs_qnode_new(IVS_Q_ALL) : NULL;
    if (st == IVS_OK && !all)
        st = ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    if (st == IVS_OK) {
        ivs_search_t q = {.query = all,
                          .filters = (const char *const *)f.terms,
                          .n_filters = f.n,
                          .limit = count ? 0 : 1,
                          .facets = count,
                          .exact = count};
        st = ivs_reader_search(s->reader, &q, out);
        if (st != IVS_OK)
            ivs_searcher_read_failed(s, st);
    }
    ivs_qnode_free(all);
    ivs_filters_clear(&f);
    return st;
}

int
ivs_searcher_term_in_scope(ivs_searcher_t *s, const char *term)
{
    if (s->n_scope == 0)
        return 1;
    ivs_results_t *r = NULL;
    int yes = count_in_scope(s, &term, 1, 0, &r) == IVS_OK && r->n_hits > 0;
    ivs_results_free(r);
    return yes;
}

ivs_status_t
ivs_searcher_check_scope(ivs_searcher_t *s, uint32_t id)
{
    if (s->n_scope == 0)
        return IVS_OK;
    char q[32];
    snprintf(q, sizeof q, IVS_PREFIX_UNIQUE "%" PRIu32, id);
    const char *term = q;
    ivs_results_t *r = NULL;
    ivs_status_t st = count_in_scope(s, &term, 1, 0, &r);
    if (st == IVS_OK && r->n_hits == 0)
        st = ivs_searcher_fail(s, IVS_ERR_NOTFOUND,
                               "no interview with id %u in %s", id, s->path);
    ivs_results_free(r);
    return st;
}

uint32_t
ivs_searcher_termfreq(ivs_searcher_t *s, const char *term)
{
    if (s->n_scope == 0)
        return ivs_reader_termfreq(s->reader, term);
    /* in scope, whether it is there at all is what matters */
    return ivs_searcher_term_in_scope(s, term) ? 1 : 0;
}

ivs_status_t
ivs_search_show(ivs_searcher_t *s, uint32_t id, ivs_interview_t **out)
{
    *out = NULL;
    if (id == 0)
        return ivs_searcher_fail(s, IVS_ERR_INPUT,
                                 "interview ids start at 1, not 0");
    ivs_status_t st = ivs_searcher_check_scope(s, id);
    if (st != IVS_OK)
        return st;
    size_t len = 0;
    char *data = ivs_reader_document(s->reader, id, &len, &st);
    if (!data) {
        if (st == IVS_ERR_NOTFOUND)
            return ivs_searcher_fail(s, st, "no interview with id %u in %s", id,
                                     s->path);
        return ivs_searcher_read_failed(s, st);
    }
    ivs_interview_t *iv = calloc(1, sizeof *iv);
    int failed = !iv || decode_interview(iv, id, data, len) != 0;
    free(data);
    if (failed) {
        ivs_interview_free(iv);
        return ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    }
    *out = iv;
    return IVS_OK;
}

void
ivs_search_stats_free(ivs_search_stats_t *st)
{
    if (!st)
        return;
    free(st->topics);
    free(st->analyzer);
    free_strings(st->degraded, st->n_degraded);
    free(st);
}

/* FACET's count of KEY (0 when absent). */
static uint32_t
facet_count(const ivs_facet_t *facet, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(facet[i].key, key) == 0)
            return facet[i].count;
    return 0;
}

/* The taxonomy's topics with their counts into a new *OUT: from the index
 * without a scope, else from the interviews in scope, counted (and kept
 * in *SCOPED for the caller, who frees it). */
static ivs_status_t
count_topics(ivs_searcher_t *s, ivs_search_stats_t **out,
             ivs_results_t **scoped)
{
    *out = NULL;
    *scoped = NULL;
    const ivs_topics_t *t = taxonomy(s);
    if (!t)
        return IVS_ERR_IO;
    if (s->n_scope) {
        ivs_status_t st = count_in_scope(s, NULL, 0, 1, scoped);
        if (st != IVS_OK)
            return st;
    }
    ivs_search_stats_t *st = calloc(1, sizeof *st);
    size_t n = ivs_topics_count(t);
    if (st && n)
        st->topics = calloc(n, sizeof *st->topics);
    if (!st || (n && !st->topics)) {
        ivs_search_stats_free(st);
        return ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    }
    st->db = s->path;
    for (size_t i = 0; i < n; i++) {
        const char *id = ivs_topics_id(t, i);
        uint32_t count;
        if (*scoped) {
            count = facet_count((*scoped)->topics, (*scoped)->n_topics, id);
        } else {
            char *term;
            if (asprintf(&term, IVS_PREFIX_TOPIC "%s", id) < 0) {
                ivs_search_stats_free(st);
                return ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
            }
            count = ivs_reader_termfreq(s->reader, term);
            free(term);
        }
        st->topics[i] = (ivs_search_topic_t){id, ivs_topics_name_zh(t, i),
                                             ivs_topics_name_en(t, i), count};
        st->n_topics++;
    }
    *out = st;
    return IVS_OK;
}

/* The shards left out of ST's counts; IVS_OK or IVS_ERR_NOMEM (recorded,
 * *OUT freed). */
static ivs_status_t
note_degraded(ivs_searcher_t *s, ivs_search_stats_t **out)
{
    const char *const *names = NULL;
    ivs_search_stats_t *st = *out;
    size_t n = ivs_searcher_degraded(s, &names, &st->n_shards);
    if (ivs_strings_copy(&st->degraded, &st->n_degraded, (char *const *)names,
                         n) != 0) {
        ivs_search_stats_free(st);
        *out = NULL;
        return ivs_searcher_fail(s, IVS_ERR_NOMEM, "out of memory");
    }
    return IVS_OK;
}

ivs_status_t
ivs_search_topics(ivs_searcher_t *s, ivs_search_stats_t **out)
{
    ivs_results_t *scoped;
    ivs_status_t rc = count_topics(s, out, &scoped);
    ivs_results_free(scoped);
    return rc == IVS_OK ? note_degraded(s, out) : rc;
}

ivs_status_t
ivs_search_stats(ivs_searcher_t *s, ivs_search_stats_t **out)
{
    ivs_results_t *scoped;
    ivs_status_t rc = count_topics(s, out, &scoped);
    if (rc != IVS_OK)
        return rc;
    ivs_search_stats_t *st = *out;
    static const char *const names[IVS_SEARCH_VERDICTS] = {
        "pass", "fail", "pending", "unknown"};
    for (int i = 0; i < IVS_SEARCH_VERDICTS; i++) {
        char term[32];
        snprintf(term, sizeof term, IVS_PREFIX_VERDICT "%s", names[i]);
        st->verdict_names[i] = names[i];
        st->verdicts[i] =
            scoped ? facet_count(scoped->verdicts, scoped->n_verdicts, names[i])
                   : ivs_reader_termfreq(s->reader, term);
    }
    st->interviews = scoped ? scoped->total : ivs_reader_doccount(s->reader);
    st->analyzer = ivs_reader_metadata(s->reader, IVS_META_ANALYZER);
    ivs_results_free(scoped);
    return note_degraded(s, out);
}
