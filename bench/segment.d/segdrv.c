/* segdrv: a stand-in for `ivindex --segment` while developing the segmenter.
 * Reads lines, splits them roughly like the analyzer (Han runs with the
 * digit sequences right before Han; Latin words and numbers; one token per
 * punctuation character; whitespace dropped), calls ivs_segment() on the
 * runs and prints the words as slices of the original line joined by two
 * spaces.
 *
 *   segdrv [-d DICT] [-u USERDICT] [--search-mode] < text
 *   segdrv [-d DICT] --bench FILE    segmentation-only throughput
 *   segdrv [-d DICT] --load          dictionary open time
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <utf8proc.h>

#include "ivs/segment.h"

static int
is_han(uint32_t c)
{
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x20000 && c <= 0x323AF) || (c >= 0xF900 && c <= 0xFAFF) ||
           c == 0x3005 || c == 0x3007 || c == 0x25CB;
}

static int
is_alnum(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

static int
is_digit(uint32_t c)
{
    return c >= '0' && c <= '9';
}

struct line {
    size_t n;
    uint32_t *orig; /* original code points */
    uint32_t *norm; /* normalised, one per original code point */
    size_t *byte;   /* byte offset of each code point, n + 1 entries */
    size_t cap;
};

static void
decode(struct line *l, const char *s, size_t len)
{
    if (l->cap < len + 1) {
        l->cap = len + 1;
        l->orig = realloc(l->orig, l->cap * 4);
        l->norm = realloc(l->norm, l->cap * 4);
        l->byte = realloc(l->byte, l->cap * sizeof(size_t));
    }
    l->n = 0;
    size_t i = 0;
    while (i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, len - i, &c);
        if (k <= 0) {
            c = 0xFFFD;
            k = 1;
        }
        utf8proc_int32_t out[8];
        int lb;
        utf8proc_ssize_t m = utf8proc_decompose_char(
            c, out, 8, UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE,
            &lb);
        l->orig[l->n] = (uint32_t)c;
        l->norm[l->n] = m == 1 ? (uint32_t)out[0] : (uint32_t)c;
        l->byte[l->n] = i;
        l->n++;
        i += (size_t)k;
    }
    l->byte[l->n] = len;
}

static void
free_line(struct line *l)
{
    free(l->orig);
    free(l->norm);
    free(l->byte);
}

struct emit {
    const char *text;
    const struct line *l;
    size_t base; /* code point offset of the run */
    int first;
    FILE *out;
};

static void
put(struct emit *e, size_t a, size_t b)
{
    if (!e->first)
        fputs("  ", e->out);
    e->first = 0;
    fwrite(e->text + e->l->byte[a], 1, e->l->byte[b] - e->l->byte[a], e->out);
}

static int
on_word(void *ctx, size_t start, size_t end, int subword)
{
    struct emit *e = ctx;
    (void)subword;
    put(e, e->base + start, e->base + end);
    return 0;
}

/* Calls FN(ARG, a, b, is_run) for each token [a, b) of the line. */
static void
tokens(const struct line *l,
       void (*fn)(void *arg, size_t a, size_t b, int is_run), void *arg)
{
    const uint32_t *c = l->norm;
    size_t n = l->n;
    for (size_t i = 0; i < n;) {
        if (utf8proc_category((utf8proc_int32_t)c[i]) == UTF8PROC_CATEGORY_ZS ||
            c[i] == ' ' || c[i] == '\t' || c[i] == '\r' || c[i] == '\n') {
            i++;
            continue;
        }
        if (is_han(c[i])) {
            size_t j = i;
            while (j < n && (is_han(c[j]) || is_digit(c[j]))) {
                if (is_digit(c[j])) {
                    size_t k = j;
                    while (k < n && is_digit(c[k]))
                        k++;
                    if (k < n && is_han(c[k])) {
                        j = k;
                        continue;
                    }
                    break;
                }
                j++;
            }
            fn(arg, i, j, 1);
            i = j;
            continue;
        }
        if (is_alnum(c[i])) {
            size_t j = i;
            int digits = 1;
            while (j < n && is_alnum(c[j])) {
                digits &= is_digit(c[j]);
                j++;
            }
            if (digits) {
                if (j < n && is_han(c[j])) { /* digits before Han: a run */
                    size_t k = j;
                    while (k < n && (is_han(c[k]) || is_digit(c[k]))) {
                        if (is_digit(c[k])) {
                            size_t m = k;
                            while (m < n && is_digit(c[m]))
                                m++;
                            if (m < n && is_han(c[m])) {
                                k = m;
                                continue;
                            }
                            break;
                        }
                        k++;
                    }
                    fn(arg, i, k, 1);
                    i = k;
                    continue;
                }
                /* 12.5, 3.14% */
                while (j + 1 < n && c[j] == '.' && is_digit(c[j + 1])) {
                    j++;
                    while (j < n && is_digit(c[j]))
                        j++;
                }
                if (j < n && c[j] == '%')
                    j++;
            }
            fn(arg, i, j, 0);
            i = j;
            continue;
        }
        fn(arg, i, i + 1, 0);
        i++;
    }
}

struct line_ctx {
    const ivs_dict_t *dict;
    int search_mode;
    struct emit *e;
};

static void
line_token(void *arg, size_t a, size_t b, int is_run)
{
    struct line_ctx *lc = arg;
    if (!is_run) {
        put(lc->e, a, b);
        return;
    }
    lc->e->base = a;
    ivs_segment(lc->dict, lc->e->l->norm + a, b - a, lc->search_mode, on_word,
                lc->e);
}

