#!/bin/sh
# CLI tests: the real ivindex and ivsearch on real files in a temporary
# folder. Usage: cli.sh IVINDEX IVSEARCH EXAMPLES_DIR FIXTURES_DIR
set -u
IVINDEX=$1
IVSEARCH=$2
EXAMPLES=$3
FIXTURES=$4

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/ex"
cp "$EXAMPLES/interviews.txt" "$T/ex/interviews.txt"
export IVSEARCH_DB="$T/db"
unset IVSEARCH_USER_DICT XDG_CONFIG_HOME
export HOME="$T/home"
cd "$T" || exit 2

passes=0
fails=0
ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
# expect NAME ACTUAL EXPECTED
expect() {
    if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi
}
# ids ARGS...: the ids of the hits, in rank order
ids() { "$IVSEARCH" --color never "$@" 2>/dev/null |
        sed -n 's/^\[\([0-9]*\)\].*/\1/p' | tr '\n' ' ' | sed 's/ $//'; }
sorted_ids() { ids "$@" | tr ' ' '\n' | sort -n | tr '\n' ' ' | sed 's/ $//'; }
status() { "$@" >/dev/null 2>&1; echo $?; }

# ---- indexing -----------------------------------------------------------
"$IVINDEX" --quiet ex >"$T/index.out" 2>&1
expect "ivindex exits 0" "$?" 0
expect "seven interviews" \
    "$("$IVSEARCH" --stats --json | grep -o '"interviews":[0-9]*')" '"interviews":7'

# ---- verdicts ---------------------------------------------------------------
expect "failed interviews" "$(ids --verdict fail)" "1 7"
expect "passed interviews" "$(ids --verdict pass)" "2 4 6"
expect "unknown verdicts" "$(ids --verdict unknown)" "3 5"
expect "Chinese verdict alias" "$(ids --verdict 不通过)" "1 7"
expect "inline verdict filter" "$(ids verdict:pass)" "2 4 6"
expect "bad verdict exits 2" "$(status "$IVSEARCH" --verdict maybe kafka)" 2

# ---- the headline query --------------------------------------------------------
first=$(ids 'kafka 丢失' | cut -d' ' -f1)
expect "kafka 丢失 ranks interview 1 first" "$first" 1
out=$("$IVSEARCH" --color never 'kafka 丢失' | sed -n 2,3p)
case "$out" in *"[Kafka]"*"[丢失]"*) ok ;; *) bad "snippet marks Kafka and 丢失: $out" ;; esac
json=$("$IVSEARCH" --json 'kafka 丢失')
case "$json" in *'"facets":{"verdict":'*) ok ;; *) bad "json has facets: $json" ;; esac
case "$json" in *'"highlights":[['*) ok ;; *) bad "json has highlights: $json" ;; esac
case "$("$IVSEARCH" --json redis)" in *'"total":3,'*'"facets":{"verdict":{"fail":2,"pass":1}'*) ok ;;
    *) bad "facets count every match: $("$IVSEARCH" --json redis)" ;; esac
case "$("$IVSEARCH" --json --exact redis)" in *'"total":3,'*'"exact":true,'*) ok ;;
    *) bad "--exact counts every match" ;; esac
case "$("$IVSEARCH" --json kafak 2>/dev/null)" in *'"did_you_mean":{"kafak":"kafka"}'*) ok ;;
    *) bad "did you mean kafka" ;; esac
case "$("$IVSEARCH" --json kafak 2>/dev/null)" in *'"corrected":"kafka"'*'"hits":[{'*|*'"hits":[{'*'"corrected":"kafka"'*) ok ;;
    *) bad "kafak shows kafka's hits, marked corrected" ;; esac
expect "kafak lists kafka's interviews" "$(ids kafak 2>/dev/null)" "$(ids kafka)"
expect "human output names the corrected query first" \
    "$("$IVSEARCH" --color never kafak 2>/dev/null | head -1)" "showing results for: kafka"
