#!/bin/sh
# A filter by status on a plan of 1,200 action items under six headings
# of 200: the first heading's items are all submitted in 令和5年度, the
# other 1,000 are not entered (the last heading's are confirmed in
# 令和6年度). Filtering by 未入力 hides the first heading,
# counts 1,000 items, and opens the headings with matches in order for a
# few screens of them (two headings), leaving the rest closed with their
# counts; a closed one opens on Enter; clearing the filter shows the tree
# as it was, the first heading again. Then the year changes both ways,
# and every row shown, at the top and at the end of the list, is of the
# year shown. Nothing is written.
. "$(dirname "$0")/lib.sh"

db="$e2e_tmp/stf/shisaku.db"
awk 'BEGIN {
	print "shisaku-plan,1"
	print "plan,st,状況計画,2021,2025,県,"
	print "level,st,1,基本方針"
	print "level,st,2,推進項目"
	print "level,st,3,取組"
	print "node,st,B,,1,ただ一つの方針,,,,,,"
	for (h = 1; h <= 6; h++)
		printf "node,st,P%d,B,1-%d,推進項目その%d,,,,,,\n", h, h, h
	for (i = 1; i <= 1200; i++) {
		printf "node,st,x%d,P%d,%d,取組その%d,,,,,,\n",
		    i, int((i - 1) / 200) + 1, i, i
		if (i <= 200)
			printf "result,st,x%d,2023,実施中,B,提出済,実績,,,u,2024-04-01T10:00:00,,\n", i
		if (i > 1000)
			printf "result,st,x%d,2024,完了,A,確認済,実績,,,u,2025-04-01T10:00:00,k,2025-05-01T10:00:00\n", i
	}
}' > "$e2e_tmp/stf.csv"
e2e_plan_db "$db" "$e2e_tmp/stf.csv" "a plan of 1,200 items"
q() {
	sqlite3 "$db" "$1"
}
missing=$(q "SELECT COUNT(*) FROM node n WHERE n.depth = 3 AND NOT EXISTS
    (SELECT 1 FROM result r WHERE r.node_id = n.id AND r.fy = 2023)")
[ "$missing" = 1000 ] && pass "db: 1,000 items not entered in 2023" ||
    fail "db: 1,000 items not entered in 2023" "$missing"
before=$(q "SELECT COUNT(*) || ',' || SUM(state = 'submitted') FROM result")

e2e_start "$db" 100 30 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list" "計画一覧（令和5年度）" "状況計画"
e2e_keys Enter
e2e_expect "tree" "施策体系（令和5年度）" "推進項目その6"
e2e_expect_line "the first heading: 200 items, all submitted" \
    '推進項目その1 +200 +200 +200 +0 +0$'

e2e_keys s
e2e_expect "status chooser" "状況で絞り込み"
e2e_keys j Enter
e2e_expect "filtered by 未入力, counted" "絞り込み: 状況=未入力" \
    "条件に合う取組: 令和5年度 は 1000 件"
e2e_expect_not "the submitted heading is hidden" "推進項目その1 "
e2e_expect_line "the policy counts the matches" \
    'ただ一つの方針 +1000 +0 +0 +0 +1000$'
e2e_expect_line "the second heading is open" '推進項目その2 +200 +0 +0 +0 +200$'
e2e_expect "its first item is shown" "取組その201"
e2e_keys G
e2e_expect "the end: the third heading's items, opened too" "取組その600"
e2e_expect_line "the fourth heading, closed, with its count" \
    '推進項目その4 +200 +0 +0 +0 +200$'
e2e_expect_line "the last heading, closed, with its count" \
    '推進項目その6 +200 +0 +0 +0 +200$'
e2e_expect_not "nothing of the closed headings read open" "取組その601"
e2e_keys Enter
e2e_expect "the last heading opens on Enter" "- 1-6 推進項目その6"
e2e_keys j
e2e_expect "its first item is below it" "取組その1001"

e2e_keys c
e2e_expect "cleared" "絞り込みを解除しました"
e2e_keys g
e2e_expect_line "the first heading again, as before" \
    '推進項目その1 +200 +200 +200 +0 +0$'
e2e_expect_not "the headings the filter opened are closed again" "取組その201"

# Another year reads the rows as they are drawn: the first heading
# opened (the last is still open: the cursor was in it when the filter
# was cleared), then 令和6年度, the end of the list, and back.
e2e_keys j Enter
e2e_expect "the first heading open" "取組その1 "
e2e_keys ']'
e2e_expect "令和6年度" "施策体系（令和6年度）"
e2e_expect_line "the first heading in 令和6年度: nothing entered" \
    '推進項目その1 +200 +0 +0 +0 +200$'
e2e_expect_line "its first item: not entered" '取組その1 +未入力 遅れ$'
e2e_keys G
e2e_expect_line "the last item (its heading left open by the cursor), read when shown" \
    '取組その1200 +確認済$'
e2e_keys '['
e2e_expect "令和5年度 again" "施策体系（令和5年度）"
e2e_expect_line "the last item in 令和5年度: not entered, behind" \
    '取組その1200 +未入力 遅れ$'
e2e_keys g
e2e_expect_line "the first heading in 令和5年度: all submitted" \
    '推進項目その1 +200 +200 +200 +0 +0$'
e2e_expect_line "its first item: submitted" '取組その1 +提出済$'

e2e_keys Q
e2e_expect_exit "quits cleanly" 0
[ "$(q "SELECT COUNT(*) || ',' || SUM(state = 'submitted') FROM result")" = "$before" ] &&
    pass "db: the filter wrote nothing" || fail "db: the filter wrote nothing"
e2e_check_sanitizers "no sanitizer reports"
e2e_finish
