-- shisaku database schema, version 9.
--
-- Migration 9 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 8 (db/migrate-8.sql). Never edit it once shipped:
-- add another migration.

-- The plans list's figures of a plan in a fiscal year, kept so that the
-- list reads a few rows per plan instead of every item of every plan.
-- A row of plan_fig says the figures of (plan_id, fy) are kept: depth is
-- the depth of the plan's action items when they were counted; the
-- counts of the items are true while items_valid is 1, the indicators'
-- outcomes while ind_valid is 1. plan_fig_item counts the items of the year by their result (state '' = no result,
-- status and grade '' = not given) and whether they plan something in
-- the year (planned: what 遅れ counts, with the year's being due decided
-- when the list is read).
--
-- Every write keeps them true in its own transaction. The triggers below
-- (which do nothing while nothing is kept) move a result's item from one
-- count to another when the result is inserted, changed or deleted; a
-- change of what decides which items a year has (nodes, periods, levels,
-- yearly plans, indicators and their targets) marks the plan's figures
-- as no longer true, an actual the indicators' outcomes of its year and
-- the later ones; and before the write commits, the store counts again
-- in full what was marked, for that plan and year only
-- (browse_figures_refresh in src/store-browse.c). A plan import counts
-- the plans it loads once at its end. The list counts in full, without
-- keeping anything, a year nothing keeps: a file migrated keeps nothing
-- until its next import.
CREATE TABLE plan_fig (
	plan_id		INTEGER NOT NULL REFERENCES plan(id) ON DELETE CASCADE,
	fy		INTEGER NOT NULL,
	depth		INTEGER,
	items_valid	INTEGER NOT NULL DEFAULT 1,
	ind_valid	INTEGER NOT NULL DEFAULT 0,
	achieved	INTEGER NOT NULL DEFAULT 0,
	not_achieved	INTEGER NOT NULL DEFAULT 0,
	no_data		INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (plan_id, fy)
);

CREATE TABLE plan_fig_item (
	plan_id		INTEGER NOT NULL,
	fy		INTEGER NOT NULL,
	state		TEXT NOT NULL,
	status		TEXT NOT NULL,
	grade		TEXT NOT NULL,
	planned		INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (plan_id, fy, state, status, grade, planned)
);

CREATE TRIGGER plan_fig_forget AFTER DELETE ON plan_fig BEGIN
	DELETE FROM plan_fig_item WHERE plan_id = OLD.plan_id AND fy = OLD.fy;
END;

-- What decides a plan's items of a year.
CREATE TRIGGER plan_fig_node_ins AFTER INSERT ON node
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE items_valid + ind_valid > 0 AND plan_id = NEW.plan_id;
END;
CREATE TRIGGER plan_fig_node_del AFTER DELETE ON node
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE items_valid + ind_valid > 0 AND plan_id = OLD.plan_id;
END;
CREATE TRIGGER plan_fig_node_upd AFTER UPDATE OF plan_id, parent_id, depth,
    first_fy, last_fy ON node
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE items_valid + ind_valid > 0 AND plan_id IN (OLD.plan_id, NEW.plan_id);
END;
CREATE TRIGGER plan_fig_plan_upd AFTER UPDATE OF id, first_fy, last_fy
    ON plan
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE items_valid + ind_valid > 0 AND plan_id IN (OLD.id, NEW.id);
END;
CREATE TRIGGER plan_fig_plan_del AFTER DELETE ON plan
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	DELETE FROM plan_fig WHERE plan_id = OLD.id;
END;
CREATE TRIGGER plan_fig_level_ins AFTER INSERT ON plan_level
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE items_valid + ind_valid > 0 AND plan_id = NEW.plan_id;
END;
CREATE TRIGGER plan_fig_level_del AFTER DELETE ON plan_level
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE items_valid + ind_valid > 0 AND plan_id = OLD.plan_id;
END;
CREATE TRIGGER plan_fig_level_upd AFTER UPDATE OF plan_id, depth
    ON plan_level
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE items_valid + ind_valid > 0 AND plan_id IN (OLD.plan_id, NEW.plan_id);
END;
CREATE TRIGGER plan_fig_yp_ins AFTER INSERT ON year_plan
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE items_valid + ind_valid > 0 AND plan_id =
	    (SELECT plan_id FROM node WHERE id = NEW.node_id);
END;
CREATE TRIGGER plan_fig_yp_del AFTER DELETE ON year_plan
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE items_valid + ind_valid > 0 AND plan_id =
	    (SELECT plan_id FROM node WHERE id = OLD.node_id);
