/*
 * Results files, as an office that gathers its results in Excel uses
 * them: CP932 read back with its folded pairs; the file's rows checked
 * with every error at FILE:LINE:COLUMN; the template of a fiscal year in
 * plan order with its context; and the import of a filled-in file through
 * the results form's own store functions, as clerks, a supervisor and a
 * planner: the history exactly as the form writes it, a dry run that
 * writes nothing, unchanged rows that need no permission, a row changed
 * since the export refused naming who changed it, another department's
 * item refused with the workflow's reason and nothing else written, and
 * indicators reported on their own moved through their workflow.
 * Run from the top of the source tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fixture.h"
#include "harness.h"
#include "peek.h"
#include "shisaku/config.h"
#include "shisaku/textenc.h"
#include "shisaku/resultfile.h"
#include "shisaku/store-actual.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-result.h"
#include "shisaku/store-resultfile.h"
#include "shisaku/store-user.h"
#include "shisaku/util.h"
#include "shisaku/value.h"

static char dir[] = "/tmp/shisaku-test-results-file-XXXXXX";
static struct config *cfg;

static const char plan_text[] =
    "shisaku-plan,1\n"
    "plan,t,試験計画,2021,2025,試験市,\n"
    "level,t,1,基本方針\n"
    "level,t,2,取組\n"
    "dept,試験市/協働課,協働課,試験市,\n"
    "dept,試験市/総務課,総務課,試験市,\n"
    "node,t,I,,Ⅰ,協働のまちづくり,,,,,,\n"
    "node,t,1,I,No.1,出前講座,,2021,2025,,,\n"
    "node,t,2,I,No.2,職員研修,,2021,2025,,,\n"
    "node,t,3,I,No.3,終わった取組,,2019,2020,,,\n"
    "assign,t,I,試験市/協働課,1,,\n"
    "assign,t,1,試験市/協働課,1,,\n"
    "assign,t,2,試験市/総務課,1,,\n"
    "assign,t,3,試験市/協働課,1,,\n"
    "indicator,t,p-1,,市民満足度,市民指標,%,増加,,50%,2020,60%,2025,,\n"
    "indicator,t,I-1,I,協働事業数,,件,増加,,,,10件,2025,,\n"
    "indicator,t,1-1,1,出前講座の回数,,回,増加,,,,50回,2025,,\n"
    "target,t,1-1,2021,40回\n"
    "indicator,t,1-2,1,講座の実施,,,,,,,実施,2025,,\n"
    "indicator,t,2-1,2,研修受講者数,,人,増加,,,,200人,2025,,,試験市/総務課\n"
    "indicator,t,3-1,3,終わった指標,,件,,,,,,,,\n";

/* ---- set-up ---- */

static struct store *
make_db(const char *name)
{
	struct store	*st;
	char		*path = xasprintf("%s/%s", dir, name), *cause = NULL;

	if ((st = fixture_store(path, plan_text, cfg)) != NULL &&
	    (store_user_put(st, "sato", "佐藤", ROLE_CLERK, "試験市/協働課", 0,
	    &cause) != 0 ||
	    store_user_put(st, "tanaka", "田中", ROLE_CLERK, "試験市/総務課", 0,
	    &cause) != 0 ||
	    store_user_put(st, "kacho", "課長", ROLE_SUPERVISOR, NULL, 0,
	    &cause) != 0 ||
	    store_user_put(st, "kikaku", "企画", ROLE_PLANNER, NULL, 0,
	    &cause) != 0 ||
	    store_year_set_open(st, 2021, 1, "kikaku", NULL, &cause) != 0)) {
		fprintf(stderr, "set-up: %s\n", cause);
		free(cause);
		store_close(st);
		st = NULL;
	}
	free(path);
	return st;
}

static struct store *st;	/* the database the stories run on */

/* Everything the import may touch, to see that nothing moved (the
 * history but its refusals, which are kept whatever the import did). */
static char *
snapshot(void)
{
	return q_text("SELECT group_concat(x, '|') FROM ("
	    "SELECT node_id || fy || ver || state || coalesce(status, '')"
	    " || coalesce(grade, '') || text || comment || return_comment"
	    " || entered_by || confirmed_by AS x FROM result"
	    " UNION ALL SELECT indicator_id || fy || coalesce(num, '')"
	    " || coalesce(txt, '') || note || coalesce(state, '') || ver"
	    " FROM indicator_actual UNION ALL SELECT count(*) FROM history"
	    " WHERE field <> 'refused')");
}

/* The version of item KEY's result for 2021 (0 when none). */
static int
ver_item(const char *key)
{
	return (int)q_int("SELECT coalesce((SELECT r.ver FROM result r JOIN node n"
	    " ON n.id = r.node_id WHERE n.key = '%s' AND r.fy = 2021), 0)", key);
}

static int
ver_actual(const char *key)
{
	return (int)q_int("SELECT coalesce((SELECT a.ver FROM indicator_actual a"
	    " JOIN indicator i ON i.id = a.indicator_id WHERE i.key = '%s'"
	    " AND a.fy = 2021), 0)", key);
}

/* Reads text as file.csv and imports it as login; *errs gets the errors,
 * one a line (malloc'd, "" when none). */
static int
import_as(const char *login, const char *text, int dry,
    struct store_results_count *n, char **errs)
{
	struct store_resolver	 res;
	struct rf_doc		 d;
	char			*cause = NULL, *all = xstrdup(""), *t;
	size_t			 i;
	int			 rc;

	store_resolver_init(&res, st, cfg);
	rf_doc_init(&d);
	/* As import --results does: the rows read with errors are not
	 * tried, the others are. */
	rf_read(&d, "file.csv", text, strlen(text), &res.res);
	rc = store_results_import(st, &d, login, dry, n, &cause);
	if (cause != NULL) {
		t = xasprintf("%s%s\n", all, cause);
		free(all);
		all = t;
		free(cause);
	}
	for (i = 0; i < d.nkept; i++) {
		t = xasprintf("%s%s\n", all, d.errors[i]);
		free(all);
		all = t;
	}
	rf_doc_free(&d);
	*errs = all;
	return rc;
}

/* Expects text to import as login (dry: a dry run) with no error, nres
 * results and nact actuals changed. */
