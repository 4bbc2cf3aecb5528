/*
 * The item sheet: everything of one node laid out like the printed
 * アクションプランシート: the way down from the plan with the plan's own
 * level names and codes, flags, departments in charge (the main one
 * marked), period, 概要・方向性, 手段, the yearly plans, the cost trend,
 * each indicator with baseline, per-year targets, actuals and achievement,
 * and the chosen fiscal year's result. The sheet is laid out into lines
 * for the window's width and scrolls; it is laid out again when the width,
 * the fiscal year or the year display changes. Enter opens one of its
 * indicators (screen-indicator.c); E enters the item's result or the
 * actual of an indicator reported on its own, for the chosen year.
 *
 * Also the display functions the roadmap and the indicator list share
 * (screen-sheet.h).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/achieve.h"
#include "shisaku/config.h"
#include "shisaku/deptlabel.h"
#include "shisaku/screen-edit.h"
#include "shisaku/screen-entry.h"
#include "shisaku/screen-indicator.h"
#include "shisaku/screen-pager.h"
#include "shisaku/screen-sheet.h"
#include "shisaku/store-actual.h"
#include "shisaku/store-sheet.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/vocab.h"

/* ---- shared with the roadmap and the indicator list --------------------- */

static const struct {
	const char	*symbol;
	const char	*ascii;
} sheet_ascii_symbols[] = {
	{ "★", "*" }, { "☆", "*" }, { "◆", "+" }, { "◇", "+" },
	{ "●", "o" }, { "○", "o" }, { "◎", "@" }, { "■", "#" },
	{ "□", "#" }, { "▲", "^" }, { "△", "^" }, { "※", "*" },
	{ NULL, NULL }
};

const char *
screen_sheet_symbol(struct ui *ui, const char *symbol)
{
	const unsigned char	*p;
	int			 i;

	if (symbol == NULL || *symbol == '\0')
		return "";
	if (ui->config == NULL || !ui->config->ascii_symbols)
		return symbol;
	for (i = 0; sheet_ascii_symbols[i].symbol != NULL; i++)
		if (strcmp(symbol, sheet_ascii_symbols[i].symbol) == 0)
			return sheet_ascii_symbols[i].ascii;
	for (p = (const unsigned char *)symbol; *p != '\0'; p++)
		if (*p >= 0x80)
			return "#";
	return symbol;
}

const char *
screen_sheet_flag_mark(struct ui *ui, const struct sheet_flag *f, char *buf,
    size_t size)
{
	const char	*sym = screen_sheet_symbol(ui, f->symbol);
	size_t		 n;

	if (*sym != '\0') {
		snprintf(buf, size, "%s", sym);
		return buf;
	}
	/* The first character of the label (one UTF-8 sequence). */
	n = 1;
	while (f->label[n - 1] != '\0' &&
	    ((unsigned char)f->label[n] & 0xc0) == 0x80)
		n++;
	if (f->label[0] == '\0')
		n = 0;
	if (n >= size)
		n = 0;
	memcpy(buf, f->label, n);
	buf[n] = '\0';
	return buf;
}

const char *
screen_sheet_trend_symbol(struct ui *ui, const char *trend)
{
	int	ascii = ui->config != NULL && ui->config->ascii_symbols;

	if (trend == NULL)
		return "";
	if (strcmp(trend, "same") == 0)
		return "=";
	if (strcmp(trend, "up") == 0)
		return ascii ? "^" : "↑";
	if (strcmp(trend, "down") == 0)
		return ascii ? "v" : "↓";
	return "?";
}

enum achieve_dir
screen_sheet_dir(const char *direction)
{
	int	d;

	if (direction == NULL)
		return ACHIEVE_DIR_UNKNOWN;
	d = achieve_dir_parse(direction);
	return d < 0 ? ACHIEVE_DIR_UNKNOWN : (enum achieve_dir)d;
}

char *
screen_sheet_rate(double rate, char *buf, size_t size)
{
	if (rate < 0)
		snprintf(buf, size, "%s", "");
	else
		snprintf(buf, size, "%.1f%%", rate);
	return buf;
}

enum trend_style
screen_sheet_trend_style(struct ui *ui)
{
	/* Block elements are East Asian ambiguous: a terminal that draws
	 * those wide would break the columns. */
	if (ui->config != NULL && ui->config->bars_blocks &&
	    !ui->config->ambiguous_wide)
		return TREND_BLOCKS;
	return TREND_ASCII;
}

/* The points of a year's values, pointing into v. */
static struct trend_point *
sheet_points(const struct sheet_fyvalue *v, size_t n)
{
	struct trend_point	*p = xcalloc(n + 1, sizeof *p);
	size_t			 i;

	for (i = 0; i < n; i++) {
		p[i].fy = v[i].fy;
		p[i].v = &v[i].v;
	}
	return p;
}

char *
screen_sheet_trend(struct ui *ui, const char *direction, int cumulative,
    const struct value *base, int base_fy, const struct value *final,
    int final_fy, const struct sheet_fyvalue *targets, size_t ntargets,
    const struct sheet_fyvalue *actuals, size_t nactuals, int plan_first,
    int plan_last, struct trend_cell *cells, size_t *ncells)
{
	struct trend_series	 ts;
	struct trend_point	*tp, *ap;
	char			*bar;

	memset(&ts, 0, sizeof ts);
	ts.dir = screen_sheet_dir(direction);
	ts.cumulative = cumulative;
	ts.base = base;
	ts.base_fy = base_fy;
	ts.final = final;
	ts.final_fy = final_fy;
	ts.targets = tp = sheet_points(targets, ntargets);
	ts.ntargets = ntargets;
	ts.actuals = ap = sheet_points(actuals, nactuals);
	ts.nactuals = nactuals;
	*ncells = trend_cells(&ts, plan_first, plan_last, ui_today_fy(ui),
	    cells);
	bar = trend_bar(cells, *ncells, screen_sheet_trend_style(ui));
	free(tp);
	free(ap);
	return bar;
}

