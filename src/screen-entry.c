/*
 * The results entry form: one action item's result for one fiscal year.
 * 状況 and 評価 are chosen from lists (the grade from the configured scale,
 * with the grade the achievement suggests); 取組実績 and 課題・今後の方向性
 * are edited in the editor widget of ui-editor.h; each indicator's actual
 * and note are single-line fields of the form library (ui-field.h).
 * Saving, submitting, confirming and returning go through store-result.h,
 * which checks the workflow again inside its transaction.
 *
 * The form library's fields are kept in a window of their own that is
 * never put on the terminal: the frame erases the body before every draw,
 * so the fields' window is copied into the body each time, and the form
 * keeps its state between draws. Values are kept here as text (what the
 * user typed); a field is read back (cut by columns, trimmed) when it was
 * typed into, and the form is rebuilt from these texts after a resize,
 * a scroll of the indicator rows, a save or an edit on the bottom line.
 *
 * Nothing typed is lost: a refused value keeps the cursor in its field, a
 * failed save leaves every field as it was, a save that meets a newer
 * version shows both versions to choose from (ui-conflict.h), and leaving
 * with unsaved changes asks first. When a signal ends the program (a
 * closed terminal, SIGTERM, C-c) with unsaved changes, they are written
 * as a draft (store-draft.h), which the form offers beside the saved
 * entry, in the same two-column view, the next time it is opened.
 *
 * Keys of the form itself (besides the bound actions), also on its last
 * line: C-s or F2 save; C-t or F3 the workflow (提出, 確認, 差戻し, 下書き
 * に戻す); C-o or F4 edit the field on the bottom line (for long values);
 * C-x C-e the text under the cursor in the user's editor (ui-extedit.h);
 * Tab / BTab next and previous field; Enter or Space opens a list.
 */
#include <curses.h>
#include <limits.h>
#include <form.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "shisaku/achieve.h"
#include "shisaku/config.h"
#include "shisaku/screen-entry.h"
#include "shisaku/screen-sheet.h"
#include "shisaku/store-draft.h"
#include "shisaku/store-result.h"
#include "shisaku/store-sheet.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-conflict.h"
#include "shisaku/ui-draft.h"
#include "shisaku/ui-field.h"
#include "shisaku/ui-editor.h"
#include "shisaku/ui-extedit.h"
#include "shisaku/ui-undo.h"
#include "shisaku/ui-workflow.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/vocab.h"
#include "shisaku/workflow.h"

/* Keys read raw (not in the key table). */
#define ENTRY_KEY_SAVE		19	/* C-s */
#define ENTRY_KEY_FLOW		20	/* C-t */
#define ENTRY_KEY_WIDE		15	/* C-o */
#define ENTRY_KEY_UNDO		31	/* C-_ */
#define ENTRY_KEY_REVERT	18	/* C-r */

/* Widths in columns; field widths are even (see FIELD-NOTES). */
#define ENTRY_TARGET_W		12
#define ENTRY_ACTUAL_W		16
#define ENTRY_STATUS_W		10
#define ENTRY_GRADE_W		16
#define ENTRY_MIN_EDITOR	2

static const enum key_action entry_actions[] = {
	ACT_NEXT_PANE, ACT_PREV_PANE, ACT_OPEN, ACT_UP, ACT_DOWN, ACT_HISTORY
};

/* What can have the focus, in Tab order. */
enum entry_kind {
	EK_STATUS, EK_GRADE, EK_TEXT, EK_COMMENT, EK_ACTUAL, EK_NOTE
};

struct entry_ind {
	struct ui_line		 actual, note;
	int			 numeric;	/* the actual must be a number */
};

struct entry_screen {
	long long		 node_id;
	int			 fy;
	struct result_entry	*orig;		/* as loaded or last saved */
	struct result_entry	*cur;		/* the form's values */
	struct sheet		*sheet;		/* baselines, other years; NULL */
	struct ui_editor	 text, comment;
	struct entry_ind	*inds;
	size_t			 ninds;
	size_t			 focus;		/* index into the Tab order */
	unsigned		 allowed;	/* workflow_actions bits */
	int			 readonly;
	char			*readonly_why;
	/* What was typed on 状況 in a row (entry_type_status), and
	 * whether the key being handled added to it. */
	char			 typed[32];
	int			 typed_now;

	/* Layout for the body's size. */
	int			 lay_h, lay_w;
	int			 notice_rows;
	int			 y_choice, y_text, h_text, y_comment, h_comment;
	int			 y_indhead, y_ind, ind_rows, y_hint;
	size_t			 ind_top;
	int			 w_name, x_target, x_actual, w_actual;
	int			 x_note, w_note;

	/* The indicator fields, in a window of their own. */
	WINDOW			*fwin;
	FORM			*form;
	FIELD			**fields;

	/* A save that met a newer version: both shown until one is chosen. */
	struct result_entry	*theirs;
	struct ui_conflict	 conflict;

	/* Someone else saved the entry while this form held unsaved edits:
	 * what the notice says until the next save (NULL: nothing). */
	char			*moved;
	/* Who confirmed it, with the display name (entry_permissions). */
	char			*confirmed_who;

	/* The fields' earlier values, by focus index (C-_). */
	struct ui_undo		 undo;
	/* A draft left by a signal, shown beside the saved entry (in the
	 * same view) until the user chooses. */
	struct draft		*draft;
	/* C-x was pressed: the next key says what for (C-e: the editor). */
	int			 ctrl_x;
};

static void entry_form_free(struct entry_screen *es);
static void entry_form_build(struct ui *ui, struct entry_screen *es);

/* ---- focus order ---------------------------------------------------- */

static size_t
entry_nfocus(const struct entry_screen *es)
{
	return 4 + 2 * es->ninds;
}

static enum entry_kind
entry_focus_kind(size_t f)
{
	if (f < 4)
		return (enum entry_kind)f;
	return (f - 4) % 2 == 0 ? EK_ACTUAL : EK_NOTE;
}

static size_t
entry_focus_ind(size_t f)
{
	return f < 4 ? 0 : (f - 4) / 2;
}

static struct ui_line *
entry_focus_line(struct entry_screen *es, size_t f)
{
	enum entry_kind	k = entry_focus_kind(f);

	if (k == EK_ACTUAL)
		return &es->inds[entry_focus_ind(f)].actual;
	if (k == EK_NOTE)
		return &es->inds[entry_focus_ind(f)].note;
	return NULL;
}

/* ---- values ----------------------------------------------------------- */

/* The sheet's record of indicator id (baselines, other years), or NULL. */
static const struct sheet_indicator *
entry_sheet_indicator(const struct entry_screen *es, long long id)
{
	size_t	i;

	if (es->sheet == NULL)
		return NULL;
	for (i = 0; i < es->sheet->nindicators; i++)
		if (es->sheet->indicators[i].id == id)
			return &es->sheet->indicators[i];
	return NULL;
}

/* Whether an indicator's actual must be a number (value_expects_number,
 * with its other years' targets, final target and baseline). */
static int
entry_is_numeric(const struct entry_screen *es, const struct result_indicator *r)
{
	const struct sheet_indicator	*si = entry_sheet_indicator(es, r->id);
	struct value			*others;
	size_t				 i, n = 0;
	int				 num;

	others = xcalloc(si != NULL ? si->ntargets + 2 : 1, sizeof *others);
	if (si != NULL) {
		for (i = 0; i < si->ntargets; i++)
			others[n++] = si->targets[i].v;
		others[n++] = si->final;
		others[n++] = si->base;
	}
	/* others borrows the sheet's values: freed, not cleared. */
	num = value_expects_number(&r->target, others, n, &r->actual, r->unit);
	free(others);
	return num;
}

/* Sets every field from es->cur; the editors only when reset is set (a
 * save keeps the editors' cursors, the text being the same). */
static void
entry_values_from_cur(struct entry_screen *es, int reset)
{
	size_t	i;
	char	*t;

	if (reset) {
		ui_editor_set(&es->text, es->cur->text);
		ui_editor_set(&es->comment, es->cur->comment);
	} else {
		es->text.modified = 0;
		es->comment.modified = 0;
	}
	if (es->inds == NULL || es->ninds != es->cur->nindicators) {
		for (i = 0; i < es->ninds; i++) {
			ui_line_free(&es->inds[i].actual);
			ui_line_free(&es->inds[i].note);
		}
		free(es->inds);
		es->ninds = es->cur->nindicators;
		es->inds = xcalloc(es->ninds + 1, sizeof *es->inds);
		if (es->focus >= entry_nfocus(es))
			es->focus = 0;
	}
	for (i = 0; i < es->ninds; i++) {
		const struct result_indicator *r = &es->cur->indicators[i];

		t = value_format(&r->actual, r->unit, 1);
		ui_line_set(&es->inds[i].actual, t);
		free(t);
		ui_line_set(&es->inds[i].note, r->note);
		es->inds[i].numeric = entry_is_numeric(es, r);
	}
}

/* What the workflow lets this user do with the entry now. */
static void
entry_permissions(struct ui *ui, struct entry_screen *es)
{
	struct wf_item	it;

	store_result_wf(es->cur, ui->fy_style, &it);
	es->allowed = workflow_actions(ui->session, &it);
	free(es->confirmed_who);
	es->confirmed_who = ui_who(ui, es->cur->confirmed_by);
	free(es->readonly_why);
	es->readonly_why = NULL;
	es->readonly = !(es->allowed & (1u << WF_EDIT));
	if (es->readonly &&
	    workflow_may(ui->session, &it, WF_EDIT, NULL,
	    &es->readonly_why) == WF_DENY && es->readonly_why == NULL)
		es->readonly_why = xstrdup("この実績は編集できません");
}

/* Reads every field typed into back into its text. */
static void
entry_sync(struct entry_screen *es)
{
	size_t	i;

	if (es->form == NULL)
		return;
	/* The current field's edits reach its buffer only on validation. */
	form_driver_w(es->form, KEY_CODE_YES, REQ_VALIDATION);
	for (i = 0; i < es->ninds; i++) {
		struct ui_line	*ls[2];
		int			 k;

		ls[0] = &es->inds[i].actual;
		ls[1] = &es->inds[i].note;
		for (k = 0; k < 2; k++)
			ui_line_read(ls[k]);
	}
}

/* Whether anything differs from what was loaded or last saved. */
static int
entry_dirty(struct entry_screen *es)
{
	char	*t;
	int	 changed = 0;
	size_t	 i;

	entry_sync(es);
	if (strcmp(es->cur->status != NULL ? es->cur->status : "",
	    es->orig->status != NULL ? es->orig->status : "") != 0 ||
	    strcmp(es->cur->grade != NULL ? es->cur->grade : "",
	    es->orig->grade != NULL ? es->orig->grade : "") != 0)
		return 1;
	if (es->text.modified) {
		t = ui_editor_text(&es->text);
		changed |= strcmp(t, es->orig->text) != 0;
		free(t);
	}
	if (es->comment.modified) {
		t = ui_editor_text(&es->comment);
		changed |= strcmp(t, es->orig->comment) != 0;
		free(t);
	}
	for (i = 0; i < es->ninds && !changed; i++)
		changed = strcmp(es->inds[i].actual.text,
		    es->inds[i].actual.initial) != 0 ||
		    strcmp(es->inds[i].note.text, es->inds[i].note.initial) != 0;
	return changed;
}


/*
 * Checks the actual or note of indicator i as typed; with value not NULL
 * also gives the value to store. Returns 0, or -1 with *msg saying what
 * is accepted.
 */
static int
entry_check_line(struct entry_screen *es, size_t i, int is_note,
    struct value *value, char **msg)
{
	const struct result_indicator	*r = &es->cur->indicators[i];
	struct entry_ind		*ind = &es->inds[i];
	struct value			 v;
	char				*why = NULL, *ex;

