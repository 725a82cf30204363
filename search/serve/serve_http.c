/* ivserve's HTTP side over libmicrohttpd: the daemon and its limits, the
 * request's life (who asks, routing, the answer with its security headers,
 * the audit line), login and logout, and each worker's searcher. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include <jansson.h>

#include "serve_internal.h"

#define COOKIE "ivs_session"

/* ---- answers --------------------------------------------------------------- */

int
serve_degraded(const server_t *srv, const ivs_search_counts_t *c, reply_t *rep,
               int json)
{
    if (!srv->o.strict || c->n_degraded == 0)
        return 0;
    sbuf_t names = {0};
    for (size_t i = 0; i < c->n_degraded; i++) {
        if (i)
            sb_puts(&names, ", ");
        sb_puts(&names, c->degraded[i]);
    }
    serve_error(rep, MHD_HTTP_SERVICE_UNAVAILABLE, json,
                "%zu of %zu shards unreachable: %s (--strict)", c->n_degraded,
                c->n_shards, names.buf ? names.buf : "");
    rep->retry_after = 5;
    sb_free(&names);
    return 1;
}

unsigned
serve_status_for(ivs_status_t st)
{
    switch (st) {
    case IVS_ERR_QUERY:
    case IVS_ERR_INPUT: return MHD_HTTP_BAD_REQUEST;
    case IVS_ERR_NOTFOUND: return MHD_HTTP_NOT_FOUND;
    case IVS_ERR_NODB:
    case IVS_ERR_SCHEMA:
    case IVS_ERR_MODIFIED:
    case IVS_ERR_IO: return MHD_HTTP_SERVICE_UNAVAILABLE;
    default: return MHD_HTTP_INTERNAL_SERVER_ERROR;
    }
}

/* The database's absolute paths (as given, and resolved): where the
 * server keeps its files is its own business, so error messages from the
 * search library say "--db" instead. Set by serve_start(). */
static char *db_paths[2];

/* MSG (malloc'd) with every db_paths[] in it replaced; MSG itself when
 * none is there or out of memory. */
static char *
hide_paths(char *msg)
{
    for (size_t i = 0; msg && i < 2; i++) {
        const char *path = db_paths[i];
        char *at;
        if (!path || !path[0] || !(at = strstr(msg, path)))
            continue;
        sbuf_t b = {0};
        const char *from = msg;
        for (; at; at = strstr(from, path)) {
            sb_put(&b, from, (size_t)(at - from));
            sb_puts(&b, "--db");
            from = at + strlen(path);
        }
        sb_puts(&b, from);
        if (b.failed || !b.buf) {
            sb_free(&b);
            continue;
        }
        free(msg);
        msg = b.buf;
    }
    return msg;
}

void
serve_error(reply_t *rep, unsigned status, int json, const char *fmt, ...)
{
    char *msg = NULL;
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&msg, fmt, ap) < 0)
        msg = NULL;
    va_end(ap);
    msg = hide_paths(msg);
    sb_free(&rep->body);
    rep->status = status;
    if (json) {
        rep->type = "application/json";
        json_t *o = json_pack("{s:s?,s:i}", "error", msg, "status", status);
        char *text = o ? json_dumps(o, JSON_COMPACT) : NULL;
        json_decref(o);
        sb_puts(&rep->body, text ? text : "{\"error\":null}");
        sb_puts(&rep->body, "\n");
        free(text);
    } else {
        rep->type = "text/html; charset=utf-8";
        char title[16];
        snprintf(title, sizeof title, "%u", status);
        page_begin(&rep->body, NULL, title, NULL);
        sb_puts(&rep->body, "<main><section class=\"results\"><h1>");
        sb_printf(&rep->body, "%u", status);
        sb_puts(&rep->body, "</h1><p class=\"error\">");
        sb_htmls(&rep->body, msg ? msg : "error");
        sb_puts(&rep->body,
                "</p><p><a href=\"/\">Back to search</a></p></section></main>");
        page_end(&rep->body);
    }
    free(msg);
}

