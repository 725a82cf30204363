/* The statement model: for a record whose verdict the rules (verdict.c,
 * outcome.c) cannot read, whether one of its lines, two lines together (a
 * label and its value), its title, a heading or its file name states the
 * outcome in words the rules do not know ("面评：\n整体偏弱，这边先不往下推了",
 * "收到意向书啦"). It reads only the lines the rules may read as the
 * writer's (ivs_verdict_statement_lines), a line with the label before
 * it, and no clause at or after one that asks, supposes or speaks of code
 * or of other people (ivs_verdict_line_hedged).
 *
 * A multinomial logistic regression over the TF-IDF weights of the text's
 * character 1-3-grams, trained offline on the labelled phrasings of
 * tests/fixtures (outcomes and traps) and on lines that state nothing:
 * data/verdict_model.py writes verdict_model.inc, and normalize() and
 * ivs_verdict_model_probabilities() here compute what its normalize() and
 * probabilities() do (tests/check_fields.c holds them to it). */
#define _GNU_SOURCE /* memmem */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "ivs/record.h"
#include "record_internal.h"

#include "verdict_model.inc"

enum {
    N_GRAMS = sizeof model_grams / sizeof model_grams[0],
    MAX_N = 3,
    /* Longer units are paragraphs, not statements: not scored. */
    MAX_UNIT = 600,
    /* code points of a unit after NFKC, which may grow it: longer ones
     * are not scored either */
    MAX_CPS = 2 * MAX_UNIT + 2,
    MAX_GRAMS = MAX_CPS * MAX_N,
    TABLE_CAP = 8192, /* a power of two, at least twice MAX_GRAMS */
};

/* The probability a verdict must reach; below it the record stays unknown.
 * Measured in bench/verdict/README.md ("The statement model"). */
#define MODEL_THRESHOLD 0.93
/* The probability from which a unit below the threshold is read again
 * without its hedged clauses (model_unit). */
#define LEAN 0.5

/* What Python's str.isspace() says of a code point other than a line
 * break, after NFKC. */
static int
is_space(utf8proc_int32_t cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) ||
           (cp >= 0x1C && cp <= 0x1F) || cp == 0x85 || cp == 0xA0 ||
           cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 ||
           cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* Whether CP is a letter (Unicode category L*), as Python reads it. */
static int
is_letter(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LL ||
           c == UTF8PROC_CATEGORY_LT || c == UTF8PROC_CATEGORY_LM ||
           c == UTF8PROC_CATEGORY_LO;
}

/* normalize() of verdict_model.py: NFKC, ASCII letters lowered, each run of
 * spaces one space (none beside a line break), NUL dropped, 不过 before a
 * letter as 但是, a line break at each end. Fills OUT (code points, room for N + 2) and returns their
 * count, or -1 when S is not UTF-8 or memory runs out. */
