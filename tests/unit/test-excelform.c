/*
 * The forms a code had before Excel read it as a date or a number: each
 * form Excel leaves, the keys it may have come from, most likely first,
 * and the codes it does not leave so.
 */
#include <string.h>

#include "harness.h"
#include "shisaku/excelform.h"

/* Whether o holds exactly the forms given, in order (NULL-terminated). */
static int
forms_are(const struct excel_origins *o, const char *const *want)
{
	size_t	i;

	for (i = 0; want[i] != NULL; i++)
		if (i >= o->n || strcmp(o->form[i], want[i]) != 0)
			return 0;
	return i == o->n;
}

TEST(month_and_day)
{
	struct excel_origins	o;

	excel_origins("1月1日", &o);
	CHECK_INT(o.change, EXCEL_MONTH_DAY);
	CHECK(forms_are(&o, (const char *[]){ "1-1", "1/1", "01-01", NULL }));
	excel_origins("12月31日", &o);
	CHECK(forms_are(&o, (const char *[]){ "12-31", "12/31", NULL }));
	CHECK_STR(excel_change_words(o.change), "を日付に変えた");
	/* No month 13, no day 32, nothing after the day. */
	excel_origins("13月1日", &o);
	CHECK_INT(o.change, EXCEL_NONE);
	CHECK_INT(o.n, 0);
	excel_origins("1月32日", &o);
	CHECK_INT(o.change, EXCEL_NONE);
	excel_origins("1月1日分", &o);
	CHECK_INT(o.change, EXCEL_NONE);
}

TEST(year_month_day)
{
	struct excel_origins	o;

	excel_origins("2001/2/3", &o);
	CHECK_INT(o.change, EXCEL_DATE);
	CHECK(forms_are(&o, (const char *[]){ "1-2-3", "01-02-03",
	    "2001-2-3", NULL }));
	excel_origins("1999/12/10", &o);
	CHECK(forms_are(&o, (const char *[]){ "99-12-10", "1999-12-10",
	    NULL }));
	excel_origins("2001/13/1", &o);
	CHECK_INT(o.change, EXCEL_NONE);
	excel_origins("6-1-1", &o);
	CHECK_INT(o.change, EXCEL_NONE);
}

TEST(negative_and_zeros)
{
	struct excel_origins	o;

	excel_origins("-2", &o);
	CHECK_INT(o.change, EXCEL_NEGATIVE);
	CHECK(forms_are(&o, (const char *[]){ "(2)", NULL }));
	CHECK_STR(excel_change_words(o.change), "を負の数に変えた");
	excel_origins("101", &o);
	CHECK_INT(o.change, EXCEL_ZEROS);
	CHECK(forms_are(&o, (const char *[]){ "0101", "00101", "000101",
	    NULL }));
	CHECK_STR(excel_change_words(o.change), "の先頭の 0 を落とした");
	/* Zeros still there, not all digits, nothing, and digits too many
	 * for the forms to be held. */
	excel_origins("0101", &o);
	CHECK_INT(o.change, EXCEL_NONE);
	excel_origins("1-1", &o);
	CHECK_INT(o.change, EXCEL_NONE);
	excel_origins("-", &o);
	CHECK_INT(o.change, EXCEL_NONE);
	excel_origins("", &o);
	CHECK_INT(o.change, EXCEL_NONE);
	excel_origins("1234567890123456789012345678901", &o);
	CHECK_INT(o.change, EXCEL_NONE);
	CHECK_INT(o.n, 0);
}

int
main(void)
{
	RUN(month_and_day);
	RUN(year_month_day);
	RUN(negative_and_zeros);
	DONE();
}
