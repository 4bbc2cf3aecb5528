/*
 * Private to the store files (store*.c): the connection struct, a cache
 * of prepared statements, binding helpers, and the steps every write
 * shares (stepping a write, adding a history row). Never included above
 * the store.
 */
#ifndef SHISAKU_STORE_INTERNAL_H
#define SHISAKU_STORE_INTERNAL_H

#include <sys/types.h>

#include <sqlite3.h>

#include "shisaku/store.h"

struct value;
struct figs_memo;

/* A refused write, for the history: who, what and why, and the item,
 * indicator and year it was about (0 when none). */
struct store_refusal {
	char		*login;
	long long	 node_id;
	long long	 indicator_id;
	int		 fy;
	char		*what;
};

struct store_cached {
	const char	*sql;		/* the static string: the cache key */
	sqlite3_stmt	*stmt;
};

struct store {
	sqlite3			*db;
	char			*path;
	struct store_cached	*cache;
	size_t			 ncache;
	/* store_batch_begin's transaction is open: store_begin makes a
	 * savepoint inside it (open while in_write). */
	int			 batch;
	int			 in_write;
	/* store_set_progress: called by long work, NULL when none. */
	store_progress_fn	*progress;
	void			*progress_arg;
	int			 readonly;	/* STORE_OPEN_READONLY, or no
						   write permission */
	/* The user cannot write the database (store_readonly_why): the
	 * long and the short reason, NULL when it can. */
	char			*nowrite_why;
	const char		*nowrite_brief;
	int			 search_index;	/* the file has search_text
						   (db/migrate-13.sql) */
	long long		 search_mark;	/* search_stale's greatest seq
						   when the write began */
	int			 search_scan;	/* store_search compares every
						   text as stored, without the
						   index (for tests) */
	size_t			 search_few;	/* the index's nodes placed
						   at once up to this many; 0:
						   SEARCH_FEW (for tests) */
	int			 search_fns;	/* store-search.c's SQL functions
						   are registered */
	int			 search_vocab;	/* temp.search_vocab, the
						   index's trigrams, is made */
	size_t			 search_prefixed; /* a word of two characters
						   beginning more trigrams
						   reads the texts; 0:
						   SEARCH_MAX_PREFIXED (for
						   tests) */
	size_t			 browse_open_most; /* a tree read as shown opens
						   its top level when its
						   children are at most this
						   many; 0: BROWSE_OPEN_MOST
						   (for tests) */
	int			 busy_timeout_ms;
	/* Figures counted for years the file does not keep, while nothing
	 * is written (store-figs.h). */
	struct figs_memo	*figs_memo;
	enum store_fault	 fault;		/* of the last store_errmsg */
	/* Refusals of writes inside a batch, logged once it has ended
	 * (store_refused); how many more there were than are kept. */
	struct store_refusal	*refusals;
	size_t			 nrefusals;
	size_t			 refusals_dropped;
	/* The database and its -shm as opened, to name who holds a lock. */
	dev_t			 db_dev, shm_dev;
	ino_t			 db_ino, shm_ino;
};

/*
 * store_journal_rollback: leaves the log (WAL) for a rollback journal,
 * when no transaction is open, no other connection has the file open and
 * the database's group is not held (privilege.h); 1 when it did, else 0
 * and the file is as it was.
 * store_journal_wal: the log again (every opening puts it back too).
 */
int store_journal_rollback(struct store *st);
void store_journal_wal(struct store *st);

/*
 * The index of the searched texts (store-search.c, db/migrate-13.sql).
 * search_register: the SQL functions of the search on the connection.
 * search_index_mark: notes, as a write begins, the last node search_stale
 * noted before it. search_index_refresh: folds again the texts of the
 * nodes the write noted, before it commits (0, or -1 with the
 * connection's error).
 * search_index_forget_plan: removes the folded texts of the plan with
 * code (its nodes are about to go); search_index_fill_plan: folds every
 * node of a plan just loaded. Both for a plan import, which leaves the
 * triggers of search_stale out. search_index_bulk: FTS5's merging of the
 * index as it is written off (on 1) for the fill of a load, and on again
 * (on 0) in the same transaction.
 */
