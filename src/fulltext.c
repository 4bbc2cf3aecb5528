/*
 * The full text of a node or a plan for the pager (see fulltext.h): the
 * texts the sheet shows in pieces, whole and in the sheet's order, so
 * that a long 概要, a bullet list of 手段 or a 基本方針's description
 * can be read and searched from any list. Tables (targets, actuals, the
 * cost trend) stay on the sheet; here are the words.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/config.h"
#include "shisaku/fulltext.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-sheet.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/vocab.h"

/* Columns the texts under a heading are indented by. */
#define FT_TEXT 2
#define FT_SUB 4
#define FT_SUBTEXT 6

/* "code title" or the title alone (malloc'd). */
static char *
ft_named(const char *level, const char *code, const char *title)
{
	return xasprintf("%s%s%s%s%s", level != NULL ? level : "",
	    level != NULL && *level != '\0' ? " " : "", code,
	    *code != '\0' ? " " : "", title);
}

static void
ft_heading(struct pager_doc *d, const char *heading)
{
	pager_blank(d);
	pager_add(d, PAGER_HEADING, 0, heading);
}

/* A dim "name: value" line, when value is not empty. */
static void
ft_fact(struct pager_doc *d, const char *name, const char *value)
{
	char	*line;

	if (value == NULL || *value == '\0')
		return;
	line = xasprintf("%s: %s", name, value);
	pager_add(d, PAGER_DIM, FT_TEXT, line);
	free(line);
}

/* "総務課（主）、企画課" as of the sheet's year (malloc'd). */
static char *
ft_depts(const struct sheet *s)
{
	char	*out = xstrdup(""), *t;
	size_t	 i;

	for (i = 0; i < s->ndepts; i++) {
		t = xasprintf("%s%s%s%s", out, i > 0 ? "、" : "",
		    s->depts[i].name, s->depts[i].is_main && s->ndepts > 1 ?
		    "（主）" : "");
		free(out);
		out = t;
	}
	return out;
}

static char *
ft_flags(const struct sheet *s)
{
	char	*out = xstrdup(""), *t;
	size_t	 i;

	for (i = 0; i < s->nflags; i++) {
		t = xasprintf("%s%s%s%s", out, i > 0 ? "、" : "",
		    s->flags[i].symbol, s->flags[i].label);
		free(out);
		out = t;
	}
	return out;
}

/* A value with its unit and year: "12件（令和4年度）", or "" (malloc'd). */
static char *
ft_value(const struct value *v, const char *unit, int fy, enum fy_style style)
{
	char	*t, *out, buf[FY_BUFSZ];

	if (v->kind == VALUE_NONE)
		return xstrdup("");
	t = value_format(v, unit, 1);
	out = fy != 0 ? xasprintf("%s（%s）", t, fy_format(fy, style, buf,
	    sizeof buf)) : xstrdup(t);
	free(t);
	return out;
}

static void
ft_indicator(struct pager_doc *d, const struct sheet_indicator *in,
    size_t no, enum fy_style style)
{
	const char	*dir = vocab_label(VOCAB_DIRECTION, in->direction);
	char		*line, *base, *final;

	line = xasprintf("%zu. %s", no, in->name);
	pager_add(d, PAGER_LABEL, FT_TEXT, line);
	free(line);
	line = xasprintf("区分: %s  単位: %s  方向: %s%s",
	    *in->category != '\0' ? in->category : "-",
	    *in->unit != '\0' ? in->unit : "-", dir != NULL ? dir : "不明",
	    in->cumulative ? "  累計" : "");
	pager_add(d, PAGER_DIM, FT_SUB, line);
	free(line);
	base = ft_value(&in->base, in->unit, in->base_fy, style);
	final = ft_value(&in->final, in->unit, in->final_fy, style);
	line = xasprintf("基準値: %s  最終目標: %s", *base ? base : "-",
	    *final ? final : "-");
	pager_add(d, PAGER_DIM, FT_SUB, line);
	free(line);
	free(base);
	free(final);
	if (*in->rationale != '\0') {
		pager_add(d, PAGER_LABEL, FT_SUB, "指標の考え方");
		pager_add(d, PAGER_TEXT, FT_SUBTEXT, in->rationale);
	}
	if (*in->note != '\0') {
		pager_add(d, PAGER_LABEL, FT_SUB, "備考");
		pager_add(d, PAGER_TEXT, FT_SUBTEXT, in->note);
	}
}

