-- shisaku database schema, version 22.
--
-- Migration 22 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 21 (db/migrate-21.sql). Never edit it once
-- shipped: add another migration.

-- A heading's children are read in the plan's order, (ord, id), from
-- node_parent (src/store-browse.c, browse_view_kids), and the roadmap
-- steps from a node to its next sibling by the same order
-- (src/store-sheet.c). Version 21 put the children's shape (plan,
-- depth, period) between ord and the row id in that index, so that the
-- rows of one ord came out in no order of id: every read of children
-- sorted them again, a sort a child (7 of the 13 ms of reading the
-- 20,000 children of one policy). The id follows ord again, and the
-- shape after it: the children come out in order, from the index alone.
DROP INDEX node_parent;
CREATE INDEX node_parent ON node(parent_id, ord, id, plan_id, depth,
    first_fy, last_fy);
