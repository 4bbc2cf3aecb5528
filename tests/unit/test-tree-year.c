/*
 * Changing the year of a tree read as shown (browse_tree_year): the
 * nodes shown are read again for the year, the children read below a
 * node shown closed are forgotten, and the result must equal the tree
 * read afresh for that year with the same nodes open, heading figures
 * and indicators' outcomes included, for every sample plan from every
 * year to every other. And the figures counted for a year the file does
 * not keep, which the store reuses while nothing is written, follow
 * every write: the store's own, and another connection's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fixture.h"
#include "harness.h"
#include "shisaku/planfile.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-plan.h"
#include "shisaku/store.h"
#include "shisaku/summary.h"
#include "shisaku/util.h"
#include "kept-writes.h"
#include "tree-compare.h"

static int
id_cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* Reads every heading's indicators' outcomes, as the screen does when
 * it shows them. */
static int
read_outcomes(struct store *st, struct browse_tree *t)
{
	char	*cause = NULL;
	size_t	 i;

	for (i = 0; i < t->nnodes; i++)
		if (browse_node_outcomes(st, t, &t->nodes[i], &cause) != 0) {
			fprintf(stderr, "outcomes: %s\n", cause);
			free(cause);
			return -1;
		}
	return 0;
}

/* Compares tree t (changed to its year) with the tree read afresh for
 * that year with t's open nodes open. Returns how many nodes differ. */
static int
compare_fresh(struct store *st, struct browse_tree *t, const char *what)
{
	struct browse_tree	*fresh = NULL;
	long long		*open = xcalloc(t->nnodes + 1, sizeof *open);
	size_t			 nopen = 0, i;
	char			*cause = NULL;
	int			 bad = 0;

	for (i = 0; i < t->nnodes; i++)
		if (t->nodes[i].expanded)
			open[nopen++] = t->nodes[i].id;
	qsort(open, nopen, sizeof *open, id_cmp);
	if (browse_tree_view(st, t->plan_id, t->fy, TODAY_FY, scale, 4,
	    t->which, open, nopen, &fresh, &cause) != 0) {
		fprintf(stderr, "%s: %s\n", what, cause);
		free(cause);
		free(open);
		return 1;
	}
	free(open);
	if (fresh_all(st, fresh) != 0 || read_outcomes(st, t) != 0 ||
	    read_outcomes(st, fresh) != 0)
		bad++;
	else if (fresh->nnodes != t->nnodes || fresh->kept != t->kept ||
	    fresh->due != t->due || fresh->ndepts != t->ndepts) {
		fprintf(stderr, "%s: plan %lld in %d: %zu nodes (kept %d), "
		    "read afresh %zu (kept %d)\n", what, t->plan_id, t->fy,
		    t->nnodes, t->kept, fresh->nnodes, fresh->kept);
		bad++;
	} else
		for (i = 0; i < t->nnodes; i++) {
			const struct browse_node *x = &t->nodes[i];
			const struct browse_node *y = &fresh->nodes[i];

			if (same_node(t, x, fresh, y) &&
			    x->parent == y->parent && x->end == y->end &&
			    x->loaded == y->loaded)
				continue;
			fprintf(stderr, "%s: plan %lld in %d: node %lld "
			    "(%ld items, %ld entered, %ld behind) where "
			    "%lld (%ld, %ld, %ld) afresh\n", what,
			    t->plan_id, t->fy, x->id, x->items, x->entered,
			    x->behind, y->id, y->items, y->entered,
			    y->behind);
			bad++;
			break;
		}
	browse_tree_free(fresh);
	return bad;
}

/* The counts of tree t's top level against those of the tree read
 * afresh for its year. Returns how many differ. */
