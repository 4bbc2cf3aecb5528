/*
 * Whole plans out of the store (see store-plan.h): the resolver that the
 * checks of a plan file ask, and export, which reads the rows back in the
 * order import writes them (store-plan-import.c), so that export, import
 * and export again give the same bytes. Also the plan list.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/config.h"
#include "shisaku/store-dept.h"
#include "shisaku/store-internal.h"
#include "shisaku/store-plan.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/vocab.h"

/* ---- resolver: what the database already holds ---- */

static int
exists1(struct store *st, const char *sql, const char *a, const char *b,
    char **out)
{
	sqlite3_stmt	*s = store_stmt(st, sql, NULL);
	int		 found = 0;

	if (s == NULL)
		return 0;
	store_bind_text(s, 1, a);
	if (b != NULL)
		store_bind_text(s, 2, b);
	if (sqlite3_step(s) == SQLITE_ROW) {
		found = 1;
		if (out != NULL)
			*out = store_col_dup(s, 0);
	}
	sqlite3_reset(s);
	return found;
}

static int
res_plan_exists(void *arg, const char *plan)
{
	struct store_resolver *r = arg;

	return exists1(r->st, "SELECT 1 FROM plan WHERE code = ?", plan, NULL, NULL);
}

static int
res_dept_exists(void *arg, const char *dept, char **name)
{
	struct store_resolver *r = arg;

	return exists1(r->st, "SELECT name FROM department WHERE code = ?", dept,
	    NULL, name);
}

static int
res_dept_named_until(void *arg, const char *dept, const char *name)
{
	struct store_resolver	*r = arg;
	char			*until = NULL;
	int			 fy = 0;

	if (exists1(r->st, "SELECT max(dn.until_fy) FROM department_name dn"
	    " JOIN department d ON d.id = dn.dept_id WHERE d.code = ?"
	    " AND dn.name = ?", dept, name, &until))
		fy = atoi(until);
	free(until);
	return fy;
}

static char *
res_dept_code_named(void *arg, const char *name)
{
	struct store_resolver	*r = arg;
	char			*code = NULL;

	/* (No row when two departments have the name.) */
	(void)exists1(r->st, "SELECT min(code) FROM department WHERE name = ?"
	    " HAVING count(*) = 1", name, NULL, &code);
	return code;
}

static char *
res_dept_code_near(void *arg, const char *word)
{
	struct store_resolver	*r = arg;
	sqlite3_stmt		*s = store_stmt(r->st, "SELECT code FROM"
	    " department ORDER BY id", NULL);
	char			**codes = NULL, *code = NULL, *name = NULL;
	char			*why = NULL;
	size_t			 n = 0, i;
	int			 near;

	if (s == NULL)
		return NULL;
	while (sqlite3_step(s) == SQLITE_ROW) {
		codes = xreallocarray(codes, n + 1, sizeof *codes);
		codes[n++] = store_col_dup(s, 0);
	}
	sqlite3_reset(s);
	if ((near = util_nearest_name(word, (const char *const *)codes,
	    n)) >= 0)
		code = xstrdup(codes[near]);
	for (i = 0; i < n; i++)
		free(codes[i]);
	free(codes);
	/* Else the one whose name it is written another way (a 課 without
	 * its 部); none when it cannot be read, as a hint is all it is. */
	if (code == NULL)
		(void)store_dept_loosely(r->st, word, &code, &name, &why);
	free(name);
	free(why);
	return code;
}

static int
res_node_exists(void *arg, const char *plan, const char *node)
{
	struct store_resolver *r = arg;

	return exists1(r->st, "SELECT 1 FROM node n JOIN plan p ON p.id = n.plan_id"
	    " WHERE p.code = ? AND n.key = ?", plan, node, NULL);
}

static int
res_indicator_exists(void *arg, const char *plan, const char *ind, char **unit)
{
	struct store_resolver *r = arg;

	return exists1(r->st, "SELECT i.unit FROM indicator i JOIN plan p"
	    " ON p.id = i.plan_id WHERE p.code = ? AND i.key = ?", plan, ind, unit);
}

