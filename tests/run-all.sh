#!/bin/sh
# Runs every test: the layer check, each unit-test program (built with
# AddressSanitizer and UndefinedBehaviorSanitizer), then the end-to-end
# terminal tests. Ends with one line "N passed, N failed" and exits non-zero
# on any failure.
set -u
cd "$(dirname "$0")/.."
passed=0 failed=0
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1
mkdir -p tests/out

. tests/tally.sh
tally() {	# tally LOGFILE EXIT: add the "N passed, N failed" line of a run
	tally_read "$1" "$2"
	passed=$((passed + tally_passed)); failed=$((failed + tally_failed))
}

for t in tests/checks/*.sh; do
	[ -f "$t" ] || continue
	[ "$(basename "$t")" = lib.sh ] && continue
	name=$(basename "$t" .sh)
	sh "$t" > "tests/out/$name.log" 2>&1; rc=$?
	cat "tests/out/$name.log"
	tally "tests/out/$name.log" $rc
done

for t in build/san/tests/test-*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	"$t" > "tests/out/$name.log" 2>&1; rc=$?
	cat "tests/out/$name.log"
	tally "tests/out/$name.log" $rc
done

# The terminals (tmux servers) an end-to-end test of this run leaves
# running once it has ended: none, after a moment for those it ended to
# go. The run's tests name their terminals after it (E2E_RUN), so that
# tests run beside it, by hand or by another run, are neither blamed
# nor ended.
E2E_RUN=run$$
export E2E_RUN
ours="[t]mux -L shisaku-e2e-$E2E_RUN-"
e2e_left() {
	left_n=0
	while [ "$left_n" -lt 50 ]; do
		ps -eo pid=,args= | grep -q "$ours" || return 1
		sleep 0.1
		left_n=$((left_n + 1))
	done
	return 0
}

for t in tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	[ "$(basename "$t")" = lib.sh ] && continue
	name=$(basename "$t" .sh)
	sh "$t" > "tests/out/e2e-$name.log" 2>&1; rc=$?
	cat "tests/out/e2e-$name.log"
	tally "tests/out/e2e-$name.log" $rc
	if e2e_left; then
		echo "FAIL $name: left a terminal running:"
		ps -eo pid=,args= | grep "$ours"
		ps -eo pid=,args= | grep "$ours" | awk '{ print $1 }' |
		    xargs kill 2> /dev/null
		failed=$((failed + 1))
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
