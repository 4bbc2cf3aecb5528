#!/bin/sh
# A supervisor's pass on the roadmap. A clerk (daemon) submits three
# results of 令和3年度 from a results file; the supervisor (sys) opens the
# roadmap, where the cells waiting for confirmation begin with +, marks
# two with Space (they begin with *, the top line and the hint line count
# them), confirms them together with C-t and one question, and returns
# the third, the one under the cursor, with a reason of its own: the
# same workflow menu as my work, one transaction and one history row per
# entry. A fourth, marked, is confirmed from the entry form the roadmap
# opens: back on the roadmap its mark is gone. A cell that waits for
# nothing cannot be marked, and for the clerk Space still turns the page
# and C-t says it is not theirs.
#
# Runs the program as the system logins daemon and sys through setpriv
# (root); elsewhere it says so and counts every check as failed.
e2e_logins="daemon sys"
. "$(dirname "$0")/lib.sh"

e2e_timeout=${E2E_TIMEOUT:-20}

[ -z "$e2e_logins_why" ] || e2e_abandon "$e2e_logins_why"

e2e_shared_dir review
db="$dir/shisaku.db"
master=$(e2e_sample_master) || { fail "sample database"; e2e_abandon "no sample database"; }
cp "$master" "$db" 2>/dev/null
chmod 666 "$db" 2>/dev/null
# No current_year: the program opens on the year open for entry.
cfg="$dir/review.ini"
# Terminals of the logins (e2e_as): the program on this database.
e2e_as_dir=$dir e2e_as_db=$db e2e_as_config=$cfg
printf '[calendar]\nyear_display = era\n' > "$cfg"
chmod 644 "$cfg"

run() {
	"$e2e_bin" -c "$cfg" -d "$db" "$@"
}
q() {
	sqlite3 "$db" "$1"
}
node() {
	q "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id
	    WHERE p.code = 'yuki-ap' AND n.code = '$1'"
}

run year open R3 >/dev/null 2>&1 &&
    run user add daemon --role clerk --dept 結城市/まちづくり協働課 \
    --name 田中一郎 >/dev/null 2>&1 &&
    run user add sys --role supervisor --name 鈴木課長 >/dev/null 2>&1 &&
    pass "R3 open, a clerk and a supervisor" ||
    { fail "R3 open, a clerk and a supervisor"; e2e_abandon "no set-up"; }
n1=$(node No.1) n2=$(node No.2) n3=$(node No.3) n4=$(node No.4)
n5=$(node No.5)

# The clerk submits No.1, No.2, No.4 and No.5 through a results file.
if e2e_live; then
	$(logins_as daemon) env -i PATH=/usr/bin:/bin LANG=C.UTF-8 "$e2e_bin" \
	    -c "$cfg" -d "$db" export --results --plan yuki-ap --fy R3 \
	    -o "$dir/r3.csv" >"$dir/export.log" 2>&1
	awk -F, 'BEGIN { OFS = "," }
	    $1 == "result" && ($3 == "1" || $3 == "2" || $3 == "4" || $3 == "5") {
		$5 = "実施中"; $7 = "提出済"; $8 = "実施した（" $3 "）" }
	    { print }' "$dir/r3.csv" > "$dir/r3-filled.csv" 2>/dev/null
	chmod 644 "$dir/r3-filled.csv" 2>/dev/null
	$(logins_as daemon) env -i PATH=/usr/bin:/bin LANG=C.UTF-8 "$e2e_bin" \
	    -c "$cfg" -d "$db" import --results "$dir/r3-filled.csv" \
	    >"$dir/import.log" 2>&1
fi
got=$(q "SELECT group_concat(state, ' ') FROM (SELECT state FROM result
    WHERE fy = 2021 AND node_id IN ($n1, $n2, $n4, $n5) ORDER BY node_id)")
[ "$got" = "submitted submitted submitted submitted" ] &&
    pass "db: the clerk submitted No.1, No.2, No.4 and No.5" ||
    { fail "db: the clerk submitted four" "$got $(cat "$dir/import.log" 2>&1)";
      e2e_abandon "nothing submitted"; }