case "$("$IVSEARCH" --json 'kafak zzqqxv' 2>/dev/null)" in *'"corrected"'*) bad "a word without suggestion: no correction" ;;
    *'"did_you_mean":{"kafak":"kafka"}'*) ok ;; *) bad "kafak zzqqxv keeps did you mean" ;; esac
out=$("$IVSEARCH" --color never interfaces | head -3)
case "$out" in *"[interface]"*) ok ;; *) bad "English stemming: interfaces finds interface: $out" ;; esac
case "$json" in *'"source":"ex/interviews.txt","ordinal":1'*) ok ;;
    *) bad "json names source and ordinal: $json" ;; esac

# ---- words, filters, normalisation ------------------------------------------------
expect "分布式锁" "$(sorted_ids 分布式锁)" "2 7"
expect "分布式锁 failed" "$(ids --verdict fail 分布式锁)" "7"
expect "链表" "$(sorted_ids 链表)" "3 5"
expect "full-width kafka" "$(ids ｋａｆｋａ)" "$(ids kafka)"
expect "sync.Once" "$(ids sync.Once | cut -d' ' -f1)" "1"
expect "topic by id or Chinese name" "$(ids --topic middleware kafka)" \
    "$(ids --topic 中间件 kafka)"
expect "inline topic filter" "$(ids topic:中间件 kafka)" "$(ids --topic middleware kafka)"
expect "unknown topic exits 2" "$(status "$IVSEARCH" --topic nosuch kafka)" 2
"$IVSEARCH" --topic nosuch kafka 2>"$T/err" >/dev/null
case "$(cat "$T/err")" in *middleware*) ok ;; *) bad "unknown topic lists topics" ;; esac
expect "no match exits 1" "$(status "$IVSEARCH" zzzqqqxxx)" 1
expect "exclusion" "$(sorted_ids 分布式锁 -setnx)" "7"
expect "OR" "$(sorted_ids 链表 OR 逃逸分析)" "2 3 5"
expect "missing database exits 2" \
    "$(status "$IVSEARCH" --db "$T/nodb" kafka)" 2
"$IVSEARCH" --db "$T/nodb" kafka 2>"$T/err"
case "$(cat "$T/err")" in *"run ivindex first"*) ok ;; *) bad "missing db message" ;; esac

# ---- segmentation ----------------------------------------------------------------------
expect "三次握手 finds 1 and 4" "$(sorted_ids 三次握手)" "1 4"
expect "逃逸分析" "$(ids 逃逸分析)" "2"
expect "丢 finds every interview with 丢" "$(sorted_ids 丢)" \
    "$(awk '/^面试内容/{n++} /丢/{print n}' ex/interviews.txt | sort -un | tr '\n' ' ' | sed 's/ $//')"
expect "phrase 消息不丢失" "$(ids '"消息不丢失"')" "1"
expect "kafka丢失 = kafka 丢失" "$(ids kafka丢失)" "$(ids 'kafka 丢失')"
expect "traditional 分佈式鎖" "$(sorted_ids 分佈式鎖)" "2 7"

# ---- partial matches and snippets ------------------------------------------------------
out=$("$IVSEARCH" --color never --verdict pass 'kafka 丢失')
case "$out" in *"[4]"*"partial, missing: 丢失"*) ok ;;
    *) bad "kafka 丢失 --verdict pass: 4 partial missing 丢失: $out" ;; esac
out=$("$IVSEARCH" --color never 'pprof 127.0.0.1' | sed -n 3p)
case "$out" in *"[pprof]"*" … "*"[127.0.0.1]"*) ok ;;
    *) bad "far-apart matches give two passages: $out" ;; esac

# ---- similar -----------------------------------------------------------------------------
expect "similar to 3" "$(ids --similar 3 | cut -d' ' -f1)" 5
expect "similar to 5" "$(ids --similar 5 | cut -d' ' -f1)" 3
case "$(ids --similar 3)" in *3*) bad "similar excludes itself" ;; *) ok ;; esac
case "$("$IVSEARCH" --json --similar 3)" in *'"shared_terms":['*) ok ;;
    *) bad "similar shows shared terms" ;; esac
