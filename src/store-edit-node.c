/*
 * A planner's edits of nodes (基本方針 … 取組) in the store (see
 * store-edit.h): loading a node with its departments in charge, flags,
 * yearly plans and cost trends, saving it (a new one placed among its
 * siblings), what deleting it would take with it, and deleting it.
 * Departments and flags are typed as one-line lists (namelist.h) and
 * resolved here against the database; yearly plans and cost trends are
 * read, compared and written by store-edit-years.c.
 *
 * Order: nodes and indicators carry one ord sequence per plan. Export
 * writes nodes in ord order and import needs a parent before its
 * children, so a new node takes the ord right after the node it follows
 * (or after its parent) and every later ord moves up by one; the order
 * among siblings is then right and every parent still comes first.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/deptlabel.h"
#include "shisaku/fy.h"
#include "shisaku/namelist.h"
#include "shisaku/store-dept.h"
#include "shisaku/store-edit.h"
#include "shisaku/store-edit-internal.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/workflow.h"
#include "shisaku/yeartext.h"

static const char SQL_NODE[] =
    "SELECT plan_id, coalesce(parent_id, 0), depth, ord, key, code, title,"
    " label, coalesce(first_fy, 0), coalesce(last_fy, 0), summary, means, note,"
    " ver FROM node WHERE id = ?1";
/* The name of the node holding a key: "CODE TITLE", or the title alone
 * when there is no code (as node_name gives it). */
static const char SQL_NODE_KEY[] =
    "SELECT CASE code WHEN '' THEN title ELSE code || ' ' || title END"
    " FROM node WHERE plan_id = ?1 AND key = ?2 AND id <> ?3";
/* The last child's place (NULL when none); of the top level from its
 * own index (db/migrate-26.sql), not among every plan's roots. */
static const char SQL_NODE_LAST_CHILD[] =
    "SELECT max(ord) FROM node WHERE plan_id = ?1 AND parent_id = ?2";
static const char SQL_NODE_LAST_ROOT[] =
    "SELECT max(ord) FROM node INDEXED BY node_top"
    " WHERE plan_id = ?1 AND parent_id IS NULL";
static const char SQL_NODE_SHIFT[] =
    "UPDATE node SET ord = ord + 1 WHERE plan_id = ?1 AND ord > ?2";
static const char SQL_NODE_INSERT[] =
    "INSERT INTO node (plan_id, parent_id, depth, key, code, title, label,"
    " first_fy, last_fy, summary, means, note, ord) VALUES (?1, ?2, ?3, ?4,"
    " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char SQL_NODE_UPDATE[] =
    "UPDATE node SET key = ?2, code = ?3, title = ?4, label = ?5,"
    " first_fy = ?6, last_fy = ?7, summary = ?8, means = ?9, note = ?10"
    " WHERE id = ?1";
static const char SQL_NODE_BUMP[] =
    "UPDATE node SET ver = ver + 1 WHERE id = ?1 AND ver = ?2";
static const char SQL_NODE_VER[] = "SELECT ver FROM node WHERE id = ?1";
/* A node below one that takes its new departments is a new version too:
 * a form open on it saves over them only after asking (STORE_CONFLICT). */
static const char SQL_NODE_VER_UP[] =
    "UPDATE node SET ver = ver + 1 WHERE id = ?1";
static const char SQL_CHILDREN[] =
    "SELECT id FROM node WHERE parent_id = ?1";
static const char SQL_NODE_DELETE[] = "DELETE FROM node WHERE id = ?1";
static const char SQL_NODE_PLAN[] = "SELECT plan_id FROM node WHERE id = ?1";
static const char SQL_ASSIGNS[] =
    "SELECT nd.id, nd.dept_id, d.code, nd.is_main, coalesce(nd.from_fy, 0),"
    " coalesce(nd.until_fy, 0)"
    " FROM node_dept nd JOIN department d ON d.id = nd.dept_id"
    " WHERE nd.node_id = ?1 ORDER BY nd.ord, nd.id";
static const char SQL_ASSIGN_SET[] =
    "UPDATE node_dept SET dept_id = ?2, is_main = ?3, from_fy = ?4,"
    " until_fy = ?5, ord = ?6 WHERE id = ?1";
static const char SQL_ASSIGN_DELETE[] = "DELETE FROM node_dept WHERE id = ?1";
static const char SQL_ASSIGN_INSERT[] =
    "INSERT INTO node_dept (node_id, dept_id, is_main, from_fy, until_fy, ord,"
    " plan_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
    " (SELECT plan_id FROM node WHERE id = ?1))";
static const char SQL_PLAN_FLAGS[] =
    "SELECT id, key, label FROM plan_flag WHERE plan_id = ?1 ORDER BY ord, id";
static const char SQL_NODE_FLAGS[] =
    "SELECT f.id FROM node_flag nf JOIN plan_flag f ON f.id = nf.flag_id"
    " WHERE nf.node_id = ?1 ORDER BY f.ord, f.id";
static const char SQL_MARKS_DELETE[] = "DELETE FROM node_flag WHERE node_id = ?1";
static const char SQL_MARK_INSERT[] =
    "INSERT INTO node_flag (node_id, flag_id) VALUES (?1, ?2)";
static const char SQL_IMPACT[] =
    STORE_SUBTREE("?1")
    " SELECT (SELECT count(*) FROM sub),"
    " (SELECT count(*) FROM node n WHERE n.id IN sub AND n.depth ="
    " coalesce((SELECT max(depth) FROM plan_level WHERE plan_id = n.plan_id),"
    " (SELECT max(depth) FROM node WHERE plan_id = n.plan_id))),"
    " (SELECT count(*) FROM indicator WHERE node_id IN sub),"
    " (SELECT count(*) FROM result WHERE node_id IN sub),"
    " (SELECT count(*) FROM indicator_actual WHERE indicator_id IN"
    " (SELECT id FROM indicator WHERE node_id IN sub))";