/* Queues REP on CONN with the headers every answer has. */
static enum MHD_Result
send_reply(server_t *srv, struct MHD_Connection *conn, reply_t *rep)
{
    if (rep->body.failed)
        serve_error(rep, 500, 1, "out of memory");
    size_t len = rep->body.len;
    char *buf = rep->body.buf;
    rep->body = (sbuf_t){0};
    struct MHD_Response *r = MHD_create_response_from_buffer(
        len, buf ? buf : (char *)"",
        buf ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (!r) {
        free(buf);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type",
                            rep->type ? rep->type : "text/plain");
    MHD_add_response_header(
        r, "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    if (srv->tls)
        MHD_add_response_header(r, "Strict-Transport-Security",
                                "max-age=31536000");
    if (rep->location)
        MHD_add_response_header(r, "Location", rep->location);
    if (rep->cookie)
        MHD_add_response_header(r, "Set-Cookie", rep->cookie);
    if (rep->allow)
        MHD_add_response_header(r, "Allow", rep->allow);
    if (rep->retry_after) {
        char s[16];
        snprintf(s, sizeof s, "%u", rep->retry_after);
        MHD_add_response_header(r, "Retry-After", s);
    }
    enum MHD_Result ok = MHD_queue_response(conn, rep->status, r);
    MHD_destroy_response(r);
    return ok;
}

static void
redirect(reply_t *rep, const char *to)
{
    rep->status = MHD_HTTP_SEE_OTHER;
    rep->type = "text/plain; charset=utf-8";
    free(rep->location);
    rep->location = strdup(to);
    sb_puts(&rep->body, "see other\n");
}

/* ---- parameters ------------------------------------------------------------ */

typedef struct {
    const char *key;
    const char **v;
    size_t n, max, total;
} args_t;

static enum MHD_Result
collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
            const char *value)
{
    (void)kind;
    args_t *a = cls;
    a->total++;
    if (a->key && strcmp(key, a->key) == 0 && a->n < a->max)
        a->v[a->n++] = value ? value : "";
    return MHD_YES;
}

size_t
serve_args(struct MHD_Connection *conn, const char *key, const char **v,
           size_t max)
{
    args_t a = {key, v, 0, max, 0};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, &a);
    return a.n;
}

const char *
serve_arg(struct MHD_Connection *conn, const char *key)
{
    return MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, key);
}

static size_t
count_args(struct MHD_Connection *conn)
{
    args_t a = {NULL, NULL, 0, 0, 0};
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, &a);
    return a.total;
}

/* ---- the worker's searcher ------------------------------------------------- */

ivs_searcher_t *
serve_searcher(server_t *srv, request_t *req, reply_t *rep, int json)
{
    if (req->searcher) /* refreshed and scoped for this request already */
        return req->searcher;
    ivs_searcher_t *s = pthread_getspecific(srv->searcher_key);
    if (s) {
        ivs_status_t st = ivs_searcher_refresh(s);
        /* remote shards close idle connections: keep them open, and try
         * the shards that were down again, about once a minute */
        static __thread time_t last_alive;
        time_t now = time(NULL);
        if (st == IVS_OK && now - last_alive >= 60) {
            last_alive = now;
            ivs_searcher_keep_alive(s);
        }
        if (st != IVS_OK) {
            /* gone, or replaced by one we cannot read: open again below */
            ivs_searcher_close(s);
            s = NULL;
            pthread_setspecific(srv->searcher_key, NULL);
        }
    }
    if (!s) {
        char *err = NULL;
        ivs_status_t st = ivs_searcher_open(
            srv->o.db, IVS_SEARCHER_SYNONYMS | IVS_SEARCHER_STOPWORDS, &s,
            &err);
        if (st != IVS_OK) {
            serve_error(rep, MHD_HTTP_SERVICE_UNAVAILABLE, json,
                        "the interview database cannot be read now (%s); "
                        "try again in a moment",
                        err ? err : ivs_status_str(st));
            rep->retry_after = 5;
            free(err);
            return NULL;
        }
        pthread_setspecific(srv->searcher_key, s);
    }
    if (ivs_searcher_set_scope(s, (const char *const *)req->scopes,
                               req->n_scopes) != IVS_OK) {
        serve_error(rep, 500, json, "%s", ivs_searcher_error(s));
        return NULL;
    }
    req->searcher = s;
    return s;
}

