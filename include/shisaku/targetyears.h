/*
 * The fiscal years an indicator's form offers a target field for: the
 * years the plan schedules (the item's period, or the plan's), else the
 * years ahead of the one the user is looking at, and always every year
 * the indicator already has a value for, so that a save, which writes
 * the form's years as the whole list of targets, never drops one. No
 * curses, no SQL.
 */
#ifndef SHISAKU_TARGETYEARS_H
#define SHISAKU_TARGETYEARS_H

#include <stddef.h>

/* Years offered from the shown one on when there is no period. */
#define TARGETYEARS_AHEAD 5
/* A period longer than this offers only its first years. */
#define TARGETYEARS_SPAN_MAX 60

/*
 * The years to offer, ascending and distinct, as a malloc'd array of *n
 * (never empty when shown > 0): first..last when both are given (0 = not
 * given) and first is not after last (at most TARGETYEARS_SPAN_MAX of
 * them), else TARGETYEARS_AHEAD years from shown; together with every
 * year in kept[] (the years that have a target, the final target's
 * year, years typed in a draft), which are never left out. Years of 0
 * or less are ignored.
 */
int *targetyears_offer(int first, int last, int shown, const int *kept,
    size_t nkept, size_t *n);

#endif
