/*
 * "My work" in the store (see store-mywork.h): a clerk's items and
 * indicators for each year open for entry, and a reviewer's submitted
 * and late entries, each list read in one read transaction; and the
 * data version screens poll to notice changes made by others.
 *
 * Every query gives the same columns (MW_COLS below), so one reader fills
 * the rows; the lists are put in order here, since a list mixes results
 * and indicators.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "shisaku/fy.h"
#include "shisaku/store-dept.h"
#include "shisaku/store-internal.h"
#include "shisaku/store-mywork.h"
#include "shisaku/util.h"
#include "shisaku/workflow.h"

/* The name department idcol had in fiscal year fyparam. */
#define MW_DEPT_NAME(idcol, fyparam)					\
	"COALESCE((SELECT COALESCE((SELECT dn.name FROM department_name dn" \
	" WHERE dn.dept_id = d.id AND dn.until_fy >= " fyparam		\
	" ORDER BY dn.until_fy LIMIT 1), d.name) FROM department d"	\
	" WHERE d.id = " idcol "), '')"

/* An assignment of node_dept nd in force in fiscal year fyparam. */
#define MW_IN_FORCE(fyparam)						\
	"(COALESCE(nd.from_fy, 0) = 0 OR nd.from_fy <= " fyparam ")"	\
	" AND (COALESCE(nd.until_fy, 0) = 0 OR nd.until_fy >= " fyparam ")"

/* The main department of node nodecol in force in fyparam (0: none). */
#define MW_MAIN_DEPT(nodecol, fyparam)					\
	"(SELECT nd.dept_id FROM node_dept nd WHERE nd.node_id = " nodecol \
	" AND " MW_IN_FORCE(fyparam) " ORDER BY nd.is_main DESC, nd.ord,"	\
	" nd.id LIMIT 1)"

/* The deepest level of each plan: its action items. */
#define MW_ITEM_LEVEL							\
	"m(plan_id, d) AS (SELECT p.id, COALESCE("			\
	" (SELECT MAX(l.depth) FROM plan_level l WHERE l.plan_id = p.id),"	\
	" (SELECT MAX(x.depth) FROM node x WHERE x.plan_id = p.id))"	\
	" FROM plan p)"

/* The department reporting indicator i in fyparam (0: the planners). */
#define MW_REPORTER(fyparam)						\
	"COALESCE(i.dept_id, " MW_MAIN_DEPT("i.node_id", fyparam) ", 0)"

/*
 * The columns every query gives: kind, plan id, code, name, node id,
 * indicator id, code, title, where, fy, state, department, entered by,
 * at, the plan's, node's and indicator's order for sorting, and the
 * last return's comment.
 */
enum {
	MW_KIND, MW_PLAN, MW_PLAN_CODE, MW_PLAN_NAME, MW_NODE, MW_IND,
	MW_CODE, MW_TITLE, MW_WHERE, MW_FY, MW_STATE, MW_DEPT, MW_BY, MW_AT,
	MW_PLAN_ORD, MW_NODE_ORD, MW_IND_ORD, MW_COMMENT, MW_NCOLS
};

/* ---- a clerk's list: ?1 the department, ?2 the year ---- */

/* When entry e was last saved, or submitted while it waits (the list
 * says 提出 then); an entry submitted behind the program's back has no
 * submission time kept: the time it was saved. A reviewer's list shows
 * the same time. */
#define MW_WHEN(e)							\
	"(CASE WHEN " e ".state = 'submitted' THEN"			\
	" COALESCE(NULLIF(" e ".submitted_at, ''), " e ".entered_at, '')"	\
	" ELSE COALESCE(" e ".entered_at, '') END)"

/*
 * The department's items, what sorts and groups them and no more: the
 * list of a department can hold thousands, and each item's texts stand
 * on a page of their own; they are read when the row is shown
 * (SQL_CLERK_RESULT_TEXTS). Read from the indexes of the plans'
 * assignments by department, of the nodes' shape and of the results'
 * state (db/migrate-21.sql), not the rows. The last column says the
 * row's texts are still to be read.
 */
