#!/bin/sh
# Secure group mode as a shared server installs it. The tree is copied
# and installed as root with make install into a prefix under a
# temporary directory (the group shisaku created when missing, the binary
# setgid to it, the data directory root:shisaku 2770), a system
# configuration there names the database and refuses logins that are not
# users, and three real logins made for the test (a clerk, a supervisor
# and one that is not a user; userdel at the end) try what a curious
# clerk would: sqlite3 on the database, their own SHISAKU_CONFIG and -c,
# -d to a copy, to a file of the group elsewhere and through a link,
# links and hard links of their own to the database, copies (a backup
# they may make, then edit with sqlite3), a results file with another
# department's rows. Through shisaku each reads and writes as the role
# allows; around it, nothing, and what they did to a copy stays in the
# copy. Every file shisaku makes for a user is the user's, not the
# group's, and every refusal is in the history with who tried. At the
# end the database holds what the program wrote and nothing else.
#
# It needs root (useradd, groupadd, chown) and a file system that honours
# setgid; otherwise every check is listed as failed, not run.
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.."
root=$(pwd)
umask 022

why=""
# c NAME COMMAND...: a check, or "not run" once the set-up failed.
c() {
	c_name=$1
	shift
	if [ -n "$why" ]; then
		fail "$c_name" "not run: $why"
	else
		check "$c_name" "$@"
	fi
}
# step COMMAND...: a set-up step; its failure stops the rest.
step() {
	[ -n "$why" ] && return 1
	if ! "$@" > "$scratch/step" 2>&1; then
		why="set-up step failed: $* : $(head -c 400 "$scratch/step")"
		echo "STOP secure-group: $why"
		return 1
	fi
}

group=shisaku
tag=$$
clerk=skclerk$tag super=sksuper$tag stray=skstray$tag
made_users="" made_group=0 T=""
cleanup() {
	for u in $made_users; do
		userdel "$u" >/dev/null 2>&1
	done
	[ "$made_group" -eq 1 ] && groupdel "$group" >/dev/null 2>&1
	[ -n "$T" ] && rm -rf "$T"
	rm -rf "$scratch"
	# The clerk's terminal, and the socket tmux leaves behind.
	if [ -n "${tsock:-}" ]; then
		tmux -L "$tsock" kill-server 2>/dev/null
		rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$tsock"
	fi
}
trap cleanup EXIT

if [ "$(id -u)" -ne 0 ]; then
	why="installs setgid, adds a group and logins: run make test as root"
elif ! command -v setpriv >/dev/null || ! command -v useradd >/dev/null ||
    ! command -v sqlite3 >/dev/null; then
	why="needs setpriv, useradd and sqlite3"
elif [ ! -x shisaku ]; then
	why="needs the release build ./shisaku (make shisaku)"
fi

# A directory every login reaches, on a file system that honours setgid.
if [ -z "$why" ]; then
	for base in /var/tmp /tmp /dev/shm; do
		[ -d "$base" ] || continue
		if findmnt -no OPTIONS --target "$base" 2>/dev/null |
		    grep -Eq '(^|,)(nosuid|noexec)(,|$)'; then
			continue
		fi
		T=$(mktemp -d "$base/shisaku-secure.XXXXXX") && break
	done
	[ -n "$T" ] || why="no directory on a file system that honours setgid"
fi

if [ -z "$why" ]; then
	chmod 711 "$T"
	mkdir -m 700 "$T/src"
	mkdir -m 1777 "$T/w"
	W=$T/w
	getent group "$group" >/dev/null || made_group=1
	# The files git would commit, then the build with its times, so only
	# what reads the compiled-in paths is built again.
	git -C "$root" ls-files -z --cached --others --exclude-standard \
	    > "$scratch/files" 2>/dev/null &&
	    tar -C "$root" --null -T "$scratch/files" --ignore-failed-read -cf - \
	    2>/dev/null | tar -C "$T/src" -xf - ||
	    tar -C "$root" --exclude=./.git --exclude=./build --exclude=./tests/out \
	    -cf - . | tar -C "$T/src" -xf -
	tar -C "$root" -cf - build/rel build/gen shisaku | tar -C "$T/src" -xf -
fi
step make -s -C "$T/src" install PREFIX="$T/usr" SYSCONFDIR="$T/etc" \
    LOCALSTATEDIR="$T/var"
