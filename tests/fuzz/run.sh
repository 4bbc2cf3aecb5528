#!/bin/sh
# make fuzz: runs each fuzz target for SECONDS from a working corpus
# seeded with its regression inputs (tests/fuzz/NAME/) and, for the file
# readers, the sample plans. An input that crashes is written to
# tests/fuzz/NAME/ (commit it: make test replays it from then on).
#
#   sh tests/fuzz/run.sh SECONDS NAME...
set -u
cd "$(dirname "$0")/../.."
secs=$1
shift
status=0
for name in "$@"; do
	corpus=build/fuzz/corpus-$name
	mkdir -p "$corpus" "tests/fuzz/$name"
	cp tests/fuzz/"$name"/* "$corpus"/ 2>/dev/null
	case $name in
	csv) cp db/samples/*.csv "$corpus"/ ;;
	config) cp config/shisaku.ini "$corpus"/ ;;
	esac
	echo "fuzz-$name: ${secs} s"
	if ! "build/fuzz/fuzz-$name" -max_total_time="$secs" -max_len=65536 \
	    -artifact_prefix="tests/fuzz/$name/" -print_final_stats=1 \
	    "$corpus" 2> "build/fuzz/fuzz-$name.log"; then
		echo "fuzz-$name: an input failed; see build/fuzz/fuzz-$name.log" \
		    "and the new file in tests/fuzz/$name/"
		grep -E 'ERROR|runtime error|SUMMARY' "build/fuzz/fuzz-$name.log" | head -n 5
		status=1
	else
		grep -E '^stat::number_of_executed_units' "build/fuzz/fuzz-$name.log"
	fi
done
exit $status