static long
normalize(const char *s, size_t n, utf8proc_int32_t *cps)
{
    /* ASCII is its own NFKC */
    utf8proc_uint8_t *nfkc = NULL;
    const utf8proc_uint8_t *t = (const utf8proc_uint8_t *)s;
    utf8proc_ssize_t k = (utf8proc_ssize_t)n;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] >= 0x80) {
            k = utf8proc_map(t, (utf8proc_ssize_t)n, &nfkc,
                             UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                 UTF8PROC_COMPAT);
            t = nfkc;
            break;
        }
    if (k < 0 || k > MAX_CPS - 2) {
        free(nfkc);
        return -1;
    }
    size_t m = 0;
    int space = 0;
    cps[m++] = '\n';
    for (utf8proc_ssize_t i = 0; i < k;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t len = utf8proc_iterate(t + i, k - i, &cp);
        if (len <= 0)
            break;
        i += len;
        if (cp == 0)
            continue;
        if (cp == '\n') {
            while (m > 1 && cps[m - 1] == ' ')
                m--;
            cps[m++] = '\n';
            space = 0;
        } else if (is_space(cp)) {
            space = 1;
        } else {
            if (space && cps[m - 1] != '\n')
                cps[m++] = ' ';
            space = 0;
            cps[m++] = cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
        }
    }
    free(nfkc);
    /* strip("\n ") at the end, then the closing line break; the start
     * already holds one line break (a leading run of them is one). */
    while (m > 1 && (cps[m - 1] == '\n' || cps[m - 1] == ' '))
        m--;
    size_t lead = 1;
    while (lead < m && (cps[lead] == '\n' || cps[lead] == ' '))
        lead++;
    memmove(cps + 1, cps + lead, (m - lead) * sizeof *cps);
    m -= lead - 1;
    /* 不过 before a word is "but" ("不过整体还行"); the value 不过 ("not
     * passed") stands alone or before a stop: seen as 但是 when it is
     * "but" */
    for (size_t i = 1; i + 2 < m; i++)
        if (cps[i] == 0x4E0D && cps[i + 1] == 0x8FC7 && is_letter(cps[i + 2])) {
            cps[i] = 0x4F46;
            cps[i + 1] = 0x662F;
        }
    cps[m++] = '\n';
    return (long)m;
}

typedef struct {
    uint64_t hash;
    unsigned short at;    /* its offset in the encoded text */
    unsigned short len;   /* its bytes */
    unsigned short count; /* its occurrences in the unit */
} gram_t;

/* Each thread's room for one unit, reused: no allocation per line. The
 * table of distinct n-grams holds indexes into GRAMS (+ 1) valid when
 * their generation is the unit's, so it is never cleared. */
typedef struct {
    utf8proc_int32_t cps[MAX_CPS];
    unsigned char enc[MAX_CPS * 4];
    unsigned short at[MAX_CPS + 1];
    gram_t grams[MAX_GRAMS];
    unsigned gen[TABLE_CAP];
    unsigned short slot[TABLE_CAP];
    unsigned generation;
} work_t;

static _Thread_local work_t work;

/* The table as a hash set, built once: open addressing over a power of
 * two at least twice the grams, each slot an index + 1 (0: empty). */
static unsigned *slots;
static uint64_t *slot_hashes; /* the hash of each slot's gram */
static size_t slot_mask;
static pthread_once_t slots_once = PTHREAD_ONCE_INIT;

static uint64_t
hash_bytes(const unsigned char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ s[i]) * 1099511628211ULL;
    return h;
}

static void
build_slots(void)
{
    size_t cap = 1;
    while (cap < 2 * (size_t)N_GRAMS)
        cap <<= 1;
    unsigned *t = calloc(cap, sizeof *t);
    uint64_t *hashes = malloc(cap * sizeof *hashes);
    if (!t || !hashes) {
        free(t);
        free(hashes);
        return; /* out of memory: the model reads nothing */
    }
    for (size_t i = 0; i < N_GRAMS; i++) {
        const char *g = model_grams[i].gram;
        uint64_t hash = hash_bytes((const unsigned char *)g, strlen(g));
        size_t h = (size_t)hash;
        while (t[h & (cap - 1)])
            h++;
        t[h & (cap - 1)] = (unsigned)i + 1;
        hashes[h & (cap - 1)] = hash;
    }
    slot_mask = cap - 1;
    slot_hashes = hashes;
    slots = t;
}

/* The table's entry for the LEN bytes at S (of hash H), or NULL. */
static const struct model_gram *
lookup(const unsigned char *s, size_t len, uint64_t hash)
{
    for (size_t h = (size_t)hash;; h++) {
        unsigned k = slots[h & slot_mask];
        if (k == 0)
            return NULL;
        if (slot_hashes[h & slot_mask] != hash)
            continue;
        const char *g = model_grams[k - 1].gram;
        if (strncmp(g, (const char *)s, len) == 0 && g[len] == '\0')
            return &model_grams[k - 1];
    }
}

