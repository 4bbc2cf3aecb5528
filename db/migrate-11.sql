-- shisaku database schema, version 11.
--
-- Migration 11 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 10. Never edit it once shipped: add another
-- migration.

-- The plan tree's figures of each heading (a node above the action
-- items) in a fiscal year, kept with the plans list's figures of the
-- plan and year (db/migrate-9.sql) so that the tree reads the headings
-- it shows instead of every item of the plan. node_fig counts the items
-- of the year below a heading like plan_fig_item counts those of the
-- plan: by their result (state '' = no result, status and grade '' =
-- not given) and whether they plan something in the year.
--
-- They are true exactly when the plan's row of plan_fig says its items'
-- counts are (items_valid = 1): counted in the same write that counts
-- those (src/store-browse.c, browse_figs_keep, one INSERT ... SELECT of
-- node_fig_up below), dropped with the plan's row, and moved by a
-- result's write from one count to another for each heading above its
-- item, as plan_fig_item's counts are. What marks the plan's figures as
-- no longer true marks these too: they are counted again with them
-- before the write commits.
CREATE TABLE node_fig (
	plan_id		INTEGER NOT NULL,
	fy		INTEGER NOT NULL,
	node_id		INTEGER NOT NULL,
	state		TEXT NOT NULL,
	status		TEXT NOT NULL,
	grade		TEXT NOT NULL,
	planned		INTEGER NOT NULL,
	n		INTEGER NOT NULL,
	PRIMARY KEY (plan_id, fy, node_id, state, status, grade, planned)
);

CREATE TRIGGER node_fig_forget AFTER DELETE ON plan_fig BEGIN
	DELETE FROM node_fig WHERE plan_id = OLD.plan_id AND fy = OLD.fy;
END;

-- Each item counted in its plan's kept figures of a year (the view
-- plan_fig_counted of migration 9) once for each heading above it
-- (nodes are at most four deep: three headings).
CREATE VIEW node_fig_up AS
SELECT c.plan_id AS plan_id, c.fy AS fy, c.node_id AS node_id,
    c.planned AS planned, n.parent_id AS up
FROM plan_fig_counted c JOIN node n ON n.id = c.node_id
WHERE n.parent_id IS NOT NULL
UNION ALL
SELECT c.plan_id, c.fy, c.node_id, c.planned, a1.parent_id
FROM plan_fig_counted c JOIN node n ON n.id = c.node_id
JOIN node a1 ON a1.id = n.parent_id
WHERE a1.parent_id IS NOT NULL
UNION ALL
SELECT c.plan_id, c.fy, c.node_id, c.planned, a2.parent_id
FROM plan_fig_counted c JOIN node n ON n.id = c.node_id
JOIN node a1 ON a1.id = n.parent_id JOIN node a2 ON a2.id = a1.parent_id
WHERE a2.parent_id IS NOT NULL;

CREATE TRIGGER node_fig_result_ins AFTER INSERT ON result
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE node_fig SET n = n - 1
	    WHERE (plan_id, fy, node_id, state, status, grade, planned) IN
	    (SELECT u.plan_id, u.fy, u.up, '', '', '', u.planned
	    FROM node_fig_up u WHERE u.node_id = NEW.node_id AND u.fy = NEW.fy);
	INSERT INTO node_fig (plan_id, fy, node_id, state, status, grade,
	    planned, n)
	    SELECT u.plan_id, u.fy, u.up, NEW.state, COALESCE(NEW.status, ''),
	    COALESCE(NEW.grade, ''), u.planned, 1 FROM node_fig_up u
	    WHERE u.node_id = NEW.node_id AND u.fy = NEW.fy
	    ON CONFLICT (plan_id, fy, node_id, state, status, grade, planned)
	    DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER node_fig_result_del AFTER DELETE ON result
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE node_fig SET n = n - 1
	    WHERE (plan_id, fy, node_id, state, status, grade, planned) IN
	    (SELECT u.plan_id, u.fy, u.up, OLD.state, COALESCE(OLD.status, ''),
	    COALESCE(OLD.grade, ''), u.planned
	    FROM node_fig_up u WHERE u.node_id = OLD.node_id AND u.fy = OLD.fy);
	INSERT INTO node_fig (plan_id, fy, node_id, state, status, grade,
	    planned, n)
	    SELECT u.plan_id, u.fy, u.up, '', '', '', u.planned, 1
	    FROM node_fig_up u WHERE u.node_id = OLD.node_id AND u.fy = OLD.fy
	   
	    ON CONFLICT (plan_id, fy, node_id, state, status, grade, planned)
	    DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER node_fig_result_upd AFTER UPDATE OF node_id, fy, state, status,
    grade ON result
    WHEN EXISTS (SELECT 1 FROM plan_fig) BEGIN
	UPDATE node_fig SET n = n - 1
	    WHERE (plan_id, fy, node_id, state, status, grade, planned) IN
	    (SELECT u.plan_id, u.fy, u.up, OLD.state, COALESCE(OLD.status, ''),
	    COALESCE(OLD.grade, ''), u.planned
	    FROM node_fig_up u WHERE u.node_id = OLD.node_id AND u.fy = OLD.fy);
	INSERT INTO node_fig (plan_id, fy, node_id, state, status, grade,
	    planned, n)
	    SELECT u.plan_id, u.fy, u.up, '', '', '', u.planned, 1
	    FROM node_fig_up u WHERE u.node_id = OLD.node_id AND u.fy = OLD.fy
	   
	    ON CONFLICT (plan_id, fy, node_id, state, status, grade, planned)
	    DO UPDATE SET n = n + 1;
	UPDATE node_fig SET n = n - 1
	    WHERE (plan_id, fy, node_id, state, status, grade, planned) IN
	    (SELECT u.plan_id, u.fy, u.up, '', '', '', u.planned
	    FROM node_fig_up u WHERE u.node_id = NEW.node_id AND u.fy = NEW.fy);
	INSERT INTO node_fig (plan_id, fy, node_id, state, status, grade,
	    planned, n)
	    SELECT u.plan_id, u.fy, u.up, NEW.state, COALESCE(NEW.status, ''),
	    COALESCE(NEW.grade, ''), u.planned, 1 FROM node_fig_up u
	    WHERE u.node_id = NEW.node_id AND u.fy = NEW.fy
	    ON CONFLICT (plan_id, fy, node_id, state, status, grade, planned)
	    DO UPDATE SET n = n + 1;
END;

-- The figures of the plans and years kept now.
INSERT INTO node_fig (plan_id, fy, node_id, state, status, grade, planned, n)
SELECT u.plan_id, u.fy, u.up, COALESCE(r.state, ''), COALESCE(r.status, ''),
    COALESCE(r.grade, ''), u.planned, COUNT(*)
FROM node_fig_up u LEFT JOIN result r ON r.node_id = u.node_id AND r.fy = u.fy
GROUP BY 1, 2, 3, 4, 5, 6, 7;
