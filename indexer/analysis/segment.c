/* Chinese word segmentation: the max-probability path over the DAG of
 * dictionary words, number rules, an HMM for runs of unknown characters,
 * and search-mode sub-words. */
#include <math.h>
#include <string.h>

#include "segment_internal.h"

/* A run is cut into blocks where no dictionary word crosses (so the best
 * path of the run is the best paths of its blocks), which keeps all state
 * in fixed buffers on the stack, whatever the length of the run. Only a
 * block that never reaches such a point (a chain of overlapping words
 * longer than BLOCK_UNITS) is cut by force. */
#define BLOCK_UNITS 256
#define BLOCK_EDGES 2048
#define MAX_EDGES_PER_UNIT (IVS_DICT_MAX_WORD + 2)
#define HMM_MAX 128    /* unknown characters decoded at once */
#define HMM_MIN_WORD 3 /* shorter HMM words are split again */

#define IS_DIGIT(c) ((c) >= '0' && (c) <= '9')

/* Log probability of a number word (digits, 1998年, 二○○一年): that of a
 * common word, so a Han numeral wins against its pieces (二 ○ ○ 一 年)
 * but not against a longer dictionary word that holds it (十万火急). */
#define NUMBER_LOGP (-8.0f)

struct segmenter {
    const struct ivs_dict *dict;
    const uint32_t *cps;
    size_t n;
    int search_mode;
    int use_hmm;
    ivs_segment_cb cb;
    void *ctx;
    int stop; /* the callback's non-zero value */

    /* The block: units are a Han character or a whole digit sequence. */
    size_t n_units;
    size_t unit_start[BLOCK_UNITS + 1]; /* code point offsets */
    uint16_t edge_first[BLOCK_UNITS + 1];
    size_t n_edges;
    uint8_t edge_len[BLOCK_EDGES]; /* in units */
    float edge_logp[BLOCK_EDGES];
    double route[BLOCK_UNITS + 1];
    uint8_t route_len[BLOCK_UNITS + 1];

    /* Pending single characters for the HMM: code points [hmm_start,
     * hmm_end). */
    size_t hmm_start, hmm_end;
};

/* ---- dictionary lookups ---- */

/* Words of CPS[FROM..LIMIT) that start at FROM, shortest first: their
 * lengths (code points) in LENS and log probabilities in LOGPS. User words
 * override compiled ones. Returns the count. */
static size_t
words_at(const struct ivs_dict *dict, const uint32_t *cps, size_t from,
         size_t limit, uint8_t *lens, float *logps)
{
    size_t count = 0;
    if (limit - from > dict->max_word_len)
        limit = from + dict->max_word_len;
    uint32_t s = 0;
    for (size_t q = from; q < limit; q++) {
        uint32_t id = ivs_dict_char_id(dict, cps[q]);
        if (id == 0)
            break;
        uint32_t t = (uint32_t)dict->nodes[s].base + id;
        if (t >= dict->n_nodes || dict->nodes[t].check != s)
            break;
        s = t;
        float lp = dict->nodes[s].logp;
        if (lp <= 0) {
            lens[count] = (uint8_t)(q - from + 1);
            logps[count] = lp;
            count++;
        }
    }
    if (!dict->user)
        return count;

    uint64_t h = IVS_DICT_HASH_SEED;
    for (size_t q = from; q < limit && q - from < dict->user_max_len; q++) {
        size_t len = q - from + 1;
        h = ivs_dict_user_step(h, cps[q]);
        const struct user_entry *e =
            ivs_dict_user_probe(dict, h, cps + from, len);
        if (!e)
            break;
        if (!e->is_word)
            continue;
        size_t i = 0;
        while (i < count && lens[i] < len)
            i++;
        if (i < count && lens[i] == len) {
            if (e->logp <= 0) {
                logps[i] = e->logp;
            } else { /* removed by the user */
                memmove(lens + i, lens + i + 1, count - i - 1);
                memmove(logps + i, logps + i + 1,
                        (count - i - 1) * sizeof *logps);
                count--;
            }
        } else if (e->logp <= 0) {
            memmove(lens + i + 1, lens + i, count - i);
            memmove(logps + i + 1, logps + i, (count - i) * sizeof *logps);
            lens[i] = (uint8_t)len;
            logps[i] = e->logp;
            count++;
        }
    }
    return count;
}

