/*
 * Reading what the item sheet, the roadmap and the indicator list show:
 * one node with everything attached to it, the items x fiscal years grid
 * of a plan, and every indicator of a plan with its values for a year.
 * Read-only queries (prepared statements) that return plain structs; the
 * caller frees each with its _free function. No curses.
 *
 * Fiscal years are western years; 0 means "not given". Vocabulary words
 * (direction, trend, status, state) are the database keys of vocab.h,
 * NULL when unknown.
 */
#ifndef SHISAKU_STORE_SHEET_H
#define SHISAKU_STORE_SHEET_H

#include <stddef.h>
#include <stdint.h>

#include "shisaku/achieve.h"
#include "shisaku/fy.h"
#include "shisaku/value.h"

struct store;

/* A node on the way from the plan down to the sheet's node. */
struct sheet_pathnode {
	long long	 id;
	int		 depth;
	char		*level;		/* the node's label, else the plan's level name */
	char		*code;		/* as printed; "" when none */
	char		*title;
	int		 first_fy, last_fy;	/* its own period; 0 = none */
};

/* A flag a plan defines (★リーディングプロジェクト, 重点事業 …). */
struct sheet_flag {
	long long	 id;
	char		*key;
	char		*label;
	char		*symbol;	/* "★", or "" when the plan prints none */
};

/* A department in charge, named as it was called in the chosen year. */
struct sheet_dept {
	long long	 id;
	char		*code;
	char		*name;		/* the name in the chosen fiscal year */
	int		 is_main;
	int		 from_fy, until_fy;	/* 0 = open */
};

struct sheet_yearplan {
	int		 from_fy, to_fy;	/* to_fy > from_fy: spans years */
	char		*text;
};

struct sheet_cost {
	int		 fy;
	const char	*trend;		/* "same", "up", "down", "unknown" */
};

/* A value of an indicator for one fiscal year (a target or an actual). */
struct sheet_fyvalue {
	int		 fy;
	struct value	 v;
	char		*note;		/* actuals only; "" otherwise */
};

struct sheet_indicator {
	long long	 id;
	long long	 node_id;	/* 0 = attached to the plan itself */
	char		*key;
	char		*name;
	char		*category;
	char		*unit;
	const char	*direction;	/* "up" … or NULL = unknown */
	int		 cumulative;
	struct value	 base;
	int		 base_fy;
	struct value	 final;
	int		 final_fy;
	char		*rationale;
	char		*note;
	size_t		 ntargets;
	struct sheet_fyvalue *targets;	/* by fiscal year */
	size_t		 nactuals;
	struct sheet_fyvalue *actuals;	/* by fiscal year */
};

/* The result of one item for one fiscal year. */
struct sheet_result {
	long long	 id;
	int		 fy;
	const char	*status;	/* NULL = not given */
	char		*grade;		/* NULL = not given */
	const char	*state;		/* "draft" … */
	char		*text;		/* 取組実績 */
	char		*comment;	/* 課題・今後の方向性 */
	char		*return_comment;
	char		*dept_name;	/* department that entered it; "" */
	char		*entered_by, *entered_at;
	char		*confirmed_by, *confirmed_at;
	int		 ver;
};

/* A node directly below the sheet's node. */
struct sheet_child {
	long long	 id;
	char		*code;
	char		*title;
	char		*level;
};

struct sheet {
	long long	 id;
	long long	 plan_id;
	char		*plan_code;
	char		*plan_name;
	int		 plan_first_fy, plan_last_fy;
	int		 depth;
	int		 max_depth;	/* the plan's deepest level */
	int		 is_item;	/* depth == max_depth */
	char		*key;
	char		*code;
	char		*title;
	char		*level;		/* label, else the level name */
	int		 first_fy, last_fy;
	char		*summary;	/* 概要・方向性 */
	char		*means;		/* 手段 */
	char		*note;
	int		 fy;		/* the year departments and result are for */

	size_t		 npath;		/* depth 1 .. the node itself */
	struct sheet_pathnode *path;
	size_t		 nflags;
	struct sheet_flag *flags;
	size_t		 ndepts;	/* assignments in force in fy, printed order */
	struct sheet_dept *depts;
	size_t		 nyearplans;
	struct sheet_yearplan *yearplans;
	size_t		 ncosts;
	struct sheet_cost *costs;	/* by fiscal year */
	size_t		 nindicators;
	struct sheet_indicator *indicators;
	size_t		 nchildren;
	struct sheet_child *children;
	struct sheet_result *result;	/* NULL = nothing entered for fy */
};