int search_register(struct store *st, char **cause);
void search_index_mark(struct store *st);
int search_index_refresh(struct store *st);
int search_index_forget_plan(struct store *st, const char *code,
    char **cause);
int search_index_fill_plan(struct store *st, long long plan_id,
    char **cause);
int search_index_bulk(struct store *st, int on, char **cause);

/* store_summary_subtree (store-summary.h) the way given: upward from the
 * plan's indicators (1) or down the heading's subtree (0); the tests
 * compare the two. */
struct summary_indicator;
int summary_subtree_read(struct store *st, long long node_id, int fy,
    int upward, struct summary_indicator **out, size_t *n, char **cause);

/* The nodes of the subtree of node (an SQL parameter), itself included,
 * as the table sub(id): down the index of each node's children. */
#define STORE_SUBTREE(node)						\
	"WITH RECURSIVE sub(id) AS (SELECT " node " UNION ALL"		\
	" SELECT c.id FROM sub JOIN node c ON c.parent_id = sub.id)"

/* The same down to depth (an SQL parameter) and no further: the nodes
 * that can hold the plan's indicators (summary_indicator_depth). Where
 * the indicators hang on the policies, a heading's walk then skips its
 * tens of thousands of items (a policy of 25,000 items: 15 -> 0.3 ms). */
#define STORE_SUBTREE_TO(node, depth)					\
	"WITH RECURSIVE sub(id, depth) AS (SELECT id, depth FROM node"	\
	" WHERE id = " node " UNION ALL SELECT c.id, c.depth FROM sub"	\
	" JOIN node c ON c.parent_id = sub.id WHERE sub.depth < " depth ")"

/*
 * A heading's indicators read upward, for a plan of few indicators
 * (store_summary_subtree, store_indfig_subtree_outcomes): each indicator
 * i of the plan with its node n and the two nodes above it (nodes are
 * four levels deep at most: three above any node), taken when the
 * heading is n or above it. A heading of tens of thousands of nodes then
 * costs the plan's few indicators, not its subtree.
 */
#define STORE_IND_ABOVE_FROM						\
	" FROM indicator i JOIN node n ON n.id = i.node_id"		\
	" LEFT JOIN node a1 ON a1.id = n.parent_id"			\
	" LEFT JOIN node a2 ON a2.id = a1.parent_id"
#define STORE_IND_ABOVE(node)						\
	" " node " IN (n.id, n.parent_id, a1.parent_id, a2.parent_id)"
/* Whether plan plan_id (0: the plan of node node_id) has fewer than
 * SUMMARY_FEW_INDICATORS indicators, the choice of the upward reads:
 * 1, 0, or -1 with *cause. */
int summary_few_indicators(struct store *st, long long plan_id,
    long long node_id, char **cause);

/* The deepest level of plan plan_id (0: the plan of node node_id) that
 * holds an indicator, 0 when none does, for STORE_SUBTREE_TO: the last
 * entry of the plan's indicators by depth (db/migrate-24.sql). -1 with
 * *cause. */
int summary_indicator_depth(struct store *st, long long plan_id,
    long long node_id, char **cause);

/* store_indfig_subtree_outcomes (store-indfig.h) the way given: upward
 * from the plan's indicators (1) or down the heading's subtree (0); the
 * tests compare the two. */
int indfig_subtree_read(struct store *st, long long plan_id,
    long long node_id, int fy, int upward, long out[], char **cause);

/* The nodes of plan ?1 with a period of their own (a first or a last
 * year), as n, from the index of those alone (db/migrate-16.sql): few in
 * a plan whose items take its period. */
#define STORE_OWN_PERIOD_NODES						\
	" FROM node n INDEXED BY node_own_period WHERE n.plan_id = ?1"	\
	" AND (n.first_fy IS NOT NULL OR n.last_fy IS NOT NULL)"

/* Node n's ancestors (nodes are at most 4 deep: three above any node),
 * for its period: each end of it is the node's own, else the nearest
 * ancestor's, else the plan's (p: STORE_FIRST, STORE_LAST), as the
 * plans list, the tree, 自分の仕事 and 自分の担当 all count it. n may be
 * NULL (an indicator of the plan). */
