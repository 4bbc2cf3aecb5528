#!/bin/sh
# Limits on what is read and the exit status of every failure, as
# shisaku(1) EXIT STATUS lists them: a configuration of thousands of
# sections refused in well under a second (exit 4), a bad [keys] entry
# (4), the interface with no terminal, an unknown TERM or TERM=dumb (12,
# with the reason, never a garbled screen), a FIFO or /dev/zero given to
# import (refused before reading), a database locked by another writer
# (6, naming the holder), a file that is not SQLite (10), one cut short
# (9), one of a newer shisaku (11), and a directory that cannot be
# entered (7, run as another login).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../logins.sh"
cd "$(dirname "$0")/../.."
bin=${SHISAKU_BIN:-build/san/shisaku}
db=$scratch/l.db
"$bin" -d "$db" init >/dev/null || { fail "set-up" "init failed"; finish; exit 1; }

# status NAME WANT GREP COMMAND...: exit status WANT and GREP in stderr.
status() {
	s_name=$1 s_want=$2 s_grep=$3
	shift 3
	"$@" > "$scratch/so" 2> "$scratch/se" < /dev/null
	s_rc=$?
	if [ "$s_rc" -eq "$s_want" ] && grep -q -- "$s_grep" "$scratch/se"; then
		pass "$s_name"
	else
		fail "$s_name" "exit $s_rc (want $s_want): $(head -c 300 "$scratch/se")"
	fi
}

# ---- configuration ------------------------------------------------------------
awk 'BEGIN { for (i = 0; i < 8000; i++) printf "[s%d]\nk = v\n", i }' > "$scratch/big.ini"
t0=$(date +%s%N)
status "an 8,000-section config is refused (exit 4)" 4 "セクションが多すぎます" \
    "$bin" -c "$scratch/big.ini" -d "$db" plans
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
check "in well under a second (${ms} ms)" test "$ms" -lt 1000
printf '[keys]\nup = Florp\n' > "$scratch/keys.ini"
if command -v script >/dev/null; then
	script -qec "'$bin' -c '$scratch/keys.ini' -d '$db'" /dev/null \
	    > "$scratch/se" 2>&1 < /dev/null
	rc=$?
	check "a bad [keys] entry stops the interface with exit 4, naming it" \
	    sh -c "test $rc -eq 4 && grep -q 'Florp' '$scratch/se'"
else
	fail "a bad [keys] entry stops the interface with exit 4, naming it" "needs script (util-linux)"
fi

# ---- the terminal ---------------------------------------------------------------
status "no terminal on standard input: exit 12" 12 "標準入力が端末ではありません" \
    env TERM=xterm "$bin" -d "$db"
if command -v script >/dev/null; then
	for t in dumb nosuchterminal; do
		script -qec "env TERM=$t '$bin' -d '$db'" /dev/null > "$scratch/se" 2>&1 < /dev/null
		rc=$?
		check "TERM=$t: exit 12 with the reason" \
		    sh -c "test $rc -eq 12 && grep -q '画面を表示できません' '$scratch/se'"
		check "TERM=$t: nothing drawn" sh -c "! grep -q '計画一覧' '$scratch/se'"
	done
else
	for t in dumb nosuchterminal; do
		fail "TERM=$t: exit 12 with the reason" "needs script (util-linux)"
		fail "TERM=$t: nothing drawn" "needs script (util-linux)"
	done
fi

# ---- files that are not plans ------------------------------------------------------
mkfifo "$scratch/fifo"
status "a FIFO given to import is refused before reading (exit 1)" 1 "通常のファイルではありません\|FIFO" \
    timeout 10 "$bin" -d "$db" import "$scratch/fifo"
status "/dev/zero given to import is refused before reading (exit 1)" 1 "通常のファイルではありません\|デバイス" \
    timeout 10 "$bin" -d "$db" import /dev/zero

# ---- the database ---------------------------------------------------------------------
printf 'plan,code\n' > "$scratch/text.db"
status "a text file is not a shisaku database (exit 10)" 10 "SQLite のファイルではありません" \
    "$bin" -d "$scratch/text.db" plans
head -c 3000 "$db" > "$scratch/cut.db"
status "a database cut short (exit 9)" 9 "途中で切れています" \
    "$bin" -d "$scratch/cut.db" plans
