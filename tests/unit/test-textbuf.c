/*
 * Unit tests for textbuf.c, the results form's text buffer: UTF-8 in and
 * out unchanged for Japanese text, cleaning of control characters,
 * insertion and deletion around double-width characters, the byte limit,
 * wrapping by columns (a wide character never split, a full last row, hard
 * line ends), and moving by rows and lines with a kept column.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "shisaku/textbuf.h"

/* The buffer's text, freed by the next call. */
static const char *
text_of(const struct textbuf *tb)
{
	static char	*last;

	free(last);
	last = textbuf_get(tb);
	return last;
}

static void
insert_str(struct textbuf *tb, const wchar_t *s)
{
	for (; *s != L'\0'; s++)
		CHECK_INT(textbuf_insert(tb, *s), 0);
}

TEST(test_round_trip)
{
	struct textbuf	tb;
	const char	*t = "ふれあい出前講座を42回開催した。\n"
			    "連続講座（高校生向け）も実施。\n\n最後の行 ★①";

	textbuf_init(&tb, 0);
	textbuf_set(&tb, t);
	CHECK_STR(text_of(&tb), t);
	CHECK_INT(tb.bytes, strlen(t));
	CHECK_INT(tb.cur, 0);
	textbuf_set(&tb, "");
	CHECK_STR(text_of(&tb), "");
	CHECK_INT(tb.len, 0);
	textbuf_set(&tb, NULL);
	CHECK_STR(text_of(&tb), "");
	/* Four-byte characters survive too. */
	textbuf_set(&tb, "𠮷野家");
	CHECK_INT(tb.len, 3);
	CHECK_STR(text_of(&tb), "𠮷野家");
	textbuf_free(&tb);
}

TEST(test_cleaning)
{
	struct textbuf	tb;

	textbuf_init(&tb, 0);
	textbuf_set(&tb, "a\r\nb\rc\td\x01" "e\x7f" "f");
	CHECK_STR(text_of(&tb), "a\nb\nc def");
	/* An invalid byte, an overlong form, a truncated sequence. */
	textbuf_set(&tb, "x\xff" "y\xc0\xaf" "z\xe3\x81");
	CHECK_STR(text_of(&tb), "x\xef\xbf\xbdy\xef\xbf\xbd\xef\xbf\xbdz"
	    "\xef\xbf\xbd\xef\xbf\xbd");
	CHECK_INT(tb.bytes, strlen(text_of(&tb)));
	textbuf_free(&tb);
}

TEST(test_insert_delete_wide)
{
	struct textbuf	tb;

	textbuf_init(&tb, 0);
	insert_str(&tb, L"実績42回");
	CHECK_STR(text_of(&tb), "実績42回");
	CHECK_INT(tb.cur, 5);
	CHECK(textbuf_left(&tb));
	CHECK(textbuf_left(&tb));
	CHECK(textbuf_backspace(&tb));		/* the 4 */
	CHECK_STR(text_of(&tb), "実績2回");
	CHECK_INT(textbuf_insert(&tb, L'４'), 0);
	CHECK_STR(text_of(&tb), "実績４2回");
	CHECK(textbuf_delete(&tb));		/* the 2 */
	CHECK_STR(text_of(&tb), "実績４回");
	textbuf_home(&tb);
	CHECK_INT(tb.cur, 0);
	CHECK(!textbuf_backspace(&tb));
	CHECK(!textbuf_left(&tb));
	textbuf_end(&tb);
	CHECK_INT(tb.cur, 4);
	CHECK(!textbuf_delete(&tb));
	CHECK(!textbuf_right(&tb));
	CHECK_INT(textbuf_insert(&tb, L'\n'), 0);
	insert_str(&tb, L"次の行");
	CHECK_STR(text_of(&tb), "実績４回\n次の行");
	CHECK_INT(textbuf_insert(&tb, L'\t'), -1);	/* a control character */
	CHECK_INT(textbuf_insert(&tb, (wchar_t)0x1b), -1);
	CHECK_INT(tb.bytes, strlen(text_of(&tb)));
	/* Home and End work on logical lines. */
	textbuf_home(&tb);
	CHECK_INT(tb.cur, 5);
	textbuf_left(&tb);
	textbuf_home(&tb);
	CHECK_INT(tb.cur, 0);
	textbuf_end(&tb);
	CHECK_INT(tb.cur, 4);
	textbuf_free(&tb);
}

TEST(test_byte_limit)
{
	struct textbuf	tb;

	textbuf_init(&tb, 7);
	CHECK_INT(textbuf_insert(&tb, L'あ'), 0);	/* 3 bytes */
	CHECK_INT(textbuf_insert(&tb, L'い'), 0);	/* 6 */
	CHECK_INT(textbuf_insert(&tb, L'う'), -1);	/* would be 9 */
	CHECK_INT(textbuf_insert(&tb, L'x'), 0);	/* 7 */
	CHECK_INT(textbuf_insert(&tb, L'y'), -1);
	CHECK_STR(text_of(&tb), "あいx");
	textbuf_backspace(&tb);
	CHECK_INT(textbuf_insert(&tb, L'z'), 0);
	/* Loading never cuts, even past the limit. */
	textbuf_set(&tb, "あいうえお");
	CHECK_STR(text_of(&tb), "あいうえお");
	CHECK_INT(textbuf_insert(&tb, L'a'), -1);
	textbuf_free(&tb);
}

