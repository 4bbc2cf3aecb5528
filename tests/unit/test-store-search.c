/*
 * Unit tests for store-search.c on two small plans loaded through the
 * plan file importer: each field a word can be found in, named by the
 * hit; full-width and half-width forms matching each other; % and _ as
 * plain characters; one plan or every plan, with the plans' own fields;
 * a page at a time in both directions, each page going on from the last
 * hit; and nodes and plans found by the code a user types. The index of
 * folded texts (db/migrate-13.sql) gives the same hits as comparing every
 * text as stored, for words of every length, after writes of the store,
 * of another connection (as the sqlite3 shell writes) and an import that
 * replaces a plan.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fixture.h"
#include "harness.h"
#include "shisaku/planfile.h"
#include "shisaku/store-internal.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-search.h"
#include "shisaku/store.h"

static char tmpdir[64];
static char dbpath[128];

/* Plan a: the fields of its items hold words found nowhere else. Plan b
 * comes first in the plans' order and has one item with オンライン in
 * its title; 30 items of plan c share the word 共通語. */
static const char plan_text[] =
	"shisaku-plan,1\n"
	"plan,b,別の計画,2021,2025,別の市,\n"
	"level,b,1,取組\n"
	"node,b,1,,No.1,オンライン窓口,,,,,,\n"
	"plan,a,テスト計画,2021,2025,テスト市,説明の文ＡＢＣ\n"
	"level,a,1,基本方針\n"
	"level,a,2,取組\n"
	"node,a,A,,Ⅰ,方針A,,,,,,\n"
	"node,a,1,A,No.1,取組一,,,,窓口が混雑している,オンライン申請を導入する,"
	    "備考に１００％と書く\n"
	"node,a,2,A,No.2,取組二,,,,,100%達成を目指す,\n"
	"node,a,B,,Ⅱ,方針B,,,,,,\n"
	"node,a,10,B,No.10,申請の件,,,,,,\n"
	"node,a,P1,B,(1),重複一,,,,,,\n"
	"node,a,P2,B,(1),重複二,,,,,,\n"
	"yearplan,a,2,2021,2021,調査_準備\n"
	"yearplan,a,2,2022,2023,システム構築\n"
	"result,a,2,2022,実施中,,下書き,電子申請を開始した,利用率が低い,,u1,"
	    "2023-04-10T09:00:00,,\n"
	"result,a,2,2023,実施中,,下書き,電子申請を拡大した,,,u1,"
	    "2024-04-10T09:00:00,,\n"
	/* An indicator of No.1 and one of the plan itself. */
	"indicator,a,i1,1,窓口待ち時間,,分,減少,,30分,2020,10分,2025,"
	    "待ち時間で来庁者満足を測る,測定は毎年度末\n"
	"indicator,a,i2,,全体満足度,,%,増加,,50%,2020,70%,2025,"
	    "全市で測る,\n";

static struct store *
open_fixture(void)
{
	char	*text, *p;
	size_t	 i, size = sizeof plan_text + 64 * 40;
	int	 n;

	/* Plan c: 30 items with the same word, for paging. */
	text = malloc(size);
	strcpy(text, plan_text);
	p = text + strlen(text);
	p += sprintf(p, "plan,c,多数の計画,2021,2025,市,\nlevel,c,1,取組\n");
	for (i = 1; i <= 30; i++) {
		n = sprintf(p, "node,c,%zu,,C%zu,共通語の取組%zu,,,,,,\n", i, i,
		    i);
		p += n;
	}
	{
		struct store *st = fixture_store(dbpath, text, NULL);

		free(text);
		return st;
	}
}

/* Searches and returns the page; the test frees it. */
static struct search_page
find(struct store *st, const char *word, long long plan_id, int with_plans,
    const struct search_pos *from, int dir, size_t max)
{
	struct search_query	q = { word, plan_id, with_plans };
	struct search_page	page;
	char			*cause = NULL;

	if (store_search(st, &q, from, dir, max, &page, &cause) != 0) {
		fprintf(stderr, "store_search: %s\n", cause);
		free(cause);
		memset(&page, 0, sizeof page);
	}
	return page;
}

static long long
plan_id_of(struct store *st, const char *code)
{
	long long	id = 0;
	int		several = 0;
	char		*cause = NULL;

	if (store_search_plan(st, code, &id, &several, &cause) != 0) {
		fprintf(stderr, "store_search_plan: %s\n", cause);
		free(cause);
	}
	return id;
}

