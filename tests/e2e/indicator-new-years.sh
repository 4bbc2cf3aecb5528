#!/bin/sh
# A rolling 実施計画 prints no period: a planner adds next years' targets
# to an indicator that has some. On 指標一覧, m on 合計特殊出生率 (targets
# 令和8・9年度, final target 令和12年度) offers five years from the shown
# one with every year that has a target; at 令和11年度 a target for
# 令和14年度 is typed and 令和9年度's is cleared. A save refused for an
# unknown department keeps both; once saved, sqlite3 finds 令和14年度
# added and 令和9年度 removed, and the form opened at 令和9年度 shows
# 令和14年度 still. An item with a period offers its period's years only,
# whatever year is shown. A target for 令和15年度 typed at 令和11年度 and
# kept as a draft by SIGTERM is offered again, and saved, when the form
# opens at 令和9年度. The planner's 自分の担当 follows the years of
# an indicator without a department: none after its final target's year,
# and the bottom line says why.
. "$(dirname "$0")/lib.sh"

dir="$e2e_tmp/new-years"
db="$dir/shisaku.db"
mkdir -p "$dir"
cat > "$dir/plan.csv" <<'EOF2'
shisaku-plan,1
plan,rolling,試験市総合計画 実施計画（ローリング版）,,,試験市,
level,rolling,1,施策
level,rolling,2,事業
dept,試験市/子ども家庭課,子ども家庭課,試験市,
node,rolling,P1,,1-1,子育て支援の充実,,,,,,
node,rolling,J1,P1,No.1,相談支援事業,,2024,2028,,,
assign,rolling,J1,試験市/子ども家庭課,1,,
indicator,rolling,P1-a,P1,合計特殊出生率,成果指標,,増加,,1.32,2022,1.50,2030,,,試験市/子ども家庭課
target,rolling,P1-a,2026,1.38
target,rolling,P1-a,2027,1.41
indicator,rolling,J1-a,J1,面談実施率,成果指標,%,増加,,85%,2023,100%,2028,,,
target,rolling,J1-a,2024,88%
target,rolling,J1-a,2025,90%
indicator,rolling,P1-b,P1,相談件数,活動指標,件,増加,,100件,2022,150件,2026,,,
EOF2
printf '[calendar]\ncurrent_year = 2027\nyear_display = era\n' > "$dir/c.ini"
{ "$e2e_bin" -c "$dir/c.ini" -d "$db" init &&
    "$e2e_bin" -c "$dir/c.ini" -d "$db" import "$dir/plan.csv"; } \
    > "$dir/setup.log" 2>&1 ||
    { fail "a plan without a period" "$(cat "$dir/setup.log")"
    e2e_abandon "no database"; }
q() {
	sqlite3 "$db" "$1"
}
targets() {
	q "SELECT t.fy || '=' || coalesce(t.num, t.txt) FROM indicator_target t
	    JOIN indicator i ON i.id = t.indicator_id WHERE i.key = '$1'
	    ORDER BY t.fy" | tr '\n' ' '
}

# find NAME: the indicator list's cursor on NAME.
find() {
	e2e_keys /
	e2e_type "$1"
	e2e_keys Enter
}

e2e_start "$db" 100 40 -c "$dir/c.ini" || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_wait "計画一覧（令和9年度）"
e2e_keys i
e2e_expect "the indicator list" "指標一覧" "合計特殊出生率" "面談実施率"

# ---- 自分の担当 of the planner: the years of 相談件数 -------------------------
# No department reports 相談件数 (based in 2022, final target in 2026):
# the planners' in 令和8年度, measured in no year after it.
e2e_resize 80 24
e2e_keys M
e2e_expect_line "M in 令和9年度: none, and why, whole at 80 columns" \
    '^自分の担当の指標（令和9年度）: 0 件（この年度に測る指標はありません）$'
e2e_resize 100 40
e2e_expect "M in 令和9年度: none, and why" \
    "自分の担当の指標（令和9年度）: 0 件（この年度に測る指標はありません）"
e2e_keys [
e2e_expect "令和8年度 with M: 相談件数" \
    "令和8年度  1件  並び: 計画の順  自分の担当（企画担当が報告）" "相談件数"
e2e_keys M ]
e2e_expect "M off, back in 令和9年度" "令和9年度  3件"

# ---- 令和9年度: five years from it, with 令和8年度 ---------------------------
find '合計特殊出生率'
e2e_keys m
e2e_expect "the indicator's form" "指標と目標を修正: 合計特殊出生率"
e2e_expect_line "令和8年度's target" '目標 令和8年度 +1\.38 *$'
e2e_expect_line "令和9年度's target" '目標 令和9年度 +1\.41 *$'
e2e_expect "the years from 令和9年度 on" "目標 令和10年度" "目標 令和11年度" \
    "目標 令和12年度" "目標 令和13年度"
e2e_expect_not "no year past five" "目標 令和14年度"
e2e_keys Escape
e2e_wait_gone "指標と目標を修正"

# ---- 令和11年度: type 令和14年度, clear 令和9年度 -----------------------------
e2e_keys ] ]
e2e_wait "令和11年度"
e2e_keys m
e2e_expect "the years from 令和11年度 on, and those with a target" \
    "目標 令和8年度" "目標 令和9年度" "目標 令和11年度" "目標 令和15年度"
