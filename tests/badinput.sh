#!/bin/bash
# The bad-input table with the real programs: hostile files for ivindex and
# hostile queries for ivsearch. Every row must end with exit 0/1 (or 2 with
# one clear line), never a crash, a sanitizer report or a hang, and ivindex
# must either index the input or name it in a warning with the reason; the
# good file beside it is always indexed. Prints the observed behaviour.
# Usage: badinput.sh IVINDEX IVSEARCH FIXTURES_DIR EXAMPLES_DIR
# BADINPUT_TIMEOUT (s, default 120) bounds each run; the 50 MB and the
# 100,000-file rows get five times as long.
set -u
if [ $# -lt 4 ]; then
    echo "usage: badinput.sh IVINDEX IVSEARCH FIXTURES_DIR EXAMPLES_DIR" >&2
    exit 2
fi
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
IVINDEX=$(abs "$1")
IVSEARCH=$(abs "$2")
FIXTURES=$(abs "$3")
EXAMPLES=$(abs "$4")
TO=${BADINPUT_TIMEOUT:-120}
BIG_TO=$((TO * 5))

T=$(mktemp -d)
BG=()
cleanup() {
    for p in "${BG[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cd "$T" || exit 2
export HOME=$T/home
mkdir -p "$HOME"
unset IVSEARCH_DB IVSEARCH_USER_DICT XDG_CONFIG_HOME XDG_DATA_HOME
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:abort_on_error=1"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:print_stacktrace=1:halt_on_error=1:abort_on_error=1"
T0=$(date +%s.%N)
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

passes=0
fails=0
ROWS=()
row() { # row OK|FAIL NAME OBSERVED
    if [ "$1" = OK ]; then passes=$((passes + 1)); else fails=$((fails + 1)); echo "FAIL: $2: $3"; fi
    ROWS+=("$(printf '%-4s %-34s %s' "$1" "$2" "$3")")
}
# what went wrong with a run (exit RC, stderr LOG), or nothing
crash_of() {
    if [ "$1" = 124 ] || [ "$1" = 137 ]; then echo "hung (killed by timeout, exit $1)"
    elif grep -q 'LeakSanitizer' "$2"; then echo "leaks memory (LeakSanitizer, exit $1)"
    elif grep -qE 'Sanitizer|runtime error:' "$2"; then
        echo "sanitizer: $(grep -m1 -E 'ERROR: |runtime error:' "$2" | cut -c1-140)"
    elif [ "$1" -ge 128 ]; then echo "crashed: signal $(($1 - 128))"
    elif [ "$1" -gt 2 ]; then echo "exit $1"
    fi
}
# the reasons in ivindex's summary line: "(1 binary file, 2 ...)"
reasons() { sed -n 's/^ivindex: [0-9]* files .* skipped (\(.*\)), .* MB in .*/\1/p' "$1" | head -n 1; }
clean() { tr -c '[:print:]\n' '?' | cut -c1-"${2:-110}"; }

# ---- ivindex rows ------------------------------------------------------------
N=0
good() { # good DIR: an ordinary note beside the bad input
    printf '面试内容：\n一、中间件\n1. kafka 如何保证消息不丢失 goodmarker%d\n总结：通过\n' "$N" >"$1/good.txt"
}
# index_row NAME DIR PATTERN [TIMEOUT]: runs ivindex on DIR; the bad input
# carries probe<N> when it has text, and PATTERN finds its name in a warning
index_row() {
    local name=$1 dir=$2 pat=$3 to=${4:-$TO}
    local db=db.$N log=$T/log.$N
    local t
    t=$(date +%s.%N)
    timeout -k 5 "$to" "$IVINDEX" --db "$db" "$dir" >"$log.out" 2>"$log"
    local rc=$?
    local secs
    secs=$(since "$t")
    local bad
    bad=$(crash_of $rc "$log")
    if [ -n "$bad" ]; then
        row FAIL "$name" "$bad after ${secs}s: $(grep -v '^    #' "$log" | head -n 2 | tr '\n' ' ' | clean)"
        return
    fi
    if [ $rc = 2 ]; then
        row FAIL "$name" "exit 2: $(head -n 1 "$log" | clean)"
        return
    fi
    if ! "$IVSEARCH" --db "$db" --limit 1 "goodmarker$N" >/dev/null 2>&1; then
        row FAIL "$name" "the good file beside it was not indexed (exit $rc): $(head -n 1 "$log" | clean)"
        return
    fi
    local what warn
    warn=$(grep -aE "^ivindex: .*($pat)" "$log" | grep -av ' files (' | head -n 1 |
           sed 's/^ivindex: [^:]*: //' | clean 70)
    case "$warn" in
    *"out of memory"*)
        row FAIL "$name" "exit $rc, a misleading reason: '$warn'"
        return ;;
    esac
    if "$IVSEARCH" --db "$db" --limit 1 "probe$N" >/dev/null 2>&1; then
        what="indexed"
        [ -n "$warn" ] && what="indexed, warned '$warn'"
    elif [ -n "$warn" ]; then
        what="skipped: '$warn'"
    elif [ "$pat" = EMPTY ] && grep -q '^ivindex: 2 files (2 indexed' "$log"; then
        what="read as a file without interviews, no warning"
    else
        row FAIL "$name" "exit $rc, dropped without a warning naming it; summary: $(grep -a ' files (' "$log" | sed 's/ interviews written.*//' | clean)"
        return
    fi
    local r
    r=$(reasons "$log")
    row OK "$name" "exit $rc, $what${r:+; summary: $r} (${secs}s)"
}
newrow() { N=$((N + 1)); d=r$N; mkdir -p "$d"; good "$d"; }
P() { printf 'probe%d' "$N"; }

# the two big rows run beside the others (two cores); BADINPUT_QUICK=1
# leaves them out (while editing this script)
QUICK=${BADINPUT_QUICK:-0}
# 1-line 50 MB file
N=100
if [ "$QUICK" != 1 ]; then
mkdir -p big
good big
awk -v p="probe$N" 'BEGIN {
    u = "kafka 丢失 分布式锁 sync.Once 127.0.0.1 面试 gc 协程 "
    s = p " "; for (i = 0; i < 1000; i++) s = s u
    n = int(50 * 1024 * 1024 / length(s)) + 1
    for (i = 0; i < n; i++) printf "%s", s
}' >big/one-line.txt
BIGN=$N
(index_row "1-line 50 MB file" big 'one-line' "$BIG_TO"; printf '%s\n' "${ROWS[@]}" >"$T/big.rows") &
BG+=($!)

