/*
 * Yearly results through the store, as clerks, a supervisor and a planner
 * would enter them: a small action plan is loaded from a plan file into a
 * fresh database with four users, then: years opened and closed; a new
 * entry saved and saved again; a save with a stale version refused as a
 * conflict with the other version returned and nothing changed; a history
 * row for every changed field; submit, return, resubmit, confirm and
 * reopen, each refused to the wrong person; late entry into a closed year;
 * actuals as numbers or text according to the unit; and a busy database
 * (another connection holding BEGIN IMMEDIATE) giving STORE_BUSY within
 * the timeout with nothing written. Run from the top of the source tree.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fixture.h"
#include "harness.h"
#include "peek.h"
#include "shisaku/planfile.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-result.h"
#include "shisaku/store-user.h"
#include "shisaku/store.h"
#include "shisaku/util.h"
#include "shisaku/value.h"

static char dir[] = "/tmp/shisaku-test-store-result-XXXXXX";
static char *db_path;
static struct store *st;

static const char plan_text[] =
    "shisaku-plan,1\n"
    "plan,y,試験行革プラン,2021,2025,試験市,\n"
    "level,y,1,基本方針\n"
    "level,y,2,取組内容\n"
    "dept,試験市/まちづくり協働課,まちづくり協働課,試験市,\n"
    "dept,試験市/総務課,総務課,試験市,\n"
    "dept,試験市/企画政策課,企画政策課,試験市,\n"
    "dept,隣町/まちづくり協働課,まちづくり協働課,隣町,\n"
    "deptname,試験市/総務課,2021,庶務課\n"
    "node,y,I,,Ⅰ,市民との協働,,,,,,\n"
    "node,y,1,I,No.1,市民参画・市民活動支援事業,,2021,2025,,,\n"
    "node,y,24,I,No.24,職員の能力開発,,2021,2025,,,\n"
    "assign,y,1,試験市/まちづくり協働課,1,,\n"
    "assign,y,24,試験市/総務課,1,,2022\n"
    "assign,y,24,試験市/企画政策課,1,2023,\n"
    "indicator,y,1-1,1,ふれあい出前講座の実施回数,,回,増加,,,,50回,2025,,\n"
    "target,y,1-1,2021,40回\n"
    "indicator,y,1-2,1,協働事業の実施,,,,,,,実施,2025,,\n"
    "target,y,1-2,2021,実施\n"
    "indicator,y,1-3,1,参加者満足度,市民指標,%,増加,,,,90%,2025,,\n"
    "indicator,y,24-1,24,研修の受講者数,,人,増加,1,,,200人,2025,,\n";

/* ---- looking at the database from the side ---- */

static long long node1, node24, node_top, ind_count, ind_done, ind_pct, ind_staff;

static long long
history_count(void)
{
	return q_int("SELECT count(*) FROM history");
}

/* A digest of everything an entry is made of, to see that nothing moved. */
static char *
snapshot(void)
{
	return q_text("SELECT group_concat(x, '|') FROM ("
	    "SELECT id || ver || state || coalesce(status, '') || coalesce(grade, '')"
	    " || text || comment || return_comment || entered_by || confirmed_by AS x"
	    " FROM result UNION ALL SELECT indicator_id || fy || coalesce(num, '')"
	    " || coalesce(txt, '') || note FROM indicator_actual"
	    " UNION ALL SELECT count(*) FROM history WHERE field <> 'refused'"
	    " UNION ALL SELECT fy || is_open FROM fiscal_year)");
}

static const struct fixture_user users[] = {
	{ "sato", "佐藤", ROLE_CLERK, "試験市/まちづくり協働課" },
	{ "tanaka", "田中", ROLE_CLERK, "試験市/総務課" },
	{ "yamada", "山田", ROLE_CLERK, "隣町/まちづくり協働課" },
	{ "kacho", "課長", ROLE_SUPERVISOR, NULL },
	{ "kikaku", "企画", ROLE_PLANNER, "試験市/企画政策課" },
	{ NULL, NULL, ROLE_NONE, NULL }
};

static struct result_entry *
load(long long node, int fy)
{
	struct result_entry	*e = NULL;
	char			*cause = NULL;

	if (store_result_load(st, node, fy, &e, &cause) != 0) {
		fprintf(stderr, "load: %s\n", cause);
		free(cause);
	}
	return e;
}

static void
set_text(char **field, const char *text)
{
	free(*field);
	*field = text != NULL ? xstrdup(text) : NULL;
}

/* Sets an indicator's actual from what a clerk typed, as the form does. */
static void
type_actual(struct result_entry *e, size_t i, const char *typed, const char *note)
{
	char	*cause = NULL;

	value_clear(&e->indicators[i].actual);
	if (value_parse(typed, e->indicators[i].unit, &e->indicators[i].actual,
	    &cause) != 0) {
		fprintf(stderr, "value_parse: %s\n", cause);
		free(cause);
	}
	set_text(&e->indicators[i].note, note);
}

static int
year(int fy, int open, const char *login)
{
	char	*cause = NULL;
	int	 rc = store_year_set_open(st, fy, open, login, NULL, &cause);

	free(cause);
	return rc;
}

/* ---- the stories ---- */

