/* ivindex: indexes interview-note archives into the Xapian database. The
 * work is the indexer library's (ivs/index.h); this program reads the
 * options, opens, runs, and tells the user. */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <jansson.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ivs/analyze.h"
#include "ivs/index.h"
#include "ivs/readers.h"
#include "ivs/record.h"
#include "ivs/safetext.h"
#include "ivs/schema.h"
#include "ivs/shards.h"
#include "ivs/writer.h"

static const char *prog = "ivindex";
static volatile sig_atomic_t interrupted;

static void
on_signal(int sig)
{
    (void)sig;
    interrupted = 1;
}

/* "ivindex: MESSAGE", every character of it escaped for the terminal. */
#define say(...) ivs_say(prog, __VA_ARGS__)

/* What the user asked for, and the state of the progress bar. */
typedef struct {
    int quiet, json, progress;
    double last_progress;
    int said_no_pdftotext; /* the warning is given once */
} ui_t;

/* The indexer's warnings: "ivindex: PATH: MESSAGE" (not with --quiet),
 * over the progress bar. */
static void
on_warn(void *ctx, const char *path, const char *message)
{
    ui_t *ui = ctx;
    if (ui->quiet)
        return;
    if (strstr(message, "pdftotext not installed") && ui->said_no_pdftotext++)
        return; /* counted in the summary */
    if (ui->progress)
        fputs("\r\033[K", stderr);
    if (strstr(message, "pdftotext not installed"))
        say("%s: pdftotext not installed (Debian: apt-get install "
            "poppler-utils): this and every other PDF skipped",
            path);
    else
        say("%s: %s", path, message);
}

/* The progress bar on stderr, at most ten times a second. */
static void
on_progress(void *ctx, const ivs_index_summary_t *s, int final)
{
    ui_t *ui = ctx;
    if (!ui->progress)
        return;
    double t = s->seconds;
    if (!final && t - ui->last_progress < 0.1)
        return;
    ui->last_progress = t;
    double frac = s->total_bytes
                      ? (double)s->done_bytes / (double)s->total_bytes
                      : (s->files ? (double)s->done_files / s->files : 1);
    if (frac > 1)
        frac = 1;
    char bar[31];
    int filled = (int)(frac * 30);
    for (int i = 0; i < 30; i++)
        bar[i] = i < filled ? '#' : '.';
    bar[30] = '\0';
    double mbs = t > 0 ? (double)s->bytes / 1e6 / t : 0;
    double eta = frac > 0.001 ? t / frac - t : 0;
    fprintf(stderr,
            "\r\033[K[%s] %zu/%zu files  %zu interviews  %.1f MB/s  "
            "ETA %d:%02d",
            bar, s->done_files, s->files, s->written, mbs, (int)eta / 60,
            (int)eta % 60);
    if (final)
        fputs("\r\033[K", stderr);
}

static void
print_summary(const ui_t *ui, const char *db, const ivs_index_summary_t *s)
{
    if (ui->json) {
        json_t *o = json_pack(
            "{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
            "s:O, s:I, s:f}",
            "db", db, "files", (json_int_t)s->files, "indexed",
            (json_int_t)s->indexed, "unchanged", (json_int_t)s->unchanged,
            "removed", (json_int_t)s->removed, "moved", (json_int_t)s->moved,
            "interviews", (json_int_t)s->written, "interviews_new",
            (json_int_t)s->written_new, "interviews_repositioned",
            (json_int_t)s->repositioned, "interviews_removed",
            (json_int_t)s->deleted, "skipped_format",
            (json_int_t)s->skipped_format, "skipped",
            (json_int_t)s->skipped_bad, "skipped_reasons", s->reasons, "bytes",
            (json_int_t)s->bytes, "seconds", s->seconds);
        json_dumpf(o, stdout, JSON_COMPACT);
        putchar('\n');
        json_decref(o);
        return;
    }
    if (ui->quiet)
        return;
    char *line = NULL;
    size_t size = 0;
    FILE *m = open_memstream(&line, &size);
    if (!m)
        return;
    fprintf(m,
            "%zu files (%zu indexed, %zu unchanged, %zu moved, %zu "
            "removed), %zu interviews written (%zu new), %zu "
            "repositioned, %zu removed, %zu skipped",
            s->files, s->indexed, s->unchanged, s->moved, s->removed,
            s->written, s->written_new, s->repositioned, s->deleted,
            s->skipped_bad);
    if (s->skipped_bad) {
        const char *k;
        json_t *v;
        int first = 1;
        fputs(" (", m);
        json_object_foreach(s->reasons, k, v)
        {
            fprintf(m, "%s%" JSON_INTEGER_FORMAT " %s", first ? "" : ", ",
                    json_integer_value(v), k);
            first = 0;
        }
        fputs(")", m);
    }
    if (s->skipped_format)
        fprintf(m, ", %zu not text", s->skipped_format);
    fprintf(m, ", %.1f MB in %.2f s", (double)s->bytes / 1e6, s->seconds);
    if (fclose(m) == 0)
        say("%s", line);
    free(line);
}

