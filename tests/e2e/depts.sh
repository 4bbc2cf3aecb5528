#!/bin/sh
# A planner records a reorganisation (機構改革) of 結城市 in the terminal:
# from the plan list, b opens the departments; 総務課 is renamed from
# 令和4年度, 秘書課 merged into 企画政策課 from R4 (after a year that
# cannot be read is asked again), 収納課 abolished from 2023 (after one
# abolition is cancelled), and a department is added. Each change asks
# 何年度から and for confirmation, shows what the store did (the items
# left without a department, the user still filed under the old one),
# and is checked in the database with sqlite3. A clerk (the login
# daemon, through setpriv, as root) sees the list read-only and is
# refused every change.
e2e_logins=daemon
. "$(dirname "$0")/lib.sh"

e2e_timeout=${E2E_TIMEOUT:-20}

db=$(e2e_new_db depts) || { fail "sample database"; e2e_abandon "no sample database"; }
q() {
	sqlite3 "$db" "$1"
}
dept() {
	q "SELECT id FROM department WHERE code = '$1'"
}
somu=$(dept 結城市/総務課)
hisho=$(dept 結城市/秘書課)
kikaku=$(dept 結城市/企画政策課)
shuno=$(dept 結城市/収納課)
[ -n "$somu" ] && [ -n "$hisho" ] && [ -n "$kikaku" ] && [ -n "$shuno" ] ||
    { fail "the departments of the sample"; e2e_abandon "sample departments missing"; }
# A clerk filed under 収納課, to be told about when it is abolished.
"$e2e_bin" -c "$e2e_config" -d "$db" user add daemon --role clerk \
    --dept 結城市/収納課 >/dev/null 2>&1 || fail "user add daemon"
# The year offered first: the one after today's fiscal year, in era
# years (the configuration displays eras).
y=$(date +%Y) m=$(date +%m)
[ "${m#0}" -ge 4 ] || y=$((y - 1))
offered="R$((y + 1 - 2018))"
# The forms the prompt shows are of that year too.
forms="（$offered、$((y + 1))、令和$((y + 1 - 2018))年度）"

# answer TEXT: clears the open prompt and answers it.
answer() {
	e2e_wait_prompt || echo "no prompt for \"$1\"" >&2
	e2e_keys C-u
	e2e_type "$1"
	e2e_keys Enter
}

e2e_start "$db" 100 30 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list" "計画一覧"
e2e_keys b
e2e_expect "b opens the departments of every plan" "部署（機構改革）  39 件" \
    "コード" "名前" "これまでの名前" "廃止" "担当" "利用者" "小美玉市/人事課"
e2e_expect "the planner's keys first on the bottom line" \
    "a:追加  m:名称変更・統合・廃止  D:廃止"
e2e_expect_not "a planner may change them" "[閲覧のみ]"
e2e_keys '?'
e2e_expect "? lists the screen's keys in its own words" "「部署」画面の操作" \
    "部署を追加（企画担当）" "名称変更・統合・廃止（企画担当）" \
    "部署を廃止（企画担当）" "表示の見方"
e2e_keys q
e2e_wait_gone "表示の見方"

# Another planner's terminal adds a department, then takes it out: the
# list follows without a key.
q "INSERT INTO department (code, name, org, ord)
    VALUES ('test-new', '新設テスト課', 'テスト市', 999)"
e2e_expect "a department added elsewhere shows without a key" \
    "部署（機構改革）  40 件"
q "DELETE FROM department WHERE code = 'test-new'"
e2e_expect "and goes when taken out elsewhere" "部署（機構改革）  39 件"
# A name with its 部 and its 課, thirteen characters, whole at 80 columns.
q "INSERT INTO department (code, name, org, ord)
    VALUES ('test-long', '教育委員会事務局学校教育課', 'テスト市', 999)"
