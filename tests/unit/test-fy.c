/*
 * Fiscal years and eras: every way a year is typed or printed in the
 * plans, the mistakes users make, and the three display styles.
 */

#include <stdlib.h>
#include <time.h>

#include "harness.h"
#include "shisaku/fy.h"

/* Parses text and expects the western year. */
static int
parse_ok(const char *text)
{
	char	*cause = NULL;
	int	 y = fy_parse(text, &cause);

	if (cause != NULL) {
		fprintf(stderr, "unexpected cause for \"%s\": %s\n", text,
		    cause);
		free(cause);
	}
	return y;
}

/* Parses text expecting an error; returns the cause (caller frees). */
static char *
parse_bad(const char *text)
{
	char	*cause = NULL;
	int	 y = fy_parse(text, &cause);

	if (y != -1 || cause == NULL) {
		fprintf(stderr, "\"%s\" parsed as %d\n", text, y);
		free(cause);
		return NULL;
	}
	return cause;
}

TEST(parse_western)
{
	CHECK_INT(parse_ok("2025"), 2025);
	CHECK_INT(parse_ok("2025年度"), 2025);
	CHECK_INT(parse_ok("2025年"), 2025);
	CHECK_INT(parse_ok("  2025  "), 2025);
	CHECK_INT(parse_ok("２０２５年度"), 2025);
	CHECK_INT(parse_ok("\xe3\x80\x80" "2025" "\xe3\x80\x80"), 2025);
	CHECK_INT(parse_ok("1868"), FY_MIN);
	CHECK_INT(parse_ok("2200"), FY_MAX);
}

TEST(parse_era_letters)
{
	CHECK_INT(parse_ok("R7"), 2025);
	CHECK_INT(parse_ok("r7"), 2025);
	CHECK_INT(parse_ok("R07"), 2025);
	CHECK_INT(parse_ok("R7年度"), 2025);
	CHECK_INT(parse_ok("Ｒ７"), 2025);
	CHECK_INT(parse_ok("ｒ７年度"), 2025);
	CHECK_INT(parse_ok("R1"), 2019);
	CHECK_INT(parse_ok("H29"), 2017);
	CHECK_INT(parse_ok("h29"), 2017);
	CHECK_INT(parse_ok("H31"), 2019);
	CHECK_INT(parse_ok("H1"), 1989);
	CHECK_INT(parse_ok("S64"), 1989);
	CHECK_INT(parse_ok("S1"), 1926);
	CHECK_INT(parse_ok("T1"), 1912);
	CHECK_INT(parse_ok("M1"), 1868);
	CHECK_INT(parse_ok(" R 7 "), 2025);
}

TEST(parse_era_names)
{
	CHECK_INT(parse_ok("令和7年度"), 2025);
	CHECK_INT(parse_ok("令和7年"), 2025);
	CHECK_INT(parse_ok("令和7"), 2025);
	CHECK_INT(parse_ok("令和７年度"), 2025);
	CHECK_INT(parse_ok("令和 7 年度"), 2025);
	CHECK_INT(parse_ok("令和元年度"), 2019);
	CHECK_INT(parse_ok("令和元年"), 2019);
	CHECK_INT(parse_ok("平成31年度"), 2019);
	CHECK_INT(parse_ok("平成29年度"), 2017);
	CHECK_INT(parse_ok("平成元年度"), 1989);
	CHECK_INT(parse_ok("昭和64年"), 1989);
	CHECK_INT(parse_ok("大正元年"), 1912);
	CHECK_INT(parse_ok("明治元年"), 1868);
	/* Era years printed past the era's end in older plans. */
	CHECK_INT(parse_ok("H32"), 2020);
	CHECK_INT(parse_ok("平成32年度"), 2020);
}

TEST(parse_both_style)
{
	char	*cause;

	CHECK_INT(parse_ok("令和7(2025)年度"), 2025);
	CHECK_INT(parse_ok("令和元(2019)年度"), 2019);
	CHECK_INT(parse_ok("R7(2025)"), 2025);
	CHECK_INT(parse_ok("令和７（２０２５）年度"), 2025);
	/* The two halves disagree. */
	cause = parse_bad("令和7(2024)年度");
	CHECK(cause != NULL);
	free(cause);
}

