/*
 * The history screen: every recorded change to an item's results and its
 * indicators' actuals and targets (or to one indicator), newest first, for
 * one fiscal year or all: when, who, which field, old value → new value.
 * For planners, the same screen lists the refusals of every plan: when,
 * who tried, what about, and what was tried and why it was refused.
 * Rows are read from the store a page at a time as the cursor nears the
 * end, and drawn by the virtual list; the row under the cursor is shown in
 * full below the list, and Enter shows it on the whole screen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/screen-entry.h"
#include "shisaku/store-result.h"
#include "shisaku/store-sheet.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-list.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"
#include "shisaku/workflow.h"

/* Rows read from the store at a time. */
#define HISTORY_PAGE 200

#define HISTORY_AT_W 16		/* "YYYY-MM-DD HH:MM" */
#define HISTORY_LOGIN_W 10
#define HISTORY_FIELD_W 22	/* 30 from 100 columns */

static const enum key_action history_actions[] = {
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
	ACT_OPEN, ACT_SEARCH, ACT_SEARCH_NEXT, ACT_SEARCH_PREV
};

struct history_screen {
	struct screen_history_arg arg;
	char			*what;		/* the item or indicator, for the title */
	struct history_row	*rows;
	size_t			 nrows;
	int			 complete;	/* every row has been read */
	struct ui_list		 list;
	int			 fy_w;		/* 0 = one year: no year column */
	int			 field_w;
	int			 login_w;	/* the login and its name */
	struct ui		*ui;		/* for names in the search text */
	int			 detail_y, detail_h;
	/* The whole-screen view of one row (Enter). */
	int			 full;
	char			**flines;
	size_t			 nflines;
	long			 ftop;
};

/* Reads the next page; returns -1 with the error shown. */
static int
history_more(struct ui *ui, struct history_screen *hs)
{
	struct history_row	*rows = NULL;
	size_t			 n = 0;
	char			*cause = NULL;
	long long		 last;
	int			 rc;

	if (hs->complete)
		return 0;
	/* The next page by key: a change recorded meanwhile is newer than
	 * the last row read, and neither shifts nor repeats the page. */
	last = hs->nrows > 0 ? hs->rows[hs->nrows - 1].id : 0;
	if (hs->arg.refused)
		rc = store_history_refused(ui->store, hs->arg.fy, HISTORY_PAGE,
		    last, &rows, &n, &cause);
	else if (hs->arg.indicator_id != 0)
		rc = store_history_indicator(ui->store, hs->arg.indicator_id,
		    hs->arg.fy, HISTORY_PAGE, last, &rows, &n, &cause);
	else
		rc = store_history_node(ui->store, hs->arg.node_id, hs->arg.fy,
		    HISTORY_PAGE, last, &rows, &n, &cause);
	if (rc != 0) {
		ui_error(ui, "%s", cause != NULL ? cause : "履歴を読めません");
		free(cause);
		hs->complete = 1;
		return -1;
	}
	if (n > 0) {
		hs->rows = xreallocarray(hs->rows, hs->nrows + n, sizeof *hs->rows);
		memcpy(hs->rows + hs->nrows, rows, n * sizeof *rows);
		hs->nrows += n;
	}
	free(rows);	/* the strings now belong to hs->rows */
	if (n < HISTORY_PAGE)
		hs->complete = 1;
	ui_list_set_rows(&hs->list, (long)hs->nrows);
	return 0;
}

static void
history_all(struct ui *ui, struct history_screen *hs)
{
	while (!hs->complete)
		if (history_more(ui, hs) != 0)
			break;
}

static void
history_clear(struct history_screen *hs)
{
	store_history_free(hs->rows, hs->nrows);
	hs->rows = NULL;
	hs->nrows = 0;
	hs->complete = 0;
}

/* The field's name, with the indicator's for an indicator's row; for a
 * refusal, what it was about. */
static char *
history_field(const struct history_row *r)
{
	const char	*label = workflow_field_label(r->field);

	if (strcmp(r->field, "refused") == 0)
		return xstrdup(r->about != NULL && r->about[0] != '\0' ?
		    r->about : "—");

	if (r->indicator_id != 0 && r->indicator_name[0] != '\0')
		return xasprintf("%s（%s）", label, r->indicator_name);
	return xstrdup(label);
}

static const char *
history_value(const char *v)
{
	return v != NULL ? v : "（なし）";
}