B=$T/usr/bin/shisaku
data=$T/var/lib/shisaku
DB=$data/city.db

c "make install as root made the group $group" getent group "$group"
c "the binary is setgid to it (2755 root:$group)" \
    test "$(stat -c '%a %U:%G' "$B" 2>&1)" = "2755 root:$group"
c "the data directory is root:$group 2770" \
    test "$(stat -c '%a %U:%G' "$data" 2>&1)" = "2770 root:$group"

for u in $clerk $super $stray; do
	step useradd -r -M -s /usr/sbin/nologin "$u" && made_users="$made_users $u"
done
if [ -z "$why" ]; then
	mkdir -p "$T/etc/shisaku"
	cat > "$T/etc/shisaku/shisaku.ini" <<EOF
[database]
path = city.db
[access]
unknown_user = refuse
EOF
	chmod 644 "$T/etc/shisaku/shisaku.ini"
	# What a login would try instead: its own configuration.
	cat > "$W/mine.ini" <<EOF
[database]
path = $W/mine.db
[access]
unknown_user = readonly
EOF
	chmod 644 "$W/mine.ini"
fi

# as LOGIN COMMAND...: a command as another login, with nothing of root's
# environment.
as() {
	as_login=$1
	shift
	setpriv --reuid="$(id -u "$as_login")" --regid="$(id -g "$as_login")" \
	    --clear-groups env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME="$W" "$@"
}
q() { sqlite3 -cmd ".timeout 5000" "$DB" "$1"; }	# waits out a lock

step "$B" init
step "$B" import db/samples/yuki-actionplan.csv
step "$B" user add "$clerk" --role clerk --dept 結城市/まちづくり協働課
step "$B" user add "$super" --role supervisor
step "$B" year open R3

c "init as root made the database in the data directory, 660 for the group (umask 022)" \
    test "$(stat -c '%a %G' "$DB" 2>&1)" = "660 $group"
# refusals LOGIN: how many refusals of LOGIN the history holds.
refusals() { q "SELECT count(*) FROM history WHERE field = 'refused' AND login = '$1'"; }
# What the database holds apart from the history, to compare at the end.
state() {
	sqlite3 "$DB" "SELECT login, role, coalesce(dept_id, '') FROM app_user ORDER BY login;
	    SELECT node_id, fy, coalesce(status, ''), text, entered_by, state, ver FROM result ORDER BY id;
	    SELECT fy, is_open FROM fiscal_year ORDER BY fy;
	    SELECT count(*) FROM node; SELECT count(*) FROM indicator; SELECT count(*) FROM department"
}

# ---- around the program: nothing ---------------------------------------
as "$clerk" sqlite3 "$DB" "UPDATE app_user SET role = 'planner'" \
    > "$scratch/o" 2>&1; rc=$?
c "the clerk cannot open the database with sqlite3" \
    sh -c "test $rc -ne 0 && grep -qi 'unable to open\|permission denied' '$scratch/o'"
as "$clerk" ls "$data" > /dev/null 2>&1; rc=$?
c "nor list the data directory" test "$rc" -ne 0
c "the clerk is still a clerk" test "$(q "SELECT role FROM app_user WHERE login = '$clerk'")" = clerk
as "$super" sqlite3 "$DB" "SELECT count(*) FROM app_user" > "$scratch/o" 2>&1; rc=$?
c "nor can the supervisor" test "$rc" -ne 0
as "$stray" sqlite3 "$DB" "SELECT count(*) FROM app_user" > "$scratch/o" 2>&1; rc=$?
c "nor the login that is not a user" test "$rc" -ne 0
as "$clerk" cp "$DB" "$W/stolen.db" > "$scratch/o" 2>&1; rc=$?
c "the clerk cannot copy the database" sh -c "test $rc -ne 0 && test ! -s '$W/stolen.db'"
as "$clerk" ln "$DB" "$W/hard.db" > "$scratch/o" 2>&1; rc=$?
c "nor make a hard link to it" sh -c "test $rc -ne 0 && test ! -e '$W/hard.db'"
as "$clerk" ln -s "$DB" "$W/mine-link.db" > "$scratch/o" 2>&1
as "$clerk" sqlite3 "$W/mine-link.db" "UPDATE app_user SET role = 'planner'" \
    > "$scratch/o" 2>&1; rc=$?
