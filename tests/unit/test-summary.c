/*
 * The year's progress figures: counting items by status, state and grade
 * (on the scale, not given, off the scale), behind, indicator outcomes
 * from rates, adding summaries up, reading the vocabulary's keys, and
 * the lines that show them with no two numbers run together.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "shisaku/summary.h"

static const char *const scale[] = { "A", "B", "C", "D" };

TEST(items_and_grades)
{
	struct progress_summary	s;

	summary_init(&s, 4);
	summary_add_items(&s, SUMMARY_STATUS_DONE, SUMMARY_STATE_CONFIRMED,
	    summary_grade_index("A", scale, 4), 0, 2);
	summary_add_items(&s, SUMMARY_STATUS_IN_PROGRESS,
	    SUMMARY_STATE_RETURNED, summary_grade_index("C", scale, 4), 1, 1);
	summary_add_items(&s, SUMMARY_STATUS_NONE, SUMMARY_STATE_NONE,
	    summary_grade_index(NULL, scale, 4), 1, 3);
	summary_add_items(&s, SUMMARY_STATUS_DONE, SUMMARY_STATE_DRAFT,
	    summary_grade_index("S", scale, 4), 0, 1);
	CHECK_INT(s.items, 7);
	CHECK_INT(s.behind, 4);
	CHECK_INT(s.by_status[SUMMARY_STATUS_DONE], 3);
	CHECK_INT(s.by_status[SUMMARY_STATUS_IN_PROGRESS], 1);
	CHECK_INT(s.by_status[SUMMARY_STATUS_NONE], 3);
	CHECK_INT(s.by_state[SUMMARY_STATE_CONFIRMED], 2);
	CHECK_INT(s.by_state[SUMMARY_STATE_RETURNED], 1);
	CHECK_INT(s.by_state[SUMMARY_STATE_NONE], 3);
	CHECK_INT(s.by_state[SUMMARY_STATE_DRAFT], 1);
	CHECK_INT(s.by_grade[0], 2);
	CHECK_INT(s.by_grade[2], 1);
	CHECK_INT(s.grade_none, 3);
	CHECK_INT(s.grade_other, 1);
	CHECK_INT(summary_grade_index("", scale, 4), SUMMARY_GRADE_NONE);
	CHECK_INT(summary_grade_index("D", scale, 4), 3);
	CHECK_INT(summary_grade_index("A", NULL, 0), SUMMARY_GRADE_OTHER);
}

TEST(indicators_and_adding)
{
	struct progress_summary	a, b;

	summary_init(&a, 4);
	summary_init(&b, 4);
	CHECK_INT(summary_outcome_of(100), SUMMARY_ACHIEVED);
	CHECK_INT(summary_outcome_of(250), SUMMARY_ACHIEVED);
	CHECK_INT(summary_outcome_of(99.99), SUMMARY_NOT_ACHIEVED);
	CHECK_INT(summary_outcome_of(0), SUMMARY_NOT_ACHIEVED);
	CHECK_INT(summary_outcome_of(-1), SUMMARY_NO_DATA);
	summary_add_indicator(&a, summary_outcome_of(100));
	summary_add_indicator(&a, summary_outcome_of(-1));
	summary_add_indicator(&b, summary_outcome_of(30));
	summary_add_items(&b, SUMMARY_STATUS_POSTPONED, SUMMARY_STATE_SUBMITTED,
	    1, 0, 1);
	summary_add(&a, &b);
	CHECK_INT(a.indicators, 3);
	CHECK_INT(a.by_outcome[SUMMARY_ACHIEVED], 1);
	CHECK_INT(a.by_outcome[SUMMARY_NOT_ACHIEVED], 1);
	CHECK_INT(a.by_outcome[SUMMARY_NO_DATA], 1);
	CHECK_INT(a.items, 1);
	CHECK_INT(a.by_grade[1], 1);
	CHECK_INT(a.by_status[SUMMARY_STATUS_POSTPONED], 1);
	/* A scale longer than the maximum is clamped. */
	summary_init(&a, 99);
	CHECK_INT(a.ngrades, SUMMARY_MAX_GRADES);
}

TEST(keys)
{
	CHECK_INT(summary_status_of("not_started"), SUMMARY_STATUS_NOT_STARTED);
	CHECK_INT(summary_status_of("cancelled"), SUMMARY_STATUS_CANCELLED);
	CHECK_INT(summary_status_of(NULL), SUMMARY_STATUS_NONE);
	CHECK_INT(summary_status_of("bogus"), SUMMARY_STATUS_NONE);
	CHECK_INT(summary_state_of("submitted"), SUMMARY_STATE_SUBMITTED);
	CHECK_INT(summary_state_of("returned"), SUMMARY_STATE_RETURNED);
	CHECK_INT(summary_state_of(NULL), SUMMARY_STATE_NONE);
}

/* Whether two digits are ever separated by nothing but blanks: counts
 * that would read as one number. */
static int
numbers_run_together(const char *s)
{
	const char	*p, *q;

	for (p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			continue;
		for (q = p + 1; *q >= '0' && *q <= '9'; q++)
			;
		p = q - 1;
		while (*q == ' ')
			q++;
		if (q != p + 1 && *q >= '0' && *q <= '9')
			return 1;
	}
	return 0;
}

TEST(lines)
{
	struct progress_summary	s;
	char			*l;

	summary_init(&s, 4);
	summary_add_items(&s, SUMMARY_STATUS_NONE, SUMMARY_STATE_NONE,
	    SUMMARY_GRADE_NONE, 1, 123456);
	summary_add_items(&s, SUMMARY_STATUS_DONE, SUMMARY_STATE_CONFIRMED, 0,
	    0, 98765);
	summary_add_indicator(&s, SUMMARY_NO_DATA);
	l = summary_line(&s, 0, scale);
	CHECK_STR(l, "入力状況  未入力 123456  下書き 0  提出済 0  確認済 98765"
	    "  差戻し 0");
	CHECK(!numbers_run_together(l));
	free(l);
	l = summary_line(&s, 1, scale);
	CHECK_STR(l, "実施状況  未着手 0  実施中 0  完了 98765  延期 0  中止 0"
	    "  未入力 123456");
	CHECK(!numbers_run_together(l));
	free(l);
	l = summary_line(&s, 2, scale);
	CHECK_STR(l, "評価  A 98765  B 0  C 0  D 0  未評価 123456    指標  達成 0"
	    "  未達成 0  データなし 1");
	CHECK(!numbers_run_together(l));
	free(l);
	/* A grade off the scale is shown only when there is one. */
	summary_add_items(&s, SUMMARY_STATUS_DONE, SUMMARY_STATE_DRAFT,
	    SUMMARY_GRADE_OTHER, 0, 2);
	l = summary_line(&s, 2, scale);
	CHECK(strstr(l, "尺度外 2") != NULL);
	free(l);
	CHECK(summary_line(&s, SUMMARY_NLINES, scale) == NULL);
	CHECK(numbers_run_together("1 2"));	/* the checker itself */
}

int
main(void)
{
	RUN(items_and_grades);
	RUN(indicators_and_adding);
	RUN(keys);
	RUN(lines);
	DONE();
}
