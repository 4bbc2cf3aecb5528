#!/bin/sh
# A clerk's and a supervisor's day, each as a real login of the machine in
# a terminal of their own: the program opens on the year open for entry
# (not today's), on each one's own work. The clerk (daemon, まちづくり協働課,
# 田中一郎) enters two results and an indicator from 自分の仕事 and submits
# them, and the keys are counted; the supervisor (sys, 鈴木課長) sees them
# arrive without doing anything, marks both and confirms them together,
# each with its history row; the clerk's open form shows the confirmation
# without being reopened; a return with its own reason goes to the top of
# the clerk's list, which names each plan's code whole. Keys never
# surprise: in a text field every printable key is text and the hint line
# says only what works there; C-s, C-q, C-\ and C-z freeze, end and
# suspend nothing (C-c is the interrupt, see browse-tree.sh and
# drafts.sh), and the terminal's modes are off while the program runs
# and back after it; Esc never quits, q
# on the first screen does, Q asks when something is unsaved. A year
# closed meanwhile shows as 締切 on the open form's title. A planner
# starts on the plan list and E on the tree opens an item's form.
#
# Runs the program as the system logins daemon and sys through setpriv
# (root); elsewhere it says so and counts every check as failed.
e2e_logins="daemon sys"
. "$(dirname "$0")/lib.sh"

e2e_timeout=${E2E_TIMEOUT:-20}

[ -z "$e2e_logins_why" ] || e2e_abandon "$e2e_logins_why"

e2e_shared_dir day
db="$dir/shisaku.db"
master=$(e2e_sample_master) || { fail "sample database"; e2e_abandon "no sample database"; }
cp "$master" "$db"
chmod 666 "$db"
# No current_year: the program chooses the year itself.
cfg="$dir/day.ini"
# Terminals of the logins (e2e_as): the program on this database.
e2e_as_dir=$dir e2e_as_db=$db e2e_as_config=$cfg
printf '[calendar]\nyear_display = era\n' > "$cfg"
chmod 644 "$cfg"

run() {	# the program as the user who made the database (the planner)
	"$e2e_bin" -c "$cfg" -d "$db" "$@"
}
q() {	# one value from the database
	sqlite3 "$db" "$1"
}

# ---- set-up by the planner ---------------------------------------------
got=$(run year open R3 --deadline 2021-06-30 2>&1)
case $got in
*"入力期限は 2021-06-30 にしました"*)
	pass "the planner opens R3 with a deadline" ;;
*)	fail "the planner opens R3 with a deadline" "$got" ;;
esac
[ "$(q "SELECT is_open || '|' || deadline FROM fiscal_year WHERE fy = 2021")" = \
    "1|2021-06-30" ] && pass "db: R3 open, due 2021-06-30" ||
    fail "db: R3 open, due 2021-06-30"
run year list | grep -q "^2021	.*	受付中	.*	2021-06-30$" &&
    pass "year list shows the deadline" || fail "year list" "$(run year list)"
run user add daemon --role clerk --dept 結城市/まちづくり協働課 --name 田中一郎 \
    >/dev/null && run user add sys --role supervisor --name 鈴木課長 >/dev/null &&
    pass "a clerk and a supervisor with their names" || fail "user add"
node() {
	q "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id
	    WHERE p.code = 'yuki-ap' AND n.code = '$1'"
}
n1=$(node No.1) n2=$(node No.2) n4=$(node No.4)
[ -n "$n1" ] && [ -n "$n2" ] && [ -n "$n4" ] ||
    { fail "No.1, No.2 and No.4 in the sample"; e2e_abandon "items missing"; }

