/*
 * The command line (see ui-cmdline.h): the two bottom lines become a
 * line for candidates and reasons above a field of the form library
 * (ui-field.h) after a ':'. What a line means is cmdline.c's; here it is
 * read, completed, remembered and done: jumps go to the tree of the plan
 * (the one already open in the stack, else a new one over the plan
 * list, leaving the screens above after asking when one holds unsaved
 * changes), settings go through the frame as the keys do.
 */
#include <curses.h>
#include <form.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/cmdline.h"
#include "shisaku/screen-search.h"
#include "shisaku/screen-tree.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-search.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-cmdline.h"
#include "shisaku/ui-field.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"

/* The lines of the session (kept in memory only). */
static struct cmdline_history ui_cmdline_history;

struct cmdline_view {
	WINDOW		*w;		/* the two bottom lines */
	WINDOW		*sub;		/* the field's */
	FIELD		*fields[2];
	FORM		*form;
	struct ui_line	 line;
	char		*note;		/* above the field; NULL: the keys */
	int		 note_is_error;
	/* Tab pressed again goes round the candidates. */
	struct cmdline_completion comp;
	size_t		 comp_at;
	char		*comp_shown;	/* the line as the last Tab left it */
};

void
ui_cmdline_forget(void)
{
	cmdline_history_free(&ui_cmdline_history);
}

static void
cmdline_view_close(struct cmdline_view *v)
{
	if (v->form != NULL) {
		unpost_form(v->form);
		free_form(v->form);
		v->form = NULL;
	}
	if (v->fields[0] != NULL) {
		free_field(v->fields[0]);
		v->fields[0] = NULL;
	}
	v->line.field = NULL;
	if (v->sub != NULL) {
		delwin(v->sub);
		v->sub = NULL;
	}
	if (v->w != NULL) {
		delwin(v->w);
		v->w = NULL;
	}
}

/* Makes the windows and the field for the current size, showing text.
 * Returns 0, or -1 when the terminal is too small or curses refuses. */
static int
cmdline_view_open(struct ui *ui, struct cmdline_view *v, const char *text)
{
	int	width;

	if (ui->too_small)
		return -1;
	width = (ui->cols - 2) & ~1;	/* the form library wants it even */
	ui_line_set(&v->line, text);
	if ((v->w = newwin(2, ui->cols, ui->lines - 2, 0)) == NULL ||
	    (v->sub = derwin(v->w, 1, width, 1, 1)) == NULL ||
	    (v->fields[0] = ui_line_field(0, 0, width, &v->line)) == NULL) {
		cmdline_view_close(v);
		return -1;
	}
	v->fields[1] = NULL;
	set_field_back(v->fields[0], A_NORMAL);
	keypad(v->w, TRUE);
	if ((v->form = ui_line_form(v->fields)) == NULL) {
		cmdline_view_close(v);
		return -1;
	}
	set_form_win(v->form, v->w);
	set_form_sub(v->form, v->sub);
	if (post_form(v->form) != E_OK) {
		cmdline_view_close(v);
		return -1;
	}
	ui_line_cursor_end(v->form, &v->line);
	return 0;
}

/* The line as typed now (borrowed from v->line). */
static const char *
cmdline_text(struct cmdline_view *v)
{
	if (v->form != NULL) {
		form_driver_w(v->form, KEY_CODE_YES, REQ_VALIDATION);
		ui_line_read(&v->line);
	}
	return v->line.text != NULL ? v->line.text : "";
}

/* Puts text in the field with the cursor after it. */
static void
cmdline_set(struct cmdline_view *v, const char *text)
{
	free(v->line.text);
	v->line.text = xstrdup(text);
	v->line.dirty = 0;
	if (v->line.field != NULL) {
		set_field_buffer(v->line.field, 0, text);
		ui_line_cursor_end(v->form, &v->line);
	}
}

static void
cmdline_note(struct cmdline_view *v, int is_error, const char *text)
{
	free(v->note);
	v->note = text != NULL ? xstrdup(text) : NULL;
	v->note_is_error = is_error;
}

