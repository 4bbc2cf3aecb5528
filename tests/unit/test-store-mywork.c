/*
 * "My work" through the store: a clerk's items and indicators for each
 * open year, grouped by state in the order that needs doing first
 * (差戻し, 未入力, 下書き, 提出済, 確認済), never another department's nor a
 * closed year's; a reviewer's submitted entries, oldest submission first,
 * then what is late once a year's deadline has passed; a year's deadline
 * and the latest open year; and the data version that tells a screen
 * another connection changed the file. Run from the top of the source
 * tree.
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
#include "shisaku/store-dept.h"
#include "shisaku/store-mywork.h"
#include "shisaku/store-result.h"
#include "shisaku/store-user.h"
#include "shisaku/store.h"
#include "shisaku/util.h"
#include "shisaku/workflow.h"

static char dir[] = "/tmp/shisaku-test-store-mywork-XXXXXX";
static char *db_path;
static struct store *st;

/*
 * 市民協働課 runs 基本施策 1 and its items 1-1 and 1-2, and helps 総務課
 * with 1-3; 総務課 runs 基本施策 2 and its item 2-1. 基本施策 1's
 * indicator is reported on its own (by 市民協働課); 1-1's goes with its
 * result.
 */
static const char plan_text[] =
    "shisaku-plan,1\n"
    "plan,t,試験総合計画,2022,2026,試験市,\n"
    "level,t,1,基本施策\n"
    "level,t,2,取組\n"
    "dept,試験市/市民協働課,市民協働課,試験市,\n"
    "dept,試験市/総務課,総務課,試験市,\n"
    "node,t,1,,1,市民協働の推進,,,,,,\n"
    "node,t,11,1,1-1,出前講座,,,,,,\n"
    "node,t,12,1,1-2,協働事業,,,,,,\n"
    "node,t,13,1,1-3,窓口の改善,,,,,,\n"
    "node,t,2,,2,行政運営,,,,,,\n"
    "node,t,21,2,2-1,研修,,,,,,\n"
    "assign,t,1,試験市/市民協働課,1,,\n"
    "assign,t,11,試験市/市民協働課,1,,\n"
    "assign,t,12,試験市/市民協働課,1,,\n"
    "assign,t,13,試験市/総務課,1,,\n"
    "assign,t,13,試験市/市民協働課,0,,\n"
    "assign,t,2,試験市/総務課,1,,\n"
    "assign,t,21,試験市/総務課,1,,\n"
    "indicator,t,p1,1,協働事業の件数,行政指標,件,増加,,1000件,2022,3000件,2026,,,\n"
    "target,t,p1,2023,1500件\n"
    "indicator,t,i11,11,講座の回数,,回,増加,,,,50回,2026,,,\n";

static long long n11, n12, n13, n21, p1, d_kyodo, d_somu;

static const struct fixture_user users[] = {
	{ "sato", "佐藤花子", ROLE_CLERK, "試験市/市民協働課" },
	{ "suzuki", "", ROLE_CLERK, "試験市/総務課" },
	{ "boss", "", ROLE_SUPERVISOR, NULL },
	{ "kikaku", "", ROLE_PLANNER, NULL },
	{ NULL, NULL, ROLE_NONE, NULL }
};

/* Saves node's result for fy as login with text, then moves it to
 * state (draft, submitted, returned or confirmed). */
static int
result_to(long long node, int fy, const char *login, enum wf_state to)
{
	struct result_entry	*e = NULL;
	char			*cause = NULL;
	int			 rc;

	if (store_result_load(st, node, fy, &e, &cause) != 0)
		goto fail;
	free(e->text);
	e->text = xstrdup("実施した");
	if (store_result_save(st, e, login, e->ver, NULL, &cause) != 0)
		goto fail;
	rc = 0;
	if (to != WF_DRAFT)
		rc = store_result_submit(st, e, login, e->ver, NULL, &cause);
	if (rc == 0 && to == WF_RETURNED)
		rc = store_result_return(st, e, "boss", e->ver, "数字を直して",
		    NULL, &cause);
	if (rc == 0 && to == WF_CONFIRMED)
		rc = store_result_confirm(st, e, "boss", e->ver, NULL, &cause);
	if (rc != 0)
		goto fail;
	store_result_free(e);
	return 0;
fail:
	fprintf(stderr, "result %lld/%d: %s\n", node, fy, cause);
	free(cause);
	store_result_free(e);
	return -1;
}