END;
CREATE TRIGGER plan_fig_yp_upd AFTER UPDATE OF node_id, from_fy, to_fy
    ON year_plan
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE items_valid + ind_valid > 0 AND plan_id IN
	    (SELECT plan_id FROM node WHERE id IN (OLD.node_id, NEW.node_id));
END;
CREATE TRIGGER plan_fig_ind_ins AFTER INSERT ON indicator
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE items_valid + ind_valid > 0 AND plan_id = NEW.plan_id;
END;
CREATE TRIGGER plan_fig_ind_del AFTER DELETE ON indicator
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE items_valid + ind_valid > 0 AND plan_id = OLD.plan_id;
END;
CREATE TRIGGER plan_fig_ind_upd AFTER UPDATE OF plan_id, node_id, direction,
    cumulative, base_num, base_txt, base_fy, final_num, final_txt, final_fy
    ON indicator
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE items_valid + ind_valid > 0 AND plan_id IN (OLD.plan_id, NEW.plan_id);
END;
CREATE TRIGGER plan_fig_target_ins AFTER INSERT ON indicator_target
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE items_valid + ind_valid > 0 AND plan_id =
	    (SELECT plan_id FROM indicator WHERE id = NEW.indicator_id);
END;
CREATE TRIGGER plan_fig_target_del AFTER DELETE ON indicator_target
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE items_valid + ind_valid > 0 AND plan_id =
	    (SELECT plan_id FROM indicator WHERE id = OLD.indicator_id);
END;
CREATE TRIGGER plan_fig_target_upd AFTER UPDATE ON indicator_target
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET items_valid = 0, ind_valid = 0 WHERE items_valid + ind_valid > 0 AND plan_id IN (SELECT plan_id FROM indicator
	    WHERE id IN (OLD.indicator_id, NEW.indicator_id));
END;

-- An actual changes the outcome of its year, and of the later ones when
-- its indicator is a running total (what trend_rate reads of a year: its
-- own actual, and the earlier ones only of a running total; see
-- summary_sql_actuals in src/store-summary.c).
CREATE TRIGGER plan_fig_actual_ins AFTER INSERT ON indicator_actual
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET ind_valid = 0 WHERE plan_id =
	    (SELECT plan_id FROM indicator WHERE id = NEW.indicator_id)
	    AND (fy = NEW.fy OR (fy > NEW.fy AND (SELECT cumulative
	    FROM indicator WHERE id = NEW.indicator_id) = 1))
	    AND ind_valid = 1;
END;
CREATE TRIGGER plan_fig_actual_del AFTER DELETE ON indicator_actual
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET ind_valid = 0 WHERE plan_id =
	    (SELECT plan_id FROM indicator WHERE id = OLD.indicator_id)
	    AND (fy = OLD.fy OR (fy > OLD.fy AND (SELECT cumulative
	    FROM indicator WHERE id = OLD.indicator_id) = 1))
	    AND ind_valid = 1;
END;
CREATE TRIGGER plan_fig_actual_upd AFTER UPDATE OF indicator_id, fy, num, txt
    ON indicator_actual
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig SET ind_valid = 0 WHERE plan_id IN (SELECT plan_id
	    FROM indicator WHERE id IN (OLD.indicator_id, NEW.indicator_id))
	    AND fy >= MIN(OLD.fy, NEW.fy) AND ind_valid = 1;
END;

-- A result moves its item between the counts: out of the count it was in
-- (that of no result, when it had none), into the one it is in now. The
-- item is counted when its plan's figures of the year are kept, it is
-- at the depth they were counted at and its period (its own, else its
-- nearest ancestor's, else the plan's) holds the year; it plans
-- something when a period is given, a yearly plan covers the year or an
-- indicator of its own has a target for it: the rule of the full count
-- (BROWSE_IN_YEAR and BROWSE_PLANNED in src/store-browse.c).
CREATE VIEW plan_fig_node AS
SELECT n.id AS node_id, h.plan_id AS plan_id, h.fy AS fy,
    COALESCE(n.first_fy, a1.first_fy, a2.first_fy, a3.first_fy, p.first_fy)
	AS first_fy,
    COALESCE(n.last_fy, a1.last_fy, a2.last_fy, a3.last_fy, p.last_fy)
	AS last_fy
FROM node n JOIN plan_fig h ON h.plan_id = n.plan_id AND h.depth = n.depth
    AND h.items_valid = 1
JOIN plan p ON p.id = n.plan_id
LEFT JOIN node a1 ON a1.id = n.parent_id
LEFT JOIN node a2 ON a2.id = a1.parent_id
LEFT JOIN node a3 ON a3.id = a2.parent_id;

