/*
 * The store's connection: opening the SQLite file with the settings
 * several clerks on one server need, schema migrations, write
 * transactions, integrity checks and online backup (see store.h).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "shisaku/fy.h"
#include "shisaku/lockholder.h"
#include "shisaku/outfile.h"
#include "shisaku/privilege.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-indfig.h"
#include "shisaku/store.h"
#include "shisaku/store-figs.h"
#include "shisaku/store-internal.h"
#include "shisaku/store-span.h"
#include "shisaku/util.h"

#include "migrate-2-sql.h"
#include "migrate-3-sql.h"
#include "migrate-4-sql.h"
#include "migrate-5-sql.h"
#include "migrate-6-sql.h"
#include "migrate-7-sql.h"
#include "migrate-8-sql.h"
#include "migrate-9-sql.h"
#include "migrate-10-sql.h"
#include "migrate-11-sql.h"
#include "migrate-12-sql.h"
#include "migrate-13-sql.h"
#include "migrate-14-sql.h"
#include "migrate-15-sql.h"
#include "migrate-16-sql.h"
#include "migrate-17-sql.h"
#include "migrate-18-sql.h"
#include "migrate-19-sql.h"
#include "migrate-20-sql.h"
#include "migrate-21-sql.h"
#include "migrate-22-sql.h"
#include "migrate-23-sql.h"
#include "migrate-24-sql.h"
#include "migrate-25-sql.h"
#include "migrate-26-sql.h"
#include "migrate-27-sql.h"
#include "migrate-28-sql.h"
#include "migrate-29-sql.h"
#include "migrate-30-sql.h"
#include "schema-sql.h"

/* The ordered migrations; migration i brings user_version from i to i+1.
 * Never edit one that has shipped: add another. */
static const char *const migrations[] = {
	shisaku_schema_sql,		/* db/schema.sql */
	shisaku_migrate_2_sql,		/* db/migrate-2.sql */
	shisaku_migrate_3_sql,		/* db/migrate-3.sql */
	shisaku_migrate_4_sql,		/* db/migrate-4.sql */
	shisaku_migrate_5_sql,		/* db/migrate-5.sql */
	shisaku_migrate_6_sql,		/* db/migrate-6.sql */
	shisaku_migrate_7_sql,		/* db/migrate-7.sql */
	shisaku_migrate_8_sql,		/* db/migrate-8.sql */
	shisaku_migrate_9_sql,		/* db/migrate-9.sql */
	shisaku_migrate_10_sql,		/* db/migrate-10.sql */
	shisaku_migrate_11_sql,		/* db/migrate-11.sql */
	shisaku_migrate_12_sql,		/* db/migrate-12.sql */
	shisaku_migrate_13_sql,		/* db/migrate-13.sql */
	shisaku_migrate_14_sql,		/* db/migrate-14.sql */
	shisaku_migrate_15_sql,		/* db/migrate-15.sql */
	shisaku_migrate_16_sql,		/* db/migrate-16.sql */
	shisaku_migrate_17_sql,		/* db/migrate-17.sql */
	shisaku_migrate_18_sql,		/* db/migrate-18.sql */
	shisaku_migrate_19_sql,		/* db/migrate-19.sql */
	shisaku_migrate_20_sql,		/* db/migrate-20.sql */
	shisaku_migrate_21_sql,		/* db/migrate-21.sql */
	shisaku_migrate_22_sql,		/* db/migrate-22.sql */
	shisaku_migrate_23_sql,		/* db/migrate-23.sql */
	shisaku_migrate_24_sql,		/* db/migrate-24.sql */
	shisaku_migrate_25_sql,		/* db/migrate-25.sql */
	shisaku_migrate_26_sql,		/* db/migrate-26.sql */
	shisaku_migrate_27_sql,		/* db/migrate-27.sql */
	shisaku_migrate_28_sql,		/* db/migrate-28.sql */
	shisaku_migrate_29_sql,		/* db/migrate-29.sql */
	shisaku_migrate_30_sql,		/* db/migrate-30.sql */
};
#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

/* The journal mode a pragma left the file in: 1 when it is mode. */
static int
store_journal_is(struct store *st, const char *sql, const char *mode)
{
	sqlite3_stmt	*s;
	int		 is = 0;

	if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) != NULL)
		is = strcmp((const char *)sqlite3_column_text(s, 0), mode) == 0;
	sqlite3_finalize(s);
	return is;
}

int
store_seal(struct store *st, char **cause)
{
	if (!store_journal_is(st, "PRAGMA journal_mode = DELETE", "delete")) {
		*cause = store_errmsg(st, "データベースを仕上げられません");
		if (st->fault == STORE_FAULT_NONE || st->fault == STORE_FAULT_OTHER)
			st->fault = STORE_FAULT_OTHER;
		return -1;
	}
	return 0;
}

