/*
 * The progress report as plain text for a terminal or a printer: no line
 * is wider than 80 columns, a double-width character counting two
 * (textwidth.h), labels padded by columns so values line up, long texts
 * wrapped by columns. Markers and rules are ASCII so that the layout does
 * not depend on how a terminal draws ambiguous-width symbols.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/report.h"
#include "shisaku/textwidth.h"
#include "shisaku/util.h"

#define TX_WIDTH	80
#define TX_LABEL	14	/* item fields: "課題・方向性" and a gap */
#define TX_SUMLABEL	6	/* counts: "状況" and a gap */

static void
tx_rule(FILE *f, char c)
{
	int	i;

	for (i = 0; i < TX_WIDTH; i++)
		fputc(c, f);
	fputc('\n', f);
}

/* Appends to line the bytes s[0 .. len) cut to cols columns, with tabs
 * and newlines as spaces and control characters dropped. */
static char *
tx_append(char *line, const char *s, size_t len, int cols)
{
	char	*seg = xstrndup(s, len), *out, *t;
	size_t	 size = len * 3 + 4;

	out = xmalloc(size);
	tw_fit(seg, cols, 0, 0, out, size);
	t = xasprintf("%s%s", line, out);
	free(out);
	free(seg);
	free(line);
	return t;
}

/* Prints a line without its trailing blanks. */
static void
tx_emit(FILE *f, const char *line)
{
	size_t	n = strlen(line);

	while (n > 0 && line[n - 1] == ' ')
		n--;
	fwrite(line, 1, n, f);
	fputc('\n', f);
}

/*
 * Prints text wrapped to the columns left after indent and a label padded
 * to labelw: the label on the first line, the continuation lines indented
 * under the text. An empty text prints "-". A label too wide for labelw
 * gets a line of its own.
 */
static void
tx_field(FILE *f, int indent, const char *label, int labelw, const char *text)
{
	size_t	 n, i, *starts, *lens;
	int	 cols = TX_WIDTH - indent - labelw;
	char	 pad[256], *line;

	if (text == NULL || text[0] == '\0')
		text = "-";
	if (labelw > 0 && tw_width(label) >= labelw) {
		line = xasprintf("%*s", indent, "");
		line = tx_append(line, label, strlen(label), TX_WIDTH - indent);
		tx_emit(f, line);
		free(line);
		label = "";
	}
	n = tw_wrap(text, cols, NULL, NULL, 0);
	starts = xcalloc(n + 1, sizeof *starts);
	lens = xcalloc(n + 1, sizeof *lens);
	tw_wrap(text, cols, starts, lens, n);
	for (i = 0; i < n; i++) {
		size_t	plen, size = lens[i] * 3 + 4;
		char	*seg = xstrndup(text + starts[i], lens[i]);

		/* One line built in place: the report writes thousands. */
		tw_fit(i == 0 ? label : "", labelw, 1, 0, pad, sizeof pad);
		plen = strlen(pad);
		line = xmalloc((size_t)indent + plen + size + 1);
		memset(line, ' ', (size_t)indent);
		memcpy(line + indent, pad, plen);
		tw_fit(seg, cols, 0, 0, line + indent + plen, size);
		tx_emit(f, line);
		free(line);
		free(seg);
	}
	free(starts);
	free(lens);
}

/*
 * Lays tokens ("達成 3") out after a label, two spaces apart, starting a
 * new line under the first token when the next would pass the width.
 */
struct tx_flow {
	FILE	*f;
	int	 indent, labelw, used;
	char	*line;
	const char *label;
};

static void
tx_flow_start(struct tx_flow *fl, FILE *f, int indent, const char *label,
    int labelw)
{
	fl->f = f;
	fl->indent = indent;
	fl->labelw = labelw;
	fl->label = label;
	fl->used = 0;
	fl->line = xstrdup("");
}

static void
tx_flow_flush(struct tx_flow *fl)
{
	if (fl->used == 0 && fl->label == NULL)
		return;
	tx_field(fl->f, fl->indent, fl->label != NULL ? fl->label : "",
	    fl->labelw, fl->line);
	fl->label = NULL;
	free(fl->line);
	fl->line = xstrdup("");
	fl->used = 0;
}

