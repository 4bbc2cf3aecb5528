/*
 * Small helpers (see util.h). Allocation failure is the one error that
 * ends the program: it prints a message and exits with status 70.
 */
#include <ctype.h>
#include <errno.h>
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

/* The edit distance of a and b (optimal string alignment: an insertion,
 * deletion, change or swap of neighbours counts one), ASCII case folded;
 * a large number for words too long to be names. */
static size_t
name_distance(const char *a, const char *b)
{
	enum { MAXLEN = 32 };
	size_t	d[MAXLEN + 1][MAXLEN + 1], la = strlen(a), lb = strlen(b);
	size_t	i, j, best;
	int	ca, cb;

	if (la > MAXLEN || lb > MAXLEN)
		return SIZE_MAX;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			ca = tolower((unsigned char)a[i - 1]);
			cb = tolower((unsigned char)b[j - 1]);
			best = d[i - 1][j - 1] + (ca != cb);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb];
}

int
util_nearest_name(const char *word, const char *const *names, size_t n)
{
	size_t	i, dist, best = SIZE_MAX, allowed;
	int	found = -1, tie = 0;

	for (i = 0; i < n; i++) {
		dist = name_distance(word, names[i]);
		allowed = strlen(names[i]) <= 5 ? 1 : 2;
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

int
util_has_control(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

