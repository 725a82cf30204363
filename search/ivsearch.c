/* ivsearch: the command line of the search library (ivs/search.h): reads
 * the options, opens the searcher, calls it and formats its answers
 * (ivs/format.h), and chooses the exit status. */
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
#include "ivs/format.h"
#include "ivs/output.h"
#include "ivs/reader.h"
#include "ivs/safetext.h"
#include "ivs/schema.h"
#include "ivs/search.h"

#define DEFAULT_LIMIT 10
#ifndef IVS_VERSION
#define IVS_VERSION "0.1.0" /* project(VERSION) in CMakeLists.txt */
#endif

static const char *prog = "ivsearch";

enum mode {
    MODE_SEARCH,
    MODE_SIMILAR,
    MODE_SIMILAR_TEXT,
    MODE_SHOW,
    MODE_TOPICS,
    MODE_STATS,
    MODE_EXPLAIN
};

/* the options given, to refuse those a mode would silently drop */
enum {
    GIVEN_LIMIT = 1,
    GIVEN_OFFSET = 2,
    GIVEN_SORT = 4,
    GIVEN_EXACT = 8,
    GIVEN_VERDICT = 16,
    GIVEN_TOPIC = 32,
    GIVEN_DB = 64,
    GIVEN_JSON = 128,
    GIVEN_COLOR = 256,
    GIVEN_FIELD = 512,  /* --candidate, --role, --round, --interviewer,
                         --since, --until */
    GIVEN_SHARDS = 1024 /* --strict, --timeout */
};

typedef struct {
    const char *db_flag;
    int strict;          /* --strict: a shard unreachable is an error */
    unsigned timeout_ms; /* --timeout: of remote shards (0: default) */
    char **verdicts;
    size_t n_verdicts;
    char **topics;
    size_t n_topics;
    char **fields[IVS_FIELD_COUNT]; /* --candidate ... (IVS_FIELD_*) */
    size_t n_fields[IVS_FIELD_COUNT];
    const char *since, *until;
    unsigned limit, offset;
    int sort;
    int json;
    int exact;   /* --exact: count every match */
    int color;   /* -1 auto */
    int version; /* --version */
    enum mode mode;
    const char *mode_flag;  /* "--similar", ... as given */
    char *mode_arg;         /* its value, invalid UTF-8 read as U+FFFD */
    const char *batch;      /* --batch FILE: one query per line */
    char *query;            /* the QUERY words joined by spaces */
    const char *first_word; /* the first of them, for messages */
    unsigned given;         /* GIVEN_* */
} opts_t;

typedef struct {
    opts_t *o;
    char *db;
    const char *db_origin; /* where db came from: "--db", "$IVSEARCH_DB", ... */
    ivs_searcher_t *searcher;
    ivs_colors_t colors;
} ctx_t;

/* ---- messages and data on the terminal ----------------------------------------- */

/* One line to stderr, "ivsearch: ...". The whole line goes through
 * ivs_safe_write(): the format strings are ours, the arguments are data
 * (queries, paths, names), and a newline in them stays on the line as \n. */
#define say(...) ivs_say(prog, __VA_ARGS__)

/* The JSON of an answer is written; 2 (with a message) when it could not
 * be built. */
static int
json_written(int rc)
{
    if (rc != 0) {
        say("cannot build the JSON output (out of memory)");
        return 2;
    }
    return 0;
}

/* ---- options ------------------------------------------------------------------- */

