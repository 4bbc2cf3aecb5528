/*
 * Indicator actuals in the store (see store-actual.h): the view of one
 * indicator over its years, and the entry of one actual with its
 * workflow. Every write follows store-result.c's rule inside one BEGIN
 * IMMEDIATE transaction: read the entry as it is now, compare its
 * version, ask the workflow with the role the users table gives now,
 * write with ... WHERE ver = ? (checked with sqlite3_changes), add the
 * history rows, read the entry back, and only then commit.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/achieve.h"
#include "shisaku/store-actual.h"
#include "shisaku/store-internal.h"
#include "shisaku/store-user.h"
#include "shisaku/util.h"
#include "shisaku/vocab.h"


static const char SQL_INDICATOR[] =
    "SELECT i.plan_id, COALESCE(i.node_id, 0), COALESCE(n.code, ''),"
    " COALESCE(n.title, p.name), i.name, i.unit, i.direction, i.cumulative,"
    " i.base_num, i.base_txt, COALESCE(i.base_fy, 0), i.final_num,"
    " i.final_txt, COALESCE(i.final_fy, 0), COALESCE(i.dept_id, 0),"
    " COALESCE(n.depth, 0), COALESCE((SELECT MAX(depth) FROM plan_level"
    " WHERE plan_id = i.plan_id), (SELECT MAX(depth) FROM node"
    " WHERE plan_id = i.plan_id)), p.code, p.name, i.key, i.category,"
    " i.rationale, i.note, COALESCE(dx.code, ''),"
    " COALESCE(n.label, ''), COALESCE((SELECT l.name FROM plan_level l"
    " WHERE l.plan_id = i.plan_id AND l.depth = n.depth), ''),"
    " p.first_fy, p.last_fy, n.first_fy, n.last_fy"
    " FROM indicator i JOIN plan p ON p.id = i.plan_id"
    " LEFT JOIN node n ON n.id = i.node_id"
    " LEFT JOIN department dx ON dx.id = i.dept_id WHERE i.id = ?1";
static const char SQL_DEPT[] =
    "SELECT d.id, " DEPT_NAME_AS_OF("d.id", "?2") ", d.code"
    " FROM department d WHERE d.id = ?1";
static const char SQL_TARGET[] =
    "SELECT num, txt FROM indicator_target WHERE indicator_id = ?1 AND fy = ?2";
static const char SQL_PRIOR[] =
    "SELECT fy, num, txt FROM indicator_actual WHERE indicator_id = ?1"
    " AND fy < ?2 ORDER BY fy";
static const char SQL_ROW[] =
    "SELECT a.ver, a.state, a.num, a.txt, a.note, a.return_comment,"
    " COALESCE(" DEPT_NAME_AS_OF("a.dept_id", "?2") ", ''),"
    " a.entered_by, a.entered_at, a.confirmed_by, a.confirmed_at"
    " FROM indicator_actual a LEFT JOIN department d ON d.id = a.dept_id"
    " WHERE a.indicator_id = ?1 AND a.fy = ?2";
static const char SQL_ITEM_STATE[] =
    "SELECT state FROM result WHERE node_id = ?1 AND fy = ?2";
static const char SQL_INSERT[] =
    "INSERT INTO indicator_actual (indicator_id, fy, num, txt, note, state,"
    " dept_id, entered_by, entered_at, ver) VALUES (?1, ?2, ?3, ?4, ?5,"
    " 'draft', ?6, ?7, ?8, 1) ON CONFLICT (indicator_id, fy) DO NOTHING";
static const char SQL_UPDATE[] =
    "UPDATE indicator_actual SET num = ?3, txt = ?4, note = ?5,"
    " state = COALESCE(state, 'draft'), dept_id = COALESCE(?6, dept_id),"
    " entered_by = ?7, entered_at = ?8, ver = ver + 1"
    " WHERE indicator_id = ?1 AND fy = ?9 AND ver = ?2";
/* (A submission keeps its time ?8 for the reviewers' list: migrate-18.) */
static const char SQL_STATE[] =
    "UPDATE indicator_actual SET state = ?4,"
    " return_comment = COALESCE(?5, return_comment), confirmed_by = ?6,"
    " confirmed_at = ?7, submitted_at = CASE WHEN ?4 = 'submitted'"
    " THEN ?8 ELSE submitted_at END, ver = ver + 1"
    " WHERE indicator_id = ?1 AND fy = ?2 AND ver = ?3";
static const char SQL_VIEW_TARGETS[] =
    "SELECT fy, num, txt FROM indicator_target WHERE indicator_id = ?1"
    " ORDER BY fy";
static const char SQL_VIEW_ACTUALS[] =
    "SELECT a.fy, a.num, a.txt, a.note, a.state, a.entered_by,"
    " a.confirmed_by, r.state, r.entered_by, r.confirmed_by"
    " FROM indicator_actual a LEFT JOIN result r ON r.node_id = ?2"
    " AND r.fy = a.fy WHERE a.indicator_id = ?1 ORDER BY a.fy";
