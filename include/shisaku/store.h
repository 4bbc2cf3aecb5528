/*
 * The store: the one SQLite file, and the only code that speaks SQL.
 * This header is the connection itself (open, schema version, write
 * transactions); the model's reads and writes are in store-*.h. No curses.
 *
 * Every value is bound through a prepared statement. Every write runs in
 * a short BEGIN IMMEDIATE transaction (store_begin/store_commit), never
 * held while the user thinks.
 */
#ifndef SHISAKU_STORE_H
#define SHISAKU_STORE_H

#include <stddef.h>
#include <stdint.h>

/* "SHSK": marks our files; any other application_id is refused. */
#define STORE_APPLICATION_ID 0x5348534b

struct store;
struct sqlite3;

enum store_open_mode {
	STORE_OPEN_EXISTING,	/* the file must exist and be ours */
	STORE_OPEN_CREATE	/* create if absent (init) */
};

/*
 * Opens path with WAL, synchronous=FULL, foreign keys on, the busy timeout
 * (ms) and extended result codes, then brings the schema up to date with
 * the ordered migrations (each in one BEGIN IMMEDIATE transaction that
 * re-reads user_version first). Returns NULL with *cause set (malloc'd)
 * on failure: missing file, not a shisaku database, newer schema than
 * this program, read-only file when writing is needed.
 */
struct store *store_open(const char *path, enum store_open_mode mode,
    int busy_timeout_ms, char **cause);
void store_close(struct store *st);

/* The schema version this program writes, and the file's. */
int store_schema_version(void);
int store_file_version(struct store *st);

/* The raw connection, for store-*.c only. */
struct sqlite3 *store_db(struct store *st);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. Return 0 or -1 with *cause set; a
 * busy database after the timeout gives STORE_BUSY so the caller can keep
 * the user's input and offer a retry. */
#define STORE_BUSY (-2)
int store_begin(struct store *st, char **cause);
int store_commit(struct store *st, char **cause);
void store_rollback(struct store *st);

/*
 * A batch: several writes that must succeed or fail together (a results
 * file is loaded all or nothing). store_batch_begin opens one BEGIN
 * IMMEDIATE transaction; while it is open, each write's store_begin makes
 * a savepoint instead, store_commit releases it and store_rollback rolls
 * back to it, so every write keeps its own all-or-nothing rule, and what
 * the writes leave is kept only by store_batch_end(st, 1, ...). Writes
 * inside a batch never wait for the lock, so they do not give STORE_BUSY.
 * store_batch_end(st, 0, NULL) rolls everything back (a dry run); with
 * commit 1 it returns 0, or STORE_BUSY or -1 with *cause and nothing kept.
 */
int store_batch_begin(struct store *st, char **cause);
int store_batch_end(struct store *st, int commit, char **cause);

/*
 * Progress of long work: store_plan_import, store_plan_export,
 * store_results_import, store_check and store_backup call fn every so
 * many rows (pages, steps) with how many of how many are done (total 0
 * when not known). The store never prints; the caller draws (progress.h).
 * fn NULL stops the calls.
 */
typedef void store_progress_fn(void *arg, size_t done, size_t total);
void store_set_progress(struct store *st, store_progress_fn *fn, void *arg);

/* Makes a malloc'd message "what: sqlite's message" for the last error. */
char *store_errmsg(struct store *st, const char *what);

/* PRAGMA integrity_check and foreign_key_check plus our own invariants;
 * each problem is passed to report (one line, no newline). Returns the
 * number of problems, or -1 with *cause set if the check could not run.
 * Progress counts the checks done of all of them. */
int store_check(struct store *st, void (*report)(void *arg, const char *line),
    void *arg, char **cause);

/* Online copy with the SQLite backup API; does not block writers. The
 * copy is one snapshot, taken in steps; progress counts bytes copied. */
int store_backup(struct store *st, const char *dest, char **cause);

#endif
