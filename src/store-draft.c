/*
 * Drafts in the store (see store-draft.h). A draft is written in its own
 * short BEGIN IMMEDIATE transaction: the old one of the same user, form
 * and year deleted, the new one and its fields inserted.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/store-draft.h"
#include "shisaku/store-internal.h"
#include "shisaku/util.h"

static const char SQL_DELETE[] =
    "DELETE FROM draft WHERE login = ?1 AND kind = ?2 AND fy = ?4"
    " AND coalesce(node_id, indicator_id, plan_id) = ?3";
/* ?3 goes to the column the kind names (?7: node, indicator or plan). */
static const char SQL_INSERT[] =
    "INSERT INTO draft (login, kind, node_id, indicator_id, plan_id, fy,"
    " base_ver, saved_at) VALUES (?1, ?2, CASE WHEN ?7 = 'node' THEN ?3 END,"
    " CASE WHEN ?7 = 'indicator' THEN ?3 END,"
    " CASE WHEN ?7 = 'plan' THEN ?3 END, ?4, ?5, ?6)";
static const char SQL_FIELD[] =
    "INSERT INTO draft_field (draft_id, name, value) VALUES (?1, ?2, ?3)";
static const char SQL_GET[] =
    "SELECT id, base_ver, saved_at FROM draft WHERE login = ?1 AND kind = ?2"
    " AND fy = ?4 AND coalesce(node_id, indicator_id, plan_id) = ?3";
static const char SQL_FIELDS[] =
    "SELECT name, value FROM draft_field WHERE draft_id = ?1 ORDER BY rowid";

/* Each kind's name in the table and the column its id goes to. */
static const struct {
	const char	*name;
	const char	*column;
} draft_kinds[] = {
	[DRAFT_RESULT] =		{ "result", "node" },
	[DRAFT_ACTUAL] =		{ "actual", "indicator" },
	[DRAFT_NODE] =			{ "node", "node" },
	[DRAFT_INDICATOR] =		{ "indicator", "indicator" },
	[DRAFT_NODE_AFTER] =		{ "node_after", "node" },
	[DRAFT_NODE_BELOW] =		{ "node_below", "node" },
	[DRAFT_NODE_FIRST] =		{ "node_first", "plan" },
	[DRAFT_INDICATOR_NODE] =	{ "indicator_node", "node" },
	[DRAFT_INDICATOR_PLAN] =	{ "indicator_plan", "plan" },
};

static const char *
draft_kind_name(enum draft_kind kind)
{
	return draft_kinds[kind].name;
}

void
draft_add(struct draft *d, const char *name, const char *value)
{
	d->fields = xreallocarray(d->fields, d->nfields + 1, sizeof *d->fields);
	d->fields[d->nfields].name = xstrdup(name);
	d->fields[d->nfields].value = xstrdup(value != NULL ? value : "");
	d->nfields++;
}

const char *
draft_get(const struct draft *d, const char *name)
{
	size_t	i;

	for (i = 0; i < d->nfields; i++)
		if (strcmp(d->fields[i].name, name) == 0)
			return d->fields[i].value;
	return NULL;
}

void
draft_clear(struct draft *d)
{
	size_t	i;

	for (i = 0; i < d->nfields; i++) {
		free(d->fields[i].name);
		free(d->fields[i].value);
	}
	free(d->fields);
	free(d->saved_at);
	memset(d, 0, sizeof *d);
}

void
store_draft_free(struct draft *d)
{
	if (d == NULL)
		return;
	draft_clear(d);
	free(d);
}

/* Binds login, kind, id and fy to ?1 .. ?4. */
static void
draft_bind_key(sqlite3_stmt *s, const char *login, enum draft_kind kind,
    long long id, int fy)
{
	store_bind_text(s, 1, login);
	store_bind_text(s, 2, draft_kind_name(kind));
	sqlite3_bind_int64(s, 3, id);
	sqlite3_bind_int(s, 4, fy);
}

int
store_draft_put(struct store *st, const char *login, enum draft_kind kind,
    long long id, int fy, const struct draft *d, char **cause)
{
	sqlite3_stmt	*s;
	long long	 draft_id;
	char		 now[20];
	size_t		 i;
	int		 rc;

	if ((rc = store_begin(st, cause)) != 0)
		return rc;
	if ((s = store_stmt(st, SQL_DELETE, cause)) == NULL)
		goto fail;
	draft_bind_key(s, login, kind, id, fy);
	if ((rc = store_step_write(st, s, "下書きの保存", cause)) != 0)
		goto out;
	if ((s = store_stmt(st, SQL_INSERT, cause)) == NULL)
		goto fail;
	draft_bind_key(s, login, kind, id, fy);
	sqlite3_bind_int(s, 5, d->base_ver);
	store_bind_text(s, 7, draft_kinds[kind].column);
	store_bind_text(s, 6, d->saved_at != NULL ? d->saved_at : now_iso(now));
	if ((rc = store_step_write(st, s, "下書きの保存", cause)) != 0)
		goto out;
	draft_id = sqlite3_last_insert_rowid(store_db(st));
	for (i = 0; i < d->nfields; i++) {
		if ((s = store_stmt(st, SQL_FIELD, cause)) == NULL)
			goto fail;
		sqlite3_bind_int64(s, 1, draft_id);
		store_bind_text(s, 2, d->fields[i].name);
		sqlite3_bind_text(s, 3, d->fields[i].value, -1, SQLITE_TRANSIENT);
		if ((rc = store_step_write(st, s, "下書きの保存", cause)) != 0)
			goto out;
	}
	return store_commit(st, cause);
fail:
	rc = -1;
out:
	store_rollback(st);
	return rc;
}

int
store_draft_get(struct store *st, const char *login, enum draft_kind kind,
    long long id, int fy, struct draft **out, char **cause)
{
	sqlite3_stmt	*s;
	struct draft	*d;
	long long	 draft_id;
	int		 rc;

	*out = NULL;
	if ((s = store_stmt(st, SQL_GET, cause)) == NULL)
		return -1;
	draft_bind_key(s, login, kind, id, fy);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW)
		return store_read_end(st, s, rc, "下書きの読み込み", cause);
	d = xcalloc(1, sizeof *d);
	draft_id = sqlite3_column_int64(s, 0);
	d->base_ver = sqlite3_column_int(s, 1);
	d->saved_at = store_col_dup(s, 2);
	if (store_read_end(st, s, SQLITE_DONE, "下書きの読み込み", cause) != 0 ||
	    (s = store_stmt(st, SQL_FIELDS, cause)) == NULL) {
		store_draft_free(d);
		return -1;
	}
	sqlite3_bind_int64(s, 1, draft_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		draft_add(d, store_col_text(s, 0), store_col_text(s, 1));
	if (store_read_end(st, s, rc, "下書きの読み込み", cause) != 0) {
		store_draft_free(d);
		return -1;
	}
	*out = d;
	return 0;
}

int
store_draft_drop(struct store *st, const char *login, enum draft_kind kind,
    long long id, int fy, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((rc = store_begin(st, cause)) != 0)
		return rc;
	if ((s = store_stmt(st, SQL_DELETE, cause)) == NULL) {
		store_rollback(st);
		return -1;
	}
	draft_bind_key(s, login, kind, id, fy);
	if ((rc = store_step_write(st, s, "下書きの削除", cause)) != 0) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st, cause);
}
