/*
 * The encodings Excel writes: detection (BOMs, UTF-8, CP932, neither),
 * reading each into UTF-8, and writing CP932 with the well-known pairs
 * mapped both ways, refusals naming the character and its place, and 〓
 * when asked.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "shisaku/textenc.h"
#include "shisaku/util.h"

/* Detects and decodes buf; returns the UTF-8 text (malloc'd) or NULL
 * with *cause. */
static char *
read_any(const char *buf, size_t len, enum text_encoding *enc, char **cause)
{
	char	*out = NULL;
	size_t	 n;

	if (textenc_detect(buf, len, enc, NULL, NULL, cause) != 0)
		return NULL;
	if (textenc_decode(buf, len, *enc, &out, &n, NULL, NULL, cause) != 0)
		return NULL;
	return out;
}

TEST(detects_what_excel_writes)
{
	enum text_encoding	 enc;
	char			*t, *cause = NULL;
	/* 「計画,R7」 in each encoding. */
	static const char utf8[] = "\xe8\xa8\x88\xe7\x94\xbb,R7\n";
	static const char bom[] = "\xef\xbb\xbf\xe8\xa8\x88\xe7\x94\xbb,R7\n";
	static const char le[] = "\xff\xfe\x08\x8a\x3b\x75\x09\x00" "R\x00" "7\x00"
	    "\n\x00";
	static const char be[] = "\xfe\xff\x8a\x08\x75\x3b\x00\x09\x00" "R\x00" "7\x00"
	    "\n";
	static const char sjis[] = "\x8c\x76\x89\xe6,R7\n";

	t = read_any(utf8, sizeof utf8 - 1, &enc, &cause);
	CHECK_INT(enc, TENC_UTF8);
	CHECK_STR(t, "計画,R7\n");
	free(t);
	t = read_any(bom, sizeof bom - 1, &enc, &cause);
	CHECK_INT(enc, TENC_UTF8_BOM);
	CHECK_STR(t, "計画,R7\n");
	free(t);
	t = read_any(le, sizeof le - 1, &enc, &cause);
	CHECK_INT(enc, TENC_UTF16LE);
	CHECK_STR(t, "計画\tR7\n");
	free(t);
	t = read_any(be, sizeof be - 1, &enc, &cause);
	CHECK_INT(enc, TENC_UTF16BE);
	CHECK_STR(t, "計画\tR7\n");
	free(t);
	t = read_any(sjis, sizeof sjis - 1, &enc, &cause);
	CHECK_INT(enc, TENC_CP932);
	CHECK_STR(t, "計画,R7\n");
	free(t);
}

TEST(neither_names_the_first_bad_byte_once)
{
	enum text_encoding	 enc;
	char			*cause = NULL;
	/* Good CP932 on two lines, then a byte no encoding here allows. */
	static const char junk[] = "\x8c\x76\x89\xe6\n\x8c\x76\xff\x80rest\n";

	size_t			 line = 0, col = 0;

	CHECK_INT(textenc_detect(junk, sizeof junk - 1, &enc, &line, &col,
	    &cause), -1);
	CHECK_STR(cause, "文字コードが UTF-8 でも CP932 でもありません（"
	    "バイト 0xFF は CP932 として読めません）");
	CHECK_INT(line, 2);
	CHECK_INT(col, 2);
	free(cause);
	cause = NULL;
	/* Forced as UTF-8, the same file fails at its first byte. */
	{
		char	*out = NULL;
		size_t	 n;

		CHECK_INT(textenc_decode(junk, sizeof junk - 1, TENC_UTF8, &out, &n,
		    &line, &col, &cause), -1);
		CHECK_STR(cause, "バイト 0x8C は UTF-8 として読めません");
		CHECK(line == 1 && col == 1);
		free(cause);
		CHECK(out == NULL);
	}
}