# ---- the supervisor ------------------------------------------------------
e2e_as boss sys
e2e_wait "自分の仕事 > 確認待ち 4 件"
e2e_keys Escape
e2e_wait "計画一覧（令和3年度）"
e2e_keys G r
e2e_expect "the roadmap of 結城市 on R3" "> ロードマップ" "R3 受付中"
e2e_expect_line "the hint names Space and C-t" \
    '^E:実績を確認  Enter:シート  Space:印  C-t:まとめて確認・差戻し'
e2e_expect_line "No.1's R3 cell waits for confirmation (+)" \
    '^ No\.1 市民参画.*\|\+.*実'
e2e_expect_line "so does No.4's" '^ No\.4 .*\|\+'
e2e_expect_line "No.3's does not" '^ No\.3 [^+*]*$'
nkeys=0
e2e_keys Space
nkeys=$((nkeys + 1))
e2e_expect "Space marks No.1 and goes to the next item" "印: 1 件" \
    "-- No.2 環境美化パートナーシップ事業 / 令和3年度"
e2e_expect_line "No.1's cell is marked (*)" '^ No\.1 市民参画.*\|\*'
e2e_keys Space
nkeys=$((nkeys + 1))
e2e_expect "two marked" "印: 2 件"
e2e_expect_line "the top line counts them" '^印 2 件  '
e2e_keys C-l
e2e_expect_line "the hint line names them" 'C-t:まとめて確認・差戻し  印 2 件'
e2e_expect_line "No.2's cell is marked" '^ No\.2 環境美化.*\|\*'
e2e_keys Space
e2e_expect "No.3 waits for nothing: it cannot be marked" \
    "印を付けられるのは確認待ち（提出済）の実績です（No.3 の令和3年度は未入力）"
e2e_keys C-t
nkeys=$((nkeys + 1))
e2e_expect "C-t: the workflow menu for both" "確認する（2 件）" \
    "差し戻す（2 件、1 件ずつ理由を入力）"
e2e_expect_line "the bottom line names the menu's own keys" \
    '^↑↓ j k:選ぶ  Enter:決める  /:検索  n N:次・前  Esc:閉じる'
e2e_keys Enter
nkeys=$((nkeys + 1))
e2e_expect "one question for both" "2 件を確認済みにしますか"
e2e_keys y
nkeys=$((nkeys + 1))
e2e_expect "both confirmed" "2 件を確認しました"
e2e_expect_not "the marks are gone" "印 2 件" "|*"
[ "$nkeys" -le 5 ] && pass "two confirmed from the roadmap in $nkeys keys" ||
    fail "two confirmed in $nkeys keys (more than 5)"