#define CHECK_IMPORTED(login, text, dry, nres, nact) do {           \
	struct store_results_count n_;                              \
	char *e_ = NULL;                                            \
	CHECK_INT(import_as((login), (text), (dry), &n_, &e_), 0);  \
	CHECK_STR(e_, "");                                          \
	CHECK_INT(n_.results, (nres));                              \
	CHECK_INT(n_.actuals, (nact));                              \
	free(e_);                                                   \
} while (0)

/* Whether hay holds needle; when not, what it holds is shown, for the
 * check that expected it to fail with something to read. */
static int
contains(const char *hay, const char *needle)
{
	if (hay != NULL && strstr(hay, needle) != NULL)
		return 1;
	fprintf(stderr, "no \"%s\" in:\n%s\n", needle, hay ? hay : "(null)");
	return 0;
}

/* Whether hay lacks needle; when not, what it holds is shown. */
static int
lacks(const char *hay, const char *needle)
{
	if (hay == NULL || strstr(hay, needle) == NULL)
		return 1;
	fprintf(stderr, "\"%s\" in:\n%s\n", needle, hay);
	return 0;
}

/* ---- CP932 ---- */

TEST(test_cp932_pairs_and_decoding)
{
	/* 取組 and 〜 in CP932, then one damaged byte in UTF-8 text. */
	static const char sjis[] = "\x8e\xe6\x91\x67\x81\x60\n";
	static const char damaged[] = "取組の実績を入力する\xff";
	enum text_encoding enc;
	char	*out = NULL, *cause = NULL;
	size_t	 len = 0, line = 0, col = 0;

	CHECK(textenc_cp932_same("10〜20", "10～20"));
	CHECK(textenc_cp932_same("—", "―"));
	CHECK(textenc_cp932_same("−5 ‖ ¢£¬", "－5 ∥ ￠￡￢"));
	CHECK(textenc_cp932_same(NULL, ""));
	CHECK(!textenc_cp932_same("10〜20", "10-20"));
	CHECK(!textenc_cp932_same("取組", "取組み"));
	CHECK(!textenc_cp932_same("a", "a\xff"));

	CHECK_INT(textenc_detect(sjis, strlen(sjis), &enc, NULL, NULL, &cause), 0);
	CHECK_INT(enc, TENC_CP932);
	/* A UTF-8 file with one bad byte stays UTF-8, and says where. */
	CHECK_INT(textenc_detect(damaged, strlen(damaged), &enc, &line, &col,
	    &cause), -1);
	CHECK(contains(cause, "バイト 0xFF は UTF-8 として読めません"));
	CHECK(line == 1 && col == 11);
	free(cause);
	cause = NULL;
	CHECK_INT(textenc_decode(sjis, strlen(sjis), TENC_CP932, &out, &len,
	    NULL, NULL, &cause), 0);
	CHECK_STR(out, "取組〜\n");
	CHECK_INT(len, strlen("取組〜\n"));
	free(out);
	/* 0x85 0x40 is no CP932 character: named with its line. */
	CHECK_INT(textenc_decode("a\nb\n\x85\x40", 7, TENC_CP932, &out, &len,
	    &line, &col, &cause), -1);
	CHECK(contains(cause, "バイト 0x85") && line == 3 && col == 1);
	free(cause);
}

/* ---- the file's form ---- */

TEST(test_rows_are_checked_with_line_and_column)
{
	struct store_resolver	 res;
	struct rf_doc		 d;
	char			*all = xstrdup(""), *t;
	size_t			 i;
	static const char text[] =
	    "shisaku-results,1\n"
	    "#result,PLAN,NODE,...\n"
	    "\n"
	    "result,t,1,R3,やってる,Z,送信,,,,,,,,x\n"
	    "result,t,99,2021,,,,,,,,,,,0\n"
	    "actual,t,nope,2021,,,,,,,,,0\n"
	    "actual,other,1-1,2021,,,,,,,,,0\n"
	    "result,t,2,2021,,,,,,,,,,,\n"
	    "memo,t\n"
	    "result,t,1,2021,,,,,,,,,,,0,,,,extra\n"
	    "result,t,2,R3,完了,A,提出,\"二行の\n実績\",,,,,,,３\n"
	    "actual,t,1-1,2021,,,未入力,,,,,,0\n"
	    "result,t,2,2021,,,,,,,,,,,0\n"
	    "actaul,t,1-1,2021,,,,,,,,,0\n"
	    "Result,t,2,2022,,,,,,,,,,,0\n";

	store_resolver_init(&res, st, cfg);
	rf_doc_init(&d);
	CHECK_INT(rf_read(&d, "file.csv", text, strlen(text), &res.res), 13);
	for (i = 0; i < d.nkept; i++) {
		t = xasprintf("%s%s\n", all, d.errors[i]);
		free(all);
		all = t;
	}
	CHECK(contains(all, "file.csv:4:5: 状況「やってる」は使えません"));
	CHECK(contains(all, "file.csv:4:6: 評価「Z」は評価の段階にありません"));
	CHECK(contains(all, "file.csv:4:7: 状態「送信」は使えません"));
	CHECK(contains(all, "file.csv:4:15: VER「x」は"));
	CHECK(contains(all, "file.csv:5:3: 計画「t」に取組「99」がありません"));
	CHECK(contains(all, "file.csv:6:3: 計画「t」に指標「nope」がありません"));
	CHECK(contains(all, "file.csv:7:2: 計画「other」がありません"));
	CHECK(contains(all, "file.csv:8:15: VER が空です"));
	CHECK(contains(all, "file.csv:9:1: 不明な行の種類「memo」（result, actual）"));
	CHECK(contains(all, "file.csv:15:1: 不明な行の種類「actaul」（actual の誤りではありませんか）"));
	CHECK(contains(all, "file.csv:16:1: 不明な行の種類「Result」（行の種類は小文字で result と書きます）"));
	CHECK(contains(all, "file.csv:10:19: result の行は 18 列までです"));
	CHECK(contains(all, "file.csv:14:4: 取組「2」の 2021 年度は 11 行目にも"));
	/* The good rows in canonical form. */
	for (i = 0; i < d.n; i++) {
		if (d.rows[i].line == 11) {
			CHECK_STR(d.rows[i].f[RR_FY], "2021");
			CHECK_STR(d.rows[i].f[RR_STATE], "提出済");
			CHECK_STR(d.rows[i].f[RR_TEXT], "二行の\n実績");
			CHECK_INT(d.rows[i].ver, 3);
		}
		if (d.rows[i].line == 13)
			CHECK_STR(d.rows[i].f[RA_STATE], "");
	}
	free(all);
	rf_doc_free(&d);

	/* Not a results file: a plan file is told apart. */
	rf_doc_init(&d);
	CHECK_INT(rf_read(&d, "plan.csv", "shisaku-plan,1\n", 15, &res.res), 1);
	CHECK(d.nerrors == 1 && contains(d.errors[0], "plan.csv:1:1: 計画ファイルです"));
	rf_doc_free(&d);
	rf_doc_init(&d);
	CHECK_INT(rf_read(&d, "x.csv", "", 0, &res.res), 1);
	CHECK(d.nerrors == 1 && contains(d.errors[0], "空のファイル"));
	rf_doc_free(&d);
	/* A spreadsheet's empty rows (",,,,,") are blank rows, before the
	 * header too. */
	rf_doc_init(&d);
	CHECK_INT(rf_read(&d, "e.csv", ",,,,\r\nshisaku-results,1,,\r\n"
	    ",,,,,,,,,,,,,,\r\n", 43, &res.res), 0);
	CHECK_INT(d.nerrors, 0);
	rf_doc_free(&d);
	/* The header and a comment indented, as copied out of a page. */
	rf_doc_init(&d);
	CHECK_INT(rf_read(&d, "i.csv", "   shisaku-results,1\n   # 写し\n", 33,
	    &res.res), 0);
	CHECK_INT(d.nerrors, 0);
	rf_doc_free(&d);
	rf_doc_init(&d);
	CHECK_INT(rf_read(&d, "p.csv", "  shisaku-plan,1\n", 17, &res.res), 1);
	CHECK(d.nerrors == 1 && contains(d.errors[0], "p.csv:1:1: 計画ファイルです"));
	rf_doc_free(&d);
}

