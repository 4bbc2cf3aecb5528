-- shisaku database schema, version 17.
--
-- Migration 17 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 16 (db/migrate-16.sql). Never edit it once
-- shipped: add another migration.

-- The years a plan's data covers: the earliest and the latest year of
-- its nodes' own periods, yearly plans and cost trends (NULL when it has
-- none). The roadmap of a plan that prints no period spans them
-- (src/store-sheet.c); counting them reads every node of the plan, so
-- they are kept, a row per plan (src/store-span.c).
--
-- valid = 0: a write may have changed them. The triggers below mark the
-- row, whoever writes; before its commit the program counts again the
-- marked rows and the missing ones of the plans that print no period
-- (store_span_refresh), so the write that changes them keeps them. A
-- plan with a period needs no row. The commit of this migration counts
-- those of the plans without one. A plan's row goes with the plan.
CREATE TABLE plan_span (
	plan_id		INTEGER PRIMARY KEY REFERENCES plan(id) ON DELETE CASCADE,
	first_fy	INTEGER,
	last_fy		INTEGER,
	valid		INTEGER NOT NULL DEFAULT 0 CHECK (valid IN (0, 1))
);

-- A node's own period. A deleted node takes its yearly plans and cost
-- trends with it (their triggers no longer find its plan), so any node
-- deleted marks its plan.
CREATE TRIGGER plan_span_node_ins AFTER INSERT ON node
    WHEN NEW.first_fy IS NOT NULL OR NEW.last_fy IS NOT NULL BEGIN
	UPDATE plan_span SET valid = 0 WHERE plan_id = NEW.plan_id AND valid = 1;
END;
CREATE TRIGGER plan_span_node_upd AFTER UPDATE OF plan_id, first_fy, last_fy
    ON node BEGIN
	UPDATE plan_span SET valid = 0
	    WHERE plan_id IN (OLD.plan_id, NEW.plan_id) AND valid = 1;
END;
CREATE TRIGGER plan_span_node_del AFTER DELETE ON node BEGIN
	UPDATE plan_span SET valid = 0 WHERE plan_id = OLD.plan_id AND valid = 1;
END;

CREATE TRIGGER plan_span_year_plan_ins AFTER INSERT ON year_plan BEGIN
	UPDATE plan_span SET valid = 0 WHERE valid = 1
	    AND plan_id = (SELECT plan_id FROM node WHERE id = NEW.node_id);
END;
CREATE TRIGGER plan_span_year_plan_upd AFTER UPDATE OF node_id, from_fy,
    to_fy ON year_plan BEGIN
	UPDATE plan_span SET valid = 0 WHERE valid = 1 AND plan_id IN
	    (SELECT plan_id FROM node WHERE id IN (OLD.node_id, NEW.node_id));
END;
CREATE TRIGGER plan_span_year_plan_del AFTER DELETE ON year_plan BEGIN
	UPDATE plan_span SET valid = 0 WHERE valid = 1
	    AND plan_id = (SELECT plan_id FROM node WHERE id = OLD.node_id);
END;

CREATE TRIGGER plan_span_cost_trend_ins AFTER INSERT ON cost_trend BEGIN
	UPDATE plan_span SET valid = 0 WHERE valid = 1
	    AND plan_id = (SELECT plan_id FROM node WHERE id = NEW.node_id);
END;
CREATE TRIGGER plan_span_cost_trend_upd AFTER UPDATE OF node_id, fy
    ON cost_trend BEGIN
	UPDATE plan_span SET valid = 0 WHERE valid = 1 AND plan_id IN
	    (SELECT plan_id FROM node WHERE id IN (OLD.node_id, NEW.node_id));
END;
CREATE TRIGGER plan_span_cost_trend_del AFTER DELETE ON cost_trend BEGIN
	UPDATE plan_span SET valid = 0 WHERE valid = 1
	    AND plan_id = (SELECT plan_id FROM node WHERE id = OLD.node_id);
END;
