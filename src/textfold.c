/*
 * Folding text for search and for codes typed by hand (see textfold.h):
 * one character to one character, so that a match found in the folded
 * form is a match of whole characters in the original.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/textfold.h"
#include "shisaku/util.h"

/* A byte that begins no valid UTF-8 sequence: kept as it is. */
#define TF_RAW 0xFFFFFFFFUL

/* Decodes one character of s (NUL-ended); returns its bytes (0 at the
 * end) and sets *c, TF_RAW for an invalid byte (then 1 byte). */
static size_t
tf_decode(const char *s, unsigned long *c)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned long		 v, min;
	size_t			 n, i;

	if (u[0] == 0)
		return 0;
	if (u[0] < 0x80) {
		*c = u[0];
		return 1;
	}
	if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		n = 2; v = u[0] & 0x1F; min = 0x80;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		n = 3; v = u[0] & 0x0F; min = 0x800;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		n = 4; v = u[0] & 0x07; min = 0x10000;
	} else {
		*c = TF_RAW;
		return 1;
	}
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*c = TF_RAW;
			return 1;
		}
		v = (v << 6) | (u[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
		*c = TF_RAW;
		return 1;
	}
	*c = v;
	return n;
}

/* A character as typed with the input method off: full-width ASCII as
 * ASCII, U+3000 as a space, the hyphens and minus as '-'. */
static unsigned long
tf_narrow_char(unsigned long c)
{
	if (c >= 0xFF01 && c <= 0xFF5E)
		c = c - 0xFF01 + 0x21;		/* full-width ASCII */
	else if (c == 0x3000)
		c = ' ';
	else if ((c >= 0x2010 && c <= 0x2013) || c == 0x2212)
		c = '-';
	return c;
}

static unsigned long
tf_fold_char(unsigned long c)
{
	c = tf_narrow_char(c);
	if (c >= 'A' && c <= 'Z')
		c = c - 'A' + 'a';
	return c;
}

