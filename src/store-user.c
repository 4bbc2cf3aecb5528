/*
 * Users and roles in the store (see store-user.h).
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/store-dept.h"
#include "shisaku/store-internal.h"
#include "shisaku/store-user.h"
#include "shisaku/util.h"

int
store_user_session(struct store *st, struct session *s, char **cause)
{
	static const char sql[] = "SELECT u.name, u.role, coalesce(u.dept_id, 0),"
	    " coalesce(d.name, ''), d.code FROM app_user u"
	    " LEFT JOIN department d ON d.id = u.dept_id WHERE u.login = ?";
	sqlite3_stmt	*q = store_stmt(st, sql, cause);
	int		 rc;

	if (q == NULL)
		return -1;
	store_bind_text(q, 1, s->login);
	free(s->name);
	free(s->dept_name);
	free(s->dept_code);
	s->name = NULL;
	s->dept_name = NULL;
	s->dept_code = NULL;
	s->role = ROLE_NONE;
	s->dept_id = 0;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		int role = role_parse(store_col_text(q, 1));
		s->name = store_col_dup(q, 0);
		s->role = role < 0 ? ROLE_NONE : (enum role)role;
		s->dept_id = sqlite3_column_int64(q, 2);
		s->dept_name = store_col_dup(q, 3);
		s->dept_code = store_col_dup_null(q, 4);
	}
	sqlite3_reset(q);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		*cause = store_errmsg(st, "利用者の確認");
		return -1;
	}
	if (s->name == NULL)
		s->name = xstrdup("");
	if (s->dept_name == NULL)
		s->dept_name = xstrdup("");
	free(s->acting);
	s->acting = NULL;
	s->nacting = 0;
	return store_dept_predecessors(st, s->dept_id, &s->acting, &s->nacting,
	    cause);
}

int
store_user_put(struct store *st, const char *login, const char *name,
    enum role role, const char *dept_code, int update, char **cause)
{
	static const char sql_exists[] = "SELECT 1 FROM app_user WHERE login = ?";
	static const char sql_put[] = "INSERT INTO app_user (login, name, role,"
	    " dept_id) VALUES (?1, coalesce(?2, ''), ?3, ?4) ON CONFLICT (login) DO UPDATE SET"
	    " name = coalesce(?2, name), role = ?3, dept_id = ?4";
	sqlite3_stmt	*s;
	long long	 dept = 0;
	int		 found, rc;

	if (dept_code != NULL && dept_code[0] != '\0' &&
	    store_dept_resolve(st, dept_code, &dept, cause) != 0)
		return -1;
	if (role == ROLE_CLERK && dept == 0) {
		*cause = xasprintf("担当課職員には部署が必要です（--dept）");
		return -1;
	}
	if ((rc = store_begin(st, cause)) != 0)
		return rc;
	if ((s = store_stmt(st, sql_exists, cause)) == NULL)
		goto fail;
	store_bind_text(s, 1, login);
	found = sqlite3_step(s) == SQLITE_ROW;
	sqlite3_reset(s);
	if (found && !update) {
		*cause = xasprintf("利用者「%s」は既に登録されています（変更は user set）",
		    login);
		goto fail;
	}
	if (!found && update) {
		*cause = xasprintf("利用者「%s」は登録されていません", login);
		goto fail;
	}
	if ((s = store_stmt(st, sql_put, cause)) == NULL)
		goto fail;
	store_bind_text(s, 1, login);
	store_bind_text(s, 2, name);
	store_bind_text(s, 3, role_name(role));
	store_bind_opt_int(s, 4, dept);
	if (sqlite3_step(s) != SQLITE_DONE) {
		*cause = store_errmsg(st, "利用者の登録");
		sqlite3_reset(s);
		goto fail;
	}
	sqlite3_reset(s);
	return store_commit(st, cause);
fail:
	store_rollback(st);
	return -1;
}

int
store_user_remove(struct store *st, const char *login, char **cause)
{
	static const char sql[] = "DELETE FROM app_user WHERE login = ?";
	sqlite3_stmt	*s;
	int		 rc;

	if ((rc = store_begin(st, cause)) != 0)
		return rc;
	if ((s = store_stmt(st, sql, cause)) == NULL)
		goto fail;
	store_bind_text(s, 1, login);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		*cause = store_errmsg(st, "利用者の削除");
		goto fail;
	}
	if (sqlite3_changes(st->db) == 0) {
		*cause = xasprintf("利用者「%s」は登録されていません", login);
		goto fail;
	}
	return store_commit(st, cause);
fail:
	store_rollback(st);
	return -1;
}

int
store_user_list(struct store *st, struct store_user **users, size_t *n,
    char **cause)
{
	static const char sql[] = "SELECT u.login, u.name, u.role,"
	    " coalesce(d.code, ''), coalesce(d.name, ''),"
	    " coalesce(d.abolished_after, 0) FROM app_user u"
	    " LEFT JOIN department d ON d.id = u.dept_id ORDER BY u.login";
	sqlite3_stmt		*s = store_stmt(st, sql, cause);
	struct store_user	*u;
	int			 rc, role;

	*users = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*users = xreallocarray(*users, *n + 1, sizeof **users);
		u = &(*users)[(*n)++];
		u->login = store_col_dup(s, 0);
		u->name = store_col_dup(s, 1);
		role = role_parse(store_col_text(s, 2));
		u->role = role < 0 ? ROLE_NONE : (enum role)role;
		u->dept_code = store_col_dup(s, 3);
		u->dept_name = store_col_dup(s, 4);
		u->dept_abolished_after = sqlite3_column_int(s, 5);
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE) {
		*cause = store_errmsg(st, "利用者の一覧");
		return -1;
	}
	return 0;
}

void
store_user_list_free(struct store_user *users, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(users[i].login);
		free(users[i].name);
		free(users[i].dept_code);
		free(users[i].dept_name);
	}
	free(users);
}

int
store_user_count_planners(struct store *st)
{
	static const char sql[] = "SELECT count(*) FROM app_user WHERE role = 'planner'";
	sqlite3_stmt	*s = store_stmt(st, sql, NULL);
	int		 n = 0;

	if (s == NULL)
		return 0;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	return n;
}

int
store_user_login_session(struct store *st, const char *login,
    struct session *s, char **cause)
{
	memset(s, 0, sizeof *s);
	s->login = xstrdup(login != NULL ? login : "");
	if (store_user_session(st, s, cause) != 0) {
		session_clear(s);
		return -1;
	}
	return 0;
}

/*
 * Writes the refusals rows[0 .. n - 1], and when dropped is not 0 a row
 * saying how many more there were, in one short transaction of their own
 * (a reader's connection is let write them, and only them). Returns 0,
 * 1 when the user cannot write the database at all (nothing written), or
 * -1 with *cause.
 */
