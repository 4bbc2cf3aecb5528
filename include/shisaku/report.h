/*
 * A fiscal year's progress report of a plan, for publishing: the counts
 * of the plan and of every policy above the action items (items per
 * status, per grade, per workflow state; indicators achieved, not
 * achieved, judged by the grade, without data), each item's yearly plan
 * and result, and each indicator's baseline, target, actual and
 * achievement. report.c computes it from what store_report_load read and
 * gives the words every format shares; report-text.c, report-md.c,
 * report-html.c (with report-svg.c's charts) and report-csv.c write it.
 * No curses, no SQL: the writers take a FILE * and know nothing of the
 * database.
 */
#ifndef SHISAKU_REPORT_H
#define SHISAKU_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "shisaku/achieve.h"
#include "shisaku/config.h"
#include "shisaku/fy.h"
#include "shisaku/store-report.h"

enum report_format { REPORT_TEXT, REPORT_MD, REPORT_HTML, REPORT_CSV };

/* "text", "md" (or "markdown"), "html", "csv"; -1 for anything else. */
int report_format_parse(const char *name);

/* How an indicator fared in the year. */
enum report_verdict {
	REPORT_ACHIEVED,	/* 達成: the rate is 100% or more */
	REPORT_NOT_ACHIEVED,	/* 未達成: a rate below 100% */
	REPORT_BY_GRADE,	/* 評価で判断: the target or actual is text */
	REPORT_NO_DATA,		/* 未入力: the target or actual is not given */
	REPORT_NOT_COMPUTABLE,	/* 算出不可: no direction, or no ratio */
	REPORT_NVERDICTS
};

#define REPORT_NSTATES		5	/* enum browse_state */
#define REPORT_NSTATUSES	6	/* enum browse_status */
/* The scale's grades, then 未評価 (none), then 尺度外 (a grade that is not
 * on the configured scale). */
#define REPORT_NGRADES		(CONFIG_MAX_GRADES + 2)

/* The counts of the plan or of one node with everything below it: the
 * items in the year, and the indicators on it and below it. */
struct report_count {
	long	 items;
	long	 state[REPORT_NSTATES];
	long	 status[REPORT_NSTATUSES];
	long	 grade[REPORT_NGRADES];
	long	 indicators;
	long	 verdict[REPORT_NVERDICTS];
};

/* One indicator in the report's year. */
struct report_ind {
	const struct report_indicator *in;
	const struct value *target;	/* NULL = none */
	int		 target_fy;
	int		 target_is_final;	/* no target for the year: the
						   final one, labelled so */
	const struct report_fyvalue *actual;	/* the year's; NULL = none */
	int		 has_running;	/* cumulative: running total known */
	double		 running;	/* baseline + actuals after it to fy */
	double		 rate;		/* -1 = none */
	enum achieve_status why;
	enum report_verdict verdict;
};

struct report {
	const struct report_data *d;
	const struct browse_tree *t;
	const struct config *cfg;
	int		 fy;
	int		 ngrades;	/* the configured scale's */
	int		 other_grades;	/* some item has a grade off the scale */
	size_t		 nlisted;	/* items in the year */
	struct report_count total;	/* the whole plan */
	struct report_count *counts;	/* per node (headings are used) */
	struct report_ind *inds;	/* parallel to d->indicators */
	size_t		*ind_first;	/* per node: its indicators are */
	size_t		*ind_count;	/*  inds[first .. first + count) */
	size_t		 plan_inds;	/* the plan's own: inds[0 .. n) */
	/* Called by the writers after each item; may be NULL. */
	void		(*progress)(void *arg, size_t done, size_t total);
	void		*progress_arg;
};

/* Computes the report of d (fiscal year d->tree->fy) with cfg's year
 * style and evaluation scale. Both must outlive r. */
void report_build(struct report *r, const struct report_data *d,
    const struct config *cfg);
void report_clear(struct report *r);

/* Whether node i is reported: a heading, or an item in the year. */
int report_node_listed(const struct report *r, size_t i);

/* ---- words every format shares (strings are malloc'd unless const) ---- */

const char *report_verdict_label(enum report_verdict v);
const char *report_state_label(int state);	/* enum browse_state */
const char *report_status_label(int status);	/* enum browse_status */
/* "B 概ね達成", "未評価", or the key alone when it is off the scale. */
char *report_grade_text(const struct report *r, const char *grade);