[ -n "$(ids --similar 3 --verdict pass)" ] && ok || bad "similar --verdict pass finds passed candidates"
for id in $(ids --similar 3 --verdict pass); do
    case " $(ids --verdict pass) " in *" $id "*) ok ;; *) bad "similar --verdict pass gave $id" ;; esac
done

# ---- batch ---------------------------------------------------------------------------------
printf 'kafka\t丢失\n--verdict\tfail\n--similar\t3\nzzzqqq\n' >"$T/batch.txt"
"$IVSEARCH" --batch "$T/batch.txt" >"$T/batch.out" 2>"$T/batch.err"
expect "batch exits 0" "$?" 0
expect "batch times each query" "$(cut -f2 "$T/batch.err" | tr '\n' ' ')" "0 0 0 1 "
expect "batch answers like single runs" "$(sed -n 's/^\[\([0-9]*\)\].*/\1/p' "$T/batch.out" | head -2 | tr '\n' ' ')" \
    "$(ids 'kafka 丢失' | cut -d' ' -f1-2) "

# a batch goes on after a bad line: each line gets its own status line,
# a bad one its message and status 2
printf 'kafka\t丢失\n--verdict\tmaybe\n--limit\t-5\n--bogus\n--db\tx\tkafka\n-l\t1\nredis\n' >"$T/batch2.txt"
"$IVSEARCH" --color never --batch "$T/batch2.txt" >"$T/batch2.out" 2>"$T/batch2.err"
expect "batch with bad lines exits 2" "$?" 2
expect "every batch line gets one status" \
    "$(grep -v '^ivsearch: ' "$T/batch2.err" | cut -f2 | tr '\n' ' ')" "0 2 2 2 2 2 0 "
expect "every bad batch line gets one message" "$(grep -c '^ivsearch: ' "$T/batch2.err")" 5
case "$(cat "$T/batch2.err")" in *"ivsearch: --db in a batch line"*) ok ;;
    *) bad "--db in a batch line is named: $(cat "$T/batch2.err")" ;; esac
expect "lines after a bad one run" "$(sed -n 's/^\[\([0-9]*\)\].*/\1/p' "$T/batch2.out" | tail -3 | sort -n | tr '\n' ' ')" \
    "$(sorted_ids redis) "
# options given with --batch are defaults for its lines
printf 'kafka\n--limit\t2\tkafka\tOR\tredis\n' >"$T/batch3.txt"
expect "batch options are defaults, a line's own win" \
    "$("$IVSEARCH" --color never --limit 1 --batch "$T/batch3.txt" 2>/dev/null | grep -c '^\[')" 3

# ---- the README's examples answer on the sample -----------------------------------------
README=$EXAMPLES/../README.md
sed -n '/^Examples, on the sample archive:/,/^```$/p' "$README" | grep '^ivsearch ' |
    sed 's/[[:space:]]*#.*$//' >"$T/readme.txt"
expect "README has its examples" "$(test "$(wc -l <"$T/readme.txt")" -ge 8 && echo yes)" yes
while IFS= read -r line; do
    out=$(eval "set -- ${line#ivsearch }"; "$IVSEARCH" --color never "$@" 2>&1)
    rc=$?
    hits=$(printf '%s\n' "$out" | grep -c '^\[[0-9]*\] ')
    if [ "$rc" = 0 ] && [ "$hits" -ge 1 ]; then ok
    else bad "README example '$line': exit $rc, $hits hits: $(printf '%s' "$out" | head -3)"; fi
done <"$T/readme.txt"
expect "OR with an exclusion" "$(sorted_ids 链表 OR 逃逸分析 -redis)" "3 5"
expect "inline verdict and topic" "$(sorted_ids 'channel verdict:pass topic:language')" "2 4"
expect "-word excludes, not an option" "$(status "$IVSEARCH" kafka -slice)" 0

