/*
 * Shared by the store tests: a second connection to the test database
 * (raw, opened by the test) to look at the rows from the side, and to
 * hold a lock when a test needs the database busy.
 */
#ifndef SHISAKU_TEST_PEEK_H
#define SHISAKU_TEST_PEEK_H

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "shisaku/util.h"

static sqlite3 *raw;

/* Opens raw on the database at path, waiting up to a second for a lock;
 * 0, or -1 after printing why on stderr. */
static inline int
peek_open(const char *path)
{
	if (sqlite3_open(path, &raw) != SQLITE_OK) {
		fprintf(stderr, "%s: %s\n", path, sqlite3_errmsg(raw));
		return -1;
	}
	sqlite3_busy_timeout(raw, 1000);
	return 0;
}

/* The first column of the first row as a number (-1 when none). */
static long long
q_int(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static long long
q_int(const char *fmt, ...)
{
	va_list		 ap;
	char		*sql;
	sqlite3_stmt	*s;
	long long	 v = -1;

	va_start(ap, fmt);
	sql = xvasprintf(fmt, ap);
	va_end(ap);
	if (sqlite3_prepare_v2(raw, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	} else
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(raw));
	free(sql);
	return v;
}

/* The first column of the first row as text ("(null)" for NULL). */
static char *
q_text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *
q_text(const char *fmt, ...)
{
	va_list		 ap;
	char		*sql, *v = NULL;
	sqlite3_stmt	*s;

	va_start(ap, fmt);
	sql = xvasprintf(fmt, ap);
	va_end(ap);
	if (sqlite3_prepare_v2(raw, sql, -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			v = xstrdup(sqlite3_column_type(s, 0) == SQLITE_NULL ?
			    "(null)" : (const char *)sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
	} else
		fprintf(stderr, "%s: %s\n", sql, sqlite3_errmsg(raw));
	free(sql);
	return v != NULL ? v : xstrdup("(no row)");
}

#define CHECK_Q(want, ...) do {						\
	char *q_ = q_text(__VA_ARGS__);					\
	CHECK_STR(q_, want);						\
	free(q_);							\
} while (0)

#endif