TEST(test_load_before_anything_is_entered)
{
	struct result_entry	*e = load(node1, 2021);
	char			*cause = NULL;
	struct result_entry	*x = NULL;

	CHECK(e != NULL);
	if (e == NULL)
		return;
	CHECK_INT(e->ver, 0);
	CHECK_INT(e->id, 0);
	CHECK_INT(e->state, WF_NONE);
	CHECK_STR(e->node_code, "No.1");
	CHECK_STR(e->node_title, "市民参画・市民活動支援事業");
	CHECK_INT(e->year_open, 0);	/* no fiscal_year row: closed */
	CHECK(e->status == NULL && e->grade == NULL);
	CHECK_STR(e->text, "");
	CHECK_INT(e->ndepts, 1);
	if (e->ndepts == 1) {
		CHECK_STR(e->depts[0].name, "まちづくり協働課");
		CHECK_INT(e->depts[0].is_main, 1);
	}
	CHECK_INT(e->nindicators, 3);
	if (e->nindicators == 3) {
		CHECK_STR(e->indicators[0].name, "ふれあい出前講座の実施回数");
		CHECK_STR(e->indicators[0].unit, "回");
		CHECK_STR(e->indicators[0].direction, "up");
		CHECK_INT(e->indicators[0].target.kind, VALUE_NUMBER);
		CHECK_DBL(e->indicators[0].target.num, 40, 0);
		CHECK_INT(e->indicators[1].target.kind, VALUE_TEXT);
		CHECK_STR(e->indicators[1].target.text, "実施");
		CHECK_INT(e->indicators[2].target.kind, VALUE_NONE);
		CHECK_STR(e->indicators[2].category, "市民指標");
		CHECK_INT(e->indicators[0].actual.kind, VALUE_NONE);
		CHECK_INT(e->indicators[0].has_actual, 0);
	}
	store_result_free(e);

	/* Only action items have results. */
	CHECK_INT(store_result_load(st, node_top, 2021, &x, &cause), -1);
	CHECK(x == NULL && cause && strstr(cause, "取組ではありません"));
	free(cause);
	cause = NULL;
	CHECK_INT(store_result_load(st, 999999, 2021, &x, &cause), -1);
	CHECK(cause && strstr(cause, "ありません"));
	free(cause);
}

TEST(test_years_open_and_close)
{
	struct year_row	*rows = NULL;
	size_t		 n = 0;
	char		*cause = NULL;
	int		 changed = -1, open = -1;

	CHECK_INT(store_year_is_open(st, 2021, &open, &cause), 0);
	CHECK_INT(open, 0);
	/* A clerk may not open a year. */
	CHECK_INT(store_year_set_open(st, 2021, 1, "sato", &changed, &cause),
	    STORE_DENIED);
	CHECK(cause && strstr(cause, "企画担当だけ"));
	free(cause);
	cause = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM fiscal_year"), 0);

	CHECK_INT(store_year_set_open(st, 2021, 1, "kikaku", &changed, &cause), 0);
	CHECK_INT(changed, 1);
	CHECK_INT(store_year_is_open(st, 2021, &open, &cause), 0);
	CHECK_INT(open, 1);
	CHECK_Q("kikaku|(null)|受付中|2021", "SELECT login || '|' || coalesce(old_value,"
	    " '(null)') || '|' || new_value || '|' || fy FROM history"
	    " WHERE field = 'fiscal_year' ORDER BY id DESC LIMIT 1");
	/* Opening an open year writes nothing. */
	CHECK_INT(store_year_set_open(st, 2021, 1, "kikaku", &changed, &cause), 0);
	CHECK_INT(changed, 0);
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE field = 'fiscal_year'"), 1);
	/* Closing a year that was never opened writes nothing either. */
	CHECK_INT(store_year_set_open(st, 2030, 0, "kikaku", &changed, &cause), 0);
	CHECK_INT(changed, 0);
	CHECK_INT(store_year_set_open(st, 1800, 1, "kikaku", &changed, &cause), -1);
	free(cause);
	cause = NULL;

	CHECK_INT(year(2022, 1, "kikaku"), 0);
	CHECK_INT(year(2022, 0, "kikaku"), 0);
	CHECK_Q("受付中|締切", "SELECT old_value || '|' || new_value FROM history"
	    " WHERE field = 'fiscal_year' AND fy = 2022 ORDER BY id DESC LIMIT 1");
	CHECK_INT(store_year_list(st, &rows, &n, &cause), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(rows[0].fy, 2021);
		CHECK_INT(rows[0].is_open, 1);
		CHECK_STR(rows[0].changed_by, "kikaku");
		CHECK_INT(rows[1].fy, 2022);
		CHECK_INT(rows[1].is_open, 0);
	}
	store_year_list_free(rows, n);
}