# 100,000 tiny files
N=101
mkdir -p many
good many
t=$(date +%s.%N)
awk -v p="probe$N" 'BEGIN {
    for (d = 0; d < 100; d++) {
        dir = sprintf("many/d%02d", d); system("mkdir " dir)
        for (i = 0; i < 1000; i++) {
            fn = sprintf("%s/n%03d.txt", dir, i)
            printf "%s n%d\n", (d == 99 && i == 999) ? p : "tiny", d * 1000 + i > fn
            close(fn)
        }
    }
}'
MADE=$(since "$t")
index_row "100,000 tiny files (made in ${MADE}s)" many 'n999' "$BIG_TO"
count=$("$IVSEARCH" --db db.$N --stats --json 2>/dev/null | sed -n 's/.*"interviews":\([0-9]*\).*/\1/p')
fi

N=0
newrow; head -c 65536 /dev/urandom >"$d/random.txt"
index_row "random bytes (64 KiB)" "$d" 'random'

newrow; { printf '面试内容：\n%s kafka 丢失\n' "$(P)"; head -c 3000 /dev/urandom | tr -d '\000'; } >"$d/noise.md"
index_row "text then random bytes" "$d" 'noise'

newrow; printf '面试内容：\n%s 消息不丢失 redis\n' "$(P)" >"$d/nul.txt"; printf 'a\000b\n' >>"$d/nul.txt"
index_row "NUL byte in text" "$d" 'nul'

newrow; printf '面试内容：\n%s 分布式锁 丢\xe5\xa4' "$(P)" >"$d/trunc-end.txt"
index_row "truncated UTF-8 at the end" "$d" 'trunc-end'

newrow; printf '面试内容：\n%s 分布式锁 \xe4\xb8 redis\n总结：通过\n' "$(P)" >"$d/trunc-mid.txt"
index_row "truncated UTF-8 inside" "$d" 'trunc-mid'

newrow; printf '面试内容：\n%s kafka \xc0\xaf \xe0\x80\xaf \xf0\x80\x80\xaf\n' "$(P)" >"$d/overlong.txt"
index_row "overlong encodings" "$d" 'overlong'

newrow; printf '\xed\xa0\x80 %s 代理对 \xed\xb0\x80\n' "$(P)" >"$d/cesu.txt"
index_row "UTF-8-encoded surrogates" "$d" 'cesu'

