/*
 * Users and their roles, keyed by the login name the operating system
 * reports. Only a planner changes them (checked by the caller).
 */
#ifndef SHISAKU_STORE_USER_H
#define SHISAKU_STORE_USER_H

#include <stddef.h>

#include "shisaku/session.h"

struct store;

struct store_user {
	char		*login;
	char		*name;
	enum role	 role;
	char		*dept_code;	/* "" when none */
	char		*dept_name;
	/* The department's last year when it is abolished (機構改革), else
	 * 0: the user must be filed under another one. */
	int		 dept_abolished_after;
};

/* Fills role, name and department of s from s->login (ROLE_NONE when the
 * login is not a user). */
int store_user_session(struct store *st, struct session *s, char **cause);

/* Who login is now: fills a cleared s (login copied) as store_user_session
 * does; on -1, s is cleared again. For the writes that re-read the role
 * inside their transaction. */
int store_user_login_session(struct store *st, const char *login,
    struct session *s, char **cause);

/* Adds or (with update) changes a user. dept_code may be NULL or "" (no
 * department; a clerk needs one). Returns 0 or -1 with *cause. */
int store_user_put(struct store *st, const char *login, const char *name,
    enum role role, const char *dept_code, int update, char **cause);
int store_user_remove(struct store *st, const char *login, char **cause);
int store_user_list(struct store *st, struct store_user **users, size_t *n,
    char **cause);
void store_user_list_free(struct store_user *users, size_t n);
/*
 * Writes a refusal to the history: who (login) tried what and why, in a
 * row of its own (field "refused", with the item, indicator and fiscal
 * year it was about, 0 when none), in a short
 * transaction of its own, through a second connection when st is read
 * only. A refusal is logged after the refused write was rolled back, so
 * it is never part of one. Best effort: returns 0, or -1 with *cause,
 * or 1 without a row when the user cannot write the database at all
 * (store_readonly_why); the caller refuses the same either way.
 */
int store_user_log_refusal(struct store *st, const char *login,
    long long node_id, long long indicator_id, int fy, const char *what,
    char **cause);

/* Number of planners (init adds the first). */
int store_user_count_planners(struct store *st);

#endif
