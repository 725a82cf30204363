/* ivsearch: searches the interview database: ranked matches with
 * highlighted snippets, filters, facets, similar candidates. */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
#ifndef IVS_VERSION
#define IVS_VERSION "0.1.0" /* project(VERSION) in CMakeLists.txt */
#endif

static const char *prog = "ivsearch";

enum mode { MODE_SEARCH, MODE_SIMILAR, MODE_SIMILAR_TEXT, MODE_SHOW,
            MODE_TOPICS, MODE_STATS, MODE_EXPLAIN };

/* the options given, to refuse those a mode would silently drop */
enum { GIVEN_LIMIT = 1, GIVEN_OFFSET = 2, GIVEN_SORT = 4, GIVEN_EXACT = 8,
       GIVEN_VERDICT = 16, GIVEN_TOPIC = 32, GIVEN_DB = 64, GIVEN_JSON = 128,
       GIVEN_COLOR = 256 };

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
    int version; /* --version */
    enum mode mode;
    const char *mode_flag; /* "--similar", ... as given */
    char *mode_arg; /* its value, invalid UTF-8 read as U+FFFD */
    const char *batch; /* --batch FILE: one query per line */
    char *query; /* the QUERY words joined by spaces */
    const char *first_word; /* the first of them, for messages */
    unsigned given; /* GIVEN_* */
} opts_t;

typedef struct {
    opts_t *o;
    char *db;
    const char *db_origin; /* where db came from: "--db", "$IVSEARCH_DB", ... */
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

/* ---- messages and data on the terminal ----------------------------------------- */

/* One line to stderr, "ivsearch: ...". The whole line goes through
 * ivs_safe_write(): the format strings are ours, the arguments are data
 * (queries, paths, names), and a newline in them stays on the line as \n. */
static void __attribute__((format(printf, 1, 2)))
say(const char *fmt, ...)
{
    char *line = NULL;
    va_list ap;
    va_start(ap, fmt);
    int n = vasprintf(&line, fmt, ap);
    va_end(ap);
    fprintf(stderr, "%s: ", prog);
    if (n >= 0)
        ivs_safe_write(stderr, line, (size_t)n, IVS_SAFE_LINE);
    else
        fputs("out of memory", stderr);
    fputc('\n', stderr);
    free(line);
}

/* A copy of data S fit for one line of human output (ivs_safe_text()),
 * valid until 16 more calls: for printf arguments. */
#define SAFE_RING 16
static char *safe_ring[SAFE_RING];
static unsigned safe_next;

static const char *
S(const char *s)
{
    if (!s)
        return "";
    char *t = ivs_safe_text(s, strlen(s), IVS_SAFE_LINE);
    free(safe_ring[safe_next]);
    safe_ring[safe_next] = t;
    safe_next = (safe_next + 1) % SAFE_RING;
    return t ? t : "?";
}

static void
free_safe_ring(void)
{
    for (int i = 0; i < SAFE_RING; i++) {
        free(safe_ring[i]);
        safe_ring[i] = NULL;
    }
}

/* Writes J and a newline; 2 (with a message) when it cannot be built. */
static int
print_json(json_t *j)
{
    if (ivs_json_print(stdout, j) != 0) {
        say("cannot build the JSON output (out of memory)");
        return 2;
    }
    return 0;
}

/* ---- options ------------------------------------------------------------------- */

static void
usage(FILE *f)
{
    fprintf(f,
        "usage: ivsearch [options] QUERY...         search\n"
        "       ivsearch [options] --verdict V | --topic T   list by filter\n"
        "       ivsearch --similar ID [filters] [--limit N] [--offset N]\n"
        "       ivsearch --similar-text TEXT [filters] [--limit N] [--offset N]\n"
        "       ivsearch --show ID\n"
        "       ivsearch --topics | --stats\n"
        "       ivsearch --explain [filters] [--sort S] QUERY...\n"
        "       ivsearch --batch FILE\n"
        "\n"
        "Searching:\n"
        "  --verdict V      only interviews with verdict V: pass, fail, pending,\n"
        "                   unknown (通过, 不通过, 待定, 未知); repeat for any of them\n"
        "  --topic T        only interviews on topic T (id, Chinese or English\n"
        "                   name, see --topics); repeated topics must all hold\n"
        "  --limit N        show N interviews (default %d, at most 10000); 0 counts\n"
        "                   only: totals and facets, no hits\n"
        "  --offset N       skip the first N interviews (paging)\n"
        "  --sort S         relevance (default) or date\n"
        "  --exact          count every match: totals and facets are exact up to\n"
        "                   %d matches, estimated beyond\n"
        "Other modes (each alone; with no query words):\n"
        "  --similar ID     the interviews most like interview ID\n"
        "  --similar-text TEXT  the interviews most like TEXT\n"
        "  --show ID        one interview in full\n"
        "  --topics         the topics, with how many interviews have each\n"
        "  --stats          the database: path, counts by verdict and topic\n"
        "  --explain        how the query was read and run, then its results\n"
        "                   (for people: not with --json)\n"
        "  --batch FILE     one command line per line of FILE ('-': stdin), its\n"
        "                   arguments separated by tabs, against the database\n"
        "                   opened once; per line '<ms>\\t<exit status>' on stderr\n"
        "                   (--db, --json, --color, --limit, --offset, --sort and\n"
        "                   --exact given with it are defaults for the lines;\n"
        "                   no --db in lines)\n"
        "Everywhere:\n"
        "  --db DIR         the database (else $IVSEARCH_DB, else\n"
        "                   $XDG_DATA_HOME/ivsearch/db, else\n"
        "                   $HOME/.local/share/ivsearch/db)\n"
        "  --json           one JSON object on stdout\n"
        "  --color W        auto (default: on a terminal, unless NO_COLOR is set),\n"
        "                   always or never (also --colour)\n"
        "  --help, -h       this help\n"
        "  --version        versions of ivsearch, its analyzer, schema and Xapian\n"
        "  --               the rest are query words, even when they start with -\n"
        "\n"
        "Query: words are ANDed; \"quoted phrase\"; -word excludes (a one-letter\n"
        "-x is read as an option: write it after --); a OR b; verdict:pass and\n"
        "topic:中间件 filter like the flags.\n"
        "Exit status: 0 at least one interview matches every word (or, for\n"
        "--similar, anything matches), 1 none (partial matches are still shown),\n"
        "2 error.\n", DEFAULT_LIMIT, IVS_FACET_EXACT);
}

/* Parses a count into *OUT; 2 with a message when S is not one. */
static int
parse_count(const char *flag, const char *s, unsigned max, unsigned *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < 0 || (unsigned long)v > max) {
        say("%s takes a whole number from 0 to %u, not '%s'", flag, max, s);
        return 2;
    }
    *out = (unsigned)v;
    return 0;
}