TEST(test_each_field_named)
{
	struct store		*st = open_fixture();
	struct search_page	 pg;
	long long		 a;

	CHECK(st != NULL);
	if (st == NULL)
		return;
	a = plan_id_of(st, "a");
	CHECK(a > 0);

	pg = find(st, "混雑", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1) {
		CHECK_INT(pg.hits[0].field, SEARCH_SUMMARY);
		CHECK_STR(search_field_label(pg.hits[0].field), "概要・方向性");
		CHECK_STR(pg.hits[0].code, "No.1");
		CHECK_STR(pg.hits[0].title, "取組一");
		CHECK_STR(pg.hits[0].text, "窓口が混雑している");
		CHECK_STR(pg.hits[0].plan_code, "a");
		CHECK_INT(pg.hits[0].depth, 2);
	}
	CHECK_INT(pg.more, 0);
	search_page_free(&pg);

	pg = find(st, "オンライン申請", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1) {
		CHECK_INT(pg.hits[0].field, SEARCH_MEANS);
		CHECK_STR(search_field_label(pg.hits[0].field), "手段");
	}
	search_page_free(&pg);

	pg = find(st, "備考に", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1)
		CHECK_INT(pg.hits[0].field, SEARCH_NOTE);
	search_page_free(&pg);

	pg = find(st, "取組二", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1) {
		CHECK_INT(pg.hits[0].field, SEARCH_TITLE);
		CHECK_STR(search_field_label(pg.hits[0].field), "名称");
	}
	search_page_free(&pg);

	/* The code as the tree shows it, and code and title together. */
	pg = find(st, "No.10", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1) {
		CHECK_INT(pg.hits[0].field, SEARCH_CODE);
		CHECK_STR(search_field_label(pg.hits[0].field), "番号");
		CHECK_STR(pg.hits[0].text, "No.10");
	}
	search_page_free(&pg);
	pg = find(st, "No.1 取組", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1) {
		CHECK_INT(pg.hits[0].field, SEARCH_TITLE);
		CHECK_STR(pg.hits[0].text, "No.1 取組一");
	}
	search_page_free(&pg);

	pg = find(st, "システム構築", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1) {
		CHECK_INT(pg.hits[0].field, SEARCH_YEARPLAN);
		CHECK_STR(search_field_label(pg.hits[0].field), "年次計画");
		CHECK_INT(pg.hits[0].fy, 2022);
		CHECK_INT(pg.hits[0].to_fy, 2023);
		CHECK_STR(pg.hits[0].code, "No.2");
	}
	search_page_free(&pg);

	/* Every year's result, in the order of the years. */
	pg = find(st, "電子申請", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 2);
	if (pg.n == 2) {
		CHECK_INT(pg.hits[0].field, SEARCH_RESULT);
		CHECK_STR(search_field_label(pg.hits[0].field), "実績");
		CHECK_INT(pg.hits[0].fy, 2022);
		CHECK_STR(pg.hits[0].text, "電子申請を開始した");
		CHECK_INT(pg.hits[1].field, SEARCH_RESULT);
		CHECK_INT(pg.hits[1].fy, 2023);
	}
	search_page_free(&pg);

	pg = find(st, "利用率", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1) {
		CHECK_INT(pg.hits[0].field, SEARCH_COMMENT);
		CHECK_STR(search_field_label(pg.hits[0].field), "課題・方向性");
		CHECK_INT(pg.hits[0].fy, 2022);
	}
	search_page_free(&pg);

	/* One node's hits in field order: 名称 (申請の件 is No.10's), 手段
	 * of No.1, 実績 of No.2. */
	pg = find(st, "申請", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 4);
	if (pg.n == 4) {
		CHECK_STR(pg.hits[0].code, "No.1");
		CHECK_INT(pg.hits[0].field, SEARCH_MEANS);
		CHECK_STR(pg.hits[1].code, "No.2");
		CHECK_INT(pg.hits[1].field, SEARCH_RESULT);
		CHECK_INT(pg.hits[2].field, SEARCH_RESULT);
		CHECK_STR(pg.hits[3].code, "No.10");
		CHECK_INT(pg.hits[3].field, SEARCH_TITLE);
	}
	search_page_free(&pg);

	pg = find(st, "ありえない語", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 0);
	CHECK_INT(pg.more, 0);
	search_page_free(&pg);
	store_close(st);
}

