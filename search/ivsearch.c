/* ivsearch: searches the interview database: ranked matches with
 * highlighted snippets, filters, facets, similar candidates. */
#define _GNU_SOURCE
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ivs/analyze.h"
#include "ivs/output.h"
#include "ivs/query.h"
#include "ivs/reader.h"
#include "ivs/record.h"
#include "ivs/schema.h"
#include "ivs/snippet.h"

#define DEFAULT_LIMIT 10
#define SNIPPET_WIDTH 110

static const char *prog = "ivsearch";

enum mode { MODE_SEARCH, MODE_SIMILAR, MODE_SIMILAR_TEXT, MODE_SHOW,
            MODE_TOPICS, MODE_STATS, MODE_EXPLAIN };

typedef struct {
    const char *db_flag;
    char **verdicts;
    size_t n_verdicts;
    char **topics;
    size_t n_topics;
    unsigned limit, offset;
    int sort;
    int json;
    int exact; /* --exact: count every match */
    int color; /* -1 auto */
    enum mode mode;
    const char *mode_arg;
    const char *batch; /* --batch FILE: one query per line */
    char *query; /* the QUERY words joined by spaces */
} opts_t;

typedef struct {
    opts_t *o;
    char *db;
    ivs_reader_t *reader;
    ivs_analyzer_t *analyzer;
    ivs_topics_t *taxonomy;
    ivs_synonyms_t *synonyms;
    char **stopwords;
    size_t n_stopwords;
    ivs_colors_t colors;
    const char **filters;
    size_t n_filters;
} ctx_t;

static void
usage(FILE *f)
{
    fprintf(f,
        "usage: ivsearch [--db DIR] [--verdict V] [--topic T]... [--limit N] "
        "[--offset N]\n"
        "                [--sort relevance|date] [--json] [--color auto|always|never] "
        "QUERY...\n"
        "                [--exact]  (count every match: totals and facets are\n"
        "                exact up to %d matches, estimates beyond)\n"
        "       ivsearch --similar ID [--verdict V] [--topic T]... [--limit N] [--json]\n"
        "       ivsearch --similar-text TEXT [filters] [--json]\n"
        "       ivsearch --show ID [--json]\n"
        "       ivsearch --topics | --stats [--json]\n"
        "       ivsearch --explain QUERY...\n"
        "       ivsearch --batch FILE [--db DIR]   (one query per line, its\n"
        "                arguments separated by tabs; '<ms>\\t<exit status>'\n"
        "                per query on stderr: the database stays open)\n"
        "\n"
        "Query: words are ANDed; \"quoted phrase\"; -word excludes; a OR b;\n"
        "verdict:pass and topic:中间件 filter like the flags. Verdicts: pass, fail,\n"
        "pending, unknown (通过, 不通过, 待定, 未知). Exit status: 0 matches, 1 none,\n"
        "2 error.\n", IVS_FACET_EXACT);
}

static void
die_usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "%s: ", prog);
    fprintf(stderr, fmt, arg);
    fputc('\n', stderr);
    exit(2);
}

static unsigned
parse_count(const char *flag, const char *s, unsigned max)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < 0 || (unsigned long)v > max) {
        fprintf(stderr, "%s: %s takes a whole number from 0 to %u, not '%s'\n",
                prog, flag, max, s);
        exit(2);
    }
    return (unsigned)v;
}

static void
push(char ***v, size_t *n, const char *s)
{
    *v = realloc(*v, (*n + 1) * sizeof **v);
    if (!*v) {
        fprintf(stderr, "%s: out of memory\n", prog);
        exit(2);
    }
    (*v)[(*n)++] = (char *)s;
}

/* Options may stand anywhere; any other word (even "-word") is part of the
 * query, and "--" ends the options. */
