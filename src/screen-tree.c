/*
 * The tree screen: a plan's hierarchy (基本方針 → 重点項目 → … → 取組),
 * labelled with the plan's own level names, codes as printed and flag
 * symbols, and for the chosen fiscal year the items below each node,
 * how many are entered, submitted and behind (see store-browse.h for
 * "behind"); under the list, the node under the cursor with, for a
 * heading, the year's figures (items by workflow state, status and grade,
 * indicators achieved or not). Enter or Right opens a node (and an action
 * item's sheet), Left closes it or goes up to its parent, S opens the
 * sheet of a node of any level (a policy's holds its indicators), E
 * enters what the node's sheet would (an item's results, a policy's
 * indicator's actual). / n N
 * search the plan's texts (codes, titles, 概要, 手段, 備考, yearly plans,
 * results; store-search.h) from the cursor, opening the way to a match
 * and naming the field it is in;
 * d f s filter by department, flag and status, c clears the filters; i
 * opens the indicator list, M the indicators the user reports.
 *
 * What is read follows what is shown: the top level and the children of
 * the open nodes (a node's children when it is opened, the way to a
 * search's hit), the headings' counts and figures from those the file
 * keeps (browse_tree_view). A filter by department or flag reads the
 * nodes it names and the headings above them (browse_tree_filtered) and
 * shows them all open. A filter by status alone counts the nodes shown
 * again for the status (the file keeps each heading's items by status)
 * and opens the headings with matches in order for a few screens of them
 * (TREE_FILTER_ITEMS); the rest stay closed with their counts. Clearing a
 * filter shows the nodes open before it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/deptlabel.h"
#include "shisaku/fy.h"
#include "shisaku/screen-edit.h"
#include "shisaku/screen-indicator.h"
#include "shisaku/screen-pager.h"
#include "shisaku/screen-search.h"
#include "shisaku/screen-sheet.h"
#include "shisaku/screen-tree.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-change.h"
#include "shisaku/store-search.h"
#include "shisaku/textfold.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-list.h"
#include "shisaku/ui-summary.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"
#include "shisaku/vocab.h"

#define TREE_NUM_W 5		/* each count column, at least */
#define TREE_NCOUNTS 5		/* 取組 入力 提出 確認 遅れ */
/* Under the list: the rule, the node, its counts and its figures. */
/* Under the rule: the node, its counts, the year's figures or an item's
 * behind line, and the ways to the indicators. */
#define TREE_DETAIL_H (3 + SUMMARY_NLINES)

static const enum key_action tree_actions[] = {
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
	ACT_OPEN, ACT_RIGHT, ACT_LEFT, ACT_EDIT, ACT_SHEET, ACT_FULLTEXT,
	ACT_SEARCH,
	ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV, ACT_FILTER_DEPT, ACT_FILTER_FLAG, ACT_FILTER_STATUS,
	ACT_FILTER_CLEAR, ACT_ROADMAP, ACT_INDICATORS, ACT_FILTER_MINE,
	ACT_HISTORY, ACT_ADD, ACT_MODIFY, ACT_DELETE
};

static const char *const tree_count_heads[TREE_NCOUNTS] = {
	"取組", "入力", "提出", "確認", "遅れ"
};

struct tree_screen {
	long long		 plan_id;
	struct browse_tree	*t;
	int			 loaded_fy;
	enum fy_style		 loaded_style;
	struct store_mark	 mark;		/* the database when read */
	long			*rows;		/* visible node indices */
	long			 nrows;
	struct ui_list		 list;
	struct browse_filter	 filter;
	/* The nodes open before a filter was chosen (sorted ids): clearing
	 * it reads the tree as it was shown then, not every node. */
	long long		*unfiltered_open;	/* NULL: no filter */
	size_t			 nunfiltered_open;
	/* And the tree as it was read then, with the database's mark and
	 * the year: shown again as it is while they still hold. */
	struct browse_tree	*unfiltered_t;
	struct store_mark	 unfiltered_mark;
	int			 unfiltered_fy;
	enum fy_style		 unfiltered_style;
	/* Layout for the current size. */
	int			 cols, title_w, dept_w, counts_x, detail_y;
	int			 num_w;		/* each count column */
	/* The hit of the last search (/ n N): where it is, for n and N to
	 * go on from, and what matched, shown while the cursor is on it. */
	int			 hit_valid;
	struct search_pos	 hit_pos;
	enum search_field	 hit_field;
	int			 hit_fy, hit_to_fy;
	char			*hit_text;
	/* Node ids in order with their index in the tree (built when first
	 * needed after a load), to place hits. */
	struct tree_idx		*idx;
	/* The cursor's row when the tree was last drawn: on a gap
	 * (TREE_GAP_BEFORE, TREE_GAP_AFTER), whether it came from above
	 * or below. */
	long			 drawn_cursor;
};

struct tree_idx {
	long long	 id;
	long		 i;
};

/* Nodes with hits read at a time by n and N. */
#define TREE_FIND_NODES 32

static int tree_on_hit(const struct tree_screen *ts);
static long tree_index_of(struct ui *ui, struct tree_screen *ts, long long id);

/* A row is a node's index, or a gap of children not read yet (struct
 * browse_gap): those just before node c, TREE_GAP_BEFORE(c), or after
 * the last child read of open heading p (-1: of the top level),
 * TREE_GAP_AFTER(p). A gap's row is drawn only when reading it failed,
 * since it is read before it comes within a screen of the cursor
 * (tree_read_more). */
#define TREE_GAP_BEFORE(c)	(-2 * (c) - 3)	/* -3, -5, ... */
#define TREE_GAP_AFTER(p)	(-2 * (p) - 4)	/* -2 (the top), -4, ... */

/* The gap of row `row' (< 0). */
static struct browse_gap
tree_gap_of(const struct browse_tree *t, long row)
{
	struct browse_gap	g;

	if (-row % 2 == 1) {
		g.before = (-row - 3) / 2;
		g.parent = t->nodes[g.before].parent;
	} else {
		g.before = -1;
		g.parent = (-row - 4) / 2;
	}
	return g;
}

static const struct browse_node *
tree_cursor_node(const struct tree_screen *ts)
{
	if (ts->nrows == 0 || ts->rows[ts->list.cursor] < 0)
		return NULL;
	return &ts->t->nodes[ts->rows[ts->list.cursor]];
}

/* The visible rows: shown nodes whose ancestors are all open, and the
 * gap of each open heading whose children are not all read. */
static void
tree_rebuild(struct tree_screen *ts)
{
	const struct browse_tree	*t = ts->t;
	long				 i = 0, n = 0, open[5];
	int				 nopen = 0;

	/* (A node, a gap before it, and the gap after the last child of
	 * a heading.) */
	ts->rows = xreallocarray(ts->rows, 3 * t->nnodes + 2,
	    sizeof *ts->rows);
	if (t->top_more)
		open[nopen++] = -1;
	for (;;) {
		/* The gaps after the last children read of the headings
		 * open above, innermost first (the top level's last). */
		while (nopen > 0 && (open[nopen - 1] < 0 ? (long)t->nnodes :
		    t->nodes[open[nopen - 1]].end) <= i)
			ts->rows[n++] = TREE_GAP_AFTER(open[--nopen]);
		if (i >= (long)t->nnodes)
			break;
		const struct browse_node *node = &t->nodes[i];

		if (node->gap_before)
			ts->rows[n++] = TREE_GAP_BEFORE(i);
		if (!node->shown) {
			i = node->end;
			continue;
		}
		ts->rows[n++] = i;
		if (!node->is_item && !node->expanded) {
			i = node->end;
			continue;
		}
		/* (Nodes are four deep at most: so are open headings.) */
		if (node->more &&
		    nopen < (int)(sizeof open / sizeof open[0]))
			open[nopen++] = i;
		i++;
	}
	ts->nrows = n;
	ui_list_set_rows(&ts->list, n);
}

/* Puts the cursor on node i if it is visible. Returns 1 if it is. */
static int
tree_cursor_to(struct tree_screen *ts, long i)
{
	long	r;

	for (r = 0; r < ts->nrows; r++)
		if (ts->rows[r] == i) {
			ts->list.cursor = r;
			ui_list_set_rows(&ts->list, ts->nrows);
			return 1;
		}
	return 0;
}

static int
tree_has_shown_child(const struct browse_tree *t, long i)
{
	long	j = i + 1;

	/* Children not read yet: a heading shown under a status filter
	 * has a match below it. */
	if (!t->nodes[i].loaded)
		return t->nodes[i].has_children;
	while (j < t->nodes[i].end) {
		if (t->nodes[j].shown)
			return 1;
		j = t->nodes[j].end;
	}
	return 0;
}

static int
tree_filter_active(const struct tree_screen *ts)
{
	return ts->filter.dept_id != 0 || ts->filter.flag >= 0 ||
	    ts->filter.which != BROWSE_ANY;
}