TEST(test_save_new_then_again)
{
	struct result_entry	*e = load(node1, 2021), *cur = NULL;
	char			*cause = NULL;
	long long		 h0 = history_count();

	CHECK(e != NULL && e->nindicators == 3);
	if (e == NULL || e->nindicators != 3)
		return;
	CHECK_INT(e->year_open, 1);
	e->status = "in_progress";
	set_text(&e->grade, "A");
	set_text(&e->text, "ふれあい出前講座を42回開催した。\n延べ1,250人が参加し、"
	    "地域の課題を話し合った。\n　町内会との意見交換も行った。");
	type_actual(e, 0, "４２回", "");
	type_actual(e, 1, "実施", "計画どおり");
	CHECK_INT(store_result_save(st, e, "sato", 0, &cur, &cause), 0);
	CHECK(cur == NULL);
	if (cause)
		fprintf(stderr, "save: %s\n", cause);
	free(cause);
	cause = NULL;
	/* The entry is what was written. */
	CHECK_INT(e->ver, 1);
	CHECK(e->id != 0);
	CHECK_INT(e->state, WF_DRAFT);
	CHECK_STR(e->status, "in_progress");
	CHECK_STR(e->entered_by, "sato");
	CHECK_INT(strlen(e->entered_at), 19);
	CHECK_STR(e->dept_name, "まちづくり協働課");
	CHECK_INT(e->indicators[0].actual.kind, VALUE_NUMBER);
	CHECK_DBL(e->indicators[0].actual.num, 42, 0);
	CHECK_INT(e->indicators[0].has_actual, 1);
	CHECK_STR(e->indicators[1].note, "計画どおり");
	/* Filed under the department in charge. */
	CHECK_Q("まちづくり協働課", "SELECT d.name FROM result r JOIN department d"
	    " ON d.id = r.dept_id WHERE r.node_id = %lld AND r.fy = 2021", node1);
	/* One history row per field: state, status, grade, text, two actuals
	 * and one note; the comment did not change. */
	CHECK_INT(history_count() - h0, 7);
	CHECK_Q("(null)→下書き", "SELECT coalesce(old_value, '(null)') || '→' ||"
	    " new_value FROM history WHERE field = 'state' AND node_id = %lld", node1);
	CHECK_Q("(null)→実施中", "SELECT coalesce(old_value, '(null)') || '→' ||"
	    " new_value FROM history WHERE field = 'status' AND node_id = %lld", node1);
	CHECK_Q("(null)→42回", "SELECT coalesce(old_value, '(null)') || '→' ||"
	    " new_value FROM history WHERE field = 'actual' AND indicator_id = %lld",
	    ind_count);
	CHECK_Q("(null)→実施", "SELECT coalesce(old_value, '(null)') || '→' ||"
	    " new_value FROM history WHERE field = 'actual' AND indicator_id = %lld",
	    ind_done);
	CHECK_Q("sato", "SELECT group_concat(DISTINCT login) FROM history"
	    " WHERE node_id = %lld", node1);
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE field = 'comment'"), 0);

	/* Saved again with the version it has: only the change is logged. */
	set_text(&e->text, "ふれあい出前講座を42回開催した。");
	set_text(&e->comment, "若い世代の参加が課題。");
	h0 = history_count();
	CHECK_INT(store_result_save(st, e, "sato", e->ver, &cur, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(e->ver, 2);
	CHECK_INT(history_count() - h0, 2);
	CHECK_Q("ふれあい出前講座を42回開催した。\n延べ1,250人が参加し、地域の課題を"
	    "話し合った。\n　町内会との意見交換も行った。→ふれあい出前講座を42回開催した。",
	    "SELECT old_value || '→' || new_value FROM history WHERE field = 'text'"
	    " ORDER BY id DESC LIMIT 1");
	CHECK_Q("(null)→若い世代の参加が課題。", "SELECT coalesce(old_value, '(null)')"
	    " || '→' || new_value FROM history WHERE field = 'comment'");

	/* Saving what is there changes nothing, not even the version. */
	h0 = history_count();
	CHECK_INT(store_result_save(st, e, "sato", e->ver, &cur, &cause), 0);
	CHECK_INT(e->ver, 2);
	CHECK_INT(history_count(), h0);
	CHECK_INT(q_int("SELECT ver FROM result WHERE node_id = %lld AND fy = 2021",
	    node1), 2);
	store_result_free(e);
}

TEST(test_stale_version_is_a_conflict)
{
	struct result_entry	*a = load(node1, 2021), *b = load(node1, 2021);
	struct result_entry	*cur = NULL, *c;
	char			*cause = NULL, *before;
	int			 ver;

	CHECK(a != NULL && b != NULL);
	if (a == NULL || b == NULL)
		return;
	ver = a->ver;
	/* Two people opened the same entry; the first saves. */
	set_text(&a->text, "一人目の入力");
	type_actual(a, 0, "43", "");
	CHECK_INT(store_result_save(st, a, "sato", ver, &cur, &cause), 0);
	CHECK_INT(a->ver, ver + 1);
	/* The second saves on the version it loaded: refused. */
	set_text(&b->text, "二人目の入力");
	type_actual(b, 0, "44", "");
	before = snapshot();
	CHECK_INT(store_result_save(st, b, "kikaku", b->ver, &cur, &cause),
	    STORE_CONFLICT);
	CHECK(cause && strstr(cause, "他の人が更新しました") && strstr(cause, "sato"));
	free(cause);
	cause = NULL;
	/* Both versions are there to show. */
	CHECK(cur != NULL);
	if (cur != NULL) {
		CHECK_INT(cur->ver, ver + 1);
		CHECK_STR(cur->text, "一人目の入力");
		CHECK_DBL(cur->indicators[0].actual.num, 43, 0);
		CHECK_STR(cur->entered_by, "sato");
	}
	CHECK_STR(b->text, "二人目の入力");
	CHECK_INT(b->ver, ver);
	CHECK_DBL(b->indicators[0].actual.num, 44, 0);
	/* Nothing changed in the database. */
	c = NULL;
	CHECK_UNCHANGED(before);
	free(before);
	/* Having seen the other version, the second saves on top of it. */
	CHECK_INT(store_result_save(st, b, "kikaku", cur ? cur->ver : -1, &c, &cause), 0);
	CHECK(c == NULL);
	CHECK_STR(b->text, "二人目の入力");
	CHECK_INT(b->ver, ver + 2);
	store_result_free(cur);
	cur = NULL;

	/* A new entry saved while another was created first: a conflict. */
	store_result_free(a);
	store_result_free(b);
	a = load(node24, 2022);
	CHECK_INT(year(2022, 1, "kikaku"), 0);
	b = a ? store_result_dup(a) : NULL;
	CHECK(a != NULL && b != NULL);
	if (a && b) {
		set_text(&a->text, "先");
		CHECK_INT(store_result_save(st, a, "tanaka", 0, NULL, &cause), 0);
		set_text(&b->text, "後");
		CHECK_INT(store_result_save(st, b, "tanaka", 0, &cur, &cause),
		    STORE_CONFLICT);
		free(cause);
		cause = NULL;
		CHECK(cur && strcmp(cur->text, "先") == 0);
		store_result_free(cur);
		cur = NULL;
		/* Without an out parameter the conflict is still reported. */
		CHECK_INT(store_result_save(st, b, "tanaka", 0, NULL, &cause),
		    STORE_CONFLICT);
		free(cause);
		cause = NULL;
	}
	store_result_free(a);
	store_result_free(b);
	/* A transition on a stale version is a conflict too. */
	a = load(node1, 2021);
	if (a) {
		CHECK_INT(store_result_submit(st, a, "sato", a->ver - 1, &cur, &cause),
		    STORE_CONFLICT);
		free(cause);
		cause = NULL;
		CHECK(cur && cur->ver == a->ver);
		store_result_free(cur);
		cur = NULL;
	}
	store_result_free(a);
}

TEST(test_actual_number_or_text_by_unit)
{
	struct result_entry	*e = load(node1, 2021);
	char			*cause = NULL;
	long long		 h0;

	CHECK(e != NULL);
	if (e == NULL)
		return;
	/* Raw text that reads as a number with the unit is a number. */
	value_clear(&e->indicators[0].actual);
	e->indicators[0].actual.kind = VALUE_TEXT;
	e->indicators[0].actual.text = xstrdup("１，２００回");
	type_actual(e, 2, "９８．５％", "アンケート");
	value_clear(&e->indicators[1].actual);
	e->indicators[1].actual.kind = VALUE_TEXT;
	e->indicators[1].actual.text = xstrdup("調整中");
	CHECK_INT(store_result_save(st, e, "sato", e->ver, NULL, &cause), 0);
	free(cause);
	cause = NULL;
	/* The number, and the form it was typed in. */
	CHECK_Q("1200.0|1,200", "SELECT num || '|' || coalesce(txt, '(null)')"
	    " FROM indicator_actual WHERE indicator_id = %lld AND fy = 2021", ind_count);
	CHECK_Q("98.5|(null)|アンケート", "SELECT num || '|' || coalesce(txt, '(null)')"
	    " || '|' || note FROM indicator_actual WHERE indicator_id = %lld", ind_pct);
	CHECK_Q("(null)|調整中", "SELECT coalesce(num, '(null)') || '|' || txt"
	    " FROM indicator_actual WHERE indicator_id = %lld", ind_done);
	CHECK_INT(e->indicators[0].actual.kind, VALUE_NUMBER);
	CHECK_INT(e->indicators[1].actual.kind, VALUE_TEXT);
	CHECK_Q("98.5%", "SELECT new_value FROM history WHERE indicator_id = %lld"
	    " AND field = 'actual'", ind_pct);

	/* A number for a "%" indicator typed with another unit is refused
	 * with the reason; text stays text, never forced into a number. */
	{
		struct value	 bad;
		char		*why = NULL;

		CHECK_INT(value_parse("98件", "%", &bad, &why), -1);
		CHECK_STR(why, "「98件」の単位「件」がこの指標の単位「%」と違います");
		free(why);
	}
	type_actual(e, 2, "集計中", "アンケート");
	CHECK_INT(e->indicators[2].actual.kind, VALUE_TEXT);
	CHECK_INT(store_result_save(st, e, "sato", e->ver, NULL, &cause), 0);
	CHECK_Q("(null)|集計中", "SELECT coalesce(num, '(null)') || '|' || txt"
	    " FROM indicator_actual WHERE indicator_id = %lld", ind_pct);

	/* Emptied value and note: the year's actual is removed. */
	h0 = history_count();
	type_actual(e, 2, "", "");
	CHECK_INT(store_result_save(st, e, "sato", e->ver, NULL, &cause), 0);
	CHECK_INT(q_int("SELECT count(*) FROM indicator_actual WHERE indicator_id = %lld",
	    ind_pct), 0);
	CHECK_INT(e->indicators[2].has_actual, 0);
	CHECK_INT(history_count() - h0, 2);
	CHECK_Q("集計中→(null)", "SELECT old_value || '→' || coalesce(new_value, '(null)')"
	    " FROM history WHERE indicator_id = %lld AND field = 'actual'"
	    " ORDER BY id DESC LIMIT 1", ind_pct);

	/* Bad bytes are refused and nothing is written. */
	{
		char *before = snapshot();

		value_clear(&e->indicators[1].actual);
		e->indicators[1].actual.kind = VALUE_TEXT;
		e->indicators[1].actual.text = xstrdup("実\xff施");
		set_text(&e->text, "正しい文");
		CHECK_INT(store_result_save(st, e, "sato", e->ver, NULL, &cause), -1);
		CHECK(cause != NULL);
		free(cause);
		cause = NULL;
		value_clear(&e->indicators[1].actual);
		set_text(&e->text, "取組\xc3");
		CHECK_INT(store_result_save(st, e, "sato", e->ver, NULL, &cause), -1);
		CHECK(cause && strstr(cause, "取組実績"));
		free(cause);
		cause = NULL;
		e->status = "bogus";
		set_text(&e->text, "");
		CHECK_INT(store_result_save(st, e, "sato", e->ver, NULL, &cause), -1);
		CHECK(cause && strstr(cause, "未着手"));
		free(cause);
		CHECK_UNCHANGED(before);
		free(before);
	}
	store_result_free(e);
}

TEST(test_only_the_department_in_charge_edits)
{
	struct result_entry	*e = load(node1, 2021);
	char			*cause = NULL, *before = snapshot();

	CHECK(e != NULL);
	if (e == NULL) {
		free(before);
		return;
	}
	set_text(&e->text, "他課の入力");
	CHECK_INT(store_result_save(st, e, "tanaka", e->ver, NULL, &cause),
	    STORE_DENIED);
	CHECK_STR(cause, "この取組は総務課の担当ではありません（担当: まちづくり協働課）");
	free(cause);
	cause = NULL;
	CHECK_INT(store_result_save(st, e, "kacho", e->ver, NULL, &cause), STORE_DENIED);
	free(cause);
	cause = NULL;
	CHECK_INT(store_result_save(st, e, "nobody", e->ver, NULL, &cause), STORE_DENIED);
	CHECK(cause && strstr(cause, "閲覧のみ"));
	free(cause);
	cause = NULL;
	CHECK_STR(e->text, "他課の入力");	/* what was typed is kept */
	CHECK_UNCHANGED(before);
	/* Each refusal is in the history with who tried and why. */
	CHECK_INT(q_int("SELECT count(DISTINCT login) FROM history WHERE field ="
	    " 'refused' AND login IN ('tanaka', 'kacho', 'nobody')"), 3);
	CHECK_Q("実績の編集: この取組は総務課の担当ではありません（担当: まちづくり協働課）",
	    "SELECT new_value FROM history WHERE field = 'refused' AND login ="
	    " 'tanaka'");
	/* A clerk of another department of the same name (another town's
	 * in the same file): the two told apart by their codes. */
	CHECK_INT(store_result_save(st, e, "yamada", e->ver, NULL, &cause),
	    STORE_DENIED);
	CHECK_STR(cause, "この取組はまちづくり協働課（コード 隣町/まちづくり協働課）"
	    "の担当ではありません（担当: まちづくり協働課（コード 試験市/まちづくり"
	    "協働課）。名前が同じ別の部署です。所属が違うときは企画担当に登録の変更を依頼"
	    "してください）");
	free(cause);
	cause = NULL;
	CHECK_STR(e->text, "他課の入力");
	free(before);
	store_result_free(e);

	/* No.24 was 総務課's (named 庶務課 in R3) until R4, 企画政策課's after. */
	CHECK_INT(year(2023, 1, "kikaku"), 0);
	e = load(node24, 2021);
	CHECK(e && e->ndepts == 2 && strcmp(e->depts[0].name, "庶務課") == 0);
	store_result_free(e);
	e = load(node24, 2023);
	CHECK(e != NULL);
	if (e) {
		CHECK_STR(e->depts[0].name, "総務課");
		set_text(&e->text, "R5の研修");
		CHECK_INT(store_result_save(st, e, "tanaka", 0, NULL, &cause),
		    STORE_DENIED);
		CHECK_STR(cause, "この取組は総務課の担当ではありません（担当: 企画政策課）");
		free(cause);
		cause = NULL;
		CHECK_INT(store_result_save(st, e, "kikaku", 0, NULL, &cause), 0);
		CHECK_STR(e->dept_name, "企画政策課");
	}
	store_result_free(e);
	e = load(node24, 2022);
	CHECK(e && strcmp(e->dept_name, "総務課") == 0 && e->ver == 1);
	store_result_free(e);
}

static int
count_field(const char *field, long long node)
{
	return (int)q_int("SELECT count(*) FROM history WHERE field = '%s'"
	    " AND node_id = %lld AND fy = 2021", field, node);
}


/* Inside a batch (a results file) a refusal waits for the batch to end
 * and is kept whether the batch is or not; past STORE_REFUSALS_KEPT (50)
 * one more row says how many more there were. */
TEST(test_refusals_in_a_batch_are_kept_after_it)
{
	struct result_entry	*e = load(node1, 2021);
	char			*cause = NULL;
	long long		 had;
	int			 i;

	CHECK(e != NULL);
	if (e == NULL)
		return;
	had = q_int("SELECT count(*) FROM history WHERE field = 'refused'");
	set_text(&e->text, "他課の入力");
	CHECK_INT(store_batch_begin(st, &cause), 0);
	for (i = 0; i < 3; i++) {
		CHECK_INT(store_result_save(st, e, "tanaka", e->ver, NULL,
		    &cause), STORE_DENIED);
		free(cause);
		cause = NULL;
	}
	/* Nothing yet: a row now would share the batch's fate. */
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE field = 'refused'"),
	    had);
	CHECK_INT(store_batch_end(st, 0, NULL), 0);
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE field = 'refused'"),
	    had + 3);
	CHECK_INT(q_int("SELECT count(*) FROM (SELECT * FROM history WHERE field"
	    " = 'refused' ORDER BY id DESC LIMIT 3) WHERE login = 'tanaka' AND"
	    " fy = 2021 AND node_id IS NOT NULL"), 3);
	had += 3;
	CHECK_INT(store_batch_begin(st, &cause), 0);
	for (i = 0; i < 60; i++) {
		CHECK_INT(store_result_save(st, e, "tanaka", e->ver, NULL,
		    &cause), STORE_DENIED);
		free(cause);
		cause = NULL;
	}
	CHECK_INT(store_batch_end(st, 1, &cause), 0);
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE field = 'refused'"),
	    had + 51);
	CHECK_Q("…ほか 10 件の拒否（記録は 50 件まで）", "SELECT new_value FROM"
	    " history WHERE field = 'refused' ORDER BY id DESC LIMIT 1");
	store_result_free(e);
}
TEST(test_submit_return_resubmit_confirm)
{
	struct result_entry	*e = load(node1, 2021), *s = NULL;
	char			*cause = NULL;
	int			 states0 = count_field("state", node1);

	CHECK(e != NULL && e->state == WF_DRAFT);
	if (e == NULL)
		return;
	/* Someone else's department cannot submit it. */
	CHECK_INT(store_result_submit(st, e, "tanaka", e->ver, NULL, &cause),
	    STORE_DENIED);
	free(cause);
	cause = NULL;
	/* Unsaved typing survives a submit; the clerk submits. */
	set_text(&e->comment, "まだ保存していない文");
	CHECK_INT(store_result_submit(st, e, "sato", e->ver, NULL, &cause), 0);
	CHECK_INT(e->state, WF_SUBMITTED);
	CHECK_STR(e->comment, "まだ保存していない文");
	CHECK_Q("若い世代の参加が課題。", "SELECT comment FROM result"
	    " WHERE node_id = %lld AND fy = 2021", node1);
	CHECK_Q("下書き→提出済", "SELECT old_value || '→' || new_value FROM history"
	    " WHERE field = 'state' ORDER BY id DESC LIMIT 1");
	/* Submitted: the clerk can no longer edit or submit again. */
	CHECK_INT(store_result_save(st, e, "sato", e->ver, NULL, &cause), STORE_DENIED);
	CHECK(cause && strstr(cause, "提出済の実績は変更できません"));
	free(cause);
	cause = NULL;
	CHECK_INT(store_result_submit(st, e, "sato", e->ver, NULL, &cause), STORE_DENIED);
	free(cause);
	cause = NULL;
	/* A clerk cannot confirm; the supervisor cannot return without a
	 * reason. */
	CHECK_INT(store_result_confirm(st, e, "sato", e->ver, NULL, &cause),
	    STORE_DENIED);
	free(cause);
	cause = NULL;
	CHECK_INT(store_result_return(st, e, "kacho", e->ver, "\xe3\x80\x80", NULL,
	    &cause), STORE_DENIED);
	CHECK_STR(cause, "差戻しの理由をコメントに入力してください");
	free(cause);
	cause = NULL;
	CHECK_INT(store_result_return(st, e, "kacho", e->ver, "回数の内訳を書いてください",
	    NULL, &cause), 0);
	CHECK_INT(e->state, WF_RETURNED);
	CHECK_STR(e->return_comment, "回数の内訳を書いてください");
	CHECK_Q("提出済→差戻し|kacho", "SELECT old_value || '→' || new_value || '|' ||"
	    " login FROM history WHERE field = 'state' ORDER BY id DESC LIMIT 1");
	CHECK_Q("回数の内訳を書いてください", "SELECT new_value FROM history"
	    " WHERE field = 'return_comment'");

	/* The clerk fixes it (returned entries are editable) and resubmits. */
	store_result_free(e);
	e = load(node1, 2021);
	CHECK(e && e->state == WF_RETURNED);
	if (e == NULL)
		return;
	set_text(&e->text, "出前講座42回（地区別: 北部20回、南部22回）");
	CHECK_INT(store_result_save(st, e, "sato", e->ver, NULL, &cause), 0);
	CHECK_INT(e->state, WF_RETURNED);
	CHECK_INT(store_result_submit(st, e, "sato", e->ver, NULL, &cause), 0);
	CHECK_INT(e->state, WF_SUBMITTED);
	/* Confirmed by the supervisor: read-only to the clerk. */
	CHECK_INT(store_result_confirm(st, e, "kacho", e->ver, &s, &cause), 0);
	CHECK(s == NULL);
	CHECK_INT(e->state, WF_CONFIRMED);
	CHECK_STR(e->confirmed_by, "kacho");
	CHECK_INT(strlen(e->confirmed_at), 19);
	CHECK_STR(e->entered_by, "sato");
	CHECK_INT(store_result_save(st, e, "sato", e->ver, NULL, &cause), STORE_DENIED);
	CHECK_STR(cause, "確認済の実績は変更できません");
	free(cause);
	cause = NULL;
	CHECK_INT(store_result_reopen(st, e, "sato", e->ver, NULL, &cause), STORE_DENIED);
	free(cause);
	cause = NULL;
	CHECK_INT(count_field("state", node1) - states0, 4);
	/* The planner reopens it: a draft again, confirmation cleared. */
	CHECK_INT(store_result_reopen(st, e, "kikaku", e->ver, NULL, &cause), 0);
	CHECK_INT(e->state, WF_DRAFT);
	CHECK_STR(e->confirmed_by, "");
	CHECK_Q("draft||", "SELECT state || '|' || confirmed_by || '|' || confirmed_at"
	    " FROM result WHERE node_id = %lld AND fy = 2021", node1);
	/* Nothing to submit before the first save. */
	store_result_free(e);
	e = load(node1, 2024);
	CHECK_INT(year(2024, 1, "kikaku"), 0);
	if (e) {
		e->year_open = 1;
		CHECK_INT(store_result_submit(st, e, "sato", 0, NULL, &cause),
		    STORE_DENIED);
		CHECK(cause && strstr(cause, "先に保存"));
		free(cause);
	}
	store_result_free(e);
}

