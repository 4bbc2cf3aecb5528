/*
 * Lists typed in one line (see namelist.h): the text is cut at the
 * separators, and with marks the ★ or * around each word is taken off
 * and remembered; with years, the parentheses that end a word are kept
 * whole and taken off too.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/namelist.h"
#include "shisaku/util.h"

#define FW_OPEN "\xef\xbc\x88"	/* （ */
#define FW_CLOSE "\xef\xbc\x89"	/* ） */

/* The length of a separator at p (、 , ， or a blank), else 0. */
static size_t
sep_len(const char *p)
{
	if (*p == ',' || *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		return 1;
	if (strncmp(p, "\xe3\x80\x81", 3) == 0 ||	/* 、 */
	    strncmp(p, "\xef\xbc\x8c", 3) == 0 ||	/* ， */
	    strncmp(p, "\xe3\x80\x80", 3) == 0)		/* U+3000 */
		return 3;
	return 0;
}

/* The length of a main mark at p (★ or *), else 0. */
static size_t
mark_len(const char *p)
{
	if (*p == '*')
		return 1;
	if (strncmp(p, "\xe2\x98\x85", 3) == 0)
		return 3;
	return 0;
}

/* The length of an opening parenthesis at p, else 0. */
static size_t
open_len(const char *p)
{
	if (*p == '(')
		return 1;
	return strncmp(p, FW_OPEN, 3) == 0 ? 3 : 0;
}

/* Does [start, end) end with a closing parenthesis? Its length, or 0. */
static size_t
close_len_before(const char *start, const char *end)
{
	if (end > start && end[-1] == ')')
		return 1;
	if (end - start >= 3 && strncmp(end - 3, FW_CLOSE, 3) == 0)
		return 3;
	return 0;
}

void
namelist_free(struct namelist_word *w, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(w[i].text);
		free(w[i].years);
	}
	free(w);
}

/* Takes marks off both ends of [*start, *end); 1 if there was one. */
static int
strip_marks(const char **start, const char **end)
{
	size_t	len;
	int	found = 0;

	while (*start < *end && (len = mark_len(*start)) != 0) {
		*start += len;
		found = 1;
	}
	for (;;) {
		if (*end > *start && (*end)[-1] == '*')
			(*end)--;
		else if (*end - *start >= 3 &&
		    strncmp(*end - 3, "\xe2\x98\x85", 3) == 0)
			*end -= 3;
		else
			break;
		found = 1;
	}
	return found;
}

/* The end of the word starting at p: the next separator, except inside
 * parentheses when years are read. */
static const char *
word_end(const char *p, int years)
{
	size_t	len;

	while (*p != '\0' && sep_len(p) == 0) {
		if (years && (len = open_len(p)) != 0) {
			p += len;
			while (*p != '\0' && *p != ')' &&
			    strncmp(p, FW_CLOSE, 3) != 0)
				p++;
			if (*p != '\0')
				p += *p == ')' ? 1 : 3;
			continue;
		}
		p++;
	}
	return p;
}

/* Takes the parentheses that end [start, *end) off into a malloc'd
 * string (NULL when there are none). */
static char *
take_years(const char *start, const char **end)
{
	const char	*close, *open = NULL, *p;
	size_t		 clen = close_len_before(start, *end), olen = 0, len;

	if (clen == 0)
		return NULL;
	close = *end - clen;
	/* The last opening parenthesis before it. */
	for (p = start; p < close; p++)
		if ((len = open_len(p)) != 0 && p + len <= close) {
			open = p;
			olen = len;
		}
	if (open == NULL)
		return NULL;
	*end = open;
	return xstrndup(open + olen, (size_t)(close - open - olen));
}

static size_t
split(const char *text, int marks, int years, struct namelist_word **out)
{
	const char	*p = text != NULL ? text : "", *start, *end;
	size_t		 n = 0, len;
	int		 main_mark, pending = 0;
	char		*yrs;

	*out = NULL;
	for (;;) {
		while ((len = sep_len(p)) != 0)
			p += len;
		if (*p == '\0')
			break;
		start = p;
		p = end = word_end(p, years);
		main_mark = pending;
		yrs = NULL;
		if (marks) {
			if (strip_marks(&start, &end))
				main_mark = 1;
			if (years && (yrs = take_years(start, &end)) != NULL &&
			    strip_marks(&start, &end))
				main_mark = 1;
		}
		if (start == end && yrs != NULL && n > 0 &&
		    (*out)[n - 1].years == NULL) {
			/* "総務課 (R3〜R6)": the years of the word before. */
			(*out)[n - 1].years = yrs;
			(*out)[n - 1].main |= main_mark;
			pending = 0;
			continue;
		}
		if (start == end && yrs != NULL) {
			/* Parentheses with no word to belong to are a word of
			 * their own, for the caller to refuse by name. */
			*out = xreallocarray(*out, n + 1, sizeof **out);
			(*out)[n].text = xasprintf("(%s)", yrs);
			(*out)[n].main = main_mark;
			(*out)[n].years = NULL;
			free(yrs);
			n++;
			pending = 0;
			continue;
		}
		if (start == end) {
			pending = main_mark;	/* "★ 総務課" */
			continue;
		}
		pending = 0;
		*out = xreallocarray(*out, n + 1, sizeof **out);
		(*out)[n].text = xstrndup(start, (size_t)(end - start));
		(*out)[n].main = main_mark;
		(*out)[n].years = yrs;
		n++;
	}
	return n;
}

size_t
namelist_split(const char *text, int marks, struct namelist_word **out)
{
	return split(text, marks, 0, out);
}

size_t
namelist_split_years(const char *text, struct namelist_word **out)
{
	return split(text, 1, 1, out);
}
