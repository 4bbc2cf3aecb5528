/*
 * What the item sheet, the roadmap and the indicator list read: a small
 * four-level plan (like 結城市's action plan) is loaded from a plan file
 * into a fresh database, then every query is checked against it: the path
 * with level names, flags, departments named as of the year (a renamed
 * department shows its old name in old years), yearly plans spanning
 * years, cost trends, indicators with targets and actuals, the year's
 * result, the roadmap's order and cells, search and the indicator list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "harness.h"
#include "shisaku/planfile.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-sheet.h"
#include "shisaku/store.h"
#include "shisaku/util.h"

static char dir[] = "/tmp/shisaku-test-store-sheet-XXXXXX";
static struct store *st;

static const char plan_text[] =
    "shisaku-plan,1\n"
    "plan,y,試験行革プラン,2021,2025,試験市,\n"
    "level,y,1,基本方針\n"
    "level,y,2,重点項目\n"
    "level,y,3,推進項目\n"
    "level,y,4,取組内容\n"
    "flag,y,主要事業,主要事業,\n"
    "flag,y,leading,リーディングプロジェクト,★\n"
    "dept,試験市/総務課,総務課,試験市,\n"
    "dept,試験市/収納課,収納課,試験市,\n"
    "deptname,試験市/収納課,2022,納税課\n"
    "node,y,I,,Ⅰ,方針一,,,,,,\n"
    "node,y,I-1,I,(1),重点一,,,,,,\n"
    "node,y,I-1-a,I-1,,推進一,,,,,,\n"
    "node,y,19,I-1-a,No.19,市税等の収納率の向上,,2021,2025,"
    "\"収納率の向上と自主財源の確保を図る。\",\"○現年度未納の催告\n○公売\",備考欄\n"
    "node,y,20,I-1-a,No.20,手数料の見直し,,2021,2025,,,\n"
    "node,y,II,,Ⅱ,方針二,,,,,,\n"
    "node,y,II-1,II,(1),重点二,,,,,,\n"
    "node,y,II-1-a,II-1,,推進二,,,,,,\n"
    "node,y,30,II-1-a,No.30,コンビニ交付,,2021,2025,,,\n"
    "mark,y,19,leading\n"
    "mark,y,19,主要事業\n"
    "mark,y,30,主要事業\n"
    "assign,y,19,試験市/収納課,1,,\n"
    "assign,y,19,試験市/総務課,0,,\n"
    "assign,y,20,試験市/総務課,1,2023,\n"
    "assign,y,30,試験市/総務課,1,,\n"
    "yearplan,y,19,2021,2025,・一斉催告\n"
    "yearplan,y,19,2023,2023,見直し検討\n"
    "yearplan,y,30,2022,2022,導入\n"
    "cost,y,19,2023,同程度\n"
    "cost,y,19,2024,拡大\n"
    "cost,y,30,2022,不明\n"
    "indicator,y,19-1,19,市税の現年度収納率,成果指標,%,増加,,98.5%,2020,98.90%,2025,,\n"
    "target,y,19-1,2021,98.82%\n"
    "target,y,19-1,2022,98.84%\n"
    "target,y,19-1,2023,98.86%\n"
    "target,y,19-1,2024,98.88%\n"
    "target,y,19-1,2025,98.90%\n"
    "indicator,y,19-2,19,公売の実施,,,,,,,実施,2025,,\n"
    "target,y,19-2,2023,実施\n"
    "indicator,y,30-1,30,交付件数,行政指標,件,増加,1,0件,2021,\"1,000件\",2025,,\n"
    "target,y,30-1,2023,600件\n"
    "result,y,19,2023,実施中,B,提出済,催告を実施した,公売を増やす,,tanaka,"
    "2024-04-10T09:00:00,,\n"
    "actual,y,19-1,2023,98.9%,速報値\n"
    "actual,y,30-1,2022,300件,\n"
    "actual,y,30-1,2023,400件,\n";

static int
load_plan(void)
{
	char	*path = xasprintf("%s/sheet.db", dir);

	st = fixture_store(path, plan_text, NULL);
	free(path);
	return st != NULL;
}

static long long plan_id;

static int
cmp_ll(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* The id of the node printed with code, through the roadmap. */
static long long
node_id(const char *code)
{
	struct roadmap	*rm;
	char		*cause = NULL;
	long long	 id = 0;
	size_t		 i;

	if (store_roadmap_load(st, plan_id, 2023, &rm, &cause) != 0) {
		free(cause);
		return 0;
	}
	for (i = 0; i < rm->nrows; i++)
		if (strcmp(rm->rows[i].code, code) == 0)
			id = rm->rows[i].node_id;
	store_roadmap_free(rm);
	return id;
}

