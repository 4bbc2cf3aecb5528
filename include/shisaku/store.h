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
	STORE_OPEN_READONLY,	/* the same, and nothing is written */
	STORE_OPEN_BROWSE,	/* as EXISTING when the user can write the
				   file and its directory, else read-only as
				   store_readonly_why says (the interface) */
	STORE_OPEN_CREATE	/* an absent or empty (0-byte) file is made a
				   database; for init, on a file of its own */
};

/* Why a database could not be opened or written: each has its own
 * message and exit status (shisaku(1) EXIT STATUS). */
enum store_fault {
	STORE_FAULT_NONE,
	STORE_FAULT_MISSING,	/* no such file (or directory) */
	STORE_FAULT_BUSY,	/* locked past the busy timeout */
	STORE_FAULT_ACCESS,	/* permission denied, file or directory */
	STORE_FAULT_FULL,	/* disk full */
	STORE_FAULT_DAMAGED,	/* an SQLite file, damaged or truncated */
	STORE_FAULT_NOTDB,	/* not an SQLite file, empty, or another
				   application's */
	STORE_FAULT_NEWER,	/* a newer schema than this program knows */
	STORE_FAULT_OTHER
};

/*
 * Opens path with WAL, synchronous=FULL, foreign keys on, the busy timeout
 * (ms) and extended result codes, then brings the schema up to date with
 * the ordered migrations (each in one BEGIN IMMEDIATE transaction that
 * re-reads user_version first; none is begun when the file is up to
 * date). STORE_OPEN_READONLY opens the file read-only; an older schema is
 * still brought up to date first, by a write of its own. An existing
 * file that is empty, or not an SQLite file, is never made a database
 * except by STORE_OPEN_CREATE.
 *
 * In secure group mode the group is held while the file and its -wal
 * and -shm are opened (privilege.h), except for STORE_OPEN_CREATE: a new
 * database is made with the user's own ids.
 *
 * Returns NULL with *cause set (malloc'd) and *fault (may be NULL) saying
 * why on failure.
 */
struct store *store_open_fault(const char *path, enum store_open_mode mode,
    int busy_timeout_ms, enum store_fault *fault, char **cause);
/*
 * Why a database opened with STORE_OPEN_READONLY or STORE_OPEN_BROWSE
 * cannot be written by this user: no write permission on the file, on
 * its directory (where SQLite makes -wal and -shm), or a read-only file
 * system. NULL when it can. Such a database is opened with a read-only
 * connection that creates no file beside it: while nobody else has it
 * open (no -wal or -journal beside it) it is read as it is on disk, and
 * what others write after it was opened shows the next time it is
 * opened. brief gives the short form for a title line ("ファイルに書込
 * 権限なし"), else the whole reason with the path.
 */
const char *store_readonly_why(struct store *st, int brief);

/* The same without the fault. */
struct store *store_open(const char *path, enum store_open_mode mode,
    int busy_timeout_ms, char **cause);
void store_close(struct store *st);

/* Bounds the memory SQLite keeps of the file between reads (its page
 * cache) to mib MiB: the interface's [database] cache_mib. */
void store_set_cache_mib(struct store *st, int mib);

/* Why the last operation that made a message with store_errmsg failed. */
enum store_fault store_last_fault(struct store *st);

/* The 16 bytes every SQLite 3 file begins with. */
#define STORE_SQLITE_MAGIC "SQLite format 3"	/* and a NUL: 16 bytes */

/*
 * Ends the making of a new database (init): folds the WAL into the file
 * and leaves it in rollback-journal mode, so that the file alone is the
 * whole database and can be given its name; the next open turns WAL on
 * again. A checkpoint that fails (a full disk) is an error here, where
 * sqlite3_close would let it pass. Returns 0 or -1 with *cause.
 */
int store_seal(struct store *st, char **cause);

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

/* Online copy with the SQLite backup API into dest, a new or empty file
 * (the caller's temporary file, made as the user); does not block
 * writers. The copy is one snapshot, taken in steps; progress counts
 * bytes copied. Returns 0, or -1 with *cause. */
int store_backup(struct store *st, const char *dest, char **cause);

#endif