TEST(test_wrap_by_columns)
{
	struct textbuf		 tb;
	struct textbuf_row	*rows;
	size_t			 n, row;
	int			 col;

	textbuf_init(&tb, 0);
	/* 10 columns: 5 kanji fill a row; "ab" + 4 kanji = 10. */
	textbuf_set(&tb, "一二三四五六七");
	n = textbuf_layout(&tb, 10, &rows);
	CHECK_INT(n, 2);
	CHECK_INT(rows[0].start, 0);
	CHECK_INT(rows[0].len, 5);
	CHECK_INT(rows[1].start, 5);
	CHECK_INT(rows[1].len, 2);
	free(rows);

	/* An odd width: a kanji that would pass it goes to the next row. */
	textbuf_set(&tb, "a一二三四五");
	n = textbuf_layout(&tb, 10, &rows);
	CHECK_INT(n, 2);
	CHECK_INT(rows[0].len, 5);		/* a + 4 kanji = 9 columns */
	CHECK_INT(rows[1].start, 5);
	free(rows);

	/* Hard line ends, an empty line, a trailing newline. */
	textbuf_set(&tb, "一行目\n\n三行目\n");
	n = textbuf_layout(&tb, 20, &rows);
	CHECK_INT(n, 4);
	CHECK(rows[0].hard);
	CHECK_INT(rows[1].len, 0);
	CHECK(rows[1].hard);
	CHECK_INT(rows[2].start, 5);
	CHECK_INT(rows[3].start, 9);
	CHECK_INT(rows[3].len, 0);
	free(rows);

	/* A full last row gets an empty row for the cursor after it. */
	textbuf_set(&tb, "一二三四五");
	n = textbuf_layout(&tb, 10, &rows);
	CHECK_INT(n, 2);
	CHECK_INT(rows[1].start, 5);
	CHECK_INT(rows[1].len, 0);
	textbuf_locate(&tb, rows, n, 5, &row, &col);
	CHECK_INT(row, 1);
	CHECK_INT(col, 0);
	textbuf_locate(&tb, rows, n, 3, &row, &col);
	CHECK_INT(row, 0);
	CHECK_INT(col, 6);
	free(rows);

	/* 。 never starts a row: the kanji before it goes down too. */
	textbuf_set(&tb, "一二三四。五");
	n = textbuf_layout(&tb, 8, &rows);
	CHECK_INT(n, 2);
	CHECK_INT(rows[0].len, 3);
	CHECK_INT(rows[1].start, 3);
	CHECK_INT(rows[1].len, 3);
	free(rows);

	/* An empty buffer is one empty row. */
	textbuf_set(&tb, "");
	n = textbuf_layout(&tb, 10, &rows);
	CHECK_INT(n, 1);
	CHECK_INT(rows[0].len, 0);
	free(rows);
	textbuf_free(&tb);
}

TEST(test_vertical_moves)
{
	struct textbuf	tb;
	int		goal = -1;

	textbuf_init(&tb, 0);
	/* Rows at 10 columns: "abcdefghij" / "一二三四五" / "xy" */
	textbuf_set(&tb, "abcdefghij一二三四五xy");
	tb.cur = 3;				/* column 3 on row 0 */
	CHECK(textbuf_vertical(&tb, 10, 1, &goal));
	CHECK_INT(goal, 3);
	/* Column 3 is inside 二 (columns 2-3): the cursor stops before it. */
	CHECK_INT(tb.cur, 11);
	CHECK(textbuf_vertical(&tb, 10, 1, &goal));
	CHECK_INT(tb.cur, 17);			/* end of "xy" (column 2) */
	CHECK(textbuf_vertical(&tb, 10, -2, &goal));
	CHECK_INT(tb.cur, 3);			/* the goal column was kept */
	CHECK(!textbuf_vertical(&tb, 10, -1, &goal));
	goal = -1;
	tb.cur = 9;				/* on j, column 9 */
	CHECK(textbuf_vertical(&tb, 10, 1, &goal));
	/* A soft-wrapped row's last place is on its last character. */
	CHECK_INT(tb.cur, 14);
	goal = -1;
	textbuf_set(&tb, "長い一行目です\n短");
	tb.cur = 6;
	CHECK(textbuf_vertical(&tb, 40, 1, &goal));
	CHECK_INT(tb.cur, 9);			/* end of 短 */
	CHECK(textbuf_vertical(&tb, 40, -1, &goal));
	CHECK_INT(tb.cur, 6);
	textbuf_free(&tb);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	RUN(test_round_trip);
	RUN(test_cleaning);
	RUN(test_insert_delete_wide);
	RUN(test_byte_limit);
	RUN(test_wrap_by_columns);
	RUN(test_vertical_moves);
	DONE();
}
