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

echo "cli: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
