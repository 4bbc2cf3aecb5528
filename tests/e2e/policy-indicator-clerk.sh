#!/bin/sh
# A town's plan whose indicators hang on its 基本目標, loaded beside
# another town's plan with a department of the same name (環境課), as a
# city's file holds the sample plans and its own. The planner names the
# department that reports an indicator by its name alone in the
# indicator's form: it is the plan's town's 環境課. That department's
# clerk finds the indicator in 自分の仕事, named with the 基本目標 it
# hangs on (its code once, in the code column), and types its actual
# with the input method on: ７８，２００ｔ－ＣＯ２, ten full-width
# characters, fits its field and is 78,200 in t-CO2, rated. Both saves
# are read back with sqlite3. The plan file's value of R5, given without
# a STATE, is shown confirmed and loaded from the file.
#
# Runs the clerk as the system login daemon through setpriv (root);
# elsewhere it says so and counts every check as failed.
e2e_logins="daemon"
. "$(dirname "$0")/lib.sh"

e2e_timeout=${E2E_TIMEOUT:-20}

[ -z "$e2e_logins_why" ] || e2e_abandon "$e2e_logins_why"

e2e_shared_db polind 2024

cat > "$dir/other.csv" <<'EOF'
shisaku-plan,1
plan,kita,北町環境計画,R3,R7,北町,
level,kita,1,施策
dept,北町/環境課,環境課,北町,
node,kita,1,,1,ごみの減量,,,,,,
assign,kita,1,北町/環境課,1,,
EOF
cat > "$dir/plan.csv" <<'EOF'
shisaku-plan,1
plan,minami,南川町環境基本計画,令和3年度～令和12年度,,南川町,
level,minami,1,基本目標
level,minami,2,具体的な取組
dept,南川町/環境課,環境課,南川町,
node,minami,G1,,基本目標１,脱炭素のまちをつくる,,,,,,
node,minami,G1-1,G1,①,住宅用太陽光発電設備の設置補助,,,,,,
assign,minami,G1-1,南川町/環境課,1,,
indicator,minami,E1,G1,町域の温室効果ガス排出量,環境指標,t-CO2,減少,,"86,400t-CO2（H25年度）",,"51,800t-CO2以下",令和12年度,,
actual,minami,E1,R5,"80,100t-CO2",,
EOF

run() {	# the program as the user who made the database (the planner)
	"$e2e_bin" -c "$cfg" -d "$db" "$@"
}
q() {	# one value from the database
	sqlite3 "$db" "$1"
}

run init > /dev/null 2>&1 || fail "init"
run import "$dir/other.csv" "$dir/plan.csv" > /dev/null 2>&1 ||
    fail "import" "$(run import --dry-run "$dir/plan.csv" 2>&1)"
run year open R6 > /dev/null 2>&1 || fail "year open R6"
run user add daemon --role clerk --dept 南川町/環境課 --name 環境一郎 \
    > /dev/null 2>&1 || fail "user add daemon"
chmod 666 "$db" "$db-wal" "$db-shm" 2>/dev/null

# ---- the planner: 報告する課 by name -------------------------------------
e2e_start "$db" 100 30 -c "$cfg" || { fail "start"; e2e_abandon "tmux did not start"; }
e2e_expect "the plans list" "計画一覧（令和6年度）" "南川町環境基本計画"
e2e_keys j i
e2e_expect "the town's indicators" "南川町環境基本計画 > 指標一覧" \
    "町域の温室効果ガス排出量"
e2e_keys m
e2e_expect "m opens the indicator's form" "指標と目標を修正: 町域の温室効果ガス排出量"
e2e_keys Down Down Down Down Down Down Down Down Down Down Down
e2e_expect_line "報告する課 chosen" "^報告する課 *$"
e2e_prompt_set '環境課'
e2e_expect "under it, the town's own department, told from 北町's" \
    "部署: 環境課（コード 南川町/環境課）"
e2e_keys C-s
e2e_expect "環境課 alone is saved: the town has one" "指標と目標を保存しました"
e2e_expect_not "and is not refused for 北町's" "複数あります"
[ "$(q "SELECT d.code FROM indicator i JOIN department d ON d.id = i.dept_id
    WHERE i.key = 'E1'")" = 南川町/環境課 ] &&
    pass "db: reported by 南川町/環境課" ||
    fail "db: the reporting department" "$(q "SELECT dept_id FROM indicator")"
# The value the plan printed for R5, without a STATE: confirmed, and
# not said to be not entered.
e2e_expect "the save closed the form" "南川町環境基本計画 > 指標一覧"
e2e_keys '['
e2e_expect "R5" "令和5年度" "80,100t-CO2"
e2e_keys E
e2e_expect "the plan's R5 value is confirmed" "実績値の入力（令和5年度）" \
    "状態: 確認済"
