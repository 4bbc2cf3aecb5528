/*
 * The help screen (?): the actions of the screen it was opened from and
 * those every screen shares, each with the keys bound to it now (from
 * the live key table, so a rebinding in the config shows here) and its
 * help text and config name; then the line editor's fixed keys and the
 * command line's commands (cmdline.h's table).
 * Scrollable and searchable; Esc or q closes it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/cmdline.h"
#include "shisaku/keys.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-list.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"

/* What the frame itself does on every screen (ui.c). */
static const enum key_action help_frame_actions[] = {
	ACT_BACK, ACT_QUIT, ACT_MYWORK, ACT_HELP, ACT_REDRAW, ACT_YEAR_PREV,
	ACT_YEAR_NEXT, ACT_YEAR_PICK, ACT_ERA_TOGGLE, ACT_COMMAND
};
#define HELP_NFRAME (sizeof help_frame_actions / sizeof help_frame_actions[0])

/* The line editor's keys are fixed, like a shell's. */
static const struct screen_fixed_key help_editing[] = {
	{ "Enter", "確定（空のまま確定すると前回の検索語）" },
	{ "Esc", "取り消し" },
	{ "Left Right C-b C-f", "1 文字移動" },
	{ "Home End C-a C-e", "行頭・行末へ" },
	{ "Backspace Delete C-d", "1 文字削除" },
	{ "C-u C-k", "行頭まで・行末まで削除" },
};
#define HELP_NEDITING (sizeof help_editing / sizeof help_editing[0])

static const enum key_action help_actions[] = {
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
	ACT_SEARCH, ACT_SEARCH_NEXT, ACT_SEARCH_PREV
};

static const struct {
	const char	*name;
	const char	*label;
} help_screen_names[] = {
	{ "plans", "計画一覧" },
	{ "mywork", "自分の仕事" },
	{ "tree", "施策体系" },
	{ "sheet", "取組シート" },
	{ "entry", "実績入力" },
	{ "roadmap", "ロードマップ" },
	{ "indicators", "指標一覧" },
	{ "indicator", "指標" },
	{ "actual", "実績値の入力" },
	{ "history", "変更履歴" },
	{ "pager", "全文" },
	{ "depts", "部署" },
	{ "help", "ヘルプ" },
	{ "search", "検索結果" },
};

enum help_kind { HELP_HEADING, HELP_ACTION, HELP_FIXED, HELP_NOTE, HELP_BLANK };

struct help_row {
	enum help_kind	 kind;
	enum key_action	 act;
	char		*text;		/* heading or fixed help; NULL */
	const char	*keys;		/* fixed keys */
};

struct help_screen {
	const struct screen_ops	*of;
	struct help_row		*rows;
	size_t			 nrows;
	struct ui_list		 list;
	int			 keys_w;
};

static const char *
help_screen_label(const struct screen_ops *ops)
{
	size_t	i;

	for (i = 0; i < sizeof help_screen_names / sizeof help_screen_names[0];
	    i++)
		if (ops->name != NULL &&
		    strcmp(ops->name, help_screen_names[i].name) == 0)
			return help_screen_names[i].label;
	return ops->name != NULL ? ops->name : "";
}