TEST(test_sheet_path_flags_depts)
{
	struct sheet	*s = NULL;
	char		*cause = NULL;

	CHECK_INT(store_sheet_load(st, node_id("No.19"), 2022, &s, &cause), 0);
	if (s == NULL)
		return;
	CHECK_STR(s->plan_name, "試験行革プラン");
	CHECK_INT(s->depth, 4);
	CHECK_INT(s->max_depth, 4);
	CHECK(s->is_item);
	CHECK_STR(s->code, "No.19");
	CHECK_STR(s->title, "市税等の収納率の向上");
	CHECK_STR(s->level, "取組内容");
	CHECK_INT(s->first_fy, 2021);
	CHECK_INT(s->last_fy, 2025);
	CHECK_STR(s->summary, "収納率の向上と自主財源の確保を図る。");
	CHECK_STR(s->means, "○現年度未納の催告\n○公売");
	CHECK_STR(s->note, "備考欄");

	CHECK_INT(s->npath, 4);
	if (s->npath == 4) {
		CHECK_STR(s->path[0].level, "基本方針");
		CHECK_STR(s->path[0].code, "Ⅰ");
		CHECK_STR(s->path[0].title, "方針一");
		CHECK_STR(s->path[1].level, "重点項目");
		CHECK_STR(s->path[1].code, "(1)");
		CHECK_STR(s->path[2].level, "推進項目");
		CHECK_STR(s->path[2].code, "");
		CHECK_STR(s->path[2].title, "推進一");
		CHECK_STR(s->path[3].title, "市税等の収納率の向上");
	}

	/* Flags in the plan's order, not the order they were marked. */
	CHECK_INT(s->nflags, 2);
	if (s->nflags == 2) {
		CHECK_STR(s->flags[0].label, "主要事業");
		CHECK_STR(s->flags[0].symbol, "");
		CHECK_STR(s->flags[1].label, "リーディングプロジェクト");
		CHECK_STR(s->flags[1].symbol, "★");
	}

	/* In 2022 収納課 was still called 納税課. */
	CHECK_INT(s->ndepts, 2);
	if (s->ndepts == 2) {
		CHECK_STR(s->depts[0].name, "納税課");
		CHECK_INT(s->depts[0].is_main, 1);
		CHECK_STR(s->depts[1].name, "総務課");
		CHECK_INT(s->depts[1].is_main, 0);
	}
	CHECK(s->result == NULL);
	CHECK_INT(s->nchildren, 0);
	store_sheet_free(s);

	s = NULL;
	CHECK_INT(store_sheet_load(st, node_id("No.19"), 2024, &s, &cause), 0);
	if (s != NULL && s->ndepts > 0)
		CHECK_STR(s->depts[0].name, "収納課");
	store_sheet_free(s);

	/* No.20 is assigned from 2023 on. */
	s = NULL;
	CHECK_INT(store_sheet_load(st, node_id("No.20"), 2022, &s, &cause), 0);
	if (s != NULL)
		CHECK_INT(s->ndepts, 0);
	store_sheet_free(s);
	s = NULL;
	CHECK_INT(store_sheet_load(st, node_id("No.20"), 2023, &s, &cause), 0);
	if (s != NULL)
		CHECK_INT(s->ndepts, 1);
	store_sheet_free(s);
}

