/*
 * The indicator list filtered by department or to 自分の担当 reads only
 * the rows its filter names, found from the department's side (its
 * assignments, its indicators, the plan's headings), never by reading
 * the plan's indicators. What they name must be what the plain
 * definitions name, for every sample plan, every department (and the
 * planners), every year compared: after the import and after writes
 * that move each thing the definitions look at (assignments' years and
 * main departments, indicators' own departments, indicators moved to a
 * heading or to the plan, the periods of nodes and plans and the years
 * of indicators, which say in which years an indicator is anyone's).
 * And the rows read for a set of ids must be
 * the list's own rows, in plan order, as the ids put in plan order are;
 * and the departments a filter offers (asked of each department on the
 * index of the plan's assignments) those the plan's assignments name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "harness.h"
#include "shisaku/planfile.h"
#include "shisaku/store-actual.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-sheet.h"
#include "shisaku/store.h"
#include "shisaku/util.h"
#include "sample-writes.h"

/* An assignment of node_dept nd in force in ?3. */
#define PLAIN_IN_FORCE							\
	"(COALESCE(nd.from_fy, 0) = 0 OR nd.from_fy <= ?3)"		\
	" AND (COALESCE(nd.until_fy, 0) = 0 OR nd.until_fy >= ?3)"
#define PLAIN_PART_OF_ITEM						\
	"(i.node_id IS NOT NULL AND i.dept_id IS NULL AND n.depth ="	\
	" COALESCE((SELECT MAX(depth) FROM plan_level"			\
	" WHERE plan_id = i.plan_id), (SELECT MAX(depth) FROM node"	\
	" WHERE plan_id = i.plan_id)))"

/* The nearest year col (first_fy, last_fy) of indicator i's node and
 * the nodes above it, walked up one parent at a time, else its plan's. */
#define PLAIN_PERIOD_END(col)						\
	"COALESCE((WITH RECURSIVE up(id, k) AS (SELECT i.node_id, 0"	\
	" UNION ALL SELECT x.parent_id, up.k + 1 FROM up JOIN node x"	\
	" ON x.id = up.id WHERE x.parent_id IS NOT NULL)"		\
	" SELECT x." col " FROM up JOIN node x ON x.id = up.id"		\
	" WHERE x." col " IS NOT NULL ORDER BY up.k LIMIT 1),"		\
	" (SELECT pl." col " FROM plan pl WHERE pl.id = i.plan_id))"

/* Indicator i (node n) is anyone's in ?3 (store-actual.h): ?3 within
 * the period of its node (or plan); with no period at all, one that goes
 * with its item's result in any year, another within the years its
 * baseline and final target give, or a year with a target or value. */
#define PLAIN_MEASURED							\
	"EXISTS (SELECT 1 FROM (SELECT " PLAIN_PERIOD_END("first_fy")	\
	" AS f, " PLAIN_PERIOD_END("last_fy") " AS l) y"		\
	" WHERE (y.f IS NULL OR y.f <= ?3) AND (y.l IS NULL OR y.l >= ?3)" \
	" AND (y.f IS NOT NULL OR y.l IS NOT NULL OR " PLAIN_PART_OF_ITEM \
	" OR ((i.base_fy IS NULL OR i.base_fy < ?3)"			\
	" AND (i.final_fy IS NULL OR i.final_fy >= ?3))"		\
	" OR i.id IN (SELECT indicator_id FROM indicator_actual"	\
	" WHERE fy = ?3) OR i.id IN (SELECT indicator_id"		\
	" FROM indicator_target WHERE fy = ?3)))"

/* Who reports what, as store-actual.h defines it, over every indicator
 * of plan ?1 measured in ?3: reported on its own with ?2 responsible
 * (its own department, else its node's main one in force in ?3, else
 * none: 0), or part of the result of an item ?2 is in charge of in ?3. */
