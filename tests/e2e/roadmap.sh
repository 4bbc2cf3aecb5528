#!/bin/sh
# The roadmap at 80x24: 下妻市's items x 令和5年度..令和9年度 with ★ on the
# leading projects, the cursor moving over rows and years with the full
# text of the cell at the bottom, 結城市's yearly plans, filters by flag,
# status and department, search in cell texts with n, the item sheet on
# Enter, a resize with the frozen headers kept, and ASCII symbols.
. "$(dirname "$0")/lib.sh"

db=$(e2e_new_db roadmap) || { fail "sample database"; e2e_abandon "no sample database"; }

# A year's results, loaded the way a planner loads them.
cat > "$e2e_tmp/results.csv" <<'EOF'
shisaku-plan,1
result,shimotsuma-6,6-1-1-J3,2023,完了,A,確認済,交付金を交付した。,,,tanaka,2024-04-10T09:00:00,suzuki,2024-05-01T10:00:00
result,yuki-ap,19,2023,実施中,B,提出済,一斉催告を実施した。,口座振替の利用を増やす。,,tanaka,2024-04-10T09:00:00,,
EOF
# A ten-year plan: more years than fit in 80 columns.
cat > "$e2e_tmp/ten.csv" <<'EOF'
shisaku-plan,1
plan,ten,十年試験計画,2020,2029,試験市,
level,ten,1,基本方針
level,ten,2,取組
node,ten,1,,1,方針一,,,,,,
node,ten,1-1,1,1-1,十年続く取組,,2020,2029,,,
yearplan,ten,1-1,2020,2020,初年度の準備
yearplan,ten,1-1,2021,2029,以後の計画は長い文章で書かれていて一つのセルには収まらない
cost,ten,1-1,2022,拡大
cost,ten,1-1,2023,縮小
EOF
# Two flags and five years from 令和6年度.
cat > "$e2e_tmp/flags.csv" <<'EOF'
shisaku-plan,1
plan,flagged,旗付試験計画,2024,2028,試験市,
level,flagged,1,基本方針
level,flagged,2,取組
flag,flagged,main,主要事業,
flag,flagged,key,重点事業,
node,flagged,1,,1,方針一,,,,,,
node,flagged,1-1,1,1-1,旗の付いた取組,,,,,,
mark,flagged,1-1,main
mark,flagged,1-1,key
node,flagged,1-2,1,1-2,後年度からの取組,,2027,2028,,,
EOF
"$e2e_bin" -c "$e2e_config" -d "$db" import "$e2e_tmp/results.csv" \
    "$e2e_tmp/ten.csv" "$e2e_tmp/flags.csv" > "$e2e_tmp/import.log" 2>&1 ||
    fail "import results" "$(cat "$e2e_tmp/import.log")"

e2e_start "$db" 80 24 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list" "計画一覧（令和5年度）"

# 下妻市: r on the plans list opens its roadmap.
e2e_keys /
e2e_type '下妻'
e2e_keys Enter r
e2e_expect "roadmap with the plan's five years" \
    "下妻市総合計画" "> ロードマップ" "令和5年度" "令和6年度" "令和7年度" \
    "令和8年度" "令和9年度"
e2e_expect_line "the leading project carries its star" \
    '市民協働のまちづくり事業 +★ \|'
e2e_expect_line "group heading rows" '^ 分野施策 1 住民自治、地域コミュニティ'
e2e_expect "legend of the marks" "★=リーディングプロジェクト" "?不明"

# The cursor starts on the first item, in the chosen year.
e2e_expect "cursor on the first item" \
    "-- 6-1-1-1 地域住民による自治活動の支援 / 令和5年度"
e2e_keys j j j j
e2e_expect "down to 市民協働のまちづくり事業" \
    "-- 市民協働のまちづくり事業 / 令和5年度" \
    "状況: 完了（確認済）   評価: A 達成"
e2e_expect_line "the year's status in the cell" '市民協働のまちづくり事業 +★ \|\?完'
e2e_keys l l
e2e_expect "right moves across the years" \
    "-- 市民協働のまちづくり事業 / 令和7年度" "コスト: ? 不明   実績: 未入力"
e2e_keys h
e2e_expect "left moves back" "-- 市民協働のまちづくり事業 / 令和6年度"

# Flag filter: only the seven leading projects, under their headings.
e2e_keys f
e2e_expect "the flag chooser" "区分で絞り込み" "★ リーディングプロジェクト"
e2e_keys j Enter
e2e_expect "filtered by ★" "絞り込み: 区分=リーディングプロジェクト （7/59件）" \
    "男女共同参画推進啓発事業" "公民連携関連事業"
