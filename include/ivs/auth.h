/* ivserve's accounts: the users file (names, slow salted password hashes,
 * scopes), login sessions and the limit on failed logins. Implemented in
 * search/serve/auth.c over libsodium (argon2id, randombytes).
 *
 * The users file: one user a line, fields separated by one TAB:
 *     NAME <TAB> HASH [<TAB> SCOPE]...
 * NAME: 1-64 bytes of UTF-8 letters, digits, '.', '_', '-' or '@'; HASH:
 * libsodium's crypto_pwhash_str() string (argon2id, salted, with its
 * parameters); each SCOPE an absolute folder the user may see (no scope:
 * every interview). Blank lines and lines starting with '#' are ignored.
 * A malformed line fails the whole load, naming the line. The file is
 * written 0600 and replaced atomically (a temporary file in its folder,
 * fsync, rename).
 *
 * Threads: ivs_users_* are used by one thread (the server reloads the
 * users on SIGHUP and swaps them in); ivs_sessions_* and ivs_ratelimit_*
 * lock inside and are called from every worker. */
#ifndef IVS_AUTH_H
#define IVS_AUTH_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "ivs/status.h"

/* Must be called once before anything else here (sodium_init()); returns
 * IVS_OK or IVS_ERR_INTERNAL. */
ivs_status_t ivs_auth_init(void);

/* ---- users ------------------------------------------------------------- */

typedef struct ivs_users ivs_users_t;
typedef struct ivs_user ivs_user_t;

/* Loads the users file PATH. A missing file is IVS_ERR_IO with a message;
 * an empty file loads no users. On failure *OUT is NULL and *ERR (when ERR
 * is non-NULL) gets a malloc'd one-line message naming PATH and the line.
 * A file readable or writable by group or others is refused
 * (IVS_ERR_INPUT: "PATH: readable by others; chmod 600 PATH"). */
ivs_status_t ivs_users_load(const char *path, ivs_users_t **out, char **err);
void ivs_users_free(ivs_users_t *users);
size_t ivs_users_count(const ivs_users_t *users);

/* The user NAME when PASSWORD is theirs, else NULL. Takes the same time
 * (one argon2id verification) whether or not NAME exists. Borrowed from
 * USERS. */
const ivs_user_t *ivs_users_verify(const ivs_users_t *users, const char *name,
                                   const char *password);

/* User NAME (no password check), or NULL: what a session names. */
const ivs_user_t *ivs_users_find(const ivs_users_t *users, const char *name);

const char *ivs_user_name(const ivs_user_t *user);
/* The user's scopes (absolute folders, without a trailing '/'); 0 when the
 * user sees everything. */
size_t ivs_user_n_scopes(const ivs_user_t *user);
const char *ivs_user_scope(const ivs_user_t *user, size_t i);

/* Adds user NAME with PASSWORD (at least 8 bytes) and SCOPES (each made
 * absolute and canonical; it need not exist) to the users file PATH,
 * creating it 0600, or replaces NAME's password and scopes when NAME is
 * there. Returns IVS_OK; IVS_ERR_INPUT for a bad name, a short password or
 * a relative scope that cannot be resolved; IVS_ERR_IO. *ERR as above. */
ivs_status_t ivs_users_add(const char *path, const char *name,
                           const char *password, const char *const *scopes,
                           size_t n_scopes, char **err);

/* Reads a password for NAME: from the terminal without echo (prompting
 * twice, which must agree) when standard input is a terminal, else one
 * line of standard input. Returns a malloc'd string (wiped by the caller
 * with ivs_auth_wipe() before free), or NULL with *ERR set. */
char *ivs_auth_read_password(const char *name, char **err);
void ivs_auth_wipe(char *secret);

/* ---- sessions ---------------------------------------------------------- */

typedef struct ivs_sessions ivs_sessions_t;

#define IVS_SESSION_TOKEN_LEN 64 /* hex characters of 32 random bytes */

/* Sessions that expire IDLE seconds after their last use and at most
 * LIFETIME seconds after login. NULL when out of memory. */
ivs_sessions_t *ivs_sessions_new(unsigned idle, unsigned lifetime);
void ivs_sessions_free(ivs_sessions_t *sessions);

/* A new session for user NAME at NOW: writes its token (64 hex characters
 * and a NUL) to TOKEN. Returns IVS_OK, IVS_ERR_NOMEM, or IVS_ERR_TOOBIG when
 * too many sessions are live (the oldest are dropped first, so only when
 * IVS_SESSIONS_MAX are younger than a minute). */
#define IVS_SESSIONS_MAX 10000
ivs_status_t ivs_sessions_create(ivs_sessions_t *sessions, const char *name,
                                 time_t now,
                                 char token[IVS_SESSION_TOKEN_LEN + 1]);

/* The user name of live session TOKEN at NOW, copied to NAME (NAME_SIZE
 * bytes), and its use recorded; 0 when TOKEN is unknown, malformed or
 * expired (an expired one is dropped), 1 when found. Compares in constant
 * time. */
int ivs_sessions_lookup(ivs_sessions_t *sessions, const char *token, time_t now,
                        char *name, size_t name_size);

/* Ends session TOKEN (logout); nothing when unknown. */
void ivs_sessions_end(ivs_sessions_t *sessions, const char *token);

/* Ends every session of users no longer in USERS or whose NAME is gone
 * (after a reload of the users file). */
void ivs_sessions_prune(ivs_sessions_t *sessions, const ivs_users_t *users);

/* ---- failed logins ----------------------------------------------------- */

typedef struct ivs_ratelimit ivs_ratelimit_t;

/* At most MAX_FAILS failed logins per WINDOW seconds, counted per address
 * and per user name separately. */
ivs_ratelimit_t *ivs_ratelimit_new(unsigned max_fails, unsigned window);
void ivs_ratelimit_free(ivs_ratelimit_t *rl);

/* 1 when a login from ADDR (a numeric address) as NAME may be tried at
 * NOW, 0 when either is over its limit (*RETRY_AFTER then gets the seconds
 * to wait). */
int ivs_ratelimit_allow(ivs_ratelimit_t *rl, const char *addr, const char *name,
                        time_t now, unsigned *retry_after);

/* Records a failed login (counts for ADDR and NAME). */
void ivs_ratelimit_fail(ivs_ratelimit_t *rl, const char *addr, const char *name,
                        time_t now);

#endif
