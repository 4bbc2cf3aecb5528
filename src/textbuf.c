/*
 * The multi-line text buffer (see textbuf.h). UTF-8 is encoded and
 * decoded here, not with the C library, so that the result does not
 * depend on the locale; widths come from textwidth.c.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/textbuf.h"
#include "shisaku/textwidth.h"
#include "shisaku/util.h"

#define TEXTBUF_REPLACEMENT ((wchar_t)0xFFFD)

/* Bytes of the UTF-8 form of wc. */
static size_t
textbuf_utf8_len(wchar_t wc)
{
	unsigned long	c = (unsigned long)wc;

	if (c < 0x80)
		return 1;
	if (c < 0x800)
		return 2;
	if (c < 0x10000)
		return 3;
	return 4;
}

static size_t
textbuf_utf8_put(char *out, wchar_t wc)
{
	unsigned long	c = (unsigned long)wc;

	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | (c >> 6));
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | (c >> 12));
		out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (c >> 18));
	out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	out[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

/*
 * Decodes one character of s (n bytes left, n > 0) into *wc; returns the
 * bytes used. An invalid, overlong or truncated sequence, or a surrogate,
 * gives U+FFFD for one byte.
 */
static size_t
textbuf_utf8_get(const unsigned char *s, size_t n, wchar_t *wc)
{
	unsigned long	c, min;
	size_t		need, i;

	if (s[0] < 0x80) {
		*wc = (wchar_t)s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		need = 2;
		c = s[0] & 0x1F;
		min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		need = 3;
		c = s[0] & 0x0F;
		min = 0x800;
	} else if ((s[0] & 0xF8) == 0xF0) {
		need = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	} else {
		*wc = TEXTBUF_REPLACEMENT;
		return 1;
	}
	if (n < need) {
		*wc = TEXTBUF_REPLACEMENT;
		return 1;
	}
	for (i = 1; i < need; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*wc = TEXTBUF_REPLACEMENT;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*wc = TEXTBUF_REPLACEMENT;
		return 1;
	}
	*wc = (wchar_t)c;
	return need;
}

/* C0 and C1 controls and DEL; the newline is handled by the callers. */
static int
textbuf_is_control(wchar_t wc)
{
	return wc < 0x20 || wc == 0x7F || (wc >= 0x80 && wc < 0xA0);
}

static void
textbuf_reserve(struct textbuf *tb, size_t n)
{
	if (n <= tb->cap)
		return;
	tb->cap = tb->cap == 0 ? 64 : tb->cap;
	while (tb->cap < n)
		tb->cap *= 2;
	tb->s = xreallocarray(tb->s, tb->cap, sizeof *tb->s);
}

void
textbuf_init(struct textbuf *tb, size_t max_bytes)
{
	memset(tb, 0, sizeof *tb);
	tb->max_bytes = max_bytes;
}

void
textbuf_free(struct textbuf *tb)
{
	free(tb->s);
	tb->s = NULL;
	tb->len = tb->cap = tb->cur = tb->bytes = 0;
}

void
textbuf_set(struct textbuf *tb, const char *utf8)
{
	const unsigned char	*p = (const unsigned char *)(utf8 != NULL ?
				    utf8 : "");
	size_t			 n = strlen((const char *)p), k;
	wchar_t			 wc;

	tb->len = tb->cur = tb->bytes = 0;
	/* At most one character per byte. */
	textbuf_reserve(tb, n + 1);
	while (n > 0) {
		k = textbuf_utf8_get(p, n, &wc);
		p += k;
		n -= k;
		if (wc == L'\r') {
			if (n > 0 && *p == '\n')
				continue;	/* the \n that follows ends it */
			wc = L'\n';
		} else if (wc == L'\t')
			wc = L' ';
		else if (wc != L'\n' && textbuf_is_control(wc))
			continue;
		tb->s[tb->len++] = wc;
		tb->bytes += textbuf_utf8_len(wc);
	}
}

char *
textbuf_get(const struct textbuf *tb)
{
	char	*out = xmalloc(tb->bytes + 1);
	size_t	 i, o = 0;

	for (i = 0; i < tb->len; i++)
		o += textbuf_utf8_put(out + o, tb->s[i]);
	out[o] = '\0';
	return out;
}

int
textbuf_insert(struct textbuf *tb, wchar_t wc)
{
	size_t	k;

	if (wc != L'\n' && textbuf_is_control(wc))
		return -1;
	if ((unsigned long)wc > 0x10FFFF ||
	    ((unsigned long)wc >= 0xD800 && (unsigned long)wc <= 0xDFFF))
		return -1;
	k = textbuf_utf8_len(wc);
	if (tb->max_bytes != 0 && tb->bytes + k > tb->max_bytes)
		return -1;
	textbuf_reserve(tb, tb->len + 1);
	memmove(tb->s + tb->cur + 1, tb->s + tb->cur,
	    (tb->len - tb->cur) * sizeof *tb->s);
	tb->s[tb->cur++] = wc;
	tb->len++;
	tb->bytes += k;
	return 0;
}

/* Removes the character at position i. */
static void
textbuf_remove(struct textbuf *tb, size_t i)
{
	tb->bytes -= textbuf_utf8_len(tb->s[i]);
	memmove(tb->s + i, tb->s + i + 1, (tb->len - i - 1) * sizeof *tb->s);
	tb->len--;
}

int
textbuf_backspace(struct textbuf *tb)
{
	if (tb->cur == 0)
		return 0;
	textbuf_remove(tb, --tb->cur);
	return 1;
}

int
textbuf_delete(struct textbuf *tb)
{
	if (tb->cur >= tb->len)
		return 0;
	textbuf_remove(tb, tb->cur);
	return 1;
}

int
textbuf_left(struct textbuf *tb)
{
	if (tb->cur == 0)
		return 0;
	tb->cur--;
	return 1;
}

int
textbuf_right(struct textbuf *tb)
{
	if (tb->cur >= tb->len)
		return 0;
	tb->cur++;
	return 1;
}

void
textbuf_home(struct textbuf *tb)
{
	while (tb->cur > 0 && tb->s[tb->cur - 1] != L'\n')
		tb->cur--;
}

void
textbuf_end(struct textbuf *tb)
{
	while (tb->cur < tb->len && tb->s[tb->cur] != L'\n')
		tb->cur++;
}

/* Closing punctuation that Japanese typesetting never puts at the start
 * of a line. */
static int
textbuf_no_row_start(wchar_t wc)
{
	static const wchar_t	closing[] = L"。、，．）」』】〕〉》｝］！？・ー：；";

	return wc != L'\0' && wcschr(closing, wc) != NULL;
}

/* Columns taken by s[from .. to - 1]. */
static int
textbuf_width(const struct textbuf *tb, size_t from, size_t to)
{
	int	w = 0;

	for (; from < to; from++)
		w += tw_wcwidth(tb->s[from]);
	return w;
}

static void
textbuf_row_add(struct textbuf_row **rows, size_t *n, size_t *cap,
    size_t start, size_t len, int hard)
{
	if (*n == *cap) {
		*cap = *cap == 0 ? 16 : *cap * 2;
		*rows = xreallocarray(*rows, *cap, sizeof **rows);
	}
	(*rows)[*n].start = start;
	(*rows)[*n].len = len;
	(*rows)[*n].hard = hard;
	(*n)++;
}

size_t
textbuf_layout(const struct textbuf *tb, int cols, struct textbuf_row **rows)
{
	size_t	n = 0, cap = 0, start = 0, i;
	int	w = 0, cw;

	if (cols < 2)
		cols = 2;
	*rows = NULL;
	for (i = 0; i < tb->len; i++) {
		if (tb->s[i] == L'\n') {
			textbuf_row_add(rows, &n, &cap, start, i - start, 1);
			start = i + 1;
			w = 0;
			continue;
		}
		cw = tw_wcwidth(tb->s[i]);
		if (w + cw > cols && i > start) {
			size_t	brk = i;

			/* 。、）」 … do not start a row: the character before
			 * goes down with it. */
			if (cols >= 4 && textbuf_no_row_start(tb->s[i]) &&
			    i - start >= 2 &&
			    tb->s[i - 1] != L'\n')
				brk = i - 1;
			textbuf_row_add(rows, &n, &cap, start, brk - start, 0);
			start = brk;
			w = textbuf_width(tb, brk, i);
		}
		w += cw;
	}
	textbuf_row_add(rows, &n, &cap, start, tb->len - start, 0);
	/* A full last row: the cursor after it goes on a row of its own. */
	if (w >= cols && tb->len > start)
		textbuf_row_add(rows, &n, &cap, tb->len, 0, 0);
	return n;
}

void
textbuf_locate(const struct textbuf *tb, const struct textbuf_row *rows,
    size_t nrows, size_t pos, size_t *row, int *col)
{
	size_t	lo = 0, hi = nrows, mid;

	/* The last row starting at or before pos. */
	while (hi - lo > 1) {
		mid = (lo + hi) / 2;
		if (rows[mid].start <= pos)
			lo = mid;
		else
			hi = mid;
	}
	*row = lo;
	*col = textbuf_width(tb, rows[lo].start, pos);
}

/* The last position the cursor can take on row r: before the newline of
 * a hard row, the end of the text on the last row, else on the row's last
 * character (the position after it is shown on the next row). */
static size_t
textbuf_row_last(const struct textbuf_row *rows, size_t nrows, size_t r)
{
	if (rows[r].hard || r + 1 == nrows || rows[r].len == 0)
		return rows[r].start + rows[r].len;
	return rows[r].start + rows[r].len - 1;
}

int
textbuf_vertical(struct textbuf *tb, int cols, int delta, int *goal)
{
	struct textbuf_row	*rows;
	size_t			 n, row, target, pos, last;
	int			 col, w = 0, cw;

	n = textbuf_layout(tb, cols, &rows);
	textbuf_locate(tb, rows, n, tb->cur, &row, &col);
	if (*goal < 0)
		*goal = col;
	if (delta < 0)
		target = (size_t)-delta > row ? 0 : row - (size_t)-delta;
	else
		target = row + (size_t)delta >= n ? n - 1 : row + (size_t)delta;
	if (target == row) {
		free(rows);
		return 0;
	}
	pos = rows[target].start;
	last = textbuf_row_last(rows, n, target);
	while (pos < last) {
		cw = tw_wcwidth(tb->s[pos]);
		if (w + cw > *goal)
			break;
		w += cw;
		pos++;
	}
	tb->cur = pos;
	free(rows);
	return 1;
}
