/*
 * The full text the pager shows (fulltext.c): a small plan is loaded
 * into a fresh database, and the documents of an item, a policy above it
 * and the plan are checked for every long text the model keeps, whole
 * and in order: 概要, the bullet lines of 手段, 備考, the yearly plans,
 * the indicators' 考え方, the year's result, the plan's description.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "harness.h"
#include "shisaku/fulltext.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-sheet.h"
#include "shisaku/store.h"
#include "shisaku/util.h"

static char dir[] = "/tmp/shisaku-test-fulltext-XXXXXX";
static struct store *st;
static long long plan_id;

static const char plan_text[] =
    "shisaku-plan,1\n"
    "plan,y,試験行革プラン,2021,2025,試験市,\"行政改革を進めるための計画。\n"
    "第2段落は市民サービスの向上について。\"\n"
    "level,y,1,基本方針\n"
    "level,y,2,取組内容\n"
    "flag,y,leading,リーディングプロジェクト,★\n"
    "dept,試験市/総務課,総務課,試験市,\n"
    "dept,試験市/収納課,収納課,試験市,\n"
    "node,y,I,,Ⅰ,方針一,,,,\"方針一の説明は長い。\n二行目も読める。\",,\n"
    "node,y,19,I,No.19,市税等の収納率の向上,,2021,2025,"
    "\"収納率の向上と自主財源の確保を図る。\",\"○現年度未納の催告\n○公売\","
    "備考欄\n"
    "mark,y,19,leading\n"
    "assign,y,19,試験市/収納課,1,,\n"
    "assign,y,19,試験市/総務課,0,,\n"
    "yearplan,y,19,2021,2022,・一斉催告\n"
    "yearplan,y,19,2023,2023,見直し検討\n"
    "indicator,y,19-1,19,市税の現年度収納率,成果指標,%,増加,,98.5%,2020,"
    "98.90%,2025,\"収納率で測る。\",速報値あり\n"
    "result,y,19,2023,実施中,B,提出済,催告を実施した,公売を増やす,,tanaka,"
    "2024-04-10T09:00:00,,\n";

/* The index of the first line of d that is text, from line from on; -1
 * when none. */
static long
line_of(const struct pager_doc *d, const char *text, size_t from)
{
	size_t	i;

	for (i = from; i < d->nlines; i++)
		if (strcmp(d->lines[i].text, text) == 0)
			return (long)i;
	return -1;
}

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

TEST(test_item)
{
	struct sheet		*s = NULL;
	struct pager_doc	 d;
	char			*cause = NULL;
	long			 a, b, c, e;

	CHECK_INT(store_sheet_load(st, node_id("No.19"), 2023, &s, &cause), 0);
	if (s == NULL)
		return;
	fulltext_node(&d, s, FY_STYLE_ERA, NULL);
	CHECK_STR(d.title, "取組内容 No.19 市税等の収納率の向上");
	CHECK_STR(d.lines[0].text, "計画: 試験行革プラン");
	CHECK_INT(d.lines[0].style, PAGER_DIM);
	CHECK(line_of(&d, "上位: 基本方針 Ⅰ 方針一", 0) > 0);
	CHECK(line_of(&d, "期間: 令和3年度〜令和7年度", 0) > 0);
	CHECK(line_of(&d, "担当課: 収納課（主）、総務課（令和5年度）", 0) > 0);
	CHECK(line_of(&d, "区分: ★リーディングプロジェクト", 0) > 0);
	/* The texts whole, one line each, in the sheet's order. */
	a = line_of(&d, "【概要・方向性】", 0);
	CHECK(a > 0);
	CHECK(line_of(&d, "収納率の向上と自主財源の確保を図る。", 0) == a + 1);
	b = line_of(&d, "【手段】", 0);
	CHECK(b > a);
	CHECK(line_of(&d, "○現年度未納の催告", 0) == b + 1);
	CHECK(line_of(&d, "○公売", 0) == b + 2);
	CHECK_INT(d.lines[b + 2].indent, 2);
	c = line_of(&d, "【備考】", 0);
	CHECK(c > b);
	CHECK(line_of(&d, "備考欄", 0) == c + 1);
	e = line_of(&d, "【年次計画】", 0);
	CHECK(e > c);
	CHECK(line_of(&d, "令和3年度〜令和4年度", 0) == e + 1);
	CHECK(line_of(&d, "・一斉催告", 0) == e + 2);
	CHECK(line_of(&d, "令和5年度", 0) == e + 3);
	CHECK(line_of(&d, "見直し検討", 0) == e + 4);
	a = line_of(&d, "【指標】", 0);
	CHECK(a > e);
	CHECK(line_of(&d, "1. 市税の現年度収納率", 0) == a + 1);
	CHECK(line_of(&d, "基準値: 98.5%（令和2年度）  最終目標: 98.90%"
	    "（令和7年度）", 0) > a);
	b = line_of(&d, "指標の考え方", 0);
	CHECK(b > a);
	CHECK(line_of(&d, "収納率で測る。", 0) == b + 1);
	CHECK(line_of(&d, "速報値あり", 0) > b);
	c = line_of(&d, "【令和5年度の実績】", 0);
	CHECK(c > b);
	CHECK(line_of(&d, "状況: 実施中  状態: 提出済  評価: B", 0) == c + 1);
	CHECK(line_of(&d, "催告を実施した", 0) > c);
	CHECK(line_of(&d, "公売を増やす", 0) > c);
	/* Another display of years. */
	pager_doc_free(&d);
	fulltext_node(&d, s, FY_STYLE_WESTERN, NULL);
	CHECK(line_of(&d, "期間: 2021年度〜2025年度", 0) > 0);
	pager_doc_free(&d);
	store_sheet_free(s);
}