# ---- partial matches alone are not a match --------------------------------------------------
out=$("$IVSEARCH" --color never kafka zzzznotthere 2>/dev/null)
expect "only partial matches exit 1" "$(status "$IVSEARCH" kafka zzzznotthere)" 1
case "$out" in *"partial, missing: zzzznotthere"*) ok ;; *) bad "partial hits still shown: $out" ;; esac
case "$out" in *"0 interviews match every word; 2 partial matches · verdict: fail 1 pass 1"*) ok ;;
    *) bad "footer names the set its facets count: $out" ;; esac
json=$("$IVSEARCH" --json kafka zzzznotthere)
case "$json" in *'"total":0,"partial_total":2,'*'"facets_of":"partial","facets":{"verdict":{"fail":1,"pass":1}'*) ok ;;
    *) bad "json total counts full matches, facets say their set: $json" ;; esac
out=$("$IVSEARCH" --color never 'kafka 丢失')
case "$out" in *"1 interview matches every word · verdict: fail 1 "*"1 more matches only some of the words"*) ok ;;
    *) bad "full and partial counts: $out" ;; esac
expect "a full match exits 0" "$(status "$IVSEARCH" 'kafka 丢失')" 0

# ---- --limit 0 counts --------------------------------------------------------------------------
expect "--limit 0 search exits 0" "$(status "$IVSEARCH" --limit 0 kafka)" 0
expect "--limit 0 --similar exits 0" "$(status "$IVSEARCH" --limit 0 --similar 3)" 0
expect "--limit 0 with nothing exits 1" "$(status "$IVSEARCH" --limit 0 zzzqqqxxx)" 1
expect "--limit 0 shows no hits" "$(ids --limit 0 kafka)" ""
case "$("$IVSEARCH" --color never --limit 0 --similar 3)" in [0-9]*" interviews · verdict:"*) ok ;;
    *) bad "--limit 0 --similar counts" ;; esac

# ---- conflicting requests and unknown options --------------------------------------------------
# each: exit 2 and one line
for args in "--stats kafka" "--topics --verdict fail" "--similar 1 kafka" \
    "--show 1 --similar 2" "--similar 1 --similar-text redis" "--explain --json kafka" \
    "-l 1 kafka" "--similar 1 --similar 2" "--show 1 --limit 3" "--similar 3 --sort date" \
    "--batch $T/batch.txt kafka" "--topics --stats" "--limit -5 kafka" "--bogus kafka"; do
    # shellcheck disable=SC2086
    "$IVSEARCH" $args >"$T/out" 2>"$T/err"
    rc=$?
    if [ "$rc" = 2 ] && [ "$(wc -l <"$T/err")" = 1 ] && grep -q '^ivsearch: ' "$T/err" &&
        [ ! -s "$T/out" ]; then ok
    else bad "'$args': exit $rc, stderr: $(cat "$T/err"), stdout: $(head -c 80 "$T/out")"; fi
done
expect "-- makes -l a word" "$(status "$IVSEARCH" kafka -- -l)" 0

# ---- database location, --version, --help ------------------------------------------------------------
"$IVSEARCH" --db '' kafka >/dev/null 2>"$T/err"
expect "--db '' exits 2" "$?" 2
case "$(cat "$T/err")" in "ivsearch: --db ''"*) ok ;; *) bad "--db '' message: $(cat "$T/err")" ;; esac
mkdir -p "$T/nohome" && cd "$T/nohome" || exit 2
env -u HOME -u IVSEARCH_DB -u XDG_DATA_HOME "$IVSEARCH" kafka >/dev/null 2>"$T/err"
expect "no HOME exits 2" "$?" 2
case "$(cat "$T/err")" in *"HOME is not set"*"--db"*"IVSEARCH_DB"*) ok ;; *) bad "no HOME message: $(cat "$T/err")" ;; esac
env -u HOME -u IVSEARCH_DB -u XDG_DATA_HOME "$IVINDEX" --quiet "$T/ex" >/dev/null 2>"$T/err"
expect "ivindex with no HOME exits 2" "$?" 2
case "$(cat "$T/err")" in "ivindex: HOME is not set"*) ok ;; *) bad "ivindex no HOME message: $(cat "$T/err")" ;; esac
expect "nothing written in the current folder" "$(ls -A)" ""
env -u IVSEARCH_DB HOME="$T/home2" XDG_DATA_HOME=rel "$IVSEARCH" kafka >/dev/null 2>"$T/err"
case "$(cat "$T/err")" in *"no database at $T/home2/.local/share/ivsearch/db"*"XDG_DATA_HOME is ignored"*) ok ;;
    *) bad "a relative XDG_DATA_HOME is ignored: $(cat "$T/err")" ;; esac
