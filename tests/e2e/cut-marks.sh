#!/bin/sh
# Names longer than their column at 80x24: a plan's name on the plans
# list and on the status line, an item's title in the tree and in the
# lines under it, its department (at 120 columns, where the tree has the
# column), a title on the roadmap and an indicator's name and target in
# the indicator list are cut with '~' on the column's last cell (a wide
# character that would not fit leaves a blank before it), never a half
# character. Names that fit carry no mark.
. "$(dirname "$0")/lib.sh"

db="$e2e_tmp/cut/shisaku.db"
long_plan="とても長い名前の計画です：行政改革と地域のデジタル化を進めるための実行計画"
long_item="市民窓口における申請手続のオンライン化とキャッシュレス決済の全庁的な導入"
long_dept="デジタル変革推進本部情報システム最適化推進課"
long_ind="オンラインで申請できる行政手続の割合（全手続に対する割合）"
cat > "$e2e_tmp/cut.csv" <<EOF
shisaku-plan,1
plan,cut,$long_plan,2023,2025,県,
level,cut,1,基本方針
level,cut,2,取組
dept,県/デジタル,$long_dept,県,
dept,県/総務課,総務課,県,
node,cut,1,,1,方針,,,,,,
node,cut,2,1,1-1,$long_item,,,,,,
node,cut,3,1,1-2,短い取組,,,,,,
assign,cut,2,県/デジタル,1,,
assign,cut,3,県/総務課,1,,
yearplan,cut,2,2023,2025,導入
indicator,cut,k1,2,$long_ind,,%,増加,,10%,2022,90%,2025,,
indicator,cut,k2,3,短い指標,,件,増加,,1件,2022,5件,2025,,
indicator,cut,k3,3,排出量,,t-CO2,減少,,"86,400t-CO2",2013,平成25年度比40%削減（51.8千t-CO2以下）,2025,,
EOF
e2e_plan_db "$db" "$e2e_tmp/cut.csv" "a plan of long names"
e2e_dump "$db" > "$e2e_tmp/before.sql"

# Each line of the stable screen, checked for a half character: a wide
# character cut in two shows in tmux as a lone replacement or nothing.
no_replacement() {
	e2e_wait "" || return 1
	! e2e_screen | grep -q "$(printf '\357\277\275')"
}

e2e_start "$db" 80 24 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list" "計画一覧（令和5年度）"
e2e_expect_line "the plan's name cut with a mark" '^ cut +とても長い名前の計画です.*~ '
e2e_expect_not "not shown whole in its column" "$long_plan  "
e2e_expect "the whole name under the list" "$long_plan"

e2e_keys Enter
e2e_expect "tree" "施策体系（令和5年度）"
e2e_expect_line "the long title cut with a mark" '^ +1-1 市民窓口における.*~ '
e2e_expect_line "the short title without one" '^ +1-2 短い取組 +未入力'
e2e_expect_line "the plan's name on the status line cut with a mark" \
    '企画担当  \| とても長い名前の計画です.*~ +令和5年度'
if no_replacement; then pass "no half character in the tree"; else
	fail "no half character in the tree" "$(e2e_screen)"; fi
e2e_keys j
e2e_expect_line "the title under the tree cut with a mark" \
    '^ \[取組\] 1-1 市民窓口における.*~$'
e2e_resize 120 30
e2e_expect_line "at 120 columns, the long department cut with a mark" \
    '^ +1-1 市民窓口における.* デジタル変革[^ ]* ?~ '
e2e_expect_line "the short department whole" '^ +1-2 短い取組 +総務課 '
e2e_resize 80 24
e2e_expect "80 columns again" "施策体系（令和5年度）"

e2e_keys r
e2e_expect "roadmap" "ロードマップ"
e2e_expect_line "the roadmap's title cut with a mark" '^ 1-1 市民窓口.*~ \|'
e2e_expect_line "the short title without one" '^ 1-2 短い取組 +\|'
e2e_keys Escape
e2e_expect "back to the tree" "施策体系（令和5年度）"

e2e_keys i
e2e_expect "indicator list" "指標一覧"
e2e_expect_line "the long indicator name cut with a mark" '^ +1-1 +オンラインで.*~ '
e2e_expect_line "the short one without" '^ +1-2 +短い指標 '
e2e_expect_line "a target wider than its column cut with a mark" \
    '^ +1-2 +排出量 .* 86,400t-CO2 最終 平成25年度比40%削[^ ]* ?~ +- +- '
if no_replacement; then pass "no half character in the list"; else
	fail "no half character in the list" "$(e2e_screen)"; fi

# Under the list, a line too long for 80 columns is cut with a mark, and
# the actual, which would have been cut off its end, opens the next line.
e2e_keys j j
e2e_expect_line "the targets' line cut with a mark" \
    '^ 基準値 86,400t-CO2（平成25年度）  目標値 平成25年度比40%削減.*~$'
e2e_expect_line "the actual opens the next line" '^ 実績値 -  達成率 '
e2e_keys k
e2e_expect_line "a line that holds the actual keeps it" \
    '^ 基準値 1件（令和4年度）  目標値 5件（令和7年度・最終目標）  実績値 -$'
# An indicator's screen: a reporting department too long for the line
# of the unit is given a line of its own, whole.
e2e_keys k Enter
e2e_expect_line "the reporting department on a line of its own" \
    "^報告: $long_dept（令和5年度）\$"
e2e_expect_line "the unit's line without it" '^区分 -  単位 %  方向 増加$'
e2e_keys Escape
e2e_expect "back to the list" "指標一覧"

# An error too long for the bottom line takes the status line above it
# too while it is shown: its end (what to do) is not cut off.
e2e_keys Escape
e2e_expect "the tree again" "施策体系（令和5年度）"
e2e_keys g j m
e2e_expect "the item's form" "番号           1-1" "担当課         ★県/デジタル"
e2e_keys Down Down Down Down
e2e_prompt_set 'どこにもない部署の名前をとても長く書いた課'
e2e_keys C-s
e2e_expect_line "the error's first part on the status line" \
    '^担当課「どこにもない部署の名前をとても長く書いた課」という部署がありません'
e2e_expect_line "its end on the bottom line" '^署のコードか名前で書いてください）$'
e2e_keys Escape
e2e_expect "leaving asks" "保存していない変更があります"
e2e_keys y
e2e_expect "the tree, the status line back" "施策体系（令和5年度）" "企画担当  |"

e2e_quit_browsing "$db"
e2e_finish
