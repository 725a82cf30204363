/* Splitting decoded note files into interview records: where records begin
 * (markers, headings, candidate lines, rules). The lines are classified in
 * archive_lines.c, each record is built in archive_record.c. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/grow.h"
#include "ivs/record.h"
#include "ivs/text.h"
#include "archive_internal.h"
#include "record_internal.h"

/* ---- splitting
 * --------------------------------------------------------------- */

/* Whether lines [A, B) read as one interview rather than a chapter: a
 * verdict, a candidate/role/date line, or a first line that is a marker or
 * carries a date. */
static int
chunk_signals(const parser_t *P, size_t a, size_t b)
{
    const line_t *lines = P->lines;
    while (a < b && lines[a].blank)
        a++;
    if (a >= b)
        return 0;
    /* Interviewer and round lines are left out: "面试官：…" also opens
     * the lines of a dialogue, in articles too. */
    for (size_t i = a; i < b; i++)
        if ((lines[i].meta == META_CANDIDATE || lines[i].meta == META_ROLE ||
             lines[i].meta == META_DATE) &&
            !lines[i].code)
            return 1;
    const char *s = P->text + lines[a].start;
    size_t n = lines[a].end - lines[a].start;
    char date[11];
    if (lines[a].marker ||
        (lines[a].atx &&
         ivs_archive_parse_date(s, n < LINE_PEEK ? n : LINE_PEEK, date)))
        return 1;
    size_t start = lines[a].start, end = lines[b - 1].end;
    return ivs_verdict_detect(P->text + start, end - start) !=
           IVS_VERDICT_UNKNOWN;
}

/* Whether SIGNALS of PARTS parts make them interviews: at least two, and
 * at least half. */
static int
enough_signals(size_t signals, size_t parts)
{
    return signals >= 2 && signals * 2 >= parts;
}

static size_t
content_lines(const parser_t *P, size_t a, size_t b)
{
    size_t c = 0;
    for (size_t i = a; i < b; i++)
        c += !P->lines[i].blank && !P->lines[i].rule && !P->lines[i].atx;
    return c;
}

/* Reports the text before the first boundary: a record when it has some
 * substance (three lines, or an interview signal); a file title or a line
 * of introduction is not an interview. */
static int
emit_preamble(parser_t *P, size_t b)
{
    if (b <= P->body)
        return 0;
    if (content_lines(P, P->body, b) >= 3 || chunk_signals(P, P->body, b))
        return ivs_archive_emit_record(P, P->body, b, 0);
    return 0;
}

/* Records separated by marker lines ("面试内容："). A marker word splits
 * when it repeats and its first use opens the notes (at most two lines
 * before it), so a word like 面试评价 that closes each interview does not. */
static int
split_markers(parser_t *P, int *done)
{
    size_t n_words = MARKER_WORDS;
    size_t best_first = SIZE_MAX;
    int best = 0;
    for (size_t w = 1; w <= n_words; w++) {
        size_t count = 0, first = SIZE_MAX, before = 0;
        for (size_t i = P->body; i < P->n_lines; i++) {
            const line_t *L = &P->lines[i];
            if (L->code)
                continue;
            if (L->marker == w) {
                if (!count)
                    first = i;
                count++;
            } else if (!count && !L->blank && !L->rule) {
                before++;
            }
        }
        if (count >= 2 && before <= 2 && first < best_first) {
            best_first = first;
            best = (int)w;
        }
    }
    if (!best)
        return 0;
    *done = 1;
    int rc = emit_preamble(P, best_first);
    /* A bare marker is left out of its record; a marker that is a
     * Markdown heading ("## 面试记录 3") stays as the record's title. */
    size_t start = SIZE_MAX;
    int own_heading = 0;
    for (size_t i = best_first; i < P->n_lines && rc == 0; i++) {
        const line_t *L = &P->lines[i];
        if (L->code || L->marker != best)
            continue;
        if (start != SIZE_MAX)
            rc = ivs_archive_emit_record(P, start, i, own_heading);
        own_heading = L->atx != 0;
        start = L->bare && !L->atx ? i + 1 : i;
    }
    if (rc == 0 && start != SIZE_MAX)
        rc = ivs_archive_emit_record(P, start, P->n_lines, own_heading);
    return rc;
}

/* Records under Markdown headings of one level, when at least two of them
 * and at least half carry interview signals. The outermost such level
 * wins. A generic article with many headings has no such level. */