	if (value != NULL)
		memset(value, 0, sizeof *value);
	if (is_note) {
		if (strlen(ind->note.text) > VALUE_TEXT_MAX) {
			*msg = xasprintf("「%s」の備考が長すぎます（%d バイトまで）",
			    r->name, VALUE_TEXT_MAX);
			return -1;
		}
		return 0;
	}
	/* What was loaded stays as it is, even if it would not be typed so. */
	if (strcmp(ind->actual.text, ind->actual.initial) == 0) {
		if (value != NULL)
			value_copy(value, &r->actual);
		return 0;
	}
	/* A number in another unit says so (3人 for a 組 indicator), as an
	 * import does, before the form says it wants a number. */
	if (value_parse(ind->actual.text, r->unit, &v, &why) != 0) {
		*msg = xasprintf("「%s」の実績値: %s", r->name, why);
		free(why);
		return -1;
	}
	if (ind->numeric && !workflow_blank(ind->actual.text)) {
		if (v.kind != VALUE_NUMBER) {
			value_clear(&v);
			ex = value_number_examples(r->unit);
			*msg = xasprintf("実績値「%s」は数値として読めません。"
			    "例: %s（空欄は未入力）", ind->actual.text, ex);
			free(ex);
			return -1;
		}
	}
	if (value != NULL)
		*value = v;
	else
		value_clear(&v);
	return 0;
}

/*
 * Puts the form's values into es->cur for saving. Returns 0, or -1 with
 * *bad the focus index of the first refused field and *msg the reason.
 */
static int
entry_collect(struct entry_screen *es, size_t *bad, char **msg)
{
	struct value	 v;
	size_t		 i;

	entry_sync(es);
	for (i = 0; i < es->ninds; i++) {
		if (entry_check_line(es, i, 0, NULL, msg) != 0) {
			*bad = 4 + 2 * i;
			return -1;
		}
		if (entry_check_line(es, i, 1, NULL, msg) != 0) {
			*bad = 4 + 2 * i + 1;
			return -1;
		}
	}
	if (es->text.modified) {
		free(es->cur->text);
		es->cur->text = ui_editor_text(&es->text);
	}
	if (es->comment.modified) {
		free(es->cur->comment);
		es->cur->comment = ui_editor_text(&es->comment);
	}
	for (i = 0; i < es->ninds; i++) {
		struct result_indicator *r = &es->cur->indicators[i];

		if (entry_check_line(es, i, 0, &v, msg) != 0) {
			*bad = 4 + 2 * i;
			return -1;
		}
		value_clear(&r->actual);
		r->actual = v;
		free(r->note);
		r->note = xstrdup(es->inds[i].note.text);
	}
	return 0;
}

/* ---- the grade the achievement suggests ----------------------------- */

/* The achievement of indicator i with the actual as typed; -1 if none. */
static double
entry_rate(struct entry_screen *es, size_t i, enum achieve_status *status)
{
	const struct result_indicator	*r = &es->cur->indicators[i];
	const struct sheet_indicator	*si = entry_sheet_indicator(es, r->id);
	struct achieve_input		 ai;
	struct value			 actual, target;
	char				*why = NULL;
	double				 rate, sum;
	int				*fys;
	struct value			*vals;
	size_t				 k, n = 0;
	int				 got;

	if (value_parse(es->inds[i].actual.text, r->unit, &actual, &why) != 0) {
		free(why);
		memset(&actual, 0, sizeof actual);
	}
	target = r->target;
	if (target.kind == VALUE_NONE && si != NULL && si->final_fy == es->fy)
		target = si->final;
	if (r->cumulative && si != NULL && actual.kind == VALUE_NUMBER) {
		/* The sum of the years after the baseline up to this one,
		 * with this year's as typed. */
		fys = xcalloc(si->nactuals + 1, sizeof *fys);
		vals = xcalloc(si->nactuals + 1, sizeof *vals);
		for (k = 0; k < si->nactuals; k++)
			if (si->actuals[k].fy != es->fy) {
				fys[n] = si->actuals[k].fy;
				vals[n++] = si->actuals[k].v;
			}
		fys[n] = es->fy;
		vals[n++] = actual;
		got = achieve_sum_actuals(fys, vals, n, si->base_fy, es->fy, &sum);
		free(fys);
		free(vals);
		if (got > 0)
			actual.num = sum;
	}
	memset(&ai, 0, sizeof ai);
	ai.dir = screen_sheet_dir(r->direction);
	ai.cumulative = r->cumulative;
	ai.base = si != NULL ? &si->base : NULL;
	ai.target = &target;
	ai.actual = &actual;
	rate = achieve_rate(&ai, status);
	value_clear(&actual);
	return rate;
}

/*
 * The grade suggested by the lowest achievement among the indicators
 * that have one, if that grade is on the configured scale; NULL
 * otherwise. *text describes it for the form (malloc'd), or why none.
 */
static const char *
entry_suggest(struct ui *ui, struct entry_screen *es, char **text)
{
	enum achieve_status	 st, first = ACHIEVE_OK;
	const char		*g;
	double			 rate, low = -1;
	size_t			 i;
	char			 buf[16];

	*text = NULL;
	for (i = 0; i < es->ninds; i++) {
		rate = entry_rate(es, i, &st);
		if (rate >= 0) {
			if (low < 0 || rate < low)
				low = rate;
		} else if (first == ACHIEVE_OK)
			first = st;
	}
	if (low < 0) {
		if (es->ninds > 0 && first != ACHIEVE_OK)
			*text = xasprintf("提案なし（%s）", achieve_status_text(first));
		return NULL;
	}
	g = achieve_grade_suggest(low);
	if (g == NULL || ui->config == NULL ||
	    config_grade_label(ui->config, g) == NULL)
		return NULL;
	*text = xasprintf("提案: %s（達成率 %s）", g,
	    screen_sheet_rate(low, buf, sizeof buf));
	return g;
}

/* ---- layout and the form library's fields --------------------------- */

static int
entry_even(int n)
{
	return n - (n & 1);
}

/* The notice under the header: the reason for a return (to the clerk
 * above all), else why the form is read-only. NULL when none. */
static char *
entry_notice(struct entry_screen *es, enum ui_attr *attr)
{
	char	at[17];

	*attr = UI_ERROR;
	if (es->moved != NULL)
		return xstrdup(es->moved);
	if (es->cur->state == WF_RETURNED && es->cur->return_comment[0] != '\0')
		return xasprintf("差戻しの理由: %s", es->cur->return_comment);
	/* Who confirmed it, before why it cannot be changed. */
	if (es->cur->state == WF_CONFIRMED && es->cur->confirmed_by[0] != '\0') {
		*attr = UI_DIM;
		return xasprintf("確認: %s %s%s%s", es->confirmed_who != NULL ?
		    es->confirmed_who : es->cur->confirmed_by,
		    at_minutes(es->cur->confirmed_at, at),
		    es->readonly ? "  閲覧のみ: " : "",
		    es->readonly ? es->readonly_why : "");
	}
	if (es->readonly)
		return xasprintf("閲覧のみ: %s", es->readonly_why);
	return NULL;
}

/* Keeps the focused indicator's row in view; returns 1 if the view moved. */
static int
entry_scroll_to_focus(struct entry_screen *es)
{
	size_t	i, old = es->ind_top;

	if (es->ind_rows <= 0)
		return 0;
	if (es->focus >= 4) {
		i = entry_focus_ind(es->focus);
		if (i < es->ind_top)
			es->ind_top = i;
		if (i >= es->ind_top + (size_t)es->ind_rows)
			es->ind_top = i - (size_t)es->ind_rows + 1;
	}
	if (es->ind_top + (size_t)es->ind_rows > es->ninds)
		es->ind_top = es->ninds > (size_t)es->ind_rows ?
		    es->ninds - (size_t)es->ind_rows : 0;
	return es->ind_top != old;
}

static void
entry_layout(struct ui *ui, struct entry_screen *es)
{
	enum ui_attr	 attr;
	char		*notice;
	int		 h, w, rest, e, avail;

	entry_sync(es);
	entry_form_free(es);
	getmaxyx(ui_body(ui), h, w);
	es->lay_h = h;
	es->lay_w = w;
	notice = entry_notice(es, &attr);
	es->notice_rows = notice != NULL && tw_width(notice) > w - 1 ? 2 : 1;
	free(notice);
	es->y_choice = 1 + es->notice_rows;
	/* header, notice, choices, two editor labels, indicator head, hint */
	rest = h - (es->y_choice + 1) - 2 - 1 - 1;
	es->ind_rows = 0;
	if (es->ninds > 0) {
		es->ind_rows = (rest - 2 * ENTRY_MIN_EDITOR) / 3;
		if (es->ind_rows < 1)
			es->ind_rows = 1;
		if ((size_t)es->ind_rows > es->ninds)
			es->ind_rows = (int)es->ninds;
	}
	e = rest - es->ind_rows;
	es->h_text = e * 3 / 5;
	if (es->h_text < ENTRY_MIN_EDITOR)
		es->h_text = ENTRY_MIN_EDITOR;
	es->h_comment = e - es->h_text;
	if (es->h_comment < ENTRY_MIN_EDITOR)
		es->h_comment = ENTRY_MIN_EDITOR;
	es->y_text = es->y_choice + 2;
	es->y_comment = es->y_text + es->h_text + 1;
	es->y_indhead = es->y_comment + es->h_comment;
	es->y_ind = es->y_indhead + 1;
	es->y_hint = h - 1;

	es->w_actual = ENTRY_ACTUAL_W;
	avail = w - ENTRY_TARGET_W - es->w_actual - 3;
	es->w_note = entry_even(avail / 2);
	if (es->w_note < 8)
		es->w_note = 8;
	es->w_name = avail - es->w_note;
	if (es->w_name < 4)
		es->w_name = 4;
	es->x_target = es->w_name + 1;
	es->x_actual = es->x_target + ENTRY_TARGET_W + 1;
	es->x_note = es->x_actual + es->w_actual + 1;
	if (es->x_note + es->w_note > w)
		es->w_note = entry_even(w - es->x_note);
	entry_scroll_to_focus(es);
	entry_form_build(ui, es);
}

static void
entry_form_free(struct entry_screen *es)
{
	size_t	i;

	for (i = 0; i < es->ninds; i++) {
		es->inds[i].actual.field = NULL;
		es->inds[i].note.field = NULL;
	}
	if (es->form != NULL) {
		unpost_form(es->form);
		free_form(es->form);
		es->form = NULL;
	}
	if (es->fields != NULL) {
		for (i = 0; es->fields[i] != NULL; i++)
			free_field(es->fields[i]);
		free(es->fields);
		es->fields = NULL;
	}
	if (es->fwin != NULL) {
		delwin(es->fwin);
		es->fwin = NULL;
	}
}

/* Makes the focused line field the form's current field. */
static void
entry_form_focus(struct entry_screen *es)
{
	struct ui_line	*l;

	if (es->form == NULL || es->focus < 4)
		return;
	l = entry_focus_line(es, es->focus);
	if (l == NULL || l->field == NULL)
		return;
	if (current_field(es->form) != l->field) {
		form_driver_w(es->form, KEY_CODE_YES, REQ_VALIDATION);
		set_current_field(es->form, l->field);
	}
	ui_line_cursor_end(es->form, l);
}

