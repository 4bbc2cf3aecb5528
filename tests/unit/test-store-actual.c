/*
 * Indicator actuals reported on their own, through the store, as the
 * people who report them would: a plan whose indicators hang on its basic
 * policies (one naming its department, one on a policy with a main
 * department, one with no department at all, one on the plan itself) and
 * one item indicator that is part of the item's result. Then: who may
 * enter which; a clerk saves, submits; a supervisor returns with a
 * comment; the clerk fixes and resubmits; the supervisor confirms; every
 * step in the history with who did it; a stale version is a conflict
 * with nothing written; a planner's late entry into a closed year is
 * logged; the view of an indicator lists every year with its target and
 * actual; a cumulative indicator sums the years before. Run from the top
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
#include "shisaku/store-result.h"
#include "shisaku/store-user.h"
#include "shisaku/util.h"
#include "shisaku/value.h"

static char dir[] = "/tmp/shisaku-test-store-actual-XXXXXX";
static char *db_path;
static struct store *st;

static const char plan_text[] =
    "shisaku-plan,1\n"
    "plan,k,試験総合計画,2023,2027,試験市,\n"
    "level,k,1,基本施策\n"
    "level,k,2,取組\n"
    "dept,試験市/総務課,総務課,試験市,\n"
    "dept,試験市/協働課,協働課,試験市,\n"
    "dept,試験市/企画課,企画課,試験市,\n"
    "deptname,試験市/協働課,2023,市民活動課\n"
    "node,k,1,,1,協働のまちづくり,,,,,,\n"
    "node,k,2,,2,行財政運営,,,,,,\n"
    "node,k,1-1,1,1-1,市民活動の支援,,,,,,\n"
    "assign,k,2,試験市/総務課,1,,\n"
    "assign,k,1-1,試験市/協働課,1,,\n"
    /* Names its department: the 協働課 reports it. */
    "indicator,k,a,1,市民活動団体数,成果指標,団体,増加,,120団体,2022,"
    "150団体,2027,,,試験市/協働課\n"
    "target,k,a,2024,130団体\n"
    /* On a policy whose main department is 総務課. */
    "indicator,k,b,2,市税の収納率,行政指標,%,増加,,98.50%,2022,99.00%,2027,,\n"
    /* No department anywhere: the planners report it. */
    "indicator,k,c,1,まちづくりへの満足度,市民指標,%,増加,,40%,2022,50%,2027,,\n"
    /* Of the plan itself, cumulative. */
    "indicator,k,d,,移住相談件数（累計）,,件,増加,1,0件,2022,500件,2027,,\n"
    /* An item's own indicator: part of the item's result. */
    "indicator,k,e,1-1,講座の開催回数,,回,増加,,,,20回,2027,,\n"
    "actual,k,d,2023,80件,,確認済,,kikaku,2024-05-01T10:00:00,kacho,"
    "2024-05-02T09:00:00\n"
    /* Values without a STATE: the policy's is a figure the plan printed
     * (confirmed); the item's has its result's state (none); a note
     * alone is not a value. */
    "actual,k,b,2023,98.90%,,\n"
    "actual,k,e,2023,15回,,\n"
    "actual,k,c,2023,,調査なし,\n";

static long long ind_a, ind_b, ind_c, ind_d, ind_e;

static long long
ind_id(const char *key)
{
	return q_int("SELECT id FROM indicator WHERE key = '%s'", key);
}

static const struct fixture_user users[] = {
	{ "sato", "佐藤", ROLE_CLERK, "試験市/協働課" },
	{ "tanaka", "田中", ROLE_CLERK, "試験市/総務課" },
	{ "kacho", "課長", ROLE_SUPERVISOR, NULL },
	{ "kikaku", "企画", ROLE_PLANNER, "試験市/企画課" },
	{ NULL, NULL, ROLE_NONE, NULL }
};

static struct actual_entry *
load(long long id, int fy)
{
	struct actual_entry	*e = NULL;
	char			*cause = NULL;

	if (store_actual_load(st, id, fy, &e, &cause) != 0) {
		fprintf(stderr, "load: %s\n", cause);
		free(cause);
	}
	return e;
}

