#!/bin/sh
# The interface in a login that names no UTF-8 locale: no LANG at all
# (a login's environment often has none), a locale the system lacks and
# one that is not UTF-8. Each time the program shows its Japanese in
# C.UTF-8, full width and aligned, and says on the bottom line why; with
# C.UTF-8 named it says nothing.
. "$(dirname "$0")/lib.sh"

db=$(e2e_new_db locale) || { fail "sample database"; e2e_abandon "no sample database"; }

# start LANG-OR-EMPTY NOTE WHAT: the plans list in that locale, the note.
start() {
	e2e_lang=$1
	e2e_start "$db" 100 24 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
	e2e_expect "$3: the plans list in Japanese" "計画一覧" \
	    "下妻市総合計画"
	e2e_expect_line "$3: full width, aligned" \
	    '^ shimotsuma-6 +下妻市総合計画 基本計画 まち ~ 令和5年度〜令和9年度 +59 '
	if [ -n "$2" ]; then
		e2e_expect "$3: the bottom line says why" "$2"
	else
		e2e_expect_not "$3: nothing to say" "ロケール"
	fi
	e2e_keys Q
	e2e_expect_exit "$3: quits cleanly" 0
}

start "" "ロケールの指定がないため C.UTF-8 で表示します（LANG で指定できます）" \
    "no locale"
start "ja_JP.EUC-JP" \
    "ロケール「ja_JP.EUC-JP」が見つからないため C.UTF-8 で表示します" \
    "a locale the system lacks"
start "C" "ロケール「C」は UTF-8 ではないため C.UTF-8 で表示します" \
    "a locale not UTF-8"
start "C.UTF-8" "" "C.UTF-8"
e2e_check_sanitizers "no sanitizer reports"
e2e_finish
