#!/bin/sh
# The interview fields end to end: the real ivindex and ivsearch on
# tests/fixtures/fields (an ATS export as text, a write-up with a bare date,
# one whose file name says its outcome): fields in JSON and --show, every
# filter (flags and inline), facets, --sort date and a candidate's listing.
# Usage: fields.sh IVINDEX IVSEARCH FIXTURES_DIR
set -u
IVINDEX=$1
IVSEARCH=$2
FIXTURES=$3

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cp -R "$FIXTURES/fields" "$T/notes"
export IVSEARCH_DB="$T/db"
unset IVSEARCH_USER_DICT XDG_CONFIG_HOME
export HOME="$T/home"
cd "$T" || exit 2

passes=0
fails=0
ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
expect() {
    if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', want '$3'"; fi
}
contains() {
    case $2 in *"$3"*) ok ;; *) bad "$1: '$3' not in '$2'" ;; esac
}
# ids ARGS...: the ids of the hits, in rank order
ids() { "$IVSEARCH" --color never "$@" 2>/dev/null |
        sed -n 's/^\[\([0-9]*\)\].*/\1/p' | tr '\n' ' ' | sed 's/ $//'; }
status() { "$@" >/dev/null 2>&1; echo $?; }
# hit ID KEY: the JSON value of KEY in the hit of interview ID ("" if none)
hit() {
    "$IVSEARCH" --json --limit 100 --verdict pass --verdict fail \
        --verdict pending --verdict unknown |
        sed 's/},{"id"/}\n{"id"/g' | grep "^[^\n]*\"id\":$1," |
        grep -o "\"$2\":\"[^\"]*\"" | sed 's/^"[^"]*":"\(.*\)"$/\1/'
}

# The files, in walk order: 2024-秋招.md (interview 1), ats-export.txt
# (2-5), 美团一面凉经.md (6).
"$IVINDEX" --quiet notes >"$T/index.out" 2>&1
expect "ivindex exits 0" "$?" 0

# ---- fields in the JSON -----------------------------------------------------
expect "candidate of 2" "$(hit 2 candidate)" "张三"
expect "role of 2" "$(hit 2 role)" "Go 后端"
expect "round of 2" "$(hit 2 round)" "二面"
expect "interviewer of 2" "$(hit 2 interviewer)" "李四"
expect "date of 2" "$(hit 2 date)" "2024-07-12"
expect "Round 1 is 一面" "$(hit 3 round)" "一面"
expect "2024/6/30" "$(hit 3 date)" "2024-06-30"
expect "HR 面 is HR面" "$(hit 4 round)" "HR面"
expect "Interviewer: line" "$(hit 4 interviewer)" "Alice"
expect "2024年8月3日" "$(hit 4 date)" "2024-08-03"
expect "姓名：" "$(hit 5 candidate)" "王芳"
expect "a dialogue line is no interviewer's name" "$(hit 5 interviewer)" "李四"
expect "职位：" "$(hit 5 role)" "Go 后端"
expect "7月12日 takes the file name's year" "$(hit 1 date)" "2024-07-12"
expect "round from the title" "$(hit 1 round)" "二面"
expect "no candidate line, no candidate key" "$(hit 1 candidate)" ""
expect "a header-line title becomes the fields" "$(hit 2 title)" \
    "张三 · Go 后端 · 二面"
# verdicts: ATS values, traditional script, HR 说等通知, the file name
expect "Strong Hire" "$(hit 2 verdict)" pass
expect "總結：面試不通過" "$(hit 5 verdict)" fail
expect "HR 说等通知" "$(hit 1 verdict)" pending
expect "凉经 in the file name" "$(hit 6 verdict)" fail

# ---- --show -------------------------------------------------------------------
show=$("$IVSEARCH" --show 4 --color never)
contains "--show candidate" "$show" "candidate: Ｌｉ Ｍｉｎｇ"
contains "--show round" "$show" "round: HR面"
contains "--show interviewer" "$show" "interviewer: Alice"
contains "--show date" "$show" "date: 2024-08-03"
contains "--show --json" "$("$IVSEARCH" --show 4 --json)" '"interviewer":"Alice"'
contains "human hit line" "$("$IVSEARCH" --color never --candidate 王芳)" \
    "· 2023-11-20 · 王芳 · Go 后端 · 李四"

# ---- filters ------------------------------------------------------------------
expect "--candidate lists by date, newest first" "$(ids --candidate 张三)" "2 3"
expect "candidate: inline" "$(ids candidate:张三)" "2 3"
expect "候选人: inline" "$(ids 候选人:张三)" "2 3"
expect "--candidate ignores case and width" "$(ids --candidate 'li ming')" "4"
expect "--candidate matches whole names" "$(ids --candidate 张)" ""
expect "--role ignores case and spaces" "$(ids --role 'GO后端' --sort date)" \
    "2 3 5"
expect "role: inline with words" "$(ids 'role:java后端')" "4"
expect "--round 2面 is 二面" "$(ids --round 2面)" "1 2"
expect "--round 'round 1'" "$(ids --round 'round 1')" "3"
expect "round:hr" "$(ids round:hr)" "4"
expect "--interviewer" "$(ids --interviewer 李四)" "2 5"
expect "interviewer: inline" "$(ids interviewer:ALICE)" "4"
expect "repeated values are alternatives" \
    "$(ids --candidate 张三 --candidate 王芳 --sort date)" "2 3 5"
expect "fields AND" "$(ids --candidate 张三 --round 二面)" "2"
expect "--since a month" "$(ids --since 2024-07 --sort date)" "4 1 2"
expect "--until a day, inclusive" "$(ids --until 2024-06-30 --sort date)" "3 5"
expect "--since --until" "$(ids --since 2024 --until 2024-07-12 --sort date)" \
    "1 2 3"
expect "since: inline" "$(ids since:2024-08)" "4"
expect "until: inline narrows the flag" \
    "$(ids --until 2024-12-31 until:2023 --sort date)" "5"
expect "an empty range" "$(ids --since 2030)" ""
expect "an empty range exits 1" "$(status "$IVSEARCH" --since 2030)" 1
expect "filters with words" "$(ids kafka --candidate 张三)" "2"
expect "a bad date is an error" "$(status "$IVSEARCH" --since 2024-13)" 2
contains "a bad date names itself" "$("$IVSEARCH" --until soon 2>&1)" \
    "bad until date 'soon'"
expect "an empty field is an error" "$(status "$IVSEARCH" role:)" 2
expect "fields do not go with --similar" \
    "$(status "$IVSEARCH" --similar 2 --role x)" 2

# ---- sort and facets ----------------------------------------------------------
expect "--sort date: newest first, undated last" \
    "$(ids --verdict pass --verdict fail --verdict pending --sort date)" \
    "4 1 2 3 5 6"
json=$("$IVSEARCH" --json --verdict pass --verdict fail --verdict pending)
contains "role facet" "$json" '"role":{"go后端":3,"java后端":1}'
contains "round facet" "$json" '"round":{"二面":2,"HR面":1,"一面":1}'
contains "human facets" \
    "$("$IVSEARCH" --color never --verdict pass --verdict fail --verdict pending)" \
    "role: go后端 3, java后端 1 · round: 二面 2, HR面 1, 一面 1"

echo "fields.sh: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
