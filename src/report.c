/*
 * The progress report's content (see report.h): the counts of the plan
 * and of each heading, each indicator's target, actual and achievement
 * for the year, and the words, values and legend every format prints the
 * same way. The writers only lay this out.
 *
 * What is counted: the items in the year (their period, else the plan's,
 * includes it), and the indicators of the plan, of the headings and of
 * those items. An item's state is 未入力 when it has no result row.
 * An indicator's target is the year's; with none for the year it is the
 * final target, always labelled as such. Its verdict comes from
 * achieve_rate (the formula of achieve.c and shisaku(1)): achieved at
 * 100% or more; a text target or actual is judged by the grade instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/report.h"
#include "shisaku/util.h"
#include "shisaku/vocab.h"

int
report_format_parse(const char *name)
{
	if (name == NULL)
		return -1;
	if (strcmp(name, "text") == 0 || strcmp(name, "txt") == 0)
		return REPORT_TEXT;
	if (strcmp(name, "md") == 0 || strcmp(name, "markdown") == 0)
		return REPORT_MD;
	if (strcmp(name, "html") == 0)
		return REPORT_HTML;
	if (strcmp(name, "csv") == 0)
		return REPORT_CSV;
	return -1;
}

/* ---- the legend ---------------------------------------------------------- */

/* The words of achieve.c's formula, as shisaku(1) gives them. */
const struct report_legend report_legend_directions[] = {
	{ "増加",
	  "基準値があり 目標値 > 基準値 のとき (実績値 - 基準値) / (目標値 - 基準値) x 100、"
	  "それ以外は 実績値 / 目標値 x 100",
	  "基準値があり 目標値 > 基準値 のとき (実績値 − 基準値) ÷ (目標値 − 基準値) × 100、"
	  "それ以外は 実績値 ÷ 目標値 × 100" },
	{ "減少",
	  "基準値があり 目標値 < 基準値 のとき (基準値 - 実績値) / (基準値 - 目標値) x 100、"
	  "それ以外は 目標値 / 実績値 x 100",
	  "基準値があり 目標値 < 基準値 のとき (基準値 − 実績値) ÷ (基準値 − 目標値) × 100、"
	  "それ以外は 目標値 ÷ 実績値 × 100" },
	{ "維持",
	  "実績値 >= 目標値 なら 100、それ以外は 実績値 / 目標値 x 100",
	  "実績値 ≧ 目標値 なら 100、それ以外は 実績値 ÷ 目標値 × 100" },
	{ "以上",
	  "実績値 >= 目標値 なら 100、それ以外は 実績値 / 目標値 x 100",
	  "実績値 ≧ 目標値 なら 100、それ以外は 実績値 ÷ 目標値 × 100" },
	{ "以下",
	  "実績値 <= 目標値 なら 100、それ以外は 目標値 / 実績値 x 100",
	  "実績値 ≦ 目標値 なら 100、それ以外は 目標値 ÷ 実績値 × 100" },
	{ NULL, NULL, NULL }
};

const struct report_legend report_legend_verdicts[] = {
	[REPORT_ACHIEVED] = { "達成", "達成率が 100% 以上",
	    "達成率が 100% 以上" },
	[REPORT_NOT_ACHIEVED] = { "未達成", "達成率が 100% 未満",
	    "達成率が 100% 未満" },
	[REPORT_BY_GRADE] = { "評価で判断",
	    "実績値があり、目標値または実績値が文字（実施、月1回 など）の指標。"
	    "判定は評価による（式では計算しない）",
	    "実績値があり、目標値または実績値が文字（実施、月1回 など）の指標。"
	    "判定は評価による（式では計算しない）" },
	[REPORT_NO_DATA] = { "未入力",
	    "その年度の目標値（無ければ最終目標）または実績値が無い",
	    "その年度の目標値（無ければ最終目標）または実績値が無い" },
	[REPORT_NOT_COMPUTABLE] = { "算出不可",
	    "指標の方向が未設定、または 0 以下の値で割ることになる",
	    "指標の方向が未設定、または 0 以下の値で割ることになる" },
	[REPORT_NVERDICTS] = { NULL, NULL, NULL }
};

