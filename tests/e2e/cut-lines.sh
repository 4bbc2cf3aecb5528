#!/bin/sh
# Lines of several parts with a long department, plan name and titles, at
# 120 and 80 columns: what is cut to fit ends in '~' so it never passes
# for a whole name, and the long part (the department, the plan's name,
# a title) gives way so the parts after it stay whole. The clerk
# (daemon) sees it under 自分の仕事 (担当: … ~  未入力) and on the line
# under the results form's title (担当: … ~  期限 …  入力: daemon), the
# indicator's name in the form's column and the department on the status
# line, and a value typed past its field's end, or a note typed into at
# its start, goes on in the wide field; the planner sees it on the
# roadmap's headings and under it, under the plan list, in the search
# results and in the help.
#
# Runs the program as the system login daemon through setpriv (root);
# elsewhere it says so and counts every check as failed.
e2e_logins="daemon"
. "$(dirname "$0")/lib.sh"

[ -z "$e2e_logins_why" ] || e2e_abandon "$e2e_logins_why"

e2e_shared_dir lines
db="$dir/shisaku.db"
e2e_as_dir=$dir e2e_as_db=$db e2e_as_config=$e2e_config

long_plan="笠間台市第６次総合計画 前期基本計画 実施計画（令和５年度〜令和７年度ローリング版）"
long_dept="保健福祉部子ども・子育て家庭総合支援センター子ども家庭支援課"
long_goal="子どもから高齢者まで誰もが健やかに安心して暮らし続けることのできる思いやりのまち"
long_policy="子育て世代が住み続けたいと実感できる切れ目のない支援体制の構築と地域全体での見守り"
long_item="こども家庭センター運営事業（妊産婦・乳幼児・子育て家庭への伴走型相談支援）"
long_ind="伴走型相談支援の面談実施率（妊婦全数）"
cat > "$e2e_tmp/lines.csv" <<EOF
shisaku-plan,1
plan,kasama,$long_plan,2023,2025,笠間台市,計画の説明。
level,kasama,1,基本目標
level,kasama,2,政策
level,kasama,3,事業
dept,笠間台市/子ども家庭支援課,$long_dept,笠間台市,
node,kasama,G1,,1,$long_goal,,,,,,
node,kasama,P1,G1,1-1,$long_policy,,,,,,
node,kasama,J7,P1,No.7,$long_item,,2023,2025,,,
assign,kasama,J7,笠間台市/子ども家庭支援課,1,,
yearplan,kasama,J7,2023,2025,運営
indicator,kasama,J7-a,J7,$long_ind,成果指標,%,増加,,85%,2022,100%,2025,,,
target,kasama,J7-a,2023,90%
EOF
e2e_plan_db "$db" "$e2e_tmp/lines.csv" "a plan of long names"
run() {
	"$e2e_bin" -c "$e2e_config" -d "$db" "$@"
}
if run year open 2023 --deadline 2024-06-30 >/dev/null 2>&1 &&
    run user add daemon --role clerk --dept 笠間台市/子ども家庭支援課 \
    >/dev/null 2>&1; then
	pass "the year open and the clerk added"
else
	fail "the year open and the clerk added"
	e2e_abandon "no year or clerk"
fi
chmod 666 "$db"

# ---- the clerk ---------------------------------------------------------
e2e_as_cols=120 e2e_as_lines=30
e2e_as clerk daemon
e2e_expect "自分の仕事 at 120 columns" "自分の仕事" "No.7 こども家庭センター"
e2e_keys j
e2e_expect_line "under the list, the department cut with a mark and the state after it" \
    '担当: 保健福祉部子ども[^ ]* ?~  未入力$'

e2e_keys Enter
e2e_expect "the results form" "> No.7 こども家庭センター" "取組実績" "状態: 未入力"
e2e_type "面談を実施した。"
e2e_keys C-s
e2e_expect "saved" "保存しました"
e2e_expect_line "at 120 columns, line 2 keeps the deadline and the login whole" \
    '^令和5年度  状態: 下書き  担当: 保健福祉部子ども[^ ]* ?~  期限 2024-06-30  入力: daemon$'
e2e_expect_line "the indicator's name whole at 120 columns" "^$long_ind +90%"

e2e_resize 80 24
e2e_expect_line "at 80 columns too" \
    '^令和5年度  状態: 下書き  担当: 保健福祉部子ども[^ ]* ?~  期限 2024-06-30  入力: daemon$'
e2e_expect_line "the indicator's name cut with a mark" '^伴走型相談支援の面談[^ ]* ?~ +90%'
e2e_expect_line "the status line's department cut with a mark before the year" \
    '^ daemon  担当課職員  保健福祉部子ども[^ ]* ?~ +令和5年度$'