TEST(test_sheet_plans_costs_indicators_result)
{
	struct sheet		*s = NULL;
	struct sheet_indicator	*in;
	char			*cause = NULL;

	CHECK_INT(store_sheet_load(st, node_id("No.19"), 2023, &s, &cause), 0);
	if (s == NULL)
		return;
	CHECK_INT(s->nyearplans, 2);
	if (s->nyearplans == 2) {
		CHECK_INT(s->yearplans[0].from_fy, 2021);
		CHECK_INT(s->yearplans[0].to_fy, 2025);
		CHECK_STR(s->yearplans[0].text, "・一斉催告");
		CHECK_INT(s->yearplans[1].from_fy, 2023);
		CHECK_STR(s->yearplans[1].text, "見直し検討");
	}
	CHECK_INT(s->ncosts, 2);
	if (s->ncosts == 2) {
		CHECK_INT(s->costs[0].fy, 2023);
		CHECK_STR(s->costs[0].trend, "same");
		CHECK_STR(s->costs[1].trend, "up");
	}

	CHECK_INT(s->nindicators, 2);
	if (s->nindicators == 2) {
		in = &s->indicators[0];
		CHECK_STR(in->name, "市税の現年度収納率");
		CHECK_STR(in->category, "成果指標");
		CHECK_STR(in->unit, "%");
		CHECK_STR(in->direction, "up");
		CHECK_INT(in->base.kind, VALUE_NUMBER);
		CHECK_DBL(in->base.num, 98.5, 1e-9);
		CHECK_INT(in->base_fy, 2020);
		CHECK_DBL(in->final.num, 98.90, 1e-9);
		CHECK_INT(in->final_fy, 2025);
		CHECK_INT(in->ntargets, 5);
		if (in->ntargets == 5) {
			CHECK_INT(in->targets[0].fy, 2021);
			CHECK_DBL(in->targets[0].v.num, 98.82, 1e-9);
			CHECK_INT(in->targets[4].fy, 2025);
			CHECK_DBL(in->targets[4].v.num, 98.90, 1e-9);
		}
		CHECK_INT(in->nactuals, 1);
		if (in->nactuals == 1) {
			CHECK_INT(in->actuals[0].fy, 2023);
			CHECK_DBL(in->actuals[0].v.num, 98.9, 1e-9);
			CHECK_STR(in->actuals[0].note, "速報値");
		}
		/* A text target stays text. */
		in = &s->indicators[1];
		CHECK(in->direction == NULL);
		CHECK_INT(in->final.kind, VALUE_TEXT);
		CHECK_STR(in->final.text, "実施");
		CHECK_INT(in->ntargets, 1);
		if (in->ntargets == 1)
			CHECK_STR(in->targets[0].v.text, "実施");
	}

	CHECK(s->result != NULL);
	if (s->result != NULL) {
		CHECK_STR(s->result->status, "in_progress");
		CHECK_STR(s->result->state, "submitted");
		CHECK_STR(s->result->grade, "B");
		CHECK_STR(s->result->text, "催告を実施した");
		CHECK_STR(s->result->comment, "公売を増やす");
		CHECK_STR(s->result->entered_by, "tanaka");
	}
	store_sheet_free(s);
}

TEST(test_sheet_group_node_and_missing)
{
	struct sheet	*s = NULL;
	char		*cause = NULL;

	CHECK_INT(store_sheet_load(st, node_id("Ⅰ"), 2023, &s, &cause), 0);
	if (s != NULL) {
		CHECK(!s->is_item);
		CHECK_INT(s->npath, 1);
		CHECK_INT(s->nchildren, 1);
		if (s->nchildren == 1) {
			CHECK_STR(s->children[0].code, "(1)");
			CHECK_STR(s->children[0].level, "重点項目");
		}
	}
	store_sheet_free(s);

	s = NULL;
	CHECK_INT(store_sheet_load(st, 999999, 2023, &s, &cause), -1);
	CHECK(s == NULL);
	CHECK(cause != NULL && strstr(cause, "見つかりません") != NULL);
	free(cause);
}

