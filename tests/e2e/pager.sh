#!/bin/sh
# Everything readable by everyone: v opens the full text (全文) of the
# node or the plan under the cursor in a pager, from the plan list, the
# tree, a sheet, the roadmap, the indicator list, an indicator and my
# work, for a planner, a clerk and a supervisor alike. The pager names
# what it shows and where the view is, scrolls by rows and pages, goes to
# either end, searches Japanese (and full-width letters by ASCII ones)
# with n and N round the ends, highlights the matches, wraps by display
# width without losing a character at the edge (also after a resize),
# and Esc comes back to the same place.
#
# The clerk and the supervisor are the system logins daemon and sys
# (through setpriv, as root); elsewhere their checks fail with the reason.
e2e_logins="daemon sys"
. "$(dirname "$0")/lib.sh"

e2e_timeout=${E2E_TIMEOUT:-20}

db=$(e2e_new_db pager) || { fail "sample database"; e2e_abandon "no sample database"; }

q() {	# one value from the database
	sqlite3 "$db" "$1"
}

# ---- the planner: the plan list, the tree, a sheet ---------------------
e2e_start "$db" 100 30
e2e_expect "the planner starts on the plan list" "計画一覧（令和5年度）"
e2e_expect_line "the hint names v for the plan's description" '  v:説明  '
e2e_keys v
e2e_expect "v on the plan list: the plan's whole description" \
    "全文 > 小美玉市行革・DX推進計画（案）" "コード: omitama-dx" \
    "期間: 令和8年度〜令和12年度" "【計画の説明】" \
    "基本目標：持続可能な行財政運営による質の高い行政サービスの実現"
e2e_expect_line "the first row names the document and its length" \
    '^ 小美玉市行革・DX推進計画（案） +全 [0-9]+ 行 *$'
e2e_expect_line "the hint line names the pager's keys" \
    '^/:検索  n N:次・前  PgUp PgDn:ページ  \?:ヘルプ  Esc:戻る'
e2e_keys Escape
e2e_expect "Esc: back on the plan list" "計画一覧（令和5年度）"
e2e_keys j j
e2e_wait "下妻市総合計画"
e2e_keys Enter
e2e_expect "the tree of 下妻市" "施策体系（令和5年度）" "市民協働・地域活動の推進"
e2e_expect_line "the tree's hint names v" '  v:全文'
e2e_keys v
e2e_expect "v on a 基本施策: its whole text" \
    "全文 > 基本施策 1 市民協働・地域活動の推進" \
    "計画: 下妻市総合計画 基本計画" "【概要・方向性】" \
    "住民自治・地域コミュニティの分野については"
e2e_expect_line "where the view is: the first rows of many" \
    '^ 基本施策 1 市民協働・地域活動の推進 +1-26 / [0-9]+ 行 \([0-9]+%\) *$'
total=$(e2e_screen | sed -n 's/.* 1-26 \/ \([0-9]*\) 行.*/\1/p' | head -n 1)
[ -n "$total" ] && [ "$total" -gt 40 ] && pass "the text is long ($total rows)" ||
    fail "the text is long" "$(e2e_screen)"

# Scrolling.
e2e_keys j
e2e_expect_line "j scrolls one row" '^ 基本施策 1 .* 2-27 / '
e2e_keys k
e2e_expect_line "k back" '^ 基本施策 1 .* 1-26 / '
e2e_keys PageDown
e2e_expect_line "PgDn a page (keeping one row)" '^ 基本施策 1 .* 26-51 / '
e2e_keys PageUp
e2e_expect_line "PgUp back" '^ 基本施策 1 .* 1-26 / '
e2e_keys G
e2e_expect "G to the end: the nodes below" "【下位の項目】" "(100%)"
e2e_expect_not "the beginning is out of view" "【概要・方向性】"
e2e_keys g
e2e_expect "g to the start" "【概要・方向性】" " 1-26 / "

# Searching, with the match highlighted.
e2e_keys /
e2e_wait_prompt || fail "/ asks for the word" "$(e2e_screen)"
e2e_type '宝くじ'
e2e_keys Enter
e2e_expect "/ goes to the match below the view, on the first row" "宝くじ"
e2e_expect_not "the view moved to it" " 1-26 / " "【概要・方向性】"
e2e_screen | sed -n 3p | grep -q '宝くじ' && pass "the match's row is at the top" ||
    fail "the match's row is at the top" "$(e2e_screen)"