char *report_fy(const struct report *r, int fy, char buf[FY_BUFSZ]);
/* "令和3年度〜令和7年度", one year alone, or 定めなし when neither end is
 * known (fy_format_span; malloc'd). */
char *report_period(const struct report *r, int first, int last);
/* The report's title: "令和3年度 進捗状況報告". */
char *report_title(const struct report *r);

/* A value as the plan prints it with the indicator's unit; "" = none. */
char *report_value(const struct value *v, const char *unit);
/* The year's target, or "最終目標 50回（令和7年度）"; "" when none. */
char *report_target_text(const struct report *r, const struct report_ind *ri);
/* The year's actual; a cumulative one adds "（累計 120回）", one reported
 * on its own and not yet confirmed its state ("（下書き）"). */
char *report_actual_text(const struct report *r, const struct report_ind *ri);
/* The workflow state of an actual reported on its own ("提出済"), "" for
 * one that goes with its item's result. */
const char *report_actual_state(const struct report_ind *ri);
/* "105.0%" or ""; buf of 16 bytes. */
char *report_rate_text(const struct report_ind *ri, char *buf, size_t size);
/* "増加", "減少" … or "未設定"; "（累計）" added for a cumulative one. */
char *report_direction_text(const struct report_ind *ri);
/* "基本方針 Ⅰ 市民と行政が…": level name, code and title. */
char *report_node_heading(const struct report *r, size_t i);
/* "Ⅰ (1)": the codes (else titles) of the nodes above i. */
char *report_node_path(const struct report *r, size_t i);
/* The departments in charge in the year, named as then, the main ones
 * marked "（主）" where an item has several: "収納課（主）、総務課". */
char *report_node_depts(const struct report *r, size_t i);
/* The plan's flags on node i: "★リーディングプロジェクト、主要事業". */
char *report_node_flags(const struct report *r, size_t i);
/* The yearly plans covering the year, one a line, a plan spanning years
 * followed by its period in parentheses. */
char *report_node_yearplan(const struct report *r, size_t i);

/* The cells of a count, in the order every format prints them. */
enum report_group {
	REPORT_G_ITEMS, REPORT_G_STATUS, REPORT_G_GRADE, REPORT_G_STATE,
	REPORT_G_INDICATORS, REPORT_NGROUPS
};
#define REPORT_MAX_CELLS (2 + REPORT_NSTATUSES + REPORT_NGRADES + \
	REPORT_NSTATES + REPORT_NVERDICTS)
struct report_cell {
	enum report_group group;
	const char	*label;		/* short: "A", "未着手", "件数" */
	char		 title[96];	/* long: "A 達成" */
	long		 value;
};
/* A group's label: the items' is the plan's own word for them (the name
 * of its lowest level: 取組内容, 事業, 個別施策), else 取組. */
const char *report_group_label(const struct report *r, enum report_group g);
/* Fills cells (REPORT_MAX_CELLS) for c; returns how many. The same cells,
 * in the same order, for every count of one report. */
size_t report_cells(const struct report *r, const struct report_count *c,
    struct report_cell *cells);

/* The legend: the formula of each direction and the meaning of each
 * verdict. plain uses ASCII operators (for the text report), rich the
 * typographic ones. */
struct report_legend {
	const char	*word;		/* "増加", "達成" */
	const char	*plain;
	const char	*rich;
};
extern const struct report_legend report_legend_directions[];
extern const struct report_legend report_legend_verdicts[];
extern const char *const report_legend_notes[];	/* NULL-terminated */

/* ---- the writers: 0, or -1 when the stream failed ---- */

int report_write_text(const struct report *r, FILE *f);
int report_write_md(const struct report *r, FILE *f);
int report_write_html(const struct report *r, FILE *f);
/* eol is "\n" or "\r\n"; bom writes the UTF-8 byte order mark first.
 * CP932 is the caller's conversion of the result. */
int report_write_csv(const struct report *r, FILE *f, const char *eol,
    int bom);

/* An inline SVG chart of one indicator: baseline, each year's target,
 * the actuals up to the report's year, the direction. Writes nothing and
 * returns 0 when the indicator has no number to draw. */
int report_svg_indicator(const struct report *r, const struct report_ind *ri,
    FILE *f);

/* Writes s with & < > " ' escaped for HTML and SVG text and attributes
 * (newlines kept; control characters other than tab and newline dropped). */
void report_html_escape(FILE *f, const char *s);

#endif
