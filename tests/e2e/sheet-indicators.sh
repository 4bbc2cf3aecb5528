#!/bin/sh
# The item sheet and the indicator list at 80x24: 結城市 No.19's sheet laid
# out like the printed one (path with the plan's level names, the main
# department, period, yearly plan, the five targets 98.82% .. 98.90%, the
# year's actual and result), scrolling, another year and the western
# display; 下妻市's indicators with baseline, target, actual and
# achievement, sorted, searched and filtered; Enter opens the indicator,
# S the sheet of the indicator's node.
. "$(dirname "$0")/lib.sh"

db=$(e2e_new_db sheet) || { fail "sample database"; e2e_abandon "no sample database"; }

cat > "$e2e_tmp/results.csv" <<'EOF'
shisaku-plan,1
result,yuki-ap,19,2023,実施中,B,提出済,一斉催告を実施した。,口座振替の利用を増やす。,,tanaka,2024-04-10T09:00:00,,
actual,yuki-ap,19-1,2023,98.87%,速報値
actual,shimotsuma-6,1-1,2023,9件,
actual,shimotsuma-6,1-2,2023,50人,
actual,shimotsuma-6,1-3,2023,30%,
EOF
"$e2e_bin" -c "$e2e_config" -d "$db" import "$e2e_tmp/results.csv" \
    > "$e2e_tmp/import.log" 2>&1 || fail "import results" "$(cat "$e2e_tmp/import.log")"
e2e_dump "$db" > "$e2e_tmp/before.sql"

e2e_start "$db" 80 24 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list" "計画一覧（令和5年度）"

# 結城市 No.19 through the roadmap; on the way, the plan's figures for
# 令和5年度: No.19 submitted with B, the rest not entered.
e2e_keys /
e2e_type '結城'
e2e_keys Enter
e2e_expect "/ lists the hits of every plan, 結城市's plan first" "「計画名」に一致"
e2e_keys Escape G
e2e_expect "結城市's figures under the plans" \
    "入力状況  未入力 38  下書き 0  提出済 1  確認済 0  差戻し 0" \
    "実施状況  未着手 0  実施中 1  完了 0  延期 0  中止 0  未入力 38" \
    "評価  A 0  B 1  C 0  D 0  未評価 38    指標  達成 0  未達成 0  データなし 30"
e2e_keys r
e2e_expect "roadmap" "> ロードマップ"
e2e_keys /
e2e_type 'No.19'
e2e_keys Enter Enter
e2e_expect "the sheet of No.19" "> No.19 市税等の収納率の向上" \
    "基本方針  Ⅱ 自立した行政経営の構造づくり" \
    "重点項目  (2) 自主財源の確保と経費削減合理化等による財政の健全化" \
    "推進項目  幅広い手法による財源の確保" \
    "取組内容  No.19 市税等の収納率の向上" \
    "担当課    ★収納課" "期間      令和3年度〜令和7年度" \
    "【概要・方向性】" "【手段】" "【年次計画】"
e2e_expect "the position line" "-- 1-20 / "

# Down to the indicator: the five targets as printed, the year's actual.
e2e_keys Space
e2e_expect "a page down shows the indicator" "1. 市税の現年度収納率" \
    "最終目標: 98.90%（令和7年度）" "目標値" "実績値" "達成率"
e2e_expect "its trend: no direction, so no rate in any year" \
    "推移: ?????  令和3年度〜令和7年度"
e2e_expect_line "令和3年度 98.82%" '^ +令和3年度 +98\.82% +-'
e2e_expect_line "令和4年度 98.84%" '^ +令和4年度 +98\.84%'
e2e_expect_line "令和5年度 98.86%, actual 98.87%, marked" \
    '^ +> 令和5年度 +98\.86% +98\.87% +指標の方向が未設定'