/*
 * Loads node_id with everything the sheet shows, departments and the
 * result as of fiscal year fy. Returns 0 and *out, or -1 with *cause (also
 * when the node does not exist).
 */
int store_sheet_load(struct store *st, long long node_id, int fy,
    struct sheet **out, char **cause);
void store_sheet_free(struct sheet *s);

/*
 * The node's period as the tree counts its years: each end its own, else
 * the nearest heading's above it, else the plan's, written in style and
 * saying where a borrowed end comes from: "令和6年度〜令和8年度",
 * "令和3年度〜令和7年度（計画期間）", "令和7年度〜（始まりは上位の期間）";
 * "定めなし" when nobody gives an end (malloc'd).
 */
char *sheet_period_text(const struct sheet *s, enum fy_style style);

/* Departments assigned anywhere in a plan (in force in fy), in the
 * departments' order, named as of fy: the choices of a filter. */
int store_plan_depts(struct store *st, long long plan_id, int fy,
    struct sheet_dept **out, size_t *n, char **cause);
void store_depts_free(struct sheet_dept *d, size_t n);

/* A reader of the ids of a plan's rows a department concerns in a year,
 * sorted ascending (for bsearch); *ids is NULL when n is 0. The three
 * below are such readers. */
typedef int (*store_dept_ids_fn)(struct store *st, long long plan_id,
    long long dept_id, int fy, long long **ids, size_t *n, char **cause);

/* The ids of the nodes of a plan that dept_id is in charge of in fy,
 * sorted ascending (for bsearch). *ids is NULL when n is 0. */
int store_plan_dept_nodes(struct store *st, long long plan_id,
    long long dept_id, int fy, long long **ids, size_t *n, char **cause);

/* The same and every node above them: the policies a department works
 * under, whose indicators (on a 基本施策, say) concern it too. */
int store_plan_dept_scope(struct store *st, long long plan_id,
    long long dept_id, int fy, long long **ids, size_t *n, char **cause);

/* The ids of the indicators on those nodes (the scope's), ascending:
 * what the indicator list filtered by the department shows. */
int store_plan_dept_indicators(struct store *st, long long plan_id,
    long long dept_id, int fy, long long **ids, size_t *n, char **cause);
/* The same, and beside them (*in_order, n ids too) the same ids in the
 * list's plan order: a window of the filtered list in that order needs
 * no second reading of their places. Both NULL when n is 0. */
int store_plan_dept_indicators_placed(struct store *st, long long plan_id,
    long long dept_id, int fy, long long **ids, long long **in_order,
    size_t *n, char **cause);

/*
 * The roadmap of a plan: every node in plan order; items (the plan's
 * deepest level) carry their flags and the status of the chosen year's
 * result, the others are the group headings above them. Cell contents
 * are read per row with store_roadmap_cells, so a plan of many thousand
 * items costs little until its rows are shown.
 */
#define ROADMAP_MAX_FLAGS 64

struct roadmap_row {
	long long	 node_id;
	int		 depth;
	int		 is_item;
	char		*code;
	char		*title;
	char		*level;		/* label, else the level name */
	uint64_t	 flags;		/* bit i = struct roadmap.flags[i] */
	const char	*status;	/* fy's result status; NULL */
	int		 has_result;	/* a result exists for fy */
};

struct roadmap {
	long long	 plan_id;
	char		*plan_name;
	int		 first_fy, last_fy;	/* the plan's period, or the span of
						   its data; 0 = none */
	int		 fy;
	int		 max_depth;
	size_t		 nflags;
	struct sheet_flag *flags;
	char		*levels[5];	/* the level names by depth; NULL */
	size_t		 nrows;
	struct roadmap_row *rows;
	size_t		 nitems;
};

int store_roadmap_load(struct store *st, long long plan_id, int fy,
    struct roadmap **out, char **cause);
void store_roadmap_free(struct roadmap *rm);