/* The rows as "fy:state:code" (an indicator as "fy:state:name"), for
 * comparing; late rows marked with a !. */
static char *
rows_text(const struct mywork *m)
{
	char	*out = xstrdup(""), *t;
	size_t	 i;

	for (i = 0; i < m->nrows; i++) {
		const struct mywork_row *r = &m->rows[i];

		t = xasprintf("%s%s%s%d:%s:%s", out, *out ? " " : "",
		    r->late ? "!" : "", r->fy, workflow_state_label(r->state),
		    r->kind == MYWORK_ACTUAL ? r->title : r->code);
		free(out);
		out = t;
	}
	return out;
}

/* Reads the texts of every row of a clerk's list, as the screen does
 * for the rows it shows; the number of rows that had them to read. */
static size_t
fill_all(struct mywork *m)
{
	char	*cause = NULL;
	size_t	 i, n = 0;

	for (i = 0; i < m->nrows; i++) {
		n += m->rows[i].unread != 0;
		CHECK_INT(store_mywork_fill(st, m, i, &cause), 0);
		CHECK_INT(m->rows[i].unread, 0);
		free(cause);
		cause = NULL;
	}
	return n;
}

TEST(test_years_and_deadlines)
{
	char	*cause = NULL, *deadline = NULL, *got;
	int	 fy = -1, open = -1, changed = -1;

	CHECK_INT(store_year_latest_open(st, &fy, &cause), 0);
	CHECK_INT(fy, 0);
	CHECK_INT(store_year_set_open(st, 2022, 1, "kikaku", NULL, &cause), 0);
	CHECK_INT(store_year_set_open(st, 2023, 1, "kikaku", NULL, &cause), 0);
	CHECK_INT(store_year_set_open(st, 2024, 1, "kikaku", NULL, &cause), 0);
	CHECK_INT(store_year_latest_open(st, &fy, &cause), 0);
	CHECK_INT(fy, 2024);
	/* A clerk may not set a deadline; a planner may, once. */
	CHECK_INT(store_year_set_deadline(st, 2023, "2024-06-30", "sato",
	    &changed, &cause), STORE_DENIED);
	free(cause);
	cause = NULL;
	CHECK_INT(sqlite3_exec(raw, "UPDATE fiscal_year SET changed_by = 'x',"
	    " changed_at = '2000-01-01T00:00:00' WHERE fy = 2023", NULL, NULL,
	    NULL), SQLITE_OK);
	CHECK_INT(store_year_set_deadline(st, 2023, "2024-06-30", "kikaku",
	    &changed, &cause), 0);
	CHECK_INT(changed, 1);
	/* year list's who and when: the deadline's change is the year's. */
	CHECK_INT(q_int("SELECT changed_by = 'kikaku' AND changed_at >"
	    " '2000-01-01T00:00:00' FROM fiscal_year WHERE fy = 2023"), 1);
	CHECK_INT(store_year_set_deadline(st, 2023, "2024-06-30", "kikaku",
	    &changed, &cause), 0);
	CHECK_INT(changed, 0);
	got = q_text("SELECT group_concat(login || ':' || new_value) FROM"
	    " history WHERE field = 'deadline' AND fy = 2023");
	CHECK_STR(got, "kikaku:2024-06-30");
	free(got);
	CHECK_INT(store_year_info(st, 2023, &open, &deadline, &cause), 0);
	CHECK_INT(open, 1);
	CHECK_STR(deadline, "2024-06-30");
	free(deadline);
	deadline = NULL;
	/* A year never opened: closed, no deadline. */
	CHECK_INT(store_year_info(st, 2030, &open, &deadline, &cause), 0);
	CHECK_INT(open, 0);
	CHECK_STR(deadline, "");
	free(deadline);
	/* Closing the oldest leaves 2023 and 2024 open. */
	CHECK_INT(store_year_set_open(st, 2022, 0, "kikaku", NULL, &cause), 0);
}

