/* ivserve's accounts: the users file and reading a password (see
 * ivs/auth.h), over libsodium; sessions and the failed-login limit are in
 * auth_sessions.c. */
#define _GNU_SOURCE /* asprintf, vasprintf */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include <sodium.h>
#include <utf8proc.h>

#include "ivs/auth.h"
#include "auth_private.h"
#include "ivs/grow.h"
#include "ivs/safetext.h"
#include "ivs/text.h"
#include "ivs/walk.h"

/* Password hashing cost: argon2id at libsodium's INTERACTIVE limits (2
 * passes over 64 MiB). Measured on this 2-core machine under the load of
 * several builds: 0.10 s to hash, 0.13 s to verify; MODERATE (3 passes
 * over 256 MiB) took 1.3 s. A login should feel instant and a few
 * concurrent ones must not take a gigabyte, while an offline guesser of a
 * stolen file still pays 64 MiB and a tenth of a second a guess; online
 * guessing is bounded by the failed-login limit, not by this cost. */
#define HASH_OPSLIMIT crypto_pwhash_OPSLIMIT_INTERACTIVE
#define HASH_MEMLIMIT crypto_pwhash_MEMLIMIT_INTERACTIVE
/* At most this many argon2id computations run at once (each takes 64 MiB
 * and a core): a burst of logins waits instead of exhausting memory. */
#define HASH_CONCURRENCY 2

#define NAME_MAX_BYTES 64
#define USERS_FILE_MAX (16u << 20)

/* Sets *ERR (when ERR is non-NULL) to the malloc'd message FMT and
 * returns ST. */
static ivs_status_t fail(char **err, ivs_status_t st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static ivs_status_t
fail(char **err, ivs_status_t st, const char *fmt, ...)
{
    if (!err)
        return st;
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(err, fmt, ap) < 0)
        *err = NULL;
    va_end(ap);
    return st;
}

ivs_status_t
ivs_auth_init(void)
{
    return sodium_init() < 0 ? IVS_ERR_INTERNAL : IVS_OK;
}

void
ivs_auth_wipe(char *secret)
{
    if (secret)
        sodium_memzero(secret, strlen(secret));
}

/* ---- password hashes --------------------------------------------------- */

static pthread_mutex_t hash_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hash_turn = PTHREAD_COND_INITIALIZER;
static int hash_running;

static void
hash_enter(void)
{
    pthread_mutex_lock(&hash_lock);
    while (hash_running >= HASH_CONCURRENCY)
        pthread_cond_wait(&hash_turn, &hash_lock);
    hash_running++;
    pthread_mutex_unlock(&hash_lock);
}

static void
hash_leave(void)
{
    pthread_mutex_lock(&hash_lock);
    hash_running--;
    pthread_cond_signal(&hash_turn);
    pthread_mutex_unlock(&hash_lock);
}

/* 1 when PASSWORD matches HASH (one argon2id computation either way). */
static int
hash_verify(const char *hash, const char *password)
{
    hash_enter();
    int ok = crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
    hash_leave();
    return ok;
}

/* A hash of a random password, for verifications against no user when the
 * users file has none (made once, on first need). */
static char dummy_hash[crypto_pwhash_STRBYTES];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
make_dummy_hash(void)
{
    unsigned char secret[16];
    char hex[sizeof secret * 2 + 1];
    randombytes_buf(secret, sizeof secret);
    sodium_bin2hex(hex, sizeof hex, secret, sizeof secret);
    if (crypto_pwhash_str(dummy_hash, hex, strlen(hex), HASH_OPSLIMIT,
                          HASH_MEMLIMIT) != 0)
        dummy_hash[0] = '\0';
    sodium_memzero(secret, sizeof secret);
    sodium_memzero(hex, sizeof hex);
}

/* ---- names, hashes and scopes as the users file has them --------------- */

static int
name_char_ok(utf8proc_int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
               (cp >= '0' && cp <= '9') || cp == '.' || cp == '_' ||
               cp == '-' || cp == '@';
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND: return 1;
    default: return 0;
    }
}