TEST(test_widths_and_cases_fold)
{
	struct store		*st = open_fixture();
	struct search_page	 pg;
	long long		 a;

	if (st == NULL) {
		CHECK(st != NULL);
		return;
	}
	a = plan_id_of(st, "a");
	/* 100% finds both the half-width means and the full-width note. */
	pg = find(st, "100%", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 2);
	if (pg.n == 2) {
		CHECK_INT(pg.hits[0].field, SEARCH_NOTE);
		CHECK_STR(pg.hits[0].code, "No.1");
		CHECK_INT(pg.hits[1].field, SEARCH_MEANS);
		CHECK_STR(pg.hits[1].code, "No.2");
	}
	search_page_free(&pg);
	pg = find(st, "１００％", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 2);
	search_page_free(&pg);
	/* Case: no.10 and ＮＯ．１０ find No.10. */
	pg = find(st, "no.10", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	search_page_free(&pg);
	pg = find(st, "ＮＯ．１０", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	search_page_free(&pg);
	store_close(st);
}

TEST(test_wildcards_are_characters)
{
	struct store		*st = open_fixture();
	struct search_page	 pg;
	long long		 a;

	if (st == NULL) {
		CHECK(st != NULL);
		return;
	}
	a = plan_id_of(st, "a");
	/* % is only where a % is written (full-width ％ too). */
	pg = find(st, "%", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 2);
	search_page_free(&pg);
	/* _ is only in 調査_準備, not any one character. */
	pg = find(st, "_", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1) {
		CHECK_INT(pg.hits[0].field, SEARCH_YEARPLAN);
		CHECK_STR(pg.hits[0].text, "調査_準備");
	}
	search_page_free(&pg);
	pg = find(st, "調査%準備", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 0);
	search_page_free(&pg);
	pg = find(st, "取組_", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 0);
	search_page_free(&pg);
	store_close(st);
}

TEST(test_every_plan)
{
	struct store		*st = open_fixture();
	struct search_page	 pg;

	if (st == NULL) {
		CHECK(st != NULL);
		return;
	}
	/* Plan b comes first in the plans' order. */
	pg = find(st, "オンライン", 0, 1, NULL, 1, 50);
	CHECK_INT(pg.n, 2);
	if (pg.n == 2) {
		CHECK_STR(pg.hits[0].plan_code, "b");
		CHECK_STR(pg.hits[0].plan_name, "別の計画");
		CHECK_INT(pg.hits[0].field, SEARCH_TITLE);
		CHECK_STR(pg.hits[1].plan_code, "a");
		CHECK_INT(pg.hits[1].field, SEARCH_MEANS);
	}
	search_page_free(&pg);
	/* Within one plan, only its own. */
	pg = find(st, "オンライン", plan_id_of(st, "b"), 0, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	search_page_free(&pg);

	/* The plans' own fields, before their nodes, only when asked. */
	pg = find(st, "テスト", 0, 1, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1) {
		CHECK_INT(pg.hits[0].field, SEARCH_PLAN_NAME);
		CHECK_STR(search_field_label(pg.hits[0].field), "計画名");
		CHECK_STR(pg.hits[0].code, "");
		CHECK_STR(pg.hits[0].title, "テスト計画");
		CHECK_INT(pg.hits[0].pos.node_id, 0);
	}
	search_page_free(&pg);
	pg = find(st, "テスト", 0, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 0);
	search_page_free(&pg);
	pg = find(st, "abc", 0, 1, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1)
		CHECK_INT(pg.hits[0].field, SEARCH_PLAN_DESC);
	search_page_free(&pg);
	store_close(st);
}

/* An indicator's name, rationale and note, each a field a hit names:
 * those of a node among the node's hits, those of the plan itself among
 * the plan's own, only when every plan is searched. */
TEST(test_indicators)
{
	struct store		*st = open_fixture();
	struct search_page	 pg;
	long long		 a;

	if (st == NULL) {
		CHECK(st != NULL);
		return;
	}
	a = plan_id_of(st, "a");
	pg = find(st, "待ち時間", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 2);
	if (pg.n == 2) {
		CHECK_INT(pg.hits[0].field, SEARCH_IND_NAME);
		CHECK_STR(search_field_label(pg.hits[0].field), "指標");
		CHECK_STR(pg.hits[0].text, "窓口待ち時間");
		CHECK_STR(pg.hits[0].code, "No.1");
		CHECK(pg.hits[0].indicator_id > 0);
		CHECK_INT(pg.hits[1].field, SEARCH_IND_RATIONALE);
		CHECK_STR(search_field_label(pg.hits[1].field), "指標の考え方");
		CHECK_STR(pg.hits[1].text, "待ち時間で来庁者満足を測る");
		CHECK(pg.hits[1].indicator_id == pg.hits[0].indicator_id);
	}
	search_page_free(&pg);
	pg = find(st, "毎年度末", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1) {
		CHECK_INT(pg.hits[0].field, SEARCH_IND_NOTE);
		CHECK_STR(search_field_label(pg.hits[0].field), "指標の備考");
		CHECK_STR(pg.hits[0].code, "No.1");
	}
	search_page_free(&pg);
	/* In one plan: the node's only; over every plan the plan's own
	 * indicator first. */
	pg = find(st, "測る", a, 0, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1)
		CHECK_STR(pg.hits[0].code, "No.1");
	search_page_free(&pg);
	pg = find(st, "測る", 0, 1, NULL, 1, 50);
	CHECK_INT(pg.n, 2);
	if (pg.n == 2) {
		CHECK_INT(pg.hits[0].pos.node_id, 0);
		CHECK_INT(pg.hits[0].field, SEARCH_IND_RATIONALE);
		CHECK_STR(pg.hits[0].text, "全市で測る");
		CHECK_STR(pg.hits[0].plan_code, "a");
		CHECK_STR(pg.hits[1].code, "No.1");
	}
	search_page_free(&pg);
	/* Backwards: the same hits the other way round. */
	pg = find(st, "測る", 0, 1, NULL, -1, 50);
	CHECK_INT(pg.n, 2);
	if (pg.n == 2) {
		CHECK_STR(pg.hits[0].code, "No.1");
		CHECK_INT(pg.hits[1].pos.node_id, 0);
	}
	search_page_free(&pg);
	pg = find(st, "全体満足度", 0, 1, NULL, 1, 50);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1)
		CHECK_INT(pg.hits[0].field, SEARCH_IND_NAME);
	search_page_free(&pg);
	store_close(st);
}

/* The plans' own hits come before every node's, in both directions and
 * across pages. */
TEST(test_plans_first)
{
	struct store		*st = open_fixture();
	struct search_page	 pg;
	struct search_pos	 last;

	if (st == NULL) {
		CHECK(st != NULL);
		return;
	}
	/* の: 別の計画 (b's name), 説明の文 (a's description), 多数の計画
	 * (c's name); then No.10 申請の件 of a, and c's 30 items. */
	pg = find(st, "の", 0, 1, NULL, 1, 2);
	CHECK_INT(pg.n, 2);
	CHECK_INT(pg.more, 1);
	if (pg.n == 2) {
		CHECK_STR(pg.hits[0].plan_code, "b");
		CHECK_INT(pg.hits[0].field, SEARCH_PLAN_NAME);
		CHECK_STR(pg.hits[1].plan_code, "a");
		CHECK_INT(pg.hits[1].field, SEARCH_PLAN_DESC);
		last = pg.hits[1].pos;
	}
	search_page_free(&pg);
	pg = find(st, "の", 0, 1, &last, 1, 2);
	CHECK_INT(pg.n, 2);
	if (pg.n == 2) {
		CHECK_STR(pg.hits[0].plan_code, "c");
		CHECK_INT(pg.hits[0].field, SEARCH_PLAN_NAME);
		CHECK_STR(pg.hits[1].code, "No.10");
		last = pg.hits[1].pos;
	}
	search_page_free(&pg);
	pg = find(st, "の", 0, 1, &last, 1, 1);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1)
		CHECK_STR(pg.hits[0].code, "C1");
	search_page_free(&pg);
	/* Backwards from the end: the nodes, then the plans' own. */
	pg = find(st, "の", 0, 1, NULL, -1, 40);
	CHECK_INT(pg.n, 34);
	CHECK_INT(pg.more, 0);
	if (pg.n == 34) {
		CHECK_STR(pg.hits[0].code, "C30");
		CHECK_STR(pg.hits[30].code, "No.10");
		CHECK_STR(pg.hits[31].plan_code, "c");
		CHECK_STR(pg.hits[33].plan_code, "b");
		last = pg.hits[31].pos;
	}
	search_page_free(&pg);
	/* Backwards from a plan's own hit: the plans before it only. */
	pg = find(st, "の", 0, 1, &last, -1, 40);
	CHECK_INT(pg.n, 2);
	if (pg.n == 2) {
		CHECK_STR(pg.hits[0].plan_code, "a");
		CHECK_STR(pg.hits[1].plan_code, "b");
	}
	search_page_free(&pg);
	store_close(st);
}

/* The codes of a page's hits, "C1 C2 …". */
static void
codes_of(const struct search_page *pg, char *buf, size_t size)
{
	size_t	i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < pg->n && o + 8 < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? " " : "",
		    pg->hits[i].code);
}

