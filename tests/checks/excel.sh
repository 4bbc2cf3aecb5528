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

grep -q "^注意の 2 件は、書かれたとおりに読み込みました（直したファイルは --replace で読み込み直せます）$" "$scratch/err" &&
    pass "and the import says it loaded them as written" ||
    fail "says the noted codes were loaded as written" "$(cat "$scratch/err")"
# With an error besides, the notes are said all the same: the file is
# mended once, not once for the error and again for the codes.
{ iconv -f CP932 -t UTF-8 "$scratch/excel-plain.csv"; printf 'assign,xl,1-1,誤った課\r\n'; } > "$scratch/excel-typo.csv"
"$bin" -d "$scratch/excel-typo.db" init >/dev/null 2>&1
"$bin" -d "$scratch/excel-typo.db" import "$scratch/excel-typo.csv" > "$scratch/out" 2> "$scratch/err"; rc=$?
[ "$rc" = 1 ] && grep -q "excel-typo.csv:10:4: 部署「誤った課」" "$scratch/err" &&
    grep -q "excel-typo.csv:7:5: 番号「1月1日」は、Excel が 1-1 を日付に変えた形です。" "$scratch/err" &&
    ! grep -q "注意の" "$scratch/err" &&
    pass "with an error, the codes Excel changed are noted too" ||
    fail "notes beside an error" "rc $rc: $(cat "$scratch/err")"

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

# A plan exported, edited in Excel and loaded again with --replace: the
# keys Excel turned into dates each came from exactly one key of the
# plan in the database, and are read as those keys, said at their rows
# (not among the notes of values loaded as written); the rows naming
# them in the same form (assign, a target added in Excel) follow them;
# nothing is
# deleted, and the history of 1-1 stays with it.
"$bin" -d "$db" export --plan omitama-dx -o "$scratch/keys.csv"
sqlite3 "$db" "INSERT INTO history (at, login, node_id, fy, field, old_value, new_value) SELECT '2026-05-01T09:00:00', 'kikaku', n.id, 2026, 'title', '旧', n.title FROM node n JOIN plan p ON p.id = n.plan_id WHERE p.code = 'omitama-dx' AND n.key = '1-1'"
{ sed -e 's/,1-1,/,1月1日,/g' -e 's#,1-2-1,#,2001/2/1,#g' "$scratch/keys.csv"
  echo 'target,omitama-dx,2001/2/1,2027,4010000000円'; } > "$scratch/keys-xl.csv"
line=$(grep -n '^node,omitama-dx,1月1日,' "$scratch/keys-xl.csv" | cut -d: -f1)
"$bin" -d "$db" import --dry-run --replace "$scratch/keys-xl.csv" > "$scratch/out" 2> "$scratch/err"; rc=$?
[ "$rc" = 0 ] && grep -q "keys-xl.csv:$line:3: キー「1月1日」は、Excel が 1-1 を日付に変えた形として読みました（この計画のデータベースのキー。" "$scratch/err" &&
    grep -q "キー「2001/2/1」は、Excel が 1-2-1 を日付に変えた形として読みました" "$scratch/err" &&
    ! grep -q "注意の" "$scratch/err" && ! grep -q "削除します" "$scratch/out" &&
    pass "keys Excel turned into dates are read as the plan's keys, and said" ||
    fail "keys Excel turned into dates are read as the plan's keys" "rc $rc: $(cat "$scratch/out" "$scratch/err")"
"$bin" -d "$db" import --replace "$scratch/keys-xl.csv" > "$scratch/out" 2> "$scratch/err" ||
    fail "the replace through Excel loads" "$(cat "$scratch/err")"
dx="(SELECT id FROM plan WHERE code = 'omitama-dx')"
[ "$(sqlite3 "$db" "SELECT group_concat(key) FROM node WHERE plan_id = $dx AND key IN ('1-1', '1月1日')")" = 1-1 ] &&
    [ "$(sqlite3 "$db" "SELECT count(*) FROM node_dept nd JOIN node n ON n.id = nd.node_id WHERE n.plan_id = $dx AND n.key = '1-1'")" = 2 ] &&
    [ "$(sqlite3 "$db" "SELECT count(*) FROM indicator_target t JOIN indicator i ON i.id = t.indicator_id WHERE i.plan_id = $dx AND i.key = '1-2-1' AND t.fy = 2027")" = 1 ] &&
    [ "$(sqlite3 "$db" "SELECT n.key FROM history h JOIN node n ON n.id = h.node_id WHERE h.at = '2026-05-01T09:00:00' AND h.old_value = '旧'")" = 1-1 ] &&
    pass "db: 1-1 and 1-2-1 kept, with their departments, targets and history" ||
    fail "db: the keys through Excel" "$(sqlite3 "$db" "SELECT key FROM node WHERE plan_id = $dx")"

