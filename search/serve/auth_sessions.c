/* ivserve's login sessions and the limit on failed logins (see
 * ivs/auth.h), over libsodium; the users file is in auth.c. */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "ivs/auth.h"
#include "auth_private.h"

#define NAME_MAX_BYTES 64
#define SESSION_SLOTS 16384u /* a power of two, 1.6 x IVS_SESSIONS_MAX */
#define SESSION_EVICT_AGE 60 /* only sessions this old are dropped for room */
#define RATELIMIT_FAILS_MAX 100

_Static_assert(SESSION_SLOTS >= IVS_SESSIONS_MAX * 3 / 2,
               "the session table needs room to keep probes short");
_Static_assert((SESSION_SLOTS & (SESSION_SLOTS - 1)) == 0,
               "the session table's size is a power of two");

/* ---- sessions ---------------------------------------------------------- */

/* A session is found by the BLAKE2b hash of its token, never the token:
 * the table holds no usable secret, and where a probe goes tells nothing
 * about a token. Open addressing with linear probing and backward-shift
 * deletion over a fixed table. */
struct session {
    unsigned char key[crypto_generichash_BYTES];
    time_t created, used;
    char name[NAME_MAX_BYTES + 1];
    unsigned char password[IVS_USER_FINGERPRINT_LEN]; /* see has_password */
    unsigned char has_password; /* made by ivs_sessions_create_user */
    unsigned char live;
};

struct ivs_sessions {
    pthread_mutex_t lock;
    unsigned idle, lifetime;
    size_t n;
    struct session *slot; /* SESSION_SLOTS */
};

ivs_sessions_t *
ivs_sessions_new(unsigned idle, unsigned lifetime)
{
    ivs_sessions_t *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->slot = calloc(SESSION_SLOTS, sizeof *s->slot);
    if (!s->slot || pthread_mutex_init(&s->lock, NULL) != 0) {
        free(s->slot);
        free(s);
        return NULL;
    }
    s->idle = idle;
    s->lifetime = lifetime;
    return s;
}

void
ivs_sessions_free(ivs_sessions_t *sessions)
{
    if (!sessions)
        return;
    sodium_memzero(sessions->slot, SESSION_SLOTS * sizeof *sessions->slot);
    free(sessions->slot);
    pthread_mutex_destroy(&sessions->lock);
    free(sessions);
}

static size_t
session_home(const unsigned char *key)
{
    uint64_t h;
    memcpy(&h, key, sizeof h);
    return (size_t)(h & (SESSION_SLOTS - 1));
}

/* The slot of KEY, or -1. */
static long
session_find(const ivs_sessions_t *s, const unsigned char *key)
{
    for (size_t i = session_home(key);; i = (i + 1) & (SESSION_SLOTS - 1)) {
        if (!s->slot[i].live)
            return -1;
        if (sodium_memcmp(s->slot[i].key, key, crypto_generichash_BYTES) == 0)
            return (long)i;
    }
}

/* Empties slot I, moving later entries of its probe run back so that
 * every entry stays reachable from its home slot. Only entries from later
 * in the run move into I or beyond, so a walk over the slots that looks at
 * I again after a removal sees every entry. */
static void
session_remove(ivs_sessions_t *s, size_t i)
{
    const size_t mask = SESSION_SLOTS - 1;
    sodium_memzero(&s->slot[i], sizeof s->slot[i]);
    s->n--;
    for (size_t j = (i + 1) & mask; s->slot[j].live; j = (j + 1) & mask) {
        size_t home = session_home(s->slot[j].key);
        /* J may fill the hole at I unless its home lies cyclically in
         * (I, J] */
        int stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
        if (stays)
            continue;
        s->slot[i] = s->slot[j];
        sodium_memzero(&s->slot[j], sizeof s->slot[j]);
        i = j;
    }
}

