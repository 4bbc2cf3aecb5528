/*
 * Reading what the plans list and the plan tree show: every plan with its
 * progress for a fiscal year, and one plan's hierarchy with its level
 * names, flags, departments and the state of each action item's result.
 * Read-only queries (prepared statements) returning plain structs the
 * caller frees. A tree is read whole (browse_tree_load, browse_tree_open:
 * the counting under filters is then plain C over it) or as it is shown
 * (browse_tree_view: the top level and the children of open nodes, with
 * the headings' figures the file keeps per node and year,
 * db/migrate-11.sql). No curses.
 *
 * Fiscal years are western years; 0 means "not given".
 *
 * An action item is a node at the plan's deepest level. It is "in" a
 * fiscal year when the year lies in its period: each end is the item's
 * own, else the nearest ancestor's that gives one, else the plan's; an
 * end nobody gives is open.
 *
 * It "plans something" in the year when a period is given (an end of its
 * own, an ancestor's or the plan's), when one of its yearly plans covers
 * the year, or when one of its indicators has a target for the year (the
 * final target counts for its own year). An item of a plan that prints no
 * period, with no yearly plan and no target for a year, plans nothing in
 * that year.
 *
 * "Behind" (遅れ): an item in the chosen year that plans something in it
 * and whose result for that year is missing or still a draft or returned,
 * once the year is due: it has been closed for entry (a fiscal_year row
 * with is_open = 0) and is not in the future; or it is open with a
 * deadline, and the deadline has passed (today's local date); or, open
 * without a deadline or with no row, it is over (before the current
 * fiscal year). Before that, a missing entry is just not entered yet:
 * the same rule as 自分の仕事's late entries (fy_entry_due).
 *
 * The year's figures (summary.h) of the plans and of every heading of a
 * tree are counted once, when they are read, never per key.
 */
#ifndef SHISAKU_STORE_BROWSE_H
#define SHISAKU_STORE_BROWSE_H

#include <stddef.h>
#include <stdint.h>

#include "shisaku/summary.h"

struct store;
struct browse_filter;

/* The workflow state of an item's result for the chosen year. */
enum browse_state {
	BROWSE_STATE_NONE,	/* no result row: 未入力 */
	BROWSE_STATE_DRAFT,
	BROWSE_STATE_SUBMITTED,
	BROWSE_STATE_CONFIRMED,
	BROWSE_STATE_RETURNED
};

/* The progress status of the result (未着手 …), NONE when not given. */
enum browse_status {
	BROWSE_STATUS_NONE,
	BROWSE_STATUS_NOT_STARTED,
	BROWSE_STATUS_IN_PROGRESS,
	BROWSE_STATUS_DONE,
	BROWSE_STATUS_POSTPONED,
	BROWSE_STATUS_CANCELLED
};

/* One plan with its counts for a fiscal year. */
struct browse_plan {
	long long	 id;
	char		*code;
	char		*name;
	char		*org;
	char		*description;
	int		 first_fy, last_fy;
	long		 items;		/* action items in the year */
	long		 entered;	/* ... with a result in any state */
	long		 submitted;	/* ... submitted, not yet confirmed */
	long		 confirmed;
	long		 returned;
	long		 behind;	/* 0 unless the year is due */
	struct progress_summary sum;	/* the year's figures */
};

/*
 * Every plan in order with its counts and figures for fy; today_fy is
 * the current fiscal year (for "behind"); scale names the nscale grades
 * of the evaluation scale the figures count by (NULL, 0: every grade
 * counts as not on the scale). Returns 0 with *out (NULL when n is 0) and
 * *n, or -1 with *cause.
 *
 * The figures come from those the file keeps of each plan and year
 * (db/migrate-9.sql); those not kept are counted in full (nothing is
 * written: reading the list never changes the file).
 */
int browse_plans_scaled(struct store *st, int fy, int today_fy,
    const char *const *scale, int nscale, struct browse_plan **out,
    size_t *n, char **cause);

