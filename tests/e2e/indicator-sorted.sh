#!/bin/sh
# The indicator list sorted and filtered a window at a time at 80x24: a
# plan of 300 indicators whose year (令和5年度) is opened, so that the
# file keeps each indicator's achievement of it. By achievement rising
# and falling (ties in plan order, the indicators without a rate last
# either way), by name, and filtered by a category, alone and sorted:
# every screen of rows is a stretch of the order worked out here from the
# plan's own figures, g and G give its ends, paging keeps to it, the
# cursor follows its indicator from one order to the next. An actual written by another
# program shows in the order at once.
. "$(dirname "$0")/lib.sh"

db="$e2e_tmp/sorted/shisaku.db"
mkdir -p "$e2e_tmp/sorted"
# Indicator i: named 甲 (odd) or 乙 (even), category 奇 or 偶 likewise;
# baseline 0 (2020), final target 2000 (2025), no target of 2023, so
# its rate in 2023 is actual / 20 %: the actual falls by 10 every second
# indicator (pairs tie), and every tenth has none (no rate).
awk 'BEGIN {
	print "shisaku-plan,1"
	print "plan,long,長い計画,2021,2025,県,"
	print "level,long,1,基本方針"
	print "level,long,2,取組"
	print "node,long,1,,1,ただ一つの方針,,,,,,"
	for (i = 1; i <= 300; i++) {
		printf "node,long,x%d,1,1-%d,取組その%d,,,,,,\n", i, i, i
		printf "indicator,long,k%d,x%d,%s指標その%03d,%s,件,増加,,0件,2020,2000件,2025,,\n",
		    i, i, i % 2 ? "甲" : "乙", i, i % 2 ? "奇" : "偶"
		if (i % 10 != 0)
			printf "actual,long,k%d,2023,%d件,\n", i,
			    2000 - 10 * int((i + 1) / 2)
	}
}' > "$e2e_tmp/sorted.csv"
# The orders, worked out from those figures: name, rated (0) or not,
# rate key, plan position.
awk 'BEGIN {
	for (i = 1; i <= 300; i++)
		printf "%s指標その%03d %d %d %d\n", i % 2 ? "甲" : "乙", i,
		    i % 10 == 0, i % 10 == 0 ? 0 : 2000 - 10 * int((i + 1) / 2), i
}' > "$e2e_tmp/rows"
LC_ALL=C sort -k2,2n -k3,3n -k4,4n "$e2e_tmp/rows" | cut -d' ' -f1 > "$e2e_tmp/up"
LC_ALL=C sort -k2,2n -k3,3nr -k4,4n "$e2e_tmp/rows" | cut -d' ' -f1 > "$e2e_tmp/down"
LC_ALL=C sort -k1,1 "$e2e_tmp/rows" | cut -d' ' -f1 > "$e2e_tmp/name"
grep '^甲' "$e2e_tmp/rows" | cut -d' ' -f1 > "$e2e_tmp/odd"
grep '^甲' "$e2e_tmp/up" > "$e2e_tmp/odd_up"

e2e_plan_db_with "$db" "$e2e_tmp/sorted.csv" "$e2e_config" R5 \
    "a plan of 300 indicators, 令和5年度 open"
[ "$(sqlite3 "$db" "SELECT count(*) FROM indicator_fig WHERE fy = 2023")" = 300 ] &&
    pass "the year's 300 rates kept" ||
    fail "the year's rates kept" "$(sqlite3 "$db" "SELECT count(*) FROM indicator_fig")"

# The names of the rows shown, top to bottom.
shown() {
	e2e_screen | sed -n 's/^ *1-[0-9]* *\([甲乙]指標その[0-9]*\) .*/\1/p'
}
# in_order NAME FILE: the rows shown are a stretch of FILE's order,
# beginning at line FIRST when FIRST is given.
in_order() {
	e2e_wait "" || { fail "$1 (screen never settled)"; return 1; }
	shown > "$e2e_tmp/shown"
	if [ ! -s "$e2e_tmp/shown" ]; then
		fail "$1 (no rows)" "$(e2e_screen)"
		return 1
	fi
	if awk -v first="${3:-0}" 'NR == FNR { at[$1] = FNR; next }
	    !($1 in at) { exit 1 }
	    FNR == 1 { if (first && at[$1] != first) exit 1; n = at[$1]; next }
	    at[$1] != ++n { exit 1 }' "$2" "$e2e_tmp/shown"; then
		pass "$1"
	else
		fail "$1" "$(e2e_screen)"
		return 1
	fi
}