/* ---- number rules ---- */

static int
is_han_numeral(uint32_t c)
{
    switch (c) {
    case 0x3007: /* 〇 */
    case 0x25CB: /* ○ */
    case 0x96F6: /* 零 */
    case 0x4E00: /* 一 */
    case 0x4E8C: /* 二 */
    case 0x4E09: /* 三 */
    case 0x56DB: /* 四 */
    case 0x4E94: /* 五 */
    case 0x516D: /* 六 */
    case 0x4E03: /* 七 */
    case 0x516B: /* 八 */
    case 0x4E5D: /* 九 */
    case 0x5341: /* 十 */
    case 0x767E: /* 百 */
    case 0x5343: /* 千 */
    case 0x4E07: /* 万 */
    case 0x4EBF: /* 亿 */
    case 0x4E24: /* 两 */ return 1;
    }
    return 0;
}

/* Units that stay with the number before them: 1998年, 12月, 31日, 8时,
 * 30分, 3万, 5亿, 3次 (as in 3次握手). Measure words (个, 名, 岁) do not. */
static int
is_number_unit(uint32_t c)
{
    switch (c) {
    case 0x5E74: /* 年 */
    case 0x6708: /* 月 */
    case 0x65E5: /* 日 */
    case 0x65F6: /* 时 */
    case 0x5206: /* 分 */
    case 0x79D2: /* 秒 */
    case 0x4E07: /* 万 */
    case 0x4EBF: /* 亿 */
    case 0x6B21: /* 次 */ return 1;
    }
    return 0;
}

/* Units that stay with a Han numeral of two or more characters:
 * 二○○一年, 十二月, 三十一日. */
static int
is_date_unit(uint32_t c)
{
    return c == 0x5E74 || c == 0x6708 || c == 0x65E5;
}

/* ---- output ---- */

static void
report(struct segmenter *sg, size_t start, size_t end, int subword)
{
    if (sg->stop)
        return;
    int r = sg->cb(sg->ctx, start, end, subword);
    if (r)
        sg->stop = r;
}

/* Reports word [START, END) and, in search mode, its dictionary sub-words
 * of two or more characters. */
static void
report_word(struct segmenter *sg, size_t start, size_t end)
{
    report(sg, start, end, 0);
    if (!sg->search_mode || end - start < 3 || !sg->dict)
        return;
    uint8_t lens[IVS_DICT_MAX_WORD + 1];
    float logps[IVS_DICT_MAX_WORD + 1];
    for (size_t i = start; i + 1 < end && !sg->stop; i++) {
        if (IS_DIGIT(sg->cps[i]))
            continue;
        size_t count = words_at(sg->dict, sg->cps, i, end, lens, logps);
        for (size_t k = 0; k < count; k++)
            if (lens[k] >= 2 && !(i == start && i + lens[k] == end))
                report(sg, i, i + lens[k], 1);
    }
}

/* A word found by the HMM. Measured on SIGHAN PKU and MSR, its words of
 * three or more characters (names: 夏世清, 卢钦斯基) are mostly right and its
 * two-character words mostly wrong (这一, 图为, 二是): those stay single
 * characters. */
static void
hmm_word(struct segmenter *sg, size_t start, size_t end)
{
    if (end - start >= HMM_MIN_WORD) {
        report_word(sg, start, end);
        return;
    }
    for (size_t i = start; i < end; i++)
        report_word(sg, i, i + 1);
}

