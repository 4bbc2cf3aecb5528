/*
 * What Excel makes of a code it reads as a date or a number when a CSV
 * file is opened there and saved again: 1-1 and 1/1 become 1月1日, 1-2-3
 * becomes 2001/2/3, (2) becomes -2, and 0101 loses its zeros (101). A
 * plan prints none of those forms as a code, so a code in one of them
 * that names nothing is likely one of the forms it came from. No curses,
 * no SQL.
 */
#ifndef SHISAKU_EXCELFORM_H
#define SHISAKU_EXCELFORM_H

#include <stddef.h>

enum excel_change {
	EXCEL_NONE,		/* not a form Excel leaves */
	EXCEL_MONTH_DAY,	/* 1月1日 */
	EXCEL_DATE,		/* 2001/2/3 */
	EXCEL_NEGATIVE,		/* -2 */
	EXCEL_ZEROS		/* 101: all digits, maybe zeros dropped */
};

#define EXCEL_ORIGINS_MAX 4
#define EXCEL_ORIGIN_LEN 32

struct excel_origins {
	enum excel_change change;
	size_t		  n;	/* forms found, most likely first */
	char		  form[EXCEL_ORIGINS_MAX][EXCEL_ORIGIN_LEN];
};

/* The forms the code s may have had before Excel changed it. */
void excel_origins(const char *s, struct excel_origins *o);

/* What Excel did, as words after 「Excel が 1-1 」: "を日付に変えた". */
const char *excel_change_words(enum excel_change c);

#endif
