/*
 * A tree read as shown, counted for a status (the tree screen's filter by
 * status alone: browse_tree_view with a which, browse_tree_which): every
 * heading's counts, and which nodes are shown, must be those of the whole
 * tree counted for the same filter (browse_tree_open, browse_tree_count),
 * for every status, every sample plan, a year the file keeps, one it
 * counts and one with no results; counting a tree read for one status
 * for another must equal reading it afresh for that one; and nothing is
 * read below a heading the status hides.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "fixture.h"
#include "harness.h"
#include "shisaku/planfile.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-internal.h"
#include "shisaku/store-plan.h"
#include "shisaku/store.h"
#include "shisaku/summary.h"
#include "shisaku/util.h"
#include "kept-writes.h"
#include "tree-compare.h"

/* Opens every heading of a tree read as shown (its children read). */
static int
open_all(struct store *st, struct browse_tree *t)
{
	char	*cause = NULL;
	size_t	 i;

	for (i = 0; i < t->nnodes; i++) {
		if (t->nodes[i].is_item)
			continue;
		if (browse_tree_expand(st, t, (long)i, &cause) < 0) {
			fprintf(stderr, "expand: %s\n", cause);
			free(cause);
			return -1;
		}
		t->nodes[i].expanded = 1;
	}
	return 0;
}

/* Tree t, read as shown with every heading open, against the whole tree
 * counted for status which: the same nodes, shown alike, with the same
 * counts. Returns how many nodes differ. */
static int
compare_whole(struct store *st, const struct browse_tree *t,
    enum browse_which which, const char *what)
{
	struct browse_filter	 f = { 0, -1, which };
	struct browse_tree	*full = NULL;
	char			*cause = NULL;
	size_t			 i;
	int			 bad = 0;

	if (browse_tree_open(st, t->plan_id, t->fy, TODAY_FY, &full,
	    &cause) != 0) {
		fprintf(stderr, "%s: %s\n", what, cause);
		free(cause);
		return 1;
	}
	browse_tree_summarize(full, scale, 4);
	browse_tree_count(full, &f);
	if (full->nnodes != t->nnodes) {
		fprintf(stderr, "%s: plan %lld in %d: %zu nodes, whole %zu\n",
		    what, t->plan_id, t->fy, t->nnodes, full->nnodes);
		bad++;
	} else
		for (i = 0; i < t->nnodes; i++) {
			const struct browse_node *x = &t->nodes[i];
			const struct browse_node *y = &full->nodes[i];

			if (x->id == y->id && x->shown == y->shown &&
			    x->items == y->items &&
			    x->entered == y->entered &&
			    x->submitted == y->submitted &&
			    x->confirmed == y->confirmed &&
			    x->behind == y->behind)
				continue;
			fprintf(stderr, "%s: plan %lld in %d, %s: node %lld "
			    "shown %d (%ld items, %ld entered, %ld behind), "
			    "whole %lld shown %d (%ld, %ld, %ld)\n", what,
			    t->plan_id, t->fy, browse_which_label(which),
			    x->id, x->shown, x->items, x->entered, x->behind,
			    y->id, y->shown, y->items, y->entered, y->behind);
			bad++;
			break;
		}
	browse_tree_free(full);
	return bad;
}

/* Reads plan's tree as shown for status which in fy, every heading open.
 * Returns NULL on an error (said). */
static struct browse_tree *
read_open(struct store *st, long long plan, int fy, enum browse_which which)
{
	struct browse_tree	*t = NULL;
	char			*cause = NULL;

	if (browse_tree_view(st, plan, fy, TODAY_FY, scale, 4, which, NULL, 0,
	    &t, &cause) != 0) {
		fprintf(stderr, "plan %lld in %d: %s\n", plan, fy, cause);
		free(cause);
		return NULL;
	}
	/* (With no status, the nodes below the top are read when drawn.) */
	if (open_all(st, t) != 0 || fresh_all(st, t) != 0) {
		browse_tree_free(t);
		return NULL;
	}
	return t;
}