static void
close_searcher(void *s)
{
    ivs_searcher_close(s);
}

/* ---- who asks ----------------------------------------------------------- */

static void
forget_user(request_t *req)
{
    for (size_t i = 0; i < req->n_scopes; i++)
        free(req->scopes[i]);
    free(req->scopes);
    req->scopes = NULL;
    req->n_scopes = 0;
}

/* Copies user U's name and scopes into REQ; -1 when out of memory. */
static int
take_user(request_t *req, const ivs_user_t *u)
{
    snprintf(req->user, sizeof req->user, "%s", ivs_user_name(u));
    size_t n = ivs_user_n_scopes(u);
    if (n == 0)
        return 0;
    req->scopes = calloc(n, sizeof *req->scopes);
    if (!req->scopes)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (!(req->scopes[i] = strdup(ivs_user_scope(u, i))))
            return -1;
        req->n_scopes++;
    }
    return 0;
}

/* Fills REQ's user from its session cookie. */
static void
serve_who(server_t *srv, struct MHD_Connection *conn, request_t *req)
{
    if (!srv->users) {
        req->authed = 1; /* no accounts: loopback only */
        return;
    }
    const char *token =
        MHD_lookup_connection_value(conn, MHD_COOKIE_KIND, COOKIE);
    char name[80];
    if (!token || !ivs_sessions_lookup(srv->sessions, token, time(NULL), name,
                                       sizeof name))
        return;
    pthread_rwlock_rdlock(&srv->users_lock);
    const ivs_user_t *u = ivs_users_find(srv->users, name);
    if (u && take_user(req, u) == 0) {
        req->authed = 1;
        snprintf(req->token, sizeof req->token, "%s", token);
    } else {
        forget_user(req);
        req->user[0] = '\0';
    }
    pthread_rwlock_unlock(&srv->users_lock);
}

/* ---- login and logout -------------------------------------------------- */

/* Decodes a form value in place (+ and %XX). */
static void
form_decode(char *s)
{
    char *o = s;
    for (; *s; s++) {
        if (*s == '+') {
            *o++ = ' ';
        } else if (*s == '%' && isxdigit((unsigned char)s[1]) &&
                   isxdigit((unsigned char)s[2])) {
            char h[3] = {s[1], s[2], 0};
            *o++ = (char)strtol(h, NULL, 16);
            s += 2;
        } else {
            *o++ = *s;
        }
    }
    *o = '\0';
}

/* The value of KEY in form FORM (copied, decoded), or NULL. */
static char *
form_value(const char *form, const char *key)
{
    size_t kl = strlen(key);
    for (const char *p = form; p && *p;) {
        const char *end = strchr(p, '&');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > kl && strncmp(p, key, kl) == 0 && p[kl] == '=') {
            char *v = strndup(p + kl + 1, len - kl - 1);
            if (v)
                form_decode(v);
            return v;
        }
        p = end ? end + 1 : NULL;
    }
    return NULL;
}

/* A local path to go back to after login: "/" unless NEXT is one made of
 * the characters of our own links only (a tab, a backslash or "//" could
 * make a browser leave the site). */
static const char *
safe_next(const char *next)
{
    if (!next || next[0] != '/' || next[1] == '/' || strlen(next) > 2000)
        return "/";
    for (const char *p = next; *p; p++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                    "0123456789/_?=&%.~-+",
                    *p))
            return "/";
    return next;
}

/* The host name of a Host header or an authority ("[::1]:8080" ->
 * "::1", "Notes.example.com:443" -> "Notes.example.com") into NAME; 0, or
 * -1 when it is malformed or too long. */
