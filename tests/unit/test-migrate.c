/*
 * Schema migrations on a file the previous version made: a version 1
 * database (db/schema.sql as it shipped, with a plan, nodes, indicators
 * and history rows) is opened and brought to the current version with
 * its rows intact; nodes gain a version of 1; the version clock starts
 * above every version there is; history keeps the rows of a
 * deleted node or indicator with the id set NULL; a version 7 file keeps
 * its drafts and their fields when the drafts of the planners' forms are
 * added; opening again changes nothing, and a file newer than this
 * program is refused. Run from the top of the source tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fixture.h"
#include "harness.h"
#include "peek.h"
#include "shisaku/session.h"
#include "shisaku/store-edit.h"
#include "shisaku/store-mywork.h"
#include "shisaku/store-search.h"
#include "shisaku/store-user.h"
#include "shisaku/store.h"
#include "shisaku/util.h"

#include "migrate-2-sql.h"
#include "migrate-3-sql.h"
#include "migrate-4-sql.h"
#include "migrate-5-sql.h"
#include "migrate-6-sql.h"
#include "migrate-7-sql.h"
#include "schema-sql.h"

/* Each index named after it (WHERE m.name ...): "name:col,col|...". */
#define INDEX_COLUMNS							\
	"SELECT group_concat(x, '|') FROM (SELECT m.name || ':' ||"	\
	" (SELECT group_concat(name) FROM (SELECT name FROM"		\
	" pragma_index_info(m.name) ORDER BY seqno)) AS x"		\
	" FROM sqlite_master m WHERE m.type = 'index' AND m.name"

static char dir[] = "/tmp/shisaku-test-migrate-XXXXXX";

/* What a version 1 program wrote: a plan of one level, two nodes, an
 * indicator on the first and one on the plan, a department in charge of
 * both, and history on each. */
static const char v1_rows[] =
    "INSERT INTO plan (id, code, name, first_fy, last_fy, ord)"
    " VALUES (1, 't', '試験計画', 2021, 2025, 1);"
    "INSERT INTO plan_level (plan_id, depth, name) VALUES (1, 1, '施策');"
    "INSERT INTO node (id, plan_id, depth, key, code, title, ord)"
    " VALUES (10, 1, 1, 'a', 'No.1', '市民参画事業', 1),"
    " (11, 1, 1, 'b', 'No.2', '環境美化事業', 2);"
    "INSERT INTO indicator (id, plan_id, node_id, key, name, unit, ord)"
    " VALUES (20, 1, 10, 'i1', '講座の回数', '回', 3),"
    " (21, 1, NULL, 'i2', '満足度', '%', 4);"
    "INSERT INTO department (id, code, name, ord) VALUES (3, 't/企画課',"
    " '企画課', 1);"
    "INSERT INTO node_dept (node_id, dept_id, is_main, ord)"
    " VALUES (10, 3, 1, 1), (11, 3, 1, 1);"
    "INSERT INTO history (id, at, login, node_id, indicator_id, fy, field,"
    " old_value, new_value) VALUES"
    " (1, '2024-04-01T09:00:00', 'kikaku', 10, NULL, NULL, 'title',"
    "  '参画事業', '市民参画事業'),"
    " (2, '2024-05-01T10:00:00', 'sato', 10, 20, 2024, 'actual', NULL, '12回'),"
    " (3, '2024-06-01T11:00:00', 'kikaku', 11, NULL, NULL, 'title',"
    "  '美化事業', '環境美化事業'),"
    " (4, '2024-07-01T12:00:00', 'kikaku', NULL, 21, 2025, 'target',"
    "  '80%', '85%'),"
    " (5, '2024-08-01T13:00:00', 'kikaku', NULL, NULL, 2024, 'fiscal_year',"
    "  NULL, '受付中');";

/* Every history row, every column. */
static const char history_digest[] =
    "SELECT group_concat(x, '|') FROM (SELECT id || ',' || at || ',' ||"
    " login || ',' || coalesce(node_id, '-') || ',' ||"
    " coalesce(indicator_id, '-') || ',' || coalesce(fy, '-') || ',' ||"
    " field || ',' || coalesce(old_value, '-') || ',' ||"
    " coalesce(new_value, '-') AS x FROM history ORDER BY id)";

static const char history_v1[] =
    "1,2024-04-01T09:00:00,kikaku,10,-,-,title,参画事業,市民参画事業|"
    "2,2024-05-01T10:00:00,sato,10,20,2024,actual,-,12回|"
    "3,2024-06-01T11:00:00,kikaku,11,-,-,title,美化事業,環境美化事業|"
    "4,2024-07-01T12:00:00,kikaku,-,21,2025,target,80%,85%|"
    "5,2024-08-01T13:00:00,kikaku,-,-,2024,fiscal_year,-,受付中";