got=$(q "SELECT group_concat(state || ':' || confirmed_by, ' ') FROM
    (SELECT state, confirmed_by FROM result WHERE fy = 2021
    AND node_id IN ($n1, $n2) ORDER BY node_id)")
[ "$got" = "confirmed:sys confirmed:sys" ] && pass "db: both confirmed by sys" ||
    fail "db: both confirmed by sys" "$got"
got=$(q "SELECT count(*) FROM history WHERE fy = 2021 AND field = 'state'
    AND login = 'sys' AND old_value = '提出済' AND new_value = '確認済'
    AND node_id IN ($n1, $n2)")
[ "$got" = 2 ] && pass "db: one history row per confirmation" ||
    fail "db: one history row per confirmation" "$got"
got=$(q "SELECT state FROM result WHERE fy = 2021 AND node_id = $n4")
[ "$got" = submitted ] && pass "db: No.4, not marked, still waits" ||
    fail "db: No.4 still waits" "$got"

# No.4 under the cursor, returned with its own reason.
e2e_keys j
e2e_wait "-- No.4 "
e2e_keys C-t
e2e_expect "C-t on the cell under the cursor, no mark" "確認する（1 件）"
e2e_keys j Enter
e2e_wait_prompt || fail "the reason is asked for" "$(e2e_screen)"
e2e_expect "the reason names the entry and its year" "差戻しの理由（1/1 No.4 "
e2e_type '内訳を書いてください'
e2e_keys Enter
e2e_expect "returned" "1 件を差し戻しました"
got=$(q "SELECT state || '|' || return_comment FROM result
    WHERE fy = 2021 AND node_id = $n4")
[ "$got" = "returned|内訳を書いてください" ] &&
    pass "db: No.4 returned with its reason" || fail "db: No.4 returned" "$got"
got=$(q "SELECT count(*) FROM history WHERE fy = 2021 AND field = 'state'
    AND login = 'sys' AND new_value = '差戻し' AND node_id = $n4")
[ "$got" = 1 ] && pass "db: one history row for the return" ||
    fail "db: one history row for the return" "$got"

# No.5 marked, then confirmed from the entry form E opens: its mark goes.
e2e_keys j
e2e_wait "-- No.5 "
e2e_keys Space
e2e_expect "No.5 marked" "印: 1 件"
# (Space went on to the next item, past the headings between.)
for up in 1 2 3 4; do
	e2e_keys k
	e2e_wait "" || break
	case $(e2e_screen) in
	*"-- No.5 "*) break ;;
	esac
done
e2e_expect "back on No.5" "-- No.5 "
e2e_keys E
e2e_expect "E opens No.5's entry, waiting" "状態: 提出済"
e2e_expect_line "the header names the entrant with the name" \
    '^令和3年度  状態: 提出済  担当: まちづくり協働課 .*入力: daemon（田中一郎）'
# At 80 columns the time of the entry does not fit whole, nor its date:
# the line ends with the name, not with half a time.
e2e_resize 80 24
e2e_expect_line "at 80 columns no half time after the entrant" \
    '^令和3年度  状態: 提出済  担当: まちづくり協働課 .*入力: daemon（田中一郎） *$'
e2e_resize 100 30
e2e_expect_line "the whole time again at 100, to the minute" \
    '入力: daemon（田中一郎） [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} *$'
e2e_keys C-t
e2e_wait "確認する"
e2e_keys Enter
e2e_wait "確認済みにしますか"
e2e_keys y
e2e_expect "confirmed from the form" "確認しました（確認済）"
e2e_keys Escape
e2e_expect "back on the roadmap, the mark of the confirmed entry is gone" \
    "確認待ちでなくなった 1 件の印を外しました（印 0 件）"
e2e_expect_not "no mark counted or shown" "印 1 件" "|*"
got=$(q "SELECT state || '|' || confirmed_by FROM result
    WHERE fy = 2021 AND node_id = $n5")
[ "$got" = "confirmed|sys" ] && pass "db: No.5 confirmed by sys" ||
    fail "db: No.5 confirmed by sys" "$got"
e2e_keys C-t
e2e_expect "C-t on a cell that waits for nothing says what to do" \
    "提出済のセルで C-t を押すか、Space で印を付けてください"
e2e_keys '?'
e2e_expect "help lists Space and C-t" "提出済のセル（取組と年度）に印を付ける" \
    "まとめて確認・差戻し"
# The legend is under the screen's keys, a page or more down the help.
for page in 1 2 3 4 5 6; do
	e2e_wait "" || break
	case $(e2e_screen) in
	*"* 印を付けたセル"*) break ;;
	esac
	e2e_keys NPage
done
e2e_expect "and what + and * mean" "+ 確認待ち（提出済）のセル   * 印を付けたセル"
e2e_keys Escape Q
got=$(e2e_ended boss)
[ "$got" = 0 ] && pass "the supervisor quits" || fail "the supervisor quits" "status: $got"

# ---- the clerk: Space turns the page, C-t is not theirs -----------------
e2e_as clerk daemon
e2e_wait "自分の仕事"
e2e_keys Escape
e2e_wait "計画一覧"
e2e_keys G r
e2e_wait "> ロードマップ"
e2e_expect_not "a clerk sees no marks" "|+"
top=$(e2e_screen | sed -n 4p)
e2e_keys Space
e2e_wait ""
[ "$(e2e_screen | sed -n 4p)" != "$top" ] && pass "for the clerk Space turns the page" ||
    fail "for the clerk Space turns the page" "$(e2e_screen)"
e2e_keys C-t
e2e_expect "C-t is not the clerk's" "まとめての確認・差戻しは管理職と企画担当の操作です"
e2e_keys Escape Q
got=$(e2e_ended clerk)
[ "$got" = 0 ] && pass "the clerk quits" || fail "the clerk quits" "status: $got"
if ls "$dir"/asan.* >/dev/null 2>&1; then
	fail "no sanitizer report" "$(cat "$dir"/asan.* | head -n 40)"
else
	pass "no sanitizer report"
fi
e2e_finish
