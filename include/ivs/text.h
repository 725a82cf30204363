/* Small text helpers both sides share: what counts as whitespace, blank
 * and rule lines, copies of byte ranges. Implemented in indexer/base/text.c. */
#ifndef IVS_TEXT_H
#define IVS_TEXT_H

#include <stddef.h>

/* Length of the whitespace character at S (N bytes available): 1 for an
 * ASCII space, tab, newline, carriage return, vertical tab or form feed,
 * 2 for the no-break space U+00A0, 3 for the ideographic space U+3000;
 * 0 when S does not start with one (or N is 0). */
size_t ivs_text_space_len(const char *s, size_t n);

/* Whether S (N bytes) is only whitespace (ivs_text_space_len), or empty. */
int ivs_text_is_blank(const char *s, size_t n);

/* The mark of a rule line: three or more of one of '-', '*', '_' or '='
 * and nothing else but spaces, tabs and carriage returns. Returns the mark
 * character, or 0 when S (N bytes) is no rule line. A Markdown thematic
 * break is a rule of '-', '*' or '_'; a line of '=' underlines a setext
 * heading in Markdown and separates parts of plain-text notes, so callers
 * decide whether it counts. */
char ivs_text_rule_mark(const char *s, size_t n);

/* A new NUL-terminated copy of the N bytes at S (which need no NUL).
 * Returns NULL when out of memory; the caller frees the copy. */
char *ivs_text_dup(const char *s, size_t n);

#endif
