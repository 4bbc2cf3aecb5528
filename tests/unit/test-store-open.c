/*
 * Opening the database names the real cause: a missing file, an empty
 * one, a file that is not SQLite, one cut short, another application's,
 * a newer schema, a database locked by another connection (and by whom;
 * permissions are checked as other logins in tests/checks/secure-group.sh); a read-only open never creates or
 * changes anything; outputs that are SQLite files are refused; and the
 * holders of a lock are read from /proc/locks.
 */
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "harness.h"
#include "shisaku/lockholder.h"
#include "shisaku/outfile.h"
#include "shisaku/store.h"
#include "shisaku/store-user.h"
#include "shisaku/util.h"

static char dir[64];

static char *
path_of(const char *name)
{
	static char	p[256];

	snprintf(p, sizeof p, "%s/%s", dir, name);
	return p;
}

static void
write_file(const char *path, const void *data, size_t len)
{
	FILE	*f = fopen(path, "wb");

	if (f == NULL)
		return;
	fwrite(data, 1, len, f);
	fclose(f);
}

/* Opens path and returns the fault (NONE when it opened). */
static enum store_fault
open_fault(const char *path, enum store_open_mode mode, char **cause)
{
	struct store	*st;
	enum store_fault f = STORE_FAULT_OTHER;

	*cause = NULL;
	st = store_open_fault(path, mode, 200, &f, cause);
	if (st != NULL) {
		store_close(st);
		return STORE_FAULT_NONE;
	}
	return f;
}

static long long
file_size(const char *path)
{
	struct stat	sb;

	return stat(path, &sb) == 0 ? (long long)sb.st_size : -1;
}

/* A fresh database at name; returns 0 on success. */
static int
make_db(const char *name)
{
	struct store	*st;
	char		*cause = NULL;

	unlink(path_of(name));
	if ((st = store_open(path_of(name), STORE_OPEN_CREATE, 200, &cause)) == NULL) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return -1;
	}
	store_close(st);
	return 0;
}

TEST(test_missing)
{
	char	*cause;

	CHECK_INT(open_fault(path_of("none.db"), STORE_OPEN_EXISTING, &cause),
	    STORE_FAULT_MISSING);
	CHECK(cause != NULL && strstr(cause, "データベースがありません") != NULL);
	free(cause);
	CHECK_INT(open_fault(path_of("none.db"), STORE_OPEN_READONLY, &cause),
	    STORE_FAULT_MISSING);
	free(cause);
	CHECK(access(path_of("none.db"), F_OK) != 0);
}

TEST(test_empty_file_is_not_a_database)
{
	char	*cause;

	write_file(path_of("empty.db"), "", 0);
	CHECK_INT(open_fault(path_of("empty.db"), STORE_OPEN_EXISTING, &cause),
	    STORE_FAULT_NOTDB);
	CHECK(cause != NULL && strstr(cause, "0 バイト") != NULL);
	free(cause);
	CHECK_INT(open_fault(path_of("empty.db"), STORE_OPEN_READONLY, &cause),
	    STORE_FAULT_NOTDB);
	free(cause);
	/* Never turned into a database without a planner. */
	CHECK_INT(file_size(path_of("empty.db")), 0);
	CHECK(access(path_of("empty.db-wal"), F_OK) != 0);
	/* Only the mode init uses takes it. */
	CHECK_INT(open_fault(path_of("empty.db"), STORE_OPEN_CREATE, &cause),
	    STORE_FAULT_NONE);
	CHECK(file_size(path_of("empty.db")) > 0);
}

TEST(test_not_sqlite)
{
	char	*cause;

	write_file(path_of("text.db"), "code,name\nyuki,結城\n", 22);
	CHECK_INT(open_fault(path_of("text.db"), STORE_OPEN_EXISTING, &cause),
	    STORE_FAULT_NOTDB);
	CHECK(cause != NULL && strstr(cause, "SQLite のファイルではありません") != NULL);
	free(cause);
	CHECK_INT(open_fault(dir, STORE_OPEN_EXISTING, &cause), STORE_FAULT_NOTDB);
	CHECK(cause != NULL && strstr(cause, "ディレクトリ") != NULL);
	free(cause);
}