static void
history_draw_row(struct ui *ui, void *owner, long row, int y, int x,
    int cols, int selected)
{
	struct history_screen	*hs = owner;
	const struct history_row *r = &hs->rows[row];
	WINDOW			*w = ui_body(ui);
	attr_t			 a = selected ? ui_attr(ui, UI_SELECT) : A_NORMAL;
	char			 at[17], fy[FY_BUFSZ], *field, *change, *who;
	int			 cx = x + 1;

	ui_put(w, y, x, "", cols, 1, a);
	at_minutes(r->at, at);
	cx += ui_put(w, y, cx, at, HISTORY_AT_W, 1, a) + 1;
	/* The name where there is room for it; always in the details. */
	who = hs->login_w > HISTORY_LOGIN_W ? ui_who(ui, r->login) :
	    xstrdup(r->login);
	cx += ui_put_cell(w, y, cx, who, hs->login_w, 1, a) + 1;
	free(who);
	if (hs->fy_w > 0)
		cx += ui_put(w, y, cx, ui_fy(ui, r->fy, fy), hs->fy_w, 1, a) + 1;
	field = history_field(r);
	cx += ui_put_cell(w, y, cx, field, hs->field_w, 1,
	    a | ui_attr(ui, UI_MARK)) + 1;
	free(field);
	change = hs->arg.refused ? xstrdup(history_value(r->new_value)) :
	    xasprintf("%s → %s", history_value(r->old_value),
	    history_value(r->new_value));
	if (cx < x + cols)
		ui_put(w, y, cx, change, x + cols - cx, 0, a);
	free(change);
}

static char *
history_row_text(void *owner, long row)
{
	struct history_screen	*hs = owner;
	const struct history_row *r = &hs->rows[row];
	char			*field = history_field(r), *s, *who;

	who = ui_who(hs->ui, r->login);
	s = xasprintf("%s %s %s %s %s", r->at, who, field,
	    history_value(r->old_value), history_value(r->new_value));
	free(who);
	free(field);
	return s;
}

static void
history_layout(struct ui *ui, struct history_screen *hs)
{
	int	h, w, list_h;

	getmaxyx(ui_body(ui), h, w);
	hs->field_w = w >= 100 ? 30 : HISTORY_FIELD_W;
	/* A refusal's reason needs the room more than its item. */
	if (hs->arg.refused)
		hs->field_w = w >= 120 ? 30 : 20;
	/* Wide enough, the display name beside the login. */
	hs->login_w = w >= 120 ? 24 : HISTORY_LOGIN_W;
	hs->detail_h = h / 3;
	if (hs->detail_h < 4)
		hs->detail_h = 4;
	list_h = h - 1 - hs->detail_h - 1;
	if (list_h < 1)
		list_h = 1;
	hs->detail_y = 1 + list_h;
	ui_list_place(&hs->list, 1, 0, list_h, w);
}

/* Wrapped lines of "label text" for the details (malloc'd strings
 * appended to *lines). */
static void
history_wrap(char ***lines, size_t *n, const char *label, const char *text,
    int cols)
{
	size_t	k, i, *st, *ln;
	char	*s = xasprintf("%s%s", label, text);

	k = tw_wrap(s, cols, NULL, NULL, 0);
	st = xcalloc(k + 1, sizeof *st);
	ln = xcalloc(k + 1, sizeof *ln);
	k = tw_wrap(s, cols, st, ln, k);
	*lines = xreallocarray(*lines, *n + k + 1, sizeof **lines);
	for (i = 0; i < k; i++)
		(*lines)[(*n)++] = xstrndup(s + st[i], ln[i]);
	if (k == 0)
		(*lines)[(*n)++] = xstrdup("");
	free(st);
	free(ln);
	free(s);
}

/* The row under the cursor in full, as lines of cols columns. */
static size_t
history_detail_lines(struct ui *ui, struct history_screen *hs, int cols,
    char ***out)
{
	const struct history_row *r;
	char			**lines = NULL, at[17], fy[FY_BUFSZ], *head, *field;
	char			*who;
	size_t			 n = 0;

	*out = NULL;
	if (hs->nrows == 0)
		return 0;
	r = &hs->rows[hs->list.cursor];
	at_minutes(r->at, at);
	field = history_field(r);
	who = ui_who(ui, r->login);
	head = xasprintf("%s  %s  %s  %s%s", at, who, ui_fy(ui, r->fy, fy),
	    strcmp(r->field, "refused") == 0 ? "拒否: " : "", field);
	free(who);
	history_wrap(&lines, &n, "", head, cols);
	if (strcmp(r->field, "refused") == 0)
		history_wrap(&lines, &n, "拒否: ", history_value(r->new_value),
		    cols);
	else {
		history_wrap(&lines, &n, "変更前: ", history_value(r->old_value),
		    cols);
		history_wrap(&lines, &n, "変更後: ", history_value(r->new_value),
		    cols);
	}
	free(head);
	free(field);
	*out = lines;
	return n;
}

static void
history_lines_free(char **lines, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}

