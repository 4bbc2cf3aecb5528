-- shisaku database schema, version 23.
--
-- Migration 23 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 22 (db/migrate-22.sql). Never edit it once
-- shipped: add another migration.

-- In a plan that prints no period, whether an item plans a year is asked
-- of its yearly plans (BROWSE_PLANS_IN, include/shisaku/store-figs.h):
-- one look-up of year_plan_node per item. The index held the node and
-- the order alone, so each look-up read the yearly plan's row (its text
-- beside the years) to compare the years: 20 ms for the 28,000 items of
-- a filter by flag in a year due, 10 ms with the years in the index. The
-- years follow the order and the row id (ord, id): the rows still come
-- out in order.
DROP INDEX year_plan_node;
CREATE INDEX year_plan_node ON year_plan(node_id, ord, id, from_fy,
    to_fy);
