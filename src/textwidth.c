/*
 * Display width of UTF-8 text in terminal columns (see textwidth.h).
 *
 * UTF-8 is decoded here rather than with mbrtowc so that invalid input is
 * handled the same way whatever the locale; widths come from glibc
 * (wcswidth, the UTF-8 charmap's widths) except for the East Asian
 * "ambiguous" characters, which count 2 when the terminal draws them wide.
 * No curses.
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700	/* wcswidth */
#endif

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "shisaku/textwidth.h"
#include "shisaku/util.h"

/* What the decoder returns for a byte that does not start a valid
 * sequence; it is shown as '?'. */
#define TW_INVALID ((wchar_t)-1)

static int tw_ambiguous_wide;

/*
 * East Asian Width "A" characters that Japanese documents use: Latin-1
 * signs, Greek and Cyrillic, punctuation (‐ – — ‘ ’ “ ” † ‥ … ‰ ′ ″ ※),
 * letterlike symbols (℃ № ℡), roman numerals, arrows, mathematical
 * operators, circled numbers, box drawing, blocks, geometric shapes
 * (■ □ ▲ △ ▶ ▼ ◀ ◆ ◇ ○ ◎ ●), stars, card suits, notes and the
 * replacement character. Sorted, for binary search.
 */
static const struct tw_range {
	wchar_t	first, last;
} tw_ambiguous[] = {
	{ 0x00A1, 0x00A1 }, { 0x00A4, 0x00A4 }, { 0x00A7, 0x00A8 },
	{ 0x00AA, 0x00AA }, { 0x00AD, 0x00AE }, { 0x00B0, 0x00B4 },
	{ 0x00B6, 0x00BA }, { 0x00BC, 0x00BF }, { 0x00C6, 0x00C6 },
	{ 0x00D0, 0x00D0 }, { 0x00D7, 0x00D8 }, { 0x00DE, 0x00E1 },
	{ 0x00E6, 0x00E6 }, { 0x00E8, 0x00EA }, { 0x00EC, 0x00ED },
	{ 0x00F0, 0x00F0 }, { 0x00F2, 0x00F3 }, { 0x00F7, 0x00FA },
	{ 0x00FC, 0x00FC }, { 0x00FE, 0x00FE },
	{ 0x0391, 0x03A1 }, { 0x03A3, 0x03A9 }, { 0x03B1, 0x03C1 },
	{ 0x03C3, 0x03C9 }, { 0x0401, 0x0401 }, { 0x0410, 0x044F },
	{ 0x0451, 0x0451 },
	{ 0x2010, 0x2010 }, { 0x2013, 0x2016 }, { 0x2018, 0x2019 },
	{ 0x201C, 0x201D }, { 0x2020, 0x2022 }, { 0x2024, 0x2027 },
	{ 0x2030, 0x2030 }, { 0x2032, 0x2033 }, { 0x2035, 0x2035 },
	{ 0x203B, 0x203B }, { 0x203E, 0x203E },
	{ 0x2103, 0x2103 }, { 0x2105, 0x2105 }, { 0x2109, 0x2109 },
	{ 0x2113, 0x2113 }, { 0x2116, 0x2116 }, { 0x2121, 0x2122 },
	{ 0x2126, 0x2126 }, { 0x212B, 0x212B },
	{ 0x2153, 0x2154 }, { 0x215B, 0x215E }, { 0x2160, 0x216B },
	{ 0x2170, 0x2179 },
	{ 0x2190, 0x2199 }, { 0x21B8, 0x21B9 }, { 0x21D2, 0x21D2 },
	{ 0x21D4, 0x21D4 }, { 0x21E7, 0x21E7 },
	{ 0x2200, 0x2200 }, { 0x2202, 0x2203 }, { 0x2207, 0x2208 },
	{ 0x220B, 0x220B }, { 0x220F, 0x220F }, { 0x2211, 0x2211 },
	{ 0x2215, 0x2215 }, { 0x221A, 0x221A }, { 0x221D, 0x2220 },
	{ 0x2223, 0x2223 }, { 0x2225, 0x2225 }, { 0x2227, 0x222C },
	{ 0x222E, 0x222E }, { 0x2234, 0x2237 }, { 0x223C, 0x223D },
	{ 0x2248, 0x2248 }, { 0x224C, 0x224C }, { 0x2252, 0x2252 },
	{ 0x2260, 0x2261 }, { 0x2264, 0x2267 }, { 0x226A, 0x226B },
	{ 0x226E, 0x226F }, { 0x2282, 0x2283 }, { 0x2286, 0x2287 },
	{ 0x2295, 0x2295 }, { 0x2299, 0x2299 }, { 0x22A5, 0x22A5 },
	{ 0x22BF, 0x22BF }, { 0x2312, 0x2312 },
	{ 0x2460, 0x24E9 }, { 0x24EB, 0x254B }, { 0x2550, 0x2573 },
	{ 0x2580, 0x258F }, { 0x2592, 0x2595 }, { 0x25A0, 0x25A1 },
	{ 0x25A3, 0x25A9 }, { 0x25B2, 0x25B3 }, { 0x25B6, 0x25B7 },
	{ 0x25BC, 0x25BD }, { 0x25C0, 0x25C1 }, { 0x25C6, 0x25C8 },
	{ 0x25CB, 0x25CB }, { 0x25CE, 0x25D1 }, { 0x25E2, 0x25E5 },
	{ 0x25EF, 0x25EF },
	{ 0x2605, 0x2606 }, { 0x2609, 0x2609 }, { 0x260E, 0x260F },
	{ 0x261C, 0x261C }, { 0x261E, 0x261E }, { 0x2640, 0x2640 },
	{ 0x2642, 0x2642 }, { 0x2660, 0x2661 }, { 0x2663, 0x2665 },
	{ 0x2667, 0x266A }, { 0x266C, 0x266D }, { 0x266F, 0x266F },
	{ 0x273D, 0x273D }, { 0x2776, 0x277F }, { 0x2B56, 0x2B59 },
	{ 0x3248, 0x324F }, { 0xFFFD, 0xFFFD },
};
#define TW_NAMBIGUOUS (sizeof tw_ambiguous / sizeof tw_ambiguous[0])