static void
tx_flow_add(struct tx_flow *fl, const char *token)
{
	int	 cols = TX_WIDTH - fl->indent - fl->labelw, w = tw_width(token);
	char	*t;

	if (fl->used > 0 && fl->used + 2 + w > cols)
		tx_flow_flush(fl);
	t = xasprintf("%s%s%s", fl->line, fl->used > 0 ? "  " : "", token);
	free(fl->line);
	fl->line = t;
	fl->used += (fl->used > 0 ? 2 : 0) + w;
	if (fl->used > cols)		/* one token wider than a line */
		tx_flow_flush(fl);
}

static void
tx_flow_addf(struct tx_flow *fl, const char *label, const char *value)
{
	char	*t = xasprintf("%s %s", label, value[0] != '\0' ? value : "-");

	tx_flow_add(fl, t);
	free(t);
}

static void
tx_flow_end(struct tx_flow *fl)
{
	if (fl->used > 0 || fl->label != NULL)
		tx_flow_flush(fl);
	free(fl->line);
}

/* The counts of the plan or of a heading. */
static void
tx_counts(const struct report *r, FILE *f, int indent,
    const struct report_count *c)
{
	struct report_cell	 cells[REPORT_MAX_CELLS];
	struct tx_flow		 fl;
	size_t			 n, i;
	int			 g, labelw;
	char			 buf[128];

	n = report_cells(r, c, cells);
	/* The labels' column holds the plan's word for its items
	 * (取組内容 2件), the other groups' labels in line with it. */
	labelw = tw_width(report_group_label(r, REPORT_G_ITEMS)) + 2;
	if (labelw < TX_SUMLABEL)
		labelw = TX_SUMLABEL;
	if (labelw > TX_LABEL)
		labelw = TX_LABEL;
	for (g = 0; g < REPORT_NGROUPS; g++) {
		tx_flow_start(&fl, f, indent, report_group_label(r,
		    (enum report_group)g), labelw);
		for (i = 0; i < n; i++) {
			if (cells[i].group != (enum report_group)g)
				continue;
			if (strcmp(cells[i].label, "件数") == 0)
				snprintf(buf, sizeof buf, "%ld件", cells[i].value);
			else
				snprintf(buf, sizeof buf, "%s %ld",
				    cells[i].title, cells[i].value);
			tx_flow_add(&fl, buf);
		}
		tx_flow_end(&fl);
	}
}

static void
tx_indicator(const struct report *r, FILE *f, int indent,
    const struct report_ind *ri)
{
	const struct report_indicator	*in = ri->in;
	struct tx_flow			 fl;
	char				*s, *t, buf[FY_BUFSZ], rate[16];

	s = in->unit[0] != '\0' ? xasprintf("%s（%s）", in->name, in->unit) :
	    xstrdup(in->name);
	tx_field(f, indent, "指標", TX_LABEL, s);
	free(s);

	tx_flow_start(&fl, f, indent, "", TX_LABEL);
	if (in->category[0] != '\0')
		tx_flow_addf(&fl, "区分", in->category);
	s = report_direction_text(ri);
	tx_flow_addf(&fl, "方向", s);
	free(s);
	s = report_value(&in->base, in->unit);
	if (s[0] != '\0' && in->base_fy) {
		t = xasprintf("%s（%s）", s, report_fy(r, in->base_fy, buf));
		free(s);
		s = t;
	}
	tx_flow_addf(&fl, "基準値", s);
	free(s);
	s = report_target_text(r, ri);
	tx_flow_addf(&fl, "目標", s);
	free(s);
	s = report_actual_text(r, ri);
	tx_flow_addf(&fl, "実績", s);
	free(s);
	if (ri->actual != NULL && ri->actual->note[0] != '\0')
		tx_flow_addf(&fl, "注記", ri->actual->note);
	if (ri->rate >= 0)
		tx_flow_addf(&fl, "達成率", report_rate_text(ri, rate,
		    sizeof rate));
	tx_flow_addf(&fl, "判定", report_verdict_label(ri->verdict));
	tx_flow_end(&fl);
}

static void
tx_indicators(const struct report *r, FILE *f, int indent, size_t first,
    size_t count)
{
	size_t	i;

	for (i = first; i < first + count; i++)
		tx_indicator(r, f, indent, &r->inds[i]);
}