static int
session_expired(const ivs_sessions_t *s, const struct session *e, time_t now)
{
    /* a clock that went back counts as no time passed; the clock counts
     * whole seconds, so a difference of N may be as little as N - 1
     * seconds really passed: a session ends only after more than its
     * limit, never before it (--session-idle 2 between 2 and 3 s) */
    time_t idle = now > e->used ? now - e->used : 0;
    time_t age = now > e->created ? now - e->created : 0;
    return idle > (time_t)s->idle || age > (time_t)s->lifetime;
}

/* Makes room for one more session at NOW: drops the expired ones, then
 * the oldest when it is at least SESSION_EVICT_AGE old. 0, or -1 when
 * IVS_SESSIONS_MAX younger sessions are live. */
static int
session_make_room(ivs_sessions_t *s, time_t now)
{
    if (s->n < IVS_SESSIONS_MAX)
        return 0;
    for (size_t i = 0; i < SESSION_SLOTS;) {
        if (s->slot[i].live && session_expired(s, &s->slot[i], now))
            session_remove(s, i); /* look at I again */
        else
            i++;
    }
    if (s->n < IVS_SESSIONS_MAX)
        return 0;
    size_t oldest = SESSION_SLOTS;
    for (size_t i = 0; i < SESSION_SLOTS; i++)
        if (s->slot[i].live && (oldest == SESSION_SLOTS ||
                                s->slot[i].created < s->slot[oldest].created))
            oldest = i;
    if (oldest == SESSION_SLOTS ||
        now - s->slot[oldest].created < SESSION_EVICT_AGE)
        return -1;
    session_remove(s, oldest);
    return 0;
}

/* The table key of the 32 raw bytes of a token. */
static void
session_key(unsigned char key[crypto_generichash_BYTES],
            const unsigned char raw[32])
{
    crypto_generichash(key, crypto_generichash_BYTES, raw, 32, NULL, 0);
}

/* ivs_sessions_create, remembering PASSWORD (a user's fingerprint) when
 * not NULL. */
