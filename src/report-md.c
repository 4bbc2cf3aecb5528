/*
 * The progress report as Markdown (CommonMark with GitHub's tables): a
 * heading per policy at the depth of its level, the counts of the plan and
 * of every heading in one table, each item as a two-column table and its
 * indicators as a table. Every text from the database is escaped, so a
 * title with * _ < > | & or # is shown as written and never becomes
 * markup (< > & as entities, the rest with a backslash); line breaks
 * inside a cell are <br>.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/report.h"
#include "shisaku/util.h"

/* Writes s escaped for Markdown inline text: < > & as entities (so no
 * tag or entity of the text is ever read as one), other ASCII punctuation
 * that could start markup with a backslash; a newline becomes <br>
 * (nl_br) or a space; other control characters are dropped. */
static void
md_text(FILE *f, const char *s, int nl_br)
{
	const unsigned char	*p;

	if (s == NULL)
		return;
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '\n') {
			fputs(nl_br ? "<br>" : " ", f);
			continue;
		}
		if (*p == '\r')
			continue;
		if (*p == '\t') {
			fputc(' ', f);
			continue;
		}
		if (*p < 0x20 || *p == 0x7f)
			continue;
		if (*p == '<')
			fputs("&lt;", f);
		else if (*p == '>')
			fputs("&gt;", f);
		else if (*p == '&')
			fputs("&amp;", f);
		else {
			if (strchr("\\`*_[]|~#!", *p) != NULL)
				fputc('\\', f);
			fputc(*p, f);
		}
	}
}

/* A table cell: "-" when empty. */
static void
md_cell(FILE *f, const char *s)
{
	fputs(" ", f);
	if (s == NULL || s[0] == '\0')
		fputs("-", f);
	else
		md_text(f, s, 1);
	fputs(" |", f);
}

static void
md_cell_free(FILE *f, char *s)
{
	md_cell(f, s);
	free(s);
}

static void
md_heading(FILE *f, int level, const char *s)
{
	int	i;

	for (i = 0; i < level && i < 6; i++)
		fputc('#', f);
	fputc(' ', f);
	md_text(f, s, 0);
	fputs("\n\n", f);
}

/* The counts of the plan and of every heading, one row each. */
static void
md_counts(const struct report *r, FILE *f)
{
	struct report_cell	 cells[REPORT_MAX_CELLS];
	size_t			 n, i, k;
	char			*s;

	n = report_cells(r, &r->total, cells);
	fputs("| 区分 |", f);
	for (k = 0; k < n; k++) {
		if (strcmp(cells[k].label, "件数") == 0)
			s = xasprintf("%s数", report_group_label(r, cells[k].group));
		else
			s = xasprintf("%s・%s", report_group_label(r, cells[k].group),
			    cells[k].label);
		md_cell_free(f, s);
	}
	fputs("\n|---|", f);
	for (k = 0; k < n; k++)
		fputs("---:|", f);
	fputs("\n| 計画全体 |", f);
	for (k = 0; k < n; k++)
		fprintf(f, " %ld |", cells[k].value);
	fputc('\n', f);
	for (i = 0; i < r->t->nnodes; i++) {
		if (r->t->nodes[i].is_item)
			continue;
		fputc('|', f);
		md_cell_free(f, report_node_heading(r, i));
		n = report_cells(r, &r->counts[i], cells);
		for (k = 0; k < n; k++)
			fprintf(f, " %ld |", cells[k].value);
		fputc('\n', f);
	}
	fputc('\n', f);
}

static void
md_indicators(const struct report *r, FILE *f, size_t first, size_t count)
{
	size_t	i;
	char	rate[16], buf[FY_BUFSZ], *s;

	if (count == 0)
		return;
	fputs("| 指標 | 方向 | 基準値 | 目標 | 実績 | 達成率 | 判定 |\n"
	    "|---|---|---|---|---|---:|---|\n", f);
	for (i = first; i < first + count; i++) {
		const struct report_ind		*ri = &r->inds[i];
		const struct report_indicator	*in = ri->in;

		fputc('|', f);
		md_cell_free(f, in->unit[0] != '\0' ?
		    xasprintf("%s（%s）", in->name, in->unit) :
		    xstrdup(in->name));
		md_cell_free(f, report_direction_text(ri));
		s = report_value(&in->base, in->unit);
		if (s[0] != '\0' && in->base_fy) {
			char *t = xasprintf("%s（%s）", s,
			    report_fy(r, in->base_fy, buf));

			free(s);
			s = t;
		}
		md_cell_free(f, s);
		md_cell_free(f, report_target_text(r, ri));
		s = report_actual_text(r, ri);
		if (ri->actual != NULL && ri->actual->note[0] != '\0') {
			char *t = xasprintf("%s\n（%s）", s, ri->actual->note);

			free(s);
			s = t;
		}
		md_cell_free(f, s);
		md_cell(f, report_rate_text(ri, rate, sizeof rate));
		md_cell(f, report_verdict_label(ri->verdict));
		fputc('\n', f);
	}
	fputc('\n', f);
}

