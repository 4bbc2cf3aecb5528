/*
 * Every query the screens run must follow what is on the screen, not what
 * is in the file. On a populated database, this test calls each store
 * function a screen reads through (the plans list, the tree, a sheet, the
 * roadmap and its cells and search, the indicator list and one indicator,
 * an item's result and an indicator's actual, history, the edit forms,
 * the department filters; and the report), records every statement they
 * run, and asks
 * SQLite for the plan of each (EXPLAIN QUERY PLAN). A plan fails when it
 * reads a table that grows with the plans (nodes and everything under
 * them) from end to end — a SCAN, with or without an index — or a whole
 * year of it across every plan (a SEARCH by the year alone), or sorts,
 * in a temporary B-tree, the rows of a loop that reads a whole plan's (or
 * a whole year's) rows of such a table. Small tables (plans, levels,
 * flags, departments, users, years) may be scanned and sorted.
 *
 * QUERY_PLANS_VERBOSE=1 prints every statement with its plan.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "harness.h"
#include "shisaku/session.h"
#include "shisaku/store-actual.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-edit.h"
#include "shisaku/store-indfig.h"
#include "shisaku/store-mywork.h"
#include "shisaku/store-report.h"
#include "shisaku/store-result.h"
#include "shisaku/store-internal.h"
#include "shisaku/store-search.h"
#include "shisaku/store-sheet.h"
#include "shisaku/store-summary.h"
#include "shisaku/store-user.h"
#include "shisaku/store.h"
#include "shisaku/util.h"

static char tmpdir[64];
static char dbpath[128];

/* Tables that grow with the size of the plans. */
static const char *const large_tables[] = {
	"node", "node_flag", "node_dept", "year_plan", "cost_trend", "indicator",
	"indicator_target", "indicator_actual", "result", "history"
};

/* ---- a populated database ---- */

/* A plan of nitems action items under 3 levels, as the benchmark's plans
 * are shaped: departments, flags, yearly plans, costs, indicators with
 * targets, results and actuals of three years. */
static char *
plan_text(int nitems)
{
	char	*text = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&text, &len);
	int	 i, d, y, k;

	fputs("shisaku-plan,1\n"
	    "plan,p,計画,2021,2030,県,\n"
	    "level,p,1,基本施策\nlevel,p,2,分野施策\nlevel,p,3,取組\n"
	    "flag,p,lead,リーディング,★\n", f);
	for (d = 0; d < 20; d++)
		fprintf(f, "dept,D%d,課%d,県,\n", d, d);
	fputs("indicator,p,P1,,計画の指標,,件,増加,,10件,2020,20件,2030,,\n", f);
	for (i = 0; i < nitems; i++) {
		if (i % 100 == 0)
			fprintf(f, "node,p,%d,,%d,基本施策%d,,,,,,\n", i / 100,
			    i / 100 + 1, i / 100);
		if (i % 10 == 0)
			fprintf(f, "node,p,%d-%d,%d,%d-%d,分野施策%d,,,,,,\n", i / 100,
			    i / 10, i / 100, i / 100, i / 10, i / 10);
		fprintf(f, "node,p,x%d,%d-%d,%d,取組%d の協働,,,,概要,手段,\n", i,
		    i / 100, i / 10, i + 1, i);
		if (i % 7 == 0)
			fprintf(f, "mark,p,x%d,lead\n", i);
		fprintf(f, "assign,p,x%d,D%d,1,,\nassign,p,x%d,D%d,,,\n", i, i % 20,
		    i, (i + 3) % 20);
		fprintf(f, "yearplan,p,x%d,2021,2025,計画\n", i);
		fprintf(f, "cost,p,x%d,2021,同程度\n", i);
		for (k = 0; k < 2; k++) {
			fprintf(f, "indicator,p,x%d-%d,x%d,指標%d,成果指標,件,増加,,"
			    "10件,2020,20件,2030,,,%s\n", i, k, i, i,
			    k == 1 && i % 5 == 0 ? "D1" : "");
			for (y = 2021; y <= 2028; y++)
				fprintf(f, "target,p,x%d-%d,%d,%d件\n", i, k, y, y - 2008);
		}
		for (y = 2021; y <= 2023; y++) {
			fprintf(f, "result,p,x%d,%d,実施中,B,%s,実績,,,u,"
			    "2024-04-01T10:00:00,,\n", i, y, y == 2023 ? "提出済" : "確認済");
			fprintf(f, "actual,p,x%d-0,%d,12件\n", i, y);
			if (i % 5 == 0)
				fprintf(f, "actual,p,x%d-1,%d,13件,,提出済\n", i, y);
		}
	}
	fclose(f);
	return text;
}

/* A store of a plan of nitems items (plan_text); NULL, said, when it
 * cannot be made. */
static struct store *
plan_store(int nitems)
{
	char		*text = plan_text(nitems);
	struct store	*st = fixture_store(dbpath, text, NULL);

	free(text);
	CHECK(st != NULL);
	return st;
}

/* ---- collecting statements ---- */

struct seen {
	char	**sql;
	size_t	  n;
};

static int
collect(unsigned type, void *arg, void *p, void *x)
{
	struct seen	*s = arg;
	const char	*sql = sqlite3_sql(p);
	size_t		 i;

	(void)type;
	(void)x;
	if (sql == NULL)
		return 0;
	for (i = 0; i < s->n; i++)
		if (strcmp(s->sql[i], sql) == 0)
			return 0;
	s->sql = xreallocarray(s->sql, s->n + 1, sizeof *s->sql);
	s->sql[s->n++] = xstrdup(sql);
	return 0;
}

static int
is_large(const char *table)
{
	size_t	i;

	for (i = 0; i < sizeof large_tables / sizeof large_tables[0]; i++)
		if (strcmp(table, large_tables[i]) == 0)
			return 1;
	return 0;
}

/* The table a plan step reads ("SCAN node USING INDEX x" → node; a
 * "SCAN n" names the alias the query gives it: the FROM clause says
 * which table that is). */
