#!/bin/sh
# A plan of one level, 2,500 items at its top level, at 80x24: the top
# level is read a part at a time (1,000) as a policy's children are.
# Opened, its first items; paging down across the end of each part, the
# items on screen always follow one another; G, the last item; paging up
# from the end across the parts read from there; a change of year keeps
# the cursor's item and the order; a search for an item in a part not
# read yet finds it, read where it stands, and the items on either side
# of it are read as the cursor comes near; under a status filter every
# item is read. Browsing writes nothing.
. "$(dirname "$0")/lib.sh"

db="$e2e_tmp/top/shisaku.db"
awk 'BEGIN {
	print "shisaku-plan,1"
	print "plan,flat,一層の計画,2023,2025,県,"
	print "level,flat,1,実施項目"
	for (i = 1; i <= 2500; i++)
		printf "node,flat,x%d,,%d,取組%d,,,,,,\n", i, i, i
}' > "$e2e_tmp/top.csv"
e2e_plan_db "$db" "$e2e_tmp/top.csv" "a plan of 2,500 items at its top level"
e2e_dump "$db" > "$e2e_tmp/before.sql"

# The items N on screen follow one another.
rows='s/^ *\([0-9][0-9]*\) 取組\([0-9][0-9]*\).*/\1 \2/p'
in_order() { e2e_in_order "$1" "$rows"; }
steps() { e2e_steps "$1" "$2" "$3" "$rows"; }

# open_tree NAME: the program started again on the plans list, the
# tree of the plan opened: the first part of its top level read only.
open_tree() {
	e2e_start "$db" 80 24 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
	e2e_expect "$1: plans list" "一層の計画"
	e2e_keys Enter
	e2e_expect "$1: tree" "施策体系（令和5年度）"
	e2e_expect_line "$1: its first item" '^ +1 取組1 '
	in_order "$1: the first items"
}

# Down a page at a time across the end of the first two parts.
open_tree "down"
steps "down: paging" NPage 7
e2e_keys G
e2e_expect_line "down: G, the last item" '^ +2500 取組2500 '
e2e_expect "down: the last item under the cursor" "[実施項目] 2500 取組2500"
in_order "down: the last items"

# Up: G first (the last part read from the end), then a page at a time
# across the edges of the parts read from the end; the year changed on
# the way keeps the item under the cursor and the order.
open_tree "up"
e2e_keys G
e2e_expect_line "up: G, the last item" '^ +2500 取組2500 '
steps "up: paging" PPage 4
cursor=$(e2e_screen | sed -n 's/^ \[実施項目\] \([0-9][0-9]*\) 取組.*/\1/p')
e2e_keys '['
e2e_expect "up: the year before" "施策体系（令和4年度）"
e2e_expect "up: the same item under the cursor" "[実施項目] $cursor 取組$cursor"
in_order "up: the year before"
steps "up: paging on" PPage 4
e2e_keys g
e2e_expect_line "up: g, the first item" '^ +1 取組1 '

# A search for an item in a part not read yet finds it.
open_tree "search"
e2e_keys /
e2e_wait_prompt
e2e_type '取組1777'
e2e_keys Enter
e2e_expect_line "search: 1777 found" '^ +1777 取組1777 '
in_order "search: around it"
e2e_keys G
e2e_expect_line "search: G, the last item" '^ +2500 取組2500 '

# Found far from both ends: 1201 is read with the part after it, the
# items between the first part and it, and those after that part, are
# read as the cursor comes near them, from either side: paging up from
# it and down from 2190 the items follow one another; no row of items
# not read is shown; G and g reach the ends.
open_tree "far"
e2e_keys /
e2e_wait_prompt
e2e_type '取組1201'
e2e_keys Enter
e2e_expect_line "far: 1201 found" '^ +1201 取組1201 '
in_order "far: around it"
steps "far: paging up across the items before it" PPage 1
e2e_keys /
e2e_wait_prompt
e2e_type '取組2190'
e2e_keys Enter
e2e_expect_line "far: 2190 found" '^ +2190 取組2190 '
steps "far: paging down across the items after its part" NPage 1
case $(e2e_screen) in
*…*) fail "far: a row of items not read is shown" "$(e2e_screen)" ;;
*) pass "far: no row of items not read" ;;
esac
e2e_keys G
e2e_expect_line "far: G, the last item" '^ +2500 取組2500 '
e2e_keys g
e2e_expect_line "far: g, the first item" '^ +1 取組1 '
in_order "far: the first items"

# A status filter: the rest of the top level is read, every item shown
# (none has a result); G, the last; cleared, the tree as before it.
open_tree "status"
e2e_keys s
e2e_expect "status: its menu" "状況で絞り込み"
e2e_keys j Enter
e2e_expect "status: 未入力, every item" "条件に合う取組: 令和5年度 は 2500 件"
in_order "status: the first items"
e2e_keys G
e2e_expect_line "status: G, the last item" '^ +2500 取組2500 '
in_order "status: the last items"
e2e_keys c
e2e_expect "status: cleared" "絞り込みを解除しました"
e2e_expect_line "status: the last item still there" '^ +2500 取組2500 '
in_order "status: cleared, the last items"

e2e_quit_browsing "$db"
e2e_finish
