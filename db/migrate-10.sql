-- shisaku database schema, version 10.
--
-- Migration 10 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 9. Never edit it once shipped: add another
-- migration.

-- How many indicators each plan has, kept by triggers as indicators are
-- made, deleted or moved to another plan, in the same transaction as the
-- write: the indicator list's count without counting 300,000 keys of
-- the plan's index each time the list is opened.
CREATE TABLE indicator_count (
	plan_id		INTEGER PRIMARY KEY REFERENCES plan(id) ON DELETE CASCADE,
	n		INTEGER NOT NULL
);
INSERT INTO indicator_count (plan_id, n)
    SELECT p.id, (SELECT count(*) FROM indicator i WHERE i.plan_id = p.id)
    FROM plan p;
CREATE TRIGGER plan_counted AFTER INSERT ON plan BEGIN
	INSERT OR IGNORE INTO indicator_count (plan_id, n) VALUES (NEW.id, 0);
END;
CREATE TRIGGER indicator_counted AFTER INSERT ON indicator BEGIN
	UPDATE indicator_count SET n = n + 1 WHERE plan_id = NEW.plan_id;
END;
CREATE TRIGGER indicator_uncounted AFTER DELETE ON indicator BEGIN
	UPDATE indicator_count SET n = n - 1 WHERE plan_id = OLD.plan_id;
END;
CREATE TRIGGER indicator_recounted AFTER UPDATE OF plan_id ON indicator
    WHEN NEW.plan_id IS NOT OLD.plan_id BEGIN
	UPDATE indicator_count SET n = n - 1 WHERE plan_id = OLD.plan_id;
	UPDATE indicator_count SET n = n + 1 WHERE plan_id = NEW.plan_id;
END;
