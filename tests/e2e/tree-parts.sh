#!/bin/sh
# A policy of 2,500 items at 80x24: its children are read a part at a
# time (1,000) as the screen comes near those not read, from the side it
# comes from. Opened, its first items; G, its last items above the next
# policy; paging up from the end and down from the start across every
# part's edge, the items on screen always follow one another; a search
# for an item in the middle finds it; the next policy is where it was;
# a last policy of more than a part, opened, G goes to its last item;
# under a status filter every item is read. Browsing writes nothing.
. "$(dirname "$0")/lib.sh"

db="$e2e_tmp/parts/shisaku.db"
awk 'BEGIN {
	print "shisaku-plan,1"
	print "plan,parts,大きな方針の計画,2023,2025,県,"
	print "level,parts,1,基本方針"
	print "level,parts,2,取組"
	print "node,parts,p1,,1,大きな方針,,,,,,"
	for (i = 1; i <= 2500; i++)
		printf "node,parts,x%d,p1,1-%d,取組%d,,,,,,\n", i, i, i
	print "node,parts,p2,,2,次の方針,,,,,,"
	print "node,parts,y1,p2,2-1,次の取組,,,,,,"
	print "node,parts,p3,,3,最後の方針,,,,,,"
	for (i = 1; i <= 1500; i++)
		printf "node,parts,z%d,p3,3-%d,取組%d,,,,,,\n", i, i, i
}' > "$e2e_tmp/parts.csv"
e2e_plan_db "$db" "$e2e_tmp/parts.csv" "a policy of 2,500 items"
e2e_dump "$db" > "$e2e_tmp/before.sql"

# The items 1-N or 3-N on screen follow one another.
rows='s/^ *[13]-\([0-9][0-9]*\) 取組\([0-9][0-9]*\).*/\1 \2/p'
in_order() { e2e_in_order "$1" "$rows"; }
steps() { e2e_steps "$1" "$2" "$3" "$rows"; }
press() { e2e_press "$1" "$2"; }

# open NAME: the program started again on the plans list, the tree of
# the plan and its first policy opened: the first part read only.
open_policy() {
	e2e_start "$db" 80 24 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
	e2e_expect "$1: plans list" "大きな方針の計画"
	e2e_keys Enter
	e2e_expect "$1: tree" "施策体系（令和5年度）" "大きな方針"
	e2e_keys Enter
	e2e_expect_line "$1: opened, its first item" '^ +1-1 取組1 '
	in_order "$1: the first items"
}

# Down: a row at a time across the end of the first part, then a page
# at a time across the end of the next one, to the end.
open_policy "down"
press NPage 70
e2e_wait ""
steps "down: moving a row at a time" j 6
steps "down: paging" NPage 8
e2e_keys G
e2e_expect_line "down: G, the last item above the next policy" '^ +1-2500 取組2500 '
e2e_expect_line "down: and the next policy" '2 次の方針'
in_order "down: the last items"

# Up: G first (the last part read from the end), then a page at a time
# across the edges of the parts read from the end, to the first item.
open_policy "up"
e2e_keys G
e2e_expect_line "up: G, the last item above the next policy" '^ +1-2500 取組2500 '
e2e_expect_line "up: and the next policy" '2 次の方針'
in_order "up: the last items"
steps "up: paging" PPage 10
e2e_expect_line "up: the first item reached" '^ +1-1 取組1 '

# A search for an item in a part not read yet finds it.
open_policy "search"
e2e_keys /
e2e_wait_prompt
e2e_type '取組1777'
e2e_keys Enter
e2e_expect_line "search: 1-1777 found" '^ +1-1777 取組1777 '
in_order "search: around it"
e2e_keys G
e2e_expect_line "search: G, the last item" '^ +1-2500 取組2500 '
in_order "search: the last items"

# The last policy, itself of more than a part, opened: G goes to its
# last item (the part read from the end), and up a row at a time from
# there, then across the gap.
e2e_keys G
e2e_expect_line "last: G, the last policy" '^ [-+] 3 最後の方針'
e2e_keys Enter j
e2e_expect_line "last: opened, its first item" '^ +3-1 取組1 '
e2e_keys G
e2e_expect_line "last: G, its last item" '^ +3-1500 取組1500 '
in_order "last: its last items"
steps "last: moving up a row at a time" k 3
steps "last: paging up" PPage 5
press k 125
n=0
while [ $n -lt 40 ] && ! e2e_screen | grep -q '^ \[取組\] 3-1 取組1'; do
	e2e_keys k
	e2e_wait ""
	n=$((n + 1))
done
e2e_expect "last: its first item reached a row at a time" "[取組] 3-1 取組1"
e2e_expect_line "last: its row" '^ +3-1 取組1 '
e2e_keys k
e2e_expect_line "last: above it, its policy" '^ - 3 最後の方針'
e2e_expect "last: the policy under the cursor" "[基本方針] 3 最後の方針"

# A status filter on the policy read in part: the rest of its items is
# read, every one shown (none has a result), the last one found.
open_policy "status"
e2e_keys s
e2e_expect "status: its menu" "状況で絞り込み"
e2e_keys j Enter
e2e_expect "status: 未入力, every item" "条件に合う取組: 令和5年度 は 4001 件"
in_order "status: the first items"
e2e_keys G
e2e_expect_line "status: G, the last policy (closed: more than a screen)" '^ \+ 3 最後の方針'
e2e_keys /
e2e_wait_prompt
e2e_type '取組2500'
e2e_keys Enter
e2e_expect_line "status: the policy's last item found" '^ +1-2500 取組2500 '
in_order "status: around it"

e2e_quit_browsing "$db"
e2e_finish