static void
entry_form_build(struct ui *ui, struct entry_screen *es)
{
	size_t	n = 0, r, i;
	int	rows = es->ind_rows;

	(void)ui;
	if (rows <= 0 || es->ninds == 0)
		return;
	es->fwin = newwin(rows, es->lay_w, 0, 0);
	if (es->fwin == NULL)
		return;
	es->fields = xcalloc((size_t)rows * 2 + 1, sizeof *es->fields);
	for (r = 0; r < (size_t)rows; r++) {
		i = es->ind_top + r;
		if (i >= es->ninds)
			break;
		es->fields[n] = ui_line_field((int)r, es->x_actual,
		    es->w_actual, &es->inds[i].actual);
		if (es->fields[n] != NULL)
			n++;
		es->fields[n] = ui_line_field((int)r, es->x_note, es->w_note,
		    &es->inds[i].note);
		if (es->fields[n] != NULL)
			n++;
	}
	es->fields[n] = NULL;
	if (n == 0 || (es->form = ui_line_form(es->fields)) == NULL) {
		entry_form_free(es);
		return;
	}
	set_form_win(es->form, es->fwin);
	set_form_sub(es->form, es->fwin);
	if (post_form(es->form) != E_OK) {
		entry_form_free(es);
		return;
	}
	entry_form_focus(es);
}

/* Lays out again if the body's size changed since the last layout. */
static void
entry_prepare(struct ui *ui, struct entry_screen *es)
{
	int	h, w;

	getmaxyx(ui_body(ui), h, w);
	if (h != es->lay_h || w != es->lay_w || (es->form == NULL &&
	    es->ind_rows > 0))
		entry_layout(ui, es);
}

/* ---- drawing ---------------------------------------------------------- */

static const char *
entry_status_label(const char *key)
{
	const char	*l = key != NULL ? vocab_label(VOCAB_STATUS, key) : NULL;

	return l != NULL ? l : "—";
}

static char *
entry_grade_text(struct ui *ui, const char *grade)
{
	const char	*l;

	if (grade == NULL || grade[0] == '\0')
		return xstrdup("—");
	l = ui->config != NULL ? config_grade_label(ui->config, grade) : NULL;
	return l != NULL ? xasprintf("%s %s", grade, l) : xstrdup(grade);
}

/* "label [value]" at x; returns the column after it. */
static int
entry_draw_choice(struct ui *ui, WINDOW *w, int y, int x, const char *label,
    const char *value, int width, int focused)
{
	attr_t	a = focused ? ui_attr(ui, UI_SELECT) : A_UNDERLINE;

	x += ui_put(w, y, x, label, 20, 0, focused ? ui_attr(ui, UI_MARK) :
	    ui_attr(ui, UI_HEADER));
	x += ui_put(w, y, x, " [", 2, 0, A_NORMAL);
	ui_put(w, y, x, value, width, 1, a);
	x += width;
	x += ui_put(w, y, x, "]", 1, 0, A_NORMAL);
	return x;
}

static void
entry_draw_label(struct ui *ui, WINDOW *w, int y, const char *label,
    int focused, const struct ui_editor *ed, int cols)
{
	char	info[64];

	ui_put(w, y, 0, label, cols, 0, focused ? ui_attr(ui, UI_MARK) :
	    ui_attr(ui, UI_HEADER));
	if (focused) {
		snprintf(info, sizeof info, "%zu 文字%s", ed->tb.len,
		    ed->modified ? "（変更あり）" : "");
		ui_put(w, y, cols - tw_width(info) - 1, info, tw_width(info), 0,
		    ui_attr(ui, UI_DIM));
	}
}

/* The keys of the form for its last line. */
static char *
entry_hint(struct entry_screen *es)
{
	const char	*wide = "";
	char		 flow[96];

	if (es->focus >= 4)
		wide = "  C-o:広い欄で編集";
	/* A form that cannot be edited names what C-t offers. */
	workflow_actions_text(es->allowed, flow, sizeof flow);
	if (es->readonly)
		return xasprintf("%s%s%sTab:次の欄  H:履歴  Esc:戻る",
		    *flow ? "C-t/F3:" : "", flow, *flow ? "  " : "");
	/* In a text, the editor instead of the keys the bottom line names. */
	if (es->focus == 2 || es->focus == 3)
		return xstrdup("C-s/F2:保存  C-t/F3:提出など  C-_:戻す  Tab:次の欄"
		    "  C-x C-e:エディタで編集");
	return xasprintf("C-s/F2:保存  C-t/F3:提出など  C-_:戻す  Tab/BTab:"
	    "欄の移動%s  Esc:戻る  F1:ヘルプ", wide);
}

/*
 * The form's last line: its keys, or, on an indicator's row whose name
 * its column cuts (26 columns on a terminal of 80), the whole name, and
 * beside it, when they fit, the key of the wide field (a form that
 * cannot be edited: its keys).
 */
static void
entry_put_hint(struct ui *ui, struct entry_screen *es, WINDOW *w)
{
	const struct result_indicator	*ri;
	char				*name, *line, *more;

	if (es->focus >= 4 && entry_focus_ind(es->focus) < es->ninds) {
		ri = &es->cur->indicators[entry_focus_ind(es->focus)];
		name = achieve_indicator_title(ri->name, ri->cumulative);
		if (tw_width(name) > es->w_name) {
			line = xasprintf("指標: %s", name);
			more = es->readonly ? entry_hint(es) :
			    xstrdup("C-o:広い欄で編集");
			ui_join_if_fits(&line, &more, es->lay_w);
			ui_put_cell(w, es->y_hint, 0, line, es->lay_w, 1,
			    ui_attr(ui, UI_DIM));
			free(line);
			free(more);
			free(name);
			return;
		}
		free(name);
	}
	line = entry_hint(es);
	ui_put_keys(w, es->y_hint, 0, line, es->lay_w, 1, ui_attr(ui, UI_DIM));
	free(line);
}

static void
entry_draw_indicators(struct ui *ui, struct entry_screen *es, WINDOW *w)
{
	char			*t;
	size_t			 r, i;
	int			 y;

	if (es->ninds == 0) {
		ui_put(w, es->y_indhead, 0, "指標: この取組に指標はありません",
		    es->lay_w, 0, ui_attr(ui, UI_DIM));
		return;
	}
	ui_put(w, es->y_indhead, 0, "指標", es->w_name, 0, ui_attr(ui, UI_HEADER));
	ui_put(w, es->y_indhead, es->x_target, "目標", ENTRY_TARGET_W, 0,
	    ui_attr(ui, UI_HEADER));
	ui_put(w, es->y_indhead, es->x_actual, "実績値", es->w_actual, 0,
	    ui_attr(ui, UI_HEADER));
	ui_put(w, es->y_indhead, es->x_note, "備考", es->w_note, 0,
	    ui_attr(ui, UI_HEADER));
	if (es->ninds > (size_t)es->ind_rows) {
		t = xasprintf("%zu-%zu / %zu", es->ind_top + 1, es->ind_top +
		    (size_t)es->ind_rows, es->ninds);
		ui_put(w, es->y_indhead, es->w_name - tw_width(t) - 1, t,
		    tw_width(t), 0, ui_attr(ui, UI_DIM));
		free(t);
	}
	if (es->fwin != NULL)
		copywin(es->fwin, w, 0, 0, es->y_ind, 0,
		    es->y_ind + es->ind_rows - 1, es->lay_w - 1, FALSE);
	for (r = 0; r < (size_t)es->ind_rows; r++) {
		const struct result_indicator	*ri;
		int				 focused;

		i = es->ind_top + r;
		if (i >= es->ninds)
			break;
		ri = &es->cur->indicators[i];
		y = es->y_ind + (int)r;
		focused = es->focus >= 4 && entry_focus_ind(es->focus) == i;
		t = achieve_indicator_title(ri->name, ri->cumulative);
		ui_put_cell(w, y, 0, t, es->w_name, 1, focused ?
		    ui_attr(ui, UI_SELECT) : A_NORMAL);
		free(t);
		t = value_display(&ri->target, ri->unit);
		ui_put(w, y, es->x_target, *t != '\0' ? t : "—", ENTRY_TARGET_W,
		    1, A_NORMAL);
		free(t);
	}
	/* The form's cursor: the terminal's at the insertion point while
	 * the field is edited (an input method opens there), else drawn. */
	if (es->form != NULL && es->focus >= 4) {
		struct ui_line	*l = entry_focus_line(es, es->focus);
		int			 cy, cx;

		if (l != NULL && l->field != NULL &&
		    current_field(es->form) == l->field) {
			pos_form_cursor(es->form);
			getyx(es->fwin, cy, cx);
			if (cy >= 0 && cy < es->ind_rows && cx >= 0 &&
			    cx < es->lay_w) {
				if (es->readonly)
					mvwchgat(w, es->y_ind + cy, cx, 1,
					    A_REVERSE | A_UNDERLINE, 0, NULL);
				else
					ui_cursor_at(ui, es->y_ind + cy, cx);
			}
		}
	}
}

/* How the text at focus index f shows its cursor: the terminal's while
 * it is edited, its own while it is read. */
static enum ui_editor_focus
entry_editor_focus(const struct entry_screen *es, size_t f)
{
	if (es->focus != f)
		return UI_EDITOR_UNFOCUSED;
	return es->readonly ? UI_EDITOR_READING : UI_EDITOR_EDITING;
}

/* The first department in charge of the item in the form's year, else
 * the department the result was entered for (else "—"); *more gets how
 * many others are in charge in the year. Borrowed from es. */
static const char *
entry_dept_first(const struct entry_screen *es, size_t *more)
{
	const char	*first = NULL;
	size_t		 i;

	*more = 0;
	for (i = 0; i < es->cur->ndepts; i++) {
		if (!workflow_dept_in_force(&es->cur->depts[i], es->fy))
			continue;
		if (first == NULL)
			first = es->cur->depts[i].name;
		else
			(*more)++;
	}
	if (first != NULL)
		return first;
	return es->cur->dept_name[0] != '\0' ? es->cur->dept_name : "—";
}

/* The departments in charge of the item in the form's year, main first
 * as printed, joined with ・ (a clerk of the second one reads theirs),
 * or compact: the first and how many more; else the department the
 * result was entered for. */
static char *
entry_depts_text(const struct entry_screen *es, int compact)
{
	char		*out, *t;
	const char	*first;
	size_t		 i, more;

	if (compact) {
		first = entry_dept_first(es, &more);
		return more > 0 ? xasprintf("%s ほか%zu課", first, more) :
		    xstrdup(first);
	}
	out = xstrdup("");
	for (i = 0; i < es->cur->ndepts; i++) {
		if (!workflow_dept_in_force(&es->cur->depts[i], es->fy))
			continue;
		t = xasprintf("%s%s%s", out, *out ? "・" : "",
		    es->cur->depts[i].name);
		free(out);
		out = t;
	}
	if (*out == '\0') {
		free(out);
		out = xstrdup(es->cur->dept_name[0] != '\0' ?
		    es->cur->dept_name : "—");
	}
	return out;
}

