/* Growing arrays: the one doubling helper every module uses. */
#ifndef IVS_GROW_H
#define IVS_GROW_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Makes room for NEED elements of SIZE bytes in the array *(void **)PP of
 * capacity *CAP, doubling it (from FIRST when empty). Returns 0, or -1 when
 * out of memory or when the size would overflow, leaving the array and *CAP
 * as they were. */
static inline int
ivs_grow(void *pp, size_t *cap, size_t need, size_t size, size_t first)
{
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : first;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2)
            return -1;
        ncap *= 2;
    }
    if (ncap > SIZE_MAX / size)
        return -1;
    void *p;
    memcpy(&p, pp, sizeof p);
    void *np = realloc(p, ncap * size);
    if (!np)
        return -1;
    memcpy(pp, &np, sizeof np);
    *cap = ncap;
    return 0;
}

#endif
