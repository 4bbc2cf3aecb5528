/*
 * Yearly plans and cost trends as typed in a form: entries, spans,
 * continuation lines, refusals with the line, and the text written back.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "shisaku/yeartext.h"

TEST(plans_entries_spans_and_continuations)
{
	struct yeartext_plan	*p;
	size_t			 n;
	char			*cause = NULL, *s;

	CHECK_INT(yeartext_parse_plans("R3: 講座の開催\n"
	    "令和4年度〜R5：講座の見直し\n  受講者アンケートの実施\n\n"
	    "2024: 目標: 10回\n", &p, &n, &cause), 0);
	CHECK_INT((int)n, 3);
	if (n == 3) {
		CHECK_INT(p[0].from_fy, 2021);
		CHECK_INT(p[0].to_fy, 2021);
		CHECK_STR(p[0].text, "講座の開催");
		CHECK_INT(p[1].from_fy, 2022);
		CHECK_INT(p[1].to_fy, 2023);
		CHECK_STR(p[1].text, "講座の見直し\n受講者アンケートの実施");
		CHECK_INT(p[2].from_fy, 2024);
		CHECK_STR(p[2].text, "目標: 10回");
		s = yeartext_format_plans(p, n, FY_STYLE_ERA);
		CHECK_STR(s, "R3: 講座の開催\nR4〜R5: 講座の見直し\n"
		    "  受講者アンケートの実施\nR6: 目標: 10回");
		yeartext_plans_free(p, n);
		/* What is written reads back the same. */
		CHECK_INT(yeartext_parse_plans(s, &p, &n, &cause), 0);
		CHECK_INT((int)n, 3);
		free(s);
		s = yeartext_format_plans(p, n, FY_STYLE_WESTERN);
		CHECK_STR(s, "2021: 講座の開催\n2022〜2023: 講座の見直し\n"
		    "  受講者アンケートの実施\n2024: 目標: 10回");
		free(s);
	}
	yeartext_plans_free(p, n);
	CHECK_INT(yeartext_parse_plans("", &p, &n, &cause), 0);
	CHECK_INT((int)n, 0);
	CHECK(p == NULL);
	CHECK_INT(yeartext_parse_plans(NULL, &p, &n, &cause), 0);
	CHECK_INT((int)n, 0);
}

TEST(plans_refused_with_the_line)
{
	struct yeartext_plan	*p;
	size_t			 n;
	char			*cause = NULL;

	CHECK_INT(yeartext_parse_plans("\n講座の開催\nR3: x", &p, &n, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "2行目") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(yeartext_parse_plans("R3: a\nR7〜R5: b", &p, &n, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "2行目") != NULL &&
	    strstr(cause, "後です") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(yeartext_parse_plans("R3:\nR4: b", &p, &n, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "2021年度") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(yeartext_parse_plans("R3: a\nR4:", &p, &n, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "2022年度") != NULL);
	free(cause);
}

TEST(costs)
{
	struct yeartext_cost	*c;
	size_t			 n;
	char			*cause = NULL, *s;

	CHECK_INT(yeartext_parse_costs("R6=同程度、R5＝拡大 2022:縮小 R8=不明",
	    &c, &n, &cause), 0);
	CHECK_INT((int)n, 4);
	if (n == 4) {
		CHECK_INT(c[0].fy, 2022);
		CHECK_STR(c[0].trend, "down");
		CHECK_INT(c[1].fy, 2023);
		CHECK_STR(c[1].trend, "up");
		CHECK_INT(c[2].fy, 2024);
		CHECK_STR(c[2].trend, "same");
		CHECK_INT(c[3].fy, 2026);
		CHECK_STR(c[3].trend, "unknown");
	}
	free(c);
	CHECK_INT(yeartext_parse_costs("R6=同程度 R5=拡大 R7=縮小", &c, &n,
	    &cause), 0);
	s = yeartext_format_costs(c, n, FY_STYLE_ERA);
	CHECK_STR(s, "R5=拡大 R6=同程度 R7=縮小");
	free(s);
	free(c);
	CHECK_INT(yeartext_parse_costs("", &c, &n, &cause), 0);
	CHECK_INT((int)n, 0);
	CHECK_INT(yeartext_parse_costs("R5=大きい", &c, &n, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "拡大") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(yeartext_parse_costs("R5 拡大", &c, &n, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "年度=傾向") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(yeartext_parse_costs("R5=拡大 2023=縮小", &c, &n, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "二度") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(yeartext_parse_costs("来年=拡大", &c, &n, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "来年") != NULL);
	free(cause);
}

/* The years of an assignment in a node's 担当課, and back through
 * fy_parse_range. */
TEST(spans)
{
	static const struct {
		int		 first, last;
		enum fy_style	 style;
		const char	*text;
	} cases[] = {
		{ 2021, 2024, FY_STYLE_ERA, "R3〜R6" },
		{ 2025, 0, FY_STYLE_ERA, "R7〜" },
		{ 0, 2024, FY_STYLE_ERA, "〜R6" },
		{ 2023, 2023, FY_STYLE_ERA, "R5" },
		{ 2018, 2019, FY_STYLE_ERA, "H30〜R1" },
		{ 2021, 2024, FY_STYLE_WESTERN, "2021〜2024" },
		{ 2021, 2024, FY_STYLE_BOTH, "R3〜R6" },
		{ 0, 0, FY_STYLE_ERA, "" },
	};
	size_t	i;
	char	*s;
	int	first, last;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		s = yeartext_format_span(cases[i].first, cases[i].last,
		    cases[i].style);
		CHECK_STR(s, cases[i].text);
		CHECK_INT(fy_parse_range(s, &first, &last, NULL), 0);
		CHECK_INT(first, cases[i].first);
		CHECK_INT(last, cases[i].last);
		free(s);
	}
}

int
main(void)
{
	RUN(plans_entries_spans_and_continuations);
	RUN(plans_refused_with_the_line);
	RUN(costs);
	RUN(spans);
	DONE();
}
