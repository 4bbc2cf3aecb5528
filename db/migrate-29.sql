-- shisaku database schema, version 29.
--
-- Migration 29 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 28 (db/migrate-28.sql). Never edit it once
-- shipped: add another migration.

-- The department a merger handed a department's work to. The year
-- before a merger is still being entered after it (a year's results are
-- written in the spring after the April of a reorganisation), when the
-- merged department has no clerks left: the clerks of the department it
-- was merged into enter and submit its results and actuals up to the
-- last year it existed (src/workflow.c), and find them in 自分の仕事.
ALTER TABLE department ADD COLUMN merged_into INTEGER
    REFERENCES department(id);

-- Mergers made before this version are found again from their history
-- row (dept_merge, old value "CODE: NAME", in the first year of the
-- other department) and from the assignments the merger continued: the
-- department that took most of them from that year on. A merger whose
-- department had no assignment then takes the department its history
-- row names, when one department has that name.
UPDATE department SET merged_into = COALESCE(
    (SELECT nd2.dept_id FROM node_dept nd1
	JOIN node_dept nd2 ON nd2.node_id = nd1.node_id
	AND nd2.from_fy = department.abolished_after + 1
	AND nd2.dept_id <> department.id
	WHERE nd1.dept_id = department.id
	AND nd1.until_fy = department.abolished_after
	GROUP BY nd2.dept_id ORDER BY count(*) DESC, nd2.dept_id LIMIT 1),
    (SELECT min(d.id) FROM history h JOIN department d ON d.name = h.new_value
	WHERE h.field = 'dept_merge' AND h.fy = department.abolished_after + 1
	AND substr(h.old_value, 1, length(department.code) + 2) =
	    department.code || ': '
	AND d.id <> department.id
	HAVING count(DISTINCT d.id) = 1))
    WHERE abolished_after IS NOT NULL AND EXISTS (SELECT 1 FROM history h
	WHERE h.field = 'dept_merge' AND h.fy = department.abolished_after + 1
	AND substr(h.old_value, 1, length(department.code) + 2) =
	    department.code || ': ');