/* Appends S to *V; -1 when out of memory (*V is kept). */
static int
push(char ***v, size_t *n, const char *s)
{
    char **nv = realloc(*v, (*n + 1) * sizeof **v);
    if (!nv)
        return -1;
    *v = nv;
    (*v)[(*n)++] = (char *)s;
    return 0;
}

static void
free_opts(opts_t *o)
{
    free(o->verdicts);
    free(o->topics);
    free(o->query);
    free(o->mode_arg);
    memset(o, 0, sizeof *o);
}

/* The option that a mode would ignore, or NULL. */
static const char *
unused_option(unsigned given, unsigned allowed)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{GIVEN_VERDICT, "--verdict"}, {GIVEN_TOPIC, "--topic"},
                 {GIVEN_LIMIT, "--limit"},     {GIVEN_OFFSET, "--offset"},
                 {GIVEN_SORT, "--sort"},       {GIVEN_EXACT, "--exact"}};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if ((given & names[i].bit) && !(allowed & names[i].bit))
            return names[i].name;
    return NULL;
}

/* Refuses requests that would be silently dropped; 0 or 2 (with a message). */
static int
check_args(opts_t *o, int in_batch)
{
    const unsigned filters = GIVEN_VERDICT | GIVEN_TOPIC;
    const unsigned paging = GIVEN_LIMIT | GIVEN_OFFSET | GIVEN_EXACT;
    if (o->version)
        return 0;
    if (in_batch && (o->given & GIVEN_DB)) {
        say("--db in a batch line: the batch uses the database it was started "
            "with; give --db before --batch");
        return 2;
    }
    if (o->batch) {
        const char *other = unused_option(o->given, paging | GIVEN_SORT);
        if (in_batch) {
            say("--batch in a batch line: a line is one query");
            return 2;
        }
        if (o->mode != MODE_SEARCH || other || *o->query) {
            say("--batch reads its queries from the file: put '%s' on one of "
                "its lines (--db, --json, --color, --limit, --offset, --sort "
                "and --exact go with --batch)",
                o->mode != MODE_SEARCH ? o->mode_flag
                : other               ? other
                                      : o->first_word);
            return 2;
        }
        return 0;
    }
    const char *other = NULL;
    switch (o->mode) {
    case MODE_SEARCH:
        break;
    case MODE_EXPLAIN:
        if (o->json) {
            say("--explain prints for people and has no JSON form: drop "
                "--json or --explain");
            return 2;
        }
        break;
    case MODE_SIMILAR:
    case MODE_SIMILAR_TEXT:
        other = unused_option(o->given, filters | paging);
        break;
    default:
        other = unused_option(o->given, 0);
        break;
    }
    if (other) {
        say("%s cannot be combined with %s%s", o->mode_flag, other,
            !strcmp(other, "--sort") ? ": it ranks by likeness" : "");
        return 2;
    }
    if (o->mode != MODE_SEARCH && o->mode != MODE_EXPLAIN && *o->query) {
        say("%s takes no query words, got '%s'%s", o->mode_flag,
            o->first_word,
            o->mode == MODE_SIMILAR
                ? ": search for them, or use --similar-text"
                : "");
        return 2;
    }
    if ((o->mode == MODE_SEARCH || o->mode == MODE_EXPLAIN) && !*o->query &&
        !o->n_verdicts && !o->n_topics) {
        say("no query: give words to search for or a filter (try 'ivsearch "
            "--help')");
        return 2;
    }
    return 0;
}

/* Options may stand anywhere; any other word (even "-word") is part of the
 * query, and "--" ends the options. A dash and one ASCII letter or digit
 * ("-l") is a short option, as a user of other tools means it: -h is help,
 * the others are errors (getopt would read "-slice" as -s -l -i -c -e: we
 * read it as a word to exclude). Returns 0, 2 after a message, or -1 when
 * the help was printed. In a batch line (IN_BATCH) --db and --batch are
 * errors. */