/* NULL when the N bytes at S are a valid user name, else why not. A name
 * must also be in Unicode NFC, so that one person has one spelling. */
static const char *
name_problem(const char *s, size_t n)
{
    if (n == 0)
        return "empty";
    if (n > NAME_MAX_BYTES)
        return "longer than 64 bytes";
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    while (i < n) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t len =
            utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
        if (len <= 0)
            return "not valid UTF-8";
        if (!name_char_ok(cp))
            return "only letters, digits, '.', '_', '-' and '@' may be used";
        i += (size_t)len;
    }
    char copy[NAME_MAX_BYTES + 1];
    memcpy(copy, s, n);
    copy[n] = '\0';
    utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)copy);
    int same = nfc && !strcmp((const char *)nfc, copy);
    free(nfc);
    return same ? NULL : "not in Unicode NFC form";
}

/* NULL when the N bytes at S are an absolute canonical folder as the users
 * file stores scopes, else why not. */
static const char *
scope_problem(const char *s, size_t n)
{
    if (n == 0 || s[0] != '/')
        return "not an absolute folder";
    if (n == 1)
        return "the root folder: give no scope to see everything";
    if (s[n - 1] == '/')
        return "ends with '/'";
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            return "contains a control character";
        if (c != '/')
            continue;
        size_t e = i + 1;
        while (e < n && s[e] != '/')
            e++;
        size_t len = e - i - 1;
        if (len == 0 || (len == 1 && s[i + 1] == '.') ||
            (len == 2 && s[i + 1] == '.' && s[i + 2] == '.'))
            return "not canonical (an empty, '.' or '..' part)";
    }
    return NULL;
}

/* NULL when HASH is an argon2id string libsodium can verify. */
static const char *
hash_problem(const char *hash)
{
    if (strncmp(hash, "$argon2id$", 10))
        return "not an argon2id hash (ivserve --add-user writes them)";
    if (strlen(hash) >= crypto_pwhash_STRBYTES ||
        crypto_pwhash_str_needs_rehash(hash, HASH_OPSLIMIT, HASH_MEMLIMIT) < 0)
        return "not a valid argon2id hash string";
    return NULL;
}

/* ---- the users file: reading and parsing ------------------------------- */

struct ivs_user {
    char *name;
    char *hash;
    char **scopes;
    size_t n_scopes;
    unsigned line;
    size_t start, end; /* the line's bytes in the file, newline excluded */
};

struct ivs_users {
    ivs_user_t *v; /* sorted by name */
    size_t n, cap;
};

static void
user_clear(ivs_user_t *u)
{
    free(u->name);
    if (u->hash) {
        sodium_memzero(u->hash, strlen(u->hash));
        free(u->hash);
    }
    for (size_t i = 0; i < u->n_scopes; i++)
        free(u->scopes[i]);
    free(u->scopes);
}

void
ivs_users_free(ivs_users_t *users)
{
    if (!users)
        return;
    for (size_t i = 0; i < users->n; i++)
        user_clear(&users->v[i]);
    free(users->v);
    free(users);
}

size_t
ivs_users_count(const ivs_users_t *users)
{
    return users ? users->n : 0;
}

/* Reads FD (the file PATH, about SIZE bytes) to its end into *BUF (*HAVE
 * bytes and room for a NUL), refusing more than USERS_FILE_MAX bytes. */