void
screen_sheet_edit(struct ui *ui, long long node_id, int is_item, int fy)
{
	struct screen_entry_arg	a;

	if (!is_item) {
		ui_message(ui, "実績は取組ごとに入力します（この項目は見出しです）");
		return;
	}
	a.node_id = node_id;
	a.fy = fy;
	ui_push(ui, &screen_entry_ops, &a);
}

void
screen_sheet_history(struct ui *ui, long long node_id, long long indicator_id,
    int fy)
{
	struct screen_history_arg	a;

	memset(&a, 0, sizeof a);
	a.node_id = node_id;
	a.indicator_id = indicator_id;
	a.fy = fy;
	ui_push(ui, &screen_history_ops, &a);
}

/* ---- the sheet's lines -------------------------------------------------- */

/* One laid-out line: up to two pieces of text at given columns. */
struct sheet_line {
	int		 x;
	enum ui_attr	 attr;
	char		*text;
	int		 x2;		/* -1 = no second piece */
	enum ui_attr	 attr2;
	char		*text2;
};

struct sheet_screen {
	long long	 node_id;
	struct sheet	*s;
	int		 loaded_fy;
	/* layout */
	struct sheet_line *lines;
	size_t		 nlines, cap;
	int		 layout_cols;
	int		 layout_fy;
	int		 layout_style;
	int		 width;		/* text width while laying out */
	int		 label_w;	/* label column */
	long		 top;
	int		 height;	/* lines shown */
};

static const enum key_action sheet_actions[] = {
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
	ACT_OPEN, ACT_EDIT, ACT_FILTER_MINE, ACT_HISTORY, ACT_FULLTEXT, ACT_ADD,
	ACT_MODIFY, ACT_DELETE
};

static void
sheet_lines_clear(struct sheet_screen *ss)
{
	size_t	i;

	for (i = 0; i < ss->nlines; i++) {
		free(ss->lines[i].text);
		free(ss->lines[i].text2);
	}
	ss->nlines = 0;
}

/* Adds a line; text is copied (len bytes, or all when len is -1). */
static struct sheet_line *
sheet_add(struct sheet_screen *ss, int x, enum ui_attr attr, const char *text,
    int len)
{
	struct sheet_line	*l;

	if (ss->nlines == ss->cap) {
		ss->cap = ss->cap == 0 ? 64 : ss->cap * 2;
		ss->lines = xreallocarray(ss->lines, ss->cap, sizeof *ss->lines);
	}
	l = &ss->lines[ss->nlines++];
	l->x = x;
	l->attr = attr;
	l->text = len < 0 ? xstrdup(text) : xstrndup(text, (size_t)len);
	l->x2 = -1;
	l->attr2 = UI_NORMAL;
	l->text2 = NULL;
	return l;
}

static void
sheet_blank(struct sheet_screen *ss)
{
	if (ss->nlines > 0 && *ss->lines[ss->nlines - 1].text != '\0')
		sheet_add(ss, 0, UI_NORMAL, "", -1);
}

/*
 * Adds text wrapped to the columns from x to the sheet's width. With a
 * label, the label goes at column lx of the first line. An empty text
 * gives one line (with the label, or the placeholder when given).
 */
static void
sheet_wrap(struct sheet_screen *ss, int lx, const char *label,
    enum ui_attr lattr, int x, enum ui_attr attr, const char *text,
    const char *empty)
{
	size_t		 n, i, *starts, *lens;
	int		 cols = ss->width - x;
	struct sheet_line *l;

	if (cols < 4)
		cols = 4;
	if (text == NULL || *text == '\0') {
		if (label != NULL) {
			l = sheet_add(ss, lx, lattr, label, -1);
			if (empty != NULL) {
				l->x2 = x;
				l->attr2 = UI_DIM;
				l->text2 = xstrdup(empty);
			}
		} else if (empty != NULL)
			sheet_add(ss, x, UI_DIM, empty, -1);
		return;
	}
	n = tw_wrap(text, cols, NULL, NULL, 0);
	if (n == 0)
		n = 1;
	starts = xcalloc(n, sizeof *starts);
	lens = xcalloc(n, sizeof *lens);
	n = tw_wrap(text, cols, starts, lens, n);
	for (i = 0; i < n; i++) {
		if (i == 0 && label != NULL) {
			l = sheet_add(ss, lx, lattr, label, -1);
			l->x2 = x;
			l->attr2 = attr;
			l->text2 = xstrndup(text + starts[i], lens[i]);
		} else
			sheet_add(ss, x, attr, text + starts[i], (int)lens[i]);
	}
	free(starts);
	free(lens);
}

/* A labelled field: label in the label column, text wrapped after it. */
static void
sheet_field(struct sheet_screen *ss, const char *label, enum ui_attr attr,
    const char *text)
{
	sheet_wrap(ss, 0, label, UI_HEADER, ss->label_w + 2, attr, text, "-");
}

static void
sheet_heading(struct sheet_screen *ss, const char *text)
{
	sheet_blank(ss);
	sheet_add(ss, 0, UI_HEADER, text, -1);
}

static int
sheet_max(int a, int b)
{
	return a > b ? a : b;
}