static void
entry_draw(struct ui *ui, void *state)
{
	struct entry_screen	*es = state;
	WINDOW			*w = ui_body(ui);
	char			 fy[FY_BUFSZ], *t, *g, *sugg = NULL, *who, *due;
	char			*dept;
	const char		*deadline;
	enum ui_attr		 nattr;
	size_t			 starts[2], lens[2], n, k;
	int			 x, at_w;
	char			 at[17];

	entry_prepare(ui, es);
	if (es->theirs != NULL || es->draft != NULL) {
		ui_conflict_draw(ui, &es->conflict, w);
		return;
	}
	werase(w);
	/* Header: year, state, departments, last entry. */
	if (!es->cur->year_open)
		due = xstrdup("  （入力締切）");
	else if (ui_year_state(ui, es->fy, &deadline) == 1 && *deadline)
		due = xasprintf("  期限 %s", deadline);
	else
		due = xstrdup("");
	/* What does not fit goes first: the entrant's display name, then
	 * the departments after the first (ほか N 課), never a bracket
	 * cut in half. */
	t = NULL;
	for (k = 0; k < 3; k++) {
		dept = entry_depts_text(es, k < 2 ? 0 : 1);
		who = k == 0 ? ui_who(ui, es->cur->entered_by) :
		    xstrdup(es->cur->entered_by);
		free(t);
		t = xasprintf("%s  状態: %s  担当: %s%s%s%s",
		    ui_fy(ui, es->fy, fy), workflow_state_label(es->cur->state),
		    dept, due, es->cur->entered_by[0] ? "  入力: " : "", who);
		free(dept);
		free(who);
		if (tw_width(t) <= es->lay_w)
			break;
	}
	if (tw_width(t) > es->lay_w) {
		/* Still too wide: the first department gives way (cut with
		 * ~), so the deadline and the login after it stay. */
		const char	*parts[3];
		static const int shrink[3] = { 0, 1, 0 };
		char		*head, *tail;
		size_t		 more;

		parts[1] = entry_dept_first(es, &more);
		head = xasprintf("%s  状態: %s  担当: ", ui_fy(ui, es->fy, fy),
		    workflow_state_label(es->cur->state));
		tail = more > 0 ? xasprintf(" ほか%zu課", more) : xstrdup("");
		who = xasprintf("%s%s%s%s", tail, due,
		    es->cur->entered_by[0] ? "  入力: " : "",
		    es->cur->entered_by);
		parts[0] = head;
		parts[2] = who;
		free(t);
		t = tw_fit_parts(parts, shrink, 3, es->lay_w, 8);
		free(head);
		free(tail);
		free(who);
	}
	free(due);
	x = ui_put_cell(w, 0, 0, t, es->lay_w, 0, ui_attr(ui, UI_HEADER));
	free(t);
	/* The time of the entry when it fits whole, else its date, else
	 * nothing: never half a time. */
	at_minutes(es->cur->entered_at, at);
	at_w = tw_width(at);
	if (at_w > 10 && x + 1 + at_w > es->lay_w)
		at_w = 10;
	if (at[0] != '\0' && x + 1 + at_w <= es->lay_w)
		ui_put(w, 0, x + 1, at, at_w, 0, ui_attr(ui, UI_DIM));
	/* The return comment or why the form is read-only. */
	t = entry_notice(es, &nattr);
	if (t != NULL) {
		n = tw_wrap(t, es->lay_w - 1, starts, lens, 2);
		for (k = 0; k < n && k < (size_t)es->notice_rows; k++) {
			char *part = xstrndup(t + starts[k], lens[k]);

			ui_put(w, 1 + (int)k, 0, part, es->lay_w - 1, 0,
			    ui_attr(ui, nattr));
			free(part);
		}
		free(t);
	}
	/* 状況 and 評価, with the suggested grade. */
	x = entry_draw_choice(ui, w, es->y_choice, 0, "状況",
	    entry_status_label(es->cur->status), ENTRY_STATUS_W, es->focus == 0);
	g = entry_grade_text(ui, es->cur->grade);
	x = entry_draw_choice(ui, w, es->y_choice, x + 2, "評価", g,
	    ENTRY_GRADE_W, es->focus == 1);
	free(g);
	entry_suggest(ui, es, &sugg);
	if (sugg != NULL && x + 2 < es->lay_w)
		ui_put_cell(w, es->y_choice, x + 2, sugg, es->lay_w - x - 2, 0,
		    ui_attr(ui, UI_DIM));
	free(sugg);
	/* The two texts. */
	entry_draw_label(ui, w, es->y_text - 1, "取組実績", es->focus == 2,
	    &es->text, es->lay_w);
	ui_editor_draw(ui, &es->text, w, es->y_text, 0, es->h_text, es->lay_w,
	    entry_editor_focus(es, 2), A_NORMAL);
	entry_draw_label(ui, w, es->y_comment - 1, "評価（課題・今後の方向性）",
	    es->focus == 3, &es->comment, es->lay_w);
	ui_editor_draw(ui, &es->comment, w, es->y_comment, 0, es->h_comment,
	    es->lay_w, entry_editor_focus(es, 3), A_NORMAL);
	entry_draw_indicators(ui, es, w);
	entry_put_hint(ui, es, w);
}

/* A note on the form's last line shown at once (before a wait). */
static void
entry_note_now(struct ui *ui, struct entry_screen *es, const char *text)
{
	WINDOW	*w = ui_body(ui);

	ui_put(w, es->y_hint, 0, text, es->lay_w, 1, ui_attr(ui, UI_ERROR));
	wnoutrefresh(w);
	doupdate();
}

/* The form's last line again after a note. */
static void
entry_hint_now(struct ui *ui, struct entry_screen *es)
{
	entry_put_hint(ui, es, ui_body(ui));
	wnoutrefresh(ui_body(ui));
	doupdate();
}

/* ---- focus movement and validation on leaving a field --------------- */

/* Checks the focused field before the focus leaves it; shows why not. */
static int
entry_may_leave(struct ui *ui, struct entry_screen *es)
{
	char	*msg = NULL;

	if (es->focus < 4 || es->readonly)
		return 1;
	entry_sync(es);
	if (entry_check_line(es, entry_focus_ind(es->focus),
	    entry_focus_kind(es->focus) == EK_NOTE, NULL, &msg) != 0) {
		ui_error(ui, "%s", msg);
		free(msg);
		return 0;
	}
	return 1;
}

/* Moves the focus to f (no check). */
static void
entry_focus_set(struct ui *ui, struct entry_screen *es, size_t f)
{
	if (f >= entry_nfocus(es))
		return;
	entry_sync(es);
	es->focus = f;
	if (entry_scroll_to_focus(es)) {
		entry_form_free(es);
		entry_form_build(ui, es);
	} else
		entry_form_focus(es);
}

static void
entry_focus_move(struct ui *ui, struct entry_screen *es, int delta)
{
	size_t	n = entry_nfocus(es);
	size_t	f = (es->focus + n + (size_t)(delta % (int)n + (int)n)) % n;

	if (!entry_may_leave(ui, es))
		return;
	entry_focus_set(ui, es, f);
}

/* Up and Down on the indicator rows: the same column one row away, or
 * the field before or after the rows. */
static void
entry_focus_row(struct ui *ui, struct entry_screen *es, int delta)
{
	size_t	f = es->focus;

	if (f >= 4) {
		if (delta < 0 && f < 6)
			f = 3;
		else if (delta < 0)
			f -= 2;
		else if (f + 2 < entry_nfocus(es))
			f += 2;
		else
			return;
	} else if (delta < 0) {
		if (f == 0)
			return;
		f--;
	} else
		f++;
	if (f >= entry_nfocus(es))
		return;
	if (!entry_may_leave(ui, es))
		return;
	entry_focus_set(ui, es, f);
}

/* ---- choosing the status and the grade ------------------------------ */

static void
entry_choose_status(struct ui *ui, struct entry_screen *es)
{
	const char	*items[16];
	const char	*key;
	int		 n = 0, cur = -1, c;

	while (n < 15 && (key = vocab_nth(VOCAB_STATUS, n)) != NULL) {
		items[n] = vocab_label(VOCAB_STATUS, key);
		if (es->cur->status != NULL && strcmp(es->cur->status, key) == 0)
			cur = n;
		n++;
	}
	items[n] = "（未設定）";
	c = ui_choose(ui, "状況", items, n + 1, cur < 0 ? 0 : cur);
	if (c < 0)
		return;
	es->cur->status = c < n ? vocab_nth(VOCAB_STATUS, c) : NULL;
}

static void
entry_set_grade(struct entry_screen *es, const char *key)
{
	free(es->cur->grade);
	es->cur->grade = key != NULL ? xstrdup(key) : NULL;
}

static void
entry_choose_grade(struct ui *ui, struct entry_screen *es)
{
	const struct config	*c = ui->config;
	char			**items, *sugg_text = NULL;
	const char		*sugg;
	int			 n = c != NULL ? c->ngrades : 0, i, cur = -1, ch;

	sugg = entry_suggest(ui, es, &sugg_text);
	free(sugg_text);
	items = xcalloc((size_t)n + 1, sizeof *items);
	for (i = 0; i < n; i++) {
		items[i] = xasprintf("%s %s%s", c->grades[i].key,
		    c->grades[i].label, sugg != NULL &&
		    strcmp(sugg, c->grades[i].key) == 0 ? "（提案）" : "");
		if (es->cur->grade != NULL &&
		    strcmp(es->cur->grade, c->grades[i].key) == 0)
			cur = i;
		else if (cur < 0 && es->cur->grade == NULL && sugg != NULL &&
		    strcmp(sugg, c->grades[i].key) == 0)
			cur = i;
	}
	items[n] = xstrdup("（評価なし）");
	ch = ui_choose(ui, "評価", (const char *const *)items, n + 1,
	    cur < 0 ? 0 : cur);
	if (ch >= 0)
		entry_set_grade(es, ch < n ? c->grades[ch].key : NULL);
	for (i = 0; i <= n; i++)
		free(items[i]);
	free(items);
}

/* The grade of the scale whose one-letter key ch is (A, ａ …), or NULL. */
static const char *
entry_grade_of_key(struct ui *ui, wint_t ch)
{
	const struct config	*c = ui->config;
	wint_t			 a = ch;
	int			 i;

	if (c == NULL)
		return NULL;
	if (a >= 0xFF01 && a <= 0xFF5E)
		a -= 0xFEE0;	/* full-width forms to ASCII */
	for (i = 0; i < c->ngrades; i++) {
		const char *k = c->grades[i].key;

		if (k[0] != '\0' && k[1] == '\0' && a < 0x80 &&
		    towupper(a) == towupper((wint_t)(unsigned char)k[0]))
			return k;
	}
	return NULL;
}

/* The status whose name, else whose reading (み for 未着手, typed
 * through an input method before it is converted), begins with the
 * UTF-8 text t, the first in the vocabulary's order; NULL for none. */
static const char *
entry_status_typed(const char *t)
{
	const char	*key, *reading;
	size_t		 len = strlen(t);
	int		 n;

	for (n = 0; (key = vocab_nth(VOCAB_STATUS, n)) != NULL; n++)
		if (strncmp(vocab_label(VOCAB_STATUS, key), t, len) == 0)
			return key;
	for (n = 0; (key = vocab_nth(VOCAB_STATUS, n)) != NULL; n++)
		if ((reading = vocab_reading(VOCAB_STATUS, key)) != NULL &&
		    strncmp(reading, t, len) == 0)
			return key;
	return NULL;
}

/* The first character of each status's name, as the message of a
 * character that chooses none names them ("未 実 完 延 中"). */
static void
entry_status_initials(char *buf, size_t size)
{
	const char	*key, *label;
	size_t		 o = 0;
	int		 n, len;

	buf[0] = '\0';
	for (n = 0; (key = vocab_nth(VOCAB_STATUS, n)) != NULL; n++) {
		label = vocab_label(VOCAB_STATUS, key);
		if ((len = mblen(label, MB_CUR_MAX)) <= 0 ||
		    o + (size_t)len + 2 > size)
			break;
		if (o > 0)
			buf[o++] = ' ';
		memcpy(buf + o, label, (size_t)len);
		o += (size_t)len;
		buf[o] = '\0';
	}
}

/*
 * A character typed on 状況, as in a list box: the status whose name or
 * reading begins with what was typed in a row (実, 実施, じっ …) is
 * chosen; a character that begins none says how to choose. What an
 * input method sends at once arrives as keys one after another, so a
 * word typed whole chooses its status too.
 */
