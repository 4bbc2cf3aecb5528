/*
 * The plan tree's figures of each heading the file keeps
 * (db/migrate-11.sql) always equal those counted in full from the items
 * and their results: the four sample plans are loaded, their figures of
 * every year kept, and after each kind of write (results saved,
 * submitted, confirmed, returned and deleted, actuals, targets, yearly
 * plans, nodes added, moved, given a period and deleted, levels,
 * departments, a plan's period, years opened and closed, an import and
 * an import --replace) the tree read as the screen reads it, every node
 * opened, is compared with the tree read whole and counted, heading by
 * heading, plan by plan and year by year. A year nothing keeps is
 * counted when read, and must give the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fixture.h"
#include "harness.h"
#include "shisaku/fy.h"
#include "shisaku/planfile.h"
#include "shisaku/store-browse.h"
#include "shisaku/summary.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-result.h"
#include "shisaku/store-user.h"
#include "shisaku/store.h"
#include "shisaku/util.h"
#include "kept-writes.h"
#include "workflow-writes.h"
#include "tree-compare.h"

#define STR_(x) #x
#define STR(x) STR_(x)

static int
id_cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* Compares one plan's tree of fy read as the screen reads it, every node
 * opened, with the tree read whole; *kept says whether the headings'
 * figures were those kept. Returns how many nodes differ. */
static int
compare_tree(struct store *st, long long plan, int fy, const char *what,
    int *kept)
{
	struct browse_tree	*full = NULL, *view = NULL;
	long long		*open;
	size_t			 nopen = 0, i;
	char			*cause = NULL;
	int			 bad = 0;

	*kept = 0;
	if (browse_tree_open(st, plan, fy, TODAY_FY, &full, &cause) != 0) {
		fprintf(stderr, "%s: %s\n", what, cause);
		free(cause);
		return 1;
	}
	browse_tree_summarize(full, scale, 4);
	open = xcalloc(full->nnodes + 1, sizeof *open);
	for (i = 0; i < full->nnodes; i++)
		if (!full->nodes[i].is_item)
			open[nopen++] = full->nodes[i].id;
	qsort(open, nopen, sizeof *open, id_cmp);
	if (browse_tree_view(st, plan, fy, TODAY_FY, scale, 4, BROWSE_ANY,
	    open, nopen, &view, &cause) != 0) {
		fprintf(stderr, "%s: %s\n", what, cause);
		free(cause);
		free(open);
		browse_tree_free(full);
		return 1;
	}
	*kept = view->kept;
	/* (The nodes below the top are read when drawn.) */
	if (fresh_all(st, view) != 0)
		bad++;
	if (view->nnodes != full->nnodes) {
		fprintf(stderr, "after %s: plan %lld in %d: %zu nodes read, "
		    "%zu in the whole\n", what, plan, fy, view->nnodes,
		    full->nnodes);
		bad++;
	} else
		for (i = 0; i < full->nnodes; i++)
			if (!same_node(view, &view->nodes[i], full,
			    &full->nodes[i])) {
				fprintf(stderr, "after %s: plan %lld in %d: "
				    "node %lld: read %ld items %ld entered "
				    "%ld behind, counted %ld %ld %ld (%s)\n",
				    what, plan, fy, full->nodes[i].id,
				    view->nodes[i].items,
				    view->nodes[i].entered,
				    view->nodes[i].behind,
				    full->nodes[i].items,
				    full->nodes[i].entered,
				    full->nodes[i].behind, view->kept ?
				    "kept" : "counted");
				bad++;
			}
	free(open);
	browse_tree_free(view);
	browse_tree_free(full);
	return bad;
}

/* The shown nodes of a tree in order, one after the other. */
static long
next_shown(const struct browse_tree *t, long i)
{
	for (; i < (long)t->nnodes; i++)
		if (t->nodes[i].shown)
			return i;
	return -1;
}

/* Compares, under filter f, the tree read for the filter with the tree
 * read whole: the same nodes shown in the same order with the same
 * counts and figures. Returns how many differ. */