static void
sheet_layout_head(struct ui *ui, struct sheet_screen *ss)
{
	struct sheet	*s = ss->s;
	char		*line, *t;
	size_t		 i;

	/* The way down from the plan, each level under its own name. */
	for (i = 0; i < s->npath; i++) {
		struct sheet_pathnode	*p = &s->path[i];
		int			 self = i + 1 == s->npath;

		line = *p->code != '\0' ? xasprintf("%s %s", p->code, p->title) :
		    xstrdup(p->title);
		sheet_wrap(ss, 0, *p->level != '\0' ? p->level : "階層",
		    UI_HEADER, ss->label_w + 2, self ? UI_MARK : UI_NORMAL, line,
		    NULL);
		free(line);
	}

	if (s->nflags > 0) {
		line = xstrdup("");
		for (i = 0; i < s->nflags; i++) {
			t = xasprintf("%s%s%s%s", line, i > 0 ? "  " : "",
			    screen_sheet_symbol(ui, s->flags[i].symbol),
			    s->flags[i].label);
			free(line);
			line = t;
		}
		sheet_field(ss, "分類", UI_MARK, line);
		free(line);
	}

	line = xstrdup("");
	for (i = 0; i < s->ndepts; i++) {
		const char	*mark = "";

		if (s->depts[i].is_main)
			mark = ui->config != NULL && ui->config->ascii_symbols ?
			    "*" : "★";
		t = xasprintf("%s%s%s%s", line, i > 0 ? "  " : "", mark,
		    s->depts[i].name);
		free(line);
		line = t;
	}
	sheet_field(ss, "担当課", UI_NORMAL, line);
	free(line);
	if (s->ndepts > 0) {
		for (i = 0; i < s->ndepts && !s->depts[i].is_main; i++)
			;
		if (i < s->ndepts && s->ndepts > 1)
			sheet_wrap(ss, 0, NULL, UI_NORMAL, ss->label_w + 2,
			    UI_DIM, ui->config != NULL &&
			    ui->config->ascii_symbols ? "* = 主担当課" :
			    "★ = 主担当課", NULL);
	}

	/* The years the tree counts it in, borrowed ends said so. */
	line = sheet_period_text(s, ui->fy_style);
	sheet_field(ss, "期間", UI_NORMAL, line);
	free(line);
}

static void
sheet_layout_texts(struct ui *ui, struct sheet_screen *ss)
{
	struct sheet	*s = ss->s;
	char		*label, *line, *t;
	int		 lw = 0, w;
	size_t		 i;

	sheet_heading(ss, "【概要・方向性】");
	sheet_wrap(ss, 0, NULL, UI_NORMAL, 2, UI_NORMAL, s->summary, "（なし）");
	sheet_heading(ss, "【手段】");
	sheet_wrap(ss, 0, NULL, UI_NORMAL, 2, UI_NORMAL, s->means, "（なし）");
	if (*s->note != '\0') {
		sheet_heading(ss, "【備考】");
		sheet_wrap(ss, 0, NULL, UI_NORMAL, 2, UI_NORMAL, s->note, NULL);
	}

	if (s->is_item || s->nyearplans > 0) {
		sheet_heading(ss, "【年次計画】");
		for (i = 0; i < s->nyearplans; i++) {
			label = fy_format_span(s->yearplans[i].from_fy,
			    s->yearplans[i].to_fy, ui->fy_style);
			lw = sheet_max(lw, tw_width(label));
			free(label);
		}
		if (lw > ss->width / 2)
			lw = ss->width / 2;
		for (i = 0; i < s->nyearplans; i++) {
			label = fy_format_span(s->yearplans[i].from_fy,
			    s->yearplans[i].to_fy, ui->fy_style);
			sheet_wrap(ss, 2, label, UI_HEADER, 2 + lw + 2, UI_NORMAL,
			    s->yearplans[i].text, "-");
			free(label);
		}
		if (s->nyearplans == 0)
			sheet_add(ss, 2, UI_DIM, "（なし）", -1);
	}

	if (s->ncosts > 0) {
		sheet_heading(ss, "【コストの推移】");
		line = xstrdup("");
		w = 0;
		for (i = 0; i < s->ncosts; i++) {
			char		 fy[FY_BUFSZ];
			const char	*word;

			word = vocab_label(VOCAB_TREND, s->costs[i].trend);
			t = xasprintf("%s %s%s", ui_fy(ui, s->costs[i].fy, fy),
			    screen_sheet_trend_symbol(ui, s->costs[i].trend),
			    word != NULL ? word : "不明");
			if (w > 0 && 2 + w + 3 + tw_width(t) > ss->width) {
				sheet_add(ss, 2, UI_NORMAL, line, -1);
				free(line);
				line = xstrdup("");
				w = 0;
			}
			label = xasprintf("%s%s%s", line, w > 0 ? "   " : "", t);
			free(line);
			free(t);
			line = label;
			w = tw_width(line);
		}
		sheet_add(ss, 2, UI_NORMAL, line, -1);
		free(line);
	}
}

/* The years an indicator's table shows: targets, actuals, the final
 * target's and the chosen year, ascending, without duplicates. Returns
 * the count. */
static size_t
sheet_indicator_years(const struct sheet_indicator *in, int fy, int **out)
{
	int	*y;
	size_t	 n = 0, i, j, k;

	y = xcalloc(in->ntargets + in->nactuals + 2, sizeof *y);
	for (i = 0; i < in->ntargets; i++)
		y[n++] = in->targets[i].fy;
	for (i = 0; i < in->nactuals; i++)
		y[n++] = in->actuals[i].fy;
	y[n++] = fy;
	if (in->final_fy != 0 && in->final.kind != VALUE_NONE)
		y[n++] = in->final_fy;
	/* Insertion sort: a handful of years. */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && y[j - 1] > y[j]; j--) {
			int	tmp = y[j];

			y[j] = y[j - 1];
			y[j - 1] = tmp;
		}
	for (i = 0, k = 0; i < n; i++)
		if (k == 0 || y[k - 1] != y[i])
			y[k++] = y[i];
	*out = y;
	return k;
}

static const struct sheet_fyvalue *
sheet_fyvalue_find(const struct sheet_fyvalue *v, size_t n, int fy)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i].fy == fy)
			return &v[i];
	return NULL;
}

/*
 * The achievement of an indicator in fiscal year fy, -1 if none. A year
 * without a target of its own is measured against the final target, as
 * the indicator list does; *fallback tells.
 */
