/*
 * A planner's edits of a plan in the store: adding, changing and deleting
 * nodes (基本方針 … 取組) and indicators, and setting an indicator's
 * yearly targets. No curses.
 *
 * Every write is one short BEGIN IMMEDIATE transaction that first re-reads
 * the user's role by login and asks workflow_may_edit_structure, so only a
 * planner writes, whatever the screen checked. Every change of a field is
 * a history row (who, when, field, old → new); a deletion leaves a row
 * naming what was deleted, and the history of a deleted node or indicator
 * stays in the file. Writes return 0, -1 with *cause, STORE_BUSY (the
 * database stayed locked past the busy timeout), STORE_DENIED (not a
 * planner) or STORE_CONFLICT (the node or indicator changed since it was
 * loaded; both codes are defined in store-result.h), and on anything but
 * 0 nothing was written and the caller's record is untouched, so nothing
 * typed is lost.
 *
 * Records hold text as the user typed it, already checked by the caller
 * for what only the caller knows (fiscal years parsed, values parsed
 * against the unit); the store checks what needs the database (unique
 * keys, known departments and flags, depth) and says which field is wrong
 * with *field set to the field's name below.
 */
#ifndef SHISAKU_STORE_EDIT_H
#define SHISAKU_STORE_EDIT_H

#include <stddef.h>

#include "shisaku/store.h"
#include "shisaku/value.h"

/* One node. Every char * is malloc'd, never NULL. */
struct edit_node {
	long long	 id;		/* 0 = a new node */
	long long	 plan_id;
	long long	 parent_id;	/* 0 = top level; read-only once saved */
	/* A new node goes right after this node among its siblings; 0 =
	 * first of its parent's children, -1 = last. Ignored for an existing
	 * node. */
	long long	 after_id;
	int		 depth;		/* set by the store from the parent */
	int		 ver;		/* as loaded; checked on save */
	char		*key;		/* "key": unique in the plan; "" on a new
					   node = the code if free, else made up */
	char		*code;		/* "code": as printed (No.12, 6-2-1-1) */
	char		*title;		/* "title": not blank */
	char		*label;		/* "label": overrides the level name */
	int		 first_fy, last_fy;	/* "period": 0 = not given */
	char		*summary;	/* "summary": 概要・方向性 */
	char		*means;		/* "means": 手段・取組内容 */
	char		*note;		/* "note" */
	/*
	 * "depts": the departments in charge, in order, separated by 、 or ,
	 * (or blanks), each a department code or a name unique in the
	 * database, with ★ (or *) before or after it for a main one, and
	 * the years it is in charge in parentheses when not the whole
	 * period (機構改革): "★結城市/総務課(〜R6)、★結城市/総務部総務課(R7〜)、
	 * 結城市/企画政策課" (namelist.h; years as fy_parse_range reads them:
	 * R3〜R6, R7〜, 〜R6, R5). One entry is one assignment: a department
	 * may be listed again for years that do not overlap. Loaded from the
	 * assignments with era years; saved as typed, years included.
	 */
	char		*depts;
	/* "flags": the plan's flag keys or labels the node carries,
	 * separated the same way: "重点事業". */
	char		*flags;
	/*
	 * "yearplans": 年次計画, one entry a line in the syntax of
	 * yeartext.h ("R3: 講座の開催", "R4〜R5: 講座の見直し" with
	 * continuation lines indented). Loaded in order with era years.
	 */
	char		*yearplans;
	/* "costs": 事業費の傾向 in the syntax of yeartext.h
	 * ("R5=拡大 R6=同程度"), years ascending. */
	char		*costs;
	/*
	 * In: 1 = a change of the departments also reaches the nodes below
	 * that follow them (store_edit_node_followers); 0 = this node's
	 * alone. Out: how many nodes below took the new departments.
	 */
	int		 carry_depts;
	long		 carried;
};

/* One indicator with its targets. */
struct edit_target {
	int		 fy;
	struct value	 value;		/* none = no target that year */
};

struct edit_indicator {
	long long	 id;		/* 0 = a new indicator */
	long long	 plan_id;
	long long	 node_id;	/* the node it belongs to; 0 = the plan;
					   read-only once saved */
	int		 ver;		/* as loaded; checked on save */
	char		*key;		/* "key": "" on a new one = made up */
	char		*name;		/* "name": not blank */
	char		*category;	/* "category": 行政指標 … */
	char		*unit;		/* "unit": 回, %, 千円 … */
	const char	*direction;	/* "direction": vocab key or NULL */
	int		 cumulative;	/* "cumulative": 累計 */
	struct value	 base;		/* "base" */
	int		 base_fy;	/* "base_fy": 0 = not given */
	struct value	 final;		/* "final" */
	int		 final_fy;	/* "final_fy" */
	char		*rationale;	/* "rationale": 指標の考え方 */
	char		*note;		/* "note" */
	/* "dept": the department that reports its actuals, by code or by
	 * an unambiguous name; "" = none (the node's main department, else
	 * the planners; see store-actual.h). Loaded as the code. */
	char		*dept;
	/* "target": one per fiscal year, ascending. A year missing here or
	 * with a none value has its target removed on save. */
	struct edit_target *targets;
	size_t		 ntargets;
};