static void
parse_args(int argc, char **argv, opts_t *o)
{
    memset(o, 0, sizeof *o);
    o->limit = DEFAULT_LIMIT;
    o->color = -1;
    char **words = NULL;
    size_t n_words = 0;
    int only_words = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (only_words || strncmp(a, "--", 2) != 0) {
            if (!strcmp(a, "-h")) {
                usage(stdout);
                exit(0);
            }
            push(&words, &n_words, a);
            continue;
        }
        if (!strcmp(a, "--")) {
            only_words = 1;
            continue;
        }
        const char *name = a + 2, *val = NULL;
        char key[32];
        const char *eq = strchr(name, '=');
        size_t kl = eq ? (size_t)(eq - name) : strlen(name);
        if (kl >= sizeof key)
            die_usage("unknown option '%s': try 'ivsearch --help'", a);
        memcpy(key, name, kl);
        key[kl] = '\0';
        static const char *const with_value[] = {
            "db", "verdict", "topic", "limit", "offset", "sort", "color",
            "similar", "similar-text", "show", "batch", NULL};
        int takes = 0;
        for (int k = 0; with_value[k]; k++)
            takes |= !strcmp(key, with_value[k]);
        if (takes) {
            if (eq)
                val = eq + 1;
            else if (i + 1 < argc)
                val = argv[++i];
            else
                die_usage("option --%s needs a value", key);
        } else if (eq) {
            die_usage("option '%s' takes no value", a);
        }
        if (!strcmp(key, "db")) o->db_flag = val;
        else if (!strcmp(key, "verdict")) push(&o->verdicts, &o->n_verdicts, val);
        else if (!strcmp(key, "topic")) push(&o->topics, &o->n_topics, val);
        else if (!strcmp(key, "limit")) o->limit = parse_count("--limit", val, 10000);
        else if (!strcmp(key, "offset")) o->offset = parse_count("--offset", val, 1000000);
        else if (!strcmp(key, "sort")) {
            if (!strcmp(val, "relevance")) o->sort = IVS_SORT_RELEVANCE;
            else if (!strcmp(val, "date")) o->sort = IVS_SORT_DATE;
            else die_usage("--sort takes relevance or date, not '%s'", val);
        } else if (!strcmp(key, "color") || !strcmp(key, "colour")) {
            if (!strcmp(val, "auto")) o->color = -1;
            else if (!strcmp(val, "always")) o->color = 1;
            else if (!strcmp(val, "never")) o->color = 0;
            else die_usage("--color takes auto, always or never, not '%s'", val);
        } else if (!strcmp(key, "json")) o->json = 1;
        else if (!strcmp(key, "exact")) o->exact = 1;
        else if (!strcmp(key, "similar")) { o->mode = MODE_SIMILAR; o->mode_arg = val; }
        else if (!strcmp(key, "similar-text")) { o->mode = MODE_SIMILAR_TEXT; o->mode_arg = val; }
        else if (!strcmp(key, "show")) { o->mode = MODE_SHOW; o->mode_arg = val; }
        else if (!strcmp(key, "batch")) o->batch = val;
        else if (!strcmp(key, "topics")) o->mode = MODE_TOPICS;
        else if (!strcmp(key, "stats")) o->mode = MODE_STATS;
        else if (!strcmp(key, "explain")) o->mode = MODE_EXPLAIN;
        else if (!strcmp(key, "help")) { usage(stdout); exit(0); }
        else die_usage("unknown option '%s': try 'ivsearch --help'", a);
    }
    size_t len = 1;
    for (size_t i = 0; i < n_words; i++)
        len += strlen(words[i]) + 1;
    char *joined = calloc(1, len);
    for (size_t i = 0; joined && i < n_words; i++) {
        if (i)
            strcat(joined, " ");
        strcat(joined, words[i]);
    }
    free(words);
    /* invalid UTF-8 in a query is read as U+FFFD, as it is echoed in JSON */
    o->query = joined ? ivs_utf8_repair(joined, strlen(joined)) : NULL;
    free(joined);
    if (!o->query) {
        fprintf(stderr, "%s: out of memory\n", prog);
        exit(2);
    }
}

static uint32_t
parse_id(const char *flag, const char *s)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || end == s || v == 0 || v > 0xFFFFFFFFul) {
        fprintf(stderr, "%s: %s takes an interview id (a number from the "
                        "results), not '%s'\n", prog, flag, s);
        exit(2);
    }
    return (uint32_t)v;
}

/* ---- setup ---------------------------------------------------------------- */

static void
load_stopwords(ctx_t *c)
{
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
        char *norm = ivs_normalize(c->analyzer, line, (size_t)n);
        if (norm)
            push(&c->stopwords, &c->n_stopwords, norm);
    }
    free(line);
    fclose(f);
}

static int
is_stopword(void *ctx, const char *term, size_t len)
{
    ctx_t *c = ctx;
    for (size_t i = 0; i < c->n_stopwords; i++)
        if (strlen(c->stopwords[i]) == len && !memcmp(c->stopwords[i], term, len))
            return 1;
    return 0;
}

/* Terms worth sharing for --similar: words of two or more characters that
 * are not stop words or bare numbers. */
static int
similar_accept(void *ctx, const char *term, size_t len)
{
    if (len < 2 || len > 60)
        return 0;
    if ((unsigned char)term[0] >= 0x80 && len <= 3)
        return 0; /* a single Chinese character */
    size_t digits = 0;
    for (size_t i = 0; i < len; i++)
        digits += (term[i] >= '0' && term[i] <= '9') || term[i] == '.';
    if (digits == len)
        return 0;
    return !is_stopword(ctx, term, len);
}

/* The topic taxonomy, loaded on first use (topic filters, --topics): a
 * plain query does without its millisecond. */
static const ivs_topics_t *
taxonomy(ctx_t *c)
{
    if (c->taxonomy)
        return c->taxonomy;
    char *tp = ivs_data_file("topics.txt");
    size_t bad = 0;
    if (!tp || ivs_topics_load(tp, &c->taxonomy, &bad) != IVS_OK) {
        fprintf(stderr, "%s: topic taxonomy topics.txt not found or unreadable: "
                        "set IVSEARCH_DATA_DIR\n", prog);
        exit(2);
    }
    free(tp);
    return c->taxonomy;
}

