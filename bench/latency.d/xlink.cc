// The lowest floor of bench/latency for a libxapian program: linked to
// libxapian (and so to libstdc++), loaded and relocated by the dynamic
// linker, static constructors run, and nothing else -- it opens no
// database. What xfloor takes above this is the database open; what this
// takes above /bin/true is loading the C++ libraries.
#include <xapian.h>

int
main(int argc, char **argv)
{
    // a reference the linker must keep (argc is never this large), so
    // that --as-needed cannot drop libxapian
    if (argc > 1000) {
        Xapian::Database db(argv[1]);
        return db.get_doccount() > 0;
    }
    return 0;
}