int
ivs_verdict_model_probabilities(const char *s, size_t n, double p[4])
{
    pthread_once(&slots_once, build_slots);
    if (n > MAX_UNIT || !slots)
        return -1;
    work_t *W = &work;
    utf8proc_int32_t *cps = W->cps;
    long m = normalize(s, n, cps);
    if (m < 0)
        return -1;
    /* The normalized text in UTF-8, with each code point's offset. */
    size_t e = 0;
    for (long i = 0; i < m; i++) {
        W->at[i] = (unsigned short)e;
        e += (size_t)utf8proc_encode_char(cps[i], W->enc + e);
    }
    W->at[m] = (unsigned short)e;
    if (++W->generation == 0) { /* wrapped: clear once */
        memset(W->gen, 0, sizeof W->gen);
        W->generation = 1;
    }
    /* The distinct n-grams and their counts. */
    size_t g = 0;
    for (long len = 1; len <= MAX_N; len++)
        for (long i = 0; i + len <= m; i++) {
            if (len == 1 && (cps[i] == '\n' || cps[i] == ' '))
                continue;
            const unsigned char *gs = W->enc + W->at[i];
            unsigned short gl = (unsigned short)(W->at[i + len] - W->at[i]);
            uint64_t hash = hash_bytes(gs, gl);
            for (size_t h = (size_t)hash;; h++) {
                size_t slot = h & (TABLE_CAP - 1);
                if (W->gen[slot] != W->generation) {
                    W->grams[g] = (gram_t){hash, W->at[i], gl, 1};
                    W->gen[slot] = W->generation;
                    W->slot[slot] = (unsigned short)g++;
                    break;
                }
                gram_t *x = &W->grams[W->slot[slot]];
                if (x->hash == hash && x->len == gl &&
                    memcmp(W->enc + x->at, gs, gl) == 0) {
                    x->count++;
                    break;
                }
            }
        }

    double sum[4] = {0, 0, 0, 0}, norm2 = 0;
    for (size_t i = 0; i < g; i++) {
        const gram_t *x = &W->grams[i];
        double tf = x->count == 1 ? 1.0 : 1.0 + log((double)x->count);
        norm2 += tf * tf;
        const struct model_gram *w = lookup(W->enc + x->at, x->len, x->hash);
        if (w)
            for (int c = 0; c < 4; c++)
                sum[c] += tf * w->weight[c];
    }
    double norm = norm2 > 0 ? sqrt(norm2) : 1.0, top = -HUGE_VAL, total = 0;
    for (int c = 0; c < 4; c++) {
        sum[c] = model_intercept[c] + sum[c] / norm;
        if (sum[c] > top)
            top = sum[c];
    }
    for (int c = 0; c < 4; c++)
        total += p[c] = exp(sum[c] - top);
    for (int c = 0; c < 4; c++)
        p[c] /= total;
    return 0;
}

/* The length of the delimiter of clauses at S (N bytes): ，。；！？ and
 * their ASCII forms but the full stop (numbering, decimals); 0 if none. */
static size_t
clause_delim(const char *s, size_t n)
{
    if (*s == ',' || *s == ';' || *s == '!' || *s == '?')
        return 1;
    static const char *const wide[] = {"，", "。", "；", "！", "？"};
    for (size_t k = 0; k < sizeof wide / sizeof wide[0]; k++)
        if (n >= 3 && memcmp(s, wide[k], 3) == 0)
            return 3;
    return 0;
}

/* The length of the clauses of S (N bytes) before the first that asks,
 * supposes, hopes or speaks of code or of other people
 * (ivs_verdict_line_hedged, its delimiter included): such a word governs
 * its clause and those after it ("候选人说手上有 offer，三面挂了"), not
 * those before ("一面隔天就收到二面邀约，题目如下："). N when there is
 * none. */
/* clause_delim(), and in a name (a title, a heading, a file name) the
 * marks that part it: a blank, | ｜ _ / and a dash. */
