/*
 * The multi-line editor widget (see ui-editor.h): keys to text buffer
 * operations, the view kept around the cursor, and drawing the rows in
 * view with the terminal's cursor at the insertion point (or a cursor of
 * its own for a text being read).
 */
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "shisaku/textbuf.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-editor.h"
#include "shisaku/util.h"

/* Width of the text when the editor has not been drawn yet. */
#define UI_EDITOR_DEFAULT_COLS 60

void
ui_editor_init(struct ui_editor *ed, const char *text, size_t max_bytes)
{
	memset(ed, 0, sizeof *ed);
	textbuf_init(&ed->tb, max_bytes);
	ed->goal = -1;
	ed->cols = UI_EDITOR_DEFAULT_COLS;
	ed->height = 1;
	textbuf_set(&ed->tb, text);
}

void
ui_editor_free(struct ui_editor *ed)
{
	textbuf_free(&ed->tb);
}

void
ui_editor_set(struct ui_editor *ed, const char *text)
{
	textbuf_set(&ed->tb, text);
	ed->top = 0;
	ed->goal = -1;
	ed->modified = 0;
}

char *
ui_editor_text(const struct ui_editor *ed)
{
	return textbuf_get(&ed->tb);
}

static enum ui_editor_result
ui_editor_change(struct ui_editor *ed, int changed)
{
	ed->goal = -1;
	if (!changed)
		return UI_EDITOR_MOVED;
	ed->modified = 1;
	return UI_EDITOR_CHANGED;
}

static enum ui_editor_result
ui_editor_insert(struct ui_editor *ed, wchar_t wc, int readonly)
{
	if (readonly)
		return UI_EDITOR_READONLY;
	if (textbuf_insert(&ed->tb, wc) != 0)
		return UI_EDITOR_FULL;
	return ui_editor_change(ed, 1);
}

static enum ui_editor_result
ui_editor_delete(struct ui_editor *ed, int before, int readonly)
{
	if (readonly)
		return UI_EDITOR_READONLY;
	return ui_editor_change(ed, before ? textbuf_backspace(&ed->tb) :
	    textbuf_delete(&ed->tb));
}

static enum ui_editor_result
ui_editor_vertical(struct ui_editor *ed, int delta)
{
	if (!textbuf_vertical(&ed->tb, ed->cols, delta, &ed->goal))
		return UI_EDITOR_IGNORED;
	return UI_EDITOR_MOVED;
}

/* After a horizontal move (or none at an end): Up/Down start afresh. */
static enum ui_editor_result
ui_editor_moved(struct ui_editor *ed)
{
	ed->goal = -1;
	return UI_EDITOR_MOVED;
}

enum ui_editor_result
ui_editor_key(struct ui_editor *ed, int is_function, wint_t ch, int readonly)
{
	int	page = ed->height > 1 ? ed->height - 1 : 1;

	if (is_function) {
		switch (ch) {
		case KEY_ENTER:
			return ui_editor_insert(ed, L'\n', readonly);
		case KEY_BACKSPACE:
			return ui_editor_delete(ed, 1, readonly);
		case KEY_DC:
			return ui_editor_delete(ed, 0, readonly);
		case KEY_LEFT:
			textbuf_left(&ed->tb);
			return ui_editor_moved(ed);
		case KEY_RIGHT:
			textbuf_right(&ed->tb);
			return ui_editor_moved(ed);
		case KEY_UP:
			return ui_editor_vertical(ed, -1);
		case KEY_DOWN:
			return ui_editor_vertical(ed, 1);
		case KEY_PPAGE:
			ui_editor_vertical(ed, -page);
			return UI_EDITOR_MOVED;
		case KEY_NPAGE:
			ui_editor_vertical(ed, page);
			return UI_EDITOR_MOVED;
		case KEY_HOME:
		case KEY_FIND:
			textbuf_home(&ed->tb);
			return ui_editor_moved(ed);
		case KEY_END:
		case KEY_SELECT:
			textbuf_end(&ed->tb);
			return ui_editor_moved(ed);
		default:
			return UI_EDITOR_IGNORED;
		}
	}
	switch (ch) {
	case '\n':
	case '\r':
		return ui_editor_insert(ed, L'\n', readonly);
	case 127:
	case 8:			/* Backspace as DEL or C-h */
		return ui_editor_delete(ed, 1, readonly);
	case 4:			/* C-d */
		return ui_editor_delete(ed, 0, readonly);
	case 2:			/* C-b */
		textbuf_left(&ed->tb);
		return ui_editor_moved(ed);
	case 6:			/* C-f */
		textbuf_right(&ed->tb);
		return ui_editor_moved(ed);
	case 1:			/* C-a */
		textbuf_home(&ed->tb);
		return ui_editor_moved(ed);
	case 5:			/* C-e */
		textbuf_end(&ed->tb);
		return ui_editor_moved(ed);
	default:
		break;
	}
	if (ch >= 0x20 && iswprint(ch))
		return ui_editor_insert(ed, (wchar_t)ch, readonly);
	return UI_EDITOR_IGNORED;
}

