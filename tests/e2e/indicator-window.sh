#!/bin/sh
# The indicator list of a plan longer than the screen at 80x24: 300
# indicators read a window at a time in plan order. The count, paging
# both ways, G and g, the cursor moved off the window, a sort and back,
# a search, and changes written by another program: seen on coming back
# from the indicator's screen, with the cursor on the same indicator, and
# at once while the list is on top.
. "$(dirname "$0")/lib.sh"

db="$e2e_tmp/long/shisaku.db"
awk 'BEGIN {
	print "shisaku-plan,1"
	print "plan,long,長い計画,2021,2025,県,"
	print "level,long,1,基本方針"
	print "level,long,2,取組"
	print "node,long,1,,1,ただ一つの方針,,,,,,"
	for (i = 1; i <= 300; i++) {
		printf "node,long,x%d,1,1-%d,取組その%d,,,,,,\n", i, i, i
		printf "indicator,long,k%d,x%d,指標その%03d,,件,増加,,0件,2020,2000件,2025,,\n",
		    i, i, i
		# Actuals falling with i: the lowest rates are the last rows.
		printf "actual,long,k%d,2023,%d件,\n", i, 2000 - 5 * i
	}
}' > "$e2e_tmp/long.csv"
e2e_plan_db "$db" "$e2e_tmp/long.csv" "a plan of 300 indicators"
e2e_dump "$db" > "$e2e_tmp/before.sql"

e2e_start "$db" 80 24 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list" "計画一覧（令和5年度）" "長い計画"
e2e_keys Enter
e2e_expect "tree" "施策体系（令和5年度）"
e2e_keys i
e2e_expect "the list: every indicator counted, in plan order" "> 指標一覧" \
    "300件  並び: 計画の順" "指標その001" "指標その002"
e2e_expect_not "only a screen of rows" "指標その100"
e2e_expect "the detail of the first row" "指標その001（1-1 取組その1）"

# Down a row at a time past the screen, then pages both ways.
e2e_keys j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j
e2e_expect "40 rows down, past the rows read first" "指標その041（1-41 取組その41）"
e2e_expect_line "the row under the cursor shown" '^ +1-41 +指標その041 '
e2e_keys NPage NPage NPage NPage NPage NPage NPage NPage NPage NPage
e2e_expect_not "paged down: the first rows gone" "指標その041 "
e2e_keys PPage PPage PPage PPage PPage PPage PPage PPage PPage PPage
e2e_expect "paged back up to the same row" "指標その041（1-41 取組その41）"
e2e_expect_line "and its row" '^ +1-41 +指標その041 '

# The end read backwards, then up from it; g back to the start.
e2e_keys G
e2e_expect "G: the last indicator" "指標その300（1-300 取組その300）"
e2e_expect_line "its row at the bottom of the list" '^ +1-300 +指標その300 '
e2e_expect_not "none of the first" "指標その001"
e2e_keys k k k k k k k k k k k k k k k k k k k k
e2e_expect "20 rows up from the end" "指標その280（1-280 取組その280）"
e2e_keys k k k k k k k k k k k k k k k k k k k k
e2e_expect "40 rows up, past the rows read from the end" \
    "指標その260（1-260 取組その260）"
e2e_expect_line "the row under the cursor shown" '^ +1-260 +指標その260 '
e2e_keys g
e2e_expect "g: the first again" "指標その001（1-1 取組その1）"
e2e_expect_line "its row at the top" '^ +1-1 +指標その001 '

# A sort reads every row; back in plan order, the cursor stays.
e2e_keys j j j
e2e_expect "on the fourth" "指標その004（1-4 取組その4）"
e2e_keys o
e2e_expect "sorted by achievement: the lowest first" "並び: 達成率の低い順" \
    "300件" "指標その004（1-4 取組その4）"
e2e_keys g
e2e_expect "the lowest rate is the last indicator" "指標その300（1-300 取組その300）"
e2e_keys o o o
e2e_expect "plan order again" "並び: 計画の順"
e2e_expect "the cursor on the same indicator" "指標その300（1-300 取組その300）"
e2e_expect_line "shown at its place" '^ +1-300 +指標その300 '
e2e_keys g

# A search goes through every row, from the cursor.
e2e_keys /
e2e_type '指標その250'
e2e_keys Enter
e2e_expect "/ finds a row far below" "指標その250（1-250 取組その250）"
e2e_expect_line "and shows it" '^ +1-250 +指標その250 '
e2e_expect "still counted" "300件"
e2e_keys q
e2e_expect "tree again" "施策体系（令和5年度）"

# A change written meanwhile: seen on coming back, the cursor kept.
e2e_keys i
e2e_expect "the list again" "300件  並び: 計画の順"
e2e_keys NPage NPage j
e2e_wait_line "some row under the cursor" '^ 指標その[0-9]{3}（' > /dev/null
cur=$(e2e_screen | sed -n 's/^ \(指標その[0-9]*\)（.*/\1/p' | head -n 1)
e2e_keys Enter
e2e_expect "the indicator's screen" "$cur"
sqlite3 "$db" "UPDATE indicator SET name = '改名した指標' WHERE name = '$cur'" ||
    fail "db: rename $cur"
sqlite3 "$db" "DELETE FROM indicator WHERE key = 'k1'" || fail "db: delete k1"
e2e_keys q
e2e_expect "back: the new name under the cursor, one fewer" "改名した指標（" \
    "299件"
e2e_expect_line "its row" '^ +1-[0-9]+ +改名した指標 '

# A change written while the list is on top shows at once, in its place.
e2e_keys g
e2e_expect "the first row now" "指標その002（1-2 取組その2）"
sqlite3 "$db" "DELETE FROM indicator WHERE key IN ('k2', 'k3')" ||
    fail "db: delete k2 and k3"
e2e_expect "the rows deleted gone at once, the count too" "297件" \
    "指標その004（1-4 取組その4）"
e2e_expect_line "the first row" '^ +1-4 +指標その004 '
e2e_keys G
e2e_expect "G: the last row still" "指標その300（1-300 取組その300）"
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_finish
