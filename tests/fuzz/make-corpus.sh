#!/bin/sh
# Regenerates the seed corpora corpus/<target>/ from tests/fixtures,
# examples/ and the relevance queries. Usage: tests/fuzz/make-corpus.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=$here/corpus
rm -rf "$out"
mkdir -p "$out/archive" "$out/analyze" "$out/query" "$out/docx" "$out/html" \
    "$out/csv"

# archive: whole note files, every encoding the decoder knows
for f in "$root"/tests/fixtures/*.txt "$root"/tests/fixtures/*.md \
         "$root"/examples/*.txt; do
    cp "$f" "$out/archive/$(basename "$f")"
done
# the sample archive is 16 KB: also its first interviews alone
awk '/^面试内容/{n++} n>=1 && n<=2' "$root/examples/interviews.txt" \
    >"$out/archive/examples-first-two.txt"

# analyze: paragraphs of the UTF-8 files (the analyzer reads UTF-8)
i=0
for f in "$root"/tests/fixtures/archive-*.* "$root"/tests/fixtures/decode-utf8.txt \
         "$root"/tests/fixtures/verdict-traps.txt "$root"/examples/interviews.txt; do
    awk -v dir="$out/analyze" -v base="$(basename "$f")" '
        BEGIN { RS = ""; n = 0 }
        { n++; if (n > 12) exit; fn = dir "/" base "." n; printf "%s\n", $0 > fn; close(fn) }
    ' "$f"
done
printf 'sync.Once 127.0.0.1 http2 c++ pkg/errors std::vector a_b-c\n' >"$out/analyze/latin.txt"
printf '分佈式鎖 記憶體 ｋａｆｋａ Ｃ＋＋ ①② 3次握手 2MSL 〇\n' >"$out/analyze/fold.txt"
printf 'e\xcc\x81 \xef\xbb\xbf\xe4\xb8 \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 ok\n' >"$out/analyze/invalid.txt"

# query: the first byte is the snippet width ("P": 100 columns), the rest
# the query
q() { printf 'P%s' "$2" >"$out/query/$1"; }
n=0
tail -n +2 "$root/bench/relevance/queries.tsv" | cut -f2 | while IFS= read -r line; do
    n=$((n + 1))
    q "relevance-$n" "$line"
done
q phrase '"消息不丢失" kafka'
q exclude '分布式锁 -setnx'
q or '链表 OR 逃逸分析'
q filters 'verdict:pass topic:中间件 kafka'
q fullwidth 'ｋａｆｋａ 分佈式鎖'
q operators '- OR "" -- OR OR "'
q unbalanced '"kafka 丢失'
q control "$(printf 'a\tb\001c')"
q dash '-'
# readers: the format fixtures ('Z' a whole docx, 'D' its document.xml;
# a separator byte before each export)
fx=$root/tests/fixtures/formats
{ printf Z; cat "$fx/interview.docx"; } >"$out/docx/interview.docx"
{ printf D; unzip -p "$fx/interview.docx" word/document.xml; } >"$out/docx/document.xml"
cp "$fx/notes.html" "$out/html/notes.html"
{ printf ,; cat "$fx/ats.csv"; } >"$out/csv/ats.csv"
{ printf ,; cat "$fx/mapped.csv"; } >"$out/csv/mapped.csv"
{ printf '\t'; cat "$fx/ats.tsv"; } >"$out/csv/ats.tsv"
echo "corpus: $(ls "$out/archive" | wc -l) archive, $(ls "$out/analyze" | wc -l) analyze, $(ls "$out/query" | wc -l) query"