static void
cmdline_draw(struct ui *ui, struct cmdline_view *v)
{
	char	tab[16], *keys;

	if (v->w == NULL)
		return;
	/* Only the line above: the form library keeps the text being
	 * edited in the field's window itself. */
	ui_put(v->w, 0, 0, "", ui->cols, 1, ui_attr(ui, v->note_is_error ?
	    UI_ERROR : UI_STATUS));
	if (v->note != NULL)
		ui_put(v->w, 0, 1, v->note, ui->cols - 2, 0, ui_attr(ui,
		    v->note_is_error ? UI_ERROR : UI_STATUS));
	else {
		ui_key_name(ACT_HELP, tab, sizeof tab);
		keys = xasprintf("コマンド行: Tab 補完  ↑↓ 履歴  Enter 実行  "
		    "Esc 取消（コマンドの一覧は %s）", tab);
		ui_put(v->w, 0, 1, keys, ui->cols - 2, 0,
		    ui_attr(ui, UI_STATUS));
		free(keys);
	}
	ui_put(v->w, 1, 0, ":", 1, 0, A_BOLD);
	touchwin(v->w);
	pos_form_cursor(v->form);
	wnoutrefresh(v->w);
	wnoutrefresh(v->sub);
	doupdate();
}

/* The depth of the nearest tree of plan_id in the stack, or -1; *count
 * is set to the number of frames. */
static int
cmdline_tree_depth(struct ui *ui, long long plan_id, int *count)
{
	const struct screen_ops	*ops;
	void			*state;
	int			 d, found = -1;

	for (d = 0; (state = ui_frame_state(ui, d, &ops)) != NULL; d++)
		if (found < 0 && screen_tree_plan(ops, state) == plan_id)
			found = d;
	*count = d;
	return found;
}

/* Goes to node_id (0: the plan itself) in the tree of plan_id: the tree
 * already in the stack, else a new one over the bottom screen. Returns
 * 0, also when the user chose to stay where unsaved changes are. */
static int
cmdline_goto(struct ui *ui, long long plan_id, long long node_id)
{
	int	count, d = cmdline_tree_depth(ui, plan_id, &count);

	if (d < 0)
		d = count - 1;		/* everything above the plan list */
	if (d > 0 && !ui_pop_frames(ui, d))
		return 0;
	screen_tree_show(ui, plan_id, node_id, NULL, NULL);
	return 0;
}

static int
cmdline_plan(struct ui *ui, const char *code, char **cause)
{
	long long	 id = 0;
	int		 several = 0;
	char		*why = NULL;

	if (store_search_plan(ui->store, code, &id, &several, &why) != 0) {
		*cause = why;
		return -1;
	}
	if (id == 0) {
		*cause = several ? xasprintf("「%s」で始まる計画が複数あります"
		    "（Tab で候補）", code) : xasprintf("計画「%s」はありません"
		    "（Tab で候補）", code);
		return -1;
	}
	return cmdline_goto(ui, id, 0);
}

static int
cmdline_code(struct ui *ui, const char *code, char **cause)
{
	long long	*ids = NULL, plan = ui->plan_id;
	size_t		 n = 0;
	char		*why = NULL, *name;
	int		 several = 0;
	long long	 other = 0;

	if (plan == 0) {
		*cause = xasprintf("計画を選んでから番号で移ってください"
		    "（:plan コード）: %s", code);
		return -1;
	}
	if (store_search_code(ui->store, plan, code, 50, &ids, &n, &why) != 0) {
		*cause = why;
		return -1;
	}
	if (n == 0) {
		free(ids);
		/* A plan's code typed without "plan". */
		if (store_search_plan(ui->store, code, &other, &several,
		    &why) == 0 && other != 0)
			return cmdline_goto(ui, other, 0);
		free(why);
		name = browse_plan_name(ui->store, plan);
		*cause = xasprintf("「%s」はコマンドでも、%sの番号でもありません"
		    "（:help でコマンドの一覧）", code, name != NULL ? name :
		    "この計画");
		free(name);
		return -1;
	}
	cmdline_goto(ui, plan, ids[0]);
	if (n > 1)
		ui_message(ui, "番号「%s」は %zu%s 件あります（最初のものを表示。"
		    "/ で探せます）", code, n, n >= 50 ? " 以上" : "");
	free(ids);
	return 0;
}

