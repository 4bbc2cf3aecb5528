#!/bin/sh
# Reporting the actuals of indicators that hang on basic policies, as the
# people who do it, each as a real login of the machine: a plan of the
# family whose indicators sit only on its 基本施策 (one names the
# department that reports it, the other names none, so the planners
# report it) is loaded from a plan file written here. A 市民協働課 clerk
# (daemon) finds the indicator with the 自分の担当 filter, opens it, types
# １，２３４件 and sees the achievement follow every key before saving,
# saves and submits; the supervisor (bin) returns it with a comment; the
# clerk sees the comment on the policy's sheet, fixes and resubmits; the
# supervisor confirms; the clerk is refused the planners' indicator with
# the reason; a planner (sys) enters it in a closed year, which is logged;
# the history shows the steps; two sessions saving the same actual meet
# the conflict view. The database is read with sqlite3 after each step.
#
# Switching logins needs root (setpriv); elsewhere the test says so.
e2e_logins="daemon bin sys"
. "$(dirname "$0")/lib.sh"

# Several programs run at once here: allow a loaded machine more time.
e2e_timeout=${E2E_TIMEOUT:-20}

# expect_line NAME PATTERN: passes when a line of the stable screen matches
# the extended regular expression, with a deadline of its own.
expect_line() {
	el_deadline=$(($(date +%s) + e2e_timeout))
	while [ "$(date +%s)" -le "$el_deadline" ]; do
		if e2e_wait "" && e2e_screen | grep -Eq -- "$2"; then
			pass "$1"
			return 0
		fi
		sleep 0.05
	done
	fail "$1 (no line matching /$2/)" "$(e2e_screen)"
	return 1
}

# Three roles need three logins, run through setpriv as root; lib.sh
# puts the scratch directory and a copy of the program where each of them
# can reach it. Without them every check below is listed as not run.
[ -z "$e2e_logins_why" ] || e2e_abandon "$e2e_logins_why"

# The database with its -wal and -shm, the config, the sanitizer reports.
e2e_shared_dir multi
bin=$e2e_bin
db="$dir/shisaku.db"
cfg="$dir/indicator.ini"
# Terminals of the logins (e2e_as): the program on this database.
e2e_as_dir=$dir e2e_as_db=$db e2e_as_config=$cfg
e2e_as_cols=80 e2e_as_lines=24
cat > "$cfg" <<'EOF'
[calendar]
current_year = 2023
year_display = era
[display]
; These sessions walk from the plan list; the start on one's own work
; is tried in mywork.sh.
start_screen = plans
EOF
chmod 644 "$cfg"

# The plan: two 基本施策 with a 取組 each; the indicators hang on the
# 基本施策 only. 協働事業の実施件数 names 市民協働課 in its DEPT column;
# 進行管理の報告 is text-valued and has no department anywhere.
plan="$dir/plan.csv"
cat > "$plan" <<'EOF'
shisaku-plan,1
plan,kyodo,試験市協働推進計画,2022,2026,試験市,
level,kyodo,1,基本施策
level,kyodo,2,取組
dept,試験市/市民協働課,市民協働課,試験市,
dept,試験市/総務課,総務課,試験市,
node,kyodo,1,,1,市民協働の推進,,,,,,
node,kyodo,1-1,1,1-1,出前講座の開催,,,,,,
node,kyodo,2,,2,計画の進行管理,,,,,,
node,kyodo,2-1,2,2-1,進行管理の仕組みづくり,,,,,,
assign,kyodo,1-1,試験市/市民協働課,1,,
assign,kyodo,2-1,試験市/総務課,1,,
indicator,kyodo,k1,1,協働事業の実施件数,行政指標,件,増加,,1000件,2022,3000件,2026,市民と行政が協働して実施した事業の件数,,試験市/市民協働課
target,kyodo,k1,2023,1500件
target,kyodo,k1,2024,2000件
indicator,kyodo,k2,2,進行管理の報告,行政指標,,,,,,実施,2026,,,
target,kyodo,k2,2023,実施
target,kyodo,k2,2024,実施
EOF

