#!/bin/sh
# A planner fixes a plan in the terminal: adds an action item to 結城市's
# action plan after No.1 (a period and a department that are refused
# first, with everything typed kept), changes it, gives it an indicator
# with yearly targets, changes a target from the item sheet, is asked
# before leaving unsaved changes, deletes the indicator and the item after
# confirming; a change by another program while a form is open is not
# overwritten; a title longer than the bottom line is never cut; an empty
# plan gets its first nodes. The database and its history are checked
# with sqlite3 after each step. A clerk (the login daemon, through
# setpriv, as root) is refused.
e2e_logins=daemon
. "$(dirname "$0")/lib.sh"

e2e_timeout=${E2E_TIMEOUT:-20}

db=$(e2e_new_db plan-edit) || { fail "sample database"; e2e_abandon "no sample database"; }
q() {
	sqlite3 "$db" "$1"
}
me=$(id -un)
plan=$(q "SELECT id FROM plan WHERE code = 'yuki-ap'")
no1=$(q "SELECT id FROM node WHERE plan_id = $plan AND code = 'No.1'")
[ -n "$no1" ] || { fail "No.1 in the sample"; e2e_abandon "no No.1 in the sample"; }
e2e_dump "$db" > "$e2e_tmp/start.sql"

e2e_start "$db" 100 30 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list" "計画一覧"
e2e_keys /
e2e_type '結城'
e2e_keys Enter Enter
e2e_expect "the tree of 結城市" "> 施策体系"
e2e_keys /
e2e_type '市民参画・市民活動支援事業'
e2e_keys Enter
e2e_expect_line "the cursor on No.1" 'No\.1 +市民参画・市民活動支援事業'

# ---- add an item after No.1 ---------------------------------------------
e2e_keys a
e2e_expect "a asks what to add" "追加するもの" \
    "取組内容を「市民参画・市民活動支援事業」の後に追加" \
    "指標を「市民参画・市民活動支援事業」に追加"
e2e_expect_not "no level below an action item" "の下に追加"
e2e_keys Enter
e2e_expect "the form of a new item" "取組内容を追加" "番号" "名称" "期間" \
    "担当課" "概要・方向性" "C-s/F2 保存"
e2e_prompt_set 'No.1-2'
e2e_keys Down
e2e_prompt_set '地域の担い手育成事業'
e2e_keys Down Down
e2e_prompt_set 'R7〜R4'
e2e_keys Down
e2e_prompt_set '★存在しない課'
e2e_keys Down Down Enter
e2e_expect "the multi-line editor" "Esc で一覧に戻る"
e2e_type '地域活動の担い手を育てる。'
e2e_keys Enter
e2e_type '講座と交流会を開く。'
e2e_keys Escape
e2e_expect "the text kept in the list" "地域活動の担い手を育てる。 …（ほか1行）"

e2e_keys C-s
e2e_expect "a period that ends before it starts is refused" "後です"
e2e_expect_line "the cursor on 期間" '^\* 期間'
e2e_expect "the other fields are kept" "No.1-2" "地域の担い手育成事業" \
    "★存在しない課"
[ "$(q "SELECT count(*) FROM node WHERE code = 'No.1-2'")" = 0 ] &&
    pass "nothing written" || fail "a refused save wrote"
e2e_prompt_set 'R4〜R7'
e2e_keys C-s
e2e_expect "an unknown department is refused" "存在しない課"
e2e_expect_line "the cursor on 担当課" '^\* 担当課'
e2e_prompt_set '★結城市/まちづくり協働課、結城市/総務課'
e2e_expect "under the codes, the departments they name, 総務課 told from 小美玉市's" \
    "部署: ★まちづくり協働課、総務課（コード 結城市/総務課）"
e2e_keys C-s
e2e_expect "saved" "取組内容を保存しました"
e2e_expect_line "the new item right after No.1, under the cursor" \
    'No\.1-2 +地域の担い手育成事業'
