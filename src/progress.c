/*
 * Progress of long work on standard error (see progress.h): a line drawn
 * over itself with \r on a terminal, after the first second, at most ten
 * times a second; nothing anywhere else.
 */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "shisaku/progress.h"

/* Nothing is drawn before the work has run this long (seconds)... */
#define PROGRESS_DELAY 1.0
/* ...nor more often than this. */
#define PROGRESS_INTERVAL 0.1
/* A rate measured over less than this (seconds) says little. */
#define PROGRESS_RATE_AFTER 0.5
/* The line never needs more (columns of a wide terminal aside). */
#define PROGRESS_LINE_MAX 256

const char progress_steps[] = "段階";

static double
progress_seconds(const struct timespec *from, const struct timespec *to)
{
	return (double)(to->tv_sec - from->tv_sec) +
	    (double)(to->tv_nsec - from->tv_nsec) / 1e9;
}

/* 1234567 as "1,234,567". */
static void
progress_count(char *buf, size_t size, size_t n)
{
	char	digits[32];
	size_t	len, i, o = 0;

	snprintf(digits, sizeof digits, "%zu", n);
	len = strlen(digits);
	for (i = 0; i < len && o + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
}

/* A count in the phase's unit: "1,234" or, for bytes, "12.3". */
static void
progress_amount(char *buf, size_t size, const char *unit, double n)
{
	if (unit == PROGRESS_BYTES)
		snprintf(buf, size, "%.1f", n / (1024.0 * 1024.0));
	else
		progress_count(buf, size, (size_t)(n + 0.5));
}

/* "残り 6 秒", "残り 2 分 5 秒", "残り 1 時間 12 分". */
static void
progress_left(char *buf, size_t size, double seconds)
{
	unsigned long	s = (unsigned long)(seconds + 0.5);

	if (s < 60)
		snprintf(buf, size, "残り %lu 秒", s);
	else if (s < 3600)
		snprintf(buf, size, "残り %lu 分 %lu 秒", s / 60, s % 60);
	else
		snprintf(buf, size, "残り %lu 時間 %lu 分", s / 3600,
		    s / 60 % 60);
}

/* snprintf may have cut the last character in two: drops what is left
 * of it. */
static void
progress_cut(char *buf)
{
	size_t	len = strlen(buf), lead = len, need;
	unsigned char c;

	while (lead > 0 && ((unsigned char)buf[lead - 1] & 0xC0) == 0x80)
		lead--;
	if (lead == 0)
		return;
	c = (unsigned char)buf[lead - 1];
	need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	if (len - (lead - 1) < need)
		buf[lead - 1] = '\0';
}

char *
progress_format(char *buf, size_t size, const char *what, const char *unit,
    size_t done, size_t total, double elapsed, int finished)
{
	const char	*u = unit == PROGRESS_BYTES ? "MiB" : unit;
	char		 a[40], b[40], r[48], left[48];
	double		 rate = elapsed >= PROGRESS_RATE_AFTER &&
			    unit != PROGRESS_STEPS ? (double)done / elapsed : 0.0;
	int		 n;

	progress_amount(a, sizeof a, unit, (double)done);
	if (total > 0)
		progress_amount(b, sizeof b, unit, (double)total);
	r[0] = left[0] = '\0';
	if (rate > 0.0)
		progress_amount(r, sizeof r, unit, rate);
	/* Work that stopped short (an error) says neither. */
	if (finished && done >= total)
		snprintf(left, sizeof left, "完了");
	else if (!finished && rate > 0.0 && total > done)
		progress_left(left, sizeof left, (double)(total - done) / rate);
	n = snprintf(buf, size, "shisaku: %s %s%s%s %s", what, a,
	    total > 0 ? "/" : "", total > 0 ? b : "", u);
	if (n >= 0 && (size_t)n < size && r[0] != '\0')
		n += snprintf(buf + n, size - (size_t)n, "  %s %s/秒", r, u);
	if (n >= 0 && (size_t)n < size && left[0] != '\0')
		snprintf(buf + n, size - (size_t)n, "  %s", left);
	if (size > 0)
		progress_cut(buf);
	return buf;
}

/*
 * Copies the longest prefix of line that fits in cols columns to out and
 * returns its width. Every character of a progress line is ASCII or a
 * full-width Japanese one, so widths are counted without the locale
 * (the line must come out right under LANG=C too).
 */
static int
progress_fit(const char *line, int cols, char *out)
{
	const unsigned char	*p = (const unsigned char *)line;
	size_t			 len = 0, n;
	int			 w = 0, cw;

	while (p[len] != '\0') {
		n = p[len] < 0x80 ? 1 : p[len] >= 0xF0 ? 4 : p[len] >= 0xE0 ?
		    3 : 2;
		cw = p[len] < 0x80 ? 1 : 2;
		if (w + cw > cols)
			break;
		w += cw;
		len += n;
	}
	memcpy(out, line, len);
	out[len] = '\0';
	return w;
}

/* The terminal's width, or 80 when it does not say. */
static int
progress_columns(int fd)
{
	struct winsize	ws;

	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

static void
progress_write(int fd, const char *s, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = write(fd, s, len)) <= 0)
			return;	/* a progress line is not worth an error */
		s += n;
		len -= (size_t)n;
	}
}