TEST(test_pages)
{
	struct store		*st = open_fixture();
	struct search_page	 pg;
	struct search_pos	 last;
	char			 codes[512];
	long long		 c;

	if (st == NULL) {
		CHECK(st != NULL);
		return;
	}
	c = plan_id_of(st, "c");
	pg = find(st, "共通語", c, 0, NULL, 1, 12);
	CHECK_INT(pg.n, 12);
	CHECK_INT(pg.more, 1);
	codes_of(&pg, codes, sizeof codes);
	CHECK_STR(codes, "C1 C2 C3 C4 C5 C6 C7 C8 C9 C10 C11 C12");
	last = pg.hits[pg.n - 1].pos;
	search_page_free(&pg);

	pg = find(st, "共通語", c, 0, &last, 1, 12);
	CHECK_INT(pg.n, 12);
	CHECK_INT(pg.more, 1);
	codes_of(&pg, codes, sizeof codes);
	CHECK_STR(codes, "C13 C14 C15 C16 C17 C18 C19 C20 C21 C22 C23 C24");
	last = pg.hits[pg.n - 1].pos;
	search_page_free(&pg);

	pg = find(st, "共通語", c, 0, &last, 1, 12);
	CHECK_INT(pg.n, 6);
	CHECK_INT(pg.more, 0);
	codes_of(&pg, codes, sizeof codes);
	CHECK_STR(codes, "C25 C26 C27 C28 C29 C30");
	search_page_free(&pg);

	/* Backwards: from the end, and from a hit. */
	pg = find(st, "共通語", c, 0, NULL, -1, 3);
	codes_of(&pg, codes, sizeof codes);
	CHECK_STR(codes, "C30 C29 C28");
	CHECK_INT(pg.more, 1);
	last = pg.hits[pg.n - 1].pos;
	search_page_free(&pg);
	pg = find(st, "共通語", c, 0, &last, -1, 3);
	codes_of(&pg, codes, sizeof codes);
	CHECK_STR(codes, "C27 C26 C25");
	search_page_free(&pg);

	/* Over every plan, a page ends inside a plan and goes on there. */
	pg = find(st, "の", 0, 1, NULL, 1, 5);
	CHECK_INT(pg.more, 1);
	CHECK(pg.n >= 5);
	if (pg.n > 0)
		last = pg.hits[pg.n - 1].pos;
	search_page_free(&pg);
	{
		size_t	total = 0, pages = 0;
		int	more = 1;

		while (more && pages < 100) {
			pg = find(st, "共通語", 0, 1, pages ? &last : NULL, 1,
			    7);
			total += pg.n;
			more = pg.more;
			if (pg.n > 0)
				last = pg.hits[pg.n - 1].pos;
			search_page_free(&pg);
			pages++;
		}
		CHECK_INT(total, 30);
		CHECK(pages >= 5);
	}
	store_close(st);
}