static double
sheet_indicator_rate(const struct sheet_indicator *in, int fy,
    enum achieve_status *status, int *fallback)
{
	const struct sheet_fyvalue	*t, *a;
	struct achieve_input		 ain;
	struct value			 target, actual;
	int				*fys;
	struct value			*vals;
	size_t				 i;
	double				 sum, rate;
	int				 n;

	memset(&target, 0, sizeof target);
	memset(&actual, 0, sizeof actual);
	*fallback = 0;
	t = sheet_fyvalue_find(in->targets, in->ntargets, fy);
	if (t != NULL && t->v.kind != VALUE_NONE)
		target = t->v;
	else {
		target = in->final;
		*fallback = in->final_fy != fy && in->final.kind != VALUE_NONE;
	}
	a = sheet_fyvalue_find(in->actuals, in->nactuals, fy);
	if (a != NULL)
		actual = a->v;
	if (in->cumulative && a != NULL && a->v.kind == VALUE_NUMBER) {
		fys = xcalloc(in->nactuals, sizeof *fys);
		vals = xcalloc(in->nactuals, sizeof *vals);
		for (i = 0; i < in->nactuals; i++) {
			fys[i] = in->actuals[i].fy;
			vals[i] = in->actuals[i].v;
		}
		n = achieve_sum_actuals(fys, vals, in->nactuals, in->base_fy, fy,
		    &sum);
		free(fys);
		free(vals);
		if (n > 0) {
			actual.kind = VALUE_NUMBER;
			actual.num = sum;
			actual.text = NULL;
		} else if (n < 0) {
			actual.kind = VALUE_TEXT;
			actual.text = NULL;
		}
	}
	memset(&ain, 0, sizeof ain);
	ain.dir = screen_sheet_dir(in->direction);
	ain.cumulative = in->cumulative;
	ain.base = &in->base;
	ain.target = &target;
	ain.actual = &actual;
	rate = achieve_rate(&ain, status);
	return rate;
}

static void
sheet_layout_indicator(struct ui *ui, struct sheet_screen *ss,
    const struct sheet_indicator *in, size_t no)
{
	char		*line, *t, *v1, *v2, fy[FY_BUFSZ], fy2[FY_BUFSZ];
	char		 rate[128];
	int		 fallback = 0;
	const char	*dir;
	int		*years, yw = 4, tw = 6, aw = 6, x;
	size_t		 ny, i, ncells;
	struct trend_cell cells[TREND_MAX_CELLS];

	line = xasprintf("%zu. %s", no, in->name);
	sheet_wrap(ss, 0, NULL, UI_NORMAL, 2, UI_MARK, line, NULL);
	free(line);

	dir = vocab_label(VOCAB_DIRECTION, in->direction);
	line = xasprintf("区分: %s  単位: %s  方向: %s%s",
	    *in->category != '\0' ? in->category : "-",
	    *in->unit != '\0' ? in->unit : "-", dir != NULL ? dir : "不明",
	    in->cumulative ? "  累計" : "");
	sheet_wrap(ss, 0, NULL, UI_NORMAL, 5, UI_NORMAL, line, NULL);
	free(line);

	v1 = value_display(&in->base, in->unit);
	v2 = value_display(&in->final, in->unit);
	line = xasprintf("基準値: %s%s%s%s  最終目標: %s%s%s%s",
	    *v1 != '\0' ? v1 : "-", in->base_fy ? "（" : "",
	    in->base_fy ? ui_fy(ui, in->base_fy, fy) : "",
	    in->base_fy ? "）" : "",
	    *v2 != '\0' ? v2 : "-", in->final_fy ? "（" : "",
	    in->final_fy ? ui_fy(ui, in->final_fy, fy2) : "",
	    in->final_fy ? "）" : "");
	sheet_wrap(ss, 0, NULL, UI_NORMAL, 5, UI_NORMAL, line, NULL);
	free(line);
	free(v1);
	free(v2);

	/* The trend over the plan's years, one character a year. */
	t = screen_sheet_trend(ui, in->direction, in->cumulative, &in->base,
	    in->base_fy, &in->final, in->final_fy, in->targets, in->ntargets,
	    in->actuals, in->nactuals, ss->s->plan_first_fy,
	    ss->s->plan_last_fy, cells, &ncells);
	if (ncells > 0) {
		line = xasprintf("推移: %s  %s%s〜%s", t,
		    ui_fy(ui, cells[0].fy, fy), cells[0].is_base ? "（基準）" : "",
		    ui_fy(ui, cells[ncells - 1].fy, fy2));
		sheet_wrap(ss, 0, NULL, UI_NORMAL, 5, UI_NORMAL, line, NULL);
		free(line);
	}
	free(t);

	/* The table: one row per year, widths from its contents. */
	ny = sheet_indicator_years(in, ss->s->fy, &years);
	for (i = 0; i < ny; i++) {
		const struct sheet_fyvalue	*tv, *av;

		yw = sheet_max(yw, tw_width(ui_fy(ui, years[i], fy)));
		tv = sheet_fyvalue_find(in->targets, in->ntargets, years[i]);
		av = sheet_fyvalue_find(in->actuals, in->nactuals, years[i]);
		if (tv != NULL || in->final_fy == years[i]) {
			t = value_display(tv != NULL ? &tv->v : &in->final,
			    in->unit);
			tw = sheet_max(tw, tw_width(t));
			free(t);
		}
		if (av != NULL) {
			t = value_display(&av->v, in->unit);
			aw = sheet_max(aw, tw_width(t));
			free(t);
		}
	}
	x = 5 + yw + 2;
	if (tw > (ss->width - x) / 3)
		tw = sheet_max(6, (ss->width - x) / 3);
	if (aw > (ss->width - x) / 3)
		aw = sheet_max(6, (ss->width - x) / 3);

	{
		char	c1[128], c2[128], c3[128];

		tw_fit("年度", yw, 1, 0, c1, sizeof c1);
		tw_fit("目標値", tw, 1, 0, c2, sizeof c2);
		tw_fit("実績値", aw, 1, 0, c3, sizeof c3);
		line = xasprintf("%s  %s  %s  達成率", c1, c2, c3);
		sheet_add(ss, 5, UI_DIM, line, -1);
		free(line);
	}
	for (i = 0; i < ny; i++) {
		const struct sheet_fyvalue	*tv, *av;
		enum achieve_status		 st = ACHIEVE_MISSING;
		char				 c1[128], c2[256], c3[256];
		int				 cur = years[i] == ss->s->fy, fb;
		double				 r;
		struct sheet_line		*l;

		tv = sheet_fyvalue_find(in->targets, in->ntargets, years[i]);
		av = sheet_fyvalue_find(in->actuals, in->nactuals, years[i]);
		tw_fit(ui_fy(ui, years[i], fy), yw, 1, 0, c1, sizeof c1);
		if (tv != NULL)
			t = value_display(&tv->v, in->unit);
		else if (in->final_fy == years[i])
			t = value_display(&in->final, in->unit);
		else
			t = xstrdup("");
		if (*t == '\0') {
			free(t);
			t = xstrdup("-");
		}
		tw_fit(t, tw, 1, 1, c2, sizeof c2);
		free(t);
		t = av != NULL ? value_display(&av->v, in->unit) :
		    xstrdup("-");
		tw_fit(t, aw, 1, 1, c3, sizeof c3);
		free(t);
		r = sheet_indicator_rate(in, years[i], &st, &fb);
		if (cur && r >= 0 && fb)
			fallback = 1;
		screen_sheet_rate(r, rate, sizeof rate);
		if (r < 0 && cur && st != ACHIEVE_OK && st != ACHIEVE_MISSING)
			snprintf(rate, sizeof rate, "%s", achieve_status_text(st));
		line = xasprintf("%s  %s  %s  %s", c1, c2, c3, rate);
		l = sheet_add(ss, 5, cur ? UI_SELECT : UI_NORMAL, line, -1);
		free(line);
		if (cur) {
			/* A marker that survives without colours. */
			l->x2 = 3;
			l->attr2 = UI_MARK;
			l->text2 = xstrdup(">");
		}
		if (av != NULL && *av->note != '\0') {
			t = xasprintf("（%s）", av->note);
			sheet_wrap(ss, 0, NULL, UI_NORMAL, 5 + yw + 2, UI_DIM, t,
			    NULL);
			free(t);
		}
	}
	free(years);
	if (fallback)
		sheet_wrap(ss, 0, NULL, UI_NORMAL, 5, UI_DIM,
		    "（この年度の目標値がないため、達成率は最終目標に対する値）",
		    NULL);
	if (*in->rationale != '\0')
		sheet_wrap(ss, 5, "考え方:", UI_DIM, 5 + 8, UI_NORMAL,
		    in->rationale, NULL);
	if (*in->note != '\0')
		sheet_wrap(ss, 5, "備考:", UI_DIM, 5 + 8, UI_NORMAL, in->note,
		    NULL);
}

