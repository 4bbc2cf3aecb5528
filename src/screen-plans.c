/*
 * The plans screen, the first one: every plan with its code, name,
 * period, and for the chosen fiscal year the action items, how many are
 * entered, submitted, confirmed and behind, and the progress; below, the
 * plan under the cursor: its year's figures (items by workflow state, by
 * status and by grade, indicators achieved or not) and its description.
 * Enter opens its tree, r its roadmap, i its indicators, b the
 * departments. / searches the items of every plan (screen-search.c);
 * n and N show the last search's hits again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/fy.h"
#include "shisaku/screen-entry.h"
#include "shisaku/screen-indicator.h"
#include "shisaku/screen-pager.h"
#include "shisaku/screen-search.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-change.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-list.h"
#include "shisaku/ui-summary.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"

/* Least width of each count column ("  123"; wider for larger counts,
 * always a blank before the number), and of the progress column, which
 * may say 期間外. */
#define PLANS_NUM_W 5
#define PLANS_PROGRESS_W 7
/* Under the list: a rule, the plan's name, its figures, its description. */
#define PLANS_DETAIL_H (2 + SUMMARY_NLINES + 2)

static const enum key_action plans_actions[] = {
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
	ACT_OPEN, ACT_TREE, ACT_ROADMAP, ACT_INDICATORS, ACT_FILTER_MINE,
	ACT_DEPTS, ACT_FULLTEXT, ACT_HISTORY, ACT_SEARCH, ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV
};

struct plans_screen {
	struct browse_plan	*plans;
	size_t			 n;
	int			 loaded_fy;
	enum fy_style		 loaded_style;
	struct store_mark	 mark;		/* the database when read */
	struct ui_list		 list;
	/* Layout for the current size. */
	int			 code_w, name_w, period_w, short_period;
	int			 num_w;
	int			 list_h;
};

static const char *const plans_count_heads[] = {
	"取組", "入力", "提出", "確認", "遅れ", "進捗"
};

/* The period of a plan in the current year style, as every screen writes
 * one: "令和3年度〜令和7年度", or "R3〜R7" for a narrow column (定めなし for
 * none either way). */
static void
plans_period(struct ui *ui, const struct browse_plan *p, int short_form,
    char *buf, size_t size)
{
	char	*t = short_form ?
		    fy_format_span_short(p->first_fy, p->last_fy, ui->fy_style) :
		    fy_format_span(p->first_fy, p->last_fy, ui->fy_style);

	snprintf(buf, size, "%s", t);
	free(t);
}

static void
plans_layout(struct ui *ui, struct plans_screen *ps)
{
	char	period[2 * FY_BUFSZ + 8];
	size_t	i;
	int	h, cols, fixed, w, pass;

	getmaxyx(ui_body(ui), h, cols);
	ps->code_w = 6;
	ps->num_w = PLANS_NUM_W;
	for (i = 0; i < ps->n; i++) {
		w = tw_width(ps->plans[i].code);
		if (w > ps->code_w)
			ps->code_w = w;
		/* Items are the largest count of a plan. */
		ps->num_w = ui_summary_count_width(ps->plans[i].items,
		    ps->num_w);
	}
	/* A long code whole where there is room for it and the name. */
	if (ps->code_w > (cols >= 100 ? 24 : 14))
		ps->code_w = cols >= 100 ? 24 : 14;
	/* The full period if the name keeps 24 columns, else the short. */
	for (pass = 0; pass < 2; pass++) {
		ps->short_period = pass;
		ps->period_w = 4;
		for (i = 0; i < ps->n; i++) {
			plans_period(ui, &ps->plans[i], pass, period,
			    sizeof period);
			w = tw_width(period);
			if (w > ps->period_w)
				ps->period_w = w;
		}
		fixed = 1 + ps->code_w + 1 + 1 + ps->period_w + 1 +
		    5 * ps->num_w + PLANS_PROGRESS_W + 1;
		ps->name_w = cols - fixed;
		if (ps->name_w >= 24)
			break;
	}
	if (ps->name_w < 8)
		ps->name_w = 8;
	ps->list_h = h - 1 - PLANS_DETAIL_H;
	if (ps->list_h < 1)
		ps->list_h = 1;
	ui_list_place(&ps->list, 1, 0, ps->list_h, cols);
}