cd "$T" || exit 2
: >"$T/plainfile"
echo notes >"$T/textfile"
for f in plainfile textfile; do
    "$IVSEARCH" --db "$T/$f" kafka >/dev/null 2>"$T/err"
    case "$?:$(cat "$T/err")" in "2:ivsearch: $T/$f (--db) is a file, not an ivsearch database"*) ok ;;
        *) bad "--db FILE message: $(cat "$T/err")" ;; esac
done
out=$(env -u HOME "$IVSEARCH" --version)
expect "--version exits 0" "$?" 0
case "$out" in "ivsearch "[0-9]*"analyzer: version "*"signature"*"schema:   "[0-9]*"Xapian:   "[0-9]*) ok ;;
    *) bad "--version: $out" ;; esac
help=$("$IVSEARCH" --help)
for flag in db verdict topic limit offset sort json color exact similar similar-text show \
    topics stats explain batch help version; do
    case "$help" in *"--$flag "* | *"--$flag,"*) ok ;; *) bad "--help documents --$flag" ;; esac
done

# ---- --similar-text with invalid UTF-8 -------------------------------------------------------------------
for text in "$(printf 'kafka \344\270')" "$(printf '\377\376 redis 持久化')"; do
    out=$("$IVSEARCH" --json --similar-text "$text" 2>"$T/err")
    rc=$?
    case "$rc:$out" in [01]:'{"query":"'*'"total":'*) ok ;;
        *) bad "--json --similar-text with invalid UTF-8: exit $rc, '$out' $(cat "$T/err")" ;; esac
done
case "$("$IVSEARCH" --json --similar-text "$(printf 'kafka \344\270')")" in '{"query":"kafka �'*) ok ;;
    *) bad "--similar-text repairs like a query" ;; esac

# ---- --topics columns line up (display width) -----------------------------------------------------
widths=$("$IVSEARCH" --topics | while IFS= read -r l; do printf '%s\n' "$l" | LC_ALL=C.UTF-8 wc -L; done | sort -u | wc -l)
expect "--topics lines all as wide" "$widths" 1

# ---- no control byte from data reaches the terminal ---------------------------------------------------
# raw_controls FILE: the bytes a terminal would act on (C0 but \n and \t,
# DEL, C1 as UTF-8, bidirectional overrides and isolates), as hex
raw_controls() {
    od -An -v -tx1 "$1" | tr -s ' \n' '\n\n' | awk '
        NF { b[n++] = $1 }
        END {
            for (i = 0; i < n; i++) {
                x = b[i]; y = b[i + 1]; z = b[i + 2]
                if ((x < "20" && x != "0a" && x != "09") || x == "7f") s = s " " x
                else if (x == "c2" && y >= "80" && y <= "9f") s = s " c2" y
                else if (x == "e2" && y == "80" && z >= "aa" && z <= "ae") s = s " e280" z
                else if (x == "e2" && y == "81" && z >= "a6" && z <= "a9") s = s " e281" z
            }
            print s
        }'
}
mkdir -p "$T/ctl"
ESC=$(printf '\033')
printf '面试内容：\n一、语言\n1. ctlprobe \033[31mred\033[0m bell\a cr\rover c1\302\233x bidi\342\200\256cba \342\201\246iso del\177 end\n2. second\033]0;title\a line\n总结：通过\n' \
    >"$T/ctl/esc-$ESC[31m-name.txt"
