#!/bin/sh
# A reorganisation of departments (機構改革) survives a plan file. On the
# 結城市 sample with a year of results (令和3年度), three departments are
# reorganised over two years with shisaku dept: 総務課 renamed 総務部総務課
# and 秘書課 merged into 企画政策課 from R4, 収納課 abolished from R5. The
# plan is exported; the export carries the departments' earlier names,
# abolitions and every assignment's years. Loaded into a new database it
# gives the same report (CSV) for every year of the plan, the same
# department a result of each year is filed under, and the same export.
# The export is accepted back by --replace into the database it came
# from, and into a database that still has the old names, which it then
# renames; a file that names a department differently without the
# history to explain it is refused at its line. The clerk left in the
# abolished department is named by dept abolish and marked by user list
# until moved.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
bin=${SHISAKU_BIN:-build/san/shisaku}
cfg=$scratch/c.ini
printf '[calendar]\ncurrent_year = 2023\nyear_display = era\n[export]\nencoding = utf-8\nline_endings = lf\n' > "$cfg"
run() { db=$1; shift; "$bin" -c "$cfg" -d "$db" "$@"; }
a=$scratch/a.db b=$scratch/b.db c=$scratch/c.db

for db in "$a" "$c"; do
	run "$db" init > /dev/null 2>&1
	run "$db" import db/samples/yuki-actionplan.csv tests/data/yuki-r3-results.csv \
	    > /dev/null 2>&1 || fail "load the sample" "$(run "$db" import --dry-run \
	    db/samples/yuki-actionplan.csv tests/data/yuki-r3-results.csv 2>&1 | head -n 5)"
done
# A clerk of 収納課 and one of 税務課, before the reorganisation.
check "user add a clerk of 収納課" run "$a" user add suzuki --role clerk --dept 結城市/収納課
check "user add a clerk of 税務課" run "$a" user add sato --role clerk --dept 結城市/税務課
check "rename 総務課 from R4" run "$a" dept rename 結城市/総務課 総務部総務課 --from R4
run "$a" dept merge 結城市/秘書課 結城市/企画政策課 --from 令和4年度 \
    > "$scratch/merge.out" 2>&1
check "merge 秘書課 into 企画政策課 from 令和4年度" test $? -eq 0
check "and say into which" grep -q \
    '^令和4(2022)年度から「結城市/秘書課」は「結城市/企画政策課」に統合されます$' \
    "$scratch/merge.out"
check "and that its clerks enter the years before" grep -q \
    '^令和3(2021)年度までの「結城市/秘書課」の実績は「結城市/企画政策課」の職員が入力できます$' \
    "$scratch/merge.out"
run "$a" dept list | grep -q "^結城市/秘書課	秘書課	令和3年度で廃止（結城市/企画政策課に統合）	担当 " &&
    pass "dept list names the department it was merged into" ||
    fail "dept list after the merger" "$(run "$a" dept list | grep 秘書課)"
[ "$(sqlite3 "$a" "SELECT m.code FROM department d JOIN department m
    ON m.id = d.merged_into WHERE d.code = '結城市/秘書課'")" = 結城市/企画政策課 ] &&
    pass "db: 秘書課 merged into 企画政策課" ||
    fail "db: the merger's successor" "$(sqlite3 "$a" "SELECT code, merged_into FROM department")"
run "$a" dept abolish 結城市/収納課 --from 2023 > "$scratch/out" 2>&1 &&
grep -q '^「結城市/収納課」に所属のままの利用者: suzuki' "$scratch/out" &&
    pass "abolish 収納課 from 2023, naming its clerk" ||
    fail "abolish 収納課" "$(cat "$scratch/out")"
run "$a" user list > "$scratch/users"
grep -q '^suzuki	clerk	結城市/収納課		（廃止された部署: 所属の変更が必要）$' "$scratch/users" &&
grep -q '^sato	clerk	結城市/税務課	$' "$scratch/users" &&
    pass "user list marks the clerk of the abolished department, only that one" ||
    fail "user list" "$(cat "$scratch/users")"