static int
res_indicator_own(void *arg, const char *plan, const char *ind)
{
	struct store_resolver *r = arg;

	return exists1(r->st, "SELECT 1 FROM indicator i JOIN plan p"
	    " ON p.id = i.plan_id LEFT JOIN node n ON n.id = i.node_id"
	    " WHERE p.code = ? AND i.key = ? AND NOT " STORE_PART_OF_ITEM,
	    plan, ind, NULL);
}

static const char *
res_grade_key(void *arg, const char *grade)
{
	struct store_resolver *r = arg;

	return r->cfg == NULL ? grade : config_grade_key(r->cfg, grade);
}

static long
res_plan_results(void *arg, const char *plan)
{
	static const char sql[] = "SELECT (SELECT count(*) FROM result r JOIN node n"
	    " ON n.id = r.node_id WHERE n.plan_id = p.id) + (SELECT count(*)"
	    " FROM indicator_actual a JOIN indicator i ON i.id = a.indicator_id"
	    " WHERE i.plan_id = p.id) FROM plan p WHERE p.code = ?";
	struct store_resolver	*r = arg;
	sqlite3_stmt		*s = store_stmt(r->st, sql, NULL);
	long			 n = 0;

	if (s == NULL)
		return 0;
	store_bind_text(s, 1, plan);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return n;
}

static size_t
res_plan_keys(void *arg, const char *plan, int indicators, char ***keys,
    char ***codes)
{
	struct store_resolver	*r = arg;
	sqlite3_stmt		*s = store_stmt(r->st, indicators ?
	    "SELECT i.key, '' FROM indicator i JOIN plan p ON p.id = i.plan_id"
	    " WHERE p.code = ? ORDER BY i.ord, i.id" :
	    "SELECT n.key, n.code FROM node n JOIN plan p ON p.id = n.plan_id"
	    " WHERE p.code = ? ORDER BY n.ord, n.id", NULL);
	size_t			 n = 0, cap = 0;

	*keys = NULL;
	if (codes != NULL)
		*codes = NULL;
	if (s == NULL)
		return 0;
	store_bind_text(s, 1, plan);
	while (sqlite3_step(s) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			*keys = xreallocarray(*keys, cap, sizeof **keys);
			if (codes != NULL)
				*codes = xreallocarray(*codes, cap,
				    sizeof **codes);
		}
		(*keys)[n] = store_col_dup(s, 0);
		if (codes != NULL)
			(*codes)[n] = store_col_dup(s, 1);
		n++;
	}
	sqlite3_reset(s);
	return n;
}

void
store_resolver_init(struct store_resolver *r, struct store *st,
    const struct config *cfg)
{
	memset(r, 0, sizeof *r);
	r->st = st;
	r->cfg = cfg;
	r->res.arg = r;
	r->res.plan_exists = res_plan_exists;
	r->res.dept_exists = res_dept_exists;
	r->res.dept_named_until = res_dept_named_until;
	r->res.dept_code_named = res_dept_code_named;
	r->res.dept_code_near = res_dept_code_near;
	r->res.node_exists = res_node_exists;
	r->res.indicator_exists = res_indicator_exists;
	r->res.indicator_own = res_indicator_own;
	r->res.grade_key = res_grade_key;
	r->res.plan_results = res_plan_results;
	r->res.plan_keys = res_plan_keys;
}

/* ---- export ---- */

static long long
plan_id(struct store *st, const char *code)
{
	sqlite3_stmt	*s = store_stmt(st, "SELECT id FROM plan WHERE code = ?", NULL);
	long long	 id = 0;

	if (s == NULL)
		return 0;
	store_bind_text(s, 1, code);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return id;
}

