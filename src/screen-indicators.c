/*
 * The indicator list: every indicator of a plan with the code of its node,
 * its name, category, baseline, the target for the chosen fiscal year (or
 * the final target, marked 最終, when the year has none), the year's
 * actual, the achievement rate and the trend bar over the years. Values
 * show as the plan printed them. Sorts by plan order, achievement
 * (ascending and descending) or name; filters by department and category,
 * and to the indicators the user reports in the year (自分の担当: a
 * clerk's department's, a planner's those no department reports); /
 * searches. Enter opens the indicator (screen-indicator.c), E its actual
 * for the chosen year, S the sheet of its node. The rows are a virtual
 * list (ui-list); the details of the row under the cursor are shown at
 * the bottom.
 *
 * In plan order without a filter or a search the list holds only a
 * window of rows around what is shown, read by their key on the plan's
 * index (forwards, or backwards from the end for G), and its count from
 * the index; so does a category, and a sort where its order is kept. A
 * filter by department or 自分の担当 reads the ids it names from the
 * department's indexes and then those rows only, each by its key; a
 * search, or a sort by achievement of a year whose rates are not kept,
 * reads every row.
 */

#include <stdlib.h>
#include <string.h>

#include "shisaku/achieve.h"
#include "shisaku/screen-edit.h"
#include "shisaku/screen-indicator.h"
#include "shisaku/screen-pager.h"
#include "shisaku/screen-sheet.h"
#include "shisaku/store-actual.h"
#include "shisaku/store-change.h"
#include "shisaku/store-indfig.h"
#include "shisaku/store-sheet.h"
#include "shisaku/textwidth.h"
#include "shisaku/trend.h"
#include "shisaku/ui-list.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"
#include "shisaku/vocab.h"

enum ind_sort {
	IND_SORT_PLAN, IND_SORT_RATE_ASC, IND_SORT_RATE_DESC, IND_SORT_NAME,
	IND_SORT_COUNT
};

static const char *const ind_sort_names[IND_SORT_COUNT] = {
	"計画の順", "達成率の低い順", "達成率の高い順", "指標名の順"
};

struct ind_screen {
	long long	 plan_id;
	/* Every row of the plan, or (windowed) rows win_first.. of total. */
	struct indicator_list list;
	int		 windowed;
	enum ind_sort	 win_sort;	/* the order the window is read in */
	size_t		 total;
	size_t		 win_first;
	int		 searched;	/* a search reads every row */
	int		 loaded_fy;
	enum fy_style	 loaded_style;
	struct store_mark mark;		/* the database when read */
	double		*rate;		/* per list row; -1 = none */
	enum achieve_status *rstat;
	char		**bars;		/* per list row: the trend bar */
	size_t		*view;		/* list rows shown, in sort order */
	size_t		 nview;
	enum ind_sort	 sort;
	long long	 dept_id;	/* 0 = all */
	char		*dept_name;
	long long	*dept_inds;	/* the indicators it concerns,
					   ascending */
	long long	*dept_order;	/* the same in plan order */
	size_t		 ndept_inds;
	/* A filtered list in plan order is a window over its ids in that
	 * order (win_ids[0..total-1]); NULL: a window read by key. */
	long long	*win_ids;
	char		*category;	/* NULL = all */
	int		 mine;		/* 自分の担当 only */
	long long	*mine_ids;	/* the indicators reported, ascending */
	size_t		 nmine;
	int		 mine_read;	/* mine_ids hold those of: */
	int		 mine_fy;
	long long	 mine_dept;
	struct store_mark mine_mark;	/* the database when read */
	struct ui_list	 l;

	/* layout: the widths the contents want, and those used */
	size_t		 measured_n;	/* list.n + 1 when measured, 0 = stale */
	int		 raw_code_w, raw_cat_w, raw_base_w, raw_target_w;
	int		 raw_actual_w, raw_bar_w;	/* before the clamps */
	int		 nat_code_w, nat_cat_w, nat_base_w, nat_target_w;
	int		 nat_actual_w, nat_bar_w;
	int		 seen_lines, seen_cols;	/* terminal size at refresh */
	int		 cols, lines;
	int		 code_w, name_w, cat_w, base_w, target_w, actual_w, rate_w;
	int		 bar_w;		/* 0 = the bar column is left out */
	int		 detail_y, detail_h;
};

static const enum key_action ind_actions[] = {
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
	ACT_OPEN, ACT_SORT, ACT_SEARCH, ACT_SEARCH_NEXT, ACT_SEARCH_PREV,
	ACT_FILTER_DEPT, ACT_FILTER_FLAG, ACT_FILTER_MINE, ACT_FILTER_CLEAR,
	ACT_EDIT, ACT_SHEET, ACT_FULLTEXT, ACT_HISTORY, ACT_MODIFY, ACT_DELETE
};

#define IND_RATE_W 7
/* What marks a final target standing in for the year's. */
#define IND_FINAL_MARK "最終 "

