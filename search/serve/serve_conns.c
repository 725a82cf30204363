/* A deadline for a request's head. libmicrohttpd times a connection out
 * when it is silent, but a client sending a byte every few seconds is
 * never silent (slowloris): here every connection is known from its start
 * to its end, and a reaper thread shuts down the socket of one whose
 * request head has not arrived within the deadline (from its start, or
 * from the end of its last request). Shutting down, under the same lock
 * that the close notification takes, never touches a socket that
 * libmicrohttpd has closed (and the system may have given to another). */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "serve_internal.h"

typedef struct conn {
    struct conn *prev, *next;
    int fd;
    int busy; /* a request is being answered */
    struct timespec since;
} conn_t;

struct conn_table {
    pthread_mutex_t lock;
    pthread_cond_t wake;
    conn_t head; /* circular list */
    unsigned timeout;
    int stop;
    pthread_t reaper;
};

static double
seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) +
           (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void *
reap(void *arg)
{
    conn_table_t *t = arg;
    pthread_mutex_lock(&t->lock);
    while (!t->stop) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 250 * 1000 * 1000;
        if (until.tv_nsec >= 1000000000L) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000L;
        }
        pthread_cond_timedwait(&t->wake, &t->lock, &until);
        for (conn_t *c = t->head.next; c != &t->head; c = c->next) {
            if (!c->busy && c->fd >= 0 &&
                seconds_since(&c->since) > (double)t->timeout) {
                shutdown(c->fd, SHUT_RDWR);
                c->fd = -1; /* once */
            }
        }
    }
    pthread_mutex_unlock(&t->lock);
    return NULL;
}

conn_table_t *
conns_new(unsigned header_timeout)
{
    conn_table_t *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->wake, NULL);
    t->head.next = t->head.prev = &t->head;
    t->timeout = header_timeout;
    if (pthread_create(&t->reaper, NULL, reap, t) != 0) {
        free(t);
        return NULL;
    }
    return t;
}

void
conns_free(conn_table_t *t)
{
    if (!t)
        return;
    pthread_mutex_lock(&t->lock);
    t->stop = 1;
    pthread_cond_signal(&t->wake);
    pthread_mutex_unlock(&t->lock);
    pthread_join(t->reaper, NULL);
    while (t->head.next != &t->head) {
        conn_t *c = t->head.next;
        t->head.next = c->next;
        free(c);
    }
    free(t);
}

void
conns_notify(void *cls, struct MHD_Connection *conn, void **socket_ctx,
             enum MHD_ConnectionNotificationCode code)
{
    conn_table_t *t = cls;
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
        conn_t *c = calloc(1, sizeof *c);
        if (!c || !ci) {
            free(c);
            *socket_ctx = NULL;
            return;
        }
        c->fd = ci->connect_fd;
        clock_gettime(CLOCK_MONOTONIC, &c->since);
        pthread_mutex_lock(&t->lock);
        c->next = t->head.next;
        c->prev = &t->head;
        t->head.next->prev = c;
        t->head.next = c;
        pthread_mutex_unlock(&t->lock);
        *socket_ctx = c;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
        conn_t *c = *socket_ctx;
        if (!c)
            return;
        pthread_mutex_lock(&t->lock);
        c->prev->next = c->next;
        c->next->prev = c->prev;
        pthread_mutex_unlock(&t->lock);
        free(c);
        *socket_ctx = NULL;
    }
}

/* The table the daemon was given (set once by serve_start). */
static conn_table_t *the_table;

void
conns_set_table(conn_table_t *t)
{
    the_table = t;
}

void
conns_busy(struct MHD_Connection *conn, int busy)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    if (!ci || !ci->socket_context || !the_table)
        return;
    conn_t *c = ci->socket_context;
    pthread_mutex_lock(&the_table->lock);
    c->busy = busy;
    if (!busy)
        clock_gettime(CLOCK_MONOTONIC, &c->since);
    pthread_mutex_unlock(&the_table->lock);
}
