/*
 * The pager's document, its layout by display width and its search
 * (pager.c): what a reader of a long Japanese text on a narrow terminal
 * sees row by row.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "shisaku/pager.h"
#include "shisaku/textwidth.h"
#include "shisaku/util.h"

/* Row r's text (malloc'd). */
static char *
row_text(const struct pager_doc *d, const struct pager_view *v, size_t r)
{
	const struct pager_row *row = &v->rows[r];

	return xstrndup(d->lines[row->line].text + row->start, row->len);
}

TEST(test_add_splits_lines)
{
	struct pager_doc	d;

	pager_doc_init(&d, "題");
	pager_add(&d, PAGER_TEXT, 2, "一行目\r\n二行目\n\n四行目\r五行目\n");
	CHECK_STR(d.title, "題");
	CHECK_INT(d.nlines, 5);
	CHECK_STR(d.lines[0].text, "一行目");
	CHECK_STR(d.lines[1].text, "二行目");
	CHECK_STR(d.lines[2].text, "");
	CHECK_STR(d.lines[3].text, "四行目");
	CHECK_STR(d.lines[4].text, "五行目");
	CHECK_INT(d.lines[4].indent, 2);
	pager_add(&d, PAGER_HEADING, 0, NULL);
	CHECK_INT(d.nlines, 6);
	CHECK_STR(d.lines[5].text, "");
	/* No blank after a blank. */
	pager_blank(&d);
	CHECK_INT(d.nlines, 6);
	/* Blanks, including U+3000, are no text. */
	CHECK_INT(pager_add_text(&d, 0, " \xe3\x80\x80\n", "（なし）"), 0);
	CHECK_STR(d.lines[6].text, "（なし）");
	CHECK_INT(d.lines[6].style, PAGER_DIM);
	CHECK_INT(pager_add_text(&d, 0, "\xe3\x80\x80字下げ", NULL), 1);
	CHECK_STR(d.lines[7].text, "\xe3\x80\x80字下げ");
	pager_blank(&d);
	CHECK_INT(d.nlines, 9);
	pager_doc_free(&d);
}

/* Every row fits its width, no double-width character is cut, and the
 * rows of a line put together give the line back. */
TEST(test_layout_by_width)
{
	static const char *text = "地域の見守り協力員を募集し、高齢者の"
	    "見守り活動を広げます。ＩＣＴの活用も進めます。";
	struct pager_doc	d;
	struct pager_view	v = { 0 };
	size_t			r;
	int			cols;
	char			*joined, *t;

	pager_doc_init(&d, "");
	pager_add(&d, PAGER_TEXT, 0, text);
	for (cols = 3; cols <= 41; cols++) {
		pager_layout(&d, cols, &v);
		CHECK_INT(v.cols, cols);
		joined = xstrdup("");
		for (r = 0; r < v.nrows; r++) {
			char *next;

			t = row_text(&d, &v, r);
			if (tw_width(t) > cols)
				FAIL_AT("cols %d row %zu: %s is %d wide", cols, r,
				    t, tw_width(t));
			/* A closing mark never starts a row (where a row
			 * holds two characters or more). */
			if (r > 0 && cols >= 4 && (strncmp(t, "、", 3) == 0 ||
			    strncmp(t, "。", 3) == 0))
				FAIL_AT("cols %d row %zu starts with %s", cols, r,
				    t);
			/* Never an empty row inside a line. */
			CHECK(*t != '\0');
			next = xasprintf("%s%s", joined, t);
			free(joined);
			free(t);
			joined = next;
		}
		CHECK_STR(joined, text);
		free(joined);
	}
	/* 10 columns hold 5 kanji a row. */
	pager_layout(&d, 10, &v);
	t = row_text(&d, &v, 0);
	CHECK_STR(t, "地域の見守");
	free(t);
	/* 9 columns hold 4: the fifth would cross the edge. */
	pager_layout(&d, 9, &v);
	t = row_text(&d, &v, 0);
	CHECK_STR(t, "地域の見");
	free(t);
	pager_view_free(&v);
	pager_doc_free(&d);
}