/* ---- the template ---- */

static int
export_doc(int fy, struct rf_doc *d, char **cause)
{
	rf_doc_init(d);
	return store_results_export(st, "t", fy, d, cause);
}

TEST(test_template_in_plan_order)
{
	static const char *const want[][3] = {
		{ "actual", "p-1", "企画担当" },	/* the plan's own */
		{ "actual", "I-1", "協働課" },	/* a policy's, its dept */
		{ "result", "1", "協働課" },
		{ "actual", "1-1", "協働課" },	/* entered with No.1 */
		{ "actual", "1-2", "協働課" },
		{ "result", "2", "総務課" },
		{ "actual", "2-1", "総務課" },	/* its own department */
	};
	struct rf_doc	 d;
	char		*cause = NULL, *buf = NULL;
	size_t		 i, len = 0;
	FILE		*f;

	CHECK_INT(export_doc(2021, &d, &cause), 0);
	CHECK_INT(d.n, 7);	/* No.3 ended in 2020 */
	for (i = 0; i < d.n && i < 7; i++) {
		CHECK_STR(rf_kind_name(d.rows[i].kind), want[i][0]);
		CHECK_STR(d.rows[i].f[RR_NODE], want[i][1]);
		CHECK_STR(d.rows[i].f[d.rows[i].kind == RF_RESULT ? RR_DEPT :
		    RA_DEPT], want[i][2]);
		CHECK_STR(d.rows[i].f[RR_FY], "2021");
		CHECK_STR(d.rows[i].f[d.rows[i].kind == RF_RESULT ? RR_VER :
		    RA_VER], "0");
	}
	if (d.n == 7) {
		CHECK_STR(d.rows[2].f[RR_CODE], "No.1");
		CHECK_STR(d.rows[2].f[RR_TITLE], "出前講座");
		CHECK_STR(d.rows[3].f[RA_NAME], "出前講座の回数");
		CHECK_STR(d.rows[3].f[RA_UNIT], "回");
		CHECK_STR(d.rows[3].f[RA_TARGET], "40回");
		CHECK_STR(d.rows[3].f[RA_FINAL], "50回（令和7(2025)年度）");
		CHECK_STR(d.rows[0].f[RA_TITLE], "試験計画");
	}
	/* Written and read back, the rows are the same. */
	f = open_memstream(&buf, &len);
	rf_write(&d, f, ',', "\r\n", 1);
	fclose(f);
	CHECK(strncmp(buf, "\xef\xbb\xbfshisaku-results,1\r\n#result,PLAN,NODE,FY,",
	    40) == 0);
	{
		struct store_resolver	res;
		struct rf_doc		back;

		store_resolver_init(&res, st, cfg);
		rf_doc_init(&back);
		CHECK_INT(rf_read(&back, "t.csv", buf, len, &res.res), 0);
		CHECK_INT(back.n, d.n);
		for (i = 0; i < back.n && i < d.n; i++) {
			CHECK_INT(back.rows[i].kind, d.rows[i].kind);
			CHECK_STR(back.rows[i].f[RR_NODE], d.rows[i].f[RR_NODE]);
			CHECK_STR(back.rows[i].f[RF_MAX_COLS - 1],
			    d.rows[i].f[RF_MAX_COLS - 1]);
			CHECK_INT(back.rows[i].line, i + 4);
		}
		rf_doc_free(&back);
	}
	free(buf);
	rf_doc_free(&d);

	CHECK_INT(export_doc(2030, &d, &cause), -1);
	CHECK(contains(cause, "期間"));
	free(cause);
	cause = NULL;
	rf_doc_free(&d);
	rf_doc_init(&d);
	CHECK_INT(store_results_export(st, "nosuch", 2021, &d, &cause), -1);
	CHECK(contains(cause, "計画「nosuch」がありません"));
	free(cause);
	rf_doc_free(&d);
}

/* ---- importing ---- */

/* The file a clerk of 協働課 fills in: No.1 with a status, a text, an
 * actual typed with full-width digits and submitted, and the policy's
 * indicator I-1 reported on its own. */
