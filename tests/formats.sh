#!/bin/bash
# The formats ivindex reads besides plain text, end to end with the real
# programs on the committed fixtures (tests/fixtures/formats/, made by
# make-fixtures.py there): .docx, .html, .pdf, .csv/.tsv/.xlsx and the
# members of .zip/.tar.gz archives (GBK names, archives in archives), each
# searched: words found, headings as sections and topics, the verdict; the
# hostile ones (zip bomb, encrypted member, damaged and scanned PDFs,
# broken docx, broken CSV row, no pdftotext) skipped with their reason;
# archives updated member by member.
# Usage: formats.sh IVINDEX IVSEARCH FIXTURES_DIR
set -u
if [ $# -lt 3 ]; then
    echo "usage: formats.sh IVINDEX IVSEARCH FIXTURES_DIR" >&2
    exit 2
fi
abs() { case "$1" in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
IVINDEX=$(abs "$1")
IVSEARCH=$(abs "$2")
FX=$(abs "$3")/formats
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T" || exit 2
export HOME=$T/home
mkdir -p "$HOME"
unset IVSEARCH_DB IVSEARCH_USER_DICT XDG_DATA_HOME

fails=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fails=$((fails + 1)); }
check() { # check NAME COMMAND...: passes when the command succeeds
    local name=$1
    shift
    if "$@"; then ok "$name"; else bad "$name"; fi
}
has() { grep -qF -- "$2" "$1"; }
# the JSON hit list of a query: ivsearch --json ARGS
q() { "$IVSEARCH" --db "$DB" --json --limit 50 "$@" 2>&1; }
hit() { # hit QUERY SOURCE_SUFFIX VERDICT: a hit from that source, that verdict
    q "$1" | grep -qE "\"source\":\"[^\"]*$2\",\"ordinal\":[0-9]+,\"title\":\"[^\"]*\",\"verdict\":\"$3\""
}
none() { "$IVSEARCH" --db "$DB" "$1" >/dev/null 2>&1; [ $? = 1 ]; }

# ---- every format, searched ------------------------------------------------
mkdir notes
for f in interview.docx notes.html notes.pdf ats.csv ats.tsv ats.xlsx \
    mapped.csv exports.zip encrypted.zip bomb.zip broken.pdf scanned.pdf \
    nodocument.docx malformed.docx; do
    cp "$FX/$f" notes/
done
DB=$T/db
"$IVINDEX" --db "$DB" --csv-map "$FX/columns.map" notes >out 2>err
rc=$?
check "ivindex exits 0 on the mixed folder (got $rc)" [ $rc = 0 ]
check "docx: words, verdict pass" hit 'kafka 丢失' 'notes/interview.docx' pass
check "docx: list item, header and footnote text" hit '灵雀云 GMP 请勿外传' 'interview.docx' pass
check "docx: heading is the section of a hit" \
    has <(q kafka) '"snippet":"中间件 › Kafka'
check "docx: sections give topics" has <(q kafka) '"topics":["language","middleware"]'
check "docx: heading style 标题/heading 1 gives the title" \
    has <(q kafka) '"title":"面试记录：王五 Go 后端"'
check "docx: table cells joined" has <("$IVSEARCH" --db "$DB" --show \
    "$(q kafka | sed -n 's/.*"id":\([0-9]*\).*/\1/p' | head -n 1)") \
    'Redis 持久化 RDB AOF | 4 分'
check "html: words, entities decoded, verdict fail" hit '微任务 强缓存' 'notes/notes.html' fail
check "html: h2 is a section, topic network" has <(q 多路复用) '"topics":["network"'
check "html: script, style and noscript dropped" \
    none scriptsecretword
check "html: style text dropped" none stylesecretword
check "html: noscript text dropped" none noscriptsecretword
if command -v pdftotext >/dev/null; then
    check "pdf: words, verdict pending" hit '索引下推' 'notes/notes.pdf' pending
    check "pdf: damaged one skipped with the reason" \
        has err 'notes/broken.pdf: pdftotext failed'
    check "pdf: one without text says so" \
        has err 'notes/scanned.pdf: no text layer (scanned?), skipped'
fi
check "csv: a row is an interview, verdict from the result column" \
    hit '"etcd raft"' 'notes/ats.csv' pass
check "csv: multi-line quoted cell and doubled quotes" hit 'G1 垃圾回收' 'ats.csv' fail
check "csv: second and third rows are interviews 2 and 3" \
    has <(q 'pytest') '"source":"notes/ats.csv","ordinal":3'
check "csv: broken quoting reported by line, row skipped" \
    has err 'notes/ats.csv: line 5: broken quoting'
check "csv: the broken row is not indexed" none brokenrowword
check "csv: the rest of the file is" hit 'pytest' 'ats.csv' pending
check "csv: other columns kept as Header：value" \
    has <("$IVSEARCH" --db "$DB" chen@example.com) '邮箱'
check "csv: the row's fields (candidate, role, round, interviewer, date)" \
    has <(q etcd) '"date":"2024-07-12","candidate":"陈一","role":"Go 后端","round":"二面","interviewer":"李四"'
check "tsv: English headers, one row" hit 'kubernetes operator' 'notes/ats.tsv' fail
check "tsv: candidate label" has <(q operator) '"candidate":"Alice Wang"'
check "xlsx: shared strings, verdict" hit '窗口函数' 'notes/ats.xlsx' pass
check "--csv-map: mapped headers" has <(q prometheus) '"candidate":"杨九"'
check "--csv-map: mapped result column" hit prometheus 'mapped.csv' pass
check "zip: GBK member name decoded" hit borrowchecker 'notes/exports.zip!/面试/张三.md' fail
check "zip: archive inside the archive" \
    hit rotateword 'notes/exports.zip!/inner.tar.gz!/deep/钱十二.md' pass
check "zip: member heading as a section" has <(q borrowchecker) '"topics":["language"]'
check "zip: encrypted member skipped with the reason" \
    has err 'notes/encrypted.zip!/secret.md: encrypted, skipped'
check "zip: encrypted member not indexed" none secretword
check "zip: its plain neighbour is" hit openword 'encrypted.zip!/open.md' unknown
check "zip: bomb refused with the reason" \
    has err 'notes/bomb.zip: compression ratio above 200 (zip bomb?), skipped'
check "zip: nothing of the bomb indexed" none bombneighbourword
check "docx: without document.xml skipped with the reason" \
    has err 'notes/nodocument.docx: docx without word/document.xml, skipped'
check "docx: malformed XML skipped with the reason" \
    has err 'notes/malformed.docx: malformed XML in the .docx, skipped'
check "summary counts the reasons" \
    has err '1 encrypted, '
check "summary counts the member that is not text" has err ', 1 not text,'

# ---- pdftotext missing: one warning, PDFs skipped and counted ---------------
mkdir nopdf
cp "$FX/notes.pdf" nopdf/a.pdf
cp "$FX/notes.pdf" nopdf/b.pdf
printf '面试记录\nplainnoteword\n' >nopdf/c.md
PATH=/nonexistent "$IVINDEX" --db "$T/db2" nopdf >out2 2>err2
rc=$?
check "no pdftotext: exit 0" [ $rc = 0 ]
check "no pdftotext: one warning" \
    [ "$(grep -c 'pdftotext not installed (Debian' err2)" = 1 ]
check "no pdftotext: both PDFs counted" has err2 '2 pdftotext not installed'
DB=$T/db2
check "no pdftotext: the note is indexed" hit plainnoteword 'nopdf/c.md' unknown

# ---- archives, member by member --------------------------------------------
mkdir -p src/a arch
printf '面试记录\n候选人：甲\nalphaword\n结论：通过\n' >src/a/one.md
printf '面试记录\n候选人：乙\nbetaword\n结论：不通过\n' >src/a/two.md
touch -d '2024-01-01 00:00' src/a/one.md src/a/two.md
(cd src && tar czf ../arch/notes.tar.gz a)
DB=$T/db3
"$IVINDEX" --db "$DB" arch >/dev/null 2>&1
id_of() { q "$1" | sed -n 's/.*"id":\([0-9]*\).*/\1/p' | head -n 1; }
one=$(id_of alphaword)
two=$(id_of betaword)
check "tar.gz: both members indexed" [ -n "$one" -a -n "$two" ]
printf '面试记录\n候选人：乙\nbetaword gammaword\n结论：不通过\n' >src/a/two.md
(cd src && tar czf ../arch/notes.tar.gz a)
"$IVINDEX" --db "$DB" arch >out3 2>&1
check "changed archive: only the changed member is read" \
    has out3 '2 files (1 indexed, 1 unchanged'
check "changed archive: the edited interview keeps its id" [ "$(id_of gammaword)" = "$two" ]
check "changed archive: the other keeps its id" [ "$(id_of alphaword)" = "$one" ]
rm src/a/two.md
(cd src && tar czf ../arch/notes.tar.gz a)
"$IVINDEX" --db "$DB" arch >out4 2>&1
check "member removed: its interview removed" none betaword
check "member removed: the other stays" [ "$(id_of alphaword)" = "$one" ]
"$IVINDEX" --db "$DB" arch/notes.tar.gz >/dev/null 2>&1
check "archive given as a file: its members are the same sources" \
    [ "$(id_of alphaword)" = "$one" ]
rm arch/notes.tar.gz
"$IVINDEX" --db "$DB" arch >out5 2>&1
check "archive removed: its interviews removed" none alphaword

# ---- a bad column map -------------------------------------------------------
printf 'Name candidate\n' >bad.map
"$IVINDEX" --db "$T/db4" --csv-map bad.map notes >/dev/null 2>err6
rc=$?
check "--csv-map with a bad line: exit 2" [ $rc = 2 ]
check "--csv-map with a bad line: the line named" has err6 'bad.map: line 1'

echo "$fails failed"
[ $fails = 0 ]
