/*
 * Read queries of the progress report (see store-report.h). The tree is
 * the plan tree screen's (browse_tree_load); the rest is four queries over
 * the whole plan, each row put in its place through a map of node or
 * indicator ids, so a plan of a thousand items costs no more queries than
 * one of ten. All of it is read inside one read transaction that is rolled
 * back at the end: nothing is written and nothing is held afterwards.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "shisaku/store-internal.h"
#include "shisaku/store-report.h"
#include "shisaku/util.h"
#include "shisaku/vocab.h"

static const char report_sql_plan[] =
	"SELECT id, org FROM plan WHERE code = ?1";

/* A login with its user's display name: "daemon（田中一郎）". */
#define REPORT_WHO(col)							\
	"(CASE WHEN " col " = '' THEN '' ELSE " col " || COALESCE((SELECT"	\
	" '（' || u.name || '）' FROM app_user u WHERE u.login = " col	\
	" AND u.name <> ''), '') END)"

/* From the plan's nodes to their results (CROSS JOIN keeps that order):
 * the index of a year's results would read the year of every plan. */
static const char report_sql_results[] =
	"SELECT r.node_id, r.grade, r.text, r.comment, "
	REPORT_WHO("r.entered_by") ", " REPORT_WHO("r.confirmed_by")
	" FROM node n"
	" CROSS JOIN result r ON r.node_id = n.id AND r.fy = ?2"
	" WHERE n.plan_id = ?1";

/* Each node's yearly plans in their order, node by node in the order of
 * the plan's index (nothing of the plan sorted). */
static const char report_sql_yearplans[] =
	"SELECT y.node_id, y.from_fy, y.to_fy, y.text FROM node n"
	" JOIN year_plan y ON y.node_id = n.id WHERE n.plan_id = ?1"
	" AND y.from_fy <= ?2 AND y.to_fy >= ?2 ORDER BY n.ord, n.id, y.ord, y.id";

static const char report_sql_indicators[] =
	"SELECT id, node_id, name, category, unit, direction, cumulative,"
	" base_num, base_txt, base_fy, final_num, final_txt, final_fy,"
	" rationale, dept_id FROM indicator WHERE plan_id = ?1 ORDER BY ord, id";

/* Each indicator's values by year, indicator by indicator in the order
 * of the plan's index of keys. */
static const char report_sql_targets[] =
	"SELECT t.indicator_id, t.fy, t.num, t.txt, '', NULL FROM indicator i"
	" JOIN indicator_target t ON t.indicator_id = i.id WHERE i.plan_id = ?1"
	" ORDER BY i.key, t.fy";

static const char report_sql_actuals[] =
	"SELECT a.indicator_id, a.fy, a.num, a.txt, a.note, a.state"
	" FROM indicator i JOIN indicator_actual a ON a.indicator_id = i.id"
	" WHERE i.plan_id = ?1 ORDER BY i.key, a.fy";

/* An id and where it is: a node in tree->nodes, an indicator in
 * d->indicators. Sorted by id for bsearch. */
struct report_idx {
	long long	 id;
	long		 index;
};

static int
report_idx_cmp(const void *a, const void *b)
{
	const struct report_idx *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static long
report_idx_find(const struct report_idx *map, size_t n, long long id)
{
	struct report_idx	 key, *hit;

	if (n == 0)
		return -1;
	key.id = id;
	key.index = 0;
	hit = bsearch(&key, map, n, sizeof *map, report_idx_cmp);
	return hit != NULL ? hit->index : -1;
}

static void
report_fyvalues_free(struct report_fyvalue *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		value_clear(&v[i].v);
		free(v[i].note);
	}
	free(v);
}

static void
report_indicator_clear(struct report_indicator *in)
{
	free(in->name);
	free(in->category);
	free(in->unit);
	free(in->rationale);
	value_clear(&in->base);
	value_clear(&in->final);
	report_fyvalues_free(in->targets, in->ntargets);
	report_fyvalues_free(in->actuals, in->nactuals);
}

void
store_report_free(struct report_data *d)
{
	size_t	i, j;

	if (d == NULL)
		return;
	if (d->nodes != NULL)
		for (i = 0; i < d->tree->nnodes; i++) {
			struct report_node *n = &d->nodes[i];

			free(n->grade);
			free(n->text);
			free(n->comment);
			free(n->entered_by);
			free(n->confirmed_by);
			for (j = 0; j < n->nyearplans; j++)
				free(n->yearplans[j].text);
			free(n->yearplans);
		}
	free(d->nodes);
	for (i = 0; i < d->nindicators; i++)
		report_indicator_clear(&d->indicators[i]);
	free(d->indicators);
	free(d->plan_org);
	browse_tree_free(d->tree);
	free(d);
}