/* Tree t counted for which (browse_tree_which) against t read afresh for
 * it: the same nodes with the same texts, counts and figures. */
static int
compare_recounted(struct store *st, struct browse_tree *t,
    enum browse_which which)
{
	struct browse_tree	*fresh;
	char			*cause = NULL;
	size_t			 i;
	int			 bad = 0;

	if (browse_tree_which(st, t, which, TODAY_FY, &cause) != 0) {
		fprintf(stderr, "recount: %s\n", cause);
		free(cause);
		return 1;
	}
	/* (With no status, the nodes below the top are read when drawn.) */
	if (fresh_all(st, t) != 0)
		return 1;
	if ((fresh = read_open(st, t->plan_id, t->fy, which)) == NULL)
		return 1;
	if (fresh->nnodes != t->nnodes || t->which != which)
		bad++;
	for (i = 0; bad == 0 && i < t->nnodes; i++)
		if (!same_node(t, &t->nodes[i], fresh, &fresh->nodes[i]) ||
		    t->nodes[i].shown != fresh->nodes[i].shown) {
			fprintf(stderr, "plan %lld in %d, %s: node %lld "
			    "recounted differs from read afresh\n",
			    t->plan_id, t->fy, browse_which_label(which),
			    t->nodes[i].id);
			bad++;
		}
	browse_tree_free(fresh);
	return bad;
}

static const int years[] = { 2023, 2024, 2026 };

/* The writes of kept-writes.h that leave results of every state, status
 * and grade in 2024, and results in 2026. */
static int
status_write(const char *what)
{
	return (strncmp(what, "results", 7) == 0 &&
	    strcmp(what, "results deleted") != 0) ||
	    strncmp(what, "a grade", 7) == 0;
}

/* The sample plans with those results, and 2024's figures kept (2026's
 * are counted when read). NULL when they could not be loaded (said). */
static struct store *
status_store(void)
{
	struct store	*st;
	char		*cause = NULL;
	size_t		 i;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return NULL;
	for (i = 0; i < sizeof writes / sizeof writes[0]; i++)
		if (status_write(writes[i].what))
			write_sql(st, writes[i].sql);
	CHECK_INT(store_begin(st, &cause), 0);
	CHECK_INT(browse_figures_keep(st, 2024, &cause), 0);
	CHECK_INT(store_commit(st, &cause), 0);
	free(cause);
	return st;
}

TEST(test_status_counts_equal_the_whole_tree)
{
	struct store		*st;
	struct browse_tree	*t;
	long long		 plan;
	char			*cause = NULL, what[64];
	size_t			 y, i;
	int			 w, bad = 0, shown_some = 0, hid_some = 0;

	/* Results of every state, status and grade in 2024 (kept) and
	 * 2026 (counted); none in 2023. */
	if ((st = status_store()) == NULL)
		return;
	CHECK(q_long(store_db(st), "SELECT COUNT(*) FROM node_fig WHERE"
	    " fy = 2024") > 0);
	CHECK(q_long(store_db(st), "SELECT COUNT(DISTINCT state) FROM result"
	    " WHERE fy = 2024") >= 4);
	/* The plans are 1 .. NSAMPLES. */
	CHECK_INT(q_long(store_db(st), "SELECT MAX(id) FROM plan WHERE id <= "
	    "(SELECT COUNT(*) FROM plan)"), (long)NSAMPLES);
	for (plan = 1; plan <= (long long)NSAMPLES; plan++)
		for (y = 0; y < sizeof years / sizeof years[0]; y++)
			for (w = 0; w < BROWSE_WHICH_COUNT; w++) {
				if ((t = read_open(st, plan, years[y],
				    (enum browse_which)w)) == NULL) {
					bad++;
					continue;
				}
				snprintf(what, sizeof what, "read for %d", w);
				bad += compare_whole(st, t,
				    (enum browse_which)w, what);
				for (i = 0; i < t->nnodes; i++) {
					shown_some += w != 0 &&
					    t->nodes[i].is_item &&
					    t->nodes[i].shown;
					hid_some += !t->nodes[i].shown;
				}
				browse_tree_free(t);
			}
	CHECK_INT(bad, 0);
	/* The filters let some items through and hid others. */
	CHECK(shown_some > 0);
	CHECK(hid_some > 0);
	free(cause);
	store_close(st);
}