static struct help_row *
help_add(struct help_screen *hs, enum help_kind kind)
{
	struct help_row	*r;

	hs->rows = xreallocarray(hs->rows, hs->nrows + 1, sizeof *hs->rows);
	r = &hs->rows[hs->nrows++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	return r;
}

static int
help_is_frame_action(enum key_action a)
{
	size_t	i;

	for (i = 0; i < HELP_NFRAME; i++)
		if (help_frame_actions[i] == a)
			return 1;
	return 0;
}

/* The command line's commands, from its table: ":plan コード" and what
 * it does; a line that is no command is a code. */
static void
help_add_commands(struct help_screen *hs)
{
	const struct cmdline_command	*c;
	size_t				 n, i;
	struct help_row			*r;

	help_add(hs, HELP_BLANK);
	help_add(hs, HELP_HEADING)->text = xasprintf("コマンド行（%s で開く。"
	    "Tab で補完、↑↓ で履歴）", keys_action_keys(ACT_COMMAND));
	r = help_add(hs, HELP_FIXED);
	r->keys = ":6-2-1-1 :No.19";
	r->text = xstrdup("この計画のその番号の施策・取組へ（番号の No. は省ける）");
	c = cmdline_commands(&n);
	for (i = 0; i < n; i++) {
		if (c[i].usage == NULL)
			continue;
		r = help_add(hs, HELP_FIXED);
		r->keys = c[i].usage;
		/* The keys that do the same, as bound now. */
		r->text = xasprintf("%s%s%s%s%s", c[i].help,
		    c[i].act != ACT_NONE && *keys_action_keys(c[i].act) ?
		    "  キー " : "", c[i].act != ACT_NONE ?
		    keys_action_keys(c[i].act) : "",
		    c[i].alias != NULL ? "  別名 :" : "",
		    c[i].alias != NULL ? c[i].alias : "");
	}
}

/* Builds the rows from the live key table. */
static void
help_build(struct ui *ui, struct help_screen *hs)
{
	const struct screen_ops	*of = hs->of;
	size_t			 i;
	int			 w;

	help_add(hs, HELP_HEADING)->text = xasprintf("「%s」画面の操作",
	    help_screen_label(of));
	for (i = 0; i < of->nactions; i++) {
		struct help_row	*r;
		const char	*own;

		if (of->actions[i] == ACT_NONE ||
		    help_is_frame_action(of->actions[i]))
			continue;
		r = help_add(hs, HELP_ACTION);
		r->act = of->actions[i];
		own = of->action_help != NULL ? of->action_help(r->act) : NULL;
		if (own != NULL)
			r->text = xstrdup(own);
	}
	for (i = 0; i < of->nfixed_keys; i++) {
		struct help_row *r = help_add(hs, HELP_FIXED);

		r->keys = of->fixed_keys[i].keys;
		r->text = xstrdup(of->fixed_keys[i].text);
	}
	if (of->notes != NULL) {
		const char *const	*notes;
		size_t			 nnotes;

		notes = of->notes(ui, &nnotes);
		help_add(hs, HELP_BLANK);
		help_add(hs, HELP_HEADING)->text = xstrdup("表示の見方");
		for (i = 0; i < nnotes; i++)
			help_add(hs, HELP_NOTE)->text = xstrdup(notes[i]);
	}
	help_add(hs, HELP_BLANK);
	help_add(hs, HELP_HEADING)->text = xstrdup("どの画面でも使える操作");
	for (i = 0; i < HELP_NFRAME; i++)
		help_add(hs, HELP_ACTION)->act = help_frame_actions[i];
	help_add(hs, HELP_BLANK);
	help_add(hs, HELP_HEADING)->text = xstrdup("文字の入力中（検索・年度など）");
	for (i = 0; i < HELP_NEDITING; i++) {
		struct help_row *r = help_add(hs, HELP_FIXED);

		r->keys = help_editing[i].keys;
		r->text = xstrdup(help_editing[i].text);
	}
	help_add_commands(hs);
	help_add(hs, HELP_BLANK);
	help_add(hs, HELP_HEADING)->text = xstrdup("キーは設定ファイルの [keys] "
	    "で変えられます（右端が操作名）");

	hs->keys_w = 8;
	for (i = 0; i < hs->nrows; i++) {
		const char *k = hs->rows[i].kind == HELP_ACTION ?
		    keys_action_keys(hs->rows[i].act) : hs->rows[i].kind ==
		    HELP_FIXED ? hs->rows[i].keys : "";

		w = tw_width(k);
		if (w > hs->keys_w)
			hs->keys_w = w;
	}
	if (hs->keys_w > 24)
		hs->keys_w = 24;
}

static void
help_draw_row(struct ui *ui, void *owner, long row, int y, int x, int cols,
    int selected)
{
	struct help_screen	*hs = owner;
	const struct help_row	*r = &hs->rows[row];
	WINDOW			*w = ui_body(ui);
	attr_t			 sel = selected ? ui_attr(ui, UI_SELECT) :
				    A_NORMAL;
	const char		*keys;
	int			 kw = hs->keys_w, name_w = 16, text_w;

	ui_put(w, y, x, "", cols, 1, sel);
	switch (r->kind) {
	case HELP_BLANK:
		break;
	case HELP_HEADING:
		ui_put_cell(w, y, x + 1, r->text, cols - 2, 0,
		    sel | ui_attr(ui, UI_HEADER));
		break;
	case HELP_NOTE:
		ui_put_cell(w, y, x + 3, r->text, cols - 4, 0, sel);
		break;
	case HELP_ACTION:
	case HELP_FIXED:
		keys = r->kind == HELP_ACTION ? keys_action_keys(r->act) :
		    r->keys;
		ui_put(w, y, x + 3, *keys ? keys : "（なし）", kw, 0,
		    sel | (*keys ? ui_attr(ui, UI_MARK) : ui_attr(ui, UI_DIM)));
		/* A blank between a cut text's ~ and the setting's name. */
		text_w = cols - 3 - kw - 2 - (r->kind == HELP_ACTION ?
		    name_w + 2 : 0);
		ui_put_cell(w, y, x + 3 + kw + 2, r->kind == HELP_ACTION &&
		    r->text == NULL ? keys_action_help(r->act) : r->text,
		    text_w, 0, sel);
		if (r->kind == HELP_ACTION && text_w > 0)
			ui_put(w, y, x + cols - name_w - 1,
			    keys_action_name(r->act), name_w, 0,
			    sel | ui_attr(ui, UI_DIM));
		break;
	}
}

static char *
help_row_text(void *owner, long row)
{
	struct help_screen	*hs = owner;
	const struct help_row	*r = &hs->rows[row];

	switch (r->kind) {
	case HELP_ACTION:
		return xasprintf("%s %s %s", keys_action_keys(r->act),
		    r->text != NULL ? r->text : keys_action_help(r->act),
		    keys_action_name(r->act));
	case HELP_FIXED:
		return xasprintf("%s %s", r->keys, r->text);
	case HELP_HEADING:
	case HELP_NOTE:
		return xstrdup(r->text);
	default:
		return NULL;
	}
}

static void
help_layout(struct ui *ui, struct help_screen *hs)
{
	int	h, w;

	getmaxyx(ui_body(ui), h, w);
	ui_list_place(&hs->list, 1, 0, h - 1, w);
}

static void *
help_open(struct ui *ui, const void *arg)
{
	struct help_screen	*hs;

	if (arg == NULL)
		return NULL;
	hs = xcalloc(1, sizeof *hs);
	hs->of = arg;
	help_build(ui, hs);
	ui_list_init(&hs->list, (long)hs->nrows, hs);
	hs->list.draw_row = help_draw_row;
	hs->list.row_text = help_row_text;
	help_layout(ui, hs);
	return hs;
}

static void
help_draw(struct ui *ui, void *state)
{
	struct help_screen	*hs = state;
	WINDOW			*w = ui_body(ui);
	int			 cols = getmaxx(w);

	help_layout(ui, hs);
	ui_put(w, 0, 1, "キー", hs->keys_w + 2, 0, ui_attr(ui, UI_FROZEN));
	ui_put(w, 0, 3 + hs->keys_w + 2, "操作", 8, 0, ui_attr(ui, UI_FROZEN));
	ui_put(w, 0, cols - 17, "設定名", 16, 0, ui_attr(ui, UI_FROZEN));
	ui_list_draw(ui, &hs->list);
}

static enum ui_key_result
help_key(struct ui *ui, void *state, enum key_action act, int is_function,
    wint_t ch)
{
	struct help_screen	*hs = state;

	(void)is_function;
	(void)ch;
	if (act == ACT_HELP)
		return UI_KEY_HANDLED;	/* already here */
	if (ui_list_key(ui, &hs->list, act))
		return UI_KEY_HANDLED;
	return UI_KEY_UNHANDLED;
}

static void
help_refresh(struct ui *ui, void *state)
{
	help_layout(ui, state);
}

static void
help_close(struct ui *ui, void *state)
{
	struct help_screen	*hs = state;
	size_t			 i;

	(void)ui;
	for (i = 0; i < hs->nrows; i++)
		free(hs->rows[i].text);
	free(hs->rows);
	ui_list_free(&hs->list);
	free(hs);
}

static char *
help_title(struct ui *ui, void *state)
{
	struct help_screen	*hs = state;

	(void)ui;
	return xasprintf("ヘルプ: %s", help_screen_label(hs->of));
}

const struct screen_ops screen_help_ops = {
	.name = "help",
	.actions = help_actions,
	.nactions = sizeof help_actions / sizeof help_actions[0],
	.open = help_open,
	.draw = help_draw,
	.key = help_key,
	.refresh = help_refresh,
	.close = help_close,
	.title = help_title
};