static const char plain_reported[] =
    "SELECT i.id FROM indicator i LEFT JOIN node n ON n.id = i.node_id"
    " WHERE i.plan_id = ?1 AND " PLAIN_MEASURED " AND ((NOT "
    PLAIN_PART_OF_ITEM
    " AND COALESCE(i.dept_id, (SELECT nd.dept_id FROM node_dept nd"
    "  WHERE nd.node_id = i.node_id AND " PLAIN_IN_FORCE
    "  ORDER BY nd.is_main DESC, nd.ord, nd.id LIMIT 1), 0) = ?2)"
    " OR (?2 <> 0 AND " PLAIN_PART_OF_ITEM " AND EXISTS (SELECT 1"
    "  FROM node_dept nd WHERE nd.node_id = i.node_id AND nd.dept_id = ?2"
    "  AND " PLAIN_IN_FORCE ")))"
    " ORDER BY i.id";

/* A department's indicators on the list: those on a node it is in
 * charge of in ?3, or on a node above one (walked down from the
 * indicator's node); by id, and in the list's plan order. */
#define PLAIN_DEPT_INDICATORS						\
    "SELECT i.id FROM indicator i WHERE i.plan_id = ?1 AND EXISTS ("	\
    " WITH RECURSIVE below(id) AS (SELECT i.node_id UNION"		\
    "  SELECT c.id FROM node c JOIN below ON c.parent_id = below.id)"	\
    " SELECT 1 FROM below JOIN node_dept nd ON nd.node_id = below.id"	\
    " WHERE nd.dept_id = ?2 AND " PLAIN_IN_FORCE ")"
static const char plain_dept_indicators[] =
    PLAIN_DEPT_INDICATORS " ORDER BY i.id";
static const char plain_dept_indicators_placed[] =
    PLAIN_DEPT_INDICATORS " ORDER BY i.ord, i.id";

/* The years compared: each side of the years the writes below move
 * assignments to (2023, 2025). */
#define FILTER_FIRST_FY 2021
#define FILTER_LAST_FY 2027

/* Writes that move what the definitions look at. */
static const struct {
	const char	*what, *sql;
} moves[] = {
	{ "assignments ended", "UPDATE node_dept SET until_fy = 2023"
	  " WHERE id % 3 = 0" },
	{ "assignments begun later", "UPDATE node_dept SET from_fy = 2025"
	  " WHERE id % 5 = 1" },
	{ "main departments changed", "UPDATE node_dept SET is_main ="
	  " 1 - is_main WHERE id % 2 = 0" },
	{ "indicators given a department", "UPDATE indicator SET dept_id ="
	  " (SELECT MIN(id) FROM department) WHERE id % 4 = 0" },
	{ "indicators moved to a heading", "UPDATE indicator SET node_id ="
	  " (SELECT parent_id FROM node WHERE id = indicator.node_id)"
	  " WHERE id % 5 = 2 AND (SELECT parent_id FROM node"
	  " WHERE id = indicator.node_id) IS NOT NULL" },
	{ "indicators moved to the plan", "UPDATE indicator SET node_id = NULL,"
	  " dept_id = NULL WHERE id % 7 = 0" },
	{ "assignments given twice", "INSERT INTO node_dept (node_id,"
	  " dept_id, is_main, from_fy, until_fy, ord) SELECT node_id, dept_id,"
	  " is_main, from_fy, until_fy, ord + 100 FROM node_dept"
	  " WHERE id % 3 = 1" },
	{ "headings left without a department", "DELETE FROM node_dept"
	  " WHERE id % 2 = 1 AND node_id IN (SELECT id FROM node"
	  " WHERE depth = 1)" },
	{ "nodes given periods of their own", "UPDATE node SET"
	  " first_fy = CASE WHEN id % 3 = 0 THEN 2024 END,"
	  " last_fy = CASE WHEN id % 4 = 0 THEN 2023 + id % 3 END"
	  " WHERE id % 3 = 0 OR id % 4 = 0" },
	{ "a plan's period ended early", "UPDATE plan SET last_fy = 2023"
	  " WHERE id = (SELECT MAX(plan_id) FROM node WHERE first_fy"
	  " IS NULL AND plan_id IN (SELECT id FROM plan"
	  " WHERE first_fy IS NOT NULL))" },
	{ "indicators' years moved", "UPDATE indicator SET"
	  " base_fy = 2021 + id % 4, final_fy = 2023 + id % 3"
	  " WHERE id % 2 = 0" },
	/* Its items' indicators (without a department) then go with the
	 * items' results in every year; the others keep their years. */
	{ "a plan's period taken away", "UPDATE plan SET first_fy = NULL,"
	  " last_fy = NULL WHERE code = 'omitama-dx'" },
};