static char *
sato_file(void)
{
	return xasprintf("shisaku-results,1\n"
	    "actual,t,p-1,2021,,,,,,,,,%d\n"
	    "actual,t,I-1,2021,3件,区の集計,,,,,,,%d\n"
	    "result,t,1,2021,実施中,A,提出済,出前講座を42回開催,次年度も継続,"
	    ",,,,,%d\n"
	    "actual,t,1-1,2021,４２回,,,,,,,,%d\n"
	    "actual,t,1-2,2021,,,,,,,,,%d\n"
	    "result,t,2,2021,,,,,,,,,,,%d\n",
	    ver_actual("p-1"), ver_actual("I-1"), ver_item("1"), ver_item("1"),
	    ver_item("1"), ver_item("2"));
}

/* The history without times, in order. */
static char *
history(sqlite3 *db)
{
	sqlite3		*keep = raw;
	char		*h;

	raw = db;
	h = q_text("SELECT group_concat(x, '|') FROM (SELECT login || ','"
	    " || coalesce(node_id, '') || ',' || coalesce(indicator_id, '')"
	    " || ',' || coalesce(fy, '') || ',' || field || ','"
	    " || coalesce(old_value, '') || ',' || coalesce(new_value, '') AS x"
	    " FROM history ORDER BY id)");
	raw = keep;
	return h;
}

/* What the results form does for the same entries, on a second database. */
static char *
form_history(void)
{
	struct store		*two = make_db("form.db");
	struct actual_entry	*a = NULL;
	struct result_entry	*e = NULL;
	sqlite3			*db = NULL;
	char			*cause = NULL, *h = NULL, *path;
	long long		 ind = 0, node = 0;

	if (two == NULL)
		return xstrdup("(no database)");
	path = xasprintf("%s/form.db", dir);
	sqlite3_open(path, &db);
	free(path);
	{
		sqlite3 *keep = raw;

		raw = db;
		ind = q_int("SELECT id FROM indicator WHERE key = 'I-1'");
		node = q_int("SELECT id FROM node WHERE key = '1'");
		raw = keep;
	}
	if (store_actual_load(two, ind, 2021, &a, &cause) == 0) {
		value_clear(&a->actual);
		value_parse("3件", a->unit, &a->actual, &cause);
		free(a->note);
		a->note = xstrdup("区の集計");
		store_actual_save(two, a, "sato", a->ver, NULL, &cause);
	}
	if (store_result_load(two, node, 2021, &e, &cause) == 0) {
		e->status = "in_progress";
		e->grade = xstrdup("A");
		free(e->text);
		e->text = xstrdup("出前講座を42回開催");
		free(e->comment);
		e->comment = xstrdup("次年度も継続");
		value_parse("42回", e->indicators[0].unit, &e->indicators[0].actual,
		    &cause);
		if (store_result_save(two, e, "sato", e->ver, NULL, &cause) == 0)
			store_result_submit(two, e, "sato", e->ver, NULL, &cause);
	}
	if (cause != NULL) {
		fprintf(stderr, "form: %s\n", cause);
		free(cause);
	}
	store_actual_free(a);
	store_result_free(e);
	h = history(db);
	sqlite3_close(db);
	store_close(two);
	return h;
}

TEST(test_clerk_import_goes_through_the_form)
{
	struct store_results_count	 n;
	char				*text = sato_file(), *errs = NULL, *before;
	char				*mine, *form;

	/* A dry run checks everything and writes nothing. */
	before = snapshot();
	CHECK_INT(import_as("sato", text, 1, &n, &errs), 0);
	CHECK_STR(errs, "");
	CHECK_INT(n.results, 1);
	CHECK_INT(n.actuals, 2);
	CHECK_INT(n.unchanged, 3);
	{
		CHECK_UNCHANGED(before);
	}
	free(errs);

	CHECK_INT(import_as("sato", text, 0, &n, &errs), 0);
	CHECK_STR(errs, "");
	free(errs);
	CHECK_Q("in_progress|A|submitted|出前講座を42回開催|次年度も継続|sato",
	    "SELECT r.status || '|' || r.grade || '|' || r.state || '|' || r.text"
	    " || '|' || r.comment || '|' || r.entered_by FROM result r"
	    " JOIN node n ON n.id = r.node_id WHERE n.key = '1' AND r.fy = 2021");
	CHECK_Q("42.0", "SELECT a.num FROM indicator_actual a JOIN indicator i"
	    " ON i.id = a.indicator_id WHERE i.key = '1-1'");
	CHECK_Q("3.0|区の集計|draft|sato", "SELECT a.num || '|' || a.note || '|'"
	    " || a.state || '|' || a.entered_by FROM indicator_actual a"
	    " JOIN indicator i ON i.id = a.indicator_id WHERE i.key = 'I-1'");
	CHECK_INT(q_int("SELECT count(*) FROM result"), 1);	/* No.2 untouched */

	/* The history is what the form writes for the same entries. */
	mine = history(raw);
	form = form_history();
	CHECK_STR(mine, form);
	CHECK(contains(mine, "sato,"));
	free(mine);
	free(form);
	free(before);
	free(text);
}

/* Loads text as login and checks it is taken without an error, writes
 * nothing and counts every one of its rows unchanged. */
static void
expect_nothing_written(const char *login, const char *text, size_t rows)
{
	struct store_results_count	 n;
	char				*errs = NULL, *before = snapshot();

	CHECK_INT(import_as(login, text, 0, &n, &errs), 0);
	CHECK_STR(errs, "");
	CHECK_INT(n.results + n.actuals, 0);
	CHECK_INT(n.unchanged, rows);
	CHECK_UNCHANGED(before);
	free(before);
	free(errs);
}

TEST(test_unchanged_rows_need_no_permission)
{
	/* An old export (every VER 0) whose rows are what the database has
	 * now for No.1: nothing to write, even for 総務課's clerk. */
	expect_nothing_written("tanaka",
	    "shisaku-results,1\n"
	    "result,t,1,2021,実施中,A,提出済,出前講座を42回開催,次年度も継続,"
	    ",,,,,0\n"
	    "actual,t,1-1,2021,42回,,,,,,,,0\n"
	    "result,t,2,2021,,,,,,,,,,,0\n", 3);
}

/* Another department's copy of the same template, written before sato
 * entered No.1 and I-1: their rows blank at VER 0 say nothing of them,
 * so they neither conflict nor ask for permission. */
