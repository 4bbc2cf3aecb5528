#!/bin/sh
# Secure group mode as a shared server installs it. The tree is copied
# and installed as root with make install into a prefix under a
# temporary directory (the group shisaku created when missing, the binary
# setgid to it, the data directory root:shisaku 2770), a system
# configuration there names the database and refuses logins that are not
# users, and three real logins made for the test (a clerk, a supervisor
# and one that is not a user; userdel at the end) try what a curious
# clerk would: sqlite3 on the database, their own SHISAKU_CONFIG and -c,
# -d to a copy, to a file of the group elsewhere and through a link.
# Through shisaku the clerk reads and writes as the role allows; around
# it, nothing. Every file shisaku makes for a user is the user's, not the
# group's, and every refusal is in the history with who tried.
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
q() { sqlite3 "$DB" "$1"; }

step "$B" init
step "$B" import db/samples/yuki-actionplan.csv
step "$B" user add "$clerk" --role clerk --dept 結城市/まちづくり協働課
step "$B" user add "$super" --role supervisor
step "$B" year open R3

c "init as root made the database in the data directory, 660 for the group (umask 022)" \
    test "$(stat -c '%a %G' "$DB" 2>&1)" = "660 $group"

# ---- around the program: nothing ---------------------------------------
as "$clerk" sqlite3 "$DB" "UPDATE app_user SET role = 'planner'" \
    > "$scratch/o" 2>&1; rc=$?
c "the clerk cannot open the database with sqlite3" \
    sh -c "test $rc -ne 0 && grep -qi 'unable to open\|permission denied' '$scratch/o'"
as "$clerk" ls "$data" > /dev/null 2>&1; rc=$?
c "nor list the data directory" test "$rc" -ne 0
c "the clerk is still a clerk" test "$(q "SELECT role FROM app_user WHERE login = '$clerk'")" = clerk

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
as "$clerk" "$B" user add "$clerk" --role planner > "$scratch/o" 2>&1; rc=$?
c "the clerk cannot make itself a planner through shisaku (exit 5)" test "$rc" -eq 5
c "and that refusal is in the history with who tried" \
    test "$(q "SELECT count(*) FROM history WHERE field = 'refused' AND login = '$clerk'")" -ge 1
as "$clerk" "$B" backup "$W/b.db" > "$scratch/o" 2>&1; rc=$?
c "the clerk's backup is written as the clerk's file" \
    sh -c "test $rc -eq 0 && test \"\$(stat -c '%U:%G' '$W/b.db')\" = '$clerk:$(id -gn "$clerk")'"
as "$clerk" "$B" export --plan yuki-ap -o "$data/x.csv" > "$scratch/o" 2>&1; rc=$?
c "an export into the data directory is refused (the user's own ids)" \
    sh -c "test $rc -ne 0 && test ! -e '$data/x.csv'"
as "$clerk" "$B" -c "$DB" plans > "$scratch/o" 2>&1; rc=$?
c "a configuration file is read with the user's ids (-c the database: exit 4)" \
    sh -c "test $rc -eq 4 && grep -q 'Permission denied' '$scratch/o'"
as "$clerk" env SHISAKU_CONFIG="$W/mine.ini" "$B" plans > "$scratch/o" 2>&1; rc=$?
c "the clerk's own SHISAKU_CONFIG does not move the database" \
    sh -c "test $rc -eq 0 && grep -q '^yuki-ap' '$scratch/o' && test ! -e '$W/mine.db'"
as "$super" "$B" check > "$scratch/o" 2>&1; rc=$?
c "the supervisor checks the database through shisaku" test "$rc" -eq 0

# ---- a login that is not a user -------------------------------------------
as "$stray" "$B" plans > "$scratch/o" 2>&1; rc=$?
c "a login that is not a user is refused (exit 5)" \
    sh -c "test $rc -eq 5 && grep -q '登録されていません' '$scratch/o'"
as "$stray" env SHISAKU_CONFIG="$W/mine.ini" "$B" export --plan yuki-ap \
    > "$scratch/o" 2>&1; rc=$?
c "even with its own SHISAKU_CONFIG saying readonly" test "$rc" -eq 5
as "$stray" "$B" -c "$W/mine.ini" backup "$W/s.db" > "$scratch/o" 2>&1; rc=$?
c "or with -c" sh -c "test $rc -eq 5 && test ! -e '$W/s.db'"
c "each refusal is in the history with who tried" \
    test "$(q "SELECT count(*) FROM history WHERE field = 'refused' AND login = '$stray'")" -eq 3

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
as "$clerk" "$B" -d "$W/link.db" plans > "$scratch/o" 2>&1; rc=$?
c "so does a link from outside to the database (exit 7)" test "$rc" -eq 7

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
[ -z "$why" ] && tmux -L "$tsock" send-keys -t main C-s
c "the clerk saves the text from the editor" tscreen_has "保存しました"
c "db: the editor's line is in the result" \
    sh -c "sqlite3 '$DB' \"SELECT text FROM result WHERE entered_by = '$clerk'\" | grep -qF '編集した行　全角空白も'"
tmux -L "$tsock" kill-server 2>/dev/null

# ---- afterwards ----------------------------------------------------------------
c "the database is whole" test "$(q "PRAGMA integrity_check")" = ok
c "every file in the data directory is the group's" \
    test -z "$(find "$data" ! -group "$group" 2>&1)"
c "the users made for the test are there until the end" \
    sh -c "id '$clerk' && id '$super' && id '$stray'"
finish
