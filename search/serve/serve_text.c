/* ivserve's output buffer and the escaping of every byte that reaches a
 * page: HTML text and attributes, URL components. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "serve_internal.h"

static int
reserve(sbuf_t *b, size_t more)
{
    if (b->failed)
        return -1;
    if (b->len + more + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 1024;
    while (cap < b->len + more + 1)
        cap *= 2;
    char *nb = realloc(b->buf, cap);
    if (!nb) {
        b->failed = 1;
        return -1;
    }
    b->buf = nb;
    b->cap = cap;
    return 0;
}

void
sb_put(sbuf_t *b, const char *s, size_t n)
{
    if (reserve(b, n) < 0)
        return;
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

void
sb_puts(sbuf_t *b, const char *s)
{
    sb_put(b, s, strlen(s));
}

void
sb_printf(sbuf_t *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = NULL;
    int n = vasprintf(&s, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = 1;
        return;
    }
    sb_put(b, s, (size_t)n);
    free(s);
}

void
sb_free(sbuf_t *b)
{
    free(b->buf);
    *b = (sbuf_t){0};
}

/* Length of the valid UTF-8 sequence at S (AVAIL bytes), or 0 when it is
 * not one (overlong forms, surrogates and code points past U+10FFFF are
 * not). */
static size_t
utf8_len(const unsigned char *s, size_t avail)
{
    unsigned c = s[0];
    size_t n;
    unsigned min;
    if (c < 0x80)
        return 1;
    if (c >= 0xc2 && c <= 0xdf)
        n = 2, min = 0x80;
    else if (c >= 0xe0 && c <= 0xef)
        n = 3, min = 0x800;
    else if (c >= 0xf0 && c <= 0xf4)
        n = 4, min = 0x10000;
    else
        return 0;
    if (avail < n)
        return 0;
    unsigned cp = c & (0x3f >> (n - 1));
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return n;
}

void
sb_html(sbuf_t *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        const char *esc = NULL;
        switch (c) {
        case '&': esc = "&amp;"; break;
        case '<': esc = "&lt;"; break;
        case '>': esc = "&gt;"; break;
        case '"': esc = "&quot;"; break;
        case '\'': esc = "&#39;"; break;
        default: break;
        }
        if (esc) {
            sb_puts(b, esc);
            i++;
            continue;
        }
        if (c < 0x20 || c == 0x7f) {
            if (c == '\n' || c == '\t')
                sb_put(b, (const char *)p + i, 1);
            i++; /* other control characters are dropped */
            continue;
        }
        size_t len = utf8_len(p + i, n - i);
        if (len == 0) {
            sb_puts(b, "\xef\xbf\xbd");
            i++;
            continue;
        }
        /* C1 controls (U+0080-U+009F) and the bidi overrides that would
         * let a note reorder the text around it are dropped too */
        unsigned cp2 = len == 2 ? ((c & 0x1f) << 6) | (p[i + 1] & 0x3f) : 0;
        int bidi =
            len == 3 && c == 0xe2 &&
            ((p[i + 1] == 0x80 && p[i + 2] >= 0xaa && p[i + 2] <= 0xae) ||
             (p[i + 1] == 0x81 && p[i + 2] >= 0xa6 && p[i + 2] <= 0xa9));
        if (!(len == 2 && cp2 >= 0x80 && cp2 <= 0x9f) && !bidi)
            sb_put(b, (const char *)p + i, len);
        i += len;
    }
}

int
serve_utf8_text(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t left = strlen(s);
    while (left) {
        size_t n = utf8_len(p, left);
        if (n == 0 || (n == 1 && (*p < 0x20 || *p == 0x7f) && *p != '\t'))
            return 0;
        p += n;
        left -= n;
    }
    return 1;
}

int
serve_is_loopback(const char *addr)
{
    struct in_addr a4;
    struct in6_addr a6;
    if (inet_pton(AF_INET, addr, &a4) == 1)
        return (ntohl(a4.s_addr) >> 24) == 127;
    return inet_pton(AF_INET6, addr, &a6) == 1 && IN6_IS_ADDR_LOOPBACK(&a6);
}

void
sb_htmls(sbuf_t *b, const char *s)
{
    if (s)
        sb_html(b, s, strlen(s));
}

void
sb_url(sbuf_t *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
            (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' ||
            *p == '~') {
            sb_put(b, (const char *)p, 1);
        } else {
            char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            sb_put(b, e, 3);
        }
    }
}