lit=$(tmux -L "$e2e_sock" capture-pane -p -e -t main | grep '宝くじ' |
    grep -c "$(printf '\033')\[[0-9;]*[0-9]m宝くじ")
[ "$lit" -ge 1 ] && pass "the match is highlighted" ||
    fail "the match is highlighted" "$(tmux -L "$e2e_sock" capture-pane -p -e -t main | grep -a '宝くじ')"
e2e_keys n
e2e_expect "n: the one match again, round the end, said so" \
    "先頭から続けて見つけました: 宝くじ"
e2e_keys g /
e2e_wait_prompt
e2e_type '性的マイノリティ'
e2e_keys Enter
e2e_expect "a match in view keeps the view" "性的マイノリティ" " 1-26 / "
# 同和 is in the view and further down: n goes down, N comes back up.
e2e_keys /
e2e_wait_prompt
e2e_type '同和'
e2e_keys Enter
e2e_wait " 1-26 / "
e2e_keys n
e2e_wait_gone " 1-26 / "
after_n=$(e2e_screen | sed -n 2p)
e2e_screen | sed -n 3p | grep -q '同和' && pass "n: the next match at the top" ||
    fail "n: the next match at the top" "$(e2e_screen)"
e2e_keys N
e2e_wait ""
after_p=$(e2e_screen | sed -n 2p)
[ "$after_p" != "$after_n" ] && e2e_screen | sed -n 3p | grep -q '同和' &&
    pass "N: back to the match before" ||
    fail "N: back to the match before" "$after_n / $(e2e_screen)"
e2e_keys /
e2e_wait_prompt
e2e_type '存在しない語句'
e2e_keys Enter
e2e_expect "a word not in the text says so" "見つかりません: 存在しない語句"

# Wrapping by display width: at an odd width a kanji never crosses the
# edge, and the rows of the first paragraph put together give it whole.
e2e_keys g
e2e_resize 83 30
e2e_wait "全文 > 基本施策 1"
para=$(q "SELECT substr(summary, 1, instr(summary, char(10)) - 1) FROM node n
    JOIN plan p ON p.id = n.plan_id WHERE p.code = 'shimotsuma-6'
    AND n.depth = 1 AND n.code = '1'")
shown=$(e2e_screen | awk '/^【概要・方向性】/ { on = 1; next }
    on && /^  / { sub(/^  /, ""); printf "%s", $0; if (length($0) < 10) exit; next }
    on { exit }')
case $shown in
"$para"*) pass "the paragraph wrapped at 83 columns is whole" ;;
*)	fail "the paragraph wrapped at 83 columns is whole" "$(e2e_screen)" ;;
esac
e2e_resize 100 30
e2e_wait " 1-26 / "
e2e_keys Escape
e2e_expect "Esc: back on the tree, the cursor where it was" "施策体系（令和5年度）"
e2e_expect_line "the cursor still on 基本施策 1 (its row detailed)" \
    '市民協働・地域活動の推進'

# A sheet, the roadmap, the indicator list, an indicator.
e2e_keys j S
e2e_wait "住民自治、地域コミュニティ"
e2e_keys v
e2e_expect "v on a sheet" "全文 > 分野施策 1 住民自治、地域コミュニティ" \
    "上位: 基本施策 1 市民協働・地域活動の推進" "【下位の項目】"
e2e_keys Escape
e2e_expect "back on the sheet" "> 1 住民自治、地域コミュニティ" "【概要・方向性】"
e2e_keys Escape
e2e_wait "施策体系"
e2e_keys Escape
e2e_wait "計画一覧"
e2e_keys G
e2e_wait "結城市行政改革大綱アクションプラン"
e2e_keys r
e2e_wait "ロードマップ"
e2e_keys v
e2e_expect "v on the roadmap: the item under the cursor with its yearly plans" \
    "全文 > 取組内容 No.1 市民参画・市民活動支援事業" \
    "【年次計画】" "令和3年度〜令和7年度" "・ふれあい出前講座" \
    "○まちづくり連続講座（一般市民向け、高校生向け）"
e2e_keys G
e2e_expect "its end: the indicator and the year's result" \
    "1. ふれあい出前講座の実施回数" "最終目標: 50回（令和7年度）" \
    "【令和5年度の実績】"
e2e_keys Escape
e2e_expect "back on the roadmap" "> ロードマップ"
e2e_keys Escape
e2e_wait "計画一覧"
e2e_keys i
e2e_wait "指標一覧"
e2e_keys v
e2e_expect "v on the indicator list: the text of the indicator's node" \
    "全文 > 取組内容 No.1 市民参画・市民活動支援事業" "【指標】"