static void
usage(FILE *f)
{
    fprintf(
        f,
        "usage: ivsearch [options] QUERY...         search\n"
        "       ivsearch [options] --verdict V | --topic T   list by filter\n"
        "       ivsearch --candidate NAME   every interview of NAME, newest "
        "first\n"
        "       ivsearch --similar ID [filters] [--limit N] [--offset N]\n"
        "       ivsearch --similar-text TEXT [filters] [--limit N] [--offset "
        "N]\n"
        "       ivsearch --show ID\n"
        "       ivsearch --topics | --stats\n"
        "       ivsearch --explain [filters] [--sort S] QUERY...\n"
        "       ivsearch --batch FILE\n"
        "\n"
        "Searching:\n"
        "  --verdict V      only interviews with verdict V: pass, fail, "
        "pending,\n"
        "                   unknown (通过, 不通过, 待定, 未知); repeat for any "
        "of them\n"
        "  --topic T        only interviews on topic T (id, Chinese or "
        "English\n"
        "                   name, see --topics); repeated topics must all "
        "hold\n"
        "  --candidate NAME, --role R, --round R, --interviewer NAME\n"
        "                   only interviews with that field (case, width "
        "and\n"
        "                   spaces next to Chinese ignored; rounds as 二面 = "
        "2面 =\n"
        "                   round 2, 终面 = final, HR面); repeat for any of "
        "them\n"
        "  --since DATE, --until DATE  interviews dated from/until DATE\n"
        "                   (2024-07-12, 2024-07 or 2024; inclusive)\n"
        "  --limit N        show N interviews (default %d, at most 10000); 0 "
        "counts\n"
        "                   only: totals and facets, no hits\n"
        "  --offset N       skip the first N interviews (paging)\n"
        "  --sort S         relevance (default) or date (newest first, "
        "undated\n"
        "                   last)\n"
        "  --exact          count every match: totals and facets are exact up "
        "to\n"
        "                   %d matches, estimated beyond\n"
        "Other modes (each alone; with no query words):\n"
        "  --similar ID     the interviews most like interview ID\n"
        "  --similar-text TEXT  the interviews most like TEXT\n"
        "  --show ID        one interview in full\n"
        "  --topics         the topics, with how many interviews have each\n"
        "  --stats          the database: path, counts by verdict and topic\n"
        "  --explain        how the query was read and run, then its results\n"
        "                   (for people: not with --json)\n"
        "  --batch FILE     one command line per line of FILE ('-': stdin), "
        "its\n"
        "                   arguments separated by tabs, against the database\n"
        "                   opened once; per line '<ms>\\t<exit status>' on "
        "stderr\n"
        "                   (--db, --json, --color, --limit, --offset, --sort "
        "and\n"
        "                   --exact given with it are defaults for the lines;\n"
        "                   no --db in lines)\n"
        "Everywhere:\n"
        "  --db DIR         the database (else $IVSEARCH_DB, else\n"
        "                   $XDG_DATA_HOME/ivsearch/db, else\n"
        "                   $HOME/.local/share/ivsearch/db)\n"
        "  --json           one JSON object on stdout\n"
        "  --timeout MS     connect and per-query timeout of remote shards\n"
        "                   (else $IVSEARCH_TIMEOUT_MS, else 10000)\n"
        "  --strict         a shard unreachable is an error (exit 2); else\n"
        "                   the answer comes from the shards reachable and\n"
        "                   says which are not\n"
        "  --color W        auto (default: on a terminal, unless NO_COLOR is "
        "set),\n"
        "                   always or never (also --colour)\n"
        "  --help, -h       this help\n"
        "  --version        versions of ivsearch, its analyzer, schema and "
        "Xapian\n"
        "  --               the rest are query words, even when they start "
        "with -\n"
        "\n"
        "Query: words are ANDed; \"quoted phrase\"; -word excludes (a "
        "one-letter\n"
        "-x is read as an option: write it after --); a OR b; verdict:pass "
        "and\n"
        "topic:中间件, candidate:, role:, round:, interviewer:, since:, until: "
        "filter\n"
        "like the flags.\n"
        "Exit status: 0 at least one interview matches every word (or, for\n"
        "--similar, anything matches), 1 none (partial matches are still "
        "shown),\n"
        "2 error.\n",
        DEFAULT_LIMIT, IVS_FACET_EXACT);
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
    for (int k = 0; k < IVS_FIELD_COUNT; k++)
        free(o->fields[k]);
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
    } names[] = {{GIVEN_VERDICT, "--verdict"},
                 {GIVEN_TOPIC, "--topic"},
                 {GIVEN_FIELD, "a field filter (--candidate, --role, --round, "
                               "--interviewer, --since, --until)"},
                 {GIVEN_LIMIT, "--limit"},
                 {GIVEN_OFFSET, "--offset"},
                 {GIVEN_SORT, "--sort"},
                 {GIVEN_EXACT, "--exact"}};
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
    if (in_batch && (o->given & (GIVEN_DB | GIVEN_SHARDS))) {
        say("%s in a batch line: the batch uses the database it was started "
            "with; give it before --batch",
            o->given & GIVEN_DB ? "--db" : "--strict or --timeout");
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
                : other                ? other
                                       : o->first_word);
            return 2;
        }
        return 0;
    }
    const char *other = NULL;
    switch (o->mode) {
    case MODE_SEARCH: break;
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
    default: other = unused_option(o->given, 0); break;
    }
    if (other) {
        say("%s cannot be combined with %s%s", o->mode_flag, other,
            !strcmp(other, "--sort") ? ": it ranks by likeness" : "");
        return 2;
    }
    if (o->mode != MODE_SEARCH && o->mode != MODE_EXPLAIN && *o->query) {
        say("%s takes no query words, got '%s'%s", o->mode_flag, o->first_word,
            o->mode == MODE_SIMILAR ? ": search for them, or use --similar-text"
                                    : "");
        return 2;
    }
    if ((o->mode == MODE_SEARCH || o->mode == MODE_EXPLAIN) && !*o->query &&
        !o->n_verdicts && !o->n_topics && !(o->given & GIVEN_FIELD)) {
        say("no query: give words to search for or a filter (try 'ivsearch "
            "--help')");
        return 2;
    }
    return 0;
}