static void
sheet_layout_result(struct ui *ui, struct sheet_screen *ss)
{
	struct sheet		*s = ss->s;
	struct sheet_result	*r = s->result;
	char			 fy[FY_BUFSZ], *line, *who, at[17];
	const char		*status, *state, *grade;

	line = xasprintf("【%sの実績】", ui_fy(ui, s->fy, fy));
	sheet_heading(ss, line);
	free(line);
	if (r == NULL) {
		sheet_add(ss, 2, UI_DIM, "未入力", -1);
		return;
	}
	status = vocab_label(VOCAB_STATUS, r->status);
	state = vocab_label(VOCAB_STATE, r->state);
	grade = r->grade != NULL && ui->config != NULL ?
	    config_grade_label(ui->config, r->grade) : NULL;
	line = xasprintf("状況: %s   状態: %s   評価: %s%s%s",
	    status != NULL ? status : "-", state != NULL ? state : "-",
	    r->grade != NULL ? r->grade : "-", grade != NULL ? " " : "",
	    grade != NULL ? grade : "");
	sheet_wrap(ss, 0, NULL, UI_NORMAL, 2, UI_MARK, line, NULL);
	free(line);
	if (*r->entered_by != '\0' || *r->entered_at != '\0') {
		who = ui_who(ui, r->entered_by);
		line = xasprintf("入力: %s %s%s%s%s", who,
		    at_minutes(r->entered_at, at),
		    *r->dept_name != '\0' ? "（" : "", r->dept_name,
		    *r->dept_name != '\0' ? "）" : "");
		free(who);
		sheet_wrap(ss, 0, NULL, UI_NORMAL, 2, UI_DIM, line, NULL);
		free(line);
	}
	if (*r->confirmed_by != '\0') {
		who = ui_who(ui, r->confirmed_by);
		line = xasprintf("確認: %s %s", who,
		    at_minutes(r->confirmed_at, at));
		free(who);
		sheet_wrap(ss, 0, NULL, UI_NORMAL, 2, UI_DIM, line, NULL);
		free(line);
	}
	sheet_add(ss, 2, UI_HEADER, "取組実績", -1);
	sheet_wrap(ss, 0, NULL, UI_NORMAL, 4, UI_NORMAL, r->text, "（なし）");
	sheet_add(ss, 2, UI_HEADER, "評価（課題・今後の方向性）", -1);
	sheet_wrap(ss, 0, NULL, UI_NORMAL, 4, UI_NORMAL, r->comment, "（なし）");
	if (*r->return_comment != '\0') {
		sheet_add(ss, 2, UI_ERROR, "差戻しの理由", -1);
		sheet_wrap(ss, 0, NULL, UI_NORMAL, 4, UI_NORMAL,
		    r->return_comment, NULL);
	}
}

