/*
 * The store's connection: opening the SQLite file with the settings
 * several clerks on one server need, schema migrations, write
 * transactions, integrity checks and online backup (see store.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "shisaku/store.h"
#include "shisaku/store-internal.h"
#include "shisaku/util.h"

#include "migrate-2-sql.h"
#include "migrate-3-sql.h"
#include "migrate-4-sql.h"
#include "schema-sql.h"

/* The ordered migrations; migration i brings user_version from i to i+1.
 * Never edit one that has shipped: add another. */
static const char *const migrations[] = {
	shisaku_schema_sql,		/* db/schema.sql */
	shisaku_migrate_2_sql,		/* db/migrate-2.sql */
	shisaku_migrate_3_sql,		/* db/migrate-3.sql */
	shisaku_migrate_4_sql,		/* db/migrate-4.sql */
};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int
store_schema_version(void)
{
	return NMIGRATIONS;
}

void
store_set_progress(struct store *st, store_progress_fn *fn, void *arg)
{
	st->progress = fn;
	st->progress_arg = arg;
}

void
store_progress(struct store *st, size_t done, size_t total)
{
	if (st->progress != NULL)
		st->progress(st->progress_arg, done, total);
}

struct sqlite3 *
store_db(struct store *st)
{
	return st->db;
}

char *
store_errmsg(struct store *st, const char *what)
{
	int	code = sqlite3_extended_errcode(st->db);

	if (code == SQLITE_READONLY || (code & 0xff) == SQLITE_READONLY)
		return xasprintf("%s: データベースに書き込めません（読み取り専用）: %s",
		    what, sqlite3_errmsg(st->db));
	if ((code & 0xff) == SQLITE_BUSY)
		return xasprintf("%s: 他の担当者が更新中です。しばらくして"
		    "からもう一度お試しください", what);
	if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
		return xasprintf("%s: データベースが壊れています（%s）。shisaku check"
		    " で確かめ、shisaku backup の複製から戻してください", what,
		    sqlite3_errmsg(st->db));
	if ((code & 0xff) == SQLITE_FULL)
		return xasprintf("%s: ディスクがいっぱいです。空きを作ってからもう一度"
		    "お試しください（入力は失われていません）", what);
	return xasprintf("%s: %s", what, sqlite3_errmsg(st->db));
}

/* Runs SQL without results; returns the SQLite code. */
int
store_exec(struct store *st, const char *sql, char **cause)
{
	char	*err = NULL;
	int	 rc = sqlite3_exec(st->db, sql, NULL, NULL, &err);

	if (rc != SQLITE_OK && cause != NULL)
		*cause = store_errmsg(st, "データベース");
	sqlite3_free(err);
	return rc;
}

int
store_pragma_int(struct store *st, const char *pragma)
{
	sqlite3_stmt	*s;
	char		*sql = xasprintf("PRAGMA %s", pragma);
	int		 v = -1;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int(s, 0);
		sqlite3_finalize(s);
	}
	free(sql);
	return v;
}

int
store_file_version(struct store *st)
{
	return store_pragma_int(st, "user_version");
}

int
store_begin(struct store *st, char **cause)
{
	int	rc;

	if (st->batch) {
		/* One write inside a batch: a savepoint of its own. */
		if (st->in_write) {
			if (cause)
				*cause = xstrdup("書き込みを始められません:"
				    " 前の書き込みが終わっていません");
			return -1;
		}
		if (sqlite3_get_autocommit(st->db) || sqlite3_exec(st->db,
		    "SAVEPOINT store_write", NULL, NULL, NULL) != SQLITE_OK) {
			if (cause)
				*cause = sqlite3_get_autocommit(st->db) ?
				    xstrdup("書き込みを始められません: まとめての"
				    "書き込みが取り消されています") :
				    store_errmsg(st, "書き込みを始められません");
			return -1;
		}
		st->in_write = 1;
		return 0;
	}
	rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return 0;
	if (cause)
		*cause = store_errmsg(st, "書き込みを始められません");
	return (rc & 0xff) == SQLITE_BUSY ? STORE_BUSY : -1;
}

int
store_commit(struct store *st, char **cause)
{
	int	rc;

	if (st->batch) {
		if (!st->in_write)
			return 0;
		st->in_write = 0;
		if (sqlite3_exec(st->db, "RELEASE store_write", NULL, NULL,
		    NULL) == SQLITE_OK)
			return 0;
		if (cause)
			*cause = store_errmsg(st, "保存できません");
		return -1;
	}
	rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		return 0;
	if (cause)
		*cause = store_errmsg(st, "保存できません");
	store_rollback(st);
	return (rc & 0xff) == SQLITE_BUSY ? STORE_BUSY : -1;
}