static const char *
step_table(const char *sql, const char *detail, char *buf, size_t size)
{
	const char	*p = strchr(detail, ' ');
	size_t		 n;
	char		 pat[80];
	size_t		 i;

	if (p == NULL)
		return "";
	p++;
	n = strcspn(p, " ");
	snprintf(buf, size, "%.*s", (int)n, p);
	if (is_large(buf))
		return buf;
	/* An alias: "FROM node n", "JOIN indicator i". */
	for (i = 0; i < sizeof large_tables / sizeof large_tables[0]; i++) {
		snprintf(pat, sizeof pat, " %s %s ", large_tables[i], buf);
		if (strstr(sql, pat) != NULL) {
			snprintf(buf, size, "%s", large_tables[i]);
			return buf;
		}
		snprintf(pat, sizeof pat, " %s AS %s ", large_tables[i], buf);
		if (strstr(sql, pat) != NULL) {
			snprintf(buf, size, "%s", large_tables[i]);
			return buf;
		}
	}
	return buf;
}

/* A step of a plan that reads a large table from end to end (a SCAN),
 * or all of a plan's or a year's rows of it (a SEARCH by plan or by
 * year alone). */
static int
plan_wide(const char *padded_sql, const char *detail)
{
	char	table[64];

	if (strncmp(detail, "SCAN ", 5) != 0 && strncmp(detail, "SEARCH ", 7) != 0)
		return 0;
	if (!is_large(step_table(padded_sql, detail, table, sizeof table)))
		return 0;
	return strncmp(detail, "SCAN ", 5) == 0 ||
	    strstr(detail, "(plan_id=?)") != NULL ||
	    strstr(detail, "(fy=?)") != NULL ||
	    strstr(detail, "(fy=? AND state=?)") != NULL;
}

struct step {
	int	 id, parent;
	char	*detail;
};

/*
 * A SCAN of a partial index by a statement that stops at a LIMIT and
 * sorts nothing: every entry of such an index meets its condition, so
 * the scan ends after the limit's rows (the oldest entries waiting, say,
 * read in the index's order). Not a read of the table.
 */