static const char SQL_CLERK_RESULTS[] =
    "WITH " MW_ITEM_LEVEL
    " SELECT 0, n.plan_id, p.code, p.name, n.id, 0, '', '', '',"
    " ?2, r.state, '', '', '', p.ord, n.ord, 0, '', 1"
    " FROM plan p JOIN m ON m.plan_id = p.id"
    " JOIN node n INDEXED BY node_shape ON n.id IN"
    "  (SELECT nd.node_id FROM node_dept nd INDEXED BY node_dept_plan"
    "  WHERE nd.plan_id = p.id AND nd.dept_id = ?1 AND "
    MW_IN_FORCE("?2") ")"
    " AND n.depth = m.d"
    " LEFT JOIN node a1 INDEXED BY node_shape ON a1.id = n.parent_id"
    " LEFT JOIN node a2 INDEXED BY node_shape ON a2.id = a1.parent_id"
    " LEFT JOIN node a3 INDEXED BY node_shape ON a3.id = a2.parent_id"
    " LEFT JOIN result r INDEXED BY result_state"
    " ON r.fy = ?2 AND r.node_id = n.id"
    " WHERE " STORE_IN_YEAR("?2");

/* The texts of one item's row (?3) of the list of department ?1 in ?2. */
static const char SQL_CLERK_RESULT_TEXTS[] =
    "SELECT n.code, n.title, "
    MW_DEPT_NAME("COALESCE(r.dept_id, ?1)", "?2") ","
    " COALESCE(r.entered_by, ''), " MW_WHEN("r") ","
    " COALESCE(r.return_comment, '')"
    " FROM node n LEFT JOIN result r ON r.node_id = n.id AND r.fy = ?2"
    " WHERE n.id = ?3";

static const char SQL_CLERK_ACTUALS[] =
    "SELECT 1, i.plan_id, p.code, p.name, COALESCE(n.id, 0), i.id,"
    " COALESCE(n.code, ''), i.name, COALESCE(n.title, p.name), ?2,"
    " a.state, " MW_DEPT_NAME("COALESCE(a.dept_id, ?1)", "?2") ","
    " COALESCE(a.entered_by, ''), " MW_WHEN("a") ","
    " p.ord, COALESCE(n.ord, -1), i.ord, COALESCE(a.return_comment, '')"
    " FROM indicator i JOIN plan p ON p.id = i.plan_id"
    " LEFT JOIN node n ON n.id = i.node_id" STORE_ANCESTORS
    " LEFT JOIN indicator_actual a ON a.indicator_id = i.id AND a.fy = ?2"
    " WHERE i.id IN (SELECT x.id FROM indicator x WHERE x.dept_id = ?1"
    "  UNION SELECT x.id FROM plan xp"
    "  CROSS JOIN node_dept nd INDEXED BY node_dept_plan"
    "  ON nd.plan_id = xp.id AND nd.dept_id = ?1"
    "  CROSS JOIN node h INDEXED BY node_shape ON h.id = nd.node_id"
    "  CROSS JOIN indicator x ON x.node_id = nd.node_id"
    "  WHERE x.dept_id IS NULL AND h.depth <"
    "  COALESCE((SELECT MAX(depth) FROM plan_level"
    "  WHERE plan_id = h.plan_id), (SELECT MAX(depth) FROM node"
    "  WHERE plan_id = h.plan_id)))"
    " AND NOT " STORE_PART_OF_ITEM " AND " MW_REPORTER("?2") " = ?1"
    " AND " STORE_IN_YEAR("?2") " AND " STORE_IND_IN_YEAR("?2");

/* ---- a reviewer's list ---- */

/* The entries waiting for confirmation, oldest submission first, read
 * in that order from the index of the submitted ones (db/migrate-18.sql)
 * and stopped at ?1: never every submitted entry of the file. An entry
 * submitted behind the program's back has no time kept: the time it was
 * last saved is shown, and it comes first. */