cp "$db" "$scratch/newer.db"
sqlite3 "$scratch/newer.db" "PRAGMA user_version = 99"
status "a database of a newer shisaku (exit 11)" 11 "新しい版" \
    "$bin" -d "$scratch/newer.db" plans
printf '[database]\nbusy_timeout = 200\n' > "$scratch/fast.ini"
sqlite3 "$db" "BEGIN IMMEDIATE; SELECT 1;" ".shell sleep 4" > /dev/null 2>&1 &
holder=$!
# Wait for the lock to be taken (the writer's shell shows in /proc/locks).
i=0
while [ "$i" -lt 100 ] && ! grep -q "POSIX.*WRITE $holder " /proc/locks 2>/dev/null; do
	sleep 0.05
	i=$((i + 1))
done
status "a database locked by another writer (exit 6), naming who" 6 "（$(id -un)（PID $holder）が使用中）" \
    "$bin" -c "$scratch/fast.ini" -d "$db" year open R5
status "while it can still be read" 0 "" sh -c "'$bin' -d '$db' plans 2>&1; echo >&2"
wait "$holder"

# nobody_refused NAME TEXT ARGS...: the program, run by the login nobody
# with ARGS, exits 7 and says TEXT.
nobody_refused() {
	n_name=$1 n_text=$2
	shift 2
	$(logins_as nobody) env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME=/ \
	    "$logins_tmp/shisaku" "$@" > "$scratch/so" 2> "$scratch/se"
	n_rc=$?
	check "$n_name" sh -c "test $n_rc -eq 7 && grep -q '$n_text' '$scratch/se'"
}

if logins_prepare shisaku-limits "$bin" nobody; then
	mkdir -m 700 "$logins_tmp/closed"
	cp "$db" "$logins_tmp/closed/l.db"
	nobody_refused "a directory that cannot be entered: exit 7, naming the directory" \
	    "ディレクトリ $logins_tmp/closed" -d "$logins_tmp/closed/l.db" plans
	mkdir -m 755 "$logins_tmp/ro"
	cp "$db" "$logins_tmp/ro/l.db"
	chmod 644 "$logins_tmp/ro/l.db"
	nobody_refused "a database the login cannot write: exit 7, naming the file" \
	    "$logins_tmp/ro/l.db に書き込む権限がありません" \
	    -d "$logins_tmp/ro/l.db" year open R5
	# A write cut short (its pages half written, the journal left) by a
	# program that writes with a rollback journal, in a file the login
	# can only read: it names the journal and who can put the file back;
	# a login that can write does so on opening.
	cp "$db" "$logins_tmp/ro/h.db"
	sqlite3 "$logins_tmp/ro/h.db" "PRAGMA journal_mode = DELETE" \
	    "PRAGMA cache_size = 1" "BEGIN IMMEDIATE" \
	    "UPDATE app_user SET name = hex(randomblob(200000))" \
	    ".shell cp $logins_tmp/ro/h.db-journal $logins_tmp/ro/cut.db-journal" \
	    ".shell cp $logins_tmp/ro/h.db $logins_tmp/ro/cut.db" "ROLLBACK" \
	    > /dev/null 2>&1
	check "a copy taken with its journal, mid-write" \
	    test -s "$logins_tmp/ro/cut.db-journal"
	chmod 644 "$logins_tmp/ro/cut.db" "$logins_tmp/ro/cut.db-journal"
	nobody_refused "a write cut short, read by a login that cannot write: exit 7, naming the journal" \
	    "cut.db-journal が残っています" -d "$logins_tmp/ro/cut.db" plans
	check "a login that can write puts it back" sh -c \
	    "'$bin' -d '$logins_tmp/ro/cut.db' plans > /dev/null &&
	    test ! -e '$logins_tmp/ro/cut.db-journal' &&
	    test \"\$(sqlite3 '$logins_tmp/ro/cut.db' \"SELECT max(length(name)) < 1000 FROM app_user\")\" = 1"
	rm -rf "$logins_tmp"
else
	fail "a directory that cannot be entered: exit 7, naming the directory" "not run: $logins_why"
	fail "a database the login cannot write: exit 7, naming the file" "not run: $logins_why"
	fail "a copy taken with its journal, mid-write" "not run: $logins_why"
	fail "a write cut short, read by a login that cannot write: exit 7, naming the journal" "not run: $logins_why"
	fail "a login that can write puts it back" "not run: $logins_why"
fi
finish
