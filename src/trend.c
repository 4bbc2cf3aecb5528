/*
 * The trend bar of an indicator (see trend.h): which fiscal years get a
 * cell, what each cell says, and the glyphs that draw it.
 *
 * A cell of a year is the achievement rate of achieve.h for that year:
 * the year's actual against the year's target, or the final target when
 * the year has none (as the indicator list measures it). The baseline's
 * cell measures the baseline itself the same way, so with a baseline the
 * bar starts at the bottom and climbs as the actuals near the target.
 *
 * Levels: ASCII has five, _ below 25%, . from 25%, - from 50%, = from
 * 75%, # at 100% (achieved); the blocks have eight, ▁ … ▇ in steps of a
 * seventh of the way to 100%, █ at 100%. A year with no actual is ?,
 * or blank when it is after the current fiscal year; a text value is x.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/trend.h"
#include "shisaku/util.h"

static const char *const trend_ascii_levels[] = { "_", ".", "-", "=", "#" };
#define TREND_NASCII (sizeof trend_ascii_levels / sizeof trend_ascii_levels[0])

static const char *const trend_block_levels[] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
};	/* ▁ ▂ ▃ ▄ ▅ ▆ ▇ █ */
#define TREND_NBLOCKS (sizeof trend_block_levels / sizeof trend_block_levels[0])

static const char *const trend_legend_ascii[] = {
	"推移: 1 文字が 1 年度（基準年度が先頭、続いて計画の各年度）の達成率",
	"  _ 25%未満  . 25%以上  - 50%以上  = 75%以上  # 100%以上（達成）",
	"  ? 実績なし・計算できない  x 文字の値（評価で判断）  空白 これからの年度",
};

static const char *const trend_legend_blocks[] = {
	"推移: 1 文字が 1 年度（基準年度が先頭、続いて計画の各年度）の達成率",
	"  ▁▂▃▄▅▆▇ 100%未満（高いほど目標に近い）  █ 100%以上（達成）",
	"  ? 実績なし・計算できない  x 文字の値（評価で判断）  空白 これからの年度",
};

/* The value of year fy among points, or NULL when none is given. */
static const struct value *
trend_find(const struct trend_point *p, size_t n, int fy)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (p[i].fy == fy && p[i].v != NULL &&
		    p[i].v->kind != VALUE_NONE)
			return p[i].v;
	return NULL;
}

/* The year's target, else the final one (a shallow copy; may be none). */
static struct value
trend_target(const struct trend_series *s, int fy)
{
	const struct value	*t = trend_find(s->targets, s->ntargets, fy);
	struct value		 none;

	if (t != NULL)
		return *t;
	if (s->final != NULL)
		return *s->final;
	memset(&none, 0, sizeof none);
	return none;
}

static double
trend_measure(const struct trend_series *s, const struct value *target,
    const struct value *actual, enum achieve_status *status)
{
	struct achieve_input	ain;

	memset(&ain, 0, sizeof ain);
	ain.dir = s->dir;
	ain.cumulative = s->cumulative;
	ain.base = s->base;
	ain.target = target;
	ain.actual = actual;
	return achieve_rate(&ain, status);
}

double
trend_rate(const struct trend_series *s, int fy, enum achieve_status *status)
{
	const struct value	*a = trend_find(s->actuals, s->nactuals, fy);
	struct value		 target = trend_target(s, fy), actual;
	struct value		*vals;
	int			*fys, n;
	size_t			 i;
	double			 sum = 0;

	memset(&actual, 0, sizeof actual);
	if (a != NULL)
		actual = *a;
	if (s->cumulative && a != NULL && a->kind == VALUE_NUMBER) {
		/* Running totals: the years after the baseline up to fy. */
		fys = xcalloc(s->nactuals + 1, sizeof *fys);
		vals = xcalloc(s->nactuals + 1, sizeof *vals);
		for (i = 0; i < s->nactuals; i++) {
			fys[i] = s->actuals[i].fy;
			if (s->actuals[i].v != NULL)
				vals[i] = *s->actuals[i].v;
		}
		n = achieve_sum_actuals(fys, vals, s->nactuals, s->base_fy, fy,
		    &sum);
		free(fys);
		free(vals);
		actual.text = NULL;
		if (n < 0)
			actual.kind = VALUE_TEXT;
		else if (n > 0) {
			actual.kind = VALUE_NUMBER;
			actual.num = sum;
		}
	}
	return trend_measure(s, &target, &actual, status);
}

/* The baseline measured against the target of its year, else the final
 * one: where the bar starts. */