struct run_list {
    uint32_t *cps;
    size_t n, cap;
    size_t *ends;
    size_t n_runs, cap_runs;
    size_t run_bytes;
    const struct line *l;
};

static void
collect_run(void *arg, size_t a, size_t b, int is_run)
{
    struct run_list *rl = arg;
    if (!is_run)
        return;
    if (rl->n + (b - a) > rl->cap) {
        while (rl->n + (b - a) > rl->cap)
            rl->cap = rl->cap ? rl->cap * 2 : 1 << 20;
        rl->cps = realloc(rl->cps, rl->cap * 4);
    }
    if (rl->n_runs == rl->cap_runs) {
        rl->cap_runs = rl->cap_runs ? rl->cap_runs * 2 : 1 << 16;
        rl->ends = realloc(rl->ends, rl->cap_runs * sizeof(size_t));
    }
    memcpy(rl->cps + rl->n, rl->l->norm + a, (b - a) * 4);
    rl->n += b - a;
    rl->ends[rl->n_runs++] = rl->n;
    rl->run_bytes += rl->l->byte[b] - rl->l->byte[a];
}

static int
count_word(void *ctx, size_t start, size_t end, int subword)
{
    (void)start, (void)end, (void)subword;
    (*(size_t *)ctx)++;
    return 0;
}

/* CPU time of this thread: a busy machine disturbs it less than wall
 * time. */
static double
now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double
wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static char *
slurp(FILE *f, size_t *len)
{
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    size_t k;
    while ((k = fread(buf + n, 1, cap - n, f)) > 0) {
        n += k;
        if (n == cap)
            buf = realloc(buf, cap *= 2);
    }
    *len = n;
    return buf;
}

int
main(int argc, char **argv)
{
    const char *dict_path = "build-seg/data/ivs.dict";
    const char *user_path = NULL, *bench_path = NULL;
    int search_mode = 0, load = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-d") && i + 1 < argc)
            dict_path = argv[++i];
        else if (!strcmp(argv[i], "-u") && i + 1 < argc)
            user_path = argv[++i];
        else if (!strcmp(argv[i], "--bench") && i + 1 < argc)
            bench_path = argv[++i];
        else if (!strcmp(argv[i], "--search-mode"))
            search_mode = 1;
        else if (!strcmp(argv[i], "--load"))
            load = 1;
        else {
            fprintf(stderr, "segdrv: bad argument %s\n", argv[i]);
            return 2;
        }
    }
    ivs_dict_t *dict = NULL;
    if (load) {
        double best = 1e9;
        for (int r = 0; r < 200; r++) {
            double t0 = wall();
            ivs_status_t st = ivs_dict_open(dict_path, &dict);
            double t1 = wall();
            if (st != IVS_OK) {
                fprintf(stderr, "segdrv: %s: status %d\n", dict_path, st);
                return 1;
            }
            ivs_dict_close(dict);
            if (t1 - t0 < best)
                best = t1 - t0;
        }
        printf("dict open (wall): best of 200: %.1f us\n", best * 1e6);
        return 0;
    }
    if (*dict_path) {
        ivs_status_t st = ivs_dict_open(dict_path, &dict);
        if (st != IVS_OK) {
            fprintf(stderr, "segdrv: %s: status %d\n", dict_path, st);
            return 1;
        }
    }
    if (user_path) {
        size_t bad = 0;
        ivs_status_t st = ivs_dict_add_user(dict, user_path, &bad);
        if (st != IVS_OK) {
            fprintf(stderr, "segdrv: %s:%zu: status %d\n", user_path, bad, st);
            return 1;
        }
    }
    struct line l = {0};
    if (bench_path) {
        FILE *f = fopen(bench_path, "rb");
        if (!f) {
            perror(bench_path);
            return 1;
        }
        size_t len;
        char *text = slurp(f, &len);
        fclose(f);
        struct run_list rl = {0};
        rl.l = &l;
        for (size_t i = 0; i < len;) {
            const char *nl = memchr(text + i, '\n', len - i);
            size_t e = nl ? (size_t)(nl - text) : len;
            decode(&l, text + i, e - i);
            tokens(&l, collect_run, &rl);
            i = e + 1;
        }
        double best = 1e9;
        size_t words = 0;
        for (int r = 0; r < 15; r++) {
            words = 0;
            double t0 = now();
            size_t start = 0;
            for (size_t k = 0; k < rl.n_runs; k++) {
                ivs_segment(dict, rl.cps + start, rl.ends[k] - start,
                            search_mode, count_word, &words);
                start = rl.ends[k];
            }
            double t = now() - t0;
            if (t < best)
                best = t;
        }
        printf("%zu runs, %zu code points (%zu UTF-8 bytes), %zu words: "
               "%.3f CPU s, %.1f MB/s of run text, %.1f Mchars/s\n",
               rl.n_runs, rl.n, rl.run_bytes, words, best,
               rl.run_bytes / best / 1e6, rl.n / best / 1e6);
        free(rl.cps);
        free(rl.ends);
        free(text);
        free_line(&l);
        ivs_dict_close(dict);
        return 0;
    }
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&buf, &cap, stdin)) >= 0) {
        while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
            len--;
        decode(&l, buf, (size_t)len);
        struct emit e = {buf, &l, 0, 1, stdout};
        struct line_ctx lc = {dict, search_mode, &e};
        tokens(&l, line_token, &lc);
        putchar('\n');
    }
    free(buf);
    free_line(&l);
    ivs_dict_close(dict);
    return 0;
}
