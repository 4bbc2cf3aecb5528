/*
 * A small inline SVG chart of one indicator for the HTML report: the
 * baseline (a grey diamond at its year and a dotted level), the target of
 * every year (a dashed blue line of hollow circles), the actuals up to
 * the report's year (a solid orange line of dots; running totals for a
 * cumulative indicator, as its targets are), the report's year marked,
 * and the direction as an arrow with its word. Years along the bottom,
 * the lowest and highest value at the left. Only numbers are drawn; a
 * text value has no place on an axis. No script, no external resource;
 * every text is escaped. Coordinates are written with integer arithmetic
 * so that no locale can put a decimal comma into them.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/report.h"
#include "shisaku/util.h"

#define SVG_W		220
#define SVG_H		84
#define SVG_MINLEFT	24	/* room for the value labels, at least */
#define SVG_MAXLEFT	90
#define SVG_RIGHT	10
#define SVG_TOP		16	/* room for the direction */
#define SVG_BOTTOM	16	/* room for the years */
#define SVG_X1		(SVG_W - SVG_RIGHT - 3)
#define SVG_MAXPTS	64

/* How each part is drawn: attributes, not classes, so a chart copied out
 * of the report looks the same. */
#define SVG_AXIS	"fill=\"none\" stroke=\"#888\" stroke-width=\"1\""
#define SVG_NOW		"fill=\"none\" stroke=\"#bbb\" stroke-dasharray=\"2 2\""
#define SVG_BASE	"fill=\"none\" stroke=\"#999\" stroke-dasharray=\"1 2\""
#define SVG_BASEPT	"fill=\"#777\""
#define SVG_TARGET	"fill=\"none\" stroke=\"#2f6fb3\" stroke-width=\"1.5\" " \
			"stroke-dasharray=\"4 2\""
#define SVG_TARGETPT	"fill=\"#fff\" stroke=\"#2f6fb3\" stroke-width=\"1.2\""
#define SVG_ACTUAL	"fill=\"none\" stroke=\"#d9480f\" stroke-width=\"2\""
#define SVG_ACTUALPT	"fill=\"#d9480f\""
#define SVG_DIR		"fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\" " \
			"stroke-linecap=\"round\" stroke-linejoin=\"round\""
#define SVG_LABEL	"font-size=\"9\" fill=\"#333\""
#define SVG_TICK	"font-size=\"8\" fill=\"#666\""
#define SVG_TICK_NOW	"font-size=\"8\" fill=\"#333\" font-weight=\"bold\""

struct svg_point {
	int	 fy;
	double	 v;
};

struct svg_chart {
	int	 left;		/* the value axis: room for its labels */
	int	 fy_min, fy_max;
	double	 v_min, v_max;
	int	 any;
};

/* Writes x with one decimal, whatever the locale. */
static void
svg_num(FILE *f, double x)
{
	long	t = lround(x * 10);

	if (t < 0) {
		fputc('-', f);
		t = -t;
	}
	fprintf(f, "%ld", t / 10);
	if (t % 10 != 0)
		fprintf(f, ".%ld", t % 10);
}

static void
svg_extend(struct svg_chart *c, int fy, double v)
{
	if (!c->any) {
		c->fy_min = c->fy_max = fy;
		c->v_min = c->v_max = v;
		c->any = 1;
		return;
	}
	if (fy < c->fy_min)
		c->fy_min = fy;
	if (fy > c->fy_max)
		c->fy_max = fy;
	if (v < c->v_min)
		c->v_min = v;
	if (v > c->v_max)
		c->v_max = v;
}

static double
svg_x(const struct svg_chart *c, double fy)
{
	double	span = c->fy_max - c->fy_min;

	double	x0 = c->left + 7;	/* the first year, off the axis */

	return x0 + (fy - c->fy_min) / span * (SVG_X1 - x0);
}

static double
svg_y(const struct svg_chart *c, double v)
{
	double	span = c->v_max - c->v_min;

	return SVG_H - SVG_BOTTOM - (v - c->v_min) / span *
	    (SVG_H - SVG_TOP - SVG_BOTTOM);
}

static int
svg_is_number(const struct value *v)
{
	return v != NULL && v->kind == VALUE_NUMBER && isfinite(v->num);
}

/* The numeric targets by year; the final target stands for its year
 * when that year has no target of its own. */
static size_t
svg_targets(const struct report_indicator *in, struct svg_point *pts)
{
	size_t	i, n = 0;
	int	final_seen = 0;

	for (i = 0; i < in->ntargets && n < SVG_MAXPTS; i++) {
		if (in->targets[i].fy == in->final_fy)
			final_seen = 1;
		if (!svg_is_number(&in->targets[i].v))
			continue;
		pts[n].fy = in->targets[i].fy;
		pts[n++].v = in->targets[i].v.num;
	}
	if (!final_seen && in->final_fy && svg_is_number(&in->final) &&
	    n < SVG_MAXPTS) {
		for (i = n; i > 0 && pts[i - 1].fy > in->final_fy; i--)
			pts[i] = pts[i - 1];
		pts[i].fy = in->final_fy;
		pts[i].v = in->final.num;
		n++;
	}
	return n;
}

