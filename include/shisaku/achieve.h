/*
 * Achievement (達成率) of an indicator for one fiscal year, from its
 * baseline, the year's target and the year's actual, according to the
 * indicator's direction. The formula is documented in src/achieve.c and in
 * the man page. Text-valued indicators are judged by the grade, not by a
 * formula. No curses, no SQL.
 */
#ifndef SHISAKU_ACHIEVE_H
#define SHISAKU_ACHIEVE_H

#include <stddef.h>

#include "shisaku/value.h"

enum achieve_dir {
	ACHIEVE_DIR_UNKNOWN,
	ACHIEVE_DIR_UP,		/* 増加: higher is better */
	ACHIEVE_DIR_DOWN,	/* 減少: lower is better */
	ACHIEVE_DIR_KEEP,	/* 維持: keep the target level */
	ACHIEVE_DIR_MAX,	/* 以下: stay at or below the target */
	ACHIEVE_DIR_MIN		/* 以上: stay at or above the target */
};

enum achieve_status {
	ACHIEVE_OK,		/* a rate was computed */
	ACHIEVE_TEXT,		/* the target or the actual is text */
	ACHIEVE_MISSING,	/* the target or the actual is not given */
	ACHIEVE_NO_DIRECTION,	/* the direction is unknown */
	ACHIEVE_UNDEFINED	/* the formula divides by zero or a
				   negative amount */
};

/* Highest rate reported; larger results are clamped to it. */
#define ACHIEVE_RATE_MAX 999.0

struct achieve_input {
	enum achieve_dir	 dir;
	int			 cumulative;	/* 1: a 累計 indicator */
	const struct value	*base;		/* NULL or none = unknown */
	const struct value	*target;	/* the year's target */
	/*
	 * The year's actual; for a cumulative indicator the sum of the yearly
	 * actuals after the baseline year up to this year (see
	 * achieve_sum_actuals).
	 */
	const struct value	*actual;
};

/*
 * A target printed as a number with a bound after it, as plans print
 * them (「90%以下」, 「３件以上」, 「30分以内」): a value a plan file and
 * the forms keep as text, as written. Returns ACHIEVE_DIR_MAX for 以下
 * and 以内, ACHIEVE_DIR_MIN for 以上, with the number in *num; else
 * ACHIEVE_DIR_UNKNOWN. 未満 and 超 are not read: a rate cannot tell a
 * bound met exactly from one missed.
 */
enum achieve_dir achieve_bound(const char *text, double *num);

/*
 * Returns the achievement rate in percent, clamped to 0..999, or -1 when
 * it cannot be computed; *status (may be NULL) tells which. A text
 * target that achieve_bound reads is compared by its number, in the
 * indicator's direction or, when that is unknown, the bound's.
 */
double achieve_rate(const struct achieve_input *in,
    enum achieve_status *status);

/*
 * Sums the numeric actuals actuals[i] of the years fys[i] with
 * after_fy < fys[i] <= fy (after_fy 0: every year up to fy) into *sum.
 * Returns how many values were summed (0: none, treat as missing), or -1
 * when one of them is text, so that no sum is made.
 */
int achieve_sum_actuals(const int *fys, const struct value *actuals,
    size_t n, int after_fy, int fy, double *sum);

/*
 * The actual a fiscal year is measured by while its value is being typed:
 * the value itself, or for a cumulative indicator the running total
 * prior_sum + the value, where prior_sum is the sum of the numeric
 * actuals of the years after the baseline year and before this one and
 * prior_count how many (as achieve_sum_actuals counts; -1: one of them is
 * text, so there is no total and the year reads as text). *out is a view
 * that borrows typed's text: never value_clear it.
 */
void achieve_running_actual(const struct value *typed, int cumulative,
    double prior_sum, int prior_count, struct value *out);

/*
 * The default grade the rate suggests: "A" at 100 or more, "B" at 80 or
 * more, "C" above 0, "D" at 0; NULL when rate is negative (not
 * computable). Only a suggestion: the grade is the evaluator's decision.
 */
const char *achieve_grade_suggest(double rate);

/* Reads a direction as the plan file writes it (増加 減少 維持 以下 以上,
 * or up down keep max min; empty = unknown). Returns -1 if none. */
int achieve_dir_parse(const char *text);

/* The ASCII name ("up", ""for unknown) and the Japanese label ("増加"). */
const char *achieve_dir_name(enum achieve_dir dir);
const char *achieve_dir_label(enum achieve_dir dir);

/* A short Japanese reason for a status other than ACHIEVE_OK. */
const char *achieve_status_text(enum achieve_status status);

/* An indicator's name as a screen heads it: a 累計 indicator's with
 * （累計） after it, unless its printed name says 累計 already
 * (「申請者数（累計）」). malloc'd. */
char *achieve_indicator_title(const char *name, int cumulative);

#endif
