/* Internal to indexer/: what the archive parser, verdict detection and
 * the topic taxonomy share. Not part of the public interface. */
#ifndef IVS_RECORD_INTERNAL_H
#define IVS_RECORD_INTERNAL_H

#include <stddef.h>
#include <string.h>

#include "ivs/record.h"

/* Tells whether LINE is a summary label such as "总结：", "## 面试总结",
 * "**结论**：通过" or "Decision: hire". Returns 1 and sets *REST to the
 * offset of the text after the label's colon (LEN when there is none).
 * In verdict.c. */
int ivs_verdict_summary_label(const char *line, size_t len, size_t *rest);

/* The offset past a line's leading decoration (whitespace, Markdown
 * heading, quote and list marks, emphasis, brackets, numbering such as
 * "一、", "（三）", "3."). In verdict.c. */
size_t ivs_text_skip_marks(const char *s, size_t n);

/* Marks in SELECTED (one byte per topic) the topics whose content keywords
 * TEXT gives evidence for; -1 when out of memory. In topics.c. */
int ivs_topics_match_content(const ivs_topics_t *topics, const char *text,
                             size_t len, unsigned char *selected);

/* A copy of S (N bytes, malloc'd, NUL-terminated) with the traditional
 * characters of the verdict vocabulary (總結, 面試, 通過, 錄用 ...) in their
 * simplified form, each offset kept; NULL when S has none of them (or when
 * out of memory: detection then reads S as it is). In outcome.c. */
char *ivs_verdict_fold_traditional(const char *s, size_t n);

/* The outcome that the lines of a candidate's write-up (TEXT, LEN bytes)
 * state in a sentence: "一面过了，下面是二面的问题", "最后还是挂在了三面",
 * "hr打电话说过了". The last line that states one gives it; questions,
 * quotes, suppositions, beliefs and other people's results are not read.
 * For a record with no verdict from its text or its names. In outcome.c. */
ivs_verdict_t ivs_verdict_from_statements(const char *text, size_t len);

/* Calls FN for each line of TEXT (LEN bytes) that may be the writer's own
 * statement, leading spaces skipped: not in a code fence, a blockquote or
 * YAML front matter, not a heading or a table row, not a turn of a
 * conversation. In outcome.c. */
typedef void (*ivs_statement_line_fn)(void *ctx, const char *line, size_t n);
void ivs_verdict_statement_lines(const char *text, size_t len,
                                 ivs_statement_line_fn fn, void *ctx);

/* Whether LINE (LEN bytes) asks, supposes, hopes, fears, speaks of tests
 * and code or of other people: the words for which the rules never read a
 * line as the writer's outcome, so that the statement model does not
 * either. In outcome.c. */
int ivs_verdict_line_hedged(const char *line, size_t len);

/* Where line T (N bytes, simplified script) speaks of this attempt after
 * telling of an earlier one ("候选人说之前面过我们 infra 组，二面挂了，这次
 * 换了方向投": at 这次; N when the earlier attempt is all it tells), the
 * earlier one's first word in *TOLD; 0 for a line that tells of none.
 * In outcome.c. */
size_t ivs_verdict_this_attempt(const char *t, size_t n, size_t *told);

/* Whether the line T (N bytes, simplified script) reports on other people
 * ("室友一面挂了", "同学二面挂了"), so that its statements are not the
 * writer's outcome. In outcome.c. */
int ivs_verdict_line_of_others(const char *t, size_t n);

/* The verdict that a status or result value S (N bytes, folded to
 * simplified script) states on its own, as after a label: "不通过",
 * "排序中", "Not selected", "寄", "已终止". Unknown when it is none.
 * In verdict.c. */
ivs_verdict_t ivs_verdict_of_value(const char *s, size_t n);

/* The verdict that line S (N bytes, folded to simplified script) states
 * as the closing line of an interviewer's note would ("这轮先不往下推了",
 * "本轮评价 Hire"). In verdict.c. */
ivs_verdict_t ivs_verdict_of_line(const char *s, size_t n);

/* Whether S (N bytes, ASCII lower case) ends with a round: "一面", "技术面",
 * "hr面", "三轮"; not a word that ends with 面 or 轮 ("页面"). In
 * outcome.c. */
int ivs_verdict_ends_with_round(const char *s, size_t n);

/* Whether S (N bytes) holds WORD (lower-case Latin letters) as a word of
 * its own, in any case: "OA 在线编程" holds "oa", "Board" and "project" do
 * not hold "oa" and "oj". In verdict.c. */
int ivs_verdict_latin_word(const char *s, size_t n, const char *word);

/* Whether clause S (N bytes) waits only for the offer: in approval
 * ("offer 审批中", "offer 在走审批", "Offer 簽核") or still to be sent
 * ("等offer", "等 oc", "等意向书"). After a pass, the pass's next step.
 * In verdict.c. */
int ivs_verdict_offer_to_come(const char *s, size_t n);

/* The statement model's best reading so far: the verdict a unit states
 * and its probability (IVS_VERDICT_UNKNOWN, 0 when none reached the
 * model's threshold). In model.c. */
typedef struct {
    ivs_verdict_t verdict;
    double p;
} ivs_verdict_model_t;

/* The probabilities of the four verdicts (ivs_verdict_t order) for the
 * unit S (N bytes) into P; -1 when it is not scored (longer than 600
 * bytes, not UTF-8, out of memory). */
int ivs_verdict_model_probabilities(const char *s, size_t n, double p[4]);

/* Scores the unit S (N bytes: a line, a title, a heading, a file name) and
 * keeps it in *BEST when it states a verdict more surely than *BEST. */
void ivs_verdict_model_unit(const char *s, size_t n, ivs_verdict_model_t *best);

/* ivs_verdict_model_unit() of a title, a heading or a file name S (N
 * bytes), whose parts (between blanks, bars, dashes, underscores) its
 * hedges govern as a sentence's clauses; unless it asks. */
void ivs_verdict_model_name(const char *s, size_t n, ivs_verdict_model_t *best);

/* ivs_verdict_model_unit() of each line of TEXT (LEN bytes) that may be
 * the writer's statement (ivs_verdict_statement_lines), and of each such
 * line with the label line ("面评：") before it. */
void ivs_verdict_model_text(const char *text, size_t len,
                            ivs_verdict_model_t *best);

/* Does S (N bytes) start with PREFIX? */
static inline int
starts_with(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    return n >= k && memcmp(s, prefix, k) == 0;
}

/* Does S (N bytes) end with SUFFIX? */
static inline int
ends_with(const char *s, size_t n, const char *suffix)
{
    size_t k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* Does S (N bytes) contain NEEDLE (not empty)? */
static inline int
has(const char *s, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    if (k > n)
        return 0;
    /* memchr finds the candidates for the first byte fast */
    for (const char *p = s, *end = s + n - k + 1;
         (p = memchr(p, needle[0], (size_t)(end - p))) != NULL; p++)
        if (memcmp(p, needle, k) == 0)
            return 1;
    return 0;
}

/* The same, ASCII letters of S folded to lower case (PREFIX is lower
 * case). */
static inline int
starts_with_ci(const char *s, size_t n, const char *prefix)
{
    size_t k = strlen(prefix);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++) {
        unsigned char a = (unsigned char)s[i];
        if (a >= 'A' && a <= 'Z')
            a = (unsigned char)(a + 32);
        if (a != (unsigned char)prefix[i])
            return 0;
    }
    return 1;
}

#endif
