# Reads the count line a test prints. Shared by tests/run-all.sh and the
# checks that run other tests.
#
# tally_read LOG STATUS: sets tally_passed and tally_failed from the last
# "N passed, N failed" line of LOG, the output of a test that exited with
# STATUS. No such line counts as one failure, and so does a non-zero
# STATUS with no failure counted (a crash or a sanitizer report after
# the counts).
tally_read() {
	tally_line=$(grep -E '(^|[^0-9])[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
	tally_passed=$(printf '%s\n' "$tally_line" |
	    awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^passed,?$/) print $(i - 1) }')
	tally_failed=$(printf '%s\n' "$tally_line" |
	    awk '{ for (i = 2; i <= NF; i++) if ($i ~ /^failed,?$/) print $(i - 1) }')
	if [ -z "$tally_line" ] || [ -z "$tally_passed" ] || [ -z "$tally_failed" ]; then
		tally_passed=0 tally_failed=1
		echo "no result line from $1"
	fi
	if [ "$2" -ne 0 ] && [ "$tally_failed" -eq 0 ]; then
		tally_failed=1
	fi
}