static int
parse_args(int argc, char **argv, opts_t *o, int in_batch)
{
    memset(o, 0, sizeof *o);
    o->limit = DEFAULT_LIMIT;
    o->color = -1;
    char **words = NULL;
    size_t n_words = 0;
    int only_words = 0, rc = 0;
    for (int i = 1; i < argc && rc == 0; i++) {
        const char *a = argv[i];
        if (only_words || strncmp(a, "--", 2) != 0) {
            if (!only_words && a[0] == '-' && a[1] && !a[2] &&
                (unsigned char)a[1] < 0x80 && isalnum((unsigned char)a[1])) {
                if (a[1] == 'h') {
                    usage(stdout);
                    rc = -1;
                } else {
                    say("unknown option '%s': try 'ivsearch --help' (to "
                        "exclude the word '%c', write it after --)",
                        a, a[1]);
                    rc = 2;
                }
                break;
            }
            if (push(&words, &n_words, a) != 0) {
                say("out of memory");
                rc = 2;
            }
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
        if (kl >= sizeof key) {
            say("unknown option '%s': try 'ivsearch --help'", a);
            rc = 2;
            break;
        }
        memcpy(key, name, kl);
        key[kl] = '\0';
        static const char *const with_value[] = {
            "db", "verdict", "topic", "limit", "offset", "sort", "color",
            "colour", "similar", "similar-text", "show", "batch", NULL};
        int takes = 0;
        for (int k = 0; with_value[k]; k++)
            takes |= !strcmp(key, with_value[k]);
        if (takes) {
            if (eq)
                val = eq + 1;
            else if (i + 1 < argc)
                val = argv[++i];
            else {
                say("option --%s needs a value", key);
                rc = 2;
                break;
            }
        } else if (eq) {
            say("option '%s' takes no value", a);
            rc = 2;
            break;
        }
        enum mode mode = MODE_SEARCH;
        if (!strcmp(key, "db")) {
            o->db_flag = val;
            o->given |= GIVEN_DB;
        } else if (!strcmp(key, "verdict")) {
            rc = push(&o->verdicts, &o->n_verdicts, val) ? 2 : 0;
            o->given |= GIVEN_VERDICT;
        } else if (!strcmp(key, "topic")) {
            rc = push(&o->topics, &o->n_topics, val) ? 2 : 0;
            o->given |= GIVEN_TOPIC;
        } else if (!strcmp(key, "limit")) {
            rc = parse_count("--limit", val, 10000, &o->limit);
            o->given |= GIVEN_LIMIT;
        } else if (!strcmp(key, "offset")) {
            rc = parse_count("--offset", val, 1000000, &o->offset);
            o->given |= GIVEN_OFFSET;
        } else if (!strcmp(key, "sort")) {
            o->given |= GIVEN_SORT;
            if (!strcmp(val, "relevance")) o->sort = IVS_SORT_RELEVANCE;
            else if (!strcmp(val, "date")) o->sort = IVS_SORT_DATE;
            else {
                say("--sort takes relevance or date, not '%s'", val);
                rc = 2;
            }
        } else if (!strcmp(key, "color") || !strcmp(key, "colour")) {
            o->given |= GIVEN_COLOR;
            if (!strcmp(val, "auto")) o->color = -1;
            else if (!strcmp(val, "always")) o->color = 1;
            else if (!strcmp(val, "never")) o->color = 0;
            else {
                say("--%s takes auto, always or never, not '%s'", key, val);
                rc = 2;
            }
        } else if (!strcmp(key, "json")) {
            o->json = 1;
            o->given |= GIVEN_JSON;
        } else if (!strcmp(key, "exact")) {
            o->exact = 1;
            o->given |= GIVEN_EXACT;
        } else if (!strcmp(key, "similar")) mode = MODE_SIMILAR;
        else if (!strcmp(key, "similar-text")) mode = MODE_SIMILAR_TEXT;
        else if (!strcmp(key, "show")) mode = MODE_SHOW;
        else if (!strcmp(key, "topics")) mode = MODE_TOPICS;
        else if (!strcmp(key, "stats")) mode = MODE_STATS;
        else if (!strcmp(key, "explain")) mode = MODE_EXPLAIN;
        else if (!strcmp(key, "batch")) {
            if (o->batch) {
                say("--batch given twice");
                rc = 2;
            }
            o->batch = val;
        } else if (!strcmp(key, "version")) o->version = 1;
        else if (!strcmp(key, "help")) {
            usage(stdout);
            rc = -1;
        } else {
            say("unknown option '%s': try 'ivsearch --help'", a);
            rc = 2;
        }
        if (rc == 0 && mode != MODE_SEARCH) {
            if (o->mode != MODE_SEARCH) {
                if (!strcmp(o->mode_flag + 2, key))
                    say("%s given twice: one at a time", o->mode_flag);
                else
                    say("%s and --%s cannot be combined: one at a time",
                        o->mode_flag, key);
                rc = 2;
                break;
            }
            o->mode = mode;
            o->mode_flag = mode == MODE_SIMILAR ? "--similar"
                           : mode == MODE_SIMILAR_TEXT ? "--similar-text"
                           : mode == MODE_SHOW ? "--show"
                           : mode == MODE_TOPICS ? "--topics"
                           : mode == MODE_STATS ? "--stats"
                                                : "--explain";
            /* invalid UTF-8 in --similar-text is read as U+FFFD, as in a
             * query (and then fits the JSON output) */
            if (val && !(o->mode_arg = ivs_utf8_repair(val, strlen(val)))) {
                say("out of memory");
                rc = 2;
            }
        }
    }
    if (rc != 0) {
        free(words);
        free_opts(o);
        return rc;
    }
    o->first_word = n_words ? words[0] : "";
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
        say("out of memory");
        free_opts(o);
        return 2;
    }
    rc = check_args(o, in_batch);
    if (rc != 0)
        free_opts(o);
    return rc;
}

