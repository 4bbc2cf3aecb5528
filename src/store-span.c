/*
 * The years a plan's data covers, kept per plan (see store-span.h and
 * db/migrate-17.sql).
 */
#include <stdlib.h>

#include <sqlite3.h>

#include "shisaku/store-internal.h"
#include "shisaku/store-span.h"
#include "shisaku/util.h"

/* The span counted in full (?1 the plan): its nodes' own periods,
 * yearly plans and cost trends. */
#define SPAN_PARTS							\
	" SELECT min(n.first_fy) AS a, max(n.last_fy) AS b"		\
	STORE_OWN_PERIOD_NODES						\
	" UNION ALL SELECT min(y.from_fy), max(y.to_fy) FROM year_plan y"	\
	"  JOIN node n ON n.id = y.node_id WHERE n.plan_id = ?1"	\
	" UNION ALL SELECT min(c.fy), max(c.fy) FROM cost_trend c"	\
	"  JOIN node n ON n.id = c.node_id WHERE n.plan_id = ?1"

static const char span_sql_count[] =
	"SELECT min(a), max(b) FROM (" SPAN_PARTS ")";
static const char span_sql_kept[] =
	"SELECT first_fy, last_fy FROM plan_span"
	" WHERE plan_id = ?1 AND valid = 1";
/* The plans that print no period (the roadmap of a plan with one spans
 * its period) whose span is marked, or not kept at all. */
static const char span_sql_stale[] =
	"SELECT p.id FROM plan p WHERE (p.first_fy IS NULL"
	" OR p.last_fy IS NULL) AND NOT EXISTS (SELECT 1 FROM plan_span s"
	" WHERE s.plan_id = p.id AND s.valid = 1)";
static const char span_sql_keep[] =
	"INSERT OR REPLACE INTO plan_span (plan_id, first_fy, last_fy, valid)"
	" SELECT ?1, min(a), max(b), 1 FROM (" SPAN_PARTS ")";
static const char span_sql_true[] =
	"SELECT s.plan_id, p.code, s.first_fy, s.last_fy FROM plan_span s"
	" JOIN plan p ON p.id = s.plan_id WHERE s.valid = 1 ORDER BY p.code";

/* Reads one row of two years from s (?1 bound): 1 with *first and
 * *last, 0 when there is no row, -1 with *cause. */
static int
span_read(struct store *st, sqlite3_stmt *s, int *first, int *last,
    char **cause)
{
	int	rc, found = 0;

	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*first = store_col_int0(s, 0);
		*last = store_col_int0(s, 1);
		found = 1;
		rc = SQLITE_DONE;
	}
	if (store_read_end(st, s, rc, "計画の年度の範囲の読み込み",
	    cause) != 0)
		return -1;
	return found;
}

/* The span of plan_id counted in full. */
static int
span_count(struct store *st, long long plan_id, int *first, int *last,
    char **cause)
{
	sqlite3_stmt	*s;

	*first = *last = 0;
	if ((s = store_stmt(st, span_sql_count, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	return span_read(st, s, first, last, cause) < 0 ? -1 : 0;
}

int
store_plan_span(struct store *st, long long plan_id, int *first, int *last,
    char **cause)
{
	sqlite3_stmt	*s;
	int		 found;

	*first = *last = 0;
	/* (Before migration 17 made the table: counted.) */
	if ((s = store_stmt(st, span_sql_kept, NULL)) != NULL) {
		sqlite3_bind_int64(s, 1, plan_id);
		if ((found = span_read(st, s, first, last, cause)) != 0)
			return found < 0 ? -1 : 0;
	}
	return span_count(st, plan_id, first, last, cause);
}

void
store_span_refresh(struct store *st)
{
	sqlite3_stmt	*s;
	long long	*ids = NULL;
	size_t		 n = 0, i;

	/* (Not before migration 17 made the table: nothing is kept.) */
	if ((s = store_stmt(st, span_sql_stale, NULL)) == NULL)
		return;
	while (sqlite3_step(s) == SQLITE_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof *ids);
		ids[n++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	/* A span that cannot be counted stays marked, or missing: it is
	 * counted when read, and the write goes on. */
	for (i = 0; i < n; i++) {
		if ((s = store_stmt(st, span_sql_keep, NULL)) == NULL)
			break;
		sqlite3_bind_int64(s, 1, ids[i]);
		(void)sqlite3_step(s);
		sqlite3_reset(s);
	}
	free(ids);
}

/* "2021〜2025", or "なし" for a plan without a year (malloc'd). */
static char *
span_text(int first, int last)
{
	if (first == 0 && last == 0)
		return xstrdup("なし");
	return xasprintf("%d〜%d", first, last);
}

int
store_span_check(struct store *st, void (*report)(void *, const char *),
    void *arg, char **cause)
{
	sqlite3_stmt	*s;
	struct { long long plan; int first, last; char *code; } *v = NULL;
	size_t		 n = 0, i;
	int		 rc, first, last, problems = 0;
	char		*line, *kept, *counted;

	/* (Before migration 17: nothing is kept, nothing to check.) */
	if ((s = store_stmt(st, span_sql_true, NULL)) == NULL)
		return 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].plan = sqlite3_column_int64(s, 0);
		v[n].code = store_col_dup(s, 1);
		v[n].first = store_col_int0(s, 2);
		v[n++].last = store_col_int0(s, 3);
	}
	rc = store_read_end(st, s, rc, "計画の年度の範囲の読み込み", cause);
	for (i = 0; i < n && rc == 0; i++) {
		if ((rc = span_count(st, v[i].plan, &first, &last, cause)) != 0)
			break;
		if (first == v[i].first && last == v[i].last)
			continue;
		kept = span_text(v[i].first, v[i].last);
		counted = span_text(first, last);
		line = xasprintf("計画の年度の範囲: %s は %s と記録されています"
		    "が、数え直すと %s です（ロードマップの年度がこの記録に"
		    "従います）", v[i].code, kept, counted);
		report(arg, line);
		free(line);
		free(kept);
		free(counted);
		problems++;
	}
	for (i = 0; i < n; i++)
		free(v[i].code);
	free(v);
	return rc != 0 ? -1 : problems;
}
