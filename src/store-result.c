/*
 * Yearly results in the store (see store-result.h). Every write follows
 * the same pattern inside one BEGIN IMMEDIATE transaction: read the entry
 * as it is now, compare its version with the one the caller loaded, ask
 * the workflow with the user's role as the users table gives it, write
 * with UPDATE ... WHERE ver = ? (checked with sqlite3_changes), add the
 * history rows, read the entry back, and only then commit; any failure
 * rolls the whole of it back.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/store-browse.h"
#include "shisaku/store-indfig.h"
#include "shisaku/store-internal.h"
#include "shisaku/store-result.h"
#include "shisaku/store-user.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/vocab.h"


static const char SQL_NODE[] =
    "SELECT n.plan_id, n.code, n.title, n.depth,"
    " COALESCE((SELECT MAX(depth) FROM plan_level WHERE plan_id = n.plan_id),"
    " (SELECT MAX(depth) FROM node WHERE plan_id = n.plan_id))"
    " FROM node n WHERE n.id = ?1";
static const char SQL_DEPTS[] =
    "SELECT d.id, " DEPT_NAME_AS_OF("d.id", "?2") ", nd.is_main,"
    " COALESCE(nd.from_fy, 0), COALESCE(nd.until_fy, 0), d.code"
    " FROM node_dept nd JOIN department d ON d.id = nd.dept_id"
    " WHERE nd.node_id = ?1 ORDER BY nd.ord, nd.id";
static const char SQL_YEAR_OPEN[] =
    "SELECT is_open FROM fiscal_year WHERE fy = ?1";
static const char SQL_RESULT[] =
    "SELECT r.id, r.ver, r.state, r.status, r.grade, r.text, r.comment,"
    " r.return_comment, COALESCE(r.dept_id, 0),"
    " COALESCE(" DEPT_NAME_AS_OF("r.dept_id", "?2") ", ''),"
    " r.entered_by, r.entered_at, r.confirmed_by, r.confirmed_at"
    " FROM result r LEFT JOIN department d ON d.id = r.dept_id"
    " WHERE r.node_id = ?1 AND r.fy = ?2";
static const char SQL_INDICATORS[] =
    "SELECT i.id, i.key, i.name, i.unit, i.category, i.direction, i.cumulative,"
    " t.num, t.txt, a.num, a.txt, a.note, a.indicator_id IS NOT NULL"
    " FROM indicator i"
    " LEFT JOIN indicator_target t ON t.indicator_id = i.id AND t.fy = ?2"
    " LEFT JOIN indicator_actual a ON a.indicator_id = i.id AND a.fy = ?2"
    " WHERE i.node_id = ?1 AND i.dept_id IS NULL ORDER BY i.ord, i.id";
static const char SQL_INSERT[] =
    "INSERT INTO result (node_id, fy, status, grade, state, text, comment,"
    " dept_id, entered_by, entered_at) VALUES (?1, ?2, ?3, ?4, 'draft', ?5, ?6,"
    " ?7, ?8, ?9) ON CONFLICT (node_id, fy) DO NOTHING";
static const char SQL_UPDATE[] =
    "UPDATE result SET status = ?3, grade = ?4, text = ?5, comment = ?6,"
    " dept_id = ?7, entered_by = ?8, entered_at = ?9, ver = ver + 1"
    " WHERE id = ?1 AND ver = ?2";
/* (A submission keeps its time ?7 for the reviewers' list: migrate-18.) */
static const char SQL_STATE[] =
    "UPDATE result SET state = ?3, return_comment = COALESCE(?4, return_comment),"
    " confirmed_by = ?5, confirmed_at = ?6, submitted_at = CASE WHEN"
    " ?3 = 'submitted' THEN ?7 ELSE submitted_at END, ver = ver + 1"
    " WHERE id = ?1 AND ver = ?2";
static const char SQL_ACTUAL_PUT[] =
    "INSERT INTO indicator_actual (indicator_id, fy, num, txt, note)"
    " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (indicator_id, fy)"
    " DO UPDATE SET num = excluded.num, txt = excluded.txt, note = excluded.note";
static const char SQL_ACTUAL_DELETE[] =
    "DELETE FROM indicator_actual WHERE indicator_id = ?1 AND fy = ?2";
static const char SQL_YEAR_PUT[] =
    "INSERT INTO fiscal_year (fy, is_open, changed_by, changed_at)"
    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (fy) DO UPDATE SET"
    " is_open = excluded.is_open, changed_by = excluded.changed_by,"
    " changed_at = excluded.changed_at";
static const char SQL_YEAR_LIST[] =
    "SELECT fy, is_open, changed_by, changed_at, deadline FROM fiscal_year"
    " ORDER BY fy";
static const char SQL_YEAR_INFO[] =
    "SELECT is_open, deadline FROM fiscal_year WHERE fy = ?1";
static const char SQL_YEAR_LATEST[] =
    "SELECT MAX(fy) FROM fiscal_year WHERE is_open = 1";
static const char SQL_YEAR_DEADLINE[] =
    "INSERT INTO fiscal_year (fy, is_open, changed_by, changed_at, deadline)"
    " VALUES (?1, 0, ?2, ?3, ?4) ON CONFLICT (fy) DO UPDATE SET"
    " deadline = excluded.deadline, changed_by = excluded.changed_by,"
    " changed_at = excluded.changed_at";