static int
limited_partial_scan(sqlite3 *db, const char *padded_sql, const char *detail,
    int sorts)
{
	const char	*idx = strstr(detail, " INDEX ");
	char		 name[64], *q;
	sqlite3_stmt	*s;
	int		 partial = 0;

	if (idx == NULL || sorts || strstr(padded_sql, " LIMIT ") == NULL)
		return 0;
	idx += strlen(" INDEX ");
	snprintf(name, sizeof name, "%.*s", (int)strcspn(idx, " "), idx);
	q = xasprintf("SELECT count(*) FROM sqlite_master WHERE type = 'index'"
	    " AND name = '%s' AND sql LIKE '%% WHERE %%'", name);
	if (sqlite3_prepare_v2(db, q, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			partial = sqlite3_column_int(s, 0) > 0;
		sqlite3_finalize(s);
	}
	free(q);
	return partial;
}

/*
 * A statement that is one search alone, sorts nothing and stops at its
 * first row (LIMIT 1): it reads one row of the search, not all it could
 * name (whether a year has any result at all, say).
 */
static int
first_row_only(const char *padded_sql, size_t nsteps, int sorts)
{
	return nsteps == 1 && !sorts && strstr(padded_sql, " LIMIT 1 ") != NULL;
}

/*
 * Checks one statement's plan; returns the problem (malloc'd) or NULL.
 * A temporary B-tree sorts the rows of the loop it belongs to (the steps
 * with the same parent): it is over a large table when one of those
 * steps reads a plan's worth of a large table.
 */
static char *
plan_problem(sqlite3 *db, const char *sql, int verbose)
{
	sqlite3_stmt	*s;
	char		*eqp = xasprintf("EXPLAIN QUERY PLAN %s", sql), *why = NULL;
	char		 table[64], *padded = xasprintf(" %s ", sql);
	struct step	*steps = NULL;
	size_t		 n = 0, i, j;
	const char	*detail;
	int		 sorts = 0;

	if (sqlite3_prepare_v2(db, eqp, -1, &s, NULL) != SQLITE_OK) {
		free(eqp);
		free(padded);
		return NULL;	/* not a query (BEGIN, PRAGMA …) */
	}
	if (verbose)
		printf("%s\n", sql);
	while (sqlite3_step(s) == SQLITE_ROW) {
		detail = (const char *)sqlite3_column_text(s, 3);
		if (detail == NULL)
			continue;
		if (verbose)
			printf("    %s\n", detail);
		steps = xreallocarray(steps, n + 1, sizeof *steps);
		steps[n].id = sqlite3_column_int(s, 0);
		steps[n].parent = sqlite3_column_int(s, 1);
		steps[n++].detail = xstrdup(detail);
	}
	sqlite3_finalize(s);
	for (i = 0; i < n; i++)
		sorts |= strstr(steps[i].detail, "TEMP B-TREE") != NULL;
	for (i = 0; i < n && why == NULL; i++) {
		detail = steps[i].detail;
		if (strncmp(detail, "SCAN ", 5) == 0 &&
		    is_large(step_table(padded, detail, table, sizeof table)) &&
		    !limited_partial_scan(db, padded, detail, sorts))
			why = xasprintf("reads all of %s: %s", table, detail);
		else if (strncmp(detail, "SEARCH ", 7) == 0 &&
		    is_large(step_table(padded, detail, table, sizeof table)) &&
		    (strstr(detail, "(fy=?)") != NULL ||
		    strstr(detail, "(fy=? AND state=?)") != NULL) &&
		    !first_row_only(padded, n, sorts))
			why = xasprintf("reads a whole year of %s, of every plan:"
			    " %s", table, detail);
		if (strstr(detail, "TEMP B-TREE") == NULL)
			continue;
		for (j = 0; j < n && why == NULL; j++)
			if (j != i && steps[j].parent == steps[i].parent &&
			    plan_wide(padded, steps[j].detail))
				why = xasprintf("%s over %s", detail,
				    steps[j].detail);
	}
	for (i = 0; i < n; i++)
		free(steps[i].detail);
	free(steps);
	free(eqp);
	free(padded);
	return why;
}

/*
 * Whether sql reads a heading's children through node_parent and sorts
 * them: the index holds them in the plan's order, (ord, id)
 * (db/migrate-22.sql), so a sort of them (one per child, 7 of the 13 ms
 * of a policy of 20,000 items) means the index lost that order.
 */
static int
sorts_children(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*s;
	char		*eqp;
	const char	*detail;
	int		 sorts = 0;

	if (strstr(sql, "INDEXED BY node_parent") == NULL ||
	    strstr(sql, "ORDER BY n.ord, n.id") == NULL)
		return 0;
	eqp = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	if (sqlite3_prepare_v2(db, eqp, -1, &s, NULL) == SQLITE_OK) {
		while (sqlite3_step(s) == SQLITE_ROW)
			if ((detail = (const char *)sqlite3_column_text(s,
			    3)) != NULL && strstr(detail, "TEMP B-TREE") != NULL)
				sorts = 1;
		sqlite3_finalize(s);
	}
	free(eqp);
	return sorts;
}

/* Fails the test when the plan of sql is not one a screen may run. */
static void
check_plan(sqlite3 *db, const char *sql, int verbose)
{
	char	*why;

	if ((why = plan_problem(db, sql, verbose)) != NULL) {
		FAIL_AT("%s\n    in: %s", why, sql);
		free(why);
	}
}

/* ---- the screens' reads ---- */

static long long
first_id(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*s;
	long long	 id = 0;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			id = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	return id;
}

struct ids {
	long long	plan, item, policy, ind, own, dept;
};

static void
find_ids(sqlite3 *db, struct ids *x)
{
	x->plan = first_id(db, "SELECT id FROM plan");
	x->item = first_id(db, "SELECT id FROM node WHERE key = 'x55'");
	x->policy = first_id(db, "SELECT id FROM node WHERE key = '0-5'");
	x->ind = first_id(db, "SELECT id FROM indicator WHERE key = 'x55-0'");
	x->own = first_id(db, "SELECT id FROM indicator WHERE key = 'x55-1'");
	x->dept = first_id(db, "SELECT id FROM department WHERE code = 'D1'");
	CHECK(x->plan && x->item && x->policy && x->ind && x->own && x->dept);
}

/* A count read straight from the file. */
static long
q_count(struct store *st, const char *sql)
{
	sqlite3_stmt	*s;
	long		 v = -1;

	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static void
run_screens(struct store *st, const struct ids *x)
{
	struct browse_plan	*plans = NULL;
	struct browse_tree	*tree = NULL;
	struct sheet		*sheet = NULL;
	struct sheet_dept	*depts = NULL;
	struct roadmap		*rm = NULL;
	struct roadmap_cell	*cells = NULL;
	struct indicator_list	 il;
	struct indicator_view	*iv = NULL;
	struct result_entry	*re = NULL;
	struct actual_entry	*ae = NULL;
	struct history_row	*hist = NULL;
	struct summary_indicator *si = NULL;
	struct wf_dept		*wd = NULL;
	struct edit_node	 en;
	struct edit_indicator	 ei;
	struct edit_impact	 imp;
	struct session		 ses = { 0 };
	struct report_data	*report = NULL;
	long long		*ids = NULL, plan = x->plan, item = x->item;
	long long		 policy = x->policy, ind = x->ind, own = x->own;
	long long		 dept = x->dept;
	char			*cause = NULL, **cats = NULL, **levels = NULL;
	size_t			 n = 0, i, *charged = NULL;
	int			 first, last, nlevels = 0, open, due;

#define OK(call) do { if ((call) != 0) { FAIL_AT("%s: %s", #call, \
	cause ? cause : "?"); free(cause); cause = NULL; } } while (0)
	OK(browse_plans(st, 2022, 2024, &plans, &n, &cause));
	browse_plans_free(plans, n);
	/* Again, from the figures an import or a write keeps. */
	OK(store_begin(st, &cause));
	OK(browse_figures_keep(st, 2022, &cause));
	OK(store_commit(st, &cause));
	/* The other years of the plan an import keeps (db/migrate-14.sql),
	 * counted again (the fixture's import kept 2023: forgotten first),
	 * forgotten again by a change to the plan: 2023 is counted when it
	 * is shown. */
	OK(store_begin(st, &cause));
	OK(store_exec(st, "DELETE FROM plan_fig WHERE fy = 2023", &cause));
	OK(browse_figures_keep_years(st, plan, 2024, &cause));
	OK(store_commit(st, &cause));
	CHECK_INT(q_count(st, "SELECT COUNT(*) FROM plan_fig WHERE fy = 2023"
	    " AND recount = 0"), 1);
	OK(store_begin(st, &cause));
	OK(store_exec(st, "UPDATE node SET first_fy = first_fy WHERE id = "
	    "(SELECT MIN(id) FROM node)", &cause));
	OK(store_commit(st, &cause));
	CHECK_INT(q_count(st, "SELECT COUNT(*) FROM plan_fig WHERE fy = 2023"),
	    0);
	OK(browse_plans(st, 2022, 2024, &plans, &n, &cause));
	browse_plans_free(plans, n);
	free(browse_plan_name(st, plan));
	OK(browse_year_due(st, 2022, 2024, &due, &cause));
	OK(browse_tree_load(st, plan, 2022, 2024, &tree, &cause));
	browse_tree_free(tree);
	/* The tree screen's: the tree without the outcomes, then those of
	 * a heading when it is shown. */
	tree = NULL;
	OK(browse_tree_open(st, plan, 2022, 2024, &tree, &cause));
	if (tree != NULL) {
		browse_tree_summarize(tree, NULL, 0);
		for (i = 0; i < tree->nnodes; i++)
			if (tree->nodes[i].id == policy)
				OK(browse_node_outcomes(st, tree,
				    &tree->nodes[i], &cause));
		/* Another year: what changes with it. */
		OK(browse_tree_year(st, tree, 2023, 2024, &cause));
	}
	browse_tree_free(tree);
	/* The tree as the screen reads it: the top level opened from the
	 * headings' kept figures, a heading's children, the way to an item
	 * (a search's hit); a year not kept, counted once per heading. */
	for (first = 2022; first <= 2023; first++) {
		long	at;

		tree = NULL;
		OK(browse_tree_view(st, plan, first, 2024, NULL, 0,
		    BROWSE_ANY, NULL, 0, &tree, &cause));
		if (tree == NULL)
			continue;
		CHECK_INT(tree->kept, first == 2022);
		for (i = 0; i < tree->nnodes; i++)
			if (!tree->nodes[i].is_item &&
			    !tree->nodes[i].loaded) {
				CHECK(browse_tree_expand(st, tree, (long)i,
				    &cause) >= 0);
				break;
			}
		OK(browse_tree_find(st, tree, item, &at, &cause));
		CHECK(at >= 0);
		/* The departments the filter offers. */
		OK(browse_tree_charged(st, tree, &charged, &n, &cause));
		CHECK(n > 0);
		free(charged);
		charged = NULL;
		/* A filter by department, then by flag, reads what it can
		 * show. */
		if (tree->nflags > 0) {
			struct browse_tree	*ft = NULL;
			struct browse_filter	 bf;

			memset(&bf, 0, sizeof bf);
			bf.dept_id = dept;
			bf.flag = -1;
			OK(browse_tree_filtered(st, plan, first, 2024, NULL, 0,
			    &bf, &ft, &cause));
			CHECK(ft != NULL && ft->nnodes > 0);
			browse_tree_free(ft);
			ft = NULL;
			bf.dept_id = 0;
			bf.flag = 0;
			OK(browse_tree_filtered(st, plan, first, 2024, NULL, 0,
			    &bf, &ft, &cause));
			browse_tree_free(ft);
		} else
			FAIL_AT("the plan has no flags to filter by");
		/* Another year: the nodes shown, each by its id. */
		OK(browse_tree_year(st, tree, 2022 + 2023 - first, 2024,
		    &cause));
		CHECK_INT(tree->kept, first != 2022);
		/* The nodes drawn, each by its id. */
		{
			long	shown[40];
			size_t	k;

			for (k = 0; k < 40; k++)
				shown[k] = (long)k;
			OK(browse_tree_fresh(st, tree, shown,
			    tree->nnodes < 40 ? tree->nnodes : 40, &cause));
		}
		browse_tree_free(tree);
	}
	OK(store_summary_subtree(st, policy, 2022, &si, &n, &cause));
	free(si);
	si = NULL;
	OK(store_sheet_load(st, item, 2022, &sheet, &cause));
	store_sheet_free(sheet);
	sheet = NULL;
	OK(store_sheet_load(st, policy, 2022, &sheet, &cause));
	store_sheet_free(sheet);
	OK(store_plan_depts(st, plan, 2022, &depts, &n, &cause));
	store_depts_free(depts, n);
	OK(store_plan_dept_nodes(st, plan, dept, 2022, &ids, &n, &cause));
	free(ids);
	ids = NULL;
	OK(store_plan_dept_scope(st, plan, dept, 2022, &ids, &n, &cause));
	free(ids);
	ids = NULL;
	/* The indicator list's filters: a department's indicators, then
	 * those rows alone. */
	OK(store_plan_dept_indicators(st, plan, dept, 2022, &ids, &n, &cause));
	memset(&il, 0, sizeof il);
	OK(store_indicator_list_rows_in(st, plan, 2022, ids, n, &il, &cause));
	CHECK(il.n > 0);
	OK(store_indicator_order_in(st, 2022, IND_ORDER_PLAN, NULL, ids, &n,
	    &cause));
	OK(store_indicator_order_in(st, 2022, IND_ORDER_RATE_UP, NULL, ids, &n,
	    &cause));
	OK(store_indicator_order_in(st, 2022, IND_ORDER_NAME, il.rows[0].category,
	    ids, &n, &cause));
	store_indicator_list_free(&il);
	free(ids);
	ids = NULL;
	OK(store_roadmap_load(st, plan, 2022, &rm, &cause));
	store_roadmap_free(rm);
	OK(store_roadmap_cells(st, item, 2021, 2030, &cells, &cause));
	store_roadmap_cells_free(cells, 10);
	OK(store_roadmap_search(st, plan, "協働", &ids, &n, &cause));
	free(ids);
	ids = NULL;
	/* The roadmap screen's: the head, windows by key either way, with
	 * and without filters, the counts, one row, a flag's nodes, a
	 * node's texts. */
	rm = NULL;
	OK(store_roadmap_head(st, plan, 2022, &rm, &cause));
	if (rm != NULL) {
		struct roadmap_filter	 f;
		struct roadmap_row	*rows = NULL, row;
		long long		*fl = NULL, *dn = NULL;
		size_t			 nfl = 0, ndn = 0, cnt, nr, k;
		int			 hit;

		memset(&f, 0, sizeof f);
		OK(store_roadmap_count(st, rm, &f, &cnt, &cause));
		OK(store_roadmap_rows(st, rm, NULL, 0, 0, 1, 40, &rows, &nr,
		    &cause));
		store_roadmap_rows_free(rows, nr);
		OK(store_roadmap_rows(st, rm, NULL, 0, 0, -1, 40, &rows, &nr,
		    &cause));
		store_roadmap_rows_free(rows, nr);
		OK(store_roadmap_rows(st, rm, NULL, item, 1, 1, 40, &rows, &nr,
		    &cause));
		store_roadmap_rows_free(rows, nr);
		OK(store_roadmap_rows(st, rm, NULL, item, 0, -1, 40, &rows, &nr,
		    &cause));
		store_roadmap_rows_free(rows, nr);
		OK(store_roadmap_row(st, rm, item, &row, &cause));
		free(row.code);
		free(row.title);
		free(row.level);
		OK(store_roadmap_has_text(st, item, "計画", &hit, &cause));
		{
			struct roadmap_hits	*hs = NULL;
			long long		 hid;
			int			 ic, wr;

			OK(store_roadmap_hits(st, rm, "協働", &hs, &cause));
			if (hs != NULL)
				OK(store_roadmap_hits_next(st, rm, hs, NULL, item,
				    1, &hid, &ic, &wr, &cause) < 0);
			store_roadmap_hits_free(hs);
		}
		if (rm->nflags > 0)
			OK(store_roadmap_flag_nodes(st, rm->flags[0].id, &fl,
			    &nfl, &cause));
		OK(store_plan_dept_nodes(st, plan, dept, 2022, &dn, &ndn,
		    &cause));
		f.has_flag = 1;
		f.flag_nodes = fl;
		f.nflag_nodes = nfl;
		f.has_dept = 1;
		f.dept_nodes = dn;
		f.ndept_nodes = ndn;
		f.status = "in_progress";
		OK(store_roadmap_filter_prepare(st, rm, &f, &cause));
		OK(store_roadmap_count(st, rm, &f, &cnt, &cause));
		OK(store_roadmap_rows(st, rm, &f, 0, 0, 1, 40, &rows, &nr,
		    &cause));
		store_roadmap_rows_free(rows, nr);
		OK(store_roadmap_rows(st, rm, &f, 0, 0, -1, 40, &rows, &nr,
		    &cause));
		store_roadmap_rows_free(rows, nr);
		OK(store_roadmap_rows(st, rm, &f, item, 1, 1, 40, &rows, &nr,
		    &cause));
		store_roadmap_rows_free(rows, nr);
		store_roadmap_filter_clear(&f);
		/* A status alone, and none: read by window from the
		 * figures kept, either way, from a node, and searched. */
		memset(&f, 0, sizeof f);
		f.status = "in_progress";
		for (k = 0; k < 2; k++) {
			struct roadmap_hits	*hs = NULL;
			long long		 got;
			int			 in_cell, wrapped;

			OK(store_roadmap_filter_prepare(st, rm, &f, &cause));
			OK(store_roadmap_count(st, rm, &f, &cnt, &cause));
			OK(store_roadmap_rows(st, rm, &f, 0, 0, 1, 40, &rows,
			    &nr, &cause));
			store_roadmap_rows_free(rows, nr);
			OK(store_roadmap_rows(st, rm, &f, 0, 0, -1, 40, &rows,
			    &nr, &cause));
			store_roadmap_rows_free(rows, nr);
			OK(store_roadmap_rows(st, rm, &f, item, 1, 1, 40, &rows,
			    &nr, &cause));
			store_roadmap_rows_free(rows, nr);
			OK(store_roadmap_hits(st, rm, "協働", &hs, &cause));
			CHECK(hs == NULL || store_roadmap_hits_next(st, rm, hs,
			    &f, item, 1, &got, &in_cell, &wrapped, &cause) >= 0);
			store_roadmap_hits_free(hs);
			store_roadmap_filter_clear(&f);
			f.status = NULL;
			f.status_none = 1;
		}
		/* A department by its assignments, alone and with a
		 * status. */
		memset(&f, 0, sizeof f);
		f.has_dept = 1;
		f.dept_nodes = dn;
		f.ndept_nodes = ndn;
		f.dept_id = dept;
		OK(store_roadmap_filter_prepare(st, rm, &f, &cause));
		store_roadmap_filter_clear(&f);
		f.status = "in_progress";
		OK(store_roadmap_filter_prepare(st, rm, &f, &cause));
		store_roadmap_filter_clear(&f);
		free(fl);
		free(dn);
	}
	store_roadmap_free(rm);
	/* Search (store-search.h): a word the index is asked for, its nodes
	 * placed at once or a window at a time, and short words (through
	 * the index's trigrams, or read when common); from the start, on
	 * from a hit, back; in a plan and over every plan. */
	{
		static const char *const words[] = { "の協働", "協", "鯨肉",
		    "計画" };
		struct search_query	 q;
		struct search_page	 pg;
		struct search_pos	 at;
		size_t			 w, few;

		for (few = 0; few <= 10; few += 10) {
			st->search_few = few;
			for (w = 0; w < sizeof words / sizeof words[0]; w++) {
				q.text = words[w];
				q.plan_id = w < 3 ? plan : 0;
				q.with_plans = w == 3;
				OK(store_search(st, &q, NULL, 1, 32, &pg,
				    &cause));
				at = pg.n > 0 ? pg.hits[pg.n - 1].pos : at;
				search_page_free(&pg);
				OK(store_search(st, &q, &at, 1, 32, &pg,
				    &cause));
				search_page_free(&pg);
				OK(store_search(st, &q, &at, -1, 32, &pg,
				    &cause));
				search_page_free(&pg);
				OK(store_search(st, &q, NULL, -1, 32, &pg,
				    &cause));
				search_page_free(&pg);
			}
		}
		st->search_few = 0;
		OK(store_search_pos_at(st, item, -1, &at, &cause));
	}
	memset(&il, 0, sizeof il);
	OK(store_indicator_list(st, plan, 2022, &il, &cause));
	store_indicator_list_free(&il);
	/* The list screen's: the rows, then the years of a row shown. */
	memset(&il, 0, sizeof il);
	OK(store_indicator_list_rows(st, plan, 2022, &il, &cause));
	if (il.n > 0)
		OK(store_indicator_row_years(st, &il, &il.rows[il.n - 1],
		    &cause));
	store_indicator_list_free(&il);
	/* The list a window at a time: the count, a page from either end,
	 * pages by key either way, the position of a key. */
	{
		struct indicator_key	k = { 3, 3, 0 };
		size_t			cnt;

		memset(&il, 0, sizeof il);
		OK(store_indicator_list_head(st, plan, 2022, &il, &cnt,
		    &cause));
		store_indicator_list_free(&il);
		OK(store_indicator_list_page(st, plan, 2022, NULL, 1, 30, &il,
		    &cause));
		store_indicator_list_free(&il);
		OK(store_indicator_list_page(st, plan, 2022, NULL, -1, 30, &il,
		    &cause));
		store_indicator_list_free(&il);
		OK(store_indicator_list_page(st, plan, 2022, &k, 1, 30, &il,
		    &cause));
		store_indicator_list_free(&il);
		k.inclusive = 1;
		OK(store_indicator_list_page(st, plan, 2022, &k, -1, 30, &il,
		    &cause));
		store_indicator_list_free(&il);
		OK(store_indicator_list_before(st, plan, 3, 3, &cnt, &cause));
		/* A key past the middle: counted from the end. */
		OK(store_indicator_list_before(st, plan, 1000000, 1000000,
		    &cnt, &cause));
	}
	/* The same by achievement (the year's rates kept first: a write
	 * as an import's end makes it) and by name, in every direction,
	 * and the position of a key. */
	{
		struct indicator_key	k = { 0, 0, 0 };
		int			o;

		k.id = ind;
		OK(store_begin(st, &cause));
		OK(store_indfig_keep(st, plan, 2022, &cause));
		OK(store_commit(st, &cause));
		CHECK_INT(store_indfig_kept(st, plan, 2022), 1);
		/* A heading's figures in the tree, from the kept rates. */
		{
			long	out[SUMMARY_NOUTCOMES];

			CHECK_INT(store_indfig_subtree_outcomes(st, plan,
			    policy, 2022, out, &cause), 1);
		}
		for (o = IND_ORDER_RATE_UP; o <= IND_ORDER_NAME; o++) {
			enum indicator_order	ord = (enum indicator_order)o;
			size_t			cnt;

			OK(store_indicator_list_page_in(st, plan, 2022, ord,
			    NULL, NULL, 1, 30, &il, &cause));
			store_indicator_list_free(&il);
			OK(store_indicator_list_page_in(st, plan, 2022, ord,
			    NULL, NULL, -1, 30, &il, &cause));
			store_indicator_list_free(&il);
			k.inclusive = 0;
			OK(store_indicator_list_page_in(st, plan, 2022, ord,
			    NULL, &k, 1, 30, &il, &cause));
			store_indicator_list_free(&il);
			k.inclusive = 1;
			OK(store_indicator_list_page_in(st, plan, 2022, ord,
			    NULL, &k, -1, 30, &il, &cause));
			store_indicator_list_free(&il);
			OK(store_indicator_list_before_in(st, plan, 2022, ord,
			    NULL, 0, ind, &cnt, &cause));
		}
		/* A category's rows in plan order, its count, a key's
		 * place among them. */
		{
			size_t	cnt;

			OK(store_indicator_list_count(st, plan, "成果", &cnt,
			    &cause));
			OK(store_indicator_list_page_in(st, plan, 2022,
			    IND_ORDER_PLAN, "成果", NULL, 1, 30, &il, &cause));
			store_indicator_list_free(&il);
			OK(store_indicator_list_page_in(st, plan, 2022,
			    IND_ORDER_PLAN, "成果", NULL, -1, 30, &il, &cause));
			store_indicator_list_free(&il);
			k.inclusive = 0;
			OK(store_indicator_list_page_in(st, plan, 2022,
			    IND_ORDER_PLAN, "成果", &k, 1, 30, &il, &cause));
			store_indicator_list_free(&il);
			k.inclusive = 1;
			OK(store_indicator_list_page_in(st, plan, 2022,
			    IND_ORDER_PLAN, "成果", &k, -1, 30, &il, &cause));
			store_indicator_list_free(&il);
			OK(store_indicator_list_before_in(st, plan, 2022,
			    IND_ORDER_PLAN, "成果", 0, ind, &cnt, &cause));
			/* And in the other orders. */
			for (o = IND_ORDER_RATE_UP; o <= IND_ORDER_NAME; o++) {
				enum indicator_order ord = (enum indicator_order)o;

				k.inclusive = 0;
				OK(store_indicator_list_page_in(st, plan, 2022,
				    ord, "成果", NULL, 1, 30, &il, &cause));
				store_indicator_list_free(&il);
				OK(store_indicator_list_page_in(st, plan, 2022,
				    ord, "成果", &k, -1, 30, &il, &cause));
				store_indicator_list_free(&il);
				OK(store_indicator_list_before_in(st, plan,
				    2022, ord, "成果", 0, ind, &cnt, &cause));
			}
		}
		/* A write that changes an actual: its commit computes the
		 * marked indicator's rates again. */
		OK(store_begin(st, &cause));
		CHECK(sqlite3_exec(store_db(st), "UPDATE indicator_actual SET"
		    " num = num + 1 WHERE indicator_id = (SELECT MIN(id)"
		    " FROM indicator)", NULL, NULL, NULL) == SQLITE_OK);
		OK(store_commit(st, &cause));
	}
	OK(store_indicator_categories(st, plan, &cats, &n, &cause));
	for (i = 0; i < n; i++)
		free(cats[i]);
	free(cats);
	OK(store_indicator_view(st, ind, 2022, &iv, &cause));
	store_indicator_view_free(iv);
	OK(store_summary_indicators(st, plan, 2022, &si, &n, &cause));
	free(si);
	OK(store_result_load(st, item, 2022, &re, &cause));
	store_result_free(re);
	OK(store_result_depts(st, item, 2022, &wd, &n, &cause));
	store_result_depts_free(wd, n);
	OK(store_actual_load(st, own, 2022, &ae, &cause));
	store_actual_free(ae);
	OK(store_actual_reported_by(st, plan, dept, 2022, &ids, &n, &cause));
	CHECK(n > 0);
	free(ids);
	ids = NULL;
	/* (The planners' share: read down the headings.) */
	OK(store_actual_reported_by(st, plan, 0, 2022, &ids, &n, &cause));
	CHECK(n > 0);
	free(ids);
	ids = NULL;
	/* The first page of each history, then a later one (by key, from
	 * the same index). */
	for (int page = 0; page < 2; page++) {
		long long before = page == 0 ? 0 : 1000000;

		OK(store_history_node(st, item, 2022 * (1 - page), 50, before,
		    &hist, &n, &cause));
		store_history_free(hist, n);
		OK(store_history_indicator(st, ind, 0, 50, before, &hist, &n,
		    &cause));
		store_history_free(hist, n);
		OK(store_history_refused(st, 0, 50, before, &hist, &n, &cause));
		store_history_free(hist, n);
		hist = NULL;
	}
	OK(store_year_is_open(st, 2022, &open, &cause));
	OK(store_edit_node_load(st, item, &en, &cause));
	edit_node_free(&en);
	OK(store_edit_indicator_load(st, ind, &ei, &cause));
	edit_indicator_free(&ei);
	OK(store_edit_node_impact(st, policy, &imp, &cause));
	/* What the forms show under 番号, 担当課 and 報告する課. */
	free(store_edit_node_code_twin(st, plan, policy, item, "1-1-1"));
	free(store_edit_node_code_twin(st, plan, 0, policy, "1"));
	{
		char	*names = NULL;

		OK(store_edit_depts_named(st, plan, "★D1、課2(R4〜)", 0,
		    &names, &cause));
		free(names);
		OK(store_edit_depts_named(st, plan, "D1", 1, &names, &cause));
		free(names);
	}
	OK(store_edit_levels(st, plan, &levels, &nlevels, &cause));
	store_edit_levels_free(levels, nlevels);
	OK(store_edit_period(st, plan, item, &first, &last, &cause));
	ses.login = xstrdup("tester");
	OK(store_user_session(st, &ses, &cause));
	session_clear(&ses);
	/* A reviewer's 自分の仕事: the oldest entries waiting, from the
	 * index of those submitted, and their count. */
	{
		struct mywork	*mw = NULL;

		OK(store_mywork_review(st, "2022-04-01", 2022,
		    MYWORK_WAITING_FIRST, &mw, &cause));
		CHECK(mw != NULL && mw->nwaiting > 0);
		store_mywork_free(mw);
	}
	/* A clerk's 自分の仕事: the department's items of the open years
	 * from the indexes, a row's texts when it is shown. */
	{
		struct mywork	*mw = NULL;

		CHECK(sqlite3_exec(store_db(st), "INSERT OR REPLACE INTO"
		    " fiscal_year (fy, is_open) VALUES (2022, 1)", NULL, NULL,
		    NULL) == SQLITE_OK);
		OK(store_mywork_clerk(st, dept, &mw, &cause));
		CHECK(mw != NULL && mw->nrows > 0 && mw->rows[mw->nrows - 1].unread);
		if (mw != NULL && mw->nrows > 0) {
			OK(store_mywork_fill(st, mw, mw->nrows - 1, &cause));
			CHECK(mw->rows[mw->nrows - 1].title[0] != '\0');
		}
		store_mywork_free(mw);
	}
	/* Not a screen, but read the same way: a plan's report follows the
	 * plan, not the file. */
	OK(store_report_load(st, "p", 2022, 2024, &report, &cause));
	store_report_free(report);