/* Draws the line over the one before, cut to the terminal (a line that
 * wrapped could not be drawn over) and padded over the old one's end. */
static void
progress_draw(struct progress *p, const struct timespec *now, int finished)
{
	char	line[PROGRESS_LINE_MAX * 4], fit[PROGRESS_LINE_MAX * 4 + 2];
	char	out[sizeof fit + PROGRESS_LINE_MAX + 2];
	int	cols = progress_columns(p->fd) - 1, w;
	size_t	len;

	if (cols > PROGRESS_LINE_MAX)
		cols = PROGRESS_LINE_MAX;
	if (cols < 1)
		cols = 1;
	progress_format(line, sizeof line, p->what, p->unit, p->done,
	    p->total, progress_seconds(&p->phase_start, now), finished);
	w = progress_fit(line, cols, fit);
	out[0] = '\r';
	len = 1;
	memcpy(out + len, fit, strlen(fit));
	len += strlen(fit);
	for (; w < p->width && len + 1 < sizeof out; w++)
		out[len++] = ' ';
	progress_write(p->fd, out, len);
	p->width = w;
	p->last = *now;
	p->shown = 1;
}

void
progress_begin(struct progress *p, const char *what, const char *unit)
{
	memset(p, 0, sizeof *p);
	p->fd = STDERR_FILENO;
	p->tty = isatty(p->fd);
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->phase_start = p->start;
	p->what = what;
	p->unit = unit;
}

void
progress_phase(struct progress *p, const char *what, const char *unit)
{
	clock_gettime(CLOCK_MONOTONIC, &p->phase_start);
	p->what = what;
	p->unit = unit;
	p->done = 0;
	p->total = 0;
}

void
progress_update(struct progress *p, size_t done, size_t total)
{
	struct timespec	now;

	p->done = done;
	p->total = total;
	if (!p->tty)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (progress_seconds(&p->start, &now) < PROGRESS_DELAY)
		return;
	if (p->shown && progress_seconds(&p->last, &now) < PROGRESS_INTERVAL)
		return;
	progress_draw(p, &now, 0);
}

void
progress_tick(void *arg, size_t done, size_t total)
{
	progress_update(arg, done, total);
}

void
progress_end(struct progress *p)
{
	struct timespec	now;

	if (!p->shown)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	progress_draw(p, &now, 1);
	progress_write(p->fd, "\n", 1);
	p->shown = 0;
	p->width = 0;
}

void
progress_clear(struct progress *p)
{
	char	out[PROGRESS_LINE_MAX + 3];
	size_t	len = 0;
	int	w;

	if (!p->shown)
		return;
	out[len++] = '\r';
	for (w = 0; w < p->width && len + 2 < sizeof out; w++)
		out[len++] = ' ';
	out[len++] = '\r';
	progress_write(p->fd, out, len);
	p->shown = 0;
	p->width = 0;
}
