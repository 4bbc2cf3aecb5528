/*
 * The outcome of every indicator of a plan in a fiscal year (see
 * store-summary.h): three reads (indicators, the year's targets, the
 * actuals up to the year), each in the order of the plan's index of
 * indicator keys, merged as they come, so a plan of many thousand
 * indicators costs three statements, not one per indicator, and nothing
 * is sorted. Every plan: the same, plan by plan.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "shisaku/store-internal.h"
#include "shisaku/store-summary.h"
#include "shisaku/trend.h"
#include "shisaku/util.h"
#include "shisaku/value.h"

static const char summary_sql_plans[] = "SELECT id FROM plan ORDER BY id";

static const char summary_sql_indicators[] =
	"SELECT i.id, i.plan_id, i.node_id, i.direction, i.cumulative,"
	" i.base_num, i.base_txt, i.base_fy, i.final_num, i.final_txt,"
	" i.final_fy FROM indicator i WHERE i.plan_id = ?1 ORDER BY i.key";

/* Targets of the year only: an earlier year's target is never the
 * year's. */
static const char summary_sql_targets[] =
	"SELECT t.indicator_id, t.fy, t.num, t.txt FROM indicator i"
	" JOIN indicator_target t ON t.indicator_id = i.id AND t.fy = ?2"
	" WHERE i.plan_id = ?1 ORDER BY i.key";

/* The year's actual, and the earlier ones a running total adds up. */
static const char summary_sql_actuals[] =
	"SELECT a.indicator_id, a.fy, a.num, a.txt FROM indicator i"
	" JOIN indicator_actual a ON a.indicator_id = i.id"
	" AND a.fy <= ?2 AND (a.fy = ?2 OR i.cumulative = 1)"
	" WHERE i.plan_id = ?1 ORDER BY i.key, a.fy";

/*
 * The indicators of a node and of every node below it: the subtree from
 * the node down its index of children, and each node's indicators by
 * their own index, so a heading costs what lies under it, never the
 * whole plan. The subtree is walked once, for the indicators' ids (a
 * policy of 20,000 nodes takes 15 ms a walk); the three reads then find
 * each by its key, from a JSON array of the ids (?1). The rows come in
 * the array's order; the values are matched to their indicator by id.
 */
static const char summary_sql_sub_ids[] =
	STORE_SUBTREE_TO("?1", "?2")
	" SELECT i.id FROM sub JOIN indicator i ON i.node_id = sub.id";

static const char summary_sql_ids_indicators[] =
	"SELECT i.id, i.plan_id, i.node_id, i.direction, i.cumulative,"
	" i.base_num, i.base_txt, i.base_fy, i.final_num, i.final_txt,"
	" i.final_fy FROM json_each(?1) j CROSS JOIN indicator i"
	" ON i.id = j.value";

static const char summary_sql_ids_targets[] =
	"SELECT t.indicator_id, t.fy, t.num, t.txt FROM json_each(?1) j"
	" CROSS JOIN indicator_target t ON t.indicator_id = j.value"
	" AND t.fy = ?2";

static const char summary_sql_ids_actuals[] =
	"SELECT a.indicator_id, a.fy, a.num, a.txt FROM json_each(?1) j"
	" CROSS JOIN indicator i ON i.id = j.value"
	" JOIN indicator_actual a ON a.indicator_id = i.id"
	" AND a.fy <= ?2 AND (a.fy = ?2 OR i.cumulative = 1)";

/* The same three reads for a heading of a plan of few indicators,
 * upward from them (STORE_IND_ABOVE_FROM); store_summary_subtree
 * chooses. */
#define SUMMARY_ABOVE_WHERE						\
	" WHERE i.plan_id = (SELECT plan_id FROM node WHERE id = ?1)"	\
	" AND" STORE_IND_ABOVE("?1")

static const char summary_sql_up_indicators[] =
	"SELECT i.id, i.plan_id, i.node_id, i.direction, i.cumulative,"
	" i.base_num, i.base_txt, i.base_fy, i.final_num, i.final_txt,"
	" i.final_fy" STORE_IND_ABOVE_FROM SUMMARY_ABOVE_WHERE;

static const char summary_sql_up_targets[] =
	"SELECT t.indicator_id, t.fy, t.num, t.txt" STORE_IND_ABOVE_FROM
	" JOIN indicator_target t ON t.indicator_id = i.id AND t.fy = ?2"
	SUMMARY_ABOVE_WHERE;

