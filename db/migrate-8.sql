-- shisaku database schema, version 8.
--
-- Migration 8 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 7 (db/migrate-7.sql). Never edit it once shipped:
-- add another migration.

-- Drafts of the planners' forms too: a node's or an indicator's form
-- (what it changes, by its id), and the form of a node or indicator being
-- added (by where it goes: after a node, below a node, the first node of
-- an empty plan, an indicator of a node or of the plan itself). Their fy
-- is 0. The table is made again with the wider kinds and a plan_id; its
-- rows and their fields are kept. The fields are copied aside first, as
-- dropping the old table would delete them with it.
CREATE TABLE draft_new (
	id		INTEGER PRIMARY KEY,
	login		TEXT NOT NULL,
	kind		TEXT NOT NULL CHECK (kind IN ('result', 'actual', 'node',
			    'indicator', 'node_after', 'node_below', 'node_first',
			    'indicator_node', 'indicator_plan')),
	plan_id		INTEGER REFERENCES plan(id) ON DELETE CASCADE,
	node_id		INTEGER REFERENCES node(id) ON DELETE CASCADE,
	indicator_id	INTEGER REFERENCES indicator(id) ON DELETE CASCADE,
	fy		INTEGER NOT NULL,
	base_ver	INTEGER NOT NULL DEFAULT 0,
	saved_at	TEXT NOT NULL,
	-- Exactly one of the three names what the draft is of.
	CHECK ((kind IN ('result', 'node', 'node_after', 'node_below',
	    'indicator_node')) = (node_id IS NOT NULL)),
	CHECK ((kind IN ('actual', 'indicator')) = (indicator_id IS NOT NULL)),
	CHECK ((kind IN ('node_first', 'indicator_plan')) = (plan_id IS NOT NULL))
);
INSERT INTO draft_new (id, login, kind, plan_id, node_id, indicator_id, fy,
    base_ver, saved_at)
    SELECT id, login, kind, NULL, node_id, indicator_id, fy, base_ver, saved_at
    FROM draft;
CREATE TABLE draft_field_new (
	draft_id	INTEGER NOT NULL REFERENCES draft_new(id) ON DELETE CASCADE,
	name		TEXT NOT NULL,
	value		TEXT NOT NULL,
	PRIMARY KEY (draft_id, name)
);
INSERT INTO draft_field_new (draft_id, name, value)
    SELECT draft_id, name, value FROM draft_field;
DROP TABLE draft_field;
DROP TABLE draft;
-- Renaming draft_new renames it in draft_field_new's reference too.
ALTER TABLE draft_new RENAME TO draft;
ALTER TABLE draft_field_new RENAME TO draft_field;
CREATE UNIQUE INDEX draft_key ON draft(login, kind,
    coalesce(node_id, indicator_id, plan_id), fy);
CREATE INDEX draft_node ON draft(node_id);
CREATE INDEX draft_indicator ON draft(indicator_id);
CREATE INDEX draft_plan ON draft(plan_id);
