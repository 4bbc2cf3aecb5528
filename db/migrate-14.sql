-- shisaku database schema, version 14.
--
-- Migration 14 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 13 (db/migrate-13.sql). Never edit it once
-- shipped: add another migration.

-- Whether a write that makes a plan's kept figures of a year untrue
-- counts them again before it commits (recount = 1, as every row of
-- plan_fig was until now: the open years and the year today falls in)
-- or forgets them (recount = 0). An import keeps with recount = 0 the
-- figures of the plan's other years (its period and the years it has
-- results in, within ten years of the current one), so that the tree and
-- the plans list show any year of a large plan without counting it; a
-- write that changes what decides the items of a year forgets those
-- years (the screens count them in full again, as they did for every
-- year not kept), so that a change to a plan's structure counts no more
-- years than before. The result triggers of db/migrate-9.sql and
-- db/migrate-11.sql keep them true as they keep every kept year, and an
-- actual, which makes only the indicators' outcomes of its year untrue,
-- leaves the items' counts kept (the plans list counts the outcomes of
-- such a year when it shows it).
ALTER TABLE plan_fig ADD COLUMN recount INTEGER NOT NULL DEFAULT 1
    CHECK (recount IN (0, 1));
