/*
 * Read queries for the item sheet, the roadmap and the indicator list
 * (see store-sheet.h). Every query is a cached prepared statement with
 * bound values, stepped to the end and reset before returning, so no read
 * transaction outlives a call. Results are plain malloc'd structs.
 */

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/achieve.h"
#include "shisaku/store-sheet-internal.h"
#include "shisaku/textwidth.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/vocab.h"

/* More years than any plan spans; guards a corrupt period. */
#define SHEET_MAX_YEARS 200

/* The name a department had in fiscal year ?2 (?1 is its id column). */
#define SQL_DEPT_NAME_AS_OF(idcol, fyparam)				\
	"COALESCE((SELECT dn.name FROM department_name dn"		\
	" WHERE dn.dept_id = " idcol " AND dn.until_fy >= " fyparam	\
	" ORDER BY dn.until_fy LIMIT 1), d.name)"

/* An assignment nd in force in fiscal year fyparam. */
#define SQL_ASSIGN_IN_FORCE(fyparam)					\
	"(nd.from_fy IS NULL OR nd.from_fy <= " fyparam ") AND"		\
	" (nd.until_fy IS NULL OR nd.until_fy >= " fyparam ")"

/* Makes room for one more element in an array grown by doubling. */
static void *
sheet_grow(void *p, size_t *cap, size_t n, size_t size)
{
	size_t	 newcap;
	void	*q;

	if (n < *cap)
		return p;
	newcap = *cap == 0 ? 8 : *cap * 2;
	q = xreallocarray(p, newcap, size);
	memset((char *)q + *cap * size, 0, (newcap - *cap) * size);
	*cap = newcap;
	return q;
}

/* A vocabulary key read from the database as the static key string of
 * vocab.h, so no allocation is needed; NULL when absent or unknown. */
static const char *
col_vocab(sqlite3_stmt *s, int i, enum vocab v)
{
	const unsigned char	*t = sqlite3_column_text(s, i);

	if (t == NULL)
		return NULL;
	return vocab_key(v, (const char *)t);
}

/* Steps s: 1 for a row, 0 at the end, -1 on error with *cause set. */
static int
sheet_step(struct store *st, sqlite3_stmt *s, char **cause)
{
	int	rc = sqlite3_step(s);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	if (cause != NULL)
		*cause = store_errmsg(st, "データベースの読み込み");
	return -1;
}

static int
cmp_ll(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* Runs a query whose first column is a node id; collects the ids sorted
 * and without duplicates. */
static int
sheet_collect_ids(struct store *st, sqlite3_stmt *s, long long **ids,
    size_t *n, char **cause)
{
	long long	*v = NULL;
	size_t		 cnt = 0, cap = 0, i, j;
	int		 rc;

	while ((rc = sheet_step(st, s, cause)) == 1) {
		v = sheet_grow(v, &cap, cnt, sizeof *v);
		v[cnt++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_reset(s);
	if (rc < 0) {
		free(v);
		return -1;
	}
	if (cnt > 1) {
		qsort(v, cnt, sizeof *v, cmp_ll);
		for (i = 1, j = 1; i < cnt; i++)
			if (v[i] != v[j - 1])
				v[j++] = v[i];
		cnt = j;
	}
	*ids = v;
	*n = cnt;
	return 0;
}

/* ---- the item sheet ---------------------------------------------------- */

static void
sheet_fyvalues_free(struct sheet_fyvalue *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		value_clear(&v[i].v);
		free(v[i].note);
	}
	free(v);
}

static void
sheet_indicator_clear(struct sheet_indicator *in)
{
	free(in->key);
	free(in->name);
	free(in->category);
	free(in->unit);
	value_clear(&in->base);
	value_clear(&in->final);
	free(in->rationale);
	free(in->note);
	sheet_fyvalues_free(in->targets, in->ntargets);
	sheet_fyvalues_free(in->actuals, in->nactuals);
}

static void
sheet_result_free(struct sheet_result *r)
{
	if (r == NULL)
		return;
	free(r->grade);
	free(r->text);
	free(r->comment);
	free(r->return_comment);
	free(r->dept_name);
	free(r->entered_by);
	free(r->entered_at);
	free(r->confirmed_by);
	free(r->confirmed_at);
	free(r);
}

void
store_depts_free(struct sheet_dept *d, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(d[i].code);
		free(d[i].name);
	}
	free(d);
}

static void
sheet_flags_free(struct sheet_flag *f, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(f[i].key);
		free(f[i].label);
		free(f[i].symbol);
	}
	free(f);
}

void
store_sheet_free(struct sheet *s)
{
	size_t	i;

	if (s == NULL)
		return;
	free(s->plan_code);
	free(s->plan_name);
	free(s->key);
	free(s->code);
	free(s->title);
	free(s->level);
	free(s->summary);
	free(s->means);
	free(s->note);
	for (i = 0; i < s->npath; i++) {
		free(s->path[i].level);
		free(s->path[i].code);
		free(s->path[i].title);
	}
	free(s->path);
	sheet_flags_free(s->flags, s->nflags);
	store_depts_free(s->depts, s->ndepts);
	for (i = 0; i < s->nyearplans; i++)
		free(s->yearplans[i].text);
	free(s->yearplans);
	free(s->costs);
	for (i = 0; i < s->nindicators; i++)
		sheet_indicator_clear(&s->indicators[i]);
	free(s->indicators);
	for (i = 0; i < s->nchildren; i++) {
		free(s->children[i].code);
		free(s->children[i].title);
		free(s->children[i].level);
	}
	free(s->children);
	sheet_result_free(s->result);
	free(s);
}

static const char sql_sheet_node[] =
	"SELECT n.plan_id, n.parent_id, n.depth, n.key, n.code, n.title,"
	" n.label, n.first_fy, n.last_fy, n.summary, n.means, n.note,"
	" p.code, p.name, p.first_fy, p.last_fy,"
	" COALESCE((SELECT max(depth) FROM plan_level"
	"  WHERE plan_id = n.plan_id), 0),"
	" COALESCE((SELECT name FROM plan_level"
	"  WHERE plan_id = n.plan_id AND depth = n.depth), '')"
	" FROM node n JOIN plan p ON p.id = n.plan_id WHERE n.id = ?1";

static const char sql_plan_node_depth[] =
	"SELECT COALESCE(max(depth), 0) FROM node WHERE plan_id = ?1";

static const char sql_path_node[] =
	"SELECT n.parent_id, n.depth, n.code, n.title,"
	" CASE WHEN n.label <> '' THEN n.label ELSE COALESCE(pl.name, '') END"
	" FROM node n LEFT JOIN plan_level pl"
	"  ON pl.plan_id = n.plan_id AND pl.depth = n.depth"
	" WHERE n.id = ?1";

static const char sql_node_flags[] =
	"SELECT f.id, f.key, f.label, f.symbol FROM node_flag nf"
	" JOIN plan_flag f ON f.id = nf.flag_id"
	" WHERE nf.node_id = ?1 ORDER BY f.ord, f.id";

static const char sql_node_depts[] =
	"SELECT d.id, d.code, " SQL_DEPT_NAME_AS_OF("d.id", "?2") ","
	" nd.is_main, nd.from_fy, nd.until_fy"
	" FROM node_dept nd JOIN department d ON d.id = nd.dept_id"
	" WHERE nd.node_id = ?1 AND " SQL_ASSIGN_IN_FORCE("?2")
	" ORDER BY nd.ord, nd.id";

static const char sql_node_yearplans[] =
	"SELECT from_fy, to_fy, text FROM year_plan WHERE node_id = ?1"
	" ORDER BY from_fy, ord, id";

static const char sql_node_costs[] =
	"SELECT fy, trend FROM cost_trend WHERE node_id = ?1 ORDER BY fy";

static const char sql_node_indicators[] =
	"SELECT id, node_id, key, name, category, unit, direction, cumulative,"
	" base_num, base_txt, base_fy, final_num, final_txt, final_fy,"
	" rationale, note"
	" FROM indicator WHERE node_id = ?1 ORDER BY ord, id";

static const char sql_ind_targets[] =
	"SELECT fy, num, txt FROM indicator_target WHERE indicator_id = ?1"
	" ORDER BY fy";

static const char sql_ind_actuals[] =
	"SELECT fy, num, txt, note FROM indicator_actual"
	" WHERE indicator_id = ?1 ORDER BY fy";

static const char sql_node_result[] =
	"SELECT r.id, r.status, r.grade, r.state, r.text, r.comment,"
	" r.return_comment,"
	" CASE WHEN d.id IS NULL THEN '' ELSE "
	SQL_DEPT_NAME_AS_OF("d.id", "r.fy") " END,"
	" r.entered_by, r.entered_at, r.confirmed_by, r.confirmed_at, r.ver"
	" FROM result r LEFT JOIN department d ON d.id = r.dept_id"
	" WHERE r.node_id = ?1 AND r.fy = ?2";

static const char sql_node_children[] =
	"SELECT n.id, n.code, n.title,"
	" CASE WHEN n.label <> '' THEN n.label ELSE COALESCE(pl.name, '') END"
	" FROM node n LEFT JOIN plan_level pl"
	"  ON pl.plan_id = n.plan_id AND pl.depth = n.depth"
	" WHERE n.parent_id = ?1 ORDER BY n.ord, n.id";