static void
entry_type_status(struct ui *ui, struct entry_screen *es, wint_t ch)
{
	char		 mb[MB_LEN_MAX + 1], initials[64], *typed = es->typed;
	const char	*key = NULL;
	mbstate_t	 ps;
	size_t		 n, len = strlen(typed);

	memset(&ps, 0, sizeof ps);
	if ((n = wcrtomb(mb, (wchar_t)ch, &ps)) == (size_t)-1)
		n = 0;
	mb[n] = '\0';
	es->typed_now = 1;
	if (n > 0 && len + n < sizeof es->typed) {
		memcpy(typed + len, mb, n + 1);
		key = entry_status_typed(typed);
	}
	if (key == NULL && n > 0) {
		/* (A new word: the character alone.) */
		memcpy(typed, mb, n + 1);
		key = entry_status_typed(typed);
	}
	if (key == NULL) {
		typed[0] = '\0';
		entry_status_initials(initials, sizeof initials);
		ui_error(ui, "「%lc」で始まる状況はありません（Enter で一覧、"
		    "%s で選べます）", ch, initials);
		return;
	}
	es->cur->status = key;
}

/* A grade typed as its key on the grade field; 1 if it was. */
static int
entry_type_grade(struct ui *ui, struct entry_screen *es, wint_t ch)
{
	const char	*k = entry_grade_of_key(ui, ch);

	if (k == NULL)
		return 0;
	entry_set_grade(es, k);
	return 1;
}

/* A character typed on 評価 that is no grade of the scale. */
static void
entry_grade_not_typed(struct ui *ui, wint_t ch)
{
	const struct config	*c = ui->config;
	char			 keys[64];
	size_t			 n = 0;
	int			 i;

	keys[0] = '\0';
	for (i = 0; c != NULL && i < c->ngrades && n + 8 < sizeof keys; i++)
		n += (size_t)snprintf(keys + n, sizeof keys - n, "%s%s",
		    i > 0 ? " " : "", c->grades[i].key);
	ui_error(ui, "「%lc」という評価はありません（Enter で一覧%s%s）", ch,
	    n > 0 ? "、キーで選ぶなら " : "", keys);
}

/* ---- saving and the workflow ------------------------------------------ */

static void entry_conflict_open(struct ui *ui, struct entry_screen *es,
    struct result_entry *theirs, const char *why);

/* After a write: what was written becomes what the form compares with. */
static void
entry_after_write(struct ui *ui, struct entry_screen *es, int values)
{
	free(es->moved);
	es->moved = NULL;
	ui_undo_clear(&es->undo);
	store_result_free(es->orig);
	es->orig = store_result_dup(es->cur);
	if (values) {
		entry_values_from_cur(es, 0);
		entry_permissions(ui, es);
		entry_layout(ui, es);
	} else {
		entry_permissions(ui, es);
		entry_layout(ui, es);
	}
}

/* Saves es->cur (already collected) against version expected. */
static int
entry_store_save(struct ui *ui, struct entry_screen *es, int expected)
{
	struct result_entry	*current = NULL;
	char			*cause = NULL;
	int			 rc;

	for (;;) {
		entry_note_now(ui, es, "保存しています…");
		rc = store_result_save(ui->store, es->cur, ui->session->login,
		    expected, &current, &cause);
		entry_hint_now(ui, es);
		if (rc != STORE_BUSY)
			break;
		free(cause);
		cause = NULL;
		if (!ui_confirm(ui, "他の担当者が更新中です。もう一度保存しますか"
		    "（入力した内容はそのまま残ります）")) {
			ui_error(ui, "他の担当者が更新中のため保存できませんでした。"
			    "入力はそのまま残っています（C-s でもう一度保存）");
			return -1;
		}
	}
	if (rc == 0) {
		entry_after_write(ui, es, 1);
		ui_message(ui, "保存しました（%s）",
		    workflow_state_label(es->cur->state));
		return 0;
	}
	if (rc == STORE_CONFLICT && current != NULL) {
		entry_conflict_open(ui, es, current, cause);
		free(cause);
		return -1;
	}
	store_result_free(current);
	ui_error(ui, "%s", cause != NULL ? cause : "保存できませんでした");
	free(cause);
	return -1;
}

/* C-s: checks every field, then saves. force: save even when nothing
 * changed (a new entry before its first submit). */
static int
entry_save(struct ui *ui, struct entry_screen *es, int force)
{
	char	*msg = NULL;
	size_t	 bad = 0;

	if (es->readonly) {
		char	*why = xasprintf("保存できません: %s", es->readonly_why);

		ui_refuse(ui, es->node_id, 0, es->fy, "実績の保存", why);
		free(why);
		return -1;
	}
	if (entry_collect(es, &bad, &msg) != 0) {
		entry_focus_set(ui, es, bad);
		ui_error(ui, "%s", msg);
		free(msg);
		return -1;
	}
	if (!force && !store_result_changed(es->cur, es->orig) &&
	    es->cur->ver != 0) {
		ui_message(ui, "変更はありません");
		return 0;
	}
	return entry_store_save(ui, es, es->cur->ver);
}

static int
entry_transition(struct ui *ui, struct entry_screen *es, enum wf_action act,
    const char *comment)
{
	struct result_entry	*current = NULL;
	char			*cause = NULL;
	const char		*login = ui->session->login;
	int			 rc;

	for (;;) {
		entry_note_now(ui, es, "記録しています…");
		switch (act) {
		case WF_SUBMIT:
			rc = store_result_submit(ui->store, es->cur, login,
			    es->cur->ver, &current, &cause);
			break;
		case WF_CONFIRM:
			rc = store_result_confirm(ui->store, es->cur, login,
			    es->cur->ver, &current, &cause);
			break;
		case WF_RETURN:
			rc = store_result_return(ui->store, es->cur, login,
			    es->cur->ver, comment, &current, &cause);
			break;
		default:
			rc = store_result_reopen(ui->store, es->cur, login,
			    es->cur->ver, &current, &cause);
			break;
		}
		entry_hint_now(ui, es);
		if (rc != STORE_BUSY)
			break;
		free(cause);
		cause = NULL;
		if (!ui_confirm(ui, "他の担当者が更新中です。もう一度試しますか")) {
			ui_error(ui, "他の担当者が更新中のため%sできませんでした",
			    workflow_action_label(act));
			return -1;
		}
	}
	if (rc == 0) {
		static const char *const done[WF_ACTION_COUNT] = {
			"保存しました", "提出しました", "確認しました",
			"差し戻しました", "下書きに戻しました"
		};

		entry_after_write(ui, es, 0);
		ui_message(ui, "%s（%s）", done[act],
		    workflow_state_label(es->cur->state));
		return 0;
	}
	if (rc == STORE_CONFLICT && current != NULL) {
		/* Nothing unsaved here (saved first): show the new version. */
		store_result_free(es->cur);
		es->cur = current;
		entry_values_from_cur(es, 1);
		entry_after_write(ui, es, 0);
		ui_error(ui, "%s（最新の内容を表示しています）", cause);
		free(cause);
		return -1;
	}
	store_result_free(current);
	ui_error(ui, "%s", cause != NULL ? cause : "記録できませんでした");
	free(cause);
	return -1;
}

/* The shared workflow menu's ways into this form. */
static int
entry_menu_save(struct ui *ui, void *form, int force)
{
	return entry_save(ui, form, force);
}

static int
entry_menu_transition(struct ui *ui, void *form, enum wf_action act,
    const char *comment)
{
	return entry_transition(ui, form, act, comment);
}

/* C-t: the workflow actions the user may take now, in a list. */
static void
entry_workflow(struct ui *ui, struct entry_screen *es)
{
	struct ui_workflow_form	f = { 0 };

	entry_permissions(ui, es);
	f.form = es;
	f.allowed = es->allowed;
	f.readonly = es->readonly;
	f.dirty = entry_dirty(es);
	f.saved = es->cur->ver != 0;
	store_result_wf(es->cur, ui->fy_style, &f.it);
	f.what = "この実績";
	f.owner = "担当課";
	f.save = entry_menu_save;
	f.transition = entry_menu_transition;
	ui_workflow_menu(ui, &f);
}

/* C-o: the focused line field on the bottom line, at any length; or what
 * was typed into it when full (typed, the cursor after its at'th
 * character; ui_line_overflow). */
static void
entry_edit_wide(struct ui *ui, struct entry_screen *es, const char *typed,
    size_t at)
{
	struct ui_line	*l = entry_focus_line(es, es->focus);
	const struct result_indicator *r;
	char			*q, *answer = NULL;

	if (l == NULL) {
		if (es->focus == 0)
			entry_choose_status(ui, es);
		else if (es->focus == 1)
			entry_choose_grade(ui, es);
		return;
	}
	if (es->readonly) {
		ui_error(ui, "編集できません: %s", es->readonly_why);
		return;
	}
	entry_sync(es);
	r = &es->cur->indicators[entry_focus_ind(es->focus)];
	q = xasprintf("%s（%s）: ", entry_focus_kind(es->focus) == EK_NOTE ?
	    "備考" : "実績値", r->name);
	if (ui_prompt_at(ui, q, typed != NULL ? typed : l->text, at, &answer)) {
		free(l->text);
		l->text = answer;
		entry_form_free(es);
		entry_form_build(ui, es);
		entry_may_leave(ui, es);
	}
	free(q);
}

/* Leaving: asks first when something is not saved. */
static int
entry_may_close(struct ui *ui, struct entry_screen *es)
{
	if (es->readonly || !entry_dirty(es))
		return 1;
	return ui_confirm(ui, "保存していない変更があります。破棄して戻りますか");
}

/* ---- keys --------------------------------------------------------------- */

/* A key for a single-line field; 1 if it was used. */
static int
entry_line_key(struct ui *ui, struct entry_screen *es, int is_function,
    wint_t ch)
{
	struct ui_line	*l = entry_focus_line(es, es->focus);
	char		*typed;
	size_t		 at;

	switch (ui_line_key(es->form, l, is_function, ch, es->readonly)) {
	case UI_LINE_IGNORED:
		return 0;
	case UI_LINE_NEXT:
		entry_focus_move(ui, es, 1);
		break;
	case UI_LINE_READONLY:
		ui_error(ui, "編集できません: %s", es->readonly_why);
		break;
	case UI_LINE_TOO_LONG:
		ui_error(ui, "この欄は長いので C-o（F4）で全体を編集します");
		break;
	case UI_LINE_FULL:
		/* Typing into a full field goes on in the wide field. */
		if ((typed = ui_line_overflow(es->form, l, ch, &at)) != NULL) {
			entry_edit_wide(ui, es, typed, at);
			free(typed);
		} else
			ui_error(ui, "%s", UI_LINE_FULL_NOTE);
		break;
	default:
		break;
	}
	return 1;
}

/*
 * The fields chosen from the saved version t, field by field in the
 * conflict view, put into the form's entry (in the view's order: 状況,
 * 評価, 取組実績, the comment, then each indicator's actual and note).
 */
static void
entry_conflict_merge(struct entry_screen *es, const struct result_entry *t)
{
	struct result_entry	*m = es->cur;
	const struct ui_conflict *c = &es->conflict;
	size_t			 i, j;

	if (ui_conflict_takes_theirs(c, 0))
		m->status = t->status;
	if (ui_conflict_takes_theirs(c, 1)) {
		free(m->grade);
		m->grade = t->grade != NULL ? xstrdup(t->grade) : NULL;
	}
	if (ui_conflict_takes_theirs(c, 2)) {
		free(m->text);
		m->text = xstrdup(t->text);
	}
	if (ui_conflict_takes_theirs(c, 3)) {
		free(m->comment);
		m->comment = xstrdup(t->comment);
	}
	for (i = 0; i < m->nindicators; i++) {
		struct result_indicator		*mi = &m->indicators[i];
		const struct result_indicator	*ti = NULL;

		for (j = 0; j < t->nindicators; j++)
			if (t->indicators[j].id == mi->id)
				ti = &t->indicators[j];
		if (ui_conflict_takes_theirs(c, 4 + 2 * i)) {
			value_clear(&mi->actual);
			if (ti != NULL)
				value_copy(&mi->actual, &ti->actual);
		}
		if (ui_conflict_takes_theirs(c, 5 + 2 * i)) {
			free(mi->note);
			mi->note = xstrdup(ti != NULL ? ti->note : "");
		}
	}
}

