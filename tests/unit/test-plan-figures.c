/*
 * The plans list's figures the file keeps (db/migrate-9.sql) always equal
 * those counted in full from the items, results and indicators: the four
 * sample plans are loaded, their figures of every year kept, and after
 * each kind of write (results saved, submitted, confirmed, returned and
 * deleted, actuals, targets, yearly plans, nodes added, moved, given a
 * period and deleted, levels, departments, a plan's period, years
 * opened and closed, an import and an import --replace) the list read
 * from what is kept is compared with the full count, plan by plan and
 * year by year. A result's write must keep the figures (moved from one
 * count to another), not forget them.
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
#include "shisaku/store-figs.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-result.h"
#include "shisaku/store-summary.h"
#include "shisaku/store-user.h"
#include "shisaku/store.h"
#include "shisaku/util.h"
#include "kept-writes.h"
#include "workflow-writes.h"

#define STR_(x) #x
#define STR(x) STR_(x)

static int
same_plan(const struct browse_plan *a, const struct browse_plan *b)
{
	return a->id == b->id && a->items == b->items &&
	    a->entered == b->entered && a->submitted == b->submitted &&
	    a->confirmed == b->confirmed && a->returned == b->returned &&
	    a->behind == b->behind &&
	    memcmp(&a->sum, &b->sum, sizeof a->sum) == 0;
}

/* A plan's items in fy as the plan file defines them, in plain SQL: at
 * the items' depth, with a period (each end its own, else the nearest
 * ancestor's, else the plan's; none: every year) that covers fy. What
 * the count of a year past every period (read without the items) must
 * equal. */
static long
items_in_year(struct store *st, long long plan, int fy)
{
	static const char sql[] =
	    "SELECT count(*) FROM node n JOIN plan p ON p.id = n.plan_id"
	    " LEFT JOIN node a1 ON a1.id = n.parent_id"
	    " LEFT JOIN node a2 ON a2.id = a1.parent_id"
	    " LEFT JOIN node a3 ON a3.id = a2.parent_id"
	    " WHERE n.plan_id = ?1 AND n.depth = COALESCE("
	    "  (SELECT max(depth) FROM plan_level WHERE plan_id = ?1),"
	    "  (SELECT max(depth) FROM node WHERE plan_id = ?1))"
	    " AND COALESCE(n.first_fy, a1.first_fy, a2.first_fy, a3.first_fy,"
	    "  p.first_fy, ?2) <= ?2"
	    " AND COALESCE(n.last_fy, a1.last_fy, a2.last_fy, a3.last_fy,"
	    "  p.last_fy, ?2) >= ?2";
	sqlite3_stmt	*s;
	long		 n = -1;

	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(s, 1, plan);
	sqlite3_bind_int(s, 2, fy);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* Compares the kept figures with the full count over every year, and
 * the items counted with those the plain SQL finds; what says which
 * write came before. Returns how many plan-years differ. */
static int
compare(struct store *st, const char *what)
{
	struct browse_plan	*a, *b;
	size_t			 na, nb, i;
	char			*cause = NULL;
	int			 fy, bad = 0;

	for (fy = FIRST_FY; fy <= LAST_FY; fy++) {
		a = b = NULL;
		na = nb = 0;
		if (browse_plans_scaled(st, fy, TODAY_FY, scale, 4, &a, &na,
		    &cause) != 0 || browse_plans_counted(st, fy, TODAY_FY,
		    scale, 4, &b, &nb, &cause) != 0) {
			fprintf(stderr, "%s: %s\n", what, cause);
			free(cause);
			cause = NULL;
			bad++;
		} else if (na != nb)
			bad++;
		else
			for (i = 0; i < na; i++) {
				long	 want = items_in_year(st, b[i].id, fy);

				if (b[i].items != want) {
					fprintf(stderr, "after %s: plan %s in "
					    "%d: %ld items counted, %ld in"
					    " the year\n", what, b[i].code, fy,
					    b[i].items, want);
					bad++;
				}
				if (!same_plan(&a[i], &b[i])) {
					fprintf(stderr, "after %s: plan %s in "
					    "%d: kept %ld items %ld entered "
					    "%ld behind, counted %ld %ld "
					    "%ld\n", what, a[i].code, fy,
					    a[i].items, a[i].entered,
					    a[i].behind, b[i].items,
					    b[i].entered, b[i].behind);
					bad++;
				}
			}
		browse_plans_free(a, na);
		browse_plans_free(b, nb);
	}
	return bad;
}

/* The indicators' outcomes of every year read at once
 * (store_summary_outcomes, what an import keeps) against those read year
 * by year; *decided counts the outcomes other than no data. Returns how
 * many plan-years differ. */
static int
outcomes_agree(struct store *st, long *decided)
{
	long			 all[LAST_FY - FIRST_FY + 1][SUMMARY_NOUTCOMES];
	long			 one[SUMMARY_NOUTCOMES];
	int			 fys[LAST_FY - FIRST_FY + 1], fy, bad = 0;
	struct summary_indicator *v;
	sqlite3_stmt		*s;
	size_t			 n, i;
	char			*cause = NULL;

	*decided = 0;
	for (fy = FIRST_FY; fy <= LAST_FY; fy++)
		fys[fy - FIRST_FY] = fy;
	if (sqlite3_prepare_v2(store_db(st), "SELECT id FROM plan", -1, &s,
	    NULL) != SQLITE_OK)
		return 1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		long long plan = sqlite3_column_int64(s, 0);

		if (store_summary_outcomes(st, plan, fys, LAST_FY - FIRST_FY +
		    1, all, &cause) != 0) {
			fprintf(stderr, "outcomes: %s\n", cause);
			free(cause);
			cause = NULL;
			bad++;
			continue;
		}
		for (fy = FIRST_FY; fy <= LAST_FY; fy++) {
			memset(one, 0, sizeof one);
			if (store_summary_indicators(st, plan, fy, &v, &n,
			    &cause) != 0) {
				free(cause);
				cause = NULL;
				bad++;
				continue;
			}
			for (i = 0; i < n; i++)
				one[v[i].outcome]++;
			free(v);
			if (memcmp(one, all[fy - FIRST_FY], sizeof one) != 0) {
				fprintf(stderr, "plan %lld in %d: outcomes"
				    " %ld %ld %ld at once, %ld %ld %ld one by"
				    " one\n", plan, fy, all[fy - FIRST_FY][0],
				    all[fy - FIRST_FY][1],
				    all[fy - FIRST_FY][2], one[0], one[1],
				    one[2]);
				bad++;
			}
			*decided += one[SUMMARY_ACHIEVED] +
			    one[SUMMARY_NOT_ACHIEVED];
		}
	}
	sqlite3_finalize(s);
	return bad;
}