static ivs_status_t
read_all(int fd, const char *path, size_t size, char **buf, size_t *have,
         char **err)
{
    size_t cap = size < USERS_FILE_MAX ? size + 4096 : USERS_FILE_MAX + 1;
    *have = 0;
    if (!(*buf = malloc(cap)))
        return fail(err, IVS_ERR_NOMEM, "%s: out of memory", path);
    for (;;) {
        if (*have + 1 >= cap && cap < USERS_FILE_MAX + 1) {
            /* the file grew while read: a rare case, worth no care about
             * the copy realloc may leave behind (hashes, not passwords) */
            size_t ncap =
                cap * 2 < USERS_FILE_MAX + 1 ? cap * 2 : USERS_FILE_MAX + 1;
            char *nb = realloc(*buf, ncap);
            if (!nb)
                return fail(err, IVS_ERR_NOMEM, "%s: out of memory", path);
            *buf = nb;
            cap = ncap;
        }
        ssize_t got = read(fd, *buf + *have, cap - 1 - *have);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0)
            return fail(err, IVS_ERR_IO, "%s: %s", path, strerror(errno));
        if (got == 0)
            return IVS_OK;
        if ((*have += (size_t)got) >= USERS_FILE_MAX)
            return fail(err, IVS_ERR_TOOBIG, "%s: %u MiB or more", path,
                        USERS_FILE_MAX >> 20);
    }
}

/* Reads the users file PATH whole into *TEXT (*LEN bytes, NUL-terminated;
 * NULL and *MISSING = 1 when MAY_BE_MISSING and it does not exist),
 * checking it is a regular file no one else may read. NOFOLLOW refuses a
 * symbolic link. *ST gets its status. */
static ivs_status_t
read_users_file(const char *path, int may_be_missing, int nofollow, char **text,
                size_t *len, int *missing, struct stat *st, char **err)
{
    *text = NULL;
    *len = 0;
    *missing = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK |
                            (nofollow ? O_NOFOLLOW : 0));
    if (fd < 0 && errno == ENOENT && may_be_missing) {
        *missing = 1;
        return IVS_OK;
    }
    if (fd < 0 && errno == ENOENT)
        return fail(err, IVS_ERR_IO,
                    "%s: no such users file; create it with ivserve "
                    "--add-user NAME --users %s",
                    path, path);
    if (fd < 0 && errno == ELOOP && nofollow)
        return fail(err, IVS_ERR_INPUT,
                    "%s: a symbolic link; give the path of the users file "
                    "itself",
                    path);
    if (fd < 0)
        return fail(err, IVS_ERR_IO, "%s: %s", path, strerror(errno));
    ivs_status_t status = IVS_OK;
    if (fstat(fd, st) != 0)
        status = fail(err, IVS_ERR_IO, "%s: %s", path, strerror(errno));
    else if (!S_ISREG(st->st_mode))
        status = fail(err, IVS_ERR_INPUT, "%s: not a regular file", path);
    else if (st->st_mode & 077)
        status = fail(err, IVS_ERR_INPUT,
                      "%s: readable by others; chmod 600 %s", path, path);
    else if (st->st_size >= (off_t)USERS_FILE_MAX)
        status = fail(err, IVS_ERR_TOOBIG, "%s: %u MiB or more", path,
                      USERS_FILE_MAX >> 20);
    char *buf = NULL;
    size_t have = 0;
    if (status == IVS_OK)
        status = read_all(fd, path, (size_t)st->st_size, &buf, &have, err);
    close(fd);
    if (status != IVS_OK) {
        if (buf)
            sodium_memzero(buf, have);
        free(buf);
        return status;
    }
    buf[have] = '\0';
    *text = buf;
    *len = have;
    return IVS_OK;
}

/* Parses the fields of one user line (N bytes at LINE, no newline) into U.
 * Returns IVS_OK; IVS_ERR_INPUT with *WHAT (the field) and *WHY set when
 * the line is malformed; IVS_ERR_NOMEM. */
