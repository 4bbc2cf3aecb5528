/*
 * Reorganising departments (機構改革) through the store, as a planner
 * records it in April: a rename from R6 keeps 総務課 in R5 and earlier; a
 * merger from R7 ends the old department's assignments in R6 and
 * continues them under the new one, moves the indicators it reports and
 * names the users still filed under it; an abolition leaves its items
 * without a department from that year and says which; only a planner may
 * do any of it, and a clerk's try writes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fixture.h"
#include "harness.h"
#include "peek.h"
#include "shisaku/store-dept.h"
#include "shisaku/store-mywork.h"
#include "shisaku/store-result.h"
#include "shisaku/store-user.h"
#include "shisaku/util.h"

static char dir[] = "/tmp/shisaku-test-store-dept-XXXXXX";
static char *db_path;
static struct store *st;

static const char plan_text[] =
    "shisaku-plan,1\n"
    "plan,y,試験プラン,2021,2027,試験市,\n"
    "level,y,1,基本方針\n"
    "level,y,2,取組内容\n"
    "dept,t/soumu,総務課,試験市,\n"
    "dept,t/kyodo,協働課,試験市,\n"
    "dept,t/hisho,秘書課,試験市,\n"
    "node,y,I,,Ⅰ,協働,,,,,,\n"
    "node,y,1,I,No.1,市民活動支援,,2021,2027,,,\n"
    "node,y,2,I,No.2,広報,,2021,2027,,,\n"
    "node,y,3,I,No.3,協働の研修,,2021,2027,,,\n"
    "assign,y,1,t/kyodo,1,,\n"
    "assign,y,2,t/hisho,1,,\n"
    "assign,y,3,t/kyodo,1,,\n"
    "assign,y,3,t/soumu,0,,\n"
    "indicator,y,k,I,協働事業数,,件,増加,,,,10件,2027,,,t/kyodo\n";

static long long soumu, kyodo, hisho, no1, no2;

static long long
dept_id(const char *code)
{
	return q_int("SELECT id FROM department WHERE code = '%s'", code);
}

/* The name of the department of node's result form in fy, as a clerk's
 * form shows it. */
static char *
dept_name_in(long long node, int fy)
{
	struct result_entry	*e = NULL;
	char			*cause = NULL, *name = NULL;
	size_t			 i;

	if (store_result_load(st, node, fy, &e, &cause) != 0) {
		free(cause);
		return xstrdup("(error)");
	}
	for (i = 0; i < e->ndepts; i++)
		if (workflow_dept_in_force(&e->depts[i], fy) && name == NULL)
			name = xstrdup(e->depts[i].name);
	store_result_free(e);
	return name != NULL ? name : xstrdup("");
}

/* A department written as people write it otherwise: its name's last
 * part, or the name but for blanks, names the one department in use of
 * that name; one character, an abolished namesake and two in use name
 * none, and the hint says so by saying nothing. */