e2e_expect_line "令和6年度 98.88%" '^ +令和6年度 +98\.88%'
e2e_expect_line "令和7年度 98.90%" '^ +令和7年度 +98\.90%'
e2e_expect "the actual's note" "（速報値）"
e2e_keys G
e2e_expect "the year's result at the end" "【令和5年度の実績】" \
    "状況: 実施中   状態: 提出済   評価: B 概ね達成" "一斉催告を実施した。" \
    "口座振替の利用を増やす。"
e2e_keys g
e2e_expect "g goes back to the top" "基本方針  Ⅱ 自立した行政経営の構造づくり"
e2e_keys H
e2e_expect "H shows the item's history, every year" \
    "変更履歴（全年度） > No.19 市税等の収納率の向上"
e2e_keys Escape
e2e_expect "back on the sheet" "取組内容  No.19 市税等の収納率の向上"

# The next year: the marker moves, nothing entered yet.
e2e_keys ']' G
e2e_expect "令和6年度's result" "【令和6年度の実績】" "未入力"
e2e_expect_line "the marker on 令和6年度" '^ +> 令和6年度 +98\.88%'
e2e_keys e
e2e_expect "western years" "【2024年度の実績】"
e2e_expect_line "the table in western years" '^ +2021年度 +98\.82%'
e2e_keys e e '['
e2e_expect "back to 令和5年度" "【令和5年度の実績】"

# No.24 has two indicators.
e2e_keys Escape
e2e_expect "back on the roadmap" "> ロードマップ"
e2e_keys /
e2e_type 'No.24'
e2e_keys Enter Enter Space
e2e_expect "two indicators" "1. 男性の育児休業取得率" "2. 年次休暇の平均取得日数"
e2e_keys Escape Escape
e2e_expect "back to the plans" "計画一覧（令和5年度）"

# 下妻市's indicators.
e2e_keys /
e2e_type '下妻'
e2e_keys Enter i
e2e_expect "the indicator list" "> 指標一覧" "23件  並び: 計画の順" \
    "コード" "指標名" "基準値" "目標値(R5)" "実績値" "達成率" "推移"
# No target for 令和5年度: the final one stands in, marked 最終. At 80
# columns the category gives way to the trend bar: the baseline year, 66.7%
# in 令和5年度, no data since, 令和9年度 still to come.
e2e_expect_line "baseline, final target marked, actual, achievement, trend" \
    'まちづくり推進交付金~ +7件 +最終 10件 +9件 +66\.7% _-\?\?\? *$'
e2e_expect_line "values as printed: 40% and 30% beside 25.6%" \
    '審議会等の女性の登用~ +25\.6% +最終 40% +30% +30\.6% _\.\?\?\?'
e2e_expect_line "a kept level reached at the baseline" \
    '人権教室・人権教育講~ +10回 +最終 10回 +- +- #\?\?\?\?'
e2e_expect "details of the row under the cursor" \
    "基準値 7件（令和4年度）  目標値 10件（令和9年度・最終目標）  実績値 9件" \
    "区分 行政指標" "推移 _-???   令和4年度（基準）〜令和9年度"
e2e_keys '?'
e2e_expect "help of the indicator list" "ヘルプ: 指標一覧"
# The legend follows the screen's keys, below the first page.
e2e_keys /
e2e_type '表示の見方'
e2e_keys Enter
e2e_expect "help has a legend" "表示の見方"
e2e_keys g /
e2e_type '実績なし'
e2e_keys Enter
e2e_expect "help explains the trend bars" \
    "_ 25%未満  . 25%以上  - 50%以上  = 75%以上  # 100%以上（達成）" \
    "? 実績なし・計算できない  x 文字の値（評価で判断）"
e2e_keys q
e2e_expect "help closed" "23件  並び: 計画の順"