static int
host_name(const char *host, char *name, size_t size)
{
    size_t len;
    if (host[0] == '[') {
        const char *end = strchr(host, ']');
        if (!end || (end[1] && end[1] != ':'))
            return -1;
        host++;
        len = (size_t)(end - host);
    } else {
        const char *colon = strchr(host, ':');
        len = colon ? (size_t)(colon - host) : strlen(host);
    }
    if (len == 0 || len >= size)
        return -1;
    memcpy(name, host, len);
    name[len] = '\0';
    return 0;
}

/* Whether Host header HOST names this server. DNS rebinding makes a web
 * page's own host name resolve to this machine, so the browser sends that
 * name: only names that cannot be rebound are answered, an address
 * literal (IPv4 or IPv6), localhost when listening on loopback, and the
 * --public-url's host. Listening on every address without a public URL,
 * any name is answered (accounts are required there). */
int
serve_host_ok(const server_t *srv, const char *host)
{
    char name[256];
    if (!host || host_name(host, name, sizeof name) < 0)
        return 0;
    unsigned char buf[16];
    if (inet_pton(AF_INET, name, buf) == 1 ||
        inet_pton(AF_INET6, name, buf) == 1)
        return 1;
    if (srv->loopback && strcasecmp(name, "localhost") == 0)
        return 1;
    if (srv->origin[0]) {
        char public_name[256];
        const char *auth = strstr(srv->origin, "://");
        return auth &&
               host_name(auth + 3, public_name, sizeof public_name) == 0 &&
               strcasecmp(name, public_name) == 0;
    }
    const char *h = srv->o.listen_host;
    return !srv->loopback &&
           (strcmp(h, "0.0.0.0") == 0 || strcmp(h, "::") == 0);
}

/* Whether a form post comes from our own pages: Sec-Fetch-Site, when the
 * browser sends it, says same-origin; an Origin header names our host. */
static int
same_origin(server_t *srv, struct MHD_Connection *conn)
{
    const char *site =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Sec-Fetch-Site");
    if (site)
        return strcmp(site, "same-origin") == 0 || strcmp(site, "none") == 0;
    const char *origin =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Origin");
    if (!origin)
        return 1;
    if (srv->origin[0])
        return strcasecmp(origin, srv->origin) == 0;
    const char *host =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Host");
    if (!host)
        return 0;
    if (strncmp(origin, "https://", 8) == 0)
        origin += 8;
    else if (strncmp(origin, "http://", 7) == 0)
        origin += 7;
    else
        return 0;
    return strcmp(origin, host) == 0;
}

static void
do_login(server_t *srv, struct MHD_Connection *conn, request_t *req,
         reply_t *rep)
{
    if (!srv->users) {
        redirect(rep, "/");
        return;
    }
    if (!same_origin(srv, conn)) {
        serve_error(rep, MHD_HTTP_FORBIDDEN, 0,
                    "a login must come from this server's own page");
        return;
    }
    char *name = form_value(req->post, "user");
    char *password = form_value(req->post, "password");
    char *next = form_value(req->post, "next");
    time_t now = time(NULL);
    unsigned wait = 0;
    if (name)
        snprintf(req->user, sizeof req->user, "%s", name);
    /* failures count per address and per (address, name): a name is not
     * locked for everyone by someone else's guesses */
    char pair[400];
    snprintf(pair, sizeof pair, "%s\x1f%s", req->addr, name ? name : "");
    if (!name || !password || !*name) {
        serve_page_login(srv, conn, req, "Give a user name and a password.",
                         rep);
        rep->status = MHD_HTTP_BAD_REQUEST;
    } else if (!ivs_ratelimit_allow(srv->failed_logins, req->addr, pair, now,
                                    &wait)) {
        serve_page_login(srv, conn, req,
                         "Too many failed logins: wait a while and try again.",
                         rep);
        rep->status = MHD_HTTP_TOO_MANY_REQUESTS;
        rep->retry_after = wait ? wait : 60;
    } else {
        pthread_rwlock_rdlock(&srv->users_lock);
        const ivs_user_t *u = ivs_users_verify(srv->users, name, password);
        char token[IVS_SESSION_TOKEN_LEN + 1];
        int ok = u && ivs_sessions_create_user(srv->sessions, u, now, token) ==
                          IVS_OK;
        pthread_rwlock_unlock(&srv->users_lock);
        if (ok) {
            if (asprintf(&rep->cookie,
                         COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict; "
                                "Max-Age=%u%s",
                         token, srv->o.session_lifetime,
                         srv->secure_cookie ? "; Secure" : "") < 0)
                rep->cookie = NULL;
            redirect(rep, safe_next(next));
        } else {
            ivs_ratelimit_fail(srv->failed_logins, req->addr, pair, now);
            serve_page_login(srv, conn, req, "Wrong user name or password.",
                             rep);
            rep->status = MHD_HTTP_UNAUTHORIZED;
        }
    }
    if (password)
        ivs_auth_wipe(password);
    free(password);
    free(name);
    free(next);
}

