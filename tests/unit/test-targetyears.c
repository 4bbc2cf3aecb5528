/*
 * The years an indicator's form offers targets for: a plan or item with
 * a period offers its years, one without offers the years ahead of the
 * shown one, and a year that has a target or the final target is never
 * left out, whatever the year shown.
 */

#include <stdlib.h>

#include "harness.h"
#include "shisaku/targetyears.h"

/* Checks the offer against want[] (ascending, nwant of them). */
static int
offer_is(int first, int last, int shown, const int *kept, size_t nkept,
    const int *want, size_t nwant)
{
	size_t	 n, i;
	int	*got = targetyears_offer(first, last, shown, kept, nkept, &n);
	int	 same = n == nwant;

	for (i = 0; same && i < n; i++)
		same = got[i] == want[i];
	if (!same) {
		fprintf(stderr, "offered");
		for (i = 0; i < n; i++)
			fprintf(stderr, " %d", got[i]);
		fputc('\n', stderr);
	}
	free(got);
	return same;
}

/* The add form of a plan without a period: R9–R13 from R9. */
TEST(no_period_new_indicator)
{
	static const int	want[] = { 2027, 2028, 2029, 2030, 2031 };

	CHECK(offer_is(0, 0, 2027, NULL, 0, want, 5));
}

/* 合計特殊出生率: targets R8 and R9, final target R12, no period. The
 * years from the shown one come with every year that has a value. */
TEST(no_period_existing_targets)
{
	static const int	kept[] = { 2026, 2027, 2030 };
	static const int	at_r9[] = { 2026, 2027, 2028, 2029, 2030, 2031 };
	static const int	at_r11[] = { 2026, 2027, 2029, 2030, 2031, 2032,
		2033 };
	static const int	at_r5[] = { 2023, 2024, 2025, 2026, 2027, 2030 };

	CHECK(offer_is(0, 0, 2027, kept, 3, at_r9, 6));
	CHECK(offer_is(0, 0, 2029, kept, 3, at_r11, 7));
	/* A year before every target shows them all the same. */
	CHECK(offer_is(0, 0, 2023, kept, 3, at_r5, 6));
}

/* A period decides alone, whatever the shown year, with the years that
 * have a value outside it (a target typed before the period changed). */
TEST(period_unchanged)
{
	static const int	kept[] = { 2024, 2025, 2028 };
	static const int	period[] = { 2024, 2025, 2026, 2027, 2028 };
	static const int	outside[] = { 2020, 2024, 2025, 2026, 2027, 2028,
		2035 };
	static const int	kept2[] = { 2035, 2020 };

	CHECK(offer_is(2024, 2028, 2029, kept, 3, period, 5));
	CHECK(offer_is(2024, 2028, 2027, NULL, 0, period, 5));
	CHECK(offer_is(2024, 2028, 2040, kept2, 2, outside, 7));
}

/* Half a period, or one that ends before it starts, is no period. */
TEST(half_period)
{
	static const int	want[] = { 2026, 2027, 2028, 2029, 2030 };

	CHECK(offer_is(2020, 0, 2026, NULL, 0, want, 5));
	CHECK(offer_is(0, 2030, 2026, NULL, 0, want, 5));
	CHECK(offer_is(2030, 2020, 2026, NULL, 0, want, 5));
}

/* Years not set (0) are not offered; a year kept twice appears once. */
TEST(blank_and_repeated)
{
	static const int	kept[] = { 0, 2028, 2028, -1 };
	static const int	want[] = { 2026, 2027, 2028, 2029, 2030 };

	CHECK(offer_is(0, 0, 2026, kept, 4, want, 5));
}

/* A very long period is cut, but never a year that has a target. */
TEST(long_period_keeps_targets)
{
	static const int	kept[] = { 1900, 2199 };
	size_t			 n;
	int			*got = targetyears_offer(1900, 2200, 2026, kept, 2,
	    &n);

	CHECK_INT(n, TARGETYEARS_SPAN_MAX + 1);
	CHECK_INT(got[0], 1900);
	CHECK_INT(got[TARGETYEARS_SPAN_MAX - 1], 1900 + TARGETYEARS_SPAN_MAX - 1);
	CHECK_INT(got[n - 1], 2199);
	free(got);
}

int
main(void)
{
	RUN(no_period_new_indicator);
	RUN(no_period_existing_targets);
	RUN(period_unchanged);
	RUN(half_period);
	RUN(blank_and_repeated);
	RUN(long_period_keeps_targets);
	DONE();
}
