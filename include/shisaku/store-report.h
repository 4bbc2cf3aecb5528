/*
 * Reading what a fiscal year's progress report shows: a plan's tree as
 * the plan tree screen reads it (levels, flags, departments named as of
 * the year, each item's result state and status), plus what only the
 * report prints: each item's grade, 取組実績, comment and yearly plans for
 * the year, and every indicator of the plan with all its targets and
 * actuals. Everything is read in one read snapshot with a fixed number of
 * queries, however many items the plan has. Read-only; plain structs the
 * caller frees with store_report_free. No curses.
 */
#ifndef SHISAKU_STORE_REPORT_H
#define SHISAKU_STORE_REPORT_H

#include <stddef.h>

#include "shisaku/store-browse.h"
#include "shisaku/value.h"

struct store;

/* store_report_load's answer when no plan has the code asked for. */
#define STORE_REPORT_NO_PLAN (-5)

/* A yearly plan (年次計画) covering the report's year. */
struct report_yearplan {
	int		 from_fy, to_fy;	/* to_fy > from_fy: spans years */
	char		*text;
};

/* What the report needs of a node beyond struct browse_node. */
struct report_node {
	char		*grade;		/* the year's result; NULL = none */
	char		*text;		/* 取組実績; "" */
	char		*comment;	/* 課題・今後の方向性; "" */
	/* Who last entered the result and who confirmed it, each as the
	 * login with the display name the users table gives it
	 * ("daemon（田中一郎）"); "" when nobody. */
	char		*entered_by;
	char		*confirmed_by;
	size_t		 nyearplans;	/* in printed order */
	struct report_yearplan *yearplans;
};

struct report_fyvalue {
	int		 fy;
	struct value	 v;
	char		*note;		/* actuals only; "" */
	/* The actual of an indicator reported on its own: its workflow state
	 * as a vocab key ("draft" for a row without one, as a file loads
	 * it). NULL for one that goes with its item's result, and targets. */
	const char	*state;
};

struct report_indicator {
	long long	 id;
	long		 node;		/* index in tree->nodes; -1 = the plan */
	char		*name;
	char		*category;
	char		*unit;
	char		*rationale;
	const char	*direction;	/* vocab key ("up" …); NULL = unknown */
	int		 cumulative;
	/* Reported on its own (see store-actual.h): on a policy or the plan,
	 * or on an item with a department of its own. 0: its actuals go
	 * with the item's result. */
	int		 own;
	struct value	 base;
	int		 base_fy;
	struct value	 final;
	int		 final_fy;
	size_t		 ntargets;	/* by fiscal year */
	struct report_fyvalue *targets;
	size_t		 nactuals;	/* by fiscal year */
	struct report_fyvalue *actuals;
};

struct report_data {
	struct browse_tree *tree;	/* nodes depth first, in printed order */
	char		*plan_org;
	struct report_node *nodes;	/* parallel to tree->nodes */
	size_t		 nindicators;
	/* The plan's own first, then by node in tree order, then as the
	 * plan orders them: each node's indicators are contiguous. */
	struct report_indicator *indicators;
};

/*
 * Loads the plan with code plan_code for fiscal year fy (today_fy is the
 * current fiscal year, for the tree's "behind"). Returns 0 and *out,
 * STORE_REPORT_NO_PLAN with *cause when there is no such plan, or -1 with
 * *cause.
 */
int store_report_load(struct store *st, const char *plan_code, int fy,
    int today_fy, struct report_data **out, char **cause);
void store_report_free(struct report_data *d);

#endif