/* The IVS_FIELD_* that option KEY (--candidate ...) filters on, or -1. */
static int
field_option(const char *key)
{
    for (int k = 0; k < IVS_FIELD_COUNT; k++)
        if (!strcmp(key, ivs_query_field_name(k)))
            return k;
    return -1;
}

/* Sets the option KEY (as in --KEY) with value VAL (NULL for a flag); A
 * is the argument as given. *MODE gets the mode it asks for. Returns 0, 2
 * after a message, or -1 when the help was printed. */
static int
set_option(opts_t *o, const char *key, const char *val, const char *a,
           enum mode *mode)
{
    int rc = 0;
    if (!strcmp(key, "db")) {
        o->db_flag = val;
        o->given |= GIVEN_DB;
    } else if (!strcmp(key, "verdict")) {
        rc = push(&o->verdicts, &o->n_verdicts, val) ? 2 : 0;
        o->given |= GIVEN_VERDICT;
    } else if (!strcmp(key, "topic")) {
        rc = push(&o->topics, &o->n_topics, val) ? 2 : 0;
        o->given |= GIVEN_TOPIC;
    } else if (field_option(key) >= 0) {
        int k = field_option(key);
        rc = push(&o->fields[k], &o->n_fields[k], val) ? 2 : 0;
        o->given |= GIVEN_FIELD;
    } else if (!strcmp(key, "since") || !strcmp(key, "until")) {
        *(key[0] == 's' ? &o->since : &o->until) = val;
        o->given |= GIVEN_FIELD;
    } else if (!strcmp(key, "limit")) {
        rc = parse_count("--limit", val, 10000, &o->limit);
        o->given |= GIVEN_LIMIT;
    } else if (!strcmp(key, "offset")) {
        rc = parse_count("--offset", val, 1000000, &o->offset);
        o->given |= GIVEN_OFFSET;
    } else if (!strcmp(key, "sort")) {
        o->given |= GIVEN_SORT;
        if (!strcmp(val, "relevance"))
            o->sort = IVS_SORT_RELEVANCE;
        else if (!strcmp(val, "date"))
            o->sort = IVS_SORT_DATE;
        else {
            say("--sort takes relevance or date, not '%s'", val);
            rc = 2;
        }
    } else if (!strcmp(key, "color") || !strcmp(key, "colour")) {
        o->given |= GIVEN_COLOR;
        if (!strcmp(val, "auto"))
            o->color = -1;
        else if (!strcmp(val, "always"))
            o->color = 1;
        else if (!strcmp(val, "never"))
            o->color = 0;
        else {
            say("--%s takes auto, always or never, not '%s'", key, val);
            rc = 2;
        }
    } else if (!strcmp(key, "strict")) {
        o->strict = 1;
        o->given |= GIVEN_SHARDS;
    } else if (!strcmp(key, "timeout")) {
        rc = parse_count("--timeout", val, 3600000, &o->timeout_ms);
        if (rc == 0 && o->timeout_ms == 0) {
            say("--timeout takes milliseconds from 1 to 3600000, not '0'");
            rc = 2;
        }
        o->given |= GIVEN_SHARDS;
    } else if (!strcmp(key, "json")) {
        o->json = 1;
        o->given |= GIVEN_JSON;
    } else if (!strcmp(key, "exact")) {
        o->exact = 1;
        o->given |= GIVEN_EXACT;
    } else if (!strcmp(key, "similar"))
        *mode = MODE_SIMILAR;
    else if (!strcmp(key, "similar-text"))
        *mode = MODE_SIMILAR_TEXT;
    else if (!strcmp(key, "show"))
        *mode = MODE_SHOW;
    else if (!strcmp(key, "topics"))
        *mode = MODE_TOPICS;
    else if (!strcmp(key, "stats"))
        *mode = MODE_STATS;
    else if (!strcmp(key, "explain"))
        *mode = MODE_EXPLAIN;
    else if (!strcmp(key, "batch")) {
        if (o->batch) {
            say("--batch given twice");
            rc = 2;
        }
        o->batch = val;
    } else if (!strcmp(key, "version"))
        o->version = 1;
    else if (!strcmp(key, "help")) {
        usage(stdout);
        rc = -1;
    } else {
        say("unknown option '%s': try 'ivsearch --help'", a);
        rc = 2;
    }
    return rc;
}