static void
open_all(ctx_t *c)
{
    char *err = NULL;
    c->db = ivs_default_db(c->o->db_flag);
    ivs_status_t st = ivs_reader_open(c->db, &c->reader, &err);
    if (st != IVS_OK) {
        if (st == IVS_ERR_NODB)
            fprintf(stderr, "%s: no database at %s: run ivindex first\n", prog,
                    c->db);
        else
            fprintf(stderr, "%s: %s: cannot open database: %s%s%s\n", prog,
                    c->db, ivs_status_str(st), err ? ": " : "", err ? err : "");
        free(err);
        exit(2);
    }
    char *user_dict = ivs_user_dict_file();
    st = ivs_analyzer_open(NULL, user_dict, &c->analyzer, &err);
    free(user_dict);
    if (st != IVS_OK) {
        fprintf(stderr, "%s: %s\n", prog, err ? err : ivs_status_str(st));
        exit(2);
    }
    /* the database must have been analysed as we analyse queries */
    char *schema = ivs_reader_metadata(c->reader, IVS_META_SCHEMA);
    char *analyzer = ivs_reader_metadata(c->reader, IVS_META_ANALYZER);
    char want[16];
    snprintf(want, sizeof want, "%d", IVS_SCHEMA_VERSION);
    const char *mine = ivs_analyzer_signature(c->analyzer);
    if (schema && strcmp(schema, want)) {
        fprintf(stderr, "%s: %s: database schema %s, this ivsearch reads schema "
                        "%s: run 'ivindex --reindex PATH...'\n",
                prog, c->db, schema, want);
        exit(2);
    }
    if (analyzer && strcmp(analyzer, mine)) {
        fprintf(stderr, "%s: %s: database was analysed with \"%s\", this "
                        "ivsearch uses \"%s\" (another dictionary or version): "
                        "run 'ivindex --reindex PATH...'\n",
                prog, c->db, analyzer, mine);
        exit(2);
    }
    free(schema);
    free(analyzer);

    /* each mode loads only what it uses: start-up time is latency */
    enum mode m = c->o->mode;
    if (m == MODE_SEARCH || m == MODE_EXPLAIN || c->o->batch) {
        char *sp = ivs_data_file("synonyms.txt");
        if (ivs_synonyms_load(c->analyzer, sp, &c->synonyms) != IVS_OK) {
            fprintf(stderr, "%s: %s: cannot read the synonym table\n", prog,
                    sp ? sp : "synonyms.txt");
            exit(2);
        }
        free(sp);
    }
    if (m == MODE_SIMILAR || m == MODE_SIMILAR_TEXT || c->o->batch)
        load_stopwords(c);
}

static void
list_topics(FILE *f, const ivs_topics_t *t)
{
    for (size_t i = 0; i < ivs_topics_count(t); i++)
        fprintf(f, "%s%s (%s)", i ? ", " : "", ivs_topics_id(t, i),
                ivs_topics_name_zh(t, i));
}

/* Adds the boolean filter terms of verdicts and topics (flags and inline),
 * exiting with a clear message on an unknown value. */
static void
add_filters(ctx_t *c, char **verdicts, size_t nv, char **topics, size_t nt)
{
    for (size_t i = 0; i < nv; i++) {
        int v = ivs_verdict_parse(verdicts[i]);
        if (v < 0) {
            fprintf(stderr, "%s: unknown verdict '%s': use pass, fail, pending "
                            "or unknown (通过, 不通过, 待定, 未知)\n",
                    prog, verdicts[i]);
            exit(2);
        }
        char *term;
        if (asprintf(&term, IVS_PREFIX_VERDICT "%s",
                     ivs_verdict_name((ivs_verdict_t)v)) < 0)
            exit(2);
        push((char ***)&c->filters, &c->n_filters, term);
    }
    for (size_t i = 0; i < nt; i++) {
        const char *id = ivs_topics_resolve(taxonomy(c), topics[i]);
        if (!id) {
            fprintf(stderr, "%s: unknown topic '%s'; known topics: ", prog,
                    topics[i]);
            list_topics(stderr, taxonomy(c));
            fputc('\n', stderr);
            exit(2);
        }
        char *term;
        if (asprintf(&term, IVS_PREFIX_TOPIC "%s", id) < 0)
            exit(2);
        push((char ***)&c->filters, &c->n_filters, term);
    }
}

static const char *
resolve_topic(void *ctx, const char *name)
{
    return ivs_topics_resolve(taxonomy(ctx), name);
}

/* ---- hits ------------------------------------------------------------------ */

typedef struct {
    const ivs_hit_t *hit;
    int partial;
    json_t *doc;
} shown_t;

static ivs_snippet_t *
snippet_for(ctx_t *c, json_t *doc, const ivs_query_t *q)
{
    const char *text = json_string_value(json_object_get(doc, "text"));
    size_t len = json_string_length(json_object_get(doc, "text"));
    json_t *secs = json_object_get(doc, "sections");
    size_t ns = json_array_size(secs);
    ivs_snippet_section_t *sections = calloc(ns + 1, sizeof *sections);
    for (size_t i = 0; sections && i < ns; i++) {
        json_t *s = json_array_get(secs, i);
        sections[i].heading = json_string_value(json_object_get(s, "heading"));
        sections[i].start = (size_t)json_integer_value(json_object_get(s, "start"));
        sections[i].end = (size_t)json_integer_value(json_object_get(s, "end"));
    }
    ivs_snippet_t *sn = NULL;
    ivs_snippet_build(c->analyzer, text ? text : "", text ? len : 0, sections,
                      sections ? ns : 0, q, SNIPPET_WIDTH, &sn);
    free(sections);
    return sn;
}

static json_t *
missing_list(const ivs_query_t *q, const ivs_snippet_t *sn)
{
    json_t *a = json_array();
    for (size_t i = 0; q && sn && i < q->n_concepts; i++)
        if (!q->concepts[i].negated && !sn->matched[i])
            json_array_append_new(a, json_string(q->concepts[i].text));
    return a;
}

