/*
 * Achievement rates: the formula of each direction with and without a
 * baseline, missing and text values, division by zero, clamping,
 * cumulative indicators, the suggested grade and a 累計 indicator's
 * heading.
 */

#include <stdlib.h>

#include "harness.h"
#include "shisaku/achieve.h"

static struct value
num(double d)
{
	struct value	v = { VALUE_NUMBER, d, NULL };

	return v;
}

static struct value
none(void)
{
	struct value	v = { VALUE_NONE, 0, NULL };

	return v;
}

static struct value
text(const char *s)
{
	struct value	v = { VALUE_TEXT, 0, (char *)s };

	return v;
}

/* The rate for direction dir; base may be NULL. *st gets the status. */
static double
rate(enum achieve_dir dir, const struct value *base, struct value target,
    struct value actual, enum achieve_status *st)
{
	struct achieve_input	in;

	in.dir = dir;
	in.cumulative = 0;
	in.base = base;
	in.target = &target;
	in.actual = &actual;
	return achieve_rate(&in, st);
}

TEST(up_with_baseline)
{
	struct value		b = num(40);
	enum achieve_status	st;

	CHECK_DBL(rate(ACHIEVE_DIR_UP, &b, num(50), num(45), &st), 50, 1e-9);
	CHECK_INT(st, ACHIEVE_OK);
	CHECK_DBL(rate(ACHIEVE_DIR_UP, &b, num(50), num(50), &st), 100, 1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_UP, &b, num(50), num(40), &st), 0, 1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_UP, &b, num(50), num(60), &st), 200, 1e-9);
	/* Below the baseline: clamped to 0. */
	CHECK_DBL(rate(ACHIEVE_DIR_UP, &b, num(50), num(30), &st), 0, 1e-9);
	CHECK_INT(st, ACHIEVE_OK);
}

TEST(up_without_baseline)
{
	struct value		b = none(), bt = text("—");
	enum achieve_status	st;

	CHECK_DBL(rate(ACHIEVE_DIR_UP, NULL, num(50), num(45), &st), 90, 1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_UP, &b, num(50), num(45), &st), 90, 1e-9);
	/* A text baseline counts as none. */
	CHECK_DBL(rate(ACHIEVE_DIR_UP, &bt, num(50), num(45), &st), 90, 1e-9);
	CHECK_INT(st, ACHIEVE_OK);
	CHECK_DBL(rate(ACHIEVE_DIR_UP, NULL, num(98.82), num(98.82), &st),
	    100, 1e-9);
}

TEST(up_target_equal_or_below_baseline_uses_ratio)
{
	struct value		b = num(50);
	enum achieve_status	st;

	CHECK_DBL(rate(ACHIEVE_DIR_UP, &b, num(50), num(45), &st), 90, 1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_UP, &b, num(40), num(44), &st), 110, 1e-9);
	CHECK_INT(st, ACHIEVE_OK);
}

TEST(down_with_baseline)
{
	struct value		b = num(100);
	enum achieve_status	st;

	CHECK_DBL(rate(ACHIEVE_DIR_DOWN, &b, num(80), num(90), &st), 50, 1e-9);
	CHECK_INT(st, ACHIEVE_OK);
	CHECK_DBL(rate(ACHIEVE_DIR_DOWN, &b, num(80), num(80), &st), 100,
	    1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_DOWN, &b, num(80), num(100), &st), 0, 1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_DOWN, &b, num(80), num(120), &st), 0, 1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_DOWN, &b, num(80), num(60), &st), 200,
	    1e-9);
	/* Target zero is reachable through the baseline form. */
	CHECK_DBL(rate(ACHIEVE_DIR_DOWN, &b, num(0), num(0), &st), 100, 1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_DOWN, &b, num(0), num(25), &st), 75, 1e-9);
}