# A plan's codes Excel turned into negative numbers ((1) as -1) are read
# as the database prints them, under --replace.
"$bin" -d "$db" export --plan yuki-ap -o "$scratch/codes.csv"
sed -e 's/^\(node,yuki-ap,[^,]*,[^,]*\),(\([0-9]\)),/\1,-\2,/' "$scratch/codes.csv" > "$scratch/codes-xl.csv"
"$bin" -d "$db" import --replace "$scratch/codes-xl.csv" > "$scratch/out" 2> "$scratch/err"; rc=$?
[ "$rc" = 0 ] && grep -q "番号「-1」は、Excel が (1) を負の数に変えた形として読みました（データベースのこの施策・取組の番号。" "$scratch/err" &&
    [ "$(sqlite3 "$db" "SELECT count(*) FROM node n JOIN plan p ON p.id = n.plan_id WHERE p.code = 'yuki-ap' AND n.code LIKE '-%'")" = 0 ] &&
    [ "$(sqlite3 "$db" "SELECT count(*) FROM node n JOIN plan p ON p.id = n.plan_id WHERE p.code = 'yuki-ap' AND n.code LIKE '(_)'")" = 10 ] &&
    pass "codes Excel turned into negative numbers are read as the database prints them" ||
    fail "codes through Excel" "rc $rc: $(cat "$scratch/err")"

# A form two keys of the plan could have come from (1-1 and 1/1 both
# become 1月1日) is not guessed: loaded as written and noted, and the
# replace names the key it deletes.
printf 'shisaku-plan,1\nplan,amb2,二つのキー,R8,R12,試験市\nlevel,amb2,1,取組\nnode,amb2,1-1,,1,一\nnode,amb2,1/1,,2,二\n' > "$scratch/amb2.csv"
"$bin" -d "$db" import "$scratch/amb2.csv" > /dev/null 2>&1 || fail "the plan of two keys loads"
sed 's#^node,amb2,1-1,#node,amb2,1月1日,#' "$scratch/amb2.csv" > "$scratch/amb2-xl.csv"
"$bin" -d "$db" import --dry-run --replace "$scratch/amb2-xl.csv" > "$scratch/out" 2> "$scratch/err"; rc=$?
[ "$rc" = 0 ] && grep -q "amb2-xl.csv:4:3: キー「1月1日」は、Excel が 1-1 を日付に変えた形です。列を文字列にしてキーを直してください" "$scratch/err" &&
    ! grep -q "として読みました" "$scratch/err" &&
    grep -qx "計画「amb2」の、ファイルにない施策・取組 1 件（1-1）を削除します。その履歴は残ります" "$scratch/out" &&
    pass "a key two of the plan's could have become is loaded as written, noted" ||
    fail "a key two could have become" "rc $rc: $(cat "$scratch/out" "$scratch/err")"

# A year's results template opened in Excel and saved as its plain CSV
# (CP932, CRLF): the keys Excel read as dates (1-1 as 1月1日, 1-2-1 as
# 2001/2/1) and as a number (0101 as 101) name the item and the
# indicator they came from, each said on standard error with its line,
# and the values land on them; a form that came from no key is refused.
"$bin" -d "$db" year open R8 >/dev/null 2>&1
sqlite3 "$db" "UPDATE node SET key = '0101' WHERE key = '1-3' AND plan_id = (SELECT id FROM plan WHERE code = 'omitama-dx')"
"$bin" -d "$db" export --results --plan omitama-dx --fy R8 --encoding cp932 --crlf -o "$scratch/r8.csv"
iconv -f CP932 -t UTF-8 "$scratch/r8.csv" | sed \
    -e 's/^result,omitama-dx,1-1,2026,,,,,/result,omitama-dx,1月1日,2026,実施中,B,,研修を2回実施,/' \
    -e 's#^actual,omitama-dx,1-2-1,2026,,#actual,omitama-dx,2001/2/1,2026,4020000000円,#' \
    -e 's/^result,omitama-dx,0101,2026,,/result,omitama-dx,101,2026,実施中,/' |
    iconv -f UTF-8 -t CP932 > "$scratch/r8-xl.csv"