static const char SQL_REVIEW_RESULTS[] =
    "SELECT 0, n.plan_id, p.code, p.name, n.id, 0, n.code, n.title, '',"
    " r.fy, r.state, " MW_DEPT_NAME("r.dept_id", "r.fy") ","
    " r.entered_by, " MW_WHEN("r") ","
    " p.ord, n.ord, 0, r.return_comment"
    " FROM result r INDEXED BY result_waiting"
    " JOIN node n ON n.id = r.node_id JOIN plan p ON p.id = n.plan_id"
    " WHERE r.state = 'submitted' ORDER BY r.submitted_at LIMIT ?1";

static const char SQL_REVIEW_ACTUALS[] =
    "SELECT 1, i.plan_id, p.code, p.name, COALESCE(n.id, 0), i.id,"
    " COALESCE(n.code, ''), i.name, COALESCE(n.title, p.name), a.fy,"
    " a.state, " MW_DEPT_NAME("a.dept_id", "a.fy") ", a.entered_by,"
    " " MW_WHEN("a") ","
    " p.ord, COALESCE(n.ord, -1), i.ord, a.return_comment"
    " FROM indicator_actual a INDEXED BY indicator_actual_waiting"
    " JOIN indicator i ON i.id = a.indicator_id"
    " JOIN plan p ON p.id = i.plan_id LEFT JOIN node n ON n.id = i.node_id"
    " WHERE a.state = 'submitted' ORDER BY a.submitted_at LIMIT ?1";

/* How many wait, counted on the same indexes up to ?1 of each kind (a
 * count of every entry waiting would read them all). */
static const char SQL_REVIEW_COUNT[] =
    "SELECT (SELECT count(*) FROM (SELECT 1 FROM result"
    " INDEXED BY result_waiting WHERE state = 'submitted' LIMIT ?1))"
    " + (SELECT count(*) FROM (SELECT 1 FROM indicator_actual"
    " INDEXED BY indicator_actual_waiting WHERE state = 'submitted'"
    " LIMIT ?1))";

/* The items of plan ?3 (its items are at depth ?4) not submitted yet in
 * year ?1 that plan something in it (as the tree's 遅れ), the first ?2 in
 * plan order: read through the plan's (plan_id, ord) index and stopped
 * at the limit, so that a large plan is neither read nor sorted whole
 * (the rows are put in order of department here). */
static const char SQL_LATE_RESULTS[] =
    "SELECT 0, n.plan_id, p.code, p.name, n.id, 0, n.code, n.title, '',"
    " ?1, r.state, " MW_DEPT_NAME("COALESCE(r.dept_id, "
    MW_MAIN_DEPT("n.id", "?1") ")", "?1") ","
    " COALESCE(r.entered_by, ''), COALESCE(r.entered_at, ''),"
    " p.ord, n.ord, 0, COALESCE(r.return_comment, '')"
    " FROM node n INDEXED BY node_plan JOIN plan p ON p.id = n.plan_id"
    STORE_ANCESTORS
    " LEFT JOIN result r ON r.node_id = n.id AND r.fy = ?1"
    " WHERE n.plan_id = ?3 AND n.depth = ?4"
    " AND (r.state IS NULL OR r.state IN ('draft', 'returned'))"
    " AND " STORE_IN_YEAR("?1")
    " AND (" STORE_HAS_PERIOD
    "  OR EXISTS (SELECT 1 FROM year_plan yp WHERE yp.node_id = n.id"
    "  AND yp.from_fy <= ?1 AND yp.to_fy >= ?1))"
    " ORDER BY n.ord LIMIT ?2";

/* Every plan in order, with the depth of its action items. */
static const char SQL_PLAN_ITEMS[] =
    "SELECT p.id, COALESCE((SELECT MAX(l.depth) FROM plan_level l"
    " WHERE l.plan_id = p.id), (SELECT MAX(x.depth) FROM node x"
    " WHERE x.plan_id = p.id), 0) FROM plan p ORDER BY p.ord, p.id";

