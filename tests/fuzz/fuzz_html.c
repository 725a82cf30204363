/* libFuzzer target: the HTML reader on any bytes. Checks the reader's
 * contract (fuzz_readers.h) and that dropped elements stay dropped: text
 * inside <script> never reaches the output. */
#define _GNU_SOURCE /* memmem */
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
    char *text = fuzz_convert(IVS_KIND_HTML, (const char *)data, size, 1);
    free(text);
    /* the input inside a script element, after a heading */
    static const char head[] = "<html><body><h1>t</h1><script>",
                      tail[] = "</script><p>x</p></body></html>";
    if (memmem(data, size, "</", 2) || memmem(data, size, "<!", 2))
        return 0; /* could close the script itself */
    size_t n = sizeof head - 1 + size + sizeof tail - 1;
    char *page = malloc(n);
    if (!page)
        abort();
    memcpy(page, head, sizeof head - 1);
    memcpy(page + sizeof head - 1, data, size);
    memcpy(page + sizeof head - 1 + size, tail, sizeof tail - 1);
    text = fuzz_convert(IVS_KIND_HTML, page, n, 1);
    /* only the heading and the paragraph around it (the parser may stop
     * early on bytes it gives up on, so either may be missing) */
    for (const char *p = text; p && *p; p++)
        FUZZ_CHECK(strchr("#tx \n", *p),
                   "script text reached the output: \"%.80s\"", text);
    free(text);
    free(page);
    return 0;
}