static void
sheet_layout(struct ui *ui, struct sheet_screen *ss, int cols)
{
	struct sheet	*s = ss->s;
	size_t		 i;
	int		 w;
	char		*line;

	sheet_lines_clear(ss);
	ss->width = cols - 1;
	if (ss->width < 20)
		ss->width = 20;
	/* Label column: the widest level name or fixed label. */
	ss->label_w = tw_width("担当課");
	for (i = 0; i < s->npath; i++) {
		w = tw_width(s->path[i].level);
		if (w > ss->label_w)
			ss->label_w = w;
	}
	if (ss->label_w > ss->width / 4)
		ss->label_w = ss->width / 4;

	sheet_layout_head(ui, ss);
	sheet_layout_texts(ui, ss);

	sheet_heading(ss, "【指標】");
	if (s->nindicators > 0) {
		char	o[32], e[32];

		snprintf(o, sizeof o, "%s", keys_action_keys(ACT_OPEN));
		snprintf(e, sizeof e, "%s", keys_action_keys(ACT_EDIT));
		line = xasprintf("（%s: 指標を開く  %s: %s  %s: 自分の担当の指標）",
		    o, e, s->is_item ? "実績を入力" : "指標の実績値を入力",
		    keys_action_keys(ACT_FILTER_MINE));
		sheet_wrap(ss, 0, NULL, UI_NORMAL, 2, UI_DIM, line, NULL);
		free(line);
	}
	for (i = 0; i < s->nindicators; i++) {
		if (i > 0)
			sheet_blank(ss);
		sheet_layout_indicator(ui, ss, &s->indicators[i], i + 1);
	}
	if (s->nindicators == 0)
		sheet_add(ss, 2, UI_DIM, "（指標なし）", -1);

	if (s->is_item)
		sheet_layout_result(ui, ss);
	else if (s->result != NULL)
		sheet_layout_result(ui, ss);

	if (s->nchildren > 0) {
		sheet_heading(ss, "【下位の項目】");
		for (i = 0; i < s->nchildren; i++) {
			line = xasprintf("%s%s%s", s->children[i].code,
			    *s->children[i].code != '\0' ? " " : "",
			    s->children[i].title);
			sheet_wrap(ss, 2, s->children[i].level, UI_DIM,
			    2 + ss->label_w + 2, UI_NORMAL, line, NULL);
			free(line);
		}
	}
	ss->layout_cols = cols;
	ss->layout_fy = s->fy;
	ss->layout_style = (int)ui->fy_style;
}

/* Loads the node for the chosen year; on failure keeps what it had. */
static int
sheet_reload(struct ui *ui, struct sheet_screen *ss)
{
	struct sheet	*s;
	char		*cause = NULL;

	if (store_sheet_load(ui->store, ss->node_id, ui->fy, &s, &cause) < 0) {
		ui_error(ui, "%s", cause != NULL ? cause : "読み込めません");
		free(cause);
		return -1;
	}
	store_sheet_free(ss->s);
	ss->s = s;
	ss->loaded_fy = ui->fy;
	ss->layout_cols = 0;
	return 0;
}

static void *
sheet_open(struct ui *ui, const void *arg)
{
	struct sheet_screen	*ss;

	ss = xcalloc(1, sizeof *ss);
	ss->node_id = *(const long long *)arg;
	if (sheet_reload(ui, ss) < 0) {
		free(ss);
		return NULL;
	}
	return ss;
}

static void
sheet_close(struct ui *ui, void *state)
{
	struct sheet_screen	*ss = state;

	(void)ui;
	sheet_lines_clear(ss);
	free(ss->lines);
	store_sheet_free(ss->s);
	free(ss);
}

static void
sheet_clamp(struct sheet_screen *ss)
{
	long	max = (long)ss->nlines - ss->height;

	if (max < 0)
		max = 0;
	if (ss->top > max)
		ss->top = max;
	if (ss->top < 0)
		ss->top = 0;
}

/* Lays the sheet out again when the width, year or year display changed. */
static void
sheet_prepare(struct ui *ui, struct sheet_screen *ss)
{
	WINDOW	*w = ui_body(ui);
	int	 h, cols;

	getmaxyx(w, h, cols);
	if (ss->loaded_fy != ui->fy)
		sheet_reload(ui, ss);
	if (ss->layout_cols != cols || ss->layout_fy != ss->s->fy ||
	    ss->layout_style != (int)ui->fy_style)
		sheet_layout(ui, ss, cols);
	ss->height = h;
	if ((long)ss->nlines > h)
		ss->height = h - 1;	/* the last line tells the position */
	if (ss->height < 1)
		ss->height = 1;
	sheet_clamp(ss);
}

static void
sheet_draw(struct ui *ui, void *state)
{
	struct sheet_screen	*ss = state;
	WINDOW			*w = ui_body(ui);
	int			 h, cols, y;
	long			 i;
	char			 pos[96];

	sheet_prepare(ui, ss);
	getmaxyx(w, h, cols);
	werase(w);
	for (y = 0; y < ss->height; y++) {
		struct sheet_line	*l;

		i = ss->top + y;
		if (i >= (long)ss->nlines)
			break;
		l = &ss->lines[i];
		if (l->attr == UI_SELECT)
			ui_put(w, y, l->x, "", cols - l->x, 1,
			    ui_attr(ui, UI_SELECT));
		ui_put(w, y, l->x, l->text, cols - l->x, 0, ui_attr(ui, l->attr));
		if (l->x2 >= 0 && l->text2 != NULL && l->x2 < cols)
			ui_put(w, y, l->x2, l->text2, cols - l->x2, 0,
			    ui_attr(ui, l->attr2));
	}
	if ((long)ss->nlines > ss->height && h > 1) {
		snprintf(pos, sizeof pos, "-- %ld-%ld / %zu 行 --",
		    ss->top + 1, ss->top + ss->height < (long)ss->nlines ?
		    ss->top + ss->height : (long)ss->nlines, ss->nlines);
		ui_put(w, h - 1, 0, pos, cols, 1, ui_attr(ui, UI_DIM));
	}
}