static int
report_load_results(struct store *st, struct report_data *d,
    const struct report_idx *map, char **cause)
{
	sqlite3_stmt	*s;
	long		 i;
	int		 rc;

	if ((s = store_stmt(st, report_sql_results, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, d->tree->plan_id);
	sqlite3_bind_int(s, 2, d->tree->fy);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct report_node *n;

		i = report_idx_find(map, d->tree->nnodes,
		    sqlite3_column_int64(s, 0));
		if (i < 0)
			continue;
		n = &d->nodes[i];
		free(n->grade);
		free(n->text);
		free(n->comment);
		free(n->entered_by);
		free(n->confirmed_by);
		n->grade = store_col_dup_null(s, 1);
		if (n->grade != NULL && n->grade[0] == '\0') {
			free(n->grade);
			n->grade = NULL;
		}
		n->text = store_col_dup(s, 2);
		n->comment = store_col_dup(s, 3);
		n->entered_by = store_col_dup(s, 4);
		n->confirmed_by = store_col_dup(s, 5);
	}
	return store_read_end(st, s, rc, "実績の読み込み", cause);
}

static int
report_load_yearplans(struct store *st, struct report_data *d,
    const struct report_idx *map, char **cause)
{
	sqlite3_stmt	*s;
	long		 i;
	int		 rc;

	if ((s = store_stmt(st, report_sql_yearplans, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, d->tree->plan_id);
	sqlite3_bind_int(s, 2, d->tree->fy);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct report_node	*n;
		struct report_yearplan	*y;

		i = report_idx_find(map, d->tree->nnodes,
		    sqlite3_column_int64(s, 0));
		if (i < 0)
			continue;
		n = &d->nodes[i];
		n->yearplans = xreallocarray(n->yearplans, n->nyearplans + 1,
		    sizeof *n->yearplans);
		y = &n->yearplans[n->nyearplans++];
		y->from_fy = store_col_int0(s, 1);
		y->to_fy = store_col_int0(s, 2);
		y->text = store_col_dup(s, 3);
	}
	return store_read_end(st, s, rc, "年次計画の読み込み", cause);
}

static int
report_load_indicators(struct store *st, struct report_data *d,
    const struct report_idx *map, char **cause)
{
	sqlite3_stmt	*s;
	size_t		 cap = 0;
	long		 node;
	int		 rc;

	if ((s = store_stmt(st, report_sql_indicators, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, d->tree->plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct report_indicator	*in;
		const char		*dir;

		node = -1;
		if (sqlite3_column_type(s, 1) != SQLITE_NULL &&
		    (node = report_idx_find(map, d->tree->nnodes,
		    sqlite3_column_int64(s, 1))) < 0)
			continue;	/* under a node the tree left out */
		if (d->nindicators == cap) {
			cap = cap ? cap * 2 : 64;
			d->indicators = xreallocarray(d->indicators, cap,
			    sizeof *d->indicators);
		}
		in = &d->indicators[d->nindicators++];
		memset(in, 0, sizeof *in);
		in->id = sqlite3_column_int64(s, 0);
		in->node = node;
		in->name = store_col_dup(s, 2);
		in->category = store_col_dup(s, 3);
		in->unit = store_col_dup(s, 4);
		dir = (const char *)sqlite3_column_text(s, 5);
		in->direction = dir != NULL ? vocab_key(VOCAB_DIRECTION, dir) :
		    NULL;
		in->cumulative = store_col_int0(s, 6);
		store_col_value(s, 7, &in->base);
		in->base_fy = store_col_int0(s, 9);
		store_col_value(s, 10, &in->final);
		in->final_fy = store_col_int0(s, 12);
		in->rationale = store_col_dup(s, 13);
		in->own = node < 0 || !d->tree->nodes[node].is_item ||
		    sqlite3_column_type(s, 14) != SQLITE_NULL;
	}
	return store_read_end(st, s, rc, "指標の読み込み", cause);
}

/* Reads (indicator, fy, num, txt, note, state) rows into the indicators' target
 * or actual arrays; map finds an indicator by id. */
static int
report_load_values(struct store *st, struct report_data *d, const char *sql,
    int actuals, const struct report_idx *map, char **cause)
{
	sqlite3_stmt	*s;
	long		 i;
	int		 rc;

	if ((s = store_stmt(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, d->tree->plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct report_indicator	 *in;
		struct report_fyvalue	**v, *fv;
		size_t			 *n;

		i = report_idx_find(map, d->nindicators,
		    sqlite3_column_int64(s, 0));
		if (i < 0)
			continue;
		in = &d->indicators[i];
		v = actuals ? &in->actuals : &in->targets;
		n = actuals ? &in->nactuals : &in->ntargets;
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		fv = &(*v)[(*n)++];
		fv->fy = store_col_int0(s, 1);
		store_col_value(s, 2, &fv->v);
		fv->note = store_col_dup(s, 4);
		fv->state = NULL;
		if (actuals && in->own) {
			const char *k = NULL;

			if (sqlite3_column_type(s, 5) != SQLITE_NULL)
				k = vocab_key(VOCAB_STATE,
				    (const char *)sqlite3_column_text(s, 5));
			fv->state = k != NULL ? k : "draft";
		}
	}
	return store_read_end(st, s, rc, actuals ? "実績値の読み込み" :
	    "目標値の読み込み", cause);
}

/* The plan's own indicators first, then each node's in tree order; the
 * plan's order within each (qsort is not stable, so the load order breaks
 * ties: the array is sorted by (node, position read)). */
struct report_order {
	long	 node;
	size_t	 pos;
};

static int
report_order_cmp(const void *a, const void *b)
{
	const struct report_order *x = a, *y = b;

	if (x->node != y->node)
		return (x->node > y->node) - (x->node < y->node);
	return (x->pos > y->pos) - (x->pos < y->pos);
}

static void
report_sort_indicators(struct report_data *d)
{
	struct report_order	*ord;
	struct report_indicator	*sorted;
	size_t			 i;

	if (d->nindicators < 2)
		return;
	ord = xreallocarray(NULL, d->nindicators, sizeof *ord);
	for (i = 0; i < d->nindicators; i++) {
		ord[i].node = d->indicators[i].node;
		ord[i].pos = i;
	}
	qsort(ord, d->nindicators, sizeof *ord, report_order_cmp);
	sorted = xreallocarray(NULL, d->nindicators, sizeof *sorted);
	for (i = 0; i < d->nindicators; i++)
		sorted[i] = d->indicators[ord[i].pos];
	free(d->indicators);
	d->indicators = sorted;
	free(ord);
}

static int
report_find_plan(struct store *st, const char *code, long long *id,
    char **org, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((s = store_stmt(st, report_sql_plan, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, code);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(s, 0);
		*org = store_col_dup(s, 1);
	}
	if (store_read_end(st, s, rc, "計画の読み込み", cause) != 0)
		return -1;
	if (rc != SQLITE_ROW) {
		*cause = xasprintf("計画「%s」はありません"
		    "（shisaku plans で一覧）", code);
		return STORE_REPORT_NO_PLAN;
	}
	return 0;
}

static int
report_load(struct store *st, const char *plan_code, int fy, int today_fy,
    struct report_data *d, char **cause)
{
	struct report_idx	*nmap = NULL, *imap = NULL;
	long long		 plan_id = 0;
	size_t			 i, n;
	int			 rc;

	if ((rc = report_find_plan(st, plan_code, &plan_id, &d->plan_org,
	    cause)) != 0)
		return rc;
	if (browse_tree_load(st, plan_id, fy, today_fy, &d->tree, cause) != 0)
		return -1;
	n = d->tree->nnodes;
	d->nodes = xcalloc(n + 1, sizeof *d->nodes);
	nmap = xcalloc(n + 1, sizeof *nmap);
	for (i = 0; i < n; i++) {
		d->nodes[i].text = xstrdup("");
		d->nodes[i].comment = xstrdup("");
		d->nodes[i].entered_by = xstrdup("");
		d->nodes[i].confirmed_by = xstrdup("");
		nmap[i].id = d->tree->nodes[i].id;
		nmap[i].index = (long)i;
	}
	qsort(nmap, n, sizeof *nmap, report_idx_cmp);
	rc = -1;
	if (report_load_results(st, d, nmap, cause) != 0 ||
	    report_load_yearplans(st, d, nmap, cause) != 0 ||
	    report_load_indicators(st, d, nmap, cause) != 0)
		goto done;
	imap = xcalloc(d->nindicators + 1, sizeof *imap);
	for (i = 0; i < d->nindicators; i++) {
		imap[i].id = d->indicators[i].id;
		imap[i].index = (long)i;
	}
	qsort(imap, d->nindicators, sizeof *imap, report_idx_cmp);
	if (report_load_values(st, d, report_sql_targets, 0, imap, cause) != 0 ||
	    report_load_values(st, d, report_sql_actuals, 1, imap, cause) != 0)
		goto done;
	report_sort_indicators(d);
	rc = 0;
done:
	free(nmap);
	free(imap);
	return rc;
}

int
store_report_load(struct store *st, const char *plan_code, int fy,
    int today_fy, struct report_data **out, char **cause)
{
	struct report_data	*d;
	sqlite3			*db = store_db(st);
	int			 own = sqlite3_get_autocommit(db), rc;

	*out = NULL;
	/* One read snapshot: the counts, the texts and the values agree
	 * even while clerks save. Rolled back: nothing is written. */
	if (own && sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		*cause = store_errmsg(st, "報告書の読み込み");
		return -1;
	}
	d = xcalloc(1, sizeof *d);
	rc = report_load(st, plan_code, fy, today_fy, d, cause);
	if (own)
		store_rollback(st);
	if (rc != 0) {
		store_report_free(d);
		return rc;
	}
	*out = d;
	return 0;
}