static const char SQL_VIEW_RESULTS[] =
    "SELECT fy, state, entered_by, confirmed_by FROM result"
    " WHERE node_id = ?1 ORDER BY fy";

/* An assignment of node_dept nd in force in fiscal year fyparam. */
#define IN_FORCE_OF(t, fyparam)						\
	"(COALESCE(" t ".from_fy, 0) = 0 OR " t ".from_fy <= " fyparam ")"	\
	" AND (COALESCE(" t ".until_fy, 0) = 0 OR " t ".until_fy >= "	\
	fyparam ")"
#define IN_FORCE(fyparam) IN_FORCE_OF("nd", fyparam)

/* The depth of plan ?1's action items: its deepest level, else its
 * deepest node. An indicator without a department of its own on a node
 * of that depth is part of the item's result (entered with it). */
#define ITEM_DEPTH "d(x) AS (SELECT " STORE_ITEM_DEPTH("?1") ")"

/* Of the indicators r(id) someone reports, those of fiscal year ?3, as
 * 自分の仕事 lists them (store-mywork.c): their node's period holds the
 * year; and one reported on its own, in a plan without a period, is
 * measured in the year (the years its baseline and final target give,
 * or one it has a target or value for). One that goes with its item's
 * result is the item's whenever the item is. The indicator list's
 * 自分の担当 names what 自分の仕事 names. (d.x: the items' depth.) */
#define REPORTED_IN_YEAR						\
	" SELECT i.id FROM r CROSS JOIN indicator i ON i.id = r.id"	\
	" JOIN plan p ON p.id = i.plan_id"				\
	" LEFT JOIN node n ON n.id = i.node_id" STORE_ANCESTORS		\
	" WHERE " STORE_IN_YEAR("?3") " AND ((i.dept_id IS NULL"	\
	" AND n.depth = (SELECT x FROM d)) OR " STORE_IND_IN_YEAR("?3") ")"

/*
 * The indicators of plan ?1 whose actuals department ?2 (not 0) enters
 * in ?3: those the plan gives ?2 to report; and, of the nodes ?2 is in
 * charge of that year, the indicators without a department of their own
 * that are part of an item's result or whose node has ?2 as its main
 * department. Read from ?2's indexes (its assignments, its indicators),
 * never the plan's indicators: a department's share of a large plan is
 * small. A node ?2 holds twice gives its rows twice (sorted out in C).
 * Of those, the ones measured in ?3 (REPORTED_IN_YEAR).
 */
static const char SQL_REPORTED_BY_DEPT[] =
    "WITH " ITEM_DEPTH ", r(id) AS ("
    " SELECT i.id FROM indicator i WHERE i.dept_id = ?2 AND i.plan_id = ?1"
    " UNION ALL SELECT i.id FROM d, node_dept nd"
    " CROSS JOIN indicator i ON i.node_id = nd.node_id"
    " JOIN node n ON n.id = i.node_id"
    " WHERE nd.dept_id = ?2 AND " IN_FORCE("?3")
    " AND +i.plan_id = ?1 AND i.dept_id IS NULL"
    " AND (n.depth = d.x OR (SELECT m.dept_id FROM node_dept m"
    "  WHERE m.node_id = n.id AND " IN_FORCE_OF("m", "?3")
    "  ORDER BY m.is_main DESC, m.ord, m.id LIMIT 1) = ?2))"
    REPORTED_IN_YEAR;

/*
 * The indicators of plan ?1 no department reports in ?3 (the planners
 * enter them): those of the plan itself without a department, and those
 * without one on a heading (a node above the items) that no department
 * is in charge of that year. The headings' indicators are a range of
 * the index of the plan's indicators by depth, which holds their
 * department and node (db/migrate-24.sql): a look-up of each heading
 * and of each indicator's row read thousands of pages of a large plan
 * the first time, 3,850 for the bench's 200,000 items. Of those, the
 * ones measured in ?3 (REPORTED_IN_YEAR).
 */
static const char SQL_REPORTED_BY_NONE[] =
    "WITH " ITEM_DEPTH ", r(id) AS ("
    " SELECT i.id FROM d CROSS JOIN indicator i INDEXED BY"
    " indicator_plan_depth WHERE i.plan_id = ?1 AND i.depth < d.x"
    " AND i.dept_id IS NULL AND NOT EXISTS (SELECT 1 FROM node_dept nd"
    "  WHERE nd.node_id = i.node_id AND " IN_FORCE("?3") ")"
    " UNION ALL SELECT i.id FROM indicator i WHERE i.node_id IS NULL"
    " AND +i.plan_id = ?1 AND i.dept_id IS NULL)"
    REPORTED_IN_YEAR;

