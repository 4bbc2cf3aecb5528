#!/bin/sh
# Search and jump: / on the plan list finds an item of another plan by a
# word only its 手段 holds and lists it with the field named; Esc goes
# back to the plan list where it was, n shows the hits again, r opens the
# hit's plan's roadmap, Enter lands on the item in its plan's tree;
# full-width letters find half-width ones. In a plan, / finds
# a word of a year's result and names it 「実績 R5」, n goes round, and
# :search lists the plan's hits. Indicators' names and rationales are
# found too, named 指標 and 指標の考え方. The command line (:) opens a plan (Tab
# completes its code), changes the year (:year R7, :年度 令和6), jumps to
# a code (:No.25, :6-2-1-1), keeps a line it cannot do with the reason
# above it, brings back earlier lines with Up, and quits (:q). Japanese is
# typed as an input method sends it; searching and jumping write nothing.
. "$(dirname "$0")/lib.sh"

db=$(e2e_new_db search) || { fail "sample database"; e2e_abandon "no sample database"; }
# A result of 結城市 No.19 in 令和5年度 whose text holds a word found
# nowhere else.
sqlite3 "$db" "INSERT INTO result (node_id, fy, status, state, text, comment,
    entered_by, entered_at) SELECT n.id, 2023, 'in_progress', 'draft',
    '夜間納税窓口を月2回開設した', '', 'tester', '2024-04-01T09:00:00'
    FROM node n JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'yuki-ap' AND n.code = 'No.19'" ||
    { fail "a result to find"; e2e_abandon "no result"; }
e2e_dump "$db" > "$e2e_tmp/before.sql"

e2e_start "$db" 100 30 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list" "計画一覧（令和5年度）"
e2e_keys j
e2e_expect "the cursor on the second plan" "| 小美玉市総合計画"

# ---- / on the plan list: every plan ------------------------------------
e2e_keys /
e2e_wait_prompt || fail "the search prompt opens" "$(e2e_screen)"
e2e_type 'ネーミングライツ'
e2e_keys Enter
e2e_expect "a word only in an item's 手段 and its indicator is found in another plan" \
    "検索「ネーミングライツ」全計画  2 件"
e2e_expect_line "its row: plan, code, title, the field, the text" \
    'omitama-dx +No\.22 +税外収入確保の推進 +手段 +ネーミングライツ'
e2e_expect_line "and the name of its indicator, named 指標" \
    'omitama-dx +No\.22 +税外収入確保の推進 +指標 +\.\.\.収入額\(ネーミングライツ料含む\)'
# The match drawn in an attribute of its own: an escape right before it
# and right after it, in a row not under the cursor.
esc=$(printf '\033')
e2e_screen_attrs | grep '収入額' |
    grep -q "$esc\[[0-9;]*mネーミングライツ$esc\[" &&
    pass "the match is marked in the text of a hit" ||
    fail "the match is marked in the text of a hit" "$(e2e_screen_attrs | grep '収入額' | od -c | head -n 20)"
e2e_expect "the hit in more words below the list" \
    "小美玉市行革・DX推進計画（案） > No.22 税外収入確保の推進" "「手段」に一致"
e2e_keys Escape
e2e_expect "Esc goes back to the plan list where it was" "計画一覧（令和5年度）" \
    "| 小美玉市総合計画"
e2e_keys n
e2e_expect "n on the plan list shows the last hits again" \
    "検索「ネーミングライツ」全計画  2 件"
e2e_keys r
e2e_expect "r on a hit opens its plan's roadmap, as on the plan list" \
    "小美玉市行革・DX推進計画（案） > ロードマップ"
e2e_keys Escape
e2e_expect "Esc from it goes back to the plan list" "計画一覧（令和5年度）"
e2e_keys n
e2e_wait "検索「ネーミングライツ」全計画"
e2e_keys Enter
e2e_expect "Enter lands on the item in its plan's tree" \
    "小美玉市行革・DX推進計画（案） > 施策体系（令和5年度）" \
    "[取組項目] No.22 税外収入確保の推進"
e2e_expect "the tree names the field that matched" "一致「手段」: ネーミングライツ"
e2e_keys Escape
e2e_expect "Esc from the tree goes back to the plan list, in place" \
    "計画一覧（令和5年度）" "| 小美玉市総合計画"

# Full-width letters typed find half-width ones, and case folds.
e2e_keys /
e2e_type 'ｂｐｒの全庁展開'
e2e_keys Enter
e2e_expect_line "ｂｐｒ finds BPR in 手段" 'omitama-dx +No\.6 +BPRの取組の徹底 +手段 +'
e2e_keys /
e2e_type 'ありえない語'
e2e_keys Enter
e2e_expect "a word nowhere says so and keeps the hits" "見つかりません: ありえない語" \
    "検索「ｂｐｒの全庁展開」全計画"
# An indicator's rationale (指標の考え方) and name (指標).
e2e_keys /
e2e_type '調査全体の値に対する'
e2e_keys Enter
e2e_expect_line "a word of an indicator's rationale, named 指標の考え方" \
    'omitama-1 +2 +人権の尊重.* 指標の考え方 +\.\.\.を行い、調査全体の値に対する'