/* Sets MODE, asked for by --KEY with value VAL; 0, or 2 after a message
 * when another mode was set. */
static int
set_mode(opts_t *o, enum mode mode, const char *key, const char *val)
{
    if (o->mode != MODE_SEARCH) {
        if (!strcmp(o->mode_flag + 2, key))
            say("%s given twice: one at a time", o->mode_flag);
        else
            say("%s and --%s cannot be combined: one at a time", o->mode_flag,
                key);
        return 2;
    }
    o->mode = mode;
    o->mode_flag = mode == MODE_SIMILAR        ? "--similar"
                   : mode == MODE_SIMILAR_TEXT ? "--similar-text"
                   : mode == MODE_SHOW         ? "--show"
                   : mode == MODE_TOPICS       ? "--topics"
                   : mode == MODE_STATS        ? "--stats"
                                               : "--explain";
    /* invalid UTF-8 in --similar-text is read as U+FFFD, as in a
     * query (and then fits the JSON output) */
    if (val && !(o->mode_arg = ivs_utf8_repair(val, strlen(val)))) {
        say("out of memory");
        return 2;
    }
    return 0;
}

/* The option at ARGV[*I] ("--name" or "--name=value"), taking its value
 * from the next argument when it needs one. Returns as set_option(). */
static int
parse_option(int argc, char **argv, int *i, opts_t *o)
{
    const char *a = argv[*i];
    const char *name = a + 2, *val = NULL;
    char key[32];
    const char *eq = strchr(name, '=');
    size_t kl = eq ? (size_t)(eq - name) : strlen(name);
    if (kl >= sizeof key) {
        say("unknown option '%s': try 'ivsearch --help'", a);
        return 2;
    }
    memcpy(key, name, kl);
    key[kl] = '\0';
    static const char *const with_value[] = {
        "db",          "verdict", "topic",     "limit",   "offset",
        "sort",        "color",   "colour",    "similar", "similar-text",
        "show",        "batch",   "candidate", "role",    "round",
        "interviewer", "since",   "until",     "timeout", NULL};
    int takes = 0;
    for (int k = 0; with_value[k]; k++)
        takes |= !strcmp(key, with_value[k]);
    if (takes) {
        if (eq)
            val = eq + 1;
        else if (*i + 1 < argc)
            val = argv[++*i];
        else {
            say("option --%s needs a value", key);
            return 2;
        }
    } else if (eq) {
        say("option '%s' takes no value", a);
        return 2;
    }
    enum mode mode = MODE_SEARCH;
    int rc = set_option(o, key, val, a, &mode);
    if (rc == 0 && mode != MODE_SEARCH)
        rc = set_mode(o, mode, key, val);
    return rc;
}

/* The N query WORDS joined by spaces into O->query; 0, or 2 after a
 * message. */
static int
join_words(opts_t *o, char **words, size_t n_words)
{
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
    /* invalid UTF-8 in a query is read as U+FFFD, as it is echoed in JSON */
    o->query = joined ? ivs_utf8_repair(joined, strlen(joined)) : NULL;
    free(joined);
    if (!o->query) {
        say("out of memory");
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
        rc = parse_option(argc, argv, &i, o);
    }
    if (rc == 0)
        rc = join_words(o, words, n_words);
    free(words);
    if (rc == 0)
        rc = check_args(o, in_batch);
    if (rc != 0)
        free_opts(o);
    return rc;
}

/* Parses an interview id into *OUT; 2 when S is not one, with a message
 * unless QUIET. */
static int
parse_id(const char *flag, const char *s, uint32_t *out, int quiet)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || end == s || v == 0 || v > 0xFFFFFFFFul ||
        !isdigit((unsigned char)*s)) {
        if (!quiet)
            say("%s takes an interview id (a number from the results), not "
                "'%s'",
                flag, s);
        return 2;
    }
    *out = (uint32_t)v;
    return 0;
}