int
store_journal_rollback(struct store *st)
{
	int	is;

	/* With the database's group held (secure group mode), SQLite would
	 * make and remove the journal beside it in the middle of the load,
	 * with the user's own ids, which cannot write the data directory:
	 * the load goes through the log, whose files the opening made. */
	if (st->readonly || !sqlite3_get_autocommit(st->db) || priv_held())
		return 0;
	/* Another connection holds the log open: the file stays as it is,
	 * at once, rather than waiting for it. */
	sqlite3_busy_timeout(st->db, 0);
	is = store_journal_is(st, "PRAGMA journal_mode = DELETE", "delete");
	sqlite3_busy_timeout(st->db, st->busy_timeout_ms);
	return is;
}

void
store_journal_wal(struct store *st)
{
	/* (When a reader of the shell holds the file, it stays as it is
	 * until the next opening puts the log back.) */
	(void)store_journal_is(st, "PRAGMA journal_mode = WAL", "wal");
}

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

/* Names who holds the lock when /proc/locks tells: a writer of a WAL
 * database holds byte 120 of the -shm, of a rollback journal the
 * RESERVED byte of the database. NULL when unknown. */
static char *
store_lock_holder(struct store *st)
{
	struct lockholder_file	f[2];

	f[0].dev = st->shm_dev;
	f[0].ino = st->shm_ino;
	f[0].byte = 120;
	f[1].dev = st->db_dev;
	f[1].ino = st->db_ino;
	f[1].byte = 0x40000001LL;
	return lockholder_describe(f, 2);
}

/* The fault an SQLite result code stands for; errno_v is the system's
 * errno of the failed call (sqlite3_system_errno). */
static enum store_fault
store_fault_of(int code, int errno_v)
{
	switch (code & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_FAULT_BUSY;
	case SQLITE_FULL:
		return STORE_FAULT_FULL;
	case SQLITE_CORRUPT:
		return STORE_FAULT_DAMAGED;
	case SQLITE_NOTADB:
		return STORE_FAULT_NOTDB;
	case SQLITE_PERM:
	case SQLITE_AUTH:
	case SQLITE_READONLY:
		return STORE_FAULT_ACCESS;
	case SQLITE_CANTOPEN:
	case SQLITE_IOERR:
		if (errno_v == ENOSPC || errno_v == EDQUOT)
			return STORE_FAULT_FULL;
		if (errno_v == EACCES || errno_v == EPERM || errno_v == EROFS)
			return STORE_FAULT_ACCESS;
		if (errno_v == ENOENT)
			return STORE_FAULT_MISSING;
		return STORE_FAULT_OTHER;
	default:
		return STORE_FAULT_OTHER;
	}
}

/* What is denied: the directory on the way, the file, or the directory
 * where SQLite makes -wal and -shm; a message (malloc'd) looked at with
 * the ids in effect. */
static char *
store_denied_where(const char *path, int write)
{
	const char	*slash = strrchr(path, '/');
	char		*dir, *out;

	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	if (faccessat(AT_FDCWD, dir, X_OK, AT_EACCESS) != 0 && errno == EACCES)
		out = xasprintf("ディレクトリ %s に入る権限がありません", dir);
	else if (faccessat(AT_FDCWD, path, write ? R_OK | W_OK : R_OK,
	    AT_EACCESS) != 0 && (errno == EACCES || errno == EROFS))
		out = xasprintf("%s に%s権限がありません%s", path,
		    write ? "書き込む" : "読む",
		    errno == EROFS ? "（読み取り専用のファイルシステム）" : "");
	else
		out = xasprintf("ディレクトリ %s に書き込む権限がありません"
		    "（SQLite は -wal と -shm をデータベースの隣に作ります）", dir);
	free(dir);
	return out;
}