TEST(parse_rejects)
{
	static const char *bad[] = {
		"", "   ", "R", "令和", "年度", "ABC", "R-1", "2025x", "x2025",
		"R7x", "Q7", "令和七年度", "2025年度度", "R1000", "R0007",
		"20 25", "2025.5", "-2025", "令和元元年度", "H29H",
	};
	size_t	 i;
	char	*cause;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = parse_bad(bad[i]);
		if (cause == NULL)
			FAIL_AT("accepted \"%s\"", bad[i]);
		free(cause);
	}
	CHECK_INT(fy_parse(NULL, NULL), -1);
	CHECK_INT(fy_parse("R", NULL), -1);
}

TEST(parse_messages)
{
	char	*cause;

	cause = parse_bad("ABC");
	CHECK_STR(cause, "年度を読み取れません: \"ABC\"（例: 2025, R7, "
	    "令和7年度）");
	free(cause);
	cause = parse_bad("H0");
	CHECK(cause != NULL && strstr(cause, "元年") != NULL);
	CHECK(cause != NULL && strstr(cause, "\"H0\"") != NULL);
	free(cause);
	cause = parse_bad("令和0年度");
	CHECK(cause != NULL && strstr(cause, "元年") != NULL);
	free(cause);
	cause = parse_bad("99999");
	CHECK(cause != NULL && strstr(cause, "範囲外") != NULL);
	free(cause);
	cause = parse_bad("1867");
	CHECK(cause != NULL && strstr(cause, "範囲外") != NULL);
	free(cause);
	cause = parse_bad("R777");
	CHECK(cause != NULL && strstr(cause, "範囲外") != NULL);
	free(cause);
	cause = parse_bad("0");
	CHECK(cause != NULL && strstr(cause, "範囲外") != NULL);
	free(cause);
	cause = parse_bad("\xff\xfe");
	CHECK(cause != NULL && strstr(cause, "UTF-8") != NULL);
	free(cause);
}

