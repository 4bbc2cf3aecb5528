/*
 * What the two tests of the kept figures (test-plan-figures.c, the plans
 * list's; test-node-figures.c, the headings') share beside
 * kept-writes.h: the store's own workflow on a result, checked after each
 * step. Included once, after kept-writes.h.
 */
#ifndef SHISAKU_TEST_WORKFLOW_WRITES_H
#define SHISAKU_TEST_WORKFLOW_WRITES_H

#include "shisaku/store-result.h"
#include "shisaku/store-user.h"

/*
 * The store's own workflow on the last node of the plan loaded, as its
 * roles make it: a planner opens 2024 and every year is kept, then a
 * result of 2024 is saved, submitted, returned, submitted again and
 * confirmed. check (0 when the figures agree) is called after the keep
 * and after each step, with what was done.
 */
static void
workflow_checked(struct store *st, int (*check)(struct store *,
    const char *))
{
	struct result_entry	*e = NULL, *cur = NULL;
	char			*cause = NULL;
	int			 changed;

	CHECK_INT(store_user_put(st, "kikaku", "企画", ROLE_PLANNER, NULL, 0,
	    &cause), 0);
	CHECK_INT(store_year_set_open(st, 2024, 1, "kikaku", &changed, &cause),
	    0);
	CHECK_INT(keep_all(st), 0);
	CHECK_INT(check(st, "the import"), 0);
	CHECK_INT(store_result_load(st, q_long(store_db(st),
	    "SELECT MAX(id) FROM node"), 2024, &e, &cause), 0);
	if (e == NULL) {
		free(cause);
		return;
	}
	e->status = "in_progress";
	free(e->grade);
	e->grade = xstrdup("B");
	CHECK_INT(store_result_save(st, e, "kikaku", e->ver, &cur, &cause), 0);
	CHECK_INT(check(st, "a save"), 0);
	CHECK_INT(store_result_submit(st, e, "kikaku", e->ver, &cur, &cause),
	    0);
	CHECK_INT(check(st, "a submission"), 0);
	CHECK_INT(store_result_return(st, e, "kikaku", e->ver, "直して",
	    &cur, &cause), 0);
	CHECK_INT(check(st, "a return"), 0);
	CHECK_INT(store_result_submit(st, e, "kikaku", e->ver, &cur, &cause),
	    0);
	CHECK_INT(store_result_confirm(st, e, "kikaku", e->ver, &cur, &cause),
	    0);
	CHECK_INT(check(st, "a confirmation"), 0);
	if (cause != NULL)
		fprintf(stderr, "%s\n", cause);
	free(cause);
	store_result_free(e);
}

#endif