static int
same_str(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static enum wf_state
state_of(const char *key)
{
	int	s = workflow_state_parse(key);

	return s < 0 ? WF_DRAFT : (enum wf_state)s;
}

/* ---- what the indicator is ---- */

/* The columns of SQL_INDICATOR every reader needs. */
struct ind_head {
	long long	 plan_id, node_id, dept_id;
	int		 depth, max_depth, own;
};

static void
read_head(sqlite3_stmt *s, struct ind_head *h)
{
	h->plan_id = sqlite3_column_int64(s, 0);
	h->node_id = sqlite3_column_int64(s, 1);
	h->dept_id = sqlite3_column_int64(s, 14);
	h->depth = sqlite3_column_int(s, 15);
	h->max_depth = sqlite3_column_int(s, 16);
	/* Part of the item's result: an item's indicator with no department
	 * of its own. */
	h->own = !(h->node_id != 0 && h->depth == h->max_depth &&
	    h->dept_id == 0);
}

/* The department that reports the indicator in fy: the plan's choice,
 * else the node's main department in force. *out (0 or 1 entries) is
 * shaped for workflow.h, with is_main set and no period. */
static int
reporter(struct store *st, const struct ind_head *h, int fy,
    struct wf_dept **out, size_t *n, char **cause)
{
	struct wf_dept	*d = NULL;
	struct wf_item	 it;
	sqlite3_stmt	*s;
	size_t		 nd = 0;
	long long	 main = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (h->dept_id != 0)
		main = h->dept_id;
	else if (h->node_id != 0) {
		if (store_result_depts(st, h->node_id, fy, &d, &nd, cause) != 0)
			return -1;
		memset(&it, 0, sizeof it);
		it.fy = fy;
		it.depts = d;
		it.ndepts = nd;
		main = workflow_main_dept(&it);
	}
	if (main != 0) {
		if ((s = store_stmt(st, SQL_DEPT, cause)) == NULL) {
			store_result_depts_free(d, nd);
			return -1;
		}
		sqlite3_bind_int64(s, 1, main);
		sqlite3_bind_int(s, 2, fy);
		if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			*out = xcalloc(1, sizeof **out);
			(*out)->id = main;
			(*out)->name = store_col_dup(s, 1);
			(*out)->code = store_col_dup_null(s, 2);
			(*out)->is_main = 1;
			*n = 1;
		}
		if (store_read_end(st, s, rc, "担当課の読み込み", cause) != 0) {
			store_result_depts_free(*out, *n);
			*out = NULL;
			*n = 0;
			store_result_depts_free(d, nd);
			return -1;
		}
	}
	store_result_depts_free(d, nd);
	return 0;
}

/* ---- entries ---- */

static void
entry_clear(struct actual_entry *e)
{
	free(e->node_code);
	free(e->node_title);
	free(e->name);
	free(e->unit);
	value_clear(&e->base);
	value_clear(&e->target);
	store_result_depts_free(e->depts, e->ndepts);
	value_clear(&e->actual);
	free(e->note);
	free(e->return_comment);
	free(e->dept_name);
	free(e->entered_by);
	free(e->entered_at);
	free(e->confirmed_by);
	free(e->confirmed_at);
	memset(e, 0, sizeof *e);
}

void
store_actual_free(struct actual_entry *e)
{
	if (e == NULL)
		return;
	entry_clear(e);
	free(e);
}

static int
load_head(struct store *st, struct actual_entry *e, struct ind_head *h,
    char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_INDICATOR, cause);
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, e->indicator_id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		read_head(s, h);
		e->plan_id = h->plan_id;
		e->node_id = h->node_id;
		e->own = h->own;
		e->item_id = h->own ? 0 : h->node_id;
		e->node_code = store_col_dup(s, 2);
		e->node_title = store_col_dup(s, 3);
		e->name = store_col_dup(s, 4);
		e->unit = store_col_dup(s, 5);
		e->direction = vocab_key(VOCAB_DIRECTION, store_col_text(s, 6));
		e->cumulative = sqlite3_column_int(s, 7);
		store_col_value(s, 8, &e->base);
		e->base_fy = sqlite3_column_int(s, 10);
		store_col_value(s, 11, &e->target);	/* the final, for now */
		e->target_fy = sqlite3_column_int(s, 13);
		e->target_is_final = e->target.kind != VALUE_NONE;
	}
	if (store_read_end(st, s, rc, "指標の読み込み", cause) != 0)
		return -1;
	if (rc != SQLITE_ROW) {
		*cause = xasprintf("指標（id %lld）がありません", e->indicator_id);
		return -1;
	}
	return 0;
}

/* The year's target replaces the final one when the plan sets it. */
static int
load_target(struct store *st, struct actual_entry *e, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_TARGET, cause);
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, e->indicator_id);
	sqlite3_bind_int(s, 2, e->fy);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		value_clear(&e->target);
		store_col_value(s, 0, &e->target);
		e->target_fy = e->fy;
		e->target_is_final = 0;
	}
	return store_read_end(st, s, rc, "目標値の読み込み", cause);
}