static size_t
name_delim(const char *s, size_t n)
{
    if (*s == ' ' || *s == '|' || *s == '_' || *s == '/' || *s == '-')
        return 1;
    static const char *const wide[] = {"｜", "－", "—", "　"};
    for (size_t k = 0; k < sizeof wide / sizeof wide[0]; k++)
        if (n >= 3 && memcmp(s, wide[k], 3) == 0)
            return 3;
    return clause_delim(s, n);
}

static size_t
unhedged_prefix(const char *s, size_t n, int name)
{
    size_t start = 0;
    for (size_t i = 0; i < n;) {
        size_t d = name ? name_delim(s + i, n - i) : clause_delim(s + i, n - i);
        if (d == 0) {
            i++;
            continue;
        }
        i += d;
        if (ivs_verdict_line_hedged(s + start, i - start))
            return start;
        start = i;
    }
    return start < n && ivs_verdict_line_hedged(s + start, n - start) ? start
                                                                      : n;
}

/* Whether every 过 of S (N bytes) follows a verb it marks as done before
 * ("上面说过了", "这题刷过"): then 过 is no pass, which the n-grams alone
 * may not see. */
static int
aspect_only(const char *s, size_t n)
{
    static const char *const verbs[] = {
        "说", "讲", "提", "问", "聊", "写", "做", "用", "看", "听", "学",
        "见", "试", "去", "来", "遇", "碰", "想", "刷", "背", "练", "踩",
        "說", "講", "問", "寫", "聽", "學", "見", "試", "來", "練"};
    int any = 0;
    for (size_t i = 0; i + 3 <= n; i++) {
        if (memcmp(s + i, "过", 3) != 0 && memcmp(s + i, "過", 3) != 0)
            continue;
        if (i < 3)
            return 0; /* "过了，…" */
        int done = 0;
        for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++)
            done |= memcmp(s + i - 3, verbs[k], 3) == 0;
        if (!done)
            return 0;
        any = 1;
    }
    return any;
}

/* Whether every 挂 of S (N bytes) hangs or posts something ("简历已经挂在
 * 智联招聘上了", "挂着 VPN", "挂号"): then 挂 is no fail. 挂在 and 挂到 hang
 * on something (…上) but fail at a stage: "挂在这了", "挂在二面". */
static int
hang_only(const char *s, size_t n)
{
    static const char *const objects[] = {"着", "著", "上", "号", "號", "牌",
                                          "靠", "名", "钩", "鉤", "念", "件"};
    int any = 0;
    for (size_t i = 0; i + 3 <= n; i++) {
        if (memcmp(s + i, "挂", 3) != 0 && memcmp(s + i, "掛", 3) != 0)
            continue;
        int hangs = 0;
        for (size_t k = 0; k < sizeof objects / sizeof objects[0]; k++)
            hangs |= i + 6 <= n && memcmp(s + i + 3, objects[k], 3) == 0;
        if (i + 6 <= n && (memcmp(s + i + 3, "在", 3) == 0 ||
                           memcmp(s + i + 3, "到", 3) == 0)) {
            /* on what: 上 before the clause ends */
            for (size_t j = i + 6;
                 !hangs && j + 3 <= n && !clause_delim(s + j, n - j); j++)
                hangs = memcmp(s + j, "上", 3) == 0;
        }
        if (!hangs)
            return 0;
        any = 1;
    }
    return any;
}

/* Whether S (N bytes) holds a negation (没, 沒, 未) but "no problem" ("我
 *这边没问题", "沒問題", "没什么问题"), which grades. */