/* Reads the node's own row into s. Returns 1, 0 if absent, -1 on error. */
static int
sheet_load_node(struct store *st, struct sheet *s, long long *parent,
    char **cause)
{
	sqlite3_stmt	*q;
	char		*label;
	int		 rc;

	if ((q = store_stmt(st, sql_sheet_node, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, s->id);
	if ((rc = sheet_step(st, q, cause)) == 1) {
		s->plan_id = sqlite3_column_int64(q, 0);
		*parent = sqlite3_column_int64(q, 1);
		s->depth = sqlite3_column_int(q, 2);
		s->key = store_col_dup(q, 3);
		s->code = store_col_dup(q, 4);
		s->title = store_col_dup(q, 5);
		label = store_col_dup(q, 6);
		s->first_fy = store_col_int0(q, 7);
		s->last_fy = store_col_int0(q, 8);
		s->summary = store_col_dup(q, 9);
		s->means = store_col_dup(q, 10);
		s->note = store_col_dup(q, 11);
		s->plan_code = store_col_dup(q, 12);
		s->plan_name = store_col_dup(q, 13);
		s->plan_first_fy = store_col_int0(q, 14);
		s->plan_last_fy = store_col_int0(q, 15);
		s->max_depth = sqlite3_column_int(q, 16);
		if (*label != '\0')
			s->level = label;
		else {
			free(label);
			s->level = store_col_dup(q, 17);
		}
	}
	sqlite3_reset(q);
	if (rc != 1 || s->max_depth > 0)
		return rc;

	/* A plan without level names: its deepest node is the item level. */
	if ((q = store_stmt(st, sql_plan_node_depth, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, s->plan_id);
	if ((rc = sheet_step(st, q, cause)) == 1)
		s->max_depth = sqlite3_column_int(q, 0);
	sqlite3_reset(q);
	return rc < 0 ? -1 : 1;
}

/* Walks up from the node to depth 1 (at most four steps). */
static int
sheet_load_path(struct store *st, struct sheet *s, char **cause)
{
	sqlite3_stmt	*q;
	long long	 id = s->id;
	int		 rc, i;

	if (s->depth < 1 || s->depth > 4)
		return 0;
	s->path = xcalloc((size_t)s->depth, sizeof *s->path);
	s->npath = (size_t)s->depth;
	if ((q = store_stmt(st, sql_path_node, cause)) == NULL)
		return -1;
	for (i = s->depth - 1; i >= 0 && id != 0; i--) {
		struct sheet_pathnode	*p = &s->path[i];

		sqlite3_reset(q);
		sqlite3_bind_int64(q, 1, id);
		if ((rc = sheet_step(st, q, cause)) != 1) {
			sqlite3_reset(q);
			return rc < 0 ? -1 : 0;
		}
		p->id = id;
		id = sqlite3_column_int64(q, 0);
		p->depth = sqlite3_column_int(q, 1);
		p->code = store_col_dup(q, 2);
		p->title = store_col_dup(q, 3);
		p->level = store_col_dup(q, 4);
	}
	sqlite3_reset(q);
	/* A broken chain leaves empty slots; fill them so callers need not
	 * check for NULL. */
	for (i = 0; i < s->depth; i++)
		if (s->path[i].title == NULL) {
			s->path[i].code = xstrdup("");
			s->path[i].title = xstrdup("");
			s->path[i].level = xstrdup("");
		}
	return 0;
}

static int
sheet_load_flags(struct store *st, struct sheet *s, char **cause)
{
	sqlite3_stmt	*q;
	size_t		 cap = 0;
	int		 rc;

	if ((q = store_stmt(st, sql_node_flags, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, s->id);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		struct sheet_flag	*f;

		s->flags = sheet_grow(s->flags, &cap, s->nflags, sizeof *s->flags);
		f = &s->flags[s->nflags++];
		f->id = sqlite3_column_int64(q, 0);
		f->key = store_col_dup(q, 1);
		f->label = store_col_dup(q, 2);
		f->symbol = store_col_dup(q, 3);
	}
	sqlite3_reset(q);
	return rc < 0 ? -1 : 0;
}

/* Reads rows of (id, code, name, is_main, from, until) into a dept array. */
static int
sheet_read_depts(struct store *st, sqlite3_stmt *q, struct sheet_dept **out,
    size_t *n, char **cause)
{
	struct sheet_dept	*d = NULL;
	size_t			 cnt = 0, cap = 0;
	int			 rc;

	while ((rc = sheet_step(st, q, cause)) == 1) {
		d = sheet_grow(d, &cap, cnt, sizeof *d);
		d[cnt].id = sqlite3_column_int64(q, 0);
		d[cnt].code = store_col_dup(q, 1);
		d[cnt].name = store_col_dup(q, 2);
		d[cnt].is_main = store_col_int0(q, 3);
		d[cnt].from_fy = store_col_int0(q, 4);
		d[cnt].until_fy = store_col_int0(q, 5);
		cnt++;
	}
	sqlite3_reset(q);
	if (rc < 0) {
		store_depts_free(d, cnt);
		return -1;
	}
	*out = d;
	*n = cnt;
	return 0;
}

static int
sheet_load_depts(struct store *st, struct sheet *s, char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_stmt(st, sql_node_depts, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, s->id);
	sqlite3_bind_int(q, 2, s->fy);
	return sheet_read_depts(st, q, &s->depts, &s->ndepts, cause);
}

static int
sheet_load_yearplans(struct store *st, struct sheet *s, char **cause)
{
	sqlite3_stmt	*q;
	size_t		 cap = 0;
	int		 rc;

	if ((q = store_stmt(st, sql_node_yearplans, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, s->id);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		struct sheet_yearplan	*y;

		s->yearplans = sheet_grow(s->yearplans, &cap, s->nyearplans,
		    sizeof *s->yearplans);
		y = &s->yearplans[s->nyearplans++];
		y->from_fy = store_col_int0(q, 0);
		y->to_fy = store_col_int0(q, 1);
		y->text = store_col_dup(q, 2);
	}
	sqlite3_reset(q);
	if (rc < 0)
		return -1;

	if ((q = store_stmt(st, sql_node_costs, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, s->id);
	cap = 0;
	while ((rc = sheet_step(st, q, cause)) == 1) {
		s->costs = sheet_grow(s->costs, &cap, s->ncosts, sizeof *s->costs);
		s->costs[s->ncosts].fy = store_col_int0(q, 0);
		s->costs[s->ncosts].trend = col_vocab(q, 1, VOCAB_TREND);
		s->ncosts++;
	}
	sqlite3_reset(q);
	return rc < 0 ? -1 : 0;
}

/* Reads (fy, num, txt[, note]) rows into a value array. */
static int
sheet_read_fyvalues(struct store *st, sqlite3_stmt *q, int with_note,
    struct sheet_fyvalue **out, size_t *n, char **cause)
{
	size_t	cap = 0;
	int	rc;

	while ((rc = sheet_step(st, q, cause)) == 1) {
		struct sheet_fyvalue	*v;

		*out = sheet_grow(*out, &cap, *n, sizeof **out);
		v = &(*out)[(*n)++];
		v->fy = store_col_int0(q, 0);
		store_col_value(q, 1, &v->v);
		v->note = with_note ? store_col_dup(q, 3) : xstrdup("");
	}
	return rc < 0 ? -1 : 0;
}

static int
sheet_load_indicators(struct store *st, struct sheet *s, char **cause)
{
	sqlite3_stmt	*q, *qt = NULL, *qa = NULL;
	size_t		 cap = 0, i;
	int		 rc;

	if ((q = store_stmt(st, sql_node_indicators, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, s->id);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		struct sheet_indicator	*in;

		s->indicators = sheet_grow(s->indicators, &cap, s->nindicators,
		    sizeof *s->indicators);
		in = &s->indicators[s->nindicators++];
		in->id = sqlite3_column_int64(q, 0);
		in->node_id = sqlite3_column_int64(q, 1);
		in->key = store_col_dup(q, 2);
		in->name = store_col_dup(q, 3);
		in->category = store_col_dup(q, 4);
		in->unit = store_col_dup(q, 5);
		in->direction = col_vocab(q, 6, VOCAB_DIRECTION);
		in->cumulative = store_col_int0(q, 7);
		store_col_value(q, 8, &in->base);
		in->base_fy = store_col_int0(q, 10);
		store_col_value(q, 11, &in->final);
		in->final_fy = store_col_int0(q, 13);
		in->rationale = store_col_dup(q, 14);
		in->note = store_col_dup(q, 15);
	}
	sqlite3_reset(q);
	if (rc < 0)
		return -1;
	if (s->nindicators == 0)
		return 0;

	if ((qt = store_stmt(st, sql_ind_targets, cause)) == NULL ||
	    (qa = store_stmt(st, sql_ind_actuals, cause)) == NULL)
		goto fail;
	for (i = 0; i < s->nindicators; i++) {
		struct sheet_indicator	*in = &s->indicators[i];

		sqlite3_reset(qt);
		sqlite3_bind_int64(qt, 1, in->id);
		if (sheet_read_fyvalues(st, qt, 0, &in->targets, &in->ntargets,
		    cause) < 0)
			goto fail;
		sqlite3_reset(qa);
		sqlite3_bind_int64(qa, 1, in->id);
		if (sheet_read_fyvalues(st, qa, 1, &in->actuals, &in->nactuals,
		    cause) < 0)
			goto fail;
	}
	sqlite3_reset(qt);
	sqlite3_reset(qa);
	return 0;

fail:
	sqlite3_reset(qt);
	sqlite3_reset(qa);
	return -1;
}

static int
sheet_load_result(struct store *st, struct sheet *s, char **cause)
{
	sqlite3_stmt		*q;
	struct sheet_result	*r;
	int			 rc;

	if ((q = store_stmt(st, sql_node_result, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, s->id);
	sqlite3_bind_int(q, 2, s->fy);
	if ((rc = sheet_step(st, q, cause)) == 1) {
		r = xcalloc(1, sizeof *r);
		r->id = sqlite3_column_int64(q, 0);
		r->fy = s->fy;
		r->status = col_vocab(q, 1, VOCAB_STATUS);
		r->grade = store_col_dup_null(q, 2);
		r->state = col_vocab(q, 3, VOCAB_STATE);
		r->text = store_col_dup(q, 4);
		r->comment = store_col_dup(q, 5);
		r->return_comment = store_col_dup(q, 6);
		r->dept_name = store_col_dup(q, 7);
		r->entered_by = store_col_dup(q, 8);
		r->entered_at = store_col_dup(q, 9);
		r->confirmed_by = store_col_dup(q, 10);
		r->confirmed_at = store_col_dup(q, 11);
		r->ver = sqlite3_column_int(q, 12);
		if (r->grade != NULL && *r->grade == '\0') {
			free(r->grade);
			r->grade = NULL;
		}
		s->result = r;
	}
	sqlite3_reset(q);
	return rc < 0 ? -1 : 0;
}

static int
sheet_load_children(struct store *st, struct sheet *s, char **cause)
{
	sqlite3_stmt	*q;
	size_t		 cap = 0;
	int		 rc;

	if ((q = store_stmt(st, sql_node_children, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, s->id);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		struct sheet_child	*c;

		s->children = sheet_grow(s->children, &cap, s->nchildren,
		    sizeof *s->children);
		c = &s->children[s->nchildren++];
		c->id = sqlite3_column_int64(q, 0);
		c->code = store_col_dup(q, 1);
		c->title = store_col_dup(q, 2);
		c->level = store_col_dup(q, 3);
	}
	sqlite3_reset(q);
	return rc < 0 ? -1 : 0;
}

int
store_sheet_load(struct store *st, long long node_id, int fy,
    struct sheet **out, char **cause)
{
	struct sheet	*s;
	long long	 parent = 0;
	int		 rc;

	s = xcalloc(1, sizeof *s);
	s->id = node_id;
	s->fy = fy;
	rc = sheet_load_node(st, s, &parent, cause);
	if (rc == 0) {
		if (cause != NULL)
			*cause = xstrdup("項目が見つかりません");
		goto fail;
	}
	if (rc < 0)
		goto fail;
	s->is_item = s->depth >= s->max_depth;
	if (sheet_load_path(st, s, cause) < 0 ||
	    sheet_load_flags(st, s, cause) < 0 ||
	    sheet_load_depts(st, s, cause) < 0 ||
	    sheet_load_yearplans(st, s, cause) < 0 ||
	    sheet_load_indicators(st, s, cause) < 0 ||
	    sheet_load_result(st, s, cause) < 0 ||
	    sheet_load_children(st, s, cause) < 0)
		goto fail;
	*out = s;
	return 0;

fail:
	store_sheet_free(s);
	return -1;
}

/* ---- departments of a plan ---------------------------------------------- */

static const char sql_plan_depts[] =
	"SELECT d.id, d.code, " SQL_DEPT_NAME_AS_OF("d.id", "?2") ","
	" 0, NULL, NULL FROM department d"
	" WHERE d.id IN (SELECT nd.dept_id FROM node_dept nd"
	"  JOIN node n ON n.id = nd.node_id"
	"  WHERE n.plan_id = ?1 AND " SQL_ASSIGN_IN_FORCE("?2") ")"
	" ORDER BY d.ord, d.id";

static const char sql_plan_dept_nodes[] =
	"SELECT nd.node_id FROM node_dept nd JOIN node n ON n.id = nd.node_id"
	" WHERE nd.dept_id = ?2 AND n.plan_id = ?1 AND "
	SQL_ASSIGN_IN_FORCE("?3");

/* The nodes in charge and every node above them. */
static const char sql_plan_dept_scope[] =
	"WITH RECURSIVE up(id) AS ("
	" SELECT nd.node_id FROM node_dept nd JOIN node n ON n.id = nd.node_id"
	" WHERE nd.dept_id = ?2 AND n.plan_id = ?1 AND "
	SQL_ASSIGN_IN_FORCE("?3")
	" UNION SELECT n.parent_id FROM node n JOIN up ON n.id = up.id"
	"  WHERE n.parent_id IS NOT NULL)"
	" SELECT id FROM up";

int
store_plan_depts(struct store *st, long long plan_id, int fy,
    struct sheet_dept **out, size_t *n, char **cause)
{
	sqlite3_stmt	*q;

	*out = NULL;
	*n = 0;
	if ((q = store_stmt(st, sql_plan_depts, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, plan_id);
	sqlite3_bind_int(q, 2, fy);
	return sheet_read_depts(st, q, out, n, cause);
}

/* The ids a query of a plan (?1), a department (?2) and a year (?3) reads. */
static int
sheet_dept_ids(struct store *st, const char *sql, long long plan_id,
    long long dept_id, int fy, long long **ids, size_t *n, char **cause)
{
	sqlite3_stmt	*q;

	*ids = NULL;
	*n = 0;
	if ((q = store_stmt(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, plan_id);
	sqlite3_bind_int64(q, 2, dept_id);
	sqlite3_bind_int(q, 3, fy);
	return sheet_collect_ids(st, q, ids, n, cause);
}

int
store_plan_dept_nodes(struct store *st, long long plan_id, long long dept_id,
    int fy, long long **ids, size_t *n, char **cause)
{
	return sheet_dept_ids(st, sql_plan_dept_nodes, plan_id, dept_id, fy,
	    ids, n, cause);
}

int
store_plan_dept_scope(struct store *st, long long plan_id, long long dept_id,
    int fy, long long **ids, size_t *n, char **cause)
{
	return sheet_dept_ids(st, sql_plan_dept_scope, plan_id, dept_id, fy,
	    ids, n, cause);
}

/* ---- the roadmap --------------------------------------------------------- */

static const char sql_rm_plan[] =
	"SELECT name, first_fy, last_fy FROM plan WHERE id = ?1";

static const char sql_rm_span[] =
	"SELECT min(a), max(b) FROM ("
	" SELECT min(first_fy) AS a, max(last_fy) AS b FROM node"
	"  WHERE plan_id = ?1"
	" UNION ALL SELECT min(y.from_fy), max(y.to_fy) FROM year_plan y"
	"  JOIN node n ON n.id = y.node_id WHERE n.plan_id = ?1"
	" UNION ALL SELECT min(c.fy), max(c.fy) FROM cost_trend c"
	"  JOIN node n ON n.id = c.node_id WHERE n.plan_id = ?1)";

static const char sql_rm_levels[] =
	"SELECT depth, name FROM plan_level WHERE plan_id = ?1 ORDER BY depth";

static const char sql_rm_flags[] =
	"SELECT id, key, label, symbol FROM plan_flag WHERE plan_id = ?1"
	" ORDER BY ord, id";

static const char sql_rm_nodes[] =
	"SELECT id, parent_id, depth, code, title, label FROM node"
	" WHERE plan_id = ?1 ORDER BY ord, id";

/* Driven by the plan's flags (index node_flag_flag): marked nodes are
 * few, the plan's many. */
static const char sql_rm_node_flags[] =
	"SELECT nf.node_id, nf.flag_id FROM plan_flag f"
	" JOIN node_flag nf ON nf.flag_id = f.id WHERE f.plan_id = ?1";

/* From the plan's nodes to their results (CROSS JOIN keeps that order):
 * the index of a year's results would read the year of every plan. */
static const char sql_rm_results[] =
	"SELECT r.node_id, r.status FROM node n"
	" CROSS JOIN result r ON r.node_id = n.id AND r.fy = ?2"
	" WHERE n.plan_id = ?1";

/* A node while the tree order is being built. */
struct rm_node {
	long long	 id;
	long long	 parent;
	size_t		 first_child, next_sibling, last_child;	/* SIZE_MAX = none */
	struct roadmap_row row;
};

struct rm_index {
	long long	 id;
	size_t		 at;
};

static int
cmp_index(const void *a, const void *b)
{
	const struct rm_index	*x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* Sorts an index by id. Nodes are usually stored in plan order, so the
 * ids mostly come sorted already and the sort is skipped. */
static void
rm_sort_index(struct rm_index *ix, size_t n)
{
	size_t	i;

	for (i = 1; i < n; i++)
		if (ix[i - 1].id > ix[i].id)
			break;
	if (i < n)
		qsort(ix, n, sizeof *ix, cmp_index);
}

/* The position of node id in the sorted index, or SIZE_MAX. */
static size_t
rm_find(const struct rm_index *ix, size_t n, long long id)
{
	struct rm_index		 key = { id, 0 };
	const struct rm_index	*hit;

	hit = bsearch(&key, ix, n, sizeof *ix, cmp_index);
	return hit == NULL ? SIZE_MAX : hit->at;
}

void
store_roadmap_free(struct roadmap *rm)
{
	size_t	i;

	if (rm == NULL)
		return;
	free(rm->plan_name);
	sheet_flags_free(rm->flags, rm->nflags);
	for (i = 0; i < rm->nrows; i++) {
		free(rm->rows[i].code);
		free(rm->rows[i].title);
		free(rm->rows[i].level);
	}
	free(rm->rows);
	free(rm);
}

static int
rm_load_plan(struct store *st, struct roadmap *rm, char *levels[5],
    char **cause)
{
	sqlite3_stmt	*q;
	size_t		 cap = 0;
	int		 rc, d;

	if ((q = store_stmt(st, sql_rm_plan, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, rm->plan_id);
	if ((rc = sheet_step(st, q, cause)) == 1) {
		rm->plan_name = store_col_dup(q, 0);
		rm->first_fy = store_col_int0(q, 1);
		rm->last_fy = store_col_int0(q, 2);
	}
	sqlite3_reset(q);
	if (rc == 0 && cause != NULL)
		*cause = xstrdup("計画が見つかりません");
	if (rc != 1)
		return -1;

	if (rm->first_fy == 0 || rm->last_fy == 0) {
		/* No period printed: span the years the plan's data covers. */
		if ((q = store_stmt(st, sql_rm_span, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(q, 1, rm->plan_id);
		if ((rc = sheet_step(st, q, cause)) == 1) {
			if (rm->first_fy == 0)
				rm->first_fy = store_col_int0(q, 0);
			if (rm->last_fy == 0)
				rm->last_fy = store_col_int0(q, 1);
		}
		sqlite3_reset(q);
		if (rc < 0)
			return -1;
		if (rm->first_fy == 0)
			rm->first_fy = rm->last_fy;
		if (rm->last_fy == 0)
			rm->last_fy = rm->first_fy;
	}
	if (rm->last_fy - rm->first_fy >= SHEET_MAX_YEARS)
		rm->last_fy = rm->first_fy + SHEET_MAX_YEARS - 1;

	if ((q = store_stmt(st, sql_rm_levels, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, rm->plan_id);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		d = sqlite3_column_int(q, 0);
		if (d >= 1 && d <= 4 && levels[d] == NULL) {
			levels[d] = store_col_dup(q, 1);
			if (d > rm->max_depth)
				rm->max_depth = d;
		}
	}
	sqlite3_reset(q);
	if (rc < 0)
		return -1;

	if ((q = store_stmt(st, sql_rm_flags, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, rm->plan_id);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		struct sheet_flag	*f;

		if (rm->nflags == ROADMAP_MAX_FLAGS)
			continue;
		rm->flags = sheet_grow(rm->flags, &cap, rm->nflags,
		    sizeof *rm->flags);
		f = &rm->flags[rm->nflags++];
		f->id = sqlite3_column_int64(q, 0);
		f->key = store_col_dup(q, 1);
		f->label = store_col_dup(q, 2);
		f->symbol = store_col_dup(q, 3);
	}
	sqlite3_reset(q);
	return rc < 0 ? -1 : 0;
}

/* Reads the plan's nodes (in ord order) into nodes[]. */
static int
rm_load_nodes(struct store *st, struct roadmap *rm, char *levels[5],
    struct rm_node **out, size_t *n, char **cause)
{
	sqlite3_stmt	*q;
	struct rm_node	*nodes = NULL;
	size_t		 cnt = 0, cap = 0;
	int		 rc, maxd = 0;

	if ((q = store_stmt(st, sql_rm_nodes, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, rm->plan_id);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		struct rm_node	*m;
		char		*label;
		int		 d;

		nodes = sheet_grow(nodes, &cap, cnt, sizeof *nodes);
		m = &nodes[cnt++];
		m->id = sqlite3_column_int64(q, 0);
		m->parent = sqlite3_column_int64(q, 1);
		m->first_child = m->next_sibling = m->last_child = SIZE_MAX;
		d = sqlite3_column_int(q, 2);
		m->row.node_id = m->id;
		m->row.depth = d;
		m->row.code = store_col_dup(q, 3);
		m->row.title = store_col_dup(q, 4);
		label = store_col_dup(q, 5);
		if (*label == '\0' && d >= 1 && d <= 4 && levels[d] != NULL) {
			free(label);
			label = xstrdup(levels[d]);
		}
		m->row.level = label;
		if (d > maxd)
			maxd = d;
	}
	sqlite3_reset(q);
	if (rm->max_depth == 0)
		rm->max_depth = maxd;
	*out = nodes;
	*n = cnt;
	if (rc < 0)
		return -1;
	return 0;
}

/* Puts nodes into rm->rows depth first, siblings in ord order. */
static void
rm_order_rows(struct roadmap *rm, struct rm_node *nodes, size_t n,
    struct rm_index *ix)
{
	size_t	 i, p, top, *stack;

	for (i = 0; i < n; i++) {
		p = nodes[i].parent == 0 ? SIZE_MAX :
		    rm_find(ix, n, nodes[i].parent);
		if (p == SIZE_MAX)
			continue;
		if (nodes[p].first_child == SIZE_MAX)
			nodes[p].first_child = i;
		else
			nodes[nodes[p].last_child].next_sibling = i;
		nodes[p].last_child = i;
	}

	rm->rows = xcalloc(n, sizeof *rm->rows);
	stack = xcalloc(n + 1, sizeof *stack);
	for (i = 0; i < n; i++) {
		/* Roots, and orphans whose parent is not in this plan. */
		if (nodes[i].parent != 0 && rm_find(ix, n, nodes[i].parent) !=
		    SIZE_MAX)
			continue;
		top = 0;
		stack[top++] = i;
		while (top > 0) {
			size_t	cur = stack[--top], c, k, cnt;

			nodes[cur].row.is_item = nodes[cur].row.depth >=
			    rm->max_depth;
			if (nodes[cur].row.is_item)
				rm->nitems++;
			rm->rows[rm->nrows++] = nodes[cur].row;
			/* Push children in reverse so the first pops first. */
			cnt = 0;
			for (c = nodes[cur].first_child; c != SIZE_MAX;
			    c = nodes[c].next_sibling)
				cnt++;
			if (cnt == 0)
				continue;
			k = top + cnt;
			for (c = nodes[cur].first_child; c != SIZE_MAX;
			    c = nodes[c].next_sibling)
				stack[--k] = c;
			top += cnt;
		}
	}
	free(stack);
}

/* Sets the flag bits and the result status of the rows. */
static int
rm_load_marks(struct store *st, struct roadmap *rm, char **cause)
{
	struct rm_index	*ix;
	sqlite3_stmt	*q;
	size_t		 i, at, f;
	long long	 fid;
	int		 rc;

	ix = xcalloc(rm->nrows, sizeof *ix);
	for (i = 0; i < rm->nrows; i++) {
		ix[i].id = rm->rows[i].node_id;
		ix[i].at = i;
	}
	rm_sort_index(ix, rm->nrows);

	if ((q = store_stmt(st, sql_rm_node_flags, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(q, 1, rm->plan_id);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		at = rm_find(ix, rm->nrows, sqlite3_column_int64(q, 0));
		fid = sqlite3_column_int64(q, 1);
		if (at == SIZE_MAX)
			continue;
		for (f = 0; f < rm->nflags; f++)
			if (rm->flags[f].id == fid)
				rm->rows[at].flags |= (uint64_t)1 << f;
	}
	sqlite3_reset(q);
	if (rc < 0)
		goto fail;

	if ((q = store_stmt(st, sql_rm_results, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(q, 1, rm->plan_id);
	sqlite3_bind_int(q, 2, rm->fy);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		at = rm_find(ix, rm->nrows, sqlite3_column_int64(q, 0));
		if (at == SIZE_MAX)
			continue;
		rm->rows[at].has_result = 1;
		rm->rows[at].status = col_vocab(q, 1, VOCAB_STATUS);
	}
	sqlite3_reset(q);
	if (rc < 0)
		goto fail;
	free(ix);
	return 0;

fail:
	free(ix);
	return -1;
}

int
store_roadmap_load(struct store *st, long long plan_id, int fy,
    struct roadmap **out, char **cause)
{
	struct roadmap	*rm;
	struct rm_node	*nodes = NULL;
	struct rm_index	*ix = NULL;
	char		*levels[5] = { NULL, NULL, NULL, NULL, NULL };
	size_t		 n = 0, i;
	int		 rc = -1;

	rm = xcalloc(1, sizeof *rm);
	rm->plan_id = plan_id;
	rm->fy = fy;
	if (rm_load_plan(st, rm, levels, cause) < 0)
		goto done;
	if (rm_load_nodes(st, rm, levels, &nodes, &n, cause) < 0) {
		for (i = 0; i < n; i++) {
			free(nodes[i].row.code);
			free(nodes[i].row.title);
			free(nodes[i].row.level);
		}
		goto done;
	}
	ix = xcalloc(n, sizeof *ix);
	for (i = 0; i < n; i++) {
		ix[i].id = nodes[i].id;
		ix[i].at = i;
	}
	rm_sort_index(ix, n);
	/* The rows take over the strings of the nodes. */
	rm_order_rows(rm, nodes, n, ix);
	if (rm_load_marks(st, rm, cause) < 0)
		goto done;
	rc = 0;

done:
	for (i = 0; i < 5; i++)
		free(levels[i]);
	free(ix);
	free(nodes);
	if (rc < 0) {
		store_roadmap_free(rm);
		return -1;
	}
	*out = rm;
	return 0;
}

static const char sql_cell_plans[] =
	"SELECT from_fy, to_fy, text FROM year_plan WHERE node_id = ?1"
	" AND to_fy >= ?2 AND from_fy <= ?3 ORDER BY from_fy, ord, id";

static const char sql_cell_costs[] =
	"SELECT fy, trend FROM cost_trend WHERE node_id = ?1"
	" AND fy BETWEEN ?2 AND ?3";

static const char sql_cell_results[] =
	"SELECT fy, status, state, grade FROM result WHERE node_id = ?1"
	" AND fy BETWEEN ?2 AND ?3";

void
store_roadmap_cells_free(struct roadmap_cell *cells, size_t n)
{
	size_t	i;

	if (cells == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(cells[i].text);
		free(cells[i].grade);
	}
	free(cells);
}

/* Appends a yearly plan's text to a cell, one plan per line. */
static void
cell_add_text(struct roadmap_cell *c, const char *text)
{
	size_t	 a = strlen(c->text), b = strlen(text);
	char	*p;

	p = xcalloc(a + b + 2, 1);
	memcpy(p, c->text, a);
	if (a > 0)
		p[a++] = '\n';
	memcpy(p + a, text, b + 1);
	free(c->text);
	c->text = p;
}

int
store_roadmap_cells(struct store *st, long long node_id, int first_fy,
    int last_fy, struct roadmap_cell **out, char **cause)
{
	struct roadmap_cell	*cells;
	sqlite3_stmt		*q;
	size_t			 n, i;
	int			 rc, from, to, fy, y;

	*out = NULL;
	if (last_fy < first_fy || last_fy - first_fy >= SHEET_MAX_YEARS) {
		if (cause != NULL)
			*cause = xstrdup("年度の範囲が正しくありません");
		return -1;
	}
	n = (size_t)(last_fy - first_fy + 1);
	cells = xcalloc(n, sizeof *cells);
	for (i = 0; i < n; i++) {
		cells[i].fy = first_fy + (int)i;
		cells[i].text = xstrdup("");
	}

	if ((q = store_stmt(st, sql_cell_plans, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(q, 1, node_id);
	sqlite3_bind_int(q, 2, first_fy);
	sqlite3_bind_int(q, 3, last_fy);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		const unsigned char	*t = sqlite3_column_text(q, 2);

		from = store_col_int0(q, 0);
		to = store_col_int0(q, 1);
		for (y = from < first_fy ? first_fy : from;
		    y <= to && y <= last_fy; y++) {
			struct roadmap_cell	*c = &cells[y - first_fy];

			if (*c->text == '\0')
				c->continued = y > from;
			else if (y == from)
				c->continued = 0;
			cell_add_text(c, t == NULL ? "" : (const char *)t);
		}
	}
	sqlite3_reset(q);
	if (rc < 0)
		goto fail;

	if ((q = store_stmt(st, sql_cell_costs, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(q, 1, node_id);
	sqlite3_bind_int(q, 2, first_fy);
	sqlite3_bind_int(q, 3, last_fy);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		fy = store_col_int0(q, 0);
		cells[fy - first_fy].trend = col_vocab(q, 1, VOCAB_TREND);
	}
	sqlite3_reset(q);
	if (rc < 0)
		goto fail;

	if ((q = store_stmt(st, sql_cell_results, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(q, 1, node_id);
	sqlite3_bind_int(q, 2, first_fy);
	sqlite3_bind_int(q, 3, last_fy);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		struct roadmap_cell	*c;

		fy = store_col_int0(q, 0);
		c = &cells[fy - first_fy];
		c->status = col_vocab(q, 1, VOCAB_STATUS);
		c->state = col_vocab(q, 2, VOCAB_STATE);
		if (c->state == NULL)
			c->state = "draft";
		c->grade = store_col_dup_null(q, 3);
	}
	sqlite3_reset(q);
	if (rc < 0)
		goto fail;
	*out = cells;
	return 0;

fail:
	store_roadmap_cells_free(cells, n);
	return -1;
}

static const char sql_rm_search[] =
	"SELECT y.node_id, y.text FROM year_plan y"
	" JOIN node n ON n.id = y.node_id WHERE n.plan_id = ?1";

int
store_roadmap_search(struct store *st, long long plan_id, const char *needle,
    long long **ids, size_t *n, char **cause)
{
	sqlite3_stmt	*q;
	long long	*v = NULL;
	size_t		 cnt = 0, cap = 0, i, j;
	int		 rc;

	*ids = NULL;
	*n = 0;
	if ((q = store_stmt(st, sql_rm_search, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, plan_id);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		const unsigned char	*t = sqlite3_column_text(q, 1);

		if (t == NULL || !tw_contains((const char *)t, needle))
			continue;
		v = sheet_grow(v, &cap, cnt, sizeof *v);
		v[cnt++] = sqlite3_column_int64(q, 0);
	}
	sqlite3_reset(q);
	if (rc < 0) {
		free(v);
		return -1;
	}
	if (cnt > 1) {
		qsort(v, cnt, sizeof *v, cmp_ll);
		for (i = 1, j = 1; i < cnt; i++)
			if (v[i] != v[j - 1])
				v[j++] = v[i];
		cnt = j;
	}
	*ids = v;
	*n = cnt;
	return 0;
}

/* ---- the indicator list -------------------------------------------------- */

/* The list's rows of plan ?1 in year ?2 (store-sheet-internal.h). */
#define IND_LIST_SQL(RATIONALE, NOTE)					\
	IND_LIST_COLS(IND_LIST_NODE_COLS, RATIONALE, NOTE, "?2")	\
	" FROM indicator i" IND_LIST_NODE IND_LIST_JOINS("?2")		\
	" WHERE i.plan_id = ?1"

static const char sql_ind_list[] = IND_LIST_SQL("i.rationale", "a.note")
	" ORDER BY i.ord, i.id";
static const char sql_ind_list_rows[] = IND_LIST_SQL("NULL", "NULL")
	" ORDER BY i.ord, i.id";

/* A page of the list in plan order after the key (?3 = ord, ?4 = id; the
 * row itself too when ?5 is 1), or before it walking the plan's index
 * backwards: the key's range on the index, never an offset. */
static const char sql_ind_page_fwd[] = IND_LIST_SQL("NULL", "NULL")
	" AND i.ord >= ?3 AND (i.ord > ?3 OR i.id > ?4 OR (?5 AND i.id = ?4))"
	" ORDER BY i.ord, i.id LIMIT ?6";
static const char sql_ind_page_back[] = IND_LIST_SQL("NULL", "NULL")
	" AND i.ord <= ?3 AND (i.ord < ?3 OR i.id < ?4 OR (?5 AND i.id = ?4))"
	" ORDER BY i.ord DESC, i.id DESC LIMIT ?6";

/* Pages in the other orders (store_indicator_list_page_in): the kept
 * rates' index (rising: up; falling: down, the rate negated) or the
 * plan's index of names, from a key's place (?3.., ?7 the limit) by a
 * range of row values on the index, never an offset; CMP says whether
 * the key's row is read too. */
#define IND_PAGE_RATE_IN(COL, CMP, DIR, CAT)				\
	IND_LIST_COLS(IND_LIST_NODE_COLS, "NULL", "NULL", "?2")		\
	" FROM indicator_fig f CROSS JOIN indicator i"			\
	" ON i.id = f.indicator_id" IND_LIST_NODE IND_LIST_JOINS("?2")	\
	" WHERE f.plan_id = ?1 AND f.fy = ?2 AND (f.norate, f." COL	\
	", f.ord, f.indicator_id) " CMP " (?3, ?4, ?5, ?6)" CAT		\
	" ORDER BY f.norate " DIR ", f." COL " " DIR ", f.ord " DIR	\
	", f.indicator_id " DIR " LIMIT ?7"
#define IND_PAGE_NAME_IN(CMP, DIR, INDEXED, CAT)			\
	IND_LIST_COLS(IND_LIST_NODE_COLS, "NULL", "NULL", "?2")		\
	" FROM indicator i" INDEXED IND_LIST_NODE IND_LIST_JOINS("?2")	\
	" WHERE i.plan_id = ?1"						\
	" AND (i.name, i.ord, i.id) " CMP " (?3, ?4, ?5)" CAT		\
	" ORDER BY i.name " DIR ", i.ord " DIR ", i.id " DIR " LIMIT ?7"
#define IND_PAGE_RATE(COL, CMP, DIR) IND_PAGE_RATE_IN(COL, CMP, DIR, "")
#define IND_PAGE_NAME(CMP, DIR) IND_PAGE_NAME_IN(CMP, DIR, "", "")
/* A category (?8) in those orders: the order's index, the rows of
 * other categories passed over (as many more as the category is rare). */
#define IND_CAT_ONLY " AND i.category = ?8"
#define IND_PAGE_RATE_CAT(COL, CMP, DIR)				\
	IND_PAGE_RATE_IN(COL, CMP, DIR, IND_CAT_ONLY)
#define IND_PAGE_NAME_CAT(CMP, DIR)					\
	IND_PAGE_NAME_IN(CMP, DIR, " INDEXED BY indicator_plan_name",	\
	IND_CAT_ONLY)

/* A category's page in plan order (?8 the category). */
#define IND_PAGE_CAT(CMP, DIR)						\
	IND_LIST_SQL("NULL", "NULL")					\
	" AND i.category = ?8 AND (i.ord, i.id) " CMP " (?3, ?4)"	\
	" ORDER BY i.ord " DIR ", i.id " DIR " LIMIT ?7"

/* [back][inclusive] */
static const char *const sql_ind_page_cat[2][2] = {
	{ IND_PAGE_CAT(">", "ASC"), IND_PAGE_CAT(">=", "ASC") },
	{ IND_PAGE_CAT("<", "DESC"), IND_PAGE_CAT("<=", "DESC") },
};
static const char sql_ind_before_cat[] =
	"SELECT count(*) FROM indicator WHERE plan_id = ?1 AND category = ?8"
	" AND (ord, id) < (?3, ?4)";
/* The count the triggers keep (db/migrate-12.sql). */
static const char sql_ind_count_cat[] =
	"SELECT COALESCE((SELECT n FROM indicator_category_count"
	" WHERE plan_id = ?1 AND category = ?2), 0)";

/* [order - 1][back][inclusive] */
static const char *const sql_ind_page_in[3][2][2] = {
	{ { IND_PAGE_RATE("up", ">", "ASC"), IND_PAGE_RATE("up", ">=", "ASC") },
	  { IND_PAGE_RATE("up", "<", "DESC"),
	    IND_PAGE_RATE("up", "<=", "DESC") } },
	{ { IND_PAGE_RATE("down", ">", "ASC"),
	    IND_PAGE_RATE("down", ">=", "ASC") },
	  { IND_PAGE_RATE("down", "<", "DESC"),
	    IND_PAGE_RATE("down", "<=", "DESC") } },
	{ { IND_PAGE_NAME(">", "ASC"), IND_PAGE_NAME(">=", "ASC") },
	  { IND_PAGE_NAME("<", "DESC"), IND_PAGE_NAME("<=", "DESC") } },
};

/* [order - 1][back][inclusive], of a category */
static const char *const sql_ind_page_in_cat[3][2][2] = {
	{ { IND_PAGE_RATE_CAT("up", ">", "ASC"),
	    IND_PAGE_RATE_CAT("up", ">=", "ASC") },
	  { IND_PAGE_RATE_CAT("up", "<", "DESC"),
	    IND_PAGE_RATE_CAT("up", "<=", "DESC") } },
	{ { IND_PAGE_RATE_CAT("down", ">", "ASC"),
	    IND_PAGE_RATE_CAT("down", ">=", "ASC") },
	  { IND_PAGE_RATE_CAT("down", "<", "DESC"),
	    IND_PAGE_RATE_CAT("down", "<=", "DESC") } },
	{ { IND_PAGE_NAME_CAT(">", "ASC"), IND_PAGE_NAME_CAT(">=", "ASC") },
	  { IND_PAGE_NAME_CAT("<", "DESC"), IND_PAGE_NAME_CAT("<=", "DESC") } },
};

/* How many come before a key in those orders (index entries only; of a
 * category, each entry's row is read for its category). */
static const char sql_ind_before_up[] =
	"SELECT count(*) FROM indicator_fig WHERE plan_id = ?1 AND fy = ?2"
	" AND (norate, up, ord, indicator_id) < (?3, ?4, ?5, ?6)";
static const char sql_ind_before_down[] =
	"SELECT count(*) FROM indicator_fig WHERE plan_id = ?1 AND fy = ?2"
	" AND (norate, down, ord, indicator_id) < (?3, ?4, ?5, ?6)";
static const char sql_ind_before_name[] =
	"SELECT count(*) FROM indicator WHERE plan_id = ?1"
	" AND (name, ord, id) < (?3, ?4, ?5)";
static const char sql_ind_before_up_cat[] =
	"SELECT count(*) FROM indicator_fig f CROSS JOIN indicator i"
	" ON i.id = f.indicator_id WHERE f.plan_id = ?1 AND f.fy = ?2"
	" AND (f.norate, f.up, f.ord, f.indicator_id) < (?3, ?4, ?5, ?6)"
	" AND i.category = ?8";
static const char sql_ind_before_down_cat[] =
	"SELECT count(*) FROM indicator_fig f CROSS JOIN indicator i"
	" ON i.id = f.indicator_id WHERE f.plan_id = ?1 AND f.fy = ?2"
	" AND (f.norate, f.down, f.ord, f.indicator_id) < (?3, ?4, ?5, ?6)"
	" AND i.category = ?8";
static const char sql_ind_before_name_cat[] =
	"SELECT count(*) FROM indicator WHERE plan_id = ?1 AND category = ?8"
	" AND (name, ord, id) < (?3, ?4, ?5)";

/* A row's place in those orders. */
static const char sql_ind_key_rate[] =
	"SELECT norate, up, down, ord FROM indicator_fig"
	" WHERE indicator_id = ?1 AND fy = ?2";
static const char sql_ind_key_name[] =
	"SELECT name, ord FROM indicator WHERE id = ?1";

/* How many indicators the plan has: the count the triggers keep
 * (db/migrate-10.sql), else an index count. How many come before a key:
 * an index count (the plan's entries of indicator_plan, no table rows). */
static const char sql_ind_count[] =
	"SELECT COALESCE((SELECT n FROM indicator_count WHERE plan_id = ?1),"
	" (SELECT count(*) FROM indicator WHERE plan_id = ?1))";
static const char sql_ind_before[] =
	"SELECT count(*) FROM indicator WHERE plan_id = ?1 AND ord <= ?2"
	" AND (ord < ?2 OR id < ?3)";

/* A row's rationale (read with its years). */
static const char sql_ind_row_rationale[] =
	"SELECT rationale FROM indicator WHERE id = ?1";

/* Every year's targets and actuals of a plan's indicators, indicator by
 * indicator (in the order of the plan's index of keys: nothing sorted). */
static const char sql_ind_list_targets[] =
	"SELECT t.indicator_id, t.fy, t.num, t.txt FROM indicator i"
	" JOIN indicator_target t ON t.indicator_id = i.id WHERE i.plan_id = ?1"
	" ORDER BY i.key, t.fy";

static const char sql_ind_list_actuals[] =
	"SELECT a.indicator_id, a.fy, a.num, a.txt, a.note FROM indicator i"
	" JOIN indicator_actual a ON a.indicator_id = i.id WHERE i.plan_id = ?1"
	" ORDER BY i.key, a.fy";

/* One indicator's targets and actuals of every year (its primary key:
 * the list reads them only for the rows it shows). */
static const char sql_ind_row_targets[] =
	"SELECT indicator_id, fy, num, txt FROM indicator_target"
	" WHERE indicator_id = ?1 ORDER BY fy";

static const char sql_ind_row_actuals[] =
	"SELECT indicator_id, fy, num, txt, note FROM indicator_actual"
	" WHERE indicator_id = ?1 ORDER BY fy";

/* The categories in the order they first appear: those the triggers
 * count (db/migrate-12.sql), each by its first row in plan order on the
 * plan's index of categories (a few reads per category, not a read of
 * every indicator); kept once each in C. */
#define IND_CAT_FIRST(COL)						\
	"(SELECT " COL " FROM indicator i WHERE i.plan_id = ?1"		\
	" AND i.category = c.category ORDER BY i.ord, i.id LIMIT 1)"
static const char sql_ind_categories[] =
	"SELECT category FROM (SELECT c.category AS category, "
	IND_CAT_FIRST("i.ord") " AS o, " IND_CAT_FIRST("i.id") " AS d"
	" FROM indicator_category_count c WHERE c.plan_id = ?1 AND c.n > 0"
	" AND c.category <> '') ORDER BY o, d";

void
store_indicator_row_clear(struct indicator_row *r)
{
	free(r->node_code);
	free(r->node_title);
	free(r->name);
	free(r->category);
	free(r->unit);
	value_clear(&r->base);
	value_clear(&r->target);
	value_clear(&r->final);
	value_clear(&r->actual);
	free(r->actual_note);
	free(r->rationale);
	sheet_fyvalues_free(r->targets, r->ntargets);
	sheet_fyvalues_free(r->actuals, r->nactuals);
	memset(r, 0, sizeof *r);
}

void
store_indicator_list_free(struct indicator_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++) {
		struct indicator_row	*r = &l->rows[i];

		free(r->node_code);
		free(r->node_title);
		free(r->name);
		free(r->category);
		free(r->unit);
		value_clear(&r->base);
		value_clear(&r->target);
		value_clear(&r->final);
		value_clear(&r->actual);
		free(r->actual_note);
		free(r->rationale);
		sheet_fyvalues_free(r->targets, r->ntargets);
		sheet_fyvalues_free(r->actuals, r->nactuals);
	}
	free(l->rows);
	l->rows = NULL;
	l->n = 0;
	free(l->plan_name);
	l->plan_name = NULL;
}

/* Row indices sorted by indicator id, for attaching values. */
static const struct indicator_list *ind_sorting_list;

static int
ind_by_id(const void *a, const void *b)
{
	long long	x = ind_sorting_list->rows[*(const size_t *)a].id;
	long long	y = ind_sorting_list->rows[*(const size_t *)b].id;

	return (x > y) - (x < y);
}

/* Reads every year's values (targets or actuals) of the list's
 * indicators and gives each row its own, by fiscal year. */
static int
ind_list_years(struct store *st, struct indicator_list *l, long long plan_id,
    int actuals, char **cause)
{
	sqlite3_stmt	*q;
	size_t		*order, lo, hi, mid, cap = 0;
	long long	 cur = 0;
	int		 rc;

	if ((q = store_stmt(st, actuals ? sql_ind_list_actuals :
	    sql_ind_list_targets, cause)) == NULL)
		return -1;
	order = xcalloc(l->n + 1, sizeof *order);
	for (lo = 0; lo < l->n; lo++)
		order[lo] = lo;
	ind_sorting_list = l;
	qsort(order, l->n, sizeof *order, ind_by_id);
	ind_sorting_list = NULL;
	sqlite3_bind_int64(q, 1, plan_id);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		long long		 id = sqlite3_column_int64(q, 0);
		struct indicator_row	*r;
		struct sheet_fyvalue	*v, **arr;
		size_t			*n;

		lo = 0;
		hi = l->n;
		while (lo < hi) {
			mid = lo + (hi - lo) / 2;
			if (l->rows[order[mid]].id < id)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == l->n || l->rows[order[lo]].id != id)
			continue;
		r = &l->rows[order[lo]];
		arr = actuals ? &r->actuals : &r->targets;
		n = actuals ? &r->nactuals : &r->ntargets;
		if (id != cur) {	/* rows come by indicator */
			cur = id;
			cap = 0;
		}
		*arr = sheet_grow(*arr, &cap, *n, sizeof **arr);
		v = &(*arr)[(*n)++];
		v->fy = store_col_int0(q, 1);
		store_col_value(q, 2, &v->v);
		v->note = actuals ? store_col_dup(q, 4) : xstrdup("");
	}
	sqlite3_reset(q);
	free(order);
	return rc < 0 ? -1 : 0;
}

int
store_indicator_row_years(struct store *st, const struct indicator_list *l,
    struct indicator_row *r, char **cause)
{
	sqlite3_stmt	*q;
	int		 actuals, rc = 0;
	size_t		 cap, k;

	if (r->years)
		return 0;
	for (actuals = 0; actuals < 2 && rc == 0; actuals++) {
		struct sheet_fyvalue	**arr = actuals ? &r->actuals : &r->targets;
		size_t			 *n = actuals ? &r->nactuals :
					    &r->ntargets;

		if ((q = store_stmt(st, actuals ? sql_ind_row_actuals :
		    sql_ind_row_targets, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(q, 1, r->id);
		cap = 0;
		while ((rc = sheet_step(st, q, cause)) == 1) {
			struct sheet_fyvalue *v;

			*arr = sheet_grow(*arr, &cap, *n, sizeof **arr);
			v = &(*arr)[(*n)++];
			v->fy = store_col_int0(q, 1);
			store_col_value(q, 2, &v->v);
			v->note = actuals ? store_col_dup(q, 4) : xstrdup("");
		}
		sqlite3_reset(q);
	}
	if (rc == 0 && r->rationale == NULL) {
		if ((q = store_stmt(st, sql_ind_row_rationale, cause)) == NULL)
			rc = -1;
		else {
			sqlite3_bind_int64(q, 1, r->id);
			if ((rc = sheet_step(st, q, cause)) == 1)
				r->rationale = store_col_dup(q, 0);
			sqlite3_reset(q);
			if (rc >= 0 && r->rationale == NULL)
				r->rationale = xstrdup("");
		}
	}
	if (rc < 0) {
		/* Nothing half read: the row is as it was. */
		sheet_fyvalues_free(r->targets, r->ntargets);
		sheet_fyvalues_free(r->actuals, r->nactuals);
		r->targets = r->actuals = NULL;
		r->ntargets = r->nactuals = 0;
		return -1;
	}
	/* The year's note, as the list's read gives it ("" without one). */
	if (r->actual_note == NULL) {
		for (k = 0; k < r->nactuals; k++)
			if (r->actuals[k].fy == l->fy)
				break;
		r->actual_note = xstrdup(k < r->nactuals ?
		    r->actuals[k].note : "");
	}
	r->years = 1;
	return 0;
}

double
store_indicator_row_rate(const struct indicator_row *r,
    enum achieve_status *status)
{
	struct achieve_input	ain;
	struct value		actual = r->actual;
	int			dir = r->direction != NULL ?
				    achieve_dir_parse(r->direction) : -1;

	if (r->cumulative && r->actual.kind == VALUE_NUMBER) {
		/* Running totals: the sum of the years after the baseline. */
		if (r->actual_sum_count < 0)
			actual.kind = VALUE_TEXT;
		else if (r->actual_sum_count > 0) {
			actual.kind = VALUE_NUMBER;
			actual.num = r->actual_sum;
		}
		actual.text = NULL;
	}
	memset(&ain, 0, sizeof ain);
	ain.dir = dir < 0 ? ACHIEVE_DIR_UNKNOWN : (enum achieve_dir)dir;
	ain.cumulative = r->cumulative;
	ain.base = &r->base;
	ain.target = &r->target;
	ain.actual = &actual;
	return achieve_rate(&ain, status);
}

void
store_indicator_row_read(sqlite3_stmt *q, struct indicator_row *r, int fy,
    int full)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(q, 0);
	r->node_id = sqlite3_column_int64(q, 1);
	r->node_code = store_col_dup(q, 2);
	r->node_title = store_col_dup(q, 3);
	r->name = store_col_dup(q, 4);
	r->category = store_col_dup(q, 5);
	r->unit = store_col_dup(q, 6);
	r->direction = col_vocab(q, 7, VOCAB_DIRECTION);
	r->cumulative = store_col_int0(q, 8);
	store_col_value(q, 9, &r->base);
	r->base_fy = store_col_int0(q, 11);
	store_col_value(q, 12, &r->final);
	r->final_fy = store_col_int0(q, 14);
	r->rationale = full ? store_col_dup(q, 15) : NULL;
	store_col_value(q, 16, &r->target);
	if (r->target.kind != VALUE_NONE)
		r->target_fy = fy;
	else {
		/* The final target of fy itself is fy's target. */
		value_copy(&r->target, &r->final);
		r->target_fy = r->final_fy;
		r->target_is_final = r->final_fy != fy;
	}
	store_col_value(q, 18, &r->actual);
	r->actual_note = full ? store_col_dup(q, 20) : NULL;
	r->actual_sum = sqlite3_column_double(q, 21);
	r->actual_sum_count = store_col_int0(q, 23) > 0 ? -1 :
	    store_col_int0(q, 22);
	r->ord = sqlite3_column_int64(q, 24);
}

/* The plan's name and period, without rows. */
static int
ind_list_head(struct store *st, long long plan_id, int fy,
    struct indicator_list *out, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	memset(out, 0, sizeof *out);
	out->fy = fy;
	if ((q = store_stmt(st, sql_rm_plan, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, plan_id);
	if ((rc = sheet_step(st, q, cause)) == 1) {
		out->plan_name = store_col_dup(q, 0);
		out->plan_first_fy = store_col_int0(q, 1);
		out->plan_last_fy = store_col_int0(q, 2);
	}
	sqlite3_reset(q);
	if (rc == 0 && cause != NULL)
		*cause = xstrdup("計画が見つかりません");
	return rc == 1 ? 0 : -1;
}

static int
ind_list_read(struct store *st, long long plan_id, int fy, int full,
    struct indicator_list *out, char **cause)
{
	sqlite3_stmt	*q;
	size_t		 cap = 0, i;
	int		 rc;

	if (ind_list_head(st, plan_id, fy, out, cause) != 0)
		return -1;
	if ((q = store_stmt(st, full ? sql_ind_list : sql_ind_list_rows,
	    cause)) == NULL) {
		store_indicator_list_free(out);
		return -1;
	}
	sqlite3_bind_int64(q, 1, plan_id);
	sqlite3_bind_int(q, 2, fy);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		out->rows = sheet_grow(out->rows, &cap, out->n, sizeof *out->rows);
		store_indicator_row_read(q, &out->rows[out->n], fy, full);
		out->rows[out->n].plan_order = (long)out->n;
		out->n++;
	}
	sqlite3_reset(q);
	if (rc < 0 || (full && (ind_list_years(st, out, plan_id, 0,
	    cause) != 0 || ind_list_years(st, out, plan_id, 1, cause) != 0))) {
		store_indicator_list_free(out);
		return -1;
	}
	if (full)
		for (i = 0; i < out->n; i++)
			out->rows[i].years = 1;
	return 0;
}

int
store_indicator_list(struct store *st, long long plan_id, int fy,
    struct indicator_list *out, char **cause)
{
	return ind_list_read(st, plan_id, fy, 1, out, cause);
}

int
store_indicator_list_rows(struct store *st, long long plan_id, int fy,
    struct indicator_list *out, char **cause)
{
	return ind_list_read(st, plan_id, fy, 0, out, cause);
}

static int
ind_count_q(struct store *st, const char *sql, long long plan_id,
    long long ord, long long id, size_t *n, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	*n = 0;
	if ((q = store_stmt(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, plan_id);
	if (sql == sql_ind_before) {
		sqlite3_bind_int64(q, 2, ord);
		sqlite3_bind_int64(q, 3, id);
	}
	if ((rc = sheet_step(st, q, cause)) == 1)
		*n = (size_t)sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return rc < 0 ? -1 : 0;
}

int
store_indicator_list_head(struct store *st, long long plan_id, int fy,
    struct indicator_list *out, size_t *count, char **cause)
{
	if (ind_list_head(st, plan_id, fy, out, cause) != 0)
		return -1;
	if (ind_count_q(st, sql_ind_count, plan_id, 0, 0, count, cause) != 0) {
		store_indicator_list_free(out);
		return -1;
	}
	return 0;
}

int
store_indicator_list_before(struct store *st, long long plan_id,
    long long ord, long long id, size_t *n, char **cause)
{
	return ind_count_q(st, sql_ind_before, plan_id, ord, id, n, cause);
}

int
store_indicator_list_page(struct store *st, long long plan_id, int fy,
    const struct indicator_key *from, int dir, size_t limit,
    struct indicator_list *out, char **cause)
{
	sqlite3_stmt	*q;
	size_t		 cap = 0, i;
	int		 rc;

	memset(out, 0, sizeof *out);
	out->fy = fy;
	if ((q = store_stmt(st, dir < 0 ? sql_ind_page_back : sql_ind_page_fwd,
	    cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, plan_id);
	sqlite3_bind_int(q, 2, fy);
	/* No key: from the start (or the end, backwards). */
	sqlite3_bind_int64(q, 3, from != NULL ? from->ord :
	    dir < 0 ? INT64_MAX : INT64_MIN);
	sqlite3_bind_int64(q, 4, from != NULL ? from->id :
	    dir < 0 ? INT64_MAX : INT64_MIN);
	sqlite3_bind_int(q, 5, from != NULL && from->inclusive);
	sqlite3_bind_int64(q, 6, (sqlite3_int64)limit);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		out->rows = sheet_grow(out->rows, &cap, out->n, sizeof *out->rows);
		store_indicator_row_read(q, &out->rows[out->n], fy, 0);
		out->n++;
	}
	sqlite3_reset(q);
	if (rc < 0) {
		store_indicator_list_free(out);
		return -1;
	}
	if (dir < 0)	/* read backwards: put in plan order */
		for (i = 0; i < out->n / 2; i++) {
			struct indicator_row	t = out->rows[i];

			out->rows[i] = out->rows[out->n - 1 - i];
			out->rows[out->n - 1 - i] = t;
		}
	return 0;
}

/*
 * Binds the place of row id in order (or, id 0 or not found, the place
 * before the first row, or after the last one when end is set) to ?3..
 * of q: (norate, rate, ord, id) or (name, ord, id).
 */
static int
ind_bind_place(struct store *st, sqlite3_stmt *q, int fy,
    enum indicator_order order, long long id, int end, char **cause)
{
	sqlite3_stmt	*k;
	int		 rc = 0, found = 0;

	if (order == IND_ORDER_PLAN) {
		/* (ord, id); ids are positive. */
		if (id != 0) {
			if ((k = store_stmt(st, sql_ind_key_name, cause)) ==
			    NULL)
				return -1;
			sqlite3_bind_int64(k, 1, id);
			if ((rc = sheet_step(st, k, cause)) == 1) {
				sqlite3_bind_int64(q, 3, sqlite3_column_int64(k,
				    1));
				sqlite3_bind_int64(q, 4, id);
				found = 1;
			}
			sqlite3_reset(k);
			if (rc < 0)
				return -1;
		}
		if (!found) {
			sqlite3_bind_int64(q, 3, end ? INT64_MAX : INT64_MIN);
			sqlite3_bind_int64(q, 4, 0);
		}
		return 0;
	}
	if (order == IND_ORDER_NAME) {
		if (id != 0) {
			if ((k = store_stmt(st, sql_ind_key_name, cause)) ==
			    NULL)
				return -1;
			sqlite3_bind_int64(k, 1, id);
			if ((rc = sheet_step(st, k, cause)) == 1) {
				sqlite3_bind_text(q, 3, store_col_text(k, 0), -1,
				    SQLITE_TRANSIENT);
				sqlite3_bind_int64(q, 4, sqlite3_column_int64(k,
				    1));
				sqlite3_bind_int64(q, 5, id);
				found = 1;
			}
			sqlite3_reset(k);
			if (rc < 0)
				return -1;
		}
		if (!found && end) {
			/* Any text sorts before a blob. */
			sqlite3_bind_blob(q, 3, "\xff", 1, SQLITE_STATIC);
			sqlite3_bind_int64(q, 4, 0);
			sqlite3_bind_int64(q, 5, 0);
		} else if (!found) {
			sqlite3_bind_text(q, 3, "", 0, SQLITE_STATIC);
			sqlite3_bind_int64(q, 4, INT64_MIN);
			sqlite3_bind_int64(q, 5, INT64_MIN);
		}
		return 0;
	}
	if (id != 0) {
		if ((k = store_stmt(st, sql_ind_key_rate, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(k, 1, id);
		sqlite3_bind_int(k, 2, fy);
		if ((rc = sheet_step(st, k, cause)) == 1) {
			sqlite3_bind_int64(q, 3, sqlite3_column_int64(k, 0));
			sqlite3_bind_double(q, 4, sqlite3_column_double(k,
			    order == IND_ORDER_RATE_UP ? 1 : 2));
			sqlite3_bind_int64(q, 5, sqlite3_column_int64(k, 3));
			sqlite3_bind_int64(q, 6, id);
			found = 1;
		}
		sqlite3_reset(k);
		if (rc < 0)
			return -1;
	}
	if (!found) {
		/* norate is 0 or 1. */
		sqlite3_bind_int64(q, 3, end ? 2 : -1);
		sqlite3_bind_double(q, 4, 0);
		sqlite3_bind_int64(q, 5, 0);
		sqlite3_bind_int64(q, 6, 0);
	}
	return 0;
}

int
store_indicator_list_page_in(struct store *st, long long plan_id, int fy,
    enum indicator_order order, const char *category,
    const struct indicator_key *from, int dir, size_t limit,
    struct indicator_list *out, char **cause)
{
	sqlite3_stmt	*q;
	size_t		 cap = 0, i;
	int		 rc, incl;

	if (order > IND_ORDER_NAME)
		order = IND_ORDER_PLAN;
	if (category == NULL && order == IND_ORDER_PLAN)
		return store_indicator_list_page(st, plan_id, fy, from, dir,
		    limit, out, cause);
	memset(out, 0, sizeof *out);
	out->fy = fy;
	incl = from != NULL && from->inclusive;
	if ((q = store_stmt(st, order == IND_ORDER_PLAN ?
	    sql_ind_page_cat[dir < 0][incl] : category != NULL ?
	    sql_ind_page_in_cat[order - 1][dir < 0][incl] :
	    sql_ind_page_in[order - 1][dir < 0][incl], cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, plan_id);
	sqlite3_bind_int(q, 2, fy);
	if (category != NULL)
		sqlite3_bind_text(q, 8, category, -1, SQLITE_TRANSIENT);
	if (ind_bind_place(st, q, fy, order, from != NULL ? from->id : 0,
	    dir < 0, cause) != 0) {
		sqlite3_reset(q);
		return -1;
	}
	sqlite3_bind_int64(q, 7, (sqlite3_int64)limit);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		out->rows = sheet_grow(out->rows, &cap, out->n, sizeof *out->rows);
		store_indicator_row_read(q, &out->rows[out->n], fy, 0);
		out->n++;
	}
	sqlite3_reset(q);
	if (rc < 0) {
		store_indicator_list_free(out);
		return -1;
	}
	if (dir < 0)	/* read backwards: put in the list's order */
		for (i = 0; i < out->n / 2; i++) {
			struct indicator_row	t = out->rows[i];

			out->rows[i] = out->rows[out->n - 1 - i];
			out->rows[out->n - 1 - i] = t;
		}
	return 0;
}

int
store_indicator_list_before_in(struct store *st, long long plan_id, int fy,
    enum indicator_order order, const char *category, long long ord,
    long long id, size_t *n, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if (order > IND_ORDER_NAME)
		order = IND_ORDER_PLAN;
	if (category == NULL && order == IND_ORDER_PLAN)
		return store_indicator_list_before(st, plan_id, ord, id, n,
		    cause);
	*n = 0;
	if ((q = store_stmt(st, order == IND_ORDER_PLAN ? sql_ind_before_cat :
	    order == IND_ORDER_NAME ? (category != NULL ?
	    sql_ind_before_name_cat : sql_ind_before_name) :
	    order == IND_ORDER_RATE_UP ? (category != NULL ?
	    sql_ind_before_up_cat : sql_ind_before_up) :
	    category != NULL ? sql_ind_before_down_cat : sql_ind_before_down,
	    cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, plan_id);
	if (category != NULL)
		sqlite3_bind_text(q, 8, category, -1, SQLITE_TRANSIENT);
	if (order != IND_ORDER_PLAN && order != IND_ORDER_NAME)
		sqlite3_bind_int(q, 2, fy);
	if (ind_bind_place(st, q, fy, order, id, 0, cause) != 0) {
		sqlite3_reset(q);
		return -1;
	}
	if ((rc = sheet_step(st, q, cause)) == 1)
		*n = (size_t)sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return rc < 0 ? -1 : 0;
}

int
store_indicator_list_count(struct store *st, long long plan_id,
    const char *category, size_t *n, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if (category == NULL)
		return ind_count_q(st, sql_ind_count, plan_id, 0, 0, n, cause);
	*n = 0;
	if ((q = store_stmt(st, sql_ind_count_cat, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, plan_id);
	sqlite3_bind_text(q, 2, category, -1, SQLITE_TRANSIENT);
	if ((rc = sheet_step(st, q, cause)) == 1)
		*n = (size_t)sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return rc < 0 ? -1 : 0;
}

int
store_indicator_categories(struct store *st, long long plan_id, char ***out,
    size_t *n, char **cause)
{
	sqlite3_stmt	*q;
	char		**v = NULL;
	size_t		 cnt = 0, cap = 0, i;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((q = store_stmt(st, sql_ind_categories, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, plan_id);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		const char *c = store_col_text(q, 0);

		for (i = 0; i < cnt; i++)
			if (strcmp(v[i], c) == 0)
				break;
		if (i < cnt)
			continue;
		v = sheet_grow(v, &cap, cnt, sizeof *v);
		v[cnt++] = xstrdup(c);
	}
	sqlite3_reset(q);
	if (rc < 0) {
		for (i = 0; i < cnt; i++)
			free(v[i]);
		free(v);
		return -1;
	}
	*out = v;
	*n = cnt;
	return 0;
}
