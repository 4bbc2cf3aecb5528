/*
 * The indicator list's achievement rates kept per plan and fiscal year
 * (db/migrate-12.sql). A rate is never computed in SQL: the row is read
 * as the list reads it (store-sheet-internal.h) and its rate is
 * store_indicator_row_rate's, so what is kept is what the list shows.
 *
 * Writes: a whole year at the end of an import or a migration
 * (store_indfig_keep, one pass over the plan's rows), and before each
 * commit the indicators the write's triggers marked, each over the kept
 * years of its plan (store_indfig_refresh, called by store_commit).
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/store-indfig.h"
#include "shisaku/store-sheet-internal.h"
#include "shisaku/util.h"

static const char sql_fig_forget_year[] =
	"DELETE FROM indicator_fig WHERE plan_id = ?1 AND fy = ?2";
static const char sql_fig_year[] =
	"INSERT OR IGNORE INTO indicator_fig_year (plan_id, fy) VALUES (?1, ?2)";
static const char sql_fig_put[] =
	"INSERT INTO indicator_fig (indicator_id, fy, plan_id, ord, norate, up,"
	" down) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

/* A plan's rows of a year. */
static const char sql_fig_plan_rows[] =
	IND_LIST_COLS("'', ''", "NULL", "NULL", "?2") " FROM indicator i"
	IND_LIST_JOINS("?2") " WHERE i.plan_id = ?1";

/* An indicator's rows of each kept year of its plan (column 25: the
 * year, 26: the plan). */
static const char sql_fig_ind_rows[] =
	IND_LIST_COLS("'', ''", "NULL", "NULL", "y.fy") ", y.fy, i.plan_id"
	" FROM indicator i JOIN indicator_fig_year y ON y.plan_id = i.plan_id"
	IND_LIST_JOINS("y.fy") " WHERE i.id = ?1";

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

/* Keeps the rate of the row q has read, for year fy of plan plan_id. */
static int
indfig_put(struct store *st, sqlite3_stmt *q, long long plan_id, int fy,
    char **cause)
{
	struct indicator_row	 r;
	sqlite3_stmt		*s;
	double			 rate;
	int			 rc;

	store_indicator_row_read(q, &r, fy, 0);
	rate = store_indicator_row_rate(&r, NULL);
	if ((s = store_stmt(st, sql_fig_put, cause)) == NULL) {
		store_indicator_row_clear(&r);
		return -1;
	}
	sqlite3_bind_int64(s, 1, r.id);
	sqlite3_bind_int(s, 2, fy);
	sqlite3_bind_int64(s, 3, plan_id);
	sqlite3_bind_int64(s, 4, r.ord);
	sqlite3_bind_int(s, 5, rate < 0);
	sqlite3_bind_double(s, 6, rate < 0 ? 0 : rate);
	sqlite3_bind_double(s, 7, rate < 0 ? 0 : -rate);
	store_indicator_row_clear(&r);
	rc = store_step_write(st, s, "達成率の保存", cause);
	sqlite3_reset(s);
	return rc;
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
	sqlite3_stmt	*q;
	int		 rc;

	if (indfig_exec_ll_int(st, sql_fig_forget_year, plan_id, fy,
	    cause) != 0 ||
	    indfig_exec_ll_int(st, sql_fig_year, plan_id, fy, cause) != 0)
		return -1;
	/* The read and the writes interleave: the read is a statement of
	 * its own, not the cached one the writes reset. */
	if (sqlite3_prepare_v2(store_db(st), sql_fig_plan_rows, -1, &q,
	    NULL) != SQLITE_OK) {
		*cause = store_errmsg(st, "達成率の読み込み");
		return -1;
	}
	sqlite3_bind_int64(q, 1, plan_id);
	sqlite3_bind_int(q, 2, fy);
	while ((rc = sqlite3_step(q)) == SQLITE_ROW)
		if (indfig_put(st, q, plan_id, fy, cause) != 0) {
			sqlite3_finalize(q);
			return -1;
		}
	if (rc != SQLITE_DONE) {
		*cause = store_errmsg(st, "達成率の読み込み");
		sqlite3_finalize(q);
		return -1;
	}
	sqlite3_finalize(q);
	return 0;
}

/* The ids read by a query of one bound id (or none). */
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
	sqlite3_stmt	*q = NULL, *s;
	size_t		 i;
	int		 rc = 0;

	if (sqlite3_prepare_v2(store_db(st), sql_fig_ind_rows, -1, &q,
	    NULL) != SQLITE_OK) {
		*cause = store_errmsg(st, "達成率の読み込み");
		return -1;
	}
	for (i = 0; i < n && rc == 0; i++) {
		if ((s = store_stmt(st, sql_fig_forget_ind, cause)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(s, 1, ids[i]);
		if ((rc = store_step_write(st, s, "達成率の保存", cause)) != 0)
			break;
		sqlite3_reset(q);
		sqlite3_bind_int64(q, 1, ids[i]);
		while (rc == 0 && (rc = sqlite3_step(q)) == SQLITE_ROW)
			rc = indfig_put(st, q, sqlite3_column_int64(q, 26),
			    sqlite3_column_int(q, 25), cause);
		if (rc == SQLITE_DONE)
			rc = 0;
		else if (rc != 0 && *cause == NULL)
			*cause = store_errmsg(st, "達成率の読み込み");
	}
	sqlite3_finalize(q);
	return rc == 0 ? 0 : -1;
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