static int
negates(const char *s, size_t n)
{
    static const char *const fine[] = {"问题",   "問題", "什么问题", "什麼問題",
                                       "啥问题", "毛病", NULL};
    for (size_t i = 0; i + 3 <= n; i++) {
        if (memcmp(s + i, "未", 3) == 0)
            return 1;
        if (memcmp(s + i, "没", 3) != 0 && memcmp(s + i, "沒", 3) != 0)
            continue;
        const char *const *w = fine;
        while (*w && !(i + 3 + strlen(*w) <= n &&
                       memcmp(s + i + 3, *w, strlen(*w)) == 0))
            w++;
        if (!*w)
            return 1;
    }
    return 0;
}

/* The verdict the model reads in S (N bytes) at its threshold, or
 * IVS_VERDICT_UNKNOWN; its probability in *P. */
static ivs_verdict_t
read_leaning(const char *s, size_t n, double *prob, ivs_verdict_t *lean)
{
    double p[4];
    *lean = IVS_VERDICT_UNKNOWN;
    if (n == 0 || ivs_verdict_model_probabilities(s, n, p) < 0)
        return IVS_VERDICT_UNKNOWN;
    int top = 0;
    for (int c = 1; c < 4; c++)
        if (p[c] > p[top])
            top = c;
    /* An n-gram model does not see what a negation governs: "offer 还没
     * 收到" is no pass (a fail or a wait may be negated: "没通过", "还没
     * 结果"). */
    if (top == IVS_VERDICT_PASS && (negates(s, n) || aspect_only(s, n))) {
        *prob = 0;
        return IVS_VERDICT_UNKNOWN;
    }
    if (top == IVS_VERDICT_FAIL && hang_only(s, n)) {
        *prob = 0;
        return IVS_VERDICT_UNKNOWN;
    }
    *prob = top == IVS_VERDICT_UNKNOWN ? 0 : p[top];
    *lean = (ivs_verdict_t)top;
    return p[top] >= MODEL_THRESHOLD ? (ivs_verdict_t)top : IVS_VERDICT_UNKNOWN;
}

static ivs_verdict_t
read_unit(const char *s, size_t n, double *prob)
{
    ivs_verdict_t lean;
    return read_leaning(s, n, prob, &lean);
}

/* The verdict LEAN stated alone by one of the clauses of S (N bytes) at
 * the threshold, the strongest; its probability in *PROB. A unit may lean
 * to a verdict below the threshold because its other clauses dilute it:
 * "HR 备注：已口头 offer，候选人接受，等背调。" (a pass at 0.89 whole, 0.99
 * in 已口头 offer). */
static ivs_verdict_t
clause_stating(const char *s, size_t n, size_t whole, ivs_verdict_t lean,
               double *prob)
{
    ivs_verdict_t found = IVS_VERDICT_UNKNOWN;
    *prob = 0;
    /* Not a unit that asks (the clause is read out of what it hangs on:
     * "字节 data 二面完被挂起了，求问还有戏吗"), nor the clauses of an
     * earlier attempt ("去年也面過同一個職缺，那次一面就被刷掉了。"). WHOLE:
     * the unit's length with its hedged clauses. */
    if (memchr(s, '?', whole) || memmem(s, whole, "？", 3) ||
        memmem(s, whole, "吗", 3) || memmem(s, whole, "嗎", 3))
        return found;
    /* nor a unit that speaks in general, of code under review, of exams,
     * games and contests, whose clauses read alone sound like outcomes:
     * "一般来说，面试通过后一周内发 offer", "PR 提上去，review 通过了",
     * "駕照考試，科目一，通過了", "剧本杀，第二轮，被淘汰了" */
    static const char *const contexts[] = {
        "一般", "通常",   "具体看", "FAQ",    "review", "PR",   "合入",
        "提交", "考试",   "考試",   "驾照",   "駕照",   "科目", "比赛",
        "比賽", "选拔",   "海选",   "剧本杀", "游戏",   "遊戲", "吃鸡",
        "一局", "第一局", "赛",     NULL};
    for (const char *const *w = contexts; *w; w++)
        if (memmem(s, whole, *w, strlen(*w)))
            return found;
    /* and the unit speaks of hiring: a clause alone must not carry a
     * verdict into a line of hard disks or habits ("新买的硬盘，第三天就挂
     * 了", "连续打卡第十天，终于过了") */
    static const char *const hiring[] = {
        "面",     "offer",  "Offer", "OFFER", "hr",   "HR", "录", "錄",
        "候选人", "候選人", "结果",  "結果",  "通知", "oc", "OC", "上岸",
        "流程",   "进度",   "進度",  "评估",  "評估", NULL};
    int of_hiring = 0;
    for (const char *const *w = hiring; *w && !of_hiring; w++)
        of_hiring = memmem(s, whole, *w, strlen(*w)) != NULL;
    if (!of_hiring)
        return found;
    size_t told = 0, from = ivs_verdict_this_attempt(s, n, &told);
    for (size_t start = from, i = from; i <= n;) {
        size_t d = i < n ? clause_delim(s + i, n - i) : 1;
        if (d == 0) {
            i++;
            continue;
        }
        if (start > 0 || i < n) { /* one clause of several */
            double p = 0;
            if (read_unit(s + start, i - start, &p) == lean && p > *prob) {
                found = lean;
                *prob = p;
            }
        }
        i += d;
        start = i;
    }
    return found;
}