/* Characters a wrapped line should not start with (kinsoku): the line
 * before gives up its last character instead. */
static const wchar_t tw_no_line_start[] = {
	0x3001, 0x3002, 0xFF0C, 0xFF0E,		/* 、 。 ， ． */
	0xFF09, 0x300D, 0x300F, 0x3011,		/* ） 」 』 】 */
	0x3015, 0x3009, 0x300B, 0xFF3D,		/* 〕 〉 》 ］ */
	0xFF5D, 0xFF01, 0xFF1F, 0xFF1A,		/* ｝ ！ ？ ： */
	0xFF1B, 0x30FB, 0x30FC, 0x309D,		/* ； ・ ー ゝ */
	0x30FD, 0x3005,				/* ヽ 々 */
	0
};

/* Characters a wrapped line should not end with: opening marks, which
 * go down to the line they open. */
static const wchar_t tw_no_line_end[] = {
	0xFF08, 0x300C, 0x300E, 0x3010,		/* （ 「 『 【 */
	0x3014, 0x3008, 0x300A, 0xFF3B,		/* 〔 〈 《 ［ */
	0xFF5B, 0x201C, 0x2018,			/* ｛ “ ‘ */
	0
};

void
tw_set_ambiguous_wide(int wide)
{
	tw_ambiguous_wide = wide != 0;
}

static int
tw_is_ambiguous(wchar_t wc)
{
	size_t	lo = 0, hi = TW_NAMBIGUOUS;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (wc < tw_ambiguous[mid].first)
			hi = mid;
		else if (wc > tw_ambiguous[mid].last)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

/*
 * Decodes one UTF-8 character at s (NUL-terminated). Returns the bytes
 * used (1 for an invalid byte, with *wc = TW_INVALID; 0 at the end).
 * Overlong forms, surrogates and values past U+10FFFF are invalid.
 */
static size_t
tw_decode(const char *s, wchar_t *wc)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned long		 c, min;
	size_t			 n, i;

	if (u[0] == 0) {
		*wc = 0;
		return 0;
	}
	if (u[0] < 0x80) {
		*wc = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		n = 2; c = u[0] & 0x1F; min = 0x80;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		n = 3; c = u[0] & 0x0F; min = 0x800;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4; c = u[0] & 0x07; min = 0x10000;
	} else {
		*wc = TW_INVALID;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*wc = TW_INVALID;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
		*wc = TW_INVALID;
		return 1;
	}
	*wc = (wchar_t)c;
	return n;
}

