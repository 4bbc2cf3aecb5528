/*
 * Plan files through the store: migrations from an empty file, import
 * errors reported by file, line and column with the database unchanged,
 * and the round trip of the four sample plans (export, import, export
 * gives identical bytes). Run from the top of the source tree.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "shisaku/planfile.h"
#include "shisaku/store-plan.h"
#include "shisaku/store.h"
#include "shisaku/util.h"

static char dir[] = "/tmp/shisaku-test-planfile-XXXXXX";

static char *
tmp_path(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static struct store *
fresh_store(const char *name)
{
	char		*path = tmp_path(name), *cause = NULL;
	struct store	*st;

	unlink(path);
	st = store_open(path, STORE_OPEN_CREATE, 1000, &cause);
	if (st == NULL)
		fprintf(stderr, "store_open: %s\n", cause);
	free(cause);
	free(path);
	return st;
}

/* Reads the text into a document checked against st; returns errors. */
static size_t
read_text(struct store *st, struct pf_doc *d, const char *name, const char *text)
{
	struct store_resolver	res;

	store_resolver_init(&res, st, NULL);
	pf_doc_init(d);
	return pf_read(d, name, text, strlen(text), &res.res, 0);
}

static int
has_error(const struct pf_doc *d, const char *want)
{
	size_t	i;

	for (i = 0; i < d->nkept; i++)
		if (strstr(d->errors[i], want) != NULL)
			return 1;
	return 0;
}

/* Error msg is listed without a hint after it (a hint opens with "（"
 * right after the message). */
#define CHECK_NO_HINT(d, msg) do {					\
	CHECK(has_error((d), msg));					\
	CHECK(!has_error((d), msg "（"));				\
} while (0)

/* Field col of d's first record of kind k whose field keycol is key, or
 * NULL when there is none. */
static const char *
field_of(const struct pf_doc *d, enum pf_kind k, int keycol, const char *key,
    int col)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		if (d->recs[i].kind == k &&
		    strcmp(d->recs[i].f[keycol], key) == 0)
			return d->recs[i].f[col];
	return NULL;
}

static char *
export_all(struct store *st, const char *plan)
{
	struct pf_doc	 d;
	char		*buf = NULL, *cause = NULL;
	size_t		 len = 0;
	FILE		*f;

	pf_doc_init(&d);
	if (store_plan_export(st, plan, &d, &cause) != 0) {
		fprintf(stderr, "export: %s\n", cause);
		free(cause);
		pf_doc_free(&d);
		return NULL;
	}
	f = open_memstream(&buf, &len);
	pf_write(&d, f, ',', "\n", 0);
	fclose(f);
	pf_doc_free(&d);
	return buf;
}

static int
count_rows(struct store *st, const char *what)
{
	/* Counts through an export: the number of records of a kind. */
	char	*text = export_all(st, NULL), *p;
	char	*needle = xasprintf("\n%s,", what);
	int	 n = 0;

	for (p = text; p && (p = strstr(p, needle)) != NULL; p++)
		n++;
	free(needle);
	free(text);
	return n;
}

static const char small_plan[] =
    "\xef\xbb\xbfshisaku-plan,1\r\n"
    "plan,t,試験計画,R3,令和7年度,試験市,\"説明, 二行\r\n目\"\r\n"
    "level,t,1,基本方針\r\n"
    "level,t,2,取組\r\n"
    "flag,t,star,重点,★\r\n"
    "dept,試験市/総務課,総務課,試験市,\r\n"
    "deptname,試験市/総務課,2022,庶務課\r\n"
    "node,t,1,,Ⅰ,方針一,,,,,,\r\n"
    "node,t,1-1,1,No.1,取組一,,2021,2025,概要,\"○手段一\n○手段二\",\r\n"
    "mark,t,1-1,star\r\n"
    "assign,t,1-1,試験市/総務課,1,,\r\n"
    "yearplan,t,1-1,2021,2023,前半\r\n"
    "yearplan,t,1-1,R6,R7,後半\r\n"
    "cost,t,1-1,2021,拡大\r\n"
    "indicator,t,i1,1-1,収納率,,%,増加,,９８．５％,2020,99%,2025,,\r\n"
    "target,t,i1,2021,98.82%\r\n"
    "target,t,i1,2022,実施\r\n"
    "indicator,t,i2,,件数,行政指標,件,up,1,\"1,200件\",H29,1500,2025,,\r\n";

TEST(test_migrate_empty_file)
{
	struct store	*st = fresh_store("m.db");
	char		*path = tmp_path("m.db"), *cause = NULL;

	CHECK(st != NULL);
	CHECK_INT(store_file_version(st), store_schema_version());
	store_close(st);
	/* Opening again finds the schema current and changes nothing. */
	st = store_open(path, STORE_OPEN_EXISTING, 1000, &cause);
	CHECK(st != NULL);
	if (st)
		CHECK_INT(store_file_version(st), store_schema_version());
	store_close(st);
	free(cause);
	free(path);
}

TEST(test_refuse_foreign_sqlite_file)
{
	char		*path = tmp_path("other.db"), *cause = NULL, *cmd;
	struct store	*st;
	FILE		*f;

	unlink(path);
	cmd = xasprintf("sqlite3 '%s' 'CREATE TABLE t(x)'", path);
	CHECK_INT(system(cmd), 0);
	st = store_open(path, STORE_OPEN_EXISTING, 1000, &cause);
	CHECK(st == NULL);
	CHECK(cause != NULL && strstr(cause, "shisaku のデータベースではありません"));
	free(cause);
	cause = NULL;
	/* A text file is not a database at all. */
	f = fopen(path, "w");
	fputs("hello, this is not sqlite at all, just some text to fill a page\n", f);
	fclose(f);
	st = store_open(path, STORE_OPEN_EXISTING, 1000, &cause);
	CHECK(st == NULL);
	CHECK(cause != NULL);
	free(cause);
	free(cmd);
	free(path);
}

TEST(test_missing_database)
{
	char		*cause = NULL;
	struct store	*st = store_open("/nonexistent/dir/x.db", STORE_OPEN_EXISTING,
			    100, &cause);

	CHECK(st == NULL);
	CHECK(cause != NULL && strstr(cause, "init"));
	free(cause);
}

/*
 * A plan that prints its departments once for a policy: the measures and
 * items under it that have no assign row of their own take the nearest
 * node's above them that has some (with main, years and their own
 * place), and their results and actual values read before are filed
 * under the department of their year. Nodes with departments of their
 * own keep theirs, and a node under none stays without.
 */
static const char inherit_plan[] =
    "shisaku-plan,1\n"
    "plan,h,継承計画,R3,R8,試験市,\n"
    "level,h,1,基本方針\n"
    "level,h,2,推進項目\n"
    "level,h,3,取組\n"
    "dept,試験市/企画課,企画課,試験市,\n"
    "dept,試験市/人事課,人事課,試験市,\n"
    "node,h,g1,,1,方針一,,,,,,\n"
    "node,h,m1,g1,(1),項目一,,,,,,\n"
    "node,h,i1,m1,①,取組一,,,,,,\n"
    "result,h,i1,R5,実施中,B,確認済,実施した,,,tanto,2024-04-20T10:00:00,"
    "kacho,2024-05-01T10:00:00\n"
    "result,h,i1,R7,実施中,B,下書き,実施中,,,,,,\n"
    "node,h,i2,m1,②,取組二,,,,,,\n"
    "assign,h,i2,試験市/人事課,,,\n"
    "node,h,m2,g1,(2),項目二,,,,,,\n"
    "assign,h,m2,試験市/人事課,1,,\n"
    "node,h,i3,m2,①,取組三,,,,,,\n"
    "node,h,g2,,2,方針二,,,,,,\n"
    "node,h,m3,g2,(1),項目三,,,,,,\n"
    "node,h,i4,m3,①,取組四,,,,,,\n"
    "indicator,h,k1,m1,研修回数,,回,増加,,,,10回,R8,,,\n"
    "actual,h,k1,R5,5回,,確認済,,tanto,2024-04-20T10:00:00,"
    "kacho,2024-05-01T10:00:00\n"
    "assign,h,g1,試験市/企画課,,,\n"
    "assign,h,g1,試験市/人事課,1,R4,R6\n";

/* The first column of the first row of sql as text, "(null)" or "(no
 * row)" (malloc'd). */
