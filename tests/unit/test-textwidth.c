/*
 * Unit tests for textwidth.c: widths of Japanese text, cutting to a column
 * budget without splitting a double-width character, padding, invalid
 * bytes and control characters, wrapping by columns, and the search
 * match with full-width folding.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "harness.h"
#include "shisaku/textwidth.h"

/* tw_fit with a generous buffer; returns the columns used. */
static int
fit(const char *s, int cols, int pad, int ellipsis, char *out)
{
	return tw_fit(s, cols, pad, ellipsis, out, 256);
}

TEST(test_width_basic)
{
	CHECK_INT(tw_width(""), 0);
	CHECK_INT(tw_width(NULL), 0);
	CHECK_INT(tw_width("abc"), 3);
	CHECK_INT(tw_width("漢字abc"), 7);
	CHECK_INT(tw_width("Ａ１～"), 6);		/* full-width forms */
	CHECK_INT(tw_width("ｱｲｳ"), 3);		/* half-width katakana */
	CHECK_INT(tw_width("「結城」"), 8);
	CHECK_INT(tw_width("\xe3\x80\x80"), 2);	/* U+3000 */
	CHECK_INT(tw_width("e\xcc\x81"), 1);	/* e + combining acute */
	CHECK_INT(tw_width("a\xe2\x80\x8b" "b"), 2);	/* zero-width space */
	CHECK_INT(tw_wcwidth(L'漢'), 2);
	CHECK_INT(tw_wcwidth(L'a'), 1);
	CHECK_INT(tw_wcwidth(0x01), 1);		/* control: shown replaced */
}

TEST(test_width_ambiguous)
{
	tw_set_ambiguous_wide(0);
	CHECK_INT(tw_width("★"), 1);
	CHECK_INT(tw_width("①※→─○◆"), 6);
	CHECK_INT(tw_wcwidth(0x2160), 1);	/* Ⅰ */
	tw_set_ambiguous_wide(1);
	CHECK_INT(tw_width("★"), 2);
	CHECK_INT(tw_width("①※→─○◆"), 12);
	CHECK_INT(tw_width("☆◇●◎□■△▲▽▼▶◀⑳←↑↓│┌┐└┘├┤┬┴┼…"), 2 * 27);
	CHECK_INT(tw_wcwidth(0x2160), 2);
	CHECK_INT(tw_width("abc漢"), 5);	/* others unchanged */
	CHECK_INT(tw_width("ｱ"), 1);
	tw_set_ambiguous_wide(0);
}

/* glibc's width of one character, as textwidth.c asks it. */
static int
glibc_width(wchar_t wc)
{
	wchar_t	s[2] = { wc, L'\0' };

	return wcswidth(s, 1);
}

/* The widths are remembered per character of the Basic Multilingual
 * Plane: asked twice, each is glibc's (1 for what glibc does not know or
 * a control character, which are shown replaced). */
TEST(test_width_every_bmp_character)
{
	wchar_t	wc;
	int	round, want, bad = 0;

	tw_set_ambiguous_wide(0);
	for (round = 0; round < 2; round++)
		for (wc = 1; wc < 0x10000; wc++) {
			want = glibc_width(wc);
			if (want < 0 || wc < 0x20 || (wc >= 0x7F && wc < 0xA0))
				want = 1;
			bad += tw_wcwidth(wc) != want;
		}
	CHECK_INT(bad, 0);
	/* A few known ones, after the memo is filled. */
	CHECK_INT(tw_wcwidth(L'漢'), 2);
	CHECK_INT(tw_wcwidth(0x3099), 0);	/* combining dakuten */
	CHECK_INT(tw_wcwidth(0xFF71), 1);	/* ｱ */
}

TEST(test_fit_never_splits_wide)
{
	char	out[256];

	/* Five columns hold two kanji and not half of the third. */
	CHECK_INT(fit("漢字漢字", 5, 0, 0, out), 4);
	CHECK_STR(out, "漢字");
	CHECK_INT(fit("漢字漢字", 5, 1, 0, out), 5);
	CHECK_STR(out, "漢字 ");
	CHECK_INT(fit("a漢字", 2, 1, 0, out), 2);
	CHECK_STR(out, "a ");
	CHECK_INT(fit("漢", 1, 1, 0, out), 1);
	CHECK_STR(out, " ");
	CHECK_INT(fit("漢", 1, 0, 0, out), 0);
	CHECK_STR(out, "");
	/* Exactly fitting text is not cut. */
	CHECK_INT(fit("漢字", 4, 1, 1, out), 4);
	CHECK_STR(out, "漢字");
	CHECK_INT(fit("abc", 0, 1, 0, out), 0);
	CHECK_STR(out, "");
	CHECK_INT(fit("abc", -3, 1, 0, out), 0);
}

