/*
 * Drafts through the store: written as typed (several lines, Japanese),
 * read back by user, form and year; a second draft of the same form
 * replaces the first; each user's drafts are their own; dropped on
 * request; gone with their item when a plan is deleted; and nothing else
 * in the database changes. Run from the top of the source tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fixture.h"
#include "harness.h"
#include "peek.h"
#include "shisaku/store-draft.h"
#include "shisaku/store.h"
#include "shisaku/util.h"

static char dir[] = "/tmp/shisaku-test-store-draft-XXXXXX";
static char *db_path;
static struct store *st;
static long long node1, ind1;

static const char plan_text[] =
    "shisaku-plan,1\n"
    "plan,y,試験プラン,2021,2025,試験市,\n"
    "level,y,1,取組\n"
    "node,y,1,,No.1,市民参画,,2021,2025,,,\n"
    "indicator,y,1-1,1,講座の回数,,回,増加,,,,50回,2025,,\n";

static struct draft *
get(const char *login, enum draft_kind kind, long long id, int fy)
{
	struct draft	*d = NULL;
	char		*cause = NULL;

	if (store_draft_get(st, login, kind, id, fy, &d, &cause) != 0) {
		fprintf(stderr, "get: %s\n", cause);
		free(cause);
	}
	return d;
}

TEST(test_put_get_replace)
{
	struct draft	 d = { 0 }, *got;
	char		*cause = NULL, *who;

	CHECK(get("sato", DRAFT_RESULT, node1, 2021) == NULL);
	d.base_ver = 3;
	draft_add(&d, "text", "一行目\n　二行目");
	draft_add(&d, "actual:7", "４２回");
	draft_add(&d, "grade", NULL);
	CHECK_INT(store_draft_put(st, "sato", DRAFT_RESULT, node1, 2021, &d,
	    &cause), 0);
	draft_clear(&d);
	got = get("sato", DRAFT_RESULT, node1, 2021);
	CHECK(got != NULL);
	if (got != NULL) {
		CHECK_INT(got->base_ver, 3);
		CHECK_INT(strlen(got->saved_at), 19);
		CHECK_STR(draft_get(got, "text"), "一行目\n　二行目");
		CHECK_STR(draft_get(got, "actual:7"), "４２回");
		CHECK_STR(draft_get(got, "grade"), "");
		CHECK(draft_get(got, "comment") == NULL);
	}
	store_draft_free(got);
	/* Another year, another user, another form: none of them. */
	CHECK(get("sato", DRAFT_RESULT, node1, 2022) == NULL);
	CHECK(get("tanaka", DRAFT_RESULT, node1, 2021) == NULL);
	CHECK(get("sato", DRAFT_ACTUAL, node1, 2021) == NULL);
	/* A second draft replaces the first. */
	d.base_ver = 4;
	draft_add(&d, "text", "書き直し");
	CHECK_INT(store_draft_put(st, "sato", DRAFT_RESULT, node1, 2021, &d,
	    &cause), 0);
	draft_clear(&d);
	got = get("sato", DRAFT_RESULT, node1, 2021);
	CHECK(got != NULL && got->base_ver == 4 && got->nfields == 1);
	if (got != NULL)
		CHECK_STR(draft_get(got, "text"), "書き直し");
	store_draft_free(got);
	CHECK_INT(q_int("SELECT count(*) FROM draft"), 1);
	CHECK_INT(q_int("SELECT count(*) FROM draft_field"), 1);
	who = q_text("SELECT login || '|' || kind || '|' || fy FROM draft");
	CHECK_STR(who, "sato|result|2021");
	free(who);
}