TEST(down_without_baseline)
{
	enum achieve_status	st;

	CHECK_DBL(rate(ACHIEVE_DIR_DOWN, NULL, num(80), num(100), &st), 80,
	    1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_DOWN, NULL, num(80), num(40), &st), 200,
	    1e-9);
	CHECK_INT(st, ACHIEVE_OK);
	/* T / A with A = 0 divides by zero. */
	CHECK_DBL(rate(ACHIEVE_DIR_DOWN, NULL, num(80), num(0), &st), -1, 0);
	CHECK_INT(st, ACHIEVE_UNDEFINED);
	CHECK_DBL(rate(ACHIEVE_DIR_DOWN, NULL, num(0), num(0), &st), -1, 0);
	CHECK_INT(st, ACHIEVE_UNDEFINED);
	CHECK_DBL(rate(ACHIEVE_DIR_DOWN, NULL, num(5), num(-5), &st), -1, 0);
	CHECK_INT(st, ACHIEVE_UNDEFINED);
}

TEST(keep)
{
	struct value		b = num(100);
	enum achieve_status	st;

	CHECK_DBL(rate(ACHIEVE_DIR_KEEP, &b, num(100), num(100), &st), 100,
	    1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_KEEP, &b, num(100), num(120), &st), 100,
	    1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_KEEP, &b, num(100), num(95), &st), 95,
	    1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_KEEP, NULL, num(0), num(0), &st), 100,
	    1e-9);
	CHECK_INT(st, ACHIEVE_OK);
	CHECK_DBL(rate(ACHIEVE_DIR_KEEP, NULL, num(0), num(-1), &st), -1, 0);
	CHECK_INT(st, ACHIEVE_UNDEFINED);
}

TEST(stay_at_or_above)
{
	enum achieve_status	st;

	CHECK_DBL(rate(ACHIEVE_DIR_MIN, NULL, num(55), num(55), &st), 100,
	    1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_MIN, NULL, num(55), num(70), &st), 100,
	    1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_MIN, NULL, num(50), num(40), &st), 80,
	    1e-9);
	CHECK_INT(st, ACHIEVE_OK);
	CHECK_DBL(rate(ACHIEVE_DIR_MIN, NULL, num(50), num(-10), &st), 0,
	    1e-9);
}

TEST(stay_at_or_below)
{
	enum achieve_status	st;

	CHECK_DBL(rate(ACHIEVE_DIR_MAX, NULL, num(10), num(10), &st), 100,
	    1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_MAX, NULL, num(10), num(0), &st), 100,
	    1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_MAX, NULL, num(10), num(20), &st), 50,
	    1e-9);
	CHECK_INT(st, ACHIEVE_OK);
	CHECK_DBL(rate(ACHIEVE_DIR_MAX, NULL, num(0), num(5), &st), 0, 1e-9);
	CHECK_INT(st, ACHIEVE_OK);
	CHECK_DBL(rate(ACHIEVE_DIR_MAX, NULL, num(-5), num(-3), &st), -1, 0);
	CHECK_INT(st, ACHIEVE_UNDEFINED);
}

TEST(division_by_zero)
{
	struct value		b = num(0);
	enum achieve_status	st;

	CHECK_DBL(rate(ACHIEVE_DIR_UP, NULL, num(0), num(5), &st), -1, 0);
	CHECK_INT(st, ACHIEVE_UNDEFINED);
	CHECK_DBL(rate(ACHIEVE_DIR_UP, &b, num(0), num(5), &st), -1, 0);
	CHECK_INT(st, ACHIEVE_UNDEFINED);
	CHECK_DBL(rate(ACHIEVE_DIR_MIN, NULL, num(0), num(-5), &st), -1, 0);
	CHECK_INT(st, ACHIEVE_UNDEFINED);
	/* Negative target on a ratio form. */
	CHECK_DBL(rate(ACHIEVE_DIR_UP, NULL, num(-10), num(5), &st), -1, 0);
	CHECK_INT(st, ACHIEVE_UNDEFINED);
	/* Up from a baseline of 0: progress form, no division by zero. */
	CHECK_DBL(rate(ACHIEVE_DIR_UP, &b, num(150), num(30), &st), 20, 1e-9);
	CHECK_INT(st, ACHIEVE_OK);
}

