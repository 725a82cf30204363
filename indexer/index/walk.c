/* The notes to index (see ivs/walk.h): walking folders, the path a file is
 * known by, where the database folder stands. */
#define _GNU_SOURCE
#include "ivs/walk.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "ivs/grow.h"
#include "ivs/readers.h"

int
ivs_is_note_name(const char *name)
{
    return ivs_reader_kind(name) != IVS_KIND_NONE;
}

char *
ivs_identity_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char *dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
    if (!dir)
        return NULL;
    char *real = realpath(*dir ? dir : "/", NULL);
    free(dir);
    if (!real)
        return NULL;
    size_t rl = strlen(real), bl = strlen(base);
    char *id = malloc(rl + bl + 2);
    if (id)
        snprintf(id, rl + bl + 2, "%s%s%s", real,
                 real[rl - 1] == '/' ? "" : "/", base);
    free(real);
    return id;
}

char *
ivs_absolute_path(const char *path)
{
    char *p = strdup(path);
    if (!p)
        return NULL;
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        p[--n] = '\0';
    /* the longest prefix (at a slash) that resolves */
    char *real = NULL;
    size_t cut = n;
    for (;;) {
        char save = p[cut];
        p[cut] = '\0';
        real = realpath(cut ? p : (path[0] == '/' ? "/" : "."), NULL);
        p[cut] = save;
        if (real || errno != ENOENT || cut == 0)
            break;
        while (cut > 0 && p[cut - 1] != '/')
            cut--;
        if (cut > 0)
            cut--; /* at the slash: its parent next */
    }
    if (!real) {
        free(p);
        return NULL;
    }
    size_t cap = strlen(real) + strlen(p + cut) + 2;
    char *out = malloc(cap);
    if (out) {
        strcpy(out, real);
        const char *rest = p + cut;
        while (*rest) {
            while (*rest == '/')
                rest++;
            const char *e = strchr(rest, '/');
            size_t len = e ? (size_t)(e - rest) : strlen(rest);
            if (len && !(len == 1 && rest[0] == '.')) {
                size_t ol = strlen(out);
                if (ol > 1 || out[0] != '/')
                    out[ol++] = '/';
                memcpy(out + ol, rest, len);
                out[ol + len] = '\0';
            }
            rest += len;
        }
    }
    free(real);
    free(p);
    return out;
}

int
ivs_path_within(const char *a, const char *b)
{
    size_t n = strlen(b);
    if (strncmp(a, b, n))
        return 0;
    return a[n] == '\0' || a[n] == '/' || (n == 1 && b[0] == '/');
}

int
ivs_path_within_or_member(const char *a, const char *b)
{
    size_t n = strlen(b);
    return ivs_path_within(a, b) ||
           (!strncmp(a, b, n) && a[n] == '!' && a[n + 1] == '/');
}

int
ivs_files_add(ivs_files_t *fs, const char *path, const struct stat *st)
{
    char *ident = ivs_identity_path(path);
    char *copy = strdup(path);
    if (!ident || !copy ||
        ivs_grow(&fs->v, &fs->cap, fs->n + 1, sizeof *fs->v, 256) < 0) {
        free(ident);
        free(copy);
        return -1;
    }
    fs->v[fs->n++] =
        (ivs_file_t){.path = copy,
                     .ident = ident,
                     .size = st->st_size,
                     .mtime = (int64_t)st->st_mtim.tv_sec * 1000000000 +
                              st->st_mtim.tv_nsec};
    return 0;
}

/* ---- archives: their members as notes ------------------------------------ */

static void skipped(ivs_walk_t *w, const char *path, const char *reason,
                    const char *message);

typedef struct {
    ivs_walk_t *w;
    ivs_files_t members; /* added to the walk's files when all went well */
    const char *path, *ident;
    int nomem;
} members_t;

static int
on_member(void *ctx, const char *name, const char *bytes, size_t len,
          int64_t mtime)
{
    members_t *m = ctx;
    char *path = NULL, *ident = NULL;
    if (asprintf(&path, "%s!/%s", m->path, name) < 0)
        path = NULL;
    if (asprintf(&ident, "%s!/%s", m->ident, name) < 0)
        ident = NULL;
    if (!path || !ident ||
        ivs_grow(&m->members.v, &m->members.cap, m->members.n + 1,
                 sizeof *m->members.v, 64) < 0) {
        free(path);
        free(ident);
        m->nomem = 1;
        return 1;
    }
    m->members.v[m->members.n++] =
        (ivs_file_t){.path = path,
                     .ident = ident,
                     .size = (off_t)len,
                     .mtime = mtime,
                     .member = strlen(m->ident) + 2,
                     .container_len = strlen(m->path)};
    return 0;
}

