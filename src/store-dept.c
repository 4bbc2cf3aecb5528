/*
 * Departments and their reorganisations in the store (see store-dept.h).
 * A change from fiscal year Y never rewrites a year before Y: an old name
 * goes to department_name with the last year it was used, an assignment
 * in force at Y ends at Y - 1 and a new one starts at Y, and results keep
 * the department they were filed under.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/fy.h"
#include "shisaku/store-dept.h"
#include "shisaku/store-internal.h"
#include "shisaku/store-result.h"
#include "shisaku/store-user.h"
#include "shisaku/textfold.h"
#include "shisaku/util.h"
#include "shisaku/value.h"

static const char SQL_LIST[] =
    "SELECT d.id, d.code, d.name, d.org, COALESCE(d.abolished_after, 0),"
    " (SELECT count(*) FROM node_dept nd WHERE nd.dept_id = d.id),"
    " (SELECT count(*) FROM app_user u WHERE u.dept_id = d.id),"
    " (SELECT m.code FROM department m WHERE m.id = d.merged_into)"
    " FROM department d ORDER BY d.ord, d.id";
static const char SQL_OLD_NAMES[] =
    "SELECT until_fy, name FROM department_name WHERE dept_id = ?1"
    " ORDER BY until_fy";
static const char SQL_RESOLVE[] =
    "SELECT id, code, code = ?1 FROM department WHERE code = ?1 OR name = ?1"
    " ORDER BY code = ?1 DESC, ord, id";
/* Of the departments of a shared name, those of the plan's own
 * organisation (plans.org = department.org). */
static const char SQL_RESOLVE_IN_PLAN[] =
    "SELECT d.id, d.code FROM plan p JOIN department d ON d.org = p.org"
    " WHERE p.id = ?2 AND p.org <> '' AND d.name = ?1 ORDER BY d.ord, d.id"
    " LIMIT 2";
/* The department a name was of until a year (a reorganisation since):
 * its code and name now, the last year of the old name, and how many
 * departments had it. */
static const char SQL_RESOLVE_OLD[] =
    "SELECT d.code, d.name, max(dn.until_fy), count(DISTINCT d.id)"
    " FROM department_name dn JOIN department d ON d.id = dn.dept_id"
    " WHERE dn.name = ?1";
static const char SQL_DEPT[] =
    "SELECT code, name, COALESCE(abolished_after, 0),"
    " COALESCE((SELECT max(until_fy) FROM department_name WHERE dept_id = ?1), 0)"
    " FROM department WHERE id = ?1";
static const char SQL_ADD[] =
    "INSERT INTO department (code, name, org, ord) VALUES (?1, ?2, ?3,"
    " (SELECT COALESCE(max(ord), 0) + 1 FROM department))";
static const char SQL_CODE_USED[] = "SELECT 1 FROM department WHERE code = ?1";
static const char SQL_OLD_NAME_ADD[] =
    "INSERT INTO department_name (dept_id, until_fy, name) VALUES (?1, ?2, ?3)";
static const char SQL_RENAME[] = "UPDATE department SET name = ?2 WHERE id = ?1";
static const char SQL_ABOLISH[] =
    "UPDATE department SET abolished_after = ?2 WHERE id = ?1";
static const char SQL_MERGED_INTO[] =
    "UPDATE department SET merged_into = ?2 WHERE id = ?1";
/* The departments merged into ?1, and into those: each merged one's own
 * last year bounds what its successor does for it. */
static const char SQL_PREDECESSORS[] =
    "WITH RECURSIVE p(id, until_fy) AS ("
    " SELECT id, abolished_after FROM department"
    " WHERE merged_into = ?1 AND abolished_after IS NOT NULL AND id <> ?1"
    " UNION SELECT d.id, d.abolished_after FROM department d"
    " JOIN p ON d.merged_into = p.id"
    " WHERE d.abolished_after IS NOT NULL AND d.id <> ?1)"
    " SELECT id, until_fy FROM p ORDER BY until_fy DESC, id";