c "a link of the clerk's own does not open it with sqlite3" test "$rc" -ne 0

# ---- through the program: as the role allows -----------------------------
as "$clerk" "$B" plans > "$scratch/o" 2>&1; rc=$?
c "through shisaku the clerk reads the database" \
    sh -c "test $rc -eq 0 && grep -q '^yuki-ap' '$scratch/o'"
as "$clerk" "$B" export --results --plan yuki-ap --fy R3 -o "$W/c.csv" \
    > "$scratch/o" 2>&1; rc=$?
c "the clerk's export is written" test "$rc" -eq 0
c "as the clerk's file, not the group's" \
    test "$(stat -c '%U:%G' "$W/c.csv" 2>&1)" = "$clerk:$(id -gn "$clerk")"
if [ -z "$why" ]; then
	awk -F, 'BEGIN { OFS = "," }
	    $1 == "result" && $3 == "1" { $5 = "実施中"; $8 = "出前講座を開いた" }
	    { print }' "$W/c.csv" > "$W/c-filled.csv"
	chmod 644 "$W/c-filled.csv"
fi
as "$clerk" "$B" import --results "$W/c-filled.csv" > "$scratch/o" 2>&1; rc=$?
c "the clerk's results are written through shisaku (after the group was lowered)" \
    sh -c "test $rc -eq 0 && test \"\$(sqlite3 '$DB' \"SELECT entered_by FROM result r JOIN node n ON n.id = r.node_id WHERE n.key = '1' AND r.fy = 2021\")\" = '$clerk'"
# From here on every login only tries what is refused.
state_after=$(state)
before=$(refusals "$clerk")
as "$clerk" "$B" user add "$clerk" --role planner > "$scratch/o" 2>&1; rc=$?
c "the clerk cannot make itself a planner through shisaku (exit 5)" test "$rc" -eq 5
c "and that refusal is in the history with who tried" \
    test "$(refusals "$clerk")" -eq $((before + 1))
# A row of another department's item in the clerk's results file.
if [ -z "$why" ]; then
	awk -F, 'BEGIN { OFS = "," }
	    $1 == "result" && $3 == "26" { $5 = "完了"; $8 = "他課の実績を書き換えた" }
	    { print }' "$W/c.csv" > "$W/c-other.csv"
	chmod 644 "$W/c-other.csv"
fi
before=$(refusals "$clerk")
as "$clerk" "$B" import --results "$W/c-other.csv" > "$scratch/o" 2>&1; rc=$?
c "another department's row in a results file is refused (exit 1)" \
    sh -c "test $rc -eq 1 && grep -q '担当ではありません' '$scratch/o'"
c "and that refusal is in the history with who tried and which item" \
    test "$(q "SELECT count(*) FROM history h JOIN node n ON n.id = h.node_id
        WHERE h.field = 'refused' AND h.login = '$clerk' AND n.key = '26' AND h.fy = 2021
        AND h.new_value LIKE '%担当ではありません%'")" -eq 1
as "$clerk" "$B" import db/samples/yuki-actionplan.csv > "$scratch/o" 2>&1; rc=$?
c "the clerk cannot load a plan (exit 5)" test "$rc" -eq 5
as "$clerk" "$B" year close R3 > "$scratch/o" 2>&1; rc=$?
c "nor close the year (exit 5)" test "$rc" -eq 5
c "both refusals are in the history" test "$(refusals "$clerk")" -eq $((before + 3))
as "$clerk" "$B" backup "$W/b.db" > "$scratch/o" 2>&1; rc=$?
c "the clerk's backup is written as the clerk's file" \
    sh -c "test $rc -eq 0 && test \"\$(stat -c '%U:%G' '$W/b.db')\" = '$clerk:$(id -gn "$clerk")'"
as "$clerk" "$B" export --plan yuki-ap -o "$data/x.csv" > "$scratch/o" 2>&1; rc=$?
c "an export into the data directory is refused (the user's own ids)" \
    sh -c "test $rc -ne 0 && test ! -e '$data/x.csv'"
before=$(refusals "$clerk")
as "$clerk" "$B" -c "$DB" plans > "$scratch/o" 2>&1; rc=$?
c "a configuration file is read with the user's ids (-c the database: exit 4)" \
    sh -c "test $rc -eq 4 && grep -q 'Permission denied' '$scratch/o'"
