/*
 * A planner's edits of a plan in the store (see store-edit.h): what node
 * edits (store-edit-node.c, with yearly plans and cost trends in
 * store-edit-years.c) and indicator edits (store-edit-indicator.c) share,
 * and the plan's levels. Here are the records' init and free, the
 * checks of typed text, years and keys, the choice of a free key, the
 * version check of a save, the read snapshot a load reads in, and the
 * planner's write transaction with the end of a deletion: every write is
 * one BEGIN IMMEDIATE transaction that first asks the workflow whether
 * the user (re-read by login) may change the plan's structure, and any
 * failure rolls all of it back and leaves the caller's record as it was.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/fy.h"
#include "shisaku/store-edit.h"
#include "shisaku/store-edit-internal.h"
#include "shisaku/store-result.h"
#include "shisaku/store-user.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/workflow.h"

/* The longest text and key accepted: what a plan file accepts, so that
 * what is saved here is exported and imported again. */
#define EDIT_KEY_MAX	200

static const char SQL_PLAN[] = "SELECT 1 FROM plan WHERE id = ?1";
static const char SQL_PERIOD[] =
    "SELECT CASE WHEN n.first_fy IS NULL OR n.last_fy IS NULL"
    "  THEN p.first_fy ELSE n.first_fy END,"
    " CASE WHEN n.first_fy IS NULL OR n.last_fy IS NULL"
    "  THEN p.last_fy ELSE n.last_fy END"
    " FROM plan p LEFT JOIN node n ON n.id = ?2 AND n.plan_id = p.id"
    " WHERE p.id = ?1";
static const char SQL_LEVELS[] =
    "SELECT depth, name FROM plan_level WHERE plan_id = ?1 ORDER BY depth";

/* ---- records ---- */

void
edit_node_init(struct edit_node *n)
{
	memset(n, 0, sizeof *n);
	n->key = xstrdup("");
	n->code = xstrdup("");
	n->title = xstrdup("");
	n->label = xstrdup("");
	n->summary = xstrdup("");
	n->means = xstrdup("");
	n->note = xstrdup("");
	n->depts = xstrdup("");
	n->flags = xstrdup("");
	n->yearplans = xstrdup("");
	n->costs = xstrdup("");
}

void
edit_node_free(struct edit_node *n)
{
	if (n == NULL)
		return;
	free(n->key);
	free(n->code);
	free(n->title);
	free(n->label);
	free(n->summary);
	free(n->means);
	free(n->note);
	free(n->depts);
	free(n->flags);
	free(n->yearplans);
	free(n->costs);
	memset(n, 0, sizeof *n);
}

void
edit_indicator_init(struct edit_indicator *ind)
{
	memset(ind, 0, sizeof *ind);
	ind->key = xstrdup("");
	ind->name = xstrdup("");
	ind->category = xstrdup("");
	ind->unit = xstrdup("");
	ind->base.kind = VALUE_NONE;
	ind->final.kind = VALUE_NONE;
	ind->rationale = xstrdup("");
	ind->note = xstrdup("");
	ind->dept = xstrdup("");
}

void
store_edit_targets_free(struct edit_target *t, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		value_clear(&t[i].value);
	free(t);
}

void
edit_indicator_free(struct edit_indicator *ind)
{
	if (ind == NULL)
		return;
	free(ind->key);
	free(ind->name);
	free(ind->category);
	free(ind->unit);
	value_clear(&ind->base);
	value_clear(&ind->final);
	free(ind->rationale);
	free(ind->note);
	free(ind->dept);
	store_edit_targets_free(ind->targets, ind->ntargets);
	memset(ind, 0, sizeof *ind);
}

/* ---- checks, keys, reads and writes ---- */

