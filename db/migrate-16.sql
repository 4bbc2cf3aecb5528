-- shisaku database schema, version 16.
--
-- Migration 16 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 15 (db/migrate-15.sql). Never edit it once
-- shipped: add another migration.

-- The nodes with a period of their own (a first or a last year), by
-- plan: few in a plan whose items take the plan's period. An item is in
-- a year when its period covers it, each end its own, else its nearest
-- ancestor's, else the plan's; so when the plan has both ends, no item is
-- in a year before the earliest first year among the plan and these
-- nodes, nor after the latest last year. The figures of such a year are
-- known without reading the items (src/store-browse.c,
-- browse_figs_count_items): changing the year past a large plan's
-- period reads these rows, not every item.
CREATE INDEX node_own_period ON node(plan_id, first_fy, last_fy)
    WHERE first_fy IS NOT NULL OR last_fy IS NOT NULL;