static ivs_status_t
parse_user_line(const char *line, size_t n, ivs_user_t *u, const char **what,
                const char **why)
{
    size_t fields = 1;
    for (size_t i = 0; i < n; i++)
        fields += line[i] == '\t';
    *what = "line";
    *why = "expected NAME<TAB>HASH[<TAB>SCOPE]...";
    if (fields < 2)
        return IVS_ERR_INPUT;
    if (fields > 2 && !(u->scopes = calloc(fields - 2, sizeof *u->scopes)))
        return IVS_ERR_NOMEM;
    static const char *const field_names[] = {"user name", "hash", "scope"};
    size_t field = 0;
    for (size_t i = 0; field < fields; field++) {
        size_t e = i;
        while (e < n && line[e] != '\t')
            e++;
        *what = field_names[field < 2 ? field : 2];
        if (e == i) {
            *why = "empty (fields are separated by one TAB)";
            return IVS_ERR_INPUT;
        }
        char *copy = ivs_text_dup(line + i, e - i);
        if (!copy)
            return IVS_ERR_NOMEM;
        if (field == 0) {
            u->name = copy;
            *why = name_problem(copy, e - i);
        } else if (field == 1) {
            u->hash = copy;
            *why = hash_problem(copy);
        } else {
            u->scopes[u->n_scopes++] = copy;
            *why = scope_problem(copy, e - i);
        }
        if (*why)
            return IVS_ERR_INPUT;
        i = e + 1;
    }
    return IVS_OK;
}

/* Adds the line START..END (number LINENO) of the users file PATH's TEXT
 * to USERS: nothing for a blank or comment line. */
static ivs_status_t
parse_line(const char *path, const char *text, size_t start, size_t end,
           unsigned lineno, ivs_users_t *users, char **err)
{
    const char *line = text + start;
    size_t n = end - start;
    if (memchr(line, '\0', n))
        return fail(err, IVS_ERR_INPUT, "%s:%u: a NUL byte", path, lineno);
    if (memchr(line, '\r', n))
        return fail(err, IVS_ERR_INPUT,
                    "%s:%u: a carriage return (the file must have Unix line "
                    "ends)",
                    path, lineno);
    if (ivs_text_is_blank(line, n) || line[0] == '#')
        return IVS_OK;
    if (ivs_grow(&users->v, &users->cap, users->n + 1, sizeof *users->v, 8))
        return fail(err, IVS_ERR_NOMEM, "%s: out of memory", path);
    ivs_user_t *u = &users->v[users->n];
    memset(u, 0, sizeof *u);
    const char *what, *why;
    ivs_status_t st = parse_user_line(line, n, u, &what, &why);
    if (st != IVS_OK) {
        user_clear(u);
        if (st == IVS_ERR_NOMEM)
            return fail(err, st, "%s: out of memory", path);
        return fail(err, st, "%s:%u: %s: %s", path, lineno, what, why);
    }
    u->line = lineno;
    u->start = start;
    u->end = end;
    users->n++;
    return IVS_OK;
}

static int
user_cmp(const void *a, const void *b)
{
    return strcmp(((const ivs_user_t *)a)->name, ((const ivs_user_t *)b)->name);
}

/* Parses TEXT (LEN bytes, NUL-terminated) of the users file PATH into a
 * new *OUT. */
static ivs_status_t
parse_users(const char *path, const char *text, size_t len, ivs_users_t **out,
            char **err)
{
    *out = NULL;
    ivs_users_t *users = calloc(1, sizeof *users);
    if (!users)
        return fail(err, IVS_ERR_NOMEM, "%s: out of memory", path);
    ivs_status_t st = IVS_OK;
    unsigned lineno = 0;
    for (size_t i = 0; i < len && st == IVS_OK;) {
        const char *nl = memchr(text + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - text) : len;
        st = parse_line(path, text, i, e, ++lineno, users, err);
        i = e + 1;
    }
    if (st == IVS_OK && users->n > 1)
        qsort(users->v, users->n, sizeof *users->v, user_cmp);
    for (size_t i = 1; st == IVS_OK && i < users->n; i++) {
        const ivs_user_t *a = &users->v[i - 1], *b = &users->v[i];
        if (!strcmp(a->name, b->name))
            st =
                fail(err, IVS_ERR_INPUT, "%s:%u: user %s is already on line %u",
                     path, a->line > b->line ? a->line : b->line, a->name,
                     a->line < b->line ? a->line : b->line);
    }
    if (st != IVS_OK) {
        ivs_users_free(users);
        return st;
    }
    *out = users;
    return IVS_OK;
}