/* Whether kind k of a and kind j of b are alike. */
static int
same_kind(const struct browse_figs *a, size_t k, const struct browse_figs *b,
    size_t j)
{
	return a->v[k].planned == b->v[j].planned &&
	    strcmp(a->v[k].state, b->v[j].state) == 0 &&
	    strcmp(a->v[k].status, b->v[j].status) == 0 &&
	    strcmp(a->v[k].grade, b->v[j].grade) == 0;
}

/* Whether two counts of a plan's items in a year agree: every kind's
 * count, and below every heading every kind's count (kinds met in
 * another order have other indices). */
static int
same_items(const struct browse_figs *a, const struct browse_figs *b)
{
	size_t	i, j, nz = 0;
	long	k;

	if (a->depth != b->depth)
		return 0;
	for (i = 0; i < a->n; i++) {
		if (a->v[i].n == 0)
			continue;
		nz++;
		k = browse_figs_kind(b, a->v[i].state, a->v[i].status,
		    a->v[i].grade, a->v[i].planned);
		if (k < 0 || b->v[k].n != a->v[i].n)
			return 0;
	}
	for (i = 0; i < b->n; i++)
		nz -= b->v[i].n != 0;
	if (nz != 0 || a->nup != b->nup)
		return 0;
	for (i = 0; i < a->nup; i++) {
		for (j = 0; j < b->nup; j++)
			if (b->up[j].node_id == a->up[i].node_id &&
			    same_kind(a, a->up[i].kind, b, b->up[j].kind))
				break;
		if (j == b->nup || b->up[j].n != a->up[i].n)
			return 0;
	}
	return 1;
}