/* The ids sql gives for ?1 plan, ?2 dept, ?3 fy. */
static long long *
plain_ids(sqlite3 *db, const char *sql, long long plan, long long dept,
    int fy, size_t *n)
{
	sqlite3_stmt	*s;
	long long	*v = NULL;

	*n = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK) {
		FAIL_AT("%s", sqlite3_errmsg(db));
		return NULL;
	}
	sqlite3_bind_int64(s, 1, plan);
	sqlite3_bind_int64(s, 2, dept);
	sqlite3_bind_int(s, 3, fy);
	while (sqlite3_step(s) == SQLITE_ROW) {
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	return v;
}

static int
same_ids(const long long *a, size_t na, const long long *b, size_t nb)
{
	return na == nb && (na == 0 || memcmp(a, b, na * sizeof *a) == 0);
}

/* Every plan, department (and 0, the planners) and year: the store's
 * two readers name what the plain definitions name, the department's
 * also in plan order. Returns the number that differ; *named, the ids
 * named in all. */
static int
filters_agree(struct store *st, const char *what, long *named)
{
	sqlite3		*db = store_db(st);
	long long	*plans, *depts, *got, *want, *in_order;
	size_t		 nplans, ndepts, ngot, nwant, p, d;
	char		*cause = NULL;
	int		 fy, kind, bad = 0;

	*named = 0;
	plans = q_ids(db, "SELECT id FROM plan ORDER BY id", 0, &nplans);
	depts = q_ids(db, "SELECT 0 UNION ALL SELECT id FROM department",
	    0, &ndepts);
	for (p = 0; p < nplans; p++)
		for (d = 0; d < ndepts; d++)
			for (fy = FILTER_FIRST_FY; fy <= FILTER_LAST_FY; fy++)
				for (kind = 0; kind < 2; kind++) {
					if (kind == 1 && depts[d] == 0)
						continue;
					in_order = NULL;
					if ((kind == 0 ? store_actual_reported_by(
					    st, plans[p], depts[d], fy, &got,
					    &ngot, &cause) :
					    store_plan_dept_indicators_placed(st,
					    plans[p], depts[d], fy, &got,
					    &in_order, &ngot, &cause)) != 0) {
						FAIL_AT("%s: %s", what, cause);
						free(cause);
						cause = NULL;
						bad++;
						continue;
					}
					want = plain_ids(db, kind == 0 ?
					    plain_reported :
					    plain_dept_indicators, plans[p],
					    depts[d], fy, &nwant);
					if (!same_ids(got, ngot, want, nwant)) {
						FAIL_AT("%s: %s of plan %lld,"
						    " dept %lld in %d: %zu,"
						    " want %zu", what, kind ?
						    "the department's" :
						    "reported", plans[p],
						    depts[d], fy, ngot, nwant);
						bad++;
					}
					free(want);
					if (kind == 1) {
						want = plain_ids(db,
						    plain_dept_indicators_placed,
						    plans[p], depts[d], fy,
						    &nwant);
						if (!same_ids(in_order, ngot,
						    want, nwant)) {
							FAIL_AT("%s: the"
							    " department's"
							    " of plan %lld,"
							    " dept %lld in %d"
							    " not in plan"
							    " order", what,
							    plans[p], depts[d],
							    fy);
							bad++;
						}
						free(want);
					}
					*named += (long)ngot;
					free(got);
					free(in_order);
				}
	free(plans);
	free(depts);
	return bad;
}

TEST(test_filters_name_what_the_definitions_name)
{
	struct store	*st;
	size_t		 i;
	long		 named;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	CHECK_INT(filters_agree(st, "the import", &named), 0);
	CHECK(named > 1000);
	for (i = 0; i < sizeof moves / sizeof moves[0]; i++) {
		write_sql(st, moves[i].sql);
		CHECK_INT(filters_agree(st, moves[i].what, &named), 0);
		CHECK(named > 0);
	}
	/* The writes left some of each kind to name: an indicator only the
	 * planners report, one on the plan itself. */
	CHECK(q_long(store_db(st), "SELECT count(*) FROM indicator"
	    " WHERE node_id IS NULL") > 0);
	store_close(st);
}