/* ---- --segment ---------------------------------------------------------- */

typedef struct {
    const char *line;
    int first;
    int search_mode;
    size_t printed_end; /* main-path text already printed */
} seg_out_t;

static int
print_token(void *ctx, const ivs_token_t *t)
{
    seg_out_t *o = ctx;
    if (t->kind == IVS_TOKEN_CHAR)
        return 0;
    if (t->kind == IVS_TOKEN_SUBWORD && !o->search_mode)
        return 0;
    size_t start = t->start;
    if (t->kind != IVS_TOKEN_SUBWORD) {
        /* one character that normalises to several (℃ -> °c) may start
         * two tokens: print its original text once */
        if (start < o->printed_end)
            start = o->printed_end;
        if (start >= t->end)
            return 0;
        o->printed_end = t->end;
    }
    if (!o->first)
        fputs("  ", stdout);
    o->first = 0;
    fwrite(o->line + start, 1, t->end - start, stdout);
    return 0;
}

static int
run_segment(ivs_analyzer_t *a, int search_mode)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, stdin)) >= 0) {
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        seg_out_t o = {.line = line, .first = 1, .search_mode = search_mode};
        unsigned flags =
            IVS_ANALYZE_PUNCT | (search_mode ? IVS_ANALYZE_SEARCH : 0);
        if (ivs_analyze(a, line, (size_t)n, flags, 1, NULL, print_token, &o) <
            0) {
            say("out of memory");
            free(line);
            return 2;
        }
        putchar('\n');
    }
    free(line);
    return ferror(stdout) ? 2 : 0;
}

/* ---- main ------------------------------------------------------------------ */

static void
usage(FILE *f)
{
    fprintf(
        f,
        "usage: ivindex [--db DIR] [--progress|--quiet] [--json] [--reindex] "
        "[--csv-map FILE] PATH...\n"
        "       ivindex --shards N [--first-id N] [--db DIR] ... PATH...\n"
        "       ivindex --segment [--search-mode] < TEXT\n"
        "       ivindex --help | --version\n"
        "\n"
        "Indexes interview notes in the files and folders PATH... into the\n"
        "database: .txt .md .markdown .text, .docx, .html .htm, .pdf (through\n"
        "pdftotext), .csv .tsv .xlsx (ATS exports, one interview per row) and\n"
        "the members of .zip .tar .tar.gz .tar.xz .7z archives. Re-runs are\n"
        "incremental: unchanged files "
        "are\n"
        "skipped, changed ones rewrite only the interviews that changed (ids "
        "stay),\n"
        "and the interviews of files that vanished from the given folders are\n"
        "removed.\n"
        "\n"
        "  --db DIR        the database folder (default: $IVSEARCH_DB, else\n"
        "                  ${XDG_DATA_HOME:-~/.local/share}/ivsearch/db); it "
        "must be\n"
        "                  new, empty or an ivsearch database, outside the "
        "notes\n"
        "  --progress      a progress bar on stderr (default when it is a "
        "terminal)\n"
        "  --quiet         no warnings, no progress, no summary\n"
        "  --json          the summary as one JSON object on stdout\n"
        "  --reindex       rebuild the database from PATH... (after an "
        "upgrade);\n"
        "                  interviews keep their ids\n"
        "  --csv-map FILE  column names of CSV/TSV/xlsx exports, one\n"
        "                  'Header = field' a line (field: candidate role "
        "round\n"
        "                  interviewer date result feedback other skip)\n"
        "  --shards N      DIR becomes (or grows to) N shards written in "
        "parallel,\n"
        "                  each file's interviews in one; later runs keep "
        "the layout\n"
        "  --first-id N    new interviews get ids above N (databases indexed "
        "apart\n"
        "                  and searched together each take their own range)\n"
        "  --segment       print how each line of standard input is segmented\n"
        "  --search-mode   with --segment: also the extra search terms\n"
        "  --help          this text\n"
        "  --version       program, analyzer, schema and Xapian versions\n"
        "\n"
        "Exit status: 0 done, 1 done but a PATH was missing, 2 error, 130\n"
        "interrupted (what was committed stays; run again to finish).\n");
}