e2e_keys o
e2e_expect "sorted by achievement, lowest first" "並び: 達成率の低い順"
e2e_expect_line "lowest first" '^ +1 +男女共同参画講演会参~ +60人'
e2e_keys o
e2e_expect "highest first" "並び: 達成率の高い順"
e2e_expect_line "highest first" '^ +1 +まちづくり推進交付金~ +7件'
e2e_keys o
e2e_expect "by name" "並び: 指標名の順"
e2e_keys o
e2e_expect "back to plan order" "並び: 計画の順"

e2e_keys /
e2e_type '登用率'
e2e_keys Enter
e2e_expect "search moves to the match" "審議会等の女性の登用率（1 市民協働・地域活動の推進）"

e2e_keys f
e2e_expect "the category chooser" "区分で絞り込み" "行政指標" "市民指標"
e2e_keys j j Enter
e2e_expect "filtered by 市民指標" "区分=市民指標" "市民活動団体登録数"
e2e_expect_not "行政指標 rows hidden" "まちづくり推進交付金"
e2e_keys c
e2e_expect "cleared" "23件  並び: 計画の順"

e2e_keys Enter
e2e_expect "Enter opens the indicator" "> 指標 > 市民活動団体登録数" \
    "基本施策 1 市民協働・地域活動の推進" "報告: 企画担当（令和5年度）" \
    "基準値 9団体（令和4年度）  最終目標 15団体（令和9年度）"
e2e_expect_line "the chosen year marked among its years" '^> 令和5年度 +- +- +- '
e2e_expect_line "the final target in its year" '^  令和9年度 +15団体 '
e2e_keys S
e2e_expect "S opens the indicator's node" "> 1 市民協働・地域活動の推進" \
    "基本施策  1 市民協働・地域活動の推進"
e2e_keys Escape Escape Escape
e2e_expect "back to the plans" "計画一覧（令和5年度）"

# 結城市's indicators by department: 収納課 has one.
e2e_keys /
e2e_type '結城'
e2e_keys Enter i
e2e_expect "結城市's indicators" "> 指標一覧"
e2e_keys d
e2e_expect "the department chooser" "担当課で絞り込み"
e2e_keys /
e2e_type '収納課'
e2e_keys Enter Enter
e2e_expect "filtered by 収納課" "1件" "担当課=収納課" "市税の現年度収納率"
e2e_expect_line "令和5年度's own target, the actual as entered" \
    '市税の現年度収納率 +- +98\.86% +98\.87% +- +\?\?\?\?\?'
e2e_keys ']' ']'
e2e_expect "令和7年度" "令和7年度  1件"
e2e_expect_line "令和7年度's target as printed, not the final one" \
    '市税の現年度収納率 +- +98\.90% +- +- +\?\?\?\?\?'
e2e_expect_not "the year's own target is not marked" "最終 98.90%"
e2e_keys '[' '['
e2e_expect "back to 令和5年度" "令和5年度  1件"
e2e_keys S
e2e_expect "S opens No.19" "> No.19 市税等の収納率の向上"

# A larger terminal re-lays the sheet out.
e2e_resize 120 40
e2e_expect_line "wider layout" '^重点項目  \(2\) 自主財源の確保と経費削減合理化等による財政の健全化 *$'
e2e_resize 80 24
e2e_expect "and back" "取組内容  No.19 市税等の収納率の向上"

# 小美玉市's indicators hang on its 基本施策, its departments on the
# 個別施策 below: a department's filter shows the policies' indicators.
e2e_keys Escape Escape
e2e_expect "back to the plans again" "計画一覧（令和5年度）"
e2e_keys /
e2e_type '小美玉市総合計画'
e2e_keys Enter i
e2e_expect "小美玉市's indicators" "> 指標一覧"
e2e_keys d
e2e_expect "its department chooser" "担当課で絞り込み"
e2e_keys /
e2e_type '水道課'
e2e_keys Enter Enter
e2e_expect "filtered by 水道課: the indicators of the policy above" \
    "2件" "担当課=水道課" "「第3次小美玉市行財政改革」の計画達成度"

e2e_quit_browsing "$db"
e2e_finish