/* The departments a filter offers, by the plain definition: those with
 * an assignment in force in ?3 on a node of plan ?1, in the
 * departments' order (read by plain_ids; ?2 is not used). */
static const char plain_plan_depts[] =
    "SELECT d.id FROM department d WHERE d.id IN (SELECT nd.dept_id"
    " FROM node_dept nd JOIN node n ON n.id = nd.node_id"
    " WHERE n.plan_id = ?1 AND (nd.from_fy IS NULL OR nd.from_fy <= ?3)"
    " AND (nd.until_fy IS NULL OR nd.until_fy >= ?3)) ORDER BY d.ord, d.id";

/* Every plan and year: the store's choice of departments is the plain
 * one. Returns the number that differ. */
static int
depts_agree(struct store *st, const char *what)
{
	sqlite3		*db = store_db(st);
	struct sheet_dept *d;
	long long	*plans, *got, *want;
	size_t		 nplans, n, nwant, p, k;
	char		*cause = NULL;
	int		 fy, bad = 0;

	plans = q_ids(db, "SELECT id FROM plan ORDER BY id", 0, &nplans);
	for (p = 0; p < nplans; p++)
		for (fy = FILTER_FIRST_FY; fy <= FILTER_LAST_FY; fy++) {
			if (store_plan_depts(st, plans[p], fy, &d, &n,
			    &cause) != 0) {
				FAIL_AT("%s: %s", what, cause);
				free(cause);
				cause = NULL;
				bad++;
				continue;
			}
			got = xcalloc(n + 1, sizeof *got);
			for (k = 0; k < n; k++)
				got[k] = d[k].id;
			store_depts_free(d, n);
			want = plain_ids(db, plain_plan_depts, plans[p], 0, fy,
			    &nwant);
			if (!same_ids(got, n, want, nwant)) {
				FAIL_AT("%s: departments of plan %lld in %d:"
				    " %zu, want %zu", what, plans[p], fy, n,
				    nwant);
				bad++;
			}
			free(got);
			free(want);
		}
	free(plans);
	return bad;
}

TEST(test_filters_offer_the_plans_departments)
{
	struct store	*st;
	sqlite3		*db;
	size_t		 i;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	db = store_db(st);
	/* Each assignment knows its node's plan. */
	CHECK_INT(q_long(db, "SELECT count(*) FROM node_dept nd"
	    " WHERE nd.plan_id IS NOT (SELECT plan_id FROM node"
	    " WHERE id = nd.node_id)"), 0);
	CHECK_INT(depts_agree(st, "the import"), 0);
	for (i = 0; i < sizeof moves / sizeof moves[0]; i++) {
		write_sql(st, moves[i].sql);
		CHECK_INT(depts_agree(st, moves[i].what), 0);
	}
	/* Written behind the program's back: an assignment without its
	 * plan, and one moved to a node of another plan. */
	write_sql(st, "INSERT INTO node_dept (node_id, dept_id, is_main, ord)"
	    " SELECT (SELECT MAX(id) FROM node), (SELECT MAX(id)"
	    " FROM department), 0, 99");
	write_sql(st, "UPDATE node_dept SET node_id = (SELECT MIN(id)"
	    " FROM node) WHERE id = (SELECT MAX(id) FROM node_dept"
	    " WHERE plan_id = (SELECT MAX(plan_id) FROM node_dept))");
	CHECK_INT(q_long(db, "SELECT count(*) FROM node_dept nd"
	    " WHERE nd.plan_id IS NOT (SELECT plan_id FROM node"
	    " WHERE id = nd.node_id)"), 0);
	CHECK_INT(depts_agree(st, "written behind the program's back"), 0);
	CHECK_INT(check_problems(st), 0);
	/* With the triggers gone, a wrong plan is what shisaku check
	 * reports. */
	write_sql(st, "DROP TRIGGER node_dept_plan_upd;"
	    " UPDATE node_dept SET plan_id = plan_id + 1"
	    " WHERE id = (SELECT MIN(id) FROM node_dept)");
	CHECK_INT(check_problems(st), 1);
	store_close(st);
}