run() {	# the program as the user who made the database (the first planner)
	"$bin" -c "$cfg" -d "$db" "$@"
}
q() {	# one value from the database
	sqlite3 "$db" "$1"
}

# ---- set-up by the planner ---------------------------------------------
if run init >"$dir/setup.log" 2>&1 && run import "$plan" >>"$dir/setup.log" 2>&1
then
	pass "init and import the plan"
else
	fail "init and import the plan" "$(cat "$dir/setup.log")"
	e2e_abandon "the plan did not load"
fi
chmod 666 "$db"
run year open R5 >/dev/null 2>&1 && pass "the planner opens R5 for entry" ||
    fail "year open R5" "$(run year open R5 2>&1)"
run user add daemon --role clerk --dept 試験市/市民協働課 >/dev/null &&
    run user add bin --role supervisor >/dev/null &&
    run user add sys --role planner >/dev/null &&
    pass "three logins with three roles" || fail "user add"
k1=$(q "SELECT id FROM indicator WHERE key = 'k1'")
k2=$(q "SELECT id FROM indicator WHERE key = 'k2'")
[ -n "$k1" ] && [ -n "$k2" ] &&
    [ "$(q "SELECT count(*) FROM indicator i JOIN node n ON n.id = i.node_id
        WHERE n.depth = 1")" = 2 ] &&
    [ "$(q "SELECT d.name FROM indicator i JOIN department d ON d.id = i.dept_id
        WHERE i.id = $k1")" = 市民協働課 ] &&
    [ "$(q "SELECT dept_id IS NULL FROM indicator WHERE id = $k2")" = 1 ] &&
    pass "db: both indicators on 基本施策, k1 reported by 市民協働課" ||
    fail "db: the indicators as loaded"

# ---- sessions, one tmux server each, as real logins ------------------------
# cursor_at NAME X Y: the terminal's cursor is at column X, row Y.
cursor_at() {
	e2e_wait ""
	got=$(tmux -L "$e2e_sock" display-message -p -t main \
	    '#{cursor_flag} #{cursor_x} #{cursor_y}')
	[ "$got" = "1 $2 $3" ] && pass "$1" ||
	    fail "$1 (cursor: $got, want 1 $2 $3)" "$(e2e_screen)"
}

# to_tree: from the plan list to the tree of the plan.
to_tree() {
	e2e_wait "計画一覧" || return 1
	e2e_keys Enter
	e2e_wait "施策体系（令和5年度）"
}

row_k1() {	# the actual of k1 in R5, as the form reads it
	q "SELECT num || '|' || txt || '|' || state || '|' || entered_by || '|' ||
	    note || '|' || return_comment || '|' || confirmed_by
	    FROM indicator_actual WHERE indicator_id = $k1 AND fy = 2023"
}

# ---- the clerk reports the indicator ---------------------------------------
e2e_as clerk daemon
to_tree || { fail "the clerk reaches the tree" "$(e2e_screen)"; e2e_abandon "the clerk never reached the tree"; }
e2e_expect "the tree tells how to reach one's indicators" \
    "指標: i 一覧  M 自分の担当（実績値の入力）  S この項目のシート"
e2e_keys i
e2e_expect "the indicator list" "> 指標一覧" "令和5年度  2件" \
    "協働事業の実施件数" "進行管理の報告"
e2e_keys M
e2e_expect "M: the indicators the clerk's department reports" \
    "令和5年度  1件  並び: 計画の順  自分の担当（市民協働課）" \
    "協働事業の実施件数" "自分の担当の指標（令和5年度）: 1 件"
e2e_expect_not "a year of the plan's period is not said to be outside it" \
    "期間外の年度"
