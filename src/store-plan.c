/*
 * Whole plans in and out of the store (see store-plan.h). Import walks the
 * checked document in file order and inserts row by row inside one
 * transaction; export reads the rows back in the same order, so that
 * export, import and export again give the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/config.h"
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
res_grade_valid(void *arg, const char *grade)
{
	struct store_resolver *r = arg;

	return r->cfg == NULL || config_grade_label(r->cfg, grade) != NULL;
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
	r->res.node_exists = res_node_exists;
	r->res.indicator_exists = res_indicator_exists;
	r->res.grade_valid = res_grade_valid;
	r->res.plan_results = res_plan_results;
}

/* ---- import ---- */

static long long
id_of(struct store *st, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt	*s = store_stmt(st, sql, NULL);
	long long	 id = 0;

	if (s == NULL)
		return 0;
	store_bind_text(s, 1, a);
	if (b != NULL)
		store_bind_text(s, 2, b);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return id;
}

static long long
plan_id(struct store *st, const char *code)
{
	return id_of(st, "SELECT id FROM plan WHERE code = ?", code, NULL);
}

static long long
node_id(struct store *st, const char *plan, const char *key)
{
	return id_of(st, "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id"
	    " WHERE p.code = ? AND n.key = ?", plan, key);
}

static long long
dept_id(struct store *st, const char *code)
{
	return id_of(st, "SELECT id FROM department WHERE code = ?", code, NULL);
}

static long long
indicator_id(struct store *st, const char *plan, const char *key)
{
	return id_of(st, "SELECT i.id FROM indicator i JOIN plan p ON p.id = i.plan_id"
	    " WHERE p.code = ? AND i.key = ?", plan, key);
}

static long long
fy_field(const char *s)
{
	return s[0] ? atoll(s) : 0;
}

/* Binds a canonical value field, parsed again against the unit. */
static void
bind_value(sqlite3_stmt *s, int i, const char *text, const char *unit)
{
	struct value	 v;
	char		*cause = NULL;

	if (value_parse(text, unit, &v, &cause) != 0) {
		free(cause);	/* checked when read; cannot happen */
		v.kind = VALUE_NONE;
		v.text = NULL;
	}
	store_bind_value(s, i, &v);
	value_clear(&v);
}

static const char *
vkey(enum vocab v, const char *word)
{
	return word[0] ? vocab_key(v, word) : NULL;
}

/* Runs one insert or update statement; returns 0 or -1 with *cause. */
static int
step_done(struct store *st, sqlite3_stmt *s, const struct pf_record *r,
    char **cause)
{
	int	rc = sqlite3_step(s);

	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	*cause = xasprintf("%s:%zu: %s", r->file ? r->file : "", r->line,
	    sqlite3_errmsg(store_db(st)));
	return -1;
}

static const char SQL_PLAN_DELETE[] = "DELETE FROM plan WHERE code = ?";
/* History outlives a replaced plan: before the plan goes, each of its
 * history rows is noted with the keys of its node and indicator, and
 * once the file is loaded it is pointed at the node and the indicator of
 * the new plan that have those keys. A row whose key the new plan lacks
 * stays without it, for audit (history_node_id SET NULL). */
static const char SQL_KEEP_TABLE[] =
    "CREATE TEMP TABLE IF NOT EXISTS replaced_history (history_id INTEGER"
    " PRIMARY KEY, plan_code TEXT NOT NULL, node_key TEXT, indicator_key TEXT)";
static const char SQL_KEEP[] =
    "INSERT OR REPLACE INTO temp.replaced_history (history_id, plan_code,"
    " node_key, indicator_key)"
    " SELECT h.id, ?1, n.key, i.key FROM history h"
    " LEFT JOIN node n ON n.id = h.node_id"
    " LEFT JOIN indicator i ON i.id = h.indicator_id"
    " WHERE n.plan_id = (SELECT id FROM plan WHERE code = ?1)"
    "    OR i.plan_id = (SELECT id FROM plan WHERE code = ?1)";
static const char SQL_RELINK[] =
    "UPDATE history SET"
    " node_id = coalesce(node_id, (SELECT n.id FROM temp.replaced_history r"
    "  JOIN plan p ON p.code = r.plan_code"
    "  JOIN node n ON n.plan_id = p.id AND n.key = r.node_key"
    "  WHERE r.history_id = history.id)),"
    " indicator_id = coalesce(indicator_id, (SELECT i.id"
    "  FROM temp.replaced_history r JOIN plan p ON p.code = r.plan_code"
    "  JOIN indicator i ON i.plan_id = p.id AND i.key = r.indicator_key"
    "  WHERE r.history_id = history.id))"
    " WHERE id IN (SELECT history_id FROM temp.replaced_history)";