as "$clerk" env SHISAKU_CONFIG="$W/mine-link.db" "$B" plans > "$scratch/o" 2>&1; rc=$?
c "so is SHISAKU_CONFIG through a link to the database (exit 4)" \
    sh -c "test $rc -eq 4 && grep -q 'Permission denied' '$scratch/o'"
c "both are in the history with who tried" test "$(refusals "$clerk")" -eq $((before + 2))
before=$(refusals "$clerk")
as "$clerk" env SHISAKU_CONFIG="$W/mine.ini" "$B" plans > "$scratch/o" 2>&1; rc=$?
c "the clerk's own SHISAKU_CONFIG does not move the database" \
    sh -c "test $rc -eq 0 && grep -q '^yuki-ap' '$scratch/o' && test ! -e '$W/mine.db'"
c "and the clerk is told so" grep -q '注意: .*mine.ini の \[database\] path' "$scratch/o"
c "the attempt is in the history with who tried" \
    test "$(q "SELECT count(*) FROM history WHERE field = 'refused' AND login = '$clerk'
        AND new_value LIKE '%mine.ini%unknown_user = readonly%'")" -eq 1
as "$super" "$B" check > "$scratch/o" 2>&1; rc=$?
c "the supervisor checks the database through shisaku" test "$rc" -eq 0
before=$(refusals "$super")
as "$super" "$B" user set "$super" --role planner > "$scratch/o" 2>&1; rc=$?
c "the supervisor cannot make itself a planner (exit 5)" test "$rc" -eq 5
as "$super" "$B" -c "$W/mine.ini" import --replace db/samples/yuki-actionplan.csv \
    > "$scratch/o" 2>&1; rc=$?
c "nor replace a plan, whatever its configuration says (exit 5)" test "$rc" -eq 5
c "the supervisor's refusals are in the history" \
    test "$(refusals "$super")" -eq $((before + 3))
# A copy the clerk may make: its own file, to do with as it likes.
as "$clerk" sqlite3 "$W/b.db" "UPDATE app_user SET role = 'planner' WHERE login = '$clerk'" \
    > "$scratch/o" 2>&1; rc=$?
c "the clerk can make itself a planner in its own backup" test "$rc" -eq 0
as "$clerk" "$B" -d "$W/b.db" user add "$stray" --role planner > "$scratch/o" 2>&1; rc=$?
c "and add users there" test "$rc" -eq 0
c "but in the database it is still a clerk" \
    test "$(q "SELECT role FROM app_user WHERE login = '$clerk'")" = clerk
c "and the other login is still not a user" \
    test "$(q "SELECT count(*) FROM app_user WHERE login = '$stray'")" -eq 0

# ---- a login that is not a user -------------------------------------------
as "$stray" "$B" plans > "$scratch/o" 2>&1; rc=$?
c "a login that is not a user is refused (exit 5)" \
    sh -c "test $rc -eq 5 && grep -q '登録されていません' '$scratch/o'"
as "$stray" env SHISAKU_CONFIG="$W/mine.ini" "$B" export --plan yuki-ap \
    > "$scratch/o" 2>&1; rc=$?
c "even with its own SHISAKU_CONFIG saying readonly" test "$rc" -eq 5
as "$stray" "$B" -c "$W/mine.ini" backup "$W/s.db" > "$scratch/o" 2>&1; rc=$?
c "or with -c" sh -c "test $rc -eq 5 && test ! -e '$W/s.db'"
# Each attempt is one row; a configuration of its own that tried to say
# who reaches the database is another.
c "each refusal is in the history with who tried" \
    test "$(refusals "$stray")" -eq 5
c "its configuration's attempt among them" \
    test "$(q "SELECT count(*) FROM history WHERE field = 'refused' AND login = '$stray'
        AND new_value LIKE '%unknown_user = readonly%'")" -eq 2
as "$stray" "$B" import --results "$W/c-filled.csv" > "$scratch/o" 2>&1; rc=$?
c "nor may it load results (exit 5)" test "$rc" -eq 5
as "$stray" env TERM=xterm "$B" > "$scratch/o" 2>&1 < /dev/null; rc=$?
c "nor open the interface (exit 5)" test "$rc" -eq 5
c "both in the history" test "$(refusals "$stray")" -eq 7

