-- shisaku database schema, version 18.
--
-- Migration 18 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 17 (db/migrate-17.sql). Never edit it once
-- shipped: add another migration.

-- When an entry waiting for confirmation was submitted. A reviewer's
-- list (自分の仕事, src/store-mywork.c) shows the oldest submissions
-- first; the time was read from each entry's history, so the list read
-- and sorted every submitted entry of the file. Kept beside the entry
-- and indexed over the submitted ones only, the list reads the oldest
-- it shows, in order, and counts the rest from the index.
--
-- The program sets it with each submission (the same time as the
-- history row of the change); an import, to the entry's entered_at,
-- as the list took it for an entry without history. '' for an entry
-- never submitted, and for one submitted by a write behind the
-- program's back (it then comes first, as the oldest).
ALTER TABLE result ADD COLUMN submitted_at TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator_actual ADD COLUMN submitted_at TEXT NOT NULL DEFAULT '';

-- Those waiting now: their last change of state was the submission.
UPDATE result SET submitted_at = COALESCE((SELECT MAX(h.at) FROM history h
    WHERE h.node_id = result.node_id AND h.indicator_id IS NULL
    AND h.fy = result.fy AND h.field = 'state'), entered_at)
    WHERE state = 'submitted';
UPDATE indicator_actual SET submitted_at = COALESCE((SELECT MAX(h.at)
    FROM history h WHERE h.indicator_id = indicator_actual.indicator_id
    AND h.fy = indicator_actual.fy AND h.field = 'state'), entered_at)
    WHERE state = 'submitted';

CREATE INDEX result_waiting ON result(submitted_at)
    WHERE state = 'submitted';
CREATE INDEX indicator_actual_waiting ON indicator_actual(submitted_at)
    WHERE state = 'submitted';