"$IVINDEX" --quiet --db "$T/ctldb" "$T/ctl" >/dev/null 2>&1
: >"$T/ctl.all"
for args in "ctlprobe" "--show 1" "--json ctlprobe" "--show 1 --json" "--explain ctlprobe" \
    "--verdict pass" "--similar-text ctlprobe" "--json --similar-text ctlprobe"; do
    # shellcheck disable=SC2086
    "$IVSEARCH" --db "$T/ctldb" --color never $args >>"$T/ctl.all" 2>&1
done
"$IVSEARCH" --db "$T/ctldb" ctlprobe "$(printf 'zz\033[31mqq\a')" >>"$T/ctl.all" 2>&1
"$IVSEARCH" --db "$T/ctldb" --explain "$(printf 'ctlprobe \033[31m\302\233\342\200\256x')" >>"$T/ctl.all" 2>&1
"$IVSEARCH" --db "$T/ctldb" --verdict "$(printf '\033[31mbad')" kafka >>"$T/ctl.all" 2>&1
"$IVSEARCH" --db "$T/ctldb" --topic "$(printf '\033[31mbad\r')" kafka >>"$T/ctl.all" 2>&1
"$IVSEARCH" --db "$T/ctldb" "$(printf 'ctlprob\033[0m')" >>"$T/ctl.all" 2>&1
"$IVSEARCH" --db "$T/no$ESC[31mdb" kafka >>"$T/ctl.all" 2>&1
"$IVSEARCH" --db "$T/ctldb" "$(printf -- '--bo\033[31mgus')" >>"$T/ctl.all" 2>&1
expect "no raw control byte from data in any output" "$(raw_controls "$T/ctl.all")" ""
case "$(cat "$T/ctl.all")" in *'esc-\x1b[31m-name.txt'*'\x1b[31mred\x1b[0m bell\x07'*) ok ;;
    *) bad "controls shown escaped: $(head -5 "$T/ctl.all")" ;; esac
case "$(cat "$T/ctl.all")" in *'c1\u009bx bidi\u202ecba \u2066iso del\x7f'*) ok ;;
    *) bad "C1 and bidi controls shown escaped" ;; esac
case "$("$IVSEARCH" --db "$T/ctldb" --show 1 --json)" in *'\u001B[31mred'*'\u009bx bidi\u202ecba \u2066iso del\u007f'*) ok ;;
    *) bad "JSON escapes controls" ;; esac

# ---- show, topics --------------------------------------------------------------------------
case "$("$IVSEARCH" --show 4)" in *"测试用例均通过"*) ok ;; *) bad "--show prints the text" ;; esac
case "$("$IVSEARCH" --show 4 --json)" in *'"text":'*) ok ;; *) bad "--show --json has text" ;; esac
expect "--show unknown id exits 2" "$(status "$IVSEARCH" --show 999)" 2
case "$("$IVSEARCH" --topics)" in *middleware*中间件*) ok ;; *) bad "--topics lists topics" ;; esac

# ---- incremental -----------------------------------------------------------------------------
before=$(ids kafka)
"$IVINDEX" --json ex >"$T/rerun.json" 2>/dev/null
case "$(cat "$T/rerun.json")" in *'"indexed":0'*'"interviews":0'*) ok ;;
    *) bad "unchanged re-run writes nothing: $(cat "$T/rerun.json")" ;; esac
expect "ids stable after re-run" "$(ids kafka)" "$before"
sed -i 's/用协程实现生产者消费者/用协程实现生产者消费者模型与限流器/' ex/interviews.txt
"$IVINDEX" --json ex >"$T/edit.json" 2>/dev/null
case "$(cat "$T/edit.json")" in *'"indexed":1'*'"interviews":1'*) ok ;;
    *) bad "editing one interview rewrites one record: $(cat "$T/edit.json")" ;; esac
