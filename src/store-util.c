/*
 * Store helpers shared by the store files: the prepared-statement cache,
 * typed binding and reading of columns, and the write steps every store
 * file shares (a write statement stepped to its end, a history row).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/store-internal.h"
#include "shisaku/util.h"
#include "shisaku/value.h"

sqlite3_stmt *
store_stmt(struct store *st, const char *sql, char **cause)
{
	size_t		 i;
	sqlite3_stmt	*s;

	for (i = 0; i < st->ncache; i++)
		if (st->cache[i].sql == sql) {
			s = st->cache[i].stmt;
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			return s;
		}
	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		if (cause)
			*cause = store_errmsg(st, "SQL の準備");
		return NULL;
	}
	st->cache = xreallocarray(st->cache, st->ncache + 1, sizeof *st->cache);
	st->cache[st->ncache].sql = sql;
	st->cache[st->ncache].stmt = s;
	st->ncache++;
	return s;
}

void
store_stmt_cache_free(struct store *st)
{
	size_t	i;

	for (i = 0; i < st->ncache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	free(st->cache);
	st->cache = NULL;
	st->ncache = 0;
}

int
store_bind_text(sqlite3_stmt *s, int i, const char *text)
{
	if (text == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, text, -1, SQLITE_TRANSIENT);
}

int
store_bind_opt_int(sqlite3_stmt *s, int i, long long v)
{
	if (v == 0)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_int64(s, i, v);
}

int
store_bind_value(sqlite3_stmt *s, int i, const struct value *v)
{
	sqlite3_bind_null(s, i);
	sqlite3_bind_null(s, i + 1);
	if (v->kind == VALUE_NUMBER) {
		/* txt beside num: the number as printed (schema version 3). */
		if (v->text != NULL && v->text[0] != '\0')
			sqlite3_bind_text(s, i + 1, v->text, -1, SQLITE_TRANSIENT);
		return sqlite3_bind_double(s, i, v->num);
	}
	if (v->kind == VALUE_TEXT)
		return sqlite3_bind_text(s, i + 1, v->text, -1, SQLITE_TRANSIENT);
	return SQLITE_OK;
}

const char *
store_col_text(sqlite3_stmt *s, int i)
{
	const unsigned char	*t = sqlite3_column_text(s, i);

	return t ? (const char *)t : "";
}

char *
store_col_dup(sqlite3_stmt *s, int i)
{
	return xstrdup(store_col_text(s, i));
}

char *
store_col_dup_null(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? NULL : store_col_dup(s, i);
}

int
store_ids_cmp(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

int
store_collect_ids(struct store *st, sqlite3_stmt *s, long long **ids,
    size_t *n, const char *what, char **cause)
{
	long long	*v = NULL;
	size_t		 cnt = 0, cap = 0;
	int		 rc;

	*ids = NULL;
	*n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 64;
			v = xreallocarray(v, cap, sizeof *v);
		}
		v[cnt++] = sqlite3_column_int64(s, 0);
	}
	if (store_read_end(st, s, rc, what, cause) != 0) {
		free(v);
		return -1;
	}
	/* Sorted here: an ORDER BY would have SQLite sort what it reads. */
	*ids = v;
	*n = store_ids_settle(v, cnt);
	return 0;
}

size_t
store_ids_settle(long long *v, size_t n)
{
	size_t	i, j;

	if (n < 2)
		return n;
	sort_mostly_sorted(v, n, sizeof *v, store_ids_cmp);
	for (i = j = 1; i < n; i++)
		if (v[i] != v[j - 1])
			v[j++] = v[i];
	return j;
}

char *
store_ids_json(const long long *v, size_t n)
{
	char	*s = xmalloc(n * 21 + 3), *p = s;
	size_t	 i;

	*p++ = '[';
	for (i = 0; i < n; i++)
		p += sprintf(p, i > 0 ? ",%lld" : "%lld", v[i]);
	*p++ = ']';
	*p = '\0';
	return s;
}

int
store_col_int0(sqlite3_stmt *s, int i)
{
	return sqlite3_column_type(s, i) == SQLITE_NULL ? 0 :
	    sqlite3_column_int(s, i);
}

int
store_read_end(struct store *st, sqlite3_stmt *s, int rc, const char *what,
    char **cause)
{
	sqlite3_reset(s);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		if (cause != NULL)
			*cause = store_errmsg(st, what);
		return -1;
	}
	return 0;
}

void
store_col_value(sqlite3_stmt *s, int i, struct value *v)
{
	memset(v, 0, sizeof *v);
	if (sqlite3_column_type(s, i) != SQLITE_NULL) {
		v->kind = VALUE_NUMBER;
		v->num = sqlite3_column_double(s, i);
		if (sqlite3_column_type(s, i + 1) != SQLITE_NULL)
			v->text = store_col_dup(s, i + 1);	/* as printed */
	} else if (sqlite3_column_type(s, i + 1) != SQLITE_NULL) {
		v->kind = VALUE_TEXT;
		v->text = store_col_dup(s, i + 1);
	} else
		v->kind = VALUE_NONE;
}

int
store_step_write(struct store *st, sqlite3_stmt *s, const char *what,
    char **cause)
{
	int	rc = sqlite3_step(s);

	if (rc != SQLITE_DONE) {
		*cause = store_errmsg(st, what);
		sqlite3_reset(s);
		return (rc & 0xff) == SQLITE_BUSY ? STORE_BUSY : -1;
	}
	sqlite3_reset(s);
	return 0;
}

/* NULL for an empty string: history keeps "none" as NULL. */
static const char *
history_value(const char *s)
{
	return s != NULL && s[0] != '\0' ? s : NULL;
}

int
store_history_add(struct store *st, const char *at, const char *login,
    long long node, long long ind, int fy, const char *field,
    const char *old_value, const char *new_value, char **cause)
{
	static const char sql[] = "INSERT INTO history (at, login, node_id,"
	    " indicator_id, fy, field, old_value, new_value)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	sqlite3_stmt	*s = store_stmt(st, sql, cause);

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, at);
	store_bind_text(s, 2, login);
	store_bind_opt_int(s, 3, node);
	store_bind_opt_int(s, 4, ind);
	store_bind_opt_int(s, 5, fy);
	store_bind_text(s, 6, field);
	store_bind_text(s, 7, history_value(old_value));
	store_bind_text(s, 8, history_value(new_value));
	return store_step_write(st, s, "履歴の記録", cause);
}

int
store_snapshot_begin(struct store *st)
{
	sqlite3	*db = store_db(st);

	return sqlite3_get_autocommit(db) &&
	    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
}

void
store_snapshot_end(struct store *st, int began)
{
	if (began)
		sqlite3_exec(store_db(st), "COMMIT", NULL, NULL, NULL);
}

int
store_read_int(struct store *st, const char *sql, long long a,
    long long b, long long *out, int *found, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, sql, cause);
	int		 rc;

	*out = 0;
	if (found != NULL)
		*found = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, a);
	if (sqlite3_bind_parameter_count(s) > 1)
		store_bind_opt_int(s, 2, b);	/* 0 → NULL: "node_id IS ?2" */
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		if (found != NULL)
			*found = sqlite3_column_type(s, 0) != SQLITE_NULL;
	}
	return store_read_end(st, s, rc, "読み込み", cause);
}