TEST(test_blank_rows_of_an_old_template_say_nothing)
{
	CHECK(q_int("SELECT count(*) FROM result r JOIN node n ON n.id ="
	    " r.node_id WHERE n.key = '1' AND r.fy = 2021 AND r.ver > 0") == 1);
	expect_nothing_written("tanaka",
	    "shisaku-results,1\n"
	    "result,t,1,2021,,,,,,,,,,,0\n"
	    "actual,t,1-1,2021,,,,,,,,,0\n"
	    "actual,t,I-1,2021,,,,,,,,,0\n", 3);
}

/* A number where the forms take a number only: text is refused as the
 * forms refuse it; an indicator whose targets are text takes text. */
TEST(test_text_refused_where_a_number_is_read)
{
	struct store_results_count	 n;
	char				*errs = NULL, *text;

	text = xasprintf("shisaku-results,1\n"
	    "actual,t,1-1,2021,三回,,,,,,,,%d\n"
	    "actual,t,1-2,2021,実施した,,,,,,,,%d\n"
	    "actual,t,I-1,2021,たくさん,,,,,,,,%d\n",
	    ver_item("1"), ver_item("1"), ver_actual("I-1"));
	CHECK_INT(import_as("sato", text, 1, &n, &errs), 1);
	CHECK(contains(errs, "file.csv:2:5: 指標「出前講座の回数」の実績値「三回」"
	    "は数値として読めません。例: 42、1,200回、１，２００回"));
	CHECK(contains(errs, "file.csv:4:5: 指標「協働事業数」の実績値「たくさん」"
	    "は数値として読めません"));
	CHECK(lacks(errs, "file.csv:3:"));
	free(errs);
	free(text);
}

TEST(test_changed_since_export_is_refused_naming_who)
{
	struct store_results_count	 n;
	struct result_entry		*e = NULL;
	char				*text, *errs = NULL, *before, *cause = NULL;
	int				 old = ver_item("1");

	text = xasprintf("shisaku-results,1\n"
	    "result,t,1,2021,完了,A,提出済,出前講座を45回開催,次年度も継続,"
	    ",,,,,%d\n", old);
	/* After the export the supervisor sends No.1 back. */
	if (store_result_load(st, q_int("SELECT id FROM node WHERE key = '1'"),
	    2021, &e, &cause) == 0)
		CHECK_INT(store_result_return(st, e, "kacho", e->ver, "回数の根拠を",
		    NULL, &cause), 0);
	free(cause);
	store_result_free(e);
	/* Then 総務課's clerk tries No.1 from a fresh export and is
	 * refused: a refusal is in the history after the return, and
	 * changed nothing. */
	{
		char *fresh = xasprintf("shisaku-results,1\n"
		    "result,t,1,2021,完了,A,,出前講座を45回開催,次年度も継続,"
		    ",,,,,%d\n", ver_item("1"));
		long long r0 = q_int("SELECT count(*) FROM history"
		    " WHERE field = 'refused'");

		CHECK_INT(import_as("tanaka", fresh, 0, &n, &errs), 1);
		CHECK_INT(q_int("SELECT count(*) FROM history"
		    " WHERE field = 'refused'"), r0 + 1);
		free(errs);
		errs = NULL;
		free(fresh);
	}
	before = snapshot();
	CHECK_INT(import_as("sato", text, 0, &n, &errs), 1);
	CHECK(contains(errs, "file.csv:2:15: 取組 No.1「出前講座」の令和3年度の"
	    "実績は書き出した後に kacho が "));
	CHECK(contains(errs, "（状態、差戻しコメント）"));
	CHECK(lacks(errs, "拒否"));
	CHECK_UNCHANGED(before);
	free(errs);
	free(text);

	/* The same change from a fresh export goes in: a returned result is
	 * the clerk's to fix and submit again. */
	text = xasprintf("shisaku-results,1\n"
	    "result,t,1,2021,完了,A,提出済,出前講座を45回開催,次年度も継続,"
	    ",,,,,%d\n", ver_item("1"));
	CHECK_INT(import_as("sato", text, 0, &n, &errs), 0);
	CHECK_STR(errs, "");
	CHECK_Q("done|submitted|出前講座を45回開催", "SELECT r.status || '|' ||"
	    " r.state || '|' || r.text FROM result r JOIN node n"
	    " ON n.id = r.node_id WHERE n.key = '1'");
	free(errs);
	free(before);
	free(text);
}

TEST(test_other_department_refused_and_nothing_written)
{
	struct store_results_count	 n;
	char				*text, *errs = NULL, *before = snapshot(), *now;

	/* 総務課's clerk fills in its own No.2 and, by mistake, 協働課's
	 * I-1: refused with the workflow's reason, and No.2 is not written
	 * either. */
	text = xasprintf("shisaku-results,1\n"
	    "actual,t,I-1,2021,5件,,,,,,,,%d\n"
	    "result,t,2,2021,実施中,,,研修を3回,,,,,,,%d\n"
	    "actual,t,2-1,2021,１２０人,,,,,,,,%d\n",
	    ver_actual("I-1"), ver_item("2"), ver_actual("2-1"));
	CHECK_INT(import_as("tanaka", text, 0, &n, &errs), 1);
	CHECK(contains(errs, "file.csv:2:5: 指標「協働事業数」（Ⅰ 協働のまちづくり）"
	    "の令和3年度の実績値: この指標は総務課の担当ではありません（担当: 協働課）"));
	CHECK_UNCHANGED(before);
	/* The refusal itself is kept: who, which indicator and year, why. */
	now = q_text("SELECT h.new_value FROM history h JOIN indicator i"
	    " ON i.id = h.indicator_id WHERE h.field = 'refused' AND h.login ="
	    " 'tanaka' AND i.key = 'I-1' AND h.fy = 2021");
	CHECK_STR(now, "実績値の編集: この指標は総務課の担当ではありません（担当: 協働課）");
	free(now);
	free(errs);
	free(text);

	/* Without that row it goes in: No.2 and its own-department 2-1. */
	text = xasprintf("shisaku-results,1\n"
	    "result,t,2,2021,実施中,,,研修を3回,,,,,,,%d\n"
	    "actual,t,2-1,2021,１２０人,,提出済,,,,,,%d\n",
	    ver_item("2"), ver_actual("2-1"));
	CHECK_IMPORTED("tanaka", text, 0, 1, 1);
	CHECK_Q("120.0|submitted|tanaka", "SELECT a.num || '|' || a.state || '|'"
	    " || a.entered_by FROM indicator_actual a JOIN indicator i"
	    " ON i.id = a.indicator_id WHERE i.key = '2-1'");
	free(text);
	free(before);
}

