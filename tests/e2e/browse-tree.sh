#!/bin/sh
# Browsing the sample plans from the keyboard: the plans list, 結城市's
# tree drilled down to No.19 and its sheet, search with n/N in Japanese,
# the department filter, the era display, a terminal too small and back,
# help on every screen, a clean quit; browsing writes nothing to the
# database.
. "$(dirname "$0")/lib.sh"

db=$(e2e_new_db browse) || { fail "sample database"; e2e_abandon "no sample database"; }
e2e_dump "$db" > "$e2e_tmp/before.sql"

e2e_start "$db" 100 30 || { fail "start in tmux"; e2e_abandon "tmux did not start"; }

# The plans list: every sample plan, counts for the configured 令和5年度.
e2e_expect "plans list" "計画一覧（令和5年度）" "yuki-ap" "omitama-1" \
    "shimotsuma-6" "小美玉市行革・DX推進計画" "取組 入力 提出 確認 遅れ"
e2e_expect_line "結城市: 39 items, all behind in a past year" \
    'yuki-ap +結城市.* 39 +0 +0 +0 +39 +0%'
e2e_expect_line "a plan outside the year says so" 'omitama-dx .*期間外'
# 小美玉市総合計画 prints no period, no yearly plan and no target for its
# items: they plan nothing in 令和5年度 and are not behind.
e2e_expect_line "a plan without a period is not behind" \
    'omitama-1 +小美玉市総合計画.* 28 +0 +0 +0 +0 +0%'
e2e_expect "the figures of the plan under the cursor" \
    "入力状況  未入力 0  下書き 0  提出済 0  確認済 0  差戻し 0" \
    "評価  A 0  B 0  C 0  D 0  未評価 0    指標  達成 0  未達成 0  データなし 17"
e2e_expect "status line: user, role, year" "企画担当" "令和5年度"

e2e_keys '?'
e2e_expect "help on the plans screen" "ヘルプ: 計画一覧" "「計画一覧」画面の操作" \
    "j Down" "どの画面でも使える操作"
e2e_keys q
e2e_expect "help closes with q" "計画一覧（令和5年度）"

# / on the plan list lists the hits of every plan, the plans' own names
# first; Esc comes back. Then to 結城市, the last plan, and its tree.
e2e_keys /
e2e_type '結城'
e2e_keys Enter
e2e_expect "/ lists the hits of every plan" "検索「結城」全計画" \
    "「計画名」に一致" "No.16 ふるさと結城応援寄附金推進"
e2e_expect "the status line follows the cursor" "| 結城市行政改革大綱アクションプラン"
e2e_keys Escape
e2e_expect "Esc goes back to the plan list" "計画一覧（令和5年度）"
e2e_keys G
e2e_expect "結城市's figures for 令和5年度" \
    "入力状況  未入力 39  下書き 0  提出済 0  確認済 0  差戻し 0" \
    "実施状況  未着手 0  実施中 0  完了 0  延期 0  中止 0  未入力 39" \
    "評価  A 0  B 0  C 0  D 0  未評価 39    指標  達成 0  未達成 0  データなし 30"
e2e_keys Enter
e2e_expect "tree with the plan's own level names" \
    "結城市行政改革大綱アクションプラン > 施策体系（令和5年度）" \
    "基本方針 > 重点項目 > 推進項目 > 取組内容" "Ⅱ 自立した行政経営の構造づくり"
e2e_expect_line "Ⅱ counts its 18 items" 'Ⅱ 自立した行政経営の構造づくり +18 +0 +0 +0 +18'
e2e_expect "Ⅰ's figures under the tree" "[基本方針] Ⅰ 市民と行政がともに支えあう体制づくり" \
    "取組内容: 11 件  入力 0  提出 0  確認 0  遅れ 11" \
    "入力状況  未入力 11  下書き 0  提出済 0  確認済 0  差戻し 0" \
    "評価  A 0  B 0  C 0  D 0  未評価 11    指標  達成 0  未達成 0  データなし 9"