void
store_rollback(struct store *st)
{
	if (st->batch) {
		/* Only the write's own savepoint: the batch goes on. */
		if (st->in_write && !sqlite3_get_autocommit(st->db))
			sqlite3_exec(st->db, "ROLLBACK TO store_write;"
			    " RELEASE store_write", NULL, NULL, NULL);
		st->in_write = 0;
		return;
	}
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

int
store_batch_begin(struct store *st, char **cause)
{
	int	rc;

	if (st->batch) {
		*cause = xstrdup("書き込みを始められません: まとめての書き込みが"
		    "既に始まっています");
		return -1;
	}
	if ((rc = store_begin(st, cause)) != 0)
		return rc;
	st->batch = 1;
	st->in_write = 0;
	return 0;
}

int
store_batch_end(struct store *st, int commit, char **cause)
{
	int	rc = 0;

	if (!st->batch)
		return 0;
	st->batch = 0;
	st->in_write = 0;
	if (!commit) {
		store_rollback(st);
		return 0;
	}
	/* A failed statement may have ended the transaction already
	 * (SQLite rolls back on a full disk or an I/O error). */
	if (sqlite3_get_autocommit(st->db)) {
		if (cause)
			*cause = xstrdup("保存できません: 書き込みの途中で取り消され"
			    "ました（何も書き込んでいません）");
		return -1;
	}
	rc = store_commit(st, cause);
	return rc;
}

/* Applies the migrations the file lacks, each in its own BEGIN IMMEDIATE
 * transaction that reads user_version again, since another clerk's
 * program may have migrated in the meantime. */
static int
migrate(struct store *st, char **cause)
{
	int	version, rc;
	char	*sql;

	for (;;) {
		if ((rc = store_begin(st, cause)) != 0)
			return rc;
		version = store_file_version(st);
		if (version >= NMIGRATIONS) {
			store_rollback(st);
			return 0;
		}
		if (version == 0 && store_exec(st, "PRAGMA application_id = "
		    "1397248843", cause) != SQLITE_OK)	/* STORE_APPLICATION_ID */
			goto fail;
		if (store_exec(st, migrations[version], cause) != SQLITE_OK)
			goto fail;
		sql = xasprintf("PRAGMA user_version = %d", version + 1);
		rc = store_exec(st, sql, cause);
		free(sql);
		if (rc != SQLITE_OK)
			goto fail;
		if ((rc = store_commit(st, cause)) != 0)
			return rc;
	}
fail:
	store_rollback(st);
	return -1;
}

/* Is the opened file ours (or empty, to be made ours)? */
static int
check_identity(struct store *st, const char *path, char **cause)
{
	int	app = store_pragma_int(st, "application_id");
	int	version = store_file_version(st);
	int	tables = -1;
	sqlite3_stmt *s;

	if (app < 0 || version < 0) {
		*cause = xasprintf("%s: SQLite のデータベースではありません", path);
		return -1;
	}
	if (app == 0 && version == 0) {
		if (sqlite3_prepare_v2(st->db, "SELECT count(*) FROM sqlite_master",
		    -1, &s, NULL) == SQLITE_OK) {
			if (sqlite3_step(s) == SQLITE_ROW)
				tables = sqlite3_column_int(s, 0);
			sqlite3_finalize(s);
		}
		if (tables != 0) {
			*cause = xasprintf("%s: shisaku のデータベースではありません"
			    "（他のアプリケーションの SQLite ファイルです）", path);
			return -1;
		}
		return 0;
	}
	if ((unsigned)app != STORE_APPLICATION_ID) {
		*cause = xasprintf("%s: shisaku のデータベースではありません"
		    "（application_id %d）", path, app);
		return -1;
	}
	if (version > NMIGRATIONS) {
		*cause = xasprintf("%s: このデータベースは新しい版の shisaku で作られました"
		    "（スキーマ %d、この版は %d まで）。shisaku を更新してください",
		    path, version, NMIGRATIONS);
		return -1;
	}
	return 0;
}

struct store *
store_open(const char *path, enum store_open_mode mode, int busy_timeout_ms,
    char **cause)
{
	struct store	*st;
	int		 flags = SQLITE_OPEN_READWRITE, rc;
	struct stat	 sb;

	if (mode == STORE_OPEN_EXISTING && stat(path, &sb) != 0) {
		*cause = xasprintf("%s: データベースがありません（shisaku -d %s init "
		    "で作成できます）", path, path);
		return NULL;
	}
	if (mode == STORE_OPEN_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	st = xcalloc(1, sizeof *st);
	rc = sqlite3_open_v2(path, &st->db, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		if (st->db != NULL && access(path, W_OK) != 0 && errno == EACCES)
			*cause = xasprintf("%s: 書き込み権限がありません", path);
		else
			*cause = xasprintf("%s: 開けません: %s", path,
			    st->db ? sqlite3_errmsg(st->db) : "メモリ不足");
		sqlite3_close(st->db);
		free(st);
		return NULL;
	}
	st->path = xstrdup(path);
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, busy_timeout_ms);
	if (check_identity(st, path, cause) != 0)
		goto fail;
	/* WAL persists in the file; FULL survives power loss in WAL mode. */
	if (store_exec(st, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
	    " PRAGMA foreign_keys = ON;", cause) != SQLITE_OK)
		goto fail;
	if (migrate(st, cause) != 0)
		goto fail;
	return st;
fail:
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	store_stmt_cache_free(st);
	sqlite3_close(st->db);
	free(st->path);
	free(st);
}

/* Our own invariants, each a query listing the offending rows. */
static const struct {
	const char	*sql;
	const char	*what;
} invariants[] = {
	{ "SELECT p.code || ' ' || n.key FROM node n JOIN plan p ON p.id = n.plan_id"
	  " LEFT JOIN node q ON q.id = n.parent_id"
	  " WHERE (n.parent_id IS NULL AND n.depth <> 1)"
	  "    OR (q.id IS NOT NULL AND (q.depth + 1 <> n.depth OR q.plan_id <> n.plan_id))",
	  "施策の階層の深さが親と合いません" },
	{ "SELECT p.code || ' ' || n.key FROM node n JOIN plan p ON p.id = n.plan_id"
	  " WHERE n.depth > (SELECT max(depth) FROM plan_level l WHERE l.plan_id = n.plan_id)",
	  "施策が計画の階層より深くなっています" },
	{ "SELECT p.code || ' ' || l.depth FROM plan_level l JOIN plan p ON p.id = l.plan_id"
	  " WHERE l.depth > 1 AND NOT EXISTS (SELECT 1 FROM plan_level k"
	  " WHERE k.plan_id = l.plan_id AND k.depth = l.depth - 1)",
	  "計画の階層の名前が抜けています" },
	{ "SELECT p.code || ' ' || n.key || ' ' || f.key FROM node_flag nf"
	  " JOIN node n ON n.id = nf.node_id JOIN plan_flag f ON f.id = nf.flag_id"
	  " JOIN plan p ON p.id = n.plan_id WHERE f.plan_id <> n.plan_id",
	  "他の計画の区分が付いています" },
	{ "SELECT p.code || ' ' || i.key FROM indicator i JOIN plan p ON p.id = i.plan_id"
	  " JOIN node n ON n.id = i.node_id WHERE n.plan_id <> i.plan_id",
	  "指標が他の計画の施策に付いています" },
	{ "SELECT p.code || ' ' || n.key || ' ' || r.fy FROM result r"
	  " JOIN node n ON n.id = r.node_id JOIN plan p ON p.id = n.plan_id"
	  " WHERE (r.state = 'confirmed' AND r.confirmed_by = '')",
	  "確認済の実績に確認者がありません" },
	{ "SELECT p.code || ' ' || i.key || ' ' || t.fy FROM indicator_target t"
	  " JOIN indicator i ON i.id = t.indicator_id JOIN plan p ON p.id = i.plan_id"
	  " WHERE t.num IS NOT NULL AND t.txt GLOB '*[^0-9.,+-]*'",
	  "目標値が数値と文字の両方を持っています" },
};

/* The checks of store_check for its progress: where it is, of how many. */
struct check_ticker {
	struct store	*st;
	size_t		 stage, nstages;
};

/* SQLite's progress handler during one long check: keeps the line alive
 * (and its time) while a check of a large file runs. */
static int
check_tick(void *arg)
{
	struct check_ticker	*t = arg;

	store_progress(t->st, t->stage, t->nstages);
	return 0;
}

/* Runs one checking query; each row it gives is a problem, reported as
 * "prefix: first column" (foreign_key_check says more). Returns the
 * number of problems, or -1 with *cause. */
static int
check_query(struct store *st, const char *sql, const char *what, int fk,
    void (*report)(void *, const char *), void *arg, char **cause)
{
	sqlite3_stmt	*s;
	const char	*text;
	char		*line;
	int		 problems = 0, rc;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK) {
		*cause = store_errmsg(st, fk ? "外部キー検査" : "検査");
		return -1;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (fk)
			line = xasprintf("foreign_key_check: %s の行 %lld が %s を"
			    "参照できません", sqlite3_column_text(s, 0),
			    sqlite3_column_int64(s, 1), sqlite3_column_text(s, 2));
		else {
			text = (const char *)sqlite3_column_text(s, 0);
			if (what == NULL && text != NULL && strcmp(text, "ok") == 0)
				continue;
			line = xasprintf("%s: %s", what != NULL ? what :
			    "integrity_check", text != NULL ? text : "");
		}
		report(arg, line);
		free(line);
		problems++;
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		*cause = store_errmsg(st, "検査");
		return -1;
	}
	return problems;
}

