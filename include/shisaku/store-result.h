/*
 * Yearly results in the store: one action item's entry for one fiscal
 * year (status, 取組実績, grade, comment, workflow state and each
 * indicator's actual), saved and moved through the workflow in short
 * BEGIN IMMEDIATE transactions guarded by the row version; the history of
 * every change; fiscal years opened and closed for entry. No curses.
 *
 * Every write re-reads the user's role (by login), the item's departments,
 * whether the year is open and the result's state inside its transaction
 * and asks workflow.h, so a refusal is the same whether the form checked
 * first or not. Every write returns one of:
 *
 *	0               done; the entry passed in is brought up to date
 *	-1              an error; *cause says what
 *	STORE_BUSY      another writer held the database past the busy
 *	                timeout; *cause is 「…他の担当者が更新中です…」
 *	STORE_CONFLICT  the result changed since it was loaded (its version
 *	                is not expected_ver): *current receives the version now
 *	                in the database so both can be shown
 *	STORE_DENIED    the workflow refuses; *cause is the reason
 *
 * and on anything but 0 nothing at all was written and the caller's entry
 * is untouched, so nothing typed is lost.
 *
 * Fiscal years are western years. A year is open for entry only when the
 * fiscal_year table says so; a year with no row is closed.
 */
#ifndef SHISAKU_STORE_RESULT_H
#define SHISAKU_STORE_RESULT_H

#include <stddef.h>

#include "shisaku/store.h"
#include "shisaku/value.h"
#include "shisaku/workflow.h"

#define STORE_CONFLICT (-3)
#define STORE_DENIED (-4)

/* The longest 取組実績 or comment accepted, in bytes (about 21,000
 * Japanese characters; no real entry comes near). */
#define RESULT_TEXT_MAX 65536
/* The longest grade key, in bytes (an actual's note: VALUE_TEXT_MAX). */
#define RESULT_GRADE_MAX 32

/* One indicator of the item, with the year's target and actual. */
struct result_indicator {
	long long	 id;
	char		*key;
	char		*name;
	char		*unit;		/* "" when none */
	char		*category;	/* 行政指標 …; "" */
	const char	*direction;	/* "up" … (vocab key), NULL = unknown */
	int		 cumulative;	/* 累計 */
	struct value	 target;	/* the year's target; none when not set */
	/* Editable. Set actual with value_parse(typed, unit, ...); a text that
	 * reads as a number with the unit is stored as that number. Both
	 * actual none and note "" remove the year's actual. */
	struct value	 actual;
	char		*note;		/* never NULL */
	int		 has_actual;	/* a row for the year exists (read-only) */
};

/* One action item's result for one fiscal year. Every char * is
 * malloc'd and owned by the entry (replace with free + xstrdup). */
struct result_entry {
	/* The item (read-only). */
	long long	 node_id;
	long long	 plan_id;
	char		*node_code;	/* as printed; "" */
	char		*node_title;
	int		 fy;
	int		 year_open;	/* the year is open for entry */
	struct wf_dept	*depts;		/* every assignment, printed order, */
	size_t		 ndepts;	/* named as of fy */

	/* The result row (id 0 and ver 0: nothing saved yet). */
	long long	 id;
	int		 ver;
	enum wf_state	 state;
	/* Editable: status is a vocab key (vocab_nth(VOCAB_STATUS, i)) or
	 * NULL; grade a key of the configured scale or NULL (the caller
	 * checks it against the scale); text and comment never NULL. */
	const char	*status;
	char		*grade;
	char		*text;		/* 取組実績 */
	char		*comment;	/* 課題・今後の方向性 */
	/* Set by the workflow. */
	char		*return_comment;	/* the last return's reason; "" */
	long long	 dept_id;	/* the department it is filed under */
	char		*dept_name;	/* ... as of fy; "" */
	char		*entered_by, *entered_at;	/* last saved; "" */
	char		*confirmed_by, *confirmed_at;	/* "" unless confirmed */

	size_t		 nindicators;	/* the item's own, in plan order */
	struct result_indicator *indicators;
};

/*
 * Loads the entry of node_id (an action item) for fy in one read snapshot:
 * the result if there is one (else an empty draft-to-be with ver 0),
 * every indicator of the item with the year's target and actual, the
 * departments and whether the year is open. Returns 0 and *out, or -1 with
 * *cause (no such node, or not an action item).
 */
int store_result_load(struct store *st, long long node_id, int fy,
    struct result_entry **out, char **cause);
void store_result_free(struct result_entry *e);

/* A deep copy (to keep what was loaded while the form edits its own). */
struct result_entry *store_result_dup(const struct result_entry *e);

/* 1 if the editable parts (status, grade, text, comment, each actual and
 * note) of a and b differ: "unsaved changes?". a and b must be entries of
 * the same item. */
int store_result_changed(const struct result_entry *a,
    const struct result_entry *b);

/* Fills it with a view of e for workflow_may (borrows e's departments). */
void store_result_wf(const struct result_entry *e, enum fy_style style,
    struct wf_item *it);

/*
 * Saves the editable parts of e as login in one BEGIN IMMEDIATE
 * transaction: the result row (inserted when expected_ver is 0, else
 * updated only if its version is still expected_ver, normally e->ver as
 * loaded), the actuals (written, or removed when emptied), and a history
 * row per changed field with its old and new text; a planner's entry into
 * a closed year adds a 'late_entry' row. A new result is a draft filed
 * under the item's main department in charge in fy. Saving what is
 * already there changes nothing. On 0, e is reloaded from what was
 * written (new ver, entered_by/at). current may be NULL; on
 * STORE_CONFLICT *current (if not NULL) is a new entry the caller frees.
 */