#define HISTORY_COLS							\
    "SELECT h.id, h.at, h.login, COALESCE(h.node_id, 0),"		\
    " COALESCE(h.indicator_id, 0), COALESCE(i.name, ''), COALESCE(h.fy, 0),"\
    " h.field, h.old_value, h.new_value, ''"				\
    " FROM history h LEFT JOIN indicator i ON i.id = h.indicator_id "
/* The refusals of every plan, each with what it was about: the
 * indicator, else the item (with its plan's code). */
static const char SQL_HISTORY_REFUSED[] =
    "SELECT h.id, h.at, h.login, COALESCE(h.node_id, 0),"
    " COALESCE(h.indicator_id, 0), COALESCE(i.name, ''), COALESCE(h.fy, 0),"
    " h.field, h.old_value, h.new_value,"
    " COALESCE('指標 ' || i.name, trim(n.code || ' ' || n.title), '')"
    " FROM history h LEFT JOIN indicator i ON i.id = h.indicator_id"
    " LEFT JOIN node n ON n.id = h.node_id"
    " WHERE h.field = 'refused' AND ?1 = ?1"
    " AND (?2 = 0 OR h.fy = ?2) AND h.id < ?4"
    " ORDER BY h.id DESC LIMIT ?3";
static const char SQL_HISTORY_NODE[] = HISTORY_COLS
    "WHERE (h.node_id = ?1 OR h.indicator_id IN"
    " (SELECT id FROM indicator WHERE node_id = ?1))"
    " AND (?2 = 0 OR h.fy = ?2) AND h.id < ?4"
    " ORDER BY h.id DESC LIMIT ?3";
static const char SQL_HISTORY_INDICATOR[] = HISTORY_COLS
    "WHERE h.indicator_id = ?1"
    " AND (?2 = 0 OR h.fy = ?2) AND h.id < ?4"
    " ORDER BY h.id DESC LIMIT ?3";

/* ---- strings and sessions ---- */

static int
same_str(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/* NULL for an empty string: a grade of "" is none. */
static const char *
or_null(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

static char *
dup_or_empty(const char *s)
{
	return xstrdup(s != NULL ? s : "");
}

/* ---- departments and years ---- */

void
store_result_depts_free(struct wf_dept *d, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(d[i].name);
		free(d[i].code);
	}
	free(d);
}

int
store_result_depts(struct store *st, long long node_id, int fy,
    struct wf_dept **out, size_t *n, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_DEPTS, cause);
	struct wf_dept	*d;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, node_id);
	sqlite3_bind_int(s, 2, fy);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		d = &(*out)[(*n)++];
		d->id = sqlite3_column_int64(s, 0);
		d->name = store_col_dup(s, 1);
		d->is_main = sqlite3_column_int(s, 2);
		d->from_fy = sqlite3_column_int(s, 3);
		d->until_fy = sqlite3_column_int(s, 4);
		d->code = store_col_dup_null(s, 5);
	}
	if (store_read_end(st, s, rc, "担当課の読み込み", cause) != 0) {
		store_result_depts_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

int
store_year_is_open(struct store *st, int fy, int *open, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_YEAR_OPEN, cause);
	int		 rc;

	*open = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, fy);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*open = sqlite3_column_int(s, 0) != 0;
	return store_read_end(st, s, rc, "年度の受付状況", cause);
}

int
store_year_info(struct store *st, int fy, int *open, char **deadline,
    char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_YEAR_INFO, cause);
	int		 rc;

	*open = 0;
	if (deadline != NULL)
		*deadline = NULL;
	if (s == NULL)
		return -1;
	sqlite3_bind_int(s, 1, fy);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*open = sqlite3_column_int(s, 0) != 0;
		if (deadline != NULL)
			*deadline = store_col_dup(s, 1);
	}
	if (store_read_end(st, s, rc, "年度の受付状況", cause) != 0) {
		if (deadline != NULL) {
			free(*deadline);
			*deadline = NULL;
		}
		return -1;
	}
	if (deadline != NULL && *deadline == NULL)
		*deadline = xstrdup("");
	return 0;
}

int
store_year_latest_open(struct store *st, int *fy, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_YEAR_LATEST, cause);
	int		 rc;

	*fy = 0;
	if (s == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		*fy = store_col_int0(s, 0);
	return store_read_end(st, s, rc, "受付中の年度", cause);
}

/* ---- entries ---- */

static void
entry_clear(struct result_entry *e)
{
	size_t	i;

	free(e->node_code);
	free(e->node_title);
	store_result_depts_free(e->depts, e->ndepts);
	free(e->grade);
	free(e->text);
	free(e->comment);
	free(e->return_comment);
	free(e->dept_name);
	free(e->entered_by);
	free(e->entered_at);
	free(e->confirmed_by);
	free(e->confirmed_at);
	for (i = 0; i < e->nindicators; i++) {
		struct result_indicator *r = &e->indicators[i];

		free(r->key);
		free(r->name);
		free(r->unit);
		free(r->category);
		value_clear(&r->target);
		value_clear(&r->actual);
		free(r->note);
	}
	free(e->indicators);
	memset(e, 0, sizeof *e);
}

void
store_result_free(struct result_entry *e)
{
	if (e == NULL)
		return;
	entry_clear(e);
	free(e);
}