/* Ends department dept after year (SQL: a number or NULL), behind the
 * store's back as a reorganisation recorded elsewhere would. */
static void
set_abolished_after(long long dept, const char *year)
{
	char	*sql = xasprintf("UPDATE department SET abolished_after = %s"
		    " WHERE id = %lld", year, dept);

	CHECK_INT(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
}

TEST(test_clerk_sees_own_work_by_state)
{
	struct mywork	*m = NULL;
	char		*cause = NULL, *got;

	CHECK_INT(result_to(n11, 2023, "sato", WF_RETURNED), 0);
	CHECK_INT(result_to(n12, 2023, "sato", WF_SUBMITTED), 0);
	CHECK_INT(result_to(n21, 2023, "suzuki", WF_CONFIRMED), 0);
	CHECK_INT(result_to(n11, 2024, "sato", WF_DRAFT), 0);
	/* A closed year is not listed, whatever is in it. */
	CHECK_INT(q_int("SELECT count(*) FROM fiscal_year WHERE fy = 2022"
	    " AND is_open = 0"), 1);
	/* Saved, then submitted later: the list gives the submission's
	 * time for what waits, the last save's for the others. */
	got = xasprintf("UPDATE result SET entered_at = '2000-05-01T09:00:00'"
	    " WHERE node_id = %lld AND fy = 2023; UPDATE result SET entered_at"
	    " = '2024-05-03T08:00:00' WHERE node_id = %lld AND fy = 2024",
	    n12, n11);
	CHECK_INT(sqlite3_exec(raw, got, NULL, NULL, NULL), SQLITE_OK);
	free(got);

	CHECK_INT(store_mywork_clerk(st, d_kyodo, &m, &cause), 0);
	if (m == NULL) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return;
	}
	CHECK_INT(m->nyears, 2);
	CHECK_INT(m->years[0].fy, 2024);
	CHECK_STR(m->years[1].deadline, "2024-06-30");
	/* The list orders and groups the items; their texts are read when
	 * a row is shown, not with the list. The indicators reported on
	 * their own come whole. */
	got = rows_text(m);
	CHECK_STR(got, "2024:未入力:協働事業の件数 2024:未入力: "
	    "2024:未入力: 2024:下書き: "
	    "2023:差戻し: 2023:未入力:協働事業の件数 2023:未入力: "
	    "2023:提出済:");
	free(got);
	if (m->nrows > 5) {
		CHECK_INT(m->rows[4].unread, 1);
		CHECK_STR(m->rows[4].entered_by, "");
		CHECK_INT(m->rows[5].unread, 0);
	}
	CHECK_INT(fill_all(m), 6);
	got = rows_text(m);
	/* The latest year first; 差戻し first, then 未入力 (in plan order:
	 * the policy's indicator before the items), 下書き, 提出済. 1-3 is
	 * 総務課's but 市民協働課 is in charge too; 2-1 is not listed. */
	CHECK_STR(got, "2024:未入力:協働事業の件数 2024:未入力:1-2 "
	    "2024:未入力:1-3 2024:下書き:1-1 "
	    "2023:差戻し:1-1 2023:未入力:協働事業の件数 2023:未入力:1-3 "
	    "2023:提出済:1-2");
	free(got);
	if (m->nrows > 7) {
		CHECK_STR(m->rows[3].at, "2024-05-03T08:00:00");
		got = q_text("SELECT submitted_at FROM result WHERE node_id ="
		    " %lld AND fy = 2023 AND submitted_at > '2000-05-01'", n12);
		CHECK_STR(m->rows[7].at, got);
		free(got);
	}
	if (m->nrows > 4) {
		CHECK_INT(m->rows[4].kind, MYWORK_RESULT);
		CHECK_INT(m->rows[4].node_id, n11);
		CHECK_STR(m->rows[4].dept_name, "市民協働課");
		CHECK_STR(m->rows[4].entered_by, "sato");
		CHECK_STR(m->rows[4].plan_code, "t");
	}
	if (m->nrows > 5) {
		CHECK_INT(m->rows[5].kind, MYWORK_ACTUAL);
		CHECK_INT(m->rows[5].indicator_id, p1);
		CHECK_STR(m->rows[5].where, "市民協働の推進");
	}
	store_mywork_free(m);
	m = NULL;

	/* 総務課: its own item and the one it shares. */
	CHECK_INT(store_mywork_clerk(st, d_somu, &m, &cause), 0);
	if (m != NULL) {
		CHECK_INT(fill_all(m), 4);
		got = rows_text(m);
		CHECK_STR(got, "2024:未入力:1-3 2024:未入力:2-1 "
		    "2023:未入力:1-3 2023:確認済:2-1");
		free(got);
	}
	store_mywork_free(m);
	m = NULL;
	/* Its department abolished after 2023: the list says when, with
	 * the department's name of that year. */
	CHECK_INT(store_mywork_clerk(st, d_somu, &m, &cause), 0);
	if (m != NULL)
		CHECK_INT(m->dept_abolished_after, 0);
	store_mywork_free(m);
	m = NULL;
	set_abolished_after(d_somu, "2023");
	CHECK_INT(store_mywork_clerk(st, d_somu, &m, &cause), 0);
	if (m != NULL) {
		CHECK_INT(m->dept_abolished_after, 2023);
		CHECK_STR(m->dept_name, "総務課");
	}
	store_mywork_free(m);
	m = NULL;
	set_abolished_after(d_somu, "NULL");
	/* No department: the years, nothing to do. */
	CHECK_INT(store_mywork_clerk(st, 0, &m, &cause), 0);
	if (m != NULL) {
		CHECK_INT(m->nrows, 0);
		CHECK_INT(m->nyears, 2);
	}
	store_mywork_free(m);
}

