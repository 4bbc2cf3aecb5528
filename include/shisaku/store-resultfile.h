/*
 * Results files in and out of the store (see resultfile.h): the template
 * of one plan's fiscal year, and loading a filled-in file back through the
 * same store functions the results form uses (store-result.h,
 * store-actual.h), so that roles, departments, closed years, the workflow
 * and the history are exactly the form's. No curses.
 */
#ifndef SHISAKU_STORE_RESULTFILE_H
#define SHISAKU_STORE_RESULTFILE_H

#include <stddef.h>

#include "shisaku/resultfile.h"
#include "shisaku/store.h"

/*
 * Reads the template of plan code's fiscal year fy into d, in one read
 * snapshot, in the order of the plan: the indicators of the plan itself,
 * then node by node a result row for each action item whose period
 * includes fy (or that has a result for it) followed by the actual rows
 * of the indicators entered with it, and an actual row for each indicator
 * of the node reported on its own. Rows carry what the database holds now
 * and the version of their entry. Returns 0, or -1 with *cause (no such
 * plan, fy outside the plan's period).
 */
int store_results_export(struct store *st, const char *code, int fy,
    struct rf_doc *d, char **cause);

/* What an import did (or, in a dry run, would do). */
struct store_results_count {
	size_t	results;	/* result rows written */
	size_t	actuals;	/* actual rows written */
	size_t	unchanged;	/* rows already as the database has them */
};

/*
 * Loads the rows of d, read by rf_read, as login, all in one transaction
 * (store_batch_begin). Rows rf_read found errors in (bad) are not tried,
 * nor the other rows of their entry; the rest are, so that one run lists
 * every problem of the file, and nothing is written when d has any
 * error. Each entry is loaded, the file's row is laid over it, and where
 * anything differs it goes through store_result_save / store_actual_save
 * and, when the row's STATE asks for another state, the workflow
 * transition that leads there (reopen before the save, submit, confirm
 * or return after it). A row that differs from the database is refused
 * when its entry's version is no longer the row's VER (naming who
 * changed it, and when), or when the store refuses the write (the
 * workflow's reason). Rows identical to the database are left alone and
 * need no permission.
 *
 * Every problem is added to d->errors at its row and column, and all of
 * them are collected before anything is kept. Returns 0 when the whole
 * file was written (with dry, when it would have been: nothing is kept),
 * 1 when d has problems, from rf_read or from here (nothing written),
 * STORE_BUSY or -1 with *cause when the database failed (nothing
 * written).
 */
int store_results_import(struct store *st, struct rf_doc *d,
    const char *login, int dry, struct store_results_count *count,
    char **cause);

#endif
