/*
 * The years each plan's data covers, as the file keeps them
 * (db/migrate-17.sql), always equal those counted in plain SQL from the
 * nodes' own periods, yearly plans and cost trends: after the import of
 * the four sample plans, after every kind of write the kept figures are
 * tested with (kept-writes.h) and after writes of their own that move
 * each end of the span of the sample that prints no period through each
 * trigger (yearly plans, cost trends and a node's own period, inserted,
 * updated and deleted), plans added and deleted. Only the plans that
 * print no period have a row. A write behind the program's back leaves
 * the row marked, and the span is then counted; shisaku check reports a
 * kept span that is not true.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "harness.h"
#include "shisaku/planfile.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-sheet.h"
#include "shisaku/store-span.h"
#include "shisaku/store.h"
#include "shisaku/util.h"
#include "kept-writes.h"

/* The sample that prints no period: its roadmap spans its data. */
#define NO_PERIOD "(SELECT id FROM plan WHERE code = 'omitama-1')"

/* A plan's earliest and latest year in plain SQL: every year any of its
 * nodes, yearly plans and cost trends names (min and max leave NULL
 * out); -1 for none. Not the store's statement: the check of it. */
static void
plain_span(sqlite3 *db, long long plan, long *first, long *last)
{
	char	*sql, *years;

	years = xasprintf("SELECT first_fy AS y FROM node WHERE plan_id = %lld"
	    " UNION ALL SELECT last_fy FROM node WHERE plan_id = %lld"
	    " UNION ALL SELECT from_fy FROM year_plan WHERE node_id IN"
	    " (SELECT id FROM node WHERE plan_id = %lld)"
	    " UNION ALL SELECT to_fy FROM year_plan WHERE node_id IN"
	    " (SELECT id FROM node WHERE plan_id = %lld)"
	    " UNION ALL SELECT fy FROM cost_trend WHERE node_id IN"
	    " (SELECT id FROM node WHERE plan_id = %lld)",
	    plan, plan, plan, plan, plan);
	sql = xasprintf("SELECT coalesce(min(y), -1) FROM (%s)", years);
	*first = q_long(db, sql);
	free(sql);
	sql = xasprintf("SELECT coalesce(max(y), -1) FROM (%s)", years);
	*last = q_long(db, sql);
	free(sql);
	free(years);
}

/* Every plan that prints no period has its span kept and true, every
 * span kept is equal to the plain count, and store_plan_span gives the
 * plain count for every plan (0 for none), kept or counted. The number
 * of plans that differ. */
static int
spans_agree(struct store *st, const char *what)
{
	sqlite3		*db = store_db(st);
	sqlite3_stmt	*s;
	char		*cause = NULL;
	long		 first, last, want;
	int		 bad = 0, f, l;

	want = q_long(db, "SELECT count(*) FROM plan"
	    " WHERE first_fy IS NULL OR last_fy IS NULL");
	if (q_long(db, "SELECT count(*) FROM plan p JOIN plan_span s ON"
	    " s.plan_id = p.id WHERE s.valid = 1 AND (p.first_fy IS NULL"
	    " OR p.last_fy IS NULL)") != want) {
		FAIL_AT("%s: %ld plans without a period, not all kept", what,
		    want);
		bad++;
	}
	if (sqlite3_prepare_v2(db, "SELECT p.id, p.code, s.valid,"
	    " coalesce(s.first_fy, -1), coalesce(s.last_fy, -1) FROM plan p"
	    " LEFT JOIN plan_span s ON s.plan_id = p.id", -1, &s, NULL) !=
	    SQLITE_OK)
		return bad + 1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		long long plan = sqlite3_column_int64(s, 0);

		plain_span(db, plan, &first, &last);
		if (sqlite3_column_int(s, 2) == 1 &&
		    (sqlite3_column_int(s, 3) != first ||
		    sqlite3_column_int(s, 4) != last)) {
			FAIL_AT("%s: %s kept %d-%d, counted %ld-%ld", what,
			    sqlite3_column_text(s, 1), sqlite3_column_int(s, 3),
			    sqlite3_column_int(s, 4), first, last);
			bad++;
		}
		if (store_plan_span(st, plan, &f, &l, &cause) != 0) {
			FAIL_AT("%s: %s", what, cause);
			free(cause);
			cause = NULL;
			bad++;
		} else if (f != (first < 0 ? 0 : first) ||
		    l != (last < 0 ? 0 : last)) {
			FAIL_AT("%s: %s read %d-%d, counted %ld-%ld", what,
			    sqlite3_column_text(s, 1), f, l, first, last);
			bad++;
		}
	}
	sqlite3_finalize(s);
	return bad;
}