int
store_edit_same_str(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

void
store_edit_blame(const char **field, const char *name)
{
	if (field != NULL)
		*field = name;
}

int
store_edit_check_text(const char *text, const char *what, char **cause)
{
	return value_check_text(text, what, EDIT_TEXT_MAX, cause);
}

int
store_edit_check_texts(const struct store_edit_text *t, size_t n,
    const char **field, char **cause)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (store_edit_check_text(t[i].text, t[i].what, cause) != 0) {
			store_edit_blame(field, t[i].field);
			return -1;
		}
	return 0;
}

int
store_edit_check_fy(int fy, const char *what, char **cause)
{
	if (fy != 0 && (fy < FY_MIN || fy > FY_MAX)) {
		*cause = xasprintf("%sの年度 %d は範囲外です（%d〜%d）", what, fy,
		    FY_MIN, FY_MAX);
		return -1;
	}
	return 0;
}

/* Can s (trimmed) be written as a key in a plan file? */
static int
key_writable(const char *s)
{
	return s[0] != '\0' && strpbrk(s, "\r\n") == NULL &&
	    strlen(s) <= EDIT_KEY_MAX;
}

int
store_edit_check_key(const char *key, int existing, char **cause)
{
	if (store_edit_check_text(key, "キー", cause) != 0)
		return -1;
	if (key[0] == '\0') {
		if (!existing)
			return 0;	/* made up on save */
		*cause = xstrdup("キーを入力してください（計画ファイルの中で"
		    "この項目を指す名前です）");
		return -1;
	}
	if (!key_writable(key)) {
		*cause = xasprintf("キーは %d バイトまでの一行で書いてください",
		    EDIT_KEY_MAX);
		return -1;
	}
	return 0;
}

/* Is key free among the plan's records (other than self)? *who (when not
 * NULL) names the record that has it. */
static int
key_free(struct store *st, const char *sql, long long plan, const char *key,
    long long self, int *is_free, char **who, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, sql, cause);
	int		 rc;

	*is_free = 1;
	if (who != NULL)
		*who = NULL;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan);
	store_bind_text(s, 2, key);
	sqlite3_bind_int64(s, 3, self);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*is_free = 0;
		if (who != NULL)
			*who = store_col_dup(s, 0);
	}
	return store_read_end(st, s, rc, "キーの確認", cause);
}

int
store_edit_choose_key(struct store *st, const char *sql, long long plan,
    long long self, const char *typed, const char *proposal,
    const char *prefix, char **key, int *taken, char **cause)
{
	char	*who = NULL, *cand, *p;
	int	 is_free, i;

	*key = NULL;
	*taken = 0;
	if (typed[0] != '\0') {
		if (key_free(st, sql, plan, typed, self, &is_free, &who,
		    cause) != 0)
			return -1;
		if (!is_free) {
			*cause = xasprintf("キー「%s」は既に「%s」で使われています"
			    "（キーは計画の中で重ならないようにします）", typed, who);
			free(who);
			*taken = 1;
			return -1;
		}
		*key = xstrdup(typed);
		return 0;
	}
	if (proposal != NULL) {
		p = value_trim(proposal);
		if (key_writable(p)) {
			if (key_free(st, sql, plan, p, self, &is_free, NULL,
			    cause) != 0) {
				free(p);
				return -1;
			}
			if (is_free) {
				*key = p;
				return 0;
			}
		}
		free(p);
	}
	for (i = 1;; i++) {
		cand = xasprintf("%s%d", prefix, i);
		if (key_free(st, sql, plan, cand, self, &is_free, NULL,
		    cause) != 0) {
			free(cand);
			return -1;
		}
		if (is_free) {
			*key = cand;
			return 0;
		}
		free(cand);
	}
}

int
store_edit_write_ids(struct store *st, const char *sql, long long a,
    long long b, const char *what, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, sql, cause);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, a);
	if (sqlite3_bind_parameter_count(s) > 1)
		sqlite3_bind_int64(s, 2, b);
	return store_step_write(st, s, what, cause);
}

int
store_edit_conflict(const char *what, char **cause)
{
	*cause = xasprintf("この%sは開いた後に他の人が変更しました。入力した内容は"
	    "そのままです。開き直すと他の人の変更を確かめられます", what);
	return STORE_CONFLICT;
}

