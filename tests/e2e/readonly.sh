#!/bin/sh
# A database the user cannot write is opened read-only, and says so. A
# planner (daemon) is given a copy of the sample database that is not
# theirs to write: root's file, mode 644, in a directory only root
# writes. The interface opens on it with 読み取り専用 and the reason on
# the title line; the keys that would change something (a, m, D on the
# tree, typing into the results form, C-s) say at once that it is
# read-only instead of opening a form whose save must fail. The commands
# that only read (plans, export, check) work on it, a command that writes
# is refused with exit 7, and nothing creates a file beside it: the
# database and its directory are as they were. A second copy in a
# directory everyone writes (mode 1777) but in a file only root writes
# gets no -wal or -shm of the reader's either.
e2e_logins="daemon"
. "$(dirname "$0")/lib.sh"
[ -z "$e2e_logins_why" ] || e2e_abandon "$e2e_logins_why"

master=$(e2e_sample_master) || { fail "sample database"; e2e_abandon "no sample database"; }
cat > "$e2e_config" <<'EOF'
[calendar]
current_year = 2021
year_display = era
EOF
ro=$e2e_tmp/ro
shared=$e2e_tmp/shared
if e2e_live; then
	"$e2e_bin" -c "$e2e_config" -d "$master" user add daemon --role planner \
	    >/dev/null 2>&1 || fail "user add daemon"
	mkdir -m 755 "$ro"
	mkdir -m 1777 "$shared"
	cp "$master" "$ro/city.db"
	cp "$master" "$shared/city.db"
	chmod 644 "$ro/city.db" "$shared/city.db"
	# The sanitizer reports of the other login go to the scratch
	# directory.
	chmod 1777 "$e2e_tmp"
fi
listing() { ls -la "$1" | awk '{ print $1, $3, $NF }'; }
ro_sum=$(md5sum < "$ro/city.db")
ro_list=$(listing "$ro")
shared_sum=$(md5sum < "$shared/city.db")

as_daemon() {
	$(logins_as daemon) env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME=/ \
	    "$e2e_bin" -c "$e2e_config" "$@"
}

# ---- the commands --------------------------------------------------------
if e2e_live; then
	as_daemon -d "$ro/city.db" plans > "$e2e_tmp/o" 2>&1; rc=$?
	[ "$rc" -eq 0 ] && grep -q '^yuki-ap' "$e2e_tmp/o" &&
	    pass "plans reads the database it cannot write" ||
	    fail "plans reads the database it cannot write" "exit $rc: $(head -c 300 "$e2e_tmp/o")"
	as_daemon -d "$ro/city.db" export --plan yuki-ap > "$e2e_tmp/o" 2>&1; rc=$?
	[ "$rc" -eq 0 ] && grep -q '^plan,yuki-ap' "$e2e_tmp/o" &&
	    pass "so does export" || fail "so does export" "exit $rc: $(head -c 300 "$e2e_tmp/o")"
	as_daemon -d "$ro/city.db" check > "$e2e_tmp/o" 2>&1; rc=$?
	[ "$rc" -eq 0 ] && pass "and check" || fail "and check" "exit $rc: $(head -c 300 "$e2e_tmp/o")"
	as_daemon -d "$ro/city.db" year open R4 > "$e2e_tmp/o" 2>&1; rc=$?
	[ "$rc" -eq 7 ] && grep -q '書き込む権限がありません' "$e2e_tmp/o" &&
	    pass "a command that writes is refused with the reason (exit 7)" ||
	    fail "a command that writes is refused with the reason (exit 7)" \
	    "exit $rc: $(head -c 300 "$e2e_tmp/o")"
	as_daemon -d "$shared/city.db" plans > "$e2e_tmp/o" 2>&1; rc=$?
	[ "$rc" -eq 0 ] && [ ! -e "$shared/city.db-wal" ] && [ ! -e "$shared/city.db-shm" ] &&
	    pass "a reader leaves no -wal or -shm of its own in a shared directory" ||
	    fail "a reader leaves no -wal or -shm of its own in a shared directory" \
	    "exit $rc: $(listing "$shared")"
else
	for c in "plans reads the database it cannot write" "so does export" "and check" \
	    "a command that writes is refused with the reason (exit 7)" \
	    "a reader leaves no -wal or -shm of its own in a shared directory"; do
		e2e_not_run "$c"
	done
fi

# ---- the interface ----------------------------------------------------------
e2e_bin_saved=$e2e_bin
e2e_bin="$e2e_tmp/as-daemon.sh"
if e2e_live; then
	cat > "$e2e_bin" <<EOF
#!/bin/sh
exec $(logins_as daemon) '$e2e_bin_saved' "\$@"
EOF
	chmod 755 "$e2e_bin"
fi
e2e_start "$ro/city.db" 100 30 || { fail "start as daemon"; e2e_abandon "tmux did not start"; }
e2e_expect "the title line says read-only and why" "読み取り専用: ファイルに書込権限なし"
e2e_expect "the bottom line gives the whole reason" \
    "読み取り専用で開いています（$ro/city.db に書き込む権限がありません）"
e2e_expect "the plans list is shown" "計画一覧"
e2e_keys /
e2e_type '結城'
e2e_keys Enter Enter
e2e_expect "the tree opens" "施策体系（令和3年度）"
e2e_keys a
e2e_expect "a says at once that nothing can be changed" "読み取り専用で開いています（"
e2e_expect_not "and opens no form" "を追加"
e2e_keys m
e2e_expect "so does m" "読み取り専用で開いています（"
e2e_expect_not "with no form" "を修正"
e2e_keys /
e2e_type "No.1 "
e2e_keys Enter
e2e_expect "an action item" "[取組内容] No.1 "
e2e_keys E
e2e_expect "E opens the results form to look at, saying why" "取組実績" \
    "閲覧のみ: 読み取り専用で開いています"
e2e_type 'x'
e2e_expect "typing says at once that it cannot be edited" "編集できません: 読み取り専用"
e2e_keys C-s
e2e_expect "C-s too" "保存できません: 読み取り専用"
e2e_keys BTab BTab
e2e_type ']'
e2e_expect "the year is not changed in the form, and it is not said to be typing" \
    "閲覧中は年度を変えられません（戻ってから変えてください）"
e2e_keys Escape
e2e_keys Q
e2e_expect_exit "it quits as usual" 0
e2e_bin=$e2e_bin_saved

e2e_live && [ "$(md5sum < "$ro/city.db")" = "$ro_sum" ] &&
    pass "the database is byte for byte as it was" ||
    fail "the database is byte for byte as it was"
e2e_live && [ "$(listing "$ro")" = "$ro_list" ] &&
    pass "and nothing was made beside it" ||
    fail "and nothing was made beside it" "$(listing "$ro")"
e2e_live && [ "$(md5sum < "$shared/city.db")" = "$shared_sum" ] &&
    pass "the copy in the shared directory too" ||
    fail "the copy in the shared directory too"
e2e_check_sanitizers "no sanitizer report"
e2e_finish
