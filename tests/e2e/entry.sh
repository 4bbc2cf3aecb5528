#!/bin/sh
# Entering the yearly results as the people who do it, each as a real
# login of the machine (roles come from the users table, keyed by the
# login the OS reports): a まちづくり協働課 clerk (daemon) enters and
# submits the R3 results of 結城市 No.1 in Japanese across several lines
# with ふれあい出前講座 42回, after an invalid number is refused with the
# text kept; a 総務課 clerk (bin) cannot edit it; a supervisor (sys) returns
# it with a comment, the clerk sees the comment, fixes and resubmits, the
# supervisor confirms; the history shows every step; two sessions saving
# the same item see the conflict and choose. The database is checked with
# sqlite3 after each step.
#
# Three roles need three logins: the test runs the program as the system
# logins daemon, bin and sys through setpriv, which takes root; elsewhere
# it says so and counts every check as failed. Everything they use lies
# in a scratch directory they can reach, not under the clone (lib.sh).
e2e_logins="daemon bin sys"
. "$(dirname "$0")/lib.sh"

# Several programs run at once here: allow a loaded machine more time.
e2e_timeout=${E2E_TIMEOUT:-20}

[ -z "$e2e_logins_why" ] || e2e_abandon "$e2e_logins_why"

# A directory every login can write: the database, its -wal and -shm,
# the sanitizer reports.
e2e_shared_dir multi
db="$dir/shisaku.db"
master=$(e2e_sample_master) || { fail "sample database"; e2e_abandon "no sample database"; }
cp "$master" "$db"
chmod 666 "$db"
cfg="$dir/entry.ini"
# Terminals of the logins (e2e_as): the program on this database.
e2e_as_dir=$dir e2e_as_db=$db e2e_as_config=$cfg
cat > "$cfg" <<'EOF'
[calendar]
current_year = 2021
year_display = era
[display]
; These sessions walk from the plan list; the start on one's own work
; is tried in mywork.sh.
start_screen = plans
EOF
chmod 644 "$cfg"

run() {	# the program as the user who made the database (the planner)
	"$e2e_bin" -c "$cfg" -d "$db" "$@"
}
q() {	# one value from the database
	sqlite3 "$db" "$1"
}

# ---- set-up by the planner ---------------------------------------------
run year open R3 >/dev/null 2>&1 && pass "the planner opens R3 for entry" ||
    fail "year open R3" "$(run year open R3 2>&1)"
run user add daemon --role clerk --dept 結城市/まちづくり協働課 >/dev/null &&
    run user add bin --role clerk --dept 結城市/総務課 >/dev/null &&
    run user add sys --role supervisor >/dev/null &&
    pass "three logins with three roles" || fail "user add"
node=$(q "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'yuki-ap' AND n.code = 'No.1'")
node2=$(q "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'yuki-ap' AND n.code = 'No.2'")
[ -n "$node" ] && [ -n "$node2" ] ||
    { fail "No.1 and No.2 in the sample"; e2e_abandon "no No.1 or No.2 in the sample"; }

# ---- sessions, one tmux server each, as real logins ----------------------
# open_form CODE: from the plans list to the results form of 結城市 CODE.
open_form() {
	e2e_wait "計画一覧" || return 1
	e2e_keys /
	e2e_type '結城'
	e2e_keys Enter
	e2e_wait "| 結城市行政改革大綱アクションプラン" || return 1
	e2e_keys Enter
	e2e_wait "施策体系（令和3年度）" || return 1
	e2e_keys /
	e2e_type "$1 "
	e2e_keys Enter
	e2e_wait "[取組内容] $1 " || return 1
	e2e_keys Enter
	e2e_wait "【概要・方向性】" || return 1
	e2e_keys E
	e2e_wait "実績入力（令和3年度）"
}

line1='ふれあい出前講座を42回開催し、延べ1,200人が参加した。'
line2='まちづくり連続講座（一般市民向け・高校生向け）を実施した。'
line3='協働のまちづくり推進委員会を2回開催した。'
line4='地区別の内訳: 結城地区20回、江川地区12回、その他10回。'

