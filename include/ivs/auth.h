/* ivserve's accounts: the users file (names, slow salted password hashes,
 * scopes), login sessions and the limit on failed logins. Implemented in
 * search/serve/auth.c (users) and search/serve/auth_sessions.c (sessions,
 * failed logins) over libsodium (argon2id, BLAKE2b, randombytes).
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
 * Threads: ivs_users_load and ivs_users_add are used by one thread (the
 * server reloads the users on SIGHUP and swaps them in). A loaded
 * ivs_users_t never changes, so verify, find and the ivs_user_* accessors
 * may be called on it from many threads at once; the server must not free
 * it while a worker still uses it (a verify takes ~0.1 s). ivs_sessions_*
 * and ivs_ratelimit_* lock inside and are called from every worker. */
#ifndef IVS_AUTH_H
#define IVS_AUTH_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "ivs/status.h"

/* Must be called once before anything else here (sodium_init()); returns
 * IVS_OK or IVS_ERR_INTERNAL. */

/* Passwords are 8 to 1024 bytes. */
#define IVS_AUTH_PASSWORD_MIN 8
#define IVS_AUTH_PASSWORD_MAX 1024
ivs_status_t ivs_auth_init(void);

/* ---- users ------------------------------------------------------------- */

typedef struct ivs_users ivs_users_t;
typedef struct ivs_user ivs_user_t;

/* Loads the users file PATH. A missing file is IVS_ERR_IO with a message;
 * an empty file loads no users. On failure *OUT is NULL and *ERR (when ERR
 * is non-NULL) gets a malloc'd one-line message naming PATH and the line.
 * A file readable or writable by group or others is refused
 * (IVS_ERR_INPUT: "PATH: readable by others; chmod 600 PATH"), so is one
 * that is not a regular file (IVS_ERR_INPUT) or of 16 MiB or more
 * (IVS_ERR_TOOBIG). A symbolic link is followed (the checks apply to its
 * target). Strict: a NAME must be as above and in Unicode NFC, a HASH an
 * argon2id string libsodium accepts, a SCOPE absolute and canonical (no
 * trailing '/', no empty, '.' or '..' part; not "/"), no CR or NUL
 * anywhere, no NAME twice; the message is "PATH:LINE: FIELD: why". */
ivs_status_t ivs_users_load(const char *path, ivs_users_t **out, char **err);
void ivs_users_free(ivs_users_t *users);
size_t ivs_users_count(const ivs_users_t *users);

/* The user NAME when PASSWORD is theirs, else NULL. Takes the same time
 * (one argon2id verification) whether or not NAME exists: an unknown NAME
 * is verified against another user's hash and the result ignored. A
 * PASSWORD longer than IVS_AUTH_PASSWORD_MAX fails at once. At most two
 * argon2id computations run at once in the process (64 MiB each); more
 * callers wait their turn. Borrowed from USERS. */
const ivs_user_t *ivs_users_verify(const ivs_users_t *users, const char *name,
                                   const char *password);

/* User NAME (no password check), or NULL (also when USERS is NULL): what
 * a session names. Bytes compared exactly; O(log n). */
const ivs_user_t *ivs_users_find(const ivs_users_t *users, const char *name);

/* User I of USERS (in name order), or NULL past the end. */
const ivs_user_t *ivs_users_at(const ivs_users_t *users, size_t i);

const char *ivs_user_name(const ivs_user_t *user);
/* Whether users A and B (of two loads of the file) have the same password
 * hash: a new password ends the old sessions. */
int ivs_user_same_password(const ivs_user_t *a, const ivs_user_t *b);
/* The user's scopes (absolute folders, without a trailing '/'); 0 when the
 * user sees everything. */
size_t ivs_user_n_scopes(const ivs_user_t *user);
const char *ivs_user_scope(const ivs_user_t *user, size_t i);

/* Adds user NAME with PASSWORD (at least 8 bytes) and SCOPES (each made
 * absolute and canonical; it need not exist) to the users file PATH,
 * creating it 0600, or replaces NAME's password and scopes when NAME is
 * there. Returns IVS_OK; IVS_ERR_INPUT for a bad name, a short password or
 * a relative scope that cannot be resolved; IVS_ERR_IO. *ERR as above.
 * Scopes are made absolute as ivindex makes its sources (ivs_absolute_path:
 * links resolved in the part that exists); a scope of "/" is refused (no
 * scope means everything). The existing file must load (else its error is
 * returned and nothing is written); PATH itself must not be a symbolic
 * link or other non-regular file (IVS_ERR_INPUT). Other lines, comments
 * included, are kept as they were. Two adds at once are serialised by a
 * flock() on PATH's folder. Run as root, the new file keeps the old one's
 * owner. IVS_ERR_NOSPACE when the disk is full; the old file is then
 * intact. */
ivs_status_t ivs_users_add(const char *path, const char *name,
                           const char *password, const char *const *scopes,
                           size_t n_scopes, char **err);

/* Reads a password for NAME: from the terminal without echo (prompting
 * twice on standard error, which must agree) when standard input is a
 * terminal, else one line of standard input (its "\n" or "\r\n" removed;
 * nothing after it is read). Returns a malloc'd string (wiped by the caller
 * with ivs_auth_wipe() before free), or NULL with *ERR set: an empty line,
 * one over IVS_AUTH_PASSWORD_MAX bytes, a NUL byte, two that differ. */