/* Assignments of a department still in force in fiscal year ?2. */
static const char SQL_IN_FORCE[] =
    "SELECT nd.id, nd.node_id, nd.is_main, COALESCE(nd.from_fy, 0),"
    " COALESCE(nd.until_fy, 0), nd.ord, p.code, n.code, n.title"
    " FROM node_dept nd JOIN node n ON n.id = nd.node_id"
    " JOIN plan p ON p.id = n.plan_id WHERE nd.dept_id = ?1"
    " AND (nd.until_fy IS NULL OR nd.until_fy >= ?2) ORDER BY p.ord, n.ord";
static const char SQL_END[] = "UPDATE node_dept SET until_fy = ?2 WHERE id = ?1";
static const char SQL_MOVE[] = "UPDATE node_dept SET dept_id = ?2 WHERE id = ?1";
static const char SQL_DROP[] = "DELETE FROM node_dept WHERE id = ?1";
static const char SQL_CONTINUE[] =
    "INSERT INTO node_dept (node_id, dept_id, is_main, from_fy, until_fy, ord,"
    " plan_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
    " (SELECT plan_id FROM node WHERE id = ?1))";
/* Does ?2 already have an assignment on node ?1 in force in ?3? */
static const char SQL_HAS[] =
    "SELECT 1 FROM node_dept WHERE node_id = ?1 AND dept_id = ?2"
    " AND (from_fy IS NULL OR from_fy <= ?3)"
    " AND (until_fy IS NULL OR until_fy >= ?3)";
/* Nodes of the list left with no department in force in ?2. */
static const char SQL_HAS_ANY[] =
    "SELECT 1 FROM node_dept WHERE node_id = ?1"
    " AND (from_fy IS NULL OR from_fy <= ?2)"
    " AND (until_fy IS NULL OR until_fy >= ?2)";
static const char SQL_INDICATORS_TO[] =
    "UPDATE indicator SET dept_id = ?2 WHERE dept_id = ?1";
static const char SQL_USERS[] =
    "SELECT login FROM app_user WHERE dept_id = ?1 ORDER BY login";

/* ---- reading ---- */

void
store_dept_list_free(struct dept_row *rows, size_t n)
{
	size_t	i, j;

	for (i = 0; i < n; i++) {
		free(rows[i].code);
		free(rows[i].name);
		free(rows[i].org);
		free(rows[i].merged_into);
		for (j = 0; j < rows[i].nold; j++)
			free(rows[i].old[j].name);
		free(rows[i].old);
	}
	free(rows);
}

static int
read_old_names(struct store *st, struct dept_row *d, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_OLD_NAMES, cause);
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, d->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		d->old = xreallocarray(d->old, d->nold + 1, sizeof *d->old);
		d->old[d->nold].until_fy = sqlite3_column_int(s, 0);
		d->old[d->nold].name = store_col_dup(s, 1);
		d->nold++;
	}
	return store_read_end(st, s, rc, "部署の旧名称の読み込み", cause);
}

int
store_dept_list(struct store *st, struct dept_row **rows, size_t *n,
    char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_LIST, cause);
	struct dept_row	*d;
	size_t		 i;
	int		 rc;

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		d = &(*rows)[(*n)++];
		memset(d, 0, sizeof *d);
		d->id = sqlite3_column_int64(s, 0);
		d->code = store_col_dup(s, 1);
		d->name = store_col_dup(s, 2);
		d->org = store_col_dup(s, 3);
		d->abolished_after = sqlite3_column_int(s, 4);
		d->nassign = (long)sqlite3_column_int64(s, 5);
		d->nusers = (long)sqlite3_column_int64(s, 6);
		d->merged_into = store_col_dup_null(s, 7);
	}
	rc = store_read_end(st, s, rc, "部署の一覧", cause);
	for (i = 0; rc == 0 && i < *n; i++)
		rc = read_old_names(st, &(*rows)[i], cause);
	if (rc != 0) {
		store_dept_list_free(*rows, *n);
		*rows = NULL;
		*n = 0;
	}
	return rc;
}

/* When text was one department's name before a renaming, says so in
 * *cause, with the name and code it has now, and returns 1; else 0 (or
 * 1 with the error of the read). */
