-- shisaku database schema, version 13.
--
-- Migration 13 of src/store.c: applied in one BEGIN IMMEDIATE transaction
-- to a file at version 12 (db/migrate-12.sql). Never edit it once shipped: add
-- another migration.

-- The index a search of a plan's texts reads (src/store-search.c), so
-- that a search finds the items with a hit without reading every text.
--
-- One row per node (rowid = node.id): its searched texts put together,
-- each folded as textfold.h folds (full-width letters, digits and signs
-- as ASCII, ASCII in lower case, U+3000 a blank, the hyphens and the
-- minus sign '-'), one per line: "CODE TITLE", 概要, 手段, 備考, every
-- yearly plan, every result's 実績 and 課題・方向性, and the name, 考え方
-- and 備考 of every indicator of the node. The search folds the word the
-- same way and asks the index for the nodes whose folded text holds
-- every trigram (three characters in a row) of the word: the index holds
-- its own copy of the folded text (FTS5 stores it), since a word is
-- compared with the folded text and not with what was typed. The
-- trigrams are kept without their places (detail = none, a fourth of the
-- size), so the index names every node with a hit and a few more: the
-- nodes it names are read and compared field by field, as before, so a
-- node named wrongly only costs a read. Words shorter than three
-- characters have no trigram: they are compared with the folded text of
-- one node after another, in plan order from where the search stands,
-- up to the first hit (a short word found nowhere reads every node's),
-- read by id from the table FTS5 keeps the text in, search_text_content
-- (id, c0).
CREATE VIRTUAL TABLE search_text USING fts5(body,
    tokenize = 'trigram case_sensitive 1', detail = none);

-- The nodes whose folded text is to be made again, a row each time a
-- write changes one of its texts. Folding is the store's own SQL
-- function, which a trigger cannot call (the sqlite3 shell, which users
-- and tests write with too, lacks it): the triggers below only note which
-- node changed, with SQL any connection has, and before a write of
-- shisaku commits it folds again the texts of the nodes it noted itself
-- (seq above the greatest when it began), in the same transaction
-- (search_index_refresh in src/store-search.c). A node another program
-- noted stays noted until shisaku writes it or the next plan import
-- (which folds every node noted), and a search reads a node noted by its
-- texts as they stand, so a search is right after a write of the shell
-- too. A plan import leaves these triggers out and folds the nodes of
-- the plans it loads once at its end; this migration notes every node.
CREATE TABLE search_stale (
	seq		INTEGER PRIMARY KEY,
	node_id		INTEGER NOT NULL
);

CREATE TRIGGER search_stale_node_ins AFTER INSERT ON node BEGIN
	INSERT INTO search_stale (node_id) VALUES (NEW.id);
END;
CREATE TRIGGER search_stale_node_upd AFTER UPDATE OF id, code, title,
    summary, means, note ON node BEGIN
	INSERT INTO search_stale (node_id) VALUES (OLD.id);
	INSERT INTO search_stale (node_id) SELECT NEW.id WHERE NEW.id <> OLD.id;
END;
CREATE TRIGGER search_stale_node_del AFTER DELETE ON node BEGIN
	INSERT INTO search_stale (node_id) VALUES (OLD.id);
END;
CREATE TRIGGER search_stale_year_plan_ins AFTER INSERT ON year_plan BEGIN
	INSERT INTO search_stale (node_id) VALUES (NEW.node_id);
END;
CREATE TRIGGER search_stale_year_plan_upd AFTER UPDATE OF node_id, text
    ON year_plan BEGIN
	INSERT INTO search_stale (node_id) VALUES (OLD.node_id);
	INSERT INTO search_stale (node_id)
	    SELECT NEW.node_id WHERE NEW.node_id <> OLD.node_id;
END;
CREATE TRIGGER search_stale_year_plan_del AFTER DELETE ON year_plan BEGIN
	INSERT INTO search_stale (node_id) VALUES (OLD.node_id);
END;
CREATE TRIGGER search_stale_result_ins AFTER INSERT ON result BEGIN
	INSERT INTO search_stale (node_id) VALUES (NEW.node_id);
END;
CREATE TRIGGER search_stale_result_upd AFTER UPDATE OF node_id, text,
    comment ON result BEGIN
	INSERT INTO search_stale (node_id) VALUES (OLD.node_id);
	INSERT INTO search_stale (node_id)
	    SELECT NEW.node_id WHERE NEW.node_id <> OLD.node_id;
END;
CREATE TRIGGER search_stale_result_del AFTER DELETE ON result BEGIN
	INSERT INTO search_stale (node_id) VALUES (OLD.node_id);
END;
CREATE TRIGGER search_stale_indicator_ins AFTER INSERT ON indicator
    WHEN NEW.node_id IS NOT NULL BEGIN
	INSERT INTO search_stale (node_id) VALUES (NEW.node_id);
END;
CREATE TRIGGER search_stale_indicator_upd AFTER UPDATE OF node_id, name,
    rationale, note ON indicator BEGIN
	INSERT INTO search_stale (node_id)
	    SELECT OLD.node_id WHERE OLD.node_id IS NOT NULL;
	INSERT INTO search_stale (node_id)
	    SELECT NEW.node_id WHERE NEW.node_id IS NOT NULL
	    AND NEW.node_id IS NOT OLD.node_id;
END;
CREATE TRIGGER search_stale_indicator_del AFTER DELETE ON indicator
    WHEN OLD.node_id IS NOT NULL BEGIN
	INSERT INTO search_stale (node_id) VALUES (OLD.node_id);
END;

-- Every node of the file is folded when this migration commits.
INSERT INTO search_stale (node_id) SELECT id FROM node;