TEST(clamped_to_999)
{
	struct value		b = num(0);
	enum achieve_status	st;

	CHECK_DBL(rate(ACHIEVE_DIR_UP, NULL, num(1), num(1000), &st), 999, 0);
	CHECK_INT(st, ACHIEVE_OK);
	CHECK_DBL(rate(ACHIEVE_DIR_UP, &b, num(1), num(1e300), &st), 999, 0);
	CHECK_DBL(rate(ACHIEVE_DIR_DOWN, NULL, num(1000), num(1e-300), &st),
	    999, 0);
	CHECK_DBL(rate(ACHIEVE_DIR_UP, NULL, num(1e-300), num(1e300), &st),
	    999, 0);
	CHECK_INT(st, ACHIEVE_OK);
}

TEST(missing_and_text)
{
	enum achieve_status	st;

	CHECK_DBL(rate(ACHIEVE_DIR_UP, NULL, num(50), none(), &st), -1, 0);
	CHECK_INT(st, ACHIEVE_MISSING);
	CHECK_DBL(rate(ACHIEVE_DIR_UP, NULL, none(), num(5), &st), -1, 0);
	CHECK_INT(st, ACHIEVE_MISSING);
	CHECK_DBL(rate(ACHIEVE_DIR_UP, NULL, text("実施"), num(1), &st), -1,
	    0);
	CHECK_INT(st, ACHIEVE_TEXT);
	CHECK_DBL(rate(ACHIEVE_DIR_UP, NULL, num(12), text("月1回"), &st), -1,
	    0);
	CHECK_INT(st, ACHIEVE_TEXT);
	/* Text wins over missing: such an indicator is judged by grade. */
	CHECK_DBL(rate(ACHIEVE_DIR_UP, NULL, text("実施"), none(), &st), -1,
	    0);
	CHECK_INT(st, ACHIEVE_TEXT);
	CHECK_DBL(rate(ACHIEVE_DIR_UNKNOWN, NULL, num(50), num(40), &st), -1,
	    0);
	CHECK_INT(st, ACHIEVE_NO_DIRECTION);
	CHECK_DBL(rate((enum achieve_dir)42, NULL, num(50), num(40), &st), -1,
	    0);
	CHECK_INT(st, ACHIEVE_NO_DIRECTION);
	/* The status is optional. */
	CHECK_DBL(rate(ACHIEVE_DIR_UP, NULL, num(50), num(40), NULL), 80,
	    1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_UP, NULL, num(50), none(), NULL), -1, 0);
}

TEST(null_values_are_missing)
{
	struct achieve_input	in = { ACHIEVE_DIR_UP, 0, NULL, NULL, NULL };
	enum achieve_status	st;

	CHECK_DBL(achieve_rate(&in, &st), -1, 0);
	CHECK_INT(st, ACHIEVE_MISSING);
}

TEST(non_finite_inputs_are_missing)
{
	enum achieve_status	st;

	CHECK_DBL(rate(ACHIEVE_DIR_UP, NULL, num(50), num(NAN), &st), -1, 0);
	CHECK_INT(st, ACHIEVE_MISSING);
	CHECK_DBL(rate(ACHIEVE_DIR_UP, NULL, num(INFINITY), num(1), &st), -1,
	    0);
}

TEST(cumulative)
{
	/* 申請者数（累計）: baseline 0 (2016), target 150 (2022). */
	static const int	fys[] = { 2017, 2018, 2019, 2016, 2023 };
	struct value		acts[5], b0 = num(0), b120 = num(120);
	struct value		target = num(150), sumv;
	struct achieve_input	in;
	enum achieve_status	st;
	double			sum = -1;

	acts[0] = num(20);
	acts[1] = num(30);
	acts[2] = none();
	acts[3] = num(999);	/* the baseline year itself */
	acts[4] = num(1000);	/* after the year asked for */
	CHECK_INT(achieve_sum_actuals(fys, acts, 5, 2016, 2019, &sum), 2);
	CHECK_DBL(sum, 50, 0);
	CHECK_INT(achieve_sum_actuals(fys, acts, 5, 2016, 2017, &sum), 1);
	CHECK_DBL(sum, 20, 0);
	CHECK_INT(achieve_sum_actuals(fys, acts, 5, 0, 2019, &sum), 3);
	CHECK_DBL(sum, 1049, 0);
	CHECK_INT(achieve_sum_actuals(fys, acts, 5, 2019, 2022, &sum), 0);
	CHECK_DBL(sum, 0, 0);
	CHECK_INT(achieve_sum_actuals(fys, acts, 0, 0, 2030, &sum), 0);

	sumv = num(50);
	in.dir = ACHIEVE_DIR_UP;
	in.cumulative = 1;
	in.base = &b0;
	in.target = &target;
	in.actual = &sumv;
	CHECK_DBL(achieve_rate(&in, &st), 100.0 / 3, 1e-9);
	CHECK_INT(st, ACHIEVE_OK);
	/* From a running total of 120: 15 more of the 30 planned... */
	in.base = &b120;
	sumv = num(15);
	CHECK_DBL(achieve_rate(&in, &st), 50, 1e-9);
	/* ...which the same numbers without the flag read differently. */
	in.cumulative = 0;
	CHECK_DBL(achieve_rate(&in, &st), 0, 0);
	/* No baseline: the sum alone is the running total. */
	in.cumulative = 1;
	in.base = NULL;
	sumv = num(75);
	CHECK_DBL(achieve_rate(&in, &st), 50, 1e-9);
}

