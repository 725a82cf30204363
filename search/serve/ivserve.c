/* ivserve: the search library served to a team's browsers and scripts
 * (pages and a JSON API) over libmicrohttpd. Private by default: loopback
 * unless --users names who may log in. This file reads the options, adds
 * users (--add-user), starts the daemon and waits for signals: SIGHUP
 * reopens the audit log and reloads the users, SIGTERM and SIGINT drain
 * the requests in flight and stop. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ivs/datapath.h"
#include "ivs/reader.h"
#include "ivs/safetext.h"
#include "serve_internal.h"

#ifndef IVS_VERSION
#define IVS_VERSION "0.1.0"
#endif

static const char usage[] =
    "usage: ivserve [--db DIR] [--listen ADDR:PORT] [--users FILE]\n"
    "               [--threads N] [--audit FILE] [--tls-cert F --tls-key F]\n"
    "       ivserve --add-user NAME --users FILE [--scope FOLDER]...\n"
    "\n"
    "Serves the interview database to browsers (search, interview and\n"
    "overview pages) and scripts (JSON: /api/search, /api/interview/ID,\n"
    "/api/similar/ID, /api/topics, /api/stats).\n"
    "\n"
    "  --db DIR             the database (default: $IVSEARCH_DB, else\n"
    "                       ${XDG_DATA_HOME:-~/.local/share}/ivsearch/db)\n"
    "  --listen ADDR:PORT   numeric address and port (default "
    "127.0.0.1:8080;\n"
    "                       [::1]:8080 for IPv6; port 0 picks a free one).\n"
    "                       An address other than loopback needs --users\n"
    "  --users FILE         who may log in (written by --add-user); pages\n"
    "                       and API then need a login\n"
    "  --threads N          worker threads (default: the number of CPUs)\n"
    "  --audit FILE         one JSON line per request, appended (0600)\n"
    "  --timeout MS         connect and per-query timeout of remote shards\n"
    "                       (default: $IVSEARCH_TIMEOUT_MS, else 10000)\n"
    "  --strict             a sharded database with a shard unreachable "
    "answers\n"
    "                       503 (default: answer from the others, with a "
    "banner)\n"
    "  --public-url URL     the address people open (https://notes.example"
    ".com),\n"
    "                       e.g. through a reverse proxy on this machine: "
    "its\n"
    "                       host name is answered, its scheme decides the\n"
    "                       cookie's Secure flag, X-Real-IP from the proxy is\n"
    "                       the client's address\n"
    "  --tls-cert F --tls-key F   HTTPS with this certificate and key (PEM)\n"
    "  --max-connections N  connections at once (default 1024)\n"
    "  --max-per-address N  connections at once from one address (default "
    "64)\n"
    "  --idle-timeout S     close a connection silent this long (default "
    "30)\n"
    "  --header-timeout S   close one that has not sent a whole request "
    "(head\n"
    "                       and form) in this long (default 10; slow "
    "clients)\n"
    "  --cache-mb N         keep answers to repeated requests in up to N MB\n"
    "                       (default 64; 0: none); a commit, another user\n"
    "                       or scope, any other parameter is another answer\n"
    "  --session-idle S     log out after this long unused (default 3600)\n"
    "  --session-lifetime S and this long after login (default 43200)\n"
    "  --add-user NAME      add NAME to --users FILE, or set a new password\n"
    "                       (read from the terminal without echo, or one\n"
    "                       line of standard input)\n"
    "  --scope FOLDER       with --add-user: NAME sees only interviews from\n"
    "                       under FOLDER (repeat for several)\n"
    "  --version, --help\n"
    "\n"
    "SIGHUP reopens the audit log and reloads the users file; SIGTERM\n"
    "finishes the requests in flight and exits.\n";

#define say(...) ivs_say("ivserve", __VA_ARGS__)

static int
parse_uint_arg(const char *flag, const char *v, unsigned min, unsigned max,
               unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long n = strtoul(v ? v : "", &end, 10);
    if (!v || !*v || *end || errno || n < min || n > max || v[0] == '-') {
        say("%s wants a number from %u to %u, not '%s'", flag, min, max,
            v ? v : "");
        return -1;
    }
    *out = (unsigned)n;
    return 0;
}

/* ADDR:PORT or [ADDR6]:PORT into O. */
static int
parse_listen(const char *v, serve_opts_t *o)
{
    const char *colon = strrchr(v, ':');
    if (!colon || colon == v) {
        say("--listen wants ADDR:PORT (127.0.0.1:8080, [::1]:8080), not '%s'",
            v);
        return -1;
    }
    size_t hl = (size_t)(colon - v);
    const char *h = v;
    if (v[0] == '[' && colon[-1] == ']') {
        h = v + 1;
        hl -= 2;
    }
    if (hl == 0 || hl >= sizeof o->listen_host) {
        say("--listen: '%s' has no address", v);
        return -1;
    }
    memcpy(o->listen_host, h, hl);
    o->listen_host[hl] = '\0';
    unsigned char buf[16];
    if (inet_pton(AF_INET, o->listen_host, buf) != 1 &&
        inet_pton(AF_INET6, o->listen_host, buf) != 1) {
        say("--listen: '%s' is not a numeric IPv4 or IPv6 address",
            o->listen_host);
        return -1;
    }
    return parse_uint_arg("--listen's port", colon + 1, 0, 65535, &o->port);
}

