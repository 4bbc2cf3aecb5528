/*
 * The indicator screen: one indicator over every fiscal year. The way
 * down from the plan to its node, its name, category, unit, direction,
 * whether it is cumulative, its rationale, who reports it in the chosen
 * year (a department, or the planners), the baseline with its own year
 * and the final target; then one row per fiscal year with the target
 * beside the actual as printed, the achievement (for a cumulative
 * indicator, of the running total after the baseline year), the workflow
 * state, who entered and who confirmed it, and the note. The cursor moves
 * over the years (the chosen year is marked >); E or Enter opens the
 * actual of the year under the cursor (for an indicator that is part of
 * its item's result, the item's results form), H its history, S the
 * sheet of its node.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/achieve.h"
#include "shisaku/screen-edit.h"
#include "shisaku/screen-indicator.h"
#include "shisaku/screen-pager.h"
#include "shisaku/screen-sheet.h"
#include "shisaku/store-actual.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-list.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"
#include "shisaku/vocab.h"
#include "shisaku/workflow.h"

#define IND1_RATE_W	7
#define IND1_STATE_W	6

static const enum key_action ind1_actions[] = {
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
	ACT_EDIT, ACT_OPEN, ACT_HISTORY, ACT_SHEET, ACT_FULLTEXT, ACT_MODIFY
};

struct ind1_screen {
	long long		 id;
	struct indicator_view	*v;
	int			 loaded_fy;
	double			*rate;		/* per year; -1 = none */
	enum achieve_status	*rstat;
	int			*fallback;	/* measured against the final */
	struct ui_list		 l;
	/* layout */
	int			 cols, lines;
	int			 y_table, detail_y, hint_y;
	int			 year_w, target_w, actual_w, by_w, conf_w, note_w;
};

/* The target a year shows: its own, else the final one in its year. */
static const struct value *
ind1_year_target(const struct indicator_view *v, const struct actual_year *y)
{
	if (y->target.kind != VALUE_NONE)
		return &y->target;
	if (v->final_fy == y->fy && v->final.kind != VALUE_NONE)
		return &v->final;
	return NULL;
}

/* The achievement of year i, as the item sheet computes it: a year with
 * no target of its own is measured against the final target. */
static double
ind1_rate(const struct indicator_view *v, size_t i, enum achieve_status *st,
    int *fallback)
{
	const struct actual_year	*y = &v->years[i];
	struct achieve_input		 ain;
	struct value			 actual = y->actual, target;
	int				*fys;
	struct value			*vals;
	size_t				 k;
	double				 sum;
	int				 n;

	*fallback = 0;
	if (y->target.kind != VALUE_NONE)
		target = y->target;
	else {
		target = v->final;
		*fallback = v->final_fy != y->fy && v->final.kind != VALUE_NONE;
	}
	if (v->cumulative && y->actual.kind == VALUE_NUMBER) {
		/* The running total of the years after the baseline year. */
		fys = xcalloc(v->nyears, sizeof *fys);
		vals = xcalloc(v->nyears, sizeof *vals);
		for (k = 0; k < v->nyears; k++) {
			fys[k] = v->years[k].fy;
			vals[k] = v->years[k].actual;
		}
		n = achieve_sum_actuals(fys, vals, v->nyears, v->base_fy, y->fy,
		    &sum);
		free(fys);
		free(vals);
		actual.text = NULL;
		if (n > 0)
			actual.num = sum;
		else if (n < 0)
			actual.kind = VALUE_TEXT;
	}
	memset(&ain, 0, sizeof ain);
	ain.dir = screen_sheet_dir(v->direction);
	ain.cumulative = v->cumulative;
	ain.base = &v->base;
	ain.target = &target;
	ain.actual = &actual;
	return achieve_rate(&ain, st);
}

static int
ind1_max(int a, int b)
{
	return a > b ? a : b;
}

static int
ind1_clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* The row of fiscal year fy, else the last one before it, else 0. */
static long
ind1_row_of(const struct indicator_view *v, int fy)
{
	long	row = 0;
	size_t	i;

	for (i = 0; i < v->nyears; i++)
		if (v->years[i].fy <= fy)
			row = (long)i;
	return row;
}

/* Loads the indicator as of the chosen year; the cursor goes to the year
 * it was on, or to the chosen year when that changed. */
