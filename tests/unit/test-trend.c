/*
 * Trend bars: which years get a cell (the baseline first, the plan's
 * years, or the indicator's own years when the plan prints no period),
 * each cell's level by the achievement formula (against the year's
 * target, else the final one; running totals for a cumulative
 * indicator), no data, text and years still to come, and the glyphs in
 * ASCII and in block elements.
 */
#include <stdlib.h>

#include "harness.h"
#include "shisaku/textwidth.h"
#include "shisaku/trend.h"

static struct value
num(double d)
{
	struct value	v = { VALUE_NUMBER, d, NULL };

	return v;
}

static struct value
text(const char *s)
{
	struct value	v = { VALUE_TEXT, 0, (char *)s };

	return v;
}

/* An up indicator from 40 (2020) to 50 (final, 2025), targets 42 44 46
 * 48 for 2021..2024, actuals 41 (2021), 44 (2022), 49 (2023). */
static struct value base40, final50, tv[4], av[3];
static struct trend_point tp[4], ap[3];

static struct trend_series
series(void)
{
	struct trend_series	s;
	int			i;

	base40 = num(40);
	final50 = num(50);
	for (i = 0; i < 4; i++) {
		tv[i] = num(42 + 2 * i);
		tp[i].fy = 2021 + i;
		tp[i].v = &tv[i];
	}
	av[0] = num(41);
	av[1] = num(44);
	av[2] = num(49);
	for (i = 0; i < 3; i++) {
		ap[i].fy = 2021 + i;
		ap[i].v = &av[i];
	}
	memset(&s, 0, sizeof s);
	s.dir = ACHIEVE_DIR_UP;
	s.base = &base40;
	s.base_fy = 2020;
	s.final = &final50;
	s.final_fy = 2025;
	s.targets = tp;
	s.ntargets = 4;
	s.actuals = ap;
	s.nactuals = 3;
	return s;
}

TEST(rate_of_a_year)
{
	struct trend_series	s = series();
	enum achieve_status	st;

	/* 2021: (41-40)/(42-40) = 50%. */
	CHECK_DBL(trend_rate(&s, 2021, &st), 50, 1e-9);
	CHECK_INT(st, ACHIEVE_OK);
	/* 2023: 49 against 46: achieved. */
	CHECK_DBL(trend_rate(&s, 2023, &st), 150, 1e-9);
	/* 2024: no actual. */
	CHECK_DBL(trend_rate(&s, 2024, &st), -1, 0);
	CHECK_INT(st, ACHIEVE_MISSING);
	/* A year without a target of its own is measured against the
	 * final one: 2022's 44 against 50 when 2022 has no target. */
	tp[1].fy = 1999;
	CHECK_DBL(trend_rate(&s, 2022, &st), 40, 1e-9);
	tp[1].fy = 2022;
}

TEST(cells_over_the_plan)
{
	struct trend_series	s = series();
	struct trend_cell	c[TREND_MAX_CELLS];
	size_t			n;
	char			*bar;

	/* Plan 2021..2025 seen in 2024: baseline, 5 years, 2025 to come. */
	n = trend_cells(&s, 2021, 2025, 2024, c);
	CHECK_INT(n, 6);
	CHECK_INT(c[0].fy, 2020);
	CHECK_INT(c[0].is_base, 1);
	CHECK_INT(c[0].mark, TREND_LEVEL);
	CHECK_DBL(c[0].rate, 0, 1e-9);		/* the start of the range */
	CHECK_INT(c[1].fy, 2021);
	CHECK_INT(c[1].is_base, 0);
	CHECK_DBL(c[1].rate, 50, 1e-9);
	CHECK_DBL(c[2].rate, 100, 1e-9);	/* 44 of 44 */
	CHECK_INT(c[4].mark, TREND_NO_DATA);	/* 2024: nothing reported */
	CHECK_INT(c[5].mark, TREND_LATER);	/* 2025: still to come */
	bar = trend_bar(c, n, TREND_ASCII);
	CHECK_STR(bar, "_-##? ");
	free(bar);
	bar = trend_bar(c, n, TREND_BLOCKS);
	CHECK_STR(bar, "▁▄██? ");
	CHECK_INT(tw_width(bar), 6);
	free(bar);
	/* Without a current year every missing year is no data. */
	n = trend_cells(&s, 2021, 2025, 0, c);
	CHECK_INT(c[5].mark, TREND_NO_DATA);
	/* A baseline inside the plan's years gets no cell of its own. */
	n = trend_cells(&s, 2019, 2025, 2024, c);
	CHECK_INT(n, 7);
	CHECK_INT(c[0].is_base, 0);
	CHECK_INT(c[0].fy, 2019);
}

