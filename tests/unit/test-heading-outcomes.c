/*
 * A heading's indicators and their outcomes (the tree's summary of the
 * node under the cursor) are read one of two ways: down the heading's
 * subtree, or up from each of the plan's indicators when the plan has
 * few. Both must name exactly the indicators at or below the node, as a
 * plain recursive walk of the parents finds them, with the same outcome,
 * for every node of the four sample plans and every year compared:
 * after the import, after every kind of write (nodes added, moved and
 * deleted among them), and for a plan of four levels whose indicators
 * stand on the deepest.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "harness.h"
#include "shisaku/planfile.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-internal.h"
#include "shisaku/store-summary.h"
#include "shisaku/store.h"
#include "shisaku/util.h"
#include "kept-writes.h"

static int
by_id(const void *a, const void *b)
{
	const struct summary_indicator *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

/* The indicators at or below node, by id, in plain SQL: the walk of the
 * parents, not the store's statements. *n of them, malloc'd. */
static long long *
plain_below(sqlite3 *db, long long node, size_t *n)
{
	return q_ids(db, "WITH RECURSIVE d(id) AS (SELECT ?1"
	    " UNION SELECT c.id FROM node c JOIN d ON c.parent_id = d.id)"
	    " SELECT i.id FROM indicator i JOIN d ON i.node_id = d.id"
	    " ORDER BY i.id", node, n);
}

/* Every node, every year from FIRST_FY to LAST_FY: both ways agree with
 * each other and name the plain walk's indicators. Returns the number of
 * node-years that differ; *named, the indicators named in all. */
static int
ways_agree(struct store *st, const char *what, long *named)
{
	sqlite3			*db = store_db(st);
	struct summary_indicator *up, *down;
	long long		*want, *nodes, node;
	size_t			 nup, ndown, nwant, nnodes, i, k;
	char			*cause = NULL;
	int			 fy, bad = 0, same;

	*named = 0;
	nodes = q_ids(db, "SELECT id FROM node ORDER BY id", 0, &nnodes);
	if (nnodes == 0) {
		FAIL_AT("%s: no node read", what);
		return 1;
	}
	for (k = 0; k < nnodes; k++) {
		node = nodes[k];
		want = plain_below(db, node, &nwant);
		for (fy = FIRST_FY; fy <= LAST_FY; fy++) {
			if (summary_subtree_read(st, node, fy, 1, &up, &nup,
			    &cause) != 0 || summary_subtree_read(st, node, fy,
			    0, &down, &ndown, &cause) != 0) {
				FAIL_AT("%s: %s", what, cause);
				free(cause);
				free(nodes);
				free(want);
				return bad + 1;
			}
			if (nup > 1)
				qsort(up, nup, sizeof *up, by_id);
			if (ndown > 1)
				qsort(down, ndown, sizeof *down, by_id);
			same = nup == ndown && nup == nwant;
			for (i = 0; same && i < nup; i++)
				same = up[i].id == down[i].id &&
				    up[i].id == want[i] &&
				    up[i].outcome == down[i].outcome &&
				    up[i].rate == down[i].rate;
			if (!same) {
				FAIL_AT("%s: node %lld in %d: %zu up, %zu"
				    " down, %zu below", what, node, fy, nup,
				    ndown, nwant);
				bad++;
			}
			*named += (long)nup;
			free(up);
			free(down);
		}
		free(want);
	}
	free(nodes);
	return bad;
}

TEST(test_both_ways_name_the_indicators_below)
{
	struct store	*st;
	size_t		 i;
	long		 named;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	CHECK_INT(ways_agree(st, "the import", &named), 0);
	/* (Every sample indicator stands on a node: each is named in
	 * every year by its node and each heading above it.) */
	CHECK(named > 89 * (LAST_FY - FIRST_FY + 1));
	for (i = 0; i < sizeof writes / sizeof writes[0]; i++)
		write_sql(st, writes[i].sql);
	CHECK_INT(ways_agree(st, "every kind of write", &named), 0);
	CHECK(named > 0);
	store_close(st);
}

/* Four levels, an indicator on an item of the deepest: the top heading
 * is three parents above it, the most the upward read looks. */
static const char deep_plan[] =
    "shisaku-plan,1\n"
    "plan,deep,四層計画,2024,2028,,\n"
    "level,deep,1,政策\nlevel,deep,2,施策\nlevel,deep,3,基本事業\n"
    "level,deep,4,事務事業\n"
    "node,deep,1,,1,政策,,,,,,\n"
    "node,deep,1-1,1,1-1,施策,,,,,,\n"
    "node,deep,1-1-1,1-1,1-1-1,基本事業,,,,,,\n"
    "node,deep,1-1-1-1,1-1-1,1-1-1-1,事務事業,,,,,,\n"
    "node,deep,2,,2,別の政策,,,,,,\n"
    "indicator,deep,i1,1-1-1-1,講座の回数,活動指標,回,増加,,10,2023,20,2028,,,\n"
    "target,deep,i1,2025,15\n"
    "actual,deep,i1,2025,16,,,,,,,\n"
    "indicator,deep,i2,2,相談件数,成果指標,件,増加,,5,2023,9,2028,,,\n";

/* A store of one plan file, name in the test's directory, of text. */
static struct store *
text_store(const char *name, const char *text)
{
	char		 path[160];
	const char	*file = path;
	FILE		*f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	if ((f = fopen(path, "w")) == NULL) {
		FAIL_AT("%s", path);
		return NULL;
	}
	fputs(text, f);
	fclose(f);
	return sample_store(&file, 1);
}