check "the clerk moved" run "$a" user set suzuki --role clerk --dept 結城市/税務課
run "$a" user list | grep -q '廃止された部署' &&
    fail "the mark after the move" "$(run "$a" user list)" ||
    pass "the mark goes once the clerk is moved"

run "$a" export --plan yuki-ap -o "$scratch/x.csv"
grep -q '^dept,結城市/総務課,総務部総務課,結城市$' "$scratch/x.csv" &&
grep -q '^deptname,結城市/総務課,2021,総務課$' "$scratch/x.csv" &&
grep -q '^dept,結城市/秘書課,秘書課,結城市,2021,結城市/企画政策課$' "$scratch/x.csv" &&
grep -q '^dept,結城市/収納課,収納課,結城市,2022$' "$scratch/x.csv" &&
    pass "the export carries the new name, the old one, the abolitions and the merger" ||
    fail "departments in the export" "$(grep '^dept' "$scratch/x.csv")"
# No.6 was 秘書課's: up to 2021, then 企画政策課's.
grep -q '^assign,yuki-ap,6,結城市/秘書課,1,,2021$' "$scratch/x.csv" &&
grep -q '^assign,yuki-ap,6,結城市/企画政策課,1,2022$' "$scratch/x.csv" &&
    pass "and each assignment's years" ||
    fail "assignments in the export" "$(grep '^assign,yuki-ap,6,' "$scratch/x.csv")"

run "$b" init > /dev/null 2>&1
check "the export loads into a new database" run "$b" import "$scratch/x.csv"
[ "$(sqlite3 "$b" "SELECT m.code FROM department d JOIN department m
    ON m.id = d.merged_into WHERE d.code = '結城市/秘書課'")" = 結城市/企画政策課 ] &&
    pass "db: the new database knows 秘書課 was merged into 企画政策課" ||
    fail "db: the merger in the new database" "$(sqlite3 "$b" "SELECT code, merged_into FROM department")"
for y in 2021 2022 2023 2024 2025; do
	run "$a" report --plan yuki-ap --fy "$y" --format csv -o "$scratch/a-$y.csv"
	run "$b" report --plan yuki-ap --fy "$y" --format csv -o "$scratch/b-$y.csv"
	cmp -s "$scratch/a-$y.csv" "$scratch/b-$y.csv" &&
	    pass "the report of $y is the same from the new database" ||
	    fail "report of $y" "$(diff "$scratch/a-$y.csv" "$scratch/b-$y.csv" | head -n 6)"
done
# What the reports say: each year's names.
depts_of() {	# depts_of FILE CODE: the 担当課 column of an item's row
	awk -F, -v code="$2" '$1 == "取組" && $5 == code { print $8; exit }' "$1"
}
[ "$(depts_of "$scratch/b-2021.csv" No.6)" = 秘書課 ] &&
[ "$(depts_of "$scratch/b-2022.csv" No.6)" = 企画政策課 ] &&
    pass "No.6: 秘書課 in R3, 企画政策課 from R4" ||
    fail "No.6's department" "$(depts_of "$scratch/b-2021.csv" No.6) / $(depts_of "$scratch/b-2022.csv" No.6)"
grep -q ',総務課,' "$scratch/b-2021.csv" && ! grep -q '総務部総務課' "$scratch/b-2021.csv" &&
grep -q ',総務部総務課,' "$scratch/b-2022.csv" && ! grep -q ',総務課,' "$scratch/b-2022.csv" &&
    pass "総務課 in R3, 総務部総務課 from R4" || fail "総務課's names" "see the reports"
[ "$(depts_of "$scratch/b-2022.csv" No.19)" = 収納課 ] &&
[ "$(depts_of "$scratch/b-2023.csv" No.19)" = "" ] &&
    pass "No.19: 収納課 up to R4, nobody from R5" ||
    fail "No.19's department" "$(depts_of "$scratch/b-2023.csv" No.19)"

