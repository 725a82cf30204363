/* Presentation helpers for ivsearch: paths, colours, highlighted text. */
#ifndef IVS_OUTPUT_H
#define IVS_OUTPUT_H

#include <jansson.h>
#include <stdio.h>

#include "ivs/safetext.h"
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

/* Writes J to F as compact JSON and a newline. jansson escapes C0 controls;
 * this also escapes DEL, the C1 controls and the bidirectional controls
 * listed above (as \u007f, \u009b, \u202e: the same strings to a JSON
 * reader). Returns 0, or -1 when J is NULL or out of memory (nothing is
 * written). */
int ivs_json_print(FILE *f, const json_t *j);

/* Colour of a verdict name. */
const char *ivs_verdict_color(const ivs_colors_t *c, const char *verdict);

#endif