const char *const report_legend_notes[] = {
	"達成率は 0% から 999% の間に収める。基準値が文字の指標は基準値なしとして計算する。",
	"累計の指標は、基準年度の翌年度からその年度までの実績値の合計に基準値を加えた値を"
	"実績として目標値と比べる。",
	"その年度の目標値が無い指標は最終目標と比べ、「最終目標」と明記する。",
	"取組の件数は、実施期間にその年度を含む取組の数。実績の登録が無い取組は「未入力」。",
	NULL
};

const char *
report_verdict_label(enum report_verdict v)
{
	if ((int)v < 0 || v >= REPORT_NVERDICTS)
		return "";
	return report_legend_verdicts[v].word;
}

const char *
report_state_label(int state)
{
	static const char *const keys[REPORT_NSTATES] = {
		NULL, "draft", "submitted", "confirmed", "returned"
	};
	const char	*label;

	if (state <= 0 || state >= REPORT_NSTATES)
		return "未入力";
	label = vocab_label(VOCAB_STATE, keys[state]);
	return label != NULL ? label : keys[state];
}

/* Statuses are numbered in the vocabulary's order, NONE first
 * (enum browse_status). */
const char *
report_status_label(int status)
{
	const char	*key, *label;

	if (status <= 0 || status >= REPORT_NSTATUSES ||
	    (key = vocab_nth(VOCAB_STATUS, status - 1)) == NULL)
		return "未設定";
	label = vocab_label(VOCAB_STATUS, key);
	return label != NULL ? label : key;
}

/* The index of a grade in struct report_count.grade. */
static int
report_grade_index(const struct report *r, const char *grade)
{
	int	i;

	if (grade == NULL || grade[0] == '\0')
		return r->ngrades;
	for (i = 0; i < r->ngrades; i++)
		if (strcmp(r->cfg->grades[i].key, grade) == 0)
			return i;
	return r->ngrades + 1;
}

char *
report_grade_text(const struct report *r, const char *grade)
{
	const char	*label;

	if (grade == NULL || grade[0] == '\0')
		return xstrdup("未評価");
	if ((label = config_grade_label(r->cfg, grade)) == NULL)
		return xstrdup(grade);
	return xasprintf("%s %s", grade, label);
}

/* ---- years, values and nodes ---------------------------------------------- */

char *
report_fy(const struct report *r, int fy, char buf[FY_BUFSZ])
{
	return fy_format(fy, r->cfg->fy_style, buf, FY_BUFSZ);
}

char *
report_period(const struct report *r, int first, int last)
{
	return fy_format_span(first, last, r->cfg->fy_style);
}

char *
report_title(const struct report *r)
{
	char	buf[FY_BUFSZ];

	return xasprintf("%s 進捗状況報告", report_fy(r, r->fy, buf));
}

/* One place decides how a value is shown: as the screens show it
 * (value_display), so a number keeps the form the plan printed and one
 * typed without separators is grouped (78,200t-CO2). */
char *
report_value(const struct value *v, const char *unit)
{
	return value_display(v, unit);
}

char *
report_target_text(const struct report *r, const struct report_ind *ri)
{
	char	*v, *out, buf[FY_BUFSZ];

	if (ri->target == NULL)
		return xstrdup("");
	v = report_value(ri->target, ri->in->unit);
	if (!ri->target_is_final)
		return v;
	if (ri->target_fy)
		out = xasprintf("最終目標 %s（%s）", v,
		    report_fy(r, ri->target_fy, buf));
	else
		out = xasprintf("最終目標 %s", v);
	free(v);
	return out;
}

char *
report_actual_text(const struct report *r, const struct report_ind *ri)
{
	struct value	 total;
	char		*v, *t, *out;

	(void)r;
	if (ri->actual == NULL || ri->actual->v.kind == VALUE_NONE)
		return xstrdup("");
	v = report_value(&ri->actual->v, ri->in->unit);
	if (ri->has_running) {
		memset(&total, 0, sizeof total);
		total.kind = VALUE_NUMBER;
		total.num = ri->running;
		t = report_value(&total, ri->in->unit);
		out = xasprintf("%s（累計 %s）", v, t);
		free(v);
		free(t);
		v = out;
	}
	/* An actual of its own not yet confirmed says so. */
	if (ri->actual->state != NULL &&
	    strcmp(ri->actual->state, "confirmed") != 0) {
		out = xasprintf("%s（%s）", v, report_actual_state(ri));
		free(v);
		v = out;
	}
	return v;
}