/* ---- the database ----------------------------------------------------------- */

/* Why there is no database at PATH, and what to do, as one line. */
static void
say_no_database(const ctx_t *c)
{
    struct stat sb;
    char from[128];
    snprintf(from, sizeof from, "%s%s",
             strcmp(c->db_origin, "--db") ? "from " : "", c->db_origin);
    if (stat(c->db, &sb) != 0)
        say("no database at %s (%s): run ivindex first ('ivindex --db %s "
            "PATH...'), or give the database with --db",
            c->db, from, c->db);
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
/* Opens the searcher on the database, loading what the mode needs up
 * front (start-up time is latency); 0, or 2 after a message. */
static int
open_all(ctx_t *c)
{
    const char *why = NULL;
    c->db = ivs_default_db(c->o->db_flag, &why);
    if (!c->db) {
        say("%s", why);
        return 2;
    }
    c->db_origin = why;
    enum mode m = c->o->mode;
    unsigned preload = 0;
    if (m == MODE_SEARCH || m == MODE_EXPLAIN || c->o->batch)
        preload |= IVS_SEARCHER_SYNONYMS;
    if (m == MODE_SIMILAR || m == MODE_SIMILAR_TEXT || c->o->batch)
        preload |= IVS_SEARCHER_STOPWORDS;
    char *err = NULL;
    ivs_reader_set_timeout(c->o->timeout_ms);
    ivs_status_t st = ivs_searcher_open(c->db, preload, &c->searcher, &err);
    if (st == IVS_ERR_NODB)
        say_no_database(c);
    else if (st != IVS_OK)
        say("%s", err ? err : ivs_status_str(st));
    free(err);
    return st == IVS_OK ? 0 : 2;
}

/* ---- the modes: the library's answer, formatted ------------------------------ */

/* The request of the options O. */
static ivs_search_request_t
request_of(const opts_t *o, const char *query)
{
    ivs_search_request_t req = {query,
                                (const char *const *)o->verdicts,
                                o->n_verdicts,
                                (const char *const *)o->topics,
                                o->n_topics,
                                o->offset,
                                o->limit,
                                o->sort,
                                o->exact,
                                0,
                                {0},
                                {0},
                                NULL,
                                NULL,
                                0};
    for (int k = 0; k < IVS_FIELD_COUNT; k++) {
        req.fields[k] = (const char *const *)o->fields[k];
        req.n_fields[k] = o->n_fields[k];
    }
    req.since = o->since;
    req.until = o->until;
    return req;
}

/* Tells which shards the last answer was given without ("1 of 4 shards
 * unreachable: HOST:PORT"); with --strict that is an error. 0, or 2 when
 * the answer must not be given. */
static int
shards_missing(const ctx_t *c)
{
    const char *const *names = NULL;
    size_t total = 0;
    size_t n = ivs_searcher_degraded(c->searcher, &names, &total);
    if (n == 0)
        return 0;
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(names[i]) + 2;
    char *list = malloc(len);
    if (list) {
        list[0] = '\0';
        for (size_t i = 0; i < n; i++) {
            strcat(list, i ? ", " : "");
            strcat(list, names[i]);
        }
    }
    say("%s%zu of %zu shards unreachable: %s", c->o->strict ? "--strict: " : "",
        n, total, list ? list : "?");
    free(list);
    return c->o->strict ? 2 : 0;
}

/* The searcher's message for a failed call; 2. */
static int
failed(const ctx_t *c)
{
    say("%s", ivs_searcher_error(c->searcher));
    return 2;
}

/* A search (EXPLAIN: --explain). Exit status: 0 when an interview has
 * every word, 1 when none has (partial matches or not), 2 on an error. */
static int
run_search(ctx_t *c, int explain)
{
    ivs_search_request_t req = request_of(c->o, c->o->query);
    req.explain = explain;
    ivs_search_results_t *r = NULL;
    if (ivs_search_run(c->searcher, &req, &r) != IVS_OK)
        return failed(c);
    if (shards_missing(c)) {
        ivs_search_results_free(r);
        return 2;
    }
    int rc = r->full.total ? 0 : 1;
    if (c->o->json) {
        if (json_written(ivs_format_search_json(stdout, c->o->query, r)))
            rc = 2;
    } else {
        ivs_format_search(stdout, c->o->query, r, &c->colors);
        for (size_t i = 0; i < r->n_suggestions; i++)
            say("did you mean '%s' for '%s'?", r->suggestions[i].suggestion,
                r->suggestions[i].word);
    }
    ivs_search_results_free(r);
    return rc;
}

/* --similar and --similar-text. Exit status: 0 when anything is like it
 * (even with --limit 0, which counts only), 1 when nothing is. */
static int
run_similar(ctx_t *c, int from_text)
{
    const char *arg = c->o->mode_arg;
    ivs_search_request_t req = request_of(c->o, arg);
    ivs_search_results_t *r = NULL;
    ivs_status_t st;
    uint32_t id = 0;
    if (from_text) {
        st = ivs_search_similar_text(c->searcher, &req, &r);
        if (st == IVS_ERR_INPUT) {
            say("--similar-text: %s", ivs_searcher_error(c->searcher));
            return 2;
        }
    } else {
        /* a bad id is told after bad filters: the library checks those
         * first, and refuses id 0 */
        int bad_id = parse_id("--similar", arg, &id, 1) != 0;
        st = ivs_search_similar(c->searcher, bad_id ? 0 : id, &req, &r);
        if (st == IVS_ERR_INPUT && bad_id)
            return parse_id("--similar", arg, &id, 0);
        if (st == IVS_ERR_NOTFOUND) {
            say("--similar %u: %s", id, ivs_searcher_error(c->searcher));
            return 2;
        }
    }
    if (st != IVS_OK)
        return failed(c);
    if (shards_missing(c)) {
        ivs_search_results_free(r);
        return 2;
    }
    int rc = r->full.total ? 0 : 1;
    if (c->o->json) {
        if (json_written(ivs_format_similar_json(stdout, arg, id, r)))
            rc = 2;
    } else {
        ivs_format_similar(stdout, r, &c->colors);
    }
    ivs_search_results_free(r);
    return rc;
}

static int
run_show(ctx_t *c)
{
    uint32_t id;
    if (parse_id("--show", c->o->mode_arg, &id, 0) != 0)
        return 2;
    ivs_interview_t *iv = NULL;
    ivs_status_t st = ivs_search_show(c->searcher, id, &iv);
    if (st == IVS_ERR_NOTFOUND) {
        say("--show %u: %s", id, ivs_searcher_error(c->searcher));
        return 2;
    }
    if (st != IVS_OK)
        return failed(c);
    if (shards_missing(c)) {
        ivs_interview_free(iv);
        return 2;
    }
    int rc = 0;
    if (c->o->json)
        rc = json_written(ivs_format_interview_json(stdout, iv));
    else
        ivs_format_interview(stdout, iv, &c->colors);
    ivs_interview_free(iv);
    return rc;
}

/* --topics, or with STATS --stats. */
static int
run_topics(ctx_t *c, int stats)
{
    ivs_search_stats_t *st = NULL;
    if ((stats ? ivs_search_stats(c->searcher, &st)
               : ivs_search_topics(c->searcher, &st)) != IVS_OK)
        return failed(c);
    if (shards_missing(c)) {
        ivs_search_stats_free(st);
        return 2;
    }
    int rc = 0;
    if (c->o->json)
        rc = json_written(ivs_format_stats_json(stdout, st, stats));
    else
        ivs_format_stats(stdout, st, stats);
    ivs_search_stats_free(st);
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
        json_t *j =
            json_pack("{s:s, s:i, s:i, s:s}", "ivsearch", IVS_VERSION,
                      "analyzer_version", IVS_ANALYZER_VERSION, "schema",
                      IVS_SCHEMA_VERSION, "xapian", ivs_xapian_version());
        if (j)
            json_object_set_new(j, "analyzer",
                                sig ? json_string(sig) : json_null());
        rc = json_written(ivs_json_print(stdout, j));
        json_decref(j);
    } else {
        printf("ivsearch %s\n", IVS_VERSION);
        printf("analyzer: version %d, ", IVS_ANALYZER_VERSION);
        const char *shown = sig ? sig : err ? err : ivs_status_str(st);
        char *safe = ivs_safe_text(shown, strlen(shown), IVS_SAFE_LINE);
        printf(sig ? "signature \"%s\"\n" : "no dictionary: %s\n",
               safe ? safe : "?");
        free(safe);
        printf("schema:   %d\n", IVS_SCHEMA_VERSION);
        printf("Xapian:   %s\n", ivs_xapian_version());
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
    o->strict = outer->strict; /* (not given in lines) */
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
    ivs_searcher_close(c.searcher);
    free(c.db);
    free_opts(&o);
    return rc;
}