static int
dept_named_once(struct store *st, const char *text, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_RESOLVE_OLD, cause);
	char		 buf[FY_BUFSZ];
	int		 rc, said = 0;

	if (s == NULL)
		return 1;
	store_bind_text(s, 1, text);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW &&
	    sqlite3_column_int(s, 3) == 1) {
		*cause = xasprintf("部署「%s」は%sまでの名前です。いまは「%s」"
		    "（コード %s）です。コードかいまの名前で指定してください",
		    text, fy_format(sqlite3_column_int(s, 2), FY_STYLE_ERA, buf,
		    sizeof buf), store_col_text(s, 1), store_col_text(s, 0));
		said = 1;
	}
	if (rc == SQLITE_ROW)
		rc = SQLITE_DONE;
	if (store_read_end(st, s, rc, "部署の検索", said ? NULL : cause) != 0)
		return 1;
	return said;
}

/* The departments text is the code or name of: the first's id and code
 * (*code, malloc'd) and whether it is a code (*exact), how many (*n),
 * their codes (*codes, malloc'd, ", " between). Returns 0, or -1 with
 * *cause. */
static int
dept_matches(struct store *st, const char *text, long long *id, char **code,
    int *exact, int *n, char **codes, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_RESOLVE, cause);
	char		*more;
	int		 rc;

	*id = 0;
	*code = *codes = NULL;
	*exact = *n = 0;
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, text);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if ((*n)++ == 0) {
			*id = sqlite3_column_int64(s, 0);
			*code = store_col_dup(s, 1);
			*exact = sqlite3_column_int(s, 2);
		}
		more = xasprintf("%s%s%s", *codes ? *codes : "",
		    *codes ? ", " : "", store_col_text(s, 1));
		free(*codes);
		*codes = more;
	}
	if (store_read_end(st, s, rc, "部署の検索", cause) != 0) {
		free(*code);
		free(*codes);
		*code = *codes = NULL;
		*id = 0;
		return -1;
	}
	return 0;
}

/* The one department named name in the plan's organisation: 0 with *id
 * and *code (malloc'd, replacing the one given), 1 when there is none or
 * more than one, -1 with *cause. */
static int
dept_in_plan(struct store *st, const char *name, long long plan_id,
    long long *id, char **code, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_RESOLVE_IN_PLAN, cause);
	long long	 found = 0;
	char		*c = NULL;
	int		 n = 0, rc;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, name);
	sqlite3_bind_int64(s, 2, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (n++ == 0) {
			found = sqlite3_column_int64(s, 0);
			c = store_col_dup(s, 1);
		}
	if (store_read_end(st, s, rc, "部署の検索", cause) != 0) {
		free(c);
		return -1;
	}
	if (n != 1) {
		free(c);
		return 1;
	}
	*id = found;
	free(*code);
	*code = c;
	return 0;
}

/* The departments in use of plan ?2's organisation when department ?1
 * is of another one, and that one's organisation. */
static const char SQL_OWN_CITY[] =
    "SELECT o.id, o.code, o.name, d.org FROM department d"
    " JOIN plan p ON p.id = ?2 JOIN department o ON o.org = p.org"
    " WHERE d.id = ?1 AND p.org <> '' AND d.org <> p.org"
    " AND o.abolished_after IS NULL ORDER BY o.ord, o.id";

/* One department found among several. */
struct dept_pick {
	int		 n;		/* how many qualified */
	long long	 id;		/* the first of them */
	char		*code, *name;
};

static void
dept_pick_add(struct dept_pick *p, sqlite3_stmt *s)
{
	if (p->n++ > 0)
		return;
	p->id = sqlite3_column_int64(s, 0);
	p->code = store_col_dup(s, 1);
	p->name = store_col_dup(s, 2);
}

/*
 * Department *id (its code in *code), found for word in plan_id's form,
 * when it is of another organisation than the plan's: the plan's own
 * department named word takes its place (0); one whose name is word
 * written another way (util_name_loosely) makes it a question, said in
 * *cause (1). Otherwise 0 and nothing changed; -1 with *cause.
 */
