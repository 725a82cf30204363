#!/bin/bash
# Fault tests with the real programs: kill -9 at random points, a full disk
# and a file-size limit, a read-only database, a database deleted under
# ivsearch, readers during a re-index, a second writer. Self-contained: all
# data is generated in a temporary folder.
# Usage: fault.sh IVINDEX IVSEARCH FIXTURES_DIR EXAMPLES_DIR
# FAULT_SEED=N replays the random kill points of an earlier run;
# FAULT_KILL_RUNS=N makes N kill -9 runs of each kind (default 5 or 6).
set -u
if [ $# -lt 4 ]; then
    echo "usage: fault.sh IVINDEX IVSEARCH FIXTURES_DIR EXAMPLES_DIR" >&2
    exit 2
fi
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
IVINDEX=$(abs "$1")
IVSEARCH=$(abs "$2")
FIXTURES=$(abs "$3")
EXAMPLES=$(abs "$4")

T=$(mktemp -d)
MOUNTS=()
BG=()
cleanup() {
    for p in "${BG[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null; done
    chattr -R -i "$T" 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$T" || exit 2
export HOME=$T/home
unset IVSEARCH_DB IVSEARCH_USER_DICT XDG_CONFIG_HOME XDG_DATA_HOME
# a sanitizer finding must look like a crash (abort), never like exit 1
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:abort_on_error=1"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:print_stacktrace=1:halt_on_error=1:abort_on_error=1"
SEED=${FAULT_SEED:-$(( $(date +%s) % 100000 ))}
RANDOM=$SEED
T0=$(date +%s.%N)

passes=0
fails=0
ROWS=()
pass() { passes=$((passes + 1)); ROWS+=("ok    $*"); }
fail() { fails=$((fails + 1)); ROWS+=("FAIL  $*"); echo "FAIL: $*"; }
skip() { ROWS+=("skip  $*"); echo "skip: $*"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
sanitizer_report() { grep -qE 'Sanitizer|runtime error:' "$1"; }
# what went wrong with a run that exited RC with stderr in LOG, or nothing
crash_of() {
    if grep -q 'LeakSanitizer' "$2"; then echo "leaks memory on this path (LeakSanitizer, exit $1)"
    elif grep -qE 'Sanitizer|runtime error:' "$2"; then
        echo "sanitizer: $(grep -m1 -E 'ERROR: |runtime error:' "$2" | cut -c1-140)"
    elif [ "$1" -ge 128 ]; then echo "died by signal $(($1 - 128))"
    fi
}
# one line on stderr naming the program
one_line() { [ "$(wc -l <"$1")" -eq 1 ] && grep -q "^$2: " "$1"; }
first_line() { head -n 1 "$1" | cut -c1-160; }

# ---- the archive -------------------------------------------------------------
# FILES files of PER short interviews each. State A: every record carries
# "stateone". State B: files 1..CHANGED rewritten with other text and
# "statetwo", the last two files deleted, three new "statetwo" files. The
# change is smaller than one batch (5000 records), so a run from A to B is
# one atomic batch. Records repeat the sample archive's vocabulary.
FILES=45
PER=120
CHANGED=20
# gen DIR FROM TO STATEWORD SALT
gen() {
    awk -v dir="$1" -v from="$2" -v to="$3" -v word="$4" -v salt="$5" -v per=$PER '
    BEGIN {
        split("kafka 消息 丢失|redis 分布式锁|golang 协程 调度|mysql 索引 事务|tcp 三次握手|链表 反转 sync.Once", topic, "|")
        split("总结：通过|总结：不通过|结论：待定|", verdict, "|")
        for (j = from; j <= to; j++) {
            fn = sprintf("%s/notes-%04d.txt", dir, j)
            printf "" > fn
            for (k = 1; k <= per; k++) {
                r = j * per + k + salt
                printf "面试内容：\n%s 编号 f%dk%d tag%d %s\n%s\n", word, j, k,
                       r % 97, topic[r % 6 + 1], verdict[r % 4 + 1] > fn
            }
            close(fn)
        }
    }'
}
to_a() {
    gen arch 1 "$CHANGED" stateone 0
    gen arch $((FILES - 1)) "$FILES" stateone 0
    rm -f arch/notes-004[6-8].txt
}
to_b() {
    gen arch 1 "$CHANGED" statetwo 7
    rm -f arch/notes-0044.txt arch/notes-0045.txt
    gen arch 46 48 statetwo 0
}
mkdir -p arch "$HOME"
gen arch 1 "$FILES" stateone 0
A_TOTAL=$((FILES * PER))
B_ONE=$(((FILES - CHANGED - 2) * PER))
B_TWO=$(((CHANGED + 3) * PER))

# counts DB: "stateone statetwo" of DB, "none" when there is no database,
# "error RC" when ivsearch fails otherwise
counts() {
    local one two rc
    one=$("$IVSEARCH" --db "$1" --json --exact --limit 0 stateone 2>"$T/counts.err")
    rc=$?
    if [ $rc -eq 2 ] && grep -qE 'no database|run ivindex first' "$T/counts.err"; then
        echo none
        return
    fi
    if [ $rc -gt 1 ]; then echo "error $rc $(first_line "$T/counts.err")"; return; fi
    two=$("$IVSEARCH" --db "$1" --json --exact --limit 0 statetwo 2>>"$T/counts.err")
    rc=$?
    if [ $rc -gt 1 ]; then echo "error $rc $(first_line "$T/counts.err")"; return; fi
    echo "$(echo "$one" | sed -n 's/.*"total":\([0-9]*\).*/\1/p') $(echo "$two" |
        sed -n 's/.*"total":\([0-9]*\).*/\1/p')"
}

# results DB: what a user sees, without the ids (a resumed or incremental
# index may number records differently from a clean one) and with hits in
# a canonical order (equal scores may tie in any order)
QUERIES=("kafka" "三次握手 verdict:pass" "redis OR mysql" "sync.Once" "tag7"
         "f3k5" "\"消息 丢失\" tag11")
BROAD=4 # the first BROAD queries: count and facets only
results() {
    "$IVSEARCH" --db "$1" --stats --json 2>&1 | sed 's/"db":"[^"]*",//'
    local i
    for ((i = 0; i < ${#QUERIES[@]}; i++)); do
        echo "## ${QUERIES[$i]}"
        if [ $i -lt $BROAD ]; then
            "$IVSEARCH" --db "$1" --json --exact --limit 0 "${QUERIES[$i]}" 2>&1
            continue
        fi
        "$IVSEARCH" --db "$1" --json --exact --limit 500 "${QUERIES[$i]}" 2>&1 |
            sed -e 's/"id":[0-9]*,//g' -e 's/"rank":[0-9]*,//g' \
                -e 's/"hits":\[{/"hits":[\n{/' -e 's/}\],"facets"/}\n],"facets"/' \
                -e 's/},{"score"/}\n{"score"/g' | sort
    done
}
same_as() { # same_as NAME DB REF
    results "$2" >"$T/got.txt"
    if cmp -s "$T/got.txt" "$3"; then
        pass "$1"
    else
        fail "$1: results differ from a clean index"
        diff "$3" "$T/got.txt" | head -n 6
    fi
}

run_index() { # run_index DB LOG: a complete run
    "$IVINDEX" --quiet --db "$1" arch >"$2" 2>&1
}

# ---- clean references --------------------------------------------------------
t=$(now)
run_index ref-a ref-a.log || { echo "fault: clean index failed: $(cat ref-a.log)"; exit 2; }
T_FULL=$(since "$t")
results ref-a >ref-a.txt
[ "$(counts ref-a)" = "$A_TOTAL 0" ] && pass "clean index of A: $A_TOTAL interviews in ${T_FULL}s" ||
    fail "clean index of A: counts $(counts ref-a), want $A_TOTAL 0"
cp -r ref-a incr
to_b
t=$(now)
run_index incr incr.log
T_INCR=$(since "$t")
run_index ref-b ref-b.log || { echo "fault: clean index of B failed"; exit 2; }
results ref-b >ref-b.txt
[ "$(counts ref-b)" = "$B_ONE $B_TWO" ] && pass "clean index of B" ||
    fail "clean index of B: counts $(counts ref-b), want $B_ONE $B_TWO"
same_as "incremental A->B (${T_INCR}s) equals a clean index of B" incr ref-b.txt
rm -rf incr
to_a

# ---- (a) kill -9 at random points -----------------------------------------------
KILLS=0
# kill_group NAME FROM_SCRATCH MAXDELAY N ALLOWED REF
#   N runs, each killed after a random delay in [0, MAXDELAY] s and each
#   starting from what the previous left; after each kill the database must
#   open and hold one of the ALLOWED states ("one two" counts; "batch":
#   whole files of state A, i.e. committed batches); then a complete run
#   must give the results of REF.
kill_group() {
    local name=$1 scratch=$2 maxdelay=$3 n=$4 allowed=$5 ref=$6
    [ "$scratch" = 1 ] && rm -rf db
    local i bad=0 killed=0 states=""
    for ((i = 1; i <= n; i++)); do
        local d
        # half anywhere in the run, half near its end, where it commits
        d=$(awk -v m="$maxdelay" -v r=$RANDOM -v s=$((i % 2)) \
            'BEGIN { u = r / 32767; printf "%.3f", m * (s ? u : 0.75 + 0.35 * u) }')
        "$IVINDEX" --quiet --db db arch >"$T/kill.log" 2>&1 &
        local pid=$!
        sleep "$d"
        kill -9 $pid 2>/dev/null
        { wait $pid; } 2>/dev/null # without bash's "Killed" line
        local rc=$?
        KILLS=$((KILLS + 1))
        if [ $rc -eq 137 ]; then
            killed=$((killed + 1))
        elif [ $rc -ne 0 ]; then
            fail "$name: run $i (kill at ${d}s) exited $rc: $(first_line "$T/kill.log")"
            bad=1
            continue
        fi
        local c ok=0
        c=$(counts db)
        case "$c" in
        none) [ "$scratch" = 1 ] && ok=1 ;;
        error*) ok=0 ;;
        *)
            for a in $allowed; do
                if [ "$a" = batch ]; then
                    set -- $c
                    [ "$2" = 0 ] && [ $(($1 % PER)) = 0 ] && [ "$1" -le $A_TOTAL ] && ok=1
                elif [ "${a/_/ }" = "$c" ]; then
                    ok=1
                fi
            done
            ;;
        esac
        states="$states ${c// /+}"
        if [ $ok = 0 ]; then
            fail "$name: after a kill at ${d}s the database shows '$c' (allowed: $allowed)"
            bad=1
        fi
    done
    # then a complete run finishes the work (a lock may not outlive kill -9)
    local tries=0
    while ! run_index db "$T/finish.log"; do
        if grep -q locked "$T/finish.log" && [ $tries -lt 20 ]; then
            tries=$((tries + 1))
            sleep 0.1
            continue
        fi
        fail "$name: the run after the kills failed: $(first_line "$T/finish.log")"
        return
    done
    [ $tries -gt 0 ] && fail "$name: the lock outlived kill -9 for $tries tries"
    [ $bad = 0 ] && pass "$name: $n runs ($killed killed mid-run), states seen:$states"
    same_as "$name: complete run after the kills equals a clean index" db "$ref"
}
# FAULT_KILL_RUNS=N runs N per group instead (CI's sanitizer pass: what
# kill -9 leaves does not depend on the sanitizers, and the plain pass
# runs them all)
kill_group "kill -9 indexing from scratch" 1 "$T_FULL" "${FAULT_KILL_RUNS:-6}" "batch" ref-a.txt
to_b
kill_group "kill -9 re-indexing A->B" 0 "$T_INCR" "${FAULT_KILL_RUNS:-5}" "${A_TOTAL}_0 ${B_ONE}_${B_TWO}" ref-b.txt
to_a
kill_group "kill -9 re-indexing B->A" 0 "$T_INCR" "${FAULT_KILL_RUNS:-5}" "${B_ONE}_${B_TWO} ${A_TOTAL}_0" ref-a.txt
kill_group "kill -9 indexing from scratch, again" 1 "$T_FULL" "${FAULT_KILL_RUNS:-5}" "batch" ref-a.txt
echo "fault: $KILLS kill -9 runs (seed $SEED), $(since "$T0")s so far"

# ---- (b) a full disk and a file-size limit ------------------------------------------
# fill_test NAME DB HOW: DB holds state A; the run to state B hits the
# limit; it must fail with one clear line, leave A, and finish once lifted.
after_limit() { # after_limit NAME DB RC LOG LIFT...
    local name=$1 db=$2 rc=$3 log=$4
    shift 4
    if grep -q Sanitizer "$log"; then
        fail "$name: ivindex $(crash_of "$rc" "$log")"
    elif [ "$rc" -ge 128 ]; then
        fail "$name: ivindex died by signal $((rc - 128)) instead of reporting the error"
    elif [ "$rc" -eq 0 ]; then
        fail "$name: ivindex succeeded; the limit was not reached"
    elif sanitizer_report "$log" || ! grep -q '^ivindex: .*\(space\|large\|File too\)' "$log" ||
         [ "$(grep -c '^ivindex: ' "$log")" -ne 1 ]; then
        fail "$name: exit $rc, unclear message: $(first_line "$log")"
    else
        pass "$name: exit $rc, '$(first_line "$log")'"
    fi
    local c
    c=$(counts "$db")
    [ "$c" = "$A_TOTAL 0" ] && pass "$name: the database opens at its last commit" ||
        fail "$name: after the failure the database shows '$c', want '$A_TOTAL 0'"
    "$@"
    if run_index "$db" "$T/lifted.log"; then
        same_as "$name: after lifting the limit a re-run equals a clean index" "$db" ref-b.txt
    else
        fail "$name: the re-run after lifting the limit failed: $(first_line "$T/lifted.log")"
    fi
    to_a
}
# the size of the largest database file, in KiB
largest_kb() { du -ak "$1" | sort -n | tail -n 2 | head -n 1 | cut -f1; }

mkdir -p full
if mount -t tmpfs -o size=64m tmpfs full 2>/dev/null; then
    MOUNTS+=("$T/full")
    cp -r ref-a full/db
    size=$(( $(du -sk full/db | cut -f1) + 192 ))
    mount -o remount,size=${size}k full
    to_b
    "$IVINDEX" --quiet --db full/db arch >"$T/full.log" 2>&1
    after_limit "ENOSPC (tmpfs of ${size} KiB)" full/db $? "$T/full.log" \
        mount -o remount,size=64m full
else
    skip "ENOSPC: cannot mount a tmpfs here (not root or no CAP_SYS_ADMIN); the file-size limit below stands in"
fi

cp -r ref-a efbig
limit=$(( $(largest_kb efbig) + 64 ))
to_b
(trap '' XFSZ; ulimit -f $limit; exec "$IVINDEX" --quiet --db efbig arch) >"$T/efbig.log" 2>&1
after_limit "EFBIG (ulimit -f ${limit}, SIGXFSZ ignored)" efbig $? "$T/efbig.log" true
rm -rf efbig

cp -r ref-a efbig
to_b
(ulimit -f $limit; exec "$IVINDEX" --quiet --db efbig arch) >"$T/efbig.log" 2>&1
after_limit "EFBIG (ulimit -f ${limit}, SIGXFSZ as inherited)" efbig $? "$T/efbig.log" true
rm -rf efbig
echo "fault: disk limits done, $(since "$T0")s so far"

# ---- (c) a read-only database folder -------------------------------------------------
cp -r ref-a ro
RO=""
if mount --bind ro ro 2>/dev/null && MOUNTS+=("$T/ro") &&
   mount -o remount,ro,bind ro 2>/dev/null; then
    RO="read-only bind mount"
elif chattr +i ro ro/* 2>/dev/null; then
    RO="chattr +i"
elif [ "$(id -u)" != 0 ]; then
    chmod a-w ro ro/*
    RO="chmod a-w"
fi
if [ -n "$RO" ]; then
    to_b
    "$IVINDEX" --quiet --db ro arch >"$T/ro.log" 2>&1
    rc=$?
    if [ -n "$(crash_of $rc "$T/ro.log")" ]; then
        fail "read-only database ($RO): ivindex $(crash_of $rc "$T/ro.log")"
    elif [ $rc -ne 2 ] || ! one_line "$T/ro.log" ivindex; then
        fail "read-only database ($RO): exit $rc: $(first_line "$T/ro.log")"
    elif grep -qi 'locked' "$T/ro.log" || ! grep -qiE 'read-only|permission|not permitted' "$T/ro.log"; then
        fail "read-only database ($RO): misleading message: $(first_line "$T/ro.log")"
    else
        pass "read-only database ($RO): exit 2, '$(first_line "$T/ro.log")'"
    fi
    to_a
    "$IVSEARCH" --db ro --json kafka >/dev/null 2>"$T/ro.log"
    rc=$?
    [ $rc -eq 0 ] && pass "read-only database ($RO): ivsearch still answers" ||
        fail "read-only database ($RO): ivsearch exit $rc: $(first_line "$T/ro.log")"
else
    skip "read-only database: running as root without mount or chattr"
fi
mkdir -p rop
if mount --bind rop rop 2>/dev/null && MOUNTS+=("$T/rop") &&
   mount -o remount,ro,bind rop 2>/dev/null; then
    "$IVINDEX" --quiet --db rop/sub/db arch >"$T/rop.log" 2>&1
    rc=$?
    if [ -n "$(crash_of $rc "$T/rop.log")" ]; then
        fail "database under a read-only folder: ivindex $(crash_of $rc "$T/rop.log")"
    elif [ $rc -eq 2 ] && one_line "$T/rop.log" ivindex; then
        pass "database under a read-only folder: exit 2, '$(first_line "$T/rop.log")'"
    else
        fail "database under a read-only folder: exit $rc: $(first_line "$T/rop.log")"
    fi
fi
for m in "$T/ro" "$T/rop"; do umount "$m" 2>/dev/null; done
chattr -R -i ro 2>/dev/null
rm -rf ro

# ---- (d) the database folder deleted while ivsearch runs ------------------------
# search_loop DB STOPFILE OUT: queries until STOPFILE exists; one line per
# query in OUT: "RC STDERR-LINES [broken...] FIRST-STDERR-LINE"
search_loop() {
    local i=0 me=$BASHPID
    while [ ! -e "$2" ]; do
        local q=${QUERIES[$((i % ${#QUERIES[@]}))]}
        i=$((i + 1))
        "$IVSEARCH" --db "$1" --json --limit 20 "$q" >"$3.out.$me" 2>"$3.err.$me"
        local rc=$?
        local lines
        lines=$(wc -l <"$3.err.$me")
        local broken=""
        if [ $rc -le 1 ]; then
            # a whole answer: one JSON object whose hits all have their fields
            local hits srcs
            hits=$(grep -o '"score":' "$3.out.$me" | wc -l)
            srcs=$(grep -o '"source":"[^"]*","ordinal":[0-9]*,"title":"' "$3.out.$me" | wc -l)
            grep -q '^{"query":.*"facets":{.*}}$' "$3.out.$me" || broken=" broken-json"
            [ "$hits" = "$srcs" ] || broken="$broken broken-hit"
        fi
        sanitizer_report "$3.err.$me" && broken="$broken sanitizer"
        echo "$rc $lines$broken $(head -n 1 "$3.err.$me" | cut -c1-120)" >>"$3"
    done
    rm -f "$3.out.$me" "$3.err.$me"
}
del_ok=1
del_msgs=""
for cycle in 1 2 3; do
    rm -rf dbdel
    cp -r ref-a dbdel
    : >"$T/del.$cycle"
    rm -f "$T/stop"
    search_loop dbdel "$T/stop" "$T/del.$cycle" &
    p1=$!
    search_loop dbdel "$T/stop" "$T/del.$cycle" &
    p2=$!
    BG+=($p1 $p2)
    sleep "$(awk -v r=$RANDOM 'BEGIN { printf "%.2f", 0.5 + 1.5 * r / 32767 }')"
    rm -rf dbdel
    sleep 1
    touch "$T/stop"
    wait $p1 $p2
    while read -r rc lines rest; do
        if [ "$rc" -ge 3 ] || [ "$lines" -gt 1 ] || [[ "$rest" == *broken* ]] ||
           [[ "$rest" == *sanitizer* ]]; then
            fail "database deleted during searches: exit $rc, $lines stderr lines: $rest"
            del_ok=0
        elif [ "$rc" = 2 ] && [[ "$rest" != ivsearch:* ]]; then
            fail "database deleted during searches: exit 2 without a message: $rest"
            del_ok=0
        fi
    done <"$T/del.$cycle"
    grep -q '^2 ' "$T/del.$cycle" || { fail "database deleted: no query reported the missing database (cycle $cycle)"; del_ok=0; }
    del_msgs="$del_msgs$(grep '^2 ' "$T/del.$cycle" | cut -d' ' -f3- | sed 's/ at .*//; s/: [^ ]*db[^ ]*//' | sort -u)"$'\n'
done
[ $del_ok = 1 ] && pass "database deleted during searches: $(cat "$T"/del.? | wc -l) queries, exits 0/1 then 2 with: $(echo "$del_msgs" | grep -v '^$' | sort -u | head -n 2 | tr '\n' '|')"

# ---- (e) readers while ivindex re-indexes ----------------------------------------------
rm -rf dbc
cp -r ref-a dbc
: >"$T/conc"
rm -f "$T/stop"
for r in 1 2 3; do
    search_loop dbc "$T/stop" "$T/conc" &
    BG+=($!)
done
writes=0
wbad=0
for writes in 1 2 3 4; do
    if [ $((writes % 2)) = 1 ]; then to_b; else to_a; fi
    "$IVINDEX" --quiet --db dbc arch >"$T/conc.w" 2>&1 || { wbad=1; fail "readers during re-indexing: ivindex failed: $(first_line "$T/conc.w")"; }
done
touch "$T/stop"
wait "${BG[@]}" 2>/dev/null
BG=()
cbad=$(awk '$1 >= 2 || / broken| sanitizer/' "$T/conc" | head -n 3)
nq=$(wc -l <"$T/conc")
if [ -z "$cbad" ] && [ $wbad = 0 ] && [ "$writes" -ge 2 ]; then
    pass "3 readers during $writes re-index runs: $nq queries, none failed or broken"
else
    fail "readers during re-indexing ($writes runs, $nq queries): ${cbad:-too few runs}"
fi
run_index dbc "$T/conc.w"
same_as "after the concurrent runs the database equals a clean index" dbc ref-a.txt
rm -rf dbc

# ---- (f) a second ivindex is refused at once ----------------------------------------------
lock_done=0
for attempt in 1 2 3; do
    rm -rf dbl
    "$IVINDEX" --quiet --db dbl arch >"$T/lock1.log" 2>&1 &
    p=$!
    while [ ! -e dbl/flintlock ] && kill -0 $p 2>/dev/null; do sleep 0.02; done
    t=$(now)
    timeout 30 "$IVINDEX" --quiet --db dbl arch >"$T/lock2.log" 2>&1
    rc=$?
    el=$(since "$t")
    first_running=0
    kill -0 $p 2>/dev/null && first_running=1
    wait $p
    rc1=$?
    if [ $rc -eq 0 ] && [ $first_running = 0 ]; then
        continue # the first finished before the second started: try again
    fi
    lock_done=1
    # refused at once: it ended while the first still ran, not after it
    if [ -n "$(crash_of $rc "$T/lock2.log")" ]; then
        fail "second ivindex: $(crash_of $rc "$T/lock2.log")"
    elif [ $rc -eq 2 ] && grep -q 'locked' "$T/lock2.log" && one_line "$T/lock2.log" ivindex &&
       [ $first_running = 1 ]; then
        pass "second ivindex refused in ${el}s while the first ran: '$(first_line "$T/lock2.log")'"
    else
        fail "second ivindex: exit $rc after ${el}s: $(first_line "$T/lock2.log")"
    fi
    [ $rc1 -eq 0 ] && pass "the first ivindex finished normally beside the refused one" ||
        fail "the first ivindex exited $rc1 beside the refused one: $(first_line "$T/lock1.log")"
    break
done
[ $lock_done = 1 ] || skip "second ivindex: the first run always finished before the second started"

# ---- summary ---------------------------------------------------------------------------------
echo
echo "fault: results (seed $SEED, $(since "$T0")s)"
printf '  %s\n' "${ROWS[@]}"
echo "fault: $passes passed, $fails failed"
[ $fails -eq 0 ]
