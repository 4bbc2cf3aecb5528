/*
 * Departments named apart where two bear one name: a picker's labels and
 * a message's names.
 */
#include <stdlib.h>

#include "harness.h"
#include "shisaku/deptlabel.h"

TEST(test_one_name_twice_gets_codes)
{
	static const char *const names[] = { "総務課", "企画課", "総務課",
	    "財政課" };
	static const char *const codes[] = { "kita/somu", "kita/kikaku",
	    "minami/somu", NULL };
	char	**l = dept_labels(names, codes, 4);

	CHECK_STR(l[0], "総務課（コード kita/somu）");
	CHECK_STR(l[1], "企画課");
	CHECK_STR(l[2], "総務課（コード minami/somu）");
	CHECK_STR(l[3], "財政課");
	CHECK(l[4] == NULL);
	dept_labels_free(l, 4);
}

TEST(test_no_code_no_twin)
{
	static const char *const names[] = { "総務課", "総務課" };
	static const char *const codes[] = { "", NULL };
	char	**l = dept_labels(names, codes, 2);
	char	 *one;

	/* Twins without a code keep their names: nothing to tell them
	 * apart by. */
	CHECK_STR(l[0], "総務課");
	CHECK_STR(l[1], "総務課");
	dept_labels_free(l, 2);
	l = dept_labels(names, codes, 0);
	CHECK(l != NULL && l[0] == NULL);
	dept_labels_free(l, 0);
	dept_labels_free(NULL, 0);
	one = dept_label("総務課", "kita/somu", 0);
	CHECK_STR(one, "総務課");
	free(one);
	one = dept_label("総務課", "kita/somu", 1);
	CHECK_STR(one, "総務課（コード kita/somu）");
	free(one);
}

int
main(void)
{
	RUN(test_one_name_twice_gets_codes);
	RUN(test_no_code_no_twin);
	DONE();
}