/* Adds a record whose fields come from the columns of the current row:
 * spec is a string of column types, one per field: 't' text, 'i' integer
 * (NULL → ""), 'b' 0/1 flag ("1" or ""), 'v' value (two columns) formatted
 * with unit, 'D' direction, 'T' trend, 'S' status, 'W' state, 'x' a column
 * that is skipped. */
static void
add_from_row(struct pf_doc *d, enum pf_kind kind, sqlite3_stmt *s,
    const char *spec, const char *unit)
{
	char		*fields[PF_MAX_COLS] = { NULL };
	const char	*key;
	int		 col = 0;
	size_t		 n = 0, i;
	struct value	 v;

	for (; *spec; spec++, n++) {
		switch (*spec) {
		case 'i':
			fields[n] = sqlite3_column_type(s, col) == SQLITE_NULL ?
			    xstrdup("") : xasprintf("%lld", sqlite3_column_int64(s, col));
			col++;
			break;
		case 'b':
			fields[n] = xstrdup(sqlite3_column_int(s, col++) ? "1" : "");
			break;
		case 'v':
			store_col_value(s, col, &v);
			fields[n] = value_format(&v, unit, 1);
			value_clear(&v);
			col += 2;
			break;
		case 'D':
		case 'T':
		case 'S':
		case 'W':
			key = vocab_label(*spec == 'D' ? VOCAB_DIRECTION :
			    *spec == 'T' ? VOCAB_TREND : *spec == 'S' ?
			    VOCAB_STATUS : VOCAB_STATE, store_col_text(s, col++));
			fields[n] = xstrdup(key ? key : "");
			break;
		case 'x':
			col++;
			n--;	/* a column read for the caller, not a field */
			break;
		default:
			fields[n] = store_col_dup(s, col++);
			break;
		}
	}
	pf_doc_add(d, kind, (const char *const *)fields, n);
	for (i = 0; i < n; i++)
		free(fields[i]);
}

/* Runs a query bound to one id and adds a record per row. */
static int
export_rows(struct store *st, struct pf_doc *d, const char *sql, long long id,
    enum pf_kind kind, const char *spec, int unit_col, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, sql, cause);
	int		 rc;
	char		*unit;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		unit = unit_col >= 0 ? store_col_dup(s, unit_col) : NULL;
		add_from_row(d, kind, s, spec, unit);
		free(unit);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		*cause = store_errmsg(st, "書き出し");
		return -1;
	}
	return 0;
}

/* The departments an export of plan ?1 (0: every plan) writes: those
 * its assignments and indicators name, and the departments those were
 * merged into, which their rows name. */
#define X_DEPTS_USED							\
    "WITH RECURSIVE used(id) AS (SELECT d.id FROM department d"		\
    " WHERE ?1 = 0 OR EXISTS (SELECT 1 FROM node_dept nd"		\
    " JOIN node n ON n.id = nd.node_id WHERE nd.dept_id = d.id"		\
    " AND n.plan_id = ?1)"						\
    " OR EXISTS (SELECT 1 FROM indicator i WHERE i.dept_id = d.id"	\
    " AND i.plan_id = ?1)"						\
    " UNION SELECT d.merged_into FROM department d JOIN used u"		\
    " ON u.id = d.id WHERE d.merged_into IS NOT NULL) "
/* A merged department after the one it was merged into (a later merger
 * first along a chain), as a row may name only what is defined above. */
static const char SQL_X_DEPTS[] = X_DEPTS_USED
    "SELECT d.code, d.name, d.org, d.abolished_after,"
    " (SELECT m.code FROM department m WHERE m.id = d.merged_into)"
    " FROM department d WHERE d.id IN used"
    " ORDER BY d.merged_into IS NOT NULL,"
    " CASE WHEN d.merged_into IS NOT NULL THEN -d.abolished_after END, d.ord";
static const char SQL_X_DEPTNAMES[] = X_DEPTS_USED
    "SELECT d.code, dn.until_fy, dn.name"
    " FROM department_name dn JOIN department d ON d.id = dn.dept_id"
    " WHERE d.id IN used ORDER BY d.ord, dn.until_fy";