# Drill down: Ⅱ is open; to (2), open it, into its 推進項目, into No.19.
e2e_keys j j j j j j
e2e_expect "cursor on (2)" "[重点項目] (2) 自主財源の確保と経費削減合理化等による財政の健全化"
e2e_keys Right
e2e_expect "(2) opened" "幅広い手法による財源の確保"
e2e_keys Right
e2e_expect "to the first child" "[推進項目] 幅広い手法による財源の確保"
e2e_keys l
e2e_expect "推進項目 opened" "No.16" "No.19"
e2e_keys l j j j
e2e_expect "cursor on No.19" "[取組内容] No.19 市税等の収納率の向上" "担当: 収納課"
e2e_expect_line "No.19 is behind in 令和5年度" 'No.19 市税等の収納率の向上 +未入力 +遅れ'
e2e_keys h
e2e_expect "left goes up to the parent" "[推進項目] 幅広い手法による財源の確保"
e2e_keys h
e2e_expect_not "left closes the node" "No.19 市税等"
e2e_keys l l j j j
e2e_expect "back down to No.19" "[取組内容] No.19 市税等の収納率の向上"
e2e_keys Enter
e2e_expect "Enter opens the item sheet" "> No.19 市税等の収納率の向上" \
    "【概要・方向性】"
e2e_keys '?'
e2e_expect "help on the sheet" "ヘルプ: 取組シート"
e2e_keys Escape
e2e_expect_not "Esc closes help" "ヘルプ: 取組シート"
e2e_keys Escape
e2e_expect "Esc goes back to the tree" "[取組内容] No.19 市税等の収納率の向上" \
    "施策体系（令和5年度）"

# Search in Japanese across the whole tree, n and N.
e2e_keys /
e2e_type 'マイナンバー'
e2e_expect "the search prompt shows the typed text" "検索: マイナンバー"
e2e_keys Enter
e2e_expect "/ finds the first match after the cursor" \
    "[重点項目] (1) マイナンバーカードの普及促進と利活用" "一致「名称」"
e2e_keys n
e2e_expect "n finds the next, opening the way" "[推進項目] マイナンバーカードによる利便性の向上"
e2e_keys n
e2e_expect "n goes on into an item's texts, naming the field" \
    "[取組内容] No.30 コンビニ証明書交付事業" "一致「概要・方向性」"
e2e_keys n
e2e_expect "n: the next field of the same item" \
    "[取組内容] No.30 コンビニ証明書交付事業" "一致「手段」"
e2e_keys N N N
e2e_expect "N goes back" "[重点項目] (1) マイナンバーカードの普及促進と利活用"
e2e_keys N
e2e_expect "N wraps round to the last match" \
    "[取組内容] No.33 電子申請の充実" "一致「手段」" \
    "先頭まで検索したので末尾から続けました: マイナンバー"
e2e_keys n
e2e_expect "n wraps round to the first match" \
    "[重点項目] (1) マイナンバーカードの普及促進と利活用" \
    "末尾まで検索したので先頭から続けました: マイナンバー"
e2e_keys /
e2e_type 'ありえない語'
e2e_keys Enter
e2e_expect "a miss says so" "見つかりません: ありえない語"
e2e_keys /
e2e_type 'ｎｏ．１９'
e2e_keys Enter
e2e_expect "full-width search folds to ASCII" "[取組内容] No.19 市税等の収納率の向上"

e2e_keys '?'
e2e_expect "help on the tree lists its keys" "ヘルプ: 施策体系" "担当課で絞り込み" \
    "filter_dept"
e2e_keys q

# Filter by department: choose 総務課 by searching the chooser.
e2e_keys d
e2e_expect "department chooser" "担当課で絞り込み" "（すべての担当課）"
e2e_keys /
e2e_type '総務課'
e2e_keys Enter Enter
e2e_expect "the filter is shown" "絞り込み: 担当課=総務課 （c で解除）" "職員研修事業"
e2e_expect_not "other departments' items hidden" "市税等の収納率の向上" "収納課"
e2e_expect_line "counts follow the filter" 'Ⅰ 市民と行政がともに支えあう体制づくり +1 +0 +0 +0 +1'
e2e_expect "the heading's line says its counts are the filter's, the figures below the whole" \
    "条件に合う取組内容: 1 件  入力 0  提出 0  確認 0  遅れ 1（下は絞り込み前の全体）"