TEST(test_written_otherwise)
{
	char	*code = NULL, *name = NULL, *cause = NULL, *hint;

	CHECK_INT(store_dept_loosely(st, "務課", &code, &name, &cause), 1);
	CHECK_STR(code, "t/soumu");
	CHECK_STR(name, "総務課");
	free(code);
	free(name);
	CHECK_INT(store_dept_loosely(st, "協　働課", &code, &name, &cause), 1);
	CHECK_STR(code, "t/kyodo");
	free(code);
	free(name);
	CHECK_INT(store_dept_loosely(st, "課", &code, &name, &cause), 0);
	CHECK(code == NULL && name == NULL);
	hint = store_dept_likely(st, "務課");
	CHECK_STR(hint, "「総務課」（コード t/soumu）のことなら、そのコードか名前"
	    "で指定してください");
	free(hint);
	/* An abolished 総務課 elsewhere leaves it one; another in use, two. */
	CHECK_INT(sqlite3_exec(raw, "INSERT INTO department (code, name, org,"
	    " abolished_after, ord) VALUES ('x/old', '旧総務課', '他市', 2020,"
	    " 900)", NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(store_dept_loosely(st, "務課", &code, &name, &cause), 1);
	free(code);
	free(name);
	CHECK_INT(sqlite3_exec(raw, "INSERT INTO department (code, name, org,"
	    " ord) VALUES ('x/new', '企画部総務課', '他市', 901)", NULL, NULL,
	    NULL), SQLITE_OK);
	CHECK_INT(store_dept_loosely(st, "務課", &code, &name, &cause), 0);
	CHECK(store_dept_likely(st, "務課") == NULL);
	CHECK_INT(sqlite3_exec(raw, "DELETE FROM department WHERE ord >= 900",
	    NULL, NULL, NULL), SQLITE_OK);
	free(cause);
}

TEST(test_rename_keeps_earlier_years)
{
	char	*cause = NULL, *n;

	CHECK_INT(store_dept_rename(st, "kikaku", soumu, "総務部総務課", 2024,
	    &cause), 0);
	CHECK_Q("総務部総務課", "SELECT name FROM department WHERE id = %lld", soumu);
	CHECK_Q("2023|総務課", "SELECT until_fy || '|' || name FROM"
	    " department_name WHERE dept_id = %lld", soumu);
	/* A second rename must come after the first. */
	CHECK_INT(store_dept_rename(st, "kikaku", soumu, "総務部", 2023, &cause), -1);
	CHECK(cause && strstr(cause, "2023 年度まで既に決まっています"));
	free(cause);
	cause = NULL;
	/* Earlier years show the old name, later ones the new. */
	{
		struct dept_row	*rows;
		size_t		 nrows, i;

		CHECK_INT(store_dept_list(st, &rows, &nrows, &cause), 0);
		for (i = 0; i < nrows; i++)
			if (rows[i].id == soumu) {
				CHECK_INT(rows[i].nold, 1);
				CHECK_STR(rows[i].old[0].name, "総務課");
			}
		store_dept_list_free(rows, nrows);
	}
	n = dept_name_in(q_int("SELECT id FROM node WHERE key = '3'"), 2021);
	CHECK_STR(n, "協働課");
	free(n);
	/* The old name, given where a department is named, is refused with
	 * the name and code the department has now. */
	{
		long long id = 0;

		CHECK_INT(store_dept_resolve(st, "総務課", &id, &cause), -1);
		CHECK(id == 0);
		CHECK(cause != NULL && strstr(cause, "部署「総務課」は令和5年度"
		    "までの名前です。いまは「総務部総務課」（コード ") != NULL);
		free(cause);
		cause = NULL;
		CHECK_INT(store_dept_resolve(st, "総務部総務課", &id, &cause), 0);
		CHECK(id == soumu);
	}
}

TEST(test_merge_continues_under_the_new_department)
{
	struct dept_change	 c;
	char			*cause = NULL, *n;

	CHECK_INT(store_dept_merge(st, "kikaku", kyodo, soumu, 2025, &c, &cause), 0);
	/* No.1 and No.3 were 協働課's; No.3 had 総務課 already. */
	CHECK_INT(c.nended, 2);
	CHECK_INT(c.nmoved, 1);
	CHECK_INT(c.norphans, 0);
	CHECK_INT(c.nclerks, 1);
	CHECK_STR(c.nclerks ? c.clerks[0] : "", "sato");
	store_dept_change_clear(&c);
	CHECK_Q("t/kyodo|1||2024,t/soumu|1|2025|", "SELECT group_concat(x) FROM"
	    " (SELECT d.code || '|' || nd.is_main || '|' || coalesce(nd.from_fy, '')"
	    " || '|' || coalesce(nd.until_fy, '') AS x FROM node_dept nd JOIN"
	    " department d ON d.id = nd.dept_id WHERE nd.node_id = %lld"
	    " ORDER BY nd.id)", no1);
	CHECK_Q("2024", "SELECT abolished_after FROM department WHERE id = %lld",
	    kyodo);
	CHECK_Q("t/soumu", "SELECT d.code FROM indicator i JOIN department d"
	    " ON d.id = i.dept_id WHERE i.key = 'k'");
	/* R6 is still 協働課's, R7 the merged department's, with its name. */
	n = dept_name_in(no1, 2024);
	CHECK_STR(n, "協働課");
	free(n);
	n = dept_name_in(no1, 2025);
	CHECK_STR(n, "総務部総務課");
	free(n);
	/* A history row on each item it touched. */
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE field = 'dept'"
	    " AND node_id = %lld", no1), 1);
	/* Merging an abolished department again is refused. */
	CHECK_INT(store_dept_merge(st, "kikaku", kyodo, soumu, 2026, &c, &cause), -1);
	CHECK(cause && strstr(cause, "既に廃止されています"));
	free(cause);
}

/* After the merger of 協働課 into 総務課 from R7, R6 is entered in the
 * spring after, when 協働課 has no clerk: 総務課's clerk finds its items
 * of R6 in 自分の仕事 and saves No.1's result, filed under 協働課; R7 is
 * 総務課's own. */
