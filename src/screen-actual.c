/*
 * The indicator actual form: one indicator's actual value and note for
 * one fiscal year, for an indicator reported on its own (one of a policy
 * or of the plan, or of an item with a department of its own; see
 * store-actual.h). The indicator's baseline, the year's target (or the
 * final target), its direction and, for a cumulative indicator, the total
 * of the years before are shown above the two fields; the achievement and
 * the grade it suggests are computed again on every key typed into the
 * value. Saving, submitting, confirming, returning and reopening go
 * through store-actual.h, which checks the workflow again inside its
 * transaction; the keys are those of the results form (screen-entry.c).
 *
 * The two fields are single-line fields of the form library (ui-field.h)
 * in a window of their own that is copied into the body on every draw;
 * the terminal's cursor is put at the insertion point. Nothing typed is
 * lost: a refused value keeps the cursor in its field with the reason, a
 * refused or failed save keeps both fields, a save that meets a newer
 * version shows both (ui-conflict.h), and leaving with unsaved changes
 * asks first. A signal that ends the program keeps unsaved input as a
 * draft (store-draft.h), offered beside the saved actual next time.
 */
#include <curses.h>
#include <form.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "shisaku/achieve.h"
#include "shisaku/config.h"
#include "shisaku/screen-entry.h"
#include "shisaku/screen-indicator.h"
#include "shisaku/screen-sheet.h"
#include "shisaku/store-actual.h"
#include "shisaku/store-draft.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-conflict.h"
#include "shisaku/ui-draft.h"
#include "shisaku/ui-field.h"
#include "shisaku/ui-undo.h"
#include "shisaku/ui-workflow.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/vocab.h"
#include "shisaku/workflow.h"

/* Keys read raw, as in the results form. */
#define ACTUAL_KEY_SAVE		19	/* C-s */
#define ACTUAL_KEY_FLOW		20	/* C-t */
#define ACTUAL_KEY_WIDE		15	/* C-o */
#define ACTUAL_KEY_UNDO		31	/* C-_ */
#define ACTUAL_KEY_REVERT	18	/* C-r */

/* Widths in columns; field widths are even (see FIELD-NOTES). */
#define ACTUAL_LABEL_W		10
#define ACTUAL_VALUE_W		30	/* ten full-width characters and more */
#define ACTUAL_NOTE_MAX		60

enum actual_focus { AF_VALUE, AF_NOTE, AF_COUNT };

static const enum key_action actual_actions[] = {
	ACT_NEXT_PANE, ACT_PREV_PANE, ACT_UP, ACT_DOWN, ACT_HISTORY
};

struct actual_screen {
	long long		 indicator_id;
	int			 fy;
	struct actual_entry	*orig;		/* as loaded or last saved */
	struct actual_entry	*cur;		/* the form's values */
	char			*path;		/* the indicator's node, for show */
	char			*category;
	struct ui_line		 lines[AF_COUNT];
	int			 numeric;	/* the value must be a number */
	enum actual_focus	 focus;
	unsigned		 allowed;	/* workflow_actions bits */
	int			 readonly;
	char			*readonly_why;

	/* Layout for the body's size. */
	int			 lay_h, lay_w;
	int			 y_notice, notice_rows, y_info, y_fields;
	int			 y_rate, y_who, y_hint;
	int			 x_field, w_note;

	/* The fields, in a window of their own. */
	WINDOW			*fwin;
	FORM			*form;
	FIELD			*fields[AF_COUNT + 1];

	/* A save that met a newer version: both shown until one is chosen. */
	struct actual_entry	*theirs;
	struct ui_conflict	 conflict;

	/* Someone else saved the actual while this form held unsaved
	 * edits: what the notice says until the next save (NULL: nothing). */
	char			*moved;

	/* The fields' earlier values (C-_). */
	struct ui_undo		 undo;
	/* A draft left by a signal, shown beside the saved actual until the
	 * user chooses (as in the results form). */
	struct draft		*draft;
};

static void actual_form_free(struct actual_screen *as);
static void actual_form_build(struct actual_screen *as);

/* ---- values ----------------------------------------------------------- */

/* Sets both fields from as->cur. */
static void
actual_values_from_cur(struct actual_screen *as)
{
	char	*t = value_format(&as->cur->actual, as->cur->unit, 1);

	ui_line_set(&as->lines[AF_VALUE], t);
	free(t);
	ui_line_set(&as->lines[AF_NOTE], as->cur->note);
}

/* What the workflow lets this user do with the actual now. */
static void
actual_permissions(struct ui *ui, struct actual_screen *as)
{
	struct wf_item	it;

	store_actual_wf(as->cur, ui->fy_style, &it);
	as->allowed = workflow_actions(ui->session, &it);
	free(as->readonly_why);
	as->readonly_why = NULL;
	as->readonly = !(as->allowed & (1u << WF_EDIT));
	if (as->readonly &&
	    workflow_may(ui->session, &it, WF_EDIT, NULL,
	    &as->readonly_why) == WF_DENY && as->readonly_why == NULL)
		as->readonly_why = xstrdup("この実績値は編集できません");
}

/* Reads the fields typed into back into their texts. */
static void
actual_sync(struct actual_screen *as)
{
	int	i;

	if (as->form == NULL)
		return;
	/* The current field's edits reach its buffer only on validation. */
	form_driver_w(as->form, KEY_CODE_YES, REQ_VALIDATION);
	for (i = 0; i < AF_COUNT; i++)
		ui_line_read(&as->lines[i]);
}

static int
actual_dirty(struct actual_screen *as)
{
	int	i;

	actual_sync(as);
	for (i = 0; i < AF_COUNT; i++)
		if (strcmp(as->lines[i].text, as->lines[i].initial) != 0)
			return 1;
	return 0;
}


/*
 * Checks the value or the note as typed; with value not NULL also gives
 * the value to store (a number keeps the form it was typed in: 1,234).
 * Returns 0, or -1 with *msg saying what is accepted.
 */
static int
actual_check(struct actual_screen *as, enum actual_focus f,
    struct value *value, char **msg)
{
	const struct ui_line	*l = &as->lines[f];
	const char		*unit = as->cur->unit;
	struct value		 v;
	char			*why = NULL, *ex;

	if (value != NULL)
		memset(value, 0, sizeof *value);
	if (f == AF_NOTE) {
		if (value_check_text(l->text, "備考", VALUE_TEXT_MAX, msg) != 0)
			return -1;
		return 0;
	}
	/* What was loaded stays as it is, even if it would not be typed so. */
	if (strcmp(l->text, l->initial) == 0) {
		if (value != NULL)
			value_copy(value, &as->orig->actual);
		return 0;
	}
	/* A number in another unit says so (3人 for a 組 indicator), as an
	 * import does, before the form says it wants a number. */
	if (value_parse(l->text, unit, &v, &why) != 0) {
		*msg = xasprintf("実績値: %s", why);
		free(why);
		return -1;
	}
	if (as->numeric && !workflow_blank(l->text) &&
	    v.kind != VALUE_NUMBER) {
		value_clear(&v);
		ex = value_number_examples(unit);
		*msg = xasprintf("実績値「%s」は数値として読めません。"
		    "例: %s（空欄は未入力）", l->text, ex);
		free(ex);
		return -1;
	}
	if (value != NULL)
		*value = v;
	else
		value_clear(&v);
	return 0;
}