static const char SQL_X_PLAN[] = "SELECT code, name, first_fy, last_fy, org,"
    " description FROM plan WHERE id = ?";
static const char SQL_X_LEVELS[] = "SELECT p.code, l.depth, l.name FROM plan_level l"
    " JOIN plan p ON p.id = l.plan_id WHERE l.plan_id = ? ORDER BY l.depth";
static const char SQL_X_FLAGS[] = "SELECT p.code, f.key, f.label, f.symbol"
    " FROM plan_flag f JOIN plan p ON p.id = f.plan_id WHERE f.plan_id = ?"
    " ORDER BY f.ord";
static const char SQL_X_NODES[] = "SELECT n.id, p.code, n.key, coalesce(q.key, ''),"
    " n.code, n.title, n.label, n.first_fy, n.last_fy, n.summary, n.means, n.note,"
    " n.ord FROM node n JOIN plan p ON p.id = n.plan_id LEFT JOIN node q"
    " ON q.id = n.parent_id WHERE n.plan_id = ? ORDER BY n.ord, n.id";
#define X_NODE_ORD 12	/* the column of the node's order */
static const char SQL_X_MARKS[] = "SELECT p.code, n.key, f.key FROM node_flag nf"
    " JOIN node n ON n.id = nf.node_id JOIN plan_flag f ON f.id = nf.flag_id"
    " JOIN plan p ON p.id = n.plan_id WHERE nf.node_id = ? ORDER BY f.ord";
static const char SQL_X_ASSIGNS[] = "SELECT p.code, n.key, d.code, nd.is_main,"
    " nd.from_fy, nd.until_fy FROM node_dept nd JOIN node n ON n.id = nd.node_id"
    " JOIN plan p ON p.id = n.plan_id JOIN department d ON d.id = nd.dept_id"
    " WHERE nd.node_id = ? ORDER BY nd.ord";
static const char SQL_X_YEARPLANS[] = "SELECT p.code, n.key, y.from_fy, y.to_fy,"
    " y.text FROM year_plan y JOIN node n ON n.id = y.node_id JOIN plan p"
    " ON p.id = n.plan_id WHERE y.node_id = ? ORDER BY y.ord";
static const char SQL_X_COSTS[] = "SELECT p.code, n.key, c.fy, c.trend"
    " FROM cost_trend c JOIN node n ON n.id = c.node_id JOIN plan p"
    " ON p.id = n.plan_id WHERE c.node_id = ? ORDER BY c.fy";
/* A plan's indicators in their order (the order of display), each with
 * its node's place in the plan's order after the record's columns (NULL:
 * the plan's own). */
static const char SQL_X_INDICATORS[] = "SELECT i.id, i.unit, p.code, i.key,"
    " coalesce(n.key, ''), i.name, i.category, i.unit, i.direction,"
    " i.cumulative, i.base_num, i.base_txt, i.base_fy, i.final_num, i.final_txt,"
    " i.final_fy, i.rationale, i.note, coalesce(d.code, ''), n.ord, n.id"
    " FROM indicator i JOIN plan p ON p.id = i.plan_id"
    " LEFT JOIN node n ON n.id = i.node_id"
    " LEFT JOIN department d ON d.id = i.dept_id"
    " WHERE i.plan_id = ? ORDER BY i.ord, i.id";
#define X_IND_NODE_ORD 19	/* the column of the node's order */
static const char SQL_X_TARGETS[] = "SELECT i.unit, p.code, i.key, t.fy, t.num, t.txt"
    " FROM indicator_target t JOIN indicator i ON i.id = t.indicator_id"
    " JOIN plan p ON p.id = i.plan_id WHERE t.indicator_id = ? ORDER BY t.fy";
static const char SQL_X_RESULTS[] = "SELECT p.code, n.key, r.fy, r.status, r.grade,"
    " r.state, r.text, r.comment, r.return_comment, r.entered_by, r.entered_at,"
    " r.confirmed_by, r.confirmed_at FROM result r JOIN node n ON n.id = r.node_id"
    " JOIN plan p ON p.id = n.plan_id WHERE n.plan_id = ? ORDER BY n.ord, r.fy";
