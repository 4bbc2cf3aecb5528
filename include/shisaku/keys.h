/*
 * The key table: every action a screen understands, its INI name, its
 * default keys and its help text, from one X-macro list. The defaults are
 * the [keys] section of the shipped config/shisaku.ini; the user's file
 * may rebind any action.
 */
#ifndef SHISAKU_KEYS_H
#define SHISAKU_KEYS_H

#include <wchar.h>

struct config;

/* X(enum suffix, ini name, help text) */
#define KEY_ACTIONS(X)						\
	X(UP,		"up",		"上へ")			\
	X(DOWN,		"down",		"下へ")			\
	X(LEFT,		"left",		"左へ")			\
	X(RIGHT,	"right",	"右へ")			\
	X(PAGE_UP,	"page_up",	"前のページ")		\
	X(PAGE_DOWN,	"page_down",	"次のページ")		\
	X(TOP,		"top",		"先頭へ")		\
	X(BOTTOM,	"bottom",	"末尾へ")		\
	X(OPEN,		"open",		"開く")			\
	X(BACK,		"back",		"戻る")			\
	X(QUIT,		"quit",		"終了")			\
	X(HELP,		"help",		"ヘルプ")		\
	X(SEARCH,	"search",	"検索")			\
	X(SEARCH_NEXT,	"search_next",	"次を検索")		\
	X(SEARCH_PREV,	"search_prev",	"前を検索")		\
	X(NEXT_PANE,	"next_pane",	"次のペイン")		\
	X(PREV_PANE,	"prev_pane",	"前のペイン")		\
	X(FILTER_DEPT,	"filter_dept",	"担当課で絞り込み")	\
	X(FILTER_FLAG,	"filter_flag",	"区分で絞り込み")	\
	X(FILTER_STATUS, "filter_status", "状況で絞り込み")	\
	X(FILTER_CLEAR,	"filter_clear",	"絞り込み解除")		\
	X(FILTER_MINE,	"filter_mine",	"自分の担当の指標")	\
	X(YEAR_PREV,	"year_prev",	"前の年度")		\
	X(YEAR_NEXT,	"year_next",	"次の年度")		\
	X(YEAR_PICK,	"year_pick",	"年度を選ぶ")		\
	X(ERA_TOGGLE,	"era_toggle",	"年の表示（和暦/西暦/併記）") \
	X(SORT,		"sort",		"並べ替え")		\
	X(TREE,		"tree",		"施策体系")		\
	X(ROADMAP,	"roadmap",	"ロードマップ")		\
	X(INDICATORS,	"indicators",	"指標一覧")		\
	X(SHEET,	"sheet",	"項目のシートを開く")	\
	X(FULLTEXT,	"fulltext",	"全文を読む（概要・手段・年次計画・実績の文、計画の説明）") \
	X(HISTORY,	"history",	"変更履歴")		\
	X(DEPTS,	"depts",	"部署の一覧と機構改革")	\
	X(EDIT,		"edit",		"実績を入力")		\
	X(MYWORK,	"mywork",	"自分の仕事（担当の取組・指標、確認待ち）") \
	X(ADD,		"add",		"追加（企画担当）")	\
	X(MODIFY,	"modify",	"構成・指標・目標を修正（企画担当）") \
	X(DELETE,	"delete",	"削除（企画担当）")	\
	X(REDRAW,	"redraw",	"再描画")		\
	X(COMMAND,	"command",	"コマンド行（:6-2-1-1 :plan コード :year R7 など）")

enum key_action {
	ACT_NONE = 0,
#define KEY_ACTION_ENUM(e, n, h) ACT_##e,
	KEY_ACTIONS(KEY_ACTION_ENUM)
#undef KEY_ACTION_ENUM
	ACT_COUNT
};

/* Builds the bindings from the config's [keys] (defaults already merged
 * there). Returns 0, or -1 with *cause naming the bad action or key, e.g.
 * "[keys] dwn = j: 不明な操作です". */
int keys_init(const struct config *c, char **cause);
void keys_free(void);

/* The action bound to a key read with get_wch: is_function is 1 for a
 * KEY_CODE_YES code. ACT_NONE if unbound. */
enum key_action keys_lookup(int is_function, wint_t ch);

const char *keys_action_name(enum key_action a);
const char *keys_action_help(enum key_action a);
/* The keys bound to the action as the user writes them ("j Down"). */
const char *keys_action_keys(enum key_action a);

#endif