/* ---- texts ---- */

/* "2021-2025", "2021-", "-2025", or NULL when no year is given. */
static char *
period_text(int first, int last)
{
	if (first == 0 && last == 0)
		return NULL;
	if (last == 0)
		return xasprintf("%d-", first);
	if (first == 0)
		return xasprintf("-%d", last);
	return xasprintf("%d-%d", first, last);
}

/* Appends s to *list with the separator 、. */
static void
list_add(char **list, const char *s)
{
	char	*t = *list == NULL || (*list)[0] == '\0' ? xstrdup(s) :
		    xasprintf("%s、%s", *list, s);

	free(*list);
	*list = t;
}

/* ---- departments and flags, typed as lists ---- */

/*
 * A department in charge as listed, or as stored: one assignment, for
 * the years from_fy to until_fy (0 = not limited on that side). The same
 * department may be listed again for other years (総務課 up to R6, then
 * again from R9), never for years that overlap.
 */
struct pick {
	long long	 row;		/* node_dept.id as stored; 0 listed */
	long long	 id;		/* the department */
	char		*code;
	int		 main;
	int		 from_fy, until_fy;
};

static void
picks_free(struct pick *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(p[i].code);
	free(p);
}

/* "★CODE(R3〜R6)、CODE": the form a load gives and history keeps. */
static char *
picks_text(const struct pick *p, size_t n)
{
	char	*list = xstrdup(""), *item, *span;
	size_t	 i;

	for (i = 0; i < n; i++) {
		span = yeartext_format_span(p[i].from_fy, p[i].until_fy,
		    FY_STYLE_ERA);
		item = xasprintf("%s%s%s%s%s", p[i].main ? "★" : "", p[i].code,
		    span[0] != '\0' ? "(" : "", span, span[0] != '\0' ? ")" : "");
		list_add(&list, item);
		free(item);
		free(span);
	}
	return list;
}

static int
picks_equal(const struct pick *a, size_t na, const struct pick *b, size_t nb)
{
	size_t	i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (a[i].id != b[i].id || (a[i].main != 0) != (b[i].main != 0) ||
		    a[i].from_fy != b[i].from_fy || a[i].until_fy != b[i].until_fy)
			return 0;
	return 1;
}

