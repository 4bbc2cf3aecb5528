#!/bin/sh
# Killed outputs. export and report write a file of some size (a plan of
# KILL_ITEMS action items, default 10000) over an existing file, and are
# killed with SIGKILL after a random delay, often while they write: each
# time the file under the name is the old one or the whole new one (the
# same bytes as an uninterrupted run), never half, and the database they
# read is byte for byte as it was. KILL_RUNS (default 25) kills per
# command; SHISAKU_BIN names the program (default ./shisaku, the release
# build, for speed).
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
bin=${SHISAKU_BIN:-./shisaku}
runs=${KILL_RUNS:-25}
items=${KILL_ITEMS:-10000}
db=$scratch/big.db
sum() { md5sum < "$1" 2>/dev/null; }
rand() { echo $(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % $1 )); }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

if [ ! -x "$bin" ]; then
	for c in "set up a plan of $items items" "export killed $runs times: old or new, never half" \
	    "report killed $runs times: old or new, never half" "the database is as it was"; do
		fail "$c" "not run: no $bin (make shisaku)"
	done
	finish
	exit 1
fi
sh tests/genplan.sh "$items" > "$scratch/big.csv"
"$bin" -d "$db" init >/dev/null && "$bin" -d "$db" import "$scratch/big.csv" >/dev/null
check "set up a plan of $items items" test "$(sqlite3 "$db" "SELECT count(*) FROM node WHERE depth = 4")" -eq "$items"
before=$(sum "$db")

# killed NAME ARGS...: runs `shisaku -d DB ARGS -o OUT` whole once for the
# new file, then $runs times over the old one, killed at random.
killed() {
	k_name=$1
	shift
	out=$scratch/out
	"$bin" -d "$db" "$@" -o "$scratch/ref" >/dev/null 2>&1
	new=$(sum "$scratch/ref")
	printf 'the old file\n' > "$scratch/old"
	old=$(sum "$scratch/old")
	t0=$(now_ms)
	"$bin" -d "$db" "$@" -o "$scratch/timed" >/dev/null 2>&1
	took=$(( $(now_ms) - t0 + 5 ))
	bad="" n_old=0 n_new=0 k=1
	while [ "$k" -le "$runs" ]; do
		cp "$scratch/old" "$out"
		"$bin" -d "$db" "$@" -o "$out" >/dev/null 2>&1 &
		pid=$!
		sleep "$(printf '0.%03d' "$(rand "$took")")"
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		got=$(sum "$out")
		if [ "$got" = "$old" ]; then
			n_old=$((n_old + 1))
		elif [ "$got" = "$new" ]; then
			n_new=$((n_new + 1))
		else
			bad="$bad run $k: $(wc -c < "$out") bytes;"
		fi
		rm -f "$scratch"/out.tmp*
		k=$((k + 1))
	done
	echo "$k_name: one run takes about ${took} ms; $n_old old, $n_new new"
	check "$k_name killed $runs times: old or new, never half" test -z "$bad"
	[ -n "$bad" ] && echo "  $bad"
}
killed export export --plan big
killed report report --plan big --fy 2023 --format md
check "the database is as it was" test "$(sum "$db")" = "$before"
check "and whole" test "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok
finish