#undef OK
}

TEST(screen_queries_follow_the_screen)
{
	struct store	*st;
	sqlite3		*db;
	struct seen	 seen = { NULL, 0 };
	struct ids	 x;
	size_t		 i, checked = 0, children = 0;
	int		 verbose = getenv("QUERY_PLANS_VERBOSE") != NULL;

	st = plan_store(3000);
	if (st == NULL)
		return;
	db = store_db(st);
	find_ids(db, &x);
	sqlite3_trace_v2(db, SQLITE_TRACE_STMT, collect, &seen);
	run_screens(st, &x);
	sqlite3_trace_v2(db, 0, NULL, NULL);
	/* The store functions above run dozens of statements. */
	CHECK(seen.n >= 30);
	for (i = 0; i < seen.n; i++) {
		check_plan(db, seen.sql[i], verbose);
		if (sorts_children(db, seen.sql[i])) {
			FAIL_AT("sorts the children node_parent holds in order"
			    "\n    in: %s", seen.sql[i]);
		}
		children += strstr(seen.sql[i], "INDEXED BY node_parent") !=
		    NULL;
		checked++;
		free(seen.sql[i]);
	}
	free(seen.sql);
	/* The tree opened headings: their children were read. */
	CHECK(children > 0);
	if (verbose)
		printf("%zu statements\n", checked);
	store_close(st);
}

