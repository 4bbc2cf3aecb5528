/*
 * File encodings Excel reads and writes (see textenc.h), through the C
 * library's iconv: detection by BOM and validity, decoding to UTF-8, and
 * encoding to CP932 with the well-known pairs mapped both ways.
 */
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shisaku/textenc.h"
#include "shisaku/util.h"
#include "shisaku/value.h"

/* Unicode characters CP932 lacks, each with the look-alike CP932 holds
 * in its place (the Microsoft mapping of the JIS characters). Reading a
 * CP932 file maps the right column back to the left. */
static const struct {
	unsigned	 unicode;
	unsigned	 cp932;
} pairs[] = {
	{ 0x2014, 0x2015 },	/* — EM DASH → ― HORIZONTAL BAR */
	{ 0x301C, 0xFF5E },	/* 〜 WAVE DASH → ～ FULLWIDTH TILDE */
	{ 0x2016, 0x2225 },	/* ‖ DOUBLE VERTICAL LINE → ∥ PARALLEL TO */
	{ 0x2212, 0xFF0D },	/* − MINUS SIGN → － FULLWIDTH HYPHEN-MINUS */
	{ 0x00A2, 0xFFE0 },	/* ¢ → ￠ */
	{ 0x00A3, 0xFFE1 },	/* £ → ￡ */
	{ 0x00AC, 0xFFE2 },	/* ¬ → ￢ */
	{ 0x00A6, 0xFFE4 },	/* ¦ BROKEN BAR → ￤ FULLWIDTH BROKEN BAR */
};
#define NPAIRS (sizeof pairs / sizeof pairs[0])

unsigned
textenc_cp932_pair(unsigned cp)
{
	size_t	i;

	for (i = 0; i < NPAIRS; i++)
		if (pairs[i].unicode == cp)
			return pairs[i].cp932;
	return cp;
}

static const char *const labels[] = {
	[TENC_UTF8] = "UTF-8",
	[TENC_UTF8_BOM] = "UTF-8（BOM 付き）",
	[TENC_UTF16LE] = "UTF-16LE",
	[TENC_UTF16BE] = "UTF-16BE",
	[TENC_CP932] = "CP932（Shift_JIS）",
};

const char *
textenc_label(enum text_encoding enc)
{
	return labels[enc];
}

int
textenc_parse(const char *word, enum text_encoding *out, int *any_utf16)
{
	static const struct {
		const char		*word;
		enum text_encoding	 enc;
	} words[] = {
		{ "utf-8", TENC_UTF8 }, { "utf8", TENC_UTF8 },
		{ "utf-8-bom", TENC_UTF8_BOM }, { "utf-16", TENC_UTF16LE },
		{ "utf-16le", TENC_UTF16LE }, { "utf-16be", TENC_UTF16BE },
		{ "cp932", TENC_CP932 }, { "sjis", TENC_CP932 },
		{ "shift_jis", TENC_CP932 }, { "windows-31j", TENC_CP932 },
	};
	size_t	i;

	if (any_utf16 != NULL)
		*any_utf16 = word != NULL && strcasecmp(word, "utf-16") == 0;
	for (i = 0; word != NULL && i < sizeof words / sizeof words[0]; i++)
		if (strcasecmp(word, words[i].word) == 0) {
			*out = words[i].enc;
			return 0;
		}
	return -1;
}

/* The code point of the UTF-8 sequence at s (valid UTF-8 assumed) and its
 * length in *n. */
static unsigned
utf8_decode_one(const unsigned char *s, size_t *n)
{
	if (s[0] < 0x80) {
		*n = 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0) {
		*n = 2;
		return (unsigned)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	}
	if ((s[0] & 0xF0) == 0xE0) {
		*n = 3;
		return (unsigned)(s[0] & 0x0F) << 12 | (unsigned)(s[1] & 0x3F) << 6 |
		    (s[2] & 0x3F);
	}
	*n = 4;
	return (unsigned)(s[0] & 0x07) << 18 | (unsigned)(s[1] & 0x3F) << 12 |
	    (unsigned)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
}

static size_t
utf8_encode_one(unsigned cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The line and column (1-based; columns in characters) of the position
 * just after the valid UTF-8 text t of n bytes. */
static void
position_after(const char *t, size_t n, size_t *line, size_t *col)
{
	size_t	i;

	*line = 1;
	*col = 1;
	for (i = 0; i < n; i++) {
		if (t[i] == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)t[i] & 0xC0) != 0x80)
			(*col)++;
	}
}

/*
 * Runs iconv from `from` to UTF-8 over buf. Returns 0 with *out (NUL
 * terminated), or -1 with *bad set to the byte offset in buf of the first
 * sequence that is not valid and *out holding what was decoded before it.
 */