TEST(test_closed_year_needs_a_planner)
{
	struct result_entry	*e;
	char			*cause = NULL;

	CHECK_INT(year(2021, 0, "kikaku"), 0);
	e = load(node1, 2021);
	CHECK(e != NULL && e->year_open == 0);
	if (e == NULL)
		return;
	set_text(&e->text, "締切後の修正");
	CHECK_INT(store_result_save(st, e, "sato", e->ver, NULL, &cause), STORE_DENIED);
	CHECK_STR(cause, "令和3年度は入力を締め切っています（企画担当に再開を依頼してください）");
	free(cause);
	cause = NULL;
	CHECK_INT(count_field("late_entry", node1), 0);
	CHECK_INT(store_result_save(st, e, "kikaku", e->ver, NULL, &cause), 0);
	CHECK_STR(e->text, "締切後の修正");
	CHECK_Q("kikaku|締切後の保存", "SELECT login || '|' || new_value FROM history"
	    " WHERE field = 'late_entry' AND node_id = %lld", node1);
	/* Saving again unchanged writes nothing, so logs nothing. */
	CHECK_INT(store_result_save(st, e, "kikaku", e->ver, NULL, &cause), 0);
	CHECK_INT(count_field("late_entry", node1), 1);
	CHECK_INT(store_result_submit(st, e, "kikaku", e->ver, NULL, &cause), 0);
	CHECK_INT(count_field("late_entry", node1), 2);
	/* Review goes on after the deadline, and is not late entry. */
	CHECK_INT(store_result_confirm(st, e, "kacho", e->ver, NULL, &cause), 0);
	CHECK_INT(count_field("late_entry", node1), 2);
	CHECK_INT(year(2021, 1, "kikaku"), 0);
	store_result_free(e);
}

