/*
 * Indicator actuals in the store: the view of one indicator over every
 * fiscal year (baseline, each year's target beside its actual, who
 * reports it), and the entry of one indicator's actual for one fiscal
 * year with the same workflow as an item's result. No curses.
 *
 * Who reports an indicator. An indicator of an action item whose plan
 * file names no department of its own is part of the item's result: its
 * actual is entered, submitted and confirmed with the item (see
 * store-result.h), and `own` is 0 here. Every other indicator (of a
 * policy at any level, of the plan itself, or of an item with a
 * responsible department of its own) is reported on its own: `own` is 1,
 * and its responsible department in a fiscal year is the one the plan
 * names for it, else its node's main department in that year (the first
 * marked main, else the first listed), else none, in which case only the
 * planners report it.
 *
 * Writes follow store-result.h: one BEGIN IMMEDIATE transaction that
 * re-reads the entry and the user's role, checks the row version and
 * asks workflow.h, writes with UPDATE ... WHERE ver = ?, adds history rows
 * and reads the entry back. Return codes: 0, -1, STORE_BUSY,
 * STORE_CONFLICT (*current is the entry as it is now, when current is not
 * NULL) and STORE_DENIED; on anything but 0 nothing was written and the
 * caller's entry is untouched.
 */
#ifndef SHISAKU_STORE_ACTUAL_H
#define SHISAKU_STORE_ACTUAL_H

#include <stddef.h>

#include "shisaku/store.h"
#include "shisaku/store-result.h"
#include "shisaku/value.h"
#include "shisaku/workflow.h"

/* One fiscal year of an indicator. */
struct actual_year {
	int		 fy;
	struct value	 target;	/* none when the plan sets none */
	struct value	 actual;	/* none when nothing is reported */
	char		*note;		/* the actual's note; never NULL */
	int		 has_actual;	/* a row exists for the year */
	/* The workflow state of the actual: the row's own for an indicator
	 * reported on its own, the item's result's otherwise. */
	enum wf_state	 state;
	char		*entered_by;	/* "" */
	char		*confirmed_by;	/* "" */
};

/* Everything of one indicator, for the indicator screen. */
struct indicator_view {
	long long	 id;
	long long	 plan_id;
	char		*plan_code;
	char		*plan_name;
	long long	 node_id;	/* 0 = an indicator of the plan itself */
	char		*node_code;	/* "" */
	char		*node_title;	/* the plan's name for an indicator of
					   the plan */
	char		*node_level;	/* 基本施策 …; "" for the plan */
	int		 node_is_item;	/* the node is an action item */
	int		 own;		/* reported on its own (see above) */
	char		*key;
	char		*name;
	char		*category;	/* "" */
	char		*unit;		/* "" */
	const char	*direction;	/* vocab key, NULL = unknown */
	int		 cumulative;
	struct value	 base;
	int		 base_fy;	/* 0 = not given */
	struct value	 final;
	int		 final_fy;
	char		*rationale;	/* 指標の考え方; "" */
	char		*note;		/* "" */
	char		*dept_code;	/* the department the plan names; "" */
	/* Who reports it in fy (the year asked for): a department's name as
	 * of that year, or "" when the planners do. */
	char		*reporter;
	int		 fy;
	/* Every year of the plan's (else the node's) period, and every year
	 * with a target or an actual, in order. */
	size_t		 nyears;
	struct actual_year *years;
};

/* Loads indicator id with every year; departments named as of fy.
 * Returns 0 and *out, or -1 with *cause. */
int store_indicator_view(struct store *st, long long id, int fy,
    struct indicator_view **out, char **cause);
void store_indicator_view_free(struct indicator_view *v);

/* The entry of one indicator's actual for one fiscal year. Every char *
 * is malloc'd and owned by the entry; never NULL. */
