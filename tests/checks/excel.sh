#!/bin/sh
# Plans through Excel and back, in the encodings Excel writes: each sample
# exported, saved as Excel's 「Unicode テキスト」 (UTF-16LE with a BOM and
# tabs) and as UTF-8 with a BOM, imported into a new database and
# exported again, byte for byte the same; CP932 read and said so; a file
# in no encoding one error with its line and column; files that are not
# plan files refused before a byte is read.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
bin=${SHISAKU_BIN:-build/san/shisaku}
db=$scratch/src.db
"$bin" -d "$db" init >/dev/null 2>&1 && "$bin" -d "$db" import db/samples/*.csv >/dev/null 2>&1 ||
    fail "the samples load" "init or import failed"

for plan in yuki-ap omitama-dx shimotsuma-6 omitama-1; do
	"$bin" -d "$db" export --plan "$plan" -o "$scratch/$plan.csv"
	"$bin" -d "$db" export --plan "$plan" --tsv --crlf -o "$scratch/$plan.tsv"
	# Excel's Unicode text: UTF-16LE, a BOM, tabs, CRLF.
	{ printf '\377\376'; iconv -f UTF-8 -t UTF-16LE "$scratch/$plan.tsv"; } \
	    > "$scratch/$plan-utf16.txt"
	new=$scratch/$plan-16.db
	"$bin" -d "$new" init >/dev/null 2>&1
	if "$bin" -d "$new" import "$scratch/$plan-utf16.txt" > "$scratch/out" 2> "$scratch/err"; then
		pass "$plan: UTF-16 with tabs imports"
	else
		fail "$plan: UTF-16 with tabs imports" "$(head -c 600 "$scratch/err")"
	fi
	grep -q '文字コードは UTF-16LE です' "$scratch/err" &&
	    pass "$plan: says it read UTF-16LE" || fail "$plan: says it read UTF-16LE" "$(cat "$scratch/err")"
	"$bin" -d "$new" export --plan "$plan" -o "$scratch/$plan-again.csv"
	cmp -s "$scratch/$plan.csv" "$scratch/$plan-again.csv" &&
	    pass "$plan: through UTF-16 and back, the same export" ||
	    fail "$plan: through UTF-16" "$(diff "$scratch/$plan.csv" "$scratch/$plan-again.csv" | head -n 8)"
done

# UTF-16 written without a BOM (by a tool, not Excel): one error naming
# what it seems to be and the way to read it, then read with --encoding.
iconv -f UTF-8 -t UTF-16LE "$scratch/yuki-ap.tsv" > "$scratch/nobom16.txt"
new=$scratch/nobom.db
"$bin" -d "$new" init >/dev/null 2>&1
"$bin" -d "$new" import "$scratch/nobom16.txt" > "$scratch/out" 2> "$scratch/err"; rc=$?
[ "$rc" = 1 ] && grep -q "nobom16.txt:1:2: NUL バイトがあります: BOM のない UTF-16 のようです（--encoding utf-16le か utf-16be を指定するか" "$scratch/err" &&
    [ "$(grep -c 'nobom16.txt:' "$scratch/err")" = 1 ] &&
    pass "UTF-16 without a BOM: one error that says so and what to do" ||
    fail "UTF-16 without a BOM" "rc $rc: $(head -c 600 "$scratch/err")"
"$bin" -d "$new" import --encoding utf-16le "$scratch/nobom16.txt" > "$scratch/out" 2>&1 &&
    pass "and with --encoding utf-16le it imports" ||
    fail "--encoding utf-16le" "$(head -c 600 "$scratch/out")"

# Every sample through CP932 and back, identical: the pairs are mapped
# both ways, and what CP932 lacks (▶, 进) goes as &#x25B6; with
# --unmappable ref; without it, the export is refused naming the first.
for plan in yuki-ap omitama-dx shimotsuma-6 omitama-1; do
	"$bin" -d "$db" export --plan "$plan" --encoding cp932 --unmappable ref \
	    -o "$scratch/$plan-sjis.csv" 2>/dev/null
	new=$scratch/$plan-932.db
	"$bin" -d "$new" init >/dev/null 2>&1
	"$bin" -d "$new" import "$scratch/$plan-sjis.csv" >/dev/null 2>&1
	"$bin" -d "$new" export --plan "$plan" -o "$scratch/$plan-932.csv"
	cmp -s "$scratch/$plan.csv" "$scratch/$plan-932.csv" &&
	    pass "$plan: through CP932 and back, the same export" ||
	    fail "$plan: through CP932" "$(diff "$scratch/$plan.csv" "$scratch/$plan-932.csv" | head -n 8)"
done
"$bin" -d "$db" export --plan omitama-dx --encoding cp932 -o "$scratch/no.csv" 2> "$scratch/err"; rc=$?
[ "$rc" = 1 ] && grep -q '「▶」（U+25B6）は CP932 で表せません' "$scratch/err" && [ ! -e "$scratch/no.csv" ] &&
    pass "a character CP932 lacks is refused by name, code point and place, no file" ||
    fail "CP932 refusal" "rc $rc: $(cat "$scratch/err")"
"$bin" -d "$db" export --plan omitama-dx --encoding cp932 --unmappable geta -o "$scratch/geta.csv" 2> "$scratch/err"
grep -q 'CP932 で表せない 75 文字を「〓」で書き出しました' "$scratch/err" &&
    iconv -f CP932 -t UTF-8 "$scratch/geta.csv" | grep -q '〓職場研修' &&
    pass "--unmappable geta writes 〓 and says how many" ||
    fail "--unmappable geta" "$(cat "$scratch/err")"

# CP932, as Excel's plain CSV saves it (omitama-1 holds only characters
# CP932 has): read, said so, the same plan.
iconv -f UTF-8 -t CP932 "$scratch/omitama-1.csv" > "$scratch/sjis.csv"
"$bin" -d "$scratch/sjis.db" init >/dev/null 2>&1
"$bin" -d "$scratch/sjis.db" import "$scratch/sjis.csv" > /dev/null 2> "$scratch/err" &&
    grep -q '文字コードは CP932（Shift_JIS）です' "$scratch/err" &&
    pass "a CP932 file is read and said so" || fail "CP932 import" "$(cat "$scratch/err")"
"$bin" -d "$scratch/sjis.db" export --plan omitama-1 -o "$scratch/sjis-again.csv"
cmp -s "$scratch/omitama-1.csv" "$scratch/sjis-again.csv" &&
    pass "CP932 in, the same plan out" || fail "CP932 round trip" "$(diff "$scratch/omitama-1.csv" "$scratch/sjis-again.csv" | head -n 8)"
# --encoding forces a reading: the same CP932 file read as UTF-8 fails
# once, at its first Japanese byte.
"$bin" -d "$scratch/sjis.db" import --dry-run --encoding utf-8 "$scratch/sjis.csv" 2> "$scratch/err"; rc=$?
[ "$rc" = 1 ] && [ "$(grep -c 'sjis.csv:' "$scratch/err")" = 1 ] &&
    grep -q 'sjis.csv:16:6: バイト 0x8F は UTF-8 として読めません' "$scratch/err" &&
    pass "--encoding utf-8 on a CP932 file: one error at its first kanji (16:6)" ||
    fail "--encoding utf-8 on CP932" "rc $rc: $(head -c 400 "$scratch/err")"

# A file in no encoding: one error naming the first bad byte, not one per
# line, and nothing written.
{ head -n 3 "$scratch/omitama-1.csv"; printf 'plan,x,\377\376\375\n'; cat "$scratch/omitama-1.csv"; } > "$scratch/junk.csv"
before=$(sqlite3 "$scratch/sjis.db" .dump | md5sum)
"$bin" -d "$scratch/sjis.db" import "$scratch/junk.csv" 2> "$scratch/err"; rc=$?
[ "$rc" = 1 ] && [ "$(grep -c 'junk.csv' "$scratch/err")" = 1 ] &&
    grep -q 'junk.csv:4:8: ' "$scratch/err" &&
    pass "a file in no encoding: one error at its first bad byte" ||
    fail "a file in no encoding" "rc $rc: $(head -c 600 "$scratch/err")"
[ "$(sqlite3 "$scratch/sjis.db" .dump | md5sum)" = "$before" ] &&
    pass "and nothing was written" || fail "nothing written" "the database changed"

# A plan laid out in Excel and saved as its plain CSV (CP932, CRLF): an
# empty row between sections is a row of commas, read as a blank row;
# codes Excel turned into a date and a negative number are loaded as
# they are, each noted on standard error with the code it likely was.
{
	printf 'shisaku-plan,1,,,,,,,,,,\r\n'
	printf 'plan,xl,Excel で作った計画,R3,R7,試験市,,,,,,\r\n'
	printf 'level,xl,1,基本方針,,,,,,,,\r\nlevel,xl,2,取組,,,,,,,,\r\n'
	printf ',,,,,,,,,,,\r\n'
	printf 'node,xl,1,,1,方針一,,,,,,\r\n'
	printf 'node,xl,1-1,1,1月1日,取組一,,,,,,\r\n'
	printf 'node,xl,1-2,1,-2,取組二,,,,,,\r\n'
	printf 'node,xl,1-3,1,(3),取組三,,,,,,\r\n'
} | iconv -f UTF-8 -t CP932 > "$scratch/excel-plain.csv"
new=$scratch/excel-plain.db
"$bin" -d "$new" init >/dev/null 2>&1
"$bin" -d "$new" import "$scratch/excel-plain.csv" > "$scratch/out" 2> "$scratch/err"; rc=$?
[ "$rc" = 0 ] && grep -q "^読み込みました: plan 1, level 2, node 4$" "$scratch/out" &&
    pass "Excel's plain CSV with an empty row of commas imports" ||
    fail "Excel's plain CSV with an empty row" "rc $rc: $(cat "$scratch/out" "$scratch/err" | head -c 600)"
grep -q "excel-plain.csv:7:5: 番号「1月1日」は、Excel が 1-1 を日付に変えた形です。" "$scratch/err" &&
    grep -q "excel-plain.csv:8:5: 番号「-2」は、Excel が (2) を負の数に変えた形です。" "$scratch/err" &&
    [ "$(grep -c "Excel が" "$scratch/err")" = 2 ] &&
    pass "the codes Excel changed are noted at their line and column, (3) is not" ||
    fail "the codes Excel changed are noted" "$(cat "$scratch/err")"
[ "$(sqlite3 "$new" "SELECT group_concat(code, ' ') FROM (SELECT code FROM node ORDER BY ord)")" = \
    "1 1月1日 -2 (3)" ] && pass "db: the codes as the file has them" ||
    fail "db: the codes" "$(sqlite3 "$new" "SELECT group_concat(code, ' ') FROM node")"

# Twelve such codes: the first ten are noted, the rest counted.
{
	printf 'shisaku-plan,1\r\nplan,xl,Excel の計画,R3,R7,試験市\r\n'
	printf 'level,xl,1,取組\r\n'
	for k in 1 2 3 4 5 6 7 8 9 10 11 12; do printf 'node,xl,%s,,-%s,取組\r\n' $k $k; done
} > "$scratch/excel-many.csv"
"$bin" -d "$scratch/excel-many.db" init >/dev/null 2>&1
"$bin" -d "$scratch/excel-many.db" import "$scratch/excel-many.csv" > "$scratch/out" 2> "$scratch/err"
[ "$(grep -c "Excel が" "$scratch/err")" = 10 ] && grep -qx "…ほか 2 件" "$scratch/err" &&
    grep -q "excel-many.csv:13:5: 番号「-10」は、Excel が (10) を" "$scratch/err" &&
    pass "ten codes noted, then …ほか 2 件" || fail "ten codes noted, then …ほか" "$(cat "$scratch/err")"

# Refused before reading: a directory, a FIFO, a device, a file over the
# configured size. Each must answer at once (a FIFO must not block).
mkfifo "$scratch/fifo"
printf '[import]\nmax_file_mib = 1\n' > "$scratch/small.ini"
head -c 2000000 /dev/zero | tr '\0' 'a' > "$scratch/big.csv"
for t in "$scratch:ディレクトリです" "$scratch/fifo:通常のファイルではありません" \
    "/dev/zero:通常のファイルではありません" "$scratch/big.csv:大きすぎます"; do
	f=${t%%:*} want=${t#*:}
	timeout 20 "$bin" -c "$scratch/small.ini" -d "$scratch/sjis.db" import --dry-run "$f" \
	    > /dev/null 2> "$scratch/err"; rc=$?
	[ "$rc" = 1 ] && grep -q "$want" "$scratch/err" &&
	    pass "$(basename "$f") refused: $want" ||
	    fail "$(basename "$f") refused" "rc $rc: $(head -c 300 "$scratch/err")"
done
finish