/* Decodes the pending single characters with jieba's BMES HMM. */
static void
hmm_decode(struct segmenter *sg, size_t start, size_t end)
{
    const struct ivs_dict *dict = sg->dict;
    size_t len = end - start;
    uint8_t back[HMM_MAX][HMM_STATES];
    double v[HMM_STATES], nv[HMM_STATES];
    /* The states each state may follow, as in jieba's PrevStatus. */
    static const int prev[HMM_STATES][2] = {
        [HMM_B] = {HMM_E, HMM_S},
        [HMM_M] = {HMM_M, HMM_B},
        [HMM_E] = {HMM_B, HMM_M},
        [HMM_S] = {HMM_S, HMM_E},
    };
    const float *emit0 =
        dict->hmm_emit +
        (size_t)ivs_dict_char_id(dict, sg->cps[start]) * HMM_STATES;
    for (int y = 0; y < HMM_STATES; y++)
        v[y] = (double)dict->hmm_start[y] + emit0[y];
    for (size_t t = 1; t < len; t++) {
        const float *emit =
            dict->hmm_emit +
            (size_t)ivs_dict_char_id(dict, sg->cps[start + t]) * HMM_STATES;
        for (int y = 0; y < HMM_STATES; y++) {
            double best = -INFINITY;
            int arg = prev[y][0];
            for (int k = 0; k < 2; k++) {
                int y0 = prev[y][k];
                double p = v[y0] + dict->hmm_trans[y0 * HMM_STATES + y];
                if (p > best || (p == best && y0 > arg)) {
                    best = p;
                    arg = y0;
                }
            }
            nv[y] = best + emit[y];
            back[t][y] = (uint8_t)arg;
        }
        memcpy(v, nv, sizeof v);
    }
    int state = v[HMM_S] >= v[HMM_E] ? HMM_S : HMM_E;
    uint8_t path[HMM_MAX];
    for (size_t t = len; t-- > 0;) {
        path[t] = (uint8_t)state;
        if (t > 0)
            state = back[t][state];
    }
    size_t begin = 0;
    for (size_t t = 0; t < len; t++) {
        if (path[t] == HMM_B) {
            begin = t;
        } else if (path[t] == HMM_E) {
            hmm_word(sg, start + begin, start + t + 1);
            begin = t + 1;
        } else if (path[t] == HMM_S) {
            hmm_word(sg, start + t, start + t + 1);
            begin = t + 1;
        }
    }
    if (begin < len)
        hmm_word(sg, start + begin, end);
}

static void
hmm_flush(struct segmenter *sg)
{
    size_t start = sg->hmm_start, end = sg->hmm_end;
    sg->hmm_start = sg->hmm_end = 0;
    if (start == end)
        return;
    /* A buffer that is itself a word was split on purpose by the path. */
    if (end - start == 1 ||
        ivs_dict_word_logp(sg->dict, sg->cps + start, end - start) <= 0) {
        for (size_t i = start; i < end; i++)
            report_word(sg, i, i + 1);
        return;
    }
    hmm_decode(sg, start, end);
}

/* A word of the best path: single Han characters wait for the HMM. */
static void
path_word(struct segmenter *sg, size_t start, size_t end)
{
    if (sg->use_hmm && end - start == 1 && !IS_DIGIT(sg->cps[start])) {
        if (sg->hmm_end == start && sg->hmm_end - sg->hmm_start < HMM_MAX) {
            sg->hmm_end = end;
            return;
        }
        hmm_flush(sg);
        sg->hmm_start = start;
        sg->hmm_end = end;
        return;
    }
    hmm_flush(sg);
    report_word(sg, start, end);
}

/* ---- the block ---- */

/* Best path over the block's units by dynamic programming from the right,
 * ties to the longer word as in jieba; then reports it. */
static void
solve_block(struct segmenter *sg)
{
    size_t n = sg->n_units;
    if (n == 0)
        return;
    sg->edge_first[n] = (uint16_t)sg->n_edges;
    sg->route[n] = 0;
    for (size_t k = n; k-- > 0;) {
        double best = -INFINITY;
        size_t best_len = 1;
        for (size_t e = sg->edge_first[k]; e < sg->edge_first[k + 1]; e++) {
            size_t len = sg->edge_len[e];
            if (k + len > n)
                continue; /* crosses a forced cut */
            double p = sg->edge_logp[e] + sg->route[k + len];
            if (p > best || (p == best && len > best_len)) {
                best = p;
                best_len = len;
            }
        }
        if (best == -INFINITY) {
            best = sg->dict->unknown_logp + sg->route[k + 1];
            best_len = 1;
        }
        sg->route[k] = best;
        sg->route_len[k] = (uint8_t)best_len;
    }
    for (size_t k = 0; k < n && !sg->stop;) {
        size_t len = sg->route_len[k];
        path_word(sg, sg->unit_start[k], sg->unit_start[k + len]);
        k += len;
    }
    sg->n_units = 0;
    sg->n_edges = 0;
}

