/* Small text helpers both sides share: what counts as whitespace, blank
 * and rule lines, copies of byte ranges. Implemented in indexer/base/text.c. */
#ifndef IVS_TEXT_H
#define IVS_TEXT_H

#include <stddef.h>
#include <stdint.h>

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

/* The line of TEXT (LEN bytes) that starts at *POS, without its newline,
 * in *LINE and *N; *POS moves past it. Returns 0 when *POS is at the end. */
int ivs_text_next_line(const char *text, size_t len, size_t *pos,
                       const char **line, size_t *n);

/* A new NUL-terminated copy of the N bytes at S (which need no NUL).
 * Returns NULL when out of memory; the caller frees the copy. */
char *ivs_text_dup(const char *s, size_t n);

/* The one-character simplified form of traditional Han code point CP, as
 * OpenCC's Taiwan/traditional -> simplified conversion gives it (read into
 * a table at build time by indexer/analysis/gen_tradmap.c; a character
 * that is simplified itself is not traditional), or CP itself. */
uint32_t ivs_text_simplified(uint32_t cp);

#endif