e2e_expect_not "the planners' indicator is not the clerk's" "進行管理の報告"
e2e_keys Enter
e2e_expect "Enter opens the indicator" "> 指標 > 協働事業の実施件数" \
    "基本施策 1 市民協働の推進" \
    "報告: 市民協働課（令和5年度）" "基準値 1,000件（令和4年度）" \
    "最終目標 3,000件（令和8年度）" "考え方: 市民と行政が協働して実施した"
expect_line "every year of the plan, the chosen one marked" \
    '^> 令和5年度 +1,500件 +- +- +- '
expect_line "the next year's target beside it" '^  令和6年度 +2,000件 '
e2e_keys E
e2e_expect "E opens the actual form for 令和5年度" \
    "実績値の入力（令和5年度） > 協働事業の実施件数" "状態: 未入力" \
    "報告: 市民協働課" "目標値     1,500件（令和5年度）" \
    "基準値     1,000件（令和4年度）" "区分       行政指標  単位 件  方向 増加" \
    "体系       基本施策 1 市民協働の推進" \
    "-（実績値を入力すると計算します）"
cursor_at "the terminal's cursor in the empty value field" 11 10

e2e_keys F1
e2e_expect "F1 lists the form's keys" "「実績値の入力」画面の操作" "C-s F2" \
    "C-t F3" "C-o F4"
e2e_keys Escape
e2e_wait "実績値の入力（令和5年度）"

# A value that is not a number is refused on leaving and on saving.
e2e_type 'たくさん'
e2e_keys Tab
e2e_expect "a value in words is refused on leaving the field" \
    "実績値「たくさん」は数値として読めません" "例: 42、1,200件"
e2e_keys C-s
e2e_expect "and on saving, the text kept" \
    "実績値「たくさん」は数値として読めません" "たくさん"
[ "$(q "SELECT count(*) FROM indicator_actual")" = 0 ] &&
    pass "db: nothing saved after a refused value" ||
    fail "db: nothing saved after a refused value"
e2e_keys C-u
# A number in another unit is told as such, as an import tells it.
e2e_type '3人'
e2e_keys C-s
e2e_expect "a number in another unit names the two units" \
    "実績値: 「3人」の単位「人」がこの指標の単位「件」と違います"
e2e_keys C-u

# A backspace at the start of the value stays in it (the form library
# would move to the note, and what is typed next would go there).
e2e_keys BSpace
# The achievement and the grade follow every key typed.
e2e_type '１'
e2e_expect "１ typed: 0.0%, D" "達成率     0.0%   評価の目安: D 未実施"
e2e_type '，２３４件'
e2e_expect "１，２３４件 typed: 46.8%, C, before saving" "１，２３４件" \
    "達成率     46.8%   評価の目安: C 未達成"
# Right at the end of the text does not walk into the field's blanks.
e2e_keys Right Right
cursor_at "the cursor after the typed value" 23 10
[ "$(q "SELECT count(*) FROM indicator_actual")" = 0 ] &&
    pass "db: nothing written while typing" ||
    fail "db: nothing written while typing"
e2e_keys Tab
e2e_type '速報値（4月末時点）'
cursor_at "the cursor after the typed note" 30 11
e2e_keys C-s
e2e_expect "saved as a draft" "保存しました（下書き）" "状態: 下書き" \
    "実績値     1,234件" "入力       daemon 20"
got=$(row_k1)
[ "$got" = "1234.0|1,234|draft|daemon|速報値（4月末時点）||" ] &&
    pass "db: num 1234, txt '1,234', a draft by daemon" ||
    fail "db: num 1234, txt '1,234', a draft by daemon" "$got"
[ "$(q "SELECT d.name FROM indicator_actual a JOIN department d
    ON d.id = a.dept_id WHERE a.indicator_id = $k1")" = 市民協働課 ] &&
    pass "db: filed under 市民協働課" || fail "db: filed under 市民協働課"