/* One fiscal year of one item. */
struct roadmap_cell {
	int		 fy;
	char		*text;		/* yearly plans covering fy, one per line;
					   "" when none */
	int		 continued;	/* every plan shown began in an earlier year */
	const char	*trend;		/* NULL = none given */
	const char	*status;	/* NULL = no status */
	const char	*state;		/* NULL = no result */
	char		*grade;		/* NULL = none */
};

/* Reads the cells of node_id for first_fy .. last_fy (n = last - first
 * + 1 cells, in year order) into a new array *cells. */
int store_roadmap_cells(struct store *st, long long node_id, int first_fy,
    int last_fy, struct roadmap_cell **cells, char **cause);
void store_roadmap_cells_free(struct roadmap_cell *cells, size_t n);

/* The ids of the nodes of a plan with a yearly plan text containing
 * needle (tw_contains), sorted ascending. */
int store_roadmap_search(struct store *st, long long plan_id,
    const char *needle, long long **ids, size_t *n, char **cause);

/*
 * The roadmap a window at a time, for a screen that reads only what it
 * shows. store_roadmap_head reads the plan's name, period, levels and
 * flags (no rows; nitems 0). The rows shown are the plan's nodes in plan
 * order (depth first, siblings in their order) or, with a filter, the
 * items it lets through with the headings above them (a heading shows
 * when an item under it does): what store_roadmap_load holds, filtered
 * as the screen filters.
 *
 * store_roadmap_rows reads up to limit of those rows after node from (or
 * from its own place when inclusive, whether it is shown or not), or,
 * dir < 0, the limit rows just before from, which must be a row shown;
 * from 0 is the start (the end when dir < 0). Rows come in plan order
 * either way, each with its flags and the status of rm->fy's result.
 * Without a filter the walk follows the tree's index (node_parent) a
 * node at a time: a window costs its rows wherever it is. A filter must
 * have been prepared (store_roadmap_filter_prepare); its windows are
 * slices of what it prepared.
 *
 * store_roadmap_count counts the items: the plan's from its indexes
 * (every key of the plan's index once, index only), a filter's from what
 * it prepared, or for a status read by window from the plan's figures
 * kept of the year.
 */
struct roadmap_vis;

struct roadmap_filter {
	int		 has_dept;	/* only items in dept_nodes (sorted) */
	const long long	*dept_nodes;
	size_t		 ndept_nodes;
	long long	 dept_id;	/* the department they are of
					   (store_plan_dept_nodes in fy), whose
					   assignments are read; 0: unknown */
	int		 has_flag;	/* only items in flag_nodes (sorted) */
	const long long	*flag_nodes;
	size_t		 nflag_nodes;
	const char	*status;	/* only items of the year whose result
					   has this status; NULL */
	int		 status_none;	/* only items of the year with no
					   result in fy */
	struct roadmap_vis *vis;	/* the rows it lets through, prepared */
};

/* Readies a filter. A status (status, status_none) is of the items of
 * rm->fy: those whose period, else the nearest above them, else the
 * plan's, includes it, with a result of that status, or none. A status
 * alone, in a plan of headings and a year whose figures of them are kept
 * (db/migrate-11.sql), is read a window at a time as the rows are asked
 * for, and counted when asked, as the roadmap without a filter: its
 * windows cost their rows, never the plan. Any other filter reads the
 * rows it lets through here, once for the filter and the year (the cost
 * of its items, not of the plan's, but for a status alone in a year not
 * kept, which reads the plan's items with their results), and must be
 * prepared again when anything it reads changed. A filter must be
 * prepared before rows are read through it.
 * store_roadmap_filter_clear frees what it holds. */
int store_roadmap_filter_prepare(struct store *st, const struct roadmap *rm,
    struct roadmap_filter *f, char **cause);
void store_roadmap_filter_clear(struct roadmap_filter *f);

int store_roadmap_head(struct store *st, long long plan_id, int fy,
    struct roadmap **out, char **cause);
int store_roadmap_rows(struct store *st, const struct roadmap *rm,
    const struct roadmap_filter *f, long long from, int inclusive, int dir,
    size_t limit, struct roadmap_row **rows, size_t *n, char **cause);
