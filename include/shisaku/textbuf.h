/*
 * A multi-line text buffer for the results form's own editor: wide
 * characters with a cursor, insertion and deletion, movement by
 * characters, logical lines and wrapped rows, and wrapping by terminal
 * columns (never splitting a double-width character). Pure C, no curses:
 * the editor widget (ui-editor.c) draws what this module lays out.
 *
 * Text goes in and comes out as UTF-8. On the way in, "\r\n" and "\r"
 * become "\n", a tab becomes a space, other control characters are
 * dropped and invalid bytes become U+FFFD, so what is shown is what is
 * saved.
 */
#ifndef SHISAKU_TEXTBUF_H
#define SHISAKU_TEXTBUF_H

#include <stddef.h>
#include <wchar.h>

struct textbuf {
	wchar_t		*s;
	size_t		 len, cap;
	size_t		 cur;		/* cursor, 0 .. len */
	size_t		 bytes;		/* UTF-8 length of s */
	size_t		 max_bytes;	/* insertion limit, 0 = none */
};

/* One wrapped row: s[start .. start + len - 1], ended by a newline when
 * hard is set (the newline itself is not in len). */
struct textbuf_row {
	size_t		 start, len;
	int		 hard;
};

/* An empty buffer that refuses insertions past max_bytes of UTF-8 (0 =
 * no limit). */
void textbuf_init(struct textbuf *tb, size_t max_bytes);
void textbuf_free(struct textbuf *tb);

/* Replaces the contents with UTF-8 text (cleaned as above; text longer
 * than max_bytes is kept whole: nothing loaded is ever cut). The cursor
 * goes to the start. */
void textbuf_set(struct textbuf *tb, const char *utf8);

/* The contents as UTF-8 (malloc'd). */
char *textbuf_get(const struct textbuf *tb);

/* Inserts wc ('\n' for a new line) at the cursor and moves past it.
 * Returns 0, or -1 when wc is a control character or the text would pass
 * max_bytes (nothing changes). */
int textbuf_insert(struct textbuf *tb, wchar_t wc);

/* Deletes the character before (backspace) or at (delete) the cursor.
 * Return 1 if something was deleted. */
int textbuf_backspace(struct textbuf *tb);
int textbuf_delete(struct textbuf *tb);

/* Moves one character; returns 1 if the cursor moved. */
int textbuf_left(struct textbuf *tb);
int textbuf_right(struct textbuf *tb);

/* To the start or end of the logical line (between newlines). */
void textbuf_home(struct textbuf *tb);
void textbuf_end(struct textbuf *tb);

/*
 * Wraps the text into rows of at most cols columns (at least 2): a row
 * ends at a newline or before a character that would pass cols (when that
 * character is closing punctuation such as 。、」 the one before it goes
 * down too, so no row starts with it); when the last row is exactly full
 * an empty row follows, so the cursor after it has a place. Returns the
 * number of rows (at least 1); *rows is a new array the caller frees.
 */
size_t textbuf_layout(const struct textbuf *tb, int cols,
    struct textbuf_row **rows);

/* The row and column (in terminal columns) where position pos is shown. */
void textbuf_locate(const struct textbuf *tb, const struct textbuf_row *rows,
    size_t nrows, size_t pos, size_t *row, int *col);

/*
 * Moves the cursor delta wrapped rows up (negative) or down, to the
 * column *goal (-1: the cursor's column now, which is stored in *goal so
 * that a run of moves keeps its column), never into the middle of a
 * double-width character. Returns 1 if the cursor moved.
 */
int textbuf_vertical(struct textbuf *tb, int cols, int delta, int *goal);

#endif
