/* Decoding note files into UTF-8 text with LF line ends: BOM sniffing,
 * UTF-16, GB18030/GBK through iconv, binary detection. */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ivs/grow.h"
#include "ivs/record.h"

static const char REASON_BINARY[] = "binary file";
static const char REASON_UTF8[] = "not valid UTF-8";
static const char REASON_UTF16[] = "not valid UTF-16";
static const char REASON_ANY[] = "not valid UTF-8 or GB18030";

/* Length of the valid UTF-8 sequence at S (at most N bytes), or 0 when it is
 * not one: overlong forms, surrogates and code points past U+10FFFF are
 * rejected, so the output of this module is UTF-8 in the strict sense. */
static size_t
utf8_seq_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (c < 0xE0)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0)
            return 0; /* overlong */
        if (c == 0xED && s[1] >= 0xA0)
            return 0; /* surrogate */
        return 3;
    }
    if (c < 0xF5) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
            (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90)
            return 0; /* overlong */
        if (c == 0xF4 && s[1] >= 0x90)
            return 0; /* past U+10FFFF */
        return 4;
    }
    return 0;
}

static int
utf8_valid(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t k = utf8_seq_len(s + i, n - i);
        if (k == 0)
            return 0;
        i += k;
    }
    return 1;
}

/* Control bytes that never occur in a text file: C0 controls other than
 * tab, LF, VT, FF, CR and ESC (ANSI colours in pasted logs), and DEL. */
static int
is_binary_control(unsigned char c)
{
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' &&
            c != '\r' && c != 0x1B) ||
           c == 0x7F;
}

/* A NUL byte, or more than one control byte in twenty, marks binary data. */
static int
looks_binary(const unsigned char *s, size_t n)
{
    size_t controls = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == 0)
            return 1;
        controls += is_binary_control(s[i]);
    }
    return controls > 0 && controls * 20 > n;
}

/* Copies N bytes of UTF-8 from IN to a new buffer, turning CRLF and lone CR
 * into LF. */
static ivs_status_t
copy_lf(const unsigned char *in, size_t n, char **out, size_t *out_len)
{
    char *buf = malloc(n + 1);
    if (!buf)
        return IVS_ERR_NOMEM;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (in[i] == '\r') {
            buf[o++] = '\n';
            if (i + 1 < n && in[i + 1] == '\n')
                i++;
        } else {
            buf[o++] = (char)in[i];
        }
    }
    buf[o] = '\0';
    *out = buf;
    *out_len = o;
    return IVS_OK;
}