static int
tw_is_control(wchar_t wc)
{
	return wc < 0x20 || (wc >= 0x7F && wc < 0xA0);
}

/* glibc's widths of the Basic Multilingual Plane, each asked once:
 * width + 2, 0 when not asked yet. (Every text drawn and every report
 * line is measured character by character.) They come from the UTF-8
 * charmap, the same in every UTF-8 locale, and the program measures
 * text only under one (main.c). */
static unsigned char tw_bmp_width[0x10000];

/* glibc's width, asked through wcswidth so that a wcwidth defined by the
 * program (the terminal front end makes ncurses agree with us) is never
 * called from here. */
static int
tw_glibc_width(wchar_t wc)
{
	wchar_t	s[2];
	int	w;

	if (wc >= 0x20 && wc < 0x7F)
		return 1;
	if (wc >= 0 && wc < 0x10000 && tw_bmp_width[wc] != 0)
		return tw_bmp_width[wc] - 2;
	s[0] = wc;
	s[1] = L'\0';
	if ((w = wcswidth(s, 1)) < 0)
		w = -1;
	if (wc >= 0 && wc < 0x10000)
		tw_bmp_width[wc] = (unsigned char)(w + 2);
	return w;
}

int
tw_wcwidth(wchar_t wc)
{
	int	w;

	if (wc == L'\0')
		return 0;
	if (wc == TW_INVALID || tw_is_control(wc))
		return 1;
	w = tw_glibc_width(wc);
	if (w < 0)
		return 1;
	if (w == 1 && tw_ambiguous_wide && tw_is_ambiguous(wc))
		return 2;
	return w;
}

/*
 * How one decoded character is shown: the bytes to copy (or a
 * replacement) and the columns it takes. Returns 0 when the character is
 * dropped (control characters other than tab and newline).
 */
static int
tw_shown(const char *p, size_t n, wchar_t wc, const char **bytes,
    size_t *len, int *width)
{
	if (wc == L'\n' || wc == L'\t') {
		*bytes = " ";
		*len = 1;
		*width = 1;
		return 1;
	}
	if (wc != TW_INVALID && tw_is_control(wc))
		return 0;
	if (wc == TW_INVALID || tw_glibc_width(wc) < 0) {
		*bytes = "?";
		*len = 1;
		*width = 1;
		return 1;
	}
	*bytes = p;
	*len = n;
	*width = tw_wcwidth(wc);
	return 1;
}

int
tw_width(const char *s)
{
	const char	*bytes;
	size_t		 n, len;
	wchar_t		 wc;
	int		 total = 0, w;

	if (s == NULL)
		return 0;
	while ((n = tw_decode(s, &wc)) > 0) {
		if (tw_shown(s, n, wc, &bytes, &len, &w))
			total += w;
		s += n;
	}
	return total;
}

/* Copies what fits in budget columns into out (room for size - 1 bytes
 * plus NUL); *cut tells whether something visible was left over. */
static int
tw_copy_fitting(const char *s, int budget, char *out, size_t size, int *cut)
{
	const char	*bytes;
	size_t		 n, len, o = 0;
	wchar_t		 wc;
	int		 used = 0, w;

	*cut = 0;
	while ((n = tw_decode(s, &wc)) > 0) {
		if (!tw_shown(s, n, wc, &bytes, &len, &w)) {
			s += n;
			continue;
		}
		if (used + w > budget || o + len + 1 > size) {
			*cut = 1;
			break;
		}
		memcpy(out + o, bytes, len);
		o += len;
		used += w;
		s += n;
	}
	out[o] = '\0';
	return used;
}