e2e_keys C-t
e2e_expect "the workflow list offers submitting" "操作（状態: 下書き）" "提出する"
e2e_keys Enter
e2e_expect "submitting asks first" "提出しますか"
e2e_keys y
e2e_expect "submitted" "提出しました（提出済）" "状態: 提出済" "閲覧のみ: 提出済"
[ "$(q "SELECT state FROM indicator_actual WHERE indicator_id = $k1")" = \
    submitted ] && pass "db: submitted" || fail "db: submitted"
e2e_keys Escape
expect_line "the indicator screen shows the year submitted by daemon" \
    '^> 令和5年度 +1,500件 +1,234件 +46\.8% +提出済 +daemon +- +速報値'
e2e_keys Escape Escape
e2e_wait "施策体系（令和5年度）"

# ---- the supervisor returns it with a comment ---------------------------------
reason='内訳を備考に書いてください'
e2e_as boss bin
to_tree || fail "the supervisor reaches the tree" "$(e2e_screen)"
e2e_keys i
e2e_wait "> 指標一覧"
e2e_keys M
e2e_expect "a supervisor reports no indicators of their own" \
    "「自分の担当」は、実績値を報告する担当課職員と企画担当の絞り込みです"
e2e_keys Enter
e2e_wait "> 指標 > 協働事業の実施件数"
e2e_keys E
e2e_expect "the supervisor reads the submitted actual" "状態: 提出済" \
    "実績値     1,234件" "備考       速報値（4月末時点）" "bin  管理職"
# The read-only notice is a note: too long for the bottom line, it is
# cut with a mark there and leaves the status line (who is at it).
e2e_expect_line "the notice cut with a mark on the bottom line" \
    '^閲覧のみ: 管理職は実績を入力できません（提出された.*~$'
e2e_keys C-t
e2e_expect "the supervisor may confirm or return" "確認する" "差し戻す（理由を入力）"
e2e_keys Down Enter
e2e_expect "asks for the reason" "差戻しの理由:"
e2e_type "$reason"
e2e_keys Enter
e2e_expect "returned" "差し戻しました（差戻し）" "状態: 差戻し" \
    "差戻しの理由: $reason"
