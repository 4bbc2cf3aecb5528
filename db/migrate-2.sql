-- shisaku database schema, version 2.
--
-- Migration 2 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 1 (db/schema.sql). Never edit it once shipped: add
-- another migration.

-- A row version for nodes, as indicators and results have: two planners
-- saving the same node see the other's change instead of overwriting it
-- (UPDATE ... WHERE ver = ?).
ALTER TABLE node ADD COLUMN ver INTEGER NOT NULL DEFAULT 1;

-- History outlives what it is about: deleting a node or an indicator keeps
-- the rows of its changes in the file for audit, with the id set to NULL,
-- where version 1 deleted them with it (ON DELETE CASCADE). SQLite cannot
-- change a foreign key in place, so the table is built anew with the same
-- columns and ids, and its indexes made again. No table refers to history,
-- so it can be dropped with foreign keys on.
CREATE TABLE history_new (
	id		INTEGER PRIMARY KEY,
	at		TEXT NOT NULL,
	login		TEXT NOT NULL,
	node_id		INTEGER REFERENCES node(id) ON DELETE SET NULL,
	indicator_id	INTEGER REFERENCES indicator(id) ON DELETE SET NULL,
	fy		INTEGER,
	field		TEXT NOT NULL,
	old_value	TEXT,
	new_value	TEXT
);
INSERT INTO history_new (id, at, login, node_id, indicator_id, fy, field,
	old_value, new_value)
    SELECT id, at, login, node_id, indicator_id, fy, field, old_value,
	new_value FROM history;
DROP TABLE history;
ALTER TABLE history_new RENAME TO history;
CREATE INDEX history_node ON history(node_id, id);
CREATE INDEX history_indicator ON history(indicator_id, id);