char *
store_errmsg(struct store *st, const char *what)
{
	int	 code = sqlite3_extended_errcode(st->db);
	char	*who, *where, *msg;

	st->fault = store_fault_of(code, sqlite3_system_errno(st->db));
	switch (st->fault) {
	case STORE_FAULT_BUSY:
		who = store_lock_holder(st);
		msg = xasprintf("%s: 他の担当者が更新中です%s%s%s。しばらくして"
		    "からもう一度お試しください", what, who ? "（" : "",
		    who ? who : "", who ? "が使用中）" : "");
		free(who);
		return msg;
	case STORE_FAULT_ACCESS:
		/* A write cut short left its journal: only a connection that
		 * may write can put the file back as it was. */
		if (code == SQLITE_READONLY_ROLLBACK && st->path != NULL)
			return xasprintf("%s: 前回の書き込みが途中で終わったまま"
			    "です（%s-journal が残っています）。このファイルに"
			    "書き込める利用者が shisaku で一度開くと元に戻り、"
			    "読めるようになります", what, st->path);
		if ((code & 0xff) == SQLITE_READONLY && st->readonly)
			return xasprintf("%s: 読み取り専用で開いています", what);
		if ((code & 0xff) == SQLITE_READONLY && !st->readonly &&
		    code != SQLITE_READONLY_DIRECTORY && st->path != NULL) {
			where = store_denied_where(st->path, 1);
			msg = xasprintf("%s: データベースに書き込めません: %s",
			    what, where);
			free(where);
			return msg;
		}
		if (st->path != NULL) {
			where = store_denied_where(st->path, !st->readonly);
			msg = xasprintf("%s: %s", what, where);
			free(where);
			return msg;
		}
		return xasprintf("%s: 権限がありません（%s）", what,
		    sqlite3_errmsg(st->db));
	case STORE_FAULT_DAMAGED:
	case STORE_FAULT_NOTDB:
		return xasprintf("%s: データベースが壊れています（%s）。shisaku check"
		    " で確かめ、shisaku backup の複製から戻してください", what,
		    sqlite3_errmsg(st->db));
	case STORE_FAULT_FULL:
		return xasprintf("%s: ディスクがいっぱいです。空きを作ってからもう一度"
		    "お試しください（入力は失われていません）", what);
	default:
		return xasprintf("%s: %s", what, sqlite3_errmsg(st->db));
	}
}

enum store_fault
store_last_fault(struct store *st)
{
	return st->fault;
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

	st->fault = STORE_FAULT_NONE;
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
	if (rc == SQLITE_OK) {
		/* What the write notes for the search, it folds. */
		search_index_mark(st);
		return 0;
	}
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
	/* The indicator list's rates the write made untrue, computed again
	 * in the same transaction (db/migrate-12.sql), then the plans
	 * list's figures (db/migrate-9.sql: their indicators' outcomes are
	 * counted from those rates where they are kept) and the folded
	 * texts of the nodes it changed, for the search (db/migrate-13.sql),
	 * and the years of the plans whose data it changed (migrate-17). */
	if (!sqlite3_get_autocommit(st->db))
		store_span_refresh(st);
	if (!sqlite3_get_autocommit(st->db) &&
	    (store_indfig_refresh(st) != 0 || browse_figures_refresh(st) != 0 ||
	    search_index_refresh(st) != 0)) {
		if (cause)
			*cause = store_errmsg(st, "保存できません");
		store_rollback(st);
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
		store_refusals_flush(st);
		return 0;
	}
	/* A failed statement may have ended the transaction already
	 * (SQLite rolls back on a full disk or an I/O error). */
	if (sqlite3_get_autocommit(st->db)) {
		if (cause)
			*cause = xstrdup("保存できません: 書き込みの途中で取り消され"
			    "ました（何も書き込んでいません）");
		store_refusals_flush(st);
		return -1;
	}
	rc = store_commit(st, cause);
	/* The refusals are kept whatever became of the batch. */
	store_refusals_flush(st);
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

	/* An up-to-date file needs no write lock: opening it never waits
	 * for another clerk's write. */
	if (store_file_version(st) >= NMIGRATIONS)
		return 0;
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
		/* The indicator list's rates of the years the file keeps,
		 * computed in C (db/migrate-12.sql). */
		if (migrations[version] == shisaku_migrate_12_sql &&
		    store_indfig_keep_years(st, 0, fy_of_time(time(NULL), 4),
		    cause) != 0)
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

/* The size the header of an SQLite file says it has (page size times the
 * page count), or -1 when the header does not say (an old writer left the
 * count stale: offset 92 differs from the change counter at 24). */
static long long
store_header_size(const unsigned char *h)
{
	long long	page = ((long long)h[16] << 8) | h[17];
	long long	pages = ((long long)h[28] << 24) | (h[29] << 16) |
			    (h[30] << 8) | h[31];

	if (page == 1)
		page = 65536;
	if (memcmp(h + 24, h + 92, 4) != 0 || page < 512 || pages == 0)
		return -1;
	return page * pages;
}

/* Whether the file beside the database with suffix has content. */
static int
store_probe_beside(const char *path, const char *suffix)
{
	struct stat	 sb;
	char		*name = xasprintf("%s%s", path, suffix);
	int		 has;

	has = stat(name, &sb) == 0 && sb.st_size > 0;
	free(name);
	return has;
}

/* Whether the file is shorter than its header says. Only when neither
 * the WAL nor a rollback journal has content: while a checkpoint copies
 * pages, or a load through a journal (store_journal_rollback) writes
 * them, the header may already tell a size the file is still growing
 * to; and a journal a killed load left is rolled back by SQLite's first
 * read, which gives the file its size again. */
static int
store_probe_short(const char *path, const unsigned char *head, off_t size)
{
	long long	 want = store_header_size(head);

	if (want < 0 || (long long)size >= want)
		return 0;
	return !store_probe_beside(path, "-wal") &&
	    !store_probe_beside(path, "-journal");
}

/* Whether faccessat failed for want of permission (or of a writable
 * file system), not for another reason. */
static int
store_denied_errno(int err)
{
	return err == EACCES || err == EPERM || err == EROFS;
}

/*
 * Whether the user can write the database at path, looked at with the
 * ids in effect: the file itself, and the directory where SQLite makes
 * -wal and -shm unless both are there already and writable. NULL when
 * so, else the reason with the path (malloc'd) and *brief its short form.
 */
static char *
store_unwritable(const char *path, const char **brief)
{
	const char	*slash = strrchr(path, '/');
	char		*dir, *wal, *shm, *out = NULL;
	int		 err;

	if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0 &&
	    store_denied_errno(err = errno)) {
		if (err == EROFS) {
			*brief = "読み取り専用のファイルシステム";
			return xasprintf("%s は読み取り専用のファイルシステムにあり"
			    "ます", path);
		}
		*brief = "ファイルに書込権限なし";
		return xasprintf("%s に書き込む権限がありません", path);
	}
	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	wal = xasprintf("%s-wal", path);
	shm = xasprintf("%s-shm", path);
	if (faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) != 0 &&
	    store_denied_errno(err = errno) &&
	    (faccessat(AT_FDCWD, wal, R_OK | W_OK, AT_EACCESS) != 0 ||
	    faccessat(AT_FDCWD, shm, R_OK | W_OK, AT_EACCESS) != 0)) {
		*brief = err == EROFS ? "読み取り専用のファイルシステム" :
		    "ディレクトリに書込権限なし";
		out = xasprintf("ディレクトリ %s に書き込む権限がありません"
		    "（-wal と -shm を作れません）", dir);
	}
	free(shm);
	free(wal);
	free(dir);
	return out;
}

