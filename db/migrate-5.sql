-- shisaku database schema, version 5.
--
-- Migration 5 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 4 (db/migrate-4.sql). Never edit it once shipped:
-- add another migration.

-- The day a fiscal year's entry is due (shisaku year open FY --deadline
-- DATE), as YYYY-MM-DD; '' when the planners set none. Shown to clerks
-- beside their work; an entry not submitted when the day has passed is
-- late. The year stays open for entry until it is closed.
ALTER TABLE fiscal_year ADD COLUMN deadline TEXT NOT NULL DEFAULT '';
