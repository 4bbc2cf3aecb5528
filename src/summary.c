/*
 * Counting a fiscal year's progress (see summary.h): plain sums over
 * items and indicators, and the lines that show them.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/config.h"
#include "shisaku/summary.h"
#include "shisaku/util.h"
#include "shisaku/vocab.h"

/* The vocabulary's keys in the order of the enums (NONE first). */
static const char *const summary_status_keys[SUMMARY_NSTATUSES] = {
	NULL, "not_started", "in_progress", "done", "postponed", "cancelled"
};
static const char *const summary_state_keys[SUMMARY_NSTATES] = {
	NULL, "draft", "submitted", "confirmed", "returned"
};

_Static_assert(SUMMARY_MAX_GRADES >= CONFIG_MAX_GRADES,
    "a summary counts every grade of the configured scale");

static const char *const summary_outcome_labels[SUMMARY_NOUTCOMES] = {
	"達成", "未達成", "データなし"
};

void
summary_init(struct progress_summary *s, int ngrades)
{
	memset(s, 0, sizeof *s);
	if (ngrades < 0)
		ngrades = 0;
	s->ngrades = ngrades > SUMMARY_MAX_GRADES ? SUMMARY_MAX_GRADES :
	    ngrades;
}

void
summary_add_items(struct progress_summary *s, enum summary_status status,
    enum summary_state state, int grade, int behind, long n)
{
	s->items += n;
	if (behind)
		s->behind += n;
	if ((int)status < 0 || status >= SUMMARY_NSTATUSES)
		status = SUMMARY_STATUS_NONE;
	if ((int)state < 0 || state >= SUMMARY_NSTATES)
		state = SUMMARY_STATE_NONE;
	s->by_status[status] += n;
	s->by_state[state] += n;
	if (grade == SUMMARY_GRADE_NONE)
		s->grade_none += n;
	else if (grade >= 0 && grade < s->ngrades)
		s->by_grade[grade] += n;
	else
		s->grade_other += n;
}

void
summary_add_indicator(struct progress_summary *s, enum summary_outcome outcome)
{
	if ((int)outcome < 0 || outcome >= SUMMARY_NOUTCOMES)
		outcome = SUMMARY_NO_DATA;
	s->indicators++;
	s->by_outcome[outcome]++;
}

void
summary_add(struct progress_summary *to, const struct progress_summary *from)
{
	int	i;

	to->items += from->items;
	to->behind += from->behind;
	for (i = 0; i < SUMMARY_NSTATUSES; i++)
		to->by_status[i] += from->by_status[i];
	for (i = 0; i < SUMMARY_NSTATES; i++)
		to->by_state[i] += from->by_state[i];
	for (i = 0; i < SUMMARY_MAX_GRADES; i++)
		to->by_grade[i] += from->by_grade[i];
	to->grade_none += from->grade_none;
	to->grade_other += from->grade_other;
	to->indicators += from->indicators;
	for (i = 0; i < SUMMARY_NOUTCOMES; i++)
		to->by_outcome[i] += from->by_outcome[i];
}

enum summary_outcome
summary_outcome_of(double rate)
{
	if (!(rate >= 0))
		return SUMMARY_NO_DATA;
	return rate >= 100 ? SUMMARY_ACHIEVED : SUMMARY_NOT_ACHIEVED;
}

enum summary_status
summary_status_of(const char *key)
{
	int	i;

	if (key != NULL)
		for (i = 1; i < SUMMARY_NSTATUSES; i++)
			if (strcmp(key, summary_status_keys[i]) == 0)
				return (enum summary_status)i;
	return SUMMARY_STATUS_NONE;
}

enum summary_state
summary_state_of(const char *key)
{
	int	i;

	if (key != NULL)
		for (i = 1; i < SUMMARY_NSTATES; i++)
			if (strcmp(key, summary_state_keys[i]) == 0)
				return (enum summary_state)i;
	return SUMMARY_STATE_NONE;
}

int
summary_grade_index(const char *grade, const char *const *scale, int nscale)
{
	int	i;

	if (grade == NULL || *grade == '\0')
		return SUMMARY_GRADE_NONE;
	for (i = 0; i < nscale && scale != NULL; i++)
		if (scale[i] != NULL && strcmp(grade, scale[i]) == 0)
			return i;
	return SUMMARY_GRADE_OTHER;
}

/* Appends "  label N" to *line (a label first without the blanks). */
static void
summary_put(char **line, const char *label, long n)
{
	char	*t;

	t = xasprintf("%s%s%s %ld", *line, **line != '\0' ? "  " : "", label,
	    n);
	free(*line);
	*line = t;
}

static void
summary_word(char **line, const char *word)
{
	char	*t;

	t = xasprintf("%s%s%s", *line, **line != '\0' ? "    " : "", word);
	free(*line);
	*line = t;
}

char *
summary_line(const struct progress_summary *s, int line,
    const char *const *scale)
{
	char		*out;
	const char	*label;
	int		 i;

	if (line < 0 || line >= SUMMARY_NLINES)
		return NULL;
	out = xstrdup("");
	switch (line) {
	case 0:
		summary_word(&out, "入力状況");
		summary_put(&out, "未入力", s->by_state[SUMMARY_STATE_NONE]);
		for (i = 1; i < SUMMARY_NSTATES; i++) {
			label = vocab_label(VOCAB_STATE, summary_state_keys[i]);
			summary_put(&out, label != NULL ? label : "?",
			    s->by_state[i]);
		}
		break;
	case 1:
		summary_word(&out, "実施状況");
		for (i = 1; i < SUMMARY_NSTATUSES; i++) {
			label = vocab_label(VOCAB_STATUS, summary_status_keys[i]);
			summary_put(&out, label != NULL ? label : "?",
			    s->by_status[i]);
		}
		summary_put(&out, "未入力", s->by_status[SUMMARY_STATUS_NONE]);
		break;
	default:
		summary_word(&out, "評価");
		for (i = 0; i < s->ngrades; i++)
			summary_put(&out, scale != NULL && scale[i] != NULL ?
			    scale[i] : "?", s->by_grade[i]);
		summary_put(&out, "未評価", s->grade_none);
		if (s->grade_other > 0)
			summary_put(&out, "尺度外", s->grade_other);
		summary_word(&out, "指標");
		for (i = 0; i < SUMMARY_NOUTCOMES; i++)
			summary_put(&out, summary_outcome_labels[i],
			    s->by_outcome[i]);
		break;
	}
	return out;
}