void store_roadmap_rows_free(struct roadmap_row *rows, size_t n);
/* One node as a row of the roadmap (a heading's status is not read). */
int store_roadmap_row(struct store *st, const struct roadmap *rm,
    long long node_id, struct roadmap_row *out, char **cause);
int store_roadmap_count(struct store *st, const struct roadmap *rm,
    const struct roadmap_filter *f, size_t *n, char **cause);
/* The nodes marked with a flag, sorted ascending. */
int store_roadmap_flag_nodes(struct store *st, long long flag_id,
    long long **ids, size_t *n, char **cause);
/*
 * Every search hit of a plan, for a search the rows near the cursor did
 * not answer: the nodes whose code or title contains needle (tw_contains)
 * and the items a yearly plan of which does, in plan order (one pass
 * over the plan). store_roadmap_hits_next gives the next hit after node
 * from (dir < 0: before it), round to from itself, among the rows filter
 * f (prepared, or NULL) shows: 1 and *node_id (*in_cell when the hit is
 * in a yearly plan only, *wrapped when it was found round past the end),
 * 0 when there is none, -1.
 */
struct roadmap_hits;

int store_roadmap_hits(struct store *st, const struct roadmap *rm,
    const char *needle, struct roadmap_hits **out, char **cause);
int store_roadmap_hits_next(struct store *st, const struct roadmap *rm,
    const struct roadmap_hits *h, const struct roadmap_filter *f,
    long long from, int dir, long long *node_id, int *in_cell,
    int *wrapped, char **cause);
void store_roadmap_hits_free(struct roadmap_hits *h);

/* Does a yearly plan of node_id contain needle (tw_contains)? */
int store_roadmap_has_text(struct store *st, long long node_id,
    const char *needle, int *hit, char **cause);

/*
 * Every indicator of a plan in plan order, with its target for fy (or the
 * final target when no target is set for fy, target_is_final telling so
 * unless the final target is fy's own), its actual for fy, what an
 * achievement computation needs, and every year's target and actual for
 * its trend.
 */
struct indicator_row {
	long long	 id;
	long long	 node_id;	/* 0 = the plan itself */
	long		 plan_order;	/* 0-based position in plan order */
	char		*node_code;
	char		*node_title;
	char		*name;
	char		*category;
	char		*unit;
	const char	*direction;
	int		 cumulative;
	struct value	 base;
	int		 base_fy;
	struct value	 target;
	int		 target_fy;
	int		 target_is_final;	/* no target for fy: the final one,
						   of another year (or of none) */
	struct value	 final;
	int		 final_fy;
	struct value	 actual;		/* for fy */
	char		*actual_note;
	/* For a cumulative indicator: the sum of the yearly actuals after
	 * the baseline year up to fy, and how many were summed (-1 when one
	 * of them is text, as achieve_sum_actuals counts). */
	double		 actual_sum;
	int		 actual_sum_count;
	char		*rationale;
	long long	 ord;		/* with id, the key of plan order */
	/* Every year's values, by fiscal year: read when years is set
	 * (store_indicator_list, store_indicator_row_years), as are
	 * rationale and actual_note (NULL until then). */
	int		 years;
	size_t		 ntargets;
	struct sheet_fyvalue *targets;
	size_t		 nactuals;
	struct sheet_fyvalue *actuals;
};

struct indicator_list {
	char		*plan_name;
	int		 plan_first_fy, plan_last_fy;	/* 0 = not given */
	int		 fy;
	size_t		 n;
	struct indicator_row *rows;
};

int store_indicator_list(struct store *st, long long plan_id, int fy,
    struct indicator_list *out, char **cause);

/*
 * The same for a screen, without what only the row under the cursor
 * shows: every year's values (years is 0), the rationale and the note of
 * the year's actual (NULL). store_indicator_row_years reads them for a
 * row of list l, once (the rest of the row is complete, the achievement
 * included); on a failure the row is left as it was.
 */
int store_indicator_list_rows(struct store *st, long long plan_id, int fy,
    struct indicator_list *out, char **cause);
/*
 * The rows of the indicators of plan_id named by ids (n of them, any
 * order), as store_indicator_list_rows reads them and in plan order
 * (plan_order counts among them): a filtered list read from the rows it
 * shows, not from the plan's. Ids not of the plan are passed over.
 */