/*
 * The name to open a database the user cannot write with: a URI with
 * immutable=1 when nothing beside it says that someone has it open or
 * left a write unfinished (no -wal, no -journal), so that SQLite reads
 * the file as it is and creates no -wal or -shm of the reader's in a
 * directory others share; else NULL, and the file is opened read-only as
 * usual, reading the WAL others keep.
 */
static char *
store_readonly_name(const char *path)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct stat		 sb;
	char			*name, *uri, *p;
	const char		*c;
	int			 busy;

	name = xasprintf("%s-wal", path);
	busy = lstat(name, &sb) == 0 || errno != ENOENT;
	free(name);
	name = xasprintf("%s-journal", path);
	busy = busy || lstat(name, &sb) == 0 || errno != ENOENT;
	free(name);
	if (busy)
		return NULL;
	uri = xmalloc(strlen(path) * 3 + sizeof "file:?immutable=1");
	p = uri + sprintf(uri, "file:");
	for (c = path; *c != '\0'; c++) {
		unsigned char	u = (unsigned char)*c;

		/* A second slash at the start would read as an authority. */
		if ((u < 0x80 && (isalnum(u) || strchr("-._~", u) != NULL)) ||
		    (u == '/' && !(c == path + 1 && path[0] == '/')))
			*p++ = (char)u;
		else {
			*p++ = '%';
			*p++ = hex[u >> 4];
			*p++ = hex[u & 15];
		}
	}
	strcpy(p, "?immutable=1");
	return uri;
}

/*
 * Looks at the file before SQLite does, with the ids in effect, to name
 * the real cause of a failure: missing, a directory on the way that
 * cannot be entered, no permission, not a regular file, empty, not an
 * SQLite file, or cut short. Sets *magic when the file begins as an
 * SQLite file, *empty when it has no bytes, and for STORE_OPEN_READONLY
 * and STORE_OPEN_BROWSE *nowrite (malloc'd) and *brief when the user
 * cannot write it. Returns 0 or -1 with *fault and *cause.
 */
