#!/bin/sh
# Progress on long work: an import of a large generated plan, run on a
# terminal (a pseudo-terminal from script(1) of util-linux), shows its
# progress line on standard error, drawn over itself with \r and ended
# with 完了 and a newline, then the steps after the rows on a line of
# their own; the same import with standard error in a file
# writes no progress there, only what it always says. Imported with a
# second file, of results for the plan, each file has a line of its own
# that names it, ended in turn; standard input too, named so.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
bin=${SHISAKU_BIN:-build/san/shisaku}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
# Large enough that writing its rows takes several seconds even on a
# fast machine (the line waits for one second): 40,000 items took about
# a second once the import got faster, and the check then depended on
# how busy the machine was.
items=${PROGRESS_ITEMS:-120000}

sh tests/genplan.sh "$items" > "$scratch/big.csv"
awk -v n="$items" 'BEGIN {
	print "shisaku-plan,1"
	for (i = 0; i < n; i += 4)
		printf "result,big,%d,2023,実施中,B,提出済,実施した,,,担当,2024-04-20T10:00:00,,\n", i
}' > "$scratch/results.csv"
"$bin" -d "$scratch/tty.db" init > /dev/null 2>&1 &&
    "$bin" -d "$scratch/file.db" init > /dev/null 2>&1 ||
    fail "databases" "init failed"

# On a terminal: everything the program writes to it is in tty.out.
script -qec "'$bin' -d '$scratch/tty.db' import '$scratch/big.csv' '$scratch/results.csv'" \
    /dev/null > "$scratch/tty.out" 2>&1; rc=$?
[ "$rc" = 0 ] && pass "import on a terminal succeeds" ||
    fail "import on a terminal" "rc $rc: $(tr '\r' '\n' < "$scratch/tty.out" | tail -n 5)"
tr '\r' '\n' < "$scratch/tty.out" > "$scratch/tty.lines"
# shown NAME ERE WHAT: a line the terminal showed matches ERE (on
# failure, the last lines that match WHAT are shown).
shown() {
	grep -Eq "$2" "$scratch/tty.lines" && pass "$1" ||
	    fail "$1" "$(grep -E "$3" "$scratch/tty.lines" | tail -n 4)"
}
# next_to NAME ERE NEXT: the line after the last line matching ERE (blank
# lines left out) matches NEXT.
next_to() {
	got=$(grep -v '^ *$' "$scratch/tty.lines" | grep -E -A1 "$2" | tail -n 1)
	printf '%s\n' "$got" | grep -Eq "$3" && pass "$1" || fail "$1" "$got"
}
shown "the terminal shows the rows written, the rate and the time left" \
    '^shisaku: 書き込み（big\.csv） [0-9,]+/[0-9,]+ 行  [0-9,]+ 行/秒  残り ' 'big'
grep -q "$(printf '\r')shisaku: 書き込み" "$scratch/tty.out" &&
    pass "the line is redrawn over itself with a carriage return" ||
    fail "redrawn with \\r" "$(head -c 300 "$scratch/tty.out" | od -c | head -n 5)"
shown "it ends with every row written and 完了" \
    '^shisaku: 書き込み（big\.csv） ([0-9,]+)/\1 行  [0-9,]+ 行/秒  完了 *$' '完了'
# The second file's line after the first one's end, which stays; its
# rate only once it has run long enough to give one.
next_to "the second file's line follows the first one's 完了" \
    '^shisaku: 書き込み（big\.csv）.*完了' \
    '^shisaku: 書き込み（results\.csv） [0-9,]+/[0-9,]+ 行'
shown "and ends with its own 完了" \
    '^shisaku: 書き込み（results\.csv） ([0-9,]+)/\1 行  ([0-9,]+ 行/秒  )?完了 *$' \
    'results'
# Then the indexes, the search index and the figures, step by step on a
# line of their own after the rows' line, ended with 完了 when committed.
shown "the steps after the rows are shown as they go" \
    '^shisaku: 索引と集計の作成 [0-3]/4 段階 *$' '索引'
next_to "on the line after the rows' 完了" '^shisaku: 書き込み.*完了' \
    '^shisaku: 索引と集計の作成'
shown "the last step ends with 完了" \
    '^shisaku: 索引と集計の作成 4/4 段階  完了 *$' '索引'
grep -q "^読み込みました: plan 1, .*result $((items / 4))" "$scratch/tty.lines" &&
    pass "the summary follows on a line of its own" ||
    fail "summary line" "$(tail -n 3 "$scratch/tty.lines")"

# Standard error in a file (standard output still on the terminal): no
# progress line, no carriage return, nothing but the program's messages.
script -qec "'$bin' -d '$scratch/file.db' import '$scratch/big.csv' 2> '$scratch/err'" \
    /dev/null > "$scratch/file.out" 2>&1; rc=$?
[ "$rc" = 0 ] && pass "import with standard error in a file succeeds" ||
    fail "import with stderr redirected" "rc $rc: $(cat "$scratch/err")"
[ ! -s "$scratch/err" ] &&
    pass "standard error in a file: no progress line" ||
    fail "stderr in a file" "$(head -c 300 "$scratch/err" | od -c | head -n 5)"
# (The terminal itself ends each line with \r\n; any other \r would be
# a redrawn line.)
if grep -q 'shisaku: 書き込み\|shisaku: 検査\|shisaku: 索引' "$scratch/file.out" ||
    sed 's/\r$//' "$scratch/file.out" | grep -q "$(printf '\r')"; then
	fail "nothing on the terminal either" "$(head -c 300 "$scratch/file.out")"
else
	pass "and none on the terminal either"
fi
[ "$(sqlite3 "$scratch/tty.db" 'SELECT count(*) FROM node')" = \
  "$(sqlite3 "$scratch/file.db" 'SELECT count(*) FROM node')" ] &&
    pass "both imports wrote the same plan" || fail "same plan" "node counts differ"

# The plan from standard input, with the results file: standard input's
# line is named so. (A check, --dry-run, reads this plan in about a
# second, too short for a line to be sure to show.)
"$bin" -d "$scratch/stdin.db" init > /dev/null 2>&1 || fail "database" "init failed"
script -qec "'$bin' -d '$scratch/stdin.db' import - '$scratch/results.csv' < '$scratch/big.csv'" \
    /dev/null > "$scratch/stdin.out" 2>&1; rc=$?
[ "$rc" = 0 ] && pass "an import from standard input succeeds" ||
    fail "import from standard input" "rc $rc: $(tr '\r' '\n' < "$scratch/stdin.out" | tail -n 5)"
tr '\r' '\n' < "$scratch/stdin.out" > "$scratch/tty.lines"
shown "standard input's line is named so" \
    '^shisaku: 書き込み（標準入力） ([0-9,]+)/\1 行  [0-9,]+ 行/秒  完了 *$' '書き込み'
next_to "and the results file's follows it" '^shisaku: 書き込み（標準入力）.*完了' \
    '^shisaku: 書き込み（results\.csv）'
[ "$(sqlite3 "$scratch/stdin.db" 'SELECT count(*) FROM result')" = $((items / 4)) ] &&
    pass "both were written" || fail "both written" "results in stdin.db"
finish