TEST(test_layout_indent_and_empty)
{
	struct pager_doc	d;
	struct pager_view	v = { 0 };
	char			*t;

	pager_doc_init(&d, "");
	pager_add(&d, PAGER_HEADING, 0, "【手段】");
	pager_add(&d, PAGER_TEXT, 2, "○見守り協力員の募集");
	pager_add(&d, PAGER_TEXT, 0, "");
	pager_add(&d, PAGER_TEXT, 30, "深い字下げ");
	pager_layout(&d, 12, &v);
	/* 【手段】 is 8 columns: one row. */
	CHECK_INT(v.rows[0].line, 0);
	CHECK_INT(v.rows[0].x, 0);
	/* 10 columns after the indent: ○ is 1, then 4 kanji. */
	CHECK_INT(v.rows[1].line, 1);
	CHECK_INT(v.rows[1].x, 2);
	t = row_text(&d, &v, 1);
	CHECK_STR(t, "○見守り協");
	free(t);
	CHECK_INT(v.rows[2].line, 1);
	t = row_text(&d, &v, 2);
	CHECK_STR(t, "力員の募集");
	free(t);
	/* The empty line is one empty row. */
	CHECK_INT(v.rows[3].line, 2);
	CHECK_INT(v.rows[3].len, 0);
	/* An indent past half the width is cut to half. */
	CHECK_INT(v.rows[4].x, 6);
	CHECK_INT(v.nrows, 6);
	/* Laid out again for another width: the old rows go. */
	pager_layout(&d, 80, &v);
	CHECK_INT(v.nrows, 4);
	pager_view_free(&v);
	CHECK_INT(v.nrows, 0);
	pager_doc_free(&d);
}

TEST(test_find)
{
	struct pager_doc	d;
	struct pager_view	v = { 0 };
	int			wrapped = 0;

	pager_doc_init(&d, "");
	pager_add(&d, PAGER_HEADING, 0, "【概要】");		/* row 0 */
	pager_add(&d, PAGER_TEXT, 0, "見守り協力員を募集する");	/* rows 1-2 */
	pager_add(&d, PAGER_TEXT, 0, "ＩＣＴの活用");		/* row 3 */
	pager_add(&d, PAGER_TEXT, 0, "協力員の研修");		/* row 4 */
	pager_layout(&d, 12, &v);
	CHECK_INT(v.nrows, 5);
	/* 協力員 starts on row 1 (見守り協 | 力員を募集す…). */
	CHECK_INT(pager_find(&d, &v, "協力員", 0, 1, &wrapped), 1);
	CHECK_INT(wrapped, 0);
	CHECK_INT(pager_find(&d, &v, "協力員", 2, 1, &wrapped), 4);
	/* Past the end: round to the start. */
	CHECK_INT(pager_find(&d, &v, "協力員", 5, 1, &wrapped), 1);
	CHECK_INT(pager_find(&d, &v, "見守り", 2, 1, &wrapped), 1);
	CHECK_INT(wrapped, 1);
	/* Backwards. */
	CHECK_INT(pager_find(&d, &v, "協力員", 3, -1, &wrapped), 1);
	CHECK_INT(wrapped, 0);
	CHECK_INT(pager_find(&d, &v, "協力員", 0, -1, &wrapped), 4);
	CHECK_INT(wrapped, 1);
	/* ASCII finds full-width ASCII. */
	CHECK_INT(pager_find(&d, &v, "ict", 0, 1, NULL), 3);
	CHECK_INT(pager_find(&d, &v, "研修会", 0, 1, NULL), -1);
	CHECK_INT(pager_find(&d, &v, "", 0, 1, NULL), -1);
	pager_view_free(&v);
	pager_doc_free(&d);
}

/* Highlighting: a match split over two rows is shown on both. */
TEST(test_row_matches)
{
	struct pager_doc	d;
	struct pager_view	v = { 0 };
	size_t			offs[4], lens[4];

	pager_doc_init(&d, "");
	pager_add(&d, PAGER_TEXT, 0, "見守り協力員と協力員");
	pager_layout(&d, 8, &v);	/* 見守り協 | 力員と協 | 力員 */
	CHECK_INT(v.nrows, 3);
	CHECK_INT(pager_row_matches(&d, &v.rows[0], "協力員", offs, lens, 4), 1);
	CHECK_INT(offs[0], 9);
	CHECK_INT(lens[0], 3);
	CHECK_INT(pager_row_matches(&d, &v.rows[1], "協力員", offs, lens, 4), 2);
	CHECK_INT(offs[0], 0);
	CHECK_INT(lens[0], 6);
	CHECK_INT(offs[1], 9);
	CHECK_INT(lens[1], 3);
	CHECK_INT(pager_row_matches(&d, &v.rows[2], "協力員", offs, lens, 4), 1);
	CHECK_INT(offs[0], 0);
	CHECK_INT(lens[0], 6);
	CHECK_INT(pager_row_matches(&d, &v.rows[0], "協力員", offs, lens, 0), 0);
	CHECK_INT(pager_row_matches(&d, &v.rows[0], "", offs, lens, 4), 0);
	pager_view_free(&v);
	pager_doc_free(&d);
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL) {
		fprintf(stderr, "C.UTF-8 locale missing\n");
		return 1;
	}
	RUN(test_add_splits_lines);
	RUN(test_layout_by_width);
	RUN(test_layout_indent_and_empty);
	RUN(test_find);
	RUN(test_row_matches);
	DONE();
}