static int
load_prior(struct store *st, struct actual_entry *e, char **cause)
{
	sqlite3_stmt	*s;
	struct value	*vals = NULL;
	int		*fys = NULL, rc;
	size_t		 n = 0, i;

	e->prior_count = 0;
	e->prior_sum = 0;
	if (!e->cumulative)
		return 0;
	if ((s = store_stmt(st, SQL_PRIOR, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, e->indicator_id);
	sqlite3_bind_int(s, 2, e->fy);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		fys = xreallocarray(fys, n + 1, sizeof *fys);
		vals = xreallocarray(vals, n + 1, sizeof *vals);
		fys[n] = sqlite3_column_int(s, 0);
		store_col_value(s, 1, &vals[n]);
		n++;
	}
	rc = store_read_end(st, s, rc, "実績値の読み込み", cause);
	if (rc == 0)
		e->prior_count = achieve_sum_actuals(fys, vals, n, e->base_fy,
		    e->fy - 1, &e->prior_sum);
	for (i = 0; i < n; i++)
		value_clear(&vals[i]);
	free(vals);
	free(fys);
	return rc;
}

static void
empty_row(struct actual_entry *e)
{
	e->ver = 0;
	e->state = WF_NONE;
	e->note = xstrdup("");
	e->return_comment = xstrdup("");
	e->dept_name = xstrdup("");
	e->entered_by = xstrdup("");
	e->entered_at = xstrdup("");
	e->confirmed_by = xstrdup("");
	e->confirmed_at = xstrdup("");
}

static int
load_row(struct store *st, struct actual_entry *e, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_ROW, cause);
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, e->indicator_id);
	sqlite3_bind_int(s, 2, e->fy);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		e->ver = sqlite3_column_int(s, 0);
		/* A row without a state came from a file: a draft. */
		e->state = state_of(store_col_text(s, 1));
		store_col_value(s, 2, &e->actual);
		e->note = store_col_dup(s, 4);
		e->return_comment = store_col_dup(s, 5);
		e->dept_name = store_col_dup(s, 6);
		e->entered_by = store_col_dup(s, 7);
		e->entered_at = store_col_dup(s, 8);
		e->confirmed_by = store_col_dup(s, 9);
		e->confirmed_at = store_col_dup(s, 10);
	} else
		empty_row(e);
	return store_read_end(st, s, rc, "実績値の読み込み", cause);
}

/* Part of an item's result: the state is the result's. */
static int
load_item_state(struct store *st, struct actual_entry *e, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_ITEM_STATE, cause);
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, e->node_id);
	sqlite3_bind_int(s, 2, e->fy);
	e->state = WF_NONE;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		e->state = state_of(store_col_text(s, 0));
	return store_read_end(st, s, rc, "実績の読み込み", cause);
}

static int
load_entry(struct store *st, long long id, int fy, struct actual_entry **out,
    char **cause)
{
	struct actual_entry	*e = xcalloc(1, sizeof *e);
	struct ind_head		 h;

	e->indicator_id = id;
	e->fy = fy;
	if (load_head(st, e, &h, cause) != 0 ||
	    load_target(st, e, cause) != 0 ||
	    load_prior(st, e, cause) != 0 ||
	    reporter(st, &h, fy, &e->depts, &e->ndepts, cause) != 0 ||
	    store_year_is_open(st, fy, &e->year_open, cause) != 0 ||
	    load_row(st, e, cause) != 0 ||
	    (!e->own && load_item_state(st, e, cause) != 0)) {
		store_actual_free(e);
		return -1;
	}
	*out = e;
	return 0;
}

int
store_actual_load(struct store *st, long long indicator_id, int fy,
    struct actual_entry **out, char **cause)
{
	int	own = sqlite3_get_autocommit(st->db), rc;

	*out = NULL;
	if (fy < FY_MIN || fy > FY_MAX) {
		*cause = xasprintf("年度 %d は範囲外です", fy);
		return -1;
	}
	if (own && sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		*cause = store_errmsg(st, "実績値の読み込み");
		return -1;
	}
	rc = load_entry(st, indicator_id, fy, out, cause);
	if (own)
		store_rollback(st);	/* ends the read; nothing was written */
	return rc;
}

struct actual_entry *
store_actual_dup(const struct actual_entry *e)
{
	struct actual_entry	*c = xcalloc(1, sizeof *c);
	size_t			 i;

	*c = *e;
	c->node_code = xstrdup(e->node_code);
	c->node_title = xstrdup(e->node_title);
	c->name = xstrdup(e->name);
	c->unit = xstrdup(e->unit);
	value_copy(&c->base, &e->base);
	value_copy(&c->target, &e->target);
	c->depts = e->ndepts ? xreallocarray(NULL, e->ndepts, sizeof *c->depts) :
	    NULL;
	for (i = 0; i < e->ndepts; i++) {
		c->depts[i] = e->depts[i];
		c->depts[i].name = xstrdup(e->depts[i].name);
		c->depts[i].code = e->depts[i].code != NULL ?
		    xstrdup(e->depts[i].code) : NULL;
	}
	value_copy(&c->actual, &e->actual);
	c->note = xstrdup(e->note);
	c->return_comment = xstrdup(e->return_comment);
	c->dept_name = xstrdup(e->dept_name);
	c->entered_by = xstrdup(e->entered_by);
	c->entered_at = xstrdup(e->entered_at);
	c->confirmed_by = xstrdup(e->confirmed_by);
	c->confirmed_at = xstrdup(e->confirmed_at);
	return c;
}