static int
store_probe(const char *path, enum store_open_mode mode, int *magic,
    int *empty, char **nowrite, const char **brief, enum store_fault *fault,
    char **cause)
{
	unsigned char	 head[100];
	struct stat	 sb;
	ssize_t		 n;
	size_t		 got = 0;
	int		 fd, err;
	char		*where;

	*magic = *empty = 0;
	*nowrite = NULL;
	if ((where = outfile_companion_of(path)) != NULL) {
		*fault = STORE_FAULT_NOTDB;
		*cause = xasprintf("%s: データベース %s の隣に SQLite が置く作業"
		    "ファイルの名前です。データベースのファイルを指定してください",
		    path, where);
		free(where);
		return -1;
	}
	if (stat(path, &sb) != 0) {
		err = errno;
		if (err == ENOENT && mode == STORE_OPEN_CREATE) {
			*empty = 1;
			return 0;
		}
		if (err == ENOENT) {
			*fault = STORE_FAULT_MISSING;
			*cause = xasprintf("%s: データベースがありません（shisaku -d "
			    "%s init で作成できます）", path, path);
		} else if (err == EACCES) {
			*fault = STORE_FAULT_ACCESS;
			where = store_denied_where(path, 0);
			*cause = xasprintf("%s: 開けません: %s", path, where);
			free(where);
		} else if (err == ENOTDIR) {
			*fault = STORE_FAULT_MISSING;
			*cause = xasprintf("%s: データベースがありません（途中が"
			    "ディレクトリではありません）", path);
		} else if (err == ELOOP) {
			*fault = STORE_FAULT_OTHER;
			*cause = xasprintf("%s: 開けません: シンボリックリンクが"
			    "循環しています", path);
		} else {
			*fault = STORE_FAULT_OTHER;
			*cause = xasprintf("%s: 開けません: %s", path, strerror(err));
		}
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		*fault = STORE_FAULT_NOTDB;
		*cause = xasprintf("%s: 通常のファイルではありません（%s）。"
		    "shisaku のデータベースではありません", path,
		    S_ISDIR(sb.st_mode) ? "ディレクトリ" : "FIFO・デバイスなど");
		return -1;
	}
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)) < 0) {
		err = errno;
		if (err == EACCES || err == EPERM) {
			*fault = STORE_FAULT_ACCESS;
			where = store_denied_where(path, 0);
			*cause = xasprintf("%s: 開けません: %s", path, where);
			free(where);
		} else {
			*fault = STORE_FAULT_OTHER;
			*cause = xasprintf("%s: 開けません: %s", path,
			    strerror(err));
		}
		return -1;
	}
	while (got < sizeof head) {
		n = read(fd, head + got, sizeof head - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	/* No SQLite lock is held yet, so closing loses none. */
	close(fd);
	if (got == 0) {
		*empty = 1;
		if (mode == STORE_OPEN_CREATE)
			return 0;
		*fault = STORE_FAULT_NOTDB;
		*cause = xasprintf("%s: 空のファイル（0 バイト）です。shisaku の"
		    "データベースではありません（作るのは shisaku init です）",
		    path);
		return -1;
	}
	if (got < 16 || memcmp(head, STORE_SQLITE_MAGIC, 16) != 0) {
		*fault = STORE_FAULT_NOTDB;
		*cause = xasprintf("%s: SQLite のファイルではありません"
		    "（shisaku のデータベースではありません）", path);
		return -1;
	}
	*magic = 1;
	if (got < sizeof head) {
		*fault = STORE_FAULT_DAMAGED;
		*cause = xasprintf("%s: データベースが途中で切れています（%zu "
		    "バイト）。shisaku backup の複製から戻してください", path, got);
		return -1;
	}
	if (store_probe_short(path, head, sb.st_size)) {
		*fault = STORE_FAULT_DAMAGED;
		*cause = xasprintf("%s: データベースが途中で切れています（%lld "
		    "バイト、あるべき大きさは %lld バイト）。shisaku backup の"
		    "複製から戻してください", path, (long long)sb.st_size,
		    store_header_size(head));
		return -1;
	}
	if (mode == STORE_OPEN_READONLY || mode == STORE_OPEN_BROWSE) {
		*nowrite = store_unwritable(path, brief);
		return 0;
	}
	if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0 &&
	    (errno == EACCES || errno == EROFS)) {
		*fault = STORE_FAULT_ACCESS;
		where = store_denied_where(path, 1);
		*cause = xasprintf("%s: 開けません: %s", path, where);
		free(where);
		return -1;
	}
	return 0;
}

/* Turns the failure of an SQLite call while opening into the fault and
 * message. */
static void
store_open_failed(struct store *st, const char *path, int magic,
    enum store_fault *fault, char **cause)
{
	char	*msg;

	msg = store_errmsg(st, path);
	if (st->fault == STORE_FAULT_NOTDB && magic) {
		/* It starts as an SQLite file: what follows is damaged. */
		st->fault = STORE_FAULT_DAMAGED;
		free(msg);
		msg = xasprintf("%s: データベースが壊れているか途中で切れています"
		    "（%s）。shisaku backup の複製から戻してください", path,
		    sqlite3_errmsg(st->db));
	} else if (st->fault == STORE_FAULT_NOTDB) {
		free(msg);
		msg = xasprintf("%s: SQLite のファイルではありません", path);
	}
	*fault = st->fault;
	*cause = msg;
}