static int
ind1_reload(struct ui *ui, struct ind1_screen *is)
{
	struct indicator_view	*v;
	char			*cause = NULL;
	int			 keep = 0, fb;
	size_t			 i;

	if (store_indicator_view(ui->store, is->id, ui->fy, &v, &cause) != 0) {
		ui_error(ui, "%s", cause != NULL ? cause : "指標を読み込めません");
		free(cause);
		return -1;
	}
	if (is->v != NULL && is->loaded_fy == ui->fy && is->l.cursor >= 0 &&
	    (size_t)is->l.cursor < is->v->nyears)
		keep = is->v->years[is->l.cursor].fy;
	store_indicator_view_free(is->v);
	is->v = v;
	is->loaded_fy = ui->fy;
	free(is->rate);
	free(is->rstat);
	free(is->fallback);
	is->rate = xcalloc(v->nyears + 1, sizeof *is->rate);
	is->rstat = xcalloc(v->nyears + 1, sizeof *is->rstat);
	is->fallback = xcalloc(v->nyears + 1, sizeof *is->fallback);
	for (i = 0; i < v->nyears; i++) {
		is->rate[i] = ind1_rate(v, i, &is->rstat[i], &fb);
		is->fallback[i] = fb;
	}
	ui_list_set_rows(&is->l, (long)v->nyears);
	is->l.cursor = ind1_row_of(v, keep != 0 ? keep : ui->fy);
	return 0;
}

/* The lines above the table (the way down, the indicator, its values),
 * drawn when w is not NULL; returns how many. */
static int
ind1_head(struct ui *ui, struct ind1_screen *is, WINDOW *w)
{
	const struct indicator_view	*v = is->v;
	const char			*dir;
	char				*t, *b, *f, *rep;
	char				 fy1[FY_BUFSZ], fy2[FY_BUFSZ];
	char				 fy3[FY_BUFSZ];
	size_t				 starts[4], lens[4], n, k;
	int				 y = 0, width = is->cols - 1;

	/* The plan is on the title and the status lines. */
	if (v->node_id != 0)
		t = xasprintf("%s%s%s%s%s", v->node_level,
		    *v->node_level ? " " : "", v->node_code,
		    *v->node_code ? " " : "", v->node_title);
	else
		t = xasprintf("計画全体の指標（%s）", v->plan_name);
	if (w != NULL)
		ui_put_cell(w, y, 0, t, width, 0, ui_attr(ui, UI_DIM));
	free(t);
	y++;
	t = achieve_indicator_title(v->name, v->cumulative);
	if (w != NULL)
		ui_put_cell(w, y, 0, t, width, 0, ui_attr(ui, UI_MARK));
	free(t);
	y++;
	dir = vocab_label(VOCAB_DIRECTION, v->direction);
	t = xasprintf("区分 %s  単位 %s  方向 %s%s",
	    *v->category ? v->category : "-", *v->unit ? v->unit : "-",
	    dir != NULL ? dir : "不明", v->cumulative ? "  累計" : "");
	rep = xasprintf("報告: %s（%s）",
	    *v->reporter ? v->reporter : "企画担当", ui_fy(ui, v->fy, fy1));
	/* The reporting department on a line of its own when both do not
	 * fit: a department's name cut reads as another's. */
	ui_join_if_fits(&t, &rep, width);
	if (w != NULL)
		ui_put_cell(w, y, 0, t, width, 0, ui_attr(ui, UI_NORMAL));
	free(t);
	y++;
	if (rep != NULL) {
		if (w != NULL)
			ui_put_cell(w, y, 0, rep, width, 0,
			    ui_attr(ui, UI_NORMAL));
		free(rep);
		y++;
	}
	b = value_display(&v->base, v->unit);
	f = value_display(&v->final, v->unit);
	t = xasprintf("基準値 %s%s%s%s  最終目標 %s%s%s%s", *b ? b : "-",
	    v->base_fy ? "（" : "", v->base_fy ? ui_fy(ui, v->base_fy, fy2) : "",
	    v->base_fy ? "）" : "", *f ? f : "-", v->final_fy ? "（" : "",
	    v->final_fy ? ui_fy(ui, v->final_fy, fy3) : "",
	    v->final_fy ? "）" : "");
	if (w != NULL)
		ui_put_cell(w, y, 0, t, width, 0, ui_attr(ui, UI_NORMAL));
	free(t);
	free(b);
	free(f);
	y++;
	if (*v->rationale != '\0') {
		t = xasprintf("考え方: %s", v->rationale);
		n = tw_wrap(t, width, starts, lens, 4);
		for (k = 0; k < n && k < 2; k++, y++)
			if (w != NULL) {
				char *line = xstrndup(t + starts[k], lens[k]);

				ui_put(w, y, 0, line, width, 0,
				    ui_attr(ui, UI_DIM));
				free(line);
			}
		free(t);
	}
	if (!v->own) {
		if (w != NULL) {
			char	keys[64];

			snprintf(keys, sizeof keys, "%s", keys_action_keys(ACT_EDIT));
			t = xasprintf("この指標の実績値は取組「%s%s%s」の実績と一緒に"
			    "入力します（%s で取組の実績入力）", v->node_code,
			    *v->node_code ? " " : "", v->node_title, keys);
			ui_put_cell(w, y, 0, t, width, 0, ui_attr(ui, UI_MARK));
			free(t);
		}
		y++;
	}
	return y;
}

