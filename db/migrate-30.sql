-- shisaku database schema, version 30.
--
-- Migration 30 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 29 (db/migrate-29.sql). Never edit it once
-- shipped: add another migration.

-- An actual value of an indicator reported on its own (of the plan, of a
-- heading above the action items, or with a department of its own; see
-- src/store-actual.c) that a plan file loaded without a STATE was left in
-- no workflow state: the forms and 自分の仕事 called it not entered while
-- they showed its value, and the report marked it a draft. A plan file's
-- value without a STATE is now loaded as confirmed, a figure the plan
-- printed (src/store-plan-import.c); those loaded before are made so.
-- No form writes a value without a state, so only loaded ones change.
-- An actual of an item's indicator keeps none: it has its result's.
UPDATE indicator_actual SET state = 'confirmed', ver = ver + 1
    WHERE state IS NULL AND (num IS NOT NULL OR txt IS NOT NULL)
    AND indicator_id IN (SELECT i.id FROM indicator i
	WHERE i.node_id IS NULL OR i.dept_id IS NOT NULL
	OR i.depth < COALESCE((SELECT max(depth) FROM plan_level
	    WHERE plan_id = i.plan_id), (SELECT max(depth) FROM node
	    WHERE plan_id = i.plan_id)));
