-- shisaku database schema, version 3.
--
-- Migration 3 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 2 (db/migrate-2.sql). Never edit it once shipped:
-- add another migration.

-- The department that reports an indicator's actual values, when the plan
-- names one. NULL: the indicator's node's main department in the year
-- reported, else (an indicator of the plan itself, or of a node with no
-- department) the planners.
ALTER TABLE indicator ADD COLUMN dept_id INTEGER REFERENCES department(id);
CREATE INDEX indicator_dept ON indicator(dept_id);

-- An actual reported on its own (an indicator of a policy or of the plan,
-- or of an item with a responsible department of its own) goes through the
-- same workflow as an item's result: its state, who entered and who
-- confirmed it, the supervisor's comment when it was sent back, the
-- department it is filed under, and a row version against lost updates.
-- The actuals of an item's own indicators are part of the item's result
-- and keep state NULL: the result's state is theirs.
ALTER TABLE indicator_actual ADD COLUMN state TEXT
	CHECK (state IS NULL OR state IN ('draft', 'submitted', 'confirmed', 'returned'));
ALTER TABLE indicator_actual ADD COLUMN return_comment TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator_actual ADD COLUMN dept_id INTEGER REFERENCES department(id);
ALTER TABLE indicator_actual ADD COLUMN entered_by TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator_actual ADD COLUMN entered_at TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator_actual ADD COLUMN confirmed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator_actual ADD COLUMN confirmed_at TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator_actual ADD COLUMN ver INTEGER NOT NULL DEFAULT 1;
CREATE INDEX indicator_actual_fy ON indicator_actual(fy, state);

-- From this version on, a numeric value (num not NULL) may also carry txt:
-- the number as the plan printed it ("98.90", "329,257"), kept so that a
-- value shows the precision it was given. txt alone is still a text value.
