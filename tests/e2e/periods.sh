#!/bin/sh
# The period of an item, as a plan of this family may give it or not:
# a plan that prints none, a heading's period its items inherit, an item
# whose period has no end. The line under the tree, the sheet and the
# full text (v) give the years the tree counts the item in, say where a
# borrowed end comes from, keep an open end open (令和7年度〜, not one
# year) and say 定めなし when nobody gives one. On the line under the
# tree a long department gives way to the period and the year's state.
# Browsing writes nothing.
. "$(dirname "$0")/lib.sh"

db="$e2e_tmp/periods/shisaku.db"
cat > "$e2e_tmp/periods.csv" <<'CSV'
shisaku-plan,1
plan,sosei,総合戦略,,,試験市,
level,sosei,1,基本目標
level,sosei,2,事業
dept,shi/kikaku,企画課,試験市,
dept,shi/kodomo,保健福祉部子ども・子育て家庭総合支援センター子ども家庭支援課,試験市,
node,sosei,G1,,1,しごとをつくる,,,,,,
node,sosei,A,G1,1-1,期間のない事業,,,,,,
node,sosei,B,G1,1-2,終わりのない事業,,R7,,,,
node,sosei,G2,,2,子育てを支える,,R6～,,,,
node,sosei,C,G2,2-1,上位の期間の事業,,,,,,
assign,sosei,A,shi/kikaku,1,,
yearplan,sosei,A,R5,R5,説明会を開く
assign,sosei,B,shi/kikaku,1,,
assign,sosei,C,shi/kodomo,1,,
plan,open,終わりのない計画,R6～,,試験市,
level,open,1,事業
plan,kaikaku-jisshi,行政改革実施計画,R3,R7,試験市,
level,kaikaku-jisshi,1,取組
CSV
e2e_plan_db "$db" "$e2e_tmp/periods.csv" "a plan that prints no period"
e2e_dump "$db" > "$e2e_tmp/before.sql"

e2e_start "$db" 100 30 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }
e2e_expect "plans list" "総合戦略" "定めなし"
e2e_expect_line "a plan's period without an end stays open" \
    '^ open +終わりのない計画 +令和6年度〜 '
e2e_keys v
e2e_expect "the plan's full text says 定めなし too" "期間: 定めなし"
e2e_keys q
e2e_expect "back to the plans list" "計画一覧"
e2e_keys Enter
e2e_expect "tree" "施策体系" "期間のない事業" "上位の期間の事業"
e2e_expect_line "the items' count headed by the plan's word for them" \
    '^ 基本目標 > 事業 +事業 +入力 +提出 +確認 +遅れ'
e2e_keys j
e2e_expect "nobody gives a period" "[事業] 1-1 期間のない事業" \
    "担当: 企画課  期間: 定めなし"
e2e_expect_not "no dashes for a period" "期間: -"
e2e_expect "planned for the year by its yearly plan, and behind" \
    "遅れ: 入力期限を過ぎた（年度が締め切られた、または期限なしで終わった）のに実績が提出されていません"
e2e_keys j
e2e_expect "an item's period without an end" "[事業] 1-2 終わりのない事業" \
    "期間: 令和7年度〜  "
e2e_keys j j
e2e_expect "a heading's period, inherited" "[事業] 2-1 上位の期間の事業" \
    "期間: 令和6年度〜  "
e2e_expect_line "a long department gives way to the period and the state" \
    '^ 担当: 保健福祉部子ども[^ ]* ?~  期間: 令和6年度〜  令和5年度: 期間外 *$'
e2e_resize 80 24
e2e_expect_line "at 80 columns too" \
    '^ 担当: 保健福祉部[^ ]* ?~  期間: 令和6年度〜  令和5年度: 期間外 *$'
e2e_keys k k k
e2e_expect_line "a sentence cut at 80 columns ends with a mark" \
    '^ 遅れ: 入力期限を過ぎた.*~$'
e2e_keys j j j
e2e_expect "back on 2-1" "[事業] 2-1 上位の期間の事業"
e2e_resize 100 30
e2e_keys Enter
e2e_expect "the sheet of 2-1" "> 2-1 上位の期間の事業"
e2e_expect_line "the sheet says where it comes from" '^期間 +令和6年度〜（上位の期間） *$'
e2e_keys v
e2e_expect "the full text says the same" "期間: 令和6年度〜（上位の期間）"
e2e_keys q
e2e_expect "back to the sheet" "【概要・方向性】"
e2e_keys Escape
e2e_expect "back to the tree" "施策体系"
e2e_keys k k
e2e_expect "on the item without an end" "[事業] 1-2 終わりのない事業"
e2e_keys Enter
e2e_expect_line "its sheet: open, not one year" '^期間 +令和7年度〜 *$'
e2e_keys Escape k
e2e_expect "on the item without a period" "[事業] 1-1 期間のない事業"
e2e_keys Enter
e2e_expect_line "its sheet says 定めなし" '^期間 +定めなし *$'
# The plans list at 80 columns, where a long code and the long periods
# would leave the names less than 24 columns, writes the short period,
# with the same open end: R6〜, not R6〜-.
e2e_keys Escape Escape
e2e_expect "back to the plans list" "計画一覧"
e2e_resize 80 24
e2e_expect_line "the short period of a plan of five years" \
    '^ kaikaku-jisshi +行政改革実施計画 +R3〜R7 '
e2e_expect_line "the short period keeps its open end open" \
    '^ open +終わりのない計画 +R6〜 '
e2e_expect_line "and a plan without one says 定めなし" '^ sosei +総合戦略 +定めなし '
e2e_quit_browsing "$db"
e2e_finish