/* The indicators reported on their own with a target in year ?1 and no
 * actual submitted yet, at most ?2 (a plan has far fewer indicators than
 * items: put in order here). */
static const char SQL_LATE_ACTUALS[] =
    "SELECT 1, i.plan_id, p.code, p.name, COALESCE(n.id, 0), i.id,"
    " COALESCE(n.code, ''), i.name, COALESCE(n.title, p.name), ?1,"
    " a.state, " MW_DEPT_NAME(MW_REPORTER("?1"), "?1") " AS dept,"
    " COALESCE(a.entered_by, ''), COALESCE(a.entered_at, ''),"
    " p.ord, COALESCE(n.ord, -1), i.ord, COALESCE(a.return_comment, '')"
    " FROM indicator i JOIN plan p ON p.id = i.plan_id"
    " LEFT JOIN node n ON n.id = i.node_id"
    " LEFT JOIN indicator_actual a ON a.indicator_id = i.id AND a.fy = ?1"
    " WHERE (a.state IS NULL OR a.state IN ('draft', 'returned'))"
    " AND NOT " STORE_PART_OF_ITEM
    " AND ((i.final_fy = ?1 AND (i.final_num IS NOT NULL"
    "  OR i.final_txt IS NOT NULL)) OR EXISTS (SELECT 1"
    "  FROM indicator_target t WHERE t.indicator_id = i.id AND t.fy = ?1"
    "  AND (t.num IS NOT NULL OR t.txt IS NOT NULL)))"
    " LIMIT ?2";

/* The clerk's department: its last year, if abolished, and its name
 * in that year. */
static const char SQL_CLERK_DEPT[] =
    "SELECT COALESCE(x.abolished_after, 0), " MW_DEPT_NAME("x.id",
    "COALESCE(x.abolished_after, 9999)") " FROM department x"
    " WHERE x.id = ?1";

static const char SQL_OPEN_YEARS[] =
    "SELECT fy, is_open, deadline FROM fiscal_year WHERE is_open = 1"
    " ORDER BY fy DESC";

/* ---- reading ---- */

/* Sort keys kept beside the rows while a list is built. */
struct mw_entry {
	struct mywork_row	 row;
	long long		 plan_ord, node_ord, ind_ord;
};

struct mw_build {
	struct mw_entry	*v;
	size_t		 n, cap;
};

/* Replaces the string *to with v (owned). */
static void
mw_set(char **to, char *v)
{
	free(*to);
	*to = v;
}

static void
mw_row_clear(struct mywork_row *r)
{
	free(r->plan_code);
	free(r->plan_name);
	free(r->code);
	free(r->title);
	free(r->where);
	free(r->dept_name);
	free(r->entered_by);
	free(r->at);
	free(r->return_comment);
}

static void
mw_build_free(struct mw_build *b)
{
	size_t	i;

	for (i = 0; i < b->n; i++)
		mw_row_clear(&b->v[i].row);
	free(b->v);
	memset(b, 0, sizeof *b);
}

static enum wf_state
mw_state(sqlite3_stmt *s)
{
	int	st;

	if (sqlite3_column_type(s, MW_STATE) == SQLITE_NULL)
		return WF_NONE;
	st = workflow_state_parse(store_col_text(s, MW_STATE));
	return st < 0 ? WF_DRAFT : (enum wf_state)st;
}

