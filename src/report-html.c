/*
 * The progress report as one self-contained HTML file: inline CSS, no
 * script and no external resource, the system's Japanese fonts, a chart
 * per indicator (report-svg.c). It prints on A4: each basic policy starts
 * a new page, and the plan's and the policy's names are repeated at the
 * top of every page of it, as are the header rows of a table that runs
 * over a page. Every text from the database is escaped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/report.h"
#include "shisaku/util.h"

static const char html_style[] =
	"@page { size: A4; margin: 12mm 12mm 14mm 12mm; }\n"
	"html { font-family: \"Noto Sans CJK JP\", \"Hiragino Kaku Gothic ProN\","
	" \"Yu Gothic\", \"Meiryo\", sans-serif; font-size: 9pt; color: #222;"
	" line-height: 1.45; -webkit-print-color-adjust: exact;"
	" print-color-adjust: exact; }\n"
	"body { margin: 0 auto; max-width: 186mm; padding: 4mm; }\n"
	"h1 { font-size: 16pt; margin: 0 0 1mm; }\n"
	"h2 { font-size: 13pt; margin: 4mm 0 2mm; border-bottom: 0.6mm solid #2f4f7f;"
	" padding-bottom: 0.5mm; }\n"
	"h3 { font-size: 11.5pt; margin: 4mm 0 2mm; border-left: 1.5mm solid #2f4f7f;"
	" padding-left: 2mm; }\n"
	"h4 { font-size: 10.5pt; margin: 3mm 0 1.5mm; border-left: 1mm solid #7f9fcf;"
	" padding-left: 2mm; }\n"
	"h5, h6 { font-size: 10pt; margin: 3mm 0 1mm; background: #eef2f7;"
	" padding: 0.8mm 2mm; }\n"
	"h1, h2, h3, h4, h5, h6 { break-after: avoid; page-break-after: avoid; }\n"
	"p.sub { font-size: 12pt; margin: 0 0 3mm; }\n"
	"table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; }\n"
	"th, td { border: 0.25mm solid #9aa5b1; padding: 0.6mm 1.2mm;"
	" vertical-align: top; text-align: left; }\n"
	"th { background: #eef2f7; font-weight: bold; }\n"
	"thead { display: table-header-group; }\n"
	"tr { break-inside: avoid; page-break-inside: avoid; }\n"
	"td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }\n"
	"td.text { white-space: pre-line; }\n"
	"table.meta { width: auto; }\n"
	"table.counts { font-size: 7.5pt; }\n"
	"table.counts th { text-align: center; padding: 0.4mm 0.6mm; }\n"
	"table.counts thead tr + tr th { writing-mode: vertical-rl;"
	" text-orientation: upright; vertical-align: middle; }\n"
	"table.counts td { padding: 0.4mm 0.8mm; }\n"
	"table.counts td.name { white-space: normal; }\n"
	"table.counts tr.plan td { font-weight: bold; background: #f6f8fb; }\n"
	"table.counts tr.d2 td.name { padding-left: 3mm; }\n"
	"table.counts tr.d3 td.name { padding-left: 6mm; }\n"
	"table.counts tr.d4 td.name { padding-left: 9mm; }\n"
	"table.sheet { break-inside: avoid; page-break-inside: avoid; }\n"
	"table.sheet th { width: 22mm; }\n"
	"table.ind th { white-space: nowrap; }\n"
	"table.ind td.val { min-width: 4.5em; }\n"
	"table.ind { font-size: 8.5pt; }\n"
	"table.ind td.chart { width: 58mm; padding: 0.5mm; }\n"
	"table.ind .meta { color: #555; font-size: 7.5pt; }\n"
	"td.v0 { color: #1a7f37; font-weight: bold; }\n"
	"td.v1 { color: #b42318; font-weight: bold; }\n"
	"td.v2 { color: #6e5600; }\n"
	"td.v3, td.v4 { color: #666; }\n"
	".flag { display: inline-block; font-size: 8pt; font-weight: normal;"
	" border: 0.25mm solid #7f9fcf; border-radius: 1mm; padding: 0 1mm;"
	" margin-left: 2mm; }\n"
	".none { color: #888; }\n"
	"table.page, table.page > tbody > tr > td, table.page > thead > tr > th"
	" { border: none; padding: 0; margin: 0; background: none; }\n"
	"table.page > thead > tr > th { font-weight: normal; font-size: 7.5pt;"
	" color: #555; border-bottom: 0.25mm solid #9aa5b1; padding-bottom: 0.8mm; }\n"
	"section.policy, section.legend { break-before: page;"
	" page-break-before: always; }\n"
	"article.item { margin-bottom: 3mm; }\n"
	"ul.notes { padding-left: 5mm; }\n"
	"table.legend tr > :first-child { white-space: nowrap; width: 16mm; }\n";

void
report_html_escape(FILE *f, const char *s)
{
	const unsigned char	*p;

	if (s == NULL)
		return;
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		case '\t':
		case '\n':
			fputc(*p, f);
			break;
		default:
			if (*p >= 0x20 && *p != 0x7f)
				fputc(*p, f);
			break;
		}
	}
}

/* <tag attrs>escaped text</tag>; an empty text shows as a dimmed "-". */
static void
html_el(FILE *f, const char *tag, const char *attrs, const char *s)
{
	fprintf(f, "<%s%s%s>", tag, attrs[0] != '\0' ? " " : "", attrs);
	if (s == NULL || s[0] == '\0')
		fputs("<span class=\"none\">-</span>", f);
	else
		report_html_escape(f, s);
	fprintf(f, "</%s>", tag);
}