static int
ind_cmp_ll(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* The achievement of one row for the list's year: the store's, which
 * is what it keeps for the sorts by achievement. */
static double
ind_row_rate(const struct indicator_row *r, enum achieve_status *st)
{
	return store_indicator_row_rate(r, st);
}

/* A value of a row as the plan printed it, with the unit. */
static char *
ind_value(const struct indicator_row *r, const struct value *v)
{
	return value_display(v, r->unit);
}

/* The target column: the year's target, or the final one marked 最終. */
static char *
ind_target(const struct indicator_row *r)
{
	char	*v = ind_value(r, &r->target), *t;

	if (!r->target_is_final || *v == '\0')
		return v;
	t = xasprintf("%s%s", IND_FINAL_MARK, v);
	free(v);
	return t;
}

/* The trend bar of a row over the plan's years. */
static char *
ind_bar(struct ui *ui, const struct indicator_list *l,
    const struct indicator_row *r)
{
	struct trend_cell	cells[TREND_MAX_CELLS];
	size_t			n;

	return screen_sheet_trend(ui, r->direction, r->cumulative, &r->base,
	    r->base_fy, &r->final, r->final_fy, r->targets, r->ntargets,
	    r->actuals, r->nactuals, l->plan_first_fy, l->plan_last_fy,
	    cells, &n);
}

/* The bar of row i, made the first time it is shown: the row's years
 * are read then (a list reads them only for the rows on the screen). */
static const char *
ind_row_bar(struct ui *ui, struct ind_screen *is, size_t i)
{
	struct indicator_row	*r = &is->list.rows[i];
	char			*cause = NULL;

	if (is->bars[i] != NULL)
		return is->bars[i];
	if (store_indicator_row_years(ui->store, &is->list, r, &cause) != 0) {
		/* Said once; the row shows no bar until the list is read
		 * again. */
		ui_error(ui, "%s", cause != NULL ? cause : "読み込めません");
		free(cause);
		is->bars[i] = xstrdup("");
		return is->bars[i];
	}
	is->bars[i] = ind_bar(ui, &is->list, r);
	return is->bars[i];
}

/* The width of row i's bar without its years: when the plan gives both
 * ends of its period, the bar has a cell for each year of it (and one
 * for a baseline before it), whatever the values, each a column wide. */
static int
ind_bar_width(struct ui *ui, const struct indicator_list *l,
    const struct indicator_row *r)
{
	struct trend_series	ts;
	struct trend_cell	cells[TREND_MAX_CELLS];

	memset(&ts, 0, sizeof ts);
	ts.dir = screen_sheet_dir(r->direction);
	ts.cumulative = r->cumulative;
	ts.base = &r->base;
	ts.base_fy = r->base_fy;
	ts.final = &r->final;
	ts.final_fy = r->final_fy;
	return (int)trend_cells(&ts, l->plan_first_fy, l->plan_last_fy,
	    ui_today_fy(ui), cells);
}

/* The screen being sorted, for ind_cmp: qsort passes no context. Ties
 * fall back to plan order, so every sort is stable. */
static struct ind_screen *ind_sorting;

static int
ind_cmp(const void *a, const void *b)
{
	const struct ind_screen	*is = ind_sorting;
	size_t			 x = *(const size_t *)a, y = *(const size_t *)b;
	double			 rx = is->rate[x], ry = is->rate[y];
	int			 c = 0;

	switch (is->sort) {
	case IND_SORT_RATE_ASC:
	case IND_SORT_RATE_DESC:
		/* Rows without a rate go last either way. */
		if ((rx < 0) != (ry < 0))
			return rx < 0 ? 1 : -1;
		if (rx != ry)
			c = rx < ry ? -1 : 1;
		if (is->sort == IND_SORT_RATE_DESC)
			c = -c;
		break;
	case IND_SORT_NAME:
		c = strcmp(is->list.rows[x].name, is->list.rows[y].name);
		break;
	default:
		break;
	}
	if (c == 0)
		c = (x > y) - (x < y);
	return c;
}

/* Rebuilds the rows shown after a sort, a filter or a reload, keeping the
 * cursor on the same indicator when it is still shown. */
static void
ind_rebuild_keep(struct ind_screen *is, long long keep)
{
	size_t		i, n = is->list.n;

	free(is->view);
	is->view = xcalloc(n + 1, sizeof *is->view);
	is->nview = 0;
	for (i = 0; i < n; i++) {
		const struct indicator_row	*r = &is->list.rows[i];

		if (is->category != NULL && strcmp(r->category, is->category) != 0)
			continue;
		/* An empty set is a NULL array, which bsearch must not
		 * be given. */
		if (is->dept_id != 0 && (is->ndept_inds == 0 ||
		    bsearch(&r->id, is->dept_inds, is->ndept_inds,
		    sizeof *is->dept_inds, ind_cmp_ll) == NULL))
			continue;
		if (is->mine && (is->nmine == 0 ||
		    bsearch(&r->id, is->mine_ids, is->nmine,
		    sizeof *is->mine_ids, ind_cmp_ll) == NULL))
			continue;
		is->view[is->nview++] = i;
	}
	ind_sorting = is;
	qsort(is->view, is->nview, sizeof *is->view, ind_cmp);
	ind_sorting = NULL;
	ui_list_set_rows(&is->l, (long)is->nview);
	is->l.cursor = 0;
	for (i = 0; i < is->nview; i++)
		if (is->list.rows[is->view[i]].id == keep) {
			is->l.cursor = (long)i;
			break;
		}
	if (is->l.top > is->l.cursor)
		is->l.top = is->l.cursor;
}

/* The number of rows the list shows. */
static size_t
ind_nrows(const struct ind_screen *is)
{
	return is->windowed ? is->total : is->nview;
}

/* The index in list.rows of the row shown at row, or -1 (windowed: only
 * rows of the window; ind_window makes it hold those shown). */
static long
ind_index(const struct ind_screen *is, long row)
{
	if (row < 0 || (size_t)row >= ind_nrows(is))
		return -1;
	if (!is->windowed)
		return (long)is->view[row];
	if ((size_t)row < is->win_first ||
	    (size_t)row - is->win_first >= is->list.n)
		return -1;
	return (long)((size_t)row - is->win_first);
}

/* The row under the cursor, or NULL. */
static const struct indicator_row *
ind_cursor_row(const struct ind_screen *is)
{
	long	i = ind_index(is, is->l.cursor);

	return i < 0 ? NULL : &is->list.rows[i];
}

static void
ind_rebuild(struct ind_screen *is)
{
	const struct indicator_row	*r = ind_cursor_row(is);

	ind_rebuild_keep(is, r != NULL ? r->id : 0);
}

/* Whether the list can be read a window at a time: in plan order or by
 * name from the plan's indexes, by achievement where the year's rates
 * are kept (db/migrate-12.sql), of one category or all; filtered by
 * department or 自分の担当, over the filter's ids put in that order
 * (each id's keys read, not its row); not searched. */
static int
ind_wants_window(struct ui *ui, const struct ind_screen *is)
{
	if (is->searched)
		return 0;
	if (is->sort == IND_SORT_RATE_ASC || is->sort == IND_SORT_RATE_DESC)
		return store_indfig_kept(ui->store, is->plan_id, ui->fy);
	return 1;
}

/* The store's order of the window. */
static enum indicator_order
ind_order(const struct ind_screen *is)
{
	switch (is->win_sort) {
	case IND_SORT_RATE_ASC:
		return IND_ORDER_RATE_UP;
	case IND_SORT_RATE_DESC:
		return IND_ORDER_RATE_DOWN;
	case IND_SORT_NAME:
		return IND_ORDER_NAME;
	default:
		return IND_ORDER_PLAN;
	}
}

static void ind_bars_free(struct ind_screen *);

/* The rates of the rows held, and no bars yet. */
static void
ind_rows_ready(struct ind_screen *is)
{
	size_t	i;

	free(is->rate);
	free(is->rstat);
	is->rate = xcalloc(is->list.n + 1, sizeof *is->rate);
	is->rstat = xcalloc(is->list.n + 1, sizeof *is->rstat);
	is->bars = xcalloc(is->list.n + 1, sizeof *is->bars);
	for (i = 0; i < is->list.n; i++)
		is->rate[i] = ind_row_rate(&is->list.rows[i], &is->rstat[i]);
	is->measured_n = 0;
}

/* Makes the window hold rows lo..hi-1 (of 0..total), reading them by
 * key from the rows it holds, or from either end: a page of rows. */
static int
ind_window_read(struct ui *ui, struct ind_screen *is, size_t lo, size_t hi)
{
	struct indicator_list	 page;
	struct indicator_key	 k;
	struct indicator_row	*old = is->list.rows;
	size_t			 first = is->win_first, end = first + is->list.n;
	size_t			 pfirst, i, skip;
	int			 rc;
	char			*cause = NULL;

	memset(&k, 0, sizeof k);
	if (hi > is->total)
		hi = is->total;
	if (lo >= hi) {
		lo = 0;
		hi = 0;
	}
#define IND_KEY(row, incl) do {						\
	k.ord = old[(row) - first].ord;					\
	k.id = old[(row) - first].id;					\
	k.inclusive = (incl);						\
} while (0)
	if (hi == 0) {
		memset(&page, 0, sizeof page);
		rc = 0;
		pfirst = 0;
	} else if (is->win_ids != NULL) {
		/* A filter's window: the ids lo..hi-1, each by its key. */
		rc = store_indicator_list_rows_as(ui->store, is->plan_id,
		    ui->fy, is->win_ids + lo, hi - lo, &page, &cause);
		pfirst = lo;
	} else if (lo == 0) {
		rc = store_indicator_list_page_in(ui->store, is->plan_id,
		    ui->fy, ind_order(is), is->category, NULL, 1, hi, &page, &cause);
		pfirst = 0;
	} else if (hi == is->total) {
		rc = store_indicator_list_page_in(ui->store, is->plan_id,
		    ui->fy, ind_order(is), is->category, NULL, -1, hi - lo, &page, &cause);
		pfirst = hi - page.n;
	} else if (is->list.n > 0 && lo >= first) {
		/* Forwards from the row before lo (or from the window's
		 * last row when lo is past it). */
		if (lo == first)
			IND_KEY(first, 1);
		else
			IND_KEY(lo <= end ? lo - 1 : end - 1, 0);
		pfirst = lo == first ? first : lo <= end ? lo : end;
		rc = store_indicator_list_page_in(ui->store, is->plan_id,
		    ui->fy, ind_order(is), is->category, &k, 1, hi - pfirst, &page, &cause);
	} else if (is->list.n > 0) {
		/* Backwards from the row after hi-1 (or from the window's
		 * first row when hi is before it). */
		if (hi >= end)
			IND_KEY(end - 1, 1);
		else
			IND_KEY(hi >= first ? hi : first, 0);
		i = hi >= end ? end : hi >= first ? hi : first;
		rc = store_indicator_list_page_in(ui->store, is->plan_id,
		    ui->fy, ind_order(is), is->category, &k, -1, i - lo, &page, &cause);
		pfirst = i - page.n;
	} else {
		/* Nothing held to start from: from the start. */
		rc = store_indicator_list_page_in(ui->store, is->plan_id,
		    ui->fy, ind_order(is), is->category, NULL, 1, hi, &page, &cause);
		pfirst = 0;
	}
#undef IND_KEY
	if (rc != 0) {
		ui_error(ui, "%s", cause != NULL ? cause : "読み込めません");
		free(cause);
		return -1;
	}
	/* Keep rows lo..hi-1 of the page (it may hold more before lo). */
	skip = lo > pfirst ? lo - pfirst : 0;
	if (skip > page.n)
		skip = page.n;
	for (i = 0; i < skip; i++)
		store_indicator_row_clear(&page.rows[i]);
	if (skip > 0)
		memmove(page.rows, page.rows + skip,
		    (page.n - skip) * sizeof *page.rows);
	page.n -= skip;
	while (page.n > 0 && pfirst + skip + page.n > hi)
		store_indicator_row_clear(&page.rows[--page.n]);
	ind_bars_free(is);
	for (i = 0; i < is->list.n; i++)
		store_indicator_row_clear(&is->list.rows[i]);
	free(is->list.rows);
	is->list.rows = page.rows;
	is->list.n = page.n;
	is->win_first = pfirst + skip;
	page.rows = NULL;
	page.n = 0;
	store_indicator_list_free(&page);
	ind_rows_ready(is);
	return 0;
}