TEST(cells_without_a_plan_period)
{
	struct trend_series	s = series();
	struct trend_cell	c[TREND_MAX_CELLS];
	size_t			n;

	/* After the baseline up to the final target's year. */
	n = trend_cells(&s, 0, 0, 2030, c);
	CHECK_INT(n, 6);
	CHECK_INT(c[0].fy, 2020);
	CHECK_INT(c[1].fy, 2021);
	CHECK_INT(c[5].fy, 2025);
	/* No baseline: from the earliest value. */
	s.base = NULL;
	s.base_fy = 0;
	n = trend_cells(&s, 0, 0, 2030, c);
	CHECK_INT(n, 5);
	CHECK_INT(c[0].fy, 2021);
	/* Nothing at all: no cells. */
	s.ntargets = s.nactuals = 0;
	s.final = NULL;
	CHECK_INT(trend_cells(&s, 0, 0, 2030, c), 0);
	/* A long plan is cut to TREND_MAX_CELLS. */
	s = series();
	CHECK_INT(trend_cells(&s, 2001, 2040, 2030, c), TREND_MAX_CELLS);
	CHECK_INT(c[0].fy, 2001);
}

TEST(levels_and_marks)
{
	struct trend_cell	c;
	static const struct {
		double		 rate;
		const char	*ascii, *blocks;
	} cases[] = {
		{ 0, "_", "▁" }, { 24.9, "_", "▂" }, { 25, ".", "▂" },
		{ 49.9, ".", "▄" }, { 50, "-", "▄" }, { 75, "=", "▆" },
		{ 99.9, "=", "▇" }, { 100, "#", "█" }, { 999, "#", "█" },
	};
	size_t			i;

	memset(&c, 0, sizeof c);
	c.mark = TREND_LEVEL;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		c.rate = cases[i].rate;
		CHECK_STR(trend_glyph(&c, TREND_ASCII), cases[i].ascii);
		CHECK_STR(trend_glyph(&c, TREND_BLOCKS), cases[i].blocks);
	}
	c.mark = TREND_NO_DATA;
	CHECK_STR(trend_glyph(&c, TREND_ASCII), "?");
	c.mark = TREND_TEXT;
	CHECK_STR(trend_glyph(&c, TREND_BLOCKS), "x");
	c.mark = TREND_LATER;
	CHECK_STR(trend_glyph(&c, TREND_ASCII), " ");
}

TEST(text_and_unknown_direction)
{
	struct trend_series	s = series();
	struct trend_cell	c[TREND_MAX_CELLS];
	struct value		done = text("実施");
	struct trend_point	p = { 2022, &done };
	char			*bar;
	size_t			n;

	/* A text actual is judged by the grade: x. */
	ap[1] = p;
	n = trend_cells(&s, 2021, 2023, 2030, c);
	CHECK_INT(c[2].mark, TREND_TEXT);
	bar = trend_bar(c, n, TREND_ASCII);
	CHECK_STR(bar, "_-x#");
	free(bar);
	/* An unknown direction gives no rate: ? where data exists. */
	s = series();
	s.dir = ACHIEVE_DIR_UNKNOWN;
	n = trend_cells(&s, 2021, 2022, 2030, c);
	bar = trend_bar(c, n, TREND_ASCII);
	CHECK_STR(bar, "???");
	free(bar);
	/* A text baseline (新規) draws x in its cell. */
	s = series();
	s.base = &done;
	n = trend_cells(&s, 2021, 2021, 2030, c);
	CHECK_INT(n, 2);
	CHECK_INT(c[0].mark, TREND_TEXT);
}

TEST(cumulative)
{
	struct trend_series	s = series();
	struct trend_cell	c[TREND_MAX_CELLS];
	enum achieve_status	st;
	struct value		t3 = num(60), a1 = num(5), a2 = num(5);
	struct trend_point	tps[1] = { { 2023, &t3 } };
	struct trend_point	aps[2] = { { 2021, &a1 }, { 2023, &a2 } };
	size_t			n;

	/* Running totals: 40 + 5 + 5 = 50 against 60 from 40: 50%. */
	s.cumulative = 1;
	s.targets = tps;
	s.ntargets = 1;
	s.actuals = aps;
	s.nactuals = 2;
	CHECK_DBL(trend_rate(&s, 2023, &st), 50, 1e-9);
	/* The baseline's cell is the baseline itself: 0% of the way. */
	n = trend_cells(&s, 2021, 2023, 2030, c);
	CHECK_INT(n, 4);
	CHECK_DBL(c[0].rate, 0, 1e-9);
	/* 2021: 45 against the final 50: half way. */
	CHECK_DBL(c[1].rate, 50, 1e-9);
}

TEST(legend)
{
	const char *const	*l;
	size_t			 n, i;
	int			 ok = 0;

	l = trend_legend(TREND_ASCII, &n);
	CHECK(n >= 3);
	for (i = 0; i < n; i++)
		ok += strstr(l[i], "# 100%以上") != NULL;
	CHECK_INT(ok, 1);
	l = trend_legend(TREND_BLOCKS, &n);
	for (i = 0, ok = 0; i < n; i++)
		ok += strstr(l[i], "█ 100%以上") != NULL;
	CHECK_INT(ok, 1);
}

int
main(void)
{
	RUN(rate_of_a_year);
	RUN(cells_over_the_plan);
	RUN(cells_without_a_plan_period);
	RUN(levels_and_marks);
	RUN(text_and_unknown_direction);
	RUN(cumulative);
	RUN(legend);
	DONE();
}