/* Keys while both versions are shown after a conflict. */
static enum ui_key_result
entry_conflict_key(struct ui *ui, struct entry_screen *es,
    enum key_action act, int is_function, wint_t ch)
{
	struct result_entry	*theirs = es->theirs;
	int			 ver;

	switch (ui_conflict_key(ui, &es->conflict, act, is_function, ch)) {
	case UI_CONFLICT_MINE:
		ver = theirs->ver;
		es->theirs = NULL;
		ui_conflict_free(&es->conflict);
		store_result_free(theirs);
		entry_store_save(ui, es, ver);
		break;
	case UI_CONFLICT_MERGE:
		entry_conflict_merge(es, theirs);
		ver = theirs->ver;
		es->theirs = NULL;
		ui_conflict_free(&es->conflict);
		store_result_free(theirs);
		entry_values_from_cur(es, 1);
		entry_layout(ui, es);
		entry_store_save(ui, es, ver);
		break;
	case UI_CONFLICT_THEIRS:
		es->theirs = NULL;
		ui_conflict_free(&es->conflict);
		store_result_free(es->cur);
		es->cur = theirs;
		entry_values_from_cur(es, 1);
		entry_after_write(ui, es, 0);
		ui_message(ui, "保存済みの版を取り込みました（あなたの入力は"
		    "破棄しました）");
		break;
	case UI_CONFLICT_BACK:
		es->theirs = NULL;
		ui_conflict_free(&es->conflict);
		store_result_free(theirs);
		break;
	case UI_CONFLICT_UNHANDLED:
		return UI_KEY_UNHANDLED;
	default:
		break;
	}
	return UI_KEY_HANDLED;
}

/* ---- drafts ------------------------------------------------------------ */

/* "actual:ID" or "note:ID": a draft's name for an indicator's field. */
static char *
entry_draft_name(const char *what, long long id)
{
	return xasprintf("%s:%lld", what, id);
}

/* The draft's status, grade, texts and indicator fields into the form,
 * unsaved: the form shows them as typed and asks before leaving. */
static void
entry_draft_take(void *form, const struct draft *d)
{
	struct entry_screen	*es = form;
	const char		*v;
	char			*name;
	size_t			 i;

	if ((v = draft_get(d, "status")) != NULL)
		es->cur->status = v[0] != '\0' ? vocab_key(VOCAB_STATUS, v) : NULL;
	if ((v = draft_get(d, "grade")) != NULL) {
		free(es->cur->grade);
		es->cur->grade = v[0] != '\0' ? xstrdup(v) : NULL;
	}
	if ((v = draft_get(d, "text")) != NULL) {
		ui_editor_set(&es->text, v);
		es->text.modified = strcmp(v, es->orig->text) != 0;
	}
	if ((v = draft_get(d, "comment")) != NULL) {
		ui_editor_set(&es->comment, v);
		es->comment.modified = strcmp(v, es->orig->comment) != 0;
	}
	for (i = 0; i < es->ninds; i++) {
		name = entry_draft_name("actual", es->cur->indicators[i].id);
		if ((v = draft_get(d, name)) != NULL) {
			free(es->inds[i].actual.text);
			es->inds[i].actual.text = xstrdup(v);
		}
		free(name);
		name = entry_draft_name("note", es->cur->indicators[i].id);
		if ((v = draft_get(d, name)) != NULL) {
			free(es->inds[i].note.text);
			es->inds[i].note.text = xstrdup(v);
		}
		free(name);
	}
	/* The fields are made again from the texts at the next draw. */
	entry_form_free(es);
}

/* Shows the draft d beside the saved entry (es->cur) to choose from. */
static void
entry_draft_open(struct ui *ui, struct entry_screen *es, struct draft *d)
{
	const struct result_entry	*t = es->cur;
	const char			*v;
	char				*a, *b, *name, *mine;
	size_t				 i;

	es->draft = d;
	b = xasprintf("保存済みの版（%s、%s）", t->entered_by[0] ?
	    t->entered_by : "未入力", workflow_state_label(t->state));
	ui_draft_view(&es->conflict, d, d->base_ver != t->ver, b);
	free(b);
	v = draft_get(d, "status");
	ui_conflict_add(&es->conflict, "状況", entry_status_label(v != NULL &&
	    v[0] != '\0' ? vocab_key(VOCAB_STATUS, v) : NULL),
	    entry_status_label(t->status));
	v = draft_get(d, "grade");
	a = entry_grade_text(ui, v != NULL && v[0] != '\0' ? v : NULL);
	b = entry_grade_text(ui, t->grade);
	ui_conflict_add(&es->conflict, "評価", a, b);
	free(a);
	free(b);
	v = draft_get(d, "text");
	ui_conflict_add(&es->conflict, "取組実績", v != NULL ? v : t->text,
	    t->text);
	v = draft_get(d, "comment");
	ui_conflict_add(&es->conflict, "評価（課題・今後の方向性）",
	    v != NULL ? v : t->comment, t->comment);
	for (i = 0; i < t->nindicators; i++) {
		const struct result_indicator *ti = &t->indicators[i];

		b = value_display(&ti->actual, ti->unit);
		name = entry_draft_name("actual", ti->id);
		v = draft_get(d, name);
		free(name);
		mine = xstrdup(v != NULL ? v : b);
		name = xasprintf("実績値: %s", ti->name);
		ui_conflict_add(&es->conflict, name, mine, b);
		free(name);
		free(mine);
		free(b);
		name = entry_draft_name("note", ti->id);
		v = draft_get(d, name);
		free(name);
		name = xasprintf("備考: %s", ti->name);
		ui_conflict_add(&es->conflict, name, v != NULL ? v : ti->note,
		    ti->note);
		free(name);
	}
	ui_error(ui, "保存されていない入力（下書き）があります");
}

/* Keys while a draft is shown beside the saved entry. */
static enum ui_key_result
entry_draft_key(struct ui *ui, struct entry_screen *es, enum key_action act,
    int is_function, wint_t ch)
{
	struct ui_draft_form	f = {
		&es->draft, &es->conflict, DRAFT_RESULT, es->node_id, es->fy,
		entry_draft_take, es
	};

	return ui_draft_key(ui, &f, act, is_function, ch);
}

/* The program is ending on a signal: unsaved input becomes a draft. */
static char *
entry_keep(struct ui *ui, void *state)
{
	struct entry_screen	*es = state;
	struct draft		 d;
	char			*t, *name, *cause = NULL, *said;
	size_t			 i;

	if (es->readonly || es->draft != NULL)
		return NULL;
	/* After a conflict the form holds the user's own input still. */
	if (es->theirs == NULL && !entry_dirty(es))
		return NULL;
	entry_sync(es);
	memset(&d, 0, sizeof d);
	d.base_ver = es->orig->ver;
	draft_add(&d, "status", es->cur->status);
	draft_add(&d, "grade", es->cur->grade);
	t = ui_editor_text(&es->text);
	draft_add(&d, "text", t);
	free(t);
	t = ui_editor_text(&es->comment);
	draft_add(&d, "comment", t);
	free(t);
	for (i = 0; i < es->ninds; i++) {
		name = entry_draft_name("actual", es->cur->indicators[i].id);
		draft_add(&d, name, es->inds[i].actual.text);
		free(name);
		name = entry_draft_name("note", es->cur->indicators[i].id);
		draft_add(&d, name, es->inds[i].note.text);
		free(name);
	}
	if (store_draft_put(ui->store, ui->session->login, DRAFT_RESULT,
	    es->node_id, es->fy, &d, &cause) != 0) {
		said = xasprintf("%s %s の保存していない入力を残せませんでした: %s",
		    es->cur->node_code, es->cur->node_title, cause);
		free(cause);
	} else
		said = xasprintf("%s %s の保存していない入力を下書きとして残しました"
		    "（次に開いたときに戻せます）", es->cur->node_code,
		    es->cur->node_title);
	draft_clear(&d);
	return said;
}