ivs_status_t
ivs_users_load(const char *path, ivs_users_t **out, char **err)
{
    *out = NULL;
    if (err)
        *err = NULL;
    char *text;
    size_t len;
    int missing;
    struct stat st;
    ivs_status_t status =
        read_users_file(path, 0, 0, &text, &len, &missing, &st, err);
    if (status != IVS_OK)
        return status;
    status = parse_users(path, text, len, out, err);
    sodium_memzero(text, len);
    free(text);
    return status;
}

const ivs_user_t *
ivs_users_find(const ivs_users_t *users, const char *name)
{
    if (!users || !name || !users->n)
        return NULL;
    ivs_user_t key = {.name = (char *)name};
    return bsearch(&key, users->v, users->n, sizeof *users->v, user_cmp);
}

const ivs_user_t *
ivs_users_verify(const ivs_users_t *users, const char *name,
                 const char *password)
{
    if (!users || !name || !password ||
        strlen(password) > IVS_AUTH_PASSWORD_MAX)
        return NULL;
    const ivs_user_t *user = ivs_users_find(users, name);
    /* an unknown name costs one verification too, against a real user's
     * hash (same parameters as the file's) whose result is ignored */
    const char *hash = user ? user->hash : users->n ? users->v[0].hash : NULL;
    if (!hash) {
        pthread_once(&dummy_once, make_dummy_hash);
        hash = dummy_hash;
    }
    int ok = hash[0] && hash_verify(hash, password);
    return user && ok ? user : NULL;
}

const char *
ivs_user_name(const ivs_user_t *user)
{
    return user->name;
}

const ivs_user_t *
ivs_users_at(const ivs_users_t *users, size_t i)
{
    return users && i < users->n ? &users->v[i] : NULL;
}

int
ivs_user_same_password(const ivs_user_t *a, const ivs_user_t *b)
{
    return strcmp(a->hash, b->hash) == 0;
}

size_t
ivs_user_n_scopes(const ivs_user_t *user)
{
    return user->n_scopes;
}

const char *
ivs_user_scope(const ivs_user_t *user, size_t i)
{
    return i < user->n_scopes ? user->scopes[i] : NULL;
}

void
ivs_user_fingerprint(const ivs_user_t *user,
                     unsigned char fp[IVS_USER_FINGERPRINT_LEN])
{
    crypto_generichash(fp, IVS_USER_FINGERPRINT_LEN,
                       (const unsigned char *)user->hash, strlen(user->hash),
                       NULL, 0);
}

/* ---- the users file: adding a user ------------------------------------- */

/* IVS_ERR_INPUT with the message "WHAT VALUE: WHY", VALUE's control
 * characters shown escaped (it comes from the command line) so that the
 * message stays one line. */
static ivs_status_t
fail_quoting(char **err, const char *what, const char *value, const char *why)
{
    char *safe = ivs_safe_text(value, strlen(value), IVS_SAFE_LINE);
    ivs_status_t st =
        fail(err, IVS_ERR_INPUT, "%s %s: %s", what, safe ? safe : "", why);
    free(safe);
    return st;
}

/* The canonical absolute form of each of the N SCOPES into *OUT (malloc'd
 * array of malloc'd strings). */
static ivs_status_t
canonical_scopes(const char *const *scopes, size_t n, char ***out, char **err)
{
    *out = n ? calloc(n, sizeof **out) : NULL;
    if (n && !*out)
        return fail(err, IVS_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++) {
        const char *why = NULL;
        if (!scopes[i][0])
            why = "empty";
        else if (!((*out)[i] = ivs_absolute_path(scopes[i])))
            why = errno == ENOMEM ? "out of memory" : strerror(errno);
        else
            why = scope_problem((*out)[i], strlen((*out)[i]));
        if (why) {
            for (size_t j = 0; j <= i; j++)
                free((*out)[j]);
            free(*out);
            *out = NULL;
            return fail_quoting(err, "scope", scopes[i], why);
        }
    }
    return IVS_OK;
}

/* The users file's new text: OLD (LEN bytes; NULL for a new file) with
 * NAME's line (USER, or NULL) replaced by, or followed by, LINE. */