/* Column widths from the contents; the note takes what is left. */
static void
ind1_layout(struct ui *ui, struct ind1_screen *is)
{
	const struct indicator_view	*v;
	char				 fy[FY_BUFSZ], *t;
	int				 h, cols, rest;
	size_t				 i;

	if (is->loaded_fy != ui->fy)
		ind1_reload(ui, is);
	v = is->v;
	getmaxyx(ui_body(ui), h, cols);
	is->cols = cols;
	is->lines = h;
	is->year_w = tw_width("年度");
	is->target_w = tw_width("目標値");
	is->actual_w = tw_width("実績値");
	is->by_w = tw_width("入力");
	is->conf_w = tw_width("確認");
	for (i = 0; i < v->nyears; i++) {
		const struct actual_year *y = &v->years[i];
		const struct value	 *tg = ind1_year_target(v, y);

		is->year_w = ind1_max(is->year_w, tw_width(ui_fy(ui, y->fy, fy)));
		if (tg != NULL) {
			t = value_display(tg, v->unit);
			is->target_w = ind1_max(is->target_w, tw_width(t));
			free(t);
		}
		t = value_display(&y->actual, v->unit);
		is->actual_w = ind1_max(is->actual_w, tw_width(t));
		free(t);
		is->by_w = ind1_max(is->by_w, tw_width(y->entered_by));
		is->conf_w = ind1_max(is->conf_w, tw_width(y->confirmed_by));
	}
	is->target_w = ind1_clamp(is->target_w, 6, 14);
	is->actual_w = ind1_clamp(is->actual_w, 6, 14);
	is->by_w = ind1_clamp(is->by_w, 4, 10);
	is->conf_w = ind1_clamp(is->conf_w, 4, 10);
	rest = cols - 2 - is->year_w - 1 - is->target_w - 1 - is->actual_w -
	    1 - IND1_RATE_W - 1 - IND1_STATE_W - 1 - is->by_w - 1 - is->conf_w -
	    1;
	is->note_w = rest > 4 ? rest : 0;
	is->y_table = ind1_head(ui, is, NULL) + 1;
	is->hint_y = h - 1;
	is->detail_y = h - 3;
	ui_list_place(&is->l, is->y_table + 1, 0,
	    is->detail_y - 1 - (is->y_table + 1), cols);
}

/* Writes s into a column (ui_put_column); returns the next column's x. */
static int
ind1_col(WINDOW *w, int y, int x, const char *s, int width, int right,
    attr_t a)
{
	ui_put_column(w, y, x, s, width, right, a);
	return x + width + 1;
}

static void
ind1_columns(struct ind1_screen *is, WINDOW *w, int y, const char *mark,
    const char *year, const char *target, const char *actual,
    const char *rate, const char *state, const char *by, const char *conf,
    const char *note, int right, attr_t a, attr_t ma)
{
	int	x = 2;

	ui_put(w, y, 0, "", is->cols, 1, a);
	ui_put(w, y, 0, mark, 2, 0, ma);
	x = ind1_col(w, y, x, year, is->year_w, 0, a);
	x = ind1_col(w, y, x, target, is->target_w, right, a);
	x = ind1_col(w, y, x, actual, is->actual_w, right, a);
	x = ind1_col(w, y, x, rate, IND1_RATE_W, right, a);
	x = ind1_col(w, y, x, state, IND1_STATE_W, 0, a);
	x = ind1_col(w, y, x, by, is->by_w, 0, a);
	x = ind1_col(w, y, x, conf, is->conf_w, 0, a);
	if (is->note_w > 0)
		ind1_col(w, y, x, note, is->note_w, 0, a);
}