/* What a clerk typed, read as the form reads it. */
static void
type(struct actual_entry *e, const char *typed, const char *note)
{
	char	*cause = NULL;

	value_clear(&e->actual);
	if (value_parse(typed, e->unit, &e->actual, &cause) != 0) {
		fprintf(stderr, "value_parse: %s\n", cause);
		free(cause);
	}
	free(e->note);
	e->note = xstrdup(note);
}

TEST(test_who_reports_each_indicator)
{
	struct actual_entry	*a = load(ind_a, 2024), *b = load(ind_b, 2024),
				*c = load(ind_c, 2024), *d = load(ind_d, 2024),
				*e = load(ind_e, 2024);

	CHECK(a && b && c && d && e);
	if (a && b && c && d && e) {
		CHECK(a->own && b->own && c->own && d->own && !e->own);
		/* The department the plan names, as called that year. */
		CHECK_INT(a->ndepts, 1);
		CHECK_STR(a->ndepts ? a->depts[0].name : "", "協働課");
		/* The policy's main department. */
		CHECK_STR(b->ndepts ? b->depts[0].name : "", "総務課");
		/* Nobody: the planners. */
		CHECK_INT(c->ndepts, 0);
		CHECK_INT(d->ndepts, 0);
		/* The item's indicator belongs to the item's form. */
		CHECK(e->item_id != 0);
		/* The year's target, else the final one, labelled as such. */
		CHECK(!a->target_is_final && a->target_fy == 2024);
		CHECK(b->target_is_final && b->target_fy == 2027);
		CHECK_INT(a->state, WF_NONE);
		CHECK_INT(a->ver, 0);
		CHECK(a->year_open);
	}
	store_actual_free(a);
	store_actual_free(b);
	store_actual_free(c);
	store_actual_free(d);
	store_actual_free(e);
	{
		/* Named as of an earlier year: the old name. */
		struct actual_entry *old = load(ind_a, 2023);

		CHECK_STR(old && old->ndepts ? old->depts[0].name : "", "市民活動課");
		store_actual_free(old);
	}
}

TEST(test_only_the_reporter_enters)
{
	struct actual_entry	*e;
	char			*cause = NULL;
	long long		 h0 = q_int("SELECT count(*) FROM history"
				     " WHERE field <> 'refused'");
	long long		 r0 = q_int("SELECT count(*) FROM history"
				     " WHERE field = 'refused'");

	e = load(ind_a, 2024);
	if (e == NULL)
		return;
	type(e, "１３２団体", "");
	CHECK_INT(store_actual_save(st, e, "tanaka", 0, NULL, &cause), STORE_DENIED);
	CHECK(cause && strstr(cause, "この指標は総務課の担当ではありません"));
	free(cause);
	cause = NULL;
	CHECK_INT(store_actual_save(st, e, "kacho", 0, NULL, &cause), STORE_DENIED);
	free(cause);
	cause = NULL;
	store_actual_free(e);
	e = load(ind_c, 2024);
	if (e == NULL)
		return;
	type(e, "45%", "");
	CHECK_INT(store_actual_save(st, e, "sato", 0, NULL, &cause), STORE_DENIED);
	CHECK(cause && strstr(cause, "企画担当が実績を報告します"));
	free(cause);
	cause = NULL;
	/* An item's own indicator is refused here: the item's form takes it. */
	store_actual_free(e);
	e = load(ind_e, 2024);
	if (e == NULL)
		return;
	type(e, "12回", "");
	CHECK_INT(store_actual_save(st, e, "sato", 0, NULL, &cause), -1);
	CHECK(cause && strstr(cause, "取組「1-1」の実績入力"));
	free(cause);
	store_actual_free(e);
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE field <> 'refused'"), h0);
	/* The three refusals by role are written down, with who tried. */
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE field = 'refused'") - r0, 3);
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE field = 'refused'"
	    " AND login = 'tanaka'"), 1);
	/* Each with the indicator and the node it hangs on, as the
	 * indicator's other history rows. */
	CHECK_INT(q_int("SELECT count(*) FROM history h JOIN indicator i"
	    " ON i.id = h.indicator_id WHERE h.field = 'refused'"
	    " AND h.login = 'tanaka' AND h.indicator_id = %lld"
	    " AND h.node_id IS i.node_id AND h.node_id IS NOT NULL", ind_a), 1);
	CHECK_INT(q_int("SELECT count(*) FROM indicator_actual WHERE fy = 2024"), 0);
}

