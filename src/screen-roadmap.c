/*
 * The roadmap: a plan's items x fiscal years. Each cell shows the cost
 * trend (= ↑ ↓ ?), the status of the year's result once one exists, and
 * the yearly plan (a plan spanning years shows in every year it covers,
 * marked → after its first). Rows are grouped under their basic and field
 * policies (heading rows); the code-and-title column and the year row stay
 * in place while the grid scrolls both ways; the cell under the cursor is
 * shown in full at the bottom. Filters by department, flag and status,
 * search over codes, titles and cell texts.
 *
 * A supervisor or a planner sees the results waiting for confirmation
 * (cells beginning with +), marks them with Space (a cell: an item and a
 * year; marked cells begin with *) and confirms them
 * together with C-t (F3), or returns each with a reason of its own,
 * through the workflow menu my work uses (ui_workflow_batch): one
 * transaction and one history row per entry. For anyone else Space
 * turns the page, as everywhere.
 *
 * Only the rows on screen are held in memory, read by key in plan order
 * (store_roadmap_rows) as the cursor moves, and their cells when drawn:
 * a plan of 200,000 items opens, scrolls and changes year as fast as a
 * small one. Marks are kept by item and year, not by row.
 */

#include <stdlib.h>
#include <string.h>

#include "shisaku/config.h"
#include "shisaku/screen-pager.h"
#include "shisaku/screen-sheet.h"
#include "shisaku/store-change.h"
#include "shisaku/store-sheet.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-workflow.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"
#include "shisaku/vocab.h"

#define RM_STATUS_NONE 5	/* the status filter's "未入力" */
#define RM_KEY_FLOW	20	/* C-t, read raw as in the forms */

/* A marked cell: an item's result for one fiscal year. */
struct rm_mark {
	long long	 node_id;
	int		 fy;
};
#define RM_CELL_MIN 10
#define RM_CELL_MAX 30

struct rm_screen {
	long long	 plan_id;
	struct roadmap	*rm;		/* the head: plan, years, flags */
	int		 loaded_fy;
	enum fy_style	 loaded_style;
	struct store_mark mark;		/* the database when read */
	int		 first_fy, nyears;
	size_t		 nitems;	/* the plan's items */
	size_t		 nmatch;	/* the items the filters let through */

	/* filters */
	long long	 dept_id;	/* 0 = all */
	char		*dept_name;
	long long	*dept_nodes;
	size_t		 ndept_nodes;
	int		 flag;		/* -1 = all, else index of rm->flags */
	long long	*flag_nodes;	/* the nodes marked with it */
	size_t		 nflag_nodes;
	int		 status;	/* -1 = all, 0..4 vocab order, 5 = none */
	struct roadmap_filter filt;	/* the above, prepared */

	/* the rows on screen, from the top of the grid */
	struct roadmap_row *win;
	size_t		 nwin;
	int		 win_h;		/* the grid's height they were read for */
	long		 cur;		/* index in win */
	int		 ycur, yleft;	/* year under the cursor, first shown */

	/* search */
	char		*search;
	struct roadmap_hits *hits;	/* of the whole plan, once needed */

	/* marks of submitted results (reviewers only) */
	int		 review;
	struct rm_mark	*marks;
	size_t		 nmarks;

	/* layout */
	int		 seen_lines, seen_cols;	/* terminal size at refresh */
	int		 cols, lines;
	int		 code_w, flag_w, cell_w, nshow;
	int		 grid_y, grid_h, detail_y, detail_h;
};

static const struct screen_fixed_key rm_fixed_keys[] = {
	{ "Space", "提出済のセル（取組と年度）に印を付ける・外す（管理職・"
	    "企画担当。ほかの人には次のページ）" },
	{ "C-t F3", "印を付けたセル（なければカーソルのセル）をまとめて確認・"
	    "差戻し（管理職・企画担当）" },
};

static const enum key_action rm_actions[] = {
	ACT_UP, ACT_DOWN, ACT_LEFT, ACT_RIGHT, ACT_PAGE_UP, ACT_PAGE_DOWN,
	ACT_TOP, ACT_BOTTOM, ACT_OPEN, ACT_SEARCH, ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV, ACT_FILTER_DEPT, ACT_FILTER_FLAG, ACT_FILTER_STATUS,
	ACT_FILTER_CLEAR, ACT_EDIT, ACT_HISTORY, ACT_FULLTEXT
};

/* One-character marks of the statuses, in vocab order. */
static const char *const rm_status_marks[] = { "未", "実", "完", "延", "止" };

static const char *
rm_status_mark(const char *status)
{
	int		 i;
	const char	*k;

	if (status == NULL)
		return "";
	for (i = 0; (k = vocab_nth(VOCAB_STATUS, i)) != NULL && i < 5; i++)
		if (strcmp(k, status) == 0)
			return rm_status_marks[i];
	return "";
}

static int
rm_filtered(const struct rm_screen *rs)
{
	return rs->dept_id != 0 || rs->flag >= 0 || rs->status >= 0;
}

/* Prepares the filters chosen (the rows they let through). */
static void
rm_prepare(struct ui *ui, struct rm_screen *rs)
{
	struct roadmap_filter	*f = &rs->filt;
	char			*cause = NULL;

	store_roadmap_filter_clear(f);
	memset(f, 0, sizeof *f);
	if (rs->dept_id != 0) {
		f->has_dept = 1;
		f->dept_nodes = rs->dept_nodes;
		f->ndept_nodes = rs->ndept_nodes;
		f->dept_id = rs->dept_id;
	}
	if (rs->flag >= 0) {
		f->has_flag = 1;
		f->flag_nodes = rs->flag_nodes;
		f->nflag_nodes = rs->nflag_nodes;
	}
	if (rs->status == RM_STATUS_NONE)
		f->status_none = 1;
	else if (rs->status >= 0)
		f->status = vocab_nth(VOCAB_STATUS, rs->status);
	if (store_roadmap_filter_prepare(ui->store, rs->rm, f, &cause) < 0) {
		ui_error(ui, "%s", cause);
		free(cause);
		/* Nothing shown rather than everything. */
		memset(f, 0, sizeof *f);
		f->has_flag = 1;
		(void)store_roadmap_filter_prepare(ui->store, rs->rm, f, NULL);
	}
}

/* Rows shown after (dir > 0; from its place when inclusive) or before
 * node from; 0 is the start or the end. -1 after saying why. */