/* What deleting a node takes with it (the node itself included). */
struct edit_impact {
	long		 nodes;		/* the node and everything below */
	long		 items;		/* action items among them */
	long		 indicators;
	long		 results;	/* yearly results entered */
	long		 actuals;	/* indicator actuals entered */
};

/* A new, empty node / indicator record (all strings ""). */
void edit_node_init(struct edit_node *n);
void edit_node_free(struct edit_node *n);
void edit_indicator_init(struct edit_indicator *ind);
void edit_indicator_free(struct edit_indicator *ind);

/* Loads an existing node or indicator. 0, or -1 with *cause. out is
 * overwritten, not freed first (pass a record not holding anything); after
 * a failure it holds nothing, and *_free on it is harmless. */
int store_edit_node_load(struct store *st, long long node_id,
    struct edit_node *out, char **cause);
int store_edit_indicator_load(struct store *st, long long indicator_id,
    struct edit_indicator *out, char **cause);

/* The departments a new node under parent_id starts with, in the form
 * of edit_node.depts: those of parent_id or of the nearest node above it
 * that has some, as import gives a node without assign rows
 * (shisaku-plan(5)); "" when none has. 0 with *depts (malloc'd), or -1
 * with *cause. */
int store_edit_node_depts_above(struct store *st, long long parent_id,
    char **depts, char **cause);

/*
 * The departments a node's list (edit_node.depts) names, or with one an
 * indicator's reporting department (edit_indicator.dept), as a save of
 * plan_id's record would read them, for the form to show under the field
 * so that a list of codes reads as departments: 0 with *names, each
 * "★NAME(R3〜R6)", the name with its code when another department bears
 * it (dept_label), joined with 、 (malloc'd; NULL for a blank text, or
 * one that gives the names already); -1 with *cause, what the save would
 * say of the text.
 */
int store_edit_depts_named(struct store *st, long long plan_id,
    const char *text, int one, char **names, char **cause);

/* The title of another node of plan_id under parent_id (0: at the top
 * level) than node_id (0: a new one) that prints code, for the form to
 * name under the field (a plan numbers its siblings apart). Malloc'd;
 * NULL for none, for a blank code or when it cannot be read. */
char *store_edit_node_code_twin(struct store *st, long long plan_id,
    long long parent_id, long long node_id, const char *code);

/*
 * The nodes below node_id that follow its departments: reached from it
 * through nodes whose departments in charge are its own (each department
 * with its ★ and years, in order), as import gives them to the nodes of
 * a file that names none (shisaku-plan(5)) and a new node's form starts
 * with them. *count is how many, when depts (the node's list as typed,
 * edit_node.depts) names departments other than its own; 0 when it names
 * the same, or cannot be read (the save says why). 0, or -1 with *cause.
 */
int store_edit_node_followers(struct store *st, long long node_id,
    const char *depts, long *count, char **cause);

/*
 * Saves n (a new one is inserted and n->id, depth and key are set). On a
 * bad field returns -1 with *cause and *field (a static name from the
 * list above; NULL when no one field is to blame). On success depts,
 * flags, yearplans and costs are rewritten in the form a load gives
 * ("★CODE(R3〜R6)、CODE", flag keys in the plan's order, era years) and a key is
 * stored without surrounding blanks. An existing node is saved only if
 * its ver is still the one loaded (else STORE_CONFLICT); ver is updated
 * on success (a save that changes nothing keeps it; a new node starts at
 * 1). With carry_depts, when an existing node's departments change, the
 * nodes below that followed them (store_edit_node_followers, found again
 * in the same transaction) take the new ones as well, each with a "depts"
 * history row and a new version; n->carried counts them.
 */
int store_edit_node_save(struct store *st, const char *login,
    struct edit_node *n, const char **field, char **cause);
/* Same for an indicator; its targets are saved with it, each changed
 * target a "target" history row. ver is updated on success (a save that
 * changes nothing keeps it). Typed text values are read against the unit
 * as import reads them: text that is a number with the unit is stored as
 * that number. */
int store_edit_indicator_save(struct store *st, const char *login,
    struct edit_indicator *ind, const char **field, char **cause);

/* What store_edit_node_delete(node_id) would delete. */
int store_edit_node_impact(struct store *st, long long node_id,
    struct edit_impact *out, char **cause);
/* Deletes a node with everything below it, or an indicator with its
 * targets and actuals. */
int store_edit_node_delete(struct store *st, const char *login,
    long long node_id, char **cause);
int store_edit_indicator_delete(struct store *st, const char *login,
    long long indicator_id, char **cause);

/* The plan's depth (number of levels) and the name of each level
 * (names[depth - 1], malloc'd array of malloc'd strings). */
int store_edit_levels(struct store *st, long long plan_id, char ***names,
    int *nlevels, char **cause);
void store_edit_levels_free(char **names, int nlevels);

/* The fiscal years an indicator of node_id (0 = of the plan itself) has
 * targets for by default: the node's period when it has one, else the
 * plan's; 0 where neither says. Returns 0, or -1 with *cause. */
int store_edit_period(struct store *st, long long plan_id, long long node_id,
    int *first_fy, int *last_fy, char **cause);

/* The longest text a form may hold for one field, in bytes. */
#define EDIT_TEXT_MAX 100000

#endif
