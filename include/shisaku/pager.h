/*
 * What the pager shows, without curses: a document of lines (a title,
 * headings, texts, each line with its indent), laid out into rows for a
 * width in terminal columns, and searched. A line is wrapped by display
 * width (a double-width character takes two columns and is never cut at
 * the right edge; a closing mark does not start a row), so the screen
 * only draws rows.
 */
#ifndef SHISAKU_PAGER_H
#define SHISAKU_PAGER_H

#include <stddef.h>

/* How a line is drawn; the screen picks the attributes. */
enum pager_style {
	PAGER_TEXT,		/* the text itself */
	PAGER_HEADING,		/* 【概要・方向性】 */
	PAGER_LABEL,		/* a name before a text (取組実績, 考え方) */
	PAGER_DIM		/* what the text is about (期間, 担当課) */
};

struct pager_line {
	char		*text;		/* UTF-8, no newline */
	enum pager_style style;
	int		 indent;	/* blank columns before each of its rows */
};

/* Zeroed after pager_doc_init; freed with pager_doc_free. */
struct pager_doc {
	char		 *title;	/* what the document is (malloc'd) */
	struct pager_line *lines;
	size_t		  nlines;
};

/* One row on the screen: part of a line. */
struct pager_row {
	size_t		 line;		/* index into doc->lines */
	size_t		 start, len;	/* bytes of the line's text */
	int		 x;		/* the column it starts at */
};

struct pager_view {
	struct pager_row *rows;
	size_t		 nrows;
	int		 cols;		/* the width laid out for */
};

void pager_doc_init(struct pager_doc *d, const char *title);
void pager_doc_free(struct pager_doc *d);

/*
 * Adds text (NULL is "") as lines of the style, indented: one line per
 * line of the text (LF, CR LF or CR end a line; a final line break adds
 * no empty line), so an empty text adds one empty line.
 */
void pager_add(struct pager_doc *d, enum pager_style style, int indent,
    const char *text);

/* Adds text when it is not empty (blanks only count as empty), else
 * none (when not NULL) as a dim line; returns 1 if text was added. */
int pager_add_text(struct pager_doc *d, int indent, const char *text,
    const char *none);

/* An empty line, unless the document is empty or ends with one. */
void pager_blank(struct pager_doc *d);

/*
 * Lays d out for cols columns into v (freed first with pager_view_free
 * if it held rows; zeroed is empty): each line wrapped into rows of at
 * most cols - indent columns (an indent of more than half the width is
 * cut to half). Every line has at least one row.
 */
void pager_layout(const struct pager_doc *d, int cols, struct pager_view *v);
void pager_view_free(struct pager_view *v);

/*
 * The first row, from row from on in direction dir (1 forward, -1
 * back) and round past the end, where a match of needle (tw_find:
 * full-width ASCII and ASCII alike, letters in either case) starts.
 * Returns its index, or -1 when needle is not in the document or is
 * empty; *wrapped (may be NULL) is 1 when the search went round.
 */
long pager_find(const struct pager_doc *d, const struct pager_view *v,
    const char *needle, long from, int dir, int *wrapped);

/*
 * The parts of row r that match needle, including a match that began on
 * the row before or goes on to the next: up to max of them as byte
 * offsets from the row's start (offs) and lengths in bytes (lens), on
 * character boundaries. Returns how many.
 */
size_t pager_row_matches(const struct pager_doc *d, const struct pager_row *r,
    const char *needle, size_t *offs, size_t *lens, size_t max);

#endif