int
tw_fit(const char *s, int cols, int pad, int ellipsis, char *out, size_t size)
{
	size_t	o, room;
	int	used, cut, mark, upto;

	if (out == NULL || size == 0)
		return 0;
	out[0] = '\0';
	if (s == NULL)
		s = "";
	if (cols <= 0)
		return 0;
	used = tw_copy_fitting(s, cols, out, size, &cut);
	mark = cut && ellipsis && size >= 2;
	if (mark)	/* leave the last column and a byte for the '~' */
		used = tw_copy_fitting(s, cols - 1, out, size - 1, &cut);
	o = strlen(out);
	room = mark ? size - 1 : size;
	/* With a mark, the gap a wide character left is filled so the '~'
	 * always lands on the last column. */
	upto = mark ? cols - 1 : pad ? cols : used;
	while (used < upto && o + 1 < room) {
		out[o++] = ' ';
		used++;
	}
	if (mark) {
		out[o++] = '~';
		used++;
	}
	out[o] = '\0';
	return used;
}

/* The width of the parts of a line when the shrinkable ones take at
 * most cap columns each. */
static long
tw_parts_width(const int *w, const int *shrink, size_t n, int cap)
{
	long	total = 0;
	size_t	i;

	for (i = 0; i < n; i++)
		total += shrink[i] && w[i] > cap ? cap : w[i];
	return total;
}

char *
tw_fit_parts(const char *const *parts, const int *shrink, size_t n,
    int cols, int min)
{
	int	*w, cap = 0, c;
	long	 spare;
	size_t	 i, size = 1, o = 0, len;
	char	*out;

	w = xcalloc(n > 0 ? n : 1, sizeof *w);
	for (i = 0; i < n; i++) {
		w[i] = tw_width(parts[i]);
		if (shrink[i] && w[i] > cap)
			cap = w[i];
		size += (parts[i] != NULL ? strlen(parts[i]) : 0) +
		    (size_t)w[i] + 2;
	}
	if (min < 1)
		min = 1;
	/* The widest cap that lets the line fit, but no narrower than min:
	 * only the parts wider than the cap are cut. */
	while (cap > min && tw_parts_width(w, shrink, n, cap) > cols)
		cap--;
	/* Columns the cap leaves unused go to the cut parts, first first. */
	spare = cols - tw_parts_width(w, shrink, n, cap);
	if (spare < 0)
		spare = 0;
	out = xmalloc(size);
	for (i = 0; i < n; i++) {
		const char	*s = parts[i] != NULL ? parts[i] : "";

		/* The columns part i gets: its own, or the cap and what is
		 * spare of the line. */
		c = w[i];
		if (shrink[i] && w[i] > cap) {
			c = cap + (int)(spare < w[i] - cap ? spare :
			    w[i] - cap);
			spare -= c - cap;
		}
		if (c >= w[i]) {
			len = strlen(s);
			memcpy(out + o, s, len);
			o += len;
		} else {
			tw_fit(s, c, 0, 1, out + o, size - o);
			o += strlen(out + o);
		}
	}
	out[o] = '\0';
	free(w);
	return out;
}

static int
tw_is_in(const wchar_t *set, wchar_t wc)
{
	const wchar_t	*p;

	for (p = set; *p != 0; p++)
		if (*p == wc)
			return 1;
	return 0;
}

/* How many characters a line's break may move back over (kinsoku). */
#define TW_CARRY_MAX 4

/* Whether a line may break between a character before and next. */
static int
tw_may_break(wchar_t before, wchar_t next)
{
	return !(next != TW_INVALID && tw_is_in(tw_no_line_start, next)) &&
	    !tw_is_in(tw_no_line_end, before);
}