/* The node's assignments as stored, in order. */
static int
read_assigns(struct store *st, long long node, struct pick **out, size_t *n,
    char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_ASSIGNS, cause);
	struct pick	*a;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, node);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		a = &(*out)[(*n)++];
		a->row = sqlite3_column_int64(s, 0);
		a->id = sqlite3_column_int64(s, 1);
		a->code = store_col_dup(s, 2);
		a->main = sqlite3_column_int(s, 3) != 0;
		a->from_fy = sqlite3_column_int(s, 4);
		a->until_fy = sqlite3_column_int(s, 5);
	}
	if (store_read_end(st, s, rc, "担当課の読み込み", cause) != 0) {
		picks_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* Resolves one word as a department code, else as a name no other
 * department has, or only one of plan's organisation
 * (store_dept_find_for_plan). With quiet, a word that is no department
 * gives -1 without a message. */
static int
dept_find(struct store *st, long long plan, const char *word, long long *id,
    char **code, int quiet, char **cause)
{
	int	 rc = store_dept_find_for_plan(st, word, plan, id, code, cause);
	char	*likely;

	if (rc != 1 || quiet)
		return rc == 1 ? -1 : rc;
	if ((likely = store_dept_likely(st, word)) != NULL)
		*cause = xasprintf("担当課「%s」という部署がありません。%s",
		    word, likely);
	else
		*cause = xasprintf("担当課「%s」という部署がありません"
		    "（部署のコードか名前で書いてください）", word);
	free(likely);
	return -1;
}

/* Do the years of two assignments meet (0 = open on that side)? */
static int
spans_meet(const struct pick *a, const struct pick *b)
{
	return (a->from_fy == 0 || b->until_fy == 0 || a->from_fy <= b->until_fy) &&
	    (b->from_fy == 0 || a->until_fy == 0 || b->from_fy <= a->until_fy);
}

/* One word of the list: a department and, in parentheses, its years. A
 * department whose own name ends in parentheses (総務課（庶務）) is
 * found as it is written when what they hold are not years. */
static int
resolve_word(struct store *st, long long plan, const struct namelist_word *w,
    struct pick *p, char **cause)
{
	char	*yerr = NULL, *whole;
	int	 rc;

	memset(p, 0, sizeof *p);
	p->main = w->main;
	if (w->years != NULL && fy_parse_range(w->years, &p->from_fy,
	    &p->until_fy, &yerr) != 0) {
		p->from_fy = p->until_fy = 0;
		whole = xasprintf("%s（%s）", w->text, w->years);
		rc = dept_find(st, plan, whole, &p->id, &p->code, 1, cause);
		free(whole);
		if (rc != 0 && *cause == NULL) {
			whole = xasprintf("%s(%s)", w->text, w->years);
			rc = dept_find(st, plan, whole, &p->id, &p->code, 1, cause);
			free(whole);
		}
		if (rc == 0 || *cause != NULL) {
			free(yerr);
			return rc;
		}
		*cause = xasprintf("担当課「%s」の年度「%s」を読めません: %s"
		    "（例: (R3〜R6)、(R7〜)、(〜R6)、(R5)）", w->text, w->years,
		    yerr != NULL ? yerr : "");
		free(yerr);
		return -1;
	}
	return dept_find(st, plan, w->text, &p->id, &p->code, 0, cause);
}

static int
resolve_depts(struct store *st, long long plan, const char *text,
    struct pick **out, size_t *n, char **cause)
{
	struct namelist_word	*w;
	struct pick		 p;
	size_t			 nw, i, j;

	*out = NULL;
	*n = 0;
	nw = namelist_split_years(text, &w);
	for (i = 0; i < nw; i++) {
		if (resolve_word(st, plan, &w[i], &p, cause) != 0)
			goto fail;
		for (j = 0; j < *n; j++) {
			if ((*out)[j].id != p.id || !spans_meet(&(*out)[j], &p))
				continue;
			*cause = p.from_fy == 0 && p.until_fy == 0 &&
			    (*out)[j].from_fy == 0 && (*out)[j].until_fy == 0 ?
			    xasprintf("担当課「%s」が二度書かれています", w[i].text) :
			    xasprintf("担当課「%s」の年度が重なっています（同じ部署を"
			    "二度書くときは年度が重ならないように）", w[i].text);
			free(p.code);
			goto fail;
		}
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[(*n)++] = p;
	}
	namelist_free(w, nw);
	return 0;
fail:
	namelist_free(w, nw);
	picks_free(*out, *n);
	*out = NULL;
	*n = 0;
	return -1;
}

/*
 * Writes the listed assignments in their order, each with its years and
 * ★: the rows stored are reused in order (their ids stay), rows left
 * over are deleted and assignments left over inserted.
 */
static int
save_depts(struct store *st, long long node, const struct pick *cur,
    size_t ncur, const struct pick *p, size_t np, char **cause)
{
	sqlite3_stmt	*s;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < np && rc == 0; i++) {
		if ((s = store_stmt(st, i < ncur ? SQL_ASSIGN_SET :
		    SQL_ASSIGN_INSERT, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, i < ncur ? cur[i].row : node);
		sqlite3_bind_int64(s, 2, p[i].id);
		sqlite3_bind_int(s, 3, p[i].main != 0);
		store_bind_opt_int(s, 4, p[i].from_fy);
		store_bind_opt_int(s, 5, p[i].until_fy);
		sqlite3_bind_int64(s, 6, (long long)i + 1);
		rc = store_step_write(st, s, "担当課の保存", cause);
	}
	for (i = np; i < ncur && rc == 0; i++)
		rc = store_edit_write_ids(st, SQL_ASSIGN_DELETE, cur[i].row, 0,
		    "担当課の保存", cause);
	return rc;
}

/* ---- the nodes below that follow a node's departments ---- */

/* A node below with its assignments as stored. */
struct follower {
	long long	 id;
	struct pick	*p;
	size_t		 np;
};

static void
followers_free(struct follower *f, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		picks_free(f[i].p, f[i].np);
	free(f);
}

/*
 * The nodes below node whose assignments are cur (none for none), found
 * down through such nodes only: below a node with departments of its
 * own, the nodes follow that node, as import gives them its departments.
 * In the order of a walk by levels, each node's children by id.
 */
static int
find_followers(struct store *st, long long node, const struct pick *cur,
    size_t ncur, struct follower **out, size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	long long	*kids = NULL, at = node;
	size_t		 nkids = 0, next = 0, i;
	struct follower	 f;
	int		 rc = 0;

	*out = NULL;
	*n = 0;
	/* *out is the queue too: each follower's children are read in turn. */
	for (;;) {
		if ((s = store_stmt(st, SQL_CHILDREN, cause)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(s, 1, at);
		if ((rc = store_collect_ids(st, s, &kids, &nkids,
		    "施策・取組の読み込み", cause)) != 0)
			break;
		for (i = 0; i < nkids && rc == 0; i++) {
			f.id = kids[i];
			if ((rc = read_assigns(st, f.id, &f.p, &f.np,
			    cause)) != 0)
				break;
			if (!picks_equal(f.p, f.np, cur, ncur)) {
				picks_free(f.p, f.np);
				continue;
			}
			if ((*n & (*n - 1)) == 0)	/* 0, 1, 2, 4 ...: full */
				*out = xreallocarray(*out, *n ? *n * 2 : 1,
				    sizeof **out);
			(*out)[(*n)++] = f;
		}
		free(kids);
		kids = NULL;
		if (rc != 0 || next == *n)
			break;
		at = (*out)[next++].id;
	}
	if (rc != 0) {
		followers_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

int
store_edit_node_followers(struct store *st, long long node_id,
    const char *depts, long *count, char **cause)
{
	struct pick	*cur = NULL, *typed = NULL;
	struct follower	*f = NULL;
	size_t		 ncur = 0, ntyped = 0, nf = 0;
	char		*unread = NULL;
	long long	 plan = 0;
	int		 own, found, rc;

	*count = 0;
	if (store_edit_read_begin(st, &own, cause) != 0)
		return -1;
	if ((rc = store_read_int(st, SQL_NODE_PLAN, node_id, 0, &plan, &found,
	    cause)) == 0 &&
	    (rc = read_assigns(st, node_id, &cur, &ncur, cause)) == 0) {
		/* A list that does not read is the save's to refuse. */
		if (resolve_depts(st, plan, depts, &typed, &ntyped,
		    &unread) == 0 &&
		    !picks_equal(cur, ncur, typed, ntyped) &&
		    (rc = find_followers(st, node_id, cur, ncur, &f, &nf,
		    cause)) == 0)
			*count = (long)nf;
	}
	store_edit_read_end(st, own);
	followers_free(f, nf);
	picks_free(cur, ncur);
	picks_free(typed, ntyped);
	free(unread);
	return rc;
}

/* Gives the followers the departments p (text: as picks_text writes
 * them), each with a history row and a new version. */
static int
carry_depts(struct store *st, const struct follower *f, size_t nf,
    const struct pick *p, size_t np, const char *text, const char *login,
    const char *at, char **cause)
{
	char	*was;
	size_t	 i;
	int	 rc = 0;

	for (i = 0; i < nf && rc == 0; i++) {
		was = picks_text(f[i].p, f[i].np);
		if ((rc = save_depts(st, f[i].id, f[i].p, f[i].np, p, np,
		    cause)) == 0 &&
		    (rc = store_history_add(st, at, login, f[i].id, 0, 0,
		    "depts", was, text, cause)) == 0)
			rc = store_edit_write_ids(st, SQL_NODE_VER_UP, f[i].id,
			    0, "施策・取組の保存", cause);
		free(was);
	}
	return rc;
}

/* A flag the plan defines. */
struct plan_flag {
	long long	 id;
	char		*key;
	char		*label;
	int		 on;		/* chosen / carried by the node */
};

static void
flags_free(struct plan_flag *f, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(f[i].key);
		free(f[i].label);
	}
	free(f);
}

/* The plan's flags in order, each marked on if node carries it (node 0:
 * none is). */
static int
read_flags(struct store *st, long long plan, long long node,
    struct plan_flag **out, size_t *n, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_PLAN_FLAGS, cause);
	long long	 id;
	size_t		 i;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[*n].id = sqlite3_column_int64(s, 0);
		(*out)[*n].key = store_col_dup(s, 1);
		(*out)[*n].label = store_col_dup(s, 2);
		(*out)[*n].on = 0;
		(*n)++;
	}
	if (store_read_end(st, s, rc, "区分の読み込み", cause) != 0)
		goto fail;
	if (node == 0)
		return 0;
	if ((s = store_stmt(st, SQL_NODE_FLAGS, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, node);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		for (i = 0; i < *n; i++)
			if ((*out)[i].id == id)
				(*out)[i].on = 1;
	}
	if (store_read_end(st, s, rc, "区分の読み込み", cause) != 0)
		goto fail;
	return 0;
fail:
	flags_free(*out, *n);
	*out = NULL;
	*n = 0;
	return -1;
}

/* The keys of the flags that are on, in the plan's order. */
static char *
flags_text(const struct plan_flag *f, size_t n)
{
	char	*list = xstrdup("");
	size_t	 i;

	for (i = 0; i < n; i++)
		if (f[i].on)
			list_add(&list, f[i].key);
	return list;
}

/* Turns the plan's flags on as the typed list names them (by key, else
 * by label). */
static int
choose_flags(struct plan_flag *f, size_t n, const char *text, char **cause)
{
	struct namelist_word	*w;
	size_t		 nw, i, j;
	char		*known = NULL;
	int		 found;

	for (j = 0; j < n; j++)
		f[j].on = 0;
	nw = namelist_split(text, 0, &w);
	for (i = 0; i < nw; i++) {
		found = 0;
		for (j = 0; j < n && !found; j++)
			if (strcmp(f[j].key, w[i].text) == 0)
				found = f[j].on = 1;
		for (j = 0; j < n && !found; j++)
			if (strcmp(f[j].label, w[i].text) == 0)
				found = f[j].on = 1;
		if (found)
			continue;
		for (j = 0; j < n; j++)
			list_add(&known, f[j].key);
		if (known == NULL)
			*cause = xasprintf("区分「%s」はありません（この計画には"
			    "区分がありません）", w[i].text);
		else
			*cause = xasprintf("区分「%s」はこの計画にありません"
			    "（%s のいずれかです）", w[i].text, known);
		free(known);
		namelist_free(w, nw);
		return -1;
	}
	namelist_free(w, nw);
	return 0;
}

static int
save_flags(struct store *st, long long node, const struct plan_flag *f,
    size_t n, char **cause)
{
	size_t	i;
	int	rc;

	rc = store_edit_write_ids(st, SQL_MARKS_DELETE, node, 0, "区分の保存",
	    cause);
	for (i = 0; i < n && rc == 0; i++)
		if (f[i].on)
			rc = store_edit_write_ids(st, SQL_MARK_INSERT, node,
			    f[i].id, "区分の保存", cause);
	return rc;
}

/* ---- nodes ---- */

/* Reads a node's own row into out (depts, flags, yearplans and costs
 * ""); *ord its place.
 * *found is 0 when there is no such node. */
static int
read_node(struct store *st, long long id, struct edit_node *out,
    long long *ord, int *found, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_NODE, cause);
	int		 rc;

	memset(out, 0, sizeof *out);
	*found = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*found = 1;
		out->id = id;
		out->plan_id = sqlite3_column_int64(s, 0);
		out->parent_id = sqlite3_column_int64(s, 1);
		out->depth = sqlite3_column_int(s, 2);
		if (ord != NULL)
			*ord = sqlite3_column_int64(s, 3);
		out->key = store_col_dup(s, 4);
		out->code = store_col_dup(s, 5);
		out->title = store_col_dup(s, 6);
		out->label = store_col_dup(s, 7);
		out->first_fy = sqlite3_column_int(s, 8);
		out->last_fy = sqlite3_column_int(s, 9);
		out->summary = store_col_dup(s, 10);
		out->means = store_col_dup(s, 11);
		out->note = store_col_dup(s, 12);
		out->ver = sqlite3_column_int(s, 13);
		out->depts = xstrdup("");
		out->flags = xstrdup("");
		out->yearplans = xstrdup("");
		out->costs = xstrdup("");
	}
	if (store_read_end(st, s, rc, "施策・取組の読み込み", cause) != 0) {
		edit_node_free(out);
		*found = 0;
		return -1;
	}
	return 0;
}

/* "CODE TITLE", or the title alone when there is no code. */
static char *
node_name(const char *code, const char *title)
{
	if (code == NULL || code[0] == '\0')
		return xstrdup(title != NULL ? title : "");
	return xasprintf("%s %s", code, title != NULL ? title : "");
}

int
store_edit_node_load(struct store *st, long long node_id,
    struct edit_node *out, char **cause)
{
	struct pick		*p = NULL;
	struct plan_flag	*f = NULL;
	struct store_edit_years	 y;
	size_t			 np = 0, nf = 0;
	int			 own, found, rc = -1;

	memset(out, 0, sizeof *out);
	memset(&y, 0, sizeof y);
	if (store_edit_read_begin(st, &own, cause) != 0)
		return -1;
	if (read_node(st, node_id, out, NULL, &found, cause) != 0)
		goto done;
	if (!found) {
		*cause = xasprintf("施策・取組（id %lld）がありません", node_id);
		goto done;
	}
	if (read_assigns(st, node_id, &p, &np, cause) != 0 ||
	    read_flags(st, out->plan_id, node_id, &f, &nf, cause) != 0 ||
	    store_edit_read_years(st, node_id, &y, cause) != 0)
		goto done;
	free(out->depts);
	out->depts = picks_text(p, np);
	free(out->flags);
	out->flags = flags_text(f, nf);
	free(out->yearplans);
	out->yearplans = y.plantext;
	y.plantext = NULL;
	free(out->costs);
	out->costs = y.costtext;
	y.costtext = NULL;
	rc = 0;
done:
	store_edit_read_end(st, own);
	store_edit_years_free(&y);
	picks_free(p, np);
	flags_free(f, nf);
	if (rc != 0)
		edit_node_free(out);
	return rc;
}

static const char SQL_PARENT[] =
    "SELECT coalesce(parent_id, 0) FROM node WHERE id = ?1";

int
store_edit_node_depts_above(struct store *st, long long parent_id,
    char **depts, char **cause)
{
	struct pick	*p = NULL;
	size_t		 np = 0;
	sqlite3_stmt	*s;
	long long	 id = parent_id;
	int		 own, rc = 0, step;

	*depts = NULL;
	if (store_edit_read_begin(st, &own, cause) != 0)
		return -1;
	/* (A plan has at most four levels: as many steps up.) */
	while (id != 0 && np == 0) {
		if ((rc = read_assigns(st, id, &p, &np, cause)) != 0 ||
		    np > 0)
			break;
		if ((s = store_stmt(st, SQL_PARENT, cause)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(s, 1, id);
		id = (step = sqlite3_step(s)) == SQLITE_ROW ?
		    sqlite3_column_int64(s, 0) : 0;
		if ((rc = store_read_end(st, s, step, "施策・取組の読み込み",
		    cause)) != 0)
			break;
	}
	store_edit_read_end(st, own);
	if (rc == 0)
		*depts = picks_text(p, np);
	picks_free(p, np);
	return rc;
}

static const char SQL_DEPT_NAMED[] =
    "SELECT name, code, EXISTS (SELECT 1 FROM department o"
    " WHERE o.name = d.name AND o.id <> d.id)"
    " FROM department d WHERE id = ?1";

/* "★NAME(R3〜R6)" of a pick added to *list, the name with its code when
 * another department bears it. */
static int
named_add(struct store *st, const struct pick *p, char **list, char **cause)
{
	sqlite3_stmt	*s;
	char		*span, *item, *label;
	int		 step;

	if ((s = store_stmt(st, SQL_DEPT_NAMED, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, p->id);
	if ((step = sqlite3_step(s)) == SQLITE_ROW) {
		span = yeartext_format_span(p->from_fy, p->until_fy,
		    FY_STYLE_ERA);
		label = dept_label((const char *)sqlite3_column_text(s, 0),
		    (const char *)sqlite3_column_text(s, 1),
		    sqlite3_column_int(s, 2));
		item = xasprintf("%s%s%s%s%s", p->main ? "★" : "", label,
		    span[0] != '\0' ? "(" : "", span,
		    span[0] != '\0' ? ")" : "");
		list_add(list, item);
		free(item);
		free(label);
		free(span);
	}
	return store_read_end(st, s, step, "部署の読み込み", cause);
}

int
store_edit_depts_named(struct store *st, long long plan_id, const char *text,
    int one, char **names, char **cause)
{
	struct pick	*p = NULL;
	size_t		 np = 0, i;
	char		*list, *typed = value_trim(text);
	int		 own, rc;

	*names = NULL;
	if (typed[0] == '\0') {
		free(typed);
		return 0;
	}
	if (store_edit_read_begin(st, &own, cause) != 0) {
		free(typed);
		return -1;
	}
	if (one) {
		p = xcalloc(1, sizeof *p);
		rc = store_dept_resolve_for_plan(st, typed, plan_id, &p->id,
		    cause);
		np = rc == 0;
	} else
		rc = resolve_depts(st, plan_id, typed, &p, &np, cause);
	list = xstrdup("");
	for (i = 0; rc == 0 && i < np; i++)
		rc = named_add(st, &p[i], &list, cause);
	store_edit_read_end(st, own);
	picks_free(p, np);
	/* Nothing to add when the text already gives the names. */
	if (rc == 0 && strcmp(list, typed) != 0)
		*names = list;
	else
		free(list);
	free(typed);
	return rc == 0 ? 0 : -1;
}

/* By the parent's children (node_parent), not the plan's nodes. */
static const char SQL_CODE_TWIN[] =
    "SELECT title FROM node WHERE +plan_id = ?1 AND parent_id IS ?2"
    " AND code = ?3 AND id <> ?4 ORDER BY ord LIMIT 1";

char *
store_edit_node_code_twin(struct store *st, long long plan_id,
    long long parent_id, long long node_id, const char *code)
{
	sqlite3_stmt	*s;
	char		*cause = NULL, *title = NULL, *typed = value_trim(code);
	int		 own, step;

	if (typed[0] == '\0' || store_edit_read_begin(st, &own, &cause) != 0) {
		free(typed);
		free(cause);
		return NULL;
	}
	if ((s = store_stmt(st, SQL_CODE_TWIN, &cause)) != NULL) {
		sqlite3_bind_int64(s, 1, plan_id);
		if (parent_id != 0)
			sqlite3_bind_int64(s, 2, parent_id);
		else
			sqlite3_bind_null(s, 2);
		sqlite3_bind_text(s, 3, typed, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(s, 4, node_id);
		if ((step = sqlite3_step(s)) == SQLITE_ROW)
			title = store_col_dup(s, 0);
		if (store_read_end(st, s, step, "施策・取組の読み込み",
		    &cause) != 0) {
			free(title);
			title = NULL;
		}
	}
	store_edit_read_end(st, own);
	free(cause);
	free(typed);
	return title;
}

/* What only the record shows: titles, text, years. */
static int
check_node(const struct edit_node *n, const char **field, char **cause)
{
	const struct store_edit_text texts[] = {
		{ n->code,    "code",    "番号" },
		{ n->title,   "title",   "名称" },
		{ n->label,   "label",   "階層の呼び名" },
		{ n->summary, "summary", "概要・方向性" },
		{ n->means,   "means",   "手段" },
		{ n->note,    "note",    "備考" },
		{ n->depts,   "depts",   "担当課" },
		{ n->flags,   "flags",   "区分" },
		{ n->yearplans, "yearplans", "年次計画" },
		{ n->costs,   "costs",   "事業費の傾向" },
	};

	if (store_edit_check_texts(texts, sizeof texts / sizeof texts[0], field,
	    cause) != 0)
		return -1;
	if (workflow_blank(n->title)) {
		*cause = xstrdup("名称を入力してください");
		store_edit_blame(field, "title");
		return -1;
	}
	if (store_edit_check_fy(n->first_fy, "期間の始め", cause) != 0 ||
	    store_edit_check_fy(n->last_fy, "期間の終わり", cause) != 0) {
		store_edit_blame(field, "period");
		return -1;
	}
	if (n->first_fy != 0 && n->last_fy != 0 && n->first_fy > n->last_fy) {
		*cause = xasprintf("期間の始め（%d年度）が終わり（%d年度）より後です",
		    n->first_fy, n->last_fy);
		store_edit_blame(field, "period");
		return -1;
	}
	return 0;
}

/*
 * Where a new node goes: its depth from the parent, which must stay
 * within the plan's levels, and the ord x it follows (the node it is put
 * after, else its parent, else 0 for the first top-level node).
 */
static int
place_node(struct store *st, const struct edit_node *n, int *depth,
    long long *x, char **cause)
{
	struct edit_node	 parent, after;
	char			**levels = NULL;
	long long		 pord = 0, aord = 0;
	int			 nlevels = 0, found, rc = -1;

	memset(&parent, 0, sizeof parent);
	memset(&after, 0, sizeof after);
	if (store_edit_plan_exists(st, n->plan_id, cause) != 0 ||
	    store_edit_read_levels(st, n->plan_id, &levels, &nlevels,
	    cause) != 0)
		return -1;
	*depth = 1;
	*x = 0;
	if (n->parent_id != 0) {
		if (read_node(st, n->parent_id, &parent, &pord, &found, cause) != 0)
			goto out;
		if (!found || parent.plan_id != n->plan_id) {
			*cause = xasprintf("追加先の親の施策・取組（id %lld）が"
			    "この計画にありません", n->parent_id);
			goto out;
		}
		*depth = parent.depth + 1;
		*x = pord;
	}
	if (nlevels == 0) {
		*cause = xstrdup("この計画には階層が定められていないため、"
		    "施策・取組を追加できません");
		goto out;
	}
	if (*depth > nlevels) {
		*cause = xasprintf("「%s」は最下層の%sのため、その下には追加"
		    "できません（この計画の階層は%d段です）", parent.title,
		    levels[nlevels - 1], nlevels);
		goto out;
	}
	if (n->after_id < 0) {
		/* After the last child, or first when there is none. */
		if (store_read_int(st, n->parent_id != 0 ?
		    SQL_NODE_LAST_CHILD : SQL_NODE_LAST_ROOT, n->plan_id,
		    n->parent_id, &aord, &found, cause) != 0)
			goto out;
		if (found)
			*x = aord;
	} else if (n->after_id != 0) {
		if (read_node(st, n->after_id, &after, &aord, &found, cause) != 0)
			goto out;
		if (!found || after.plan_id != n->plan_id ||
		    after.parent_id != n->parent_id) {
			*cause = xasprintf("追加する位置の指定が正しくありません"
			    "（id %lld は同じ親の下の施策・取組ではありません）",
			    n->after_id);
			goto out;
		}
		*x = aord;
	}
	rc = 0;
out:
	edit_node_free(&parent);
	edit_node_free(&after);
	store_edit_levels_free(levels, nlevels);
	return rc;
}


static void
bind_node_fields(sqlite3_stmt *s, int i, const struct edit_node *n,
    const char *key)
{
	store_bind_text(s, i, key);
	store_bind_text(s, i + 1, n->code);
	store_bind_text(s, i + 2, n->title);
	store_bind_text(s, i + 3, n->label);
	store_bind_opt_int(s, i + 4, n->first_fy);
	store_bind_opt_int(s, i + 5, n->last_fy);
	store_bind_text(s, i + 6, n->summary);
	store_bind_text(s, i + 7, n->means);
	store_bind_text(s, i + 8, n->note);
}

static int
insert_node(struct store *st, const struct edit_node *n, const char *key,
    int depth, long long x, long long *id, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((rc = store_edit_write_ids(st, SQL_NODE_SHIFT, n->plan_id, x,
	    "並び順の更新", cause)) != 0)
		return rc;
	if ((s = store_stmt(st, SQL_NODE_INSERT, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, n->plan_id);
	store_bind_opt_int(s, 2, n->parent_id);
	sqlite3_bind_int(s, 3, depth);
	bind_node_fields(s, 4, n, key);
	sqlite3_bind_int64(s, 13, x + 1);
	if ((rc = store_step_write(st, s, "施策・取組の追加", cause)) != 0)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/* Writes the node's own fields that changed, each with a history row;
 * *changed goes up by one when the row is written. */
static int
update_node(struct store *st, const struct edit_node *n,
    const struct edit_node *old, const char *key, const char *login,
    const char *at, int *changed, char **cause)
{
	const struct store_edit_change texts[] = {
		{ "key",     old->key,     key },
		{ "code",    old->code,    n->code },
		{ "title",   old->title,   n->title },
		{ "label",   old->label,   n->label },
		{ "summary", old->summary, n->summary },
		{ "means",   old->means,   n->means },
		{ "note",    old->note,    n->note },
	};
	sqlite3_stmt	*s;
	char		*op, *np;
	size_t		 i;
	int		 rc = 0, period, differs;

	period = n->first_fy != old->first_fy || n->last_fy != old->last_fy;
	differs = period;
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		differs |= !store_edit_same_str(texts[i].was, texts[i].now);
	if (!differs)
		return 0;
	(*changed)++;
	if ((s = store_stmt(st, SQL_NODE_UPDATE, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, old->id);
	bind_node_fields(s, 2, n, key);
	if ((rc = store_step_write(st, s, "施策・取組の保存", cause)) != 0)
		return rc;
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (!store_edit_same_str(texts[i].was, texts[i].now) &&
		    (rc = store_history_add(st, at, login, old->id, 0, 0,
		    texts[i].field, texts[i].was, texts[i].now, cause)) != 0)
			return rc;
	if (period) {
		op = period_text(old->first_fy, old->last_fy);
		np = period_text(n->first_fy, n->last_fy);
		rc = store_history_add(st, at, login, old->id, 0, 0, "period", op,
		    np, cause);
		free(op);
		free(np);
	}
	return rc;
}

int
store_edit_node_save(struct store *st, const char *login, struct edit_node *n,
    const char **field, char **cause)
{
	struct edit_node	 old;
	struct pick		*cur = NULL, *picks = NULL;
	struct follower		*fol = NULL;
	struct plan_flag	*flags = NULL;
	struct store_edit_years	 years, oldyears;
	size_t			 ncur = 0, npicks = 0, nflags = 0, nfol = 0;
	char			*typed, *key = NULL, *depts = NULL, *flagtext = NULL;
	char			*ot = NULL, *nt = NULL, at[20];
	long long		 id = n->id, plan = n->plan_id, x = 0;
	int			 depth = 0, found, taken, changed = 0, ver = 1, rc;
	long long		 newver = 1;

	store_edit_blame(field, NULL);
	memset(&old, 0, sizeof old);
	memset(&oldyears, 0, sizeof oldyears);
	if (check_node(n, field, cause) != 0 ||
	    store_edit_parse_years(n->yearplans, n->costs, &years, field,
	    cause) != 0)
		return -1;
	typed = value_trim(n->key);
	if (store_edit_check_key(typed, n->id != 0, cause) != 0) {
		store_edit_blame(field, "key");
		free(typed);
		store_edit_years_free(&years);
		return -1;
	}
	if ((rc = store_edit_begin_planner(st, login, cause)) != 0) {
		free(typed);
		store_edit_years_free(&years);
		return rc;
	}
	rc = -1;
	if (id == 0) {
		if (place_node(st, n, &depth, &x, cause) != 0)
			goto out;
	} else {
		if (read_node(st, id, &old, NULL, &found, cause) != 0)
			goto out;
		if (!found) {
			*cause = xstrdup("この施策・取組は開いた後に削除されました");
			goto out;
		}
		if ((rc = store_edit_check_ver(old.ver, n->ver, "施策・取組",
		    cause)) != 0)
			goto out;
		plan = old.plan_id;
		depth = old.depth;
	}
	if (store_edit_choose_key(st, SQL_NODE_KEY, plan, id, typed,
	    id == 0 ? n->code : NULL, "n", &key, &taken, cause) != 0) {
		if (taken)
			store_edit_blame(field, "key");
		goto out;
	}
	if (resolve_depts(st, plan, n->depts, &picks, &npicks, cause) != 0) {
		store_edit_blame(field, "depts");
		goto out;
	}
	if (read_flags(st, plan, id, &flags, &nflags, cause) != 0)
		goto out;
	ot = flags_text(flags, nflags);
	if (choose_flags(flags, nflags, n->flags, cause) != 0) {
		store_edit_blame(field, "flags");
		goto out;
	}
	flagtext = flags_text(flags, nflags);
	depts = picks_text(picks, npicks);
	now_iso(at);
	if (id == 0) {
		if ((rc = insert_node(st, n, key, depth, x, &id, cause)) != 0 ||
		    (rc = save_depts(st, id, NULL, 0, picks, npicks, cause)) != 0 ||
		    (rc = save_flags(st, id, flags, nflags, cause)) != 0 ||
		    (rc = store_edit_save_years(st, id, &years, NULL, login, at,
		    &changed, cause)) != 0)
			goto out;
		nt = node_name(n->code, n->title);
		if ((rc = store_history_add(st, at, login, id, 0, 0, "node_add",
		    NULL, nt, cause)) != 0)
			goto out;
		/* A new row may start above 1 (db/migrate-4.sql). */
		if ((rc = store_read_int(st, SQL_NODE_VER, id, 0, &newver,
		    NULL, cause)) != 0)
			goto out;
		ver = (int)newver;
	} else {
		if ((rc = update_node(st, n, &old, key, login, at, &changed,
		    cause)) != 0 ||
		    (rc = read_assigns(st, id, &cur, &ncur, cause)) != 0)
			goto out;
		if (!picks_equal(cur, ncur, picks, npicks)) {
			changed++;
			nt = picks_text(cur, ncur);
			if ((rc = save_depts(st, id, cur, ncur, picks, npicks,
			    cause)) != 0 ||
			    (rc = store_history_add(st, at, login, id, 0, 0,
			    "depts", nt, depts, cause)) != 0)
				goto out;
			/* Found from the rows before the change, under the
			 * write lock: what the question counted may have
			 * moved since. */
			if (n->carry_depts && ((rc = find_followers(st, id, cur,
			    ncur, &fol, &nfol, cause)) != 0 ||
			    (rc = carry_depts(st, fol, nfol, picks, npicks,
			    depts, login, at, cause)) != 0))
				goto out;
		}
		if (strcmp(ot, flagtext) != 0) {
			changed++;
			if ((rc = save_flags(st, id, flags, nflags, cause)) != 0 ||
			    (rc = store_history_add(st, at, login, id, 0, 0,
			    "flags", ot, flagtext, cause)) != 0)
				goto out;
		}
		if ((rc = store_edit_read_years(st, id, &oldyears,
		    cause)) != 0 ||
		    (rc = store_edit_save_years(st, id, &years, &oldyears,
		    login, at, &changed, cause)) != 0)
			goto out;
		/* A save that writes anything is a new version; one that
		 * changes nothing keeps the version loaded. */
		ver = old.ver;
		if (changed > 0) {
			if ((rc = store_edit_write_ids(st, SQL_NODE_BUMP, id,
			    old.ver, "施策・取組の保存", cause)) != 0)
				goto out;
			/* Cannot happen under the write lock after the
			 * check. */
			if (sqlite3_changes(st->db) == 0) {
				rc = store_edit_conflict("施策・取組", cause);
				goto out;
			}
			ver = old.ver + 1;
		}
	}
	if ((rc = store_commit(st, cause)) != 0)
		goto done;
	n->id = id;
	n->plan_id = plan;
	if (old.id != 0)
		n->parent_id = old.parent_id;
	n->depth = depth;
	n->ver = ver;
	n->carried = (long)nfol;
	free(n->key);
	n->key = key;
	key = NULL;
	free(n->depts);
	n->depts = depts;
	depts = NULL;
	free(n->flags);
	n->flags = flagtext;
	flagtext = NULL;
	free(n->yearplans);
	n->yearplans = years.plantext;
	years.plantext = NULL;
	free(n->costs);
	n->costs = years.costtext;
	years.costtext = NULL;
	goto done;
out:
	if (rc == 0)
		rc = -1;
	store_rollback(st);
done:
	edit_node_free(&old);
	picks_free(cur, ncur);
	picks_free(picks, npicks);
	followers_free(fol, nfol);
	flags_free(flags, nflags);
	store_edit_years_free(&years);
	store_edit_years_free(&oldyears);
	free(typed);
	free(key);
	free(depts);
	free(flagtext);
	free(ot);
	free(nt);
	return rc;
}

/* ---- deleting nodes ---- */

static int
read_impact(struct store *st, long long node, struct edit_impact *out,
    char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_IMPACT, cause);
	int		 rc;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, node);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		out->nodes = (long)sqlite3_column_int64(s, 0);
		out->items = (long)sqlite3_column_int64(s, 1);
		out->indicators = (long)sqlite3_column_int64(s, 2);
		out->results = (long)sqlite3_column_int64(s, 3);
		out->actuals = (long)sqlite3_column_int64(s, 4);
	}
	return store_read_end(st, s, rc, "削除される範囲の確認", cause);
}

int
store_edit_node_impact(struct store *st, long long node_id,
    struct edit_impact *out, char **cause)
{
	struct edit_node	n;
	int			own, found, rc = -1;

	memset(out, 0, sizeof *out);
	if (store_edit_read_begin(st, &own, cause) != 0)
		return -1;
	if (read_node(st, node_id, &n, NULL, &found, cause) == 0) {
		if (!found)
			*cause = xasprintf("施策・取組（id %lld）がありません",
			    node_id);
		else
			rc = read_impact(st, node_id, out, cause);
	}
	edit_node_free(&n);
	store_edit_read_end(st, own);
	return rc;
}

/* "No.1 名称（下位の施策・取組 2件、指標 3件 …）": what a deletion took. */
static char *
deleted_text(const char *name, const struct edit_impact *im)
{
	char	*parts = NULL, *item, *t;

	if (im->nodes > 1) {
		item = xasprintf("下位の施策・取組 %ld件", im->nodes - 1);
		list_add(&parts, item);
		free(item);
	}
	if (im->indicators > 0) {
		item = xasprintf("指標 %ld件", im->indicators);
		list_add(&parts, item);
		free(item);
	}
	if (im->results > 0) {
		item = xasprintf("実績 %ld件", im->results);
		list_add(&parts, item);
		free(item);
	}
	if (im->actuals > 0) {
		item = xasprintf("指標の実績値 %ld件", im->actuals);
		list_add(&parts, item);
		free(item);
	}
	t = parts != NULL ? xasprintf("%s（%s）", name, parts) : xstrdup(name);
	free(parts);
	return t;
}

int
store_edit_node_delete(struct store *st, const char *login, long long node_id,
    char **cause)
{
	struct edit_node	n;
	struct edit_impact	im;
	char			*name = NULL, *what = NULL;
	int			found, rc;

	memset(&n, 0, sizeof n);
	if ((rc = store_edit_begin_planner(st, login, cause)) != 0)
		return rc;
	rc = -1;
	if (read_node(st, node_id, &n, NULL, &found, cause) != 0)
		goto out;
	if (!found) {
		*cause = xasprintf("施策・取組（id %lld）は既にありません", node_id);
		goto out;
	}
	if (read_impact(st, node_id, &im, cause) != 0)
		goto out;
	name = node_name(n.code, n.title);
	what = deleted_text(name, &im);
	/* The node's own history stays, its node_id set NULL (ON DELETE SET
	 * NULL): the row telling of the deletion hangs on the parent. */
	rc = store_edit_delete_end(st, login, SQL_NODE_DELETE, node_id,
	    "施策・取組の削除", n.parent_id, "node_delete", what, cause);
	goto done;
out:
	if (rc == 0)
		rc = -1;
	store_rollback(st);
done:
	edit_node_free(&n);
	free(name);
	free(what);
	return rc;
}