/* Puts the fields into as->cur for saving. Returns 0, or -1 with *bad the
 * refused field and *msg the reason. */
static int
actual_collect(struct actual_screen *as, enum actual_focus *bad, char **msg)
{
	struct value	v;

	actual_sync(as);
	if (actual_check(as, AF_NOTE, NULL, msg) != 0) {
		*bad = AF_NOTE;
		return -1;
	}
	if (actual_check(as, AF_VALUE, &v, msg) != 0) {
		*bad = AF_VALUE;
		return -1;
	}
	value_clear(&as->cur->actual);
	as->cur->actual = v;
	free(as->cur->note);
	as->cur->note = xstrdup(as->lines[AF_NOTE].text);
	return 0;
}

/* ---- the achievement as typed ----------------------------------------- */

/* Whether a cumulative indicator's running total starts from its
 * baseline (a number; a baseline given as text counts as none). */
static int
actual_base_counts(const struct actual_entry *e)
{
	return e->base.kind == VALUE_NUMBER && isfinite(e->base.num) &&
	    e->base.num != 0;
}

/*
 * The achievement of the value as typed now (-1 if none, *status says
 * why) and, for a cumulative indicator, the running total it is measured
 * by (*total, *has_total): the baseline and the yearly actuals after it,
 * the total the report prints.
 */
static double
actual_rate(struct actual_screen *as, enum achieve_status *status,
    struct value *typed, double *total, int *has_total)
{
	const struct actual_entry	*e = as->cur;
	struct achieve_input		 ai;
	struct value			 run;
	char				*why = NULL;

	*has_total = 0;
	if (value_parse(as->lines[AF_VALUE].text, e->unit, typed, &why) != 0) {
		free(why);
		memset(typed, 0, sizeof *typed);
	}
	if (as->numeric && typed->kind == VALUE_TEXT) {
		/* Not (yet) a number: nothing to measure. */
		if (status != NULL)
			*status = ACHIEVE_MISSING;
		return -1;
	}
	achieve_running_actual(typed, e->cumulative, e->prior_sum,
	    e->prior_count, &run);
	if (e->cumulative && run.kind == VALUE_NUMBER) {
		*total = run.num + (actual_base_counts(e) ? e->base.num : 0);
		*has_total = 1;
	}
	memset(&ai, 0, sizeof ai);
	ai.dir = screen_sheet_dir(e->direction);
	ai.cumulative = e->cumulative;
	ai.base = &e->base;
	ai.target = &e->target;
	ai.actual = &run;
	return achieve_rate(&ai, status);
}

/* ---- layout and the form library's fields --------------------------- */

static int
actual_even(int n)
{
	return n - (n & 1);
}

/* The notice under the header: the reason for a return, else why the
 * form is read-only. NULL when none. */
static char *
actual_notice(struct actual_screen *as)
{
	if (as->moved != NULL)
		return xstrdup(as->moved);
	if (as->cur->state == WF_RETURNED && as->cur->return_comment[0] != '\0')
		return xasprintf("差戻しの理由: %s", as->cur->return_comment);
	if (as->readonly)
		return xasprintf("閲覧のみ: %s", as->readonly_why);
	return NULL;
}

static void
actual_layout(struct ui *ui, struct actual_screen *as)
{
	char	*notice;
	int	 h, w, info_rows;

	actual_sync(as);
	actual_form_free(as);
	getmaxyx(ui_body(ui), h, w);
	as->lay_h = h;
	as->lay_w = w;
	notice = actual_notice(as);
	as->y_notice = 1;
	as->notice_rows = notice == NULL ? 1 : tw_width(notice) > w - 1 ? 2 : 1;
	free(notice);
	/* 指標, 施策, 区分, 基準値, 目標値, and the total of the years before. */
	info_rows = 5 + (as->cur->cumulative ? 1 : 0);
	as->y_info = as->y_notice + as->notice_rows + 1;
	as->y_fields = as->y_info + info_rows + 1;
	as->y_rate = as->y_fields + AF_COUNT + 1;
	as->y_who = as->y_rate + 2;
	as->y_hint = h - 1;
	as->x_field = ACTUAL_LABEL_W + 1;
	as->w_note = actual_even(w - as->x_field - 2);
	if (as->w_note > ACTUAL_NOTE_MAX)
		as->w_note = ACTUAL_NOTE_MAX;
	if (as->w_note < ACTUAL_VALUE_W)
		as->w_note = ACTUAL_VALUE_W;
	actual_form_build(as);
}

static void
actual_form_free(struct actual_screen *as)
{
	int	i;

	for (i = 0; i < AF_COUNT; i++)
		as->lines[i].field = NULL;
	if (as->form != NULL) {
		unpost_form(as->form);
		free_form(as->form);
		as->form = NULL;
	}
	for (i = 0; i < AF_COUNT; i++)
		if (as->fields[i] != NULL) {
			free_field(as->fields[i]);
			as->fields[i] = NULL;
		}
	if (as->fwin != NULL) {
		delwin(as->fwin);
		as->fwin = NULL;
	}
}

/* Makes the focused field the form's current one, the cursor at its end. */
static void
actual_form_focus(struct actual_screen *as)
{
	struct ui_line	*l = &as->lines[as->focus];

	if (as->form == NULL || l->field == NULL)
		return;
	if (current_field(as->form) != l->field) {
		form_driver_w(as->form, KEY_CODE_YES, REQ_VALIDATION);
		set_current_field(as->form, l->field);
	}
	ui_line_cursor_end(as->form, l);
}

static void
actual_form_build(struct actual_screen *as)
{
	if (as->y_fields + AF_COUNT > as->y_hint)
		return;
	as->fwin = newwin(AF_COUNT, as->lay_w, 0, 0);
	if (as->fwin == NULL)
		return;
	as->fields[AF_VALUE] = ui_line_field(AF_VALUE, as->x_field,
	    ACTUAL_VALUE_W, &as->lines[AF_VALUE]);
	as->fields[AF_NOTE] = ui_line_field(AF_NOTE, as->x_field, as->w_note,
	    &as->lines[AF_NOTE]);
	as->fields[AF_COUNT] = NULL;
	if (as->fields[AF_VALUE] == NULL || as->fields[AF_NOTE] == NULL ||
	    (as->form = ui_line_form(as->fields)) == NULL) {
		actual_form_free(as);
		return;
	}
	set_form_win(as->form, as->fwin);
	set_form_sub(as->form, as->fwin);
	if (post_form(as->form) != E_OK) {
		actual_form_free(as);
		return;
	}
	actual_form_focus(as);
}

/* Lays out again if the body's size changed since the last layout. */
static void
actual_prepare(struct ui *ui, struct actual_screen *as)
{
	int	h, w;

	getmaxyx(ui_body(ui), h, w);
	if (h != as->lay_h || w != as->lay_w)
		actual_layout(ui, as);
}

/* ---- drawing ---------------------------------------------------------- */

