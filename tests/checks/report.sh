#!/bin/sh
# shisaku report end to end, on the sanitizer build: the sample database
# with a year of results of the 結城市 plan (令和3年度, tests/data), the
# four formats compared with the golden files (who entered and who
# confirmed each result shown with their names), the totals recomputed from
# the database with sqlite3 and compared with what the report prints, a
# plan titled <script>alert(1)</script> & 〜 escaped, the text report
# within 80 columns, the CSV's BOM, CRLF and CP932 as configured, the
# other samples in every format, and the refusals.
#
# The golden files are tests/golden/report/yuki-r3.*. After a deliberate
# change of the output, regenerate them with
#     UPDATE_GOLDEN=1 sh tests/checks/report.sh
# and read the difference (git diff tests/golden) before committing.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
bin=${SHISAKU_BIN:-build/san/shisaku}
golden=tests/golden/report
db=$scratch/r.db
cfg=$scratch/r.ini
# The current year is pinned so that nothing depends on today.
printf '[calendar]\ncurrent_year = 2022\nyear_display = era\n[export]\nencoding = utf-8\nline_endings = lf\n' > "$cfg"
run() { "$bin" -c "$cfg" -d "$db" "$@"; }
q() { sqlite3 "$db" "$@"; }

cc -std=c11 -O -o "$scratch/widths" tests/checks/widths.c ||
	fail "build the width checker" "cc failed"

