/*
 * Indicator actuals reported on their own, through the store, for a plan
 * of the family whose indicators hang on its basic policies: which
 * indicators a department (or only the planners) reports in a year, the
 * view of one indicator over its years with who reports it, and an actual
 * typed as a clerk types it (１，２３４件) saved as the number with its
 * printed form, filed under the department, as a draft. Run from the top
 * of the source tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fixture.h"
#include "harness.h"
#include "peek.h"
#include "shisaku/store-actual.h"
#include "shisaku/store-mywork.h"
#include "shisaku/store-result.h"
#include "shisaku/store-user.h"
#include "shisaku/store.h"
#include "shisaku/util.h"
#include "shisaku/value.h"

static char dir[] = "/tmp/shisaku-test-store-reported-XXXXXX";
static char *db_path;
static struct store *st;

/*
 * 基本施策 1 is the 市民協働課's (its main department), 基本施策 2 names
 * 総務課 for its indicator although 市民協働課 runs it, 基本施策 3 has no
 * department (the planners report it), 基本施策 4 passes to 総務課 in
 * 2024; the 取組 below carry indicators of their own too.
 */
static const char plan_text[] =
    "shisaku-plan,1\n"
    "plan,t,試験総合計画,2022,2026,試験市,\n"
    "level,t,1,基本施策\n"
    "level,t,2,取組\n"
    "dept,試験市/市民協働課,市民協働課,試験市,\n"
    "dept,試験市/総務課,総務課,試験市,\n"
    "node,t,1,,1,市民協働の推進,,,,,,\n"
    "node,t,2,,2,行政運営,,,,,,\n"
    "node,t,3,,3,計画の推進,,,,,,\n"
    "node,t,4,,4,窓口の改善,,,,,,\n"
    "node,t,11,1,1-1,出前講座,,,,,,\n"
    "node,t,21,2,2-1,研修,,,,,,\n"
    "assign,t,1,試験市/総務課,0,,\n"
    "assign,t,1,試験市/市民協働課,1,,\n"
    "assign,t,2,試験市/市民協働課,1,,\n"
    "assign,t,4,試験市/市民協働課,1,,2023\n"
    "assign,t,4,試験市/総務課,1,2024,\n"
    "assign,t,11,試験市/市民協働課,1,,\n"
    "assign,t,21,試験市/市民協働課,1,,\n"
    "indicator,t,p1,1,協働事業の件数,行政指標,件,増加,,1000件,2022,3000件,2026,,,\n"
    "target,t,p1,2023,1500件\n"
    "indicator,t,p2,2,研修の受講率,行政指標,%,増加,,50%,2022,80%,2026,,,"
    "試験市/総務課\n"
    "indicator,t,p3,3,計画の進み具合,,,,,,,実施,2026,,,\n"
    "indicator,t,p4,4,窓口の待ち時間,,分,減少,,30分,2022,10分,2026,,,\n"
    "indicator,t,all,,市民満足度,市民指標,%,増加,,60%,2022,70%,2026,,,\n"
    "indicator,t,i11,11,講座の回数,,回,増加,,,,50回,2026,,,\n"
    "indicator,t,i21,21,研修の回数,,回,増加,,,,10回,2026,,,"
    "試験市/総務課\n"
    /* A plan that prints no period: its indicators are measured in the
     * years their baseline and final target give, and in a year with a
     * target or value; those of a node with a period of its own, in
     * that period. */
    "plan,u,期間のない計画,,,試験市,\n"
    "level,u,1,基本目標\n"
    "level,u,2,取組\n"
    "node,u,1,,1,安心のまち,,,,,,\n"
    "node,u,2,,2,子育て,,2023,2024,,,\n"
    "node,u,11,1,1-1,防災訓練,,,,,,\n"
    "node,u,21,2,2-1,相談窓口,,,,,,\n"
    "assign,u,1,試験市/市民協働課,1,,\n"
    "assign,u,2,試験市/市民協働課,1,,\n"
    "indicator,u,q1,1,訓練の参加者数,,人,増加,,100人,2022,300人,2024,,,\n"
    "indicator,u,q2,1,避難所の数,,か所,増加,,,,40か所,2030,,,\n"
    "indicator,u,q3,1,防災士の数,,人,増加,,10人,2022,30人,2024,,,\n"
    "actual,u,q3,2026,35人,,下書き\n"
    "indicator,u,q4,1,備蓄の品目,,品目,増加,,5品目,2022,9品目,2024,,,\n"
    "target,u,q4,2026,12品目\n"
    "indicator,u,q5,2,相談の件数,,件,増加,,,,,,,,\n"
    /* The items' own indicators go with their results, in every year
     * the item is listed (q7's item under a node of 2023-2024). */
    "indicator,u,q6,11,訓練の回数,,回,増加,,1回,2020,3回,2022,,,\n"
    "indicator,u,q7,21,窓口の開設日数,,日,増加,,,,,,,,\n";