/* A plan's items counted for many years at once (what an import keeps)
 * equal those counted year by year, for every plan, over years with
 * gaps between them (results of the years left out are not counted)
 * and years before and after every period. Returns how many plan-years
 * differ; *counted the items counted in all of them. */
static int
items_agree(struct store *st, long *counted)
{
	static const int fys[] = { 2010, 2019, 2021, 2022, 2024, 2026, 2027,
	    2031, 2040 };
	enum { NFY = sizeof fys / sizeof fys[0] };
	struct browse_figs	 all[NFY], one;
	sqlite3_stmt		*s;
	size_t			 k, i;
	char			*cause = NULL;
	int			 bad = 0;

	*counted = 0;
	if (sqlite3_prepare_v2(store_db(st), "SELECT id FROM plan", -1, &s,
	    NULL) != SQLITE_OK)
		return 1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		long long plan = sqlite3_column_int64(s, 0);

		memset(all, 0, sizeof all);
		for (k = 0; k < NFY; k++)
			all[k].want_up = 1;
		if (browse_figs_count_years(st, plan, fys, NFY, all,
		    &cause) != 0) {
			fprintf(stderr, "items: %s\n", cause);
			free(cause);
			cause = NULL;
			bad++;
		}
		for (k = 0; k < NFY; k++) {
			memset(&one, 0, sizeof one);
			one.want_up = 1;
			if (browse_figs_count_items(st, plan, fys[k], &one,
			    &cause) != 0) {
				free(cause);
				cause = NULL;
				bad++;
			} else if (!same_items(&all[k], &one) ||
			    !same_items(&one, &all[k])) {
				fprintf(stderr, "plan %lld in %d: items counted"
				    " at once differ from those of the year\n",
				    plan, fys[k]);
				bad++;
			}
			for (i = 0; i < one.n; i++)
				*counted += one.v[i].n;
			browse_figs_clear(&one);
			browse_figs_clear(&all[k]);
		}
	}
	sqlite3_finalize(s);
	return bad;
}