TEST(test_history_lists_newest_first)
{
	struct history_row	*rows = NULL, *page = NULL;
	size_t			 n = 0, np = 0, i;
	char			*cause = NULL, *between;
	int			 seen_actual = 0, sorted = 1;

	CHECK_INT(store_history_node(st, node1, 2021, 0, 0, &rows, &n, &cause), 0);
	CHECK(n >= 20);
	for (i = 1; i < n; i++)
		if (rows[i].id >= rows[i - 1].id)
			sorted = 0;
	CHECK(sorted);
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].field, "actual") == 0 &&
		    rows[i].indicator_id == ind_count) {
			CHECK_STR(rows[i].indicator_name, "ふれあい出前講座の実施回数");
			seen_actual = 1;
		}
	CHECK(seen_actual);
	CHECK(n > 0 && strcmp(rows[0].field, "state") == 0);	/* confirmed last */
	CHECK(n > 0 && rows[0].old_value && strcmp(rows[0].old_value, "提出済") == 0);
	CHECK(n > 0 && strcmp(rows[0].login, "kacho") == 0);
	/* Paging: the second page of three starts where the first ended,
	 * after the first page's last change, even when a change was
	 * recorded between the two reads (it is newer than both pages). */
	CHECK_INT(store_history_node(st, node1, 2021, 3, 0, &page, &np, &cause), 0);
	CHECK_INT(np, 3);
	if (np == 3)
		for (i = 0; i < 3; i++)
			CHECK_INT(page[i].id, rows[i].id);
	between = xasprintf("INSERT INTO history (at, login, node_id, fy,"
	    " field, new_value) VALUES ('2099-01-01T00:00:00', 'other', %lld,"
	    " 2021, 'comment', '間の変更')", node1);
	CHECK_INT(sqlite3_exec(raw, between, NULL, NULL, NULL), SQLITE_OK);
	free(between);
	if (np == 3) {
		long long last = page[2].id;

		store_history_free(page, np);
		CHECK_INT(store_history_node(st, node1, 2021, 3, last, &page,
		    &np, &cause), 0);
		CHECK_INT(np, 3);
		if (np == 3 && n >= 6)
			for (i = 0; i < 3; i++)
				CHECK_INT(page[i].id, rows[3 + i].id);
	}
	store_history_free(page, np);
	/* The change recorded meanwhile comes first when read again. */
	CHECK_INT(store_history_node(st, node1, 2021, 1, 0, &page, &np, &cause), 0);
	CHECK(np == 1 && strcmp(page[0].login, "other") == 0);
	store_history_free(page, np);
	CHECK_INT(sqlite3_exec(raw, "DELETE FROM history WHERE login = 'other'",
	    NULL, NULL, NULL), SQLITE_OK);
	store_history_free(rows, n);

	/* One indicator's history: its actuals only. */
	CHECK_INT(store_history_indicator(st, ind_pct, 0, 0, 0, &rows, &n, &cause), 0);
	CHECK_INT(n, 5);	/* 98.5%, note, 98件, then removed: value, note */
	for (i = 0; i < n; i++)
		CHECK(rows[i].indicator_id == ind_pct && rows[i].fy == 2021);
	CHECK(n > 0 && rows[0].new_value == NULL);
	store_history_free(rows, n);
	CHECK_INT(store_history_indicator(st, ind_pct, 2022, 0, 0, &rows, &n, &cause), 0);
	CHECK_INT(n, 0);
	CHECK(rows == NULL);
	/* A heading with no result has no history. */
	CHECK_INT(store_history_node(st, node_top, 0, 0, 0, &rows, &n, &cause), 0);
	CHECK_INT(n, 0);
	store_history_free(rows, n);
}