static enum ui_key_result
entry_key_input(struct ui *ui, void *state, enum key_action act,
    int is_function, wint_t ch)
{
	struct entry_screen	*es = state;
	enum entry_kind		 kind;
	enum ui_editor_result	 r;
	struct ui_editor	*ed;

	if (es->theirs != NULL)
		return entry_conflict_key(ui, es, act, is_function, ch);
	if (es->draft != NULL)
		return entry_draft_key(ui, es, act, is_function, ch);

	/* The form's own keys, whatever the focus. */
	if ((!is_function && ch == ENTRY_KEY_SAVE) ||
	    (is_function && ch == KEY_F(2))) {
		entry_save(ui, es, 0);
		return UI_KEY_HANDLED;
	}
	if ((!is_function && ch == ENTRY_KEY_FLOW) ||
	    (is_function && ch == KEY_F(3))) {
		entry_workflow(ui, es);
		return UI_KEY_HANDLED;
	}
	if ((!is_function && ch == ENTRY_KEY_WIDE) ||
	    (is_function && ch == KEY_F(4))) {
		entry_edit_wide(ui, es, NULL, (size_t)-1);
		return UI_KEY_HANDLED;
	}
	if ((!is_function && ch == '\t') || act == ACT_NEXT_PANE) {
		entry_focus_move(ui, es, 1);
		return UI_KEY_HANDLED;
	}
	if ((is_function && ch == KEY_BTAB) || act == ACT_PREV_PANE) {
		entry_focus_move(ui, es, -1);
		return UI_KEY_HANDLED;
	}

	kind = entry_focus_kind(es->focus);
	/* Read-only, a printable key is its action (q, H, ? …) if it has
	 * one; the others say why nothing can be typed. */
	if (es->readonly && kind != EK_STATUS && kind != EK_GRADE &&
	    !is_function && ch >= 0x20 && iswprint(ch)) {
		/* j k and the page keys scroll a text being read. */
		if ((kind == EK_TEXT || kind == EK_COMMENT) &&
		    (act == ACT_UP || act == ACT_DOWN || act == ACT_PAGE_UP ||
		    act == ACT_PAGE_DOWN)) {
			is_function = 1;
			ch = act == ACT_UP ? KEY_UP : act == ACT_DOWN ? KEY_DOWN :
			    act == ACT_PAGE_UP ? KEY_PPAGE : KEY_NPAGE;
		} else if (act != ACT_NONE)
			goto action;
		else {
			ui_error(ui, "編集できません: %s", es->readonly_why);
			return UI_KEY_HANDLED;
		}
	}
	if (kind == EK_TEXT || kind == EK_COMMENT) {
		ed = kind == EK_TEXT ? &es->text : &es->comment;
		r = ui_editor_key(ed, is_function, ch, es->readonly);
		switch (r) {
		case UI_EDITOR_FULL:
			ui_error(ui, "%sは %d バイトまでです", kind == EK_TEXT ?
			    "取組実績" : "課題・今後の方向性", RESULT_TEXT_MAX);
			return UI_KEY_HANDLED;
		case UI_EDITOR_READONLY:
			ui_error(ui, "編集できません: %s", es->readonly_why);
			return UI_KEY_HANDLED;
		case UI_EDITOR_IGNORED:
			break;
		default:
			return UI_KEY_HANDLED;
		}
		/* Up on the first row and Down on the last leave the text. */
		if (is_function && (ch == KEY_UP || ch == KEY_DOWN)) {
			entry_focus_row(ui, es, ch == KEY_UP ? -1 : 1);
			return UI_KEY_HANDLED;
		}
	} else if (kind == EK_ACTUAL || kind == EK_NOTE) {
		if (entry_line_key(ui, es, is_function, ch))
			return UI_KEY_HANDLED;
		if (is_function && (ch == KEY_UP || ch == KEY_DOWN)) {
			entry_focus_row(ui, es, ch == KEY_UP ? -1 : 1);
			return UI_KEY_HANDLED;
		}
	} else {
		/* 状況 and 評価: lists. */
		if ((!is_function && (ch == '\n' || ch == '\r' || ch == ' ')) ||
		    (is_function && ch == KEY_ENTER) || act == ACT_OPEN) {
			if (es->readonly)
				ui_error(ui, "編集できません: %s",
				    es->readonly_why);
			else if (kind == EK_STATUS)
				entry_choose_status(ui, es);
			else
				entry_choose_grade(ui, es);
			return UI_KEY_HANDLED;
		}
		if ((is_function && (ch == KEY_BACKSPACE || ch == KEY_DC)) ||
		    (!is_function && (ch == 127 || ch == 8))) {
			if (es->readonly)
				ui_error(ui, "編集できません: %s",
				    es->readonly_why);
			else if (kind == EK_STATUS)
				es->cur->status = NULL;
			else
				entry_set_grade(es, NULL);
			return UI_KEY_HANDLED;
		}
		if (kind == EK_GRADE && !is_function && !es->readonly &&
		    entry_type_grade(ui, es, ch))
			return UI_KEY_HANDLED;
		/* A character that is no command: a status typed, or a
		 * grade that is not on the scale. */
		if (!is_function && !es->readonly && act == ACT_NONE &&
		    ch >= 0x20 && iswprint(ch)) {
			if (kind == EK_STATUS)
				entry_type_status(ui, es, ch);
			else
				entry_grade_not_typed(ui, ch);
			return UI_KEY_HANDLED;
		}
		if (is_function && (ch == KEY_UP || ch == KEY_LEFT)) {
			entry_focus_row(ui, es, -1);
			return UI_KEY_HANDLED;
		}
		if (is_function && (ch == KEY_DOWN || ch == KEY_RIGHT)) {
			entry_focus_row(ui, es, 1);
			return UI_KEY_HANDLED;
		}
	}

action:
	switch (act) {
	case ACT_BACK:
		return entry_may_close(ui, es) ? UI_KEY_CLOSE : UI_KEY_HANDLED;
	case ACT_QUIT:
		/* The frame asks first when something is unsaved. */
		return UI_KEY_UNHANDLED;
	case ACT_UP:
		entry_focus_row(ui, es, -1);
		return UI_KEY_HANDLED;
	case ACT_DOWN:
		entry_focus_row(ui, es, 1);
		return UI_KEY_HANDLED;
	case ACT_HISTORY: {
		struct screen_history_arg	a;

		memset(&a, 0, sizeof a);
		a.node_id = es->node_id;
		a.indicator_id = 0;
		a.fy = es->fy;
		ui_push(ui, &screen_history_ops, &a);
		return UI_KEY_HANDLED;
	}
	case ACT_YEAR_PREV:
	case ACT_YEAR_NEXT:
	case ACT_YEAR_PICK:
		/* (A form shows one year's entry, whether it can be
		 * edited or only read.) */
		ui_error(ui, "%sは年度を変えられません（戻ってから変えて"
		    "ください）", es->readonly ? "閲覧中" : "入力中");
		return UI_KEY_HANDLED;
	default:
		return UI_KEY_UNHANDLED;
	}
}

/* ---- undo --------------------------------------------------------------- */

/* The value of field f as text (malloc'd): a status or grade key ("" for
 * none), a text, a line as typed. */
static char *
entry_field_value(struct entry_screen *es, size_t f)
{
	struct ui_line	*l;

	switch (entry_focus_kind(f)) {
	case EK_STATUS:
		return xstrdup(es->cur->status != NULL ? es->cur->status : "");
	case EK_GRADE:
		return xstrdup(es->cur->grade != NULL ? es->cur->grade : "");
	case EK_TEXT:
		return ui_editor_text(&es->text);
	case EK_COMMENT:
		return ui_editor_text(&es->comment);
	default:
		l = entry_focus_line(es, f);
		return xstrdup(l != NULL && l->text != NULL ? l->text : "");
	}
}

/* The value of field f as loaded or last saved (malloc'd). */
static char *
entry_saved_value(struct entry_screen *es, size_t f)
{
	struct ui_line	*l;

	switch (entry_focus_kind(f)) {
	case EK_STATUS:
		return xstrdup(es->orig->status != NULL ? es->orig->status : "");
	case EK_GRADE:
		return xstrdup(es->orig->grade != NULL ? es->orig->grade : "");
	case EK_TEXT:
		return xstrdup(es->orig->text);
	case EK_COMMENT:
		return xstrdup(es->orig->comment);
	default:
		l = entry_focus_line(es, f);
		return xstrdup(l != NULL && l->initial != NULL ? l->initial : "");
	}
}

/* The name of field f for messages (malloc'd). */
static char *
entry_field_name(struct entry_screen *es, size_t f)
{
	static const char *const names[] = {
		"状況", "評価", "取組実績", "評価（課題・今後の方向性）"
	};

	if (f < 4)
		return xstrdup(names[f]);
	return xasprintf("%s（%s）", entry_focus_kind(f) == EK_NOTE ? "備考" :
	    "実績値", es->cur->indicators[entry_focus_ind(f)].name);
}

/* Puts value into field f and gives it the focus. */
static void
entry_field_put(struct ui *ui, struct entry_screen *es, size_t f,
    const char *value)
{
	struct ui_line	*l;
	struct ui_editor *ed;
	const char	*key;
	int		 i;

	entry_sync(es);
	switch (entry_focus_kind(f)) {
	case EK_STATUS:
		es->cur->status = NULL;
		for (i = 0; (key = vocab_nth(VOCAB_STATUS, i)) != NULL; i++)
			if (strcmp(key, value) == 0)
				es->cur->status = key;
		break;
	case EK_GRADE:
		entry_set_grade(es, *value != '\0' ? value : NULL);
		break;
	case EK_TEXT:
	case EK_COMMENT:
		ed = entry_focus_kind(f) == EK_TEXT ? &es->text : &es->comment;
		ui_editor_set(ed, value);
		ed->tb.cur = ed->tb.len;	/* the cursor after the text */
		/* What the form holds besides is what was saved. */
		ed->modified = strcmp(value, entry_focus_kind(f) == EK_TEXT ?
		    es->cur->text : es->cur->comment) != 0;
		break;
	default:
		l = entry_focus_line(es, f);
		free(l->text);
		l->text = xstrdup(value);
		l->dirty = 0;
		break;
	}
	es->focus = f;
	entry_scroll_to_focus(es);
	entry_form_free(es);
	entry_form_build(ui, es);
}

/* C-_ (u on 状況 and 評価): the last change of a field taken back. */
static void
entry_undo(struct ui *ui, struct entry_screen *es)
{
	char	*value, *name;
	int	 f;

	if (!ui_undo_pop(&es->undo, &f, &value)) {
		ui_message(ui, "これ以上は戻せません（読み込んだとき、または保存"
		    "したときの内容です）");
		return;
	}
	if ((size_t)f >= entry_nfocus(es)) {
		free(value);
		return;
	}
	entry_field_put(ui, es, (size_t)f, value);
	name = entry_field_name(es, (size_t)f);
	ui_message(ui, "%sを元に戻しました（C-_ でさらに前へ）", name);
	free(name);
	free(value);
}

/* C-r: the focused field back to its saved value (a step of undo). */
static void
entry_revert(struct ui *ui, struct entry_screen *es)
{
	char	*now, *saved, *name;

	entry_sync(es);
	now = entry_field_value(es, es->focus);
	saved = entry_saved_value(es, es->focus);
	name = entry_field_name(es, es->focus);
	if (strcmp(now, saved) == 0)
		ui_message(ui, "%sは保存済みの値のままです", name);
	else {
		ui_undo_close(&es->undo);
		ui_undo_note(&es->undo, (int)es->focus, now);
		ui_undo_close(&es->undo);
		entry_field_put(ui, es, es->focus, saved);
		ui_message(ui, "%sを保存済みの値に戻しました（C-_ で取り消し）",
		    name);
	}
	free(now);
	free(saved);
	free(name);
}

/* C-x C-e: the text under the cursor in the user's editor, put back as
 * a change of its own that C-_ takes back. */
static void
entry_external(struct ui *ui, struct entry_screen *es)
{
	enum entry_kind	 kind = entry_focus_kind(es->focus);
	char		*before, *after = NULL, *name;

	if (kind != EK_TEXT && kind != EK_COMMENT) {
		ui_message(ui, "エディタで編集できるのは取組実績と評価（課題・"
		    "今後の方向性）です（Tab で移ってから C-x C-e）");
		return;
	}
	entry_sync(es);
	before = entry_field_value(es, es->focus);
	name = entry_field_name(es, es->focus);
	if (ui_extedit(ui, name, before, RESULT_TEXT_MAX, &after)) {
		ui_undo_close(&es->undo);
		ui_undo_note(&es->undo, (int)es->focus, before);
		ui_undo_close(&es->undo);
		entry_field_put(ui, es, es->focus, after);
	}
	free(after);
	free(name);
	free(before);
}

/*
 * Every key: undo's own keys first; any other key that changes the
 * focused field leaves its earlier value for C-_ (one step while the
 * field keeps the focus).
 */
static enum ui_key_result
entry_key(struct ui *ui, void *state, enum key_action act, int is_function,
    wint_t ch)
{
	struct entry_screen	*es = state;
	enum entry_kind		 kind;
	enum ui_key_result	 r;
	char			*before = NULL, *after;
	size_t			 f = 0;

	entry_prepare(ui, es);
	/* C-x, then C-e (or e): the editor; another key does nothing. */
	if (es->ctrl_x) {
		es->ctrl_x = 0;
		if (!is_function && (ch == UI_EXTEDIT_KEY || ch == 'e'))
			entry_external(ui, es);
		else
			ui_message(ui, "C-x の次は C-e（エディタで編集）です");
		return UI_KEY_HANDLED;
	}
	if (es->theirs == NULL && es->draft == NULL && !es->readonly &&
	    !is_function && ch == UI_EXTEDIT_KEY_PREFIX) {
		es->ctrl_x = 1;
		ui_message(ui, "C-x-（C-e でこの欄をエディタで編集）");
		return UI_KEY_HANDLED;
	}
	if (es->theirs == NULL && es->draft == NULL && !es->readonly) {
		kind = entry_focus_kind(es->focus);
		/* u on the lists, unless the scale has a grade u. */
		if (!is_function && (ch == ENTRY_KEY_UNDO || (ch == 'u' &&
		    (kind == EK_STATUS || (kind == EK_GRADE &&
		    entry_grade_of_key(ui, ch) == NULL))))) {
			entry_undo(ui, es);
			return UI_KEY_HANDLED;
		}
		if (!is_function && ch == ENTRY_KEY_REVERT) {
			entry_revert(ui, es);
			return UI_KEY_HANDLED;
		}
		entry_sync(es);
		f = es->focus;
		before = entry_field_value(es, f);
	}
	es->typed_now = 0;
	r = entry_key_input(ui, state, act, is_function, ch);
	if (r != UI_KEY_CLOSE && !es->typed_now)
		es->typed[0] = '\0';
	if (before != NULL && r != UI_KEY_CLOSE && es->theirs == NULL &&
	    es->draft == NULL && f < entry_nfocus(es)) {
		entry_sync(es);
		after = entry_field_value(es, f);
		if (strcmp(before, after) != 0)
			ui_undo_note(&es->undo, (int)f, before);
		if (es->focus != f)
			ui_undo_close(&es->undo);
		free(after);
	}
	free(before);
	return r;
}