e2e_expect "a department of a long name" "部署（機構改革）  40 件"
e2e_resize 80 24
e2e_keys G
e2e_expect_line "at 80 columns its name whole" '^ test-long +教育委員会事務局学校教育課 +[0-9]'
e2e_keys g
e2e_resize 100 30
q "DELETE FROM department WHERE code = 'test-long'"
e2e_expect "taken out again" "部署（機構改革）  39 件"

# ---- rename 総務課 from 令和4年度 ------------------------------------------
e2e_keys /
e2e_type '結城市/総務課'
e2e_keys Enter m
e2e_expect "m asks what to do" "「総務課」を" "名前を変える（名称変更）" \
    "他の部署に統合する" "廃止する"
e2e_keys Enter
e2e_wait_prompt
e2e_expect "the new name is asked, the old one offered" "新しい部署名: 総務課"
answer '総務部総務課'
e2e_wait_prompt
e2e_expect "何年度から, next year offered" "新しい名前は何年度から" \
    "$forms: $offered"
answer '令和4年度'
e2e_expect "asked to confirm" \
    "令和4年度から「総務課」を「総務部総務課」と呼びます。よろしいですか（y/n）"
e2e_keys y
e2e_expect "the rename is shown" \
    "令和4年度から「総務課」を「総務部総務課」と呼びます（令和3年度までは元の名前のまま）" \
    "名前: 〜令和3年度 総務課 → 令和4年度〜 総務部総務課"
e2e_expect_line "the list shows the earlier name" '結城市/総務課 +総務部総務課 +〜R3 総務課'
[ "$(q "SELECT name FROM department WHERE id = $somu")" = 総務部総務課 ] &&
[ "$(q "SELECT until_fy || ' ' || name FROM department_name WHERE dept_id = $somu")" = "2021 総務課" ] &&
    pass "the database: the new name, the old one kept up to 2021" ||
    fail "rename in the database" "$(q "SELECT * FROM department_name")"
[ "$(q "SELECT count(*) FROM history WHERE field = 'dept_rename' AND fy = 2022
    AND new_value = '総務部総務課'")" = 1 ] &&
    pass "the rename is in the history" || fail "history of the rename"

# ---- merge 秘書課 into 企画政策課 from R4 ------------------------------------
e2e_keys g /
e2e_type '結城市/秘書課'
e2e_keys Enter m Down Enter
e2e_expect "the merger asks for the department to merge into" "「秘書課」の統合先"
first=$(e2e_screen | awk '/「秘書課」の統合先/ { getline; print; exit }')
case $first in
*"（結城市/"*) pass "結城市's departments first" ;;
*) fail "結城市's departments first" "$first" ;;
esac
e2e_keys /
e2e_type '結城市/企画政策課'
e2e_keys Enter Enter
e2e_wait_prompt
e2e_expect "何年度から for the merger" "統合は何年度から"
answer 'X12'
e2e_wait_prompt
e2e_expect "a year that cannot be read is asked again, kept" \
    "統合は何年度から$forms: X12"
answer 'R4'
e2e_expect "asked to confirm the merger" \
    "令和4年度から「秘書課」を「企画政策課」に統合します。よろしいですか"
e2e_keys y
e2e_expect "what the merger did" "令和4年度から「秘書課」を「企画政策課」に統合しました" \
    "担当 3 件を引き継ぎ、3 件を前年度で終えました（令和3年度までの分も企画政策課の職員が入力します）" \
    "担当課がなくなる取組 なし" "「秘書課」に所属のままの利用者（所属の変更が必要）なし"
[ "$(q "SELECT abolished_after FROM department WHERE id = $hisho")" = 2021 ] &&
    pass "the database: 秘書課 ends with 2021" || fail "秘書課 abolished_after"
[ "$(q "SELECT merged_into FROM department WHERE id = $hisho")" = \
    "$(q "SELECT id FROM department WHERE name = '企画政策課'")" ] &&
    pass "the database: 秘書課 merged into 企画政策課" ||
    fail "秘書課 merged_into" "$(q "SELECT merged_into FROM department WHERE id = $hisho")"
