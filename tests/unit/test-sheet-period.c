/*
 * The period a node's sheet, its full text and its line under the tree
 * give: the years the tree counts it in, each end its own, else the
 * nearest heading's above it, else the plan's, with a borrowed end said
 * so, an open end left open (令和7年度〜, never one year), and 定めなし
 * when nobody gives one (a plan may print no period). The tree's own
 * reckoning (browse_node_period) is checked to give the same years.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "harness.h"
#include "shisaku/fy.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-sheet.h"
#include "shisaku/store.h"
#include "shisaku/util.h"

static char dir[] = "/tmp/shisaku-test-sheet-period-XXXXXX";
static struct store *st;

/* np prints no period; wp runs 2021-2025. */
static const char plan_text[] =
    "shisaku-plan,1\n"
    "plan,np,期間のない計画,,,試験市,\n"
    "level,np,1,基本目標\n"
    "level,np,2,事業\n"
    "node,np,G1,,1,目標一,,,,,,\n"
    "node,np,A,G1,1-1,期間のない事業,,,,,,\n"
    "node,np,G2,,2,目標二,,R6～,,,,\n"
    "node,np,B,G2,2-1,上位の期間の事業,,,,,,\n"
    "node,np,C,G2,2-2,始まりだけの事業,,R7,,,,\n"
    "plan,wp,期間のある計画,2021,2025,試験市,\n"
    "level,wp,1,基本方針\n"
    "level,wp,2,取組\n"
    "node,wp,H1,,Ⅰ,方針一,,2022,,,,\n"
    "node,wp,D,H1,1,始まりは上位の取組,,,,,,\n"
    "node,wp,H2,,Ⅱ,方針二,,,,,,\n"
    "node,wp,E,H2,2,始まりが自分の取組,,2023,,,,\n"
    "node,wp,F,H2,3,計画期間の取組,,,,,,\n"
    "node,wp,G,H2,4,期間が自分の取組,,2021,2022,,,\n"
    "node,wp,K,H2,5,一年だけの取組,,2024,2024,,,\n";

/* The id of the plan (code NULL) or of its node printed code. */
static long long
id_of(const char *plan, const char *code)
{
	sqlite3_stmt	*s;
	long long	 id = 0;

	if (sqlite3_prepare_v2(store_db(st), code == NULL ?
	    "SELECT id FROM plan WHERE code = ?1" : "SELECT n.id FROM node n"
	    " JOIN plan p ON p.id = n.plan_id WHERE p.code = ?1"
	    " AND n.code = ?2", -1, &s, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(s, 1, plan, -1, SQLITE_STATIC);
	if (code != NULL)
		sqlite3_bind_text(s, 2, code, -1, SQLITE_STATIC);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return id;
}

/* The sheet's period of the node printed code in plan, in style. */
static char *
sheet_text(const char *plan, const char *code, enum fy_style style)
{
	struct sheet	*s = NULL;
	char		*cause = NULL, *t;

	if (store_sheet_load(st, id_of(plan, code), 2024, &s, &cause) != 0) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return xstrdup("(not read)");
	}
	t = sheet_period_text(s, style);
	store_sheet_free(s);
	return t;
}

#define CHECK_PERIOD(plan, code, style, want)				\
	do {								\
		char *got_ = sheet_text(plan, code, style);		\
		CHECK_STR(got_, want);					\
		free(got_);						\
	} while (0)

TEST(own_borrowed_and_none)
{
	/* Nobody gives an end. */
	CHECK_PERIOD("np", "1-1", FY_STYLE_ERA, "定めなし");
	CHECK_PERIOD("np", "1", FY_STYLE_ERA, "定めなし");
	/* A heading's open period, and one of the item's own. */
	CHECK_PERIOD("np", "2-1", FY_STYLE_ERA, "令和6年度〜（上位の期間）");
	CHECK_PERIOD("np", "2-2", FY_STYLE_ERA, "令和7年度〜");
	CHECK_PERIOD("np", "2", FY_STYLE_WESTERN, "2024年度〜");
	/* Ends from two places. */
	CHECK_PERIOD("wp", "1", FY_STYLE_ERA,
	    "令和4年度〜令和7年度（始まりは上位の期間、終わりは計画期間）");
	CHECK_PERIOD("wp", "2", FY_STYLE_ERA,
	    "令和5年度〜令和7年度（終わりは計画期間）");
	CHECK_PERIOD("wp", "3", FY_STYLE_BOTH,
	    "令和3(2021)年度〜令和7(2025)年度（計画期間）");
	CHECK_PERIOD("wp", "4", FY_STYLE_ERA, "令和3年度〜令和4年度");
	CHECK_PERIOD("wp", "5", FY_STYLE_ERA, "令和6年度");
	CHECK_PERIOD("wp", "Ⅰ", FY_STYLE_ERA,
	    "令和4年度〜令和7年度（終わりは計画期間）");
}

/* The tree counts each node in the years its sheet gives. */
TEST(tree_agrees)
{
	static const char *const plans[] = { "np", "wp" };
	struct browse_tree	*t = NULL;
	char			*cause = NULL, *span, *text;
	size_t			 i, k, checked = 0;
	int			 first, last;

	for (k = 0; k < 2; k++) {
		CHECK_INT(browse_tree_load(st, id_of(plans[k], NULL), 2024,
		    2026, &t, &cause), 0);
		if (t == NULL) {
			free(cause);
			return;
		}
		for (i = 0; i < t->nnodes; i++) {
			browse_node_period(t, &t->nodes[i], &first, &last);
			span = fy_format_span(first, last, FY_STYLE_ERA);
			text = sheet_text(plans[k], t->nodes[i].code,
			    FY_STYLE_ERA);
			/* The sheet's text begins with the same years. */
			CHECK_INT(strncmp(text, span, strlen(span)), 0);
			free(span);
			free(text);
			checked++;
		}
		browse_tree_free(t);
		t = NULL;
	}
	CHECK_INT((int)checked, 12);
}

int
main(void)
{
	char	*path;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	path = xasprintf("%s/period.db", dir);
	if ((st = fixture_store(path, plan_text, NULL)) == NULL) {
		free(path);
		return 1;
	}
	RUN(own_borrowed_and_none);
	RUN(tree_agrees);
	fixture_teardown(st, dir, path);
	DONE();
}