e2e_expect_line "loaded from the plan file, by no one named" \
    '^入力 +計画ファイルから読み込み（入力者の記録なし）'
e2e_expect_line "and confirmed as the plan's value, by no one named" \
    '^確認 +計画ファイルの値（確認者の記録なし）'
[ "$(e2e_actual "$db" E1 2023 "a.num || '|' || a.state")" = "80100.0|confirmed" ] &&
    pass "db: R5 80,100 confirmed" ||
    fail "db: R5" "$(e2e_actual "$db" E1 2023 "a.num || '|' || coalesce(a.state, '-')")"
e2e_resize 80 24
e2e_expect_line "the form's keys at 80 columns end with a whole key, never one cut" \
    '^C-s/F2:保存  C-t/F3:提出など  C-_:戻す  Tab:欄の移動  C-o:広い欄  Esc:戻る$'
e2e_resize 100 30
e2e_keys Escape
e2e_expect "Esc leaves the form unchanged" "南川町環境基本計画 > 指標一覧"
e2e_keys Q
e2e_expect_exit "the planner quits" 0

# ---- the clerk of 南川町/環境課 ------------------------------------------
e2e_as clerk daemon
e2e_expect "the clerk's own work lists the indicator" "自分の仕事 > 環境課" \
    "未入力（2）"
e2e_expect_line "named with its 基本目標, the code once" \
    '^ +基本目標１ 指標「町域の温室効果ガス排出量」（脱炭素のまちをつくる） '
e2e_keys Enter
e2e_expect "Enter opens its form" \
    "実績値の入力（令和6年度） > 町域の温室効果ガス排出量" "報告: 環境課"
e2e_type '７８，２００ｔ－ＣＯ２'
e2e_expect_line "ten full-width characters fit the field" \
    '^実績値 +７８，２００ｔ－ＣＯ２ '
e2e_expect_line "typed with the input method on, it is a number: rated" \
    '^達成率 +23\.7% +評価の目安: C 未達成'
e2e_keys C-s
e2e_expect "saved" "保存しました（下書き）"
got=$(e2e_actual "$db" E1 2024 "a.num || '|' || coalesce(a.txt, '') || '|' ||
    a.state || '|' || a.entered_by || '|' ||
    (SELECT code FROM department WHERE id = a.dept_id)")
[ "$got" = "78200.0|78,200|draft|daemon|南川町/環境課" ] &&
    pass "db: 78,200 as a number, as typed, a draft by daemon for 環境課" ||
    fail "db: the actual" "$got"
# value_is WANT WHAT: E1's 2024 actual in the database is WANT (num|txt).
value_is() {
	got=$(e2e_actual "$db" E1 2024 "a.num || '|' || coalesce(a.txt, '')")
	[ "$got" = "$1" ] && pass "$2" || fail "$2" "$got"
}
# Typed past the field's end (twenty full-width characters): the typing
# goes on in the wide field, and the whole value is saved.
e2e_keys C-u
e2e_type '７８，２００．５０００００００ｔ－ＣＯ２'
e2e_expect_line "past the field's end, the wide field holds it all" \
    '^実績値: ７８，２００．５０００００００ｔ－ＣＯ２$'
e2e_keys Enter C-s
e2e_expect "saved again" "保存しました（下書き）"
value_is "78200.5|78,200.50000000" "db: 78,200.5, the whole value typed"
# Fifteen full-width characters fill the field's thirty columns; a digit
# typed in the middle goes on in the wide field where it was typed, the
# cursor after it, and what follows is typed there. Esc there leaves the
# field as it was.
e2e_keys C-u
e2e_type '７８，２００．５０００００００'
e2e_expect_line "fifteen full-width characters fill the field" \
    '^実績値 +７８，２００．５０００００００ '
e2e_keys C-a Right Right
e2e_type '１'
e2e_expect_line "a digit typed in the middle of the full field: the wide field" \
    '^実績値: ７８１，２００．５０００００００$'
e2e_keys Escape
e2e_expect_line "Esc on the wide field: the field as it was" \
    '^実績値 +７８，２００．５０００００００ '
e2e_expect_not "and the bottom line closed" "実績値: ７８１"
e2e_keys C-a Right Right
e2e_type '１'
e2e_expect_line "typed again: the wide field again" \
    '^実績値: ７８１，２００．５０００００００$'
e2e_keys Delete Delete Delete Delete
e2e_expect_line "the cursor stands after the digit typed" \
    '^実績値: ７８１．５０００００００$'
e2e_keys Enter C-s
e2e_expect "saved a third time" "保存しました（下書き）"
value_is "781.5|781.50000000" "db: 781.5, as edited in the wide field"
e2e_keys Escape
e2e_expect "back on the list" "下書き（1）"
e2e_keys Q
[ "$(e2e_ended clerk)" = 0 ] && pass "the clerk quits" || fail "the clerk quits"
e2e_check_sanitizers "no sanitizer report"
e2e_finish