/* "label  text" on row y. */
static void
actual_put_row(struct ui *ui, struct actual_screen *as, WINDOW *w, int y,
    const char *label, const char *text, enum ui_attr attr)
{
	if (y >= as->y_hint)
		return;
	ui_put(w, y, 0, label, ACTUAL_LABEL_W, 1, ui_attr(ui, UI_HEADER));
	ui_put_cell(w, y, as->x_field, text, as->lay_w - as->x_field, 0,
	    ui_attr(ui, attr));
}

/* A value with the unit, "-" for none. */
static char *
actual_value_text(const struct value *v, const char *unit)
{
	char	*t = value_display(v, unit);

	if (*t == '\0') {
		free(t);
		t = xstrdup("-");
	}
	return t;
}

static void
actual_draw_info(struct ui *ui, struct actual_screen *as, WINDOW *w)
{
	const struct actual_entry	*e = as->cur;
	const char			*dir;
	char				*t, *v, fy[FY_BUFSZ];
	int				 y = as->y_info;

	t = achieve_indicator_title(e->name, e->cumulative);
	actual_put_row(ui, as, w, y++, "指標", t, UI_MARK);
	free(t);
	/* (Where it hangs: a policy of any level, an item or the plan;
	 * its level's own name is in the text.) */
	actual_put_row(ui, as, w, y++, "体系", as->path, UI_NORMAL);
	dir = vocab_label(VOCAB_DIRECTION, e->direction);
	t = xasprintf("%s  単位 %s  方向 %s", *as->category ? as->category :
	    "-", *e->unit ? e->unit : "-", dir != NULL ? dir : "不明");
	actual_put_row(ui, as, w, y++, "区分", t, UI_NORMAL);
	free(t);
	v = actual_value_text(&e->base, e->unit);
	t = xasprintf("%s%s%s%s", v, e->base_fy ? "（" : "",
	    e->base_fy ? ui_fy(ui, e->base_fy, fy) : "", e->base_fy ? "）" : "");
	actual_put_row(ui, as, w, y++, "基準値", t, UI_NORMAL);
	free(t);
	free(v);
	v = actual_value_text(&e->target, e->unit);
	if (e->target.kind == VALUE_NONE)
		t = xstrdup("-（目標値がありません）");
	else if (e->target_is_final && e->target_fy == 0)
		t = xstrdup(v);		/* the row's label says 最終目標 */
	else
		t = xasprintf("%s（%s）", v, ui_fy(ui, e->target_fy, fy));
	actual_put_row(ui, as, w, y++, e->target_is_final ? "最終目標" :
	    "目標値", t, UI_NORMAL);
	free(t);
	free(v);
	if (e->cumulative) {
		char	buf[32];

		if (e->prior_count < 0)
			t = xstrdup("前年度までに文字の実績があるため合計しません");
		else if (actual_base_counts(e)) {
			char	bbuf[32];

			t = xasprintf("基準値 %s%s + 前年度まで %s%s（%d 年度分）",
			    value_format_grouped(e->base.num, bbuf,
			    sizeof bbuf), e->unit,
			    value_format_grouped(e->prior_sum, buf, sizeof buf),
			    e->unit, e->prior_count);
		} else
			t = xasprintf("前年度まで %s%s（%d 年度分）",
			    value_format_grouped(e->prior_sum, buf, sizeof buf),
			    e->unit, e->prior_count);
		actual_put_row(ui, as, w, y, "累計", t, UI_DIM);
		free(t);
	}
}

static void
actual_draw_rate(struct ui *ui, struct actual_screen *as, WINDOW *w)
{
	enum achieve_status	 st = ACHIEVE_MISSING;
	struct value		 typed;
	const char		*g, *label;
	char			 rate[32], buf[32], *t, *u;
	double			 r, total = 0;
	int			 has_total;

	r = actual_rate(as, &st, &typed, &total, &has_total);
	if (r >= 0) {
		g = achieve_grade_suggest(r);
		label = g != NULL && ui->config != NULL ?
		    config_grade_label(ui->config, g) : NULL;
		t = xasprintf("%s%s%s%s%s", screen_sheet_rate(r, rate,
		    sizeof rate), label != NULL ? "   評価の目安: " : "",
		    label != NULL ? g : "", label != NULL ? " " : "",
		    label != NULL ? label : "");
	} else if (st == ACHIEVE_TEXT)
		t = xstrdup("-（文字の実績値は評価で判断します）");
	else if (typed.kind == VALUE_NONE)
		t = xstrdup("-（実績値を入力すると計算します）");
	else if (as->numeric && typed.kind != VALUE_NUMBER)
		t = xstrdup("-（数値を入力すると計算します）");
	else
		t = xasprintf("-（%s）", achieve_status_text(st));
	if (has_total) {
		u = xasprintf("%s   累計 %s%s", t, value_format_grouped(total, buf,
		    sizeof buf), as->cur->unit);
		free(t);
		t = u;
	}
	actual_put_row(ui, as, w, as->y_rate, "達成率", t,
	    r >= 0 ? UI_MARK : UI_DIM);
	free(t);
	value_clear(&typed);
}

static void
actual_draw_who(struct ui *ui, struct actual_screen *as, WINDOW *w)
{
	const struct actual_entry	*e = as->cur;
	char				*t, *who, at[17];

	who = ui_who(ui, e->entered_by);
	/* A row no one entered was loaded from a plan file that names no
	 * one. */
	if (e->entered_by[0] == '\0' && e->ver > 0)
		t = xasprintf("計画ファイルから読み込み（入力者の記録なし）%s%s",
		    e->entered_at[0] ? " " : "", at_minutes(e->entered_at, at));
	else if (e->entered_by[0] == '\0')
		t = xstrdup("まだ入力されていません");
	else
		t = xasprintf("%s %s%s%s%s", who, at_minutes(e->entered_at, at),
		    e->dept_name[0] ? "（" : "", e->dept_name,
		    e->dept_name[0] ? "）" : "");
	free(who);
	actual_put_row(ui, as, w, as->y_who, "入力", t, UI_NORMAL);
	free(t);
	who = ui_who(ui, e->confirmed_by);
	if (e->confirmed_by[0] != '\0')
		t = xasprintf("%s %s", who, at_minutes(e->confirmed_at, at));
	else if (e->state == WF_CONFIRMED)
		t = xstrdup("計画ファイルの値（確認者の記録なし）");
	else
		t = xstrdup("-");
	free(who);
	actual_put_row(ui, as, w, as->y_who + 1, "確認", t, UI_NORMAL);
	free(t);
}

/* The keys of the form for its last line. */
static char *
actual_hint(struct actual_screen *as)
{
	char	flow[96];

	/* A form that cannot be edited names what C-t offers. */
	workflow_actions_text(as->allowed, flow, sizeof flow);
	if (as->readonly)
		return xasprintf("%s%s%sTab:次の欄  H:履歴  Esc:戻る  ?:ヘルプ",
		    *flow ? "C-t/F3:" : "", flow, *flow ? "  " : "");
	return xstrdup("C-s/F2:保存  C-t/F3:提出など  C-_:戻す  Tab:欄の移動"
	    "  C-o:広い欄  Esc:戻る  F1:ヘルプ");
}