int
store_check(struct store *st, void (*report)(void *, const char *), void *arg,
    char **cause)
{
	struct check_ticker	 t;
	size_t			 i, ninv = sizeof invariants / sizeof invariants[0];
	int			 problems = 0, n = 0;

	t.st = st;
	t.stage = 0;
	t.nstages = 2 + ninv;
	if (st->progress != NULL)
		sqlite3_progress_handler(st->db, 200000, check_tick, &t);
	store_progress(st, 0, t.nstages);
	if ((n = check_query(st, "PRAGMA integrity_check", NULL, 0, report, arg,
	    cause)) < 0)
		goto out;
	problems += n;
	store_progress(st, ++t.stage, t.nstages);
	if ((n = check_query(st, "PRAGMA foreign_key_check", NULL, 1, report,
	    arg, cause)) < 0)
		goto out;
	problems += n;
	store_progress(st, ++t.stage, t.nstages);
	for (i = 0; i < ninv; i++) {
		if ((n = check_query(st, invariants[i].sql, invariants[i].what, 0,
		    report, arg, cause)) < 0)
			goto out;
		problems += n;
		store_progress(st, ++t.stage, t.nstages);
	}
out:
	sqlite3_progress_handler(st->db, 0, NULL, NULL);
	return n < 0 ? -1 : problems;
}

