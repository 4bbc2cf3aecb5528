#!/bin/sh
# The plans list, the tree and the roadmap follow another program's
# writes without a key (SQLite's data_version, looked at while the
# program waits for one), each where the user stands: a supervisor
# watching 結城市's plan sees No.19 submitted, then confirmed, then done,
# as the clerks' and reviewers' terminals write them; the tree keeps its
# cursor, its open nodes and its status filter; the roadmap recounts its
# filter and drops a mark on a result confirmed meanwhile.
. "$(dirname "$0")/lib.sh"

db=$(e2e_new_db follow) || { fail "sample database"; e2e_abandon "no sample database"; }
q() { sqlite3 "$db" "$1"; }
node() {
	q "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id
	    WHERE p.code = 'yuki-ap' AND n.key = '$1'"
}
no19=$(node 19)
no18=$(node 18)

e2e_start "$db" 110 30 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect_line "plans list: nothing entered for 結城市" \
    '^ yuki-ap .* 39 +0 +0 +0 +39 +0%'

# Submitted elsewhere: the list's figures move by themselves.
q "INSERT INTO result (node_id, fy, status, state, text, entered_by,
    entered_at, submitted_at) VALUES ($no19, 2023, 'in_progress',
    'submitted', '一斉催告を実施した。', 'tanaka', '2024-04-10T09:00:00',
    '2024-04-10T09:00:00')"
[ "$(q "SELECT state FROM result WHERE node_id = $no19 AND fy = 2023")" = \
    submitted ] && pass "db: another program submits No.19" ||
    fail "db: another program submits No.19"
e2e_expect_line "the plans list shows it without a key" \
    '^ yuki-ap .* 39 +1 +1 +0 +38 +'

# The tree on No.19: confirmed elsewhere, its row and its heading follow.
e2e_keys /
e2e_type '結城'
e2e_keys Enter Enter
e2e_wait "施策体系（令和5年度）"
e2e_keys /
e2e_type 'No.19 '
e2e_keys Enter
e2e_expect_line "the tree: No.19 submitted" \
    '^ +No\.19 市税等の収納率の向上 +収納課 +提出済'
q "UPDATE result SET state = 'confirmed', confirmed_by = 'suzuki',
    confirmed_at = '2024-05-01T10:00:00' WHERE node_id = $no19 AND fy = 2023"
e2e_expect_line "confirmed elsewhere: the row follows without a key" \
    '^ +No\.19 市税等の収納率の向上 +収納課 +確認済'
e2e_expect_line "and the counts of its heading" \
    '^ +- 幅広い手法による財源の確保 +4 +1 +0 +1 +3'
e2e_expect "the cursor still on No.19" "[取組内容] No.19 市税等の収納率の向上" \
    "令和5年度: 確認済"

# Under a status filter, an item submitted elsewhere appears.
e2e_keys s
e2e_wait "状況で絞り込み"
e2e_keys j j j j Enter
e2e_expect "filtered on 確認済" "No.19 市税等の収納率の向上"
e2e_expect_not "No.18 is not confirmed" "No.18 みなす課税の実施"
q "INSERT INTO result (node_id, fy, status, state, text, entered_by,
    entered_at, submitted_at, confirmed_by, confirmed_at) VALUES ($no18,
    2023, 'done', 'confirmed', '実施した。', 'tanaka', '2024-04-10T09:00:00',
    '2024-04-10T09:00:00', 'suzuki', '2024-05-01T10:00:00')"
e2e_expect "confirmed elsewhere, No.18 shows under the filter" \
    "No.18 みなす課税の実施" "No.19 市税等の収納率の向上"
e2e_expect "the filter still named" "絞り込み: 状況=確認済"
e2e_keys c
e2e_wait_gone "絞り込み: "

# The roadmap on No.19.
e2e_keys r
e2e_wait "ロードマップ"
e2e_keys /
e2e_type 'No.19'
e2e_keys Enter
e2e_expect "the roadmap on No.19 in 令和5年度" \
    "-- No.19 市税等の収納率の向上 / 令和5年度" "状況: 実施中（確認済）"
e2e_expect_line "its cell: 実施中" \
    '^ No\.19 市税等の収納率の向上 +\|[^|]*\|[^|]*\|実 '
# Filtered on 実施中, a status changed elsewhere leaves the filter.
e2e_keys s
e2e_wait "の状況で絞り込み"
e2e_keys j j Enter
e2e_expect "filtered on 実施中: No.19" "絞り込み: 状況=実施中 （1/39件）" \
    "No.19 市税等の収納率の向上"
q "UPDATE result SET status = 'done' WHERE node_id = $no19 AND fy = 2023"
e2e_expect "done elsewhere: the filter counts again without a key" \
    "絞り込み: 状況=実施中 （0/39件）" "条件に合う項目がありません"
e2e_keys c
e2e_wait_gone "絞り込み: "
e2e_keys /
e2e_type 'No.19'
e2e_keys Enter
e2e_expect "cleared: No.19 done" \
    "-- No.19 市税等の収納率の向上 / 令和5年度" "状況: 完了（確認済）"
e2e_expect_line "and its cell in the grid" \
    '^ No\.19 市税等の収納率の向上 +\|[^|]*\|[^|]*\|完 '
# A reviewer's mark on a result confirmed elsewhere goes, saying so.
no17=$(node 17)
q "INSERT INTO result (node_id, fy, status, state, text, entered_by,
    entered_at, submitted_at) VALUES ($no17, 2023, 'in_progress',
    'submitted', 'PRを行った。', 'tanaka', '2024-04-10T09:00:00',
    '2024-04-10T09:00:00')"
e2e_keys /
e2e_type 'No.17'
e2e_keys Enter
e2e_expect_line "No.17 submitted elsewhere waits in its cell" \
    '^ No\.17 企業版ふるさと納税事業 .*\|[^|]*\|[^|]*\|\+実 '
e2e_keys Space
e2e_expect "the reviewer marks it" "印: 1 件（C-t でまとめて確認・差戻し）" "印 1 件"
q "UPDATE result SET state = 'confirmed', confirmed_by = 'suzuki',
    confirmed_at = '2024-05-01T10:00:00' WHERE node_id = $no17 AND fy = 2023"
e2e_expect "confirmed elsewhere: the mark goes, said on the bottom line" \
    "確認待ちでなくなった 1 件の印を外しました（印 0 件）"
e2e_expect_not "no mark counted any more" "印 1 件"
e2e_expect_line "the cell shows it confirmed, unmarked" \
    '^ No\.17 企業版ふるさと納税事業 .*\|[^|]*\|[^|]*\|実 '
[ "$(q "SELECT status || ':' || state FROM result
    WHERE node_id = $no19 AND fy = 2023")" = done:confirmed ] &&
    pass "db: No.19 done and confirmed" || fail "db: No.19 done and confirmed"
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_finish