/* ---- both versions after a conflict ------------------------------------ */

/* Shows mine (es->cur) beside theirs, the version saved meanwhile. */
static void
entry_conflict_open(struct ui *ui, struct entry_screen *es,
    struct result_entry *theirs, const char *why)
{
	const struct result_entry	*m = es->cur, *t = theirs;
	char				*a, *b, *name, *who, at[17];
	size_t				 i, j;

	store_result_free(es->theirs);
	es->theirs = theirs;
	who = ui_who(ui, t->entered_by);
	a = xasprintf("保存する前に、他の人がこの実績を更新しました（%s %s）。"
	    "どちらを残しますか", t->entered_by[0] ? who : "不明",
	    at_minutes(t->entered_at, at));
	b = xasprintf("保存済みの版（%s、%s）", who,
	    workflow_state_label(t->state));
	free(who);
	ui_conflict_init(&es->conflict, a, b);
	free(a);
	free(b);
	ui_conflict_add(&es->conflict, "状況", entry_status_label(m->status),
	    entry_status_label(t->status));
	a = entry_grade_text(ui, m->grade);
	b = entry_grade_text(ui, t->grade);
	ui_conflict_add(&es->conflict, "評価", a, b);
	free(a);
	free(b);
	ui_conflict_add(&es->conflict, "取組実績", m->text, t->text);
	ui_conflict_add(&es->conflict, "評価（課題・今後の方向性）", m->comment,
	    t->comment);
	for (i = 0; i < m->nindicators; i++) {
		const struct result_indicator *mi = &m->indicators[i], *ti = NULL;

		for (j = 0; j < t->nindicators; j++)
			if (t->indicators[j].id == mi->id)
				ti = &t->indicators[j];
		a = value_display(&mi->actual, mi->unit);
		b = ti != NULL ? value_display(&ti->actual, ti->unit) :
		    xstrdup("");
		name = xasprintf("実績値: %s", mi->name);
		ui_conflict_add(&es->conflict, name, a, b);
		free(name);
		free(a);
		free(b);
		name = xasprintf("備考: %s", mi->name);
		ui_conflict_add(&es->conflict, name, mi->note,
		    ti != NULL ? ti->note : "");
		free(name);
	}
	ui_error(ui, "%s", why != NULL ? why : "この実績は他の人が更新しました");
}

/* ---- the screen ------------------------------------------------------- */

static void *
entry_open(struct ui *ui, const void *arg)
{
	const struct screen_entry_arg	*a = arg;
	struct entry_screen		*es;
	struct draft			*d = NULL;
	char				*cause = NULL;

	es = xcalloc(1, sizeof *es);
	es->node_id = a->node_id;
	es->fy = a->fy;
	if (store_result_load(ui->store, a->node_id, a->fy, &es->cur,
	    &cause) != 0) {
		ui_error(ui, "%s", cause != NULL ? cause : "実績を読み込めません");
		free(cause);
		free(es);
		return NULL;
	}
	/* Baselines and other years, for the suggested grade; optional. */
	if (store_sheet_load(ui->store, a->node_id, a->fy, &es->sheet,
	    &cause) != 0) {
		free(cause);
		es->sheet = NULL;
	}
	es->orig = store_result_dup(es->cur);
	ui_editor_init(&es->text, NULL, RESULT_TEXT_MAX);
	ui_editor_init(&es->comment, NULL, RESULT_TEXT_MAX);
	ui_undo_init(&es->undo);
	entry_values_from_cur(es, 1);
	entry_permissions(ui, es);
	ui_flow_control_off();
	es->focus = 2;		/* 取組実績 */
	entry_layout(ui, es);
	if (es->readonly)
		ui_message(ui, "閲覧のみ: %s", es->readonly_why);
	else if (store_draft_get(ui->store, ui->session->login, DRAFT_RESULT,
	    es->node_id, es->fy, &d, &cause) == 0 && d != NULL)
		entry_draft_open(ui, es, d);
	else if (es->cur->state == WF_RETURNED)
		ui_error(ui, "差し戻されています: %s", es->cur->return_comment);
	free(cause);
	return es;
}

static void
entry_close(struct ui *ui, void *state)
{
	struct entry_screen	*es = state;
	size_t			 i;

	(void)ui;
	ui_flow_control_restore();
	entry_form_free(es);
	for (i = 0; i < es->ninds; i++) {
		ui_line_free(&es->inds[i].actual);
		ui_line_free(&es->inds[i].note);
	}
	free(es->inds);
	ui_editor_free(&es->text);
	ui_editor_free(&es->comment);
	store_result_free(es->cur);
	store_result_free(es->orig);
	store_result_free(es->theirs);
	store_draft_free(es->draft);
	ui_conflict_free(&es->conflict);
	store_sheet_free(es->sheet);
	free(es->readonly_why);
	free(es->moved);
	free(es->confirmed_who);
	ui_undo_free(&es->undo);
	free(es);
}

static void
entry_refresh(struct ui *ui, void *state)
{
	struct entry_screen	*es = state;

	/* Only the layout: re-reading would throw away what was typed. */
	entry_layout(ui, es);
	ui_conflict_relayout(&es->conflict);
}

static char *
entry_title(struct ui *ui, void *state)
{
	struct entry_screen	*es = state;
	char			 fy[FY_BUFSZ];

	/* The plan is on the status line; the year must not be cut off. */
	return xasprintf("実績入力（%s） > %s%s%s", ui_fy(ui, es->fy, fy),
	    es->cur->node_code, es->cur->node_code[0] ? " " : "",
	    es->cur->node_title);
}

static int
entry_shown_fy(struct ui *ui, void *state)
{
	(void)ui;
	return ((struct entry_screen *)state)->fy;
}

/* A text or a value field has the focus: every printable key is text. */
static int
entry_typing(struct ui *ui, void *state)
{
	struct entry_screen	*es = state;
	enum entry_kind		 k = entry_focus_kind(es->focus);

	(void)ui;
	return !es->readonly && es->theirs == NULL && es->draft == NULL &&
	    k != EK_STATUS && k != EK_GRADE;
}

static int
entry_unsaved(struct ui *ui, void *state)
{
	struct entry_screen	*es = state;

	(void)ui;
	return !es->readonly && entry_dirty(es);
}

static char *
entry_hint_keys(struct ui *ui, void *state)
{
	struct entry_screen	*es = state;
	char			 h[16], flow[96];

	(void)ui;
	ui_key_name(ACT_HISTORY, h, sizeof h);
	/* What C-t offers, by name (下書きに戻す for a clerk on their
	 * submitted entry). */
	workflow_actions_text(es->allowed, flow, sizeof flow);
	if (es->readonly)
		return xasprintf("%s%s%s%s:履歴", *flow ? "C-t:" : "", flow,
		    *flow ? "  " : "", h);
	return xstrdup("Tab:次の欄  C-s:保存  C-t:提出");
}

/*
 * Another program changed the database: if this entry moved on (another
 * clerk saved it, a supervisor confirmed or returned it, the clerk
 * resubmitted it), show it as it is now. Unsaved edits are never thrown
 * away: then only the notice says so, and a save shows both versions.
 */
static void
entry_changed(struct ui *ui, void *state)
{
	struct entry_screen	*es = state;
	struct result_entry	*now = NULL;
	char			*cause = NULL, *who;
	int			 same_text;

	if (es->theirs != NULL || es->draft != NULL)
		return;
	if (store_result_load(ui->store, es->node_id, es->fy, &now,
	    &cause) != 0) {
		free(cause);
		return;
	}
	if (now->id == es->orig->id && now->ver == es->orig->ver &&
	    now->state == es->orig->state &&
	    now->year_open == es->orig->year_open) {
		store_result_free(now);
		return;
	}
	who = ui_who(ui, now->state == WF_CONFIRMED ? now->confirmed_by :
	    now->entered_by);
	if (!es->readonly && entry_dirty(es)) {
		free(es->moved);
		es->moved = xasprintf("保存済みの版を %s が更新しました（いまは"
		    "%s）。保存すると両方の版を比べます", who,
		    workflow_state_label(now->state));
		store_result_free(now);
		entry_layout(ui, es);
		ui_error(ui, "%s", es->moved);
		free(who);
		return;
	}
	same_text = strcmp(now->text, es->cur->text) == 0 &&
	    strcmp(now->comment, es->cur->comment) == 0;
	store_result_free(es->cur);
	es->cur = now;
	store_result_free(es->orig);
	es->orig = store_result_dup(now);
	free(es->moved);
	es->moved = NULL;
	ui_undo_clear(&es->undo);
	entry_values_from_cur(es, !same_text);
	entry_permissions(ui, es);
	entry_layout(ui, es);
	ui_message(ui, "この実績は更新されました: いまは%s（%s）",
	    workflow_state_label(now->state), who);
	free(who);
}

/* The form's own keys, for ? (they are not in the key table because a
 * form must keep every printable key for typing). */
static const struct screen_fixed_key entry_fixed_keys[] = {
	{ "C-s F2", "保存" },
	{ "C-t F3", "提出・確認・差戻し・下書きに戻す" },
	{ "C-o F4", "欄を画面下の広い欄で編集" },
	{ "C-x C-e", "取組実績・課題の欄を $VISUAL / $EDITOR（なければ editor、vi）"
	    "で編集（C-_ で取り消せます）" },
	{ "C-_", "直前の変更を取り消す（欄ごとに、繰り返すと読み込んだ内容まで）" },
	{ "u", "状況・評価の欄で: 直前の変更を取り消す（C-_ と同じ）" },
	{ "状況の頭文字", "状況の欄で: 名前か読みの頭（実、じっし）で状況を選ぶ" },
	{ "評価のキー", "評価の欄で: 設定の評価のキー（A など、全角でも）で選ぶ" },
	{ "C-r", "この欄を保存済みの値に戻す（C-_ で取り消せます）" },
};

/* What the key table's moves do on the form (? lists them with these
 * words: the table's 次のペイン or 開く would mislead). */
static const char *
entry_action_help(enum key_action act)
{
	switch (act) {
	case ACT_NEXT_PANE:
		return "次の欄へ";
	case ACT_PREV_PANE:
		return "前の欄へ";
	case ACT_OPEN:
		return "状況・評価の選択肢を開く（複数行の欄では改行）";
	case ACT_UP:
		return "前の欄へ（複数行の欄では上の行へ）";
	case ACT_DOWN:
		return "次の欄へ（複数行の欄では下の行へ）";
	default:
		return NULL;
	}
}

const struct screen_ops screen_entry_ops = {
	.name = "entry",
	.actions = entry_actions,
	.nactions = sizeof entry_actions / sizeof entry_actions[0],
	.fixed_keys = entry_fixed_keys,
	.nfixed_keys = sizeof entry_fixed_keys / sizeof entry_fixed_keys[0],
	.action_help = entry_action_help,
	.open = entry_open,
	.draw = entry_draw,
	.key = entry_key,
	.keep = entry_keep,
	.refresh = entry_refresh,
	.close = entry_close,
	.title = entry_title,
	.shown_fy = entry_shown_fy,
	.hint = entry_hint_keys,
	.typing = entry_typing,
	.unsaved = entry_unsaved,
	.changed = entry_changed
};
