-- shisaku database schema, version 25.
--
-- Migration 25 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 24 (db/migrate-24.sql). Never edit it once
-- shipped: add another migration.

-- What a filter of the tree by flag reads of each node the flag names
-- (browse_sql_flag_match, src/store-browse.c): its plan, parent, depth,
-- order and period, beside the mark. They were read by a look-up of
-- each node in node_shape, one of the filter's two look-ups per node:
-- for the 23,656 items a flag of the bench's plan names, 17 -> 10 ms in
-- the sqlite3 shell, the marks now read in order from one index.
--
-- Kept by triggers, so that every program that writes the file keeps
-- them (the sqlite3 shell too): a mark takes its node's when it is
-- written, and a node's marks follow it when it moves or its period
-- changes. A plan import leaves node_flag_shape_made out while it loads
-- and fills the marks it wrote at its end (src/store-plan-import.c).
ALTER TABLE node_flag ADD COLUMN plan_id INTEGER;
ALTER TABLE node_flag ADD COLUMN parent_id INTEGER;
ALTER TABLE node_flag ADD COLUMN depth INTEGER;
ALTER TABLE node_flag ADD COLUMN ord INTEGER;
ALTER TABLE node_flag ADD COLUMN first_fy INTEGER;
ALTER TABLE node_flag ADD COLUMN last_fy INTEGER;
UPDATE node_flag SET (plan_id, parent_id, depth, ord, first_fy, last_fy) =
    (SELECT n.plan_id, n.parent_id, n.depth, n.ord, n.first_fy, n.last_fy
    FROM node n WHERE n.id = node_flag.node_id);
DROP INDEX node_flag_flag;
CREATE INDEX node_flag_flag ON node_flag(flag_id, node_id, plan_id,
    parent_id, depth, ord, first_fy, last_fy);

CREATE TRIGGER node_flag_shape_made AFTER INSERT ON node_flag BEGIN
	UPDATE node_flag SET (plan_id, parent_id, depth, ord, first_fy,
	    last_fy) = (SELECT n.plan_id, n.parent_id, n.depth, n.ord,
	    n.first_fy, n.last_fy FROM node n WHERE n.id = NEW.node_id)
	    WHERE node_id = NEW.node_id AND flag_id = NEW.flag_id;
END;
CREATE TRIGGER node_flag_shape_marked AFTER UPDATE OF node_id ON node_flag
    BEGIN
	UPDATE node_flag SET (plan_id, parent_id, depth, ord, first_fy,
	    last_fy) = (SELECT n.plan_id, n.parent_id, n.depth, n.ord,
	    n.first_fy, n.last_fy FROM node n WHERE n.id = NEW.node_id)
	    WHERE node_id = NEW.node_id AND flag_id = NEW.flag_id;
END;
CREATE TRIGGER node_flag_shape_moved AFTER UPDATE OF plan_id, parent_id,
    depth, ord, first_fy, last_fy ON node BEGIN
	UPDATE node_flag SET (plan_id, parent_id, depth, ord, first_fy,
	    last_fy) = (NEW.plan_id, NEW.parent_id, NEW.depth, NEW.ord,
	    NEW.first_fy, NEW.last_fy) WHERE node_id = NEW.id;
END;