TEST(test_clerk_supervisor_round)
{
	struct actual_entry	*e = load(ind_a, 2024), *cur = NULL;
	char			*cause = NULL;

	if (e == NULL)
		return;
	type(e, "１，３２０団体", "速報値");
	CHECK_INT(store_actual_save(st, e, "sato", 0, NULL, &cause), 0);
	CHECK_INT(e->state, WF_DRAFT);
	CHECK_INT(e->ver, 1);
	CHECK_STR(e->entered_by, "sato");
	CHECK_STR(e->dept_name, "協働課");
	CHECK_Q("1320.0|1,320|速報値|draft|sato", "SELECT num || '|' || txt || '|' ||"
	    " note || '|' || state || '|' || entered_by FROM indicator_actual"
	    " WHERE indicator_id = %lld AND fy = 2024", ind_a);
	CHECK_Q("|1,320団体", "SELECT coalesce(old_value, '') || '|' || new_value"
	    " FROM history WHERE field = 'actual' AND indicator_id = %lld", ind_a);
	/* The indicator's node is in the history row, so the node's history
	 * lists it (the save's three rows; the refusals of the test before
	 * carry it too). */
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE indicator_id = %lld"
	    " AND node_id = (SELECT node_id FROM indicator WHERE id = %lld)"
	    " AND field <> 'refused'", ind_a, ind_a), 3);
	/* Saving what is there writes nothing. */
	CHECK_INT(store_actual_save(st, e, "sato", e->ver, NULL, &cause), 0);
	CHECK_INT(e->ver, 1);
	CHECK_INT(store_actual_submit(st, e, "sato", e->ver, NULL, &cause), 0);
	CHECK_INT(e->state, WF_SUBMITTED);
	CHECK_INT(store_actual_save(st, e, "sato", e->ver, NULL, &cause), STORE_DENIED);
	free(cause);
	cause = NULL;
	CHECK_INT(store_actual_return(st, e, "kacho", e->ver, "出典を備考に",
	    NULL, &cause), 0);
	CHECK_INT(e->state, WF_RETURNED);
	CHECK_STR(e->return_comment, "出典を備考に");
	store_actual_free(e);
	e = load(ind_a, 2024);
	if (e == NULL)
		return;
	CHECK_INT(e->state, WF_RETURNED);
	type(e, "1,320団体", "速報値（市民活動課調べ）");
	CHECK_INT(store_actual_save(st, e, "sato", e->ver, NULL, &cause), 0);
	CHECK_INT(store_actual_submit(st, e, "sato", e->ver, NULL, &cause), 0);
	/* A stale version is a conflict: the current entry comes back and
	 * nothing is written. */
	{
		char	*before = q_text("SELECT ver || state FROM indicator_actual"
			    " WHERE indicator_id = %lld AND fy = 2024", ind_a);

		CHECK_INT(store_actual_confirm(st, e, "kacho", e->ver - 1, &cur,
		    &cause), STORE_CONFLICT);
		CHECK(cur != NULL && cur->ver == e->ver);
		CHECK(cause && strstr(cause, "他の人が更新しました（sato"));
		CHECK_Q(before, "SELECT ver || state FROM indicator_actual"
		    " WHERE indicator_id = %lld AND fy = 2024", ind_a);
		free(before);
		free(cause);
		cause = NULL;
		store_actual_free(cur);
	}
	CHECK_INT(store_actual_confirm(st, e, "kacho", e->ver, NULL, &cause), 0);
	CHECK_INT(e->state, WF_CONFIRMED);
	CHECK_STR(e->confirmed_by, "kacho");
	CHECK_Q("下書き>下書き→提出済>提出済→差戻し>差戻し→提出済>提出済→確認済",
	    "SELECT group_concat(x, '>') FROM (SELECT coalesce(old_value || '→', '')"
	    " || new_value AS x FROM history WHERE field = 'state' AND"
	    " indicator_id = %lld ORDER BY id)", ind_a);
	CHECK_Q("sato,sato,kacho,sato,kacho", "SELECT group_concat(login) FROM"
	    " (SELECT login FROM history WHERE field = 'state' AND indicator_id ="
	    " %lld ORDER BY id)", ind_a);
	store_actual_free(e);
}