static int
load_node(struct store *st, struct result_entry *e, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_NODE, cause);
	int		 rc, depth = 0, max_depth = 0;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, e->node_id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		e->plan_id = sqlite3_column_int64(s, 0);
		e->node_code = store_col_dup(s, 1);
		e->node_title = store_col_dup(s, 2);
		depth = sqlite3_column_int(s, 3);
		max_depth = sqlite3_column_int(s, 4);
	}
	if (store_read_end(st, s, rc, "取組の読み込み", cause) != 0)
		return -1;
	if (rc != SQLITE_ROW) {
		*cause = xasprintf("取組（id %lld）がありません", e->node_id);
		return -1;
	}
	if (depth != max_depth) {
		*cause = xasprintf("「%s」は取組ではありません（実績は計画の最下層の"
		    "取組に入力します）", e->node_title);
		return -1;
	}
	return 0;
}

static int
load_result(struct store *st, struct result_entry *e, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_RESULT, cause);
	int		 rc, state;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, e->node_id);
	sqlite3_bind_int(s, 2, e->fy);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		e->id = sqlite3_column_int64(s, 0);
		e->ver = sqlite3_column_int(s, 1);
		state = workflow_state_parse(store_col_text(s, 2));
		e->state = state < 0 ? WF_DRAFT : (enum wf_state)state;
		e->status = vocab_key(VOCAB_STATUS, store_col_text(s, 3));
		if (sqlite3_column_type(s, 4) != SQLITE_NULL &&
		    store_col_text(s, 4)[0] != '\0')
			e->grade = store_col_dup(s, 4);
		e->text = store_col_dup(s, 5);
		e->comment = store_col_dup(s, 6);
		e->return_comment = store_col_dup(s, 7);
		e->dept_id = sqlite3_column_int64(s, 8);
		e->dept_name = store_col_dup(s, 9);
		e->entered_by = store_col_dup(s, 10);
		e->entered_at = store_col_dup(s, 11);
		e->confirmed_by = store_col_dup(s, 12);
		e->confirmed_at = store_col_dup(s, 13);
	} else {
		e->state = WF_NONE;
		e->text = xstrdup("");
		e->comment = xstrdup("");
		e->return_comment = xstrdup("");
		e->dept_name = xstrdup("");
		e->entered_by = xstrdup("");
		e->entered_at = xstrdup("");
		e->confirmed_by = xstrdup("");
		e->confirmed_at = xstrdup("");
	}
	return store_read_end(st, s, rc, "実績の読み込み", cause);
}

static int
load_indicators(struct store *st, struct result_entry *e, char **cause)
{
	sqlite3_stmt		*s = store_stmt(st, SQL_INDICATORS, cause);
	struct result_indicator	*r;
	int			 rc;

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, e->node_id);
	sqlite3_bind_int(s, 2, e->fy);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		e->indicators = xreallocarray(e->indicators, e->nindicators + 1,
		    sizeof *e->indicators);
		r = &e->indicators[e->nindicators++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(s, 0);
		r->key = store_col_dup(s, 1);
		r->name = store_col_dup(s, 2);
		r->unit = store_col_dup(s, 3);
		r->category = store_col_dup(s, 4);
		r->direction = vocab_key(VOCAB_DIRECTION, store_col_text(s, 5));
		r->cumulative = sqlite3_column_int(s, 6);
		store_col_value(s, 7, &r->target);
		store_col_value(s, 9, &r->actual);
		r->note = store_col_dup(s, 11);
		r->has_actual = sqlite3_column_int(s, 12);
	}
	return store_read_end(st, s, rc, "指標の読み込み", cause);
}

/* Reads the entry as it is now; runs inside the caller's transaction or
 * snapshot. */
static int
load_entry(struct store *st, long long node_id, int fy,
    struct result_entry **out, char **cause)
{
	struct result_entry	*e = xcalloc(1, sizeof *e);

	e->node_id = node_id;
	e->fy = fy;
	if (load_node(st, e, cause) != 0 ||
	    store_result_depts(st, node_id, fy, &e->depts, &e->ndepts,
	    cause) != 0 ||
	    store_year_is_open(st, fy, &e->year_open, cause) != 0 ||
	    load_result(st, e, cause) != 0 ||
	    load_indicators(st, e, cause) != 0) {
		store_result_free(e);
		return -1;
	}
	*out = e;
	return 0;
}

int
store_result_load(struct store *st, long long node_id, int fy,
    struct result_entry **out, char **cause)
{
	int	own = sqlite3_get_autocommit(st->db), rc;

	*out = NULL;
	if (fy < FY_MIN || fy > FY_MAX) {
		*cause = xasprintf("年度 %d は範囲外です", fy);
		return -1;
	}
	/* One read snapshot, so the result and its actuals agree. */
	if (own && sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		*cause = store_errmsg(st, "実績の読み込み");
		return -1;
	}
	rc = load_entry(st, node_id, fy, out, cause);
	if (own)
		store_rollback(st);	/* ends the read; nothing was written */
	return rc;
}