static void
print_hit(ctx_t *c, const ivs_hit_t *h, json_t *doc, int partial,
          const ivs_query_t *q, json_t *shared, json_t *hits_json, size_t rank)
{
    const ivs_colors_t *col = &c->colors;
    const char *source = json_string_value(json_object_get(doc, "source"));
    char *shown_source = ivs_display_path(source ? source : "?");
    json_int_t ordinal = json_integer_value(json_object_get(doc, "ordinal"));
    const char *verdict = json_string_value(json_object_get(doc, "verdict"));
    json_t *topics = json_object_get(doc, "topics");
    ivs_snippet_t *sn = snippet_for(c, doc, q);
    json_t *missing = partial ? missing_list(q, sn) : NULL;

    if (hits_json) {
        json_t *hl = json_array();
        for (size_t i = 0; sn && i < sn->n_highlights; i++)
            json_array_append_new(hl, json_pack("[I,I]",
                                                (json_int_t)sn->highlights[i].start,
                                                (json_int_t)sn->highlights[i].end));
        json_t *o = json_pack(
            "{s:I, s:I, s:f, s:s, s:I, s:O, s:s, s:O, s:b, s:s, s:o}", "id",
            (json_int_t)h->id, "rank", (json_int_t)rank, "score",
            ((double)(long long)(h->weight * 1000 + 0.5)) / 1000, "source",
            shown_source, "ordinal", ordinal, "title",
            json_object_get(doc, "title"), "verdict", verdict ? verdict : "unknown",
            "topics", topics ? topics : json_array(), "partial", partial,
            "snippet", sn && sn->text ? sn->text : "", "highlights", hl);
        static const char *const extra[] = {"date", "candidate", "role", NULL};
        for (int i = 0; extra[i]; i++)
            if (json_object_get(doc, extra[i]))
                json_object_set(o, extra[i], json_object_get(doc, extra[i]));
        if (missing)
            json_object_set(o, "missing", missing);
        if (shared)
            json_object_set(o, "shared_terms", shared);
        json_array_append_new(hits_json, o);
    } else {
        printf("%s[%u]%s %s #%lld · %s%s%s", col->bold, h->id, col->reset,
               shown_source, (long long)ordinal,
               ivs_verdict_color(col, verdict ? verdict : ""),
               verdict ? verdict : "unknown", col->reset);
        if (json_array_size(topics)) {
            fputs(" · ", stdout);
            for (size_t i = 0; i < json_array_size(topics); i++)
                printf("%s%s", i ? " " : "",
                       json_string_value(json_array_get(topics, i)));
        }
        const char *date = json_string_value(json_object_get(doc, "date"));
        if (date)
            printf(" · %s", date);
        if (partial) {
            printf(" · %spartial", col->dim);
            if (json_array_size(missing)) {
                fputs(", missing:", stdout);
                for (size_t i = 0; i < json_array_size(missing); i++)
                    printf(" %s", json_string_value(json_array_get(missing, i)));
            }
            fputs(col->reset, stdout);
        }
        putchar('\n');
        const char *title = json_string_value(json_object_get(doc, "title"));
        if (title && *title)
            printf("    %s%s%s\n", col->dim, title, col->reset);
        if (sn && sn->text && *sn->text) {
            fputs("    ", stdout);
            ivs_print_marked(stdout, sn->text, sn->highlights, sn->n_highlights,
                             col);
            putchar('\n');
        }
        if (shared && json_array_size(shared)) {
            printf("    %sshared:%s", col->dim, col->reset);
            for (size_t i = 0; i < json_array_size(shared); i++)
                printf(" %s", json_string_value(json_array_get(shared, i)));
            putchar('\n');
        }
        putchar('\n');
    }
    json_decref(missing);
    ivs_snippet_free(sn);
    free(shown_source);
}

static json_t *
parse_doc(const ivs_hit_t *h)
{
    /* the record's JSON, a newline, then its text as it is (compact JSON
     * holds no raw newline): parsing 3 KB of escaped text per hit cost more
     * than the search */
    const char *nl = memchr(h->data, '\n', h->data_len);
    size_t jl = nl ? (size_t)(nl - h->data) : h->data_len;
    json_error_t e;
    json_t *doc = json_loadb(h->data, jl, 0, &e);
    if (!doc || !json_is_object(doc)) {
        json_decref(doc);
        doc = json_object();
    }
    if (nl) {
        /* ivindex wrote valid UTF-8; a damaged database must not break the
         * JSON output */
        const char *text = nl + 1;
        size_t tl = h->data_len - jl - 1;
        json_t *t = json_stringn(text, tl);
        if (!t) {
            char *fixed = ivs_utf8_repair(text, tl);
            t = fixed ? json_string(fixed) : json_string("");
            free(fixed);
        }
        json_object_set_new(doc, "text", t);
    }
    return doc;
}

static json_t *
facets_json(const ivs_results_t *r)
{
    json_t *v = json_object(), *t = json_object();
    for (size_t i = 0; r && i < r->n_verdicts; i++)
        json_object_set_new(v, r->verdicts[i].key, json_integer(r->verdicts[i].count));
    for (size_t i = 0; r && i < r->n_topics; i++)
        if (*r->topics[i].key)
            json_object_set_new(t, r->topics[i].key, json_integer(r->topics[i].count));
    return json_pack("{s:o, s:o}", "verdict", v, "topic", t);
}