/*
 * m and D on the sheet: the node itself or one of its indicators, chosen
 * from a list when it has any. Returns UI_KEY_CLOSE when the node itself
 * was deleted.
 */
static enum ui_key_result
sheet_planner(struct ui *ui, struct sheet_screen *ss, enum key_action act)
{
	struct sheet	*s = ss->s;
	char		**items;
	size_t		 i, n = s->nindicators + 1;
	int		 pick = 0;

	if (!screen_edit_allowed(ui, act == ACT_DELETE ? "計画の変更（削除）" :
	    act == ACT_ADD ? "計画の変更（追加）" : "計画の変更（修正）"))
		return UI_KEY_HANDLED;
	if (s->nindicators > 0) {
		items = xcalloc(n, sizeof *items);
		items[0] = xasprintf("この%s「%s」", s->level, s->title);
		for (i = 0; i < s->nindicators; i++)
			items[i + 1] = xasprintf("指標「%s」",
			    s->indicators[i].name);
		pick = ui_choose(ui, act == ACT_DELETE ? "削除するもの" :
		    "修正するもの（指標を選ぶと目標も修正できます）",
		    (const char *const *)items, (int)n, 0);
		for (i = 0; i < n; i++)
			free(items[i]);
		free(items);
	}
	if (pick < 0)
		return UI_KEY_HANDLED;
	if (act == ACT_MODIFY) {
		if (pick == 0)
			screen_edit_node(ui, ss->node_id);
		else
			screen_edit_indicator(ui, s->indicators[pick - 1].id);
		return UI_KEY_HANDLED;
	}
	if (pick == 0)
		return screen_edit_delete_node(ui, ss->node_id) ? UI_KEY_CLOSE :
		    UI_KEY_HANDLED;
	if (screen_edit_delete_indicator(ui, s->indicators[pick - 1].id)) {
		sheet_reload(ui, ss);
		sheet_prepare(ui, ss);
	}
	return UI_KEY_HANDLED;
}

/* Which of the sheet's indicators is meant: asked from a list when there
 * are several. Returns its index, or -1 (none, or cancelled). */
static int
sheet_pick_indicator_of(struct ui *ui, const struct sheet *s,
    const char *title)
{
	char		**items;
	size_t		 i;
	int		 pick;

	if (s->nindicators == 0) {
		ui_message(ui, "この%sには指標がありません", s->level);
		return -1;
	}
	if (s->nindicators == 1)
		return 0;
	items = xcalloc(s->nindicators, sizeof *items);
	for (i = 0; i < s->nindicators; i++)
		items[i] = xasprintf("%zu. %s", i + 1, s->indicators[i].name);
	pick = ui_choose(ui, title, (const char *const *)items,
	    (int)s->nindicators, 0);
	for (i = 0; i < s->nindicators; i++)
		free(items[i]);
	free(items);
	return pick;
}

static int
sheet_pick_indicator(struct ui *ui, struct sheet_screen *ss,
    const char *title)
{
	return sheet_pick_indicator_of(ui, ss->s, title);
}

/*
 * E on the sheet. A policy's sheet: the actual of one of its indicators
 * for the chosen year. An item's sheet: its results form, or, when some of
 * its indicators are reported on their own (by a department of their
 * own), a list of the result and those indicators.
 */
static void
sheet_edit_of(struct ui *ui, const struct sheet *s, long long node_id)
{
	struct actual_entry	*e;
	char			**items, *cause = NULL;
	long long		*ids;
	size_t			 i, n = 1;
	int			 pick;

	if (!s->is_item) {
		if (s->nindicators == 0) {
			ui_message(ui, "この%sには指標がありません（実績は取組ごとに"
			    "入力します）", s->level);
			return;
		}
		pick = sheet_pick_indicator_of(ui, s, "実績値を入力する指標");
		if (pick >= 0)
			screen_actual_enter(ui, s->indicators[pick].id, ui->fy);
		return;
	}
	items = xcalloc(s->nindicators + 1, sizeof *items);
	ids = xcalloc(s->nindicators + 1, sizeof *ids);
	items[0] = xstrdup("この取組の実績（状況・取組実績・評価・指標）");
	for (i = 0; i < s->nindicators; i++) {
		if (store_actual_load(ui->store, s->indicators[i].id, ui->fy, &e,
		    &cause) != 0) {
			free(cause);
			cause = NULL;
			continue;
		}
		if (e->own) {
			ids[n] = e->indicator_id;
			items[n++] = xasprintf("指標「%s」の実績値（報告: %s）",
			    e->name, e->ndepts > 0 ? e->depts[0].name :
			    "企画担当");
		}
		store_actual_free(e);
	}
	pick = n == 1 ? 0 : ui_choose(ui, "入力するもの",
	    (const char *const *)items, (int)n, 0);
	if (pick == 0)
		screen_sheet_edit(ui, node_id, 1, ui->fy);
	else if (pick > 0)
		screen_actual_enter(ui, ids[pick], ui->fy);
	for (i = 0; i < n; i++)
		free(items[i]);
	free(items);
	free(ids);
}

static void
sheet_edit(struct ui *ui, struct sheet_screen *ss)
{
	sheet_edit_of(ui, ss->s, ss->node_id);
}

void
screen_sheet_enter(struct ui *ui, long long node_id)
{
	struct sheet	*s = NULL;
	char		*cause = NULL;

	if (store_sheet_load(ui->store, node_id, ui->fy, &s, &cause) < 0) {
		ui_error(ui, "%s", cause != NULL ? cause : "読み込めません");
		free(cause);
		return;
	}
	sheet_edit_of(ui, s, node_id);
	store_sheet_free(s);
}