int
store_actual_changed(const struct actual_entry *a, const struct actual_entry *b)
{
	return !value_equal(&a->actual, &b->actual) || !same_str(a->note, b->note);
}

void
store_actual_wf(const struct actual_entry *e, enum fy_style style,
    struct wf_item *it)
{
	memset(it, 0, sizeof *it);
	it->fy = e->fy;
	it->year_open = e->year_open;
	it->state = e->state;
	it->depts = e->depts;
	it->ndepts = e->ndepts;
	it->style = style;
	it->is_indicator = 1;
}

/* ---- writing ---- */

static char *
conflict_message(const struct actual_entry *now)
{
	return xasprintf("この実績値は開いた後に他の人が更新しました（%s %s）。"
	    "最新の内容と比べてから、もう一度保存してください",
	    now->entered_by[0] ? now->entered_by : "不明", now->entered_at);
}

/* Begins a write and reads the entry as it is now; checks that the
 * indicator is reported on its own, the version (STORE_CONFLICT with the
 * entry now in *current) and the workflow (STORE_DENIED). On 0 the
 * transaction is open with *old and *answer set; otherwise it is rolled
 * back. */
static int
begin_checked(struct store *st, const struct actual_entry *e,
    const char *login, int expected_ver, enum wf_action action,
    const char *comment, struct actual_entry **old, enum wf_answer *answer,
    struct actual_entry **current, char **cause)
{
	struct session	 s;
	struct wf_item	 it;
	long long	 node = 0;
	int		 rc;

	*old = NULL;
	if (current != NULL)
		*current = NULL;
	if ((rc = store_begin(st, cause)) != 0)
		return rc;
	if (load_entry(st, e->indicator_id, e->fy, old, cause) != 0)
		goto fail;
	if (!(*old)->own) {
		*cause = xasprintf("指標「%s」の実績値は取組「%s」の実績入力で入力"
		    "します", (*old)->name, (*old)->node_code[0] ?
		    (*old)->node_code : (*old)->node_title);
		goto fail;
	}
	if ((*old)->ver != expected_ver) {
		*cause = conflict_message(*old);
		if (current != NULL) {
			*current = *old;
			*old = NULL;
		}
		rc = STORE_CONFLICT;
		goto out;
	}
	if (store_user_login_session(st, login, &s, cause) != 0)
		goto fail;
	store_actual_wf(*old, FY_STYLE_ERA, &it);
	*answer = workflow_may(&s, &it, action, comment, cause);
	session_clear(&s);
	if (*answer == WF_DENY) {
		/* (The refusal goes with the indicator's node, as its
		 * history does.) */
		node = (*old)->node_id;
		rc = STORE_DENIED;
		goto out;
	}
	return 0;
fail:
	rc = -1;
out:
	store_rollback(st);
	store_actual_free(*old);
	*old = NULL;
	if (rc == STORE_DENIED) {
		char	*what = xasprintf("実績値の%s: %s",
			    workflow_action_label(action), *cause);

		store_refused(st, login, node, e->indicator_id, e->fy, what);
		free(what);
	}
	return rc;
}

static int
commit_fresh(struct store *st, const struct actual_entry *e,
    struct actual_entry **fresh, char **cause)
{
	int	rc;

	*fresh = NULL;
	if (load_entry(st, e->indicator_id, e->fy, fresh, cause) != 0) {
		store_rollback(st);
		return -1;
	}
	if ((rc = store_commit(st, cause)) != 0) {
		store_actual_free(*fresh);
		*fresh = NULL;
	}
	return rc;
}