/* Makes the window hold the rows shown (and a page either side). */
static void
ind_window(struct ui *ui, struct ind_screen *is)
{
	size_t	top, h, lo, hi, cur;

	if (!is->windowed || is->total == 0)
		return;
	top = is->l.top > 0 ? (size_t)is->l.top : 0;
	cur = is->l.cursor > 0 ? (size_t)is->l.cursor : 0;
	h = is->l.height > 0 ? (size_t)is->l.height : 1;
	if (cur < top)
		top = cur;
	hi = top + h > cur + 1 ? top + h : cur + 1;
	if (hi > is->total)
		hi = is->total;
	if (top >= is->win_first && hi <= is->win_first + is->list.n)
		return;
	lo = top > h ? top - h : 0;
	hi = hi + h < is->total ? hi + h : is->total;
	/* Twice at most: a window wider on both sides than the one held
	 * (a taller terminal) is read backwards, then forwards. */
	if (ind_window_read(ui, is, lo, hi) == 0 &&
	    (lo < is->win_first || hi > is->win_first + is->list.n))
		ind_window_read(ui, is, lo, hi);
}

static void
ind_bars_free(struct ind_screen *is)
{
	size_t	i;

	if (is->bars != NULL)
		for (i = 0; i < is->list.n; i++)
			free(is->bars[i]);
	free(is->bars);
	is->bars = NULL;
}

/* Who "自分" is for the filter: the clerk's department, or 0 for a
 * planner (the indicators no department reports). -1 after saying why
 * there is none. */
static long long
ind_mine_dept(struct ui *ui)
{
	const struct session	*s = ui->session;

	if (s != NULL && s->role == ROLE_CLERK && s->dept_id != 0)
		return s->dept_id;
	if (s != NULL && s->role == ROLE_PLANNER)
		return 0;
	ui_error(ui, "「自分の担当」は、実績値を報告する担当課職員と企画担当の"
	    "絞り込みです（%s）", role_label(s != NULL ? s->role : ROLE_NONE));
	return -1;
}

/* Why 自分の担当 names none, or "": a year outside the plan's period
 * asks for no actual, as 自分の仕事 lists none; in a plan that prints no
 * period, an indicator is measured in the years of its baseline and
 * final target, or one with a target or value (store-actual.h). */
static const char *
ind_mine_why(const struct ind_screen *is, int fy)
{
	int	first = is->list.plan_first_fy, last = is->list.plan_last_fy;

	if (first != 0 && last != 0 && (fy < first || fy > last))
		return "（この計画の期間外の年度です）";
	if (first == 0 && last == 0 && ind_nrows(is) == 0)
		return "（この年度に測る指標はありません）";
	return "";
}

/* The indicators the user reports in the chosen year. */
static int
ind_mine_load(struct ui *ui, struct ind_screen *is)
{
	struct store_mark	 m;
	long long		 dept, *ids;
	size_t			 n;
	char			*cause = NULL;

	if ((dept = ind_mine_dept(ui)) < 0)
		return -1;
	/* Read again only when the year, the user's department or the
	 * file changed since: M pressed again costs nothing. */
	if (is->mine_read && is->mine_fy == ui->fy && is->mine_dept == dept &&
	    !store_mark_changed(ui->store, &is->mine_mark))
		return 0;
	store_mark_take(ui->store, &m);
	if (store_actual_reported_by(ui->store, is->plan_id, dept, ui->fy, &ids,
	    &n, &cause) != 0) {
		ui_error(ui, "%s", cause);
		free(cause);
		return -1;
	}
	free(is->mine_ids);
	is->mine_ids = ids;
	is->nmine = n;
	is->mine_read = 1;
	is->mine_fy = ui->fy;
	is->mine_dept = dept;
	is->mine_mark = m;
	return 0;
}

/* The ids a filter by department or 自分の担当 names in the chosen year
 * (both: those both name), malloc'd: 0, or 1 when no filter is left
 * (自分の担当 refused, said why), or -1 with *cause. They are in plan
 * order when *in_plan_order is set (the department's alone, read with
 * their places), else ascending. */