static const char *
ind1_state(const struct actual_year *y)
{
	if (y->state == WF_NONE && !y->has_actual)
		return "-";
	return workflow_state_label(y->state);
}

static void
ind1_draw_row(struct ui *ui, void *owner, long row, int y, int x, int cols,
    int selected)
{
	struct ind1_screen		*is = owner;
	const struct indicator_view	*v = is->v;
	const struct actual_year	*yr;
	const struct value		*tg;
	char				 fy[FY_BUFSZ], rate[64], *t, *a;
	attr_t				 attr;

	(void)x;
	(void)cols;
	if (row < 0 || (size_t)row >= v->nyears)
		return;
	yr = &v->years[row];
	attr = ui_attr(ui, selected ? UI_SELECT : UI_NORMAL);
	tg = ind1_year_target(v, yr);
	t = tg != NULL ? value_display(tg, v->unit) :
	    xstrdup("-");
	a = yr->actual.kind != VALUE_NONE ?
	    value_display(&yr->actual, v->unit) : xstrdup("-");
	screen_sheet_rate(is->rate[row], rate, sizeof rate);
	if (is->rate[row] < 0)
		snprintf(rate, sizeof rate, "%s", is->rstat[row] == ACHIEVE_TEXT &&
		    yr->actual.kind != VALUE_NONE ? "評価" : "-");
	ind1_columns(is, ui_body(ui), y, yr->fy == ui->fy ? ">" : "",
	    ui_fy(ui, yr->fy, fy), *t ? t : "-", a, rate, ind1_state(yr),
	    *yr->entered_by ? yr->entered_by : "-",
	    *yr->confirmed_by ? yr->confirmed_by : "-", yr->note, 1, attr,
	    ui_attr(ui, UI_MARK));
	free(t);
	free(a);
}

/* The year under the cursor in full: its note, and what its rate is
 * measured against. */
static void
ind1_draw_detail(struct ui *ui, struct ind1_screen *is, WINDOW *w)
{
	const struct indicator_view	*v = is->v;
	const struct actual_year	*yr;
	char				*sep, *t, fy[FY_BUFSZ], rate[64];
	size_t				 starts[2], lens[2], n, k;
	long				 c = is->l.cursor;

	sep = xcalloc((size_t)is->cols + 1, 1);
	memset(sep, '-', (size_t)is->cols);
	ui_put(w, is->detail_y - 1, 0, sep, is->cols, 1, ui_attr(ui, UI_DIM));
	free(sep);
	if (c < 0 || (size_t)c >= v->nyears)
		return;
	yr = &v->years[c];
	if (is->rate[c] >= 0)
		screen_sheet_rate(is->rate[c], rate, sizeof rate);
	else
		snprintf(rate, sizeof rate, "%s", achieve_status_text(
		    is->rstat[c]));
	t = xasprintf("%s: 達成率 %s%s%s%s", ui_fy(ui, yr->fy, fy), rate,
	    is->fallback[c] && is->rate[c] >= 0 ? "（最終目標に対する値）" : "",
	    *yr->note ? "  備考: " : "", yr->note);
	n = tw_wrap(t, is->cols - 2, starts, lens, 2);
	for (k = 0; k < n && k < 2; k++) {
		char *line = xstrndup(t + starts[k], lens[k]);

		ui_put(w, is->detail_y + (int)k, 1, line, is->cols - 2, 0,
		    ui_attr(ui, UI_NORMAL));
		free(line);
	}
	free(t);
}

static void
ind1_draw(struct ui *ui, void *state)
{
	struct ind1_screen	*is = state;
	WINDOW			*w = ui_body(ui);
	char			*hint, e[32], h[32], s[32], yp[16], yn[16];

	ind1_layout(ui, is);
	werase(w);
	ind1_head(ui, is, w);
	ind1_columns(is, w, is->y_table, "", "年度", "目標値", "実績値",
	    "達成率", "状態", "入力", "確認", "備考", 0,
	    ui_attr(ui, UI_FROZEN), ui_attr(ui, UI_FROZEN));
	if (is->v->nyears == 0)
		ui_put(w, is->y_table + 1, 2, "年度がありません（計画に期間も"
		    "目標値もありません）", is->cols - 3, 0, ui_attr(ui, UI_DIM));
	else
		ui_list_draw(ui, &is->l);
	ind1_draw_detail(ui, is, w);
	snprintf(e, sizeof e, "%s", keys_action_keys(ACT_EDIT));
	snprintf(h, sizeof h, "%s", keys_action_keys(ACT_HISTORY));
	snprintf(s, sizeof s, "%s", keys_action_keys(ACT_SHEET));
	snprintf(yp, sizeof yp, "%s", keys_action_keys(ACT_YEAR_PREV));
	snprintf(yn, sizeof yn, "%s", keys_action_keys(ACT_YEAR_NEXT));
	hint = xasprintf("%s/Enter:この年度の実績値を入力  %s:履歴  %s:項目のシート"
	    "  %s %s:年度", e, h, s, yp, yn);
	ui_put(w, is->hint_y, 0, hint, is->cols, 1, ui_attr(ui, UI_DIM));
	free(hint);
}

