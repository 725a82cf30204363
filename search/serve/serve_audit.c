/* The audit log: one JSON line per request, appended, readable by its
 * owner only; reopened on SIGHUP so that logrotate can move it. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "serve_internal.h"

struct audit {
    char *path;
    int fd;
    int failed; /* the last write failed (said on stderr) */
    pthread_mutex_t lock;
};

static int
open_log(const char *path)
{
    /* O_NOFOLLOW: a link put in the log's place is not written through */
    return open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
                0600);
}

audit_t *
audit_open(const char *path)
{
    audit_t *a = calloc(1, sizeof *a);
    if (!a || !(a->path = strdup(path))) {
        free(a);
        errno = ENOMEM;
        return NULL;
    }
    a->fd = open_log(path);
    if (a->fd < 0) {
        int e = errno;
        free(a->path);
        free(a);
        errno = e;
        return NULL;
    }
    pthread_mutex_init(&a->lock, NULL);
    return a;
}

int
audit_reopen(audit_t *a)
{
    int fd = open_log(a->path);
    if (fd < 0)
        return -1;
    pthread_mutex_lock(&a->lock);
    int old = a->fd;
    a->fd = fd;
    pthread_mutex_unlock(&a->lock);
    close(old);
    return 0;
}

void
audit_close(audit_t *a)
{
    if (!a)
        return;
    close(a->fd);
    pthread_mutex_destroy(&a->lock);
    free(a->path);
    free(a);
}

/* S as a JSON string: bytes that are not UTF-8 written as \xHH (so that
 * nothing a client sends is dropped from the log); NULL S is null. */
static json_t *
text(const char *s)
{
    if (!s)
        return json_null();
    json_t *j = json_string(s);
    if (j)
        return j;
    sbuf_t b = {0};
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x80)
            sb_put(&b, (const char *)p, 1);
        else
            sb_printf(&b, "\\x%02X", *p);
    }
    j = b.failed ? NULL : json_string(b.buf);
    sb_free(&b);
    return j ? j : json_string("?");
}

void
audit_write(audit_t *a, const request_t *req, double ms)
{
    if (!a)
        return;
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct tm tm;
    gmtime_r(&now.tv_sec, &tm);
    char when[80];
    snprintf(when, sizeof when, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ",
             tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
             tm.tm_min, tm.tm_sec, (int)(now.tv_nsec / 1000000));
    json_t *o = json_object();
    json_object_set_new(o, "time", json_string(when));
    json_object_set_new(o, "user",
                        req->user[0] ? text(req->user) : json_null());
    json_object_set_new(o, "address", text(req->addr));
    json_object_set_new(o, "endpoint",
                        text(req->endpoint ? req->endpoint : "-"));
    /* every line has every key (null where it does not apply), so that
     * whoever reads the log finds one shape */
    json_t *f = req->filters ? json_loads(req->filters, 0, NULL) : NULL;
    json_object_set_new(o, "query", text(req->query));
    json_object_set_new(o, "filters", f ? f : json_null());
    json_object_set_new(o, "hits",
                        req->hits >= 0 ? json_integer(req->hits) : json_null());
    json_object_set_new(o, "status", json_integer(req->status));
    json_object_set_new(o, "ms",
                        json_real((double)(long long)(ms * 1000) / 1000));
    char *line = json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII |
                                   JSON_REAL_PRECISION(6));
    json_decref(o);
    if (!line)
        return;
    size_t n = strlen(line);
    line[n] = '\n';
    pthread_mutex_lock(&a->lock);
    ssize_t w = write(a->fd, line, n + 1);
    if (w != (ssize_t)(n + 1) && !a->failed) {
        /* said once; the server goes on (the disk may come back) */
        fprintf(stderr, "ivserve: cannot write the audit log %s: %s\n", a->path,
                w < 0 ? strerror(errno) : "short write");
        a->failed = 1;
    } else if (w == (ssize_t)(n + 1)) {
        a->failed = 0;
    }
    pthread_mutex_unlock(&a->lock);
    free(line);
}