static void
history_draw_full(struct ui *ui, struct history_screen *hs, WINDOW *w)
{
	int	h, cols, y;
	long	max;

	getmaxyx(w, h, cols);
	history_lines_free(hs->flines, hs->nflines);
	hs->nflines = history_detail_lines(ui, hs, cols - 2, &hs->flines);
	max = (long)hs->nflines - (h - 1);
	if (hs->ftop > max)
		hs->ftop = max;
	if (hs->ftop < 0)
		hs->ftop = 0;
	ui_put(w, 0, 0, "変更の全文（Enter か Esc で一覧へ）", cols, 1,
	    ui_attr(ui, UI_HEADER));
	for (y = 1; y < h && hs->ftop + y - 1 < (long)hs->nflines; y++)
		ui_put(w, y, 1, hs->flines[hs->ftop + y - 1], cols - 2, 0,
		    A_NORMAL);
}

static void
history_draw(struct ui *ui, void *state)
{
	struct history_screen	*hs = state;
	WINDOW			*w = ui_body(ui);
	char			**lines, fyh[8];
	size_t			 n, i;
	int			 h, cols, x = 1;

	getmaxyx(w, h, cols);
	werase(w);
	if (hs->full) {
		history_draw_full(ui, hs, w);
		return;
	}
	history_layout(ui, hs);
	snprintf(fyh, sizeof fyh, "%s", hs->fy_w > 0 ? "年度" : "");
	x += ui_put(w, 0, x, "日時", HISTORY_AT_W, 1, ui_attr(ui, UI_HEADER)) + 1;
	x += ui_put(w, 0, x, "利用者", hs->login_w, 1,
	    ui_attr(ui, UI_HEADER)) + 1;
	if (hs->fy_w > 0)
		x += ui_put(w, 0, x, fyh, hs->fy_w, 1, ui_attr(ui, UI_HEADER)) + 1;
	x += ui_put(w, 0, x, hs->arg.refused ? "対象" : "項目", hs->field_w,
	    1, ui_attr(ui, UI_HEADER)) + 1;
	ui_put(w, 0, x, hs->arg.refused ? "試みたことと拒否の理由" :
	    "変更前 → 変更後", cols - x, 0, ui_attr(ui, UI_HEADER));
	if (hs->nrows == 0) {
		ui_put(w, 2, 2, hs->arg.refused ? "拒否の記録はありません" :
		    "変更の記録はありません", cols - 2, 0, ui_attr(ui, UI_DIM));
		return;
	}
	ui_list_draw(ui, &hs->list);
	for (x = 0; x < cols; x++)
		mvwaddch(w, hs->detail_y, x, '-');
	n = history_detail_lines(ui, hs, cols - 2, &lines);
	for (i = 0; i < n && (int)i < h - hs->detail_y - 1; i++)
		ui_put(w, hs->detail_y + 1 + (int)i, 1, lines[i], cols - 2, 0,
		    i == 0 ? ui_attr(ui, UI_HEADER) : A_NORMAL);
	if ((int)n > h - hs->detail_y - 1)
		ui_put(w, h - 1, cols - 20, "…（Enter で全文）", 19, 0,
		    ui_attr(ui, UI_DIM));
	history_lines_free(lines, n);
}

static enum ui_key_result
history_key(struct ui *ui, void *state, enum key_action act, int is_function,
    wint_t ch)
{
	struct history_screen	*hs = state;
	int			 h = getmaxy(ui_body(ui));

	(void)is_function;
	(void)ch;
	if (hs->full) {
		switch (act) {
		case ACT_OPEN:
		case ACT_BACK:
			hs->full = 0;
			return UI_KEY_HANDLED;
		case ACT_UP:
			hs->ftop--;
			return UI_KEY_HANDLED;
		case ACT_DOWN:
			hs->ftop++;
			return UI_KEY_HANDLED;
		case ACT_PAGE_UP:
			hs->ftop -= h - 2;
			return UI_KEY_HANDLED;
		case ACT_PAGE_DOWN:
			hs->ftop += h - 2;
			return UI_KEY_HANDLED;
		default:
			return UI_KEY_UNHANDLED;
		}
	}
	if (act == ACT_OPEN) {
		if (hs->nrows > 0) {
			hs->full = 1;
			hs->ftop = 0;
		}
		return UI_KEY_HANDLED;
	}
	/* The end and a search need every row; paging needs the next page. */
	if (act == ACT_BOTTOM || act == ACT_SEARCH || act == ACT_SEARCH_NEXT ||
	    act == ACT_SEARCH_PREV)
		history_all(ui, hs);
	else if (!hs->complete &&
	    hs->list.cursor + 2L * hs->list.height >= (long)hs->nrows)
		history_more(ui, hs);
	if (ui_list_key(ui, &hs->list, act))
		return UI_KEY_HANDLED;
	return UI_KEY_UNHANDLED;
}