e2e_expect "the hit's text below the list" "「指標の考え方」に一致"
e2e_keys /
e2e_type 'まちづくり組織サイト立ち上げ数'
e2e_keys Enter
e2e_expect_line "an indicator's name, named 指標" \
    'omitama-1 .* 指標 +まちづくり組織サイト立ち上げ数'
e2e_keys Escape
e2e_expect "back on the plan list" "計画一覧（令和5年度）"

# ---- : opens a plan, completed with Tab --------------------------------
e2e_keys :
e2e_wait_prompt || fail "the command line opens on the bottom line" "$(e2e_screen)"
e2e_expect "the command line says its keys" "コマンド行: Tab 補完"
e2e_type 'plan yu'
e2e_keys Tab
e2e_expect_line "Tab completes the plan's code" '^:plan yuki-ap *$'
e2e_keys Enter
e2e_expect ":plan opens the plan's tree" \
    "結城市行政改革大綱アクションプラン > 施策体系（令和5年度）"

# ---- / in a plan: a year's result --------------------------------------
e2e_keys /
e2e_type '夜間納税窓口'
e2e_keys Enter
e2e_expect "/ in a plan finds a word of a result, named 実績 and its year" \
    "[取組内容] No.19 市税等の収納率の向上" "一致「実績 R5」: 夜間納税窓口を月2回開設した"
e2e_expect "the bottom line names the field" "「実績 R5」に一致: 夜間納税窓口"
e2e_keys n
e2e_expect "n goes round to the only hit" \
    "末尾まで検索したので先頭から続けました: 夜間納税窓口（実績 R5）"
e2e_keys :
e2e_type 'search 夜間納税窓口'
e2e_keys Enter
e2e_expect ":search lists the plan's hits" \
    "検索「夜間納税窓口」結城市行政改革大綱アクションプラン  1 件"
e2e_expect_line "the hit names 実績 and the year" 'No\.19 +市税等の収納率の向上 +実績 R5 +夜間納税窓口'
e2e_keys Enter
e2e_expect "Enter goes back into the tree" "施策体系（令和5年度）" \
    "[取組内容] No.19 市税等の収納率の向上"
e2e_keys /
e2e_type '公募型補助金交付件数'
e2e_keys Enter
e2e_expect "/ in a plan finds an indicator's name, named 指標" \
    "[取組内容] No.4 " "一致「指標」: 公募型補助金交付件数"

# ---- : the year, a code ------------------------------------------------
e2e_keys :
e2e_type 'year R7'
e2e_keys Enter
e2e_expect ":year R7 changes the year on the title line" "施策体系（令和7年度）" \
    "R7 締切" "令和7年度 を表示します"
e2e_keys :
e2e_type '年度 令和6'
e2e_keys Enter
e2e_expect ":年度 令和6 in Japanese" "施策体系（令和6年度）" "R6 締切"
e2e_keys :
e2e_type 'No.25'
e2e_keys Enter
e2e_expect ":No.25 lands on the node" "[取組内容] No.25 定員管理計画の管理"
e2e_keys :
e2e_type 'plan shim'
e2e_keys Tab Enter
e2e_expect ":plan with a completed code" "下妻市総合計画" "基本施策 > 分野施策 > 取組"
e2e_keys :
e2e_type '6-2-1-1'
e2e_keys Enter
e2e_expect ":6-2-1-1 lands on the node, the way to it opened" \
    "[取組] 6-2-1-1 広報活動の強化"

# ---- a line that cannot be done stays -----------------------------------
e2e_keys :
e2e_type 'plna x'
e2e_keys Enter
e2e_expect "an unknown command says so" "不明なコマンドです: plna"
e2e_expect_line "and the line keeps the text" '^:plna x *$'
e2e_wait_prompt || fail "the command line is still open" "$(e2e_screen)"
e2e_keys C-u
e2e_type '9-9-9'
e2e_keys Enter
e2e_expect "an unknown code says so" \
    "「9-9-9」はコマンドでも、下妻市総合計画"
e2e_expect_line "and keeps it" '^:9-9-9 *$'
e2e_keys Escape
e2e_expect_not "Esc leaves the command line" "コマンド行: Tab 補完"

# ---- Up brings back earlier lines ----------------------------------------
e2e_keys g
e2e_expect_not "the cursor away from 6-2-1-1" "[取組] 6-2-1-1 広報活動の強化"
e2e_keys : Up
e2e_expect_line "Up: the last line" '^:9-9-9 *$'
e2e_keys Up Up
e2e_expect_line "Up again: earlier ones" '^:6-2-1-1 *$'
e2e_keys Enter
e2e_expect "an earlier line done again" "[取組] 6-2-1-1 広報活動の強化"

e2e_keys '?'
e2e_expect "help opens" "ヘルプ: 施策体系"
e2e_keys G
e2e_expect "help lists the command line at its end" "コマンド行（: で開く" \
    ":plan コード" ":year 年度" ":quit :q"
e2e_keys Escape
e2e_keys :
e2e_type 'q'
e2e_keys Enter
e2e_expect_exit ":q quits" 0

e2e_dump "$db" > "$e2e_tmp/after.sql"
e2e_same_file "searching and jumping write nothing" "$e2e_tmp/before.sql" \
    "$e2e_tmp/after.sql"
e2e_check_sanitizers "no sanitizer reports"
e2e_finish