TEST(test_roadmap_rows)
{
	struct roadmap	*rm = NULL;
	char		*cause = NULL;
	size_t		 i;
	static const char *const order[] = {
		"Ⅰ", "(1)", "", "No.19", "No.20", "Ⅱ", "(1)", "", "No.30"
	};

	CHECK_INT(store_roadmap_load(st, plan_id, 2023, &rm, &cause), 0);
	if (rm == NULL)
		return;
	CHECK_INT(rm->first_fy, 2021);
	CHECK_INT(rm->last_fy, 2025);
	CHECK_INT(rm->max_depth, 4);
	CHECK_INT(rm->nflags, 2);
	CHECK_INT(rm->nrows, 9);
	CHECK_INT(rm->nitems, 3);
	for (i = 0; i < rm->nrows && i < 9; i++)
		CHECK_STR(rm->rows[i].code, order[i]);
	if (rm->nrows == 9) {
		CHECK_STR(rm->rows[2].level, "推進項目");
		CHECK(!rm->rows[2].is_item);
		CHECK(rm->rows[3].is_item);
		/* Bit 0 主要事業, bit 1 ★. */
		CHECK_INT(rm->rows[3].flags, 3);
		CHECK_INT(rm->rows[4].flags, 0);
		CHECK_INT(rm->rows[8].flags, 1);
		CHECK_INT(rm->rows[3].has_result, 1);
		CHECK_STR(rm->rows[3].status, "in_progress");
		CHECK_INT(rm->rows[4].has_result, 0);
	}
	store_roadmap_free(rm);

	/* Another year: no result yet. */
	rm = NULL;
	CHECK_INT(store_roadmap_load(st, plan_id, 2024, &rm, &cause), 0);
	if (rm != NULL && rm->nrows == 9)
		CHECK_INT(rm->rows[3].has_result, 0);
	store_roadmap_free(rm);

	CHECK_INT(store_roadmap_load(st, 424242, 2024, &rm, &cause), -1);
	free(cause);
}

TEST(test_roadmap_cells)
{
	struct roadmap_cell	*c = NULL;
	char			*cause = NULL;

	CHECK_INT(store_roadmap_cells(st, node_id("No.19"), 2021, 2025, &c,
	    &cause), 0);
	if (c == NULL)
		return;
	CHECK_INT(c[0].fy, 2021);
	CHECK_STR(c[0].text, "・一斉催告");
	CHECK_INT(c[0].continued, 0);
	/* The span shows in every year it covers, marked as continued. */
	CHECK_STR(c[1].text, "・一斉催告");
	CHECK_INT(c[1].continued, 1);
	/* 2023: the span and the year's own plan, which begins there. */
	CHECK_STR(c[2].text, "・一斉催告\n見直し検討");
	CHECK_INT(c[2].continued, 0);
	CHECK_STR(c[2].trend, "same");
	CHECK_STR(c[2].status, "in_progress");
	CHECK_STR(c[2].state, "submitted");
	CHECK_STR(c[2].grade, "B");
	CHECK_STR(c[3].trend, "up");
	CHECK(c[3].state == NULL);
	CHECK(c[0].trend == NULL);
	store_roadmap_cells_free(c, 5);

	/* A window of the years only. */
	c = NULL;
	CHECK_INT(store_roadmap_cells(st, node_id("No.30"), 2022, 2023, &c,
	    &cause), 0);
	if (c != NULL) {
		CHECK_STR(c[0].text, "導入");
		CHECK_STR(c[0].trend, "unknown");
		CHECK_STR(c[1].text, "");
	}
	store_roadmap_cells_free(c, 2);

	CHECK_INT(store_roadmap_cells(st, node_id("No.30"), 2025, 2022, &c,
	    &cause), -1);
	free(cause);
}

TEST(test_roadmap_search_and_depts)
{
	long long		*ids = NULL;
	size_t			 n = 0;
	char			*cause = NULL;
	struct sheet_dept	*d = NULL;
	long long		 general = 0;

	CHECK_INT(store_roadmap_search(st, plan_id, "見直し", &ids, &n,
	    &cause), 0);
	CHECK_INT(n, 1);
	if (n == 1)
		CHECK_INT(ids[0], node_id("No.19"));
	free(ids);
	CHECK_INT(store_roadmap_search(st, plan_id, "存在しない語", &ids, &n,
	    &cause), 0);
	CHECK_INT(n, 0);
	free(ids);

	CHECK_INT(store_plan_depts(st, plan_id, 2022, &d, &n, &cause), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(d[0].name, "総務課");
		CHECK_STR(d[1].name, "納税課");
		general = d[0].id;
	}
	store_depts_free(d, n);

	/* 総務課 is in charge of No.19, No.30 and, from 2023, No.20. */
	CHECK_INT(store_plan_dept_nodes(st, plan_id, general, 2022, &ids, &n,
	    &cause), 0);
	CHECK_INT(n, 2);
	free(ids);
	CHECK_INT(store_plan_dept_nodes(st, plan_id, general, 2023, &ids, &n,
	    &cause), 0);
	CHECK_INT(n, 3);
	if (n == 3)
		CHECK(ids[0] < ids[1] && ids[1] < ids[2]);
	free(ids);

	/* With the nodes above them: I, I-1, I-1-a, II, II-1, II-1-a. */
	CHECK_INT(store_plan_dept_scope(st, plan_id, general, 2022, &ids, &n,
	    &cause), 0);
	CHECK_INT(n, 8);
	CHECK(n == 8 && bsearch(&(long long){ node_id("Ⅰ") }, ids, n,
	    sizeof *ids, cmp_ll) != NULL);
	CHECK(n == 8 && bsearch(&(long long){ node_id("No.30") }, ids, n,
	    sizeof *ids, cmp_ll) != NULL);
	CHECK(n == 8 && bsearch(&(long long){ node_id("No.20") }, ids, n,
	    sizeof *ids, cmp_ll) == NULL);
	free(ids);
	CHECK_INT(store_plan_dept_scope(st, plan_id, general, 2023, &ids, &n,
	    &cause), 0);
	CHECK_INT(n, 9);
	free(ids);
}