static void
print_facets(const ctx_t *c, const ivs_results_t *r, unsigned total)
{
    if (!r)
        return;
    printf("%s%s%u interview%s", c->colors.dim, r->exact ? "" : "about ",
           total, total == 1 ? "" : "s");
    if (r->n_verdicts) {
        fputs(" · verdict:", stdout);
        for (size_t i = 0; i < r->n_verdicts; i++)
            printf(" %s %u", r->verdicts[i].key, r->verdicts[i].count);
    }
    int any = 0;
    for (size_t i = 0; i < r->n_topics; i++) {
        if (!*r->topics[i].key)
            continue;
        printf("%s %s %u", any ? "," : " · topic:", r->topics[i].key,
               r->topics[i].count);
        any = 1;
    }
    printf("%s\n", c->colors.reset);
}

static void
suggest(ctx_t *c, const ivs_query_t *q, json_t *out)
{
    for (size_t i = 0; i < q->n_concepts; i++) {
        const ivs_concept_t *con = &q->concepts[i];
        if (con->negated || con->phrase || con->n_patterns != 1 ||
            con->patterns[0].n != 1)
            continue;
        const char *term = con->patterns[0].units[0];
        if ((unsigned char)term[0] >= 0x80 || strlen(term) < 3)
            continue;
        if (ivs_reader_termfreq(c->reader, term) > 0)
            continue;
        char *s = ivs_reader_spelling(c->reader, term);
        if (!s)
            continue;
        if (out)
            json_object_set_new(out, con->text, json_string(s));
        else
            fprintf(stderr, "%s: did you mean '%s' for '%s'?\n", prog, s,
                    con->text);
        free(s);
    }
}

static int
fail_search(ctx_t *c, ivs_status_t st)
{
    fprintf(stderr, "%s: %s: search failed: %s (%s)\n", prog, c->db,
            ivs_status_str(st), ivs_reader_error(c->reader));
    return 2;
}

/* --explain: the alternatives ivs_reader_plan() left out, and why. */
static void
explain_dropped(const ivs_qnode_t *n)
{
    for (size_t i = 0; n && i < n->n_kids; i++) {
        const ivs_qnode_t *k = n->kids[i];
        if (!k->dropped) {
            explain_dropped(k);
            continue;
        }
        char *d = ivs_reader_describe(k);
        printf("left out:   %s (%s)\n", d ? d : "?",
               k->recall == IVS_RECALL_STEM
                   ? "the stem finds few more interviews than the word"
                   : "too costly here: the whole word already matches");
        free(d);
    }
}

/* Prints the full matches, then the partial ones (PART may be NULL), with
 * the facets and any "did you mean"; returns the number of matches. */
static unsigned
print_results(ctx_t *c, const ivs_query_t *q, const ivs_results_t *full,
              const ivs_results_t *part, int explain)
{
    unsigned total = full->total + (part ? part->total : 0);
    const ivs_results_t *facet_src = full->total || !part ? full : part;
    json_t *root = NULL, *hits = NULL;
    if (c->o->json) {
        hits = json_array();
        root = json_pack("{s:s, s:I}", "query", c->o->query, "total",
                         (json_int_t)total);
    }
    size_t rank = c->o->offset;
    for (int pass = 0; pass < 2; pass++) {
        const ivs_results_t *r = pass ? part : full;
        for (size_t i = 0; r && i < r->n_hits; i++) {
            json_t *doc = parse_doc(&r->hits[i]);
            print_hit(c, &r->hits[i], doc, pass, q, NULL, hits, ++rank);
            if (explain && !c->o->json) {
                fputs("    matched terms:", stdout);
                for (size_t k = 0; k < r->hits[i].n_matched; k++)
                    printf(" %s", r->hits[i].matched[k]);
                fputs("\n\n", stdout);
            }
            json_decref(doc);
        }
    }
    if (c->o->json) {
        json_object_set_new(root, "hits", hits);
        json_object_set_new(root, "exact", json_boolean(full->exact &&
                                                        (!part || part->exact)));
        json_object_set_new(root, "facets", facets_json(facet_src));
        if (total == 0 || full->total == 0) {
            json_t *dym = json_object();
            suggest(c, q, dym);
            if (json_object_size(dym))
                json_object_set_new(root, "did_you_mean", dym);
            else
                json_decref(dym);
        }
        json_dumpf(root, stdout, JSON_COMPACT | JSON_REAL_PRECISION(6));
        putchar('\n');
        json_decref(root);
    } else {
        if (total)
            print_facets(c, facet_src, total);
        if (total == 0 || full->total == 0)
            suggest(c, q, NULL);
    }
    return total;
}