TEST(test_from_a_node)
{
	struct store		*st = open_fixture();
	struct search_page	 pg;
	struct search_pos	 pos;
	char			*cause = NULL;
	long long		*ids = NULL, a;
	size_t			 n = 0;

	if (st == NULL) {
		CHECK(st != NULL);
		return;
	}
	a = plan_id_of(st, "a");
	CHECK_INT(store_search_code(st, a, "No.2", 5, &ids, &n, &cause), 0);
	CHECK_INT(n, 1);
	if (n != 1) {
		free(ids);
		store_close(st);
		return;
	}
	/* After all of No.2: only No.10's hit of 申請 is left. */
	CHECK_INT(store_search_pos_at(st, ids[0], SEARCH_FIELD_COUNT, &pos,
	    &cause), 0);
	pg = find(st, "申請", a, 0, &pos, 1, 50);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1)
		CHECK_STR(pg.hits[0].code, "No.10");
	search_page_free(&pg);
	/* Before No.2, backwards: No.1's 手段. */
	CHECK_INT(store_search_pos_at(st, ids[0], -1, &pos, &cause), 0);
	pg = find(st, "申請", a, 0, &pos, -1, 50);
	CHECK_INT(pg.n, 1);
	if (pg.n == 1)
		CHECK_STR(pg.hits[0].code, "No.1");
	search_page_free(&pg);
	/* From No.2's first result, forwards: its second result first. */
	pg = find(st, "申請", a, 0, NULL, 1, 50);
	if (pg.n >= 2) {
		pos = pg.hits[1].pos;
		search_page_free(&pg);
		pg = find(st, "申請", a, 0, &pos, 1, 1);
		CHECK_INT(pg.n, 1);
		if (pg.n == 1) {
			CHECK_INT(pg.hits[0].field, SEARCH_RESULT);
			CHECK_INT(pg.hits[0].fy, 2023);
		}
	} else
		CHECK(pg.n >= 2);
	search_page_free(&pg);
	free(ids);
	CHECK_INT(store_search_pos_at(st, 99999, -1, &pos, &cause), -1);
	CHECK(cause != NULL);
	free(cause);
	store_close(st);
}

/* The codes of the nodes store_search_code finds, "No.1 (1)". */
static void
code_ids(struct store *st, long long plan, const char *text, size_t *n,
    long long **ids)
{
	char	*cause = NULL;

	if (store_search_code(st, plan, text, 10, ids, n, &cause) != 0) {
		fprintf(stderr, "store_search_code: %s\n", cause);
		free(cause);
	}
}

TEST(test_codes)
{
	struct store	*st = open_fixture();
	long long	*ids = NULL, *other = NULL, a;
	size_t		 n = 0, m = 0;

	if (st == NULL) {
		CHECK(st != NULL);
		return;
	}
	a = plan_id_of(st, "a");
	code_ids(st, a, "No.10", &n, &ids);
	CHECK_INT(n, 1);
	/* Full-width, other case, blanks around. */
	code_ids(st, a, " ｎｏ．１０　", &m, &other);
	CHECK_INT(m, 1);
	if (n == 1 && m == 1)
		CHECK_INT(other[0], ids[0]);
	free(other);
	/* Without "No.": the key 10, and the code key. */
	code_ids(st, a, "10", &m, &other);
	CHECK_INT(m, 1);
	if (n == 1 && m == 1)
		CHECK_INT(other[0], ids[0]);
	free(other);
	code_ids(st, a, "【No.10】", &m, &other);
	CHECK_INT(m, 1);
	if (n == 1 && m == 1)
		CHECK_INT(other[0], ids[0]);
	free(other);
	free(ids);
	/* Roman numerals as typed. */
	code_ids(st, a, "Ⅱ", &n, &ids);
	code_ids(st, a, "ii", &m, &other);
	CHECK_INT(n, 1);
	CHECK_INT(m, 1);
	if (n == 1 && m == 1)
		CHECK_INT(other[0], ids[0]);
	free(ids);
	free(other);
	/* A code printed twice: both, in order. */
	code_ids(st, a, "(1)", &n, &ids);
	CHECK_INT(n, 2);
	free(ids);
	code_ids(st, a, "No.99", &n, &ids);
	CHECK_INT(n, 0);
	CHECK(ids == NULL);
	code_ids(st, a, "   ", &n, &ids);
	CHECK_INT(n, 0);
	store_close(st);
}

TEST(test_plans_by_code)
{
	struct store	*st = open_fixture();
	char		**codes = NULL, *cause = NULL;
	size_t		 n = 0, i;
	long long	 id = 0;
	int		 several = 0;

	if (st == NULL) {
		CHECK(st != NULL);
		return;
	}
	CHECK_INT(store_search_plan_codes(st, &codes, &n, &cause), 0);
	CHECK_INT(n, 3);
	if (n == 3) {
		CHECK_STR(codes[0], "b");
		CHECK_STR(codes[1], "a");
		CHECK_STR(codes[2], "c");
	}
	for (i = 0; i < n; i++)
		free(codes[i]);
	free(codes);
	CHECK_INT(store_search_plan(st, "Ａ", &id, &several, &cause), 0);
	CHECK(id > 0);
	CHECK_INT(several, 0);
	CHECK_INT(store_search_plan(st, "zz", &id, &several, &cause), 0);
	CHECK_INT(id, 0);
	CHECK_INT(several, 0);
	store_close(st);
}

/* ---- the index gives what comparing every text gives ---- */

/* Every hit of a search, page after page (max nodes a page) from one end
 * to the other in direction dir, one line each: plan, node, field,
 * year, row, indicator and the text. malloc'd. */
static char *
all_hits(struct store *st, const char *word, long long plan_id,
    int with_plans, int dir, size_t max)
{
	struct search_page	 pg;
	struct search_pos	 last;
	char			*out = NULL, *line;
	size_t			 len = 0, i, pages = 0;
	int			 first = 1;
	FILE			*f = open_memstream(&out, &len);

	for (;;) {
		pg = find(st, word, plan_id, with_plans, first ? NULL : &last,
		    dir, max);
		first = 0;
		for (i = 0; i < pg.n; i++) {
			line = xasprintf("%lld/%lld %d %d %lld %lld %s|%s|%s\n",
			    pg.hits[i].pos.plan_id, pg.hits[i].pos.node_id,
			    (int)pg.hits[i].field, pg.hits[i].fy,
			    pg.hits[i].pos.row, pg.hits[i].indicator_id,
			    pg.hits[i].code, pg.hits[i].title, pg.hits[i].text);
			fputs(line, f);
			free(line);
		}
		if (pg.n > 0)
			last = pg.hits[pg.n - 1].pos;
		if (!pg.more || pg.n == 0 || ++pages > 1000) {
			search_page_free(&pg);
			break;
		}
		search_page_free(&pg);
	}
	fclose(f);
	return out;
}