static enum ui_key_result
sheet_key(struct ui *ui, void *state, enum key_action act, int is_function,
    wint_t ch)
{
	struct sheet_screen	*ss = state;
	long			 page;
	int			 pick;

	(void)is_function;
	(void)ch;
	sheet_prepare(ui, ss);
	page = ss->height > 1 ? ss->height - 1 : 1;
	switch (act) {
	case ACT_UP:
		ss->top--;
		break;
	case ACT_DOWN:
		ss->top++;
		break;
	case ACT_PAGE_UP:
		ss->top -= page;
		break;
	case ACT_PAGE_DOWN:
		ss->top += page;
		break;
	case ACT_TOP:
		ss->top = 0;
		break;
	case ACT_BOTTOM:
		ss->top = (long)ss->nlines;
		break;
	case ACT_OPEN:
		if ((pick = sheet_pick_indicator(ui, ss, "開く指標")) >= 0)
			screen_indicator_open(ui, ss->s->indicators[pick].id);
		return UI_KEY_HANDLED;
	case ACT_EDIT:
		sheet_edit(ui, ss);
		return UI_KEY_HANDLED;
	case ACT_FILTER_MINE:
		screen_indicators_open(ui, ss->s->plan_id, 1);
		return UI_KEY_HANDLED;
	case ACT_HISTORY:
		screen_sheet_history(ui, ss->node_id, 0, 0);
		return UI_KEY_HANDLED;
	case ACT_FULLTEXT:
		screen_pager_node(ui, ss->node_id, ui->fy);
		return UI_KEY_HANDLED;
	case ACT_ADD:
		screen_edit_add(ui, ss->s->plan_id, ss->node_id);
		return UI_KEY_HANDLED;
	case ACT_MODIFY:
	case ACT_DELETE:
		return sheet_planner(ui, ss, act);
	default:
		return UI_KEY_UNHANDLED;
	}
	sheet_clamp(ss);
	return UI_KEY_HANDLED;
}

static void
sheet_refresh(struct ui *ui, void *state)
{
	struct sheet_screen	*ss = state;

	/* Re-read: the year may have changed, or an entry was saved. */
	sheet_reload(ui, ss);
	sheet_prepare(ui, ss);
}

static char *
sheet_title(struct ui *ui, void *state)
{
	struct sheet_screen	*ss = state;
	struct sheet		*s = ss->s;

	(void)ui;
	return xasprintf("%s > %s%s%s", s->plan_name, s->code,
	    *s->code != '\0' ? " " : "", s->title);
}

/* ? explains the trend bars in the glyphs drawn. */
static const char *const *
sheet_notes(struct ui *ui, size_t *n)
{
	return trend_legend(screen_sheet_trend_style(ui), n);
}

/* E first: what this sheet's E enters. */
static char *
sheet_hint(struct ui *ui, void *state)
{
	struct sheet_screen	*ss = state;
	char			 o[16], h[16], v[16], *e, *t;

	ui_key_name(ACT_OPEN, o, sizeof o);
	ui_key_name(ACT_HISTORY, h, sizeof h);
	ui_key_name(ACT_FULLTEXT, v, sizeof v);
	e = ui_edit_hint(ui);
	t = ss->s != NULL && ss->s->is_item ?
	    xasprintf("%s  %s:指標  %s:履歴  %s:全文", e, o, h, v) :
	    xasprintf("%s（指標）  %s:指標  %s:全文", e, o, v);
	free(e);
	return t;
}

const struct screen_ops screen_sheet_ops = {
	.name = "sheet",
	.actions = sheet_actions,
	.nactions = sizeof sheet_actions / sizeof sheet_actions[0],
	.open = sheet_open,
	.draw = sheet_draw,
	.key = sheet_key,
	.refresh = sheet_refresh,
	.close = sheet_close,
	.title = sheet_title,
	.notes = sheet_notes,
	.hint = sheet_hint,
	/* Another's save shows at once: the sheet is read again. */
	.changed = sheet_refresh
};

int
screen_sheet_pick_dept(struct ui *ui, long long plan_id,
    store_dept_ids_fn read, long long *dept_id, char **dept_name,
    long long **ids_out, size_t *nids_out)
{
	struct sheet_dept	*d;
	const char		**names, **codes;
	char			*cause = NULL, **labels;
	size_t			 n, i, nids;
	int			 pick, cur = 0, changed = 0;
	long long		*ids;

	if (store_plan_depts(ui->store, plan_id, ui->fy, &d, &n, &cause) < 0) {
		ui_error(ui, "%s", cause);
		free(cause);
		return 0;
	}
	if (n == 0) {
		ui_message(ui, "この計画には担当課がありません");
		free(d);
		return 0;
	}
	/* (Two of one name, each with its code: deptlabel.h.) */
	names = xcalloc(n + 1, sizeof *names);
	codes = xcalloc(n + 1, sizeof *codes);
	for (i = 0; i < n; i++) {
		names[i] = d[i].name;
		codes[i] = d[i].code;
		if (d[i].id == *dept_id)
			cur = (int)i + 1;
	}
	labels = dept_labels(names, codes, n);
	names[0] = "（すべて）";
	for (i = 0; i < n; i++)
		names[i + 1] = labels[i];
	pick = ui_choose(ui, "担当課で絞り込み", names, (int)n + 1, cur);
	dept_labels_free(labels, n);
	free(codes);
	if (pick == 0) {
		*dept_id = 0;
		free(*dept_name);
		*dept_name = NULL;
		changed = 1;
	} else if (pick > 0) {
		if (read != NULL && read(ui->store, plan_id, d[pick - 1].id,
		    ui->fy, &ids, &nids, &cause) < 0) {
			ui_error(ui, "%s", cause);
			free(cause);
		} else {
			if (read != NULL) {
				free(*ids_out);
				*ids_out = ids;
				*nids_out = nids;
			}
			*dept_id = d[pick - 1].id;
			free(*dept_name);
			*dept_name = xstrdup(d[pick - 1].name);
			changed = 1;
		}
	}
	free(names);
	store_depts_free(d, n);
	return changed;
}