e2e_expect_not "令和10年度 has nothing" "目標 令和10年度"
# The targets come last: 令和15年度 at the bottom, 令和14年度 above it.
e2e_keys G Up
e2e_prompt_set '1.48'
e2e_expect_line "令和14年度 typed" '目標 令和14年度 +1\.48 *$'
e2e_keys Up Up Up Up
e2e_prompt_set ''
e2e_expect_line "令和9年度 cleared" '目標 令和9年度 *$'
# 報告する課 is the 12th row: a department no one knows refuses the save.
e2e_keys g
e2e_keys Down Down Down Down Down Down Down Down Down Down Down
e2e_prompt_set '存在しない課'
e2e_keys C-s
e2e_expect "the save is refused" "部署「存在しない課」がありません"
e2e_expect_not "not saved" "指標と目標を保存しました"
[ "$(targets P1-a)" = "2026=1.38 2027=1.41 " ] &&
    pass "db: nothing written" || fail "db: targets after the refusal" "$(targets P1-a)"
e2e_expect_line "令和14年度 still typed" '目標 令和14年度 +1\.48 *$'
e2e_expect_line "令和9年度 still cleared" '目標 令和9年度 *$'
e2e_prompt_set '試験市/子ども家庭課'
e2e_keys C-s
e2e_expect "saved" "指標と目標を保存しました"
[ "$(targets P1-a)" = "2026=1.38 2032=1.48 " ] &&
    pass "db: 令和14年度 added, 令和9年度 removed, 令和8年度 kept" ||
    fail "db: targets after the save" "$(targets P1-a)"
[ "$(q "SELECT fy || ':' || coalesce(old_value, '') || '->' || coalesce(new_value, '')
    FROM history WHERE field = 'target' ORDER BY fy" | tr '\n' ' ')" = \
    "2027:1.41-> 2032:->1.48 " ] &&
    pass "db: both in the history" ||
    fail "db: target history" "$(q "SELECT * FROM history WHERE field = 'target'")"
[ "$(q "SELECT final_num || '|' || final_fy FROM indicator WHERE key = 'P1-a'")" = "1.5|2030" ] &&
    pass "db: the final target kept" ||
    fail "db: the final target" "$(q "SELECT * FROM indicator WHERE key = 'P1-a'")"

# ---- back at 令和9年度: 令和14年度 is there --------------------------------
e2e_keys [ [
e2e_wait "令和9年度"
e2e_keys m
e2e_expect "the form again" "指標と目標を修正: 合計特殊出生率"
e2e_expect_line "令和14年度's target offered" '目標 令和14年度 +1\.48 *$'
e2e_expect_line "令和9年度 offered, empty" '目標 令和9年度 *$'
e2e_keys Escape
e2e_wait_gone "指標と目標を修正"

# ---- an item with a period: its years, whatever the year shown ---------------
e2e_keys ] ]
e2e_wait "令和11年度"
find '面談実施率'
e2e_keys m
e2e_expect "the period's years" "指標と目標を修正: 面談実施率" \
    "目標 令和6年度" "目標 令和10年度"
e2e_expect_line "令和6年度's target" '目標 令和6年度 +88 *$'
e2e_expect_not "none past the period" "目標 令和11年度" "目標 令和15年度"
e2e_keys Escape
e2e_wait_gone "指標と目標を修正"

# ---- a draft typed at 令和11年度, taken back at 令和9年度 ----------------------
find '合計特殊出生率'
e2e_keys m
e2e_expect "the form at 令和11年度" "指標と目標を修正: 合計特殊出生率" \
    "目標 令和15年度"
e2e_keys G
e2e_prompt_set '1.52'
e2e_expect_line "令和15年度 typed" '目標 令和15年度 +1\.52 *$'
e2e_signal TERM
e2e_expect_exit "SIGTERM ends the program" 143
e2e_check_sanitizers "no sanitizer report before SIGTERM"
[ "$(q "SELECT f.value FROM draft_field f JOIN draft d ON d.id = f.draft_id
    WHERE d.kind = 'indicator' AND f.name = 'target:2033'")" = "1.52" ] &&
    pass "db: 令和15年度 in the draft" ||
    fail "db: the draft" "$(q "SELECT * FROM draft_field")"
e2e_start "$db" 100 40 -c "$dir/c.ini" || { fail "start again"; e2e_abandon "tmux did not start"; }
e2e_wait "計画一覧（令和9年度）"
e2e_keys i
e2e_wait "指標一覧"
find '合計特殊出生率'
e2e_keys m
e2e_expect "the draft is offered" "保存されていない入力（下書き）があります"
e2e_keys m
e2e_expect "m brings the draft back" "下書きを入力欄に戻しました"
e2e_expect_line "令和15年度 offered at 令和9年度 with the draft's target" \
    '目標 令和15年度 +1\.52 *$'
e2e_keys C-s
e2e_expect "saved from the draft" "指標と目標を保存しました"
[ "$(targets P1-a)" = "2026=1.38 2032=1.48 2033=1.52 " ] &&
    pass "db: 令和15年度 added from the draft" ||
    fail "db: targets after the draft" "$(targets P1-a)"
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_check_sanitizers "no sanitizer report"
e2e_finish