static double
elapsed_since(const struct timespec *t0)
{
	struct timespec	t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (t1.tv_nsec - t0->tv_nsec) / 1e9;
}

TEST(test_busy_database)
{
	struct store		*st2;
	struct result_entry	*e = NULL, *cur = NULL;
	sqlite3			*locker = NULL;
	struct timespec		 t0;
	char			*cause = NULL, *before;
	double			 took;
	int			 ver;

	/* A clerk's program with a short busy timeout. */
	st2 = store_open(db_path, STORE_OPEN_EXISTING, 300, &cause);
	CHECK(st2 != NULL);
	if (st2 == NULL) {
		free(cause);
		return;
	}
	CHECK_INT(store_result_load(st2, node1, 2021, &e, &cause), 0);
	if (e == NULL) {
		store_close(st2);
		return;
	}
	ver = e->ver;
	set_text(&e->text, "混雑中の入力");
	type_actual(e, 0, "50回", "");
	/* Another writer holds the write lock. */
	CHECK_INT(sqlite3_open(db_path, &locker), SQLITE_OK);
	CHECK_INT(sqlite3_exec(locker, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	before = snapshot();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(store_result_save(st2, e, "kikaku", ver, &cur, &cause), STORE_BUSY);
	took = elapsed_since(&t0);
	CHECK(took >= 0.25 && took < 3.0);
	CHECK(cause && strstr(cause, "他の担当者が更新中です"));
	free(cause);
	cause = NULL;
	CHECK(cur == NULL);
	/* Transitions and years wait the same way. */
	CHECK_INT(store_result_submit(st2, e, "kikaku", ver, NULL, &cause), STORE_BUSY);
	free(cause);
	cause = NULL;
	CHECK_INT(store_year_set_open(st2, 2025, 1, "kikaku", NULL, &cause), STORE_BUSY);
	free(cause);
	cause = NULL;
	/* Nothing was written and nothing typed was lost. */
	CHECK_STR(e->text, "混雑中の入力");
	CHECK_INT(e->ver, ver);
	sqlite3_exec(locker, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(locker);
	CHECK_UNCHANGED(before);
	free(before);
	/* Once the other writer is done, the same save goes through. */
	CHECK_INT(store_result_save(st2, e, "kikaku", ver, &cur, &cause), 0);
	free(cause);
	CHECK_INT(e->ver, ver + 1);
	CHECK_Q("混雑中の入力", "SELECT text FROM result WHERE node_id = %lld"
	    " AND fy = 2021", node1);
	store_result_free(e);
	store_close(st2);
}

TEST(test_dup_and_changed)
{
	struct result_entry	*e = load(node1, 2021), *c;

	CHECK(e != NULL);
	if (e == NULL)
		return;
	c = store_result_dup(e);
	CHECK(!store_result_changed(e, c));
	CHECK(c->text != e->text && strcmp(c->text, e->text) == 0);
	set_text(&c->text, "変更");
	CHECK(store_result_changed(e, c));
	set_text(&c->text, e->text);
	CHECK(!store_result_changed(e, c));
	type_actual(c, 1, "未実施", "");
	CHECK(store_result_changed(e, c));
	store_result_free(c);
	c = store_result_dup(e);
	set_text(&c->grade, "B");
	CHECK(store_result_changed(e, c));
	store_result_free(c);
	c = store_result_dup(e);
	set_text(&c->indicators[0].note, "注記");
	CHECK(store_result_changed(e, c));
	store_result_free(c);
	store_result_free(e);
}

TEST(test_store_check_stays_clean)
{
	char	*cause = NULL;
	int	 problems = 0;

	CHECK_INT(store_check(st, fixture_count_problem, &problems, &cause), 0);
	CHECK_INT(problems, 0);
	free(cause);
	CHECK_Q("ok", "PRAGMA integrity_check");
}

static long long
id_of(const char *table, const char *key)
{
	return q_int("SELECT id FROM %s WHERE key = '%s'", table, key);
}

/*
 * import --replace deletes the plan and loads it again: the item gets its
 * id back (SQLite hands out the same ids again), yet its entry's version
 * goes on rising, so a form opened before cannot save over the newer
 * entry; and the item's history stays reachable from it.
 */
TEST(test_replace_keeps_versions_rising)
{
	struct result_entry	*stale = load(node1, 2021), *fresh = NULL, *cur = NULL;
	struct pf_doc		 d;
	char			*cause = NULL, *before;
	long long		 hist_node, hist_ind, last_id, again;
	int			 old_ver;

	CHECK(stale != NULL && stale->ver > 0);
	if (stale == NULL)
		return;
	old_ver = stale->ver;
	hist_node = q_int("SELECT count(*) FROM history WHERE node_id = %lld", node1);
	hist_ind = q_int("SELECT count(*) FROM history WHERE indicator_id = %lld",
	    ind_count);
	last_id = q_int("SELECT max(id) FROM history");
	CHECK(hist_node > 0 && hist_ind > 0);

	pf_doc_init(&d);
	CHECK_INT(store_plan_export(st, "y", &d, &cause), 0);
	CHECK_INT(store_plan_import(st, &d, 1, "kikaku", &cause), 0);
	if (cause)
		fprintf(stderr, "replace: %s\n", cause);
	free(cause);
	cause = NULL;
	pf_doc_free(&d);

	again = id_of("node", "1");
	CHECK_INT(again, node1);	/* the dangerous case: the same id */
	fresh = load(again, 2021);
	CHECK(fresh != NULL && fresh->ver > old_ver);
	CHECK(fresh != NULL && strcmp(fresh->text, stale->text) == 0);
	before = snapshot();
	set_text(&stale->text, "置き換える前に開いた画面から保存");
	CHECK_INT(store_result_save(st, stale, "sato", stale->ver, &cur, &cause),
	    STORE_CONFLICT);
	CHECK(cur != NULL && fresh != NULL && cur->ver == fresh->ver);
	free(cause);
	cause = NULL;
	CHECK_UNCHANGED(before);
	free(before);

	/* The history before the replace still belongs to the item and to
	 * its indicator. */
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE node_id = %lld AND"
	    " id <= %lld", again, last_id), hist_node);
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE indicator_id = %lld"
	    " AND id <= %lld", id_of("indicator", "1-1"), last_id), hist_ind);
	store_result_free(stale);
	store_result_free(fresh);
	store_result_free(cur);
	ind_count = id_of("indicator", "1-1");
	ind_done = id_of("indicator", "1-2");
	ind_pct = id_of("indicator", "1-3");
	ind_staff = id_of("indicator", "24-1");
	node24 = id_of("node", "24");
	node_top = id_of("node", "I");
}