const char *
report_actual_state(const struct report_ind *ri)
{
	const char	*label;

	if (ri->actual == NULL || ri->actual->state == NULL)
		return "";
	label = vocab_label(VOCAB_STATE, ri->actual->state);
	return label != NULL ? label : ri->actual->state;
}

char *
report_rate_text(const struct report_ind *ri, char *buf, size_t size)
{
	if (ri->rate < 0)
		snprintf(buf, size, "%s", "");
	else
		snprintf(buf, size, "%.1f%%", ri->rate);
	return buf;
}

char *
report_direction_text(const struct report_ind *ri)
{
	const char	*w = NULL;

	if (ri->in->direction != NULL)
		w = vocab_label(VOCAB_DIRECTION, ri->in->direction);
	return xasprintf("%s%s", w != NULL ? w : "未設定",
	    ri->in->cumulative ? "・累計" : "");
}

char *
report_node_heading(const struct report *r, size_t i)
{
	const struct browse_node	*n = &r->t->nodes[i];
	char				 buf[32];
	const char			*level;

	level = browse_level_name(r->t, n, buf);
	if (n->code[0] != '\0')
		return xasprintf("%s %s %s", level, n->code, n->title);
	return xasprintf("%s %s", level, n->title);
}

char *
report_node_path(const struct report *r, size_t i)
{
	long	 chain[8], p;
	int	 n = 0;
	char	*out = xstrdup(""), *t;

	for (p = r->t->nodes[i].parent; p >= 0 && n < 8;
	    p = r->t->nodes[p].parent)
		chain[n++] = p;
	while (n-- > 0) {
		const struct browse_node *a = &r->t->nodes[chain[n]];

		t = xasprintf("%s%s%s", out, out[0] != '\0' ? " " : "",
		    a->code[0] != '\0' ? a->code : a->title);
		free(out);
		out = t;
	}
	return out;
}

char *
report_node_depts(const struct report *r, size_t i)
{
	const struct browse_node	*n = &r->t->nodes[i];
	size_t				 k, mains = 0;
	char				*out = xstrdup(""), *t;
	int				 mark;

	for (k = 0; k < n->nassigns; k++)
		mains += n->assigns[k].is_main != 0;
	mark = n->nassigns > 1 && mains > 0 && mains < n->nassigns;
	for (k = 0; k < n->nassigns; k++) {
		t = xasprintf("%s%s%s%s", out, k > 0 ? "、" : "",
		    r->t->depts[n->assigns[k].dept].name,
		    mark && n->assigns[k].is_main ? "（主）" : "");
		free(out);
		out = t;
	}
	return out;
}

char *
report_node_flags(const struct report *r, size_t i)
{
	const struct browse_node	*n = &r->t->nodes[i];
	size_t				 f;
	char				*out = xstrdup(""), *t;

	for (f = 0; f < r->t->nflags; f++) {
		if (!(n->flags & ((uint64_t)1 << f)))
			continue;
		t = xasprintf("%s%s%s%s", out, out[0] != '\0' ? "、" : "",
		    r->t->flags[f].symbol, r->t->flags[f].label);
		free(out);
		out = t;
	}
	return out;
}

char *
report_node_yearplan(const struct report *r, size_t i)
{
	const struct report_node	*n = &r->d->nodes[i];
	size_t				 k;
	char				*out = xstrdup(""), *t, *period;

	for (k = 0; k < n->nyearplans; k++) {
		const struct report_yearplan *y = &n->yearplans[k];

		period = y->to_fy > y->from_fy ?
		    report_period(r, y->from_fy, y->to_fy) : xstrdup("");
		t = xasprintf("%s%s%s%s%s%s", out, k > 0 ? "\n" : "", y->text,
		    period[0] != '\0' ? "（" : "", period,
		    period[0] != '\0' ? "）" : "");
		free(period);
		free(out);
		out = t;
	}
	return out;
}

/* ---- counts ------------------------------------------------------------- */

const char *
report_group_label(const struct report *r, enum report_group g)
{
	static const char *const labels[REPORT_NGROUPS] = {
		"取組", "状況", "評価", "入力", "指標"
	};
	const char	*word;

	if (g == REPORT_G_ITEMS && r != NULL &&
	    *(word = browse_items_word(r->t)) != '\0')
		return word;
	return (int)g >= 0 && g < REPORT_NGROUPS ? labels[g] : "";
}