static const char SQL_KEEP_CLEAR[] = "DELETE FROM temp.replaced_history";
static const char SQL_PLAN[] = "INSERT INTO plan (code, name, first_fy, last_fy,"
    " org, description, ord) VALUES (?, ?, ?, ?, ?, ?,"
    " (SELECT coalesce(max(ord), 0) + 1 FROM plan))";
static const char SQL_LEVEL[] = "INSERT INTO plan_level (plan_id, depth, name)"
    " VALUES (?, ?, ?)";
static const char SQL_FLAG[] = "INSERT INTO plan_flag (plan_id, key, label, symbol,"
    " ord) VALUES (?, ?, ?, ?, (SELECT coalesce(max(ord), 0) + 1 FROM plan_flag))";
static const char SQL_DEPT[] = "INSERT INTO department (code, name, org,"
    " abolished_after, ord) VALUES (?, ?, ?, ?,"
    " (SELECT coalesce(max(ord), 0) + 1 FROM department))";
static const char SQL_DEPTNAME[] = "INSERT OR REPLACE INTO department_name"
    " (dept_id, until_fy, name) VALUES (?, ?, ?)";
static const char SQL_NODE[] = "INSERT INTO node (plan_id, parent_id, depth, key,"
    " code, title, label, first_fy, last_fy, summary, means, note, ord)"
    " VALUES (?1, ?2, coalesce((SELECT depth + 1 FROM node WHERE id = ?2), 1),"
    " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
    " (SELECT coalesce(max(ord), 0) + 1 FROM node WHERE plan_id = ?1))";
static const char SQL_MARK[] = "INSERT OR IGNORE INTO node_flag (node_id, flag_id)"
    " SELECT ?, id FROM plan_flag WHERE plan_id = ? AND key = ?";
static const char SQL_ASSIGN[] = "INSERT INTO node_dept (node_id, dept_id, is_main,"
    " from_fy, until_fy, ord) VALUES (?1, ?2, ?3, ?4, ?5,"
    " (SELECT coalesce(max(ord), 0) + 1 FROM node_dept WHERE node_id = ?1))";
static const char SQL_YEARPLAN[] = "INSERT INTO year_plan (node_id, from_fy, to_fy,"
    " text, ord) VALUES (?1, ?2, ?3, ?4,"
    " (SELECT coalesce(max(ord), 0) + 1 FROM year_plan WHERE node_id = ?1))";
static const char SQL_COST[] = "INSERT INTO cost_trend (node_id, fy, trend)"
    " VALUES (?, ?, ?)";
static const char SQL_INDICATOR[] = "INSERT INTO indicator (plan_id, node_id, key,"
    " name, category, unit, direction, cumulative, base_num, base_txt, base_fy,"
    " final_num, final_txt, final_fy, rationale, note, ord, dept_id) VALUES (?1,"
    " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,"
    " (SELECT coalesce(max(ord), 0) + 1 FROM indicator WHERE plan_id = ?1),"
    " (SELECT id FROM department WHERE code = ?17))";
static const char SQL_TARGET[] = "INSERT INTO indicator_target (indicator_id, fy,"
    " num, txt) VALUES (?, ?, ?, ?)";
/* The department a result or an actual of fiscal year ?2 is filed under,
 * as the results form files it: the node's main department in charge
 * that year (after a reorganisation, the one of that year), else its
 * first one. */
#define MAIN_DEPT_IN(node)						\
    "(SELECT nd.dept_id FROM node_dept nd WHERE nd.node_id = " node	\
    " ORDER BY ((nd.from_fy IS NULL OR nd.from_fy <= ?2) AND"		\
    " (nd.until_fy IS NULL OR nd.until_fy >= ?2)) DESC, nd.is_main DESC,"\
    " nd.ord, nd.id LIMIT 1)"
