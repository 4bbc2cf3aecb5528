/*
 * Shared by the store tests: a new database at a path, loaded with a plan
 * file's text exactly as shisaku import loads it (checked completely, then
 * written in one transaction); the usual set-up around it (a directory of
 * the test's own, the database in it, its users) and the tear-down.
 */
#ifndef SHISAKU_TEST_FIXTURE_H
#define SHISAKU_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shisaku/config.h"
#include "shisaku/planfile.h"
#include "shisaku/session.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-user.h"
#include "shisaku/store.h"
#include "shisaku/util.h"

/* Returns the store, or NULL after printing why on stderr. cfg (may be
 * NULL) gives the evaluation scale grades are checked against. */
static inline struct store *
fixture_store(const char *path, const char *plan_text, const struct config *cfg)
{
	struct store		*st;
	struct store_resolver	 res;
	struct pf_doc		 doc;
	char			*cause = NULL;
	size_t			 i;

	unlink(path);
	if ((st = store_open(path, STORE_OPEN_CREATE, 1000, &cause)) == NULL) {
		fprintf(stderr, "store_open: %s\n", cause);
		free(cause);
		return NULL;
	}
	store_resolver_init(&res, st, cfg);
	pf_doc_init(&doc);
	if (pf_read(&doc, "fixture.csv", plan_text, strlen(plan_text), &res.res,
	    0) != 0) {
		for (i = 0; i < doc.nkept; i++)
			fprintf(stderr, "%s\n", doc.errors[i]);
	} else if (store_plan_import(st, &doc, 0, "tester", &cause) != 0) {
		fprintf(stderr, "import: %s\n", cause);
		free(cause);
	} else {
		pf_doc_free(&doc);
		return st;
	}
	pf_doc_free(&doc);
	store_close(st);
	return NULL;
}

/* A user fixture_setup puts: login, display name, role and department
 * code (NULL: none). */
struct fixture_user {
	const char	*login, *name;
	enum role	 role;
	const char	*dept;
};

/* Closes st, removes the directory dir with all in it and frees path. */
static inline void
fixture_teardown(struct store *st, const char *dir, char *path)
{
	char	*cmd;

	store_close(st);
	cmd = xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	free(cmd);
	free(path);
}

/*
 * The usual set-up of a store test: makes the directory dir (a mkdtemp
 * template, filled in), loads plan_text into the database dir/test.db as
 * fixture_store does and puts the users (a list ended by one whose login
 * is NULL; NULL: none). Returns the store with *path (malloc'd: the database's), or
 * NULL after printing why on stderr and removing what it made.
 */
static inline struct store *
fixture_setup(char *dir, const char *plan_text,
    const struct fixture_user *users, char **path)
{
	struct store	*st;
	char		*cause = NULL;

	*path = NULL;
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return NULL;
	}
	*path = xasprintf("%s/test.db", dir);
	if ((st = fixture_store(*path, plan_text, NULL)) == NULL) {
		fixture_teardown(NULL, dir, *path);
		*path = NULL;
		return NULL;
	}
	for (; users != NULL && users->login != NULL; users++)
		if (store_user_put(st, users->login, users->name, users->role,
		    users->dept, 0, &cause) != 0) {
			fprintf(stderr, "user %s: %s\n", users->login, cause);
			free(cause);
			fixture_teardown(st, dir, *path);
			*path = NULL;
			return NULL;
		}
	return st;
}

/* For store_check: counts a problem and prints it, so a failing test
 * says which. arg is an int. */
static inline void
fixture_count_problem(void *arg, const char *line)
{
	(*(int *)arg)++;
	fprintf(stderr, "check: %s\n", line);
}

#endif