static size_t
put_utf8(unsigned char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Decodes UTF-16 (after its BOM) into UTF-8. A lone surrogate or an odd
 * trailing byte is an encoding error; NUL or control characters make the
 * file binary. Each 2-byte unit yields at most 3 bytes of UTF-8, each
 * 4-byte pair 4 bytes, so 3 * units + 1 always suffices. */
static ivs_status_t
decode_utf16(const unsigned char *in, size_t n, int big_endian, char **out,
             size_t *out_len, const char **reason)
{
    if (n % 2) {
        *reason = REASON_UTF16;
        return IVS_ERR_ENCODING;
    }
    size_t units = n / 2;
    if (units > (SIZE_MAX - 1) / 3)
        return IVS_ERR_NOMEM;
    unsigned char *buf = malloc(units * 3 + 1);
    if (!buf)
        return IVS_ERR_NOMEM;
    size_t o = 0, controls = 0;
    for (size_t i = 0; i < units; i++) {
        const unsigned char *p = in + 2 * i;
        uint32_t u = big_endian ? (uint32_t)(p[0] << 8 | p[1])
                                : (uint32_t)(p[1] << 8 | p[0]);
        uint32_t cp = u;
        if (u >= 0xD800 && u <= 0xDBFF) {
            if (i + 1 >= units)
                goto bad;
            const unsigned char *q = p + 2;
            uint32_t lo = big_endian ? (uint32_t)(q[0] << 8 | q[1])
                                     : (uint32_t)(q[1] << 8 | q[0]);
            if (lo < 0xDC00 || lo > 0xDFFF)
                goto bad;
            cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            i++;
        } else if (u >= 0xDC00 && u <= 0xDFFF) {
            goto bad;
        }
        if (cp == 0) {
            free(buf);
            *reason = REASON_BINARY;
            return IVS_ERR_ENCODING;
        }
        if (cp < 0x80 && is_binary_control((unsigned char)cp))
            controls++;
        if (cp == '\r') {
            buf[o++] = '\n';
            /* CRLF: the LF unit that follows is dropped. */
            if (i + 1 < units) {
                const unsigned char *q = p + 2;
                uint32_t next = big_endian ? (uint32_t)(q[0] << 8 | q[1])
                                           : (uint32_t)(q[1] << 8 | q[0]);
                if (next == '\n')
                    i++;
            }
            continue;
        }
        o += put_utf8(buf + o, cp);
    }
    if (controls > 0 && controls * 20 > units) {
        free(buf);
        *reason = REASON_BINARY;
        return IVS_ERR_ENCODING;
    }
    buf[o] = '\0';
    *out = (char *)buf;
    *out_len = o;
    return IVS_OK;
bad:
    free(buf);
    *reason = REASON_UTF16;
    return IVS_ERR_ENCODING;
}

/* Converts GB18030 (a superset of GBK and GB2312) to UTF-8 with iconv.
 * Returns IVS_ERR_ENCODING when the bytes are not GB18030 either. */
static ivs_status_t
decode_gb18030(const unsigned char *in, size_t n, char **out, size_t *out_len,
               const char **reason)
{
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1) {
        *reason = REASON_ANY;
        return IVS_ERR_ENCODING;
    }
    /* Two GB18030 bytes become at most three UTF-8 bytes, four at most
     * four: 2n is ample, and the loop grows the buffer should a converter
     * think otherwise. */
    size_t cap = n < SIZE_MAX / 2 - 16 ? 2 * n + 16 : n;
    char *buf = malloc(cap);
    if (!buf) {
        iconv_close(cd);
        return IVS_ERR_NOMEM;
    }
    char *src = (char *)in;
    size_t src_left = n;
    char *dst = buf;
    size_t dst_left = cap - 1;
    ivs_status_t status = IVS_OK;
    while (src_left > 0) {
        size_t r = iconv(cd, &src, &src_left, &dst, &dst_left);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) {
            size_t used = (size_t)(dst - buf);
            if (ivs_grow(&buf, &cap, cap + 1, 1, 1) < 0) { /* doubles it */
                status = IVS_ERR_NOMEM;
                break;
            }
            dst = buf + used;
            dst_left = cap - 1 - used;
            continue;
        }
        *reason = REASON_ANY; /* EILSEQ or a truncated sequence */
        status = IVS_ERR_ENCODING;
        break;
    }
    iconv_close(cd);
    if (status != IVS_OK) {
        free(buf);
        return status;
    }
    size_t len = (size_t)(dst - buf);
    /* The converter's output is trusted only once checked: the rest of the
     * program relies on valid UTF-8. */
    if (!utf8_valid((const unsigned char *)buf, len)) {
        free(buf);
        *reason = REASON_ANY;
        return IVS_ERR_ENCODING;
    }
    status = copy_lf((const unsigned char *)buf, len, out, out_len);
    free(buf);
    return status;
}

ivs_status_t
ivs_text_decode(const char *bytes, size_t len, char **out, size_t *out_len,
                const char **reason)
{
    const unsigned char *in = (const unsigned char *)bytes;
    const char *why = NULL;
    char *text = NULL;
    size_t text_len = 0;
    ivs_status_t status;

    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    if (reason)
        *reason = NULL;
    if (!out || !out_len || (!bytes && len > 0)) {
        if (reason)
            *reason = "no input";
        return IVS_ERR_INPUT;
    }

    if (len >= 2 && in[0] == 0xFF && in[1] == 0xFE) {
        status = decode_utf16(in + 2, len - 2, 0, &text, &text_len, &why);
    } else if (len >= 2 && in[0] == 0xFE && in[1] == 0xFF) {
        status = decode_utf16(in + 2, len - 2, 1, &text, &text_len, &why);
    } else if (len >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF) {
        /* A UTF-8 signature is taken at its word: no GB18030 fallback. */
        if (looks_binary(in + 3, len - 3)) {
            why = REASON_BINARY;
            status = IVS_ERR_ENCODING;
        } else if (!utf8_valid(in + 3, len - 3)) {
            why = REASON_UTF8;
            status = IVS_ERR_ENCODING;
        } else {
            status = copy_lf(in + 3, len - 3, &text, &text_len);
        }
    } else if (looks_binary(in, len)) {
        why = REASON_BINARY;
        status = IVS_ERR_ENCODING;
    } else if (utf8_valid(in, len)) {
        status = copy_lf(in, len, &text, &text_len);
    } else {
        status = decode_gb18030(in, len, &text, &text_len, &why);
    }

    if (status != IVS_OK) {
        if (reason)
            *reason = why ? why : ivs_status_str(status);
        return status;
    }
    *out = text;
    *out_len = text_len;
    return IVS_OK;
}
