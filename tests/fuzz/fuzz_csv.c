/* libFuzzer target: the CSV/TSV reader. The first byte chooses the
 * separator ('\t' TSV, else CSV); the rest is the export, which must be
 * UTF-8 (the indexer decodes first), so other inputs are left out.
 * Checks the reader's contract (fuzz_readers.h) and the shape of the
 * output: it starts with the 面试记录 marker line, has no more marker
 * lines than the input has lines, and nothing but UTF-8. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_readers.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || !fuzz_utf8_valid((const char *)data + 1, size - 1))
        return 0;
    ivs_kind_t kind = data[0] == '\t' ? IVS_KIND_TSV : IVS_KIND_CSV;
    const char *in = (const char *)data + 1;
    char *text = fuzz_convert(kind, in, size - 1, 1);
    if (!text)
        return 0;
    size_t lines = 1, blocks = 0;
    for (size_t i = 0; i + 1 < size; i++)
        lines += in[i] == '\n' || in[i] == '\r';
    static const char marker[] = "面试记录\n";
    /* a marker line starts each row's block (a cell may hold one too, on
     * an input line of its own) */
    for (const char *p = text; (p = strstr(p, marker)); p += sizeof marker - 1)
        blocks += p == text || p[-1] == '\n';
    FUZZ_CHECK(blocks < lines, "%zu interviews from %zu lines", blocks, lines);
    FUZZ_CHECK(!*text || !strncmp(text, marker, sizeof marker - 1),
               "output does not start with an interview: \"%.40s\"", text);
    free(text);
    return 0;
}