typedef struct {
    serve_opts_t o;
    const char *db_flag;
    const char *add_user;
    const char **scopes;
    size_t n_scopes;
} args_t;

static int
parse_args(int argc, char **argv, args_t *a)
{
    serve_opts_t *o = &a->o;
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    *o = (serve_opts_t){.threads = ncpu < 2    ? 2
                                   : ncpu > 16 ? 16
                                               : (unsigned)ncpu,
                        .max_connections = 1024,
                        .max_per_address = 64,
                        .idle_timeout = 30,
                        .header_timeout = 10,
                        .session_idle = 3600,
                        .session_lifetime = 43200,
                        .cache_mb = 64,
                        .port = 8080};
    snprintf(o->listen_host, sizeof o->listen_host, "127.0.0.1");
    a->scopes = calloc((size_t)argc + 1, sizeof *a->scopes);
    if (!a->scopes)
        return -1;
    for (int i = 1; i < argc; i++) {
        const char *f = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        int rc = 0, takes = 1;
        if (!strcmp(f, "--help") || !strcmp(f, "-h")) {
            fputs(usage, stdout);
            exit(0);
        } else if (!strcmp(f, "--version")) {
            printf("ivserve %s (libmicrohttpd %s)\n", IVS_VERSION,
                   MHD_get_version());
            exit(0);
        } else if (!strcmp(f, "--strict")) {
            o->strict = 1;
            takes = 0;
        } else if (!v && strncmp(f, "--", 2) == 0) {
            say("%s needs a value (try --help)", f);
            return -1;
        } else if (!strcmp(f, "--db")) {
            a->db_flag = v;
        } else if (!strcmp(f, "--listen")) {
            rc = parse_listen(v, o);
        } else if (!strcmp(f, "--users")) {
            o->users_path = v;
        } else if (!strcmp(f, "--threads")) {
            rc = parse_uint_arg(f, v, 1, 256, &o->threads);
        } else if (!strcmp(f, "--timeout")) {
            unsigned ms = 0;
            rc = parse_uint_arg(f, v, 1, 3600000, &ms);
            if (rc == 0)
                ivs_reader_set_timeout(ms);
        } else if (!strcmp(f, "--public-url")) {
            o->public_url = v;
        } else if (!strcmp(f, "--audit")) {
            o->audit_path = v;
        } else if (!strcmp(f, "--tls-cert")) {
            o->tls_cert = v;
        } else if (!strcmp(f, "--tls-key")) {
            o->tls_key = v;
        } else if (!strcmp(f, "--max-connections")) {
            rc = parse_uint_arg(f, v, 1, 100000, &o->max_connections);
        } else if (!strcmp(f, "--max-per-address")) {
            rc = parse_uint_arg(f, v, 1, 100000, &o->max_per_address);
        } else if (!strcmp(f, "--idle-timeout")) {
            rc = parse_uint_arg(f, v, 1, 86400, &o->idle_timeout);
        } else if (!strcmp(f, "--header-timeout")) {
            rc = parse_uint_arg(f, v, 1, 3600, &o->header_timeout);
        } else if (!strcmp(f, "--cache-mb")) {
            rc = parse_uint_arg(f, v, 0, 65536, &o->cache_mb);
        } else if (!strcmp(f, "--session-idle")) {
            rc = parse_uint_arg(f, v, 1, 86400 * 30, &o->session_idle);
        } else if (!strcmp(f, "--session-lifetime")) {
            rc = parse_uint_arg(f, v, 1, 86400 * 90, &o->session_lifetime);
        } else if (!strcmp(f, "--add-user")) {
            a->add_user = v;
        } else if (!strcmp(f, "--scope")) {
            a->scopes[a->n_scopes++] = v;
        } else {
            say("unknown option '%s' (try --help)", f);
            return -1;
        }
        if (rc < 0)
            return -1;
        i += takes;
    }
    if (!o->tls_cert != !o->tls_key) {
        say("--tls-cert and --tls-key go together");
        return -1;
    }
    if (a->n_scopes && !a->add_user) {
        say("--scope belongs to --add-user NAME");
        return -1;
    }
    return 0;
}

