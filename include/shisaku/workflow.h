/*
 * The rules of yearly results entry: who may edit an action item's result
 * for a fiscal year, submit it, confirm it, send it back or set it back to
 * a draft, and who may change a plan's structure and targets. Pure domain
 * rules over plain values: no SQL, no curses. The store asks the same
 * questions again inside its write transaction, so a form that shows a
 * field as editable and the save that follows never disagree for long.
 *
 * The states of a result:
 *
 *	(none) --save--> draft --submit--> submitted --confirm--> confirmed
 *	                   ^                 |
 *	                   |               return (with a comment)
 *	                   |                 v
 *	                   +--- edit ---- returned --submit--> submitted
 *
 *	reopen: submitted -> draft (the clerk withdraws it, or a planner)
 *	        confirmed -> draft (a supervisor or a planner undoes it)
 *
 * Who:
 *	clerk       edits, submits and withdraws the results of items one of
 *	            whose departments in charge in that fiscal year is the
 *	            clerk's own, or one merged into it that still stood that
 *	            year (session.acting), while the year is open and the
 *	            result is not submitted or confirmed.
 *	supervisor  confirms or returns submitted results, and reopens
 *	            confirmed ones, in open and closed years alike (review goes
 *	            on after the entry deadline); never edits.
 *	planner     may do everything, in any state; entry into a closed year
 *	            is allowed but answered WF_ALLOW_LATE so it is logged.
 *	anyone else (ROLE_NONE) reads only.
 */
#ifndef SHISAKU_WORKFLOW_H
#define SHISAKU_WORKFLOW_H

#include <stddef.h>

#include "shisaku/fy.h"
#include "shisaku/session.h"

/* The workflow state of one item's result for one fiscal year. */
enum wf_state {
	WF_NONE,		/* no result row yet: 未入力 */
	WF_DRAFT,		/* 下書き */
	WF_SUBMITTED,		/* 提出済 */
	WF_CONFIRMED,		/* 確認済 */
	WF_RETURNED		/* 差戻し */
};

/* The database key ("draft" …; NULL for WF_NONE), the Japanese label
 * ("未入力", "下書き" …), and the state of a key (NULL or "" is WF_NONE;
 * -1 for an unknown key). */
const char *workflow_state_key(enum wf_state s);
const char *workflow_state_label(enum wf_state s);
int workflow_state_parse(const char *key);

/* A department assigned to an item, with the period of the assignment. */
struct wf_dept {
	long long	 id;
	char		*name;		/* as it was called in the item's year */
	int		 is_main;	/* ★ / 主担当課 */
	int		 from_fy;	/* 0 = since the start */
	int		 until_fy;	/* 0 = open-ended */
	char		*code;		/* the department's code; NULL */
};

/* What the rules need to know of one item's result for one year. */
struct wf_item {
	int			 fy;
	int			 year_open;	/* the year is open for entry */
	enum wf_state		 state;
	const struct wf_dept	*depts;		/* every assignment of the item */
	size_t			 ndepts;
	enum fy_style		 style;		/* how messages name the year */
	/* 1: an indicator's actual reported on its own, whose depts is its
	 * responsible department (none: only the planners report it). */
	int			 is_indicator;
};

enum wf_action {
	WF_EDIT,		/* change status, text, grade, comment, actuals */
	WF_SUBMIT,
	WF_CONFIRM,
	WF_RETURN,
	WF_REOPEN,		/* back to draft */
	WF_ACTION_COUNT
};

enum wf_answer {
	WF_DENY = 0,
	WF_ALLOW = 1,
	WF_ALLOW_LATE = 2	/* allowed to a planner in a closed year: log it */
};

/*
 * May the user of s do action on the item? comment is the return comment
 * (WF_RETURN needs one that is not blank; ignored otherwise, may be NULL).
 * On WF_DENY, *why (if why is not NULL) is set to a malloc'd Japanese
 * message the caller frees, e.g. 「この取組は総務課の担当ではありません
 * （担当: まちづくり協働課）」 or 「令和3年度は入力を締め切っています（企画
 * 担当に再開を依頼してください）」.
 */
enum wf_answer workflow_may(const struct session *s, const struct wf_item *it,
    enum wf_action action, const char *comment, char **why);

/* Bit (1u << action) set for every action allowed now (WF_RETURN as if a
 * comment were given): what the form offers. */
unsigned workflow_actions(const struct session *s, const struct wf_item *it);

/* The state an action leads to (WF_EDIT: the same state, or draft for a
 * result not yet saved). */
enum wf_state workflow_next_state(enum wf_state from, enum wf_action action);

/* The Japanese name of an action: 編集, 提出, 確認, 差戻し, 下書きに戻す. */
const char *workflow_action_label(enum wf_action action);

/* The names of the actions in allowed (workflow_actions) other than
 * WF_EDIT, joined with ・ in their order ("確認・差戻し", "下書きに戻す"):
 * what a form's C-t offers, for its hint line. "" when none, else
 * truncated to fit buf. Returns buf. */
char *workflow_actions_text(unsigned allowed, char *buf, size_t size);

/* Only planners change plans, indicators and targets, open or close
 * fiscal years and change departments, and nobody while the session is
 * read-only (readonly_why). Same contract as workflow_may. */
enum wf_answer workflow_may_edit_structure(const struct session *s, char **why);
enum wf_answer workflow_may_manage_years(const struct session *s, char **why);
enum wf_answer workflow_may_manage_depts(const struct session *s, char **why);

/* Is the assignment in force in fy? */
int workflow_dept_in_force(const struct wf_dept *d, int fy);
/* Is dept_id one of the departments in charge of the item in its year? */
int workflow_in_charge(const struct wf_item *it, long long dept_id);
/* The department a result is filed under: the first main department in
 * charge in the item's year, else the first in charge; 0 when none. */
long long workflow_main_dept(const struct wf_item *it);

/* Whether a text is empty or only blanks (ASCII, tabs, newlines, U+3000). */
int workflow_blank(const char *text);

/* The Japanese name of a history field ("text" → 取組実績, "actual" →
 * 実績値 …); an unknown field is returned as it is. */
const char *workflow_field_label(const char *field);

#endif
