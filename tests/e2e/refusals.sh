#!/bin/sh
# Refusals are kept, and planners can read them. A clerk of 総務課
# (daemon) tries what the role does not allow: a on the tree of 結城市,
# and C-s in the results form of No.1, an item of まちづくり協働課. Each
# is refused on the spot, with the reason, and each is a row of the
# history: who, when, what about, and why. The clerk cannot open the
# list of refusals; the planner (the login that made the database) opens
# it with H on the plans list and reads both, the newest first, with the
# item the save was about, and Enter shows one in full.
e2e_logins="daemon"
. "$(dirname "$0")/lib.sh"
[ -z "$e2e_logins_why" ] || e2e_abandon "$e2e_logins_why"

db=$(e2e_new_db refusals) || { fail "sample database"; e2e_abandon "no sample database"; }
cat > "$e2e_config" <<'EOF'
[calendar]
current_year = 2021
year_display = era
EOF
q() { sqlite3 -cmd ".timeout 5000" "$db" "$1"; }
if e2e_live; then
	"$e2e_bin" -c "$e2e_config" -d "$db" user add daemon --role clerk \
	    --dept 結城市/総務課 >/dev/null 2>&1 || fail "user add daemon"
	"$e2e_bin" -c "$e2e_config" -d "$db" year open R3 >/dev/null 2>&1 ||
	    fail "year open R3"
	chmod 1777 "$e2e_tmp"
	chmod 777 "$(dirname "$db")"
	chmod 666 "$db"
fi
node1=$(q "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'yuki-ap' AND n.code = 'No.1'")

# ---- the clerk tries -------------------------------------------------------
e2e_bin_saved=$e2e_bin
e2e_bin="$e2e_tmp/as-daemon.sh"
if e2e_live; then
	cat > "$e2e_bin" <<EOF
#!/bin/sh
exec $(logins_as daemon) '$e2e_bin_saved' "\$@"
EOF
	chmod 755 "$e2e_bin"
fi
e2e_start "$db" 100 30 || { fail "start as daemon"; e2e_abandon "tmux did not start"; }
e2e_expect "the clerk starts on their own work" "自分の仕事 >"
e2e_keys Escape
e2e_expect "the plans list" "計画一覧"
e2e_keys H
e2e_expect "the clerk cannot read the refusals" \
    "拒否の記録を見られるのは企画担当だけです（あなたは担当課職員）"
e2e_keys /
e2e_type '結城'
e2e_keys Enter Enter
e2e_expect "the tree" "施策体系（令和3年度）"
e2e_keys a
e2e_expect "a is refused on the spot" "企画担当だけです"
# Pressed again and again, it is said each time and written once.
e2e_keys j a
e2e_expect "a again is refused again" "企画担当だけです"
e2e_keys k a
e2e_expect "and again" "企画担当だけです"
e2e_keys /
e2e_type "No.1 "
e2e_keys Enter
e2e_expect "No.1" "[取組内容] No.1 "
e2e_keys E
e2e_expect "its form opens to be read, saying why" \
    "閲覧のみ: この取組は総務課の担当ではありません"
e2e_keys C-s
e2e_expect "C-s is refused with the reason" "保存できません: この取組は総務課の担当ではありません"
e2e_keys Tab C-s
e2e_expect "C-s again too" "保存できません: この取組は総務課の担当ではありません"
e2e_keys Escape
e2e_wait_gone "保存できません"
e2e_keys Q
e2e_expect_exit "the clerk quits" 0
e2e_bin=$e2e_bin_saved

e2e_live && [ "$(q "SELECT count(*) FROM history WHERE field = 'refused'
    AND login = 'daemon' AND node_id IS NULL AND new_value LIKE '画面での計画の変更（追加）: %企画担当だけ%'")" = 1 ] &&
    pass "a is in the history once: who and why" ||
    fail "a is in the history once: who and why" "$(q "SELECT * FROM history WHERE field = 'refused'")"
e2e_live && [ "$(q "SELECT count(*) FROM history WHERE field = 'refused'
    AND login = 'daemon' AND node_id = $node1 AND fy = 2021
    AND new_value LIKE '画面での実績の保存: 保存できません: この取組は総務課の担当ではありません%'")" = 1 ] &&
    pass "so is C-s, once, with the item and year" ||
    fail "so is C-s, once, with the item and year" "$(q "SELECT * FROM history WHERE field = 'refused'")"
e2e_live && [ "$(q "SELECT count(*) FROM result")" = 0 ] &&
    pass "nothing was saved" || fail "nothing was saved"

# ---- the planner reads them --------------------------------------------------
e2e_start "$db" 100 30
e2e_expect "the planner's plans list" "計画一覧"
e2e_keys H
e2e_expect "H opens the refusals" "拒否の記録（全年度）  2 件" "対象" \
    "試みたことと拒否の理由"
e2e_expect_line "the newest first: the save, with who, the year and the item" \
    '^ [0-9-]+ [0-9:]+ +daemon +令和3年度 +No\.1 市民参画'
e2e_expect_line "then a, about no item" '^ [0-9-]+ [0-9:]+ +daemon +- +— +画面での計画の変更'
e2e_expect "the one under the cursor in full below" \
    "拒否: 画面での実績の保存: 保存できません: この取組は総務課の担当ではありません"
e2e_keys Enter
e2e_expect "Enter shows it on the whole screen" "変更の全文" "拒否: No.1 市民参画"
e2e_keys Escape Escape
e2e_expect "back to the plans list" "計画一覧"
e2e_keys '?'
e2e_expect "help names H on the plans list" "拒否の記録: 誰が何を試みて拒否されたか"
e2e_keys Escape Q
e2e_expect_exit "the planner quits" 0
e2e_check_sanitizers "no sanitizer report"
e2e_finish