static void
html_el_free(FILE *f, const char *tag, const char *attrs, char *s)
{
	html_el(f, tag, attrs, s);
	free(s);
}

static int
html_hlevel(int level)
{
	return level < 1 ? 1 : level > 6 ? 6 : level;
}

/* The header rows of a counts table: the groups, then their cells. */
static void
html_counts_head(const struct report *r, FILE *f)
{
	struct report_cell	 cells[REPORT_MAX_CELLS];
	size_t			 n, k, span;
	int			 g;

	n = report_cells(r, &r->total, cells);
	fputs("<thead>\n<tr><th rowspan=\"2\">区分</th>", f);
	for (g = 0; g < REPORT_NGROUPS; g++) {
		for (span = 0, k = 0; k < n; k++)
			span += cells[k].group == (enum report_group)g;
		if (g == REPORT_G_ITEMS)
			html_el_free(f, "th", "rowspan=\"2\"", xasprintf("%s数",
			    report_group_label(r, REPORT_G_ITEMS)));
		else
			fprintf(f, "<th colspan=\"%zu\">%s</th>", span,
			    report_group_label(r, (enum report_group)g));
	}
	fputs("</tr>\n<tr>", f);
	for (k = 0; k < n; k++) {
		if (cells[k].group == REPORT_G_ITEMS)
			continue;
		fputs("<th title=\"", f);
		report_html_escape(f, cells[k].title);
		fputs("\">", f);
		report_html_escape(f, cells[k].label);
		fputs("</th>", f);
	}
	fputs("</tr>\n</thead>\n", f);
}

/* A row of counts; cls is "plan" or the node's depth ("d2"). */
static void
html_counts_row(const struct report *r, FILE *f, const char *cls,
    const char *name, const struct report_count *c)
{
	struct report_cell	 cells[REPORT_MAX_CELLS];
	size_t			 n, k;

	n = report_cells(r, c, cells);
	fprintf(f, "<tr class=\"%s\"><td class=\"name\">", cls);
	report_html_escape(f, name);
	fputs("</td>", f);
	for (k = 0; k < n; k++)
		fprintf(f, "<td class=\"num\">%ld</td>", cells[k].value);
	fputs("</tr>\n", f);
}

/* The counts of the plan (with_plan) or of node `from` and every heading
 * below it. */