TEST(parse_long_input_message_is_cut)
{
	char	 text[400], *cause;

	memset(text, 'x', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	cause = parse_bad(text);
	CHECK(cause != NULL && strlen(cause) < 200);
	CHECK(cause != NULL && strstr(cause, "…") != NULL);
	free(cause);
}

TEST(format_styles)
{
	char	buf[FY_BUFSZ];

	CHECK_STR(fy_format(2025, FY_STYLE_ERA, buf, sizeof buf), "令和7年度");
	CHECK_STR(fy_format(2025, FY_STYLE_WESTERN, buf, sizeof buf),
	    "2025年度");
	CHECK_STR(fy_format(2025, FY_STYLE_BOTH, buf, sizeof buf),
	    "令和7(2025)年度");
	CHECK_STR(fy_format(2019, FY_STYLE_ERA, buf, sizeof buf), "令和元年度");
	CHECK_STR(fy_format(2019, FY_STYLE_BOTH, buf, sizeof buf),
	    "令和元(2019)年度");
	CHECK_STR(fy_format(2018, FY_STYLE_ERA, buf, sizeof buf),
	    "平成30年度");
	CHECK_STR(fy_format(2017, FY_STYLE_ERA, buf, sizeof buf),
	    "平成29年度");
	CHECK_STR(fy_format(1989, FY_STYLE_ERA, buf, sizeof buf), "平成元年度");
	CHECK_STR(fy_format(1988, FY_STYLE_ERA, buf, sizeof buf),
	    "昭和63年度");
	CHECK_STR(fy_format(1868, FY_STYLE_ERA, buf, sizeof buf), "明治元年度");
	/* No era before Meiji: written the western way. */
	CHECK_STR(fy_format(1800, FY_STYLE_ERA, buf, sizeof buf), "1800年度");
}

TEST(format_short)
{
	char	buf[FY_BUFSZ];

	CHECK_STR(fy_format_short(2025, FY_STYLE_ERA, buf, sizeof buf), "R7");
	CHECK_STR(fy_format_short(2025, FY_STYLE_WESTERN, buf, sizeof buf),
	    "2025");
	CHECK_STR(fy_format_short(2025, FY_STYLE_BOTH, buf, sizeof buf),
	    "R7(2025)");
	CHECK_STR(fy_format_short(2019, FY_STYLE_ERA, buf, sizeof buf), "R1");
	CHECK_STR(fy_format_short(2017, FY_STYLE_ERA, buf, sizeof buf), "H29");
	CHECK_STR(fy_format_short(1926, FY_STYLE_ERA, buf, sizeof buf), "S1");
}

TEST(format_small_buffer)
{
	char	buf[5];

	memset(buf, 'z', sizeof buf);
	fy_format(2025, FY_STYLE_WESTERN, buf, sizeof buf);
	CHECK_STR(buf, "2025");
	fy_format(2025, FY_STYLE_ERA, buf, 0);
	CHECK_STR(buf, "2025");
}

TEST(format_parse_round_trip)
{
	char	buf[FY_BUFSZ];
	int	fy, style;

	for (fy = FY_MIN; fy <= FY_MAX; fy++) {
		for (style = FY_STYLE_ERA; style <= FY_STYLE_BOTH; style++) {
			fy_format(fy, (enum fy_style)style, buf, sizeof buf);
			if (fy_parse(buf, NULL) != fy)
				FAIL_AT("%d -> %s", fy, buf);
			fy_format_short(fy, (enum fy_style)style, buf,
			    sizeof buf);
			if (fy_parse(buf, NULL) != fy)
				FAIL_AT("%d -> %s", fy, buf);
		}
	}
}

TEST(style_parse)
{
	CHECK_INT(fy_style_parse("era"), FY_STYLE_ERA);
	CHECK_INT(fy_style_parse("western"), FY_STYLE_WESTERN);
	CHECK_INT(fy_style_parse("both"), FY_STYLE_BOTH);
	CHECK_INT(fy_style_parse("Both"), FY_STYLE_BOTH);
	CHECK_INT(fy_style_parse("和暦"), FY_STYLE_ERA);
	CHECK_INT(fy_style_parse("eras"), -1);
	CHECK_INT(fy_style_parse(""), -1);
	CHECK_INT(fy_style_parse(NULL), -1);
}

/* A local time as time_t. */
static time_t
local_time(int year, int month, int day)
{
	struct tm	tm;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

TEST(fiscal_year_of_time)
{
	CHECK_INT(fy_of_time(local_time(2025, 4, 1), 4), 2025);
	CHECK_INT(fy_of_time(local_time(2026, 3, 31), 4), 2025);
	CHECK_INT(fy_of_time(local_time(2026, 1, 1), 4), 2025);
	CHECK_INT(fy_of_time(local_time(2025, 12, 31), 4), 2025);
	CHECK_INT(fy_of_time(local_time(2025, 3, 31), 4), 2024);
	CHECK_INT(fy_of_time(local_time(2025, 1, 1), 1), 2025);
	CHECK_INT(fy_of_time(local_time(2025, 6, 30), 7), 2024);
	CHECK_INT(fy_of_time(local_time(2025, 7, 1), 7), 2025);
	/* A start month out of range falls back to April. */
	CHECK_INT(fy_of_time(local_time(2025, 3, 1), 0), 2024);
	CHECK_INT(fy_of_time(local_time(2025, 3, 1), 13), 2024);
}

/* A period's ends are inclusive; an end of 0 is open. */
TEST(in_span)
{
	CHECK_INT(fy_in_span(2023, 2021, 2025), 1);
	CHECK_INT(fy_in_span(2021, 2021, 2025), 1);
	CHECK_INT(fy_in_span(2025, 2021, 2025), 1);
	CHECK_INT(fy_in_span(2020, 2021, 2025), 0);
	CHECK_INT(fy_in_span(2026, 2021, 2025), 0);
	CHECK_INT(fy_in_span(1990, 0, 2025), 1);
	CHECK_INT(fy_in_span(2026, 0, 2025), 0);
	CHECK_INT(fy_in_span(2090, 2021, 0), 1);
	CHECK_INT(fy_in_span(2020, 2021, 0), 0);
	CHECK_INT(fy_in_span(2023, 0, 0), 1);
}

/* A period written with its open ends open, never as one year. */
#define CHECK_SPAN_BY(format, first, last, style, want) do {		\
	char *got_ = format(first, last, style);			\
	CHECK_STR(got_, want);						\
	free(got_);							\
} while (0)
#define CHECK_SPAN(first, last, style, want)				\
	CHECK_SPAN_BY(fy_format_span, first, last, style, want)
#define CHECK_SHORT(first, last, style, want)				\
	CHECK_SPAN_BY(fy_format_span_short, first, last, style, want)

TEST(format_span)
{
	CHECK_SPAN(2021, 2025, FY_STYLE_ERA, "令和3年度〜令和7年度");
	CHECK_SPAN(2024, 0, FY_STYLE_ERA, "令和6年度〜");
	CHECK_SPAN(0, 2025, FY_STYLE_WESTERN, "〜2025年度");
	CHECK_SPAN(2019, 2019, FY_STYLE_BOTH, "令和元(2019)年度");
	CHECK_SPAN(2017, 2030, FY_STYLE_BOTH,
	    "平成29(2017)年度〜令和12(2030)年度");
	/* Nobody gives an end: as the plans list says it. */
	CHECK_SPAN(0, 0, FY_STYLE_ERA, "定めなし");
}

/* The short form, for a narrow column, with the same open ends. */
TEST(format_span_short)
{
	CHECK_SHORT(2021, 2025, FY_STYLE_ERA, "R3〜R7");
	CHECK_SHORT(2024, 0, FY_STYLE_ERA, "R6〜");
	CHECK_SHORT(0, 2025, FY_STYLE_WESTERN, "〜2025");
	CHECK_SHORT(2024, 2024, FY_STYLE_ERA, "R6");
	CHECK_SHORT(0, 0, FY_STYLE_WESTERN, "定めなし");
}

TEST(parse_range)
{
	int	a, b;
	char	*cause = NULL;

	CHECK_INT(fy_parse_range("R3〜R7", &a, &b, NULL), 0);
	CHECK_INT(a, 2021);
	CHECK_INT(b, 2025);
	CHECK_INT(fy_parse_range(" 2021 - 2025 ", &a, &b, NULL), 0);
	CHECK_INT(a, 2021);
	CHECK_INT(b, 2025);
	CHECK_INT(fy_parse_range("令和3年度→令和7年度", &a, &b, NULL), 0);
	CHECK_INT(b, 2025);
	CHECK_INT(fy_parse_range("Ｒ３から", &a, &b, NULL), 0);
	CHECK_INT(a, 2021);
	CHECK_INT(b, 0);
	CHECK_INT(fy_parse_range("〜H30", &a, &b, NULL), 0);
	CHECK_INT(a, 0);
	CHECK_INT(b, 2018);
	CHECK_INT(fy_parse_range("R5", &a, &b, NULL), 0);
	CHECK_INT(a, 2023);
	CHECK_INT(b, 2023);
	CHECK_INT(fy_parse_range("　", &a, &b, NULL), 0);
	CHECK_INT(a, 0);
	CHECK_INT(b, 0);
	CHECK_INT(fy_parse_range("R7〜R3", &a, &b, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "後です") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(fy_parse_range("R3〜来年", &a, &b, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "来年") != NULL);
	free(cause);
}

/* Deadlines: the forms a planner types, the calendar checked. */
TEST(parse_date)
{
	char	out[FY_DATESZ], *cause = NULL;

	CHECK_INT(fy_parse_date("2026-06-30", out, NULL), 0);
	CHECK_STR(out, "2026-06-30");
	CHECK_INT(fy_parse_date(" 2026/6/3 ", out, NULL), 0);
	CHECK_STR(out, "2026-06-03");
	CHECK_INT(fy_parse_date("２０２６－０６－３０", out, NULL), 0);
	CHECK_STR(out, "2026-06-30");
	CHECK_INT(fy_parse_date("2026.12.1", out, NULL), 0);
	CHECK_STR(out, "2026-12-01");
	CHECK_INT(fy_parse_date("2024-02-29", out, NULL), 0);
	CHECK_INT(fy_parse_date("2026-02-29", out, NULL), -1);
	CHECK_INT(fy_parse_date("2026-13-01", out, NULL), -1);
	CHECK_INT(fy_parse_date("2026-06", out, NULL), -1);
	CHECK_INT(fy_parse_date("2026-06-30x", out, NULL), -1);
	CHECK_INT(fy_parse_date("2026-6/30", out, NULL), -1);
	CHECK_INT(fy_parse_date("", out, NULL), -1);
	CHECK_INT(fy_parse_date("1500-01-01", out, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "1500-01-01") != NULL &&
	    strstr(cause, "例") != NULL);
	free(cause);
}

TEST(days_until)
{
	struct tm	tm;
	time_t		now;
	long		days = 99;

	memset(&tm, 0, sizeof tm);
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 5;		/* June */
	tm.tm_mday = 28;
	tm.tm_hour = 23;
	tm.tm_isdst = -1;
	now = mktime(&tm);
	CHECK_INT(fy_days_until("2026-06-30", now, &days), 0);
	CHECK_INT(days, 2);
	CHECK_INT(fy_days_until("2026-06-28", now, &days), 0);
	CHECK_INT(days, 0);
	CHECK_INT(fy_days_until("2026-05-31", now, &days), 0);
	CHECK_INT(days, -28);
	CHECK_INT(fy_days_until("2027-06-28", now, &days), 0);
	CHECK_INT(days, 365);
	CHECK_INT(fy_days_until("", now, &days), -1);
	CHECK_INT(fy_days_until("2026/06/30", now, &days), -1);
}

/* When a year's results are due (遅れ): the rule the tree, the plans
 * list, the report and 自分の仕事 share. */
TEST(entry_due)
{
	/* A year to come never is, closed or not. */
	CHECK_INT(fy_entry_due(2027, 0, "", "2026-12-05", 2026), 0);
	CHECK_INT(fy_entry_due(2027, 1, "2026-06-30", "2026-12-05", 2026), 0);
	/* Closed for entry: due, deadline or not. */
	CHECK_INT(fy_entry_due(2026, 0, "", "2026-12-05", 2026), 1);
	CHECK_INT(fy_entry_due(2025, 0, "2027-01-31", "2026-12-05", 2026), 1);
	/* Open with a deadline: once it has passed, not on the day. */
	CHECK_INT(fy_entry_due(2025, 1, "2027-01-31", "2026-12-05", 2026), 0);
	CHECK_INT(fy_entry_due(2025, 1, "2026-12-05", "2026-12-05", 2026), 0);
	CHECK_INT(fy_entry_due(2025, 1, "2026-12-04", "2026-12-05", 2026), 1);
	CHECK_INT(fy_entry_due(2026, 1, "2026-06-30", "2026-12-05", 2026), 1);
	/* Open without one: once the year is over. */
	CHECK_INT(fy_entry_due(2026, 1, "", "2026-12-05", 2026), 0);
	CHECK_INT(fy_entry_due(2026, 1, NULL, "2026-12-05", 2026), 0);
	CHECK_INT(fy_entry_due(2025, 1, "", "2026-12-05", 2026), 1);
}

int
main(void)
{
	RUN(parse_western);
	RUN(parse_era_letters);
	RUN(parse_era_names);
	RUN(parse_both_style);
	RUN(parse_rejects);
	RUN(parse_messages);
	RUN(parse_long_input_message_is_cut);
	RUN(format_styles);
	RUN(format_short);
	RUN(format_small_buffer);
	RUN(format_parse_round_trip);
	RUN(in_span);
	RUN(format_span);
	RUN(format_span_short);
	RUN(parse_range);
	RUN(style_parse);
	RUN(fiscal_year_of_time);
	RUN(entry_due);
	RUN(parse_date);
	RUN(days_until);
	DONE();
}