/* Pages copied per step of a backup (4 MiB with 4 KiB pages). */
#define BACKUP_STEP_PAGES 1024

int
store_backup(struct store *st, const char *dest, char **cause)
{
	sqlite3		*out;
	sqlite3_backup	*b;
	int		 rc, held, page;
	size_t		 total;
	struct stat	 sb;

	if (stat(dest, &sb) == 0) {
		*cause = xasprintf("%s: 既にあります。上書きしません", dest);
		return -1;
	}
	if (sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	    NULL) != SQLITE_OK) {
		*cause = xasprintf("%s: 作成できません: %s", dest, sqlite3_errmsg(out));
		sqlite3_close(out);
		return -1;
	}
	b = sqlite3_backup_init(out, "main", st->db, "main");
	if (b == NULL) {
		*cause = xasprintf("%s: %s", dest, sqlite3_errmsg(out));
		sqlite3_close(out);
		unlink(dest);
		return -1;
	}
	/*
	 * The copy goes in steps so its progress can be shown. A read
	 * transaction held on the source across the steps keeps them one
	 * snapshot: the steps never start over for a clerk's commit, and
	 * writers are not blocked in WAL mode.
	 */
	held = 0;
	if (sqlite3_get_autocommit(st->db)) {
		if (sqlite3_exec(st->db, "BEGIN; SELECT count(*) FROM"
		    " sqlite_master", NULL, NULL, NULL) == SQLITE_OK)
			held = 1;
		else if (!sqlite3_get_autocommit(st->db))
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	}
	page = store_pragma_int(st, "page_size");
	if (page <= 0)
		page = 4096;
	do {
		rc = sqlite3_backup_step(b, BACKUP_STEP_PAGES);
		total = (size_t)sqlite3_backup_pagecount(b);
		store_progress(st, (total - (size_t)sqlite3_backup_remaining(b)) *
		    (size_t)page, total * (size_t)page);
	} while (rc == SQLITE_OK);
	sqlite3_backup_finish(b);
	if (held)
		sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	if (rc != SQLITE_DONE) {
		*cause = xasprintf("%s: 複製できません: %s", dest, sqlite3_errstr(rc));
		sqlite3_close(out);
		unlink(dest);
		return -1;
	}
	sqlite3_close(out);
	return 0;
}