/* Writes the value and note; *wrote is 0 when nothing changed. */
static int
write_value(struct store *st, const struct actual_entry *e,
    const struct actual_entry *old, const struct value *v, const char *login,
    const char *at, int expected_ver, int *wrote, char **cause)
{
	struct wf_item	 it;
	sqlite3_stmt	*s;
	long long	 dept;
	int		 rc;

	*wrote = 0;
	if (expected_ver != 0 && value_equal(v, &old->actual) &&
	    same_str(e->note, old->note))
		return 0;
	store_actual_wf(old, FY_STYLE_ERA, &it);
	dept = workflow_main_dept(&it);
	if ((s = store_stmt(st, expected_ver == 0 ? SQL_INSERT : SQL_UPDATE,
	    cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, e->indicator_id);
	if (expected_ver == 0)
		sqlite3_bind_int(s, 2, e->fy);
	else {
		sqlite3_bind_int(s, 2, expected_ver);
		sqlite3_bind_int(s, 9, e->fy);
	}
	store_bind_value(s, 3, v);
	store_bind_text(s, 5, e->note != NULL ? e->note : "");
	store_bind_opt_int(s, 6, dept);
	store_bind_text(s, 7, login);
	store_bind_text(s, 8, at);
	if ((rc = store_step_write(st, s, "実績値の保存", cause)) != 0)
		return rc;
	if (sqlite3_changes(st->db) == 0) {
		/* Cannot happen under the write lock after begin_checked, but
		 * the version is the rule. */
		*cause = xstrdup("この実績値は他の人が更新しました。開き直してください");
		return STORE_CONFLICT;
	}
	*wrote = 1;
	return 0;
}

int
store_actual_save(struct store *st, struct actual_entry *e, const char *login,
    int expected_ver, struct actual_entry **current, char **cause)
{
	struct actual_entry	*old, *fresh;
	struct value		 v;
	enum wf_answer		 answer;
	char			 at[20], *why = NULL, *ov, *nv;
	long long		 node;
	int			 rc, wrote = 0;

	if (value_check_text(e->note, "実績の備考", VALUE_TEXT_MAX, cause) != 0)
		return -1;
	if (e->actual.kind == VALUE_NUMBER && !isfinite(e->actual.num)) {
		*cause = xasprintf("「%s」の実績値が数値ではありません", e->name);
		return -1;
	}
	if ((rc = begin_checked(st, e, login, expected_ver, WF_EDIT, NULL, &old,
	    &answer, current, cause)) != 0)
		return rc;
	if (value_canonical(&e->actual, old->unit, &v, &why) != 0) {
		*cause = xasprintf("「%s」の実績値: %s", old->name, why);
		free(why);
		store_rollback(st);
		store_actual_free(old);
		return -1;
	}
	now_iso(at);
	node = old->node_id;
	rc = write_value(st, e, old, &v, login, at, expected_ver, &wrote, cause);
	if (rc == 0 && wrote && expected_ver == 0)
		rc = store_history_add(st, at, login, node, e->indicator_id, e->fy,
		    "state", NULL, workflow_state_label(WF_DRAFT), cause);
	if (rc == 0 && wrote && !value_equal(&v, &old->actual)) {
		ov = value_format(&old->actual, old->unit, 1);
		nv = value_format(&v, old->unit, 1);
		rc = store_history_add(st, at, login, node, e->indicator_id, e->fy,
		    "actual", ov, nv, cause);
		free(ov);
		free(nv);
	}
	if (rc == 0 && wrote && !same_str(e->note, old->note))
		rc = store_history_add(st, at, login, node, e->indicator_id, e->fy,
		    "actual_note", old->note, e->note, cause);
	if (rc == 0 && wrote && answer == WF_ALLOW_LATE)
		rc = store_history_add(st, at, login, node, e->indicator_id, e->fy,
		    "late_entry", NULL, "締切後の保存", cause);
	value_clear(&v);
	store_actual_free(old);
	if (rc != 0) {
		store_rollback(st);
		return rc;
	}
	if ((rc = commit_fresh(st, e, &fresh, cause)) != 0)
		return rc;
	entry_clear(e);
	*e = *fresh;
	free(fresh);
	return 0;
}

static int
transition(struct store *st, struct actual_entry *e, const char *login,
    int expected_ver, enum wf_action action, const char *comment,
    struct actual_entry **current, char **cause)
{
	static const char *const late_what[WF_ACTION_COUNT] = {
		"締切後の保存", "締切後の提出", "締切後の確認", "締切後の差戻し",
		"締切後に下書きに戻す"
	};
	struct actual_entry	*old, *fresh;
	enum wf_answer		 answer;
	enum wf_state		 to;
	sqlite3_stmt		*s;
	char			 at[20];
	long long		 node;
	int			 rc;

	if (action == WF_RETURN &&
	    value_check_text(comment, "差戻しコメント", RESULT_TEXT_MAX, cause) != 0)
		return -1;
	if ((rc = begin_checked(st, e, login, expected_ver, action, comment,
	    &old, &answer, current, cause)) != 0)
		return rc;
	now_iso(at);
	node = old->node_id;
	to = workflow_next_state(old->state, action);
	if ((s = store_stmt(st, SQL_STATE, cause)) == NULL) {
		rc = -1;
		goto out;
	}
	sqlite3_bind_int64(s, 1, e->indicator_id);
	sqlite3_bind_int(s, 2, e->fy);
	sqlite3_bind_int(s, 3, expected_ver);
	store_bind_text(s, 4, workflow_state_key(to));
	store_bind_text(s, 5, action == WF_RETURN ? comment : NULL);
	store_bind_text(s, 6, action == WF_CONFIRM ? login : "");
	store_bind_text(s, 7, action == WF_CONFIRM ? at : "");
	store_bind_text(s, 8, at);
	if ((rc = store_step_write(st, s, "状態の変更", cause)) != 0)
		goto out;
	if (sqlite3_changes(st->db) == 0) {
		*cause = xstrdup("この実績値は他の人が更新しました。開き直してください");
		rc = STORE_CONFLICT;
		goto out;
	}
	rc = store_history_add(st, at, login, node, e->indicator_id, e->fy,
	    "state", workflow_state_label(old->state), workflow_state_label(to),
	    cause);
	if (rc == 0 && action == WF_RETURN && !same_str(comment, old->return_comment))
		rc = store_history_add(st, at, login, node, e->indicator_id, e->fy,
		    "return_comment", old->return_comment, comment, cause);
	if (rc == 0 && answer == WF_ALLOW_LATE)
		rc = store_history_add(st, at, login, node, e->indicator_id, e->fy,
		    "late_entry", NULL, late_what[action], cause);
out:
	store_actual_free(old);
	if (rc != 0) {
		store_rollback(st);
		return rc;
	}
	if ((rc = commit_fresh(st, e, &fresh, cause)) != 0)
		return rc;
	/* Only the workflow's fields: unsaved edits in e stay. */
	e->ver = fresh->ver;
	e->state = fresh->state;
	e->year_open = fresh->year_open;
	free(e->return_comment);
	e->return_comment = fresh->return_comment;
	fresh->return_comment = NULL;
	free(e->confirmed_by);
	e->confirmed_by = fresh->confirmed_by;
	fresh->confirmed_by = NULL;
	free(e->confirmed_at);
	e->confirmed_at = fresh->confirmed_at;
	fresh->confirmed_at = NULL;
	store_actual_free(fresh);
	return 0;
}

int
store_actual_submit(struct store *st, struct actual_entry *e,
    const char *login, int expected_ver, struct actual_entry **current,
    char **cause)
{
	return transition(st, e, login, expected_ver, WF_SUBMIT, NULL, current,
	    cause);
}

int
store_actual_confirm(struct store *st, struct actual_entry *e,
    const char *login, int expected_ver, struct actual_entry **current,
    char **cause)
{
	return transition(st, e, login, expected_ver, WF_CONFIRM, NULL, current,
	    cause);
}

int
store_actual_return(struct store *st, struct actual_entry *e,
    const char *login, int expected_ver, const char *comment,
    struct actual_entry **current, char **cause)
{
	return transition(st, e, login, expected_ver, WF_RETURN,
	    comment != NULL ? comment : "", current, cause);
}

int
store_actual_reopen(struct store *st, struct actual_entry *e,
    const char *login, int expected_ver, struct actual_entry **current,
    char **cause)
{
	return transition(st, e, login, expected_ver, WF_REOPEN, NULL, current,
	    cause);
}

/* ---- the view of an indicator ---- */

void
store_indicator_view_free(struct indicator_view *v)
{
	size_t	i;

	if (v == NULL)
		return;
	free(v->plan_code);
	free(v->plan_name);
	free(v->node_code);
	free(v->node_title);
	free(v->node_level);
	free(v->key);
	free(v->name);
	free(v->category);
	free(v->unit);
	value_clear(&v->base);
	value_clear(&v->final);
	free(v->rationale);
	free(v->note);
	free(v->dept_code);
	free(v->reporter);
	for (i = 0; i < v->nyears; i++) {
		value_clear(&v->years[i].target);
		value_clear(&v->years[i].actual);
		free(v->years[i].note);
		free(v->years[i].entered_by);
		free(v->years[i].confirmed_by);
	}
	free(v->years);
	free(v);
}

/* The year fy of the view, added in order if it is not there yet. */
static struct actual_year *
view_year(struct indicator_view *v, int fy)
{
	struct actual_year	*y;
	size_t			 i;

	for (i = 0; i < v->nyears && v->years[i].fy < fy; i++)
		;
	if (i < v->nyears && v->years[i].fy == fy)
		return &v->years[i];
	v->years = xreallocarray(v->years, v->nyears + 1, sizeof *v->years);
	memmove(&v->years[i + 1], &v->years[i],
	    (v->nyears - i) * sizeof *v->years);
	v->nyears++;
	y = &v->years[i];
	memset(y, 0, sizeof *y);
	y->fy = fy;
	y->note = xstrdup("");
	y->entered_by = xstrdup("");
	y->confirmed_by = xstrdup("");
	return y;
}

static void
view_span(struct indicator_view *v, int first, int last)
{
	int	fy;

	if (first == 0 || last == 0 || last < first || last - first > 60)
		return;
	for (fy = first; fy <= last; fy++)
		view_year(v, fy);
}

static int
view_head(struct store *st, struct indicator_view *v, struct ind_head *h,
    char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_INDICATOR, cause);
	int		 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, v->id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		read_head(s, h);
		v->plan_id = h->plan_id;
		v->node_id = h->node_id;
		v->own = h->own;
		v->node_is_item = h->node_id != 0 && h->depth == h->max_depth;
		v->node_code = store_col_dup(s, 2);
		v->node_title = store_col_dup(s, 3);
		v->name = store_col_dup(s, 4);
		v->unit = store_col_dup(s, 5);
		v->direction = vocab_key(VOCAB_DIRECTION, store_col_text(s, 6));
		v->cumulative = sqlite3_column_int(s, 7);
		store_col_value(s, 8, &v->base);
		v->base_fy = sqlite3_column_int(s, 10);
		store_col_value(s, 11, &v->final);
		v->final_fy = sqlite3_column_int(s, 13);
		v->plan_code = store_col_dup(s, 17);
		v->plan_name = store_col_dup(s, 18);
		v->key = store_col_dup(s, 19);
		v->category = store_col_dup(s, 20);
		v->rationale = store_col_dup(s, 21);
		v->note = store_col_dup(s, 22);
		v->dept_code = store_col_dup(s, 23);
		v->node_level = xstrdup(store_col_text(s, 24)[0] ?
		    store_col_text(s, 24) : store_col_text(s, 25));
		/* The plan's period, else the node's: the years to show. */
		if (sqlite3_column_type(s, 26) != SQLITE_NULL)
			view_span(v, sqlite3_column_int(s, 26),
			    sqlite3_column_int(s, 27));
		else
			view_span(v, sqlite3_column_int(s, 28),
			    sqlite3_column_int(s, 29));
	}
	if (store_read_end(st, s, rc, "指標の読み込み", cause) != 0)
		return -1;
	if (rc != SQLITE_ROW) {
		*cause = xasprintf("指標（id %lld）がありません", v->id);
		return -1;
	}
	return 0;
}

