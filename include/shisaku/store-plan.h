/*
 * Whole plans in and out of the store: loading a checked plan document in
 * one transaction, and reading plans back into a document for export
 * (the export is exactly what import reads). Also the plan list.
 */
#ifndef SHISAKU_STORE_PLAN_H
#define SHISAKU_STORE_PLAN_H

#include "shisaku/planfile.h"

struct store;
struct config;

/* A resolver answering from the database (and the evaluation scale of the
 * config), for pf_read. Lives as long as st and cfg. */
struct store_resolver {
	struct pf_resolver	 res;
	struct store		*st;
	const struct config	*cfg;
};
void store_resolver_init(struct store_resolver *r, struct store *st,
    const struct config *cfg);

/*
 * Writes a checked document (no errors) in one BEGIN IMMEDIATE
 * transaction: all of it or, on any failure, nothing. With replace, a plan
 * already in the database is deleted first with everything under it
 * (results included); its history rows stay and are pointed at the node
 * and indicator of the new plan with the same key. login is recorded as
 * the author of imported results. Tells store_set_progress's callback
 * the records written (done of d->n), then the commit's steps (see
 * store_plan_loader_commit). Returns 0, STORE_BUSY or -1 with *cause.
 */
int store_plan_import(struct store *st, const struct pf_doc *d, int replace,
    const char *login, char **cause);

/*
 * The same, record by record as a file is read (store-plan-import.c): a
 * loader begins one BEGIN IMMEDIATE transaction, takes checked records in
 * file order (directly, or as the sink of a document read as a stream:
 * see pf_doc.sink), and commits them all or rolls them all back. It keeps
 * the ids and display orders of what the file defines in memory, so that
 * each record is one insert. take returns 0, or -1 after which the loader
 * takes nothing more and store_plan_loader_error says why; commit then
 * rolls back and returns -1 with that reason. The loader holds the write
 * lock from begin to commit or rollback: other writers wait for a whole
 * import, as they did for its write. rollback and free take NULL.
 */
struct store_plan_loader;
struct store_plan_loader *store_plan_loader_new(struct store *st, int replace,
    const char *login);
/* The fiscal year today falls in, as the configuration counts years: the
 * plans list's figures of that year (and of every open one) are kept at
 * commit. Unset, it is counted from April. */
void store_plan_loader_today(struct store_plan_loader *l, int fy);
int store_plan_loader_begin(struct store_plan_loader *l, char **cause);
int store_plan_loader_take(struct store_plan_loader *l, const struct pf_record *r);
const struct pf_sink *store_plan_loader_sink(struct store_plan_loader *l);
const char *store_plan_loader_error(const struct store_plan_loader *l);
/* The actual values of indicators reported on their own that were
 * written as confirmed because the file gives them no STATE
 * (shisaku-plan(5)). */
long store_plan_loader_confirmed_blank(const struct store_plan_loader *l);
/* After the rows: a node the file gives no department takes those of
 * node from above it (pf_doc_inherits); its results read before are
 * filed under them. 0, or -1 (the loader takes nothing more;
 * store_plan_loader_error says why). */
int store_plan_loader_inherit(struct store_plan_loader *l, const char *plan,
    const char *node, const char *from);
/* After the rows, a commit makes the indexes, the search index and the
 * kept figures, then commits: STORE_LOAD_STEPS steps, each one told to
 * store_set_progress's callback as it ends (done of STORE_LOAD_STEPS). */
#define STORE_LOAD_STEPS 4
int store_plan_loader_commit(struct store_plan_loader *l, char **cause);
void store_plan_loader_rollback(struct store_plan_loader *l);
void store_plan_loader_free(struct store_plan_loader *l);

/* Reads one plan (code) or all plans (NULL) into d, in the order import
 * needs. Returns 0, or -1 with *cause (an unknown code). */
int store_plan_export(struct store *st, const char *code, struct pf_doc *d,
    char **cause);

struct store_plan_row {
	long long	 id;
	char		*code;
	char		*name;
	int		 first_fy, last_fy;	/* 0 = unknown */
};
/* All plans in order; *rows is malloc'd, free with store_plan_rows_free. */
int store_plan_list(struct store *st, struct store_plan_row **rows, size_t *n,
    char **cause);
void store_plan_rows_free(struct store_plan_row *rows, size_t n);

#endif