static void
actual_draw(struct ui *ui, void *state)
{
	struct actual_screen	*as = state;
	WINDOW			*w = ui_body(ui);
	char			 fy[FY_BUFSZ], *t, *due, *head;
	const char		*reporter, *deadline, *parts[3];
	static const int	 shrink[3] = { 0, 1, 0 };
	size_t			 starts[2], lens[2], n, k;
	int			 x, i, cy, cx;

	actual_prepare(ui, as);
	if (as->theirs != NULL || as->draft != NULL) {
		ui_conflict_draw(ui, &as->conflict, w);
		return;
	}
	werase(w);
	/* Header: year, state, who reports it, last entry. */
	reporter = as->cur->ndepts > 0 ? as->cur->depts[0].name : "企画担当";
	if (!as->cur->year_open)
		due = xstrdup("  （入力締切）");
	else if (ui_year_state(ui, as->fy, &deadline) == 1 && *deadline)
		due = xasprintf("  期限 %s", deadline);
	else
		due = xstrdup("");
	/* A long department gives way to the deadline after it. */
	head = xasprintf("%s  状態: %s  報告: ", ui_fy(ui, as->fy, fy),
	    workflow_state_label(as->cur->state));
	parts[0] = head;
	parts[1] = reporter;
	parts[2] = due;
	t = tw_fit_parts(parts, shrink, 3, as->lay_w, 8);
	free(head);
	free(due);
	ui_put_cell(w, 0, 0, t, as->lay_w, 0, ui_attr(ui, UI_HEADER));
	free(t);
	t = actual_notice(as);
	if (t != NULL) {
		n = tw_wrap(t, as->lay_w - 1, starts, lens, 2);
		for (k = 0; k < n && k < (size_t)as->notice_rows; k++) {
			char *part = xstrndup(t + starts[k], lens[k]);

			ui_put(w, as->y_notice + (int)k, 0, part, as->lay_w - 1,
			    0, ui_attr(ui, UI_ERROR));
			free(part);
		}
		free(t);
	}
	actual_draw_info(ui, as, w);
	/* The two fields, then their labels marking the focus. */
	if (as->fwin != NULL)
		copywin(as->fwin, w, 0, 0, as->y_fields, 0,
		    as->y_fields + AF_COUNT - 1, as->lay_w - 1, FALSE);
	for (i = 0; i < AF_COUNT; i++)
		ui_put(w, as->y_fields + i, 0, i == AF_VALUE ? "実績値" : "備考",
		    ACTUAL_LABEL_W, 1, ui_attr(ui, (int)as->focus == i ? UI_MARK :
		    UI_HEADER));
	if (as->lay_w - as->x_field - ACTUAL_VALUE_W - 2 > 8) {
		t = as->numeric ? value_number_examples(as->cur->unit) :
		    xstrdup("文字（実施、月1回 など）も可");
		x = as->x_field + ACTUAL_VALUE_W + 2;
		ui_put(w, as->y_fields, x, as->numeric ? "例: " : "", 4, 0,
		    ui_attr(ui, UI_DIM));
		ui_put(w, as->y_fields, x + (as->numeric ? 4 : 0), t,
		    as->lay_w - x - (as->numeric ? 4 : 0), 0,
		    ui_attr(ui, UI_DIM));
		free(t);
	}
	actual_draw_rate(ui, as, w);
	actual_draw_who(ui, as, w);
	t = actual_hint(as);
	ui_put_keys(w, as->y_hint, 0, t, as->lay_w, 1, ui_attr(ui, UI_DIM));
	free(t);
	/* The terminal's cursor at the insertion point. */
	if (as->form != NULL && !as->readonly &&
	    current_field(as->form) == as->lines[as->focus].field) {
		pos_form_cursor(as->form);
		getyx(as->fwin, cy, cx);
		if (cy >= 0 && cy < AF_COUNT && cx >= 0 && cx < as->lay_w)
			ui_cursor_at(ui, as->y_fields + cy, cx);
	}
}

/* A note on the form's last line shown at once (before a wait). */
static void
actual_note_now(struct ui *ui, struct actual_screen *as, const char *text)
{
	WINDOW	*w = ui_body(ui);

	ui_put(w, as->y_hint, 0, text, as->lay_w, 1, ui_attr(ui, UI_ERROR));
	wnoutrefresh(w);
	doupdate();
}

/* The form's last line again after a note. */
static void
actual_hint_now(struct ui *ui, struct actual_screen *as)
{
	char	*t = actual_hint(as);

	ui_put_keys(ui_body(ui), as->y_hint, 0, t, as->lay_w, 1,
	    ui_attr(ui, UI_DIM));
	free(t);
	wnoutrefresh(ui_body(ui));
	doupdate();
}

/* ---- focus -------------------------------------------------------------- */

/* Checks the focused field before the focus leaves it; shows why not. */
static int
actual_may_leave(struct ui *ui, struct actual_screen *as)
{
	char	*msg = NULL;

	if (as->readonly)
		return 1;
	actual_sync(as);
	if (actual_check(as, as->focus, NULL, &msg) != 0) {
		ui_error(ui, "%s", msg);
		free(msg);
		return 0;
	}
	return 1;
}

static void
actual_focus_set(struct actual_screen *as, enum actual_focus f)
{
	actual_sync(as);
	as->focus = f;
	actual_form_focus(as);
}

/* To field f (the other one when f is AF_COUNT), if the focused one may
 * be left. */
static void
actual_focus_move(struct ui *ui, struct actual_screen *as,
    enum actual_focus f)
{
	if (f == AF_COUNT)
		f = as->focus == AF_VALUE ? AF_NOTE : AF_VALUE;
	if (f == as->focus || !actual_may_leave(ui, as))
		return;
	actual_focus_set(as, f);
}

/* ---- saving and the workflow ------------------------------------------ */

static void actual_conflict_open(struct ui *ui, struct actual_screen *as,
    struct actual_entry *theirs, const char *why);

/* After a write: what was written becomes what the form compares with;
 * values: the fields show what was saved. */
static void
actual_after_write(struct ui *ui, struct actual_screen *as, int values)
{
	free(as->moved);
	as->moved = NULL;
	ui_undo_clear(&as->undo);
	store_actual_free(as->orig);
	as->orig = store_actual_dup(as->cur);
	if (values)
		actual_values_from_cur(as);
	actual_permissions(ui, as);
	actual_layout(ui, as);
}

/* Saves as->cur (already collected) against version expected. */
static int
actual_store_save(struct ui *ui, struct actual_screen *as, int expected)
{
	struct actual_entry	*current = NULL;
	char			*cause = NULL;
	int			 rc;

	for (;;) {
		actual_note_now(ui, as, "保存しています…");
		rc = store_actual_save(ui->store, as->cur, ui->session->login,
		    expected, &current, &cause);
		actual_hint_now(ui, as);
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
		actual_after_write(ui, as, 1);
		ui_message(ui, "保存しました（%s）",
		    workflow_state_label(as->cur->state));
		return 0;
	}
	if (rc == STORE_CONFLICT && current != NULL) {
		actual_conflict_open(ui, as, current, cause);
		free(cause);
		return -1;
	}
	store_actual_free(current);
	/* A refusal or an error: the fields keep what was typed. */
	ui_error(ui, "%s%s", rc == STORE_DENIED ? "保存できません: " : "",
	    cause != NULL ? cause : "保存できませんでした");
	free(cause);
	return -1;
}