static void
do_logout(server_t *srv, struct MHD_Connection *conn, request_t *req,
          reply_t *rep)
{
    if (srv->users && !same_origin(srv, conn)) {
        serve_error(rep, MHD_HTTP_FORBIDDEN, 0,
                    "a logout must come from this server's own page");
        return;
    }
    if (req->token[0])
        ivs_sessions_end(srv->sessions, req->token);
    if (asprintf(&rep->cookie,
                 COOKIE "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
                 srv->secure_cookie ? "; Secure" : "") < 0)
        rep->cookie = NULL;
    redirect(rep, srv->users ? "/login" : "/");
}

/* ---- routing ----------------------------------------------------------- */

/* Appends S to KEY with its length in front (NULL as "-"), so that no
 * two different lists of strings make the same key. */
static void
key_add(sbuf_t *key, const char *s)
{
    if (!s) {
        sb_puts(key, "-");
        return;
    }
    size_t n = strlen(s);
    sb_printf(key, "%zu:", n);
    sb_put(key, s, n);
}

static enum MHD_Result
key_add_arg(void *cls, enum MHD_ValueKind kind, const char *name,
            const char *value)
{
    (void)kind;
    key_add(cls, name);
    key_add(cls, value);
    return MHD_YES;
}

/* The cache key of REQ for URL, read from the database state REVISION:
 * the state, the user and the user's scopes, the path, every parameter
 * in order. */
static void
answer_key(sbuf_t *key, struct MHD_Connection *conn, const request_t *req,
           const char *revision, const char *url)
{
    key_add(key, revision);
    key_add(key, req->user);
    sb_printf(key, "%zu;", req->n_scopes);
    for (size_t i = 0; i < req->n_scopes; i++)
        key_add(key, req->scopes[i]);
    key_add(key, url);
    MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, key_add_arg, key);
}

/* Answers a GET of the API or a page: from the cache when the same user
 * asked the same of the same database state before, else afresh (and
 * keeps the answer when the state is still the same after it). */
static void
answer(server_t *srv, struct MHD_Connection *conn, request_t *req,
       const char *url, reply_t *rep, int api)
{
    char before[512], after[512];
    sbuf_t key = {0};
    int keep = 0;
    if (srv->cache && serve_searcher(srv, req, rep, api) &&
        ivs_searcher_revision(req->searcher, before, sizeof before) == 0) {
        answer_key(&key, conn, req, before, url);
        keep = !key.failed;
        if (keep && cache_get(srv->cache, key.buf, key.len, rep, req)) {
            sb_free(&key);
            return;
        }
    } else if (srv->cache && !req->searcher) {
        return; /* the database cannot be read: REP says so */
    }
    if (api)
        serve_api(srv, conn, req, url + 5, rep);
    else if (strcmp(url, "/") == 0)
        serve_page_search(srv, conn, req, rep);
    else if (strncmp(url, "/interview/", 11) == 0)
        serve_page_interview(srv, conn, req, url + 11, rep);
    else
        serve_page_overview(srv, conn, req, rep);
    /* a commit seen, or a shard lost, while answering: not kept */
    if (keep &&
        ivs_searcher_revision(req->searcher, after, sizeof after) == 0 &&
        strcmp(before, after) == 0)
        cache_put(srv->cache, key.buf, key.len, rep, req);
    sb_free(&key);
}

