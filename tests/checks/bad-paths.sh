#!/bin/sh
# Bad paths, given to every command that takes one: a directory,
# /dev/null, /dev/zero, a FIFO, a loop of symbolic links, a link to
# nothing, a name with a newline, the database itself and its -wal, a
# directory that is not there, a directory the user may not write (a
# login made read-only by mode 555, and a read-only file system), and a
# full disk (a small tmpfs). Outputs (export -o, export --results -o,
# report -o, backup, init), inputs (import, import --results), the
# database (-d) and the configuration (-c). Each gets its own message and
# the exit status shisaku(1) gives it, never hangs (every command runs
# under a timeout), leaves /dev/null, /dev/zero and the FIFO as they were,
# and leaves the database byte for byte as it was. Needs root for the
# file systems and the other login; without it those checks fail as not
# run.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../logins.sh"
cd "$(dirname "$0")/../.."
root=$(pwd)
bin=$root/${SHISAKU_BIN:-build/san/shisaku}
case ${SHISAKU_BIN:-} in /*) bin=$SHISAKU_BIN ;; esac
T=$scratch
db=$T/city.db
sum() { md5sum < "$1"; }
mounts=""
cleanup() {
	for m in $mounts; do
		umount "$m" 2>/dev/null
	done
	rm -rf "$scratch"
}
trap cleanup EXIT

"$bin" -d "$db" init >/dev/null && "$bin" -d "$db" import db/samples/yuki-actionplan.csv >/dev/null ||
    { fail "set-up" "init or import failed"; finish; exit 1; }
"$bin" -d "$db" year open R3 >/dev/null
before=$(sum "$db")
dev_null=$(stat -c '%F %t:%T' /dev/null) dev_zero=$(stat -c '%F %t:%T' /dev/zero)

mkdir "$T/dir"
mkfifo "$T/fifo"
ln -s loop-b "$T/loop-a"
ln -s loop-a "$T/loop-b"
ln -s nothing-here "$T/dangling"
nl="$T/new
line.csv"
printf 'shisaku-plan,1\n' > "$T/plan-head.csv"
"$bin" -d "$db" export --results --plan yuki-ap --fy R3 -o "$T/results.csv" >/dev/null
cp db/samples/yuki-actionplan.csv "$T/plan.csv"
cp "$db" "$T/copy.db"
chmod 755 "$T"
chmod 644 "$T/plan.csv" "$T/results.csv" "$db"

# run NAME WANT GREP COMMAND...: exit status WANT and GREP on stderr,
# within 20 seconds.
run() {
	r_name=$1 r_want=$2 r_grep=$3
	shift 3
	timeout 20 "$@" > "$T/so" 2> "$T/se" < /dev/null
	r_rc=$?
	if [ "$r_rc" -eq "$r_want" ] && grep -q -- "$r_grep" "$T/se"; then
		pass "$r_name"
	else
		fail "$r_name" "exit $r_rc (want $r_want, with \"$r_grep\"): $(head -c 300 "$T/se")"
	fi
}
# S ARGS: the program on the database (a script, for timeout to run).
S=$T/S
printf '#!/bin/sh\nexec "%s" -d "%s" "$@"\n' "$bin" "$db" > "$S"
chmod 755 "$S"

# ---- outputs ---------------------------------------------------------------
for o in "export -o" "export --results --plan yuki-ap --fy R3 -o" \
    "report --plan yuki-ap --fy R3 -o" "backup"; do
	what=${o%% *}
	case $o in *--results*) what="export --results" ;; esac
	run "$what: a directory (exit 2)" 2 "ディレクトリです" "$S" $o "$T/dir"
	run "$what: /dev/null (exit 2)" 2 "通常のファイルではありません（デバイス）" "$S" $o /dev/null
	run "$what: /dev/zero (exit 2)" 2 "通常のファイルではありません（デバイス）" "$S" $o /dev/zero
	run "$what: a FIFO (exit 2)" 2 "通常のファイルではありません（FIFO）" "$S" $o "$T/fifo"
	if [ "$what" = backup ]; then
		run "$what: a loop of links (exit 2)" 2 "既にあります（シンボリックリンク）" "$S" $o "$T/loop-a"
		run "$what: a link to nothing (exit 2)" 2 "既にあります（シンボリックリンク）" "$S" $o "$T/dangling"
	else
		run "$what: a loop of links (exit 2)" 2 "循環しています" "$S" $o "$T/loop-a"
		run "$what: a link to nothing (exit 2)" 2 "シンボリックリンクの先がありません" "$S" $o "$T/dangling"
	fi
	run "$what: a name with a newline (exit 2)" 2 "制御文字" "$S" $o "$nl"
	run "$what: the database (exit 2)" 2 "データベースのファイルには書き出せません" "$S" $o "$db"
	run "$what: its -wal (exit 2)" 2 "データベースのファイルには書き出せません" "$S" $o "$db-wal"
	run "$what: its -shm (exit 2)" 2 "データベースのファイルには書き出せません" "$S" $o "$db-shm"
	run "$what: a directory that is not there (exit 2)" 2 "がありません" "$S" $o "$T/none/x.csv"
	run "$what: below a file (exit 2)" 2 "ディレクトリではありません" "$S" $o "$T/plan.csv/x.csv"
done
check "no file was made under a bad name" \
    sh -c "! ls '$T' | grep -q 'tmp\|^new'"
run "init: a directory (exit 2)" 2 "ディレクトリです" "$bin" -d "$T/dir" init
run "init: /dev/null (exit 2)" 2 "通常のファイルではありません（デバイス）" "$bin" -d /dev/null init
run "init: a FIFO (exit 2)" 2 "通常のファイルではありません（FIFO）" "$bin" -d "$T/fifo" init
run "init: a loop of links (exit 2)" 2 "循環しています" "$bin" -d "$T/loop-a" init
run "init: a link to nothing (exit 2)" 2 "シンボリックリンクです" "$bin" -d "$T/dangling" init
run "init: a name with a newline (exit 2)" 2 "制御文字" "$bin" -d "$nl" init
run "init: the -wal of the database (exit 2)" 2 "作業ファイルの名前です" "$bin" -d "$db-wal" init
run "init: the database (exit 3)" 3 "既にあります" "$bin" -d "$db" init
run "init: a directory that is not there (exit 2)" 2 "がありません" "$bin" -d "$T/none/x.db" init
check "/dev/null is still the device" test "$(stat -c '%F %t:%T' /dev/null)" = "$dev_null"
check "/dev/zero too" test "$(stat -c '%F %t:%T' /dev/zero)" = "$dev_zero"
check "and the FIFO a FIFO" test -p "$T/fifo"

# ---- inputs ----------------------------------------------------------------
for i in "import" "import --results"; do
	run "$i: a directory (exit 1)" 1 "ディレクトリです" "$S" $i "$T/dir"
	run "$i: /dev/null (exit 1)" 1 "通常のファイルではありません" "$S" $i /dev/null
	run "$i: /dev/zero (exit 1)" 1 "通常のファイルではありません" "$S" $i /dev/zero
	run "$i: a FIFO, without waiting on it (exit 1)" 1 "通常のファイルではありません" "$S" $i "$T/fifo"
	run "$i: a loop of links (exit 1)" 1 "循環しています" "$S" $i "$T/loop-a"
	run "$i: a link to nothing (exit 1)" 1 "ファイルがありません" "$S" $i "$T/dangling"
	run "$i: a name with a newline (exit 2)" 2 "制御文字" "$S" $i "$nl"
	run "$i: the database (exit 1)" 1 "データベースのファイルです" "$S" $i "$db"
	run "$i: its -wal (exit 1)" 1 "データベースのファイルです" "$S" $i "$db-wal"
	run "$i: another SQLite file (exit 1)" 1 "SQLite のデータベースです" "$S" $i "$T/copy.db"
	run "$i: nothing there (exit 1)" 1 "ファイルがありません" "$S" $i "$T/none.csv"
done

# ---- the database and the configuration ---------------------------------------
for c in plans check "export" "import $T/plan.csv" "backup $T/never.db" "user list"; do
	what=${c%% *}
	run "-d a directory: $what (exit 10)" 10 "ディレクトリ" "$bin" -d "$T/dir" $c
	run "-d /dev/zero: $what (exit 10)" 10 "通常のファイルではありません" "$bin" -d /dev/zero $c
	run "-d a FIFO: $what (exit 10)" 10 "通常のファイルではありません" "$bin" -d "$T/fifo" $c
	run "-d a loop of links: $what (exit 3)" 3 "循環しています" "$bin" -d "$T/loop-a" $c
	run "-d the database's -wal: $what (exit 10)" 10 "作業ファイルの名前です" "$bin" -d "$db-wal" $c
	run "-d a name with a newline: $what (exit 2)" 2 "制御文字" "$bin" -d "$nl" $c
	run "-d an empty name: $what (exit 2)" 2 "空か" "$bin" -d "" $c
	run "-d nothing there: $what (exit 3)" 3 "データベースがありません" "$bin" -d "$T/none.db" $c
done
check "nothing was made for a missing database" sh -c "test ! -e '$T/none.db' && test ! -e '$T/never.db'"
run "-c a directory (exit 4)" 4 "ディレクトリです" "$bin" -c "$T/dir" -d "$db" plans
run "-c /dev/null (exit 4)" 4 "通常のファイルではありません" "$bin" -c /dev/null -d "$db" plans
run "-c /dev/zero (exit 4)" 4 "通常のファイルではありません" "$bin" -c /dev/zero -d "$db" plans
run "-c a FIFO, without waiting on it (exit 4)" 4 "通常のファイルではありません" "$bin" -c "$T/fifo" -d "$db" plans
run "SHISAKU_CONFIG a FIFO (exit 4)" 4 "通常のファイルではありません" env SHISAKU_CONFIG="$T/fifo" "$bin" -d "$db" plans
run "-c a loop of links (exit 4)" 4 "循環しています" "$bin" -c "$T/loop-a" -d "$db" plans
run "-c the database (exit 4)" 4 "NUL" "$bin" -c "$db" -d "$db" plans
run "-c a name with a newline (exit 2)" 2 "制御文字" "$bin" -c "$nl" -d "$db" plans
run "-c nothing there (exit 4)" 4 "設定ファイルがありません" "$bin" -c "$T/none.ini" -d "$db" plans

# ---- permission, a read-only file system, a full disk --------------------------------
why=""
if [ "$(id -u)" -ne 0 ]; then
	why="needs root (another login, mount)"
elif ! logins_prepare shisaku-badpaths "$bin" daemon; then
	why=$logins_why
fi
if [ -z "$why" ]; then
	L=$logins_tmp
	mkdir -m 755 "$L/ro"
	mkdir -m 555 "$L/ro/sub"
	cp "$db" "$L/d.db" && chmod 666 "$L/d.db"
	chmod 777 "$L"
	cp "$T/plan.csv" "$L/secret.csv" && chmod 600 "$L/secret.csv"
	"$bin" -d "$L/d.db" user add daemon --role planner >/dev/null
	mkdir -m 700 "$L/closed" && cp "$db" "$L/closed/c.db"
	# D ARGS: the program as the other login on its copy.
	D=$L/D
	printf '#!/bin/sh\nexec %s env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME=/ "%s" -d "%s" "$@"\n' \
	    "$(logins_as daemon)" "$L/shisaku" "$L/d.db" > "$D"
	chmod 755 "$D"
	run "export into a directory the user may not write (exit 7)" 7 \
	    "ディレクトリ $L/ro/sub に書き込む権限がありません" "$D" export -o "$L/ro/sub/x.csv"
	run "report there (exit 7)" 7 "書き込む権限がありません" \
	    "$D" report --plan yuki-ap --fy R3 -o "$L/ro/sub/x.md"
	run "backup there (exit 7)" 7 "書き込む権限がありません" "$D" backup "$L/ro/sub/x.db"
	run "init there (exit 7)" 7 "書き込む権限がありません" \
	    $(logins_as daemon) env -i PATH=/usr/bin:/bin HOME=/ "$L/shisaku" -d "$L/ro/sub/x.db" init
	run "import of a file the user may not read (exit 7)" 7 "読む権限がありません" \
	    "$D" import --dry-run "$L/secret.csv"
	run "import --results of it (exit 7)" 7 "読む権限がありません" "$D" import --results "$L/secret.csv"
	run "-d in a directory the user may not enter (exit 7)" 7 "入る権限がありません" \
	    $(logins_as daemon) env -i PATH=/usr/bin:/bin HOME=/ "$L/shisaku" -d "$L/closed/c.db" plans
	check "nothing was made there" sh -c "test -z \"\$(ls -A '$L/ro/sub')\""
fi
for c in "export into a directory the user may not write (exit 7)" "report there (exit 7)" \
    "backup there (exit 7)" "init there (exit 7)" "import of a file the user may not read (exit 7)" \
    "import --results of it (exit 7)" "-d in a directory the user may not enter (exit 7)" \
    "nothing was made there"; do
	[ -n "$why" ] && fail "$c" "not run: $why"
done

if [ -z "$why" ]; then
	mkdir "$T/rofs" "$T/full"
	if mount -t tmpfs -o size=64k,mode=755 tmpfs "$T/rofs" 2>"$T/m"; then
		mounts="$T/rofs"
		echo kept > "$T/rofs/old.csv"
		mount -o remount,ro "$T/rofs" 2>>"$T/m" || why="remount ro: $(cat "$T/m")"
	else
		why="mount tmpfs: $(cat "$T/m")"
	fi
	if [ -z "$why" ] && mount -t tmpfs -o size=96k tmpfs "$T/full" 2>"$T/m"; then
		mounts="$mounts $T/full"
		echo kept > "$T/full/old.csv"
		# Filled up to the last block.
		dd if=/dev/zero of="$T/full/filler" bs=4k 2>/dev/null
	elif [ -z "$why" ]; then
		why="mount tmpfs: $(cat "$T/m")"
	fi
fi
if [ -z "$why" ]; then
	run "export on a read-only file system (exit 7)" 7 "読み取り専用のファイルシステム" \
	    "$S" export -o "$T/rofs/old.csv"
	run "backup there (exit 7)" 7 "読み取り専用のファイルシステム" "$S" backup "$T/rofs/b.db"
	run "init there (exit 7)" 7 "読み取り専用のファイルシステム" "$bin" -d "$T/rofs/n.db" init
	run "export onto a full disk (exit 8)" 8 "ディスクがいっぱいです" "$S" export -o "$T/full/old.csv"
	run "report onto it (exit 8)" 8 "ディスクがいっぱいです" \
	    "$S" report --plan yuki-ap --fy R3 -o "$T/full/old.csv"
	run "backup onto it (exit 8)" 8 "ディスクがいっぱいです" "$S" backup "$T/full/b.db"
	run "init onto it (exit 8)" 8 "ディスクがいっぱいです" "$bin" -d "$T/full/n.db" init
	check "the file that was there is as it was" test "$(cat "$T/full/old.csv")" = kept
	check "and nothing else was left on the full disk" \
	    test "$(ls "$T/full" | tr '\n' ' ')" = "filler old.csv "
else
	for c in "export on a read-only file system (exit 7)" "backup there (exit 7)" \
	    "init there (exit 7)" "export onto a full disk (exit 8)" "report onto it (exit 8)" \
	    "backup onto it (exit 8)" "init onto it (exit 8)" \
	    "the file that was there is as it was" "and nothing else was left on the full disk"; do
		fail "$c" "not run: $why"
	done
fi
[ -n "${logins_tmp:-}" ] && rm -rf "$logins_tmp"

# ---- afterwards ------------------------------------------------------------------
check "the database is byte for byte as it was" test "$(sum "$db")" = "$before"
check "and whole" test "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok
finish