TEST(test_planner_late_entry_is_logged)
{
	struct actual_entry	*e;
	char			*cause = NULL;

	CHECK_INT(store_year_set_open(st, 2024, 0, "kikaku", NULL, &cause), 0);
	e = load(ind_c, 2024);
	if (e == NULL)
		return;
	CHECK(!e->year_open);
	type(e, "46.0%", "市民アンケート");
	/* The clerk's way is closed ... */
	CHECK_INT(store_actual_save(st, e, "tanaka", 0, NULL, &cause), STORE_DENIED);
	free(cause);
	cause = NULL;
	/* ... the planner's is open, and logged. */
	CHECK_INT(store_actual_save(st, e, "kikaku", 0, NULL, &cause), 0);
	CHECK_Q("46.0|46.0%", "SELECT num || '|' || txt || '%%' FROM"
	    " indicator_actual WHERE indicator_id = %lld AND fy = 2024", ind_c);
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE field = 'late_entry'"
	    " AND indicator_id = %lld AND login = 'kikaku'", ind_c), 1);
	store_actual_free(e);
	CHECK_INT(store_year_set_open(st, 2024, 1, "kikaku", NULL, &cause), 0);
}

TEST(test_cumulative_sums_the_years_before)
{
	struct actual_entry	*e = load(ind_d, 2024);

	if (e == NULL)
		return;
	CHECK(e->cumulative);
	CHECK_INT(e->prior_count, 1);
	CHECK_DBL(e->prior_sum, 80, 1e-9);
	store_actual_free(e);
	/* An imported actual with its workflow as the file gave it. */
	e = load(ind_d, 2023);
	if (e == NULL)
		return;
	CHECK_INT(e->state, WF_CONFIRMED);
	CHECK_STR(e->confirmed_by, "kacho");
	CHECK_INT(e->prior_count, 0);
	store_actual_free(e);
}

TEST(test_view_lists_every_year)
{
	struct indicator_view	*v = NULL;
	char			*cause = NULL;
	size_t			 i;
	int			 seen = 0;

	CHECK_INT(store_indicator_view(st, ind_a, 2024, &v, &cause), 0);
	if (v == NULL) {
		free(cause);
		return;
	}
	CHECK(v->own);
	CHECK_STR(v->reporter, "協働課");
	CHECK_STR(v->dept_code, "試験市/協働課");
	CHECK_STR(v->node_level, "基本施策");
	/* The plan's period 2023–2027, one row a year. */
	CHECK_INT(v->nyears, 5);
	for (i = 0; i < v->nyears; i++) {
		if (v->years[i].fy != 2024)
			continue;
		seen = 1;
		CHECK_INT(v->years[i].state, WF_CONFIRMED);
		CHECK(v->years[i].actual.kind == VALUE_NUMBER &&
		    v->years[i].actual.num == 1320);
		CHECK(v->years[i].target.kind == VALUE_NUMBER &&
		    v->years[i].target.num == 130);
		CHECK_STR(v->years[i].confirmed_by, "kacho");
	}
	CHECK(seen);
	{
		char *s = value_format(&v->base, v->unit, 1);

		CHECK_STR(s, "120団体");
		free(s);
	}
	store_indicator_view_free(v);
	/* The planners' indicator: no reporter department. */
	CHECK_INT(store_indicator_view(st, ind_c, 2024, &v, &cause), 0);
	CHECK_STR(v ? v->reporter : "?", "");
	store_indicator_view_free(v);
	/* The item's indicator is not on its own. */
	CHECK_INT(store_indicator_view(st, ind_e, 2024, &v, &cause), 0);
	CHECK(v && !v->own && v->node_is_item);
	store_indicator_view_free(v);
	CHECK_INT(store_indicator_view(st, 999999, 2024, &v, &cause), -1);
	CHECK(v == NULL && cause && strstr(cause, "ありません"));
	free(cause);
}