/* Searches as / does; no hit keeps the line. */
static int
cmdline_search(struct ui *ui, const char *word, char **cause)
{
	void	*was = ui_frame_state(ui, 0, NULL);

	screen_search_open(ui, screen_search_scope(ui), word);
	if (ui_frame_state(ui, 0, NULL) == was) {
		*cause = xasprintf("見つかりません: %s", word);
		return -1;
	}
	return 0;
}

/* Does a line. Returns 0, or -1 with *cause to keep the line open. */
static int
cmdline_do(struct ui *ui, const char *text, char **cause)
{
	struct cmdline_cmd	c;
	int			rc = 0;

	if (cmdline_parse(text, &c, cause) != 0)
		return -1;
	switch (c.kind) {
	case CMDLINE_NONE:
		break;
	case CMDLINE_CODE:
		rc = cmdline_code(ui, c.arg, cause);
		break;
	case CMDLINE_PLAN:
		rc = cmdline_plan(ui, c.arg, cause);
		break;
	case CMDLINE_YEAR:
		ui_set_year(ui, c.fy);
		break;
	case CMDLINE_ERA:
		ui_set_style(ui, c.style);
		break;
	case CMDLINE_SEARCH:
		rc = cmdline_search(ui, c.arg, cause);
		break;
	case CMDLINE_KEY:
		ui_act(ui, c.act);
		break;
	}
	cmdline_cmd_free(&c);
	return rc;
}

/* Tab: completes the word at the end, or goes round the candidates. */
static void
cmdline_tab(struct ui *ui, struct cmdline_view *v)
{
	const char	*text = cmdline_text(v);
	char		**plans = NULL, *line, *list, *t;
	size_t		 nplans = 0, i;
	char		*why = NULL;

	if (v->comp_shown != NULL && strcmp(text, v->comp_shown) == 0 &&
	    v->comp.n > 1) {
		v->comp_at = (v->comp_at + 1) % v->comp.n;
		line = xasprintf("%s%s", v->comp.base, v->comp.words[v->comp_at]);
		goto show;
	}
	cmdline_completion_free(&v->comp);
	free(v->comp_shown);
	v->comp_shown = NULL;
	if (store_search_plan_codes(ui->store, &plans, &nplans, &why) != 0) {
		cmdline_note(v, 1, why);
		free(why);
		return;
	}
	cmdline_complete(text, (const char *const *)plans, nplans, &v->comp);
	for (i = 0; i < nplans; i++)
		free(plans[i]);
	free(plans);
	if (v->comp.n == 0) {
		cmdline_note(v, 0, "候補がありません");
		return;
	}
	if (v->comp.n == 1) {
		line = xasprintf("%s%s%s", v->comp.base, v->comp.words[0],
		    v->comp.takes_arg ? " " : "");
		cmdline_set(v, line);
		free(line);
		cmdline_note(v, 0, NULL);
		return;
	}
	if (strlen(v->comp.common) > strlen(text) - strlen(v->comp.base)) {
		/* The candidates share more than was typed: that much. */
		line = xasprintf("%s%s", v->comp.base, v->comp.common);
		v->comp_at = v->comp.n - 1;	/* the next Tab: the first */
	} else {
		v->comp_at = 0;
		line = xasprintf("%s%s", v->comp.base, v->comp.words[0]);
	}
show:
	cmdline_set(v, line);
	free(v->comp_shown);
	v->comp_shown = line;
	list = xstrdup("候補:");
	for (i = 0; i < v->comp.n; i++) {
		t = xasprintf("%s %s%s%s", list, i == v->comp_at &&
		    strcmp(line + strlen(v->comp.base), v->comp.words[i]) == 0 ?
		    "[" : "", v->comp.words[i], i == v->comp_at &&
		    strcmp(line + strlen(v->comp.base), v->comp.words[i]) == 0 ?
		    "]" : "");
		free(list);
		list = t;
	}
	cmdline_note(v, 0, list);
	free(list);
}