/* Whether S (N bytes) opens with the answer to a question asked ("答：不
 * 通过第三次确认"): a technical answer, no outcome. */
static int
answers(const char *s, size_t n)
{
    static const char *const marks[] = {"答：", "答:",  "A：",
                                        "A:",   "回答", NULL};
    for (const char *const *w = marks; *w; w++)
        if (n >= strlen(*w) && memcmp(s, *w, strlen(*w)) == 0)
            return 1;
    return 0;
}

static void
model_unit(const char *s, size_t n, int name, ivs_verdict_model_t *best)
{
    if (answers(s, n))
        return;
    double p = 0;
    ivs_verdict_t lean;
    ivs_verdict_t v = read_leaning(s, n, &p, &lean);
    /* a unit that leans to a verdict below the threshold may state it in
     * the clauses before a hedge: "面试官说结果一周内 HR 通知，然后问我手上
     * 有没有别的 offer。" (a wait at 0.91 whole, 1.00 before 有没有) */
    if (v == IVS_VERDICT_UNKNOWN && p < LEAN)
        return;
    /* The hedges, read only for a unit that states something (most state
     * nothing): the clauses before the first hedged one are read again
     * alone. A name's parts are its clauses, unless it asks: "Dcard｜LINE
     * 後端二面完兩週沒消息 分享題目" waits (题 hedges its own part), "字节 OC
     * 之后一般多久发offer？" states nothing. */
    static const char *const asks[] = {"？",   "吗",     "嗎",     "如何",
                                       "怎么", "為什麼", "为什么", "求问",
                                       "请问", "請問",   NULL};
    for (const char *const *w = asks; name && *w; w++)
        if (memmem(s, n, *w, strlen(*w)))
            name = 0;
    if (name && memchr(s, '?', n))
        name = 0;
    size_t k = unhedged_prefix(s, n, name);
    size_t next = n;
    if (k < n) {
        /* the hedge governs to the end of its sentence: "候选人提到了
         * watchdog。综合评估中，结果预计下周出" */
        for (size_t i = k; !name && i + 3 <= n && next == n; i++)
            if (memcmp(s + i, "。", 3) == 0 || memcmp(s + i, "！", 3) == 0 ||
                memcmp(s + i, "？", 3) == 0)
                next = i + 3;
        /* (a supposition goes on in the next sentence: "如果这轮过了。下
         * 一轮就是 HR 面") */
        static const char *const supposes[] = {"如果", "假如", "要是", "万一",
                                               "倘若", "若是", NULL};
        for (const char *const *w = supposes; next < n && *w; w++)
            if (memmem(s + k, next - k, *w, strlen(*w)))
                next = n;
        while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
            k--;
        v = read_leaning(s, k, &p, &lean);
    }
    /* (the leaning read last, of what the clause reading is given) */
    if (v == IVS_VERDICT_UNKNOWN && lean != IVS_VERDICT_UNKNOWN && p >= LEAN)
        v = clause_stating(s, k, n, lean, &p);
    if (v != IVS_VERDICT_UNKNOWN && p > best->p) {
        best->verdict = v;
        best->p = p;
    }
    if (next < n)
        model_unit(s + next, n - next, name, best);
}