static int
top_counts_compared(struct store *st, struct browse_tree *t, const char *what)
{
	struct browse_tree	*fresh = NULL;
	char			*cause = NULL;
	size_t			 i, j;
	int			 bad = 0;

	if (browse_tree_view(st, t->plan_id, t->fy, TODAY_FY, scale, 4,
	    t->which, NULL, 0, &fresh, &cause) != 0) {
		fprintf(stderr, "%s: %s\n", what, cause);
		free(cause);
		return 1;
	}
	for (i = 0; i < t->nnodes; i++) {
		const struct browse_node *x = &t->nodes[i];

		if (x->parent >= 0)
			continue;
		for (j = 0; j < fresh->nnodes && fresh->nodes[j].id != x->id;
		    j++)
			;
		if (j == fresh->nnodes || x->items != fresh->nodes[j].items ||
		    x->entered != fresh->nodes[j].entered ||
		    x->submitted != fresh->nodes[j].submitted ||
		    x->confirmed != fresh->nodes[j].confirmed ||
		    x->behind != fresh->nodes[j].behind) {
			fprintf(stderr, "%s: top node %lld's counts differ"
			    " from the year's\n", what, x->id);
			bad++;
		}
	}
	browse_tree_free(fresh);
	return bad;
}

/* Changes tree t from year from to year to and compares it afresh;
 * returns how many nodes differ (1 when the change failed). */
static int
year_compared(struct store *st, struct browse_tree *t, int from, int to,
    const char *how)
{
	char	*cause = NULL, what[64];
	size_t	 i;
	int	 bad = 0;

	snprintf(what, sizeof what, "from %d %s %d", from, how, to);
	if (browse_tree_year(st, t, to, TODAY_FY, &cause) != 0) {
		fprintf(stderr, "%s: %s\n", what, cause);
		free(cause);
		return 1;
	}
	/* The top level's counts are read now (the widths of the counts
	 * follow them), and are the year's; everything else of every node
	 * when it is drawn, and until then nothing of the year before
	 * shows. */
	for (i = 0; i < t->nnodes; i++)
		if (!t->nodes[i].stale || t->nodes[i].nassigns != 0 ||
		    (t->nodes[i].parent >= 0 && (t->nodes[i].items != 0 ||
		    t->nodes[i].state != BROWSE_STATE_NONE))) {
			fprintf(stderr, "%s: node %lld stale %d with %ld "
			    "items\n", what, t->nodes[i].id,
			    t->nodes[i].stale, t->nodes[i].items);
			bad++;
			break;
		}
	bad += top_counts_compared(st, t, what);
	if (fresh_all(st, t) != 0)
		return bad + 1;
	return bad + compare_fresh(st, t, what);
}

/*
 * A tree of plan read as shown in year from, then: every heading opened
 * (its children read), and every other one of them shown closed again
 * (what was read below it is forgotten by the change of year); the
 * outcomes read; then changed to year to, compared afresh, and back.
 */
static int
change_years(struct store *st, long long plan, int from, int to)
{
	struct browse_tree	*t = NULL;
	char			*cause = NULL;
	size_t			 i;
	int			 bad = 0, k = 0;

	if (browse_tree_view(st, plan, from, TODAY_FY, scale, 4, BROWSE_ANY,
	    NULL, 0, &t, &cause) != 0) {
		fprintf(stderr, "plan %lld in %d: %s\n", plan, from, cause);
		free(cause);
		return 1;
	}
	for (i = 0; i < t->nnodes; i++) {
		if (t->nodes[i].is_item || !t->nodes[i].has_children)
			continue;
		if (browse_tree_expand(st, t, (long)i, &cause) < 0) {
			fprintf(stderr, "expand: %s\n", cause);
			free(cause);
			browse_tree_free(t);
			return 1;
		}
		t->nodes[i].expanded = k++ % 2 == 0;
	}
	if (read_outcomes(st, t) != 0)
		bad++;
	bad += year_compared(st, t, from, to, "to");
	bad += year_compared(st, t, to, from, "back to");
	browse_tree_free(t);
	return bad;
}

static long long *
plan_ids(sqlite3 *db, size_t *n)
{
	return q_ids(db, "SELECT id FROM plan ORDER BY id", 0, n);
}

/* Forgets the years an import keeps besides today's and the open ones,
 * as a change to a plan's structure does (db/migrate-14.sql). */