TEST(test_fit_pad_exact_columns)
{
	char	out[256];

	CHECK_INT(fit("ab", 6, 1, 0, out), 6);
	CHECK_STR(out, "ab    ");
	CHECK_INT(fit("", 3, 1, 0, out), 3);
	CHECK_STR(out, "   ");
	CHECK_INT(fit("結城市", 10, 1, 0, out), 10);
	CHECK_INT(tw_width(out), 10);
	CHECK_INT(fit("ab", 6, 0, 0, out), 2);
	CHECK_STR(out, "ab");
}

TEST(test_fit_ellipsis)
{
	char	out[256];

	CHECK_INT(fit("漢字漢字", 5, 1, 1, out), 5);
	CHECK_STR(out, "漢字~");
	/* The wide character that does not fit leaves a blank before '~'. */
	CHECK_INT(fit("漢字漢字", 6, 1, 1, out), 6);
	CHECK_STR(out, "漢字 ~");
	CHECK_INT(fit("漢字漢字", 6, 0, 1, out), 6);
	CHECK_STR(out, "漢字 ~");
	CHECK_INT(fit("abcdef", 4, 0, 1, out), 4);
	CHECK_STR(out, "abc~");
	CHECK_INT(fit("abcdef", 1, 0, 1, out), 1);
	CHECK_STR(out, "~");
	/* Trailing control characters are not "more text". */
	CHECK_INT(fit("abc\x01\x02", 3, 0, 1, out), 3);
	CHECK_STR(out, "abc");
}

TEST(test_fit_invalid_bytes)
{
	char	out[256];

	CHECK_INT(fit("a\xff" "b", 10, 0, 0, out), 3);
	CHECK_STR(out, "a?b");
	CHECK_INT(tw_width("a\xff" "b"), 3);
	/* A sequence cut short at the end of the string. */
	CHECK_INT(fit("漢\xe5\xad", 10, 0, 0, out), 4);
	CHECK_STR(out, "漢??");
	/* Overlong '/' and a UTF-16 surrogate are not characters. */
	CHECK_INT(fit("\xc0\xaf", 10, 0, 0, out), 2);
	CHECK_STR(out, "??");
	CHECK_INT(fit("\xed\xa0\x80", 10, 0, 0, out), 3);
	CHECK_STR(out, "???");
	/* A first byte followed by ASCII keeps the ASCII. */
	CHECK_INT(fit("\xe6" "ab", 10, 0, 0, out), 3);
	CHECK_STR(out, "?ab");
}

TEST(test_fit_control_chars)
{
	char	out[256];

	CHECK_INT(fit("a\x01" "b\tc\nd\x7f" "e", 20, 0, 0, out), 7);
	CHECK_STR(out, "ab c de");
	CHECK_INT(tw_width("a\x01" "b\tc\nd\x7f" "e"), 7);
	CHECK_INT(fit("\x1b[31mred", 20, 0, 0, out), 7);
	CHECK_STR(out, "[31mred");	/* the ESC never reaches the terminal */
	/* C1 control U+009B (CSI) is dropped as well. */
	CHECK_INT(fit("x\xc2\x9by", 20, 0, 0, out), 2);
	CHECK_STR(out, "xy");
}

TEST(test_fit_small_buffer)
{
	char	out[8];
	int	used;

	/* Room for 7 bytes: two kanji (6 bytes), never a partial third. */
	used = tw_fit("漢字漢字", 20, 1, 0, out, sizeof out);
	CHECK_STR(out, "漢字 ");
	CHECK_INT(used, 5);
	used = tw_fit("漢字漢字", 20, 0, 1, out, sizeof out);
	CHECK(strlen(out) < sizeof out);
	CHECK_INT(tw_width(out), used);
	CHECK(out[strlen(out) - 1] == '~');
	CHECK_INT(tw_fit("abc", 5, 1, 0, out, 1), 0);
	CHECK_STR(out, "");
}

TEST(test_fit_whole_width)
{
	static const char *const texts[] = {
		"市税等の収納率の向上", "No.19 ★ 取組", "a\tb\xff漢", "①②③",
	};
	char	out[256];
	size_t	i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		int w = tw_width(texts[i]);

		CHECK_INT(fit(texts[i], w, 0, 1, out), w);
		CHECK(strchr(out, '~') == NULL);
		CHECK_INT(tw_width(out), w);
	}
}