/* The numeric actuals up to fy; for a cumulative indicator the running
 * total after the baseline year (with the baseline added). A text actual
 * ends the running total. */
static size_t
svg_actuals(const struct report_indicator *in, int fy, struct svg_point *pts)
{
	size_t	i, n = 0;
	double	run = svg_is_number(&in->base) ? in->base.num : 0;

	for (i = 0; i < in->nactuals && n < SVG_MAXPTS; i++) {
		const struct report_fyvalue *a = &in->actuals[i];

		if (a->fy > fy)
			break;
		if (in->cumulative) {
			if (a->fy <= in->base_fy)
				continue;
			if (a->v.kind == VALUE_TEXT)
				break;
		}
		if (!svg_is_number(&a->v))
			continue;
		run += a->v.num;
		pts[n].fy = a->fy;
		pts[n++].v = in->cumulative ? run : a->v.num;
	}
	return n;
}

static void
svg_polyline(FILE *f, const struct svg_chart *c, const struct svg_point *p,
    size_t n, const char *attrs)
{
	size_t	i;

	if (n < 2)
		return;
	fputs("<polyline points=\"", f);
	for (i = 0; i < n; i++) {
		if (i > 0)
			fputc(' ', f);
		svg_num(f, svg_x(c, p[i].fy));
		fputc(',', f);
		svg_num(f, svg_y(c, p[i].v));
	}
	fprintf(f, "\" %s/>\n", attrs);
}

static void
svg_text(FILE *f, double x, double y, const char *anchor, const char *style,
    const char *s)
{
	fputs("<text x=\"", f);
	svg_num(f, x);
	fputs("\" y=\"", f);
	svg_num(f, y);
	fprintf(f, "\" text-anchor=\"%s\" %s>", anchor, style);
	report_html_escape(f, s);
	fputs("</text>\n", f);
}

/* A value label: a computed level, so grouped for reading. */
static char *
svg_tick_label(double v, char *buf, size_t size)
{
	return value_format_grouped(v, buf, size);
}

static void
svg_tick_value(FILE *f, const struct svg_chart *c, double v)
{
	char	buf[64];

	svg_text(f, c->left - 4, svg_y(c, v) + 3, "end", SVG_TICK,
	    svg_tick_label(v, buf, sizeof buf));
}

/* The direction: an arrow (a path, no font needed) and its word. */
static void
svg_direction(FILE *f, const struct report_ind *ri)
{
	const char	*d = ri->in->direction;
	char		*word = report_direction_text(ri);

	if (d == NULL)
		;
	else if (strcmp(d, "up") == 0 || strcmp(d, "min") == 0)
		fputs("<path d=\"M6 12 L6 4 M3 7 L6 3 L9 7\" " SVG_DIR "/>\n", f);
	else if (strcmp(d, "down") == 0 || strcmp(d, "max") == 0)
		fputs("<path d=\"M6 3 L6 11 M3 8 L6 12 L9 8\" " SVG_DIR "/>\n", f);
	else
		fputs("<path d=\"M2 8 L10 8 M7 5 L11 8 L7 11\" " SVG_DIR "/>\n", f);
	svg_text(f, 14, 11, "start", SVG_LABEL, word);
	free(word);
}