static int
ind_filter_ids(struct ui *ui, struct ind_screen *is, long long **out,
    size_t *nout, int *in_plan_order, char **cause)
{
	long long	*ids, *in_order;
	size_t		 n, i, j;

	*out = NULL;
	*nout = 0;
	*in_plan_order = 0;
	if (is->dept_id != 0) {
		if (store_plan_dept_indicators_placed(ui->store, is->plan_id,
		    is->dept_id, ui->fy, &ids, &in_order, &n, cause) != 0)
			return -1;
		free(is->dept_inds);
		free(is->dept_order);
		is->dept_inds = ids;
		is->dept_order = in_order;
		is->ndept_inds = n;
	}
	if (is->mine && ind_mine_load(ui, is) != 0)
		is->mine = 0;
	if (is->dept_id != 0 && is->mine) {
		ids = xcalloc(is->nmine + 1, sizeof *ids);
		for (i = j = n = 0; i < is->ndept_inds && j < is->nmine; )
			if (is->dept_inds[i] < is->mine_ids[j])
				i++;
			else if (is->dept_inds[i] > is->mine_ids[j])
				j++;
			else {
				ids[n++] = is->dept_inds[i];
				i++;
				j++;
			}
	} else if (is->dept_id != 0 || is->mine) {
		n = is->dept_id != 0 ? is->ndept_inds : is->nmine;
		ids = xcalloc(n + 1, sizeof *ids);
		if (n > 0)
			memcpy(ids, is->dept_id != 0 ? is->dept_order :
			    is->mine_ids, n * sizeof *ids);
		*in_plan_order = is->dept_id != 0;
	} else
		return 1;
	*out = ids;
	*nout = n;
	return 0;
}

/* The rows of a filtered list sorted or of one category, or searched:
 * those the filter names and no others (a filter's list follows its
 * rows, not the plan's), with each row's years when the plan's period
 * is open (the bars' widths need them). Without a filter left, every
 * row. */
static int
ind_filtered_read(struct ui *ui, struct ind_screen *is,
    struct indicator_list *list, char **cause)
{
	long long	*ids;
	size_t		 n, i;
	int		 rc, in_plan_order;

	if ((rc = ind_filter_ids(ui, is, &ids, &n, &in_plan_order,
	    cause)) < 0)
		return -1;
	if (rc > 0)
		return store_indicator_list_rows(ui->store, is->plan_id,
		    ui->fy, list, cause);
	rc = store_indicator_list_rows_in(ui->store, is->plan_id, ui->fy,
	    ids, n, list, cause);
	free(ids);
	if (rc == 0 && (list->plan_first_fy == 0 || list->plan_last_fy == 0))
		for (i = 0; rc == 0 && i < list->n; i++)
			if (store_indicator_row_years(ui->store, list,
			    &list->rows[i], cause) != 0) {
				store_indicator_list_free(list);
				rc = -1;
			}
	return rc;
}

/* Reads the list again (every row, or a window in plan order), keeping
 * the cursor on the same indicator and where it was on the screen. */
static int
ind_reload(struct ui *ui, struct ind_screen *is)
{
	struct indicator_list		 list, page;
	const struct indicator_row	*cur = ind_cursor_row(is);
	struct indicator_key		 k;
	char				*cause = NULL;
	long long			 keep = 0, *wids = NULL;
	long				 off = is->l.cursor - is->l.top;
	long				 old_top = is->l.top;
	size_t				 total = 0, pos = 0, nwids = 0;
	enum ind_sort			 was_sort;
	int				 rc, have = 0, window;
	int				 in_plan_order = 0;

	memset(&k, 0, sizeof k);
	/* (A row the category filter leaves out: the list starts at its
	 * top, as when every row is read.) */
	if (cur != NULL && is->category != NULL && ind_wants_window(ui, is) &&
	    strcmp(cur->category, is->category) != 0)
		cur = NULL;
	if (cur != NULL) {
		keep = cur->id;
		k.ord = cur->ord;
		k.id = cur->id;
		k.inclusive = 1;
		have = 1;
	}
	store_mark_take(ui->store, &is->mark);
	window = ind_wants_window(ui, is);
	/* (The order the window is read in from now; the one held stays
	 * when nothing could be read.) */
	was_sort = is->win_sort;
	if (window)
		is->win_sort = is->sort;
	rc = 0;
	if (window && (is->dept_id != 0 || is->mine)) {
		/* A filter's window: its ids of the category in the list's
		 * order (none left, 自分の担当 refused: the plan's window by
		 * key). */
		rc = ind_filter_ids(ui, is, &wids, &nwids, &in_plan_order,
		    &cause);
		/* (The department's ids in plan order need no reordering:
		 * 75,000 of them looked up again took 40-47 ms.) */
		if (rc == 0 && !(in_plan_order &&
		    ind_order(is) == IND_ORDER_PLAN && is->category == NULL) &&
		    store_indicator_order_in(ui->store, ui->fy, ind_order(is),
		    is->category, wids, &nwids, &cause) != 0)
			rc = -1;
		if (rc > 0)
			rc = 0;
	}
	if (rc < 0) {
		/* (said below) */
	} else if (window) {
		rc = store_indicator_list_head(ui->store, is->plan_id, ui->fy,
		    &list, &total, &cause);
		if (rc == 0 && wids != NULL) {
			total = nwids;
			for (pos = 0; have && pos < nwids; pos++)
				if (wids[pos] == keep)
					break;
			if (pos >= nwids) {
				have = 0;
				pos = 0;
			}
		} else if (rc == 0 && is->category != NULL &&
		    store_indicator_list_count(ui->store, is->plan_id,
		    is->category, &total, &cause) != 0) {
			store_indicator_list_free(&list);
			rc = -1;
		}
		if (rc == 0 && have && wids == NULL &&
		    store_indicator_list_before_in(ui->store,
		    is->plan_id, ui->fy, ind_order(is), is->category, k.ord,
		    k.id, &pos, &cause) != 0) {
			store_indicator_list_free(&list);
			rc = -1;
		}
	} else if (is->dept_id != 0 || is->mine) {
		rc = ind_filtered_read(ui, is, &list, &cause);
	} else {
		/* Every year's values only for the rows shown, unless the
		 * plan's period is open: then the bars' widths need them
		 * all. */
		rc = store_indicator_list_rows(ui->store, is->plan_id, ui->fy,
		    &list, &cause);
		if (rc == 0 && (list.plan_first_fy == 0 ||
		    list.plan_last_fy == 0)) {
			store_indicator_list_free(&list);
			rc = store_indicator_list(ui->store, is->plan_id, ui->fy,
			    &list, &cause);
		}
	}
	/* A window's rows from the cursor on (ind_window adds those
	 * above), read before anything read is kept. */
	memset(&page, 0, sizeof page);
	if (rc == 0 && window && total > 0) {
		size_t	h = is->l.height > 0 ? (size_t)is->l.height : 30;

		if (pos >= total)
			pos = total - 1;
		if (wids != NULL ? store_indicator_list_rows_as(ui->store,
		    is->plan_id, ui->fy, wids + pos,
		    total - pos < 2 * h ? total - pos : 2 * h, &page,
		    &cause) != 0 : store_indicator_list_page_in(ui->store,
		    is->plan_id, ui->fy, ind_order(is), is->category,
		    have ? &k : NULL, 1, 2 * h, &page, &cause) != 0) {
			store_indicator_list_free(&list);
			rc = -1;
		}
	}
	if (rc < 0) {
		ui_error(ui, "%s", cause != NULL ? cause : "読み込めません");
		free(cause);
		free(wids);
		is->win_sort = was_sort;
		return -1;
	}
	free(is->win_ids);
	is->win_ids = wids;
	ind_bars_free(is);
	store_indicator_list_free(&is->list);
	is->list = list;
	is->loaded_fy = ui->fy;
	is->loaded_style = ui->fy_style;
	is->raw_code_w = -1;	/* measured again */
	if (window) {
		is->windowed = 1;
		is->total = total;
		is->win_first = 0;
		free(is->view);
		is->view = NULL;
		is->nview = 0;
		ind_rows_ready(is);
		ui_list_set_rows(&is->l, (long)total);
		if (pos >= total)
			pos = total > 0 ? total - 1 : 0;
		is->l.cursor = (long)pos;
		/* The rows shown from the same place when the cursor is
		 * still among them (a sort shows the list from its start,
		 * as when every row is read), else the cursor where it was
		 * on the screen. */
		if (old_top > is->l.cursor || is->l.height <= 0 ||
		    is->l.cursor >= old_top + is->l.height)
			is->l.top = off >= 0 && off <= is->l.cursor ?
			    is->l.cursor - off : is->l.cursor;
		else
			is->l.top = old_top;
		if (total > 0) {
			ind_bars_free(is);
			is->list.rows = page.rows;
			is->list.n = page.n;
			is->win_first = have ? pos : 0;
			page.rows = NULL;
			page.n = 0;
			store_indicator_list_free(&page);
			ind_rows_ready(is);
		}
		return 0;
	}
	is->windowed = 0;
	ind_rows_ready(is);
	ind_rebuild_keep(is, keep);
	return 0;
}