static int
dept_own_city(struct store *st, const char *word, long long plan_id,
    long long *id, char **code, char **cause)
{
	sqlite3_stmt		*s = store_stmt(st, SQL_OWN_CITY, cause);
	struct dept_pick	 exact = { 0 }, loose = { 0 };
	char			*org = NULL;
	int			 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, *id);
	sqlite3_bind_int64(s, 2, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (org == NULL)
			org = store_col_dup(s, 3);
		if (strcmp(store_col_text(s, 2), word) == 0)
			dept_pick_add(&exact, s);
		else if (util_name_loosely(word, store_col_text(s, 2)))
			dept_pick_add(&loose, s);
	}
	rc = store_read_end(st, s, rc, "部署の検索", cause) != 0 ? -1 : 0;
	if (rc == 0 && exact.n == 1) {
		*id = exact.id;
		free(*code);
		*code = exact.code;
		exact.code = NULL;
	} else if (rc == 0 && exact.n == 0 && loose.n == 1) {
		*cause = xasprintf("「%s」は%sの部署（コード %s）です。この計画の"
		    "「%s」のことなら、コード %s で指定してください", word, org,
		    *code, loose.name, loose.code);
		rc = 1;
	}
	free(exact.code);
	free(exact.name);
	free(loose.code);
	free(loose.name);
	free(org);
	return rc;
}

int
store_dept_find(struct store *st, const char *text, long long *id,
    char **code, char **cause)
{
	return store_dept_find_for_plan(st, text, 0, id, code, cause);
}

int
store_dept_find_for_plan(struct store *st, const char *text,
    long long plan_id, long long *id, char **code, char **cause)
{
	char		*first, *codes, *narrow = NULL;
	const char	*word = text;	/* as it matched */
	int		 n, exact, rc;

	if (code != NULL)
		*code = NULL;
	if (dept_matches(st, text, id, &first, &exact, &n, &codes,
	    cause) != 0)
		return -1;
	/* A code typed with the input method on (笠間市／総務課). */
	if (n == 0 && (narrow = tf_narrowed(text)) != NULL) {
		free(first);
		free(codes);
		word = narrow;
		if (dept_matches(st, narrow, id, &first, &exact, &n, &codes,
		    cause) != 0) {
			free(narrow);
			return -1;
		}
	}
	rc = n == 0 ? 1 : 0;
	/* A name several cities' departments share is the plan's own
	 * city's when it has one of that name: 環境課 typed in 南川町's
	 * plan, with 小美玉市's loaded beside it. */
	if (!exact && n > 1 && plan_id != 0) {
		int	in = dept_in_plan(st, word, plan_id, id, &first, cause);

		if (in == 0)
			n = 1;
		else if (in < 0)
			rc = -1;
	}
	/* A word that names another city's department, by its code or by
	 * a name only that one has, while the plan's city has its own of
	 * that name (商工観光課, a bare code of another plan, typed in a
	 * plan whose city calls it 産業振興部商工観光課): the city's own
	 * when it is named so exactly, else asked for by its code. */
	if (rc == 0 && plan_id != 0 && (exact || n == 1) &&
	    (rc = dept_own_city(st, word, plan_id, id, &first, cause)) > 0)
		rc = -1;
	/* Otherwise a name shared by departments of several cities must be
	 * given by its code: never guess which one was meant. */
	if (rc == 0 && !exact && n > 1) {
		*cause = xasprintf("部署名「%s」の部署が複数あります（%s）。コードで"
		    "指定してください", text, codes);
		rc = -1;
	}
	if (rc < 0)
		*id = 0;
	if (rc == 0 && code != NULL)
		*code = first;
	else
		free(first);
	free(codes);
	free(narrow);
	return rc;
}

char *
store_dept_likely(struct store *st, const char *text)
{
	char	*code, *name, *why = NULL, *msg = NULL;

	if (store_dept_loosely(st, text, &code, &name, &why) == 1)
		msg = xasprintf("「%s」（コード %s）のことなら、そのコードか名前"
		    "で指定してください", name, code);
	free(code);
	free(name);
	free(why);
	return msg;
}

int
store_dept_resolve(struct store *st, const char *text, long long *id,
    char **cause)
{
	return store_dept_resolve_for_plan(st, text, 0, id, cause);
}

int
store_dept_resolve_for_plan(struct store *st, const char *text,
    long long plan_id, long long *id, char **cause)
{
	int	rc = store_dept_find_for_plan(st, text, plan_id, id, NULL,
	    cause);
	char	*likely;

	if (rc == 1) {
		if (dept_named_once(st, text, cause) != 0)
			return -1;
		if ((likely = store_dept_likely(st, text)) != NULL)
			*cause = xasprintf("部署「%s」がありません。%s", text,
			    likely);
		else
			*cause = xasprintf("部署「%s」がありません（部署のコード"
			    "か名前で指定してください。一覧は shisaku dept list）",
			    text);
		free(likely);
		return -1;
	}
	return rc;
}