static long long plan, p1, p3, i11;
static long long d_kyodo, d_somu;

static const struct fixture_user users[] = {
	{ "sato", "佐藤", ROLE_CLERK, "試験市/市民協働課" },
	{ "kikaku", "企画", ROLE_PLANNER, NULL },
	{ NULL, NULL, ROLE_NONE, NULL }
};

static long long
id_of(const char *table, const char *key)
{
	return q_int("SELECT id FROM %s WHERE key = '%s'", table, key);
}

/* The keys of indicators ids[0..n) as "p1 p2 …", for comparing ("not
 * ascending" when the ids are not); frees ids. */
static char *
keys_of(long long *ids, size_t n)
{
	char	*out = xstrdup(""), *t, *key;
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (i > 0 && ids[i - 1] >= ids[i]) {
			free(out);
			free(ids);
			return xstrdup("not ascending");
		}
		key = q_text("SELECT key FROM indicator WHERE id = %lld", ids[i]);
		t = xasprintf("%s%s%s", out, *out ? " " : "", key);
		free(key);
		free(out);
		out = t;
	}
	free(ids);
	return out;
}

/* The indicators dept reports in fy of plan_id, as keys_of gives them. */
static char *
reported_of(long long plan_id, long long dept, int fy)
{
	long long	*ids = NULL;
	size_t		 n = 0;
	char		*cause = NULL, *out;

	if (store_actual_reported_by(st, plan_id, dept, fy, &ids, &n,
	    &cause) != 0) {
		out = xasprintf("error: %s", cause);
		free(cause);
		return out;
	}
	return keys_of(ids, n);
}

/* The indicators dept reports in fy of plan_id are want ("p1 p2 …"). */
#define EXPECT_REPORTED(plan_id, dept, fy, want) do {			\
	char *got_ = reported_of(plan_id, dept, fy);			\
									\
	CHECK_STR(got_, want);						\
	free(got_);							\
} while (0)

TEST(test_who_reports_which)
{
	/* 市民協働課: 基本施策 1 (its main department, though 総務課 is
	 * listed first), 基本施策 4 until it passes on, and its items'
	 * indicator that goes with the item's result; not 基本施策 2, whose
	 * indicator the plan gives to 総務課, nor the item indicator that has
	 * 総務課 as its own. */
	EXPECT_REPORTED(plan, d_kyodo, 2023, "p1 p4 i11");
	EXPECT_REPORTED(plan, d_kyodo, 2024, "p1 i11");
	EXPECT_REPORTED(plan, d_somu, 2023, "p2 i21");
	EXPECT_REPORTED(plan, d_somu, 2024, "p2 p4 i21");
	/* Only the planners: a policy with no department, and the plan's
	 * own indicator. */
	EXPECT_REPORTED(plan, 0, 2023, "p3 all");
	/* After the plan's period, nobody's. */
	EXPECT_REPORTED(plan, d_kyodo, 2027, "");
	EXPECT_REPORTED(plan, 0, 2027, "");
}

static int
cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* The indicators of plan_id in dept's 自分の仕事 in fy (open), as
 * keys_of gives them: those listed on their own, and those without a
 * department on the items listed, which go with the items' results. */
static char *
listed_of(long long plan_id, long long dept, int fy)
{
	struct mywork	*m = NULL;
	long long	*ids = NULL;
	size_t		 n = 0, i;
	char		*cause = NULL, *out;

	if (store_mywork_clerk(st, dept, &m, &cause) != 0) {
		out = xasprintf("error: %s", cause);
		free(cause);
		return out;
	}
	for (i = 0; i < m->nrows; i++) {
		const struct mywork_row *w = &m->rows[i];
		sqlite3_stmt		*s;

		if (w->plan_id != plan_id || w->fy != fy)
			continue;
		if (w->kind == MYWORK_ACTUAL) {
			ids = xreallocarray(ids, n + 1, sizeof *ids);
			ids[n++] = w->indicator_id;
			continue;
		}
		if (sqlite3_prepare_v2(raw, "SELECT id FROM indicator"
		    " WHERE node_id = ?1 AND dept_id IS NULL", -1, &s,
		    NULL) != SQLITE_OK)
			continue;
		sqlite3_bind_int64(s, 1, w->node_id);
		while (sqlite3_step(s) == SQLITE_ROW) {
			ids = xreallocarray(ids, n + 1, sizeof *ids);
			ids[n++] = sqlite3_column_int64(s, 0);
		}
		sqlite3_finalize(s);
	}
	store_mywork_free(m);
	if (n > 0)
		qsort(ids, n, sizeof *ids, cmp_ll);
	return keys_of(ids, n);
}

/* What 自分の担当 names in a plan without a period follows the years of
 * each indicator, as 自分の仕事 lists them. */