static ivs_status_t
session_create(ivs_sessions_t *sessions, const char *name,
               const unsigned char *password, time_t now,
               char token[IVS_SESSION_TOKEN_LEN + 1])
{
    token[0] = '\0';
    size_t name_len = name ? strlen(name) : 0;
    if (name_len == 0 || name_len > NAME_MAX_BYTES)
        return IVS_ERR_INPUT;
    unsigned char raw[32], key[crypto_generichash_BYTES];
    pthread_mutex_lock(&sessions->lock);
    if (session_make_room(sessions, now) != 0) {
        pthread_mutex_unlock(&sessions->lock);
        return IVS_ERR_TOOBIG;
    }
    do {
        randombytes_buf(raw, sizeof raw);
        session_key(key, raw);
    } while (session_find(sessions, key) >= 0);
    size_t i = session_home(key);
    while (sessions->slot[i].live)
        i = (i + 1) & (SESSION_SLOTS - 1);
    struct session *e = &sessions->slot[i];
    memcpy(e->key, key, sizeof key);
    e->created = e->used = now;
    memcpy(e->name, name, name_len + 1);
    if (password)
        memcpy(e->password, password, sizeof e->password);
    e->has_password = password != NULL;
    e->live = 1;
    sessions->n++;
    pthread_mutex_unlock(&sessions->lock);
    sodium_bin2hex(token, IVS_SESSION_TOKEN_LEN + 1, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    return IVS_OK;
}

ivs_status_t
ivs_sessions_create(ivs_sessions_t *sessions, const char *name, time_t now,
                    char token[IVS_SESSION_TOKEN_LEN + 1])
{
    return session_create(sessions, name, NULL, now, token);
}

ivs_status_t
ivs_sessions_create_user(ivs_sessions_t *sessions, const ivs_user_t *user,
                         time_t now, char token[IVS_SESSION_TOKEN_LEN + 1])
{
    unsigned char password[IVS_USER_FINGERPRINT_LEN];
    ivs_user_fingerprint(user, password);
    return session_create(sessions, ivs_user_name(user), password, now, token);
}

/* The table key of TOKEN; -1 when it is not 64 hex characters. */
static int
token_key(const char *token, unsigned char key[crypto_generichash_BYTES])
{
    unsigned char raw[32];
    size_t raw_len = 0;
    const char *end = NULL;
    if (!token ||
        strnlen(token, IVS_SESSION_TOKEN_LEN + 1) != IVS_SESSION_TOKEN_LEN ||
        sodium_hex2bin(raw, sizeof raw, token, IVS_SESSION_TOKEN_LEN, NULL,
                       &raw_len, &end) != 0 ||
        raw_len != sizeof raw || end != token + IVS_SESSION_TOKEN_LEN)
        return -1;
    session_key(key, raw);
    sodium_memzero(raw, sizeof raw);
    return 0;
}

int
ivs_sessions_lookup(ivs_sessions_t *sessions, const char *token, time_t now,
                    char *name, size_t name_size)
{
    unsigned char key[crypto_generichash_BYTES];
    if (name_size)
        name[0] = '\0';
    if (token_key(token, key) != 0)
        return 0;
    pthread_mutex_lock(&sessions->lock);
    long i = session_find(sessions, key);
    int found = 0;
    if (i >= 0 && session_expired(sessions, &sessions->slot[i], now)) {
        session_remove(sessions, (size_t)i);
    } else if (i >= 0) {
        struct session *e = &sessions->slot[i];
        size_t len = strlen(e->name);
        if (len < name_size) { /* a cut name would be another user's */
            memcpy(name, e->name, len + 1);
            if (now > e->used)
                e->used = now;
            found = 1;
        }
    }
    pthread_mutex_unlock(&sessions->lock);
    return found;
}

void
ivs_sessions_end(ivs_sessions_t *sessions, const char *token)
{
    unsigned char key[crypto_generichash_BYTES];
    if (token_key(token, key) != 0)
        return;
    pthread_mutex_lock(&sessions->lock);
    long i = session_find(sessions, key);
    if (i >= 0)
        session_remove(sessions, (size_t)i);
    pthread_mutex_unlock(&sessions->lock);
}

/* Whether session E's user is gone from USERS or has another password
 * there since the session was made. */
static int
session_orphaned(const struct session *e, const ivs_users_t *users)
{
    const ivs_user_t *user = ivs_users_find(users, e->name);
    if (!user)
        return 1;
    if (!e->has_password)
        return 0;
    unsigned char now[IVS_USER_FINGERPRINT_LEN];
    ivs_user_fingerprint(user, now);
    return sodium_memcmp(now, e->password, sizeof now) != 0;
}

void
ivs_sessions_end_user(ivs_sessions_t *sessions, const char *name)
{
    pthread_mutex_lock(&sessions->lock);
    for (size_t i = 0; i < SESSION_SLOTS;) {
        if (sessions->slot[i].live && strcmp(sessions->slot[i].name, name) == 0)
            session_remove(sessions, i); /* look at I again */
        else
            i++;
    }
    pthread_mutex_unlock(&sessions->lock);
}

void
ivs_sessions_prune(ivs_sessions_t *sessions, const ivs_users_t *users)
{
    pthread_mutex_lock(&sessions->lock);
    for (size_t i = 0; i < SESSION_SLOTS;) {
        const struct session *e = &sessions->slot[i];
        if (e->live && session_orphaned(e, users))
            session_remove(sessions, i); /* look at I again */
        else
            i++;
    }
    pthread_mutex_unlock(&sessions->lock);
}

/* ---- failed logins ----------------------------------------------------- */

/* Each table tracks up to IVS_RATELIMIT_KEYS addresses (or names) with the
 * times of their last MAX_FAILS failures: a sliding window, exact. Keys
 * are keyed BLAKE2b hashes, so an entry has a fixed size whatever the
 * name. A table is scanned whole: logins are rare and each costs an
 * argon2id verification, beside which a scan of 4096 entries is nothing. */
struct rl_entry {
    unsigned char key[16];
    time_t last;      /* the last failure */
    unsigned n, head; /* failures held in the ring, the next one's place */
    unsigned char live;
};

struct rl_table {
    struct rl_entry *e; /* IVS_RATELIMIT_KEYS */
    time_t *times;      /* IVS_RATELIMIT_KEYS rings of max_fails */
    size_t n;
};

struct ivs_ratelimit {
    pthread_mutex_t lock;
    unsigned max_fails, window;
    unsigned char secret[crypto_generichash_KEYBYTES];
    struct rl_table addr, name;
};

static int
rl_table_init(struct rl_table *t, unsigned max_fails)
{
    t->e = calloc(IVS_RATELIMIT_KEYS, sizeof *t->e);
    t->times = calloc((size_t)IVS_RATELIMIT_KEYS * max_fails, sizeof *t->times);
    return t->e && t->times ? 0 : -1;
}

ivs_ratelimit_t *
ivs_ratelimit_new(unsigned max_fails, unsigned window)
{
    if (max_fails == 0 || max_fails > RATELIMIT_FAILS_MAX || window == 0)
        return NULL;
    ivs_ratelimit_t *rl = calloc(1, sizeof *rl);
    if (!rl)
        return NULL;
    if (rl_table_init(&rl->addr, max_fails) != 0 ||
        rl_table_init(&rl->name, max_fails) != 0 ||
        pthread_mutex_init(&rl->lock, NULL) != 0) {
        free(rl->addr.e);
        free(rl->addr.times);
        free(rl->name.e);
        free(rl->name.times);
        free(rl);
        return NULL;
    }
    rl->max_fails = max_fails;
    rl->window = window;
    randombytes_buf(rl->secret, sizeof rl->secret);
    return rl;
}

void
ivs_ratelimit_free(ivs_ratelimit_t *rl)
{
    if (!rl)
        return;
    free(rl->addr.e);
    free(rl->addr.times);
    free(rl->name.e);
    free(rl->name.times);
    pthread_mutex_destroy(&rl->lock);
    free(rl);
}

size_t
ivs_ratelimit_count(ivs_ratelimit_t *rl)
{
    pthread_mutex_lock(&rl->lock);
    size_t n = rl->addr.n + rl->name.n;
    pthread_mutex_unlock(&rl->lock);
    return n;
}

/* The key of address ADDR: an IPv4 address (also IPv4-mapped IPv6) whole,
 * an IPv6 address by its /64 network (one host usually has a whole /64,
 * and would otherwise get 2^64 fresh limits), anything else as given. */
static void
addr_key(const ivs_ratelimit_t *rl, const char *addr, unsigned char key[16])
{
    unsigned char bin[16], tagged[1 + 16];
    const void *in = addr;
    size_t len = strlen(addr);
    if (inet_pton(AF_INET, addr, bin) == 1) {
        tagged[0] = 4;
        memcpy(tagged + 1, bin, 4);
        in = tagged, len = 5;
    } else if (inet_pton(AF_INET6, addr, bin) == 1) {
        static const unsigned char mapped[12] = {0, 0, 0, 0, 0,    0,
                                                 0, 0, 0, 0, 0xff, 0xff};
        int v4 = !memcmp(bin, mapped, sizeof mapped);
        tagged[0] = v4 ? 4 : 6;
        memcpy(tagged + 1, v4 ? bin + 12 : bin, v4 ? 4 : 8);
        in = tagged, len = v4 ? 5 : 9;
    }
    crypto_generichash(key, 16, in, len, rl->secret, sizeof rl->secret);
}

static void
name_key(const ivs_ratelimit_t *rl, const char *name, unsigned char key[16])
{
    crypto_generichash(key, 16, (const unsigned char *)name, strlen(name),
                       rl->secret, sizeof rl->secret);
}

static struct rl_entry *
rl_find(struct rl_table *t, const unsigned char key[16])
{
    for (size_t i = 0; i < IVS_RATELIMIT_KEYS; i++)
        if (t->e[i].live && !memcmp(t->e[i].key, key, 16))
            return &t->e[i];
    return NULL;
}

/* Failures of E within the window at NOW; *UNTIL gets when the oldest of
 * them leaves the window. */
static unsigned
rl_recent(const ivs_ratelimit_t *rl, const struct rl_table *t,
          const struct rl_entry *e, time_t now, time_t *until)
{
    const time_t *ring = t->times + (size_t)(e - t->e) * rl->max_fails;
    unsigned recent = 0;
    *until = now;
    for (unsigned k = 0; k < e->n; k++) {
        time_t at = ring[k];
        if (now < at || now - at < (time_t)rl->window) {
            recent++;
            time_t leaves = (now < at ? now : at) + (time_t)rl->window;
            if (recent == 1 || leaves < *until)
                *until = leaves;
        }
    }
    return recent;
}

/* 0 when KEY of table T may try again at NOW, else the seconds to wait. */
static unsigned
rl_wait(const ivs_ratelimit_t *rl, struct rl_table *t,
        const unsigned char key[16], time_t now)
{
    struct rl_entry *e = rl_find(t, key);
    time_t until;
    if (!e || rl_recent(rl, t, e, now, &until) < rl->max_fails)
        return 0;
    return until > now ? (unsigned)(until - now) : 1;
}

int
ivs_ratelimit_allow(ivs_ratelimit_t *rl, const char *addr, const char *name,
                    time_t now, unsigned *retry_after)
{
    unsigned char ak[16], nk[16];
    if (addr)
        addr_key(rl, addr, ak);
    if (name)
        name_key(rl, name, nk);
    pthread_mutex_lock(&rl->lock);
    unsigned wa = addr ? rl_wait(rl, &rl->addr, ak, now) : 0;
    unsigned wn = name ? rl_wait(rl, &rl->name, nk, now) : 0;
    pthread_mutex_unlock(&rl->lock);
    unsigned wait = wa > wn ? wa : wn;
    if (retry_after)
        *retry_after = wait;
    return wait == 0;
}

/* The entry for KEY in T, made when there is none: in a free place, else
 * in place of one with no failure in the window at NOW, else of the one
 * whose last failure is the oldest. */
static struct rl_entry *
rl_entry_for(const ivs_ratelimit_t *rl, struct rl_table *t,
             const unsigned char key[16], time_t now)
{
    struct rl_entry *e = rl_find(t, key);
    if (e)
        return e;
    struct rl_entry *victim = NULL;
    for (size_t i = 0; i < IVS_RATELIMIT_KEYS; i++) {
        struct rl_entry *c = &t->e[i];
        if (!c->live || now - c->last >= (time_t)rl->window) {
            victim = c;
            break;
        }
        if (!victim || c->last < victim->last)
            victim = c;
    }
    if (!victim->live)
        t->n++;
    memset(victim, 0, sizeof *victim);
    memcpy(victim->key, key, 16);
    victim->live = 1;
    return victim;
}

static void
rl_record(const ivs_ratelimit_t *rl, struct rl_table *t,
          const unsigned char key[16], time_t now)
{
    struct rl_entry *e = rl_entry_for(rl, t, key, now);
    time_t *ring = t->times + (size_t)(e - t->e) * rl->max_fails;
    ring[e->head] = now;
    e->head = (e->head + 1) % rl->max_fails;
    if (e->n < rl->max_fails)
        e->n++;
    e->last = now;
}

void
ivs_ratelimit_fail(ivs_ratelimit_t *rl, const char *addr, const char *name,
                   time_t now)
{
    unsigned char ak[16], nk[16];
    if (addr)
        addr_key(rl, addr, ak);
    if (name)
        name_key(rl, name, nk);
    pthread_mutex_lock(&rl->lock);
    if (addr)
        rl_record(rl, &rl->addr, ak, now);
    if (name)
        rl_record(rl, &rl->name, nk, now);
    pthread_mutex_unlock(&rl->lock);
}