TEST(cp932_pairs_round_trip)
{
	static const char text[] = "A—B〜C‖D−E¢£¬¦ 収 收 ２０２５年";
	char	*sj = NULL, *back = NULL, *cause = NULL;
	size_t	 n, m, replaced = 9;

	CHECK_INT(textenc_encode_cp932(text, strlen(text), TENC_REFUSE, &sj, &n,
	    &replaced, &cause), 0);
	CHECK_INT(replaced, 0);
	/* EM DASH goes out as CP932's 0x815C, WAVE DASH as 0x8160. */
	CHECK(sj != NULL && memcmp(sj, "A\x81\x5c" "B\x81\x60" "C", 7) == 0);
	CHECK_INT(textenc_decode(sj, n, TENC_CP932, &back, &m, NULL, NULL,
	    &cause), 0);
	CHECK_STR(back, text);
	free(sj);
	free(back);
	CHECK_INT(textenc_cp932_pair(0x2014), 0x2015);
	CHECK_INT(textenc_cp932_pair(0x3042), 0x3042);
}

TEST(unmappable_is_refused_by_name_or_geta)
{
	static const char text[] = "一行目\n取組▶研修と进行";
	char	*sj = NULL, *back = NULL, *cause = NULL;
	size_t	 n, m, replaced = 0;

	CHECK_INT(textenc_encode_cp932(text, strlen(text), TENC_REFUSE, &sj, &n,
	    NULL, &cause), -1);
	CHECK(sj == NULL);
	CHECK(cause != NULL && strncmp(cause, "2 行 3 列の「▶」（U+25B6）は CP932"
	    " で表せません", strlen("2 行 3 列の「▶」（U+25B6）は CP932 で表せま"
	    "せん")) == 0);
	free(cause);
	cause = NULL;
	CHECK_INT(textenc_encode_cp932(text, strlen(text), TENC_GETA, &sj, &n,
	    &replaced, &cause), 0);
	CHECK_INT(replaced, 2);
	CHECK_INT(textenc_decode(sj, n, TENC_CP932, &back, &m, NULL, NULL,
	    &cause), 0);
	CHECK_STR(back, "一行目\n取組〓研修と〓行");
	free(sj);
	free(back);
}

TEST(references_keep_every_character)
{
	/* ▶ and 进 have no CP932 form; the text's own &#x must survive. */
	static const char text[] = "▶研修 进行 &#x41; & 〜";
	char	*sj = NULL, *back = NULL, *cause = NULL;
	size_t	 n, m, replaced = 0;

	CHECK_INT(textenc_encode_cp932(text, strlen(text), TENC_REF, &sj, &n,
	    &replaced, &cause), 0);
	CHECK_INT(replaced, 2);
	CHECK(sj != NULL && strncmp(sj, "&#x25B6;", 8) == 0);
	CHECK(sj != NULL && strstr(sj, "&#x26;#x41;") != NULL);
	CHECK_INT(textenc_decode(sj, n, TENC_CP932, &back, &m, NULL, NULL,
	    &cause), 0);
	CHECK_STR(back, text);
	free(sj);
	free(back);
}

TEST(encoding_words)
{
	enum text_encoding	enc;
	int			any;

	CHECK_INT(textenc_parse("CP932", &enc, &any), 0);
	CHECK_INT(enc, TENC_CP932);
	CHECK_INT(textenc_parse("Shift_JIS", &enc, &any), 0);
	CHECK_INT(enc, TENC_CP932);
	CHECK_INT(textenc_parse("utf-16", &enc, &any), 0);
	CHECK(any);
	CHECK_INT(textenc_parse("utf-8-bom", &enc, &any), 0);
	CHECK(!any && enc == TENC_UTF8_BOM);
	CHECK_INT(textenc_parse("euc-jp", &enc, NULL), -1);
}

int
main(void)
{
	RUN(detects_what_excel_writes);
	RUN(neither_names_the_first_bad_byte_once);
	RUN(cp932_pairs_round_trip);
	RUN(unmappable_is_refused_by_name_or_geta);
	RUN(references_keep_every_character);
	RUN(encoding_words);
	DONE();
}