TEST(test_recounting_equals_a_fresh_read)
{
	struct store		*st;
	struct browse_tree	*t;
	long long		 plan;
	char			*cause = NULL;
	size_t			 y;
	int			 w, bad = 0;

	if ((st = status_store()) == NULL)
		return;
	for (plan = 1; plan <= (long long)NSAMPLES; plan++)
		for (y = 0; y < sizeof years / sizeof years[0]; y++) {
			if ((t = read_open(st, plan, years[y],
			    BROWSE_ANY)) == NULL) {
				bad++;
				continue;
			}
			/* Each status from the one before, then none. */
			for (w = 1; w < BROWSE_WHICH_COUNT; w++)
				bad += compare_recounted(st, t,
				    (enum browse_which)w);
			bad += compare_recounted(st, t, BROWSE_ANY);
			bad += compare_whole(st, t, BROWSE_ANY, "none again");
			browse_tree_free(t);
		}
	CHECK_INT(bad, 0);
	/* A tree read for a department cannot be counted so. */
	{
		struct browse_filter f = { 0, 0, BROWSE_ANY };

		CHECK_INT(browse_tree_filtered(st, 1, 2024, TODAY_FY, scale, 4,
		    &f, &t, &cause), 0);
		if (t != NULL) {
			CHECK_INT(browse_tree_which(st, t, BROWSE_DRAFT,
			    TODAY_FY, &cause), -1);
			CHECK(cause != NULL && strstr(cause, "状況") != NULL);
			browse_tree_free(t);
		}
	}
	free(cause);
	store_close(st);
}

/* A node below a heading the status hides is not read to be found:
 * browse_tree_find says it is not there, and reads nothing; with no
 * status, it is found. Returns how many such nodes were tried. */