e2e_keys Tab Tab
e2e_expect_line "on the indicator's row at 80 columns, its whole name and C-o whole" \
    "^指標: $long_ind  C-o:広い欄で編集\$"
# A value typed with the input method on, longer than its field (eleven
# full-width characters in sixteen columns): past the field's end the
# typing goes on in the wide field, whole, and is saved whole.
e2e_type '９８．７６５４３２１０％'
e2e_expect_line "typing past the field's end goes on in the wide field, nothing lost" \
    '^実績値（伴走型相談支援の面談[^ ]* ?~: ９８．７６５４３２１０％$'
e2e_keys Enter
e2e_expect_line "back in the field, cut with a mark" '^伴走型相談支援の面談[^ ]* ?~ +90% +９８．７６５４ ?~$'
e2e_keys C-s
e2e_expect "saved" "保存しました（下書き）"
got=$(e2e_actual "$db" J7-a 2023 "a.num || '|' || a.txt")
[ "$got" = "98.7654321|98.76543210" ] &&
    pass "db: the whole value, as typed" || fail "db: the value typed past the field" "$got"
# A note that fills its field (twelve full-width characters in 24
# columns), then a character typed at its start: the field goes on in
# the wide field with the character where it was typed, and the typing
# after it follows it there.
e2e_keys Tab
e2e_type 'あいうえおかきくけこさし'
e2e_expect_line "the note fills its field" ' +90% +98\.76543210% +あいうえおかきくけこさし$'
e2e_keys C-a
e2e_type '（注）'
e2e_expect_line "typed at the start of a full field: the wide field, the text after it" \
    '^備考（伴走型相談支援の面談実施率（妊[^ ]* ?~: （注）あいうえおかきくけこさし$'
e2e_keys Enter C-s
e2e_expect "saved" "保存しました（下書き）"
got=$(e2e_actual "$db" J7-a 2023 "a.note")
[ "$got" = "（注）あいうえおかきくけこさし" ] &&
    pass "db: the note with what was typed at its start" ||
    fail "db: the note typed into at its start" "$got"
# Submitted, the form cannot be edited: on the row, the whole name and,
# where both fit (100 columns), the keys of what C-t offers beside it.
e2e_keys C-t
e2e_expect "C-t offers submitting" "提出する"
e2e_keys Enter
e2e_expect "asks first" "提出しますか"
e2e_keys y
e2e_expect "submitted" "提出しました（提出済）"
e2e_resize 100 30
e2e_expect_line "read-only at 100 columns: the name, then what C-t offers" \
    "^指標: $long_ind  C-t/F3:下書きに戻す  Tab:次の欄  H:履歴  Esc:戻る\$"
e2e_resize 80 24
e2e_expect_line "at 80, the name alone: the keys do not fit beside it" \
    "^指標: $long_ind\$"
e2e_keys Escape
e2e_expect "back on 自分の仕事" "入力期限 2024-06-30"
e2e_expect_line "under the list at 80 columns, the state after the department" \
    '~  提出済$'
e2e_keys Q

# ---- the planner -------------------------------------------------------
e2e_start "$db" 80 24
e2e_expect "plans list" "計画一覧（令和5年度）"
e2e_expect_line "under the list, the plan's name cut with a mark" \
    '^ 笠間台市  笠間台市第６次総合計画 .* ?~$'
e2e_keys r
e2e_expect "roadmap" "ロードマップ"
e2e_expect_line "a heading cut with a mark" '^基本目標 1 子どもから高齢者まで.*~$'
e2e_expect_line "the next one too" '^ 政策 1-1 子育て世代が.*~$'
e2e_keys j j
e2e_expect_line "under it, the title gives way to the year" \
    '^-- No.7 こども家庭センター[^ ]* ?~ / 令和5年度 -'
e2e_keys Escape
e2e_expect "plans list again" "計画一覧（令和5年度）"

e2e_keys /
e2e_wait_prompt || fail "the search prompt opens" "$(e2e_screen)"
e2e_type "妊産婦"
e2e_keys Enter
e2e_expect "search results" "検索「妊産婦」"
e2e_expect_line "the text of a hit cut with a mark" '^ kasama +No.7 .* 名称 [^ ]* ?~$'
e2e_expect_line "under it, the plan's name and the title both cut with a mark" \
    '^ 笠間台市第６次総合計画 .* ?~ > No.7 こども家庭センター[^ ]* ?~$'
e2e_keys Escape
e2e_expect "plans list once more" "計画一覧（令和5年度）"

e2e_keys '?'
e2e_expect "help" "ヘルプ"
e2e_expect_line "a text of the help cut with a mark, a blank before the setting's name" \
    '~ [a-z_]+$'
e2e_keys Escape
e2e_expect "out of help" "計画一覧（令和5年度）"
e2e_keys Q
e2e_expect_exit "quits" 0
e2e_check_sanitizers "no sanitizer report"
e2e_finish