TEST(test_indicator_list)
{
	struct indicator_list	 l;
	char			*cause = NULL, **cats = NULL;
	size_t			 n = 0, i;

	CHECK_INT(store_indicator_list(st, plan_id, 2023, &l, &cause), 0);
	CHECK_STR(l.plan_name, "試験行革プラン");
	CHECK_INT(l.n, 3);
	if (l.n == 3) {
		CHECK_STR(l.rows[0].node_code, "No.19");
		CHECK_STR(l.rows[0].name, "市税の現年度収納率");
		CHECK_DBL(l.rows[0].target.num, 98.86, 1e-9);
		CHECK_INT(l.rows[0].target_fy, 2023);
		CHECK_INT(l.rows[0].target_is_final, 0);
		CHECK_DBL(l.rows[0].actual.num, 98.9, 1e-9);
		CHECK_STR(l.rows[0].actual_note, "速報値");
		CHECK_STR(l.rows[1].target.text, "実施");
		/* Cumulative: 2022 and 2023 after the 2021 baseline. */
		CHECK_INT(l.rows[2].cumulative, 1);
		CHECK_DBL(l.rows[2].actual_sum, 700, 1e-9);
		CHECK_INT(l.rows[2].actual_sum_count, 2);
		CHECK_INT(l.rows[2].plan_order, 2);
		/* Every year's values, for the trend; printed forms kept. */
		CHECK_INT(l.rows[0].ntargets, 5);
		if (l.rows[0].ntargets == 5) {
			CHECK_INT(l.rows[0].targets[4].fy, 2025);
			CHECK_STR(l.rows[0].targets[4].v.text, "98.90");
		}
		CHECK_INT(l.rows[0].nactuals, 1);
		CHECK_INT(l.rows[2].nactuals, 2);
		if (l.rows[2].nactuals == 2) {
			CHECK_INT(l.rows[2].actuals[0].fy, 2022);
			CHECK_DBL(l.rows[2].actuals[1].v.num, 400, 1e-9);
		}
		CHECK_INT(l.rows[1].ntargets, 1);
	}
	CHECK_INT(l.plan_first_fy, 2021);
	CHECK_INT(l.plan_last_fy, 2025);
	store_indicator_list_free(&l);

	/* A screen's read: the rows without their years, rationale and
	 * note, which come row by row, the same as read with the list. */
	CHECK_INT(store_indicator_list_rows(st, plan_id, 2023, &l, &cause), 0);
	CHECK_INT(l.n, 3);
	if (l.n == 3) {
		CHECK_INT(l.rows[0].years, 0);
		CHECK_INT(l.rows[0].ntargets, 0);
		CHECK(l.rows[0].rationale == NULL);
		CHECK(l.rows[0].actual_note == NULL);
		CHECK_DBL(l.rows[2].actual_sum, 700, 1e-9);
		CHECK_DBL(l.rows[0].actual.num, 98.9, 1e-9);
		CHECK_INT(store_indicator_row_years(st, &l, &l.rows[0], &cause), 0);
		CHECK_INT(store_indicator_row_years(st, &l, &l.rows[2], &cause), 0);
		/* Read once: asked again, nothing is added. */
		CHECK_INT(store_indicator_row_years(st, &l, &l.rows[0], &cause), 0);
		CHECK_INT(l.rows[0].years, 1);
		CHECK_INT(l.rows[0].ntargets, 5);
		if (l.rows[0].ntargets == 5) {
			CHECK_INT(l.rows[0].targets[4].fy, 2025);
			CHECK_STR(l.rows[0].targets[4].v.text, "98.90");
		}
		CHECK_INT(l.rows[0].nactuals, 1);
		CHECK_STR(l.rows[0].actual_note, "速報値");
		CHECK_INT(l.rows[2].nactuals, 2);
		if (l.rows[2].nactuals == 2)
			CHECK_DBL(l.rows[2].actuals[1].v.num, 400, 1e-9);
		CHECK_INT(l.rows[1].ntargets, 0);	/* not read */
		CHECK(l.rows[1].rationale == NULL);
	}
	/* The rationale and note as the whole list's read gives them. */
	{
		struct indicator_list	 full;
		size_t			 k;

		CHECK_INT(store_indicator_list(st, plan_id, 2023, &full,
		    &cause), 0);
		for (k = 0; k < l.n && k < full.n; k++) {
			CHECK_INT(store_indicator_row_years(st, &l, &l.rows[k],
			    &cause), 0);
			CHECK_STR(l.rows[k].rationale, full.rows[k].rationale);
			CHECK_STR(l.rows[k].actual_note,
			    full.rows[k].actual_note);
			CHECK_INT(l.rows[k].ntargets, full.rows[k].ntargets);
			CHECK_INT(l.rows[k].nactuals, full.rows[k].nactuals);
			CHECK_INT(full.rows[k].years, 1);
		}
		store_indicator_list_free(&full);
	}
	store_indicator_list_free(&l);

	/* 2025: the year's own target, as printed. */
	CHECK_INT(store_indicator_list(st, plan_id, 2025, &l, &cause), 0);
	if (l.n == 3) {
		CHECK_STR(l.rows[0].target.text, "98.90");
		CHECK_INT(l.rows[0].target_is_final, 0);
		/* 交付件数 has no 2025 target: the final target is 2025's
		 * own, so it is the year's target, not a stand-in. */
		CHECK_DBL(l.rows[2].target.num, 1000, 1e-9);
		CHECK_INT(l.rows[2].target_fy, 2025);
		CHECK_INT(l.rows[2].target_is_final, 0);
	}
	store_indicator_list_free(&l);

	/* 2024 has no target for 交付件数: the final one stands in. */
	CHECK_INT(store_indicator_list(st, plan_id, 2024, &l, &cause), 0);
	if (l.n == 3) {
		CHECK_INT(l.rows[2].target_is_final, 1);
		CHECK_DBL(l.rows[2].target.num, 1000, 1e-9);
		CHECK_INT(l.rows[2].target_fy, 2025);
		CHECK_INT(l.rows[0].actual.kind, VALUE_NONE);
	}
	store_indicator_list_free(&l);

	CHECK_INT(store_indicator_categories(st, plan_id, &cats, &n, &cause), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_STR(cats[0], "成果指標");
		CHECK_STR(cats[1], "行政指標");
	}
	for (i = 0; i < n; i++)
		free(cats[i]);
	free(cats);
}

