/*
 * The forms a code had before Excel read it as a date or a number
 * (excelform.h).
 */
#include <stdio.h>
#include <string.h>

#include "shisaku/excelform.h"

static void
add_form(struct excel_origins *o, const char *fmt, int a, int b, int c)
{
	size_t	i;
	char	buf[EXCEL_ORIGIN_LEN];

	if (o->n >= EXCEL_ORIGINS_MAX)
		return;
	snprintf(buf, sizeof buf, fmt, a, b, c);
	for (i = 0; i < o->n; i++)
		if (strcmp(o->form[i], buf) == 0)
			return;
	memcpy(o->form[o->n++], buf, sizeof buf);
}

/* Whether s is all ASCII digits (at least one). */
static int
digits_only(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

void
excel_origins(const char *s, struct excel_origins *o)
{
	int	a, b, y, n = 0, zeros;
	size_t	len = strlen(s);

	memset(o, 0, sizeof *o);
	if (sscanf(s, "%2d月%2d日%n", &a, &b, &n) == 2 && s[n] == '\0' &&
	    a >= 1 && a <= 12 && b >= 1 && b <= 31) {
		o->change = EXCEL_MONTH_DAY;
		add_form(o, "%d-%d", a, b, 0);
		add_form(o, "%d/%d", a, b, 0);
		add_form(o, "%02d-%02d", a, b, 0);
	} else if (sscanf(s, "%4d/%2d/%2d%n", &y, &a, &b, &n) == 3 &&
	    s[n] == '\0' && y >= 1900 && a >= 1 && a <= 12 && b >= 1 &&
	    b <= 31) {
		/* Excel takes a first part below 30 as 20xx, else 19xx. */
		o->change = EXCEL_DATE;
		add_form(o, "%d-%d-%d", y % 100, a, b);
		add_form(o, "%02d-%02d-%02d", y % 100, a, b);
		add_form(o, "%d-%d-%d", y, a, b);
	} else if (s[0] == '-' && digits_only(s + 1) &&
	    len + 1 < EXCEL_ORIGIN_LEN) {
		o->change = EXCEL_NEGATIVE;
		snprintf(o->form[o->n++], EXCEL_ORIGIN_LEN, "(%s)", s + 1);
	} else if (digits_only(s) && s[0] != '0' &&
	    len + 3 < EXCEL_ORIGIN_LEN) {
		o->change = EXCEL_ZEROS;
		for (zeros = 1; zeros <= 3; zeros++)
			snprintf(o->form[o->n++], EXCEL_ORIGIN_LEN, "%.*s%s",
			    zeros, "000", s);
	}
}

const char *
excel_change_words(enum excel_change c)
{
	switch (c) {
	case EXCEL_MONTH_DAY:
	case EXCEL_DATE:
		return "を日付に変えた";
	case EXCEL_NEGATIVE:
		return "を負の数に変えた";
	case EXCEL_ZEROS:
		return "の先頭の 0 を落とした";
	case EXCEL_NONE:
		break;
	}
	return "";
}