static int
run_search(ctx_t *c, int explain)
{
    ivs_query_t *q = NULL;
    if (ivs_query_parse(c->analyzer, c->synonyms, c->o->query, &q) != IVS_OK) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return 2;
    }
    add_filters(c, c->o->verdicts, c->o->n_verdicts, c->o->topics,
                c->o->n_topics);
    add_filters(c, q->verdicts, q->n_verdicts, q->topics, q->n_topics);
    const char *unknown = NULL; /* topic:a OR topic:b, in the query tree */
    if (ivs_query_resolve_topics(q, resolve_topic, c, &unknown) != IVS_OK)
        add_filters(c, NULL, 0, (char **)&unknown, unknown ? 1 : 0);
    size_t positives = ivs_query_positives(q);
    if (positives == 0 && c->n_filters == 0 && q->n_concepts == 0 &&
        !q->topic_filter) {
        fprintf(stderr, "%s: empty query: give words to search for or a filter "
                        "such as --verdict fail (try --help)\n", prog);
        ivs_query_free(q);
        return 2;
    }
    ivs_qnode_t *all = ivs_query_tree(q, 1);
    if (all)
        ivs_reader_plan(c->reader, all);
    ivs_qnode_t *near = c->o->sort == IVS_SORT_RELEVANCE
                            ? ivs_query_proximity(q) : NULL;
    if (explain) {
        printf("query:      %s\nnormalised: %s\n", c->o->query,
               q->normalized ? q->normalized : "");
        for (size_t i = 0; i < q->n_concepts; i++) {
            const ivs_concept_t *con = &q->concepts[i];
            printf("concept %zu:  %s%s%s\n", i + 1, con->negated ? "-" : "",
                   con->text, con->phrase ? " (phrase)" : "");
            for (size_t p = 0; p < con->n_patterns; p++) {
                fputs("   matches:", stdout);
                for (size_t u = 0; u < con->patterns[p].n; u++)
                    printf(" %s", con->patterns[p].units[u]);
                putchar('\n');
            }
            if (con->expansion)
                printf("   synonyms: %s\n", con->expansion);
        }
        for (size_t i = 0; i < c->n_filters; i++)
            printf("filter:     %s\n", c->filters[i]);
        char *d = ivs_reader_describe(all);
        printf("xapian:     %s\n", d ? d : "?");
        free(d);
        explain_dropped(all);
        if (near) {
            d = ivs_qnode_describe(near);
            printf("proximity:  the best %d ranked again by %s\n",
                   IVS_PROXIMITY_DEPTH, d ? d : "?");
            free(d);
        }
        putchar('\n');
    }
    ivs_search_t s = {all, NULL, c->filters, c->n_filters, c->o->offset,
                      c->o->limit, c->o->sort, 1, explain, c->o->exact, near};
    if (positives == 0 && c->o->sort == IVS_SORT_RELEVANCE)
        s.sort = IVS_SORT_SOURCE; /* a filter listing: source order */
    ivs_results_t *full = NULL, *part = NULL;
    ivs_qnode_t *any = NULL;
    int rc;
    ivs_status_t st = ivs_reader_search(c->reader, &s, &full);
    if (st != IVS_OK) {
        rc = fail_search(c, st);
        goto out;
    }
    if (positives >= 2 && full->n_hits < c->o->limit) {
        any = ivs_query_tree(q, 0);
        if (any)
            ivs_reader_plan(c->reader, any);
        unsigned skip = c->o->offset > full->total ? c->o->offset - full->total : 0;
        ivs_search_t ps = {any, all, c->filters, c->n_filters, skip,
                           c->o->limit - (unsigned)full->n_hits, c->o->sort,
                           full->total == 0, explain, c->o->exact, NULL};
        st = ivs_reader_search(c->reader, &ps, &part);
        if (st != IVS_OK) {
            rc = fail_search(c, st);
            goto out;
        }
    }
    rc = print_results(c, q, full, part, explain) ? 0 : 1;
out:
    ivs_results_free(full);
    ivs_results_free(part);
    ivs_qnode_free(all);
    ivs_qnode_free(any);
    ivs_qnode_free(near);
    ivs_query_free(q);
    return rc;
}

static json_t *
shared_terms(const ivs_hit_t *h)
{
    json_t *a = json_array();
    for (size_t i = 0; i < h->n_matched; i++)
        json_array_append_new(a, json_string(h->matched[i]));
    return a;
}

/* A query of the shared terms, for highlighting them in snippets. */
static ivs_query_t *
terms_query(ctx_t *c, const ivs_hit_t *h)
{
    size_t len = 1;
    for (size_t i = 0; i < h->n_matched; i++)
        len += strlen(h->matched[i]) + 1;
    char *text = calloc(1, len);
    for (size_t i = 0; text && i < h->n_matched; i++) {
        strcat(text, h->matched[i]);
        strcat(text, " ");
    }
    ivs_query_t *q = NULL;
    if (text)
        ivs_query_parse(c->analyzer, NULL, text, &q);
    free(text);
    return q;
}