/* After a sort, a filter or a search: reads a window again (in the new
 * order, of the new category), or every row when the list cannot be
 * read a window at a time; else shows the rows held in the new order.
 * Returns 0, or -1 with the error shown and the rows as they were. */
static int
ind_apply(struct ui *ui, struct ind_screen *is)
{
	if (is->windowed || ind_wants_window(ui, is))
		return ind_reload(ui, is) < 0 ? -1 : 0;
	ind_rebuild(is);
	return 0;
}

/* The filters and the order, as they were before a change: a change
 * whose rows cannot be read is taken back, so that the info line never
 * names a filter or an order the rows shown are not read for. */
struct ind_was {
	enum ind_sort	 sort;
	long long	 dept_id;
	char		*dept_name;
	char		*category;
	int		 mine;
};

static void
ind_was_note(const struct ind_screen *is, struct ind_was *w)
{
	w->sort = is->sort;
	w->dept_id = is->dept_id;
	w->dept_name = is->dept_name != NULL ? xstrdup(is->dept_name) : NULL;
	w->category = is->category != NULL ? xstrdup(is->category) : NULL;
	w->mine = is->mine;
}

/* After the change: taken back when it failed (rc < 0), else forgotten.
 * Returns rc. */
static int
ind_was_settle(struct ind_screen *is, struct ind_was *w, int rc)
{
	if (rc < 0) {
		is->sort = w->sort;
		is->dept_id = w->dept_id;
		free(is->dept_name);
		is->dept_name = w->dept_name;
		free(is->category);
		is->category = w->category;
		is->mine = w->mine;
		return rc;
	}
	free(w->dept_name);
	free(w->category);
	return rc;
}

static int
ind_max(int a, int b)
{
	return a > b ? a : b;
}

static int
ind_clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The widths the columns' contents want, measured once per reload over
 * every row (windowed: over the rows read so far, a width only growing
 * until the next reload): a key press must not format every value of a
 * long list again. */
static void
ind_measure(struct ui *ui, struct ind_screen *is)
{
	size_t	i;
	char	*t;

	if (!is->windowed || is->raw_code_w < 0) {
		is->raw_code_w = tw_width("コード");
		is->raw_cat_w = 0;
		is->raw_base_w = tw_width("基準値");
		is->raw_target_w = tw_width("目標値");
		is->raw_actual_w = tw_width("実績値");
		is->raw_bar_w = 0;
	}
	for (i = 0; i < is->list.n; i++) {
		const struct indicator_row	*r = &is->list.rows[i];

		is->raw_code_w = ind_max(is->raw_code_w, tw_width(r->node_code));
		is->raw_cat_w = ind_max(is->raw_cat_w, tw_width(r->category));
		t = ind_value(r, &r->base);
		is->raw_base_w = ind_max(is->raw_base_w, tw_width(t));
		free(t);
		t = ind_target(r);
		is->raw_target_w = ind_max(is->raw_target_w, tw_width(t));
		free(t);
		t = ind_value(r, &r->actual);
		is->raw_actual_w = ind_max(is->raw_actual_w, tw_width(t));
		free(t);
		if (is->list.plan_first_fy != 0 && is->list.plan_last_fy != 0)
			is->raw_bar_w = ind_max(is->raw_bar_w,
			    ind_bar_width(ui, &is->list, r));
		else
			is->raw_bar_w = ind_max(is->raw_bar_w,
			    tw_width(ind_row_bar(ui, is, i)));
	}
	is->nat_code_w = is->raw_code_w;
	is->nat_cat_w = is->raw_cat_w;
	is->nat_base_w = is->raw_base_w;
	is->nat_target_w = is->raw_target_w;
	is->nat_actual_w = is->raw_actual_w;
	is->nat_bar_w = is->raw_bar_w;
	if (is->nat_bar_w > 0)
		is->nat_bar_w = ind_max(is->nat_bar_w, tw_width("推移"));
	if (is->nat_cat_w > 0)
		is->nat_cat_w = ind_clamp(ind_max(is->nat_cat_w,
		    tw_width("区分")), 4, 12);
	is->nat_code_w = ind_clamp(is->nat_code_w, 6, 12);
	/* Wide enough for a value with its bound and unit (最終
	 * 51,800t-CO2以下); ind_layout narrows them only when the name
	 * would have fewer than 16 columns. */
	is->nat_base_w = ind_clamp(is->nat_base_w, 6, 20);
	is->nat_target_w = ind_clamp(is->nat_target_w, 6, 24);
	is->nat_actual_w = ind_clamp(is->nat_actual_w, 6, 20);
	is->measured_n = is->list.n + 1;
}