TEST(test_workflow_through_the_file)
{
	struct store_results_count	 n;
	char				*text, *errs = NULL, *before;

	/* The planners report the plan's own indicator and submit it. */
	text = xasprintf("shisaku-results,1\n"
	    "actual,t,p-1,2021,５５．５％,調査による,提出済,,,,,,%d\n",
	    ver_actual("p-1"));
	CHECK_INT(import_as("kikaku", text, 0, &n, &errs), 0);
	CHECK_STR(errs, "");
	CHECK_Q("55.5|submitted|kikaku", "SELECT a.num || '|' || a.state || '|'"
	    " || a.entered_by FROM indicator_actual a JOIN indicator i"
	    " ON i.id = a.indicator_id WHERE i.key = 'p-1'");
	free(errs);
	free(text);

	/* A clerk may not report it. */
	text = xasprintf("shisaku-results,1\n"
	    "actual,t,p-1,2021,56%%,調査による,提出済,,,,,,%d\n",
	    ver_actual("p-1"));
	CHECK_INT(import_as("sato", text, 0, &n, &errs), 1);
	CHECK(contains(errs, "file.csv:2:5: "));
	CHECK(contains(errs, "企画担当が実績を報告します"));
	free(errs);
	free(text);

	/* The supervisor confirms it and No.1 with the file's STATE. */
	text = xasprintf("shisaku-results,1\n"
	    "actual,t,p-1,2021,55.5%%,調査による,確認済,,,,,,%d\n"
	    "result,t,1,2021,完了,A,確認,出前講座を45回開催,次年度も継続,"
	    ",,,,,%d\n", ver_actual("p-1"), ver_item("1"));
	CHECK_IMPORTED("kacho", text, 0, 1, 1);
	CHECK_Q("confirmed|kacho", "SELECT a.state || '|' || a.confirmed_by"
	    " FROM indicator_actual a JOIN indicator i ON i.id = a.indicator_id"
	    " WHERE i.key = 'p-1'");
	CHECK_Q("confirmed|kacho", "SELECT r.state || '|' || r.confirmed_by"
	    " FROM result r JOIN node n ON n.id = r.node_id WHERE n.key = '1'");
	free(text);

	/* What the workflow or the file does not allow. */
	before = snapshot();
	text = xasprintf("shisaku-results,1\n"
	    "result,t,1,2021,完了,A,確認済,出前講座を46回開催,次年度も継続,"
	    ",,,,,%d\n"
	    "actual,t,1-1,2021,46回,,提出済,,,,,,%d\n"
	    "result,t,2,2021,実施中,,確認済,研修を3回,,,,,,,%d\n",
	    ver_item("1"), ver_item("1"), ver_item("2"));
	CHECK_INT(import_as("sato", text, 0, &n, &errs), 1);
	CHECK(contains(errs, "file.csv:3:7: 指標「1-1」は取組の実績と一緒に"));
	CHECK(contains(errs, "file.csv:4:7: 取組 No.2「職員研修」の令和3年度の実績:"
	    " 確認は管理職または企画担当だけができます"));
	{
		CHECK_UNCHANGED(before);
	}
	free(errs);
	free(text);

	/* A planner sets a confirmed result back to a draft and fixes it. */
	text = xasprintf("shisaku-results,1\n"
	    "result,t,1,2021,完了,A,下書き,出前講座を46回開催,次年度も継続,"
	    ",,,,,%d\n", ver_item("1"));
	CHECK_INT(import_as("kikaku", text, 0, &n, &errs), 0);
	CHECK_STR(errs, "");
	CHECK_Q("draft|出前講座を46回開催|", "SELECT r.state || '|' || r.text || '|'"
	    " || r.confirmed_by FROM result r JOIN node n ON n.id = r.node_id"
	    " WHERE n.key = '1'");
	free(errs);
	free(text);
	free(before);
}

TEST(test_cp932_pairs_are_not_changes)
{
	struct store_results_count	 n;
	struct store_resolver		 res;
	struct rf_doc			 d;
	char				*text, *cause = NULL, *before;
	int				 rc;

	text = xasprintf("shisaku-results,1\n"
	    "result,t,2,2021,実施中,,,研修を4月〜6月に3回,,,,,,,%d\n",
	    ver_item("2"));
	{
		char *errs = NULL;
		CHECK_INT(import_as("tanaka", text, 0, &n, &errs), 0);
		CHECK_STR(errs, "");
		free(errs);
	}
	free(text);
	/* Exported as CP932 and read back, 〜 comes back as ～. */
	text = xasprintf("shisaku-results,1\n"
	    "result,t,2,2021,実施中,,,研修を4月～6月に3回,,,,,,,%d\n",
	    ver_item("2"));
	before = snapshot();
	store_resolver_init(&res, st, cfg);
	rf_doc_init(&d);
	CHECK_INT(rf_read(&d, "sjis.csv", text, strlen(text), &res.res), 0);
	d.cp932 = 1;
	rc = store_results_import(st, &d, "tanaka", 0, &n, &cause);
	CHECK_INT(rc, 0);
	CHECK_INT(n.unchanged, 1);
	CHECK_INT(n.results, 0);
	CHECK_UNCHANGED(before);
	rf_doc_free(&d);
	/* Read as UTF-8, the same text is a change. */
	rf_doc_init(&d);
	CHECK_INT(rf_read(&d, "utf8.csv", text, strlen(text), &res.res), 0);
	CHECK_INT(store_results_import(st, &d, "tanaka", 1, &n, &cause), 0);
	CHECK_INT(n.results, 1);
	rf_doc_free(&d);
	free(before);
	free(text);
	free(cause);
}

/* A grade typed in full width (Ｂ, as a Japanese IME types it in Excel)
 * is the scale's B, in a results file and in a plan file's result row,
 * and is stored as the scale has it. */