/* Keeps the first line reported (arg: a char *). */
static void
first_line(void *arg, const char *line)
{
	char	**keep = arg;

	if (*keep == NULL)
		*keep = xstrdup(line);
}

/* Writes that move the years of yearly plans and cost trends, and plans
 * made and deleted (kept-writes.h has the nodes' own), each with the span
 * omitama-1 must then have; 0 for the one it had before them. */
static const struct {
	const char	*what, *sql;
	int		 first, last;
} span_writes[] = {
	{ "a cost trend of a later year", "INSERT INTO cost_trend (node_id,"
	    " fy, trend) SELECT min(id), 2041, 'up' FROM node WHERE plan_id = "
	    NO_PERIOD, 0, 2041 },
	{ "a yearly plan of an earlier year", "INSERT INTO year_plan (node_id,"
	    " from_fy, to_fy, text, ord) SELECT max(id), 2014, 2015, '前倒し',"
	    " 99 FROM node WHERE plan_id = " NO_PERIOD, 2014, 2041 },
	{ "a yearly plan moved earlier", "UPDATE year_plan SET from_fy = 2011"
	    " WHERE id = (SELECT max(id) FROM year_plan)", 2011, 2041 },
	{ "the earliest yearly plan deleted", "DELETE FROM year_plan WHERE"
	    " from_fy = (SELECT min(from_fy) FROM year_plan)", 0, 2041 },
	{ "another yearly plan of an earlier year", "INSERT INTO year_plan"
	    " (node_id, from_fy, to_fy, text, ord) SELECT max(id), 2013, 2013,"
	    " '前倒し', 99 FROM node WHERE plan_id = " NO_PERIOD, 2013, 2041 },
	{ "a yearly plan moved to another plan's node", "UPDATE year_plan SET"
	    " node_id = (SELECT min(id) FROM node WHERE plan_id = (SELECT id"
	    " FROM plan WHERE code = 'yuki-ap')) WHERE id = (SELECT max(id)"
	    " FROM year_plan)", 0, 2041 },
	{ "a cost trend moved to a later year", "UPDATE cost_trend SET fy = 2044"
	    " WHERE fy = 2041", 0, 2044 },
	{ "the latest cost trend deleted", "DELETE FROM cost_trend WHERE"
	    " fy = (SELECT max(fy) FROM cost_trend)", 0, 0 },
	{ "a node with a period of its own added", "INSERT INTO node (plan_id,"
	    " depth, key, title, first_fy, last_fy, ord) SELECT id, 1,"
	    " 'span-new', '期間のある施策', 2009, 2010, 999 FROM plan"
	    " WHERE code = 'omitama-1'", 2009, 0 },
	{ "its period moved", "UPDATE node SET first_fy = 2008, last_fy = 2050"
	    " WHERE key = 'span-new'", 2008, 2050 },
	{ "it deleted", "DELETE FROM node WHERE key = 'span-new'", 0, 0 },
	{ "a node with a period of its own deleted", "DELETE FROM node WHERE id"
	    " = (SELECT max(id) FROM node WHERE last_fy IS NOT NULL AND NOT"
	    " EXISTS (SELECT 1 FROM node c WHERE c.parent_id = node.id))",
	    -1, -1 },
	{ "a plan added", "INSERT INTO plan (code, name, ord) VALUES"
	    " ('empty', '空の計画', 99)", -1, -1 },
	{ "a plan deleted", "DELETE FROM plan WHERE code = 'omitama-dx'",
	    -1, -1 },
};

