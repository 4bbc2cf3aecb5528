/*
 * Shared by the store tests: a new database at a path, loaded with a plan
 * file's text exactly as shisaku import loads it (checked completely, then
 * written in one transaction).
 */
#ifndef SHISAKU_TEST_FIXTURE_H
#define SHISAKU_TEST_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shisaku/config.h"
#include "shisaku/planfile.h"
#include "shisaku/store-plan.h"
#include "shisaku/store.h"

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

/* For store_check: counts a problem and prints it, so a failing test
 * says which. arg is an int. */
static inline void
fixture_count_problem(void *arg, const char *line)
{
	(*(int *)arg)++;
	fprintf(stderr, "check: %s\n", line);
}

#endif