static int
iconv_to_utf8(const char *from, const char *buf, size_t len, char **out,
    size_t *outlen, size_t *bad)
{
	iconv_t	 cd = iconv_open("UTF-8", from);
	size_t	 cap = len * 3 + 16, il = len, ol;
	char	*ip = (char *)(uintptr_t)buf, *op;
	int	 rc = 0;

	*out = xmalloc(cap + 1);
	*outlen = 0;
	*bad = 0;
	if (cd == (iconv_t)-1) {
		(*out)[0] = '\0';
		*bad = 0;
		return -1;
	}
	op = *out;
	ol = cap;
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		/* E2BIG cannot happen: three bytes of UTF-8 per input byte
		 * are enough for every encoding read here. */
		*bad = (size_t)(ip - buf);
		rc = -1;
	}
	iconv_close(cd);
	*outlen = (size_t)(op - *out);
	(*out)[*outlen] = '\0';
	return rc;
}

/* Maps CP932's look-alikes in UTF-8 text s back in place (never longer). */
static size_t
map_back(char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 r = 0, w = 0, n, i;
	unsigned		 cp;

	while (r < len) {
		if (p[r] < 0x80) {
			s[w++] = s[r++];
			continue;
		}
		cp = utf8_decode_one(p + r, &n);
		for (i = 0; i < NPAIRS; i++)
			if (pairs[i].cp932 == cp) {
				cp = pairs[i].unicode;
				break;
			}
		if (i < NPAIRS)
			w += utf8_encode_one(cp, s + w);
		else {
			memmove(s + w, s + r, n);
			w += n;
		}
		r += n;
	}
	s[w] = '\0';
	return w;
}

/* The message for the byte at offset at of buf (len bytes) that does not
 * read as `as`; its line and column, counted in the n bytes of UTF-8
 * decoded before it, go to *line and *col (either may be NULL). */
/* Turns the references an export with TENC_REF wrote (&#xHHHH;, one to
 * six hex digits, a Unicode scalar value) back into characters, in place
 * (a reference is never shorter than its character). */
static size_t
refs_back(char *s, size_t len)
{
	size_t		 r = 0, w = 0, k;
	unsigned	 cp;
	int		 d;

	while (r < len) {
		if (strncmp(s + r, "&#x", 3) == 0) {
			cp = 0;
			for (k = 3; k < 9 && r + k < len; k++) {
				char c = s[r + k];

				d = c >= '0' && c <= '9' ? c - '0' :
				    c >= 'a' && c <= 'f' ? c - 'a' + 10 :
				    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
				if (d < 0)
					break;
				cp = cp * 16 + (unsigned)d;
			}
			if (k > 3 && r + k < len && s[r + k] == ';' && cp != 0 &&
			    cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF)) {
				w += utf8_encode_one(cp, s + w);
				r += k + 1;
				continue;
			}
		}
		s[w++] = s[r++];
	}
	s[w] = '\0';
	return w;
}

static char *
bad_byte_message(const char *decoded, size_t n, const char *buf, size_t at,
    size_t len, const char *as, size_t *line, size_t *col)
{
	size_t	l, c;

	position_after(decoded, n, &l, &c);
	if (line != NULL)
		*line = l;
	if (col != NULL)
		*col = c;
	if (at >= len)
		return xasprintf("ファイルが文字の途中で終わっています（%s として読め"
		    "ません）", as);
	return xasprintf("バイト 0x%02X は %s として読めません",
	    (unsigned char)buf[at], as);
}