"$bin" -d "$db" import --results "$scratch/r8-xl.csv" > "$scratch/out" 2> "$scratch/err"; rc=$?
[ "$rc" = 0 ] && grep -q "^読み込みました: 実績 2 行、実績値 1 行を書き込みました" "$scratch/out" &&
    grep -q "r8-xl.csv:4:3: 取組「1月1日」は、Excel が 1-1 を日付に変えた形として読みました" "$scratch/err" &&
    grep -q "r8-xl.csv:6:3: 指標「2001/2/1」は、Excel が 1-2-1 を日付に変えた形として読みました" "$scratch/err" &&
    grep -q "取組「101」は、Excel が 0101 の先頭の 0 を落とした形として読みました" "$scratch/err" &&
    pass "a results file through Excel: the keys it changed are read as they were, and said" ||
    fail "a results file through Excel" "rc $rc: $(cat "$scratch/out" "$scratch/err")"
[ "$(sqlite3 "$db" "SELECT group_concat(x, ' ') FROM (SELECT n.key || ':' || r.status || ':' || r.text AS x FROM result r JOIN node n ON n.id = r.node_id WHERE r.fy = 2026 AND n.key IN ('1-1', '0101') ORDER BY n.key)")" = \
    "0101:in_progress: 1-1:in_progress:研修を2回実施" ] &&
    [ "$(sqlite3 "$db" "SELECT a.num FROM indicator_actual a JOIN indicator i ON i.id = a.indicator_id WHERE i.key = '1-2-1' AND a.fy = 2026")" = 4020000000.0 ] &&
    pass "db: the result of 1-1, 0101's, and the actual of 1-2-1" ||
    fail "db: the results through Excel" "$(sqlite3 "$db" "SELECT n.key, r.text FROM result r JOIN node n ON n.id = r.node_id WHERE r.fy = 2026")"
iconv -f CP932 -t UTF-8 "$scratch/r8-xl.csv" | sed 's/^result,omitama-dx,1-2,2026,,/result,omitama-dx,-2,2026,実施中,/' > "$scratch/r8-neg.csv"
"$bin" -d "$db" import --results "$scratch/r8-neg.csv" > "$scratch/out" 2> "$scratch/err"; rc=$?
[ "$rc" = 1 ] && grep -q "r8-neg.csv:5:3: 計画「omitama-dx」に取組「-2」がありません" "$scratch/err" &&
    pass "a form no key of the plan came from is refused as written" ||
    fail "-2 refused" "rc $rc: $(cat "$scratch/err")"
# A form two keys of the plan could have come from (1-1 and 1/1 both
# become 1月1日) is not guessed: refused, naming both.
printf 'shisaku-plan,1\nplan,amb,二つのキー,R8,R12,試験市\nlevel,amb,1,取組\nnode,amb,1-1,,1,一\nnode,amb,1/1,,2,二\n' > "$scratch/amb.csv"
"$bin" -d "$db" import "$scratch/amb.csv" > /dev/null 2>&1 || fail "the plan of two keys loads"
printf 'shisaku-results,1\nresult,amb,1月1日,2026,実施中,,,,,,,,,,0\n' > "$scratch/amb-r.csv"
"$bin" -d "$db" import --results "$scratch/amb-r.csv" > "$scratch/out" 2> "$scratch/err"; rc=$?
[ "$rc" = 1 ] && grep -q "amb-r.csv:2:3: 計画「amb」に取組「1月1日」がありません（Excel が 1-1、1/1 のどれかを日付に変えた形です。どれのことか書き直してください）" "$scratch/err" &&
    ! grep -q "として読みました" "$scratch/err" &&
    [ "$(sqlite3 "$db" "SELECT count(*) FROM result r JOIN node n ON n.id = r.node_id JOIN plan p ON p.id = n.plan_id WHERE p.code = 'amb'")" = 0 ] &&
    pass "a form two keys could have come from is refused, both named" ||
    fail "two keys for one form" "rc $rc: $(cat "$scratch/err")"

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
