/*
 * The pager (全文): a document of pager.h on the whole body, read-only,
 * for every role. The first row names the document and where the view
 * is in it; the rows below are the document laid out for the width
 * (pager_layout wraps by display width). Up and Down scroll a row,
 * PgUp/PgDn (and Space, C-b, C-f) a page, g/G go to the ends; / searches
 * (Japanese substrings, full-width and ASCII letters alike), n and N go
 * to the next and the previous match, round past the ends, and every
 * match in view is highlighted. Esc or q goes back to the screen it was
 * opened from, where the cursor still is. A resize lays the text out
 * again with the same line at the top.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/fulltext.h"
#include "shisaku/pager.h"
#include "shisaku/screen-pager.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-sheet.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-list.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"

/* Highlighted matches drawn on one row at most. */
#define PAGER_MATCHES_MAX 32

static const enum key_action pager_actions[] = {
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
	ACT_SEARCH, ACT_SEARCH_NEXT, ACT_SEARCH_PREV
};

struct pager_screen {
	struct pager_doc	 doc;
	struct pager_view	 view;
	long			 top;		/* first row shown */
	int			 height;	/* text rows on screen */
	int			 laid_cols;	/* body width laid out for */
	char			*search;
	long			 match;		/* row of the current match, -1 */
};

/* Lays the document out for the body's width, keeping the line (and the
 * place in it) that was at the top. */
static void
pager_prepare(struct ui *ui, struct pager_screen *ps)
{
	int	h, cols;
	size_t	line = 0, at = 0, i;
	int	had = ps->view.nrows > 0;

	getmaxyx(ui_body(ui), h, cols);
	ps->height = h - 1 > 1 ? h - 1 : 1;
	if (cols != ps->laid_cols) {
		if (had && ps->top >= 0 && (size_t)ps->top < ps->view.nrows) {
			line = ps->view.rows[ps->top].line;
			at = ps->view.rows[ps->top].start;
		}
		pager_layout(&ps->doc, cols - 1, &ps->view);
		ps->laid_cols = cols;
		ps->match = -1;
		ps->top = 0;
		if (had)
			for (i = 0; i < ps->view.nrows; i++) {
				const struct pager_row *r = &ps->view.rows[i];

				/* The row holding that place (an empty
				 * line is one empty row). */
				if (r->line > line || (r->line == line &&
				    (r->start + r->len > at || r->len == 0))) {
					ps->top = (long)i;
					break;
				}
			}
	}
	if (ps->top > (long)ps->view.nrows - ps->height)
		ps->top = (long)ps->view.nrows - ps->height;
	if (ps->top < 0)
		ps->top = 0;
}

static enum ui_attr
pager_style_attr(enum pager_style s)
{
	switch (s) {
	case PAGER_HEADING:
		return UI_HEADER;
	case PAGER_LABEL:
		return UI_MARK;
	case PAGER_DIM:
		return UI_DIM;
	default:
		return UI_NORMAL;
	}
}

/* "12-40 / 120 行 (33%)" or "全 12 行". */
static char *
pager_position(const struct pager_screen *ps)
{
	long	n = (long)ps->view.nrows, last = ps->top + ps->height;

	if (n <= ps->height)
		return xasprintf("全 %ld 行", n);
	if (last > n)
		last = n;
	return xasprintf("%ld-%ld / %ld 行 (%ld%%)", ps->top + 1, last, n,
	    last * 100 / n);
}

static void
pager_draw_row(struct ui *ui, struct pager_screen *ps, WINDOW *w, int y,
    long i, int cols)
{
	const struct pager_row	*r = &ps->view.rows[i];
	const struct pager_line	*l = &ps->doc.lines[r->line];
	size_t			 offs[PAGER_MATCHES_MAX], lens[PAGER_MATCHES_MAX];
	size_t			 n, k;
	char			*text = xstrndup(l->text + r->start, r->len);
	char			*before, *part;
	int			 x;

	ui_put(w, y, r->x, text, cols - r->x, 0,
	    ui_attr(ui, pager_style_attr(l->style)));
	/* Each match's own characters again, highlighted. */
	n = pager_row_matches(&ps->doc, r, ps->search, offs, lens,
	    PAGER_MATCHES_MAX);
	for (k = 0; k < n; k++) {
		before = xstrndup(text, offs[k]);
		part = xstrndup(text + offs[k], lens[k]);
		x = r->x + tw_width(before);
		if (x < cols)
			ui_put(w, y, x, part, cols - x, 0, ui_attr(ui, UI_SELECT) |
			    (i == ps->match ? A_BOLD : 0));
		free(before);
		free(part);
	}
	free(text);
}

static void
pager_draw(struct ui *ui, void *state)
{
	struct pager_screen	*ps = state;
	WINDOW			*w = ui_body(ui);
	int			 cols, y, pw;
	long			 i;
	char			*pos;

	pager_prepare(ui, ps);
	cols = getmaxx(w);
	pos = pager_position(ps);
	pw = tw_width(pos);
	ui_put(w, 0, 0, "", cols, 1, ui_attr(ui, UI_FROZEN));
	ui_put(w, 0, 1, ps->doc.title, cols - pw - 4, 0, ui_attr(ui, UI_FROZEN));
	ui_put(w, 0, cols - pw - 1, pos, pw, 0, ui_attr(ui, UI_FROZEN));
	free(pos);
	for (y = 0; y < ps->height; y++) {
		i = ps->top + y;
		if (i >= (long)ps->view.nrows)
			break;
		pager_draw_row(ui, ps, w, 1 + y, i, cols - 1);
	}
}

