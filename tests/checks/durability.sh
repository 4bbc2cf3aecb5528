#!/bin/sh
# Durability: a results file (a result for every action item of the Yuki
# sample in every year of the plan, and an actual for every indicator,
# each carrying the run's number) is imported into a copy of the sample
# database again and again, and the program is killed with SIGKILL after
# a random delay, often in the middle of its write. After each kill the
# database must pass PRAGMA integrity_check, and the entries must be
# wholly one run's: every result and every actual of the run that was last
# committed, none of the one that was cut off, and the history grown by
# exactly one run's rows or not at all.
#
# DURABILITY_RUNS (default 200) and DURABILITY_SECONDS (default 120) bound
# the work; SHISAKU_BIN names the program (default ./shisaku, the release
# build, for speed). Each run is a check: when one fails, or the time is
# used up, the runs after it are each counted as failed, not run.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
bin=${SHISAKU_BIN:-./shisaku}
runs=${DURABILITY_RUNS:-200}
budget=${DURABILITY_SECONDS:-120}
db=$scratch/d.db

# not_run FROM WHY: the runs FROM .. $runs are counted as failed.
not_run() {
	j=$1
	while [ "$j" -le "$runs" ]; do
		fail "run $j" "not run: $2"
		j=$((j + 1))
	done
}

if [ ! -x "$bin" ] || ! command -v sqlite3 >/dev/null; then
	fail "durability set-up" "needs $bin (make shisaku) and sqlite3"
	why="no $bin or no sqlite3"
	for c in "set up the Yuki sample" \
	    "the results file covers every item and indicator" \
	    "an uninterrupted import is written"; do
		fail "$c" "not run: $why"
	done
	not_run 1 "$why"
	fail "the last database is still clean for shisaku check" "not run: $why"
	finish
	exit 1
fi

q() { sqlite3 -batch "$db" "$@"; }

# A random whole number 0 .. $1 - 1.
rand() {
	echo $(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % $1 ))
}

now_ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

"$bin" -d "$db" init >/dev/null &&
	"$bin" -d "$db" import db/samples/yuki-actionplan.csv >/dev/null
check "set up the Yuki sample" test "$(q "SELECT count(*) FROM plan")" -eq 1

# One template of the results file; @N@ is the run number. The text is
# long (about 12 KB per result, 2.5 MB a run: more than SQLite's page
# cache) so that the write takes a while and spills into the WAL file
# before it commits.
long=$(awk 'BEGIN { for (i = 0; i < 300; i++) printf "出前講座と意見交換を重ねた。"; }')
q "SELECT n.key FROM node n JOIN plan p ON p.id = n.plan_id
   WHERE p.code = 'yuki-ap' AND n.depth = 4 ORDER BY n.ord" > "$scratch/items"
q "SELECT i.key || '|' || i.unit FROM indicator i JOIN plan p ON p.id = i.plan_id
   WHERE p.code = 'yuki-ap' ORDER BY i.ord" > "$scratch/indicators"
{
	echo "shisaku-plan,1"
	for fy in 2021 2022 2023 2024 2025; do
		while read -r key; do
			printf 'result,yuki-ap,%s,%s,実施中,B,下書き,"run @N@:%s\n二行目 run @N@",run @N@,,clerk,2026-04-01T09:00:00,,\n' \
			    "$key" "$fy" "$long"
		done < "$scratch/items"
		while IFS='|' read -r key unit; do
			printf 'actual,yuki-ap,%s,%s,@N@%s,run @N@\n' "$key" "$fy" "$unit"
		done < "$scratch/indicators"
	done
} > "$scratch/template.csv"
nresults=$(( $(wc -l < "$scratch/items") * 5 ))
nactuals=$(( $(wc -l < "$scratch/indicators") * 5 ))
per_run=$(( nresults + nactuals ))	# one history row per result and actual
check "the results file covers every item and indicator" \
	test "$nresults" -eq 195 -a "$nactuals" -eq 150

# How long an import takes when left alone (run 0 is kept, not killed),
# and how long it takes to read and check the file without writing: the
# write happens between the two, and every other kill is aimed there.
sed 's/@N@/0/g' "$scratch/template.csv" > "$scratch/r.csv"
t0=$(now_ms)
"$bin" -d "$db" import --dry-run "$scratch/r.csv" >/dev/null 2>&1
t1=$(now_ms)
"$bin" -d "$db" import "$scratch/r.csv" >/dev/null 2>&1
t2=$(now_ms)
reading=$(( t1 - t0 )) took=$(( t2 - t1 ))
check "an uninterrupted import is written" \
	test "$(q "SELECT count(*) FROM result WHERE comment = 'run 0'")" -eq "$nresults"
max_delay=50
[ "$took" -gt 40 ] && max_delay=$(( took + 10 ))
window=$(( took - reading + 4 ))
[ "$window" -gt 0 ] || window=1
echo "one import takes ${took} ms, ${reading} ms of it before writing;" \
    "kills after 0-${max_delay} ms, every other one in the write"

