/* Archives through libarchive (see ivs/readers.h): the members of .zip,
 * .tar(.gz/.xz) and .7z files, archives inside archives, and the parts of
 * the zips that .docx and .xlsx files are. Every read is bounded: entry
 * count, total and per-member bytes, compression ratio, nesting. */
#define _GNU_SOURCE
#include <archive.h>
#include <archive_entry.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "readers_internal.h"

/* What a walk has used so far, over all nesting levels. */
typedef struct {
    uint64_t total;  /* uncompressed bytes read */
    size_t entries;  /* entries seen */
    size_t outer;    /* bytes of the outermost archive */
    const char *why; /* the limit that stopped it */
} budget_t;

static struct archive *
open_memory(const char *bytes, size_t len, int zip_only)
{
    struct archive *a = archive_read_new();
    if (!a)
        return NULL;
    if (zip_only) {
        archive_read_support_format_zip(a);
    } else {
        archive_read_support_format_zip(a);
        archive_read_support_format_tar(a);
        archive_read_support_format_gnutar(a);
        archive_read_support_format_7zip(a);
        archive_read_support_filter_gzip(a);
        archive_read_support_filter_xz(a);
        archive_read_support_filter_bzip2(a);
    }
    if (archive_read_open_memory(a, bytes, len) != ARCHIVE_OK) {
        archive_read_free(a);
        return NULL;
    }
    return a;
}

/* Reads the data of the current entry of A into a malloc'd buffer (NUL
 * added), counting it against B. NULL with B->why set past a limit, or
 * *REASON set when damaged or out of memory. */