static const char SQL_RESULT[] = "INSERT INTO result (node_id, fy, status, grade,"
    " state, text, comment, return_comment, dept_id, entered_by, entered_at,"
    " confirmed_by, confirmed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
    " " MAIN_DEPT_IN("?1") ", ?9, ?10, ?11, ?12)"
    " ON CONFLICT (node_id, fy) DO UPDATE SET status = excluded.status,"
    " grade = excluded.grade, state = excluded.state, text = excluded.text,"
    " comment = excluded.comment, return_comment = excluded.return_comment,"
    " entered_by = excluded.entered_by, entered_at = excluded.entered_at,"
    " confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at,"
    " ver = ver + 1";
/* An actual reported on its own is filed under its responsible department
 * (the indicator's, else its node's main one), as a result is. */
static const char SQL_ACTUAL[] = "INSERT INTO indicator_actual (indicator_id, fy,"
    " num, txt, note, state, return_comment, entered_by, entered_at,"
    " confirmed_by, confirmed_at, dept_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
    " ?8, ?9, ?10, ?11, (SELECT coalesce(i.dept_id, " MAIN_DEPT_IN("i.node_id")
    ") FROM indicator i WHERE i.id = ?1))"
    " ON CONFLICT (indicator_id, fy) DO UPDATE SET num = excluded.num,"
    " txt = excluded.txt, note = excluded.note, state = excluded.state,"
    " return_comment = excluded.return_comment, entered_by = excluded.entered_by,"
    " entered_at = excluded.entered_at, confirmed_by = excluded.confirmed_by,"
    " confirmed_at = excluded.confirmed_at, dept_id = excluded.dept_id,"
    " ver = ver + 1";
static const char SQL_HISTORY[] = "INSERT INTO history (at, login, node_id,"
    " indicator_id, fy, field, old_value, new_value)"
    " VALUES (?, ?, ?, ?, ?, ?, NULL, ?)";

/* The unit of an indicator in the database (malloc'd; "" if none). */
static char *
unit_of(struct store *st, long long ind)
{
	static const char sql[] = "SELECT unit FROM indicator WHERE id = ?";
	sqlite3_stmt	*s = store_stmt(st, sql, NULL);
	char		*unit = NULL;

	if (s != NULL) {
		sqlite3_bind_int64(s, 1, ind);
		if (sqlite3_step(s) == SQLITE_ROW)
			unit = store_col_dup(s, 0);
		sqlite3_reset(s);
	}
	return unit != NULL ? unit : xstrdup("");
}

static int
history_import(struct store *st, const char *login, long long node,
    long long ind, const char *fy, const char *what, char **cause,
    const struct pf_record *r)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_HISTORY, cause);
	char		 now[20];

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, now_iso(now));
	store_bind_text(s, 2, login);
	store_bind_opt_int(s, 3, node);
	store_bind_opt_int(s, 4, ind);
	sqlite3_bind_int64(s, 5, fy_field(fy));
	store_bind_text(s, 6, "import");
	store_bind_text(s, 7, what);
	return step_done(st, s, r, cause);
}

/*
 * A department the database has already: the same one from another
 * file, or one whose reorganisation the file records. The file's name
 * (the check accepted it only when its deptname rows give the database's
 * name as an earlier one; they follow and are written as they come) and
 * its year of abolition, when it gives one, replace the database's; a
 * rename is a history row.
 */