size_t
tw_wrap(const char *s, int cols, size_t *starts, size_t *lens, size_t max)
{
	/* The last characters of the line (of some width), where a break
	 * may move back to. */
	struct { const char *at; int w; wchar_t wc; } last[TW_CARRY_MAX];
	const char	*p, *line, *bytes, *brk;
	size_t		 nlines = 0, n, len, nl = 0, i, k;
	wchar_t		 wc, next;
	int		 used = 0, w;

	if (s == NULL)
		return 0;
	if (cols < 1)
		cols = 1;
#define TW_EMIT(from, to) do {						\
	if (nlines < max) {						\
		if (starts != NULL)					\
			starts[nlines] = (size_t)((from) - s);		\
		if (lens != NULL)					\
			lens[nlines] = (size_t)((to) - (from));		\
	}								\
	nlines++;							\
} while (0)
	p = line = s;
	while ((n = tw_decode(p, &wc)) > 0) {
		if (wc == L'\n') {
			TW_EMIT(line, p);
			p += n;
			line = p;
			used = 0;
			nl = 0;
			continue;
		}
		if (!tw_shown(p, n, wc, &bytes, &len, &w))
			w = 0;
		if (used + w > cols && p > line) {
			/* Kinsoku: no line starts with a closing mark or ends
			 * with an opening one; the characters around go down
			 * with it, unless that would empty the line. */
			i = nl;
			next = wc;
			while (i > 0 && !tw_may_break(last[i - 1].wc, next) &&
			    last[i - 1].at > line)
				next = last[--i].wc;
			if (i > 0 && !tw_may_break(last[i - 1].wc, next))
				i = nl;		/* no better place: break here */
			brk = i < nl ? last[i].at : p;
			TW_EMIT(line, brk);
			line = brk;
			used = 0;
			for (k = i; k < nl; k++) {
				used += last[k].w;
				last[k - i] = last[k];
			}
			nl -= i;
			continue;
		}
		used += w;
		if (w > 0) {
			if (nl == TW_CARRY_MAX) {
				memmove(last, last + 1, (nl - 1) * sizeof last[0]);
				nl--;
			}
			last[nl].at = p;
			last[nl].w = w;
			last[nl].wc = wc;
			nl++;
		}
		p += n;
	}
	if (p > line)
		TW_EMIT(line, p);
#undef TW_EMIT
	return nlines;
}

/* Decodes s into a new array of folded characters for tw_contains; with
 * at not NULL also the byte offset of each (and of the end) in a new
 * array *at. */
static wchar_t *
tw_fold_at(const char *s, size_t *count, size_t **at)
{
	const char	*base = s;
	wchar_t		*out, wc;
	size_t		 n, i = 0;

	out = xreallocarray(NULL, strlen(s) + 1, sizeof *out);
	if (at != NULL)
		*at = xreallocarray(NULL, strlen(s) + 1, sizeof **at);
	while ((n = tw_decode(s, &wc)) > 0) {
		if (at != NULL)
			(*at)[i] = (size_t)(s - base);
		if (wc == TW_INVALID)
			wc = 0xFFFD;
		else if (wc >= 0xFF01 && wc <= 0xFF5E)
			wc = wc - 0xFF01 + 0x21;	/* full-width ASCII */
		else if (wc == 0x3000)
			wc = L' ';
		if (wc >= L'A' && wc <= L'Z')
			wc = wc - L'A' + L'a';
		out[i++] = wc;
		s += n;
	}
	out[i] = L'\0';
	if (at != NULL)
		(*at)[i] = (size_t)(s - base);
	*count = i;
	return out;
}

static wchar_t *
tw_fold(const char *s, size_t *count)
{
	return tw_fold_at(s, count, NULL);
}

int
tw_contains(const char *hay, const char *needle)
{
	wchar_t	*h, *nd;
	size_t	 nh, nn, i;
	int	 found = 0;

	if (needle == NULL || *needle == '\0')
		return 1;
	if (hay == NULL)
		return 0;
	h = tw_fold(hay, &nh);
	nd = tw_fold(needle, &nn);
	if (nn <= nh) {
		for (i = 0; i + nn <= nh && !found; i++)
			found = wmemcmp(h + i, nd, nn) == 0;
	}
	free(h);
	free(nd);
	return found;
}

long
tw_find(const char *hay, const char *needle, size_t from, size_t *len)
{
	wchar_t	*h, *nd;
	size_t	*at, nh, nn, i;
	long	 found = -1;

	if (len != NULL)
		*len = 0;
	if (hay == NULL || needle == NULL || *needle == '\0' ||
	    from > strlen(hay))
		return -1;
	h = tw_fold_at(hay, &nh, &at);
	nd = tw_fold(needle, &nn);
	for (i = 0; nn <= nh && i + nn <= nh; i++) {
		if (at[i] < from || wmemcmp(h + i, nd, nn) != 0)
			continue;
		found = (long)at[i];
		if (len != NULL)
			*len = at[i + nn] - at[i];
		break;
	}
	free(h);
	free(nd);
	free(at);
	return found;
}