TEST(test_kept_figures_equal_the_full_count)
{
	struct store	*st, *ro;
	sqlite3		*db;
	char		*cause = NULL, *sql;
	size_t		 i;
	long		 kept, all;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	db = store_db(st);
	/* The import keeps the figures of the year today falls in (no year
	 * is open), and the figures of the other years within ten of it of
	 * each plan with a period (test_import_keeps_the_plans_years); the
	 * list counts the rest, writing nothing. */
	sql = xasprintf("SELECT COUNT(*) FROM plan_fig WHERE fy = %d AND"
	    " items_valid = 1 AND ind_valid = 1 AND recount = 1",
	    fy_of_time(time(NULL), 4));
	CHECK_INT(q_long(db, sql), (long)NSAMPLES);
	free(sql);
	all = q_long(db, "SELECT COUNT(*) FROM plan_fig");
	CHECK(all > (long)NSAMPLES);
	CHECK_INT(compare(st, "the import"), 0);
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM plan_fig"), all);
	/* Every year kept, then every kind of write. */
	CHECK_INT(keep_all(st), 0);
	all = (long)NSAMPLES * (LAST_FY - FIRST_FY + 1);
	sql = xasprintf("SELECT COUNT(*) FROM plan_fig WHERE fy BETWEEN %d"
	    " AND %d", FIRST_FY, LAST_FY);
	CHECK_INT(q_long(db, sql), all);
	free(sql);
	sql = xasprintf("SELECT COUNT(*) FROM plan_fig WHERE items_valid = 1"
	    " AND ind_valid = 1 AND fy BETWEEN %d AND %d", FIRST_FY, LAST_FY);
	for (i = 0; i < sizeof writes / sizeof writes[0]; i++) {
		write_sql(st, writes[i].sql);
		kept = q_long(db, sql);
		if (kept != all)
			FAIL_AT("%s: %ld plan-years kept", writes[i].what,
			    kept);
		if (compare(st, writes[i].what) != 0)
			FAIL_AT("%s: kept figures differ", writes[i].what);
	}
	free(sql);
	/* The file agrees with itself after all that. */
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM plan_fig_item"
	    " WHERE n < 0"), 0);
	/* Actuals, targets and running totals of many years: the outcomes
	 * of all the years at once are those of each year. */
	CHECK_INT(outcomes_agree(st, &kept), 0);
	CHECK(kept > 20);
	/* And the items of many years at once those of each year. */
	CHECK_INT(items_agree(st, &kept), 0);
	CHECK(kept > 100);
	/* An import of a plan again, and one that replaces it. */
	CHECK_INT(load(st, samples + 3, 1, 1), 0);
	CHECK_INT(compare(st, "import --replace"), 0);
	CHECK_INT(keep_all(st), 0);
	/* Written behind the store's back, marked and never counted again:
	 * the list counts what is marked in full, and writes nothing. */
	raw(db, "UPDATE result SET state = 'draft' WHERE fy = 2024");
	raw(db, "UPDATE node SET last_fy = 2026 WHERE id % 3 = 0");
	raw(db, "INSERT OR REPLACE INTO indicator_actual (indicator_id, fy, num)"
	    " SELECT id, 2023, 7 FROM indicator");
	CHECK(q_long(db, "SELECT COUNT(*) FROM plan_fig WHERE items_valid = 0")
	    > 0);
	kept = q_long(db, "SELECT total_changes()");
	ro = store_open(dbpath, STORE_OPEN_READONLY, 1000, &cause);
	CHECK(ro != NULL);
	if (ro != NULL) {
		CHECK_INT(compare(ro, "writes behind the store, read only"), 0);
		store_close(ro);
	}
	CHECK_INT(compare(st, "writes behind the store"), 0);
	CHECK(q_long(db, "SELECT COUNT(*) FROM plan_fig WHERE items_valid = 0")
	    > 0);
	/* The store's next write counts them again. */
	write_sql(st, "UPDATE fiscal_year SET is_open = 1 WHERE fy = 2025");
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM plan_fig WHERE"
	    " items_valid = 0 OR ind_valid = 0"), 0);
	CHECK_INT(compare(st, "the next write"), 0);
	/* shisaku check counts them again: nothing to report, then what a
	 * write behind the store's back made untrue without marking it. */
	CHECK_INT(check_problems(st), 0);
	raw(db, "UPDATE node_fig SET n = n + 1 WHERE rowid = (SELECT MIN(rowid)"
	    " FROM node_fig WHERE n > 0)");
	raw(db, "UPDATE plan_fig SET achieved = achieved + 1 WHERE rowid ="
	    " (SELECT MAX(rowid) FROM plan_fig)");
	CHECK_INT(check_problems(st), 2);
	/* And the search's index: a node without its row. */
	raw(db, "DELETE FROM search_text WHERE rowid = (SELECT MIN(id)"
	    " FROM node)");
	CHECK_INT(check_problems(st), 3);
	/* And a row left for a node that is gone. */
	raw(db, "INSERT INTO search_text (rowid, body) VALUES ((SELECT MAX(id)"
	    " FROM node) + 1000, 'gone')");
	CHECK_INT(check_problems(st), 4);
	store_close(st);
}

/* The years of a plan whose figures its import keeps besides
 * today's, and what becomes of them (db/migrate-14.sql): true after a
 * result's write, kept after an actual's, forgotten after a change to
 * what decides the plan's items, and equal to the full count
 * throughout. */
