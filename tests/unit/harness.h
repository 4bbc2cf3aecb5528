/*
 * A tiny unit-test harness. Each tests/unit/test-*.c is its own program:
 * it calls CHECK*() inside TEST() functions run from main() with RUN(), and
 * ends with DONE(), which prints "N passed, N failed" and returns non-zero
 * on any failure. tests/run-all.sh adds the counts of every program up.
 */
#ifndef SHISAKU_TEST_HARNESS_H
#define SHISAKU_TEST_HARNESS_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int harness_passed, harness_failed, harness_test_failed;
static const char *harness_test_name = "";

#define TEST(name) static void name(void)

#define RUN(name) do {                                              \
	harness_test_name = #name;                                  \
	harness_test_failed = 0;                                    \
	name();                                                     \
	if (harness_test_failed) harness_failed++;                  \
	else harness_passed++;                                      \
} while (0)

#define FAIL_AT(...) do {                                           \
	fprintf(stderr, "%s:%d: %s: ", __FILE__, __LINE__,          \
	    harness_test_name);                                     \
	fprintf(stderr, __VA_ARGS__);                               \
	fputc('\n', stderr);                                        \
	harness_test_failed = 1;                                    \
} while (0)

#define CHECK(cond) do {                                            \
	if (!(cond)) FAIL_AT("check failed: %s", #cond);            \
} while (0)

#define CHECK_INT(got, want) do {                                   \
	long long g_ = (long long)(got), w_ = (long long)(want);    \
	if (g_ != w_) FAIL_AT("%s: got %lld, want %lld", #got, g_, w_); \
} while (0)

#define CHECK_STR(got, want) do {                                   \
	const char *g_ = (got), *w_ = (want);                       \
	if (g_ == NULL || w_ == NULL ? g_ != w_ : strcmp(g_, w_) != 0) \
		FAIL_AT("%s: got \"%s\", want \"%s\"", #got,        \
		    g_ ? g_ : "(null)", w_ ? w_ : "(null)");        \
} while (0)

#define CHECK_DBL(got, want, eps) do {                              \
	double g_ = (got), w_ = (want);                             \
	if (!(fabs(g_ - w_) <= (eps)))                              \
		FAIL_AT("%s: got %.10g, want %.10g", #got, g_, w_);  \
} while (0)

/* That the database is as it was: snapshot(), which a test file that
 * uses this defines (a malloc'd digest of what it checks), is the same
 * as before, a digest taken earlier. */
#define CHECK_UNCHANGED(before) do {                                \
	char *now_ = snapshot();                                    \
	CHECK_STR(now_, before);                                    \
	free(now_);                                                 \
} while (0)

#define DONE() do {                                                 \
	printf("%s: %d passed, %d failed\n", __FILE__,              \
	    harness_passed, harness_failed);                        \
	return harness_failed ? 1 : 0;                              \
} while (0)

#endif