/* Collects the lines of tw_wrap into one string joined by '|'. */
static char *
wrapped(const char *s, int cols)
{
	static char	buf[512];
	size_t		starts[32], lens[32], n, i;

	n = tw_wrap(s, cols, starts, lens, 32);
	buf[0] = '\0';
	for (i = 0; i < n && i < 32; i++) {
		if (i > 0)
			strcat(buf, "|");
		strncat(buf, s + starts[i], lens[i]);
	}
	return buf;
}

/* A line of parts: the long part is cut with '~' so that what follows
 * it stays whole; parts that fit are left alone. */
TEST(test_fit_parts)
{
	const char	*line[] = { "令和8年度  担当: ",
	    "保健福祉部子ども・子育て家庭総合支援センター子ども家庭支援課",
	    "  期限 2027-06-30", "  入力: tanto" };
	const int	 shrink[] = { 0, 1, 0, 0 };
	const char	*two[] = { "R8  ", "笠間台市第６次総合計画", "  担当: ",
	    "保健福祉部子ども・子育て家庭総合支援センター", "  未入力" };
	const int	 shrink2[] = { 0, 1, 0, 1, 0 };
	char		*t;

	t = tw_fit_parts(line, shrink, 4, 200, 4);
	CHECK_STR(t, "令和8年度  担当: 保健福祉部子ども・子育て家庭総合支援"
	    "センター子ども家庭支援課  期限 2027-06-30  入力: tanto");
	free(t);
	/* 80 columns: the department gives way, cut whole characters and
	 * a '~' (a blank before it when a wide one would not fit). */
	t = tw_fit_parts(line, shrink, 4, 80, 4);
	CHECK_INT(tw_width(t), 80);
	CHECK(strstr(t, "家庭総合~  期限 2027-06-30  入力: tanto") != NULL);
	free(t);
	t = tw_fit_parts(line, shrink, 4, 79, 4);
	CHECK_INT(tw_width(t), 79);
	CHECK(strstr(t, "家庭総 ~  期限") != NULL);
	free(t);
	/* Two long parts: the widest is cut first, down to the other's
	 * width, then both alike. */
	t = tw_fit_parts(two, shrink2, 5, 70, 4);
	CHECK_INT(tw_width(t), 70);
	CHECK(strstr(t, "R8  笠間台市第６次総合計画  担当: ") == t);
	CHECK(strstr(t, "子育て家 ~  未入力") != NULL);
	free(t);
	t = tw_fit_parts(two, shrink2, 5, 50, 4);
	CHECK_INT(tw_width(t), 50);
	CHECK_STR(t, "R8  笠間台市第６次~  担当: 保健福祉部子ど~  未入力");
	free(t);
	/* Never below min: the caller cuts the rest. */
	t = tw_fit_parts(line, shrink, 4, 20, 4);
	CHECK(strstr(t, "担当: 保 ~  期限") != NULL);
	CHECK(tw_width(t) > 20);
	free(t);
}

TEST(test_wrap)
{
	size_t	starts[2], lens[2];

	CHECK_STR(wrapped("あいうえお", 4), "あい|うえ|お");
	CHECK_STR(wrapped("あいうえお", 5), "あい|うえ|お");
	CHECK_STR(wrapped("abcdef", 3), "abc|def");
	CHECK_STR(wrapped("ab\ncd", 10), "ab|cd");
	CHECK_STR(wrapped("a\n\nb", 10), "a||b");
	CHECK_STR(wrapped("a\n", 10), "a");
	CHECK_INT(tw_wrap("", 10, NULL, NULL, 0), 0);
	CHECK_INT(tw_wrap(NULL, 10, NULL, NULL, 0), 0);
	/* A character wider than the line still gets a line of its own. */
	CHECK_STR(wrapped("漢字", 1), "漢|字");
	/* Kinsoku: 。 does not start a line; い comes down with it. */
	CHECK_STR(wrapped("あい。う", 4), "あ|い。|う");
	CHECK_STR(wrapped("あいう」", 4), "あい|う」");
	/* Nor does （ end one: it goes down to what it opens. */
	CHECK_STR(wrapped("あ（主）", 6), "あ|（主）");
	CHECK_STR(wrapped("あいう（主）", 8), "あいう|（主）");
	/* Too narrow for the mark and what it holds: broken as it must. */
	CHECK_STR(wrapped("あ（主）", 4), "あ|（主|）");
	CHECK_STR(wrapped("課長「確認」", 6), "課長|「確|認」");
	/* A line of nothing wide yet (a combining mark alone) breaks
	 * before the character that does not fit. */
	CHECK_STR(wrapped("\xcc\x81漢字", 1), "\xcc\x81|漢|字");
	/* At the start of its line it stays: no line is left empty. */
	CHECK_STR(wrapped("（あいう", 4), "（あ|いう");
	/* The count is complete even when fewer slots are given. */
	CHECK_INT(tw_wrap("あいうえおかきくけこ", 4, starts, lens, 2), 5);
	CHECK_INT(starts[1], 6);
	CHECK_INT(lens[1], 6);
	/* Every line fits. */
	{
		const char *s = "市税等の収納率の向上。口座振替、コンビニ収納を進める。";
		size_t	st[64], ln[64], n, i;
		char	line[256];

		n = tw_wrap(s, 11, st, ln, 64);
		CHECK(n >= 5);
		for (i = 0; i < n; i++) {
			memcpy(line, s + st[i], ln[i]);
			line[ln[i]] = '\0';
			CHECK(tw_width(line) <= 11);
			CHECK(strncmp(line, "。", 3) != 0);
			CHECK(strncmp(line, "、", 3) != 0);
		}
	}
}

