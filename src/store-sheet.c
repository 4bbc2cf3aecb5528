/*
 * Read queries for the item sheet, the roadmap and the indicator list
 * (see store-sheet.h). Every query is a cached prepared statement with
 * bound values, stepped to the end and reset before returning, so no read
 * transaction outlives a call. Results are plain malloc'd structs.
 */

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/achieve.h"
#include "shisaku/fy.h"
#include "shisaku/store-figs.h"
#include "shisaku/store-sheet-internal.h"
#include "shisaku/store-span.h"
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

/* Where an end of a node's period comes from (sheet_period_text). */
enum sheet_end_from { SHEET_END_OWN, SHEET_END_ABOVE, SHEET_END_PLAN };

static const char *
sheet_end_source(enum sheet_end_from from)
{
	return from == SHEET_END_PLAN ? "計画期間" : "上位の期間";
}

char *
sheet_period_text(const struct sheet *s, enum fy_style style)
{
	static const char *const what[2] = { "始まり", "終わり" };
	enum sheet_end_from	 from[2] = { SHEET_END_OWN, SHEET_END_OWN };
	int			 end[2] = { s->first_fy, s->last_fy };
	int			 plan[2] = { s->plan_first_fy, s->plan_last_fy };
	int			 borrowed[2];
	const struct sheet_pathnode *p;
	char			*span, *text;
	size_t			 i, k;

	/* Each end: the node's own, else the nearest heading's above it
	 * (the path's nodes before its last, which is the node), else the
	 * plan's. */
	for (k = 0; k < 2; k++) {
		for (i = s->npath; end[k] == 0 && i > 1; i--) {
			p = &s->path[i - 2];
			if ((end[k] = k == 0 ? p->first_fy : p->last_fy) != 0)
				from[k] = SHEET_END_ABOVE;
		}
		if (end[k] == 0 && (end[k] = plan[k]) != 0)
			from[k] = SHEET_END_PLAN;
		borrowed[k] = end[k] != 0 && from[k] != SHEET_END_OWN;
	}
	span = fy_format_span(end[0], end[1], style);
	if (!borrowed[0] && !borrowed[1])
		return span;
	k = borrowed[0] ? 0 : 1;	/* a borrowed end */
	if (borrowed[0] && borrowed[1] && from[0] != from[1])
		text = xasprintf("%s（%sは%s、%sは%s）", span, what[0],
		    sheet_end_source(from[0]), what[1],
		    sheet_end_source(from[1]));
	else if ((borrowed[0] && borrowed[1]) || end[1 - k] == 0)
		/* Both ends from one place, or the only end there is. */
		text = xasprintf("%s（%s）", span, sheet_end_source(from[k]));
	else
		text = xasprintf("%s（%sは%s）", span, what[k],
		    sheet_end_source(from[k]));
	free(span);
	return text;
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
	" CASE WHEN n.label <> '' THEN n.label ELSE COALESCE(pl.name, '') END,"
	" n.first_fy, n.last_fy"
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
		p->first_fy = sqlite3_column_int(q, 5);
		p->last_fy = sqlite3_column_int(q, 6);
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

/* Each department asked for one assignment in the plan in force in the
 * year, on the index of the plan's assignments by department
 * (db/migrate-19.sql): the plan's assignments are not read. */
static const char sql_plan_depts[] =
	"SELECT d.id, d.code, " SQL_DEPT_NAME_AS_OF("d.id", "?2") ","
	" 0, NULL, NULL FROM department d"
	" WHERE EXISTS (SELECT 1 FROM node_dept nd INDEXED BY node_dept_plan"
	"  WHERE nd.plan_id = ?1 AND nd.dept_id = d.id AND "
	SQL_ASSIGN_IN_FORCE("?2") ")"
	" ORDER BY d.ord, d.id";

/* The department's assignments in the plan by the plan kept beside each
 * (db/migrate-19.sql): the nodes' rows are not read to learn their plan
 * (8,000 of them for a department of a 200,000-item plan). */
#define SQL_DEPT_ASSIGNED						\
	"SELECT nd.node_id FROM node_dept nd INDEXED BY node_dept_plan"	\
	" WHERE nd.plan_id = ?1 AND nd.dept_id = ?2 AND "		\
	SQL_ASSIGN_IN_FORCE("?3")

static const char sql_plan_dept_nodes[] = SQL_DEPT_ASSIGNED;

/* The headings above the nodes of ?FROM, each once: their parents by
 * the index of the nodes' shape by id (db/migrate-21.sql), not the
 * nodes' rows. */
#define SQL_DEPT_PARENTS(FROM)						\
	"SELECT DISTINCT n.parent_id FROM " FROM			\
	" CROSS JOIN node n INDEXED BY node_shape ON n.id = " FROM ".id" \
	" WHERE n.parent_id IS NOT NULL"

/* a(id): the nodes in charge; h1, h2, h3: the headings one, two and
 * three levels above them (nodes are at most four deep), the first from
 * the parent each assignment carries (db/migrate-27.sql), not a look-up
 * of each node. A node may be in more than one of them: the ids are
 * sorted and made unique when collected (store_collect_ids). */
#define SQL_DEPT_SCOPE							\
	"WITH a(id, parent) AS (SELECT nd.node_id, nd.parent_id"	\
	" FROM node_dept nd INDEXED BY node_dept_plan"			\
	" WHERE nd.plan_id = ?1 AND nd.dept_id = ?2 AND "		\
	SQL_ASSIGN_IN_FORCE("?3") "),"					\
	" h1(id) AS (SELECT DISTINCT parent FROM a"			\
	" WHERE parent IS NOT NULL),"					\
	" h2(id) AS (" SQL_DEPT_PARENTS("h1") "),"			\
	" h3(id) AS (" SQL_DEPT_PARENTS("h2") ")"
static const char sql_plan_dept_scope[] = SQL_DEPT_SCOPE
	" SELECT id FROM a UNION ALL SELECT id FROM h1"
	" UNION SELECT id FROM h2 UNION SELECT id FROM h3";

/* The indicators a department's filter of the list names, with their
 * places (indicator_node holds each one's order beside its node):
 * first those of the nodes in charge, each with its node's parent
 * (NULL indicator for a node that has none), in one pass over the
 * department's assignments; then those of the headings above them. The
 * headings are gathered in C from the parents read: as a DISTINCT and a
 * UNION of three levels in SQL they cost more than the 50,000 nodes a
 * department of eight can name (26 of 58 ms). */
static const char sql_dept_assigned_indicators[] =
	"SELECT nd.parent_id, i.id, i.ord"
	" FROM node_dept nd INDEXED BY node_dept_plan"
	" LEFT JOIN indicator i INDEXED BY indicator_node"
	" ON i.node_id = nd.node_id"
	" WHERE nd.plan_id = ?1 AND nd.dept_id = ?2 AND "
	SQL_ASSIGN_IN_FORCE("?3");
/* The parents of the nodes in the JSON array ?1 (and no indicator:
 * the columns of the two others). */
static const char sql_dept_heading_parents[] =
	"SELECT n.parent_id, NULL, NULL FROM json_each(?1) j"
	" CROSS JOIN node n INDEXED BY node_shape ON n.id = j.value"
	" WHERE n.parent_id IS NOT NULL";
/* The indicators of the nodes in the JSON array ?1 and their places. */
static const char sql_dept_heading_indicators[] =
	"SELECT NULL, i.id, i.ord FROM json_each(?1) j"
	" CROSS JOIN indicator i INDEXED BY indicator_node"
	" ON i.node_id = j.value";

/* Plan order: by ord, then id. */
static int
ind_place_order(long long xord, long long xid, long long yord, long long yid)
{
	if (xord != yord)
		return (xord > yord) - (xord < yord);
	return (xid > yid) - (xid < yid);
}

/* An indicator and its place in the list's plan order. */
struct dept_place {
	long long	 ord, id;
};

static int
dept_place_cmp(const void *a, const void *b)
{
	const struct dept_place	*x = a, *y = b;

	return ind_place_order(x->ord, x->id, y->ord, y->id);
}

/* A list of ids, sorted and each once. */
struct dept_idset {
	long long	*v;
	size_t		 n, cap;
};

static void
dept_idset_add(struct dept_idset *s, long long id)
{
	/* (Parents come in runs: the nodes are read by id.) */
	if (s->n > 0 && s->v[s->n - 1] == id)
		return;
	s->v = sheet_grow(s->v, &s->cap, s->n, sizeof *s->v);
	s->v[s->n++] = id;
}

static void
dept_idset_settle(struct dept_idset *s)
{
	s->n = store_ids_settle(s->v, s->n);
}

/* Steps q, adding each row's parent (column 0, when not NULL) to ups
 * and its indicator (columns 1 and 2, when not NULL) to *pl. */
static int
dept_places_read(struct store *st, sqlite3_stmt *q, struct dept_idset *ups,
    struct dept_place **pl, size_t *n, size_t *cap, char **cause)
{
	int	rc;

	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		if (ups != NULL && sqlite3_column_type(q, 0) != SQLITE_NULL)
			dept_idset_add(ups, sqlite3_column_int64(q, 0));
		if (sqlite3_column_type(q, 1) == SQLITE_NULL)
			continue;
		*pl = sheet_grow(*pl, cap, *n, sizeof **pl);
		(*pl)[*n].id = sqlite3_column_int64(q, 1);
		(*pl)[*n].ord = sqlite3_column_int64(q, 2);
		(*n)++;
	}
	return store_read_end(st, q, rc, "データベースの読み込み", cause);
}