static void
ft_result(struct pager_doc *d, const struct sheet *s, enum fy_style style,
    const struct config *c)
{
	const struct sheet_result	*r = s->result;
	const char			*status, *state, *glabel;
	char				 fy[FY_BUFSZ], *line;

	line = xasprintf("【%sの実績】", fy_format(s->fy, style, fy, sizeof fy));
	ft_heading(d, line);
	free(line);
	if (r == NULL) {
		pager_add(d, PAGER_DIM, FT_TEXT, "未入力");
		return;
	}
	status = vocab_label(VOCAB_STATUS, r->status);
	state = vocab_label(VOCAB_STATE, r->state);
	glabel = r->grade != NULL && c != NULL ?
	    config_grade_label(c, r->grade) : NULL;
	line = xasprintf("状況: %s  状態: %s  評価: %s%s%s",
	    status != NULL ? status : "-", state != NULL ? state : "-",
	    r->grade != NULL ? r->grade : "-", glabel != NULL ? " " : "",
	    glabel != NULL ? glabel : "");
	pager_add(d, PAGER_DIM, FT_TEXT, line);
	free(line);
	if (*r->entered_by != '\0') {
		line = xasprintf("入力: %s %s%s%s%s", r->entered_by,
		    r->entered_at, *r->dept_name != '\0' ? "（" : "",
		    r->dept_name, *r->dept_name != '\0' ? "）" : "");
		pager_add(d, PAGER_DIM, FT_TEXT, line);
		free(line);
	}
	if (*r->confirmed_by != '\0') {
		line = xasprintf("確認: %s %s", r->confirmed_by,
		    r->confirmed_at);
		pager_add(d, PAGER_DIM, FT_TEXT, line);
		free(line);
	}
	pager_add(d, PAGER_LABEL, FT_TEXT, "取組実績");
	pager_add_text(d, FT_SUB, r->text, "（なし）");
	pager_add(d, PAGER_LABEL, FT_TEXT, "評価（課題・今後の方向性）");
	pager_add_text(d, FT_SUB, r->comment, "（なし）");
	if (*r->return_comment != '\0') {
		pager_add(d, PAGER_LABEL, FT_TEXT, "差戻しの理由");
		pager_add(d, PAGER_TEXT, FT_SUB, r->return_comment);
	}
}

void
fulltext_node(struct pager_doc *d, const struct sheet *s, enum fy_style style,
    const struct config *c)
{
	char	*t, *u;
	size_t	 i;

	/* The title names the node on the pager's first row. */
	t = ft_named(s->level, s->code, s->title);
	pager_doc_init(d, t);
	free(t);
	ft_fact(d, "計画", s->plan_name);
	/* The way down from the plan, the node itself left out. */
	for (i = 0; i + 1 < s->npath; i++) {
		t = ft_named(s->path[i].level, s->path[i].code,
		    s->path[i].title);
		ft_fact(d, "上位", t);
		free(t);
	}
	t = sheet_period_text(s, style);
	ft_fact(d, "期間", t);
	free(t);
	t = ft_depts(s);
	if (*t != '\0') {
		char	fy[FY_BUFSZ];

		u = xasprintf("%s（%s）", t, fy_format(s->fy, style, fy,
		    sizeof fy));
		ft_fact(d, "担当課", u);
		free(u);
	}
	free(t);
	t = ft_flags(s);
	ft_fact(d, "区分", t);
	free(t);

	ft_heading(d, "【概要・方向性】");
	pager_add_text(d, FT_TEXT, s->summary, "（なし）");
	ft_heading(d, "【手段】");
	pager_add_text(d, FT_TEXT, s->means, "（なし）");
	if (*s->note != '\0') {
		ft_heading(d, "【備考】");
		pager_add_text(d, FT_TEXT, s->note, NULL);
	}
	if (s->is_item || s->nyearplans > 0) {
		ft_heading(d, "【年次計画】");
		for (i = 0; i < s->nyearplans; i++) {
			t = fy_format_span(s->yearplans[i].from_fy,
			    s->yearplans[i].to_fy, style);
			pager_add(d, PAGER_LABEL, FT_TEXT, t);
			free(t);
			pager_add_text(d, FT_SUB, s->yearplans[i].text, "-");
		}
		if (s->nyearplans == 0)
			pager_add(d, PAGER_DIM, FT_TEXT, "（なし）");
	}
	if (s->nindicators > 0) {
		ft_heading(d, "【指標】");
		for (i = 0; i < s->nindicators; i++) {
			if (i > 0)
				pager_blank(d);
			ft_indicator(d, &s->indicators[i], i + 1, style);
		}
	}
	if (s->is_item || s->result != NULL)
		ft_result(d, s, style, c);
	if (s->nchildren > 0) {
		ft_heading(d, "【下位の項目】");
		for (i = 0; i < s->nchildren; i++) {
			t = ft_named(s->children[i].level, s->children[i].code,
			    s->children[i].title);
			pager_add(d, PAGER_TEXT, FT_TEXT, t);
			free(t);
		}
	}
}

void
fulltext_plan(struct pager_doc *d, const struct browse_plan *p,
    enum fy_style style)
{
	char	*t;

	pager_doc_init(d, p->name);
	ft_fact(d, "コード", p->code);
	t = fy_format_span(p->first_fy, p->last_fy, style);
	ft_fact(d, "期間", t);
	free(t);
	ft_fact(d, "団体", p->org);
	ft_heading(d, "【計画の説明】");
	pager_add_text(d, FT_TEXT, p->description, "（説明はありません）");
}