/* The same figures counted in full from the items, the results and the
 * indicators, never from those kept (what the kept ones must equal). */
int browse_plans_counted(struct store *st, int fy, int today_fy,
    const char *const *scale, int nscale, struct browse_plan **out,
    size_t *n, char **cause);

/* Counts and keeps the figures of fy of every plan whose figures of fy
 * are not kept, inside the caller's write (an import's, at its end).
 * Returns 0 or -1 with *cause. */
int browse_figures_keep(struct store *st, int fy, char **cause);

/* Counts and keeps, inside the caller's write, the figures of the plan
 * in every year within ten years of today_fy (a year past every period
 * of a plan with one is known without its items, db/migrate-16.sql),
 * those not kept: a write that makes them untrue forgets them instead
 * of counting them again (db/migrate-14.sql). Returns 0 or -1 with
 * *cause. */
int browse_figures_keep_years(struct store *st, long long plan_id,
    int today_fy, char **cause);

/* Counts again, inside the write about to commit, the figures it marked
 * as no longer true (store_commit calls it); what cannot be counted is
 * forgotten instead. Returns 0, or -1 when even that failed. */
int browse_figures_refresh(struct store *st);

/* The same without a scale. */
int browse_plans(struct store *st, int fy, int today_fy,
    struct browse_plan **out, size_t *n, char **cause);
void browse_plans_free(struct browse_plan *p, size_t n);

/* One plan without its counts (every count 0): its code, name, period,
 * organisation and description. Returns 0 with *out (free with
 * browse_plans_free(*out, 1)), or -1 with *cause (also when there is no
 * such plan). */
int browse_plan_get(struct store *st, long long plan_id,
    struct browse_plan **out, char **cause);

/* Submitted and confirmed items as a percentage of the items in the
 * year (rounded down), or -1 when the year has no items. */
int browse_plan_progress(const struct browse_plan *p);

/* The name of a plan (malloc'd), or NULL if there is no such plan or the
 * query failed. */
char *browse_plan_name(struct store *st, long long plan_id);

/* Whether fy is due (see above): sets *due to 1 or 0. */
int browse_year_due(struct store *st, int fy, int today_fy, int *due,
    char **cause);

/* What the status filter (s) can ask for. */
enum browse_which {
	BROWSE_ANY,
	BROWSE_MISSING,		/* 未入力 */
	BROWSE_DRAFT,
	BROWSE_SUBMITTED,
	BROWSE_CONFIRMED,
	BROWSE_RETURNED,
	BROWSE_BEHIND,
	BROWSE_NOT_STARTED,
	BROWSE_IN_PROGRESS,
	BROWSE_DONE,
	BROWSE_POSTPONED,
	BROWSE_CANCELLED,
	BROWSE_WHICH_COUNT
};

struct browse_flag {
	long long	 id;
	char		*key;
	char		*label;
	char		*symbol;	/* "" when the plan prints none */
};

/* A department in charge somewhere in the plan in the chosen year,
 * named as it was called then. */
struct browse_dept {
	long long	 id;
	char		*code;
	char		*name;
};

struct browse_assign {
	size_t		 dept;		/* index in browse_tree.depts */
	int		 is_main;
};

struct browse_node {
	long long	 id;
	long		 parent;	/* index in nodes; -1 at the top */
	long		 end;		/* one past the node's last descendant */
	int		 depth;		/* 1 .. max_depth */
	int		 is_item;
	char		*code;		/* as printed; "" when none */
	char		*title;
	char		*label;		/* overrides the level name; "" */
	int		 first_fy, last_fy;
	int		 in_year;	/* an item whose period includes fy */
	int		 planned;	/* it plans something in fy (above) */
	char		*grade;		/* of the result for fy; NULL */
	long		 sum;		/* a heading's index in browse_tree.sums,
					   -1 for an item */
	uint64_t	 flags;		/* bit i = browse_tree.flags[i] */
	enum browse_state state;	/* of the result for fy */
	enum browse_status status;
	size_t		 nassigns;	/* in force in fy, printed order */
	struct browse_assign *assigns;