expect "edited interview found under its id" "$(ids 限流器)" "2"
expect "ids stable after edit" "$(ids kafka)" "$before"
mkdir -p ex/more
cp ex/interviews.txt ex/more/copy.txt
"$IVINDEX" --quiet ex
expect "a new file adds its interviews" \
    "$("$IVSEARCH" --stats --json | grep -o '"interviews":[0-9]*')" '"interviews":14'
rm ex/more/copy.txt
"$IVINDEX" --quiet ex
expect "a vanished file's interviews are removed" \
    "$("$IVSEARCH" --stats --json | grep -o '"interviews":[0-9]*')" '"interviews":7'

mkdir -p ex/moved
before=$(ids kafka)
mv ex/interviews.txt ex/moved/interviews.txt
"$IVINDEX" --json ex >"$T/move.json" 2>/dev/null
case "$(cat "$T/move.json")" in *'"moved":1'*) ok ;; *) bad "a moved file is seen as moved: $(cat "$T/move.json")" ;; esac
expect "a moved file keeps its ids" "$(ids kafka)" "$before"
expect "a moved file is not duplicated" \
    "$("$IVSEARCH" --stats --json | grep -o '"interviews":[0-9]*')" '"interviews":7'
mv ex/moved/interviews.txt ex/interviews.txt
"$IVINDEX" --quiet ex

# ---- a listing by filters alone is in source order ----------------------------------------------
# After a first build the ids follow the files, so the listing needs no
# sort; a file added later that sorts first gets a higher id, and the
# listing must still put it first.
mkdir -p "$T/ord"
cp "$EXAMPLES/interviews.txt" "$T/ord/m.txt"
"$IVINDEX" --quiet --db "$T/orddb" "$T/ord"
expect "listing after a first build" "$(ids --db "$T/orddb" --verdict fail)" "1 7"
printf '面试内容：\n1. redis 持久化\n面试不通过。\n' >"$T/ord/a.txt"
"$IVINDEX" --quiet --db "$T/orddb" "$T/ord"
expect "listing after an added file that sorts first" \
    "$(ids --db "$T/orddb" --verdict fail)" "8 1 7"
expect "listing pages go on in source order" \
    "$(ids --db "$T/orddb" --verdict fail --offset 1 --limit 1)" "1"

# ---- dictionary mismatch --------------------------------------------------------------------
printf '限流器模型 100\n' >"$T/user.dict"
IVSEARCH_USER_DICT="$T/user.dict" "$IVSEARCH" kafka 2>"$T/err" >/dev/null
expect "another dictionary exits 2" "$?" 2
case "$(cat "$T/err")" in *"ivindex --reindex"*) ok ;; *) bad "mismatch message: $(cat "$T/err")" ;; esac

# ---- segment mode ------------------------------------------------------------------------------
out=$(printf 'Kafka如何保证消息不丢失\n' | "$IVINDEX" --segment)
case "$out" in *"Kafka  "*"丢失"*) ok ;; *) bad "--segment: $out" ;; esac

# ---- tables stored as they are (indexer/deflate_level.c) ----------------------------------
# A long, very repetitive note: zlib would shrink its stored text to a few
# hundred bytes; ivindex keeps it whole (less CPU), and it reads back.
mkdir -p "$T/long"
{ echo "面试内容："; i=0; while [ $i -lt 3000 ]; do
    echo "Kafka 如何保证消息不丢失：副本、acks=all、幂等生产者"; i=$((i + 1)); done
  echo "面试通过"; } >"$T/long/long.txt"
"$IVINDEX" --quiet --db "$T/longdb" "$T/long" >/dev/null 2>&1
size=$(wc -c <"$T/longdb/docdata.glass")
if [ "$size" -ge 150000 ]; then ok; else bad "document data stored uncompressed: docdata.glass is $size bytes"; fi
case "$("$IVSEARCH" --db "$T/longdb" --json 幂等生产者)" in *'"total":1,'*'"verdict":"pass"'*) ok ;;
    *) bad "the long note is found and read back" ;; esac

echo "cli: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