last=0			# the run whose entries the database holds
history=$(q "SELECT count(*) FROM history")
committed=0 cut=0 done_runs=0
start=$(now_ms)
k=1
while [ "$k" -le "$runs" ]; do
	if [ $(( $(now_ms) - start )) -gt $(( budget * 1000 )) ]; then
		echo "time budget of ${budget}s used after $done_runs runs"
		not_run "$k" "the time budget of ${budget}s (DURABILITY_SECONDS) was used up"
		break
	fi
	sed "s/@N@/$k/g" "$scratch/template.csv" > "$scratch/r.csv"
	if [ $(( k % 2 )) -eq 0 ]; then
		delay=$(( reading - 2 + $(rand "$window") ))
		[ "$delay" -ge 0 ] || delay=0
	else
		delay=$(rand $(( max_delay + 1 )))
	fi
	"$bin" -d "$db" import "$scratch/r.csv" >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '0.%03d' "$delay")" 2>/dev/null || sleep 0
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null

	integrity=$(q "PRAGMA integrity_check" 2>&1)
	# Results: rows, distinct runs, the run; actuals: the same; rows whose
	# text or number disagrees with their run; history rows.
	state=$(q "SELECT (SELECT count(*) || ' ' || count(DISTINCT comment) || ' ' ||
	    coalesce(min(replace(comment, 'run ', '')), '-') FROM result) || ' ' ||
	    (SELECT count(*) || ' ' || count(DISTINCT note) || ' ' ||
	    coalesce(min(replace(note, 'run ', '')), '-') FROM indicator_actual) || ' ' ||
	    (SELECT count(*) FROM result WHERE text NOT LIKE comment || ':%'
	       OR text NOT LIKE '%二行目 ' || comment) || ' ' ||
	    (SELECT count(*) FROM indicator_actual
	       WHERE note <> 'run ' || CAST(num AS INTEGER)) || ' ' ||
	    (SELECT count(*) FROM history)" 2>&1)
	set -- $state
	why="" found=""
	if [ "$integrity" != "ok" ]; then
		why="integrity_check: $integrity"
	elif [ "$#" -ne 9 ]; then
		why="query failed: $state"
	elif [ "$1" -ne "$nresults" ] || [ "$2" -ne 1 ] || [ "$4" -ne "$nactuals" ] ||
	    [ "$5" -ne 1 ]; then
		why="mixed or partial entries: $state"
	elif [ "$3" != "$6" ]; then
		why="results of run $3, actuals of run $6"
	elif [ "$7" -ne 0 ] || [ "$8" -ne 0 ]; then
		why="a row does not match its run: $state"
	else
		found=$3
		if [ "$found" = "$k" ]; then
			want=$(( history + per_run ))
			[ "$9" -eq "$want" ] || why="history has $9 rows, want $want"
			kind="new version"
		elif [ "$found" = "$last" ]; then
			[ "$9" -eq "$history" ] || why="history has $9 rows, want $history"
			kind="old version kept"
		else
			why="holds run $found, neither the old $last nor the new $k"
		fi
	fi
	if [ -n "$why" ]; then
		fail "run $k (killed after $delay ms)" "$why"
		cp "$db" "${TMPDIR:-/tmp}/shisaku-durability-failed.db" 2>/dev/null &&
		    echo "the database is kept in ${TMPDIR:-/tmp}/shisaku-durability-failed.db"
		# Later runs would start from a broken database.
		not_run $((k + 1)) "run $k failed"
		break
	fi
	pass "run $k (killed after $delay ms): $kind"
	if [ "$found" = "$k" ]; then
		committed=$((committed + 1))
		last=$k
		history=$(( history + per_run ))
	else
		cut=$((cut + 1))
	fi
	done_runs=$((done_runs + 1))
	k=$((k + 1))
done
echo "$done_runs runs: $committed committed before the kill, $cut cut off"
check "the last database is still clean for shisaku check" "$bin" -d "$db" check

# The first import into an empty database is written through a rollback
# journal (not the log): killed at any moment, the file holds the whole
# plan or none of it once shisaku opens it again, and the next opening
# that may write puts the log back.
"$bin" -d "$scratch/empty.db" init >/dev/null 2>&1
t1=$(now_ms)
cp "$scratch/empty.db" "$scratch/f.db"
"$bin" -d "$scratch/f.db" import db/samples/yuki-actionplan.csv >/dev/null 2>&1
took=$(( $(now_ms) - t1 + 10 ))
nodes=$(sqlite3 -batch "$scratch/f.db" "SELECT count(*) FROM node")
check "the first import, uninterrupted" test "$nodes" -gt 0
first_runs=${DURABILITY_FIRST_RUNS:-20}
whole=0 none=0 j=1
while [ "$j" -le "$first_runs" ]; do
	cp "$scratch/empty.db" "$scratch/f.db"
	rm -f "$scratch/f.db-wal" "$scratch/f.db-shm" "$scratch/f.db-journal"
	delay=$(rand "$took")
	"$bin" -d "$scratch/f.db" import db/samples/yuki-actionplan.csv >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '0.%03d' "$delay")" 2>/dev/null || sleep 0
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	# A reader of shisaku opens it first (a journal left by the kill is
	# rolled back), then one that may write (which puts the log back).
	if ! "$bin" -d "$scratch/f.db" plans > "$scratch/out" 2>&1 ||
	    ! "$bin" -d "$scratch/f.db" year list > "$scratch/out" 2>&1; then
		fail "first import killed after $delay ms" "cannot open: $(head -c 300 "$scratch/out")"
		j=$((j + 1))
		continue
	fi
	got=$(sqlite3 -batch "$scratch/f.db" "PRAGMA integrity_check; PRAGMA journal_mode;
	    SELECT count(*) FROM plan; SELECT count(*) FROM node" 2>&1 | tr '\n' ' ')
	case $got in
	"ok wal 1 $nodes ") whole=$((whole + 1))
		pass "first import killed after $delay ms: the whole plan" ;;
	"ok wal 0 0 ") none=$((none + 1))
		pass "first import killed after $delay ms: nothing" ;;
	*) fail "first import killed after $delay ms" "$got" ;;
	esac
	j=$((j + 1))
done
echo "first imports: $whole whole, $none cut off"
finish