[ "$(q "SELECT count(*) FROM node_dept WHERE dept_id = $hisho AND until_fy = 2021")" = 3 ] &&
[ "$(q "SELECT count(*) FROM node_dept nd WHERE dept_id = $kikaku AND from_fy = 2022
    AND node_id IN (SELECT node_id FROM node_dept WHERE dept_id = $hisho)")" = 3 ] &&
    pass "its three items go on under 企画政策課 from 2022" ||
    fail "merged assignments" "$(q "SELECT * FROM node_dept WHERE dept_id IN ($hisho, $kikaku)")"
e2e_keys j
e2e_expect "秘書課's detail names the department it was merged into" \
    "令和3年度で廃止（結城市/企画政策課に統合）。担当 3 件、所属する利用者 0 人"

# ---- abolish 収納課: cancelled once, then from 2023 --------------------------
e2e_keys g /
e2e_type '結城市/収納課'
e2e_keys Enter D
e2e_wait_prompt
e2e_expect "D asks 何年度から" "廃止は何年度から"
e2e_keys Escape
e2e_expect "cancelled" "廃止しませんでした"
[ "$(q "SELECT coalesce(abolished_after, 0) FROM department WHERE id = $shuno")" = 0 ] &&
    pass "nothing written when cancelled" || fail "a cancelled abolition wrote"
e2e_keys D
answer '2023'
e2e_expect "asked to confirm the abolition" "令和5年度から「収納課」を廃止します"
e2e_keys y
e2e_expect "what the abolition did" "令和5年度から「収納課」を廃止しました" \
    "担当課がなくなる取組 1 件: yuki-ap No.19 市税等の収納率の向上" \
    "「収納課」に所属のままの利用者（所属の変更が必要）1 人: daemon"
e2e_expect "the detail says the users must move" "令和4年度で廃止（令和5年度からありません）" \
    "（所属の変更が必要）"
[ "$(q "SELECT abolished_after FROM department WHERE id = $shuno")" = 2022 ] &&
[ "$(q "SELECT until_fy FROM node_dept WHERE dept_id = $shuno")" = 2022 ] &&
    pass "the database: 収納課 and its assignment end with 2022" ||
    fail "abolition in the database" "$(q "SELECT * FROM node_dept WHERE dept_id = $shuno")"

# ---- the 担当課 of an item keeps its years -----------------------------------
# No.6 was 秘書課's: after the merger it is 秘書課's up to R3 and
# 企画政策課's from R4, and its form says so. The planner ends 企画政策課
# with R6 and gives R7 to 総務部総務課 (by its new name); the years are
# stored as typed and shown again as saved.
no6=$(q "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'yuki-ap' AND n.code = 'No.6'")
e2e_keys Escape
e2e_expect "back on the plan list" "計画一覧"
e2e_keys /
e2e_type '結城'
e2e_keys Enter Enter
e2e_expect "the tree of 結城市" "> 施策体系"
e2e_keys /
e2e_type 'SNSを活用した情報発信'
e2e_keys Enter m
e2e_expect "the item's form shows each assignment with its years" \
    "取組内容を修正: No.6 SNSを活用した情報発信" \
    "★結城市/秘書課(〜R3)、★結城市/企画政策課(R4〜)"
e2e_keys Down Down Down Down Enter
e2e_wait_prompt
e2e_expect "the prompt holds the years too" \
    "★結城市/秘書課(〜R3)、★結城市/企画政策課(R4〜)"
# Typed the planner's way: a name, ★ after it, a blank before (R7).
e2e_keys C-u
e2e_type '★結城市/秘書課(〜R3)、企画政策課★(R4〜R6) 総務部総務課 (R7)'
e2e_keys Enter C-s
e2e_expect "saved" "取組内容を保存しました"
[ "$(q "SELECT group_concat(x, ' ') FROM (SELECT d.code || ':' || nd.is_main
    || ':' || coalesce(nd.from_fy, '') || ':' || coalesce(nd.until_fy, '') AS x
    FROM node_dept nd JOIN department d ON d.id = nd.dept_id
    WHERE nd.node_id = $no6 ORDER BY nd.ord)")" = \
    "結城市/秘書課:1::2021 結城市/企画政策課:1:2022:2024 結城市/総務課:0:2025:2025" ] &&
    pass "the database keeps every assignment's years" ||
    fail "years of No.6" "$(q "SELECT * FROM node_dept WHERE node_id = $no6")"