/* Parses an interview id into *OUT; 2 with a message when S is not one. */
static int
parse_id(const char *flag, const char *s, uint32_t *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || end == s || v == 0 || v > 0xFFFFFFFFul ||
        !isdigit((unsigned char)*s)) {
        say("%s takes an interview id (a number from the results), not '%s'",
            flag, s);
        return 2;
    }
    *out = (uint32_t)v;
    return 0;
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
        if (norm && push(&c->stopwords, &c->n_stopwords, norm) != 0)
            free(norm);
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
 * plain query does without its millisecond. NULL after a message. */
static const ivs_topics_t *
taxonomy(ctx_t *c)
{
    if (c->taxonomy)
        return c->taxonomy;
    char *tp = ivs_data_file("topics.txt");
    size_t bad = 0;
    if (!tp || ivs_topics_load(tp, &c->taxonomy, &bad) != IVS_OK) {
        say("topic taxonomy topics.txt not found or unreadable: set "
            "IVSEARCH_DATA_DIR");
        c->taxonomy = NULL;
    }
    free(tp);
    return c->taxonomy;
}

/* Opens the analyzer (the dictionary); 0, or 2 after a message. */
static int
open_analyzer(ctx_t *c)
{
    char *err = NULL;
    char *user_dict = ivs_user_dict_file();
    ivs_status_t st = ivs_analyzer_open(NULL, user_dict, &c->analyzer, &err);
    free(user_dict);
    if (st != IVS_OK) {
        say("%s", err ? err : ivs_status_str(st));
        free(err);
        return 2;
    }
    return 0;
}

/* Why there is no database at PATH, and what to do, as one line. */
static void
say_no_database(const ctx_t *c)
{
    struct stat sb;
    char from[128];
    snprintf(from, sizeof from, "%s%s", strcmp(c->db_origin, "--db") ? "from " : "",
             c->db_origin);
    if (stat(c->db, &sb) != 0)
        say("no database at %s (%s): run ivindex first ('ivindex --db %s "
            "PATH...'), or give the database with --db", c->db, from, c->db);
    else if (!S_ISDIR(sb.st_mode))
        say("%s (%s) is a file, not an ivsearch database: give the database "
            "folder that ivindex wrote (run ivindex first if there is none)",
            c->db, from);
    else
        say("no database in the folder %s (%s): run ivindex first "
            "('ivindex --db %s PATH...'), or give the database with --db",
            c->db, from, c->db);
}

/* Opens the database, the analyzer and what the mode needs; 0, or 2 after
 * a message. */
static int
open_all(ctx_t *c)
{
    char *err = NULL;
    const char *why = NULL;
    c->db = ivs_default_db(c->o->db_flag, &why);
    if (!c->db) {
        say("%s", why);
        return 2;
    }
    c->db_origin = why;
    ivs_status_t st = ivs_reader_open(c->db, &c->reader, &err);
    if (st != IVS_OK) {
        if (st == IVS_ERR_NODB)
            say_no_database(c);
        else
            say("%s: cannot open database: %s%s%s", c->db, ivs_status_str(st),
                err ? ": " : "", err ? err : "");
        free(err);
        return 2;
    }
    /* the database must have been analysed as we analyse queries */
    char *schema = ivs_reader_metadata(c->reader, IVS_META_SCHEMA);
    struct stat sb;
    if (!schema && stat(c->db, &sb) == 0 && !S_ISDIR(sb.st_mode)) {
        /* Xapian reads an empty file as a stub database of no databases;
         * one that ivindex wrote has a schema */
        say_no_database(c);
        return 2;
    }
    if (open_analyzer(c) != 0) {
        free(schema);
        return 2;
    }
    char *analyzer = ivs_reader_metadata(c->reader, IVS_META_ANALYZER);
    char *mismatch = NULL;
    int rc = 0;
    if (ivs_schema_check(schema, analyzer, ivs_analyzer_signature(c->analyzer),
                         &mismatch) != IVS_OK) {
        say("%s: %s", c->db, mismatch ? mismatch : "database was built by "
                                         "another version: run 'ivindex --reindex'");
        rc = 2;
    }
    free(mismatch);
    free(schema);
    free(analyzer);
    if (rc)
        return rc;

    /* each mode loads only what it uses: start-up time is latency */
    enum mode m = c->o->mode;
    if (m == MODE_SEARCH || m == MODE_EXPLAIN || c->o->batch) {
        char *sp = ivs_data_file("synonyms.txt");
        if (ivs_synonyms_load(c->analyzer, sp, &c->synonyms) != IVS_OK) {
            say("%s: cannot read the synonym table", sp ? sp : "synonyms.txt");
            free(sp);
            return 2;
        }
        free(sp);
    }
    if (m == MODE_SIMILAR || m == MODE_SIMILAR_TEXT || c->o->batch)
        load_stopwords(c);
    return 0;
}

static void
list_topics(FILE *f, const ivs_topics_t *t)
{
    for (size_t i = 0; i < ivs_topics_count(t); i++)
        fprintf(f, "%s%s (%s)", i ? ", " : "", S(ivs_topics_id(t, i)),
                S(ivs_topics_name_zh(t, i)));
}

/* Adds the boolean filter terms of verdicts and topics (flags and inline);
 * 0, or 2 after a clear message on an unknown value. */