int store_indicator_list_rows_in(struct store *st, long long plan_id,
    int fy, const long long *ids, size_t n, struct indicator_list *out,
    char **cause);
/* The same in the order of ids (each id once), not the plan's: a window
 * of a filter's list sorted (store_indicator_order_in); plan_order still
 * counts in plan order among them. */
int store_indicator_list_rows_as(struct store *st, long long plan_id,
    int fy, const long long *ids, size_t n, struct indicator_list *out,
    char **cause);

int store_indicator_row_years(struct store *st,
    const struct indicator_list *l, struct indicator_row *r, char **cause);
void store_indicator_list_free(struct indicator_list *l);

/*
 * The list a page at a time, for a screen that reads only what it shows.
 * store_indicator_list_head gives the plan's name and period (no rows)
 * and how many indicators the plan has, from the plan's index.
 * store_indicator_list_page reads up to limit rows in plan order (as
 * store_indicator_list_rows reads them) after key from (the row itself
 * too when from->inclusive), or, dir < 0, the limit rows just before it
 * (or up to it, inclusive);
 * from NULL is the start (or, dir < 0, the end). Rows come in plan order
 * either way; plan_order is left 0. store_indicator_list_before counts
 * the plan's indicators before a key (its position in plan order).
 */
struct indicator_key {
	long long	 ord, id;
	int		 inclusive;
};

int store_indicator_list_head(struct store *st, long long plan_id, int fy,
    struct indicator_list *out, size_t *count, char **cause);
int store_indicator_list_page(struct store *st, long long plan_id, int fy,
    const struct indicator_key *from, int dir, size_t limit,
    struct indicator_list *out, char **cause);
/*
 * The same in another order: by the achievement rate kept for fy
 * (db/migrate-12.sql; only where store_indfig_kept says it is), rising
 * or falling, the rows without a rate last, or by name; ties in plan
 * order, as the list sorts them. A key is then its row's id (ord is not
 * read): its place in the order is looked up; a key not found reads as
 * none. store_indicator_list_before_in counts the rows before it.
 * category, when not NULL, reads only the indicators of that category
 * (in plan order from an index of categories; in the other orders the
 * order's index is read and the other categories' rows passed over);
 * store_indicator_list_count says how many there are.
 */
enum indicator_order {
	IND_ORDER_PLAN, IND_ORDER_RATE_UP, IND_ORDER_RATE_DOWN, IND_ORDER_NAME
};

int store_indicator_list_page_in(struct store *st, long long plan_id, int fy,
    enum indicator_order order, const char *category,
    const struct indicator_key *from, int dir, size_t limit,
    struct indicator_list *out, char **cause);
int store_indicator_list_before_in(struct store *st, long long plan_id,
    int fy, enum indicator_order order, const char *category, long long ord,
    long long id, size_t *n, char **cause);
int store_indicator_list_count(struct store *st, long long plan_id,
    const char *category, size_t *n, char **cause);
/* Puts the *n indicator ids in the list's order (ties in plan order),
 * those of category (any when NULL): ids of no indicator or of another
 * category leave, and *n counts those kept. Each id's keys are read by
 * its key (in plan order of any category, from the index of places
 * alone; a rate's from those the file keeps of fy: ask for a rate's
 * order only in a year store_indfig_kept says it keeps) and sorted
 * here, so that a filter's list, in any of its orders, is read a window
 * of ids at a time. */
int store_indicator_order_in(struct store *st, int fy,
    enum indicator_order order, const char *category, long long *ids,
    size_t *n, char **cause);
/* Frees what one row holds (not the row). */
void store_indicator_row_clear(struct indicator_row *r);
int store_indicator_list_before(struct store *st, long long plan_id,
    long long ord, long long id, size_t *n, char **cause);

/* The achievement rate of a row for the list's year (achieve_rate of
 * its baseline, target and actual, a running total summed), -1 when none,
 * *status (may be NULL) saying why: what the list shows and what
 * store-indfig.c keeps for its sorts. */
double store_indicator_row_rate(const struct indicator_row *r,
    enum achieve_status *status);

/* The categories used in a plan, in first-use order (malloc'd strings). */
int store_indicator_categories(struct store *st, long long plan_id,
    char ***out, size_t *n, char **cause);

#endif
