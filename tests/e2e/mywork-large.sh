#!/bin/sh
# A clerk whose department is in charge of 3,000 action items, as a real
# login of the machine at 80x24: 自分の仕事 lists them all (its title and
# heading count 3,000) but reads an item's code and title only when its
# row is shown, so every row shown has them: the first screen, the last
# after G, a row found by / far down the list, and the line under the
# list. The code column fits the codes shown ("1-3000" whole). An item
# opened and left as it was comes back to the same list, the cursor on
# it; nothing is written.
#
# Runs the program as the system login daemon through setpriv (root);
# elsewhere it says so and counts every check as failed.
e2e_logins="daemon"
. "$(dirname "$0")/lib.sh"

[ -z "$e2e_logins_why" ] || e2e_abandon "$e2e_logins_why"

e2e_shared_dir big
db="$dir/shisaku.db"
awk 'BEGIN {
	print "shisaku-plan,1"
	print "plan,big,大きな課の計画,2024,2028,市,"
	print "level,big,1,施策"
	print "level,big,2,事業"
	print "dept,d1,一般事務課,市,"
	print "node,big,1,,1,ただ一つの施策,,,,,,"
	for (i = 1; i <= 3000; i++) {
		printf "node,big,x%d,1,1-%d,事業その%d,,,,,,\n", i, i, i
		printf "assign,big,x%d,d1,1,,\n", i
	}
}' > "$e2e_tmp/big.csv"
e2e_plan_db "$db" "$e2e_tmp/big.csv" "a plan of 3,000 items of one department"
chmod 666 "$db"
cfg="$dir/big.ini"
printf '[calendar]\nyear_display = era\n' > "$cfg"
chmod 644 "$cfg"
run() {	# the program as the user who made the database (the planner)
	"$e2e_bin" -c "$cfg" -d "$db" "$@"
}
run year open 2026 --deadline none > /dev/null &&
    run user add daemon --role clerk --dept d1 > /dev/null &&
    pass "R8 open, a clerk of the department" || fail "year open, user add"
before=$(e2e_dump "$db")

e2e_as_dir=$dir e2e_as_db=$db e2e_as_config=$cfg
e2e_as_cols=80 e2e_as_lines=24
e2e_as clerk daemon
e2e_expect "the clerk's list counts every item" \
    "自分の仕事 > 一般事務課" "3000 件" "未入力（3000）"
e2e_expect_line "the first item with its code and title" \
    '^ +1-1 +事業その1$'
e2e_expect_line "the tenth too" '^ +1-10 +事業その10$'
e2e_expect "the line under the list names it" "取組: 1-1 事業その1"
e2e_keys G
e2e_expect_line "G: the last item with its code whole and title" \
    '^ +1-3000 +事業その3000$'
e2e_expect_line "and the one above it" '^ +1-2999 +事業その2999$'
e2e_expect "the line under the list names the last" "取組: 1-3000 事業その3000"
e2e_keys g /
e2e_type "事業その2500"
e2e_keys Enter
e2e_expect "/ finds a row not shown yet" "取組: 1-2500 事業その2500"
e2e_expect_line "and shows it with its code" '^ +1-2500 +事業その2500$'
e2e_keys Enter
e2e_expect "Enter opens the item's form" "実績入力" "1-2500 事業その2500"
e2e_keys Escape
e2e_expect "Esc comes back to the list, on the same item" \
    "自分の仕事 > 一般事務課" "取組: 1-2500 事業その2500"
e2e_keys Q
e2e_ended clerk > /dev/null
[ "$(e2e_dump "$db")" = "$before" ] && pass "db: nothing written" ||
    fail "db: nothing written"

if [ -n "$(ls "$dir"/asan.* 2>/dev/null)" ]; then
	fail "no sanitizer report" "$(cat "$dir"/asan.* | head -n 40)"
else
	e2e_check_sanitizers "no sanitizer report"
fi
e2e_finish