static int
tree_id_cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* The ids of the open nodes, sorted (NULL before the first read). */
static long long *
tree_open_ids(const struct tree_screen *ts, size_t *nopen)
{
	long long	*open_ids;
	size_t		 i;

	*nopen = 0;
	if (ts->t == NULL)
		return NULL;
	open_ids = xcalloc(ts->t->nnodes + 1, sizeof *open_ids);
	for (i = 0; i < ts->t->nnodes; i++)
		if (ts->t->nodes[i].expanded)
			open_ids[(*nopen)++] = ts->t->nodes[i].id;
	qsort(open_ids, *nopen, sizeof *open_ids, tree_id_cmp);
	return open_ids;
}

static int tree_read_open(struct ui *ui, struct tree_screen *ts,
    long long *open_ids, size_t nopen, struct browse_tree **keep_old);

/*
 * Reads the tree for the chosen year: for a filter by department or flag
 * what it names, else as it is shown (the top level and the children of
 * the open nodes, counts and figures from those the file keeps, counted
 * for the status filtered). Open nodes, the cursor's node and the filter
 * survive a reload (by id); the first time, the top level is open.
 * Returns 0, or -1 with the error shown.
 */
static int
tree_read(struct ui *ui, struct tree_screen *ts)
{
	size_t		 nopen;
	long long	*open_ids = tree_open_ids(ts, &nopen);

	return tree_read_open(ui, ts, open_ids, nopen, NULL);
}

/* Whether the filter names a department or a flag: what it shows is then
 * read apart (browse_tree_filtered). */
static int
tree_filter_names(const struct tree_screen *ts)
{
	return ts->filter.dept_id != 0 || ts->filter.flag >= 0;
}

/* How many nodes of the top level with children are shown closed, and
 * how many open. */
static void
tree_top_open(const struct browse_tree *t, long *closed, long *open)
{
	size_t	i;

	*closed = *open = 0;
	for (i = 0; i < t->nnodes; i++) {
		if (t->nodes[i].depth != 1 || !t->nodes[i].has_children)
			continue;
		if (t->nodes[i].expanded)
			(*open)++;
		else
			(*closed)++;
	}
}

/* tree_read with the open nodes given (sorted ids, freed here; NULL: the
 * top level open); with keep_old, the tree read before goes there instead
 * of being freed. */
static int
tree_read_open(struct ui *ui, struct tree_screen *ts, long long *open_ids,
    size_t nopen, struct browse_tree **keep_old)
{
	struct browse_tree	*t;
	char			*cause = NULL;
	long long		 cursor_id = 0;
	size_t			 i, d;
	long			 c = -1;
	int			 rc, unchanged;

	const char		*scale[SUMMARY_MAX_GRADES];
	int			 nscale = ui_summary_scale(ui, scale);

	if (ts->t != NULL && tree_cursor_node(ts) != NULL)
		cursor_id = tree_cursor_node(ts)->id;
	/* (Whether anything was written since the tree before was read.) */
	unchanged = ts->t != NULL && !store_mark_changed(ui->store, &ts->mark);
again:
	store_mark_take(ui->store, &ts->mark);
	if (tree_filter_names(ts))
		/* What the department or the flag names, and above it. */
		rc = browse_tree_filtered(ui->store, ts->plan_id, ui->fy,
		    ui_today_fy(ui), scale, nscale, &ts->filter, &t, &cause);
	else
		rc = browse_tree_view(ui->store, ts->plan_id, ui->fy,
		    ui_today_fy(ui), scale, nscale, ts->filter.which,
		    open_ids, nopen, &t, &cause);
	if (rc != 0) {
		ui_error(ui, "%s", cause);
		free(cause);
		free(open_ids);
		return -1;
	}
	if (ts->t != NULL) {
		int	 dropped = 0;

		/* A filtered department may not be in charge this year. */
		if (ts->filter.dept_id != 0 && t->filtered) {
			size_t	*charged = NULL, nc = 0;

			if (browse_tree_charged(ui->store, t, &charged, &nc,
			    &cause) != 0) {
				free(cause);
				cause = NULL;
			}
			for (d = 0; d < nc; d++)
				if (t->depts[charged[d]].id ==
				    ts->filter.dept_id)
					break;
			free(charged);
			if (d == nc) {
				ts->filter.dept_id = 0;
				dropped = 1;
			}
		}
		if (ts->filter.flag >= (int)t->nflags) {
			ts->filter.flag = -1;
			dropped = 1;
		}
		/* What was read for the filter dropped is read again. */
		if (dropped && t->filtered) {
			browse_tree_free(t);
			goto again;
		}
		if (unchanged)
			browse_tree_copy_outcomes(t, ts->t);
		if (keep_old != NULL)
			*keep_old = ts->t;
		else
			browse_tree_free(ts->t);
	}
	ts->t = t;
	ts->loaded_fy = ui->fy;
	ts->loaded_style = ui->fy_style;
	free(ts->idx);
	ts->idx = NULL;
	for (i = 0; i < t->nnodes; i++) {
		if (!t->partial)
			t->nodes[i].expanded = open_ids == NULL ?
			    t->nodes[i].depth == 1 :
			    bsearch(&t->nodes[i].id, open_ids, nopen,
			    sizeof *open_ids, tree_id_cmp) != NULL;
		if (t->nodes[i].id == cursor_id)
			c = (long)i;
	}
	/* The first read leaves nodes of the top level closed when their
	 * children are too many to read at once: say so, and how to open
	 * them. */
	if (open_ids == NULL && t->partial) {
		long	closed, open;

		tree_top_open(t, &closed, &open);
		if (closed > 0 && open == 0)
			ui_message(ui, "取組が多いため、最上位の階層を閉じて表示して"
			    "います（Enter で開きます）");
		else if (closed > 0)
			ui_message(ui, "取組が多いため、最上位の階層は先頭の %ld 件"
			    "だけを開いて表示しています（Enter で開きます）",
			    open);
	}
	free(open_ids);
	browse_tree_count(t, &ts->filter);
	tree_rebuild(ts);
	if (c >= 0)
		tree_cursor_to(ts, c);
	return 0;
}

/*
 * Reads the children of node i if they are not read yet (a database
 * changed meanwhile is read again first, so that they agree with the
 * counts above them). Returns 0, or -1 with the error shown.
 */
static int
tree_expand(struct ui *ui, struct tree_screen *ts, long i)
{
	long long	 id = ts->t->nodes[i].id;
	char		*cause = NULL;
	long		 j;

	if (ts->t->nodes[i].loaded)
		return 0;
	if (store_mark_changed(ui->store, &ts->mark)) {
		if (tree_read(ui, ts) != 0)
			return -1;
		for (j = 0; j < (long)ts->t->nnodes; j++)
			if (ts->t->nodes[j].id == id)
				break;
		if (j == (long)ts->t->nnodes)
			return -1;
		i = j;
	}
	if (browse_tree_expand(ui->store, ts->t, i, &cause) < 0) {
		ui_error(ui, "%s", cause);
		free(cause);
		return -1;
	}
	free(ts->idx);
	ts->idx = NULL;
	return 0;
}

/*
 * Another year with nothing written since the tree was read: only what
 * changes with the year is read again; the nodes, which are open, the
 * cursor and the filter stay. Falls back to reading all of it.
 */
static int
tree_year(struct ui *ui, struct tree_screen *ts)
{
	const struct browse_node *cn = tree_cursor_node(ts);
	long long		 cursor_id = cn != NULL ? cn->id : 0;
	char			*cause = NULL;
	long			 c;

	/* A tree read for a department or a flag reads the year anew
	 * (what they name changes with the year). */
	if (!ts->t->partial)
		return tree_read(ui, ts);
	store_mark_take(ui->store, &ts->mark);
	if (browse_tree_year(ui->store, ts->t, ui->fy, ui_today_fy(ui),
	    &cause) != 0) {
		free(cause);
		return tree_read(ui, ts);
	}
	/* What was read below closed nodes is forgotten: the cursor's node
	 * is found again by its id. */
	free(ts->idx);
	ts->idx = NULL;
	c = cursor_id != 0 ? tree_index_of(ui, ts, cursor_id) : -1;
	ts->loaded_fy = ui->fy;
	browse_tree_count(ts->t, &ts->filter);
	tree_rebuild(ts);
	if (c >= 0)
		tree_cursor_to(ts, c);
	return 0;
}

/* Opens the way to a node just added and puts the cursor on it. */
static void
tree_show_added(struct ui *ui, struct tree_screen *ts, long long id)
{
	long	i, p;

	if (id == 0)
		return;
	if ((i = tree_index_of(ui, ts, id)) < 0 || !ts->t->nodes[i].shown)
		return;
	for (p = ts->t->nodes[i].parent; p >= 0; p = ts->t->nodes[p].parent)
		ts->t->nodes[p].expanded = 1;
	tree_rebuild(ts);
	tree_cursor_to(ts, i);
}

