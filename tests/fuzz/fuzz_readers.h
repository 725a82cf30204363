/* Shared by the reader targets (fuzz_docx, fuzz_html, fuzz_csv): what
 * every reader promises of its output, checked on each input. */
#ifndef IVS_FUZZ_READERS_H
#define IVS_FUZZ_READERS_H

#include "fuzz_common.h"
#include "ivs/readers.h"

/* Converts DATA as KIND and checks the contract of ivs_reader_convert:
 * on success a NUL-terminated text of TEXT_LEN bytes, valid UTF-8 when
 * UTF8_IN says the input was, within IVS_READER_MAX_TEXT, no NUL inside;
 * on failure no text and a reason. Returns the text (caller frees) or
 * NULL. */
static inline char *
fuzz_convert(ivs_kind_t kind, const char *data, size_t size, int utf8_in)
{
    char *text = (char *)1;
    size_t len = 7;
    const char *reason = NULL;
    ivs_status_t st =
        ivs_reader_convert(kind, data, size, NULL, &text, &len, &reason);
    if (st != IVS_OK) {
        FUZZ_CHECK(!text && len == 0, "text on failure %d", (int)st);
        FUZZ_CHECK(reason && *reason, "no reason for status %d", (int)st);
        return NULL;
    }
    FUZZ_CHECK(text, "no text on success");
    FUZZ_CHECK(text[len] == '\0', "text not NUL-terminated");
    FUZZ_CHECK(strlen(text) == len, "NUL inside the text (%zu of %zu)",
               strlen(text), len);
    FUZZ_CHECK(len <= IVS_READER_MAX_TEXT, "text of %zu bytes", len);
    if (utf8_in)
        FUZZ_CHECK(fuzz_utf8_valid(text, len), "text not UTF-8");
    return text;
}

#endif