static void
tx_item(const struct report *r, FILE *f, size_t i)
{
	const struct browse_node	*n = &r->t->nodes[i];
	const struct report_node	*rn = &r->d->nodes[i];
	char				*s, *h;

	h = report_node_heading(r, i);
	tx_field(f, 2, "*", 2, h);
	free(h);
	s = report_node_flags(r, i);
	if (s[0] != '\0')
		tx_field(f, 4, "区分", TX_LABEL, s);
	free(s);
	s = report_node_depts(r, i);
	tx_field(f, 4, "担当課", TX_LABEL, s);
	free(s);
	s = report_node_yearplan(r, i);
	tx_field(f, 4, "年次計画", TX_LABEL, s);
	free(s);
	tx_field(f, 4, "状況", TX_LABEL, report_status_label(n->status));
	s = report_grade_text(r, rn->grade);
	tx_field(f, 4, "評価", TX_LABEL, s);
	free(s);
	tx_field(f, 4, "入力状況", TX_LABEL, report_state_label(n->state));
	if (rn->entered_by[0] != '\0')
		tx_field(f, 4, "入力者", TX_LABEL, rn->entered_by);
	if (rn->confirmed_by[0] != '\0')
		tx_field(f, 4, "確認者", TX_LABEL, rn->confirmed_by);
	tx_field(f, 4, "取組実績", TX_LABEL, rn->text);
	tx_field(f, 4, "課題・方向性", TX_LABEL, rn->comment);
	tx_indicators(r, f, 4, r->ind_first[i], r->ind_count[i]);
	fputc('\n', f);
}

static void
tx_heading(const struct report *r, FILE *f, size_t i)
{
	const struct browse_node	*n = &r->t->nodes[i];
	char				*h;

	tx_rule(f, n->depth == 1 ? '=' : n->depth == 2 ? '-' : '.');
	h = report_node_heading(r, i);
	tx_field(f, 0, "", 0, h);
	free(h);
	if (n->depth <= 2)
		tx_rule(f, n->depth == 1 ? '=' : '-');
	fputc('\n', f);
	tx_counts(r, f, 2, &r->counts[i]);
	if (r->counts[i].items == 0)
		tx_field(f, 2, "", 0, "この年度に実施期間の取組はありません");
	if (r->ind_count[i] > 0) {
		fputc('\n', f);
		tx_indicators(r, f, 2, r->ind_first[i], r->ind_count[i]);
	}
	fputc('\n', f);
}

static void
tx_legend(const struct report *r, FILE *f)
{
	size_t	i;
	int	g;

	tx_rule(f, '=');
	fputs("凡例\n", f);
	tx_rule(f, '=');
	fputs("\n達成率の式（指標の方向ごと）\n", f);
	for (i = 0; report_legend_directions[i].word != NULL; i++)
		tx_field(f, 2, report_legend_directions[i].word, 8,
		    report_legend_directions[i].plain);
	fputs("\n指標の判定\n", f);
	for (i = 0; report_legend_verdicts[i].word != NULL; i++)
		tx_field(f, 2, report_legend_verdicts[i].word, 12,
		    report_legend_verdicts[i].plain);
	fputs("\n評価\n", f);
	for (g = 0; g < r->ngrades; g++)
		tx_field(f, 2, r->cfg->grades[g].key, 8, r->cfg->grades[g].label);
	fputs("\n注\n", f);
	for (i = 0; report_legend_notes[i] != NULL; i++)
		tx_field(f, 2, "-", 2, report_legend_notes[i]);
}

int
report_write_text(const struct report *r, FILE *f)
{
	const struct browse_tree	*t = r->t;
	size_t				 i, done = 0;
	char				*s;

	tx_rule(f, '=');
	tx_field(f, 0, "", 0, t->plan_name);
	s = report_title(r);
	tx_field(f, 0, "", 0, s);
	free(s);
	tx_rule(f, '=');
	tx_field(f, 0, "計画コード", 12, t->plan_code);
	s = report_period(r, t->first_fy, t->last_fy);
	tx_field(f, 0, "計画期間", 12, s);
	free(s);
	if (r->d->plan_org[0] != '\0')
		tx_field(f, 0, "団体", 12, r->d->plan_org);
	fputc('\n', f);
	fputs("計画全体\n", f);
	tx_counts(r, f, 2, &r->total);
	if (r->plan_inds > 0) {
		fputc('\n', f);
		tx_indicators(r, f, 2, 0, r->plan_inds);
	}
	fputc('\n', f);

	for (i = 0; i < t->nnodes; i++) {
		if (!report_node_listed(r, i))
			continue;
		if (!t->nodes[i].is_item) {
			tx_heading(r, f, i);
			continue;
		}
		tx_item(r, f, i);
		if (r->progress != NULL)
			r->progress(r->progress_arg, ++done, r->nlisted);
	}
	tx_legend(r, f);
	return ferror(f) ? -1 : 0;
}