/* Writes s right-aligned in a column of width w. */
static void
plans_put_right(WINDOW *win, int y, int x, const char *s, int w, attr_t a)
{
	int	sw = tw_width(s);

	ui_put(win, y, x + (sw < w ? w - sw : 0), s, w, 0, a);
}

static void
plans_draw_row(struct ui *ui, void *owner, long row, int y, int x, int cols,
    int selected)
{
	struct plans_screen		*ps = owner;
	const struct browse_plan	*p = &ps->plans[row];
	WINDOW				*w = ui_body(ui);
	attr_t				 a = selected ? ui_attr(ui, UI_SELECT) :
					    A_NORMAL;
	char				 period[2 * FY_BUFSZ + 8], num[32];
	long				 counts[5];
	int				 i, cx, progress;

	counts[0] = p->items;
	counts[1] = p->entered;
	counts[2] = p->submitted;
	counts[3] = p->confirmed;
	counts[4] = p->behind;
	ui_put(w, y, x, "", cols, 1, a);
	cx = x + 1;
	ui_put_cell(w, y, cx, p->code, ps->code_w, 0, a);
	cx += ps->code_w + 1;
	ui_put_cell(w, y, cx, p->name, ps->name_w, 0, a | A_BOLD);
	cx += ps->name_w + 1;
	plans_period(ui, p, ps->short_period, period, sizeof period);
	ui_put(w, y, cx, period, ps->period_w, 0, a);
	cx += ps->period_w + 1;
	for (i = 0; i < 5; i++, cx += ps->num_w) {
		snprintf(num, sizeof num, "%ld", counts[i]);
		plans_put_right(w, y, cx, num, ps->num_w,
		    i == 4 && counts[i] > 0 ? a | ui_attr(ui, UI_MARK) : a);
	}
	progress = browse_plan_progress(p);
	if (progress < 0)
		snprintf(num, sizeof num, "%s", p->items == 0 &&
		    (p->first_fy || p->last_fy) ? "期間外" : "-");
	else
		snprintf(num, sizeof num, "%d%%", progress);
	plans_put_right(w, y, cx, num, PLANS_PROGRESS_W, a);
}

static char *
plans_row_text(void *owner, long row)
{
	struct plans_screen	*ps = owner;

	return xasprintf("%s %s %s", ps->plans[row].code,
	    ps->plans[row].name, ps->plans[row].org);
}

/* Reads the plans for the chosen year, keeping the cursor on the same
 * plan. Returns 0, or -1 with the error shown. */
static int
plans_load(struct ui *ui, struct plans_screen *ps)
{
	struct browse_plan	*plans;
	char			*cause = NULL;
	size_t			 n, i;
	long long		 keep = ui->plan_id;
	const char		*scale[SUMMARY_MAX_GRADES];
	int			 nscale = ui_summary_scale(ui, scale);

	if (ps->n > 0 && ps->list.cursor < (long)ps->n)
		keep = ps->plans[ps->list.cursor].id;
	store_mark_take(ui->store, &ps->mark);
	if (browse_plans_scaled(ui->store, ui->fy, ui_today_fy(ui), scale,
	    nscale, &plans, &n, &cause) != 0) {
		ui_error(ui, "%s", cause);
		free(cause);
		return -1;
	}
	browse_plans_free(ps->plans, ps->n);
	ps->plans = plans;
	ps->n = n;
	ps->loaded_fy = ui->fy;
	ps->loaded_style = ui->fy_style;
	ui_list_set_rows(&ps->list, (long)n);
	for (i = 0; i < n; i++)
		if (plans[i].id == keep)
			ps->list.cursor = (long)i;
	ui_list_set_rows(&ps->list, (long)n);
	if (n > 0)
		ui->plan_id = plans[ps->list.cursor].id;
	return 0;
}

static void *
plans_open(struct ui *ui, const void *arg)
{
	struct plans_screen	*ps;

	(void)arg;
	ps = xcalloc(1, sizeof *ps);
	ui_list_init(&ps->list, 0, ps);
	ps->list.draw_row = plans_draw_row;
	ps->list.row_text = plans_row_text;
	if (plans_load(ui, ps) != 0) {
		ui_list_free(&ps->list);
		free(ps);
		return NULL;
	}
	plans_layout(ui, ps);
	return ps;
}