static void
tree_layout(struct ui *ui, struct tree_screen *ts)
{
	int	h, cols, list_h;
	long	i;

	getmaxyx(ui_body(ui), h, cols);
	ts->cols = cols;
	ts->dept_w = cols >= 110 ? 16 : 0;
	/* The top nodes hold the largest counts. */
	ts->num_w = TREE_NUM_W;
	for (i = 0; i < (long)ts->t->nnodes; i = ts->t->nodes[i].end)
		ts->num_w = ui_summary_count_width(ts->t->nodes[i].items,
		    ts->num_w);
	ts->counts_x = cols - TREE_NCOUNTS * ts->num_w - 1;
	ts->title_w = ts->counts_x - 1 - (ts->dept_w ? ts->dept_w + 1 : 0) - 1;
	list_h = h - 1 - TREE_DETAIL_H - 1;
	if (list_h < 1)
		list_h = 1;
	ts->detail_y = 1 + list_h;
	ui_list_place(&ts->list, 1, 0, list_h, cols);
}

/* A node's code, flags ("" for none) and title as its row and the
 * detail show them (malloc'd); what is not read is blank (a node whose
 * reading failed when it was to be shown: browse_tree_fresh). */
static char *
tree_node_text(const struct browse_node *n, const char *flags)
{
	const char	*code = n->code != NULL ? n->code : "";
	const char	*title = n->title != NULL ? n->title : "";

	return xasprintf("%s%s%s%s%s", code, *code ? " " : "", flags,
	    *flags ? " " : "", title);
}

/* The flags of a node as shown in its row: symbols, or [label] for a
 * flag the plan gives no symbol. */
static char *
tree_flags_text(const struct browse_tree *t, const struct browse_node *n)
{
	char	*s = xstrdup(""), *next;
	size_t	 f;

	for (f = 0; f < t->nflags; f++) {
		if (!(n->flags & ((uint64_t)1 << f)))
			continue;
		if (t->flags[f].symbol[0] != '\0')
			next = xasprintf("%s%s", s, t->flags[f].symbol);
		else
			next = xasprintf("%s[%s]", s, t->flags[f].label);
		free(s);
		s = next;
	}
	return s;
}

/* The main department of a node (the first main one, else the first),
 * or "". */
static const char *
tree_main_dept(const struct browse_tree *t, const struct browse_node *n)
{
	size_t	i;

	for (i = 0; i < n->nassigns; i++)
		if (n->assigns[i].is_main)
			return t->depts[n->assigns[i].dept].name;
	return n->nassigns > 0 ? t->depts[n->assigns[0].dept].name : "";
}

/* The state word of an item's result for the year. */
static const char *
tree_state_label(const struct browse_node *n)
{
	static const char *const keys[] = {
		NULL, "draft", "submitted", "confirmed", "returned"
	};
	const char	*l;

	if (!n->in_year)
		return "期間外";
	if (n->state == BROWSE_STATE_NONE)
		return "未入力";
	l = vocab_label(VOCAB_STATE, keys[n->state]);
	return l != NULL ? l : "";
}

static void
tree_put_right(WINDOW *w, int y, int x, const char *s, int width, attr_t a)
{
	int	sw = tw_width(s);

	ui_put(w, y, x + (sw < width ? width - sw : 0), s, width, 0, a);
}

static void
tree_draw_row(struct ui *ui, void *owner, long row, int y, int x, int cols,
    int selected)
{
	struct tree_screen		*ts = owner;
	const struct browse_tree	*t = ts->t;
	long				 i = ts->rows[row];
	const struct browse_node	*n;
	WINDOW				*w = ui_body(ui);
	attr_t				 a = selected ? ui_attr(ui, UI_SELECT) :
					    A_NORMAL;
	attr_t				 mark = a | ui_attr(ui, UI_MARK);
	char				*flags, *text, num[32];
	const char			*marker;
	long				 counts[TREE_NCOUNTS];
	int				 indent, cx, k;

	ui_put(w, y, x, "", cols, 1, a);
	if (i < 0) {	/* children not read yet: reading them failed */
		struct browse_gap g = tree_gap_of(t, i);

		indent = g.parent < 0 ? 0 : t->nodes[g.parent].depth * 2;
		ui_put(w, y, x + 1 + indent, "…", cols - 1 - indent, 0,
		    a | ui_attr(ui, UI_DIM));
		return;
	}
	n = &t->nodes[i];
	indent = (n->depth - 1) * 2;
	if (n->is_item)
		marker = " ";
	else if (!tree_has_shown_child(t, i))
		marker = ".";
	else
		marker = n->expanded ? "-" : "+";
	cx = x + 1 + indent;
	ui_put(w, y, cx, marker, 1, 0, a | A_BOLD);
	cx += 2;
	flags = tree_flags_text(t, n);
	text = tree_node_text(n, flags);
	ui_put_cell(w, y, cx, text, ts->title_w - (cx - x), 0,
	    n->is_item ? a : a | A_BOLD);
	free(text);
	free(flags);
	if (ts->dept_w > 0 && n->is_item)
		ui_put_cell(w, y, ts->counts_x - 1 - ts->dept_w,
		    tree_main_dept(t, n), ts->dept_w, 0, a);
	if (n->is_item) {
		int behind = browse_item_behind(t, n);

		/* An item shows its own state instead of counts. */
		tree_put_right(w, y, ts->counts_x, tree_state_label(n),
		    (TREE_NCOUNTS - 1) * ts->num_w,
		    n->state == BROWSE_STATE_RETURNED ? mark : a);
		if (behind)
			tree_put_right(w, y, ts->counts_x + (TREE_NCOUNTS - 1) *
			    ts->num_w, "遅れ", ts->num_w, mark);
		return;
	}
	counts[0] = n->items;
	counts[1] = n->entered;
	counts[2] = n->submitted;
	counts[3] = n->confirmed;
	counts[4] = n->behind;
	for (k = 0; k < TREE_NCOUNTS; k++) {
		snprintf(num, sizeof num, "%ld", counts[k]);
		tree_put_right(w, y, ts->counts_x + k * ts->num_w, num,
		    ts->num_w, k == TREE_NCOUNTS - 1 && counts[k] > 0 ? mark : a);
	}
}

/* The filters in force, "担当課=総務課 状況=遅れ", or "" (malloc'd). */
static char *
tree_filter_text(const struct tree_screen *ts)
{
	const struct browse_tree *t = ts->t;
	const char	*dept = NULL, *flag = NULL, *which = NULL;
	size_t		 d;

	if (ts->filter.dept_id != 0)
		for (d = 0; d < t->ndepts; d++)
			if (t->depts[d].id == ts->filter.dept_id)
				dept = t->depts[d].name;
	if (ts->filter.flag >= 0 && (size_t)ts->filter.flag < t->nflags)
		flag = t->flags[ts->filter.flag].label;
	if (ts->filter.which != BROWSE_ANY)
		which = browse_which_label(ts->filter.which);
	return xasprintf("%s%s%s%s%s%s%s%s", dept ? "担当課=" : "",
	    dept ? dept : "", dept && (flag || which) ? " " : "",
	    flag ? "区分=" : "", flag ? flag : "", flag && which ? " " : "",
	    which ? "状況=" : "", which ? which : "");
}

/* Instead of the hint, while the cursor is on the last search's hit:
 * the field that matched and the text around the match, marked. */
static void
tree_draw_hit(struct ui *ui, struct tree_screen *ts, WINDOW *w, int y)
{
	char	*tag = screen_search_tag(ui, ts->hit_field, ts->hit_fy,
		    ts->hit_to_fy), *head, *ex, *piece;
	size_t	 at, len;
	int	 x = 1, cols = ts->cols - 2;

	head = xasprintf("一致「%s」: ", tag);
	x += ui_put(w, y, x, head, cols, 0, ui_attr(ui, UI_HEADER));
	free(head);
	free(tag);
	ex = tf_excerpt(ts->hit_text, ts->list.search, 10, &at, &len);
	piece = xstrndup(ex, at);
	x += ui_put(w, y, x, piece, cols - x + 1, 0, A_NORMAL);
	free(piece);
	piece = xstrndup(ex + at, len);
	x += ui_put(w, y, x, piece, cols - x + 1, 0, ui_attr(ui, UI_MARK));
	free(piece);
	ui_put(w, y, x, ex + at + len, cols - x + 1, 0, A_NORMAL);
	free(ex);
}

/* The hint under the details: how those who report indicators reach
 * them (a policy's indicators have no item to open). */