	/* Of a tree read by browse_tree_view: whether the node has
	 * children in the file, and whether they are read (always 1 in a
	 * tree read whole); expanded is the screen's (shown open). */
	int		 has_children;
	int		 loaded;
	int		 expanded;
	/* Of a tree read as shown: a heading's children are read a part
	 * at a time, in order, where the screen goes: from the first, from
	 * the last, or from a child sought (browse_tree_find), so that the
	 * 150,000th of a level costs a part, not the 149,999 before it.
	 * Those not read yet stand in gaps (struct browse_gap): more says
	 * some come after the node's last child read, gap_before that
	 * some come just before this node (after its sibling read before
	 * it, if any). browse_tree_more reads a part of a gap from either
	 * side. ord is the node's place among its siblings as read. */
	int		 more;
	int		 gap_before;
	long long	 ord;
	/* Of a tree read as shown, below the top level, with no status
	 * counted (its which): what changes with the year (departments,
	 * result, counts, figures) is not read yet, or not for this year;
	 * browse_tree_fresh reads it before the node is shown. Of a tree
	 * read for a filter: its departments and a heading's figures are
	 * not read yet, nor its texts (code, title and label NULL), nor an
	 * item's flags beyond the one filtered by (browse_tree_fresh reads
	 * them the same way). */
	int		 stale;
	/* Of a tree read for a filter: the department or the flag it was
	 * read by names the node (not a heading read for what is below). */
	int		 matched;

	/* Set by browse_tree_count for the current filter. */
	int		 shown;		/* matches, or has a match below */
	long		 items;		/* matching items in the year, itself
					   included when an item */
	long		 entered, submitted, confirmed, behind;
};

#define BROWSE_MAX_FLAGS 64

/* The outcome of one indicator in the tree's year. */
struct browse_outcome {
	long		 node;		/* index in nodes; -1 = the plan's own */
	enum summary_outcome outcome;
};

/* The outcomes of the indicators below a heading in a year, by kind. */
struct browse_outcome_memo {
	long long	 node_id;
	int		 fy;
	long		 by_outcome[SUMMARY_NOUTCOMES];
};

struct browse_tree {
	long long	 plan_id;
	char		*plan_code;
	char		*plan_name;
	int		 first_fy, last_fy;
	int		 fy;
	int		 due;		/* see "behind" above */
	int		 max_depth;	/* the action items' depth */
	char		*levels[4];	/* the plan's names of depths 1..4; "" */
	size_t		 nflags;
	struct browse_flag *flags;	/* at most BROWSE_MAX_FLAGS */
	size_t		 ndepts;
	struct browse_dept *depts;	/* in the departments' order */
	size_t		 nnodes;
	struct browse_node *nodes;	/* depth first, in printed order */

	/* The indicators' outcomes in fy, read with the tree. */
	size_t		 noutcomes;
	struct browse_outcome *outcomes;

	/* The year's figures, set by browse_tree_summarize: of the whole
	 * plan (its own indicators included), and of each heading. Not
	 * filtered. nsums is 0 until then. */
	struct progress_summary total;
	size_t		 nsums;
	struct progress_summary *sums;

	/* Read by browse_tree_open: the outcomes are not read with the
	 * tree (noutcomes is 0, total counts no indicators); a heading's
	 * are added to its figures by browse_node_outcomes, once
	 * (sums_read[sum] is then set). */
	int		 lazy;
	unsigned char	*sums_read;
	/* The outcomes read of a heading in a year, while the tree lives:
	 * going back to a year reads them from here. */
	size_t		 nomemo;
	struct browse_outcome_memo *omemo;