e2e_expect_not "other items are hidden" "自治区長に関する事務事業" "6-1-1-1"
e2e_keys c
e2e_expect "c clears the filter" "自治区長に関する事務事業" "絞り込みを解除しました"

# Status filter: 完了 in 令和5年度.
e2e_keys s
e2e_expect "the status chooser" "令和5年度の状況で絞り込み" "未入力"
e2e_keys j j j Enter
e2e_expect "filtered by 完了" "状況=完了 （1/59件）" "市民協働のまちづくり事業"
e2e_expect_not "only the finished item" "地域集会施設整備事業"
e2e_keys s
e2e_expect "the status chooser again" "令和5年度の状況で絞り込み"
e2e_keys G Enter
e2e_expect "filtered by 未入力" "状況=未入力 （58/59件）" "自治区長に関する事務事業"
e2e_keys c

# Enter opens the item sheet; Esc comes back to the same cell.
e2e_keys /
e2e_type '市民協働のまちづくり事業'
e2e_keys Enter Enter
e2e_expect "Enter opens the sheet" "> 市民協働のまちづくり事業" "【概要・方向性】"
e2e_keys Escape
e2e_expect "back on the roadmap" "-- 市民協働のまちづくり事業 / 令和6年度"

# 結城市: yearly plans in the cells, the full text at the bottom.
e2e_keys Escape
e2e_expect "back to the plans" "計画一覧（令和5年度）"
e2e_keys /
e2e_type '結城'
e2e_keys Enter r
e2e_expect "結城市's roadmap" "結城市行政改革大綱アクションプラン > ロードマップ" \
    "令和3年度" "令和7年度" "主=主要事業  重=重点事業"
e2e_expect_line "No.1 is a 重点事業 with its plan in the cells" \
    'No\.1 市民参画.* 重 +\|・ふれあ'
e2e_keys /
e2e_type 'No.19'
e2e_keys Enter
e2e_expect "search by code" "-- No.19 市税等の収納率の向上 / 令和5年度" \
    "状況: 実施中（提出済）   評価: B 概ね達成" \
    "年次計画: （前年度から継続）・一斉催告" "・早期滞納処分"
e2e_keys l
e2e_expect "the next year's cell" "-- No.19 市税等の収納率の向上 / 令和6年度" \
    "実績: 未入力"

# E opens the results entry of the cell under the cursor: item and year.
e2e_keys E
e2e_expect "E opens the entry of No.19 for 令和6年度" "実績入力（令和6年度）" \
    "No.19 市税等の収納率の向上"
e2e_keys Escape
e2e_expect "Esc back to the roadmap" "-- No.19 市税等の収納率の向上 / 令和6年度"

# Search in the cells' texts: the cursor goes to the row and the year.
e2e_keys /
e2e_type '経営戦略の見直し'
e2e_keys Enter
e2e_expect "search finds a yearly plan" \
    "-- No.21 公営企業会計の健全化の推進 / 令和6年度" \
    "年次計画: 経営戦略の見直し検討"
e2e_keys n
e2e_expect "n past the last hit says it went round" \
    "末尾まで検索したので先頭から続けました: 経営戦略の見直し" \
    "-- No.21 公営企業会計の健全化の推進 / 令和6年度"
e2e_keys N
e2e_expect "and N before the first" \
    "先頭まで検索したので末尾から続けました: 経営戦略の見直し" \
    "-- No.21 公営企業会計の健全化の推進 / 令和6年度"
e2e_keys /
e2e_type '存在しない語句'
e2e_keys Enter
e2e_expect "a search that finds nothing says so" "見つかりません: 存在しない語句"

# Department filter, chosen by search in the chooser.
e2e_keys d
e2e_expect "the department chooser" "担当課で絞り込み" "まちづくり協働課"
e2e_keys /
e2e_type '収納課'
e2e_keys Enter Enter
e2e_expect "filtered by 収納課" "担当課=収納課 （1/39件）" "No.19 市税等の収納率"
e2e_expect_not "other departments' items are hidden" "No.1 市民参画"
e2e_keys c

# Another fiscal year: the cursor goes to it, the statuses are re-read.
e2e_keys h h h
e2e_expect "left to the first year" "-- No.19 市税等の収納率の向上 / 令和3年度"
e2e_keys ']'
e2e_expect "] moves to 令和6年度" "-- No.19 市税等の収納率の向上 / 令和6年度" \
    "実績: 未入力"