/* Words of 1, 2, 3 and more characters, full-width and half-width forms
 * of each other, in every field, and words found nowhere. */
static const char *const cmp_words[] = {
	"申", "取", "共", "Ａ", "a", "取組", "共通", "窓口", "00", "ない",
	"共通語", "オンライン", "窓口待ち時間", "電子申請", "調査_準備",
	"利用率", "100%", "１００％", "００％", "no.1", "ＮＯ．１", "No.10",
	"システム構築", "来庁者満足", "測定は毎年度末", "新しい名前",
	"書き換えた実績", "どこにもない語", "ほげ", "の取組1", "組2\n",
	"計画", "説明の文abc", "末尾", "尾"
};

/*
 * Compares, for every word, every plan and every plan together, both
 * directions and two page sizes, the hits through the index (its nodes
 * placed at once, and a window at a time; a word of two characters also
 * with its texts read, as when it begins too many trigrams) with those
 * of comparing every text as stored. Returns how many differed.
 */
static int
compare_with_scan(struct store *st, const char *when)
{
	long long	 plans[4];
	size_t		 w, k, m, dirs, few;
	char		*want, *got;
	int		 bad = 0;
	static const size_t maxes[] = { 1, 4 };
	static const size_t fews[] = { 0, 1, 0 };
	static const size_t prefixed[] = { 0, 0, 1 };

	plans[0] = 0;
	plans[1] = plan_id_of(st, "a");
	plans[2] = plan_id_of(st, "b");
	plans[3] = plan_id_of(st, "c");
	for (w = 0; w < sizeof cmp_words / sizeof cmp_words[0]; w++)
		for (k = 0; k < 4; k++)
			for (m = 0; m < 2; m++)
				for (dirs = 0; dirs < 2; dirs++) {
					int dir = dirs == 0 ? 1 : -1;

					st->search_scan = 1;
					want = all_hits(st, cmp_words[w],
					    plans[k], k == 0, dir, maxes[m]);
					st->search_scan = 0;
					for (few = 0; few < 3; few++) {
						st->search_few = fews[few];
						st->search_prefixed =
						    prefixed[few];
						got = all_hits(st, cmp_words[w],
						    plans[k], k == 0, dir,
						    maxes[m]);
						if (strcmp(want, got) != 0) {
							fprintf(stderr, "%s: "
							    "「%s」 plan %lld "
							    "dir %d max %zu way "
							    "%zu:\nscan:\n%s"
							    "index:\n%s", when,
							    cmp_words[w],
							    plans[k], dir,
							    maxes[m], few,
							    want, got);
							bad++;
						}
						free(got);
					}
					st->search_few = 0;
					st->search_prefixed = 0;
					free(want);
				}
	return bad;
}

/* Runs sql in a write of the store's, which folds the texts it changed
 * before it commits. */
static int
store_write(struct store *st, const char *sql)
{
	char	*cause = NULL;
	int	 rc;

	if ((rc = store_begin(st, &cause)) == 0 &&
	    (rc = store_exec(st, sql, &cause)) == 0)
		rc = store_commit(st, &cause);
	else
		store_rollback(st);
	if (rc != 0) {
		fprintf(stderr, "%s: %s\n", sql, cause ? cause : "?");
		free(cause);
	}
	return rc;
}

/* Runs sql on a connection of its own, as the sqlite3 shell writes:
 * without the store's functions, and nothing folded. */