int
report_svg_indicator(const struct report *r, const struct report_ind *ri,
    FILE *f)
{
	const struct report_indicator	*in = ri->in;
	struct svg_point		 tg[SVG_MAXPTS + 1], ac[SVG_MAXPTS];
	struct svg_chart		 c;
	size_t				 nt, na, i;
	int				 has_base;
	char				 a[FY_BUFSZ], b[FY_BUFSZ], *s, *t;
	double				 pad, dmin, dmax;

	memset(&c, 0, sizeof c);
	nt = svg_targets(in, tg);
	na = svg_actuals(in, r->fy, ac);
	has_base = svg_is_number(&in->base);
	if (nt == 0 && na == 0)
		return 0;
	for (i = 0; i < nt; i++)
		svg_extend(&c, tg[i].fy, tg[i].v);
	for (i = 0; i < na; i++)
		svg_extend(&c, ac[i].fy, ac[i].v);
	if (has_base)
		svg_extend(&c, in->base_fy ? in->base_fy : c.fy_min,
		    in->base.num);
	svg_extend(&c, r->fy, c.v_min);
	dmin = c.v_min;
	dmax = c.v_max;
	/* About 5 units a character of the 8-unit labels. */
	c.left = 8 + 5 * (int)strlen(svg_tick_label(dmax, a, sizeof a));
	if ((i = 8 + 5 * strlen(svg_tick_label(dmin, a, sizeof a))) >
	    (size_t)c.left)
		c.left = (int)i;
	if (c.left < SVG_MINLEFT)
		c.left = SVG_MINLEFT;
	if (c.left > SVG_MAXLEFT)
		c.left = SVG_MAXLEFT;
	if (c.fy_max == c.fy_min) {
		c.fy_min--;
		c.fy_max++;
	}
	pad = (c.v_max - c.v_min) * 0.1;
	if (pad == 0)
		pad = fabs(c.v_max) > 0 ? fabs(c.v_max) * 0.1 : 1;
	c.v_min = c.v_min >= 0 && c.v_min - pad < 0 ? 0 : c.v_min - pad;
	c.v_max += pad;

	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">\n",
	    SVG_W, SVG_H, SVG_W, SVG_H);
	s = report_target_text(r, ri);
	t = report_actual_text(r, ri);
	fputs("<title>", f);
	report_html_escape(f, in->name);
	fputs("（目標 ", f);
	report_html_escape(f, s[0] != '\0' ? s : "-");
	fputs("、実績 ", f);
	report_html_escape(f, t[0] != '\0' ? t : "-");
	fputs("）</title>\n", f);
	free(s);
	free(t);

	/* Frame: the value axis and the year axis, the report's year. */
	fprintf(f, "<path d=\"M%d %d L%d %d L%d %d\" " SVG_AXIS "/>\n",
	    c.left, SVG_TOP - 2, c.left, SVG_H - SVG_BOTTOM,
	    SVG_W - SVG_RIGHT + 4, SVG_H - SVG_BOTTOM);
	fputs("<path d=\"M", f);
	svg_num(f, svg_x(&c, r->fy));
	fprintf(f, " %d V%d\" " SVG_NOW "/>\n", SVG_TOP - 2, SVG_H - SVG_BOTTOM);
	/* A mark for every year on the year axis. */
	if (c.fy_max - c.fy_min <= 40) {
		fputs("<path d=\"", f);
		for (i = 0; i <= (size_t)(c.fy_max - c.fy_min); i++) {
			fputc('M', f);
			svg_num(f, svg_x(&c, c.fy_min + (int)i));
			fprintf(f, " %d v3", SVG_H - SVG_BOTTOM);
		}
		fputs("\" " SVG_AXIS "/>\n", f);
	}
	/* The highest and lowest value drawn, at their height. */
	svg_tick_value(f, &c, dmax);
	if (dmin != dmax)
		svg_tick_value(f, &c, dmin);
	fy_format_short(c.fy_min, r->cfg->fy_style, a, sizeof a);
	fy_format_short(c.fy_max, r->cfg->fy_style, b, sizeof b);
	svg_text(f, svg_x(&c, c.fy_min), SVG_H - 4, "middle", SVG_TICK, a);
	svg_text(f, svg_x(&c, c.fy_max), SVG_H - 4, "middle", SVG_TICK, b);
	if (r->fy != c.fy_min && r->fy != c.fy_max) {
		fy_format_short(r->fy, r->cfg->fy_style, a, sizeof a);
		svg_text(f, svg_x(&c, r->fy), SVG_H - 4, "middle", SVG_TICK_NOW, a);
	}
	svg_direction(f, ri);

	if (has_base) {
		fputs("<path d=\"M", f);
		svg_num(f, c.left);
		fputc(' ', f);
		svg_num(f, svg_y(&c, in->base.num));
		fprintf(f, " H%d\" " SVG_BASE "/>\n", SVG_W - SVG_RIGHT);
		if (in->base_fy) {
			double x = svg_x(&c, in->base_fy),
			    y = svg_y(&c, in->base.num);

			fputs("<path d=\"M", f);
			svg_num(f, x);
			fputc(' ', f);
			svg_num(f, y - 4);
			fputs(" l4 4 l-4 4 l-4 -4 z\" " SVG_BASEPT "/>\n", f);
		}
	}
	svg_polyline(f, &c, tg, nt, SVG_TARGET);
	for (i = 0; i < nt; i++) {
		fputs("<circle cx=\"", f);
		svg_num(f, svg_x(&c, tg[i].fy));
		fputs("\" cy=\"", f);
		svg_num(f, svg_y(&c, tg[i].v));
		fputs("\" r=\"2.5\" " SVG_TARGETPT "/>\n", f);
	}
	svg_polyline(f, &c, ac, na, SVG_ACTUAL);
	for (i = 0; i < na; i++) {
		fputs("<circle cx=\"", f);
		svg_num(f, svg_x(&c, ac[i].fy));
		fputs("\" cy=\"", f);
		svg_num(f, svg_y(&c, ac[i].v));
		fputs("\" r=\"3\" " SVG_ACTUALPT "/>\n", f);
	}
	fputs("</svg>", f);
	return 1;
}
