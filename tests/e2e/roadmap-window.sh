#!/bin/sh
# The roadmap holds only the rows on screen: at 80x24 結城市's 39 items
# and their headings take several windows. A planner marks a submitted
# cell near the top, goes down several windows (pages, G, a search) and
# marks another there, comes back with g and finds the first still marked
# (marks are kept by item and year, not by row), confirms both with C-t;
# a filter by status keeps the headings of what it shows; leaving and
# coming back, and the year both ways, keep the cursor's item.
. "$(dirname "$0")/lib.sh"

db=$(e2e_new_db roadmap-window) || { fail "sample database"; e2e_abandon "no sample database"; }
q() {
	sqlite3 "$db" "$1"
}
node() {
	q "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id
	    WHERE p.code = 'yuki-ap' AND n.code = '$1'"
}
n2=$(node No.2) n35=$(node No.35)
[ -n "$n2" ] && [ -n "$n35" ] && pass "No.2 and No.35 in the sample" ||
    { fail "No.2 and No.35 in the sample"; e2e_abandon "no such items"; }

# Two results of 令和5年度 waiting for confirmation, far apart.
cat > "$e2e_tmp/results.csv" <<'CSV'
shisaku-plan,1
result,yuki-ap,2,2023,実施中,B,提出済,二の実績。,,,tanaka,2024-04-10T09:00:00,,
result,yuki-ap,35,2023,完了,A,提出済,三十五の実績。,,,tanaka,2024-04-10T09:00:00,,
CSV
"$e2e_bin" -c "$e2e_config" -d "$db" import "$e2e_tmp/results.csv" \
    > "$e2e_tmp/import.log" 2>&1 && pass "two results submitted" ||
    fail "two results submitted" "$(cat "$e2e_tmp/import.log")"

e2e_start "$db" 80 24 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list" "計画一覧（令和5年度）"
e2e_keys /
e2e_type '結城'
e2e_keys Enter r
e2e_expect "the roadmap of 結城市" "結城市行政改革大綱アクションプラン > ロードマップ" \
    "39件"
e2e_expect_line "No.2 waits for confirmation (+)" '^ No\.2 環境美化.*\|\+'
e2e_expect_not "No.35 is windows away" "No.35 "

# Mark No.2's cell, then far down No.35's.
e2e_keys j
e2e_wait "-- No.2 環境美化パートナーシップ事業 / 令和5年度"
e2e_keys Space
e2e_expect "No.2 marked" "印: 1 件"
e2e_keys C-f C-f
e2e_expect_not "paged away from No.2" " No.2 環境美化"
e2e_keys /
e2e_type 'No.35'
e2e_keys Enter
e2e_expect "search goes to No.35" "-- No.35 "
e2e_expect_line "No.35 waits (+)" '^ No\.35 .*\|\+'
e2e_keys Space
e2e_expect "two marked across windows" "印: 2 件"
e2e_expect_line "No.35's cell is marked (*)" '^ No\.35 .*\|\*'
e2e_keys G
e2e_expect "G: the last item" "No.39 "
e2e_keys g
e2e_expect "g: back at the top" "基本方針 Ⅰ"
e2e_expect_line "No.2 still marked after the windows in between" \
    '^ No\.2 環境美化.*\|\*'
e2e_keys C-t
e2e_expect "C-t: the menu for both" "確認する（2 件）"
e2e_keys Enter
e2e_expect "one question for both" "2 件を確認済みにしますか"
e2e_keys y
e2e_expect "both confirmed" "2 件を確認しました"
got=$(q "SELECT group_concat(state, ' ') FROM (SELECT state FROM result
    WHERE fy = 2023 AND node_id IN ($n2, $n35) ORDER BY node_id)")
[ "$got" = "confirmed confirmed" ] && pass "db: both confirmed" ||
    fail "db: both confirmed" "$got"

# A status filter: the items it lets through under their headings.
e2e_keys s
e2e_expect "the status chooser" "の状況で絞り込み"
e2e_keys j j j Enter
e2e_expect "filtered by 完了" "状況=完了"
e2e_expect_line "No.35 shows" '^ No\.35 .*\|'
e2e_expect_line "under the heading of its group" '^  推進項目 '
e2e_expect_not "No.2 (実施中) is hidden" " No.2 環境美化"
e2e_keys c
e2e_expect "filter cleared" "絞り込みを解除しました"

# The year both ways keeps the cursor's item.
e2e_keys /
e2e_type 'No.30'
e2e_keys Enter
e2e_expect "search to No.30" "-- No.30 "
e2e_keys ']'
e2e_expect "] keeps No.30" "-- No.30 " "令和6年度"
e2e_keys '['
e2e_expect "[ keeps No.30" "-- No.30 " "令和5年度"
e2e_keys q
e2e_expect "back to the plans" "計画一覧（令和5年度）"
e2e_keys /
e2e_type '結城'
e2e_keys Enter r
e2e_expect "the roadmap again, from the first item" \
    "-- No.1 市民参画"
e2e_keys Q
e2e_expect_exit "quits cleanly" 0
e2e_check_sanitizers "no sanitizer reports"
e2e_finish
