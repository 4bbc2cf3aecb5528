/*
 * Unit tests for store-browse.c on a small plan loaded through the plan
 * file importer: the plans list and its counts for a fiscal year, "behind"
 * only once the year is due, the tree in depth-first printed order with
 * levels, flags and departments named as of the year, and the counting
 * under department, flag and status filters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fixture.h"
#include "harness.h"
#include "shisaku/config.h"
#include "shisaku/planfile.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-result.h"
#include "shisaku/store-user.h"
#include "shisaku/store.h"
#include "shisaku/util.h"
#include "tree-compare.h"

static char tmpdir[64];
static char dbpath[128];

/* Node A2 comes after B in the file but belongs under A: the tree must
 * still show it under A. Item 2 starts in 2023; item 4's department is
 * assigned from 2023; 収納課 was called 納税課 up to 2021. */
static const char plan_text[] =
	"shisaku-plan,1\n"
	"plan,t,テスト計画,2021,2025,テスト市,説明の文\n"
	"level,t,1,基本方針\n"
	"level,t,2,重点項目\n"
	"level,t,3,取組\n"
	"flag,t,leading,リーディング,★\n"
	"flag,t,key,重点事業,\n"
	"dept,T/総務課,総務課,テスト市,\n"
	"dept,T/収納課,収納課,テスト市,\n"
	"deptname,T/収納課,2021,納税課\n"
	"node,t,A,,Ⅰ,方針A,,,,,,\n"
	"node,t,A1,A,(1),項目A1,,,,,,\n"
	"node,t,1,A1,No.1,取組一,,,,,,\n"
	"node,t,2,A1,No.2,取組二,,2023,2025,,,\n"
	"node,t,B,,Ⅱ,方針B,,,,,,\n"
	"node,t,B1,B,(1),項目B1,,,,,,\n"
	"node,t,3,B1,No.3,マイナンバー取組,事業,,,,,\n"
	"node,t,A2,A,(2),項目A2,,,,,,\n"
	"node,t,4,A2,No.4,取組四,,,,,,\n"
	"mark,t,3,leading\n"
	"mark,t,1,key\n"
	"assign,t,1,T/総務課,1,,\n"
	"assign,t,2,T/総務課,1,,\n"
	"assign,t,2,T/収納課,0,,\n"
	"assign,t,3,T/収納課,1,,\n"
	"assign,t,4,T/総務課,1,2023,\n"
	"result,t,1,2022,完了,A,提出済,実績,,,u1,2023-04-10T09:00:00,,\n"
	"result,t,3,2022,実施中,,下書き,,,,u1,2023-04-10T09:00:00,,\n"
	"result,t,4,2022,完了,B,確認済,実績,,,u1,2023-04-10T09:00:00,"
	"u2,2023-05-01T10:00:00\n";

/*
 * A plan that prints no period. No.101 has a yearly plan for 2023-2024,
 * No.102 an indicator with a 2024 target and a final target for 2026,
 * No.103 nothing at all, No.104 a period of its own (2023); No.201 none,
 * but its 施策 has 2022-2030. Indicators: No.102's (no data in 2025),
 * No.201's (66% against 60% from 50%: achieved in 2025), the plan's own
 * (7 against at least 5: achieved) and a text one on 施策Q (no data).
 */
static const char plan_np_text[] =
	"shisaku-plan,1\n"
	"plan,np,期間のない計画,,,テスト市,\n"
	"level,np,1,施策\n"
	"level,np,2,取組\n"
	"flag,np,重点,重点,★\n"
	"node,np,P,,1,施策P,,,,,,\n"
	"node,np,1,P,101,年次計画のある取組,,,,,,\n"
	"node,np,2,P,102,目標値のある取組,,,,,,\n"
	"node,np,3,P,103,予定のない取組,,,,,,\n"
	"node,np,4,P,104,期間のある取組,,2023,2023,,,\n"
	"node,np,Q,,2,期間のある施策,,2022,2030,,,\n"
	"node,np,5,Q,201,施策の期間の取組,,,,,,\n"
	"yearplan,np,1,2023,2024,実施\n"
	"indicator,np,I2,2,件数,,件,増加,,10件,2022,20件,2026,,\n"
	"target,np,I2,2024,15件\n"
	"indicator,np,I5,5,率,,%,増加,,50%,2022,80%,2030,,\n"
	"target,np,I5,2025,60%\n"
	"actual,np,I5,2025,66%,\n"
	"indicator,np,IP,,計画の指標,,件,以上,,,,5件,2025,,\n"
	"actual,np,IP,2025,7件,\n"
	"indicator,np,IT,Q,文字の指標,,,,,,,実施,2025,,\n"
	"actual,np,IT,2025,実施,\n"
	"result,np,1,2024,完了,A,確認済,実績,,,u1,2025-04-10T09:00:00,"
	"u2,2025-05-01T10:00:00\n"
	"result,np,5,2025,実施中,B,提出済,実績,,,u1,2026-04-10T09:00:00,,\n"
	"mark,np,1,重点\nmark,np,2,重点\nmark,np,3,重点\nmark,np,4,重点\n"
	"mark,np,5,重点\n";

static struct store *
open_test_store(void)
{
	struct store	*st;
	struct config	*cfg;
	char		*cause = NULL;

	if ((cfg = config_load(NULL, &cause)) == NULL) {
		fprintf(stderr, "config_load: %s\n", cause);
		free(cause);
		return NULL;
	}
	st = fixture_store(dbpath, plan_text, cfg);
	config_free(cfg);
	return st;
}

/* The index of the node with the given code, or -1. */
static long
find(const struct browse_tree *t, const char *code)
{
	size_t	i;

	for (i = 0; i < t->nnodes; i++)
		if (strcmp(t->nodes[i].code, code) == 0)
			return (long)i;
	return -1;
}

static long long
plan_id(struct store *st)
{
	struct browse_plan	*p;
	size_t			 n;
	char			*cause = NULL;
	long long		 id = 0;

	if (browse_plans(st, 2022, 2025, &p, &n, &cause) == 0 && n == 1)
		id = p[0].id;
	free(cause);
	browse_plans_free(p, n);
	return id;
}

TEST(test_plans_counts)
{
	struct store		*st = open_test_store();
	struct browse_plan	*p = NULL;
	size_t			 n = 0;
	char			*cause = NULL, *name;

	CHECK(st != NULL);
	if (st == NULL)
		return;
	/* 2022 is over (today 2025): the draft counts as behind. */
	CHECK_INT(browse_plans(st, 2022, 2025, &p, &n, &cause), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK_STR(p[0].code, "t");
		CHECK_STR(p[0].name, "テスト計画");
		CHECK_STR(p[0].org, "テスト市");
		CHECK_INT(p[0].first_fy, 2021);
		CHECK_INT(p[0].last_fy, 2025);
		CHECK_INT(p[0].items, 3);	/* No.2 starts in 2023 */
		CHECK_INT(p[0].entered, 3);
		CHECK_INT(p[0].submitted, 1);
		CHECK_INT(p[0].confirmed, 1);
		CHECK_INT(p[0].returned, 0);
		CHECK_INT(p[0].behind, 1);
		CHECK_INT(browse_plan_progress(&p[0]), 66);
	}
	browse_plans_free(p, n);
	/* The current year is not due: nothing is behind yet. */
	CHECK_INT(browse_plans(st, 2022, 2022, &p, &n, &cause), 0);
	CHECK_INT(n == 1 ? p[0].behind : -1, 0);
	browse_plans_free(p, n);
	/* 2024: four items, nothing entered, all behind. */
	CHECK_INT(browse_plans(st, 2024, 2025, &p, &n, &cause), 0);
	if (n == 1) {
		CHECK_INT(p[0].items, 4);
		CHECK_INT(p[0].entered, 0);
		CHECK_INT(p[0].behind, 4);
		CHECK_INT(browse_plan_progress(&p[0]), 0);
	}
	browse_plans_free(p, n);
	/* Open for entry with its deadline ahead, 2024 is not due yet even
	 * though it is over: nothing is behind, as 自分の仕事 lists no late
	 * entry. Its deadline passed, all four are; open without one, over:
	 * all four. The current year open with its deadline passed: due. */
	CHECK_INT(store_user_put(st, "kikaku", "企画", ROLE_PLANNER, NULL, 0,
	    &cause), 0);
	CHECK_INT(store_year_set_open(st, 2024, 1, "kikaku", NULL, &cause), 0);
	{
		static const struct {
			const char	*deadline;
			int		 today_fy, behind;
		} cases[] = {
			{ "2999-06-30", 2025, 0 }, { "2000-06-30", 2025, 4 },
			{ "", 2025, 4 }, { "2000-06-30", 2024, 4 },
			{ "", 2024, 0 },
		};
		size_t	k;

		for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
			CHECK_INT(store_year_set_deadline(st, 2024,
			    cases[k].deadline, "kikaku", NULL, &cause), 0);
			CHECK_INT(browse_plans(st, 2024, cases[k].today_fy, &p,
			    &n, &cause), 0);
			CHECK_INT(n == 1 ? p[0].behind : -1, cases[k].behind);
			browse_plans_free(p, n);
		}
	}
	/* Outside the plan's period there are no items. */
	CHECK_INT(browse_plans(st, 2030, 2031, &p, &n, &cause), 0);
	if (n == 1) {
		CHECK_INT(p[0].items, 0);
		CHECK_INT(browse_plan_progress(&p[0]), -1);
	}
	name = browse_plan_name(st, n == 1 ? p[0].id : 0);
	CHECK_STR(name, "テスト計画");
	free(name);
	CHECK(browse_plan_name(st, 987654) == NULL);
	browse_plans_free(p, n);
	store_close(st);
}