static void
report_cell_add(struct report_cell *cells, size_t *n, enum report_group g,
    const char *label, const char *title, long value)
{
	struct report_cell	*c = &cells[(*n)++];

	c->group = g;
	c->label = label;
	snprintf(c->title, sizeof c->title, "%s", title);
	c->value = value;
}

size_t
report_cells(const struct report *r, const struct report_count *c,
    struct report_cell *cells)
{
	char	title[96];
	size_t	n = 0;
	int	i;

	report_cell_add(cells, &n, REPORT_G_ITEMS, "件数", "件数", c->items);
	for (i = 1; i < REPORT_NSTATUSES; i++)
		report_cell_add(cells, &n, REPORT_G_STATUS,
		    report_status_label(i), report_status_label(i),
		    c->status[i]);
	report_cell_add(cells, &n, REPORT_G_STATUS, report_status_label(0),
	    report_status_label(0), c->status[0]);
	for (i = 0; i < r->ngrades; i++) {
		snprintf(title, sizeof title, "%s %s", r->cfg->grades[i].key,
		    r->cfg->grades[i].label);
		report_cell_add(cells, &n, REPORT_G_GRADE, r->cfg->grades[i].key,
		    title, c->grade[i]);
	}
	report_cell_add(cells, &n, REPORT_G_GRADE, "未評価", "未評価",
	    c->grade[r->ngrades]);
	if (r->other_grades)
		report_cell_add(cells, &n, REPORT_G_GRADE, "尺度外", "尺度外",
		    c->grade[r->ngrades + 1]);
	for (i = 0; i < REPORT_NSTATES; i++)
		report_cell_add(cells, &n, REPORT_G_STATE, report_state_label(i),
		    report_state_label(i), c->state[i]);
	report_cell_add(cells, &n, REPORT_G_INDICATORS, "件数", "件数",
	    c->indicators);
	for (i = 0; i < REPORT_NVERDICTS; i++)
		report_cell_add(cells, &n, REPORT_G_INDICATORS,
		    report_verdict_label((enum report_verdict)i),
		    report_verdict_label((enum report_verdict)i), c->verdict[i]);
	return n;
}

int
report_node_listed(const struct report *r, size_t i)
{
	const struct browse_node	*n = &r->t->nodes[i];

	return !n->is_item || n->in_year;
}

static const struct report_fyvalue *
report_fyvalue_find(const struct report_fyvalue *v, size_t n, int fy)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i].fy == fy)
			return &v[i];
	return NULL;
}

static enum achieve_dir
report_dir(const char *direction)
{
	int	d;

	if (direction == NULL)
		return ACHIEVE_DIR_UNKNOWN;
	d = achieve_dir_parse(direction);
	return d < 0 ? ACHIEVE_DIR_UNKNOWN : (enum achieve_dir)d;
}

