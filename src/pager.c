/*
 * The pager's document, layout and search (see pager.h). Wrapping is
 * textwidth.c's (tw_wrap), so a row never ends inside a double-width
 * character; searching is tw_find's. No curses.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/pager.h"
#include "shisaku/textwidth.h"
#include "shisaku/util.h"

void
pager_doc_init(struct pager_doc *d, const char *title)
{
	memset(d, 0, sizeof *d);
	d->title = xstrdup(title != NULL ? title : "");
}

void
pager_doc_free(struct pager_doc *d)
{
	size_t	i;

	for (i = 0; i < d->nlines; i++)
		free(d->lines[i].text);
	free(d->lines);
	free(d->title);
	memset(d, 0, sizeof *d);
}

static void
pager_push(struct pager_doc *d, enum pager_style style, int indent,
    const char *text, size_t len)
{
	struct pager_line	*l;

	d->lines = xreallocarray(d->lines, d->nlines + 1, sizeof *d->lines);
	l = &d->lines[d->nlines++];
	l->text = xstrndup(text, len);
	l->style = style;
	l->indent = indent > 0 ? indent : 0;
}

void
pager_add(struct pager_doc *d, enum pager_style style, int indent,
    const char *text)
{
	const char	*p, *end;
	size_t		 n;

	if (text == NULL || *text == '\0') {
		pager_push(d, style, indent, "", 0);
		return;
	}
	for (p = text; *p != '\0'; p = end) {
		n = strcspn(p, "\r\n");
		pager_push(d, style, indent, p, n);
		end = p + n;
		if (end[0] == '\r' && end[1] == '\n')
			end += 2;
		else if (*end != '\0')
			end++;
	}
}

int
pager_add_text(struct pager_doc *d, int indent, const char *text,
    const char *none)
{
	const char	*p;

	for (p = text != NULL ? text : ""; *p != '\0'; p++) {
		if (strncmp(p, "\xe3\x80\x80", 3) == 0) {	/* U+3000 */
			p += 2;
			continue;
		}
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			break;
	}
	if (*p == '\0') {
		if (none != NULL)
			pager_add(d, PAGER_DIM, indent, none);
		return 0;
	}
	pager_add(d, PAGER_TEXT, indent, text);
	return 1;
}

void
pager_blank(struct pager_doc *d)
{
	if (d->nlines == 0 || d->lines[d->nlines - 1].text[0] == '\0')
		return;
	pager_push(d, PAGER_TEXT, 0, "", 0);
}

void
pager_view_free(struct pager_view *v)
{
	free(v->rows);
	memset(v, 0, sizeof *v);
}

void
pager_layout(const struct pager_doc *d, int cols, struct pager_view *v)
{
	size_t	 i, k, n, cap = 0, *starts = NULL, *lens = NULL;
	int	 indent, width;

	pager_view_free(v);
	if (cols < 1)
		cols = 1;
	v->cols = cols;
	for (i = 0; i < d->nlines; i++) {
		const struct pager_line	*l = &d->lines[i];

		indent = l->indent > cols / 2 ? cols / 2 : l->indent;
		width = cols - indent;
		n = tw_wrap(l->text, width, NULL, NULL, 0);
		if (n > cap) {
			cap = n;
			free(starts);
			free(lens);
			starts = xcalloc(cap, sizeof *starts);
			lens = xcalloc(cap, sizeof *lens);
		}
		if (n > 0)
			tw_wrap(l->text, width, starts, lens, n);
		v->rows = xreallocarray(v->rows, v->nrows + (n > 0 ? n : 1),
		    sizeof *v->rows);
		if (n == 0) {	/* an empty line is one empty row */
			v->rows[v->nrows].line = i;
			v->rows[v->nrows].start = 0;
			v->rows[v->nrows].len = 0;
			v->rows[v->nrows++].x = indent;
			continue;
		}
		for (k = 0; k < n; k++) {
			v->rows[v->nrows].line = i;
			v->rows[v->nrows].start = starts[k];
			v->rows[v->nrows].len = lens[k];
			v->rows[v->nrows++].x = indent;
		}
	}
	free(starts);
	free(lens);
}

/* Whether a match of needle starts within row r. */
static int
pager_row_has(const struct pager_doc *d, const struct pager_row *r,
    const char *needle)
{
	long	at = tw_find(d->lines[r->line].text, needle, r->start, NULL);

	return at >= 0 && (size_t)at < r->start + r->len;
}

long
pager_find(const struct pager_doc *d, const struct pager_view *v,
    const char *needle, long from, int dir, int *wrapped)
{
	long	n = (long)v->nrows, k, i;

	if (wrapped != NULL)
		*wrapped = 0;
	if (needle == NULL || *needle == '\0' || n == 0)
		return -1;
	dir = dir < 0 ? -1 : 1;
	if (from < 0)
		from = dir > 0 ? 0 : n - 1;
	if (from >= n)
		from = dir > 0 ? 0 : n - 1;
	for (k = 0; k < n; k++) {
		i = from + dir * k;
		if (i >= n || i < 0) {
			i = (i % n + n) % n;
			if (wrapped != NULL)
				*wrapped = 1;
		}
		if (pager_row_has(d, &v->rows[i], needle))
			return i;
	}
	return -1;
}

size_t
pager_row_matches(const struct pager_doc *d, const struct pager_row *r,
    const char *needle, size_t *offs, size_t *lens, size_t max)
{
	const char	*text = d->lines[r->line].text;
	size_t		 n = 0, len, from = 0, a, b, end = r->start + r->len;
	long		 at;

	if (needle == NULL || *needle == '\0')
		return 0;
	while (n < max && (at = tw_find(text, needle, from, &len)) >= 0 &&
	    (size_t)at < end) {
		from = (size_t)at + 1;
		if ((size_t)at + len <= r->start)
			continue;
		a = (size_t)at > r->start ? (size_t)at : r->start;
		b = (size_t)at + len < end ? (size_t)at + len : end;
		offs[n] = a - r->start;
		lens[n] = b - a;
		n++;
	}
	return n;
}
