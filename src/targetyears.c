/*
 * The years of an indicator's target fields (targetyears.h).
 */
#include <stdlib.h>

#include "shisaku/targetyears.h"
#include "shisaku/util.h"

static int
targetyears_cmp(const void *a, const void *b)
{
	int	x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

int *
targetyears_offer(int first, int last, int shown, const int *kept,
    size_t nkept, size_t *n)
{
	int	*years, from, count, fy;
	size_t	 i, j, have = 0;

	if (first > 0 && last >= first) {
		from = first;
		count = last - first + 1;
		if (count > TARGETYEARS_SPAN_MAX)
			count = TARGETYEARS_SPAN_MAX;
	} else {
		/* No period, half of one, or one that ends before it starts. */
		from = shown;
		count = shown > 0 ? TARGETYEARS_AHEAD : 0;
	}
	years = xcalloc((size_t)count + nkept + 1, sizeof *years);
	for (fy = from; fy < from + count; fy++)
		years[have++] = fy;
	for (i = 0; i < nkept; i++)
		if (kept[i] > 0)
			years[have++] = kept[i];
	qsort(years, have, sizeof *years, targetyears_cmp);
	for (i = j = 0; i < have; i++)
		if (j == 0 || years[j - 1] != years[i])
			years[j++] = years[i];
	*n = j;
	return years;
}
