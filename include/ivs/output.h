/* Presentation helpers for ivsearch: paths, colours, highlighted text. */
#ifndef IVS_OUTPUT_H
#define IVS_OUTPUT_H

#include <jansson.h>
#include <stdio.h>

#include "ivs/snippet.h"

/* ANSI sequences, or "" when colour is off. */
typedef struct {
    const char *bold, *dim, *hl, *pass, *fail, *pending, *reset;
} ivs_colors_t;

void ivs_colors_init(ivs_colors_t *c, int on);

/* PATH relative to the current directory when it lies below it, else PATH
 * itself; malloc'd. */
char *ivs_display_path(const char *path);

/* Writes one-line TEXT with the SPANS (character offsets) marked: colour
 * when C has it, else [ and ]; the characters of TEXT go through
 * ivs_safe_char(). */
void ivs_print_marked(FILE *f, const char *text, const ivs_span_t *spans,
                      size_t n_spans, const ivs_colors_t *c);

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

/* Writes J to F as compact JSON and a newline. jansson escapes C0 controls;
 * this also escapes DEL, the C1 controls and the bidirectional controls
 * listed above (as \u007f, \u009b, \u202e: the same strings to a JSON
 * reader). Returns 0, or -1 when J is NULL or out of memory (nothing is
 * written). */
int ivs_json_print(FILE *f, const json_t *j);

/* Colour of a verdict name. */
const char *ivs_verdict_color(const ivs_colors_t *c, const char *verdict);

#endif