static char *
tmp_path(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

static int
raw_exec(sqlite3 *db, const char *sql)
{
	char	*err = NULL;
	int	 rc = sqlite3_exec(db, sql, NULL, NULL, &err);

	if (rc != SQLITE_OK)
		fprintf(stderr, "%s\n", err != NULL ? err : sqlite3_errstr(rc));
	sqlite3_free(err);
	return rc;
}

/* Makes path a version 1 file as the previous program left it: ours by
 * application_id, WAL, schema 1 and the rows above. Returns 0 or -1. */
static int
make_v1(const char *path)
{
	sqlite3	*db = NULL;
	char	*app;
	int	 ok;

	unlink(path);
	if (sqlite3_open(path, &db) != SQLITE_OK) {
		sqlite3_close(db);
		return -1;
	}
	app = xasprintf("PRAGMA application_id = %d", STORE_APPLICATION_ID);
	ok = raw_exec(db, "PRAGMA journal_mode = WAL") == SQLITE_OK &&
	    raw_exec(db, "BEGIN IMMEDIATE") == SQLITE_OK &&
	    raw_exec(db, app) == SQLITE_OK &&
	    raw_exec(db, shisaku_schema_sql) == SQLITE_OK &&
	    raw_exec(db, v1_rows) == SQLITE_OK &&
	    raw_exec(db, "PRAGMA user_version = 1") == SQLITE_OK &&
	    raw_exec(db, "COMMIT") == SQLITE_OK;
	free(app);
	sqlite3_close(db);
	return ok ? 0 : -1;
}

static int
raw_open(const char *path)
{
	if (sqlite3_open(path, &raw) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(raw, 1000);
	return 0;
}

static struct store *
open_store(const char *path)
{
	struct store	*st;
	char		*cause = NULL;

	st = store_open(path, STORE_OPEN_EXISTING, 1000, &cause);
	if (st == NULL)
		fprintf(stderr, "store_open: %s\n", cause);
	free(cause);
	return st;
}

/* A file left at an older version through the raw connection: closes
 * that, opens the file with the store, which migrates it to this
 * version, and peeks at it again. NULL when the store did not open it. */
static struct store *
migrate_file(const char *path)
{
	struct store	*st;

	sqlite3_close(raw);
	raw = NULL;
	if ((st = open_store(path)) == NULL)
		return NULL;
	CHECK_INT(store_file_version(st), store_schema_version());
	CHECK_INT(raw_open(path), 0);
	return st;
}

/* Makes path a file of this version: a version 1 file migrated. Returns
 * 0 or -1. */
static int
make_current(const char *path)
{
	struct store	*st;

	if (make_v1(path) != 0 || (st = open_store(path)) == NULL)
		return -1;
	store_close(st);
	return 0;
}

static void
check_clean(struct store *st)
{
	char	*cause = NULL;
	int	 problems = 0;

	CHECK_INT(store_check(st, fixture_count_problem, &problems, &cause), 0);
	CHECK_INT(problems, 0);
	free(cause);
}

/* A current file made older by sql (which ends by setting its
 * user_version and committing), then opened by this program: the store
 * on the migrated file, or NULL when a step failed (a failed check). */
static struct store *
migrated_from(const char *path, const char *sql)
{
	CHECK_INT(make_current(path), 0);
	CHECK_INT(raw_open(path), 0);
	if (raw == NULL || raw_exec(raw, sql) != SQLITE_OK) {
		CHECK(!"the older file could not be made");
		return NULL;
	}
	return migrate_file(path);
}

/* After a test of migrated_from: the file is clean, and let go. */
static void
migrated_done(struct store *st, char *path)
{
	CHECK(st != NULL);
	if (st != NULL)
		check_clean(st);
	store_close(st);
	sqlite3_close(raw);
	raw = NULL;
	free(path);
}

TEST(test_v1_file_is_migrated)
{
	char		*path = tmp_path("v1.db");
	struct store	*st;

	CHECK_INT(store_schema_version(), 30);
	CHECK_INT(make_v1(path), 0);
	CHECK_INT(raw_open(path), 0);
	/* The file is as version 1 left it. */
	CHECK_INT(q_int("PRAGMA user_version"), 1);
	CHECK_INT(q_int("SELECT count(*) FROM pragma_table_info('node')"
	    " WHERE name = 'ver'"), 0);
	CHECK_Q("CASCADE,CASCADE", "SELECT group_concat(on_delete) FROM"
	    " (SELECT on_delete FROM pragma_foreign_key_list('history')"
	    " ORDER BY \"table\")");
	CHECK_Q(history_v1, "%s", history_digest);

	st = open_store(path);
	CHECK(st != NULL);
	if (st == NULL)
		goto out;
	CHECK_INT(store_file_version(st), store_schema_version());
	CHECK_INT(q_int("PRAGMA user_version"), 30);
	CHECK_INT(q_int("PRAGMA application_id"), STORE_APPLICATION_ID);
	/* Version 24 (db/migrate-24.sql): each indicator's level, its
	 * node's depth (none for the plan's own), indexed by plan, and kept
	 * by triggers when an indicator or its node moves. */
	CHECK_Q("20|1,21|", "SELECT group_concat(id || '|' ||"
	    " coalesce(depth, ''), ',') FROM (SELECT id, depth FROM indicator"
	    " ORDER BY id)");
	CHECK_Q("indicator_plan_depth:plan_id,depth,dept_id,node_id",
	    INDEX_COLUMNS " IN ('indicator_plan_depth') ORDER BY m.name)");
	/* Version 27 (db/migrate-27.sql): each assignment's node's place
	 * and period beside it (ord is the assignment's own), in the index
	 * of a department's assignments in a plan (below). */
	CHECK_Q("plan_id,parent_id,depth,node_ord,first_fy,last_fy", "SELECT"
	    " group_concat(name) FROM (SELECT name FROM"
	    " pragma_table_info('node_dept') WHERE cid > 6 ORDER BY cid)");
	CHECK(q_int("SELECT count(*) FROM node_dept") > 0);
	CHECK_INT(q_int("SELECT count(*) FROM node_dept nd JOIN node n"
	    " ON n.id = nd.node_id WHERE nd.parent_id IS n.parent_id AND"
	    " nd.depth = n.depth AND nd.node_ord = n.ord AND nd.first_fy IS"
	    " n.first_fy AND nd.last_fy IS n.last_fy"),
	    q_int("SELECT count(*) FROM node_dept"));
	/* Version 26 (db/migrate-26.sql): the top level of each plan,
	 * in its order, in an index of its own. */
	CHECK_Q("node_top:plan_id,ord,id,depth,first_fy,last_fy",
	    INDEX_COLUMNS " IN ('node_top') ORDER BY m.name)");
	CHECK_Q("1", "SELECT partial FROM pragma_index_list('node')"
	    " WHERE name = 'node_top'");
	/* Version 25 (db/migrate-25.sql): each mark's node's place and
	 * period beside it, in the index of the flag's marks. */
	CHECK_Q("plan_id,parent_id,depth,ord,first_fy,last_fy", "SELECT"
	    " group_concat(name) FROM (SELECT name FROM"
	    " pragma_table_info('node_flag') WHERE cid > 1 ORDER BY cid)");
	/* Version 23 (db/migrate-23.sql): the years of each yearly plan in
	 * the index of a node's yearly plans. */
	CHECK_Q("year_plan_node:node_id,ord,id,from_fy,to_fy", INDEX_COLUMNS
	    " IN ('year_plan_node') ORDER BY m.name)");
	/* Version 21 (db/migrate-21.sql): what a filter of the tree reads,
	 * from narrow indexes; node_up is now the start of node_shape.
	 * Version 22 (db/migrate-22.sql): node_parent in (ord, id) order.
	 * Version 25: node_flag_flag with each node's place and period;
	 * version 27: node_dept_plan. */
	CHECK_Q("node_dept_plan:plan_id,dept_id,node_id,from_fy,until_fy,"
	    "parent_id,depth,node_ord,first_fy,last_fy|"
	    "node_flag_flag:flag_id,node_id,plan_id,parent_id,depth,ord,"
	    "first_fy,last_fy|"
	    "node_parent:parent_id,ord,id,plan_id,depth,first_fy,last_fy|"
	    "node_shape:id,parent_id,plan_id,depth,ord,first_fy,last_fy|"
	    "result_state:fy,node_id,state,status,grade", INDEX_COLUMNS
	    " IN ('node_shape', 'result_state', 'node_flag_flag',"
	    " 'node_dept_plan', 'node_parent', 'node_up') ORDER BY m.name)");
	/* Version 20 (db/migrate-20.sql): each indicator's place by id (and
	 * each node's parent, now in node_shape). */
	CHECK_Q("indicator_place:id,ord", INDEX_COLUMNS
	    " IN ('indicator_place') ORDER BY m.name)");
	/* Version 19 (db/migrate-19.sql): each assignment's plan, with the
	 * index and the triggers that keep it. */
	CHECK_INT(q_int("SELECT count(*) FROM pragma_table_info('node_dept')"
	    " WHERE name = 'plan_id'"), 1);
	CHECK_INT(q_int("SELECT count(*) FROM sqlite_master WHERE name IN"
	    " ('node_dept_plan', 'node_dept_plan_ins', 'node_dept_plan_upd')"), 3);
	/* Version 18 (db/migrate-18.sql): when each entry waiting was
	 * submitted, indexed over those waiting. */
	CHECK_Q("indicator_actual_waiting|1,result_waiting|1", "SELECT"
	    " group_concat(name || '|' || partial) FROM (SELECT i.name, i.partial"
	    " FROM sqlite_master m, pragma_index_list(m.name) i"
	    " WHERE m.name IN ('result', 'indicator_actual')"
	    " AND i.name LIKE '%%_waiting' ORDER BY i.name)");
	/* Version 17 (db/migrate-17.sql): the years the data of each plan
	 * that prints no period covers (this one prints one: none kept). */
	CHECK_INT(q_int("SELECT count(*) FROM plan_span"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM sqlite_master WHERE type ="
	    " 'trigger' AND name LIKE 'plan_span_%%'"), 9);
	/* Version 16 (db/migrate-16.sql): the nodes with a period of their
	 * own are indexed by plan, those alone. */
	CHECK_Q("node_own_period|1", "SELECT name || '|' || partial FROM"
	    " pragma_index_list('node') WHERE name = 'node_own_period'");
	/* Version 15 (db/migrate-15.sql): each node's folded text ends with
	 * two line breaks. */
	CHECK_INT(q_int("SELECT count(*) FROM search_text"
	    " WHERE substr(body, -2) <> char(10) || char(10)"), 0);
	/* Version 14 (db/migrate-14.sql): whether a write counts a plan's
	 * kept figures again or forgets them; again, for those kept before. */
	CHECK_Q("1|1|INTEGER", "SELECT \"notnull\" || '|' || dflt_value || '|' ||"
	    " type FROM pragma_table_info('plan_fig') WHERE name = 'recount'");
	/* Version 12 (db/migrate-12.sql): the indicator list's rates of the
	 * year today falls in, one row per indicator of each plan. */
	CHECK(q_int("SELECT count(*) FROM indicator_fig_year") >=
	    q_int("SELECT count(*) FROM plan"));
	CHECK_INT(q_int("SELECT count(*) FROM indicator_fig_year y WHERE"
	    " (SELECT count(*) FROM indicator_fig f WHERE f.plan_id = y.plan_id"
	    " AND f.fy = y.fy) <> (SELECT count(*) FROM indicator i"
	    " WHERE i.plan_id = y.plan_id)"), 0);
	CHECK(q_int("SELECT count(*) FROM indicator_fig") > 0);
	/* Version 13 (db/migrate-13.sql): every node's folded text in the
	 * search's index, none left to fold. */
	CHECK(q_int("SELECT count(*) FROM node") > 0);
	CHECK_INT(q_int("SELECT count(*) FROM search_text"),
	    q_int("SELECT count(*) FROM node"));
	CHECK_INT(q_int("SELECT count(*) FROM node n WHERE NOT EXISTS (SELECT 1"
	    " FROM search_text t WHERE t.rowid = n.id"
	    " AND instr(t.body, lower(n.title)) > 0)"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM search_stale"), 0);
	/* Version 10: each plan's count of indicators, as many as it has. */
	CHECK_INT(q_int("SELECT count(*) FROM plan p LEFT JOIN indicator_count"
	    " c ON c.plan_id = p.id WHERE c.n IS NOT (SELECT count(*) FROM"
	    " indicator i WHERE i.plan_id = p.id)"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM indicator_count"),
	    q_int("SELECT count(*) FROM plan"));
	/* Version 6: indexes for the screens' reads (node_flag_flag since
	 * version 21 with the node's id). */
	CHECK_Q("indicator_plan:plan_id,ord", INDEX_COLUMNS
	    " IN ('indicator_plan') ORDER BY m.name)");
	/* Version 5: a fiscal year's deadline, none for the years kept. */
	CHECK_INT(q_int("SELECT count(*) FROM pragma_table_info('fiscal_year')"
	    " WHERE name = 'deadline' AND dflt_value = \"''\""), 1);
	/* Version 4: the clock starts above every version there is, with
	 * the triggers that keep it. */
	CHECK_INT(q_int("SELECT n FROM version_clock"), 1);
	CHECK_INT(q_int("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
	    " AND name LIKE '%%_ver_%%'"), 8);
	/* Version 3: who reports an indicator, and its actuals' workflow. */
	CHECK_INT(q_int("SELECT count(*) FROM pragma_table_info('indicator')"
	    " WHERE name = 'dept_id'"), 1);
	CHECK_Q("confirmed_at,confirmed_by,dept_id,entered_at,entered_by,"
	    "return_comment,state,submitted_at,ver", "SELECT group_concat(name) FROM (SELECT"
	    " name FROM pragma_table_info('indicator_actual') WHERE cid > 4"
	    " ORDER BY name)");
	/* Every node has a version, 1 to start with. */
	CHECK_Q("10:1,11:1", "SELECT group_concat(id || ':' || ver) FROM"
	    " (SELECT id, ver FROM node ORDER BY id)");
	CHECK_Q("1|1|INTEGER", "SELECT \"notnull\" || '|' || dflt_value || '|' ||"
	    " type FROM pragma_table_info('node') WHERE name = 'ver'");
	/* History: the same rows, now outliving their node or indicator. */
	CHECK_Q(history_v1, "%s", history_digest);
	CHECK_Q("indicator:indicator_id:SET NULL,node:node_id:SET NULL",
	    "SELECT group_concat(x) FROM (SELECT \"table\" || ':' || \"from\""
	    " || ':' || on_delete AS x FROM pragma_foreign_key_list('history')"
	    " ORDER BY \"table\")");
	/* Version 7: the refusals have an index of their own. */
	CHECK_Q("history_indicator:indicator_id,id|history_node:node_id,id"
	    "|history_refused:id",
	    "SELECT group_concat(x, '|') FROM (SELECT name || ':' || (SELECT"
	    " group_concat(name) FROM (SELECT name FROM pragma_index_info(m.name)"
	    " ORDER BY seqno)) AS x FROM sqlite_master m WHERE type = 'index'"
	    " AND tbl_name = 'history' ORDER BY name)");
	CHECK_INT(q_int("SELECT count(*) FROM sqlite_master"
	    " WHERE name = 'history_new'"), 0);
	/* The other rows are untouched. */
	CHECK_INT(q_int("SELECT count(*) FROM indicator"), 2);
	CHECK_Q("市民参画事業", "SELECT title FROM node WHERE id = 10");
	check_clean(st);
	store_close(st);
	/* Version 24's triggers: the level follows a node moved, an
	 * indicator written or moved, by any program. */
	CHECK_INT(raw_exec(raw, "UPDATE node SET depth = 2 WHERE id = 10;"
	    " INSERT INTO indicator (id, plan_id, node_id, key, name, ord)"
	    " VALUES (22, 1, 11, 'i3', '参加者数', 5);"
	    " UPDATE indicator SET node_id = 10 WHERE id = 21;"), SQLITE_OK);
	CHECK_Q("20|2,21|2,22|1", "SELECT group_concat(id || '|' ||"
	    " coalesce(depth, ''), ',') FROM (SELECT id, depth FROM indicator"
	    " ORDER BY id)");
	CHECK_INT(raw_exec(raw, "UPDATE indicator SET node_id = NULL, depth = 3"
	    " WHERE id = 21"), SQLITE_OK);
	CHECK_Q("20|2,21|,22|1", "SELECT group_concat(id || '|' ||"
	    " coalesce(depth, ''), ',') FROM (SELECT id, depth FROM indicator"
	    " ORDER BY id)");
	/* Version 25's triggers: a mark takes its node's place and period
	 * when written, and follows the node. */
	CHECK_INT(raw_exec(raw, "INSERT INTO plan_flag (id, plan_id, key, label,"
	    " ord) VALUES (1, 1, 'k', '重点', 1);"
	    " INSERT INTO node_flag (node_id, flag_id) VALUES (10, 1);"
	    " UPDATE node SET first_fy = 2022, last_fy = 2024 WHERE id = 10;"
	    " INSERT INTO node_flag (node_id, flag_id) VALUES (11, 1);"
	    " UPDATE node SET parent_id = 10, depth = 2, ord = 7 WHERE id = 11;"),
	    SQLITE_OK);
	CHECK_Q("10:1,,2,1,2022,2024|11:1,10,2,7,,", "SELECT group_concat("
	    "node_id || ':' || plan_id || ',' || coalesce(parent_id, '') || ','"
	    " || depth || ',' || ord || ',' || coalesce(first_fy, '') || ','"
	    " || coalesce(last_fy, ''), '|')"
	    " FROM (SELECT * FROM node_flag ORDER BY node_id)");
out:
	sqlite3_close(raw);
	raw = NULL;
	free(path);
}

TEST(test_reopen_changes_nothing)
{
	char		*path = tmp_path("again.db"), *schema = NULL, *again;
	struct store	*st;

	CHECK_INT(make_current(path), 0);
	CHECK_INT(raw_open(path), 0);
	schema = q_text("SELECT group_concat(sql, ';') FROM (SELECT sql FROM"
	    " sqlite_master ORDER BY name)");
	st = open_store(path);
	CHECK(st != NULL);
	if (st != NULL)
		CHECK_INT(store_file_version(st), store_schema_version());
	store_close(st);
	again = q_text("SELECT group_concat(sql, ';') FROM (SELECT sql FROM"
	    " sqlite_master ORDER BY name)");
	CHECK_STR(again, schema);
	CHECK_Q(history_v1, "%s", history_digest);
	free(again);
	free(schema);
	sqlite3_close(raw);
	raw = NULL;
	free(path);
}

TEST(test_deleting_keeps_history)
{
	char		*path = tmp_path("delete.db"), *cause = NULL;
	struct store	*st;

	CHECK_INT(make_v1(path), 0);
	st = open_store(path);
	CHECK(st != NULL);
	if (st == NULL) {
		free(path);
		return;
	}
	CHECK_INT(raw_open(path), 0);
	CHECK_INT(store_user_put(st, "kikaku", "企画", ROLE_PLANNER, NULL, 0,
	    &cause), 0);
	/* No.1 goes, and its indicator with it: their changes stay, with
	 * neither id; the other node's row keeps its id. */
	CHECK_INT(store_edit_node_delete(st, "kikaku", 10, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM node WHERE id = 10"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM indicator WHERE id = 20"), 0);
	CHECK_Q("1:-:-:title|2:-:-:actual|3:11:-:title", "SELECT group_concat(x,"
	    " '|') FROM (SELECT id || ':' || coalesce(node_id, '-') || ':' ||"
	    " coalesce(indicator_id, '-') || ':' || field AS x FROM history"
	    " WHERE id <= 3 ORDER BY id)");
	CHECK_Q("12回", "SELECT new_value FROM history WHERE id = 2");
	CHECK_Q("No.1 市民参画事業（指標 1件）", "SELECT old_value FROM history"
	    " WHERE field = 'node_delete' AND node_id IS NULL");
	/* An indicator of the plan alike. */
	CHECK_INT(store_edit_indicator_delete(st, "kikaku", 21, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_Q("-:-:target:80%:85%", "SELECT coalesce(node_id, '-') || ':' ||"
	    " coalesce(indicator_id, '-') || ':' || field || ':' || old_value"
	    " || ':' || new_value FROM history WHERE id = 4");
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE id <= 5"), 5);
	CHECK_INT(q_int("SELECT count(*) FROM history"), 7);
	check_clean(st);
	store_close(st);
	sqlite3_close(raw);
	raw = NULL;
	free(path);
}

/* A version 7 file with a draft of a results form and one of an actual
 * form: migration 8 makes the table again, and both drafts and their
 * fields are there after it, and the new kinds go in beside them. */
TEST(test_v7_drafts_are_kept)
{
	char		*path = tmp_path("v7.db"), *app;
	struct store	*st;
	sqlite3		*db = NULL;
	int		 ok;

	unlink(path);
	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	app = xasprintf("PRAGMA application_id = %d", STORE_APPLICATION_ID);
	ok = raw_exec(db, "PRAGMA foreign_keys = ON") == SQLITE_OK &&
	    raw_exec(db, "BEGIN IMMEDIATE") == SQLITE_OK &&
	    raw_exec(db, app) == SQLITE_OK &&
	    raw_exec(db, shisaku_schema_sql) == SQLITE_OK &&
	    raw_exec(db, shisaku_migrate_2_sql) == SQLITE_OK &&
	    raw_exec(db, shisaku_migrate_3_sql) == SQLITE_OK &&
	    raw_exec(db, shisaku_migrate_4_sql) == SQLITE_OK &&
	    raw_exec(db, shisaku_migrate_5_sql) == SQLITE_OK &&
	    raw_exec(db, shisaku_migrate_6_sql) == SQLITE_OK &&
	    raw_exec(db, shisaku_migrate_7_sql) == SQLITE_OK &&
	    raw_exec(db, v1_rows) == SQLITE_OK &&
	    raw_exec(db, "INSERT INTO draft (id, login, kind, node_id, fy,"
	    " base_ver, saved_at) VALUES (5, 'sato', 'result', 10, 2021, 2,"
	    " '2026-01-01T09:00:00');"
	    "INSERT INTO draft (id, login, kind, indicator_id, fy, saved_at)"
	    " VALUES (6, 'sato', 'actual', 20, 2022, '2026-01-01T09:01:00');"
	    "INSERT INTO draft_field VALUES (5, 'text', '一行目\n二行目'),"
	    " (5, 'grade', 'B'), (6, 'actual', '１２回');") == SQLITE_OK &&
	    raw_exec(db, "PRAGMA user_version = 7") == SQLITE_OK &&
	    raw_exec(db, "COMMIT") == SQLITE_OK;
	free(app);
	sqlite3_close(db);
	CHECK(ok);
	st = open_store(path);
	CHECK(st != NULL);
	if (st == NULL) {
		free(path);
		return;
	}
	CHECK_INT(store_file_version(st), store_schema_version());
	CHECK_INT(raw_open(path), 0);
	CHECK_Q("5:result:10:-:2021:2|6:actual:-:20:2022:0", "SELECT"
	    " group_concat(x, '|') FROM (SELECT id || ':' || kind || ':' ||"
	    " coalesce(node_id, '-') || ':' || coalesce(indicator_id, '-') ||"
	    " ':' || fy || ':' || base_ver AS x FROM draft ORDER BY id)");
	CHECK_Q("5:grade:B|5:text:一行目\n二行目|6:actual:１２回", "SELECT"
	    " group_concat(x, '|') FROM (SELECT draft_id || ':' || name || ':' ||"
	    " value AS x FROM draft_field ORDER BY draft_id, name)");
	/* The fields still go with their draft. */
	CHECK_Q("draft", "SELECT \"table\" FROM pragma_foreign_key_list("
	    "'draft_field')");
	CHECK_INT(q_int("SELECT count(*) FROM sqlite_master WHERE name LIKE"
	    " '%%_new'"), 0);
	CHECK_INT(raw_exec(raw, "INSERT INTO draft (login, kind, plan_id, fy,"
	    " saved_at) VALUES ('kikaku', 'node_first', 1, 0, 'x')"), SQLITE_OK);
	CHECK(raw_exec(raw, "INSERT INTO draft (login, kind, node_id, fy,"
	    " saved_at) VALUES ('kikaku', 'indicator', 10, 0, 'x')") != SQLITE_OK);
	CHECK_INT(raw_exec(raw, "PRAGMA foreign_keys = ON"), SQLITE_OK);
	CHECK_INT(raw_exec(raw, "DELETE FROM draft WHERE id = 5"), SQLITE_OK);
	CHECK_INT(q_int("SELECT count(*) FROM draft_field WHERE draft_id = 5"), 0);
	check_clean(st);
	store_close(st);
	sqlite3_close(raw);
	raw = NULL;
	free(path);
}

/* The node of the one hit of a search of every plan for word; 0 when
 * there is none, -1 when there are more or the search failed. */
static long long
only_hit(struct store *st, const char *word)
{
	struct search_query	 q;
	struct search_page	 pg;
	char			*cause = NULL;
	long long		 id = -1;

	memset(&q, 0, sizeof q);
	q.text = word;
	if (store_search(st, &q, NULL, 1, 10, &pg, &cause) != 0) {
		fprintf(stderr, "%s: %s\n", word, cause);
		free(cause);
		return -1;
	}
	if (pg.n <= 1)
		id = pg.n == 1 ? pg.hits[0].pos.node_id : 0;
	search_page_free(&pg);
	return id;
}

/* What version 29 added, taken out of a current file to make an older
 * one. */
#define UNDO_29 " ALTER TABLE department DROP COLUMN merged_into;"

/* What versions 18 to 29 added (28 changed rows only), taken out of a
 * current file to make an older one. */
#define UNDO_18_29							\
	UNDO_29								\
	" DROP TRIGGER node_dept_shape_made;"				\
	" DROP TRIGGER node_dept_shape_assigned;"			\
	" DROP TRIGGER node_dept_shape_moved;"				\
	" DROP INDEX node_top;"						\
	" DROP INDEX node_shape; DROP INDEX result_state;"		\
	" DROP INDEX node_flag_flag;"					\
	" CREATE INDEX node_flag_flag ON node_flag(flag_id);"		\
	" DROP INDEX node_parent;"					\
	" CREATE INDEX node_parent ON node(parent_id, ord);"		\
	" DROP INDEX indicator_place;"					\
	" DROP TRIGGER node_dept_plan_ins; DROP TRIGGER node_dept_plan_upd;" \
	" DROP INDEX node_dept_plan; ALTER TABLE node_dept DROP COLUMN plan_id;" \
	" DROP INDEX result_waiting; DROP INDEX indicator_actual_waiting;" \
	" ALTER TABLE result DROP COLUMN submitted_at;"			\
	" ALTER TABLE indicator_actual DROP COLUMN submitted_at;"	\
	" DROP TRIGGER indicator_depth_made;"				\
	" DROP TRIGGER indicator_depth_moved;"				\
	" DROP TRIGGER node_depth_indicators;"				\
	" DROP INDEX indicator_plan_depth;"				\
	" ALTER TABLE indicator DROP COLUMN depth;"			\
	" DROP TRIGGER node_flag_shape_made;"				\
	" DROP TRIGGER node_flag_shape_marked;"				\
	" DROP TRIGGER node_flag_shape_moved;"				\
	" ALTER TABLE node_flag DROP COLUMN plan_id;"			\
	" ALTER TABLE node_flag DROP COLUMN parent_id;"			\
	" ALTER TABLE node_flag DROP COLUMN depth;"			\
	" ALTER TABLE node_flag DROP COLUMN ord;"			\
	" ALTER TABLE node_flag DROP COLUMN first_fy;"			\
	" ALTER TABLE node_flag DROP COLUMN last_fy;"			\
	" ALTER TABLE node_dept DROP COLUMN parent_id;"			\
	" ALTER TABLE node_dept DROP COLUMN depth;"			\
	" ALTER TABLE node_dept DROP COLUMN node_ord;"			\
	" ALTER TABLE node_dept DROP COLUMN first_fy;"			\
	" ALTER TABLE node_dept DROP COLUMN last_fy;"

/* A file at version 14 as that program left it: its folded texts end
 * without line breaks, and a word of one or two characters at the very
 * end of one (node 11 has nothing after its note) has no trigram.
 * Version 15 folds them again. */
TEST(test_v14_texts_are_folded_again)
{
	char		*path = tmp_path("v14.db");
	struct store	*st;

	CHECK_INT(make_current(path), 0);
	CHECK_INT(raw_open(path), 0);
	CHECK_INT(raw_exec(raw, "BEGIN; UPDATE node SET note = '美化の末尾'"
	    " WHERE id = 11;"
	    " DELETE FROM search_text;"
	    " INSERT INTO search_text (rowid, body) SELECT id,"
	    " lower(code || ' ' || title || char(10) || summary || char(10) ||"
	    " means || char(10) || note) FROM node;"
	    " DELETE FROM search_stale; DROP INDEX node_own_period;"
	    " UPDATE plan SET first_fy = NULL, last_fy = NULL;"
	    " UPDATE node SET first_fy = 2022, last_fy = 2027 WHERE id = 10;"
	    " DROP TABLE plan_span; DROP TRIGGER plan_span_node_ins;"
	    " DROP TRIGGER plan_span_node_upd; DROP TRIGGER plan_span_node_del;"
	    " DROP TRIGGER plan_span_year_plan_ins;"
	    " DROP TRIGGER plan_span_year_plan_upd;"
	    " DROP TRIGGER plan_span_year_plan_del;"
	    " DROP TRIGGER plan_span_cost_trend_ins;"
	    " DROP TRIGGER plan_span_cost_trend_upd;"
	    " DROP TRIGGER plan_span_cost_trend_del;"
	    UNDO_18_29
	    " PRAGMA user_version = 14; COMMIT"),
	    SQLITE_OK);
	CHECK_Q("末尾", "SELECT substr(body, -2) FROM search_text"
	    " WHERE rowid = 11");
	st = migrate_file(path);
	CHECK(st != NULL);
	if (st == NULL)
		goto out;
	/* The years of the plan, which prints no period, counted by
	 * migration 17's commit: those of its node's own period. */
	CHECK_Q("1|2022|2027|1", "SELECT group_concat(plan_id || '|' ||"
	    " first_fy || '|' || last_fy || '|' || valid) FROM plan_span");
	CHECK_INT(q_int("SELECT count(*) FROM search_stale"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM search_text"
	    " WHERE substr(body, -2) <> char(10) || char(10)"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM search_text"),
	    q_int("SELECT count(*) FROM node"));
	/* The words at the end are found through the index. */
	CHECK_INT(only_hit(st, "末尾"), 11);
	CHECK_INT(only_hit(st, "尾"), 11);
	store_close(st);
out:
	sqlite3_close(raw);
	raw = NULL;
	free(path);
}

/*
 * A file at version 27 with an indicator whose target of a year is
 * printed with its bound (90%以下): the program before kept no rate for
 * it (a text target, judged by the grade). Version 28 makes its kept
 * rates again, from the number: 85% against 90%以下 is 100 %, and the
 * plans list's figures of the year count it achieved.
 */
TEST(test_v27_bound_targets_rated)
{
	char		*path = tmp_path("v27.db"), *sql;
	struct store	*st;
	long long	 fy;

	CHECK_INT(make_current(path), 0);
	CHECK_INT(raw_open(path), 0);
	fy = q_int("SELECT coalesce(min(fy), 0) FROM indicator_fig"
	    " WHERE indicator_id = 21");
	CHECK(fy > 0);
	sql = xasprintf("BEGIN;"
	    " UPDATE indicator SET direction = 'max', unit = '%%' WHERE id = 21;"
	    " INSERT OR REPLACE INTO indicator_target (indicator_id, fy, num, txt)"
	    " VALUES (21, %lld, NULL, '90%%以下');"
	    " INSERT OR REPLACE INTO indicator_actual (indicator_id, fy, num)"
	    " VALUES (21, %lld, 85);"
	    " DELETE FROM indicator_fig_stale;"
	    " UPDATE indicator_fig SET norate = 1, up = 0, down = 0"
	    " WHERE indicator_id = 21;"
	    /* The plans list's figures of that year as kept then: no
	     * indicator achieved. */
	    " INSERT OR REPLACE INTO plan_fig (plan_id, fy, depth, items_valid,"
	    " ind_valid, achieved, not_achieved, no_data, recount)"
	    " SELECT plan_id, %lld, 3, 1, 1, 0, 0, 2, 1 FROM indicator"
	    " WHERE id = 21;"
	    UNDO_29
	    " PRAGMA user_version = 27; COMMIT", fy, fy, fy);
	CHECK_INT(raw_exec(raw, sql), SQLITE_OK);
	free(sql);
	st = migrate_file(path);
	CHECK(st != NULL);
	if (st == NULL)
		goto out;
	CHECK_Q("0|100.0", "SELECT norate || '|' || up FROM indicator_fig"
	    " WHERE indicator_id = 21 AND fy = %lld", fy);
	CHECK_INT(q_int("SELECT count(*) FROM indicator_fig_stale"), 0);
	/* The plans list's figures are counted again with the new rate. */
	CHECK_Q("1|1", "SELECT group_concat(achieved || '|' || ind_valid)"
	    " FROM plan_fig WHERE fy = %lld", fy);
	check_clean(st);
	store_close(st);
out:
	sqlite3_close(raw);
	raw = NULL;
	free(path);
}

/*
 * A file at version 28 in which 協働課 was merged into 総務課 from R7 and
 * 企画課 into 政策課 (which had no assignment of it to continue) from R6,
 * and 秘書課 abolished: version 29 finds each merger's successor again,
 * from the assignments the merger continued, else from the name its
 * history row gives; an abolition has none.
 */
TEST(test_v28_mergers_found_again)
{
	char		*path = tmp_path("v28.db");
	struct store	*st;
	struct session	 s;
	char		*cause = NULL;

	st = migrated_from(path, "BEGIN;"
	    " INSERT INTO department (id, code, name, org, ord, abolished_after)"
	    " VALUES (41, 'm/kyodo', '協働課', 'm', 41, 2024),"
	    " (42, 'm/soumu', '総務課', 'm', 42, NULL),"
	    " (43, 'm/kikaku', '企画課', 'm', 43, 2023),"
	    " (44, 'm/seisaku', '政策課', 'm', 44, NULL),"
	    " (45, 'm/hisho', '秘書課', 'm', 45, 2024);"
	    " INSERT INTO node_dept (node_id, dept_id, is_main, from_fy, until_fy,"
	    " ord) VALUES (11, 41, 1, NULL, 2024, 1), (11, 42, 1, 2025, NULL, 2),"
	    " (10, 45, 1, NULL, 2024, 3);"
	    " INSERT INTO history (at, login, fy, field, old_value, new_value)"
	    " VALUES ('2025-04-01T09:00:00', 'kikaku', 2025, 'dept_merge',"
	    " 'm/kyodo: 協働課', '総務課'),"
	    " ('2024-04-01T09:00:00', 'kikaku', 2024, 'dept_merge',"
	    " 'm/kikaku: 企画課', '政策課'),"
	    " ('2025-04-01T09:00:00', 'kikaku', 2025, 'dept_abolish',"
	    " 'm/hisho: 秘書課', NULL);"
	    " INSERT INTO app_user (login, name, role, dept_id)"
	    " VALUES ('suzuki', '鈴木', 'clerk', 42);"
	    UNDO_29
	    " PRAGMA user_version = 28; COMMIT");
	if (st == NULL)
		goto out;
	CHECK_Q("m/kyodo>m/soumu,m/kikaku>m/seisaku,m/hisho>", "SELECT"
	    " group_concat(d.code || '>' || coalesce(m.code, ''))"
	    " FROM department d LEFT JOIN department m ON m.id = d.merged_into"
	    " WHERE d.code LIKE 'm/%%' AND d.abolished_after IS NOT NULL");
	/* 総務課's clerk acts for 協働課 up to R6. */
	CHECK_INT(store_user_login_session(st, "suzuki", &s, &cause), 0);
	CHECK(s.nacting == 1 && s.acting[0].id == 41 &&
	    s.acting[0].until_fy == 2024);
	session_clear(&s);
out:
	migrated_done(st, path);
}

/*
 * A file at version 29 holding actual values a plan file gave without a
 * STATE: of the plan's own indicator (reported on its own), of an item's
 * indicator with a department of its own, and of an item's indicator
 * without one (its result's state is read). Version 30 confirms the
 * first two; the third, and a row of a note without a value, keep none.
 */
TEST(test_v29_blank_actuals_confirmed)
{
	char		*path = tmp_path("v29.db");
	struct store	*st = migrated_from(path, "BEGIN;"
	    " INSERT INTO indicator (id, plan_id, node_id, key, name, ord,"
	    " dept_id) VALUES (22, 1, 11, 'i3', '参加者数', 5, 3);"
	    " INSERT INTO indicator_actual (indicator_id, fy, num, txt, note,"
	    " state) VALUES (21, 2024, 81.5, NULL, '', NULL),"
	    " (21, 2023, NULL, NULL, '調査なし', NULL),"
	    " (22, 2024, NULL, '実施', '', NULL),"
	    " (20, 2024, 12, NULL, '', NULL),"
	    " (21, 2022, 70, NULL, '', 'draft');"
	    " PRAGMA user_version = 29; COMMIT");

	if (st != NULL)
		CHECK_Q("20:2024:-,21:2022:draft,21:2023:-,21:2024:confirmed,"
		    "22:2024:confirmed", "SELECT group_concat(x) FROM (SELECT"
		    " indicator_id || ':' || fy || ':' || coalesce(state, '-')"
		    " AS x FROM indicator_actual ORDER BY indicator_id, fy)");
	migrated_done(st, path);
}

TEST(test_newer_file_is_refused)
{
	char		*path = tmp_path("newer.db"), *cause = NULL, *sql;
	struct store	*st;
	sqlite3		*db = NULL;

	CHECK_INT(make_current(path), 0);
	/* As a later program would leave it. */
	CHECK_INT(sqlite3_open(path, &db), SQLITE_OK);
	sql = xasprintf("PRAGMA user_version = %d", store_schema_version() + 1);
	CHECK_INT(raw_exec(db, sql), SQLITE_OK);
	free(sql);
	sqlite3_close(db);
	st = store_open(path, STORE_OPEN_EXISTING, 1000, &cause);
	CHECK(st == NULL);
	CHECK(cause != NULL && strstr(cause, "新しい版") != NULL);
	store_close(st);
	free(cause);
	free(path);
}

/* A file at version 17 with entries waiting: version 18 keeps when each
 * was submitted, from its history (the last change of its state), else
 * from when it was entered; the reviewers' list reads them in that
 * order from the new indexes. */
TEST(test_v17_submissions_keep_their_time)
{
	char		*path = tmp_path("v17.db");
	struct store	*st;
	struct mywork	*m = NULL;
	char		*cause = NULL;

	st = migrated_from(path, "BEGIN;"
	    UNDO_18_29
	    " INSERT INTO result (node_id, fy, state, entered_by, entered_at)"
	    " VALUES (10, 2024, 'submitted', 'sato', '2024-05-02T00:00:00'),"
	    " (11, 2024, 'submitted', 'sato', '2024-06-01T00:00:00'),"
	    " (10, 2023, 'draft', 'sato', '2023-05-01T00:00:00');"
	    " INSERT INTO indicator_actual (indicator_id, fy, num, state,"
	    " entered_by, entered_at) VALUES (21, 2024, 80, 'submitted',"
	    " 'kikaku', '2024-04-01T00:00:00');"
	    " INSERT INTO history (at, login, node_id, indicator_id, fy, field,"
	    " old_value, new_value) VALUES"
	    " ('2024-05-01T08:00:00', 'sato', 10, NULL, 2024, 'state', '下書き',"
	    "  '提出済'),"
	    " ('2024-05-02T09:00:00', 'kacho', 10, NULL, 2024, 'state', '提出済',"
	    "  '差戻し'),"
	    " ('2024-05-03T08:00:00', 'sato', 10, NULL, 2024, 'state', '差戻し',"
	    "  '提出済'),"
	    " ('2024-07-07T07:07:07', 'kikaku', NULL, 21, 2024, 'state', '下書き',"
	    "  '提出済');"
	    " INSERT INTO department (id, code, name, ord) VALUES (5, 't/総務課',"
	    " '総務課', 1);"
	    " INSERT INTO node_dept (node_id, dept_id, is_main, ord)"
	    " VALUES (11, 5, 1, 1);"
	    " PRAGMA user_version = 17; COMMIT");
	if (st == NULL)
		goto out;
	CHECK_Q("10|2023|,10|2024|2024-05-03T08:00:00,11|2024|2024-06-01T00:00:00",
	    "SELECT group_concat(node_id || '|' || fy || '|' || submitted_at)"
	    " FROM (SELECT * FROM result ORDER BY node_id, fy)");
	CHECK_Q("21|2024|2024-07-07T07:07:07", "SELECT indicator_id || '|' ||"
	    " fy || '|' || submitted_at FROM indicator_actual");
	/* Version 19 gives the assignment its node's plan. */
	CHECK_Q("11|1", "SELECT node_id || '|' || plan_id FROM node_dept"
	    " WHERE dept_id = 5");
	CHECK_INT(store_mywork_review(st, "2024-04-01", 2024, 0, &m, &cause), 0);
	if (m != NULL) {
		CHECK_INT(m->nwaiting, 3);
		CHECK_INT(m->nrows, 3);
		if (m->nrows == 3) {
			CHECK_INT(m->rows[0].node_id, 10);
			CHECK_STR(m->rows[0].at, "2024-05-03T08:00:00");
			CHECK_INT(m->rows[1].node_id, 11);
			CHECK_INT(m->rows[2].indicator_id, 21);
		}
	}
	store_mywork_free(m);
	free(cause);
out:
	migrated_done(st, path);
}

int
main(void)
{
	char	*cmd;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	RUN(test_v1_file_is_migrated);
	RUN(test_reopen_changes_nothing);
	RUN(test_deleting_keeps_history);
	RUN(test_v7_drafts_are_kept);
	RUN(test_v14_texts_are_folded_again);
	RUN(test_v17_submissions_keep_their_time);
	RUN(test_v27_bound_targets_rated);
	RUN(test_v28_mergers_found_again);
	RUN(test_v29_blank_actuals_confirmed);
	RUN(test_newer_file_is_refused);
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	DONE();
}
