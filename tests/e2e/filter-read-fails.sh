#!/bin/sh
# A filter whose rows cannot be read is not applied: the error is shown,
# and the rows shown and the filter named stay those of before, so that
# the screen never names a filter it did not read for. Here another
# program renames a table the filter's read needs while the screen is
# open (as a broken file or a newer program's file would fail a read);
# once it is back, the same filter works. The tree's flag filter, the
# clearing of the tree's department filter, the rows of a department
# filter first shown after it was read, and the indicator list's
# department filter. (A node's departments, flags and texts are read
# when it is drawn: a table of those that cannot be read fails the
# drawing, not the clearing.)
. "$(dirname "$0")/lib.sh"

db=$(e2e_new_db filter-fails) || e2e_abandon "no database"

q() {
	sqlite3 "$db" "$1"
}

rename() {
	q "ALTER TABLE $1 RENAME TO $2" &&
	    pass "another program renames $1" ||
	    fail "another program renames $1"
}

e2e_start "$db" 100 30 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list" "計画一覧（令和5年度）"
e2e_keys G Enter
e2e_expect_line "結城市's tree, no filter" \
    'Ⅰ 市民と行政がともに支えあう体制づくり +11 +0 +0 +0 +11'

# The tree by flag, node_flag gone: the error, no filter, the same tree.
rename node_flag node_flag_away
e2e_keys f
e2e_expect "flag chooser" "区分で絞り込み"
e2e_keys /
e2e_type '重点'
e2e_keys Enter Enter
e2e_expect "the read's error is shown" "no such table: node_flag"
e2e_expect_not "no filter named" "絞り込み: 区分="
e2e_expect_line "the tree as it was" \
    'Ⅰ 市民と行政がともに支えあう体制づくり +11 +0 +0 +0 +11'
rename node_flag_away node_flag
e2e_keys f
e2e_expect "flag chooser again" "区分で絞り込み"
e2e_keys /
e2e_type '重点'
e2e_keys Enter Enter
e2e_expect "the filter read once the table is back" "絞り込み: 区分=重点事業" \
    "条件に合う取組"
e2e_keys c
e2e_expect "cleared" "絞り込みを解除しました"

# A department filter whose clearing cannot read the tree (the headings'
# kept figures, which the top level's counts come from): the filter
# stays named over the rows it read; once the table is back, c clears.
e2e_keys d
e2e_expect "department chooser" "担当課で絞り込み"
e2e_keys /
e2e_type '企画政策課'
e2e_keys Enter Enter
e2e_expect "department filter" "絞り込み: 担当課=企画政策課"
rename node_fig node_fig_away
e2e_keys c
e2e_expect "the clearing's error is shown" "no such table: node_fig"
e2e_expect "the filter still named" "絞り込み: 担当課=企画政策課"
rename node_fig_away node_fig
e2e_keys c
e2e_expect "cleared once the table is back" "絞り込みを解除しました"
e2e_expect_not "no filter named after the clearing" "絞り込み: 担当課="
e2e_expect_line "the whole tree again" \
    'Ⅰ 市民と行政がともに支えあう体制づくり +11 +0 +0 +0 +11'

# A node of a filter is read whole when it is first shown: the rows
# first shown while the flags cannot be read are drawn without their
# texts, under the error, and read once the table is back.
last=$(q "SELECT n.title FROM node n JOIN node_dept nd ON nd.node_id = n.id
    JOIN department d ON d.id = nd.dept_id JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'yuki-ap' AND d.name = '総務課' ORDER BY n.ord DESC
    LIMIT 1")
e2e_keys d
e2e_expect "department chooser for 総務課" "担当課で絞り込み"
e2e_keys /
e2e_type '総務課'
e2e_keys Enter Enter
e2e_expect "the filter by 総務課" "絞り込み: 担当課=総務課"
e2e_expect_not "its last item ($last) not shown yet" "$last"
rename node_flag node_flag_away
e2e_keys G
e2e_expect "the reading's error is shown" "no such table: node_flag"
e2e_expect_not "the last item drawn without its texts" "$last"
rename node_flag_away node_flag
e2e_keys k
e2e_expect "the last item read once the table is back" "$last"
e2e_keys c
e2e_expect "cleared again" "絞り込みを解除しました"

# The indicator list by department, its rows' values unreadable.
e2e_keys i
e2e_expect "indicator list" "指標一覧" "30件  並び: 計画の順"
rename indicator_actual indicator_actual_away
e2e_keys d
e2e_expect "the list's department chooser" "担当課で絞り込み"
e2e_keys /
e2e_type 'まちづくり協働課'
e2e_keys Enter Enter
e2e_expect "the list's read error is shown" "no such table: indicator_actual"
e2e_expect "the list as it was, no department named" "30件  並び: 計画の順"
e2e_expect_not "no department named on the list" "担当課=まちづくり協働課"
e2e_expect "the rows as they were" "ふれあい出前講座の実施回数"
rename indicator_actual_away indicator_actual
e2e_keys d
e2e_expect "the list's chooser again" "担当課で絞り込み"
e2e_keys /
e2e_type 'まちづくり協働課'
e2e_keys Enter Enter
n=$(q "SELECT count(*) FROM indicator i JOIN plan p ON p.id = i.plan_id
    WHERE p.code = 'yuki-ap' AND (i.dept_id = (SELECT id FROM department
    WHERE name = 'まちづくり協働課') OR i.node_id IN (SELECT nd.node_id
    FROM node_dept nd JOIN department d ON d.id = nd.dept_id
    WHERE d.name = 'まちづくり協働課'))")
e2e_expect "the list's filter read once the table is back ($n by sqlite3)" \
    "${n}件  並び: 計画の順  担当課=まちづくり協働課"

e2e_keys Q
e2e_expect_exit "quits cleanly" 0
e2e_check_sanitizers "no sanitizer reports"
e2e_finish