CREATE VIEW plan_fig_counted AS
SELECT v.node_id, v.plan_id, v.fy,
    (CASE WHEN v.first_fy IS NOT NULL OR v.last_fy IS NOT NULL THEN 1
     WHEN EXISTS (SELECT 1 FROM year_plan y WHERE y.node_id = v.node_id
	AND y.from_fy <= v.fy AND y.to_fy >= v.fy) THEN 1
     WHEN EXISTS (SELECT 1 FROM indicator i WHERE i.node_id = v.node_id
	AND ((i.final_fy = v.fy AND (i.final_num IS NOT NULL OR
	i.final_txt IS NOT NULL)) OR EXISTS (SELECT 1 FROM indicator_target t
	WHERE t.indicator_id = i.id AND t.fy = v.fy
	AND (t.num IS NOT NULL OR t.txt IS NOT NULL)))) THEN 1
     ELSE 0 END) AS planned
FROM plan_fig_node v
WHERE COALESCE(v.first_fy, v.fy) <= v.fy AND COALESCE(v.last_fy, v.fy) >= v.fy;

CREATE TRIGGER plan_fig_result_ins AFTER INSERT ON result
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig_item SET n = n - 1
	    WHERE (plan_id, fy, state, status, grade, planned) =
	    (SELECT c.plan_id, c.fy, '', '', '', c.planned FROM plan_fig_counted c
	    WHERE c.node_id = NEW.node_id AND c.fy = NEW.fy);
	INSERT INTO plan_fig_item (plan_id, fy, state, status, grade, planned, n)
	    SELECT c.plan_id, c.fy, NEW.state, COALESCE(NEW.status, ''),
	    COALESCE(NEW.grade, ''), c.planned, 1 FROM plan_fig_counted c
	    WHERE c.node_id = NEW.node_id AND c.fy = NEW.fy
	    ON CONFLICT (plan_id, fy, state, status, grade, planned)
	    DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER plan_fig_result_del AFTER DELETE ON result
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig_item SET n = n - 1
	    WHERE (plan_id, fy, state, status, grade, planned) =
	    (SELECT c.plan_id, c.fy, OLD.state, COALESCE(OLD.status, ''),
	    COALESCE(OLD.grade, ''), c.planned FROM plan_fig_counted c
	    WHERE c.node_id = OLD.node_id AND c.fy = OLD.fy);
	INSERT INTO plan_fig_item (plan_id, fy, state, status, grade, planned, n)
	    SELECT c.plan_id, c.fy, '', '', '', c.planned, 1
	    FROM plan_fig_counted c
	    WHERE c.node_id = OLD.node_id AND c.fy = OLD.fy
	    ON CONFLICT (plan_id, fy, state, status, grade, planned)
	    DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER plan_fig_result_upd AFTER UPDATE OF node_id, fy, state, status,
    grade ON result
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE plan_fig_item SET n = n - 1
	    WHERE (plan_id, fy, state, status, grade, planned) =
	    (SELECT c.plan_id, c.fy, OLD.state, COALESCE(OLD.status, ''),
	    COALESCE(OLD.grade, ''), c.planned FROM plan_fig_counted c
	    WHERE c.node_id = OLD.node_id AND c.fy = OLD.fy);
	INSERT INTO plan_fig_item (plan_id, fy, state, status, grade, planned, n)
	    SELECT c.plan_id, c.fy, '', '', '', c.planned, 1
	    FROM plan_fig_counted c
	    WHERE c.node_id = OLD.node_id AND c.fy = OLD.fy
	    ON CONFLICT (plan_id, fy, state, status, grade, planned)
	    DO UPDATE SET n = n + 1;
	UPDATE plan_fig_item SET n = n - 1
	    WHERE (plan_id, fy, state, status, grade, planned) =
	    (SELECT c.plan_id, c.fy, '', '', '', c.planned FROM plan_fig_counted c
	    WHERE c.node_id = NEW.node_id AND c.fy = NEW.fy);
	INSERT INTO plan_fig_item (plan_id, fy, state, status, grade, planned, n)
	    SELECT c.plan_id, c.fy, NEW.state, COALESCE(NEW.status, ''),
	    COALESCE(NEW.grade, ''), c.planned, 1 FROM plan_fig_counted c
	    WHERE c.node_id = NEW.node_id AND c.fy = NEW.fy
	    ON CONFLICT (plan_id, fy, state, status, grade, planned)
	    DO UPDATE SET n = n + 1;
END;