static int
compare_filter(struct store *st, long long plan, int fy,
    const struct browse_filter *f, const char *what)
{
	struct browse_tree	*full = NULL, *part = NULL;
	char			*cause = NULL;
	long			 i = 0, j = 0;
	int			 bad = 0;

	if (browse_tree_open(st, plan, fy, TODAY_FY, &full, &cause) != 0 ||
	    browse_tree_filtered(st, plan, fy, TODAY_FY, scale, 4, f, &part,
	    &cause) != 0) {
		fprintf(stderr, "%s: %s\n", what, cause);
		free(cause);
		browse_tree_free(full);
		return 1;
	}
	browse_tree_summarize(full, scale, 4);
	browse_tree_count(full, f);
	/* (Each node as the screen reads it when it is drawn.) */
	if (fresh_all(st, part) != 0)
		bad++;
	for (;;) {
		i = next_shown(full, i);
		j = next_shown(part, j);
		if (i < 0 || j < 0)
			break;
		if (!same_node(part, &part->nodes[j], full, &full->nodes[i])) {
			fprintf(stderr, "%s: plan %lld in %d, filter %lld/%d/%d:"
			    " node %lld (%ld items) where %lld (%ld items)\n",
			    what, plan, fy, f->dept_id, f->flag,
			    (int)f->which, part->nodes[j].id,
			    part->nodes[j].items, full->nodes[i].id,
			    full->nodes[i].items);
			bad++;
			break;
		}
		i++;
		j++;
	}
	if (i >= 0 || j >= 0) {
		fprintf(stderr, "%s: plan %lld in %d, filter %lld/%d/%d: "
		    "shown nodes differ in number\n", what, plan, fy,
		    f->dept_id, f->flag, (int)f->which);
		bad++;
	}
	browse_tree_free(part);
	browse_tree_free(full);
	return bad;
}

/* Every department in charge and every flag of every plan, alone and
 * with a status, in a few years. */
static int
compare_filters(struct store *st, const char *what)
{
	static const enum browse_which whiches[] = {
		BROWSE_ANY, BROWSE_MISSING, BROWSE_SUBMITTED, BROWSE_BEHIND,
		BROWSE_IN_PROGRESS, BROWSE_DRAFT, BROWSE_CONFIRMED,
		BROWSE_RETURNED
	};
	struct browse_plan	*p = NULL;
	struct browse_tree	*t = NULL;
	struct browse_filter	 f;
	size_t			 np = 0, i, d, w;
	char			*cause = NULL;
	int			 fy, fl, bad = 0;

	if (browse_plans(st, FIRST_FY, TODAY_FY, &p, &np, &cause) != 0) {
		fprintf(stderr, "%s: %s\n", what, cause);
		free(cause);
		return 1;
	}
	for (fy = 2022; fy <= 2026; fy += 2)
		for (i = 0; i < np; i++) {
			if (browse_tree_open(st, p[i].id, fy, TODAY_FY, &t,
			    &cause) != 0) {
				free(cause);
				cause = NULL;
				bad++;
				continue;
			}
			for (w = 0; w < sizeof whiches / sizeof whiches[0];
			    w++) {
				memset(&f, 0, sizeof f);
				f.which = whiches[w];
				for (d = 0; d < t->ndepts; d++) {
					f.dept_id = t->depts[d].id;
					f.flag = -1;
					bad += compare_filter(st, p[i].id, fy,
					    &f, what);
					f.flag = 0;
					if (t->nflags > 0)
						bad += compare_filter(st,
						    p[i].id, fy, &f, what);
				}
				f.dept_id = 0;
				for (fl = 0; fl < (int)t->nflags; fl++) {
					f.flag = fl;
					bad += compare_filter(st, p[i].id, fy,
					    &f, what);
				}
			}
			browse_tree_free(t);
			t = NULL;
		}
	browse_plans_free(p, np);
	return bad;
}