# ---- one terminal per login ----------------------------------------------
# k KEY...: keys a user presses, counted in nkeys (typed text is not).
nkeys=0
k() {
	nkeys=$((nkeys + $#))
	e2e_keys "$@"
}

# The terminal's modes of the current session while the program runs.
pane_stty() {
	tty=$(tmux -L "$e2e_sock" display-message -p -t main '#{pane_tty}')
	stty -a -F "$tty" 2>/dev/null
}

# ---- the clerk's work ----------------------------------------------------
e2e_as clerk daemon
e2e_expect "the clerk starts on their own work, on the year open for entry" \
    "自分の仕事 > まちづくり協働課" "R3 受付中" \
    "令和3年度  受付中  入力期限 2021-06-30" "未入力（5）" \
    "No.1  市民参画・市民活動支援事業" "No.10 公募委員・女性委員の積極的な登用"
e2e_expect_line "the status line is on 令和3年度, not today's year" \
    'daemon  担当課職員  まちづくり協働課 .* 令和3年度 *$'
e2e_expect_line "the hint line starts with what opens an entry" \
    '^Enter E:入力する  \?:ヘルプ  Esc:戻る  Q:終了'
e2e_expect "the entry under the cursor in full" \
    "取組: No.1 市民参画・市民活動支援事業" "まだ入力されていません"

# The terminal's signal and flow-control keys are plain keys.
modes=$(pane_stty)
case $modes in
*-ixon*-isig*|*-isig*-ixon*) pass "while it runs: flow control and signal keys off" ;;
*)	fail "while it runs: flow control and signal keys off" "$modes" ;;
esac
e2e_keys C-s
e2e_expect "C-s freezes nothing and says so" "C-s: 画面は止まりません"
e2e_keys j
e2e_expect "after C-s, j moves at once" "取組: No.2 環境美化パートナーシップ事業"
e2e_keys C-q
e2e_expect "C-q says so too" "C-q: 画面は止まりません"
e2e_keys 'C-\'
e2e_expect "C-\\ ends nothing" 'C-\ では終了も中断もしません'
e2e_keys C-z
e2e_expect "C-z suspends nothing" "C-z では終了も中断もしません" "自分の仕事"
e2e_still_runs clerk && pass "the clerk's program still runs" ||
    fail "the clerk's program still runs"
e2e_keys k

# Two results and an indicator, counted from the list.
nkeys=0
k Enter
e2e_expect "Enter opens No.1's form, the deadline in its header" \
    "実績入力（令和3年度） > No.1 市民参画・市民活動支援事業" \
    "状態: 未入力" "期限 2021-06-30" "R3 受付中"
e2e_expect_line "typing: the hint line names only what works there" \
    '^F1:ヘルプ  C-s:保存  Esc:戻る'
e2e_expect_not "typing: no key the field would take as text is offered" \
    "?:ヘルプ" "[ ]:年度" "Q:終了" "W:自分の仕事"
e2e_type 'ふれあい出前講座を42回開催した。?[QHWqe'
e2e_expect "every printable key is text in the field" \
    'ふれあい出前講座を42回開催した。?[QHWqe' "実績入力（令和3年度） > No.1"
e2e_expect_not "no help, no year change, no history opened by them" \
    "ヘルプ: 実績入力" "令和4年度" "変更履歴"
k Tab Tab
e2e_type '42'
k C-t
e2e_expect "C-t offers submitting" "提出する"
k Enter
e2e_expect "submitting asks first" "提出しますか"
k y
e2e_expect "No.1 submitted" "提出しました（提出済）" "状態: 提出済"
k Escape
e2e_expect "back on the list: No.1 under 提出済, the cursor with it" \
    "自分の仕事 > まちづくり協働課" "未入力（4）" "提出済（1）" \
    "取組: No.1 市民参画・市民活動支援事業"
k g Enter
e2e_expect "g Enter opens the first entry still to do, No.2" \
    "実績入力（令和3年度） > No.2 環境美化パートナーシップ事業"
e2e_type 'A班が清掃活動を実施した。'
k C-t Enter y
e2e_expect "No.2 submitted" "提出しました（提出済）"
k Escape
e2e_expect "back on the list" "提出済（2）"
# Enter, Tab Tab (to the indicator), C-t Enter y; Esc back to the list;
# g Enter, C-t Enter y; Esc: 13 keys, the text typed aside.
[ "$nkeys" -le 13 ] &&
    pass "two results and an indicator submitted in $nkeys keys from the list" ||
    fail "two results and an indicator submitted in $nkeys keys (more than 13)"