static void
route(server_t *srv, struct MHD_Connection *conn, request_t *req,
      const char *url, const char *method, reply_t *rep)
{
    int post = strcmp(method, "POST") == 0;
    int get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    int api = strncmp(url, "/api/", 5) == 0;
    req->endpoint = url;
    if (strncmp(url, "/static/", 8) == 0 && get) {
        const char *type;
        size_t len;
        const char *body = serve_asset(url, &type, &len);
        if (!body) {
            serve_error(rep, 404, 0, "no such file");
            return;
        }
        rep->status = 200;
        rep->type = type;
        sb_put(&rep->body, body, len);
        return;
    }
    if (strcmp(url, "/login") == 0) {
        if (post)
            do_login(srv, conn, req, rep);
        else if (get)
            serve_page_login(srv, conn, req, NULL, rep);
        else
            goto not_allowed;
        return;
    }
    if (strcmp(url, "/logout") == 0) {
        if (!post) {
            rep->allow = "POST";
            serve_error(rep, MHD_HTTP_METHOD_NOT_ALLOWED, 0, "use POST");
            return;
        }
        do_logout(srv, conn, req, rep);
        return;
    }
    if (!get)
        goto not_allowed;
    if (!req->authed) {
        if (api) {
            serve_error(rep, MHD_HTTP_UNAUTHORIZED, 1,
                        "log in first (POST /login)");
            return;
        }
        sbuf_t to = {0};
        sb_puts(&to, "/login?next=");
        const char *full = url;
        sb_url(&to, full);
        redirect(rep, to.failed ? "/login" : to.buf);
        sb_free(&to);
        return;
    }
    if (count_args(conn) > SERVE_MAX_PARAMS) {
        serve_error(rep, MHD_HTTP_BAD_REQUEST, api,
                    "too many parameters (at most %d)", SERVE_MAX_PARAMS);
        return;
    }
    if (api || strcmp(url, "/") == 0 || strncmp(url, "/interview/", 11) == 0 ||
        strcmp(url, "/overview") == 0)
        answer(srv, conn, req, url, rep, api);
    else
        serve_error(rep, MHD_HTTP_NOT_FOUND, 0, "no such page");
    return;
not_allowed:
    rep->allow = "GET, HEAD";
    serve_error(rep, MHD_HTTP_METHOD_NOT_ALLOWED, api, "method not allowed");
}

/* ---- the request's life ------------------------------------------------ */

static void
client_address(struct MHD_Connection *conn, char *out, size_t size)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, size, "?");
    if (!ci || !ci->client_addr)
        return;
    socklen_t len = ci->client_addr->sa_family == AF_INET6
                        ? sizeof(struct sockaddr_in6)
                        : sizeof(struct sockaddr_in);
    getnameinfo(ci->client_addr, len, out, (socklen_t)size, NULL, 0,
                NI_NUMERICHOST);
}

/* Behind a proxy on this machine (--public-url), the client's address is
 * the X-Real-IP it sets; from anywhere else that header is not believed. */