static const char SQL_X_ACTUALS[] = "SELECT i.unit, p.code, i.key, a.fy, a.num,"
    " a.txt, a.note, a.state, a.return_comment, a.entered_by, a.entered_at,"
    " a.confirmed_by, a.confirmed_at FROM indicator_actual a JOIN indicator i"
    " ON i.id = a.indicator_id JOIN plan p ON p.id = i.plan_id"
    " WHERE i.plan_id = ? ORDER BY i.ord, a.fy";

/*
 * Writes the plan's indicators from s (SQL_X_INDICATORS, *rc its last
 * step), each followed by its targets, in their order, up to the first
 * whose node comes after the node at (ord, id) in the plan's order (with
 * all, to the end): an indicator's place in the file is its place on
 * display (shisaku-plan(5)), and it may only follow its node, so each is
 * written as soon as its node is, the plan's own at once. SQLite lets the
 * targets' query step while s and the nodes' query are open.
 */
static int
export_indicators_upto(struct store *st, struct pf_doc *d, sqlite3_stmt *s,
    int *rc, int all, long long ord, long long id, char **cause)
{
	char	*unit;

	while (*rc == SQLITE_ROW) {
		if (!all && sqlite3_column_type(s, X_IND_NODE_ORD) !=
		    SQLITE_NULL) {
			long long o = sqlite3_column_int64(s, X_IND_NODE_ORD);
			long long n = sqlite3_column_int64(s,
			    X_IND_NODE_ORD + 1);

			if (o > ord || (o == ord && n > id))
				break;
		}
		unit = store_col_dup(s, 1);
		add_from_row(d, PF_INDICATOR, s, "xxttttttDbvivittt", unit);
		free(unit);
		if (export_rows(st, d, SQL_X_TARGETS, sqlite3_column_int64(s, 0),
		    PF_TARGET, "xttiv", 0, cause) != 0)
			return -1;
		*rc = sqlite3_step(s);
	}
	if (*rc != SQLITE_DONE && *rc != SQLITE_ROW) {
		*cause = store_errmsg(st, "書き出し");
		return -1;
	}
	return 0;
}

/* Rows hanging on one node, in the order the node's sheet shows them
 * (its indicators: export_indicators_upto). */
static int
export_node_parts(struct store *st, struct pf_doc *d, long long node, char **cause)
{
	if (export_rows(st, d, SQL_X_MARKS, node, PF_MARK, "ttt", -1, cause) ||
	    export_rows(st, d, SQL_X_ASSIGNS, node, PF_ASSIGN, "tttbii", -1, cause) ||
	    export_rows(st, d, SQL_X_YEARPLANS, node, PF_YEARPLAN, "ttiit", -1,
	    cause) ||
	    export_rows(st, d, SQL_X_COSTS, node, PF_COST, "ttiT", -1, cause))
		return -1;
	return 0;
}

/* Progress of an export: nodes written of how many. */
struct export_count {
	size_t	done, total;
};

static int
export_plan(struct store *st, long long pid, struct pf_doc *d,
    struct export_count *count, char **cause)
{
	sqlite3_stmt	*s, *is;
	int		 rc, irc;