static void
history_reload(struct ui *ui, struct history_screen *hs)
{
	history_clear(hs);
	ui_list_set_rows(&hs->list, 0);
	history_more(ui, hs);
}

static void *
history_open(struct ui *ui, const void *arg)
{
	const struct screen_history_arg	*a = arg;
	struct history_screen		*hs;
	struct sheet			*s = NULL;
	char				*cause = NULL;

	hs = xcalloc(1, sizeof *hs);
	hs->arg = *a;
	ui_list_init(&hs->list, 0, hs);
	hs->list.draw_row = history_draw_row;
	hs->list.row_text = history_row_text;
	hs->fy_w = a->fy == 0 ? 12 : 0;
	hs->ui = ui;
	if (a->node_id != 0 &&
	    store_sheet_load(ui->store, a->node_id, a->fy != 0 ? a->fy : ui->fy,
	    &s, &cause) == 0) {
		hs->what = xasprintf("%s%s%s", s->code,
		    s->code[0] != '\0' ? " " : "", s->title);
		store_sheet_free(s);
	} else {
		free(cause);
		hs->what = xstrdup("");
	}
	history_layout(ui, hs);
	if (history_more(ui, hs) != 0) {
		ui_list_free(&hs->list);
		free(hs->what);
		free(hs);
		return NULL;
	}
	return hs;
}

static void
history_close(struct ui *ui, void *state)
{
	struct history_screen	*hs = state;

	(void)ui;
	history_clear(hs);
	history_lines_free(hs->flines, hs->nflines);
	ui_list_free(&hs->list);
	free(hs->what);
	free(hs);
}

/*
 * history_reload keeping the cursor on its change, where it was on the
 * screen, when the list still has it (read a page at a time up to it: a
 * change made meanwhile comes first and moves it down); else at the top.
 */
static void
history_reload_at(struct ui *ui, struct history_screen *hs)
{
	long long	keep = 0;
	long		off = 0, top = hs->list.top;
	size_t		i;

	if (hs->list.cursor >= 0 && (size_t)hs->list.cursor < hs->nrows) {
		keep = hs->rows[hs->list.cursor].id;
		off = hs->list.cursor - hs->list.top;
	}
	history_reload(ui, hs);
	if (keep == 0)
		return;
	for (i = 0;; i++) {
		while (i >= hs->nrows)
			if (hs->complete || history_more(ui, hs) != 0)
				return;
		if (hs->rows[i].id == keep)
			break;
	}
	hs->list.cursor = (long)i;
	hs->list.top = (long)i - off > 0 ? (long)i - off : 0;
	/* A list read from its top stays at its top, so that changes
	 * recorded meanwhile show above the cursor's (which stays). */
	if (top == 0 && (long)i < hs->list.height)
		hs->list.top = 0;
	ui_list_set_rows(&hs->list, (long)hs->nrows);
}

/* Back on top, resized, another year, or another program wrote: read
 * again where the user stands. */
static void
history_refresh(struct ui *ui, void *state)
{
	struct history_screen	*hs = state;

	/* A year chosen here shows that year's changes (when not all). */
	if (hs->arg.fy != 0 && hs->arg.fy != ui->fy)
		hs->arg.fy = ui->fy;
	history_reload_at(ui, hs);
	history_layout(ui, hs);
}

static char *
history_title(struct ui *ui, void *state)
{
	struct history_screen	*hs = state;
	char			 fy[FY_BUFSZ];
	const char		*ind = "";

	if (hs->arg.indicator_id != 0 && hs->nrows > 0)
		ind = hs->rows[0].indicator_name;
	/* One change on the whole screen says so first: Esc goes back to
	 * the list, not to the screen below. */
	if (hs->arg.refused)
		return xasprintf("%s拒否の記録（%s）  %zu%s 件",
		    hs->full ? "変更の全文 > " : "",
		    hs->arg.fy != 0 ? ui_fy(ui, hs->arg.fy, fy) : "全年度",
		    hs->nrows, hs->complete ? "" : "+");
	/* The year first: a long title is cut at its end. */
	return xasprintf("%s変更履歴（%s）%s%s%s%s",
	    hs->full ? "変更の全文 > " : "",
	    hs->arg.fy != 0 ? ui_fy(ui, hs->arg.fy, fy) : "全年度",
	    *hs->what != '\0' ? " > " : "", hs->what,
	    *ind != '\0' ? " > " : "", ind);
}

const struct screen_ops screen_history_ops = {
	.name = "history",
	.actions = history_actions,
	.nactions = sizeof history_actions / sizeof history_actions[0],
	.open = history_open,
	.draw = history_draw,
	.key = history_key,
	.refresh = history_refresh,
	.close = history_close,
	.title = history_title,
	.changed = history_refresh
};