void
ivs_verdict_model_unit(const char *s, size_t n, ivs_verdict_model_t *best)
{
    model_unit(s, n, 0, best);
}

void
ivs_verdict_model_name(const char *s, size_t n, ivs_verdict_model_t *best)
{
    model_unit(s, n, 1, best);
}

/* Whether LINE (N bytes) is an item of the questions asked: numbered or
 * bulleted, opening with a verb that asks ("1. 讲讲 GMP 模型", "2、说一下
 * MVCC", "- 介绍一下项目"). */
static int
asked_item(const char *line, size_t n)
{
    size_t i = ivs_text_skip_marks(line, n);
    if (i == 0)
        return 0; /* not an item */
    static const char *const asks[] = {
        "讲讲",     "讲一下",   "說說", "講講", "说说", "说一下", "說一下",
        "介绍一下", "介紹一下", "聊聊", "谈谈", "談談", "什么是", "什麼是",
        "为什么",   "為什麼",   "如何", "怎么", "怎麼", NULL};
    for (const char *const *w = asks; *w; w++)
        if (n - i >= strlen(*w) && memcmp(line + i, *w, strlen(*w)) == 0)
            return 1;
    return 0;
}

typedef struct {
    ivs_verdict_model_t *best;
    const char *prev; /* the line before, when it is a label */
    size_t prev_len;
    char pair[MAX_UNIT];
} lines_t;

/* Whether LINE (N bytes, trimmed) ends with a colon: a label whose value
 * is the next line ("面评：", "Result:"). */
static int
is_label(const char *line, size_t n)
{
    return (n >= 1 && line[n - 1] == ':') ||
           (n >= 3 && memcmp(line + n - 3, "：", 3) == 0);
}

static void
model_of_line(void *ctx, const char *line, size_t n)
{
    lines_t *L = ctx;
    for (;;) { /* trailing spaces, as Python's strip() */
        if (n > 0 &&
            (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
            n--;
        else if (n >= 3 && memcmp(line + n - 3, "\xE3\x80\x80", 3) == 0)
            n -= 3;
        else
            break;
    }
    if (n == 0)
        return;
    /* an item of the questions asked ("1. 讲讲 GMP 模型", "- 说一下 MVCC")
     * states no outcome, whatever its words weigh */
    if (!asked_item(line, n))
        ivs_verdict_model_unit(line, n, L->best);
    /* a label and the next line of the text, nothing but blank lines
     * between them (not a heading or a code block the iterator skipped) */
    int adjacent = L->prev != NULL;
    for (const char *c = L->prev ? L->prev + L->prev_len : line;
         adjacent && c < line; c++)
        adjacent = *c == '\n' || *c == ' ' || *c == '\t' || *c == '\r';
    if (adjacent && L->prev_len + 1 + n <= MAX_UNIT) {
        memcpy(L->pair, L->prev, L->prev_len);
        L->pair[L->prev_len] = '\n';
        memcpy(L->pair + L->prev_len + 1, line, n);
        ivs_verdict_model_unit(L->pair, L->prev_len + 1 + n, L->best);
    }
    L->prev = is_label(line, n) ? line : NULL;
    L->prev_len = n;
}

void
ivs_verdict_model_text(const char *text, size_t len, ivs_verdict_model_t *best)
{
    lines_t L = {.best = best};
    ivs_verdict_statement_lines(text, len, model_of_line, &L);
}