# ---- -d elsewhere: without the group -----------------------------------------
if [ -z "$why" ]; then
	cp "$DB" "$W/copy.db" && chown "$clerk" "$W/copy.db" && chmod 600 "$W/copy.db"
	cp "$DB" "$W/grp.db" && chown "root:$group" "$W/grp.db" && chmod 660 "$W/grp.db"
	ln -s "$DB" "$W/link.db"
fi
as "$clerk" "$B" -d "$W/copy.db" plans > "$scratch/o" 2>&1; rc=$?
c "-d to the clerk's own copy elsewhere works" \
    sh -c "test $rc -eq 0 && grep -q '^yuki-ap' '$scratch/o'"
as "$clerk" "$B" -d "$W/grp.db" plans > "$scratch/o" 2>&1; rc=$?
c "-d to a file of the group outside the data directory runs without the group (exit 7)" \
    sh -c "test $rc -eq 7 && grep -q '権限がありません' '$scratch/o'"
before=$(refusals "$clerk")
as "$clerk" "$B" -d "$W/link.db" plans > "$scratch/o" 2>&1; rc=$?
c "a link from outside to the database is refused with the reason (exit 7)" \
    sh -c "test $rc -eq 7 && grep -q 'リンクからは開けません' '$scratch/o'"
as "$clerk" "$B" -d "$W/mine-link.db" user add "$clerk" --role planner \
    > "$scratch/o" 2>&1; rc=$?
c "so is the clerk's own link (exit 7)" test "$rc" -eq 7
c "both are in the history with who tried" test "$(refusals "$clerk")" -eq $((before + 2))
as "$clerk" "$B" -d "$data/../$(basename "$data")/city.db" plans > "$scratch/o" 2>&1; rc=$?
c "the database named another way inside the data directory opens as usual" \
    sh -c "test $rc -eq 0 && grep -q '^yuki-ap' '$scratch/o'"
as "$clerk" "$B" -d "$data/none.db" plans > "$scratch/o" 2>&1; rc=$?
c "a name in the data directory that is not there: missing (exit 3), nothing made" \
    sh -c "test $rc -eq 3 && test ! -e '$data/none.db'"
if [ -z "$why" ]; then
	cp "$DB" "$W/shared.db" && chown "root:$group" "$W/shared.db" && chmod 664 "$W/shared.db"
	mkdir -m 755 "$W/ro" && mv "$W/shared.db" "$W/ro/shared.db"
fi
as "$clerk" "$B" -d "$W/ro/shared.db" plans > "$scratch/o" 2>&1; rc=$?
c "a file of the group elsewhere that others may read is read without the group" \
    sh -c "test $rc -eq 0 && grep -q '^yuki-ap' '$scratch/o'"
as "$clerk" "$B" -d "$W/ro/shared.db" year open R4 > "$scratch/o" 2>&1; rc=$?
c "but not written (exit 7)" \
    sh -c "test $rc -eq 7 && test \"\$(sqlite3 '$W/ro/shared.db' 'SELECT count(*) FROM fiscal_year WHERE fy = 2022')\" -eq 0"

# ---- the clerk's editor: the user alone, no group, no database ---------------
# In the results form C-x C-e runs the clerk's EDITOR (a script that says
# what it was given, then appends a line): it runs with the clerk's own
# ids in full (real, effective, saved and file-system group), without the
# group, holding no descriptor of the database, on a 0600 file of the
# clerk's that is gone afterwards; the text it wrote is saved through
# the program.
tsock=shisaku-secure-$tag
if [ -z "$why" ]; then
	cat > "$W/ed.sh" <<EOF