static void
md_row(FILE *f, const char *label, const char *value)
{
	fputc('|', f);
	md_cell(f, label);
	md_cell(f, value);
	fputc('\n', f);
}

static void
md_row_free(FILE *f, const char *label, char *value)
{
	md_row(f, label, value);
	free(value);
}

static void
md_item(const struct report *r, FILE *f, size_t i)
{
	const struct browse_node	*n = &r->t->nodes[i];
	const struct report_node	*rn = &r->d->nodes[i];
	char				*s;

	s = report_node_heading(r, i);
	md_heading(f, r->t->max_depth + 1, s);
	free(s);
	fputs("| 項目 | 内容 |\n|---|---|\n", f);
	s = report_node_flags(r, i);
	if (s[0] != '\0')
		md_row(f, "区分", s);
	free(s);
	md_row_free(f, "担当課", report_node_depts(r, i));
	md_row_free(f, "年次計画", report_node_yearplan(r, i));
	md_row(f, "状況", report_status_label(n->status));
	md_row_free(f, "評価", report_grade_text(r, rn->grade));
	md_row(f, "入力状況", report_state_label(n->state));
	if (rn->entered_by[0] != '\0')
		md_row(f, "入力者", rn->entered_by);
	if (rn->confirmed_by[0] != '\0')
		md_row(f, "確認者", rn->confirmed_by);
	md_row(f, "取組実績", rn->text);
	md_row(f, "課題・今後の方向性", rn->comment);
	fputc('\n', f);
	md_indicators(r, f, r->ind_first[i], r->ind_count[i]);
}

static void
md_legend(const struct report *r, FILE *f)
{
	size_t	i;
	int	g;

	md_heading(f, 2, "凡例");
	fputs("達成率の式（指標の方向ごと）\n\n| 方向 | 式 |\n|---|---|\n", f);
	for (i = 0; report_legend_directions[i].word != NULL; i++)
		md_row(f, report_legend_directions[i].word,
		    report_legend_directions[i].rich);
	fputs("\n指標の判定\n\n| 判定 | 意味 |\n|---|---|\n", f);
	for (i = 0; report_legend_verdicts[i].word != NULL; i++)
		md_row(f, report_legend_verdicts[i].word,
		    report_legend_verdicts[i].rich);
	fputs("\n評価\n\n| 評価 | 意味 |\n|---|---|\n", f);
	for (g = 0; g < r->ngrades; g++)
		md_row(f, r->cfg->grades[g].key, r->cfg->grades[g].label);
	fputc('\n', f);
	for (i = 0; report_legend_notes[i] != NULL; i++) {
		fputs("- ", f);
		md_text(f, report_legend_notes[i], 0);
		fputc('\n', f);
	}
}

int
report_write_md(const struct report *r, FILE *f)
{
	const struct browse_tree	*t = r->t;
	size_t				 i, done = 0;
	char				*s;

	md_heading(f, 1, t->plan_name);
	s = report_title(r);
	md_text(f, s, 0);
	free(s);
	fputs("\n\n- 計画コード: ", f);
	md_text(f, t->plan_code, 0);
	s = report_period(r, t->first_fy, t->last_fy);
	fputs("\n- 計画期間: ", f);
	md_text(f, s, 0);
	free(s);
	if (r->d->plan_org[0] != '\0') {
		fputs("\n- 団体: ", f);
		md_text(f, r->d->plan_org, 0);
	}
	fputs("\n\n", f);
	md_heading(f, 2, "概要");
	md_counts(r, f);
	if (r->plan_inds > 0) {
		md_heading(f, 3, "計画全体の指標");
		md_indicators(r, f, 0, r->plan_inds);
	}

	for (i = 0; i < t->nnodes; i++) {
		if (!report_node_listed(r, i))
			continue;
		if (t->nodes[i].is_item) {
			md_item(r, f, i);
			if (r->progress != NULL)
				r->progress(r->progress_arg, ++done, r->nlisted);
			continue;
		}
		s = report_node_heading(r, i);
		md_heading(f, t->nodes[i].depth + 1, s);
		free(s);
		if (r->counts[i].items == 0)
			fputs("この年度に実施期間の取組はありません。\n\n", f);
		md_indicators(r, f, r->ind_first[i], r->ind_count[i]);
	}
	md_legend(r, f);
	return ferror(f) ? -1 : 0;
}
