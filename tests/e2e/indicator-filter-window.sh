#!/bin/sh
# The indicator list filtered by department, of a plan longer than the
# screen at 80x24: 300 items shared by two departments, an indicator on
# each and one on the policy above them. The filter's rows are read a
# window at a time in plan order: its count, G and rows up from the end,
# g, the cursor kept on its indicator across a change of year, another
# program giving the department one more item (seen at once), each sort
# (a window of the filter's rows in the list's order) and back, the
# filter taken off, and a sort that cannot be read taken back.
# The count shown is the one sqlite3 reads.
. "$(dirname "$0")/lib.sh"

db="$e2e_tmp/shared/shisaku.db"
awk 'BEGIN {
	print "shisaku-plan,1"
	print "plan,fw,分担の計画,2021,2025,県,"
	print "level,fw,1,基本方針"
	print "level,fw,2,取組"
	print "dept,県/総務課,総務課,県,"
	print "dept,県/財政課,財政課,県,"
	print "node,fw,1,,1,ただ一つの方針,,,,,,"
	print "indicator,fw,top,1,方針の指標,,件,増加,,0件,2020,10件,2025,,"
	for (i = 1; i <= 300; i++) {
		printf "node,fw,x%d,1,1-%d,取組その%d,,,,,,\n", i, i, i
		printf "assign,fw,x%d,県/%s,1,,\n", i, i % 2 ? "総務課" : "財政課"
		printf "indicator,fw,k%d,x%d,指標その%03d,,件,増加,,0件,2020,2000件,2025,,\n",
		    i, i, i
		printf "actual,fw,k%d,2023,%d件,\n", i, 2000 - 5 * i
	}
}' > "$e2e_tmp/shared.csv"
e2e_plan_db "$db" "$e2e_tmp/shared.csv" "a plan of 300 items in two departments"

# What 総務課's filter names, read by sqlite3: the indicators of its items
# and of the policy above them.
somu_count() {
	sqlite3 "$db" "SELECT count(*) FROM indicator i WHERE i.key = 'top'
	    OR i.node_id IN (SELECT nd.node_id FROM node_dept nd
	    JOIN department d ON d.id = nd.dept_id WHERE d.name = '総務課')"
}

e2e_start "$db" 80 24 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list" "計画一覧（令和5年度）" "分担の計画"
e2e_keys Enter
e2e_expect "tree" "施策体系（令和5年度）"
e2e_keys i
e2e_expect "every indicator" "301件  並び: 計画の順"

n=$(somu_count)
[ "$n" = 151 ] && pass "sqlite3: 総務課's filter names 151" ||
    fail "sqlite3: 総務課's filter names 151" "got $n"
e2e_keys d
e2e_expect "the department chooser" "担当課で絞り込み"
e2e_keys /
e2e_type '総務課'
e2e_keys Enter Enter
e2e_expect "filtered: the policy's indicator and 総務課's items" \
    "${n}件  並び: 計画の順  担当課=総務課" "方針の指標（1 ただ一つの方針）"
e2e_expect_line "its first item's row" '^ +1-1 +指標その001 '
e2e_expect_line "then the next of its items" '^ +1-3 +指標その003 '
e2e_expect_not "財政課's items left out" "指標その002"

e2e_keys G
e2e_expect "G: its last item" "指標その299（1-299 取組その299）"
e2e_expect_line "at the bottom of the list" '^ +1-299 +指標その299 '
e2e_expect_not "the plan's last row is 財政課's" "指標その300"
e2e_keys k k k k k k k k k k k k k k k k k k k k
e2e_expect "20 of its rows up from the end" "指標その259（1-259 取組その259）"
e2e_keys k k k k k k k k k k k k k k k k k k k k
e2e_expect "40 rows up, past the rows read from the end" \
    "指標その219（1-219 取組その219）"
e2e_keys g
e2e_expect "g: the policy's indicator first" "方針の指標（1 ただ一つの方針）"
# The cursor keeps its indicator when the year changes: the filter's
# fourth row (not the plan's).
e2e_keys j j j
e2e_expect "the filter's fourth row" "指標その005（1-5 取組その5）"
e2e_keys ']'
e2e_expect "another year, the cursor on the same indicator" \
    "令和6年度  151件" "指標その005（1-5 取組その5）"
