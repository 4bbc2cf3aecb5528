/*
 * The figures of one fiscal year's progress for a plan or any part of it
 * (a basic policy, a field policy): its action items counted by status
 * (未着手 … 中止, 未入力), by grade (the configured scale) and by
 * workflow state (未入力 下書き 提出済 確認済 差戻し), how many are behind,
 * and its indicators achieved, not achieved or without data for the
 * year. The same figures serve the screens and the report. No curses,
 * no SQL.
 *
 * An indicator is achieved when its achievement rate for the year
 * (trend_rate: the year's target, else the final one) is 100% or more,
 * not achieved when the rate is lower, and without data when no rate can
 * be computed: nothing reported, no target, an unknown direction, or a
 * text value (such indicators are judged by the item's grade instead).
 */
#ifndef SHISAKU_SUMMARY_H
#define SHISAKU_SUMMARY_H

#include <stddef.h>

#include "shisaku/achieve.h"

/* As many grades as the configuration's scale may have. */
#define SUMMARY_MAX_GRADES 10

/* The status of an item's result; NONE = not given (未入力). */
enum summary_status {
	SUMMARY_STATUS_NONE,
	SUMMARY_STATUS_NOT_STARTED,
	SUMMARY_STATUS_IN_PROGRESS,
	SUMMARY_STATUS_DONE,
	SUMMARY_STATUS_POSTPONED,
	SUMMARY_STATUS_CANCELLED,
	SUMMARY_NSTATUSES
};

/* The workflow state of an item's result; NONE = no result (未入力). */
enum summary_state {
	SUMMARY_STATE_NONE,
	SUMMARY_STATE_DRAFT,
	SUMMARY_STATE_SUBMITTED,
	SUMMARY_STATE_CONFIRMED,
	SUMMARY_STATE_RETURNED,
	SUMMARY_NSTATES
};

enum summary_outcome {
	SUMMARY_ACHIEVED,
	SUMMARY_NOT_ACHIEVED,
	SUMMARY_NO_DATA,
	SUMMARY_NOUTCOMES
};

/* A grade index for summary_add_items: not given, or not on the scale. */
#define SUMMARY_GRADE_NONE (-1)
#define SUMMARY_GRADE_OTHER (-2)

struct progress_summary {
	long	items;			/* action items in the year */
	long	behind;			/* ... behind (遅れ) */
	long	by_status[SUMMARY_NSTATUSES];
	long	by_state[SUMMARY_NSTATES];
	int	ngrades;		/* the scale's grades, in its order */
	long	by_grade[SUMMARY_MAX_GRADES];
	long	grade_none;		/* no grade given (未評価) */
	long	grade_other;		/* a grade not on the scale */
	long	indicators;
	long	by_outcome[SUMMARY_NOUTCOMES];
};

/* Empties s for a scale of ngrades grades (clamped to the maximum). */
void summary_init(struct progress_summary *s, int ngrades);

/* Counts n action items of the year alike: their status, state, grade
 * (an index in the scale, or SUMMARY_GRADE_NONE / SUMMARY_GRADE_OTHER)
 * and whether they are behind. */
void summary_add_items(struct progress_summary *s, enum summary_status status,
    enum summary_state state, int grade, int behind, long n);

void summary_add_indicator(struct progress_summary *s,
    enum summary_outcome outcome);

/* Adds the counts of from to to (both over the same scale). */
void summary_add(struct progress_summary *to,
    const struct progress_summary *from);

/* The outcome of an achievement rate (-1 = not computable). */
enum summary_outcome summary_outcome_of(double rate);

/* The status and state of database keys ("done", "submitted"; NULL or
 * an unknown key is NONE). */
enum summary_status summary_status_of(const char *key);
enum summary_state summary_state_of(const char *key);

/* The index of grade in the scale's keys, SUMMARY_GRADE_NONE for NULL or
 * "", SUMMARY_GRADE_OTHER when it is not on the scale. */
int summary_grade_index(const char *grade, const char *const *scale,
    int nscale);

/*
 * One line of the figures for display (malloc'd), each count after its
 * label so that no two numbers ever run together:
 *   0  入力状況  未入力 18  下書き 0  提出済 0  確認済 0  差戻し 0
 *   1  実施状況  未着手 0  実施中 0  完了 0  延期 0  中止 0  未入力 18
 *   2  評価  A 0  B 0  C 0  D 0  未評価 18    指標  達成 0  未達成 0  データなし 3
 * scale names the grades (s->ngrades of them). Returns NULL past the last
 * line.
 */
#define SUMMARY_NLINES 3
char *summary_line(const struct progress_summary *s, int line,
    const char *const *scale);

#endif
