#!/bin/sh
# The tree's first screen opens the first nodes of the top level while
# their children come to at most 1,000, and shows the others closed with
# a message saying so; Enter opens one. A plan of three basic policies
# of 600, 600 and 5 action items: the first is open, the second (600
# more would make 1,200) and the third (after it) are closed, and
# nothing below them is read for the first screen.
. "$(dirname "$0")/lib.sh"

db="$e2e_tmp/three/shisaku.db"
awk 'BEGIN {
	print "shisaku-plan,1"
	print "plan,three,三方針計画,2021,2025,県,"
	print "level,three,1,基本方針"
	print "level,three,2,取組"
	split("600 600 5", n, " ")
	for (p = 1; p <= 3; p++) {
		printf "node,three,p%d,,%d,方針その%d,,,,,,\n", p, p, p
		for (i = 1; i <= n[p]; i++)
			printf "node,three,p%d-%d,p%d,%d-%d,取組%d-%d,,,,,,\n",
			    p, i, p, p, i, p, i
	}
}' > "$e2e_tmp/three.csv"
e2e_plan_db "$db" "$e2e_tmp/three.csv" "a plan of three policies"
[ "$(sqlite3 "$db" "SELECT count(*) FROM node WHERE depth = 2")" = 1205 ] &&
    pass "db: 1,205 items under 3 policies" || fail "db: 1,205 items under 3 policies"

e2e_start "$db" 100 30 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list" "計画一覧" "三方針計画"
e2e_keys Enter
e2e_expect "tree" "施策体系" "方針その1"
e2e_expect_line "the first policy open" '^ - 1 方針その1 '
e2e_expect "its items under it" "1-1 取組1-1 " "1-2 取組1-2 "
e2e_expect "why the others are closed, and how to open them" \
    "取組が多いため、最上位の階層は先頭の 1 件だけを開いて表示しています（Enter で開きます）"
# G: the last rows are the other two policies, closed.
e2e_keys G
e2e_expect_line "the second policy closed" '^ \+ 2 方針その2 '
e2e_expect_line "the third policy closed" '^ \+ 3 方針その3 '
e2e_expect_not "nothing of the third read" "取組3-1 "
e2e_keys Enter
e2e_expect_line "Enter opens the third" '^ - 3 方針その3 '
e2e_keys G
e2e_expect "its items under it" "3-1 取組3-1 " "3-5 取組3-5 "
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_finish