static void
tree_draw_hint(struct ui *ui, struct tree_screen *ts, WINDOW *w, int y)
{
	char	i[32], m[32], s[32], *t;
	enum role r = ui->session != NULL ? ui->session->role : ROLE_NONE;

	if (y >= getmaxy(w))
		return;
	if (tree_on_hit(ts)) {
		tree_draw_hit(ui, ts, w, y);
		return;
	}
	snprintf(i, sizeof i, "%s", keys_action_keys(ACT_INDICATORS));
	snprintf(m, sizeof m, "%s", keys_action_keys(ACT_FILTER_MINE));
	snprintf(s, sizeof s, "%s", keys_action_keys(ACT_SHEET));
	if (r == ROLE_CLERK || r == ROLE_PLANNER)
		t = xasprintf("指標: %s 一覧  %s 自分の担当（実績値の入力）  "
		    "%s この項目のシート", i, m, s);
	else
		t = xasprintf("指標: %s 一覧  %s この項目のシート", i, s);
	ui_put(w, y, 1, t, ts->cols - 2, 0, ui_attr(ui, UI_DIM));
	free(t);
}

/* The three lines under the list: the node under the cursor in full. */
static void
tree_draw_detail(struct ui *ui, struct tree_screen *ts, WINDOW *w)
{
	const struct browse_tree	*t = ts->t;
	const struct browse_node	*n = tree_cursor_node(ts);
	char				 lbuf[32];
	char				 c[FY_BUFSZ];
	char				*line, *depts, *next, *flags, *text;
	char				*cause = NULL;
	const char			*level;
	int				 y = ts->detail_y, cols = ts->cols, i;
	int				 filtered;
	size_t				 k, f;

	for (i = 0; i < cols; i++)
		mvwaddch(w, y, i, '-');
	/* The filters on the rule, where they are seen at any width. */
	line = tree_filter_text(ts);
	filtered = *line != '\0';
	if (filtered) {
		next = xasprintf(" 絞り込み: %s （%s で解除） ", line,
		    keys_action_keys(ACT_FILTER_CLEAR));
		ui_put(w, y, 2, next, cols - 4, 0, ui_attr(ui, UI_MARK));
		free(next);
	}
	free(line);
	if (n == NULL)
		return;
	/* A heading's indicators, read the first time it is shown. */
	if (!n->is_item && browse_node_outcomes(ui->store, ts->t, n,
	    &cause) != 0) {
		ui_error(ui, "%s", cause);
		free(cause);
	}
	level = browse_level_name(t, n, lbuf);
	text = tree_node_text(n, "");
	line = xasprintf("[%s] %s", level, text);
	free(text);
	ui_put_cell(w, y + 1, 1, line, cols - 2, 0, ui_attr(ui, UI_HEADER));
	free(line);

	depts = xstrdup("");
	for (k = 0; k < n->nassigns; k++) {
		/* ★ before the main one, as the sheet marks it. */
		next = xasprintf("%s%s%s%s", depts, k > 0 ? " " : "",
		    n->assigns[k].is_main && n->nassigns > 1 ?
		    screen_sheet_symbol(ui, "★") : "",
		    t->depts[n->assigns[k].dept].name);
		free(depts);
		depts = next;
	}
	flags = xstrdup("");
	for (f = 0; f < t->nflags; f++) {
		if (!(n->flags & ((uint64_t)1 << f)))
			continue;
		next = xasprintf("%s%s%s%s", flags, *flags ? " " : "",
		    screen_sheet_symbol(ui, t->flags[f].symbol),
		    t->flags[f].label);
		free(flags);
		flags = next;
	}
	if (n->is_item) {
		const char *status = NULL;
		static const char *const keys[] = {
			NULL, "not_started", "in_progress", "done",
			"postponed", "cancelled"
		};
		static const int shrink[] = { 0, 1, 0, 1, 0, 0 };
		const char *parts[6];
		char	*span, *period, *year;
		int	first, last;

		if (n->status != BROWSE_STATUS_NONE)
			status = vocab_label(VOCAB_STATUS, keys[n->status]);
		/* (The years it is counted in, as its sheet gives them:
		 * its own ends, else a heading's above it, else the
		 * plan's.) */
		browse_node_period(t, n, &first, &last);
		span = fy_format_span(first, last, ui->fy_style);
		period = xasprintf("  期間: %s", span);
		free(span);
		year = xasprintf("  %s: %s%s%s%s", ui_fy(ui, ui->fy, c),
		    tree_state_label(n), status ? "（" : "",
		    status ? status : "", status ? "）" : "");
		/* The departments and flags give way, so that the period
		 * and the year's state after them stay whole. */
		parts[0] = *depts ? "担当: " : "担当課なし";
		parts[1] = depts;
		parts[2] = *flags ? "  区分: " : "";
		parts[3] = flags;
		parts[4] = period;
		parts[5] = year;
		line = tw_fit_parts(parts, shrink, 6, cols - 2, 8);
		free(period);
		free(year);
	} else
		/* Under a filter the counts are the filter's, the figures
		 * below them the heading's whole (they are kept, not
		 * counted for every filter): say which is which. */
		line = xasprintf("%s%s: %ld 件  入力 %ld  提出 %ld  確認 %ld  "
		    "遅れ %ld%s%s%s%s%s", filtered ? "条件に合う" : "",
		    t->levels[t->max_depth - 1][0] ?
		    t->levels[t->max_depth - 1] : "取組", n->items,
		    n->entered, n->submitted, n->confirmed, n->behind,
		    filtered ? "（下は絞り込み前の全体）" : "",
		    *depts ? "  担当: " : "", depts,
		    *flags ? "  区分: " : "", flags);
	ui_put_cell(w, y + 2, 1, line, cols - 2, 0, A_NORMAL);
	free(line);
	free(depts);
	free(flags);
	/* (Cut with a mark on a narrow terminal, as every line is.) */
	if (n->is_item && browse_item_behind(t, n))
		ui_put_cell(w, y + 3, 1, "遅れ: 入力期限を過ぎた（年度が締め切られ"
		    "た、または期限なしで終わった）のに実績が提出されていません",
		    cols - 2, 0, ui_attr(ui, UI_MARK));
	else if (n->is_item && n->in_year && !n->planned)
		ui_put_cell(w, y + 3, 1, "この年度の予定（期間・年次計画・目標値）が"
		    "ないため、遅れには数えません", cols - 2, 0,
		    ui_attr(ui, UI_DIM));
	else if (!n->is_item && browse_node_summary(t, n) != NULL)
		ui_summary_draw(ui, w, y + 3, 1, cols - 2, SUMMARY_NLINES,
		    browse_node_summary(t, n));
	/* The last line: the ways to the indicators. */
	tree_draw_hint(ui, ts, w, y + 3 + SUMMARY_NLINES);
}

static void
tree_draw_empty(struct ui *ui, struct tree_screen *ts, WINDOW *w)
{
	char	*s;

	if (ts->t->nnodes > 0) {
		ui_put(w, 2, 2, "条件に合う取組がありません", ts->cols - 3, 0,
		    ui_attr(ui, UI_DIM));
		return;
	}
	s = xasprintf("この計画には施策がありません（企画担当は %s で追加）",
	    keys_action_keys(ACT_ADD));
	ui_put(w, 2, 2, s, ts->cols - 3, 0, ui_attr(ui, UI_DIM));
	free(s);
}

/* The rows within a screen's height of the cursor: [*from, *to). */
static void
tree_window(const struct tree_screen *ts, long *from, long *to)
{
	long	h = ts->list.height > 0 ? ts->list.height : 1;

	*from = ts->list.cursor - h < 0 ? 0 : ts->list.cursor - h;
	*to = ts->list.cursor + h + 1 > ts->nrows ? ts->nrows :
	    ts->list.cursor + h + 1;
}

/* The row of node i, or -1 when it is not a row. The rows are in the
 * nodes' order, a gap just before the node at its index
 * (browse_gap_index): a node's key is 2i + 1, a gap's twice its index. */
static long
tree_row_of(const struct tree_screen *ts, long i)
{
	long			 lo = 0, hi = ts->nrows, mid, key;
	long			 want = 2 * i + 1;
	struct browse_gap	 g;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ts->rows[mid] < 0)
			g = tree_gap_of(ts->t, ts->rows[mid]);
		key = ts->rows[mid] >= 0 ? 2 * ts->rows[mid] + 1 :
		    2 * browse_gap_index(ts->t, &g);
		if (key < want)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ts->nrows && ts->rows[lo] == i ? lo : -1;
}

/* Row value v (a node's index or a gap's row) once k nodes were put at
 * index at. */
static long
tree_moved(long v, long at, long k)
{
	long	c;

	if (v >= 0)
		return v >= at ? v + k : v;
	if (-v % 2 == 1) {
		c = (-v - 3) / 2;
		return TREE_GAP_BEFORE(c >= at ? c + k : c);
	}
	c = (-v - 4) / 2;
	return TREE_GAP_AFTER(c >= at ? c + k : c);
}