/* The target, actual and achievement of one indicator in fy. */
static void
report_evaluate(struct report_ind *ri, int fy)
{
	const struct report_indicator	*in = ri->in;
	const struct report_fyvalue	*t, *a;
	struct achieve_input		 ain;
	struct value			 actual, *vals;
	int				*fys, n;
	double				 sum = 0;
	size_t				 i;

	t = report_fyvalue_find(in->targets, in->ntargets, fy);
	if (t != NULL && t->v.kind != VALUE_NONE) {
		ri->target = &t->v;
		ri->target_fy = fy;
	} else if (in->final.kind != VALUE_NONE) {
		ri->target = &in->final;
		ri->target_fy = in->final_fy;
		ri->target_is_final = 1;
	}
	a = report_fyvalue_find(in->actuals, in->nactuals, fy);
	ri->actual = a;
	memset(&actual, 0, sizeof actual);
	if (a != NULL)
		actual = a->v;
	if (in->cumulative && a != NULL && a->v.kind == VALUE_NUMBER) {
		/* Running totals: the sum of the years after the baseline. */
		fys = xcalloc(in->nactuals + 1, sizeof *fys);
		vals = xcalloc(in->nactuals + 1, sizeof *vals);
		for (i = 0; i < in->nactuals; i++) {
			fys[i] = in->actuals[i].fy;
			vals[i] = in->actuals[i].v;
		}
		n = achieve_sum_actuals(fys, vals, in->nactuals, in->base_fy, fy,
		    &sum);
		free(fys);
		free(vals);
		if (n > 0) {
			actual.num = sum;
			ri->has_running = 1;
			ri->running = sum + (in->base.kind == VALUE_NUMBER ?
			    in->base.num : 0);
		} else if (n < 0) {
			actual.kind = VALUE_TEXT;
			actual.text = NULL;
		}
	}
	memset(&ain, 0, sizeof ain);
	ain.dir = report_dir(in->direction);
	ain.cumulative = in->cumulative;
	ain.base = &in->base;
	ain.target = ri->target;
	ain.actual = &actual;
	ri->rate = achieve_rate(&ain, &ri->why);
	switch (ri->why) {
	case ACHIEVE_OK:
		ri->verdict = ri->rate >= 100 ? REPORT_ACHIEVED :
		    REPORT_NOT_ACHIEVED;
		break;
	case ACHIEVE_TEXT:
		/* A text target with no actual yet has nothing to judge:
		 * not entered, as the screens show it. */
		ri->verdict = actual.kind == VALUE_NONE ? REPORT_NO_DATA :
		    REPORT_BY_GRADE;
		break;
	case ACHIEVE_MISSING:
		ri->verdict = REPORT_NO_DATA;
		break;
	default:
		ri->verdict = REPORT_NOT_COMPUTABLE;
		break;
	}
}

static void
report_count_item(struct report *r, struct report_count *c, size_t i)
{
	const struct browse_node	*n = &r->t->nodes[i];

	c->items++;
	if ((int)n->state >= 0 && (int)n->state < REPORT_NSTATES)
		c->state[n->state]++;
	if ((int)n->status >= 0 && (int)n->status < REPORT_NSTATUSES)
		c->status[n->status]++;
	c->grade[report_grade_index(r, r->d->nodes[i].grade)]++;
}

static void
report_count_indicator(struct report_count *c, const struct report_ind *ri)
{
	c->indicators++;
	c->verdict[ri->verdict]++;
}

void
report_build(struct report *r, const struct report_data *d,
    const struct config *cfg)
{
	const struct browse_tree	*t = d->tree;
	size_t				 i;
	long				 p;

	memset(r, 0, sizeof *r);
	r->d = d;
	r->t = t;
	r->cfg = cfg;
	r->fy = t->fy;
	r->ngrades = cfg->ngrades < CONFIG_MAX_GRADES ? cfg->ngrades :
	    CONFIG_MAX_GRADES;
	r->counts = xcalloc(t->nnodes + 1, sizeof *r->counts);
	r->ind_first = xcalloc(t->nnodes + 1, sizeof *r->ind_first);
	r->ind_count = xcalloc(t->nnodes + 1, sizeof *r->ind_count);
	r->inds = xcalloc(d->nindicators + 1, sizeof *r->inds);

	for (i = 0; i < t->nnodes; i++) {
		if (!t->nodes[i].is_item || !t->nodes[i].in_year)
			continue;
		r->nlisted++;
		if (report_grade_index(r, d->nodes[i].grade) > r->ngrades)
			r->other_grades = 1;
		report_count_item(r, &r->total, i);
		for (p = (long)i; p >= 0; p = t->nodes[p].parent)
			report_count_item(r, &r->counts[p], (size_t)i);
	}
	for (i = 0; i < d->nindicators; i++) {
		struct report_ind	*ri = &r->inds[i];
		long			 node = d->indicators[i].node;

		ri->in = &d->indicators[i];
		report_evaluate(ri, r->fy);
		if (node < 0) {
			r->plan_inds++;
		} else {
			if (r->ind_count[node]++ == 0)
				r->ind_first[node] = i;
			if (!report_node_listed(r, (size_t)node))
				continue;
		}
		report_count_indicator(&r->total, ri);
		for (p = node; p >= 0; p = t->nodes[p].parent)
			report_count_indicator(&r->counts[p], ri);
	}
}

void
report_clear(struct report *r)
{
	free(r->counts);
	free(r->inds);
	free(r->ind_first);
	free(r->ind_count);
	memset(r, 0, sizeof *r);
}