TEST(test_truncated)
{
	char	*cause, *data = NULL;
	size_t	 len;
	FILE	*f;

	if (make_db("whole.db") != 0) {
		CHECK(0);
		return;
	}
	f = fopen(path_of("whole.db"), "rb");
	data = malloc(1 << 20);
	len = f != NULL ? fread(data, 1, 1 << 20, f) : 0;
	if (f != NULL)
		fclose(f);
	CHECK(len > 8192);
	write_file(path_of("cut.db"), data, 4096);
	CHECK_INT(open_fault(path_of("cut.db"), STORE_OPEN_EXISTING, &cause),
	    STORE_FAULT_DAMAGED);
	CHECK(cause != NULL && strstr(cause, "途中で切れています") != NULL);
	free(cause);
	write_file(path_of("cut2.db"), data, 60);
	CHECK_INT(open_fault(path_of("cut2.db"), STORE_OPEN_READONLY, &cause),
	    STORE_FAULT_DAMAGED);
	free(cause);
	free(data);
}

TEST(test_other_application_and_newer)
{
	sqlite3	*db;
	char	*cause;

	unlink(path_of("other.db"));
	if (sqlite3_open(path_of("other.db"), &db) == SQLITE_OK)
		sqlite3_exec(db, "CREATE TABLE t (x)", NULL, NULL, NULL);
	sqlite3_close(db);
	CHECK_INT(open_fault(path_of("other.db"), STORE_OPEN_EXISTING, &cause),
	    STORE_FAULT_NOTDB);
	CHECK(cause != NULL && strstr(cause, "他のアプリケーション") != NULL);
	free(cause);

	if (make_db("newer.db") != 0) {
		CHECK(0);
		return;
	}
	if (sqlite3_open(path_of("newer.db"), &db) == SQLITE_OK)
		sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL);
	sqlite3_close(db);
	CHECK_INT(open_fault(path_of("newer.db"), STORE_OPEN_READONLY, &cause),
	    STORE_FAULT_NEWER);
	CHECK(cause != NULL && strstr(cause, "新しい版") != NULL);
	free(cause);
}

TEST(test_readonly_writes_nothing)
{
	struct store	*st;
	char		*cause = NULL;
	struct stat	 before, after;

	if (make_db("r.db") != 0) {
		CHECK(0);
		return;
	}
	stat(path_of("r.db"), &before);
	st = store_open(path_of("r.db"), STORE_OPEN_READONLY, 200, &cause);
	CHECK(st != NULL);
	if (st != NULL) {
		CHECK(store_user_put(st, "x", "", ROLE_PLANNER, NULL, 0,
		    &cause) != 0);
		CHECK(cause != NULL && strstr(cause, "読み取り専用") != NULL);
		store_close(st);
	}
	free(cause);
	stat(path_of("r.db"), &after);
	CHECK(before.st_mtime == after.st_mtime && before.st_size == after.st_size);
	/* Closing the last connection leaves no -wal or -shm behind. */
	CHECK(access(path_of("r.db-wal"), F_OK) != 0);
	CHECK(access(path_of("r.db-shm"), F_OK) != 0);
}

/* The interface's page cache is the size it is given ([database]
 * cache_mib), not SQLite's default. */
