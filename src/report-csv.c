/*
 * The progress report as CSV for a spreadsheet: one row per item in the
 * year and one per indicator, in plan order, under one header row. The
 * first column says which a row is; an indicator's row names the node it
 * is set on (or the plan). Values are written without their unit (the
 * unit has its column) so a spreadsheet reads numbers as numbers; years
 * are western years. The caller chooses line endings and a BOM here, and
 * converts to CP932 afterwards, as the [export] settings say.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/csv.h"
#include "shisaku/outfile.h"
#include "shisaku/report.h"
#include "shisaku/util.h"
#include "shisaku/vocab.h"

static const char *const csv_columns[] = {
	"種別", "年度", "計画コード", "階層", "コード", "名称", "上位",
	"担当課", "区分", "状況", "評価", "評価の意味", "入力状況", "年次計画",
	"取組実績", "課題・今後の方向性", "指標", "指標の種類", "単位", "方向",
	"累計", "基準値", "基準年度", "目標値", "目標年度", "目標の種類",
	"実績値", "実績の注記", "実績の入力状況", "累計実績", "達成率", "判定",
	"入力者", "確認者",
	NULL
};

static void
csv_field_free(struct csv_writer *w, char *s)
{
	csv_write_field(w, s);
	free(s);
}

static void
csv_year(struct csv_writer *w, int fy)
{
	if (fy)
		csv_write_int(w, fy);
	else
		csv_write_field(w, "");
}

/* The columns that place a row: kind, year, plan, then the node. */
static void
csv_place(const struct report *r, struct csv_writer *w, const char *kind,
    long node)
{
	char	buf[32];

	csv_write_field(w, kind);
	csv_write_int(w, r->fy);
	csv_write_field(w, r->t->plan_code);
	if (node < 0) {
		csv_write_field(w, "計画");
		csv_write_field(w, "");
		csv_write_field(w, r->t->plan_name);
		csv_write_field(w, "");
		csv_write_field(w, "");
		csv_write_field(w, "");
		return;
	}
	csv_write_field(w, browse_level_name(r->t, &r->t->nodes[node], buf));
	csv_write_field(w, r->t->nodes[node].code);
	csv_write_field(w, r->t->nodes[node].title);
	csv_field_free(w, report_node_path(r, (size_t)node));
	csv_field_free(w, report_node_depts(r, (size_t)node));
	csv_field_free(w, report_node_flags(r, (size_t)node));
}

static void
csv_blank(struct csv_writer *w, int n)
{
	while (n-- > 0)
		csv_write_field(w, "");
}

static void
csv_item(const struct report *r, struct csv_writer *w, size_t i)
{
	const struct browse_node	*n = &r->t->nodes[i];
	const struct report_node	*rn = &r->d->nodes[i];
	const char			*label;

	csv_place(r, w, "取組", (long)i);
	csv_write_field(w, report_status_label(n->status));
	csv_write_field(w, rn->grade != NULL ? rn->grade : "");
	label = rn->grade != NULL ? config_grade_label(r->cfg, rn->grade) : NULL;
	csv_write_field(w, rn->grade == NULL ? "未評価" :
	    label != NULL ? label : "");
	csv_write_field(w, report_state_label(n->state));
	csv_field_free(w, report_node_yearplan(r, i));
	csv_write_field(w, rn->text);
	csv_write_field(w, rn->comment);
	csv_blank(w, 16);
	csv_write_field(w, rn->entered_by);
	csv_write_field(w, rn->confirmed_by);
	csv_end_row(w);
}

static void
csv_indicator(const struct report *r, struct csv_writer *w,
    const struct report_ind *ri)
{
	const struct report_indicator	*in = ri->in;
	const char			*dir = NULL;
	struct value			 total;
	char				 rate[16];

	csv_place(r, w, "指標", in->node);
	csv_blank(w, 7);
	csv_write_field(w, in->name);
	csv_write_field(w, in->category);
	csv_write_field(w, in->unit);
	if (in->direction != NULL)
		dir = vocab_label(VOCAB_DIRECTION, in->direction);
	csv_write_field(w, dir != NULL ? dir : "");
	csv_write_field(w, in->cumulative ? "累計" : "");
	csv_field_free(w, value_format(&in->base, NULL, 0));
	csv_year(w, in->base.kind != VALUE_NONE ? in->base_fy : 0);
	csv_field_free(w, value_format(ri->target, NULL, 0));
	csv_year(w, ri->target != NULL ? ri->target_fy : 0);
	csv_write_field(w, ri->target == NULL ? "" : ri->target_is_final ?
	    "最終目標" : "当年度");
	csv_field_free(w, ri->actual != NULL ?
	    value_format(&ri->actual->v, NULL, 0) : xstrdup(""));
	csv_write_field(w, ri->actual != NULL ? ri->actual->note : "");
	csv_write_field(w, report_actual_state(ri));
	if (ri->has_running) {
		memset(&total, 0, sizeof total);
		total.kind = VALUE_NUMBER;
		total.num = ri->running;
		csv_field_free(w, value_format(&total, NULL, 0));
	} else
		csv_write_field(w, "");
	if (ri->rate >= 0)
		snprintf(rate, sizeof rate, "%.1f", ri->rate);
	else
		rate[0] = '\0';
	csv_write_field(w, rate);
	csv_write_field(w, report_verdict_label(ri->verdict));
	csv_blank(w, 2);
	csv_end_row(w);
}

static void
csv_indicators(const struct report *r, struct csv_writer *w, size_t first,
    size_t count)
{
	size_t	i;

	for (i = first; i < first + count; i++)
		csv_indicator(r, w, &r->inds[i]);
}

int
report_write_csv(const struct report *r, FILE *f, const char *eol, int bom)
{
	struct csv_writer	 w;
	size_t			 i, done = 0;

	if (bom)
		fputs(OUTFILE_BOM, f);
	csv_writer_init(&w, f, ',', eol);
	for (i = 0; csv_columns[i] != NULL; i++)
		csv_write_field(&w, csv_columns[i]);
	csv_end_row(&w);
	csv_indicators(r, &w, 0, r->plan_inds);
	for (i = 0; i < r->t->nnodes; i++) {
		if (!report_node_listed(r, i))
			continue;
		if (r->t->nodes[i].is_item) {
			csv_item(r, &w, i);
			if (r->progress != NULL)
				r->progress(r->progress_arg, ++done, r->nlisted);
		}
		csv_indicators(r, &w, r->ind_first[i], r->ind_count[i]);
	}
	return ferror(f) ? -1 : 0;
}