/* Column widths from the contents, the name taking what is left. */
static void
ind_layout(struct ui *ui, struct ind_screen *is)
{
	WINDOW	*w = ui_body(ui);
	int	 h, cols, rest;

	if (is->loaded_fy != ui->fy)
		ind_reload(ui, is);
	getmaxyx(w, h, cols);
	is->cols = cols;
	is->lines = h;
	is->detail_h = h >= 30 ? 6 : 5;
	is->detail_y = h - is->detail_h;
	ui_list_place(&is->l, 2, 0, is->detail_y - 1 - 2, cols);
	ind_window(ui, is);
	if (is->measured_n != is->list.n + 1)
		ind_measure(ui, is);
	is->code_w = is->nat_code_w;
	is->cat_w = is->nat_cat_w;
	is->base_w = is->nat_base_w;
	is->target_w = is->nat_target_w;
	is->actual_w = is->nat_actual_w;
	is->rate_w = IND_RATE_W;
	is->bar_w = is->nat_bar_w;

	/* Give the name at least 16 columns: drop the category, then the
	 * trend bar (both are also in the lines below the list), and only
	 * then narrow the values, which a cut would falsify. */
	rest = cols - 1 - is->code_w - 1 - (is->cat_w > 0 ? is->cat_w + 1 : 0) -
	    is->base_w - 1 - is->target_w - 1 - is->actual_w - 1 - is->rate_w -
	    (is->bar_w > 0 ? is->bar_w + 1 : 0);
	if (rest < 16 && is->cat_w > 0) {
		rest += is->cat_w + 1;
		is->cat_w = 0;
	}
	if (rest < 16 && is->bar_w > 0) {
		rest += is->bar_w + 1;
		is->bar_w = 0;
	}
	while (rest < 16 && (is->base_w > 8 || is->target_w > 8 ||
	    is->actual_w > 8)) {
		if (is->base_w > 8) {
			is->base_w--;
			rest++;
		}
		if (is->target_w > 8) {
			is->target_w--;
			rest++;
		}
		if (is->actual_w > 8) {
			is->actual_w--;
			rest++;
		}
	}
	is->name_w = rest - 1 > 8 ? rest - 1 : 8;
}

static void
ind_draw_columns(struct ind_screen *is, WINDOW *w, int y, const char *code,
    const char *name, const char *cat, const char *base, const char *target,
    const char *actual, const char *rate, const char *bar, int right,
    attr_t a)
{
	int	x = 0;

	ui_put(w, y, 0, "", is->cols, 1, a);
	ui_put_cell(w, y, x + 1, code, is->code_w, 1, a);
	x += 1 + is->code_w + 1;
	ui_put_cell(w, y, x, name, is->name_w, 1, a);
	x += is->name_w + 1;
	if (is->cat_w > 0) {
		ui_put_cell(w, y, x, cat, is->cat_w, 1, a);
		x += is->cat_w + 1;
	}
	ui_put_column(w, y, x, base, is->base_w, right, a);
	x += is->base_w + 1;
	ui_put_column(w, y, x, target, is->target_w, right, a);
	x += is->target_w + 1;
	ui_put_column(w, y, x, actual, is->actual_w, right, a);
	x += is->actual_w + 1;
	ui_put_column(w, y, x, rate, is->rate_w, right, a);
	x += is->rate_w + 1;
	if (is->bar_w > 0)
		ui_put(w, y, x, bar, is->bar_w, 1, a);
}

static void
ind_draw_row(struct ui *ui, void *owner, long row, int y, int x, int cols,
    int selected)
{
	struct ind_screen		*is = owner;
	const struct indicator_row	*r;
	WINDOW				*w = ui_body(ui);
	char				*base, *target, *actual, rate[128];
	long				 i;
	attr_t				 a;

	(void)x;
	(void)cols;
	if ((i = ind_index(is, row)) < 0)
		return;
	r = &is->list.rows[i];
	a = ui_attr(ui, selected ? UI_SELECT : UI_NORMAL);
	base = ind_value(r, &r->base);
	target = ind_target(r);
	actual = ind_value(r, &r->actual);
	screen_sheet_rate(is->rate[i], rate, sizeof rate);
	if (is->rate[i] < 0)
		snprintf(rate, sizeof rate, "%s", is->rstat[i] == ACHIEVE_TEXT &&
		    r->actual.kind != VALUE_NONE ? "評価" : "-");
	ind_draw_columns(is, w, y, r->node_code, r->name, r->category,
	    *base != '\0' ? base : "-", *target != '\0' ? target : "-",
	    *actual != '\0' ? actual : "-", rate, ind_row_bar(ui, is, i), 1, a);
	if (r->target_is_final && r->target.kind != VALUE_NONE && !selected) {
		/* A final target stands in for the year's: marked, dimmed. */
		int	tx = 1 + is->code_w + 1 + is->name_w + 1 +
		    (is->cat_w > 0 ? is->cat_w + 1 : 0) + is->base_w + 1;

		ui_put_column(w, y, tx, target, is->target_w, 1,
		    ui_attr(ui, UI_DIM));
	}
	free(base);
	free(target);
	free(actual);
}

static char *
ind_row_text(void *owner, long row)
{
	struct ind_screen		*is = owner;
	const struct indicator_row	*r;
	long				 i;

	if ((i = ind_index(is, row)) < 0)
		return NULL;
	r = &is->list.rows[i];
	return xasprintf("%s %s %s %s", r->node_code, r->name, r->category,
	    r->node_title);
}

static void
ind_draw_info(struct ui *ui, struct ind_screen *is, WINDOW *w)
{
	char	fy[FY_BUFSZ], *line, *t;

	line = xasprintf("%s  %zu件  並び: %s", ui_fy(ui, ui->fy, fy), ind_nrows(is),
	    ind_sort_names[is->sort]);
	if (is->dept_id != 0) {
		t = xasprintf("%s  担当課=%s", line, is->dept_name);
		free(line);
		line = t;
	}
	if (is->category != NULL) {
		t = xasprintf("%s  区分=%s", line, is->category);
		free(line);
		line = t;
	}
	if (is->mine) {
		t = xasprintf("%s  自分の担当（%s）", line,
		    ui->session->role == ROLE_CLERK ? ui->session->dept_name :
		    "企画担当が報告");
		free(line);
		line = t;
	}
	ui_put(w, 0, 0, line, is->cols, 1, ui_attr(ui, UI_DIM));
	free(line);
}

/* "推移 _.-=#?  令和2年度（基準）〜令和7年度": the bar of the row
 * under the cursor with the years it spans. */
static char *
ind_trend_text(struct ui *ui, struct ind_screen *is,
    const struct indicator_row *r)
{
	struct trend_cell	 cells[TREND_MAX_CELLS];
	char			*bar, a[FY_BUFSZ], b[FY_BUFSZ], *text;
	size_t			 n;

	bar = screen_sheet_trend(ui, r->direction, r->cumulative, &r->base,
	    r->base_fy, &r->final, r->final_fy, r->targets, r->ntargets,
	    r->actuals, r->nactuals, is->list.plan_first_fy,
	    is->list.plan_last_fy, cells, &n);
	text = xasprintf("推移 %s  %s%s〜%s（凡例は %s）", bar,
	    ui_fy(ui, cells[0].fy, a), cells[0].is_base ? "（基準）" : "",
	    ui_fy(ui, cells[n - 1].fy, b), keys_action_keys(ACT_HELP));
	free(bar);
	return text;
}