#define STORE_ANCESTORS							\
	" LEFT JOIN node a1 ON a1.id = n.parent_id"			\
	" LEFT JOIN node a2 ON a2.id = a1.parent_id"			\
	" LEFT JOIN node a3 ON a3.id = a2.parent_id"
#define STORE_FIRST							\
	"COALESCE(n.first_fy, a1.first_fy, a2.first_fy, a3.first_fy,"	\
	" p.first_fy)"
#define STORE_LAST							\
	"COALESCE(n.last_fy, a1.last_fy, a2.last_fy, a3.last_fy,"	\
	" p.last_fy)"
/* Fiscal year fyparam lies in that period; an end nobody gives is open. */
#define STORE_IN_YEAR(fyparam)						\
	"(COALESCE(" STORE_FIRST ", " fyparam ") <= " fyparam		\
	" AND COALESCE(" STORE_LAST ", " fyparam ") >= " fyparam ")"
/* Node n, or indicator i's node, has a period (an end is given). */
#define STORE_HAS_PERIOD						\
	"(" STORE_FIRST " IS NOT NULL OR " STORE_LAST " IS NOT NULL)"

/* An indicator i of a node (or plan) without a period is measured in
 * the years after its baseline's up to its final target's, as far as it
 * gives them, and in a year it has a target or a value for: an
 * indicator whose final target was for 2022 is no one's work in 2026.
 * (With STORE_ANCESTORS and STORE_IN_YEAR: who reports an indicator in
 * a year, in 自分の仕事 and the indicator list's 自分の担当 alike.) */
#define STORE_IND_IN_YEAR(fyparam)					\
	"(" STORE_HAS_PERIOD " OR ((i.base_fy IS NULL OR i.base_fy < "	\
	fyparam ") AND (i.final_fy IS NULL OR i.final_fy >= " fyparam "))"	\
	" OR EXISTS (SELECT 1 FROM indicator_actual ya"			\
	" WHERE ya.indicator_id = i.id AND ya.fy = " fyparam ")"		\
	" OR EXISTS (SELECT 1 FROM indicator_target yt"			\
	" WHERE yt.indicator_id = i.id AND yt.fy = " fyparam "))"

/* The depth of plancol's action items (an SQL expression): its deepest
 * level, else its deepest node. */
#define STORE_ITEM_DEPTH(plancol)					\
	"COALESCE((SELECT MAX(depth) FROM plan_level WHERE plan_id = "	\
	plancol "), (SELECT MAX(depth) FROM node WHERE plan_id = "	\
	plancol "))"
/* Whether indicator i (node n) is part of its item's result: then it is
 * entered with the item, not reported on its own (store-actual.h). */
#define STORE_PART_OF_ITEM						\
	"(i.node_id IS NOT NULL AND i.dept_id IS NULL AND n.depth = "	\
	STORE_ITEM_DEPTH("i.plan_id") ")"

/* Whether any plan has a result in year ?1: the first entry of the
 * year's in the index of results by year (1, or 0 when none), for
 * store_read_int. A year just begun has none, and a reader spares its
 * look-up of each item's result. */
#define STORE_SQL_YEAR_HAS_RESULTS					\
	"SELECT 1 FROM result INDEXED BY result_state WHERE fy = ?1 LIMIT 1"

/* Reads one integer from sql bound to a (and b, 0 binding as NULL, when
 * the SQL has a second parameter); *out is 0 and *found (if not NULL) 0
 * when there is no row or the value is NULL. 0, or -1 with *cause. */
int store_read_int(struct store *st, const char *sql, long long a,
    long long b, long long *out, int *found, char **cause);

/* Tells the caller's progress function, if any, how far long work is. */
void store_progress(struct store *st, size_t done, size_t total);
/* How many rows long work reports progress after. */
#define STORE_PROGRESS_EVERY 256

/* A prepared statement for a static SQL string, prepared once per
 * connection and reset and cleared on every call. NULL with *cause set if
 * the SQL does not prepare (a programming error, reported not crashed). */
sqlite3_stmt *store_stmt(struct store *st, const char *sql, char **cause);
void store_stmt_cache_free(struct store *st);

int store_exec(struct store *st, const char *sql, char **cause);
int store_pragma_int(struct store *st, const char *pragma);

