/* What auth.c and auth_sessions.c share beyond ivs/auth.h. */
#ifndef IVS_AUTH_PRIVATE_H
#define IVS_AUTH_PRIVATE_H

#include "ivs/auth.h"

#define IVS_USER_FINGERPRINT_LEN 16

/* A BLAKE2b digest of USER's password hash (salted: a new one for every
 * --add-user, even of the same password), so that a session can tell
 * whether its user's password changed without keeping the hash. */
void ivs_user_fingerprint(const ivs_user_t *user,
                          unsigned char fp[IVS_USER_FINGERPRINT_LEN]);

#endif