# ---- the clerk enters the results ------------------------------------------
e2e_as clerk daemon
if open_form No.1; then
	pass "clerk reaches the form of No.1 (E on the item sheet)"
else
	# Without the form the rest cannot run.
	fail "clerk reaches the form of No.1 (E on the item sheet)" "$(e2e_screen)"
	e2e_abandon "the clerk did not reach the form of No.1"
fi
e2e_expect "the form for No.1 in 令和3年度, nothing entered yet" \
    "実績入力（令和3年度） > No.1 市民参画・市民活動支援事業" "状態: 未入力" \
    "取組実績" "評価（課題・今後の方向性）" "ふれあい出前講座の実施回数" "40回" \
    "daemon  担当課職員  まちづくり協働課"

# F1 lists the form's own keys, which the key table does not hold.
e2e_keys F1
e2e_expect "help of the form lists its own keys" "「実績入力」画面の操作" "C-s F2" "C-t F3" "C-o F4"
e2e_expect "and the moves as the form makes them, Tab once" "次の欄へ" \
    "状況・評価の選択肢を開く（複数行の欄では改行）"
e2e_expect_not "not as the key table names them" "次のペイン" "次の欄・前の欄"
e2e_keys Escape
e2e_expect "back in the form from help" "実績入力（令和3年度） > No.1"

# 状況 from its list: from 取組実績 back to 状況, Enter, 実施中.
e2e_keys BTab BTab Enter
e2e_expect "the status list" "未着手" "実施中" "延期" "中止"
e2e_keys Down Enter
e2e_expect "status chosen" "状況 [実施中"

# 取組実績 on three lines, the comment, then the actual.
e2e_keys Tab Tab
e2e_type "$line1"
e2e_keys Enter
e2e_type "$line2"
e2e_keys Enter
e2e_type "$line3"
e2e_expect "Japanese text across several lines" "$line1" "$line2" "$line3"
e2e_keys Tab
e2e_type '地域の担い手の育成が課題。'
e2e_keys Tab
e2e_expect_line "on its row at 100 columns, the keys: the name fits its column" \
    '^C-s/F2:保存 .*C-o:広い欄で編集'
e2e_resize 80 24
e2e_expect_line "at 80, the name its column cuts is given whole on the last line" \
    '^指標: ふれあい出前講座の実施回数  C-o:広い欄で編集'
e2e_resize 100 30
e2e_expect "back at 100, the texts typed are there" "$line1" "地域の担い手の育成が課題。"
e2e_type '四十二'
e2e_keys Tab
e2e_expect "a number in kanji is refused on leaving the field" \
    "実績値「四十二」は数値として読めません" "例: 42、1,200回、１，２００回"
e2e_expect "the text typed elsewhere is kept" "$line1" "$line3" \
    "地域の担い手の育成が課題。" "四十二"
e2e_keys C-u
e2e_type '42x'
e2e_keys C-s
e2e_expect "42x is refused on saving, the text kept" \
    "実績値「42x」は数値として読めません" "$line2"
e2e_keys C-u
e2e_type '42人'
e2e_keys C-s
e2e_expect "a number in another unit names the two units" \
    "の実績値: 「42人」の単位「人」がこの指標の単位「回」と違います"
[ "$(q "SELECT count(*) FROM result WHERE node_id = $node")" = 0 ] &&
    pass "nothing saved after a refused value" ||
    fail "nothing saved after a refused value"
e2e_keys C-u
e2e_type '４２回'
e2e_keys Tab
e2e_type '公民館ほか'
e2e_keys C-s
e2e_expect "saved as a draft" "保存しました（下書き）" "状態: 下書き" \
    "入力: daemon"