static void
forget_plans_years(struct store *st)
{
	CHECK(q_long(store_db(st), "SELECT COUNT(*) FROM plan_fig WHERE"
	    " recount = 0") > 0);
	write_sql(st, "UPDATE plan_fig SET items_valid = 0 WHERE recount = 0");
	CHECK_INT(q_long(store_db(st), "SELECT COUNT(*) FROM plan_fig WHERE"
	    " recount = 0"), 0);
}

TEST(test_year_change_equals_a_fresh_read)
{
	struct store	*st;
	long long	*plans;
	char		*cause = NULL;
	size_t		 np, i;
	int		 from, to, bad = 0;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	/* Results in two years, one of them kept: years kept and years
	 * counted, to and from each other; actuals, so that the outcomes
	 * differ from year to year. */
	write_sql(st, writes[0].sql);
	for (i = 0; i < sizeof writes / sizeof writes[0]; i++)
		if (strstr(writes[i].what, "actual") != NULL &&
		    strstr(writes[i].what, "deleted") == NULL)
			write_sql(st, writes[i].sql);
	CHECK(q_long(store_db(st), "SELECT COUNT(DISTINCT fy) FROM"
	    " indicator_actual") >= 2);
	CHECK_INT(store_begin(st, &cause), 0);
	CHECK_INT(browse_figures_keep(st, 2024, &cause), 0);
	CHECK_INT(store_commit(st, &cause), 0);
	CHECK(q_long(store_db(st), "SELECT COUNT(*) FROM node_fig WHERE"
	    " fy = 2024") > 0);
	plans = plan_ids(store_db(st), &np);
	CHECK_INT((long)np, (long)NSAMPLES);
	/* As the import left them: the items' counts of the plans' years
	 * kept (db/migrate-14.sql), the rest counted. */
	CHECK(q_long(store_db(st), "SELECT COUNT(*) FROM node_fig WHERE"
	    " fy = 2023") > 0);
	for (i = 0; i < np; i++)
		for (from = 2021; from <= 2027; from += 3)
			for (to = FIRST_FY; to <= LAST_FY; to++)
				bad += change_years(st, plans[i], from, to);
	CHECK_INT(bad, 0);
	/* Those forgotten: every year but 2024 and today's counted. */
	forget_plans_years(st);
	CHECK_INT(q_long(store_db(st), "SELECT COUNT(*) FROM node_fig WHERE"
	    " fy = 2023"), 0);
	for (i = 0; i < np; i++)
		for (from = 2021; from <= 2027; from += 3)
			for (to = FIRST_FY; to <= LAST_FY; to++)
				bad += change_years(st, plans[i], from, to);
	CHECK_INT(bad, 0);
	/* Every year kept. */
	CHECK_INT(keep_all(st), 0);
	for (i = 0; i < np; i++)
		for (to = FIRST_FY; to <= LAST_FY; to++)
			bad += change_years(st, plans[i], 2023, to);
	CHECK_INT(bad, 0);
	free(plans);
	free(cause);
	store_close(st);
}

/* The plans list and the tree of a year the file does not keep, read
 * as the screens read them, against the same counted in full. */