TEST(test_the_top_of_four_levels_names_the_deepest)
{
	struct store		*st;
	struct summary_indicator *v;
	size_t			 n;
	char			*cause = NULL;
	long long		 top;
	long			 named;

	if ((st = text_store("deep.csv", deep_plan)) == NULL)
		return;
	top = q_long(store_db(st), "SELECT id FROM node WHERE key = '1'");
	/* The choice: the plan has few indicators, so upward. */
	CHECK_INT(store_summary_subtree(st, top, 2025, &v, &n, &cause), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(v[0].outcome, SUMMARY_ACHIEVED);
	free(v);
	free(cause);
	CHECK_INT(ways_agree(st, "four levels", &named), 0);
	store_close(st);
}

/* Indicators on the policies alone, under them measures and items: the
 * walk down stops at the deepest level holding an indicator, and goes
 * deeper as soon as one is written further down, by this connection or
 * another. */
static const char policy_plan[] =
    "shisaku-plan,1\n"
    "plan,pol,施策に指標を置く計画,2024,2028,,\n"
    "level,pol,1,政策\nlevel,pol,2,施策\nlevel,pol,3,事業\n"
    "node,pol,1,,1,政策,,,,,,\n"
    "node,pol,1-1,1,1-1,施策,,,,,,\n"
    "node,pol,1-1-1,1-1,1-1-1,事業,,,,,,\n"
    "node,pol,1-1-2,1-1,1-1-2,事業,,,,,,\n"
    "indicator,pol,k1,1-1,満足度,成果指標,%,増加,,50%,2023,60%,2028,,,\n"
    "target,pol,k1,2025,55%\n"
    "actual,pol,k1,2025,57%,,,,,,,\n";

/* The indicators the walk down names below node in 2025. */
static size_t
down_below(struct store *st, long long node)
{
	struct summary_indicator *v = NULL;
	size_t			 n = 0;
	char			*cause = NULL;

	if (summary_subtree_read(st, node, 2025, 0, &v, &n, &cause) != 0) {
		FAIL_AT("%s", cause);
		free(cause);
		return (size_t)-1;
	}
	free(v);
	return n;
}

TEST(test_the_walk_down_stops_at_the_indicators)
{
	struct store	*st;
	sqlite3		*other;
	char		*cause = NULL;
	long long	 top, plan;

	if ((st = text_store("policy.csv", policy_plan)) == NULL)
		return;
	top = q_long(store_db(st), "SELECT id FROM node WHERE key = '1'");
	plan = q_long(store_db(st), "SELECT id FROM plan WHERE code = 'pol'");
	CHECK_INT(summary_indicator_depth(st, plan, 0, &cause), 2);
	CHECK_INT(summary_indicator_depth(st, 0, top, &cause), 2);
	CHECK_INT(down_below(st, top), 1);
	/* One on a measure, written here: named at once. */
	write_sql(st, "INSERT INTO indicator (plan_id, node_id, key, name, ord)"
	    " SELECT plan_id, id, 'k2', '参加者数', 2 FROM node"
	    " WHERE key = '1-1-1'");
	CHECK_INT(summary_indicator_depth(st, plan, 0, &cause), 3);
	CHECK_INT(down_below(st, top), 2);
	/* One more, written by another program. */
	CHECK_INT(sqlite3_open(st->path, &other), SQLITE_OK);
	CHECK_INT(sqlite3_exec(other, "INSERT INTO indicator (plan_id, node_id,"
	    " key, name, ord) SELECT plan_id, id, 'k3', '回数', 3 FROM node"
	    " WHERE key = '1-1-2'", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	CHECK_INT(down_below(st, top), 3);
	CHECK_INT(ways_agree(st, "indicators on the policies", &(long){ 0 }),
	    0);
	free(cause);
	store_close(st);
}

/* Counts the virtual machine's steps of a connection (the progress
 * handler's calls, one per step). */
static int
count_step(void *arg)
{
	(*(long *)arg)++;
	return 0;
}

/* The deepest level is one entry of an index, however many indicators
 * the plan has: it was asked level by level of every indicator and its
 * node, a second at 300,000 indicators, on opening the tree. */
TEST(test_the_level_is_found_without_reading_the_indicators)
{
	struct store	*st;
	char		*cause = NULL;
	long long	 plan;
	long		 steps = 0;
	int		 depth;

	if ((st = text_store("many.csv", policy_plan)) == NULL)
		return;
	plan = q_long(store_db(st), "SELECT id FROM plan WHERE code = 'pol'");
	write_sql(st, "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL"
	    " SELECT n + 1 FROM k WHERE n < 5000)"
	    " INSERT INTO indicator (plan_id, node_id, key, name, ord)"
	    " SELECT plan_id, id, 'm' || n, '指標', n + 10 FROM node, k"
	    " WHERE key = '1-1'");
	sqlite3_progress_handler(store_db(st), 1, count_step, &steps);
	depth = summary_indicator_depth(st, plan, 0, &cause);
	sqlite3_progress_handler(store_db(st), 0, NULL, NULL);
	CHECK_INT(depth, 2);
	/* (Asked level by level, 2 levels without one: 5,000 rows read
	 * twice, over 100,000 steps.) */
	if (steps <= 0 || steps >= 500)
		FAIL_AT("%ld steps for the deepest level", steps);
	free(cause);
	store_close(st);
}

int
main(void)
{
	if (sample_dir_make("outcomes") != 0)
		return 1;
	RUN(test_both_ways_name_the_indicators_below);
	RUN(test_the_top_of_four_levels_names_the_deepest);
	RUN(test_the_walk_down_stops_at_the_indicators);
	RUN(test_the_level_is_found_without_reading_the_indicators);
	sample_dir_remove();
	DONE();
}
