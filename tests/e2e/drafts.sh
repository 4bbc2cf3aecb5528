#!/bin/sh
# Nothing typed is lost to a signal. The planner who made the sample
# database types into the results form of 結城市 No.1 (令和3年度) and the
# program is ended by SIGHUP, by C-c, by SIGTERM and by its terminal
# going away: each time it exits with 128 + the signal, the terminal is
# put back, the saved entry is untouched and what was typed is a draft in
# the database. Opening the form again offers the draft beside the saved
# entry: m brings it back into the form (C-s then saves it), t throws it
# away, Esc leaves it for later. C-\ does nothing in a form, and C-z
# suspends it: continued, the form and its text are back and C-s still
# saves. The actual form of an indicator reported on its own (下妻市 1-1)
# keeps its draft the same way.
. "$(dirname "$0")/lib.sh"

e2e_timeout=${E2E_TIMEOUT:-20}
db=$(e2e_new_db drafts) || { fail "sample database"; e2e_abandon "no sample database"; }
cat > "$e2e_config" <<'EOF'
[calendar]
current_year = 2021
year_display = era
EOF
q() { sqlite3 -cmd ".timeout 5000" "$db" "$1"; }
node=$(q "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'yuki-ap' AND n.code = 'No.1'")
[ -n "$node" ] || { fail "No.1 in the sample"; e2e_abandon "no No.1 in the sample"; }
me=$(id -un)
drafts() {	# the drafts of No.1 in R3
	q "SELECT count(*) FROM draft WHERE login = '$me' AND node_id = $node AND fy = 2021"
}
draft_text() {
	q "SELECT f.value FROM draft d JOIN draft_field f ON f.draft_id = d.id
	    WHERE d.login = '$me' AND d.node_id = $node AND d.fy = 2021
	    AND f.name = 'text'"
}
saved_text() {
	q "SELECT coalesce((SELECT text FROM result WHERE node_id = $node
	    AND fy = 2021), '(none)')"
}

# open_form: from the plans list to the results form of 結城市 No.1.
open_form() {
	e2e_wait "計画一覧" || return 1
	e2e_keys /
	e2e_type '結城'
	e2e_keys Enter
	e2e_wait "| 結城市行政改革大綱アクションプラン" || return 1
	e2e_keys Enter
	e2e_wait "施策体系（令和3年度）" || return 1
	e2e_keys /
	e2e_type "No.1 "
	e2e_keys Enter
	e2e_wait "[取組内容] No.1 " || return 1
	e2e_keys Enter
	e2e_wait "【概要・方向性】" || return 1
	e2e_keys E
	e2e_wait "実績入力（令和3年度）"
}

# ---- SIGHUP in the middle of typing ---------------------------------------
e2e_start "$db" 100 30
open_form && pass "the form of No.1 opens" ||
    { fail "the form of No.1 opens" "$(e2e_screen)"; e2e_abandon "no form"; }
e2e_type '下書きになる入力その一'
e2e_keys Tab
e2e_type '課題も書いた'
e2e_expect "typed, not saved" "下書きになる入力その一" "課題も書いた"
e2e_signal HUP
e2e_expect_exit "SIGHUP ends the program with status 129" 129
e2e_expect_restored "the terminal is restored after SIGHUP"
[ "$(saved_text)" = "(none)" ] && pass "db: nothing was saved as the entry" ||
    fail "db: nothing was saved as the entry" "$(saved_text)"
[ "$(drafts)" = 1 ] && [ "$(draft_text)" = "下書きになる入力その一" ] &&
    pass "db: what was typed is a draft" || fail "db: what was typed is a draft" \
    "$(drafts) drafts: $(draft_text)"

# ---- opened again: the draft beside the saved entry, m brings it back --------
e2e_start "$db" 100 30
open_form
e2e_expect "the form offers the draft beside the saved entry" \
    "保存されずに終わった入力が下書きとして残っています" \
    "下書き（保存されていない入力）" "保存済みの版" "下書きになる入力その一" \
    "m: 下書きを入力欄に戻す"
e2e_expect_line "when, to the minute" \
    '^前回（[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}）保存されずに'
e2e_keys m
e2e_expect "m brings the draft back into the form, unsaved" \
    "下書きを入力欄に戻しました" "下書きになる入力その一" "課題も書いた"