	if (export_rows(st, d, SQL_X_PLAN, pid, PF_PLAN, "ttiitt", -1, cause) ||
	    export_rows(st, d, SQL_X_LEVELS, pid, PF_LEVEL, "tit", -1, cause) ||
	    export_rows(st, d, SQL_X_FLAGS, pid, PF_FLAG, "tttt", -1, cause))
		return -1;
	if ((is = store_stmt(st, SQL_X_INDICATORS, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(is, 1, pid);
	irc = sqlite3_step(is);
	if (export_indicators_upto(st, d, is, &irc, 0, LLONG_MIN, LLONG_MIN,
	    cause) != 0 || (s = store_stmt(st, SQL_X_NODES, cause)) == NULL) {
		sqlite3_reset(is);
		return -1;
	}
	sqlite3_bind_int64(s, 1, pid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		add_from_row(d, PF_NODE, s, "xttttttiittt", NULL);
		if (++count->done % STORE_PROGRESS_EVERY == 0)
			store_progress(st, count->done, count->total);
		if (export_node_parts(st, d, sqlite3_column_int64(s, 0),
		    cause) != 0 || export_indicators_upto(st, d, is, &irc, 0,
		    sqlite3_column_int64(s, X_NODE_ORD),
		    sqlite3_column_int64(s, 0), cause) != 0) {
			sqlite3_reset(s);
			sqlite3_reset(is);
			return -1;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		sqlite3_reset(is);
		*cause = store_errmsg(st, "書き出し");
		return -1;
	}
	rc = export_indicators_upto(st, d, is, &irc, 1, 0, 0, cause);
	sqlite3_reset(is);
	if (rc != 0)
		return -1;
	if (export_rows(st, d, SQL_X_RESULTS, pid, PF_RESULT, "ttiStWttttttt", -1,
	    cause) ||
	    export_rows(st, d, SQL_X_ACTUALS, pid, PF_ACTUAL, "xttivtWttttt", 0,
	    cause))
		return -1;
	return 0;
}

int
store_plan_export(struct store *st, const char *code, struct pf_doc *d,
    char **cause)
{
	static const char count_sql[] =
	    "SELECT count(*) FROM node WHERE ?1 = 0 OR plan_id = ?1";
	struct store_plan_row	*rows = NULL;
	struct export_count	 count = { 0, 0 };
	sqlite3_stmt		*s;
	size_t			 n = 0, i;
	long long		 only = 0;
	int			 rc = 0;

	if (code != NULL && (only = plan_id(st, code)) == 0) {
		*cause = xasprintf("計画「%s」がありません（コードの一覧は shisaku plans）", code);
		return -1;
	}
	if (st->progress != NULL &&
	    (s = store_stmt(st, count_sql, NULL)) != NULL) {
		sqlite3_bind_int64(s, 1, only);
		if (sqlite3_step(s) == SQLITE_ROW)
			count.total = (size_t)sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
	}
	store_progress(st, 0, count.total);
	if (export_rows(st, d, SQL_X_DEPTS, only, PF_DEPT, "tttit", -1, cause) ||
	    export_rows(st, d, SQL_X_DEPTNAMES, only, PF_DEPTNAME, "tit", -1, cause))
		return -1;
	if (store_plan_list(st, &rows, &n, cause) != 0)
		return -1;
	for (i = 0; i < n && rc == 0; i++)
		if (only == 0 || rows[i].id == only)
			rc = export_plan(st, rows[i].id, d, &count, cause);
	store_plan_rows_free(rows, n);
	if (rc == 0)
		store_progress(st, count.done, count.total);
	return rc;
}

int
store_plan_list(struct store *st, struct store_plan_row **rows, size_t *n,
    char **cause)
{
	static const char sql[] = "SELECT id, code, name, coalesce(first_fy, 0),"
	    " coalesce(last_fy, 0) FROM plan ORDER BY ord";
	sqlite3_stmt		*s = store_stmt(st, sql, cause);
	struct store_plan_row	*r;
	int			 rc;

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		r = &(*rows)[(*n)++];
		r->id = sqlite3_column_int64(s, 0);
		r->code = store_col_dup(s, 1);
		r->name = store_col_dup(s, 2);
		r->first_fy = sqlite3_column_int(s, 3);
		r->last_fy = sqlite3_column_int(s, 4);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		store_plan_rows_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		*cause = store_errmsg(st, "計画の一覧");
		return -1;
	}
	return 0;
}

void
store_plan_rows_free(struct store_plan_row *rows, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(rows[i].code);
		free(rows[i].name);
	}
	free(rows);
}