/* C-s: checks both fields, then saves. force: save even when nothing
 * changed (a new actual before its first submit). */
static int
actual_save(struct ui *ui, struct actual_screen *as, int force)
{
	enum actual_focus	 bad = AF_VALUE;
	char			*msg = NULL;

	if (as->readonly) {
		char	*why = xasprintf("保存できません: %s", as->readonly_why);

		ui_refuse(ui, 0, as->indicator_id, as->fy, "実績値の保存", why);
		free(why);
		return -1;
	}
	if (actual_collect(as, &bad, &msg) != 0) {
		actual_focus_set(as, bad);
		ui_error(ui, "%s", msg);
		free(msg);
		return -1;
	}
	if (!force && !store_actual_changed(as->cur, as->orig) &&
	    as->cur->ver != 0) {
		ui_message(ui, "変更はありません");
		return 0;
	}
	if (as->cur->ver == 0 && as->cur->actual.kind == VALUE_NONE &&
	    workflow_blank(as->cur->note)) {
		ui_error(ui, "実績値を入力してください（空欄のままでは保存しません）");
		return -1;
	}
	return actual_store_save(ui, as, as->cur->ver);
}

static int
actual_transition(struct ui *ui, struct actual_screen *as, enum wf_action act,
    const char *comment)
{
	static const char *const done[WF_ACTION_COUNT] = {
		"保存しました", "提出しました", "確認しました",
		"差し戻しました", "下書きに戻しました"
	};
	struct actual_entry	*current = NULL;
	char			*cause = NULL;
	const char		*login = ui->session->login;
	int			 rc;

	for (;;) {
		actual_note_now(ui, as, "記録しています…");
		switch (act) {
		case WF_SUBMIT:
			rc = store_actual_submit(ui->store, as->cur, login,
			    as->cur->ver, &current, &cause);
			break;
		case WF_CONFIRM:
			rc = store_actual_confirm(ui->store, as->cur, login,
			    as->cur->ver, &current, &cause);
			break;
		case WF_RETURN:
			rc = store_actual_return(ui->store, as->cur, login,
			    as->cur->ver, comment, &current, &cause);
			break;
		default:
			rc = store_actual_reopen(ui->store, as->cur, login,
			    as->cur->ver, &current, &cause);
			break;
		}
		actual_hint_now(ui, as);
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
		actual_after_write(ui, as, 0);
		ui_message(ui, "%s（%s）", done[act],
		    workflow_state_label(as->cur->state));
		return 0;
	}
	if (rc == STORE_CONFLICT && current != NULL) {
		/* Nothing unsaved here (saved first): show the new version. */
		store_actual_free(as->cur);
		as->cur = current;
		actual_after_write(ui, as, 1);
		ui_error(ui, "%s（最新の内容を表示しています）", cause);
		free(cause);
		return -1;
	}
	store_actual_free(current);
	ui_error(ui, "%s", cause != NULL ? cause : "記録できませんでした");
	free(cause);
	return -1;
}

/* The shared workflow menu's ways into this form. */
static int
actual_menu_save(struct ui *ui, void *form, int force)
{
	return actual_save(ui, form, force);
}

static int
actual_menu_transition(struct ui *ui, void *form, enum wf_action act,
    const char *comment)
{
	return actual_transition(ui, form, act, comment);
}

/* C-t: the workflow actions the user may take now, in a list. */
static void
actual_workflow(struct ui *ui, struct actual_screen *as)
{
	struct ui_workflow_form	f = { 0 };

	actual_permissions(ui, as);
	f.form = as;
	f.allowed = as->allowed;
	f.readonly = as->readonly;
	f.dirty = actual_dirty(as);
	f.saved = as->cur->ver != 0;
	store_actual_wf(as->cur, ui->fy_style, &f.it);
	f.what = "この実績値";
	f.owner = "報告する課";
	f.save = actual_menu_save;
	f.transition = actual_menu_transition;
	ui_workflow_menu(ui, &f);
}

/* C-o: the focused field on the bottom line, at any length; or what was
 * typed into it when full (typed, the cursor after its at'th character;
 * ui_line_overflow). */
static void
actual_edit_wide(struct ui *ui, struct actual_screen *as, const char *typed,
    size_t at)
{
	struct ui_line	*l = &as->lines[as->focus];
	char		*answer = NULL;

	if (as->readonly) {
		ui_error(ui, "編集できません: %s", as->readonly_why);
		return;
	}
	actual_sync(as);
	if (ui_prompt_at(ui, as->focus == AF_VALUE ? "実績値: " : "備考: ",
	    typed != NULL ? typed : l->text, at, &answer)) {
		free(l->text);
		l->text = answer;
		actual_layout(ui, as);
		actual_may_leave(ui, as);
	}
}

/* Leaving: asks first when something is not saved. */
static int
actual_may_close(struct ui *ui, struct actual_screen *as)
{
	if (as->readonly || !actual_dirty(as))
		return 1;
	return ui_confirm(ui, "保存していない変更があります。破棄して戻りますか");
}

/* ---- both versions after a conflict ------------------------------------ */

static void
actual_conflict_open(struct ui *ui, struct actual_screen *as,
    struct actual_entry *theirs, const char *why)
{
	const struct actual_entry	*m = as->cur, *t = theirs;
	char				*a, *b, *who, at[17];

	store_actual_free(as->theirs);
	as->theirs = theirs;
	who = ui_who(ui, t->entered_by);
	a = xasprintf("保存する前に、他の人がこの実績値を更新しました（%s %s）。"
	    "どちらを残しますか", t->entered_by[0] ? who : "不明",
	    at_minutes(t->entered_at, at));
	b = xasprintf("保存済みの版（%s、%s）", who,
	    workflow_state_label(t->state));
	free(who);
	ui_conflict_init(&as->conflict, a, b);
	free(a);
	free(b);
	a = value_display(&m->actual, m->unit);
	b = value_display(&t->actual, t->unit);
	ui_conflict_add(&as->conflict, "実績値", a, b);
	free(a);
	free(b);
	ui_conflict_add(&as->conflict, "備考", m->note, t->note);
	ui_error(ui, "%s", why != NULL ? why : "この実績値は他の人が更新しました");
}

static enum ui_key_result
actual_conflict_key(struct ui *ui, struct actual_screen *as,
    enum key_action act, int is_function, wint_t ch)
{
	struct actual_entry	*theirs = as->theirs;
	int			 ver;