e2e_keys '['
e2e_expect "back, still on it" "令和5年度  151件" "指標その005（1-5 取組その5）"
e2e_keys g

# Another program gives 総務課 item 2 as well: the list reads its rows
# again at once.
sqlite3 "$db" "INSERT INTO node_dept (node_id, dept_id, is_main, ord)
    SELECT n.id, d.id, 0, 2 FROM node n, department d
    WHERE n.key = 'x2' AND d.name = '総務課'" || fail "db: assign x2"
n=$(somu_count)
[ "$n" = 152 ] && pass "sqlite3: 総務課's filter names 152" ||
    fail "sqlite3: 総務課's filter names 152" "got $n"
e2e_expect "the item given shows at once" "${n}件  並び: 計画の順"
e2e_expect_line "in its place" '^ +1-2 +指標その002 '

# Sorted, in a year whose rates the file keeps, the filter's rows are
# still read a window at a time, in the order of the whole list.
kept=$(sqlite3 "$db" "SELECT count(*) FROM indicator_fig_year WHERE fy = 2023")
[ "$kept" = 1 ] && pass "sqlite3: the rates of 2023 are kept" ||
    fail "sqlite3: the rates of 2023 are kept" "got $kept"
e2e_keys g
e2e_expect "the policy's indicator under the cursor" \
    "方針の指標（1 ただ一つの方針）"
e2e_keys o
e2e_expect "sorted: every row of the filter" \
    "${n}件  並び: 達成率の低い順  担当課=総務課"
e2e_expect "the cursor on the same indicator, now last (no achievement)" \
    "方針の指標（1 ただ一つの方針）"
e2e_expect_line "the highest achievement above it" '^ +1-1 +指標その001 '
e2e_keys g
e2e_expect "g: the lowest achievement first" "指標その299（1-299 取組その299）"
e2e_expect_line "at the top" '^ +1-299 +指標その299 '
e2e_expect_line "then the next of the filter's" '^ +1-297 +指標その297 '
e2e_expect_not "財政課's items left out, sorted" "指標その298"
e2e_keys o
e2e_expect "the highest first" "${n}件  並び: 達成率の高い順  担当課=総務課" \
    "指標その299（1-299 取組その299）"
e2e_expect_line "the cursor's indicator, now last but one" '^ +1-299 +指標その299 '
e2e_keys g
e2e_expect_line "g: the highest first" '^ +1-1 +指標その001 '
e2e_expect_line "item 2, given to 総務課, next" '^ +1-2 +指標その002 '
e2e_keys o
e2e_expect "by name" "${n}件  並び: 指標名の順  担当課=総務課"
e2e_keys G
e2e_expect "by name: the policy's indicator last" \
    "方針の指標（1 ただ一つの方針）"
e2e_expect_line "the last item's above it" '^ +1-299 +指標その299 '
e2e_keys o
e2e_expect "plan order again" "${n}件  並び: 計画の順  担当課=総務課"
e2e_keys G
e2e_expect "G again" "指標その299（1-299 取組その299）"

e2e_keys c
e2e_expect "the filter off: every indicator" "301件  並び: 計画の順"
e2e_expect_not "no department named" "担当課="

# A sort whose rows cannot be read (another program renames the kept
# rates' table) is taken back: the error, the plan's order named, and
# the rows read afterwards (G, past those held) in that order still.
sqlite3 "$db" "ALTER TABLE indicator_fig RENAME TO indicator_fig_away" ||
    fail "db: rename indicator_fig"
e2e_keys o
e2e_expect "the sort's read error is shown" "no such table: indicator_fig"
e2e_expect "the plan's order still named" "301件  並び: 計画の順"
sqlite3 "$db" "ALTER TABLE indicator_fig_away RENAME TO indicator_fig" ||
    fail "db: rename indicator_fig back"
e2e_keys G
e2e_expect "G: the plan's last indicator" "指標その300（1-300 取組その300）"
e2e_expect_line "at the bottom of the list" '^ +1-300 +指標その300 '
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_finish