	/* Read by browse_tree_view: only the top level and the children of
	 * the nodes opened are in nodes; the headings' counts (those of no
	 * filter) and figures come from what the file keeps of each heading
	 * and year (db/migrate-11.sql), or, for a year it does not keep,
	 * from one count of the plan's items of the year into cfig (a few
	 * rows per heading, never the items). */
	int		 partial;
	size_t		 capnodes;	/* nodes allocated, when partial */
	/* The top level of a tree read as shown is read a part at a time
	 * too, as a heading's children (more and gap_before above): a plan
	 * of one level, or of very many policies, has tens of thousands of
	 * nodes there. */
	int		 top_read;	/* its first part is read */
	int		 top_more;	/* some after its last node read */
	/* Of a tree read as shown: the status its counts are for. Under
	 * one (not BROWSE_ANY) a heading's counts are those of its items
	 * with that status, a heading is shown when it has one, an item
	 * when it has it; the figures stay those of no filter. */
	enum browse_which which;
	int		 filtered;	/* by browse_tree_filtered */
	long long	 filtered_dept;	/* the department it was read by; 0 */
	/* Of a tree read for a filter in a year not due, of a plan that
	 * prints no period: whether an item plans the year is read when it
	 * is shown (nothing is behind then, so no count needs it). In a
	 * year due, the same of an item submitted or confirmed. */
	int		 planned_later;
	char		**scale;	/* the grades the figures count by */
	int		 nscale;
	int		 kept;		/* the headings' figures are kept */
	struct browse_cfig *cfig;	/* else counted: by node id */
	size_t		 ncfig;
	void		*kinds;		/* what cfig's kind indexes name */
};

/* A count of the items of the year below a heading that are alike (see
 * db/migrate-11.sql), kind indexing the tree's kinds. */
struct browse_cfig {
	long long	 node_id;
	size_t		 kind;
	long		 n;
};

/*
 * Loads a plan's tree for fy in one read snapshot; counts are set as by
 * browse_tree_count with no filter. Returns 0 and *out, or -1 with *cause
 * (also when there is no such plan).
 */
int browse_tree_load(struct store *st, long long plan_id, int fy,
    int today_fy, struct browse_tree **out, char **cause);
void browse_tree_free(struct browse_tree *t);

/*
 * Copies to a tree without them the outcomes of the indicators below each
 * heading that from read (browse_node_outcomes), for a tree of the same
 * plan read with nothing written since from was: a filter shows the
 * headings' figures of no filter, which the tree before it has often
 * read already.
 */
void browse_tree_copy_outcomes(struct browse_tree *to,
    struct browse_tree *from);

/*
 * The same for a screen: the indicators' outcomes are left out of the
 * load (reading them costs the whole plan's indicators, targets and
 * actuals of the year); browse_node_outcomes adds those of one heading
 * to its figures when the heading is shown.
 */
int browse_tree_open(struct store *st, long long plan_id, int fy,
    int today_fy, struct browse_tree **out, char **cause);

/*
 * The same for a screen, reading what it shows: the plan, the top level
 * and, depth first, the children of each node whose id is in open (n
 * ids sorted ascending; with open NULL, the first nodes of the top
 * level while their children come to at most 1,000 between them, the
 * others closed: a plan of few levels and many items is shown mostly
 * closed), each node read opened
 * (expanded set); the headings' counts and figures
 * (counted by the scale's nscale grades) from those the file keeps of
 * the year, else counted once from the year's items; the counts are
 * those of the items with status which (BROWSE_ANY: all of them), each
 * kept count being of items alike. With no status, the nodes below the
 * top level are stale (their departments and counts are read when shown,
 * browse_tree_fresh; as are those read by browse_tree_expand and
 * browse_tree_find). The indicators' outcomes come per
 * heading (browse_node_outcomes). A filter by department or flag needs
 * browse_tree_filtered: counts by those are not kept.
 * browse_tree_summarize does nothing to such a tree; browse_tree_count
 * only with no filter. Returns 0 and *out, or -1 with *cause.
 */