/* The list a page at a time: by key on the plan's index, either way,
 * the same rows as the whole list's read. */
TEST(test_indicator_list_pages)
{
	struct indicator_list	 all, head, pg;
	struct indicator_key	 k;
	char			*cause = NULL;
	size_t			 count = 99, before = 99, i;

	CHECK_INT(store_indicator_list_rows(st, plan_id, 2023, &all, &cause),
	    0);
	CHECK_INT(all.n, 3);
	CHECK_INT(store_indicator_list_head(st, plan_id, 2023, &head, &count,
	    &cause), 0);
	CHECK_STR(head.plan_name, "試験行革プラン");
	CHECK_INT(head.n, 0);
	CHECK_INT(head.plan_first_fy, 2021);
	CHECK_INT(count, 3);
	store_indicator_list_free(&head);
	if (all.n != 3) {
		store_indicator_list_free(&all);
		return;
	}

	/* The first two, then the one after the second. */
	CHECK_INT(store_indicator_list_page(st, plan_id, 2023, NULL, 1, 2, &pg,
	    &cause), 0);
	CHECK_INT(pg.n, 2);
	for (i = 0; i < pg.n && i < 2; i++) {
		CHECK(pg.rows[i].id == all.rows[i].id);
		CHECK_STR(pg.rows[i].name, all.rows[i].name);
		CHECK(pg.rows[i].ord == all.rows[i].ord);
	}
	if (pg.n == 2)
		CHECK_DBL(pg.rows[0].actual.num, 98.9, 1e-9);
	store_indicator_list_free(&pg);
	k.ord = all.rows[1].ord;
	k.id = all.rows[1].id;
	k.inclusive = 0;
	CHECK_INT(store_indicator_list_page(st, plan_id, 2023, &k, 1, 5, &pg,
	    &cause), 0);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1) {
		CHECK(pg.rows[0].id == all.rows[2].id);
		/* Cumulative: the running total as the whole read gives. */
		CHECK_DBL(pg.rows[0].actual_sum, 700, 1e-9);
		CHECK_INT(pg.rows[0].actual_sum_count, 2);
	}
	store_indicator_list_free(&pg);
	k.inclusive = 1;
	CHECK_INT(store_indicator_list_page(st, plan_id, 2023, &k, 1, 5, &pg,
	    &cause), 0);
	CHECK_INT(pg.n, 2);
	if (pg.n == 2)
		CHECK(pg.rows[0].id == all.rows[1].id);
	store_indicator_list_free(&pg);

	/* Backwards: the last two (from the end), in plan order; before
	 * the second, the first; up to it, the first two. */
	CHECK_INT(store_indicator_list_page(st, plan_id, 2023, NULL, -1, 2, &pg,
	    &cause), 0);
	CHECK_INT(pg.n, 2);
	if (pg.n == 2) {
		CHECK(pg.rows[0].id == all.rows[1].id);
		CHECK(pg.rows[1].id == all.rows[2].id);
	}
	store_indicator_list_free(&pg);
	k.inclusive = 0;
	CHECK_INT(store_indicator_list_page(st, plan_id, 2023, &k, -1, 5, &pg,
	    &cause), 0);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1)
		CHECK(pg.rows[0].id == all.rows[0].id);
	store_indicator_list_free(&pg);
	k.inclusive = 1;
	CHECK_INT(store_indicator_list_page(st, plan_id, 2023, &k, -1, 5, &pg,
	    &cause), 0);
	CHECK_INT(pg.n, 2);
	if (pg.n == 2) {
		CHECK(pg.rows[0].id == all.rows[0].id);
		CHECK(pg.rows[1].id == all.rows[1].id);
	}
	store_indicator_list_free(&pg);

	/* Positions in plan order. */
	for (i = 0; i < 3; i++) {
		CHECK_INT(store_indicator_list_before(st, plan_id,
		    all.rows[i].ord, all.rows[i].id, &before, &cause), 0);
		CHECK_INT(before, i);
	}
	/* Another plan's id reads nothing. */
	CHECK_INT(store_indicator_list_page(st, plan_id + 1000, 2023, NULL, 1,
	    5, &pg, &cause), 0);
	CHECK_INT(pg.n, 0);
	store_indicator_list_free(&pg);
	store_indicator_list_free(&all);
}

int
main(void)
{
	struct store_plan_row	*rows = NULL;
	size_t			 n = 0, i;
	char			*cause = NULL, *p;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	if (!load_plan()) {
		fprintf(stderr, "cannot load the test plan\n");
		return 1;
	}
	if (store_plan_list(st, &rows, &n, &cause) == 0 && n == 1)
		plan_id = rows[0].id;
	store_plan_rows_free(rows, n);
	free(cause);

	RUN(test_sheet_path_flags_depts);
	RUN(test_indicator_list_pages);
	RUN(test_sheet_plans_costs_indicators_result);
	RUN(test_sheet_group_node_and_missing);
	RUN(test_roadmap_rows);
	RUN(test_roadmap_cells);
	RUN(test_roadmap_search_and_depts);
	RUN(test_indicator_list);

	store_close(st);
	for (i = 0; i < 3; i++) {
		static const char *const f[] = { "sheet.db", "sheet.db-wal",
		    "sheet.db-shm" };

		p = xasprintf("%s/%s", dir, f[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
	DONE();
}
