/* Synonyms: the groups of synonyms.txt, normalised by the analyzer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/grow.h"
#include "ivs/query.h"
#include "query_internal.h"

struct ivs_synonyms {
    char ***groups;  /* NULL-terminated groups of normalised members */
    size_t *sources; /* of each group: how many of its first members expand
                        to the others, where the rest do not expand back
                        (a line "快取 > 缓存": Taiwan to mainland only); 0
                        when all are equivalent */
    size_t n;
};

static void
trim(char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*len)--;
    }
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' ||
                    (*s)[*len - 1] == '\r'))
        (*len)--;
}

ivs_status_t
ivs_synonyms_load(ivs_analyzer_t *a, const char *path, ivs_synonyms_t **out)
{
    *out = NULL;
    ivs_synonyms_t *syn = calloc(1, sizeof *syn);
    if (!syn)
        return IVS_ERR_NOMEM;
    if (!path) {
        *out = syn;
        return IVS_OK;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        free(syn);
        return IVS_ERR_IO;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    size_t groups_cap = 0;
    ivs_status_t st = IVS_OK;
    while ((n = getline(&line, &cap, f)) >= 0) {
        char *hash = memchr(line, '#', (size_t)n);
        if (hash)
            n = hash - line;
        while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
            n--;
        /* members separated by '~' or tabs */
        char **members = NULL;
        size_t m = 0, sources = 0;
        char *p = line, *end = line + n;
        while (p < end) {
            char *q = p;
            while (q < end && *q != '~' && *q != '\t' && *q != '>')
                q++;
            char *s = p;
            size_t len = (size_t)(q - p);
            trim(&s, &len);
            if (len) {
                char *norm = ivs_normalize(a, s, len);
                char **bigger = realloc(members, (m + 2) * sizeof *members);
                if (!norm || !bigger) {
                    free(norm);
                    free(bigger ? bigger : members);
                    members = NULL;
                    st = IVS_ERR_NOMEM;
                    break;
                }
                members = bigger;
                members[m++] = norm;
                members[m] = NULL;
            }
            if (q < end && *q == '>' && !sources)
                sources = m; /* the members so far expand one way */
            p = q + 1;
        }
        if (st != IVS_OK)
            break;
        if (m < 2) {
            for (size_t i = 0; i < m; i++)
                free(members[i]);
            free(members);
            continue;
        }
        size_t cap_before = groups_cap;
        if (ivs_grow(&syn->groups, &groups_cap, syn->n + 1, sizeof *syn->groups,
                     64) < 0) {
            st = IVS_ERR_NOMEM;
            break;
        }
        if (groups_cap != cap_before) {
            size_t *bigger =
                realloc(syn->sources, groups_cap * sizeof *syn->sources);
            if (!bigger) {
                st = IVS_ERR_NOMEM;
                break;
            }
            syn->sources = bigger;
        }
        syn->sources[syn->n] = sources < m ? sources : 0;
        syn->groups[syn->n++] = members;
    }
    free(line);
    fclose(f);
    if (st != IVS_OK) {
        ivs_synonyms_free(syn);
        return st;
    }
    *out = syn;
    return IVS_OK;
}

void
ivs_synonyms_free(ivs_synonyms_t *syn)
{
    if (!syn)
        return;
    for (size_t i = 0; i < syn->n; i++) {
        for (char **m = syn->groups[i]; *m; m++)
            free(*m);
        free(syn->groups[i]);
    }
    free(syn->groups);
    free(syn->sources);
    free(syn);
}

static int
has_cjk(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0xE3 && (unsigned char)*s <= 0xE9)
            return 1;
    return 0;
}

static char *
replace(const char *s, const char *from, const char *to)
{
    const char *hit = strstr(s, from);
    if (!hit)
        return NULL;
    size_t fl = strlen(from), tl = strlen(to), sl = strlen(s);
    char *r = malloc(sl - fl + tl + 1);
    if (!r)
        return NULL;
    size_t pre = (size_t)(hit - s);
    memcpy(r, s, pre);
    memcpy(r + pre, to, tl);
    strcpy(r + pre + tl, hit + fl);
    return r;
}

/* Is member M of group G one that others expand to, but not back? */
static int
one_way_target(const ivs_synonyms_t *syn, size_t g, char **m)
{
    return syn->sources[g] && (size_t)(m - syn->groups[g]) >= syn->sources[g];
}

int
ivs_synonyms_each_variant(const ivs_synonyms_t *syn, const char *word,
                          int (*cb)(void *ctx, const char *variant), void *ctx)
{
    if (!syn)
        return 0;
    int cjk = has_cjk(word);
    for (size_t g = 0; g < syn->n; g++) {
        char **members = syn->groups[g];
        for (char **m = members; *m; m++) {
            if (one_way_target(syn, g, m))
                break; /* the rest expand to nothing */
            int whole = !strcmp(*m, word);
            if (!whole && !(cjk && has_cjk(*m) && strstr(word, *m)))
                continue;
            for (char **alt = members; *alt; alt++) {
                if (alt == m)
                    continue;
                char *variant = whole ? strdup(*alt) : replace(word, *m, *alt);
                if (!variant)
                    continue;
                int rc = cb(ctx, variant);
                free(variant);
                if (rc < 0)
                    return -1;
            }
            break;
        }
    }
    return 0;
}

int
ivs_synonyms_has(const ivs_synonyms_t *syn, const char *text)
{
    if (!syn)
        return 0;
    for (size_t g = 0; g < syn->n; g++)
        for (char **m = syn->groups[g]; *m && !one_way_target(syn, g, m); m++)
            if (!strcmp(*m, text))
                return 1;
    return 0;
}

int
ivs_synonyms_spans(const ivs_synonyms_t *syn, const char *text,
                   const char *const *words, size_t n)
{
    if (!syn || !has_cjk(text))
        return 0;
    for (size_t g = 0; g < syn->n; g++) {
        for (char **m = syn->groups[g]; *m && !one_way_target(syn, g, m); m++) {
            if (!has_cjk(*m) || !strstr(text, *m))
                continue;
            size_t i = 0;
            while (i < n && !strstr(words[i], *m))
                i++;
            if (i == n)
                return 1;
        }
    }
    return 0;
}