[ "$(drafts)" = 0 ] && pass "db: the draft is gone once chosen" ||
    fail "db: the draft is gone once chosen" "$(drafts)"
e2e_keys C-s
e2e_expect "C-s saves it" "保存しました"
[ "$(saved_text)" = "下書きになる入力その一" ] && pass "db: the draft's text is the entry" ||
    fail "db: the draft's text is the entry" "$(saved_text)"
e2e_keys Escape
e2e_expect "leaves the form without asking" "【概要・方向性】"
e2e_keys Q
e2e_expect_exit "quits with status 0" 0

# ---- C-c: a draft again; t throws it away -----------------------------------------
e2e_start "$db" 100 30
open_form
e2e_keys C-e
e2e_type 'に足した一文'
e2e_expect "typed after the saved text" "下書きになる入力その一に足した一文"
e2e_keys C-c
e2e_expect_exit "C-c ends the program with status 130" 130
[ "$(draft_text)" = "下書きになる入力その一に足した一文" ] &&
    pass "db: C-c left a draft" || fail "db: C-c left a draft" "$(draft_text)"
e2e_start "$db" 100 30
open_form
e2e_expect "the draft is offered again" "下書きになる入力その一に足した一文" \
    "保存済みの版"
e2e_keys t
e2e_expect "t throws the draft away" "下書きを捨てました"
[ "$(drafts)" = 0 ] && [ "$(saved_text)" = "下書きになる入力その一" ] &&
    pass "db: no draft, the entry as saved" ||
    fail "db: no draft, the entry as saved" "$(drafts): $(saved_text)"
e2e_keys Escape Q
e2e_expect_exit "quits with status 0 after t" 0

# ---- SIGTERM: Esc leaves the draft for later ------------------------------------
e2e_start "$db" 100 30
open_form
e2e_keys C-e
e2e_type '、終了の直前'
e2e_expect "typed before SIGTERM" "、終了の直前"
e2e_signal TERM
e2e_expect_exit "SIGTERM ends the program with status 143" 143
e2e_expect_restored "the terminal is restored after SIGTERM"
e2e_start "$db" 100 30
open_form
e2e_expect "the SIGTERM draft is offered" "下書きになる入力その一、終了の直前"
# At 80 columns the question takes two lines and its keys are those
# that fit whole (j/k is left out, not cut).
e2e_resize 80 24
e2e_expect_line "at 80 columns the question is on two lines" \
    '^どちらを使いますか *$'
e2e_expect_line "at 80 columns the keys shown are whole" \
    '^m: 下書きを入力欄に戻す  t: 下書きを捨てる  Esc: 後で決める *$'
e2e_resize 100 30
e2e_expect "back at 100 columns the question is whole" "どちらを使いますか" \
    "Esc: 後で決める"
e2e_keys Escape
e2e_expect "Esc keeps it for later and shows the saved entry" \
    "下書きは残してあります"
e2e_expect_not "the form holds the saved text" "、終了の直前"
[ "$(drafts)" = 1 ] && pass "db: the draft is kept after Esc" ||
    fail "db: the draft is kept after Esc" "$(drafts)"

# ---- C-\ does nothing; C-z suspends and comes back --------------------------------
e2e_keys C-e
e2e_type '（続き）'
e2e_keys 'C-\'
e2e_expect "C-\\ does nothing in the form" "下書きになる入力その一（続き）" \
    "実績入力（令和3年度）"
e2e_keys C-z
e2e_wait_gone "実績入力（令和3年度）" || true
e2e_signal CONT
e2e_keys C-l
e2e_expect "after C-z and SIGCONT the form and its text are back" \
    "実績入力（令和3年度）" "下書きになる入力その一（続き）"
e2e_keys C-s
e2e_expect "C-s still saves after the suspension" "保存しました"
[ "$(saved_text)" = "下書きになる入力その一（続き）" ] &&
    pass "db: saved after C-z" || fail "db: saved after C-z" "$(saved_text)"

# ---- the terminal goes away ------------------------------------------------------------
e2e_keys C-e
e2e_type '／回線切れ'
e2e_expect "typed before the terminal goes" "（続き）／回線切れ"
e2e_kill "$e2e_sock"
e2e_running=0
i=0
while [ "$i" -lt 200 ] && [ "$(draft_text)" != "下書きになる入力その一（続き）／回線切れ" ]; do
	sleep 0.05
	i=$((i + 1))
