#!/bin/sh
# A long text in the user's own editor. EDITOR is a small script that
# appends Japanese text to the file it is given and reports what it saw:
# the file's mode, where it is, the descriptors it inherited. In the
# results form C-x C-e hands 取組実績 to it and puts the result back in
# the field (not yet saved; C-_ takes it back; C-s saves it whole); in
# the planner's form v does it on a long text's row. The file is private
# (0600), is gone afterwards, and the editor holds no descriptor of the
# database. An editor that fails leaves the field as it was and says so;
# with no editor at all the program says how to set one.
. "$(dirname "$0")/lib.sh"

e2e_timeout=${E2E_TIMEOUT:-20}

db=$(e2e_new_db extedit) || { fail "sample database"; e2e_abandon "no sample database"; }
q() {
	sqlite3 "$db" "$1"
}
ed="$e2e_tmp/editor.sh"
cat > "$ed" <<EOF
#!/bin/sh
D='$e2e_tmp'
stat -c %a "\$1" > "\$D/ed-mode"
printf '%s\n' "\$1" > "\$D/ed-path"
for f in /proc/\$\$/fd/*; do readlink "\$f"; done > "\$D/ed-fds" 2>/dev/null
id -u > "\$D/ed-uid"
[ -e "\$D/ed-fail" ] && exit 3
printf '追記：見守り　協力員を増やした。\n' >> "\$1"
[ -e "\$D/ed-fail-after" ] && exit 4
exit 0
EOF
chmod 755 "$ed"

item=$(q "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'yuki-ap' AND n.code = 'No.1'")
text_now() {
	q "SELECT text FROM result WHERE node_id = $item AND fy = 2023"
}

unset VISUAL
export EDITOR="$ed"
e2e_start "$db" 100 30
e2e_wait "計画一覧"
e2e_keys G r
e2e_wait "> ロードマップ"
e2e_keys E
e2e_expect "the results form of No.1 for R5" "実績入力（令和5年度） > No.1"
e2e_expect "the form's last line names C-x C-e in a text" "C-x C-e:エディタで編集"
e2e_type '元の文'
e2e_keys C-x
e2e_expect "C-x waits for its second key" "C-x-（C-e でこの欄をエディタで編集）"
e2e_keys C-e
e2e_expect "C-x C-e: the editor's text is in the field" \
    "取組実績をエディタで書き換えました" "元の文" "追記：見守り　協力員を増やした。"
[ "$(cat "$e2e_tmp/ed-mode" 2>/dev/null)" = 600 ] &&
    pass "the editor's file is the user's alone (0600)" ||
    fail "the editor's file is 0600" "$(cat "$e2e_tmp/ed-mode" 2>&1)"
path=$(cat "$e2e_tmp/ed-path" 2>/dev/null)
case $path in
/tmp/shisaku-*.txt|"${TMPDIR:-/tmp}"/shisaku-*.txt) pass "in the temporary directory: $path" ;;
*)	fail "in the temporary directory" "$path" ;;
esac
[ -n "$path" ] && [ ! -e "$path" ] && pass "and removed afterwards" ||
    fail "the file is removed afterwards" "$path"
if [ -s "$e2e_tmp/ed-fds" ] && ! grep -q 'shisaku.db' "$e2e_tmp/ed-fds"; then
	pass "the editor holds no descriptor of the database"
else
	fail "the editor holds no descriptor of the database" "$(cat "$e2e_tmp/ed-fds" 2>&1)"
fi
[ "$(cat "$e2e_tmp/ed-uid" 2>/dev/null)" = "$(id -u)" ] &&
    pass "the editor runs as the user" || fail "the editor runs as the user"
e2e_expect_line "the cursor is back in the field: its text shown" '^元の文 *$'
tty=$(tmux -L "$e2e_sock" display-message -p -t main '#{pane_tty}')
modes=$(stty -a -F "$tty" 2>&1)
case $modes in
*-ixon*-isig*|*-isig*-ixon*)
	pass "back from the editor: flow control and signal keys off again" ;;
*)	fail "back from the editor: flow control and signal keys off again" "$modes" ;;
esac
cursor=$(tmux -L "$e2e_sock" display-message -p -t main '#{cursor_flag} #{cursor_x} #{cursor_y}')
[ "$cursor" = "1 32 6" ] && pass "the cursor after the editor's text" ||
    fail "the cursor after the editor's text" "$cursor"
[ -z "$(text_now)" ] && pass "db: nothing saved before C-s" ||
    fail "db: nothing saved before C-s" "$(text_now)"
e2e_keys C-_
e2e_expect "C-_ takes the editor's change back" "取組実績を元に戻しました"
e2e_expect_not "the editor's text is gone" "追記：見守り"
e2e_keys C-x C-e
e2e_wait "取組実績をエディタで書き換えました"
e2e_keys C-s
e2e_expect "saved" "保存しました（下書き）"
want=$(printf '元の文\n追記：見守り　協力員を増やした。')
[ "$(text_now)" = "$want" ] && pass "db: the text with the editor's lines, U+3000 kept" ||
    fail "db: the text with the editor's lines" "$(text_now)"

# An editor that fails: the field stays as it was.
touch "$e2e_tmp/ed-fail"
e2e_keys C-x C-e
e2e_expect "a failing editor leaves the field and says why" \
    "取組実績は変えていません: エディタが終了コード 3 で終わりました"
e2e_expect_not "nothing appended" "追記：見守り　協力員を増やした。追記"
rm -f "$e2e_tmp/ed-fail"
# One that wrote and then failed: its text is not taken, nor lost.
touch "$e2e_tmp/ed-fail-after"
e2e_keys C-x C-e
e2e_expect "an editor that wrote and failed: the field is left, the file named" \
    "取組実績は変えていません: 書いた文は" "に残しました"
kept=$(cat "$e2e_tmp/ed-path" 2>/dev/null)
[ -n "$kept" ] && grep -qF '追記：見守り　協力員を増やした。' "$kept" 2>/dev/null &&
    pass "the file keeps what the editor wrote" ||
    fail "the file keeps what the editor wrote" "$kept"
rm -f "$e2e_tmp/ed-fail-after" "$kept"
e2e_keys C-x x
e2e_expect "C-x and another key does nothing" "C-x の次は C-e"
e2e_keys Tab Tab Tab
e2e_keys C-x C-e
e2e_expect "C-x C-e on an indicator's field says where it works" \
    "エディタで編集できるのは取組実績と評価"
e2e_keys Escape
e2e_wait "ロードマップ"

# The planner's form: v on 概要・方向性.
e2e_keys Escape
e2e_wait "計画一覧"
e2e_keys Enter
e2e_wait "施策体系"
e2e_keys m
e2e_expect "the planner's form of the node" "基本方針を修正"
e2e_keys j j j j j j j
e2e_expect "the hint names v on a long text" "v エディタで編集"
e2e_keys v
e2e_expect "v: the editor's text in the record" "をエディタで書き換えました" \
    "追記：見守り　協力員を増やした。"
e2e_keys C-s
e2e_expect "the record is saved" "保存しました"
got=$(q "SELECT means FROM node n JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'yuki-ap' AND n.key = 'I'")
case $got in
*"追記：見守り　協力員を増やした。") pass "db: the node's text from the editor" ;;
*)	fail "db: the node's text from the editor" "$got" ;;
esac
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_check_sanitizers "no sanitizer report"

# No editor anywhere (no VISUAL, no EDITOR, neither editor nor vi on
# the PATH): the program says how to set one and the field is kept.
unset EDITOR
nobin="$e2e_tmp/nobin"
mkdir -p "$nobin"
e2e_start "$db" 100 30
e2e_wait "計画一覧"
e2e_keys Q
e2e_exit_status >/dev/null
if e2e_live; then
	# The program again, with a PATH that holds no editor.
	cmd="env -u SHISAKU_CONFIG -u LC_ALL -u LC_CTYPE -u VISUAL -u EDITOR"
	cmd="$cmd PATH='$nobin' LANG=C.UTF-8 TERM=xterm-256color ESCDELAY=50"
	cmd="$cmd HOME='$e2e_tmp/home' $(e2e_san_env "$e2e_tmp/asan")"
	cmd="$cmd '$e2e_bin' -c '$e2e_config' -d '$db'"
	e2e_nstarts=$((e2e_nstarts + 1))
	e2e_status_at
	tmux -L "$e2e_sock" respawn-pane -k -t main \
	    "trap : INT TERM HUP; $cmd; echo \$? > '$e2e_status'"
fi
e2e_wait "計画一覧"
e2e_keys G r
e2e_wait "> ロードマップ"
e2e_keys E
e2e_wait "実績入力（令和5年度） > No.1"
e2e_keys C-x C-e
e2e_expect "no editor: the program says how to set one" \
    "エディタが見つかりません（環境変数 VISUAL か EDITOR を設定してください"
e2e_expect "the field is as it was" "追記：見守り　協力員を増やした。"
e2e_keys Escape
e2e_wait "> ロードマップ"
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_check_sanitizers "no sanitizer report (no editor)"

e2e_finish