static void
proxied_address(const server_t *srv, struct MHD_Connection *conn, char *addr,
                size_t size)
{
    if (!srv->origin[0])
        return;
    const char *real =
        MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Real-IP");
    if (!serve_is_loopback(addr) || !real || strlen(real) >= size)
        return;
    unsigned char any[16];
    if (inet_pton(AF_INET, real, any) == 1 ||
        inet_pton(AF_INET6, real, any) == 1)
        snprintf(addr, size, "%s", real);
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *conn, const char *url,
           const char *method, const char *version, const char *upload,
           size_t *upload_size, void **con_cls)
{
    (void)version;
    server_t *srv = cls;
    request_t *req = *con_cls;
    if (!req) {
        req = calloc(1, sizeof *req);
        if (!req)
            return MHD_NO;
        clock_gettime(CLOCK_MONOTONIC, &req->started);
        req->hits = -1;
        client_address(conn, req->addr, sizeof req->addr);
        proxied_address(srv, conn, req->addr, sizeof req->addr);
        *con_cls = req;
        /* a body only on a login or logout form, and a small one */
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                     "Content-Length");
        const char *te = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
                                                     "Transfer-Encoding");
        int post = strcmp(method, "POST") == 0;
        if ((cl && strcmp(cl, "0") != 0 && !post) || (te && !post) ||
            (cl && post && strtoull(cl, NULL, 10) > SERVE_MAX_POST)) {
            /* answered now, without waiting for a body it will not read */
            reply_t rep = {.status = 200};
            serve_error(&rep, MHD_HTTP_CONTENT_TOO_LARGE,
                        strncmp(url, "/api/", 5) == 0,
                        "only a login form may have a body, of at most %d "
                        "bytes",
                        SERVE_MAX_POST);
            req->status = rep.status;
            req->endpoint = url;
            conns_busy(conn, 1);
            enum MHD_Result ok = send_reply(srv, conn, &rep);
            sb_free(&rep.body);
            return ok;
        }
        return MHD_YES;
    }
    if (req->status) { /* answered already (a body refused) */
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) { /* a form arriving */
        if (req->post_too_big ||
            req->post_len + *upload_size > SERVE_MAX_POST) {
            req->post_too_big = 1;
        } else {
            char *np = realloc(req->post, req->post_len + *upload_size + 1);
            if (!np)
                return MHD_NO;
            req->post = np;
            memcpy(req->post + req->post_len, upload, *upload_size);
            req->post_len += *upload_size;
            req->post[req->post_len] = '\0';
        }
        *upload_size = 0;
        return MHD_YES;
    }
    /* the whole request is in (head and form): the deadline for slow
     * clients stops only now, so that a form dribbled a byte at a time
     * is cut off like a dribbled head */
    conns_busy(conn, 1);
    reply_t rep = {.status = 200};
    int api = strncmp(url, "/api/", 5) == 0;
    if (srv->draining) {
        serve_error(&rep, MHD_HTTP_SERVICE_UNAVAILABLE, api,
                    "the server is shutting down");
    } else if (!serve_host_ok(srv, MHD_lookup_connection_value(
                                       conn, MHD_HEADER_KIND, "Host"))) {
        serve_error(&rep, 421, api,
                    "this server does not answer for that host name (start "
                    "it with --public-url to add one)");
    } else if (req->post_too_big) {
        serve_error(&rep, MHD_HTTP_CONTENT_TOO_LARGE, api,
                    "only a login form may have a body, of at most %d bytes",
                    SERVE_MAX_POST);
    } else {
        serve_who(srv, conn, req);
        route(srv, conn, req, url, method, &rep);
    }
    req->status = rep.status;
    if (!req->endpoint)
        req->endpoint = url;
    enum MHD_Result ok = send_reply(srv, conn, &rep);
    sb_free(&rep.body);
    free(rep.location);
    free(rep.cookie);
    return ok;
}

static void
on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
             enum MHD_RequestTerminationCode code)
{
    (void)code;
    server_t *srv = cls;
    request_t *req = *con_cls;
    conns_busy(conn, 0);
    if (!req)
        return;
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    double ms = (double)(now.tv_sec - req->started.tv_sec) * 1e3 +
                (double)(now.tv_nsec - req->started.tv_nsec) / 1e6;
    if (req->status)
        audit_write(srv->audit, req, ms);
    forget_user(req);
    free(req->post);
    free(req->query);
    free(req->filters);
    free(req);
    *con_cls = NULL;
}

/* URLs logged by libmicrohttpd before the request is parsed: nothing to
 * keep; the hook exists so that the memory limit, not the log, bounds a
 * URL. */
static void
log_error(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    (void)fmt;
    (void)ap;
}

/* ---- the daemon ------------------------------------------------------ */

