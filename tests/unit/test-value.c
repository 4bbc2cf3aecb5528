/*
 * Indicator values: numbers with their unit as the plans print them, text
 * that must stay text, Japanese input normalisation, canonical output and
 * UTF-8 validation.
 */

#include <stdlib.h>

#include "harness.h"
#include "shisaku/value.h"

/* Parses s against unit and returns its kind (-1 on error); *num set for
 * numbers. */
static int
kind_of(const char *s, const char *unit, double *num)
{
	struct value	 v;
	char		*cause = NULL;
	int		 kind;

	if (value_parse(s, unit, &v, &cause) == -1) {
		free(cause);
		return -1;
	}
	kind = (int)v.kind;
	if (num != NULL)
		*num = v.num;
	value_clear(&v);
	return kind;
}

/* Expects s to be the number want with the given unit. */
#define CHECK_NUM(s, unit, want) do {                               \
	double n_ = -12345;                                         \
	CHECK_INT(kind_of((s), (unit), &n_), VALUE_NUMBER);          \
	CHECK_DBL(n_, (want), 1e-9);                                \
} while (0)

#define CHECK_TEXT(s, unit) CHECK_INT(kind_of((s), (unit), NULL), VALUE_TEXT)

/* Expects s to be a number kept as printed (text) and shown as shown. */
#define CHECK_PRINTED(s, unit, printed, shown) do {                \
	struct value v_;                                            \
	char *f_;                                                   \
	CHECK_INT(value_parse((s), (unit), &v_, NULL), 0);          \
	CHECK_INT(v_.kind, VALUE_NUMBER);                           \
	CHECK_STR(v_.text, (printed));                              \
	f_ = value_format(&v_, (unit), 1);                          \
	CHECK_STR(f_, (shown));                                     \
	free(f_);                                                   \
	value_clear(&v_);                                           \
} while (0)

/* Expects s to read as exactly want, not merely close to it. */
#define CHECK_EXACT(s, unit, want) do {                             \
	struct value v_;                                            \
	CHECK_INT(value_parse((s), (unit), &v_, NULL), 0);          \
	CHECK_INT(v_.kind, VALUE_NUMBER);                           \
	CHECK(v_.num == (want));                                    \
	value_clear(&v_);                                           \
} while (0)

TEST(numbers_plain)
{
	CHECK_NUM("42", NULL, 42);
	CHECK_NUM("42", "", 42);
	CHECK_NUM("0", NULL, 0);
	CHECK_NUM("-3.5", NULL, -3.5);
	CHECK_NUM("+7", NULL, 7);
	CHECK_NUM("98.82", NULL, 98.82);
	CHECK_NUM("0.1", NULL, 0.1);
	CHECK_NUM("  12  ", NULL, 12);
	CHECK_NUM("4031724014", NULL, 4031724014.0);
	CHECK_NUM("007", NULL, 7);
}

TEST(numbers_with_units)
{
	CHECK_NUM("42回", "回", 42);
	CHECK_NUM("４２回", "回", 42);
	CHECK_NUM("42 回", "回", 42);
	CHECK_NUM("42\xe3\x80\x80回", "回", 42);
	CHECK_NUM("98.82%", "%", 98.82);
	CHECK_NUM("98.82％", "%", 98.82);
	CHECK_NUM("98.82%", "％", 98.82);
	CHECK_NUM("９８．８２％", "%", 98.82);
	CHECK_NUM("1,200千円", "千円", 1200);
	CHECK_NUM("１，２００千円", "千円", 1200);
	CHECK_NUM("4,031,724,014円", "円", 4031724014.0);
	CHECK_NUM("16.5万㎡", "万㎡", 16.5);
	CHECK_NUM("62人", "人", 62);
	CHECK_NUM("150件", "件", 150);
	CHECK_NUM("2.5時間", "時間", 2.5);
	CHECK_NUM("30団体", "団体", 30);
	CHECK_NUM("3事業", "事業", 3);
	CHECK_NUM("24,000㎡", "㎡", 24000);
	/* A unit with a hyphen, typed with the input method on: the
	 * full-width hyphen-minus (and a minus sign) is its hyphen. */
	CHECK_NUM("７８，２００ｔ－ＣＯ２", "t-CO2", 78200);
	CHECK_NUM("78,200t−CO2", "t-CO2", 78200);
	CHECK_NUM("78,200 t-CO2", "ｔ－ＣＯ２", 78200);
	CHECK_NUM("5.2万t－CO2", "t-CO2", 52000);
	CHECK_TEXT("78,200tCO2", "t-CO2");
	CHECK_TEXT("78,200t-CO", "t-CO2");
	CHECK_TEXT("78,200t－－CO2", "t-CO2");
	/* The bare number is fine for an indicator with a unit. */
	CHECK_NUM("42", "回", 42);
	CHECK_NUM("1,200", "千円", 1200);
}