int
store_edit_check_ver(int stored, int loaded, const char *what, char **cause)
{
	return stored == loaded ? 0 : store_edit_conflict(what, cause);
}

int
store_edit_read_begin(struct store *st, int *own, char **cause)
{
	*own = sqlite3_get_autocommit(st->db);
	if (*own && sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		*cause = store_errmsg(st, "読み込み");
		return -1;
	}
	return 0;
}

void
store_edit_read_end(struct store *st, int own)
{
	if (own)
		store_rollback(st);	/* ends the read; nothing was written */
}

int
store_edit_begin_planner(struct store *st, const char *login, char **cause)
{
	struct session	s;
	int		rc;

	if ((rc = store_begin(st, cause)) != 0)
		return rc;
	memset(&s, 0, sizeof s);
	s.login = xstrdup(login != NULL ? login : "");
	if (store_user_session(st, &s, cause) != 0)
		rc = -1;
	else if (workflow_may_edit_structure(&s, cause) == WF_DENY)
		rc = STORE_DENIED;
	session_clear(&s);
	if (rc != 0)
		store_rollback(st);
	if (rc == STORE_DENIED) {
		char	*what = xasprintf("計画の変更: %s", *cause);

		store_refused(st, login, 0, 0, 0, what);
		free(what);
	}
	return rc;
}

int
store_edit_delete_end(struct store *st, const char *login, const char *sql,
    long long id, const char *step, long long node, const char *field,
    const char *what, char **cause)
{
	char	at[20];
	int	rc;

	now_iso(at);
	if ((rc = store_edit_write_ids(st, sql, id, 0, step, cause)) != 0 ||
	    (rc = store_history_add(st, at, login, node, 0, 0, field, what,
	    NULL, cause)) != 0) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, cause);
}

int
store_edit_plan_exists(struct store *st, long long plan, char **cause)
{
	long long	one;
	int		found;

	if (store_read_int(st, SQL_PLAN, plan, 0, &one, &found,
	    cause) != 0)
		return -1;
	if (!found) {
		*cause = xasprintf("計画（id %lld）がありません", plan);
		return -1;
	}
	return 0;
}

/* ---- levels ---- */

int
store_edit_read_levels(struct store *st, long long plan, char ***names,
    int *n, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_LEVELS, cause);
	int		 rc, depth;

	*names = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		depth = sqlite3_column_int(s, 0);
		if (depth < 1 || depth > 4 || depth != *n + 1)
			continue;	/* store_check reports gaps */
		*names = xreallocarray(*names, (size_t)*n + 1, sizeof **names);
		(*names)[(*n)++] = store_col_dup(s, 1);
	}
	if (store_read_end(st, s, rc, "階層の読み込み", cause) != 0) {
		store_edit_levels_free(*names, *n);
		*names = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

int
store_edit_levels(struct store *st, long long plan_id, char ***names,
    int *nlevels, char **cause)
{
	int	own, rc = -1;

	*names = NULL;
	*nlevels = 0;
	if (store_edit_read_begin(st, &own, cause) != 0)
		return -1;
	if (store_edit_plan_exists(st, plan_id, cause) == 0)
		rc = store_edit_read_levels(st, plan_id, names, nlevels, cause);
	store_edit_read_end(st, own);
	return rc;
}

void
store_edit_levels_free(char **names, int nlevels)
{
	int	i;

	for (i = 0; i < nlevels; i++)
		free(names[i]);
	free(names);
}

int
store_edit_period(struct store *st, long long plan_id, long long node_id,
    int *first_fy, int *last_fy, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_PERIOD, cause);
	int		 rc;

	*first_fy = *last_fy = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int64(s, 2, node_id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*first_fy = store_col_int0(s, 0);
		*last_fy = store_col_int0(s, 1);
	}
	return store_read_end(st, s, rc, "期間の読み込み", cause);
}
