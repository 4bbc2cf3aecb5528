/*
 * Fiscal years and Japanese eras: reading a year as users type it or
 * documents print it (2025, R7, 令和7年度, 令和元年度, H29, full-width
 * forms), writing it in the configured style, and finding the fiscal year
 * of a moment. A fiscal year is named by the western year it starts in.
 * Written with an era, it takes the era in force in that calendar year,
 * as city halls write it: 2019 is 令和元年度 and 1989 is 平成元年度. Input
 * takes the older name too (平成31年度 = 2019).
 */

#define _POSIX_C_SOURCE 200809L	/* localtime_r */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "shisaku/fy.h"
#include "shisaku/value.h"
#include "shisaku/util.h"

struct fy_era {
	const char	*name;		/* 令和 */
	char		 letter;	/* R */
	int		 first;		/* western year of 元年 */
};

/* Newest first, so the first era not starting after a year is its era. */
static const struct fy_era fy_eras[] = {
	{ "令和", 'R', 2019 },
	{ "平成", 'H', 1989 },
	{ "昭和", 'S', 1926 },
	{ "大正", 'T', 1912 },
	{ "明治", 'M', 1868 },
};
#define FY_NERAS (sizeof fy_eras / sizeof fy_eras[0])

static const char fy_examples[] = "（例: 2025, R7, 令和7年度）";

static const struct fy_era *
fy_era_of(int fy)
{
	size_t	i;

	for (i = 0; i < FY_NERAS; i++) {
		if (fy >= fy_eras[i].first)
			return &fy_eras[i];
	}
	return NULL;
}

/* Sets *cause to "<what>: "<text>"<tail>" (or just what when text is
 * NULL), the text cut to a sane length. */
static void
fy_set_cause(char **cause, const char *what, const char *text,
    const char *tail)
{
	char	shown[64];
	size_t	n;

	if (cause == NULL)
		return;
	if (text == NULL) {
		*cause = xstrdup(what);
		return;
	}
	n = strlen(text);
	if (n >= sizeof shown - 4) {
		/* Cut at a character boundary and mark the cut. */
		n = sizeof shown - 4;
		while (n > 0 && ((unsigned char)text[n] & 0xc0) == 0x80)
			n--;
		snprintf(shown, sizeof shown, "%.*s…", (int)n, text);
	} else
		snprintf(shown, sizeof shown, "%s", text);
	*cause = xasprintf("%s: \"%s\"%s", what, shown, tail);
}

