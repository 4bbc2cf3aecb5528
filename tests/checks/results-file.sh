#!/bin/sh
# Results files on the command line, on the sanitizer build, as an office
# that gathers its results in Excel: the planner who made the sample
# database exports yuki-ap's R3 template, fills in a few cells (a text, a
# status, an actual in full-width digits) and a policy indicator of
# shimotsuma-6 in another export, checks them with --dry-run (nothing
# written) and loads them (rows and history as the form writes them); a
# file with errors is refused at FILE:LINE:COLUMN with nothing written; a
# row changed in the database since the export is refused naming who
# changed it; CP932 and UTF-8-with-BOM exports from the config come back
# unchanged and carry a change; and, run as other logins through setpriv,
# a clerk of another department is refused with the workflow's reason and
# nothing written, while the department's own clerk is let in and a
# login that is not a user is refused.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
bin=${SHISAKU_BIN:-build/san/shisaku}
db=$scratch/r.db
run() { "$bin" -d "$db" "$@"; }
q() { sqlite3 "$db" "$1"; }
dump() { sqlite3 "$db" .dump | md5sum; }
me=$(id -un)

run init >/dev/null && run import db/samples/*.csv >/dev/null ||
    { fail "sample database" "init or import failed"; finish; exit 1; }

# ---- the template ------------------------------------------------------
check "export --results writes yuki-ap's R3" \
    run export --results --plan yuki-ap --fy R3 -o "$scratch/y.csv"
check "row 1 names the format" test "$(head -n 1 "$scratch/y.csv")" = "shisaku-results,1"
check "a result row per action item (39)" test "$(grep -c '^result,yuki-ap,' "$scratch/y.csv")" -eq 39
check "an actual row per indicator of the items" \
    test "$(grep -c '^actual,yuki-ap,' "$scratch/y.csv")" -eq "$(q "SELECT count(*) FROM indicator i JOIN plan p ON p.id = i.plan_id WHERE p.code = 'yuki-ap'")"
check "No.1's row has its version, code, title and department" \
    grep -qx 'result,yuki-ap,1,2021,,,,,,,,,,,0,No.1,市民参画・市民活動支援事業,まちづくり協働課' "$scratch/y.csv"
check "its indicator shows unit, the year's and the final target" \
    grep -qx 'actual,yuki-ap,1-1,2021,,,,,,,,,0,No.1,市民参画・市民活動支援事業,ふれあい出前講座の実施回数,回,40回,50回（令和7(2025)年度）,まちづくり協働課' "$scratch/y.csv"
run export --results --plan yuki-ap -o "$scratch/nofy.csv" 2>"$scratch/err"; rc=$?
check "--results without --fy is a usage error" test "$rc" -eq 2
check "a year outside the plan is refused" sh -c "! '$bin' -d '$db' export --results --plan yuki-ap --fy 2030 -o '$scratch/x.csv' 2>'$scratch/err' && grep -q '期間' '$scratch/err'"
check "naming the period and what to do" grep -q \
    '（令和3(2021)年度〜令和7(2025)年度）の外です。期間内の年度を --fy で指定してください' \
    "$scratch/err"

# ---- filling it in -------------------------------------------------------
# No.1: status, text, a full-width actual; No.2: submitted with a text.
awk -F, 'BEGIN { OFS = "," }
    $1 == "result" && $3 == "1" { $5 = "実施中"; $8 = "ふれあい出前講座を42回開催" }
    $1 == "actual" && $3 == "1-1" { $5 = "４２回" }
    $1 == "result" && $3 == "2" { $5 = "完了"; $7 = "提出済"; $8 = "清掃活動を支援" }
    { print }' "$scratch/y.csv" > "$scratch/filled.csv"
run export --results --plan shimotsuma-6 --fy R5 -o "$scratch/s.csv"
awk -F, 'BEGIN { OFS = "," }
    $1 == "actual" && $3 == "1-1" { $5 = "８件"; $6 = "4月〜6月の集計" }
    { print }' "$scratch/s.csv" > "$scratch/s-filled.csv"
check "the policy indicator 1-1 of shimotsuma-6 is in its template" \
    grep -q '^actual,shimotsuma-6,1-1,2023,８件,4月〜6月の集計,' "$scratch/s-filled.csv"

before=$(dump)
run import --results --dry-run "$scratch/filled.csv" > "$scratch/said" 2>&1; rc=$?
check "--dry-run succeeds" test "$rc" -eq 0
check "and says what it would write" grep -q '実績 2 行、実績値 1 行を書き込めます' "$scratch/said"
check "and writes nothing" test "$(dump)" = "$before"

run import --results "$scratch/filled.csv" > "$scratch/said" 2>&1; rc=$?
check "the filled file loads" test "$rc" -eq 0
rows=$(grep -c '^result,\|^actual,' "$scratch/filled.csv")
check "with one summary line" grep -qx "読み込みました: 実績 2 行、実績値 1 行を書き込みました（変更のない行 $((rows - 3))）" "$scratch/said"
node1="(SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id WHERE p.code = 'yuki-ap' AND n.key = '1')"
node2="(SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id WHERE p.code = 'yuki-ap' AND n.key = '2')"
check "No.1 is a draft with its status and text, by $me" \
    test "$(q "SELECT state || '|' || status || '|' || text || '|' || entered_by FROM result WHERE node_id = $node1 AND fy = 2021")" = "draft|in_progress|ふれあい出前講座を42回開催|$me"
check "its actual is the number 42" \
    test "$(q "SELECT a.num FROM indicator_actual a JOIN indicator i ON i.id = a.indicator_id WHERE i.node_id = $node1 AND a.fy = 2021")" = "42.0"
check "No.2 is submitted" test "$(q "SELECT state || '|' || status FROM result WHERE node_id = $node2")" = "submitted|done"
check "the history has No.1's fields as the form writes them" \
    test "$(q "SELECT group_concat(field || '=' || coalesce(old_value, '') || '>' || new_value, ' ') FROM (SELECT * FROM history WHERE node_id = $node1 ORDER BY id)")" = "actual=>42回 state=>下書き status=>実施中 text=>ふれあい出前講座を42回開催 late_entry=>締切後の保存"
check "and No.2's submission" test "$(q "SELECT count(*) FROM history WHERE node_id = $node2 AND field = 'state' AND old_value = '下書き' AND new_value = '提出済'")" -eq 1

run import --results "$scratch/s-filled.csv" > "$scratch/said" 2>&1; rc=$?
check "the planners' policy indicator loads" test "$rc" -eq 0
check "as a draft of its own" \
    test "$(q "SELECT a.num || '|' || a.note || '|' || a.state FROM indicator_actual a JOIN indicator i ON i.id = a.indicator_id JOIN plan p ON p.id = i.plan_id WHERE p.code = 'shimotsuma-6' AND i.key = '1-1'")" = "8.0|4月〜6月の集計|draft"

before=$(dump)
run import --results "$scratch/filled.csv" > "$scratch/said" 2>&1
check "loading the same file again changes nothing" grep -q '実績 0 行、実績値 0 行を書き込みました' "$scratch/said"
check "not even the history" test "$(dump)" = "$before"

# ---- errors --------------------------------------------------------------
awk -F, 'BEGIN { OFS = "," }
    $1 == "result" && $3 == "3" { $5 = "やってる" }
    $1 == "actual" && $3 == "4-1" { $13 = "x" }
    $1 == "result" && $3 == "5" { $4 = "来年度" }
    { print }' "$scratch/y.csv" > "$scratch/bad.csv"
l3=$(grep -n '^result,yuki-ap,3,' "$scratch/bad.csv" | cut -d: -f1)
l4=$(grep -n '^actual,yuki-ap,4-1,' "$scratch/bad.csv" | cut -d: -f1)
l5=$(grep -n '^result,yuki-ap,5,' "$scratch/bad.csv" | cut -d: -f1)
before=$(dump)
run import --results "$scratch/bad.csv" 2> "$scratch/err"; rc=$?
check "a file with errors is refused with exit 1" test "$rc" -eq 1
check "a bad status at its line and column" grep -q "^$scratch/bad.csv:$l3:5: 状況「やってる」" "$scratch/err"
check "a bad VER at its line and column" grep -q "^$scratch/bad.csv:$l4:13: VER「x」" "$scratch/err"
check "a bad year at its line and column" grep -q "^$scratch/bad.csv:$l5:4: " "$scratch/err"
check "and nothing is written" test "$(dump)" = "$before"
check "a results file given to plain import is told apart" sh -c "'$bin' -d '$db' import '$scratch/y.csv' 2>&1 | grep -q '実績のファイルです'"
check "a plan file is told apart" sh -c "'$bin' -d '$db' import --results db/samples/yuki-actionplan.csv 2>&1 | grep -q '計画ファイルです'"

# ---- changed since the export --------------------------------------------
run export --results --plan yuki-ap --fy 2021 -o "$scratch/y2.csv"
later=$(date -d '+1 minute' +%Y-%m-%dT%H:%M:%S)
q "UPDATE result SET ver = ver + 1, text = '別の人の実績', entered_by = 'yamada', entered_at = '$later' WHERE node_id = $node1 AND fy = 2021"
sed 's/ふれあい出前講座を42回開催/ふれあい出前講座を43回開催/' "$scratch/y2.csv" > "$scratch/stale.csv"
l1=$(grep -n '^result,yuki-ap,1,' "$scratch/stale.csv" | cut -d: -f1)
before=$(dump)
run import --results "$scratch/stale.csv" 2> "$scratch/err"; rc=$?
check "a row changed since the export is refused" test "$rc" -eq 1
check "at its VER, naming the item, who and when" \
    grep -q "^$scratch/stale.csv:$l1:15: 取組 No.1「市民参画・市民活動支援事業」の令和3年度の実績は書き出した後に yamada が $later に変更しました" "$scratch/err"
check "and nothing is written" test "$(dump)" = "$before"

# ---- encodings from the config -------------------------------------------
printf '[export]\nencoding = cp932\nline_endings = crlf\n' > "$scratch/cp932.ini"
"$bin" -c "$scratch/cp932.ini" -d "$db" export --results --plan shimotsuma-6 --fy R5 -o "$scratch/sjis.csv"
check "the config's cp932 export is CP932" sh -c "! iconv -f UTF-8 -t UTF-8 '$scratch/sjis.csv' >/dev/null 2>&1 && iconv -f CP932 -t UTF-8 '$scratch/sjis.csv' | grep -q '^actual,shimotsuma-6,1-1,2023,8件,4月～6月の集計,'"
check "with the config's CRLF" grep -q "$(printf '\r')$" "$scratch/sjis.csv"
before=$(dump)
run import --results "$scratch/sjis.csv" > "$scratch/said" 2>&1; rc=$?
check "it comes back unchanged (〜 read back as ～ is no change)" sh -c "test $rc -eq 0 && grep -q '実績 0 行、実績値 0 行を書き込みました' '$scratch/said'"
check "and writes nothing" test "$(dump)" = "$before"
iconv -f CP932 -t UTF-8 "$scratch/sjis.csv" |
    awk -F, 'BEGIN { OFS = "," } $1 == "actual" && $3 == "1-1" { $5 = "９件" } { print }' |
    iconv -f UTF-8 -t CP932 > "$scratch/sjis2.csv"
run import --results "$scratch/sjis2.csv" > "$scratch/said" 2>&1; rc=$?
check "a change in the CP932 file is loaded" sh -c "test $rc -eq 0 && grep -q '実績値 1 行を書き込みました' '$scratch/said'"
check "and only the value changed" \
    test "$(q "SELECT a.num || '|' || a.note FROM indicator_actual a JOIN indicator i ON i.id = a.indicator_id JOIN plan p ON p.id = i.plan_id WHERE p.code = 'shimotsuma-6' AND i.key = '1-1'")" = "9.0|4月〜6月の集計"

printf '[export]\nencoding = utf-8-bom\n' > "$scratch/bom.ini"
"$bin" -c "$scratch/bom.ini" -d "$db" export --results --plan yuki-ap --fy R3 -o "$scratch/bom.csv"
check "the config's utf-8-bom export starts with a BOM" sh -c "head -c 3 '$scratch/bom.csv' | od -An -tx1 | grep -q 'ef bb bf'"
before=$(dump)
run import --results "$scratch/bom.csv" > "$scratch/said" 2>&1
check "it comes back unchanged" sh -c "grep -q '実績 0 行、実績値 0 行を書き込みました' '$scratch/said' && test \"\$(sqlite3 '$db' .dump | md5sum)\" = '$before'"
sed 's/^result,yuki-ap,3,2021,,/result,yuki-ap,3,2021,未着手,/' "$scratch/bom.csv" > "$scratch/bom2.csv"
run import --results "$scratch/bom2.csv" > "$scratch/said" 2>&1
check "a change in it is loaded" grep -q '実績 1 行、実績値 0 行を書き込みました' "$scratch/said"
# A grade typed in full width, as a Japanese IME types it, in a file
# Excel saved as CP932: it is the scale's A, and stored as A.
"$bin" -c "$scratch/cp932.ini" -d "$db" export --results --plan shimotsuma-6 --fy R5 -o "$scratch/sjis3.csv"
iconv -f CP932 -t UTF-8 "$scratch/sjis3.csv" |
    awk -F, 'BEGIN { OFS = "," } $1 == "result" && !done { $5 = "実施中"; $6 = "Ａ"; done = 1 } { print }' |
    iconv -f UTF-8 -t CP932 > "$scratch/grade.csv"
gkey=$(iconv -f CP932 -t UTF-8 "$scratch/grade.csv" | grep '^result,.*,Ａ,' | cut -d, -f3)
run import --results "$scratch/grade.csv" > "$scratch/said" 2>&1; rc=$?
check "a full-width grade in a CP932 file is loaded" sh -c "test $rc -eq 0 && grep -q '実績 1 行、実績値 0 行を書き込みました' '$scratch/said'"
check "and stored as the scale's A" \
    test "$(q "SELECT r.grade FROM result r JOIN node n ON n.id = r.node_id JOIN plan p ON p.id = n.plan_id WHERE p.code = 'shimotsuma-6' AND n.key = '$gkey' AND r.fy = 2023")" = "A"

# ---- other logins ----------------------------------------------------------
if [ "$(id -u)" -ne 0 ] || ! command -v setpriv >/dev/null 2>&1 ||
    ! id daemon >/dev/null 2>&1 || ! id bin >/dev/null 2>&1 ||
    ! id sys >/dev/null 2>&1; then
	fail "run as other logins" "needs root, setpriv and the logins daemon, bin and sys (run make test as root)"
	finish
	exit 1
fi
# A directory those logins reach: the binary, the database, the files.
multi=$(mktemp -d /tmp/shisaku-results.XXXXXX)
trap 'rm -rf "$scratch" "$multi"' EXIT
chmod 711 "$multi"
mkdir "$multi/w"
chmod 777 "$multi/w"
cp "$bin" "$multi/shisaku"
chmod 755 "$multi/shisaku"
cp "$db" "$multi/w/r.db"
chmod 666 "$multi/w/r.db"
printf '[calendar]\n' > "$multi/w/x.ini"
chmod 644 "$multi/w/x.ini"
mdb=$multi/w/r.db
mq() { sqlite3 "$mdb" "$1"; }
# The database but the refusals, which are kept in the history.
mdump() { sqlite3 "$mdb" .dump | grep -v "'refused'" | md5sum; }
# mrefused LOGIN: the refusals of LOGIN in the history.
mrefused() { mq "SELECT count(*) FROM history WHERE field = 'refused' AND login = '$1'"; }
"$multi/shisaku" -d "$mdb" user add daemon --role clerk --dept 結城市/総務課 >/dev/null
"$multi/shisaku" -d "$mdb" user add bin --role clerk --dept 結城市/まちづくり協働課 >/dev/null
"$multi/shisaku" -d "$mdb" year open R3 >/dev/null
as() {	# as LOGIN ARGS...: the program as another login
	login=$1; shift
	setpriv --reuid="$(id -u "$login")" --regid="$(id -g "$login")" --clear-groups \
	    env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME="$multi/w" \
	    ASAN_OPTIONS=detect_leaks=1 "$multi/shisaku" -c "$multi/w/x.ini" -d "$mdb" "$@"
}
"$multi/shisaku" -d "$mdb" export --results --plan yuki-ap --fy R3 -o "$multi/w/t.csv"
awk -F, 'BEGIN { OFS = "," }
    $1 == "result" && $3 == "1" { $8 = "総務課が書いた実績" }
    { print }' "$multi/w/t.csv" > "$multi/w/other.csv"
chmod 666 "$multi/w/t.csv" "$multi/w/other.csv"
l1=$(grep -n '^result,yuki-ap,1,' "$multi/w/other.csv" | cut -d: -f1)
before=$(mdump)
as daemon import --results "$multi/w/other.csv" > "$multi/w/out" 2> "$multi/w/err"; rc=$?
check "a clerk of another department is refused" test "$rc" -eq 1
check "with the workflow's reason at the row" \
    grep -q "^$multi/w/other.csv:$l1:8: 取組 No.1「市民参画・市民活動支援事業」の令和3年度の実績: この取組は総務課の担当ではありません（担当: まちづくり協働課）" "$multi/w/err"
check "and nothing is written" test "$(mdump)" = "$before"
check "but the refusal is in the history: who, which item and year, why" \
    test "$(mq "SELECT count(*) FROM history WHERE field = 'refused' AND login = 'daemon'
        AND node_id = $node1 AND fy = 2021 AND new_value LIKE '実績の編集: この取組は総務課の担当ではありません%'")" -eq 1
as daemon import --results --dry-run "$multi/w/other.csv" > /dev/null 2> "$multi/w/err"; rc=$?
check "--dry-run refuses it the same way" sh -c "test $rc -eq 1 && grep -q '総務課の担当ではありません' '$multi/w/err'"
check "and that refusal is in the history too" test "$(mrefused daemon)" -eq 2
# With a grade off the scale on another row as well, one run lists both
# problems: the grade, and the other department's item.
awk -F, 'BEGIN { OFS = "," } $1 == "result" && $3 == "2" { $6 = "Ｚ" } { print }' \
    "$multi/w/other.csv" > "$multi/w/two.csv"
chmod 666 "$multi/w/two.csv"
l2=$(grep -n '^result,yuki-ap,2,' "$multi/w/two.csv" | cut -d: -f1)
as daemon import --results --dry-run "$multi/w/two.csv" > /dev/null 2> "$multi/w/err"; rc=$?
check "a file with a bad grade and another department's row is refused" test "$rc" -eq 1
check "naming the grade" grep -q "^$multi/w/two.csv:$l2:6: 評価「Ｚ」は評価の段階にありません" "$multi/w/err"
check "and, in the same run, the other department's item" \
    grep -q "^$multi/w/two.csv:$l1:8: .*総務課の担当ではありません" "$multi/w/err"
check "and counting both" grep -q ' 2 件の誤りがあります' "$multi/w/err"

awk -F, 'BEGIN { OFS = "," }
    $1 == "result" && $3 == "1" { $8 = "協働課が書き直した実績" }
    { print }' "$multi/w/t.csv" > "$multi/w/own.csv"
chmod 666 "$multi/w/own.csv"
as bin import --results "$multi/w/own.csv" > "$multi/w/out" 2>&1; rc=$?
check "the department's own clerk is let in" test "$rc" -eq 0
check "and the row is written as that login" \
    test "$(mq "SELECT text || '|' || entered_by FROM result WHERE node_id = $node1 AND fy = 2021")" = "協働課が書き直した実績|bin"
# The planner's file from before bin's save is now stale: it names bin.
awk -F, 'BEGIN { OFS = "," }
    $1 == "result" && $3 == "1" { $8 = "企画担当の直し" }
    { print }' "$multi/w/t.csv" > "$multi/w/stale.csv"
before=$(mdump)
"$multi/shisaku" -d "$mdb" import --results "$multi/w/stale.csv" 2> "$multi/w/err"; rc=$?
check "the planner's stale file is refused naming bin" \
    sh -c "test $rc -eq 1 && grep -q '書き出した後に bin が .* に変更しました（取組実績）' '$multi/w/err'"
check "and nothing is written" test "$(mdump)" = "$before"
as sys import --results --dry-run "$multi/w/own.csv" > /dev/null 2> "$multi/w/err"; rc=$?
check "a login that is not a user is refused with exit 5" \
    sh -c "test $rc -eq 5 && grep -q 'ログイン名「sys」は登録されていません' '$multi/w/err'"
check "and that refusal is in the history" test "$(mrefused sys)" -eq 1
check "no sanitizer report from the other logins" sh -c "! grep -q 'Sanitizer' '$multi/w/err' '$multi/w/out'"
finish