done
[ "$(draft_text)" = "下書きになる入力その一（続き）／回線切れ" ] &&
    pass "db: a closed terminal leaves a draft" ||
    fail "db: a closed terminal leaves a draft" "$(draft_text)"
[ "$(saved_text)" = "下書きになる入力その一（続き）" ] &&
    pass "db: and the saved entry untouched" ||
    fail "db: and the saved entry untouched" "$(saved_text)"
i=0
while [ "$i" -lt 200 ] && [ ! -s "$e2e_status" ]; do
	sleep 0.05
	i=$((i + 1))
done
[ "$(cat "$e2e_status" 2>/dev/null)" = 129 ] &&
    pass "the program ended with status 129" ||
    fail "the program ended with status 129" "$(cat "$e2e_status" 2>/dev/null)"
# ---- an indicator's actual form: SIGTERM, then m ------------------------------------
cat > "$e2e_config" <<'EOF'
[calendar]
current_year = 2023
year_display = era
EOF
ind=$(q "SELECT i.id FROM indicator i JOIN plan p ON p.id = i.plan_id
    WHERE p.code = 'shimotsuma-6' AND i.key = '1-1'")
actual_draft() {
	q "SELECT group_concat(x, '|') FROM (SELECT f.name || '=' || f.value AS x
	    FROM draft d JOIN draft_field f ON f.draft_id = d.id
	    WHERE d.login = '$me' AND d.indicator_id = $ind AND d.fy = 2023
	    AND d.kind = 'actual' ORDER BY f.rowid)"
}
open_actual() {
	e2e_wait "計画一覧" || return 1
	e2e_keys /
	e2e_type '下妻'
	e2e_keys Enter
	e2e_wait "| 下妻市総合計画" || return 1
	e2e_keys Enter
	e2e_wait "施策体系（令和5年度）" || return 1
	e2e_keys i
	e2e_wait "> 指標一覧" || return 1
	e2e_keys /
	e2e_type 'まちづくり推進交付金'
	e2e_keys Enter Enter
	e2e_wait "> 指標 > まちづくり推進交付金による新規の事業数" || return 1
	e2e_keys E
	e2e_wait "実績値の入力（令和5年度）"
}
e2e_start "$db" 100 30
open_actual && pass "the actual form of shimotsuma-6 1-1 opens" ||
    fail "the actual form of shimotsuma-6 1-1 opens" "$(e2e_screen)"
e2e_type '７件'
e2e_keys Tab
e2e_type '4月から6月'
e2e_expect "a value and a note typed" "７件" "4月から6月"
e2e_signal TERM
e2e_expect_exit "SIGTERM ends the actual form's program with status 143" 143
[ "$(actual_draft)" = "value=７件|note=4月から6月" ] &&
    pass "db: the actual's draft, as typed" ||
    fail "db: the actual's draft, as typed" "$(actual_draft)"
[ "$(q "SELECT count(*) FROM indicator_actual WHERE indicator_id = $ind")" = 0 ] &&
    pass "db: no actual saved" || fail "db: no actual saved"
e2e_start "$db" 100 30
open_actual
e2e_expect "the actual form offers its draft" "下書き（保存されていない入力）" \
    "７件" "4月から6月"
e2e_keys m
e2e_expect "m brings it back" "下書きを入力欄に戻しました" "７件"
e2e_keys C-s
e2e_expect "and C-s saves it" "保存しました"
got=$(q "SELECT num || '|' || note FROM indicator_actual WHERE indicator_id = $ind AND fy = 2023")
[ "$got" = "7.0|4月から6月" ] && pass "db: the actual saved from the draft" ||
    fail "db: the actual saved from the draft" "$got"
[ -z "$(actual_draft)" ] && pass "db: the actual's draft is gone" ||
    fail "db: the actual's draft is gone" "$(actual_draft)"
e2e_keys Escape Escape Escape Escape Q
e2e_expect_exit "quits with status 0" 0
[ "$(q "PRAGMA integrity_check")" = ok ] && pass "db: integrity_check ok" ||
    fail "db: integrity_check ok"
e2e_check_sanitizers "no sanitizer report"
e2e_finish