TEST(test_grade_typed_in_full_width)
{
	struct store_resolver		 res;
	struct store_results_count	 n;
	struct pf_doc			 pd;
	struct rf_doc			 d;
	char				*text, *errs = NULL;
	static const char plan_rows[] =
	    "shisaku-plan,1\n"
	    "result,t,1,2022,完了,Ａ,下書き,\n"
	    "result,t,2,2022,完了,ｃ,下書き,\n"
	    "result,t,I,2022,完了,Ｚ,下書き,\n";

	store_resolver_init(&res, st, cfg);
	text = xasprintf("shisaku-results,1\n"
	    "result,t,2,2021,実施中,Ｂ,,研修を3回,,,,,,,%d\n", ver_item("2"));
	rf_doc_init(&d);
	CHECK_INT(rf_read(&d, "file.csv", text, strlen(text), &res.res), 0);
	CHECK(d.n == 1 && strcmp(d.rows[0].f[RR_GRADE], "B") == 0);
	rf_doc_free(&d);
	CHECK_INT(import_as("tanaka", text, 0, &n, &errs), 0);
	CHECK_STR(errs, "");
	CHECK_INT(n.results, 1);
	CHECK_Q("B", "SELECT r.grade FROM result r JOIN node n ON n.id = r.node_id"
	    " WHERE n.key = '2' AND r.fy = 2021");
	free(errs);
	free(text);

	pf_doc_init(&pd);
	CHECK_INT(pf_read(&pd, "p.csv", plan_rows, strlen(plan_rows), &res.res, 0),
	    1);
	CHECK(pd.n == 3 && strcmp(pd.recs[0].f[RES_GRADE], "A") == 0);
	CHECK(pd.n == 3 && strcmp(pd.recs[1].f[RES_GRADE], "C") == 0);
	CHECK(pd.nkept == 1 &&
	    contains(pd.errors[0], "p.csv:4:6: 評価「Ｚ」は評価の段階にありません"));
	pf_doc_free(&pd);
}

/* A plan code, item or indicator key typed with the input method on
 * (ｔ, １, Ｉ－１) names the one typed so with it off, as in a plan file:
 * the row reads as if typed so, and imports into that item's result and
 * that indicator's actual. One that names nothing either way is refused
 * as typed. */
TEST(test_keys_typed_in_full_width)
{
	struct store_resolver		 res;
	struct rf_doc			 d;
	char				*text;

	store_resolver_init(&res, st, cfg);
	text = xasprintf("shisaku-results,1\n"
	    "result,ｔ,１,2021,実施中,,,研修を3回,,,,,,,%d\n"
	    "actual,t,Ｉ－１,2021,4件,,,,,,,,%d\n"
	    "result,t,９,2021,実施中,,,,,,,,,,0\n",
	    ver_item("1"), ver_actual("I-1"));
	rf_doc_init(&d);
	CHECK_INT(rf_read(&d, "file.csv", text, strlen(text), &res.res), 1);
	CHECK(d.n == 3);
	if (d.n == 3) {
		CHECK_STR(d.rows[0].f[RR_PLAN], "t");
		CHECK_STR(d.rows[0].f[RR_NODE], "1");
		CHECK_STR(d.rows[1].f[RA_IND], "I-1");
		CHECK_STR(d.rows[1].f[RA_VALUE], "4件");
	}
	CHECK(d.nkept == 1 && contains(d.errors[0],
	    "file.csv:4:3: 計画「t」に取組「９」がありません"));
	rf_doc_free(&d);
	free(text);
	text = xasprintf("shisaku-results,1\n"
	    "result,ｔ,１,2021,実施中,,,研修を4回,,,,,,,%d\n"
	    "actual,t,Ｉ－１,2021,４件,,,,,,,,%d\n",
	    ver_item("1"), ver_actual("I-1"));
	CHECK_IMPORTED("sato", text, 0, 1, 1);
	CHECK_Q("研修を4回|sato", "SELECT r.text || '|' || r.entered_by"
	    " FROM result r JOIN node n ON n.id = r.node_id"
	    " WHERE n.key = '1' AND r.fy = 2021");
	CHECK_Q("4.0|sato", "SELECT a.num || '|' || a.entered_by"
	    " FROM indicator_actual a JOIN indicator i ON i.id = a.indicator_id"
	    " WHERE i.key = 'I-1' AND a.fy = 2021");
	free(text);
}

/* The template opened in Excel and saved there: keys Excel read as a
 * date (1-1 as 1月1日) name the indicator they came from, each said in
 * a note at its line and column; a form that came from no key of the
 * plan ((1) read as -1) is refused as written. */
TEST(test_keys_excel_changed)
{
	struct store_resolver		 res;
	struct rf_doc			 d;
	char				*text;

	store_resolver_init(&res, st, cfg);
	text = xasprintf("shisaku-results,1\n"
	    "actual,t,1月1日,2021,45回,,,,,,,,%d\n"
	    "actual,t,1月2日,2021,実施した,,,,,,,,%d\n"
	    "result,t,-1,2021,実施中,,,,,,,,,,0\n",
	    ver_item("1"), ver_item("1"));
	rf_doc_init(&d);
	CHECK_INT(rf_read(&d, "file.csv", text, strlen(text), &res.res), 1);
	CHECK(d.n == 3);
	if (d.n == 3) {
		CHECK_STR(d.rows[0].f[RA_IND], "1-1");
		CHECK_STR(d.rows[1].f[RA_IND], "1-2");
		CHECK_STR(d.rows[2].f[RR_NODE], "-1");
	}
	CHECK_INT(d.nnotes, 2);
	CHECK(d.nnotes_kept == 2 && contains(d.notes[0], "file.csv:2:3: "
	    "指標「1月1日」は、Excel が 1-1 を日付に変えた形として読みました") &&
	    contains(d.notes[1], "file.csv:3:3: 指標「1月2日」は、Excel が 1-2 "
	    "を日付に"));
	CHECK(d.nkept == 1 && contains(d.errors[0],
	    "file.csv:4:3: 計画「t」に取組「-1」がありません"));
	rf_doc_free(&d);
	free(text);
	/* An item's indicator: its actual goes with the item's result. */
	text = xasprintf("shisaku-results,1\n"
	    "actual,t,1月1日,2021,45回,,,,,,,,%d\n", ver_item("1"));
	CHECK_IMPORTED("sato", text, 0, 0, 1);
	CHECK_Q("45.0", "SELECT a.num FROM indicator_actual a JOIN indicator i"
	    " ON i.id = a.indicator_id WHERE i.key = '1-1' AND a.fy = 2021");
	free(text);
}