/* Is the opened file ours (or empty, to be made ours)? */
static int
check_identity(struct store *st, const char *path, enum store_open_mode mode,
    int magic, enum store_fault *fault, char **cause)
{
	sqlite3_stmt	*s;
	int		 app = 0, version = 0, tables = -1, rc;

	/* The first read: the -wal and -shm are opened here. */
	rc = sqlite3_prepare_v2(st->db, "SELECT (SELECT application_id FROM"
	    " pragma_application_id), (SELECT user_version FROM"
	    " pragma_user_version), (SELECT count(*) FROM sqlite_master)",
	    -1, &s, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW) {
			app = sqlite3_column_int(s, 0);
			version = sqlite3_column_int(s, 1);
			tables = sqlite3_column_int(s, 2);
			rc = SQLITE_OK;
		}
		sqlite3_finalize(s);
	}
	if (rc != SQLITE_OK) {
		store_open_failed(st, path, magic, fault, cause);
		return -1;
	}
	if (app == 0 && version == 0) {
		if (tables != 0) {
			*fault = STORE_FAULT_NOTDB;
			*cause = xasprintf("%s: shisaku のデータベースではありません"
			    "（他のアプリケーションの SQLite ファイルです）", path);
			return -1;
		}
		if (mode != STORE_OPEN_CREATE) {
			*fault = STORE_FAULT_NOTDB;
			*cause = xasprintf("%s: 空の SQLite ファイルです。shisaku の"
			    "データベースではありません（作るのは shisaku init です）",
			    path);
			return -1;
		}
		return 0;
	}
	if ((unsigned)app != STORE_APPLICATION_ID) {
		*fault = STORE_FAULT_NOTDB;
		*cause = xasprintf("%s: shisaku のデータベースではありません"
		    "（application_id %d）", path, app);
		return -1;
	}
	if (version > NMIGRATIONS) {
		*fault = STORE_FAULT_NEWER;
		*cause = xasprintf("%s: このデータベースは新しい版の shisaku で作られました"
		    "（スキーマ %d、この版は %d まで）。shisaku を更新してください",
		    path, version, NMIGRATIONS);
		return -1;
	}
	return 0;
}

/* Keeps the device and inode of the database and its -shm, to name who
 * holds a lock later (the group may not be held then). */
static void
store_note_files(struct store *st)
{
	struct stat	 sb;
	char		*shm;

	if (stat(st->path, &sb) == 0) {
		st->db_dev = sb.st_dev;
		st->db_ino = sb.st_ino;
	}
	shm = xasprintf("%s-shm", st->path);
	if (stat(shm, &sb) == 0) {
		st->shm_dev = sb.st_dev;
		st->shm_ino = sb.st_ino;
	}
	free(shm);
}