static int
rm_read(struct ui *ui, struct rm_screen *rs, long long from, int inclusive,
    int dir, size_t limit, struct roadmap_row **rows, size_t *n)
{
	char			*cause = NULL;

	if (store_roadmap_rows(ui->store, rs->rm, &rs->filt, from, inclusive,
	    dir,
	    limit, rows, n, &cause) < 0) {
		ui_error(ui, "%s", cause != NULL ? cause : "読み込めません");
		free(cause);
		*rows = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

static size_t
rm_grid_h(struct ui *ui, const struct rm_screen *rs)
{
	/* Before the first layout: as many as the terminal could show. */
	if (rs->grid_h > 0)
		return (size_t)rs->grid_h;
	return ui->lines > 1 ? (size_t)ui->lines : 1;
}

/* Puts rows in front of (*b, *n). */
static void
rm_prepend(struct roadmap_row **b, size_t *n, struct roadmap_row *rows,
    size_t k)
{
	struct roadmap_row	*v;

	if (k == 0) {
		free(rows);
		return;
	}
	v = xreallocarray(NULL, *n + k, sizeof *v);
	memcpy(v, rows, k * sizeof *v);
	if (*n > 0)
		memcpy(v + k, *b, *n * sizeof *v);
	free(*b);
	free(rows);
	*b = v;
	*n += k;
}

static void
rm_append(struct roadmap_row **b, size_t *n, struct roadmap_row *rows,
    size_t k)
{
	if (k == 0) {
		free(rows);
		return;
	}
	*b = xreallocarray(*b, *n + k, sizeof **b);
	memcpy(*b + *n, rows, k * sizeof *rows);
	free(rows);
	*n += k;
}

/*
 * Makes the window from the rows b (taken over; a stretch of the rows
 * shown, in order) with the top at index t and the cursor at index c of
 * b, either of which may fall outside b: the rows missing are read, then
 * the cursor is kept among the rows and on screen and the window filled
 * as far as the rows go, as the whole list used to be scrolled.
 */
static void
rm_settle(struct ui *ui, struct rm_screen *rs, struct roadmap_row *b,
    size_t n, long t, long c)
{
	struct roadmap_row	*more;
	size_t			 k, h = rm_grid_h(ui, rs), i;
	long			 lo, hi;

	lo = t < c ? t : c;
	if (lo < 0 && n > 0 && rm_read(ui, rs, b[0].node_id, 0, -1,
	    (size_t)-lo, &more, &k) == 0) {
		rm_prepend(&b, &n, more, k);
		t += (long)k;
		c += (long)k;
	}
	hi = t + (long)h > c + 1 ? t + (long)h : c + 1;
	if (n > 0 && hi > (long)n && rm_read(ui, rs, b[n - 1].node_id, 0, 1,
	    (size_t)(hi - (long)n), &more, &k) == 0)
		rm_append(&b, &n, more, k);
	if (c >= (long)n)
		c = (long)n - 1;
	if (c < 0)
		c = 0;
	if (t > c)
		t = c;
	if (c >= t + (long)h)
		t = c - (long)h + 1;
	if (t + (long)h > (long)n) {
		/* At the end: the last rows fill the window. */
		t = (long)n - (long)h;
		if (t < 0 && n > 0 && rm_read(ui, rs, b[0].node_id, 0, -1,
		    (size_t)-t, &more, &k) == 0) {
			rm_prepend(&b, &n, more, k);
			t += (long)k;
			c += (long)k;
		}
	}
	if (t < 0)
		t = 0;
	store_roadmap_rows_free(rs->win, rs->nwin);
	rs->nwin = n > (size_t)t ? n - (size_t)t : 0;
	if (rs->nwin > h)
		rs->nwin = h;
	rs->win = xcalloc(rs->nwin + 1, sizeof *rs->win);
	for (i = 0; i < n; i++) {
		if (i >= (size_t)t && i < (size_t)t + rs->nwin)
			rs->win[i - (size_t)t] = b[i];
		else {
			free(b[i].code);
			free(b[i].title);
			free(b[i].level);
		}
	}
	free(b);
	rs->cur = rs->nwin > 0 ? c - t : 0;
	rs->win_h = (int)h;
}

/* Moves the window by dt rows and the cursor by dc (0, 0: refills it). */
static void
rm_move(struct ui *ui, struct rm_screen *rs, long dt, long dc)
{
	struct roadmap_row	*b;
	size_t			 n = rs->nwin;

	if (n == 0)
		return;
	b = rs->win;
	rs->win = NULL;
	rs->nwin = 0;
	rm_settle(ui, rs, b, n, dt, rs->cur + dc);
}

/* The first item from the start, the window from the start. */
static void
rm_first_item(struct ui *ui, struct rm_screen *rs)
{
	struct roadmap_row	*b = NULL, *more;
	size_t			 n = 0, k, i = 0;

	if (rm_read(ui, rs, 0, 0, 1, rm_grid_h(ui, rs), &b, &n) < 0)
		return;
	for (;;) {
		for (; i < n; i++)
			if (b[i].is_item)
				break;
		if (i < n || n == 0 || rm_read(ui, rs, b[n - 1].node_id, 0, 1,
		    16, &more, &k) < 0 || k == 0)
			break;
		rm_append(&b, &n, more, k);
	}
	if (i >= n)
		i = 0;
	rm_settle(ui, rs, b, n, 0, (long)i);
}

/* Puts the cursor on node_id at screen row row when the node is shown;
 * 0 when it is not. */
static int
rm_focus(struct ui *ui, struct rm_screen *rs, long long node_id, long row)
{
	struct roadmap_row	*b = NULL, *more;
	size_t			 n = 0, k;

	if (node_id == 0 || rm_read(ui, rs, node_id, 1, 1,
	    rm_grid_h(ui, rs), &b, &n) < 0)
		return 0;
	if (n == 0 || b[0].node_id != node_id) {
		store_roadmap_rows_free(b, n);
		return 0;
	}
	if (row > 0 && rm_read(ui, rs, node_id, 0, -1, (size_t)row, &more,
	    &k) == 0)
		rm_prepend(&b, &n, more, k);
	else
		k = 0;
	rm_settle(ui, rs, b, n, (long)k - row, (long)k);
	return 1;
}

/* The cursor on the same node when it is still shown, else on the first
 * item. A window at the start stays there while the cursor's row fits in
 * it (as the top of a whole list did); elsewhere the cursor keeps its
 * row on screen. */
static void
rm_refocus(struct ui *ui, struct rm_screen *rs, int at_start)
{
	long long	keep = rs->nwin > 0 ? rs->win[rs->cur].node_id : 0;
	long		row = rs->cur;

	if (at_start)
		row = (long)rm_grid_h(ui, rs) - 1;
	if (!rm_focus(ui, rs, keep, row))
		rm_first_item(ui, rs);
}

/* Is the window at the start of the rows shown (before a change)? */
static int
rm_at_start(struct ui *ui, struct rm_screen *rs)
{
	struct roadmap_row	*rows = NULL;
	size_t			 n = 0;
	int			 at;

	if (rs->nwin == 0 || rs->rm == NULL)
		return 1;
	at = rm_read(ui, rs, rs->win[0].node_id, 0, -1, 1, &rows, &n) == 0 &&
	    n == 0;
	store_roadmap_rows_free(rows, n);
	return at;
}

/* Counts the items the filters let through. */
static void
rm_count(struct ui *ui, struct rm_screen *rs)
{
	char			*cause = NULL;

	if (!rm_filtered(rs))
		rs->nmatch = rs->nitems;
	else if (store_roadmap_count(ui->store, rs->rm, &rs->filt, &rs->nmatch,
	    &cause) < 0) {
		ui_error(ui, "%s", cause);
		free(cause);
	}
}

/*
 * The plan's items, counted from the tree's indexes (about 15 ms for
 * 200,000 items) and kept for the session until anything is written, so
 * that only the first opening of a plan's roadmap counts them.
 */
static struct {
	struct store		*st;
	long long		 plan_id;
	struct store_mark	 mark;
	size_t			 n;
} rm_counted;

static void
rm_count_items(struct ui *ui, struct rm_screen *rs)
{
	struct store_mark	 m;
	char			*cause = NULL;

	if (rm_counted.st == ui->store && rm_counted.plan_id == rs->plan_id &&
	    !store_mark_changed(ui->store, &rm_counted.mark)) {
		rs->nitems = rm_counted.n;
		return;
	}
	store_mark_take(ui->store, &m);
	if (store_roadmap_count(ui->store, rs->rm, NULL, &rs->nitems,
	    &cause) < 0) {
		ui_error(ui, "%s", cause);
		free(cause);
		rm_counted.st = NULL;
		return;
	}
	rm_counted.st = ui->store;
	rm_counted.plan_id = rs->plan_id;
	rm_counted.mark = m;
	rm_counted.n = rs->nitems;
}

/* Reads the nodes marked with the flag filtered by. */
static void
rm_load_flag_nodes(struct ui *ui, struct rm_screen *rs)
{
	char	*cause = NULL;

	free(rs->flag_nodes);
	rs->flag_nodes = NULL;
	rs->nflag_nodes = 0;
	if (rs->flag < 0)
		return;
	if (store_roadmap_flag_nodes(ui->store, rs->rm->flags[rs->flag].id,
	    &rs->flag_nodes, &rs->nflag_nodes, &cause) < 0) {
		ui_error(ui, "%s", cause);
		free(cause);
	}
}

/*
 * Reads the plan's head for the chosen year and the rows on screen again
 * (the items counted again when recount: on opening and after a write).
 */
static int
rm_reload(struct ui *ui, struct rm_screen *rs, int recount)
{
	struct roadmap	*rm;
	char		*cause = NULL;
	long long	*ids;
	size_t		 n;
	int		 new_year = rs->loaded_fy != ui->fy;
	int		 at_start = rm_at_start(ui, rs);

	store_mark_take(ui->store, &rs->mark);
	if (store_roadmap_head(ui->store, rs->plan_id, ui->fy, &rm,
	    &cause) < 0) {
		ui_error(ui, "%s", cause != NULL ? cause : "読み込めません");
		free(cause);
		return -1;
	}
	store_roadmap_free(rs->rm);
	rs->rm = rm;
	rs->loaded_fy = ui->fy;
	rs->loaded_style = ui->fy_style;
	if (rm->first_fy == 0) {
		/* No period anywhere: the chosen year alone. */
		rs->first_fy = ui->fy;
		rs->nyears = 1;
	} else {
		rs->first_fy = rm->first_fy;
		rs->nyears = rm->last_fy - rm->first_fy + 1;
	}
	if (rs->flag >= (int)rm->nflags)
		rs->flag = -1;
	if (recount) {
		rm_count_items(ui, rs);
		rm_load_flag_nodes(ui, rs);
		/* The hits of a search are read again when needed. */
		store_roadmap_hits_free(rs->hits);
		rs->hits = NULL;
	}
	if (rs->dept_id != 0) {
		/* Assignments are per year: read the department's again. */
		if (store_plan_dept_nodes(ui->store, rs->plan_id, rs->dept_id,
		    ui->fy, &ids, &n, &cause) < 0) {
			ui_error(ui, "%s", cause);
			free(cause);
		} else {
			free(rs->dept_nodes);
			rs->dept_nodes = ids;
			rs->ndept_nodes = n;
		}
	}
	/* A flag's items are the same every year: prepared again only after
	 * a write. */
	if (recount || rs->dept_id != 0 || rs->status >= 0) {
		rm_prepare(ui, rs);
		rm_count(ui, rs);
	}
	/* On another year the cursor goes to it when the plan covers it. */
	if (new_year && ui->fy >= rs->first_fy &&
	    ui->fy < rs->first_fy + rs->nyears)
		rs->ycur = ui->fy - rs->first_fy;
	if (rs->ycur >= rs->nyears)
		rs->ycur = rs->nyears - 1;
	if (rs->ycur < 0)
		rs->ycur = 0;
	rm_refocus(ui, rs, at_start);
	return 0;
}

static void *
rm_open(struct ui *ui, const void *arg)
{
	struct rm_screen	*rs;

	rs = xcalloc(1, sizeof *rs);
	rs->plan_id = *(const long long *)arg;
	rs->review = ui->session != NULL &&
	    (ui->session->role == ROLE_SUPERVISOR ||
	    ui->session->role == ROLE_PLANNER);
	rs->flag = -1;
	rs->status = -1;
	rs->seen_lines = ui->lines;
	rs->seen_cols = ui->cols;
	if (rm_reload(ui, rs, 1) < 0) {
		store_roadmap_rows_free(rs->win, rs->nwin);
		store_roadmap_filter_clear(&rs->filt);
		store_roadmap_free(rs->rm);
		free(rs->dept_nodes);
		free(rs->flag_nodes);
		free(rs);
		return NULL;
	}
	return rs;
}

static void
rm_close(struct ui *ui, void *state)
{
	struct rm_screen	*rs = state;

	(void)ui;
	store_roadmap_free(rs->rm);
	free(rs->dept_name);
	free(rs->dept_nodes);
	free(rs->flag_nodes);
	store_roadmap_filter_clear(&rs->filt);
	store_roadmap_rows_free(rs->win, rs->nwin);
	store_roadmap_hits_free(rs->hits);
	free(rs->search);
	free(rs->marks);
	free(rs);
}

static long
rm_mark_index(const struct rm_screen *rs, long long node_id, int fy)
{
	size_t	i;

	for (i = 0; i < rs->nmarks; i++)
		if (rs->marks[i].node_id == node_id && rs->marks[i].fy == fy)
			return (long)i;
	return -1;
}

/* Keeps the year under the cursor on screen. */
static void
rm_scroll(struct rm_screen *rs)
{
	if (rs->ycur >= rs->nyears)
		rs->ycur = rs->nyears - 1;
	if (rs->ycur < 0)
		rs->ycur = 0;
	if (rs->yleft > rs->ycur)
		rs->yleft = rs->ycur;
	if (rs->ycur >= rs->yleft + rs->nshow)
		rs->yleft = rs->ycur - rs->nshow + 1;
	if (rs->yleft > rs->nyears - rs->nshow)
		rs->yleft = rs->nyears - rs->nshow;
	if (rs->yleft < 0)
		rs->yleft = 0;
}

static void
rm_layout(struct ui *ui, struct rm_screen *rs)
{
	WINDOW	*w = ui_body(ui);
	int	 h, cols, rest, fw;
	size_t	 i;
	char	 buf[16];

	if (rs->loaded_fy != ui->fy)
		rm_reload(ui, rs, 0);
	getmaxyx(w, h, cols);
	rs->lines = h;
	rs->cols = cols;
	rs->detail_h = h >= 34 ? 6 : h >= 26 ? 5 : 4;
	rs->grid_y = 2;
	rs->detail_y = h - rs->detail_h;
	rs->grid_h = rs->detail_y - 1 - rs->grid_y;
	if (rs->grid_h < 1)
		rs->grid_h = 1;

	/* Flags column: the marks of all the plan's flags side by side. */
	fw = 0;
	for (i = 0; i < rs->rm->nflags; i++)
		fw += tw_width(screen_sheet_flag_mark(ui, &rs->rm->flags[i], buf,
		    sizeof buf));
	rs->flag_w = fw == 0 ? 0 : (fw > 8 ? 8 : fw) + 1;

	rs->code_w = cols * 32 / 100;
	if (rs->code_w < 20)
		rs->code_w = 20;
	if (rs->code_w > 40)
		rs->code_w = 40;
	rest = cols - rs->code_w - rs->flag_w;
	rs->cell_w = rest / (rs->nyears > 0 ? rs->nyears : 1);
	if (rs->cell_w > RM_CELL_MAX)
		rs->cell_w = RM_CELL_MAX;
	if (rs->cell_w < RM_CELL_MIN)
		rs->cell_w = RM_CELL_MIN;
	rs->nshow = rest / rs->cell_w;
	if (rs->nshow > rs->nyears)
		rs->nshow = rs->nyears;
	if (rs->nshow < 1)
		rs->nshow = 1;
	if (rs->nshow < rs->nyears)	/* scrolling: use the whole width */
		rs->cell_w = rest / rs->nshow;
	else	/* what the years leave goes to the names */
		rs->code_w += rest - rs->nshow * rs->cell_w;
	rm_scroll(rs);
	/* Another height: as many rows as it shows. */
	if (rs->win_h != rs->grid_h && rs->nwin > 0)
		rm_move(ui, rs, 0, 0);
}

static void
rm_draw_info(struct ui *ui, struct rm_screen *rs, WINDOW *w)
{
	char	*line, *t;
	size_t	 i;
	char	 buf[16];

	if (rm_filtered(rs)) {
		line = xasprintf("絞り込み:");
		if (rs->dept_id != 0) {
			t = xasprintf("%s 担当課=%s", line, rs->dept_name);
			free(line);
			line = t;
		}
		if (rs->flag >= 0) {
			t = xasprintf("%s 区分=%s", line,
			    rs->rm->flags[rs->flag].label);
			free(line);
			line = t;
		}
		if (rs->status >= 0) {
			t = xasprintf("%s 状況=%s", line,
			    rs->status == RM_STATUS_NONE ? "未入力" :
			    vocab_label(VOCAB_STATUS,
			    vocab_nth(VOCAB_STATUS, rs->status)));
			free(line);
			line = t;
		}
		t = xasprintf("%s （%zu/%zu件）", line, rs->nmatch, rs->nitems);
		free(line);
		line = t;
	} else
		line = xasprintf("%zu件", rs->nitems);
	if (rs->nmarks > 0) {
		t = xasprintf("印 %zu 件  %s", rs->nmarks, line);
		free(line);
		line = t;
	}
	/* The legend of the marks, when it fits. */
	t = xasprintf("%s  コスト: =同程度 %s拡大 %s縮小 ?不明", line,
	    screen_sheet_trend_symbol(ui, "up"),
	    screen_sheet_trend_symbol(ui, "down"));
	if (tw_width(t) <= rs->cols) {
		free(line);
		line = t;
	} else
		free(t);
	for (i = 0; i < rs->rm->nflags; i++) {
		t = xasprintf("%s  %s=%s", line, screen_sheet_flag_mark(ui,
		    &rs->rm->flags[i], buf, sizeof buf),
		    rs->rm->flags[i].label);
		if (tw_width(t) > rs->cols) {
			free(t);
			break;
		}
		free(line);
		line = t;
	}
	ui_put(w, 0, 0, line, rs->cols, 1, ui_attr(ui, UI_DIM));
	free(line);
}

static void
rm_draw_header(struct ui *ui, struct rm_screen *rs, WINDOW *w)
{
	attr_t	 fr = ui_attr(ui, UI_FROZEN);
	char	 fy[FY_BUFSZ], cell[FY_BUFSZ + 8];
	int	 k, x, y, shortened = 0;
	size_t	 i;

	ui_put(w, 1, 0, "コード・名称", rs->code_w, 1, fr);
	/* One style for every year shown: short for all when one does
	 * not fit (令和10年度 is wider than 令和9年度). */
	for (k = 0; k < rs->nshow && !shortened; k++)
		shortened = tw_width(ui_fy(ui, rs->first_fy + rs->yleft + k,
		    fy)) > rs->cell_w - 1;
	if (rs->flag_w > 0) {
		char	marks[64] = "", buf[16];

		for (i = 0; i < rs->rm->nflags; i++) {
			screen_sheet_flag_mark(ui, &rs->rm->flags[i], buf,
			    sizeof buf);
			if (strlen(marks) + strlen(buf) < sizeof marks)
				strcat(marks, buf);
		}
		ui_put(w, 1, rs->code_w, marks, rs->flag_w, 1, fr);
	}
	for (k = 0; k < rs->nshow; k++) {
		y = rs->first_fy + rs->yleft + k;
		x = rs->code_w + rs->flag_w + k * rs->cell_w;
		if (shortened)
			fy_format_short(y, ui->fy_style, fy, sizeof fy);
		else
			ui_fy(ui, y, fy);
		snprintf(cell, sizeof cell, "|%s", fy);
		ui_put(w, 1, x, cell, rs->cell_w, 1,
		    rs->yleft + k == rs->ycur ? ui_attr(ui, UI_SELECT) :
		    y == ui->fy ? ui_attr(ui, UI_MARK) : fr);
	}
	/* More years to either side. */
	if (rs->yleft > 0)
		ui_put(w, 1, rs->code_w + rs->flag_w, "<", 1, 0, fr);
	if (rs->yleft + rs->nshow < rs->nyears)
		ui_put(w, 1, rs->cols - 1, ">", 1, 0, fr);
}

/* The text of a cell in its column: trend, status, then the plan. */
static char *
rm_cell_text(struct ui *ui, const struct roadmap_cell *c)
{
	const char	*trend = screen_sheet_trend_symbol(ui, c->trend);
	const char	*arrow = "";
	char		*first, *nl, *s;

	if (c->continued && *c->text != '\0')
		arrow = ui->config != NULL && ui->config->ascii_symbols ?
		    ">" : "→";
	first = xstrdup(c->text);
	if ((nl = strchr(first, '\n')) != NULL)
		*nl = '\0';
	s = xasprintf("%s%s%s%s%s", trend, rm_status_mark(c->status),
	    *trend != '\0' || c->status != NULL ? " " : "", arrow, first);
	free(first);
	return s;
}

static void
rm_draw_row(struct ui *ui, struct rm_screen *rs, WINDOW *w, int y, long vi,
    struct roadmap_cell **cur_cells)
{
	const struct roadmap_row	*r = &rs->win[vi];
	struct roadmap_cell		*cells = NULL;
	int				 sel = vi == rs->cur, k, x, indent;
	attr_t				 a = ui_attr(ui, sel ? UI_SELECT : UI_NORMAL);
	char				*t, buf[16], marks[64];
	char				*cause = NULL;
	size_t				 i;

	if (!r->is_item) {
		indent = r->depth > 1 ? r->depth - 1 : 0;
		t = xasprintf("%*s%s %s%s%s", indent, "", r->level, r->code,
		    *r->code != '\0' ? " " : "", r->title);
		ui_put_cell(w, y, 0, t, rs->cols, 1,
		    sel ? a : ui_attr(ui, UI_HEADER));
		free(t);
		return;
	}
	t = xasprintf(" %s%s%s", r->code, *r->code != '\0' ? " " : "", r->title);
	ui_put(w, y, 0, "", rs->code_w, 1, a);
	ui_put_cell(w, y, 0, t, rs->code_w - 1, 0, a);
	free(t);
	if (rs->flag_w > 0) {
		marks[0] = '\0';
		for (i = 0; i < rs->rm->nflags; i++)
			if (r->flags & ((uint64_t)1 << i)) {
				screen_sheet_flag_mark(ui, &rs->rm->flags[i], buf,
				    sizeof buf);
				if (strlen(marks) + strlen(buf) < sizeof marks)
					strcat(marks, buf);
			}
		ui_put(w, y, rs->code_w, marks, rs->flag_w, 1,
		    sel ? a : ui_attr(ui, UI_MARK));
	}
	if (store_roadmap_cells(ui->store, r->node_id, rs->first_fy + rs->yleft,
	    rs->first_fy + rs->yleft + rs->nshow - 1, &cells, &cause) < 0) {
		ui_error(ui, "%s", cause);
		free(cause);
		return;
	}
	for (k = 0; k < rs->nshow; k++) {
		int	here = sel && rs->yleft + k == rs->ycur;
		int	marked = rm_mark_index(rs, r->node_id,
			    rs->first_fy + rs->yleft + k) >= 0;

		x = rs->code_w + rs->flag_w + k * rs->cell_w;
		ui_put(w, y, x, "|", 1, 0, ui_attr(ui, UI_DIM));
		t = rm_cell_text(ui, &cells[k]);
		/* A reviewer sees what waits (+) and what is marked (*). */
		if (marked || (rs->review && cells[k].state != NULL &&
		    strcmp(cells[k].state, "submitted") == 0)) {
			char	*m = xasprintf("%s%s", marked ? "*" : "+", t);

			free(t);
			t = m;
		}
		ui_put_cell(w, y, x + 1, t, rs->cell_w - 1, 1,
		    here ? ui_attr(ui, UI_SELECT) | (marked ? A_BOLD : 0) :
		    ui_attr(ui, marked ? UI_MARK : UI_NORMAL));
		free(t);
	}
	if (sel)
		*cur_cells = cells;
	else
		store_roadmap_cells_free(cells, (size_t)rs->nshow);
}

/* The full text of the cell under the cursor, wrapped, at the bottom. */
static void
rm_draw_detail(struct ui *ui, struct rm_screen *rs, WINDOW *w,
    struct roadmap_cell *cells)
{
	const struct roadmap_row	*r;
	const struct roadmap_cell	*c;
	char				 fy[FY_BUFSZ], *head, *text, *t;
	char				*code, *year;
	const char			*word, *st, *state, *parts[3];
	static const int		 shrink[3] = { 0, 1, 0 };
	size_t				 n, i, starts[32], lens[32];
	int				 y = rs->detail_y, width = rs->cols - 2;

	if (rs->nwin == 0)
		return;
	r = &rs->win[rs->cur];
	/* A long title gives way to the year after it. */
	parts[0] = code = xasprintf("-- %s%s", r->code,
	    *r->code != '\0' ? " " : "");
	parts[1] = r->title;
	parts[2] = year = xasprintf(" / %s ",
	    ui_fy(ui, rs->first_fy + rs->ycur, fy));
	head = tw_fit_parts(parts, shrink, 3, rs->cols - 4, 8);
	t = xcalloc((size_t)rs->cols + 1, 1);
	memset(t, '-', (size_t)rs->cols);
	ui_put(w, y - 1, 0, t, rs->cols, 1, ui_attr(ui, UI_DIM));
	ui_put_cell(w, y - 1, 0, head, rs->cols - 4, 0, ui_attr(ui, UI_DIM));
	free(t);
	free(head);
	free(code);
	free(year);
	if (!r->is_item) {
		t = xasprintf("%s %s %s（Enter で内容を表示）", r->level, r->code,
		    r->title);
		n = tw_wrap(t, width, starts, lens, 32);
		for (i = 0; i < n && (int)i < rs->detail_h; i++) {
			char	*line = xstrndup(t + starts[i], lens[i]);

			ui_put(w, y + (int)i, 1, line, width, 1,
			    ui_attr(ui, UI_NORMAL));
			free(line);
		}
		free(t);
		return;
	}
	if (cells == NULL)
		return;
	c = &cells[rs->ycur - rs->yleft];
	word = vocab_label(VOCAB_TREND, c->trend);
	st = vocab_label(VOCAB_STATUS, c->status);
	state = vocab_label(VOCAB_STATE, c->state);
	if (c->state == NULL)
		t = xasprintf("コスト: %s%s%s   実績: 未入力",
		    screen_sheet_trend_symbol(ui, c->trend),
		    c->trend != NULL ? " " : "", word != NULL ? word : "-");
	else {
		const char	*glabel = c->grade != NULL && ui->config != NULL ?
		    config_grade_label(ui->config, c->grade) : NULL;

		t = xasprintf("コスト: %s%s%s   状況: %s（%s）   評価: %s%s%s",
		    screen_sheet_trend_symbol(ui, c->trend),
		    c->trend != NULL ? " " : "",
		    word != NULL ? word : "-", st != NULL ? st : "-",
		    state != NULL ? state : "", c->grade != NULL ? c->grade :
		    "-", glabel != NULL ? " " : "", glabel != NULL ? glabel : "");
	}
	ui_put(w, y, 1, t, width, 1, ui_attr(ui, UI_MARK));
	free(t);
	text = xasprintf("年次計画: %s%s", c->continued ? "（前年度から継続）" :
	    "", *c->text != '\0' ? c->text : "（なし）");
	n = tw_wrap(text, width, starts, lens, 32);
	for (i = 0; i < n && (int)i < rs->detail_h - 1; i++) {
		char	*line = xstrndup(text + starts[i], lens[i]);

		if ((int)i == rs->detail_h - 2 && i + 1 < n) {
			/* Cut: say where the rest is. */
			char	v[16], *more;
			int	mw;

			ui_key_name(ACT_FULLTEXT, v, sizeof v);
			more = xasprintf("（%sで全文）", v);
			mw = tw_width(more);
			ui_put(w, y + 1 + (int)i, 1, line, width - mw, 1,
			    ui_attr(ui, UI_NORMAL));
			ui_put(w, y + 1 + (int)i, width - mw + 1, more, mw, 1,
			    ui_attr(ui, UI_DIM));
			free(more);
		} else
			ui_put(w, y + 1 + (int)i, 1, line, width, 1,
			    ui_attr(ui, UI_NORMAL));
		free(line);
	}
	free(text);
}

/* Has the plan no node at all? (Shown when nothing is.) */
static int
rm_plan_empty(struct ui *ui, struct rm_screen *rs)
{
	struct roadmap_row	*rows = NULL;
	size_t			 n = 0;
	char			*cause = NULL;

	if (store_roadmap_rows(ui->store, rs->rm, NULL, 0, 0, 1, 1, &rows, &n,
	    &cause) < 0)
		free(cause);
	store_roadmap_rows_free(rows, n);
	return n == 0;
}

static void
rm_draw(struct ui *ui, void *state)
{
	struct rm_screen	*rs = state;
	WINDOW			*w = ui_body(ui);
	struct roadmap_cell	*cur_cells = NULL;
	long			 i;
	int			 y;

	rm_layout(ui, rs);
	werase(w);
	rm_draw_info(ui, rs, w);
	rm_draw_header(ui, rs, w);
	if (rs->nwin == 0) {
		ui_put(w, rs->grid_y, 1, !rm_filtered(rs) || rm_plan_empty(ui,
		    rs) ? "この計画には項目がありません" :
		    "条件に合う項目がありません（c で解除）", rs->cols - 1, 0,
		    ui_attr(ui, UI_DIM));
		return;
	}
	for (y = 0; y < rs->grid_h; y++) {
		i = y;
		if (i >= (long)rs->nwin)
			break;
		rm_draw_row(ui, rs, w, rs->grid_y + y, i, &cur_cells);
	}
	rm_draw_detail(ui, rs, w, cur_cells);
	store_roadmap_cells_free(cur_cells, (size_t)rs->nshow);
}

/* Does a row match the search (code, title, or a cell text)? 1, 0, -1. */
static int
rm_row_matches(struct ui *ui, struct rm_screen *rs,
    const struct roadmap_row *r, int *in_cell)
{
	char	*cause = NULL;
	int	 hit = 0;

	*in_cell = 0;
	if (tw_contains(r->code, rs->search) || tw_contains(r->title,
	    rs->search))
		return 1;
	if (!r->is_item)
		return 0;
	if (store_roadmap_has_text(ui->store, r->node_id, rs->search, &hit,
	    &cause) < 0) {
		ui_error(ui, "%s", cause);
		free(cause);
		return -1;
	}
	*in_cell = hit;
	return hit;
}

#define RM_SEARCH_CHUNK 64
#define RM_SEARCH_NEAR	4	/* chunks read from the cursor on */

/*
 * Moves to the next (dir 1) or previous (-1) row matching the search:
 * first among the rows just after the cursor, read a few at a time (a
 * hit is usually near); past those, from the hits of the whole plan
 * (read once for the word), round past the end to the cursor's own row.
 */
static void
rm_search_step(struct ui *ui, struct rm_screen *rs, int dir)
{
	struct roadmap_row	*rows = NULL;
	struct roadmap_cell	*cells;
	char			*cause = NULL;
	long long		 from, hit = 0;
	size_t			 n = 0, i, k, chunk;
	long			 w;
	int			 wrapped = 0, rc, in_cell = 0, y;

	if (rs->search == NULL || *rs->search == '\0') {
		ui_message(ui, "検索する文字列がありません（/ で検索）");
		return;
	}
	if (rs->nwin == 0) {
		ui_message(ui, "見つかりません: %s", rs->search);
		return;
	}
	from = rs->win[rs->cur].node_id;
	for (chunk = 0; chunk < RM_SEARCH_NEAR && hit == 0; chunk++) {
		if (rm_read(ui, rs, from, 0, dir, RM_SEARCH_CHUNK, &rows,
		    &n) < 0)
			return;
		for (k = 0; k < n && hit == 0; k++) {
			i = dir > 0 ? k : n - 1 - k;
			if ((rc = rm_row_matches(ui, rs, &rows[i],
			    &in_cell)) < 0) {
				store_roadmap_rows_free(rows, n);
				return;
			}
			if (rc == 1)
				hit = rows[i].node_id;
		}
		if (n > 0)
			from = rows[dir > 0 ? n - 1 : 0].node_id;
		store_roadmap_rows_free(rows, n);
		if (n < RM_SEARCH_CHUNK)
			break;	/* at the end */
	}
	if (hit == 0) {
		if (rs->hits == NULL && store_roadmap_hits(ui->store, rs->rm,
		    rs->search, &rs->hits, &cause) < 0) {
			ui_error(ui, "%s", cause);
			free(cause);
			return;
		}
		if ((rc = store_roadmap_hits_next(ui->store, rs->rm, rs->hits,
		    &rs->filt, rs->win[rs->cur].node_id, dir, &hit, &in_cell,
		    &wrapped, &cause)) < 0) {
			ui_error(ui, "%s", cause);
			free(cause);
			return;
		}
		if (rc == 0) {
			ui_message(ui, "見つかりません: %s", rs->search);
			return;
		}
	}
	/* A hit in a cell: put the cursor on the year. */
	if (in_cell && store_roadmap_cells(ui->store, hit, rs->first_fy,
	    rs->first_fy + rs->nyears - 1, &cells, &cause) == 0) {
		for (y = 0; y < rs->nyears; y++)
			if (tw_contains(cells[y].text, rs->search)) {
				rs->ycur = y;
				break;
			}
		store_roadmap_cells_free(cells, (size_t)rs->nyears);
	}
	free(cause);
	if (wrapped)
		ui_message(ui, dir > 0 ?
		    "末尾まで検索したので先頭から続けました: %s" :
		    "先頭まで検索したので末尾から続けました: %s", rs->search);
	/* On screen already, or at the edge it was found beyond. */
	for (w = 0; w < (long)rs->nwin; w++)
		if (rs->win[w].node_id == hit)
			break;
	if (w < (long)rs->nwin)
		rs->cur = w;
	else
		rm_focus(ui, rs, hit, (dir > 0) != wrapped ? rs->grid_h - 1 : 0);
	rm_scroll(rs);
}

static void
rm_search(struct ui *ui, struct rm_screen *rs)
{
	char	*answer = NULL;

	if (!ui_prompt(ui, "検索: ", NULL, &answer))
		return;
	free(rs->search);
	rs->search = answer;
	store_roadmap_hits_free(rs->hits);
	rs->hits = NULL;
	if (*answer == '\0')
		return;
	rm_search_step(ui, rs, 1);
}

/* The filters changed: count and show what they let through, the cursor
 * kept on its node when it still shows. */
static void
rm_refilter(struct ui *ui, struct rm_screen *rs, int at_start)
{
	rm_prepare(ui, rs);
	rm_count(ui, rs);
	rm_refocus(ui, rs, at_start);
}

static void
rm_filter_dept(struct ui *ui, struct rm_screen *rs)
{
	int	at_start = rm_at_start(ui, rs);

	if (screen_sheet_pick_dept(ui, rs->plan_id, store_plan_dept_nodes,
	    &rs->dept_id, &rs->dept_name, &rs->dept_nodes, &rs->ndept_nodes))
		rm_refilter(ui, rs, at_start);
}

static void
rm_filter_flag(struct ui *ui, struct rm_screen *rs)
{
	const char	**names;
	char		**labels, buf[16];
	size_t		  n = rs->rm->nflags, i;
	int		  pick, at_start;

	if (n == 0) {
		ui_message(ui, "この計画には区分（★など）がありません");
		return;
	}
	names = xcalloc(n + 1, sizeof *names);
	labels = xcalloc(n, sizeof *labels);
	names[0] = "（すべて）";
	for (i = 0; i < n; i++) {
		const struct sheet_flag	*f = &rs->rm->flags[i];

		labels[i] = xasprintf("%s %s", screen_sheet_flag_mark(ui, f, buf,
		    sizeof buf), f->label);
		names[i + 1] = labels[i];
	}
	pick = ui_choose(ui, "区分で絞り込み", names, (int)n + 1, rs->flag + 1);
	if (pick >= 0) {
		at_start = rm_at_start(ui, rs);
		rs->flag = pick - 1;
		rm_load_flag_nodes(ui, rs);
		rm_refilter(ui, rs, at_start);
	}
	for (i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(names);
}

static void
rm_filter_status(struct ui *ui, struct rm_screen *rs)
{
	const char	*names[RM_STATUS_NONE + 2];
	char		 fy[FY_BUFSZ], *title;
	int		 i, pick, at_start;

	names[0] = "（すべて）";
	for (i = 0; i < RM_STATUS_NONE; i++)
		names[i + 1] = vocab_label(VOCAB_STATUS,
		    vocab_nth(VOCAB_STATUS, i));
	names[RM_STATUS_NONE + 1] = "未入力";
	title = xasprintf("%sの状況で絞り込み", ui_fy(ui, ui->fy, fy));
	pick = ui_choose(ui, title, names, RM_STATUS_NONE + 2, rs->status + 1);
	free(title);
	if (pick >= 0) {
		at_start = rm_at_start(ui, rs);
		rs->status = pick - 1;
		rm_refilter(ui, rs, at_start);
	}
}

/* The workflow state of node_id's result in fy into *state
 * ("submitted" …, malloc'd; NULL when there is no result). Returns 0, or
 * -1 with the error shown (a read that failed is not "no result"). */
static int
rm_state_of(struct ui *ui, long long node_id, int fy, char **state)
{
	struct roadmap_cell	*cells = NULL;
	char			*cause = NULL;

	*state = NULL;
	if (store_roadmap_cells(ui->store, node_id, fy, fy, &cells,
	    &cause) != 0) {
		ui_error(ui, "%s", cause != NULL ? cause : "実績を読めません");
		free(cause);
		return -1;
	}
	if (cells[0].state != NULL)
		*state = xstrdup(cells[0].state);
	store_roadmap_cells_free(cells, 1);
	return 0;
}

/* To the next item row below the cursor, if there is one. */
static void
rm_next_item(struct ui *ui, struct rm_screen *rs)
{
	struct roadmap_row	*rows;
	size_t			 n, i;

	if (rs->nwin == 0 || rm_read(ui, rs, rs->win[rs->cur].node_id, 0, 1,
	    16, &rows, &n) < 0)
		return;
	for (i = 0; i < n; i++)
		if (rows[i].is_item)
			break;
	store_roadmap_rows_free(rows, n);
	if (i < n)
		rm_move(ui, rs, 0, (long)i + 1);
}

/* Space (a reviewer): marks or unmarks the result of the cell under the
 * cursor when it waits for confirmation, then goes to the next item. */
static void
rm_toggle_mark(struct ui *ui, struct rm_screen *rs)
{
	const struct roadmap_row	*r;
	char				 fy[FY_BUFSZ], *state;
	const char			*label;
	int				 year = rs->first_fy + rs->ycur;
	long				 i;

	if (rs->nwin == 0)
		return;
	r = &rs->win[rs->cur];
	if (!r->is_item) {
		ui_message(ui, "印を付けられるのは取組のセル（提出済の実績）です");
		return;
	}
	if ((i = rm_mark_index(rs, r->node_id, year)) >= 0) {
		rs->marks[i] = rs->marks[--rs->nmarks];
	} else {
		if (rm_state_of(ui, r->node_id, year, &state) != 0)
			return;
		if (state == NULL || strcmp(state, "submitted") != 0) {
			label = state != NULL ? vocab_label(VOCAB_STATE, state) :
			    NULL;
			ui_message(ui, "印を付けられるのは確認待ち（提出済）の実績です"
			    "（%s の%sは%s）", r->code[0] ? r->code : r->title,
			    ui_fy(ui, year, fy), label != NULL ? label : "未入力");
			free(state);
			return;
		}
		free(state);
		rs->marks = xreallocarray(rs->marks, rs->nmarks + 1,
		    sizeof *rs->marks);
		rs->marks[rs->nmarks].node_id = r->node_id;
		rs->marks[rs->nmarks++].fy = year;
	}
	ui_message(ui, "印: %zu 件（C-t でまとめて確認・差戻し）", rs->nmarks);
	rm_next_item(ui, rs);
}

/* C-t (a reviewer): the marked results, or the one under the cursor,
 * confirmed together or returned each with a reason. */
static void
rm_workflow(struct ui *ui, struct rm_screen *rs)
{
	struct ui_workflow_entry	*e;
	struct rm_mark			 one;
	const struct rm_mark		*v = rs->marks;
	char				**labels, fy[FY_BUFSZ], *state;
	size_t				 n = rs->nmarks, i, k;

	if (!rs->review) {
		ui_error(ui, "まとめての確認・差戻しは管理職と企画担当の操作です");
		return;
	}
	if (n == 0) {
		const struct roadmap_row *r = rs->nwin > 0 ?
		    &rs->win[rs->cur] : NULL;

		state = NULL;
		if (r != NULL && r->is_item && rm_state_of(ui, r->node_id,
		    rs->first_fy + rs->ycur, &state) != 0)
			return;
		if (state == NULL || strcmp(state, "submitted") != 0) {
			free(state);
			ui_error(ui, "提出済のセルで C-t を押すか、Space で印を"
			    "付けてください");
			return;
		}
		free(state);
		one.node_id = r->node_id;
		one.fy = rs->first_fy + rs->ycur;
		v = &one;
		n = 1;
	}
	e = xcalloc(n, sizeof *e);
	labels = xcalloc(n, sizeof *labels);
	for (i = 0; i < n; i++) {
		struct roadmap_row	 row;
		const struct roadmap_row *r = NULL;
		char			*cause = NULL;

		/* The item's row: on screen, else read. */
		for (k = 0; k < rs->nwin; k++)
			if (rs->win[k].node_id == v[i].node_id)
				r = &rs->win[k];
		memset(&row, 0, sizeof row);
		if (r == NULL && store_roadmap_row(ui->store, rs->rm,
		    v[i].node_id, &row, &cause) == 0)
			r = &row;
		free(cause);
		labels[i] = xasprintf("%s%s%s %s", r != NULL ? r->code : "",
		    r != NULL && r->code[0] ? " " : "", r != NULL ? r->title :
		    "", fy_format_short(v[i].fy, ui->fy_style, fy, sizeof fy));
		free(row.code);
		free(row.title);
		free(row.level);
		e[i].is_indicator = 0;
		e[i].id = v[i].node_id;
		e[i].fy = v[i].fy;
		e[i].label = labels[i];
	}
	if (ui_workflow_batch(ui, e, n) >= 0) {
		rs->nmarks = 0;
		rm_reload(ui, rs, 1);
	}
	for (i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(e);
}

static enum ui_key_result
rm_key(struct ui *ui, void *state, enum key_action act, int is_function,
    wint_t ch)
{
	struct roadmap_row	*rows;
	struct rm_screen	*rs = state;
	long long		 id;
	size_t			 n;
	long			 d;
	int			 at_start;

	rm_layout(ui, rs);
	if (rs->review && !is_function && ch == ' ') {
		rm_toggle_mark(ui, rs);
		rm_scroll(rs);
		return UI_KEY_HANDLED;
	}
	if ((!is_function && ch == RM_KEY_FLOW) ||
	    (is_function && ch == KEY_F(3))) {
		rm_workflow(ui, rs);
		rm_scroll(rs);
		return UI_KEY_HANDLED;
	}
	switch (act) {
	case ACT_UP:
		rm_move(ui, rs, 0, -1);
		break;
	case ACT_DOWN:
		rm_move(ui, rs, 0, 1);
		break;
	case ACT_LEFT:
		rs->ycur--;
		break;
	case ACT_RIGHT:
		rs->ycur++;
		break;
	case ACT_PAGE_UP:
		d = rs->grid_h > 1 ? rs->grid_h - 1 : 1;
		rm_move(ui, rs, -d, -d);
		break;
	case ACT_PAGE_DOWN:
		d = rs->grid_h > 1 ? rs->grid_h - 1 : 1;
		rm_move(ui, rs, d, d);
		break;
	case ACT_TOP:
		if (rm_read(ui, rs, 0, 0, 1, rm_grid_h(ui, rs), &rows,
		    &n) == 0)
			rm_settle(ui, rs, rows, n, 0, 0);
		break;
	case ACT_BOTTOM:
		if (rm_read(ui, rs, 0, 0, -1, rm_grid_h(ui, rs), &rows,
		    &n) == 0)
			rm_settle(ui, rs, rows, n, (long)n -
			    (long)rm_grid_h(ui, rs), (long)n - 1);
		break;
	case ACT_OPEN:
		if (rs->nwin == 0)
			return UI_KEY_HANDLED;
		id = rs->win[rs->cur].node_id;
		ui_push(ui, &screen_sheet_ops, &id);
		return UI_KEY_HANDLED;
	case ACT_EDIT:
		/* The result of the cell under the cursor: item and year. */
		if (rs->nwin == 0)
			return UI_KEY_HANDLED;
		screen_sheet_edit(ui, rs->win[rs->cur].node_id,
		    rs->win[rs->cur].is_item, rs->first_fy + rs->ycur);
		return UI_KEY_HANDLED;
	case ACT_HISTORY:
		if (rs->nwin > 0)
			screen_sheet_history(ui, rs->win[rs->cur].node_id, 0,
			    rs->first_fy + rs->ycur);
		return UI_KEY_HANDLED;
	case ACT_FULLTEXT:
		if (rs->nwin > 0)
			screen_pager_node(ui, rs->win[rs->cur].node_id,
			    rs->first_fy + rs->ycur);
		return UI_KEY_HANDLED;
	case ACT_SEARCH:
		rm_search(ui, rs);
		break;
	case ACT_SEARCH_NEXT:
		rm_search_step(ui, rs, 1);
		break;
	case ACT_SEARCH_PREV:
		rm_search_step(ui, rs, -1);
		break;
	case ACT_FILTER_DEPT:
		rm_filter_dept(ui, rs);
		break;
	case ACT_FILTER_FLAG:
		rm_filter_flag(ui, rs);
		break;
	case ACT_FILTER_STATUS:
		rm_filter_status(ui, rs);
		break;
	case ACT_FILTER_CLEAR:
		if (!rm_filtered(rs))
			return UI_KEY_HANDLED;
		at_start = rm_at_start(ui, rs);
		rs->dept_id = 0;
		free(rs->dept_name);
		rs->dept_name = NULL;
		rs->flag = -1;
		rs->status = -1;
		rm_load_flag_nodes(ui, rs);
		rm_refilter(ui, rs, at_start);
		ui_message(ui, "絞り込みを解除しました");
		break;
	default:
		return UI_KEY_UNHANDLED;
	}
	rm_scroll(rs);
	return UI_KEY_HANDLED;
}

/* Drops the marks of results no longer waiting for confirmation (one
 * confirmed, returned or withdrawn meanwhile, here or at another
 * terminal), saying how many; a failed read keeps them all. */
static void
rm_marks_settle(struct ui *ui, struct rm_screen *rs)
{
	char	*state;
	size_t	 i = 0, gone = 0;
	int	 waiting;

	while (i < rs->nmarks) {
		if (rm_state_of(ui, rs->marks[i].node_id, rs->marks[i].fy,
		    &state) != 0)
			return;
		waiting = state != NULL && strcmp(state, "submitted") == 0;
		free(state);
		if (waiting) {
			i++;
			continue;
		}
		rs->marks[i] = rs->marks[--rs->nmarks];
		gone++;
	}
	if (gone > 0)
		ui_message(ui, "確認待ちでなくなった %zu 件の印を外しました"
		    "（印 %zu 件）", gone, rs->nmarks);
}

static void
rm_refresh(struct ui *ui, void *state)
{
	struct rm_screen	*rs = state;

	/* A new size alone needs a new layout only; another year or its
	 * display re-reads, and so does a write (an entry saved here before
	 * coming back on top, or by another program while it is shown: its
	 * `changed'), which also drops the marks of what no longer waits. */
	int			 changed = store_mark_changed(ui->store, &rs->mark);

	if (rs->loaded_fy != ui->fy || rs->loaded_style != ui->fy_style ||
	    changed)
		rm_reload(ui, rs, changed);
	if (changed)
		rm_marks_settle(ui, rs);
	rs->seen_lines = ui->lines;
	rs->seen_cols = ui->cols;
	rm_layout(ui, rs);
}

static char *
rm_title(struct ui *ui, void *state)
{
	struct rm_screen	*rs = state;

	(void)ui;
	return xasprintf("%s > ロードマップ", rs->rm->plan_name);
}

/* E first: the result of the cell under the cursor; a reviewer's marks
 * after it. */
static char *
rm_hint(struct ui *ui, void *state)
{
	struct rm_screen	*rs = state;
	char			 o[16], *e, *t, *m;

	ui_key_name(ACT_OPEN, o, sizeof o);
	e = ui_edit_hint(ui);
	if (rs->review) {
		m = rs->nmarks > 0 ? xasprintf("  印 %zu 件", rs->nmarks) :
		    xstrdup("");
		t = xasprintf("%s  %s:シート  Space:印  C-t:まとめて確認・差戻し%s",
		    e, o, m);
		free(m);
	} else
		t = xasprintf("%s（この年度）  %s:シート", e, o);
	free(e);
	return t;
}

static const char *const rm_note_lines[] = {
	"セル: コストの傾向（= ↑ ↓ ?）、実績の状況（未 実 完 延 止）、年次計画",
	"→ 前の年度から続く年次計画",
	"管理職・企画担当: + 確認待ち（提出済）のセル   * 印を付けたセル",
};

static const char *const *
rm_notes(struct ui *ui, size_t *n)
{
	(void)ui;
	*n = sizeof rm_note_lines / sizeof rm_note_lines[0];
	return rm_note_lines;
}

const struct screen_ops screen_roadmap_ops = {
	.name = "roadmap",
	.actions = rm_actions,
	.nactions = sizeof rm_actions / sizeof rm_actions[0],
	.fixed_keys = rm_fixed_keys,
	.nfixed_keys = sizeof rm_fixed_keys / sizeof rm_fixed_keys[0],
	.notes = rm_notes,
	.open = rm_open,
	.draw = rm_draw,
	.key = rm_key,
	.refresh = rm_refresh,
	.close = rm_close,
	.title = rm_title,
	.hint = rm_hint,
	.changed = rm_refresh
};