e2e_start "$db" 80 24 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list" "計画一覧（令和5年度）" "長い計画"
e2e_keys Enter
e2e_expect "tree" "施策体系（令和5年度）"
e2e_keys i
e2e_expect "the list in plan order" "300件  並び: 計画の順" "甲指標その001"
e2e_keys j j j
e2e_expect "on the fourth" "乙指標その004（1-4 取組その4）"

# Rising: the cursor stays on its indicator, wherever it now is.
e2e_keys o
e2e_expect "sorted by achievement, lowest first" "並び: 達成率の低い順" "300件" \
    "乙指標その004（1-4 取組その4）"
in_order "the rows around it in rising order" "$e2e_tmp/up"
e2e_keys g
e2e_expect "g: the lowest rate" "甲指標その299（1-299 取組その299）"
in_order "the first screen in rising order, ties in plan order" "$e2e_tmp/up" 1
e2e_keys NPage NPage NPage
in_order "three pages down, still the order" "$e2e_tmp/up"
e2e_keys G
e2e_expect "G: the last of those without a rate" "乙指標その300（1-300 取組その300）"
in_order "the last screen: those without a rate, in plan order" "$e2e_tmp/up"
e2e_expect_line "the one before it has none either" '^ +1-290 +乙指標その290 '
e2e_keys PPage PPage k k k
in_order "paged and moved up from the end" "$e2e_tmp/up"

# Falling.
e2e_keys o g
e2e_expect "sorted by achievement, highest first" "並び: 達成率の高い順" \
    "甲指標その001（1-1 取組その1）"
in_order "the first screen in falling order" "$e2e_tmp/down" 1
e2e_keys NPage NPage
in_order "two pages down" "$e2e_tmp/down"
e2e_keys G
e2e_expect "G: the last without a rate" "乙指標その300（1-300 取組その300）"
in_order "the last screen in falling order" "$e2e_tmp/down"

# By name, the cursor on the same indicator.
e2e_keys o
e2e_expect "by name" "並び: 指標名の順" "乙指標その300（1-300 取組その300）"
in_order "the rows around it by name" "$e2e_tmp/name"
e2e_keys g
in_order "the first screen by name" "$e2e_tmp/name" 1

# A category in plan order.
e2e_keys o
e2e_expect "plan order again" "並び: 計画の順"
e2e_keys g f
e2e_expect "the category menu" "区分で絞り込み" "奇"
e2e_keys j
e2e_wait "" >/dev/null
e2e_keys Enter
e2e_expect "filtered: 奇 only, counted" "150件" "区分=奇"
in_order "the odd indicators in plan order" "$e2e_tmp/odd" 1
e2e_keys G
e2e_expect "G: the last odd one" "甲指標その299（1-299 取組その299）"
in_order "the last screen of them" "$e2e_tmp/odd"
# Sorted while filtered: the category's rows in rising order.
e2e_keys o g
e2e_expect "the category sorted by achievement" "150件" "並び: 達成率の低い順" \
    "甲指標その299（1-299 取組その299）"
in_order "the odd ones in rising order" "$e2e_tmp/odd_up" 1
e2e_keys NPage NPage
in_order "two pages down" "$e2e_tmp/odd_up"
e2e_keys o o o
e2e_expect "plan order again, still filtered" "150件  並び: 計画の順"
e2e_keys c
e2e_expect "filter cleared" "300件  並び: 計画の順"

# Written by another program while the list is on top: the rate of
# indicator 5 falls to the lowest, and the list shows it first.
e2e_keys o g
e2e_expect "rising again" "並び: 達成率の低い順" "甲指標その299（1-299 取組その299）"
sqlite3 "$db" "UPDATE indicator_actual SET num = 1, txt = '1件' WHERE fy = 2023
    AND indicator_id = (SELECT id FROM indicator WHERE key = 'k5')" ||
    fail "db: the actual of k5"
e2e_keys j k
e2e_expect_line "its row first" '^ +1-5 +甲指標その005 '
e2e_expect_line "the lowest before it second" '^ +1-299 +甲指標その299 '
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_finish
