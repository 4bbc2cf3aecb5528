/*
 * Yearly plans and cost trends as typed text (yeartext.h): a line that
 * starts with a fiscal year or a period and : opens an entry, other lines
 * continue it; cost trends are YEAR=WORD pairs.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/fy.h"
#include "shisaku/namelist.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/vocab.h"
#include "shisaku/yeartext.h"

/* The byte offset of the first : or ： in s, or -1. */
static long
yeartext_colon(const char *s)
{
	const char	*a = strchr(s, ':'), *b = strstr(s, "\xef\xbc\x9a");

	if (a == NULL && b == NULL)
		return -1;
	if (a == NULL || (b != NULL && b < a))
		return b - s;
	return a - s;
}

void
yeartext_plans_free(struct yeartext_plan *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(p[i].text);
	free(p);
}

/* Appends a line to an entry's text. */
static void
yeartext_append(struct yeartext_plan *p, const char *line)
{
	char	*t;

	if (p->text[0] == '\0') {
		free(p->text);
		p->text = xstrdup(line);
		return;
	}
	t = xasprintf("%s\n%s", p->text, line);
	free(p->text);
	p->text = t;
}

/*
 * Reads the year part of a line: 1 and the period when the line starts
 * with one, 0 when it does not (a continuation), -1 with *cause when it
 * starts with a period that is reversed.
 */
static int
yeartext_period(const char *line, int *from, int *to, const char **rest,
    char **cause)
{
	long	 colon = yeartext_colon(line);
	char	*head, *why = NULL;
	int	 rc;

	if (colon <= 0)
		return 0;
	head = xstrndup(line, (size_t)colon);
	rc = fy_parse_range(head, from, to, &why);
	free(head);
	if (rc != 0) {
		if (*from != 0 && *to != 0 && *from > *to) {
			*cause = why;
			return -1;
		}
		free(why);
		return 0;
	}
	if (*from == 0)
		return 0;	/* "〜R5: …" is not a period of a plan */
	if (*to == 0)
		*to = *from;
	*rest = line + colon + (line[colon] == ':' ? 1 : 3);
	return 1;
}

static char *
yeartext_empty(const struct yeartext_plan *p)
{
	return xasprintf("%d年度の年次計画に内容がありません", p->from_fy);
}

int
yeartext_parse_plans(const char *text, struct yeartext_plan **out,
    size_t *n, char **cause)
{
	const char	*p = text != NULL ? text : "", *end, *rest = NULL;
	struct yeartext_plan *v = NULL;
	size_t		 nv = 0, lineno = 0;
	char		*line, *body, *why = NULL;
	int		 from, to, rc;

	*out = NULL;
	*n = 0;
	for (; *p != '\0'; p = *end != '\0' ? end + 1 : end) {
		end = p + strcspn(p, "\n");
		lineno++;
		line = xstrndup(p, (size_t)(end - p));
		line[strcspn(line, "\r")] = '\0';
		body = value_trim(line);
		free(line);
		if (body[0] == '\0') {
			free(body);
			continue;
		}
		rc = yeartext_period(body, &from, &to, &rest, &why);
		if (rc < 0 || (rc == 0 && nv == 0)) {
			*cause = rc < 0 ? xasprintf("%zu行目: %s", lineno, why) :
			    xasprintf("%zu行目: 年度で始まっていません（例: R3: "
			    "内容、R4〜R5: 内容）", lineno);
			free(why);
			free(body);
			yeartext_plans_free(v, nv);
			return -1;
		}
		if (rc == 1 && nv > 0 && v[nv - 1].text[0] == '\0') {
			*cause = yeartext_empty(&v[nv - 1]);
			free(body);
			yeartext_plans_free(v, nv);
			return -1;
		}
		if (rc == 1) {
			v = xreallocarray(v, nv + 1, sizeof *v);
			v[nv].from_fy = from;
			v[nv].to_fy = to;
			v[nv].text = value_trim(rest);
			nv++;
		} else
			yeartext_append(&v[nv - 1], body);
		free(body);
	}
	if (nv > 0 && v[nv - 1].text[0] == '\0') {
		*cause = yeartext_empty(&v[nv - 1]);
		yeartext_plans_free(v, nv);
		return -1;
	}
	*out = v;
	*n = nv;
	return 0;
}

static char *
yeartext_fy(int fy, enum fy_style style, char buf[FY_BUFSZ])
{
	return fy_format_short(fy, style == FY_STYLE_WESTERN ?
	    FY_STYLE_WESTERN : FY_STYLE_ERA, buf, FY_BUFSZ);
}

char *
yeartext_format_plans(const struct yeartext_plan *p, size_t n,
    enum fy_style style)
{
	char	*s = xstrdup(""), *t, *body, a[FY_BUFSZ], b[FY_BUFSZ];
	size_t	 i, k, len;

