/*
 * A screen keeps what it read when a screen above it closes, unless the
 * database changed meanwhile: the mark of store-change.h sees a write of
 * this connection (a result saved in the form above) and a commit of
 * another program (a clerk elsewhere), and nothing else: reading, and a
 * write rolled back before it changed a row, leave it as it was.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fixture.h"
#include "harness.h"
#include "peek.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-change.h"
#include "shisaku/store.h"

static char dir[] = "/tmp/shisaku-test-change-XXXXXX";
static char path[128];

static const char plan[] =
	"shisaku-plan,1\n"
	"plan,t,計画,2021,2025,市,\n"
	"level,t,1,取組\n"
	"node,t,1,,No.1,取組一,,,,,,\n";

TEST(mark_sees_writes_and_nothing_else)
{
	struct store		*st = fixture_store(path, plan, NULL);
	struct store_mark	 m, never = { 0, 0, 0 };
	struct browse_plan	*plans = NULL;
	size_t			 n = 0;
	char			*cause = NULL;

	CHECK(st != NULL);
	if (st == NULL)
		return;
	CHECK(sqlite3_open(path, &raw) == SQLITE_OK);
	store_mark_take(st, &m);
	CHECK_INT(store_mark_changed(st, &m), 0);
	CHECK_INT(store_mark_changed(st, &never), 1);

	/* Reading, as the screens do, is no change. */
	CHECK_INT(browse_plans(st, 2022, 2024, &plans, &n, &cause), 0);
	browse_plans_free(plans, n);
	CHECK_INT(store_mark_changed(st, &m), 0);

	/* Another program commits. */
	CHECK_INT(sqlite3_exec(raw, "UPDATE node SET title = '取組一の二'", NULL,
	    NULL, NULL), SQLITE_OK);
	CHECK_Q("取組一の二", "SELECT title FROM node");
	CHECK_INT(store_mark_changed(st, &m), 1);

	/* This connection writes. */
	store_mark_take(st, &m);
	CHECK_INT(store_mark_changed(st, &m), 0);
	CHECK_INT(sqlite3_exec(store_db(st), "UPDATE node SET code = 'No.01'",
	    NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(store_mark_changed(st, &m), 1);
	CHECK_INT(q_int("SELECT count(*) FROM node WHERE code = 'No.01'"), 1);

	/* A write begun and rolled back before any row changed. */
	store_mark_take(st, &m);
	CHECK_INT(store_begin(st, &cause), 0);
	store_rollback(st);
	CHECK_INT(store_mark_changed(st, &m), 0);

	sqlite3_close(raw);
	store_close(st);
}

/* While another program holds the file for a write through a rollback
 * journal (as the first import into an empty file does), the question
 * is answered "not yet" (the busy timeout is not waited for: a read
 * would wait and then fail, which said "changed", and a screen read
 * again for nothing); once the write commits, the change is seen. */
TEST(mark_does_not_wait_for_a_journal_write)
{
	struct store		*st = fixture_store(path, plan, NULL);
	struct store_mark	 m, busy;
	sqlite3			*writer = NULL;
	char			*cause = NULL;

	CHECK(st != NULL);
	if (st == NULL)
		return;
	store_close(st);
	/* The file left in a rollback journal's mode, as a killed first
	 * import leaves it; a reader's opening keeps it so. */
	CHECK(sqlite3_open(path, &writer) == SQLITE_OK);
	CHECK_INT(sqlite3_exec(writer, "PRAGMA journal_mode = DELETE", NULL,
	    NULL, NULL), SQLITE_OK);
	st = store_open(path, STORE_OPEN_READONLY, 3000, &cause);
	CHECK(st != NULL);
	if (st == NULL) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		sqlite3_close(writer);
		return;
	}
	store_mark_take(st, &m);
	CHECK(m.valid);
	CHECK_INT(sqlite3_exec(writer, "BEGIN EXCLUSIVE; UPDATE node SET"
	    " title = '取組一の三'", NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(store_mark_changed(st, &m), 0);
	store_mark_take(st, &busy);
	CHECK(!busy.valid);
	CHECK_INT(store_mark_changed(st, &busy), 0);
	CHECK_INT(sqlite3_exec(writer, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(store_mark_changed(st, &m), 1);
	CHECK_INT(store_mark_changed(st, &busy), 1);
	sqlite3_close(writer);
	store_close(st);
}

int
main(void)
{
	char	*cmd;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof path, "%s/change.db", dir);
	RUN(mark_sees_writes_and_nothing_else);
	RUN(mark_does_not_wait_for_a_journal_write);
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	DONE();
}
