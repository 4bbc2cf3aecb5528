-- shisaku database schema, version 7.
--
-- Migration 7 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 6 (db/migrate-6.sql). Never edit it once shipped:
-- add another migration.

-- The refusals (history rows of field 'refused': who tried to change what
-- their role or registration did not allow), newest first, for the
-- planners' list of them, without reading every other row of the history.
CREATE INDEX history_refused ON history(id) WHERE field = 'refused';