static int
add_filters(ctx_t *c, char **verdicts, size_t nv, char **topics, size_t nt)
{
    for (size_t i = 0; i < nv; i++) {
        int v = ivs_verdict_parse(verdicts[i]);
        if (v < 0) {
            say("unknown verdict '%s': use pass, fail, pending or unknown "
                "(通过, 不通过, 待定, 未知)", verdicts[i]);
            return 2;
        }
        char *term;
        if (asprintf(&term, IVS_PREFIX_VERDICT "%s",
                     ivs_verdict_name((ivs_verdict_t)v)) < 0)
            term = NULL;
        if (!term || push((char ***)&c->filters, &c->n_filters, term) != 0) {
            free(term);
            say("out of memory");
            return 2;
        }
    }
    for (size_t i = 0; i < nt; i++) {
        const ivs_topics_t *t = taxonomy(c);
        if (!t)
            return 2;
        const char *id = ivs_topics_resolve(t, topics[i]);
        if (!id) {
            char *known = NULL;
            size_t kl = 0;
            FILE *m = open_memstream(&known, &kl);
            if (m) {
                list_topics(m, t);
                fclose(m);
            }
            say("unknown topic '%s'; known topics: %s", topics[i],
                known ? known : "see --topics");
            free(known);
            return 2;
        }
        char *term;
        if (asprintf(&term, IVS_PREFIX_TOPIC "%s", id) < 0)
            term = NULL;
        if (!term || push((char ***)&c->filters, &c->n_filters, term) != 0) {
            free(term);
            say("out of memory");
            return 2;
        }
    }
    return 0;
}

static const char *
resolve_topic(void *ctx, const char *name)
{
    const ivs_topics_t *t = taxonomy(ctx);
    return t ? ivs_topics_resolve(t, name) : NULL;
}

/* ---- hits ------------------------------------------------------------------ */

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
               S(shown_source), (long long)ordinal,
               ivs_verdict_color(col, verdict ? verdict : ""),
               S(verdict ? verdict : "unknown"), col->reset);
        if (json_array_size(topics)) {
            fputs(" · ", stdout);
            for (size_t i = 0; i < json_array_size(topics); i++)
                printf("%s%s", i ? " " : "",
                       S(json_string_value(json_array_get(topics, i))));
        }
        const char *date = json_string_value(json_object_get(doc, "date"));
        if (date)
            printf(" · %s", S(date));
        if (partial) {
            printf(" · %spartial", col->dim);
            if (json_array_size(missing)) {
                fputs(", missing:", stdout);
                for (size_t i = 0; i < json_array_size(missing); i++)
                    printf(" %s", S(json_string_value(json_array_get(missing, i))));
            }
            fputs(col->reset, stdout);
        }
        putchar('\n');
        const char *title = json_string_value(json_object_get(doc, "title"));
        if (title && *title)
            printf("    %s%s%s\n", col->dim, S(title), col->reset);
        if (sn && sn->text && *sn->text) {
            fputs("    ", stdout);
            ivs_print_marked(stdout, sn->text, sn->highlights, sn->n_highlights,
                             col);
            putchar('\n');
        }
        if (shared && json_array_size(shared)) {
            printf("    %sshared:%s", col->dim, col->reset);
            for (size_t i = 0; i < json_array_size(shared); i++)
                printf(" %s", S(json_string_value(json_array_get(shared, i))));
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
    json_t *doc = ivs_docdata_decode(h->data, h->data_len);
    return doc ? doc : json_object();
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

/* One line: the NAMED set (e.g. "3 interviews"), then the facet counts of
 * R, which counts that very set. */
static void
print_facets(const ctx_t *c, const ivs_results_t *r, const char *named)
{
    if (!r)
        return;
    printf("%s%s%s", c->colors.dim, r->exact ? "" : "about ", named);
    if (r->n_verdicts) {
        fputs(" · verdict:", stdout);
        for (size_t i = 0; i < r->n_verdicts; i++)
            printf(" %s %u", S(r->verdicts[i].key), r->verdicts[i].count);
    }
    int any = 0;
    for (size_t i = 0; i < r->n_topics; i++) {
        if (!*r->topics[i].key)
            continue;
        printf("%s %s %u", any ? "," : " · topic:", S(r->topics[i].key),
               r->topics[i].count);
        any = 1;
    }
    printf("%s\n", c->colors.reset);
}

static const char *
plural(unsigned n, const char *one, const char *many)
{
    return n == 1 ? one : many;
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
            say("did you mean '%s' for '%s'?", s, con->text);
        free(s);
    }
}

static int
fail_search(ctx_t *c, ivs_status_t st)
{
    say("%s: search failed: %s (%s)", c->db, ivs_status_str(st),
        ivs_reader_error(c->reader));
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
        printf("left out:   %s (%s)\n", d ? S(d) : "?",
               k->recall == IVS_RECALL_STEM
                   ? "the stem finds few more interviews than the word"
                   : "too costly here: the whole word already matches");
        free(d);
    }
}

/* Prints the full matches, then the partial ones (PART may be NULL), with
 * the facets and any "did you mean". SEVERAL: the query has words that an
 * interview may have only some of. Totals and facets count one named set:
 * the interviews with every word, or, when there are none, the partial
 * matches. Returns the exit status: 0 when an interview has every word,
 * 1 when none has (partial matches or not), 2 on an output error. */
