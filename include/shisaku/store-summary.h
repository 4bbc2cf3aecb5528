/*
 * Reading what the year's progress figures (summary.h) need from the
 * indicators: every indicator of a plan, or of every plan, with its
 * outcome in a fiscal year (achieved, not achieved, no data), computed
 * from its baseline, the year's target (else the final one) and the
 * year's actual (summed for a cumulative indicator) by trend_rate. The
 * counting of items is done where they are read (store-browse.c). No
 * curses.
 */
#ifndef SHISAKU_STORE_SUMMARY_H
#define SHISAKU_STORE_SUMMARY_H

#include <stddef.h>

#include "shisaku/summary.h"

struct store;

struct summary_indicator {
	long long		 id;
	long long		 plan_id;
	long long		 node_id;	/* 0 = the plan itself */
	enum summary_outcome	 outcome;
	double			 rate;		/* -1 = none */
};

/*
 * The indicators of plan_id (0 = of every plan, plan by plan), in the
 * order of their keys, with their outcome in fy. Returns 0 with *out (NULL when *n is 0), or -1
 * with *cause.
 */
int store_summary_indicators(struct store *st, long long plan_id, int fy,
    struct summary_indicator **out, size_t *n, char **cause);

/*
 * How many indicators of plan_id have each outcome in each of the nfy
 * years fys (rising), into out[k] for fys[k]: what
 * store_summary_indicators gives year by year, read once for all the
 * years. Returns 0, or -1 with *cause.
 */
int store_summary_outcomes(struct store *st, long long plan_id,
    const int *fys, size_t nfy, long (*out)[SUMMARY_NOUTCOMES],
    char **cause);

/*
 * The indicators of node_id and of every node below it, with their
 * outcome in fy (a heading's figures). In no particular order. What it
 * costs follows the heading or, in a plan of fewer than
 * SUMMARY_FEW_INDICATORS indicators, the plan's indicators, whichever is
 * less: the nodes below the heading are walked down, else each of the
 * plan's indicators is looked up from. Returns 0 with *out (NULL when
 * *n is 0), or -1 with *cause.
 */
#define SUMMARY_FEW_INDICATORS 1024
int store_summary_subtree(struct store *st, long long node_id, int fy,
    struct summary_indicator **out, size_t *n, char **cause);

#endif
