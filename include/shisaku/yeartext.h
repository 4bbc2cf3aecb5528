/*
 * An item's yearly plans (年次計画) and cost trends (事業費の傾向) as one
 * text each, the way a planner types them in a form field:
 *
 *	R3: ふれあい出前講座の開催
 *	R4〜R5: 講座の見直し            (one entry spanning years: →)
 *	    受講者アンケートの実施      (a line that starts with no year
 *	                                 continues the entry above)
 *
 *	R5=拡大 R6=同程度 R7=縮小 R8=不明
 *
 * Years are read by fy_parse / fy_parse_range (R3, 2021, 令和3年度), the
 * separator after them is : or ：, the trend words are those of vocab.h's
 * VOCAB_TREND (同程度 拡大 縮小 不明, or same up down unknown). No curses,
 * no SQL.
 */
#ifndef SHISAKU_YEARTEXT_H
#define SHISAKU_YEARTEXT_H

#include <stddef.h>

#include "shisaku/fy.h"

struct yeartext_plan {
	int		 from_fy, to_fy;	/* to_fy >= from_fy */
	char		*text;			/* malloc'd, lines joined by \n */
};

struct yeartext_cost {
	int		 fy;
	const char	*trend;			/* vocab key: same up down unknown */
};

/*
 * Parses yearly plans. Returns 0 with *out (NULL when *n is 0), or -1
 * with *cause naming the line ("3行目: …"): text before the first year,
 * an unreadable or reversed period, an entry with no text.
 */
int yeartext_parse_plans(const char *text, struct yeartext_plan **out,
    size_t *n, char **cause);
void yeartext_plans_free(struct yeartext_plan *p, size_t n);
/* The text of plans in the given style (R3 or 2021; "" for none);
 * continuation lines are indented by two spaces. Malloc'd. */
char *yeartext_format_plans(const struct yeartext_plan *p, size_t n,
    enum fy_style style);

/* Parses cost trends separated by blanks, 、 or , into years ascending;
 * a year given twice, an unknown word or year is -1 with *cause. */
int yeartext_parse_costs(const char *text, struct yeartext_cost **out,
    size_t *n, char **cause);
char *yeartext_format_costs(const struct yeartext_cost *c, size_t n,
    enum fy_style style);

/* The years an assignment of a department holds for, as typed in the
 * parentheses of a node's 担当課 (namelist.h): "R3〜R6", "R7〜" (no end),
 * "〜R6" (no start), "R5" (one year), "" (neither given); read back with
 * fy_parse_range. Malloc'd. */
char *yeartext_format_span(int first, int last, enum fy_style style);

#endif
