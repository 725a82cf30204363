/* The term and document format both sides share (see the end of
 * ivs/schema.h). */
#define _GNU_SOURCE
#include "ivs/schema.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

size_t
ivs_term_for_token(const ivs_token_t *t, char *out, size_t cap)
{
    size_t prefix = t->kind == IVS_TOKEN_CHAR ? strlen(IVS_PREFIX_CHAR) : 0;
    if (t->term_len > IVS_MAX_TERM_BYTES || prefix + t->term_len + 1 > cap)
        return 0;
    memcpy(out, IVS_PREFIX_CHAR, prefix);
    memcpy(out + prefix, t->term, t->term_len);
    out[prefix + t->term_len] = '\0';
    return prefix + t->term_len;
}

size_t
ivs_stem_term(const char *word, size_t len, char *out, size_t cap)
{
    size_t prefix = strlen(IVS_PREFIX_STEM);
    if (cap < prefix + 2 || !ivs_stemmable(word, len))
        return 0;
    size_t n = ivs_stem_english(word, len, out + prefix, cap - prefix - 1);
    if (n == 0)
        return 0;
    memcpy(out, IVS_PREFIX_STEM, prefix);
    out[prefix + n] = '\0';
    return prefix + n;
}

char *
ivs_field_key(const char *value, size_t len)
{
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t n =
        value ? utf8proc_map((const utf8proc_uint8_t *)value,
                             (utf8proc_ssize_t)len, &folded,
                             UTF8PROC_STABLE | UTF8PROC_COMPAT |
                                 UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD)
              : -1;
    if (n < 0)
        return strdup("");
    const char *s = (const char *)folded;
    char *out = malloc((size_t)n + 1);
    size_t o = 0, limit = IVS_MAX_TERM_BYTES - 2;
    int space = 0;
    for (size_t i = 0; out && i < (size_t)n;) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' ||
            (c == 0xE3 && i + 2 < (size_t)n && s[i + 1] == '\x80' &&
             s[i + 2] == '\x80')) {
            i += c == 0xE3 ? 3 : 1;
            space = o > 0;
            continue;
        }
        size_t k = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (i + k > (size_t)n)
            break;
        /* One space between two ASCII characters, none next to CJK. */
        int keep = space && c < 0x80 && (unsigned char)out[o - 1] < 0x80;
        if (o + keep + k > limit)
            break;
        if (keep)
            out[o++] = ' ';
        space = 0;
        memcpy(out + o, s + i, k);
        o += k;
        i += k;
    }
    free(folded);
    if (out)
        out[o] = '\0';
    return out;
}

char *
ivs_docdata_encode(const json_t *meta, const char *text, size_t len,
                   size_t *out_len)
{
    char *json = json_dumps(meta, JSON_COMPACT);
    if (!json)
        return NULL;
    size_t jl = strlen(json);
    char *both = malloc(jl + 1 + len);
    if (both) {
        memcpy(both, json, jl);
        both[jl] = '\n';
        memcpy(both + jl + 1, text, len);
        *out_len = jl + 1 + len;
    }
    free(json);
    return both;
}

json_t *
ivs_docdata_decode(const char *data, size_t len)
{
    /* the record's JSON, a newline, then its text as it is (compact JSON
     * holds no raw newline): parsing 3 KB of escaped text per hit cost more
     * than the search */
    const char *nl = memchr(data, '\n', len);
    size_t jl = nl ? (size_t)(nl - data) : len;
    json_error_t e;
    json_t *doc = json_loadb(data, jl, 0, &e);
    if (!doc || !json_is_object(doc)) {
        json_decref(doc);
        doc = json_object();
        if (!doc)
            return NULL;
    }
    if (nl) {
        /* ivindex wrote valid UTF-8; a damaged database must not break the
         * JSON output */
        const char *text = nl + 1;
        size_t tl = len - jl - 1;
        json_t *t = json_stringn(text, tl);
        if (!t) {
            char *fixed = ivs_utf8_repair(text, tl);
            t = fixed ? json_string(fixed) : json_string("");
            free(fixed);
        }
        json_object_set_new(doc, "text", t);
    }
    return doc;
}

ivs_status_t
ivs_schema_check(const char *schema, const char *analyzer, const char *mine,
                 char **why)
{
    *why = NULL;
    char want[16];
    snprintf(want, sizeof want, "%d", IVS_SCHEMA_VERSION);
    int bad_schema = schema ? strcmp(schema, want) != 0 : analyzer != NULL;
    int bad_analyzer = analyzer ? strcmp(analyzer, mine) != 0 : schema != NULL;
    if (!bad_schema && !bad_analyzer)
        return IVS_OK;
    int n;
    if (bad_schema)
        n = asprintf(why,
                     "database schema %s, this program's is %s: run "
                     "'ivindex --reindex PATH...' to rebuild it",
                     schema ? schema : "unknown", want);
    else
        n = asprintf(why,
                     "database was analysed with \"%s\", this program "
                     "uses \"%s\" (another dictionary or version): run "
                     "'ivindex --reindex PATH...' to rebuild it",
                     analyzer ? analyzer : "unknown", mine);
    if (n < 0)
        *why = NULL;
    return IVS_ERR_SCHEMA;
}

/* Two independent 64-bit hashes of DATA (FNV-1a, then mixed). */
static uint64_t
folder_hash(const char *data, size_t len, uint64_t seed)
{
    uint64_t h = 0xcbf29ce484222325ULL ^ seed;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)data[i];
        h *= 0x100000001b3ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    return h ^ (h >> 33);
}

void
ivs_folder_term(const char *path, size_t len, char out[IVS_FOLDER_TERM_SIZE])
{
    if (len <= IVS_FOLDER_TERM_PATH) {
        memcpy(out, IVS_PREFIX_FOLDER, 2);
        memcpy(out + 2, path, len);
        out[2 + len] = '\0';
        return;
    }
    snprintf(out, IVS_FOLDER_TERM_SIZE,
             IVS_PREFIX_FOLDER "#%016" PRIx64 "%016" PRIx64,
             folder_hash(path, len, 0),
             folder_hash(path, len, 0x9e3779b97f4a7c15ULL));
}

int
ivs_folder_terms_each(const char *source,
                      int (*cb)(void *ctx, const char *term), void *ctx)
{
    char term[IVS_FOLDER_TERM_SIZE];
    size_t len = strlen(source);
    /* every '/' ends a folder (an archive's member "/a/x.zip!/m.md" has
     * "/a" and "/a/x.zip!"); nothing is inferred from other bytes, so a
     * folder "team!" is never taken for "team" */
    for (size_t i = 1; i < len; i++) {
        if (source[i] != '/')
            continue;
        ivs_folder_term(source, i, term);
        int rc = cb(ctx, term);
        if (rc)
            return rc;
    }
    return 0;
}
