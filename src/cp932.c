/*
 * Reading CP932 (see cp932.h): the glibc iconv converts; this file decides
 * when to use it and which characters count as one.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/cp932.h"
#include "shisaku/util.h"

/* The length of the UTF-8 character at p (of n bytes), or 0 if the bytes
 * there are not one. */
static size_t
utf8_len(const unsigned char *p, size_t n)
{
	size_t	len, i;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++)
		if ((p[i] & 0xc0) != 0x80)
			return 0;
	return len;
}

int
cp932_likely(const char *data, size_t len)
{
	const unsigned char	*p = (const unsigned char *)data;
	size_t			 i = 0, n, good = 0, bad = 0;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = utf8_len(p + i, len - i)) > 0) {
			good++;
			i += n;
		} else {
			bad++;
			i++;
		}
	}
	return bad > good;
}

char *
cp932_decode(const char *data, size_t len, size_t *outlen, size_t *bad_line,
    char **cause)
{
	iconv_t		 cd = iconv_open("UTF-8", "CP932");
	char		*out, *ip = (char *)data, *op;
	size_t		 il = len, ol = len * 3 + 1, line = 1;
	const char	*p;

	*bad_line = 0;
	if (cd == (iconv_t)-1) {
		*cause = xasprintf("CP932 を読めません: %s", strerror(errno));
		return NULL;
	}
	out = xmalloc(ol);
	op = out;
	/* Three UTF-8 bytes at most per CP932 byte: the output never runs
	 * out, so a failure is a byte sequence CP932 does not have. */
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		for (p = data; p < ip; p++)
			if (*p == '\n')
				line++;
		*bad_line = line;
		*cause = xasprintf("UTF-8 でも CP932 でもない文字があります"
		    "（バイト 0x%02X）。Excel では「CSV UTF-8（コンマ区切り）」"
		    "で保存してください", (unsigned char)*ip);
		free(out);
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*op = '\0';
	*outlen = (size_t)(op - out);
	return out;
}

/* The pairs: the first of each is what CP932 reads back. */
static const unsigned fold_pairs[][2] = {
	{ 0xff5e, 0x301c },	/* ～ 〜 */
	{ 0xff0d, 0x2212 },	/* － − */
	{ 0x2225, 0x2016 },	/* ∥ ‖ */
	{ 0x2015, 0x2014 },	/* ― — */
	{ 0xffe0, 0x00a2 },	/* ￠ ¢ */
	{ 0xffe1, 0x00a3 },	/* ￡ £ */
	{ 0xffe2, 0x00ac },	/* ￢ ¬ */
};

/* The next code point of s (advanced), folded; 0 at the end. A byte that
 * is not UTF-8 is returned as itself + 0x110000, so it only equals
 * itself. */
static unsigned
next_folded(const unsigned char **s)
{
	const unsigned char	*p = *s;
	size_t			 n, i;
	unsigned		 cp;

	if (*p == '\0')
		return 0;
	for (n = 1; n < 4 && p[n] != '\0'; n++)
		;
	n = utf8_len(p, n);
	if (n == 0) {
		*s = p + 1;
		return 0x110000u + *p;
	}
	if (n == 1)
		cp = p[0];
	else if (n == 2)
		cp = (p[0] & 0x1fu) << 6 | (p[1] & 0x3fu);
	else if (n == 3)
		cp = (p[0] & 0x0fu) << 12 | (p[1] & 0x3fu) << 6 | (p[2] & 0x3fu);
	else
		cp = (p[0] & 0x07u) << 18 | (p[1] & 0x3fu) << 12 |
		    (p[2] & 0x3fu) << 6 | (p[3] & 0x3fu);
	*s = p + n;
	for (i = 0; i < sizeof fold_pairs / sizeof fold_pairs[0]; i++)
		if (cp == fold_pairs[i][1])
			return fold_pairs[i][0];
	return cp;
}

int
cp932_same(const char *a, const char *b)
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
