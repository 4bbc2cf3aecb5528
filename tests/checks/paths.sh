#!/bin/sh
# No path destroys a database. An output (export -o, report -o, the file
# of backup) that is the database, one of its -wal, -shm and -journal
# files however spelled, or any other SQLite database is refused with
# exit 2 and nothing changes. An empty file given to any command is not a
# shisaku database (exit 10) and stays empty; only init takes it. The
# commands that only read never create a database. And a backup or an
# init killed with SIGKILL at any moment leaves the old state or the
# complete new file, never half of one.
#
# KILL_RUNS (default 25) kills per command.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
bin=${SHISAKU_BIN:-build/san/shisaku}
runs=${KILL_RUNS:-25}
db=$scratch/city.db
sum() { md5sum < "$1"; }

"$bin" -d "$db" init >/dev/null && "$bin" -d "$db" import db/samples/yuki-actionplan.csv >/dev/null ||
    { fail "set-up" "init or import failed"; finish; exit 1; }
before=$(sum "$db")

# ---- outputs that are databases ------------------------------------------
refused() {	# refused NAME COMMAND...: exit 2 and the database unchanged
	r_name=$1
	shift
	"$@" > "$scratch/o" 2>&1
	r_rc=$?
	if [ "$r_rc" -eq 2 ] && [ "$(sum "$db")" = "$before" ]; then
		pass "$r_name"
	else
		fail "$r_name" "exit $r_rc: $(head -c 300 "$scratch/o")"
	fi
}
mkdir "$scratch/sub"
ln -s "$db" "$scratch/link.db"
refused "export -o the database" "$bin" -d "$db" export -o "$db"
refused "export -o the database spelled another way" \
    "$bin" -d "$db" export -o "$scratch/sub/../city.db"
refused "export -o a link to the database" "$bin" -d "$db" export -o "$scratch/link.db"
refused "export -o its -wal" "$bin" -d "$db" export -o "$db-wal"
refused "report -o its -shm" "$bin" -d "$db" report --plan yuki-ap --fy R3 -o "$db-shm"
refused "report -o its -journal" "$bin" -d "$db" report --plan yuki-ap --fy R3 -o "$db-journal"
cp "$db" "$scratch/other.db"
other=$(sum "$scratch/other.db")
refused "export -o another SQLite database" "$bin" -d "$db" export -o "$scratch/other.db"
refused "report -o another SQLite database" \
    "$bin" -d "$db" report --plan yuki-ap --fy R3 -o "$scratch/other.db"
refused "backup onto another SQLite database" "$bin" -d "$db" backup "$scratch/other.db"
refused "backup onto the database itself" "$bin" -d "$db" backup "$db"
check "the other database is unchanged" test "$(sum "$scratch/other.db")" = "$other"
for f in "$db-wal" "$db-shm" "$db-journal"; do
	[ -e "$f" ] && fail "no $(basename "$f") was left" "$(ls -l "$f")" ||
	    pass "no $(basename "$f") was left"
done
echo "a,b" > "$scratch/plain.csv"
"$bin" -d "$db" backup "$scratch/plain.csv" > "$scratch/o" 2>&1; rc=$?
check "backup onto an existing file is refused" \
    sh -c "test $rc -eq 2 && test \"\$(cat '$scratch/plain.csv')\" = a,b"

# ---- an empty file ---------------------------------------------------------
: > "$scratch/empty.db"
for cmd in plans check "export" "report --plan yuki-ap" "backup $scratch/b0.db" \
    "import db/samples/yuki-actionplan.csv" "user list" "year list" "dept list"; do
	"$bin" -d "$scratch/empty.db" $cmd > "$scratch/o" 2>&1; rc=$?
	cmd=$(printf '%s' "$cmd" | sed "s|$scratch/||")
	if [ "$rc" -eq 10 ] && [ ! -s "$scratch/empty.db" ] &&
	    [ ! -e "$scratch/empty.db-wal" ] && grep -q '0 バイト' "$scratch/o"; then
		pass "$cmd on an empty file: not a shisaku database (exit 10), left empty"
	else
		fail "$cmd on an empty file: not a shisaku database (exit 10), left empty" \
		    "exit $rc, $(wc -c < "$scratch/empty.db") bytes: $(head -c 300 "$scratch/o")"
	fi