int browse_tree_view(struct store *st, long long plan_id, int fy,
    int today_fy, const char *const *scale, int nscale,
    enum browse_which which, const long long *open, size_t nopen,
    struct browse_tree **out, char **cause);

/*
 * Counts a tree read as shown for another status (its which, above):
 * the nodes shown are read again by id for the tree's year, as by
 * browse_tree_year, and what was read below a node shown closed is
 * forgotten. Returns 0, or -1 with *cause (the tree must then be read
 * anew).
 */
int browse_tree_which(struct store *st, struct browse_tree *t,
    enum browse_which which, int today_fy, char **cause);

/*
 * The same for a filter by department or flag (f->dept_id, else
 * f->flag; a status may be added): only the nodes the department is in
 * charge of, or that carry the flag, and the headings above them are
 * read, so that the counts under the filter (browse_tree_count) are
 * those of the whole tree; the headings' figures are those of no filter
 * (as browse_tree_view). What the counts do not ask for is read when a
 * node is shown (stale, browse_tree_fresh): its texts and departments,
 * a heading's figures, an item's flags. A filter can name tens of
 * thousands of nodes, which are read from narrow indexes
 * (db/migrate-21.sql). Reading another year or another filter reads
 * again. Returns 0 and *out, or -1 with *cause.
 */
int browse_tree_filtered(struct store *st, long long plan_id, int fy,
    int today_fy, const char *const *scale, int nscale,
    const struct browse_filter *f, struct browse_tree **out, char **cause);

/*
 * Reads the children of node i of a tree read by browse_tree_view if
 * they are not read yet, right after it in nodes (the indices of the
 * nodes after i move; i's do not). Returns the number read, or -1 with
 * *cause.
 */
long browse_tree_expand(struct store *st, struct browse_tree *t, long i,
    char **cause);

/*
 * Where children of a tree read as shown are not read yet: just before
 * node `before' (its gap_before), or, before = -1, after the last child
 * read of node `parent' (its more; parent -1: the top level's,
 * top_more). A screen shows a gap as a row where its window comes near
 * one, and reads it then.
 */
struct browse_gap {
	long	parent;
	long	before;
};

/*
 * The next part of the children in gap g: the part after the child read
 * before it (dir > 0) or before the one read after it (dir < 0), put
 * where the gap is (browse_gap_index; the indices of the nodes from
 * there move). What is left of the gap stays between the part and the
 * side it was not read from. Returns the number of nodes read (0 when
 * none was left: the gap is closed), or -1 with *cause.
 */
long browse_tree_more(struct store *st, struct browse_tree *t,
    const struct browse_gap *g, int dir, char **cause);

/* Whether a tree read as shown holds more of its top level than a
 * first part (a status read the rest of it, browse_view_rest). */
int browse_tree_read_whole(const struct browse_tree *t);

/* Whether gap g is (still) there; the index where the children read in
 * it go; and the first gap among the children of p (1 and *g, or 0 when
 * they are all read). */
int browse_gap_open(const struct browse_tree *t, const struct browse_gap *g);
long browse_gap_index(const struct browse_tree *t, const struct browse_gap *g);
int browse_first_gap(const struct browse_tree *t, long p,
    struct browse_gap *g);

/*
 * The index of node id in the tree, reading the children of its
 * ancestors first when the tree is read by browse_tree_view; -1 when
 * the node is not in the tree's plan, or not read because a heading
 * above it is not shown (no item of the tree's status below it).
 * Returns 0 with *index, or -1 with *cause.
 */
int browse_tree_find(struct store *st, struct browse_tree *t, long long id,
    long *index, char **cause);

/*
 * The departments in charge somewhere in the plan in the tree's year, as
 * indices in t->depts (in their order): those of a tree read whole are
 * all of them; a tree read by browse_tree_view names every department,
 * and each is asked whether it is in charge. Returns 0 with *out (free
 * it) and *n, or -1 with *cause.
 */