/* The UTF-8 text of s[from .. from + n - 1] (malloc'd). */
static char *
ui_editor_utf8(const struct textbuf *tb, size_t from, size_t n)
{
	struct textbuf	part;
	char		*out;

	/* A view into tb: textbuf_get only reads s and len. */
	memset(&part, 0, sizeof part);
	part.s = tb->s + from;
	part.len = n;
	part.bytes = n * 4;
	out = textbuf_get(&part);
	return out;
}

void
ui_editor_draw(struct ui *ui, struct ui_editor *ed, WINDOW *w, int y, int x,
    int height, int cols, enum ui_editor_focus focus, attr_t attr)
{
	struct textbuf_row	*rows;
	size_t			 n, crow, r;
	int			 ccol, i, tcols;
	char			*line;

	if (height < 1 || cols < 3)
		return;
	tcols = cols - 1;	/* the last column marks more above/below */
	ed->cols = tcols;
	ed->height = height;
	n = textbuf_layout(&ed->tb, tcols, &rows);
	textbuf_locate(&ed->tb, rows, n, ed->tb.cur, &crow, &ccol);
	if (crow < ed->top)
		ed->top = crow;
	if (crow >= ed->top + (size_t)height)
		ed->top = crow - (size_t)height + 1;
	if (ed->top + (size_t)height > n)
		ed->top = n > (size_t)height ? n - (size_t)height : 0;
	for (i = 0; i < height; i++) {
		r = ed->top + (size_t)i;
		if (r < n) {
			line = ui_editor_utf8(&ed->tb, rows[r].start, rows[r].len);
			ui_put(w, y + i, x, line, tcols, 1, attr);
			free(line);
		} else
			ui_put(w, y + i, x, "", tcols, 1, attr);
		ui_put(w, y + i, x + tcols, " ", 1, 0, A_NORMAL);
	}
	if (ed->top > 0)
		ui_put(w, y, x + tcols, "^", 1, 0, ui_attr(ui, UI_MARK));
	if (ed->top + (size_t)height < n)
		ui_put(w, y + height - 1, x + tcols, "v", 1, 0,
		    ui_attr(ui, UI_MARK));
	if (focus == UI_EDITOR_EDITING && crow >= ed->top &&
	    crow < ed->top + (size_t)height) {
		WINDOW	*body = ui_body(ui);
		int	 by = 0, bx = 0;

		/* The insertion point, in the body's coordinates. */
		if (w != body) {
			by = getbegy(w) - getbegy(body);
			bx = getbegx(w) - getbegx(body);
		}
		ui_cursor_at(ui, by + y + (int)(crow - ed->top),
		    bx + x + (ccol < tcols ? ccol : tcols - 1));
	} else if (focus == UI_EDITOR_READING && crow >= ed->top &&
	    crow < ed->top + (size_t)height) {
		size_t	cur = ed->tb.cur;
		int	cw = 1;

		if (cur < ed->tb.len && ed->tb.s[cur] != L'\n' &&
		    cur < rows[crow].start + rows[crow].len) {
			cw = tw_wcwidth(ed->tb.s[cur]);
			line = cw > 0 ? ui_editor_utf8(&ed->tb, cur, 1) :
			    xstrdup(" ");
			if (cw < 1)
				cw = 1;
		} else
			line = xstrdup(" ");
		if (ccol + cw > tcols) {
			cw = 1;
			free(line);
			line = xstrdup(" ");
		}
		ui_put(w, y + (int)(crow - ed->top), x + ccol, line, cw, 0,
		    attr | A_REVERSE);
		free(line);
	}
	free(rows);
}