TEST(test_reviewer_sees_waiting_oldest_first_then_late)
{
	struct mywork		*m = NULL;
	struct actual_entry	*e = NULL;
	char			*cause = NULL, *got;

	/* 1-3 submitted too, and p1's actual for 2024; then 1-2's
	 * submission is made the later one. */
	CHECK_INT(result_to(n13, 2023, "suzuki", WF_SUBMITTED), 0);
	CHECK_INT(store_actual_load(st, p1, 2024, &e, &cause), 0);
	if (e != NULL) {
		free(e->note);
		e->note = xstrdup("速報値");
		CHECK_INT(store_actual_save(st, e, "sato", 0, NULL, &cause), 0);
		CHECK_INT(store_actual_submit(st, e, "sato", e->ver, NULL,
		    &cause), 0);
	}
	store_actual_free(e);
	/* Each submission keeps its time, the time of its history row. */
	CHECK_INT(q_int("SELECT count(*) FROM result r WHERE state ="
	    " 'submitted' AND submitted_at = (SELECT MAX(h.at) FROM history h"
	    " WHERE h.node_id = r.node_id AND h.indicator_id IS NULL"
	    " AND h.fy = r.fy AND h.field = 'state')"), 2);
	CHECK_INT(q_int("SELECT count(*) FROM indicator_actual a WHERE state ="
	    " 'submitted' AND submitted_at = (SELECT MAX(h.at) FROM history h"
	    " WHERE h.indicator_id = a.indicator_id AND h.fy = a.fy"
	    " AND h.field = 'state')"), 1);
	/* Times apart, as if submitted on three days: the history and the
	 * time kept. */
	CHECK_INT(sqlite3_exec(raw, "UPDATE history SET at ="
	    " '2024-05-0' || CASE (SELECT key FROM node WHERE id = node_id)"
	    " WHEN '12' THEN '3' WHEN '13' THEN '1' ELSE '2' END ||"
	    " 'T10:00:00' WHERE field = 'state';"
	    " UPDATE result SET submitted_at = (SELECT MAX(h.at) FROM history h"
	    " WHERE h.node_id = result.node_id AND h.indicator_id IS NULL"
	    " AND h.fy = result.fy AND h.field = 'state')"
	    " WHERE state = 'submitted';"
	    " UPDATE indicator_actual SET submitted_at = (SELECT MAX(h.at)"
	    " FROM history h WHERE h.indicator_id = indicator_actual.indicator_id"
	    " AND h.fy = indicator_actual.fy AND h.field = 'state')"
	    " WHERE state = 'submitted'",
	    NULL, NULL, NULL), SQLITE_OK);

	/* On 2024-07-01 the 2023 deadline has passed: its entries not yet
	 * submitted are late (the indicator with a 2023 target and 1-1,
	 * returned, both 市民協働課's); 2024 has no deadline and has not
	 * ended. */
	CHECK_INT(store_mywork_review(st, "2024-07-01", 2024, 0, &m, &cause), 0);
	if (m == NULL) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return;
	}
	got = rows_text(m);
	CHECK_STR(got, "2023:提出済:1-3 2024:提出済:協働事業の件数 "
	    "2023:提出済:1-2 !2023:未入力:協働事業の件数 !2023:差戻し:1-1");
	free(got);
	CHECK_INT(m->late_cut, 0);
	if (m->nrows > 0) {
		CHECK_STR(m->rows[0].at, "2024-05-01T10:00:00");
		CHECK_STR(m->rows[0].entered_by, "suzuki");
		CHECK_STR(m->rows[0].dept_name, "総務課");
	}
	store_mywork_free(m);
	m = NULL;
	/* Before the deadline nothing is late. */
	CHECK_INT(store_mywork_review(st, "2024-06-30", 2024, 0, &m, &cause), 0);
	if (m != NULL) {
		got = rows_text(m);
		CHECK_STR(got, "2023:提出済:1-3 2024:提出済:協働事業の件数 "
		    "2023:提出済:1-2");
		free(got);
	}
	store_mywork_free(m);
}