static void
plans_draw_detail(struct ui *ui, struct plans_screen *ps, WINDOW *w, int y,
    int cols)
{
	const struct browse_plan	*p;
	size_t				 starts[2], lens[2], n, i;
	char				*head, *line;

	if (ps->n == 0)
		return;
	p = &ps->plans[ps->list.cursor];
	ui_put(w, y, 0, "", cols, 1, ui_attr(ui, UI_DIM));
	for (i = 0; i < (size_t)cols; i++)
		mvwaddch(w, y, (int)i, '-');
	head = xasprintf("%s%s%s", p->org, *p->org ? "  " : "", p->name);
	ui_put_cell(w, y + 1, 1, head, cols - 2, 0, ui_attr(ui, UI_HEADER));
	free(head);
	y += 2 + ui_summary_draw(ui, w, y + 2, 1, cols - 2, SUMMARY_NLINES,
	    &p->sum);
	n = tw_wrap(p->description, cols - 2, starts, lens, 2);
	for (i = 0; i < n && i < 2; i++) {
		line = xstrndup(p->description + starts[i], lens[i]);
		ui_put(w, y + (int)i, 1, line, cols - 2, 0, ui_attr(ui, UI_DIM));
		free(line);
	}
}

static void
plans_draw(struct ui *ui, void *state)
{
	struct plans_screen	*ps = state;
	WINDOW			*w = ui_body(ui);
	attr_t			 h = ui_attr(ui, UI_FROZEN);
	char			 fy[FY_BUFSZ], *msg;
	int			 cols = getmaxx(w), cx, i;

	plans_layout(ui, ps);
	ui_put(w, 0, 0, "", cols, 1, h);
	cx = 1;
	ui_put(w, 0, cx, "コード", ps->code_w, 0, h);
	cx += ps->code_w + 1;
	ui_put(w, 0, cx, "計画名", ps->name_w, 0, h);
	cx += ps->name_w + 1;
	ui_put(w, 0, cx, "期間", ps->period_w, 0, h);
	cx += ps->period_w + 1;
	for (i = 0; i < 6; i++, cx += ps->num_w)
		plans_put_right(w, 0, cx, plans_count_heads[i],
		    i == 5 ? PLANS_PROGRESS_W : ps->num_w, h);
	if (ps->n == 0) {
		ui_put(w, 2, 2, "計画がありません。shisaku import FILE で計画を"
		    "読み込んでください", cols - 3, 0, ui_attr(ui, UI_DIM));
		return;
	}
	ui_list_draw(ui, &ps->list);
	plans_draw_detail(ui, ps, w, 1 + ps->list_h, cols);
	/* What the counts are for, under the list when there is room. */
	if (ps->list.nrows + 1 < ps->list_h) {
		msg = xasprintf("（件数は %s の取組。遅れ = 予定のある年度の"
		    "入力期限を過ぎても未提出）", ui_fy(ui, ui->fy, fy));
		ui_put(w, 1 + (int)ps->list.nrows + 1, 2, msg, cols - 3, 0,
		    ui_attr(ui, UI_DIM));
		free(msg);
	}
}

