#!/bin/sh
# The command line end to end, on the sanitizer build: init, import of the
# four samples, plans, export round trip, refusal of a bad file with the
# database unchanged, dry run, check, backup, users and roles, config
# errors.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
bin=${SHISAKU_BIN:-build/san/shisaku}
db=$scratch/a.db
run() { "$bin" -d "$db" "$@"; }

check "init creates a database" run init
check "init refuses an existing file" sh -c "! '$bin' -d '$db' init"
# A write-ahead log left by a database removed without it would be played
# into the new one: init refuses, names it and makes nothing.
printf 'stale' > "$scratch/gone.db-wal"
check "init refuses a leftover journal" sh -c "! '$bin' -d '$scratch/gone.db' init 2> '$scratch/gone.err'"
check "the refusal names the leftover" grep -q "gone.db-wal" "$scratch/gone.err"
check "nothing is made beside the leftover" test ! -e "$scratch/gone.db"
check "import the four samples" run import db/samples/*.csv
run plans > "$scratch/plans"
check "plans lists four plans" test "$(wc -l < "$scratch/plans")" -eq 4
check "plans prints code, name and period" \
	grep -qx "$(printf 'yuki-ap\t結城市行政改革大綱アクションプラン\t2021-2025')" "$scratch/plans"
check "a plan without a period prints a single -" grep -qx "$(printf 'omitama-1\t小美玉市総合計画 基本目標1 みんなの力で磨くまちづくり\t-')" "$scratch/plans"
check "yuki has 39 action items" test "$(sqlite3 "$db" "SELECT count(*) FROM node n JOIN plan p ON p.id=n.plan_id WHERE p.code='yuki-ap' AND n.depth=4")" -eq 39
check "yuki has 150 yearly targets" test "$(sqlite3 "$db" "SELECT count(*) FROM indicator_target t JOIN indicator i ON i.id=t.indicator_id JOIN plan p ON p.id=i.plan_id WHERE p.code='yuki-ap'")" -eq 150
check "No.19 targets 98.82 .. 98.9" test "$(sqlite3 "$db" "SELECT group_concat(t.num, ' ') FROM indicator_target t JOIN indicator i ON i.id=t.indicator_id JOIN node n ON n.id=i.node_id WHERE n.code='No.19' ORDER BY t.fy")" = "98.82 98.84 98.86 98.88 98.9"
check "omitama-dx has 27 items" test "$(sqlite3 "$db" "SELECT count(*) FROM node n JOIN plan p ON p.id=n.plan_id WHERE p.code='omitama-dx' AND n.depth=2")" -eq 27

run export -o "$scratch/e1.csv"
"$bin" -d "$scratch/b.db" init >/dev/null
"$bin" -d "$scratch/b.db" import "$scratch/e1.csv" >/dev/null
"$bin" -d "$scratch/b.db" export -o "$scratch/e2.csv"
check "export, import, export is byte-identical" cmp "$scratch/e1.csv" "$scratch/e2.csv"
run export --plan yuki-ap --encoding utf-8-bom --crlf -o "$scratch/bom.csv"
check "utf-8-bom export starts with a BOM" sh -c "head -c 3 '$scratch/bom.csv' | od -An -tx1 | grep -q 'ef bb bf'"
check "crlf export has CRLF" grep -q "$(printf '\r')$" "$scratch/bom.csv"
"$bin" -d "$scratch/c.db" init >/dev/null
check "a BOM and CRLF export imports again" "$bin" -d "$scratch/c.db" import "$scratch/bom.csv"
check "cp932 export converts" run export --plan omitama-1 --encoding cp932 -o "$scratch/sjis.csv"
check "cp932 export is CP932" sh -c "iconv -f CP932 -t UTF-8 '$scratch/sjis.csv' | grep -q '小美玉市'"
# Yuki No.34 prints 进 (not in CP932): refused with its line, no file left.
run export --plan yuki-ap --encoding cp932 -o "$scratch/nosjis.csv" 2> "$scratch/err"; rc=$?
check "a character CP932 lacks is refused" test "$rc" -eq 1
check "and its line, column and character are named" grep -q '行 [0-9]* 列の「进」（U+8FDB）は CP932 で表せません' "$scratch/err"
run export --plan yuki-ap --encoding cp932 --unmappable geta -o "$scratch/geta.csv" 2> "$scratch/err"
check "--unmappable geta writes 〓 instead" sh -c "iconv -f CP932 -t UTF-8 '$scratch/geta.csv' | grep -q 'それら〓行操作'"
check "and says how many" grep -q 'CP932 で表せない 1 文字を「〓」で書き出しました' "$scratch/err"
check "and no file is left" test ! -e "$scratch/nosjis.csv"
check "export of an unknown plan fails" sh -c "! '$bin' -d '$db' export --plan nosuch"
# Nothing on standard output before the error: a pipe reads no heading
# of a file that is not there.
run export --plan nosuch > "$scratch/nosuch.out" 2> "$scratch/nosuch.err"
check "an unknown plan writes nothing to standard output" test ! -s "$scratch/nosuch.out"
check "and says why" grep -q '計画「nosuch」がありません' "$scratch/nosuch.err"
run export --results --plan nosuch --fy 2021 > "$scratch/nosuch.out" 2> "$scratch/nosuch.err"
check "nor a results file of an unknown plan" test ! -s "$scratch/nosuch.out"
run export --results --plan yuki-ap --fy 2040 > "$scratch/late.out" 2> "$scratch/late.err"
check "nor one of a year outside the plan's period" test ! -s "$scratch/late.out"
check "which is named" grep -q '期間' "$scratch/late.err"
run export --results --plan yuki-ap --fy 2021 > "$scratch/r21.out"
check "a results file to standard output begins with its heading" \
	grep -qx 'shisaku-results,1' "$scratch/r21.out"

# A sample with an invalid byte on line 40: refused, named, nothing written.
LC_ALL=C sed '40s/市民/\xff/' db/samples/yuki-actionplan.csv > "$scratch/bad.csv"
check "the bad sample has its invalid byte" sh -c "LC_ALL=C grep -c \"\$(printf '\\377')\" '$scratch/bad.csv' | grep -qx 1"
"$bin" -d "$scratch/d.db" init >/dev/null
before=$(sqlite3 "$scratch/d.db" .dump | md5sum)
"$bin" -d "$scratch/d.db" import "$scratch/bad.csv" 2> "$scratch/err"; rc=$?
check "invalid byte is refused with exit 1" test "$rc" -eq 1
check "invalid byte is reported as FILE:40:COL" grep -q "bad.csv:40:[0-9]*: " "$scratch/err"
check "the database is unchanged" test "$(sqlite3 "$scratch/d.db" .dump | md5sum)" = "$before"

# A row the database refuses in the middle of a long file (a trigger
# made to refuse the 2,501st yearly plan): the rows go to the writing
# in batches while later ones are read, yet the refusal names that row's
# line, and nothing at all is written.
sh tests/genplan.sh 3000 > "$scratch/long.csv"
want=$(awk -F, '$1 == "yearplan" && ++n == 2501 { print NR; exit }' "$scratch/long.csv")
"$bin" -d "$scratch/w.db" init > /dev/null
sqlite3 "$scratch/w.db" "CREATE TRIGGER refuse_late BEFORE INSERT ON year_plan
    WHEN (SELECT count(*) FROM year_plan) >= 2500
    BEGIN SELECT RAISE(ABORT, '年次計画の書き込みを拒否'); END;"
"$bin" -d "$scratch/w.db" import "$scratch/long.csv" 2> "$scratch/err"; rc=$?
check "a row the database refuses fails the import" test "$rc" -ne 0
check "the refusal names the row's line ($want)" \
	grep -q "long.csv:$want: 年次計画の書き込みを拒否（何も書き込んでいません）" "$scratch/err"
check "and nothing of the file is written" \
	test "$(sqlite3 "$scratch/w.db" 'SELECT count(*) FROM node')" -eq 0

check "dry run of a good file succeeds" "$bin" -d "$scratch/d.db" import --dry-run db/samples/yuki-actionplan.csv
check "dry run writes nothing" test "$(sqlite3 "$scratch/d.db" .dump | md5sum)" = "$before"
# A node row with two columns too many: its one error, and nothing said
# of its children (the parent is there, on the refused line), in a dry
# run and an import alike.
printf 'shisaku-plan,1\nplan,bad3,計画３,2026,2030,市,\nlevel,bad3,1,政策\nlevel,bad3,2,事業\nnode,bad3,A,,1,政策Ａ,,,,,,,,余計\nnode,bad3,A-1,A,1-1,事業,,,,,,\nnode,bad3,A-2,A,1-2,事業,,,,,,\n' > "$scratch/bad3.csv"
for how in --dry-run --; do
	"$bin" -d "$scratch/d.db" import $how "$scratch/bad3.csv" 2> "$scratch/err"; rc=$?
	check "a row with too many columns is refused ($how)" test "$rc" -eq 1
	check "with its one error ($how)" grep -q 'bad3.csv:5:14: node の行は 12 列までです（14 列あります）' "$scratch/err"
	check "and nothing said of its children ($how)" sh -c "! grep -q 'bad3.csv:[67]:' '$scratch/err'"
	check "the count says one ($how)" grep -q ' 1 件の誤りがあります' "$scratch/err"
done

# --replace deletes a plan's results: refused unless the file carries them.
"$bin" -d "$scratch/r.db" init >/dev/null
"$bin" -d "$scratch/r.db" import db/samples/yuki-actionplan.csv >/dev/null
printf 'shisaku-plan,1\nresult,yuki-ap,1,R3,完了,A,提出済,出前講座を42回開催,,,clerk,2022-04-20T10:00:00\n' > "$scratch/res.csv"
check "a results file loads into a plan" "$bin" -d "$scratch/r.db" import "$scratch/res.csv"
"$bin" -d "$scratch/r.db" import --replace db/samples/yuki-actionplan.csv 2> "$scratch/err"; rc=$?
check "--replace without the results is refused" test "$rc" -eq 1
check "and says to export with the results" grep -q 'export --plan yuki-ap' "$scratch/err"
check "and the result is still there" test "$(sqlite3 "$scratch/r.db" "SELECT text FROM result")" = "出前講座を42回開催"
"$bin" -d "$scratch/r.db" export --plan yuki-ap -o "$scratch/withres.csv"
check "--replace with an export that carries them works" "$bin" -d "$scratch/r.db" import --replace "$scratch/withres.csv"
check "and keeps the result" test "$(sqlite3 "$scratch/r.db" "SELECT text FROM result")" = "出前講座を42回開催"


# Every column of a confirmed result and of an actual reported on its own
# (an indicator of a policy) comes back from an export: who confirmed it
# and when are part of the record.
"$bin" -d "$scratch/t.db" init >/dev/null
"$bin" -d "$scratch/t.db" import db/samples/*.csv >/dev/null
printf 'shisaku-plan,1\nactual,omitama-1,1-1,2022,15,速報値,確認済,,clerk,2023-04-20T10:00:00,chief,2023-05-01T09:30:00\nresult,yuki-ap,1,R3,完了,A,確認済,出前講座を42回開催,,,clerk,2022-04-20T10:00:00,chief,2022-05-10T15:00:00\n' > "$scratch/done.csv"
check "a confirmed result and actual load" "$bin" -d "$scratch/t.db" import "$scratch/done.csv"
"$bin" -d "$scratch/t.db" export -o "$scratch/t.csv"
"$bin" -d "$scratch/u.db" init >/dev/null
check "and the export of them loads" "$bin" -d "$scratch/u.db" import "$scratch/t.csv"
qa="SELECT i.key, a.fy, a.num, a.note, a.state, a.entered_by, a.entered_at, a.confirmed_by, a.confirmed_at FROM indicator_actual a JOIN indicator i ON i.id = a.indicator_id"
qr="SELECT n.key, r.fy, r.state, r.entered_by, r.entered_at, r.confirmed_by, r.confirmed_at FROM result r JOIN node n ON n.id = r.node_id"
check "the actual comes back with who confirmed it and when" \
	test "$(sqlite3 "$scratch/u.db" "$qa")" = "1-1|2022|15.0|速報値|confirmed|clerk|2023-04-20T10:00:00|chief|2023-05-01T09:30:00"
check "the result comes back with who confirmed it and when" \
	test "$(sqlite3 "$scratch/u.db" "$qr")" = "1|2021|confirmed|clerk|2022-04-20T10:00:00|chief|2022-05-10T15:00:00"
# A value without a STATE of an indicator reported on its own (of a
# policy) is a figure the plan printed: confirmed, and said so; a note
# alone is no value and takes no state.
printf 'shisaku-plan,1\nactual,omitama-1,1-1,2023,17,,\nactual,omitama-1,1-1,2024,,調査なし,\n' > "$scratch/blank.csv"
"$bin" -d "$scratch/t.db" import "$scratch/blank.csv" > "$scratch/blank.out" 2>&1
check "a value without a STATE says it is confirmed" \
	grep -q '状態（STATE）のない実績値 1 件（取組の実績とは別に報告する指標のもの）は、計画に載った値として確認済にしました' "$scratch/blank.out"
check "and is confirmed; the note alone takes no state" \
	test "$(sqlite3 "$scratch/t.db" "SELECT group_concat(a.fy || ':' || coalesce(a.state, '-'), ' ') FROM indicator_actual a JOIN indicator i ON i.id = a.indicator_id JOIN plan p ON p.id = i.plan_id WHERE p.code = 'omitama-1' AND i.key = '1-1' AND a.fy IN (2023, 2024)")" = "2023:confirmed 2024:-"
# A dry run says how many such values the import will confirm, as the
# import then says it did: in the database, a policy's indicator (1-1 of
# omitama-1) and not an item's (1-2-1 of omitama-dx), not a value with a
# STATE; in the file, the plan's own indicator, a policy's and an item's
# with a DEPT, not an item's without one.
# confirms DB FILE N WHAT: a dry run of FILE says N will be confirmed,
# and the import says it confirmed N.
confirms() {
	"$bin" -d "$1" import --dry-run "$2" > "$scratch/confirms.out" 2>&1
	check "$4: a dry run says $3 will be confirmed" \
		grep -q "状態（STATE）のない実績値 $3 件（取組の実績とは別に報告する指標のもの）は、計画に載った値として確認済にします\$" "$scratch/confirms.out"
	"$bin" -d "$1" import "$2" > "$scratch/confirms.out" 2>&1
	check "$4: the import says it confirmed $3" \
		grep -q "状態（STATE）のない実績値 $3 件（取組の実績とは別に報告する指標のもの）は、計画に載った値として確認済にしました\$" "$scratch/confirms.out"
}
printf 'shisaku-plan,1\nactual,omitama-1,1-1,2025,18,,\nactual,omitama-dx,1-2-1,2025,3,,\nactual,omitama-1,1-1,2026,19,,下書き\n' > "$scratch/blank2.csv"
confirms "$scratch/t.db" "$scratch/blank2.csv" 1 "the database's policy indicator"
printf 'shisaku-plan,1\nplan,own-t,報告の確認の計画\nlevel,own-t,1,施策\nlevel,own-t,2,事業\ndept,own-t/総務課,総務課\nnode,own-t,A,,1,施策Ａ\nnode,own-t,A1,A,1-1,事業Ａ１\nindicator,own-t,P,,計画の指標,,件,増加\nindicator,own-t,A,A,施策の指標,,件,増加\nindicator,own-t,A1d,A1,課の指標,,件,増加,,,,,,,,own-t/総務課\nindicator,own-t,A1,A1,事業の指標,,件,増加\nactual,own-t,P,2024,1件\nactual,own-t,A,2024,2件\nactual,own-t,A1d,2024,3件\nactual,own-t,A1,2024,4件\n' > "$scratch/own.csv"
"$bin" -d "$scratch/own.db" init >/dev/null
confirms "$scratch/own.db" "$scratch/own.csv" 3 "a new plan's own, policy and DEPT indicators"
check "the item's indicator without a DEPT takes its result's state" \
	test "$(sqlite3 "$scratch/own.db" "SELECT group_concat(i.key || ':' || coalesce(a.state, '-'), ' ') FROM indicator_actual a JOIN indicator i ON i.id = a.indicator_id ORDER BY i.ord")" = "P:confirmed A:confirmed A1d:confirmed A1:-"
# The indicators keep their order of display through an export: here
# not the order of their nodes, with the plan's own in the middle.
printf 'shisaku-plan,1\nplan,ord-t,並びの確認の計画\nlevel,ord-t,1,施策\nlevel,ord-t,2,事業\nnode,ord-t,A,,1,施策Ａ\nnode,ord-t,A1,A,1-1,事業Ａ１\nnode,ord-t,B,,2,施策Ｂ\nindicator,ord-t,B-x,B,指標Ｂ,,件,増加\nindicator,ord-t,A-x,A,指標Ａ,,件,増加\nindicator,ord-t,P-x,,計画の指標,,件,増加\nindicator,ord-t,A1-x,A1,指標Ａ１,,件,増加\ntarget,ord-t,A1-x,2026,5件\n' > "$scratch/ord.csv"
"$bin" -d "$scratch/o1.db" init >/dev/null
check "a plan with indicators out of their nodes' order loads" "$bin" -d "$scratch/o1.db" import "$scratch/ord.csv"
"$bin" -d "$scratch/o1.db" export --plan ord-t -o "$scratch/o1.csv"
"$bin" -d "$scratch/o2.db" init >/dev/null
check "and its export loads" "$bin" -d "$scratch/o2.db" import "$scratch/o1.csv"
qo="SELECT group_concat(key, ' ') FROM (SELECT key FROM indicator ORDER BY ord)"
check "the indicators are in the file's order" test "$(sqlite3 "$scratch/o1.db" "$qo")" = "B-x A-x P-x A1-x"
check "and again after an export" test "$(sqlite3 "$scratch/o2.db" "$qo")" = "B-x A-x P-x A1-x"
check "the target stays with its indicator" test "$(sqlite3 "$scratch/o2.db" "SELECT i.key, t.fy, t.num FROM indicator_target t JOIN indicator i ON i.id = t.indicator_id")" = "A1-x|2026|5.0"

check "check finds no problems" run check
sqlite3 "$db" "PRAGMA foreign_keys=OFF; INSERT INTO node_flag (node_id, flag_id) VALUES (99999, 99999);"
check "check reports a broken reference" sh -c "! '$bin' -d '$db' check"
sqlite3 "$db" "DELETE FROM node_flag WHERE node_id = 99999;"
# The copies the triggers keep, written wrong with the triggers gone.
cp "$db" "$scratch/copies.db"
sqlite3 "$scratch/copies.db" "DROP TRIGGER indicator_depth_moved;
    UPDATE indicator SET depth = 9 WHERE id = (SELECT min(id) FROM indicator
    WHERE node_id IS NOT NULL);
    UPDATE node_flag SET ord = -1 WHERE rowid = (SELECT max(rowid) FROM node_flag);
    UPDATE node_dept SET depth = 9 WHERE id = (SELECT max(id) FROM node_dept);"
"$bin" -d "$scratch/copies.db" check > "$scratch/copies.out" 2>&1; rc=$?
check "check reports the copies kept for the screens written wrong" test "$rc" -ne 0
check "naming the indicator's level" grep -q '指標に記録された階層が施策の階層と違います' "$scratch/copies.out"
check "and the mark's place" grep -q '区分の印に記録された施策の位置か期間が施策と違います' "$scratch/copies.out"
check "and the assignment's place" grep -q '担当課の割当てに記録された施策の位置か期間が施策と違います' "$scratch/copies.out"
check "and says how to mend them" grep -q 'その計画を export で書き出し、import --replace で読み込み直すと直ります' "$scratch/copies.out"
# What it says mends them: each plan written out, and read again in its
# place.
"$bin" -d "$scratch/copies.db" export -o "$scratch/copies.csv" &&
    "$bin" -d "$scratch/copies.db" import --replace "$scratch/copies.csv" > /dev/null
check "export and import --replace make the copies again" "$bin" -d "$scratch/copies.db" check
check "backup copies the database" run backup "$scratch/copy.db"
check "the backup has the plans" test "$("$bin" -d "$scratch/copy.db" plans | wc -l)" -eq 4
check "backup does not overwrite" sh -c "! '$bin' -d '$db' backup '$scratch/copy.db'"

check "a missing database is a clear error" sh -c "'$bin' -d '$scratch/none.db' plans 2>&1 | grep -q 'init'"
"$bin" -d "$scratch/none.db" plans 2>/dev/null; check "and exit 3" test $? -eq 3
printf '[calendar]\nfiscal_year_start_month = 13\n' > "$scratch/bad.ini"
"$bin" -c "$scratch/bad.ini" -d "$db" plans 2> "$scratch/err"; rc=$?
check "a bad config value exits 4" test "$rc" -eq 4
check "and names section, key and value" grep -q 'calendar.*fiscal_year_start_month.*13' "$scratch/err"
# A key written twice: iniparser would take the later value unseen.
printf '[import]\nmax_file_mib = 64\n\n[IMPORT]\nMax_File_MiB = 4096\n' \
    > "$scratch/twice.ini"
"$bin" -c "$scratch/twice.ini" -d "$db" plans > /dev/null 2> "$scratch/err"
rc=$?
check "a key written twice exits 4" test "$rc" -eq 4
check "and names its two lines" grep -q \
    "twice.ini:5: \[import\] max_file_mib が二度書かれています（2 行目にも" \
    "$scratch/err"
check "an unknown command exits 2" sh -c "'$bin' -d '$db' frobnicate 2>/dev/null; test \$? -eq 2"

check "user add a clerk" run user add tanaka --role clerk --dept 結城市/総務課
check "user list shows the clerk" sh -c "'$bin' -d '$db' user list | grep -q '^tanaka	clerk	結城市/総務課'"
# 総務課 is a name in both 結城市 and 小美玉市: the name alone is refused.
run user add suzuki --role clerk --dept 総務課 2> "$scratch/err"; rc=$?
check "an ambiguous department name is refused" test "$rc" -eq 1
check "and the codes to choose from are named" grep -q '結城市/総務課' "$scratch/err"
run user add kato --role clerk --dept 収納課 > "$scratch/kato.out"
check "a name unique to one department is accepted" test $? -eq 0
check "and what was filed says the department by its code" \
	grep -qx 'kato: 担当課職員（結城市/収納課）' "$scratch/kato.out"
check "a clerk needs a department" sh -c "! '$bin' -d '$db' user add sato --role clerk"
check "user remove" run user remove tanaka
# A login with no role (nobody) runs the program from a directory it can
# reach, on a copy of the database and the file (tests/logins.sh).
. tests/logins.sh
if logins_prepare shisaku-check "$bin" nobody; then
	trap 'rm -rf "$scratch" "$logins_tmp"' EXIT
	cp "$db" "$logins_tmp/cli.db"
	cp db/samples/yuki-actionplan.csv "$logins_tmp/yuki.csv"
	chmod 777 "$logins_tmp"
	chmod 666 "$logins_tmp/cli.db"
	chmod 644 "$logins_tmp/yuki.csv"
	HOME=$logins_tmp $(logins_as nobody) "$logins_tmp/shisaku" \
	    -d "$logins_tmp/cli.db" import "$logins_tmp/yuki.csv" 2> "$scratch/err"
	rc=$?
	check "import by a non-planner is refused with exit 5" test "$rc" -eq 5
	check "and says a planner is needed" grep -q '企画担当' "$scratch/err"
else
	fail "import by a non-planner is refused with exit 5" "not run: $logins_why"
	fail "and says a planner is needed" "not run: $logins_why"
fi
# A plan that gives its departments to its policies only: the dry run
# and the import name the first five nodes that take a policy's, then say
# ほか; the count is of all of them, the database has a row for each.
{
	echo 'shisaku-plan,1'
	echo 'plan,above,上から継ぐ計画,R3,R7,試験市,'
	echo 'level,above,1,基本方針'
	echo 'level,above,2,取組'
	echo 'dept,above/somu,総務課,試験市,'
	echo 'node,above,P,,1,方針,,,,,,'
	echo 'assign,above,P,above/somu,1,,'
	for k in 1 2 3 4 5 6 7; do echo "node,above,P-$k,P,($k),取組$k,,,,,,"; done
} > "$scratch/above.csv"
said='担当課（assign の行）のない施策・取組 7 件は、上の階層の担当課を引き継'
names='above: P-1 ← P、P-2 ← P、P-3 ← P、P-4 ← P、P-5 ← P ほか'
"$bin" -d "$scratch/above.db" init > /dev/null 2>&1
"$bin" -d "$scratch/above.db" import --dry-run "$scratch/above.csv" > "$scratch/above.out" 2>&1
check "the dry run names five nodes that take a policy's department, then ほか" \
    grep -qx "${said}ぎます: $names" "$scratch/above.out"
"$bin" -d "$scratch/above.db" import "$scratch/above.csv" > "$scratch/above.out" 2>&1
check "the import says the same" grep -qx "${said}ぎました: $names" "$scratch/above.out"
check "each of the seven is in the policy's department's charge" test \
    "$(sqlite3 "$scratch/above.db" "SELECT count(*) FROM node_dept nd
    JOIN node n ON n.id = nd.node_id WHERE n.key LIKE 'P-%' AND nd.is_main = 1")" -eq 7

# A login shell with no LANG (C locale) still gets Japanese, not "?":
# every command reads and writes UTF-8 whatever the locale says.
env -i PATH=/usr/bin:/bin "$bin" -d "$db" report --plan yuki-ap --fy R3 --format text > "$scratch/c-locale.txt" 2>&1
check "a text report in the C locale keeps its Japanese" grep -q '結城市行政改革大綱アクションプラン' "$scratch/c-locale.txt"
check "and has no run of question marks" sh -c "! grep -q '???' '$scratch/c-locale.txt'"

# A year no plan's period holds is opened, and said to be likely a slip,
# with the way to close it; a year of a plan is opened without a word,
# and so is any year beside a plan that prints no period.
y=$scratch/years.db
"$bin" -d "$y" init > /dev/null 2>&1 && "$bin" -d "$y" import db/samples/yuki-actionplan.csv > /dev/null 2>&1
"$bin" -d "$y" year open R19 > "$scratch/out" 2> "$scratch/err"; rc=$?
[ "$rc" = 0 ] && grep -q "^令和19(2037)年度を受付中にしました$" "$scratch/out" &&
    grep -q "^注意: 令和19(2037)年度はどの計画の期間にもありません（結城市行政改革大綱アクションプラン: 令和3年度〜令和7年度）。誤りなら shisaku year close 2037 で締めてください$" "$scratch/err" &&
    [ "$(sqlite3 "$y" "SELECT count(*) FROM fiscal_year WHERE fy = 2037")" = 1 ] &&
    pass "year open outside every plan's period: opened, and said" ||
    fail "year open R19" "rc $rc: $(cat "$scratch/out" "$scratch/err")"
printf '[calendar]\ncurrent_year = 2023\n' > "$scratch/in-r5.ini"
"$bin" -c "$scratch/in-r5.ini" -d "$y" year open R5 > /dev/null 2> "$scratch/err"
check "a year of a plan, not over: nothing said" test ! -s "$scratch/err"
# A year that is over, opened without a deadline, is due at once: every
# entry not yet submitted is late. Said, with the way to set a deadline;
# nothing when it has one, and nothing on closing it.
"$bin" -c "$scratch/in-r5.ini" -d "$y" year close R5 > /dev/null 2>&1
"$bin" -d "$y" year open R5 > "$scratch/out" 2> "$scratch/err"; rc=$?
[ "$rc" = 0 ] && grep -q "^令和5(2023)年度を受付中にしました$" "$scratch/out" &&
    [ "$(cat "$scratch/err")" = "注意: 令和5(2023)年度は終わった年度で、入力期限がないため、まだ提出されていない実績はすべて遅れと数えられます。期限を定めるには: shisaku year open 2023 --deadline YYYY-MM-DD" ] &&
    pass "a year that is over, opened without a deadline: said" ||
    fail "a year that is over, opened without a deadline" "rc $rc: $(cat "$scratch/out" "$scratch/err")"
"$bin" -d "$y" year open R5 --deadline 2099-06-30 > "$scratch/out" 2> "$scratch/err"
check "given a deadline: nothing said" test ! -s "$scratch/err"
"$bin" -d "$y" year open R5 > /dev/null 2> "$scratch/err"
check "opened again, its deadline kept: nothing said" test ! -s "$scratch/err"
"$bin" -d "$y" year close R5 > /dev/null 2> "$scratch/err"
check "closing it: nothing said" test ! -s "$scratch/err"
# In a log (both outputs in one file), the note comes after the lines
# it is about.
"$bin" -d "$y" year open R5 --deadline none > "$scratch/both" 2>&1
[ "$(sed -n 1p "$scratch/both")" = "令和5(2023)年度を受付中にしました" ] &&
    [ "$(sed -n 2p "$scratch/both")" = "令和5(2023)年度の入力期限を取り消しました" ] &&
    sed -n 3p "$scratch/both" | grep -q "^注意: 令和5(2023)年度は終わった年度で" &&
    [ "$(wc -l < "$scratch/both")" -eq 3 ] &&
    pass "in a log, the note after the lines it is about" ||
    fail "the note's place in a log" "$(cat "$scratch/both")"
run year open R18 > /dev/null 2> "$scratch/err"
check "beside a plan without a period: nothing said" test ! -s "$scratch/err"
finish