got=$(q "SELECT state || '|' || return_comment FROM indicator_actual
    WHERE indicator_id = $k1 AND fy = 2023")
[ "$got" = "returned|$reason" ] && pass "db: returned with the comment" ||
    fail "db: returned with the comment" "$got"

# ---- the clerk sees the comment on the policy's sheet, fixes, resubmits -------
note2='内訳: 講座800件、イベント434件'
e2e_as clerk daemon
e2e_keys S
e2e_expect "S on the tree opens the sheet of the 基本施策" \
    "基本施策  1 市民協働の推進" "【指標】" \
    "（Enter: 指標を開く  E: 指標の実績値を入力  M: 自分の担当の指標）"
e2e_keys E
e2e_expect "E on the sheet: the form of its indicator for the sheet's year" \
    "実績値の入力（令和5年度） > 協働事業の実施件数" \
    "差戻しの理由: $reason" "状態: 差戻し"
e2e_keys Tab C-u
e2e_type "$note2"
e2e_keys Escape
e2e_expect "unsaved changes: asks before leaving" "保存していない変更があります"
e2e_keys n
e2e_expect "n stays with the text" "$note2"
e2e_keys C-s
e2e_expect "fixed and saved" "保存しました（差戻し）" "備考       $note2"
e2e_keys C-t
e2e_expect "resubmitting is offered" "提出する"
e2e_keys Enter
e2e_wait "提出しますか"
e2e_keys y
e2e_expect "resubmitted" "提出しました（提出済）"
got=$(row_k1)
[ "$got" = "1234.0|1,234|submitted|daemon|$note2|$reason|" ] &&
    pass "db: the fix resubmitted" || fail "db: the fix resubmitted" "$got"

# ---- the supervisor confirms ----------------------------------------------------
e2e_as boss bin
e2e_keys Escape
e2e_wait "> 指標 > 協働事業の実施件数"
e2e_keys E
e2e_expect "the supervisor sees the fix" "状態: 提出済" "$note2"
e2e_keys C-t
e2e_wait "確認する"
e2e_keys Enter
e2e_wait "確認済みにしますか"
e2e_keys y
e2e_expect "confirmed" "確認しました（確認済）" "状態: 確認済" "確認       bin 20"
got=$(row_k1)
[ "$got" = "1234.0|1,234|confirmed|daemon|$note2|$reason|bin" ] &&
    pass "db: confirmed by bin, entered by daemon" ||
    fail "db: confirmed by bin, entered by daemon" "$got"

# ---- the clerk is refused the planners' indicator ------------------------------
e2e_as clerk daemon
e2e_keys Escape
e2e_wait "【指標】"
e2e_keys Escape
e2e_wait "施策体系（令和5年度）"
e2e_keys i
e2e_wait "令和5年度  2件"
e2e_keys j E
e2e_expect "the planners' indicator is read-only to the clerk, with the reason" \
    "実績値の入力（令和5年度） > 進行管理の報告" "報告: 企画担当" \
    "閲覧のみ: この指標は担当課が決まっていないため、企画担当が実績を報告します"
e2e_type 'x'
e2e_expect "typing is refused with the reason" \
    "編集できません: この指標は担当課が決まっていない"
e2e_keys C-s
e2e_expect "saving is refused with the reason" "保存できません: この指標は担当課が"
[ "$(q "SELECT count(*) FROM indicator_actual WHERE indicator_id = $k2")" = 0 ] &&
    pass "db: nothing written for the planners' indicator" ||
    fail "db: nothing written for the planners' indicator"
e2e_keys Escape
e2e_wait "> 指標一覧"
e2e_keys Q

# ---- a planner enters it in a closed year ---------------------------------------
e2e_as plan sys
to_tree || fail "the planner reaches the tree" "$(e2e_screen)"
e2e_keys i
e2e_wait "> 指標一覧"
e2e_keys M
e2e_expect "M for a planner: the indicators no department reports" \
    "1件  並び: 計画の順  自分の担当（企画担当が報告）" "進行管理の報告"
e2e_keys Enter
e2e_expect "the text-valued indicator" "> 指標 > 進行管理の報告" \
    "報告: 企画担当（令和5年度）"
e2e_keys j
expect_line "the row of 令和6年度" '^  令和6年度 +実施 '
e2e_keys E
e2e_expect "the form of 令和6年度, a closed year" \
    "実績値の入力（令和6年度） > 進行管理の報告" "（入力締切）" \
    "目標値     実施（令和6年度）" "文字（実施、月1回 など）も可"
e2e_type '実施'
e2e_keys Tab
e2e_type '年度末に報告書を公表'
e2e_keys C-s
e2e_expect "the planner saves into the closed year" "保存しました（下書き）"
got=$(q "SELECT coalesce(num, 'null') || '|' || txt || '|' || state || '|' ||
    entered_by FROM indicator_actual WHERE indicator_id = $k2 AND fy = 2024")
[ "$got" = "null|実施|draft|sys" ] && pass "db: text kept as text, by sys" ||
    fail "db: text kept as text, by sys" "$got"
got=$(q "SELECT login || '|' || new_value FROM history WHERE indicator_id = $k2
    AND fy = 2024 AND field = 'late_entry'")
[ "$got" = "sys|締切後の保存" ] && pass "db: a late_entry history row" ||
    fail "db: a late_entry history row" "$got"
e2e_keys Escape
e2e_wait "> 指標 > 進行管理の報告"
e2e_keys H
e2e_expect "the history of the planners' indicator" \
    "変更履歴（全年度） > 2 計画の進行管理 > 進行管理の報告"
expect_line "history: the late entry" 'sys +令和6年度 +締切後の入力'
expect_line "history: the value, its field cut with a mark" 'sys +令和6年度 +実績値（進行管理の報 ?~ '
e2e_keys Escape
e2e_wait "> 指標 > 進行管理の報告"

# ---- the history of the clerk's indicator shows every step ----------------------
e2e_as boss bin
e2e_keys Escape
e2e_wait "> 指標 > 協働事業の実施件数"
e2e_resize 120 30
e2e_keys H
e2e_expect "H on the indicator screen: its history" \
    "変更履歴（全年度） > 1 市民協働の推進 > 協働事業の実施件数"
expect_line "history: confirmed by bin" 'bin +令和5年度 +状態（協働事業の実施件数） +提出済 → 確認済'
expect_line "history: resubmitted by daemon" 'daemon +令和5年度 +状態（協働事業の実施件数） +差戻し → 提出済'
expect_line "history: the note fixed" 'daemon +令和5年度 +実績の備考（協働事業の実施件 ?~ +速報値（4月末時点） → 内訳'
expect_line "history: returned by bin" 'bin +令和5年度 +状態（協働事業の実施件数） +提出済 → 差戻し'
expect_line "history: the return comment" 'bin +令和5年度 +差戻しコメント（協働事業の実 ?~ +（なし） → 内訳を備考に'
expect_line "history: first submit" 'daemon +令和5年度 +状態（協働事業の実施件数） +下書き → 提出済'
expect_line "history: the value as typed" 'daemon +令和5年度 +実績値（協働事業の実施件数） +（なし） → 1,234件'
expect_line "history: the draft created" 'daemon +令和5年度 +状態（協働事業の実施件数） +（なし） → 下書き'
n=$(q "SELECT count(*) FROM history WHERE indicator_id = $k1 AND fy = 2023")
[ "$n" = 9 ] && pass "db: 9 history rows for the clerk's indicator" ||
    fail "db: 9 history rows for the clerk's indicator" "$n"
e2e_keys Escape
e2e_wait "> 指標 > 協働事業の実施件数"
e2e_resize 80 24
e2e_keys Q

# ---- two sessions save the same actual --------------------------------------------
e2e_as plan sys
e2e_keys E
e2e_wait "実績値の入力（令和6年度） > 進行管理の報告"
e2e_as plan2 sys
to_tree || fail "the second planner session reaches the tree" "$(e2e_screen)"
e2e_keys i
e2e_wait "> 指標一覧"
e2e_keys j Enter
e2e_wait "> 指標 > 進行管理の報告"
e2e_keys j E
e2e_expect "the second session opens the same actual" \
    "実績値の入力（令和6年度） > 進行管理の報告" "備考       年度末に報告書を公表"
# Both type; the first saves, then adds to its note without saving.
# An open form shows another's save at once, but never over unsaved
# text: the second says so, and its save shows both versions.
e2e_as plan2 sys
e2e_keys Tab C-u
e2e_type '第2版'
e2e_as plan sys
e2e_keys Tab C-u
e2e_type '第1版'
e2e_keys C-s
e2e_expect "the first save" "保存しました（下書き）"
e2e_keys End
e2e_type '追記'
e2e_as plan2 sys
e2e_expect "the second form says the saved version moved, keeping its text" \
    "保存済みの版を sys が更新しました（いまは下書き）" "第2版"
e2e_keys C-s
e2e_expect "the later save shows both versions" \
    "保存する前に、他の人がこの実績値を更新しました" "どちらを残しますか" \
    "あなたの入力" "保存済みの版（sys、下書き）" "備考  ※違いあり" \
    "第2版" "第1版" "m: 自分の入力で上書き保存"
[ "$(q "SELECT note FROM indicator_actual WHERE indicator_id = $k2 AND fy = 2024")" = \
    第1版 ] && pass "db: the first save stands until a choice is made" ||
    fail "db: the first save stands until a choice is made"
e2e_keys m
e2e_expect "keeping mine saves it over the other" "保存しました（下書き）" \
    "備考       第2版"
got=$(q "SELECT note || '|' || ver FROM indicator_actual WHERE indicator_id = $k2
    AND fy = 2024")
[ "$got" = "第2版|3" ] && pass "db: the chosen version, version 3" ||
    fail "db: the chosen version, version 3" "$got"
e2e_as plan sys
e2e_keys C-s
e2e_expect "the first session now meets the conflict" "どちらを残しますか" "第2版"
e2e_keys t
e2e_expect "taking theirs replaces the form" "保存済みの版を取り込みました" \
    "備考       第2版"
[ "$(q "SELECT note FROM indicator_actual WHERE indicator_id = $k2 AND fy = 2024")" = \
    第2版 ] && pass "db: nothing written by taking theirs" ||
    fail "db: nothing written by taking theirs"
e2e_keys Escape
e2e_wait "> 指標 > 進行管理の報告"
e2e_keys Q
e2e_as plan2 sys
e2e_keys Escape
e2e_wait "> 指標 > 進行管理の報告"
e2e_keys Q

# ---- 自分の担当 in a year after the plan's period ----------------------------
# Nothing is anyone's to report after the period, as 自分の仕事 lists
# nothing then: M names none and says why.
e2e_as clerk2 daemon
to_tree || fail "the clerk reaches the tree again" "$(e2e_screen)"
e2e_keys i
e2e_wait "令和5年度  2件"
e2e_keys ] ] ] ]
e2e_wait "令和9年度"
e2e_keys M
e2e_expect "M after the plan's period (2022-2026) names none and says why" \
    "自分の担当の指標（令和9年度）: 0 件（この計画の期間外の年度です）"