int
store_dept_predecessors(struct store *st, long long dept,
    struct session_dept **out, size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (dept == 0)
		return 0;
	if ((s = store_stmt(st, SQL_PREDECESSORS, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dept);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			*out = xreallocarray(*out, cap, sizeof **out);
		}
		(*out)[*n].id = sqlite3_column_int64(s, 0);
		(*out)[(*n)++].until_fy = sqlite3_column_int(s, 1);
	}
	if (store_read_end(st, s, rc, "統合された部署の読み込み", cause) != 0) {
		free(*out);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* Departments other than ?2 named ?1 while ?1 is ?2's code. */
static const char SQL_NAMESAKES[] =
    "SELECT d.code, d.org FROM department d JOIN department c ON c.id = ?2"
    " WHERE c.code = ?1 AND d.name = ?1 AND d.id <> ?2 ORDER BY d.ord, d.id"
    " LIMIT 6";

int
store_dept_namesakes(struct store *st, const char *text, long long id,
    char **out, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_NAMESAKES, cause);
	char		*more;
	int		 rc, n = 0;

	*out = NULL;
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, text);
	sqlite3_bind_int64(s, 2, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		more = ++n > 5 ? xasprintf("%s ほか", *out) :
		    xasprintf("%s%s%s%s%s%s", *out != NULL ? *out : "",
		    *out != NULL ? "、" : "", store_col_text(s, 0),
		    *store_col_text(s, 1) ? "（" : "", store_col_text(s, 1),
		    *store_col_text(s, 1) ? "）" : "");
		free(*out);
		*out = more;
	}
	if (store_read_end(st, s, rc, "部署の検索", cause) != 0) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

/* The departments not abolished. */
static const char SQL_IN_USE[] =
    "SELECT code, name FROM department WHERE abolished_after IS NULL"
    " ORDER BY ord, id";

int
store_dept_loosely(struct store *st, const char *word, char **code,
    char **name, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_IN_USE, cause);
	int		 rc, n = 0;

	*code = *name = NULL;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (util_name_loosely(word, store_col_text(s, 1)) && n++ == 0) {
			*code = store_col_dup(s, 0);
			*name = store_col_dup(s, 1);
		}
	if (store_read_end(st, s, rc, "部署の検索", cause) != 0)
		n = -1;
	if (n != 1) {
		free(*code);
		free(*name);
		*code = *name = NULL;
	}
	return n < 0 ? -1 : n == 1;
}

/* ---- writing ---- */

void
store_dept_change_clear(struct dept_change *c)
{
	size_t	i;

	for (i = 0; i < c->norphans; i++)
		free(c->orphans[i]);
	free(c->orphans);
	for (i = 0; i < c->nclerks; i++)
		free(c->clerks[i]);
	free(c->clerks);
	memset(c, 0, sizeof *c);
}

/* Begins a write as login, who must be a planner. */
static int
begin_planner(struct store *st, const char *login, char **cause)
{
	struct session	s;
	int		rc;

	if ((rc = store_begin(st, cause)) != 0)
		return rc;
	if (store_user_login_session(st, login, &s, cause) != 0) {
		store_rollback(st);
		return -1;
	}
	rc = s.role == ROLE_PLANNER ? 0 : STORE_DENIED;
	if (rc != 0)
		*cause = xasprintf("部署の追加・名称変更・統合・廃止は企画担当だけが"
		    "できます（%s は%s）", login, role_label(s.role));
	session_clear(&s);
	if (rc != 0)
		store_rollback(st);
	if (rc == STORE_DENIED) {
		char	*what = xasprintf("部署の変更: %s", *cause);

		store_refused(st, login, 0, 0, 0, what);
		free(what);
	}
	return rc;
}

/* The department as it is: code, name, last year in existence and the
 * last year an earlier name was used (0 when none). */
struct dept_now {
	char	*code, *name;
	int	 abolished_after, last_rename;
};