static void *
ind1_open(struct ui *ui, const void *arg)
{
	const struct screen_indicator_arg	*a = arg;
	struct ind1_screen			*is;

	is = xcalloc(1, sizeof *is);
	is->id = a->indicator_id;
	ui_list_init(&is->l, 0, is);
	is->l.draw_row = ind1_draw_row;
	if (ind1_reload(ui, is) != 0) {
		ui_list_free(&is->l);
		free(is);
		return NULL;
	}
	return is;
}

static void
ind1_close(struct ui *ui, void *state)
{
	struct ind1_screen	*is = state;

	(void)ui;
	ui_list_free(&is->l);
	store_indicator_view_free(is->v);
	free(is->rate);
	free(is->rstat);
	free(is->fallback);
	free(is);
}

static enum ui_key_result
ind1_key(struct ui *ui, void *state, enum key_action act, int is_function,
    wint_t ch)
{
	struct ind1_screen	*is = state;
	const struct indicator_view *v;
	long long		 node;

	(void)is_function;
	(void)ch;
	ind1_layout(ui, is);
	v = is->v;
	switch (act) {
	case ACT_EDIT:
	case ACT_OPEN:
		if (v->nyears == 0)
			return UI_KEY_HANDLED;
		screen_actual_enter(ui, is->id, v->years[is->l.cursor].fy);
		return UI_KEY_HANDLED;
	case ACT_HISTORY:
		screen_sheet_history(ui, v->node_id, is->id, 0);
		return UI_KEY_HANDLED;
	case ACT_SHEET:
		if (v->node_id == 0) {
			ui_message(ui, "計画全体の指標です（項目のシートはありません）");
			return UI_KEY_HANDLED;
		}
		node = v->node_id;
		ui_push(ui, &screen_sheet_ops, &node);
		return UI_KEY_HANDLED;
	case ACT_FULLTEXT:
		/* The text of the node the indicator is on, or the plan's. */
		if (v->node_id == 0)
			screen_pager_plan(ui, v->plan_id);
		else
			screen_pager_node(ui, v->node_id, ui->fy);
		return UI_KEY_HANDLED;
	case ACT_MODIFY:
		screen_edit_indicator(ui, is->id);
		return UI_KEY_HANDLED;
	default:
		if (ui_list_key(ui, &is->l, act))
			return UI_KEY_HANDLED;
		return UI_KEY_UNHANDLED;
	}
}

static void
ind1_refresh(struct ui *ui, void *state)
{
	struct ind1_screen	*is = state;

	/* Re-read: the year may have changed, or an actual was entered. */
	ind1_reload(ui, is);
	ind1_layout(ui, is);
}

static char *
ind1_title(struct ui *ui, void *state)
{
	struct ind1_screen	*is = state;

	(void)ui;
	return xasprintf("%s > 指標 > %s", is->v->plan_name, is->v->name);
}

/* E first: the actual of the year under the cursor. */
static char *
ind1_hint(struct ui *ui, void *state)
{
	(void)state;
	return ui_edit_hint(ui);
}

const struct screen_ops screen_indicator_ops = {
	.name = "indicator",
	.actions = ind1_actions,
	.nactions = sizeof ind1_actions / sizeof ind1_actions[0],
	.open = ind1_open,
	.draw = ind1_draw,
	.key = ind1_key,
	.refresh = ind1_refresh,
	.close = ind1_close,
	.title = ind1_title,
	.hint = ind1_hint,
	.changed = ind1_refresh
};

void
screen_indicator_open(struct ui *ui, long long indicator_id)
{
	struct screen_indicator_arg	a = { indicator_id };

	ui_push(ui, &screen_indicator_ops, &a);
}