TEST(test_who_reports_without_a_period)
{
	long long	 u = q_int("SELECT id FROM plan WHERE code = 'u'");

	/* 2022 is q1's baseline year, not one it is measured in; q5's and
	 * q7's nodes run 2023-2024; q6 goes with its item in any year. */
	EXPECT_REPORTED(u, d_kyodo, 2022, "q2 q6");
	EXPECT_REPORTED(u, d_kyodo, 2024, "q1 q2 q3 q4 q5 q6 q7");
	/* After their final year, q3 with a value and q4 with a target in
	 * 2026 only. */
	EXPECT_REPORTED(u, d_kyodo, 2026, "q2 q3 q4 q6");
	EXPECT_REPORTED(u, d_kyodo, 2031, "q6");
	/* 自分の仕事 lists the same, year by year. */
	for (int fy = 2022; fy <= 2031; fy++) {
		char	*cause = NULL, *want, *got;

		CHECK_INT(store_year_set_open(st, fy, 1, "kikaku", NULL,
		    &cause), 0);
		free(cause);
		want = reported_of(u, d_kyodo, fy);
		got = listed_of(u, d_kyodo, fy);
		CHECK_STR(got, want);
		free(got);
		free(want);
		cause = NULL;
		CHECK_INT(store_year_set_open(st, fy, 0, "kikaku", NULL,
		    &cause), 0);
		free(cause);
	}
}

TEST(test_view_says_who_reports)
{
	struct indicator_view	*v = NULL;
	char			*cause = NULL;
	size_t			 i;

	CHECK_INT(store_indicator_view(st, p1, 2023, &v, &cause), 0);
	if (v == NULL) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return;
	}
	CHECK_INT(v->own, 1);
	CHECK_STR(v->reporter, "市民協働課");
	CHECK_STR(v->node_level, "基本施策");
	/* Every year of the plan's period, the 2023 target beside it. */
	CHECK_INT(v->nyears, 5);
	for (i = 0; i < v->nyears; i++)
		if (v->years[i].fy == 2023)
			CHECK_DBL(v->years[i].target.num, 1500, 0);
	store_indicator_view_free(v);
	v = NULL;
	CHECK_INT(store_indicator_view(st, p3, 2023, &v, &cause), 0);
	if (v != NULL)
		CHECK_STR(v->reporter, "");
	store_indicator_view_free(v);
	v = NULL;
	CHECK_INT(store_indicator_view(st, i11, 2023, &v, &cause), 0);
	if (v != NULL)
		CHECK_INT(v->own, 0);
	store_indicator_view_free(v);
}

TEST(test_typed_actual_keeps_its_printed_form)
{
	struct actual_entry	*e = NULL;
	struct value		 v;
	char			*cause = NULL, *got;

	CHECK_INT(store_year_set_open(st, 2023, 1, "kikaku", NULL, &cause), 0);
	CHECK_INT(store_actual_load(st, p1, 2023, &e, &cause), 0);
	if (e == NULL)
		return;
	CHECK_INT(e->own, 1);
	CHECK_INT(e->ver, 0);
	CHECK_DBL(e->target.num, 1500, 0);
	CHECK_INT(e->target_is_final, 0);
	/* What the form reads from "１，２３４件". */
	CHECK_INT(value_parse("１，２３４件", e->unit, &v, &cause), 0);
	value_clear(&e->actual);
	e->actual = v;
	free(e->note);
	e->note = xstrdup("速報値");
	CHECK_INT(store_actual_save(st, e, "sato", 0, NULL, &cause), 0);
	got = q_text("SELECT num || '|' || txt || '|' || state || '|' ||"
	    " entered_by || '|' || note || '|' || (SELECT name FROM department"
	    " WHERE id = a.dept_id) FROM indicator_actual a"
	    " WHERE indicator_id = %lld AND fy = 2023", p1);
	CHECK_STR(got, "1234.0|1,234|draft|sato|速報値|市民協働課");
	free(got);
	CHECK_INT(e->state, WF_DRAFT);
	store_actual_free(e);
}

int
main(void)
{
	if ((st = fixture_setup(dir, plan_text, users, &db_path)) == NULL ||
	    peek_open(db_path) != 0) {
		fprintf(stderr, "cannot load the test plan\n");
		return 1;
	}
	plan = q_int("SELECT id FROM plan WHERE code = 't'");
	p1 = id_of("indicator", "p1");
	p3 = id_of("indicator", "p3");
	i11 = id_of("indicator", "i11");
	d_kyodo = q_int("SELECT id FROM department WHERE code = '試験市/市民協働課'");
	d_somu = q_int("SELECT id FROM department WHERE code = '試験市/総務課'");

	RUN(test_who_reports_which);
	RUN(test_who_reports_without_a_period);
	RUN(test_view_says_who_reports);
	RUN(test_typed_actual_keeps_its_printed_form);

	sqlite3_close(raw);
	fixture_teardown(st, dir, db_path);
	DONE();
}