struct actual_entry {
	/* The indicator (read-only). */
	long long	 indicator_id;
	long long	 plan_id;
	long long	 node_id;	/* 0 = the plan itself */
	char		*node_code;
	char		*node_title;	/* the plan's name for the plan */
	char		*name;
	char		*unit;
	const char	*direction;	/* vocab key or NULL */
	int		 cumulative;
	struct value	 base;
	int		 base_fy;
	struct value	 target;	/* the year's target, else the final */
	int		 target_fy;
	int		 target_is_final;
	/* For a cumulative indicator: the sum of the numeric actuals of the
	 * years after base_fy and before fy, and how many (-1: one of them
	 * is text, so no sum). */
	double		 prior_sum;
	int		 prior_count;
	int		 fy;
	int		 year_open;
	int		 own;		/* 0: entered with the item's result */
	long long	 item_id;	/* own 0: the item whose form takes it */
	struct wf_dept	*depts;		/* the responsible department in force */
	size_t		 ndepts;	/* in fy: 0 or 1 (0: the planners) */

	/* The actual's row (ver 0: nothing saved yet). */
	int		 ver;
	enum wf_state	 state;
	/* Editable. actual as value_parse reads it against unit. */
	struct value	 actual;
	char		*note;
	/* Set by the workflow. */
	char		*return_comment;
	char		*dept_name;	/* filed under, as of fy; "" */
	char		*entered_by, *entered_at;
	char		*confirmed_by, *confirmed_at;
};

/* Loads the entry of indicator_id for fy in one read snapshot. */
int store_actual_load(struct store *st, long long indicator_id, int fy,
    struct actual_entry **out, char **cause);
void store_actual_free(struct actual_entry *e);
struct actual_entry *store_actual_dup(const struct actual_entry *e);

/* 1 if the editable parts (actual, note) of a and b differ. */
int store_actual_changed(const struct actual_entry *a,
    const struct actual_entry *b);

/* Fills it with a view of e for workflow_may (borrows e's departments). */
void store_actual_wf(const struct actual_entry *e, enum fy_style style,
    struct wf_item *it);

/*
 * Saves the actual and note of e as login (see the file comment): a new
 * row is a draft filed under the responsible department; a history row
 * per changed field ('actual', 'actual_note'; 'state' for a new draft;
 * 'late_entry' for a planner in a closed year). On 0, e is reloaded.
 * Refused (-1) for an indicator that is part of its item's result.
 */
int store_actual_save(struct store *st, struct actual_entry *e,
    const char *login, int expected_ver, struct actual_entry **current,
    char **cause);

/* Workflow transitions, as store_result_submit and the others: only the
 * workflow fields of e are updated on 0, so unsaved edits survive. */
int store_actual_submit(struct store *st, struct actual_entry *e,
    const char *login, int expected_ver, struct actual_entry **current,
    char **cause);
int store_actual_confirm(struct store *st, struct actual_entry *e,
    const char *login, int expected_ver, struct actual_entry **current,
    char **cause);
int store_actual_return(struct store *st, struct actual_entry *e,
    const char *login, int expected_ver, const char *comment,
    struct actual_entry **current, char **cause);
int store_actual_reopen(struct store *st, struct actual_entry *e,
    const char *login, int expected_ver, struct actual_entry **current,
    char **cause);

/*
 * The ids of the indicators of plan_id whose actuals dept_id enters in
 * fiscal year fy, ascending (for bsearch): those reported on their own
 * with dept_id responsible, and those that are part of the result of an
 * item dept_id is in charge of that year. dept_id 0: those only the
 * planners report (no department responsible). Only indicators measured
 * in fy, as 自分の仕事 lists them (store-mywork.h): an indicator outside
 * its node's period, or of a plan without a period outside the years
 * its baseline and final target give (unless it has a target or value
 * for fy), is no one's that year. *ids is NULL when n is 0.
 */
int store_actual_reported_by(struct store *st, long long plan_id,
    long long dept_id, int fy, long long **ids, size_t *n, char **cause);

#endif
