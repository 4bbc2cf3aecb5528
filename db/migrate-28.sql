-- shisaku database schema, version 28.
--
-- Migration 28 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 27 (db/migrate-27.sql). Never edit it once
-- shipped: add another migration.

-- A target printed with a bound after its number (90%以下, 3件以上,
-- 30分以内) stays text, as written, but its rate is now read from the
-- number (achieve_bound, src/achieve.c), where before such an indicator
-- was judged by the grade alone. The rates kept of the indicators with
-- such a target (db/migrate-12.sql) are made again as this migration
-- commits (store_commit), and the plans list's figures of their plans
-- (db/migrate-9.sql) counted again when shown. Marking a few more than
-- need it (a bound word elsewhere in the text) costs only their
-- counting.
INSERT INTO indicator_fig_stale SELECT i.id FROM indicator i
    WHERE EXISTS (SELECT 1 FROM indicator_fig_year)
    AND (i.final_txt LIKE '%以下%' OR i.final_txt LIKE '%以上%'
    OR i.final_txt LIKE '%以内%' OR EXISTS (SELECT 1 FROM indicator_target t
    WHERE t.indicator_id = i.id AND (t.txt LIKE '%以下%'
    OR t.txt LIKE '%以上%' OR t.txt LIKE '%以内%')))
    AND NOT EXISTS (SELECT 1 FROM indicator_fig_stale s
    WHERE s.indicator_id = i.id);
UPDATE plan_fig SET items_valid = 0, ind_valid = 0
    WHERE items_valid + ind_valid > 0 AND plan_id IN (SELECT i.plan_id
    FROM indicator i WHERE i.final_txt LIKE '%以下%'
    OR i.final_txt LIKE '%以上%' OR i.final_txt LIKE '%以内%'
    OR EXISTS (SELECT 1 FROM indicator_target t WHERE t.indicator_id = i.id
    AND (t.txt LIKE '%以下%' OR t.txt LIKE '%以上%' OR t.txt LIKE '%以内%')));