"$bin" -d "$db" init > /dev/null
check "import the samples" run import db/samples/*.csv
check "import a year of results of yuki-ap" run import tests/data/yuki-r3-results.csv
# Who entered and who confirmed are shown with their names.
check "the results' people have names" sh -c "'$bin' -c '$cfg' -d '$db' user add clerk \
    --role clerk --dept 結城市/まちづくり協働課 --name 佐藤花子 >/dev/null &&
    '$bin' -c '$cfg' -d '$db' user add boss --role supervisor --name 鈴木一郎 >/dev/null"
# The published plan prints no direction for its indicators (the sample
# leaves them unknown); give most of them one so achievement is computed,
# make one cumulative, leave one unknown, and rename a department after
# 2021 so that the report must show its old name.
q "UPDATE indicator SET direction = 'up'
     WHERE plan_id = (SELECT id FROM plan WHERE code = 'yuki-ap')
     AND key NOT IN ('25-1', '39-1');
   UPDATE indicator SET direction = 'max' WHERE key = '25-1'
     AND plan_id = (SELECT id FROM plan WHERE code = 'yuki-ap');
   UPDATE indicator SET cumulative = 1 WHERE key = '12-1'
     AND plan_id = (SELECT id FROM plan WHERE code = 'yuki-ap');
   INSERT INTO department_name (dept_id, until_fy, name)
     SELECT id, 2021, '市民協働課' FROM department
     WHERE code = '結城市/まちづくり協働課';"
before=$(q .dump | md5sum)

for f in text md html csv; do
	case $f in text) ext=txt ;; *) ext=$f ;; esac
	run report --plan yuki-ap --fy R3 --format $f -o "$scratch/yuki.$ext" 2> "$scratch/err"
	check "report --format $f succeeds" test $? -eq 0 -a ! -s "$scratch/err"
	if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
		mkdir -p "$golden"
		cp "$scratch/yuki.$ext" "$golden/yuki-r3.$ext"
	fi
	check "report --format $f matches $golden/yuki-r3.$ext" \
		cmp "$scratch/yuki.$ext" "$golden/yuki-r3.$ext"
done
check "the report leaves the database as it was" test "$(q .dump | md5sum)" = "$before"
check "no temporary file is left" sh -c "! ls '$scratch' | grep -q '\.tmp'"
run report --plan yuki-ap --fy 令和3年度 > "$scratch/stdout.txt"
check "--fy 令和3年度 to standard output is the same report" cmp "$scratch/stdout.txt" "$scratch/yuki.txt"
run report --plan yuki-ap --fy 2021 -f text > "$scratch/stdout.txt"
check "--fy 2021 too" cmp "$scratch/stdout.txt" "$scratch/yuki.txt"

# ---- the totals, recomputed from the database --------------------------
# The plan's items in 2021 (their period, else the plan's, holds it) with
# their result, for the plan and for each basic policy.
items="WITH RECURSIVE p AS (SELECT id, first_fy, last_fy FROM plan WHERE code = 'yuki-ap'),
  up(item, anc) AS (
    SELECT n.id, n.id FROM node n, p WHERE n.plan_id = p.id AND n.depth = 4
      AND COALESCE(n.first_fy, p.first_fy) <= 2021 AND COALESCE(n.last_fy, p.last_fy) >= 2021
    UNION ALL SELECT up.item, n.parent_id FROM up JOIN node n ON n.id = up.anc
      WHERE n.parent_id IS NOT NULL),
  it AS (SELECT up.item, up.anc, r.status, r.grade, r.state FROM up
    LEFT JOIN result r ON r.node_id = up.item AND r.fy = 2021)"
# The items are counted under the plan's word for them, the name of its
# lowest level (取組内容), and the other labels are padded to its width
# and two blanks (its characters are full-width: two columns each).
leaf=$(q "SELECT name FROM plan_level WHERE plan_id = (SELECT id FROM plan
    WHERE code = 'yuki-ap') ORDER BY depth DESC LIMIT 1")
labelw=$(( $(printf %s "$leaf" | wc -m) * 2 + 2 ))
[ "$labelw" -ge 6 ] || labelw=6
label() {	# LABEL: the label and the blanks after it (full-width only)
	printf '%s%*s' "$1" $((labelw - $(printf %s "$1" | wc -m) * 2)) ''
}
# counts WHERE: the summary lines of the report for the items selected.
counts() {
	q "$items SELECT
	 printf('  $(label "$leaf")%d件', count(*)) || char(10) ||
	 printf('  $(label 状況)未着手 %d  実施中 %d  完了 %d  延期 %d  中止 %d  未設定 %d',
	  sum(status IS 'not_started'), sum(status IS 'in_progress'), sum(status IS 'done'),
	  sum(status IS 'postponed'), sum(status IS 'cancelled'), sum(status IS NULL)) || char(10) ||
	 printf('  $(label 評価)A 達成 %d  B 概ね達成 %d  C 未達成 %d  D 未実施 %d  未評価 %d',
	  sum(grade IS 'A'), sum(grade IS 'B'), sum(grade IS 'C'), sum(grade IS 'D'),
	  sum(grade IS NULL OR grade = '')) || char(10) ||
	 printf('  $(label 入力)未入力 %d  下書き %d  提出済 %d  確認済 %d  差戻し %d',
	  sum(state IS NULL), sum(state IS 'draft'), sum(state IS 'submitted'),
	  sum(state IS 'confirmed'), sum(state IS 'returned'))
	 FROM it WHERE $1"
}
# The verdict of each indicator in 2021: the year's target, else the
# final one; a text target or actual is judged by the grade once an
# actual is entered (a text target with none is not entered); then the
# formula of shisaku(1) for a plan without baselines (as yuki-ap's are):
# achieved when the actual reaches the target on the side of the
# direction. A cumulative actual is the sum of the years up to 2021.
# A value is a number when num is set (txt then keeps its printed form),
# text when only txt is.
verdicts="WITH v AS (SELECT i.id, i.node_id, i.direction AS d,
    CASE WHEN t.num IS NOT NULL THEN t.num WHEN t.txt IS NULL THEN i.final_num END AS tn,
    CASE WHEN t.num IS NOT NULL THEN NULL WHEN t.txt IS NOT NULL THEN t.txt
      WHEN i.final_num IS NULL THEN i.final_txt END AS tt,
    CASE WHEN i.cumulative = 1 AND a.num IS NOT NULL THEN
      (SELECT total(x.num) FROM indicator_actual x WHERE x.indicator_id = i.id
        AND x.fy > COALESCE(i.base_fy, 0) AND x.fy <= 2021) ELSE a.num END AS an,
    CASE WHEN a.num IS NULL THEN a.txt END AS at
  FROM indicator i JOIN plan p ON p.id = i.plan_id AND p.code = 'yuki-ap'
  LEFT JOIN indicator_target t ON t.indicator_id = i.id AND t.fy = 2021
  LEFT JOIN indicator_actual a ON a.indicator_id = i.id AND a.fy = 2021),
 w AS (SELECT id, node_id, CASE
    WHEN at IS NOT NULL OR (tt IS NOT NULL AND an IS NOT NULL) THEN 'grade'
    WHEN tn IS NULL OR an IS NULL THEN 'none'
    WHEN d IS NULL THEN 'undef'
    WHEN d = 'up' THEN CASE WHEN tn <= 0 THEN 'undef' WHEN an >= tn THEN 'ok' ELSE 'not' END
    WHEN d = 'max' THEN CASE WHEN an <= tn THEN 'ok' WHEN an <= 0 THEN 'undef' ELSE 'not' END
  END AS v FROM v)"
vline() {
	q "$verdicts, up(id, anc) AS (SELECT id, node_id FROM w
	    UNION ALL SELECT up.id, n.parent_id FROM up JOIN node n ON n.id = up.anc
	    WHERE n.parent_id IS NOT NULL)
	 SELECT printf('  $(label 指標)%d件  達成 %d  未達成 %d  評価で判断 %d  未入力 %d  算出不可 %d',
	  count(*), sum(v = 'ok'), sum(v = 'not'), sum(v = 'grade'), sum(v = 'none'),
	  sum(v = 'undef')) FROM w WHERE $1"
}
# block HEADING: the five summary lines after a heading of the text report.
block() {
	awk -v h="$1" -v leaf="$leaf" 'found && ($0 ~ "^  " leaf "  " ||
		/^  (状況|評価|入力|指標)  /) { print; n++ }
		found && n == 5 { exit } $0 == h { found = 1 }' "$scratch/yuki.txt"
}
{ counts "anc = item"; vline "1"; } > "$scratch/want"
block "計画全体" > "$scratch/got"
check "the plan's totals agree with sqlite3" cmp "$scratch/want" "$scratch/got"
check "which are 39 items and 30 indicators, under the plan's word for them" \
    grep -qx '  取組内容  39件' "$scratch/got"
q "SELECT id, code, title FROM node WHERE depth = 1
   AND plan_id = (SELECT id FROM plan WHERE code = 'yuki-ap') ORDER BY ord" |
while IFS='|' read -r id code title; do
	{ counts "anc = $id"; vline "id IN (SELECT id FROM up WHERE anc = $id)"; } > "$scratch/want"
	block "基本方針 $code $title" > "$scratch/got"
	if cmp -s "$scratch/want" "$scratch/got"; then echo "ok $code"; else
		echo "differ $code"; diff "$scratch/want" "$scratch/got"; fi
done > "$scratch/policies"
if [ "$(grep -c '^ok ' "$scratch/policies")" -eq 3 ]; then
	pass "each basic policy's totals agree with sqlite3"
else
	fail "each basic policy's totals agree with sqlite3" "$(cat "$scratch/policies")"
fi
# The CSV has a row per item in the year and per indicator.
check "the CSV has 39 item rows" test "$(grep -c '^取組,2021,yuki-ap,' "$scratch/yuki.csv")" -eq 39
check "and 30 indicator rows" test "$(grep -c '^指標,2021,yuki-ap,' "$scratch/yuki.csv")" -eq 30
check "the HTML has a section per basic policy" \
	test "$(grep -c '<section class="policy">' "$scratch/yuki.html")" -eq 3
check "a department shows its name of the year" grep -q '担当課        市民協働課' "$scratch/yuki.txt"

# ---- 80 columns, the other samples ----------------------------------------
check "the yuki text report fits 80 columns" "$scratch/widths" 80 < "$scratch/yuki.txt"
for p in omitama-dx:2026 shimotsuma-6:2023 omitama-1:2022; do
	run report --plan "${p%%:*}" --fy "${p##*:}" > "$scratch/${p%%:*}.txt"
	check "the ${p%%:*} text report fits 80 columns" "$scratch/widths" 80 < "$scratch/${p%%:*}.txt"
	for f in md html csv; do
		check "report ${p%%:*} --format $f" run report --plan "${p%%:*}" --fy "${p##*:}" -f $f -o "$scratch/p.$f"
	done
done
# 小美玉市総合計画 prints no period: each format says so, as the plans
# list does.
check "text: a plan without a period says 定めなし" \
	grep -qx '計画期間    定めなし' "$scratch/omitama-1.txt"
run report --plan omitama-1 --fy 2022 -f md -o "$scratch/o1.md"
check "Markdown: the same" grep -qx -- '- 計画期間: 定めなし' "$scratch/o1.md"
run report --plan omitama-1 --fy 2022 -f html -o "$scratch/o1.html"
check "HTML: the same" grep -q '<th>計画期間</th><td>定めなし</td>' "$scratch/o1.html"
check "a two-level plan is summarised per basic policy" \
	grep -qx '基本方針 ① 変革を推進する職場風土の形成' "$scratch/omitama-dx.txt"
check "and its items are listed under it" \
	grep -qx '  \* 取組項目 No.1 求める人材の育成・確保' "$scratch/omitama-dx.txt"

# ---- escaping and labels ------------------------------------------------
cp "$db" "$scratch/evil.db"
sqlite3 "$scratch/evil.db" "UPDATE plan SET name = '<script>alert(1)</script> & 〜' WHERE code = 'yuki-ap';
  UPDATE result SET text = '<img src=x onerror=alert(2)> \"q\" ''s'' 〜' WHERE id = (SELECT min(id) FROM result);
  DELETE FROM indicator_target WHERE fy = 2021 AND indicator_id = (SELECT i.id FROM indicator i
    JOIN plan p ON p.id = i.plan_id WHERE p.code = 'yuki-ap' AND i.key = '1-1')"
evil() { "$bin" -c "$cfg" -d "$scratch/evil.db" report --plan yuki-ap --fy 2021 "$@"; }
evil -f html -o "$scratch/evil.html"
check "HTML: the title is escaped" grep -q '<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 〜</h1>' "$scratch/evil.html"
check "HTML: no script element" sh -c "! grep -qi '<script' '$scratch/evil.html'"
check "HTML: a result text is escaped" \
	grep -q '&lt;img src=x onerror=alert(2)&gt; &quot;q&quot; &#39;s&#39; 〜' "$scratch/evil.html"
check "HTML: no element from the data" sh -c "! grep -q '<img' '$scratch/evil.html'"
check "HTML: nothing is fetched" sh -c "! grep -Eq 'src=\"|href=|url\\(|@import|https?://[^w]' '$scratch/evil.html'"
evil -f md -o "$scratch/evil.md"
check "Markdown: the title is escaped" grep -qx '# &lt;script&gt;alert(1)&lt;/script&gt; &amp; 〜' "$scratch/evil.md"
check "Markdown: no tag from the data" sh -c "! grep -Eq '<(script|img)' '$scratch/evil.md'"
evil -f text > "$scratch/evil.txt"
check "text: the title as written" grep -qx '<script>alert(1)</script> & 〜' "$scratch/evil.txt"
check "text: a year without a target of its own shows the final one, labelled" \
	grep -q '目標 最終目標 50回（令和7年度）' "$scratch/evil.txt"
evil -f csv -e cp932 -o "$scratch/evil.csv"
# CP932 reads 〜 (U+301C) back as ～ (U+FF5E), a pair Excel shows alike.
check "CP932: the marks and 〜 survive the round trip" sh -c \
	"iconv -f CP932 -t UTF-8 '$scratch/evil.csv' | grep -q '<img src=x onerror=alert(2)> \"\"q\"\" .s. ～\"'"

# ---- CSV encodings as configured ------------------------------------------
# With the configuration's plain UTF-8 the CSV report, made for Excel,
# starts with a BOM; the rest is the CSV.
check "by default the CSV report starts with a BOM, for Excel" sh -c \
	"head -c 3 '$scratch/yuki.csv' | od -An -tx1 | grep -q 'ef bb bf'"
tail -c +4 "$scratch/yuki.csv" > "$scratch/yuki-csv"
mv "$scratch/yuki-csv" "$scratch/yuki.csv"
run report --plan yuki-ap --fy R3 -f csv -e utf-8 -o "$scratch/plain.csv"
check "--encoding utf-8 writes no BOM" cmp "$scratch/plain.csv" "$scratch/yuki.csv"
printf '[calendar]\ncurrent_year = 2022\n[export]\nencoding = utf-8-bom\nline_endings = crlf\n' > "$scratch/bom.ini"
"$bin" -c "$scratch/bom.ini" -d "$db" report --plan yuki-ap --fy 2021 -f csv -o "$scratch/bom.csv"
check "utf-8-bom: the CSV starts with a BOM" sh -c "head -c 3 '$scratch/bom.csv' | od -An -tx1 | grep -q 'ef bb bf'"
# Records end in CRLF; a line break inside a quoted cell stays LF.
tail -c +4 "$scratch/bom.csv" | sed 's/\r$//' > "$scratch/bom-lf.csv"
check "crlf: the records end in CRLF" test "$(grep -c "$(printf '\r')\$" "$scratch/bom.csv")" -eq 70
check "otherwise the same CSV" cmp "$scratch/bom-lf.csv" "$scratch/yuki.csv"
printf '[calendar]\ncurrent_year = 2022\n[export]\nencoding = cp932\n' > "$scratch/sjis.ini"
"$bin" -c "$scratch/sjis.ini" -d "$db" report --plan yuki-ap --fy 2021 -f csv -o "$scratch/sjis.csv"
# CP932 reads 〜 back as ～ and — (U+2014) as ― (U+2015), as Excel does.
sed 's/〜/～/g; s/—/―/g' "$scratch/yuki.csv" > "$scratch/yuki-tilde.csv"
check "cp932: the CSV is CP932 and says the same" sh -c \
	"iconv -f CP932 -t UTF-8 '$scratch/sjis.csv' | cmp - '$scratch/yuki-tilde.csv'"
check "cp932: no BOM" sh -c "! head -c 3 '$scratch/sjis.csv' | od -An -tx1 | grep -q 'ef bb bf'"
"$bin" -c "$scratch/bom.ini" -d "$db" report --plan yuki-ap --fy 2021 -f csv --lf -e utf-8 > "$scratch/lf.csv"
check "--lf and --encoding override the configuration" cmp "$scratch/lf.csv" "$scratch/yuki.csv"
sqlite3 "$scratch/evil.db" "UPDATE result SET comment = '人材を育成し进める' WHERE id = (SELECT max(id) FROM result)"
evil -f csv -e cp932 -o "$scratch/nosjis.csv" 2> "$scratch/err"; rc=$?
check "cp932: a character CP932 lacks is refused with exit 1" test "$rc" -eq 1
check "and its place and character are named" grep -q '行 [0-9]* 列の「进」（U+8FDB）は CP932 で表せません' "$scratch/err"
check "and no file is left" test ! -e "$scratch/nosjis.csv"
evil -f csv -e cp932 --unmappable geta -o "$scratch/geta.csv" 2> "$scratch/err"
check "--unmappable geta writes 〓 instead" sh -c "iconv -f CP932 -t UTF-8 '$scratch/geta.csv' | grep -q '人材を育成し〓める'"
check "and says how many" grep -q 'CP932 で表せない 1 文字を「〓」で書き出しました' "$scratch/err"

# ---- refusals -------------------------------------------------------------
run report --plan nosuch 2> "$scratch/err"; rc=$?
check "an unknown plan: exit 1" test "$rc" -eq 1
check "and says so" grep -q '計画「nosuch」はありません' "$scratch/err"
run report --plan yuki-ap --fy R99x 2> "$scratch/err"; rc=$?
check "a bad year: exit 2" test "$rc" -eq 2
check "and says so" grep -q '年度を読み取れません' "$scratch/err"
run report --plan yuki-ap --fy 2030 2> "$scratch/err"; rc=$?
check "a year outside the plan: exit 1" test "$rc" -eq 1
check "and names the period" grep -q '令和3年度〜令和7年度）の外です' "$scratch/err"
check "and what to do" grep -q '期間内の年度を --fy で指定してください' "$scratch/err"
run report --plan yuki-ap --format pdf 2> "$scratch/err"; rc=$?
check "a bad format: exit 2" test "$rc" -eq 2
check "and lists the formats" grep -q 'text, md, html, csv' "$scratch/err"
run report --fy 2021 2> /dev/null; rc=$?
check "no plan: exit 2" test "$rc" -eq 2
run report --plan yuki-ap -o "$db" 2> "$scratch/err"; rc=$?
check "-o the database: exit 2" test "$rc" -eq 2
check "-o the database's -wal, not yet there: exit 2" sh -c \
	"'$bin' -c '$cfg' -d '$db' report --plan yuki-ap -o '$db-wal' 2>/dev/null; test \$? -eq 2 && test ! -e '$db-wal'"
check "the database is unchanged" test "$(q .dump | md5sum)" = "$before"
check "--help prints the options" sh -c "'$bin' report --help | grep -q -- '--format FORMAT'"
finish