newrow
{ printf '\xff\xfe'; printf '面试内容：\n%s kafka ' "$(P)" | iconv -f UTF-8 -t UTF-16LE; printf '\x00\xd8a\x00\n\x00'; } >"$d/utf16le-lone.txt"
index_row "UTF-16LE, lone high surrogate" "$d" 'utf16le-lone'

newrow
{ printf '\xfe\xff'; printf '面试内容：\n%s redis ' "$(P)" | iconv -f UTF-8 -t UTF-16BE; printf '\xdc\x00\x00b\x00\n'; } >"$d/utf16be-lone.txt"
index_row "UTF-16BE, lone low surrogate" "$d" 'utf16be-lone'

newrow
{ printf '\xff\xfe'; printf '面试内容：\n%s mysql 索引\n' "$(P)" | iconv -f UTF-8 -t UTF-16LE; printf 'x'; } >"$d/utf16-odd.txt"
index_row "UTF-16 with an odd byte count" "$d" 'utf16-odd'

newrow; printf '面试内容：\n%s 分布式锁 三次握手\n' "$(P)" | iconv -f UTF-8 -t GB18030 >"$d/gbk.txt"
index_row "GB18030 (control row)" "$d" 'gbk'

newrow; : >"$d/empty.txt"
index_row "empty file" "$d" EMPTY

newrow; printf '\xef\xbb\xbf' >"$d/bom-only.txt"
index_row "BOM only" "$d" EMPTY

newrow; p=$d
for i in $(seq 1 100); do
    p=$p/level$i
    [ $i = 50 ] && { mkdir -p "$p"; printf '面试内容：\nlevel fifty probe%dx\n' "$N" >"$p/mid.txt"; }
done
mkdir -p "$p"; printf '面试内容：\n%s 深层\n' "$(P)" >"$p/deep.txt"
index_row "100 nested folders" "$d" 'nested|level'
if ! "$IVSEARCH" --db db.$N probe${N}x >/dev/null 2>&1 && [ -d "db.$N" ]; then
    row FAIL "100 nested folders (level 50)" "the file 50 levels down was not indexed"
fi

newrow; ln -s loop-b.txt "$d/loop-a.txt"; ln -s loop-a.txt "$d/loop-b.txt"
ln -s . "$d/self"; mkdir -p "$d/sub"; ln -s .. "$d/sub/up"
printf '面试内容：\n%s 链表\n' "$(P)" >"$d/sub/real.txt"
index_row "symlink loops (files, folders)" "$d" 'loop'

newrow; ln -s nowhere.txt "$d/dangling.txt"
index_row "broken symlink" "$d" 'dangling'

newrow; printf '面试内容：\n%s 奇怪的名字\n' "$(P)" >"$d/bad-$(printf '\xff\xfe')-name.txt"
index_row "file name not UTF-8" "$d" 'bad-'

newrow; printf '面试内容：\n%s 换行\n' "$(P)" >"$d/new
line.txt"
index_row "file name with a newline" "$d" 'new'

newrow; printf '面试内容：\n%s 控制\n' "$(P)" >"$d/esc-$(printf '\033')[31m-name.txt"
index_row "file name with ESC" "$d" 'esc-'
"$IVSEARCH" --db db.$N --color never "probe$N" >"$T/esc.out" 2>&1
raw=$(od -An -v -tx1 "$T/esc.out" | grep -c ' 1b')
[ "$raw" = 0 ] || row FAIL "file name with ESC (search)" "ESC reached the terminal: $(clean <"$T/esc.out" | head -n 1)"

newrow
if [ "$(id -u)" = 0 ]; then
    mkfifo "$d/fifo.txt"
    index_row "unreadable: FIFO named .txt (root)" "$d" 'fifo'
    newrow; mkdir -p "$d/folder.txt"; printf '面试内容：\n%s 文件夹\n' "$(P)" >"$d/folder.txt/inside.md"
    index_row "folder named x.txt" "$d" 'folder'
else
    printf '面试内容：\n%s 权限\n' "$(P)" >"$d/secret.txt"; chmod 000 "$d/secret.txt"
    index_row "unreadable file (mode 000)" "$d" 'secret'
fi

