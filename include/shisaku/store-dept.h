/*
 * Departments as records the planner manages: the list with every earlier
 * name, and the reorganisations of every April (機構改革): a new
 * department, a rename, a merger, an abolition, each taking effect from a
 * fiscal year so that every earlier year keeps the name and the
 * assignments it had. No curses.
 *
 * Every change is one BEGIN IMMEDIATE transaction that re-reads the
 * user's role (planners only: STORE_DENIED otherwise) and writes a
 * history row per department and per item it touches. Returns 0, -1 with
 * *cause, STORE_BUSY or STORE_DENIED; on anything but 0 nothing was
 * written.
 */
#ifndef SHISAKU_STORE_DEPT_H
#define SHISAKU_STORE_DEPT_H

#include <stddef.h>

#include "shisaku/session.h"
#include "shisaku/store.h"

struct dept_oldname {
	int		 until_fy;	/* the name was used up to this year */
	char		*name;
};

struct dept_row {
	long long	 id;
	char		*code;
	char		*name;		/* the name now */
	char		*org;
	int		 abolished_after;	/* last year in existence; 0 */
	char		*merged_into;	/* the code of the department a merger
					   handed it to; NULL */
	size_t		 nold;
	struct dept_oldname *old;	/* earlier names, oldest first */
	long		 nassign;	/* items and policies in charge of */
	long		 nusers;	/* users filed under it */
};

int store_dept_list(struct store *st, struct dept_row **rows, size_t *n,
    char **cause);
void store_dept_list_free(struct dept_row *rows, size_t n);

/* Finds a department by code, or by name when that is unambiguous.
 * Returns 0 and *id, or -1 with *cause. */
int store_dept_resolve(struct store *st, const char *code_or_name,
    long long *id, char **cause);
/* store_dept_resolve for a field of plan_id's (store_dept_find_for_plan). */
int store_dept_resolve_for_plan(struct store *st, const char *code_or_name,
    long long plan_id, long long *id, char **cause);

/* The same, and the department's code (*code, malloc'd, when code is
 * not NULL); a word typed with the input method on (笠間市／総務課) is
 * looked for as typed with it off too. Returns 0, 1 when no department
 * has that code or name (nothing said: the caller says it as its field
 * asks), or -1 with *cause (a name several departments have, or the
 * read failed). */
int store_dept_find(struct store *st, const char *code_or_name,
    long long *id, char **code, char **cause);
/* store_dept_find for a field of plan_id's: a name departments of
 * several organisations share is the one of the plan's organisation
 * (its ORG) when exactly one of them is. */
int store_dept_find_for_plan(struct store *st, const char *code_or_name,
    long long plan_id, long long *id, char **code, char **cause);

/* For a department text names none: "「NAME」（コード CODE）のことなら、
 * …" of the one it is likely written for (store_dept_loosely), or NULL.
 * Malloc'd. */
char *store_dept_likely(struct store *st, const char *text);

/* The one department in use whose name word is written another way
 * (util_name_loosely): its code and name (malloc'd). Returns 1 when
 * there is exactly one, 0 when none or several, -1 with *cause. */
int store_dept_loosely(struct store *st, const char *word, char **code,
    char **name, char **cause);

/* When text is the code of department id and the name of others, those
 * others as "CODE（ORG）", joined with 、 (*out malloc'd; NULL when
 * none): a word a user typed for a name was taken as a code. Returns 0,
 * or -1 with *cause. */
int store_dept_namesakes(struct store *st, const char *text, long long id,
    char **out, char **cause);

/* The departments merged into dept, and into those in turn, with the
 * last year of each (*out malloc'd, *n of them; none for dept 0).
 * Returns 0, or -1 with *cause. */
int store_dept_predecessors(struct store *st, long long dept,
    struct session_dept **out, size_t *n, char **cause);

/* What a merger or abolition did, for the planner to read. Every string
 * is malloc'd. */
struct dept_change {
	size_t		 nmoved;	/* assignments moved to the new department */
	size_t		 nended;	/* assignments ended the year before */
	size_t		 norphans;	/* items left without a department */
	char		**orphans;	/* "PLAN CODE TITLE" */
	size_t		 nclerks;	/* users still filed under the old one */
	char		**clerks;	/* logins */
};
void store_dept_change_clear(struct dept_change *c);

int store_dept_add(struct store *st, const char *login, const char *code,
    const char *name, const char *org, char **cause);

/* From fiscal year from_fy on, the department is called new_name; every
 * earlier year keeps the name it had. */
int store_dept_rename(struct store *st, const char *login, long long dept,
    const char *new_name, int from_fy, char **cause);

/* From from_fy on, everything of dept is into's: its assignments in force
 * then end the year before and continue under into, the indicators it
 * reports are reported by into, and dept is abolished after from_fy - 1.
 * *out says what moved and which users are still filed under dept. */
int store_dept_merge(struct store *st, const char *login, long long dept,
    long long into, int from_fy, struct dept_change *out, char **cause);

/* From from_fy on the department no longer exists: its assignments end
 * the year before. *out lists the items left without a department and
 * the users still filed under it. */
int store_dept_abolish(struct store *st, const char *login, long long dept,
    int from_fy, struct dept_change *out, char **cause);

#endif
