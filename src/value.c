/*
 * Indicator values: parsing a cell or a typed value into a number with the
 * indicator's unit or into text, the canonical and the grouped display of
 * numbers, and the normalisation of Japanese input (full-width digits,
 * signs, commas and spaces). A cell is a number only when the whole of it
 * reads as one; anything else stays text exactly as written, so text is
 * never forced into a number.
 */

#include <ctype.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shisaku/fy.h"
#include "shisaku/value.h"
#include "shisaku/util.h"

static void
value_set_cause(char **cause, const char *msg)
{
	if (cause != NULL)
		*cause = xstrdup(msg);
}

/*
 * Decodes one UTF-8 sequence of s (len > 0 bytes left). Returns its length
 * and the code point in *cp, or 0 for an invalid sequence: a stray or
 * missing continuation byte, an overlong form, a surrogate, a code point
 * above U+10FFFF, or NUL.
 */
static size_t
utf8_decode(const unsigned char *s, size_t len, unsigned *cp)
{
	unsigned	c = s[0], min;
	size_t		n, i;

	if (c == 0)
		return 0;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2; c &= 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3; c &= 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

int
utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, n;
	unsigned		 cp;

	while (i < len) {
		/* The common cases inline (a file of plans is ASCII and
		 * three-byte kana and kanji): ASCII but NUL, and three bytes
		 * led by E1-EC or EE-EF, which can be neither overlong nor
		 * surrogates. The rest goes through utf8_decode. */
		if (u[i] - 1u < 0x7fu) {
			i++;
			continue;
		}
		if (i + 2 < len && ((u[i] >= 0xe1 && u[i] <= 0xec) || u[i] >= 0xee) &&
		    u[i] <= 0xef && (u[i + 1] & 0xc0) == 0x80 &&
		    (u[i + 2] & 0xc0) == 0x80) {
			i += 3;
			continue;
		}
		n = utf8_decode(u + i, len - i, &cp);
		if (n == 0) {
			if (bad_offset != NULL)
				*bad_offset = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

/* Appends code point cp (< 0x10000 here, or ASCII) to p; returns the end. */
static char *
utf8_put(char *p, unsigned cp)
{
	if (cp < 0x80)
		*p++ = (char)cp;
	else if (cp < 0x800) {
		*p++ = (char)(0xc0 | (cp >> 6));
		*p++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*p++ = (char)(0xe0 | (cp >> 12));
		*p++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*p++ = (char)(0x80 | (cp & 0x3f));
	}
	return p;
}

/* The code point at u[i..len), or 0 when there is none or it is invalid. */
static unsigned
utf8_peek(const unsigned char *u, size_t i, size_t len)
{
	unsigned	cp = 0;

	if (i >= len || utf8_decode(u + i, len - i, &cp) == 0)
		return 0;
	return cp;
}

static int
cp_is_digit(unsigned cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xff10 && cp <= 0xff19);
}

/*
 * Whether a dash-like code point at a position is a minus sign. U+2212
 * (MINUS SIGN) and U+FF0D (FULLWIDTH HYPHEN-MINUS) are when a digit
 * follows. U+30FC (the katakana prolonged sound mark, often typed for a
 * minus by Japanese input methods) is only when a digit follows and
 * nothing or a non-letter ASCII character or a blank precedes, so that
 * katakana words such as "コーナー2" are left alone.
 */
static int
value_is_minus(unsigned cp, unsigned prev, unsigned next)
{
	if (!cp_is_digit(next))
		return 0;
	if (cp == 0x2212 || cp == 0xff0d)
		return 1;
	/* Accounting notation: △5 and ▲5 are −5, at the start of a value. */
	if (cp == 0x25b3 || cp == 0x25b2)
		return prev == 0 || prev == 0x3000 || prev == ' ';
	if (cp != 0x30fc)
		return 0;
	if (prev == 0 || prev == 0x3000)
		return 1;
	return prev < 0x80 && !isalpha((int)prev);
}

char *
value_normalize(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 len = strlen(s), i = 0, n;
	unsigned		 cp, prev = 0, next;
	char			*out, *p;

	/* Every replacement is no longer than what it replaces. */
	out = p = xmalloc(len + 1);
	while (i < len) {
		n = utf8_decode(u + i, len - i, &cp);
		if (n == 0) {
			*p++ = (char)u[i++];	/* not UTF-8: copied as is */
			prev = 0xfffd;
			continue;
		}
		next = utf8_peek(u, i + n, len);
		if (value_is_minus(cp, prev, next))
			*p++ = '-';
		else if (cp == 0xff0d)
			p = utf8_put(p, cp);
		else if (cp >= 0xff01 && cp <= 0xff5e)
			*p++ = (char)(cp - 0xfee0);
		else if (cp == 0x3000)
			*p++ = ' ';
		else {
			memcpy(p, u + i, n);
			p += n;
		}
		prev = cp;
		i += n;
	}
	*p = '\0';
	return out;
}

/* Blanks around values: ASCII blanks and U+3000 IDEOGRAPHIC SPACE. */
static size_t
value_blank_len(const char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		return 1;
	/* Byte by byte: s may end before three bytes (strncmp stops at NUL). */
	if (strncmp(s, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* Returns a malloc'd copy of s without leading and trailing blanks. */
static char *
value_trim_dup(const char *s)
{
	const char	*end, *p;
	size_t		 n;
	char		*out;

	while ((n = value_blank_len(s)) > 0)
		s += n;
	end = s;
	for (p = s; *p != '\0'; p += n) {
		n = value_blank_len(p);
		if (n == 0) {
			n = 1;
			end = p + 1;
		}
	}
	out = xmalloc((size_t)(end - s) + 1);
	memcpy(out, s, (size_t)(end - s));
	out[end - s] = '\0';
	return out;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Scans the number at the start of normalised s: optional sign, digits
 * (either plain or in thousands groups "1,234,567"), optional decimals.
 * Copies it without commas into num (of size bytes) and returns the
 * length scanned, or 0 when s does not start with such a number.
 */
static size_t
value_scan_number(const char *s, char *num, size_t size)
{
	const char	*p = s;
	size_t		 k = 0, intdigits;

	if (*p == '+' || *p == '-')
		num[k++] = *p++;
	for (intdigits = 0; is_digit(p[intdigits]); intdigits++)
		;
	if (intdigits == 0)
		return 0;
	if (p[intdigits] == ',' && intdigits > 3)
		return 0;
	while (is_digit(*p) || (*p == ',' && is_digit(p[1]))) {
		if (*p == ',') {
			/* A group after a comma is exactly three digits. */
			if (!is_digit(p[2]) || !is_digit(p[3]) || is_digit(p[4]))
				return 0;
			p++;
		}
		if (k + 2 >= size)
			return 0;
		num[k++] = *p++;
	}
	if (*p == ',')
		return 0;
	if (*p == '.' && is_digit(p[1])) {
		num[k++] = *p++;
		while (is_digit(*p)) {
			if (k + 1 >= size)
				return 0;
			num[k++] = *p++;
		}
	}
	num[k] = '\0';
	return (size_t)(p - s);
}

/*
 * Converts the plain decimal text of value_scan_number to a double. strtod
 * reads the locale's decimal point, so the '.' is swapped for it.
 */
static double
value_strtod(const char *num)
{
	const char	*dp = localeconv()->decimal_point;
	char		 buf[VALUE_TEXT_MAX + 16];
	const char	*dot = strchr(num, '.');
	size_t		 head;

	if (dot == NULL || dp == NULL || strcmp(dp, ".") == 0)
		return strtod(num, NULL);
	head = (size_t)(dot - num);
	snprintf(buf, sizeof buf, "%.*s%s%s", (int)head, num, dp, dot + 1);
	return strtod(buf, NULL);
}

/* The words plans print in a number for a power of ten: 120万人 is
 * 1,200,000 人, 11億9,038万円 is 1,190,380,000 円. 万 and 億 end a group
 * of four digits; 千 multiplies within one (5千万 is 5,000 万). */
static const struct {
	const char	*word;
	int		 zeros;
} value_scales[] = {
	{ "万", 4 }, { "億", 8 }, { "千", 3 },
};

/* The scale word s starts with: its index, with its length in *len; -1
 * when there is none. */
static int
value_scale_at(const char *s, size_t *len)
{
	size_t	i;

	for (i = 0; i < sizeof value_scales / sizeof value_scales[0]; i++) {
		*len = strlen(value_scales[i].word);
		if (strncmp(s, value_scales[i].word, *len) == 0)
			return (int)i;
	}
	return -1;
}

/* s past blanks (ASCII space and tab: normalised text has no other). */
static const char *
value_skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The length of the hyphen s starts with that a unit's '-' stands for:
 * FULLWIDTH HYPHEN-MINUS, which value_normalize keeps where it is no
 * minus sign, or MINUS SIGN; 0 for anything else. */
static size_t
value_unit_hyphen(const char *s)
{
	return strncmp(s, "\xef\xbc\x8d", 3) == 0 ||
	    strncmp(s, "\xe2\x88\x92", 3) == 0 ? 3 : 0;
}

/* Whether normalised s is unit u as value_unit_dup made it, a hyphen of
 * u matching a full-width one or a minus sign too: t-CO2 typed with the
 * input method on is ｔ－ＣＯ２, t－CO2 once normalised. */
static int
value_unit_eq(const char *s, const char *u)
{
	size_t	n;

	while (*u != '\0') {
		if (*u == '-' && (n = value_unit_hyphen(s)) > 0) {
			s += n;
			u++;
		} else if (*s++ != *u++)
			return 0;
	}
	return *s == '\0';
}

/* Whether s is, after optional blanks, exactly unit u (non-empty). */
static int
value_is_unit(const char *s, const char *u)
{
	return *u != '\0' && value_unit_eq(value_skip_blanks(s), u);
}

/* The words after one group's number at q: 千 (*within 3), then 億 or
 * 万 (*word 8 or 4), or the unit's own scale word, which ends the number
 * (*word unit_zeros, *in_unit). Returns q past the words read (the unit
 * is left unread). */
static const char *
value_group_words(const char *q, const char *u, int unit_zeros, int *within,
    int *word, int *in_unit)
{
	size_t	len;
	int	w;

	*within = *word = 0;
	if (unit_zeros > 0 && value_is_unit(q, u)) {
		*in_unit = 1;
		*word = unit_zeros;
		return q;
	}
	if ((w = value_scale_at(value_skip_blanks(q), &len)) >= 0 &&
	    value_scales[w].zeros == 3) {
		*within = 3;
		q = value_skip_blanks(q) + len;
		if (unit_zeros > 3 && value_is_unit(q, u)) {
			*in_unit = 1;
			*word = unit_zeros;
			return q;
		}
	}
	if ((w = value_scale_at(value_skip_blanks(q), &len)) >= 0 &&
	    value_scales[w].zeros > 3) {
		*word = value_scales[w].zeros;
		q = value_skip_blanks(q) + len;
	}
	return q;
}

/*
 * A number written with scale words, at the start of normalised s: groups
 * of a number, then optionally 千, then 億 or 万 (each group's word smaller
 * than the one before, and each group after the first smaller than the
 * place the word before leaves it: 1億2,000万, not 1億12,000万), blanks
 * allowed before a word and between groups. Only the first group may
 * have a sign (-1億2,000万), and decimals only when it is the only one
 * (1.5億).
 *
 * unit_zeros is the power of ten of the unit's own scale word (万円: 4;
 * 0 for 円), u the unit. With such a unit the number ends where the unit
 * begins, its last group in the unit (11億9,038万円 for 万円 is 119,038),
 * and nowhere else (120万 alone is not a number of 万人). Without one it
 * ends after its last group. At least one scale word is read (a plain
 * number is value_scan_number's).
 *
 * Writes the number for strtod into num (size bytes: digits, then an
 * exponent, which strtod reads exactly as the decimal written: 1.23e4 is
 * 12,300, not 1.23 times 10,000 rounded) and returns the length read,
 * the blanks and the unit after it left out; 0 when s does not start with
 * such a number.
 */
static size_t
value_scan_scaled(const char *s, const char *u, int unit_zeros, char *num,
    size_t size)
{
	char		 grp[VALUE_TEXT_MAX + 8];
	const char	*p = s, *q;
	size_t		 n, k, glen, width;
	int		 place, within, word, in_unit = 0;

	/* The first group: num holds it as written, its place an exponent
	 * (1.5千万: 1.5 at place 7). */
	if ((n = value_scan_number(p, grp, sizeof grp)) == 0)
		return 0;
	q = value_group_words(p + n, u, unit_zeros, &within, &word, &in_unit);
	if (within == 0 && word == 0)
		return 0;		/* a plain number */
	if (within != 0 && word != 0 && word <= within)
		return 0;
	if ((k = strlen(grp)) + 1 >= size)
		return 0;
	memcpy(num, grp, k);
	place = word + within;
	/* Each group after it: its digits at the places between the word
	 * before and its own (2,000 after 億 before 万 is 2000; 5千 after 万
	 * is 5000), whole numbers only, after a first group without
	 * decimals. */
	while (!in_unit && word != 0 && is_digit(*(p = value_skip_blanks(q)))) {
		if ((n = value_scan_number(p, grp, sizeof grp)) == 0 ||
		    strchr(grp, '.') != NULL || memchr(num, '.', k) != NULL)
			return 0;
		q = value_group_words(p + n, u, unit_zeros, &within, &word,
		    &in_unit);
		if (word >= place || (within != 0 && word != 0 &&
		    word <= within))
			return 0;
		width = (size_t)(place - word);
		glen = strlen(grp) + (size_t)within;
		if (glen > width || k + width + 1 >= size)
			return 0;
		memset(num + k, '0', width - glen);
		k += width - glen;
		memcpy(num + k, grp, strlen(grp));
		k += strlen(grp);
		memset(num + k, '0', (size_t)within);
		k += (size_t)within;
		place = word;
	}
	/* With a scale of its own the unit must follow, and counts in it. */
	if (unit_zeros > 0 && !in_unit)
		return 0;
	n = (size_t)snprintf(num + k, size - k, "e%d", place - unit_zeros);
	if (n >= size - k)
		return 0;
	return (size_t)(q - s);
}

/* The power of ten of the scale word normalised unit u begins with
 * (万人: 4), or 0. */
static int
value_unit_zeros(const char *u)
{
	size_t	len;
	int	k = value_scale_at(u, &len);

	return k < 0 ? 0 : value_scales[k].zeros;
}

/*
 * Reads normalised, trimmed s as a number followed by nothing or, after
 * optional blanks, exactly the normalised unit; or as a number with scale
 * words before them (value_scan_scaled). Returns 1 and *out, or 0.
 * *scanned is the length of the number as printed, its words included.
 */
static char *value_unit_dup(const char *unit);

/* (*u: the unit as compared, made from unit the first time it is
 * needed: most values are a bare number.) */
static int
value_read_number(const char *s, const char *unit, char **u, double *out,
    size_t *scanned)
{
	char		 num[VALUE_TEXT_MAX + 32];
	const char	*rest;
	size_t		 n;
	double		 d;
	int		 zeros;

	n = value_scan_number(s, num, sizeof num);
	if (n == 0)
		return 0;
	*scanned = n;
	if (s[n] != '\0') {
		if (*u == NULL)
			*u = value_unit_dup(unit);
		if (!value_is_unit(s + n, *u)) {
			/* Scale words: not for an indicator without a unit,
			 * which may print anything. */
			if (**u == '\0')
				return 0;
			zeros = value_unit_zeros(*u);
			if ((n = value_scan_scaled(s, *u, zeros, num,
			    sizeof num)) == 0)
				return 0;
			/* (With a unit of its own, value_scan_scaled
			 * stopped at it.) */
			rest = value_skip_blanks(s + n);
			if (*rest != '\0' && !value_unit_eq(rest, *u))
				return 0;
			*scanned = n;
		}
	}
	d = value_strtod(num);
	if (!isfinite(d))
		return 0;
	*out = d == 0 ? 0 : d;	/* no negative zero */
	return 1;
}

/* The unit as it is compared: normalised and trimmed, its full-width
 * hyphens and minus signs made ASCII (value_unit_eq); malloc'd. */
static char *
value_unit_dup(const char *unit)
{
	char	*norm, *trimmed, *p, *q;
	size_t	 n;

	norm = value_normalize(unit != NULL ? unit : "");
	trimmed = value_trim_dup(norm);
	free(norm);
	for (p = q = trimmed; *p != '\0';)
		if ((n = value_unit_hyphen(p)) > 0) {
			*q++ = '-';
			p += n;
		} else
			*q++ = *p++;
	*q = '\0';
	return trimmed;
}

static void value_plain(double num, char *out);

/*
 * The number as printed (the first n bytes of normalised s) when it differs
 * from the canonical form of d: "98.90" and "329,257" are kept so that the
 * value shows as the plan printed it; "42" and "+42" give NULL.
 */
static char *
value_printed_dup(const char *s, size_t n, double d)
{
	char	plain[700];

	if (n > 0 && (*s == '+' || (*s == '-' && d == 0))) {
		s++;	/* no plus sign, no negative zero */
		n--;
	}
	value_plain(d, plain);
	if (n == 0 || n >= 64 || (strlen(plain) == n && memcmp(plain, s, n) == 0))
		return NULL;
	return xstrndup(s, n);
}

/*
 * A negative number printed in accounting notation (△320, ▲1,200) keeps
 * its mark as printed: the reports and the file written back say △320
 * as the plan does, not -320. trimmed is the value as typed, norm as
 * read (the mark made '-'), scanned the number's length in norm.
 */
static void
value_keep_accounting(struct value *v, const char *trimmed, const char *norm,
    size_t scanned)
{
	if (v->num >= 0 || scanned < 2 || scanned >= 64 || norm[0] != '-' ||
	    (strncmp(trimmed, "\xe2\x96\xb3", 3) != 0 &&	/* △ */
	    strncmp(trimmed, "\xe2\x96\xb2", 3) != 0))	/* ▲ */
		return;
	free(v->text);
	v->text = xasprintf("%.3s%.*s", trimmed, (int)(scanned - 1), norm + 1);
}

/* Units printed in plans of the family: a number followed by one of them
 * is a number in that unit, never text. */
static const char *const known_units[] = {
	"件", "人", "円", "千円", "万円", "百万円", "億円", "%", "回", "時間",
	"分", "日", "年", "か月", "ヶ月", "カ月", "㎡", "万㎡", "ha", "km", "m",
	"団体", "枚", "箇所", "か所", "カ所", "校", "施設", "事業", "本", "台",
	"冊", "世帯", "社", "店", "戸", "件数", "人日", "ポイント", "pt", "%pt",
	"GB", "TB", "者", "名", "区", "地区", "路線", "個", "基", "頭",
};

/*
 * A value that only looks like text but is a number gone wrong: NaN or
 * infinity, an exponent (1e309), or a number followed by a unit that is
 * not the indicator's (42人 for a 回 indicator). Returns a malloc'd
 * reason, or NULL when norm is ordinary text.
 */
static char *
value_bad_number(const char *norm, const char *unit)
{
	char		num[64], scaled[VALUE_TEXT_MAX + 32];
	const char	*rest;
	size_t		n, i;

	if (strcasecmp(norm, "nan") == 0 || strcasecmp(norm, "inf") == 0 ||
	    strcasecmp(norm, "-inf") == 0 || strcasecmp(norm, "+inf") == 0 ||
	    strcasecmp(norm, "infinity") == 0 || strcasecmp(norm, "-infinity") == 0)
		return xasprintf("「%s」は数値として使えません", norm);
	if ((n = value_scan_number(norm, num, sizeof num)) == 0)
		return NULL;
	rest = norm + n;
	if ((rest[0] == 'e' || rest[0] == 'E') &&
	    (is_digit(rest[1]) || ((rest[1] == '+' || rest[1] == '-') &&
	    is_digit(rest[2]))))
		return xasprintf("「%s」: 指数表記は使えません（%s のように書いて"
		    "ください）", norm, "1200000");
	while (*rest == ' ')
		rest++;
	/* Without a unit of its own an indicator may print anything. */
	if (unit == NULL || unit[0] == '\0')
		return NULL;
	/* (42万人 and 1億2,000万人 for a 回 indicator: 人 is the unit that
	 * differs.) */
	if ((n = value_scan_scaled(norm, "", 0, scaled, sizeof scaled)) > 0)
		rest = value_skip_blanks(norm + n);
	for (i = 0; i < sizeof known_units / sizeof known_units[0]; i++)
		if (strcmp(rest, known_units[i]) == 0)
			return xasprintf("「%s」の単位「%s」がこの指標の"
			    "単位「%s」と違います", norm, rest, unit);
	return NULL;
}

int
value_parse(const char *s, const char *unit, struct value *out, char **cause)
{
	size_t	 bad, scanned = 0;
	char	*trimmed, *norm, *u, *why;
	char	 msg[160];
	double	 d;

	out->kind = VALUE_NONE;
	out->num = 0;
	out->text = NULL;
	if (s == NULL)
		return 0;
	if (!utf8_valid(s, strlen(s), &bad)) {
		snprintf(msg, sizeof msg, "UTF-8 として不正な文字があります"
		    "（%zu バイト目）", bad + 1);
		value_set_cause(cause, msg);
		return -1;
	}
	trimmed = value_trim_dup(s);
	if (strlen(trimmed) > VALUE_TEXT_MAX) {
		free(trimmed);
		snprintf(msg, sizeof msg, "値が長すぎます（%d バイトまで）",
		    VALUE_TEXT_MAX);
		value_set_cause(cause, msg);
		return -1;
	}
	if (*trimmed == '\0') {
		free(trimmed);
		return 0;
	}
	norm = value_normalize(trimmed);
	u = NULL;
	if (value_read_number(norm, unit, &u, &d, &scanned)) {
		out->kind = VALUE_NUMBER;
		out->num = d;
		out->text = value_printed_dup(norm, scanned, d);
		value_keep_accounting(out, trimmed, norm, scanned);
		free(trimmed);
	} else if ((why = value_bad_number(norm, u != NULL ? u :
	    (u = value_unit_dup(unit)))) != NULL) {
		free(trimmed);
		free(norm);
		free(u);
		value_set_cause(cause, why);
		free(why);
		return -1;
	} else {
		out->kind = VALUE_TEXT;
		out->text = trimmed;
	}
	free(norm);
	free(u);
	return 0;
}

int
value_parse_number(const char *s, const char *unit, double *out, char **cause)
{
	struct value	v;

	if (value_parse(s, unit, &v, cause) == -1)
		return -1;
	if (v.kind != VALUE_NUMBER) {
		value_clear(&v);
		value_set_cause(cause, "数値を入力してください: 例 42, 98.5%, "
		    "1,200千円");
		return -1;
	}
	*out = v.num;
	value_clear(&v);	/* the printed form is not wanted here */
	return 0;
}

/*
 * Writes num in plain decimal notation (never an exponent) rounded to 15
 * significant digits without trailing zeros into out, which must hold
 * 700 bytes (enough for any finite double).
 */
static void
value_plain(double num, char *out)
{
	char	 e[64], digits[20], *p;
	int	 exp10, ndig = 0, i, point;
	long long v;

	/* A whole number below 10^15 has 15 significant digits at most and
	 * prints as itself: no need of printf's exponent form (most values
	 * of a plan are counts). */
	if (num == floor(num) && fabs(num) < 1e15) {
		v = (long long)fabs(num);
		p = e + sizeof e;
		*--p = '\0';
		do
			*--p = (char)('0' + v % 10);
		while ((v /= 10) > 0);
		if (num < 0)
			*--p = '-';
		strcpy(out, p);
		return;
	}

	/* "%.14e" gives d.dddddddddddddde±X: 15 significant digits. */
	snprintf(e, sizeof e, "%.14e", fabs(num));
	for (p = e; *p != 'e' && *p != '\0'; p++) {
		if (is_digit(*p))
			digits[ndig++] = *p;
	}
	exp10 = *p == 'e' ? atoi(p + 1) : 0;
	while (ndig > 1 && digits[ndig - 1] == '0')
		ndig--;
	if (ndig == 1 && digits[0] == '0') {
		strcpy(out, "0");
		return;
	}
	p = out;
	if (num < 0)
		*p++ = '-';
	point = exp10 + 1;	/* digits before the decimal point */
	if (point <= 0) {
		*p++ = '0';
		*p++ = '.';
		for (i = point; i < 0; i++)
			*p++ = '0';
		point = 0;
	}
	for (i = 0; i < ndig || i < point; i++) {
		if (i == point && i > 0)
			*p++ = '.';
		*p++ = i < ndig ? digits[i] : '0';
	}
	*p = '\0';
}

char *
value_format_number(double num, char *buf, size_t size)
{
	char	plain[700];

	if (size == 0)
		return buf;
	if (!isfinite(num)) {
		/* Never produced by value_parse; shown as unknown. */
		buf[0] = '\0';
		return buf;
	}
	value_plain(num, plain);
	if (strlen(plain) < size)
		memcpy(buf, plain, strlen(plain) + 1);
	else
		snprintf(buf, size, "%.15g", num);	/* too long for buf */
	return buf;
}

char *
value_format_grouped(double num, char *buf, size_t size)
{
	char		 plain[700], out[960], *q = out;
	const char	*p = plain, *dot;
	size_t		 intlen, i;

	if (size == 0)
		return buf;
	if (!isfinite(num)) {
		buf[0] = '\0';
		return buf;
	}
	value_plain(num, plain);
	if (*p == '-')
		*q++ = *p++;
	dot = strchr(p, '.');
	intlen = dot != NULL ? (size_t)(dot - p) : strlen(p);
	for (i = 0; i < intlen; i++) {
		if (i > 0 && (intlen - i) % 3 == 0)
			*q++ = ',';
		*q++ = p[i];
	}
	strcpy(q, p + intlen);
	if (strlen(out) < size)
		memcpy(buf, out, strlen(out) + 1);
	else
		value_format_number(num, buf, size);
	return buf;
}

char *
value_display(const struct value *v, const char *unit)
{
	char	buf[64];

	if (v == NULL)
		return xstrdup("");
	switch (v->kind) {
	case VALUE_NUMBER:
		if (!isfinite(v->num))
			return xstrdup("");
		if (v->text != NULL && v->text[0] != '\0')	/* as printed */
			return xasprintf("%s%s", v->text, unit == NULL ? "" : unit);
		value_format_grouped(v->num, buf, sizeof buf);
		return xasprintf("%s%s", buf, unit == NULL ? "" : unit);
	case VALUE_TEXT:
		return xstrdup(v->text == NULL ? "" : v->text);
	default:
		return xstrdup("");
	}
}

char *
value_format(const struct value *v, const char *unit, int with_unit)
{
	char		 plain[700], *out;
	const char	*printed;
	size_t	 n, un;

	if (v == NULL || v->kind == VALUE_NONE)
		return xstrdup("");
	if (v->kind == VALUE_TEXT)
		return xstrdup(v->text != NULL ? v->text : "");
	if (!isfinite(v->num))
		return xstrdup("");
	if (v->text != NULL && v->text[0] != '\0')
		printed = v->text;	/* as printed */
	else {
		value_plain(v->num, plain);
		printed = plain;
	}
	if (!with_unit || unit == NULL)
		unit = "";
	n = strlen(printed);
	un = strlen(unit);
	out = xmalloc(n + un + 1);
	memcpy(out, printed, n);
	memcpy(out + n, unit, un + 1);
	return out;
}

void
value_copy(struct value *to, const struct value *from)
{
	*to = *from;
	if (from->kind == VALUE_TEXT)
		to->text = xstrdup(from->text != NULL ? from->text : "");
	else if (from->kind == VALUE_NUMBER && from->text != NULL)
		to->text = xstrdup(from->text);
	else
		to->text = NULL;
}

int
value_expects_number(const struct value *target, const struct value *others,
    size_t n, const struct value *actual, const char *unit)
{
	size_t	i;
	int	num = 0, text = 0;

	if (target != NULL && target->kind != VALUE_NONE)
		return target->kind == VALUE_NUMBER;
	for (i = 0; others != NULL && i < n; i++) {
		num |= others[i].kind == VALUE_NUMBER;
		text |= others[i].kind == VALUE_TEXT;
	}
	if (text)
		return 0;
	if (num)
		return 1;
	if (actual != NULL && actual->kind != VALUE_NONE)
		return actual->kind == VALUE_NUMBER;
	return unit != NULL && unit[0] != '\0';
}

void
value_clear(struct value *v)
{
	if (v == NULL)
		return;
	free(v->text);
	v->text = NULL;
	v->kind = VALUE_NONE;
	v->num = 0;
}

int
value_equal(const struct value *a, const struct value *b)
{
	if (a->kind != b->kind)
		return 0;
	switch (a->kind) {
	case VALUE_NUMBER:
		/* 98.9 and 98.90 are the same number printed differently. */
		return a->num == b->num && strcmp(a->text != NULL ? a->text : "",
		    b->text != NULL ? b->text : "") == 0;
	case VALUE_TEXT:
		return strcmp(a->text != NULL ? a->text : "",
		    b->text != NULL ? b->text : "") == 0;
	default:
		return 1;
	}
}

int
value_canonical(const struct value *in, const char *unit, struct value *out,
    char **cause)
{
	if (in->kind != VALUE_TEXT) {
		value_copy(out, in);
		return 0;
	}
	return value_parse(in->text != NULL ? in->text : "", unit, out, cause);
}

int
value_check_text(const char *text, const char *what, size_t max, char **cause)
{
	size_t	len = text != NULL ? strlen(text) : 0;

	if (len > max) {
		*cause = xasprintf("%sが長すぎます（%zu バイトまで、今 %zu バイト）",
		    what, max, len);
		return -1;
	}
	if (len > 0 && !utf8_valid(text, len, NULL)) {
		*cause = xasprintf("%sに UTF-8 として正しくない文字があります", what);
		return -1;
	}
	return 0;
}

const char *
value_unblank(const char *s, size_t len, size_t *out_len)
{
	const char	*end = s + len;

	for (;;) {
		if (s < end && (*s == ' ' || *s == '\t'))
			s++;
		else if (end - s >= 3 && memcmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			break;
	}
	for (;;) {
		if (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		else if (end - s >= 3 && memcmp(end - 3, "\xe3\x80\x80", 3) == 0)
			end -= 3;
		else
			break;
	}
	*out_len = (size_t)(end - s);
	return s;
}

char *
value_trim(const char *s)
{
	const char	*start;
	size_t		 len;

	if (s == NULL)
		s = "";
	start = value_unblank(s, strlen(s), &len);
	return xstrndup(start, len);
}

char *
value_number_examples(const char *unit)
{
	if (unit == NULL || unit[0] == '\0')
		return xstrdup("42、1,200、１２００");
	if (strcmp(unit, "%") == 0)
		return xstrdup("98.5、98.5%、９８．５％");
	return xasprintf("42、1,200%s、１，２００%s", unit, unit);
}

/* The fiscal year in what a value's parentheses hold: a year as fy_parse
 * reads it, after which one word saying when in it may come
 * ("令和5年度末", "R5時点"). The year, or -1. */
static int
year_in_parentheses(char *part)
{
	static const char *const when[] = { "末", "時点", "現在", "実績",
	    "見込み", "見込" };
	size_t	len = strlen(part), i, n;
	int	fy;

	if ((fy = fy_parse(part, NULL)) >= 0)
		return fy;
	for (i = 0; i < sizeof when / sizeof when[0]; i++) {
		n = strlen(when[i]);
		if (len > n && strcmp(part + len - n, when[i]) == 0) {
			part[len - n] = '\0';
			return fy_parse(part, NULL);
		}
	}
	return -1;
}

int
value_year_suffix(const char *s, const char *unit, size_t *head_len)
{
	static const char	 fw_open[] = "\xef\xbc\x88", fw_close[] = "\xef\xbc\x89";
	struct value		 v;
	const char		*close, *open = NULL, *p;
	char			*part;
	size_t			 len, skip;
	int			 fy, number;

	if (s == NULL)
		return 0;
	/* The length up to the end of the text without blanks. */
	p = value_unblank(s, strlen(s), &len);
	len += (size_t)(p - s);
	/* The closing parenthesis at the end, the last opening one before. */
	if (len > 0 && s[len - 1] == ')')
		close = s + len - 1;
	else if (len >= 3 && memcmp(s + len - 3, fw_close, 3) == 0)
		close = s + len - 3;
	else
		return 0;
	for (p = s; p < close; p++)
		if (*p == '(' || (p + 3 <= close && memcmp(p, fw_open, 3) == 0))
			open = p;
	if (open == NULL || open == s)
		return 0;
	skip = *open == '(' ? 1 : 3;
	part = xstrndup(open + skip, (size_t)(close - open) - skip);
	fy = year_in_parentheses(part);
	free(part);
	if (fy < 0)
		return 0;
	/* Before it, a number with the unit; or a number gone wrong (with
	 * another unit), which the caller's reading then refuses as such
	 * rather than keeping the whole as text. */
	part = xstrndup(s, (size_t)(open - s));
	number = value_parse(part, unit, &v, NULL) != 0 ||
	    v.kind == VALUE_NUMBER;
	value_clear(&v);
	free(part);
	if (!number)
		return 0;
	p = value_unblank(s, (size_t)(open - s), head_len);
	*head_len += (size_t)(p - s);
	return fy;
}