got=$(q "SELECT group_concat(state || ':' || entered_by, ' ') FROM
    (SELECT state, entered_by FROM result WHERE fy = 2021 AND node_id IN ($n1, $n2)
    ORDER BY node_id)")
[ "$got" = "submitted:daemon submitted:daemon" ] &&
    pass "db: both submitted by daemon" || fail "db: both submitted" "$got"
got=$(q "SELECT a.num FROM indicator_actual a JOIN indicator i
    ON i.id = a.indicator_id WHERE i.node_id = $n1 AND a.fy = 2021")
[ "$got" = "42.0" ] && pass "db: the indicator's 42" || fail "db: the indicator" "$got"
got=$(q "SELECT text FROM result WHERE node_id = $n1 AND fy = 2021")
[ "$got" = 'ふれあい出前講座を42回開催した。?[QHWqe' ] &&
    pass "db: the text with every key typed" || fail "db: the text" "$got"

# The clerk leaves No.1's form open (read-only now).
e2e_keys /
e2e_type '市民参画'
e2e_keys Enter Enter
e2e_expect "the clerk opens submitted No.1 again" \
    "実績入力（令和3年度） > No.1" "状態: 提出済" "閲覧のみ"

# ---- the supervisor's pass -------------------------------------------------
e2e_as boss sys
e2e_expect "the supervisor starts on what waits, oldest first, and what is late" \
    "自分の仕事 > 確認待ち 2 件" "確認待ち（提出済）  2 件  提出の古い順" \
    "遅れ（入力期限を過ぎて未提出）" "[ ]"
e2e_expect_line "No.1 waits" '\[ \] .* R3 +まちづくり協働課 No\.1 +市民参画'
first=$(e2e_screen | grep -n 'No\.1  市民参画' | head -n 1 | cut -d: -f1)
second=$(e2e_screen | grep -n 'No\.2  環境美化' | head -n 1 | cut -d: -f1)
[ -n "$first" ] && [ -n "$second" ] && [ "$first" -lt "$second" ] &&
    pass "the earlier submission first" || fail "the earlier submission first" "$(e2e_screen)"
e2e_expect "who submitted it, with the name" "提出: daemon（田中一郎）"
nkeys=0
k Space Space
e2e_expect "two marked" "[*]" "印: 2 件"
k C-t
e2e_expect "C-t offers to confirm both" "確認する（2 件）" "差し戻す（2 件、1 件ずつ理由を入力）"
k Enter
e2e_expect "confirming asks once" "2 件を確認済みにしますか"
k y
e2e_expect "both confirmed" "2 件を確認しました" "確認待ちはありません"
[ "$nkeys" -le 5 ] && pass "a department's submissions confirmed in $nkeys keys" ||
    fail "confirmed in $nkeys keys (more than 5)"
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

e2e_as clerk daemon
e2e_expect "the clerk's open form shows the confirmation without reopening" \
    "状態: 確認済" "確認: sys（鈴木課長）"
e2e_expect_line "with its time to the minute" \
    '確認: sys（鈴木課長） [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}( |$)'
e2e_keys Escape
e2e_expect "the list follows" "確認済（2）"

# A return with its own reason.
e2e_keys /
e2e_type '民間企業'
e2e_keys Enter Enter
e2e_expect "No.4's form" "実績入力（令和3年度） > No.4"
e2e_type '補助金を交付した。'
e2e_keys C-t Enter y
e2e_expect "No.4 submitted" "提出しました（提出済）"
e2e_keys Escape
e2e_wait "提出済（1）"
e2e_as boss sys
e2e_expect "No.4 arrives on the supervisor's list by itself" \
    "確認待ち（提出済）  1 件" "No.4  民間企業やNPO等との協働事業の推進"
# An open sheet follows too: the clerk withdraws and resubmits.
e2e_keys g S
e2e_wait "> No.4 民間企業やNPO等との協働事業の推進"
e2e_keys G
e2e_expect "the supervisor reads No.4's sheet, its result at the end" \
    "【令和3年度の実績】" "状態: 提出済"
e2e_as clerk daemon
e2e_keys Enter
e2e_wait "実績入力（令和3年度） > No.4"
e2e_keys C-t
e2e_expect "the clerk may withdraw it" "下書きに戻す"
e2e_keys Enter y
e2e_expect "withdrawn" "下書きに戻しました"
e2e_as boss sys
e2e_expect "the supervisor's open sheet shows the draft" "状態: 下書き"
e2e_as clerk daemon
e2e_keys C-t Enter y
e2e_expect "resubmitted" "提出しました（提出済）"
e2e_keys Escape
e2e_wait "自分の仕事"
e2e_as boss sys
e2e_expect "and the sheet shows it submitted again" "状態: 提出済"
e2e_keys Escape
e2e_expect "back on the list, No.4 still waiting" "確認待ち（提出済）  1 件"
e2e_keys g C-t
e2e_expect "C-t on the one under the cursor" "確認する（1 件）"
e2e_keys j Enter
e2e_wait_prompt || fail "the reason is asked for" "$(e2e_screen)"
e2e_expect "the reason is asked for, naming the entry" "差戻しの理由（1/1 No.4"
e2e_type '内訳を書いてください'
e2e_keys Enter
e2e_expect "returned" "1 件を差し戻しました"
got=$(q "SELECT state || '|' || return_comment FROM result
    WHERE node_id = $n4 AND fy = 2021")
[ "$got" = "returned|内訳を書いてください" ] && pass "db: No.4 returned with the reason" ||
    fail "db: No.4 returned with the reason" "$got"
e2e_as clerk daemon
e2e_expect "差戻し comes first on the clerk's list, with the reason" \
    "差戻し（1）" "差戻しの理由: 内訳を書いてください"
line_ret=$(e2e_screen | grep -n '差戻し（1）' | head -n 1 | cut -d: -f1)
line_new=$(e2e_screen | grep -n '未入力（2）' | head -n 1 | cut -d: -f1)
[ -n "$line_ret" ] && [ -n "$line_new" ] && [ "$line_ret" -lt "$line_new" ] &&
    pass "差戻し above 未入力" || fail "差戻し above 未入力" "$(e2e_screen)"

# ---- two forms of one entry: the conflict chosen field by field -----------------
e2e_keys /
e2e_type '公募委員'
e2e_keys Enter Enter
e2e_expect "the clerk opens No.10" "実績入力（令和3年度） > No.10"
e2e_type '一の実績'
e2e_keys Tab
e2e_type '一の課題'
e2e_as clerk2 daemon
e2e_wait "自分の仕事 > まちづくり協働課"
e2e_keys /
e2e_type '公募委員'
e2e_keys Enter Enter
e2e_expect "a second terminal of the clerk opens No.10" "実績入力（令和3年度） > No.10"
e2e_type '二の実績'
e2e_keys Tab
e2e_type '二の課題'
e2e_keys C-s
e2e_expect "the second saves first" "保存しました（下書き）"
e2e_as clerk daemon
e2e_expect "the first form keeps its text and says the entry moved" \
    "保存済みの版を daemon（田中一郎） が更新しました" "一の実績" "一の課題"
e2e_keys C-s
e2e_expect "saving shows both, the first difference chosen first" \
    "どちらを残しますか" "保存済みの版（daemon（田中一郎）、下書き）" \
    "欄ごとに: Tab 次の違い" \
    "> 取組実績  ※違いあり  ← あなたの入力を残す"
e2e_keys Right
e2e_expect "Right takes the saved version for 取組実績" \
    "取組実績  ※違いあり  → 保存済みの版を残す"
e2e_keys Tab
e2e_expect "Tab goes to the next difference, which keeps mine" \
    "> 評価（課題・今後の方向性）  ※違いあり  ← あなたの入力を残す"
e2e_keys Enter
e2e_expect "Enter saves the choice" "保存しました（下書き）" "二の実績" "一の課題"
got=$(q "SELECT text || '|' || comment FROM result WHERE node_id = $(node No.10)
    AND fy = 2021")
[ "$got" = "二の実績|一の課題" ] && pass "db: their 取組実績 with my comment" ||
    fail "db: their 取組実績 with my comment" "$got"
e2e_keys Escape
e2e_wait "自分の仕事 > まちづくり協働課"
e2e_as clerk2 daemon
e2e_expect "the other form follows the merged save" "一の課題"
e2e_keys Escape
e2e_wait "自分の仕事"
e2e_keys Escape
e2e_wait "計画一覧"
e2e_keys q
got=$(e2e_ended clerk2)
[ "$got" = 0 ] && pass "the second terminal quits with q" ||
    fail "the second terminal quits with q" "status: $got"
e2e_as clerk daemon

# ---- leaving: Esc never quits, Q asks over unsaved text ----------------------
e2e_keys Escape
e2e_expect "Esc on my work goes to the plan list" "計画一覧（令和3年度）"
e2e_expect_line "the first screen's hint names q to quit" '  q:終了'
e2e_keys Escape
e2e_expect "Esc on the first screen does not quit, and says what does" \
    "最初の画面です（終了は q か Q）" "計画一覧"
e2e_keys W
e2e_expect "W opens my work from anywhere" "自分の仕事 > まちづくり協働課"
e2e_keys /
e2e_type '市民活動団体'
e2e_keys Enter Enter
e2e_expect "No.5's form" "実績入力（令和3年度） > No.5"
# Undo: each field's edit comes back, one at a time, to the loaded entry.
e2e_type '清掃を実施'
e2e_keys Tab
e2e_type '課題なし'
e2e_keys C-_
e2e_expect "C-_ takes back the comment's edit" \
    "評価（課題・今後の方向性）を元に戻しました" "清掃を実施"
e2e_expect_not "the comment is empty again" "課題なし"
e2e_keys C-_
e2e_expect "C-_ again takes back the text" "取組実績を元に戻しました"
e2e_expect_not "the text is empty again" "清掃を実施"
e2e_keys C-_
e2e_expect "and no further than the loaded entry" "これ以上は戻せません"
e2e_type '清掃を実施した'
e2e_keys C-s
e2e_expect "saved" "保存しました（下書き）"
e2e_type '。追記'
e2e_keys C-r
e2e_expect "C-r puts the field back to its saved value" \
    "取組実績を保存済みの値に戻しました" "清掃を実施した"
e2e_expect_not "the addition is gone" "清掃を実施した。追記"
e2e_keys C-_
e2e_expect "C-_ takes back C-r" "清掃を実施した。追記"
got=$(q "SELECT text FROM result WHERE node_id = $(node No.5) AND fy = 2021")
[ "$got" = '清掃を実施した' ] && pass "db: only what was saved" ||
    fail "db: only what was saved" "$got"
e2e_type 'まだ保存しない'
e2e_keys F1
e2e_expect "F1 is help while typing" "ヘルプ: 実績入力"
e2e_keys Q
e2e_expect "Q over unsaved text asks first, from any screen" \
    "保存していない変更があります。破棄して終了しますか"
e2e_keys n
e2e_keys Escape
e2e_expect "n keeps the program and the text" "清掃を実施した。追記まだ保存しない"
e2e_still_runs clerk && pass "the clerk's program still runs after n" ||
    fail "the clerk's program still runs after n"

# A year closed meanwhile: the open form's title and header say so.
run year close R3 >/dev/null 2>&1 || fail "year close R3"
e2e_expect "the form's title says 締切 without reopening" "R3 締切"
run year open R3 >/dev/null 2>&1 || fail "year open R3"
e2e_expect "and 受付中 again" "R3 受付中"

e2e_keys Escape
e2e_expect "leaving unsaved text asks" "保存していない変更があります。破棄して戻りますか"
e2e_keys y
e2e_expect "back on my work" "自分の仕事 > まちづくり協働課"
e2e_keys Escape
e2e_wait "計画一覧"
e2e_keys q
got=$(e2e_ended clerk)
[ "$got" = 0 ] && pass "q on the first screen quits with status 0" ||
    fail "q on the first screen quits" "status: $got"
if e2e_live; then
	if cmp -s "$dir/stty-before-clerk" "$dir/stty-after-clerk" &&
	    grep -Eq '(^| )ixon( |$)' "$dir/stty-after-clerk" &&
	    grep -Eq '(^| )isig( |$)' "$dir/stty-after-clerk"; then
		pass "the terminal's modes are as before (ixon, isig)"
	else
		fail "the terminal's modes are as before" \
		    "$(ls -l "$dir"/stty-*; diff "$dir/stty-before-clerk" \
		    "$dir/stty-after-clerk"; cat "$dir/stty-after-clerk")"
	fi
else
	e2e_not_run "the terminal's modes are as before"
fi
e2e_as boss sys
e2e_keys Escape
e2e_wait "計画一覧"
e2e_keys Q
got=$(e2e_ended boss)
[ "$got" = 0 ] && pass "Q quits the supervisor's program with status 0" ||
    fail "Q quits the supervisor's program" "status: $got"

# ---- the planner ------------------------------------------------------------
e2e_sock=$e2e_sock_base
# A plan whose code is longer than the column used to be: shown whole.
cat > "$dir/long.csv" <<'PLAN'
shisaku-plan,1
plan,kasama-gyokaku-2026,笠間市行財政改革推進計画,,,笠間市
level,kasama-gyokaku-2026,1,取組
node,kasama-gyokaku-2026,k1,,①,電子申請の対象手続の拡大
assign,kasama-gyokaku-2026,k1,結城市/まちづくり協働課,1
PLAN
run import "$dir/long.csv" > /dev/null 2>&1 &&
    pass "a plan of a long code is loaded" || fail "import of long.csv"
e2e_start "$db" 100 30 -c "$cfg"
e2e_expect "a planner starts on the plan list of the open year" \
    "計画一覧（令和3年度）" "R3 受付中"
e2e_expect "the plan list names a long code whole" "kasama-gyokaku-2026"
e2e_keys /
e2e_type '結城'
e2e_keys Enter Enter
e2e_wait "施策体系（令和3年度）"
e2e_keys /
e2e_type 'No.5 '
e2e_keys Enter
e2e_expect_line "on an item of the tree the hint line starts with E" \
    '^E:実績を入力  Enter:シート'
e2e_keys E
e2e_expect "E on the tree opens the item's form" \
    "実績入力（令和3年度） > No.5 市民活動団体の育成"
e2e_keys Escape
e2e_wait "施策体系"
e2e_keys W
e2e_expect "W: a planner's own work is what waits for review" \
    "自分の仕事 > 確認待ち 0 件" "遅れ（入力期限を過ぎて未提出）"
e2e_keys Escape
e2e_expect "Esc comes back to the tree" "施策体系（令和3年度）"
# Opened again: the list kept while nothing is written; after another
# program's submission, read again.
e2e_keys W
e2e_expect "W again, nothing written" "自分の仕事 > 確認待ち 0 件"
e2e_keys Escape
e2e_wait "施策体系（令和3年度）"
q "UPDATE result SET state = 'submitted',
    submitted_at = '2021-06-01T10:00:00'
    WHERE node_id = $(node No.5) AND fy = 2021"
[ "$(q "SELECT state FROM result WHERE node_id = $(node No.5) AND fy = 2021")" = \
    submitted ] && pass "another program submits No.5" ||
    fail "another program submits No.5"
# (A key on the tree first: the program has noticed the write before
# W, so the list kept must not be shown again.)
e2e_keys k
e2e_wait "施策体系（令和3年度）"
e2e_keys W
e2e_expect "W after that write: No.5 waits" "自分の仕事 > 確認待ち 1 件" \
    "市民活動団体の育成"
e2e_keys Escape
e2e_wait "施策体系（令和3年度）"
e2e_keys Q
e2e_expect_exit "the planner quits" 0
printf '[calendar]\nyear_display = era\n[display]\nstart_screen = mywork\n' \
    > "$dir/mine.ini"
e2e_start "$db" 100 30 -c "$dir/mine.ini"
e2e_expect "start_screen = mywork starts a planner on their work" \
    "自分の仕事 > 確認待ち"
e2e_keys Q
e2e_expect_exit "and Q quits" 0

e2e_stop	# (the planner's terminal, before another's)
e2e_as longcode daemon
e2e_expect "the clerk's list names a plan's code whole" \
    "電子申請の対象手続の拡大" "kasama-gyokaku-2026"
e2e_keys Q
e2e_ended longcode > /dev/null

if [ -n "$(ls "$dir"/asan.* 2>/dev/null)" ]; then
	fail "no sanitizer report" "$(cat "$dir"/asan.* | head -n 40)"
else
	e2e_check_sanitizers "no sanitizer report"
fi
e2e_finish