/* More entries waiting than the list shows: the oldest
 * MYWORK_WAITING_MAX of both kinds together, oldest first, and the
 * count of all (read after the late list's test, on its plan of 305
 * items: four years of each submitted, one in five an actual of the
 * plan, at times that interleave). */
TEST(test_waiting_list_shows_the_oldest)
{
	struct mywork	*m = NULL, *first = NULL;
	char		*cause = NULL, *newest;
	size_t		 i, waiting = 0;
	long		 all;

	CHECK_INT(sqlite3_exec(raw, "INSERT INTO result (node_id, fy, state,"
	    " entered_by, entered_at, submitted_at) SELECT n.id, y.fy,"
	    " 'submitted', 'sato', '2024-01-01T00:00:00',"
	    " printf('2024-%02d-%02dT%02d:00:00', 1 + n.ord % 12, 1 + y.fy % 28,"
	    " n.ord % 24) FROM node n JOIN plan p ON p.id = n.plan_id"
	    " AND p.code = 'u', (SELECT 2021 AS fy UNION ALL SELECT 2022"
	    " UNION ALL SELECT 2025 UNION ALL SELECT 2026) y;"
	    " INSERT INTO indicator_actual (indicator_id, fy, num, state,"
	    " entered_by, entered_at, submitted_at) SELECT i.id, 2019 + k.n, 1,"
	    " 'submitted', 'kikaku', '2024-01-01T00:00:00',"
	    " printf('2024-%02d-15T12:%02d:00', 1 + k.n % 12, k.n % 60)"
	    " FROM indicator i, (WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL"
	    " SELECT n + 1 FROM c WHERE n < 250) SELECT n FROM c) k"
	    " WHERE i.id = (SELECT MIN(id) FROM indicator)"
	    " AND NOT EXISTS (SELECT 1 FROM indicator_actual x"
	    " WHERE x.indicator_id = i.id AND x.fy = 2019 + k.n)",
	    NULL, NULL, NULL), SQLITE_OK);
	all = q_int("SELECT (SELECT count(*) FROM result WHERE state ="
	    " 'submitted') + (SELECT count(*) FROM indicator_actual"
	    " WHERE state = 'submitted')");
	CHECK(all > MYWORK_WAITING_MAX);
	CHECK_INT(store_mywork_review(st, "2024-07-01", 2024, 0, &m, &cause), 0);
	if (m == NULL) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return;
	}
	CHECK_INT(m->nwaiting, all);
	for (i = 0; i < m->nrows; i++)
		if (!m->rows[i].late) {
			if (i > 0 && strcmp(m->rows[i - 1].at, m->rows[i].at) > 0)
				FAIL_AT("row %zu at %s after %s", i,
				    m->rows[i].at, m->rows[i - 1].at);
			waiting++;
		}
	CHECK_INT(waiting, MYWORK_WAITING_MAX);
	/* None left out is older than the newest shown; both kinds shown. */
	if (waiting > 0) {
		newest = m->rows[waiting - 1].at;
		CHECK_INT(q_int("SELECT count(*) FROM (SELECT submitted_at AS t"
		    " FROM result WHERE state = 'submitted' UNION ALL"
		    " SELECT submitted_at FROM indicator_actual"
		    " WHERE state = 'submitted') WHERE t < '%s'", newest) +
		    q_int("SELECT count(*) FROM (SELECT submitted_at AS t"
		    " FROM result WHERE state = 'submitted' UNION ALL"
		    " SELECT submitted_at FROM indicator_actual"
		    " WHERE state = 'submitted') WHERE t = '%s'", newest) >=
		    MYWORK_WAITING_MAX, 1);
		CHECK_INT(q_int("SELECT count(*) FROM (SELECT submitted_at AS t"
		    " FROM result WHERE state = 'submitted' UNION ALL"
		    " SELECT submitted_at FROM indicator_actual"
		    " WHERE state = 'submitted') WHERE t < '%s'", newest) <
		    MYWORK_WAITING_MAX, 1);
	}
	for (i = 0; i < waiting && m->rows[i].kind != MYWORK_ACTUAL; i++)
		;
	CHECK(i < waiting);
	CHECK_INT(m->waiting_count_cut, 0);
	CHECK_INT(m->waiting_read, MYWORK_WAITING_MAX);
	/* A screen's first read: the oldest MYWORK_WAITING_FIRST of them,
	 * the same entries in the same order, and the count of all. */
	CHECK_INT(store_mywork_review(st, "2024-07-01", 2024,
	    MYWORK_WAITING_FIRST, &first, &cause), 0);
	if (first != NULL) {
		CHECK_INT(first->nwaiting, all);
		CHECK_INT(first->waiting_read, MYWORK_WAITING_FIRST);
		for (i = waiting = 0; i < first->nrows; i++)
			waiting += !first->rows[i].late;
		CHECK_INT(waiting, MYWORK_WAITING_FIRST);
		for (i = 0; i < waiting && i < m->nrows; i++)
			if (first->rows[i].kind != m->rows[i].kind ||
			    first->rows[i].node_id != m->rows[i].node_id ||
			    first->rows[i].indicator_id !=
			    m->rows[i].indicator_id ||
			    first->rows[i].fy != m->rows[i].fy)
				FAIL_AT("row %zu differs from the whole list's",
				    i);
		/* The late ones are all there still. */
		CHECK_INT(first->nrows - waiting, m->nrows - MYWORK_WAITING_MAX);
	}
	store_mywork_free(first);
	store_mywork_free(m);
	m = NULL;

	/* More than are counted: the count stops and says so. */
	CHECK_INT(sqlite3_exec(raw, "WITH RECURSIVE c(n) AS (SELECT 1"
	    " UNION ALL SELECT n + 1 FROM c WHERE n < 10000)"
	    " INSERT INTO indicator_actual (indicator_id, fy, num, state,"
	    " entered_by, entered_at, submitted_at) SELECT (SELECT MAX(id)"
	    " FROM indicator), 3000 + n, 1, 'submitted', 'kikaku',"
	    " '2024-01-01T00:00:00', '2025-01-01T00:00:00' FROM c",
	    NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(store_mywork_review(st, "2024-07-01", 2024, 0, &m, &cause), 0);
	if (m != NULL) {
		CHECK_INT(m->waiting_count_cut, 1);
		CHECK_INT(m->nwaiting, MYWORK_WAITING_COUNT_MAX);
		for (i = waiting = 0; i < m->nrows; i++)
			waiting += !m->rows[i].late;
		CHECK_INT(waiting, MYWORK_WAITING_MAX);
	}
	store_mywork_free(m);
}

/* A plan of 305 items with nothing entered: the late list stops at
 * MYWORK_LATE_MAX and says there are more; the first plan's items come
 * first, and those without a department last. */
TEST(test_late_list_is_capped)
{
	struct mywork	*m = NULL;
	char		*cause = NULL;
	size_t		 i, late = 0, first = 0;

	CHECK_INT(sqlite3_exec(raw, "INSERT INTO plan (code, name, first_fy,"
	    " last_fy, ord) VALUES ('u', '大きな計画', 2023, 2023, 99);"
	    "INSERT INTO plan_level (plan_id, depth, name) SELECT id, 1, '事業'"
	    " FROM plan WHERE code = 'u';"
	    "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k"
	    " WHERE i < 305) INSERT INTO node (plan_id, depth, key, code, title,"
	    " ord) SELECT (SELECT id FROM plan WHERE code = 'u'), 1, 'u' || i,"
	    " 'U-' || i, '事業' || i, i FROM k", NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(store_mywork_review(st, "2024-07-01", 2024, 0, &m, &cause), 0);
	if (m == NULL) {
		fprintf(stderr, "%s\n", cause);
		free(cause);
		return;
	}
	for (i = 0; i < m->nrows; i++)
		if (m->rows[i].late) {
			if (late++ == 0)
				first = i;
		}
	CHECK_INT(late, MYWORK_LATE_MAX);
	CHECK_INT(m->late_cut, 1);
	if (late > 0) {
		CHECK_STR(m->rows[first].code, "1-1");
		CHECK_STR(m->rows[m->nrows - 1].plan_code, "u");
		CHECK_STR(m->rows[m->nrows - 1].dept_name, "");
	}
	store_mywork_free(m);
}

/* shisaku check names an entry waiting without the time of its
 * submission (written behind the program's back), of each kind: one
 * more problem for each (the earlier tests' own writes behind the
 * program's back are problems of their own, hundreds: counted, not
 * printed). */
static void
count_quietly(void *arg, const char *line)
{
	(void)line;
	(*(int *)arg)++;
}

TEST(test_check_names_submissions_without_time)
{
	struct result_entry	*e = NULL;
	char			*cause = NULL;
	long long		 rid;
	int			 seen = 0, base;

	/* (store_check gives the number of problems.) */
	base = store_check(st, count_quietly, &seen, &cause);
	CHECK(base >= 0);
	CHECK_INT(seen, base);
	CHECK(q_int("SELECT count(*) FROM result WHERE state = 'submitted'"
	    " AND submitted_at <> ''") > 0);
	CHECK(q_int("SELECT count(*) FROM indicator_actual WHERE state ="
	    " 'submitted' AND submitted_at <> ''") > 0);
	CHECK_INT(sqlite3_exec(raw, "UPDATE result SET submitted_at = ''"
	    " WHERE id = (SELECT MIN(id) FROM result"
	    " WHERE state = 'submitted' AND submitted_at <> '')", NULL, NULL,
	    NULL), SQLITE_OK);
	CHECK_INT(store_check(st, count_quietly, &seen, &cause),
	    base + 1);
	CHECK_INT(sqlite3_exec(raw, "UPDATE indicator_actual SET"
	    " submitted_at = '' WHERE rowid = (SELECT MIN(rowid) FROM"
	    " indicator_actual WHERE state = 'submitted'"
	    " AND submitted_at <> '')", NULL, NULL, NULL), SQLITE_OK);
	CHECK_INT(store_check(st, count_quietly, &seen, &cause),
	    base + 2);
	/* As the message says: confirming the result ends its problem. */
	rid = q_int("SELECT MIN(id) FROM result WHERE state = 'submitted'"
	    " AND submitted_at = ''");
	CHECK(rid > 0);
	if (rid > 0 && store_result_load(st, q_int("SELECT node_id FROM result"
	    " WHERE id = %lld", rid), (int)q_int("SELECT fy FROM result"
	    " WHERE id = %lld", rid), &e, &cause) == 0) {
		CHECK_INT(store_result_confirm(st, e, "boss", e->ver, NULL,
		    &cause), 0);
		store_result_free(e);
	}
	CHECK_INT(store_check(st, count_quietly, &seen, &cause),
	    base + 1);
	free(cause);
}

TEST(test_data_version_tells_others_changes)
{
	long long	v0, v1, v2;
	char		*cause = NULL;

	v0 = store_data_version(st);
	CHECK(v0 >= 0);
	/* Our own write leaves it. */
	CHECK_INT(store_year_set_open(st, 2025, 1, "kikaku", NULL, &cause), 0);
	v1 = store_data_version(st);
	CHECK_INT(v1, v0);
	/* Another connection's changes it. */
	CHECK_INT(sqlite3_exec(raw, "UPDATE fiscal_year SET deadline ="
	    " '2026-06-30' WHERE fy = 2025", NULL, NULL, NULL), SQLITE_OK);
	v2 = store_data_version(st);
	CHECK(v2 != v1);
	CHECK_INT(store_data_version(st), v2);
}

/* In a plan that prints no period, an indicator is a clerk's work in the
 * years after its baseline's up to its final target's, and in a year it
 * has a value for; one that gives neither year, in every open year. */
TEST(test_periodless_indicators_in_their_years)
{
	static const char text[] = "shisaku-plan,1\n"
	    "plan,np,期間のない計画,,,試験市,\n"
	    "level,np,1,基本施策\n"
	    "level,np,2,施策\n"
	    "dept,試験市/市民協働課,市民協働課,試験市,\n"
	    "node,np,1,,1,協働,,,,,,\n"
	    "assign,np,1,試験市/市民協働課,1,,\n"
	    "node,np,11,1,1-1,講座,,,,,,\n"
	    "indicator,np,old,1,前期の指標,,件,増加,,10件,2016,20件,2022,,\n"
	    "indicator,np,now,1,今期の指標,,件,増加,,10件,2024,20件,2030,,\n"
	    "indicator,np,any,1,年のない指標,,件,増加,,,,,,,\n"
	    "actual,np,old,2025,21件,,下書き\n";
	char		 path[128], *cause = NULL, *got;
	struct store	*s2;
	struct mywork	*m = NULL;
	long long	 dept;
	sqlite3		*db;

	snprintf(path, sizeof path, "%s/periodless.db", dir);
	if ((s2 = fixture_store(path, text, NULL)) == NULL) {
		CHECK(s2 != NULL);
		return;
	}
	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	CHECK_INT(sqlite3_exec(db, "INSERT INTO fiscal_year (fy, is_open)"
	    " VALUES (2023, 1), (2024, 1), (2025, 1)", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(db);
	CHECK_INT(store_dept_resolve(s2, "試験市/市民協働課", &dept, &cause), 0);
	CHECK_INT(store_mywork_clerk(s2, dept, &m, &cause), 0);
	if (m != NULL) {
		got = rows_text(m);
		CHECK_STR(got, "2025:未入力:今期の指標 2025:未入力:年のない指標 "
		    "2025:未入力: 2025:下書き:前期の指標 "
		    "2024:未入力:年のない指標 2024:未入力: "
		    "2023:未入力:年のない指標 2023:未入力:");
		free(got);
	}
	free(cause);
	store_mywork_free(m);
	store_close(s2);
}

int
main(void)
{
	if ((st = fixture_setup(dir, plan_text, users, &db_path)) == NULL ||
	    peek_open(db_path) != 0) {
		fprintf(stderr, "cannot load the test plan\n");
		return 1;
	}
	n11 = q_int("SELECT id FROM node WHERE key = '11'");
	n12 = q_int("SELECT id FROM node WHERE key = '12'");
	n13 = q_int("SELECT id FROM node WHERE key = '13'");
	n21 = q_int("SELECT id FROM node WHERE key = '21'");
	p1 = q_int("SELECT id FROM indicator WHERE key = 'p1'");
	d_kyodo = q_int("SELECT id FROM department WHERE code ="
	    " '試験市/市民協働課'");
	d_somu = q_int("SELECT id FROM department WHERE code = '試験市/総務課'");

	RUN(test_years_and_deadlines);
	RUN(test_clerk_sees_own_work_by_state);
	RUN(test_reviewer_sees_waiting_oldest_first_then_late);
	RUN(test_late_list_is_capped);
	RUN(test_waiting_list_shows_the_oldest);
	RUN(test_check_names_submissions_without_time);
	RUN(test_data_version_tells_others_changes);
	RUN(test_periodless_indicators_in_their_years);

	sqlite3_close(raw);
	fixture_teardown(st, dir, db_path);
	DONE();
}