static void
ind_draw_detail(struct ui *ui, struct ind_screen *is, WINDOW *w)
{
	const struct indicator_row	*r;
	char				*sep, *text, *b, *t, *a, *actual;
	char				 fy1[FY_BUFSZ], fy2[FY_BUFSZ], rate[64];
	const char			*dir;
	size_t				 n, i, starts[16], lens[16];
	int				 y = is->detail_y, width = is->cols - 2;
	double				 rv;
	long				 ci;

	sep = xcalloc((size_t)is->cols + 1, 1);
	memset(sep, '-', (size_t)is->cols);
	ui_put(w, y - 1, 0, sep, is->cols, 1, ui_attr(ui, UI_DIM));
	free(sep);
	if ((ci = ind_index(is, is->l.cursor)) < 0)
		return;
	r = &is->list.rows[ci];
	rv = is->rate[ci];
	/* The row's years, rationale and note come with its bar. */
	(void)ind_row_bar(ui, is, (size_t)ci);

	text = xasprintf("%s（%s%s%s）", r->name, r->node_code,
	    *r->node_code != '\0' ? " " : "",
	    r->node_id != 0 ? r->node_title : "計画全体");
	n = tw_wrap(text, width, starts, lens, 16);
	for (i = 0; i < n && i < 2; i++) {
		char	*line = xstrndup(text + starts[i], lens[i]);

		ui_put(w, y + (int)i, 1, line, width, 1, ui_attr(ui, UI_MARK));
		free(line);
	}
	free(text);
	y += (int)(n < 2 ? n : 2);

	b = ind_value(r, &r->base);
	t = ind_value(r, &r->target);
	a = ind_value(r, &r->actual);
	dir = vocab_label(VOCAB_DIRECTION, r->direction);
	if (rv >= 0)
		screen_sheet_rate(rv, rate, sizeof rate);
	else
		snprintf(rate, sizeof rate, "%s", achieve_status_text(is->rstat[ci]));
	text = xasprintf("基準値 %s%s%s%s  目標値 %s%s%s%s",
	    *b != '\0' ? b : "-", r->base_fy ? "（" : "",
	    r->base_fy ? ui_fy(ui, r->base_fy, fy1) : "",
	    r->base_fy ? "）" : "",
	    *t != '\0' ? t : "-",
	    r->target_fy || (r->target_is_final && *t != '\0') ? "（" : "",
	    r->target_fy ? ui_fy(ui, r->target_fy, fy2) : "",
	    r->target_is_final && *t != '\0' ? (r->target_fy ? "・最終目標）" :
	    "最終目標）") : r->target_fy ? "）" : "");
	free(b);
	free(t);
	/* The actual after the targets when the line holds it, else first
	 * on the next line: at 80 columns, long values and a final target
	 * leave it no room, and it is what the row is entered for. */
	actual = xasprintf("実績値 %s", *a != '\0' ? a : "-");
	free(a);
	ui_join_if_fits(&text, &actual, width);
	ui_put_cell(w, y++, 1, text, width, 1, ui_attr(ui, UI_NORMAL));
	free(text);
	if (y < is->lines) {
		text = xasprintf("%s%s達成率 %s  方向 %s%s%s%s",
		    actual != NULL ? actual : "", actual != NULL ? "  " : "",
		    rate, dir != NULL ? dir : "不明",
		    r->cumulative ? "  累計" : "",
		    *r->category != '\0' ? "  区分 " : "", r->category);
		ui_put_cell(w, y++, 1, text, width, 1, ui_attr(ui, UI_NORMAL));
		free(text);
	}
	free(actual);
	if (y < is->lines &&
	    *ind_row_bar(ui, is, (size_t)ci) != '\0') {
		text = ind_trend_text(ui, is, r);
		ui_put(w, y++, 1, text, width, 1, ui_attr(ui, UI_NORMAL));
		free(text);
	}
	if (r->rationale != NULL && *r->rationale != '\0' && y < is->lines) {
		text = xasprintf("考え方: %s", r->rationale);
		n = tw_wrap(text, width, starts, lens, 16);
		for (i = 0; i < n && y < is->lines; i++, y++) {
			char	*line = xstrndup(text + starts[i], lens[i]);

			ui_put(w, y, 1, line, width, 1, ui_attr(ui, UI_DIM));
			free(line);
		}
		free(text);
	}
}

static void
ind_draw(struct ui *ui, void *state)
{
	struct ind_screen	*is = state;
	WINDOW			*w = ui_body(ui);
	char			 head[64], fy[FY_BUFSZ];

	ind_layout(ui, is);
	werase(w);
	ind_draw_info(ui, is, w);
	snprintf(head, sizeof head, "目標値(%s)",
	    fy_format_short(ui->fy, ui->fy_style, fy, sizeof fy));
	ind_draw_columns(is, w, 1, "コード", "指標名", "区分", "基準値",
	    tw_width(head) <= is->target_w ? head : "目標値", "実績値", "達成率",
	    "推移", 0, ui_attr(ui, UI_FROZEN));
	if (ind_nrows(is) == 0)
		ui_put(w, 2, 1, (is->windowed && is->category == NULL &&
		    is->win_ids == NULL) || (!is->windowed &&
		    is->list.n == 0) ? "この計画には指標がありません" :
		    "条件に合う指標がありません（c で解除）", is->cols - 1, 0,
		    ui_attr(ui, UI_DIM));
	else
		ui_list_draw(ui, &is->l);
	ind_draw_detail(ui, is, w);
}

static void
ind_filter_dept(struct ui *ui, struct ind_screen *is)
{
	struct ind_was	was;

	ind_was_note(is, &was);
	/* (The department's indicators are read with the rows: a reading
	 * that fails takes the filter back.) */
	if (screen_sheet_pick_dept(ui, is->plan_id, NULL, &is->dept_id,
	    &is->dept_name, NULL, NULL))
		(void)ind_was_settle(is, &was, ind_reload(ui, is));
	else
		(void)ind_was_settle(is, &was, 0);
}

static void
ind_filter_category(struct ui *ui, struct ind_screen *is)
{
	struct ind_was	  was;
	char		**cats, *cause = NULL;
	const char	**names;
	size_t		  n, i;
	int		  pick, cur = 0;

	if (store_indicator_categories(ui->store, is->plan_id, &cats, &n,
	    &cause) < 0) {
		ui_error(ui, "%s", cause);
		free(cause);
		return;
	}
	if (n == 0) {
		ui_message(ui, "この計画の指標には区分がありません");
		free(cats);
		return;
	}
	names = xcalloc(n + 1, sizeof *names);
	names[0] = "（すべて）";
	for (i = 0; i < n; i++) {
		names[i + 1] = cats[i];
		if (is->category != NULL && strcmp(cats[i], is->category) == 0)
			cur = (int)i + 1;
	}
	pick = ui_choose(ui, "区分で絞り込み", names, (int)n + 1, cur);
	if (pick >= 0) {
		ind_was_note(is, &was);
		free(is->category);
		is->category = pick == 0 ? NULL : xstrdup(cats[pick - 1]);
		(void)ind_was_settle(is, &was, ind_apply(ui, is));
	}
	for (i = 0; i < n; i++)
		free(cats[i]);
	free(cats);
	free(names);
}

static void *
ind_open(struct ui *ui, const void *arg)
{
	struct ind_screen	*is;

	is = xcalloc(1, sizeof *is);
	is->plan_id = ((const struct screen_indicators_arg *)arg)->plan_id;
	is->mine = ((const struct screen_indicators_arg *)arg)->mine;
	ui_list_init(&is->l, 0, is);
	is->l.draw_row = ind_draw_row;
	is->l.row_text = ind_row_text;
	is->seen_lines = ui->lines;
	is->seen_cols = ui->cols;
	if (ind_reload(ui, is) < 0) {
		ui_list_free(&is->l);
		free(is);
		return NULL;
	}
	return is;
}

static void
ind_close(struct ui *ui, void *state)
{
	struct ind_screen	*is = state;

	(void)ui;
	ui_list_free(&is->l);
	ind_bars_free(is);
	store_indicator_list_free(&is->list);
	free(is->rate);
	free(is->rstat);
	free(is->view);
	free(is->dept_name);
	free(is->dept_inds);
	free(is->dept_order);
	free(is->win_ids);
	free(is->category);
	free(is->mine_ids);
	free(is);
}

