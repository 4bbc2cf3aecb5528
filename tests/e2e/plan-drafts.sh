#!/bin/sh
# The planner's forms keep what was typed, as the results form does. The
# form of 結城市 No.1 (m on the tree) is ended by SIGHUP while its 概要 is
# being edited, and by C-c while its 名称 is being typed on the bottom
# line: each time the program exits with 128 + the signal, the node is as
# it was, and what was typed is a draft of that node in the database.
# Opening the form again offers the draft beside the saved node: m brings
# it back into the fields (C-s saves it), t throws it away. The form of a
# new indicator of No.1 (a) keeps its draft under where it goes: SIGTERM,
# and a then offers it again beside the empty form; Esc leaves it for
# later.
. "$(dirname "$0")/lib.sh"

e2e_timeout=${E2E_TIMEOUT:-20}
db=$(e2e_new_db plan-drafts) || { fail "sample database"; e2e_abandon "no sample database"; }
cat > "$e2e_config" <<'EOF'
[calendar]
current_year = 2021
year_display = era
EOF
q() { sqlite3 -cmd ".timeout 5000" "$db" "$1"; }
me=$(id -un)
no1=$(q "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'yuki-ap' AND n.code = 'No.1'")
[ -n "$no1" ] || { fail "No.1 in the sample"; e2e_abandon "no No.1 in the sample"; }
title0=$(q "SELECT title FROM node WHERE id = $no1")
summary0=$(q "SELECT summary FROM node WHERE id = $no1")
# field KIND NAME: a field of my draft of that kind about No.1.
field() {
	q "SELECT f.value FROM draft d JOIN draft_field f ON f.draft_id = d.id
	    WHERE d.login = '$me' AND d.kind = '$1' AND d.node_id = $no1
	    AND d.fy = 0 AND f.name = '$2'"
}
drafts() { q "SELECT count(*) FROM draft WHERE login = '$me' AND kind = '$1'"; }
title() { q "SELECT title FROM node WHERE id = $no1"; }

# to_no1: from the plans list to No.1 on the tree of 結城市.
to_no1() {
	e2e_wait "計画一覧" || return 1
	e2e_keys /
	e2e_type '結城'
	e2e_keys Enter Enter
	e2e_wait "施策体系（令和3年度）" || return 1
	e2e_keys /
	e2e_type 'No.1 '
	e2e_keys Enter
	e2e_wait_line 'No\.1 '
}
# ---- SIGHUP in the middle of a long text --------------------------------
e2e_start "$db" 100 30
to_no1 && pass "No.1 on the tree" || fail "No.1 on the tree" "$(e2e_screen)"
e2e_keys m
e2e_expect "m opens the form of No.1" "取組内容を修正: No.1 市民参画"
e2e_keys Down
e2e_prompt_set '下書きの名称'
e2e_expect_line "名称 changed, not saved" '^\* 名称 +下書きの名称'
e2e_keys Down Down Down Down Down Enter
e2e_expect "the editor of 概要・方向性" "概要・方向性 — Esc で一覧に戻る"
e2e_keys C-e
e2e_type '（下書きの追記）'
e2e_expect "typed into it" "（下書きの追記）"
e2e_signal HUP
e2e_expect_exit "SIGHUP ends the program with status 129" 129
e2e_expect_restored "the terminal is restored"
[ "$(title)" = "$title0" ] && pass "db: the node is as it was" ||
    fail "db: the node is as it was" "$(title)"
[ "$(field node title)" = "下書きの名称" ] &&
    pass "db: the name typed is in the node's draft" ||
    fail "db: the name typed is in the node's draft" "$(field node title)"
case $(field node summary) in
*"（下書きの追記）") pass "db: so is the text being edited" ;;
*) fail "db: so is the text being edited" "$(field node summary)" ;;
esac
[ "$(q "SELECT base_ver = (SELECT ver FROM node WHERE id = $no1) FROM draft
    WHERE kind = 'node' AND node_id = $no1")" = 1 ] &&
    pass "db: with the version the form had" || fail "db: with the version the form had"

# ---- opened again: m brings it back, C-s saves ------------------------------
e2e_start "$db" 100 30
to_no1
e2e_keys m
e2e_expect "the form offers the draft beside the saved node" \
    "保存されずに終わった入力が下書きとして残っています" \
    "下書き（保存されていない入力）" "保存済みの版" "下書きの名称" \
    "m: 下書きを入力欄に戻す"