# The department each result is filed under, named as in its year (what
# the sheet and the results form show).
filed() {
	sqlite3 "$1" "SELECT n.key || ' ' || r.fy || ' ' || coalesce((SELECT dn.name
	    FROM department_name dn WHERE dn.dept_id = d.id AND dn.until_fy >= r.fy
	    ORDER BY dn.until_fy LIMIT 1), d.name) FROM result r JOIN node n
	    ON n.id = r.node_id LEFT JOIN department d ON d.id = r.dept_id
	    ORDER BY n.ord, r.fy"
}
filed "$a" > "$scratch/a.filed"
filed "$b" > "$scratch/b.filed"
[ -s "$scratch/a.filed" ] && cmp -s "$scratch/a.filed" "$scratch/b.filed" &&
grep -q '^6 2021 秘書課$' "$scratch/b.filed" &&
    pass "every result is filed under the same department, named as in its year" ||
    fail "results' departments" "$(diff "$scratch/a.filed" "$scratch/b.filed" | head -n 6)"
run "$b" export --plan yuki-ap -o "$scratch/y.csv"
cmp -s "$scratch/x.csv" "$scratch/y.csv" && pass "the new database exports the same file" ||
    fail "export again" "$(diff "$scratch/x.csv" "$scratch/y.csv" | head -n 6)"

# Back into the database it came from, with --replace.
check "--replace into the database it came from" run "$a" import --replace "$scratch/x.csv"
run "$a" report --plan yuki-ap --fy 2021 --format csv -o "$scratch/a2-2021.csv"
cmp -s "$scratch/a-2021.csv" "$scratch/a2-2021.csv" &&
    pass "and its report of R3 is unchanged" || fail "report after --replace" "differs"

# Into a database where the departments still have their old names: the
# file's history explains the rename, so it is accepted and recorded.
run "$c" import --replace "$scratch/x.csv" > "$scratch/out" 2>&1 &&
    pass "--replace into a database with the old names is accepted" ||
    fail "--replace with old names" "$(cat "$scratch/out")"
run "$c" dept list > "$scratch/list"
grep -q "^結城市/総務課	総務部総務課	〜令和3年度 総務課	" "$scratch/list" &&
grep -q "^結城市/秘書課	秘書課	令和3年度で廃止（結城市/企画政策課に統合）	" "$scratch/list" &&
grep -q "^結城市/収納課	収納課	令和4年度で廃止	" "$scratch/list" &&
    pass "it now has the new name, the old one, the abolitions and the merger" ||
    fail "departments after --replace" "$(cat "$scratch/list")"
[ "$(sqlite3 "$c" "SELECT old_value || '→' || new_value FROM history
    WHERE field = 'dept_rename'")" = "結城市/総務課: 総務課→総務部総務課" ] &&
    pass "the rename is in its history" || fail "history of the rename" "none"
for y in 2021 2022 2023; do
	run "$c" report --plan yuki-ap --fy "$y" --format csv -o "$scratch/c-$y.csv"
	cmp -s "$scratch/a-$y.csv" "$scratch/c-$y.csv" &&
	    pass "its report of $y is the reorganised database's" ||
	    fail "report of $y after --replace" "$(diff "$scratch/a-$y.csv" "$scratch/c-$y.csv" | head -n 6)"
done

# A name that differs with no history to explain it: two departments
# under one code, refused at the dept row.
sed -e 's/^dept,結城市\/税務課,税務課,/dept,結城市\/税務課,市民税課,/' "$scratch/x.csv" > "$scratch/bad.csv"
line=$(grep -n '^dept,結城市/税務課,' "$scratch/bad.csv" | cut -d: -f1)
run "$b" import --replace "$scratch/bad.csv" 2> "$scratch/err"; rc=$?
[ "$rc" = 1 ] && grep -q "bad.csv:$line:3: 部署「結城市/税務課」はデータベースで「税務課」です" "$scratch/err" &&
    pass "a name without its history is refused at its line" ||
    fail "unexplained rename" "rc $rc: $(cat "$scratch/err")"