static void
trend_base_cell(const struct trend_series *s, struct trend_cell *c)
{
	struct value		target = trend_target(s, s->base_fy), start;
	enum achieve_status	st;

	memset(c, 0, sizeof *c);
	c->fy = s->base_fy;
	c->is_base = 1;
	start = *s->base;
	if (s->cumulative && start.kind == VALUE_NUMBER) {
		/* Nothing summed yet: the running total is the baseline. */
		start.num = 0;
		start.text = NULL;
	}
	c->rate = trend_measure(s, &target, &start, &st);
	c->mark = st == ACHIEVE_OK ? TREND_LEVEL : st == ACHIEVE_TEXT ?
	    TREND_TEXT : TREND_NO_DATA;
}

static void
trend_year_cell(const struct trend_series *s, int fy, int today_fy,
    struct trend_cell *c)
{
	enum achieve_status	st;

	memset(c, 0, sizeof *c);
	c->fy = fy;
	c->rate = trend_rate(s, fy, &st);
	if (trend_find(s->actuals, s->nactuals, fy) == NULL)
		c->mark = today_fy != 0 && fy > today_fy ? TREND_LATER :
		    TREND_NO_DATA;
	else if (st == ACHIEVE_OK)
		c->mark = TREND_LEVEL;
	else if (st == ACHIEVE_TEXT)
		c->mark = TREND_TEXT;
	else
		c->mark = TREND_NO_DATA;
	if (c->mark != TREND_LEVEL)
		c->rate = -1;
}

static void
trend_span(const struct trend_point *p, size_t n, int *lo, int *hi)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (p[i].v == NULL || p[i].v->kind == VALUE_NONE || p[i].fy == 0)
			continue;
		if (*lo == 0 || p[i].fy < *lo)
			*lo = p[i].fy;
		if (p[i].fy > *hi)
			*hi = p[i].fy;
	}
}

size_t
trend_cells(const struct trend_series *s, int plan_first, int plan_last,
    int today_fy, struct trend_cell *cells)
{
	int	lo = 0, hi = 0, first, last, has_base, fy;
	size_t	n = 0;

	has_base = s->base != NULL && s->base->kind != VALUE_NONE &&
	    s->base_fy != 0;
	/* The years of the series' own values. */
	trend_span(s->targets, s->ntargets, &lo, &hi);
	trend_span(s->actuals, s->nactuals, &lo, &hi);
	if (s->final != NULL && s->final->kind != VALUE_NONE &&
	    s->final_fy != 0) {
		if (lo == 0 || s->final_fy < lo)
			lo = s->final_fy;
		if (s->final_fy > hi)
			hi = s->final_fy;
	}
	if (plan_first != 0)
		first = plan_first;
	else if (has_base && hi > s->base_fy)
		first = s->base_fy + 1;
	else
		first = lo;
	if (plan_last != 0)
		last = plan_last;
	else
		last = hi;
	if (first != 0 && last < first)
		last = plan_last != 0 ? 0 : first;	/* an empty period */
	if (first == 0 && last != 0)
		first = last;

	if (has_base && (first == 0 || s->base_fy < first))
		trend_base_cell(s, &cells[n++]);
	if (first == 0 || last == 0)
		return n;
	for (fy = first; fy <= last && n < TREND_MAX_CELLS; fy++)
		trend_year_cell(s, fy, today_fy, &cells[n++]);
	return n;
}

const char *
trend_glyph(const struct trend_cell *c, enum trend_style style)
{
	size_t	i;

	switch (c->mark) {
	case TREND_LEVEL:
		if (style == TREND_BLOCKS) {
			i = c->rate >= 100 ? TREND_NBLOCKS - 1 :
			    (size_t)(c->rate * (TREND_NBLOCKS - 1) / 100);
			if (i > TREND_NBLOCKS - 2 && c->rate < 100)
				i = TREND_NBLOCKS - 2;
			return trend_block_levels[i];
		}
		i = c->rate >= 100 ? TREND_NASCII - 1 :
		    (size_t)(c->rate * (TREND_NASCII - 1) / 100);
		if (i > TREND_NASCII - 2 && c->rate < 100)
			i = TREND_NASCII - 2;
		return trend_ascii_levels[i];
	case TREND_TEXT:
		return "x";
	case TREND_LATER:
		return " ";
	default:
		return "?";
	}
}

char *
trend_bar(const struct trend_cell *cells, size_t n, enum trend_style style)
{
	char	*bar, *p;
	size_t	 i, len;

	bar = xcalloc(n * 4 + 1, 1);
	for (i = 0, p = bar; i < n; i++) {
		const char *g = trend_glyph(&cells[i], style);

		len = strlen(g);
		memcpy(p, g, len);
		p += len;
	}
	*p = '\0';
	return bar;
}

const char *const *
trend_legend(enum trend_style style, size_t *n)
{
	if (style == TREND_BLOCKS) {
		*n = sizeof trend_legend_blocks / sizeof trend_legend_blocks[0];
		return trend_legend_blocks;
	}
	*n = sizeof trend_legend_ascii / sizeof trend_legend_ascii[0];
	return trend_legend_ascii;
}