static void
add_edge(struct segmenter *sg, size_t len, float logp)
{
    sg->edge_len[sg->n_edges] = (uint8_t)len;
    sg->edge_logp[sg->n_edges] = logp;
    sg->n_edges++;
}

/* Appends the unit at code point POS to the block with the words that
 * start there; returns the code point after the unit and sets *REACH to
 * the unit count the longest of those words extends to. */
static size_t
add_unit(struct segmenter *sg, size_t pos, size_t *reach)
{
    const struct ivs_dict *dict = sg->dict;
    const uint32_t *cps = sg->cps;
    size_t k = sg->n_units;
    sg->unit_start[k] = pos;
    sg->edge_first[k] = (uint16_t)sg->n_edges;
    sg->n_units++;
    size_t longest = 1;

    if (IS_DIGIT(cps[pos])) {
        size_t end = pos + 1;
        while (end < sg->n && IS_DIGIT(cps[end]))
            end++;
        /* The only way through the digits: its weight does not matter. */
        if (end < sg->n && is_number_unit(cps[end])) {
            add_edge(sg, 2, NUMBER_LOGP);
            longest = 2;
        } else {
            add_edge(sg, 1, NUMBER_LOGP);
        }
        *reach = k + longest;
        sg->unit_start[k + 1] = end;
        return end;
    }

    uint8_t lens[IVS_DICT_MAX_WORD + 1];
    float logps[IVS_DICT_MAX_WORD + 1];
    size_t count = words_at(dict, cps, pos, sg->n, lens, logps);
    /* As jieba: a character that is no word only stands alone when no
     * word starts with it. */
    if (count == 0)
        add_edge(sg, 1, dict->unknown_logp);
    for (size_t i = 0; i < count; i++)
        add_edge(sg, lens[i], logps[i]);
    if (count)
        longest = lens[count - 1];

    /* A Han numeral of two or more characters is one word, with a date
     * unit after it: 二○○一年, 十二月, 三十一日. */
    if (is_han_numeral(cps[pos]) &&
        (pos == 0 || !is_han_numeral(cps[pos - 1]))) {
        size_t end = pos + 1;
        while (end < sg->n && end - pos < IVS_DICT_MAX_WORD &&
               is_han_numeral(cps[end]))
            end++;
        if (end - pos >= 2) {
            if (end < sg->n && end - pos < IVS_DICT_MAX_WORD &&
                is_date_unit(cps[end]))
                end++;
            add_edge(sg, end - pos, NUMBER_LOGP);
            if (end - pos > longest)
                longest = end - pos;
        }
    }
    *reach = k + longest;
    sg->unit_start[k + 1] = pos + 1;
    return pos + 1;
}

int
ivs_segment(const ivs_dict_t *dict, const uint32_t *cps, size_t n,
            int search_mode, ivs_segment_cb cb, void *ctx)
{
    if (!dict) {
        /* No dictionary: every character alone, digit sequences whole. */
        for (size_t i = 0; i < n;) {
            size_t end = i + 1;
            if (IS_DIGIT(cps[i]))
                while (end < n && IS_DIGIT(cps[end]))
                    end++;
            int r = cb(ctx, i, end, 0);
            if (r)
                return r;
            i = end;
        }
        return 0;
    }
    struct segmenter sg;
    sg.dict = dict;
    sg.cps = cps;
    sg.n = n;
    sg.search_mode = search_mode;
    sg.use_hmm = dict->hmm_emit != NULL;
    sg.cb = cb;
    sg.ctx = ctx;
    sg.stop = 0;
    sg.n_units = 0;
    sg.n_edges = 0;
    sg.hmm_start = sg.hmm_end = 0;

    size_t reach = 0; /* units the words found so far extend to */
    for (size_t pos = 0; pos < n && !sg.stop;) {
        if (sg.n_units == BLOCK_UNITS ||
            sg.n_edges + MAX_EDGES_PER_UNIT > BLOCK_EDGES) {
            solve_block(&sg); /* forced cut */
            reach = 0;
        }
        size_t unit_reach;
        pos = add_unit(&sg, pos, &unit_reach);
        if (unit_reach > reach)
            reach = unit_reach;
        if (reach <= sg.n_units) {
            solve_block(&sg);
            reach = 0;
        }
    }
    solve_block(&sg);
    if (!sg.stop)
        hmm_flush(&sg);
    return sg.stop;
}
