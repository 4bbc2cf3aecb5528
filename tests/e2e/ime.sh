#!/bin/sh
# Japanese typed as an input method sends it: each committed string
# arrives as one burst (tmux send-keys -l), with full-width spaces. After
# every burst the terminal's cursor (read from tmux) stands at the
# insertion point, at the display column, so that the input method's
# conversion window opens where the text goes: in the search line, in
# the multi-line editor of the results form (also across a wrapped row),
# in a line field of the form library, in the planner's form and on its
# bottom line. Where nothing is edited (the lists, the conflict view) the
# cursor is hidden. The text is saved whole, U+3000 and all.
. "$(dirname "$0")/lib.sh"

e2e_timeout=${E2E_TIMEOUT:-20}

db=$(e2e_new_db ime) || { fail "sample database"; e2e_abandon "no sample database"; }
q() {
	sqlite3 "$db" "$1"
}
item=$(q "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'yuki-ap' AND n.code = 'No.1'")

# cursor_at NAME X Y: the screen is stable and the terminal's cursor is
# shown at column X of row Y.
cursor_at() {
	e2e_live || { e2e_not_run "$1"; return 0; }
	e2e_wait ""
	got=$(tmux -L "$e2e_sock" display-message -p -t main \
	    '#{cursor_flag} #{cursor_x} #{cursor_y}')
	[ "$got" = "1 $2 $3" ] && pass "$1" ||
	    fail "$1 (cursor: $got, want 1 $2 $3)" "$(e2e_screen)"
}
# cursor_hidden NAME: the terminal's cursor is not shown.
cursor_hidden() {
	e2e_live || { e2e_not_run "$1"; return 0; }
	e2e_wait ""
	got=$(tmux -L "$e2e_sock" display-message -p -t main '#{cursor_flag}')
	[ "$got" = 0 ] && pass "$1" || fail "$1 (cursor shown)" "$(e2e_screen)"
}

e2e_start "$db" 100 30
e2e_wait "計画一覧"
cursor_hidden "the plan list: no cursor"

# The search line at the bottom.
e2e_keys /
e2e_wait_prompt
cursor_at "the search line: after 検索: " 6 29
e2e_type '見守り　協力員'
cursor_at "after a burst of 7 full-width characters (U+3000 one of them): 14 columns on" 20 29
e2e_keys Escape
cursor_hidden "the search cancelled: no cursor"

# The results form: the multi-line editor.
e2e_keys G r
e2e_wait "> ロードマップ"
cursor_hidden "the roadmap: no cursor"
e2e_keys E
e2e_expect "the results form of No.1" "実績入力（令和5年度） > No.1"
cursor_at "取組実績 edited: the cursor at its start" 0 5
e2e_type '見守り　協力員'
e2e_expect "the burst is in the text whole" "見守り　協力員"
cursor_at "after the first burst" 14 5
e2e_type 'の募集'
cursor_at "after the second burst" 20 5
e2e_keys Enter
cursor_at "a new line" 0 6
e2e_type 'ＡＢＣ'
cursor_at "full-width letters are two columns each" 6 6
e2e_keys Enter
fifty=$(printf '字%.0s' $(seq 1 50))
e2e_type "$fifty"
# 99 text columns hold 49 double-width characters: the fiftieth goes
# to the next row whole, and the cursor after it.
cursor_at "a wrapped row: the fiftieth character on the next row" 2 8
row=$(e2e_screen | sed -n 8p)
[ "$row" = "$(printf '字%.0s' $(seq 1 49))" ] &&
    pass "the full row holds 49, none cut at the edge" ||
    fail "the full row holds 49" "$row"
e2e_keys Up
cursor_at "Up: the same display column a row above" 2 7

# A line field of the form library (the indicator's note).
e2e_keys Tab Tab Tab
e2e_wait ""
cursor_at "the indicator's note field" 66 26
e2e_type '見守り　協力員'
cursor_at "after a burst in the line field" 80 26
e2e_type 'の募集'
cursor_at "after the second burst in the line field" 86 26
e2e_keys BSpace
cursor_at "Backspace takes one full-width character" 84 26
e2e_type '集'
e2e_keys C-s
e2e_expect "saved" "保存しました（下書き）"
cursor_at "after the save the cursor is back in the field" 86 26
want=$(printf '見守り　協力員の募集\nＡＢＣ\n%s' "$fifty")
[ "$(q "SELECT text FROM result WHERE node_id = $item AND fy = 2023")" = "$want" ] &&
    pass "db: the text whole, U+3000 and the line breaks kept" ||
    fail "db: the text whole" "$(q "SELECT text FROM result WHERE node_id = $item AND fy = 2023")"
got=$(q "SELECT a.note FROM indicator_actual a JOIN indicator i ON i.id = a.indicator_id
    WHERE i.node_id = $item AND a.fy = 2023")
[ "$got" = '見守り　協力員の募集' ] && pass "db: the note whole" ||
    fail "db: the note whole" "$got"

# The conflict view: another saves meanwhile; nothing is typed there.
e2e_keys BTab BTab BTab
e2e_wait ""
e2e_type '追記'
q "UPDATE result SET text = '他の人の文', ver = ver + 1
    WHERE node_id = $item AND fy = 2023"
e2e_wait "保存済みの版を"
e2e_keys C-s
e2e_expect "both versions side by side" "どちらを残しますか"
cursor_hidden "the conflict view: no cursor"
e2e_keys Escape
e2e_wait_gone "どちらを残しますか"
e2e_wait "追記"
cursor_at "back in the form: the cursor where the text goes (after 追記)" 6 7
e2e_keys Escape
e2e_wait "破棄して戻りますか"
e2e_keys y
e2e_wait "> ロードマップ"

# The planner's form: the long text and the bottom line.
e2e_keys Escape
e2e_wait "計画一覧"
e2e_keys Enter
e2e_wait "施策体系"
e2e_keys m
e2e_wait "基本方針を修正"
cursor_hidden "the planner's form, its list: no cursor"
e2e_keys j j j j j j j Enter
e2e_wait "Esc で一覧に戻る"
cursor_at "a long text of the planner's form" 0 2
e2e_type '見守り　協力員'
cursor_at "after a burst there" 14 2
e2e_keys Escape
cursor_hidden "back on the list: no cursor"
e2e_keys g j Enter
e2e_wait_prompt
# 名称: and the title (36 columns) as it is, the cursor after them.
cursor_at "the bottom line of the planner's form" 42 29
e2e_type '見守り'
cursor_at "after a burst on the bottom line" 48 29
e2e_keys Enter
e2e_wait "名称"
e2e_keys C-s
e2e_expect "the node saved" "保存しました"
got=$(q "SELECT title || '|' || means FROM node n JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'yuki-ap' AND n.key = 'I'")
[ "$got" = '市民と行政がともに支えあう体制づくり見守り|見守り　協力員' ] &&
    pass "db: the planner's texts whole" || fail "db: the planner's texts whole" "$got"
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_check_sanitizers "no sanitizer report"
e2e_finish