/*
 * What the triggers that keep the plans list's figures read for each row
 * written (db/migrate-9.sql), with the row's values as parameters: one
 * item with its ancestors, one plan's kept figures, an indicator by id.
 * Nothing here may read more than the rows the write is about: any SCAN
 * but of the plans (a few rows) fails. (What a commit reads of plan_fig
 * to count again what a write marked reads the whole of that small
 * table: a row per plan and year kept.)
 */
static const char *const trigger_queries[] = {
	"SELECT c.plan_id, c.fy, c.planned FROM plan_fig_counted c"
	" WHERE c.node_id = ?1 AND c.fy = ?2",
	"UPDATE plan_fig_item SET n = n - 1 WHERE (plan_id, fy, state, status,"
	" grade, planned) = (SELECT c.plan_id, c.fy, '', '', '', c.planned"
	" FROM plan_fig_counted c WHERE c.node_id = ?1 AND c.fy = ?2)",
	"UPDATE plan_fig SET ind_valid = 0 WHERE plan_id ="
	" (SELECT plan_id FROM indicator WHERE id = ?1) AND fy >= ?2"
	" AND ind_valid = 1",
	"DELETE FROM plan_fig WHERE plan_id ="
	" (SELECT plan_id FROM node WHERE id = ?1)",
	"DELETE FROM plan_fig WHERE plan_id IN (SELECT plan_id FROM indicator"
	" WHERE id IN (?1, ?2))",
	"UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE"
	" items_valid + ind_valid > 0 AND plan_id IN (?1, ?2)",
	/* The headings' figures (db/migrate-11.sql). */
	"SELECT u.plan_id, u.fy, u.up, u.planned FROM node_fig_up u"
	" WHERE u.node_id = ?1 AND u.fy = ?2",
	"UPDATE node_fig SET n = n - 1 WHERE (plan_id, fy, node_id, state,"
	" status, grade, planned) IN (SELECT u.plan_id, u.fy, u.up, '', '', '',"
	" u.planned FROM node_fig_up u WHERE u.node_id = ?1 AND u.fy = ?2)",
	"INSERT INTO node_fig (plan_id, fy, node_id, state, status, grade,"
	" planned, n) SELECT u.plan_id, u.fy, u.up, 'draft', '', '', u.planned,"
	" 1 FROM node_fig_up u WHERE u.node_id = ?1 AND u.fy = ?2"
	" ON CONFLICT (plan_id, fy, node_id, state, status, grade, planned)"
	" DO UPDATE SET n = n + 1",
	"DELETE FROM node_fig WHERE plan_id = ?1 AND fy = ?2",
	/* An indicator's level and a mark's node (db/migrate-24.sql,
	 * db/migrate-25.sql). */
	"UPDATE indicator SET depth = (SELECT depth FROM node"
	" WHERE id = ?1) WHERE id = ?2",
	"UPDATE indicator SET depth = ?1 WHERE node_id = ?2",
	"UPDATE node_flag SET (plan_id, parent_id, depth, ord, first_fy,"
	" last_fy) = (SELECT n.plan_id, n.parent_id, n.depth, n.ord,"
	" n.first_fy, n.last_fy FROM node n WHERE n.id = ?1)"
	" WHERE node_id = ?1 AND flag_id = ?2",
	"UPDATE node_flag SET (plan_id, parent_id, depth, ord, first_fy,"
	" last_fy) = (?1, ?2, ?3, ?4, ?5, ?6) WHERE node_id = ?7",
	/* An assignment's node (db/migrate-27.sql). */
	"UPDATE node_dept SET (parent_id, depth, node_ord, first_fy,"
	" last_fy) = (SELECT n.parent_id, n.depth, n.ord, n.first_fy,"
	" n.last_fy FROM node n WHERE n.id = ?1) WHERE id = ?2",
	"UPDATE node_dept SET (parent_id, depth, node_ord, first_fy,"
	" last_fy) = (?1, ?2, ?3, ?4, ?5) WHERE node_id = ?6",
};

