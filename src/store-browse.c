/*
 * Read queries of the plans list and the plan tree (see store-browse.h):
 * plans with their progress for a fiscal year, a plan's hierarchy with
 * levels, flags and departments, and the counting of items under
 * filters. Every value is bound through a prepared statement; a tree is
 * read inside one read transaction so its parts agree.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "shisaku/fy.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-figs.h"
#include "shisaku/store-indfig.h"
#include "shisaku/store-internal.h"
#include "shisaku/store-summary.h"
#include "shisaku/util.h"
#include "shisaku/vocab.h"

static const char browse_sql_plan_rows[] =
	"SELECT id, code, name, first_fy, last_fy, org, description"
	" FROM plan ORDER BY ord, id";

/* The items of one plan in the year at the items' depth (?3), with what
 * is counted of each and the headings above each, in the order of an
 * index (counted in C: a GROUP BY would sort them all). */
static const char browse_sql_plan_items[] =
	"SELECT r.state, r.status, r.grade, " BROWSE_PLANNED ","
	" n.parent_id, a1.parent_id, a2.parent_id"
	" FROM node n" BROWSE_ANCESTORS
	" LEFT JOIN result r ON r.node_id = n.id AND r.fy = ?2"
	" WHERE n.plan_id = ?1 AND n.depth = ?3 AND " BROWSE_IN_YEAR;

/* The items' depth (see browse_sql_plan). */
static const char browse_sql_plan_depth[] =
	"SELECT COALESCE("
	" (SELECT MAX(l.depth) FROM plan_level l WHERE l.plan_id = ?1),"
	" (SELECT MAX(x.depth) FROM node x WHERE x.plan_id = ?1))";

/* Whether no item of plan ?1 can be in year ?2 (db/migrate-16.sql): an
 * item's period is its own at each end, else its nearest ancestor's,
 * else the plan's, so no item begins before the earliest first year of
 * the plan and of the nodes with a period of their own (the index of
 * those alone), nor ends after the latest last year; an end the plan
 * lacks reaches every year (the comparison is then NULL). */
static const char browse_sql_plan_out_of_reach[] =
	"SELECT coalesce(?2 < min(p.first_fy, coalesce((SELECT"
	"  min(n.first_fy)" STORE_OWN_PERIOD_NODES "), p.first_fy)), 0)"
	" OR coalesce(?2 > max(p.last_fy, coalesce((SELECT"
	"  max(n.last_fy)" STORE_OWN_PERIOD_NODES "), p.last_fy)), 0)"
	" FROM plan p WHERE p.id = ?1";

/* The figures kept of a plan in a year (db/migrate-9.sql). */
static const char browse_sql_fig_head[] =
	"SELECT depth, ind_valid, achieved, not_achieved, no_data"
	" FROM plan_fig WHERE plan_id = ?1 AND fy = ?2 AND items_valid = 1";
static const char browse_sql_fig_items[] =
	"SELECT state, status, grade, planned, n FROM plan_fig_item"
	" WHERE plan_id = ?1 AND fy = ?2";
/* The figures a write marked as no longer true (a small table): those
 * counted again, and first those forgotten (db/migrate-14.sql). */
static const char browse_sql_fig_forget[] =
	"DELETE FROM plan_fig WHERE recount = 0 AND items_valid = 0";
static const char browse_sql_fig_stale[] =
	"SELECT plan_id, fy FROM plan_fig WHERE recount = 1"
	" AND (items_valid = 0 OR ind_valid = 0)";
static const char browse_sql_fig_stale_drop[] =
	"DELETE FROM plan_fig WHERE items_valid = 0 OR ind_valid = 0";
static const char browse_sql_fig_drop[] =
	"DELETE FROM plan_fig WHERE plan_id = ?1 AND fy = ?2";
static const char browse_sql_fig_put[] =
	"INSERT INTO plan_fig (plan_id, fy, depth, ind_valid, achieved,"
	" not_achieved, no_data) VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6)";
/* The figures of a year every plan keeps counted again (an open year's,
 * today's). */
static const char browse_sql_fig_recount[] =
	"UPDATE plan_fig SET recount = 1 WHERE fy = ?2 AND recount = 0";
/* The years of a plan whose figures an import keeps besides those
 * (browse_figures_keep_years): every year within ?3 years of today's
 * (?2) not kept yet. The years past every period of a plan cost no
 * reading of its items (browse_figs_count_items), and the indicators'
 * outcomes of all the years are read in one pass. */
#define BROWSE_KEEP_SPAN 10
static const char browse_sql_plan_years[] =
	"WITH RECURSIVE span(fy) AS (SELECT ?2 - ?3"
	"  UNION ALL SELECT fy + 1 FROM span WHERE fy < ?2 + ?3)"
	" SELECT fy FROM span WHERE EXISTS (SELECT 1 FROM plan WHERE id = ?1)"
	" AND NOT EXISTS (SELECT 1 FROM plan_fig f WHERE f.plan_id = ?1"
	"  AND f.fy = span.fy AND f.items_valid = 1) ORDER BY 1";
/* The same, forgotten by a write that makes them untrue. */
static const char browse_sql_fig_put_lapsing[] =
	"INSERT INTO plan_fig (plan_id, fy, depth, ind_valid, achieved,"
	" not_achieved, no_data, recount) VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6,"
	" 0)";
static const char browse_sql_fig_ind[] =
	"UPDATE plan_fig SET ind_valid = 1, achieved = ?4, not_achieved = ?5,"
	" no_data = ?6 WHERE plan_id = ?1 AND fy = ?2";
/* The headings' figures of a plan and year (db/migrate-11.sql), counted
 * with the plan's in the same pass over its items. */
static const char browse_sql_nfig_put[] =
	"INSERT INTO node_fig (plan_id, fy, node_id, state, status, grade,"
	" planned, n) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char browse_sql_fig_item_put[] =
	"INSERT INTO plan_fig_item (plan_id, fy, state, status, grade,"
	" planned, n) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static const char browse_sql_plan_name[] =
	"SELECT name FROM plan WHERE id = ?1";

static const char browse_sql_plan_one[] =
	"SELECT id, code, name, first_fy, last_fy, org, description"
	" FROM plan WHERE id = ?1";

static const char browse_sql_year_open[] =
	"SELECT is_open, COALESCE(deadline, '') FROM fiscal_year WHERE fy = ?1";

/* The items' depth: the plan's deepest level name, else its deepest
 * node (read only for a plan that names no levels). */
static const char browse_sql_plan[] =
	"SELECT code, name, first_fy, last_fy,"
	" COALESCE((SELECT MAX(depth) FROM plan_level WHERE plan_id = ?1),"
	" (SELECT MAX(depth) FROM node WHERE plan_id = ?1))"
	" FROM plan WHERE id = ?1";

static const char browse_sql_levels[] =
	"SELECT depth, name FROM plan_level WHERE plan_id = ?1 ORDER BY depth";

static const char browse_sql_flags[] =
	"SELECT id, key, label, symbol FROM plan_flag WHERE plan_id = ?1"
	" ORDER BY ord, id";

/* Every department with its name in the year (a small table): those in
 * charge in the plan are picked from the assignments read (ids in ?1's
 * place would read every assignment of the plan twice). */
static const char browse_sql_depts[] =
	"SELECT d.id, d.code, COALESCE((SELECT dn.name FROM department_name dn"
	"  WHERE dn.dept_id = d.id AND dn.until_fy >= ?2"
	"  ORDER BY dn.until_fy LIMIT 1), d.name)"
	" FROM department d ORDER BY d.ord, d.id";

/* The tree's nodes. Each node's period is completed from its ancestors
 * in C (browse_periods), as the nodes are laid out: the same rule as
 * BROWSE_IN_YEAR and BROWSE_PLANNED without three lookups of ancestors
 * per node. The last column is what an action item (?3 = the items'
 * depth) with no period of its own plans in the year by its yearly plans
 * and targets (BROWSE_PLANNED's subqueries), asked only when the plan
 * gives no period either (?4): else every item has a period. */
#define BROWSE_OWN_PLANNED						\
	"(CASE WHEN ?4 = 0 OR n.depth <> ?3 OR n.first_fy IS NOT NULL"	\
	"  OR n.last_fy IS NOT NULL THEN 0" BROWSE_PLANS_IN("?2")	\
	" ELSE 0 END)"

static const char browse_sql_nodes[] =
	"SELECT n.id, n.parent_id, n.depth, n.code, n.title, n.label,"
	" n.first_fy, n.last_fy, r.state, r.status, r.grade, "
	BROWSE_OWN_PLANNED
	" FROM node n"
	" LEFT JOIN result r ON r.node_id = n.id AND r.fy = ?2"
	" WHERE n.plan_id = ?1 ORDER BY n.ord, n.id";

/* What of the nodes changes with the year (browse_tree_year): their
 * results and what they plan, from the plan's index of nodes (the
 * nodes' rows are read only where a period must be looked at). */
static const char browse_sql_node_years[] =
	"SELECT n.id, r.state, r.status, r.grade, " BROWSE_OWN_PLANNED
	" FROM node n"
	" LEFT JOIN result r ON r.node_id = n.id AND r.fy = ?2"
	" WHERE n.plan_id = ?1";

static const char browse_sql_node_flags[] =
	"SELECT nf.node_id, nf.flag_id FROM node_flag nf"
	" JOIN node n ON n.id = nf.node_id WHERE n.plan_id = ?1";

/* Each node's departments in their order, node by node in the order of
 * the plan's index (no sort of the plan's rows). */
static const char browse_sql_assigns[] =
	"SELECT nd.node_id, nd.dept_id, nd.is_main FROM node n"
	" JOIN node_dept nd ON nd.node_id = n.id WHERE n.plan_id = ?1"
	" AND (nd.from_fy IS NULL OR nd.from_fy <= ?2)"
	" AND (nd.until_fy IS NULL OR nd.until_fy >= ?2)"
	" ORDER BY n.ord, n.id, nd.ord, nd.id";

/* The filter's own words; the workflow states and the statuses are named
 * by the vocabulary (vocab.c). */
static const char *const browse_which_own[BROWSE_WHICH_COUNT] = {
	[BROWSE_ANY] = "すべて",
	[BROWSE_MISSING] = "未入力",
	[BROWSE_BEHIND] = "遅れ",
};
static const char *const browse_which_state[BROWSE_WHICH_COUNT] = {
	[BROWSE_DRAFT] = "draft",
	[BROWSE_SUBMITTED] = "submitted",
	[BROWSE_CONFIRMED] = "confirmed",
	[BROWSE_RETURNED] = "returned",
};

int
browse_year_due(struct store *st, int fy, int today_fy, int *due,
    char **cause)
{
	sqlite3_stmt	*s;
	char		 today[11];
	int		 rc, open = 1;
	char		*deadline = NULL;

	*due = 0;
	if (fy > today_fy)
		return 0;
	if ((s = store_stmt(st, browse_sql_year_open, cause)) == NULL)
		return -1;
	sqlite3_bind_int(s, 1, fy);
	rc = sqlite3_step(s);
	/* (A year the file has no row of is taken as open, no deadline.) */
	if (rc == SQLITE_ROW) {
		open = sqlite3_column_int(s, 0) != 0;
		deadline = store_col_dup(s, 1);
	}
	if (store_read_end(st, s, rc, "年度の状態の読み込み", cause) != 0) {
		free(deadline);
		return -1;
	}
	*due = fy_entry_due(fy, open, deadline, today_iso(today), today_fy);
	free(deadline);
	return 0;
}

static const char *
browse_nz(const unsigned char *s)
{
	return s != NULL ? (const char *)s : "";
}

long
browse_figs_kind(const struct browse_figs *f, const char *state,
    const char *status, const char *grade, int planned)
{
	size_t	i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].planned == planned &&
		    strcmp(f->v[i].state, state) == 0 &&
		    strcmp(f->v[i].status, status) == 0 &&
		    strcmp(f->v[i].grade, grade) == 0)
			return (long)i;
	return -1;
}

size_t
browse_figs_add(struct browse_figs *f, const char *state, const char *status,
    const char *grade, int planned, long n)
{
	long	k = browse_figs_kind(f, state, status, grade, planned);

	if (k >= 0) {
		f->v[k].n += n;
		return (size_t)k;
	}
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->v = xreallocarray(f->v, f->cap, sizeof *f->v);
	}
	f->v[f->n].state = xstrdup(state);
	f->v[f->n].status = xstrdup(status);
	f->v[f->n].grade = xstrdup(grade);
	f->v[f->n].planned = planned;
	f->v[f->n].n = n;
	return f->n++;
}

/* What the plans list shows of a plan's figures. */
static void
browse_figs_apply(struct browse_plan *p, const struct browse_figs *f, int due,
    const char *const *scale, int nscale)
{
	size_t	i;
	int	k;

	for (i = 0; i < f->n; i++) {
		const struct browse_fig *g = &f->v[i];
		enum summary_state sst;
		int	 behind;
		long	 c = g->n;

		if (c == 0)
			continue;
		sst = summary_state_of(*g->state ? g->state : NULL);
		behind = due && g->planned &&
		    (sst == SUMMARY_STATE_NONE || sst == SUMMARY_STATE_DRAFT ||
		    sst == SUMMARY_STATE_RETURNED);
		p->items += c;
		if (*g->state)
			p->entered += c;
		if (sst == SUMMARY_STATE_SUBMITTED)
			p->submitted += c;
		else if (sst == SUMMARY_STATE_CONFIRMED)
			p->confirmed += c;
		else if (sst == SUMMARY_STATE_RETURNED)
			p->returned += c;
		if (behind)
			p->behind += c;
		summary_add_items(&p->sum, summary_status_of(*g->status ?
		    g->status : NULL), sst, summary_grade_index(*g->grade ?
		    g->grade : NULL, scale, nscale), behind, c);
	}
	for (k = 0; k < SUMMARY_NOUTCOMES; k++) {
		long	m;

		for (m = 0; m < f->outcome[k]; m++)
			summary_add_indicator(&p->sum, (enum summary_outcome)k);
	}
}

int
browse_cfig_cmp(const void *a, const void *b)
{
	const struct browse_cfig *x = a, *y = b;

	if (x->node_id != y->node_id)
		return x->node_id < y->node_id ? -1 : 1;
	return x->kind < y->kind ? -1 : x->kind > y->kind;
}