/* Binding helpers: "" and 0 bind as NULL where the column allows it. */
int store_bind_text(sqlite3_stmt *s, int i, const char *text);	/* NULL → NULL */
int store_bind_opt_int(sqlite3_stmt *s, int i, long long v);	/* 0 → NULL */
/* Binds a value to two parameters (num at i, txt at i + 1). */
int store_bind_value(sqlite3_stmt *s, int i, const struct value *v);

/* Column readers: NULL text reads as "" (store_col_dup_null keeps NULL),
 * a NULL integer as 0. */
const char *store_col_text(sqlite3_stmt *s, int i);
char *store_col_dup(sqlite3_stmt *s, int i);
char *store_col_dup_null(sqlite3_stmt *s, int i);

/* Steps the bound statement s, whose first column is an id, to its end
 * and resets it: *ids the ids ascending without duplicates (NULL when n
 * is 0), or -1 with *cause naming what. */
int store_collect_ids(struct store *st, sqlite3_stmt *s, long long **ids,
    size_t *n, const char *what, char **cause);

/* Orders two long long ids (qsort, bsearch). */
int store_ids_cmp(const void *a, const void *b);
/* Sorts v[0..n-1] (ids read by id come nearly sorted) and drops the
 * repeated ones; returns how many are left. */
size_t store_ids_settle(long long *v, size_t n);

/* The ids v[0..n-1] as a JSON array ("[1,2]"), to bind to a statement
 * that reads them with json_each: one statement for a set of rows of any
 * size, each found by its key. malloc'd. */
char *store_ids_json(const long long *v, size_t n);
int store_col_int0(sqlite3_stmt *s, int i);

/* Ends a read loop whose last sqlite3_step gave rc: resets the statement
 * (no read is held while the user thinks) and turns a step error into
 * *cause ("what: reason"). Returns 0 or -1. */
int store_read_end(struct store *st, sqlite3_stmt *s, int rc, const char *what,
    char **cause);
/* Opens a read snapshot when no transaction is open, so that several
 * reads agree with each other; returns whether it did, to be given to
 * store_snapshot_end, which ends it (nothing is held afterwards). */
int store_snapshot_begin(struct store *st);
void store_snapshot_end(struct store *st, int began);
/* Reads a value from two columns (num at i, txt at i + 1). */
void store_col_value(sqlite3_stmt *s, int i, struct value *v);

/* Steps a write statement to its end and resets it. Returns 0, or -1
 * (STORE_BUSY when the database stayed locked) with *cause ("what:
 * reason"). */
int store_step_write(struct store *st, sqlite3_stmt *s, const char *what,
    char **cause);
/* Adds a history row at time at (now_iso) by login; node, ind and fy of 0
 * and an old or new value of NULL or "" are stored as NULL. Returns as
 * store_step_write. */
int store_history_add(struct store *st, const char *at, const char *login,
    long long node, long long ind, int fy, const char *field,
    const char *old_value, const char *new_value, char **cause);

/*
 * A write refused by the role of login: written to the history after the
 * refused write was rolled back, best effort, with the item (node),
 * indicator and year it was about (0 when none); what is "action: the
 * refusal's message". Inside a batch the row waits until the batch has
 * ended (store_refusals_flush), so that it is kept whether the batch is
 * or not; at most STORE_REFUSALS_KEPT of them, and one row says how many
 * more there were.
 */
#define STORE_REFUSALS_KEPT 50
void store_refused(struct store *st, const char *login, long long node,
    long long indicator, int fy, const char *what);
/* Writes the refusals kept during a batch, in one transaction of their
 * own, and forgets them (store_batch_end calls it). */
void store_refusals_flush(struct store *st);
/* Forgets them unwritten (store_close). */
void store_refusals_clear(struct store *st);

/* SQL: the name department idcol had in fiscal year fyparam (old names
 * are kept in department_name up to the last year they were used), with
 * the department table aliased d. */
#define DEPT_NAME_AS_OF(idcol, fyparam)					\
	"COALESCE((SELECT dn.name FROM department_name dn"		\
	" WHERE dn.dept_id = " idcol " AND dn.until_fy >= " fyparam	\
	" ORDER BY dn.until_fy LIMIT 1), d.name)"

#endif
