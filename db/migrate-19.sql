-- shisaku database schema, version 19.
--
-- Migration 19 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 18 (db/migrate-18.sql). Never edit it once
-- shipped: add another migration.

-- The plan of each assignment. A filter's choice of departments (those
-- assigned anywhere in a plan, in force in a year: src/store-sheet.c)
-- read every assignment of the plan to find them: 120 ms for a plan of
-- 200,000 items. With the plan kept beside each assignment and indexed
-- with the department, it asks each department (a small table) for one
-- assignment in the plan and stops there.
--
-- The program writes the node's plan with each assignment; the triggers
-- fill it for a row written without it, and follow a row moved to
-- another node, whoever writes. A node never changes plans.
ALTER TABLE node_dept ADD COLUMN plan_id INTEGER;
UPDATE node_dept SET plan_id = (SELECT n.plan_id FROM node n
    WHERE n.id = node_dept.node_id);
CREATE INDEX node_dept_plan ON node_dept(plan_id, dept_id);

CREATE TRIGGER node_dept_plan_ins AFTER INSERT ON node_dept
    WHEN NEW.plan_id IS NULL BEGIN
	UPDATE node_dept SET plan_id = (SELECT n.plan_id FROM node n
	    WHERE n.id = NEW.node_id) WHERE id = NEW.id;
END;
CREATE TRIGGER node_dept_plan_upd AFTER UPDATE OF node_id, plan_id
    ON node_dept WHEN NEW.plan_id IS NOT (SELECT n.plan_id FROM node n
    WHERE n.id = NEW.node_id) BEGIN
	UPDATE node_dept SET plan_id = (SELECT n.plan_id FROM node n
	    WHERE n.id = NEW.node_id) WHERE id = NEW.id;
END;