TEST(test_successor_enters_the_year_before)
{
	struct session		 s;
	struct mywork		*m = NULL;
	struct result_entry	*e = NULL;
	char			*cause = NULL;
	size_t			 i, r6 = 0, r6_no1 = 0, r7_no1 = 0;

	CHECK_Q("t/soumu", "SELECT m.code FROM department d JOIN department m"
	    " ON m.id = d.merged_into WHERE d.id = %lld", kyodo);
	CHECK_INT(store_user_put(st, "suzuki", "鈴木", ROLE_CLERK, "t/soumu", 0,
	    &cause), 0);
	CHECK_INT(store_user_login_session(st, "suzuki", &s, &cause), 0);
	CHECK_INT((int)s.nacting, 1);
	CHECK(s.nacting == 1 && s.acting[0].id == kyodo &&
	    s.acting[0].until_fy == 2024);
	session_clear(&s);
	CHECK_INT(store_year_set_open(st, 2024, 1, "kikaku", NULL, &cause), 0);
	CHECK_INT(store_year_set_open(st, 2025, 1, "kikaku", NULL, &cause), 0);

	CHECK_INT(store_mywork_clerk(st, soumu, &m, &cause), 0);
	for (i = 0; m != NULL && i < m->nrows; i++) {
		r6 += m->rows[i].fy == 2024 &&
		    m->rows[i].kind == MYWORK_RESULT;
		r6_no1 += m->rows[i].fy == 2024 && m->rows[i].node_id == no1;
		r7_no1 += m->rows[i].fy == 2025 && m->rows[i].node_id == no1;
		if (m->rows[i].fy == 2024 && m->rows[i].node_id == no1)
			CHECK(m->rows[i].dept_id == kyodo);
	}
	/* R6's items: No.1 (協働課's) and No.3 (both departments', listed
	 * once). */
	CHECK_INT((int)r6, 2);
	CHECK_INT((int)r6_no1, 1);
	CHECK_INT((int)r7_no1, 1);
	store_mywork_free(m);

	CHECK_INT(store_result_load(st, no1, 2024, &e, &cause), 0);
	if (e != NULL) {
		free(e->text);
		e->text = xstrdup("合併前の年度の実績");
		CHECK_INT(store_result_save(st, e, "suzuki", e->ver, NULL,
		    &cause), 0);
		store_result_free(e);
	}
	CHECK_Q("draft|suzuki|t/kyodo", "SELECT r.state || '|' || r.entered_by"
	    " || '|' || d.code FROM result r JOIN department d ON d.id = r.dept_id"
	    " WHERE r.node_id = %lld AND r.fy = 2024", no1);
	free(cause);
}

/* 総務課, which took 協働課 from R7, is merged in turn into 政策課 from
 * R8: 政策課's clerk acts for 総務課 up to R7 and for 協働課 up to R6,
 * and finds No.1's R6 entry (協働課's) in 自分の仕事. */
TEST(test_merger_of_a_merger)
{
	struct dept_change	 c;
	struct session		 s;
	struct mywork		*m = NULL;
	char			*cause = NULL;
	long long		 seisaku;
	size_t			 i, r6_no1 = 0;

	CHECK_INT(store_dept_add(st, "kikaku", "t/seisaku", "政策課", "試験市",
	    &cause), 0);
	seisaku = dept_id("t/seisaku");
	CHECK_INT(store_dept_merge(st, "kikaku", soumu, seisaku, 2026, &c,
	    &cause), 0);
	store_dept_change_clear(&c);
	CHECK_INT(store_user_put(st, "kimura", "木村", ROLE_CLERK, "t/seisaku",
	    0, &cause), 0);
	CHECK_INT(store_user_login_session(st, "kimura", &s, &cause), 0);
	CHECK_INT((int)s.nacting, 2);
	CHECK(s.nacting == 2 && s.acting[0].id == soumu &&
	    s.acting[0].until_fy == 2025 && s.acting[1].id == kyodo &&
	    s.acting[1].until_fy == 2024);
	session_clear(&s);
	CHECK_INT(store_mywork_clerk(st, seisaku, &m, &cause), 0);
	for (i = 0; m != NULL && i < m->nrows; i++)
		if (m->rows[i].fy == 2024 && m->rows[i].node_id == no1 &&
		    m->rows[i].kind == MYWORK_RESULT) {
			r6_no1++;
			CHECK(m->rows[i].dept_id == kyodo);
		}
	CHECK_INT((int)r6_no1, 1);
	store_mywork_free(m);
	free(cause);
}