TEST(cumulative_text_actual)
{
	static const int	fys[] = { 2021, 2022 };
	struct value		acts[2];
	double			sum = 0;

	acts[0] = num(3);
	acts[1] = text("実施");
	CHECK_INT(achieve_sum_actuals(fys, acts, 2, 2020, 2022, &sum), -1);
	CHECK_INT(achieve_sum_actuals(fys, acts, 2, 2020, 2021, &sum), 1);
	CHECK_DBL(sum, 3, 0);
}

TEST(grade_suggestion)
{
	CHECK_STR(achieve_grade_suggest(999), "A");
	CHECK_STR(achieve_grade_suggest(100), "A");
	CHECK_STR(achieve_grade_suggest(99.99), "B");
	CHECK_STR(achieve_grade_suggest(80), "B");
	CHECK_STR(achieve_grade_suggest(79.9), "C");
	CHECK_STR(achieve_grade_suggest(0.1), "C");
	CHECK_STR(achieve_grade_suggest(0), "D");
	CHECK(achieve_grade_suggest(-1) == NULL);
	CHECK(achieve_grade_suggest(NAN) == NULL);
}

TEST(direction_names)
{
	CHECK_INT(achieve_dir_parse("増加"), ACHIEVE_DIR_UP);
	CHECK_INT(achieve_dir_parse("減少"), ACHIEVE_DIR_DOWN);
	CHECK_INT(achieve_dir_parse("維持"), ACHIEVE_DIR_KEEP);
	CHECK_INT(achieve_dir_parse("以下"), ACHIEVE_DIR_MAX);
	CHECK_INT(achieve_dir_parse("以上"), ACHIEVE_DIR_MIN);
	CHECK_INT(achieve_dir_parse("up"), ACHIEVE_DIR_UP);
	CHECK_INT(achieve_dir_parse("down"), ACHIEVE_DIR_DOWN);
	CHECK_INT(achieve_dir_parse("keep"), ACHIEVE_DIR_KEEP);
	CHECK_INT(achieve_dir_parse("max"), ACHIEVE_DIR_MAX);
	CHECK_INT(achieve_dir_parse("min"), ACHIEVE_DIR_MIN);
	CHECK_INT(achieve_dir_parse(""), ACHIEVE_DIR_UNKNOWN);
	CHECK_INT(achieve_dir_parse(NULL), ACHIEVE_DIR_UNKNOWN);
	CHECK_INT(achieve_dir_parse("増える"), -1);
	CHECK_INT(achieve_dir_parse("UP!"), -1);
	CHECK_STR(achieve_dir_name(ACHIEVE_DIR_MAX), "max");
	CHECK_STR(achieve_dir_name(ACHIEVE_DIR_UNKNOWN), "");
	CHECK_STR(achieve_dir_label(ACHIEVE_DIR_MIN), "以上");
	CHECK_STR(achieve_dir_label((enum achieve_dir)42), "");
}