int browse_tree_charged(struct store *st, const struct browse_tree *t,
    size_t **out, size_t *n, char **cause);

/*
 * Reads again, for fy, what of a loaded tree changes with the year (the
 * results, what each item plans, whether it is in the year, the
 * departments in charge and their names, whether the year is due; the
 * outcomes of an eager tree), keeping the nodes, their order and their
 * texts: for a change of year with nothing written since the load. The
 * figures are cleared (browse_tree_summarize again) and the counts are
 * those of no filter. A tree read as shown (browse_tree_view, not for a
 * filter) keeps the nodes shown: the children read of a node shown
 * closed are forgotten (read again when it is opened), so that the year
 * reads the nodes shown and not the ones read on the way; their indexes
 * change. Of those, only the top level is read again now (every node
 * under a status): the others are stale until browse_tree_fresh. Returns
 * 0, or -1 with *cause: the tree is then half read and must be loaded
 * anew.
 */
int browse_tree_year(struct store *st, struct browse_tree *t, int fy,
    int today_fy, char **cause);

/*
 * Reads what changes with the year of the stale nodes among the n nodes
 * of indexes idx (those a screen is about to show), in one snapshot.
 * Returns 0, or -1 with *cause.
 */
int browse_tree_fresh(struct store *st, struct browse_tree *t,
    const long *idx, size_t n, char **cause);

/*
 * Adds to the figures of heading n (after browse_tree_summarize) the
 * outcomes of the indicators of n and of every node below it, read from
 * the database (the tree's year) the first time it is asked; nothing for
 * an item, an eager tree or a heading already read. Returns 0, or -1
 * with *cause.
 */
int browse_node_outcomes(struct store *st, struct browse_tree *t,
    const struct browse_node *n, char **cause);

/*
 * Counts the year's figures of the plan and of every heading (items by
 * status, state, grade of the scale's nscale grades, behind; indicators
 * by outcome), whatever the filter. Runs over the tree once; call it
 * after each load.
 */
void browse_tree_summarize(struct browse_tree *t, const char *const *scale,
    int nscale);

/* The figures of a node (a heading's, or NULL for an item or before
 * browse_tree_summarize). */
const struct progress_summary *browse_node_summary(const struct browse_tree *t,
    const struct browse_node *n);

/* The Japanese label of a status filter choice ("未入力", "遅れ" …). */
const char *browse_which_label(enum browse_which w);

struct browse_filter {
	long long	 dept_id;	/* 0 = any department */
	int		 flag;		/* index in flags; -1 = any */
	enum browse_which which;
};

/* The period a node's years are counted by: each end its own, else the
 * nearest ancestor's that gives one, else the plan's; 0 where nobody
 * gives one. */
void browse_node_period(const struct browse_tree *t,
    const struct browse_node *n, int *first, int *last);

/* Whether an item is behind (always 0 for other nodes). */
int browse_item_behind(const struct browse_tree *t, const struct browse_node *n);

/* Whether an item matches the filter (f may be NULL: no filter). */
int browse_item_matches(const struct browse_tree *t, const struct browse_node *n,
    const struct browse_filter *f);

/* Recounts every node for the filter and marks the nodes to show: with no
 * filter all of them; otherwise matching items, the nodes above them, and
 * other nodes that carry the filtered flag or department themselves. A
 * tree read as shown is marked for the status it was counted for (its
 * which: browse_tree_which changes it), whatever f says. */
void browse_tree_count(struct browse_tree *t, const struct browse_filter *f);

/* The name of a node's level: its own label, else the plan's name for
 * its depth, else "第N階層". */
const char *browse_level_name(const struct browse_tree *t,
    const struct browse_node *n, char buf[32]);

/* The plan's own word for its action items: the name of its lowest
 * level (事業, 取組内容); "" when the plan gives none. */
const char *browse_items_word(const struct browse_tree *t);

#endif