static const char *
fy_skip_blanks(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* Reads 1 to 9 ASCII digits at *p into *out and advances *p; returns
 * how many were read, 0 when none or too many. */
static int
fy_read_digits(const char **p, int *out)
{
	const char	*s = *p;
	int		 n = 0, v = 0;

	while (*s >= '0' && *s <= '9') {
		if (++n > 9)
			return 0;
		v = v * 10 + (*s - '0');
		s++;
	}
	if (n == 0)
		return 0;
	*out = v;
	*p = s;
	return n;
}

/* Matches an era name or letter at *p; advances *p past it. */
static const struct fy_era *
fy_read_era(const char **p)
{
	size_t	i, n;
	char	c = **p;

	if (c >= 'a' && c <= 'z')
		c = (char)(c - 'a' + 'A');
	for (i = 0; i < FY_NERAS; i++) {
		n = strlen(fy_eras[i].name);
		if (strncmp(*p, fy_eras[i].name, n) == 0) {
			*p += n;
			return &fy_eras[i];
		}
		if (c == fy_eras[i].letter) {
			*p += 1;
			return &fy_eras[i];
		}
	}
	return NULL;
}

/* Drops a trailing "年度" or "年" (and blanks before it) from s in place. */
static void
fy_strip_suffix(char *s)
{
	size_t	n = strlen(s);

	if (n >= 6 && strcmp(s + n - 6, "年度") == 0)
		n -= 6;
	else if (n >= 3 && strcmp(s + n - 3, "年") == 0)
		n -= 3;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	s[n] = '\0';
}

/* Returns a malloc'd copy of the normalised text without blanks around. */
static char *
fy_clean(const char *text)
{
	char	*norm = value_normalize(text), *start, *end;

	start = norm;
	while (*start == ' ' || *start == '\t' || *start == '\r' ||
	    *start == '\n')
		start++;
	end = start + strlen(start);
	while (end > start && (end[-1] == ' ' || end[-1] == '\t' ||
	    end[-1] == '\r' || end[-1] == '\n'))
		end--;
	*end = '\0';
	memmove(norm, start, strlen(start) + 1);
	return norm;
}

/* What reading a year found: a year, or why there is none. */
enum fy_read {
	FY_READ_OK,
	FY_READ_UNREADABLE,
	FY_READ_ERA_ZERO	/* "H0": eras start at 元年 */
};

/* Reads the era year's number at *p: "元" or one to three digits (令和
 * reaches its year 182 at FY_MAX). */
static enum fy_read
fy_read_era_number(const char **p, int *n)
{
	const char	*s = *p;

	if (strncmp(s, "元", strlen("元")) == 0) {
		*n = 1;
		*p = s + strlen("元");
		return FY_READ_OK;
	}
	if (fy_read_digits(&s, n) == 0 || s - *p > 3)
		return FY_READ_UNREADABLE;
	*p = s;
	return *n == 0 ? FY_READ_ERA_ZERO : FY_READ_OK;
}

/* Reads an era year ("R7", "令和元", "令和7(2025)") making up all of p. */
static enum fy_read
fy_parse_era(const char *p, int *year)
{
	const struct fy_era	*era;
	enum fy_read		 rc;
	int			 n, west;

	if ((era = fy_read_era(&p)) == NULL)
		return FY_READ_UNREADABLE;
	p = fy_skip_blanks(p);
	if ((rc = fy_read_era_number(&p, &n)) != FY_READ_OK)
		return rc;
	*year = era->first + n - 1;
	/* The combined style "令和7(2025)" must agree with itself. */
	if (*p == '(') {
		p++;
		if (fy_read_digits(&p, &west) == 0 || *p != ')' ||
		    west != *year)
			return FY_READ_UNREADABLE;
		p++;
	}
	return *fy_skip_blanks(p) == '\0' ? FY_READ_OK : FY_READ_UNREADABLE;
}

/* Reads a western year made of digits alone; its range is checked later
 * so that "99999" is told it is out of range rather than unreadable. */
static enum fy_read
fy_parse_western(const char *p, int *year)
{
	if (fy_read_digits(&p, year) == 0 || *p != '\0')
		return FY_READ_UNREADABLE;
	return FY_READ_OK;
}

int
fy_parse(const char *text, char **cause)
{
	enum fy_read	 rc;
	char		*s;
	int		 y = 0;

	if (text == NULL)
		text = "";
	if (!utf8_valid(text, strlen(text), NULL)) {
		fy_set_cause(cause, "年度に UTF-8 として不正な文字があります",
		    NULL, "");
		return -1;
	}
	s = fy_clean(text);
	fy_strip_suffix(s);
	rc = fy_parse_era(s, &y);
	if (rc == FY_READ_UNREADABLE)
		rc = fy_parse_western(s, &y);
	free(s);
	if (rc == FY_READ_ERA_ZERO) {
		fy_set_cause(cause, "元号の年は元年（1年）からです", text, "");
		return -1;
	}
	if (rc == FY_READ_UNREADABLE) {
		fy_set_cause(cause, "年度を読み取れません", text, fy_examples);
		return -1;
	}
	if (y < FY_MIN || y > FY_MAX) {
		fy_set_cause(cause, "年度が範囲外です", text,
		    "（1868〜2200年度）");
		return -1;
	}
	return y;
}

/* One side of a period: blank = 0. */
static int
fy_parse_side(const char *text, size_t len, int *fy, char **cause)
{
	char	*side = xstrndup(text, len);
	char	*clean = fy_clean(side);

	*fy = 0;
	if (clean[0] != '\0' && (*fy = fy_parse(side, cause)) < 0) {
		free(clean);
		free(side);
		return -1;
	}
	free(clean);
	free(side);
	return 0;
}

int
fy_parse_range(const char *text, int *first, int *last, char **cause)
{
	static const char *const seps[] = {
		"\xe3\x80\x9c", "\xef\xbd\x9e", "~", "-", "\xef\xbc\x8d",
		"\xe2\x86\x92", "\xe3\x81\x8b\xe3\x82\x89"	/* 〜 ～ ~ - － → から */
	};
	const char	*sep = NULL, *p;
	size_t		 i, seplen = 0;

	*first = *last = 0;
	if (cause != NULL)
		*cause = NULL;
	if (text == NULL)
		return 0;
	for (i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		p = strstr(text, seps[i]);
		if (p != NULL && (sep == NULL || p < sep)) {
			sep = p;
			seplen = strlen(seps[i]);
		}
	}
	if (sep == NULL) {
		if (fy_parse_side(text, strlen(text), first, cause) != 0)
			return -1;
		*last = *first;
		return 0;
	}
	if (fy_parse_side(text, (size_t)(sep - text), first, cause) != 0 ||
	    fy_parse_side(sep + seplen, strlen(sep + seplen), last, cause) != 0)
		return -1;
	if (*first != 0 && *last != 0 && *first > *last) {
		if (cause != NULL)
			*cause = xasprintf("期間の始まり（%d年度）が終わり（%d年度）"
			    "より後です: %s", *first, *last, text);
		return -1;
	}
	return 0;
}

/* The era and its year of fy in buf as "令和7" / "令和元"; 0 if no era. */
static int
fy_era_text(int fy, int letter, char *buf, size_t size)
{
	const struct fy_era	*era = fy_era_of(fy);
	int			 n;

	if (era == NULL)
		return 0;
	n = fy - era->first + 1;
	if (letter)
		snprintf(buf, size, "%c%d", era->letter, n);
	else if (n == 1)
		snprintf(buf, size, "%s元", era->name);
	else
		snprintf(buf, size, "%s%d", era->name, n);
	return 1;
}

char *
fy_format(int fy, enum fy_style style, char *buf, size_t size)
{
	char	era[24];

	if (size == 0)
		return buf;
	/* Years without an era are written the western way. */
	if (style == FY_STYLE_WESTERN || !fy_era_text(fy, 0, era, sizeof era))
		snprintf(buf, size, "%d年度", fy);
	else if (style == FY_STYLE_BOTH)
		snprintf(buf, size, "%s(%d)年度", era, fy);
	else
		snprintf(buf, size, "%s年度", era);
	return buf;
}

char *
fy_format_short(int fy, enum fy_style style, char *buf, size_t size)
{
	char	era[24];

	if (size == 0)
		return buf;
	if (style == FY_STYLE_WESTERN || !fy_era_text(fy, 1, era, sizeof era))
		snprintf(buf, size, "%d", fy);
	else if (style == FY_STYLE_BOTH)
		snprintf(buf, size, "%s(%d)", era, fy);
	else
		snprintf(buf, size, "%s", era);
	return buf;
}

/* The period of fy_format_span, each year written by format. */
static char *
fy_span_with(int first, int last, enum fy_style style,
    char *(*format)(int, enum fy_style, char *, size_t))
{
	char	a[FY_BUFSZ] = "", b[FY_BUFSZ] = "";

	if (first == 0 && last == 0)
		return xstrdup("定めなし");
	if (first != 0)
		format(first, style, a, sizeof a);
	if (last != 0)
		format(last, style, b, sizeof b);
	return first == last ? xstrdup(a) : xasprintf("%s〜%s", a, b);
}

char *
fy_format_span(int first, int last, enum fy_style style)
{
	return fy_span_with(first, last, style, fy_format);
}

char *
fy_format_span_short(int first, int last, enum fy_style style)
{
	return fy_span_with(first, last, style, fy_format_short);
}

int
fy_style_parse(const char *text)
{
	static const struct {
		const char	*name;
		enum fy_style	 style;
	} names[] = {
		{ "era", FY_STYLE_ERA },
		{ "western", FY_STYLE_WESTERN },
		{ "both", FY_STYLE_BOTH },
		{ "和暦", FY_STYLE_ERA },
		{ "西暦", FY_STYLE_WESTERN },
		{ "併記", FY_STYLE_BOTH },
	};
	size_t	i;

	if (text == NULL)
		return -1;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcasecmp(text, names[i].name) == 0)
			return (int)names[i].style;
	}
	return -1;
}

