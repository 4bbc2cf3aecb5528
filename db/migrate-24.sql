-- shisaku database schema, version 24.
--
-- Migration 24 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 23 (db/migrate-23.sql). Never edit it once
-- shipped: add another migration.

-- The level of the plan each indicator hangs on: its node's depth (NULL
-- for an indicator of the plan itself). A heading's indicators are found
-- by walking down its subtree no deeper than the deepest level that
-- holds one (summary_indicator_depth, src/store-summary.c). That level
-- was asked level by level of the indicators and their nodes, which
-- reads every indicator of the plan when a level holds none: a second
-- at 300,000 indicators, on opening the tree after any write. With the
-- depth beside the plan in an index it is the index's last entry. The
-- index also names the indicators of a plan's headings (above its
-- items) with their own department and node, which the planners'
-- 自分の担当 reads (SQL_REPORTED_BY_NONE, src/store-actual.c).
--
-- Kept by triggers, so that every program that writes the file keeps it
-- (the sqlite3 shell too): an indicator's depth is its node's whenever
-- an indicator is written, and a node's indicators follow it when its
-- depth changes. A plan import writes the depth itself and leaves
-- indicator_depth_made out while it loads (src/store-plan-import.c).
ALTER TABLE indicator ADD COLUMN depth INTEGER;
UPDATE indicator SET depth = (SELECT n.depth FROM node n
    WHERE n.id = indicator.node_id) WHERE node_id IS NOT NULL;
CREATE INDEX indicator_plan_depth ON indicator(plan_id, depth, dept_id,
    node_id);

CREATE TRIGGER indicator_depth_made AFTER INSERT ON indicator
    WHEN NEW.depth IS NOT (SELECT depth FROM node WHERE id = NEW.node_id)
    BEGIN
	UPDATE indicator SET depth = (SELECT depth FROM node
	    WHERE id = NEW.node_id) WHERE id = NEW.id;
END;
CREATE TRIGGER indicator_depth_moved AFTER UPDATE OF node_id, depth
    ON indicator
    WHEN NEW.depth IS NOT (SELECT depth FROM node WHERE id = NEW.node_id)
    BEGIN
	UPDATE indicator SET depth = (SELECT depth FROM node
	    WHERE id = NEW.node_id) WHERE id = NEW.id;
END;
CREATE TRIGGER node_depth_indicators AFTER UPDATE OF depth ON node
    WHEN NEW.depth IS NOT OLD.depth BEGIN
	UPDATE indicator SET depth = NEW.depth WHERE node_id = NEW.id;
END;