TEST(running_actual_while_typing)
{
	/* 1,234 typed as printed: its printed form belongs to the year. */
	struct value	typed = { VALUE_NUMBER, 1234, (char *)"1,234" };
	struct value	words = text("実施"), empty = none(), out;
	struct value	base = num(1000), target = num(3000);
	struct achieve_input in;
	enum achieve_status st;

	/* Not cumulative: the value as typed, printed form and all. */
	achieve_running_actual(&typed, 0, 500, 2, &out);
	CHECK_INT(out.kind, VALUE_NUMBER);
	CHECK_DBL(out.num, 1234, 0);
	CHECK_STR(out.text, "1,234");
	/* Cumulative: the years before are added; the sum has no printed
	 * form of its own. */
	achieve_running_actual(&typed, 1, 500, 2, &out);
	CHECK_INT(out.kind, VALUE_NUMBER);
	CHECK_DBL(out.num, 1734, 0);
	CHECK(out.text == NULL);
	/* No earlier year: the year's value alone. */
	achieve_running_actual(&typed, 1, 0, 0, &out);
	CHECK_DBL(out.num, 1234, 0);
	/* An earlier text actual: no total, read as text. */
	achieve_running_actual(&typed, 1, 0, -1, &out);
	CHECK_INT(out.kind, VALUE_TEXT);
	/* Text and nothing typed stay what they are. */
	achieve_running_actual(&words, 1, 500, 2, &out);
	CHECK_INT(out.kind, VALUE_TEXT);
	CHECK_STR(out.text, "実施");
	achieve_running_actual(&empty, 1, 500, 2, &out);
	CHECK_INT(out.kind, VALUE_NONE);

	/* The rate as the form shows it: 1,734 of the 2,000 planned over a
	 * running total that starts at the baseline's 1,000. */
	achieve_running_actual(&typed, 1, 500, 2, &out);
	in.dir = ACHIEVE_DIR_UP;
	in.cumulative = 1;
	in.base = &base;
	in.target = &target;
	in.actual = &out;
	CHECK_DBL(achieve_rate(&in, &st), 86.7, 1e-9);
	CHECK_STR(achieve_grade_suggest(achieve_rate(&in, &st)), "B");
}

/* A target printed with its bound after the number is read by the
 * number, ASCII or full-width, with any unit; other text is not. */
TEST(bound_targets_read)
{
	double	n = -1;

	CHECK_INT(achieve_bound("90%以下", &n), ACHIEVE_DIR_MAX);
	CHECK_DBL(n, 90, 1e-9);
	CHECK_INT(achieve_bound(" ３件以上　", &n), ACHIEVE_DIR_MIN);
	CHECK_DBL(n, 3, 1e-9);
	CHECK_INT(achieve_bound("1,200円 以下", &n), ACHIEVE_DIR_MAX);
	CHECK_DBL(n, 1200, 1e-9);
	CHECK_INT(achieve_bound("30分以内", &n), ACHIEVE_DIR_MAX);
	CHECK_DBL(n, 30, 1e-9);
	CHECK_INT(achieve_bound("-1.5以上", &n), ACHIEVE_DIR_MIN);
	CHECK_DBL(n, -1.5, 1e-9);
	n = -1;
	CHECK_INT(achieve_bound("90%未満", &n), ACHIEVE_DIR_UNKNOWN);
	/* A unit in a power of ten may not be the indicator's. */
	CHECK_INT(achieve_bound("1,200千円以下", &n), ACHIEVE_DIR_UNKNOWN);
	CHECK_INT(achieve_bound("12万人以上", &n), ACHIEVE_DIR_UNKNOWN);
	CHECK_INT(achieve_bound("3百万円以下", &n), ACHIEVE_DIR_UNKNOWN);
	CHECK_INT(achieve_bound("3件超", &n), ACHIEVE_DIR_UNKNOWN);
	CHECK_INT(achieve_bound("以下", &n), ACHIEVE_DIR_UNKNOWN);
	CHECK_INT(achieve_bound("県平均以下", &n), ACHIEVE_DIR_UNKNOWN);
	CHECK_INT(achieve_bound("月1回以上", &n), ACHIEVE_DIR_UNKNOWN);
	CHECK_INT(achieve_bound("90%以下を維持", &n), ACHIEVE_DIR_UNKNOWN);
	CHECK_INT(achieve_bound("1.2.3以上", &n), ACHIEVE_DIR_UNKNOWN);
	CHECK_INT(achieve_bound("実施", &n), ACHIEVE_DIR_UNKNOWN);
	CHECK_INT(achieve_bound(NULL, &n), ACHIEVE_DIR_UNKNOWN);
	CHECK_DBL(n, -1, 1e-9);
}