/* More problems than are kept: those kept are the first in the file,
 * in its order, whichever check found them; all are counted. The rows
 * the database refuses come first here and are found last. */
TEST(test_errors_kept_are_the_first_in_the_file)
{
	struct store_results_count	 n;
	struct store_resolver		 res;
	struct rf_doc			 d;
	char				*text = xstrdup("shisaku-results,1\n"), *t;
	char				*cause = NULL, *want;
	size_t				 i;

	/* Lines 2..31: 協働課's I-1 (as 総務課's clerk, or at a version not
	 * the current one), refused by the database; 32..91: no grade Z. */
	for (i = 0; i < 30; i++) {
		t = xasprintf("%sactual,t,I-1,%zu,7件,,,,,,,,0\n", text,
		    2021 + i);
		free(text);
		text = t;
	}
	for (i = 0; i < 60; i++) {
		t = xasprintf("%sresult,t,2,%zu,実施中,Z,,,,,,,,,0\n", text,
		    2021 + i);
		free(text);
		text = t;
	}
	store_resolver_init(&res, st, cfg);
	rf_doc_init(&d);
	rf_read(&d, "file.csv", text, strlen(text), &res.res);
	CHECK_INT(store_results_import(st, &d, "tanaka", 1, &n, &cause), 1);
	free(cause);
	CHECK_INT(d.nerrors, 90);
	CHECK_INT(d.nkept, PF_ERRORS_KEPT);
	for (i = 0; i < d.nkept; i++) {
		want = xasprintf("file.csv:%zu:", i + 2);
		CHECK(strncmp(d.errors[i], want, strlen(want)) == 0);
		free(want);
	}
	rf_doc_free(&d);
	free(text);
}

/* A file with a row refused for its own form and a row the workflow
 * refuses lists both in one run, and writes nothing. The other rows of
 * the item whose row has an error are not tried. */
TEST(test_every_problem_in_one_run)
{
	struct store_results_count	 n;
	char				*text, *errs = NULL, *before = snapshot();

	/* 総務課's clerk: a grade off the scale on its own No.2, and 協働課's
	 * I-1 by mistake. */
	text = xasprintf("shisaku-results,1\n"
	    "result,t,2,2021,実施中,Ｚ,,研修を4回,,,,,,,%d\n"
	    "actual,t,I-1,2021,7件,,,,,,,,%d\n",
	    ver_item("2"), ver_actual("I-1"));
	CHECK_INT(import_as("tanaka", text, 0, &n, &errs), 1);
	CHECK(contains(errs, "file.csv:2:6: 評価「Ｚ」は評価の段階にありません"));
	CHECK(contains(errs, "file.csv:3:5: 指標「協働事業数」（Ⅰ 協働のまちづくり）"
	    "の令和3年度の実績値: この指標は総務課の担当ではありません（担当: 協働課）"));
	CHECK_UNCHANGED(before);
	free(errs);
	free(text);

	/* The same two the other way round: the database's refusal, found
	 * last, is listed first, where its row is. */
	text = xasprintf("shisaku-results,1\n"
	    "actual,t,I-1,2021,7件,,,,,,,,%d\n"
	    "result,t,2,2021,実施中,Ｚ,,研修を4回,,,,,,,%d\n",
	    ver_actual("I-1"), ver_item("2"));
	CHECK_INT(import_as("tanaka", text, 0, &n, &errs), 1);
	CHECK(contains(errs, "file.csv:2:5: 指標「協働事業数」"));
	CHECK(contains(errs, "file.csv:3:6: 評価「Ｚ」"));
	CHECK(strstr(errs, "file.csv:2:") != NULL &&
	    strstr(errs, "file.csv:3:") != NULL &&
	    strstr(errs, "file.csv:2:") < strstr(errs, "file.csv:3:"));
	CHECK_UNCHANGED(before);
	free(errs);
	free(text);

	/* No.1's actual 1-1 goes with No.1's result: with the result row in
	 * error it is not tried (it would be a change since the export). */
	text = xasprintf("shisaku-results,1\n"
	    "result,t,1,2021,実施中,Ｚ,,,,,,,,,%d\n"
	    "actual,t,1-1,2021,９９回,,,,,,,,%d\n",
	    ver_item("1"), ver_item("1") + 1);
	CHECK_INT(import_as("kikaku", text, 1, &n, &errs), 1);
	CHECK(contains(errs, "file.csv:2:6: 評価「Ｚ」"));
	CHECK(strstr(errs, "file.csv:3:") == NULL);
	CHECK_UNCHANGED(before);
	free(errs);
	free(text);
	free(before);
}

int
main(void)
{
	char	*path, *cause = NULL;
	FILE	*f;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	path = xasprintf("%s/test.ini", dir);
	if ((f = fopen(path, "w")) != NULL) {
		fputs("[calendar]\n", f);
		fclose(f);
	}
	if ((cfg = config_load(path, &cause)) == NULL) {
		fprintf(stderr, "config: %s\n", cause);
		return 1;
	}
	free(path);
	if ((st = make_db("results.db")) == NULL)
		return 1;
	path = xasprintf("%s/results.db", dir);
	if (sqlite3_open(path, &raw) != SQLITE_OK)
		return 1;
	free(path);
	RUN(test_cp932_pairs_and_decoding);
	RUN(test_rows_are_checked_with_line_and_column);
	RUN(test_template_in_plan_order);
	RUN(test_clerk_import_goes_through_the_form);
	RUN(test_unchanged_rows_need_no_permission);
	RUN(test_blank_rows_of_an_old_template_say_nothing);
	RUN(test_text_refused_where_a_number_is_read);
	RUN(test_changed_since_export_is_refused_naming_who);
	RUN(test_other_department_refused_and_nothing_written);
	RUN(test_workflow_through_the_file);
	RUN(test_cp932_pairs_are_not_changes);
	RUN(test_grade_typed_in_full_width);
	RUN(test_keys_typed_in_full_width);
	RUN(test_keys_excel_changed);
	RUN(test_every_problem_in_one_run);
	RUN(test_errors_kept_are_the_first_in_the_file);
	sqlite3_close(raw);
	store_close(st);
	config_free(cfg);
	path = xasprintf("rm -rf '%s'", dir);
	if (system(path) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(path);
	DONE();
}
