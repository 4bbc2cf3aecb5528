/*
 * The indicator list's achievement rates kept per plan and fiscal year
 * (db/migrate-12.sql). A rate is never computed in SQL: the columns the
 * list reads (store-sheet-internal.h) are given to a C function that
 * makes of them the values the list's row holds and returns
 * store_indicator_row_rate's rate, so what is kept is what the list
 * shows (tests/unit/test-indicator-rates.c compares the two).
 *
 * Writes, each one INSERT ... SELECT: a whole plan's year at the end of
 * an import, a migration or a year opened (store_indfig_keep), and before
 * each commit the indicators the write's triggers marked, each over the
 * kept years of its plan (store_indfig_refresh, called by store_commit).
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/store-indfig.h"
#include "shisaku/store-sheet-internal.h"
#include "shisaku/store-summary.h"
#include "shisaku/util.h"
#include "shisaku/vocab.h"

/*
 * The rate as an SQL function of the columns the list reads (in the order
 * of the arguments below), so that a whole year is kept in one
 * INSERT ... SELECT: shisaku_indicator_rate(direction, cumulative,
 * base_num, base_txt, final_num, final_txt, target_num, target_txt,
 * actual_num, actual_txt, sum, sum_count, sum_texts) is the rate, or -1.
 * It is registered on the store's own connection only, and only these
 * statements call it (the triggers never do: any program may write).
 */
#define INDFIG_RATE_ARGS						\
	"shisaku_indicator_rate(i.direction, i.cumulative, i.base_num,"	\
	" i.base_txt, i.final_num, i.final_txt, t.num, t.txt, a.num, a.txt,"	\
	" " IND_LIST_SUM("total(x.num)", "y.fy") ","			\
	" " IND_LIST_SUM("count(x.num)", "y.fy") ","			\
	" " IND_LIST_SUM("sum(x.num IS NULL AND x.txt IS NOT NULL)", "y.fy")	\
	")"
#define INDFIG_INSERT(WHERE)						\
	"INSERT INTO indicator_fig (indicator_id, fy, plan_id, ord, norate,"	\
	" up, down) SELECT id, fy, plan_id, ord, r < 0, max(r, 0),"	\
	" -max(r, 0) FROM (SELECT i.id AS id, y.fy AS fy,"		\
	" i.plan_id AS plan_id, i.ord AS ord, " INDFIG_RATE_ARGS " AS r"	\
	" FROM indicator_fig_year y CROSS JOIN indicator i"		\
	" ON i.plan_id = y.plan_id" IND_LIST_JOINS("y.fy") WHERE ")"

static const char sql_fig_forget_year[] =
	"DELETE FROM indicator_fig WHERE plan_id = ?1 AND fy = ?2";
static const char sql_fig_year[] =
	"INSERT OR IGNORE INTO indicator_fig_year (plan_id, fy) VALUES (?1, ?2)";

/* A plan's rows of a year, in plan order: the order of the ids after an
 * import, so that the rows kept go in close to the order of their key. */
static const char sql_fig_keep_plan[] = INDFIG_INSERT(
	" WHERE y.plan_id = ?1 AND y.fy = ?2 ORDER BY i.ord, i.id");

/* An indicator's rows of each kept year of its plan. */
static const char sql_fig_keep_ind[] = INDFIG_INSERT(" WHERE i.id = ?1");

/* A plan's counts of indicators by category, again (an import's end). */
static const char sql_fig_cat_forget[] =
	"DELETE FROM indicator_category_count WHERE plan_id = ?1";
static const char sql_fig_cat_count[] =
	"INSERT INTO indicator_category_count (plan_id, category, n)"
	" SELECT plan_id, category, count(*) FROM indicator WHERE plan_id = ?1"
	" GROUP BY category";

static const char sql_fig_plans[] = "SELECT id FROM plan ORDER BY id";
static const char sql_fig_open_years[] =
	"SELECT fy FROM fiscal_year WHERE is_open = 1 ORDER BY fy";

static const char sql_fig_stale[] =
	"SELECT indicator_id FROM indicator_fig_stale";
