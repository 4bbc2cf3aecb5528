-- shisaku database schema, version 12.
--
-- Migration 12 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 11. Never edit it once shipped: add another
-- migration.

-- The indicator list's achievement of each indicator in a fiscal year,
-- kept so that the list sorted by achievement reads the rows it shows in
-- that order from an index, instead of computing the rate of every
-- indicator of the plan for each sort. A row of indicator_fig_year says
-- the rates of (plan_id, fy) are kept; indicator_fig holds one row per
-- indicator of the plan for each such year: norate is 1 when no rate
-- can be computed (those sort last either way), up the rate (0 without
-- one) and down its negation, so that both directions are an ascending
-- walk of an index whose ties fall back to plan order (ord, id).
--
-- The rate is that of src/achieve.c as the list computes it; SQL does not
-- compute it. The triggers below only mark the indicators a write may
-- have changed (its target, actual, baseline, final target, direction,
-- running total or plan; a new order is copied at once), and before the
-- write commits the store computes the marked indicators' rates again
-- for the kept years of their plan (store_indfig_refresh in
-- src/store-indfig.c). A plan import
-- keeps the years the plans list keeps (the open years and today's) at
-- its end, once; so does this migration, in C, after these statements.
-- The list reads a year that is not kept by computing every row.
CREATE TABLE indicator_fig_year (
	plan_id		INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
	fy		INTEGER NOT NULL,
	PRIMARY KEY (plan_id, fy)
);

CREATE TABLE indicator_fig (
	indicator_id	INTEGER NOT NULL REFERENCES indicator(id)
			    ON DELETE CASCADE,
	fy		INTEGER NOT NULL,
	plan_id		INTEGER NOT NULL,
	ord		INTEGER NOT NULL,
	norate		INTEGER NOT NULL,
	up		REAL NOT NULL,
	down		REAL NOT NULL,
	PRIMARY KEY (indicator_id, fy)
) WITHOUT ROWID;
CREATE INDEX indicator_fig_up ON indicator_fig(plan_id, fy, norate, up, ord,
    indicator_id);
CREATE INDEX indicator_fig_down ON indicator_fig(plan_id, fy, norate, down,
    ord, indicator_id);

-- The indicators whose rates the write in progress must compute again.
-- The triggers mark with INSERT ... WHERE NOT EXISTS, not INSERT OR
-- IGNORE: a trigger's conflict clause gives way to the statement that
-- fired it, and inside an upsert (INSERT ... ON CONFLICT DO UPDATE, as
-- an actual is saved) a second mark of the same indicator would fail.
CREATE TABLE indicator_fig_stale (
	indicator_id	INTEGER PRIMARY KEY
);

-- (A deleted indicator's rows go by its foreign key where the writer
-- enforces them, and by this trigger where it does not.)
CREATE TRIGGER indicator_fig_ind_del AFTER DELETE ON indicator BEGIN
	DELETE FROM indicator_fig WHERE indicator_id = OLD.id;
END;
CREATE TRIGGER indicator_fig_ind_ins AFTER INSERT ON indicator
    WHEN EXISTS (SELECT 1 FROM indicator_fig_year) BEGIN
	INSERT INTO indicator_fig_stale SELECT NEW.id WHERE NOT EXISTS
	    (SELECT 1 FROM indicator_fig_stale WHERE indicator_id = NEW.id);
END;
CREATE TRIGGER indicator_fig_ind_upd AFTER UPDATE OF plan_id, direction,
    cumulative, base_num, base_txt, base_fy, final_num, final_txt, final_fy
    ON indicator
    WHEN EXISTS (SELECT 1 FROM indicator_fig_year) BEGIN
	INSERT INTO indicator_fig_stale SELECT NEW.id WHERE NOT EXISTS
	    (SELECT 1 FROM indicator_fig_stale WHERE indicator_id = NEW.id);
END;
-- A new order moves the rows' ties without a new rate: an indicator
-- inserted before others shifts every later one.
CREATE TRIGGER indicator_fig_ind_ord AFTER UPDATE OF ord ON indicator
    WHEN NEW.ord IS NOT OLD.ord AND EXISTS (SELECT 1 FROM indicator_fig_year)
    BEGIN
	UPDATE indicator_fig SET ord = NEW.ord WHERE indicator_id = NEW.id;
END;
CREATE TRIGGER indicator_fig_target_ins AFTER INSERT ON indicator_target
    WHEN EXISTS (SELECT 1 FROM indicator_fig_year) BEGIN
	INSERT INTO indicator_fig_stale SELECT NEW.indicator_id WHERE NOT EXISTS
	    (SELECT 1 FROM indicator_fig_stale WHERE indicator_id = NEW.indicator_id);
END;
CREATE TRIGGER indicator_fig_target_del AFTER DELETE ON indicator_target
    WHEN EXISTS (SELECT 1 FROM indicator_fig_year) BEGIN
	INSERT INTO indicator_fig_stale SELECT OLD.indicator_id WHERE NOT EXISTS
	    (SELECT 1 FROM indicator_fig_stale WHERE indicator_id = OLD.indicator_id);
END;
CREATE TRIGGER indicator_fig_target_upd AFTER UPDATE OF indicator_id, fy,
    num, txt ON indicator_target
    WHEN EXISTS (SELECT 1 FROM indicator_fig_year) BEGIN
	INSERT INTO indicator_fig_stale SELECT OLD.indicator_id WHERE NOT EXISTS
	    (SELECT 1 FROM indicator_fig_stale WHERE indicator_id = OLD.indicator_id);
	INSERT INTO indicator_fig_stale SELECT NEW.indicator_id WHERE NOT EXISTS
	    (SELECT 1 FROM indicator_fig_stale WHERE indicator_id = NEW.indicator_id);
END;
CREATE TRIGGER indicator_fig_actual_ins AFTER INSERT ON indicator_actual
    WHEN EXISTS (SELECT 1 FROM indicator_fig_year) BEGIN
	INSERT INTO indicator_fig_stale SELECT NEW.indicator_id WHERE NOT EXISTS
	    (SELECT 1 FROM indicator_fig_stale WHERE indicator_id = NEW.indicator_id);
END;
CREATE TRIGGER indicator_fig_actual_del AFTER DELETE ON indicator_actual
    WHEN EXISTS (SELECT 1 FROM indicator_fig_year) BEGIN
	INSERT INTO indicator_fig_stale SELECT OLD.indicator_id WHERE NOT EXISTS
	    (SELECT 1 FROM indicator_fig_stale WHERE indicator_id = OLD.indicator_id);
END;
CREATE TRIGGER indicator_fig_actual_upd AFTER UPDATE OF indicator_id, fy,
    num, txt ON indicator_actual
    WHEN EXISTS (SELECT 1 FROM indicator_fig_year) BEGIN
	INSERT INTO indicator_fig_stale SELECT OLD.indicator_id WHERE NOT EXISTS
	    (SELECT 1 FROM indicator_fig_stale WHERE indicator_id = OLD.indicator_id);
	INSERT INTO indicator_fig_stale SELECT NEW.indicator_id WHERE NOT EXISTS
	    (SELECT 1 FROM indicator_fig_stale WHERE indicator_id = NEW.indicator_id);
END;

-- The indicator list sorted by name: a plan's indicators by name, ties
-- in plan order.
CREATE INDEX indicator_plan_name ON indicator(plan_id, name, ord);

-- The indicator list filtered by a category, in plan order: a plan's
-- indicators of a category by the plan's order, and how many each
-- category has, kept by the triggers below in the same transaction as
-- the write (an import counts the plans it loads once at its end).
CREATE INDEX indicator_plan_category ON indicator(plan_id, category, ord);
CREATE TABLE indicator_category_count (
	plan_id		INTEGER NOT NULL,
	category	TEXT NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (plan_id, category)
) WITHOUT ROWID;
INSERT INTO indicator_category_count (plan_id, category, n)
    SELECT plan_id, category, count(*) FROM indicator
    GROUP BY plan_id, category;
CREATE TRIGGER indicator_fig_cat_ins AFTER INSERT ON indicator BEGIN
	INSERT INTO indicator_category_count (plan_id, category, n)
	    VALUES (NEW.plan_id, NEW.category, 1)
	    ON CONFLICT (plan_id, category) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER indicator_fig_cat_del AFTER DELETE ON indicator BEGIN
	UPDATE indicator_category_count SET n = n - 1
	    WHERE plan_id = OLD.plan_id AND category = OLD.category;
END;
CREATE TRIGGER indicator_fig_cat_upd AFTER UPDATE OF plan_id, category
    ON indicator
    WHEN NEW.plan_id IS NOT OLD.plan_id OR NEW.category IS NOT OLD.category
    BEGIN
	UPDATE indicator_category_count SET n = n - 1
	    WHERE plan_id = OLD.plan_id AND category = OLD.category;
	INSERT INTO indicator_category_count (plan_id, category, n)
	    VALUES (NEW.plan_id, NEW.category, 1)
	    ON CONFLICT (plan_id, category) DO UPDATE SET n = n + 1;
END;