int
fy_in_span(int fy, int first, int last)
{
	return (first == 0 || first <= fy) && (last == 0 || last >= fy);
}

int
fy_of_time(time_t t, int start_month)
{
	struct tm	tm;

	if (start_month < 1 || start_month > 12)
		start_month = 4;
	if (localtime_r(&t, &tm) == NULL)
		return -1;
	if (tm.tm_mon + 1 < start_month)
		return tm.tm_year + 1900 - 1;
	return tm.tm_year + 1900;
}

/* Days in month m (1..12) of year y. */
static int
fy_month_days(int y, int m)
{
	static const int days[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

/* Reads an unsigned decimal of 1..maxdigits digits at *p; -1 if none. */
static int
fy_date_number(const char **p, int maxdigits)
{
	int	n = 0, v = 0;

	while (**p >= '0' && **p <= '9' && n < maxdigits) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	if (n == 0 || (**p >= '0' && **p <= '9'))
		return -1;
	return v;
}

int
fy_parse_date(const char *text, char out[FY_DATESZ], char **cause)
{
	char		*norm;
	const char	*p;
	char		 sep;
	int		 y, m = -1, d = -1, ok = 0;

	norm = fy_clean(text != NULL ? text : "");
	p = norm;
	y = fy_date_number(&p, 4);
	sep = *p;
	if (y >= 0 && (sep == '-' || sep == '/' || sep == '.')) {
		p++;
		m = fy_date_number(&p, 2);
		if (m >= 0 && *p == sep) {
			p++;
			d = fy_date_number(&p, 2);
			ok = d >= 0 && *p == '\0';
		}
	}
	if (ok)
		ok = y >= FY_MIN && y <= FY_MAX + 1 && m >= 1 && m <= 12 &&
		    d >= 1 && d <= fy_month_days(y, m);
	if (!ok) {
		fy_set_cause(cause, "日付が読めません", text,
		    "（例: 2026-06-30, 2026/6/30）");
		free(norm);
		return -1;
	}
	snprintf(out, FY_DATESZ, "%04d-%02d-%02d", y, m, d);
	free(norm);
	return 0;
}

/* Days since 1970-01-01 of a civil date (proleptic Gregorian). */
static long
fy_day_number(int y, int m, int d)
{
	long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
fy_days_until(const char *date, time_t now, long *days)
{
	struct tm	tm;
	int		y, m, d;
	char		tail;

	if (date == NULL || sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d,
	    &tail) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	if (localtime_r(&now, &tm) == NULL)
		return -1;
	*days = fy_day_number(y, m, d) - fy_day_number(tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
	return 0;
}

int
fy_entry_due(int fy, int is_open, const char *deadline, const char *today,
    int today_fy)
{
	if (fy > today_fy)
		return 0;
	if (!is_open)
		return 1;
	if (deadline != NULL && deadline[0] != '\0')
		return strcmp(deadline, today) < 0;
	return fy < today_fy;
}