static char *
read_entry(struct archive *a, budget_t *b, size_t max, size_t *len,
           const char **reason)
{
    size_t cap = 0, n = 0;
    char *buf = NULL;
    char chunk[65536];
    for (;;) {
        la_ssize_t r = archive_read_data(a, chunk, sizeof chunk);
        if (r < 0) {
            free(buf);
            *reason = "damaged archive member";
            return NULL;
        }
        if (r == 0)
            break;
        b->total += (uint64_t)r;
        if (b->total > IVS_CONTAINER_MAX_TOTAL) {
            b->why = "archive expands to more than 1 GiB (zip bomb?)";
        } else if (b->total > ((uint64_t)1 << 20) &&
                   b->total / (b->outer + 1) > IVS_CONTAINER_MAX_RATIO) {
            b->why = "compression ratio above 200 (zip bomb?)";
        } else if (n + (size_t)r > max) {
            free(buf);
            *reason = max == IVS_READER_MAX_XML ? "XML part larger than 64 MiB"
                                                : "larger than 256 MiB";
            return NULL;
        }
        if (b->why) {
            free(buf);
            return NULL;
        }
        if (n + (size_t)r + 1 > cap) {
            size_t nc = cap ? cap : 65536;
            while (nc < n + (size_t)r + 1)
                nc *= 2;
            char *p = realloc(buf, nc);
            if (!p) {
                free(buf);
                *reason = "out of memory";
                return NULL;
            }
            buf = p;
            cap = nc;
        }
        memcpy(buf + n, chunk, (size_t)r);
        n += (size_t)r;
    }
    if (!buf && !(buf = malloc(1))) {
        *reason = "out of memory";
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* The UTF-8 name of entry E: as stored when it is UTF-8 already (zips
 * with the UTF-8 flag, tars, 7z), else read as GBK/GB18030 (the code page
 * of Chinese Windows, which old zip tools wrote without saying so). */
static char *
entry_name(struct archive_entry *e)
{
    const char *raw = archive_entry_pathname(e);
    if (!raw) {
        const char *w = archive_entry_pathname_utf8(e);
        return w ? strdup(w) : NULL;
    }
    size_t n = strlen(raw);
    if (utf8_valid(raw, n))
        return strdup(raw);
    char *u = gb18030_to_utf8(raw, n);
    if (u && utf8_valid(u, strlen(u)))
        return u;
    free(u);
    return NULL;
}

static ivs_status_t walk(const char *bytes, size_t len, const char *prefix,
                         int depth, budget_t *b, const ivs_container_cb_t *cb,
                         const char **reason);

static void
skip(const ivs_container_cb_t *cb, const char *prefix, const char *name,
     const char *reason)
{
    if (!cb->skipped)
        return;
    char *full = NULL;
    if (asprintf(&full, "%s%s", prefix, name) >= 0) {
        cb->skipped(cb->ctx, full, reason);
        free(full);
    }
}

/* One entry E of a walk: a member handed over, an archive walked, or a
 * skip. */
static ivs_status_t
walk_entry(struct archive *a, struct archive_entry *e, const char *prefix,
           int depth, budget_t *b, const ivs_container_cb_t *cb,
           const char **reason)
{
    char *name = entry_name(e);
    if (!name) {
        skip(cb, prefix, "?", "member name in an unknown encoding");
        return IVS_OK;
    }
    const char *shown = name;
    while (shown[0] == '/' || (shown[0] == '.' && shown[1] == '/'))
        shown += shown[0] == '/' ? 1 : 2;
    ivs_kind_t kind = ivs_reader_kind(shown);
    ivs_status_t st = IVS_OK;
    if (shown[0] == '.' || strstr(shown, "/.") || strstr(shown, "__MACOSX/")) {
        /* hidden, or the resource forks of macOS's zips */
    } else if (kind == IVS_KIND_NONE) {
        skip(cb, prefix, shown, NULL); /* not text: counted */
    } else if (archive_entry_is_encrypted(e)) {
        skip(cb, prefix, shown, "encrypted");
    } else if (kind == IVS_KIND_CONTAINER &&
               depth + 1 >= IVS_CONTAINER_MAX_DEPTH) {
        skip(cb, prefix, shown, "archives nested too deep");
    } else {
        size_t len = 0;
        const char *why = NULL;
        char *data = read_entry(a, b, IVS_CONTAINER_MAX_MEMBER, &len, &why);
        if (!data && b->why) {
            *reason = b->why;
            st = IVS_ERR_TOOBIG;
        } else if (!data) {
            skip(cb, prefix, shown, why);
        } else if (kind == IVS_KIND_CONTAINER) {
            char *inner = NULL;
            if (asprintf(&inner, "%s%s!/", prefix, shown) < 0) {
                st = IVS_ERR_NOMEM;
                *reason = "out of memory";
            } else {
                st = walk(data, len, inner, depth + 1, b, cb, reason);
                if (st == IVS_ERR_INPUT) { /* a damaged inner archive */
                    skip(cb, prefix, shown, *reason);
                    st = IVS_OK;
                }
            }
            free(inner);
        } else {
            char *full = NULL;
            int64_t mtime = (int64_t)archive_entry_mtime(e) * 1000000000 +
                            archive_entry_mtime_nsec(e);
            if (asprintf(&full, "%s%s", prefix, shown) < 0) {
                st = IVS_ERR_NOMEM;
                *reason = "out of memory";
            } else if (cb->member(cb->ctx, full, data, len, mtime)) {
                st = IVS_ERR_INTERRUPTED;
            }
            free(full);
        }
        free(data);
    }
    free(name);
    return st;
}

static ivs_status_t
walk(const char *bytes, size_t len, const char *prefix, int depth, budget_t *b,
     const ivs_container_cb_t *cb, const char **reason)
{
    struct archive *a = open_memory(bytes, len, 0);
    if (!a) {
        *reason = "not a readable archive";
        return IVS_ERR_INPUT;
    }
    ivs_status_t st = IVS_OK;
    struct archive_entry *e;
    int r;
    while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK ||
           r == ARCHIVE_WARN) {
        if (++b->entries > IVS_CONTAINER_MAX_ENTRIES) {
            *reason = "more than 20000 archive entries (zip bomb?)";
            st = IVS_ERR_TOOBIG;
            break;
        }
        if (archive_entry_filetype(e) != AE_IFREG)
            continue;
        st = walk_entry(a, e, prefix, depth, b, cb, reason);
        if (st != IVS_OK)
            break;
    }
    if (st == IVS_OK && r != ARCHIVE_EOF) {
        *reason = b->entries ? "damaged archive" : "not a readable archive";
        st = IVS_ERR_INPUT;
    }
    archive_read_free(a);
    return st;
}

/* libarchive converts member names between the archive's charset and
 * the current locale's: in the "C" locale a UTF-16 name of a 7z or a
 * UTF-8 one of a zip has no form at all. This thread reads in C.UTF-8
 * (glibc's built-in) while it reads an archive; the process's locale is
 * left alone. */
static locale_t
utf8_locale_begin(locale_t *old)
{
    locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    *old = loc ? uselocale(loc) : (locale_t)0;
    return loc;
}

static void
utf8_locale_end(locale_t loc, locale_t old)
{
    if (!loc)
        return;
    uselocale(old);
    freelocale(loc);
}

ivs_status_t
ivs_container_read(const char *bytes, size_t len, const ivs_container_cb_t *cb,
                   const char **reason)
{
    budget_t b = {.outer = len};
    *reason = NULL;
    locale_t old, loc = utf8_locale_begin(&old);
    ivs_status_t st = walk(bytes, len, "", 0, &b, cb, reason);
    utf8_locale_end(loc, old);
    return st;
}

/* ---- zip parts (docx, xlsx) ---------------------------------------------- */

ivs_status_t
zip_parts_read(const char *bytes, size_t len, int (*want)(const char *name),
               zip_parts_t *out, const char **reason)
{
    *out = (zip_parts_t){0};
    struct archive *a = open_memory(bytes, len, 1);
    if (!a) {
        *reason = "not a zip file";
        return IVS_ERR_INPUT;
    }
    budget_t b = {.outer = len};
    struct archive_entry *e;
    ivs_status_t st = IVS_OK;
    int r;
    while ((r = archive_read_next_header(a, &e)) == ARCHIVE_OK ||
           r == ARCHIVE_WARN) {
        const char *name = archive_entry_pathname(e);
        if (++b.entries > IVS_CONTAINER_MAX_ENTRIES) {
            *reason = "more than 20000 zip entries (zip bomb?)";
            st = IVS_ERR_TOOBIG;
            break;
        }
        if (!name || !want(name))
            continue;
        if (archive_entry_is_encrypted(e)) {
            *reason = "encrypted";
            st = IVS_ERR_INPUT;
            break;
        }
        zip_part_t p = {0};
        const char *why = NULL;
        p.data = read_entry(a, &b, IVS_READER_MAX_XML, &p.len, &why);
        if (!p.data) {
            *reason = b.why ? b.why : why;
            st = b.why || !strcmp(why, "XML part larger than 64 MiB")
                     ? IVS_ERR_TOOBIG
                     : IVS_ERR_INPUT;
            break;
        }
        zip_part_t *v = realloc(out->v, (out->n + 1) * sizeof *v);
        if (!v || !(p.name = strdup(name))) {
            if (v)
                out->v = v;
            free(p.data);
            *reason = "out of memory";
            st = IVS_ERR_NOMEM;
            break;
        }
        out->v = v;
        out->v[out->n++] = p;
    }
    if (st == IVS_OK && r != ARCHIVE_EOF) {
        *reason = b.entries ? "damaged zip" : "not a zip file";
        st = IVS_ERR_INPUT;
    }
    archive_read_free(a);
    if (st != IVS_OK)
        zip_parts_free(out);
    return st;
}

const zip_part_t *
zip_parts_get(const zip_parts_t *p, const char *name)
{
    for (size_t i = 0; i < p->n; i++)
        if (!strcmp(p->v[i].name, name))
            return &p->v[i];
    return NULL;
}

void
zip_parts_free(zip_parts_t *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].name);
        free(p->v[i].data);
    }
    free(p->v);
    *p = (zip_parts_t){0};
}