int
browse_year_out_of_reach(struct store *st, long long plan_id, int fy,
    char **cause)
{
	sqlite3_stmt	*s;
	int		 rc, out = 0;

	if ((s = store_stmt(st, browse_sql_plan_out_of_reach, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int(s, 2, fy);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		out = sqlite3_column_int(s, 0) != 0;
		rc = SQLITE_DONE;
	}
	if (store_read_end(st, s, rc, "計画一覧の読み込み", cause) != 0)
		return -1;
	return out;
}

int
browse_figs_items_depth(struct store *st, long long plan_id, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc, depth;

	if ((s = store_stmt(st, browse_sql_plan_depth, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	rc = sqlite3_step(s);
	depth = rc == SQLITE_ROW ? store_col_int0(s, 0) : 0;
	if (store_read_end(st, s, rc, "計画一覧の読み込み", cause) != 0)
		return -1;
	return depth;
}

void
browse_figs_add_up(struct browse_figs *f, long long node_id, size_t kind)
{
	if (f->nup == f->capup) {
		/* Merged first: the pairs are few, the items many. */
		browse_figs_merge_up(f);
		if (f->capup == 0 || f->nup > f->capup / 2) {
			f->capup = f->capup ? f->capup * 2 : 1024;
			f->up = xreallocarray(f->up, f->capup, sizeof *f->up);
		}
	}
	f->up[f->nup].node_id = node_id;
	f->up[f->nup].kind = kind;
	f->up[f->nup++].n = 1;
}

void
browse_figs_merge_up(struct browse_figs *f)
{
	size_t	i, out;

	if (f->nup > 0)
		qsort(f->up, f->nup, sizeof *f->up, browse_cfig_cmp);
	for (i = out = 0; i < f->nup; i++) {
		if (out > 0 && f->up[out - 1].node_id == f->up[i].node_id &&
		    f->up[out - 1].kind == f->up[i].kind)
			f->up[out - 1].n += f->up[i].n;
		else
			f->up[out++] = f->up[i];
	}
	f->nup = out;
}

/* Counts a plan's items in fy in full (see browse_sql_plan_items), and,
 * with f->want_up, those below each heading; nothing is read of a year
 * no item can be in (before or after every period of the plan). */
int
browse_figs_count_items(struct store *st, long long plan_id, int fy,
    struct browse_figs *f, char **cause)
{
	sqlite3_stmt	*s;
	size_t		 kind;
	int		 rc, c;

	if ((f->depth = browse_figs_items_depth(st, plan_id, cause)) < 0) {
		f->depth = 0;
		return -1;
	}
	if ((rc = browse_year_out_of_reach(st, plan_id, fy, cause)) != 0)
		return rc < 0 ? -1 : 0;
	if ((s = store_stmt(st, browse_sql_plan_items, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int(s, 2, fy);
	sqlite3_bind_int(s, 3, f->depth);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		kind = browse_figs_add(f, browse_nz(sqlite3_column_text(s, 0)),
		    browse_nz(sqlite3_column_text(s, 1)),
		    browse_nz(sqlite3_column_text(s, 2)),
		    sqlite3_column_int(s, 3) != 0, 1);
		for (c = 4; f->want_up && c < 7; c++)
			if (sqlite3_column_type(s, c) != SQLITE_NULL)
				browse_figs_add_up(f,
				    sqlite3_column_int64(s, c), kind);
	}
	if (store_read_end(st, s, rc, "計画一覧の読み込み", cause) != 0)
		return -1;
	/* One count per heading and kind. */
	browse_figs_merge_up(f);
	return 0;
}

/* The outcomes of a plan's indicators in fy, in full. */
int
browse_figs_count_indicators(struct store *st, long long plan_id, int fy,
    struct browse_figs *f, char **cause)
{
	struct summary_indicator	*ind = NULL;
	size_t				 nind = 0, k;

	if (store_summary_indicators(st, plan_id, fy, &ind, &nind,
	    cause) != 0)
		return -1;
	memset(f->outcome, 0, sizeof f->outcome);
	for (k = 0; k < nind; k++)
		if (ind[k].outcome < SUMMARY_NOUTCOMES)
			f->outcome[ind[k].outcome]++;
	free(ind);
	return 0;
}

/* Its indicators' outcomes of fy into f: from the rates the indicator
 * list keeps when it keeps that year, else counted in full. */
static int
browse_figs_outcomes(struct store *st, long long plan_id, int fy,
    struct browse_figs *f, char **cause)
{
	int	rc;

	if ((rc = store_indfig_outcomes(st, plan_id, fy, f->outcome,
	    cause)) != 0)
		return rc < 0 ? -1 : 0;
	return browse_figs_count_indicators(st, plan_id, fy, f, cause);
}

/* The figures kept of a plan in fy: *kept 0 (none), 1 (the items only:
 * the indicators' outcomes were forgotten) or 2 (all). */
int
browse_figs_read_kept(struct store *st, long long plan_id, int fy,
    struct browse_figs *f, int *kept, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc, k;

	*kept = 0;
	if ((s = store_stmt(st, browse_sql_fig_head, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int(s, 2, fy);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		f->depth = store_col_int0(s, 0);
		*kept = sqlite3_column_int(s, 1) != 0 ? 2 : 1;
		if (*kept == 2)
			for (k = 0; k < SUMMARY_NOUTCOMES; k++)
				f->outcome[k] = sqlite3_column_int64(s, 2 + k);
	}
	if (store_read_end(st, s, rc, "計画一覧の読み込み", cause) != 0)
		return -1;
	if (*kept == 0)
		return 0;
	if ((s = store_stmt(st, browse_sql_fig_items, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int(s, 2, fy);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		browse_figs_add(f, browse_nz(sqlite3_column_text(s, 0)),
		    browse_nz(sqlite3_column_text(s, 1)),
		    browse_nz(sqlite3_column_text(s, 2)),
		    sqlite3_column_int(s, 3) != 0, sqlite3_column_int64(s, 4));
	return store_read_end(st, s, rc, "計画一覧の読み込み", cause);
}

static int
browse_exec_plan_fy(struct store *st, const char *sql, long long plan_id,
    int fy, const struct browse_figs *f, char **cause)
{
	sqlite3_stmt	*s;
	int		 k;

	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int(s, 2, fy);
	if (f != NULL) {
		sqlite3_bind_int(s, 3, f->depth);
		for (k = 0; k < SUMMARY_NOUTCOMES; k++)
			sqlite3_bind_int64(s, 4 + k, f->outcome[k]);
	}
	return store_step_write(st, s, "集計の保存", cause);
}

/* Keeps a plan's figures of fy (inside the caller's write); lapsing,
 * to be forgotten by a write that makes them untrue (db/migrate-14.sql). */
static int
browse_figs_keep(struct store *st, long long plan_id, int fy,
    const struct browse_figs *f, int kept, int lapsing, char **cause)
{
	sqlite3_stmt	*s;
	size_t		 i;

	if (kept == 1)
		return browse_exec_plan_fy(st, browse_sql_fig_ind, plan_id, fy,
		    f, cause);
	if (browse_exec_plan_fy(st, browse_sql_fig_drop, plan_id, fy, NULL,
	    cause) != 0 || browse_exec_plan_fy(st, lapsing ?
	    browse_sql_fig_put_lapsing : browse_sql_fig_put, plan_id, fy, f,
	    cause) != 0)
		return -1;
	for (i = 0; i < f->n; i++) {
		if ((s = store_stmt(st, browse_sql_fig_item_put, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, plan_id);
		sqlite3_bind_int(s, 2, fy);
		sqlite3_bind_text(s, 3, f->v[i].state, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, f->v[i].status, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, f->v[i].grade, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 6, f->v[i].planned);
		sqlite3_bind_int64(s, 7, f->v[i].n);
		if (store_step_write(st, s, "集計の保存",
		    cause) != 0)
			return -1;
	}
	for (i = 0; i < f->nup; i++) {
		const struct browse_fig *g = &f->v[f->up[i].kind];

		if ((s = store_stmt(st, browse_sql_nfig_put, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, plan_id);
		sqlite3_bind_int(s, 2, fy);
		sqlite3_bind_int64(s, 3, f->up[i].node_id);
		sqlite3_bind_text(s, 4, g->state, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 5, g->status, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 6, g->grade, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 7, g->planned);
		sqlite3_bind_int64(s, 8, f->up[i].n);
		if (store_step_write(st, s, "集計の保存", cause) != 0)
			return -1;
	}
	return 0;
}

/* How a plan's figures are had (browse_figs_get). */
enum browse_figs_how {
	BROWSE_FIGS_COUNT,	/* counted in full, never from those kept */
	BROWSE_FIGS_READ,	/* those kept, what is not kept counted */
	BROWSE_FIGS_KEEP	/* the same, and what was counted kept */
};

/*
 * A plan's figures of fy as how says. Keeping writes, so only inside the
 * caller's write; the other two never write. f is to be cleared by the
 * caller, also on failure.
 */
static int
browse_figs_get(struct store *st, long long plan_id, int fy,
    enum browse_figs_how how, struct browse_figs *f, char **cause)
{
	struct browse_figs	memo;
	int			kept = 0;

	memset(f, 0, sizeof *f);
	f->want_up = how == BROWSE_FIGS_KEEP;
	if (how != BROWSE_FIGS_COUNT && browse_figs_read_kept(st, plan_id, fy,
	    f, &kept, cause) != 0)
		return -1;
	if (kept == 2)
		return 0;
	/* A year not kept in full, counted a moment ago. */
	if (how == BROWSE_FIGS_READ && figs_memo_get(st, plan_id, fy, 0, 1,
	    &memo)) {
		browse_figs_clear(f);
		*f = memo;
		return 0;
	}
	if (kept == 0 && browse_figs_count_items(st, plan_id, fy, f,
	    cause) != 0)
		return -1;
	if (browse_figs_outcomes(st, plan_id, fy, f, cause) != 0)
		return -1;
	if (how == BROWSE_FIGS_READ)
		figs_memo_put(st, plan_id, fy, f, 0, 1);
	if (how == BROWSE_FIGS_KEEP && browse_figs_keep(st, plan_id, fy, f,
	    kept, 0, cause) != 0)
		return -1;
	return 0;
}

/* Every plan with its figures of fy, had as how says. */
static int
browse_plans_read(struct store *st, int fy, int today_fy,
    const char *const *scale, int nscale, enum browse_figs_how how,
    struct browse_plan **out, size_t *n, char **cause)
{
	sqlite3_stmt			*s;
	struct browse_plan		*v = NULL, *p;
	struct browse_figs		 f;
	size_t				 count = 0, cap = 0, i;
	int				 rc, due;

	if (browse_year_due(st, fy, today_fy, &due, cause) != 0)
		return -1;
	if ((s = store_stmt(st, browse_sql_plan_rows, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (count == cap) {
			cap = cap ? cap * 2 : 16;
			v = xreallocarray(v, cap, sizeof *v);
		}
		p = &v[count++];
		memset(p, 0, sizeof *p);
		p->id = sqlite3_column_int64(s, 0);
		p->code = store_col_dup(s, 1);
		p->name = store_col_dup(s, 2);
		p->first_fy = store_col_int0(s, 3);
		p->last_fy = store_col_int0(s, 4);
		p->org = store_col_dup(s, 5);
		p->description = store_col_dup(s, 6);
		summary_init(&p->sum, nscale);
	}
	if (store_read_end(st, s, rc, "計画一覧の読み込み", cause) != 0) {
		browse_plans_free(v, count);
		return -1;
	}
	for (i = 0; i < count; i++) {
		rc = browse_figs_get(st, v[i].id, fy, how, &f, cause);
		if (rc == 0)
			browse_figs_apply(&v[i], &f, due, scale, nscale);
		browse_figs_clear(&f);
		if (rc != 0) {
			browse_plans_free(v, count);
			return -1;
		}
	}
	*out = v;
	*n = count;
	return 0;
}

/* Reads the plans in one snapshot, never writing (how: read or count). */
static int
browse_plans_snapshot(struct store *st, int fy, int today_fy,
    const char *const *scale, int nscale, enum browse_figs_how how,
    struct browse_plan **out, size_t *n, char **cause)
{
	int	 began = 0, rc;

	*out = NULL;
	*n = 0;
	/* One read snapshot: the plans, their items and indicators agree. */
	began = store_snapshot_begin(st);
	rc = browse_plans_read(st, fy, today_fy, scale, nscale, how, out, n,
	    cause);
	store_snapshot_end(st, began);
	return rc;
}

int
browse_plans_scaled(struct store *st, int fy, int today_fy,
    const char *const *scale, int nscale, struct browse_plan **out,
    size_t *n, char **cause)
{
	return browse_plans_snapshot(st, fy, today_fy, scale, nscale,
	    BROWSE_FIGS_READ, out, n, cause);
}

int
browse_plans_counted(struct store *st, int fy, int today_fy,
    const char *const *scale, int nscale, struct browse_plan **out,
    size_t *n, char **cause)
{
	return browse_plans_snapshot(st, fy, today_fy, scale, nscale,
	    BROWSE_FIGS_COUNT, out, n, cause);
}

/*
 * Counts again the figures the write marked as no longer true, plan by
 * plan and year by year; when that cannot be done they are forgotten
 * (the list then counts them in full), so that the write itself never
 * fails for them.
 */
int
browse_figures_refresh(struct store *st)
{
	sqlite3_stmt		*s;
	struct browse_figs	 f;
	struct { long long plan; int fy; } *v = NULL;
	size_t			 n = 0, i;
	char			*cause = NULL;
	int			 rc;

	/* (Not before migration 9 made the table, or 14 its column:
	 * nothing is kept.) */
	if ((s = store_stmt(st, browse_sql_fig_forget, NULL)) == NULL)
		return 0;
	if (sqlite3_step(s) != SQLITE_DONE) {
		sqlite3_reset(s);
		return -1;
	}
	sqlite3_reset(s);
	if ((s = store_stmt(st, browse_sql_fig_stale, NULL)) == NULL)
		return 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].plan = sqlite3_column_int64(s, 0);
		v[n++].fy = sqlite3_column_int(s, 1);
	}
	rc = store_read_end(st, s, rc, "集計の読み込み", NULL);
	for (i = 0; i < n && rc == 0; i++) {
		rc = browse_figs_get(st, v[i].plan, v[i].fy, BROWSE_FIGS_KEEP,
		    &f, &cause);
		browse_figs_clear(&f);
	}
	free(v);
	free(cause);
	if (rc != 0 && (s = store_stmt(st, browse_sql_fig_stale_drop,
	    NULL)) != NULL) {
		if (sqlite3_step(s) != SQLITE_DONE) {
			sqlite3_reset(s);
			return -1;
		}
		sqlite3_reset(s);
	}
	return 0;
}

int
browse_figures_keep(struct store *st, int fy, char **cause)
{
	struct browse_plan	*v = NULL;
	size_t			 n = 0;
	int			 rc;

	rc = browse_plans_read(st, fy, fy, NULL, 0, BROWSE_FIGS_KEEP, &v, &n,
	    cause);
	browse_plans_free(v, n);
	/* (Of every plan: the statement reads no ?1.) */
	if (rc == 0)
		rc = browse_exec_plan_fy(st, browse_sql_fig_recount, 0, fy,
		    NULL, cause);
	return rc;
}

int
browse_figures_keep_years(struct store *st, long long plan_id, int today_fy,
    char **cause)
{
	sqlite3_stmt		*s;
	struct browse_figs	*f;
	long			(*outcomes)[SUMMARY_NOUTCOMES];
	int			*years = NULL, rc;
	size_t			 n = 0, i;

	if ((s = store_stmt(st, browse_sql_plan_years, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int(s, 2, today_fy);
	sqlite3_bind_int(s, 3, BROWSE_KEEP_SPAN);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		years = xreallocarray(years, n + 1, sizeof *years);
		years[n++] = sqlite3_column_int(s, 0);
	}
	rc = store_read_end(st, s, rc, "年度の読み込み", cause);
	/* The indicators' outcomes and the items' counts of all the years,
	 * each in one pass. */
	outcomes = xcalloc(n + 1, sizeof *outcomes);
	f = xcalloc(n + 1, sizeof *f);
	for (i = 0; i < n; i++)
		f[i].want_up = 1;
	if (rc == 0)
		rc = store_summary_outcomes(st, plan_id, years, n, outcomes,
		    cause);
	if (rc == 0)
		rc = browse_figs_count_years(st, plan_id, years, n, f, cause);
	for (i = 0; i < n && rc == 0; i++) {
		memcpy(f[i].outcome, outcomes[i], sizeof f[i].outcome);
		rc = browse_figs_keep(st, plan_id, years[i], &f[i], 0, 1,
		    cause);
	}
	for (i = 0; i < n; i++)
		browse_figs_clear(&f[i]);
	free(f);
	free(outcomes);
	free(years);
	return rc;
}

int
browse_plans(struct store *st, int fy, int today_fy,
    struct browse_plan **out, size_t *n, char **cause)
{
	return browse_plans_scaled(st, fy, today_fy, NULL, 0, out, n, cause);
}

void
browse_plans_free(struct browse_plan *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(p[i].code);
		free(p[i].name);
		free(p[i].org);
		free(p[i].description);
	}
	free(p);
}

int
browse_plan_progress(const struct browse_plan *p)
{
	if (p->items <= 0)
		return -1;
	return (int)((p->submitted + p->confirmed) * 100 / p->items);
}

char *
browse_plan_name(struct store *st, long long plan_id)
{
	sqlite3_stmt	*s;
	char		*name = NULL;

	if ((s = store_stmt(st, browse_sql_plan_name, NULL)) == NULL)
		return NULL;
	sqlite3_bind_int64(s, 1, plan_id);
	if (sqlite3_step(s) == SQLITE_ROW)
		name = store_col_dup(s, 0);
	sqlite3_reset(s);
	return name;
}

int
browse_plan_get(struct store *st, long long plan_id, struct browse_plan **out,
    char **cause)
{
	sqlite3_stmt		*s;
	struct browse_plan	*p = NULL;
	int			 rc;

	*out = NULL;
	if ((s = store_stmt(st, browse_sql_plan_one, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		p = xcalloc(1, sizeof *p);
		p->id = sqlite3_column_int64(s, 0);
		p->code = store_col_dup(s, 1);
		p->name = store_col_dup(s, 2);
		p->first_fy = store_col_int0(s, 3);
		p->last_fy = store_col_int0(s, 4);
		p->org = store_col_dup(s, 5);
		p->description = store_col_dup(s, 6);
		summary_init(&p->sum, 0);
	}
	if (store_read_end(st, s, rc, "計画の読み込み", cause) != 0) {
		browse_plans_free(p, p != NULL ? 1 : 0);
		return -1;
	}
	if (p == NULL) {
		*cause = xstrdup("計画が見つかりません");
		return -1;
	}
	*out = p;
	return 0;
}

/* Node ids to indices, sorted by id for bsearch. */
struct browse_idmap {
	long long	 id;
	long		 index;
};

static int
browse_idmap_cmp(const void *a, const void *b)
{
	const struct browse_idmap *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

static long
browse_idmap_find(const struct browse_idmap *map, size_t n, long long id)
{
	struct browse_idmap	 key, *hit;

	key.id = id;
	key.index = 0;
	hit = bsearch(&key, map, n, sizeof *map, browse_idmap_cmp);
	return hit ? hit->index : -1;
}

static enum browse_state
browse_state_of(const char *s)
{
	if (s == NULL)
		return BROWSE_STATE_NONE;
	if (strcmp(s, "submitted") == 0)
		return BROWSE_STATE_SUBMITTED;
	if (strcmp(s, "confirmed") == 0)
		return BROWSE_STATE_CONFIRMED;
	if (strcmp(s, "returned") == 0)
		return BROWSE_STATE_RETURNED;
	return BROWSE_STATE_DRAFT;
}

/* Statuses are numbered in the vocabulary's order (vocab_nth). */
static enum browse_status
browse_status_of(const char *s)
{
	const char	*key;
	int		 i;

	if (s == NULL)
		return BROWSE_STATUS_NONE;
	for (i = 0; (key = vocab_nth(VOCAB_STATUS, i)) != NULL; i++)
		if (strcmp(s, key) == 0)
			return (enum browse_status)(i + 1);
	return BROWSE_STATUS_NONE;
}

/* Forgets the departments read with their names of the tree's year. */
static void
browse_depts_clear(struct browse_tree *t)
{
	size_t	i;

	for (i = 0; i < t->ndepts; i++) {
		free(t->depts[i].code);
		free(t->depts[i].name);
	}
	free(t->depts);
	t->depts = NULL;
	t->ndepts = 0;
}

void
browse_tree_free(struct browse_tree *t)
{
	size_t	i;

	if (t == NULL)
		return;
	free(t->plan_code);
	free(t->plan_name);
	for (i = 0; i < 4; i++)
		free(t->levels[i]);
	for (i = 0; i < t->nflags; i++) {
		free(t->flags[i].key);
		free(t->flags[i].label);
		free(t->flags[i].symbol);
	}
	free(t->flags);
	browse_depts_clear(t);
	for (i = 0; i < t->nnodes; i++) {
		free(t->nodes[i].code);
		free(t->nodes[i].title);
		free(t->nodes[i].label);
		free(t->nodes[i].grade);
		free(t->nodes[i].assigns);
	}
	free(t->nodes);
	free(t->outcomes);
	free(t->sums);
	free(t->sums_read);
	free(t->omemo);
	if (t->scale != NULL)
		for (i = 0; i < (size_t)t->nscale; i++)
			free(t->scale[i]);
	free(t->scale);
	free(t->cfig);
	if (t->kinds != NULL)
		browse_figs_clear(t->kinds);
	free(t->kinds);
	free(t);
}

/* The plan row, its level names and its flags. */
static int
browse_load_plan(struct store *st, struct browse_tree *t, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc, depth;

	if ((s = store_stmt(st, browse_sql_plan, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, t->plan_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		t->plan_code = store_col_dup(s, 0);
		t->plan_name = store_col_dup(s, 1);
		t->first_fy = store_col_int0(s, 2);
		t->last_fy = store_col_int0(s, 3);
		t->max_depth = sqlite3_column_int(s, 4);
	} else if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		*cause = xasprintf("計画（id %lld）が見つかりません",
		    t->plan_id);
		return -1;
	}
	if (store_read_end(st, s, rc, "計画の読み込み", cause) != 0)
		return -1;

	for (depth = 0; depth < 4; depth++)
		t->levels[depth] = xstrdup("");
	if ((s = store_stmt(st, browse_sql_levels, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, t->plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		depth = sqlite3_column_int(s, 0);
		if (depth >= 1 && depth <= 4) {
			free(t->levels[depth - 1]);
			t->levels[depth - 1] = store_col_dup(s, 1);
		}
	}
	if (store_read_end(st, s, rc, "階層名の読み込み", cause) != 0)
		return -1;

	if ((s = store_stmt(st, browse_sql_flags, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, t->plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    t->nflags < BROWSE_MAX_FLAGS) {
		struct browse_flag *f;

		t->flags = xreallocarray(t->flags, t->nflags + 1,
		    sizeof *t->flags);
		f = &t->flags[t->nflags++];
		f->id = sqlite3_column_int64(s, 0);
		f->key = store_col_dup(s, 1);
		f->label = store_col_dup(s, 2);
		f->symbol = store_col_dup(s, 3);
	}
	return store_read_end(st, s, rc, "区分の読み込み", cause);
}

/*
 * Each node's period in the year, its ends completed from the nearest
 * ancestor that gives them, else from the plan (BROWSE_FIRST and
 * BROWSE_LAST): whether it is in the year (BROWSE_IN_YEAR), and that a
 * node with a period plans something (BROWSE_PLANNED; the read gave
 * what the others plan). Parents come before their children.
 */
static void
browse_periods(struct browse_tree *t)
{
	int	*first, *last;
	size_t	 i;

	first = xcalloc(t->nnodes + 1, sizeof *first);
	last = xcalloc(t->nnodes + 1, sizeof *last);
	for (i = 0; i < t->nnodes; i++) {
		struct browse_node *n = &t->nodes[i];
		long	 p = n->parent;

		first[i] = n->first_fy ? n->first_fy :
		    p >= 0 ? first[p] : t->first_fy;
		last[i] = n->last_fy ? n->last_fy :
		    p >= 0 ? last[p] : t->last_fy;
		n->in_year = fy_in_span(t->fy, first[i], last[i]);
		if (first[i] != 0 || last[i] != 0)
			n->planned = 1;
	}
	free(first);
	free(last);
}

/* The figures' words for a result's workflow state and status. */
static const enum summary_state browse_summary_states[] = {
	[BROWSE_STATE_NONE] = SUMMARY_STATE_NONE,
	[BROWSE_STATE_DRAFT] = SUMMARY_STATE_DRAFT,
	[BROWSE_STATE_SUBMITTED] = SUMMARY_STATE_SUBMITTED,
	[BROWSE_STATE_CONFIRMED] = SUMMARY_STATE_CONFIRMED,
	[BROWSE_STATE_RETURNED] = SUMMARY_STATE_RETURNED,
};
static const enum summary_status browse_summary_statuses[] = {
	[BROWSE_STATUS_NONE] = SUMMARY_STATUS_NONE,
	[BROWSE_STATUS_NOT_STARTED] = SUMMARY_STATUS_NOT_STARTED,
	[BROWSE_STATUS_IN_PROGRESS] = SUMMARY_STATUS_IN_PROGRESS,
	[BROWSE_STATUS_DONE] = SUMMARY_STATUS_DONE,
	[BROWSE_STATUS_POSTPONED] = SUMMARY_STATUS_POSTPONED,
	[BROWSE_STATUS_CANCELLED] = SUMMARY_STATUS_CANCELLED,
};

/* The bit of the tree's flag flag_id (0 for a flag not of the plan). */
static uint64_t
browse_flag_bit(const struct browse_tree *t, long long flag_id)
{
	size_t	f;

	for (f = 0; f < t->nflags; f++)
		if (t->flags[f].id == flag_id)
			return (uint64_t)1 << f;
	return 0;
}

/* Adds department dept_id to node n's departments, in the order given
 * (a department the tree has not read is left out). */
static void
browse_assign_add(const struct browse_tree *t, struct browse_node *n,
    long long dept_id, int is_main)
{
	size_t	d;

	for (d = 0; d < t->ndepts; d++)
		if (t->depts[d].id == dept_id)
			break;
	if (d == t->ndepts)
		return;
	n->assigns = xreallocarray(n->assigns, n->nassigns + 1,
	    sizeof *n->assigns);
	n->assigns[n->nassigns].dept = d;
	n->assigns[n->nassigns].is_main = is_main;
	n->nassigns++;
}

/* A new place for heading n's figures of the year, empty. */
static void
browse_sum_add(struct browse_tree *t, struct browse_node *n)
{
	n->sum = (long)t->nsums++;
	t->sums = xreallocarray(t->sums, t->nsums, sizeof *t->sums);
	summary_init(&t->sums[n->sum], t->nscale);
	t->sums_read = xreallocarray(t->sums_read, t->nsums, 1);
	t->sums_read[n->sum] = 0;
}

/* After the nodes of a tree read whole or for a filter: what each is. */
static void
browse_nodes_settle(struct browse_tree *t)
{
	size_t	i;

	for (i = 0; i < t->nnodes; i++) {
		struct browse_node *n = &t->nodes[i];

		n->is_item = n->depth == t->max_depth;
		n->in_year = n->is_item && n->in_year;
		n->planned = n->is_item && n->planned;
		n->loaded = 1;
		n->has_children = n->end > (long)i + 1;
	}
}

/* Where a node read stands among the others, before the nodes are put
 * in depth-first order (the nodes themselves are in a separate array,
 * so that they are laid out in place). */
struct browse_raw {
	long long		 parent_id, ord, id;
	long			 first_child, last_child, next;
	long			 out;	/* its place depth first; -1 */
};

/* How many nodes a plan has: the arrays are made that size at once. */
static const char browse_sql_node_count[] =
	"SELECT COUNT(*) FROM node WHERE plan_id = ?1";

/* A node read by id, to be put in the plan's order. */
struct browse_rawkey {
	long long	 ord, id;
	long		 i;	/* in the order read */
};

static int
browse_rawkey_cmp(const void *a, const void *b)
{
	const struct browse_rawkey *x = a, *y = b;

	if (x->ord != y->ord)
		return x->ord < y->ord ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static void
browse_node_texts_free(struct browse_node *n)
{
	free(n->code);
	free(n->title);
	free(n->label);
	free(n->grade);
}

/* Ids collected while reading, in a vector that grows. */
struct browse_ids {
	long long	*v;
	size_t		 n, cap;
};

static void
browse_ids_add(struct browse_ids *ids, long long id)
{
	if (ids->n == ids->cap) {
		ids->cap = ids->cap ? ids->cap * 2 : 64;
		ids->v = xreallocarray(ids->v, ids->cap, sizeof *ids->v);
	}
	ids->v[ids->n++] = id;
}

/* Adds id unless it is among the last few added: the headings above
 * nodes read in plan order come again and again, and a filter can read
 * tens of thousands of nodes (browse_ids_settle drops the others). */
static void
browse_ids_add_new(struct browse_ids *ids, long long id)
{
	size_t	k;

	for (k = ids->n; k > 0 && ids->n - k < 3; k--)
		if (ids->v[k - 1] == id)
			return;
	browse_ids_add(ids, id);
}

/* Sorts the ids and drops the repeated ones. */
static void
browse_ids_settle(struct browse_ids *ids)
{
	/* (Ids read from an index by id come sorted: most of a filter's.) */
	ids->n = store_ids_settle(ids->v, ids->n);
}

/* The nodes being read, before they are put in depth-first order (the
 * nodes themselves are in a separate array, so that they are laid out
 * in place). */
struct browse_rows {
	struct browse_raw	*raw;
	struct browse_node	*nodes;
	size_t			 n, cap;
};

/* Room for want nodes in raw and in nodes, which grow in step. */
static void
browse_rows_grow(struct browse_rows *rw, size_t want)
{
	if (want <= rw->cap)
		return;
	rw->cap = want;
	rw->raw = xreallocarray(rw->raw, rw->cap, sizeof *rw->raw);
	rw->nodes = xreallocarray(rw->nodes, rw->cap + 1, sizeof *rw->nodes);
}

static void
browse_rows_free(struct browse_rows *rw)
{
	size_t	i;

	for (i = 0; i < rw->n; i++)
		browse_node_texts_free(&rw->nodes[i]);
	free(rw->nodes);
	free(rw->raw);
	memset(rw, 0, sizeof *rw);
}

/* Binds what the node statements ask: the plan, the year, the items'
 * depth and whether the plan prints no period. */
static void
browse_rows_bind(sqlite3_stmt *s, const struct browse_tree *t)
{
	sqlite3_bind_int64(s, 1, t->plan_id);
	sqlite3_bind_int(s, 2, t->fy);
	sqlite3_bind_int(s, 3, t->max_depth);
	sqlite3_bind_int(s, 4, t->first_fy == 0 && t->last_fy == 0);
}

/*
 * Adds the rows of s (the columns of browse_sql_nodes; with ord, the
 * node's order in the plan after them) to rw; with ups, each node's
 * parent to *ups. A node read without its texts (NULL title) has its
 * code, title and label NULL until browse_tree_fresh reads them.
 * Returns 0, or -1 with *cause.
 */
static int
browse_rows_read(struct store *st, sqlite3_stmt *s, struct browse_rows *rw,
    int ord, struct browse_ids *ups, char **cause)
{
	int	rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct browse_raw	*r;
		struct browse_node	*nd;

		/* (More than counted: grow by doubling.) */
		if (rw->n == rw->cap)
			browse_rows_grow(rw, rw->cap ? rw->cap * 2 : 64);
		r = &rw->raw[rw->n];
		nd = &rw->nodes[rw->n++];
		memset(r, 0, sizeof *r);
		memset(nd, 0, sizeof *nd);
		nd->id = r->id = sqlite3_column_int64(s, 0);
		r->parent_id = sqlite3_column_type(s, 1) == SQLITE_NULL ? 0 :
		    sqlite3_column_int64(s, 1);
		nd->depth = sqlite3_column_int(s, 2);
		if (sqlite3_column_type(s, 4) != SQLITE_NULL) {
			nd->code = store_col_dup(s, 3);
			nd->title = store_col_dup(s, 4);
			nd->label = store_col_dup(s, 5);
		}
		nd->first_fy = store_col_int0(s, 6);
		nd->last_fy = store_col_int0(s, 7);
		nd->state = browse_state_of((const char *)
		    sqlite3_column_text(s, 8));
		nd->status = browse_status_of((const char *)
		    sqlite3_column_text(s, 9));
		nd->grade = store_col_dup_null(s, 10);
		nd->planned = sqlite3_column_int(s, 11) != 0;
		nd->sum = -1;
		r->first_child = r->last_child = r->next = r->out = -1;
		if (ord)
			r->ord = sqlite3_column_int64(s, 12);
		if (ups != NULL && r->parent_id != 0)
			browse_ids_add_new(ups, r->parent_id);
	}
	return store_read_end(st, s, rc, "施策体系の読み込み", cause);
}

/*
 * Lays the nodes read out depth first: each node's children in printed
 * order right after it. Rows read in the plan's order keep it (in_order);
 * others are put in it by their order column, and a node read twice is
 * kept once. A node whose parent is missing is put at the top rather
 * than lost. The nodes are moved into depth-first order in place, in
 * rw's own array, which becomes the tree's: a plan of any size costs one
 * array of its nodes, not two. Sets *mapp to the nodes' ids sorted, with
 * their places. rw is emptied.
 */
static void
browse_rows_layout(struct browse_tree *t, struct browse_rows *rw,
    int in_order, struct browse_idmap **mapp)
{
	struct browse_raw	*raw;
	struct browse_node	*nodes, tmp;
	struct browse_idmap	*map;
	long			*stack, *seq, *from, top, out, first = -1, last = -1;
	long			 i, j, k, p, n = (long)rw->n, nseq = 0;

	browse_rows_grow(rw, 1);	/* (a tree of no nodes has an array) */
	raw = rw->raw;
	nodes = rw->nodes;

	/* The order read, else the plan's, each node once. */
	seq = xcalloc((size_t)n + 1, sizeof *seq);
	if (in_order) {
		for (i = 0; i < n; i++)
			seq[nseq++] = i;
	} else if (n > 0) {
		struct browse_rawkey *key = xcalloc((size_t)n, sizeof *key);

		for (i = 0; i < n; i++) {
			key[i].ord = raw[i].ord;
			key[i].id = raw[i].id;
			key[i].i = i;
		}
		sort_mostly_sorted(key, (size_t)n, sizeof *key,
		    browse_rawkey_cmp);
		for (i = 0; i < n; i++)
			if (i == 0 || key[i].id != key[i - 1].id)
				seq[nseq++] = key[i].i;
		free(key);
	}

	map = xcalloc((size_t)n + 1, sizeof *map);
	for (k = 0; k < nseq; k++) {
		map[k].id = raw[seq[k]].id;
		map[k].index = seq[k];
	}
	sort_mostly_sorted(map, (size_t)nseq, sizeof *map, browse_idmap_cmp);

	/* Children lists in printed order; roots chained from first. */
	for (k = 0; k < nseq; k++) {
		i = seq[k];
		p = raw[i].parent_id ? browse_idmap_find(map, (size_t)nseq,
		    raw[i].parent_id) : -1;
		if (p == i)
			p = -1;
		if (p < 0) {
			if (last < 0)
				first = i;
			else
				raw[last].next = i;
			last = i;
		} else {
			if (raw[p].last_child < 0)
				raw[p].first_child = i;
			else
				raw[raw[p].last_child].next = i;
			raw[p].last_child = i;
		}
	}

	/* Depth first: the stack holds the nodes whose subtree is being
	 * placed, so each node's end is known when it pops. */
	stack = xcalloc((size_t)n + 1, sizeof *stack);
	top = 0;
	out = 0;
	i = first;
	while (i >= 0 || top > 0) {
		if (i >= 0) {
			nodes[i].parent = top > 0 ? raw[stack[top - 1]].out :
			    -1;
			raw[i].out = out++;
			stack[top++] = i;
			i = raw[i].first_child;
			continue;
		}
		/* Close the node on top, go to its next sibling. */
		i = stack[--top];
		nodes[i].end = out;
		i = raw[i].next;
	}
	free(stack);
	/* Nodes caught in a parent loop were never reached, nor a node's
	 * second reading: they go last, and are dropped. */
	for (i = 0, j = out; i < n; i++)
		if (raw[i].out < 0)
			raw[i].out = j++;
	/* Each node to its place, in place: each cycle of the permutation
	 * turned once, its first node held aside, so that every node is
	 * copied once (by swaps, three times: most of the layout's time
	 * when a filter names tens of thousands of nodes). from[k] is the
	 * node that goes to place k; seq's room is reused for it. */
	from = seq;
	for (i = 0; i < n; i++)
		from[raw[i].out] = i;
	for (k = 0; k < n; k++) {
		if (from[k] == k)
			continue;
		tmp = nodes[k];
		for (i = k; from[i] != k; i = j) {
			j = from[i];
			nodes[i] = nodes[j];
			from[i] = i;
		}
		nodes[i] = tmp;
		from[i] = i;
	}
	free(seq);
	for (i = out; i < n; i++)
		browse_node_texts_free(&nodes[i]);
	free(raw);
	t->nodes = nodes;
	t->nnodes = (size_t)out;
	memset(rw, 0, sizeof *rw);

	browse_periods(t);

	/* Map ids to their place in the depth-first order. */
	for (i = 0; i < out; i++) {
		map[i].id = t->nodes[i].id;
		map[i].index = i;
	}
	sort_mostly_sorted(map, (size_t)out, sizeof *map, browse_idmap_cmp);
	*mapp = map;
}

/* Reads every node of the plan, in printed order, into a tree laid out
 * depth first (browse_rows_layout). */
static int
browse_load_nodes(struct store *st, struct browse_tree *t,
    struct browse_idmap **mapp, char **cause)
{
	struct browse_rows	 rw;
	sqlite3_stmt		*s;
	int			 rc;

	memset(&rw, 0, sizeof rw);
	*mapp = NULL;
	/* The arrays are made the plan's size at once. */
	if ((s = store_stmt(st, browse_sql_node_count, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, t->plan_id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		browse_rows_grow(&rw, (size_t)sqlite3_column_int64(s, 0) + 1);
	if (store_read_end(st, s, rc, "施策体系の読み込み", cause) != 0 ||
	    (s = store_stmt(st, browse_sql_nodes, cause)) == NULL)
		goto fail;
	browse_rows_bind(s, t);
	if (browse_rows_read(st, s, &rw, 0, NULL, cause) != 0)
		goto fail;
	browse_rows_layout(t, &rw, 1, mapp);
	return 0;
fail:
	browse_rows_free(&rw);
	return -1;
}

static int
browse_load_marks(struct store *st, struct browse_tree *t,
    const struct browse_idmap *map, char **cause)
{
	sqlite3_stmt	*s;
	long		 i;
	int		 rc;

	if ((s = store_stmt(st, browse_sql_node_flags, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, t->plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long long flag_id = sqlite3_column_int64(s, 1);

		i = browse_idmap_find(map, t->nnodes,
		    sqlite3_column_int64(s, 0));
		if (i >= 0)
			t->nodes[i].flags |= browse_flag_bit(t, flag_id);
	}
	return store_read_end(st, s, rc, "区分の読み込み", cause);
}

/* An assignment as read, before the departments are known. */
struct browse_rawassign {
	long long	 node_id, dept_id;
	int		 is_main;
};


/*
 * The departments in charge in the year and each node's assignments:
 * the plan's assignments are read once, in the nodes' order; the
 * departments they name are then picked, in the departments' order,
 * from the (small) table of departments.
 */
static int
browse_load_assigns(struct store *st, struct browse_tree *t,
    const struct browse_idmap *map, char **cause)
{
	sqlite3_stmt		*s;
	struct browse_rawassign	*raw = NULL;
	long long		*ids;
	size_t			 n = 0, cap = 0, nids = 0, k;
	long			 i;
	int			 rc;

	if ((s = store_stmt(st, browse_sql_assigns, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, t->plan_id);
	sqlite3_bind_int(s, 2, t->fy);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			raw = xreallocarray(raw, cap, sizeof *raw);
		}
		raw[n].node_id = sqlite3_column_int64(s, 0);
		raw[n].dept_id = sqlite3_column_int64(s, 1);
		raw[n].is_main = sqlite3_column_int(s, 2) != 0;
		n++;
	}
	if (store_read_end(st, s, rc, "担当課の読み込み", cause) != 0) {
		free(raw);
		return -1;
	}

	ids = xcalloc(n + 1, sizeof *ids);
	for (k = 0; k < n; k++)
		ids[k] = raw[k].dept_id;
	nids = store_ids_settle(ids, n);
	if ((s = store_stmt(st, browse_sql_depts, cause)) == NULL) {
		free(ids);
		free(raw);
		return -1;
	}
	sqlite3_bind_int(s, 2, t->fy);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long long	 id = sqlite3_column_int64(s, 0);
		struct browse_dept *dp;

		if (bsearch(&id, ids, nids, sizeof *ids,
		    store_ids_cmp) == NULL)
			continue;
		t->depts = xreallocarray(t->depts, t->ndepts + 1,
		    sizeof *t->depts);
		dp = &t->depts[t->ndepts++];
		dp->id = id;
		dp->code = store_col_dup(s, 1);
		dp->name = store_col_dup(s, 2);
	}
	free(ids);
	if (store_read_end(st, s, rc, "担当課の読み込み", cause) != 0) {
		free(raw);
		return -1;
	}

	for (k = 0; k < n; k++) {
		i = browse_idmap_find(map, t->nnodes, raw[k].node_id);
		if (i >= 0)
			browse_assign_add(t, &t->nodes[i], raw[k].dept_id,
			    raw[k].is_main);
	}
	free(raw);
	return 0;
}

/* The outcome of each indicator of the plan in the tree's year. */
static int
browse_load_outcomes(struct store *st, struct browse_tree *t,
    const struct browse_idmap *map, char **cause)
{
	struct summary_indicator	*ind;
	size_t				 n, i;

	if (store_summary_indicators(st, t->plan_id, t->fy, &ind, &n,
	    cause) != 0)
		return -1;
	t->outcomes = xcalloc(n + 1, sizeof *t->outcomes);
	for (i = 0; i < n; i++) {
		t->outcomes[i].node = ind[i].node_id == 0 ? -1 :
		    browse_idmap_find(map, t->nnodes, ind[i].node_id);
		t->outcomes[i].outcome = ind[i].outcome;
	}
	t->noutcomes = n;
	free(ind);
	return 0;
}

static int
browse_tree_read(struct store *st, long long plan_id, int fy, int today_fy,
    int lazy, struct browse_tree **out, char **cause)
{
	struct browse_tree	*t;
	struct browse_idmap	*map = NULL;
	int			 began = 0, rc = -1;

	*out = NULL;
	t = xcalloc(1, sizeof *t);
	t->plan_id = plan_id;
	t->fy = fy;
	/* One read snapshot, so a clerk saving meanwhile cannot make the
	 * counts disagree with the nodes. Nothing is held afterwards. */
	began = store_snapshot_begin(st);
	if (browse_year_due(st, fy, today_fy, &t->due, cause) != 0 ||
	    browse_load_plan(st, t, cause) != 0 ||
	    browse_load_nodes(st, t, &map, cause) != 0 ||
	    browse_load_marks(st, t, map, cause) != 0 ||
	    browse_load_assigns(st, t, map, cause) != 0)
		goto done;
	browse_nodes_settle(t);
	t->lazy = lazy;
	if (!lazy && browse_load_outcomes(st, t, map, cause) != 0)
		goto done;
	browse_tree_count(t, NULL);
	summary_init(&t->total, 0);
	rc = 0;
done:
	store_snapshot_end(st, began);
	free(map);
	if (rc != 0)
		browse_tree_free(t);
	else
		*out = t;
	return rc;
}

int
browse_tree_load(struct store *st, long long plan_id, int fy, int today_fy,
    struct browse_tree **out, char **cause)
{
	return browse_tree_read(st, plan_id, fy, today_fy, 0, out, cause);
}

int
browse_tree_open(struct store *st, long long plan_id, int fy, int today_fy,
    struct browse_tree **out, char **cause)
{
	return browse_tree_read(st, plan_id, fy, today_fy, 1, out, cause);
}

/* Clears node n's departments and result, which are of the tree's
 * year. */
static void
browse_node_year_clear(struct browse_node *n)
{
	free(n->assigns);
	n->assigns = NULL;
	n->nassigns = 0;
	free(n->grade);
	n->grade = NULL;
	n->state = BROWSE_STATE_NONE;
	n->status = BROWSE_STATUS_NONE;
}

/* The year-dependent parts of a tree read for another year. */
static int
browse_tree_reread(struct store *st, struct browse_tree *t, int fy,
    int today_fy, char **cause)
{
	struct browse_idmap	*map;
	sqlite3_stmt		*s;
	size_t			 i;
	long			 k;
	int			 rc;

	if (browse_year_due(st, fy, today_fy, &t->due, cause) != 0)
		return -1;
	t->fy = fy;
	browse_depts_clear(t);
	free(t->outcomes);
	t->outcomes = NULL;
	t->noutcomes = 0;
	map = xcalloc(t->nnodes + 1, sizeof *map);
	for (i = 0; i < t->nnodes; i++) {
		struct browse_node *n = &t->nodes[i];

		browse_node_year_clear(n);
		n->planned = 0;
		map[i].id = n->id;
		map[i].index = (long)i;
	}
	qsort(map, t->nnodes, sizeof *map, browse_idmap_cmp);

	if ((s = store_stmt(st, browse_sql_node_years, cause)) == NULL) {
		free(map);
		return -1;
	}
	sqlite3_bind_int64(s, 1, t->plan_id);
	sqlite3_bind_int(s, 2, fy);
	sqlite3_bind_int(s, 3, t->max_depth);
	sqlite3_bind_int(s, 4, t->first_fy == 0 && t->last_fy == 0);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct browse_node *n;

		k = browse_idmap_find(map, t->nnodes,
		    sqlite3_column_int64(s, 0));
		if (k < 0)
			continue;
		n = &t->nodes[k];
		n->state = browse_state_of((const char *)
		    sqlite3_column_text(s, 1));
		n->status = browse_status_of((const char *)
		    sqlite3_column_text(s, 2));
		free(n->grade);
		n->grade = store_col_dup_null(s, 3);
		n->planned = sqlite3_column_int(s, 4) != 0;
	}
	if (store_read_end(st, s, rc, "施策体系の読み込み", cause) != 0) {
		free(map);
		return -1;
	}
	browse_periods(t);
	rc = browse_load_assigns(st, t, map, cause);
	if (rc == 0)
		for (i = 0; i < t->nnodes; i++) {
			struct browse_node *n = &t->nodes[i];

			n->in_year = n->is_item && n->in_year;
			n->planned = n->is_item && n->planned;
		}
	if (rc == 0 && !t->lazy)
		rc = browse_load_outcomes(st, t, map, cause);
	free(map);
	if (rc != 0)
		return -1;
	/* The figures are the old year's until summarized again. */
	free(t->sums);
	t->sums = NULL;
	free(t->sums_read);
	t->sums_read = NULL;
	t->nsums = 0;
	for (i = 0; i < t->nnodes; i++)
		t->nodes[i].sum = -1;
	summary_init(&t->total, 0);
	browse_tree_count(t, NULL);
	return 0;
}

static int browse_view_year(struct store *st, struct browse_tree *t,
    int fy, int today_fy, char **cause);

int
browse_tree_year(struct store *st, struct browse_tree *t, int fy,
    int today_fy, char **cause)
{
	int	 began = 0, rc;

	if (t->filtered) {
		*cause = xstrdup("絞り込みの施策体系は読み直してください");
		return -1;
	}
	began = store_snapshot_begin(st);
	rc = t->partial ? browse_view_year(st, t, fy, today_fy, cause) :
	    browse_tree_reread(st, t, fy, today_fy, cause);
	store_snapshot_end(st, began);
	return rc;
}

int
browse_tree_which(struct store *st, struct browse_tree *t,
    enum browse_which which, int today_fy, char **cause)
{
	if (!t->partial || t->filtered) {
		*cause = xstrdup("この施策体系は状況で数え直せません");
		return -1;
	}
	t->which = which;
	return browse_tree_year(st, t, t->fy, today_fy, cause);
}

int
browse_node_outcomes(struct store *st, struct browse_tree *t,
    const struct browse_node *n, char **cause)
{
	struct summary_indicator	*ind;
	struct browse_outcome_memo	*m;
	size_t				 cnt, k;
	long				 sum, kept[SUMMARY_NOUTCOMES];
	int				 o;

	if (n == NULL || !t->lazy || (sum = n->sum) < 0 ||
	    (size_t)sum >= t->nsums || t->sums_read[sum])
		return 0;
	/* Read before for this year (the tree is read again after any
	 * write, so what it read holds). */
	for (k = 0; k < t->nomemo; k++) {
		m = &t->omemo[k];
		if (m->node_id != n->id || m->fy != t->fy)
			continue;
		for (o = 0; o < SUMMARY_NOUTCOMES; o++) {
			t->sums[sum].by_outcome[o] += m->by_outcome[o];
			t->sums[sum].indicators += m->by_outcome[o];
		}
		t->sums_read[sum] = 1;
		return 0;
	}
	/* From the rates kept of the year, else from every indicator's
	 * values. */
	memset(kept, 0, sizeof kept);
	if ((o = store_indfig_subtree_outcomes(st, t->plan_id, n->id, t->fy,
	    kept, cause)) < 0)
		return -1;
	if (o == 0) {
		if (store_summary_subtree(st, n->id, t->fy, &ind, &cnt,
		    cause) != 0)
			return -1;
		for (k = 0; k < cnt; k++) {
			o = (int)ind[k].outcome;
			kept[o >= 0 && o < SUMMARY_NOUTCOMES ? o :
			    SUMMARY_NO_DATA]++;
		}
		free(ind);
	}
	t->omemo = xreallocarray(t->omemo, t->nomemo + 1, sizeof *t->omemo);
	m = &t->omemo[t->nomemo++];
	memset(m, 0, sizeof *m);
	m->node_id = n->id;
	m->fy = t->fy;
	for (o = 0; o < SUMMARY_NOUTCOMES; o++) {
		m->by_outcome[o] = kept[o];
		t->sums[sum].by_outcome[o] += kept[o];
		t->sums[sum].indicators += kept[o];
	}
	t->sums_read[sum] = 1;
	return 0;
}

void
browse_tree_copy_outcomes(struct browse_tree *to, struct browse_tree *from)
{
	if (to == NULL || from == NULL || to == from ||
	    to->plan_id != from->plan_id || to->nomemo > 0 ||
	    from->nomemo == 0)
		return;
	to->omemo = xcalloc(from->nomemo, sizeof *to->omemo);
	memcpy(to->omemo, from->omemo, from->nomemo * sizeof *to->omemo);
	to->nomemo = from->nomemo;
}

/*
 * A tree read as it is shown (browse_tree_view): the nodes are read a
 * parent's children at a time, from the index of the nodes by parent in
 * the plan's order; a heading's counts and figures come from those kept
 * of it (db/migrate-11.sql), else from the count of the plan's items of
 * the year made when the tree was read (cfig).
 */

/* The children of node ?5, in order, as browse_sql_nodes reads them,
 * with whether each has children (the plan's top level is read from an
 * index of its own, BROWSE_TOP_WHERE below). */
#define BROWSE_KIDS_WHERE " WHERE n.parent_id = ?5"
static const char browse_sql_kids[] =
	"SELECT n.id, n.depth, n.code, n.title, n.label,"
	" n.first_fy, n.last_fy, r.state, r.status, r.grade, "
	BROWSE_OWN_PLANNED ","
	" EXISTS (SELECT 1 FROM node c WHERE c.parent_id = n.id), n.ord"
	" FROM node n"
	" LEFT JOIN result r ON r.node_id = n.id AND r.fy = ?2"
	BROWSE_KIDS_WHERE " ORDER BY n.ord, n.id";
/* The same without the texts (NULL: read when the child is shown), from
 * the index of the nodes by parent alone (db/migrate-21.sql), in which
 * they stand in order (db/migrate-22.sql), a part at a time (the top
 * level too: its nodes stand all over the file, a page each): at most
 * BROWSE_KIDS_PART + 1 of the children between the places (ord, id)
 * (?6, ?7) and (?9, ?10), from the first (browse_sql_kids_fwd) or from
 * the last (browse_sql_kids_back) of them; the row more than a part
 * says that more are left between. A heading of 66,000 items does not
 * read 66,000 rows to show a screen of them: the screen reads the next
 * part as it comes near the children not read, from either side
 * (browse_tree_more). For children that are read again when shown
 * (stale). */
#define BROWSE_KIDS_PART 1000
/* The parts read forward under a status, which reads every child
 * (browse_view_rest), and on the way to a node sought whose place
 * changed since its siblings were read (browse_reach): larger, so that
 * 50,000 children are not fifty reads each moving the nodes after
 * them. */
#define BROWSE_KIDS_REACH 16000
#define BROWSE_PART_SQL(index, where, order)				\
	"SELECT n.id, n.depth, NULL, NULL, NULL,"			\
	" n.first_fy, n.last_fy, r.state, r.status, r.grade, "		\
	BROWSE_OWN_PLANNED ","						\
	" EXISTS (SELECT 1 FROM node c WHERE c.parent_id = n.id), n.ord" \
	" FROM node n INDEXED BY " index				\
	" LEFT JOIN result r INDEXED BY result_state"			\
	" ON r.node_id = n.id AND r.fy = ?2"				\
	where " AND (n.ord, n.id) > (?6, ?7)"				\
	" AND (n.ord, n.id) < (?9, ?10) ORDER BY " order " LIMIT ?8"
static const char browse_sql_kids_fwd[] =
	BROWSE_PART_SQL("node_parent", BROWSE_KIDS_WHERE, "n.ord, n.id");
static const char browse_sql_kids_back[] =
	BROWSE_PART_SQL("node_parent", BROWSE_KIDS_WHERE,
	"n.ord DESC, n.id DESC");
/* The same of the plan's top level (?5 NULL), from the index of the top
 * level by plan (db/migrate-26.sql): in node_parent every plan's top
 * level is under the one parent NULL. */
#define BROWSE_TOP_WHERE " WHERE n.plan_id = ?1 AND n.parent_id IS NULL"
static const char browse_sql_top_fwd[] =
	BROWSE_PART_SQL("node_top", BROWSE_TOP_WHERE, "n.ord, n.id");
static const char browse_sql_top_back[] =
	BROWSE_PART_SQL("node_top", BROWSE_TOP_WHERE, "n.ord DESC, n.id DESC");
/* Where a child stands among its siblings. */
static const char browse_sql_kid_ord[] = "SELECT ord FROM node WHERE id = ?1";
static const char browse_sql_kid_flags[] =
	"SELECT nf.node_id, nf.flag_id FROM node n"
	" JOIN node_flag nf ON nf.node_id = n.id" BROWSE_KIDS_WHERE;
static const char browse_sql_kid_assigns[] =
	"SELECT nd.node_id, nd.dept_id, nd.is_main FROM node n"
	" JOIN node_dept nd ON nd.node_id = n.id" BROWSE_KIDS_WHERE
	" AND (nd.from_fy IS NULL OR nd.from_fy <= ?2)"
	" AND (nd.until_fy IS NULL OR nd.until_fy >= ?2)"
	" ORDER BY n.ord, n.id, nd.ord, nd.id";
/* The kept figures of the headings among the children (the children
 * first: those of the plan and year are many). */
static const char browse_sql_kid_figs[] =
	"SELECT f.node_id, f.state, f.status, f.grade, f.planned, f.n"
	" FROM node n CROSS JOIN node_fig f ON f.plan_id = ?1 AND f.fy = ?2"
	" AND f.node_id = n.id" BROWSE_KIDS_WHERE;
/* Whether the headings' figures of the plan and year are kept. */
static const char browse_sql_kept[] =
	"SELECT depth FROM plan_fig WHERE plan_id = ?1 AND fy = ?2"
	" AND items_valid = 1";
/* A node's plan and the headings above it (for browse_tree_find). */
static const char browse_sql_path[] =
	"SELECT n.plan_id, a2.parent_id, a1.parent_id, n.parent_id"
	" FROM node n LEFT JOIN node a1 ON a1.id = n.parent_id"
	" LEFT JOIN node a2 ON a2.id = a1.parent_id WHERE n.id = ?1";

/* Counts the plan's items of the year for each heading above them, into
 * t->cfig (sorted by node id) and t->kinds: a few rows per heading. */
static int
browse_view_count(struct store *st, struct browse_tree *t, char **cause)
{
	struct browse_figs	*k = xcalloc(1, sizeof *k);

	t->kinds = k;
	k->want_up = 1;
	if (!figs_memo_get(st, t->plan_id, t->fy, 1, 0, k)) {
		if (browse_figs_count_items(st, t->plan_id, t->fy, k,
		    cause) != 0)
			return -1;
		figs_memo_put(st, t->plan_id, t->fy, k, 1, 0);
	}
	t->cfig = k->up;
	t->ncfig = k->nup;
	k->up = NULL;
	k->nup = k->capup = 0;
	return 0;
}

static int browse_one_figs(struct store *st, struct browse_tree *t,
    struct browse_node *n, char **cause);
static int browse_which_is(enum browse_which w, enum browse_state st,
    enum browse_status su, int behind);
static int browse_which_matches(const struct browse_tree *t,
    const struct browse_node *n, enum browse_which w);

/* Adds n items alike below heading h to its counts and figures. */
static void
browse_view_add(struct browse_tree *t, struct browse_node *h,
    const char *state, const char *status, const char *grade, int planned,
    long n)
{
	enum browse_state	 st = browse_state_of(*state ? state : NULL);
	enum browse_status	 su = browse_status_of(*status ? status : NULL);
	int			 behind;

	if (n <= 0 || h->sum < 0)
		return;
	/* browse_item_behind of each of them. */
	behind = planned && t->due && (st == BROWSE_STATE_NONE ||
	    st == BROWSE_STATE_DRAFT || st == BROWSE_STATE_RETURNED);
	/* The counts are those of the status asked; the figures of all. A
	 * tree read for a filter has the filter's counts (browse_tree_count)
	 * and takes the figures alone. */
	if (!t->filtered && browse_which_is(t->which, st, su, behind)) {
		h->items += n;
		if (st != BROWSE_STATE_NONE)
			h->entered += n;
		if (st == BROWSE_STATE_SUBMITTED)
			h->submitted += n;
		if (st == BROWSE_STATE_CONFIRMED)
			h->confirmed += n;
		if (behind)
			h->behind += n;
	}
	summary_add_items(&t->sums[h->sum], browse_summary_statuses[su],
	    browse_summary_states[st],
	    summary_grade_index(*grade ? grade : NULL,
	    (const char *const *)t->scale, t->nscale), behind, n);
}

/* Adds to heading h its counts of the year counted into cfig (sorted by
 * node id): its first count, then the others. */
static void
browse_view_add_counted(struct browse_tree *t, struct browse_node *h)
{
	const struct browse_figs	*kinds = t->kinds;
	size_t				 lo = 0, hi = t->ncfig, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->cfig[mid].node_id < h->id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < t->ncfig && t->cfig[lo].node_id == h->id; lo++)
		browse_view_add(t, h, kinds->v[t->cfig[lo].kind].state,
		    kinds->v[t->cfig[lo].kind].status,
		    kinds->v[t->cfig[lo].kind].grade,
		    kinds->v[t->cfig[lo].kind].planned, t->cfig[lo].n);
}

/* The period of the node to be put under node p (-1: at the top): each
 * end its own, else the nearest ancestor's, else the plan's. */
static void
browse_view_period(const struct browse_tree *t, long p,
    const struct browse_node *n, int *first, int *last)
{
	long	a;

	*first = n->first_fy;
	*last = n->last_fy;
	for (a = p; a >= 0 && (*first == 0 || *last == 0);
	    a = t->nodes[a].parent) {
		if (*first == 0)
			*first = t->nodes[a].first_fy;
		if (*last == 0)
			*last = t->nodes[a].last_fy;
	}
	if (*first == 0)
		*first = t->first_fy;
	if (*last == 0)
		*last = t->last_fy;
}

void
browse_node_period(const struct browse_tree *t, const struct browse_node *n,
    int *first, int *last)
{
	browse_view_period(t, n->parent, n, first, last);
}

/* An item's counts of the year, itself alone, from its result and
 * whether it plans something in the year (n->planned as read: its own
 * yearly plans and targets); p is its parent's index (-1: the top). */
static void
browse_view_item_year(const struct browse_tree *t, long p,
    struct browse_node *n)
{
	int	first, last;

	browse_view_period(t, p, n, &first, &last);
	n->in_year = fy_in_span(t->fy, first, last);
	n->planned = n->planned || first != 0 || last != 0;
	n->items = n->entered = n->submitted = n->confirmed = n->behind = 0;
	if (!n->in_year)
		return;
	n->items = 1;
	n->entered = n->state != BROWSE_STATE_NONE;
	n->submitted = n->state == BROWSE_STATE_SUBMITTED;
	n->confirmed = n->state == BROWSE_STATE_CONFIRMED;
	n->behind = browse_item_behind(t, n);
}

/* Whether node n of a tree read as shown is shown for the status its
 * counts are for: an item that has it, a heading with one below; an
 * item without it counts nothing. */
static void
browse_view_shown(const struct browse_tree *t, struct browse_node *n)
{
	n->shown = 1;
	if (t->which == BROWSE_ANY)
		return;
	if (!n->is_item) {
		n->shown = n->items > 0;
		return;
	}
	if (!browse_which_matches(t, n, t->which)) {
		n->shown = 0;
		n->items = n->entered = n->submitted = n->confirmed =
		    n->behind = 0;
	}
}

static void
browse_node_clear(struct browse_node *n)
{
	free(n->code);
	free(n->title);
	free(n->label);
	free(n->grade);
	free(n->assigns);
}

/* Binds the children's query of node p (-1: the top level, whose
 * statements name no parent). */
static sqlite3_stmt *
browse_kids_stmt(struct store *st, const struct browse_tree *t,
    const char *sql, long p, char **cause)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, sql, cause)) == NULL)
		return NULL;
	sqlite3_bind_int64(s, 1, t->plan_id);
	if (sqlite3_bind_parameter_count(s) >= 2)
		sqlite3_bind_int(s, 2, t->fy);
	if (sqlite3_bind_parameter_count(s) >= 4) {
		sqlite3_bind_int(s, 3, t->max_depth);
		sqlite3_bind_int(s, 4, t->first_fy == 0 && t->last_fy == 0);
	}
	if (p >= 0)
		sqlite3_bind_int64(s, 5, t->nodes[p].id);
	else
		sqlite3_bind_null(s, 5);
	return s;
}

/* The place in kids (k of them, in order) of node id, or -1. The rows
 * that name the kids come in the kids' order, from the same index by
 * parent: the search starts where the last one was found (*from), so
 * that a parent of tens of thousands of children costs a step per row,
 * not a walk of the children. */
static long
browse_kid_find(const struct browse_node *kids, size_t k, long long id,
    size_t *from)
{
	size_t	i, n;

	for (n = 0, i = *from < k ? *from : 0; n < k; n++, i = (i + 1) % k)
		if (kids[i].id == id) {
			*from = i;
			return (long)i;
		}
	return -1;
}

/* Where node id stands among its siblings (its ord): 0, or -1 with
 * *cause. */
static int
browse_id_ord(struct store *st, long long id, long long *ord, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, browse_sql_kid_ord, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*ord = sqlite3_column_int64(s, 0);
		rc = SQLITE_DONE;
	}
	return store_read_end(st, s, rc, "施策体系の読み込み", cause);
}

/* The place (ord, id) of child c as the file has it now: 0, or -1 with
 * *cause. */
static int
browse_kid_place(struct store *st, const struct browse_tree *t, long c,
    long long *ord, long long *id, char **cause)
{
	*id = t->nodes[c].id;
	return browse_id_ord(st, *id, ord, cause);
}

/* Which of a heading's children browse_view_kids reads: the first part
 * (dir 0), or a part of the gap before node `before' (-1: after the
 * last child read) from its side dir, at most size of them; sought: the
 * part forward from the child at place (ord, id), itself first. */
struct browse_part {
	long		 before;
	int		 dir;
	long		 size;
	int		 sought;
	long long	 ord, id;
};

static const struct browse_part browse_part_first = {
	-1, 0, BROWSE_KIDS_PART, 0, 0, 0
};

/* One past the last node below p (-1: the top level), where children
 * read after its last one go. */
static long
browse_kids_end(const struct browse_tree *t, long p)
{
	return p < 0 ? (long)t->nnodes : t->nodes[p].end;
}

long
browse_gap_index(const struct browse_tree *t, const struct browse_gap *g)
{
	return g->before >= 0 ? g->before : browse_kids_end(t, g->parent);
}

int
browse_gap_open(const struct browse_tree *t, const struct browse_gap *g)
{
	if (g->parent < -1 || g->parent >= (long)t->nnodes)
		return 0;
	if (g->before >= 0)
		return g->before < (long)t->nnodes &&
		    t->nodes[g->before].parent == g->parent &&
		    t->nodes[g->before].gap_before;
	if (g->parent < 0)
		return t->top_more;
	return t->nodes[g->parent].loaded && t->nodes[g->parent].more;
}

int
browse_first_gap(const struct browse_tree *t, long p, struct browse_gap *g)
{
	long	c, end;

	g->parent = p;
	g->before = -1;
	if (p < -1 || p >= (long)t->nnodes || (p >= 0 && !t->nodes[p].loaded))
		return 0;
	end = browse_kids_end(t, p);
	for (c = p + 1; c < end; c = t->nodes[c].end)
		if (t->nodes[c].gap_before) {
			g->before = c;
			return 1;
		}
	return browse_gap_open(t, g);
}

/* The gap before node before (-1: after the last child of p) read to
 * its end. */
static void
browse_gap_close(struct browse_tree *t, long p, long before)
{
	if (before >= 0)
		t->nodes[before].gap_before = 0;
	else if (p >= 0)
		t->nodes[p].more = 0;
	else
		t->top_more = 0;
}

/* Binds the places between which the part pt of p's children is read
 * (dir 0: all of them): after the child read before its gap (or the
 * child sought, whichever comes later) and before the one read after
 * it. */
static int
browse_part_bounds(struct store *st, const struct browse_tree *t, long p,
    int dir, const struct browse_part *pt, sqlite3_stmt *s, char **cause)
{
	long long	 lo_ord = LLONG_MIN, lo_id = LLONG_MIN;
	long long	 hi_ord = LLONG_MAX, hi_id = LLONG_MAX;
	long		 c, last = -1, at;

	if (dir != 0) {
		at = pt->before >= 0 ? pt->before : browse_kids_end(t, p);
		for (c = p + 1; c < at; c = t->nodes[c].end)
			last = c;
		if (last >= 0 && browse_kid_place(st, t, last, &lo_ord,
		    &lo_id, cause) != 0)
			return -1;
		/* (The child sought itself is read: (ord, id - 1) is just
		 * before it. Never before the child read before the gap,
		 * should places have changed since.) */
		if (pt->sought && (pt->ord > lo_ord ||
		    (pt->ord == lo_ord && pt->id - 1 > lo_id))) {
			lo_ord = pt->ord;
			lo_id = pt->id - 1;
		}
		if (pt->before >= 0 && browse_kid_place(st, t, pt->before,
		    &hi_ord, &hi_id, cause) != 0)
			return -1;
	}
	sqlite3_bind_int64(s, 6, lo_ord);
	sqlite3_bind_int64(s, 7, lo_id);
	sqlite3_bind_int64(s, 8, pt->size + 1);
	sqlite3_bind_int64(s, 9, hi_ord);
	sqlite3_bind_int64(s, 10, hi_id);
	return 0;
}

/* The flags and the departments in force of the k children of node p
 * just read (kids, in order): 0, or -1 with *cause. */
static int
browse_kids_marks(struct store *st, struct browse_tree *t, long p,
    struct browse_node *kids, size_t k, char **cause)
{
	sqlite3_stmt	*s;
	size_t		 from = 0;
	long		 j;
	int		 rc;

	if ((s = browse_kids_stmt(st, t, browse_sql_kid_flags, p,
	    cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((j = browse_kid_find(kids, k,
		    sqlite3_column_int64(s, 0), &from)) >= 0)
			kids[j].flags |= browse_flag_bit(t,
			    sqlite3_column_int64(s, 1));
	if (store_read_end(st, s, rc, "区分の読み込み", cause) != 0)
		return -1;
	if ((s = browse_kids_stmt(st, t, browse_sql_kid_assigns, p,
	    cause)) == NULL)
		return -1;
	from = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if ((j = browse_kid_find(kids, k,
		    sqlite3_column_int64(s, 0), &from)) >= 0)
			browse_assign_add(t, &kids[j],
			    sqlite3_column_int64(s, 1),
			    sqlite3_column_int(s, 2) != 0);
	return store_read_end(st, s, rc, "担当課の読み込み", cause);
}

/* Reads the children of node p (-1: the top level) with their flags,
 * departments and counts, and puts them right after p. Below the top
 * level, with no status to count, the departments, flags and counts are
 * left to be read when the children are drawn (stale,
 * browse_tree_fresh): a heading's kept figures are many rows, and most
 * children are never on screen; and they are read a part at a time
 * (pt->size, BROWSE_KIDS_PART as a rule): the first part now, with more
 * set when more follow, and the others by browse_tree_more from either
 * side of a gap (pt->before, pt->dir) or from a child sought
 * (pt->sought, browse_reach), each put where its gap is. The top level
 * is always read so, its counts now; under a status, the parts after
 * the first right away (browse_view_rest). */
static long
browse_view_kids(struct store *st, struct browse_tree *t, long p,
    const struct browse_part *pt, char **cause)
{
	struct browse_node	*kids = NULL, *n;
	sqlite3_stmt		*s;
	size_t			 k = 0, cap = 0, i, from = 0;
	long			 j, at = p + 1, total;
	int			 rc, later = p >= 0 && t->which == BROWSE_ANY;
	int			 top = p < 0, again, parted, more = 0, dir = 0;

	/* A part after the first (a status may have come since). */
	again = top ? t->top_read : t->nodes[p].loaded;
	parted = later || top || again;

	if (again) {
		struct browse_gap g = { p, pt->before };

		if (pt->dir == 0 || !browse_gap_open(t, &g))
			return 0;
		at = browse_gap_index(t, &g);
		dir = pt->dir;
	}
	if ((s = browse_kids_stmt(st, t, !parted ? browse_sql_kids :
	    top ? (dir < 0 ? browse_sql_top_back : browse_sql_top_fwd) :
	    dir < 0 ? browse_sql_kids_back : browse_sql_kids_fwd, p,
	    cause)) == NULL)
		return -1;
	if (parted && browse_part_bounds(st, t, p, dir, pt, s, cause) != 0) {
		sqlite3_reset(s);
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (parted && (long)k == pt->size) {
			more = 1;
			continue;
		}
		if (k == cap) {
			cap = cap ? cap * 2 : 16;
			kids = xreallocarray(kids, cap, sizeof *kids);
		}
		n = &kids[k++];
		memset(n, 0, sizeof *n);
		n->id = sqlite3_column_int64(s, 0);
		n->parent = p;
		n->depth = sqlite3_column_int(s, 1);
		if (sqlite3_column_type(s, 3) != SQLITE_NULL) {
			n->code = store_col_dup(s, 2);
			n->title = store_col_dup(s, 3);
			n->label = store_col_dup(s, 4);
		}
		n->first_fy = store_col_int0(s, 5);
		n->last_fy = store_col_int0(s, 6);
		n->state = browse_state_of((const char *)
		    sqlite3_column_text(s, 7));
		n->status = browse_status_of((const char *)
		    sqlite3_column_text(s, 8));
		n->grade = store_col_dup_null(s, 9);
		n->planned = sqlite3_column_int(s, 10) != 0;
		n->has_children = sqlite3_column_int(s, 11) != 0;
		n->ord = sqlite3_column_int64(s, 12);
		n->sum = -1;
		n->shown = 1;
	}
	if (store_read_end(st, s, rc, "施策体系の読み込み", cause) != 0)
		goto fail;
	if (k == 0) {
		/* None: the gap read is closed (not one the child sought
		 * is not in after all). */
		if (again && !pt->sought)
			browse_gap_close(t, p, pt->before);
		else if (!again && p >= 0) {
			t->nodes[p].loaded = 1;
			t->nodes[p].more = 0;
		} else if (!again) {
			t->top_read = 1;
			t->top_more = 0;
		}
		return 0;
	}
	/* A part read from its end came last first. */
	for (i = 0; dir < 0 && i < k / 2; i++) {
		struct browse_node swap = kids[i];

		kids[i] = kids[k - 1 - i];
		kids[k - 1 - i] = swap;
	}

	/* Children read again when shown have their flags and departments
	 * read then (browse_view_fresh), as have those read without their
	 * texts. */
	if (!parted && browse_kids_marks(st, t, p, kids, k, cause) != 0)
		goto fail;

	/* Periods, and the place of each heading's figures. */
	for (i = 0; i < k; i++) {
		n = &kids[i];
		n->is_item = n->depth == t->max_depth;
		n->stale = parted;
		if (n->is_item) {
			n->loaded = !n->has_children;
			browse_view_item_year(t, p, n);
			continue;
		}
		browse_sum_add(t, n);
	}
	/* (The headings of a part one by one: the statement below walks
	 * every child of p, and every node of the top level.) */
	if (!later && (top || again)) {
		for (i = 0; i < k; i++)
			if (!kids[i].is_item && browse_one_figs(st, t,
			    &kids[i], cause) != 0)
				goto fail;
	} else if (!later && t->kept) {
		if ((s = browse_kids_stmt(st, t, browse_sql_kid_figs, p,
		    cause)) == NULL)
			goto fail;
		from = 0;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			if ((j = browse_kid_find(kids, k,
			    sqlite3_column_int64(s, 0), &from)) < 0)
				continue;
			browse_view_add(t, &kids[j],
			    browse_nz(sqlite3_column_text(s, 1)),
			    browse_nz(sqlite3_column_text(s, 2)),
			    browse_nz(sqlite3_column_text(s, 3)),
			    sqlite3_column_int(s, 4) != 0,
			    sqlite3_column_int64(s, 5));
		}
		if (store_read_end(st, s, rc, "施策体系の読み込み", cause) != 0)
			goto fail;
	} else if (!later)
		for (i = 0; i < k; i++)
			if (!kids[i].is_item)
				browse_view_add_counted(t, &kids[i]);
	for (i = 0; i < k; i++)
		browse_view_shown(t, &kids[i]);

	/* Make room after p: every index past p moves by k. */
	if (t->nnodes + k + 1 > t->capnodes) {
		t->capnodes = t->capnodes * 2 > t->nnodes + k + 1 ?
		    t->capnodes * 2 : t->nnodes + k + 1;
		t->nodes = xreallocarray(t->nodes, t->capnodes,
		    sizeof *t->nodes);
	}
	/* Every index from `at` on moves by k; so does the end of p and of
	 * its ancestors, whose subtrees take the new nodes (not that of
	 * p's last child read, which may end there too). (A gap moves with
	 * the node it is before, or is at the end of its heading's.) */
	for (j = 0; j < (long)t->nnodes; j++) {
		if (t->nodes[j].end > at || (t->nodes[j].end == at && j <= p))
			t->nodes[j].end += (long)k;
		if (t->nodes[j].parent >= at)
			t->nodes[j].parent += (long)k;
	}
	memmove(&t->nodes[at + (long)k], &t->nodes[at],
	    (t->nnodes - (size_t)at) * sizeof *t->nodes);
	for (i = 0; i < k; i++) {
		kids[i].end = at + (long)i + 1;
		t->nodes[at + (long)i] = kids[i];
	}
	t->nnodes += k;
	if (p >= 0)
		t->nodes[p].loaded = 1;
	free(kids);
	/* Nodes below an item (deeper than the plan's levels name) are
	 * always shown: read with it. */
	total = (long)k;
	for (j = at; j < at + total; j++) {
		long	below;

		if (!t->nodes[j].is_item || t->nodes[j].loaded)
			continue;
		if ((below = browse_view_kids(st, t, j, &browse_part_first,
		    cause)) < 0)
			return -1;
		total += below;
		j = t->nodes[j].end - 1;
	}
	/* The gaps: after the first part, when more follow; of a gap read,
	 * what is left of it, after the part read forward (before the
	 * node it was before, now at + total, or at the end), before the
	 * part read backward; before the child sought, those between it
	 * and the child read before it (none, maybe: reading that gap
	 * closes it). */
	if (dir == 0 && p >= 0)
		t->nodes[p].more = more;
	else if (dir == 0) {
		t->top_read = 1;
		t->top_more = more;
	} else {
		if (dir < 0 || !more)
			browse_gap_close(t, p, pt->before >= 0 ?
			    pt->before + total : -1);
		if (pt->sought || (dir < 0 && more))
			t->nodes[at].gap_before = 1;
	}
	return total;
fail:
	for (i = 0; i < k; i++)
		browse_node_clear(&kids[i]);
	free(kids);
	return -1;
}

/*
 * Under a status, the children not read yet of the top level and of
 * every heading read in part: which of them are shown, and the counts,
 * depend on every one (a plan of one level has all its items at the
 * top). Read forward in the larger parts of a search's way down.
 * Returns 0, or -1 with *cause.
 */
static int
browse_view_rest(struct store *st, struct browse_tree *t, char **cause)
{
	struct browse_part	 pt = { -1, 1, BROWSE_KIDS_REACH, 0, 0, 0 };
	struct browse_gap	 g;
	size_t			 i;

	if (t->which == BROWSE_ANY)
		return 0;
	/* (Each read takes nodes from a gap or closes it.) */
	while (browse_first_gap(t, -1, &g)) {
		pt.before = g.before;
		if (browse_view_kids(st, t, -1, &pt, cause) < 0)
			return -1;
	}
	/* (Children put after i move only the nodes after it.) */
	for (i = 0; i < t->nnodes; i++)
		while (browse_first_gap(t, (long)i, &g)) {
			pt.before = g.before;
			if (browse_view_kids(st, t, (long)i, &pt, cause) < 0)
				return -1;
		}
	return 0;
}

/* Every department with its name in the year: a node's departments are
 * picked from them as its children are read. */
static int
browse_view_depts(struct store *st, struct browse_tree *t, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, browse_sql_depts, cause)) == NULL)
		return -1;
	sqlite3_bind_int(s, 2, t->fy);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct browse_dept *dp;

		t->depts = xreallocarray(t->depts, t->ndepts + 1,
		    sizeof *t->depts);
		dp = &t->depts[t->ndepts++];
		dp->id = sqlite3_column_int64(s, 0);
		dp->code = store_col_dup(s, 1);
		dp->name = store_col_dup(s, 2);
	}
	return store_read_end(st, s, rc, "担当課の読み込み", cause);
}

/* Whether the headings' figures of the tree's plan and year are kept;
 * when not, they are counted into t->cfig. */
static int
browse_view_kept(struct store *st, struct browse_tree *t, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc, depth = -1;

	/* (Not before migration 11: nothing is kept of the headings.) */
	if ((s = store_stmt(st, browse_sql_kept, NULL)) != NULL) {
		sqlite3_bind_int64(s, 1, t->plan_id);
		sqlite3_bind_int(s, 2, t->fy);
		if ((rc = sqlite3_step(s)) == SQLITE_ROW)
			depth = store_col_int0(s, 0);
		if (store_read_end(st, s, rc, "施策体系の読み込み",
		    cause) != 0)
			return -1;
		s = store_stmt(st, "SELECT 1 FROM node_fig LIMIT 0", NULL);
		if (s != NULL)
			sqlite3_reset(s);
	}
	t->kept = s != NULL && depth == t->max_depth;
	if (!t->kept && browse_view_count(st, t, cause) != 0)
		return -1;
	return 0;
}

/* The most children of the top level a tree read as shown opens with at
 * first: its first nodes are opened while their children come to at most
 * this many, the others are left closed (a plan of two levels and
 * 200,000 items would otherwise read them all to show its first screen,
 * and 2,000 policies under 200 basic ones take longer to read than a
 * key may; a city's plan has a few hundred). */
#define BROWSE_OPEN_MOST 1000

/* How many children a node has, counted up to ?2 (its index only). */
static const char browse_sql_kids_up_to[] =
	"SELECT count(*) FROM (SELECT 1 FROM node WHERE parent_id = ?1"
	" LIMIT ?2)";

/* How many of the first nodes of the top level of a tree read as shown
 * (the top level only, so far) that have children to open at first:
 * those whose children come to at most BROWSE_OPEN_MOST between them.
 * Returns that number, or -1 with *cause. Reads at most that many keys
 * of the index. */
static long
browse_top_to_open(struct store *st, const struct browse_tree *t,
    char **cause)
{
	sqlite3_stmt	*s;
	long long	 most = st->browse_open_most > 0 ?
			    (long long)st->browse_open_most : BROWSE_OPEN_MOST;
	long long	 n = 0, kids = 0;
	size_t		 i;
	long		 opened = 0;
	int		 rc;

	for (i = 0; i < t->nnodes; i++) {
		if (t->nodes[i].is_item || !t->nodes[i].has_children)
			continue;
		if ((s = store_stmt(st, browse_sql_kids_up_to, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, t->nodes[i].id);
		sqlite3_bind_int64(s, 2, most - n + 1);
		if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			kids = sqlite3_column_int64(s, 0);
			rc = SQLITE_DONE;
		}
		if (store_read_end(st, s, rc, "施策体系の読み込み", cause) != 0)
			return -1;
		if (n + kids > most)
			break;
		n += kids;
		opened++;
	}
	return opened;
}

static int
browse_view_read(struct store *st, struct browse_tree *t, int today_fy,
    const long long *open, size_t nopen, char **cause)
{
	size_t		 i;
	long		 first = 0;

	if (browse_year_due(st, t->fy, today_fy, &t->due, cause) != 0 ||
	    browse_load_plan(st, t, cause) != 0 ||
	    browse_view_depts(st, t, cause) != 0 ||
	    browse_view_kept(st, t, cause) != 0)
		return -1;
	if (browse_view_kids(st, t, -1, &browse_part_first, cause) < 0 ||
	    browse_view_rest(st, t, cause) != 0)
		return -1;
	if (open == NULL && (first = browse_top_to_open(st, t, cause)) < 0)
		return -1;
	/* Depth first: a node's children come right after it. */
	for (i = 0; i < t->nnodes; i++) {
		struct browse_node *n = &t->nodes[i];

		if (n->is_item || !n->has_children)
			continue;
		if (open == NULL ? n->depth != 1 || first-- <= 0 :
		    bsearch(&n->id, open, nopen, sizeof *open,
		    store_ids_cmp) == NULL)
			continue;
		if (browse_view_kids(st, t, (long)i, &browse_part_first,
		    cause) < 0)
			return -1;
		n = &t->nodes[i];
		n->expanded = 1;
	}
	return 0;
}

/* A tree to be read in parts (by browse_tree_view or
 * browse_tree_filtered): the plan, the year and the scale its figures
 * count by, nothing read yet. */
static struct browse_tree *
browse_tree_lazy(long long plan_id, int fy, const char *const *scale,
    int nscale)
{
	struct browse_tree	*t = xcalloc(1, sizeof *t);
	int			 k;

	t->plan_id = plan_id;
	t->fy = fy;
	t->lazy = 1;
	t->nscale = nscale > 0 ? nscale : 0;
	t->scale = xcalloc((size_t)t->nscale + 1, sizeof *t->scale);
	for (k = 0; k < t->nscale; k++)
		t->scale[k] = xstrdup(scale[k]);
	summary_init(&t->total, t->nscale);
	t->sums = xcalloc(1, sizeof *t->sums);
	t->sums_read = xcalloc(1, 1);
	return t;
}

int
browse_tree_view(struct store *st, long long plan_id, int fy, int today_fy,
    const char *const *scale, int nscale, enum browse_which which,
    const long long *open, size_t nopen, struct browse_tree **out,
    char **cause)
{
	struct browse_tree	*t;
	int			 began = 0, rc;

	*out = NULL;
	t = browse_tree_lazy(plan_id, fy, scale, nscale);
	t->partial = 1;
	t->which = which;
	/* One read snapshot, as browse_tree_read. */
	began = store_snapshot_begin(st);
	rc = browse_view_read(st, t, today_fy, open, nopen, cause);
	store_snapshot_end(st, began);
	if (rc != 0) {
		browse_tree_free(t);
		return -1;
	}
	*out = t;
	return 0;
}

long
browse_tree_expand(struct store *st, struct browse_tree *t, long i,
    char **cause)
{
	int	 began = 0;
	long	 rc;

	if (!t->partial || i < 0 || (size_t)i >= t->nnodes ||
	    t->nodes[i].loaded || t->nodes[i].is_item)
		return 0;
	began = store_snapshot_begin(st);
	rc = browse_view_kids(st, t, i, &browse_part_first, cause);
	store_snapshot_end(st, began);
	return rc;
}

/* A part pt of a gap among the children of p, in a read snapshot. */
static long
browse_more_by(struct store *st, struct browse_tree *t, long p,
    const struct browse_part *pt, char **cause)
{
	struct browse_gap	 g = { p, pt->before };
	int			 began = 0;
	long			 rc;

	if (!t->partial || pt->dir == 0 || !browse_gap_open(t, &g))
		return 0;
	began = store_snapshot_begin(st);
	rc = browse_view_kids(st, t, p, pt, cause);
	store_snapshot_end(st, began);
	return rc;
}

long
browse_tree_more(struct store *st, struct browse_tree *t,
    const struct browse_gap *g, int dir, char **cause)
{
	struct browse_part	pt = { g->before, dir, BROWSE_KIDS_PART, 0, 0, 0 };

	return browse_more_by(st, t, g->parent, &pt, cause);
}

int
browse_tree_read_whole(const struct browse_tree *t)
{
	long	c, n = 0;

	for (c = 0; c < (long)t->nnodes; c = t->nodes[c].end)
		if (++n > BROWSE_KIDS_PART)
			return 1;
	return 0;
}

/* Whether department ?3 is in charge of a node of the plan in the year,
 * from the index of the plan's assignments by department alone
 * (db/migrate-21.sql). */
static const char browse_sql_charged[] =
	"SELECT EXISTS (SELECT 1 FROM node_dept nd INDEXED BY node_dept_plan"
	" WHERE nd.plan_id = ?1 AND nd.dept_id = ?3"
	" AND (nd.from_fy IS NULL OR nd.from_fy <= ?2)"
	" AND (nd.until_fy IS NULL OR nd.until_fy >= ?2))";

int
browse_tree_charged(struct store *st, const struct browse_tree *t,
    size_t **out, size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	size_t		 d;
	int		 rc, yes;

	*out = xcalloc(t->ndepts + 1, sizeof **out);
	*n = 0;
	for (d = 0; d < t->ndepts; d++) {
		if (!t->partial && !t->filtered) {
			(*out)[(*n)++] = d;
			continue;
		}
		if ((s = store_stmt(st, browse_sql_charged, cause)) == NULL)
			goto fail;
		sqlite3_bind_int64(s, 1, t->plan_id);
		sqlite3_bind_int(s, 2, t->fy);
		sqlite3_bind_int64(s, 3, t->depts[d].id);
		rc = sqlite3_step(s);
		yes = rc == SQLITE_ROW && sqlite3_column_int(s, 0) != 0;
		if (store_read_end(st, s, rc, "担当課の読み込み", cause) != 0)
			goto fail;
		if (yes)
			(*out)[(*n)++] = d;
	}
	return 0;
fail:
	free(*out);
	*out = NULL;
	*n = 0;
	return -1;
}

/* The nodes a department is in charge of in the plan in the year (from
 * the plan's assignments by department), and those carrying a flag (?6),
 * with the columns of browse_sql_nodes but their texts (NULL: read when
 * the node is shown) and, of an item submitted or confirmed, whether it
 * plans the year (0: browse_planned_later), and their order: each from
 * the narrow indexes of db/migrate-21.sql, not the nodes' and results'
 * rows, tens of thousands of which a filter can name. */
#define BROWSE_MATCH_HEAD						\
	"SELECT n.id, n.parent_id, n.depth, NULL, NULL, NULL,"		\
	" n.first_fy, n.last_fy, "
#define BROWSE_MATCH_COLUMNS						\
	BROWSE_MATCH_HEAD "r.state, r.status, r.grade,"			\
	" (CASE WHEN r.state IN ('submitted', 'confirmed') THEN 0 ELSE "	\
	BROWSE_OWN_PLANNED " END), n.ord"
#define BROWSE_MATCH_JOINS						\
	" LEFT JOIN result r INDEXED BY result_state"			\
	" ON r.node_id = n.id AND r.fy = ?2"
/* The same in a year of no result at all (the year just begun, as a
 * rule): no look-up of each node's result, half of the reading, and no
 * result's columns to join or test (54 -> 46 ms for the 100,000 nodes a
 * department of a two-level plan names). */
#define BROWSE_MATCH_NO_RESULT						\
	BROWSE_MATCH_HEAD "NULL, NULL, NULL, " BROWSE_OWN_PLANNED ", n.ord"
/* (Each node's columns from its assignment, db/migrate-27.sql, or of a
 * flag from its mark, db/migrate-25.sql: the rows in order from one
 * index, not a look-up of each node.) */
#define BROWSE_DEPT_FROM						\
	" FROM (SELECT node_id AS id, plan_id, parent_id, depth,"	\
	" node_ord AS ord, first_fy, last_fy"				\
	" FROM node_dept INDEXED BY node_dept_plan"			\
	" WHERE plan_id = ?1 AND dept_id = ?6"				\
	" AND (from_fy IS NULL OR from_fy <= ?2)"			\
	" AND (until_fy IS NULL OR until_fy >= ?2)) n"
#define BROWSE_FLAG_FROM						\
	" FROM (SELECT node_id AS id, plan_id, parent_id, depth, ord,"	\
	" first_fy, last_fy FROM node_flag INDEXED BY node_flag_flag"	\
	" WHERE flag_id = ?6 AND plan_id = ?1) n"
/* [by flag][with results] */
static const char *const browse_sql_match[2][2] = {
	{ BROWSE_MATCH_NO_RESULT BROWSE_DEPT_FROM,
	  BROWSE_MATCH_COLUMNS BROWSE_DEPT_FROM BROWSE_MATCH_JOINS },
	{ BROWSE_MATCH_NO_RESULT BROWSE_FLAG_FROM,
	  BROWSE_MATCH_COLUMNS BROWSE_FLAG_FROM BROWSE_MATCH_JOINS },
};
/* How many rows the two above read at most (the nodes of any year),
 * and the range of their ids. */
static const char browse_sql_dept_match_count[] =
	"SELECT count(*), min(node_id), max(node_id)"
	" FROM node_dept INDEXED BY node_dept_plan"
	" WHERE plan_id = ?1 AND dept_id = ?2";
static const char browse_sql_flag_match_count[] =
	"SELECT count(*), min(node_id), max(node_id) FROM node_flag"
	" WHERE flag_id = ?1";
/* The results of year ?1 of the nodes whose ids run from ?2 to ?3, in
 * the order of their nodes, from the index that puts a year's results
 * together (browse_filter_results). */
static const char browse_sql_results_range[] =
	"SELECT node_id, state, status, grade FROM result"
	" INDEXED BY result_state WHERE fy = ?1 AND node_id BETWEEN ?2 AND ?3";
/* A pass over the results in the range of the ids a filter names costs
 * about a third of a look-up of each node's result: the pass is taken
 * when the filter names at least a third of that range (a department in
 * charge of half a plan, say). */
#define BROWSE_RESULTS_PASS 3
/* The same of the headings above them, by id (a JSON array, ?5: one
 * statement for any number of them). */
static const char browse_sql_heading_match[] =
	BROWSE_MATCH_COLUMNS
	" FROM json_each(?5) j"
	" CROSS JOIN node n INDEXED BY node_shape ON n.id = j.value"
	BROWSE_MATCH_JOINS
	" WHERE n.plan_id = ?1";
/* The flags of nodes by id (?1). */
static const char browse_sql_list_flags[] =
	"SELECT nf.node_id, nf.flag_id FROM json_each(?1) j"
	" CROSS JOIN node_flag nf ON nf.node_id = j.value";
/* One node's departments in the year in order. */
static const char browse_sql_one_assigns[] =
	"SELECT dept_id, is_main FROM node_dept WHERE node_id = ?1"
	" AND (from_fy IS NULL OR from_fy <= ?2)"
	" AND (until_fy IS NULL OR until_fy >= ?2) ORDER BY ord, id";
/* One node's flags. */
static const char browse_sql_one_flags[] =
	"SELECT flag_id FROM node_flag WHERE node_id = ?1";
/* One node's texts. */
static const char browse_sql_one_texts[] =
	"SELECT code, title, label FROM node WHERE id = ?1";
/* One heading's kept figures. */
static const char browse_sql_one_figs[] =
	"SELECT state, status, grade, planned, n FROM node_fig"
	" WHERE plan_id = ?1 AND fy = ?2 AND node_id = ?3";

/* The results of the tree's year of the rows rw read without them, ids
 * lo to hi, in one pass over the year's results in that range, each put
 * on the rows of its node (the rows come by id, as a rule, and are
 * sorted by it to meet the results). */
static int
browse_filter_results(struct store *st, const struct browse_tree *t,
    struct browse_rows *rw, long long lo, long long hi, char **cause)
{
	struct browse_idmap	*key;	/* each row's id and place */
	sqlite3_stmt		*s;
	size_t			 i, k = 0;
	long long		 id;
	int			 rc;

	if (rw->n == 0)
		return 0;
	key = xcalloc(rw->n, sizeof *key);
	for (i = 0; i < rw->n; i++) {
		key[i].id = rw->raw[i].id;
		key[i].index = (long)i;
	}
	sort_mostly_sorted(key, rw->n, sizeof *key, browse_idmap_cmp);
	if ((s = store_stmt(st, browse_sql_results_range, cause)) == NULL) {
		free(key);
		return -1;
	}
	sqlite3_bind_int(s, 1, t->fy);
	sqlite3_bind_int64(s, 2, lo);
	sqlite3_bind_int64(s, 3, hi);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		while (k < rw->n && key[k].id < id)
			k++;
		for (i = k; i < rw->n && key[i].id == id; i++) {
			struct browse_node *nd = &rw->nodes[key[i].index];

			nd->state = browse_state_of((const char *)
			    sqlite3_column_text(s, 1));
			nd->status = browse_status_of((const char *)
			    sqlite3_column_text(s, 2));
			free(nd->grade);
			nd->grade = store_col_dup_null(s, 3);
		}
	}
	free(key);
	return store_read_end(st, s, rc, "施策体系の読み込み", cause);
}

/* The nodes a filter can show: those the department or the flag names,
 * and the headings above each, read in a statement each (not one per
 * node: a filter can name tens of thousands). */
static int
browse_filter_nodes(struct store *st, struct browse_tree *t,
    const struct browse_filter *f, struct browse_idmap **mapp, char **cause)
{
	struct browse_rows	 rw;
	struct browse_ids	 ups, got, heads;
	sqlite3_stmt		*s;
	size_t			 i, n = 0;
	long long		 results = 1, lo = 0, hi = 0;
	int			 level, rc, pass;

	memset(&rw, 0, sizeof rw);
	memset(&ups, 0, sizeof ups);
	memset(&got, 0, sizeof got);
	memset(&heads, 0, sizeof heads);
	*mapp = NULL;
	/* Room for them all at once, and a quarter more for the headings
	 * above them: grown row by row, the arrays of tens of thousands of
	 * nodes were copied again and again. */
	if ((s = store_stmt(st, f->dept_id != 0 ? browse_sql_dept_match_count :
	    browse_sql_flag_match_count, cause)) == NULL)
		return -1;
	if (f->dept_id != 0) {
		sqlite3_bind_int64(s, 1, t->plan_id);
		sqlite3_bind_int64(s, 2, f->dept_id);
	} else
		sqlite3_bind_int64(s, 1, t->flags[f->flag].id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		n = (size_t)sqlite3_column_int64(s, 0);
		lo = sqlite3_column_int64(s, 1);
		hi = sqlite3_column_int64(s, 2);
	}
	if (store_read_end(st, s, rc, "施策体系の読み込み", cause) != 0)
		return -1;
	browse_rows_grow(&rw, n + n / 4 + 64);
	rc = -1;
	if (store_read_int(st, STORE_SQL_YEAR_HAS_RESULTS, t->fy, 0, &results,
	    NULL, cause) != 0)
		goto done;
	/* The nodes' results looked up one by one, or read in one pass
	 * after them when the filter names much of their range; not in a
	 * year due of a plan that prints no period, where the look-up of
	 * each result spares asking a submitted or confirmed item whether
	 * it plans the year (browse_planned_later). */
	pass = results != 0 && n > 0 && hi >= lo &&
	    (unsigned long long)(hi - lo) / BROWSE_RESULTS_PASS < n &&
	    !(t->first_fy == 0 && t->last_fy == 0 && t->due);
	if ((s = store_stmt(st, browse_sql_match[f->dept_id == 0][results !=
	    0 && !pass], cause)) == NULL)
		goto done;
	browse_rows_bind(s, t);
	/* In a year not due no item is behind: whether one plans the year
	 * (a yearly plan's or a target's read, in a plan without a period)
	 * is left to when it is shown, not asked of the tens of thousands
	 * a filter can name. */
	t->planned_later = t->first_fy == 0 && t->last_fy == 0 && !t->due;
	if (t->planned_later)
		sqlite3_bind_int(s, 4, 0);
	sqlite3_bind_int64(s, 6, f->dept_id != 0 ? f->dept_id :
	    t->flags[f->flag].id);
	if (browse_rows_read(st, s, &rw, 1, &ups, cause) != 0 ||
	    (pass && browse_filter_results(st, t, &rw, lo, hi, cause) != 0))
		goto done;
	/* The headings above them that are not among them (got) nor read
	 * (heads), a level at a time from the parents up (nodes are at
	 * most four deep), their texts too when shown. */
	for (i = 0; i < rw.n; i++) {
		rw.nodes[i].matched = 1;
		browse_ids_add(&got, rw.raw[i].id);
	}
	browse_ids_settle(&got);
	for (level = 0; level < 3; level++) {
		browse_ids_settle(&ups);
		browse_ids_settle(&heads);
		for (i = n = 0; i < ups.n; i++)
			if ((got.n == 0 || bsearch(&ups.v[i], got.v, got.n,
			    sizeof *got.v, store_ids_cmp) == NULL) &&
			    (heads.n == 0 || bsearch(&ups.v[i], heads.v,
			    heads.n, sizeof *heads.v, store_ids_cmp) == NULL))
				ups.v[n++] = ups.v[i];
		ups.n = n;
		if (ups.n == 0)
			break;
		if ((s = store_stmt(st, browse_sql_heading_match, cause)) ==
		    NULL)
			goto done;
		browse_rows_bind(s, t);
		sqlite3_bind_text(s, 5, store_ids_json(ups.v, ups.n), -1,
		    free);
		for (i = 0; i < ups.n; i++)
			browse_ids_add(&heads, ups.v[i]);
		ups.n = 0;	/* now for the parents of these */
		if (browse_rows_read(st, s, &rw, 1, &ups, cause) != 0)
			goto done;
	}
	browse_rows_layout(t, &rw, 0, mapp);
	rc = 0;
done:
	browse_rows_free(&rw);
	free(ups.v);
	free(got.v);
	free(heads.v);
	return rc;
}

/* The flags of the tree's nodes. */
static int
browse_list_flags(struct store *st, struct browse_tree *t,
    const struct browse_idmap *map, const char *json, char **cause)
{
	sqlite3_stmt	*s;
	long		 i;
	int		 rc;

	if ((s = store_stmt(st, browse_sql_list_flags, cause)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, json, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		i = browse_idmap_find(map, t->nnodes,
		    sqlite3_column_int64(s, 0));
		if (i >= 0)
			t->nodes[i].flags |= browse_flag_bit(t,
			    sqlite3_column_int64(s, 1));
	}
	return store_read_end(st, s, rc, "区分の読み込み", cause);
}

/* Node n's departments in the tree's year, in order. */
static int
browse_one_assigns(struct store *st, struct browse_tree *t,
    struct browse_node *n, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, browse_sql_one_assigns, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, n->id);
	sqlite3_bind_int(s, 2, t->fy);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		browse_assign_add(t, n, sqlite3_column_int64(s, 0),
		    sqlite3_column_int(s, 1) != 0);
	return store_read_end(st, s, rc, "担当課の読み込み", cause);
}

/* Heading n's counts and figures of the tree's year (not filtered):
 * those kept, else those counted into cfig. */
static int
browse_one_figs(struct store *st, struct browse_tree *t,
    struct browse_node *n, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	if (!t->kept) {
		browse_view_add_counted(t, n);
		return 0;
	}
	if ((s = store_stmt(st, browse_sql_one_figs, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, t->plan_id);
	sqlite3_bind_int(s, 2, t->fy);
	sqlite3_bind_int64(s, 3, n->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		browse_view_add(t, n,
		    browse_nz(sqlite3_column_text(s, 0)),
		    browse_nz(sqlite3_column_text(s, 1)),
		    browse_nz(sqlite3_column_text(s, 2)),
		    sqlite3_column_int(s, 3) != 0,
		    sqlite3_column_int64(s, 4));
	return store_read_end(st, s, rc, "施策体系の読み込み", cause);
}

/* A node's result and what it plans of its own (an item) in the tree's
 * year: from the narrow indexes of the nodes' shape and the results'
 * state (db/migrate-21.sql), not the rows, whose pages a status filter
 * would read for every node of the tree. */
static const char browse_sql_one_item_year[] =
	"SELECT r.state, r.status, r.grade, " BROWSE_OWN_PLANNED
	" FROM node n INDEXED BY node_shape"
	" LEFT JOIN result r INDEXED BY result_state"
	" ON r.node_id = n.id AND r.fy = ?2 WHERE n.id = ?5";

/* A heading plans nothing: its result alone. */
static const char browse_sql_one_result[] =
	"SELECT state, status, grade, 0 FROM result INDEXED BY result_state"
	" WHERE node_id = ?5 AND fy = ?2";

static int
browse_one_item_year(struct store *st, struct browse_tree *t,
    struct browse_node *n, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, n->is_item ? browse_sql_one_item_year :
	    browse_sql_one_result, cause)) == NULL)
		return -1;
	sqlite3_bind_int(s, 2, t->fy);
	if (n->is_item) {
		sqlite3_bind_int(s, 3, t->max_depth);
		sqlite3_bind_int(s, 4, t->first_fy == 0 && t->last_fy == 0);
	}
	sqlite3_bind_int64(s, 5, n->id);
	n->state = BROWSE_STATE_NONE;
	n->status = BROWSE_STATUS_NONE;
	free(n->grade);
	n->grade = NULL;
	n->planned = 0;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		n->state = browse_state_of((const char *)
		    sqlite3_column_text(s, 0));
		n->status = browse_status_of((const char *)
		    sqlite3_column_text(s, 1));
		n->grade = store_col_dup_null(s, 2);
		n->planned = sqlite3_column_int(s, 3) != 0;
	}
	return store_read_end(st, s, rc, "施策体系の読み込み", cause);
}

/*
 * Forgets the children read of each heading shown closed, and those
 * below them (they are read again when it is opened), keeping the order;
 * the nodes below an item stay (they are shown with it).
 */
static void
browse_view_unload(struct browse_tree *t)
{
	long	*to = xcalloc(t->nnodes + 1, sizeof *to);
	size_t	 i, j, out = 0;
	long	 end;

	for (i = 0; i < t->nnodes; out++) {
		struct browse_node n = t->nodes[i];

		to[i] = (long)out;
		end = n.end;
		if (!n.is_item && n.loaded && !n.expanded &&
		    end > (long)i + 1) {
			for (j = i + 1; j < (size_t)end; j++)
				browse_node_clear(&t->nodes[j]);
			n.loaded = 0;
			n.more = 0;
		} else
			end = (long)i + 1;
		if (n.parent >= 0)
			n.parent = to[n.parent];
		n.end = (long)out + 1;
		t->nodes[out] = n;
		i = (size_t)end;
	}
	to[t->nnodes] = (long)out;
	t->nnodes = out;
	/* (A gap goes with the child kept it is before, or is at the end
	 * of its heading's.) */
	/* A node's subtree ends where its last descendant's does. */
	for (i = t->nnodes; i-- > 0;) {
		long p = t->nodes[i].parent;

		if (p >= 0 && t->nodes[p].end < t->nodes[i].end)
			t->nodes[p].end = t->nodes[i].end;
	}
	free(to);
}

/* Forgets what of node n changes with the year, and marks it stale:
 * nothing of another year is shown meanwhile. */
static void
browse_view_forget(struct browse_tree *t, struct browse_node *n)
{
	browse_node_year_clear(n);
	n->items = n->entered = n->submitted = n->confirmed = n->behind = 0;
	if (n->sum >= 0 && (size_t)n->sum < t->nsums) {
		summary_init(&t->sums[n->sum], t->nscale);
		t->sums_read[n->sum] = 0;
	}
	n->stale = 1;
}

/* The texts of node n read without them (browse_rows_read,
 * browse_view_kids). */
static int
browse_one_texts(struct store *st, struct browse_node *n, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	if (n->title != NULL)
		return 0;
	if ((s = store_stmt(st, browse_sql_one_texts, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, n->id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		n->code = store_col_dup(s, 0);
		n->title = store_col_dup(s, 1);
		n->label = store_col_dup(s, 2);
	}
	if (store_read_end(st, s, rc, "施策体系の読み込み", cause) != 0)
		return -1;
	/* (A node removed since: shown without texts, not as nothing.) */
	if (n->title == NULL) {
		n->code = xstrdup("");
		n->title = xstrdup("");
		n->label = xstrdup("");
	}
	return 0;
}

/* Reads again, for the tree's year, what of node n changes with it: its
 * departments and result, and a heading's counts and figures (never
 * the nodes below it); and its texts when it was read without them. */
static int browse_one_flags(struct store *st, struct browse_tree *t,
    struct browse_node *n, char **cause);
static int browse_view_counted(struct store *st, struct browse_tree *t,
    struct browse_node *n, int stay_stale, char **cause);

static int
browse_view_fresh(struct store *st, struct browse_tree *t,
    struct browse_node *n, char **cause)
{
	browse_view_forget(t, n);
	/* (Any node's result is read, as with the tree.) */
	if (browse_one_texts(st, n, cause) != 0 ||
	    browse_one_flags(st, t, n, cause) != 0 ||
	    browse_one_assigns(st, t, n, cause) != 0)
		return -1;
	return browse_view_counted(st, t, n, 0, cause);
}

/* What of node n decides whether it is shown under a status and what it
 * counts: an item's result and what it plans, a heading's counts (its
 * texts, flags and departments are left to when it is drawn: it stays
 * stale, when stay_stale). */
static int
browse_view_counted(struct store *st, struct browse_tree *t,
    struct browse_node *n, int stay_stale, char **cause)
{
	if (browse_one_item_year(st, t, n, cause) != 0)
		return -1;
	n->stale = stay_stale;
	if (n->is_item)
		browse_view_item_year(t, n->parent, n);
	else if (browse_one_figs(st, t, n, cause) != 0)
		return -1;
	/* (What the status shows of it: an item without it counts
	 * nothing.) */
	browse_view_shown(t, n);
	return 0;
}

/*
 * browse_tree_year of a tree read as shown: the nodes shown are kept and
 * marked stale, and read again by id when they are drawn
 * (browse_tree_fresh); the counts of the top level's headings now, for
 * the widths of the counts. Under a status every node's counts are read
 * now: which are shown depends on them.
 */
static int
browse_view_year(struct store *st, struct browse_tree *t, int fy,
    int today_fy, char **cause)
{
	size_t	i;

	t->fy = fy;
	if (browse_year_due(st, fy, today_fy, &t->due, cause) != 0)
		return -1;
	browse_depts_clear(t);
	free(t->cfig);
	t->cfig = NULL;
	t->ncfig = 0;
	if (t->kinds != NULL)
		browse_figs_clear(t->kinds);
	free(t->kinds);
	t->kinds = NULL;
	if (browse_view_depts(st, t, cause) != 0 ||
	    browse_view_kept(st, t, cause) != 0)
		return -1;
	browse_view_unload(t);
	for (i = 0; i < t->nnodes; i++) {
		struct browse_node *n = &t->nodes[i];

		browse_view_forget(t, n);
		/* (An item of the top level has no counts to show: read
		 * when drawn, as below it.) */
		if (((n->parent < 0 && !n->is_item) ||
		    t->which != BROWSE_ANY) &&
		    browse_view_counted(st, t, n, 1, cause) != 0)
			return -1;
	}
	if (browse_view_rest(st, t, cause) != 0)
		return -1;
	for (i = 0; i < t->nnodes; i++)
		browse_view_shown(t, &t->nodes[i]);
	return 0;
}

/* The flags of node n, read without them (browse_filtered_read, and
 * the children browse_view_kids leaves to be read when shown). */
static int
browse_one_flags(struct store *st, struct browse_tree *t,
    struct browse_node *n, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, browse_sql_one_flags, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, n->id);
	n->flags = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		n->flags |= browse_flag_bit(t, sqlite3_column_int64(s, 0));
	return store_read_end(st, s, rc, "区分の読み込み", cause);
}

/* Whether the filter's reading left it to when item n is shown to ask
 * whether n plans the year, in a plan that prints no period: in a year
 * not due (planned_later), or when n's result is submitted or confirmed,
 * which is never behind (the counts need it of no other). */
static int
browse_planned_later(const struct browse_tree *t, const struct browse_node *n)
{
	return n->is_item && t->first_fy == 0 && t->last_fy == 0 &&
	    (t->planned_later || n->state == BROWSE_STATE_SUBMITTED ||
	    n->state == BROWSE_STATE_CONFIRMED);
}

/* Whether item n of a tree read for a filter plans the year, when the
 * tree left it to now (browse_planned_later): its own yearly plans and
 * targets, or a period of its own or above it (browse_periods). */
static int
browse_filtered_planned(struct store *st, struct browse_tree *t,
    struct browse_node *n, char **cause)
{
	int	first, last;

	if (browse_one_item_year(st, t, n, cause) != 0)
		return -1;
	browse_view_period(t, n->parent, n, &first, &last);
	n->planned = n->planned || first != 0 || last != 0;
	return 0;
}

/* Node n of a tree read for a filter, about to be shown: its texts,
 * an item's flags (and result and what it plans, when the tree left
 * that for now), its departments, and a heading's figures of the year
 * (not filtered). */
static int
browse_filtered_fresh(struct store *st, struct browse_tree *t,
    struct browse_node *n, char **cause)
{
	if (browse_one_texts(st, n, cause) != 0 ||
	    (n->is_item && browse_one_flags(st, t, n, cause) != 0) ||
	    (browse_planned_later(t, n) &&
	    browse_filtered_planned(st, t, n, cause) != 0) ||
	    browse_one_assigns(st, t, n, cause) != 0 ||
	    (!n->is_item && browse_one_figs(st, t, n, cause) != 0))
		return -1;
	n->stale = 0;
	return 0;
}

int
browse_tree_fresh(struct store *st, struct browse_tree *t, const long *idx,
    size_t n, char **cause)
{
	size_t	i;
	int	began = 0, open = 0, rc = 0;

	for (i = 0; rc == 0 && i < n; i++) {
		if (idx[i] < 0 || (size_t)idx[i] >= t->nnodes ||
		    !t->nodes[idx[i]].stale)
			continue;
		/* (A snapshot only when something is read: most draws
		 * read nothing.) */
		if (!open) {
			began = store_snapshot_begin(st);
			open = 1;
		}
		rc = t->filtered ?
		    browse_filtered_fresh(st, t, &t->nodes[idx[i]], cause) :
		    browse_view_fresh(st, t, &t->nodes[idx[i]], cause);
	}
	if (open)
		store_snapshot_end(st, began);
	return rc;
}

static int
browse_filtered_read(struct store *st, struct browse_tree *t, int today_fy,
    const struct browse_filter *f, char **cause)
{
	struct browse_idmap	*map = NULL;
	long long		*ids;
	char			*json;
	size_t			 i, nids = 0;
	int			 rc = -1;

	if (browse_year_due(st, t->fy, today_fy, &t->due, cause) != 0 ||
	    browse_load_plan(st, t, cause) != 0 ||
	    browse_view_depts(st, t, cause) != 0 ||
	    browse_view_kept(st, t, cause) != 0)
		return -1;
	if (f->dept_id == 0 && (f->flag < 0 || (size_t)f->flag >= t->nflags))
		return 0;	/* (a flag no longer there: nothing) */
	if (browse_filter_nodes(st, t, f, &map, cause) != 0)
		return -1;
	t->filtered_dept = f->dept_id;
	browse_nodes_settle(t);
	/* The flags the counts ask for now (browse_tree_count): the
	 * headings', and the items' for a filter by a department and a flag
	 * both; a node read by its flag has it. An item's own flags, its
	 * departments and a heading's figures when it is shown. */
	ids = xcalloc(t->nnodes + 1, sizeof *ids);
	for (i = 0; i < t->nnodes; i++) {
		struct browse_node *n = &t->nodes[i];

		if (f->dept_id == 0 && n->matched)
			n->flags |= (uint64_t)1 << f->flag;
		if (!n->is_item || (f->dept_id != 0 && f->flag >= 0))
			ids[nids++] = n->id;
	}
	json = store_ids_json(ids, nids);
	if (browse_list_flags(st, t, map, json, cause) == 0)
		rc = 0;
	for (i = 0; i < t->nnodes; i++) {
		if (!t->nodes[i].is_item)
			browse_sum_add(t, &t->nodes[i]);
		t->nodes[i].stale = 1;
	}
	free(json);
	free(ids);
	free(map);
	return rc;
}

int
browse_tree_filtered(struct store *st, long long plan_id, int fy,
    int today_fy, const char *const *scale, int nscale,
    const struct browse_filter *f, struct browse_tree **out, char **cause)
{
	struct browse_tree	*t;
	int			 began = 0, rc;

	*out = NULL;
	t = browse_tree_lazy(plan_id, fy, scale, nscale);
	t->filtered = 1;
	began = store_snapshot_begin(st);
	rc = browse_filtered_read(st, t, today_fy, f, cause);
	store_snapshot_end(st, began);
	if (rc != 0) {
		browse_tree_free(t);
		return -1;
	}
	browse_tree_count(t, f);
	*out = t;
	return 0;
}

/* The index of node id from index `from` on, reading the next parts of
 * the children of node parent (-1: the top level) while it is not among those
 * read and more are left: -1 when it is not there, -2 on an error. */
/* The index of node id from index from on, or -1. */
static long
browse_index_from(const struct browse_tree *t, long from, long long id)
{
	long	i;

	for (i = from < 0 ? 0 : from; i < (long)t->nnodes; i++)
		if (t->nodes[i].id == id)
			return i;
	return -1;
}

/*
 * The index of node id, a child of node parent (-1: of the top level),
 * from index from on, its siblings read where it stands: a part from it
 * on, put in the gap its place falls in among the children read (the
 * first child read after it is the one the gap is before), and not the
 * children between the first read and it (the 150,000th of a level of
 * 200,000). Should the places have changed since the children were
 * read, every gap is read forward until it comes. -1 when it is not
 * among them, -2 on an error.
 */
static long
browse_reach(struct store *st, struct browse_tree *t, long parent,
    long from, long long id, char **cause)
{
	struct browse_part	 pt = { -1, 1, BROWSE_KIDS_PART, 1, 0, id };
	struct browse_gap	 g;
	long			 i, c, end;

	if ((i = browse_index_from(t, from, id)) >= 0)
		return i;
	if (!browse_first_gap(t, parent, &g))
		return -1;
	if (browse_id_ord(st, id, &pt.ord, cause) != 0)
		return -2;
	end = browse_kids_end(t, parent);
	for (c = parent + 1; c < end; c = t->nodes[c].end)
		if (t->nodes[c].ord > pt.ord ||
		    (t->nodes[c].ord == pt.ord && t->nodes[c].id > id))
			break;
	g.before = pt.before = c < end ? c : -1;
	if (browse_gap_open(t, &g)) {
		if (browse_more_by(st, t, parent, &pt, cause) < 0)
			return -2;
		if ((i = browse_index_from(t, from, id)) >= 0)
			return i;
	}
	pt.sought = 0;
	pt.size = BROWSE_KIDS_REACH;
	while (browse_first_gap(t, parent, &g)) {
		pt.before = g.before;
		if (browse_more_by(st, t, parent, &pt, cause) < 0)
			return -2;
		if ((i = browse_index_from(t, from, id)) >= 0)
			return i;
	}
	return -1;
}

int
browse_tree_find(struct store *st, struct browse_tree *t, long long id,
    long *index, char **cause)
{
	sqlite3_stmt	*s;
	long long	 up[3] = { 0, 0, 0 }, plan = 0;
	long		 i, from = 0, parent = -1;
	int		 rc, k;

	*index = -1;
	for (i = 0; i < (long)t->nnodes; i++)
		if (t->nodes[i].id == id) {
			*index = i;
			return 0;
		}
	if (!t->partial)
		return 0;
	if ((s = store_stmt(st, browse_sql_path, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		plan = sqlite3_column_int64(s, 0);
		for (k = 0; k < 3; k++)
			up[k] = sqlite3_column_type(s, 1 + k) == SQLITE_NULL ?
			    0 : sqlite3_column_int64(s, 1 + k);
	}
	if (store_read_end(st, s, rc, "施策体系の読み込み", cause) != 0)
		return -1;
	if (plan != t->plan_id)
		return 0;
	/* From the top down: each heading read opens the next one's way. */
	for (k = 0; k < 3; k++) {
		if (up[k] == 0)
			continue;
		if ((i = browse_reach(st, t, parent, from, up[k], cause)) < -1)
			return -1;
		if (i < 0)
			return 0;
		/* Below a heading a status hides: nothing to read. */
		if (!t->nodes[i].shown)
			return 0;
		if (browse_tree_expand(st, t, i, cause) < 0)
			return -1;
		from = parent = i;
	}
	if ((i = browse_reach(st, t, parent, from, id, cause)) < -1)
		return -1;
	*index = i;
	return 0;
}

const char *
browse_which_label(enum browse_which w)
{
	const char	*label = NULL;

	if ((int)w < 0 || w >= BROWSE_WHICH_COUNT)
		return "";
	if (browse_which_own[w] != NULL)
		return browse_which_own[w];
	if (browse_which_state[w] != NULL)
		label = vocab_label(VOCAB_STATE, browse_which_state[w]);
	else if (w >= BROWSE_NOT_STARTED)
		label = vocab_label(VOCAB_STATUS,
		    vocab_nth(VOCAB_STATUS, (int)(w - BROWSE_NOT_STARTED)));
	return label != NULL ? label : "";
}

int
browse_item_behind(const struct browse_tree *t, const struct browse_node *n)
{
	return n->is_item && n->in_year && n->planned && t->due &&
	    (n->state == BROWSE_STATE_NONE || n->state == BROWSE_STATE_DRAFT ||
	    n->state == BROWSE_STATE_RETURNED);
}

static int
browse_has_dept(const struct browse_tree *t, const struct browse_node *n,
    long long dept_id)
{
	size_t	i;

	/* (A tree read for the department knows without its departments,
	 * which are read when the node is shown.) */
	if (t->filtered && t->filtered_dept == dept_id)
		return n->matched;
	for (i = 0; i < n->nassigns; i++)
		if (t->depts[n->assigns[i].dept].id == dept_id)
			return 1;
	return 0;
}

/* Whether an item of the year with this result (behind or not) has
 * status w. */
static int
browse_which_is(enum browse_which w, enum browse_state st,
    enum browse_status su, int behind)
{
	switch (w) {
	case BROWSE_ANY:
		return 1;
	case BROWSE_MISSING:
		return st == BROWSE_STATE_NONE;
	case BROWSE_DRAFT:
		return st == BROWSE_STATE_DRAFT;
	case BROWSE_SUBMITTED:
		return st == BROWSE_STATE_SUBMITTED;
	case BROWSE_CONFIRMED:
		return st == BROWSE_STATE_CONFIRMED;
	case BROWSE_RETURNED:
		return st == BROWSE_STATE_RETURNED;
	case BROWSE_BEHIND:
		return behind;
	case BROWSE_NOT_STARTED:
		return su == BROWSE_STATUS_NOT_STARTED;
	case BROWSE_IN_PROGRESS:
		return su == BROWSE_STATUS_IN_PROGRESS;
	case BROWSE_DONE:
		return su == BROWSE_STATUS_DONE;
	case BROWSE_POSTPONED:
		return su == BROWSE_STATUS_POSTPONED;
	case BROWSE_CANCELLED:
		return su == BROWSE_STATUS_CANCELLED;
	default:
		return 0;
	}
}

static int
browse_which_matches(const struct browse_tree *t, const struct browse_node *n,
    enum browse_which w)
{
	if (w == BROWSE_ANY)
		return 1;
	if (!n->in_year)
		return 0;
	return browse_which_is(w, n->state, n->status,
	    browse_item_behind(t, n));
}

static int
browse_filter_active(const struct browse_filter *f)
{
	return f != NULL && (f->dept_id != 0 || f->flag >= 0 ||
	    f->which != BROWSE_ANY);
}

int
browse_item_matches(const struct browse_tree *t, const struct browse_node *n,
    const struct browse_filter *f)
{
	if (!n->is_item)
		return 0;
	if (!browse_filter_active(f))
		return 1;
	if (f->dept_id != 0 && !browse_has_dept(t, n, f->dept_id))
		return 0;
	if (f->flag >= 0 && !(n->flags & ((uint64_t)1 << f->flag)))
		return 0;
	return browse_which_matches(t, n, f->which);
}

void
browse_tree_count(struct browse_tree *t, const struct browse_filter *f)
{
	int	active = browse_filter_active(f);
	size_t	i;
	long	p;

	/* A tree read as shown has its counts as read, for its status. */
	if (t->partial) {
		for (i = 0; i < t->nnodes; i++)
			browse_view_shown(t, &t->nodes[i]);
		return;
	}

	for (i = 0; i < t->nnodes; i++) {
		struct browse_node *n = &t->nodes[i];

		n->items = n->entered = n->submitted = n->confirmed =
		    n->behind = 0;
		n->shown = !active;
		/* A heading carrying the filtered flag or department is
		 * shown for itself (when no status is asked for). */
		if (active && !n->is_item && f->which == BROWSE_ANY &&
		    (f->dept_id == 0 || browse_has_dept(t, n, f->dept_id)) &&
		    (f->flag < 0 || (n->flags & ((uint64_t)1 << f->flag))))
			n->shown = 1;
	}
	for (i = 0; i < t->nnodes; i++) {
		struct browse_node *n = &t->nodes[i];
		int entered, behind;

		if (!n->is_item || !browse_item_matches(t, n, f))
			continue;
		entered = n->state != BROWSE_STATE_NONE;
		behind = browse_item_behind(t, n);
		for (p = (long)i; p >= 0; p = t->nodes[p].parent) {
			struct browse_node *a = &t->nodes[p];

			a->shown = 1;
			if (!n->in_year)
				continue;
			a->items++;
			a->entered += entered;
			a->submitted += n->state == BROWSE_STATE_SUBMITTED;
			a->confirmed += n->state == BROWSE_STATE_CONFIRMED;
			a->behind += behind;
		}
	}
	/* Headings shown for themselves keep their ancestors visible. */
	if (active)
		for (i = 0; i < t->nnodes; i++)
			if (t->nodes[i].shown)
				for (p = t->nodes[i].parent; p >= 0 &&
				    !t->nodes[p].shown; p = t->nodes[p].parent)
					t->nodes[p].shown = 1;
}

void
browse_tree_summarize(struct browse_tree *t, const char *const *scale,
    int nscale)
{
	size_t	i, k;
	long	p;

	/* A tree read as shown has its figures as read. */
	if (t->partial || t->filtered)
		return;
	/* Headings only: a plan of many items has few of them. */
	free(t->sums);
	t->nsums = 0;
	for (i = 0; i < t->nnodes; i++)
		t->nodes[i].sum = t->nodes[i].is_item ? -1 : (long)t->nsums++;
	t->sums = xcalloc(t->nsums + 1, sizeof *t->sums);
	/* A lazy tree's headings get their indicators when asked. */
	free(t->sums_read);
	t->sums_read = xcalloc(t->nsums + 1, 1);
	for (k = 0; k < t->nsums; k++)
		summary_init(&t->sums[k], nscale);
	summary_init(&t->total, nscale);

	for (i = 0; i < t->nnodes; i++) {
		const struct browse_node *n = &t->nodes[i];
		struct progress_summary	 one;

		if (!n->is_item || !n->in_year)
			continue;
		summary_init(&one, nscale);
		summary_add_items(&one, browse_summary_statuses[n->status],
		    browse_summary_states[n->state], summary_grade_index(n->grade, scale,
		    nscale), browse_item_behind(t, n), 1);
		summary_add(&t->total, &one);
		for (p = n->parent; p >= 0; p = t->nodes[p].parent)
			if (t->nodes[p].sum >= 0)
				summary_add(&t->sums[t->nodes[p].sum], &one);
	}
	for (k = 0; k < t->noutcomes; k++) {
		summary_add_indicator(&t->total, t->outcomes[k].outcome);
		for (p = t->outcomes[k].node; p >= 0; p = t->nodes[p].parent)
			if (t->nodes[p].sum >= 0)
				summary_add_indicator(&t->sums[t->nodes[p].sum],
				    t->outcomes[k].outcome);
	}
}

const struct progress_summary *
browse_node_summary(const struct browse_tree *t, const struct browse_node *n)
{
	if (n == NULL || n->sum < 0 || (size_t)n->sum >= t->nsums)
		return NULL;
	return &t->sums[n->sum];
}

const char *
browse_level_name(const struct browse_tree *t, const struct browse_node *n,
    char buf[32])
{
	if (n->label != NULL && n->label[0] != '\0')
		return n->label;
	if (n->depth >= 1 && n->depth <= 4 && t->levels[n->depth - 1] != NULL &&
	    t->levels[n->depth - 1][0] != '\0')
		return t->levels[n->depth - 1];
	snprintf(buf, 32, "第%d階層", n->depth);
	return buf;
}

const char *
browse_items_word(const struct browse_tree *t)
{
	if (t == NULL || t->max_depth < 1 || t->max_depth > 4 ||
	    t->levels[t->max_depth - 1] == NULL)
		return "";
	return t->levels[t->max_depth - 1];
}