static int
print_results(ctx_t *c, const ivs_query_t *q, const ivs_results_t *full,
              const ivs_results_t *part, int explain, int several)
{
    unsigned partial_total = part ? part->total : 0;
    int of_partial = full->total == 0 && partial_total > 0;
    const ivs_results_t *facet_src = of_partial ? part : full;
    json_t *root = NULL, *hits = NULL;
    if (c->o->json) {
        hits = json_array();
        root = json_pack("{s:s, s:I, s:I}", "query", c->o->query, "total",
                         (json_int_t)full->total, "partial_total",
                         (json_int_t)partial_total);
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
                    printf(" %s", S(r->hits[i].matched[k]));
                fputs("\n\n", stdout);
            }
            json_decref(doc);
        }
    }
    int rc = full->total ? 0 : 1;
    if (c->o->json) {
        json_object_set_new(root, "hits", hits);
        json_object_set_new(root, "exact", json_boolean(full->exact &&
                                                        (!part || part->exact)));
        json_object_set_new(root, "facets_of",
                            json_string(of_partial ? "partial" : "full"));
        json_object_set_new(root, "facets", facets_json(facet_src));
        if (full->total == 0) {
            json_t *dym = json_object();
            suggest(c, q, dym);
            if (json_object_size(dym))
                json_object_set_new(root, "did_you_mean", dym);
            else
                json_decref(dym);
        }
        if (print_json(root) != 0)
            rc = 2;
        json_decref(root);
        return rc;
    }
    char named[160];
    if (!several) {
        snprintf(named, sizeof named, "%u %s", full->total,
                 plural(full->total, "interview", "interviews"));
        if (full->total)
            print_facets(c, full, named);
    } else if (!of_partial) {
        snprintf(named, sizeof named, "%u %s every word", full->total,
                 plural(full->total, "interview matches", "interviews match"));
        if (full->total)
            print_facets(c, full, named);
        if (full->total && partial_total)
            printf("%s%s%u more %s only some of the words (partial)%s\n",
                   c->colors.dim, part->exact ? "" : "about ", partial_total,
                   plural(partial_total, "matches", "match"), c->colors.reset);
    } else {
        snprintf(named, sizeof named,
                 "0 interviews match every word; %u partial %s", partial_total,
                 plural(partial_total, "match", "matches"));
        print_facets(c, part, named);
    }
    if (full->total == 0)
        suggest(c, q, NULL);
    return rc;
}

