/*
 * Drafts in the store: what a user typed into a form that was not saved
 * when the program was ended by a signal — a results form, an
 * indicator's actual form, or a planner's form of a node or an indicator.
 * One per user, form and fiscal year (0 for the planner's forms),
 * replaced by the next; the form offers it beside the saved record when
 * opened again and drops it once the user has chosen. Fields are named as
 * the form knows them and kept as typed. No curses.
 */
#ifndef SHISAKU_STORE_DRAFT_H
#define SHISAKU_STORE_DRAFT_H

#include <stddef.h>

struct store;

/* What a draft is of, and what its id names. */
enum draft_kind {
	DRAFT_RESULT,		/* a results form; id: the action item's node */
	DRAFT_ACTUAL,		/* an actual's form; id: the indicator */
	DRAFT_NODE,		/* a node's form; id: the node */
	DRAFT_INDICATOR,	/* an indicator's form; id: the indicator */
	DRAFT_NODE_AFTER,	/* a new node after the node id */
	DRAFT_NODE_BELOW,	/* a new node below the node id */
	DRAFT_NODE_FIRST,	/* the first node of the empty plan id */
	DRAFT_INDICATOR_NODE,	/* a new indicator of the node id */
	DRAFT_INDICATOR_PLAN	/* a new indicator of the plan id itself */
};

struct draft_field {
	char	*name;
	char	*value;
};

struct draft {
	char			*saved_at;	/* "YYYY-MM-DDTHH:MM:SS" */
	int			 base_ver;	/* the entry's version in the form */
	struct draft_field	*fields;
	size_t			 nfields;
};

/* Adds a field to a draft being put together (both copied). */
void draft_add(struct draft *d, const char *name, const char *value);
/* The value of a field, or NULL. */
const char *draft_get(const struct draft *d, const char *name);
/* Frees the fields and saved_at of a draft (not the struct). */
void draft_clear(struct draft *d);
void store_draft_free(struct draft *d);

/*
 * Writes d as login's draft of the form (kind, id, fy), replacing any
 * other, in one short transaction. Returns 0, or -1 (STORE_BUSY) with
 * *cause; nothing else is changed.
 */
int store_draft_put(struct store *st, const char *login, enum draft_kind kind,
    long long id, int fy, const struct draft *d, char **cause);
/* login's draft of the form, or *out NULL when there is none. */
int store_draft_get(struct store *st, const char *login, enum draft_kind kind,
    long long id, int fy, struct draft **out, char **cause);
/* Drops login's draft of the form, if any. */
int store_draft_drop(struct store *st, const char *login,
    enum draft_kind kind, long long id, int fy, char **cause);

#endif