/* Writes c as UTF-8 into out; returns the bytes. */
static size_t
tf_encode(unsigned long c, char *out)
{
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

/* The folded bytes of the character at s into out (4 bytes); returns
 * their count and sets *used to the bytes of s read (0 at the end). */
static size_t
tf_fold_one(const char *s, char *out, size_t *used)
{
	unsigned long	c;

	if ((*used = tf_decode(s, &c)) == 0)
		return 0;
	if (c == TF_RAW) {
		out[0] = s[0];
		return 1;
	}
	return tf_encode(tf_fold_char(c), out);
}

size_t
tf_fold_into(const char *s, size_t len, char *out)
{
	const char	*end = s + len;
	size_t		 o = 0, used, n;
	char		 one[4];

	while (s < end && *s != '\0') {
		const unsigned char *u = (const unsigned char *)s;

		/* Most of a plan's text folds to itself: ASCII but capitals,
		 * and the three-byte characters from U+3001 to U+CFFF and
		 * U+E000 to U+EFFF (kana, kanji, Hangul, private use), which
		 * no rule of tf_fold_char touches; copied without decoding. */
		if (u[0] < 0x80 && (u[0] < 'A' || u[0] > 'Z')) {
			out[o++] = *s++;
			continue;
		}
		if (u[0] >= 0xE3 && u[0] <= 0xEE && u[0] != 0xED &&
		    end - s >= 3 && (u[1] & 0xC0) == 0x80 &&
		    (u[2] & 0xC0) == 0x80 &&
		    !(u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80)) {
			memcpy(out + o, s, 3);
			o += 3;
			s += 3;
			continue;
		}
		n = tf_fold_one(s, one, &used);
		/* A sequence cut by len is kept as raw bytes. */
		if (s + used > end) {
			out[o++] = *s++;
			continue;
		}
		memcpy(out + o, one, n);
		o += n;
		s += used;
	}
	out[o] = '\0';
	return o;
}

char *
tf_fold(const char *s)
{
	size_t	 len = strlen(s);
	char	*out = xmalloc(len + 1);

	tf_fold_into(s, len, out);
	return out;
}

char *
tf_narrow(const char *s)
{
	char		*out = xmalloc(strlen(s) + 1);
	size_t		 o = 0, used;
	unsigned long	 c;

	while ((used = tf_decode(s, &c)) > 0) {
		/* The hyphen key in kana mode gives ー: after a letter or
		 * digit ("１ー１") it was meant as one. */
		if (c == 0x30FC && o > 0 && (unsigned char)out[o - 1] < 0x80 &&
		    isalnum((unsigned char)out[o - 1]))
			c = '-';
		if (c == TF_RAW)
			out[o++] = *s;
		else
			o += tf_encode(tf_narrow_char(c), out + o);
		s += used;
	}
	out[o] = '\0';
	return out;
}

char *
tf_narrowed(const char *s)
{
	char	*narrow = tf_narrow(s);

	if (strcmp(narrow, s) != 0)
		return narrow;
	free(narrow);
	return NULL;
}

const char *
tf_find(const char *hay, const char *needle, size_t *len)
{
	char		*fn, one[4];
	const char	*p, *q;
	size_t		 fnlen, k, n, used;

	if (len != NULL)
		*len = 0;
	if (hay == NULL || needle == NULL)
		return NULL;
	fn = tf_fold(needle);
	fnlen = strlen(fn);
	for (p = hay;; p += used) {
		q = p;
		k = 0;
		while (k < fnlen) {
			n = tf_fold_one(q, one, &used);
			if (n == 0 || k + n > fnlen ||
			    memcmp(one, fn + k, n) != 0)
				break;
			k += n;
			q += used;
		}
		if (k == fnlen) {
			free(fn);
			if (len != NULL)
				*len = (size_t)(q - p);
			return p;
		}
		if (tf_fold_one(p, one, &used) == 0)
			break;
	}
	free(fn);
	return NULL;
}

int
tf_contains(const char *hay, const char *needle)
{
	return tf_find(hay, needle, NULL) != NULL;
}

char *
tf_code_key(const char *code)
{
	static const char *const roman[] = {
		"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
		"xi", "xii"
	};
	static const struct {
		const char	*open, *close;
	} pairs[] = {
		{ "\xe3\x80\x90", "\xe3\x80\x91" },	/* 【】 */
		{ "\xe3\x80\x8c", "\xe3\x80\x8d" },	/* 「」 */
		{ "[", "]" },
	};
	char		*f = tf_fold(code), *out, *p;
	const char	*s;
	size_t		 o = 0, used, i, lo, lc, len;
	unsigned long	 c;

	/* Roman numerals grow from 3 bytes to at most 4. */
	out = xmalloc(strlen(f) * 2 + 1);
	for (s = f; (used = tf_decode(s, &c)) > 0; s += used) {
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c >= 0x2160 && c <= 0x216B)
			c += 0x10;			/* Ⅰ as ⅰ */
		if (c >= 0x2170 && c <= 0x217B) {
			len = strlen(roman[c - 0x2170]);
			memcpy(out + o, roman[c - 0x2170], len);
			o += len;
		} else if (c == 0x2116) {		/* № */
			memcpy(out + o, "no", 2);
			o += 2;
		} else {
			memcpy(out + o, s, used);
			o += used;
		}
	}
	out[o] = '\0';
	free(f);
	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		lo = strlen(pairs[i].open);
		lc = strlen(pairs[i].close);
		len = strlen(out);
		if (len >= lo + lc && strncmp(out, pairs[i].open, lo) == 0 &&
		    strcmp(out + len - lc, pairs[i].close) == 0) {
			out[len - lc] = '\0';
			memmove(out, out + lo, len - lc - lo + 1);
			break;
		}
	}
	if (strncmp(out, "no", 2) == 0) {
		p = out + 2;
		if (*p == '.')
			p++;
		if (*p >= '0' && *p <= '9')
			memmove(out, p, strlen(p) + 1);
	}
	return out;
}

char *
tf_excerpt(const char *text, const char *needle, size_t before,
    size_t *at, size_t *len)
{
	const char	*m, *start;
	size_t		 mlen = 0, n, pre, i;
	char		*out, *o;

	if (at != NULL)
		*at = 0;
	if (len != NULL)
		*len = 0;
	if (text == NULL)
		return xstrdup("");
	m = needle != NULL && *needle != '\0' ? tf_find(text, needle, &mlen) :
	    NULL;
	start = m != NULL ? m : text;
	for (i = 0; i < before && start > text; i++) {
		start--;
		while (start > text && (*start & 0xC0) == 0x80)
			start--;
	}
	pre = start > text ? 3 : 0;
	n = strlen(start);
	out = o = xmalloc(pre + n + 1);
	if (pre > 0) {
		memcpy(o, "...", 3);
		o += 3;
	}
	for (i = 0; i < n; i++)
		o[i] = start[i] == '\n' || start[i] == '\r' || start[i] == '\t' ?
		    ' ' : start[i];
	o[n] = '\0';
	if (m != NULL) {
		if (at != NULL)
			*at = pre + (size_t)(m - start);
		if (len != NULL)
			*len = mlen;
	}
	return out;
}