static int
split_headings(parser_t *P, int *done)
{
    size_t *heads = malloc((P->n_lines + 1) * sizeof *heads);
    if (!heads)
        return -1;
    int level = 0;
    size_t n_heads = 0;
    for (int l = 1; l <= 6 && !level; l++) {
        n_heads = 0;
        for (size_t i = P->body; i < P->n_lines; i++)
            if (!P->lines[i].code && P->lines[i].atx && P->lines[i].atx <= l)
                heads[n_heads++] = i;
        size_t at_level = 0, signals = 0, unseen;
        for (size_t k = 0; k < n_heads; k++)
            at_level += P->lines[heads[k]].atx == l;
        if (at_level < 2)
            continue;
        unseen = at_level;
        /* until the count decides (verdict detection is the costly part
         * of the test) */
        for (size_t k = 0; k < n_heads && !enough_signals(signals, at_level) &&
                           enough_signals(signals + unseen, at_level);
             k++) {
            if (P->lines[heads[k]].atx != l)
                continue;
            size_t end = k + 1 < n_heads ? heads[k + 1] : P->n_lines;
            signals += (size_t)chunk_signals(P, heads[k], end);
            unseen--;
        }
        if (enough_signals(signals, at_level))
            level = l;
    }
    int rc = 0;
    if (level) {
        *done = 1;
        rc = emit_preamble(P, n_heads ? heads[0] : P->n_lines);
        for (size_t k = 0; k < n_heads && rc == 0; k++) {
            size_t end = k + 1 < n_heads ? heads[k + 1] : P->n_lines;
            if (P->lines[heads[k]].atx == level)
                rc = ivs_archive_emit_record(P, heads[k], end, 1);
            else if (content_lines(P, heads[k], end) >= 3 ||
                     chunk_signals(P, heads[k], end))
                rc = ivs_archive_emit_record(P, heads[k], end,
                                             0); /* a part's intro */
        }
    }
    free(heads);
    return rc;
}

/* Records that each open with a block of candidate metadata
 * ("候选人：张三" after a blank line, with its role/date lines). */
static int
split_candidates(parser_t *P, int *done)
{
    size_t *starts = malloc((P->n_lines + 1) * sizeof *starts);
    if (!starts)
        return -1;
    size_t n = 0;
    for (size_t i = P->body; i < P->n_lines; i++) {
        if (P->lines[i].code || P->lines[i].meta != META_CANDIDATE)
            continue;
        size_t s = i;
        while (s > P->body && s + 5 > i && P->lines[s - 1].meta &&
               !P->lines[s - 1].code)
            s--;
        if (s == P->body || P->lines[s - 1].blank || P->lines[s - 1].rule ||
            P->lines[s - 1].code)
            starts[n++] = s;
    }
    int rc = 0;
    if (n >= 2) {
        *done = 1;
        rc = emit_preamble(P, starts[0]);
        for (size_t k = 0; k < n && rc == 0; k++)
            rc = ivs_archive_emit_record(
                P, starts[k], k + 1 < n ? starts[k + 1] : P->n_lines, 0);
    }
    free(starts);
    return rc;
}

/* Records between "---" rules, when the parts read as interviews. */
static int
split_rules(parser_t *P, int *done)
{
    size_t parts = 0, signals = 0, start = P->body;
    for (size_t i = P->body; i <= P->n_lines; i++) {
        if (i < P->n_lines && !(P->lines[i].rule && !P->lines[i].code))
            continue;
        parts += content_lines(P, start, i) > 0;
        start = i + 1;
    }
    if (parts < 2)
        return 0;
    start = P->body;
    size_t unseen = parts;
    for (size_t i = P->body;
         i <= P->n_lines && !enough_signals(signals, parts) &&
         enough_signals(signals + unseen, parts);
         i++) {
        if (i < P->n_lines && !(P->lines[i].rule && !P->lines[i].code))
            continue;
        if (content_lines(P, start, i) > 0) {
            signals += (size_t)chunk_signals(P, start, i);
            unseen--;
        }
        start = i + 1;
    }
    if (!enough_signals(signals, parts))
        return 0;
    *done = 1;
    int rc = 0;
    start = P->body;
    for (size_t i = P->body; i <= P->n_lines && rc == 0; i++) {
        if (i < P->n_lines && !(P->lines[i].rule && !P->lines[i].code))
            continue;
        rc = ivs_archive_emit_record(P, start, i, 0);
        start = i + 1;
    }
    return rc;
}

int
ivs_archive_parse(const ivs_topics_t *topics, const char *source,
                  const char *text, size_t len, ivs_record_cb cb, void *ctx)
{
    if (!text || len == 0)
        return 0;
    parser_t P;
    memset(&P, 0, sizeof P);
    P.topics = topics;
    P.source = source;
    P.text = text;
    P.len = len;
    P.cb = cb;
    P.ctx = ctx;
    int rc = -1;
    if (ivs_archive_scan_lines(&P) < 0 || ivs_archive_read_front_matter(&P) < 0)
        goto out;

    int done = 0;
    rc = split_markers(&P, &done);
    if (!done && rc == 0)
        rc = split_headings(&P, &done);
    if (!done && rc == 0)
        rc = split_candidates(&P, &done);
    if (!done && rc == 0)
        rc = split_rules(&P, &done);
    if (!done && rc == 0) {
        /* one record: a bare marker opening it is left out, as it is from
         * each record of a file of several, so that an interview is the
         * same text alone in its file or among others (its id follows its
         * text) */
        size_t from = P.body;
        while (from < P.n_lines && P.lines[from].blank)
            from++;
        if (from < P.n_lines && P.lines[from].marker && P.lines[from].bare &&
            !P.lines[from].atx && !P.lines[from].code)
            from++;
        else
            from = P.body;
        P.single = 1;
        rc = ivs_archive_emit_record(&P, from, P.n_lines, 0);
    }
out:
    free(P.lines);
    free(P.fm_title);
    return rc;
}
