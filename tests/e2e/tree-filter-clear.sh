#!/bin/sh
# Clearing a filter of the tree shows the tree as it was before the
# filter, as it was read when nothing has been written since; when
# something has (here another user's program, writing to the file while
# the filter is shown), the tree is read again and its counts are those
# of the file now. Twice: with the year's figures kept, as the import
# keeps those of the current year (the other program's write moves
# them), and with none kept for it, as in a file whose figures were
# never kept (counted when shown: the counted figures must follow the
# write too).
. "$(dirname "$0")/lib.sh"

scenario() {
	how=$1
	e2e_start "$db" 100 30 || { fail "start in tmux ($how)"; e2e_abandon "tmux did not start"; }
	e2e_expect "plans list ($how)" "計画一覧（令和5年度）"
	e2e_keys G Enter
	e2e_expect_line "結城市's tree: Ⅰ counts 11 items, none entered ($how)" \
	    'Ⅰ 市民と行政がともに支えあう体制づくり +11 +0 +0 +0 +11'

	# A filter and its clearing with nothing written: the tree as it was.
	e2e_keys f
	e2e_expect "flag chooser ($how)" "区分で絞り込み"
	e2e_keys /
	e2e_type '重点'
	e2e_keys Enter Enter
	e2e_expect "flag filter ($how)" "絞り込み: 区分=重点事業"
	e2e_keys c
	e2e_expect "cleared ($how)" "絞り込みを解除しました"
	e2e_expect_line "Ⅰ as before ($how)" \
	    'Ⅰ 市民と行政がともに支えあう体制づくり +11 +0 +0 +0 +11'

	# The same filter; meanwhile a result of No.1 (under Ⅰ) is submitted by
	# another program.
	e2e_keys f
	e2e_expect "flag chooser again ($how)" "区分で絞り込み"
	e2e_keys /
	e2e_type '重点'
	e2e_keys Enter Enter
	e2e_expect "flag filter again ($how)" "絞り込み: 区分=重点事業"
	q "INSERT INTO result (node_id, fy, status, state, text)
	    SELECT n.id, 2023, 'in_progress', 'submitted', '外から'
	    FROM node n JOIN plan p ON p.id = n.plan_id
	    WHERE p.code = 'yuki-ap' AND n.code = 'No.1'" &&
	    pass "a result written by another program ($how)" ||
	    fail "a result written by another program ($how)"
	e2e_keys c
	e2e_expect "cleared again ($how)" "絞り込みを解除しました"
	e2e_expect_line "Ⅰ counts the new result: 1 entered, 1 submitted, 10 behind ($how)" \
	    'Ⅰ 市民と行政がともに支えあう体制づくり +11 +1 +1 +0 +10'

	e2e_keys Q
	e2e_expect_exit "quits cleanly ($how)" 0
	e2e_check_sanitizers "no sanitizer reports ($how)"
}

q() {
	sqlite3 "$db" "$1"
}

db=$(e2e_new_db tree-filter-clear-kept) || { fail "sample database"; e2e_abandon "no sample database"; }
[ "$(q "SELECT COUNT(*) FROM plan_fig f JOIN plan p ON p.id = f.plan_id
    WHERE f.fy = 2023 AND p.code = 'yuki-ap' AND f.items_valid = 1")" = 1 ] &&
    pass "令和5年度's figures are kept by the import" ||
    fail "令和5年度's figures are kept by the import"
scenario "kept"
e2e_stop

db=$(e2e_new_db tree-filter-clear) || { fail "sample database"; e2e_abandon "no sample database"; }
q "DELETE FROM plan_fig WHERE fy = 2023"
[ "$(q "SELECT COUNT(*) FROM plan_fig WHERE fy = 2023")" = 0 ] &&
    pass "令和5年度 is counted when shown, not kept" ||
    fail "令和5年度 is counted when shown, not kept"
scenario "counted"
e2e_finish