static int
import_dept_again(struct store *st, const struct pf_record *r,
    const char *login, char **cause)
{
	static const char sql_read[] = "SELECT id, name,"
	    " coalesce(abolished_after, 0) FROM department WHERE code = ?1";
	static const char sql_name[] =
	    "UPDATE department SET name = ?2 WHERE id = ?1";
	static const char sql_abolish[] =
	    "UPDATE department SET abolished_after = ?2 WHERE id = ?1";
	char *const	*f = r->f;
	sqlite3_stmt	*s;
	long long	 id = 0;
	char		*name = NULL, *what, now[20];
	int		 gone = 0, rc;

	if ((s = store_stmt(st, sql_read, cause)) == NULL)
		return -1;
	store_bind_text(s, 1, f[DEPT_CODE]);
	if (sqlite3_step(s) == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		name = store_col_dup(s, 1);
		gone = sqlite3_column_int(s, 2);
	}
	sqlite3_reset(s);
	if (name != NULL && strcmp(name, f[DEPT_NAME]) != 0) {
		if ((s = store_stmt(st, sql_name, cause)) == NULL) {
			free(name);
			return -1;
		}
		sqlite3_bind_int64(s, 1, id);
		store_bind_text(s, 2, f[DEPT_NAME]);
		if (step_done(st, s, r, cause) != 0) {
			free(name);
			return -1;
		}
		what = xasprintf("%s: %s", f[DEPT_CODE], name);
		rc = store_history_add(st, now_iso(now), login, 0, 0, 0,
		    "dept_rename", what, f[DEPT_NAME], cause);
		free(what);
		if (rc != 0) {
			free(name);
			return -1;
		}
	}
	free(name);
	if (f[DEPT_ABOLISHED][0] != '\0' && fy_field(f[DEPT_ABOLISHED]) != gone) {
		if ((s = store_stmt(st, sql_abolish, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, fy_field(f[DEPT_ABOLISHED]));
		return step_done(st, s, r, cause);
	}
	return 0;
}

static int
import_record(struct store *st, const struct pf_record *r, int replace,
    const char *login, char **cause)
{
	sqlite3_stmt	*s = NULL;
	char *const	*f = r->f;
	char		*unit;
	long long	 node, ind;

	switch (r->kind) {
	case PF_PLAN:
		if (replace) {
			if ((s = store_stmt(st, SQL_KEEP, cause)) == NULL)
				return -1;
			store_bind_text(s, 1, f[PLAN_CODE]);
			if (step_done(st, s, r, cause) != 0)
				return -1;
			if ((s = store_stmt(st, SQL_PLAN_DELETE, cause)) == NULL)
				return -1;
			store_bind_text(s, 1, f[PLAN_CODE]);
			if (step_done(st, s, r, cause) != 0)
				return -1;
		}
		if ((s = store_stmt(st, SQL_PLAN, cause)) == NULL)
			return -1;
		store_bind_text(s, 1, f[PLAN_CODE]);
		store_bind_text(s, 2, f[PLAN_NAME]);
		store_bind_opt_int(s, 3, fy_field(f[PLAN_FIRST]));
		store_bind_opt_int(s, 4, fy_field(f[PLAN_LAST]));
		store_bind_text(s, 5, f[PLAN_ORG]);
		store_bind_text(s, 6, f[PLAN_DESC]);
		break;
	case PF_LEVEL:
		if ((s = store_stmt(st, SQL_LEVEL, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, plan_id(st, f[0]));
		sqlite3_bind_int(s, 2, atoi(f[LEVEL_DEPTH]));
		store_bind_text(s, 3, f[LEVEL_NAME]);
		break;
	case PF_FLAG:
		if ((s = store_stmt(st, SQL_FLAG, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, plan_id(st, f[0]));
		store_bind_text(s, 2, f[FLAG_KEY]);
		store_bind_text(s, 3, f[FLAG_LABEL]);
		store_bind_text(s, 4, f[FLAG_SYMBOL]);
		break;
	case PF_DEPT:
		if (dept_id(st, f[DEPT_CODE]) != 0)
			return import_dept_again(st, r, login, cause);
		if ((s = store_stmt(st, SQL_DEPT, cause)) == NULL)
			return -1;
		store_bind_text(s, 1, f[DEPT_CODE]);
		store_bind_text(s, 2, f[DEPT_NAME]);
		store_bind_text(s, 3, f[DEPT_ORG]);
		store_bind_opt_int(s, 4, fy_field(f[DEPT_ABOLISHED]));
		break;
	case PF_DEPTNAME:
		if ((s = store_stmt(st, SQL_DEPTNAME, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, dept_id(st, f[DEPTNAME_DEPT]));
		sqlite3_bind_int64(s, 2, fy_field(f[DEPTNAME_UNTIL]));
		store_bind_text(s, 3, f[DEPTNAME_NAME]);
		break;
	case PF_NODE:
		if ((s = store_stmt(st, SQL_NODE, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, plan_id(st, f[0]));
		store_bind_opt_int(s, 2, f[NODE_PARENT][0] ?
		    node_id(st, f[0], f[NODE_PARENT]) : 0);
		store_bind_text(s, 3, f[NODE_KEY]);
		store_bind_text(s, 4, f[NODE_CODE]);
		store_bind_text(s, 5, f[NODE_TITLE]);
		store_bind_text(s, 6, f[NODE_LABEL]);
		store_bind_opt_int(s, 7, fy_field(f[NODE_FIRST]));
		store_bind_opt_int(s, 8, fy_field(f[NODE_LAST]));
		store_bind_text(s, 9, f[NODE_SUMMARY]);
		store_bind_text(s, 10, f[NODE_MEANS]);
		store_bind_text(s, 11, f[NODE_NOTE]);
		break;
	case PF_MARK:
		if ((s = store_stmt(st, SQL_MARK, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, node_id(st, f[0], f[MARK_NODE]));
		sqlite3_bind_int64(s, 2, plan_id(st, f[0]));
		store_bind_text(s, 3, f[MARK_FLAG]);
		break;
	case PF_ASSIGN:
		if ((s = store_stmt(st, SQL_ASSIGN, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, node_id(st, f[0], f[ASSIGN_NODE]));
		sqlite3_bind_int64(s, 2, dept_id(st, f[ASSIGN_DEPT]));
		sqlite3_bind_int(s, 3, f[ASSIGN_MAIN][0] == '1');
		store_bind_opt_int(s, 4, fy_field(f[ASSIGN_FROM]));
		store_bind_opt_int(s, 5, fy_field(f[ASSIGN_UNTIL]));
		break;
	case PF_YEARPLAN:
		if ((s = store_stmt(st, SQL_YEARPLAN, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, node_id(st, f[0], f[YP_NODE]));
		sqlite3_bind_int64(s, 2, fy_field(f[YP_FROM]));
		sqlite3_bind_int64(s, 3, fy_field(f[YP_TO]));
		store_bind_text(s, 4, f[YP_TEXT]);
		break;
	case PF_COST:
		if ((s = store_stmt(st, SQL_COST, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, node_id(st, f[0], f[COST_NODE]));
		sqlite3_bind_int64(s, 2, fy_field(f[COST_FY]));
		store_bind_text(s, 3, vkey(VOCAB_TREND, f[COST_TREND]));
		break;
	case PF_INDICATOR:
		if ((s = store_stmt(st, SQL_INDICATOR, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, plan_id(st, f[0]));
		store_bind_opt_int(s, 2, f[IND_NODE][0] ? node_id(st, f[0], f[IND_NODE]) : 0);
		store_bind_text(s, 3, f[IND_KEY]);
		store_bind_text(s, 4, f[IND_NAME]);
		store_bind_text(s, 5, f[IND_CATEGORY]);
		store_bind_text(s, 6, f[IND_UNIT]);
		store_bind_text(s, 7, vkey(VOCAB_DIRECTION, f[IND_DIRECTION]));
		sqlite3_bind_int(s, 8, f[IND_CUMULATIVE][0] == '1');
		bind_value(s, 9, f[IND_BASE], f[IND_UNIT]);
		store_bind_opt_int(s, 11, fy_field(f[IND_BASE_FY]));
		bind_value(s, 12, f[IND_FINAL], f[IND_UNIT]);
		store_bind_opt_int(s, 14, fy_field(f[IND_FINAL_FY]));
		store_bind_text(s, 15, f[IND_RATIONALE]);
		store_bind_text(s, 16, f[IND_NOTE]);
		store_bind_text(s, 17, f[IND_DEPT][0] ? f[IND_DEPT] : NULL);
		break;
	case PF_TARGET:
		if ((s = store_stmt(st, SQL_TARGET, cause)) == NULL)
			return -1;
		ind = indicator_id(st, f[0], f[TARGET_IND]);
		sqlite3_bind_int64(s, 1, ind);
		sqlite3_bind_int64(s, 2, fy_field(f[TARGET_FY]));
		unit = unit_of(st, ind);
		bind_value(s, 3, f[TARGET_VALUE], unit);
		free(unit);
		break;
	case PF_RESULT:
		if ((s = store_stmt(st, SQL_RESULT, cause)) == NULL)
			return -1;
		node = node_id(st, f[0], f[RES_NODE]);
		sqlite3_bind_int64(s, 1, node);
		sqlite3_bind_int64(s, 2, fy_field(f[RES_FY]));
		store_bind_text(s, 3, vkey(VOCAB_STATUS, f[RES_STATUS]));
		store_bind_text(s, 4, f[RES_GRADE][0] ? f[RES_GRADE] : NULL);
		store_bind_text(s, 5, vkey(VOCAB_STATE, f[RES_STATE]));
		store_bind_text(s, 6, f[RES_TEXT]);
		store_bind_text(s, 7, f[RES_COMMENT]);
		store_bind_text(s, 8, f[RES_RETURN]);
		store_bind_text(s, 9, f[RES_ENTERED_BY]);
		store_bind_text(s, 10, f[RES_ENTERED_AT]);
		store_bind_text(s, 11, f[RES_CONFIRMED_BY]);
		store_bind_text(s, 12, f[RES_CONFIRMED_AT]);
		if (step_done(st, s, r, cause) != 0)
			return -1;
		return history_import(st, login, node, 0, f[RES_FY],
		    "計画ファイルから実績を読み込み", cause, r);
	case PF_ACTUAL:
		if ((s = store_stmt(st, SQL_ACTUAL, cause)) == NULL)
			return -1;
		ind = indicator_id(st, f[0], f[ACT_IND]);
		sqlite3_bind_int64(s, 1, ind);
		sqlite3_bind_int64(s, 2, fy_field(f[ACT_FY]));
		unit = unit_of(st, ind);
		bind_value(s, 3, f[ACT_VALUE], unit);
		free(unit);
		store_bind_text(s, 5, f[ACT_NOTE]);
		store_bind_text(s, 6, vkey(VOCAB_STATE, f[ACT_STATE]));
		store_bind_text(s, 7, f[ACT_RETURN]);
		store_bind_text(s, 8, f[ACT_ENTERED_BY]);
		store_bind_text(s, 9, f[ACT_ENTERED_AT]);
		store_bind_text(s, 10, f[ACT_CONFIRMED_BY]);
		store_bind_text(s, 11, f[ACT_CONFIRMED_AT]);
		if (step_done(st, s, r, cause) != 0)
			return -1;
		return history_import(st, login, 0, ind, f[ACT_FY], f[ACT_VALUE],
		    cause, r);
	case PF_KIND_COUNT:
		return 0;
	}
	return step_done(st, s, r, cause);
}

int
store_plan_import(struct store *st, const struct pf_doc *d, int replace,
    const char *login, char **cause)
{
	size_t	i;
	int	rc;

	if ((rc = store_begin(st, cause)) != 0)
		return rc;
	if (replace && (store_exec(st, SQL_KEEP_TABLE, cause) != SQLITE_OK ||
	    store_exec(st, SQL_KEEP_CLEAR, cause) != SQLITE_OK)) {
		store_rollback(st);
		return -1;
	}
	for (i = 0; i < d->n; i++) {
		if (i % STORE_PROGRESS_EVERY == 0)
			store_progress(st, i, d->n);
		if (import_record(st, &d->recs[i], replace, login, cause) != 0) {
			store_rollback(st);
			return -1;
		}
	}
	store_progress(st, d->n, d->n);
	if (replace && (store_exec(st, SQL_RELINK, cause) != SQLITE_OK ||
	    store_exec(st, SQL_KEEP_CLEAR, cause) != SQLITE_OK)) {
		store_rollback(st);
		return -1;
	}
	return store_commit(st, cause);
}

/* ---- export ---- */

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

static const char SQL_X_DEPTS[] = "SELECT code, name, org, abolished_after"
    " FROM department d WHERE ?1 = 0 OR EXISTS (SELECT 1 FROM node_dept nd"
    " JOIN node n ON n.id = nd.node_id WHERE nd.dept_id = d.id AND n.plan_id = ?1)"
    " OR EXISTS (SELECT 1 FROM indicator i WHERE i.dept_id = d.id"
    " AND i.plan_id = ?1) ORDER BY ord";
static const char SQL_X_DEPTNAMES[] = "SELECT d.code, dn.until_fy, dn.name"
    " FROM department_name dn JOIN department d ON d.id = dn.dept_id"
    " WHERE ?1 = 0 OR EXISTS (SELECT 1 FROM node_dept nd JOIN node n"
    " ON n.id = nd.node_id WHERE nd.dept_id = d.id AND n.plan_id = ?1)"
    " OR EXISTS (SELECT 1 FROM indicator i WHERE i.dept_id = d.id"
    " AND i.plan_id = ?1) ORDER BY d.ord, dn.until_fy";
static const char SQL_X_PLAN[] = "SELECT code, name, first_fy, last_fy, org,"
    " description FROM plan WHERE id = ?";
static const char SQL_X_LEVELS[] = "SELECT p.code, l.depth, l.name FROM plan_level l"
    " JOIN plan p ON p.id = l.plan_id WHERE l.plan_id = ? ORDER BY l.depth";
static const char SQL_X_FLAGS[] = "SELECT p.code, f.key, f.label, f.symbol"
    " FROM plan_flag f JOIN plan p ON p.id = f.plan_id WHERE f.plan_id = ?"
    " ORDER BY f.ord";
static const char SQL_X_NODES[] = "SELECT n.id, p.code, n.key, coalesce(q.key, ''),"
    " n.code, n.title, n.label, n.first_fy, n.last_fy, n.summary, n.means, n.note"
    " FROM node n JOIN plan p ON p.id = n.plan_id LEFT JOIN node q"
    " ON q.id = n.parent_id WHERE n.plan_id = ? ORDER BY n.ord";
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
#define X_INDICATOR_COLS "SELECT i.id, i.unit, p.code, i.key, coalesce(n.key, ''),"\
    " i.name, i.category, i.unit, i.direction, i.cumulative, i.base_num,"	\
    " i.base_txt, i.base_fy, i.final_num, i.final_txt, i.final_fy, i.rationale,"\
    " i.note, coalesce(d.code, '') FROM indicator i JOIN plan p"		\
    " ON p.id = i.plan_id LEFT JOIN node n ON n.id = i.node_id"		\
    " LEFT JOIN department d ON d.id = i.dept_id "
static const char SQL_X_IND_NODE[] = X_INDICATOR_COLS
    "WHERE i.node_id = ? ORDER BY i.ord";
static const char SQL_X_IND_PLAN[] = X_INDICATOR_COLS
    "WHERE i.plan_id = ? AND i.node_id IS NULL ORDER BY i.ord";
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

/* Indicators selected by sql (bound to id), each followed by its targets.
 * SQLite lets the targets query step while the indicators query is open. */
static int
export_indicators(struct store *st, struct pf_doc *d, const char *sql,
    long long id, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, sql, cause);
	char		*unit;
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		unit = store_col_dup(s, 1);
		add_from_row(d, PF_INDICATOR, s, "xxttttttDbvivittt", unit);
		free(unit);
		if (export_rows(st, d, SQL_X_TARGETS, sqlite3_column_int64(s, 0),
		    PF_TARGET, "xttiv", 0, cause) != 0) {
			sqlite3_reset(s);
			return -1;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		*cause = store_errmsg(st, "書き出し");
		return -1;
	}
	return 0;
}

/* Rows hanging on one node, in the order the node's sheet shows them. */
static int
export_node_parts(struct store *st, struct pf_doc *d, long long node, char **cause)
{
	if (export_rows(st, d, SQL_X_MARKS, node, PF_MARK, "ttt", -1, cause) ||
	    export_rows(st, d, SQL_X_ASSIGNS, node, PF_ASSIGN, "tttbii", -1, cause) ||
	    export_rows(st, d, SQL_X_YEARPLANS, node, PF_YEARPLAN, "ttiit", -1,
	    cause) ||
	    export_rows(st, d, SQL_X_COSTS, node, PF_COST, "ttiT", -1, cause) ||
	    export_indicators(st, d, SQL_X_IND_NODE, node, cause))
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
	sqlite3_stmt	*s;
	int		 rc;

	if (export_rows(st, d, SQL_X_PLAN, pid, PF_PLAN, "ttiitt", -1, cause) ||
	    export_rows(st, d, SQL_X_LEVELS, pid, PF_LEVEL, "tit", -1, cause) ||
	    export_rows(st, d, SQL_X_FLAGS, pid, PF_FLAG, "tttt", -1, cause) ||
	    export_indicators(st, d, SQL_X_IND_PLAN, pid, cause))
		return -1;
	if ((s = store_stmt(st, SQL_X_NODES, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, pid);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		add_from_row(d, PF_NODE, s, "xttttttiittt", NULL);
		if (++count->done % STORE_PROGRESS_EVERY == 0)
			store_progress(st, count->done, count->total);
		if (export_node_parts(st, d, sqlite3_column_int64(s, 0), cause) != 0) {
			sqlite3_reset(s);
			return -1;
		}
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		*cause = store_errmsg(st, "書き出し");
		return -1;
	}
	if (export_rows(st, d, SQL_X_RESULTS, pid, PF_RESULT, "ttiStWttttttt", -1,
	    cause) ||
	    export_rows(st, d, SQL_X_ACTUALS, pid, PF_ACTUAL, "xttivtWtttt", 0,
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
	if (export_rows(st, d, SQL_X_DEPTS, only, PF_DEPT, "ttti", -1, cause) ||
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