e2e_keys /
e2e_type 'No.11'
e2e_keys Enter
e2e_expect "search within the filter" "[取組内容] No.11 情報公開条例の適正な運用"
# A filtered tree reads a node's departments when it is drawn.
e2e_expect "the cursor's item names its department" "担当: 総務課"
e2e_resize 120 30
e2e_expect_line "the department column under the filter" \
    'No.11 情報公開条例の適正な運用 +総務課 '
e2e_resize 100 30
e2e_keys c
e2e_expect "c clears the filter" "絞り込みを解除しました"
e2e_expect_not "no filter shown" "絞り込み:"
# Cleared, the tree is as it was before the filter, with the way down
# to the cursor's node open: not every node.
e2e_expect "the cursor stays on its node" "[取組内容] No.11 情報公開条例の適正な運用" \
    "開かれた行政運営の推進"
e2e_keys g
e2e_expect "what was closed before the filter is closed again" \
    "(1) 協働による行政の推進"
e2e_expect_not "its children are not shown" "市民協働の推進"

# Flag and status filters, and a filter nothing matches.
e2e_keys f
e2e_expect "flag chooser" "区分で絞り込み" "（すべての区分）" "重点事業"
e2e_keys /
e2e_type '重点'
e2e_keys Enter Enter
e2e_expect "flag filter" "絞り込み: 区分=重点事業" "No.1 [重点事業] 市民参画"
e2e_expect_not "items without the flag hidden" "No.19 市税等"
e2e_keys s
e2e_expect "status chooser" "状況で絞り込み" "入力状況: 遅れ" "実施状況: 完了"
e2e_keys /
e2e_type '完了'
e2e_keys Enter Enter
e2e_expect "nothing is done yet" "条件に合う取組がありません" \
    "絞り込み: 区分=重点事業 状況=完了"
e2e_keys c
e2e_expect "cleared again" "絞り込みを解除しました" \
    "Ⅰ 市民と行政がともに支えあう体制づくり" "入力状況  未入力 11"

# Era display: era -> western -> both -> era, everywhere.
e2e_keys e
e2e_expect "western years" "施策体系（2023年度）" "年の表示: 西暦"
e2e_keys e
e2e_expect "both" "施策体系（令和5(2023)年度）"
e2e_keys e
e2e_expect "back to era" "施策体系（令和5年度）"
# Another year reads the nodes shown again; the children of a node
# opened and closed again are read for the year when it is opened.
e2e_keys /
e2e_type 'No.19'
e2e_keys Enter
e2e_expect_line "No.19 is behind in 令和5年度" 'No.19 市税等の収納率の向上 +未入力 +遅れ'
e2e_keys h h
e2e_expect_not "its heading closed" "No.19 市税等"
e2e_keys ']'
e2e_expect "next year, the cursor on the same node" "施策体系（令和6年度）" \
    "[推進項目] 幅広い手法による財源の確保"
e2e_keys ']' ']'
e2e_expect "令和8年度 is after the plan's period" "施策体系（令和8年度）" \
    "[推進項目] 幅広い手法による財源の確保"
e2e_keys l
e2e_expect_line "No.19 read for 令和8年度: outside its period" \
    'No.19 市税等の収納率の向上 +期間外 *$'
e2e_keys '[' '[' '['
e2e_expect_line "back in 令和5年度, behind again" \
    'No.19 市税等の収納率の向上 +未入力 +遅れ'

# Too small, then back.
e2e_resize 60 20
e2e_expect "too small message" "端末が小さすぎます: 80×24 以上が必要です（現在 60×20）"
e2e_keys j
e2e_expect "keys wait while too small" "（現在 60×20）"
e2e_resize 100 30
e2e_expect "enlarged: the tree again" "施策体系（令和5年度）" "基本方針 > 重点項目"
e2e_expect_not "message gone" "端末が小さすぎます"
e2e_resize 80 24
e2e_expect "80x24 is enough" "施策体系（令和5年度）"
e2e_resize 100 30

# The roadmap and the indicators of the plan, from the tree, each with
# its help.
e2e_keys r
e2e_expect "r opens the roadmap" "ロードマップ"
e2e_keys '?'
e2e_expect "help on the roadmap" "ヘルプ: ロードマップ" "「ロードマップ」画面の操作"
e2e_keys q
e2e_expect_not "help closed" "ヘルプ: ロードマップ"
e2e_keys q
e2e_expect "back to the tree" "施策体系（令和5年度）"
e2e_keys i
e2e_expect "i opens the indicators" "指標一覧"
e2e_keys '?'
e2e_expect "help on the indicators" "ヘルプ: 指標一覧"
e2e_keys q
e2e_expect_not "help closed" "ヘルプ: 指標一覧"
e2e_keys q