static const char sql_fig_forget_ind[] =
	"DELETE FROM indicator_fig WHERE indicator_id = ?1";
static const char sql_fig_stale_clear[] = "DELETE FROM indicator_fig_stale";
/* When a rate cannot be computed again: no year of the marked
 * indicators' plans is kept any more. */
static const char sql_fig_stale_drop[] =
	"DELETE FROM indicator_fig_year WHERE plan_id IN (SELECT i.plan_id"
	" FROM indicator_fig_stale s JOIN indicator i ON i.id = s.indicator_id)";

static const char sql_fig_kept[] =
	"SELECT EXISTS (SELECT 1 FROM indicator_fig_year WHERE plan_id = ?1"
	" AND fy = ?2) AND NOT EXISTS (SELECT 1 FROM indicator_fig_stale)";

/* The rates kept of a plan's year by outcome (summary_outcome_of of
 * the rate: 100 % and over, under, none), in one walk of the index of
 * the rates (no sort); every indicator of a kept year has one (the two
 * zeros: whole). */
static const char sql_fig_outcomes[] =
	"SELECT total(norate = 0 AND up >= 100), total(norate = 0 AND up < 100),"
	" total(norate), 0, 0 FROM indicator_fig WHERE plan_id = ?1 AND fy = ?2";

/* The same for the indicators of node ?3 and of the nodes below it (a
 * walk of the nodes' index by parent and of the indicators' by node,
 * with one kept rate each), and how many indicators there are and how
 * many have a rate kept: a heading's figures come from here only when
 * every one of its indicators has. */
#define INDFIG_OUTCOMES							\
	"SELECT total(f.norate = 0 AND f.up >= 100),"			\
	" total(f.norate = 0 AND f.up < 100), total(f.norate),"		\
	" count(*), count(f.indicator_id)"
#define INDFIG_RATE							\
	" LEFT JOIN indicator_fig f ON f.indicator_id = i.id AND f.fy = ?2" \
	" AND f.plan_id = ?1"
static const char sql_fig_subtree_outcomes[] =
	STORE_SUBTREE_TO("?3", "?4") " "
	INDFIG_OUTCOMES " FROM sub JOIN indicator i ON i.node_id = sub.id"
	INDFIG_RATE;
/* The same upward from each of the plan's indicators, for a plan of
 * few (STORE_IND_ABOVE_FROM): a policy of 20,000 items and no indicator
 * walked its 20,000 nodes (12 ms). */
static const char sql_fig_above_outcomes[] =
	INDFIG_OUTCOMES STORE_IND_ABOVE_FROM INDFIG_RATE
	" WHERE i.plan_id = ?1 AND" STORE_IND_ABOVE("?3");

static void
indfig_rate_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct indicator_row	 r;
	const char		*dir;
	int			 i;

	(void)argc;
	memset(&r, 0, sizeof r);
	dir = (const char *)sqlite3_value_text(argv[0]);
	r.direction = dir != NULL ? vocab_key(VOCAB_DIRECTION, dir) : NULL;
	r.cumulative = sqlite3_value_int(argv[1]);
	/* As store_col_value reads a value and store_indicator_row_read
	 * a row: a number, else a text, else none; no target of the year
	 * is the final one. */
	for (i = 2; i <= 8; i += 2) {
		struct value *v = i == 2 ? &r.base : i == 4 ? &r.final :
		    i == 6 ? &r.target : &r.actual;

		if (sqlite3_value_type(argv[i]) != SQLITE_NULL) {
			v->kind = VALUE_NUMBER;
			v->num = sqlite3_value_double(argv[i]);
		} else if (sqlite3_value_type(argv[i + 1]) != SQLITE_NULL) {
			/* The text is read (a target's bound, achieve_bound)
			 * and borrowed for the call: r is never cleared. */
			v->kind = VALUE_TEXT;
			v->text = (char *)sqlite3_value_text(argv[i + 1]);
		} else
			v->kind = VALUE_NONE;
	}
	if (r.target.kind == VALUE_NONE)
		r.target = r.final;
	r.actual_sum = sqlite3_value_double(argv[10]);
	r.actual_sum_count = (sqlite3_value_type(argv[12]) == SQLITE_NULL ? 0 :
	    sqlite3_value_int(argv[12])) > 0 ? -1 :
	    sqlite3_value_type(argv[11]) == SQLITE_NULL ? 0 :
	    sqlite3_value_int(argv[11]);
	sqlite3_result_double(ctx, store_indicator_row_rate(&r, NULL));
}