TEST(trigger_queries_follow_the_row)
{
	struct store	*st;
	sqlite3		*db;
	sqlite3_stmt	*s;
	char		*eqp;
	const char	*detail;
	size_t		 i;

	st = plan_store(3000);
	if (st == NULL)
		return;
	db = store_db(st);
	for (i = 0; i < sizeof trigger_queries / sizeof trigger_queries[0];
	    i++) {
		eqp = xasprintf("EXPLAIN QUERY PLAN %s", trigger_queries[i]);
		CHECK_INT(sqlite3_prepare_v2(db, eqp, -1, &s, NULL), SQLITE_OK);
		while (s != NULL && sqlite3_step(s) == SQLITE_ROW) {
			detail = (const char *)sqlite3_column_text(s, 3);
			if (detail != NULL && strncmp(detail, "SCAN ", 5) == 0 &&
			    strncmp(detail, "SCAN CONSTANT ROW", 17) != 0 &&
			    strncmp(detail, "SCAN p ", 7) != 0)
				FAIL_AT("%s\n    in: %s", detail,
				    trigger_queries[i]);
		}
		sqlite3_finalize(s);
		free(eqp);
	}
	store_close(st);
}

/*
 * A filter by a department in charge of every item reads the year's
 * results of its nodes in one pass (browse_filter_results), not one
 * look-up each: the pass runs, and it, like every statement of the
 * filter, reads no more than the plan's range of the year's results.
 */