static struct store *
store_open_raised(const char *path, enum store_open_mode mode,
    int busy_timeout_ms, enum store_fault *fault, char **cause)
{
	struct store	*st;
	const char	*brief = NULL;
	char		*nowrite, *name = NULL;
	int		 flags, rc, magic, empty;

	if (store_probe(path, mode, &magic, &empty, &nowrite, &brief, fault,
	    cause) != 0)
		return NULL;
	/* A read-only open is still a read-write connection, kept from
	 * writing by PRAGMA query_only: a reader closing last then folds
	 * the WAL in and removes -wal and -shm like any other, instead of
	 * leaving them behind. Only a database the user cannot write is
	 * opened by a read-only connection. */
	flags = SQLITE_OPEN_READWRITE;
	if (mode == STORE_OPEN_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	if (nowrite != NULL) {
		flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
		name = store_readonly_name(path);
	}
	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->readonly = mode == STORE_OPEN_READONLY || nowrite != NULL;
	st->nowrite_why = nowrite;
	st->nowrite_brief = brief;
	st->busy_timeout_ms = busy_timeout_ms;
	/* Without a URI, a name that looks like one is still a file name. */
	rc = sqlite3_open_v2(name != NULL ? name : path, &st->db,
	    flags | SQLITE_OPEN_NOMUTEX, NULL);
	free(name);
	if (st->db == NULL) {
		free(st->nowrite_why);
		free(st->path);
		free(st);
		*fault = STORE_FAULT_OTHER;
		*cause = xasprintf("%s: 開けません: メモリ不足", path);
		return NULL;
	}
	sqlite3_extended_result_codes(st->db, 1);
	if (rc != SQLITE_OK) {
		store_open_failed(st, path, magic, fault, cause);
		goto fail;
	}
	sqlite3_busy_timeout(st->db, busy_timeout_ms);
	store_note_files(st);
	if (check_identity(st, path, mode, magic, fault, cause) != 0)
		goto fail;
	/* WAL persists in the file; FULL survives power loss in WAL mode. */
	if (!st->readonly && store_exec(st, "PRAGMA journal_mode = WAL;",
	    NULL) != SQLITE_OK) {
		store_open_failed(st, path, magic, fault, cause);
		goto fail;
	}
	if (store_exec(st, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
	    NULL) != SQLITE_OK) {
		store_open_failed(st, path, magic, fault, cause);
		goto fail;
	}
	/* An older file is brought up to date first, even by a reader;
	 * one the user cannot write stays as it is, and is not read. */
	if (st->nowrite_why != NULL &&
	    store_file_version(st) < NMIGRATIONS) {
		*fault = STORE_FAULT_ACCESS;
		*cause = xasprintf("%s: 古い版の shisaku のデータベースです（スキーマ"
		    " %d）。新しい版に上げる書き込みができません: %s", path,
		    store_file_version(st), st->nowrite_why);
		goto fail;
	}
	/* The migrations fold texts with the search's functions. */
	if (search_register(st, cause) != 0 || migrate(st, cause) != 0) {
		*fault = st->fault != STORE_FAULT_NONE ? st->fault :
		    STORE_FAULT_OTHER;
		goto fail;
	}
	if (st->readonly && store_exec(st, "PRAGMA query_only = 1", NULL) !=
	    SQLITE_OK) {
		store_open_failed(st, path, magic, fault, cause);
		goto fail;
	}
	store_note_files(st);
	st->fault = STORE_FAULT_NONE;
	return st;
fail:
	store_close(st);
	return NULL;
}

void
store_set_cache_mib(struct store *st, int mib)
{
	char	*sql = xasprintf("PRAGMA cache_size = -%d", mib * 1024);

	/* (A negative size is in KiB; it cannot fail on an open file.) */
	(void)store_exec(st, sql, NULL);
	free(sql);
}

struct store *
store_open_fault(const char *path, enum store_open_mode mode,
    int busy_timeout_ms, enum store_fault *fault, char **cause)
{
	struct store	*st;
	enum store_fault f = STORE_FAULT_NONE;

	/* A new database is the user's own; an existing one is opened with
	 * the group in secure group mode (privilege.h says why this is
	 * enough for its -wal and -shm too). */
	if (mode != STORE_OPEN_CREATE)
		priv_raise();
	st = store_open_raised(path, mode, busy_timeout_ms, &f, cause);
	if (mode != STORE_OPEN_CREATE)
		priv_lower();
	if (fault != NULL)
		*fault = f;
	return st;
}

struct store *
store_open(const char *path, enum store_open_mode mode, int busy_timeout_ms,
    char **cause)
{
	return store_open_fault(path, mode, busy_timeout_ms, NULL, cause);
}

void
store_close(struct store *st)
{
	if (st == NULL)
		return;
	store_stmt_cache_free(st);
	figs_memo_free(st);
	store_refusals_clear(st);
	/* The last connection checkpoints and removes -wal and -shm, which
	 * takes write access to the data directory. */
	priv_raise();
	sqlite3_close(st->db);
	priv_lower();
	free(st->nowrite_why);
	free(st->path);
	free(st);
}

const char *
store_readonly_why(struct store *st, int brief)
{
	if (st == NULL || st->nowrite_why == NULL)
		return NULL;
	return brief ? st->nowrite_brief : st->nowrite_why;
}

/* How a copy the triggers keep for the screens is mended when found
 * wrong: the plan written out and read back whole. */
#define INVARIANT_MEND_BY_RELOAD					\
	"。その計画を export で書き出し、import --replace で読み込み直すと直ります"

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
	{ "SELECT p.code || ' ' || n.key FROM node_dept nd"
	  " JOIN node n ON n.id = nd.node_id JOIN plan p ON p.id = n.plan_id"
	  " WHERE nd.plan_id IS NOT n.plan_id",
	  "担当課の割当てに記録された計画が施策の計画と違います（絞り込みの"
	  "担当課の選択肢がこの記録に従います"
	  INVARIANT_MEND_BY_RELOAD "）" },
	/* (A copy kept by triggers for the filter by department,
	 * db/migrate-27.sql.) */
	{ "SELECT p.code || ' ' || n.key FROM node_dept nd"
	  " JOIN node n ON n.id = nd.node_id JOIN plan p ON p.id = n.plan_id"
	  " WHERE nd.parent_id IS NOT n.parent_id OR nd.depth IS NOT n.depth"
	  " OR nd.node_ord IS NOT n.ord OR nd.first_fy IS NOT n.first_fy"
	  " OR nd.last_fy IS NOT n.last_fy",
	  "担当課の割当てに記録された施策の位置か期間が施策と違います（施策"
	  "体系の担当課の絞り込みがこの記録に従います"
	  INVARIANT_MEND_BY_RELOAD "）" },
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
	/* (Copies kept by triggers for the screens' reads,
	 * db/migrate-24.sql and db/migrate-25.sql.) */
	{ "SELECT p.code || ' ' || i.key FROM indicator i JOIN plan p ON p.id = i.plan_id"
	  " LEFT JOIN node n ON n.id = i.node_id WHERE i.depth IS NOT n.depth",
	  "指標に記録された階層が施策の階層と違います（見出しの指標の集計と"
	  "企画担当の「自分の担当」がこの記録に従います"
	  INVARIANT_MEND_BY_RELOAD "）" },
	{ "SELECT p.code || ' ' || n.key || ' ' || f.key FROM node_flag nf"
	  " JOIN node n ON n.id = nf.node_id JOIN plan_flag f ON f.id = nf.flag_id"
	  " JOIN plan p ON p.id = n.plan_id WHERE nf.plan_id IS NOT n.plan_id"
	  " OR nf.parent_id IS NOT n.parent_id OR nf.depth IS NOT n.depth"
	  " OR nf.ord IS NOT n.ord OR nf.first_fy IS NOT n.first_fy"
	  " OR nf.last_fy IS NOT n.last_fy",
	  "区分の印に記録された施策の位置か期間が施策と違います（施策体系の"
	  "区分の絞り込みがこの記録に従います"
	  INVARIANT_MEND_BY_RELOAD "）" },
	{ "SELECT p.code || ' ' || n.key || ' ' || r.fy FROM result r"
	  " JOIN node n ON n.id = r.node_id JOIN plan p ON p.id = n.plan_id"
	  " WHERE (r.state = 'confirmed' AND r.confirmed_by = '')",
	  "確認済の実績に確認者がありません" },
	/* (Set by the program with each submission, db/migrate-18.sql;
	 * read from the index of the entries waiting.) */
	{ "SELECT p.code || ' ' || n.key || ' ' || r.fy FROM result r"
	  " JOIN node n ON n.id = r.node_id JOIN plan p ON p.id = n.plan_id"
	  " WHERE r.state = 'submitted' AND r.submitted_at = ''",
	  "提出済の実績に提出の時刻がありません（自分の仕事の確認待ちで最も"
	  "古い提出として先頭に並びます。確認か差戻しをすれば解消します）" },
	{ "SELECT p.code || ' ' || i.key || ' ' || a.fy FROM indicator_actual a"
	  " JOIN indicator i ON i.id = a.indicator_id"
	  " JOIN plan p ON p.id = i.plan_id"
	  " WHERE a.state = 'submitted' AND a.submitted_at = ''",
	  "提出済の指標の実績値に提出の時刻がありません（自分の仕事の確認待ちで"
	  "最も古い提出として先頭に並びます。確認か差戻しをすれば解消します）" },
	{ "SELECT p.code || ' ' || i.key || ' ' || t.fy FROM indicator_target t"
	  " JOIN indicator i ON i.id = t.indicator_id JOIN plan p ON p.id = i.plan_id"
	  " WHERE t.num IS NOT NULL AND t.txt GLOB '*[^0-9.,+-]*'",
	  "目標値が数値と文字の両方を持っています" },
	/* The search's index (db/migrate-13.sql): a row per node, kept in
	 * the write that changes the node. */
	{ "SELECT p.code || ' ' || n.key FROM node n JOIN plan p ON p.id = n.plan_id"
	  " WHERE NOT EXISTS (SELECT 1 FROM search_text_content c"
	  " WHERE c.id = n.id)",
	  "検索の索引に施策がありません" },
	{ "SELECT c.id FROM search_text_content c"
	  " WHERE NOT EXISTS (SELECT 1 FROM node n WHERE n.id = c.id)",
	  "検索の索引に施策のない行があります" },
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
	t.nstages = 4 + ninv;
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
	/* The figures kept for the screens, counted again. */
	if ((n = browse_figures_check(st, report, arg, cause)) < 0)
		goto out;
	problems += n;
	store_progress(st, ++t.stage, t.nstages);
	if ((n = store_span_check(st, report, arg, cause)) < 0)
		goto out;
	problems += n;
	store_progress(st, ++t.stage, t.nstages);
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

	/* dest is the caller's file, opened with the user's own ids. */
	st->fault = STORE_FAULT_OTHER;
	if (sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		*cause = xasprintf("%s: 作成できません: %s", dest,
		    out != NULL ? sqlite3_errmsg(out) : "メモリ不足");
		if (out != NULL)
			st->fault = store_fault_of(sqlite3_extended_errcode(out),
			    sqlite3_system_errno(out));
		sqlite3_close(out);
		return -1;
	}
	b = sqlite3_backup_init(out, "main", st->db, "main");
	if (b == NULL) {
		*cause = xasprintf("%s: %s", dest, sqlite3_errmsg(out));
		sqlite3_close(out);
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
		st->fault = store_fault_of(rc, sqlite3_system_errno(out));
		if (st->fault == STORE_FAULT_FULL)
			*cause = xasprintf("%s: 複製できません: ディスクがいっぱいです"
			    "（何も置いていません）", dest);
		else
			*cause = xasprintf("%s: 複製できません: %s", dest,
			    sqlite3_errstr(rc));
		sqlite3_close(out);
		return -1;
	}
	if (sqlite3_close(out) != SQLITE_OK) {
		*cause = xasprintf("%s: 複製を閉じられません", dest);
		return -1;
	}
	st->fault = STORE_FAULT_NONE;
	return 0;
}