/* Registers the rate function on the store's connection. */
static int
indfig_register(struct store *st, char **cause)
{
	if (sqlite3_create_function_v2(store_db(st), "shisaku_indicator_rate",
	    13, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, indfig_rate_fn, NULL,
	    NULL, NULL) != SQLITE_OK) {
		if (cause != NULL)
			*cause = store_errmsg(st, "達成率の計算");
		return -1;
	}
	return 0;
}

static int
indfig_exec_ll_int(struct store *st, const char *sql, long long a, int b,
    char **cause)
{
	sqlite3_stmt	*s;

	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, a);
	sqlite3_bind_int(s, 2, b);
	return store_step_write(st, s, "達成率の保存", cause);
}

/* One plan's year. */
static int
indfig_keep_plan(struct store *st, long long plan_id, int fy, char **cause)
{
	if (indfig_register(st, cause) != 0 ||
	    indfig_exec_ll_int(st, sql_fig_forget_year, plan_id, fy,
	    cause) != 0 ||
	    indfig_exec_ll_int(st, sql_fig_year, plan_id, fy, cause) != 0)
		return -1;
	return indfig_exec_ll_int(st, sql_fig_keep_plan, plan_id, fy, cause);
}

/* The first column of every row of a query without parameters. */
static int
indfig_ids(struct store *st, const char *sql, long long **ids, size_t *n,
    char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*ids = NULL;
	*n = 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	if (store_read_end(st, s, rc, "達成率の読み込み", cause) != 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

int
store_indfig_keep(struct store *st, long long plan_id, int fy, char **cause)
{
	long long	*plans;
	size_t		 n, i;
	int		 rc = 0;

	if (plan_id != 0)
		return indfig_keep_plan(st, plan_id, fy, cause);
	if (indfig_ids(st, sql_fig_plans, &plans, &n, cause) != 0)
		return -1;
	for (i = 0; i < n && rc == 0; i++)
		rc = indfig_keep_plan(st, plans[i], fy, cause);
	free(plans);
	return rc;
}

int
store_indfig_count(struct store *st, long long plan_id, char **cause)
{
	sqlite3_stmt	*s;
	int		 i;

	for (i = 0; i < 2; i++) {
		if ((s = store_stmt(st, i == 0 ? sql_fig_cat_forget :
		    sql_fig_cat_count, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, plan_id);
		if (store_step_write(st, s, "指標の区分の集計", cause) != 0)
			return -1;
	}
	return 0;
}

int
store_indfig_keep_years(struct store *st, long long plan_id, int today_fy,
    char **cause)
{
	long long	*years;
	size_t		 n, i;
	int		 rc = 0, today = 0;

	if (indfig_ids(st, sql_fig_open_years, &years, &n, cause) != 0)
		return -1;
	for (i = 0; i < n && rc == 0; i++) {
		if (years[i] == today_fy)
			today = 1;
		rc = store_indfig_keep(st, plan_id, (int)years[i], cause);
	}
	free(years);
	if (rc == 0 && !today && today_fy > 0)
		rc = store_indfig_keep(st, plan_id, today_fy, cause);
	return rc;
}

/* Computes the marked indicators again. */
static int
indfig_recompute(struct store *st, const long long *ids, size_t n,
    char **cause)
{
	sqlite3_stmt	*s;
	size_t		 i;

	if (indfig_register(st, cause) != 0)
		return -1;
	for (i = 0; i < n; i++) {
		if ((s = store_stmt(st, sql_fig_forget_ind, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, ids[i]);
		if (store_step_write(st, s, "達成率の保存", cause) != 0)
			return -1;
		if ((s = store_stmt(st, sql_fig_keep_ind, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, ids[i]);
		if (store_step_write(st, s, "達成率の保存", cause) != 0)
			return -1;
	}
	return 0;
}

int
store_indfig_refresh(struct store *st)
{
	sqlite3_stmt	*s;
	long long	*ids;
	size_t		 n;
	char		*cause = NULL;
	int		 rc;

	/* (Not before migration 12 made the table: nothing is kept.) */
	if ((s = store_stmt(st, sql_fig_stale, NULL)) == NULL)
		return 0;
	sqlite3_reset(s);
	if (indfig_ids(st, sql_fig_stale, &ids, &n, &cause) != 0) {
		free(cause);
		cause = NULL;
		rc = -1;
	} else if (n == 0) {
		free(ids);
		return 0;
	} else {
		rc = indfig_recompute(st, ids, n, &cause);
		free(ids);
		free(cause);
		cause = NULL;
	}
	if (rc != 0 && store_exec(st, sql_fig_stale_drop, NULL) != SQLITE_OK)
		return -1;
	return store_exec(st, sql_fig_stale_clear, NULL) == SQLITE_OK ? 0 : -1;
}

int
store_indfig_kept(struct store *st, long long plan_id, int fy)
{
	sqlite3_stmt	*s;
	int		 kept = 0;

	if ((s = store_stmt(st, sql_fig_kept, NULL)) == NULL)
		return 0;
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int(s, 2, fy);
	if (sqlite3_step(s) == SQLITE_ROW)
		kept = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return kept;
}

/* The outcomes sql counts (by outcome, then how many indicators and how
 * many of them have a rate kept: the counts are whole when the two
 * agree), when the plan's year is kept. node_id binds ?3 when not 0,
 * depth ?4 when not -1. 1 with out[], 0, or -1 with *cause. */
static int
indfig_count_outcomes(struct store *st, const char *sql, long long plan_id,
    int fy, long long node_id, int depth, long out[SUMMARY_NOUTCOMES],
    char **cause)
{
	sqlite3_stmt	*s;
	long		 n[SUMMARY_NOUTCOMES] = { 0 };
	int		 rc, whole = 0;

	if (!store_indfig_kept(st, plan_id, fy))
		return 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int(s, 2, fy);
	if (node_id != 0)
		sqlite3_bind_int64(s, 3, node_id);
	if (depth >= 0)
		sqlite3_bind_int(s, 4, depth);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		n[SUMMARY_ACHIEVED] = (long)sqlite3_column_int64(s, 0);
		n[SUMMARY_NOT_ACHIEVED] = (long)sqlite3_column_int64(s, 1);
		n[SUMMARY_NO_DATA] = (long)sqlite3_column_int64(s, 2);
		whole = sqlite3_column_int64(s, 3) ==
		    sqlite3_column_int64(s, 4);
	}
	if (store_read_end(st, s, rc, "指標の集計", cause) != 0)
		return -1;
	if (!whole)
		return 0;
	memcpy(out, n, sizeof n);
	return 1;
}

int
store_indfig_outcomes(struct store *st, long long plan_id, int fy,
    long out[SUMMARY_NOUTCOMES], char **cause)
{
	return indfig_count_outcomes(st, sql_fig_outcomes, plan_id, fy, 0, -1,
	    out, cause);
}

int
indfig_subtree_read(struct store *st, long long plan_id, long long node_id,
    int fy, int upward, long out[], char **cause)
{
	int	depth = -1;

	if (!upward && (depth = summary_indicator_depth(st, plan_id, node_id,
	    cause)) < 0)
		return -1;
	return indfig_count_outcomes(st, upward ? sql_fig_above_outcomes :
	    sql_fig_subtree_outcomes, plan_id, fy, node_id, depth, out, cause);
}

int
store_indfig_subtree_outcomes(struct store *st, long long plan_id,
    long long node_id, int fy, long out[SUMMARY_NOUTCOMES], char **cause)
{
	int	few;

	if ((few = summary_few_indicators(st, plan_id, 0, cause)) < 0)
		return -1;
	return indfig_subtree_read(st, plan_id, node_id, fy, few, out, cause);
}
