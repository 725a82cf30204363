#!/bin/bash
# Installs the build as a distribution package build does (DESTDIR and
# --prefix) and checks the result: nothing lands outside the prefix; the
# staged programs index and search examples/ with their own data, also after
# the tree is moved; the man pages render; the completions parse and
# complete. When cpack and dpkg-deb are there, the Debian package too: its
# files, its dependencies, and its programs run from the unpacked tree.
#
# usage: install.sh CMAKE CPACK BUILD_DIR EXAMPLES CONFIGURED_DATA_DIR
set -euo pipefail

cmake=$1 cpack=$2 build=$3 examples=$4 configured_data=$5
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() {
    echo "install.sh: FAIL: $*" >&2
    exit 1
}
ok() { echo "ok - $*"; }

# The programs run as on a user's machine: no data folder from the
# environment, no database or dictionary of the user running the tests.
run() {
    env -u IVSEARCH_DATA_DIR -u IVSEARCH_DB -u IVSEARCH_USER_DICT \
        HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" \
        XDG_DATA_HOME="$tmp/home/.local/share" "$@"
}

# Indexes examples/ with the programs under PREFIX and searches it.
index_and_search() {
    local prefix=$1 db=$2 out
    run "$prefix/bin/ivindex" --quiet --db "$db" "$examples" ||
        fail "$prefix/bin/ivindex exited $?"
    out=$(run "$prefix/bin/ivsearch" --db "$db" --color never 'kafka 丢失') ||
        fail "$prefix/bin/ivsearch exited $?"
    grep -q 'interviews.txt #' <<<"$out" || fail "no hits: $out"
    grep -q '\[Kafka\]' <<<"$out" || fail "no highlight: $out"
}

# 1. a staged install under /opt/x
stage=$tmp/stage
DESTDIR=$stage "$cmake" --install "$build" --prefix /opt/x >"$tmp/install.log" ||
    fail "cmake --install: $(cat "$tmp/install.log")"
outside=$(find "$stage" -mindepth 1 ! -path "$stage/opt" ! -path "$stage/opt/x" \
    ! -path "$stage/opt/x/*")
[ -z "$outside" ] || fail "installed outside the prefix: $outside"
prefix=$stage/opt/x
for f in bin/ivindex bin/ivsearch bin/ivserve share/ivsearch/ivs.dict \
    share/ivsearch/topics.txt share/ivsearch/synonyms.txt \
    share/ivsearch/stopwords.txt share/bash-completion/completions/ivindex \
    share/bash-completion/completions/ivsearch; do
    [ -f "$prefix/$f" ] || fail "not installed: /opt/x/$f"
done
ok "DESTDIR=\$tmp cmake --install --prefix /opt/x stays inside \$tmp/opt/x"

index_and_search "$prefix" "$tmp/db"
ok "the staged programs find their data and search examples/"

# 2. moved elsewhere, the tree still finds its own data
mv "$prefix" "$tmp/moved"
run "$tmp/moved/bin/ivsearch" --db "$tmp/db" kafka >/dev/null ||
    fail "the moved install does not search"
if [ ! -e "$configured_data" ]; then
    # nothing to fall back on: without its own data the program must fail,
    # which shows that the data above came from the tree itself
    mv "$tmp/moved/share/ivsearch" "$tmp/away"
    if run "$tmp/moved/bin/ivsearch" --db "$tmp/db" kafka >/dev/null 2>&1; then
        fail "ivsearch ran without its data: found some elsewhere"
    fi
    mv "$tmp/away" "$tmp/moved/share/ivsearch"
    ok "a moved install uses its own data, and nothing else"
else
    ok "a moved install still searches ($configured_data exists, so" \
        "its data could come from there too)"
fi

# 3. man pages
for page in ivindex ivsearch ivserve; do
    file=$(ls "$tmp/moved/share/man/man1/$page.1"* 2>/dev/null | head -1)
    [ -n "$file" ] || fail "no man page $page.1"
    if ! command -v man >/dev/null; then
        echo "skip - man is not installed: $page.1 not rendered"
        continue
    fi
    text=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$file" \
        2>"$tmp/warnings") || fail "man -l $page.1 failed: $(cat "$tmp/warnings")"
    [ ! -s "$tmp/warnings" ] || fail "man -l $page.1 warns: $(cat "$tmp/warnings")"
    grep -q "^NAME" <<<"$text" || fail "$page.1 has no NAME section: $text"
    grep -q -- "--db DIR" <<<"$text" || fail "$page.1 does not render its options"
    ok "man -l $page.1 renders without warnings"
done

# 4. bash completion
comp=$tmp/moved/share/bash-completion/completions
for prog in ivindex ivsearch ivserve; do
    bash -n "$comp/$prog" || fail "bash -n $prog completion"
done
complete_words() { # PROG WORD... : what completing the last word offers
    local prog=$1
    shift
    bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
             _$1 2>/dev/null; printf "%s\n" "${COMPREPLY[@]}"' \
        complete "$comp/$prog" "$prog" "$@"
}
got=$(complete_words ivsearch ivsearch --verdict "" | tr '\n' ' ')
[ "$got" = "pass fail pending unknown " ] || fail "--verdict completes to '$got'"
got=$(complete_words ivsearch ivsearch --sort = d | tr '\n' ' ')
[ "$got" = "date " ] || fail "--sort=d completes to '$got'"
got=$(complete_words ivsearch ivsearch --ex | tr '\n' ' ')
[ "$got" = "--exact --explain " ] || fail "--ex completes to '$got'"
got=$(complete_words ivindex ivindex --re | tr '\n' ' ')
[ "$got" = "--reindex " ] || fail "ivindex --re completes to '$got'"
ok "the completions parse and complete flags and their values"

# 5. the Debian package, when the tools are there
if ! command -v "$cpack" >/dev/null || ! command -v dpkg-deb >/dev/null; then
    echo "skip - no cpack or dpkg-deb: the Debian package is not built"
    exit 0
fi
timeout 60 "$cpack" -G DEB -B "$tmp/pkg" --config "$build/CPackConfig.cmake" \
    >"$tmp/cpack.log" 2>&1 || fail "cpack: $(tail -20 "$tmp/cpack.log")"
deb=$(ls "$tmp"/pkg/*.deb)
dpkg-deb -c "$deb" | awk '{print $6}' >"$tmp/contents"
grep -v '^\./usr/' "$tmp/contents" | grep -v '^\./$' && fail "files outside /usr"
for f in ./usr/bin/ivindex ./usr/bin/ivsearch ./usr/share/ivsearch/ivs.dict \
    ./usr/share/ivsearch/topics.txt ./usr/share/man/man1/ivsearch.1.gz \
    ./usr/share/man/man1/ivindex.1.gz ./usr/share/bash-completion/completions/ivsearch; do
    grep -qx -- "$f" "$tmp/contents" || fail "$f is not in the package"
done
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libxapian libutf8proc libjansson libopencc; do
    grep -q "$lib" <<<"$depends" || fail "the package does not depend on $lib: $depends"
done
dpkg-deb -x "$deb" "$tmp/root"
index_and_search "$tmp/root/usr" "$tmp/db-deb"
ok "$(basename "$deb"): files under /usr, Depends: $depends; it runs unpacked"
