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
 * Only the skeleton of the plan (nodes, flags, this year's status) is held
 * in memory; the cells of the rows on screen are read when drawn, so a
 * plan of many thousand items opens and scrolls as fast as a small one.
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
	struct roadmap	*rm;
	int		 loaded_fy;
	enum fy_style	 loaded_style;
	struct store_mark mark;		/* the database when read */
	int		 first_fy, nyears;

	/* filters */
	long long	 dept_id;	/* 0 = all */
	char		*dept_name;
	long long	*dept_nodes;
	size_t		 ndept_nodes;
	int		 flag;		/* -1 = all, else index of rm->flags */
	int		 status;	/* -1 = all, 0..4 vocab order, 5 = none */

	/* rows shown: indexes into rm->rows */
	size_t		*vis;
	size_t		 nvis;
	long		 cur, top;
	int		 ycur, yleft;	/* year under the cursor, first shown */

	/* search */
	char		*search;
	long long	*hits;		/* nodes whose cell texts match */
	size_t		 nhits;

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

static int
rm_cmp_ll(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static int
rm_in(const long long *ids, size_t n, long long id)
{
	return n > 0 && bsearch(&id, ids, n, sizeof *ids, rm_cmp_ll) != NULL;
}

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
rm_item_passes(struct rm_screen *rs, const struct roadmap_row *r)
{
	const char	*want;

	if (rs->dept_id != 0 && !rm_in(rs->dept_nodes, rs->ndept_nodes,
	    r->node_id))
		return 0;
	if (rs->flag >= 0 && (r->flags & ((uint64_t)1 << rs->flag)) == 0)
		return 0;
	if (rs->status == RM_STATUS_NONE)
		return !r->has_result;
	if (rs->status >= 0) {
		want = vocab_nth(VOCAB_STATUS, rs->status);
		return r->status != NULL && want != NULL &&
		    strcmp(r->status, want) == 0;
	}
	return 1;
}

static int
rm_filtered(const struct rm_screen *rs)
{
	return rs->dept_id != 0 || rs->flag >= 0 || rs->status >= 0;
}

/*
 * Rebuilds the rows shown: items passing the filters, under the headings
 * of their groups; without a filter, every row. Keeps the cursor on the
 * same node when it is still shown.
 */
static void
rm_rebuild(struct rm_screen *rs)
{
	struct roadmap	*rm = rs->rm;
	size_t		 i, k, *stack, nstack = 0, nshown = 0;
	long long	 keep = 0;
	int		 filtered = rm_filtered(rs);

	if (rs->nvis > 0 && rs->cur >= 0 && (size_t)rs->cur < rs->nvis)
		keep = rm->rows[rs->vis[rs->cur]].node_id;
	free(rs->vis);
	rs->vis = xcalloc(rm->nrows + 1, sizeof *rs->vis);
	rs->nvis = 0;
	stack = xcalloc(8, sizeof *stack);
	for (i = 0; i < rm->nrows; i++) {
		const struct roadmap_row	*r = &rm->rows[i];

		if (!filtered) {
			rs->vis[rs->nvis++] = i;
			continue;
		}
		/* Headings still open above this row. */
		while (nstack > 0 && rm->rows[stack[nstack - 1]].depth >=
		    r->depth)
			nstack--;
		if (nshown > nstack)
			nshown = nstack;
		if (!r->is_item) {
			if (nstack < 8)
				stack[nstack++] = i;
			continue;
		}
		if (!rm_item_passes(rs, r))
			continue;
		for (k = nshown; k < nstack; k++)
			rs->vis[rs->nvis++] = stack[k];
		nshown = nstack;
		rs->vis[rs->nvis++] = i;
	}
	free(stack);

	rs->cur = 0;
	for (i = 0; i < rs->nvis; i++)
		if (rm->rows[rs->vis[i]].node_id == keep) {
			rs->cur = (long)i;
			break;
		}
	if (keep == 0 || i == rs->nvis) {
		/* Start on the first item rather than on a heading. */
		for (i = 0; i < rs->nvis; i++)
			if (rm->rows[rs->vis[i]].is_item) {
				rs->cur = (long)i;
				break;
			}
	}
}

/* Reads the plan's skeleton for the chosen year. */
static int
rm_reload(struct ui *ui, struct rm_screen *rs)
{
	struct roadmap	*rm;
	char		*cause = NULL;
	long long	*ids;
	size_t		 n;
	int		 new_year = rs->loaded_fy != ui->fy;

	store_mark_take(ui->store, &rs->mark);
	if (store_roadmap_load(ui->store, rs->plan_id, ui->fy, &rm, &cause) < 0) {
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
	/* On another year the cursor goes to it when the plan covers it. */
	if (new_year && ui->fy >= rs->first_fy &&
	    ui->fy < rs->first_fy + rs->nyears)
		rs->ycur = ui->fy - rs->first_fy;
	if (rs->ycur >= rs->nyears)
		rs->ycur = rs->nyears - 1;
	if (rs->ycur < 0)
		rs->ycur = 0;
	rm_rebuild(rs);
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
	rs->cur = -1;
	rs->seen_lines = ui->lines;
	rs->seen_cols = ui->cols;
	if (rm_reload(ui, rs) < 0) {
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
	free(rs->vis);
	free(rs->search);
	free(rs->hits);
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

/* Keeps the cursor row and year on screen. */
static void
rm_scroll(struct rm_screen *rs)
{
	if (rs->cur >= (long)rs->nvis)
		rs->cur = (long)rs->nvis - 1;
	if (rs->cur < 0)
		rs->cur = 0;
	if (rs->top > rs->cur)
		rs->top = rs->cur;
	if (rs->grid_h > 0 && rs->cur >= rs->top + rs->grid_h)
		rs->top = rs->cur - rs->grid_h + 1;
	if (rs->top > (long)rs->nvis - rs->grid_h)
		rs->top = (long)rs->nvis - rs->grid_h;
	if (rs->top < 0)
		rs->top = 0;

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
		rm_reload(ui, rs);
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
}

static void
rm_draw_info(struct ui *ui, struct rm_screen *rs, WINDOW *w)
{
	char	*line, *t;
	size_t	 items = 0, i;
	char	 buf[16];

	for (i = 0; i < rs->nvis; i++)
		if (rs->rm->rows[rs->vis[i]].is_item)
			items++;
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
		t = xasprintf("%s （%zu/%zu件）", line, items, rs->rm->nitems);
		free(line);
		line = t;
	} else
		line = xasprintf("%zu件", rs->rm->nitems);
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
	int	 k, x, y;
	size_t	 i;

	ui_put(w, 1, 0, "コード・名称", rs->code_w, 1, fr);
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
		ui_fy(ui, y, fy);
		if (tw_width(fy) > rs->cell_w - 1)
			fy_format_short(y, ui->fy_style, fy, sizeof fy);
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
	const struct roadmap_row	*r = &rs->rm->rows[rs->vis[vi]];
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
		ui_put(w, y, 0, t, rs->cols, 1,
		    sel ? a : ui_attr(ui, UI_HEADER));
		free(t);
		return;
	}
	t = xasprintf(" %s%s%s", r->code, *r->code != '\0' ? " " : "", r->title);
	ui_put(w, y, 0, "", rs->code_w, 1, a);
	ui_put(w, y, 0, t, rs->code_w - 1, 0, a);
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
		ui_put(w, y, x + 1, t, rs->cell_w - 1, 1,
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
	const char			*word, *st, *state;
	size_t				 n, i, starts[32], lens[32];
	int				 y = rs->detail_y, width = rs->cols - 2;

	if (rs->nvis == 0)
		return;
	r = &rs->rm->rows[rs->vis[rs->cur]];
	head = xasprintf("-- %s%s%s / %s ", r->code, *r->code != '\0' ? " " :
	    "", r->title, ui_fy(ui, rs->first_fy + rs->ycur, fy));
	t = xcalloc((size_t)rs->cols + 1, 1);
	memset(t, '-', (size_t)rs->cols);
	ui_put(w, y - 1, 0, t, rs->cols, 1, ui_attr(ui, UI_DIM));
	ui_put(w, y - 1, 0, head, rs->cols - 4, 0, ui_attr(ui, UI_DIM));
	free(t);
	free(head);
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
	if (rs->nvis == 0) {
		ui_put(w, rs->grid_y, 1, rs->rm->nrows == 0 ?
		    "この計画には項目がありません" :
		    "条件に合う項目がありません（c で解除）", rs->cols - 1, 0,
		    ui_attr(ui, UI_DIM));
		return;
	}
	for (y = 0; y < rs->grid_h; y++) {
		i = rs->top + y;
		if (i >= (long)rs->nvis)
			break;
		rm_draw_row(ui, rs, w, rs->grid_y + y, i, &cur_cells);
	}
	rm_draw_detail(ui, rs, w, cur_cells);
	store_roadmap_cells_free(cur_cells, (size_t)rs->nshow);
}

/* Does row vi match the search (code, title, or a cell text)? */
static int
rm_row_matches(struct rm_screen *rs, long vi)
{
	const struct roadmap_row	*r = &rs->rm->rows[rs->vis[vi]];

	return tw_contains(r->code, rs->search) ||
	    tw_contains(r->title, rs->search) ||
	    (r->is_item && rm_in(rs->hits, rs->nhits, r->node_id));
}

/* Moves to the next (dir 1) or previous (-1) row matching the search. */
static void
rm_search_step(struct ui *ui, struct rm_screen *rs, int dir)
{
	const struct roadmap_row	*r;
	struct roadmap_cell		*cells;
	char				*cause = NULL;
	long				 i, n = (long)rs->nvis, k;
	int				 y;

	if (rs->search == NULL || *rs->search == '\0') {
		ui_message(ui, "検索する文字列がありません（/ で検索）");
		return;
	}
	for (k = 1; k <= n; k++) {
		i = ((rs->cur + dir * k) % n + n) % n;
		if (!rm_row_matches(rs, i))
			continue;
		rs->cur = i;
		r = &rs->rm->rows[rs->vis[i]];
		/* A hit in a cell: put the cursor on the year. */
		if (r->is_item && !tw_contains(r->code, rs->search) &&
		    !tw_contains(r->title, rs->search) &&
		    store_roadmap_cells(ui->store, r->node_id, rs->first_fy,
		    rs->first_fy + rs->nyears - 1, &cells, &cause) == 0) {
			for (y = 0; y < rs->nyears; y++)
				if (tw_contains(cells[y].text, rs->search)) {
					rs->ycur = y;
					break;
				}
			store_roadmap_cells_free(cells, (size_t)rs->nyears);
		}
		free(cause);
		rm_scroll(rs);
		return;
	}
	ui_message(ui, "見つかりません: %s", rs->search);
}

static void
rm_search(struct ui *ui, struct rm_screen *rs)
{
	char	*answer = NULL, *cause = NULL;

	if (!ui_prompt(ui, "検索: ", NULL, &answer))
		return;
	free(rs->search);
	rs->search = answer;
	free(rs->hits);
	rs->hits = NULL;
	rs->nhits = 0;
	if (*answer == '\0')
		return;
	if (store_roadmap_search(ui->store, rs->plan_id, answer, &rs->hits,
	    &rs->nhits, &cause) < 0) {
		ui_error(ui, "%s", cause);
		free(cause);
	}
	rm_search_step(ui, rs, 1);
}

static void
rm_filter_dept(struct ui *ui, struct rm_screen *rs)
{
	if (screen_sheet_pick_dept(ui, rs->plan_id, 0, &rs->dept_id,
	    &rs->dept_name, &rs->dept_nodes, &rs->ndept_nodes))
		rm_rebuild(rs);
}

static void
rm_filter_flag(struct ui *ui, struct rm_screen *rs)
{
	const char	**names;
	char		**labels, buf[16];
	size_t		  n = rs->rm->nflags, i;
	int		  pick;

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
		rs->flag = pick - 1;
		rm_rebuild(rs);
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
	int		 i, pick;

	names[0] = "（すべて）";
	for (i = 0; i < RM_STATUS_NONE; i++)
		names[i + 1] = vocab_label(VOCAB_STATUS,
		    vocab_nth(VOCAB_STATUS, i));
	names[RM_STATUS_NONE + 1] = "未入力";
	title = xasprintf("%sの状況で絞り込み", ui_fy(ui, ui->fy, fy));
	pick = ui_choose(ui, title, names, RM_STATUS_NONE + 2, rs->status + 1);
	free(title);
	if (pick >= 0) {
		rs->status = pick - 1;
		rm_rebuild(rs);
	}
}

/* The workflow state of node_id's result in fy ("submitted" …), or NULL
 * when there is none or it cannot be read (malloc'd). */
static char *
rm_state_of(struct ui *ui, long long node_id, int fy)
{
	struct roadmap_cell	*cells = NULL;
	char			*cause = NULL, *state = NULL;

	if (store_roadmap_cells(ui->store, node_id, fy, fy, &cells,
	    &cause) != 0) {
		ui_error(ui, "%s", cause);
		free(cause);
		return NULL;
	}
	if (cells[0].state != NULL)
		state = xstrdup(cells[0].state);
	store_roadmap_cells_free(cells, 1);
	return state;
}

/* The next item row below the cursor, or the cursor's own. */
static long
rm_next_item(const struct rm_screen *rs)
{
	long	i;

	for (i = rs->cur + 1; i < (long)rs->nvis; i++)
		if (rs->rm->rows[rs->vis[i]].is_item)
			return i;
	return rs->cur;
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

	if (rs->nvis == 0)
		return;
	r = &rs->rm->rows[rs->vis[rs->cur]];
	if (!r->is_item) {
		ui_message(ui, "印を付けられるのは取組のセル（提出済の実績）です");
		return;
	}
	if ((i = rm_mark_index(rs, r->node_id, year)) >= 0) {
		rs->marks[i] = rs->marks[--rs->nmarks];
	} else {
		state = rm_state_of(ui, r->node_id, year);
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
	rs->cur = rm_next_item(rs);
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
		const struct roadmap_row *r = rs->nvis > 0 ?
		    &rs->rm->rows[rs->vis[rs->cur]] : NULL;

		state = r != NULL && r->is_item ? rm_state_of(ui, r->node_id,
		    rs->first_fy + rs->ycur) : NULL;
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
		const struct roadmap_row *r = NULL;

		for (k = 0; k < rs->rm->nrows; k++)
			if (rs->rm->rows[k].node_id == v[i].node_id)
				r = &rs->rm->rows[k];
		labels[i] = xasprintf("%s%s%s %s", r != NULL ? r->code : "",
		    r != NULL && r->code[0] ? " " : "", r != NULL ? r->title :
		    "", fy_format_short(v[i].fy, ui->fy_style, fy, sizeof fy));
		e[i].is_indicator = 0;
		e[i].id = v[i].node_id;
		e[i].fy = v[i].fy;
		e[i].label = labels[i];
	}
	if (ui_workflow_batch(ui, e, n) >= 0) {
		rs->nmarks = 0;
		rm_reload(ui, rs);
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
	struct rm_screen	*rs = state;
	long long		 id;

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
		rs->cur--;
		break;
	case ACT_DOWN:
		rs->cur++;
		break;
	case ACT_LEFT:
		rs->ycur--;
		break;
	case ACT_RIGHT:
		rs->ycur++;
		break;
	case ACT_PAGE_UP:
		rs->cur -= rs->grid_h > 1 ? rs->grid_h - 1 : 1;
		rs->top -= rs->grid_h > 1 ? rs->grid_h - 1 : 1;
		break;
	case ACT_PAGE_DOWN:
		rs->cur += rs->grid_h > 1 ? rs->grid_h - 1 : 1;
		rs->top += rs->grid_h > 1 ? rs->grid_h - 1 : 1;
		break;
	case ACT_TOP:
		rs->cur = 0;
		break;
	case ACT_BOTTOM:
		rs->cur = (long)rs->nvis - 1;
		break;
	case ACT_OPEN:
		if (rs->nvis == 0)
			return UI_KEY_HANDLED;
		id = rs->rm->rows[rs->vis[rs->cur]].node_id;
		ui_push(ui, &screen_sheet_ops, &id);
		return UI_KEY_HANDLED;
	case ACT_EDIT:
		/* The result of the cell under the cursor: item and year. */
		if (rs->nvis == 0)
			return UI_KEY_HANDLED;
		screen_sheet_edit(ui, rs->rm->rows[rs->vis[rs->cur]].node_id,
		    rs->rm->rows[rs->vis[rs->cur]].is_item,
		    rs->first_fy + rs->ycur);
		return UI_KEY_HANDLED;
	case ACT_HISTORY:
		if (rs->nvis > 0)
			screen_sheet_history(ui,
			    rs->rm->rows[rs->vis[rs->cur]].node_id, 0,
			    rs->first_fy + rs->ycur);
		return UI_KEY_HANDLED;
	case ACT_FULLTEXT:
		if (rs->nvis > 0)
			screen_pager_node(ui,
			    rs->rm->rows[rs->vis[rs->cur]].node_id,
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
		rs->dept_id = 0;
		free(rs->dept_name);
		rs->dept_name = NULL;
		rs->flag = -1;
		rs->status = -1;
		rm_rebuild(rs);
		ui_message(ui, "絞り込みを解除しました");
		break;
	default:
		return UI_KEY_UNHANDLED;
	}
	rm_scroll(rs);
	return UI_KEY_HANDLED;
}

static void
rm_refresh(struct ui *ui, void *state)
{
	struct rm_screen	*rs = state;

	/* A new size alone needs a new layout only; another year or its
	 * display re-reads, and so does coming back on top after a write
	 * (an entry saved), by this program or another. */
	if (rs->loaded_fy != ui->fy || rs->loaded_style != ui->fy_style ||
	    store_mark_changed(ui->store, &rs->mark))
		rm_reload(ui, rs);
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
	.hint = rm_hint
};
