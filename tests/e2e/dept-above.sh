#!/bin/sh
# A plan that prints its 担当課 once for a policy, as plans of this family
# do, and not for each item under it: the planner's import (and its dry
# run) says which items take the policy's departments; the clerk of that
# department, a real login in a terminal of its own, finds those items in
# 自分の仕事, enters one and submits it, read back with sqlite3; an item
# under a policy without a department stays the planners'. A new item the
# planner adds under the policy in the terminal starts with the policy's
# departments in its form, and saves them. When the planner then gives the
# policy another department, the save asks whether the items that follow
# it change too: Esc saves nothing, and the first choice changes them, not
# the item with a department of its own.
#
# Runs the clerk as the system login daemon through setpriv (root);
# elsewhere it says so and counts every check as failed.
e2e_logins="daemon"
. "$(dirname "$0")/lib.sh"

e2e_timeout=${E2E_TIMEOUT:-20}

[ -z "$e2e_logins_why" ] || e2e_abandon "$e2e_logins_why"

e2e_shared_db above 2023

plan="$dir/plan.csv"
cat > "$plan" <<'EOF'
shisaku-plan,1
plan,kaikaku,試験市行政改革実施計画,R3,R7,試験市,
level,kaikaku,1,推進項目
level,kaikaku,2,取組事項
dept,試験市/人事課,人事課,試験市,
dept,試験市/総務課,総務課,試験市,
node,kaikaku,1,,1,人材の育成,,,,,,
assign,kaikaku,1,試験市/人事課,1,,
node,kaikaku,1-1,1,(1),職員研修の充実,,,,,,
node,kaikaku,1-2,1,(2),人事評価制度の運用,,,,,,
node,kaikaku,1-3,1,(3),文書管理の見直し,,,,,,
assign,kaikaku,1-3,試験市/総務課,1,,
node,kaikaku,2,,2,行政サービスの向上,,,,,,
node,kaikaku,2-1,2,(1),窓口の一元化,,,,,,
EOF

run() {	# the program as the user who made the database (the planner)
	"$e2e_bin" -c "$cfg" -d "$db" "$@"
}
q() {	# one value from the database
	sqlite3 "$db" "$1"
}

# ---- the planner loads the plan ------------------------------------------
run init > /dev/null 2>&1 || fail "init"
said="担当課（assign の行）のない施策・取組 2 件は、上の階層の担当課を"
got=$(run import --dry-run "$plan" 2>&1)
case $got in
*"$said引き継ぎます: kaikaku: 1-1 ← 1、1-2 ← 1"*)
	pass "the dry run names the items that take the policy's department" ;;
*)	fail "the dry run names the items" "$got" ;;
esac
[ "$(q "SELECT count(*) FROM plan")" = 0 ] &&
    pass "db: the dry run wrote nothing" || fail "db: the dry run wrote"
got=$(run import "$plan" 2>&1)
case $got in
*"読み込みました: plan 1, level 2, dept 2, node 6, assign 2"*"$said引き継ぎました: kaikaku: 1-1 ← 1、1-2 ← 1"*)
	pass "the import says the same, after its counts" ;;