static void
print_version(ivs_analyzer_t *a)
{
    printf("ivindex %s\nanalyzer: version %d, signature \"%s\"\n"
           "schema:   %d\nXapian:   %s\n",
           IVS_VERSION, IVS_ANALYZER_VERSION,
           a ? ivs_analyzer_signature(a) : "?", IVS_SCHEMA_VERSION,
           ivs_xapian_version());
}

/* Reads the options into UI and the flags; 0, or the exit status of a
 * bad option (after a message) or of --help. Sets *DONE when the program
 * should exit with the returned status. */
typedef struct {
    const char *db_flag, *csv_map;
    int reindex, segment, search_mode, version;
    size_t shards;     /* --shards N (0: as the database is) */
    uint32_t first_id; /* --first-id N */
} opts_t;

/* The number in ARG for FLAG, from 1 (0 when ZERO) to MAX; 0 and a message
 * when it is not one. */
static int
parse_number(const char *flag, const char *arg, unsigned long max, int zero,
             unsigned long *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(arg, &end, 10);
    if (errno || end == arg || *end || *arg == '-' || v > max ||
        (!zero && v == 0)) {
        say("%s takes a whole number from %d to %lu, not '%s'", flag,
            zero ? 0 : 1, max, arg);
        return 2;
    }
    *out = v;
    return 0;
}

static int
parse_options(int argc, char **argv, ui_t *ui, opts_t *o, int *done)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"progress", no_argument, NULL, 'p'},
        {"quiet", no_argument, NULL, 'q'},
        {"json", no_argument, NULL, 'j'},
        {"reindex", no_argument, NULL, 'r'},
        {"csv-map", required_argument, NULL, 'c'},
        {"shards", required_argument, NULL, 'S'},
        {"first-id", required_argument, NULL, 'F'},
        {"segment", no_argument, NULL, 's'},
        {"search-mode", no_argument, NULL, 'm'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    int progress = -1, c;
    *done = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': o->db_flag = optarg; break;
        case 'p':
        case 'q':
            if ((c == 'p' && ui->quiet) || (c == 'q' && progress == 1)) {
                say("--progress and --quiet contradict each other: give one");
                return 2;
            }
            ui->quiet |= c == 'q';
            progress = c == 'p';
            break;
        case 'j': ui->json = 1; break;
        case 'r': o->reindex = 1; break;
        case 'c': o->csv_map = optarg; break;
        case 'S':
        case 'F': {
            unsigned long v = 0;
            if (c == 'S' &&
                parse_number("--shards", optarg, IVS_SHARDS_MAX, 0, &v) != 0)
                return 2;
            if (c == 'F' &&
                parse_number("--first-id", optarg, 4000000000UL, 1, &v) != 0)
                return 2;
            if (c == 'S')
                o->shards = v;
            else
                o->first_id = (uint32_t)v;
            break;
        }
        case 's': o->segment = 1; break;
        case 'm': o->search_mode = 1; break;
        case 'h': usage(stdout); return 0;
        case 'V': o->version = 1; break;
        default:
            if (optopt)
                say("unknown option '-%c': try 'ivindex --help'", optopt);
            else
                say("unknown or incomplete option '%s': try 'ivindex --help'",
                    argv[optind - 1]);
            return 2;
        }
    }
    if (o->csv_map && o->segment) {
        say("--csv-map goes with indexing, not --segment");
        return 2;
    }
    if (o->search_mode && !o->segment) {
        say("--search-mode goes with --segment");
        return 2;
    }
    if (o->db_flag && !*o->db_flag) {
        say("--db: empty folder name: give the database folder");
        return 2;
    }
    ui->progress = progress == -1 ? (isatty(2) && !ui->json) : progress;
    *done = 0;
    return 0;
}

/* The PATHs that exist, each a file or a folder (the others said and
 * counted in *MISSING); malloc'd, their count in *N. */
static char **
existing_paths(char **argv, int from, int to, size_t *n, size_t *missing)
{
    char **v = calloc((size_t)(to - from) + 1, sizeof *v);
    *n = 0;
    for (int i = from; v && i < to; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            say("%s: %s", argv[i], strerror(errno));
            (*missing)++;
        } else if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) {
            say("%s: not a file or folder", argv[i]);
            (*missing)++;
        } else {
            v[(*n)++] = argv[i];
        }
    }
    return v;
}