TEST(test_import_keeps_the_plans_years)
{
	struct store	*st;
	sqlite3		*db;
	char		*cause = NULL, *sql;
	int		 today = TODAY_FY;
	long		 yuki, others;

	/* (A current year of its own, not the clock's: the years kept lie
	 * within ten years of it.) */
	if ((st = sample_store_at(samples, NSAMPLES, today)) == NULL)
		return;
	db = store_db(st);
	sql = xasprintf("SELECT COUNT(*) FROM plan_fig WHERE recount = 1"
	    " AND fy = %d", today);
	CHECK_INT(q_long(db, sql), (long)NSAMPLES);
	free(sql);
	/* Every year within ten of today's but today's, of each plan (no
	 * sample has results, no year is open), and nothing else: the years
	 * past a plan's period too, which cost no reading of its items. */
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM plan_fig WHERE recount = 0"),
	    20 * (long)NSAMPLES);
	sql = xasprintf("SELECT COUNT(*) FROM plan_fig WHERE recount = 0 AND"
	    " (fy = %d OR fy NOT BETWEEN %d AND %d OR items_valid = 0 OR"
	    " ind_valid = 0)", today, today - 10, today + 10);
	CHECK_INT(q_long(db, sql), 0);
	free(sql);
	/* The headings' counts of those years are kept with them: those of
	 * the years of the plan's period (every year of a plan without
	 * one); none past it (no item is in them, as compare() checks
	 * against the items). */
	CHECK(q_long(db, "SELECT COUNT(*) FROM plan WHERE first_fy IS NULL")
	    > 0);
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM plan_fig f JOIN plan p ON"
	    " p.id = f.plan_id WHERE f.recount = 0 AND (p.first_fy IS NULL OR"
	    " f.fy BETWEEN p.first_fy AND p.last_fy) AND NOT EXISTS (SELECT 1"
	    " FROM node_fig g WHERE g.plan_id = f.plan_id AND g.fy = f.fy)"),
	    0);
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM node_fig g JOIN plan p ON"
	    " p.id = g.plan_id WHERE g.fy NOT BETWEEN p.first_fy AND"
	    " p.last_fy"), 0);
	CHECK_INT(compare(st, "the import"), 0);
	yuki = q_long(db, "SELECT COUNT(*) FROM plan_fig f JOIN plan p ON"
	    " p.id = f.plan_id WHERE f.recount = 0 AND p.first_fy = 2021");
	others = q_long(db, "SELECT COUNT(*) FROM plan_fig WHERE recount = 0")
	    - yuki;
	CHECK(yuki >= 4);
	/* A result's write keeps them true; an actual's leaves the items'
	 * counts kept, the indicators' outcomes of its year counted when
	 * shown. */
	write_sql(st, "INSERT INTO result (node_id, fy, status, state)"
	    " SELECT n.id, 2023, 'done', 'submitted' FROM node n JOIN plan p"
	    " ON p.id = n.plan_id WHERE p.first_fy = 2021 AND n.id % 2 = 0");
	write_sql(st, "INSERT OR REPLACE INTO indicator_actual (indicator_id,"
	    " fy, num) SELECT i.id, 2023, 1 FROM indicator i JOIN plan p ON"
	    " p.id = i.plan_id WHERE p.first_fy = 2021");
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM plan_fig f JOIN plan p ON"
	    " p.id = f.plan_id WHERE f.recount = 0 AND f.items_valid = 1"
	    " AND p.first_fy = 2021"), yuki);
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM plan_fig f JOIN plan p ON"
	    " p.id = f.plan_id WHERE f.recount = 0 AND f.ind_valid = 0"
	    " AND f.fy = 2023 AND p.first_fy = 2021"), 1);
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM plan_fig WHERE recount = 0"
	    " AND ind_valid = 0 AND fy <> 2023"), 0);
	CHECK(q_long(db, "SELECT SUM(n) FROM plan_fig_item f JOIN plan p ON"
	    " p.id = f.plan_id WHERE f.fy = 2023 AND f.state = 'submitted'"
	    " AND p.first_fy = 2021") > 0);
	CHECK_INT(compare(st, "a result and an actual"), 0);
	/* A node's period forgets its plan's (and theirs alone); today's
	 * are counted again. */
	write_sql(st, "UPDATE node SET first_fy = 2022 WHERE id = (SELECT"
	    " MAX(n.id) FROM node n JOIN plan p ON p.id = n.plan_id"
	    " WHERE p.first_fy = 2021)");
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM plan_fig f JOIN plan p ON"
	    " p.id = f.plan_id WHERE f.recount = 0 AND p.first_fy = 2021"), 0);
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM node_fig g JOIN plan p ON"
	    " p.id = g.plan_id WHERE g.fy = 2023 AND p.first_fy = 2021"), 0);
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM plan_fig WHERE"
	    " recount = 0"), others);
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM plan_fig WHERE"
	    " recount = 1 AND items_valid = 1 AND ind_valid = 1"),
	    (long)NSAMPLES);
	CHECK_INT(compare(st, "a node's period"), 0);
	/* A plan without a period: every year within ten years of today,
	 * not a year with results further away. */
	write_sql(st, "INSERT INTO result (node_id, fy, status, state)"
	    " SELECT n.id, fy.v, 'done', 'draft' FROM node n JOIN plan p"
	    " ON p.id = n.plan_id, (SELECT 2024 AS v UNION SELECT 1990)"
	    " fy WHERE p.first_fy IS NULL AND n.id % 3 = 0");
	CHECK_INT(store_begin(st, &cause), 0);
	CHECK_INT(browse_figures_keep_years(st, q_long(db, "SELECT id FROM"
	    " plan WHERE first_fy IS NULL"), today, &cause), 0);
	CHECK_INT(store_commit(st, &cause), 0);
	free(cause);
	sql = xasprintf("SELECT COUNT(*) * 10000 + MAX(f.fy) FROM plan_fig f"
	    " JOIN plan p ON p.id = f.plan_id WHERE p.first_fy IS NULL"
	    " AND f.fy <> %d", today);
	CHECK_INT(q_long(db, sql), 20 * 10000 + today + 10);
	free(sql);
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM plan_fig WHERE fy = 1990"),
	    0);
	CHECK_INT(compare(st, "a plan without a period"), 0);
	/* A year opened for entry is kept in full, as an import keeps the
	 * open years. */
	CHECK_INT(store_user_put(st, "kikaku", "企画", ROLE_PLANNER, NULL, 0,
	    &cause), 0);
	CHECK(q_long(db, "SELECT COUNT(*) FROM plan_fig WHERE fy = 2024"
	    " AND recount = 0") > 0);
	CHECK_INT(store_year_set_open(st, 2024, 1, "kikaku", NULL, &cause), 0);
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM plan_fig WHERE fy = 2024"
	    " AND recount = 1 AND items_valid = 1 AND ind_valid = 1"),
	    (long)NSAMPLES);
	CHECK_INT(compare(st, "a year opened"), 0);
	free(cause);
	store_close(st);
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
	workflow_checked(st, compare);
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM plan_fig WHERE fy BETWEEN "
	    STR(FIRST_FY) " AND " STR(LAST_FY)), LAST_FY - FIRST_FY + 1);
	CHECK_INT(q_long(db, "SELECT SUM(n) FROM plan_fig_item WHERE fy = 2024"
	    " AND state = 'confirmed'"), q_long(db, "SELECT COUNT(*) FROM"
	    " result WHERE fy = 2024 AND state = 'confirmed'"));
	CHECK(q_long(db, "SELECT COUNT(*) FROM result WHERE fy = 2024"
	    " AND state = 'confirmed'") > 0);
	store_close(st);
}