static int
dept_read(struct store *st, long long id, struct dept_now *d, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_DEPT, cause);
	int		 rc;

	memset(d, 0, sizeof *d);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		d->code = store_col_dup(s, 0);
		d->name = store_col_dup(s, 1);
		d->abolished_after = sqlite3_column_int(s, 2);
		d->last_rename = sqlite3_column_int(s, 3);
	}
	if (store_read_end(st, s, rc, "部署の読み込み", cause) != 0)
		return -1;
	if (rc != SQLITE_ROW) {
		*cause = xasprintf("部署（id %lld）がありません", id);
		return -1;
	}
	return 0;
}

static void
dept_now_clear(struct dept_now *d)
{
	free(d->code);
	free(d->name);
	memset(d, 0, sizeof *d);
}

static int
check_year(int fy, char **cause)
{
	if (fy < FY_MIN || fy > FY_MAX) {
		*cause = xasprintf("年度 %d は範囲外です", fy);
		return -1;
	}
	return 0;
}

static int
exec_ids(struct store *st, const char *sql, long long a, long long b,
    const char *what, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, sql, cause);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, a);
	store_bind_opt_int(s, 2, b);
	return store_step_write(st, s, what, cause);
}

int
store_dept_add(struct store *st, const char *login, const char *code,
    const char *name, const char *org, char **cause)
{
	sqlite3_stmt	*s;
	char		 at[20];
	int		 rc, used;

	if (code == NULL || code[0] == '\0' || name == NULL || name[0] == '\0') {
		*cause = xstrdup("部署のコードと名前が必要です");
		return -1;
	}
	if (value_check_text(code, "部署のコード", 200, cause) != 0 ||
	    value_check_text(name, "部署名", 200, cause) != 0 ||
	    value_check_text(org, "組織名", 200, cause) != 0)
		return -1;
	if ((rc = begin_planner(st, login, cause)) != 0)
		return rc;
	if ((s = store_stmt(st, SQL_CODE_USED, cause)) == NULL)
		goto fail;
	store_bind_text(s, 1, code);
	used = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	if (used) {
		*cause = xasprintf("部署のコード「%s」は既にあります", code);
		goto fail;
	}
	if ((s = store_stmt(st, SQL_ADD, cause)) == NULL)
		goto fail;
	store_bind_text(s, 1, code);
	store_bind_text(s, 2, name);
	store_bind_text(s, 3, org != NULL ? org : "");
	now_iso(at);
	if ((rc = store_step_write(st, s, "部署の追加", cause)) != 0 ||
	    (rc = store_history_add(st, at, login, 0, 0, 0, "dept_add", NULL,
	    name, cause)) != 0) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, cause);
fail:
	store_rollback(st);
	return -1;
}

int
store_dept_rename(struct store *st, const char *login, long long dept,
    const char *new_name, int from_fy, char **cause)
{
	struct dept_now	 d;
	sqlite3_stmt	*s;
	char		 at[20], *what;
	int		 rc;

	if (check_year(from_fy, cause) != 0)
		return -1;
	if (new_name == NULL || new_name[0] == '\0') {
		*cause = xstrdup("新しい部署名が必要です");
		return -1;
	}
	if (value_check_text(new_name, "部署名", 200, cause) != 0)
		return -1;
	if ((rc = begin_planner(st, login, cause)) != 0)
		return rc;
	if (dept_read(st, dept, &d, cause) != 0)
		goto fail;
	if (strcmp(d.name, new_name) == 0) {
		*cause = xasprintf("部署「%s」は既にその名前です", d.name);
		goto fail_d;
	}
	if (d.last_rename >= from_fy - 1) {
		*cause = xasprintf("部署「%s」の名前は %d 年度まで既に決まっています"
		    "（それより後の年度からの変更にしてください）", d.name,
		    d.last_rename);
		goto fail_d;
	}
	if (d.abolished_after != 0 && d.abolished_after < from_fy) {
		*cause = xasprintf("部署「%s」は %d 年度で廃止されています", d.name,
		    d.abolished_after);
		goto fail_d;
	}
	if ((s = store_stmt(st, SQL_OLD_NAME_ADD, cause)) == NULL)
		goto fail_d;
	sqlite3_bind_int64(s, 1, dept);
	sqlite3_bind_int(s, 2, from_fy - 1);
	store_bind_text(s, 3, d.name);
	if ((rc = store_step_write(st, s, "旧名称の記録", cause)) != 0)
		goto out;
	if ((s = store_stmt(st, SQL_RENAME, cause)) == NULL)
		goto fail_d;
	sqlite3_bind_int64(s, 1, dept);
	store_bind_text(s, 2, new_name);
	if ((rc = store_step_write(st, s, "名称の変更", cause)) != 0)
		goto out;
	now_iso(at);
	what = xasprintf("%s: %s", d.code, d.name);
	rc = store_history_add(st, at, login, 0, 0, from_fy, "dept_rename", what,
	    new_name, cause);
	free(what);
	if (rc != 0)
		goto out;
	dept_now_clear(&d);
	return store_commit(st, cause);
fail_d:
	rc = -1;
out:
	dept_now_clear(&d);
	store_rollback(st);
	return rc;
fail:
	store_rollback(st);
	return -1;
}