static char *
one_text(struct store *st, const char *sql)
{
	sqlite3_stmt	*s = NULL;
	char		*v = NULL;

	if (sqlite3_prepare_v2(store_db(st), sql, -1, &s, NULL) != SQLITE_OK)
		return xasprintf("(%s)", sqlite3_errmsg(store_db(st)));
	if (sqlite3_step(s) == SQLITE_ROW)
		v = xstrdup(sqlite3_column_type(s, 0) == SQLITE_NULL ?
		    "(null)" : (const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	return v != NULL ? v : xstrdup("(no row)");
}

static void
print_problem(void *arg, const char *line)
{
	(void)arg;
	fprintf(stderr, "check: %s\n", line);
}

struct inherit_seen {
	char	text[256];
	int	n;
};

static int
inherit_seen_take(void *arg, const char *plan, const char *item,
    const char *from)
{
	struct inherit_seen	*in = arg;
	size_t			 len = strlen(in->text);

	snprintf(in->text + len, sizeof in->text - len, "%s%s:%s<%s",
	    in->n++ ? " " : "", plan, item, from);
	return 0;
}

TEST(test_items_take_departments_above)
{
	struct store		*st = fresh_store("inherit.db");
	struct pf_doc		 d;
	struct inherit_seen	 seen;
	char			*cause = NULL, *got;

	CHECK_INT(read_text(st, &d, "inherit.csv", inherit_plan), 0);
	memset(&seen, 0, sizeof seen);
	/* Only the nodes without a department under a node with some, in
	 * the file's order, each from the nearest such node. */
	CHECK_INT(pf_doc_inherits(&d, inherit_seen_take, &seen), 3);
	CHECK_STR(seen.text, "h:m1<g1 h:i1<g1 h:i3<m2");
	CHECK_INT(store_plan_import(st, &d, 0, "tester", &cause), 0);
	pf_doc_free(&d);
	/* The item's rows are the policy's, with its own place beside them. */
	got = one_text(st, "SELECT group_concat(n.key || '=' || dp.code || '/'"
	    " || nd.is_main || '/' || coalesce(nd.from_fy, '') || '-'"
	    " || coalesce(nd.until_fy, '') || '/' || (nd.parent_id IS n.parent_id)"
	    " || (nd.depth = n.depth) || (nd.node_ord = n.ord)"
	    " || (nd.plan_id = n.plan_id), ' ') FROM (SELECT nd.* FROM node_dept nd"
	    " JOIN node n ON n.id = nd.node_id ORDER BY n.ord, nd.ord) nd"
	    " JOIN node n ON n.id = nd.node_id"
	    " JOIN department dp ON dp.id = nd.dept_id");
	CHECK_STR(got, "g1=試験市/企画課/0/-/1111 g1=試験市/人事課/1/2022-2024/1111"
	    " m1=試験市/企画課/0/-/1111 m1=試験市/人事課/1/2022-2024/1111"
	    " i1=試験市/企画課/0/-/1111 i1=試験市/人事課/1/2022-2024/1111"
	    " i2=試験市/人事課/0/-/1111 m2=試験市/人事課/1/-/1111"
	    " i3=試験市/人事課/1/-/1111");
	free(got);
	/* Read before the policy's rows: filed under the main department in
	 * charge in R5, and under the one in charge in R7. */
	got = one_text(st, "SELECT group_concat(r.fy || '=' || coalesce(dp.code,"
	    " '-'), ' ') FROM (SELECT * FROM result ORDER BY fy) r"
	    " LEFT JOIN department dp ON dp.id = r.dept_id");
	CHECK_STR(got, "2023=試験市/人事課 2025=試験市/企画課");
	free(got);
	/* The measure's indicator is reported by its department now: its
	 * actual read before is filed under the main one of R5. */
	got = one_text(st, "SELECT a.fy || '=' || dp.code FROM indicator_actual a"
	    " JOIN department dp ON dp.id = a.dept_id");
	CHECK_STR(got, "2023=試験市/人事課");
	free(got);
	CHECK_INT(store_check(st, print_problem, NULL, &cause), 0);
	/* The export writes them as the items' own rows: loaded again, the
	 * file gives none to take and the same rows. */
	got = export_all(st, "h");
	CHECK(got != NULL && strstr(got, "\nassign,h,i1,試験市/人事課,1,2022,2024\n"));
	store_close(st);
	st = fresh_store("inherit2.db");
	CHECK_INT(read_text(st, &d, "again.csv", got), 0);
	memset(&seen, 0, sizeof seen);
	CHECK_INT(pf_doc_inherits(&d, inherit_seen_take, &seen), 0);
	CHECK_INT(store_plan_import(st, &d, 0, "tester", &cause), 0);
	pf_doc_free(&d);
	{
		char	*again = export_all(st, "h");

		CHECK(again != NULL && got != NULL && strcmp(again, got) == 0);
		free(again);
	}
	free(got);
	free(cause);
	store_close(st);
}

TEST(test_import_small_plan)
{
	struct store	*st = fresh_store("small.db");
	struct pf_doc	 d;
	char		*cause = NULL, *out;
	sqlite3_stmt	*fk = NULL, *thr = NULL;

	CHECK_INT(read_text(st, &d, "small.csv", small_plan), 0);
	CHECK_INT(store_plan_import(st, &d, 0, "tester", &cause), 0);
	pf_doc_free(&d);
	/* The load turned the foreign keys off; they are on again. */
	CHECK_INT(sqlite3_prepare_v2(store_db(st), "PRAGMA foreign_keys", -1,
	    &fk, NULL), SQLITE_OK);
	CHECK(fk != NULL && sqlite3_step(fk) == SQLITE_ROW &&
	    sqlite3_column_int(fk, 0) == 1);
	sqlite3_finalize(fk);
	/* So are the sorts' threads it asked for (SQLite's default, none). */
	CHECK_INT(sqlite3_prepare_v2(store_db(st), "PRAGMA threads", -1, &thr,
	    NULL), SQLITE_OK);
	CHECK(thr != NULL && sqlite3_step(thr) == SQLITE_ROW &&
	    sqlite3_column_int(thr, 0) == 0);
	sqlite3_finalize(thr);
	out = export_all(st, "t");
	CHECK(out != NULL);
	/* Canonical forms: western years, values with unit, Japanese words. */
	/* A line break inside a field is kept as LF whatever the file used. */
	CHECK(strstr(out, "\nplan,t,試験計画,2021,2025,試験市,\"説明, 二行\n目\"\n"));
	CHECK(strstr(out, "\nindicator,t,i1,1-1,収納率,,%,増加,,98.5%,2020,99%,2025\n"));
	CHECK(strstr(out, "\ntarget,t,i1,2021,98.82%\n"));
	CHECK(strstr(out, "\ntarget,t,i1,2022,実施\n"));
	/* "1,200件" keeps its comma as printed (quoted in CSV). */
	CHECK(strstr(out, "\nindicator,t,i2,,件数,行政指標,件,増加,1,\"1,200件\",2017,1500件,2025\n"));
	CHECK(strstr(out, "\ndeptname,試験市/総務課,2022,庶務課\n"));
	CHECK(strstr(out, "\nyearplan,t,1-1,2024,2025,後半\n"));
	CHECK(strstr(out, "\ncost,t,1-1,2021,拡大\n"));
	CHECK(strstr(out, "\"○手段一\n○手段二\""));
	free(out);
	store_close(st);
}

TEST(test_import_errors_listed_and_nothing_written)
{
	struct store	*st = fresh_store("err.db");
	struct pf_doc	 d;
	static const char bad[] =
	    "shisaku-plan,1\n"
	    "plan,e,計画,2021,2025\n"
	    "level,e,1,方針\n"
	    "node,e,1,,,方針一\n"
	    "node,e,2,9,,子\n"			/* line 5: unknown parent */
	    "bogus,e\n"				/* line 6: unknown kind */
	    "indicator,e,i,1,指標,,件,横ばい\n"	/* line 7: bad direction */
	    "target,e,i,R99X,5件\n"		/* line 8: bad year */
	    "cost,e,1,2021,拡大,extra\n"		/* line 9: too many columns */
	    "node,e,1,,,重複\n"			/* line 10: duplicate key */
	    "\"open,quote\n";			/* line 11: unterminated */

	CHECK(read_text(st, &d, "bad.csv", bad) >= 7);
	CHECK(has_error(&d, "bad.csv:5:4: "));
	CHECK(has_error(&d, "bad.csv:6:1: "));
	CHECK(has_error(&d, "bad.csv:7:8: "));
	CHECK(has_error(&d, "bad.csv:8:4: "));
	CHECK(has_error(&d, "bad.csv:9:6: "));
	CHECK(has_error(&d, "bad.csv:10:3: "));
	CHECK(has_error(&d, "bad.csv:11:"));
	pf_doc_free(&d);
	CHECK_INT(count_rows(st, "plan"), 0);
	store_close(st);
}

/* A refused row does not make every row after it that refers to it
 * report a misleading "missing": each reports its own problems. */
TEST(test_refused_rows_do_not_cascade)
{
	struct store	*st = fresh_store("cascade.db");
	struct pf_doc	 d;
	static const char bad[] =
	    "shisaku-plan,1\n"
	    "plan,c,計画,2021,2025\n"
	    "level,c,1,方針\n"
	    "level,c,2,取組\n"
	    "node,c,1,9,,方針一\n"		/* line 5: unknown parent */
	    "node,c,1-1,1,,取組一\n"		/* refers to the refused node */
	    "indicator,c,i,1-1,件数,,回,増加,,42人\n"	/* line 7: wrong unit */
	    "target,c,i,2021,5回\n"		/* fine */
	    "target,c,i,2022,5人\n"		/* line 9: wrong unit */
	    "node,c,2,,,方針二,,2O21\n"		/* line 10: a year unread */
	    "yearplan,c,2,2021,2021,準備\n"	/* refers to it */
	    "indicator,c,j,2,率,,%,下げる\n"	/* line 12: no direction */
	    "target,c,j,2021,5%\n";		/* refers to it */

	CHECK_INT(read_text(st, &d, "c.csv", bad), 5);
	CHECK(has_error(&d, "c.csv:5:4: 親「9」"));
	CHECK(has_error(&d, "c.csv:7:10: 「42人」"));
	CHECK(has_error(&d, "c.csv:9:5: "));
	CHECK(!has_error(&d, "c.csv:6:"));
	CHECK(!has_error(&d, "c.csv:8:"));
	/* A definition refused for one of its own fields is still known by
	 * its key: the rows after it say nothing of a missing node. */
	CHECK(has_error(&d, "c.csv:10:8: 年度を読み取れません"));
	CHECK(has_error(&d, "c.csv:12:8: 「下げる」"));
	CHECK(!has_error(&d, "c.csv:11:"));
	CHECK(!has_error(&d, "c.csv:13:"));
	pf_doc_free(&d);
	store_close(st);
}

/* A file broken on every line keeps the first PF_ERRORS_KEPT messages
 * and counts the rest. */
TEST(test_errors_are_capped_and_counted)
{
	struct store	*st = fresh_store("many.db");
	struct pf_doc	 d;
	char		*text = xstrdup("shisaku-plan,1\n"), *t;
	int		 i;

	for (i = 0; i < 3000; i++) {
		t = xasprintf("%sbogus,%d\n", text, i);
		free(text);
		text = t;
	}
	CHECK_INT(read_text(st, &d, "many.csv", text), 3000);
	CHECK_INT(d.nerrors, 3000);
	CHECK_INT(d.nkept, PF_ERRORS_KEPT);
	CHECK(has_error(&d, "many.csv:2:1: "));
	CHECK(!has_error(&d, "many.csv:3000:1: "));
	pf_doc_free(&d);
	free(text);
	store_close(st);
}

TEST(test_invalid_utf8_reported_with_line)
{
	struct store	*st = fresh_store("utf.db");
	struct pf_doc	 d;
	static const char bad[] =
	    "shisaku-plan,1\n"
	    "plan,u,計画,2021,2025\n"
	    "level,u,1,方針\n"
	    "node,u,1,,,方\xff針\n";

	CHECK(read_text(st, &d, "utf.csv", bad) >= 1);
	CHECK(has_error(&d, "utf.csv:4:"));
	pf_doc_free(&d);
	/* A bad byte inside a multi-line field is one error, and the rows
	 * that refer to its record do not each report it again. */
	CHECK_INT(read_text(st, &d, "multi.csv",
	    "shisaku-plan,1\n"
	    "plan,u,計画,2021,2025\n"
	    "level,u,1,方針\n"
	    "node,u,1,,,方針,,,,\"一行目\n二行\xff目\n三行目\",\n"
	    "indicator,u,i,1,指標,,件\n"
	    "target,u,i,2021,5件\n"), 1);
	CHECK(has_error(&d, "multi.csv:5:10: "));
	pf_doc_free(&d);
	store_close(st);
}

TEST(test_header_required)
{
	struct store	*st = fresh_store("hdr.db");
	struct pf_doc	 d;

	CHECK_INT(read_text(st, &d, "h.csv", "plan,x,名前\n"), 1);
	CHECK(has_error(&d, "h.csv:1:1: "));
	pf_doc_free(&d);
	CHECK_INT(read_text(st, &d, "e.csv", ""), 1);
	pf_doc_free(&d);
	store_close(st);
}

/* A spreadsheet's empty row inside its range (",,,,,") is a blank row,
 * ignored as a blank line is; a row with an empty kind and anything
 * after it is not. */
TEST(test_rows_of_empty_fields)
{
	struct store	*st = fresh_store("empty-rows.db");
	struct pf_doc	 d;

	CHECK_INT(read_text(st, &d, "x.csv", "shisaku-plan,1,,,\r\n"
	    ",,,,,,,,,,,\r\n"
	    "plan,x,名前,R3,R7,,,,,,,\r\n"
	    ",,,,,,,,,,,\r\n"
	    "level,x,1,取組,,,,,,,,\r\n"), 0);
	CHECK_INT(d.counts[PF_PLAN], 1);
	CHECK_INT(d.counts[PF_LEVEL], 1);
	pf_doc_free(&d);
	CHECK_INT(read_text(st, &d, "y.csv", "shisaku-plan,1\n"
	    "plan,x,名前,R3,R7\n"
	    ",x,,\n"), 1);
	CHECK(has_error(&d, "y.csv:3:1: 不明な行の種類「」"));
	pf_doc_free(&d);
	store_close(st);
}

/* A plan copied out of the man page in a terminal: every row indented,
 * a comment too. The rows' kinds were read without the indent already;
 * the header and the comment now are. A header that is another one, or
 * no header, is still refused. */
TEST(test_indented_rows)
{
	struct store	*st = fresh_store("indented.db");
	struct pf_doc	 d;

	CHECK_INT(read_text(st, &d, "x.csv", "       shisaku-plan,1\n"
	    "       # 写した計画\n"
	    "       plan,x,名前,R3,R7\n"
	    "       level,x,1,取組\n"
	    "\t   node,x,1,,1,一\n"), 0);
	CHECK_INT(d.nerrors, 0);
	CHECK_INT(d.counts[PF_PLAN], 1);
	CHECK_INT(d.counts[PF_NODE], 1);
	pf_doc_free(&d);
	CHECK_INT(read_text(st, &d, "y.csv", "   shisaku-plan,2\n"
	    "plan,x,名前,R3,R7\n"), 1);
	CHECK(has_error(&d, "y.csv:1:1: 1 行目は「shisaku-plan,1」"));
	pf_doc_free(&d);
	CHECK_INT(read_text(st, &d, "z.csv", "  shisaku-results,1\n"), 1);
	CHECK(has_error(&d, "z.csv:1:1: 実績のファイルです"));
	pf_doc_free(&d);
	store_close(st);
}

/* Codes as Excel leaves them after reading them as dates or numbers are
 * loaded, each with a note naming the code it likely was; the codes
 * plans print are not noted. */
TEST(test_excel_codes_noted)
{
	struct store	*st = fresh_store("excel-codes.db");
	struct pf_doc	 d;
	size_t		 i;

	CHECK_INT(read_text(st, &d, "x.csv", "shisaku-plan,1\n"
	    "plan,x,名前,R3,R7\n"
	    "level,x,1,基本方針\n"
	    "level,x,2,取組\n"
	    "node,x,1,,Ⅰ,方針\n"
	    "node,x,a,1,1-1,一\n"
	    "node,x,b,1,(2),二\n"
	    "node,x,c,1,6-2-1-1,三\n"
	    "node,x,d,1,1101,四\n"
	    "node,x,e,1,No.12,五\n"
	    "node,x,f,1,①,六\n"
	    "node,x,g,1,1月1日,七\n"
	    "node,x,h,1,2006/1/2,八\n"
	    "node,x,i,1,-2,九\n"
	    "node,x,j,1,13月1日,十\n"), 0);
	CHECK_INT(d.nnotes, 3);
	CHECK_INT(d.nnotes_kept, 3);
	if (d.nnotes_kept == 3) {
		CHECK_STR(d.notes[0], "x.csv:12:5: 番号「1月1日」は、Excel が 1-1"
		    " を日付に変えた形です。列を文字列にして番号を直してください");
		CHECK(strstr(d.notes[1], "x.csv:13:5: 番号「2006/1/2」は、Excel が"
		    "番号（6-1-2 など）を日付に") == d.notes[1]);
		CHECK(strstr(d.notes[2], "x.csv:14:5: 番号「-2」は、Excel が (2) を"
		    "負の数に") == d.notes[2]);
	}
	pf_doc_free(&d);
	/* Many are counted, the first few kept. */
	{
		char	*text = xstrdup("shisaku-plan,1\nplan,y,名前\n"
			    "level,y,1,取組\n"), *t;

		for (i = 0; i < PF_NOTES_KEPT + 5; i++) {
			t = xasprintf("%snode,y,k%zu,,-%zu,取組\n", text, i, i);
			free(text);
			text = t;
		}
		CHECK_INT(read_text(st, &d, "y.csv", text), 0);
		CHECK_INT(d.nnotes, PF_NOTES_KEPT + 5);
		CHECK_INT(d.nnotes_kept, PF_NOTES_KEPT);
		pf_doc_free(&d);
		free(text);
	}
	store_close(st);
}

/* A row short of a column, whose fields after the gap each read as a
 * value in the wrong place: a note says a column was likely left out.
 * A row short of its last, optional column, or with one error, says
 * nothing more. */
TEST(test_shifted_columns_noted)
{
	struct store	*st = fresh_store("shifted.db");
	struct pf_doc	 d;

	CHECK_INT(read_text(st, &d, "s.csv", "shisaku-plan,1\n"
	    "plan,p,計画,R2,R6,市\n"
	    "level,p,1,施策\n"
	    "node,p,1,,1,施策\n"
	    "indicator,p,k,1,件数,件,増加,,5件,2019,30件,2024,,\n"
	    "indicator,p,k2,1,人数,,人,増加,,3人,2019,0人,2024,,\n"
	    "indicator,p,k3,1,回数,,回,増加,,1回,2019,5回,20x4,,\n"), 3);
	CHECK_INT(d.nnotes, 1);
	CHECK(d.nnotes_kept == 1 && strcmp(d.notes[0], "s.csv:5:1: indicator "
	    "の行の列が 14 個で、この種類の行は 16 個です。途中の列が抜けて、"
	    "後の列がずれていませんか（空の列もカンマで区切ります）") == 0);
	pf_doc_free(&d);
	store_close(st);
}

/* Two siblings printing one code are loaded with a note naming the
 * first; the same code under another parent, or in another plan, and
 * empty codes, are not noted. */
TEST(test_sibling_codes_noted)
{
	struct store	*st = fresh_store("siblings.db");
	struct pf_doc	 d;

	CHECK_INT(read_text(st, &d, "c.csv", "shisaku-plan,1\n"
	    "plan,p,計画,R2,R6,市\n"
	    "level,p,1,施策\n"
	    "level,p,2,取組\n"
	    "node,p,1,,1,施策一\n"
	    "node,p,2,,1,施策二\n"
	    "node,p,1-1,1,1-1,取組\n"
	    "node,p,1-2,1,1-1,取組\n"
	    "node,p,2-1,2,1-1,取組\n"
	    "node,p,1-3,1,,取組\n"
	    "node,p,1-4,1,,取組\n"
	    "plan,q,計画,R2,R6,市\n"
	    "level,q,1,施策\n"
	    "node,q,1,,1,施策\n"), 0);
	CHECK_INT(d.nnotes, 2);
	CHECK(d.nnotes_kept == 2 && strcmp(d.notes[0], "c.csv:6:5: 番号「1」は、"
	    "同じ最上位の階層の 5 行目にもあります。どちらかの番号の書き違いでは"
	    "ありませんか") == 0);
	CHECK(d.nnotes_kept == 2 && strcmp(d.notes[1], "c.csv:8:5: 番号「1-1」"
	    "は、同じ親「1」の下の 7 行目にもあります。どちらかの番号の書き違い"
	    "ではありませんか") == 0);
	pf_doc_free(&d);
	/* Under a parent that names nothing: its own error, no note that
	 * it shares the top level's code. */
	CHECK_INT(read_text(st, &d, "c.csv", "shisaku-plan,1\n"
	    "plan,p,計画,R2,R6,市\n"
	    "level,p,1,施策\n"
	    "level,p,2,取組\n"
	    "node,p,1,,1,施策一\n"
	    "node,p,1-1,9,1,取組\n"), 1);
	CHECK_INT(d.nnotes, 0);
	pf_doc_free(&d);
	store_close(st);
}

/* A replace names what it deletes of the plan in the database: the
 * nodes and the indicators the file no longer defines; nothing when the
 * file defines them all. A key and a code Excel changed (1-1 saved as
 * 1月1日) are read as the plan's, and so is the row naming that key. */
TEST(test_replace_names_what_it_deletes)
{
	static const char base[] = "shisaku-plan,1\n"
	    "plan,r,計画,R2,R6,市\n"
	    "level,r,1,施策\n"
	    "level,r,2,取組\n"
	    "node,r,1,,1,施策\n"
	    "node,r,1-1,1,1-1,取組一\n"
	    "node,r,1-2,1,1-2,取組二\n"
	    "indicator,r,k1,1-1,件数,,件,増加,,,,5件,2024,,\n"
	    "indicator,r,k2,1-2,人数,,人,増加,,,,5人,2024,,\n";
	struct store		*st = fresh_store("dropped.db");
	struct store_resolver	 res;
	struct pf_doc		 d;
	char			*cause = NULL, *text;

	CHECK_INT(read_text(st, &d, "a.csv", base), 0);
	CHECK_INT(store_plan_import(st, &d, 0, "tester", &cause), 0);
	pf_doc_free(&d);
	store_resolver_init(&res, st, NULL);
	/* 1-1 changed by Excel into 1月1日 in its key and its code, 1-2 and
	 * its indicator gone. */
	text = xstrdup("shisaku-plan,1\n"
	    "plan,r,計画,R2,R6,市\n"
	    "level,r,1,施策\n"
	    "level,r,2,取組\n"
	    "node,r,1,,1,施策\n"
	    "node,r,1月1日,1,1月1日,取組一\n"
	    "indicator,r,k1,1月1日,件数,,件,増加,,,,5件,2024,,\n");
	pf_doc_init(&d);
	CHECK_INT(pf_read(&d, "b.csv", text, strlen(text), &res.res, 1), 0);
	CHECK_INT(pf_check_replace(&d, &res.res), 0);
	CHECK(d.ndropped == 1);
	if (d.ndropped == 1) {
		CHECK_STR(d.dropped[0].plan, "r");
		CHECK_INT(d.dropped[0].nnodes, 1);
		CHECK_STR(d.dropped[0].nodes, "1-2");
		CHECK_INT(d.dropped[0].ninds, 1);
		CHECK_STR(d.dropped[0].inds, "k2");
	}
	CHECK_INT(d.nrestored, 2);
	CHECK_INT(d.nnotes, 0);
	CHECK(d.nrestored_kept == 2 && strstr(d.restored[0], "b.csv:6:3: "
	    "キー「1月1日」は、Excel が 1-1 を日付に変えた形として読みました") &&
	    strstr(d.restored[1], "b.csv:6:5: 番号「1月1日」は、Excel が 1-1 "
	    "を日付に変えた形として読みました"));
	CHECK(d.n == 6);
	if (d.n == 6) {
		CHECK_STR(d.recs[4].f[NODE_KEY], "1-1");
		CHECK_STR(d.recs[4].f[NODE_CODE], "1-1");
		CHECK_STR(d.recs[5].f[IND_NODE], "1-1");
	}
	pf_doc_free(&d);
	free(text);
	/* The same plan again: nothing deleted, nothing said. */
	pf_doc_init(&d);
	CHECK_INT(pf_read(&d, "c.csv", base, strlen(base), &res.res, 1), 0);
	CHECK_INT(pf_check_replace(&d, &res.res), 0);
	CHECK_INT(d.ndropped, 0);
	pf_doc_free(&d);
	free(cause);
	store_close(st);
}

TEST(test_plan_already_in_database)
{
	struct store	*st = fresh_store("dup.db");
	struct pf_doc	 d;
	char		*cause = NULL;

	CHECK_INT(read_text(st, &d, "a.csv", small_plan), 0);
	CHECK_INT(store_plan_import(st, &d, 0, "tester", &cause), 0);
	pf_doc_free(&d);
	CHECK_INT(read_text(st, &d, "a.csv", small_plan), 1);
	CHECK(has_error(&d, "a.csv:2:2: "));
	pf_doc_free(&d);
	store_close(st);
}

TEST(test_results_file_for_existing_plan)
{
	struct store	*st = fresh_store("res.db");
	struct pf_doc	 d;
	char		*cause = NULL, *out;
	static const char results[] =
	    "shisaku-plan,1\n"
	    "result,t,1-1,R3,完了,A,提出済,\"出前講座を42回\n開催した\",課題,,clerk,"
	    "2022-04-20T10:00:00,,\n"
	    "actual,t,i1,2021,９８．９％,速報値\n"
	    "actual,t,i9,2021,1\n";		/* line 5: no such indicator */

	CHECK_INT(read_text(st, &d, "p.csv", small_plan), 0);
	CHECK_INT(store_plan_import(st, &d, 0, "tester", &cause), 0);
	pf_doc_free(&d);
	CHECK_INT(read_text(st, &d, "r.csv", results), 1);
	/* The result's text spans lines 2-3, so the bad actual is on line 5. */
	CHECK(has_error(&d, "r.csv:5:3: "));
	pf_doc_free(&d);
	/* Without the bad line it loads. */
	{
		char *good = xstrndup(results, strstr(results, "actual,t,i9") - results);
		CHECK_INT(read_text(st, &d, "r.csv", good), 0);
		CHECK_INT(store_plan_import(st, &d, 0, "tester", &cause), 0);
		pf_doc_free(&d);
		free(good);
	}
	out = export_all(st, "t");
	CHECK(out && strstr(out, "\nresult,t,1-1,2021,完了,A,提出済,\"出前講座を42回\n開催した\",課題,,clerk,2022-04-20T10:00:00\n"));
	CHECK(out && strstr(out, "\nactual,t,i1,2021,98.9%,速報値\n"));
	free(out);
	store_close(st);
}

static const char *const samples[] = {
	"db/samples/omitama-dx.csv",
	"db/samples/omitama-goal1.csv",
	"db/samples/shimotsuma-goal6.csv",
	"db/samples/yuki-actionplan.csv",
};

TEST(test_samples_round_trip)
{
	struct store		*st = fresh_store("s1.db"), *st2;
	struct store_resolver	 res;
	struct pf_doc		 d;
	char			*cause = NULL, *first, *second;
	size_t			 i;

	store_resolver_init(&res, st, NULL);
	pf_doc_init(&d);
	for (i = 0; i < sizeof samples / sizeof samples[0]; i++)
		CHECK_INT(pf_read_file(&d, samples[i], PF_MAX_BYTES_DEFAULT, -1, &res.res, 0), 0);
	for (i = 0; i < d.nkept; i++)
		fprintf(stderr, "%s\n", d.errors[i]);
	CHECK_INT(store_plan_import(st, &d, 0, "tester", &cause), 0);
	pf_doc_free(&d);
	first = export_all(st, NULL);
	CHECK(first != NULL);

	st2 = fresh_store("s2.db");
	store_resolver_init(&res, st2, NULL);
	pf_doc_init(&d);
	CHECK_INT(pf_read(&d, "export.csv", first, strlen(first), &res.res, 0), 0);
	CHECK_INT(store_plan_import(st2, &d, 0, "tester", &cause), 0);
	pf_doc_free(&d);
	second = export_all(st2, NULL);
	CHECK(second != NULL && strcmp(first, second) == 0);

	/* What the seeds print (counted in the seed texts). */
	CHECK_INT(count_rows(st2, "plan"), 4);
	CHECK_INT(count_rows(st2, "target"), 150);	/* Yuki: 30 indicators x 5 */
	CHECK_INT(count_rows(st2, "cost"), 120);	/* Shimotsuma: 24 事業 x 5 */
	free(first);
	free(second);
	store_close(st);
	store_close(st2);
}

TEST(test_sample_counts_per_plan)
{
	struct store		*st = fresh_store("s3.db");
	struct store_resolver	 res;
	struct pf_doc		 d;
	char			*cause = NULL, *yuki, *dx, *shimo, *omi;

	store_resolver_init(&res, st, NULL);
	pf_doc_init(&d);
	CHECK_INT(pf_read_file(&d, samples[0], PF_MAX_BYTES_DEFAULT, -1, &res.res, 0) +
	    pf_read_file(&d, samples[1], PF_MAX_BYTES_DEFAULT, -1, &res.res, 0) +
	    pf_read_file(&d, samples[2], PF_MAX_BYTES_DEFAULT, -1, &res.res, 0) +
	    pf_read_file(&d, samples[3], PF_MAX_BYTES_DEFAULT, -1, &res.res, 0), 0);
	CHECK_INT(store_plan_import(st, &d, 0, "tester", &cause), 0);
	pf_doc_free(&d);
	yuki = export_all(st, "yuki-ap");
	dx = export_all(st, "omitama-dx");
	shimo = export_all(st, "shimotsuma-6");
	omi = export_all(st, "omitama-1");
	CHECK(yuki && strstr(yuki, ",No.39,") && !strstr(yuki, ",No.40,"));
	CHECK(yuki && strstr(yuki, "\ntarget,yuki-ap,") != NULL);
	CHECK(yuki && strstr(yuki, "市税等の収納率の向上"));
	/* A value keeps the decimals the plan printed: 98.90% is not 98.9%. */
	CHECK(yuki && strstr(yuki, ",2021,98.82%\n") && strstr(yuki, ",2025,98.90%\n"));
	CHECK(dx && strstr(dx, ",No.27,") && !strstr(dx, ",No.28,"));
	CHECK(shimo && strstr(shimo, ",6-2-7-2,") && strstr(shimo, "市民協働のまちづくり事業"));
	CHECK(omi && strstr(omi, ",1101,") && strstr(omi, ",1602,"));
	free(yuki);
	free(dx);
	free(shimo);
	free(omi);
	store_close(st);
}

/* A plan file larger than what a stream holds at once (4 MiB), with a
 * BOM, CRLF and texts of several lines, so that records straddle the
 * pieces it is read in. */
static char *
big_plan_text(int items)
{
	char	*text = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&text, &len);
	int	 i, k;

	fputs("\xef\xbb\xbfshisaku-plan,1\r\n"
	    "plan,big,大きな計画,2021,2025,試験市,\r\n"
	    "level,big,1,基本方針\r\nlevel,big,2,取組\r\n"
	    "dept,試験市/総務課,総務課,試験市,\r\n", f);
	for (i = 0; i < items; i++) {
		if (i % 100 == 0)
			fprintf(f, "node,big,P%d,,%d,方針その%d,,,,,,\r\n", i / 100,
			    i / 100 + 1, i / 100 + 1);
		fprintf(f, "node,big,%d,P%d,No.%d,取組その%d,,,,\"", i, i / 100,
		    i + 1, i + 1);
		for (k = 0; k < 8; k++)
			fprintf(f, "%s市民、事業者及び行政がそれぞれの役割を担い、"
			    "地域の課題に取り組む（%d）", k ? "\r\n" : "", k);
		fprintf(f, "\",\"○手段\"\"一\"\"\r\n○手段二\",\r\n");
		fprintf(f, "assign,big,%d,試験市/総務課,1,,\r\n", i);
		fprintf(f, "indicator,big,I%d,%d,指標%d,,件,増加,,10件,2020,20件,2025,,\r\n",
		    i, i, i);
		fprintf(f, "target,big,I%d,2021,12件\r\ntarget,big,I%d,2022,14件\r\n",
		    i, i);
		fprintf(f, "result,big,%d,R3,実施中,B,提出済,実施した,,,,,,\r\n", i);
		fprintf(f, "actual,big,I%d,2021,１１件\r\n", i);
	}
	fclose(f);
	return text;
}

static char *
write_file(const char *name, const char *text)
{
	char	*path = tmp_path(name);
	FILE	*f = fopen(path, "w");

	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

/* A row refused for having too many columns still defines its key: the
 * rows that refer to it (children, indicators, targets, marks, assigns,
 * yearly plans, costs, results, actuals) do not each say it is not
 * defined. An indicator's unit on such a row may have moved with a
 * stray comma, so its targets are not read against it. A level given
 * before the one above it is still known to the level below. The same
 * errors come from a file read whole and one read as a stream. */
static const char overlong_text[] =
    "shisaku-plan,1\n"
    "plan,w,計画,2021,2025,市,,余計\n"		/* line 2: 8 columns */
    "level,w,1,方針,余計\n"			/* line 3 */
    "level,w,2,取組\n"
    "flag,w,star,重点,★,余計\n"			/* line 5 */
    "dept,W/課,課,市,,,余計\n"			/* line 6 */
    "node,w,A,,1,政策Ａ,,,,,,,,余計\n"		/* line 7 */
    "node,w,A-1,A,1-1,事業,,,,,,\n"
    "node,w,A-2,A,1-2,事業,,,,,,\n"
    "mark,w,A,star\n"
    "assign,w,A,W/課,1,,\n"
    "yearplan,w,A,2021,2022,準備\n"
    "cost,w,A,2021,拡大\n"
    "result,w,A,2021,実施中,,下書き\n"
    "indicator,w,i,A,件数,累計,人,回,増加,,,,,,,,W/課\n"	/* line 15 */
    "target,w,i,2021,5回\n"
    "actual,w,i,2021,3回\n"
    "indicator,w,j,A-9,率,,%,増加\n"		/* line 18: no node A-9 */
    "plan,v,計画二,2021,2025,市,\n"
    "level,v,1,方針\n"
    "level,v,3,細目\n"				/* line 21: level 2 first */
    "level,v,4,取組\n";

TEST(test_overlong_rows_do_not_cascade)
{
	struct store		*st = fresh_store("overlong.db");
	struct store_resolver	 res;
	struct pf_doc		 d, whole;
	char			*path;
	size_t			 i;

	CHECK_INT(read_text(st, &whole, "w.csv", overlong_text), 8);
	CHECK(has_error(&whole, "w.csv:2:8: plan の行は 7 列までです"));
	CHECK(has_error(&whole, "w.csv:3:5: level の行は 4 列までです"));
	CHECK(has_error(&whole, "w.csv:5:6: flag の行は 5 列までです"));
	CHECK(has_error(&whole, "w.csv:6:7: dept の行は 6 列までです"));
	CHECK(has_error(&whole, "w.csv:7:14: node の行は 12 列までです"));
	CHECK(has_error(&whole, "w.csv:15:17: indicator の行は 16 列までです"));
	CHECK(has_error(&whole, "w.csv:18:4: 施策・取組「A-9」"));
	CHECK(has_error(&whole, "w.csv:21:3: 階層 3 の前に階層 2 を"));
	for (i = 0; i < whole.nkept; i++)
		CHECK(strstr(whole.errors[i], "定義されていません") == NULL ||
		    strstr(whole.errors[i], "w.csv:18:") != NULL);
	path = write_file("w.csv", overlong_text);
	store_resolver_init(&res, st, NULL);
	pf_doc_init(&d);
	d.stream = 1;
	CHECK_INT(pf_read_file(&d, path, PF_MAX_BYTES_DEFAULT, -1, &res.res, 0),
	    8);
	CHECK_INT(d.nkept, whole.nkept);
	for (i = 0; i < d.nkept && i < whole.nkept; i++) {
		CHECK(strstr(d.errors[i], path) == d.errors[i]);
		CHECK_STR(d.errors[i] + strlen(path),
		    strchr(whole.errors[i], ':'));
	}
	pf_doc_free(&d);
	pf_doc_free(&whole);
	free(path);
	store_close(st);
}

/* A row whose kind is misspelled is one error naming the kind it is a
 * slip for, and the key it defines is known to the rows after it, as for
 * a row of too many columns; a kind far from all is named with the list
 * of kinds. */
static const char misspelled_text[] =
    "shisaku-plan,1\n"
    "plan,m,計画,2021,2025,市,\n"
    "level,m,1,方針\n"
    "levle,m,2,取組\n"				/* line 4 */
    "Dept,M/課,課,市,\n"				/* line 5 */
    "nod,m,A,,1,政策Ａ,,,,,,\n"			/* line 6 */
    "node,m,A-1,A,1-1,事業,,,,,,\n"
    "assign,m,A-1,M/課,1,,\n"
    "indcator,m,i,A,件数,,件,増加,,,,,,,\n"	/* line 9 */
    "target,m,i,2021,5\n"
    "memo,m,x\n";				/* line 11 */

TEST(test_misspelled_kinds_do_not_cascade)
{
	struct store	*st = fresh_store("misspelled.db");
	struct pf_doc	 d;
	size_t		 i;

	CHECK_INT(read_text(st, &d, "m.csv", misspelled_text), 5);
	CHECK(has_error(&d, "m.csv:4:1: 不明な行の種類「levle」（level の誤りではありませんか）"));
	CHECK(has_error(&d, "m.csv:5:1: 不明な行の種類「Dept」（行の種類は小文字で dept と書きます）"));
	CHECK(has_error(&d, "m.csv:6:1: 不明な行の種類「nod」（node の誤りではありませんか）"));
	CHECK(has_error(&d, "m.csv:9:1: 不明な行の種類「indcator」（indicator の誤りではありませんか）"));
	CHECK(has_error(&d, "m.csv:11:1: 不明な行の種類「memo」（plan, level, flag, dept, deptname, node, mark, assign, yearplan, cost, indicator, target, result, actual）"));
	for (i = 0; i < d.nkept; i++)
		CHECK(strstr(d.errors[i], "定義されていません") == NULL);
	pf_doc_free(&d);
	store_close(st);
}

/* A baseline or final target copied with its year in parentheses is read
 * as the number and its year; text with a year stays text; a year column
 * that says another year is an error at that column. */
static const char value_year_text[] =
    "shisaku-plan,1\n"
    "plan,y,計画,2026,2030,市,\n"
    "level,y,1,施策\n"
    "node,y,A,,1,施策Ａ,,,,,,\n"
    "indicator,y,i,A,率,,%,増加,,0%(H29年),,８０％（令和１２年度）,2030,,\n"
    "indicator,y,j,A,回,,回,増加,,月1回(R5),,,,,\n"
    "indicator,y,k,A,率,,%,増加,,5%(R5),2022,,,,\n";	/* line 7 */

TEST(test_value_with_its_year)
{
	struct store	*st = fresh_store("valueyear.db");
	struct pf_doc	 d;

	CHECK_INT(read_text(st, &d, "y.csv", value_year_text), 1);
	CHECK(has_error(&d, "y.csv:7:11: 基準値「5%(R5)」の括弧の年度は 2023 "
	    "年度ですが、BASE_FY は 2022 年度です"));
	CHECK_STR(field_of(&d, PF_INDICATOR, IND_KEY, "i", IND_BASE), "0%");
	CHECK_STR(field_of(&d, PF_INDICATOR, IND_KEY, "i", IND_BASE_FY), "2017");
	CHECK_STR(field_of(&d, PF_INDICATOR, IND_KEY, "i", IND_FINAL), "80%");
	CHECK_STR(field_of(&d, PF_INDICATOR, IND_KEY, "i", IND_FINAL_FY),
	    "2030");
	CHECK_STR(field_of(&d, PF_INDICATOR, IND_KEY, "j", IND_BASE),
	    "月1回(R5)");
	CHECK_STR(field_of(&d, PF_INDICATOR, IND_KEY, "j", IND_BASE_FY), "");
	pf_doc_free(&d);
	store_close(st);
}

/* A plan whose nodes come before any level row is told so once, at its
 * first node, with an example of the row; its other nodes, and the rows
 * naming them, say nothing more. */
static const char no_levels_text[] =
    "shisaku-plan,1\n"
    "plan,z,計画,2026,2030,市,\n"
    "node,z,A,,1,施策Ａ,,,,,,\n"			/* line 3 */
    "node,z,A-1,A,1-1,事業,,,,,,\n"
    "node,z,A-2,A,1-2,事業,,,,,,\n"
    "indicator,z,i,A-1,件数,,件,増加,,,,,,,\n";

TEST(test_missing_levels_said_once)
{
	struct store	*st = fresh_store("nolevels.db");
	struct pf_doc	 d;

	CHECK_INT(read_text(st, &d, "z.csv", no_levels_text), 1);
	CHECK(has_error(&d, "z.csv:3:3: 計画「z」の階層（level の行）が定義されて"
	    "いません。node の行より前に、上の階層から順に level,z,1,基本目標 の"
	    "ように書いてください"));
	pf_doc_free(&d);
	store_close(st);
}

/* A row naming a plan the file has not defined names the plan it is
 * likely a slip for, when one is that near, and the key it defines is
 * known under that plan; else only the code is named. */
static const char plan_slip_text[] =
    "shisaku-plan,1\n"
    "plan,kasama,計画,2026,2030,市,\n"
    "level,kasama,1,施策\n"
    "level,kasama,2,事業\n"
    "node,kasma,A,,1,施策Ａ,,,,,,\n"			/* line 5 */
    "node,other-plan,B,,2,施策Ｂ,,,,,,\n"		/* line 6 */
    "node,kasama,A-1,A,1-1,事業,,,,,,\n";

TEST(test_plan_slip_named)
{
	struct store	*st = fresh_store("planslip.db");
	struct pf_doc	 d;

	CHECK_INT(read_text(st, &d, "p.csv", plan_slip_text), 2);
	CHECK(has_error(&d, "p.csv:5:2: 計画「kasma」がこの行より前に定義されて"
	    "いません（「kasama」の誤りではありませんか）"));
	CHECK_NO_HINT(&d, "p.csv:6:2: 計画「other-plan」がこの行より前に定義"
	    "されていません");
	CHECK(!has_error(&d, "p.csv:7:"));
	pf_doc_free(&d);
	store_close(st);
}

/* A department named by its name where its code goes names the code;
 * a code one or two characters off (a kanji counts one) names the code
 * it is likely a slip for; of the file's departments, then of the
 * database's. A name two departments have, or a code far from all,
 * names none. */
static const char dept_slip_first[] =
    "shisaku-plan,1\n"
    "plan,k,計画,2026,2030,市,\n"
    "level,k,1,施策\n"
    "dept,K/総務課,総務課,市,\n"
    "dept,K/子ども家庭支援課,子ども家庭支援課,市,\n"
    "dept,L/総務課,総務課,市,\n"
    "dept,K/子育て,子ども未来部子育て支援課,市,\n";
static const char dept_slip_text[] =
    "shisaku-plan,1\n"
    "plan,m,計画,2026,2030,市,\n"
    "level,m,1,施策\n"
    "dept,M/企画政策課,企画政策課,市,\n"
    "node,m,A,,1,施策Ａ,,,,,,\n"
    "assign,m,A,企画政策課,1,,\n"			/* line 6 */
    "assign,m,A,M/企画制作課,,,\n"			/* line 7 */
    "assign,m,A,子ども家庭支援課,,,\n"		/* line 8 */
    "assign,m,A,K/子供家庭支援課,,,\n"		/* line 9 */
    "assign,m,A,総務課,,,\n"				/* line 10 */
    "assign,m,A,M/財政課,,,\n"			/* line 11 */
    "dept,M/都市計画,建設部都市計画課,市,\n"
    "assign,m,A,都市計画課,,,\n"			/* line 13 */
    "assign,m,A,建設部　都市計画課,,,\n"		/* line 14 */
    "assign,m,A,子育て支援課,,,\n"			/* line 15 */
    "assign,m,A,課,,,\n";				/* line 16 */

/* A merged department names its successor (MERGED_INTO, column 6): one
 * defined above or in the database, with the year it ended; the import
 * records it, and a row of the database's department gives it too. */
static const char merged_text[] =
    "shisaku-plan,1\n"
    "plan,g,合併計画,2021,2025,G市,\n"
    "level,g,1,取組\n"
    "dept,G/kankyo,環境課,G市\n"
    "dept,G/seikatsu,生活環境課,G市,2023,G/kankyo\n"	/* fine */
    "dept,G/a,A課,G市,,G/kankyo\n"			/* line 6: no year */
    "dept,G/b,B課,G市,2022,G/b\n"			/* line 7: itself */
    "dept,G/c,C課,G市,2022,G/later\n"			/* line 8: not above */
    "dept,G/later,後の課,G市\n"
    "dept,G/d,D課,G市,2022,Ｇ／ｋａｎｋｙｏ\n";		/* fine: ASCII form */

TEST(test_dept_merged_into)
{
	struct store	*st = fresh_store("merged.db");
	struct pf_doc	 d;
	char		*cause = NULL, *got;
	static const char fine[] =
	    "shisaku-plan,1\n"
	    "dept,G/kankyo,環境課,G市\n"
	    "dept,G/seikatsu,生活環境課,G市,2023,G/kankyo\n"
	    "dept,G/d,D課,G市,2022,Ｇ／ｋａｎｋｙｏ\n";
	static const char again[] =
	    "shisaku-plan,1\n"
	    "dept,G/kankyo,環境課,G市\n"
	    "dept,G/nourin,農林課,G市\n"
	    "dept,G/d,D課,G市,2022,G/nourin\n";

	CHECK_INT(read_text(st, &d, "m.csv", merged_text), 3);
	CHECK(has_error(&d, "m.csv:6:6: 統合先は廃止の年度"));
	CHECK(has_error(&d, "m.csv:7:6: 部署「G/b」をそれ自身に統合することは"
	    "できません"));
	CHECK(has_error(&d, "m.csv:8:6: 部署「G/later」がこの行より前に定義"
	    "されていません"));
	pf_doc_free(&d);
	CHECK_INT(read_text(st, &d, "f.csv", fine), 0);
	CHECK_INT(store_plan_import(st, &d, 0, "tester", &cause), 0);
	pf_doc_free(&d);
	got = one_text(st, "SELECT group_concat(x) FROM (SELECT d.code || '>' ||"
	    " coalesce(m.code, '') AS x FROM department d LEFT JOIN department m"
	    " ON m.id = d.merged_into WHERE d.code LIKE 'G/%' ORDER BY d.code)");
	CHECK_STR(got, "G/d>G/kankyo,G/kankyo>,G/seikatsu>G/kankyo");
	free(got);
	/* The database's department given again with another successor. */
	CHECK_INT(read_text(st, &d, "a.csv", again), 0);
	CHECK_INT(store_plan_import(st, &d, 0, "tester", &cause), 0);
	pf_doc_free(&d);
	got = one_text(st, "SELECT m.code FROM department d JOIN department m"
	    " ON m.id = d.merged_into WHERE d.code = 'G/d'");
	CHECK_STR(got, "G/nourin");
	free(got);
	free(cause);
	store_close(st);
}

TEST(test_dept_slip_named)
{
	struct store	*st = fresh_store("deptslip.db");
	struct pf_doc	 d;
	char		*cause = NULL;

	CHECK_INT(read_text(st, &d, "first.csv", dept_slip_first), 0);
	CHECK_INT(store_plan_import(st, &d, 0, "tester", &cause), 0);
	pf_doc_free(&d);
	CHECK_INT(read_text(st, &d, "d.csv", dept_slip_text), 10);
	CHECK(has_error(&d, "d.csv:6:4: 部署「企画政策課」がこの行より前に定義"
	    "されていません（「企画政策課」は部署の名前です。コード"
	    "「M/企画政策課」で書いてください）"));
	CHECK(has_error(&d, "d.csv:7:4: 部署「M/企画制作課」がこの行より前に"
	    "定義されていません（「M/企画政策課」の誤りではありませんか）"));
	CHECK(has_error(&d, "d.csv:8:4: 部署「子ども家庭支援課」がこの行より前に"
	    "定義されていません（「子ども家庭支援課」は部署の名前です。コード"
	    "「K/子ども家庭支援課」で書いてください）"));
	CHECK(has_error(&d, "d.csv:9:4: 部署「K/子供家庭支援課」がこの行より前に"
	    "定義されていません（「K/子ども家庭支援課」の誤りではありませんか）"));
	CHECK_NO_HINT(&d, "d.csv:10:4: 部署「総務課」がこの行より前に定義"
	    "されていません");
	CHECK_NO_HINT(&d, "d.csv:11:4: 部署「M/財政課」がこの行より前に定義"
	    "されていません");
	/* A 課 written without its 部, or with a blank between: the name
	 * it is written for, of the file or of the database, with its
	 * code. One character is too little to be a part of a name. */
	CHECK(has_error(&d, "d.csv:13:4: 部署「都市計画課」がこの行より前に定義"
	    "されていません（部署「建設部都市計画課」（コード「M/都市計画」）の"
	    "ことなら、コードで書いてください）"));
	CHECK(has_error(&d, "d.csv:14:4: 部署「建設部　都市計画課」がこの行より"
	    "前に定義されていません（部署「建設部都市計画課」（コード"
	    "「M/都市計画」）のことなら、コードで書いてください）"));
	CHECK(has_error(&d, "d.csv:15:4: 部署「子育て支援課」がこの行より前に"
	    "定義されていません（部署「子ども未来部子育て支援課」（コード"
	    "「K/子育て」）のことなら、コードで書いてください）"));
	CHECK_NO_HINT(&d, "d.csv:16:4: 部署「課」がこの行より前に定義"
	    "されていません");
	pf_doc_free(&d);

	/* Past the errors listed, none is looked for: the last listed
	 * error has its hint, the row after it is counted only. */
	{
		char	*text = xstrdup(dept_slip_text), *more;
		int	 i;

		for (i = 0; i < PF_ERRORS_KEPT; i++) {
			more = xasprintf("%sassign,m,A,企画政策課,,,\n", text);
			free(text);
			text = more;
		}
		CHECK_INT(read_text(st, &d, "d.csv", text), 10 + PF_ERRORS_KEPT);
		CHECK_INT(d.nkept, PF_ERRORS_KEPT);
		CHECK(has_error(&d, "d.csv:56:4: 部署「企画政策課」がこの行より前に"
		    "定義されていません（「企画政策課」は部署の名前です。"));
		pf_doc_free(&d);
		free(text);
	}
	free(cause);
	store_close(st);
}

/* A node, flag or indicator key the file does not define is named with
 * the one key of its kind and plan it is likely a slip for; none when
 * two are as near, or none is; none past the first KEY_HINTS errors. */
static const char key_slip_text[] =
    "shisaku-plan,1\n"
    "plan,k,計画,2026,2030,市,\n"
    "level,k,1,施策\n"
    "level,k,2,事業\n"
    "flag,k,juten,重点,◆\n"
    "node,k,policy-1,,1,施策,,,,,,\n"
    "node,k,item-a,polcy-1,1-1,事業,,,,,,\n"		/* line 7 */
    "node,k,item-b,policy-1,1-2,事業,,,,,,\n"
    "node,k,item-c,policy-1,1-3,事業,,,,,,\n"
    "mark,k,item-bb,juten\n"				/* line 10 */
    "mark,k,item-d,juten\n"
    "mark,k,item-b,jyuten\n"
    "indicator,k,kpi-one,itme-c,件数,,件,増加,,1,2025,5,2030,,\n"
    "target,k,kpi-on,2026,2\n"				/* line 14 */
    "target,k,zzz,2026,2\n"
    "mark,k,item-c,later\n"				/* line 16 */
    "flag,k,later,後の区分,★\n";

TEST(test_key_slip_named)
{
	struct store	*st = fresh_store("keyslip.db");
	struct pf_doc	 d;
	char		*text, *more;
	int		 i;

	CHECK_INT(read_text(st, &d, "k.csv", key_slip_text), 8);
	CHECK(has_error(&d, "k.csv:7:4: 親「polcy-1」がこの行より前に定義されて"
	    "いません（「policy-1」の誤りではありませんか）"));
	CHECK(has_error(&d, "k.csv:10:3: 計画「k」に施策・取組「item-bb」が"
	    "ありません（「item-b」の誤りではありませんか）"));
	/* item-a, item-b and item-c are all one character away. */
	CHECK_NO_HINT(&d, "k.csv:11:3: 計画「k」に施策・取組「item-d」が"
	    "ありません");
	CHECK(has_error(&d, "k.csv:12:4: 区分「jyuten」がこの行より前の flag の"
	    "行に定義されていません"
	    "（「juten」の誤りではありませんか）"));
	CHECK(has_error(&d, "k.csv:13:4: 施策・取組「itme-c」がこの行より前に"
	    "定義されていません（「item-c」の誤りではありませんか）"));
	CHECK(has_error(&d, "k.csv:14:3: 計画「k」に指標「kpi-on」がありません"
	    "（「kpi-one」の誤りではありませんか）"));
	CHECK_NO_HINT(&d, "k.csv:15:3: 計画「k」に指標「zzz」がありません");
	/* A flag defined below the mark: the message says where it goes. */
	CHECK_NO_HINT(&d, "k.csv:16:4: 区分「later」がこの行より前の flag の行に"
	    "定義されていません");
	pf_doc_free(&d);

	/* Past the first KEY_HINTS (10) errors, none is looked for: the
	 * tenth error, on line 19, has its hint; the next has none. */
	text = xstrdup(key_slip_text);
	for (i = 0; i < 10; i++) {
		more = xasprintf("%smark,k,item-bb,juten\n", text);
		free(text);
		text = more;
	}
	CHECK_INT(read_text(st, &d, "k.csv", text), 18);
	CHECK(has_error(&d, "k.csv:19:3: 計画「k」に施策・取組「item-bb」が"
	    "ありません（「item-b」の誤りではありませんか）"));
	CHECK_NO_HINT(&d, "k.csv:20:3: 計画「k」に施策・取組「item-bb」が"
	    "ありません");
	pf_doc_free(&d);
	free(text);
	store_close(st);
}

/* Codes and keys typed with the input method on name what they name
 * typed with it off, in the document and in the database, and are
 * written so; one that names nothing either way is refused as typed. */
static const char narrow_first[] =
    "shisaku-plan,1\n"
    "plan,n,計画,2026,2030,市,\n"
    "level,n,1,施策\n"
    "level,n,2,事業\n"
    "dept,N/総務課,総務課,市,\n"
    "node,n,G1,,1,施策Ａ,,,,,,\n"
    "node,n,J1,G1,1-1,事業,,,,,,\n"
    "indicator,n,I1,J1,件数,,件,増加,,1,2025,5,2030,,\n";
static const char narrow_text[] =
    "shisaku-plan,1\n"
    "plan,w,計画,2026,2030,市,\n"
    "level,w,1,施策\n"
    "level,w,2,事業\n"
    "flag,w,juten,重点,◆\n"
    "node,w,G1,,1,施策Ａ,,,,,,\n"
    "node,ｗ,J7,Ｇ１,1-1,事業,,,,,,\n"			/* line 7 */
    "assign,w,Ｊ７,N／総務課,1,,\n"
    "mark,w,Ｊ７,ｊｕｔｅｎ\n"
    "indicator,w,I7,Ｊ７,件数,,件,増加,,1,2025,5,2030,,\n"
    "target,w,Ｉ７,2026,2\n"
    "result,ｎ,Ｊ１,2026,実施中,,下書き,,,,,,,\n"		/* line 12 */
    "actual,n,Ｉ１,2026,3,,,,,,,\n"
    "node,w,J8,Ｇ２,1-2,事業,,,,,,\n";			/* line 14 */

TEST(test_keys_narrowed)
{
	struct store	*st = fresh_store("narrow.db");
	struct pf_doc	 d;
	char		*cause = NULL;

	CHECK_INT(read_text(st, &d, "first.csv", narrow_first), 0);
	CHECK_INT(store_plan_import(st, &d, 0, "tester", &cause), 0);
	pf_doc_free(&d);
	CHECK_INT(read_text(st, &d, "w.csv", narrow_text), 1);
	CHECK(has_error(&d, "w.csv:14:4: 親「Ｇ２」がこの行より前に定義されて"
	    "いません"));
	CHECK_STR(field_of(&d, PF_NODE, 1, "J7", 0), "w");
	CHECK_STR(field_of(&d, PF_NODE, 1, "J7", 2), "G1");
	CHECK_STR(field_of(&d, PF_ASSIGN, 1, "J7", 2), "N/総務課");
	CHECK_STR(field_of(&d, PF_MARK, 1, "J7", 2), "juten");
	CHECK_STR(field_of(&d, PF_INDICATOR, 1, "I7", 2), "J7");
	CHECK_STR(field_of(&d, PF_TARGET, 1, "I7", 2), "2026");
	CHECK_STR(field_of(&d, PF_RESULT, 1, "J1", 0), "n");
	CHECK_STR(field_of(&d, PF_ACTUAL, 1, "I1", 3), "3件");
	pf_doc_free(&d);
	free(cause);
	store_close(st);
}

/* A period copied into its first year's column, the last left empty,
 * is read as its two years; with the last year given, or backwards, the
 * cell is refused as before. */
static const char period_text[] =
    "shisaku-plan,1\n"
    "plan,p,計画,令和８年度～令和１２年度,,市,\n"
    "level,p,1,施策\n"
    "dept,P/課,課,市,\n"
    "node,p,A,,1,施策Ａ,,R8-R10,,,,\n"
    "node,p,B,,2,施策Ｂ,,R9～,,,,\n"
    "assign,p,A,P/課,1,2026から2027,\n"
    "yearplan,p,A,令和8年度〜令和9年度,,準備\n"
    "node,p,C,,3,施策Ｃ,,R8-R10,2030,,,\n"		/* line 9 */
    "node,p,D,,4,施策Ｄ,,R10-R8,,,,\n";		/* line 10 */

TEST(test_period_in_one_cell)
{
	struct store	*st = fresh_store("period.db");
	struct pf_doc	 d;

	CHECK_INT(read_text(st, &d, "p.csv", period_text), 2);
	CHECK_STR(field_of(&d, PF_PLAN, 0, "p", 2), "2026");
	CHECK_STR(field_of(&d, PF_PLAN, 0, "p", 3), "2030");
	CHECK_STR(field_of(&d, PF_NODE, 1, "A", 6), "2026");
	CHECK_STR(field_of(&d, PF_NODE, 1, "A", 7), "2028");
	CHECK_STR(field_of(&d, PF_NODE, 1, "B", 6), "2027");
	CHECK_STR(field_of(&d, PF_NODE, 1, "B", 7), "");
	CHECK_STR(field_of(&d, PF_ASSIGN, 1, "A", 4), "2026");
	CHECK_STR(field_of(&d, PF_ASSIGN, 1, "A", 5), "2027");
	CHECK_STR(field_of(&d, PF_YEARPLAN, 1, "A", 2), "2026");
	CHECK_STR(field_of(&d, PF_YEARPLAN, 1, "A", 3), "2027");
	CHECK(has_error(&d, "p.csv:9:8: 年度を読み取れません: \"R8-R10\""));
	CHECK(has_error(&d, "p.csv:10:8: 年度を読み取れません: \"R10-R8\""));
	pf_doc_free(&d);
	store_close(st);
}

/* A mark may name its flag by the label or the symbol the plan prints
 * (重点事業, ◆) when that names one flag; one that several flags have
 * is refused, naming the FLAG column. */
static const char flag_word_text[] =
    "shisaku-plan,1\n"
    "plan,f,計画,2026,2030,市,\n"
    "level,f,1,施策\n"
    "flag,f,juten,重点事業,◆\n"
    "flag,f,lead,リーディング,★\n"
    "flag,f,x,重点,★\n"
    "node,f,A,,1,施策Ａ,,,,,,\n"
    "node,f,B,,2,施策Ｂ,,,,,,\n"
    "node,f,C,,3,施策Ｃ,,,,,,\n"
    "mark,f,A,重点事業\n"
    "mark,f,B,◆\n"
    "mark,f,C,★\n"					/* line 12 */
    "mark,f,C,なし\n";					/* line 13 */

TEST(test_flag_by_label_or_symbol)
{
	struct store	*st = fresh_store("flagword.db");
	struct pf_doc	 d;

	CHECK_INT(read_text(st, &d, "f.csv", flag_word_text), 2);
	CHECK_STR(field_of(&d, PF_MARK, 1, "A", 2), "juten");
	CHECK_STR(field_of(&d, PF_MARK, 1, "B", 2), "juten");
	CHECK(has_error(&d, "f.csv:12:4: 「★」は計画「f」の複数の区分の名前か"
	    "記号です。区分の FLAG（キー）で書いてください"));
	CHECK(has_error(&d, "f.csv:13:4: 区分「なし」がこの行より前の flag の行に"
	    "定義されていません"));
	pf_doc_free(&d);
	store_close(st);
}

/* Booleans as a spreadsheet holds them: ★ ○ for yes (the seeds mark a
 * main department with ★), × for no; a word is refused, naming them. */
static const char bool_text[] =
    "shisaku-plan,1\n"
    "plan,b,計画,2026,2030,市,\n"
    "level,b,1,施策\n"
    "dept,B/課,課,市,\n"
    "dept,B/係,係,市,\n"
    "node,b,A,,1,施策Ａ,,,,,,\n"
    "assign,b,A,B/課,★,,\n"
    "assign,b,A,B/係,×,,\n"
    "indicator,b,i,A,件数,,件,増加,○,1,2025,5,2030,,\n"
    "indicator,b,j,A,件数,,件,増加,はい,1,2025,5,2030,,\n";	/* line 10 */

TEST(test_booleans_as_marks)
{
	struct store	*st = fresh_store("bools.db");
	struct pf_doc	 d;

	CHECK_INT(read_text(st, &d, "b.csv", bool_text), 1);
	CHECK(has_error(&d, "b.csv:10:9: CUMULATIVE は 1 または空欄です（\"はい\"。"
	    "○ ★ も 1、0 × も空欄と読みます）"));
	CHECK_STR(field_of(&d, PF_ASSIGN, ASSIGN_DEPT, "B/課", ASSIGN_MAIN), "1");
	CHECK_STR(field_of(&d, PF_ASSIGN, ASSIGN_DEPT, "B/係", ASSIGN_MAIN), "");
	CHECK_STR(field_of(&d, PF_INDICATOR, IND_KEY, "i", IND_CUMULATIVE),
	    "1");
	pf_doc_free(&d);
	store_close(st);
}

/* A sink that passes records on to a loader and counts them. */
struct counting_sink {
	struct pf_sink			 sink;
	struct store_plan_loader	*l;
	size_t				 n;
};

static int
counting_take(void *arg, const struct pf_record *r)
{
	struct counting_sink	*c = arg;

	c->n++;
	return c->l != NULL ? store_plan_loader_take(c->l, r) : 0;
}

/* A file read as a stream and written record by record as it is read
 * gives the database that reading it whole and importing gives, and keeps
 * no record in memory. */
TEST(test_stream_loads_as_whole)
{
	struct store		*st1 = fresh_store("w1.db"), *st2 = fresh_store("w2.db");
	struct store_resolver	 res;
	struct pf_doc		 d;
	struct counting_sink	 cs;
	char			*text = big_plan_text(4500), *path, *cause = NULL;
	char			*a, *b;
	enum text_encoding	 enc = TENC_CP932;

	CHECK(strlen(text) > (4u << 20) + (1u << 19));
	path = write_file("big.csv", text);
	CHECK_INT(read_text(st1, &d, "big.csv", text), 0);
	CHECK_INT(store_plan_import(st1, &d, 0, "tester", &cause), 0);
	pf_doc_free(&d);

	store_resolver_init(&res, st2, NULL);
	pf_doc_init(&d);
	d.stream = 1;
	memset(&cs, 0, sizeof cs);
	cs.sink.arg = &cs;
	cs.sink.take = counting_take;
	cs.l = store_plan_loader_new(st2, 0, "tester");
	/* Today's year as the configuration counts it (one no April start
	 * gives now): its figures are kept at commit. */
	store_plan_loader_today(cs.l, 2041);
	CHECK_INT(store_plan_loader_begin(cs.l, &cause), 0);
	d.sink = &cs.sink;
	CHECK_INT(pf_read_path(&d, path, PF_MAX_BYTES_DEFAULT, -1, &res.res, 0,
	    &enc, NULL), 0);
	CHECK_INT(enc, TENC_UTF8_BOM);
	CHECK_INT(d.n, 0);
	CHECK_INT(d.counts[PF_NODE], 4500 + 45);
	CHECK_INT(d.counts[PF_TARGET], 9000);
	CHECK_INT(cs.n, 4 + 4545 + 4500 * 6);
	CHECK_INT(store_plan_loader_commit(cs.l, &cause), 0);
	store_plan_loader_free(cs.l);
	pf_doc_free(&d);
	{
		sqlite3_stmt	*kept = NULL;

		CHECK_INT(sqlite3_prepare_v2(store_db(st2), "SELECT count(*)"
		    " FROM plan_fig WHERE fy = 2041", -1, &kept, NULL),
		    SQLITE_OK);
		CHECK(kept != NULL && sqlite3_step(kept) == SQLITE_ROW &&
		    sqlite3_column_int(kept, 0) > 0);
		sqlite3_finalize(kept);
	}

	a = export_all(st1, NULL);
	b = export_all(st2, NULL);
	CHECK(a != NULL && b != NULL && strcmp(a, b) == 0);
	/* A load leaves the schema's CHECK constraints out while it writes
	 * checked records; after it they hold again on the connection. */
	CHECK_INT(sqlite3_exec(store_db(st2), "INSERT INTO cost_trend (node_id, fy,"
	    " trend) SELECT id, 2021, 'bogus' FROM node LIMIT 1", NULL, NULL,
	    NULL) & 0xff, SQLITE_CONSTRAINT);
	CHECK(b != NULL && strstr(b, "○手段\"\"一\"\"\n○手段二") != NULL);
	free(a);
	free(b);
	free(path);
	free(text);
	store_close(st1);
	store_close(st2);
}

/* A stream with an error: the same errors as the whole file, and nothing
 * handed on from the first error on (the caller rolls back). */
TEST(test_stream_errors_as_whole)
{
	struct store		*st = fresh_store("w3.db");
	struct store_resolver	 res;
	struct pf_doc		 d, whole;
	struct counting_sink	 cs;
	char			*text = big_plan_text(3000), *bad, *path, *at;
	size_t			 i;

	/* A target of an unknown indicator two thirds in, and a bad year. */
	at = strstr(text, "target,big,I2000,2021,");
	CHECK(at != NULL);
	bad = xasprintf("%.*starget,big,NOPE,2021,1件\r\ntarget,big,I1,R99X,1件\r\n%s",
	    (int)(at - text), text, at);
	path = write_file("bad.csv", bad);
	CHECK_INT(read_text(st, &whole, path, bad), 2);

	store_resolver_init(&res, st, NULL);
	pf_doc_init(&d);
	d.stream = 1;
	memset(&cs, 0, sizeof cs);
	cs.sink.arg = &cs;
	cs.sink.take = counting_take;
	d.sink = &cs.sink;
	CHECK_INT(pf_read_file(&d, path, PF_MAX_BYTES_DEFAULT, -1, &res.res, 0), 2);
	CHECK_INT(d.nkept, whole.nkept);
	for (i = 0; i < d.nkept && i < whole.nkept; i++)
		CHECK_STR(d.errors[i], whole.errors[i]);
	/* Everything before the unknown indicator (item 2000's node, its
	 * heading's, its assign and indicator), nothing after. */
	CHECK_INT(cs.n, 4 + 21 + 2001 + 2000 * 6 + 2);
	pf_doc_free(&d);
	pf_doc_free(&whole);
	free(path);
	free(bad);
	free(text);
	store_close(st);
}

/* A sink that notes the journal mode of the loading connection at the
 * first record, and, with other, whether that connection can read the
 * plans meanwhile (at once, no busy wait). */
struct journal_sink {
	struct pf_sink			 sink;
	struct store_plan_loader	*l;
	struct store			*st;
	sqlite3				*other;
	char				*mode;
	int				 other_read;
};

static char *
journal_of(sqlite3 *db)
{
	sqlite3_stmt	*s;
	char		*mode = NULL;

	if (sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			mode = xstrdup((const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
	}
	return mode != NULL ? mode : xstrdup("?");
}

static long long
plans_seen(sqlite3 *db)
{
	sqlite3_stmt	*s;
	long long	 n = -1;

	if (sqlite3_prepare_v2(db, "SELECT count(*) FROM plan", -1, &s, NULL) ==
	    SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			n = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	return n;
}

static int
journal_take(void *arg, const struct pf_record *r)
{
	struct journal_sink	*j = arg;

	if (j->mode == NULL) {
		j->mode = journal_of(store_db(j->st));
		if (j->other != NULL)
			j->other_read = plans_seen(j->other) == 0;
	}
	return store_plan_loader_take(j->l, r);
}

/* Streams small_plan into st (replace as --replace) and returns the
 * journal mode its connection had during the load, or NULL when the
 * load failed. */
static char *
load_journal(struct store *st, int replace, sqlite3 *other, int *other_read)
{
	struct store_resolver	 res;
	struct pf_doc		 d;
	struct journal_sink	 j;
	char			*cause = NULL;
	int			 ok;

	memset(&j, 0, sizeof j);
	j.sink.arg = &j;
	j.sink.take = journal_take;
	j.st = st;
	j.other = other;
	j.l = store_plan_loader_new(st, replace, "tester");
	store_resolver_init(&res, st, NULL);
	pf_doc_init(&d);
	d.stream = 1;
	d.sink = &j.sink;
	ok = store_plan_loader_begin(j.l, &cause) == 0 &&
	    pf_read(&d, "small.csv", small_plan, strlen(small_plan), &res.res,
	    replace) == 0 && store_plan_loader_commit(j.l, &cause) == 0;
	if (!ok) {
		fprintf(stderr, "load: %s\n", cause != NULL ? cause :
		    d.nkept > 0 ? d.errors[0] : "?");
		store_plan_loader_rollback(j.l);
		free(j.mode);
		j.mode = NULL;
	}
	if (other_read != NULL)
		*other_read = j.other_read;
	free(cause);
	pf_doc_free(&d);
	store_plan_loader_free(j.l);
	return j.mode;
}

/* A load into a file without a plan, which no other connection has open,
 * goes through a rollback journal and leaves the log (WAL) as it was
 * after it; with a reader of the file open, or into a file that holds a
 * plan, it stays in the log. */
TEST(test_load_journal)
{
	struct store	*st = fresh_store("j1.db"), *st2 = fresh_store("j2.db");
	sqlite3		*other = NULL;
	char		*mode, *path = tmp_path("j2.db");
	int		 other_read = 0;

	CHECK(st != NULL && st2 != NULL);
	if (st == NULL || st2 == NULL)
		goto out;
	mode = load_journal(st, 0, NULL, NULL);
	CHECK_STR(mode != NULL ? mode : "(failed)", "delete");
	free(mode);
	mode = journal_of(store_db(st));
	CHECK_STR(mode, "wal");
	free(mode);
	CHECK_INT(plans_seen(store_db(st)), 1);
	/* The file holds a plan now: --replace writes it through the log. */
	mode = load_journal(st, 1, NULL, NULL);
	CHECK_STR(mode != NULL ? mode : "(failed)", "wal");
	free(mode);

	/* Another connection, idle after a read, has the empty file open:
	 * the load leaves the log as it is, and the other reads meanwhile
	 * without waiting. */
	CHECK_INT(sqlite3_open_v2(path, &other, SQLITE_OPEN_READONLY, NULL),
	    SQLITE_OK);
	CHECK_INT(plans_seen(other), 0);
	mode = load_journal(st2, 0, other, &other_read);
	CHECK_STR(mode != NULL ? mode : "(failed)", "wal");
	free(mode);
	CHECK(other_read);
	CHECK_INT(plans_seen(other), 1);
	mode = journal_of(store_db(st2));
	CHECK_STR(mode, "wal");
	free(mode);
out:
	sqlite3_close(other);
	free(path);
	store_close(st);
	store_close(st2);
}

int
main(void)
{
	char	*cmd;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_migrate_empty_file);
	RUN(test_stream_loads_as_whole);
	RUN(test_stream_errors_as_whole);
	RUN(test_load_journal);
	RUN(test_refuse_foreign_sqlite_file);
	RUN(test_missing_database);
	RUN(test_import_small_plan);
	RUN(test_items_take_departments_above);
	RUN(test_import_errors_listed_and_nothing_written);
	RUN(test_refused_rows_do_not_cascade);
	RUN(test_overlong_rows_do_not_cascade);
	RUN(test_misspelled_kinds_do_not_cascade);
	RUN(test_value_with_its_year);
	RUN(test_missing_levels_said_once);
	RUN(test_plan_slip_named);
	RUN(test_dept_merged_into);
	RUN(test_dept_slip_named);
	RUN(test_key_slip_named);
	RUN(test_keys_narrowed);
	RUN(test_period_in_one_cell);
	RUN(test_flag_by_label_or_symbol);
	RUN(test_booleans_as_marks);
	RUN(test_errors_are_capped_and_counted);
	RUN(test_invalid_utf8_reported_with_line);
	RUN(test_header_required);
	RUN(test_rows_of_empty_fields);
	RUN(test_indented_rows);
	RUN(test_excel_codes_noted);
	RUN(test_shifted_columns_noted);
	RUN(test_sibling_codes_noted);
	RUN(test_replace_names_what_it_deletes);
	RUN(test_plan_already_in_database);
	RUN(test_results_file_for_existing_plan);
	RUN(test_samples_round_trip);
	RUN(test_sample_counts_per_plan);
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	DONE();
}