TEST(test_tree_order_and_levels)
{
	struct store		*st = open_test_store();
	struct browse_tree	*t = NULL;
	char			*cause = NULL, buf[32];
	static const char *const order[] = {
		"Ⅰ", "(1)", "No.1", "No.2", "(2)", "No.4", "Ⅱ", "(1)", "No.3"
	};
	size_t			 i;
	long			 a, n3, n2;

	CHECK(st != NULL);
	if (st == NULL)
		return;
	CHECK_INT(browse_tree_load(st, plan_id(st), 2022, 2025, &t, &cause), 0);
	if (t == NULL) {
		fprintf(stderr, "%s\n", cause ? cause : "");
		free(cause);
		store_close(st);
		return;
	}
	CHECK_STR(t->plan_name, "テスト計画");
	CHECK_INT(t->max_depth, 3);
	CHECK_STR(t->levels[0], "基本方針");
	CHECK_STR(t->levels[2], "取組");
	CHECK_STR(t->levels[3], "");
	CHECK_INT(t->due, 1);
	CHECK_INT(t->nnodes, 9);
	for (i = 0; i < t->nnodes && i < 9; i++)
		CHECK_STR(t->nodes[i].code, order[i]);
	/* Parents and subtree ends in the depth-first order. */
	CHECK_INT(t->nodes[0].parent, -1);
	CHECK_INT(t->nodes[0].end, 6);
	CHECK_INT(t->nodes[1].end, 4);
	CHECK_INT(t->nodes[2].parent, 1);
	CHECK_INT(t->nodes[4].parent, 0);
	CHECK_INT(t->nodes[5].parent, 4);
	CHECK_INT(t->nodes[6].parent, -1);
	CHECK_INT(t->nodes[8].parent, 7);
	CHECK_INT(t->nodes[8].end, 9);
	CHECK(!t->nodes[0].is_item);
	CHECK(t->nodes[2].is_item);
	/* Level names: the node's label wins. */
	n3 = find(t, "No.3");
	CHECK_STR(browse_level_name(t, &t->nodes[n3], buf), "事業");
	CHECK_STR(browse_level_name(t, &t->nodes[0], buf), "基本方針");
	/* Flags as bits of the plan's flags. */
	CHECK_INT(t->nflags, 2);
	CHECK_STR(t->flags[0].symbol, "★");
	CHECK_STR(t->flags[1].symbol, "");
	CHECK(t->nodes[n3].flags == 1);
	CHECK(t->nodes[find(t, "No.1")].flags == 2);
	/* Results of the year. */
	CHECK_INT(t->nodes[find(t, "No.1")].state, BROWSE_STATE_SUBMITTED);
	CHECK_INT(t->nodes[find(t, "No.1")].status, BROWSE_STATUS_DONE);
	CHECK_INT(t->nodes[n3].state, BROWSE_STATE_DRAFT);
	CHECK_INT(t->nodes[n3].status, BROWSE_STATUS_IN_PROGRESS);
	n2 = find(t, "No.2");
	CHECK_INT(t->nodes[n2].state, BROWSE_STATE_NONE);
	CHECK(!t->nodes[n2].in_year);
	CHECK(browse_item_behind(t, &t->nodes[n3]));
	CHECK(!browse_item_behind(t, &t->nodes[n2]));
	/* Departments in force in 2022, named as then; main first marked. */
	CHECK_INT(t->ndepts, 2);
	CHECK_INT(t->nodes[n2].nassigns, 2);
	if (t->nodes[n2].nassigns == 2) {
		CHECK_STR(t->depts[t->nodes[n2].assigns[0].dept].name, "総務課");
		CHECK_INT(t->nodes[n2].assigns[0].is_main, 1);
		CHECK_INT(t->nodes[n2].assigns[1].is_main, 0);
	}
	CHECK_INT(t->nodes[find(t, "No.4")].nassigns, 0);	/* from 2023 */
	/* Counts without a filter. */
	a = 0;
	CHECK_INT(t->nodes[a].items, 2);
	CHECK_INT(t->nodes[a].entered, 2);
	CHECK_INT(t->nodes[a].submitted, 1);
	CHECK_INT(t->nodes[a].confirmed, 1);
	CHECK_INT(t->nodes[a].behind, 0);
	CHECK_INT(t->nodes[6].items, 1);
	CHECK_INT(t->nodes[6].behind, 1);
	for (i = 0; i < t->nnodes; i++)
		CHECK(t->nodes[i].shown);
	browse_tree_free(t);

	/* 2021: 収納課 was 納税課. */
	CHECK_INT(browse_tree_load(st, plan_id(st), 2021, 2025, &t, &cause), 0);
	if (t != NULL) {
		for (i = 0; i < t->ndepts; i++)
			if (strcmp(t->depts[i].code, "T/収納課") == 0)
				CHECK_STR(t->depts[i].name, "納税課");
		browse_tree_free(t);
	}
	/* Two nodes each the other's parent (written behind the store's
	 * back) are never reached from the top: dropped, the rest whole. */
	CHECK_INT(sqlite3_exec(store_db(st),
	    "INSERT INTO node (plan_id, parent_id, depth, key, ord, code,"
	    " title) SELECT plan_id, NULL, 1, 'X', 100, 'X', '輪X' FROM node"
	    " WHERE code = 'Ⅰ';"
	    "INSERT INTO node (plan_id, parent_id, depth, key, ord, code,"
	    " title) SELECT plan_id, id, 2, 'Y', 101, 'Y', '輪Y' FROM node"
	    " WHERE code = 'X';"
	    "UPDATE node SET parent_id = (SELECT id FROM node WHERE"
	    " code = 'Y') WHERE code = 'X';", NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(browse_tree_load(st, plan_id(st), 2022, 2025, &t, &cause), 0);
	if (t != NULL) {
		CHECK_INT(t->nnodes, 9);
		for (i = 0; i < t->nnodes && i < 9; i++)
			CHECK_STR(t->nodes[i].code, order[i]);
		CHECK(find(t, "X") < 0 && find(t, "Y") < 0);
		CHECK_INT(t->nodes[0].end, 6);
		CHECK_INT(t->nodes[8].parent, 7);
		browse_tree_free(t);
	}
	/* No such plan. */
	CHECK_INT(browse_tree_load(st, 424242, 2022, 2025, &t, &cause), -1);
	CHECK(t == NULL);
	CHECK(cause != NULL && strstr(cause, "見つかりません") != NULL);
	free(cause);
	store_close(st);
}

TEST(test_tree_filters)
{
	struct store		*st = open_test_store();
	struct browse_tree	*t = NULL;
	struct browse_filter	 f;
	char			*cause = NULL;
	size_t			 i, shown;
	long long		 shuno = 0;

	CHECK(st != NULL);
	if (st == NULL)
		return;
	CHECK_INT(browse_tree_load(st, plan_id(st), 2022, 2025, &t, &cause), 0);
	if (t == NULL) {
		free(cause);
		store_close(st);
		return;
	}
	for (i = 0; i < t->ndepts; i++)
		if (strcmp(t->depts[i].name, "収納課") == 0)
			shuno = t->depts[i].id;
	CHECK(shuno != 0);

	/* Department: No.2 (not in 2022, still shown) and No.3. */
	memset(&f, 0, sizeof f);
	f.flag = -1;
	f.dept_id = shuno;
	browse_tree_count(t, &f);
	CHECK(t->nodes[find(t, "No.2")].shown);
	CHECK(t->nodes[find(t, "No.3")].shown);
	CHECK(!t->nodes[find(t, "No.1")].shown);
	CHECK(!t->nodes[find(t, "No.4")].shown);
	CHECK(!t->nodes[find(t, "(2)")].shown);
	CHECK(t->nodes[0].shown);		/* above No.2 */
	CHECK_INT(t->nodes[0].items, 0);	/* No.2 is not in 2022 */
	CHECK_INT(t->nodes[6].items, 1);
	CHECK_INT(t->nodes[6].behind, 1);

	/* Flag ★: only No.3 and the way to it. */
	memset(&f, 0, sizeof f);
	f.flag = 0;
	browse_tree_count(t, &f);
	for (i = 0, shown = 0; i < t->nnodes; i++)
		shown += t->nodes[i].shown;
	CHECK_INT(shown, 3);
	CHECK(t->nodes[find(t, "No.3")].shown);

	/* Status: behind, missing, done. */
	memset(&f, 0, sizeof f);
	f.flag = -1;
	f.which = BROWSE_BEHIND;
	browse_tree_count(t, &f);
	CHECK(t->nodes[find(t, "No.3")].shown);
	CHECK(!t->nodes[find(t, "No.1")].shown);
	CHECK_INT(t->nodes[6].behind, 1);
	f.which = BROWSE_MISSING;
	browse_tree_count(t, &f);
	for (i = 0, shown = 0; i < t->nnodes; i++)
		shown += t->nodes[i].shown;
	CHECK_INT(shown, 0);	/* No.2 is missing but not in the year */
	f.which = BROWSE_DONE;
	browse_tree_count(t, &f);
	CHECK(t->nodes[find(t, "No.1")].shown);
	CHECK(t->nodes[find(t, "No.4")].shown);
	CHECK(!t->nodes[find(t, "No.3")].shown);
	CHECK_INT(t->nodes[0].items, 2);
	CHECK_STR(browse_which_label(BROWSE_BEHIND), "遅れ");
	CHECK_STR(browse_which_label(BROWSE_WHICH_COUNT), "");

	/* No filter again: everything back. */
	browse_tree_count(t, NULL);
	for (i = 0, shown = 0; i < t->nnodes; i++)
		shown += t->nodes[i].shown;
	CHECK_INT(shown, 9);
	browse_tree_free(t);
	store_close(st);
}

static struct store *
open_np_store(void)
{
	struct store	*st;
	struct config	*cfg;
	char		*cause = NULL;

	if ((cfg = config_load(NULL, &cause)) == NULL) {
		fprintf(stderr, "config_load: %s\n", cause);
		free(cause);
		return NULL;
	}
	st = fixture_store(dbpath, plan_np_text, cfg);
	config_free(cfg);
	return st;
}

/* The plan's tree for fy (today 2026), or NULL. */
static struct browse_tree *
np_tree(struct store *st, int fy)
{
	struct browse_tree	*t = NULL;
	char			*cause = NULL;

	if (browse_tree_load(st, plan_id(st), fy, 2026, &t, &cause) != 0) {
		fprintf(stderr, "%s\n", cause != NULL ? cause : "");
		free(cause);
		return NULL;
	}
	return t;
}

/* Which items of the tree are behind, as their codes ("101 104 "). */
static void
behind_codes(const struct browse_tree *t, char *buf, size_t size)
{
	size_t	i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < t->nnodes; i++)
		if (browse_item_behind(t, &t->nodes[i]) && len + 8 < size)
			len += (size_t)snprintf(buf + len, size - len, "%s ",
			    t->nodes[i].code);
}

/* The first column of the first row of sql, or 0. */
static long long
q_id(struct store *st, const char *sql)
{
	sqlite3_stmt	*s;
	long long	 v = 0;

	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/* The node of a tree with this id, or -1. */
static long
find_id(const struct browse_tree *t, long long id)
{
	size_t	i;

	for (i = 0; i < t->nnodes; i++)
		if (t->nodes[i].id == id)
			return (long)i;
	return -1;
}

/*
 * A tree read for a filter reads of its nodes what the counts ask for,
 * and the rest when they are shown (browse_tree_fresh): their texts, an
 * item's flags. The indicators' outcomes a tree before it read of its
 * headings come with it when nothing was written between.
 */
TEST(test_filter_reads_what_is_shown)
{
	struct store		*st = open_test_store();
	struct browse_tree	*t = NULL, *view = NULL;
	struct browse_filter	 f;
	static const char *const scale[] = { "A", "B", "C", "D" };
	char			*cause = NULL;
	long long		 no3, heading;
	long			 i, at;

	CHECK(st != NULL);
	if (st == NULL)
		return;
	no3 = q_id(st, "SELECT id FROM node WHERE code = 'No.3'");
	heading = q_id(st, "SELECT id FROM node WHERE code = 'Ⅱ'");
	memset(&f, 0, sizeof f);
	f.flag = -1;
	f.dept_id = q_id(st, "SELECT id FROM department"
	    " WHERE name = '収納課'");
	CHECK_INT(browse_tree_filtered(st, plan_id(st), 2022, 2025, scale, 4,
	    &f, &t, &cause), 0);
	if (t == NULL)
		goto out;
	at = find_id(t, no3);
	CHECK(at >= 0);
	if (at < 0)
		goto out;
	/* No.3 (収納課, リーディング) is counted before it is shown... */
	CHECK(t->nodes[at].title == NULL);
	CHECK_INT(t->nodes[at].flags, 0);
	CHECK_INT(t->nodes[find_id(t, heading)].items, 1);
	CHECK(t->nodes[find_id(t, heading)].title == NULL);
	/* ...and read whole when it is, as the heading above it. */
	CHECK_INT(fresh_all(st, t), 0);
	CHECK_STR(t->nodes[at].title, "マイナンバー取組");
	CHECK_STR(t->nodes[at].code, "No.3");
	CHECK_INT(t->nodes[at].flags, 1);	/* リーディング, the first */
	CHECK_INT(t->nodes[at].nassigns, 1);
	CHECK_STR(t->nodes[find_id(t, heading)].title, "方針B");
	CHECK_INT(t->nodes[find_id(t, heading)].items, 1);

	/* The outcomes the tree before read of its headings come along. */
	CHECK_INT(browse_tree_view(st, plan_id(st), 2022, 2025, scale, 4,
	    BROWSE_ANY, NULL, 0, &view, &cause), 0);
	if (view == NULL)
		goto out;
	/* (The tree as shown reads its children below the top level the
	 * same way: 項目B1 without its texts until it is shown.) */
	i = find_id(view, q_id(st, "SELECT id FROM node WHERE key = 'B1'"));
	CHECK(i >= 0);
	if (i >= 0) {
		CHECK(view->nodes[i].title == NULL);
		CHECK_INT(browse_tree_fresh(st, view, &i, 1, &cause), 0);
		CHECK_STR(view->nodes[i].title, "項目B1");
	}
	i = find_id(view, heading);
	CHECK(i >= 0);
	if (i >= 0)
		CHECK_INT(browse_node_outcomes(st, view, &view->nodes[i],
		    &cause), 0);
	CHECK_INT((long)view->nomemo, 1);
	CHECK_INT((long)t->nomemo, 0);
	browse_tree_copy_outcomes(t, view);
	CHECK_INT((long)t->nomemo, 1);
	CHECK_INT((long)view->nomemo, 1);	/* copied, not taken */
	if (t->nomemo == 1)
		CHECK(t->omemo[0].node_id == heading &&
		    t->omemo[0].fy == 2022);
	/* (Not into a tree that has its own.) */
	view->omemo[0].fy = 1999;
	browse_tree_copy_outcomes(t, view);
	CHECK(t->nomemo == 1 && t->omemo[0].fy == 2022);
out:
	browse_tree_free(view);
	browse_tree_free(t);
	free(cause);
	store_close(st);
}

TEST(test_behind_without_a_period)
{
	struct store		*st = open_np_store();
	struct browse_tree	*t;
	struct browse_plan	*p = NULL;
	size_t			 n = 0;
	char			*cause = NULL, codes[128];
	int			 fy;
	static const struct {
		int		 fy;
		long		 items;
		const char	*behind;
	} years[] = {
		/* 2023: a yearly plan, a period of its own, its 施策's. */
		{ 2023, 5, "101 104 201 " },
		/* 2024: No.101 confirmed; No.102's target; No.104 over. */
		{ 2024, 4, "102 201 " },
		/* 2025: nothing planned but No.201, which is submitted. */
		{ 2025, 4, "" },
	};
	size_t			 k;

	CHECK(st != NULL);
	if (st == NULL)
		return;
	for (k = 0; k < sizeof years / sizeof years[0]; k++) {
		fy = years[k].fy;
		if ((t = np_tree(st, fy)) == NULL) {
			CHECK(0);
			continue;
		}
		behind_codes(t, codes, sizeof codes);
		CHECK_STR(codes, years[k].behind);
		/* Items plan nothing but are still the plan's items. */
		CHECK_INT(t->nodes[0].items + t->nodes[t->nodes[0].end].items,
		    years[k].items);
		browse_tree_free(t);
		/* The plans list counts the same. */
		CHECK_INT(browse_plans(st, fy, 2026, &p, &n, &cause), 0);
		CHECK_INT(n == 1 ? p[0].items : -1, years[k].items);
		CHECK_INT(n == 1 ? p[0].behind : -1,
		    (long)(strlen(years[k].behind) / 4));
		browse_plans_free(p, n);
	}
	/* No.103 plans nothing in any year. */
	if ((t = np_tree(st, 2023)) != NULL) {
		long i103 = find(t, "103");

		CHECK(t->nodes[i103].in_year);
		CHECK(!t->nodes[i103].planned);
		CHECK(t->nodes[find(t, "101")].planned);
		browse_tree_free(t);
	}
	/* 2031 is outside 施策Q's period: No.201 is not in the year. */
	if ((t = np_tree(st, 2031)) != NULL) {
		CHECK(!t->nodes[find(t, "201")].in_year);
		CHECK(t->nodes[find(t, "103")].in_year);
		browse_tree_free(t);
	}
	/* The current year, 2026, is due once closed: No.102's final
	 * target and No.201's period, nothing else. */
	if ((t = np_tree(st, 2026)) != NULL) {
		behind_codes(t, codes, sizeof codes);
		CHECK_STR(codes, "");
		browse_tree_free(t);
	}
	CHECK_INT(store_user_put(st, "kikaku", "企画", ROLE_PLANNER, NULL, 0,
	    &cause), 0);
	CHECK_INT(store_year_set_open(st, 2026, 1, "kikaku", NULL, &cause), 0);
	CHECK_INT(store_year_set_open(st, 2026, 0, "kikaku", NULL, &cause), 0);
	if ((t = np_tree(st, 2026)) != NULL) {
		behind_codes(t, codes, sizeof codes);
		CHECK_STR(codes, "102 201 ");
		browse_tree_free(t);
	}
	free(cause);
	store_close(st);
}

/* Items of the tree t read for a flag with the same period, plans and
 * result as in whole (the tree read whole): 0, or how many differ. */
static int
filtered_as_whole(const struct browse_tree *t, const struct browse_tree *whole)
{
	size_t	i;
	long	w;
	int	bad = 0;

	for (i = 0; i < t->nnodes; i++) {
		const struct browse_node *n = &t->nodes[i];

		if (!n->is_item)
			continue;
		if ((w = find_id(whole, n->id)) < 0 ||
		    n->planned != whole->nodes[w].planned ||
		    n->in_year != whole->nodes[w].in_year ||
		    n->state != whole->nodes[w].state ||
		    n->status != whole->nodes[w].status ||
		    strcmp(n->grade != NULL ? n->grade : "",
		    whole->nodes[w].grade != NULL ? whole->nodes[w].grade :
		    "") != 0) {
			fprintf(stderr, "fy %d: item %s planned %d in_year %d"
			    " state %d status %d\n", t->fy,
			    n->code != NULL ? n->code : "?", n->planned,
			    n->in_year, (int)n->state, (int)n->status);
			bad++;
		}
	}
	return bad;
}

/*
 * A filter of a plan without a period: in a year not due (nothing is
 * behind) whether an item plans the year is read when the item is
 * shown, not for every item the filter names; in a due year with the
 * filter, for 遅れ, but of an item submitted or confirmed when shown.
 * Either way each item comes out as in the tree read whole.
 */
/* How many results of any plan year fy has in st's file. */
static long
year_results(struct store *st, int fy)
{
	sqlite3_stmt	*s;
	long		 n = -1;

	if (sqlite3_prepare_v2(store_db(st), "SELECT count(*) FROM result"
	    " WHERE fy = ?1", -1, &s, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int(s, 1, fy);
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

TEST(test_filter_without_a_period)
{
	struct store		*st = open_np_store();
	struct browse_tree	*t = NULL, *whole;
	struct browse_filter	 f;
	static const char *const scale[] = { "A", "B", "C", "D" };
	char			*cause = NULL, codes[128];
	int			 fy;

	CHECK(st != NULL);
	if (st == NULL)
		return;
	memset(&f, 0, sizeof f);
	f.flag = 0;	/* 重点, on every item */
	f.which = BROWSE_ANY;
	/* Years with results and a year without any, which the filter
	 * reads without looking up results: both agree with the whole. */
	CHECK(year_results(st, 2024) > 0);
	CHECK_INT(year_results(st, 2027), 0);
	for (fy = 2023; fy <= 2027; fy++) {
		if ((whole = np_tree(st, fy)) == NULL) {
			CHECK(0);
			continue;
		}
		CHECK_INT(browse_tree_filtered(st, plan_id(st), fy, 2026, scale,
		    4, &f, &t, &cause), 0);
		if (t == NULL) {
			browse_tree_free(whole);
			continue;
		}
		/* 2023-2025 have ended: due. 2026 and after are not. */
		CHECK_INT(t->due, fy <= 2025);
		CHECK_INT(t->planned_later, fy > 2025);
		if (fy == 2026) {
			/* No.102's final target is of 2026: not read yet. */
			CHECK(whole->nodes[find(whole, "102")].planned);
			CHECK(!t->nodes[find_id(t,
			    whole->nodes[find(whole, "102")].id)].planned);
		}
		if (fy == 2024) {
			/* Due, but No.101's result is confirmed: never
			 * behind, so its yearly plan is read when shown. */
			CHECK(whole->nodes[find(whole, "101")].planned);
			CHECK(!t->nodes[find_id(t,
			    whole->nodes[find(whole, "101")].id)].planned);
		}
		CHECK_INT(fresh_all(st, t), 0);
		CHECK_INT(filtered_as_whole(t, whole), 0);
		browse_tree_count(t, &f);
		behind_codes(t, codes, sizeof codes);
		{
			char	want[128];

			behind_codes(whole, want, sizeof want);
			CHECK_STR(codes, want);
		}
		browse_tree_free(t);
		t = NULL;
		browse_tree_free(whole);
	}
	/* 2026 closed is due: read with the filter, and No.102 and No.201
	 * are behind in it too. */
	CHECK_INT(store_user_put(st, "kikaku", "企画", ROLE_PLANNER, NULL, 0,
	    &cause), 0);
	CHECK_INT(store_year_set_open(st, 2026, 1, "kikaku", NULL, &cause), 0);
	CHECK_INT(store_year_set_open(st, 2026, 0, "kikaku", NULL, &cause), 0);
	CHECK_INT(browse_tree_filtered(st, plan_id(st), 2026, 2026, scale, 4,
	    &f, &t, &cause), 0);
	if (t != NULL) {
		CHECK_INT(t->planned_later, 0);
		CHECK_INT(fresh_all(st, t), 0);
		browse_tree_count(t, &f);
		behind_codes(t, codes, sizeof codes);
		CHECK_STR(codes, "102 201 ");
		browse_tree_free(t);
	}
	free(cause);
	store_close(st);
}

TEST(test_year_figures)
{
	struct store		*st = open_np_store();
	struct browse_tree	*t;
	struct browse_plan	*p = NULL;
	const struct progress_summary *sp, *sq;
	static const char *const scale[] = { "A", "B", "C", "D" };
	size_t			 n = 0;
	char			*cause = NULL;

	CHECK(st != NULL);
	if (st == NULL || (t = np_tree(st, 2025)) == NULL) {
		if (st != NULL)
			store_close(st);
		return;
	}
	CHECK(browse_node_summary(t, &t->nodes[0]) == NULL);	/* not yet */
	browse_tree_summarize(t, scale, 4);
	/* The whole plan: four items, one submitted with B; two of four
	 * indicators achieved, the plan's own among them. */
	CHECK_INT(t->total.items, 4);
	CHECK_INT(t->total.behind, 0);
	CHECK_INT(t->total.by_state[SUMMARY_STATE_NONE], 3);
	CHECK_INT(t->total.by_state[SUMMARY_STATE_SUBMITTED], 1);
	CHECK_INT(t->total.by_status[SUMMARY_STATUS_IN_PROGRESS], 1);
	CHECK_INT(t->total.by_status[SUMMARY_STATUS_NONE], 3);
	CHECK_INT(t->total.by_grade[1], 1);
	CHECK_INT(t->total.grade_none, 3);
	CHECK_INT(t->total.indicators, 4);
	CHECK_INT(t->total.by_outcome[SUMMARY_ACHIEVED], 2);
	CHECK_INT(t->total.by_outcome[SUMMARY_NOT_ACHIEVED], 0);
	CHECK_INT(t->total.by_outcome[SUMMARY_NO_DATA], 2);
	/* 施策P: three items, No.102's indicator without data. */
	sp = browse_node_summary(t, &t->nodes[find(t, "1")]);
	CHECK(sp != NULL);
	if (sp != NULL) {
		CHECK_INT(sp->items, 3);
		CHECK_INT(sp->indicators, 1);
		CHECK_INT(sp->by_outcome[SUMMARY_NO_DATA], 1);
	}
	/* 施策Q: No.201 and its achieved indicator, its own text one. */
	sq = browse_node_summary(t, &t->nodes[find(t, "2")]);
	CHECK(sq != NULL);
	if (sq != NULL) {
		CHECK_INT(sq->items, 1);
		CHECK_INT(sq->by_state[SUMMARY_STATE_SUBMITTED], 1);
		CHECK_INT(sq->by_grade[1], 1);
		CHECK_INT(sq->indicators, 2);
		CHECK_INT(sq->by_outcome[SUMMARY_ACHIEVED], 1);
		CHECK_INT(sq->by_outcome[SUMMARY_NO_DATA], 1);
	}
	CHECK(browse_node_summary(t, &t->nodes[find(t, "201")]) == NULL);
	/* A filter does not change the figures. */
	{
		struct browse_filter f;

		memset(&f, 0, sizeof f);
		f.flag = -1;
		f.which = BROWSE_SUBMITTED;
		browse_tree_count(t, &f);
		CHECK_INT(browse_node_summary(t, &t->nodes[0])->items, 3);
	}

	/* The screen's tree reads a heading's indicators only when asked,
	 * and then gives it the same figures. */
	{
		struct browse_tree	*lz = NULL;
		const char		*codes[] = { "1", "2" };
		size_t			 k;
		long			 at;

		CHECK_INT(browse_tree_open(st, plan_id(st), 2025, 2026, &lz,
		    &cause), 0);
		if (lz != NULL) {
			browse_tree_summarize(lz, scale, 4);
			CHECK_INT(lz->noutcomes, 0);
			at = find(lz, "2");
			CHECK_INT(browse_node_summary(lz, &lz->nodes[at])->indicators,
			    0);
			for (k = 0; k < 2; k++) {
				at = find(lz, codes[k]);
				CHECK_INT(browse_node_outcomes(st, lz, &lz->nodes[at],
				    &cause), 0);
				/* Asked again: not counted twice. */
				CHECK_INT(browse_node_outcomes(st, lz, &lz->nodes[at],
				    &cause), 0);
				CHECK(memcmp(browse_node_summary(lz, &lz->nodes[at]),
				    browse_node_summary(t, &t->nodes[find(t,
				    codes[k])]), sizeof(struct progress_summary))
				    == 0);
			}
			/* An item has no figures of its own to add to. */
			CHECK_INT(browse_node_outcomes(st, lz,
			    &lz->nodes[find(lz, "201")], &cause), 0);
			browse_tree_free(lz);
		}
	}

	/* The plans list gives the plan the same figures. */
	CHECK_INT(browse_plans_scaled(st, 2025, 2026, scale, 4, &p, &n,
	    &cause), 0);
	CHECK_INT(n, 1);
	if (n == 1) {
		CHECK(memcmp(&p[0].sum, &t->total, sizeof t->total) == 0);
		CHECK_INT(p[0].sum.by_grade[1], 1);
		CHECK_INT(p[0].sum.by_outcome[SUMMARY_ACHIEVED], 2);
	}
	browse_plans_free(p, n);
	/* Another year read into the same tree is the tree read for it. */
	{
		struct browse_tree	*y = np_tree(st, 2025), *want;
		size_t			 i, k;

		want = np_tree(st, 2024);
		CHECK(y != NULL && want != NULL);
		if (y != NULL && want != NULL) {
			CHECK_INT(browse_tree_year(st, y, 2024, 2026, &cause), 0);
			browse_tree_summarize(y, scale, 4);
			browse_tree_summarize(want, scale, 4);
			CHECK_INT(y->fy, 2024);
			CHECK_INT(y->due, want->due);
			CHECK_INT(y->nnodes, want->nnodes);
			CHECK_INT(y->ndepts, want->ndepts);
			for (k = 0; k < y->ndepts && k < want->ndepts; k++) {
				CHECK(y->depts[k].id == want->depts[k].id);
				CHECK_STR(y->depts[k].name, want->depts[k].name);
			}
			CHECK_INT(y->noutcomes, want->noutcomes);
			for (i = 0; i < y->nnodes && i < want->nnodes; i++) {
				const struct browse_node *a = &y->nodes[i];
				const struct browse_node *b = &want->nodes[i];

				CHECK(a->id == b->id);
				CHECK_INT(a->state, b->state);
				CHECK_INT(a->status, b->status);
				CHECK_INT(a->in_year, b->in_year);
				CHECK_INT(a->planned, b->planned);
				CHECK_INT(a->items, b->items);
				CHECK_INT(a->behind, b->behind);
				CHECK_INT(a->nassigns, b->nassigns);
				CHECK((a->grade == NULL) == (b->grade == NULL));
				for (k = 0; k < a->nassigns && k < b->nassigns; k++)
					CHECK_INT(a->assigns[k].dept, b->assigns[k].dept);
				if (!a->is_item)
					CHECK(memcmp(browse_node_summary(y, a),
					    browse_node_summary(want, b),
					    sizeof(struct progress_summary)) == 0);
			}
			CHECK(memcmp(&y->total, &want->total, sizeof y->total) == 0);
		}
		browse_tree_free(y);
		browse_tree_free(want);
	}

	/* 2024: No.101 confirmed with A; No.102's target of 15 not met. */
	browse_tree_free(t);
	if ((t = np_tree(st, 2024)) != NULL) {
		browse_tree_summarize(t, scale, 4);
		CHECK_INT(t->total.by_state[SUMMARY_STATE_CONFIRMED], 1);
		CHECK_INT(t->total.by_status[SUMMARY_STATUS_DONE], 1);
		CHECK_INT(t->total.by_grade[0], 1);
		CHECK_INT(t->total.behind, 2);
		CHECK_INT(t->total.by_outcome[SUMMARY_NO_DATA], 4);
		browse_tree_free(t);
	}
	free(cause);
	store_close(st);
}

/* A plan of one policy of 2,500 items between two policies of one or
 * two, for the children read a part at a time. */
static char *
wide_text(void)
{
	char	*text = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&text, &len);
	int	 i;

	fputs("shisaku-plan,1\n"
	    "plan,w,広い計画,2023,2025,県,\n"
	    "level,w,1,基本方針\nlevel,w,2,取組\n"
	    "flag,w,lead,重点,◆\n"
	    "node,w,p0,,0,前の方針,,,,,,\n"
	    "node,w,a1,p0,0-1,前の取組1,,,,,,\n"
	    "node,w,a2,p0,0-2,前の取組2,,,,,,\n"
	    "node,w,p1,,1,広い方針,,,,,,\n", f);
	/* Out of key order: the tree's order is the file's (ord). */
	for (i = 2500; i >= 1; i--)
		fprintf(f, "node,w,x%d,p1,1-%d,取組%d,,,,,,\n", i, 2501 - i,
		    2501 - i);
	fputs("mark,w,x2500,lead\n"
	    "node,w,p2,,2,次の方針,,,,,,\nnode,w,y1,p2,2-1,次の取組,,,,,,\n",
	    f);
	fclose(f);
	return text;
}

/* The ids sql names, in its order, into want (room for 2,500); how
 * many. */
static size_t
ids_in_sql(struct store *st, const char *sql, long long *want)
{
	sqlite3_stmt	*s;
	size_t		 n = 0;

	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return 0;
	while (sqlite3_step(s) == SQLITE_ROW && n < 2500)
		want[n++] = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return n;
}

/* The ids of p1's children in their order, in plain SQL. */
static size_t
p1_children(struct store *st, long long *want)
{
	return ids_in_sql(st, "SELECT c.id FROM node c"
	    " JOIN node p ON p.id = c.parent_id WHERE p.key = 'p1'"
	    " ORDER BY c.ord, c.id", want);
}

/* The end of a test of a tree: the cause said if any, what is held let
 * go. */
static void
tree_test_end(struct store *st, struct browse_tree *t, char *cause)
{
	if (cause != NULL)
		fprintf(stderr, "  cause: %s\n", cause);
	free(cause);
	browse_tree_free(t);
	if (st != NULL)
		store_close(st);
}

/* The ids of p1's children read into t, in order; 0 when they are not
 * its children one after the other. */
static size_t
kids_in_tree(const struct browse_tree *t, long p, long long *out)
{
	long	c;
	size_t	n = 0;

	for (c = p + 1; c < t->nodes[p].end; c = t->nodes[c].end) {
		if (t->nodes[c].parent != p)
			return 0;
		out[n++] = t->nodes[c].id;
	}
	return n;
}

/* The index the first gap among p's children (-1: the top level's) is
 * at, or -1 when they are all read. */
static long
first_gap_at(const struct browse_tree *t, long p)
{
	struct browse_gap	g;

	return browse_first_gap(t, p, &g) ? browse_gap_index(t, &g) : -1;
}

/* Reads a part of the first gap among p's children from side dir, as a
 * screen does: how many were read (0: none left), or -1. */
static long
more_first_gap(struct store *st, struct browse_tree *t, long p, int dir,
    char **cause)
{
	struct browse_gap	g;

	if (!browse_first_gap(t, p, &g))
		return 0;
	return browse_tree_more(st, t, &g, dir, cause);
}

/* Reads p1's children as the screen does in each order of parts given
 * (+1 after the first, -1 before the last), and checks them against the
 * children's order in the file, and the tree's indices. */
static void
parts_in_order(struct store *st, long long plan, const int *dirs,
    size_t ndirs, const long long *want, size_t nwant)
{
	struct browse_tree	*t = NULL;
	long long		*got = xcalloc(nwant + 1, sizeof *got);
	char			*cause = NULL;
	long			 p, q;
	size_t			 i, n;

	CHECK_INT(browse_tree_view(st, plan, 2024, 2024, NULL, 0, BROWSE_ANY,
	    NULL, 0, &t, &cause), 0);
	if (t == NULL)
		goto out;
	p = find_id(t, q_id(st, "SELECT id FROM node WHERE key = 'p1'"));
	CHECK(p >= 0);
	if (p < 0)
		goto out;
	CHECK_INT(browse_tree_expand(st, t, p, &cause), 1000);
	CHECK_INT(t->nodes[p].more, 1);
	CHECK_INT(first_gap_at(t, p), p + 1 + 1000);
	for (i = 0; i < ndirs; i++)
		CHECK(more_first_gap(st, t, p, dirs[i], &cause) > 0);
	/* What is left, from the first side. */
	while (first_gap_at(t, p) >= 0)
		if (more_first_gap(st, t, p, 1, &cause) <= 0)
			break;
	CHECK_INT(t->nodes[p].more, 0);
	CHECK_INT(first_gap_at(t, p), -1);
	n = kids_in_tree(t, p, got);
	CHECK_INT(n, nwant);
	for (i = 0; i < n && i < nwant; i++)
		if (got[i] != want[i]) {
			FAIL_AT("child %zu: %lld, want %lld", i, got[i], want[i]);
			break;
		}
	/* The second policy after them, its parent and end right. */
	q = find_id(t, q_id(st, "SELECT id FROM node WHERE key = 'p2'"));
	CHECK_INT(q, t->nodes[p].end);
	if (q >= 0) {
		CHECK_INT(t->nodes[q].parent, -1);
		CHECK_INT(t->nodes[p].end, p + 1 + 2500);
	}
out:
	free(got);
	free(cause);
	browse_tree_free(t);
}

TEST(test_children_in_parts)
{
	static const int fwd[] = { 1 }, back[] = { -1 };
	static const int both[] = { 1, -1 };
	struct store		*st;
	struct browse_tree	*t = NULL;
	long long		*want = xcalloc(2501, sizeof *want), plan, id;
	char			*text = wide_text(), *cause = NULL;
	size_t			 n = 0;
	long			 p, i;

	st = fixture_store(dbpath, text, NULL);
	free(text);
	CHECK(st != NULL);
	if (st == NULL) {
		free(want);
		return;
	}
	plan = plan_id(st);
	/* The children's order, in plain SQL. */
	n = p1_children(st, want);
	CHECK_INT(n, 2500);

	parts_in_order(st, plan, NULL, 0, want, n);
	parts_in_order(st, plan, fwd, 1, want, n);
	parts_in_order(st, plan, back, 1, want, n);
	parts_in_order(st, plan, both, 2, want, n);

	/* A node in the part not read is found where it stands: a part
	 * from it on (the 800 children to the end), after the first part
	 * read and a gap of the 700 between; the gap read from either
	 * side, every child is there once, in order; and its flag (read
	 * when shown) with it. */
	CHECK_INT(browse_tree_view(st, plan, 2024, 2024, NULL, 0, BROWSE_ANY,
	    NULL, 0, &t, &cause), 0);
	if (t != NULL) {
		id = want[1700];
		CHECK_INT(browse_tree_find(st, t, id, &i, &cause), 0);
		CHECK(i > 0 && t->nodes[i].id == id);
		p = find_id(t, q_id(st, "SELECT id FROM node WHERE key = 'p1'"));
		CHECK(p >= 0 && i == p + 1 + 1000);
		if (p >= 0) {
			long long	*got = xcalloc(2501, sizeof *got);
			size_t		 k;

			CHECK_INT(t->nodes[p].end, p + 1 + 1000 + 800);
			CHECK_INT(t->nodes[p].more, 0);
			CHECK_INT(first_gap_at(t, p), i);
			/* (Read as the cursor comes from below: 700 left.) */
			CHECK_INT(more_first_gap(st, t, p, -1, &cause), 700);
			CHECK_INT(first_gap_at(t, p), -1);
			k = kids_in_tree(t, p, got);
			CHECK_INT(k, 2500);
			CHECK(k == 2500 && memcmp(got, want, k * sizeof *got) ==
			    0);
			free(got);
		}
		id = want[0];
		CHECK_INT(browse_tree_find(st, t, id, &i, &cause), 0);
		if (i > 0) {
			CHECK_INT(browse_tree_fresh(st, t, &i, 1, &cause), 0);
			CHECK(t->nodes[i].flags != 0);
			CHECK_STR(t->nodes[i].title, "取組1");
		}
		browse_tree_free(t);
	}
	free(cause);
	free(want);
	store_close(st);
}

/*
 * A policy read in part, the gap in the middle of its children, through
 * a change of year: the policy before it shown closed is forgotten
 * below (browse_view_unload), every index after it moves, and the gap
 * with them; the rest read afterwards still falls in order.
 */
TEST(test_parts_through_a_year)
{
	struct store		*st;
	struct browse_tree	*t = NULL;
	long long		*want = xcalloc(2501, sizeof *want);
	long long		*got = xcalloc(2501, sizeof *got);
	char			*text = wide_text(), *cause = NULL;
	size_t			 before;
	long			 p0, p;

	st = fixture_store(dbpath, text, NULL);
	free(text);
	CHECK(st != NULL);
	if (st == NULL)
		goto out;
	CHECK_INT(p1_children(st, want), 2500);
	CHECK_INT(browse_tree_view(st, plan_id(st), 2024, 2024, NULL, 0,
	    BROWSE_ANY, NULL, 0, &t, &cause), 0);
	if (t == NULL)
		goto out;
	/* The small policy first is opened with the tree; then shown
	 * closed. The large one opened, its last part read. */
	p0 = find_id(t, q_id(st, "SELECT id FROM node WHERE key = 'p0'"));
	CHECK(p0 >= 0 && t->nodes[p0].loaded && t->nodes[p0].end == p0 + 3);
	if (p0 < 0)
		goto out;
	t->nodes[p0].expanded = 0;
	p = find_id(t, q_id(st, "SELECT id FROM node WHERE key = 'p1'"));
	CHECK_INT(browse_tree_expand(st, t, p, &cause), 1000);
	t->nodes[p].expanded = 1;
	CHECK_INT(more_first_gap(st, t, p, -1, &cause), 1000);
	CHECK_INT(first_gap_at(t, p), p + 1 + 1000);
	before = t->nnodes;

	CHECK_INT(browse_tree_year(st, t, 2023, 2024, &cause), 0);
	CHECK_INT(t->nnodes, before - 2);
	p = find_id(t, q_id(st, "SELECT id FROM node WHERE key = 'p1'"));
	CHECK_INT(p, p0 + 1);
	CHECK_INT(t->nodes[p].more, 0);
	CHECK_INT(first_gap_at(t, p), p + 1 + 1000);
	while (first_gap_at(t, p) >= 0)
		if (more_first_gap(st, t, p, 1, &cause) <= 0)
			break;
	CHECK_INT(kids_in_tree(t, p, got), 2500);
	CHECK(memcmp(got, want, 2500 * sizeof *got) == 0);
	CHECK_INT(t->nodes[p].end, p + 1 + 2500);
out:
	free(want);
	free(got);
	tree_test_end(st, t, cause);
}

/* A plan of 2,500 policies at its top level, out of key order: the
 * first (t1) and the fifth (t5) with two items each, the 2,400th (t2400)
 * with three, the others with none; for the top level read a part at a
 * time. */
static char *
tall_text(void)
{
	char	*text = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&text, &len);
	int	 i, k;

	fputs("shisaku-plan,1\n"
	    "plan,t,高い計画,2023,2025,県,\n"
	    "level,t,1,基本方針\nlevel,t,2,取組\n", f);
	for (i = 1; i <= 2500; i++) {
		fprintf(f, "node,t,t%d,,%d,方針%d,,,,,,\n", 2501 - i, i, i);
		for (k = 1; (i == 1 || i == 5 || i == 2400) &&
		    k <= (i == 2400 ? 3 : 2); k++)
			fprintf(f, "node,t,c%d-%d,t%d,%d-%d,取組%d-%d,,,,,,\n",
			    i, k, 2501 - i, i, k, i, k);
	}
	fclose(f);
	return text;
}

/* The ids of the plan's top level in their order, in plain SQL. */
static size_t
top_in_sql(struct store *st, long long *want)
{
	return ids_in_sql(st, "SELECT id FROM node WHERE parent_id IS NULL"
	    " ORDER BY ord, id", want);
}

/* A store of tall_text, and its top level's ids in order in want
 * (2,500 of them, checked): NULL when it cannot be made. */
static struct store *
tall_store(long long *want, size_t *n)
{
	char		*text = tall_text();
	struct store	*st = fixture_store(dbpath, text, NULL);

	free(text);
	*n = 0;
	CHECK(st != NULL);
	if (st == NULL)
		return NULL;
	*n = top_in_sql(st, want);
	CHECK_INT(*n, 2500);
	return st;
}

/* The top level of t in order (room for 2,500), each with its parent
 * -1, each heading's children read right after it and below it: how
 * many; 0 when a node is out of place. */
static size_t
top_in_tree(const struct browse_tree *t, long long *out)
{
	long	c, k;
	size_t	n = 0;

	for (c = 0; c < (long)t->nnodes && n < 2500; c = t->nodes[c].end) {
		if (t->nodes[c].parent != -1 || t->nodes[c].end <= c)
			return 0;
		for (k = c + 1; k < t->nodes[c].end; k++)
			if (t->nodes[k].parent != c)
				return 0;
		out[n++] = t->nodes[c].id;
	}
	return c == (long)t->nnodes ? n : 0;
}

/* Reads the rest of t's top level from the first side; then checks it
 * against want, and that every node below a policy is read (nodes, of
 * the policies open). */
static void
top_complete(struct store *st, struct browse_tree *t,
    const long long *want, size_t nwant, size_t below)
{
	long long	*got = xcalloc(2501, sizeof *got);
	char		*cause = NULL;
	size_t		 n, i;

	while (first_gap_at(t, -1) >= 0)
		if (more_first_gap(st, t, -1, 1, &cause) <= 0)
			break;
	CHECK_INT(t->top_more, 0);
	CHECK_INT(first_gap_at(t, -1), -1);
	n = top_in_tree(t, got);
	CHECK_INT(n, nwant);
	for (i = 0; i < n && i < nwant; i++)
		if (got[i] != want[i]) {
			FAIL_AT("top node %zu: %lld, want %lld", i, got[i],
			    want[i]);
			break;
		}
	CHECK_INT(t->nnodes, nwant + below);
	if (cause != NULL)
		fprintf(stderr, "  cause: %s\n", cause);
	free(cause);
	free(got);
}

/*
 * The top level is read as a heading's children are: its first 1,000
 * nodes, then a part at a time on either side of the gap; a policy
 * opened before the gap moves it, one opened after does not; through a
 * change of year; and a node not read yet, or below a policy not read
 * yet, is found.
 */
TEST(test_top_level_in_parts)
{
	static const int dirs[][2] = { { 0, 0 }, { 1, 0 }, { -1, 0 },
	    { 1, -1 }, { -1, 1 } };
	static const long long none = 0;
	struct store		*st;
	struct browse_tree	*t = NULL;
	long long		*want = xcalloc(2501, sizeof *want), plan, id;
	char			*cause = NULL;
	size_t			 d, k, n;
	long			 i, gap, p;

	if ((st = tall_store(want, &n)) == NULL)
		goto out;
	plan = plan_id(st);

	/* Opened as at first: the first part, t1 and t5 open in it. */
	for (d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
		CHECK_INT(browse_tree_view(st, plan, 2024, 2024, NULL, 0,
		    BROWSE_ANY, NULL, 0, &t, &cause), 0);
		if (t == NULL)
			goto out;
		CHECK_INT(t->top_more, 1);
		CHECK_INT(first_gap_at(t, -1), 1000 + 4);
		CHECK_INT(t->nnodes, 1000 + 4);
		/* (2,500: 1,000 read, 1,000, then 500.) */
		for (k = 0; k < 2 && dirs[d][k] != 0; k++)
			CHECK_INT(more_first_gap(st, t, -1, dirs[d][k],
			    &cause), k == 0 ? 1000 : 500);
		top_complete(st, t, want, n, 4);
		browse_tree_free(t);
		t = NULL;
	}

	/* Nothing open: t5 opened before the gap moves it by two; t2400,
	 * read from the end, opened after it, does not. */
	CHECK_INT(browse_tree_view(st, plan, 2024, 2024, NULL, 0, BROWSE_ANY,
	    &none, 0, &t, &cause), 0);
	if (t == NULL)
		goto out;
	CHECK_INT(first_gap_at(t, -1), 1000);
	p = find_id(t, q_id(st, "SELECT id FROM node WHERE key = 't2496'"));
	CHECK_INT(p, 4);
	CHECK_INT(browse_tree_expand(st, t, p, &cause), 2);
	CHECK_INT(first_gap_at(t, -1), 1002);
	CHECK_INT(more_first_gap(st, t, -1, -1, &cause), 1000);
	gap = first_gap_at(t, -1);
	CHECK_INT(t->top_more, 0);
	p = find_id(t, q_id(st, "SELECT id FROM node WHERE key = 't101'"));
	CHECK(p > gap);
	CHECK_INT(browse_tree_expand(st, t, p, &cause), 3);
	CHECK_INT(first_gap_at(t, -1), gap);
	/* Through a year: t5 shown closed is forgotten below, the gap
	 * moves back; t2400 stays open. */
	t->nodes[4].expanded = 0;
	t->nodes[p].expanded = 1;
	CHECK_INT(browse_tree_year(st, t, 2023, 2024, &cause), 0);
	CHECK_INT(first_gap_at(t, -1), gap - 2);
	top_complete(st, t, want, n, 3);
	browse_tree_free(t);
	t = NULL;

	/* Found: the 1,700th policy, read where it stands: a part from it
	 * on (the 801 policies to the end), not the 699 between the first
	 * part and it, which stay a gap before it; and an item of t2400
	 * (in that part; t2400 opened). */
	CHECK_INT(browse_tree_view(st, plan, 2024, 2024, NULL, 0, BROWSE_ANY,
	    NULL, 0, &t, &cause), 0);
	if (t == NULL)
		goto out;
	CHECK_INT(browse_tree_find(st, t, want[1699], &i, &cause), 0);
	CHECK(i >= 0 && t->nodes[i].id == want[1699] &&
	    t->nodes[i].parent == -1);
	CHECK_INT(t->nnodes, 1000 + 4 + 801);
	CHECK_INT(first_gap_at(t, -1), i);
	CHECK_INT(t->top_more, 0);
	id = q_id(st, "SELECT id FROM node WHERE key = 'c2400-3'");
	CHECK_INT(browse_tree_find(st, t, id, &i, &cause), 0);
	CHECK(i > 0 && t->nodes[i].id == id);
	if (i > 0) {
		p = t->nodes[i].parent;
		CHECK(p >= 0 && t->nodes[p].id == want[2399]);
		CHECK_INT(browse_tree_fresh(st, t, &i, 1, &cause), 0);
		CHECK_STR(t->nodes[i].title, "取組2400-3");
	}
	top_complete(st, t, want, n, 4 + 3);
out:
	if (cause != NULL)
		fprintf(stderr, "  cause: %s\n", cause);
	free(cause);
	free(want);
	browse_tree_free(t);
	if (st != NULL)
		store_close(st);
}

/* The tree of the plan of 2024 read as shown, with node id sought in
 * it (*i its index, -1 when not found); NULL when it cannot be read. */
static struct browse_tree *
view_found(struct store *st, long long plan, long long id, long *i)
{
	struct browse_tree	*t = NULL;
	char			*cause = NULL;

	*i = -1;
	CHECK_INT(browse_tree_view(st, plan, 2024, 2024, NULL, 0, BROWSE_ANY,
	    NULL, 0, &t, &cause), 0);
	if (t != NULL)
		CHECK_INT(browse_tree_find(st, t, id, i, &cause), 0);
	if (cause != NULL)
		fprintf(stderr, "  cause: %s\n", cause);
	free(cause);
	return t;
}

/*
 * A policy found far from both ends of the top level: the 1,000 from it
 * on read between a gap before it and one after them; the one after read
 * from the end, the one before from the first side, the top level is
 * whole, each policy once. Then places changed since the children were
 * read (another program moved two policies): one moved within a gap is
 * read where it stands now; one moved among the children read is not
 * read again (no part reads before the child read before its gap),
 * every gap read on the way, and is not found there; each policy once.
 */
TEST(test_top_level_found_between_gaps)
{
	struct store		*st;
	struct browse_tree	*t = NULL;
	struct browse_gap	 after = { -1, -1 };
	long long		*want = xcalloc(2501, sizeof *want), plan;
	long long		*got = xcalloc(2501, sizeof *got);
	char			*cause = NULL, *sql;
	size_t			 n, ntop, a, b, twice = 0;
	long			 i;

	if ((st = tall_store(want, &n)) == NULL)
		goto out;
	plan = plan_id(st);

	if ((t = view_found(st, plan, want[1200], &i)) == NULL)
		goto out;
	CHECK(i >= 0 && t->nodes[i].id == want[1200]);
	CHECK_INT(t->nnodes, 1000 + 4 + 1000);
	CHECK_INT(first_gap_at(t, -1), i);
	CHECK_INT(t->top_more, 1);
	CHECK_INT(browse_tree_more(st, t, &after, -1, &cause), 300);
	CHECK_INT(t->top_more, 0);
	CHECK_INT(first_gap_at(t, -1), i);
	top_complete(st, t, want, n, 4);
	browse_tree_free(t);

	if ((t = view_found(st, plan, want[1200], &i)) == NULL)
		goto out;
	sql = xasprintf("UPDATE node SET ord = (SELECT ord FROM node"
	    " WHERE id = %lld) WHERE id = %lld; UPDATE node SET ord ="
	    " (SELECT ord FROM node WHERE id = %lld) WHERE id = %lld",
	    want[1100], want[2300], want[500], want[2400]);
	CHECK_INT(sqlite3_exec(store_db(st), sql, NULL, NULL, NULL),
	    SQLITE_OK);
	free(sql);
	CHECK_INT(browse_tree_find(st, t, want[2300], &i, &cause), 0);
	CHECK(i > 0 && t->nodes[i].id == want[2300]);
	/* (2300 now just after 1100, in the gap before 1200: read with
	 * 1101 to 1199 after it, the gap before it left.) */
	if (i > 0) {
		CHECK(t->nodes[i - 1].id == want[999]);
		CHECK_INT(t->nodes[i].gap_before, 1);
		CHECK(t->nodes[i + 100].id == want[1200]);
	}
	CHECK_INT(browse_tree_find(st, t, want[2400], &i, &cause), 0);
	CHECK_INT(i, -1);
	CHECK_INT(first_gap_at(t, -1), -1);
	CHECK_INT(t->top_more, 0);
	/* Every policy but 2400, each once. */
	ntop = top_in_tree(t, got);
	CHECK_INT(ntop, 2499);
	for (a = 0; a < ntop; a++)
		for (b = a + 1; b < ntop; b++)
			twice += got[a] == got[b];
	CHECK_INT(twice, 0);
out:
	free(want);
	free(got);
	tree_test_end(st, t, cause);
}

/* The items shown (matching the status counted) among p's children in t
 * (-1: the top level), each once, in the file's order: how many; 0 when
 * one is out of place or read twice. */
static size_t
shown_below(const struct browse_tree *t, long p)
{
	long		 c, end = p < 0 ? (long)t->nnodes : t->nodes[p].end;
	long long	 last = 0;
	size_t		 n = 0;

	for (c = p + 1; c < end; c = t->nodes[c].end) {
		if (t->nodes[c].parent != p || t->nodes[c].id <= last)
			return 0;
		last = t->nodes[c].id;
		n += t->nodes[c].is_item && t->nodes[c].shown;
	}
	return n;
}

/*
 * Under a status, a tree read in parts reads the rest of each: which
 * nodes it shows, and the counts, depend on every one. A policy of
 * 2,500 items opened (1,000 read), then the status: all 2,500 are there
 * and shown (none has a result), each once. A plan of one level of
 * 2,500 items: the same of its top level, read at the status and at a
 * change of year under it; back to no status, every item stays.
 */
/* A store of the plan text and its tree of 2024 read as shown under
 * which (NULL when either fails: *st then too, closed). */
static struct browse_tree *
view_of(const char *text, enum browse_which which, struct store **st)
{
	struct browse_tree	*t = NULL;
	char			*cause = NULL;

	*st = fixture_store(dbpath, text, NULL);
	CHECK(*st != NULL);
	if (*st == NULL)
		return NULL;
	CHECK_INT(browse_tree_view(*st, plan_id(*st), 2024, 2024, NULL, 0,
	    which, NULL, 0, &t, &cause), 0);
	if (t == NULL) {
		fprintf(stderr, "  cause: %s\n", cause);
		store_close(*st);
		*st = NULL;
	}
	free(cause);
	return t;
}

TEST(test_status_reads_the_rest)
{
	struct store		*st;
	struct browse_tree	*t;
	char			*text = wide_text(), *cause = NULL;
	size_t			 len = 0;
	FILE			*f;
	long			 p;
	int			 i;

	t = view_of(text, BROWSE_ANY, &st);
	free(text);
	if (t != NULL) {
		p = find_id(t, q_id(st, "SELECT id FROM node WHERE key = 'p1'"));
		CHECK_INT(browse_tree_expand(st, t, p, &cause), 1000);
		CHECK_INT(t->nodes[p].more, 1);
		t->nodes[p].expanded = 1;
		CHECK_INT(browse_tree_which(st, t, BROWSE_MISSING, 2024,
		    &cause), 0);
		p = find_id(t, q_id(st, "SELECT id FROM node WHERE key = 'p1'"));
		CHECK(p >= 0 && !t->nodes[p].more);
		if (p >= 0) {
			CHECK_INT(t->nodes[p].end, p + 1 + 2500);
			CHECK_INT(shown_below(t, p), 2500);
			CHECK_INT(t->nodes[p].items, 2500);
		}
		browse_tree_free(t);
		store_close(st);
	}

	text = NULL;
	f = open_memstream(&text, &len);
	fputs("shisaku-plan,1\nplan,f,一層の計画,2023,2025,県,\n"
	    "level,f,1,実施項目\n", f);
	for (i = 1; i <= 2500; i++)
		fprintf(f, "node,f,x%d,,%d,項目%d,,,,,,\n", i, i, i);
	fclose(f);
	if ((t = view_of(text, BROWSE_ANY, &st)) != NULL) {
		CHECK_INT(t->nnodes, 1000);
		CHECK_INT(t->top_more, 1);
		CHECK_INT(browse_tree_read_whole(t), 0);
		CHECK_INT(browse_tree_which(st, t, BROWSE_MISSING, 2024,
		    &cause), 0);
		CHECK_INT(t->top_more, 0);
		CHECK_INT(shown_below(t, -1), 2500);
		CHECK_INT(browse_tree_read_whole(t), 1);
		browse_tree_free(t);
		store_close(st);
	}
	/* Read under the status, then a year under it. */
	if ((t = view_of(text, BROWSE_MISSING, &st)) != NULL) {
		CHECK_INT(shown_below(t, -1), 2500);
		CHECK_INT(browse_tree_which(st, t, BROWSE_ANY, 2024, &cause), 0);
		CHECK_INT(browse_tree_year(st, t, 2023, 2024, &cause), 0);
		CHECK_INT(shown_below(t, -1), 2500);
		CHECK_INT(browse_tree_which(st, t, BROWSE_MISSING, 2024,
		    &cause), 0);
		CHECK_INT(shown_below(t, -1), 2500);
		browse_tree_free(t);
		store_close(st);
	}
	free(text);
	if (cause != NULL)
		fprintf(stderr, "  cause: %s\n", cause);
	free(cause);
}

int
main(void)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/shisaku-browse-XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(dbpath, sizeof dbpath, "%s/test.db", tmpdir);
	unsetenv("SHISAKU_CONFIG");
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	setenv("HOME", tmpdir, 1);
	RUN(test_plans_counts);
	RUN(test_tree_order_and_levels);
	RUN(test_tree_filters);
	RUN(test_filter_reads_what_is_shown);
	RUN(test_behind_without_a_period);
	RUN(test_filter_without_a_period);
	RUN(test_year_figures);
	RUN(test_children_in_parts);
	RUN(test_parts_through_a_year);
	RUN(test_top_level_in_parts);
	RUN(test_top_level_found_between_gaps);
	RUN(test_status_reads_the_rest);
	unlink(dbpath);
	{
		char p[160];

		snprintf(p, sizeof p, "%s-wal", dbpath);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", dbpath);
		unlink(p);
	}
	rmdir(tmpdir);
	DONE();
}
