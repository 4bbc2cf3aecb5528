/*
 * The screens of indicators: the indicator list of a plan
 * (screen-indicators.c), one indicator over every fiscal year
 * (screen-indicator.c), and the form of one indicator's actual for one
 * fiscal year (screen-actual.c). What other screens pass to ui_push, and
 * the ways in.
 */
#ifndef SHISAKU_SCREEN_INDICATOR_H
#define SHISAKU_SCREEN_INDICATOR_H

#include "shisaku/ui.h"

/* The indicator list of a plan; mine: filtered at once to the
 * indicators the user reports in the chosen year (自分の担当). */
struct screen_indicators_arg {
	long long	 plan_id;
	int		 mine;
};

/* One indicator. */
struct screen_indicator_arg {
	long long	 indicator_id;
};

/* The actual of one indicator for one fiscal year (western year). */
struct screen_actual_arg {
	long long	 indicator_id;
	int		 fy;
};

extern const struct screen_ops screen_indicator_ops;	/* arg: struct screen_indicator_arg */
extern const struct screen_ops screen_actual_ops;	/* arg: struct screen_actual_arg */

/* Opens the indicator list of a plan (mine: 自分の担当 only). */
void screen_indicators_open(struct ui *ui, long long plan_id, int mine);

/* Opens the indicator screen of indicator_id. */
void screen_indicator_open(struct ui *ui, long long indicator_id);

/*
 * Opens what takes indicator_id's actual for fiscal year fy: its own form,
 * or, for an indicator that is part of its item's result, the item's
 * results form (saying so on the bottom line).
 */
void screen_actual_enter(struct ui *ui, long long indicator_id, int fy);

#endif
