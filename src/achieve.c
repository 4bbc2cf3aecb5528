/*
 * Achievement rate (達成率) of an indicator for one fiscal year.
 *
 * Inputs: the direction, the baseline B (基準値; optional), the year's
 * target T and the year's actual A. The result is a percentage clamped to
 * 0..999, or "not computable".
 *
 *   増加 up      B known and T > B:  (A - B) / (T - B) x 100
 *                otherwise:          A / T x 100
 *   減少 down    B known and T < B:  (B - A) / (B - T) x 100
 *                otherwise:          T / A x 100
 *   維持 keep    A >= T:  100        otherwise:  A / T x 100
 *   以上 min     A >= T:  100        otherwise:  A / T x 100
 *   以下 max     A <= T:  100        otherwise:  T / A x 100
 *
 * With a baseline the rate of up and down measures how much of the way
 * from the baseline to the target has been covered, so an indicator that
 * has not moved scores 0 and one that reached its target 100. The ratio
 * forms are used when there is no baseline, or when the target lies on
 * the wrong side of the baseline for the direction (then "the way from the
 * baseline" has no meaning). A keep target is read as a level to hold
 * from below, like 以上; a level to hold from above is 以下.
 *
 * A target printed with a bound after its number (90%以下, 3件以上,
 * 30分以内) is kept as text but compared by its number: T = 90 with the
 * indicator's direction, or with the bound's (以下 and 以内 max, 以上
 * min) when the indicator gives none.
 *
 * Not computable (-1) when the target or the actual is text (such
 * indicators are judged by the grade), when either is not given, when the
 * direction is unknown, and when a ratio would divide by zero or by a
 * negative number. A baseline given as text counts as no baseline.
 *
 * Cumulative (累計) indicators: each year's actual is what was achieved in
 * that year; the baseline and the targets are running totals. The caller
 * passes as A the sum of the yearly actuals after the baseline year up to
 * the year (achieve_sum_actuals), and the running total compared with the
 * target is B + A (A alone without a baseline).
 */

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/achieve.h"
#include "shisaku/util.h"
#include "shisaku/vocab.h"

static int
achieve_is_number(const struct value *v)
{
	return v != NULL && v->kind == VALUE_NUMBER && isfinite(v->num);
}

static int
achieve_is_text(const struct value *v)
{
	return v != NULL && v->kind == VALUE_TEXT;
}

/* num / den x 100, or NAN when den is not positive. */
static double
achieve_ratio(double num, double den)
{
	if (!(den > 0))
		return NAN;
	return num / den * 100;
}

static double
achieve_up(double a, double t, const double *b)
{
	if (b != NULL && t > *b)
		return (a - *b) / (t - *b) * 100;
	return achieve_ratio(a, t);
}

static double
achieve_down(double a, double t, const double *b)
{
	if (b != NULL && t < *b)
		return (*b - a) / (*b - t) * 100;
	return achieve_ratio(t, a);
}

/* The unclamped rate, NAN when a ratio divides by zero or less. */
static double
achieve_formula(enum achieve_dir dir, double a, double t, const double *b)
{
	switch (dir) {
	case ACHIEVE_DIR_UP:
		return achieve_up(a, t, b);
	case ACHIEVE_DIR_DOWN:
		return achieve_down(a, t, b);
	case ACHIEVE_DIR_KEEP:
	case ACHIEVE_DIR_MIN:
		return a >= t ? 100 : achieve_ratio(a, t);
	case ACHIEVE_DIR_MAX:
		return a <= t ? 100 : achieve_ratio(t, a);
	default:
		return NAN;
	}
}

/* Why no rate can be had from the input, or ACHIEVE_OK if one can. */
static enum achieve_status
achieve_check(const struct achieve_input *in)
{
	if (achieve_is_text(in->target) || achieve_is_text(in->actual))
		return ACHIEVE_TEXT;
	if (!achieve_is_number(in->target) || !achieve_is_number(in->actual))
		return ACHIEVE_MISSING;
	if (in->dir <= ACHIEVE_DIR_UNKNOWN || in->dir > ACHIEVE_DIR_MIN)
		return ACHIEVE_NO_DIRECTION;
	return ACHIEVE_OK;
}

/* Whether s ends with word; its length without it in *head. */
static int
achieve_ends_with(const char *s, size_t n, const char *word, size_t *head)
{
	size_t	w = strlen(word);

	if (n < w || memcmp(s + n - w, word, w) != 0)
		return 0;
	*head = n - w;
	return 1;
}

/* Whether a unit holds a word for a power of ten. */
static int
achieve_has_power(const char *unit)
{
	static const char *const words[] = { "十", "百", "千", "万", "億", "兆" };
	size_t	k;

	for (k = 0; k < sizeof words / sizeof words[0]; k++)
		if (strstr(unit, words[k]) != NULL)
			return 1;
	return 0;
}

enum achieve_dir
achieve_bound(const char *text, double *num)
{
	char		*t, *head, *unit;
	size_t		 n, len;
	struct value	 v = { VALUE_NONE, 0, NULL };
	enum achieve_dir dir = ACHIEVE_DIR_UNKNOWN;

	if (text == NULL)
		return dir;
	t = value_trim(text);
	n = strlen(t);
	if (achieve_ends_with(t, n, "以下", &len) ||
	    achieve_ends_with(t, n, "以内", &len))
		dir = ACHIEVE_DIR_MAX;
	else if (achieve_ends_with(t, n, "以上", &len))
		dir = ACHIEVE_DIR_MIN;
	if (dir == ACHIEVE_DIR_UNKNOWN) {
		free(t);
		return dir;
	}
	t[len] = '\0';
	/* In ASCII (value_normalize): the number's part is its digits,
	 * signs, commas and points. What follows it is its unit, as
	 * printed: one that counts in a power of ten (千円, 万人) could be
	 * the indicator's or not, and the number read would be a thousand
	 * times off. */
	head = value_normalize(t);
	n = strspn(head, "0123456789,.+-");
	unit = value_trim(head + n);
	if (n == 0 || achieve_has_power(unit) ||
	    value_parse(head, unit, &v, NULL) != 0 ||
	    v.kind != VALUE_NUMBER || !isfinite(v.num))
		dir = ACHIEVE_DIR_UNKNOWN;
	else
		*num = v.num;
	value_clear(&v);
	free(unit);
	free(head);
	free(t);
	return dir;
}