	switch (ui_conflict_key(ui, &as->conflict, act, is_function, ch)) {
	case UI_CONFLICT_MINE:
		ver = theirs->ver;
		as->theirs = NULL;
		ui_conflict_free(&as->conflict);
		store_actual_free(theirs);
		actual_store_save(ui, as, ver);
		break;
	case UI_CONFLICT_MERGE:
		/* The fields chosen from the saved version: 実績値, 備考. */
		if (ui_conflict_takes_theirs(&as->conflict, 0)) {
			value_clear(&as->cur->actual);
			value_copy(&as->cur->actual, &theirs->actual);
		}
		if (ui_conflict_takes_theirs(&as->conflict, 1)) {
			free(as->cur->note);
			as->cur->note = xstrdup(theirs->note);
		}
		ver = theirs->ver;
		as->theirs = NULL;
		ui_conflict_free(&as->conflict);
		store_actual_free(theirs);
		actual_values_from_cur(as);
		actual_layout(ui, as);
		actual_store_save(ui, as, ver);
		break;
	case UI_CONFLICT_THEIRS:
		as->theirs = NULL;
		ui_conflict_free(&as->conflict);
		store_actual_free(as->cur);
		as->cur = theirs;
		actual_after_write(ui, as, 1);
		ui_message(ui, "保存済みの版を取り込みました（あなたの入力は"
		    "破棄しました）");
		break;
	case UI_CONFLICT_BACK:
		as->theirs = NULL;
		ui_conflict_free(&as->conflict);
		store_actual_free(theirs);
		break;
	case UI_CONFLICT_UNHANDLED:
		return UI_KEY_UNHANDLED;
	default:
		break;
	}
	return UI_KEY_HANDLED;
}

/* ---- drafts --------------------------------------------------------------- */

/* Shows the draft d beside the saved actual (as->cur) to choose from. */
static void
actual_draft_open(struct ui *ui, struct actual_screen *as, struct draft *d)
{
	const struct actual_entry	*t = as->cur;
	const char			*v;
	char				*b;

	as->draft = d;
	b = xasprintf("保存済みの版（%s、%s）", t->entered_by[0] ?
	    t->entered_by : "未入力", workflow_state_label(t->state));
	ui_draft_view(&as->conflict, d, d->base_ver != t->ver, b);
	free(b);
	b = value_display(&t->actual, t->unit);
	v = draft_get(d, "value");
	ui_conflict_add(&as->conflict, "実績値", v != NULL ? v : b, b);
	free(b);
	v = draft_get(d, "note");
	ui_conflict_add(&as->conflict, "備考", v != NULL ? v : t->note, t->note);
	ui_error(ui, "保存されていない入力（下書き）があります");
}

/* Puts the draft's value and note into the form (ui_draft_form.take). */
static void
actual_draft_take(void *form, const struct draft *d)
{
	struct actual_screen	*as = form;
	const char		*v;

	if ((v = draft_get(d, "value")) != NULL) {
		free(as->lines[AF_VALUE].text);
		as->lines[AF_VALUE].text = xstrdup(v);
	}
	if ((v = draft_get(d, "note")) != NULL) {
		free(as->lines[AF_NOTE].text);
		as->lines[AF_NOTE].text = xstrdup(v);
	}
	/* The fields are made again from the texts. */
	actual_form_free(as);
	actual_form_build(as);
}

static enum ui_key_result
actual_draft_key(struct ui *ui, struct actual_screen *as, enum key_action act,
    int is_function, wint_t ch)
{
	struct ui_draft_form	f = {
		&as->draft, &as->conflict, DRAFT_ACTUAL, as->indicator_id,
		as->fy, actual_draft_take, as
	};

	return ui_draft_key(ui, &f, act, is_function, ch);
}

/* The program is ending on a signal: unsaved input becomes a draft. */
static char *
actual_keep(struct ui *ui, void *state)
{
	struct actual_screen	*as = state;
	struct draft		 d;
	char			*cause = NULL, *said;

	if (as->readonly || as->draft != NULL)
		return NULL;
	if (as->theirs == NULL && !actual_dirty(as))
		return NULL;
	actual_sync(as);
	memset(&d, 0, sizeof d);
	d.base_ver = as->orig->ver;
	draft_add(&d, "value", as->lines[AF_VALUE].text);
	draft_add(&d, "note", as->lines[AF_NOTE].text);
	if (store_draft_put(ui->store, ui->session->login, DRAFT_ACTUAL,
	    as->indicator_id, as->fy, &d, &cause) != 0) {
		said = xasprintf("指標「%s」の保存していない入力を残せませんでした: "
		    "%s", as->cur->name, cause);
		free(cause);
	} else
		said = xasprintf("指標「%s」の保存していない入力を下書きとして"
		    "残しました（次に開いたときに戻せます）", as->cur->name);
	draft_clear(&d);
	return said;
}

/* ---- keys --------------------------------------------------------------- */

/* Puts value into field f as typed text and gives it the focus. */
static void
actual_field_put(struct ui *ui, struct actual_screen *as,
    enum actual_focus f, const char *value)
{
	actual_sync(as);
	free(as->lines[f].text);
	as->lines[f].text = xstrdup(value);
	as->lines[f].dirty = 0;
	as->focus = f;
	actual_layout(ui, as);
}

/* C-_: the last change of a field taken back, again and again. */
static void
actual_undo(struct ui *ui, struct actual_screen *as)
{
	char	*value;
	int	 f;

	if (!ui_undo_pop(&as->undo, &f, &value)) {
		ui_message(ui, "これ以上は戻せません（読み込んだとき、または保存"
		    "したときの内容です）");
		return;
	}
	if (f >= 0 && f < AF_COUNT) {
		actual_field_put(ui, as, (enum actual_focus)f, value);
		ui_message(ui, "%sを元に戻しました（C-_ でさらに前へ）",
		    f == AF_VALUE ? "実績値" : "備考");
	}
	free(value);
}

/* C-r: the focused field back to its saved value (a step of undo). */
static void
actual_revert(struct ui *ui, struct actual_screen *as)
{
	struct ui_line	*l = &as->lines[as->focus];
	const char	*name = as->focus == AF_VALUE ? "実績値" : "備考";
	char		*saved;

	actual_sync(as);
	if (strcmp(l->text, l->initial) == 0) {
		ui_message(ui, "%sは保存済みの値のままです", name);
		return;
	}
	ui_undo_close(&as->undo);
	ui_undo_note(&as->undo, (int)as->focus, l->text);
	ui_undo_close(&as->undo);
	saved = xstrdup(l->initial);
	actual_field_put(ui, as, as->focus, saved);
	free(saved);
	ui_message(ui, "%sを保存済みの値に戻しました（C-_ で取り消し）", name);
}

static enum ui_key_result actual_key_input(struct ui *ui, void *state,
    enum key_action act, int is_function, wint_t ch);

/* Every key: undo's own keys first; any other key that changes the
 * focused field leaves its earlier value for C-_. */
static enum ui_key_result
actual_key(struct ui *ui, void *state, enum key_action act, int is_function,
    wint_t ch)
{
	struct actual_screen	*as = state;
	enum ui_key_result	 r;
	enum actual_focus	 f = as->focus;
	char			*before = NULL;

	actual_prepare(ui, as);
	if (as->theirs == NULL && as->draft == NULL && !as->readonly) {
		if (!is_function && ch == ACTUAL_KEY_UNDO) {
			actual_undo(ui, as);
			return UI_KEY_HANDLED;
		}
		if (!is_function && ch == ACTUAL_KEY_REVERT) {
			actual_revert(ui, as);
			return UI_KEY_HANDLED;
		}
		actual_sync(as);
		f = as->focus;
		before = xstrdup(as->lines[f].text);
	}
	r = actual_key_input(ui, state, act, is_function, ch);
	if (before != NULL && r != UI_KEY_CLOSE && as->theirs == NULL &&
	    as->draft == NULL) {
		actual_sync(as);
		if (strcmp(before, as->lines[f].text) != 0)
			ui_undo_note(&as->undo, (int)f, before);
		if (as->focus != f)
			ui_undo_close(&as->undo);
	}
	free(before);
	return r;
}