char *ivs_auth_read_password(const char *name, char **err);
/* Overwrites the NUL-terminated SECRET with zeros (sodium_memzero, which
 * the compiler does not drop); nothing for NULL. Does not free. */
void ivs_auth_wipe(char *secret);

/* ---- sessions ---------------------------------------------------------- */

typedef struct ivs_sessions ivs_sessions_t;

#define IVS_SESSION_TOKEN_LEN 64 /* hex characters of 32 random bytes */

/* Sessions that expire more than IDLE seconds after their last use and
 * more than LIFETIME seconds after login (whole seconds of NOW: never
 * sooner than the limit, at most a second later). NULL when out of memory. The table is
 * fixed (about 2 MB) and holds a BLAKE2b hash of each token, never the
 * token. Times are the callers' NOW; a NOW earlier than a session's last
 * use counts as no time passed (a clock set back expires nothing). */
ivs_sessions_t *ivs_sessions_new(unsigned idle, unsigned lifetime);
void ivs_sessions_free(ivs_sessions_t *sessions);

/* A new session for user NAME at NOW: writes its token (64 hex characters
 * and a NUL) to TOKEN. Returns IVS_OK, IVS_ERR_NOMEM, or IVS_ERR_TOOBIG when
 * too many sessions are live (the oldest are dropped first, so only when
 * IVS_SESSIONS_MAX are younger than a minute); IVS_ERR_INPUT when NAME is
 * empty or longer than 64 bytes. TOKEN is "" on failure. */
#define IVS_SESSIONS_MAX 10000
ivs_status_t ivs_sessions_create(ivs_sessions_t *sessions, const char *name,
                                 time_t now,
                                 char token[IVS_SESSION_TOKEN_LEN + 1]);

/* As ivs_sessions_create for USER (from ivs_users_verify), remembering
 * which password USER had (a digest of the salted hash): such a session
 * also ends in ivs_sessions_prune once the reloaded users file gives the
 * user another password (ivserve --add-user NAME again, even with the same
 * password), so a reset logs out whoever had the old one. What the server
 * should call after a successful login. */
ivs_status_t ivs_sessions_create_user(ivs_sessions_t *sessions,
                                      const ivs_user_t *user, time_t now,
                                      char token[IVS_SESSION_TOKEN_LEN + 1]);

/* The user name of live session TOKEN at NOW, copied to NAME (NAME_SIZE
 * bytes), and its use recorded; 0 when TOKEN is unknown, malformed or
 * expired (an expired one is dropped), 1 when found. Compares in constant
 * time. 0 too when the name does not fit in NAME_SIZE bytes (a cut name
 * would be another user's). */
int ivs_sessions_lookup(ivs_sessions_t *sessions, const char *token, time_t now,
                        char *name, size_t name_size);

/* Ends session TOKEN (logout); nothing when unknown. */
void ivs_sessions_end(ivs_sessions_t *sessions, const char *token);

/* Ends every session of users no longer in USERS or whose NAME is gone
 * (after a reload of the users file), and those made by
 * ivs_sessions_create_user whose user has another password in USERS;
 * every session when USERS is NULL. */
void ivs_sessions_prune(ivs_sessions_t *sessions, const ivs_users_t *users);

/* Ends every session of user NAME (a new password, a removed user). */
void ivs_sessions_end_user(ivs_sessions_t *sessions, const char *name);

/* ---- failed logins ----------------------------------------------------- */

typedef struct ivs_ratelimit ivs_ratelimit_t;

/* At most MAX_FAILS failed logins per WINDOW seconds (a sliding window),
 * counted per address and per user name separately. NULL when out of
 * memory, or when MAX_FAILS is 0 or over 100 or WINDOW is 0. Each of the
 * two tables tracks at most IVS_RATELIMIT_KEYS keys (about 320 kB each at
 * MAX_FAILS 5); when one is full a new key takes the place of one with no
 * failure in the window, else of the one whose last failure is the oldest,
 * so an attacker cycling addresses or names cannot grow memory. */
#define IVS_RATELIMIT_KEYS 4096
ivs_ratelimit_t *ivs_ratelimit_new(unsigned max_fails, unsigned window);
void ivs_ratelimit_free(ivs_ratelimit_t *rl);

/* 1 when a login from ADDR (a numeric address) as NAME may be tried at
 * NOW, 0 when either is over its limit (*RETRY_AFTER then gets the seconds
 * to wait, at least 1; 0 when allowed). An IPv4 address (also written
 * IPv4-mapped) counts whole, an IPv6 address by its /64 network. A NULL
 * ADDR or NAME is not checked. */
int ivs_ratelimit_allow(ivs_ratelimit_t *rl, const char *addr, const char *name,
                        time_t now, unsigned *retry_after);

/* Records a failed login (counts for ADDR and NAME; a NULL one is not
 * counted). */
void ivs_ratelimit_fail(ivs_ratelimit_t *rl, const char *addr, const char *name,
                        time_t now);

/* The keys (addresses and names) tracked now: at most twice
 * IVS_RATELIMIT_KEYS. For tests and statistics. */
size_t ivs_ratelimit_count(ivs_ratelimit_t *rl);

#endif