TEST(test_policy)
{
	struct sheet		*s = NULL;
	struct pager_doc	 d;
	char			*cause = NULL;
	long			 a;

	CHECK_INT(store_sheet_load(st, node_id("Ⅰ"), 2023, &s, &cause), 0);
	if (s == NULL)
		return;
	fulltext_node(&d, s, FY_STYLE_ERA, NULL);
	CHECK_STR(d.title, "基本方針 Ⅰ 方針一");
	a = line_of(&d, "【概要・方向性】", 0);
	CHECK(a > 0);
	CHECK(line_of(&d, "方針一の説明は長い。", 0) == a + 1);
	CHECK(line_of(&d, "二行目も読める。", 0) == a + 2);
	CHECK(line_of(&d, "（なし）", 0) > a);		/* no 手段 */
	CHECK(line_of(&d, "【年次計画】", 0) < 0);	/* not an item */
	CHECK(line_of(&d, "【下位の項目】", 0) > a);
	CHECK(line_of(&d, "取組内容 No.19 市税等の収納率の向上", 0) > a);
	pager_doc_free(&d);
	store_sheet_free(s);
}

TEST(test_plan)
{
	struct browse_plan	*p = NULL;
	struct pager_doc	 d;
	char			*cause = NULL;
	size_t			 n = 0;
	long			 a;

	CHECK_INT(browse_plans(st, 2023, 2023, &p, &n, &cause), 0);
	CHECK_INT(n, 1);
	if (n != 1)
		return;
	fulltext_plan(&d, &p[0], FY_STYLE_ERA);
	CHECK_STR(d.title, "試験行革プラン");
	CHECK_STR(d.lines[0].text, "コード: y");
	CHECK(line_of(&d, "期間: 令和3年度〜令和7年度", 0) > 0);
	CHECK(line_of(&d, "団体: 試験市", 0) > 0);
	a = line_of(&d, "【計画の説明】", 0);
	CHECK(a > 0);
	CHECK(line_of(&d, "行政改革を進めるための計画。", 0) == a + 1);
	CHECK(line_of(&d, "第2段落は市民サービスの向上について。", 0) == a + 2);
	pager_doc_free(&d);
	free(p[0].description);
	p[0].description = xstrdup("");
	fulltext_plan(&d, &p[0], FY_STYLE_ERA);
	CHECK(line_of(&d, "（説明はありません）", 0) > 0);
	pager_doc_free(&d);
	browse_plans_free(p, n);
}

int
main(void)
{
	struct store_plan_row	*rows = NULL;
	size_t			 n = 0, i;
	char			*cause = NULL, *p;

	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "C.UTF-8 locale missing\n");
		return 1;
	}
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	p = xasprintf("%s/fulltext.db", dir);
	st = fixture_store(p, plan_text, NULL);
	free(p);
	if (st == NULL) {
		fprintf(stderr, "cannot load the test plan\n");
		return 1;
	}
	if (store_plan_list(st, &rows, &n, &cause) == 0 && n == 1)
		plan_id = rows[0].id;
	store_plan_rows_free(rows, n);
	free(cause);

	RUN(test_item);
	RUN(test_policy);
	RUN(test_plan);

	store_close(st);
	for (i = 0; i < 3; i++) {
		static const char *const f[] = { "fulltext.db", "fulltext.db-wal",
		    "fulltext.db-shm" };

		p = xasprintf("%s/%s", dir, f[i]);
		unlink(p);
		free(p);
	}
	rmdir(dir);
	DONE();
}