static const char summary_sql_up_actuals[] =
	"SELECT a.indicator_id, a.fy, a.num, a.txt" STORE_IND_ABOVE_FROM
	" JOIN indicator_actual a ON a.indicator_id = i.id"
	" AND a.fy <= ?2 AND (a.fy = ?2 OR i.cumulative = 1)"
	SUMMARY_ABOVE_WHERE;

/* The deepest level of plan ?1 (0: the plan of node ?2) that holds an
 * indicator, from the index of its indicators by depth
 * (db/migrate-24.sql): one entry read. */
static const char summary_sql_depth[] =
	"SELECT coalesce(max(depth), 0) FROM indicator WHERE plan_id ="
	" coalesce(nullif(?1, 0), (SELECT plan_id FROM node WHERE id = ?2))";

/* Whether plan ?1 (NULL: the plan of node ?3) has fewer than ?2
 * indicators: at most ?2 of its index's rows are read. */
static const char summary_sql_few[] =
	"SELECT count(*) < ?2 FROM (SELECT 1 FROM indicator WHERE plan_id ="
	" coalesce(?1, (SELECT plan_id FROM node WHERE id = ?3)) LIMIT ?2)";

/* What summary_read reads: the plan's statements, or a subtree's. */
struct summary_sqls {
	const char	*indicators, *targets, *actuals;
	int		 by_id;		/* values matched by id (sorted) */
};

static const struct summary_sqls summary_plan_sqls = {
	summary_sql_indicators, summary_sql_targets, summary_sql_actuals, 0
};
static const struct summary_sqls summary_ids_sqls = {
	summary_sql_ids_indicators, summary_sql_ids_targets,
	summary_sql_ids_actuals, 1
};
static const struct summary_sqls summary_up_sqls = {
	summary_sql_up_indicators, summary_sql_up_targets,
	summary_sql_up_actuals, 1
};

/* A value of one year of one indicator. */
struct summary_yv {
	long long	 ind;
	int		 fy;
	struct value	 v;
};

static void
summary_yv_free(struct summary_yv *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		value_clear(&v[i].v);
	free(v);
}

static int
summary_read_yv(struct store *st, const char *sql, long long plan_id,
    const char *json, int fy, struct summary_yv **out, size_t *n,
    char **cause)
{
	sqlite3_stmt		*s;
	struct summary_yv	*v = NULL;
	size_t			 cnt = 0, cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	if (json != NULL)
		sqlite3_bind_text(s, 1, json, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int(s, 2, fy);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[cnt].ind = sqlite3_column_int64(s, 0);
		v[cnt].fy = sqlite3_column_int(s, 1);
		store_col_value(s, 2, &v[cnt].v);
		cnt++;
	}
	if (store_read_end(st, s, rc, "指標の値の読み込み", cause) != 0) {
		summary_yv_free(v, cnt);
		return -1;
	}
	*out = v;
	*n = cnt;
	return 0;
}

static int
summary_yv_cmp(const void *a, const void *b)
{
	const struct summary_yv *x = a, *y = b;

	if (x->ind != y->ind)
		return x->ind < y->ind ? -1 : 1;
	return (x->fy > y->fy) - (x->fy < y->fy);
}

/* The first value of indicator ind in values sorted by id and year. */
static size_t
summary_yv_find(const struct summary_yv *v, size_t n, long long ind)
{
	size_t	lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v[mid].ind < ind)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The points of indicator ind at *pos (values in the indicators'
 * order), advancing *pos past them. */
static size_t
summary_points(const struct summary_yv *v, size_t n, size_t *pos,
    long long ind, struct trend_point **pts, size_t *cap)
{
	size_t	k = 0;

	while (*pos < n && v[*pos].ind == ind) {
		if (k == *cap) {
			*cap = *cap ? *cap * 2 : 8;
			*pts = xreallocarray(*pts, *cap, sizeof **pts);
		}
		(*pts)[k].fy = v[*pos].fy;
		(*pts)[k].v = &v[*pos].v;
		k++;
		(*pos)++;
	}
	return k;
}

/* The series of the indicator row of statement s (the columns of
 * summary_sql_indicators), its baseline and final target in base and
 * final (to be cleared by the caller); no targets or actuals yet. */