TEST(test_contains)
{
	CHECK(tw_contains("マイナンバーカードの普及", "ナンバー"));
	CHECK(tw_contains("ＡＢＣ推進", "abc"));
	CHECK(tw_contains("abc推進", "ＡＢＣ"));
	CHECK(tw_contains("No.19 市税等の収納率の向上", "ｎｏ．１９"));
	CHECK(tw_contains("ICT の活用", "ict"));
	CHECK(tw_contains("全角\xe3\x80\x80空白", "角 空"));
	CHECK(tw_contains("anything", ""));
	CHECK(!tw_contains("マイナンバー", "まいなんばー"));	/* kana not folded */
	CHECK(!tw_contains("ﾏｲﾅﾝﾊﾞｰ", "マイ"));
	CHECK(!tw_contains("総務課", "総務部"));
	CHECK(!tw_contains("短い", "もっと長い文字列"));
	CHECK(!tw_contains(NULL, "a"));
	CHECK(tw_contains("bad\xff" "byte", "byte"));
}

/* Where a match is, in bytes of the text as given: folding changes what
 * matches, never the offsets. */
TEST(test_find)
{
	const char	*s = "見守り協力員と見守りＡＢＣ";
	size_t		 len = 99;

	CHECK_INT(tw_find(s, "見守り", 0, &len), 0);
	CHECK_INT(len, strlen("見守り"));
	/* The second, from just after the first. */
	CHECK_INT(tw_find(s, "見守り", 1, &len), strlen("見守り協力員と"));
	/* Full-width ASCII matches ASCII; the length is the text's own. */
	CHECK_INT(tw_find(s, "abc", 0, &len), strlen("見守り協力員と見守り"));
	CHECK_INT(len, strlen("ＡＢＣ"));
	/* U+3000 is found by a blank and keeps its three bytes. */
	CHECK_INT(tw_find("見守り\xe3\x80\x80協力員", "り 協", 0, &len),
	    strlen("見守"));
	CHECK_INT(len, strlen("り\xe3\x80\x80協"));
	CHECK_INT(tw_find(s, "協力員", strlen("見守り協力員"), NULL), -1);
	CHECK_INT(tw_find(s, "", 0, &len), -1);
	CHECK_INT(len, 0);
	CHECK_INT(tw_find(NULL, "a", 0, NULL), -1);
	CHECK_INT(tw_find("abc", "c", 99, NULL), -1);
	CHECK_INT(tw_find("bad\xff" "byte", "byte", 0, &len), 4);
	CHECK_INT(len, 4);
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "C.UTF-8 locale missing\n");
		return 1;
	}
	RUN(test_width_basic);
	RUN(test_width_ambiguous);
	RUN(test_width_every_bmp_character);
	RUN(test_fit_never_splits_wide);
	RUN(test_fit_pad_exact_columns);
	RUN(test_fit_ellipsis);
	RUN(test_fit_invalid_bytes);
	RUN(test_fit_control_chars);
	RUN(test_fit_small_buffer);
	RUN(test_fit_whole_width);
	RUN(test_fit_parts);
	RUN(test_wrap);
	RUN(test_contains);
	RUN(test_find);
	DONE();
}