static enum ui_key_result
ind_key(struct ui *ui, void *state, enum key_action act, int is_function,
    wint_t ch)
{
	struct ind_screen		*is = state;
	const struct indicator_row	*r;
	long long			 id;
	char				 fy[FY_BUFSZ];
	struct ind_was			 was;
	int				 want;

	(void)is_function;
	(void)ch;
	ind_layout(ui, is);
	r = ind_cursor_row(is);
	switch (act) {
	case ACT_OPEN:
		if (r != NULL)
			screen_indicator_open(ui, r->id);
		return UI_KEY_HANDLED;
	case ACT_EDIT:
		if (r != NULL)
			screen_actual_enter(ui, r->id, ui->fy);
		return UI_KEY_HANDLED;
	case ACT_SHEET:
		if (r == NULL)
			return UI_KEY_HANDLED;
		if (r->node_id == 0) {
			ui_message(ui, "計画全体の指標です（項目のシートはありません）");
			return UI_KEY_HANDLED;
		}
		id = r->node_id;
		ui_push(ui, &screen_sheet_ops, &id);
		return UI_KEY_HANDLED;
	case ACT_FULLTEXT:
		/* The text of the indicator's node, or of the plan. */
		if (r == NULL)
			return UI_KEY_HANDLED;
		if (r->node_id == 0)
			screen_pager_plan(ui, is->plan_id);
		else
			screen_pager_node(ui, r->node_id, ui->fy);
		return UI_KEY_HANDLED;
	case ACT_HISTORY:
		/* The history of the indicator's targets and actuals. */
		if (r == NULL)
			return UI_KEY_HANDLED;
		screen_sheet_history(ui, r->node_id, r->id, 0);
		return UI_KEY_HANDLED;
	case ACT_MODIFY:
		if (r != NULL)
			screen_edit_indicator(ui, r->id);
		return UI_KEY_HANDLED;
	case ACT_DELETE:
		if (r != NULL && screen_edit_delete_indicator(ui, r->id))
			ind_reload(ui, is);
		return UI_KEY_HANDLED;
	case ACT_SORT:
		ind_was_note(is, &was);
		is->sort = (enum ind_sort)((is->sort + 1) % IND_SORT_COUNT);
		if (ind_was_settle(is, &was, ind_apply(ui, is)) == 0)
			ui_message(ui, "並べ替え: %s",
			    ind_sort_names[is->sort]);
		return UI_KEY_HANDLED;
	case ACT_FILTER_DEPT:
		ind_filter_dept(ui, is);
		return UI_KEY_HANDLED;
	case ACT_FILTER_FLAG:
		ind_filter_category(ui, is);
		return UI_KEY_HANDLED;
	case ACT_FILTER_MINE:
		/* (The reload reads the indicators: a refusal there takes
		 * the filter off and says why; a read that fails leaves the
		 * list as it was.) */
		if (!is->mine && ind_mine_dept(ui) < 0)
			return UI_KEY_HANDLED;
		ind_was_note(is, &was);
		is->mine = !is->mine;
		want = is->mine;
		if (ind_was_settle(is, &was, ind_reload(ui, is)) < 0 ||
		    (want && !is->mine))
			return UI_KEY_HANDLED;
		if (is->mine)
			ui_message(ui, "自分の担当の指標（%s）: %zu 件%s",
			    ui_fy(ui, ui->fy, fy), ind_nrows(is),
			    ind_mine_why(is, ui->fy));
		else
			ui_message(ui, "自分の担当の絞り込みを解除しました");
		return UI_KEY_HANDLED;
	case ACT_FILTER_CLEAR:
		if (is->dept_id == 0 && is->category == NULL && !is->mine)
			return UI_KEY_HANDLED;
		ind_was_note(is, &was);
		is->mine = 0;
		is->dept_id = 0;
		free(is->dept_name);
		is->dept_name = NULL;
		free(is->category);
		is->category = NULL;
		/* (Only the filter's rows are held: read again.) */
		if (ind_was_settle(is, &was, ind_reload(ui, is)) == 0)
			ui_message(ui, "絞り込みを解除しました");
		return UI_KEY_HANDLED;
	case ACT_SEARCH:
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		/* A search goes through every row: read them all, in the
		 * same order (the cursor stays where it is). */
		if (!is->searched && ind_nrows(is) > 0) {
			is->searched = 1;
			ind_apply(ui, is);
		}
		if (ind_nrows(is) > 0 && ui_list_key(ui, &is->l, act))
			return UI_KEY_HANDLED;
		return UI_KEY_UNHANDLED;
	default:
		if (ind_nrows(is) > 0 && ui_list_key(ui, &is->l, act))
			return UI_KEY_HANDLED;
		return UI_KEY_UNHANDLED;
	}
}

static void
ind_refresh(struct ui *ui, void *state)
{
	struct ind_screen	*is = state;

	/* Re-read when the year or its display changed, or anything was
	 * written (actuals entered) while a screen above was open; a new
	 * size alone needs a new layout only. */
	if (is->loaded_fy != ui->fy || is->loaded_style != ui->fy_style ||
	    store_mark_changed(ui->store, &is->mark))
		ind_reload(ui, is);
	is->seen_lines = ui->lines;
	is->seen_cols = ui->cols;
	ind_layout(ui, is);
}

/* Another program wrote: a window is read again at once (its count and
 * the keys it pages from would no longer agree with the file); a list of
 * every row stays as read until it comes back on top. */
static void
ind_changed(struct ui *ui, void *state)
{
	struct ind_screen	*is = state;

	if (is->windowed && store_mark_changed(ui->store, &is->mark))
		ind_reload(ui, is);
}

static char *
ind_title(struct ui *ui, void *state)
{
	struct ind_screen	*is = state;

	(void)ui;
	return xasprintf("%s > 指標一覧", is->list.plan_name != NULL ?
	    is->list.plan_name : "");
}

/* ? explains the trend bars in the glyphs drawn. */
static const char *const *
ind_notes(struct ui *ui, size_t *n)
{
	return trend_legend(screen_sheet_trend_style(ui), n);
}

/* E first: the actual of the indicator under the cursor. */
static char *
ind_hint(struct ui *ui, void *state)
{
	char	o[16], *e, *t;

	(void)state;
	ui_key_name(ACT_OPEN, o, sizeof o);
	e = ui_edit_hint(ui);
	t = xasprintf("%s  %s:年度ごと", e, o);
	free(e);
	return t;
}

const struct screen_ops screen_indicators_ops = {
	.name = "indicators",
	.actions = ind_actions,
	.nactions = sizeof ind_actions / sizeof ind_actions[0],
	.open = ind_open,
	.draw = ind_draw,
	.key = ind_key,
	.refresh = ind_refresh,
	.changed = ind_changed,
	.close = ind_close,
	.title = ind_title,
	.notes = ind_notes,
	.hint = ind_hint
};

void
screen_indicators_open(struct ui *ui, long long plan_id, int mine)
{
	struct screen_indicators_arg	a = { plan_id, mine };

	ui_push(ui, &screen_indicators_ops, &a);
}