TEST(test_actual_and_drop)
{
	struct draft	 d = { 0 }, *got;
	char		*cause = NULL;

	draft_add(&d, "value", "７件");
	draft_add(&d, "note", "4月から");
	CHECK_INT(store_draft_put(st, "sato", DRAFT_ACTUAL, ind1, 2021, &d,
	    &cause), 0);
	CHECK_INT(store_draft_put(st, "tanaka", DRAFT_ACTUAL, ind1, 2021, &d,
	    &cause), 0);
	draft_clear(&d);
	got = get("sato", DRAFT_ACTUAL, ind1, 2021);
	CHECK(got != NULL);
	if (got != NULL)
		CHECK_STR(draft_get(got, "value"), "７件");
	store_draft_free(got);
	CHECK_INT(store_draft_drop(st, "sato", DRAFT_ACTUAL, ind1, 2021, &cause), 0);
	CHECK(get("sato", DRAFT_ACTUAL, ind1, 2021) == NULL);
	/* Only that one. */
	got = get("tanaka", DRAFT_ACTUAL, ind1, 2021);
	CHECK(got != NULL);
	store_draft_free(got);
	/* Dropping what is not there is fine. */
	CHECK_INT(store_draft_drop(st, "sato", DRAFT_ACTUAL, ind1, 2021, &cause), 0);
	CHECK_INT(q_int("SELECT count(*) FROM history"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM result"), 0);
}

/* The planner's forms: a node's and an indicator's own, and those of a
 * record being added, each a draft of its own even where the ids agree,
 * at fy 0; the plan's own go to plan_id. */
TEST(test_planner_forms)
{
	static const enum draft_kind kinds[] = {
		DRAFT_NODE, DRAFT_NODE_AFTER, DRAFT_NODE_BELOW,
		DRAFT_INDICATOR_NODE, DRAFT_INDICATOR, DRAFT_NODE_FIRST,
		DRAFT_INDICATOR_PLAN
	};
	struct draft	 d = { 0 }, *got;
	char		*cause = NULL, name[16];
	long long	 plan = q_int("SELECT id FROM plan"), id;
	size_t		 i;

	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		id = kinds[i] == DRAFT_INDICATOR ? ind1 :
		    kinds[i] == DRAFT_NODE_FIRST ||
		    kinds[i] == DRAFT_INDICATOR_PLAN ? plan : node1;
		snprintf(name, sizeof name, "form %zu", i);
		draft_add(&d, "title", name);
		draft_add(&d, "target:2021", "４０回");
		d.base_ver = (int)i;
		CHECK_INT(store_draft_put(st, "kikaku", kinds[i], id, 0, &d,
		    &cause), 0);
		draft_clear(&d);
	}
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		id = kinds[i] == DRAFT_INDICATOR ? ind1 :
		    kinds[i] == DRAFT_NODE_FIRST ||
		    kinds[i] == DRAFT_INDICATOR_PLAN ? plan : node1;
		snprintf(name, sizeof name, "form %zu", i);
		got = get("kikaku", kinds[i], id, 0);
		CHECK(got != NULL);
		if (got != NULL) {
			CHECK_STR(draft_get(got, "title"), name);
			CHECK_STR(draft_get(got, "target:2021"), "４０回");
			CHECK_INT(got->base_ver, (int)i);
		}
		store_draft_free(got);
	}
	CHECK_INT(q_int("SELECT count(*) FROM draft WHERE login = 'kikaku'"
	    " AND plan_id IS NOT NULL"), 2);
	CHECK_INT(q_int("SELECT count(*) FROM draft WHERE login = 'kikaku'"
	    " AND node_id IS NOT NULL"), 4);
	/* Nobody else's, and no results form of the same item. */
	CHECK(get("sato", DRAFT_NODE, node1, 0) == NULL);
	CHECK(get("kikaku", DRAFT_RESULT, node1, 0) == NULL);
	CHECK_INT(store_draft_drop(st, "kikaku", DRAFT_NODE_AFTER, node1, 0,
	    &cause), 0);
	CHECK(get("kikaku", DRAFT_NODE_AFTER, node1, 0) == NULL);
	got = get("kikaku", DRAFT_NODE_BELOW, node1, 0);
	CHECK(got != NULL);
	store_draft_free(got);
}

TEST(test_gone_with_the_plan)
{
	CHECK(q_int("SELECT count(*) FROM draft") > 0);
	CHECK_INT(sqlite3_exec(raw, "PRAGMA foreign_keys = ON; DELETE FROM plan",
	    NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(q_int("SELECT count(*) FROM draft"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM draft_field"), 0);
}

int
main(void)
{
	if ((st = fixture_setup(dir, plan_text, NULL, &db_path)) == NULL ||
	    peek_open(db_path) != 0) {
		fprintf(stderr, "cannot load the test plan\n");
		return 1;
	}
	node1 = q_int("SELECT id FROM node WHERE key = '1'");
	ind1 = q_int("SELECT id FROM indicator WHERE key = '1-1'");

	RUN(test_put_get_replace);
	RUN(test_actual_and_drop);
	RUN(test_planner_forms);
	RUN(test_gone_with_the_plan);

	sqlite3_close(raw);
	fixture_teardown(st, dir, db_path);
	DONE();
}
