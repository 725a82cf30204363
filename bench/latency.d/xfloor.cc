// The floor under any Xapian-based command of bench/latency: a C++ program
// linked to libxapian (so it pays the same dynamic loading and relocation
// as ivsearch) that opens the database, reads its document count and
// exits. Whatever ivsearch takes above this is ivsearch's own work.
#include <xapian.h>

#include <cstdio>

int
main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: xfloor DB\n");
        return 2;
    }
    try {
        Xapian::Database db(argv[1]);
        return db.get_doccount() > 0 ? 0 : 1;
    } catch (const Xapian::Error &e) {
        std::fprintf(stderr, "xfloor: %s\n", e.get_description().c_str());
        return 2;
    }
}