# A file written before the rename (the department's old name, none of
# its later history) into the reorganised database: refused, and the
# advice is to take the database's name and give the old one its years,
# not to undo the rename.
sed -e 's/^dept,結城市\/総務課,総務部総務課,/dept,結城市\/総務課,総務課,/' \
    -e '/^deptname,結城市\/総務課,/d' "$scratch/x.csv" > "$scratch/old.csv"
line=$(grep -n '^dept,結城市/総務課,' "$scratch/old.csv" | cut -d: -f1)
run "$b" import --replace "$scratch/old.csv" 2> "$scratch/err"; rc=$?
[ "$rc" = 1 ] && grep -q "old.csv:$line:3: 部署「結城市/総務課」はデータベースで「総務部総務課」です（「総務課」は 2021 年度までの名前で、このファイルは名前が変わる前のものです。NAME を「総務部総務課」にし、deptname の行に 2021 年度までの名前「総務課」を書くか" "$scratch/err" &&
    pass "a file older than the rename is refused with advice that keeps it" ||
    fail "older file" "rc $rc: $(cat "$scratch/err")"
grep -q "deptname の行に「総務部総務課」を使った最後の年度" "$scratch/err" &&
    fail "no advice to undo the rename" "$(cat "$scratch/err")" ||
    pass "no advice to undo the rename"
run "$b" dept list > "$scratch/list"
grep -q "^結城市/総務課	総務部総務課	〜令和3年度 総務課	" "$scratch/list" &&
    pass "the reorganised database keeps the new name" ||
    fail "names after the refusal" "$(cat "$scratch/list")"

# A department whose code is another city's name: 企画政策課 is a code in
# one city (a file that wrote bare codes) and 結城市's 企画政策課 the
# name. The code is taken, as documented, and the user told of the other.
d=$scratch/d.db
run "$d" init > /dev/null 2>&1
run "$d" import db/samples/yuki-actionplan.csv > /dev/null 2>&1
printf 'shisaku-plan,1\ndept,企画政策課,企画政策課,北町\n' > "$scratch/bare.csv"
run "$d" import "$scratch/bare.csv" > /dev/null 2>&1
run "$d" user add kimura --role clerk --dept 企画政策課 > "$scratch/out" 2> "$scratch/err"
grep -q '^kimura: 担当課職員（企画政策課）$' "$scratch/out" &&
grep -q '注意: 「企画政策課」は部署のコードとして読みました。同じ名前の部署 結城市/企画政策課（結城市） のことなら、そのコードで指定してください' "$scratch/err" &&
    pass "a code that is another city's name is taken as a code, and said" ||
    fail "a code that is a name" "$(cat "$scratch/out" "$scratch/err")"
run "$d" user add kimura2 --role clerk --dept 結城市/企画政策課 > /dev/null 2> "$scratch/err"
[ ! -s "$scratch/err" ] && pass "a code no other department bears as a name: nothing said" ||
    fail "a note for a plain code" "$(cat "$scratch/err")"
run "$d" dept rename 企画政策課 北町企画課 --from R8 > /dev/null 2> "$scratch/err"
grep -q '注意: 「企画政策課」は部署のコードとして読みました。同じ名前の部署 結城市/企画政策課（結城市）' "$scratch/err" &&
    pass "dept says the same of the department it changes" ||
    fail "dept's note" "$(cat "$scratch/err")"

