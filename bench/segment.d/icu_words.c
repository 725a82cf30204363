/* icu_words: segments standard input with ICU's word break iterator
 * (locale zh), printing the non-space segments of each line separated by
 * two spaces. Built by bench/segment with libicu-dev. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

static int
all_space(const UChar *s, int32_t len)
{
    for (int32_t i = 0; i < len;) {
        UChar32 c;
        U16_NEXT(s, i, len, c);
        if (!u_isUWhiteSpace(c))
            return 0;
    }
    return 1;
}

int
main(void)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    UChar *u16 = NULL;
    int32_t u16_cap = 0;
    char *seg = NULL;
    size_t seg_cap = 0;
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *bi = ubrk_open(UBRK_WORD, "zh", NULL, 0, &err);
    if (U_FAILURE(err)) {
        fprintf(stderr, "icu_words: %s\n", u_errorName(err));
        return 1;
    }
    while ((len = getline(&line, &cap, stdin)) >= 0) {
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (u16_cap < len + 1) {
            u16_cap = (int32_t)len + 1;
            u16 = realloc(u16, (size_t)u16_cap * sizeof *u16);
        }
        int32_t n = 0;
        err = U_ZERO_ERROR;
        u_strFromUTF8(u16, u16_cap, &n, line, (int32_t)len, &err);
        if (U_FAILURE(err)) {
            fprintf(stderr, "icu_words: %s\n", u_errorName(err));
            return 1;
        }
        ubrk_setText(bi, u16, n, &err);
        int first = 1;
        int32_t start = ubrk_first(bi);
        for (int32_t end = ubrk_next(bi); end != UBRK_DONE;
             start = end, end = ubrk_next(bi)) {
            if (all_space(u16 + start, end - start))
                continue;
            if (seg_cap < (size_t)(end - start) * 3 + 1) {
                seg_cap = (size_t)(end - start) * 3 + 1;
                seg = realloc(seg, seg_cap);
            }
            int32_t out_len = 0;
            err = U_ZERO_ERROR;
            u_strToUTF8(seg, (int32_t)seg_cap, &out_len, u16 + start,
                        end - start, &err);
            if (!first)
                fputs("  ", stdout);
            first = 0;
            fwrite(seg, 1, (size_t)out_len, stdout);
        }
        putchar('\n');
    }
    ubrk_close(bi);
    free(line);
    free(u16);
    free(seg);
    return 0;
}
