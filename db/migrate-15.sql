-- shisaku database schema, version 15.
--
-- Migration 15 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 14 (db/migrate-14.sql). Never edit it once
-- shipped: add another migration.

-- A node's folded text in search_text (db/migrate-13.sql) now ends with
-- two line breaks. A word of one or two characters has no trigram of
-- its own; it is found from the trigrams that begin with it (the
-- index's list of its trigrams, fts5vocab), which name every node
-- holding it once each of its places is followed by two characters: the
-- line breaks at the end give the last places theirs. Every node of the
-- file is folded again when this migration commits.
INSERT INTO search_stale (node_id) SELECT id FROM node;