struct result_entry *
store_result_dup(const struct result_entry *e)
{
	struct result_entry	*c = xcalloc(1, sizeof *c);
	size_t			 i;

	*c = *e;
	c->node_code = dup_or_empty(e->node_code);
	c->node_title = dup_or_empty(e->node_title);
	c->depts = e->ndepts ? xreallocarray(NULL, e->ndepts, sizeof *c->depts) : NULL;
	for (i = 0; i < e->ndepts; i++) {
		c->depts[i] = e->depts[i];
		c->depts[i].name = dup_or_empty(e->depts[i].name);
		c->depts[i].code = e->depts[i].code != NULL ?
		    xstrdup(e->depts[i].code) : NULL;
	}
	c->grade = e->grade != NULL ? xstrdup(e->grade) : NULL;
	c->text = dup_or_empty(e->text);
	c->comment = dup_or_empty(e->comment);
	c->return_comment = dup_or_empty(e->return_comment);
	c->dept_name = dup_or_empty(e->dept_name);
	c->entered_by = dup_or_empty(e->entered_by);
	c->entered_at = dup_or_empty(e->entered_at);
	c->confirmed_by = dup_or_empty(e->confirmed_by);
	c->confirmed_at = dup_or_empty(e->confirmed_at);
	c->indicators = e->nindicators ?
	    xreallocarray(NULL, e->nindicators, sizeof *c->indicators) : NULL;
	for (i = 0; i < e->nindicators; i++) {
		const struct result_indicator	*r = &e->indicators[i];
		struct result_indicator		*d = &c->indicators[i];

		*d = *r;
		d->key = dup_or_empty(r->key);
		d->name = dup_or_empty(r->name);
		d->unit = dup_or_empty(r->unit);
		d->category = dup_or_empty(r->category);
		value_copy(&d->target, &r->target);
		value_copy(&d->actual, &r->actual);
		d->note = dup_or_empty(r->note);
	}
	return c;
}

int
store_result_changed(const struct result_entry *a, const struct result_entry *b)
{
	size_t	i;

	if (!same_str(a->status, b->status) || !same_str(a->grade, b->grade) ||
	    !same_str(a->text, b->text) || !same_str(a->comment, b->comment) ||
	    a->nindicators != b->nindicators)
		return 1;
	for (i = 0; i < a->nindicators; i++)
		if (a->indicators[i].id != b->indicators[i].id ||
		    !value_equal(&a->indicators[i].actual, &b->indicators[i].actual) ||
		    !same_str(a->indicators[i].note, b->indicators[i].note))
			return 1;
	return 0;
}

void
store_result_wf(const struct result_entry *e, enum fy_style style,
    struct wf_item *it)
{
	memset(it, 0, sizeof *it);
	it->fy = e->fy;
	it->year_open = e->year_open;
	it->state = e->state;
	it->depts = e->depts;
	it->ndepts = e->ndepts;
	it->style = style;
}

/* ---- checking what is to be written ---- */

static int
check_entry(const struct result_entry *e, char **cause)
{
	size_t	i;

	if (e->status != NULL && e->status[0] != '\0' &&
	    vocab_key(VOCAB_STATUS, e->status) == NULL) {
		*cause = xasprintf("状況「%s」は %s のいずれかです", e->status,
		    vocab_choices(VOCAB_STATUS));
		return -1;
	}
	if (value_check_text(e->grade, "評価", RESULT_GRADE_MAX, cause) != 0 ||
	    value_check_text(e->text, "取組実績", RESULT_TEXT_MAX, cause) != 0 ||
	    value_check_text(e->comment, "課題・今後の方向性", RESULT_TEXT_MAX, cause) != 0)
		return -1;
	for (i = 0; i < e->nindicators; i++) {
		const struct result_indicator *r = &e->indicators[i];

		if (value_check_text(r->note, "実績の備考", VALUE_TEXT_MAX, cause) != 0)
			return -1;
		if (r->actual.kind == VALUE_NUMBER && !isfinite(r->actual.num)) {
			*cause = xasprintf("「%s」の実績値が数値ではありません", r->name);
			return -1;
		}
	}
	return 0;
}

static const struct result_indicator *
find_indicator(const struct result_entry *e, long long id)
{
	size_t	i;

	for (i = 0; i < e->nindicators; i++)
		if (e->indicators[i].id == id)
			return &e->indicators[i];
	return NULL;
}

/* Moves the contents of from into e (which is cleared first). */
static void
entry_replace(struct result_entry *e, struct result_entry *from)
{
	entry_clear(e);
	*e = *from;
	free(from);
}

static char *
conflict_message(const struct result_entry *now)
{
	if (now->ver == 0)
		return xstrdup("この実績は開いた後に削除されました。表示中の内容を"
		    "確かめてから、もう一度保存してください");
	return xasprintf("この実績は開いた後に他の人が更新しました（%s %s）。"
	    "最新の内容と比べてから、もう一度保存してください",
	    now->entered_by[0] ? now->entered_by : "不明", now->entered_at);
}

/* Begins a write and reads the entry as it is now; checks the version
 * (STORE_CONFLICT, with the entry as it is now in *current) and the
 * user's role against the workflow (STORE_DENIED). On 0, *old and *answer
 * are set and the transaction is open; otherwise it is rolled back. */
static int
begin_checked(struct store *st, long long node_id, int fy, const char *login,
    int expected_ver, enum wf_action action, const char *comment,
    struct result_entry **old, enum wf_answer *answer,
    struct result_entry **current, char **cause)
{
	struct session	 s;
	struct wf_item	 it;
	int		 rc;