static char *
users_text(const char *old, size_t len, const ivs_user_t *user,
           const char *line, size_t *out_len)
{
    static const char header[] =
        "# ivserve users: NAME<TAB>argon2id hash[<TAB>SCOPE]... "
        "(ivserve --add-user NAME)\n";
    size_t ll = strlen(line);
    size_t cap = (old ? len : sizeof header) + ll + 2;
    char *text = malloc(cap);
    if (!text)
        return NULL;
    size_t n = 0;
    if (!old) {
        memcpy(text, header, sizeof header - 1);
        n = sizeof header - 1;
    } else if (user) {
        memcpy(text, old, user->start);
        n = user->start;
    } else {
        memcpy(text, old, len);
        n = len;
        if (n && text[n - 1] != '\n')
            text[n++] = '\n';
    }
    memcpy(text + n, line, ll);
    n += ll;
    if (old && user) {
        memcpy(text + n, old + user->end, len - user->end);
        n += len - user->end;
    } else {
        text[n++] = '\n';
    }
    *out_len = n;
    return text;
}

static ivs_status_t
write_error(char **err, const char *path, const char *doing)
{
    int e = errno;
    return fail(err, e == ENOSPC || e == EDQUOT ? IVS_ERR_NOSPACE : IVS_ERR_IO,
                "%s: %s: %s", path, doing, strerror(e));
}

/* Writes TEXT (LEN bytes) as the file BASE of the folder DIRFD (the users
 * file PATH): a new temporary file beside it (O_EXCL, so never through a
 * link), 0600, synced, renamed over BASE, the folder synced. OLD is the
 * status of the file replaced (NULL when there is none): run as root, the
 * new file keeps the old one's owner, so the server can still read it. */
static ivs_status_t
write_atomic(int dirfd, const char *path, const char *base, const char *text,
             size_t len, const struct stat *old, char **err)
{
    unsigned char r[8];
    char hex[sizeof r * 2 + 1], *tmp;
    randombytes_buf(r, sizeof r);
    sodium_bin2hex(hex, sizeof hex, r, sizeof r);
    if (asprintf(&tmp, ".%s.tmp-%s", base, hex) < 0)
        return fail(err, IVS_ERR_NOMEM, "%s: out of memory", path);
    int fd = openat(dirfd, tmp,
                    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) {
        ivs_status_t st =
            write_error(err, path, "cannot create a temporary file beside it");
        free(tmp);
        return st;
    }
    ivs_status_t st = IVS_OK;
    if (fchmod(fd, 0600) != 0)
        st = write_error(err, path, "chmod of the temporary file");
    else if (old && geteuid() == 0 && fchown(fd, old->st_uid, old->st_gid) != 0)
        st = write_error(err, path, "chown of the temporary file");
    for (size_t done = 0; st == IVS_OK && done < len;) {
        ssize_t w = write(fd, text + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w < 0)
            st = write_error(err, path, "writing");
        else
            done += (size_t)w;
    }
    if (st == IVS_OK && fsync(fd) != 0)
        st = write_error(err, path, "fsync");
    if (close(fd) != 0 && st == IVS_OK)
        st = write_error(err, path, "closing");
    if (st == IVS_OK && renameat(dirfd, tmp, dirfd, base) != 0)
        st = write_error(err, path, "renaming the new file into place");
    if (st != IVS_OK)
        unlinkat(dirfd, tmp, 0);
    else if (fsync(dirfd) != 0)
        st = write_error(err, path, "fsync of its folder");
    free(tmp);
    return st;
}

/* "NAME<TAB>HASH[<TAB>SCOPE]...", malloc'd. */
static char *
user_line(const char *name, const char *hash, char *const *scopes, size_t n)
{
    size_t len = strlen(name) + 1 + strlen(hash) + 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(scopes[i]) + 1;
    char *line = malloc(len);
    if (!line)
        return NULL;
    size_t at = (size_t)sprintf(line, "%s\t%s", name, hash);
    for (size_t i = 0; i < n; i++)
        at += (size_t)sprintf(line + at, "\t%s", scopes[i]);
    return line;
}