int
main(void)
{
	if ((st = fixture_setup(dir, plan_text, users, &db_path)) == NULL ||
	    peek_open(db_path) != 0) {
		fprintf(stderr, "cannot load the test plan\n");
		return 1;
	}
	node1 = id_of("node", "1");
	node24 = id_of("node", "24");
	node_top = id_of("node", "I");
	ind_count = id_of("indicator", "1-1");
	ind_done = id_of("indicator", "1-2");
	ind_pct = id_of("indicator", "1-3");
	ind_staff = id_of("indicator", "24-1");

	RUN(test_load_before_anything_is_entered);
	RUN(test_years_open_and_close);
	RUN(test_save_new_then_again);
	RUN(test_stale_version_is_a_conflict);
	RUN(test_actual_number_or_text_by_unit);
	RUN(test_only_the_department_in_charge_edits);
	RUN(test_refusals_in_a_batch_are_kept_after_it);
	RUN(test_submit_return_resubmit_confirm);
	RUN(test_closed_year_needs_a_planner);
	RUN(test_history_lists_newest_first);
	RUN(test_busy_database);
	RUN(test_dup_and_changed);
	RUN(test_replace_keeps_versions_rising);
	RUN(test_store_check_stays_clean);

	sqlite3_close(raw);
	fixture_teardown(st, dir, db_path);
	(void)ind_staff;
	DONE();
}
