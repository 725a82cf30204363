#!/bin/bash
# Trust tests with the real programs: ivindex never touches what is not its
# own (foreign files in and around the database folder, a database folder
# given as the notes' folder), interview ids stay put (the README's id
# table, row by row), long paths and linked files work incrementally and
# on removal. Self-contained: all data is generated in a temporary folder.
# Usage: trust.sh IVINDEX IVSEARCH EXAMPLES_DIR
# TRUST_SEED=N replays the random kill points of an earlier run.
set -u
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
IVINDEX=$(abs "$1")
IVSEARCH=$(abs "$2")
EXAMPLES=$(abs "$3")

T=$(mktemp -d)
BG=()
cleanup() {
    for p in "${BG[@]}"; do kill -9 "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$T" || exit 2
export HOME=$T/home
unset IVSEARCH_DB IVSEARCH_USER_DICT XDG_CONFIG_HOME XDG_DATA_HOME
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:abort_on_error=1"
SEED=${TRUST_SEED:-$(( $(date +%s) % 100000 ))}
RANDOM=$SEED

passes=0
fails=0
ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
expect() { if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi; }

# snapshot DIR: every entry under DIR (and DIR itself) with its type, mode
# and, for files, content hash: what "byte for byte as it was" means
snapshot() {
    (cd "$1" && find . -printf '%y %m %p\n' | LC_ALL=C sort &&
     find . -type f -exec sha256sum {} + | LC_ALL=C sort -k2)
}

# ids DB: "id:first-words-of-title" of every interview, sorted by id
ids() {
    "$IVSEARCH" --db "$1" --json --limit 1000 --verdict pass --verdict fail \
        --verdict pending --verdict unknown 2>/dev/null |
        grep -o '"id":[0-9]*,[^}]*"title":"[^"]\{0,12\}' |
        sed 's/"id":\([0-9]*\),.*"title":"\(.*\)/\1:\2/' | sort -n | tr '\n' ' '
}
# id_of DB WORD: the ids of the interviews holding WORD
id_of() {
    "$IVSEARCH" --db "$1" --json --limit 100 "$2" 2>/dev/null |
        grep -o '"id":[0-9]*' | cut -d: -f2 | sort -n | tr '\n' ' ' | sed 's/ $//'
}
count() {
    "$IVSEARCH" --db "$1" --stats --json 2>/dev/null |
        grep -o '"interviews":[0-9]*' | cut -d: -f2
}
summary() { "$IVINDEX" --db "$1" --json "${@:2}" 2>/dev/null; }
field() { echo "$1" | grep -o "\"$2\":[0-9]*" | cut -d: -f2; }

# interview N WORD VERDICT: one interview block of the sample's kind
interview() {
    printf '面试内容：\n候选人%s，问了 %s 相关问题，回答清楚。\n1. %s 的原理是什么\n回答了 %s 的实现细节。\n总结：%s\n\n' \
        "$1" "$2" "$2" "$2" "$3"
}

# ---- data safety ----------------------------------------------------------------

mkdir -p notes
cp "$EXAMPLES/interviews.txt" notes/a.txt

# a folder that is not a database is refused and left as it was
mkdir -p mydb/sub && echo keep >mydb/keep.txt && echo inner >mydb/sub/x.txt
chmod 0750 mydb
before=$(snapshot mydb)
"$IVINDEX" --db mydb notes >out.txt 2>err.txt
expect "foreign folder: exit 2" "$?" 2
expect "foreign folder: one line" "$(wc -l <err.txt)" 1
grep -q '^ivindex: mydb: not an ivsearch database' err.txt ||
    bad "foreign folder message: $(cat err.txt)"
expect "foreign folder: untouched" "$(snapshot mydb)" "$before"
[ ! -e mydb.ivs-compact ] && [ ! -e mydb.ivs-part ] || bad "foreign folder: siblings made"

# a regular file as the database
echo hello >dbfile
"$IVINDEX" --db dbfile notes 2>err.txt
expect "file as database: exit 2" "$?" 2
expect "file as database: untouched" "$(cat dbfile)" hello

# the notes' own folder as the database, and a database holding the notes
cp -r notes same
before=$(snapshot same)
"$IVINDEX" --db same same 2>err.txt
expect "notes folder as database: exit 2" "$?" 2
expect "notes folder as database: untouched" "$(snapshot same)" "$before"
mkdir -p outer/notes && cp notes/a.txt outer/notes/
"$IVINDEX" --db outer outer/notes 2>err.txt
expect "database holding the notes: exit 2" "$?" 2
grep -q 'being indexed' err.txt || bad "database holding the notes: $(cat err.txt)"
[ "$(ls outer)" = notes ] || bad "database holding the notes: outer changed: $(ls outer)"
"$IVINDEX" --db outer/notes/a.txt outer 2>/dev/null
expect "a note as the database: exit 2" "$?" 2

# a database inside the folder being indexed is left out of the walk
mkdir -p inside && cp notes/a.txt inside/
s=$(summary inside/db inside)
expect "database inside the notes: files" "$(field "$s" files)" 1
expect "database inside the notes: not text" "$(field "$s" skipped_format)" 0
s=$(summary inside/db inside)
expect "database inside the notes, again: unchanged" "$(field "$s" unchanged)" 1
expect "database inside the notes: interviews" "$(count inside/db)" 7

# an empty folder is fine; the database folder is private when made here
mkdir emptydb
"$IVINDEX" --quiet --db emptydb notes
expect "empty folder: exit 0" "$?" 0
"$IVINDEX" --quiet --db fresh/deep/db notes
expect "new database folder mode" "$(stat -c %a fresh/deep/db)" 700

# foreign files in and around a database, through first builds, updates,
# compaction, --reindex and kill -9 at random points
big() { # DIR N: N files of 60 interviews (two writers and a merge)
    mkdir -p "$1"
    for f in $(seq 1 "$2"); do
        for k in $(seq 1 60); do
            interview "$f-$k" "kafka 消息 丢失 redis 持久化 golang 调度 mysql 索引 事务 第$f组 话题$k" 通过
        done >"$1/f$f.txt"
    done
}
big arch 12
echo "beside" >db.txt && mkdir -p db.ivs-partial && echo x >db.ivs-partial/y
s=$(summary db arch)
expect "big archive: interviews" "$(field "$s" interviews)" 720
mkdir -p db/mine && echo "my notes" >db/mine/n.txt && echo "keep me" >db/keep.txt
chmod 0700 db
inside_before=$(cd db && snapshot mine; cat keep.txt; stat -c %a .)
around_before=$(snapshot db.ivs-partial; cat db.txt)
# right after a kill the user's files are in the database folder, or (killed
# between a compaction's swap and its end) in DB.ivs-compact until the next
# run puts them back; never lost, never changed
check_kept() {
    local d=db
    [ -e db/keep.txt ] || d=db.ivs-compact
    expect "$1: files of the database folder kept" \
        "$(cd $d && snapshot mine; cat keep.txt)" \
        "$(echo "$inside_before" | sed '$d')"
    expect "$1: files around it" "$(snapshot db.ivs-partial; cat db.txt)" "$around_before"
}
check_foreign() {
    expect "$1: files in the database folder" \
        "$(cd db && snapshot mine; cat keep.txt; stat -c %a .)" "$inside_before"
    expect "$1: files around it" "$(snapshot db.ivs-partial; cat db.txt)" "$around_before"
    [ ! -e db.ivs-compact ] || bad "$1: db.ivs-compact left"
}
"$IVINDEX" --quiet --db db --reindex arch
expect "reindex with foreign files: exit 0" "$?" 0
check_foreign "reindex (merge and swap)"
expect "reindex: interviews" "$(count db)" 720
# an update large enough to be compacted
for f in $(seq 1 12); do sed -i "s/话题/题目/" "arch/f$f.txt"; done
"$IVINDEX" --quiet --db db arch
check_foreign "update"
kills=0
for round in 1 2 3 4 5; do
    "$IVINDEX" --quiet --db db --reindex arch >/dev/null 2>&1 &
    pid=$!
    BG+=("$pid")
    sleep "0.0$((RANDOM % 10))$((RANDOM % 10))"
    kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
    wait "$pid" 2>/dev/null
    check_kept "kill -9 during --reindex ($round, seed $SEED)"
    # the rebuild is swapped in whole: the database is complete either way
    expect "kill -9 during --reindex: every interview there ($round)" "$(count db)" 720
done
for round in 1 2 3; do
    for f in $(seq 1 12); do sed -i "s/第${f}组/第${f}组 r$round/" "arch/f$f.txt"; done
    "$IVINDEX" --quiet --db db arch >/dev/null 2>&1 &
    pid=$!
    BG+=("$pid")
    sleep "0.0$((RANDOM % 10))$((RANDOM % 10))"
    kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
    wait "$pid" 2>/dev/null
    check_kept "kill -9 during an update ($round, seed $SEED)"
done
# a compaction killed after its swap leaves the old tables and the user's
# files in DB.ivs-compact: the next run puts the files back
mkdir db.ivs-compact && echo "moved away" >db.ivs-compact/late.txt &&
    cp db/iamglass db.ivs-compact/
"$IVINDEX" --quiet --db db arch
expect "after the kills: exit 0" "$?" 0
expect "a file left in DB.ivs-compact goes back" "$(cat db/late.txt 2>/dev/null)" "moved away"
rm -f db/late.txt
check_foreign "after the kills"
expect "after the kills: interviews" "$(count db)" 720

# ---- ids (the README's table, row by row) --------------------------------------------

rm -rf n idb
mkdir n
for k in 1 2 3 4 5 6 7; do interview "$k" "topic$k" 通过; done >n/a.txt
"$IVINDEX" --quiet --db idb n
base=$(ids idb)
expect "first ids" "$(id_of idb topic1) $(id_of idb topic7)" "1 7"

# unchanged file: nothing written, not even to the database's own files
before=$(snapshot idb)
s=$(summary idb n)
expect "unchanged: nothing written" "$(field "$s" interviews)" 0
expect "unchanged: the database's files are byte for byte as they were" \
    "$(snapshot idb)" "$before"
expect "unchanged: same ids" "$(ids idb)" "$base"

# a new interview at the top: the others keep their ids, one is written
{ interview 0 topiczero 通过; cat n/a.txt; } >n/b && mv n/b n/a.txt
s=$(summary idb n)
expect "insert at top: written" "$(field "$s" interviews)" 1
expect "insert at top: new id" "$(id_of idb topiczero)" 8
expect "insert at top: old ids" "$(id_of idb topic1) $(id_of idb topic3) $(id_of idb topic7)" "1 3 7"
expect "insert at top: --show 3 is still interview 3" \
    "$("$IVSEARCH" --db idb --show 3 --json | grep -o 'topic3' | head -1)" topic3

# interview 2 deleted: 3..7 keep their ids, 2 is gone and never given again
awk 'BEGIN{RS="";ORS="\n\n"} !/候选人2，/' n/a.txt >n/b && mv n/b n/a.txt
s=$(summary idb n)
expect "delete 2: written" "$(field "$s" interviews)" 0
expect "delete 2: removed" "$(field "$s" interviews_removed)" 1
expect "delete 2: others" "$(id_of idb topic3) $(id_of idb topic7)" "3 7"
"$IVSEARCH" --db idb --show 2 >/dev/null 2>&1
[ $? -ne 0 ] || bad "delete 2: --show 2 finds nothing"
interview 9 topicnine 通过 >>n/a.txt
"$IVINDEX" --quiet --db idb n
expect "after a deletion a new interview gets a new id" "$(id_of idb topicnine)" 9

# edited in place: same id, one written
sed -i 's/回答了 topic5 的实现细节。/回答了 topic5 的实现细节，补充 newword55。/' n/a.txt
s=$(summary idb n)
expect "edit in place: written" "$(field "$s" interviews)" 1
expect "edit in place: same id" "$(id_of idb newword55)" 5

# two interviews swapped: the ids follow the text
awk 'BEGIN{RS="";ORS="\n\n"} {b[NR]=$0} END{t=b[2];b[2]=b[3];b[3]=t; for(i=1;i<=NR;i++) print b[i]}' n/a.txt >n/b && mv n/b n/a.txt
"$IVINDEX" --quiet --db idb n
expect "swap: ids follow the text" "$(id_of idb topic1) $(id_of idb topic3)" "1 3"

# file renamed, and moved into a subfolder: same ids, nothing rewritten
before=$(ids idb)
mv n/a.txt n/renamed.md
s=$(summary idb n)
expect "rename: written" "$(field "$s" interviews)" 0
expect "rename: ids" "$(ids idb)" "$before"
mkdir -p n/sub && mv n/renamed.md n/sub/moved.md
"$IVINDEX" --quiet --db idb n
expect "move to a subfolder: ids" "$(ids idb)" "$before"
expect "move: source" "$("$IVSEARCH" --db idb --show 3 --json | grep -o 'sub/moved.md' | head -1)" sub/moved.md

# moved and edited at once
mv n/sub/moved.md n/again.md
sed -i 's/回答了 topic6 的实现细节。/回答了 topic6 的细节 newword66。/' n/again.md
"$IVINDEX" --quiet --db idb n
expect "move and edit: edited keeps its id" "$(id_of idb newword66)" 6
expect "move and edit: others keep theirs" "$(id_of idb topic7)" 7

# cut from one file, pasted into another (both orders of the files)
interview 20 topictwenty 通过 >n/zz.txt
"$IVINDEX" --quiet --db idb n
tw=$(id_of idb topictwenty)
awk 'BEGIN{RS="";ORS="\n\n"} /topic4/' n/again.md >>n/zz.txt
awk 'BEGIN{RS="";ORS="\n\n"} !/topic4/' n/again.md >n/b && mv n/b n/again.md
"$IVINDEX" --quiet --db idb n
expect "cut and paste to a later file: id kept" "$(id_of idb topic4)" 4
awk 'BEGIN{RS="";ORS="\n\n"} /topictwenty/' n/zz.txt >>n/again.md
awk 'BEGIN{RS="";ORS="\n\n"} !/topictwenty/' n/zz.txt >n/b && mv n/b n/zz.txt
"$IVINDEX" --quiet --db idb n
expect "cut and paste to an earlier file: id kept" "$(id_of idb topictwenty)" "$tw"

# a copy of a file: the copies get new ids, the originals keep theirs
before=$(ids idb)
cp n/zz.txt n/zz-copy.txt
"$IVINDEX" --quiet --db idb n
expect "copy: topic4 twice, the first keeps 4" "$(id_of idb topic4 | cut -d' ' -f1)" 4
expect "copy: two interviews" "$(id_of idb topic4 | wc -w)" 2
rm n/zz-copy.txt
"$IVINDEX" --quiet --db idb n
expect "copy removed: back as before" "$(ids idb)" "$before"

# --reindex keeps the ids, and leaves nothing beside the database
"$IVINDEX" --quiet --db idb --reindex n
expect "reindex: ids" "$(ids idb)" "$before"
[ ! -e idb.ivs-rebuild ] && [ ! -e idb.ivs-part ] || bad "reindex: scratch left"
interview 30 topicthirty 通过 >>n/zz.txt
"$IVINDEX" --quiet --db idb n
[ "$(id_of idb topicthirty)" -gt "$(echo "$before" | tr ' ' '\n' | cut -d: -f1 | sort -n | tail -1)" ] ||
    bad "reindex: a new id after it is above every earlier one"

# an interview alone in its file is the same text as among others: cut from
# its own file and pasted into another, it keeps its id
mkdir -p lone && interview 1 loneword 通过 >lone/a.md &&
    { interview 2 othera 通过; interview 3 otherb 通过; } >lone/b.md
"$IVINDEX" --quiet --db lonedb lone
lid=$(id_of lonedb loneword)
: >lone/a.md && interview 1 loneword 通过 >>lone/b.md
"$IVINDEX" --quiet --db lonedb lone
expect "a lone interview pasted into another file keeps its id" "$(id_of lonedb loneword)" "$lid"

# ---- long paths -------------------------------------------------------------------

long=lp
for k in $(seq 1 12); do long="$long/长长的文件夹名字第${k}层"; done
mkdir -p "$long"
name="$long/$(printf '面试记录%.0s' $(seq 1 20)).md"
interview 1 longpathword 通过 >"$name"
bytes=$(printf %s "$T/$name" | wc -c)
[ "$bytes" -gt 300 ] || bad "long path test: path too short ($bytes bytes)"
s=$(summary lpdb lp)
expect "long path: indexed" "$(field "$s" indexed)" 1
s=$(summary lpdb lp)
expect "long path: unchanged on the second run" "$(field "$s" unchanged)" 1
expect "long path: found" "$(id_of lpdb longpathword)" 1
rm "$name"
"$IVINDEX" --quiet --db lpdb lp
expect "long path: removed with its file" "$(count lpdb)" 0

# ---- linked files -------------------------------------------------------------------

mkdir -p ln/notes ln/elsewhere
interview 1 linkedword 通过 >ln/elsewhere/target.md
ln -s ../elsewhere/target.md ln/notes/link.md
"$IVINDEX" --quiet --db lndb ln/notes
expect "link: found" "$(id_of lndb linkedword)" 1
"$IVSEARCH" --db lndb --show 1 --json | grep -q '"source":"[^"]*ln/notes/link.md"' ||
    bad "link: stored under the link's path: $("$IVSEARCH" --db lndb --show 1 --json | grep -o '"source":"[^"]*"')"
# a link broken for a while (its target away): skipped, not removed, and
# the interview keeps its id when the target is back
mv ln/elsewhere ln/away
"$IVINDEX" --quiet --db lndb ln/notes
expect "broken link: interview kept" "$(count lndb)" 1
mv ln/away ln/elsewhere
"$IVINDEX" --quiet --db lndb ln/notes
expect "link mended: same id" "$(id_of lndb linkedword)" 1
rm ln/notes/link.md
"$IVINDEX" --quiet --db lndb ln/notes
expect "link removed: interview gone" "$(count lndb)" 0

# a database given through a symbolic link: the link stays a link, the
# folder it points to keeps the database and the user's file
mkdir -p realdb && ln -s realdb dblink
"$IVINDEX" --quiet --db dblink arch
echo mine >realdb/mine.txt
"$IVINDEX" --quiet --db dblink --reindex arch
[ -L dblink ] || bad "symlinked database: the link was replaced"
expect "symlinked database: the user's file" "$(cat realdb/mine.txt 2>/dev/null)" mine
expect "symlinked database: interviews" "$(count dblink)" 720
[ ! -e dblink.ivs-compact ] && [ ! -e realdb.ivs-compact ] || bad "symlinked database: leftovers"

# ---- messages ------------------------------------------------------------------------
# a file name with an escape sequence reaches the terminal escaped
mkdir -p esc && printf 'a\0b' >"esc/$(printf 'bad\033[31mname.txt')"
"$IVINDEX" --db escdb esc >esc.out 2>&1
if grep -qP '[\x00-\x08\x0b-\x1f\x7f]' esc.out; then
    bad "ivindex message with a raw control character: $(cat -v esc.out | head -1)"
else
    ok
fi
grep -q 'bad\\x1b\[31mname.txt: binary file, skipped' esc.out || bad "escaped name: $(cat esc.out | head -1)"

echo "trust: $passes passed, $fails failed (seed $SEED, $kills kills)"
[ "$fails" -eq 0 ]
