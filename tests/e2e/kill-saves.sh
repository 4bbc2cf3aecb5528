#!/bin/sh
# Form saves killed. Again and again the planner opens the results form
# of 結城市 No.1 (令和3年度), adds a line to 取組実績, presses C-s and the
# program is killed with SIGKILL a random moment later, often in the
# middle of the save. After each kill the database passes integrity_check
# and foreign_key_check, and the entry is wholly the one before or wholly
# the new one: its text, its version and its history agree, never half of
# a save. And a planner's form of the node the same way. E2E_KILL_RUNS
# (default 8) kills of each.
. "$(dirname "$0")/lib.sh"

e2e_timeout=${E2E_TIMEOUT:-20}
runs=${E2E_KILL_RUNS:-8}
db=$(e2e_new_db kill-saves) || { fail "sample database"; e2e_abandon "no sample database"; }
cat > "$e2e_config" <<'EOF'
[calendar]
current_year = 2021
year_display = era
EOF
q() { sqlite3 -cmd ".timeout 5000" "$db" "$1"; }
node=$(q "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'yuki-ap' AND n.code = 'No.1'")
[ -n "$node" ] || { fail "No.1 in the sample"; e2e_abandon "no No.1 in the sample"; }
rand() { echo $(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % $1 )); }
# program_pid: the program's process (the child of the pane's shell).
program_pid() {
	shell=$(tmux -L "$e2e_sock" display-message -p -t main '#{pane_pid}')
	ps -o pid= --ppid "$shell" | tr -d ' ' | head -n 1
}
# save_and_kill: C-s, and SIGKILL 0-14 ms later (the process looked up
# first, so that the delay is the only wait).
save_and_kill() {
	e2e_live || return 0
	pid=$(program_pid)
	e2e_keys C-s
	sleep "$(printf '0.%03d' "$(rand 15)")"
	[ -n "$pid" ] && kill -KILL "$pid"
}

# to_no1: from the plans list to No.1 on the tree of 結城市.
to_no1() {
	e2e_wait "計画一覧" || return 1
	e2e_keys /
	e2e_type '結城'
	e2e_keys Enter Enter
	e2e_wait "施策体系（令和3年度）" || return 1
	e2e_keys /
	e2e_type "No.1 "
	e2e_keys Enter
	e2e_wait "No.1 "
}

# state: the entry as saved (text, version) and its history rows.
state() {
	q "SELECT coalesce((SELECT text || '|' || ver FROM result WHERE node_id = $node
	    AND fy = 2021), '(none)|0') || '|' || (SELECT count(*) FROM history
	    WHERE node_id = $node AND fy = 2021)"
}
# whole: integrity_check and foreign_key_check say nothing wrong.
whole() {
	[ "$(q "PRAGMA integrity_check")" = ok ] && [ -z "$(q "PRAGMA foreign_key_check")" ]
}

# ---- the results form ------------------------------------------------------
text=""
committed=0 cut=0
k=1
while [ "$k" -le "$runs" ]; do
	was=$(state)
	e2e_start "$db" 100 30
	to_no1
	e2e_keys E
	e2e_wait "実績入力（令和3年度）" || fail "run $k: the form opens" "$(e2e_screen)"
	# Past any draft view a previous kill could not have left.
	e2e_keys C-e
	e2e_type "・実行$k"
	e2e_wait "・実行$k"
	save_and_kill
	e2e_expect_exit "run $k: SIGKILL ends it (137)" 137
	now=$(state)
	new_text="$text・実行$k"
	if ! whole; then
		fail "run $k: the database is whole after the kill" "$(q "PRAGMA integrity_check")"
	elif [ "$now" = "$was" ]; then
		pass "run $k: the entry as it was before the save"
		cut=$((cut + 1))
	else
		# The new one: the text in full, the version and the history
		# moved on together.
		t=${now%%|*}
		rest=${now#*|}
		ver=${rest%%|*}
		hist=${rest#*|}
		wt=${was%%|*}
		wrest=${was#*|}
		wver=${wrest%%|*}
		whist=${wrest#*|}
		if [ "$t" = "$new_text" ] && [ "$ver" -gt "$wver" ] && [ "$hist" -gt "$whist" ]; then
			pass "run $k: the whole new entry, its version and its history"
			committed=$((committed + 1))
			text=$new_text
		else
			fail "run $k: old or whole new" "was $was, now $now (want text $new_text)"
		fi
	fi
	e2e_check_sanitizers "run $k: no sanitizer report"
	k=$((k + 1))
done
echo "results form: $committed saves committed before the kill, $cut cut off"

# ---- the planner's form of the node ---------------------------------------------
title() { q "SELECT title || '|' || ver FROM node WHERE id = $node"; }
ntitle=$(q "SELECT title FROM node WHERE id = $node")
k=1
while [ "$k" -le "$runs" ]; do
	was=$(title)
	e2e_start "$db" 100 30
	to_no1
	e2e_keys m
	e2e_wait "取組内容を修正: No.1" || fail "run $k: the node's form opens" "$(e2e_screen)"
	e2e_keys Down Enter
	e2e_wait_prompt || fail "run $k: the prompt of 名称" "$(e2e_screen)"
	e2e_keys C-u
	e2e_type "名称その$k"
	e2e_keys Enter
	e2e_wait "名称その$k"
	save_and_kill
	e2e_expect_exit "node run $k: SIGKILL ends it (137)" 137
	now=$(title)
	if ! whole; then
		fail "node run $k: the database is whole after the kill" "$(q "PRAGMA integrity_check")"
	elif [ "$now" = "$was" ]; then
		pass "node run $k: the node as it was"
	elif [ "${now%%|*}" = "名称その$k" ] && [ "${now#*|}" -gt "${was#*|}" ] &&
	    [ "$(q "SELECT count(*) FROM history WHERE node_id = $node AND field = 'title'
	        AND new_value = '名称その$k'")" = 1 ]; then
		pass "node run $k: the whole new node, its version and its history"
	else
		fail "node run $k: old or whole new" "was $was, now $now"
	fi
	k=$((k + 1))
done
[ "$(q "PRAGMA integrity_check")" = ok ] && pass "db: integrity_check ok at the end" ||
    fail "db: integrity_check ok at the end"
"$e2e_bin" -c "$e2e_config" -d "$db" check > "$e2e_tmp/check.out" 2>&1 &&
    pass "shisaku check finds nothing" || fail "shisaku check finds nothing" "$(cat "$e2e_tmp/check.out")"
e2e_finish