	*old = NULL;
	if (current != NULL)
		*current = NULL;
	if (fy < FY_MIN || fy > FY_MAX) {
		*cause = xasprintf("年度 %d は範囲外です", fy);
		return -1;
	}
	if ((rc = store_begin(st, cause)) != 0)
		return rc;
	if (load_entry(st, node_id, fy, old, cause) != 0)
		goto fail;
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
	/* Messages name the year the default way; the form can ask the
	 * workflow itself for its configured style before saving. */
	store_result_wf(*old, FY_STYLE_ERA, &it);
	*answer = workflow_may(&s, &it, action, comment, cause);
	session_clear(&s);
	if (*answer == WF_DENY) {
		rc = STORE_DENIED;
		goto out;
	}
	return 0;
fail:
	rc = -1;
out:
	store_rollback(st);
	store_result_free(*old);
	*old = NULL;
	if (rc == STORE_DENIED) {
		char	*what = xasprintf("実績の%s: %s",
			    workflow_action_label(action), *cause);

		store_refused(st, login, node_id, 0, fy, what);
		free(what);
	}
	return rc;
}

/* Reads back what was written and commits; on 0 *fresh is the entry as
 * written. */
static int
commit_fresh(struct store *st, long long node_id, int fy,
    struct result_entry **fresh, char **cause)
{
	int	rc;

	*fresh = NULL;
	if (load_entry(st, node_id, fy, fresh, cause) != 0) {
		store_rollback(st);
		return -1;
	}
	if ((rc = store_commit(st, cause)) != 0) {
		store_result_free(*fresh);
		*fresh = NULL;
	}
	return rc;
}

/* ---- saving ---- */

static const char *
status_label(const char *key)
{
	return key != NULL ? vocab_label(VOCAB_STATUS, key) : NULL;
}

/* Writes the actuals that changed with their history rows; *changed
 * counts them. */