e2e_keys '['
e2e_expect "[ back to 令和5年度" \
    "-- No.19 市税等の収納率の向上 / 令和5年度" "状況: 実施中（提出済）"

# A larger terminal: the frozen column and year row stay, more shows.
e2e_resize 140 40
e2e_expect_line "after a resize the header row is intact" \
    '^コード・名称 +主重 \|令和3年度 +\|令和4年度'
e2e_expect "more rows fit" "No.12 行政評価事業"
e2e_resize 80 24
e2e_expect_line "and back to 80x24" '^コード・名称 +主重 \|令和3年度\|'

# Ten years in 80 columns: the grid scrolls sideways under the frozen
# column, with < and > where more years are.
e2e_keys Escape
e2e_expect "back to the plans" "計画一覧（令和5年度）"
e2e_keys /
e2e_type '十年'
e2e_keys Enter r
e2e_expect "the ten-year plan" "十年試験計画 > ロードマップ"
e2e_expect_line "the first years and a > for more" \
    '^コード・名称 +\|令和2年度 +\|.*令和6年度 *>$'
e2e_expect "the cursor starts on the chosen year" "-- 1-1 十年続く取組 / 令和5年度"
e2e_keys l l l l l l l l l
e2e_expect "right to the last year" "-- 1-1 十年続く取組 / 令和11年度" \
    "年次計画: （前年度から継続）以後の計画は長い文章で書かれていて"
e2e_expect_line "scrolled: < and the last years" \
    '^コード・名称 +<令和7年度 .*\|令和11年度'
e2e_expect_line "the frozen column stays" '^ 1-1 十年続く取組 +\|→以後'
e2e_keys h h h h h h h h h h h
e2e_expect_line "back to the first year" '^コード・名称 +\|令和2年度'
e2e_expect "the first year's plan" "-- 1-1 十年続く取組 / 令和2年度" \
    "年次計画: 初年度の準備"
e2e_check_sanitizers "no sanitizer reports"
e2e_keys Q
e2e_expect_exit "quits cleanly" 0

# ASCII symbols: * for ★, ^ v for the cost arrows.
printf '[display]\nascii_symbols = yes\n' >> "$e2e_config"
e2e_start "$db" 80 24 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list again" "計画一覧（令和5年度）"
e2e_keys /
e2e_type '下妻'
e2e_keys Enter r
e2e_expect "ASCII legend" "*=リーディングプロジェクト" "^拡大 v縮小"
e2e_expect_line "ASCII star on the leading project" \
    '市民協働のまちづくり事業 +\* \|'
e2e_expect_not "no wide symbols left" "★"

# Five years from 令和6年度 beside two flags: the years' columns are 10
# wide, where 令和9年度 fits and 令和10年度 does not. Every head is
# written short, not some of them.
e2e_keys Escape
e2e_expect "the plans list" "計画一覧（令和5年度）"
e2e_keys /
e2e_type '旗付'
e2e_keys Enter r
e2e_expect "its roadmap" "旗付試験計画 > ロードマップ"
e2e_expect_line "the years' heads all short" \
    '^コード・名称 .*\|R6 +\|R7 +\|R8 +\|R9 +\|R10 *$'
# A status is of the items of the year: in 令和5年度, before the plan's
# period, none is missing a result; in 令和7年度 the item of 2027-2028
# is not either.
e2e_keys s G Enter
e2e_expect "none of the year in R5" "状況=未入力 （0/2件）" \
    "条件に合う項目がありません"
e2e_keys c ] ]
e2e_expect "the roadmap in R7" "令和7年度"
e2e_keys s G Enter
e2e_expect "未入力 in R7: the items of the year" "状況=未入力 （1/2件）" \
    "旗の付いた取組"
e2e_expect_not "the later item is not of the year" "後年度からの取組"
n=$(sqlite3 "$db" "SELECT count(*) FROM node n JOIN plan p ON p.id = n.plan_id
    WHERE p.code = 'flagged' AND n.depth = 2
    AND coalesce(n.first_fy, p.first_fy) <= 2025
    AND coalesce(n.last_fy, p.last_fy) >= 2025
    AND NOT EXISTS (SELECT 1 FROM result r WHERE r.node_id = n.id
    AND r.fy = 2025)")
[ "$n" = 1 ] && pass "the file agrees: 1 item of R7 without a result" ||
    fail "the file's items of R7 without a result" "$n"
e2e_keys Q
e2e_expect_exit "quits cleanly in ASCII mode" 0
e2e_check_sanitizers "no sanitizer reports in ASCII mode"
e2e_finish