TEST(numbers_with_a_scale_word)
{
	struct value	 v;

	/* 万, 億 and 千 before the unit, or before nothing. */
	CHECK_NUM("120万人", "人", 1200000);
	CHECK_NUM("１２０万人", "人", 1200000);
	CHECK_NUM("1.23万人", "人", 12300);
	CHECK_NUM("3.5億円", "円", 350000000);
	CHECK_NUM("1,200千円", "円", 1200000);
	CHECK_NUM("0.125万 人", "人", 1250);
	CHECK_NUM("120 万人", "人", 1200000);
	CHECK_NUM("120万", "人", 1200000);
	CHECK_NUM("-2.5万件", "件", -25000);
	CHECK_NUM("1.23456千件", "件", 1234.56);
	/* A unit with a scale of its own is counted in it. */
	CHECK_NUM("120万人", "万人", 120);
	CHECK_NUM("16.5万㎡", "万㎡", 16.5);
	CHECK_TEXT("120万", "万人");
	/* Without a unit, or with a word or another unit after it: text. */
	CHECK_TEXT("120万", NULL);
	CHECK_TEXT("120万人", "");
	CHECK_TEXT("3千人規模", "人");
	CHECK_TEXT("万人", "人");
	/* It keeps the form it was printed in, blanks and all. */
	CHECK_PRINTED("120 万人", "人", "120 万", "120 万人");
	CHECK_PRINTED("１．５万人", "人", "1.5万", "1.5万人");
	/* Read back from what it writes, exactly as the decimal written
	 * (0.07 times 10,000 in doubles is 700.0000000000001). */
	CHECK_EXACT("1.5万人", "人", 15000);
	CHECK_EXACT("0.07万人", "人", 700);
	CHECK_EXACT("1.23万人", "人", 12300);
	/* Another unit after it is a number gone wrong, as without. */
	{
		char	*cause = NULL;

		CHECK_INT(value_parse("42万人", "回", &v, &cause), -1);
		CHECK_STR(cause, "「42万人」の単位「人」がこの指標の単位「回」と"
		    "違います");
		free(cause);
		cause = NULL;
		CHECK_INT(value_parse("42万 人", "回", &v, &cause), -1);
		free(cause);
		cause = NULL;
		CHECK_INT(value_parse("1億人", "万人", &v, &cause), -1);
		free(cause);
	}
}