/* Runs sql on the ids of s as a JSON array (?1) through dept_places_read. */
static int
dept_places_of(struct store *st, const char *sql, const struct dept_idset *s,
    struct dept_idset *ups, struct dept_place **pl, size_t *n, size_t *cap,
    char **cause)
{
	sqlite3_stmt	*q;

	if ((q = store_stmt(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_text(q, 1, store_ids_json(s->v, s->n), -1, free);
	return dept_places_read(st, q, ups, pl, n, cap, cause);
}

int
store_plan_dept_indicators_placed(struct store *st, long long plan_id,
    long long dept_id, int fy, long long **ids, long long **in_order,
    size_t *n, char **cause)
{
	struct dept_idset	 heads, level, ups;
	struct dept_place	*pl = NULL;
	sqlite3_stmt		*q;
	size_t			 np = 0, cap = 0, i, k;
	int			 depth, rc = -1;

	*ids = *in_order = NULL;
	*n = 0;
	memset(&heads, 0, sizeof heads);
	memset(&level, 0, sizeof level);
	memset(&ups, 0, sizeof ups);
	if ((q = store_stmt(st, sql_dept_assigned_indicators, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, plan_id);
	sqlite3_bind_int64(q, 2, dept_id);
	sqlite3_bind_int(q, 3, fy);
	if (dept_places_read(st, q, &ups, &pl, &np, &cap, cause) != 0)
		goto done;
	/* The headings, a level at a time up from the parents (nodes are
	 * at most four deep; the bound guards a corrupt tree). */
	for (depth = 0; depth < 4 && ups.n > 0; depth++) {
		dept_idset_settle(&ups);
		free(level.v);
		level = ups;
		memset(&ups, 0, sizeof ups);
		for (i = 0; i < level.n; i++) {
			heads.v = sheet_grow(heads.v, &heads.cap, heads.n,
			    sizeof *heads.v);
			heads.v[heads.n++] = level.v[i];
		}
		if (dept_places_of(st, sql_dept_heading_parents, &level, &ups,
		    NULL, NULL, NULL, cause) != 0)
			goto done;
	}
	dept_idset_settle(&heads);
	if (heads.n > 0 && dept_places_of(st, sql_dept_heading_indicators,
	    &heads, NULL, &pl, &np, &cap, cause) != 0)
		goto done;
	/* In plan order, each once (a heading in charge is also above a
	 * node in charge); the ids ascending beside them. */
	sort_mostly_sorted(pl, np, sizeof *pl, dept_place_cmp);
	for (i = k = 0; i < np; i++)
		if (k == 0 || pl[i].id != pl[k - 1].id)
			pl[k++] = pl[i];
	if (k > 0) {
		*in_order = xcalloc(k, sizeof **in_order);
		*ids = xcalloc(k, sizeof **ids);
		for (i = 0; i < k; i++)
			(*in_order)[i] = (*ids)[i] = pl[i].id;
		sort_mostly_sorted(*ids, k, sizeof **ids, store_ids_cmp);
	}
	*n = k;
	rc = 0;
done:
	free(pl);
	free(heads.v);
	free(level.v);
	free(ups.v);
	return rc;
}

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
	return store_collect_ids(st, q, ids, n, "データベースの読み込み", cause);
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

int
store_plan_dept_indicators(struct store *st, long long plan_id,
    long long dept_id, int fy, long long **ids, size_t *n, char **cause)
{
	long long	*in_order;
	int		 rc;

	rc = store_plan_dept_indicators_placed(st, plan_id, dept_id, fy, ids,
	    &in_order, n, cause);
	free(in_order);
	return rc;
}

/* ---- the roadmap --------------------------------------------------------- */

static const char sql_rm_plan[] =
	"SELECT name, first_fy, last_fy FROM plan WHERE id = ?1";

static const char sql_rm_levels[] =
	"SELECT depth, name FROM plan_level WHERE plan_id = ?1 ORDER BY depth";

static const char sql_rm_max_depth[] =
	"SELECT max(depth) FROM node WHERE plan_id = ?1";

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

/* An id and where it is (a roadmap's node, or an indicator's place among
 * those asked for: store_indicator_list_rows_as), sorted by id. */
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
	for (i = 0; i < 5; i++)
		free(rm->levels[i]);
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
	int		 rc, d, first, last;

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
		/* No period printed: span the years the plan's data covers
		 * (kept, store-span.h). */
		if (store_plan_span(st, rm->plan_id, &first, &last,
		    cause) != 0)
			return -1;
		if (rm->first_fy == 0)
			rm->first_fy = first;
		if (rm->last_fy == 0)
			rm->last_fy = last;
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
	size_t		 n = 0, i;
	int		 rc = -1;

	rm = xcalloc(1, sizeof *rm);
	rm->plan_id = plan_id;
	rm->fy = fy;
	if (rm_load_plan(st, rm, rm->levels, cause) < 0)
		goto done;
	if (rm_load_nodes(st, rm, rm->levels, &nodes, &n, cause) < 0) {
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
		qsort(v, cnt, sizeof *v, store_ids_cmp);
		for (i = 1, j = 1; i < cnt; i++)
			if (v[i] != v[j - 1])
				v[j++] = v[i];
		cnt = j;
	}
	*ids = v;
	*n = cnt;
	return 0;
}

/* ---- the roadmap a window at a time ------------------------------------- */

/*
 * Plan order is the tree's, depth first with siblings in (ord, id) order,
 * and is walked here through the node_parent index (parent_id, ord, and
 * the row id): the next node is the first child, else the next sibling of
 * the node or of the nearest ancestor that has one; the previous one is
 * the previous sibling's last descendant, else the parent. Each step is a
 * lookup or two of an index, so a window costs its rows, wherever it is.
 */
static const char sql_rmw_node[] =
	"SELECT id, coalesce(parent_id, 0), depth, ord FROM node"
	" WHERE id = ?1 AND plan_id = ?2";

/* A status is of the items of year FY (as the tree's, and as the
 * figures kept count them): an item's period (columns of table prefix N,
 * "n." or ""), else the one it inherits (FIRST, LAST: its heading's, or
 * the plan's), includes it; an end nobody gives is open. */
#define SQL_RM_IN_YEAR_OF(N, FIRST, LAST, FY)				\
	"coalesce(" N "first_fy, " FIRST ", " FY ") <= " FY		\
	" AND coalesce(" N "last_fy, " LAST ", " FY ") >= " FY

/* Siblings through node_parent: children of ?1; or the plan's roots
 * through the index of its top level (db/migrate-26.sql: in
 * node_parent every plan's roots share the parent NULL, their orders
 * interleaved). PASS narrows them to those a status filter shows
 * (below). */
#define SQL_RMW_SIBP(index, where, cmp, order, pass)			\
	"SELECT id, coalesce(parent_id, 0), depth, ord FROM node"	\
	" INDEXED BY " index " WHERE " where " AND ord " cmp "= ?3"	\
	" AND (ord " cmp " ?3 OR id " cmp " ?4)" pass " ORDER BY " order \
	" LIMIT 1"
#define SQL_RMW_ROOTS "plan_id = ?2 AND parent_id IS NULL"

/*
 * A status filter read a window at a time (store_roadmap_filter_prepare,
 * when the plan's figures of the year are kept): a node is shown when it
 * is an item of the year (its period, or the nearest one above it or the
 * plan's, includes ?5; ?8 and ?9 are those above it) whose result
 * passes, or a heading with such an item below it, which the kept
 * figures of the heading and year tell (db/migrate-11.sql: they count
 * the items of the year below each heading by state and status). The
 * nodes shown are closed upward, so plan order among them is walked as
 * among all nodes, each sibling lookup skipping those not shown in the
 * index's order: a window costs its rows and the siblings between them,
 * never the plan.
 */
#define SQL_RMW_PASS(head, item)					\
	" AND CASE WHEN depth < ?7 THEN EXISTS (SELECT 1 FROM node_fig f" \
	" WHERE f.plan_id = ?2 AND f.fy = ?5 AND f.node_id = node.id"	\
	" AND " head " AND f.n > 0) ELSE "				\
	SQL_RM_IN_YEAR_OF("", "?8", "?9", "?5") " AND " item " END"
#define SQL_RMW_RESULT							\
	"(SELECT 1 FROM result r INDEXED BY result_state WHERE r.fy = ?5" \
	" AND r.node_id = node.id"
#define SQL_RMW_PASS_STATUS SQL_RMW_PASS("f.status = ?6",		\
	"EXISTS " SQL_RMW_RESULT " AND r.status = ?6)")
#define SQL_RMW_PASS_NONE SQL_RMW_PASS("f.state = ''",		\
	"NOT EXISTS " SQL_RMW_RESULT ")")

#define SQL_RMW_SIBS(pass) {						\
	SQL_RMW_SIBP("node_parent", "parent_id = ?1", "<",		\
	    "ord DESC, id DESC", pass),					\
	SQL_RMW_SIBP("node_parent", "parent_id = ?1", ">", "ord, id", pass), \
	SQL_RMW_SIBP("node_top", SQL_RMW_ROOTS, "<", "ord DESC, id DESC", \
	    pass),							\
	SQL_RMW_SIBP("node_top", SQL_RMW_ROOTS, ">", "ord, id", pass) }

/* By filter (none, a status, no result), then [root][dir > 0]. */
static const char *const sql_rmw_sib[3][4] = {
	SQL_RMW_SIBS(""),
	SQL_RMW_SIBS(SQL_RMW_PASS_STATUS),
	SQL_RMW_SIBS(SQL_RMW_PASS_NONE)
};

/* Whether node ?4 of plan ?2 is shown by the filter. */
#define SQL_RMW_ONE(pass)						\
	"SELECT 1 FROM node INDEXED BY node_shape WHERE id = ?4"	\
	" AND plan_id = ?2" pass
static const char *const sql_rmw_shown[2] = {
	SQL_RMW_ONE(SQL_RMW_PASS_STATUS),
	SQL_RMW_ONE(SQL_RMW_PASS_NONE)
};

/* The period the children of a node inherit: its own, else the nearest
 * one above it, else the plan's (store-figs.h, as the plans list and the
 * tree count the items of a year). */
static const char sql_rmw_period[] =
	"SELECT " BROWSE_FIRST ", " BROWSE_LAST " FROM node n"
	BROWSE_ANCESTORS " WHERE n.id = ?1";
static const char sql_rmw_period_plan[] =
	"SELECT first_fy, last_fy FROM plan WHERE id = ?1";

static const char sql_rmw_row[] =
	"SELECT depth, code, title, label FROM node WHERE id = ?1";

static const char sql_rmw_row_flags[] =
	"SELECT flag_id FROM node_flag WHERE node_id = ?1";

static const char sql_rmw_status[] =
	"SELECT status FROM result WHERE node_id = ?1 AND fy = ?2";

static const char sql_rm_count_nodes[] =
	"SELECT count(*) FROM node WHERE plan_id = ?1";

/* The headings (the nodes above the items' depth ?2), from the roots
 * down: few, and never the items themselves. The roots from the index
 * of the plan's top level (db/migrate-26.sql), and none when they are
 * the items (depth 1: a plan of one level, whose 200,000 roots were
 * walked to count none). */
static const char sql_rm_count_heads[] =
	"WITH RECURSIVE h(id, depth) AS ("
	" SELECT id, depth FROM node INDEXED BY node_top"
	"  WHERE plan_id = ?1 AND parent_id IS NULL AND ?2 > 1"
	" UNION ALL SELECT n.id, n.depth FROM h JOIN node n"
	"  ON n.parent_id = h.id AND h.depth < ?2 - 1 WHERE n.depth < ?2)"
	" SELECT count(*) FROM h";

static const char sql_rm_flag_nodes[] =
	"SELECT node_id FROM node_flag WHERE flag_id = ?1";

static const char sql_rm_node_texts[] =
	"SELECT text FROM year_plan WHERE node_id = ?1";

/* A node's place in plan order. */
struct rmw {
	long long	 id, parent, ord;
	int		 depth;
};

static void
rmw_take(sqlite3_stmt *q, struct rmw *out)
{
	out->id = sqlite3_column_int64(q, 0);
	out->parent = sqlite3_column_int64(q, 1);
	out->depth = sqlite3_column_int(q, 2);
	out->ord = sqlite3_column_int64(q, 3);
}

/* Node id of the plan: 1 and *out, 0 when there is none, -1. */
static int
rmw_get(struct store *st, long long plan_id, long long id, struct rmw *out,
    char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if ((q = store_stmt(st, sql_rmw_node, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, plan_id);
	if ((rc = sheet_step(st, q, cause)) == 1)
		rmw_take(q, out);
	sqlite3_reset(q);
	return rc;
}

/*
 * How a walk of plan order goes: through every node of plan_id, or (pass
 * 1, a status; 2, no result) through those a status filter shows, a
 * window at a time (SQL_RMW_PASS). A walk remembers the period the
 * children of the parent it last looked under inherit.
 */
struct rmw_walk {
	struct store	*st;
	long long	 plan_id;
	int		 pass;
	const char	*status;
	int		 fy, max_depth;
	int		 per_read;
	long long	 per_of;
	int		 first, last;	/* 0: none */
};

/* Reads into w the period the children of parent inherit (parent 0: the
 * plan's roots). */
static int
rmw_period(struct rmw_walk *w, long long parent, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if (w->per_read && w->per_of == parent)
		return 0;
	q = store_stmt(w->st, parent == 0 ? sql_rmw_period_plan :
	    sql_rmw_period, cause);
	if (q == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, parent == 0 ? w->plan_id : parent);
	w->first = w->last = 0;
	if ((rc = sheet_step(w->st, q, cause)) == 1) {
		w->first = sqlite3_column_int(q, 0);
		w->last = sqlite3_column_int(q, 1);
	}
	sqlite3_reset(q);
	if (rc < 0)
		return -1;
	w->per_read = 1;
	w->per_of = parent;
	return 0;
}

/* Binds what a statement of SQL_RMW_PASS asks of the filter, for nodes
 * under parent. */
static int
rmw_bind_pass(struct rmw_walk *w, sqlite3_stmt *q, long long parent,
    char **cause)
{
	if (rmw_period(w, parent, cause) < 0)
		return -1;
	sqlite3_bind_int64(q, 2, w->plan_id);
	sqlite3_bind_int(q, 5, w->fy);
	if (w->pass == 1)
		store_bind_text(q, 6, w->status);
	sqlite3_bind_int(q, 7, w->max_depth);
	store_bind_opt_int(q, 8, w->first);
	store_bind_opt_int(q, 9, w->last);
	return 0;
}

/* The sibling under parent (0: the plan's roots) after (dir > 0) or
 * before the key (ord, id) that the walk goes through. */
static int
rmw_sib(struct rmw_walk *w, long long parent, long long ord, long long id,
    int dir, struct rmw *out, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	q = store_stmt(w->st, sql_rmw_sib[w->pass][(parent == 0) * 2 +
	    (dir > 0)], cause);
	if (q == NULL)
		return -1;
	if (parent != 0)
		sqlite3_bind_int64(q, 1, parent);
	else
		sqlite3_bind_int64(q, 2, w->plan_id);
	sqlite3_bind_int64(q, 3, ord);
	sqlite3_bind_int64(q, 4, id);
	if (w->pass != 0 && rmw_bind_pass(w, q, parent, cause) < 0) {
		sqlite3_reset(q);
		return -1;
	}
	if ((rc = sheet_step(w->st, q, cause)) == 1)
		rmw_take(q, out);
	sqlite3_reset(q);
	return rc;
}

/* Whether the walk goes through node x: 1, 0, -1. */
static int
rmw_shown(struct rmw_walk *w, const struct rmw *x, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if (w->pass == 0)
		return 1;
	if ((q = store_stmt(w->st, sql_rmw_shown[w->pass - 1], cause)) ==
	    NULL)
		return -1;
	sqlite3_bind_int64(q, 4, x->id);
	if (rmw_bind_pass(w, q, x->parent, cause) < 0) {
		sqlite3_reset(q);
		return -1;
	}
	rc = sheet_step(w->st, q, cause);
	sqlite3_reset(q);
	return rc;
}

/* The node after x in plan order (x NULL: the first). */
static int
rmw_next(struct rmw_walk *w, const struct rmw *x, struct rmw *out,
    char **cause)
{
	struct rmw	cur;
	int		rc, guard;

	if (x == NULL)
		return rmw_sib(w, 0, LLONG_MIN, LLONG_MIN, 1, out, cause);
	if ((rc = rmw_sib(w, x->id, LLONG_MIN, LLONG_MIN, 1, out, cause)) != 0)
		return rc;
	cur = *x;
	for (guard = 0; guard < 16; guard++) {
		if ((rc = rmw_sib(w, cur.parent, cur.ord, cur.id, 1, out,
		    cause)) != 0)
			return rc;
		if (cur.parent == 0)
			return 0;
		if ((rc = rmw_get(w->st, w->plan_id, cur.parent, &cur,
		    cause)) != 1)
			return rc;
	}
	return 0;
}

/* The last descendant of x (x itself when it has no children). */
static int
rmw_last_below(struct rmw_walk *w, struct rmw *x, char **cause)
{
	struct rmw	c;
	int		rc, guard;

	for (guard = 0; guard < 16; guard++) {
		if ((rc = rmw_sib(w, x->id, LLONG_MAX, LLONG_MAX, -1, &c,
		    cause)) < 0)
			return -1;
		if (rc == 0)
			break;
		*x = c;
	}
	return 1;
}

/* The node before x in plan order (x NULL: the last). From a node the
 * walk does not go through, the nearest one above it that it does. */
static int
rmw_prev(struct rmw_walk *w, const struct rmw *x, struct rmw *out,
    char **cause)
{
	struct rmw	cur;
	int		rc, guard;

	if (x == NULL) {
		rc = rmw_sib(w, 0, LLONG_MAX, LLONG_MAX, -1, out, cause);
		return rc == 1 ? rmw_last_below(w, out, cause) : rc;
	}
	cur = *x;
	for (guard = 0; guard < 16; guard++) {
		rc = rmw_sib(w, cur.parent, cur.ord, cur.id, -1, out, cause);
		if (rc == 1)
			return rmw_last_below(w, out, cause);
		if (rc < 0 || cur.parent == 0)
			return rc;
		if ((rc = rmw_get(w->st, w->plan_id, cur.parent, out,
		    cause)) != 1)
			return rc;
		if ((rc = rmw_shown(w, out, cause)) != 0)
			return rc;
		cur = *out;
	}
	return 0;
}

static int
rm_sorted_has(const long long *ids, size_t n, long long id)
{
	return n > 0 && bsearch(&id, ids, n, sizeof *ids, store_ids_cmp) != NULL;
}

static int
rm_filtering(const struct roadmap_filter *f)
{
	return f != NULL && (f->has_dept || f->has_flag || f->status != NULL ||
	    f->status_none);
}

/* The status of node_id's result in fy: 1 and *status (NULL when not
 * given) when there is a result, 0 when there is none, -1. */
static int
rm_status(struct store *st, long long node_id, int fy, const char **status,
    char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	*status = NULL;
	if ((q = store_stmt(st, sql_rmw_status, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, node_id);
	sqlite3_bind_int(q, 2, fy);
	if ((rc = sheet_step(st, q, cause)) == 1)
		*status = col_vocab(q, 0, VOCAB_STATUS);
	sqlite3_reset(q);
	return rc;
}

static void
rm_row_clear(struct roadmap_row *r)
{
	free(r->code);
	free(r->title);
	free(r->level);
	memset(r, 0, sizeof *r);
}

void
store_roadmap_rows_free(struct roadmap_row *rows, size_t n)
{
	size_t	i;

	if (rows == NULL)
		return;
	for (i = 0; i < n; i++)
		rm_row_clear(&rows[i]);
	free(rows);
}

int
store_roadmap_row(struct store *st, const struct roadmap *rm,
    long long node_id, struct roadmap_row *out, char **cause)
{
	sqlite3_stmt	*q;
	long long	 fid;
	size_t		 f;
	int		 rc, d;

	memset(out, 0, sizeof *out);
	if ((q = store_stmt(st, sql_rmw_row, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, node_id);
	if ((rc = sheet_step(st, q, cause)) == 1) {
		d = sqlite3_column_int(q, 0);
		out->node_id = node_id;
		out->depth = d;
		out->is_item = d >= rm->max_depth;
		out->code = store_col_dup(q, 1);
		out->title = store_col_dup(q, 2);
		out->level = store_col_dup(q, 3);
		if (*out->level == '\0' && d >= 1 && d <= 4 &&
		    rm->levels[d] != NULL) {
			free(out->level);
			out->level = xstrdup(rm->levels[d]);
		}
	}
	sqlite3_reset(q);
	if (rc == 0 && cause != NULL)
		*cause = xstrdup("施策・取組が見つかりません");
	if (rc != 1)
		return -1;

	if ((q = store_stmt(st, sql_rmw_row_flags, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(q, 1, node_id);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		fid = sqlite3_column_int64(q, 0);
		for (f = 0; f < rm->nflags; f++)
			if (rm->flags[f].id == fid)
				out->flags |= (uint64_t)1 << f;
	}
	sqlite3_reset(q);
	if (rc < 0)
		goto fail;
	if (!out->is_item)
		return 0;
	if ((rc = rm_status(st, node_id, rm->fy, &out->status, cause)) < 0)
		goto fail;
	out->has_result = rc == 1;
	return 0;

fail:
	rm_row_clear(out);
	return -1;
}

struct rm_out {
	struct roadmap_row	*rows;
	size_t			 n, cap;
};

static int
rm_emit(struct store *st, const struct roadmap *rm, struct rm_out *o,
    long long node_id, char **cause)
{
	o->rows = sheet_grow(o->rows, &o->cap, o->n, sizeof *o->rows);
	if (store_roadmap_row(st, rm, node_id, &o->rows[o->n], cause) < 0)
		return -1;
	o->n++;
	return 0;
}

/* The next row of plan order after x (rmw_next) or before it (rmw_prev). */
typedef int rmw_step_fn(struct rmw_walk *, const struct rmw *, struct rmw *,
    char **);

/* Every row the walk goes through from x (NULL: the start, or the end
 * going back) one step at a time: forward after x, or back before it
 * with the row nearest x first. */
static int
rm_rows_walk(struct rmw_walk *w, const struct roadmap *rm,
    const struct rmw *x, rmw_step_fn *step, size_t limit, struct rm_out *o,
    char **cause)
{
	struct rmw	 cur, nx;
	int		 have = x != NULL, rc;

	if (have)
		cur = *x;
	while (o->n < limit) {
		if ((rc = step(w, have ? &cur : NULL, &nx, cause)) < 0)
			return -1;
		if (rc == 0)
			break;
		if (rm_emit(w->st, rm, o, nx.id, cause) < 0)
			return -1;
		cur = nx;
		have = 1;
	}
	return 0;
}

/*
 * A filter's rows, prepared once (store_roadmap_filter_prepare): the items
 * it lets through, read from the nodes it names (a department's, a
 * flag's) or, for a status alone, from the plan's items with their
 * result of the year, each placed in plan order by its path of (ord, id)
 * from the root through the plan's headings (read once: a few thousand
 * at most), and the headings above them. Windows are then slices of it.
 */
#define RM_MAX_DEPTH 4

struct rm_vkey {
	long long	 ord, id;
};

struct rm_vrow {
	long long	 id;
	int		 depth;		/* path[0 .. depth - 1] */
	struct rm_vkey	 path[RM_MAX_DEPTH];
};

struct rm_head {
	long long	 id, parent, ord;
	int		 depth;
	int		 first, last;	/* the period its items inherit (as
					   sql_rmw_period reads it); 0: none */
};

struct roadmap_vis {
	int		 windowed;	/* read by window (SQL_RMW_PASS): no
					   rows, nitems from the kept figures */
	struct rm_vrow	*rows;
	size_t		 n, nitems;
	struct rm_head	*heads;		/* by id */
	size_t		 nheads;
	int		 first, last;	/* the plan's period; 0: none */
};

static const char sql_rm_heads[] =
	"WITH RECURSIVE h(id, parent, depth, ord, first, last) AS ("
	" SELECT n.id, 0, n.depth, n.ord, coalesce(n.first_fy, p.first_fy),"
	"  coalesce(n.last_fy, p.last_fy) FROM node n INDEXED BY node_top"
	"  JOIN plan p ON p.id = n.plan_id"
	"  WHERE n.plan_id = ?1 AND n.parent_id IS NULL AND ?2 > 1"
	" UNION ALL SELECT n.id, n.parent_id, n.depth, n.ord,"
	"  coalesce(n.first_fy, h.first), coalesce(n.last_fy, h.last)"
	"  FROM h JOIN node n"
	"  ON n.parent_id = h.id AND h.depth < ?2 - 1 WHERE n.depth < ?2)"
	" SELECT id, parent, depth, ord, first, last FROM h";

/* The plan's items with their result of the year: a status filter
 * alone has no shorter list to start from. */
static const char sql_rm_items_status[] =
	"SELECT n.id, coalesce(n.parent_id, 0), n.depth, n.ord,"
	" r.id IS NOT NULL, r.status FROM node n"
	" LEFT JOIN result r ON r.node_id = n.id AND r.fy = ?2"
	" WHERE n.plan_id = ?1 AND n.depth >= ?3 AND "
	SQL_RM_IN_YEAR_OF("n.", "?4", "?5", "?2");

static int
cmp_head(const void *a, const void *b)
{
	const struct rm_head	*x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static const struct rm_head *
rm_head_find(const struct roadmap_vis *v, long long id)
{
	struct rm_head	key;

	key.id = id;
	return v->nheads == 0 ? NULL : bsearch(&key, v->heads, v->nheads,
	    sizeof key, cmp_head);
}

/* Fills r's path from its place (parent, ord) up through the headings. */
static void
rm_vrow_path(const struct roadmap_vis *v, struct rm_vrow *r, long long id,
    long long parent, long long ord, int depth)
{
	const struct rm_head	*h;
	struct rm_vkey		 up[RM_MAX_DEPTH + 1];
	int			 k = 0, i;

	up[k].ord = ord;
	up[k++].id = id;
	while (parent != 0 && k <= RM_MAX_DEPTH &&
	    (h = rm_head_find(v, parent)) != NULL) {
		up[k].ord = h->ord;
		up[k++].id = h->id;
		parent = h->parent;
	}
	if (k > RM_MAX_DEPTH)
		k = RM_MAX_DEPTH;
	memset(r, 0, sizeof *r);
	r->id = id;
	r->depth = k;
	for (i = 0; i < k; i++)
		r->path[i] = up[k - 1 - i];
	(void)depth;
}

static int
rm_vrow_cmp(const struct rm_vrow *x, const struct rm_vrow *y)
{
	int	i;

	for (i = 0; i < x->depth && i < y->depth; i++) {
		if (x->path[i].ord != y->path[i].ord)
			return x->path[i].ord < y->path[i].ord ? -1 : 1;
		if (x->path[i].id != y->path[i].id)
			return x->path[i].id < y->path[i].id ? -1 : 1;
	}
	return (x->depth > y->depth) - (x->depth < y->depth);
}

static int
cmp_vrow(const void *a, const void *b)
{
	return rm_vrow_cmp(a, b);
}

/* The plan's headings into v, by id. */
static int
rm_heads_load(struct store *st, const struct roadmap *rm,
    struct roadmap_vis *v, char **cause)
{
	struct rmw_walk	 w;
	sqlite3_stmt	*q;
	size_t		 hcap = 0;
	int		 rc;

	if ((q = store_stmt(st, sql_rm_heads, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, rm->plan_id);
	sqlite3_bind_int(q, 2, rm->max_depth);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		struct rm_head	*h;

		v->heads = sheet_grow(v->heads, &hcap, v->nheads,
		    sizeof *v->heads);
		h = &v->heads[v->nheads++];
		h->id = sqlite3_column_int64(q, 0);
		h->parent = sqlite3_column_int64(q, 1);
		h->depth = sqlite3_column_int(q, 2);
		h->ord = sqlite3_column_int64(q, 3);
		h->first = sqlite3_column_int(q, 4);
		h->last = sqlite3_column_int(q, 5);
	}
	sqlite3_reset(q);
	if (rc < 0)
		return -1;
	if (v->nheads > 1)
		qsort(v->heads, v->nheads, sizeof *v->heads, cmp_head);
	/* (The plan's period: what its roots inherit.) */
	memset(&w, 0, sizeof w);
	w.st = st;
	w.plan_id = rm->plan_id;
	if (rmw_period(&w, 0, cause) < 0)
		return -1;
	v->first = w.first;
	v->last = w.last;

	return 0;
}

/* Does one of the texts (separated by RS, 0x1e) contain needle? */
static int
rm_texts_contain(const char *texts, const char *needle)
{
	const char	*p = texts, *nl;
	char		*one;
	int		 hit;

	for (;;) {
		nl = strchr(p, 0x1e);
		if (nl == NULL)
			return tw_contains(p, needle);
		one = xstrndup(p, (size_t)(nl - p));
		hit = tw_contains(one, needle);
		free(one);
		if (hit)
			return 1;
		p = nl + 1;
	}
}

void
store_roadmap_filter_clear(struct roadmap_filter *f)
{
	if (f == NULL || f->vis == NULL)
		return;
	free(f->vis->rows);
	free(f->vis->heads);
	free(f->vis);
	f->vis = NULL;
}

/* Adds row r to v, whose rows share their array with the items not read
 * yet from index unread on: should r reach them, the rows are copied to
 * an array of their own first (*own set). */
static void
rm_vis_put(struct roadmap_vis *v, size_t *cap, int *own, size_t unread,
    const struct rm_vrow *r)
{
	struct rm_vrow	*rows;

	if (!*own && v->n >= unread) {
		*cap = v->n + 64;
		rows = xcalloc(*cap, sizeof *rows);
		memcpy(rows, v->rows, v->n * sizeof *rows);
		v->rows = rows;
		*own = 1;
	}
	if (*own)
		v->rows = sheet_grow(v->rows, cap, v->n, sizeof *v->rows);
	v->rows[v->n++] = *r;
}

/* Room for one more item in an array of cap: grown by doubling, not
 * zeroed (each item is written whole). */
static struct rm_vrow *
rm_items_room(struct rm_vrow *items, size_t *cap, size_t n)
{
	if (n < *cap)
		return items;
	*cap = *cap < 1024 ? 1024 : *cap * 2;
	return xreallocarray(items, *cap, sizeof *items);
}

/* The items under the headings just above them (the plan's headings of
 * depth max_depth - 1, in plan order), each heading's through the tree's
 * index in order, with the year's result: a status filter's items in
 * plan order without reading the items' rows. (Each result's status
 * comes from the index of a year's results, not from its row, whose
 * texts are long: in-process 230-320 -> 90-115 ms for the 200,000 items
 * of a plan.) */
/* (?4, ?5: the period the heading's items inherit, sql_rm_heads.) */
#define SQL_RM_IN_YEAR " AND " SQL_RM_IN_YEAR_OF("n.", "?4", "?5", "?2")
static const char sql_rm_kids_status[] =
	"SELECT n.id, n.ord FROM node n INDEXED BY node_parent"
	" CROSS JOIN result r INDEXED BY result_state ON r.fy = ?2"
	" AND r.node_id = n.id WHERE n.parent_id = ?1 AND r.status = ?3"
	SQL_RM_IN_YEAR " ORDER BY n.ord, n.id";

static const char sql_rm_kids_none[] =
	"SELECT n.id, n.ord FROM node n WHERE n.parent_id = ?1"
	" AND NOT EXISTS (SELECT 1 FROM result r WHERE r.node_id = n.id"
	" AND r.fy = ?2)" SQL_RM_IN_YEAR " ORDER BY n.ord, n.id";

/* A heading's items, when no result of the year is kept at all (the
 * year just begun, as a rule): every one is 未入力, and none need be
 * looked for among the results (200,000 items, through the terminal:
 * 201 -> 139 ms; a status, 62 -> 3 ms). */
static const char sql_rm_kids_all[] =
	"SELECT n.id, n.ord FROM node n INDEXED BY node_parent"
	" WHERE n.parent_id = ?1" SQL_RM_IN_YEAR " ORDER BY n.ord, n.id";

/* A heading above the items, with its place. */
struct rm_hvrow {
	struct rm_vrow		 r;
	const struct rm_head	*h;
};

static int
cmp_hvrow(const void *a, const void *b)
{
	return rm_vrow_cmp(&((const struct rm_hvrow *)a)->r,
	    &((const struct rm_hvrow *)b)->r);
}

static int
rm_items_by_heads(struct store *st, const struct roadmap *rm,
    const struct roadmap_filter *f, const struct roadmap_vis *v,
    struct rm_vrow **items, size_t *nitems, size_t *cap, char **cause)
{
	struct rm_hvrow	*hs;
	sqlite3_stmt	*q;
	const char	*sql;
	size_t		 nh = 0, i;
	long long	 results;
	int		 rc = 0;

	if (store_read_int(st, STORE_SQL_YEAR_HAS_RESULTS, rm->fy, 0, &results,
	    NULL, cause) != 0)
		return -1;
	if (results == 0 && !f->status_none)
		return 0;	/* (no status in a year of no result) */
	sql = results == 0 ? sql_rm_kids_all : f->status_none ?
	    sql_rm_kids_none : sql_rm_kids_status;
	hs = xcalloc(v->nheads + 1, sizeof *hs);
	for (i = 0; i < v->nheads; i++)
		if (v->heads[i].depth == rm->max_depth - 1) {
			rm_vrow_path(v, &hs[nh].r, v->heads[i].id,
			    v->heads[i].parent, v->heads[i].ord,
			    v->heads[i].depth);
			hs[nh++].h = &v->heads[i];
		}
	if (nh > 1)
		qsort(hs, nh, sizeof *hs, cmp_hvrow);
	for (i = 0; i < nh && rc >= 0; i++) {
		if ((q = store_stmt(st, sql, cause)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(q, 1, hs[i].r.id);
		sqlite3_bind_int(q, 2, rm->fy);
		if (results != 0 && !f->status_none)
			store_bind_text(q, 3, f->status);
		store_bind_opt_int(q, 4, hs[i].h->first);
		store_bind_opt_int(q, 5, hs[i].h->last);
		while ((rc = sheet_step(st, q, cause)) == 1) {
			struct rm_vrow	*r;

			if (hs[i].r.depth >= RM_MAX_DEPTH)
				continue;
			*items = rm_items_room(*items, cap, *nitems);
			r = &(*items)[(*nitems)++];
			*r = hs[i].r;
			r->id = sqlite3_column_int64(q, 0);
			r->path[r->depth].ord = sqlite3_column_int64(q, 1);
			r->path[r->depth].id = r->id;
			r->depth++;
		}
		sqlite3_reset(q);
	}
	free(hs);
	return rc < 0 ? -1 : 0;
}

/* The items among the nodes in the JSON array ?1 (ascending ids) of
 * plan ?2 (those of depth ?3, the plan's deepest, or below), each with
 * its parent and order from the index of the nodes' shape; with the
 * second, whether it has a result in ?4 and its status. One statement
 * for the tens of thousands of nodes a department or a flag can name:
 * with a statement for each, the 50,000 items of a department of a plan
 * of eight took 540-640 ms a key. */
#define SQL_RM_NAMED(RESULT)						\
	"SELECT n.id, coalesce(n.parent_id, 0), n.depth, n.ord, " RESULT \
	", n.first_fy, n.last_fy FROM json_each(?1) j"						\
	" CROSS JOIN node n INDEXED BY node_shape ON n.id = j.value"
static const char sql_rm_named[] = SQL_RM_NAMED("0, NULL")
	" WHERE n.plan_id = ?2 AND n.depth >= ?3";
static const char sql_rm_named_status[] =
	SQL_RM_NAMED("r.node_id IS NOT NULL, r.status")
	" LEFT JOIN result r INDEXED BY result_state"
	" ON r.fy = ?4 AND r.node_id = n.id"
	" WHERE n.plan_id = ?2 AND n.depth >= ?3";

/* The same of a department's items (?1) in force in ?5, from its
 * assignments, each of which carries its node's parent, depth and order
 * (db/migrate-27.sql): the department's range of one index, in the
 * order of its nodes' ids, no node looked up (the filter's preparation
 * for 50,000 items, in-process: 43-47 -> 31-36 ms). */
#define SQL_RM_DEPT(RESULT)						\
	"SELECT nd.node_id, coalesce(nd.parent_id, 0), nd.depth,"	\
	" nd.node_ord, " RESULT " FROM node_dept nd INDEXED BY node_dept_plan"
#define SQL_RM_DEPT_WHERE						\
	" WHERE nd.plan_id = ?2 AND nd.dept_id = ?1 AND nd.depth >= ?3"	\
	" AND " SQL_ASSIGN_IN_FORCE("?5")
static const char sql_rm_dept[] = SQL_RM_DEPT("0, NULL") SQL_RM_DEPT_WHERE;
static const char sql_rm_dept_status[] =
	SQL_RM_DEPT("r.node_id IS NOT NULL, r.status, n.first_fy, n.last_fy")
	" CROSS JOIN node n INDEXED BY node_shape ON n.id = nd.node_id"
	" LEFT JOIN result r INDEXED BY result_state"
	" ON r.fy = ?4 AND r.node_id = nd.node_id" SQL_RM_DEPT_WHERE;

/* Whether the item of a row (its own period in columns col, col + 1,
 * NULL when it inherits one) under parent is of the year fy: as
 * SQL_RM_IN_YEAR. */
static int
rm_item_in_year(const struct roadmap_vis *v, int fy, long long parent,
    sqlite3_stmt *q, int col)
{
	const struct rm_head	*h = parent != 0 ? rm_head_find(v, parent) :
				    NULL;
	int			 first = h != NULL ? h->first : v->first;
	int			 last = h != NULL ? h->last : v->last;

	if (sqlite3_column_type(q, col) != SQLITE_NULL)
		first = sqlite3_column_int(q, col);
	if (sqlite3_column_type(q, col + 1) != SQLITE_NULL)
		last = sqlite3_column_int(q, col + 1);
	return fy_in_span(fy, first, last);
}

/* The items of ids (a department's or a flag's nodes, ascending) that
 * filter f lets through (items whose result of the year has the status
 * filtered by, or none for status_none), placed by their paths. */
static int
rm_named_items(struct store *st, const struct roadmap *rm,
    const struct roadmap_filter *f, const long long *ids, size_t nids,
    const struct roadmap_vis *v, struct rm_vrow **items, size_t *nitems,
    size_t *cap, char **cause)
{
	sqlite3_stmt	*q;
	struct rm_vrow	*r;
	const char	*status;
	long long	 id, parent, last_parent = 0;
	int		 by_status = f->status != NULL || f->status_none, has, rc;
	int		 by_dept;
	size_t		 first = *nitems;

	if (nids == 0)
		return 0;
	by_dept = ids == f->dept_nodes && f->dept_id != 0;
	if ((q = store_stmt(st, by_dept ? (by_status ? sql_rm_dept_status :
	    sql_rm_dept) : by_status ? sql_rm_named_status : sql_rm_named,
	    cause)) == NULL)
		return -1;
	if (by_dept) {
		sqlite3_bind_int64(q, 1, f->dept_id);
		sqlite3_bind_int(q, 5, rm->fy);
	} else
		sqlite3_bind_text(q, 1, store_ids_json(ids, nids), -1, free);
	sqlite3_bind_int64(q, 2, rm->plan_id);
	sqlite3_bind_int(q, 3, rm->max_depth);
	if (by_status)
		sqlite3_bind_int(q, 4, rm->fy);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		id = sqlite3_column_int64(q, 0);
		/* (A node assigned to the department twice, in order.) */
		if (*nitems > first && (*items)[*nitems - 1].id == id)
			continue;
		/* (ids are the shorter of the two lists named.) */
		if ((f->has_dept && ids != f->dept_nodes &&
		    !rm_sorted_has(f->dept_nodes, f->ndept_nodes, id)) ||
		    (f->has_flag && ids != f->flag_nodes &&
		    !rm_sorted_has(f->flag_nodes, f->nflag_nodes, id)))
			continue;
		parent = sqlite3_column_int64(q, 1);
		if (by_status) {
			has = sqlite3_column_int(q, 4);
			status = col_vocab(q, 5, VOCAB_STATUS);
			if (f->status_none ? has : !has || status == NULL ||
			    strcmp(status, f->status) != 0)
				continue;
			if (!rm_item_in_year(v, rm->fy, parent, q, 6))
				continue;
		}
		*items = rm_items_room(*items, cap, *nitems);
		r = &(*items)[(*nitems)++];
		/* A sibling of the item before (they come by id, siblings
		 * together as a rule) has its path but for itself. */
		if (*nitems > first + 1 && parent == last_parent &&
		    parent != 0) {
			*r = r[-1];
			r->id = id;
			r->path[r->depth - 1].id = id;
			r->path[r->depth - 1].ord = sqlite3_column_int64(q, 3);
		} else
			rm_vrow_path(v, r, id, parent,
			    sqlite3_column_int64(q, 3),
			    sqlite3_column_int(q, 2));
		last_parent = parent;
	}
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return rc < 0 ? -1 : 0;
}

static int rm_count_sql(struct store *st, const char *sql,
    long long plan_id, int a, size_t *n, char **cause);

/* Whether the figures of the plan's headings in the year are kept
 * (db/migrate-11.sql), and how many of its items of the year have a
 * result of status ?4 (NULL: none). */
static const char sql_rm_win_kept[] =
	"SELECT (SELECT 1 FROM plan_fig WHERE plan_id = ?1 AND fy = ?2"
	" AND items_valid = 1 AND depth = ?3), (SELECT coalesce(sum(n), 0)"
	" FROM plan_fig_item WHERE plan_id = ?1 AND fy = ?2 AND"
	" CASE WHEN ?4 IS NULL THEN state = '' ELSE status = ?4 END)";

/* Whether the year's figures of rm's plan are kept (*kept), and how many
 * of its items of the year a status filter alone lets through (*n). */
static int
rm_win_read(struct store *st, const struct roadmap *rm,
    const struct roadmap_filter *f, int *kept, size_t *n, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	*kept = 0;
	*n = 0;
	if ((q = store_stmt(st, sql_rm_win_kept, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, rm->plan_id);
	sqlite3_bind_int(q, 2, rm->fy);
	sqlite3_bind_int(q, 3, rm->max_depth);
	if (!f->status_none)
		store_bind_text(q, 4, f->status);
	if ((rc = sheet_step(st, q, cause)) == 1) {
		*kept = sqlite3_column_int(q, 0) == 1;
		*n = (size_t)sqlite3_column_int64(q, 1);
	}
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return rc < 0 ? -1 : 0;
}

/* A status filter alone is read by window when the year's figures are
 * kept: 1 (v->windowed, v->nitems), 0 when it is not, -1. Not in a plan
 * of one level: the kept figures of headings bound a window's lookups
 * to the children of one heading, but there the items are the roots,
 * and a status few items have would be looked for among all of them at
 * each window. */
static int
rm_win_prepare(struct store *st, const struct roadmap *rm,
    const struct roadmap_filter *f, struct roadmap_vis *v, char **cause)
{
	int	kept;
	size_t	n;

	if (f->has_dept || f->has_flag || (f->status == NULL &&
	    !f->status_none) || rm->max_depth < 2)
		return 0;
	if (rm_win_read(st, rm, f, &kept, &n, cause) < 0)
		return -1;
	if (!kept)
		return 0;
	v->windowed = 1;
	v->nitems = n;
	return 1;
}

/* A walk of rm's plan through every node, or through the rows filter f
 * shows when it is read by window. */
static void
rmw_walk_init(struct store *st, const struct roadmap *rm,
    const struct roadmap_filter *f, struct rmw_walk *w)
{
	memset(w, 0, sizeof *w);
	w->st = st;
	w->plan_id = rm->plan_id;
	w->fy = rm->fy;
	w->max_depth = rm->max_depth;
	if (f != NULL && f->vis != NULL && f->vis->windowed) {
		w->pass = f->status_none ? 2 : 1;
		w->status = f->status;
	}
}

int
store_roadmap_filter_prepare(struct store *st, const struct roadmap *rm,
    struct roadmap_filter *f, char **cause)
{
	struct roadmap_vis	*v;
	struct rm_vrow		*items = NULL, r, prev, cur;
	sqlite3_stmt		*q;
	const long long		*ids = NULL;
	size_t			 nitems, cap, vcap = 0, nids = 0, i, slack, most;
	int			 rc, k, same, sorted = 0, own = 0;

	store_roadmap_filter_clear(f);
	if (!rm_filtering(f))
		return 0;
	v = xcalloc(1, sizeof *v);

	if ((rc = rm_win_prepare(st, rm, f, v, cause)) != 0) {
		if (rc < 0)
			goto fail;
		f->vis = v;
		return 0;
	}
	if (rm_heads_load(st, rm, v, cause) < 0)
		goto fail;

	/* The items go after room for the rows of the headings above them
	 * (below), in an array of the size they can come to: the nodes
	 * named, else the plan's (grown by doubling, the array of 200,000
	 * items was copied at each growth, and zeroed, a third of the
	 * time of 未入力). */
	if (f->has_dept || f->has_flag) {
		if (f->has_dept && (!f->has_flag ||
		    f->ndept_nodes <= f->nflag_nodes)) {
			ids = f->dept_nodes;
			nids = f->ndept_nodes;
		} else {
			ids = f->flag_nodes;
			nids = f->nflag_nodes;
		}
		most = nids;
	} else if (rm_count_sql(st, sql_rm_count_nodes, rm->plan_id, 0, &most,
	    cause) < 0)
		goto fail;
	slack = v->nheads + 1;
	nitems = slack;
	cap = slack + most;
	items = xcalloc(cap, sizeof *items);

	/* The items it lets through. */
	if (f->has_dept || f->has_flag) {
		if (rm_named_items(st, rm, f, ids, nids, v, &items, &nitems,
		    &cap, cause) < 0)
			goto fail;
	} else if (rm->max_depth > 1) {
		if (rm_items_by_heads(st, rm, f, v, &items, &nitems, &cap,
		    cause) < 0)
			goto fail;
		sorted = 1;
	} else {
		if ((q = store_stmt(st, sql_rm_items_status, cause)) == NULL)
			goto fail;
		sqlite3_bind_int64(q, 1, rm->plan_id);
		sqlite3_bind_int(q, 2, rm->fy);
		sqlite3_bind_int(q, 3, rm->max_depth);
		store_bind_opt_int(q, 4, v->first);
		store_bind_opt_int(q, 5, v->last);
		while ((rc = sheet_step(st, q, cause)) == 1) {
			const char	*status = col_vocab(q, 5, VOCAB_STATUS);
			int		 has = sqlite3_column_int(q, 4);

			if (f->status_none ? has : !has || status == NULL ||
			    strcmp(status, f->status) != 0)
				continue;
			items = rm_items_room(items, &cap, nitems);
			rm_vrow_path(v, &items[nitems++],
			    sqlite3_column_int64(q, 0),
			    sqlite3_column_int64(q, 1),
			    sqlite3_column_int64(q, 3),
			    sqlite3_column_int(q, 2));
		}
		sqlite3_reset(q);
		if (rc < 0)
			goto fail;
	}
	nitems -= slack;
	/* (Read by id, which follows plan order as a rule.) */
	if (nitems > 1 && !sorted)
		sort_mostly_sorted(items + slack, nitems, sizeof *items,
		    cmp_vrow);

	/* In plan order, each under the headings not shown yet, written
	 * over the items themselves: they stand after room for the number
	 * of headings plus one, at most as many rows as come before an item
	 * in plan order, so a row is never written over an item not yet
	 * read (should one be, the rest go to an array of their own). Two
	 * arrays of the 200,000 items of a plan held 32 MiB at once. */
	v->rows = items;
	vcap = cap;
	memset(&prev, 0, sizeof prev);
	for (i = 0; i < nitems; i++) {
		cur = items[slack + i];
		same = 1;
		for (k = 0; k + 1 < cur.depth; k++) {
			if (same && k + 1 < prev.depth &&
			    prev.path[k].id == cur.path[k].id)
				continue;
			same = 0;
			memset(&r, 0, sizeof r);
			r.id = cur.path[k].id;
			r.depth = k + 1;
			memcpy(r.path, cur.path, (size_t)(k + 1) *
			    sizeof *r.path);
			rm_vis_put(v, &vcap, &own, slack + i, &r);
		}
		rm_vis_put(v, &vcap, &own, slack + i + 1, &cur);
		prev = cur;
	}
	if (own)
		free(items);
	v->nitems = nitems;
	f->vis = v;
	return 0;

fail:
	if (v->rows != items)
		free(v->rows);
	free(items);
	free(v->heads);
	free(v);
	return -1;
}

/* The first row of v at or after node id's place; *shown when it is
 * that node. */
static int
rm_vis_place(struct store *st, const struct roadmap *rm,
    const struct roadmap_vis *v, long long id, size_t *at, int *shown,
    char **cause)
{
	const struct rm_head	*h;
	struct rm_vrow		 key;
	struct rmw		 x;
	size_t			 lo = 0, hi = v->n, mid;
	int			 rc;

	if ((h = rm_head_find(v, id)) != NULL)
		rm_vrow_path(v, &key, h->id, h->parent, h->ord, h->depth);
	else {
		if ((rc = rmw_get(st, rm->plan_id, id, &x, cause)) < 0)
			return -1;
		if (rc == 0) {
			if (cause != NULL)
				*cause = xstrdup("施策・取組が見つかりません");
			return -1;
		}
		rm_vrow_path(v, &key, x.id, x.parent, x.ord, x.depth);
	}
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (rm_vrow_cmp(&v->rows[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*at = lo;
	*shown = lo < v->n && v->rows[lo].id == id;
	return 0;
}

static int
rm_rows_vis(struct store *st, const struct roadmap *rm,
    const struct roadmap_vis *v, long long from, int inclusive, int dir,
    size_t limit, struct rm_out *o, char **cause)
{
	size_t	at, a, b, i;
	int	shown;

	if (from == 0)
		at = dir > 0 ? 0 : v->n;
	else {
		if (rm_vis_place(st, rm, v, from, &at, &shown, cause) < 0)
			return -1;
		if (dir > 0 && shown && !inclusive)
			at++;
	}
	if (dir > 0) {
		a = at;
		b = at + limit < v->n ? at + limit : v->n;
	} else {
		b = at;
		a = at > limit ? at - limit : 0;
	}
	/* Backward rows are wanted last first (turned round after). */
	for (i = 0; a + i < b; i++)
		if (rm_emit(st, rm, o, v->rows[dir > 0 ? a + i : b - 1 - i].id,
		    cause) < 0)
			return -1;
	return 0;
}

/*
 * Search hits of a whole plan, for a search the rows near the cursor did
 * not answer: one pass over the plan's nodes and their yearly plans
 * (what the screen's search used to read on every search), the hits
 * placed in plan order, so that n and N then find the next one from the
 * cursor by bisection.
 */
struct roadmap_hits {
	struct roadmap_vis	 v;	/* heads, and rows = the hits */
	unsigned char		*in_cell;	/* by row: the hit is in a text */
};

/* A word tw_contains would fold nothing of (no ASCII, no full-width
 * ASCII) is found in a text by plain comparison: SQLite's instr then
 * reads only the hits, in the first place with cell_hit telling. */
static const char sql_rm_hits_plain[] =
	"SELECT n.id, coalesce(n.parent_id, 0), n.depth, n.ord,"
	" instr(n.code, ?2) = 0 AND instr(n.title, ?2) = 0 FROM node n"
	" WHERE n.plan_id = ?1 AND (instr(n.code, ?2) OR instr(n.title, ?2)"
	"  OR (n.depth >= ?3 AND EXISTS (SELECT 1 FROM year_plan y"
	"  WHERE y.node_id = n.id AND instr(y.text, ?2))))";

static const char sql_rm_hits[] =
	"SELECT n.id, coalesce(n.parent_id, 0), n.depth, n.ord, n.code,"
	" n.title, (SELECT group_concat(y.text, char(30)) FROM year_plan y"
	"  WHERE y.node_id = n.id) FROM node n WHERE n.plan_id = ?1";

void
store_roadmap_hits_free(struct roadmap_hits *h)
{
	if (h == NULL)
		return;
	free(h->v.rows);
	free(h->v.heads);
	free(h->in_cell);
	free(h);
}

struct rm_hitrow {
	struct rm_vrow	 r;
	int		 in_cell;
};

static int
cmp_hitrow(const void *a, const void *b)
{
	return rm_vrow_cmp(&((const struct rm_hitrow *)a)->r,
	    &((const struct rm_hitrow *)b)->r);
}

/* A row of sql_rm_hits: 0 for a hit in the code or title, 1 for one in
 * an item's yearly plan only, -1 for none. */
static int
rm_hit_cell(sqlite3_stmt *q, int depth, int max_depth, const char *needle)
{
	const unsigned char	*code = sqlite3_column_text(q, 4);
	const unsigned char	*title = sqlite3_column_text(q, 5);
	const unsigned char	*texts = sqlite3_column_text(q, 6);

	if (tw_contains(code == NULL ? "" : (const char *)code, needle) ||
	    tw_contains(title == NULL ? "" : (const char *)title, needle))
		return 0;
	/* The texts of an item's cells, each on its own. */
	if (depth < max_depth || texts == NULL ||
	    !rm_texts_contain((const char *)texts, needle))
		return -1;
	return 1;
}

/* Does tw_contains fold nothing of needle? */
static int
rm_plain_word(const char *needle)
{
	const unsigned char	*p = (const unsigned char *)needle;

	if (*p == '\0')
		return 0;
	for (; *p != '\0'; p++) {
		if (*p < 0x80)
			return 0;
		/* U+FF01..U+FF5E: EF BC 81..EF BD 9E */
		if (p[0] == 0xef && (p[1] == 0xbc || p[1] == 0xbd))
			return 0;
	}
	return 1;
}

int
store_roadmap_hits(struct store *st, const struct roadmap *rm,
    const char *needle, struct roadmap_hits **out, char **cause)
{
	struct roadmap_hits	*h;
	struct rm_hitrow	*v = NULL;
	sqlite3_stmt		*q;
	size_t			 n = 0, cap = 0, i;
	int			 rc, d, cell, plain;

	*out = NULL;
	h = xcalloc(1, sizeof *h);
	if (rm_heads_load(st, rm, &h->v, cause) < 0)
		goto fail;
	plain = rm_plain_word(needle);
	if ((q = store_stmt(st, plain ? sql_rm_hits_plain : sql_rm_hits,
	    cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(q, 1, rm->plan_id);
	if (plain) {
		store_bind_text(q, 2, needle);
		sqlite3_bind_int(q, 3, rm->max_depth);
	}
	while ((rc = sheet_step(st, q, cause)) == 1) {
		d = sqlite3_column_int(q, 2);
		cell = plain ? sqlite3_column_int(q, 4) : rm_hit_cell(q, d,
		    rm->max_depth, needle);
		if (cell < 0)
			continue;
		v = sheet_grow(v, &cap, n, sizeof *v);
		rm_vrow_path(&h->v, &v[n].r, sqlite3_column_int64(q, 0),
		    sqlite3_column_int64(q, 1), sqlite3_column_int64(q, 3), d);
		v[n++].in_cell = cell;
	}
	sqlite3_reset(q);
	if (rc < 0)
		goto fail;
	if (n > 1)
		qsort(v, n, sizeof *v, cmp_hitrow);
	h->v.rows = xcalloc(n + 1, sizeof *h->v.rows);
	h->in_cell = xcalloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		h->v.rows[i] = v[i].r;
		h->in_cell[i] = (unsigned char)v[i].in_cell;
	}
	h->v.n = n;
	free(v);
	*out = h;
	return 0;

fail:
	free(v);
	store_roadmap_hits_free(h);
	return -1;
}

int
store_roadmap_hits_next(struct store *st, const struct roadmap *rm,
    const struct roadmap_hits *h, const struct roadmap_filter *f,
    long long from, int dir, long long *node_id, int *in_cell, int *wrapped,
    char **cause)
{
	struct rmw_walk	w;
	size_t		at, k, i, vat, off;
	int		shown, vshown;

	*node_id = 0;
	*in_cell = 0;
	*wrapped = 0;
	if (h->v.n == 0)
		return 0;
	rmw_walk_init(st, rm, f, &w);
	if (rm_vis_place(st, rm, &h->v, from, &at, &shown, cause) < 0)
		return -1;
	/* The hits after from (before it), round to from itself. */
	for (k = 1; k <= h->v.n; k++) {
		if (dir > 0) {
			off = at + (shown ? k : k - 1);
			i = off % h->v.n;
			*wrapped = off >= h->v.n;
		} else {
			i = (at + h->v.n - k) % h->v.n;
			*wrapped = k > at;
		}
		if (rm_filtering(f) && f->vis != NULL && f->vis->windowed) {
			const struct rm_vrow	*r = &h->v.rows[i];
			struct rmw		 x;

			memset(&x, 0, sizeof x);
			x.id = r->id;
			x.parent = r->depth >= 2 ? r->path[r->depth - 2].id : 0;
			if ((vshown = rmw_shown(&w, &x, cause)) < 0)
				return -1;
			if (!vshown)
				continue;
		} else if (rm_filtering(f)) {
			if (f->vis == NULL || rm_vis_place(st, rm, f->vis,
			    h->v.rows[i].id, &vat, &vshown, cause) < 0)
				return f->vis == NULL ? 0 : -1;
			if (!vshown)
				continue;
		}
		*node_id = h->v.rows[i].id;
		*in_cell = h->in_cell[i];
		return 1;
	}
	return 0;
}

int
store_roadmap_rows(struct store *st, const struct roadmap *rm,
    const struct roadmap_filter *f, long long from, int inclusive, int dir,
    size_t limit, struct roadmap_row **rows, size_t *n, char **cause)
{
	struct rm_out	 o = { NULL, 0, 0 };
	struct rmw_walk	 all, w;
	struct rmw	 x, px;
	const struct rmw *at = NULL;
	size_t		 i;
	int		 rc;

	*rows = NULL;
	*n = 0;
	if (rm_filtering(f) && f->vis == NULL) {
		if (cause != NULL)
			*cause = xstrdup("絞り込みが準備されていません");
		return -1;
	}
	rmw_walk_init(st, rm, NULL, &all);
	rmw_walk_init(st, rm, f, &w);
	if (from != 0) {
		if ((rc = rmw_get(st, rm->plan_id, from, &x, cause)) < 0)
			return -1;
		if (rc == 0) {
			if (cause != NULL)
				*cause = xstrdup("施策・取組が見つかりません");
			return -1;
		}
		at = &x;
	}
	if (dir > 0 && at != NULL && inclusive) {
		/* From its place: after the node before it, shown or not. */
		if ((rc = rmw_prev(&all, at, &px, cause)) < 0)
			return -1;
		at = rc == 1 ? &px : NULL;
	}
	if (rm_filtering(f) && !f->vis->windowed)
		rc = rm_rows_vis(st, rm, f->vis, from, inclusive, dir, limit,
		    &o, cause);
	else
		rc = rm_rows_walk(&w, rm, at, dir > 0 ? rmw_next : rmw_prev,
		    limit, &o, cause);
	if (rc < 0) {
		store_roadmap_rows_free(o.rows, o.n);
		return -1;
	}
	if (dir < 0)
		for (i = 0; i < o.n / 2; i++) {
			struct roadmap_row	t = o.rows[i];

			o.rows[i] = o.rows[o.n - 1 - i];
			o.rows[o.n - 1 - i] = t;
		}
	*rows = o.rows;
	*n = o.n;
	return 0;
}

int
store_roadmap_head(struct store *st, long long plan_id, int fy,
    struct roadmap **out, char **cause)
{
	struct roadmap	*rm;
	sqlite3_stmt	*q;
	int		 rc;

	rm = xcalloc(1, sizeof *rm);
	rm->plan_id = plan_id;
	rm->fy = fy;
	if (rm_load_plan(st, rm, rm->levels, cause) < 0)
		goto fail;
	if (rm->max_depth == 0) {
		/* No levels named: the deepest node is an item. */
		if ((q = store_stmt(st, sql_rm_max_depth, cause)) == NULL)
			goto fail;
		sqlite3_bind_int64(q, 1, plan_id);
		if ((rc = sheet_step(st, q, cause)) == 1)
			rm->max_depth = store_col_int0(q, 0);
		sqlite3_reset(q);
		if (rc < 0)
			goto fail;
	}
	*out = rm;
	return 0;

fail:
	store_roadmap_free(rm);
	return -1;
}

static int
rm_count_sql(struct store *st, const char *sql, long long plan_id, int a,
    size_t *n, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	if ((q = store_stmt(st, sql, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, plan_id);
	if (sqlite3_bind_parameter_count(q) >= 2)
		sqlite3_bind_int(q, 2, a);
	if ((rc = sheet_step(st, q, cause)) == 1)
		*n = (size_t)sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return rc < 0 ? -1 : 0;
}

int
store_roadmap_count(struct store *st, const struct roadmap *rm,
    const struct roadmap_filter *f, size_t *n, char **cause)
{
	size_t	all, heads;

	*n = 0;
	if (rm_filtering(f)) {
		if (f->vis == NULL) {
			if (cause != NULL)
				*cause = xstrdup("絞り込みが準備されていません");
			return -1;
		}
		/* (Read by window: counted when asked, as the rows are
		 * read when shown.) */
		if (f->vis->windowed) {
			int	kept;

			return rm_win_read(st, rm, f, &kept, n, cause);
		}
		*n = f->vis->nitems;
		return 0;
	}
	/* Every node of the plan but the headings. */
	if (rm_count_sql(st, sql_rm_count_nodes, rm->plan_id, 0, &all,
	    cause) < 0 || rm_count_sql(st, sql_rm_count_heads, rm->plan_id,
	    rm->max_depth, &heads, cause) < 0)
		return -1;
	*n = all > heads ? all - heads : 0;
	return 0;
}

int
store_roadmap_flag_nodes(struct store *st, long long flag_id,
    long long **ids, size_t *n, char **cause)
{
	sqlite3_stmt	*q;

	*ids = NULL;
	*n = 0;
	if ((q = store_stmt(st, sql_rm_flag_nodes, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, flag_id);
	return store_collect_ids(st, q, ids, n, "データベースの読み込み", cause);
}

int
store_roadmap_has_text(struct store *st, long long node_id,
    const char *needle, int *hit, char **cause)
{
	sqlite3_stmt	*q;
	int		 rc;

	*hit = 0;
	if ((q = store_stmt(st, sql_rm_node_texts, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(q, 1, node_id);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		const unsigned char	*t = sqlite3_column_text(q, 0);

		if (t != NULL && tw_contains((const char *)t, needle)) {
			*hit = 1;
			rc = 0;
			break;
		}
	}
	sqlite3_reset(q);
	return rc < 0 ? -1 : 0;
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

/* The place in plan order of the indicators in the JSON array ?1, from
 * the index of places by id (db/migrate-20.sql), not the wide rows. */
static const char sql_ind_places[] =
	"SELECT i.id, i.ord FROM json_each(?1) j"
	" CROSS JOIN indicator i INDEXED BY indicator_place ON i.id = j.value";

/* The rows of plan ?1 in ?2 whose ids are in the JSON array ?3: each
 * found by its key, never the plan's rows read (put in order in C). */
static const char sql_ind_list_rows_in[] =
	IND_LIST_COLS(IND_LIST_NODE_COLS, "NULL", "NULL", "?2")
	" FROM json_each(?3) j CROSS JOIN indicator i ON i.id = j.value"
	IND_LIST_NODE IND_LIST_JOINS("?2") " WHERE i.plan_id = ?1";

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
/* How many come at a key or after it; and the plan's first and last
 * order, which tell which side of a key is the shorter (two ends of the
 * index). */
static const char sql_ind_from[] =
	"SELECT count(*) FROM indicator WHERE plan_id = ?1 AND ord >= ?2"
	" AND (ord > ?2 OR id >= ?3)";
static const char sql_ind_ord_span[] =
	"SELECT (SELECT min(ord) FROM indicator WHERE plan_id = ?1),"
	" (SELECT max(ord) FROM indicator WHERE plan_id = ?1)";

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

	for (i = 0; i < l->n; i++)
		store_indicator_row_clear(&l->rows[i]);
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

/* Reads columns 0 to 24 of q (IND_LIST_COLS) into *r (full: the
 * rationale and the note too) for fiscal year fy. */
static void
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
ind_row_by_place(const void *a, const void *b)
{
	const struct indicator_row	*x = a, *y = b;

	return ind_place_order(x->ord, x->id, y->ord, y->id);
}

/* Reads the plan's rows (full: with every year's values, the rationale
 * and the note), or, ids_json not NULL, only those it names, without. */
static int
ind_list_read(struct store *st, long long plan_id, int fy, int full,
    const char *ids_json, struct indicator_list *out, char **cause)
{
	sqlite3_stmt	*q;
	size_t		 cap = 0, i;
	int		 rc;

	if (ind_list_head(st, plan_id, fy, out, cause) != 0)
		return -1;
	if ((q = store_stmt(st, ids_json != NULL ? sql_ind_list_rows_in :
	    full ? sql_ind_list : sql_ind_list_rows, cause)) == NULL) {
		store_indicator_list_free(out);
		return -1;
	}
	sqlite3_bind_int64(q, 1, plan_id);
	sqlite3_bind_int(q, 2, fy);
	if (ids_json != NULL)
		sqlite3_bind_text(q, 3, ids_json, -1, SQLITE_STATIC);
	while ((rc = sheet_step(st, q, cause)) == 1) {
		out->rows = sheet_grow(out->rows, &cap, out->n, sizeof *out->rows);
		store_indicator_row_read(q, &out->rows[out->n], fy, full);
		out->n++;
	}
	sqlite3_reset(q);
	if (ids_json != NULL) {
		sqlite3_clear_bindings(q);
		if (out->n > 1)
			qsort(out->rows, out->n, sizeof *out->rows,
			    ind_row_by_place);
	}
	for (i = 0; i < out->n; i++)
		out->rows[i].plan_order = (long)i;
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
	return ind_list_read(st, plan_id, fy, 1, NULL, out, cause);
}

int
store_indicator_list_rows(struct store *st, long long plan_id, int fy,
    struct indicator_list *out, char **cause)
{
	return ind_list_read(st, plan_id, fy, 0, NULL, out, cause);
}

/* An indicator's keys in each order of the list, to put a filter's ids
 * in that order (store_indicator_order_in). */
struct ind_place {
	long long	 ord, id;
	char		*name;		/* IND_ORDER_NAME only */
	int		 norate;	/* the kept rate's orders only */
	double		 rate;		/* up, or down (the rate negated) */
};

/* The list's orders (store-sheet.h), ties in plan order: a kept rate's
 * order is that of its index (norate, up or down, ord, id), the name's
 * that of SQLite's text (bytes; strcmp of UTF-8 without NUL is the
 * same). */
static int
ind_place_cmp(const void *a, const void *b)
{
	const struct ind_place	*x = a, *y = b;

	return ind_place_order(x->ord, x->id, y->ord, y->id);
}

static int
ind_place_cmp_rate(const void *a, const void *b)
{
	const struct ind_place	*x = a, *y = b;

	if (x->norate != y->norate)
		return x->norate - y->norate;
	if (x->rate != y->rate)
		return x->rate < y->rate ? -1 : 1;
	return ind_place_cmp(a, b);
}

static int
ind_place_cmp_name(const void *a, const void *b)
{
	const struct ind_place	*x = a, *y = b;
	int			 c = strcmp(x->name, y->name);

	return c != 0 ? c : ind_place_cmp(a, b);
}

/* The keys of the indicators in the JSON array ?1 of category ?3 (any
 * when NULL), with their kept rates of year ?2 (NULL when the year's
 * rates are not kept); each row read by its key, never the plan's. */
static const char sql_ind_order_keys[] =
	"SELECT i.id, i.ord, i.name, f.norate, f.up, f.down"
	" FROM json_each(?1) j"
	" CROSS JOIN indicator i ON i.id = j.value"
	" LEFT JOIN indicator_fig f ON f.indicator_id = i.id AND f.fy = ?2"
	" WHERE ?3 IS NULL OR i.category = ?3";

int
store_indicator_order_in(struct store *st, int fy, enum indicator_order order,
    const char *category, long long *ids, size_t *n, char **cause)
{
	sqlite3_stmt	*q;
	struct ind_place *v;
	char		*json;
	size_t		 k = 0, i;
	int		 rc = 0;

	if (*n == 0)
		return 0;
	/* Plan order of any category: the narrow index of places. */
	if ((q = store_stmt(st, order == IND_ORDER_PLAN && category == NULL ?
	    sql_ind_places : sql_ind_order_keys, cause)) == NULL)
		return -1;
	json = store_ids_json(ids, *n);
	v = xcalloc(*n, sizeof *v);
	sqlite3_bind_text(q, 1, json, -1, SQLITE_STATIC);
	if (order != IND_ORDER_PLAN || category != NULL) {
		sqlite3_bind_int(q, 2, fy);
		if (category != NULL)
			sqlite3_bind_text(q, 3, category, -1, SQLITE_STATIC);
	}
	while (k < *n && (rc = sheet_step(st, q, cause)) == 1) {
		struct ind_place *p = &v[k++];

		p->id = sqlite3_column_int64(q, 0);
		p->ord = sqlite3_column_int64(q, 1);
		if (order == IND_ORDER_NAME)
			p->name = xstrdup(store_col_text(q, 2));
		else if (order == IND_ORDER_RATE_UP ||
		    order == IND_ORDER_RATE_DOWN) {
			/* A year not kept: no rate, which the screen does
			 * not ask for (it reads every row then). */
			p->norate = sqlite3_column_type(q, 3) == SQLITE_NULL ?
			    1 : sqlite3_column_int(q, 3);
			p->rate = sqlite3_column_double(q,
			    order == IND_ORDER_RATE_UP ? 4 : 5);
		}
	}
	if (k == *n)
		rc = 0;
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	free(json);
	if (rc >= 0) {
		qsort(v, k, sizeof *v, order == IND_ORDER_NAME ?
		    ind_place_cmp_name : order == IND_ORDER_PLAN ?
		    ind_place_cmp : ind_place_cmp_rate);
		for (i = 0; i < k; i++)
			ids[i] = v[i].id;
		*n = k;
	}
	for (i = 0; i < k; i++)
		free(v[i].name);
	free(v);
	return rc < 0 ? -1 : 0;
}

int
store_indicator_list_rows_in(struct store *st, long long plan_id, int fy,
    const long long *ids, size_t n, struct indicator_list *out,
    char **cause)
{
	char	*json = store_ids_json(ids, n);
	int	 rc;

	rc = ind_list_read(st, plan_id, fy, 0, json, out, cause);
	free(json);
	return rc;
}

/* A row read and its place among those asked for. */
struct ind_placed {
	size_t			place;
	struct indicator_row	row;
};

static int
ind_placed_cmp(const void *a, const void *b)
{
	const struct ind_placed	*x = a, *y = b;

	return (x->place > y->place) - (x->place < y->place);
}

int
store_indicator_list_rows_as(struct store *st, long long plan_id, int fy,
    const long long *ids, size_t n, struct indicator_list *out,
    char **cause)
{
	struct rm_index		*asked, key, *a;
	struct ind_placed	*placed;
	size_t			 i;

	if (store_indicator_list_rows_in(st, plan_id, fy, ids, n, out,
	    cause) != 0)
		return -1;
	if (out->n < 2)
		return 0;
	asked = xcalloc(n, sizeof *asked);
	for (i = 0; i < n; i++) {
		asked[i].id = ids[i];
		asked[i].at = i;
	}
	qsort(asked, n, sizeof *asked, cmp_index);
	placed = xcalloc(out->n, sizeof *placed);
	for (i = 0; i < out->n; i++) {
		key.id = out->rows[i].id;
		a = bsearch(&key, asked, n, sizeof key, cmp_index);
		placed[i].place = a != NULL ? a->at : SIZE_MAX;
		placed[i].row = out->rows[i];
	}
	qsort(placed, out->n, sizeof *placed, ind_placed_cmp);
	for (i = 0; i < out->n; i++)
		out->rows[i] = placed[i].row;
	free(placed);
	free(asked);
	return 0;
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
	if (sql == sql_ind_before || sql == sql_ind_from) {
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

/* Reads the rows of a window's bound statement q into out, in the list's
 * order (dir < 0: q reads backwards). 0, or -1 with *cause and out
 * emptied. */
static int
ind_window_read(struct store *st, sqlite3_stmt *q, int fy, int dir,
    struct indicator_list *out, char **cause)
{
	size_t	cap = 0, i;
	int	rc;

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
	if (dir < 0)
		for (i = 0; i < out->n / 2; i++) {
			struct indicator_row	t = out->rows[i];

			out->rows[i] = out->rows[out->n - 1 - i];
			out->rows[out->n - 1 - i] = t;
		}
	return 0;
}

/*
 * The count of the rows before a key in plan order, walking the index
 * from the nearer end: a key in the latter half of the plan's orders is
 * placed by the rows from it to the end, taken from the plan's count
 * (the one the list shows), so that the last row of 300,000 costs no
 * more than the first. Which half is told by the orders only; either
 * way the count is exact.
 */
int
store_indicator_list_before(struct store *st, long long plan_id,
    long long ord, long long id, size_t *n, char **cause)
{
	sqlite3_stmt	*q;
	long long	 lo = 0, hi = 0;
	size_t		 total = 0, from = 0;
	int		 began, rc;

	*n = 0;
	began = store_snapshot_begin(st);
	if ((q = store_stmt(st, sql_ind_ord_span, cause)) == NULL) {
		rc = -1;
		goto done;
	}
	sqlite3_bind_int64(q, 1, plan_id);
	if ((rc = sheet_step(st, q, cause)) == 1) {
		lo = sqlite3_column_int64(q, 0);
		hi = sqlite3_column_int64(q, 1);
	}
	sqlite3_reset(q);
	if (rc < 0)
		goto done;
	if (ord - lo <= hi - ord) {
		rc = ind_count_q(st, sql_ind_before, plan_id, ord, id, n,
		    cause);
		goto done;
	}
	if ((rc = ind_count_q(st, sql_ind_count, plan_id, 0, 0, &total,
	    cause)) == 0 && (rc = ind_count_q(st, sql_ind_from, plan_id, ord,
	    id, &from, cause)) == 0)
		*n = from < total ? total - from : 0;
done:
	store_snapshot_end(st, began);
	return rc < 0 ? -1 : 0;
}

int
store_indicator_list_page(struct store *st, long long plan_id, int fy,
    const struct indicator_key *from, int dir, size_t limit,
    struct indicator_list *out, char **cause)
{
	sqlite3_stmt	*q;

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
	return ind_window_read(st, q, fy, dir, out, cause);
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
	int		 incl;

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
	return ind_window_read(st, q, fy, dir, out, cause);
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
