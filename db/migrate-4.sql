-- shisaku database schema, version 4.
--
-- Migration 4 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 3 (db/migrate-3.sql). Never edit it once shipped:
-- add another migration.

-- Versions never go backwards. A form keeps the version (ver) of the row
-- it opened and saves only if the row still has it. When a row is deleted
-- and made again for the same item, indicator or year (import --replace
-- deletes a plan and loads it anew, reusing the ids SQLite hands out), a
-- version starting again at 1 could match what a form opened before holds,
-- and its save would overwrite the newer entry unseen. So the database
-- keeps one clock: the highest version of any versioned row ever deleted,
-- and a row made afterwards starts above it. Updates still count up by one.
CREATE TABLE version_clock (
	id	INTEGER PRIMARY KEY CHECK (id = 1),
	n	INTEGER NOT NULL
);
-- Rows deleted before this version left no trace: start above every
-- version there is.
INSERT INTO version_clock (id, n) VALUES (1, max(0,
	(SELECT coalesce(max(ver), 0) FROM node),
	(SELECT coalesce(max(ver), 0) FROM indicator),
	(SELECT coalesce(max(ver), 0) FROM result),
	(SELECT coalesce(max(ver), 0) FROM indicator_actual)));

CREATE TRIGGER node_ver_deleted AFTER DELETE ON node BEGIN
	UPDATE version_clock SET n = max(n, OLD.ver);
END;
CREATE TRIGGER node_ver_made AFTER INSERT ON node
    WHEN (SELECT n FROM version_clock) > 0 BEGIN
	UPDATE node SET ver = NEW.ver + (SELECT n FROM version_clock)
	    WHERE id = NEW.id;
END;
CREATE TRIGGER indicator_ver_deleted AFTER DELETE ON indicator BEGIN
	UPDATE version_clock SET n = max(n, OLD.ver);
END;
CREATE TRIGGER indicator_ver_made AFTER INSERT ON indicator
    WHEN (SELECT n FROM version_clock) > 0 BEGIN
	UPDATE indicator SET ver = NEW.ver + (SELECT n FROM version_clock)
	    WHERE id = NEW.id;
END;
CREATE TRIGGER result_ver_deleted AFTER DELETE ON result BEGIN
	UPDATE version_clock SET n = max(n, OLD.ver);
END;
CREATE TRIGGER result_ver_made AFTER INSERT ON result
    WHEN (SELECT n FROM version_clock) > 0 BEGIN
	UPDATE result SET ver = NEW.ver + (SELECT n FROM version_clock)
	    WHERE id = NEW.id;
END;
CREATE TRIGGER indicator_actual_ver_deleted AFTER DELETE ON indicator_actual BEGIN
	UPDATE version_clock SET n = max(n, OLD.ver);
END;
CREATE TRIGGER indicator_actual_ver_made AFTER INSERT ON indicator_actual
    WHEN (SELECT n FROM version_clock) > 0 BEGIN
	UPDATE indicator_actual SET ver = NEW.ver + (SELECT n FROM version_clock)
	    WHERE rowid = NEW.rowid;
END;

-- Drafts: what a user typed into a form that was not saved when the
-- program was ended by a signal (SIGHUP of a closed terminal, SIGTERM,
-- C-c). One per user, form and year; the form offers it beside the saved
-- entry the next time it is opened, and it goes once the user has chosen.
-- A result's draft names its item (node_id), an actual's its indicator;
-- base_ver is the version of the entry the form had loaded.
CREATE TABLE draft (
	id		INTEGER PRIMARY KEY,
	login		TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('result', 'actual')),
	node_id		INTEGER REFERENCES node(id) ON DELETE CASCADE,
	indicator_id	INTEGER REFERENCES indicator(id) ON DELETE CASCADE,
	fy		INTEGER NOT NULL,
	base_ver	INTEGER NOT NULL DEFAULT 0,
	saved_at	TEXT NOT NULL,
	CHECK ((kind = 'result' AND node_id IS NOT NULL AND indicator_id IS NULL)
	    OR (kind = 'actual' AND indicator_id IS NOT NULL AND node_id IS NULL))
);
CREATE UNIQUE INDEX draft_result ON draft(login, node_id, fy) WHERE kind = 'result';
CREATE UNIQUE INDEX draft_actual ON draft(login, indicator_id, fy) WHERE kind = 'actual';
CREATE INDEX draft_node ON draft(node_id);
CREATE INDEX draft_indicator ON draft(indicator_id);

-- The draft's fields by name as the form knows them ("text", "actual:12"),
-- each as typed.
CREATE TABLE draft_field (
	draft_id	INTEGER NOT NULL REFERENCES draft(id) ON DELETE CASCADE,
	name		TEXT NOT NULL,
	value		TEXT NOT NULL,
	PRIMARY KEY (draft_id, name)
);
