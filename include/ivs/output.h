/* Presentation helpers for ivsearch: paths, colours, highlighted text. */
#ifndef IVS_OUTPUT_H
#define IVS_OUTPUT_H

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

/* Writes TEXT with the SPANS (character offsets) marked: colour when C has
 * it, else [ and ]. */
void ivs_print_marked(FILE *f, const char *text, const ivs_span_t *spans,
                      size_t n_spans, const ivs_colors_t *c);

/* Colour of a verdict name. */
const char *ivs_verdict_color(const ivs_colors_t *c, const char *verdict);

#endif