static int
store_log_refusals(struct store *st, const struct store_refusal *rows,
    size_t n, size_t dropped, char **cause)
{
	static const char sql[] = "INSERT INTO history (at, login, node_id,"
	    " indicator_id, fy, field, new_value) VALUES (?1, ?2, ?3, ?4, ?5,"
	    " 'refused', ?6)";
	sqlite3		*db = st->db;
	sqlite3_stmt	*s = NULL;
	char		 now[20], *more;
	size_t		 i;
	int		 rc;

	if (st->nowrite_why != NULL)
		return 1;	/* the user cannot write the file at all */
	if (st->batch || !sqlite3_get_autocommit(st->db)) {
		/* Inside a transaction the row would share its fate (and a
		 * second connection would wait for our own lock). */
		*cause = xstrdup("拒否を履歴に記録できません: 書き込みの途中です");
		return -1;
	}
	if (st->readonly)
		sqlite3_exec(db, "PRAGMA query_only = 0", NULL, NULL, NULL);
	now_iso(now);
	rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, sql, -1, &s, NULL);
	for (i = 0; rc == SQLITE_OK && i < n + (dropped > 0); i++) {
		const struct store_refusal *r = &rows[i < n ? i : n - 1];

		sqlite3_reset(s);
		sqlite3_clear_bindings(s);
		sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, r->login, -1, SQLITE_TRANSIENT);
		if (i < n) {
			store_bind_opt_int(s, 3, r->node_id);
			store_bind_opt_int(s, 4, r->indicator_id);
			store_bind_opt_int(s, 5, r->fy);
			sqlite3_bind_text(s, 6, r->what, -1, SQLITE_TRANSIENT);
		} else {
			more = xasprintf("…ほか %zu 件の拒否（記録は %d 件まで）",
			    dropped, STORE_REFUSALS_KEPT);
			sqlite3_bind_text(s, 6, more, -1, SQLITE_TRANSIENT);
			free(more);
		}
		rc = sqlite3_step(s) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		*cause = xasprintf("拒否を履歴に記録できません: %s",
		    sqlite3_errmsg(db));
		if (!sqlite3_get_autocommit(db))
			sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
	}
	if (st->readonly)
		sqlite3_exec(db, "PRAGMA query_only = 1", NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : -1;
}

void
store_refusals_clear(struct store *st)
{
	size_t	i;

	for (i = 0; i < st->nrefusals; i++) {
		free(st->refusals[i].login);
		free(st->refusals[i].what);
	}
	free(st->refusals);
	st->refusals = NULL;
	st->nrefusals = 0;
	st->refusals_dropped = 0;
}

void
store_refusals_flush(struct store *st)
{
	char	*cause = NULL;

	if (st->nrefusals > 0 && store_log_refusals(st, st->refusals,
	    st->nrefusals, st->refusals_dropped, &cause) < 0)
		free(cause);
	store_refusals_clear(st);
}

void
store_refused(struct store *st, const char *login, long long node,
    long long indicator, int fy, const char *what)
{
	struct store_refusal	 r;
	char			*cause = NULL;

	if (login == NULL)
		return;
	r.login = (char *)login;
	r.node_id = node;
	r.indicator_id = indicator;
	r.fy = fy;
	r.what = (char *)(what != NULL ? what : "");
	if (!st->batch) {
		if (store_log_refusals(st, &r, 1, 0, &cause) < 0)
			free(cause);
		return;
	}
	/* Kept until the batch has ended, whether it is kept or not. */
	if (st->nrefusals >= STORE_REFUSALS_KEPT) {
		st->refusals_dropped++;
		return;
	}
	st->refusals = xreallocarray(st->refusals, st->nrefusals + 1,
	    sizeof *st->refusals);
	st->refusals[st->nrefusals].login = xstrdup(login);
	st->refusals[st->nrefusals].node_id = node;
	st->refusals[st->nrefusals].indicator_id = indicator;
	st->refusals[st->nrefusals].fy = fy;
	st->refusals[st->nrefusals].what = xstrdup(r.what);
	st->nrefusals++;
}

int
store_user_log_refusal(struct store *st, const char *login,
    long long node_id, long long indicator_id, int fy, const char *what,
    char **cause)
{
	struct store_refusal	r;

	r.login = (char *)login;
	r.node_id = node_id;
	r.indicator_id = indicator_id;
	r.fy = fy;
	r.what = (char *)what;
	return store_log_refusals(st, &r, 1, 0, cause);
}