static enum ui_key_result
actual_key_input(struct ui *ui, void *state, enum key_action act,
    int is_function, wint_t ch)
{
	struct actual_screen	*as = state;
	struct ui_line		*l;
	char			*typed;
	size_t			 at;

	if (as->theirs != NULL)
		return actual_conflict_key(ui, as, act, is_function, ch);
	if (as->draft != NULL)
		return actual_draft_key(ui, as, act, is_function, ch);

	/* The form's own keys, whatever the focus. */
	if ((!is_function && ch == ACTUAL_KEY_SAVE) ||
	    (is_function && ch == KEY_F(2))) {
		actual_save(ui, as, 0);
		return UI_KEY_HANDLED;
	}
	if ((!is_function && ch == ACTUAL_KEY_FLOW) ||
	    (is_function && ch == KEY_F(3))) {
		actual_workflow(ui, as);
		return UI_KEY_HANDLED;
	}
	if ((!is_function && ch == ACTUAL_KEY_WIDE) ||
	    (is_function && ch == KEY_F(4))) {
		actual_edit_wide(ui, as, NULL, (size_t)-1);
		return UI_KEY_HANDLED;
	}
	if ((!is_function && ch == '\t') || (is_function && ch == KEY_BTAB) ||
	    act == ACT_NEXT_PANE || act == ACT_PREV_PANE) {
		actual_focus_move(ui, as, AF_COUNT);
		return UI_KEY_HANDLED;
	}
	if (is_function && (ch == KEY_UP || ch == KEY_DOWN)) {
		actual_focus_move(ui, as, ch == KEY_UP ? AF_VALUE : AF_NOTE);
		return UI_KEY_HANDLED;
	}
	/* Read-only, a printable key is its action (q, H, ? …) if it has
	 * one; the others say why nothing can be typed. */
	if (as->readonly && !is_function && ch >= 0x20 && iswprint(ch)) {
		if (act == ACT_UP || act == ACT_DOWN) {
			actual_focus_move(ui, as, act == ACT_UP ? AF_VALUE :
			    AF_NOTE);
			return UI_KEY_HANDLED;
		}
		if (act != ACT_NONE)
			goto action;
		ui_error(ui, "編集できません: %s", as->readonly_why);
		return UI_KEY_HANDLED;
	}
	l = &as->lines[as->focus];
	switch (ui_line_key(as->form, l, is_function, ch, as->readonly)) {
	case UI_LINE_IGNORED:
		break;
	case UI_LINE_NEXT:
		actual_focus_move(ui, as, AF_COUNT);
		return UI_KEY_HANDLED;
	case UI_LINE_READONLY:
		ui_error(ui, "編集できません: %s", as->readonly_why);
		return UI_KEY_HANDLED;
	case UI_LINE_TOO_LONG:
		ui_error(ui, "この欄は長いので C-o（F4）で全体を編集します");
		return UI_KEY_HANDLED;
	case UI_LINE_FULL:
		/* Typing into a full field goes on in the wide field. */
		if ((typed = ui_line_overflow(as->form, l, ch, &at)) != NULL) {
			actual_edit_wide(ui, as, typed, at);
			free(typed);
		} else
			ui_error(ui, "%s", UI_LINE_FULL_NOTE);
		return UI_KEY_HANDLED;
	case UI_LINE_EDITED:
		/* The achievement follows every key typed. */
		actual_sync(as);
		return UI_KEY_HANDLED;
	default:
		return UI_KEY_HANDLED;
	}

action:
	switch (act) {
	case ACT_BACK:
		return actual_may_close(ui, as) ? UI_KEY_CLOSE : UI_KEY_HANDLED;
	case ACT_QUIT:
		/* The frame asks first when something is unsaved. */
		return UI_KEY_UNHANDLED;
	case ACT_HISTORY: {
		struct screen_history_arg	a;

		memset(&a, 0, sizeof a);
		a.node_id = as->cur->node_id;
		a.indicator_id = as->indicator_id;
		a.fy = 0;
		ui_push(ui, &screen_history_ops, &a);
		return UI_KEY_HANDLED;
	}
	case ACT_YEAR_PREV:
	case ACT_YEAR_NEXT:
	case ACT_YEAR_PICK:
		/* (A form shows one year's entry, whether it can be
		 * edited or only read.) */
		ui_error(ui, "%sは年度を変えられません（戻ってから変えて"
		    "ください）", as->readonly ? "閲覧中" : "入力中");
		return UI_KEY_HANDLED;
	default:
		return UI_KEY_UNHANDLED;
	}
}

/* ---- the screen ------------------------------------------------------- */

/* Whether the value is a number: as the year's target, else the other
 * years' targets, the final target and the baseline are (value.h). */
static int
actual_numeric(const struct actual_entry *e, const struct indicator_view *v)
{
	struct value	*others;
	size_t		 i, n = 0;
	int		 num;

	others = xcalloc(v != NULL ? v->nyears + 2 : 2, sizeof *others);
	if (v != NULL)
		for (i = 0; i < v->nyears; i++)
			others[n++] = v->years[i].target;
	others[n++] = v != NULL ? v->final : e->target;
	others[n++] = e->base;
	/* others borrows the values: freed, not cleared. */
	num = value_expects_number(e->target_is_final ? NULL : &e->target,
	    others, n, &e->actual, e->unit);
	free(others);
	return num;
}

static void *
actual_open(struct ui *ui, const void *arg)
{
	const struct screen_actual_arg	*a = arg;
	struct actual_screen		*as;
	struct indicator_view		*v = NULL;
	struct draft			*d = NULL;
	char				*cause = NULL;

	as = xcalloc(1, sizeof *as);
	as->indicator_id = a->indicator_id;
	as->fy = a->fy;
	if (store_actual_load(ui->store, a->indicator_id, a->fy, &as->cur,
	    &cause) != 0) {
		ui_error(ui, "%s", cause != NULL ? cause : "実績値を読み込めません");
		free(cause);
		free(as);
		return NULL;
	}
	if (!as->cur->own) {
		ui_error(ui, "指標「%s」の実績値は取組の実績入力で入力します",
		    as->cur->name);
		store_actual_free(as->cur);
		free(as);
		return NULL;
	}
	/* The other years' targets and where it sits; optional. */
	if (store_indicator_view(ui->store, a->indicator_id, a->fy, &v,
	    &cause) != 0) {
		free(cause);
		cause = NULL;
		v = NULL;
	}
	if (v != NULL && v->node_id != 0)
		as->path = xasprintf("%s%s%s%s%s", v->node_level,
		    *v->node_level ? " " : "", v->node_code,
		    *v->node_code ? " " : "", v->node_title);
	else
		as->path = xasprintf("%s（計画全体の指標）", as->cur->node_title);
	as->category = xstrdup(v != NULL ? v->category : "");
	as->numeric = actual_numeric(as->cur, v);
	store_indicator_view_free(v);
	as->orig = store_actual_dup(as->cur);
	actual_values_from_cur(as);
	actual_permissions(ui, as);
	ui_undo_init(&as->undo);
	ui_flow_control_off();
	as->focus = AF_VALUE;
	actual_layout(ui, as);
	if (as->readonly)
		ui_message(ui, "閲覧のみ: %s", as->readonly_why);
	else if (store_draft_get(ui->store, ui->session->login, DRAFT_ACTUAL,
	    as->indicator_id, as->fy, &d, &cause) == 0 && d != NULL)
		actual_draft_open(ui, as, d);
	else if (as->cur->state == WF_RETURNED)
		ui_error(ui, "差し戻されています: %s", as->cur->return_comment);
	free(cause);
	return as;
}

