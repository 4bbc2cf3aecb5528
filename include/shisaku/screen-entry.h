/*
 * The results entry form and the history screen: what other screens pass
 * to ui_push to open them.
 */
#ifndef SHISAKU_SCREEN_ENTRY_H
#define SHISAKU_SCREEN_ENTRY_H

#include "shisaku/ui.h"

/* The form for one action item and one fiscal year (western year). */
struct screen_entry_arg {
	long long	 node_id;
	int		 fy;
};

/* The history of an item (indicator_id 0) or of one indicator
 * (node_id is then only used for the title, may be 0), for fiscal year
 * fy or every year (0); with refused set, the refusals of every plan
 * instead (node_id and indicator_id 0; planners only). */
struct screen_history_arg {
	long long	 node_id;
	long long	 indicator_id;
	int		 fy;
	int		 refused;
};

extern const struct screen_ops screen_entry_ops;	/* arg: struct screen_entry_arg */
extern const struct screen_ops screen_history_ops;	/* arg: struct screen_history_arg */

#endif