static void
on_member_skipped(void *ctx, const char *name, const char *reason)
{
    members_t *m = ctx;
    if (!reason) {
        m->w->not_text++;
        return;
    }
    char *path = NULL, msg[160];
    if (asprintf(&path, "%s!/%s", m->path, name) < 0)
        return;
    snprintf(msg, sizeof msg, "%s, skipped", reason);
    skipped(m->w, path, reason, msg);
    free(path);
}

/* The bytes of the file PATH, up to IVS_CONTAINER_MAX_MEMBER; NULL with
 * *WHY set. */
static char *
slurp(const char *path, size_t *len, const char **why)
{
    FILE *f = fopen(path, "rbe");
    if (!f) {
        *why = "unreadable";
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            if (cap > IVS_CONTAINER_MAX_MEMBER) {
                free(buf);
                buf = NULL;
                *why = "larger than 256 MiB";
                break;
            }
            char *p = realloc(buf, cap * 2);
            if (!p) {
                free(buf);
                buf = NULL;
                *why = "out of memory";
                break;
            }
            buf = p;
            cap *= 2;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) {
            if (ferror(f)) {
                free(buf);
                buf = NULL;
                *why = "read error";
            }
            break;
        }
    }
    if (!buf && !*why)
        *why = "out of memory";
    fclose(f);
    *len = n;
    return buf;
}

int
ivs_walk_file(ivs_walk_t *w, ivs_files_t *fs, const char *path,
              const struct stat *st)
{
    if (ivs_reader_kind(path) != IVS_KIND_CONTAINER)
        return ivs_files_add(fs, path, st);
    members_t m = {.w = w, .path = path};
    char *ident = ivs_identity_path(path);
    if (!ident)
        return -1;
    m.ident = ident;
    size_t len = 0;
    const char *why = NULL;
    char *bytes = slurp(path, &len, &why), msg[160];
    ivs_status_t rc = IVS_ERR_IO;
    if (bytes)
        rc = ivs_container_read(
            bytes, len, &(ivs_container_cb_t){on_member, on_member_skipped, &m},
            &why);
    free(bytes);
    if (rc == IVS_OK) {
        size_t need = fs->n + m.members.n;
        if (ivs_grow(&fs->v, &fs->cap, need, sizeof *fs->v, 256) == 0) {
            memcpy(fs->v + fs->n, m.members.v, m.members.n * sizeof *fs->v);
            fs->n = need;
            m.members.n = 0;
        } else {
            m.nomem = 1;
        }
    } else if (!m.nomem) {
        snprintf(msg, sizeof msg, "%s, skipped", why ? why : "unreadable");
        skipped(w, path, why ? why : "unreadable", msg);
    }
    ivs_files_clear(&m.members);
    free(ident);
    return m.nomem ? -1 : 0;
}

int
ivs_walk_exclude(ivs_walk_t *w, const char *db_abs)
{
    const char *slash = strrchr(db_abs, '/');
    if (!slash)
        return -1;
    char *parent = slash == db_abs ? strdup("/")
                                   : strndup(db_abs, (size_t)(slash - db_abs));
    struct stat st;
    int rc = -1;
    if (parent && stat(parent, &st) == 0) {
        free(w->db_base);
        w->db_base = strdup(slash + 1);
        w->db_dev = st.st_dev;
        w->db_ino = st.st_ino;
        rc = w->db_base ? 0 : -1;
    }
    free(parent);
    return rc;
}

/* True when NAME in the folder with stat DIR_ST is the database or one of
 * its siblings. */
static int
is_db_entry(const ivs_walk_t *w, const struct stat *dir_st, const char *name)
{
    if (!w->db_base || dir_st->st_dev != w->db_dev ||
        dir_st->st_ino != w->db_ino)
        return 0;
    size_t n = strlen(w->db_base);
    return !strncmp(name, w->db_base, n) &&
           (!name[n] || !strcmp(name + n, ".ivs-part") ||
            !strcmp(name + n, ".ivs-compact") ||
            !strcmp(name + n, ".ivs-rebuild"));
}

static void
skipped(ivs_walk_t *w, const char *path, const char *reason,
        const char *message)
{
    if (w->skipped)
        w->skipped(w->ctx, path, reason, message);
}

static int
cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in folder D, sorted, without hidden ones and the database;
 * their count in *N. */