/*
 * A file of results and actual values for a plan already in the file
 * counts again the figures of the years it changes and no other: those
 * of its results' year, of its actuals' and, of a running total, the
 * later ones; the other years and the other plans keep what they had.
 * Every figure then equals the full count.
 */
TEST(test_results_file_counts_its_years)
{
	struct store	*st;
	sqlite3		*db;
	char		*path;

	if ((st = sample_store_at(samples, NSAMPLES, TODAY_FY)) == NULL)
		return;
	db = store_db(st);
	write_sql(st, "UPDATE indicator SET cumulative = 1, direction = 'up'"
	    " WHERE id % 2 = 0 AND plan_id = (SELECT id FROM plan"
	    " WHERE code = 'yuki-ap')");
	/* (That write forgot the years yuki-ap's import had kept.) */
	CHECK_INT(keep_all(st), 0);
	CHECK_INT(compare(st, "running totals"), 0);
	if ((path = results_file(db, "results.csv")) == NULL) {
		store_close(st);
		return;
	}
	/* Marks no count can give, on years kept of every plan: before
	 * the running totals' actuals, and after them. */
	CHECK_INT(q_long(db, "SELECT count(*) FROM plan_fig"
	    " WHERE fy IN (2020, 2030)"), 2 * (long)NSAMPLES);
	raw(db, "UPDATE plan_fig SET achieved = achieved + 1000"
	    " WHERE fy IN (2020, 2030)");
	CHECK_INT(load_at(st, (const char *const *)&path, 1, 0, TODAY_FY), 0);
	CHECK(q_long(db, "SELECT count(*) FROM result WHERE fy = 2021") > 5);
	CHECK(q_long(db, "SELECT count(*) FROM indicator_actual a JOIN"
	    " indicator i ON i.id = a.indicator_id WHERE i.cumulative = 1"
	    " AND a.fy = 2022") > 2);
	/* 2020 kept by every plan; 2030 counted again of yuki-ap alone. */
	CHECK_INT(q_long(db, "SELECT count(*) FROM plan_fig"
	    " WHERE fy = 2020 AND achieved >= 1000"), (long)NSAMPLES);
	CHECK_INT(q_long(db, "SELECT count(*) FROM plan_fig f JOIN plan p"
	    " ON p.id = f.plan_id WHERE f.fy = 2030 AND f.achieved >= 1000"
	    " AND p.code <> 'yuki-ap'"), (long)NSAMPLES - 1);
	CHECK_INT(q_long(db, "SELECT count(*) FROM plan_fig f JOIN plan p"
	    " ON p.id = f.plan_id WHERE f.fy = 2030 AND p.code = 'yuki-ap'"
	    " AND f.achieved < 1000 AND f.items_valid = 1"
	    " AND f.ind_valid = 1"), 1);
	raw(db, "UPDATE plan_fig SET achieved = achieved - 1000"
	    " WHERE achieved >= 1000");
	/* Each year as the full count has it; none left to count. */
	CHECK_INT(compare(st, "a file of results"), 0);
	CHECK_INT(q_long(db, "SELECT count(*) FROM plan_fig"
	    " WHERE items_valid = 0 OR ind_valid = 0"), 0);
	CHECK_INT(q_long(db, "SELECT count(*) FROM plan_fig"),
	    21 * (long)NSAMPLES);
	unlink(path);
	free(path);
	store_close(st);
}

