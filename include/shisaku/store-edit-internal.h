/*
 * Private to the files that edit a plan in the store (store-edit*.c):
 * what node and indicator edits share: the checks of typed text, years
 * and keys, the choice of a free key, small reads and writes by id, the
 * version check of a save, the read snapshot of a load, the planner's
 * write transaction and the plan's levels; and a node's yearly plans and
 * cost trends (store-edit-years.c) for the node's load and save. Never
 * included above the store.
 */
#ifndef SHISAKU_STORE_EDIT_INTERNAL_H
#define SHISAKU_STORE_EDIT_INTERNAL_H

#include <stddef.h>

#include "shisaku/store-internal.h"

struct edit_target;
struct yeartext_plan;
struct yeartext_cost;

/* A typed text, the field it is typed in and its name in messages. */
struct store_edit_text {
	const char	*text;
	const char	*field;
	const char	*what;
};

/* A field's text as stored and as saved now, for its history row. */
struct store_edit_change {
	const char	*field;
	const char	*was;
	const char	*now;
};

/* Sets *field to name when the caller asked which field is to blame. */
void store_edit_blame(const char **field, const char *name);
/* Is a the same text as b (NULL reads as "")? */
int store_edit_same_str(const char *a, const char *b);

/* Typed text must be UTF-8 and no longer than a plan file takes; what
 * names it in *cause. Returns 0 or -1. */
int store_edit_check_text(const char *text, const char *what, char **cause);
/* Checks n texts so; the first wrong one is blamed in *field. */
int store_edit_check_texts(const struct store_edit_text *t, size_t n,
    const char **field, char **cause);
/* A fiscal year is 0 (not given) or within FY_MIN … FY_MAX. */
int store_edit_check_fy(int fy, const char *what, char **cause);
/* A trimmed key can be written in a plan file; "" is allowed on a new
 * record (existing 0), where it is made up on save. */
int store_edit_check_key(const char *key, int existing, char **cause);
/*
 * The key a record of plan (id self, 0 for a new one) is saved with:
 * typed if free (else *cause names the record that has it and *taken is
 * set); for "" the proposal (NULL for none) if it can be a key and is
 * free, else the first free one of prefix1, prefix2 … sql selects the
 * name of a record of plan ?1 with key ?2 and an id other than ?3. *key
 * is malloc'd.
 */
int store_edit_choose_key(struct store *st, const char *sql, long long plan,
    long long self, const char *typed, const char *proposal,
    const char *prefix, char **key, int *taken, char **cause);

/* Runs a write statement bound to one or two ids. Returns as
 * store_step_write. */
int store_edit_write_ids(struct store *st, const char *sql, long long a,
    long long b, const char *what, char **cause);

/* A save refused because the record (what: 指標, 施策・取組) changed since
 * it was loaded: sets *cause and returns STORE_CONFLICT. */
int store_edit_conflict(const char *what, char **cause);
/* 0 when the row's version (stored) is still the one the record was
 * loaded with (loaded), else as store_edit_conflict. */
int store_edit_check_ver(int stored, int loaded, const char *what,
    char **cause);

/* A load reads inside one snapshot, or inside the caller's transaction
 * when one is open (*own 0). */
int store_edit_read_begin(struct store *st, int *own, char **cause);
void store_edit_read_end(struct store *st, int own);
/* Begins a write and checks, with the role the users table gives login
 * now, that the user may change the plan. On 0 the transaction is open;
 * otherwise it was rolled back (STORE_DENIED with the reason). */
int store_edit_begin_planner(struct store *st, const char *login,
    char **cause);
/* Ends a planner's deletion: deletes row id with sql (step names the
 * step in *cause), adds the history row field on node naming what was
 * deleted, and commits; after a failure the write is rolled back. Returns
 * 0, or as store_step_write. */
int store_edit_delete_end(struct store *st, const char *login,
    const char *sql, long long id, const char *step, long long node,
    const char *field, const char *what, char **cause);

int store_edit_plan_exists(struct store *st, long long plan, char **cause);
/* The plan's level names (names[depth - 1]); free with
 * store_edit_levels_free. */
int store_edit_read_levels(struct store *st, long long plan, char ***names,
    int *n, char **cause);

void store_edit_targets_free(struct edit_target *t, size_t n);

/* A node's yearly plans (年次計画) and cost trends (事業費の傾向) as
 * lists, with their texts in the form a load gives (era years), which is
 * also what is compared. Free with store_edit_years_free. */
struct store_edit_years {
	struct yeartext_plan	*plans;
	size_t			 nplans;
	struct yeartext_cost	*costs;
	size_t			 ncosts;
	char			*plantext;
	char			*costtext;
};

void store_edit_years_free(struct store_edit_years *y);
/* Reads a node's yearly plans in order and its cost trends by year. */
int store_edit_read_years(struct store *st, long long node,
    struct store_edit_years *y, char **cause);
/* Parses the typed texts; a wrong one is blamed on its field (yearplans,
 * costs), with the field's name before the parser's message. */
int store_edit_parse_years(const char *plans, const char *costs,
    struct store_edit_years *y, const char **field, char **cause);
/*
 * Writes the yearly plans and cost trends that differ from was (NULL for
 * a new node, which has none and whose addition is its one history row),
 * each changed list replacing the rows it had and leaving a history row
 * with the texts before and after; *changed counts the lists written.
 * Returns as store_step_write.
 */
int store_edit_save_years(struct store *st, long long node,
    const struct store_edit_years *y, const struct store_edit_years *was,
    const char *login, const char *at, int *changed, char **cause);

#endif
