/*
 * The years a plan's data covers, kept per plan (db/migrate-17.sql): the
 * earliest and the latest year of its nodes' own periods, yearly plans
 * and cost trends. The roadmap of a plan that prints no period spans
 * them; counting them reads every node of the plan, keeping them reads a
 * row. Every write keeps them true in its own transaction: triggers mark
 * the plans it may have changed and store_commit counts again those of
 * them, and those without a row, that print no period (a plan with one
 * needs none: a write to it costs no count). A row is true whenever it
 * is not marked.
 */
#ifndef SHISAKU_STORE_SPAN_H
#define SHISAKU_STORE_SPAN_H

struct store;

/*
 * The years plan_id's data covers, as kept when the row is true, else
 * counted (a file written behind the program's back, or older than
 * version 17): *first and *last, 0 when the plan has no such year.
 * Returns 0 or -1 with *cause.
 */
int store_plan_span(struct store *st, long long plan_id, int *first,
    int *last, char **cause);

/* Counts again, inside the write about to commit, the spans of the plans
 * that print no period that it marked or that have none. Never fails the
 * write: a span it cannot count stays marked and is counted when read. */
void store_span_refresh(struct store *st);

/* shisaku check: each true row counted again; a plan whose kept span
 * differs is reported with both. Returns the number of problems, or -1
 * with *cause. */
int store_span_check(struct store *st, void (*report)(void *, const char *),
    void *arg, char **cause);

#endif