static char **
folder_names(ivs_walk_t *w, DIR *d, size_t *n)
{
    char **names = NULL;
    size_t cap = 0;
    struct dirent *e;
    struct stat dir_st;
    int have_dir_st = fstat(dirfd(d), &dir_st) == 0;
    *n = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue; /* ., .., hidden files and folders such as .git */
        if (have_dir_st && is_db_entry(w, &dir_st, e->d_name))
            continue; /* the database itself: not notes */
        if (ivs_grow(&names, &cap, *n + 1, sizeof *names, 64) < 0)
            break;
        if (!(names[*n] = strdup(e->d_name)))
            break;
        (*n)++;
    }
    if (*n > 1)
        qsort(names, *n, sizeof *names, cmp_names);
    return names;
}

static void walk_at(ivs_walk_t *w, ivs_files_t *fs, const char *dir, int depth);

/* One entry PATH of a walked folder. */
static void
walk_entry(ivs_walk_t *w, ivs_files_t *fs, const char *path, int depth)
{
    struct stat lst, st;
    if (lstat(path, &lst) != 0)
        return;
    if (S_ISLNK(lst.st_mode)) {
        if (stat(path, &st) != 0)
            skipped(w, path, "broken symbolic link",
                    "broken symbolic link, skipped");
        else if (S_ISREG(st.st_mode) && ivs_is_note_name(path))
            ivs_walk_file(w, fs, path, &st);
        else if (!S_ISDIR(st.st_mode))
            w->not_text++;
        /* links to folders are not followed: no loops, no duplicates */
    } else if (S_ISDIR(lst.st_mode)) {
        walk_at(w, fs, path, depth + 1);
    } else if (S_ISREG(lst.st_mode)) {
        if (ivs_is_note_name(path))
            ivs_walk_file(w, fs, path, &lst);
        else
            w->not_text++;
    } else if (ivs_is_note_name(path)) {
        /* FIFOs, sockets, devices: reading could block or never end */
        skipped(w, path, "not a regular file", "not a regular file, skipped");
    } else {
        w->not_text++;
    }
}

static void
walk_at(ivs_walk_t *w, ivs_files_t *fs, const char *dir, int depth)
{
    char msg[96];
    if (depth > IVS_WALK_MAX_DEPTH) {
        snprintf(msg, sizeof msg, "nested deeper than %d folders, skipped",
                 IVS_WALK_MAX_DEPTH);
        skipped(w, dir, "nested too deep", msg);
        return;
    }
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(msg, sizeof msg, "cannot open folder: %s", strerror(errno));
        skipped(w, dir, "unreadable", msg);
        return;
    }
    size_t n = 0;
    char **names = folder_names(w, d, &n);
    closedir(d);
    size_t dl = strlen(dir);
    for (size_t i = 0; i < n; i++) {
        size_t len = dl + strlen(names[i]) + 2;
        char *path = malloc(len);
        if (path) {
            snprintf(path, len, "%s%s%s", dir,
                     dl && dir[dl - 1] == '/' ? "" : "/", names[i]);
            walk_entry(w, fs, path, depth);
        }
        free(path);
        free(names[i]);
    }
    free(names);
}

void
ivs_walk(ivs_walk_t *w, ivs_files_t *fs, const char *dir)
{
    walk_at(w, fs, dir, 0);
}

static int
cmp_files(const void *a, const void *b)
{
    return strcmp(((const ivs_file_t *)a)->ident,
                  ((const ivs_file_t *)b)->ident);
}

void
ivs_files_finish(ivs_files_t *fs)
{
    if (fs->n > 1)
        qsort(fs->v, fs->n, sizeof *fs->v, cmp_files);
    /* the same file twice (overlapping arguments): once */
    size_t u = 0;
    for (size_t i = 0; i < fs->n; i++) {
        if (u > 0 && !strcmp(fs->v[u - 1].ident, fs->v[i].ident)) {
            free(fs->v[i].path);
            free(fs->v[i].ident);
            continue;
        }
        fs->v[u++] = fs->v[i];
    }
    fs->n = u;
}

const ivs_file_t *
ivs_files_find(const ivs_files_t *fs, const char *ident)
{
    ivs_file_t probe = {.ident = (char *)ident};
    return fs->n ? bsearch(&probe, fs->v, fs->n, sizeof probe, cmp_files)
                 : NULL;
}

void
ivs_files_clear(ivs_files_t *fs)
{
    for (size_t i = 0; i < fs->n; i++) {
        free(fs->v[i].path);
        free(fs->v[i].ident);
    }
    free(fs->v);
    *fs = (ivs_files_t){0};
}

void
ivs_walk_clear(ivs_walk_t *w)
{
    free(w->db_base);
    w->db_base = NULL;
}