static void
actual_close(struct ui *ui, void *state)
{
	struct actual_screen	*as = state;
	int			 i;

	(void)ui;
	ui_flow_control_restore();
	actual_form_free(as);
	for (i = 0; i < AF_COUNT; i++)
		ui_line_free(&as->lines[i]);
	store_actual_free(as->cur);
	store_actual_free(as->orig);
	store_actual_free(as->theirs);
	store_draft_free(as->draft);
	ui_conflict_free(&as->conflict);
	free(as->path);
	free(as->category);
	free(as->readonly_why);
	free(as->moved);
	ui_undo_free(&as->undo);
	free(as);
}

static void
actual_refresh(struct ui *ui, void *state)
{
	struct actual_screen	*as = state;

	/* Only the layout: re-reading would throw away what was typed. */
	actual_layout(ui, as);
	ui_conflict_relayout(&as->conflict);
}

static char *
actual_title(struct ui *ui, void *state)
{
	struct actual_screen	*as = state;
	char			 fy[FY_BUFSZ];

	/* The year first: a long title is cut at its end. */
	return xasprintf("実績値の入力（%s） > %s", ui_fy(ui, as->fy, fy),
	    as->cur->name);
}

static int
actual_shown_fy(struct ui *ui, void *state)
{
	(void)ui;
	return ((struct actual_screen *)state)->fy;
}

/* Both fields take every printable key while the actual is editable. */
static int
actual_typing(struct ui *ui, void *state)
{
	struct actual_screen	*as = state;

	(void)ui;
	return !as->readonly && as->theirs == NULL && as->draft == NULL;
}

static int
actual_unsaved(struct ui *ui, void *state)
{
	struct actual_screen	*as = state;

	(void)ui;
	return !as->readonly && actual_dirty(as);
}

static char *
actual_hint_keys(struct ui *ui, void *state)
{
	struct actual_screen	*as = state;
	char			 h[16], flow[96];

	(void)ui;
	ui_key_name(ACT_HISTORY, h, sizeof h);
	/* What C-t offers, by name. */
	workflow_actions_text(as->allowed, flow, sizeof flow);
	return xasprintf("%s%s%s%s:履歴", *flow ? "C-t:" : "", flow,
	    *flow ? "  " : "", h);
}

/*
 * Another program changed the database: an actual that moved on is shown
 * as it is now; unsaved edits are kept, and then only the notice says so
 * (a save shows both versions).
 */
static void
actual_changed(struct ui *ui, void *state)
{
	struct actual_screen	*as = state;
	struct actual_entry	*now = NULL;
	char			*cause = NULL, *who;

	if (as->theirs != NULL || as->draft != NULL)
		return;
	if (store_actual_load(ui->store, as->indicator_id, as->fy, &now,
	    &cause) != 0) {
		free(cause);
		return;
	}
	if (now->ver == as->orig->ver && now->state == as->orig->state &&
	    now->year_open == as->orig->year_open) {
		store_actual_free(now);
		return;
	}
	who = ui_who(ui, now->state == WF_CONFIRMED ? now->confirmed_by :
	    now->entered_by);
	if (!as->readonly && actual_dirty(as)) {
		free(as->moved);
		as->moved = xasprintf("保存済みの版を %s が更新しました（いまは"
		    "%s）。保存すると両方の版を比べます", who,
		    workflow_state_label(now->state));
		store_actual_free(now);
		actual_layout(ui, as);
		ui_error(ui, "%s", as->moved);
		free(who);
		return;
	}
	store_actual_free(as->cur);
	as->cur = now;
	store_actual_free(as->orig);
	as->orig = store_actual_dup(now);
	free(as->moved);
	as->moved = NULL;
	ui_undo_clear(&as->undo);
	actual_values_from_cur(as);
	actual_permissions(ui, as);
	actual_layout(ui, as);
	ui_message(ui, "この実績値は更新されました: いまは%s（%s）",
	    workflow_state_label(now->state), who);
	free(who);
}

/* The form's own keys, for ? (not in the key table: a form keeps every
 * printable key for typing). */
static const struct screen_fixed_key actual_fixed_keys[] = {
	{ "C-s F2", "保存" },
	{ "C-t F3", "提出・確認・差戻し・下書きに戻す" },
	{ "C-o F4", "欄を画面下の広い欄で編集" },
	{ "C-_", "直前の変更を取り消す（欄ごとに、繰り返すと読み込んだ内容まで）" },
	{ "C-r", "この欄を保存済みの値に戻す（C-_ で取り消せます）" },
	{ "Enter", "次の欄へ" },
};

/* What the key table's moves do on the form (? lists them so). */
static const char *
actual_action_help(enum key_action act)
{
	switch (act) {
	case ACT_NEXT_PANE:
	case ACT_PREV_PANE:
		return "実績値と備考を行き来する";
	case ACT_UP:
		return "実績値へ";
	case ACT_DOWN:
		return "備考へ";
	default:
		return NULL;
	}
}

const struct screen_ops screen_actual_ops = {
	.name = "actual",
	.actions = actual_actions,
	.nactions = sizeof actual_actions / sizeof actual_actions[0],
	.fixed_keys = actual_fixed_keys,
	.nfixed_keys = sizeof actual_fixed_keys / sizeof actual_fixed_keys[0],
	.action_help = actual_action_help,
	.open = actual_open,
	.draw = actual_draw,
	.key = actual_key,
	.keep = actual_keep,
	.refresh = actual_refresh,
	.close = actual_close,
	.title = actual_title,
	.shown_fy = actual_shown_fy,
	.hint = actual_hint_keys,
	.typing = actual_typing,
	.unsaved = actual_unsaved,
	.changed = actual_changed
};

void
screen_actual_enter(struct ui *ui, long long indicator_id, int fy)
{
	struct actual_entry	*e = NULL;
	char			*cause = NULL;

	if (store_actual_load(ui->store, indicator_id, fy, &e, &cause) != 0) {
		ui_error(ui, "%s", cause != NULL ? cause : "実績値を読み込めません");
		free(cause);
		return;
	}
	if (e->own) {
		struct screen_actual_arg	a = { indicator_id, fy };

		ui_push(ui, &screen_actual_ops, &a);
	} else {
		struct screen_entry_arg		a = { e->item_id, fy };

		/* Said first: the form may say something weightier. */
		ui_message(ui, "指標「%s」の実績値は、取組「%s%s%s」の実績と一緒に"
		    "入力します", e->name, e->node_code, *e->node_code ? " " : "",
		    e->node_title);
		ui_push(ui, &screen_entry_ops, &a);
	}
	store_actual_free(e);
}
