/*
 * What the tests of the kept figures share (test-plan-figures.c, the
 * plans list's; test-node-figures.c, the headings'; test-tree-year.c, the
 * tree's year), beside what
 * sample-writes.h gives: the scale and the current year they count by,
 * keeping every year's figures, a write straight to the file, and the
 * writes of every kind after which kept and counted must agree.
 * Included once, after harness.h and the store's headers.
 */
#ifndef SHISAKU_TEST_KEPT_WRITES_H
#define SHISAKU_TEST_KEPT_WRITES_H

#include "sample-writes.h"

static const char *const scale[] = { "A", "B", "C", "D" };
#define TODAY_FY 2025

/* Keeps every plan's figures of every year compared, in one write. */
static inline int
keep_all(struct store *st)
{
	return keep_every_year(st, browse_figures_keep);
}

static inline void
raw(sqlite3 *db, const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		FAIL_AT("%s: %s", sql, err);
		sqlite3_free(err);
	}
}

/* The writes, one kind each, made on the file as the store's write
 * paths make them (the triggers answer to the rows, whoever writes; the
 * store's commit counts again what they marked). */
static const struct {
	const char	*what, *sql;
} writes[] = {
	{ "results inserted", "INSERT INTO result (node_id, fy, status, grade,"
	  " state) SELECT id, 2024, 'in_progress', 'B', 'draft' FROM node"
	  " WHERE id % 3 = 0 AND NOT EXISTS (SELECT 1 FROM result r"
	  " WHERE r.node_id = node.id AND r.fy = 2024)" },
	{ "results submitted", "UPDATE result SET state = 'submitted',"
	  " submitted_at = '2025-06-01T10:00:00'"
	  " WHERE fy = 2024 AND node_id % 2 = 0" },
	{ "results confirmed", "UPDATE result SET state = 'confirmed',"
	  " grade = 'A', status = 'done' WHERE fy = 2024 AND node_id % 4 = 0" },
	{ "results returned", "UPDATE result SET state = 'returned'"
	  " WHERE fy = 2024 AND node_id % 5 = 0" },
	{ "a grade off the scale and none", "UPDATE result SET grade ="
	  " CASE WHEN node_id % 2 = 0 THEN 'Z' ELSE NULL END,"
	  " status = NULL WHERE fy = 2024 AND node_id % 7 = 0" },
	{ "results deleted", "DELETE FROM result WHERE fy = 2024"
	  " AND node_id % 6 = 0" },
	{ "results of another year", "INSERT OR IGNORE INTO result (node_id, fy,"
	  " status, state, submitted_at) SELECT id, 2026, 'not_started',"
	  " 'submitted', '2027-06-01T10:00:00' FROM node WHERE id % 2 = 1" },
	{ "a result moved to another year", "UPDATE result SET fy = 2031"
	  " WHERE id = (SELECT MIN(id) FROM result WHERE fy = 2026)" },
	{ "actuals", "INSERT OR REPLACE INTO indicator_actual (indicator_id, fy,"
	  " num) SELECT id, 2024, COALESCE(final_num, 1) FROM indicator"
	  " WHERE id % 2 = 0" },
	{ "an actual deleted", "DELETE FROM indicator_actual WHERE rowid ="
	  " (SELECT MIN(rowid) FROM indicator_actual)" },
	{ "running totals", "UPDATE indicator SET cumulative = 1,"
	  " direction = 'up' WHERE id % 2 = 0" },
	{ "an earlier actual of each running total", "INSERT OR REPLACE INTO"
	  " indicator_actual (indicator_id, fy, num) SELECT id, 2021, -1000000"
	  " FROM indicator WHERE cumulative = 1" },
	{ "an earlier actual of others", "INSERT OR REPLACE INTO"
	  " indicator_actual (indicator_id, fy, num) SELECT id, 2022, 1000000"
	  " FROM indicator WHERE cumulative = 0" },
	{ "targets", "INSERT OR REPLACE INTO indicator_target (indicator_id, fy,"
	  " num) SELECT id, 2027, 5 FROM indicator WHERE id % 3 = 0" },
	{ "yearly plans", "INSERT INTO year_plan (node_id, from_fy, to_fy, text,"
	  " ord) SELECT id, 2030, 2031, '計画', 99 FROM node WHERE id % 5 = 1" },
	{ "a node's period", "UPDATE node SET first_fy = 2028, last_fy = 2029"
	  " WHERE id = (SELECT MIN(id) FROM node WHERE depth = 1)" },
	{ "a plan's period", "UPDATE plan SET first_fy = 2020, last_fy = 2024"
	  " WHERE id = (SELECT MAX(id) FROM plan)" },
	/* (An item's own period that begins before its plan's: the years
	 * before the plan's are no longer past every period.) */
	{ "an item begun before its plan", "UPDATE node SET first_fy = 2019"
	  " WHERE id = (SELECT MAX(id) FROM node WHERE plan_id ="
	  " (SELECT MAX(id) FROM plan))" },
	{ "a plan without a period", "UPDATE plan SET first_fy = NULL,"
	  " last_fy = NULL WHERE id = (SELECT MIN(id) FROM plan)" },
	{ "a node added", "INSERT INTO node (plan_id, parent_id, depth, key,"
	  " title, ord) SELECT plan_id, parent_id, depth, key || '-new',"
	  " '追加', ord + 1 FROM node WHERE id = (SELECT MAX(id) FROM node)" },
	{ "a node moved", "UPDATE node SET parent_id = (SELECT MIN(p.id) FROM"
	  " node p WHERE p.plan_id = node.plan_id AND p.depth = node.depth - 1)"
	  " WHERE id = (SELECT MAX(id) FROM node WHERE depth > 1)" },
	{ "a department changed", "UPDATE node_dept SET until_fy = 2023"
	  " WHERE id % 2 = 0" },
	{ "a level named", "INSERT OR REPLACE INTO plan_level (plan_id, depth,"
	  " name) SELECT id, 4, '細目' FROM plan WHERE id = (SELECT MIN(id)"
	  " FROM plan)" },
	{ "a level removed", "DELETE FROM plan_level WHERE depth = 4" },
	{ "an indicator's final target", "UPDATE indicator SET final_num ="
	  " 1000, final_fy = 2030 WHERE id % 4 = 1" },
	{ "a node deleted", "DELETE FROM node WHERE id = (SELECT MIN(id) FROM"
	  " node WHERE depth = 1)" },
	{ "results after the changes", "INSERT OR IGNORE INTO result (node_id,"
	  " fy, state) SELECT id, 2030, 'returned' FROM node" },
	{ "a year opened", "INSERT OR REPLACE INTO fiscal_year (fy, is_open)"
	  " VALUES (2025, 1)" },
	{ "a year closed", "UPDATE fiscal_year SET is_open = 0 WHERE fy = 2025" },
};

#endif