/* Compares every plan's tree of every year; *nkept counts the plan-years
 * whose headings' figures were kept. Returns how many nodes differ. */
static int
compare(struct store *st, const char *what, long *nkept)
{
	struct browse_plan	*p = NULL;
	size_t			 np = 0, i;
	char			*cause = NULL;
	int			 fy, bad = 0, kept;

	if (nkept != NULL)
		*nkept = 0;
	if (browse_plans(st, FIRST_FY, TODAY_FY, &p, &np, &cause) != 0) {
		fprintf(stderr, "%s: %s\n", what, cause);
		free(cause);
		return 1;
	}
	for (fy = FIRST_FY; fy <= LAST_FY; fy++)
		for (i = 0; i < np; i++) {
			bad += compare_tree(st, p[i].id, fy, what, &kept);
			if (nkept != NULL)
				*nkept += kept;
		}
	browse_plans_free(p, np);
	return bad;
}

TEST(test_kept_figures_equal_the_full_count)
{
	struct store	*st, *ro;
	sqlite3		*db;
	char		*cause = NULL;
	size_t		 i;
	long		 kept, all;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	db = store_db(st);
	/* The import keeps the headings' figures of the year today falls
	 * in, with the plans', and those of the other years within ten of
	 * it of each plan with a period (db/migrate-14.sql); the others are
	 * counted when read. */
	CHECK(q_long(db, "SELECT COUNT(*) FROM node_fig") > 0);
	CHECK_INT(compare(st, "the import", &kept), 0);
	CHECK(kept > (long)NSAMPLES);
	CHECK_INT(kept, (long)NSAMPLES + q_long(db, "SELECT COUNT(*) FROM"
	    " plan_fig WHERE recount = 0 AND items_valid = 1 AND fy BETWEEN "
	    STR(FIRST_FY) " AND " STR(LAST_FY)));
	/* Every year kept, then every kind of write. */
	CHECK_INT(keep_all(st), 0);
	all = (long)NSAMPLES * (LAST_FY - FIRST_FY + 1);
	CHECK_INT(compare(st, "keeping every year", &kept), 0);
	CHECK_INT(kept, all);
	for (i = 0; i < sizeof writes / sizeof writes[0]; i++) {
		write_sql(st, writes[i].sql);
		if (compare(st, writes[i].what, &kept) != 0)
			FAIL_AT("%s: kept figures differ", writes[i].what);
		/* (A plan whose level names go deeper than its nodes has
		 * no items: nothing to keep of its headings.) */
		if (kept < all - (long)(LAST_FY - FIRST_FY + 1))
			FAIL_AT("%s: %ld plan-years kept", writes[i].what,
			    kept);
	}
	/* The file agrees with itself after all that. */
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM node_fig WHERE n < 0"), 0);
	/* A filter by department or flag reads what it can show, and
	 * shows what the whole tree does: also with a department named
	 * twice on one node, and nodes whose departments' order is not
	 * that of their rows. */
	CHECK_INT(compare_filters(st, "the filters"), 0);
	write_sql(st, "INSERT INTO node_dept (node_id, dept_id, is_main,"
	    " ord) SELECT node_id, dept_id, 0, ord + 1 FROM node_dept"
	    " WHERE id = (SELECT MIN(id) FROM node_dept)");
	write_sql(st, "UPDATE node_dept SET ord = -id WHERE node_id IN"
	    " (SELECT node_id FROM node_dept GROUP BY node_id"
	    " HAVING COUNT(*) > 1)");
	CHECK(q_long(db, "SELECT COUNT(*) FROM (SELECT 1 FROM node_dept"
	    " GROUP BY node_id, dept_id HAVING COUNT(*) > 1)") > 0);
	CHECK_INT(compare_filters(st, "a department named twice"), 0);
	/* An import of a plan again, and one that replaces it. */
	CHECK_INT(load(st, samples + 3, 1, 1), 0);
	CHECK_INT(compare(st, "import --replace", NULL), 0);
	/* (Its marks take their nodes' places by the trigger, which such a
	 * load keeps, db/migrate-25.sql: the filters read those.) */
	CHECK_INT(compare_filters(st, "import --replace"), 0);
	CHECK_INT(keep_all(st), 0);
	/* Written behind the store's back, marked and never counted again:
	 * the tree counts what is marked when it is read. */
	raw(db, "UPDATE result SET state = 'draft' WHERE fy = 2024");
	raw(db, "UPDATE node SET last_fy = 2026 WHERE id % 3 = 0");
	CHECK(q_long(db, "SELECT COUNT(*) FROM plan_fig WHERE items_valid = 0")
	    > 0);
	ro = store_open(dbpath, STORE_OPEN_READONLY, 1000, &cause);
	CHECK(ro != NULL);
	if (ro != NULL) {
		CHECK_INT(compare(ro, "writes behind the store, read only",
		    NULL), 0);
		store_close(ro);
	}
	/* The store's next write counts them again. */
	write_sql(st, "UPDATE fiscal_year SET is_open = 1 WHERE fy = 2025");
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM plan_fig WHERE"
	    " items_valid = 0 OR ind_valid = 0"), 0);
	CHECK_INT(compare(st, "the next write", &kept), 0);
	CHECK(kept >= all - (long)(LAST_FY - FIRST_FY + 1));
	store_close(st);
}