TEST(a_large_filter_reads_the_results_in_one_pass)
{
	struct store		*st;
	sqlite3			*db;
	struct seen		 seen = { NULL, 0 };
	struct browse_tree	*ft = NULL;
	struct browse_filter	 bf;
	char			*cause = NULL;
	size_t			 i, passes = 0;

	st = plan_store(600);
	if (st == NULL)
		return;
	db = store_db(st);
	/* D19 takes charge of every item besides its own. */
	CHECK_INT(sqlite3_exec(db, "INSERT INTO node_dept (node_id, dept_id,"
	    " is_main, ord) SELECT n.id, d.id, 0, 9 FROM node n, department d"
	    " WHERE n.depth = 3 AND d.code = 'D19'", NULL, NULL, NULL),
	    SQLITE_OK);
	memset(&bf, 0, sizeof bf);
	bf.dept_id = first_id(db, "SELECT id FROM department WHERE code = 'D19'");
	bf.flag = -1;
	sqlite3_trace_v2(db, SQLITE_TRACE_STMT, collect, &seen);
	if (browse_tree_filtered(st, first_id(db, "SELECT id FROM plan"), 2023,
	    2024, NULL, 0, &bf, &ft, &cause) != 0)
		FAIL_AT("the filter: %s", cause != NULL ? cause : "?");
	sqlite3_trace_v2(db, 0, NULL, NULL);
	/* Every item is named, with the headings above them. */
	CHECK(ft != NULL && ft->nnodes == 600 + 60 + 6);
	browse_tree_free(ft);
	for (i = 0; i < seen.n; i++) {
		passes += strstr(seen.sql[i], "node_id BETWEEN") != NULL;
		check_plan(db, seen.sql[i], 0);
		/* (No look-up of each node's result.) */
		if (strstr(seen.sql[i], "LEFT JOIN result") != NULL &&
		    strstr(seen.sql[i], "node_dept") != NULL)
			FAIL_AT("looks up each result: %s", seen.sql[i]);
		free(seen.sql[i]);
	}
	free(seen.sql);
	CHECK_INT(passes, 1);
	free(cause);
	store_close(st);
}

