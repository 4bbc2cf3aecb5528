#!/bin/sh
# An indicator whose target is printed with its bound, as plans print a
# 経常収支比率 (90%以下): the target stays as written, and the actual
# typed is measured against its number at 80x24, as the form, the list
# of indicators and the report all say: 91.5% against 90%以下 is
# 90 / 91.5 = 98.4 %, 評価の目安 B. The saved row is read back with
# sqlite3.
. "$(dirname "$0")/lib.sh"

dir="$e2e_tmp/bound"
db="$dir/shisaku.db"
mkdir -p "$dir"
cat > "$dir/plan.csv" <<'CSV'
shisaku-plan,1
plan,zai,試験市行財政改革プラン,2022,2026,試験市,
level,zai,1,基本方針
level,zai,2,取組
dept,試験市/財政課,財政課,試験市,
node,zai,1,,1,健全な財政運営,,,,,,
assign,zai,1,試験市/財政課,1,,
indicator,zai,k1,1,経常収支比率,行政指標,%,以下,,92.1%（R3）,,90%以下,2026,,,
node,zai,1-1,1,1-1,公共施設の適正配置,,,,,,
CSV
printf '[calendar]\ncurrent_year = 2024\nyear_display = era\n' > "$dir/c.ini"
run() {
	"$e2e_bin" -c "$dir/c.ini" -d "$db" "$@"
}
e2e_plan_db_with "$db" "$dir/plan.csv" "$dir/c.ini" R6 \
    "a plan with a bound target, 令和6年度 open"
[ "$(sqlite3 "$db" "SELECT coalesce(final_num, '') || '|' || final_txt
    FROM indicator WHERE key = 'k1'")" = "|90%以下" ] &&
    pass "db: the target kept as written" ||
    fail "db: the target" "$(sqlite3 "$db" "SELECT final_num, final_txt FROM indicator")"

e2e_start "$db" 80 24 -c "$dir/c.ini"
e2e_wait "計画一覧（令和6年度）"
e2e_keys i
e2e_wait "指標一覧"
e2e_keys Enter
e2e_wait "経常収支比率"
e2e_keys Enter
e2e_expect "the form shows the target as printed" \
    "実績値の入力（令和6年度） > 経常収支比率" "最終目標   90%以下"
e2e_expect_line "its year beside it, 最終目標 said once" '^最終目標 +90%以下（令和8年度） *$'
e2e_type '91.5%'
e2e_expect_line "the rate is measured against its number" \
    '^達成率 +98\.4% +評価の目安: B'
e2e_keys C-s
e2e_wait "保存しました"
[ "$(e2e_actual "$db" k1 2024)" = "91.5|draft" ] &&
    pass "db: 91.5 saved as a draft" ||
    fail "db: the actual" "$(sqlite3 "$db" "SELECT * FROM indicator_actual")"
e2e_keys Escape
e2e_wait "指標"
e2e_keys Escape
e2e_expect "the list of indicators rates it the same" "指標一覧" "98.4%"
run report --plan zai --fy R6 --format text > "$dir/report.txt" 2>&1
grep -q '最終目標 90%以下（令和8年度）  実績 91.5%（下書き）' "$dir/report.txt" &&
    grep -q '達成率 98\.4%  判定 未達成' "$dir/report.txt" &&
    pass "the report rates it the same" ||
    fail "the report's rate" "$(grep -A3 '経常収支比率' "$dir/report.txt")"
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_check_sanitizers "no sanitizer report"
e2e_finish