int
textenc_decode(const char *buf, size_t len, enum text_encoding enc,
    char **out, size_t *outlen, size_t *line, size_t *col, char **cause)
{
	size_t	 bad, skip = 0;
	char	*t;
	int	 rc;

	*out = NULL;
	*outlen = 0;
	switch (enc) {
	case TENC_UTF8:
	case TENC_UTF8_BOM:
		if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
			skip = 3;
		if (!utf8_valid(buf + skip, len - skip, &bad)) {
			*cause = bad_byte_message(buf + skip, bad, buf + skip, bad,
			    len - skip, "UTF-8", line, col);
			return -1;
		}
		*out = xstrndup(buf + skip, len - skip);
		*outlen = len - skip;
		return 0;
	case TENC_UTF16LE:
	case TENC_UTF16BE:
		if (len >= 2 && ((enc == TENC_UTF16LE && memcmp(buf, "\xff\xfe", 2) == 0) ||
		    (enc == TENC_UTF16BE && memcmp(buf, "\xfe\xff", 2) == 0)))
			skip = 2;
		rc = iconv_to_utf8(enc == TENC_UTF16LE ? "UTF-16LE" : "UTF-16BE",
		    buf + skip, len - skip, &t, outlen, &bad);
		break;
	case TENC_CP932:
		rc = iconv_to_utf8("CP932", buf, len, &t, outlen, &bad);
		break;
	default:
		*cause = xstrdup("不明な文字コードです");
		return -1;
	}
	if (rc != 0) {
		*cause = bad_byte_message(t, *outlen, buf + skip, bad, len - skip,
		    textenc_label(enc), line, col);
		free(t);
		*outlen = 0;
		return -1;
	}
	if (memchr(t, '\0', *outlen) != NULL) {
		*cause = xasprintf("NUL 文字が含まれています（%s のファイルではない"
		    "ようです）", textenc_label(enc));
		free(t);
		*outlen = 0;
		return -1;
	}
	if (enc == TENC_CP932) {
		*outlen = map_back(t, *outlen);
		*outlen = refs_back(t, *outlen);
	}
	*out = t;
	return 0;
}

/* Whether more of the non-ASCII bytes of buf form UTF-8 sequences than
 * stand out of place in UTF-8. */
static int
mostly_utf8(const char *buf, size_t len)
{
	const unsigned char	*p = (const unsigned char *)buf;
	size_t			 i = 0, good = 0, bad = 0, n, k;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		n = p[i] >= 0xF0 && p[i] <= 0xF4 ? 4 : p[i] >= 0xE0 && p[i] <= 0xEF ?
		    3 : p[i] >= 0xC2 && p[i] <= 0xDF ? 2 : 0;
		for (k = 1; n > 0 && k < n; k++)
			if (i + k >= len || (p[i + k] & 0xC0) != 0x80)
				n = 0;
		if (n == 0) {
			bad++;
			i++;
		} else {
			good += n;
			i += n;
		}
	}
	return good > bad;
}

int
textenc_detect(const char *buf, size_t len, enum text_encoding *enc,
    size_t *line, size_t *col, char **cause)
{
	size_t	 bad8, bad932, n932;
	char	*t, *m;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		*enc = TENC_UTF8_BOM;
		return 0;
	}
	if (len >= 2 && memcmp(buf, "\xff\xfe", 2) == 0) {
		*enc = TENC_UTF16LE;
		return 0;
	}
	if (len >= 2 && memcmp(buf, "\xfe\xff", 2) == 0) {
		*enc = TENC_UTF16BE;
		return 0;
	}
	/* Text in UTF-8 or CP932 has no NUL byte; UTF-16 written without a
	 * BOM has one beside every ASCII character (a comma, a digit). */
	if (len > 0 && (m = memchr(buf, '\0', len)) != NULL) {
		*line = 1;
		*col = 1;
		for (t = (char *)buf; t < m; t++) {
			*col = *t == '\n' ? 1 : *col + 1;
			*line += *t == '\n';
		}
		*cause = xasprintf("NUL バイトがあります: BOM のない UTF-16 の"
		    "ようです（--encoding utf-16le か utf-16be を指定するか、"
		    "Excel で「CSV UTF-8」か「CSV」として保存し直してください）");
		return -1;
	}
	if (utf8_valid(buf, len, &bad8)) {
		*enc = TENC_UTF8;
		return 0;
	}
	/* Japanese UTF-8 text often reads as CP932 too: a UTF-8 file with a
	 * damaged byte must not turn into CP932 gibberish. */
	if (mostly_utf8(buf, len)) {
		m = bad_byte_message(buf, bad8, buf, bad8, len, "UTF-8", line, col);
		*cause = xasprintf("UTF-8 のファイルに読めないバイトがあります（%s）", m);
		free(m);
		return -1;
	}
	if (iconv_to_utf8("CP932", buf, len, &t, &n932, &bad932) == 0) {
		free(t);
		*enc = TENC_CP932;
		return 0;
	}
	/* Neither: name the byte where the reading that got further stopped. */
	if (bad932 > bad8)
		m = bad_byte_message(t, n932, buf, bad932, len, "CP932", line, col);
	else
		m = bad_byte_message(buf, bad8, buf, bad8, len, "UTF-8", line, col);
	*cause = xasprintf("文字コードが UTF-8 でも CP932 でもありません（%s）", m);
	free(m);
	free(t);
	return -1;
}

int
textenc_encode_cp932(const char *utf8, size_t len, enum textenc_unmappable how,
    char **out, size_t *outlen, size_t *replaced, char **cause)
{
	return textenc_encode_cp932_at(utf8, len, 1, how, out, outlen,
	    replaced, cause);
}