/* The taxonomy from the data files; NULL after a message. */
static ivs_topics_t *
load_topics(void)
{
    ivs_topics_t *topics = NULL;
    char *path = ivs_data_file("topics.txt");
    size_t bad_line = 0;
    ivs_status_t st =
        path ? ivs_topics_load(path, &topics, &bad_line) : IVS_ERR_IO;
    if (st == IVS_ERR_INPUT)
        say("%s: line %zu is malformed", path, bad_line);
    else if (st != IVS_OK)
        say("topic taxonomy topics.txt not found or unreadable: set "
            "IVSEARCH_DATA_DIR");
    free(path);
    return st == IVS_OK ? topics : NULL;
}

/* The column map of --csv-map PATH; NULL (after a message) when it cannot
 * be read. */
static ivs_csvmap_t *
load_csv_map(const char *path)
{
    ivs_csvmap_t *map = NULL;
    size_t line = 0;
    ivs_status_t st = ivs_csvmap_load(path, &map, &line);
    if (st == IVS_ERR_INPUT)
        say("--csv-map %s: line %zu: expected 'Header = field', field one "
            "of candidate role round interviewer date result feedback "
            "other skip",
            path, line);
    else if (st == IVS_ERR_IO)
        say("--csv-map %s: %s", path, strerror(errno));
    else if (st != IVS_OK)
        say("--csv-map %s: %s", path, ivs_status_str(st));
    return map;
}

/* Indexes PATHS into DB; the exit status. */
static int
run_index(const char *db, char **paths, size_t n_paths, size_t missing,
          ivs_analyzer_t *a, const ivs_topics_t *topics, ui_t *ui,
          const opts_t *opt, const ivs_csvmap_t *csv_map)
{
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);
    /* over a file-size limit, writes fail with EFBIG and we say so */
    signal(SIGXFSZ, SIG_IGN);
    ivs_index_options_t o = {.reindex = opt->reindex,
                             .warn = on_warn,
                             .progress = on_progress,
                             .ctx = ui,
                             .stop = &interrupted,
                             .csv_map = csv_map,
                             .first_id = opt->first_id};
    ivs_shards_t *ix = NULL;
    char *err = NULL;
    ivs_status_t st = ivs_shards_open(db, opt->shards, paths, n_paths, a,
                                      topics, &o, &ix, &err);
    if (st == IVS_OK)
        st = ivs_shards_run(ix, &err);
    int rc;
    if (st == IVS_ERR_INTERRUPTED) {
        const ivs_index_summary_t *s = ix ? ivs_shards_summary(ix) : NULL;
        if (s)
            say("interrupted: %zu of %zu files done and committed; run "
                "ivindex again to finish",
                s->committed_files, s->files);
        else
            say("%s", err ? err : "interrupted");
        rc = 130;
    } else if (st != IVS_OK) {
        say("%s", err ? err : ivs_status_str(st));
        rc = 2;
    } else {
        print_summary(ui, db, ivs_shards_summary(ix));
        rc = missing ? 1 : 0;
    }
    free(err);
    ivs_shards_close(ix);
    return rc;
}

int
main(int argc, char **argv)
{
    ui_t ui = {0};
    opts_t o = {0};
    int done;
    int rc = parse_options(argc, argv, &ui, &o, &done);
    if (done)
        return rc;
    ivs_analyzer_t *a = NULL;
    ivs_topics_t *topics = NULL;
    ivs_csvmap_t *csv_map = NULL;
    char *err = NULL, *db = NULL;
    char **paths = NULL;
    char *user_dict = ivs_user_dict_file();
    ivs_status_t st = ivs_analyzer_open(NULL, user_dict, &a, &err);
    free(user_dict);
    if (st != IVS_OK) {
        say("%s", err ? err : ivs_status_str(st));
        free(err);
        return 2;
    }
    rc = 2;
    if (o.version) {
        print_version(a);
        rc = 0;
    } else if (o.segment) {
        if (optind < argc)
            say("--segment reads standard input, not files");
        else
            rc = run_segment(a, o.search_mode);
    } else if (optind >= argc) {
        say("no PATH given: try 'ivindex --help'");
    } else if (o.csv_map && !(csv_map = load_csv_map(o.csv_map))) {
        /* said */
    } else if ((topics = load_topics())) {
        const char *why = NULL;
        db = ivs_default_db(o.db_flag, &why);
        size_t n_paths = 0, missing = 0;
        if (!db)
            say("%s", why);
        else if (!(paths =
                       existing_paths(argv, optind, argc, &n_paths, &missing)))
            say("out of memory");
        else
            rc = run_index(db, paths, n_paths, missing, a, topics, &ui, &o,
                           csv_map);
    }
    free(paths);
    free(db);
    ivs_topics_free(topics);
    ivs_csvmap_free(csv_map);
    ivs_analyzer_close(a);
    return rc;
}