*)	fail "the import says which items took it" "$got" ;;
esac
got=$(q "SELECT group_concat(n.key || '=' || d.code || ':' || nd.is_main, ' ')
    FROM (SELECT * FROM node ORDER BY ord) n
    LEFT JOIN node_dept nd ON nd.node_id = n.id
    LEFT JOIN department d ON d.id = nd.dept_id")
[ "$got" = "1=試験市/人事課:1 1-1=試験市/人事課:1 1-2=試験市/人事課:1 1-3=試験市/総務課:1" ] &&
    pass "db: 1-1 and 1-2 in 人事課's charge, 1-3 keeps 総務課, 2-1 none" ||
    fail "db: the items' departments" "$got"
run year open R5 > /dev/null 2>&1 || fail "year open R5"
run user add daemon --role clerk --dept 試験市/人事課 --name 人事太郎 \
    > /dev/null 2>&1 || fail "user add daemon"
chmod 666 "$db" "$db-wal" "$db-shm" 2>/dev/null

# ---- the clerk of 人事課 -------------------------------------------------
e2e_as clerk daemon
e2e_expect "the clerk's own work lists the two items the policy gave it" \
    "自分の仕事 > 人事課" "未入力（2）" "(1)  職員研修の充実" \
    "(2)  人事評価制度の運用"
e2e_expect_not "and not the items of others or of nobody" \
    "文書管理の見直し" "窓口の一元化"
e2e_keys Enter
e2e_expect "Enter opens (1)'s form" \
    "実績入力（令和5年度） > (1) 職員研修の充実" "状態: 未入力"
e2e_type '新任職員研修を3回実施した。'
e2e_keys C-t
e2e_expect "C-t offers submitting" "提出する"
e2e_keys Enter
e2e_expect "submitting asks first" "提出しますか"
e2e_keys y
e2e_expect "(1) submitted" "提出しました（提出済）"
e2e_keys Escape
e2e_expect "back on the list" "未入力（1）" "提出済（1）"
got=$(q "SELECT r.state || '|' || r.text || '|' || r.entered_by || '|' || d.code
    FROM result r JOIN node n ON n.id = r.node_id
    JOIN department d ON d.id = r.dept_id WHERE n.key = '1-1' AND r.fy = 2023")
[ "$got" = "submitted|新任職員研修を3回実施した。|daemon|試験市/人事課" ] &&
    pass "db: submitted by daemon, filed under 人事課" || fail "db: the result" "$got"
e2e_keys Q
[ "$(e2e_ended clerk)" = 0 ] && pass "the clerk quits" || fail "the clerk quits"

# ---- the planner adds an item under the policy ---------------------------
e2e_start "$db" 100 30 || { fail "start"; e2e_abandon "tmux did not start"; }
e2e_expect "the planner's plans list" "計画一覧" "試験市行政改革実施計画"
e2e_keys Enter
e2e_expect "the tree" "施策体系" "1 人材の育成"
e2e_keys a
e2e_expect "a offers an item below the policy" "取組事項を「人材の育成」の下に追加"
e2e_keys Down Enter
e2e_expect "the new item's form" "取組事項を追加"
e2e_expect_line "its 担当課 is the policy's" '担当課 +★試験市/人事課 *$'
e2e_prompt_set '(4)'
e2e_keys Down
e2e_prompt_set '働き方改革の推進'
e2e_keys C-s
e2e_expect "the item saved" "取組事項を保存しました"
got=$(q "SELECT group_concat(d.code || ':' || nd.is_main, ' ') FROM node_dept nd
    JOIN node n ON n.id = nd.node_id JOIN department d ON d.id = nd.dept_id
    WHERE n.title = '働き方改革の推進'")
[ "$got" = "試験市/人事課:1" ] && pass "db: the new item in 人事課's charge" ||
    fail "db: the new item's department" "$got"

# ---- the planner gives the policy another department ---------------------
depts() {	# each item's departments, main ones starred, in the tree's order
	q "SELECT group_concat(k || '=' || coalesce(d, ''), ' ') FROM (SELECT n.key AS k,
	    (SELECT group_concat(CASE nd.is_main WHEN 1 THEN '★' ELSE '' END ||
	    d.code, '、') FROM node_dept nd JOIN department d ON d.id = nd.dept_id
	    WHERE nd.node_id = n.id) AS d FROM node n ORDER BY n.ord)"
}
before=$(depts)
e2e_keys g m
e2e_expect "m opens the policy's form" "推進項目を修正: 1 人材の育成"
e2e_keys Down Down Down Down
e2e_prompt_set '★試験市/総務課、試験市/人事課'
e2e_keys C-s
e2e_expect "the save asks about the three items that follow the policy" \
    "下の 3 件も同じ担当課です" "下の 3 件の担当課も変える" \
    "この推進項目だけ変える"
e2e_keys Escape
e2e_expect "Esc saves nothing and keeps the form as typed" \
    "保存していません（入力はそのままです。C-s で選び直せます）" \
    "★試験市/総務課、試験市/人事課"
[ "$(depts)" = "$before" ] && pass "db: nothing written after Esc" ||
    fail "db: written after Esc" "$(depts)"
e2e_keys C-s
e2e_expect "asked again" "下の 3 件も同じ担当課です"
e2e_keys Enter
e2e_expect "the policy saved with the three items" \
    "推進項目を保存しました（下の 3 件の担当課も変えました）"
got=$(depts)
want="1=★試験市/総務課、試験市/人事課 1-1=★試験市/総務課、試験市/人事課"
want="$want 1-2=★試験市/総務課、試験市/人事課 1-3=★試験市/総務課"
want="$want $(q "SELECT key FROM node WHERE title = '働き方改革の推進'")=★試験市/総務課、試験市/人事課"
want="$want 2= 2-1="
[ "$got" = "$want" ] &&
    pass "db: 1-1, 1-2 and (4) follow the policy; 1-3 keeps its own" ||
    fail "db: the departments after the change" "$got"
[ "$(q "SELECT count(*) FROM history WHERE field = 'depts'
    AND old_value = '★試験市/人事課'
    AND new_value = '★試験市/総務課、試験市/人事課' AND login = '$(id -un)'")" = 4 ] &&
    pass "db: a history row for the policy and each item" ||
    fail "db: the history of the change"
# A policy without a department given one: its item, without one either,
# may take it, as an import gives it.
e2e_keys G k m
e2e_expect "m opens the other policy's form" "推進項目を修正: 2 行政サービスの向上"
e2e_keys Down Down Down Down
e2e_prompt_set '★総務課'
e2e_keys C-s
e2e_expect "the save asks about its item without one" \
    "下の 1 件も担当課がありません" "下の 1 件の担当課も変える"
e2e_keys Enter
e2e_expect "saved with it" "推進項目を保存しました（下の 1 件の担当課も変えました）"
got=$(depts)
[ "${got##* 2=}" = "★試験市/総務課 2-1=★試験市/総務課" ] &&
    pass "db: policy 2 and its item in 総務課's charge" ||
    fail "db: policy 2's departments" "$got"
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_check_sanitizers "no sanitizer report"
e2e_finish
