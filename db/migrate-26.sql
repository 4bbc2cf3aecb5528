-- shisaku database schema, version 26.
--
-- Migration 26 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 25 (db/migrate-25.sql). Never edit it once
-- shipped: add another migration.

-- The top level of a plan, in its order, by plan: a tree reads it a
-- part at a time (browse_view_kids, src/store-browse.c) as it reads a
-- heading's children from node_parent. In node_parent every plan's top
-- level shares the one parent NULL, their orders interleaved: showing a
-- plan of eight policies walked the 200,000 of another plan of one
-- level (27 ms) to find its own. Only the top level's nodes are in it.
CREATE INDEX node_top ON node(plan_id, ord, id, depth, first_fy, last_fy)
    WHERE parent_id IS NULL;