e2e_keys m
e2e_expect "m brings the draft back, unsaved" "下書きを入力欄に戻しました"
e2e_expect_line "the name from the draft, marked changed" '^\* 名称 +下書きの名称'
e2e_expect_line "the text too" '^\* 概要・方向性'
[ "$(drafts node)" = 0 ] && pass "db: the draft is gone once chosen" ||
    fail "db: the draft is gone once chosen" "$(drafts node)"
e2e_keys C-s
e2e_expect "C-s saves it" "取組内容を保存しました"
[ "$(title)" = "下書きの名称" ] && pass "db: the draft's name is the node's" ||
    fail "db: the draft's name is the node's" "$(title)"
case $(q "SELECT summary FROM node WHERE id = $no1") in
"$summary0"*"（下書きの追記）") pass "db: and its text" ;;
*) fail "db: and its text" "$(q "SELECT summary FROM node WHERE id = $no1")" ;;
esac

# ---- C-c while the name is typed on the bottom line; t throws it away -----
e2e_keys m
e2e_expect "the form again" "取組内容を修正: No.1 下書きの名称"
e2e_keys Down Enter
e2e_wait_prompt || fail "no prompt for the name"
e2e_keys C-u
e2e_type 'プロンプト中の名称'
e2e_keys C-c
e2e_expect_exit "C-c ends the program with status 130" 130
[ "$(field node title)" = "プロンプト中の名称" ] &&
    pass "db: the name half typed on the bottom line is the draft's" ||
    fail "db: the name half typed on the bottom line is the draft's" "$(field node title)"
e2e_start "$db" 100 30
to_no1
e2e_keys m
e2e_expect "the draft is offered again" "プロンプト中の名称" "保存済みの版"
e2e_keys t
e2e_expect "t throws it away" "下書きを捨てました"
e2e_expect_line "the form holds the saved name" '^  名称 +下書きの名称'
[ "$(drafts node)" = 0 ] && [ "$(title)" = "下書きの名称" ] &&
    pass "db: no draft, the node as saved" ||
    fail "db: no draft, the node as saved" "$(drafts node): $(title)"
e2e_keys Escape
e2e_expect "back on the tree without a question" "施策体系（令和3年度）"

# ---- a new indicator of No.1: SIGTERM, then Esc keeps it for later --------
e2e_keys a
e2e_expect "a asks what to add" "指標を「下書きの名称」に追加"
e2e_keys Down Enter
e2e_expect "the form of a new indicator" "指標を追加"
e2e_prompt_set '下書きの指標'
e2e_keys Down Down
e2e_prompt_set '回'
e2e_expect_line "its name typed" '^\* 指標名 +下書きの指標'
e2e_signal TERM
e2e_expect_exit "SIGTERM ends the program with status 143" 143
[ "$(field indicator_node name)|$(field indicator_node unit)" = "下書きの指標|回" ] &&
    pass "db: a draft of a new indicator of No.1" ||
    fail "db: a draft of a new indicator of No.1" "$(q "SELECT * FROM draft")"
[ "$(q "SELECT count(*) FROM indicator WHERE name = '下書きの指標'")" = 0 ] &&
    pass "db: no indicator made" || fail "db: no indicator made"
e2e_start "$db" 100 30
to_no1
e2e_keys a
e2e_expect "a asks again" "指標を「下書きの名称」に追加"
e2e_keys Down Enter
e2e_expect "the new indicator's form offers the draft" \
    "いまの入力欄（まだ保存されていない新しい記録）" "下書きの指標"
e2e_keys Escape
e2e_expect "Esc keeps it for later" "下書きは残してあります"
e2e_expect_not "the form is empty" "下書きの指標"
e2e_keys Escape
e2e_expect "leaves without a question" "施策体系（令和3年度）"
[ "$(drafts indicator_node)" = 1 ] && pass "db: the draft is kept after Esc" ||
    fail "db: the draft is kept after Esc" "$(drafts indicator_node)"
e2e_keys Q
e2e_expect_exit "quits with status 0" 0
[ "$(q "PRAGMA integrity_check")" = ok ] && pass "db: integrity_check ok" ||
    fail "db: integrity_check ok"
e2e_check_sanitizers "no sanitizer report"
e2e_finish
