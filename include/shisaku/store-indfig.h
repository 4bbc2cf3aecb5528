/*
 * The indicator list's achievement rates kept per plan and fiscal year
 * (db/migrate-12.sql), so that sorting by achievement reads a window of
 * rows from an index. Every write keeps them true in its own
 * transaction: triggers mark what it changed and store_commit computes
 * the marked indicators again (store_indfig_refresh); a plan import and
 * the migration keep whole years at their end (store_indfig_keep).
 */
#ifndef SHISAKU_STORE_INDFIG_H
#define SHISAKU_STORE_INDFIG_H

#include "shisaku/summary.h"

struct store;

/* Computes and keeps the rates of plan_id's indicators in fy (every
 * plan's when plan_id is 0), replacing what was kept, inside the
 * caller's write. Returns 0 or -1 with *cause. */
int store_indfig_keep(struct store *st, long long plan_id, int fy,
    char **cause);

/* The same for the years a file keeps from the start: the open years
 * and today_fy (a migrated file, every plan). */
int store_indfig_keep_years(struct store *st, long long plan_id,
    int today_fy, char **cause);

/* Counts plan_id's indicators by category again (indicator_category_count,
 * which triggers keep, but not through an import), inside the caller's
 * write. Returns 0 or -1 with *cause. */
int store_indfig_count(struct store *st, long long plan_id, char **cause);

/* Computes again, inside the write about to commit, the rates of the
 * indicators it marked; when that cannot be done, the years of their
 * plans are no longer kept (the list then computes every row), so that
 * the write itself never fails for them. Returns 0, or -1 when even that
 * failed. */
int store_indfig_refresh(struct store *st);

/* Whether the rates of plan_id in fy are kept and true: 1, else 0. */
int store_indfig_kept(struct store *st, long long plan_id, int fy);

/*
 * plan_id's indicators of fy counted by outcome (summary.h: achieved at
 * a rate of 100 % or more, not achieved below, no data without a rate)
 * from the rates kept, when they are kept and true: an index's walk,
 * where counting them afresh reads every indicator's values. Returns 1
 * with out[] set, 0 when they are not kept (out[] untouched), or -1 with
 * *cause.
 */
int store_indfig_outcomes(struct store *st, long long plan_id, int fy,
    long out[SUMMARY_NOUTCOMES], char **cause);

/*
 * The same for the indicators of node_id (of plan_id) and of every node
 * below it, the figures of a heading of the tree: their kept rates,
 * where counting them afresh reads every one's targets and actuals.
 * What it reads follows the heading or, in a plan of fewer than
 * SUMMARY_FEW_INDICATORS indicators, the plan's indicators, whichever is
 * less (as store_summary_subtree). 0 also when an indicator below it has
 * no rate kept.
 */
int store_indfig_subtree_outcomes(struct store *st, long long plan_id,
    long long node_id, int fy, long out[SUMMARY_NOUTCOMES], char **cause);

#endif