/* One assignment in force at the reorganisation. */
struct in_force {
	long long	 id, node;
	int		 is_main, from_fy, until_fy, ord;
	char		*label;		/* "PLAN CODE TITLE" */
};

static void
in_force_free(struct in_force *a, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(a[i].label);
	free(a);
}

static int
read_in_force(struct store *st, long long dept, int fy, struct in_force **out,
    size_t *n, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_IN_FORCE, cause);
	struct in_force	*a;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dept);
	sqlite3_bind_int(s, 2, fy);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		a = &(*out)[(*n)++];
		a->id = sqlite3_column_int64(s, 0);
		a->node = sqlite3_column_int64(s, 1);
		a->is_main = sqlite3_column_int(s, 2);
		a->from_fy = sqlite3_column_int(s, 3);
		a->until_fy = sqlite3_column_int(s, 4);
		a->ord = sqlite3_column_int(s, 5);
		a->label = xasprintf("%s %s %s", store_col_text(s, 6),
		    store_col_text(s, 7), store_col_text(s, 8));
	}
	if (store_read_end(st, s, rc, "担当の読み込み", cause) != 0) {
		in_force_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

static int
node_has(struct store *st, const char *sql, long long node, long long dept,
    int fy, int *has, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, sql, cause);
	int		 rc;

	*has = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, node);
	if (dept != 0) {
		sqlite3_bind_int64(s, 2, dept);
		sqlite3_bind_int(s, 3, fy);
	} else
		sqlite3_bind_int(s, 2, fy);
	rc = sqlite3_step(s);
	*has = rc == SQLITE_ROW;
	return store_read_end(st, s, rc, "担当の読み込み", cause);
}

/* Ends (or, when it starts at from_fy or later, removes or hands to into)
 * one assignment, and with into given continues it under into from
 * from_fy unless into already has one then. */
static int
reassign(struct store *st, const struct in_force *a, long long into,
    int from_fy, struct dept_change *c, char **cause)
{
	sqlite3_stmt	*s;
	int		 has = 0;

	if (into != 0 && node_has(st, SQL_HAS, a->node, into, from_fy, &has,
	    cause) != 0)
		return -1;
	if (a->from_fy != 0 && a->from_fy >= from_fy) {
		/* The whole assignment lies after the change. */
		if (into != 0 && !has) {
			c->nmoved++;
			return exec_ids(st, SQL_MOVE, a->id, into, "担当の移し替え",
			    cause);
		}
		c->nended++;
		return exec_ids(st, SQL_DROP, a->id, 0, "担当の削除", cause);
	}
	c->nended++;
	if (exec_ids(st, SQL_END, a->id, from_fy - 1, "担当の終了", cause) != 0)
		return -1;
	if (into == 0 || has)
		return 0;
	if ((s = store_stmt(st, SQL_CONTINUE, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, a->node);
	sqlite3_bind_int64(s, 2, into);
	sqlite3_bind_int(s, 3, a->is_main);
	sqlite3_bind_int(s, 4, from_fy);
	store_bind_opt_int(s, 5, a->until_fy);
	sqlite3_bind_int(s, 6, a->ord);
	c->nmoved++;
	return store_step_write(st, s, "担当の引き継ぎ", cause);
}

static int
list_users(struct store *st, long long dept, struct dept_change *c,
    char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_USERS, cause);
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, dept);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		c->clerks = xreallocarray(c->clerks, c->nclerks + 1,
		    sizeof *c->clerks);
		c->clerks[c->nclerks++] = store_col_dup(s, 0);
	}
	return store_read_end(st, s, rc, "利用者の読み込み", cause);
}