static int
add_user(const args_t *a)
{
    if (!a->o.users_path) {
        say("--add-user needs --users FILE: the file to add %s to",
            a->add_user);
        return 2;
    }
    char *err = NULL;
    char *password = ivs_auth_read_password(a->add_user, &err);
    if (!password) {
        say("%s", err ? err : "no password read");
        free(err);
        return 2;
    }
    ivs_status_t st = ivs_users_add(a->o.users_path, a->add_user, password,
                                    a->scopes, a->n_scopes, &err);
    ivs_auth_wipe(password);
    free(password);
    if (st != IVS_OK) {
        say("%s", err ? err : ivs_status_str(st));
        free(err);
        return 2;
    }
    fprintf(stderr, "ivserve: %s can log in (%s)\n", a->add_user,
            a->o.users_path);
    return 0;
}

static int
load_users(server_t *srv)
{
    char *err = NULL;
    ivs_users_t *users = NULL;
    ivs_status_t st = ivs_users_load(srv->o.users_path, &users, &err);
    if (st != IVS_OK) {
        say("%s", err ? err : ivs_status_str(st));
        free(err);
        return -1;
    }
    pthread_rwlock_wrlock(&srv->users_lock);
    ivs_users_t *old = srv->users;
    srv->users = users;
    /* a user removed, or given a new password, is logged out everywhere */
    for (size_t i = 0; i < ivs_users_count(old); i++) {
        const ivs_user_t *was = ivs_users_at(old, i);
        const ivs_user_t *now = ivs_users_find(users, ivs_user_name(was));
        if (!now || !ivs_user_same_password(was, now))
            ivs_sessions_end_user(srv->sessions, ivs_user_name(was));
    }
    if (old)
        ivs_sessions_prune(srv->sessions, users);
    pthread_rwlock_unlock(&srv->users_lock);
    ivs_users_free(old);
    return 0;
}

/* Stops accepting, lets the requests in flight finish (at most
 * SERVE_DRAIN_SECONDS), then stops the daemon. */
static void
drain(server_t *srv, struct MHD_Daemon *d)
{
    srv->draining = 1;
    /* no new connection is accepted; the socket itself is closed only
     * after MHD_stop_daemon(): each worker thread takes it out of its own
     * epoll set when it next wakes, and a socket closed before that makes
     * libmicrohttpd abort ("Failed to remove listen FD from epoll set", seen
     * under load). Connections made meanwhile wait in the backlog and are
     * reset when it closes. */
    MHD_socket ls = MHD_quiesce_daemon(d);
    for (int i = 0; i < SERVE_DRAIN_SECONDS * 20; i++) {
        const union MHD_DaemonInfo *di =
            MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        if (!di || di->num_connections == 0)
            break;
        struct timespec pause = {0, 50 * 1000 * 1000};
        nanosleep(&pause, NULL);
    }
    MHD_stop_daemon(d);
    if (ls != MHD_INVALID_SOCKET)
        close(ls);
}

/* Checks that the database can be read before serving it. */
static int
check_db(const char *db)
{
    ivs_searcher_t *s = NULL;
    char *err = NULL;
    ivs_status_t st = ivs_searcher_open(db, 0, &s, &err);
    if (st != IVS_OK) {
        say("%s", err ? err : ivs_status_str(st));
        free(err);
        return -1;
    }
    ivs_searcher_close(s);
    return 0;
}

/* SRV's origin from --public-url ("https://host[:port]", no path). */
static int
set_origin(server_t *srv, const char *url)
{
    int https = strncmp(url, "https://", 8) == 0;
    if (!https && strncmp(url, "http://", 7) != 0) {
        say("--public-url wants http://HOST[:PORT] or https://HOST[:PORT], "
            "not '%s'",
            url);
        return -1;
    }
    size_t len = strlen(url);
    while (len > 0 && url[len - 1] == '/')
        len--;
    const char *host = url + (https ? 8 : 7);
    if (len <= (size_t)(host - url) || len >= sizeof srv->origin ||
        memchr(host, '/', len - (size_t)(host - url)) ||
        strpbrk(url, " \t\r\n\"'<>")) {
        say("--public-url: '%s' is not a scheme and host (no path)", url);
        return -1;
    }
    memcpy(srv->origin, url, len);
    srv->origin[len] = '\0';
    srv->secure_cookie = srv->secure_cookie || https;
    return 0;
}

/* Open files: every connection takes one; raise the soft limit to the
 * hard one and say so when that is still short of --max-connections. */