e2e_keys m
e2e_expect "loaded again as saved" \
    "★結城市/秘書課(〜R3)、★結城市/企画政策課(R4〜R6)、結城市/総務課(R7)"
e2e_keys Escape
e2e_wait_gone "取組内容を修正"
e2e_keys Escape
e2e_expect "back on the plan list again" "計画一覧"
e2e_keys b
e2e_expect "the departments again" "部署（機構改革）"

# ---- add a department --------------------------------------------------------
# The organisation offered is that of the department under the cursor.
e2e_keys /
e2e_type '結城市/収納課'
e2e_keys Enter a
answer '結城市/総務部'
answer '総務部'
e2e_wait_prompt
e2e_expect "the organisation offered" "組織名（市町村名など）: 結城市"
e2e_keys Enter
e2e_expect "added" "部署「総務部」（結城市/総務部）を追加しました"
[ "$(q "SELECT name || ' ' || org FROM department WHERE code = '結城市/総務部'")" = "総務部 結城市" ] &&
    pass "the database has the new department" || fail "added department"
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_check_sanitizers "no sanitizer report"

# ---- a clerk sees the list and may not change it ----------------------------
[ -z "$e2e_logins_why" ] || e2e_abandon "$e2e_logins_why"
# 令和5年度 open: the clerk filed under 収納課, abolished after 令和4年度,
# is told on their own work to be moved.
"$e2e_bin" -c "$e2e_config" -d "$db" year open R5 >/dev/null 2>&1 ||
    fail "open R5"
chmod 1777 "$e2e_tmp"
chmod 777 "$(dirname "$db")"
chmod 666 "$db" "$db-wal" "$db-shm" 2>/dev/null
# Everything but the refusals the clerk's keys leave in the history.
before=$(e2e_dump "$db" | grep -v "'refused'" | md5sum)
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
# A clerk starts on their own work; Esc goes to the plan list.
e2e_expect "the clerk starts on their own work" "自分の仕事 >"
e2e_expect "filed under the abolished 収納課, the clerk is told what to do" \
    "所属の「収納課」は令和4年度までで廃止（統合）されました。" \
    "企画担当に所属の変更（shisaku user set）を依頼してください"
e2e_keys Escape
e2e_expect "the clerk's plans list" "計画一覧"
e2e_keys b /
e2e_type '結城市/総務課'
e2e_keys Enter
e2e_expect "the clerk sees the departments read-only" "40 件  [閲覧のみ]" \
    "総務部総務課" "〜R3 総務課"
e2e_expect_not "no planner's keys on the clerk's bottom line" "a:追加"
e2e_keys a
e2e_expect "a is refused with the reason" \
    "部署の追加・名称変更・統合・廃止は企画担当だけができます（あなたは担当課職員"
e2e_keys m
e2e_expect_not "m opens nothing" "名前を変える（名称変更）"
e2e_expect "m is refused too" "企画担当だけができます"
e2e_keys D
e2e_expect_not "D asks nothing" "何年度から"
e2e_keys Q
e2e_expect_exit "the clerk quits" 0
[ "$(e2e_dump "$db" | grep -v "'refused'" | md5sum)" = "$before" ] &&
    pass "the clerk changed nothing" || fail "the database changed"
[ "$(sqlite3 "$db" "SELECT count(*) FROM history WHERE field = 'refused'
    AND login = 'daemon' AND new_value LIKE '画面での%企画担当だけ%'")" = 3 ] &&
    pass "a, m and D are in the history as refusals with who tried" ||
    fail "a, m and D are in the history as refusals with who tried" \
    "$(sqlite3 "$db" "SELECT login, new_value FROM history WHERE field = 'refused'")"
e2e_bin=$e2e_bin_saved
e2e_finish
