/* ivindex's tables are written without zlib compression: Xapian 1.4
 * deflates every document's data and term list as it stores them, at
 * zlib's default level and with no setting to change it, and that costs
 * ivindex as much CPU as all its verdict, topic and field rules together.
 *
 * Xapian keeps an item compressed only when that makes it smaller, and
 * reads either form (each item carries a flag), so asking zlib for level 0
 * ("stored": never smaller) makes every item be kept as it is. That is
 * done here, by defining zlib's deflateInit2_ in the ivindex program: the
 * dynamic linker binds libxapian's call to it, and it calls zlib's own
 * with level 0. Nothing else in ivindex deflates (libarchive and libxml2
 * only read). Databases stay readable by any Xapian 1.4 program.
 *
 * Measured: on 10,080 interviews (perf stat) ivindex's CPU 18.6 s ->
 * 15.6 s, the database 117 -> 134 MB, the same documents (samedb.py);
 * zlib's fastest level (1) saves only 1 %. `--shards 2` on bench/shards'
 * 126,517 interviews, two runs each in turn: user CPU 247.5 and 235.6 s
 * -> 229.0 and 209.3 s, 1,528 -> 1,759 MB. Queries read the document data
 * (snippets) and term lists (--similar) without inflating.
 *
 * Where the dynamic linker does not bind libxapian to this definition (a
 * statically linked zlib), the tables are compressed as before: slower,
 * never wrong. IVS_DEFLATE_LEVEL overrides the level at build time
 * (-1: zlib's default, what Xapian asks for). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stddef.h>

#ifndef IVS_DEFLATE_LEVEL
#define IVS_DEFLATE_LEVEL 0
#endif

/* zlib's entry point behind the deflateInit2() macro (zlib.h is not a
 * build dependency: its ABI is stable, strm is a z_stream *). */
typedef int (*deflate_init2_fn)(void *strm, int level, int method,
                                int window_bits, int mem_level, int strategy,
                                const char *version, int stream_size);

int deflateInit2_(void *strm, int level, int method, int window_bits,
                  int mem_level, int strategy, const char *version,
                  int stream_size);

int
deflateInit2_(void *strm, int level, int method, int window_bits, int mem_level,
              int strategy, const char *version, int stream_size)
{
    deflate_init2_fn zlib_init =
        (deflate_init2_fn)dlsym(RTLD_NEXT, "deflateInit2_");
    (void)level;
    if (!zlib_init)
        return -2; /* Z_STREAM_ERROR: Xapian reports it; not reached, as
                      libxapian loads libz */
    return zlib_init(strm, IVS_DEFLATE_LEVEL, method, window_bits, mem_level,
                     strategy, version, stream_size);
}
