-- shisaku database schema, version 27.
--
-- Migration 27 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 26 (db/migrate-26.sql). Never edit it once
-- shipped: add another migration.

-- What a filter of the tree by department reads of each node the
-- department is in charge of (BROWSE_DEPT_MATCH, src/store-browse.c):
-- its parent, depth, order and period, beside the assignment, as
-- db/migrate-25.sql put them beside a flag's marks. They were read by a
-- look-up of each node in node_shape, one of the filter's two look-ups
-- per node: for the 8,513 items of a department of the bench's plan,
-- 9 -> 5 ms in the sqlite3 shell, the assignments now read in order
-- from one index. (node_dept.ord is the assignment's own order among the
-- node's departments: the node's is node_ord.)
--
-- Kept by triggers, so that every program that writes the file keeps
-- them (the sqlite3 shell too): an assignment takes its node's when it
-- is written or moved to another node, and a node's assignments follow
-- it when it moves or its period changes. A plan import leaves
-- node_dept_shape_made out while it loads and writes them in the row
-- (src/store-plan-import.c).
ALTER TABLE node_dept ADD COLUMN parent_id INTEGER;
ALTER TABLE node_dept ADD COLUMN depth INTEGER;
ALTER TABLE node_dept ADD COLUMN node_ord INTEGER;
ALTER TABLE node_dept ADD COLUMN first_fy INTEGER;
ALTER TABLE node_dept ADD COLUMN last_fy INTEGER;
UPDATE node_dept SET (parent_id, depth, node_ord, first_fy, last_fy) =
    (SELECT n.parent_id, n.depth, n.ord, n.first_fy, n.last_fy
    FROM node n WHERE n.id = node_dept.node_id);
DROP INDEX node_dept_plan;
CREATE INDEX node_dept_plan ON node_dept(plan_id, dept_id, node_id,
    from_fy, until_fy, parent_id, depth, node_ord, first_fy, last_fy);

CREATE TRIGGER node_dept_shape_made AFTER INSERT ON node_dept BEGIN
	UPDATE node_dept SET (parent_id, depth, node_ord, first_fy,
	    last_fy) = (SELECT n.parent_id, n.depth, n.ord, n.first_fy,
	    n.last_fy FROM node n WHERE n.id = NEW.node_id)
	    WHERE id = NEW.id;
END;
CREATE TRIGGER node_dept_shape_assigned AFTER UPDATE OF node_id ON node_dept
    BEGIN
	UPDATE node_dept SET (parent_id, depth, node_ord, first_fy,
	    last_fy) = (SELECT n.parent_id, n.depth, n.ord, n.first_fy,
	    n.last_fy FROM node n WHERE n.id = NEW.node_id)
	    WHERE id = NEW.id;
END;
CREATE TRIGGER node_dept_shape_moved AFTER UPDATE OF parent_id, depth, ord,
    first_fy, last_fy ON node BEGIN
	UPDATE node_dept SET (parent_id, depth, node_ord, first_fy,
	    last_fy) = (NEW.parent_id, NEW.depth, NEW.ord, NEW.first_fy,
	    NEW.last_fy) WHERE node_id = NEW.id;
END;