/* The row of value v (a node's index or a gap's row), or -1. */
static long
tree_row_of_value(const struct tree_screen *ts, long v)
{
	long	r;

	if (v >= 0)
		return tree_row_of(ts, v);
	for (r = 0; r < ts->nrows; r++)
		if (ts->rows[r] == v)
			return r;
	return -1;
}

/*
 * Reads the children not read yet of every gap (a row TREE_GAP_BEFORE or
 * TREE_GAP_AFTER) within a screen's height of the cursor, a part at a
 * time from the side the cursor is on (after the child read before the
 * gap when the cursor is above it, before the one read after it when it
 * is below), so that no screen shows it: a heading of 66,000 items costs
 * what is shown of it, wherever the cursor goes. The cursor and the first
 * row shown stay on their nodes; a cursor on the gap itself takes the
 * child read next to where it came from (drawn_cursor).
 */
static void
tree_read_more(struct ui *ui, struct tree_screen *ts)
{
	struct browse_gap	 g;
	long			 from, to, r, at, k, cur, top, cr, gap;
	char			*cause = NULL;
	int			 dir;

	if (!ts->t->partial)
		return;
	for (;;) {
		tree_window(ts, &from, &to);
		for (r = from; r < to && ts->rows[r] >= 0; r++)
			;
		if (r >= to)
			return;
		gap = ts->rows[r];
		g = tree_gap_of(ts->t, gap);
		cr = ts->list.cursor;
		/* The cursor on the gap: from below (or at the end, G),
		 * the children before the ones read after it. */
		if (r == cr)
			dir = cr == ts->nrows - 1 || ts->drawn_cursor > cr ?
			    -1 : 1;
		else
			dir = r > cr ? 1 : -1;
		cur = ts->rows[cr];
		top = ts->list.top >= 0 && ts->list.top < ts->nrows ?
		    ts->rows[ts->list.top] : cur;
		at = browse_gap_index(ts->t, &g);
		k = browse_tree_more(ui->store, ts->t, &g, dir, &cause);
		if (k < 0) {
			ui_error(ui, "%s", cause);
			free(cause);
			return;
		}
		free(ts->idx);
		ts->idx = NULL;
		tree_rebuild(ts);
		/* Indices from the gap on moved by k: a node's, a gap's;
		 * on the gap read, the cursor takes the child read next to
		 * where it came from (the first read forward, the last read
		 * backward, after the row of what is left of the gap). */
		if (cur == gap)
			ts->list.cursor = dir > 0 ? cr : k > 0 &&
			    ts->t->nodes[at].gap_before ? cr + k : cr + k - 1;
		else
			ts->list.cursor = tree_row_of_value(ts,
			    tree_moved(cur, at, k));
		ts->list.top = top == gap ? ts->list.cursor :
		    tree_row_of_value(ts, tree_moved(top, at, k));
		if (ts->list.cursor < 0)
			ts->list.cursor = 0;
		if (ts->list.cursor >= ts->nrows)
			ts->list.cursor = ts->nrows - 1;
		if (ts->list.top < 0 || ts->list.top > ts->list.cursor)
			ts->list.top = ts->list.cursor;
		ui_list_set_rows(&ts->list, ts->nrows);
		if (k == 0 && browse_gap_open(ts->t, &g))
			return;		/* nothing read: do not loop */
	}
}

/* Reads what of the nodes about to be drawn was left unread (by a change
 * of year, or by a filter's read): the rows within a screen's height of
 * the cursor (wherever the list scrolls to, it shows no others), after the
 * children not read yet near them (tree_read_more). */
static void
tree_fresh_window(struct ui *ui, struct tree_screen *ts)
{
	long	 from, to, r, *idx;
	size_t	 n = 0;
	char	*cause = NULL;

	if (ts->nrows == 0 || !(ts->t->partial || ts->t->filtered))
		return;
	tree_read_more(ui, ts);
	ts->drawn_cursor = ts->list.cursor;
	tree_window(ts, &from, &to);
	idx = xcalloc((size_t)(to - from) + 1, sizeof *idx);
	for (r = from; r < to; r++)
		if (ts->rows[r] >= 0)
			idx[n++] = ts->rows[r];
	if (browse_tree_fresh(ui->store, ts->t, idx, n, &cause) != 0) {
		ui_error(ui, "%s", cause);
		free(cause);
	}
	free(idx);
}

static void
tree_draw(struct ui *ui, void *state)
{
	struct tree_screen	*ts = state;
	const struct browse_tree *t = ts->t;
	WINDOW			*w = ui_body(ui);
	attr_t			 h = ui_attr(ui, UI_FROZEN);
	char			*path = xstrdup(""), *next;
	const char		*leaf;
	int			 d, k;

	tree_layout(ui, ts);
	tree_fresh_window(ui, ts);
	ui_put(w, 0, 0, "", ts->cols, 1, h);
	for (d = 0; d < t->max_depth && d < 4; d++) {
		next = xasprintf("%s%s%s", path, d > 0 ? " > " : "",
		    t->levels[d][0] ? t->levels[d] : "-");
		free(path);
		path = next;
	}
	ui_put(w, 0, 1, path, ts->title_w, 0, h);
	free(path);
	if (ts->dept_w > 0)
		ui_put(w, 0, ts->counts_x - 1 - ts->dept_w, "主担当課",
		    ts->dept_w, 0, h);
	/* The items' count by the plan's own word for them (事業) where
	 * the column holds it, else 取組. */
	leaf = browse_items_word(t);
	for (k = 0; k < TREE_NCOUNTS; k++)
		tree_put_right(w, 0, ts->counts_x + k * ts->num_w,
		    k == 0 && *leaf != '\0' && tw_width(leaf) < ts->num_w ?
		    leaf : tree_count_heads[k], ts->num_w, h);
	if (ts->nrows == 0)
		tree_draw_empty(ui, ts, w);
	else
		ui_list_draw(ui, &ts->list);
	tree_draw_detail(ui, ts, w);
}