#!/bin/sh
grep '^Gid:' /proc/\$\$/status > '$W/ed-gid'
id -G > '$W/ed-groups'
stat -c '%a %U' "\$1" > '$W/ed-file'
printf '%s\\n' "\$1" > '$W/ed-path'
for f in /proc/\$\$/fd/*; do readlink "\$f"; done > '$W/ed-fds' 2>&1
printf '編集した行　全角空白も\\n' >> "\$1"
EOF
	chmod 755 "$W/ed.sh"
	tmux -L "$tsock" -f /dev/null new-session -d -s main -x 100 -y 30 \
	    'sleep 86400'
	tmux -L "$tsock" set-option -g status off
	tmux -L "$tsock" respawn-pane -k -t main "setpriv \
	    --reuid=$(id -u "$clerk") --regid=$(id -g "$clerk") --clear-groups \
	    env -i PATH=/usr/bin:/bin LANG=C.UTF-8 TERM=xterm-256color \
	    ESCDELAY=50 HOME='$W' EDITOR='$W/ed.sh' '$B'; sleep 86400"
fi
# tscreen_has TEXT: waits (up to 20 s) until the clerk's screen shows TEXT.
tscreen_has() {
	[ -n "$why" ] && return 1
	for i in $(seq 1 200); do
		tmux -L "$tsock" capture-pane -p -t main 2>/dev/null |
		    grep -qF -- "$1" && return 0
		sleep 0.1
	done
	return 1
}
c "the clerk's TUI runs setgid, on its own work" tscreen_has "自分の仕事"
[ -z "$why" ] && tmux -L "$tsock" send-keys -t main Enter
c "the clerk opens a results form" tscreen_has "実績入力（令和3年度）"
[ -z "$why" ] && tmux -L "$tsock" send-keys -t main C-x C-e
c "C-x C-e puts the editor's text in the field" \
    tscreen_has "編集した行　全角空白も"
cgid=$(id -g "$clerk" 2>/dev/null)
sgid=$(getent group "$group" | cut -d: -f3)
c "the editor runs with the clerk's group in every id, not $group" \
    sh -c "printf 'Gid:\t$cgid\t$cgid\t$cgid\t$cgid\n' | cmp -s - '$W/ed-gid'"
c "and without $group among its groups" \
    sh -c "test -s '$W/ed-groups' && ! grep -qw '$sgid' '$W/ed-groups'"
c "on a file of the clerk's alone (0600)" \
    test "$(cat "$W/ed-file" 2>&1)" = "600 $clerk"
c "removed afterwards" \
    sh -c "p=\$(cat '$W/ed-path') && test -n \"\$p\" && test ! -e \"\$p\""
c "holding no descriptor of the database or its data directory" \
    sh -c "test -s '$W/ed-fds' && ! grep -q '$data' '$W/ed-fds'"
c "up to the clerk's save, the database holds what the program wrote" \
    test "$(state)" = "$state_after"
[ -z "$why" ] && tmux -L "$tsock" send-keys -t main C-s
c "the clerk saves the text from the editor" tscreen_has "保存しました"
c "db: the editor's line is in the result" \
    sh -c "sqlite3 '$DB' \"SELECT text FROM result WHERE entered_by = '$clerk'\" | grep -qF '編集した行　全角空白も'"
# The save is the program's write: what the database holds from now on.
state_after=$(state)
tmux -L "$tsock" kill-server 2>/dev/null
# The hang-up makes the program keep a draft and close the database: the
# checks below read it once the clerk's process has gone.
for i in $(seq 1 200); do
	pgrep -u "$clerk" -f "$B" > /dev/null 2>&1 || break
	sleep 0.1
done

# ---- a planner's first import into a new database of the data directory ------
F=$data/first.db
[ -z "$why" ] && cp db/samples/yuki-actionplan.csv "$W/yuki.csv" &&
    chmod 644 "$W/yuki.csv"
step "$B" -d "$F" init
step "$B" -d "$F" user add "$super" --role planner
as "$super" "$B" -d "$F" import "$W/yuki.csv" > "$scratch/o" 2>&1; rc=$?
c "a planner loads the first plan of an empty database of the group" \
    sh -c "test $rc -eq 0 && grep -q '読み込みました' '$scratch/o'"
c "db: the plan is there, through the log, nothing left beside it" \
    test "$(sqlite3 "$F" "PRAGMA journal_mode; SELECT count(*) FROM plan" 2>&1 |
        tr '\n' ' ')" = "wal 1 "
c "the new database is the group's, 660" \
    test "$(stat -c '%a %G' "$F" 2>&1)" = "660 $group"

# ---- afterwards ----------------------------------------------------------------
c "the database is whole" test "$(q "PRAGMA integrity_check")" = ok
c "and holds what the program wrote, nothing else" test "$(state)" = "$state_after"
c "every file in the data directory is the group's" \
    test -z "$(find "$data" ! -group "$group" 2>&1)"
c "the users made for the test are there until the end" \
    sh -c "id '$clerk' && id '$super' && id '$stray'"
finish