/* Two rows read each way hold the same values. */
static int
same_row(const struct indicator_row *a, const struct indicator_row *b)
{
	return a->id == b->id && a->node_id == b->node_id && a->ord == b->ord &&
	    strcmp(a->node_code, b->node_code) == 0 &&
	    strcmp(a->name, b->name) == 0 &&
	    strcmp(a->category, b->category) == 0 &&
	    a->target.kind == b->target.kind && a->target.num == b->target.num &&
	    a->target_fy == b->target_fy &&
	    a->actual.kind == b->actual.kind && a->actual.num == b->actual.num &&
	    a->actual_sum == b->actual_sum &&
	    a->actual_sum_count == b->actual_sum_count;
}

TEST(test_rows_of_ids_are_the_lists_rows_in_plan_order)
{
	struct store		*st;
	struct indicator_list	 all, some;
	long long		*plans, *ids;
	size_t			 nplans, nids, p, i, k;
	char			*cause = NULL;
	int			 fy;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	plans = q_ids(store_db(st), "SELECT id FROM plan ORDER BY id", 0,
	    &nplans);
	for (p = 0; p < nplans; p++)
		for (fy = 2022; fy <= 2026; fy++) {
			if (store_indicator_list_rows(st, plans[p], fy, &all,
			    &cause) != 0) {
				FAIL_AT("%s", cause);
				free(cause);
				continue;
			}
			/* Every third row, asked for in reverse, with an id
			 * of no indicator and one of another plan. */
			ids = xcalloc(all.n + 3, sizeof *ids);
			for (nids = 0, i = all.n; i-- > 0; )
				if (i % 3 == 1)
					ids[nids++] = all.rows[i].id;
			ids[nids++] = 999999;
			ids[nids++] = q_long(store_db(st), "SELECT MIN(id)"
			    " FROM indicator WHERE plan_id <> (SELECT MIN(id)"
			    " FROM plan)") * (p == 0);
			if (store_indicator_list_rows_in(st, plans[p], fy, ids,
			    nids, &some, &cause) != 0) {
				FAIL_AT("%s", cause);
				free(cause);
				free(ids);
				store_indicator_list_free(&all);
				continue;
			}
			CHECK_INT(some.n, (all.n + 1) / 3);
			for (k = 0, i = 1; k < some.n && i < all.n; k++, i += 3)
				if (!same_row(&some.rows[k], &all.rows[i]) ||
				    some.rows[k].plan_order != (long)k) {
					FAIL_AT("plan %lld in %d: row %zu is"
					    " %lld, want %lld", plans[p], fy,
					    k, some.rows[k].id, all.rows[i].id);
					break;
				}
			CHECK_STR(some.plan_name, all.plan_name);
			/* The plan order of every id, asked for in reverse
			 * with one of no indicator: the list's order. */
			for (nids = 0, i = all.n; i-- > 0; )
				ids[nids++] = all.rows[i].id;
			ids[nids++] = 999999;
			if (store_indicator_order_in(st, fy, IND_ORDER_PLAN,
			    NULL, ids, &nids, &cause) != 0) {
				FAIL_AT("%s", cause);
				free(cause);
				cause = NULL;
			} else {
				CHECK_INT(nids, all.n);
				for (i = 0; i < nids && i < all.n; i++)
					if (ids[i] != all.rows[i].id) {
						FAIL_AT("plan %lld: place %zu"
						    " is %lld, want %lld",
						    plans[p], i, ids[i],
						    all.rows[i].id);
						break;
					}
			}
			free(ids);
			store_indicator_list_free(&all);
			store_indicator_list_free(&some);
		}
	free(plans);
	store_close(st);
}

int
main(void)
{
	if (sample_dir_make("indfilters") != 0)
		return 1;
	RUN(test_filters_name_what_the_definitions_name);
	RUN(test_rows_of_ids_are_the_lists_rows_in_plan_order);
	RUN(test_filters_offer_the_plans_departments);
	sample_dir_remove();
	DONE();
}