int store_result_save(struct store *st, struct result_entry *e,
    const char *login, int expected_ver, struct result_entry **current,
    char **cause);

/*
 * Workflow transitions of e's result, as login, each one transaction with
 * the version check, a 'state' history row (old → new label) and, for a
 * planner acting in a closed year, a 'late_entry' row:
 *	submit   draft or returned → submitted
 *	confirm  submitted → confirmed (confirmed_by/at = login, now)
 *	return   submitted → returned with comment (stored in return_comment,
 *	         with its own history row); a blank comment is refused
 *	reopen   submitted or confirmed → draft (confirmed_by/at cleared)
 * On 0 only the workflow fields of e (state, ver, return_comment,
 * confirmed_by/at) are updated, so unsaved edits in e survive; save them
 * before submitting. Return codes and current as for store_result_save.
 */
int store_result_submit(struct store *st, struct result_entry *e,
    const char *login, int expected_ver, struct result_entry **current,
    char **cause);
int store_result_confirm(struct store *st, struct result_entry *e,
    const char *login, int expected_ver, struct result_entry **current,
    char **cause);
int store_result_return(struct store *st, struct result_entry *e,
    const char *login, int expected_ver, const char *comment,
    struct result_entry **current, char **cause);
int store_result_reopen(struct store *st, struct result_entry *e,
    const char *login, int expected_ver, struct result_entry **current,
    char **cause);

/* The departments assigned to node_id (every period, printed order),
 * named as of fy. *out is NULL when n is 0. */
int store_result_depts(struct store *st, long long node_id, int fy,
    struct wf_dept **out, size_t *n, char **cause);
void store_result_depts_free(struct wf_dept *d, size_t n);

/* ---- history ---- */

struct history_row {
	long long	 id;
	char		*at;		/* "YYYY-MM-DDTHH:MM:SS" */
	char		*login;
	long long	 node_id;	/* 0 = none */
	long long	 indicator_id;	/* 0 = not about an indicator */
	char		*indicator_name;	/* "" when indicator_id is 0 */
	int		 fy;		/* 0 = none */
	char		*field;		/* "text", "actual", "state" … (see
					   workflow_field_label) */
	char		*old_value;	/* NULL = none */
	char		*new_value;	/* NULL = none */
	char		*about;		/* refusals: the item ("No.3 名称") or
					   indicator ("指標 名前") it was
					   about, else "" */
};

/*
 * The history of an item (its result and its indicators' actuals and
 * targets) or of one indicator, newest first: up to limit rows (0 = all)
 * of fiscal year fy (0 = every year) older than the change before_id (0 =
 * from the newest). A page read after the last row of the one before
 * neither repeats nor skips a change recorded between the two reads.
 * *rows is NULL when n is 0.
 */
int store_history_node(struct store *st, long long node_id, int fy,
    size_t limit, long long before_id, struct history_row **rows, size_t *n,
    char **cause);
int store_history_indicator(struct store *st, long long indicator_id, int fy,
    size_t limit, long long before_id, struct history_row **rows, size_t *n,
    char **cause);
/* The refusals (field "refused") of every plan, newest first, of fiscal
 * year fy (0 = every year, and those of none), as store_history_node. */
int store_history_refused(struct store *st, int fy, size_t limit,
    long long before_id, struct history_row **rows, size_t *n, char **cause);
void store_history_free(struct history_row *rows, size_t n);

/* ---- fiscal years open for entry ---- */

struct year_row {
	int		 fy;
	int		 is_open;
	char		*changed_by;
	char		*changed_at;
	char		*deadline;	/* "YYYY-MM-DD"; "" when none */
};

/* Sets *open to 1 if fy is open for entry, else 0. */
int store_year_is_open(struct store *st, int fy, int *open, char **cause);

/*
 * Opens (open 1) or closes (0) fy for entry as login, who must be a
 * planner (else STORE_DENIED), with a 'fiscal_year' history row. *changed
 * (may be NULL) is 0 when the year already was so and nothing was written.
 * Returns 0, -1, STORE_BUSY or STORE_DENIED with *cause.
 */
int store_year_set_open(struct store *st, int fy, int open, const char *login,
    int *changed, char **cause);

/*
 * Sets the day fy's entry is due ("YYYY-MM-DD" as fy_parse_date writes
 * it; "" removes it) as login, a planner (else STORE_DENIED), with a
 * 'deadline' history row. A year without a row gets one, closed. *changed
 * (may be NULL) is 0 when the deadline already was so. Returns as
 * store_year_set_open.
 */
int store_year_set_deadline(struct store *st, int fy, const char *deadline,
    const char *login, int *changed, char **cause);

/* Whether fy is open (*open) and its deadline (*deadline, malloc'd, ""
 * when none; deadline may be NULL). */
int store_year_info(struct store *st, int fy, int *open, char **deadline,
    char **cause);

/* The latest fiscal year open for entry, or 0 when none is (*fy). */
int store_year_latest_open(struct store *st, int *fy, char **cause);

/* Every year with a row, oldest first. *rows is NULL when n is 0. */
int store_year_list(struct store *st, struct year_row **rows, size_t *n,
    char **cause);
void store_year_list_free(struct year_row *rows, size_t n);

#endif