/* Up and Down: the session's earlier lines. */
static void
cmdline_history_key(struct cmdline_view *v, int up)
{
	const char	*line;
	char		*now = xstrdup(cmdline_text(v));

	line = up ? cmdline_history_prev(&ui_cmdline_history, now) :
	    cmdline_history_next(&ui_cmdline_history);
	if (line != NULL)
		cmdline_set(v, line);
	else
		cmdline_note(v, 0, up ? "これより前の行はありません" :
		    "履歴の末尾です");
	free(now);
}

void
ui_cmdline_run(struct ui *ui)
{
	struct cmdline_view	 v;
	char			*text = NULL, *cause = NULL;
	wint_t			 ch;
	int			 rc, done = 0;
	enum ui_line_result	 r;

	memset(&v, 0, sizeof v);
	cmdline_history_reset(&ui_cmdline_history);
	if (cmdline_view_open(ui, &v, "") != 0)
		return;
	curs_set(1);
	while (!done) {
		cmdline_draw(ui, &v);
		rc = ui_read_modal(ui, v.w, &ch);
		if (rc == ERR)
			break;			/* a signal: the frame ends */
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			text = xstrdup(cmdline_text(&v));
			cmdline_view_close(&v);
			rc = cmdline_view_open(ui, &v, text);
			free(text);
			if (rc != 0)
				break;
			curs_set(1);
			continue;
		}
		if (!(rc == OK && ch == '\t')) {
			free(v.comp_shown);
			v.comp_shown = NULL;
		}
		if (rc == OK && ch == 27)
			break;
		if (rc == OK && ch == '\t') {
			cmdline_tab(ui, &v);
			continue;
		}
		if ((rc == KEY_CODE_YES && ch == KEY_UP) || (rc == OK && ch == 16)) {
			cmdline_history_key(&v, 1);	/* Up, C-p */
			continue;
		}
		if ((rc == KEY_CODE_YES && ch == KEY_DOWN) ||
		    (rc == OK && ch == 14)) {
			cmdline_history_key(&v, 0);	/* Down, C-n */
			continue;
		}
		if (((rc == KEY_CODE_YES && ch == KEY_BACKSPACE) ||
		    (rc == OK && (ch == 127 || ch == 8))) &&
		    *cmdline_text(&v) == '\0')
			break;			/* erased past the ':' */
		r = ui_line_key(v.form, &v.line, rc == KEY_CODE_YES, ch, 0);
		if (r == UI_LINE_NEXT) {
			/* Enter: the screens may ask or draw while the line is
			 * done, so it is put away meanwhile. */
			text = xstrdup(cmdline_text(&v));
			cmdline_view_close(&v);
			curs_set(0);
			if (cmdline_do(ui, text, &cause) == 0) {
				cmdline_history_add(&ui_cmdline_history, text);
				done = 1;
			} else {
				cmdline_history_add(&ui_cmdline_history, text);
				rc = cmdline_view_open(ui, &v, text);
				cmdline_note(&v, 1, cause);
				free(cause);
				cause = NULL;
				if (rc != 0)
					done = 1;
				else
					curs_set(1);
			}
			free(text);
			text = NULL;
		} else if (r == UI_LINE_FULL)
			cmdline_note(&v, 1, "これ以上入りません");
		else if (r == UI_LINE_EDITED || r == UI_LINE_MOVED)
			cmdline_note(&v, 0, NULL);
	}
	cmdline_view_close(&v);
	curs_set(0);
	ui_line_free(&v.line);
	cmdline_completion_free(&v.comp);
	free(v.comp_shown);
	free(v.note);
}