e2e_keys Escape
e2e_expect "back on the indicator list" "指標一覧"
e2e_keys Enter
e2e_wait "> 指標 > "
e2e_keys v
e2e_expect "v on an indicator" "全文 > " "【指標】"
e2e_keys Escape
e2e_expect "back on the indicator" "> 指標 > "
e2e_keys '?'
e2e_expect "help lists v" "全文を読む"
e2e_keys Escape
e2e_keys Q
e2e_expect_exit "the planner quits" 0
e2e_check_sanitizers "no sanitizer report (planner)"

# ---- a clerk and a supervisor -----------------------------------------
"$e2e_bin" -c "$e2e_config" -d "$db" year open R5 >/dev/null 2>&1 &&
    "$e2e_bin" -c "$e2e_config" -d "$db" user add daemon --role clerk \
    --dept 結城市/まちづくり協働課 >/dev/null 2>&1 &&
    "$e2e_bin" -c "$e2e_config" -d "$db" user add sys --role supervisor \
    >/dev/null 2>&1 && pass "a clerk and a supervisor" ||
    { fail "a clerk and a supervisor"; e2e_abandon "no users"; }
chmod 777 "$(dirname "$db")"
chmod 666 "$db"

# as LOGIN: runs the program as LOGIN in a fresh terminal.
as() {
	e2e_live || return 0
	e2e_stop
	e2e_nstarts=$((e2e_nstarts + 1))
	e2e_sock="$e2e_sock_base-$e2e_nstarts"
	mkdir -p "$e2e_tmp/home-$1"
	chown "$(id -u "$1"):$(id -g "$1")" "$e2e_tmp/home-$1"
	tmux -L "$e2e_sock" -f /dev/null new-session -d -s main -x 100 -y 30 \
	    'sleep 86400' || return 1
	tmux -L "$e2e_sock" set-option -g remain-on-exit on
	tmux -L "$e2e_sock" set-option -g status off
	e2e_status_at
	cmd="$(logins_as "$1") env -i PATH=/usr/bin:/bin LANG=C.UTF-8"
	cmd="$cmd TERM=xterm-256color ESCDELAY=50 HOME='$e2e_tmp/home-$1'"
	cmd="$cmd XDG_CONFIG_HOME='$e2e_tmp/home-$1' $(e2e_san_env "$e2e_tmp/asan")"
	cmd="$cmd '$e2e_bin' -c '$e2e_config' -d '$db'"
	cmd="trap : INT TERM HUP; $cmd; echo \$? > '$e2e_status'"
	tmux -L "$e2e_sock" respawn-pane -k -t main "$cmd"
}

as daemon
e2e_expect "the clerk starts on their work" "自分の仕事 > まちづくり協働課" \
    "No.1  市民参画・市民活動支援事業"
e2e_keys v
e2e_expect "v on my work: the item's full text as of its year" \
    "全文 > 取組内容 No.1 市民参画・市民活動支援事業" \
    "○協働のまちづくり推進委員会の開催"
e2e_keys G
e2e_expect "its result of the year, not entered yet" "【令和5年度の実績】" "未入力"
e2e_keys Escape
e2e_expect "back on my work, on the same entry" "自分の仕事 > まちづくり協働課" \
    "取組: No.1 市民参画・市民活動支援事業"
e2e_keys Escape
e2e_wait "計画一覧"
e2e_keys j j Enter
e2e_wait "施策体系"
e2e_keys v
e2e_expect "a clerk reads a 基本施策's text" \
    "全文 > 基本施策 1 市民協働・地域活動の推進" "住民自治・地域コミュニティ"
e2e_keys Escape Q
e2e_expect_exit "the clerk quits" 0

as sys
e2e_expect "the supervisor starts on what waits" "自分の仕事 > 確認待ち"
e2e_keys Escape
e2e_wait "計画一覧"
e2e_keys j j r
e2e_wait "ロードマップ"
e2e_keys v
e2e_expect "a supervisor reads an item's text from the roadmap" \
    "全文 > 取組 6-1-1-1 地域住民による自治活動の支援" "【年次計画】"
e2e_keys Escape Escape
e2e_wait "計画一覧"
e2e_keys v
e2e_expect "and a plan's description" "コード: shimotsuma-6" "【計画の説明】"
e2e_keys Escape Q
e2e_expect_exit "the supervisor quits" 0
e2e_check_sanitizers "no sanitizer report (clerk, supervisor)"

e2e_finish