TEST(test_every_write_keeps_the_span)
{
	struct store	*st;
	sqlite3		*db;
	size_t		 i;
	long		 first0, last0, want;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	db = store_db(st);
	CHECK_INT(spans_agree(st, "the import"), 0);
	/* One sample prints no period (nor any year of its own); the
	 * others need no row. */
	CHECK_INT(q_long(db, "SELECT count(*) FROM plan_span WHERE"
	    " first_fy IS NULL AND valid = 1 AND plan_id = " NO_PERIOD), 1);
	CHECK_INT(q_long(db, "SELECT count(*) FROM plan_span"), 1);
	for (i = 0; i < sizeof writes / sizeof writes[0]; i++) {
		write_sql(st, writes[i].sql);
		spans_agree(st, writes[i].what);
	}
	first0 = q_long(db, "SELECT first_fy FROM plan_span WHERE plan_id = "
	    NO_PERIOD);
	last0 = q_long(db, "SELECT last_fy FROM plan_span WHERE plan_id = "
	    NO_PERIOD);
	/* (The writes above gave it years, within those below.) */
	CHECK(first0 > 2014 && last0 < 2041);
	for (i = 0; i < sizeof span_writes / sizeof span_writes[0]; i++) {
		write_sql(st, span_writes[i].sql);
		spans_agree(st, span_writes[i].what);
		if (span_writes[i].first < 0)
			continue;
		/* The write did move the span it was meant to. */
		want = span_writes[i].first ? span_writes[i].first : first0;
		if (q_long(db, "SELECT first_fy FROM plan_span WHERE plan_id = "
		    NO_PERIOD) != want)
			FAIL_AT("%s: first year not %ld", span_writes[i].what,
			    want);
		want = span_writes[i].last ? span_writes[i].last : last0;
		if (q_long(db, "SELECT last_fy FROM plan_span WHERE plan_id = "
		    NO_PERIOD) != want)
			FAIL_AT("%s: last year not %ld", span_writes[i].what,
			    want);
	}
	CHECK_INT(q_long(db, "SELECT count(*) FROM plan_span s JOIN plan p"
	    " ON p.id = s.plan_id WHERE p.code = 'empty' AND s.valid = 1"
	    " AND s.first_fy IS NULL"), 1);
	/* A second import of a plan replaces it: its span is counted. */
	CHECK_INT(load(st, samples + 3, 1, 1), 0);
	spans_agree(st, "an import --replace");
	store_close(st);
}

TEST(test_a_write_behind_the_programs_back_is_counted)
{
	struct store	*st;
	sqlite3		*db;
	char		*cause = NULL;
	long long	 plan;
	int		 first = 0, last = 0;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	db = store_db(st);
	plan = q_long(db, "SELECT id FROM plan WHERE code = 'omitama-1'");
	/* Straight to the file: the trigger marks the row, nothing counts
	 * it, and the roadmap's read counts the span itself. */
	raw(db, "INSERT INTO cost_trend (node_id, fy, trend) SELECT min(id),"
	    " 2050, 'down' FROM node WHERE plan_id = " NO_PERIOD);
	CHECK_INT(q_long(db, "SELECT valid FROM plan_span WHERE plan_id = "
	    NO_PERIOD), 0);
	CHECK_INT(store_plan_span(st, plan, &first, &last, &cause), 0);
	free(cause);
	CHECK_INT(last, 2050);
	CHECK_INT(first, 2050);
	/* shisaku check counts only the rows that claim to be true. */
	CHECK_INT(check_problems(st), 0);
	/* The next write through the program keeps it again. */
	write_sql(st, "UPDATE plan SET name = name || '' WHERE code = 'yuki-ap'");
	CHECK_INT(spans_agree(st, "the next write"), 0);
	store_close(st);
}

/* The roadmap of a plan without a period spans the years kept, read
 * from the row (not counted): a row made false by hand shows. */
