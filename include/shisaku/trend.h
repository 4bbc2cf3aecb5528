/*
 * The trend of an indicator over its fiscal years, as a compact bar of
 * one cell per year: the baseline year first when the baseline comes
 * before the plan's years, then the plan's years (or, for a plan that
 * prints no period, the years of the indicator's own data). Each cell
 * tells how far the year's actual had come toward the year's target
 * (else the final target) by the achievement formula of achieve.h, so a
 * cell is measured against the baseline-to-target range of the
 * indicator's direction where there is one.
 *
 * Drawn in ASCII (_ . - = #) or, when the terminal draws them one column
 * wide, in the block elements ▁▂▃▄▅▆▇█. No curses, no SQL.
 */
#ifndef SHISAKU_TREND_H
#define SHISAKU_TREND_H

#include <stddef.h>

#include "shisaku/achieve.h"
#include "shisaku/value.h"

/* At most this many cells, the baseline's included. */
#define TREND_MAX_CELLS 12

enum trend_style {
	TREND_ASCII,		/* _ . - = #: every terminal draws them */
	TREND_BLOCKS		/* ▁ … █: East Asian "ambiguous" characters */
};

/* What one cell says. */
enum trend_mark {
	TREND_LEVEL,		/* a rate was computed */
	TREND_NO_DATA,		/* no actual, or no rate can be computed */
	TREND_TEXT,		/* the target or the actual is text: the
				   indicator is judged by the grade */
	TREND_LATER		/* a year after the current one with nothing
				   reported yet */
};

/* A value of one fiscal year; v may be none. */
struct trend_point {
	int			 fy;
	const struct value	*v;
};

/* One indicator's values (borrowed: the caller keeps them alive). */
struct trend_series {
	enum achieve_dir	 dir;
	int			 cumulative;	/* 累計: actuals are summed */
	const struct value	*base;		/* NULL or none = unknown */
	int			 base_fy;	/* 0 = not given */
	const struct value	*final;		/* NULL or none = none */
	int			 final_fy;
	const struct trend_point *targets;	/* any order */
	size_t			 ntargets;
	const struct trend_point *actuals;	/* any order */
	size_t			 nactuals;
};

struct trend_cell {
	int			 fy;
	int			 is_base;	/* the baseline's cell */
	enum trend_mark		 mark;
	double			 rate;		/* TREND_LEVEL: 0 .. 999 */
};

/*
 * The achievement of the series in fiscal year fy: the year's actual
 * (for a cumulative indicator the sum of the actuals after the baseline
 * year up to fy) against the year's target, or the final target when the
 * year has none. Returns the rate as achieve_rate does (-1 when none;
 * *status, may be NULL, says why).
 */
double trend_rate(const struct trend_series *s, int fy,
    enum achieve_status *status);

/*
 * Fills cells (room for TREND_MAX_CELLS) for the series over the plan's
 * years plan_first .. plan_last (0 = not given: the series' own years
 * stand in: after the baseline year, else from its earliest value, up to
 * its final target's year or its latest value). A year after today_fy
 * (the current fiscal year; 0 = none) with no actual is TREND_LATER.
 * Returns the number of cells (0 when the series has no year at all).
 */
size_t trend_cells(const struct trend_series *s, int plan_first,
    int plan_last, int today_fy, struct trend_cell *cells);

/* The glyph of one cell (a static string of one column). */
const char *trend_glyph(const struct trend_cell *c, enum trend_style style);

/* The bar of n cells, one column each (malloc'd; "" when n is 0). */
char *trend_bar(const struct trend_cell *cells, size_t n,
    enum trend_style style);

/* The legend of the bar for help and man pages: *n lines of text. */
const char *const *trend_legend(enum trend_style style, size_t *n);

#endif