TEST(numbers_in_groups_of_man_and_oku)
{
	char	*cause = NULL;
	struct value v;

	/* As plans print sums of money (財政効果額：11億9,038万円). */
	CHECK_EXACT("11億9,038万円", "円", 1190380000.0);
	CHECK_EXACT("20億5,004万円", "円", 2050040000.0);
	CHECK_EXACT("１２億３，８７３万円", "円", 1238730000.0);
	CHECK_EXACT("1億2,000万", "円", 120000000.0);
	CHECK_EXACT("1億 2,000万 円", "円", 120000000.0);
	CHECK_EXACT("1億0500万円", "円", 105000000.0);
	CHECK_EXACT("1億5千円", "円", 100005000.0);
	/* 千 within a group: 5千万 is 5,000 万. */
	CHECK_EXACT("2億5千万円", "円", 250000000.0);
	CHECK_EXACT("3万5千人", "人", 35000.0);
	CHECK_EXACT("1千万2千円", "円", 10002000.0);
	CHECK_EXACT("1.5千万円", "円", 15000000.0);
	CHECK_EXACT("-1億2,000万円", "円", -120000000.0);
	CHECK_EXACT("▲1億2,000万円", "円", -120000000.0);
	/* A unit with a scale word of its own ends the last group, which
	 * counts in it. */
	CHECK_EXACT("11億9,038万円", "万円", 119038.0);
	CHECK_EXACT("5千万円", "万円", 5000.0);
	CHECK_EXACT("1億2,000千円", "千円", 102000.0);
	CHECK_TEXT("11億9,038", "万円");
	CHECK_TEXT("1億2,000万", "万人");
	/* Each group below the place the one before leaves it, integers
	 * after the first, the words in order: otherwise text. */
	CHECK_TEXT("1億12,000万円", "円");
	CHECK_TEXT("1億2.5万円", "円");
	CHECK_TEXT("1万2億円", "円");
	CHECK_TEXT("1万2万円", "円");
	CHECK_TEXT("1億2,000万円", NULL);
	CHECK_TEXT("1億2,000万円規模", "円");
	CHECK_TEXT("1億2,000万-3円", "円");
	/* Kept as printed, and read back from what it writes. */
	CHECK_PRINTED("11億9,038万円", "円", "11億9,038万", "11億9,038万円");
	CHECK_PRINTED("11億9,038万円", "万円", "11億9,038", "11億9,038万円");
	CHECK_PRINTED("２億５千万円", "円", "2億5千万", "2億5千万円");
	CHECK_EXACT("11億9,038万円", "円", 1190380000.0);
	/* Another unit after it is refused, naming it. */
	CHECK_INT(value_parse("1億2,000万人", "回", &v, &cause), -1);
	CHECK_STR(cause, "「1億2,000万人」の単位「人」がこの指標の単位「回」と"
	    "違います");
	free(cause);
	cause = NULL;
	CHECK_INT(value_parse("3万5千 件", "人", &v, &cause), -1);
	CHECK_STR(cause, "「3万5千 件」の単位「件」がこの指標の単位「人」と"
	    "違います");
	free(cause);
}

TEST(full_width_signs)
{
	CHECK_NUM("－５", NULL, -5);
	CHECK_NUM("−5", NULL, -5);
	CHECK_NUM("ー5", NULL, -5);
	CHECK_NUM("－１．５％", "%", -1.5);
	CHECK_NUM("＋３", NULL, 3);
}

TEST(thousands_commas)
{
	CHECK_NUM("1,200", NULL, 1200);
	CHECK_NUM("12,000", NULL, 12000);
	CHECK_NUM("123,456,789", NULL, 123456789);
	CHECK_NUM("-1,234.5", NULL, -1234.5);
	CHECK_TEXT("12,00", NULL);
	CHECK_TEXT("1,2000", NULL);
	CHECK_TEXT("1234,567", NULL);
	CHECK_TEXT("1,20", NULL);
	CHECK_TEXT(",100", NULL);
	CHECK_TEXT("100,", NULL);
	CHECK_TEXT("1,,000", NULL);
	CHECK_TEXT("1,000,00", NULL);
	CHECK_TEXT("1.000,5", NULL);
}