TEST(test_abolish_says_what_is_left)
{
	struct dept_change	 c;
	char			*cause = NULL;

	CHECK_INT(store_dept_abolish(st, "kikaku", hisho, 2026, &c, &cause), 0);
	CHECK_INT(c.norphans, 1);
	CHECK(c.norphans && strstr(c.orphans[0], "No.2 広報") != NULL);
	store_dept_change_clear(&c);
	CHECK_Q("2025", "SELECT until_fy FROM node_dept WHERE node_id = %lld", no2);
}

TEST(test_only_a_planner)
{
	struct dept_change	 c;
	char			*cause = NULL, *before, *after;

	before = q_text("SELECT group_concat(x) FROM (SELECT name || coalesce("
	    "abolished_after, '') AS x FROM department) ");
	CHECK_INT(store_dept_rename(st, "sato", soumu, "x", 2027, &cause),
	    STORE_DENIED);
	CHECK(cause && strstr(cause, "企画担当だけ"));
	free(cause);
	cause = NULL;
	CHECK_INT(store_dept_abolish(st, "sato", soumu, 2027, &c, &cause),
	    STORE_DENIED);
	free(cause);
	cause = NULL;
	CHECK_INT(store_dept_add(st, "sato", "t/new", "新課", "", &cause),
	    STORE_DENIED);
	free(cause);
	cause = NULL;
	after = q_text("SELECT group_concat(x) FROM (SELECT name || coalesce("
	    "abolished_after, '') AS x FROM department) ");
	CHECK_STR(after, before);
	free(before);
	free(after);
	CHECK_INT(store_dept_add(st, "kikaku", "t/new", "DX推進課", "試験市",
	    &cause), 0);
	CHECK_INT(store_dept_add(st, "kikaku", "t/new", "重複", "", &cause), -1);
	free(cause);
	cause = NULL;
	{
		long long id = 0;

		CHECK_INT(store_dept_resolve(st, "DX推進課", &id, &cause), 0);
		CHECK(id == dept_id("t/new"));
		CHECK_INT(store_dept_resolve(st, "ない課", &id, &cause), -1);
		free(cause);
		cause = NULL;
		/* Typed with the input method on: the code, and the name,
		 * in full-width letters. */
		id = 0;
		CHECK_INT(store_dept_resolve(st, "ｔ／ｎｅｗ", &id, &cause), 0);
		CHECK(id == dept_id("t/new"));
		id = 0;
		CHECK_INT(store_dept_resolve(st, "ＤＸ推進課", &id, &cause), 0);
		CHECK(id == dept_id("t/new"));
		CHECK_INT(store_dept_resolve(st, "ｔ／ｎｏｎｅ", &id, &cause), -1);
		CHECK(cause != NULL && strstr(cause, "「ｔ／ｎｏｎｅ」がありません")
		    != NULL);
		free(cause);
		cause = NULL;
		/* The finding the forms share: the code too, and none
		 * found is left for the form to say. */
		{
			char	*code = NULL;

			id = 0;
			CHECK_INT(store_dept_find(st, "ＤＸ推進課", &id, &code,
			    &cause), 0);
			CHECK(id == dept_id("t/new"));
			CHECK_STR(code, "t/new");
			free(code);
			code = NULL;
			CHECK_INT(store_dept_find(st, "ない課", &id, &code,
			    &cause), 1);
			CHECK(cause == NULL && code == NULL && id == 0);
		}
	}
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

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	db_path = xasprintf("%s/dept.db", dir);
	if ((st = fixture_store(db_path, plan_text, NULL)) == NULL ||
	    store_user_put(st, "kikaku", "企画", ROLE_PLANNER, NULL, 0, &cause) != 0 ||
	    store_user_put(st, "sato", "佐藤", ROLE_CLERK, "t/kyodo", 0, &cause) != 0 ||
	    sqlite3_open(db_path, &raw) != SQLITE_OK) {
		fprintf(stderr, "cannot set up: %s\n", cause ? cause : "");
		return 1;
	}
	soumu = dept_id("t/soumu");
	kyodo = dept_id("t/kyodo");
	hisho = dept_id("t/hisho");
	no1 = q_int("SELECT id FROM node WHERE key = '1'");
	no2 = q_int("SELECT id FROM node WHERE key = '2'");

	RUN(test_written_otherwise);
	RUN(test_rename_keeps_earlier_years);
	RUN(test_merge_continues_under_the_new_department);
	RUN(test_successor_enters_the_year_before);
	RUN(test_merger_of_a_merger);
	RUN(test_abolish_says_what_is_left);
	RUN(test_only_a_planner);
	RUN(test_store_check_stays_clean);

	sqlite3_close(raw);
	store_close(st);
	{
		char *cmd = xasprintf("rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
		free(cmd);
	}
	free(db_path);
	DONE();
}