newrow; mkfifo "$d/pipe.txt"
timeout -k 5 "$TO" "$IVINDEX" --db db.fifo "$d/pipe.txt" >/dev/null 2>"$T/fifo.log"
rc=$?
bad=$(crash_of $rc "$T/fifo.log")
if [ -n "$bad" ]; then row FAIL "FIFO given as PATH" "$bad"
elif [ $rc -ge 1 ] && grep -q 'pipe.txt' "$T/fifo.log"; then row OK "FIFO given as PATH" "exit $rc, '$(head -n 1 "$T/fifo.log" | sed 's/^ivindex: [^:]*: //' | clean)'"
else row FAIL "FIFO given as PATH" "exit $rc without naming it: $(head -n 1 "$T/fifo.log" | clean)"
fi

# a file that grows while ivindex reads it
newrow
printf '面试内容：\n%s 增长\n' "$(P)" >"$d/growing.txt"
awk 'BEGIN { for (i = 0; i < 5000; i++) printf "第%d行 kafka 分布式锁 redis 三次握手\n", i }' >>"$d/growing.txt"
for i in $(seq 1 5); do cp "$d/growing.txt" "$d/other-$i.txt"; done
( while :; do
      printf '追加 kafka 消息 %s\n' "$RANDOM" >>"$d/growing.txt"
      [ $((RANDOM % 50)) = 0 ] && printf '面试内容：\n新的一段\n' >>"$d/growing.txt"
  done ) &
W=$!
BG+=($W)
index_row "file growing while read" "$d" 'growing'
kill $W 2>/dev/null
wait $W 2>/dev/null

# ---- ivindex --segment ------------------------------------------------------------
for kind in random long; do
    if [ $kind = random ]; then head -c 200000 /dev/urandom >"$T/seg.in"
    else awk 'BEGIN { for (i = 0; i < 20000; i++) printf "分布式锁kafka丢失"; print "" }' >"$T/seg.in"; fi
    timeout -k 5 "$TO" "$IVINDEX" --segment --search-mode <"$T/seg.in" >"$T/seg.out" 2>"$T/seg.err"
    rc=$?
    bad=$(crash_of $rc "$T/seg.err")
    if [ -n "$bad" ]; then row FAIL "--segment: $kind input" "$bad"
    elif [ $rc != 0 ]; then row FAIL "--segment: $kind input" "exit $rc: $(head -n 1 "$T/seg.err" | clean)"
    else row OK "--segment: $kind input" "exit 0, $(wc -l <"$T/seg.in") lines in, $(wc -l <"$T/seg.out") out"
    fi
done