static int
run_search(ctx_t *c, int explain)
{
    ivs_query_t *q = NULL;
    if (ivs_query_parse(c->analyzer, c->synonyms, c->o->query, &q) != IVS_OK) {
        say("out of memory");
        return 2;
    }
    if (add_filters(c, c->o->verdicts, c->o->n_verdicts, c->o->topics,
                    c->o->n_topics) != 0 ||
        add_filters(c, q->verdicts, q->n_verdicts, q->topics, q->n_topics) != 0) {
        ivs_query_free(q);
        return 2;
    }
    const char *unknown = NULL; /* topic:a OR topic:b, in the query tree */
    if (ivs_query_resolve_topics(q, resolve_topic, c, &unknown) != IVS_OK) {
        if (!unknown || add_filters(c, NULL, 0, (char **)&unknown, 1) == 0)
            say("out of memory");
        ivs_query_free(q);
        return 2;
    }
    size_t positives = ivs_query_positives(q);
    if (positives == 0 && c->n_filters == 0 && q->n_concepts == 0 &&
        !q->topic_filter) {
        say("empty query: give words to search for or a filter such as "
            "--verdict fail (try --help)");
        ivs_query_free(q);
        return 2;
    }
    ivs_qnode_t *all = ivs_query_tree(q, 1);
    if (all)
        ivs_reader_plan(c->reader, all);
    ivs_qnode_t *near = c->o->sort == IVS_SORT_RELEVANCE
                            ? ivs_query_proximity(q) : NULL;
    if (explain) {
        printf("query:      %s\n", S(c->o->query));
        printf("normalised: %s\n", S(q->normalized));
        for (size_t i = 0; i < q->n_concepts; i++) {
            const ivs_concept_t *con = &q->concepts[i];
            printf("concept %zu:  %s%s%s\n", i + 1, con->negated ? "-" : "",
                   S(con->text), con->phrase ? " (phrase)" : "");
            for (size_t p = 0; p < con->n_patterns; p++) {
                fputs("   matches:", stdout);
                for (size_t u = 0; u < con->patterns[p].n; u++)
                    printf(" %s", S(con->patterns[p].units[u]));
                putchar('\n');
            }
            if (con->expansion)
                printf("   synonyms: %s\n", S(con->expansion));
        }
        for (size_t i = 0; i < c->n_filters; i++)
            printf("filter:     %s\n", S(c->filters[i]));
        char *d = ivs_reader_describe(all);
        printf("xapian:     %s\n", d ? S(d) : "?");
        free(d);
        explain_dropped(all);
        if (near) {
            d = ivs_qnode_describe(near);
            printf("proximity:  the best %d ranked again by %s\n",
                   IVS_PROXIMITY_DEPTH, d ? S(d) : "?");
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
    rc = print_results(c, q, full, part, explain, positives >= 2);
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

/* --similar and --similar-text. Exit status: 0 when anything is like it
 * (even with --limit 0, which counts only), 1 when nothing is. */
static int
run_similar(ctx_t *c, int from_text)
{
    if (add_filters(c, c->o->verdicts, c->o->n_verdicts, c->o->topics,
                    c->o->n_topics) != 0)
        return 2;
    ivs_search_t s = {NULL, NULL, c->filters, c->n_filters, c->o->offset,
                      c->o->limit, IVS_SORT_RELEVANCE, 1, 1, c->o->exact, NULL};
    ivs_results_t *r = NULL;
    ivs_status_t st;
    uint32_t id = 0;
    if (from_text) {
        ivs_qnode_t *q = ivs_query_from_text(c->analyzer, c->o->mode_arg,
                                             is_stopword, c);
        if (!q) {
            say("--similar-text: no words to compare in '%s'", c->o->mode_arg);
            return 2;
        }
        s.query = q;
        st = ivs_reader_search(c->reader, &s, &r);
        ivs_qnode_free(q);
    } else {
        if (parse_id("--similar", c->o->mode_arg, &id) != 0)
            return 2;
        st = ivs_reader_similar(c->reader, id, IVS_SIMILAR_TERMS, similar_accept, c,
                                &s, &r);
        if (st == IVS_ERR_NOTFOUND) {
            say("--similar %u: no interview with id %u in %s", id, id, c->db);
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
    int rc = r->total ? 0 : 1;
    if (c->o->json) {
        json_t *root = json_pack("{s:s, s:I, s:o, s:o}", "query",
                                 c->o->mode_arg, "total", (json_int_t)r->total,
                                 "hits", hits, "facets", facets_json(r));
        if (root && !from_text) {
            json_object_set_new(root, "similar", json_integer(id));
            json_t *terms = json_array();
            for (size_t i = 0; i < r->n_terms; i++)
                json_array_append_new(terms, json_string(r->terms[i]));
            json_object_set_new(root, "terms", terms);
        }
        if (print_json(root) != 0)
            rc = 2;
        json_decref(root);
    } else if (r->total) {
        char named[64];
        snprintf(named, sizeof named, "%u %s", r->total,
                 plural(r->total, "interview", "interviews"));
        print_facets(c, r, named);
    }
    ivs_results_free(r);
    return rc;
}

static int
run_show(ctx_t *c)
{
    uint32_t id;
    if (parse_id("--show", c->o->mode_arg, &id) != 0)
        return 2;
    ivs_status_t st;
    size_t len = 0;
    char *data = ivs_reader_document(c->reader, id, &len, &st);
    if (!data) {
        if (st == IVS_ERR_NOTFOUND) {
            say("--show %u: no interview with id %u in %s", id, id, c->db);
            return 2;
        }
        return fail_search(c, st);
    }
    ivs_hit_t h = {id, 0, data, len, NULL, 0};
    json_t *doc = parse_doc(&h);
    const char *source = json_string_value(json_object_get(doc, "source"));
    char *shown = ivs_display_path(source ? source : "?");
    int rc = 0;
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
        rc = print_json(o);
        json_decref(o);
    } else {
        const ivs_colors_t *col = &c->colors;
        const char *verdict = json_string_value(json_object_get(doc, "verdict"));
        printf("%s[%u]%s %s #%lld · %s%s%s\n", col->bold, id, col->reset,
               S(shown),
               (long long)json_integer_value(json_object_get(doc, "ordinal")),
               ivs_verdict_color(col, verdict ? verdict : ""),
               S(verdict ? verdict : "unknown"), col->reset);
        json_t *topics = json_object_get(doc, "topics");
        if (json_array_size(topics)) {
            fputs("topics:", stdout);
            for (size_t i = 0; i < json_array_size(topics); i++)
                printf(" %s", S(json_string_value(json_array_get(topics, i))));
            putchar('\n');
        }
        static const char *const extra[] = {"title", "candidate", "role",
                                            "date", NULL};
        for (int i = 0; extra[i]; i++) {
            const char *v = json_string_value(json_object_get(doc, extra[i]));
            if (v && *v)
                printf("%s: %s\n", extra[i], S(v));
        }
        json_t *text = json_object_get(doc, "text");
        putchar('\n');
        ivs_safe_write(stdout, json_string_value(text) ? json_string_value(text) : "",
                       json_string_length(text), IVS_SAFE_LINES);
        putchar('\n');
    }
    free(shown);
    json_decref(doc);
    free(data);
    return rc;
}

/* Writes S padded with spaces to WIDTH display columns (CJK characters
 * take two). */
static void
put_padded(const char *s, size_t width)
{
    size_t w = ivs_display_width(s, strlen(s));
    fputs(s, stdout);
    for (; w < width; w++)
        putchar(' ');
}

static int
run_topics(ctx_t *c, int stats)
{
    const ivs_topics_t *t = taxonomy(c);
    if (!t)
        return 2;
    json_t *topics = json_array();
    for (size_t i = 0; i < ivs_topics_count(t); i++) {
        char *term;
        if (asprintf(&term, IVS_PREFIX_TOPIC "%s", ivs_topics_id(t, i)) < 0) {
            say("out of memory");
            json_decref(topics);
            return 2;
        }
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
    int rc = 0;
    if (c->o->json) {
        /* a path need not be UTF-8; JSON strings must be */
        char *db = ivs_utf8_repair(c->db, strlen(c->db));
        json_t *o = stats ? json_pack("{s:s, s:I, s:O, s:O}", "db", db ? db : "",
                                      "interviews", (json_int_t)docs, "verdict",
                                      verdicts, "topics", topics)
                          : json_pack("{s:O}", "topics", topics);
        free(db);
        char *sig = ivs_reader_metadata(c->reader, IVS_META_ANALYZER);
        if (o && stats && sig)
            json_object_set_new(o, "analyzer", json_string(sig));
        free(sig);
        rc = print_json(o);
        json_decref(o);
    } else {
        if (stats) {
            printf("database:   %s\ninterviews: %u\nverdicts:  ", S(c->db), docs);
            for (int i = 0; i < 4; i++)
                printf(" %s %lld", names[i],
                       (long long)json_integer_value(json_object_get(verdicts, names[i])));
            printf("\ntopics:\n");
        }
        /* columns as wide as their widest name, by display width */
        size_t wid[3] = {0, 0, 0};
        static const char *const keys[3] = {"id", "name", "name_en"};
        for (size_t i = 0; i < json_array_size(topics); i++)
            for (int k = 0; k < 3; k++) {
                const char *v = S(json_string_value(
                    json_object_get(json_array_get(topics, i), keys[k])));
                size_t w = ivs_display_width(v, strlen(v));
                if (w > wid[k])
                    wid[k] = w;
            }
        for (size_t i = 0; i < json_array_size(topics); i++) {
            json_t *tp = json_array_get(topics, i);
            fputs("  ", stdout);
            for (int k = 0; k < 3; k++) {
                put_padded(S(json_string_value(json_object_get(tp, keys[k]))),
                           wid[k]);
                putchar(' ');
            }
            printf("%5lld\n",
                   (long long)json_integer_value(json_object_get(tp, "count")));
        }
    }
    json_decref(topics);
    json_decref(verdicts);
    return rc;
}

/* --version: what this ivsearch is and how it reads a database. Needs no
 * database; the analyzer's signature needs the dictionary. */
static int
run_version(const opts_t *o)
{
    ivs_analyzer_t *a = NULL;
    char *err = NULL;
    char *user_dict = ivs_user_dict_file();
    ivs_status_t st = ivs_analyzer_open(NULL, user_dict, &a, &err);
    free(user_dict);
    const char *sig = a ? ivs_analyzer_signature(a) : NULL;
    int rc = 0;
    if (o->json) {
        json_t *j = json_pack("{s:s, s:i, s:i, s:s}", "ivsearch", IVS_VERSION,
                              "analyzer_version", IVS_ANALYZER_VERSION,
                              "schema", IVS_SCHEMA_VERSION, "xapian",
                              ivs_reader_xapian_version());
        if (j)
            json_object_set_new(j, "analyzer", sig ? json_string(sig)
                                                   : json_null());
        rc = print_json(j);
        json_decref(j);
    } else {
        printf("ivsearch %s\n", IVS_VERSION);
        printf("analyzer: version %d, ", IVS_ANALYZER_VERSION);
        if (sig)
            printf("signature \"%s\"\n", S(sig));
        else
            printf("no dictionary: %s\n",
                   S(err ? err : ivs_status_str(st)));
        printf("schema:   %d\n", IVS_SCHEMA_VERSION);
        printf("Xapian:   %s\n", ivs_reader_xapian_version());
    }
    free(err);
    ivs_analyzer_close(a);
    return rc;
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
clear_filters(ctx_t *c)
{
    for (size_t i = 0; i < c->n_filters; i++)
        free((char *)c->filters[i]);
    free(c->filters);
    c->filters = NULL;
    c->n_filters = 0;
}

static void
set_colors(ctx_t *c, const opts_t *o)
{
    int color = o->color == -1 ? isatty(1) && !getenv("NO_COLOR") : o->color;
    ivs_colors_init(&c->colors, color && !o->json);
}

#define BATCH_MAX_ARGS 255

/* The options given with --batch are defaults for each line; a line's own
 * win. A mode that has no use for one (--show and --limit) leaves it. */
static void
inherit(opts_t *o, const opts_t *outer)
{
    int search = o->mode == MODE_SEARCH || o->mode == MODE_EXPLAIN;
    int similar = o->mode == MODE_SIMILAR || o->mode == MODE_SIMILAR_TEXT;
    o->json = o->json || outer->json;
    if (!(o->given & GIVEN_COLOR))
        o->color = outer->color;
    if (!(search || similar))
        return;
    if (!(o->given & GIVEN_LIMIT) && (outer->given & GIVEN_LIMIT))
        o->limit = outer->limit;
    if (!(o->given & GIVEN_OFFSET) && (outer->given & GIVEN_OFFSET))
        o->offset = outer->offset;
    if (!(o->given & GIVEN_EXACT))
        o->exact = outer->exact;
    if (search && !(o->given & GIVEN_SORT))
        o->sort = outer->sort;
}

/* --batch: every line of FILE is one ivsearch command line (arguments
 * separated by tabs) run against the database opened once; its time and
 * exit status go to stderr, one line per input line (empty lines are
 * skipped), after any message of its own. A bad line gets status 2 and the
 * batch goes on. Measures the query work without process start-up. Exit
 * status: 2 when a line had an error, else 0. */
static int
run_batch(ctx_t *c, const char *path)
{
    FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
    if (!f) {
        say("--batch %s: %s", path, strerror(errno));
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
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        char *argv[BATCH_MAX_ARGS + 2];
        int argc = 0, rc;
        argv[argc++] = (char *)prog;
        char *tok = strtok(line, "\t");
        for (; tok && argc <= BATCH_MAX_ARGS; tok = strtok(NULL, "\t"))
            argv[argc++] = tok;
        argv[argc] = NULL;
        opts_t o;
        if (tok) {
            say("a batch line has more than %d arguments", BATCH_MAX_ARGS);
            rc = 2;
        } else if ((rc = parse_args(argc, argv, &o, 1)) == 0) {
            inherit(&o, outer);
            if (o.mode == MODE_EXPLAIN && o.json) {
                say("--explain in a --json batch: --explain has no JSON form");
                rc = 2;
            } else {
                set_colors(c, &o);
                c->o = &o;
                rc = o.version ? run_version(&o) : run_mode(c);
                clear_filters(c);
                c->o = outer;
            }
            free_opts(&o);
        } else if (rc < 0) {
            rc = 0; /* --help */
        }
        fflush(stdout);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        fprintf(stderr, "%.3f\t%d\n",
                (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
                    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6,
                rc);
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
    int rc = parse_args(argc, argv, &o, 0);
    if (rc != 0)
        return rc < 0 ? 0 : rc;
    if (o.version) {
        rc = run_version(&o);
        free_opts(&o);
        free_safe_ring();
        return rc;
    }
    ctx_t c = {0};
    c.o = &o;
    set_colors(&c, &o);
    rc = open_all(&c);
    if (rc == 0)
        rc = o.batch ? run_batch(&c, o.batch) : run_mode(&c);
    if (fflush(stdout) != 0 && rc != 2) {
        say("cannot write results: %s", strerror(errno));
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
    free_safe_ring();
    return rc;
}