done
check "no backup was made of it" test ! -e "$scratch/b0.db"
"$bin" -d "$scratch/none.db" plans > "$scratch/o" 2>&1; rc=$?
check "a read-only command on a missing file creates nothing (exit 3)" \
    sh -c "test $rc -eq 3 && test ! -e '$scratch/none.db'"
"$bin" -d "$scratch/empty.db" init > "$scratch/o" 2>&1; rc=$?
check "init takes the empty file" sh -c "test $rc -eq 0 && test -s '$scratch/empty.db'"
check "and makes its runner the planner" \
    test "$(sqlite3 "$scratch/empty.db" "SELECT role FROM app_user")" = planner

# ---- killed backups and inits ------------------------------------------------
# A database large enough that a backup takes a while.
big=$scratch/big.db
cp "$db" "$big"
sqlite3 "$big" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40000)
    INSERT INTO history (at, login, field, new_value)
    SELECT '2026-01-01T00:00:00', 'bulk', 'note', printf('%.600c', 'x') FROM n"
rows=$(sqlite3 "$big" "SELECT count(*) FROM history")
rand() { echo $(( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % $1 )); }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
t0=$(now_ms)
"$bin" -d "$big" backup "$scratch/timed.db" >/dev/null 2>&1
took=$(( $(now_ms) - t0 + 5 ))
rm -f "$scratch/timed.db"
echo "one backup takes about ${took} ms; kills after 0-${took} ms"
bad="" complete=0 absent=0
k=1
while [ "$k" -le "$runs" ]; do
	dest=$scratch/bk$k.db
	"$bin" -d "$big" backup "$dest" >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '0.%03d' "$(rand "$took")")"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if [ -e "$dest" ]; then
		got=$(sqlite3 "$dest" "PRAGMA integrity_check; SELECT count(*) FROM history" 2>&1 | tr '\n' ' ')
		if [ "$got" = "ok $rows " ]; then
			complete=$((complete + 1))
		else
			bad="$bad run $k: $got;"
		fi
	else
		absent=$((absent + 1))
	fi
	rm -f "$dest" "$scratch"/bk$k.db.tmp*
	k=$((k + 1))
done
echo "backups: $complete complete, $absent not there"
check "a killed backup leaves the copy whole or not there ($runs kills)" test -z "$bad"
check "the database it copied is unchanged" \
    test "$(sqlite3 "$big" "PRAGMA integrity_check; SELECT count(*) FROM history" | tr '\n' ' ')" = "ok $rows "

t0=$(now_ms)
"$bin" -d "$scratch/timed.db" init >/dev/null 2>&1
took=$(( $(now_ms) - t0 + 5 ))
bad="" complete=0 absent=0
k=1
while [ "$k" -le "$runs" ]; do
	dest=$scratch/in$k.db
	[ $((k % 2)) -eq 0 ] && : > "$dest"	# every other one on an empty file
	"$bin" -d "$dest" init >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '0.%03d' "$(rand "$took")")"
	kill -KILL "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	if [ -s "$dest" ]; then
		got=$(sqlite3 "$dest" "PRAGMA integrity_check; SELECT count(*) FROM app_user WHERE role = 'planner'" 2>&1 | tr '\n' ' ')
		if [ "$got" = "ok 1 " ]; then
			complete=$((complete + 1))
		else
			bad="$bad run $k: $got;"
		fi
	else
		absent=$((absent + 1))
	fi
	rm -f "$dest" "$scratch"/in$k.db.tmp*
	k=$((k + 1))
done
echo "inits: $complete complete, $absent not there or still empty"
check "a killed init leaves no database or a complete one with its planner ($runs kills)" \
    test -z "$bad"
check "the database was never touched by any of it" test "$(sum "$db")" = "$before"
finish
