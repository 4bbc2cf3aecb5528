/*
 * Fiscal years and Japanese eras. A fiscal year is named by the western
 * calendar year it starts in (FY2025 = April 2025 .. March 2026 with the
 * default start month). No curses, no SQL.
 */
#ifndef SHISAKU_FY_H
#define SHISAKU_FY_H

#include <stddef.h>
#include <time.h>

enum fy_style {
	FY_STYLE_ERA,		/* 令和7年度 */
	FY_STYLE_WESTERN,	/* 2025年度 */
	FY_STYLE_BOTH		/* 令和7(2025)年度 */
};

/* Smallest and largest fiscal year accepted anywhere. */
#define FY_MIN 1868
#define FY_MAX 2200

/*
 * Parses a fiscal year as users type or documents print it: "2025",
 * "2025年度", "R7", "r7", "R07", "令和7年度", "令和7", "令和元年度", "H29",
 * "平成29年度", "S64", "昭和64年", "R7年度", full-width digits and letters
 * ("Ｒ７", "２０２５"), surrounding blanks (also U+3000). Returns the
 * western year, or -1 with *cause set to a malloc'd message the caller
 * frees (cause may be NULL). An era year past the era's end (H32) is
 * accepted, as such years are printed in older plans.
 */
int fy_parse(const char *text, char **cause);

/*
 * Parses a period of fiscal years: "R3〜R7", "2021-2025", "令和3年度→令和7年度",
 * separated by 〜 ～ ~ - － → or から, either side may be left out ("R3〜"),
 * a single year is a period of one year, and a blank text is no period
 * (both 0). Returns 0 with *first and *last (0 = not given), or -1 with
 * *cause (malloc'd; cause may be NULL), also when first is after last
 * (then *first and *last are both set, so callers can tell).
 */
int fy_parse_range(const char *text, int *first, int *last, char **cause);

/* Writes the fiscal year in the given style into buf (UTF-8, NUL-ended,
 * cut to size); returns buf. FY_BUFSZ bytes always suffice. The first year
 * of an era is 元年: 令和元年度, 令和元(2019)年度. Years before 1868 have
 * no era and are written the western way in every style. */
#define FY_BUFSZ 48
char *fy_format(int fy, enum fy_style style, char *buf, size_t size);

/* Short form for narrow columns: "R7", "2025", "R7(2025)"; 2019 is "R1". */
char *fy_format_short(int fy, enum fy_style style, char *buf, size_t size);

/* A period as fy_format writes its years, ends of 0 (not given) left
 * open: "令和3年度〜令和7年度", "令和6年度〜" (no end), "〜令和7年度",
 * "令和6年度" when both ends are one year, and 定めなし when neither is
 * given, as a plan that prints no period is described (malloc'd). */
char *fy_format_span(int first, int last, enum fy_style style);
/* The same with the years as fy_format_short writes them: "R3〜R7",
 * "R6〜", "〜2025", "R5", 定めなし (malloc'd). */
char *fy_format_span_short(int first, int last, enum fy_style style);

/* Parses "era", "western", "both" (any case; also 和暦, 西暦, 併記);
 * returns -1 if none. */
int fy_style_parse(const char *text);

/* Whether fy lies in the period first .. last, an end of 0 (not given)
 * being open: a node's period, an assignment's years. */
int fy_in_span(int fy, int first, int last);

/* The fiscal year a moment falls in (local time), for a fiscal year
 * starting in start_month (1..12; Japan: 4; anything else is taken as 4). */
int fy_of_time(time_t t, int start_month);

/*
 * Parses a calendar date as a planner types a deadline: "2026-06-30",
 * "2026/6/30", "2026.6.30", full-width digits and separators, blanks
 * around. Writes it as "YYYY-MM-DD" into out (FY_DATESZ bytes) and
 * returns 0, or -1 with *cause (malloc'd; cause may be NULL) for a text
 * that is not a date of the calendar (2026-02-30) or lies outside
 * FY_MIN..FY_MAX + 1.
 */
#define FY_DATESZ 11
int fy_parse_date(const char *text, char out[FY_DATESZ], char **cause);

/* Whole days from the local day of now to the day date ("YYYY-MM-DD",
 * as fy_parse_date writes it): 0 on the day itself, negative once it
 * has passed. *days is set and 0 returned; -1 for a malformed date. */
int fy_days_until(const char *date, time_t now, long *days);

/*
 * Whether the results of fiscal year fy are due on today ("YYYY-MM-DD",
 * today_fy the fiscal year it falls in), so that one not submitted is
 * late: a year to come never is; a year closed for entry is; one open
 * with a deadline ("YYYY-MM-DD") once the deadline has passed; one open
 * without (deadline NULL or ""), once it is over. The rule of 遅れ, on
 * the tree, the plans list, the report and 自分の仕事 alike.
 */
int fy_entry_due(int fy, int is_open, const char *deadline,
    const char *today, int today_fy);

#endif