e2e_expect_not "no indicator after the period is the clerk's" \
    "協働事業の実施件数"
# Back in the period with M on: the year's own indicators. M off and on
# again: what it read is kept while nothing is written; once another
# program gives 市民協働課 the planners' indicator, it is read again.
e2e_keys [ [ [ [
e2e_expect "M follows the year back into the period" \
    "令和5年度  1件  並び: 計画の順  自分の担当（市民協働課）" \
    "協働事業の実施件数"
e2e_keys M
e2e_expect "M off" "自分の担当の絞り込みを解除しました"
e2e_keys M
e2e_expect "M again, nothing written: the same" \
    "自分の担当の指標（令和5年度）: 1 件"
e2e_keys M
e2e_expect "M off again" "自分の担当の絞り込みを解除しました"
q "UPDATE indicator SET dept_id = (SELECT id FROM department
    WHERE name = '市民協働課') WHERE id = $k2" &&
    pass "another program gives 市民協働課 the planners' indicator" ||
    fail "another program gives 市民協働課 the planners' indicator"
e2e_keys M
e2e_expect "M after the write: read again" \
    "自分の担当の指標（令和5年度）: 2 件" "進行管理の報告"
e2e_keys Q

for s in clerk boss plan plan2 clerk2; do
	got=$(e2e_ended $s)
	[ "$got" = 0 ] && pass "session $s ended with status 0" ||
	    fail "session $s ended with status 0" "status: $got"
done

check=$(sqlite3 "$db" 'PRAGMA integrity_check')
[ "$check" = ok ] && pass "db: integrity_check ok" || fail "db: integrity_check" "$check"
check=$(sqlite3 "$db" 'PRAGMA foreign_key_check')
[ -z "$check" ] && pass "db: foreign_key_check clean" ||
    fail "db: foreign_key_check" "$check"

reports=$(ls "$dir"/asan.* 2>/dev/null)
[ -z "$reports" ] && pass "no sanitizer report" ||
    fail "no sanitizer report" "$(cat "$dir"/asan.* | head -n 40)"

e2e_finish