/* Reads every row of the bound statement s into b. */
static int
mw_read(struct store *st, sqlite3_stmt *s, struct mw_build *b, int late,
    char **cause)
{
	struct mw_entry	*e;
	int		 rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (b->n == b->cap) {
			b->cap = b->cap ? b->cap * 2 : 32;
			b->v = xreallocarray(b->v, b->cap, sizeof *b->v);
		}
		e = &b->v[b->n++];
		memset(e, 0, sizeof *e);
		e->row.kind = sqlite3_column_int(s, MW_KIND) ? MYWORK_ACTUAL :
		    MYWORK_RESULT;
		e->row.plan_id = sqlite3_column_int64(s, MW_PLAN);
		e->row.plan_code = store_col_dup(s, MW_PLAN_CODE);
		e->row.plan_name = store_col_dup(s, MW_PLAN_NAME);
		e->row.node_id = sqlite3_column_int64(s, MW_NODE);
		e->row.indicator_id = sqlite3_column_int64(s, MW_IND);
		e->row.code = store_col_dup(s, MW_CODE);
		e->row.title = store_col_dup(s, MW_TITLE);
		e->row.where = store_col_dup(s, MW_WHERE);
		e->row.fy = sqlite3_column_int(s, MW_FY);
		e->row.state = mw_state(s);
		e->row.dept_name = store_col_dup(s, MW_DEPT);
		e->row.entered_by = store_col_dup(s, MW_BY);
		e->row.at = store_col_dup(s, MW_AT);
		e->row.return_comment = store_col_dup(s, MW_COMMENT);
		e->row.late = late;
		e->row.unread = sqlite3_column_count(s) > MW_NCOLS &&
		    sqlite3_column_int(s, MW_NCOLS) != 0;
		e->plan_ord = sqlite3_column_int64(s, MW_PLAN_ORD);
		e->node_ord = sqlite3_column_int64(s, MW_NODE_ORD);
		e->ind_ord = sqlite3_column_int64(s, MW_IND_ORD);
	}
	return store_read_end(st, s, rc, "自分の仕事の読み込み", cause);
}

/* The order of the states in a clerk's list: what needs doing first. */
static int
mw_state_rank(enum wf_state s)
{
	switch (s) {
	case WF_RETURNED:
		return 0;
	case WF_NONE:
		return 1;
	case WF_DRAFT:
		return 2;
	case WF_SUBMITTED:
		return 3;
	default:
		return 4;
	}
}

static int
mw_cmp_ll(long long a, long long b)
{
	return a < b ? -1 : a > b;
}

/* Same year, plan and place in the plan: a result before the indicators
 * of its node. */
static int
mw_cmp_place(const struct mw_entry *a, const struct mw_entry *b)
{
	int	c;

	if ((c = mw_cmp_ll(a->plan_ord, b->plan_ord)) != 0 ||
	    (c = mw_cmp_ll(a->row.plan_id, b->row.plan_id)) != 0 ||
	    (c = mw_cmp_ll(a->node_ord, b->node_ord)) != 0 ||
	    (c = mw_cmp_ll(a->row.node_id, b->row.node_id)) != 0 ||
	    (c = (int)a->row.kind - (int)b->row.kind) != 0 ||
	    (c = mw_cmp_ll(a->ind_ord, b->ind_ord)) != 0)
		return c;
	return mw_cmp_ll(a->row.indicator_id, b->row.indicator_id);
}

static int
mw_cmp_clerk(const void *pa, const void *pb)
{
	const struct mw_entry	*a = pa, *b = pb;
	int			 c;

	if (a->row.fy != b->row.fy)
		return a->row.fy > b->row.fy ? -1 : 1;
	if ((c = mw_state_rank(a->row.state) - mw_state_rank(b->row.state)))
		return c;
	return mw_cmp_place(a, b);
}

/* Submitted first, oldest submission first; then the late ones by year,
 * department (those without one last) and place. */
static int
mw_cmp_review(const void *pa, const void *pb)
{
	const struct mw_entry	*a = pa, *b = pb;
	int			 c;

	if (a->row.late != b->row.late)
		return a->row.late - b->row.late;
	if (!a->row.late) {
		if ((c = strcmp(a->row.at, b->row.at)) != 0)
			return c;
		if (a->row.fy != b->row.fy)
			return a->row.fy - b->row.fy;
		return mw_cmp_place(a, b);
	}
	if (a->row.fy != b->row.fy)
		return a->row.fy - b->row.fy;
	if ((a->row.dept_name[0] == '\0') != (b->row.dept_name[0] == '\0'))
		return a->row.dept_name[0] == '\0' ? 1 : -1;
	if ((c = strcmp(a->row.dept_name, b->row.dept_name)) != 0)
		return c;
	return mw_cmp_place(a, b);
}