e2e_screen > "$e2e_tmp/tree.txt"
grep -A1 'No\.1 .*市民参画' "$e2e_tmp/tree.txt" | grep -q 'No\.1-2' &&
    pass "the tree shows it after No.1" ||
    fail "the tree order" "$(cat "$e2e_tmp/tree.txt")"

new=$(q "SELECT id FROM node WHERE plan_id = $plan AND code = 'No.1-2'")
[ -n "$new" ] && pass "the item is in the database" ||
    fail "no node No.1-2"
row=$(q "SELECT n.title, n.first_fy, n.last_fy, n.depth, n.parent_id = o.parent_id,
    n.ord = o.ord + 1 FROM node n, node o WHERE n.id = '$new' AND o.id = $no1")
[ "$row" = "地域の担い手育成事業|2022|2025|4|1|1" ] &&
    pass "title, period, depth, parent and place" || fail "node row: $row"
[ "$(q "SELECT summary FROM node WHERE id = '$new'")" = "地域活動の担い手を育てる。
講座と交流会を開く。" ] && pass "two lines of 概要 kept" ||
    fail "summary: $(q "SELECT summary FROM node WHERE id = '$new'")"
depts=$(q "SELECT d.code || ':' || nd.is_main FROM node_dept nd
    JOIN department d ON d.id = nd.dept_id WHERE nd.node_id = '$new'
    ORDER BY nd.ord" | tr '\n' ' ')
[ "$depts" = "結城市/まちづくり協働課:1 結城市/総務課:0 " ] &&
    pass "two departments, the first main" || fail "departments: $depts"
[ "$(q "SELECT count(*) FROM node WHERE plan_id = $plan AND ord > (SELECT ord FROM node WHERE id = '$new')
    AND code = 'No.2'")" = 1 ] && pass "No.2 still after it" ||
    fail "No.2 order"
[ "$(q "SELECT login FROM history WHERE node_id = '$new' AND field = 'node_add'")" = "$me" ] &&
    pass "the addition is in the history" || fail "no node_add history row"
"$e2e_bin" -c "$e2e_config" -d "$db" export --plan yuki-ap > "$e2e_tmp/yuki.csv" 2>&1 ||
    fail "export" "$(cat "$e2e_tmp/yuki.csv")"
at() {	# the line of a node row in the export
	grep -n "^node,yuki-ap,$1," "$e2e_tmp/yuki.csv" | cut -d: -f1
}
l1=$(at 1) lnew=$(at No.1-2) l2=$(at 2)
[ -n "$l1" ] && [ -n "$lnew" ] && [ -n "$l2" ] && [ "$l1" -lt "$lnew" ] &&
    [ "$lnew" -lt "$l2" ] && pass "export puts it between No.1 and No.2" ||
    fail "export order: No.1 at $l1, new at $lnew, No.2 at $l2"

# ---- change it; leaving unsaved asks first ---------------------------------
e2e_keys m
e2e_expect "m opens the item's form" "取組内容を修正: No.1-2 地域の担い手育成事業"
e2e_expect_not "its own code is no sibling's" "にもあります"
e2e_prompt_set 'No.2'
e2e_expect "a sibling's code is named under the field" \
    "番号「No.2」は、同じ親の下の「環境美化パートナーシップ事業」にもあります"
e2e_prompt_set 'No.1-2'
e2e_expect_not "and no longer once it is its own again" "にもあります"
e2e_keys Down
e2e_prompt_set '地域の担い手育成事業（拡充）'
e2e_keys Escape
e2e_expect "leaving with unsaved changes asks" "保存していない変更があります"
e2e_keys n
e2e_expect "no keeps the form" "地域の担い手育成事業（拡充）"
e2e_keys C-s
e2e_expect "the change is saved" "取組内容を保存しました"
[ "$(q "SELECT title FROM node WHERE id = '$new'")" = "地域の担い手育成事業（拡充）" ] &&
    pass "the new title in the database" || fail "title not changed"
[ "$(q "SELECT old_value || ' -> ' || new_value FROM history
    WHERE node_id = '$new' AND field = 'title'")" = "地域の担い手育成事業 -> 地域の担い手育成事業（拡充）" ] &&
    pass "the title change in the history" || fail "no title history row"

# Yearly plans and cost trends, a bad trend word refused first.
e2e_keys m
e2e_expect "the form for the yearly plans" "年次計画" "事業費の傾向"
e2e_keys G Up Up
e2e_prompt_set 'R4=大きい R5=同程度'
e2e_keys Up Enter
e2e_expect "the yearly plans in the editor" "Esc で一覧に戻る"
e2e_type 'R4: 講座の準備'
e2e_keys Enter
e2e_type 'R5〜R6: 講座の開催'
e2e_keys Enter
e2e_type '受講者アンケートの実施'
e2e_keys Escape C-s
e2e_expect "an unknown trend word is refused" "大きい" "傾向は"
e2e_expect_line "the cursor on 事業費の傾向" '^\* 事業費の傾向'
e2e_prompt_set 'R4=拡大 R5=同程度'
e2e_keys C-s
e2e_expect "yearly plans saved" "取組内容を保存しました"
plans=$(q "SELECT from_fy || '-' || to_fy || ':' || replace(text, char(10), '/')
    FROM year_plan WHERE node_id = '$new' ORDER BY ord" | tr '\n' ' ')
[ "$plans" = "2022-2022:講座の準備 2023-2024:講座の開催/受講者アンケートの実施 " ] &&
    pass "two yearly plans, one spanning years with two lines" ||
    fail "year_plan rows: $plans"
costs=$(q "SELECT fy || '=' || trend FROM cost_trend WHERE node_id = '$new'
    ORDER BY fy" | tr '\n' ' ')
[ "$costs" = "2022=up 2023=same " ] && pass "cost trends" ||
    fail "cost_trend rows: $costs"

e2e_keys H
e2e_expect "H on the tree shows the node's history" "変更履歴" "名称" \
    "地域の担い手育成事業（拡充）" "追加"
e2e_keys Escape
e2e_expect "back on the tree from the history" "> 施策体系"
e2e_keys m
e2e_expect "the form again" "取組内容を修正"
e2e_keys Down
e2e_prompt_set '捨てる名称'
e2e_keys Escape
e2e_expect "asked again" "保存していない変更があります"
e2e_keys y
e2e_expect "back on the tree" "> 施策体系"
[ "$(q "SELECT title FROM node WHERE id = '$new'")" = "地域の担い手育成事業（拡充）" ] &&
    pass "a discarded change is not written" || fail "discarded change written"

# Another planner changes the node while the form is open (here the
# sqlite3 shell, as any other program would): the save is refused and
# what was typed stays; opened again, the form shows their change.
e2e_keys m
e2e_expect "the form once more" "取組内容を修正"
e2e_keys Down
e2e_prompt_set '私の名称'
q "UPDATE node SET title = '他の人の名称', ver = ver + 1 WHERE id = '$new'"
e2e_keys C-s
e2e_expect "a node changed meanwhile is not overwritten" "他の人が変更しました"
e2e_expect "what was typed stays" "私の名称"
[ "$(q "SELECT title FROM node WHERE id = '$new'")" = "他の人の名称" ] &&
    pass "the other change is kept" || fail "the other change was overwritten"
e2e_keys Escape
e2e_expect "leaving asks" "保存していない変更があります"
e2e_keys y
e2e_expect_line "the tree shows the other title" 'No\.1-2 +他の人の名称'
e2e_keys m
e2e_expect "reopened with their title" "取組内容を修正: No.1-2 他の人の名称"
e2e_keys Down
e2e_prompt_set '地域の担い手育成事業（拡充）'
e2e_keys C-s
e2e_expect "saved over it after reopening" "取組内容を保存しました"
[ "$(q "SELECT title FROM node WHERE id = '$new'")" = "地域の担い手育成事業（拡充）" ] &&
    pass "the title set again" || fail "title after reopening"

# A title longer than the bottom line holds (from a plan file) opens in
# the multi-line editor whole, and leaving it unchanged writes nothing.
long=$(printf 'あ%.0s' $(seq 1100))
q "UPDATE node SET title = '$long', ver = ver + 1 WHERE id = '$new'"
e2e_keys m
e2e_expect_line "the form with the long title" '^ +名称 +ああああ'
e2e_keys Down Enter
e2e_expect "a long line opens in the editor" "名称は長いので複数行の編集で開きます" \
    "Esc で一覧に戻る"
e2e_keys Escape Escape
e2e_expect "leaves without asking: nothing changed" "> 施策体系"
[ "$(q "SELECT length(title) FROM node WHERE id = '$new'")" = 1100 ] &&
    pass "the long title is kept whole" ||
    fail "long title: $(q "SELECT length(title) FROM node WHERE id = '$new'")"
q "UPDATE node SET title = '地域の担い手育成事業（拡充）', ver = ver + 1 WHERE id = '$new'"

# ---- an indicator with yearly targets --------------------------------------
e2e_keys a
e2e_expect "the add menu" "追加するもの"
e2e_keys Down Enter
e2e_expect "the indicator form" "指標を追加" "指標名" "単位" "方向" \
    "目標 令和4年度" "目標 令和7年度"
e2e_prompt_set '育成講座の受講者数'
e2e_keys Down Down
e2e_prompt_set '人'
e2e_keys Down Enter
e2e_expect "directions to choose from" "増加" "減少" "以上"
e2e_keys Down Enter
e2e_keys Down Down
e2e_prompt_set '１２人'
e2e_keys Down
e2e_prompt_set '来年'
e2e_keys C-s
e2e_expect "an unreadable year is refused" "基準値の年度" "年度を読み取れません"
e2e_prompt_set 'R2'
# The targets follow 備考, 指標の考え方 and キー.
e2e_keys G
e2e_expect_line "the last target field" '目標 令和7年度'
e2e_prompt_set '５０人'
e2e_keys Up
e2e_prompt_set '4０'
e2e_keys Up Up
e2e_prompt_set '３０人'
e2e_keys C-s
e2e_expect "the indicator is saved" "指標と目標を保存しました"
ind=$(q "SELECT id FROM indicator WHERE node_id = '$new'")
row=$(q "SELECT name, unit, direction, base_num, base_fy FROM indicator WHERE id = '$ind'")
[ "$row" = "育成講座の受講者数|人|up|12.0|2020" ] &&
    pass "name, unit, direction and baseline" || fail "indicator row: $row"
targets=$(q "SELECT fy || '=' || coalesce(num, txt) FROM indicator_target
    WHERE indicator_id = '$ind' ORDER BY fy" | tr '\n' ' ')
[ "$targets" = "2022=30.0 2024=40.0 2025=50.0 " ] &&
    pass "targets as numbers, full-width digits read" || fail "targets: $targets"

# ---- change a target from the item sheet -----------------------------------
e2e_keys Enter
e2e_expect "the sheet of the new item" "> No.1-2 地域の担い手育成事業（拡充）" \
    "育成講座の受講者数"
e2e_keys m
e2e_expect "m asks item or indicator" "修正するもの" "指標「育成講座の受講者数」"
e2e_keys Down Enter
e2e_expect "the indicator's form" "指標と目標を修正: 育成講座の受講者数"
e2e_expect_line "its targets as numbers" '目標 令和4年度 +30 *$'
e2e_keys G Up Up
e2e_prompt_set '35人'
e2e_keys C-s
e2e_expect "saved from the sheet" "指標と目標を保存しました"
[ "$(q "SELECT num FROM indicator_target WHERE indicator_id = '$ind' AND fy = 2023")" = "35.0" ] &&
    pass "the 令和5年度 target set" || fail "target 2023: $(q "SELECT * FROM indicator_target WHERE indicator_id = '$ind'")"
[ "$(q "SELECT fy || ':' || coalesce(old_value, '') || '->' || new_value FROM history
    WHERE indicator_id = '$ind' AND field = 'target' AND fy = 2023")" = "2023:->35人" ] &&
    pass "the target change in the history" ||
    fail "target history: $(q "SELECT * FROM history WHERE indicator_id = '$ind'")"
e2e_keys H
e2e_expect "the history screen shows it" "変更履歴" "目標値" "35人"
e2e_keys Escape

# A baseline typed as the plan prints it, with its year in parentheses:
# a year field that says another year is where the save stops; left
# empty, the number and the year are saved apart.
e2e_keys m
e2e_expect "m asks again" "修正するもの"
e2e_keys Down Enter
e2e_expect "the indicator's form again" "指標と目標を修正: 育成講座の受講者数"
e2e_keys Down Down Down Down Down
e2e_prompt_set '10人（R1年度末）'
e2e_keys C-s
e2e_expect "a year in parentheses unlike the year field is refused" \
    "括弧の年度は令和元年度ですが、年度の欄は令和2年度です"
[ "$(q "SELECT base_num || '|' || base_fy FROM indicator WHERE id = '$ind'")" = "12.0|2020" ] &&
    pass "db: nothing written on the refusal" ||
    fail "db: baseline after refusal" "$(q "SELECT base_num, base_txt, base_fy FROM indicator WHERE id = '$ind'")"
# Enter edits the field the cursor was put on: the year's, emptied.
e2e_prompt_set ''
e2e_expect_line "the cursor was on 基準値の年度" '^\* 基準値の年度 *$'
e2e_keys C-s
e2e_expect "saved with the year field empty" "指標と目標を保存しました"
[ "$(q "SELECT base_num || '|' || coalesce(base_txt, '') || '|' || base_fy FROM indicator WHERE id = '$ind'")" = "10.0||2019" ] &&
    pass "db: the number and its year apart" ||
    fail "db: baseline" "$(q "SELECT base_num, base_txt, base_fy FROM indicator WHERE id = '$ind'")"

# ---- deleting asks, then deletes ---------------------------------------------
e2e_keys D
e2e_expect "D asks what to delete" "削除するもの"
e2e_keys Down Enter
e2e_expect "a confirmation naming the indicator" "指標「育成講座の受講者数」を"
e2e_keys n
e2e_expect "no keeps it" "削除しませんでした"
[ "$(q "SELECT count(*) FROM indicator WHERE id = '$ind'")" = 1 ] &&
    pass "still there after no" || fail "deleted after no"
e2e_keys D
e2e_expect "asked again" "削除するもの"
e2e_keys Down Enter
e2e_expect "confirmation" "よろしいですか"
e2e_keys y
e2e_expect "the indicator is deleted" "指標「育成講座の受講者数」を削除しました"
[ "$(q "SELECT count(*) FROM indicator_target WHERE indicator_id = '$ind'")" = 0 ] &&
    [ "$(q "SELECT count(*) FROM indicator WHERE id = '$ind'")" = 0 ] &&
    pass "indicator and targets gone" || fail "indicator still there"
[ "$(q "SELECT count(*) FROM history WHERE node_id = '$new' AND field = 'indicator_delete'")" = 1 ] &&
    pass "the deletion is in the history" || fail "no indicator_delete row"
e2e_keys D
e2e_expect "the item's own confirmation" "「No.1-2 地域の担い手育成事業（拡充）」を削除します"
e2e_keys y
e2e_expect "back on the tree after deleting the item" "> 施策体系" "を削除しました"
[ "$(q "SELECT count(*) FROM node WHERE id = '$new'")" = 0 ] &&
    pass "the item is gone" || fail "the item is still there"
[ "$(q "SELECT count(*) FROM history WHERE node_id = (SELECT parent_id FROM node WHERE id = $no1)
    AND field = 'node_delete' AND login = '$me'")" = 1 ] &&
    pass "its deletion is in the parent's history" || fail "no node_delete row"
e2e_keys Q
e2e_expect_exit "quits with status 0" 0
e2e_check_sanitizers "no sanitizer report"
[ "$(q 'PRAGMA integrity_check')" = ok ] && pass "integrity_check ok" ||
    fail "integrity_check"

# ---- an empty plan: a gets the first node, then one below it ----------------
db2=$(e2e_new_db plan-edit-empty) || fail "second database"
printf 'shisaku-plan,1\nplan,empty,空の計画,2024,2028,試験市,\nlevel,empty,1,基本方針\nlevel,empty,2,取組\n' \
    > "$e2e_tmp/empty.csv"
"$e2e_bin" -c "$e2e_config" -d "$db2" import "$e2e_tmp/empty.csv" >/dev/null 2>&1 ||
    fail "import an empty plan"
e2e_start "$db2" 100 30 || { fail "start on the empty plan"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list with the empty plan" "空の計画"
e2e_keys /
e2e_type '空の計画'
e2e_keys Enter Enter
e2e_expect "the empty tree says how to begin" "この計画には施策がありません（企画担当は a で追加）"
e2e_keys a
e2e_expect "a opens the first node's form at once" "基本方針を追加"
e2e_keys Down
e2e_prompt_set 'はじめの方針'
e2e_keys C-s
e2e_expect "the first node saved" "基本方針を保存しました" "はじめの方針"
e2e_keys a
e2e_expect "below it is offered" "取組を「はじめの方針」の下に追加"
e2e_keys Down Enter
e2e_expect "the item's form" "取組を追加"
e2e_keys Down
e2e_prompt_set 'はじめての取組'
e2e_keys C-s
e2e_expect "the item saved" "取組を保存しました" "はじめての取組"
row=$(sqlite3 "$db2" "SELECT c.depth || ':' || p.title FROM node c
    JOIN node p ON p.id = c.parent_id WHERE c.title = 'はじめての取組'")
[ "$row" = "2:はじめの方針" ] && pass "the item sits below the first node" ||
    fail "empty plan nodes: $row"
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_check_sanitizers "no sanitizer report on the empty plan"

# ---- a clerk may not ---------------------------------------------------------
[ -z "$e2e_logins_why" ] || e2e_abandon "$e2e_logins_why"
"$e2e_bin" -c "$e2e_config" -d "$db" user add daemon --role clerk \
    --dept 結城市/まちづくり協働課 >/dev/null 2>&1 ||
    fail "user add daemon"
# The clerk writes the database (its -wal and -shm) and the sanitizer
# reports in the scratch directory.
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
e2e_expect "the clerk starts on their own work" "自分の仕事 > まちづくり協働課"
e2e_keys Escape
e2e_expect "the clerk's plans list" "計画一覧"
e2e_keys /
e2e_type '結城'
e2e_keys Enter Enter
e2e_expect "the clerk's tree" "> 施策体系"
e2e_keys a
e2e_expect "a is refused with the reason" "企画担当だけです"
e2e_keys m
e2e_expect "m is refused with the reason" "企画担当だけです"
e2e_keys Q
e2e_expect_exit "the clerk quits" 0
[ "$(e2e_dump "$db" | grep -v "'refused'" | md5sum)" = "$before" ] &&
    pass "the clerk changed nothing" || fail "the database changed"
[ "$(sqlite3 "$db" "SELECT count(*) FROM history WHERE field = 'refused'
    AND login = 'daemon' AND new_value LIKE '画面での%企画担当だけ%'")" = 2 ] &&
    pass "a and m are in the history as refusals with who tried" ||
    fail "a and m are in the history as refusals with who tried" \
    "$(sqlite3 "$db" "SELECT login, new_value FROM history WHERE field = 'refused'")"
e2e_bin=$e2e_bin_saved
e2e_finish