static int
run_similar(ctx_t *c, int from_text)
{
    add_filters(c, c->o->verdicts, c->o->n_verdicts, c->o->topics,
                c->o->n_topics);
    ivs_search_t s = {NULL, NULL, c->filters, c->n_filters, c->o->offset,
                      c->o->limit, IVS_SORT_RELEVANCE, 1, 1, c->o->exact, NULL};
    ivs_results_t *r = NULL;
    ivs_status_t st;
    uint32_t id = 0;
    if (from_text) {
        ivs_qnode_t *q = ivs_query_from_text(c->analyzer, c->o->mode_arg,
                                             is_stopword, c);
        if (!q) {
            fprintf(stderr, "%s: --similar-text: no words to compare in '%s'\n",
                    prog, c->o->mode_arg);
            return 2;
        }
        s.query = q;
        st = ivs_reader_search(c->reader, &s, &r);
        ivs_qnode_free(q);
    } else {
        id = parse_id("--similar", c->o->mode_arg);
        st = ivs_reader_similar(c->reader, id, IVS_SIMILAR_TERMS, similar_accept, c,
                                &s, &r);
        if (st == IVS_ERR_NOTFOUND) {
            fprintf(stderr, "%s: no interview with id %u in %s\n", prog, id, c->db);
            return 2;
        }
    }
    if (st != IVS_OK)
        return fail_search(c, st);
    json_t *hits = c->o->json ? json_array() : NULL;
    for (size_t i = 0; i < r->n_hits; i++) {
        json_t *doc = parse_doc(&r->hits[i]);
        json_t *shared = shared_terms(&r->hits[i]);
        ivs_query_t *tq = terms_query(c, &r->hits[i]);
        print_hit(c, &r->hits[i], doc, 0, tq, shared, hits,
                  c->o->offset + i + 1);
        ivs_query_free(tq);
        json_decref(shared);
        json_decref(doc);
    }
    if (c->o->json) {
        json_t *root = json_pack("{s:s, s:I, s:o, s:o}", "query",
                                 from_text ? c->o->mode_arg : c->o->mode_arg,
                                 "total", (json_int_t)r->total, "hits", hits,
                                 "facets", facets_json(r));
        if (!from_text) {
            json_object_set_new(root, "similar", json_integer(id));
            json_t *terms = json_array();
            for (size_t i = 0; i < r->n_terms; i++)
                json_array_append_new(terms, json_string(r->terms[i]));
            json_object_set_new(root, "terms", terms);
        }
        json_dumpf(root, stdout, JSON_COMPACT | JSON_REAL_PRECISION(6));
        putchar('\n');
        json_decref(root);
    } else if (r->total) {
        print_facets(c, r, r->total);
    }
    int rc = r->n_hits ? 0 : 1;
    ivs_results_free(r);
    return rc;
}

static int
run_show(ctx_t *c)
{
    uint32_t id = parse_id("--show", c->o->mode_arg);
    ivs_status_t st;
    size_t len = 0;
    char *data = ivs_reader_document(c->reader, id, &len, &st);
    if (!data) {
        if (st == IVS_ERR_NOTFOUND) {
            fprintf(stderr, "%s: no interview with id %u in %s\n", prog, id, c->db);
            return 2;
        }
        return fail_search(c, st);
    }
    ivs_hit_t h = {id, 0, data, len, NULL, 0};
    json_t *doc = parse_doc(&h);
    const char *source = json_string_value(json_object_get(doc, "source"));
    char *shown = ivs_display_path(source ? source : "?");
    if (c->o->json) {
        json_t *o = json_pack("{s:I, s:s, s:O, s:O, s:O, s:O, s:O, s:O}", "id",
                              (json_int_t)id, "source", shown, "ordinal",
                              json_object_get(doc, "ordinal"), "title",
                              json_object_get(doc, "title"), "verdict",
                              json_object_get(doc, "verdict"), "topics",
                              json_object_get(doc, "topics"), "sections",
                              json_object_get(doc, "sections"), "text",
                              json_object_get(doc, "text"));
        static const char *const extra[] = {"date", "candidate", "role", NULL};
        for (int i = 0; o && extra[i]; i++)
            if (json_object_get(doc, extra[i]))
                json_object_set(o, extra[i], json_object_get(doc, extra[i]));
        json_dumpf(o, stdout, JSON_COMPACT | JSON_REAL_PRECISION(6));
        putchar('\n');
        json_decref(o);
    } else {
        const ivs_colors_t *col = &c->colors;
        const char *verdict = json_string_value(json_object_get(doc, "verdict"));
        printf("%s[%u]%s %s #%lld · %s%s%s\n", col->bold, id, col->reset, shown,
               (long long)json_integer_value(json_object_get(doc, "ordinal")),
               ivs_verdict_color(col, verdict ? verdict : ""),
               verdict ? verdict : "unknown", col->reset);
        json_t *topics = json_object_get(doc, "topics");
        if (json_array_size(topics)) {
            fputs("topics:", stdout);
            for (size_t i = 0; i < json_array_size(topics); i++)
                printf(" %s", json_string_value(json_array_get(topics, i)));
            putchar('\n');
        }
        static const char *const extra[] = {"title", "candidate", "role",
                                            "date", NULL};
        for (int i = 0; extra[i]; i++) {
            const char *v = json_string_value(json_object_get(doc, extra[i]));
            if (v && *v)
                printf("%s: %s\n", extra[i], v);
        }
        printf("\n%s", json_string_value(json_object_get(doc, "text")));
        putchar('\n');
    }
    free(shown);
    json_decref(doc);
    free(data);
    return 0;
}

