#!/bin/sh
# Two departments of one name (北町's and 南町's 総務課, in one plan of
# both towns): the tree's filter by department lists each with its code,
# so that the one chosen is the one meant; the tree then shows its items
# and not the other's. Browsing writes nothing.
. "$(dirname "$0")/lib.sh"

db="$e2e_tmp/twins/shisaku.db"
cat > "$e2e_tmp/twins.csv" <<'CSV'
shisaku-plan,1
plan,two,広域連携計画,2024,2026,北町・南町,
level,two,1,基本方針
level,two,2,取組
dept,kita/somu,総務課,北町,
dept,minami/somu,総務課,南町,
dept,kita/kikaku,企画課,北町,
node,two,1,,1,連携の推進,,,,,,
node,two,1-1,1,1-1,北町の庁舎管理,,,,,,
node,two,1-2,1,1-2,南町の庁舎管理,,,,,,
node,two,1-3,1,1-3,北町の計画策定,,,,,,
assign,two,1-1,kita/somu,1,,
assign,two,1-2,minami/somu,1,,
assign,two,1-3,kita/kikaku,1,,
CSV
e2e_plan_db "$db" "$e2e_tmp/twins.csv" "a plan of two towns"
e2e_dump "$db" > "$e2e_tmp/before.sql"

e2e_start "$db" 100 30 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list" "広域連携計画"
e2e_keys Enter
e2e_expect "tree" "施策体系" "南町の庁舎管理"
e2e_keys d
e2e_expect "the picker names each 総務課 with its code" "担当課で絞り込み" \
    "総務課（コード kita/somu）" "総務課（コード minami/somu）"
e2e_expect_not "a department alone of its name keeps its name" \
    "企画課（コード"
# The entries: all, then in the departments' order.
e2e_keys j j Enter
e2e_expect "南町's chosen: its item" "南町の庁舎管理"
e2e_expect_not "not 北町's" "北町の庁舎管理"
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_check_sanitizers "no sanitizer report"
e2e_dump "$db" > "$e2e_tmp/after.sql"
e2e_same_file "browsing wrote nothing" "$e2e_tmp/before.sql" \
    "$e2e_tmp/after.sql"
e2e_finish