# ---- ivsearch rows ---------------------------------------------------------------------
mkdir -p ex
cp "$EXAMPLES/interviews.txt" ex/
"$IVINDEX" --quiet --db qdb ex >/dev/null 2>&1 || row FAIL "query database" "ivindex of the examples failed"
# whole repetitions only: awk may count bytes, and a cut character would
# make these rows about invalid UTF-8
long=$(awk 'BEGIN { for (i = 0; i < 334; i++) s = s "kafka 分布式锁 丢失 \"三次 握手\" -redis OR gc "; print s }')
longlatin=$(awk 'BEGIN { while (length(s) < 10000) s = s "abcdefghij"; print s }')
longcjk=$(awk 'BEGIN { for (i = 0; i < 834; i++) s = s "分布式锁消息丢失三次握手"; print s }')
# query_row NAME ARGS...: ivsearch --db qdb --json ARGS
query_row() {
    local name=$1
    shift
    local t
    t=$(date +%s.%N)
    timeout -k 5 "$TO" "$IVSEARCH" --db qdb --json "$@" >"$T/q.out" 2>"$T/q.err"
    local rc=$?
    local secs
    secs=$(since "$t")
    local bad
    bad=$(crash_of $rc "$T/q.err")
    if [ -n "$bad" ]; then
        row FAIL "$name" "$bad: $(grep -v '^    #' "$T/q.err" | head -n 1 | clean)"
    elif [ $rc = 2 ]; then
        if [ "$(wc -l <"$T/q.err")" = 1 ] && grep -q '^ivsearch: ' "$T/q.err"; then
            row OK "$name" "exit 2, '$(sed 's/^ivsearch: //' "$T/q.err" | clean 80)'"
        else
            row FAIL "$name" "exit 2 without one clear line: $(head -n 2 "$T/q.err" | tr '\n' ' ' | clean)"
        fi
    elif ! grep -q '^{"query":.*}$' "$T/q.out"; then
        row FAIL "$name" "exit $rc with broken JSON: $(head -c 100 "$T/q.out" | clean)"
    else
        local total
        total=$(sed -n 's/^{"query":.*"total":\([0-9]*\),.*/\1/p' "$T/q.out")
        row OK "$name" "exit $rc, $total hits (${secs}s)$( [ -s "$T/q.err" ] && echo "; '$(head -n 1 "$T/q.err" | sed 's/^ivsearch: //' | clean 50)'")"
    fi
}
# raw_controls FILE...: bytes a terminal would act on (C0 but \n and \t,
# DEL, C1 controls, bidirectional overrides and isolates), as hex
raw_controls() {
    cat "$@" | od -An -v -tx1 | tr -s ' \n' '\n\n' | awk '
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
        }' | sed 's/^ //'
}
# human_row NAME ARGS...: ivsearch --db qdb --color never ARGS; besides the
# query_row rules, no raw control byte may reach the terminal
human_row() {
    local name=$1
    shift
    timeout -k 5 "$TO" "$IVSEARCH" --db qdb --color never "$@" >"$T/q.out" 2>"$T/q.err"
    local rc=$?
    local bad
    bad=$(crash_of $rc "$T/q.err")
    local raw
    raw=$(raw_controls "$T/q.out" "$T/q.err")
    if [ -n "$bad" ]; then
        row FAIL "$name" "$bad: $(head -n 1 "$T/q.err" | clean)"
    elif [ -n "$raw" ]; then
        row FAIL "$name" "exit $rc, raw control bytes on the terminal: $raw"
    elif [ $rc = 2 ] && ! { [ "$(wc -l <"$T/q.err")" = 1 ] && grep -q '^ivsearch: ' "$T/q.err"; }; then
        row FAIL "$name" "exit 2 without one clear line: $(head -n 2 "$T/q.err" | tr '\n' ' ' | clean)"
    else
        row OK "$name" "exit $rc, $(grep -c '^\[[0-9]*\]' "$T/q.out") hits, no raw control$( [ -s "$T/q.err" ] && echo "; '$(head -n 1 "$T/q.err" | sed 's/^ivsearch: //' | clean 50)'")"
    fi
}
query_row "query: only operators" -- 'OR - "" OR --\'
query_row "query: OR alone" OR
query_row "query: lone -" -- -
query_row "query: lone - (no --)" -
query_row "query: only a negation" -- -kafka
query_row "query: unbalanced quote" '"kafka 丢失'
query_row "query: quote at the end" 'kafka"'
query_row "query: 10,000 characters" "$long"
query_row "query: 10,000-char Latin word" "$longlatin"
query_row "query: 10,000 CJK characters" "$longcjk"
query_row "query: control characters" "$(printf 'kafka\001\002\033[31m\177丢失\t')"
query_row "query: invalid UTF-8" "$(printf '\xff\xfekafka\xc0\xaf 丢\xe5')"
query_row "query: empty" ''
query_row "query: empty filters" 'topic: verdict:'
human_row "--explain: odd query" --explain -- '- "" OR'
query_row "--explain --json: refused" --explain -- kafka
human_row "human: control characters" "$(printf 'kafka\001\002\033[31m\177丢失\t\302\233\342\200\256')"
human_row "human: invalid UTF-8" "$(printf '\xff\xfekafka\xc0\xaf 丢\xe5')"
human_row "human: --explain control characters" --explain "$(printf 'kafka \033]0;x\a \033[2J')"
human_row "human: unknown verdict with ESC" --verdict "$(printf '\033[31mx')" kafka
human_row "human: --similar-text controls" --similar-text "$(printf 'kafka\033[31m \r\033[2K')"
query_row "--similar-text: odd text" --similar-text "$(printf '\001 - OR "')"

# ---- the big rows ----------------------------------------------------------------------
[ -n "${count:-}" ] && [ "$count" -lt 100000 ] &&
    row FAIL "100,000 tiny files (count)" "only $count interviews in the database"
if [ "$QUICK" != 1 ]; then
wait "${BG[0]}"
[ -f "$T/big.rows" ] && while IFS= read -r l; do
    case "$l" in
    OK*1-line*) passes=$((passes + 1)); ROWS+=("$l") ;;
    FAIL*1-line*) fails=$((fails + 1)); ROWS+=("$l"); echo "$l" ;;
    esac
done <"$T/big.rows"
[ -f "$T/big.rows" ] || { fails=$((fails + 1)); ROWS+=("FAIL 1-line 50 MB file: no result"); }
fi

echo
echo "badinput: observed behaviour ($(since "$T0")s)"
printf '  %s\n' "${ROWS[@]}"
echo "badinput: $passes passed, $fails failed"
[ $fails -eq 0 ]