static int
run_topics(ctx_t *c, int stats)
{
    const ivs_topics_t *t = taxonomy(c);
    json_t *topics = json_array();
    for (size_t i = 0; i < ivs_topics_count(t); i++) {
        char *term;
        if (asprintf(&term, IVS_PREFIX_TOPIC "%s", ivs_topics_id(t, i)) < 0)
            return 2;
        json_array_append_new(
            topics, json_pack("{s:s, s:s, s:s, s:I}", "id", ivs_topics_id(t, i),
                              "name", ivs_topics_name_zh(t, i), "name_en",
                              ivs_topics_name_en(t, i), "count",
                              (json_int_t)ivs_reader_termfreq(c->reader, term)));
        free(term);
    }
    json_t *verdicts = json_object();
    static const char *const names[] = {"pass", "fail", "pending", "unknown"};
    for (int i = 0; i < 4; i++) {
        char term[32];
        snprintf(term, sizeof term, IVS_PREFIX_VERDICT "%s", names[i]);
        json_object_set_new(verdicts, names[i],
                            json_integer(ivs_reader_termfreq(c->reader, term)));
    }
    uint32_t docs = ivs_reader_doccount(c->reader);
    if (c->o->json) {
        json_t *o = stats ? json_pack("{s:s, s:I, s:O, s:O}", "db", c->db,
                                      "interviews", (json_int_t)docs, "verdict",
                                      verdicts, "topics", topics)
                          : json_pack("{s:O}", "topics", topics);
        char *sig = ivs_reader_metadata(c->reader, IVS_META_ANALYZER);
        if (stats && sig)
            json_object_set_new(o, "analyzer", json_string(sig));
        free(sig);
        json_dumpf(o, stdout, JSON_COMPACT | JSON_REAL_PRECISION(6));
        putchar('\n');
        json_decref(o);
    } else {
        if (stats) {
            printf("database:   %s\ninterviews: %u\nverdicts:  ", c->db, docs);
            for (int i = 0; i < 4; i++)
                printf(" %s %lld", names[i],
                       (long long)json_integer_value(json_object_get(verdicts, names[i])));
            printf("\ntopics:\n");
        }
        for (size_t i = 0; i < json_array_size(topics); i++) {
            json_t *tp = json_array_get(topics, i);
            const char *id = json_string_value(json_object_get(tp, "id"));
            const char *zh = json_string_value(json_object_get(tp, "name"));
            const char *en = json_string_value(json_object_get(tp, "name_en"));
            size_t w = ivs_display_width(zh, strlen(zh));
            printf("  %-16s %s%*s %-24s %5lld\n", id, zh, (int)(w < 12 ? 12 - w : 0),
                   "", en, (long long)json_integer_value(json_object_get(tp, "count")));
        }
    }
    json_decref(topics);
    json_decref(verdicts);
    return 0;
}

static int
run_mode(ctx_t *c)
{
    switch (c->o->mode) {
    case MODE_SIMILAR: return run_similar(c, 0);
    case MODE_SIMILAR_TEXT: return run_similar(c, 1);
    case MODE_SHOW: return run_show(c);
    case MODE_TOPICS: return run_topics(c, 0);
    case MODE_STATS: return run_topics(c, 1);
    case MODE_EXPLAIN: return run_search(c, 1);
    default: return run_search(c, 0);
    }
}

static void
free_opts(opts_t *o)
{
    free(o->verdicts);
    free(o->topics);
    free(o->query);
}

static void
clear_filters(ctx_t *c)
{
    for (size_t i = 0; i < c->n_filters; i++)
        free((char *)c->filters[i]);
    free(c->filters);
    c->filters = NULL;
    c->n_filters = 0;
}

/* --batch: every line of FILE is one ivsearch command line (arguments
 * separated by tabs) run against the database opened once; its time and
 * exit status go to stderr. Measures the query work without process
 * start-up. */
static int
run_batch(ctx_t *c, const char *path)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
    if (!f) {
        fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
        return 2;
    }
    opts_t *outer = c->o;
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    int worst = 0;
    while ((n = getline(&line, &cap, f)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            line[--n] = '\0';
        if (n == 0)
            continue;
        char *argv[256];
        int argc = 0;
        argv[argc++] = (char *)prog;
        for (char *tok = strtok(line, "\t"); tok && argc < 255;
             tok = strtok(NULL, "\t"))
            argv[argc++] = tok;
        argv[argc] = NULL;
        opts_t o;
        parse_args(argc, argv, &o);
        o.json = o.json || outer->json;
        c->o = &o;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        int rc = run_mode(c);
        fflush(stdout);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        fprintf(stderr, "%.3f\t%d\n",
                (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
                    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6,
                rc);
        clear_filters(c);
        free_opts(&o);
        c->o = outer;
        if (rc > worst)
            worst = rc;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    return worst == 2 ? 2 : 0;
}

int
main(int argc, char **argv)
{
    opts_t o;
    parse_args(argc, argv, &o);
    ctx_t c = {0};
    c.o = &o;
    if (!o.batch && (o.mode == MODE_SEARCH || o.mode == MODE_EXPLAIN) &&
        !*o.query && !o.n_verdicts && !o.n_topics) {
        fprintf(stderr, "%s: no query: give words to search for or a filter "
                        "(try 'ivsearch --help')\n", prog);
        free_opts(&o);
        return 2;
    }
    int color = o.color == -1 ? isatty(1) && !getenv("NO_COLOR") : o.color;
    ivs_colors_init(&c.colors, color && !o.json);
    open_all(&c);
    int rc = o.batch ? run_batch(&c, o.batch) : run_mode(&c);
    if (fflush(stdout) != 0 && rc != 2) {
        fprintf(stderr, "%s: cannot write results: %s\n", prog, strerror(errno));
        rc = 2;
    }
    clear_filters(&c);
    for (size_t i = 0; i < c.n_stopwords; i++)
        free(c.stopwords[i]);
    free(c.stopwords);
    ivs_synonyms_free(c.synonyms);
    ivs_topics_free(c.taxonomy);
    ivs_analyzer_close(c.analyzer);
    ivs_reader_close(c.reader);
    free(c.db);
    free_opts(&o);
    return rc;
}