static int
find_hidden(struct store *st, long long plan, int fy, enum browse_which w,
    int *bad)
{
	struct browse_tree	*t = NULL;
	char			*cause = NULL, sql[96];
	size_t			 i, before;
	long			 at = 0;
	long long		 below;
	int			 tried = 0;

	if (browse_tree_view(st, plan, fy, TODAY_FY, scale, 4, w, NULL, 0, &t,
	    &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		(*bad)++;
		return 0;
	}
	for (i = 0; i < t->nnodes && tried == 0; i++) {
		if (t->nodes[i].shown || t->nodes[i].loaded ||
		    !t->nodes[i].has_children)
			continue;
		snprintf(sql, sizeof sql, "SELECT MIN(id) FROM node WHERE"
		    " parent_id = %lld", t->nodes[i].id);
		below = q_long(store_db(st), sql);
		before = t->nnodes;
		if (browse_tree_find(st, t, below, &at, &cause) != 0 ||
		    at != -1 || t->nnodes != before) {
			fprintf(stderr, "plan %lld in %d: node %lld below a"
			    " hidden heading: at %ld, %zu nodes read\n",
			    plan, fy, below, at, t->nnodes - before);
			(*bad)++;
		}
		if (browse_tree_which(st, t, BROWSE_ANY, TODAY_FY,
		    &cause) != 0 || browse_tree_find(st, t, below, &at,
		    &cause) != 0 || at < 0 || t->nodes[at].id != below)
			(*bad)++;
		tried++;
	}
	free(cause);
	browse_tree_free(t);
	return tried;
}

TEST(test_nothing_read_below_a_hidden_heading)
{
	struct store	*st;
	long long	 plan;
	char		*cause = NULL;
	int		 w, bad = 0, tried = 0;

	if ((st = status_store()) == NULL)
		return;
	for (plan = 1; plan <= (long long)NSAMPLES; plan++)
		for (w = 1; w < BROWSE_WHICH_COUNT; w++)
			tried += find_hidden(st, plan, 2024,
			    (enum browse_which)w, &bad);
	CHECK_INT(bad, 0);
	CHECK(tried > 0);
	free(cause);
	store_close(st);
}

/* Reads plan's tree as shown the first time (no node named open) with
 * the top level opened up to most children; counts the top level's
 * nodes opened and the nodes read below it. 0, or -1 (said). */
static int
first_read(struct store *st, long long plan, size_t most, long *opened,
    long *below)
{
	struct browse_tree	*t;
	char			*cause = NULL;
	size_t			 i;

	st->browse_open_most = most;
	if (browse_tree_view(st, plan, 2024, TODAY_FY, NULL, 0, BROWSE_ANY,
	    NULL, 0, &t, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return -1;
	}
	*opened = *below = 0;
	for (i = 0; i < t->nnodes; i++) {
		*opened += t->nodes[i].depth == 1 && t->nodes[i].expanded;
		*below += t->nodes[i].depth > 1;
	}
	browse_tree_free(t);
	st->browse_open_most = 0;
	return 0;
}

/* The first read of a tree as shown opens the first nodes of its top
 * level while their children come to at most so many, and leaves the
 * others closed, nothing read below them (a plan of two levels and
 * 200,000 items shows its first screen without reading them). */
TEST(test_top_level_opened_while_its_children_are_few)
{
	static const char kids_sql[] =
	    "SELECT count(c.id) FROM node p JOIN node c ON c.parent_id = p.id"
	    " WHERE p.parent_id IS NULL AND p.plan_id = ?1"
	    " GROUP BY p.id ORDER BY p.ord";
	struct store	*st;
	sqlite3_stmt	*s = NULL;
	long long	 plan;
	long		 kids[64], total = 0, most[6], opened, below;
	long		 want_opened, want_below;
	size_t		 ntops = 0, i, k;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	plan = q_long(store_db(st), "SELECT plan_id FROM node WHERE depth = 2"
	    " ORDER BY id LIMIT 1");
	/* The children of each node of the top level that has some, in
	 * the plan's order. */
	CHECK_INT(sqlite3_prepare_v2(store_db(st), kids_sql, -1, &s, NULL),
	    SQLITE_OK);
	sqlite3_bind_int64(s, 1, plan);
	while (sqlite3_step(s) == SQLITE_ROW && ntops < 64) {
		kids[ntops] = sqlite3_column_int(s, 0);
		total += kids[ntops++];
	}
	sqlite3_finalize(s);
	CHECK(ntops > 1);
	/* All, all but one child, the first node's exactly, one fewer,
	 * the first two's, and one child. */
	most[0] = total;
	most[1] = total - 1;
	most[2] = kids[0];
	most[3] = kids[0] - 1;
	most[4] = kids[0] + kids[1];
	most[5] = 1;
	for (k = 0; k < 6; k++) {
		if (most[k] <= 0)
			continue;
		want_opened = want_below = 0;
		for (i = 0; i < ntops && want_below + kids[i] <= most[k];
		    i++) {
			want_opened++;
			want_below += kids[i];
		}
		CHECK_INT(first_read(st, plan, (size_t)most[k], &opened,
		    &below), 0);
		if (opened != want_opened || below != want_below)
			fprintf(stderr, "up to %ld children: %ld opened, %ld"
			    " read, where %ld and %ld\n", most[k], opened,
			    below, want_opened, want_below);
		CHECK_INT(opened, want_opened);
		CHECK_INT(below, want_below);
	}
	/* As it is shipped: the samples' top levels are open. */
	CHECK_INT(first_read(st, plan, 0, &opened, &below), 0);
	CHECK_INT(opened, (long)ntops);
	CHECK_INT(below, total);
	store_close(st);
}

int
main(void)
{
	if (sample_dir_make("tstatus") != 0)
		return 1;
	RUN(test_status_counts_equal_the_whole_tree);
	RUN(test_recounting_equals_a_fresh_read);
	RUN(test_nothing_read_below_a_hidden_heading);
	RUN(test_top_level_opened_while_its_children_are_few);
	sample_dir_remove();
	DONE();
}