/*
 * A row of a plan's structure the checks never let through to a plan
 * already in the file (a yearly plan for one of its items, handed to
 * the loader as is): the loader counts that plan's figures again whole,
 * not only the years of results and actual values it noted. The item
 * of omitama-1 (no period) plans 2024 from then on, a year gone by
 * without its result: it is behind.
 */
TEST(test_structure_to_a_loaded_plan_counts_it_whole)
{
	struct store_plan_loader *l;
	struct store	*st;
	struct pf_record r;
	sqlite3		*db;
	char		*cause = NULL, *key, *empty = "";
	size_t		 i;

	if ((st = sample_store_at(samples, NSAMPLES, TODAY_FY)) == NULL)
		return;
	db = store_db(st);
	key = xasprintf("%ld", q_long(db, "SELECT n.key FROM node n JOIN plan p"
	    " ON p.id = n.plan_id WHERE p.code = 'omitama-1' AND n.depth ="
	    " (SELECT max(depth) FROM node WHERE plan_id = p.id)"
	    " AND n.first_fy IS NULL ORDER BY n.ord LIMIT 1"));
	memset(&r, 0, sizeof r);
	for (i = 0; i < PF_MAX_COLS; i++)
		r.f[i] = empty;
	r.kind = PF_YEARPLAN;
	r.file = "test";
	r.line = 1;
	r.f[YP_PLAN] = "omitama-1";
	r.f[YP_NODE] = key;
	r.f[YP_FROM] = "2024";
	r.f[YP_TO] = "2024";
	r.f[YP_TEXT] = "計画";
	l = store_plan_loader_new(st, 0, "tester");
	store_plan_loader_today(l, TODAY_FY);
	CHECK_INT(store_plan_loader_begin(l, &cause), 0);
	CHECK_INT(store_plan_loader_take(l, &r), 0);
	CHECK_INT(store_plan_loader_commit(l, &cause), 0);
	if (cause != NULL)
		fprintf(stderr, "%s\n", cause);
	free(cause);
	store_plan_loader_free(l);
	CHECK_INT(q_long(db, "SELECT count(*) FROM year_plan WHERE from_fy = 2024"
	    " AND text = '計画'"), 1);
	CHECK_INT(compare(st, "a yearly plan loaded into a plan already there"),
	    0);
	free(key);
	store_close(st);
}

int
main(void)
{
	if (sample_dir_make("fig") != 0)
		return 1;
	RUN(test_kept_figures_equal_the_full_count);
	RUN(test_import_keeps_the_plans_years);
	RUN(test_workflow_keeps_the_figures);
	RUN(test_results_file_counts_its_years);
	RUN(test_structure_to_a_loaded_plan_counts_it_whole);
	sample_dir_remove();
	DONE();
}