static int
view_values(struct store *st, struct indicator_view *v, char **cause)
{
	struct actual_year	*y;
	sqlite3_stmt		*s;
	int			 rc;

	if ((s = store_stmt(st, SQL_VIEW_TARGETS, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, v->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		y = view_year(v, sqlite3_column_int(s, 0));
		store_col_value(s, 1, &y->target);
	}
	if (store_read_end(st, s, rc, "目標値の読み込み", cause) != 0)
		return -1;
	if (!v->own && (s = store_stmt(st, SQL_VIEW_RESULTS, cause)) != NULL) {
		/* The item's states, for years it reported without a value. */
		sqlite3_bind_int64(s, 1, v->node_id);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			y = view_year(v, sqlite3_column_int(s, 0));
			y->state = state_of(store_col_text(s, 1));
			free(y->entered_by);
			y->entered_by = store_col_dup(s, 2);
			free(y->confirmed_by);
			y->confirmed_by = store_col_dup(s, 3);
		}
		if (store_read_end(st, s, rc, "実績の読み込み", cause) != 0)
			return -1;
	} else if (s == NULL)
		return -1;
	if ((s = store_stmt(st, SQL_VIEW_ACTUALS, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, v->id);
	sqlite3_bind_int64(s, 2, v->own ? 0 : v->node_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		y = view_year(v, sqlite3_column_int(s, 0));
		store_col_value(s, 1, &y->actual);
		free(y->note);
		y->note = store_col_dup(s, 3);
		y->has_actual = 1;
		if (v->own) {
			y->state = state_of(store_col_text(s, 4));
			free(y->entered_by);
			y->entered_by = store_col_dup(s, 5);
			free(y->confirmed_by);
			y->confirmed_by = store_col_dup(s, 6);
		} else if (sqlite3_column_type(s, 7) != SQLITE_NULL) {
			y->state = state_of(store_col_text(s, 7));
			free(y->entered_by);
			y->entered_by = store_col_dup(s, 8);
			free(y->confirmed_by);
			y->confirmed_by = store_col_dup(s, 9);
		}
	}
	return store_read_end(st, s, rc, "実績値の読み込み", cause);
}

static int
view_load(struct store *st, struct indicator_view *v, char **cause)
{
	struct ind_head	 h;
	struct wf_dept	*d = NULL;
	size_t		 nd = 0;

	if (view_head(st, v, &h, cause) != 0 ||
	    reporter(st, &h, v->fy, &d, &nd, cause) != 0)
		return -1;
	v->reporter = xstrdup(nd > 0 ? d[0].name : "");
	store_result_depts_free(d, nd);
	return view_values(st, v, cause);
}

int
store_indicator_view(struct store *st, long long id, int fy,
    struct indicator_view **out, char **cause)
{
	struct indicator_view	*v = xcalloc(1, sizeof *v);
	int			 own = sqlite3_get_autocommit(st->db), rc;

	*out = NULL;
	v->id = id;
	v->fy = fy;
	if (own && sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		*cause = store_errmsg(st, "指標の読み込み");
		store_indicator_view_free(v);
		return -1;
	}
	rc = view_load(st, v, cause);
	if (own)
		store_rollback(st);
	if (rc != 0) {
		store_indicator_view_free(v);
		return -1;
	}
	*out = v;
	return 0;
}

/* ---- the indicators a department reports ---- */

int
store_actual_reported_by(struct store *st, long long plan_id,
    long long dept_id, int fy, long long **ids, size_t *n, char **cause)
{
	sqlite3_stmt	*s;

	*ids = NULL;
	*n = 0;
	if ((s = store_stmt(st, dept_id != 0 ? SQL_REPORTED_BY_DEPT :
	    SQL_REPORTED_BY_NONE, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	if (dept_id != 0)
		sqlite3_bind_int64(s, 2, dept_id);
	sqlite3_bind_int(s, 3, fy);
	return store_collect_ids(st, s, ids, n, "指標の読み込み", cause);
}