static int
save_actuals(struct store *st, const struct result_entry *e,
    const struct result_entry *old, const char *login, const char *at,
    int *changed, char **cause)
{
	const struct result_indicator	*r, *o;
	struct value			 v;
	sqlite3_stmt			*s;
	char				*ov, *nv, *why = NULL;
	size_t				 i;
	int				 rc, value_changed, note_changed;

	for (i = 0; i < e->nindicators; i++) {
		r = &e->indicators[i];
		if ((o = find_indicator(old, r->id)) == NULL) {
			*cause = xasprintf("指標「%s」はこの取組から外されています。"
			    "開き直してください", r->name);
			return -1;
		}
		if (value_canonical(&r->actual, o->unit, &v, &why) != 0) {
			*cause = xasprintf("「%s」の実績値: %s", o->name, why);
			free(why);
			return -1;
		}
		value_changed = !value_equal(&v, &o->actual);
		note_changed = !same_str(r->note, o->note);
		if (!value_changed && !note_changed) {
			value_clear(&v);
			continue;
		}
		(*changed)++;
		if (v.kind == VALUE_NONE && (r->note == NULL || r->note[0] == '\0')) {
			s = store_stmt(st, SQL_ACTUAL_DELETE, cause);
			if (s != NULL) {
				sqlite3_bind_int64(s, 1, r->id);
				sqlite3_bind_int(s, 2, e->fy);
			}
		} else if ((s = store_stmt(st, SQL_ACTUAL_PUT, cause)) != NULL) {
			sqlite3_bind_int64(s, 1, r->id);
			sqlite3_bind_int(s, 2, e->fy);
			store_bind_value(s, 3, &v);
			store_bind_text(s, 5, r->note != NULL ? r->note : "");
		}
		rc = s != NULL ? store_step_write(st, s, "実績値の保存", cause) : -1;
		if (rc == 0 && value_changed) {
			ov = value_format(&o->actual, o->unit, 1);
			nv = value_format(&v, o->unit, 1);
			rc = store_history_add(st, at, login, e->node_id, r->id, e->fy,
			    "actual", ov, nv, cause);
			free(ov);
			free(nv);
		}
		if (rc == 0 && note_changed)
			rc = store_history_add(st, at, login, e->node_id, r->id, e->fy,
			    "actual_note", o->note, r->note, cause);
		value_clear(&v);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* Writes the result row's fields that changed, with history rows; *wrote
 * is 0 when there was nothing to write. */
static int
save_row(struct store *st, const struct result_entry *e,
    const struct result_entry *old, const char *login, const char *at,
    int expected_ver, int actuals_changed, int *wrote, int *conflict,
    char **cause)
{
	const char	*status = e->status != NULL && e->status[0] != '\0' ?
			    vocab_key(VOCAB_STATUS, e->status) : NULL;
	const char	*grade = or_null(e->grade);
	struct wf_item	 it;
	sqlite3_stmt	*s;
	int		 fields = 0, rc;

	*conflict = 0;
	*wrote = 0;
	fields += !same_str(status, old->status);
	fields += !same_str(grade, old->grade);
	fields += !same_str(e->text, old->text);
	fields += !same_str(e->comment, old->comment);
	if (expected_ver != 0 && fields == 0 && actuals_changed == 0)
		return 0;	/* nothing to write */
	store_result_wf(old, FY_STYLE_ERA, &it);
	s = store_stmt(st, expected_ver == 0 ? SQL_INSERT : SQL_UPDATE, cause);
	if (s == NULL)
		return -1;
	if (expected_ver == 0) {
		sqlite3_bind_int64(s, 1, e->node_id);
		sqlite3_bind_int(s, 2, e->fy);
	} else {
		sqlite3_bind_int64(s, 1, old->id);
		sqlite3_bind_int(s, 2, expected_ver);
	}
	store_bind_text(s, 3, status);
	store_bind_text(s, 4, grade);
	store_bind_text(s, 5, e->text != NULL ? e->text : "");
	store_bind_text(s, 6, e->comment != NULL ? e->comment : "");
	store_bind_opt_int(s, 7, workflow_main_dept(&it));
	store_bind_text(s, 8, login);
	store_bind_text(s, 9, at);
	if ((rc = store_step_write(st, s, "実績の保存", cause)) != 0)
		return rc;
	if (sqlite3_changes(st->db) == 0) {
		*conflict = 1;
		return 0;
	}
	*wrote = 1;
	rc = 0;
	if (expected_ver == 0)
		rc = store_history_add(st, at, login, e->node_id, 0, e->fy, "state",
		    NULL, workflow_state_label(WF_DRAFT), cause);
	if (rc == 0 && !same_str(status, old->status))
		rc = store_history_add(st, at, login, e->node_id, 0, e->fy, "status",
		    status_label(old->status), status_label(status), cause);
	if (rc == 0 && !same_str(grade, old->grade))
		rc = store_history_add(st, at, login, e->node_id, 0, e->fy, "grade",
		    old->grade, grade, cause);
	if (rc == 0 && !same_str(e->text, old->text))
		rc = store_history_add(st, at, login, e->node_id, 0, e->fy, "text",
		    old->text, e->text, cause);
	if (rc == 0 && !same_str(e->comment, old->comment))
		rc = store_history_add(st, at, login, e->node_id, 0, e->fy, "comment",
		    old->comment, e->comment, cause);
	return rc;
}

int
store_result_save(struct store *st, struct result_entry *e, const char *login,
    int expected_ver, struct result_entry **current, char **cause)
{
	struct result_entry	*old, *fresh;
	enum wf_answer		 answer;
	char			 at[20];
	int			 rc, actuals = 0, wrote = 0, conflict = 0;

	if (check_entry(e, cause) != 0)
		return -1;
	if ((rc = begin_checked(st, e->node_id, e->fy, login, expected_ver,
	    WF_EDIT, NULL, &old, &answer, current, cause)) != 0)
		return rc;
	now_iso(at);
	/* Actuals first: whether any changed decides whether the row is
	 * written, and the row's version guards them as well. */
	rc = save_actuals(st, e, old, login, at, &actuals, cause);
	if (rc == 0)
		rc = save_row(st, e, old, login, at, expected_ver, actuals,
		    &wrote, &conflict, cause);
	if (rc == 0 && conflict) {
		/* Cannot happen under the write lock after the check above,
		 * but the version is the rule: report it as such. */
		store_result_free(old);
		old = NULL;
		if (load_entry(st, e->node_id, e->fy, &old, cause) == 0) {
			*cause = conflict_message(old);
			if (current != NULL) {
				*current = old;
				old = NULL;
			}
			rc = STORE_CONFLICT;
		} else
			rc = -1;
	}
	if (rc == 0 && wrote && answer == WF_ALLOW_LATE)
		rc = store_history_add(st, at, login, e->node_id, 0, e->fy,
		    "late_entry", NULL, "締切後の保存", cause);
	store_result_free(old);
	if (rc != 0) {
		store_rollback(st);
		return rc;
	}
	if ((rc = commit_fresh(st, e->node_id, e->fy, &fresh, cause)) != 0)
		return rc;
	entry_replace(e, fresh);
	return 0;
}

/* ---- workflow transitions ---- */

static int
transition(struct store *st, struct result_entry *e, const char *login,
    int expected_ver, enum wf_action action, const char *comment,
    struct result_entry **current, char **cause)
{
	static const char *const late_what[WF_ACTION_COUNT] = {
		"締切後の保存", "締切後の提出", "締切後の確認", "締切後の差戻し",
		"締切後に下書きに戻す"
	};
	struct result_entry	*old, *fresh;
	enum wf_answer		 answer;
	enum wf_state		 to;
	sqlite3_stmt		*s;
	char			 at[20];
	int			 rc;

	if (action == WF_RETURN &&
	    value_check_text(comment, "差戻しコメント", RESULT_TEXT_MAX, cause) != 0)
		return -1;
	if ((rc = begin_checked(st, e->node_id, e->fy, login, expected_ver,
	    action, comment, &old, &answer, current, cause)) != 0)
		return rc;
	now_iso(at);
	to = workflow_next_state(old->state, action);
	if ((s = store_stmt(st, SQL_STATE, cause)) == NULL) {
		rc = -1;
		goto out;
	}
	sqlite3_bind_int64(s, 1, old->id);
	sqlite3_bind_int(s, 2, expected_ver);
	store_bind_text(s, 3, workflow_state_key(to));
	store_bind_text(s, 4, action == WF_RETURN ? comment : NULL);
	store_bind_text(s, 5, action == WF_CONFIRM ? login : "");
	store_bind_text(s, 6, action == WF_CONFIRM ? at : "");
	store_bind_text(s, 7, at);
	if ((rc = store_step_write(st, s, "状態の変更", cause)) != 0)
		goto out;
	if (sqlite3_changes(st->db) == 0) {
		*cause = xstrdup("この実績は他の人が更新しました。開き直してください");
		rc = STORE_CONFLICT;
		goto out;
	}
	rc = store_history_add(st, at, login, e->node_id, 0, e->fy, "state",
	    workflow_state_label(old->state), workflow_state_label(to), cause);
	if (rc == 0 && action == WF_RETURN && !same_str(comment, old->return_comment))
		rc = store_history_add(st, at, login, e->node_id, 0, e->fy,
		    "return_comment", old->return_comment, comment, cause);
	if (rc == 0 && answer == WF_ALLOW_LATE)
		rc = store_history_add(st, at, login, e->node_id, 0, e->fy,
		    "late_entry", NULL, late_what[action], cause);
out:
	store_result_free(old);
	if (rc != 0) {
		store_rollback(st);
		return rc;
	}
	if ((rc = commit_fresh(st, e->node_id, e->fy, &fresh, cause)) != 0)
		return rc;
	/* Only the workflow's fields: unsaved edits in e stay. */
	e->id = fresh->id;
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
	store_result_free(fresh);
	return 0;
}

int
store_result_submit(struct store *st, struct result_entry *e,
    const char *login, int expected_ver, struct result_entry **current,
    char **cause)
{
	return transition(st, e, login, expected_ver, WF_SUBMIT, NULL, current,
	    cause);
}

int
store_result_confirm(struct store *st, struct result_entry *e,
    const char *login, int expected_ver, struct result_entry **current,
    char **cause)
{
	return transition(st, e, login, expected_ver, WF_CONFIRM, NULL, current,
	    cause);
}

int
store_result_return(struct store *st, struct result_entry *e,
    const char *login, int expected_ver, const char *comment,
    struct result_entry **current, char **cause)
{
	return transition(st, e, login, expected_ver, WF_RETURN,
	    comment != NULL ? comment : "", current, cause);
}

int
store_result_reopen(struct store *st, struct result_entry *e,
    const char *login, int expected_ver, struct result_entry **current,
    char **cause)
{
	return transition(st, e, login, expected_ver, WF_REOPEN, NULL, current,
	    cause);
}

/* ---- history ---- */

void
store_history_free(struct history_row *rows, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(rows[i].at);
		free(rows[i].login);
		free(rows[i].indicator_name);
		free(rows[i].field);
		free(rows[i].old_value);
		free(rows[i].new_value);
		free(rows[i].about);
	}
	free(rows);
}

static int
history_list(struct store *st, const char *sql, long long id, int fy,
    size_t limit, long long before_id, struct history_row **rows, size_t *n,
    char **cause)
{
	sqlite3_stmt		*s = store_stmt(st, sql, cause);
	struct history_row	*h;
	int			 rc;

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int(s, 2, fy);
	sqlite3_bind_int64(s, 3, limit == 0 ? -1 : (long long)limit);
	/* (Older than the newest possible id: from the newest.) */
	sqlite3_bind_int64(s, 4, before_id > 0 ? before_id : INT64_MAX);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		h = &(*rows)[(*n)++];
		h->id = sqlite3_column_int64(s, 0);
		h->at = store_col_dup(s, 1);
		h->login = store_col_dup(s, 2);
		h->node_id = sqlite3_column_int64(s, 3);
		h->indicator_id = sqlite3_column_int64(s, 4);
		h->indicator_name = store_col_dup(s, 5);
		h->fy = sqlite3_column_int(s, 6);
		h->field = store_col_dup(s, 7);
		h->old_value = store_col_dup_null(s, 8);
		h->new_value = store_col_dup_null(s, 9);
		h->about = store_col_dup(s, 10);
	}
	if (store_read_end(st, s, rc, "履歴の読み込み", cause) != 0) {
		store_history_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

int
store_history_node(struct store *st, long long node_id, int fy, size_t limit,
    long long before_id, struct history_row **rows, size_t *n, char **cause)
{
	return history_list(st, SQL_HISTORY_NODE, node_id, fy, limit, before_id,
	    rows, n, cause);
}

int
store_history_refused(struct store *st, int fy, size_t limit,
    long long before_id, struct history_row **rows, size_t *n, char **cause)
{
	return history_list(st, SQL_HISTORY_REFUSED, 0, fy, limit, before_id,
	    rows, n, cause);
}

int
store_history_indicator(struct store *st, long long indicator_id, int fy,
    size_t limit, long long before_id, struct history_row **rows, size_t *n,
    char **cause)
{
	return history_list(st, SQL_HISTORY_INDICATOR, indicator_id, fy, limit,
	    before_id, rows, n, cause);
}

/* ---- fiscal years ---- */

static const char *
year_label(int state)
{
	return state < 0 ? NULL : state ? "受付中" : "締切";
}

int
store_year_set_open(struct store *st, int fy, int open, const char *login,
    int *changed, char **cause)
{
	struct session	 s;
	sqlite3_stmt	*q;
	char		 at[20];
	int		 rc, was = -1;	/* -1: no row (closed) */

	if (changed != NULL)
		*changed = 0;
	if (fy < FY_MIN || fy > FY_MAX) {
		*cause = xasprintf("年度 %d は範囲外です", fy);
		return -1;
	}
	if ((rc = store_begin(st, cause)) != 0)
		return rc;
	if (store_user_login_session(st, login, &s, cause) != 0)
		goto fail;
	rc = workflow_may_manage_years(&s, cause) == WF_DENY ? STORE_DENIED : 0;
	session_clear(&s);
	if (rc != 0)
		goto out;
	if ((q = store_stmt(st, SQL_YEAR_OPEN, cause)) == NULL)
		goto fail;
	sqlite3_bind_int(q, 1, fy);
	if ((rc = sqlite3_step(q)) == SQLITE_ROW)
		was = sqlite3_column_int(q, 0) != 0;
	if (store_read_end(st, q, rc, "年度の受付状況", cause) != 0)
		goto fail;
	if ((was == 1) == (open != 0)) {
		store_rollback(st);	/* already so: nothing to write */
		return 0;
	}
	now_iso(at);
	if ((q = store_stmt(st, SQL_YEAR_PUT, cause)) == NULL)
		goto fail;
	sqlite3_bind_int(q, 1, fy);
	sqlite3_bind_int(q, 2, open != 0);
	store_bind_text(q, 3, login);
	store_bind_text(q, 4, at);
	if ((rc = store_step_write(st, q, "年度の受付状況の変更", cause)) != 0 ||
	    (rc = store_history_add(st, at, login, 0, 0, fy, "fiscal_year",
	    year_label(was), year_label(open != 0), cause)) != 0)
		goto out;
	/* A year opened is one the indicator list sorts by achievement:
	 * its rates are kept from now on (db/migrate-12.sql); and one whose
	 * plans list's figures are kept in full and counted again by a
	 * write, as an import keeps them (db/migrate-14.sql). */
	if (open && (store_indfig_keep(st, 0, fy, cause) != 0 ||
	    browse_figures_keep(st, fy, cause) != 0))
		goto fail;
	if ((rc = store_commit(st, cause)) != 0)
		return rc;
	if (changed != NULL)
		*changed = 1;
	return 0;
fail:
	rc = -1;
out:
	store_rollback(st);
	if (rc == STORE_DENIED) {
		char	*what = xasprintf("年度の%s: %s", open ? "受付" : "締切",
			    *cause);

		store_refused(st, login, 0, 0, fy, what);
		free(what);
	}
	return rc;
}

int
store_year_set_deadline(struct store *st, int fy, const char *deadline,
    const char *login, int *changed, char **cause)
{
	struct session	 s;
	sqlite3_stmt	*q;
	char		 at[20], *was = NULL;
	int		 rc, open;

	if (changed != NULL)
		*changed = 0;
	if (deadline == NULL)
		deadline = "";
	if (fy < FY_MIN || fy > FY_MAX) {
		*cause = xasprintf("年度 %d は範囲外です", fy);
		return -1;
	}
	if ((rc = store_begin(st, cause)) != 0)
		return rc;
	if (store_user_login_session(st, login, &s, cause) != 0)
		goto fail;
	rc = workflow_may_manage_years(&s, cause) == WF_DENY ? STORE_DENIED : 0;
	session_clear(&s);
	if (rc != 0)
		goto out;
	if (store_year_info(st, fy, &open, &was, cause) != 0)
		goto fail;
	if (strcmp(was, deadline) == 0) {
		free(was);
		store_rollback(st);	/* already so: nothing to write */
		return 0;
	}
	now_iso(at);
	if ((q = store_stmt(st, SQL_YEAR_DEADLINE, cause)) == NULL)
		goto fail;
	sqlite3_bind_int(q, 1, fy);
	store_bind_text(q, 2, login);
	store_bind_text(q, 3, at);
	sqlite3_bind_text(q, 4, deadline, -1, SQLITE_TRANSIENT);
	if ((rc = store_step_write(st, q, "入力期限の変更", cause)) != 0 ||
	    (rc = store_history_add(st, at, login, 0, 0, fy, "deadline",
	    was, deadline, cause)) != 0)
		goto out;
	free(was);
	was = NULL;
	if ((rc = store_commit(st, cause)) != 0)
		return rc;
	if (changed != NULL)
		*changed = 1;
	return 0;
fail:
	rc = -1;
out:
	free(was);
	store_rollback(st);
	if (rc == STORE_DENIED) {
		char	*what = xasprintf("入力期限の変更: %s", *cause);

		store_refused(st, login, 0, 0, fy, what);
		free(what);
	}
	return rc;
}

int
store_year_list(struct store *st, struct year_row **rows, size_t *n,
    char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_YEAR_LIST, cause);
	struct year_row	*y;
	int		 rc;

	*rows = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*rows = xreallocarray(*rows, *n + 1, sizeof **rows);
		y = &(*rows)[(*n)++];
		y->fy = sqlite3_column_int(s, 0);
		y->is_open = sqlite3_column_int(s, 1);
		y->changed_by = store_col_dup(s, 2);
		y->changed_at = store_col_dup(s, 3);
		y->deadline = store_col_dup(s, 4);
	}
	if (store_read_end(st, s, rc, "年度の一覧", cause) != 0) {
		store_year_list_free(*rows, *n);
		*rows = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void
store_year_list_free(struct year_row *rows, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(rows[i].changed_by);
		free(rows[i].changed_at);
		free(rows[i].deadline);
	}
	free(rows);
}