	for (i = 0; i < n; i++) {
		/* Continuation lines indented, so they never read as a year. */
		len = strlen(p[i].text);
		body = xmalloc(len * 3 + 1);
		for (k = 0, len = 0; p[i].text[k] != '\0'; k++) {
			body[len++] = p[i].text[k];
			if (p[i].text[k] == '\n') {
				body[len++] = ' ';
				body[len++] = ' ';
			}
		}
		body[len] = '\0';
		yeartext_fy(p[i].from_fy, style, a);
		if (p[i].to_fy > p[i].from_fy)
			t = xasprintf("%s%s%s〜%s: %s", s, i > 0 ? "\n" : "", a,
			    yeartext_fy(p[i].to_fy, style, b), body);
		else
			t = xasprintf("%s%s%s: %s", s, i > 0 ? "\n" : "", a, body);
		free(body);
		free(s);
		s = t;
	}
	return s;
}

static int
yeartext_cost_cmp(const void *a, const void *b)
{
	const struct yeartext_cost *x = a, *y = b;

	return (x->fy > y->fy) - (x->fy < y->fy);
}

/* Splits "R5=拡大" at = ＝ : or ：; NULL when there is none. */
static const char *
yeartext_pair_sep(const char *w, size_t *len)
{
	static const char *const seps[] = {
		"=", "\xef\xbc\x9d", ":", "\xef\xbc\x9a"	/* = ＝ : ： */
	};
	const char	*best = NULL, *q;
	size_t		 i;

	for (i = 0; i < sizeof seps / sizeof seps[0]; i++) {
		q = strstr(w, seps[i]);
		if (q != NULL && (best == NULL || q < best)) {
			best = q;
			*len = strlen(seps[i]);
		}
	}
	return best;
}

int
yeartext_parse_costs(const char *text, struct yeartext_cost **out,
    size_t *n, char **cause)
{
	struct namelist_word	*w;
	struct yeartext_cost	*v;
	const char		*sep;
	char			*year, *why = NULL;
	size_t			 nw, i, seplen = 0;
	int			 fy;

	*out = NULL;
	*n = 0;
	nw = namelist_split(text, 0, &w);
	v = xcalloc(nw + 1, sizeof *v);
	for (i = 0; i < nw; i++) {
		if ((sep = yeartext_pair_sep(w[i].text, &seplen)) == NULL) {
			*cause = xasprintf("「%s」: 年度=傾向 の形で書いてください"
			    "（例: R5=拡大 R6=同程度）", w[i].text);
			goto bad;
		}
		year = xstrndup(w[i].text, (size_t)(sep - w[i].text));
		fy = fy_parse(year, &why);
		free(year);
		if (fy < 0) {
			*cause = xasprintf("「%s」: %s", w[i].text, why);
			free(why);
			goto bad;
		}
		v[i].fy = fy;
		v[i].trend = vocab_key(VOCAB_TREND, sep + seplen);
		if (v[i].trend == NULL) {
			*cause = xasprintf("「%s」: 傾向は %s のどれかです",
			    w[i].text, vocab_choices(VOCAB_TREND));
			goto bad;
		}
	}
	qsort(v, nw, sizeof *v, yeartext_cost_cmp);
	for (i = 1; i < nw; i++)
		if (v[i].fy == v[i - 1].fy) {
			*cause = xasprintf("%d年度の傾向が二度書かれています",
			    v[i].fy);
			goto bad;
		}
	namelist_free(w, nw);
	if (nw == 0) {
		free(v);
		v = NULL;
	}
	*out = v;
	*n = nw;
	return 0;
bad:
	namelist_free(w, nw);
	free(v);
	return -1;
}

char *
yeartext_format_costs(const struct yeartext_cost *c, size_t n,
    enum fy_style style)
{
	char		*s = xstrdup(""), *t, buf[FY_BUFSZ];
	const char	*word;
	size_t		 i;

	for (i = 0; i < n; i++) {
		word = vocab_label(VOCAB_TREND, c[i].trend);
		t = xasprintf("%s%s%s=%s", s, i > 0 ? " " : "",
		    yeartext_fy(c[i].fy, style, buf), word != NULL ? word : "不明");
		free(s);
		s = t;
	}
	return s;
}

char *
yeartext_format_span(int first, int last, enum fy_style style)
{
	/* Nothing given is an empty field here, not 定めなし. */
	if (first == 0 && last == 0)
		return xstrdup("");
	return fy_format_span_short(first, last, style == FY_STYLE_WESTERN ?
	    FY_STYLE_WESTERN : FY_STYLE_ERA);
}