static int
shell_write(const char *sql)
{
	sqlite3	*db;
	char	*err = NULL;
	int	 rc;

	if (sqlite3_open(dbpath, &db) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	sqlite3_busy_timeout(db, 1000);
	rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		fprintf(stderr, "%s: %s\n", sql, err ? err : "?");
	sqlite3_free(err);
	sqlite3_close(db);
	return rc == SQLITE_OK ? 0 : -1;
}

static long long
count_of(struct store *st, const char *sql)
{
	sqlite3_stmt	*s;
	long long	 n = -1;

	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	return n;
}

/* Whether the index holds the folded text of every node and no other,
 * nothing left to fold. */
static int
index_whole(struct store *st)
{
	return count_of(st, "SELECT count(*) FROM search_stale") == 0 &&
	    count_of(st, "SELECT count(*) FROM search_text") ==
	    count_of(st, "SELECT count(*) FROM node") &&
	    count_of(st, "SELECT count(*) FROM node n WHERE NOT EXISTS"
	    " (SELECT 1 FROM search_text t WHERE t.rowid = n.id)") == 0;
}

TEST(test_index_as_scan)
{
	struct store	*st = open_fixture();

	CHECK(st != NULL);
	if (st == NULL)
		return;
	CHECK(index_whole(st));
	CHECK_INT(compare_with_scan(st, "imported"), 0);
	store_close(st);
}

/* Imports a plan file's text into st as shisaku import does (replace:
 * --replace). 0, or -1 after saying why. */
static int
import_text(struct store *st, const char *name, const char *text,
    int replace)
{
	struct store_resolver	 res;
	struct pf_doc		 doc;
	char			*cause = NULL;
	int			 rc = -1;

	store_resolver_init(&res, st, NULL);
	pf_doc_init(&doc);
	if (pf_read(&doc, name, text, strlen(text), &res.res, replace) != 0)
		fprintf(stderr, "%s: %s\n", name, doc.nkept > 0 ?
		    doc.errors[0] : "?");
	else if (store_plan_import(st, &doc, replace, "tester", &cause) != 0)
		fprintf(stderr, "%s: %s\n", name, cause);
	else
		rc = 0;
	free(cause);
	pf_doc_free(&doc);
	return rc;
}

TEST(test_index_after_writes)
{
	static const char plan_d[] =
	    "shisaku-plan,1\n"
	    "plan,d,もう一つの計画,2021,2025,市,\n"
	    "level,d,1,取組\n"
	    "node,d,1,,D1,共通語のない取組,,,,,,\n";
	struct store		*st = open_fixture();
	long long		 noted;

	CHECK(st != NULL);
	if (st == NULL)
		return;
	/* The store's writes: a title, a result's text and comment, a
	 * yearly plan, an indicator's name, a node deleted with all under
	 * it, an indicator moved to another node. */
	CHECK_INT(store_write(st, "UPDATE node SET title = '新しい名前の取組'"
	    " WHERE key = '1' AND plan_id = (SELECT id FROM plan WHERE"
	    " code = 'a')"), 0);
	CHECK_INT(store_write(st, "UPDATE result SET text = '書き換えた実績',"
	    " comment = '利用率が高い' WHERE fy = 2022"), 0);
	CHECK_INT(store_write(st, "UPDATE year_plan SET text = 'システム構築の"
	    "準備' WHERE text = 'システム構築'"), 0);
	CHECK_INT(store_write(st, "UPDATE indicator SET name = '窓口待ち時間"
	    "（分）' WHERE key = 'i1'"), 0);
	CHECK_INT(store_write(st, "DELETE FROM node WHERE key = '2' AND"
	    " plan_id = (SELECT id FROM plan WHERE code = 'a')"), 0);
	CHECK_INT(store_write(st, "UPDATE indicator SET node_id = (SELECT id"
	    " FROM node WHERE key = '10' AND plan_id = indicator.plan_id)"
	    " WHERE key = 'i1'"), 0);
	CHECK_INT(store_write(st, "INSERT INTO result (node_id, fy, text)"
	    " SELECT id, 2024, '来庁者満足の新しい実績' FROM node WHERE"
	    " key = '10' AND plan_id = (SELECT id FROM plan WHERE code = 'a')"),
	    0);
	/* A word of two characters at the very end of a node's texts. */
	CHECK_INT(store_write(st, "UPDATE node SET note = note || 'の末尾'"
	    " WHERE id = (SELECT min(n.id) FROM node n WHERE NOT EXISTS"
	    " (SELECT 1 FROM indicator i WHERE i.node_id = n.id) AND NOT EXISTS"
	    " (SELECT 1 FROM result r WHERE r.node_id = n.id) AND NOT EXISTS"
	    " (SELECT 1 FROM year_plan y WHERE y.node_id = n.id))"), 0);
	CHECK_INT(count_of(st, "SELECT count(*) FROM search_text"
	    " WHERE substr(body, -4) = '末尾' || char(10) || char(10)"), 1);
	CHECK(index_whole(st));
	CHECK_INT(compare_with_scan(st, "after the store's writes"), 0);

	/* Writes of another connection: noted, not folded; the search reads
	 * the nodes noted until a write of the store folds them. */
	CHECK_INT(shell_write("UPDATE node SET title = '共通語を書き換えた'"
	    " WHERE key = '5' AND plan_id = (SELECT id FROM plan WHERE"
	    " code = 'c'); UPDATE node SET summary = 'どこにもない語が今はある'"
	    " WHERE key = '6' AND plan_id = (SELECT id FROM plan WHERE"
	    " code = 'c'); DELETE FROM node WHERE key = '7' AND plan_id ="
	    " (SELECT id FROM plan WHERE code = 'c'); INSERT INTO node"
	    " (plan_id, depth, key, code, title, ord) SELECT id, 1, '99',"
	    " 'C99', '共通語ほげの取組', 1000 FROM plan WHERE code = 'c'"), 0);
	noted = count_of(st, "SELECT count(*) FROM search_stale");
	CHECK(noted > 0);
	CHECK_INT(compare_with_scan(st, "after another connection's writes"),
	    0);
	/* A write of the store folds what it noted itself, not those. */
	CHECK_INT(store_write(st, "UPDATE plan SET name = name"), 0);
	CHECK_INT(count_of(st, "SELECT count(*) FROM search_stale"), noted);
	CHECK_INT(store_write(st, "UPDATE node SET note = '書き換えた備考'"
	    " WHERE key = '5' AND plan_id = (SELECT id FROM plan WHERE"
	    " code = 'c')"), 0);
	CHECK(count_of(st, "SELECT count(*) FROM search_stale") < noted);
	CHECK_INT(count_of(st, "SELECT count(*) FROM search_stale s JOIN node n"
	    " ON n.id = s.node_id WHERE n.key = '5'"), 0);
	CHECK_INT(compare_with_scan(st, "after the store wrote one of them"),
	    0);
	/* A plan import folds every node noted. */
	CHECK_INT(import_text(st, "d.csv", plan_d, 0), 0);
	CHECK(index_whole(st));
	CHECK_INT(compare_with_scan(st, "after an import folded them"), 0);
	/* The merging the import turned off for its fill is on again, and
	 * the index agrees with the texts it holds. */
	CHECK_INT(count_of(st, "SELECT v FROM search_text_config"
	    " WHERE k = 'automerge'"), 4);
	CHECK_INT(store_write(st, "INSERT INTO search_text (search_text)"
	    " VALUES ('integrity-check')"), 0);
	store_close(st);
}

/* A file of results for a plan already in the database folds again the
 * nodes whose results it writes, and only those: a year's results of a
 * large plan do not fold the whole plan again. */
TEST(test_index_after_results_added)
{
	static const char rows[] =
	    "shisaku-plan,1\n"
	    "result,a,1,2024,実施中,,下書き,郵便局と連携した,,,u1,"
		"2025-04-10T09:00:00,,\n"
	    "result,a,1,2025,実施中,,下書き,郵便局と再び連携した,,,u1,"
		"2026-04-10T09:00:00,,\n"
	    "result,a,10,2024,完了,,下書き,申請を一本化した,相談件数ぴよ,,"
		"u1,2025-04-10T09:00:00,,\n"
	    "actual,a,i1,2024,20分,,下書き,,u1,2025-04-10T09:00:00,,\n";
	static const char *const words[][2] = {
		{ "郵便局と連携", "No.1" }, { "郵便局と再び", "No.1" },
		{ "申請を一本化", "No.10" }, { "相談件数ぴよ", "No.10" },
	};
	struct store		*st = open_fixture();
	struct search_page	 pg;
	long long		 a;
	size_t			 i;

	CHECK(st != NULL);
	if (st == NULL)
		return;
	a = plan_id_of(st, "a");
	/* A node of plan a the file does not name, its folded text made
	 * wrong on purpose: still wrong after the import, so not folded. */
	CHECK_INT(store_write(st, "UPDATE search_text SET body = '目印'"
	    " WHERE rowid = (SELECT id FROM node WHERE key = 'P2' AND plan_id ="
	    " (SELECT id FROM plan WHERE code = 'a'))"), 0);
	CHECK_INT(import_text(st, "rows.csv", rows, 0), 0);
	CHECK_INT(count_of(st, "SELECT count(*) FROM search_stale"), 0);
	CHECK_INT(count_of(st, "SELECT count(*) FROM search_text_content"
	    " WHERE c0 = '目印'"), 1);
	/* The nodes of the results, folded again with every text. */
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		pg = find(st, words[i][0], a, 0, NULL, 1, 50);
		CHECK_INT(pg.n, 1);
		if (pg.n == 1)
			CHECK_STR(pg.hits[0].code, words[i][1]);
		search_page_free(&pg);
	}
	CHECK_INT(count_of(st, "SELECT count(*) FROM search_text_content c"
	    " JOIN node n ON n.id = c.id WHERE n.code = 'No.1' AND c0 LIKE"
	    " '%郵便局と連携した%' AND c0 LIKE '%郵便局と再び連携した%'"
	    " AND c0 LIKE '%窓口待ち時間%'"), 1);
	/* Put right, the index is whole and searches as the texts read. */
	CHECK_INT(store_write(st, "UPDATE node SET title = title WHERE key ="
	    " 'P2' AND plan_id = (SELECT id FROM plan WHERE code = 'a')"), 0);
	CHECK(index_whole(st));
	CHECK_INT(compare_with_scan(st, "after results added to a plan"), 0);
	store_close(st);
}

