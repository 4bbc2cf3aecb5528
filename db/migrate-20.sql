-- shisaku database schema, version 20.
--
-- Migration 20 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 19 (db/migrate-19.sql). Never edit it once
-- shipped: add another migration.

-- Each node's parent, and each indicator's place in plan order, by id:
-- narrow copies of two columns of wide rows (a node's texts, an
-- indicator's rationale and notes). A department's share of a plan
-- climbs from the nodes it is assigned to their headings, and the
-- indicator list puts a filter's indicators in plan order; for a
-- department of a 200,000-item plan that is 8,000 nodes and 13,000
-- indicators, each of whose rows sits on a page of its own. Read from
-- these indexes instead (src/store-sheet.c names them), the pages are a
-- few hundred read in order.
CREATE INDEX node_up ON node(id, parent_id);
CREATE INDEX indicator_place ON indicator(id, ord);