/* The merger (into != 0) or abolition (into == 0) of dept from from_fy. */
static int
reorganise(struct store *st, const char *login, long long dept, long long into,
    int from_fy, struct dept_change *c, char **cause)
{
	struct dept_now	 d, t;
	struct in_force	*a = NULL;
	size_t		 n = 0, i;
	char		 at[20], *what = NULL;
	int		 rc, has;

	memset(c, 0, sizeof *c);
	memset(&d, 0, sizeof d);
	memset(&t, 0, sizeof t);
	if (check_year(from_fy, cause) != 0)
		return -1;
	if (dept == into) {
		*cause = xstrdup("同じ部署には統合できません");
		return -1;
	}
	if ((rc = begin_planner(st, login, cause)) != 0)
		return rc;
	rc = -1;
	if (dept_read(st, dept, &d, cause) != 0)
		goto out;
	if (d.abolished_after != 0 && d.abolished_after < from_fy) {
		*cause = xasprintf("部署「%s」は %d 年度で既に廃止されています",
		    d.name, d.abolished_after);
		goto out;
	}
	if (into != 0) {
		if (dept_read(st, into, &t, cause) != 0)
			goto out;
		if (t.abolished_after != 0 && t.abolished_after < from_fy) {
			*cause = xasprintf("統合先の部署「%s」は %d 年度で廃止されて"
			    "います", t.name, t.abolished_after);
			goto out;
		}
	}
	if (read_in_force(st, dept, from_fy, &a, &n, cause) != 0)
		goto out;
	now_iso(at);
	for (i = 0; i < n; i++) {
		if ((rc = reassign(st, &a[i], into, from_fy, c, cause)) != 0)
			goto out;
		what = into != 0 ? xasprintf("%s（%d 年度から）", t.name, from_fy) :
		    xasprintf("なし（%d 年度から廃止）", from_fy);
		rc = store_history_add(st, at, login, a[i].node, 0, from_fy,
		    "dept", d.name, what, cause);
		free(what);
		if (rc != 0)
			goto out;
		if ((rc = node_has(st, SQL_HAS_ANY, a[i].node, 0, from_fy, &has,
		    cause)) != 0)
			goto out;
		if (!has) {
			c->orphans = xreallocarray(c->orphans, c->norphans + 1,
			    sizeof *c->orphans);
			c->orphans[c->norphans++] = xstrdup(a[i].label);
		}
	}
	rc = -1;
	if (into != 0 && exec_ids(st, SQL_INDICATORS_TO, dept, into,
	    "指標の報告部署の引き継ぎ", cause) != 0)
		goto out;
	if (exec_ids(st, SQL_ABOLISH, dept, from_fy - 1, "部署の廃止", cause) != 0 ||
	    exec_ids(st, SQL_MERGED_INTO, dept, into, "統合先の記録", cause) != 0)
		goto out;
	what = xasprintf("%s: %s", d.code, d.name);
	rc = store_history_add(st, at, login, 0, 0, from_fy,
	    into != 0 ? "dept_merge" : "dept_abolish", what,
	    into != 0 ? t.name : NULL, cause);
	free(what);
	if (rc != 0 || (rc = list_users(st, dept, c, cause)) != 0)
		goto out;
	in_force_free(a, n);
	dept_now_clear(&d);
	dept_now_clear(&t);
	if ((rc = store_commit(st, cause)) != 0)
		store_dept_change_clear(c);
	return rc;
out:
	dept_now_clear(&d);
	dept_now_clear(&t);
	in_force_free(a, n);
	store_rollback(st);
	store_dept_change_clear(c);
	return rc;
}

int
store_dept_merge(struct store *st, const char *login, long long dept,
    long long into, int from_fy, struct dept_change *out, char **cause)
{
	if (into == 0) {
		memset(out, 0, sizeof *out);
		*cause = xstrdup("統合先の部署が必要です");
		return -1;
	}
	return reorganise(st, login, dept, into, from_fy, out, cause);
}

int
store_dept_abolish(struct store *st, const char *login, long long dept,
    int from_fy, struct dept_change *out, char **cause)
{
	return reorganise(st, login, dept, 0, from_fy, out, cause);
}