TEST(test_the_roadmap_spans_the_kept_years)
{
	struct store	*st;
	struct roadmap	*rm = NULL;
	sqlite3		*db;
	char		*cause = NULL;
	long long	 plan;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	db = store_db(st);
	plan = q_long(db, "SELECT id FROM plan WHERE code = 'omitama-1'");
	write_sql(st, "INSERT INTO cost_trend (node_id, fy, trend) SELECT"
	    " min(id), 2031, 'up' FROM node WHERE plan_id = " NO_PERIOD);
	write_sql(st, "INSERT INTO year_plan (node_id, from_fy, to_fy, text,"
	    " ord) SELECT max(id), 2024, 2025, '調査', 1 FROM node"
	    " WHERE plan_id = " NO_PERIOD);
	CHECK_INT(store_roadmap_head(st, plan, 2025, &rm, &cause), 0);
	if (rm != NULL) {
		CHECK_INT(rm->first_fy, 2024);
		CHECK_INT(rm->last_fy, 2031);
	}
	store_roadmap_free(rm);
	rm = NULL;
	raw(db, "UPDATE plan_span SET first_fy = 2022 WHERE plan_id = "
	    NO_PERIOD);
	CHECK_INT(store_roadmap_head(st, plan, 2025, &rm, &cause), 0);
	if (rm != NULL)
		CHECK_INT(rm->first_fy, 2022);
	store_roadmap_free(rm);
	free(cause);
	store_close(st);
}

/* A span the commit cannot count (here a trigger refuses its row) never
 * refuses the write that marked it: the write is saved, the row stays
 * marked, and the roadmap counts the span when it reads it. */
TEST(test_a_span_not_counted_does_not_refuse_the_write)
{
	struct store	*st;
	sqlite3		*db;
	char		*cause = NULL;
	long long	 plan;
	int		 first = 0, last = 0;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	db = store_db(st);
	plan = q_long(db, "SELECT id FROM plan WHERE code = 'omitama-1'");
	raw(db, "CREATE TRIGGER refuse_span BEFORE INSERT ON plan_span"
	    " BEGIN SELECT RAISE(ABORT, 'refused'); END");
	write_sql(st, "INSERT INTO cost_trend (node_id, fy, trend) SELECT"
	    " min(id), 2039, 'down' FROM node WHERE plan_id = " NO_PERIOD);
	CHECK_INT(q_long(db, "SELECT count(*) FROM cost_trend WHERE fy = 2039"),
	    1);
	CHECK_INT(q_long(db, "SELECT valid FROM plan_span WHERE plan_id = "
	    NO_PERIOD), 0);
	CHECK_INT(store_plan_span(st, plan, &first, &last, &cause), 0);
	free(cause);
	CHECK_INT(first, 2039);
	CHECK_INT(last, 2039);
	/* Once the rows can be written, the next write keeps it again. */
	raw(db, "DROP TRIGGER refuse_span");
	write_sql(st, "UPDATE plan SET name = name WHERE code = 'yuki-ap'");
	CHECK_INT(spans_agree(st, "the trigger dropped"), 0);
	store_close(st);
}

TEST(test_check_reports_a_false_span)
{
	struct store	*st;
	sqlite3		*db;
	char		*line = NULL;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	db = store_db(st);
	write_sql(st, "INSERT INTO cost_trend (node_id, fy, trend) SELECT"
	    " min(id), 2030, 'same' FROM node WHERE plan_id = " NO_PERIOD);
	CHECK_INT(check_problems(st), 0);
	raw(db, "UPDATE plan_span SET last_fy = 1999 WHERE plan_id = "
	    NO_PERIOD);
	CHECK_INT(check_problems(st), 1);
	CHECK_INT(store_span_check(st, first_line, &line, NULL), 1);
	CHECK(line != NULL && strstr(line, "omitama-1") != NULL &&
	    strstr(line, "2030〜1999") != NULL &&
	    strstr(line, "2030〜2030") != NULL &&
	    strstr(line, "ロードマップ") != NULL);
	free(line);
	line = NULL;
	/* A plan with no year kept, and years counted. */
	raw(db, "UPDATE plan_span SET first_fy = NULL, last_fy = NULL"
	    " WHERE plan_id = " NO_PERIOD);
	CHECK_INT(store_span_check(st, first_line, &line, NULL), 1);
	CHECK(line != NULL && strstr(line, "なし と記録") != NULL);
	if (line != NULL)
		fprintf(stderr, "(check: %s)\n", line);
	free(line);
	store_close(st);
}

int
main(void)
{
	if (sample_dir_make("span") != 0)
		return 1;
	RUN(test_every_write_keeps_the_span);
	RUN(test_a_write_behind_the_programs_back_is_counted);
	RUN(test_the_roadmap_spans_the_kept_years);
	RUN(test_a_span_not_counted_does_not_refuse_the_write);
	RUN(test_check_reports_a_false_span);
	sample_dir_remove();
	DONE();
}