static void
html_counts(const struct report *r, FILE *f, int with_plan, size_t from,
    size_t to)
{
	size_t	i;
	char	cls[8], *s;

	fputs("<table class=\"counts\">\n", f);
	html_counts_head(r, f);
	fputs("<tbody>\n", f);
	if (with_plan)
		html_counts_row(r, f, "plan", "計画全体", &r->total);
	for (i = from; i < to; i++) {
		if (r->t->nodes[i].is_item)
			continue;
		snprintf(cls, sizeof cls, "d%d", r->t->nodes[i].depth);
		s = report_node_heading(r, i);
		html_counts_row(r, f, cls, s, &r->counts[i]);
		free(s);
	}
	fputs("</tbody>\n</table>\n", f);
}

static void
html_indicators(const struct report *r, FILE *f, size_t first, size_t count)
{
	size_t	i;
	char	rate[16], buf[FY_BUFSZ], cls[32], *s;

	if (count == 0)
		return;
	fputs("<table class=\"ind\">\n<thead><tr><th>指標</th><th>基準値</th>"
	    "<th>目標</th><th>実績</th><th class=\"num\">達成率</th>"
	    "<th>判定</th><th>推移</th></tr></thead>\n<tbody>\n", f);
	for (i = first; i < first + count; i++) {
		const struct report_ind		*ri = &r->inds[i];
		const struct report_indicator	*in = ri->in;

		fputs("<tr><td>", f);
		report_html_escape(f, in->name);
		if (in->unit[0] != '\0') {
			fputs("（", f);
			report_html_escape(f, in->unit);
			fputs("）", f);
		}
		fputs("<div class=\"meta\">", f);
		if (in->category[0] != '\0') {
			report_html_escape(f, in->category);
			fputs("・", f);
		}
		fputs("方向 ", f);
		s = report_direction_text(ri);
		report_html_escape(f, s);
		free(s);
		fputs("</div></td>", f);
		s = report_value(&in->base, in->unit);
		if (s[0] != '\0' && in->base_fy) {
			char *t = xasprintf("%s（%s）", s,
			    report_fy(r, in->base_fy, buf));

			free(s);
			s = t;
		}
		html_el_free(f, "td", "class=\"val\"", s);
		html_el_free(f, "td", "class=\"val\"", report_target_text(r, ri));
		s = report_actual_text(r, ri);
		fputs("<td class=\"val\">", f);
		if (s[0] == '\0')
			fputs("<span class=\"none\">-</span>", f);
		report_html_escape(f, s);
		free(s);
		if (ri->actual != NULL && ri->actual->note[0] != '\0') {
			fputs("<div class=\"meta\">", f);
			report_html_escape(f, ri->actual->note);
			fputs("</div>", f);
		}
		fputs("</td>", f);
		html_el(f, "td", "class=\"num\"", report_rate_text(ri, rate,
		    sizeof rate));
		snprintf(cls, sizeof cls, "class=\"v%d\"", (int)ri->verdict);
		html_el(f, "td", cls, report_verdict_label(ri->verdict));
		fputs("<td class=\"chart\">", f);
		if (!report_svg_indicator(r, ri, f))
			fputs("<span class=\"none\">数値の値が無いためグラフなし</span>",
			    f);
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody>\n</table>\n", f);
}

static void
html_sheet_row(FILE *f, const char *label, const char *value)
{
	fputs("<tr>", f);
	html_el(f, "th", "", label);
	html_el(f, "td", "colspan=\"3\" class=\"text\"", value);
	fputs("</tr>\n", f);
}

static void
html_item(const struct report *r, FILE *f, size_t i)
{
	const struct browse_node	*n = &r->t->nodes[i];
	const struct report_node	*rn = &r->d->nodes[i];
	int				 h = html_hlevel(r->t->max_depth + 1);
	char				*s;

	fprintf(f, "<article class=\"item\">\n<h%d>", h);
	s = report_node_heading(r, i);
	report_html_escape(f, s);
	free(s);
	s = report_node_flags(r, i);
	if (s[0] != '\0') {
		fputs("<span class=\"flag\">", f);
		report_html_escape(f, s);
		fputs("</span>", f);
	}
	free(s);
	fprintf(f, "</h%d>\n<table class=\"sheet\"><tbody>\n<tr>", h);
	html_el(f, "th", "", "担当課");
	html_el_free(f, "td", "", report_node_depts(r, i));
	html_el(f, "th", "", "状況");
	html_el(f, "td", "", report_status_label(n->status));
	fputs("</tr>\n<tr>", f);
	html_el(f, "th", "", "評価");
	html_el_free(f, "td", "", report_grade_text(r, rn->grade));
	html_el(f, "th", "", "入力状況");
	html_el(f, "td", "", report_state_label(n->state));
	fputs("</tr>\n", f);
	if (rn->entered_by[0] != '\0' || rn->confirmed_by[0] != '\0') {
		fputs("<tr>", f);
		html_el(f, "th", "", "入力者");
		html_el(f, "td", "", rn->entered_by);
		html_el(f, "th", "", "確認者");
		html_el(f, "td", "", rn->confirmed_by);
		fputs("</tr>\n", f);
	}
	s = report_node_yearplan(r, i);
	html_sheet_row(f, "年次計画", s);
	free(s);
	html_sheet_row(f, "取組実績", rn->text);
	html_sheet_row(f, "課題・今後の方向性", rn->comment);
	fputs("</tbody></table>\n", f);
	html_indicators(r, f, r->ind_first[i], r->ind_count[i]);
	fputs("</article>\n", f);
}

/* A heading; a basic policy (with_counts) also gets the counts of itself
 * and of every heading below it, at the top of its pages. */
static void
html_heading(const struct report *r, FILE *f, size_t i, int with_counts)
{
	int	 h = html_hlevel(r->t->nodes[i].depth + 1);
	char	*s = report_node_heading(r, i);

	fprintf(f, "<h%d>", h);
	report_html_escape(f, s);
	fprintf(f, "</h%d>\n", h);
	free(s);
	if (with_counts)
		html_counts(r, f, 0, i, (size_t)r->t->nodes[i].end);
	if (r->counts[i].items == 0)
		fputs("<p class=\"none\">この年度に実施期間の取組はありません。</p>\n",
		    f);
	html_indicators(r, f, r->ind_first[i], r->ind_count[i]);
}

/*
 * A page of the printed report: a table whose header row (the plan, the
 * year and what the pages are about) the browser repeats at the top of
 * every printed page the section runs over.
 */
static void
html_page_open(const struct report *r, FILE *f, const char *cls,
    const char *what)
{
	char	*title = report_title(r);

	fprintf(f, "<section class=\"%s\">\n<table class=\"page\"><thead><tr><th>",
	    cls);
	report_html_escape(f, r->t->plan_name);
	fputs("　", f);
	report_html_escape(f, title);
	if (what != NULL && what[0] != '\0') {
		fputs("　／　", f);
		report_html_escape(f, what);
	}
	fputs("</th></tr></thead>\n<tbody><tr><td>\n", f);
	free(title);
}

static void
html_page_close(FILE *f)
{
	fputs("</td></tr></tbody></table>\n</section>\n", f);
}

static void
html_legend(const struct report *r, FILE *f)
{
	size_t	i;
	int	g;

	html_page_open(r, f, "legend", "凡例");
	fputs("<h2>凡例</h2>\n<h3>達成率の式（指標の方向ごと）</h3>\n"
	    "<table class=\"legend\"><thead><tr><th>方向</th><th>式</th></tr></thead><tbody>\n", f);
	for (i = 0; report_legend_directions[i].word != NULL; i++) {
		fputs("<tr>", f);
		html_el(f, "th", "", report_legend_directions[i].word);
		html_el(f, "td", "", report_legend_directions[i].rich);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n<h3>指標の判定</h3>\n"
	    "<table class=\"legend\"><thead><tr><th>判定</th><th>意味</th></tr></thead><tbody>\n", f);
	for (i = 0; report_legend_verdicts[i].word != NULL; i++) {
		fputs("<tr>", f);
		html_el(f, "th", "", report_legend_verdicts[i].word);
		html_el(f, "td", "", report_legend_verdicts[i].rich);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n<h3>評価</h3>\n"
	    "<table class=\"legend\"><thead><tr><th>評価</th><th>意味</th></tr></thead><tbody>\n", f);
	for (g = 0; g < r->ngrades; g++) {
		fputs("<tr>", f);
		html_el(f, "th", "", r->cfg->grades[g].key);
		html_el(f, "td", "", r->cfg->grades[g].label);
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n<h3>グラフ</h3>\n<p>"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"16\" height=\"10\""
	    " role=\"img\"><title>基準値</title><path d=\"M8 1 l4 4 l-4 4 l-4 -4 z\""
	    " fill=\"#777\"/></svg> 基準値（点線はその水準）　"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"24\" height=\"10\""
	    " role=\"img\"><title>目標値</title><path d=\"M1 5 H23\" fill=\"none\""
	    " stroke=\"#2f6fb3\" stroke-width=\"1.5\" stroke-dasharray=\"4 2\"/>"
	    "<circle cx=\"12\" cy=\"5\" r=\"2.5\" fill=\"#fff\" stroke=\"#2f6fb3\""
	    " stroke-width=\"1.2\"/></svg> 各年度の目標値　"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"24\" height=\"10\""
	    " role=\"img\"><title>実績値</title><path d=\"M1 5 H23\" fill=\"none\""
	    " stroke=\"#d9480f\" stroke-width=\"2\"/><circle cx=\"12\" cy=\"5\""
	    " r=\"3\" fill=\"#d9480f\"/></svg> この年度までの実績値（累計の指標は累計）"
	    "　縦の点線はこの報告の年度、左上の矢印は指標の方向。</p>\n"
	    "<h3>注</h3>\n<ul class=\"notes\">\n", f);
	for (i = 0; report_legend_notes[i] != NULL; i++)
		html_el(f, "li", "", report_legend_notes[i]);
	fputs("\n</ul>\n", f);
	html_page_close(f);
}

static void
html_head(const struct report *r, FILE *f)
{
	const struct browse_tree	*t = r->t;
	char				*title = report_title(r), *s;

	fputs("<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<title>", f);
	report_html_escape(f, t->plan_name);
	fputs(" ", f);
	report_html_escape(f, title);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", html_style);
	fputs("<header>\n<h1>", f);
	report_html_escape(f, t->plan_name);
	fputs("</h1>\n<p class=\"sub\">", f);
	report_html_escape(f, title);
	fputs("</p>\n<table class=\"meta\"><tbody><tr>", f);
	html_el(f, "th", "", "計画コード");
	html_el(f, "td", "", t->plan_code);
	s = report_period(r, t->first_fy, t->last_fy);
	html_el(f, "th", "", "計画期間");
	html_el_free(f, "td", "", s);
	if (r->d->plan_org[0] != '\0') {
		html_el(f, "th", "", "団体");
		html_el(f, "td", "", r->d->plan_org);
	}
	fputs("</tr></tbody></table>\n</header>\n", f);
	free(title);
}

int
report_write_html(const struct report *r, FILE *f)
{
	const struct browse_tree	*t = r->t;
	size_t				 i, done = 0;
	int				 open = 0;
	char				*s;

	html_head(r, f);
	fputs("<section class=\"overview\">\n<h2>概要</h2>\n", f);
	html_counts(r, f, 1, 0, t->nnodes);
	if (r->plan_inds > 0) {
		fputs("<h3>計画全体の指標</h3>\n", f);
		html_indicators(r, f, 0, r->plan_inds);
	}
	fputs("</section>\n", f);

	for (i = 0; i < t->nnodes; i++) {
		const struct browse_node *n = &t->nodes[i];

		if (!report_node_listed(r, i))
			continue;
		/* A basic policy (a heading at the top) starts a page. */
		if (n->depth == 1 && !n->is_item) {
			if (open)
				html_page_close(f);
			s = report_node_heading(r, i);
			html_page_open(r, f, "policy", s);
			free(s);
			open = 1;
			html_heading(r, f, i, 1);
			continue;
		}
		if (!open) {
			html_page_open(r, f, "policy", "");
			open = 1;
		}
		if (n->is_item) {
			html_item(r, f, i);
			if (r->progress != NULL)
				r->progress(r->progress_arg, ++done, r->nlisted);
		} else
			html_heading(r, f, i, 0);
	}
	if (open)
		html_page_close(f);
	html_legend(r, f);
	fputs("</body>\n</html>\n", f);
	return ferror(f) ? -1 : 0;
}