static int
counted_agree(struct store *st, int fy, const char *what)
{
	struct browse_plan	*a = NULL, *b = NULL;
	struct browse_tree	*view = NULL, *full = NULL;
	char			*cause = NULL;
	size_t			 na = 0, nb = 0, i;
	int			 bad = 0;

	if (browse_plans_scaled(st, fy, TODAY_FY, scale, 4, &a, &na,
	    &cause) != 0 || browse_plans_counted(st, fy, TODAY_FY, scale, 4,
	    &b, &nb, &cause) != 0) {
		fprintf(stderr, "%s: %s\n", what, cause);
		free(cause);
		browse_plans_free(a, na);
		return 1;
	}
	for (i = 0; i < na && i < nb; i++)
		if (a[i].items != b[i].items || a[i].entered != b[i].entered ||
		    a[i].submitted != b[i].submitted ||
		    a[i].behind != b[i].behind ||
		    memcmp(&a[i].sum, &b[i].sum, sizeof a[i].sum) != 0) {
			fprintf(stderr, "%s: plan %s in %d: %ld entered, "
			    "%ld counted in full\n", what, a[i].code, fy,
			    a[i].entered, b[i].entered);
			bad++;
		}
	if (na != nb)
		bad++;
	for (i = 0; i < na; i++) {
		size_t	j, k;

		if (browse_tree_view(st, a[i].id, fy, TODAY_FY, scale, 4,
		    BROWSE_ANY, NULL, 0, &view, &cause) != 0 ||
		    browse_tree_open(st, a[i].id, fy, TODAY_FY, &full,
		    &cause) != 0) {
			fprintf(stderr, "%s: %s\n", what, cause);
			free(cause);
			cause = NULL;
			bad++;
		} else {
			if (view->kept)
				bad++;	/* the year must not be kept */
			browse_tree_summarize(full, scale, 4);
			/* The top level of one is that of the other. */
			for (j = k = 0; j < view->nnodes && k < full->nnodes;
			    j = (size_t)view->nodes[j].end,
			    k = (size_t)full->nodes[k].end)
				if (view->nodes[j].id != full->nodes[k].id ||
				    view->nodes[j].entered !=
				    full->nodes[k].entered ||
				    view->nodes[j].items !=
				    full->nodes[k].items) {
					fprintf(stderr, "%s: plan %s in %d: "
					    "node %lld: %ld entered, %ld "
					    "counted in full\n", what,
					    a[i].code, fy, view->nodes[j].id,
					    view->nodes[j].entered,
					    full->nodes[k].entered);
					bad++;
				}
		}
		browse_tree_free(view);
		browse_tree_free(full);
		view = full = NULL;
	}
	browse_plans_free(a, na);
	browse_plans_free(b, nb);
	return bad;
}

TEST(test_counted_years_follow_every_write)
{
	struct store	*st;
	sqlite3		*other;
	char		*cause = NULL;
	long		 before;
	int		 fy = 2023;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	forget_plans_years(st);
	CHECK_INT(q_long(store_db(st), "SELECT COUNT(*) FROM plan_fig WHERE"
	    " fy = 2023"), 0);
	/* Read twice with nothing written between: the same. */
	CHECK_INT(counted_agree(st, fy, "the import"), 0);
	CHECK_INT(counted_agree(st, fy, "read again"), 0);
	/* The store's own write. */
	before = q_long(store_db(st), "SELECT COUNT(*) FROM result WHERE"
	    " fy = 2023");
	write_sql(st, "INSERT INTO result (node_id, fy, status, grade, state)"
	    " SELECT id, 2023, 'done', 'A', 'submitted' FROM node WHERE"
	    " id % 2 = 0 AND NOT EXISTS (SELECT 1 FROM result r WHERE"
	    " r.node_id = node.id AND r.fy = 2023)");
	CHECK(q_long(store_db(st), "SELECT COUNT(*) FROM result WHERE"
	    " fy = 2023") > before);
	CHECK_INT(counted_agree(st, fy, "the store's write"), 0);
	/* Another connection's write, as another user's program makes. */
	CHECK_INT(sqlite3_open(dbpath, &other), SQLITE_OK);
	raw(other, "UPDATE result SET state = 'confirmed' WHERE fy = 2023"
	    " AND state = 'submitted' AND node_id % 4 = 0");
	raw(other, "DELETE FROM result WHERE fy = 2023 AND node_id % 6 = 0");
	sqlite3_close(other);
	CHECK_INT(counted_agree(st, fy, "another connection's write"), 0);
	free(cause);
	store_close(st);
}

int
main(void)
{
	if (sample_dir_make("tyear") != 0)
		return 1;
	RUN(test_year_change_equals_a_fresh_read);
	RUN(test_counted_years_follow_every_write);
	sample_dir_remove();
	DONE();
}