TEST(numbers_gone_wrong_are_refused)
{
	struct value	 v;
	char		*cause = NULL;

	/* A number in another unit than the indicator's. */
	CHECK_INT(value_parse("42人", "回", &v, &cause), -1);
	CHECK_STR(cause, "「42人」の単位「人」がこの指標の単位「回」と違います");
	free(cause);
	cause = NULL;
	CHECK_INT(value_parse("４２回", "件", &v, &cause), -1);
	free(cause);
	cause = NULL;
	/* Not numbers at all, though they look so to a program. */
	CHECK_INT(value_parse("NaN", NULL, &v, &cause), -1);
	CHECK_STR(cause, "「NaN」は数値として使えません");
	free(cause);
	cause = NULL;
	CHECK_INT(value_parse("inf", "件", &v, &cause), -1);
	free(cause);
	cause = NULL;
	CHECK_INT(value_parse("1e309", NULL, &v, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "指数表記は使えません") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(value_parse("1E6", "件", &v, &cause), -1);
	free(cause);
	/* Accounting notation is a negative number. */
	CHECK_NUM("△5", NULL, -5);
	CHECK_NUM("▲1,200千円", "千円", -1200);
	CHECK_TEXT("前年比△", NULL);
}

TEST(text_values)
{
	CHECK_TEXT("0%(H29年)", "%");
	CHECK_TEXT("月1回", "回");
	CHECK_TEXT("月１回", "回");
	CHECK_TEXT("平均2人", "人");
	CHECK_TEXT("実施", "");
	CHECK_TEXT("基準値より増", "%");
	CHECK_TEXT("調整中", NULL);
	CHECK_TEXT("—", NULL);
	CHECK_TEXT("-", NULL);
	CHECK_TEXT("ー", NULL);
	CHECK_TEXT("回", "回");
	CHECK_TEXT("%", "%");
	CHECK_TEXT("42回", NULL);
	CHECK_TEXT("98.82%", "");
	CHECK_TEXT("42回回", "回");
	CHECK_TEXT("42.", NULL);
	CHECK_TEXT(".5", NULL);
	CHECK_TEXT("- 5", NULL);
	CHECK_TEXT("0x10", NULL);
	CHECK_TEXT("42 43", NULL);
	CHECK_TEXT("約42回", "回");
	CHECK_TEXT("42回以上", "回");
	CHECK_TEXT("コーナー2", NULL);
}

TEST(text_is_kept_as_written)
{
	struct value	v;

	CHECK_INT(value_parse("\xe3\x80\x80月１回 ", "回", &v, NULL), 0);
	CHECK_INT(v.kind, VALUE_TEXT);
	CHECK_STR(v.text, "月１回");
	value_clear(&v);
	CHECK_INT(v.kind, VALUE_NONE);
	CHECK(v.text == NULL);
}

TEST(none_values)
{
	CHECK_INT(kind_of("", "回", NULL), VALUE_NONE);
	CHECK_INT(kind_of("   ", "回", NULL), VALUE_NONE);
	CHECK_INT(kind_of("\xe3\x80\x80", NULL, NULL), VALUE_NONE);
	CHECK_INT(kind_of(NULL, NULL, NULL), VALUE_NONE);
}

TEST(huge_numbers_never_infinite)
{
	char	big[400];
	double	n = 0;

	memset(big, '9', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	CHECK_TEXT(big, NULL);
	CHECK_NUM("99999999999999999999", NULL, 1e20);
	CHECK_INT(kind_of("0.000000000000000000001", NULL, &n), VALUE_NUMBER);
	CHECK(n > 0 && n < 1e-20);
}

TEST(negative_zero_is_zero)
{
	struct value	 v;
	char		*s;

	CHECK_INT(value_parse("-0", NULL, &v, NULL), 0);
	CHECK_INT(v.kind, VALUE_NUMBER);
	s = value_format(&v, NULL, 0);
	CHECK_STR(s, "0");
	free(s);
	value_clear(&v);
}

TEST(parse_errors)
{
	struct value	 v;
	char		*cause = NULL, *longs;

	CHECK_INT(value_parse("4\xff" "2", NULL, &v, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "UTF-8") != NULL);
	CHECK_INT(v.kind, VALUE_NONE);
	free(cause);
	cause = NULL;
	CHECK_INT(value_parse("\xc0\xaf", NULL, &v, &cause), -1);
	free(cause);
	cause = NULL;
	longs = malloc(VALUE_TEXT_MAX + 2);
	memset(longs, 'a', VALUE_TEXT_MAX + 1);
	longs[VALUE_TEXT_MAX + 1] = '\0';
	CHECK_INT(value_parse(longs, NULL, &v, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "長すぎ") != NULL);
	free(cause);
	cause = NULL;
	longs[VALUE_TEXT_MAX] = '\0';
	CHECK_INT(value_parse(longs, NULL, &v, &cause), 0);
	CHECK_INT(v.kind, VALUE_TEXT);
	CHECK(cause == NULL);
	value_clear(&v);
	free(longs);
	/* The cause is optional. */
	CHECK_INT(value_parse("\xff", NULL, &v, NULL), -1);
}

TEST(parse_number_strict)
{
	double	 n = 0;
	char	*cause = NULL;

	CHECK_INT(value_parse_number("1,200千円", "千円", &n, &cause), 0);
	CHECK_DBL(n, 1200, 0);
	CHECK_INT(value_parse_number("９８．５％", "%", &n, &cause), 0);
	CHECK_DBL(n, 98.5, 1e-12);
	CHECK(cause == NULL);
	CHECK_INT(value_parse_number("実施", "回", &n, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "数値を入力してください") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(value_parse_number("", "回", &n, &cause), -1);
	CHECK(cause != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(value_parse_number("\xfe", "回", &n, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "UTF-8") != NULL);
	free(cause);
}

/* The canonical text of a number. */
static const char *
canon(double d)
{
	static char	buf[64];

	return value_format_number(d, buf, sizeof buf);
}

TEST(format_canonical)
{
	CHECK_STR(canon(98.82), "98.82");
	CHECK_STR(canon(0.1), "0.1");
	CHECK_STR(canon(4031724014.0), "4031724014");
	CHECK_STR(canon(-3.5), "-3.5");
	CHECK_STR(canon(1e6), "1000000");
	CHECK_STR(canon(0), "0");
	CHECK_STR(canon(-0.0), "0");
	CHECK_STR(canon(42), "42");
	CHECK_STR(canon(0.1 + 0.2), "0.3");
	CHECK_STR(canon(1.0 / 3), "0.333333333333333");
	CHECK_STR(canon(0.001), "0.001");
	CHECK_STR(canon(0.00001), "0.00001");
	CHECK_STR(canon(123456789012345.0), "123456789012345");
	CHECK_STR(canon(1e15), "1000000000000000");
	CHECK_STR(canon(1e20), "100000000000000000000");
	CHECK_STR(canon(16.5), "16.5");
	CHECK_STR(canon(99.99999999999999), "100");
	CHECK_STR(canon(-1234.5), "-1234.5");
	CHECK_STR(canon(INFINITY), "");
	CHECK_STR(canon(NAN), "");
}

TEST(format_small_buffer)
{
	char	buf[8];

	value_format_number(1234567, buf, sizeof buf);
	CHECK_STR(buf, "1234567");
	value_format_number(12345678, buf, sizeof buf);
	CHECK(strlen(buf) < sizeof buf);
	value_format_grouped(1234567, buf, sizeof buf);
	CHECK(strlen(buf) < sizeof buf);
}

/* The grouped text of a number. */
static const char *
grouped(double d)
{
	static char	buf[64];

	return value_format_grouped(d, buf, sizeof buf);
}

TEST(format_grouped)
{
	CHECK_STR(grouped(4031724014.0), "4,031,724,014");
	CHECK_STR(grouped(1200), "1,200");
	CHECK_STR(grouped(999), "999");
	CHECK_STR(grouped(1000), "1,000");
	CHECK_STR(grouped(-1234567.25), "-1,234,567.25");
	CHECK_STR(grouped(0.5), "0.5");
	CHECK_STR(grouped(-12), "-12");
	CHECK_STR(grouped(123456), "123,456");
}

TEST(format_values)
{
	struct value	 v;
	char		*s;

	/* A number keeps the form it was printed in: its commas ... */
	CHECK_INT(value_parse("4,031,724,014円", "円", &v, NULL), 0);
	CHECK(v.num == 4031724014.0);
	s = value_format(&v, "円", 1);
	CHECK_STR(s, "4,031,724,014円");
	free(s);
	s = value_format(&v, "円", 0);
	CHECK_STR(s, "4,031,724,014");
	free(s);
	s = value_format(&v, NULL, 1);
	CHECK_STR(s, "4,031,724,014");
	free(s);
	value_clear(&v);
	/* ... and its decimals: 98.90% is not 98.9%, 100% stays 100%. */
	CHECK_PRINTED("９８．９０％", "%", "98.90", "98.90%");
	/* ... and its accounting minus: △320人 is -320, shown △320人. */
	CHECK_PRINTED("△320人", "人", "△320", "△320人");
	CHECK_PRINTED("▲１，２００千円", "千円", "▲1,200", "▲1,200千円");
	CHECK_PRINTED("△0.5", NULL, "△0.5", "△0.5");
	CHECK_INT(value_parse("-320人", "人", &v, NULL), 0);
	CHECK(v.text == NULL);
	value_clear(&v);
	CHECK_INT(value_parse("100%", "%", &v, NULL), 0);
	CHECK(v.text == NULL);
	s = value_format(&v, "%", 1);
	CHECK_STR(s, "100%");
	free(s);
	/* A copy keeps the printed form; 98.9 and 98.90 are not equal. */
	{
		struct value	a, b, c;

		CHECK_INT(value_parse("98.90", NULL, &a, NULL), 0);
		CHECK_INT(value_parse("98.9", NULL, &b, NULL), 0);
		value_copy(&c, &a);
		CHECK(value_equal(&a, &c) && !value_equal(&a, &b));
		value_clear(&a);
		value_clear(&b);
		value_clear(&c);
	}
	value_clear(&v);
	CHECK_INT(value_parse("+42", NULL, &v, NULL), 0);
	CHECK(v.text == NULL && v.num == 42);
	value_clear(&v);

	CHECK_INT(value_parse("月1回", "回", &v, NULL), 0);
	s = value_format(&v, "回", 1);
	CHECK_STR(s, "月1回");
	free(s);
	value_clear(&v);

	CHECK_INT(value_parse("", "回", &v, NULL), 0);
	s = value_format(&v, "回", 1);
	CHECK_STR(s, "");
	free(s);
}

TEST(format_parse_round_trip)
{
	static const double nums[] = {
		0, 1, -1, 0.5, 98.82, 4031724014.0, 1e-7, 123456.789, -0.25,
		99999999999999.9, 1e6, 0.3,
	};
	struct value	 v, w;
	char		*s;
	size_t		 i;

	for (i = 0; i < sizeof nums / sizeof nums[0]; i++) {
		v.kind = VALUE_NUMBER;
		v.num = nums[i];
		v.text = NULL;
		s = value_format(&v, "%", 1);
		CHECK_INT(value_parse(s, "%", &w, NULL), 0);
		if (w.kind != VALUE_NUMBER || !value_equal(&v, &w))
			FAIL_AT("%s did not read back", s);
		value_clear(&w);
		free(s);
	}
}

TEST(equality)
{
	struct value	a, b;

	value_parse("42回", "回", &a, NULL);
	value_parse("４２", "回", &b, NULL);
	CHECK(value_equal(&a, &b));
	value_clear(&b);
	value_parse("43", "回", &b, NULL);
	CHECK(!value_equal(&a, &b));
	value_clear(&b);
	value_parse("月1回", "回", &b, NULL);
	CHECK(!value_equal(&a, &b));
	value_clear(&a);
	value_parse("月1回", NULL, &a, NULL);
	CHECK(value_equal(&a, &b));
	value_clear(&a);
	value_clear(&b);
	CHECK(value_equal(&a, &b));	/* both none */
}

/* Normalises s and compares with want. */
static void
check_norm(const char *s, const char *want)
{
	char	*got = value_normalize(s);

	CHECK_STR(got, want);
	free(got);
}

TEST(normalize)
{
	check_norm("２０２５", "2025");
	check_norm("ＡＢＣｘｙｚ", "ABCxyz");
	check_norm("１，２００．５％", "1,200.5%");
	check_norm("Ｒ７\xe3\x80\x80年度", "R7 年度");
	check_norm("－５", "-5");
	check_norm("−5", "-5");
	check_norm("ー5", "-5");
	check_norm("1ー2", "1-2");
	check_norm("(ー5)", "(-5)");
	check_norm(" ー5", " -5");
	check_norm("\xe3\x80\x80ー5", " -5");
	/* Not before a digit: left alone. */
	check_norm("ー", "ー");
	check_norm("データー", "データー");
	check_norm("コーナー2", "コーナー2");
	check_norm("A－B", "A－B");
	check_norm("−", "−");
	check_norm("—", "—");
	check_norm("令和７年度", "令和7年度");
	check_norm("〜", "〜");	/* U+301C WAVE DASH is not ASCII */
	check_norm("！～", "!~");
	check_norm("", "");
	/* Bytes that are not UTF-8 pass through. */
	check_norm("a\xff" "b", "a\xff" "b");
}

/* utf8_valid on a string literal. */
static int
valid(const char *s, size_t len, size_t *bad)
{
	return utf8_valid(s, len, bad);
}

TEST(utf8_validation)
{
	size_t	bad = 999;

	CHECK(valid("", 0, NULL));
	CHECK(valid("abc", 3, NULL));
	CHECK(valid("令和", strlen("令和"), NULL));
	CHECK(valid("\xf0\x9f\x98\x80", 4, NULL));	/* U+1F600 */
	CHECK(valid("\xf4\x8f\xbf\xbf", 4, NULL));	/* U+10FFFF */
	CHECK(valid("\xef\xbf\xbf", 3, NULL));		/* U+FFFF */
	CHECK(valid("\xc2\x80", 2, NULL));		/* U+0080 */

	CHECK(!valid("ab\xff", 3, &bad));
	CHECK_INT(bad, 2);
	CHECK(!valid("a\0b", 3, &bad));			/* NUL */
	CHECK_INT(bad, 1);
	CHECK(!valid("\xc0\xaf", 2, &bad));		/* overlong '/' */
	CHECK_INT(bad, 0);
	CHECK(!valid("\xc1\xbf", 2, NULL));		/* overlong */
	CHECK(!valid("\xe0\x80\xaf", 3, NULL));		/* overlong */
	CHECK(!valid("\xf0\x80\x80\xaf", 4, NULL));	/* overlong */
	CHECK(!valid("\xed\xa0\x80", 3, NULL));		/* U+D800 */
	CHECK(!valid("\xed\xbf\xbf", 3, NULL));		/* U+DFFF */
	CHECK(!valid("\xf4\x90\x80\x80", 4, NULL));	/* U+110000 */
	CHECK(!valid("\xf5\x80\x80\x80", 4, NULL));
	CHECK(!valid("\x80", 1, NULL));			/* lone continuation */
	CHECK(!valid("x\xe4\xbb", 3, &bad));		/* truncated */
	CHECK_INT(bad, 1);
	CHECK(!valid("\xe4\xbbx", 3, NULL));
	/* Only len bytes are looked at. */
	CHECK(valid("ab\xff", 2, NULL));
}

TEST(trim_canonical_check_text)
{
	struct value	in, out;
	char		*s, *cause = NULL;

	s = value_trim("\xe3\x80\x80 No.1-2\t ");
	CHECK_STR(s, "No.1-2");
	free(s);
	s = value_trim(NULL);
	CHECK_STR(s, "");
	free(s);

	in.kind = VALUE_TEXT;
	in.text = "１，２００千円";
	CHECK_INT(value_canonical(&in, "千円", &out, NULL), 0);
	CHECK_INT(out.kind, VALUE_NUMBER);
	CHECK_DBL(out.num, 1200, 1e-9);
	value_clear(&out);
	in.text = "実施";
	CHECK_INT(value_canonical(&in, "回", &out, NULL), 0);
	CHECK(out.kind == VALUE_TEXT && strcmp(out.text, "実施") == 0);
	value_clear(&out);
	in.kind = VALUE_NUMBER;
	in.num = 42;
	in.text = NULL;
	CHECK_INT(value_canonical(&in, "回", &out, NULL), 0);
	CHECK_DBL(out.num, 42, 1e-9);
	value_clear(&out);

	CHECK_INT(value_check_text("取組", "名称", 100, &cause), 0);
	CHECK_INT(value_check_text(NULL, "名称", 100, &cause), 0);
	CHECK_INT(value_check_text("あいう", "名称", 6, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "名称が長すぎます") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(value_check_text("a\xff", "備考", 100, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "UTF-8") != NULL);
	free(cause);
}

/* A number with its year in parentheses after it, as plans print
 * baselines, gives the year and the number's length; anything else,
 * text with a year or a number with other words in parentheses, none. */
TEST(year_suffix)
{
	size_t	n = 99;

	CHECK_INT(value_year_suffix("0%(H29年)", "%", &n), 2017);
	CHECK_INT((int)n, 2);
	CHECK_INT(value_year_suffix("62.5%（令和5年度）", "%", &n), 2023);
	CHECK_INT((int)n, 5);
	CHECK_INT(value_year_suffix("１，２００人　（Ｒ５）　", "人", &n), 2023);
	CHECK_INT((int)n, strlen("１，２００人"));
	CHECK_INT(value_year_suffix("1,200 (2023)", "", &n), 2023);
	CHECK_INT((int)n, 5);
	CHECK_INT(value_year_suffix("△5件(R4)", "件", &n), 2022);
	/* A word of when in the year after it. */
	CHECK_INT(value_year_suffix("1,234人（令和5年度末）", "人", &n), 2023);
	CHECK_INT((int)n, strlen("1,234人"));
	CHECK_INT(value_year_suffix("45.2%(R6時点)", "%", &n), 2024);
	/* As a plan prints its sum of money (財政効果額). */
	CHECK_INT(value_year_suffix("20億5,004万円(2024時点)", "円", &n), 2024);
	CHECK_INT((int)n, strlen("20億5,004万円"));
	CHECK_INT(value_year_suffix("12件（H30実績）", "件", &n), 2018);
	CHECK_INT(value_year_suffix("12件（R8見込み）", "件", &n), 2026);
	CHECK_INT(value_year_suffix("12件（R8頃）", "件", &n), 0);
	CHECK_INT(value_year_suffix("12件（末）", "件", &n), 0);
	n = 99;
	CHECK_INT(value_year_suffix("月1回(R5)", "回", &n), 0);
	/* A number with another unit is split, for its reading to refuse. */
	CHECK_INT(value_year_suffix("42人(R5)", "回", &n), 2023);
	CHECK_INT((int)n, strlen("42人"));
	n = 99;
	CHECK_INT(value_year_suffix("100(注)", "", &n), 0);
	CHECK_INT(value_year_suffix("(R5)", "", &n), 0);
	CHECK_INT(value_year_suffix("62.5%", "%", &n), 0);
	CHECK_INT(value_year_suffix("62.5%(R5", "%", &n), 0);
	CHECK_INT(value_year_suffix("", "%", &n), 0);
	CHECK_INT(value_year_suffix(NULL, "%", &n), 0);
	CHECK_INT((int)n, 99);
}

TEST(expects_number)
{
	struct value	n = { VALUE_NUMBER, 40, NULL };
	struct value	t = { VALUE_TEXT, 0, (char *)"実施" };
	struct value	none = { VALUE_NONE, 0, NULL };
	struct value	mixed[3], nums[2];

	/* The year's target decides. */
	CHECK_INT(value_expects_number(&n, NULL, 0, &t, ""), 1);
	CHECK_INT(value_expects_number(&t, NULL, 0, &n, "回"), 0);
	/* Without one, the other values: any text makes it text-valued. */
	mixed[0] = n;
	mixed[1] = t;
	mixed[2] = none;
	CHECK_INT(value_expects_number(&none, mixed, 3, NULL, "回"), 0);
	nums[0] = none;
	nums[1] = n;
	CHECK_INT(value_expects_number(NULL, nums, 2, &t, ""), 1);
	/* Without any, the actual entered, else the unit. */
	CHECK_INT(value_expects_number(&none, nums, 1, &t, "件"), 0);
	CHECK_INT(value_expects_number(NULL, NULL, 0, &n, ""), 1);
	CHECK_INT(value_expects_number(NULL, NULL, 0, &none, "件"), 1);
	CHECK_INT(value_expects_number(NULL, NULL, 0, NULL, ""), 0);
	CHECK_INT(value_expects_number(NULL, NULL, 0, NULL, NULL), 0);
}

int
main(void)
{
	RUN(numbers_plain);
	RUN(numbers_with_units);
	RUN(numbers_with_a_scale_word);
	RUN(numbers_in_groups_of_man_and_oku);
	RUN(full_width_signs);
	RUN(thousands_commas);
	RUN(numbers_gone_wrong_are_refused);
	RUN(text_values);
	RUN(text_is_kept_as_written);
	RUN(none_values);
	RUN(huge_numbers_never_infinite);
	RUN(negative_zero_is_zero);
	RUN(parse_errors);
	RUN(parse_number_strict);
	RUN(format_canonical);
	RUN(format_small_buffer);
	RUN(format_grouped);
	RUN(format_values);
	RUN(format_parse_round_trip);
	RUN(equality);
	RUN(normalize);
	RUN(utf8_validation);
	RUN(trim_canonical_check_text);
	RUN(expects_number);
	RUN(year_suffix);
	DONE();
}