static void
summary_series_of(sqlite3_stmt *s, struct trend_series *ts,
    struct value *base, struct value *final)
{
	const unsigned char	*dir = sqlite3_column_text(s, 3);
	int			 d;

	memset(ts, 0, sizeof *ts);
	d = dir != NULL ? achieve_dir_parse((const char *)dir) : 0;
	ts->dir = d < 0 ? ACHIEVE_DIR_UNKNOWN : (enum achieve_dir)d;
	ts->cumulative = sqlite3_column_int(s, 4) != 0;
	store_col_value(s, 5, base);
	ts->base = base;
	ts->base_fy = store_col_int0(s, 7);
	store_col_value(s, 8, final);
	ts->final = final;
	ts->final_fy = store_col_int0(s, 10);
}

/* The indicators of one plan, or of a heading read upward from them
 * (plan_id then the heading's id), or those named by the JSON array
 * json, as q says; appended to *out (*n of them, room for *cap_out). */
static int
summary_read(struct store *st, const struct summary_sqls *q, long long plan_id,
    const char *json, int fy, struct summary_indicator **out, size_t *n,
    size_t *cap_out, char **cause)
{
	sqlite3_stmt			*s;
	struct summary_yv		*tv = NULL, *av = NULL;
	struct summary_indicator	*v = *out;
	struct trend_point		*tp = NULL, *ap = NULL;
	size_t				 ntv = 0, nav = 0, cnt = *n;
	size_t				 cap = *cap_out;
	size_t				 tpos = 0, apos = 0, tcap = 0, acap = 0;
	int				 rc;

	if (summary_read_yv(st, q->targets, plan_id, json, fy, &tv, &ntv,
	    cause) != 0)
		return -1;
	if (summary_read_yv(st, q->actuals, plan_id, json, fy, &av, &nav,
	    cause) != 0) {
		summary_yv_free(tv, ntv);
		return -1;
	}
	if (q->by_id && ntv > 1)
		qsort(tv, ntv, sizeof *tv, summary_yv_cmp);
	if (q->by_id && nav > 1)
		qsort(av, nav, sizeof *av, summary_yv_cmp);
	if ((s = store_stmt(st, q->indicators, cause)) == NULL) {
		summary_yv_free(tv, ntv);
		summary_yv_free(av, nav);
		return -1;
	}
	if (json != NULL)
		sqlite3_bind_text(s, 1, json, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_int64(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct trend_series	 ts;
		struct value		 base, final;

		if (cnt == cap) {
			cap = cap ? cap * 2 : 32;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[cnt].id = sqlite3_column_int64(s, 0);
		v[cnt].plan_id = sqlite3_column_int64(s, 1);
		v[cnt].node_id = sqlite3_column_type(s, 2) == SQLITE_NULL ? 0 :
		    sqlite3_column_int64(s, 2);
		summary_series_of(s, &ts, &base, &final);
		if (q->by_id) {
			tpos = summary_yv_find(tv, ntv, v[cnt].id);
			apos = summary_yv_find(av, nav, v[cnt].id);
		}
		ts.ntargets = summary_points(tv, ntv, &tpos, v[cnt].id, &tp,
		    &tcap);
		ts.targets = tp;
		ts.nactuals = summary_points(av, nav, &apos, v[cnt].id, &ap,
		    &acap);
		ts.actuals = ap;
		v[cnt].rate = trend_rate(&ts, fy, NULL);
		v[cnt].outcome = summary_outcome_of(v[cnt].rate);
		value_clear(&base);
		value_clear(&final);
		cnt++;
	}
	free(tp);
	free(ap);
	summary_yv_free(tv, ntv);
	summary_yv_free(av, nav);
	*out = v;
	*n = cnt;
	*cap_out = cap;
	return store_read_end(st, s, rc, "指標の読み込み", cause);
}

int
store_summary_indicators(struct store *st, long long plan_id, int fy,
    struct summary_indicator **out, size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	long long	*plans = NULL;
	size_t		 nplans = 0, i, cap = 0;
	int		 rc = 0;

	*out = NULL;
	*n = 0;
	if (plan_id != 0)
		rc = summary_read(st, &summary_plan_sqls, plan_id, NULL, fy,
		    out, n, &cap, cause);
	else {
		if ((s = store_stmt(st, summary_sql_plans, cause)) == NULL)
			return -1;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			plans = xreallocarray(plans, nplans + 1, sizeof *plans);
			plans[nplans++] = sqlite3_column_int64(s, 0);
		}
		rc = store_read_end(st, s, rc, "計画の読み込み", cause);
		for (i = 0; i < nplans && rc == 0; i++)
			rc = summary_read(st, &summary_plan_sqls, plans[i],
			    NULL, fy, out, n, &cap, cause);
		free(plans);
	}
	if (rc != 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

/* The targets and the actuals of the years from ?2 to ?3, for
 * store_summary_outcomes: the actuals of the earlier years too, which a
 * running total adds up. */
static const char summary_sql_years_targets[] =
	"SELECT t.indicator_id, t.fy, t.num, t.txt FROM indicator i"
	" JOIN indicator_target t ON t.indicator_id = i.id"
	" AND t.fy BETWEEN ?2 AND ?3"
	" WHERE i.plan_id = ?1 ORDER BY i.key, t.fy";
static const char summary_sql_years_actuals[] =
	"SELECT a.indicator_id, a.fy, a.num, a.txt FROM indicator i"
	" JOIN indicator_actual a ON a.indicator_id = i.id AND a.fy <= ?3"
	" AND (a.fy >= ?2 OR i.cumulative = 1)"
	" WHERE i.plan_id = ?1 ORDER BY i.key, a.fy";

/* Of one indicator's points (by year), those summary_read reads for fy:
 * the year's own, and the earlier ones too of a running total. */
static size_t
summary_points_of_year(const struct trend_point *p, size_t n, int fy,
    int upto, const struct trend_point **out)
{
	size_t	i, first = n, k = 0;

	for (i = 0; i < n && p[i].fy <= fy; i++)
		if (upto || p[i].fy == fy) {
			if (first == n)
				first = i;
			k++;
		}
	*out = first < n ? &p[first] : NULL;
	return k;
}

/* A statement of values (indicator id, fy, num, txt) stepped along with
 * the indicators, in the same order, so that only one indicator's values
 * are held at a time. */
struct summary_cursor {
	sqlite3_stmt		*s;
	int			 rc;	/* SQLITE_ROW while on a row */
	struct trend_point	*pts;
	struct value		*vals;
	size_t			 n, cap;
};

static int
summary_cursor_open(struct store *st, struct summary_cursor *c,
    const char *sql, long long plan_id, int first, int last, char **cause)
{
	memset(c, 0, sizeof *c);
	if ((c->s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(c->s, 1, plan_id);
	sqlite3_bind_int(c->s, 2, first);
	sqlite3_bind_int(c->s, 3, last);
	c->rc = sqlite3_step(c->s);
	return 0;
}

/* The values of indicator id at the cursor, into c->pts (c->n of them),
 * the cursor moved past them. */
static void
summary_cursor_take(struct summary_cursor *c, long long id)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		value_clear(&c->vals[i]);
	c->n = 0;
	while (c->rc == SQLITE_ROW && sqlite3_column_int64(c->s, 0) == id) {
		if (c->n == c->cap) {
			c->cap = c->cap ? c->cap * 2 : 16;
			c->pts = xreallocarray(c->pts, c->cap, sizeof *c->pts);
			c->vals = xreallocarray(c->vals, c->cap,
			    sizeof *c->vals);
		}
		c->pts[c->n].fy = sqlite3_column_int(c->s, 1);
		store_col_value(c->s, 2, &c->vals[c->n]);
		c->n++;
		c->rc = sqlite3_step(c->s);
	}
	for (i = 0; i < c->n; i++)
		c->pts[i].v = &c->vals[i];
}

/* Ends the cursor's statement: 0, or -1 with *cause when it failed. */
static int
summary_cursor_close(struct store *st, struct summary_cursor *c, int rc,
    char **cause)
{
	summary_cursor_take(c, 0);	/* (clears the values held) */
	free(c->pts);
	free(c->vals);
	if (c->s == NULL)
		return rc;
	/* (A statement still on a row was left before its end.) */
	if (c->rc == SQLITE_ROW)
		c->rc = SQLITE_DONE;
	if (store_read_end(st, c->s, c->rc, "指標の値の読み込み",
	    rc == 0 ? cause : NULL) != 0)
		return -1;
	return rc;
}

int
store_summary_outcomes(struct store *st, long long plan_id, const int *fys,
    size_t nfy, long (*out)[SUMMARY_NOUTCOMES], char **cause)
{
	sqlite3_stmt		*s;
	struct summary_cursor	 tc, ac;
	size_t			 k;
	int			 rc;

	memset(out, 0, nfy * sizeof *out);
	memset(&ac, 0, sizeof ac);
	if (nfy == 0)
		return 0;
	if (summary_cursor_open(st, &tc, summary_sql_years_targets, plan_id,
	    fys[0], fys[nfy - 1], cause) != 0 ||
	    summary_cursor_open(st, &ac, summary_sql_years_actuals, plan_id,
	    fys[0], fys[nfy - 1], cause) != 0 ||
	    (s = store_stmt(st, summary_sql_indicators, cause)) == NULL) {
		rc = summary_cursor_close(st, &tc, -1, NULL);
		return summary_cursor_close(st, &ac, rc, NULL);
	}
	sqlite3_bind_int64(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct trend_series	 ts;
		struct value		 base, final;
		long long		 id = sqlite3_column_int64(s, 0);

		summary_series_of(s, &ts, &base, &final);
		summary_cursor_take(&tc, id);
		summary_cursor_take(&ac, id);
		for (k = 0; k < nfy; k++) {
			enum summary_outcome	o;

			ts.ntargets = summary_points_of_year(tc.pts, tc.n,
			    fys[k], 0, &ts.targets);
			ts.nactuals = summary_points_of_year(ac.pts, ac.n,
			    fys[k], ts.cumulative, &ts.actuals);
			o = summary_outcome_of(trend_rate(&ts, fys[k], NULL));
			if (o < SUMMARY_NOUTCOMES)
				out[k][o]++;
		}
		value_clear(&base);
		value_clear(&final);
	}
	rc = store_read_end(st, s, rc, "指標の読み込み", cause);
	rc = summary_cursor_close(st, &tc, rc, cause);
	return summary_cursor_close(st, &ac, rc, cause);
}

/* The ids of the indicators of node_id and of every node below it. */
static int
summary_sub_ids(struct store *st, long long node_id, long long **ids,
    size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	int		 depth;

	*ids = NULL;
	*n = 0;
	if ((depth = summary_indicator_depth(st, 0, node_id, cause)) < 0 ||
	    (s = store_stmt(st, summary_sql_sub_ids, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, node_id);
	sqlite3_bind_int(s, 2, depth);
	return store_collect_ids(st, s, ids, n, "指標の読み込み", cause);
}

int
summary_subtree_read(struct store *st, long long node_id, int fy, int upward,
    struct summary_indicator **out, size_t *n, char **cause)
{
	long long	*ids = NULL;
	char		*json = NULL;
	size_t		 cap = 0, nids = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (upward)
		rc = summary_read(st, &summary_up_sqls, node_id, NULL, fy, out,
		    n, &cap, cause);
	else if ((rc = summary_sub_ids(st, node_id, &ids, &nids,
	    cause)) == 0 && nids > 0) {
		json = store_ids_json(ids, nids);
		rc = summary_read(st, &summary_ids_sqls, 0, json, fy, out, n,
		    &cap, cause);
	}
	free(json);
	free(ids);
	if (rc != 0) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_summary_subtree(struct store *st, long long node_id, int fy,
    struct summary_indicator **out, size_t *n, char **cause)
{
	int	few;

	*out = NULL;
	*n = 0;
	if ((few = summary_few_indicators(st, 0, node_id, cause)) < 0)
		return -1;
	return summary_subtree_read(st, node_id, fy, few, out, n, cause);
}

int
summary_indicator_depth(struct store *st, long long plan_id,
    long long node_id, char **cause)
{
	long long	depth;

	if (store_read_int(st, summary_sql_depth, plan_id, node_id, &depth,
	    NULL, cause) != 0)
		return -1;
	return (int)depth;
}

int
summary_few_indicators(struct store *st, long long plan_id,
    long long node_id, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc, few = 0;

	if ((s = store_stmt(st, summary_sql_few, cause)) == NULL)
		return -1;
	if (plan_id != 0)
		sqlite3_bind_int64(s, 1, plan_id);
	else
		sqlite3_bind_null(s, 1);
	sqlite3_bind_int(s, 2, SUMMARY_FEW_INDICATORS);
	sqlite3_bind_int64(s, 3, node_id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		few = sqlite3_column_int(s, 0);
		rc = SQLITE_DONE;
	}
	if (store_read_end(st, s, rc, "指標の読み込み", cause) != 0)
		return -1;
	return few;
}