/* compare, with every plan-year's figures kept (the plan loaded has
 * items). */
static int
compare_all_kept(struct store *st, const char *what)
{
	long	kept;
	int	bad = compare(st, what, &kept);

	if (kept != LAST_FY - FIRST_FY + 1) {
		fprintf(stderr, "%s: %ld plan-years kept\n", what, kept);
		bad++;
	}
	return bad;
}

/* The store's own workflow: a result saved, submitted, confirmed and
 * returned by their roles, each keeping the figures. */
TEST(test_workflow_keeps_the_figures)
{
	struct store	*st;
	sqlite3		*db;

	if ((st = sample_store(samples + 3, 1)) == NULL)
		return;
	db = store_db(st);
	workflow_checked(st, compare_all_kept);
	/* Each heading above the item counts it confirmed. */
	CHECK(q_long(db, "SELECT COUNT(*) FROM result WHERE fy = 2024"
	    " AND state = 'confirmed'") > 0);
	CHECK_INT(q_long(db, "SELECT SUM(n) FROM node_fig WHERE fy = 2024"
	    " AND state = 'confirmed'"), q_long(db, "SELECT COUNT(*) FROM"
	    " result r JOIN node n ON n.id = r.node_id WHERE r.fy = 2024 AND"
	    " r.state = 'confirmed'") * (q_long(db, "SELECT MAX(depth) FROM"
	    " node") - 1));
	store_close(st);
}

/* A file of results for a plan already in the file: the headings'
 * figures of the year it changes are counted again with the plan's. */
TEST(test_results_file_keeps_the_figures)
{
	struct store	*st;
	sqlite3		*db;
	char		*path;
	long		 kept;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	db = store_db(st);
	CHECK_INT(keep_all(st), 0);
	if ((path = results_file(db, "results.csv")) == NULL) {
		store_close(st);
		return;
	}
	CHECK_INT(load(st, (const char *const *)&path, 1, 0), 0);
	CHECK(q_long(db, "SELECT SUM(n) FROM node_fig WHERE fy = 2021"
	    " AND state = 'submitted'") > 5);
	CHECK_INT(compare(st, "a file of results", &kept), 0);
	CHECK_INT(kept, (long)NSAMPLES * (LAST_FY - FIRST_FY + 1));
	unlink(path);
	free(path);
	store_close(st);
}

int
main(void)
{
	if (sample_dir_make("nfig") != 0)
		return 1;
	RUN(test_kept_figures_equal_the_full_count);
	RUN(test_workflow_keeps_the_figures);
	RUN(test_results_file_keeps_the_figures);
	sample_dir_remove();
	DONE();
}
