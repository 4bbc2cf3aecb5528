#!/bin/sh
# An export of any size holds a piece of itself, never the whole: a plan
# of 20,000 items (over 40 MiB of output, from the benchmark's generator)
# is exported to a file, in UTF-8 and in CP932, and so is the results
# file of one of its years; the peak memory the kernel counts for each
# stays within 16 MiB of that of a plan of 1,000 items. The release build
# is measured: the sanitizers' own bookkeeping would hide what the
# program holds. Each output imports again; an export stopped while it
# writes leaves no temporary file, and one whose caller ignores SIGTERM
# goes on to the end.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
bin=${SHISAKU_REL_BIN:-./shisaku}
cfg=$scratch/big.ini
db=$scratch/big.db
[ -x "$bin" ] || { fail "set-up" "$bin is not built"; finish; exit 1; }
cc -std=c11 -O2 -o "$scratch/gen" tests/bench/gen.c &&
    cc -std=c11 -O2 -o "$scratch/drive" tests/bench/drive.c -lutil ||
    { fail "set-up" "the generator and the driver do not build"; finish; exit 1; }
printf '[import]\nmax_file_mib = 4096\n' > "$cfg"
"$scratch/gen" 20000 "$scratch/plan.csv" "$scratch/floor" 2> "$scratch/gen.txt" &&
    "$bin" -c "$cfg" -d "$db" init > /dev/null &&
    "$bin" -c "$cfg" -d "$db" import "$scratch/plan.csv" > /dev/null ||
    { fail "set-up" "the plan of 20,000 items: $(cat "$scratch/gen.txt")"; finish; exit 1; }
rm -rf "$scratch/floor" "$scratch/plan.csv"

# peak NAME ARGS...: exports with ARGS to $scratch/NAME.csv; prints the
# peak resident set in KiB.
peak() {
	p_name=$1
	shift
	"$scratch/drive" run -- "$bin" -c "$cfg" -d "$db" export "$@" \
	    -o "$scratch/$p_name.csv" 2> "$scratch/$p_name.err" |
	    sed -n 's/.*maxrss_kib=\([0-9]*\).*/\1/p'
}
small=$(peak small --plan bench-s)
for enc in utf-8 cp932; do
	big=$(peak "big-$enc" --encoding "$enc")
	size=$(stat -c %s "$scratch/big-$enc.csv" 2> /dev/null || echo 0)
	if [ -n "$small" ] && [ -n "$big" ] && [ "$size" -gt $((40 * 1048576)) ] &&
	    [ $((big - small)) -lt 16384 ]; then
		pass "$enc: $((size / 1048576)) MiB exported in $((big / 1024)) MiB (1,000 items: $((small / 1024)) MiB)"
	else
		fail "$enc: the export's memory" "size $size, peak ${big:-?} KiB against ${small:-?} KiB: $(head -c 300 "$scratch/big-$enc.err")"
	fi
	"$bin" -c "$cfg" -d "$scratch/again-$enc.db" init > /dev/null
	check "$enc: the export imports again" "$bin" -c "$cfg" \
	    -d "$scratch/again-$enc.db" import --dry-run "$scratch/big-$enc.csv"
	rm -f "$scratch/big-$enc.csv"
done

# The results file of a year of the large plan: its rows are written as
# they are read too, and it reads back with nothing to change.
small=$(peak rsmall --results --plan bench-s --fy 2023)
big=$(peak results --results --plan bench --fy 2023)
size=$(stat -c %s "$scratch/results.csv" 2> /dev/null || echo 0)
if [ -n "$small" ] && [ -n "$big" ] && [ "$size" -gt $((8 * 1048576)) ] &&
    [ $((big - small)) -lt 16384 ]; then
	pass "results: $((size / 1048576)) MiB exported in $((big / 1024)) MiB (1,000 items: $((small / 1024)) MiB)"
else
	fail "results: the export's memory" "size $size, peak ${big:-?} KiB against ${small:-?} KiB: $(head -c 300 "$scratch/results.err")"
fi
"$bin" -c "$cfg" -d "$db" import --results --dry-run "$scratch/results.csv" \
    > "$scratch/out" 2>&1 && grep -q '実績 0 行、実績値 0 行を書き込めます' "$scratch/out" &&
    pass "results: it reads back with nothing to change" ||
    fail "results: read back" "$(head -c 300 "$scratch/out")"
rm -f "$scratch/results.csv"

# Stopped while it writes (SIGTERM, as a closed terminal or kill sends):
# the temporary file goes, and the name stays free.
# tmp_seen NAME PID: waits (20 s at most) until the export PID has made
# NAME's temporary file or ended; 0 when the file is there.
tmp_seen() {
	n=0
	while [ "$n" -lt 2000 ] && ! ls "$scratch/$1".tmp* > /dev/null 2>&1 &&
	    kill -0 "$2" 2> /dev/null; do
		sleep 0.01
		n=$((n + 1))
	done
	ls "$scratch/$1".tmp* > /dev/null 2>&1
}
"$bin" -c "$cfg" -d "$db" export -o "$scratch/stopped.csv" 2> /dev/null &
pid=$!
tmp_seen stopped.csv "$pid" && seen=1 || seen=0
kill -TERM "$pid" 2> /dev/null
wait "$pid" 2> /dev/null
rc=$?
left=$(ls "$scratch" | grep -c '^stopped')
if [ "$seen" = 1 ] && [ "$rc" -eq 143 ] && [ "$left" -eq 0 ]; then
	pass "stopped while writing: no temporary file, no output"
else
	fail "stopped while writing" "temporary file seen $seen, exit $rc, $left files left: $(ls "$scratch" | grep '^stopped')"
fi

# An interrupt the caller ignores (nohup, trap '' TERM) stays ignored:
# the export goes on to the end and is put in place.
# (The signal must come while it writes: an export already ended would
# pass without ignoring anything.)
sh -c "trap '' TERM; exec '$bin' -c '$cfg' -d '$db' export -o '$scratch/ignored.csv'" 2> /dev/null &
pid=$!
tmp_seen ignored.csv "$pid" && seen=1 || seen=0
kill -TERM "$pid" 2> /dev/null
wait "$pid" 2> /dev/null
rc=$?
left=$(ls "$scratch" | grep -c '^ignored.csv.tmp')
if [ "$seen" = 1 ] && [ "$rc" -eq 0 ] && [ "$left" -eq 0 ] &&
    [ "$(stat -c %s "$scratch/ignored.csv" 2> /dev/null || echo 0)" -gt $((40 * 1048576)) ]; then
	pass "an ignored SIGTERM stays ignored: the export ends whole"
else
	fail "an ignored SIGTERM" "temporary file seen $seen, exit $rc, $left temporary files, $(ls -l "$scratch" | grep ignored)"
fi
finish