got=$(q "SELECT state || '|' || status || '|' || entered_by FROM result
    WHERE node_id = $node AND fy = 2021")
[ "$got" = "draft|in_progress|daemon" ] && pass "db: a draft, 実施中, by daemon" ||
    fail "db: a draft, 実施中, by daemon" "$got"
q "SELECT text FROM result WHERE node_id = $node AND fy = 2021" > "$dir/text.got"
printf '%s\n%s\n%s\n' "$line1" "$line2" "$line3" > "$dir/text.want"
e2e_same_file "db: 取組実績 exactly as typed, three lines" "$dir/text.want" \
    "$dir/text.got"
got=$(q "SELECT a.num || '|' || a.note FROM indicator_actual a
    JOIN indicator i ON i.id = a.indicator_id
    WHERE i.node_id = $node AND a.fy = 2021")
[ "$got" = "42.0|公民館ほか" ] && pass "db: ４２回 stored as the number 42" ||
    fail "db: ４２回 stored as the number 42" "$got"

# Submit through the workflow list.
e2e_keys C-t
e2e_expect "the workflow list offers submitting" "操作（状態: 下書き）" "提出する"
e2e_keys Enter
e2e_expect "submitting asks first" "提出しますか"
e2e_keys y
e2e_expect "submitted" "提出しました（提出済）" "状態: 提出済" "閲覧のみ: 提出済"
e2e_expect "its clerk's hint names what C-t offers now" \
    "C-t/F3:下書きに戻す  Tab:次の欄"
e2e_keys C-l
e2e_expect_line "and so does the bottom line" '^C-t:下書きに戻す  H:履歴'
[ "$(q "SELECT state FROM result WHERE node_id = $node AND fy = 2021")" = submitted ] &&
    pass "db: submitted" || fail "db: submitted"

# ---- another department's clerk cannot edit it ------------------------------
ver=$(q "SELECT ver FROM result WHERE node_id = $node AND fy = 2021")
e2e_as other bin
open_form No.1 || fail "総務課 clerk reaches the form" "$(e2e_screen)"
e2e_expect "総務課 is told why it is read-only" \
    "閲覧のみ: この取組は総務課の担当ではありません（担当: まちづくり協働課）" \
    "bin  担当課職員  総務課"
e2e_type 'x'
e2e_expect "typing is refused with the reason" \
    "編集できません: この取組は総務課の担当ではありません"
e2e_keys C-s
e2e_expect "saving is refused with the reason" "保存できません: この取組は総務課"
e2e_keys C-t
e2e_expect "no workflow action for 総務課" "いまできる操作はありません"
[ "$(q "SELECT ver FROM result WHERE node_id = $node AND fy = 2021")" = "$ver" ] &&
    pass "db: unchanged by 総務課" || fail "db: unchanged by 総務課"
e2e_keys Escape
e2e_wait "【概要・方向性】"
e2e_keys Q
got=$(e2e_ended other)
[ "$got" = 0 ] && pass "総務課 clerk quits cleanly" || fail "総務課 clerk quits" "$got"

# ---- the supervisor returns it with a comment -------------------------------
reason='地区別の開催回数を追記してください'
e2e_as boss sys
open_form No.1 || fail "supervisor reaches the form" "$(e2e_screen)"
e2e_expect "the supervisor reads the entry" "状態: 提出済" "$line1" "42回" \
    "sys  管理職"
e2e_expect "the supervisor's hint names confirming and returning" \
    "C-t/F3:確認・差戻し  Tab:次の欄"
e2e_keys C-t
e2e_expect "the supervisor may confirm or return" "確認する" "差し戻す（理由を入力）"
e2e_keys Down Enter
e2e_expect "asks for the reason" "差戻しの理由:"
e2e_type "$reason"
e2e_keys Enter
e2e_expect "returned" "差し戻しました（差戻し）" "状態: 差戻し"
got=$(q "SELECT state || '|' || return_comment FROM result
    WHERE node_id = $node AND fy = 2021")
[ "$got" = "returned|$reason" ] && pass "db: returned with the comment" ||
    fail "db: returned with the comment" "$got"

# ---- the clerk sees the comment, fixes and resubmits --------------------------
e2e_as clerk daemon
e2e_keys Escape
e2e_wait "【概要・方向性】"
e2e_keys E
e2e_expect "the form shows the supervisor's comment" "差戻しの理由: $reason" \
    "状態: 差戻し"
e2e_keys Down Down End Enter
e2e_type "$line4"
e2e_keys Tab Tab C-u
e2e_type '１，０４２回'
e2e_keys C-s
e2e_expect "fixed and saved" "保存しました（差戻し）" "$line4" "1,042回"
got=$(q "SELECT a.num || '|' || a.txt FROM indicator_actual a
    JOIN indicator i ON i.id = a.indicator_id
    WHERE i.node_id = $node AND a.fy = 2021")
[ "$got" = "1042.0|1,042" ] &&
    pass "db: １，０４２回 kept as printed, the number 1042 beside it" ||
    fail "db: １，０４２回 kept as printed, the number 1042 beside it" "$got"
e2e_keys C-t
e2e_expect "resubmitting is offered" "提出する"
e2e_keys Enter
e2e_wait "提出しますか"
e2e_keys y
e2e_expect "resubmitted" "提出しました（提出済）"
q "SELECT text FROM result WHERE node_id = $node AND fy = 2021" > "$dir/text.got"
printf '%s\n%s\n%s\n%s\n' "$line1" "$line2" "$line3" "$line4" > "$dir/text.want"
e2e_same_file "db: the added line saved after the others" "$dir/text.want" \
    "$dir/text.got"

# ---- the supervisor confirms ---------------------------------------------------
e2e_as boss sys
e2e_keys Escape
e2e_wait "【概要・方向性】"
e2e_keys E
e2e_expect "the supervisor sees the fix" "状態: 提出済" "$line4" "1,042回"
e2e_keys C-t
e2e_wait "確認する"
e2e_keys Enter
e2e_wait "確認済みにしますか"
e2e_keys y
e2e_expect "confirmed" "確認しました（確認済）" "状態: 確認済"
got=$(q "SELECT state || '|' || confirmed_by FROM result
    WHERE node_id = $node AND fy = 2021")
[ "$got" = "confirmed|sys" ] && pass "db: confirmed by sys" ||
    fail "db: confirmed by sys" "$got"

# ---- the history shows every step ----------------------------------------------
e2e_keys Escape
e2e_wait "【概要・方向性】"
e2e_keys H
e2e_expect "history of No.1, every year" "変更履歴（全年度） > No.1" "年度" \
    "日時" "利用者" "項目" "変更前 → 変更後"
e2e_expect_line "history: confirmed by sys" 'sys +令和3年度 +状態 +提出済 → 確認済'
e2e_expect_line "history: resubmitted by daemon" 'daemon +令和3年度 +状態 +差戻し → 提出済'
e2e_expect_line "history: the fix of 取組実績" 'daemon +令和3年度 +取組実績 +ふれあい出前講座を42回'
e2e_expect_line "history: 取組実績 first entered" 'daemon +令和3年度 +取組実績 +（なし） → ふれあい出前講座'
e2e_expect_line "history: returned by sys" 'sys +令和3年度 +状態 +提出済 → 差戻し'
e2e_expect_line "history: the return comment" "sys +令和3年度 +差戻しコメント +（なし） → 地区別の開催回数"
e2e_expect_line "history: first submit" 'daemon +令和3年度 +状態 +下書き → 提出済'
e2e_expect_line "history: the status" 'daemon +令和3年度 +状況 +（なし） → 実施中'
e2e_expect_line "history: the actual" 'daemon +令和3年度 +実績値（ふれあい出前講座の.*（なし） → 42回'
e2e_expect_line "history: the actual fixed as printed" 'daemon +令和3年度 +実績値（ふれあい出前講座の.* 42回 → 1,042回'
e2e_expect_line "history: the draft created" 'daemon +令和3年度 +状態 +（なし） → 下書き'
e2e_keys Enter
e2e_expect "Enter shows the newest change in full" "変更の全文" "変更前: 提出済" \
    "変更後: 確認済"
e2e_keys Escape
e2e_wait "変更前 → 変更後"
# A change recorded at another terminal comes first, without a key; the
# cursor stays on its change, and so it does through a resize.
# elsewhere AT TEXT: another program records a comment of No.1 by suzuki.
elsewhere() {
	q "INSERT INTO history (at, login, node_id, fy, field, old_value,
	    new_value) VALUES ('$1', 'suzuki', $node, 2021, 'comment', NULL,
	    '$2')"
}
e2e_keys j j
e2e_expect_line "the cursor on the fix of 取組実績" '^ 変更前: ふれあい出前講座を42回'
elsewhere 2099-01-01T09:00:00 別端末から
e2e_expect_line "a change made elsewhere shows first without a key" \
    '^ 2099-01-01 09:00 suzuki .*（なし） → 別端末から'
e2e_expect_line "the cursor still on its change" '^ 変更前: ふれあい出前講座を42回'
e2e_resize 110 32
e2e_expect_line "and after a resize" '^ 変更前: ふれあい出前講座を42回'
e2e_resize 100 30
# With the cursor on the newest change, at the top of a list longer
# than the screen, a change recorded meanwhile shows above it: the list
# read from its top stays there.
q "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k
    WHERE i < 40) INSERT INTO history (at, login, node_id, fy, field,
    old_value, new_value) SELECT printf('2099-01-01T10:%02d:00', i),
    'suzuki', $node, 2021, 'comment', NULL, '別端末から ' || i FROM k"
e2e_expect_line "forty more changes, the cursor's change kept in view" \
    '（なし） → 別端末から 1 *$'
e2e_keys g
e2e_expect_line "the cursor on the newest change" '^ 変更後: 別端末から 40'
elsewhere 2099-01-02T09:00:00 別端末から二度目
e2e_expect_line "the newer change shows at the top, without a key" \
    '^ 2099-01-02 09:00 suzuki .*（なし） → 別端末から二度目'
e2e_expect_line "the cursor still on its change" '^ 変更後: 別端末から 40$'
n=$(q "SELECT count(*) FROM history WHERE node_id = $node AND fy = 2021")
[ "$n" -ge 12 ] && pass "db: $n history rows for No.1" || fail "db: history rows" "$n"
e2e_keys Escape
e2e_wait "【概要・方向性】"
e2e_keys Q

# The clerk cannot change the confirmed entry.
e2e_as clerk daemon
e2e_keys Escape
e2e_wait "【概要・方向性】"
e2e_keys E
e2e_expect "confirmed is read-only to the clerk" "状態: 確認済" "閲覧のみ: 確認済"
e2e_keys Escape
e2e_wait "【概要・方向性】"
e2e_keys Q

# ---- two sessions save the same item ---------------------------------------------
e2e_as first daemon
open_form No.2 || fail "first session reaches No.2" "$(e2e_screen)"
e2e_as second daemon
open_form No.2 || fail "second session reaches No.2" "$(e2e_screen)"
# Both type; the first saves, then adds to its text without saving.
# An open form shows another's save at once, but never over unsaved
# text: the second says so, and its save shows both versions.
e2e_as second daemon
e2e_type 'B班が花壇を整備した。'
e2e_as first daemon
e2e_type 'A班が清掃活動を実施した。'
e2e_keys C-s
e2e_expect "the first save" "保存しました（下書き）"
e2e_keys End
e2e_type '追記'
e2e_as second daemon
e2e_expect "the second form says the saved version moved, keeping its text" \
    "保存済みの版を daemon が更新しました（いまは下書き）" \
    "B班が花壇を整備した。"
e2e_keys C-s
e2e_expect "the later save shows both versions" "どちらを残しますか" \
    "あなたの入力" "保存済みの版（daemon、下書き）" "取組実績  ※違いあり" \
    "B班が花壇を整備した。" "A班が清掃活動を実施した。" \
    "m: 自分の入力で上書き保存"
[ "$(q "SELECT text FROM result WHERE node_id = $node2 AND fy = 2021")" = \
    'A班が清掃活動を実施した。' ] &&
    pass "db: the first save stands until a choice is made" ||
    fail "db: the first save stands"
e2e_keys m
e2e_expect "keeping mine saves it over the newer version" "保存しました（下書き）"
[ "$(q "SELECT text || '|' || ver FROM result WHERE node_id = $node2 AND fy = 2021")" = \
    'B班が花壇を整備した。|2' ] && pass "db: the chosen version, version 2" ||
    fail "db: the chosen version" "$(q "SELECT text, ver FROM result WHERE node_id = $node2")"
e2e_as first daemon
e2e_keys C-s
e2e_expect "the first session now meets the conflict" "どちらを残しますか" \
    "B班が花壇を整備した。"
e2e_keys t
e2e_expect "taking theirs replaces the form" "保存済みの版を取り込みました" \
    "B班が花壇を整備した。"
e2e_expect_not "the discarded text is gone" "A班が清掃活動を実施した。追記"
[ "$(q "SELECT text FROM result WHERE node_id = $node2 AND fy = 2021")" = \
    'B班が花壇を整備した。' ] && pass "db: nothing written by taking theirs" ||
    fail "db: nothing written by taking theirs"

# Leaving with unsaved changes asks first.
e2e_type 'まだ保存しない'
e2e_keys Escape
e2e_expect "unsaved changes: asks before leaving" "保存していない変更があります"
e2e_keys n
e2e_expect "n stays with the text" "まだ保存しない"
e2e_keys Escape
e2e_wait "保存していない変更があります"
e2e_keys y
e2e_expect "y leaves" "【概要・方向性】"
e2e_keys Q
e2e_as second daemon
e2e_keys Escape
e2e_wait "【概要・方向性】"
e2e_keys Q

# ---- a busy database: a message, a retry offered, nothing lost ------------------
busycfg="$dir/busy.ini"
printf '[calendar]\ncurrent_year = 2021\n[display]\nstart_screen = plans\n[database]\nbusy_timeout = 300\n' \
    > "$busycfg"
chmod 644 "$busycfg"
e2e_as busy daemon "$busycfg"
open_form No.4 || fail "busy session reaches No.4" "$(e2e_screen)"
e2e_type '混雑時の入力'
rm -f "$dir/locked"
# Another writer: the sqlite3 shell holds BEGIN IMMEDIATE until told.
{
	echo "BEGIN IMMEDIATE;"
	echo ".shell touch '$dir/locked'"
	i=0
	while [ ! -f "$dir/unlock" ] && [ "$i" -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	echo "ROLLBACK;"
} | sqlite3 "$db" &
locker=$!
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	[ -f "$dir/locked" ] && break
	sleep 0.1
done
[ -f "$dir/locked" ] && pass "another writer holds the database" ||
    fail "another writer holds the database" "the sqlite3 shell did not lock"
e2e_keys C-s
e2e_expect "a busy database offers a retry" \
    "他の担当者が更新中です。もう一度保存しますか"
e2e_keys n
e2e_expect "declined: the form stays with the text" \
    "他の担当者が更新中のため保存できませんでした" "混雑時の入力"
touch "$dir/unlock"
wait "$locker"
e2e_keys C-s
e2e_expect "saved once the other writer is done" "保存しました（下書き）"
got=$(q "SELECT r.text FROM result r JOIN node n ON n.id = r.node_id
    JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'yuki-ap' AND n.code = 'No.4' AND r.fy = 2021")
[ "$got" = '混雑時の入力' ] && pass "db: the text typed while busy" ||
    fail "db: the text typed while busy" "$got"
e2e_keys Escape
e2e_wait "【概要・方向性】"
e2e_keys Q

for s in clerk boss first second busy; do
	got=$(e2e_ended $s)
	[ "$got" = 0 ] && pass "session $s ended with status 0" ||
	    fail "session $s ended with status 0" "status: $got"
done

check=$(sqlite3 "$db" 'PRAGMA integrity_check')
[ "$check" = ok ] && pass "db: integrity_check ok" || fail "db: integrity_check" "$check"

reports=$(ls "$dir"/asan.* 2>/dev/null)
[ -z "$reports" ] && pass "no sanitizer report" ||
    fail "no sanitizer report" "$(cat "$dir"/asan.* | head -n 40)"

e2e_finish