/* ivs_users_add with the folder DIRFD of PATH (file BASE there) locked:
 * reads the file (when there), puts LINE in, writes it back. */
static ivs_status_t
add_locked(int dirfd, const char *path, const char *base, const char *name,
           const char *line, char **err)
{
    char *old;
    size_t len;
    int missing;
    struct stat st;
    ivs_status_t status =
        read_users_file(path, 1, 1, &old, &len, &missing, &st, err);
    if (status != IVS_OK)
        return status;
    ivs_users_t *users = NULL;
    if (!missing)
        status = parse_users(path, old, len, &users, err);
    char *text = NULL;
    size_t text_len = 0;
    if (status == IVS_OK &&
        !(text = users_text(old, len, ivs_users_find(users, name), line,
                            &text_len)))
        status = fail(err, IVS_ERR_NOMEM, "%s: out of memory", path);
    if (status == IVS_OK)
        status = write_atomic(dirfd, path, base, text, text_len,
                              missing ? NULL : &st, err);
    ivs_users_free(users);
    if (old)
        sodium_memzero(old, len);
    if (text)
        sodium_memzero(text, text_len);
    free(old);
    free(text);
    return status;
}

/* Opens the folder of PATH (its last part in *BASE, malloc'd). */
static ivs_status_t
open_parent(const char *path, int *dirfd, char **base, char **err)
{
    const char *slash = strrchr(path, '/');
    const char *b = slash ? slash + 1 : path;
    if (!*b || !strcmp(b, ".") || !strcmp(b, ".."))
        return fail(err, IVS_ERR_INPUT, "%s: not a file name", path);
    char *dir = slash ? ivs_text_dup(path, (size_t)(slash - path))
                      : ivs_text_dup(".", 1);
    *base = ivs_text_dup(b, strlen(b));
    if (!dir || !*base) {
        free(dir);
        free(*base);
        *base = NULL;
        return fail(err, IVS_ERR_NOMEM, "%s: out of memory", path);
    }
    *dirfd = open(*dir ? dir : "/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    ivs_status_t st = IVS_OK;
    if (*dirfd < 0)
        st = fail(err, IVS_ERR_IO, "%s: its folder: %s", path, strerror(errno));
    else if (flock(*dirfd, LOCK_EX) != 0)
        st = fail(err, IVS_ERR_IO, "%s: locking its folder: %s", path,
                  strerror(errno));
    if (st != IVS_OK) {
        if (*dirfd >= 0)
            close(*dirfd);
        free(*base);
        *base = NULL;
    }
    free(dir);
    return st;
}

ivs_status_t
ivs_users_add(const char *path, const char *name, const char *password,
              const char *const *scopes, size_t n_scopes, char **err)
{
    if (err)
        *err = NULL;
    const char *why = name ? name_problem(name, strlen(name)) : "missing";
    if (why)
        return fail_quoting(err, "user name", name ? name : "", why);
    size_t pw_len = password ? strlen(password) : 0;
    if (pw_len < IVS_AUTH_PASSWORD_MIN || pw_len > IVS_AUTH_PASSWORD_MAX)
        return fail(err, IVS_ERR_INPUT, "password for %s: %s than %d bytes",
                    name, pw_len < IVS_AUTH_PASSWORD_MIN ? "shorter" : "longer",
                    pw_len < IVS_AUTH_PASSWORD_MIN ? IVS_AUTH_PASSWORD_MIN
                                                   : IVS_AUTH_PASSWORD_MAX);
    char **canon;
    ivs_status_t st = canonical_scopes(scopes, n_scopes, &canon, err);
    if (st != IVS_OK)
        return st;
    char hash[crypto_pwhash_STRBYTES];
    hash_enter();
    int hashed = crypto_pwhash_str(hash, password, pw_len, HASH_OPSLIMIT,
                                   HASH_MEMLIMIT) == 0;
    hash_leave();
    char *line = hashed ? user_line(name, hash, canon, n_scopes) : NULL;
    if (!line)
        st = fail(err, IVS_ERR_NOMEM, "out of memory hashing the password");
    int dirfd = -1;
    char *base = NULL;
    if (st == IVS_OK)
        st = open_parent(path, &dirfd, &base, err);
    if (st == IVS_OK) {
        st = add_locked(dirfd, path, base, name, line, err);
        close(dirfd); /* and with it the lock */
    }
    for (size_t i = 0; i < n_scopes; i++)
        free(canon[i]);
    free(canon);
    free(base);
    if (line)
        sodium_memzero(line, strlen(line));
    free(line);
    sodium_memzero(hash, sizeof hash);
    return st;
}

/* ---- reading a password ------------------------------------------------ */

/* One line from FD (without its "\n" or "\r\n"), malloc'd, read a byte at
 * a time so that no buffer holds what follows it or keeps a copy. */
static char *
read_secret_line(int fd, char **err)
{
    char *buf = malloc(IVS_AUTH_PASSWORD_MAX + 2);
    if (!buf) {
        fail(err, IVS_ERR_NOMEM, "out of memory");
        return NULL;
    }
    size_t n = 0;
    const char *why = NULL;
    for (;;) {
        char c;
        ssize_t got = read(fd, &c, 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            why = strerror(errno);
            break;
        }
        if (got == 0 || c == '\n')
            break;
        if (n > IVS_AUTH_PASSWORD_MAX) {
            why = "longer than the limit";
            break;
        }
        buf[n++] = c;
    }
    if (!why && n && buf[n - 1] == '\r')
        n--;
    if (!why && n == 0)
        why = "empty";
    else if (!why && memchr(buf, '\0', n))
        why = "contains a NUL byte";
    if (why) {
        sodium_memzero(buf, IVS_AUTH_PASSWORD_MAX + 2);
        free(buf);
        fail(err, IVS_ERR_INPUT, "password: %s (%d bytes)", why,
             IVS_AUTH_PASSWORD_MAX);
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

/* Prompts with PROMPT on standard error and reads one line of the
 * terminal on FD with echo off. */
static char *
read_without_echo(int fd, const char *prompt, char **err)
{
    struct termios saved, quiet;
    if (tcgetattr(fd, &saved) != 0) {
        fail(err, IVS_ERR_IO, "password: the terminal: %s", strerror(errno));
        return NULL;
    }
    quiet = saved;
    quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
    quiet.c_lflag |= ICANON;
    /* echo off before the prompt: what is typed after it is never shown */
    if (tcsetattr(fd, TCSAFLUSH, &quiet) != 0) {
        fail(err, IVS_ERR_IO, "password: the terminal: %s", strerror(errno));
        return NULL;
    }
    fputs(prompt, stderr);
    fflush(stderr);
    char *pw = read_secret_line(fd, err);
    tcsetattr(fd, TCSANOW, &saved);
    fputc('\n', stderr);
    return pw;
}

char *
ivs_auth_read_password(const char *name, char **err)
{
    if (err)
        *err = NULL;
    if (!isatty(STDIN_FILENO))
        return read_secret_line(STDIN_FILENO, err);
    char *prompt = NULL;
    if (asprintf(&prompt, "Password for %s: ", name ? name : "") < 0) {
        fail(err, IVS_ERR_NOMEM, "out of memory");
        return NULL;
    }
    char *first = read_without_echo(STDIN_FILENO, prompt, err);
    free(prompt);
    if (!first)
        return NULL;
    char *again = read_without_echo(STDIN_FILENO, "Again: ", err);
    if (!again) {
        ivs_auth_wipe(first);
        free(first);
        return NULL;
    }
    size_t n = strlen(first);
    int same = n == strlen(again) && sodium_memcmp(first, again, n) == 0;
    ivs_auth_wipe(again);
    free(again);
    if (!same) {
        ivs_auth_wipe(first);
        free(first);
        fail(err, IVS_ERR_INPUT, "the two passwords differ");
        return NULL;
    }
    return first;
}
