/* bench/verdict/gen_trad_pairs.c: prints the table of traditional ->
 * simplified characters that verdict detection folds (trad_pairs in
 * indexer/records/outcome.c), from OpenCC, by the criterion of the
 * analyzer's build-time map (indexer/analysis/gen_tradmap.c): a character
 * that tw2sp rewrites into exactly one other character and that s2t leaves
 * alone (so not a simplified character itself). Only three-byte characters
 * that become three-byte characters, so folding keeps every offset.
 *
 *   cc -o /tmp/gen bench/verdict/gen_trad_pairs.c $(pkg-config --cflags --libs opencc)
 *   /tmp/gen > /tmp/pairs.inc   # then replace the generated block of outcome.c
 */
#include <opencc/opencc.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static int
encode(uint32_t cp, char *out)
{
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    out[3] = 0;
    return 3;
}

int
main(void)
{
    opencc_t cc = opencc_open("tw2sp.json");
    opencc_t s2t = opencc_open("s2t.json");
    if (cc == (opencc_t)-1 || s2t == (opencc_t)-1) {
        fprintf(stderr, "gen_trad_pairs: cannot open OpenCC: %s\n",
                opencc_error());
        return 1;
    }
    unsigned n = 0;
    for (uint32_t cp = 0x3400; cp <= 0xFAFF; cp++) {
        if (cp > 0x4DBF && cp < 0x4E00)
            continue;
        if (cp > 0x9FFF && cp < 0xF900)
            continue;
        char in[8], out[64], back[64];
        encode(cp, in);
        size_t len = opencc_convert_utf8_to_buffer(cc, in, 3, out);
        if (len != 3 || memcmp(in, out, 3) == 0 ||
            ((unsigned char)out[0] & 0xF0) != 0xE0)
            continue;
        size_t blen = opencc_convert_utf8_to_buffer(s2t, in, 3, back);
        if (blen != (size_t)-1 && (blen != 3 || memcmp(in, back, 3) != 0))
            continue; /* a simplified character */
        const unsigned char *u = (const unsigned char *)out;
        uint32_t to = (uint32_t)(u[0] & 0x0F) << 12 |
                      (uint32_t)(u[1] & 0x3F) << 6 | (u[2] & 0x3F);
        printf("    {0x%04X, 0x%04X}, /* %s -> %s */\n", cp, to, in, out);
        n++;
    }
    fprintf(stderr, "gen_trad_pairs: %u pairs\n", n);
    opencc_close(cc);
    opencc_close(s2t);
    return 0;
}