static void
raise_file_limit(unsigned want)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
        return;
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < (rlim_t)want + 64)
        fprintf(stderr,
                "ivserve: warning: only %llu open files allowed, fewer than "
                "--max-connections %u needs (raise LimitNOFILE / ulimit -n)\n",
                (unsigned long long)rl.rlim_cur, want);
}

/* Loads the users, opens the audit log and checks the database: 0, or -1
 * with a message. */
static int
serve_prepare(server_t *srv)
{
    if (!serve_is_loopback(srv->o.listen_host) && !srv->o.users_path) {
        say("refusing to listen on %s without --users: anyone who reaches it "
            "would read the notes (add users with ivserve --add-user NAME "
            "--users FILE)",
            srv->o.listen_host);
        return -1;
    }
    srv->loopback = serve_is_loopback(srv->o.listen_host);
    srv->secure_cookie = srv->o.tls_cert != NULL;
    if (srv->o.public_url && set_origin(srv, srv->o.public_url) < 0)
        return -1;
    raise_file_limit(srv->o.max_connections);
    srv->sessions =
        ivs_sessions_new(srv->o.session_idle, srv->o.session_lifetime);
    srv->failed_logins = ivs_ratelimit_new(5, 300);
    if (!srv->sessions || !srv->failed_logins) {
        say("out of memory");
        return -1;
    }
    if (srv->o.users_path) {
        if (load_users(srv) < 0)
            return -1;
        if (ivs_users_count(srv->users) == 0) {
            say("%s has no users: add one with ivserve --add-user NAME "
                "--users %s",
                srv->o.users_path, srv->o.users_path);
            return -1;
        }
    }
    if (srv->o.audit_path && !(srv->audit = audit_open(srv->o.audit_path))) {
        say("--audit %s: %s", srv->o.audit_path, strerror(errno));
        return -1;
    }
    return check_db(srv->o.db);
}

/* Serves until SIGTERM or SIGINT; SIGHUP reopens and reloads. */
static void
serve_signals(server_t *srv, const sigset_t *set)
{
    for (;;) {
        int sig = 0;
        if (sigwait(set, &sig) != 0)
            continue;
        if (sig != SIGHUP)
            return;
        if (srv->audit && audit_reopen(srv->audit) < 0)
            say("--audit %s: cannot reopen: %s", srv->o.audit_path,
                strerror(errno));
        if (srv->o.users_path && load_users(srv) < 0)
            say("kept the users loaded before");
    }
}

static int
serve(args_t *a)
{
    server_t srv = {.o = a->o};
    const char *why = NULL;
    char *db = ivs_default_db(a->db_flag, &why);
    if (!db) {
        say("%s", why);
        return 2;
    }
    srv.o.db = db;
    pthread_rwlock_init(&srv.users_lock, NULL);
    int rc = 2;
    struct MHD_Daemon *d = NULL;
    sigset_t set;
    if (serve_prepare(&srv) < 0)
        goto out;
    /* signals are taken by this thread alone (sigwait below) */
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    if (!(d = serve_start(&srv)))
        goto out;
    const union MHD_DaemonInfo *di =
        MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
    if (di && di->port)
        srv.o.port = di->port; /* --listen ...:0 picked one */
    int v6 = strchr(srv.o.listen_host, ':') != NULL;
    printf("ivserve: serving %s on %s://%s%s%s:%u/\n", db,
           srv.tls ? "https" : "http", v6 ? "[" : "", srv.o.listen_host,
           v6 ? "]" : "", di ? di->port : srv.o.port);
    fflush(stdout);
    serve_signals(&srv, &set);
    drain(&srv, d);
    unsigned long long hits, misses;
    size_t cached;
    cache_stats(srv.cache, &hits, &misses, &cached);
    fprintf(stderr,
            "ivserve: stopped (answer cache: %llu hits, %llu misses, %.1f "
            "MB kept)\n",
            hits, misses, (double)cached / 1048576.0);
    rc = 0;
out:
    serve_end(&srv);
    audit_close(srv.audit);
    ivs_users_free(srv.users);
    ivs_sessions_free(srv.sessions);
    ivs_ratelimit_free(srv.failed_logins);
    pthread_rwlock_destroy(&srv.users_lock);
    free(db);
    return rc;
}

int
main(int argc, char **argv)
{
    args_t a = {0};
    if (parse_args(argc, argv, &a) < 0)
        return 2;
    if (ivs_auth_init() != IVS_OK) {
        say("cannot initialise libsodium");
        return 2;
    }
    int rc = a.add_user ? add_user(&a) : serve(&a);
    free(a.scopes);
    return rc;
}
