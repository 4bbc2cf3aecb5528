/*
 * Lists typed in one line (see namelist.h): the text is cut at the
 * separators, and with marks the ★ or * around each word is taken off
 * and remembered.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/namelist.h"
#include "shisaku/util.h"

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

void
namelist_free(struct namelist_word *w, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(w[i].text);
	free(w);
}

size_t
namelist_split(const char *text, int marks, struct namelist_word **out)
{
	const char	*p = text != NULL ? text : "", *start, *end;
	size_t		 n = 0, len;
	int		 main_mark, pending = 0;

	*out = NULL;
	for (;;) {
		while ((len = sep_len(p)) != 0)
			p += len;
		if (*p == '\0')
			break;
		start = p;
		while (*p != '\0' && sep_len(p) == 0)
			p++;
		end = p;
		main_mark = pending;
		if (marks) {
			while (start < end && (len = mark_len(start)) != 0) {
				start += len;
				main_mark = 1;
			}
			for (;;) {
				if (end > start && end[-1] == '*')
					end--;
				else if (end - start >= 3 &&
				    strncmp(end - 3, "\xe2\x98\x85", 3) == 0)
					end -= 3;
				else
					break;
				main_mark = 1;
			}
		}
		if (start == end) {
			pending = main_mark;	/* "★ 総務課" */
			continue;
		}
		pending = 0;
		*out = xreallocarray(*out, n + 1, sizeof **out);
		(*out)[n].text = xstrndup(start, (size_t)(end - start));
		(*out)[n].main = main_mark;
		n++;
	}
	return n;
}