/* Such a target is compared by its number: in the indicator's direction,
 * else in the bound's; a text actual is still judged by the grade. */
TEST(bound_targets_rated)
{
	struct value		b = num(92.1);
	enum achieve_status	st;

	CHECK_DBL(rate(ACHIEVE_DIR_MAX, &b, text("90%以下"), num(85), &st),
	    100, 1e-9);
	CHECK_INT(st, ACHIEVE_OK);
	CHECK_DBL(rate(ACHIEVE_DIR_MAX, &b, text("90%以下"), num(91.5), &st),
	    90 / 91.5 * 100, 1e-9);
	/* No direction given: the bound's. */
	CHECK_DBL(rate(ACHIEVE_DIR_UNKNOWN, NULL, text("90%以下"), num(91.5),
	    &st), 90 / 91.5 * 100, 1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_UNKNOWN, NULL, text("3件以上"), num(2), &st),
	    2.0 / 3 * 100, 1e-9);
	/* The indicator's direction wins: 減少 from 92.1 to 90. */
	CHECK_DBL(rate(ACHIEVE_DIR_DOWN, &b, text("90%以下"), num(91.05), &st),
	    50, 1e-9);
	CHECK_DBL(rate(ACHIEVE_DIR_MAX, &b, text("90%以下"), text("未集計"),
	    &st), -1, 0);
	CHECK_INT(st, ACHIEVE_TEXT);
	CHECK_DBL(rate(ACHIEVE_DIR_MAX, &b, text("90%未満"), num(85), &st), -1,
	    0);
	CHECK_INT(st, ACHIEVE_TEXT);
}

/* A 累計 indicator is headed with （累計） once: not again after a
 * printed name that says it. */
TEST(indicator_title)
{
	char	*t;

	t = achieve_indicator_title("産後ケア利用者数", 1);
	CHECK_STR(t, "産後ケア利用者数（累計）");
	free(t);
	t = achieve_indicator_title("「移住促進住宅取得助成事業」申請者数（累計）", 1);
	CHECK_STR(t, "「移住促進住宅取得助成事業」申請者数（累計）");
	free(t);
	t = achieve_indicator_title("累計利用者数", 1);
	CHECK_STR(t, "累計利用者数");
	free(t);
	t = achieve_indicator_title("産後ケア利用者数", 0);
	CHECK_STR(t, "産後ケア利用者数");
	free(t);
}

TEST(status_text)
{
	CHECK_STR(achieve_status_text(ACHIEVE_OK), "");
	CHECK(strlen(achieve_status_text(ACHIEVE_TEXT)) > 0);
	CHECK(strlen(achieve_status_text(ACHIEVE_MISSING)) > 0);
	CHECK(strlen(achieve_status_text(ACHIEVE_NO_DIRECTION)) > 0);
	CHECK(strlen(achieve_status_text(ACHIEVE_UNDEFINED)) > 0);
}

int
main(void)
{
	RUN(up_with_baseline);
	RUN(up_without_baseline);
	RUN(up_target_equal_or_below_baseline_uses_ratio);
	RUN(down_with_baseline);
	RUN(down_without_baseline);
	RUN(keep);
	RUN(stay_at_or_above);
	RUN(stay_at_or_below);
	RUN(division_by_zero);
	RUN(clamped_to_999);
	RUN(missing_and_text);
	RUN(null_values_are_missing);
	RUN(non_finite_inputs_are_missing);
	RUN(cumulative);
	RUN(cumulative_text_actual);
	RUN(grade_suggestion);
	RUN(running_actual_while_typing);
	RUN(direction_names);
	RUN(status_text);
	RUN(indicator_title);
	RUN(bound_targets_read);
	RUN(bound_targets_rated);
	DONE();
}