/* The check itself: a year's search is let pass only when it is the
 * whole statement and stops at its first row. */
TEST(a_first_row_of_a_year_passes_alone)
{
	struct store	*st;
	char		*why;

	st = plan_store(30);
	if (st == NULL)
		return;
	why = plan_problem(store_db(st), "SELECT 1 FROM result INDEXED BY"
	    " result_state WHERE fy = ?1 LIMIT 1", 0);
	CHECK(why == NULL);
	free(why);
	why = plan_problem(store_db(st), "SELECT count(*) FROM result"
	    " INDEXED BY result_state WHERE fy = ?1", 0);
	CHECK(why != NULL);
	free(why);
	why = plan_problem(store_db(st), "SELECT n.title FROM result r"
	    " INDEXED BY result_state JOIN node n ON n.id = r.node_id"
	    " WHERE r.fy = ?1 LIMIT 1", 0);
	CHECK(why != NULL);
	free(why);
	why = plan_problem(store_db(st), "SELECT 1 FROM result INDEXED BY"
	    " result_state WHERE fy = ?1 ORDER BY grade LIMIT 1", 0);
	CHECK(why != NULL);
	free(why);
	store_close(st);
}

int
main(void)
{
	char	*cmd;

	snprintf(tmpdir, sizeof tmpdir, "/tmp/shisaku-test-qp-XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(dbpath, sizeof dbpath, "%s/plans.db", tmpdir);
	RUN(screen_queries_follow_the_screen);
	RUN(trigger_queries_follow_the_row);
	RUN(a_first_row_of_a_year_passes_alone);
	RUN(a_large_filter_reads_the_results_in_one_pass);
	cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(cmd);
	DONE();
}
