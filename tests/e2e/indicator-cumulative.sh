#!/bin/sh
# A cumulative (累計) indicator whose baseline is not zero, entered at
# 80x24: the form says what its running total is made of (the baseline
# and the years before), and the total it shows as the value is typed is
# the one the achievement is measured by and the report prints: baseline
# 40 + 12 of 令和5年度 + 18 typed = 70, the target of 令和6年度, 100 %.
# The saved row is read back with sqlite3 and the report says the same.
# An indicator whose printed name says （累計） is headed with it once.
. "$(dirname "$0")/lib.sh"

dir="$e2e_tmp/cumulative"
db="$dir/shisaku.db"
mkdir -p "$dir"
cat > "$dir/plan.csv" <<'EOF'
shisaku-plan,1
plan,ruikei,試験市協働推進計画,2022,2026,試験市,
level,ruikei,1,基本施策
level,ruikei,2,取組
dept,試験市/市民協働課,市民協働課,試験市,
node,ruikei,1,,1,市民協働の推進,,,,,,
node,ruikei,1-1,1,1-1,出前講座の開催,,,,,,
assign,ruikei,1-1,試験市/市民協働課,1,,
indicator,ruikei,c1,1,市民活動団体の登録数,成果指標,団体,増加,1,40,2022,100,2026,,,試験市/市民協働課
target,ruikei,c1,2023,55
target,ruikei,c1,2024,70
actual,ruikei,c1,2023,12
indicator,ruikei,c2,1,講座の延べ参加者数（累計）,成果指標,人,増加,1,0,2022,500,2026,,,試験市/市民協働課
EOF
printf '[calendar]\ncurrent_year = 2024\nyear_display = era\n' > "$dir/c.ini"
run() {
	"$e2e_bin" -c "$dir/c.ini" -d "$db" "$@"
}
e2e_plan_db_with "$db" "$dir/plan.csv" "$dir/c.ini" R6 \
    "a plan with a cumulative indicator, 令和6年度 open"

e2e_start "$db" 80 24 -c "$dir/c.ini"
e2e_wait "計画一覧（令和6年度）"
e2e_keys i
e2e_wait "指標一覧"
e2e_keys Enter
e2e_wait "市民活動団体の登録数（累計）"
e2e_keys Enter
e2e_expect "the form of 令和6年度 says what the total is made of" \
    "実績値の入力（令和6年度） > 市民活動団体の登録数" \
    "基準値 40団体 + 前年度まで 12団体（1 年度分）"
e2e_type '18'
e2e_expect_line "the total as typed is the baseline's and the years'" \
    '^達成率 +100\.0% .*累計 70団体$'
e2e_keys C-s
e2e_wait "保存しました"
[ "$(e2e_actual "$db" c1 2024)" = "18.0|draft" ] &&
    pass "db: 18 saved as a draft" ||
    fail "db: the actual of 令和6年度" "$(sqlite3 "$db" "SELECT * FROM indicator_actual")"
run report --plan ruikei --fy R6 --format text > "$dir/report.txt" 2>&1
grep -q '実績 18団体（累計 70団体）（下書き）  達成率 100\.0%' "$dir/report.txt" &&
    pass "the report prints the same total" ||
    fail "the report's total" "$(grep -A2 '市民活動団体' "$dir/report.txt")"
e2e_keys Escape
e2e_wait "指標"
e2e_keys Escape
e2e_wait "指標一覧"
e2e_keys j Enter
e2e_expect "a printed name with （累計） keeps it" "講座の延べ参加者数（累計）"
e2e_expect_not "and is not given it twice" "（累計）（累計）"
e2e_keys Enter
e2e_expect_line "its form: the name once" '^指標 +講座の延べ参加者数（累計） *$'
e2e_expect_not "its form: not twice" "（累計）（累計）"
e2e_keys Escape
e2e_wait "指標"
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_check_sanitizers "no sanitizer report"
e2e_finish
