/*
 * Small helpers (see util.h). Allocation failure is the one error that
 * ends the program: it prints a message and exits with status 70.
 */
#include <ctype.h>
#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "shisaku/util.h"

static void (*fatal_hook)(void);

void
util_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

void
util_run_fatal_hook(void)
{
	if (fatal_hook != NULL)
		fatal_hook();
}

static void
out_of_memory(void)
{
	util_run_fatal_hook();
	fputs("shisaku: メモリが足りません\n", stderr);
	/* Not exit: it would flush the streams, and text half made must
	 * not be written, nor memory asked for again. */
	_exit(70);
}

void *
xmalloc(size_t n)
{
	void	*p = malloc(n ? n : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		out_of_memory();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > (size_t)-1 / size)
		out_of_memory();
	p = realloc(p, n == 0 || size == 0 ? 1 : n * size);
	if (p == NULL)
		out_of_memory();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;
	char	*p;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		out_of_memory();
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

int
read_whole_file(const char *path, char **data, size_t *len, char **cause)
{
	FILE	*f;
	char	*buf = NULL;
	size_t	 cap = 0, n = 0, got;
	int	 is_stdin = strcmp(path, "-") == 0;

	f = is_stdin ? stdin : fopen(path, "rb");
	if (f == NULL) {
		*cause = xasprintf("%s: 開けません: %s", path, strerror(errno));
		return -1;
	}
	do {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			buf = xreallocarray(buf, cap, 1);
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	if (ferror(f)) {
		*cause = xasprintf("%s: 読み込めません: %s", path, strerror(errno));
		free(buf);
		if (!is_stdin)
			fclose(f);
		return -1;
	}
	if (!is_stdin)
		fclose(f);
	if (buf == NULL)
		buf = xmalloc(1);
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

char *
now_iso(char buf[20])
{
	time_t		t = time(NULL);
	struct tm	tm;

	localtime_r(&t, &tm);
	strftime(buf, 20, "%Y-%m-%dT%H:%M:%S", &tm);
	return buf;
}

char *
at_minutes(const char *at, char buf[17])
{
	size_t	n;

	snprintf(buf, 17, "%.16s", at != NULL ? at : "");
	n = strlen(buf);
	/* Never half a character, should a time be anything but ASCII. */
	if (at != NULL && at[n] != '\0')
		while (n > 0 && ((unsigned char)at[n] & 0xc0) == 0x80)
			buf[--n] = '\0';
	if (n == 16 && buf[10] == 'T')
		buf[10] = ' ';
	return buf;
}

void
sort_mostly_sorted(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *))
{
	unsigned char	*a = base, *tail;
	size_t		 p, i, j, k;

	for (p = 1; p < n && cmp(a + (p - 1) * size, a + p * size) <= 0; p++)
		;
	if (p >= n)
		return;
	if (p < n / 2) {
		qsort(base, n, size, cmp);
		return;
	}
	qsort(a + p * size, n - p, size, cmp);
	if (cmp(a + (p - 1) * size, a + p * size) <= 0)
		return;
	/* Merge from the end: the rest (copied out) into the room after
	 * the run. */
	tail = xcalloc(n - p, size);
	memcpy(tail, a + p * size, (n - p) * size);
	i = p;		/* one past the run's last not yet placed */
	j = n - p;	/* the same of the rest */
	k = n;
	while (j > 0) {
		if (i > 0 &&
		    cmp(a + (i - 1) * size, tail + (j - 1) * size) > 0) {
			memcpy(a + (k - 1) * size, a + (i - 1) * size, size);
			i--;
		} else {
			memcpy(a + (k - 1) * size, tail + (j - 1) * size, size);
			j--;
		}
		k--;
	}
	free(tail);
}

char *
today_iso(char buf[11])
{
	char	now[20];

	now_iso(now);
	memcpy(buf, now, 10);
	buf[10] = '\0';
	return buf;
}

int
write_all(int fd, const char *buf, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Names are compared a character at a time: a character is its UTF-8
 * bytes (a lead byte and the continuation bytes after it), so that one
 * kanji wrong in a department's code counts one, as one letter does. */
enum { NAME_MAXCHARS = 32 };

struct name_chars {
	const char	*at[NAME_MAXCHARS];
	size_t		 len[NAME_MAXCHARS];
	size_t		 n;
};

/* Splits s into characters; 0 when it has more than NAME_MAXCHARS. */
static int
name_split(const char *s, struct name_chars *c)
{
	size_t	k;

	for (c->n = 0; *s != '\0'; c->n++) {
		if (c->n == NAME_MAXCHARS)
			return 0;
		for (k = 1; ((unsigned char)s[k] & 0xC0) == 0x80; k++)
			;
		c->at[c->n] = s;
		c->len[c->n] = k;
		s += k;
	}
	return 1;
}

static int
name_char_eq(const struct name_chars *a, size_t i, const struct name_chars *b,
    size_t j)
{
	if (a->len[i] != b->len[j])
		return 0;
	if (a->len[i] == 1)
		return tolower((unsigned char)*a->at[i]) ==
		    tolower((unsigned char)*b->at[j]);
	return memcmp(a->at[i], b->at[j], a->len[i]) == 0;
}

/* The edit distance of a and b in characters (optimal string alignment:
 * an insertion, deletion, change or swap of neighbours counts one), ASCII
 * case folded; a large number for words too long to be names. */
static size_t
name_distance(const struct name_chars *a, const struct name_chars *b)
{
	size_t	d[NAME_MAXCHARS + 1][NAME_MAXCHARS + 1];
	size_t	i, j, best;

	for (i = 0; i <= a->n; i++)
		d[i][0] = i;
	for (j = 0; j <= b->n; j++)
		d[0][j] = j;
	for (i = 1; i <= a->n; i++)
		for (j = 1; j <= b->n; j++) {
			best = d[i - 1][j - 1] + !name_char_eq(a, i - 1, b, j - 1);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && name_char_eq(a, i - 1, b, j - 2) &&
			    name_char_eq(a, i - 2, b, j - 1) &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[a->n][b->n];
}

int
util_nearest_name(const char *word, const char *const *names, size_t n)
{
	struct name_chars	w, c;
	size_t			i, dist, best = SIZE_MAX, allowed;
	int			found = -1, tie = 0;

	if (!name_split(word, &w))
		return -1;
	for (i = 0; i < n; i++) {
		if (!name_split(names[i], &c))
			continue;
		dist = name_distance(&w, &c);
		allowed = c.n <= 5 ? 1 : 2;
		if (dist > allowed || dist > best)
			continue;
		if (dist == best)
			tie = 1;
		else {
			best = dist;
			found = (int)i;
			tie = 0;
		}
	}
	return tie ? -1 : found;
}

/* s without its blanks (ASCII and U+3000), malloc'd. */
static char *
util_no_blanks(const char *s)
{
	char	*out = xmalloc(strlen(s) + 1), *o = out;

	while (*s != '\0') {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			*o++ = *s++;
	}
	*o = '\0';
	return out;
}

int
util_name_loosely(const char *word, const char *name)
{
	char	*w = util_no_blanks(word), *n = util_no_blanks(name);
	size_t	 lw = strlen(w), ln = strlen(n), chars = 0, i;
	int	 match = 0;

	for (i = 0; i < lw; i++)
		chars += ((unsigned char)w[i] & 0xc0) != 0x80;
	/* w starting at a character, a match at the end starts at one. */
	if (chars >= 2 && lw <= ln && ((unsigned char)w[0] & 0xc0) != 0x80)
		match = memcmp(n + ln - lw, w, lw) == 0;
	free(w);
	free(n);
	return match;
}

int
util_has_control(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

void
util_release_freed(void)
{
#ifdef __GLIBC__
	(void)malloc_trim(0);
#endif
}