TEST(test_cache_size_set)
{
	struct store	*st;
	sqlite3_stmt	*s;
	char		*cause = NULL;
	long long	 kib = 0;

	if (make_db("c.db") != 0) {
		CHECK(0);
		return;
	}
	st = store_open(path_of("c.db"), STORE_OPEN_BROWSE, 200, &cause);
	CHECK(st != NULL);
	if (st == NULL) {
		free(cause);
		return;
	}
	store_set_cache_mib(st, 24);
	if (sqlite3_prepare_v2(store_db(st), "PRAGMA cache_size", -1, &s,
	    NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			kib = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	CHECK(kib == -24 * 1024);
	store_close(st);
}

TEST(test_busy_names_the_holder)
{
	struct store	*st;
	sqlite3		*db;
	char		*cause = NULL, want[64], c = 0;
	int		 held[2], done[2], status;
	pid_t		 pid;

	if (make_db("busy.db") != 0 || pipe(held) != 0 || pipe(done) != 0) {
		CHECK(0);
		return;
	}
	st = store_open(path_of("busy.db"), STORE_OPEN_EXISTING, 100, &cause);
	CHECK(st != NULL);
	if (st == NULL)
		return;
	/* Another process holds the write lock until told to stop. */
	if ((pid = fork()) == 0) {
		if (sqlite3_open(path_of("busy.db"), &db) != SQLITE_OK ||
		    sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
			_exit(1);
		if (write(held[1], "x", 1) != 1 || read(done[0], &c, 1) != 1)
			_exit(1);
		_exit(0);
	}
	CHECK(read(held[0], &c, 1) == 1);
	CHECK_INT(store_begin(st, &cause), STORE_BUSY);
	CHECK_INT(store_last_fault(st), STORE_FAULT_BUSY);
	CHECK(cause != NULL && strstr(cause, "他の担当者が更新中です") != NULL);
	snprintf(want, sizeof want, "（PID %ld）が使用中", (long)pid);
	if (cause == NULL || strstr(cause, want) == NULL)
		FAIL_AT("the holder is not named: %s", cause ? cause : "(null)");
	free(cause);
	CHECK(write(done[1], "x", 1) == 1);
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	close(held[0]);
	close(held[1]);
	close(done[0]);
	close(done[1]);
	store_close(st);
}

static char *
fake_login(pid_t pid)
{
	char	*s = malloc(32);

	snprintf(s, 32, "user%ld", (long)pid);
	return s;
}

TEST(test_lockholder_parse)
{
	static const char locks[] =
	    "1: POSIX  ADVISORY  READ 111 fd:01:5678 128 128\n"
	    "2: POSIX  ADVISORY  WRITE 222 fd:01:5678 120 120\n"
	    "3: POSIX  ADVISORY  WRITE 333 fd:01:9999 120 120\n"
	    "3: -> POSIX  ADVISORY  WRITE 444 fd:01:5678 120 120\n"
	    "4: FLOCK  ADVISORY  WRITE 555 fd:01:5678 0 EOF\n"
	    "5: POSIX  ADVISORY  WRITE 666 fd:01:1234 1073741824 1073742335\n"
	    "6: POSIX  ADVISORY  WRITE 777 fd:01:5678 123 127\n";
	struct lockholder_file	 f[2];
	char			*who;

	f[0].dev = makedev(0xfd, 1);
	f[0].ino = 5678;
	f[0].byte = 120;
	f[1].dev = makedev(0xfd, 1);
	f[1].ino = 1234;
	f[1].byte = 0x40000001LL;
	who = lockholder_parse(locks, f, 2, 999, fake_login);
	CHECK_STR(who, "user222（PID 222）、user666（PID 666）");
	free(who);
	/* Our own locks are not someone else's. */
	who = lockholder_parse(locks, f, 1, 222, fake_login);
	CHECK(who == NULL);
	free(who);
	CHECK(lockholder_parse("", f, 2, 1, fake_login) == NULL);
}

TEST(test_output_refusals)
{
	char	*cause = NULL, *out, *db, *wal, *csv;

	if (make_db("out.db") != 0) {
		CHECK(0);
		return;
	}
	out = strdup(path_of("out.db"));
	db = strdup(path_of("x.db"));
	wal = strdup(path_of("x.db-wal"));
	csv = strdup(path_of("plain.csv"));
	CHECK(outfile_is_sqlite(out));
	/* Any SQLite file, not only the database in use. */
	CHECK(outfile_refuse(out, db, &cause) != 0);
	CHECK(cause != NULL && strstr(cause, "SQLite のデータベースです") != NULL);
	free(cause);
	cause = NULL;
	CHECK(outfile_refuse(wal, db, &cause) != 0);
	CHECK(cause != NULL && strstr(cause, "データベースのファイル") != NULL);
	free(cause);
	cause = NULL;
	write_file(csv, "a,b\n", 4);
	CHECK(!outfile_is_sqlite(csv));
	CHECK(outfile_refuse(csv, out, &cause) == 0);
	CHECK(outfile_refuse("-", out, &cause) == 0);
	free(out);
	free(db);
	free(wal);
	free(csv);
}

TEST(test_temp_place)
{
	char	*tmp = NULL, *cause = NULL;

	unlink(path_of("placed"));
	CHECK(outfile_temp_new(path_of("placed"), 0640, 0, &tmp, &cause, NULL) == 0);
	if (tmp == NULL)
		return;
	write_file(tmp, "whole", 5);
	CHECK(outfile_temp_place(tmp, path_of("placed"), 0, &cause, NULL) == 0);
	CHECK_INT(file_size(path_of("placed")), 5);
	CHECK(access(tmp, F_OK) != 0);
	free(tmp);
	/* An existing file is never replaced, and the temporary goes. */
	CHECK(outfile_temp_new(path_of("placed"), 0640, 0, &tmp, &cause, NULL) == 0);
	CHECK(outfile_temp_place(tmp, path_of("placed"), 1, &cause, NULL) != 0);
	CHECK(cause != NULL && strstr(cause, "既にあります") != NULL);
	CHECK(access(tmp, F_OK) != 0);
	CHECK_INT(file_size(path_of("placed")), 5);
	free(cause);
	free(tmp);
	/* An empty one may be, when asked. */
	write_file(path_of("was-empty"), "", 0);
	CHECK(outfile_temp_new(path_of("was-empty"), 0640, 0, &tmp, &cause, NULL) == 0);
	write_file(tmp, "new", 3);
	CHECK(outfile_temp_place(tmp, path_of("was-empty"), 1, &cause, NULL) == 0);
	CHECK_INT(file_size(path_of("was-empty")), 3);
	free(tmp);
}

/* What an output may be written under, and why not. */
TEST(test_output_check)
{
	enum outfile_fault	 f;
	char			*target = NULL, *cause = NULL, *dir_path;

	write_file(path_of("plain.csv"), "old", 3);
	CHECK_INT(outfile_check(path_of("plain.csv"), 1, &target, &cause, &f), 0);
	CHECK_INT(f, OUTFILE_OK);
	CHECK(target != NULL && strstr(target, "plain.csv") != NULL);
	free(target);
	CHECK_INT(outfile_check(path_of("plain.csv"), 0, &target, &cause, &f), -1);
	CHECK_INT(f, OUTFILE_EXISTS);
	free(cause);
	CHECK_INT(outfile_check("/dev/null", 1, &target, &cause, &f), -1);
	CHECK_INT(f, OUTFILE_BADPATH);
	CHECK(cause != NULL && strstr(cause, "デバイス") != NULL);
	free(cause);
	dir_path = xstrdup(path_of(""));
	CHECK_INT(outfile_check(dir_path, 1, &target, &cause, &f), -1);
	CHECK(cause != NULL && strstr(cause, "ディレクトリです") != NULL);
	free(cause);
	free(dir_path);
	CHECK_INT(outfile_check("a\nb.csv", 1, &target, &cause, &f), -1);
	CHECK(cause != NULL && strstr(cause, "制御文字") != NULL);
	free(cause);
	CHECK_INT(outfile_check(path_of("none/x.csv"), 1, &target, &cause, &f), -1);
	CHECK_INT(f, OUTFILE_BADPATH);
	free(cause);
	/* A link is followed: the file it leads to is the one written. */
	unlink(path_of("link.csv"));
	CHECK_INT(symlink("plain.csv", path_of("link.csv")), 0);
	CHECK_INT(outfile_check(path_of("link.csv"), 1, &target, &cause, &f), 0);
	CHECK(target != NULL && strstr(target, "/plain.csv") != NULL);
	free(target);
	{
		struct outfile_stream	*os;
		size_t			 rep;

		os = outfile_stream_open(path_of("link.csv"), 0, 0, &cause,
		    &f);
		CHECK(os != NULL);
		if (os != NULL) {
			fputs("new!", outfile_stream_fp(os));
			CHECK_INT(outfile_stream_close(os, 1, &rep, &cause,
			    &f), 0);
		}
	}
	CHECK_INT(file_size(path_of("plain.csv")), 4);
	{
		struct stat	sb;

		CHECK(lstat(path_of("link.csv"), &sb) == 0 && S_ISLNK(sb.st_mode));
	}
	/* Never a device: nothing is replaced. */
	CHECK(outfile_stream_open("/dev/null", 0, 0, &cause, &f) == NULL);
	CHECK_INT(f, OUTFILE_BADPATH);
	free(cause);
	{
		struct stat	sb;

		CHECK(stat("/dev/null", &sb) == 0 && S_ISCHR(sb.st_mode));
	}
}

int
main(void)
{
	char	cmd[128];

	snprintf(dir, sizeof dir, "/tmp/shisaku-test-open-XXXXXX");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	RUN(test_missing);
	RUN(test_output_check);
	RUN(test_empty_file_is_not_a_database);
	RUN(test_not_sqlite);
	RUN(test_truncated);
	RUN(test_other_application_and_newer);
	RUN(test_readonly_writes_nothing);
	RUN(test_cache_size_set);
	RUN(test_busy_names_the_holder);
	RUN(test_lockholder_parse);
	RUN(test_output_refusals);
	RUN(test_temp_place);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	DONE();
}
