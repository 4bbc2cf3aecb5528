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
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	DONE();
}