/* Moves the rows of b into a new list m. */
static struct mywork *
mw_finish(struct mw_build *b, struct mywork *m)
{
	size_t	i;

	m->rows = xcalloc(b->n + 1, sizeof *m->rows);
	for (i = 0; i < b->n; i++)
		m->rows[i] = b->v[i].row;
	m->nrows = b->n;
	free(b->v);
	memset(b, 0, sizeof *b);
	return m;
}

static int
mw_read_years(struct store *st, struct mywork *m, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_OPEN_YEARS, cause);
	int		 rc;

	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct mywork_year *y;

		m->years = xreallocarray(m->years, m->nyears + 1,
		    sizeof *m->years);
		y = &m->years[m->nyears++];
		y->fy = sqlite3_column_int(s, 0);
		y->is_open = sqlite3_column_int(s, 1) != 0;
		y->deadline = store_col_dup(s, 2);
	}
	return store_read_end(st, s, rc, "受付中の年度の読み込み", cause);
}

/* Reads department dept's items and indicators of fiscal year fy into b,
 * each row marked as dept's. */
static int
mw_read_dept(struct store *st, long long dept, int fy, struct mw_build *b,
    char **cause)
{
	static const char *const sqls[] = {
		SQL_CLERK_RESULTS, SQL_CLERK_ACTUALS
	};
	sqlite3_stmt	*s;
	size_t		 k, from;

	for (k = 0; k < sizeof sqls / sizeof sqls[0]; k++) {
		if ((s = store_stmt(st, sqls[k], cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, dept);
		sqlite3_bind_int(s, 2, fy);
		from = b->n;
		if (mw_read(st, s, b, 0, cause) != 0)
			return -1;
		for (; from < b->n; from++)
			b->v[from].row.dept_id = dept;
	}
	return 0;
}

/* Whether two rows are the same entry (one item's result, or one
 * indicator's actual, of one year). */
static int
mw_same_entry(const struct mywork_row *a, const struct mywork_row *b)
{
	return a->kind == b->kind && a->fy == b->fy &&
	    a->node_id == b->node_id && a->indicator_id == b->indicator_id;
}

/*
 * An item in the charge of both the clerk's department and one merged
 * into it is one entry: of sorted b (the same entry's rows stand
 * together, mw_cmp_clerk telling them from no other), the row of own is
 * kept, else the first.
 */
static void
mw_drop_twice_listed(struct mw_build *b, long long own)
{
	size_t	i, j, k, x, keep;

	for (i = j = 0; i < b->n; i = k) {
		keep = i;
		for (k = i + 1; k < b->n && mw_same_entry(&b->v[i].row,
		    &b->v[k].row); k++)
			if (b->v[k].row.dept_id == own)
				keep = k;
		for (x = i; x < k; x++)
			if (x != keep)
				mw_row_clear(&b->v[x].row);
		b->v[j++] = b->v[keep];
	}
	b->n = j;
}

int
store_mywork_clerk(struct store *st, long long dept_id, struct mywork **out,
    char **cause)
{
	struct mywork		*m = xcalloc(1, sizeof *m);
	struct mw_build		 b;
	struct session_dept	*pred = NULL;
	sqlite3_stmt		*s;
	size_t			 npred = 0, y, k;
	int			 begun = store_snapshot_begin(st);

	memset(&b, 0, sizeof b);
	*out = NULL;
	if (mw_read_years(st, m, cause) != 0 ||
	    store_dept_predecessors(st, dept_id, &pred, &npred, cause) != 0)
		goto fail;
	m->dept_id = dept_id;
	if (dept_id != 0) {
		int rc;

		if ((s = store_stmt(st, SQL_CLERK_DEPT, cause)) == NULL)
			goto fail;
		sqlite3_bind_int64(s, 1, dept_id);
		if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			m->dept_abolished_after = sqlite3_column_int(s, 0);
			m->dept_name = store_col_dup(s, 1);
		}
		if (store_read_end(st, s, rc, "自分の仕事の読み込み", cause) != 0)
			goto fail;
	}
	for (y = 0; y < m->nyears && dept_id != 0; y++) {
		if (mw_read_dept(st, dept_id, m->years[y].fy, &b, cause) != 0)
			goto fail;
		/* A merged department's entries of the years it stood. */
		for (k = 0; k < npred; k++)
			if (m->years[y].fy <= pred[k].until_fy &&
			    mw_read_dept(st, pred[k].id, m->years[y].fy, &b,
			    cause) != 0)
				goto fail;
	}
	store_snapshot_end(st, begun);
	free(pred);
	if (b.n > 1)
		qsort(b.v, b.n, sizeof *b.v, mw_cmp_clerk);
	mw_drop_twice_listed(&b, dept_id);
	*out = mw_finish(&b, m);
	return 0;
fail:
	store_snapshot_end(st, begun);
	free(pred);
	mw_build_free(&b);
	store_mywork_free(m);
	return -1;
}

int
store_mywork_fill(struct store *st, struct mywork *m, size_t i, char **cause)
{
	struct mywork_row	*r;
	sqlite3_stmt		*s;
	int			 rc;

	if (i >= m->nrows || !m->rows[i].unread)
		return 0;
	r = &m->rows[i];
	if ((s = store_stmt(st, SQL_CLERK_RESULT_TEXTS, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, r->dept_id != 0 ? r->dept_id : m->dept_id);
	sqlite3_bind_int(s, 2, r->fy);
	sqlite3_bind_int64(s, 3, r->node_id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		mw_set(&r->code, store_col_dup(s, 0));
		mw_set(&r->title, store_col_dup(s, 1));
		mw_set(&r->dept_name, store_col_dup(s, 2));
		mw_set(&r->entered_by, store_col_dup(s, 3));
		mw_set(&r->at, store_col_dup(s, 4));
		mw_set(&r->return_comment, store_col_dup(s, 5));
	}
	if (store_read_end(st, s, rc, "自分の仕事の読み込み", cause) != 0)
		return -1;
	/* (An item removed since keeps its row as read, without texts, until
	 * the list is read again.) */
	r->unread = 0;
	return 0;
}

/* Reads late rows from s (bound with room + 1 as its limit) into b,
 * keeping at most *room of them; one more marks the list cut. */
static int
mw_read_late(struct store *st, sqlite3_stmt *s, struct mw_build *b,
    long *room, struct mywork *m, char **cause)
{
	size_t	before = b->n;

	if (mw_read(st, s, b, 1, cause) != 0)
		return -1;
	if ((long)(b->n - before) > *room) {
		mw_row_clear(&b->v[--b->n].row);
		m->late_cut = 1;
	}
	*room -= (long)(b->n - before);
	return 0;
}

int
store_mywork_review(struct store *st, const char *today, int today_fy,
    size_t waiting_max, struct mywork **out, char **cause)
{
	static const char *const waiting[] = {
		SQL_REVIEW_RESULTS, SQL_REVIEW_ACTUALS
	};
	struct mywork	*m = xcalloc(1, sizeof *m);
	struct mw_build	 b;
	sqlite3_stmt	*s;
	struct {
		long long	 id;
		int		 depth;
	}		*plans = NULL;
	size_t		 nplans = 0, y, k;
	long		 room = MYWORK_LATE_MAX;
	int		 rc, begun = store_snapshot_begin(st);

	memset(&b, 0, sizeof b);
	*out = NULL;
	if (waiting_max == 0 || waiting_max > MYWORK_WAITING_MAX)
		waiting_max = MYWORK_WAITING_MAX;
	m->waiting_read = waiting_max;
	if (mw_read_years(st, m, cause) != 0)
		goto fail;
	/* The oldest of each kind, then the oldest of both. */
	for (k = 0; k < sizeof waiting / sizeof waiting[0]; k++) {
		if ((s = store_stmt(st, waiting[k], cause)) == NULL)
			goto fail;
		sqlite3_bind_int64(s, 1, (long long)waiting_max);
		if (mw_read(st, s, &b, 0, cause) != 0)
			goto fail;
	}
	if (b.n > 1)
		qsort(b.v, b.n, sizeof *b.v, mw_cmp_review);
	while (b.n > waiting_max)
		mw_row_clear(&b.v[--b.n].row);
	if ((s = store_stmt(st, SQL_REVIEW_COUNT, cause)) == NULL)
		goto fail;
	sqlite3_bind_int(s, 1, MYWORK_WAITING_COUNT_MAX + 1);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		m->nwaiting = (size_t)sqlite3_column_int64(s, 0);
	if (store_read_end(st, s, rc, "確認待ちの数え上げ", cause) != 0)
		goto fail;
	if (m->nwaiting > MYWORK_WAITING_COUNT_MAX) {
		m->nwaiting = MYWORK_WAITING_COUNT_MAX;
		m->waiting_count_cut = 1;
	}
	if (m->nwaiting < b.n)
		m->nwaiting = b.n;
	if ((s = store_stmt(st, SQL_PLAN_ITEMS, cause)) == NULL)
		goto fail;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		plans = xreallocarray(plans, nplans + 1, sizeof *plans);
		plans[nplans].id = sqlite3_column_int64(s, 0);
		plans[nplans++].depth = sqlite3_column_int(s, 1);
	}
	if (store_read_end(st, s, rc, "計画の読み込み", cause) != 0)
		goto fail;
	/* The late ones of each year that is due, oldest year first, until
	 * there is no more room; once one more is found, the list says so. */
	for (y = m->nyears; y-- > 0 && !m->late_cut;) {
		if (!fy_entry_due(m->years[y].fy, 1, m->years[y].deadline,
		    today, today_fy))
			continue;
		for (k = 0; k <= nplans && !m->late_cut; k++) {
			if ((s = store_stmt(st, k < nplans ? SQL_LATE_RESULTS :
			    SQL_LATE_ACTUALS, cause)) == NULL)
				goto fail;
			sqlite3_bind_int(s, 1, m->years[y].fy);
			/* One more than there is room for, to know. */
			sqlite3_bind_int64(s, 2, room + 1);
			if (k < nplans) {
				sqlite3_bind_int64(s, 3, plans[k].id);
				sqlite3_bind_int(s, 4, plans[k].depth);
			}
			if (mw_read_late(st, s, &b, &room, m, cause) != 0)
				goto fail;
		}
	}
	free(plans);
	plans = NULL;
	store_snapshot_end(st, begun);
	if (b.n > 1)
		qsort(b.v, b.n, sizeof *b.v, mw_cmp_review);
	*out = mw_finish(&b, m);
	return 0;
fail:
	free(plans);
	store_snapshot_end(st, begun);
	mw_build_free(&b);
	store_mywork_free(m);
	return -1;
}

void
store_mywork_free(struct mywork *m)
{
	size_t	i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nyears; i++)
		free(m->years[i].deadline);
	free(m->years);
	for (i = 0; i < m->nrows; i++)
		mw_row_clear(&m->rows[i]);
	free(m->rows);
	free(m->dept_name);
	free(m);
}

static const char SQL_DATA_VERSION[] = "PRAGMA data_version";

long long
store_data_version(struct store *st)
{
	sqlite3_stmt	*s;
	long long	 v = -1;

	if ((s = store_stmt(st, SQL_DATA_VERSION, NULL)) == NULL)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return v;
}
