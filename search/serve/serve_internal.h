/* What ivserve's files share: the server, a request, the output buffer and
 * escaping. Not installed; the program's own. */
#ifndef IVS_SERVE_INTERNAL_H
#define IVS_SERVE_INTERNAL_H

#include <microhttpd.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "ivs/auth.h"
#include "ivs/search.h"

/* ---- limits (defaults; the options change some) ------------------------ */

#define SERVE_MAX_QUERY 1000 /* bytes of the q parameter */
#define SERVE_MAX_PARAMS 64  /* query-string parameters of a request */
#define SERVE_MAX_POST 4096  /* bytes of a login form */
#define SERVE_CONN_MEMORY \
    16384                      /* per connection: URL + headers beyond
                                    this are refused (414 / 431) */
#define SERVE_MAX_LIMIT 100    /* hits per page */
#define SERVE_PAGE 10          /* hits per page in the browser */
#define SERVE_DRAIN_SECONDS 10 /* SIGTERM: longest wait for requests */

/* ---- output buffer ----------------------------------------------------- */

typedef struct {
    char *buf;
    size_t len, cap;
    int failed; /* out of memory: the content is not to be sent */
} sbuf_t;

void sb_put(sbuf_t *b, const char *s, size_t n);
void sb_puts(sbuf_t *b, const char *s);
void sb_printf(sbuf_t *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_free(sbuf_t *b);

/* S (N bytes) as HTML text or a quoted attribute value: & < > " ' escaped,
 * control characters other than tab and newline dropped, invalid UTF-8
 * replaced by U+FFFD. */
void sb_html(sbuf_t *b, const char *s, size_t n);
void sb_htmls(sbuf_t *b, const char *s); /* NUL-terminated; NULL is "" */

/* Whether NUL-terminated S is valid UTF-8 without control characters
 * (a tab excepted): what a query parameter must be. */
int serve_utf8_text(const char *s);

/* Whether ADDR is a numeric loopback address (127.0.0.0/8, ::1). */
int serve_is_loopback(const char *addr);

/* S percent-encoded for a URL's query value or path segment (everything
 * but A-Z a-z 0-9 - _ . ~). The result is still to be HTML-escaped by the
 * caller when it goes into an attribute (sb_html does it). */
void sb_url(sbuf_t *b, const char *s);

/* ---- the server ---------------------------------------------------------- */

typedef struct {
    const char *db;
    char listen_host[64]; /* numeric address */
    unsigned port;
    const char *users_path; /* NULL: no accounts (loopback only) */
    unsigned threads;
    const char *audit_path;
    const char *tls_cert, *tls_key;
    unsigned max_connections, max_per_address;
    unsigned idle_timeout;   /* seconds a connection may stay silent */
    unsigned header_timeout; /* seconds to send a whole request head */
    unsigned session_idle, session_lifetime;
    int listen_any_ok;      /* the address is not loopback */
    int strict;             /* an answer without some shard is an error */
    const char *public_url; /* what people open ("https://notes.example.com"),
                               e.g. through a proxy on this machine */
    unsigned cache_mb;      /* the answer cache's budget; 0: no cache */
} serve_opts_t;

typedef struct audit audit_t;
typedef struct conn_table conn_table_t;
typedef struct answer_cache answer_cache_t;

typedef struct {
    serve_opts_t o;
    pthread_rwlock_t users_lock; /* guards users (swapped on SIGHUP) */
    ivs_users_t *users;          /* NULL without --users */
    ivs_sessions_t *sessions;
    ivs_ratelimit_t *failed_logins;
    audit_t *audit;
    conn_table_t *conns;
    answer_cache_t *cache;      /* NULL: none (--cache-mb 0) */
    pthread_key_t searcher_key; /* each worker thread's own searcher */
    atomic_int draining;
    int tls;
    int loopback;             /* listening on a loopback address */
    char origin[300];         /* scheme://authority pages are served from
                              when --public-url says, else "" */
    int secure_cookie;        /* TLS here, or an https public URL */
    char *tls_cert, *tls_key; /* PEM text, kept while the daemon runs */
} server_t;

/* One request, from its first call to its completion. */
typedef struct {
    struct timespec started;
    char *post; /* the form being received (POST) */
    size_t post_len;
    int post_too_big;
    /* who: filled by serve_who() */
    int authed;    /* a logged-in user, or no accounts at all */
    char user[80]; /* "" without accounts */
    char **scopes; /* the user's folders (copied) */
    size_t n_scopes;
    char token[IVS_SESSION_TOKEN_LEN + 1];
    ivs_searcher_t *searcher; /* serve_searcher()'s, once it was asked */
    /* for the audit line */
    const char *endpoint;
    char *query;    /* q, malloc'd */
    char *filters;  /* JSON object text, malloc'd, or NULL */
    long long hits; /* -1: not a search */
    unsigned status;
    char addr[64];
} request_t;

/* The answer being built: status, type, body, extra headers. */
typedef struct {
    unsigned status;
    const char *type; /* Content-Type */
    sbuf_t body;
    char *location; /* redirect target, malloc'd */
    char *cookie;   /* Set-Cookie value, malloc'd */
    unsigned retry_after;
    const char *allow; /* 405: the methods allowed */
} reply_t;

/* ---- serve_http.c --------------------------------------------------------- */

/* Starts the daemon for SRV (listening as its options say); NULL with a
 * message on stderr on failure. serve_end() frees what it kept, after
 * MHD_stop_daemon() (or after a failed start). */
struct MHD_Daemon *serve_start(server_t *srv);
void serve_end(server_t *srv);

/* Whether Host header HOST (NULL: none) names this server. */
int serve_host_ok(const server_t *srv, const char *host);

/* The value of query parameter KEY of CONN, or NULL. */
const char *serve_arg(struct MHD_Connection *conn, const char *key);

/* Every value of parameter KEY (up to MAX) into V; their number. */
size_t serve_args(struct MHD_Connection *conn, const char *key, const char **v,
                  size_t max);

/* This worker's searcher, opened on first use and brought to the latest
 * commit, limited to REQ's scopes; NULL with REP set to a 503 when the
 * database cannot be read. */
ivs_searcher_t *serve_searcher(server_t *srv, request_t *req, reply_t *rep,
                               int json);

/* Sets REP to an error: JSON {"error", "status"} or an HTML page. */
void serve_error(reply_t *rep, unsigned status, int json, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* With --strict, sets REP to a 503 naming the unreachable shards when C
 * leaves some out, and returns 1; else 0. */
int serve_degraded(const server_t *srv, const ivs_search_counts_t *c,
                   reply_t *rep, int json);

/* The HTTP status for a failed search library call. */
unsigned serve_status_for(ivs_status_t st);

/* ---- serve_api.c ----------------------------------------------------------- */

/* Answers /api/...: URL is the path after "/api/". */
void serve_api(server_t *srv, struct MHD_Connection *conn, request_t *req,
               const char *url, reply_t *rep);

/* The filter values of a request, borrowed from its query string. */
#define SERVE_MAX_FILTERS 16
typedef struct {
    const char *verdicts[SERVE_MAX_FILTERS], *topics[SERVE_MAX_FILTERS];
    const char *fields[IVS_FIELD_COUNT][SERVE_MAX_FILTERS];
} serve_filters_t;

/* Reads the search parameters of CONN (q, verdict, topic, candidate,
 * role, round, interviewer, since, until, sort, offset, limit) into OUT;
 * STORE holds the filter values. Returns 0, or -1 with REP set to a 400. */
int serve_search_request(struct MHD_Connection *conn, request_t *req,
                         ivs_search_request_t *out, serve_filters_t *store,
                         unsigned max_limit, reply_t *rep, int json);

/* ---- serve_pages.c ------------------------------------------------------- */

void serve_page_search(server_t *srv, struct MHD_Connection *conn,
                       request_t *req, reply_t *rep);
void serve_page_interview(server_t *srv, struct MHD_Connection *conn,
                          request_t *req, const char *id, reply_t *rep);
void serve_page_login(server_t *srv, struct MHD_Connection *conn,
                      request_t *req, const char *message, reply_t *rep);

/* The page's head and top bar (title TITLE, the user REQ), and its end. */
void page_begin(sbuf_t *b, const request_t *req, const char *title,
                const char *query);
void page_end(sbuf_t *b);

/* ---- serve_overview.c ---------------------------------------------------- */

void serve_page_overview(server_t *srv, struct MHD_Connection *conn,
                         request_t *req, reply_t *rep);

/* ---- serve_assets.c ---------------------------------------------------- */

/* The compiled-in file at PATH ("/static/app.css"), or NULL. */
const char *serve_asset(const char *path, const char **type, size_t *len);

/* ---- serve_audit.c ----------------------------------------------------- */

/* Opens (appending, creating 0600) the audit log PATH; NULL with errno. */
audit_t *audit_open(const char *path);
/* Opens the file again (after logrotate moved it); 0 or -1 with errno. */
int audit_reopen(audit_t *a);
void audit_close(audit_t *a);
/* Writes REQ's line: time, user, address, endpoint, query, filters, hits,
 * status, milliseconds. */
void audit_write(audit_t *a, const request_t *req, double ms);

/* ---- serve_cache.c: whole answers kept by request ----------------------- */

/* A cache of at most BUDGET bytes; NULL when BUDGET is 0 (or no memory):
 * every function takes NULL as a cache that keeps nothing. */
answer_cache_t *cache_new(size_t budget);
void cache_free(answer_cache_t *c);
/* The answer kept under KEY (KEY_LEN bytes) into REP (status 200, type,
 * body) and its audit fields into REQ (query, filters, hits): 1; 0 when
 * there is none. */
int cache_get(answer_cache_t *c, const char *key, size_t key_len, reply_t *rep,
              request_t *req);
/* Keeps REP under KEY when it is a whole 200 answer (no redirect, no
 * cookie), with REQ's audit fields; drops the least recently used answers
 * to stay within the budget. */
void cache_put(answer_cache_t *c, const char *key, size_t key_len,
               const reply_t *rep, const request_t *req);
void cache_stats(answer_cache_t *c, unsigned long long *hits,
                 unsigned long long *misses, size_t *used);

/* ---- serve_conns.c: request-head deadline (slow clients) --------------- */

conn_table_t *conns_new(unsigned header_timeout);
/* The table conns_busy() marks (the daemon's). */
void conns_set_table(conn_table_t *t);
void conns_free(conn_table_t *t);
void conns_notify(void *cls, struct MHD_Connection *conn, void **socket_ctx,
                  enum MHD_ConnectionNotificationCode code);
/* The request of CONN's socket has arrived whole, head and form (no
 * deadline while it is answered), or is done (the deadline runs again for
 * the next one). */
void conns_busy(struct MHD_Connection *conn, int busy);

#endif
