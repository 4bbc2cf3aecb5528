-- shisaku database schema, version 9.
--
-- Migration 9 of src/store.c: held for the plans list's summary, made on
-- another line of work; it changes nothing here. Whichever comes first
-- keeps the number, and this file gives way to it.
SELECT 1;
