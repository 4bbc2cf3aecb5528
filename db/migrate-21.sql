-- shisaku database schema, version 21.
--
-- Migration 21 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 20 (db/migrate-20.sql). Never edit it once
-- shipped: add another migration.

-- The tree filtered by a department or a flag reads every node it names
-- with the result of the year (src/store-browse.c, browse_filter_nodes):
-- tens of thousands in a plan of 200,000 items, each on a page of wide
-- rows of its own (a node's texts, a result's texts and comments); and
-- opening a heading reads all its children (browse_view_kids), 20,000 of
-- them under a policy of a plan of few levels. They read the nodes'
-- shape, their results' states and the department's assignments from
-- these narrow indexes instead, and a node's texts when it is shown.
--
-- node_shape begins with node_up's columns (id, parent_id), which it
-- replaces: one index of the nodes by id, not two. result_state puts a
-- year's results together, in the order of their nodes. node_flag_flag
-- (db/migrate-6.sql) and node_dept_plan
-- (db/migrate-19.sql) gain the columns that say which node (and which
-- years), so that a flag's nodes and a department's assignments in a
-- plan and a year are read from them alone (also by the sheets,
-- src/store-sheet.c); node_parent (the schema's) the children's shape.
CREATE INDEX node_shape ON node(id, parent_id, plan_id, depth, ord,
    first_fy, last_fy);
DROP INDEX node_up;
CREATE INDEX result_state ON result(fy, node_id, state, status, grade);
DROP INDEX node_parent;
CREATE INDEX node_parent ON node(parent_id, ord, plan_id, depth, first_fy,
    last_fy);
DROP INDEX node_flag_flag;
CREATE INDEX node_flag_flag ON node_flag(flag_id, node_id);
DROP INDEX node_dept_plan;
CREATE INDEX node_dept_plan ON node_dept(plan_id, dept_id, node_id,
    from_fy, until_fy);