# Back to the plans; 小美玉市総合計画's items are not behind, and say why.
e2e_expect "back to the tree again" "施策体系（令和5年度）"
e2e_keys Escape
e2e_expect "Esc back to the plans" "計画一覧（令和5年度）"
e2e_keys /
e2e_type '小美玉市総合計画'
e2e_keys Enter Enter
e2e_expect "小美玉市総合計画's tree" "基本施策 > 個別施策"
e2e_expect_line "its first 基本施策: 5 items, none behind" \
    '1 市民協働・コミュニティ活動の推進 +5 +0 +0 +0 +0'
e2e_keys j
e2e_expect "an item that plans nothing in the year is not behind" \
    "[個別施策] 1101 市民協働推進のための環境づくり" \
    "この年度の予定（期間・年次計画・目標値）がないため、遅れには数えません"
e2e_expect_line "its row shows no 遅れ" '1101 市民協働推進のための環境づくり +未入力 *$'
e2e_keys Escape
e2e_expect "back to the plans once more" "計画一覧（令和5年度）"

# An item four departments share: its results form names them all, so
# that the clerk of any of them reads their own.
e2e_keys :
e2e_type 'plan omitama-dx'
e2e_keys Enter
e2e_expect "小美玉市行革・DX推進計画's tree" "小美玉市行革・DX推進計画"
e2e_keys :
e2e_type 'year R8'
e2e_keys Enter
e2e_expect "its first year" "令和8年度"
e2e_keys :
e2e_type 'No.7'
e2e_keys Enter
e2e_expect "the cursor on No.7" "No.7 フロントヤード改革の推進"
e2e_expect "the tree's line below marks the main department first, as the sheet" \
    "担当: ★行革デジタル推進課 総務課 人事課 市民課"
e2e_keys E
e2e_expect "the form names the four departments" \
    "担当: 行革デジタル推進課・総務課・人事課・市民課"
e2e_keys Escape Escape
e2e_expect "back to the plans" "計画一覧（令和8年度）"
e2e_keys Q
e2e_expect_exit "Q quits with status 0" 0
e2e_expect_restored "the terminal is restored after Q"
e2e_check_sanitizers "no sanitizer report"

e2e_dump "$db" > "$e2e_tmp/after.sql"
e2e_same_file "browsing wrote nothing to the database" "$e2e_tmp/before.sql" \
    "$e2e_tmp/after.sql"

# Signals end the program cleanly as well, and say so in the status
# (128 + the signal's number): a signal is not a quit.
e2e_start "$db" 100 30
e2e_expect "started again" "計画一覧"
e2e_keys C-c
e2e_expect_exit "C-c ends the program with status 130" 130
e2e_expect_restored "the terminal is restored after C-c"
e2e_check_sanitizers "no sanitizer report after C-c"
for sig in TERM:143 HUP:129; do
	n=${sig#*:}
	sig=${sig%:*}
	e2e_start "$db" 100 30
	e2e_expect "started for SIG$sig" "計画一覧"
	e2e_keys Enter
	e2e_expect "in the tree for SIG$sig" "施策体系"
	e2e_signal "$sig"
	e2e_expect_exit "SIG$sig ends the program with status $n" "$n"
	e2e_expect_restored "the terminal is restored after SIG$sig"
	e2e_check_sanitizers "no sanitizer report after SIG$sig"
done

# C-\ (SIGQUIT) does nothing: no core, no screen left behind.
e2e_start "$db" 100 30
e2e_expect "started for C-\\" "計画一覧"
e2e_keys Enter
e2e_expect "in the tree for C-\\" "施策体系"
e2e_keys 'C-\'
e2e_signal QUIT
e2e_expect "C-\\ and SIGQUIT leave the program running" "施策体系"
e2e_keys Escape
e2e_expect "and it still answers keys" "計画一覧"
e2e_keys Q
e2e_expect_exit "it quits with status 0 after" 0
e2e_expect_restored "the terminal is restored"
e2e_check_sanitizers "no sanitizer report after C-\\"

e2e_finish