static char *
read_file(const char *path, const char *what)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "ivserve: %s %s: %s\n", what, path, strerror(errno));
        return NULL;
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    char chunk[4096];
    size_t n;
    while (m && (n = fread(chunk, 1, sizeof chunk, f)) > 0 && len < (1u << 20))
        fwrite(chunk, 1, n, m);
    if (m)
        fclose(m);
    fclose(f);
    return buf;
}

void
serve_end(server_t *srv)
{
    if (srv->tls_key)
        ivs_auth_wipe(srv->tls_key);
    free(srv->tls_key);
    free(srv->tls_cert);
    srv->tls_key = srv->tls_cert = NULL;
    conns_free(srv->conns);
    srv->conns = NULL;
    cache_free(srv->cache);
    srv->cache = NULL;
    for (size_t i = 0; i < 2; i++) {
        free(db_paths[i]);
        db_paths[i] = NULL;
    }
}

struct MHD_Daemon *
serve_start(server_t *srv)
{
    if (pthread_key_create(&srv->searcher_key, close_searcher) != 0)
        return NULL;
    srv->conns = conns_new(srv->o.header_timeout);
    if (!srv->conns)
        return NULL;
    srv->cache = cache_new((size_t)srv->o.cache_mb << 20);
    if (srv->o.cache_mb && !srv->cache)
        return NULL;
    /* hidden from error messages (see hide_paths) */
    db_paths[0] = realpath(srv->o.db, NULL);
    if (srv->o.db[0] == '/')
        db_paths[1] = strdup(srv->o.db);
    conns_set_table(srv->conns);
    struct sockaddr_storage ss = {0};
    struct sockaddr_in *in4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;
    unsigned flags =
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (inet_pton(AF_INET, srv->o.listen_host, &in4->sin_addr) == 1) {
        in4->sin_family = AF_INET;
        in4->sin_port = htons((uint16_t)srv->o.port);
    } else if (inet_pton(AF_INET6, srv->o.listen_host, &in6->sin6_addr) == 1) {
        in6->sin6_family = AF_INET6;
        in6->sin6_port = htons((uint16_t)srv->o.port);
        flags |= MHD_USE_IPv6;
    } else {
        fprintf(stderr, "ivserve: --listen %s: not a numeric address\n",
                srv->o.listen_host);
        return NULL;
    }
    char *cert = NULL, *key = NULL;
    if (srv->o.tls_cert) {
        cert = srv->tls_cert = read_file(srv->o.tls_cert, "--tls-cert");
        key = srv->tls_key = read_file(srv->o.tls_key, "--tls-key");
        if (!cert || !key)
            return NULL;
        flags |= MHD_USE_TLS;
        srv->tls = 1;
    }
    /* TLS 1.2 and 1.3 only */
    static const char tls_versions[] =
        "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:%SERVER_PRECEDENCE";
    struct MHD_OptionItem tls_opts[] = {
        {MHD_OPTION_HTTPS_MEM_CERT, 0, cert},
        {MHD_OPTION_HTTPS_MEM_KEY, 0, key},
        {MHD_OPTION_HTTPS_PRIORITIES, 0, (void *)tls_versions},
        {MHD_OPTION_END, 0, NULL}};
    struct MHD_Daemon *d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, srv, MHD_OPTION_SOCK_ADDR,
        (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE,
        (unsigned)srv->o.threads, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)srv->o.max_connections, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        (unsigned)srv->o.max_per_address, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)srv->o.idle_timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)SERVE_CONN_MEMORY, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
        srv, MHD_OPTION_NOTIFY_CONNECTION, conns_notify, srv->conns,
        MHD_OPTION_EXTERNAL_LOGGER, log_error, NULL,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_ARRAY,
        srv->tls ? tls_opts : tls_opts + 3, MHD_OPTION_END);
    /* the certificate and key stay in memory while the daemon runs */
    if (!d)
        fprintf(stderr,
                "ivserve: cannot listen on %s port %u (in use, or not an "
                "address of this machine%s)\n",
                srv->o.listen_host, srv->o.port,
                srv->tls ? ", or the certificate or key is not valid" : "");
    return d;
}
