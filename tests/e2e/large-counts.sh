#!/bin/sh
# Counts of five digits at 80x24: a plan of 10,000 action items under one
# basic policy, every one entered in 令和5年度 (6,000 submitted, 4,000
# confirmed) and with an indicator. The plans list, the tree, the
# roadmap and the indicator list show the counts apart (never
# "1000010000"), and a line of figures too long for the screen ends with
# the last figure that fits whole, never a number cut short. The tree
# opens with its one policy closed (its 10,000 children are too many to
# read for the first screen), says so, and Enter opens it. 自分の仕事
# counts the 6,000 waiting in its title and heading but reads the oldest
# 100 first, says the rest follow, and reads them (up to 1,000) as the
# cursor pages down near the hundredth, or before a search.
. "$(dirname "$0")/lib.sh"

db="$e2e_tmp/wide/shisaku.db"
awk 'BEGIN {
	print "shisaku-plan,1"
	print "plan,wide,広域計画,2021,2025,県,"
	print "level,wide,1,基本方針"
	print "level,wide,2,取組"
	print "node,wide,1,,1,ただ一つの方針,,,,,,"
	for (i = 1; i <= 10000; i++) {
		printf "node,wide,x%d,1,1-%d,取組その%d,,,,,,\n", i, i, i
		printf "indicator,wide,k%d,x%d,指標その%d,,件,増加,,10件,2020,20件,2025,,\n",
		    i, i, i
		printf "result,wide,x%d,2023,実施中,B,%s,実績,,,u,2024-04-01T10:00:00,%s\n",
		    i, i <= 6000 ? "提出済" : "確認済",
		    i <= 6000 ? "," : "k,2024-05-01T10:00:00"
	}
}' > "$e2e_tmp/wide.csv"
e2e_plan_db "$db" "$e2e_tmp/wide.csv" "a plan of 10,000 items"
[ "$(sqlite3 "$db" "SELECT count(*) FROM result WHERE fy = 2023 AND state = 'confirmed'")" = 4000 ] &&
    pass "db: 10,000 results, 4,000 confirmed" || fail "db: 10,000 results, 4,000 confirmed"

e2e_start "$db" 80 24 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list" "計画一覧（令和5年度）" "広域計画"
e2e_expect_line "plans list: items, entered, submitted, confirmed, behind apart" \
    ' 10000 +10000 +6000 +4000 +0 +100%'
e2e_expect_line "plans list: the figures in full" \
    '入力状況  未入力 0  下書き 0  提出済 6000  確認済 4000  差戻し 0'
e2e_expect_line "a line too long ends with a whole figure" \
    '^ 評価  A 0  B 10000  .* [^ ]+ [0-9]+ …$'
e2e_expect_not "no count cut short at the edge" "データなし 1"

e2e_keys Enter
e2e_expect "tree" "施策体系（令和5年度）" "ただ一つの方針"
e2e_expect_line "tree: the policy's counts apart" \
    'ただ一つの方針 +10000 +10000 +6000 +4000 +0$'
e2e_expect "tree: the policy's line under the list" "取組: 10000 件  入力 10000  提出 6000  確認 4000"
e2e_expect_line "tree: the policy shown closed" '^ \+ 1 ただ一つの方針 '
e2e_expect "tree: why it is closed, and how to open it" \
    "取組が多いため、最上位の階層を閉じて表示しています（Enter で開きます）"
e2e_expect_not "tree: no item read for the first screen" "取組その1 "
e2e_keys Enter
e2e_expect_line "tree: Enter opens the policy" '^ - 1 ただ一つの方針 '
e2e_expect "tree: its first items under it" "1-1 取組その1 " "1-2 取組その2 "

e2e_keys r
e2e_expect "roadmap: the count of items" "> ロードマップ" "10000件"
e2e_keys q i
e2e_expect "indicator list: the count" "> 指標一覧" "10000件"

e2e_keys W
e2e_expect "自分の仕事: every entry waiting counted" \
    "自分の仕事 > 確認待ち 6000 件・遅れ 0 件" "確認待ち（提出済）  6000 件"
e2e_expect "自分の仕事: the oldest 100 read first, the rest below" \
    "提出の古い順（古い 100 件、続きは下へ）"
e2e_expect_line "自分の仕事: the oldest first" ' 1-1 +取組その1$'
e2e_keys NPage NPage NPage NPage NPage
e2e_expect "自分の仕事: paging near the hundredth reads the rest" \
    "取組その100" "取組その101"
e2e_keys g
e2e_expect "自分の仕事: the oldest 1,000 listed now" \
    "提出の古い順（古い 1000 件を表示）"
e2e_keys Q
e2e_expect_exit "quits" 0

# A search reads the rest of the oldest 1,000 first: the 500th is found
# at once; one waiting past the 1,000th is not listed, and the message
# says where to confirm it.
e2e_start "$db" 80 24 || { fail "start again in tmux"; e2e_abandon "tmux did not start"; }
e2e_wait "計画一覧（令和5年度）"
e2e_keys W
e2e_expect "自分の仕事 again: the oldest 100" "提出の古い順（古い 100 件、続きは下へ）"
e2e_keys /
e2e_type '取組その500'
e2e_keys Enter
e2e_expect_line "a search reads the rest first: the 500th found, under the cursor" \
    '^ +取組: 1-500 取組その500$'
e2e_keys /
e2e_type '取組その5999'
e2e_keys Enter
e2e_expect_line "one past the 1,000th: not listed, and where to confirm it" \
    '^見つかりません: 取組その5999（表示は古い 1000 件まで。施策体系の E で確認）$'
e2e_keys Q
e2e_expect_exit "quits again" 0
e2e_finish