TEST(test_index_after_replace)
{
	static const char replaced[] =
	    "shisaku-plan,1\n"
	    "plan,a,テスト計画,2021,2025,テスト市,\n"
	    "level,a,1,取組\n"
	    "node,a,1,,No.1,電子申請の取組,,,,窓口の新しい概要,,\n"
	    "node,a,2,,No.2,共通語を持つ取組,,,,,,\n"
	    "yearplan,a,2,2021,2022,オンライン化の準備\n";
	struct store		*st = open_fixture();
	long long		 before;

	CHECK(st != NULL);
	if (st == NULL)
		return;
	before = count_of(st, "SELECT count(*) FROM search_text");
	CHECK_INT(import_text(st, "replace.csv", replaced, 1), 0);
	/* Plan a had 7 nodes and has 2 now. */
	CHECK_INT(count_of(st, "SELECT count(*) FROM search_text"), before - 5);
	CHECK(index_whole(st));
	/* The triggers the import left out are back. */
	CHECK_INT(count_of(st, "SELECT count(*) FROM sqlite_master WHERE"
	    " type = 'trigger' AND name LIKE 'search_stale_%'"), 12);
	CHECK_INT(compare_with_scan(st, "after import --replace"), 0);
	store_close(st);
}

int
main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/shisaku-test-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return 1;
	snprintf(dbpath, sizeof dbpath, "%s/search.db", tmpdir);
	RUN(test_each_field_named);
	RUN(test_widths_and_cases_fold);
	RUN(test_wildcards_are_characters);
	RUN(test_every_plan);
	RUN(test_indicators);
	RUN(test_plans_first);
	RUN(test_pages);
	RUN(test_from_a_node);
	RUN(test_codes);
	RUN(test_plans_by_code);
	RUN(test_index_as_scan);
	RUN(test_index_after_writes);
	RUN(test_index_after_results_added);
	RUN(test_index_after_replace);
	unlink(dbpath);
	{
		char	wal[160], shm[160];

		snprintf(wal, sizeof wal, "%s-wal", dbpath);
		snprintf(shm, sizeof shm, "%s-shm", dbpath);
		unlink(wal);
		unlink(shm);
	}
	if (getenv("KEEP") == NULL) rmdir(tmpdir);
	DONE();
}