static int
tree_idx_cmp(const void *a, const void *b)
{
	const struct tree_idx *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* The index in the tree of node id, or -1; a node not read yet is read
 * with the way to it. */
static long
tree_index_of(struct ui *ui, struct tree_screen *ts, long long id)
{
	struct tree_idx	 key = { 0, 0 }, *found;
	size_t		 i, n = ts->t->nnodes;
	char		*cause = NULL;
	long		 at;

	if (ts->idx == NULL) {
		ts->idx = xcalloc(n + 1, sizeof *ts->idx);
		for (i = 0; i < n; i++) {
			ts->idx[i].id = ts->t->nodes[i].id;
			ts->idx[i].i = (long)i;
		}
		/* (A plan's nodes are numbered in its order as a rule:
		 * the tree's order is the ids' but for nodes added later.) */
		sort_mostly_sorted(ts->idx, n, sizeof *ts->idx, tree_idx_cmp);
	}
	key.id = id;
	found = bsearch(&key, ts->idx, n, sizeof *ts->idx, tree_idx_cmp);
	if (found != NULL || !ts->t->partial)
		return found != NULL ? found->i : -1;
	if (browse_tree_find(ui->store, ts->t, id, &at, &cause) != 0) {
		ui_error(ui, "%s", cause);
		free(cause);
		at = -1;
	}
	/* What was read moved the nodes after it. */
	free(ts->idx);
	ts->idx = NULL;
	return at;
}

/* Opens the way to node i and puts the cursor on it. */
static void
tree_goto(struct tree_screen *ts, long i)
{
	long	p;

	for (p = ts->t->nodes[i].parent; p >= 0; p = ts->t->nodes[p].parent)
		ts->t->nodes[p].expanded = 1;
	tree_rebuild(ts);
	tree_cursor_to(ts, i);
}

static void
tree_set_hit(struct tree_screen *ts, const struct search_hit *h)
{
	free(ts->hit_text);
	ts->hit_text = NULL;
	ts->hit_valid = h != NULL;
	if (h == NULL)
		return;
	ts->hit_pos = h->pos;
	ts->hit_field = h->field;
	ts->hit_fy = h->fy;
	ts->hit_to_fy = h->to_fy;
	ts->hit_text = xstrdup(h->text);
}

/* Whether the cursor is on the last hit's node. */
static int
tree_on_hit(const struct tree_screen *ts)
{
	const struct browse_node *n = tree_cursor_node(ts);

	return ts->hit_valid && n != NULL && n->id == ts->hit_pos.node_id;
}

/* Says where the hit is, unless its row shows it: its field and the
 * text around the match. */
static void
tree_say_hit(struct ui *ui, struct tree_screen *ts, int wrapped, int dir)
{
	char	*tag = screen_search_tag(ui, ts->hit_field, ts->hit_fy,
		    ts->hit_to_fy), *ex;

	if (wrapped)
		ui_message(ui, "%s: %s（%s）", dir > 0 ?
		    "末尾まで検索したので先頭から続けました" :
		    "先頭まで検索したので末尾から続けました", ts->list.search,
		    tag);
	else if (ts->hit_field != SEARCH_CODE && ts->hit_field != SEARCH_TITLE) {
		/* A match the row does not show. */
		ex = tf_excerpt(ts->hit_text, ts->list.search, 8, NULL, NULL);
		ui_message(ui, "「%s」に一致: %s", tag, ex);
		free(ex);
	}
	free(tag);
}

/*
 * Searches the plan's texts (store-search.h) from the cursor in
 * direction dir, round at the ends, for a hit on a node the filter
 * shows; opens the way to it and says which field matched. On the last
 * hit's node, n and N go on from that hit (a node may hold several).
 */
static void
tree_find(struct ui *ui, struct tree_screen *ts, int dir)
{
	const char			*needle = ts->list.search;
	const struct browse_node	*cur = tree_cursor_node(ts);
	struct search_query		 q;
	struct search_page		 pg;
	struct search_pos		 from;
	const struct search_pos		*fromp = NULL;
	char				*cause = NULL;
	size_t				 k;
	long				 i;
	int				 wrapped = 0, from_start;

	if (needle == NULL || *needle == '\0') {
		ui_message(ui, "検索する文字列がありません（%s で検索）",
		    keys_action_keys(ACT_SEARCH));
		return;
	}
	if (tree_on_hit(ts)) {
		from = ts->hit_pos;
		fromp = &from;
	} else if (cur != NULL && store_search_pos_at(ui->store, cur->id,
	    dir > 0 ? SEARCH_FIELD_COUNT : -1, &from, &cause) == 0)
		fromp = &from;
	free(cause);
	cause = NULL;
	from_start = fromp == NULL;
	q.text = needle;
	q.plan_id = ts->plan_id;
	q.with_plans = 0;
	for (;;) {
		if (store_search(ui->store, &q, fromp, dir, TREE_FIND_NODES,
		    &pg, &cause) != 0) {
			ui_error(ui, "%s", cause);
			free(cause);
			return;
		}
		for (k = 0; k < pg.n; k++) {
			i = tree_index_of(ui, ts, pg.hits[k].pos.node_id);
			if (i < 0 || !ts->t->nodes[i].shown)
				continue;
			tree_goto(ts, i);
			tree_set_hit(ts, &pg.hits[k]);
			search_page_free(&pg);
			tree_say_hit(ui, ts, wrapped, dir);
			return;
		}
		if (pg.more && pg.n > 0) {
			from = pg.hits[pg.n - 1].pos;
			fromp = &from;
		} else if (!wrapped && !from_start) {
			/* Round from the other end. */
			wrapped = 1;
			fromp = NULL;
		} else {
			search_page_free(&pg);
			break;
		}
		search_page_free(&pg);
	}
	ui_message(ui, "見つかりません: %s", needle);
}

/* The number of matching items in the year over all top nodes. */
static long
tree_matching_items(const struct browse_tree *t)
{
	long	i = 0, total = 0;

	while (i < (long)t->nnodes) {
		total += t->nodes[i].items;
		i = t->nodes[i].end;
	}
	return total;
}

/* Forgets the nodes open before the filter, and the tree kept from then. */
static void
tree_unfiltered_forget(struct tree_screen *ts)
{
	free(ts->unfiltered_open);
	ts->unfiltered_open = NULL;
	ts->nunfiltered_open = 0;
	browse_tree_free(ts->unfiltered_t);
	ts->unfiltered_t = NULL;
}

/* The items a status filter shows, about, in the headings it opens: a
 * few screens. */
#define TREE_FILTER_ITEMS 300

/*
 * Opens, in the plan's order, the closed headings of a tree read as
 * shown that hold an item the status filter lets through, until about
 * TREE_FILTER_ITEMS of them are shown; the others stay closed, their
 * counts saying what they hold. Returns 0, or -1 with the error shown.
 */
static int
tree_filter_open(struct ui *ui, struct tree_screen *ts)
{
	long	 left = TREE_FILTER_ITEMS, i = 0;
	char	*cause = NULL;

	while (i < (long)ts->t->nnodes) {
		struct browse_node *n = &ts->t->nodes[i];

		if (!n->shown || n->is_item) {
			left -= n->shown;
			i = n->end;
			continue;
		}
		if (!n->expanded) {
			if (left <= 0 || !n->has_children) {
				i = n->end;
				continue;
			}
			if (browse_tree_expand(ui->store, ts->t, i,
			    &cause) < 0) {
				ui_error(ui, "%s", cause);
				free(cause);
				return -1;
			}
			ts->t->nodes[i].expanded = 1;
		}
		i++;
	}
	free(ts->idx);
	ts->idx = NULL;
	return 0;
}

/*
 * Counts the tree read as shown again for the status filtered (none when
 * the filter is cleared), keeping its nodes: those shown are read again
 * by id. Reads it anew when the database or the year changed since.
 * Returns 0, or -1 with the error shown.
 */
static int
tree_recount(struct ui *ui, struct tree_screen *ts)
{
	char	*cause = NULL;

	if (ts->loaded_fy != ui->fy ||
	    ts->loaded_style != ui->fy_style ||
	    store_mark_changed(ui->store, &ts->mark))
		return tree_read(ui, ts);
	store_mark_take(ui->store, &ts->mark);
	if (browse_tree_which(ui->store, ts->t, ts->filter.which,
	    ui_today_fy(ui), &cause) != 0) {
		free(cause);
		return tree_read(ui, ts);
	}
	free(ts->idx);
	ts->idx = NULL;
	return 0;
}

/* At the filter's first choice, remembers the nodes open without one.
 * Returns 1 then (the tree itself may be kept too), else 0. */
static int
tree_unfiltered_note(struct tree_screen *ts)
{
	if (ts->unfiltered_open != NULL)
		return 0;
	ts->unfiltered_open = tree_open_ids(ts, &ts->nunfiltered_open);
	ts->unfiltered_mark = ts->mark;
	ts->unfiltered_fy = ts->loaded_fy;
	ts->unfiltered_style = ts->loaded_style;
	return 1;
}

/* The nodes open before the filter (sorted ids), a copy. */
static long long *
tree_unfiltered_ids(const struct tree_screen *ts, size_t *n)
{
	long long	*ids = xcalloc(ts->nunfiltered_open + 1, sizeof *ids);

	memcpy(ids, ts->unfiltered_open, ts->nunfiltered_open * sizeof *ids);
	*n = ts->nunfiltered_open;
	return ids;
}

/*
 * Applies the filter. One by department or flag reads what it names and
 * opens all of it. One by status alone counts the tree as shown again
 * and opens the headings with matches, in order, for a few screens of
 * them. Without a filter any more, the tree is shown as it was before
 * the filter was chosen (the nodes open then; the tree kept then, when
 * nothing was written since), with the way down to the cursor's node
 * open: never the whole tree.
 */
static int
tree_apply_filter(struct ui *ui, struct tree_screen *ts)
{
	const struct browse_node	*cur = tree_cursor_node(ts);
	long long			 keep_id = cur != NULL ? cur->id : 0;
	long				 keep = -1, p;
	char				 fy[FY_BUFSZ];
	size_t				 i, nopen;
	int				 active = tree_filter_active(ts);
	long long			*open_ids;

	if (active) {
		struct browse_tree	**keep_old = NULL;

		/* A filter by department or flag reads a tree of its own:
		 * the first keeps the one shown without a filter. */
		if (tree_unfiltered_note(ts) && tree_filter_names(ts))
			keep_old = &ts->unfiltered_t;
		if (tree_filter_names(ts)) {
			open_ids = tree_open_ids(ts, &nopen);
			if (tree_read_open(ui, ts, open_ids, nopen,
			    keep_old) != 0)
				return -1;
		} else if (ts->t->partial) {
			if (tree_recount(ui, ts) != 0)
				return -1;
		} else {
			/* From what a department or flag named: the tree
			 * as shown before the filter. */
			open_ids = tree_unfiltered_ids(ts, &nopen);
			if (tree_read_open(ui, ts, open_ids, nopen,
			    NULL) != 0)
				return -1;
		}
	} else if (ts->unfiltered_t != NULL && ts->unfiltered_fy == ui->fy &&
	    ts->unfiltered_style == ui->fy_style &&
	    !store_mark_changed(ui->store, &ts->unfiltered_mark)) {
		/* Nothing written since: the tree as it was. */
		browse_tree_free(ts->t);
		ts->t = ts->unfiltered_t;
		ts->unfiltered_t = NULL;
		ts->mark = ts->unfiltered_mark;
		ts->loaded_fy = ui->fy;
		ts->loaded_style = ui->fy_style;
		free(ts->idx);
		ts->idx = NULL;
		tree_unfiltered_forget(ts);
	} else if (ts->unfiltered_open != NULL && ts->t->partial &&
	    !browse_tree_read_whole(ts->t)) {
		/* A status alone: the same nodes, open as before it,
		 * counted for no status (a tree the status read whole is
		 * read anew instead, in parts: counted again, its top level
		 * of 20,000 policies took 72 ms, and every year after it
		 * 53-99 ms). */
		for (i = 0; i < ts->t->nnodes; i++)
			ts->t->nodes[i].expanded = bsearch(&ts->t->nodes[i].id,
			    ts->unfiltered_open, ts->nunfiltered_open,
			    sizeof *ts->unfiltered_open, tree_id_cmp) != NULL;
		if (tree_recount(ui, ts) != 0)
			return -1;
		tree_unfiltered_forget(ts);
	} else if (ts->unfiltered_open != NULL) {
		/* (Forgotten once read: a failed read may be tried again.) */
		nopen = ts->nunfiltered_open;
		open_ids = xcalloc(nopen + 1, sizeof *open_ids);
		if (nopen > 0)
			memcpy(open_ids, ts->unfiltered_open,
			    nopen * sizeof *open_ids);
		if (tree_read_open(ui, ts, open_ids, nopen, NULL) != 0)
			return -1;
		tree_unfiltered_forget(ts);
	} else if (ts->t->filtered) {
		/* What a department or flag named, with nothing kept of
		 * the tree before it: the tree anew, its top level open. */
		if (tree_read_open(ui, ts, NULL, 0, NULL) != 0)
			return -1;
	}
	browse_tree_count(ts->t, &ts->filter);
	/* (On a tree read as shown, the way down to it is read.) */
	if (keep_id != 0 && (keep = tree_index_of(ui, ts, keep_id)) >= 0 &&
	    ts->t->nodes[keep].shown)
		for (p = ts->t->nodes[keep].parent; p >= 0;
		    p = ts->t->nodes[p].parent)
			ts->t->nodes[p].expanded = 1;
	if (active && ts->t->partial)
		tree_filter_open(ui, ts);
	else if (active)
		for (i = 0; i < ts->t->nnodes; i++)
			ts->t->nodes[i].expanded = 1;
	/* The cursor's node may have moved in the nodes read meanwhile. */
	if (keep_id != 0)
		keep = tree_index_of(ui, ts, keep_id);
	tree_rebuild(ts);
	if (keep < 0 || !tree_cursor_to(ts, keep))
		ts->list.cursor = 0;
	ui_list_set_rows(&ts->list, ts->nrows);
	if (ts->t->nnodes > 0 && ts->nrows == 0)
		ui_message(ui, "条件に合う取組がありません");
	else if (active)
		ui_message(ui, "条件に合う取組: %s は %ld 件",
		    ui_fy(ui, ui->fy, fy), tree_matching_items(ts->t));
	return 0;
}

/*
 * Sets the filter to *to and applies it. When what it names cannot be
 * read (the error is shown), the filter stays as it was, as does the
 * tree shown with it: the rule never names a filter the rows are not
 * read for. Returns 0, or -1 then.
 */
static int
tree_filter_to(struct ui *ui, struct tree_screen *ts,
    const struct browse_filter *to)
{
	struct browse_filter	was = ts->filter;
	int			was_active = tree_filter_active(ts);

	ts->filter = *to;
	if (tree_apply_filter(ui, ts) == 0)
		return 0;
	/* (The tree before the first filter is noted again at the next.) */
	ts->filter = was;
	if (!was_active)
		tree_unfiltered_forget(ts);
	return -1;
}

/* Clears the filter: the tree as it was before it (tree_apply_filter).
 * Returns 0, or -1 with the filter kept and the error shown. */
static int
tree_clear_filter(struct ui *ui, struct tree_screen *ts)
{
	struct browse_filter	none;

	memset(&none, 0, sizeof none);
	none.flag = -1;
	return tree_filter_to(ui, ts, &none);
}

static void
tree_filter_dept(struct ui *ui, struct tree_screen *ts)
{
	const struct browse_tree	*t = ts->t;
	struct browse_filter		 to;
	const char			**items, **codes;
	size_t				*charged = NULL, n = 0, i;
	char				*cause = NULL, **labels;
	long long			 id;
	int				 cur = 0, pick;

	if (browse_tree_charged(ui->store, t, &charged, &n, &cause) != 0) {
		ui_error(ui, "%s", cause);
		free(cause);
		return;
	}
	if (n == 0) {
		free(charged);
		ui_message(ui, "この年度に担当課が割り当てられた取組がありません");
		return;
	}
	/* (Two of one name, each with its code: deptlabel.h.) */
	items = xcalloc(n + 1, sizeof *items);
	codes = xcalloc(n + 1, sizeof *codes);
	for (i = 0; i < n; i++) {
		items[i] = t->depts[charged[i]].name;
		codes[i] = t->depts[charged[i]].code;
		if (t->depts[charged[i]].id == ts->filter.dept_id)
			cur = (int)i + 1;
	}
	labels = dept_labels(items, codes, n);
	items[0] = "（すべての担当課）";
	for (i = 0; i < n; i++)
		items[i + 1] = labels[i];
	pick = ui_choose(ui, "担当課で絞り込み", items, (int)n + 1, cur);
	dept_labels_free(labels, n);
	free(codes);
	free(items);
	id = pick > 0 ? t->depts[charged[pick - 1]].id : 0;
	free(charged);
	if (pick < 0)
		return;
	to = ts->filter;
	to.dept_id = id;
	(void)tree_filter_to(ui, ts, &to);
}

static void
tree_filter_flag(struct ui *ui, struct tree_screen *ts)
{
	const struct browse_tree	*t = ts->t;
	struct browse_filter		 to;
	char				**labels;
	size_t				 i;
	int				 pick;

	if (t->nflags == 0) {
		ui_message(ui, "この計画には区分（★ 重点事業 など）がありません");
		return;
	}
	labels = xcalloc(t->nflags + 1, sizeof *labels);
	labels[0] = xstrdup("（すべての区分）");
	for (i = 0; i < t->nflags; i++)
		labels[i + 1] = xasprintf("%s%s%s", t->flags[i].symbol,
		    *t->flags[i].symbol ? " " : "", t->flags[i].label);
	pick = ui_choose(ui, "区分で絞り込み", (const char *const *)labels,
	    (int)t->nflags + 1, ts->filter.flag + 1);
	for (i = 0; i <= t->nflags; i++)
		free(labels[i]);
	free(labels);
	if (pick < 0)
		return;
	to = ts->filter;
	to.flag = pick - 1;
	(void)tree_filter_to(ui, ts, &to);
}

static void
tree_filter_status(struct ui *ui, struct tree_screen *ts)
{
	struct browse_filter	 to;
	const char		*items[BROWSE_WHICH_COUNT];
	char			*labels[BROWSE_WHICH_COUNT];
	int			 i, pick;

	for (i = 0; i < BROWSE_WHICH_COUNT; i++) {
		const char *kind = i == 0 ? "" : i <= BROWSE_BEHIND ?
		    "入力状況: " : "実施状況: ";

		labels[i] = xasprintf("%s%s", kind,
		    i == 0 ? "（すべての状況）" :
		    browse_which_label((enum browse_which)i));
		items[i] = labels[i];
	}
	pick = ui_choose(ui, "状況で絞り込み", items, BROWSE_WHICH_COUNT,
	    (int)ts->filter.which);
	for (i = 0; i < BROWSE_WHICH_COUNT; i++)
		free(labels[i]);
	if (pick < 0)
		return;
	to = ts->filter;
	to.which = (enum browse_which)pick;
	(void)tree_filter_to(ui, ts, &to);
}

static void
tree_open_item(struct ui *ui, const struct browse_node *n)
{
	long long	id = n->id;

	ui_push(ui, &screen_sheet_ops, &id);
}

static enum ui_key_result
tree_key(struct ui *ui, void *state, enum key_action act, int is_function,
    wint_t ch)
{
	struct tree_screen		*ts = state;
	const struct browse_node	*n = tree_cursor_node(ts);
	long				 i = n ? (long)(n - ts->t->nodes) : -1;
	long long			 id = ts->plan_id;
	long				 c;

	(void)is_function;
	(void)ch;
	switch (act) {
	case ACT_OPEN:
	case ACT_RIGHT:
		if (n == NULL)
			return UI_KEY_HANDLED;
		if (n->is_item) {
			tree_open_item(ui, n);
			return UI_KEY_HANDLED;
		}
		if (!tree_has_shown_child(ts->t, i)) {
			ui_message(ui, "この下には何もありません");
			return UI_KEY_HANDLED;
		}
		if (act == ACT_OPEN || !n->expanded) {
			if (!n->expanded) {
				id = n->id;
				if (tree_expand(ui, ts, i) != 0)
					return UI_KEY_HANDLED;
				/* (A reload may have moved it.) */
				if ((i = tree_index_of(ui, ts, id)) < 0)
					return UI_KEY_HANDLED;
				n = &ts->t->nodes[i];
			}
			ts->t->nodes[i].expanded = !n->expanded;
			tree_rebuild(ts);
			tree_cursor_to(ts, i);
		} else if (ts->list.cursor + 1 < ts->nrows)
			ts->list.cursor++;	/* to the first child */
		return UI_KEY_HANDLED;
	case ACT_LEFT:
		if (n == NULL)
			return UI_KEY_HANDLED;
		if (!n->is_item && n->expanded &&
		    tree_has_shown_child(ts->t, i)) {
			ts->t->nodes[i].expanded = 0;
			tree_rebuild(ts);
			tree_cursor_to(ts, i);
		} else if (n->parent >= 0)
			tree_cursor_to(ts, n->parent);
		return UI_KEY_HANDLED;
	case ACT_SEARCH:
		if (ui_list_ask_search(ui, &ts->list.search)) {
			/* A new search starts from the cursor. */
			tree_set_hit(ts, NULL);
			tree_find(ui, ts, 1);
		}
		return UI_KEY_HANDLED;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		tree_find(ui, ts, act == ACT_SEARCH_NEXT ? 1 : -1);
		return UI_KEY_HANDLED;
	case ACT_FILTER_DEPT:
		tree_filter_dept(ui, ts);
		return UI_KEY_HANDLED;
	case ACT_FILTER_FLAG:
		tree_filter_flag(ui, ts);
		return UI_KEY_HANDLED;
	case ACT_FILTER_STATUS:
		tree_filter_status(ui, ts);
		return UI_KEY_HANDLED;
	case ACT_FILTER_CLEAR:
		if (!tree_filter_active(ts)) {
			ui_message(ui, "絞り込みはありません");
			return UI_KEY_HANDLED;
		}
		if (tree_clear_filter(ui, ts) == 0)
			ui_message(ui, "絞り込みを解除しました");
		return UI_KEY_HANDLED;
	case ACT_HISTORY:
		/* Every year: structure changes have none of their own. */
		if (n != NULL)
			screen_sheet_history(ui, n->id, 0, 0);
		return UI_KEY_HANDLED;
	case ACT_ADD:
		screen_edit_add(ui, ts->plan_id, n != NULL ? n->id : 0);
		return UI_KEY_HANDLED;
	case ACT_MODIFY:
		if (n != NULL)
			screen_edit_node(ui, n->id);
		return UI_KEY_HANDLED;
	case ACT_DELETE:
		if (n != NULL && screen_edit_delete_node(ui, n->id)) {
			/* The cursor stays where the node was. */
			c = ts->list.cursor;
			tree_read(ui, ts);
			if (c >= ts->nrows)
				c = ts->nrows - 1;
			ts->list.cursor = c >= 0 ? c : 0;
		}
		return UI_KEY_HANDLED;
	case ACT_EDIT:
		/* As on the sheet: an item's results, a policy's indicator. */
		if (n != NULL)
			screen_sheet_enter(ui, n->id);
		return UI_KEY_HANDLED;
	case ACT_SHEET:
		/* Any level: a policy's sheet holds its indicators. */
		if (n != NULL)
			tree_open_item(ui, n);
		return UI_KEY_HANDLED;
	case ACT_FULLTEXT:
		/* Any level: a policy's description too. */
		if (n != NULL)
			screen_pager_node(ui, n->id, ui->fy);
		return UI_KEY_HANDLED;
	case ACT_ROADMAP:
		ui_push(ui, &screen_roadmap_ops, &id);
		return UI_KEY_HANDLED;
	case ACT_INDICATORS:
	case ACT_FILTER_MINE:
		screen_indicators_open(ui, id, act == ACT_FILTER_MINE);
		return UI_KEY_HANDLED;
	default:
		if (ui_list_key(ui, &ts->list, act))
			return UI_KEY_HANDLED;
		return UI_KEY_UNHANDLED;
	}
}

static void *
tree_open(struct ui *ui, const void *arg)
{
	struct tree_screen	*ts;

	if (arg == NULL)
		return NULL;
	ts = xcalloc(1, sizeof *ts);
	ts->plan_id = *(const long long *)arg;
	ts->filter.flag = -1;
	ui_list_init(&ts->list, 0, ts);
	ts->list.draw_row = tree_draw_row;
	if (tree_read(ui, ts) != 0) {
		ui_list_free(&ts->list);
		free(ts);
		return NULL;
	}
	ui->plan_id = ts->plan_id;
	tree_layout(ui, ts);
	return ts;
}

static void
tree_refresh(struct ui *ui, void *state)
{
	struct tree_screen	*ts = state;

	/* Back on top, resized, or another program wrote while it is shown
	 * (its `changed'): what was read holds unless the year, its display
	 * or the database changed meanwhile; read again, the open nodes, the
	 * cursor's node and the filter stay (by id). */
	if (ts->loaded_fy != ui->fy && ts->loaded_style == ui->fy_style &&
	    !store_mark_changed(ui->store, &ts->mark))
		tree_year(ui, ts);
	else if (ts->loaded_fy != ui->fy || ts->loaded_style != ui->fy_style ||
	    store_mark_changed(ui->store, &ts->mark)) {
		tree_read(ui, ts);
		tree_show_added(ui, ts, screen_edit_take_added());
	}
	ui->plan_id = ts->plan_id;
	tree_layout(ui, ts);
}

static void
tree_close(struct ui *ui, void *state)
{
	struct tree_screen	*ts = state;

	(void)ui;
	browse_tree_free(ts->t);
	free(ts->rows);
	free(ts->idx);
	free(ts->hit_text);
	tree_unfiltered_forget(ts);
	ui_list_free(&ts->list);
	free(ts);
}

static char *
tree_title(struct ui *ui, void *state)
{
	struct tree_screen	*ts = state;
	char			 fy[FY_BUFSZ];

	return xasprintf("%s > 施策体系（%s）", ts->t->plan_name,
	    ui_fy(ui, ui->fy, fy));
}

/* On an item: E first; on a heading: opening it. */
static char *
tree_hint(struct ui *ui, void *state)
{
	struct tree_screen		*ts = state;
	const struct browse_node	*n = tree_cursor_node(ts);
	char				 o[16], sh[16], v[16], *e, *t;

	ui_key_name(ACT_OPEN, o, sizeof o);
	ui_key_name(ACT_SHEET, sh, sizeof sh);
	ui_key_name(ACT_FULLTEXT, v, sizeof v);
	e = ui_edit_hint(ui);
	if (n != NULL && n->is_item)
		t = xasprintf("%s  %s:シート  %s:全文", e, o, v);
	else
		t = xasprintf("%s:開く  %s  %s:シート  %s:全文", o, e, sh, v);
	free(e);
	return t;
}

const struct screen_ops screen_tree_ops = {
	.name = "tree",
	.actions = tree_actions,
	.nactions = sizeof tree_actions / sizeof tree_actions[0],
	.open = tree_open,
	.draw = tree_draw,
	.key = tree_key,
	.refresh = tree_refresh,
	.close = tree_close,
	.title = tree_title,
	.hint = tree_hint,
	.changed = tree_refresh
};

long long
screen_tree_plan(const struct screen_ops *ops, void *state)
{
	if (ops != &screen_tree_ops || state == NULL)
		return 0;
	return ((struct tree_screen *)state)->plan_id;
}

int
screen_tree_show(struct ui *ui, long long plan_id, long long node_id,
    const char *word, const struct search_hit *hit)
{
	const struct screen_ops	*ops;
	struct tree_screen	*ts;
	void			*top = ui_frame_state(ui, 0, &ops);
	long			 i;

	if (screen_tree_plan(ops, top) != plan_id) {
		ui_push(ui, &screen_tree_ops, &plan_id);
		top = ui_frame_state(ui, 0, &ops);
		if (screen_tree_plan(ops, top) != plan_id)
			return -1;	/* it said why */
	}
	ts = top;
	ui->plan_id = plan_id;
	if (node_id == 0)
		return 0;
	i = tree_index_of(ui, ts, node_id);
	if (tree_filter_active(ts) && (i < 0 || !ts->t->nodes[i].shown)) {
		/* The filter hid it: cleared, as c does. */
		tree_clear_filter(ui, ts);
		i = tree_index_of(ui, ts, node_id);
		if (i >= 0)
			ui_message(ui, "絞り込みで隠れていたため、"
			    "絞り込みを解除しました");
	}
	if (i < 0) {
		ui_error(ui, "その施策・取組はこの計画にありません");
		return -1;
	}
	tree_goto(ts, i);
	if (word != NULL && *word != '\0') {
		free(ts->list.search);
		ts->list.search = xstrdup(word);
	}
	tree_set_hit(ts, hit);
	return 0;
}