/* Goes to the match from row from on in direction dir; says why not. */
static void
pager_search_step(struct ui *ui, struct pager_screen *ps, long from, int dir)
{
	long	at;
	int	wrapped = 0;

	if (ps->search == NULL || *ps->search == '\0') {
		ui_message(ui, "検索する文字列がありません（/ で検索）");
		return;
	}
	at = pager_find(&ps->doc, &ps->view, ps->search, from, dir, &wrapped);
	if (at < 0) {
		ps->match = -1;
		ui_message(ui, "見つかりません: %s", ps->search);
		return;
	}
	ps->match = at;
	/* A match already in view keeps the view; another goes to the top. */
	if (at < ps->top || at >= ps->top + ps->height)
		ps->top = at;
	if (wrapped)
		ui_message(ui, "%sから続けて見つけました: %s", dir > 0 ?
		    "先頭" : "末尾", ps->search);
}

static enum ui_key_result
pager_key(struct ui *ui, void *state, enum key_action act, int is_function,
    wint_t ch)
{
	struct pager_screen	*ps = state;
	long			 page;

	(void)is_function;
	(void)ch;
	pager_prepare(ui, ps);
	page = ps->height > 1 ? ps->height - 1 : 1;
	switch (act) {
	case ACT_UP:
		ps->top--;
		break;
	case ACT_DOWN:
		ps->top++;
		break;
	case ACT_PAGE_UP:
		ps->top -= page;
		break;
	case ACT_PAGE_DOWN:
		ps->top += page;
		break;
	case ACT_TOP:
		ps->top = 0;
		break;
	case ACT_BOTTOM:
		ps->top = (long)ps->view.nrows;
		break;
	case ACT_SEARCH:
		if (ui_list_ask_search(ui, &ps->search))
			pager_search_step(ui, ps, ps->top, 1);
		break;
	case ACT_SEARCH_NEXT:
		pager_search_step(ui, ps, ps->match >= 0 ? ps->match + 1 :
		    ps->top, 1);
		break;
	case ACT_SEARCH_PREV:
		pager_search_step(ui, ps, ps->match >= 0 ? ps->match - 1 :
		    ps->top + ps->height - 1, -1);
		break;
	case ACT_FULLTEXT:
		ui_message(ui, "全文を表示しています（Esc で戻る）");
		return UI_KEY_HANDLED;
	default:
		return UI_KEY_UNHANDLED;
	}
	pager_prepare(ui, ps);
	return UI_KEY_HANDLED;
}

static void *
pager_open(struct ui *ui, const void *arg)
{
	struct pager_screen	*ps;

	(void)ui;
	ps = xcalloc(1, sizeof *ps);
	ps->doc = *(const struct pager_doc *)arg;
	ps->match = -1;
	return ps;
}

static void
pager_close(struct ui *ui, void *state)
{
	struct pager_screen	*ps = state;

	(void)ui;
	pager_doc_free(&ps->doc);
	pager_view_free(&ps->view);
	free(ps->search);
	free(ps);
}

static void
pager_refresh(struct ui *ui, void *state)
{
	pager_prepare(ui, state);
}

static char *
pager_title(struct ui *ui, void *state)
{
	struct pager_screen	*ps = state;

	(void)ui;
	return xasprintf("全文 > %s", ps->doc.title);
}

static char *
pager_hint(struct ui *ui, void *state)
{
	char	s[16], n[16], p[16];

	(void)ui;
	(void)state;
	ui_key_name(ACT_SEARCH, s, sizeof s);
	ui_key_name(ACT_SEARCH_NEXT, n, sizeof n);
	ui_key_name(ACT_SEARCH_PREV, p, sizeof p);
	return xasprintf("%s:検索  %s %s:次・前  PgUp PgDn:ページ", s, n, p);
}

const struct screen_ops screen_pager_ops = {
	.name = "pager",
	.actions = pager_actions,
	.nactions = sizeof pager_actions / sizeof pager_actions[0],
	.open = pager_open,
	.draw = pager_draw,
	.key = pager_key,
	.refresh = pager_refresh,
	.close = pager_close,
	.title = pager_title,
	.hint = pager_hint
};

void
screen_pager_open(struct ui *ui, struct pager_doc *doc)
{
	ui_push(ui, &screen_pager_ops, doc);
	/* The screen holds the document now. */
	memset(doc, 0, sizeof *doc);
}

void
screen_pager_node(struct ui *ui, long long node_id, int fy)
{
	struct sheet		*s = NULL;
	struct pager_doc	 doc;
	char			*cause = NULL;

	if (node_id <= 0) {
		ui_message(ui, "全文を表示する項目がありません");
		return;
	}
	if (store_sheet_load(ui->store, node_id, fy, &s, &cause) != 0) {
		ui_error(ui, "%s", cause != NULL ? cause : "読み込めません");
		free(cause);
		return;
	}
	fulltext_node(&doc, s, ui->fy_style, ui->config);
	store_sheet_free(s);
	screen_pager_open(ui, &doc);
}

void
screen_pager_plan(struct ui *ui, long long plan_id)
{
	struct browse_plan	*p = NULL;
	struct pager_doc	 doc;
	char			*cause = NULL;

	if (plan_id <= 0) {
		ui_message(ui, "全文を表示する計画がありません");
		return;
	}
	if (browse_plan_get(ui->store, plan_id, &p, &cause) != 0) {
		ui_error(ui, "%s", cause != NULL ? cause : "読み込めません");
		free(cause);
		return;
	}
	fulltext_plan(&doc, p, ui->fy_style);
	browse_plans_free(p, 1);
	screen_pager_open(ui, &doc);
}
