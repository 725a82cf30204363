/* Text from data (notes, file names, queries, the database) on a terminal
 * or in a message: both programs print every such string through these.
 * Implemented in indexer/base/safetext.c. */
#ifndef IVS_SAFETEXT_H
#define IVS_SAFETEXT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ---- text from data on a terminal ------------------------------------
 *
 * Every string that comes from data (notes, file names, queries, the
 * database, data files) and goes to a person passes through these, so that
 * no byte of it reaches the terminal as a control sequence. Shown visibly
 * instead:
 *   - C0 controls and DEL as \xHH (ESC is \x1b, BEL \x07), except \n, \t
 *     and \r, shown as \n, \t and \r; with IVS_SAFE_LINES a raw \n and \t
 *     stay (multi-line text such as --show);
 *   - C1 controls U+0080-U+009F, the bidirectional overrides and isolates
 *     U+202A-U+202E, U+2066-U+2069 and the marks U+061C, U+200E, U+200F as
 *     \uHHHH (\u009b, \u202e);
 *   - each byte that is not part of valid UTF-8 as \xHH.
 * Everything else is written as it is. */
enum { IVS_SAFE_LINE = 0, IVS_SAFE_LINES = 1 };

/* Writes the character at S (AVAIL > 0 bytes) to F as above; returns the
 * bytes it took (1 for an invalid byte). */
size_t ivs_safe_char(FILE *f, const char *s, size_t avail, int flags);

/* Writes LEN bytes of S to F as above. */
void ivs_safe_write(FILE *f, const char *s, size_t len, int flags);

/* LEN bytes of S as above, NUL-terminated and malloc'd (caller frees);
 * NULL when out of memory. */
char *ivs_safe_text(const char *s, size_t len, int flags);

/* Writes "PROG: MESSAGE" (printf FMT) and a newline to stderr, the
 * message through ivs_safe_write: how both programs talk to the user. */
void ivs_say(const char *prog, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* True for the code points written escaped above (C1 controls,
 * bidirectional controls and marks). */
int ivs_safe_hidden(int32_t cp);

#endif
