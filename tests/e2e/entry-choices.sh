#!/bin/sh
# 状況 and 評価 of the results form take what a clerk types, as a list
# box does: a status by the first characters of its name or of its
# reading, typed one key at a time or sent whole by an input method (実,
# かんりょう, 中止); a grade by its key, half or full width. A character
# that chooses nothing says how to choose, and changes nothing; what was
# chosen is saved and read back with sqlite3.
. "$(dirname "$0")/lib.sh"

e2e_timeout=${E2E_TIMEOUT:-20}

db=$(e2e_new_db choices) || { fail "sample database"; e2e_abandon "no sample database"; }
q() {
	sqlite3 "$db" "$1"
}
item=$(q "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'yuki-ap' AND n.code = 'No.1'")

e2e_start "$db" 100 30
e2e_wait "計画一覧"
e2e_keys G r
e2e_wait "> ロードマップ"
e2e_keys E
e2e_expect "the results form of No.1" "実績入力（令和5年度） > No.1" \
    "状況 [—         ]"
e2e_keys F1
e2e_expect "help names both ways of choosing by typing" \
    "状況の頭文字" "状況の欄で: 名前か読みの頭（実、じっし）で状況を選ぶ" \
    "評価のキー" "評価の欄で: 設定の評価のキー（A など、全角でも）で選ぶ"
e2e_keys Escape
e2e_wait "実績入力（令和5年度） > No.1"
# From 取組実績 back to 状況.
e2e_keys BTab BTab
e2e_wait ""

e2e_type '実'
e2e_expect "実 chooses 実施中" "状況 [実施中"
e2e_type 'かんりょう'
e2e_expect "its reading sent whole chooses 完了" "状況 [完了"
e2e_type 'え'
e2e_expect "a reading's first kana chooses 延期" "状況 [延期"
e2e_type '中止'
e2e_expect "a name sent whole chooses 中止" "状況 [中止"
e2e_type '済'
e2e_expect "a character that begins no status says how to choose" \
    "「済」で始まる状況はありません（Enter で一覧、未 実 完 延 中 で選べます）" \
    "状況 [中止"
e2e_expect_not "and is not called a key without a command" \
    "操作が割り当てられていません"
# (What was typed while the field kept the focus is one change.)
e2e_keys C-_
e2e_expect "C-_ takes the typed statuses back at once" "状況 [—         ]"
e2e_type '延'
e2e_expect "延 chooses 延期" "状況 [延期"

e2e_keys Tab
e2e_wait ""
e2e_type 'ｂ'
e2e_expect "a full-width grade key chooses B" "評価 [B"
e2e_type '良'
e2e_expect "a character that is no grade names the keys" \
    "「良」という評価はありません（Enter で一覧、キーで選ぶなら A B C D）" \
    "評価 [B"

e2e_keys C-s
e2e_expect "saved" "保存しました（下書き）"
got=$(q "SELECT status || '|' || grade || '|' || state FROM result
    WHERE node_id = $item AND fy = 2023")
[ "$got" = "postponed|B|draft" ] && pass "db: 延期, B, a draft" ||
    fail "db: 延期, B, a draft" "$got"
e2e_keys Escape
e2e_wait "> ロードマップ"
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_check_sanitizers "no sanitizer report"
e2e_finish