static enum ui_key_result
plans_key(struct ui *ui, void *state, enum key_action act, int is_function,
    wint_t ch)
{
	struct plans_screen	*ps = state;
	long long		 id;

	(void)is_function;
	(void)ch;
	switch (act) {
	case ACT_DEPTS:
		ui_push(ui, &screen_depts_ops, NULL);
		return UI_KEY_HANDLED;
	case ACT_FULLTEXT:
		/* The plan's whole description. */
		if (ps->n > 0)
			screen_pager_plan(ui, ps->plans[ps->list.cursor].id);
		return UI_KEY_HANDLED;
	case ACT_SEARCH:
		/* The items of every plan, and the plans' names. */
		if (ui_list_ask_search(ui, &ps->list.search))
			screen_search_open(ui, 0, ps->list.search);
		return UI_KEY_HANDLED;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		if (ps->list.search == NULL || *ps->list.search == '\0')
			ui_message(ui, "検索する文字列がありません（%s で検索）",
			    keys_action_keys(ACT_SEARCH));
		else
			screen_search_open(ui, 0, ps->list.search);
		return UI_KEY_HANDLED;
	case ACT_HISTORY: {
		struct screen_history_arg	a;

		if (ui->session == NULL || ui->session->role != ROLE_PLANNER) {
			ui_error(ui, "拒否の記録を見られるのは企画担当だけです"
			    "（あなたは%s）", role_label(ui->session != NULL ?
			    ui->session->role : ROLE_NONE));
			return UI_KEY_HANDLED;
		}
		memset(&a, 0, sizeof a);
		a.refused = 1;
		ui_push(ui, &screen_history_ops, &a);
		return UI_KEY_HANDLED;
	}
	case ACT_OPEN:
	case ACT_TREE:
	case ACT_ROADMAP:
	case ACT_INDICATORS:
	case ACT_FILTER_MINE:
		if (ps->n == 0) {
			ui_error(ui, "計画がありません（shisaku import FILE で読み込めます）");
			return UI_KEY_HANDLED;
		}
		id = ps->plans[ps->list.cursor].id;
		ui->plan_id = id;
		if (act == ACT_INDICATORS || act == ACT_FILTER_MINE)
			screen_indicators_open(ui, id, act == ACT_FILTER_MINE);
		else
			ui_push(ui, act == ACT_ROADMAP ? &screen_roadmap_ops :
			    &screen_tree_ops, &id);
		return UI_KEY_HANDLED;
	default:
		if (ui_list_key(ui, &ps->list, act)) {
			if (ps->n > 0)
				ui->plan_id = ps->plans[ps->list.cursor].id;
			return UI_KEY_HANDLED;
		}
		return UI_KEY_UNHANDLED;
	}
}

static void
plans_refresh(struct ui *ui, void *state)
{
	struct plans_screen	*ps = state;

	/* What was read holds unless the year, its display or the database
	 * changed (while a screen above was open, or another program wrote
	 * while this one is shown: then the figures are read again, the
	 * cursor staying on its plan). */
	if (ps->loaded_fy != ui->fy || ps->loaded_style != ui->fy_style ||
	    store_mark_changed(ui->store, &ps->mark))
		plans_load(ui, ps);
	/* A screen above may have been about another plan (a search hit). */
	else if (ps->n > 0 && ps->list.cursor < (long)ps->n)
		ui->plan_id = ps->plans[ps->list.cursor].id;
	plans_layout(ui, ps);
}

static void
plans_close(struct ui *ui, void *state)
{
	struct plans_screen	*ps = state;

	(void)ui;
	browse_plans_free(ps->plans, ps->n);
	ui_list_free(&ps->list);
	free(ps);
}

static char *
plans_title(struct ui *ui, void *state)
{
	struct plans_screen	*ps = state;
	char			 fy[FY_BUFSZ];

	return xasprintf("計画一覧（%s）  %zu 件", ui_fy(ui, ui->fy, fy), ps->n);
}

/* Enter first; the other ways into a plan after it. */
static char *
plans_hint(struct ui *ui, void *state)
{
	char	o[16], r[16], i[16], v[16];

	(void)ui;
	(void)state;
	ui_key_name(ACT_OPEN, o, sizeof o);
	ui_key_name(ACT_ROADMAP, r, sizeof r);
	ui_key_name(ACT_INDICATORS, i, sizeof i);
	ui_key_name(ACT_FULLTEXT, v, sizeof v);
	return xasprintf("%s:施策体系  %s:ロードマップ  %s:指標  %s:説明", o, r,
	    i, v);
}

static const char *
plans_action_help(enum key_action act)
{
	switch (act) {
	case ACT_HISTORY:
		return "拒否の記録: 誰が何を試みて拒否されたか（企画担当）";
	case ACT_SEARCH:
		return "検索（全計画の取組の名称・手段・年次計画・実績・指標など）";
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		return "前回の検索の一覧をもう一度";
	default:
		return NULL;
	}
}

const struct screen_ops screen_plans_ops = {
	.name = "plans",
	.actions = plans_actions,
	.nactions = sizeof plans_actions / sizeof plans_actions[0],
	.open = plans_open,
	.draw = plans_draw,
	.key = plans_key,
	.refresh = plans_refresh,
	.close = plans_close,
	.title = plans_title,
	.hint = plans_hint,
	.action_help = plans_action_help,
	.changed = plans_refresh
};
