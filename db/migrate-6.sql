-- shisaku database schema, version 6.
--
-- Migration 6 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 5 (db/migrate-5.sql). Never edit it once shipped:
-- add another migration.

-- Indexes for the screens' reads, so that each reads what it shows in
-- the order it shows it, without sorting a whole plan
-- (tests/unit/test-query-plans.c checks every screen's queries).

-- A plan's indicators in the order of the plan (the indicator list, and
-- the next display order of an indicator added).
CREATE INDEX indicator_plan ON indicator(plan_id, ord);

-- The nodes marked with a flag (the roadmap's flags): marked nodes are
-- few, a plan's nodes many.
CREATE INDEX node_flag_flag ON node_flag(flag_id);
