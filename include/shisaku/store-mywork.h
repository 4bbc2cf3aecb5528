/*
 * "My work" in the store: what one user has to do now, across every plan.
 *
 * A clerk's list: for each fiscal year open for entry, the action items
 * their department is in charge of that year (within the item's period),
 * and the indicators their department reports on its own that year (see
 * store-actual.h), each with the state of its entry; and the same of the
 * departments merged into theirs, for the years those still stood.
 *
 * A reviewer's list (supervisors and planners): the entries submitted and
 * waiting for confirmation, in any year, oldest submission first, at most
 * MYWORK_WAITING_MAX of them with the count of all; then what is late:
 * entries of an open year not yet submitted once the year's deadline has
 * passed (or, for a year without a deadline, once the year itself has
 * ended), at most MYWORK_LATE_MAX of them.
 *
 * Each list is read in one read transaction, so it is one consistent
 * picture. No curses.
 */
#ifndef SHISAKU_STORE_MYWORK_H
#define SHISAKU_STORE_MYWORK_H

#include <stddef.h>

#include "shisaku/store.h"
#include "shisaku/workflow.h"

/* The most late entries listed; the list says when there are more. */
#define MYWORK_LATE_MAX 300

/* The most waiting entries listed (the oldest), and the most counted:
 * the list counts them all up to that, and says when there are more.
 * A screen reads the oldest MYWORK_WAITING_FIRST first, about two
 * screens' worth, and the rest up to the most when its cursor comes near
 * the last of them: a list opens at the cost of what it shows. */
#define MYWORK_WAITING_MAX 1000
#define MYWORK_WAITING_FIRST 100
#define MYWORK_WAITING_COUNT_MAX 10000

enum mywork_kind {
	MYWORK_RESULT,		/* an action item's result for a year */
	MYWORK_ACTUAL		/* an indicator's actual reported on its own */
};

struct mywork_row {
	enum mywork_kind kind;
	long long	 plan_id;
	char		*plan_code;
	char		*plan_name;
	/* The item (MYWORK_RESULT), or the indicator's node (0: an
	 * indicator of the plan itself). */
	long long	 node_id;
	long long	 indicator_id;	/* MYWORK_ACTUAL, else 0 */
	char		*code;		/* the node's code as printed; "" */
	char		*title;		/* the item's title, or the indicator's
					   name */
	char		*where;		/* MYWORK_ACTUAL: the node's title, or
					   the plan's name; "" */
	int		 fy;
	enum wf_state	 state;
	char		*dept_name;	/* in charge (reporting) as of fy; "" */
	long long	 dept_id;	/* a clerk's list: the department whose
					   entry it is (the clerk's own, or one
					   merged into it) */
	char		*entered_by;	/* who saved it last; "" */
	char		*at;		/* when its state last changed (for a
					   submitted entry: when it was
					   submitted), else when it was last
					   saved; "" */
	char		*return_comment;	/* the last return's reason; "" */
	int		 late;		/* a reviewer's late entry */
	/* A clerk's item whose texts (code, title, department, who and
	 * when, the return's reason: "" meanwhile) are not read yet:
	 * store_mywork_fill reads them when the row is shown. */
	int		 unread;
};

/* A fiscal year the list covers. */
struct mywork_year {
	int		 fy;
	int		 is_open;
	char		*deadline;	/* "YYYY-MM-DD"; "" */
};

struct mywork {
	struct mywork_year *years;	/* the open years, latest first */
	size_t		 nyears;
	struct mywork_row *rows;
	size_t		 nrows;
	/* A reviewer's list: 1 when there are more late entries than the
	 * MYWORK_LATE_MAX listed; how many entries wait in all (those
	 * listed are the oldest MYWORK_WAITING_MAX), and 1 when more wait
	 * than the MYWORK_WAITING_COUNT_MAX counted. */
	int		 late_cut;
	size_t		 nwaiting;
	int		 waiting_count_cut;
	/* The most waiting entries the list was read with (the oldest that
	 * many are listed). */
	size_t		 waiting_read;
	/* A clerk's list: the department's last year when a reorganisation
	 * abolished or merged it (0: it stands), and its name then. */
	int		 dept_abolished_after;
	char		*dept_name;
	long long	 dept_id;	/* the department listed; 0 */
};

/*
 * A clerk's list for department dept_id (see above), rows ordered by
 * year (latest first), then state (returned, not entered, draft,
 * submitted, confirmed), then plan and plan order, a result before the
 * indicators of the same place. dept_id 0 gives the open years and no
 * rows. The items' texts are left to store_mywork_fill. Returns 0 and
 * *out, or -1 with *cause.
 */
int store_mywork_clerk(struct store *st, long long dept_id,
    struct mywork **out, char **cause);

/*
 * Reads the texts of row i of a clerk's list if they are not read yet
 * (unread): a department's list holds its items' order and states, and
 * their texts are read as the rows are shown, a screen at a time.
 * Returns 0, or -1 with *cause (the row stays unread).
 */
int store_mywork_fill(struct store *st, struct mywork *m, size_t i,
    char **cause);

/*
 * A reviewer's list (see above): the submitted entries oldest first, the
 * oldest waiting_max of them (0, or more than MYWORK_WAITING_MAX: that
 * many), then the late ones (late 1) by year, department and plan order.
 * today is "YYYY-MM-DD" and today_fy the fiscal year it falls in.
 * Returns 0 and *out, or -1 with *cause.
 */
int store_mywork_review(struct store *st, const char *today, int today_fy,
    size_t waiting_max, struct mywork **out, char **cause);

void store_mywork_free(struct mywork *m);

/*
 * A number that changes whenever another connection (another clerk's
 * program, a command) commits a change to the database; the program's
 * own changes leave it (SQLite's PRAGMA data_version). Screens compare it
 * to notice that what they show changed underneath them. -1 on error.
 */
long long store_data_version(struct store *st);

#endif