TEST(test_item_form_leaves_out_indicators_reported_apart)
{
	struct result_entry	*r = NULL;
	char			*cause = NULL;
	long long		 item = q_int("SELECT id FROM node WHERE key = '1-1'");

	CHECK_INT(store_result_load(st, item, 2024, &r, &cause), 0);
	CHECK(r && r->nindicators == 1 && r->indicators[0].id == ind_e);
	store_result_free(r);
	/* Given a department of its own, it leaves the item's form. */
	CHECK_INT(sqlite3_exec(raw, "UPDATE indicator SET dept_id = (SELECT id"
	    " FROM department WHERE code = '試験市/総務課') WHERE key = 'e'",
	    NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(store_result_load(st, item, 2024, &r, &cause), 0);
	CHECK(r && r->nindicators == 0);
	store_result_free(r);
	{
		struct actual_entry *e = load(ind_e, 2024);

		CHECK(e && e->own && e->ndepts == 1);
		store_actual_free(e);
	}
}

TEST(test_plan_values_without_state)
{
	struct actual_entry	*b = load(ind_b, 2023), *c = load(ind_c, 2023),
				*e = load(ind_e, 2023);

	CHECK(b && c && e);
	if (b && c && e) {
		CHECK_INT(b->state, WF_CONFIRMED);
		CHECK(b->actual.kind == VALUE_NUMBER && b->actual.num == 98.9);
		CHECK_INT(c->state, WF_NONE);
		CHECK(c->actual.kind == VALUE_NONE);
		CHECK_INT(e->state, WF_NONE);
	}
	store_actual_free(b);
	store_actual_free(c);
	store_actual_free(e);
	CHECK_Q("b:confirmed,c:-,e:-", "SELECT group_concat(x) FROM (SELECT"
	    " i.key || ':' || coalesce(a.state, '-') AS x FROM indicator_actual a"
	    " JOIN indicator i ON i.id = a.indicator_id WHERE a.fy = 2023"
	    " AND i.key IN ('b', 'c', 'e') ORDER BY i.key)");
}

TEST(test_store_check_stays_clean)
{
	int	 problems = 0;
	char	*cause = NULL;

	CHECK_INT(store_check(st, fixture_count_problem, &problems, &cause), 0);
	CHECK_INT(problems, 0);
	free(cause);
}

int
main(void)
{
	char	*cause = NULL;

	if ((st = fixture_setup(dir, plan_text, users, &db_path)) == NULL ||
	    peek_open(db_path) != 0) {
		fprintf(stderr, "cannot load the test plan\n");
		return 1;
	}
	if (store_year_set_open(st, 2024, 1, "kikaku", NULL, &cause) != 0) {
		fprintf(stderr, "year open: %s\n", cause);
		free(cause);
		return 1;
	}
	ind_a = ind_id("a");
	ind_b = ind_id("b");
	ind_c = ind_id("c");
	ind_d = ind_id("d");
	ind_e = ind_id("e");

	RUN(test_who_reports_each_indicator);
	RUN(test_only_the_reporter_enters);
	RUN(test_clerk_supervisor_round);
	RUN(test_planner_late_entry_is_logged);
	RUN(test_cumulative_sums_the_years_before);
	RUN(test_view_lists_every_year);
	RUN(test_plan_values_without_state);
	RUN(test_item_form_leaves_out_indicators_reported_apart);
	RUN(test_store_check_stays_clean);

	sqlite3_close(raw);
	fixture_teardown(st, dir, db_path);
	DONE();
}