double
achieve_rate(const struct achieve_input *given, enum achieve_status *status)
{
	struct achieve_input	 use = *given, *in = &use;
	struct value		 bound;
	enum achieve_status	 st;
	enum achieve_dir	 bdir;
	double			 a, base, rate;
	const double		*b = NULL;

	if (achieve_is_text(given->target) &&
	    (bdir = achieve_bound(given->target->text, &bound.num)) !=
	    ACHIEVE_DIR_UNKNOWN) {
		bound.kind = VALUE_NUMBER;
		bound.text = NULL;
		in->target = &bound;
		if (in->dir == ACHIEVE_DIR_UNKNOWN)
			in->dir = bdir;
	}
	st = achieve_check(in);
	if (st == ACHIEVE_OK) {
		if (achieve_is_number(in->base)) {
			base = in->base->num;
			b = &base;
		}
		a = in->actual->num;
		if (in->cumulative && b != NULL)
			a += *b;
		rate = achieve_formula(in->dir, a, in->target->num, b);
		if (isnan(rate))
			st = ACHIEVE_UNDEFINED;
	}
	if (status != NULL)
		*status = st;
	if (st != ACHIEVE_OK)
		return -1;
	if (rate < 0)
		return 0;
	return rate > ACHIEVE_RATE_MAX ? ACHIEVE_RATE_MAX : rate;
}

int
achieve_sum_actuals(const int *fys, const struct value *actuals, size_t n,
    int after_fy, int fy, double *sum)
{
	size_t	i;
	int	count = 0;
	double	s = 0;

	for (i = 0; i < n; i++) {
		if (fys[i] <= after_fy || fys[i] > fy)
			continue;
		if (actuals[i].kind == VALUE_TEXT)
			return -1;
		if (actuals[i].kind == VALUE_NUMBER) {
			s += actuals[i].num;
			count++;
		}
	}
	*sum = s;
	return count;
}

void
achieve_running_actual(const struct value *typed, int cumulative,
    double prior_sum, int prior_count, struct value *out)
{
	*out = *typed;
	if (!cumulative || typed->kind != VALUE_NUMBER)
		return;
	out->text = NULL;	/* the printed form is the year's, not the sum's */
	if (prior_count < 0)
		out->kind = VALUE_TEXT;
	else
		out->num = typed->num + prior_sum;
}

/* D of the default scale is 未実施 (not carried out), so only a rate of 0
 * suggests it; any progress short of 80% is C (未達成). */
const char *
achieve_grade_suggest(double rate)
{
	if (!(rate >= 0))
		return NULL;
	if (rate >= 100)
		return "A";
	if (rate >= 80)
		return "B";
	if (rate > 0)
		return "C";
	return "D";
}

/* The directions' database keys, in enum order; the words users type and
 * see are those of the vocabulary (vocab.c), not repeated here. */
static const char *const achieve_dir_keys[] = {
	[ACHIEVE_DIR_UNKNOWN] = "",
	[ACHIEVE_DIR_UP] = "up",
	[ACHIEVE_DIR_DOWN] = "down",
	[ACHIEVE_DIR_KEEP] = "keep",
	[ACHIEVE_DIR_MAX] = "max",
	[ACHIEVE_DIR_MIN] = "min",
};
#define ACHIEVE_NDIRS (sizeof achieve_dir_keys / sizeof achieve_dir_keys[0])

int
achieve_dir_parse(const char *text)
{
	const char	*key;
	size_t		 i;

	if (text == NULL || text[0] == '\0')
		return ACHIEVE_DIR_UNKNOWN;
	if ((key = vocab_key(VOCAB_DIRECTION, text)) == NULL)
		return -1;
	for (i = 1; i < ACHIEVE_NDIRS; i++)
		if (strcmp(key, achieve_dir_keys[i]) == 0)
			return (int)i;
	return -1;
}

const char *
achieve_dir_name(enum achieve_dir dir)
{
	return (size_t)dir < ACHIEVE_NDIRS ? achieve_dir_keys[dir] : "";
}

const char *
achieve_dir_label(enum achieve_dir dir)
{
	const char	*label = vocab_label(VOCAB_DIRECTION, achieve_dir_name(dir));

	return label != NULL ? label : "";
}

const char *
achieve_status_text(enum achieve_status status)
{
	switch (status) {
	case ACHIEVE_OK:
		return "";
	case ACHIEVE_TEXT:
		return "文字の値のため評価で判断";
	case ACHIEVE_MISSING:
		return "目標値または実績値が未入力";
	case ACHIEVE_NO_DIRECTION:
		return "指標の方向が未設定";
	case ACHIEVE_UNDEFINED:
		return "0 または負の値で割るため算出不可";
	}
	return "";
}

char *
achieve_indicator_title(const char *name, int cumulative)
{
	return xasprintf("%s%s", name, cumulative && strstr(name, "累計") ==
	    NULL ? "（累計）" : "");
}