int
textenc_encode_cp932_at(const char *utf8, size_t len, size_t first_line,
    enum textenc_unmappable how, char **out, size_t *outlen, size_t *replaced,
    char **cause)
{
	iconv_t		 cd;
	const unsigned char *p = (const unsigned char *)utf8;
	size_t		 cap = len * 2 + 16, r = 0, w = 0, n, il, ol, line, col;
	char		 one[4], *ip, *op;
	unsigned	 cp, mapped;
	char		*buf;

	*out = NULL;
	*outlen = 0;
	if (replaced != NULL)
		*replaced = 0;
	if (!utf8_valid(utf8, len, &n)) {
		position_after(utf8, n, &line, &col);
		*cause = xasprintf("%zu 行 %zu 列: UTF-8 として正しくない文字が"
		    "あります", line + first_line - 1, col);
		return -1;
	}
	if ((cd = iconv_open("CP932", "UTF-8")) == (iconv_t)-1) {
		*cause = xasprintf("CP932 に変換できません: %s", strerror(errno));
		return -1;
	}
	buf = xmalloc(cap + 1);
	/* One character at a time, so that a refusal can name it; the pairs
	 * are mapped first, since iconv's CP932 may lack some of them. */
	while (r < len) {
		if (how == TENC_REF && strncmp(utf8 + r, "&#x", 3) == 0) {
			/* The text's own "&#x" must not read back as a reference. */
			if (w + 8 > cap) {
				cap = cap * 2 + 16;
				buf = xreallocarray(buf, cap + 1, 1);
			}
			memcpy(buf + w, "&#x26;", 6);
			w += 6;
			r++;
			continue;
		}
		cp = utf8_decode_one(p + r, &n);
		mapped = textenc_cp932_pair(cp);
		il = utf8_encode_one(mapped, one);
		ip = one;
		if (cap - w < 8) {	/* references may have used the room */
			cap = cap * 2 + 16;
			buf = xreallocarray(buf, cap + 1, 1);
		}
		op = buf + w;
		ol = cap - w;
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
			iconv(cd, NULL, NULL, NULL, NULL);
			if (how == TENC_REFUSE) {
				position_after(utf8, r, &line, &col);
				*cause = xasprintf("%zu 行 %zu 列の「%.*s」（U+%04X）は CP932 で"
				    "表せません（--unmappable geta で「〓」に、ref で"
				    " &#x…; の形に置き換えて書き出せます）",
				    line + first_line - 1, col,
				    (int)n, utf8 + r, cp);
				iconv_close(cd);
				free(buf);
				return -1;
			}
			if (w + 16 > cap) {
				cap = cap * 2 + 16;
				buf = xreallocarray(buf, cap + 1, 1);
			}
			if (how == TENC_REF)
				w += (size_t)snprintf(buf + w, 16, "&#x%X;", cp);
			else {
				buf[w++] = (char)0x81;	/* 〓 GETA MARK in CP932 */
				buf[w++] = (char)0xAC;
			}
			if (replaced != NULL)
				(*replaced)++;
		} else
			w = (size_t)(op - buf);
		r += n;
	}
	iconv_close(cd);
	buf[w] = '\0';
	*out = buf;
	*outlen = w;
	return 0;
}

/* The next code point of *s, with CP932's look-alikes folded to the
 * Unicode forms; 0 at the end. A byte that is not UTF-8 is itself. */
static unsigned
next_folded(const unsigned char **s)
{
	const unsigned char	*p = *s;
	size_t			 n, k;
	unsigned		 cp;

	if (p[0] == 0)
		return 0;
	n = p[0] < 0x80 ? 1 : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4 :
	    p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 && p[0] <= 0xDF ? 2 : 0;
	for (k = 1; n > 1 && k < n; k++)
		if ((p[k] & 0xC0) != 0x80)	/* also stops at the NUL */
			n = 0;
	if (n == 0) {
		(*s)++;
		return 0x110000 + p[0];	/* a byte that is not UTF-8 stays apart */
	}
	cp = utf8_decode_one(p, &n);
	*s += n;
	for (k = 0; k < NPAIRS; k++)
		if (pairs[k].cp932 == cp)
			return pairs[k].unicode;
	return cp;
}

int
textenc_cp932_same(const char *a, const char *b)
{
	const unsigned char	*p = (const unsigned char *)(a != NULL ? a : "");
	const unsigned char	*q = (const unsigned char *)(b != NULL ? b : "");
	unsigned		 x, y;

	do {
		x = next_folded(&p);
		y = next_folded(&q);
		if (x != y)
			return 0;
	} while (x != 0);
	return 1;
}