# A merger into a department added after it (its row comes later in the
# database's order), itself merged before: 秘書課 → 企画政策課 from R4 as
# above in a, 企画政策課 → 政策推進課 from R6 here. The export writes each
# department after the one it was merged into, and loads into a new
# database with both mergers, which exports the same file.
e=$scratch/e.db
check "add 政策推進課" run "$a" dept add 結城市/政策推進課 政策推進課 --org 結城市
check "merge 企画政策課 into it from R6" run "$a" dept merge 結城市/企画政策課 \
    結城市/政策推進課 --from R6
run "$a" export --plan yuki-ap -o "$scratch/chain.csv"
first=$(grep -n '^dept,結城市/政策推進課,' "$scratch/chain.csv" | cut -d: -f1)
mid=$(grep -n '^dept,結城市/企画政策課,企画政策課,結城市,2023,結城市/政策推進課$' "$scratch/chain.csv" | cut -d: -f1)
last=$(grep -n '^dept,結城市/秘書課,秘書課,結城市,2021,結城市/企画政策課$' "$scratch/chain.csv" | cut -d: -f1)
[ -n "$first" ] && [ -n "$mid" ] && [ -n "$last" ] && [ "$first" -lt "$mid" ] &&
    [ "$mid" -lt "$last" ] &&
    pass "each merged department after the one it was merged into" ||
    fail "the order of a chain of mergers" "$(grep '^dept' "$scratch/chain.csv")"
run "$e" init > /dev/null 2>&1
check "the chain loads into a new database" run "$e" import "$scratch/chain.csv"
[ "$(sqlite3 "$e" "SELECT group_concat(x, ' ') FROM (SELECT d.code || '>' ||
    m.code AS x FROM department d JOIN department m ON m.id = d.merged_into
    ORDER BY d.code)")" = \
    "結城市/企画政策課>結城市/政策推進課 結城市/秘書課>結城市/企画政策課" ] &&
    pass "db: both mergers in the new database" ||
    fail "db: the chain" "$(sqlite3 "$e" "SELECT code, merged_into FROM department")"
run "$e" export --plan yuki-ap -o "$scratch/chain2.csv"
cmp -s "$scratch/chain.csv" "$scratch/chain2.csv" &&
    pass "which exports the same file" ||
    fail "the chain exported again" "$(diff "$scratch/chain.csv" "$scratch/chain2.csv" | head -n 6)"

# A department typed as people write it otherwise: its 課 alone, or with
# a blank where the name has none. Refused, naming the one it likely is
# and its code; one character names nothing.
run "$e" dept add 試験市/shoko 産業振興部商工観光課 --org 試験市 > /dev/null 2>&1
for typed in 商工観光課 "産業振興部　商工観光課"; do
	run "$e" user add hint1 --role clerk --dept "$typed" > "$scratch/out" 2> "$scratch/err"; rc=$?
	[ "$rc" != 0 ] && grep -q "部署「$typed」がありません。「産業振興部商工観光課」（コード 試験市/shoko）のことなら、そのコードか名前で指定してください" "$scratch/err" &&
	    pass "user add --dept $typed: the department it likely is, named" ||
	    fail "the hint for $typed" "rc $rc: $(cat "$scratch/err")"
done
run "$e" user add hint1 --role clerk --dept 課 > /dev/null 2> "$scratch/err"
grep -q "部署「課」がありません（部署のコードか名前で指定してください" "$scratch/err" &&
    pass "one character: no hint" || fail "one character" "$(cat "$scratch/err")"
[ "$(sqlite3 "$e" "SELECT count(*) FROM app_user WHERE login = 'hint1'")" = 0 ] &&
    pass "db: no user added" || fail "db: no user added"
# By its code: what was filed names the department too, the code not
# saying it.
run "$e" user add hint1 --role clerk --dept 試験市/shoko > "$scratch/out" 2> "$scratch/err"
grep -qx 'hint1: 担当課職員（試験市/shoko 産業振興部商工観光課）' "$scratch/out" &&
    pass "user add by the code: the department's code and name" ||
    fail "user add by the code" "$(cat "$scratch/out" "$scratch/err")"
finish
