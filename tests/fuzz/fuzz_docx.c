/* libFuzzer target: the .docx reader. The first byte chooses the input:
 * 'Z' the rest is a whole .docx (zip) file; otherwise the rest is
 * word/document.xml, zipped here (with a small styles.xml) so that the
 * XML walk is what gets fuzzed. Checks the reader's contract
 * (fuzz_readers.h): UTF-8 out, a reason for every failure. */
#include <archive.h>
#include <archive_entry.h>
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

static void
add(struct archive *a, const char *name, const void *data, size_t len)
{
    struct archive_entry *e = archive_entry_new();
    archive_entry_set_pathname(e, name);
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    archive_entry_set_size(e, (la_int64_t)len);
    archive_write_header(a, e);
    archive_write_data(a, data, len);
    archive_entry_free(e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (data[0] == 'Z') {
        free(fuzz_convert(IVS_KIND_DOCX, (const char *)data + 1, size - 1, 1));
        return 0;
    }
    static const char styles[] =
        "<w:styles xmlns:w=\"w\"><w:style w:styleId=\"1\"><w:name "
        "w:val=\"heading 1\"/></w:style></w:styles>";
    size_t cap = size * 2 + 4096, used = 0;
    char *zip = malloc(cap);
    if (!zip)
        abort();
    struct archive *a = archive_write_new();
    archive_write_set_format_zip(a);
    archive_write_zip_set_compression_store(a);
    archive_write_open_memory(a, zip, cap, &used);
    add(a, "word/styles.xml", styles, sizeof styles - 1);
    add(a, "word/document.xml", data + 1, size - 1);
    archive_write_close(a);
    archive_write_free(a);
    free(fuzz_convert(IVS_KIND_DOCX, zip, used, 1));
    free(zip);
    return 0;
}
