/*
 * A small multi-line text editor widget for the results form (取組実績,
 * 課題・今後の方向性), over the text buffer of textbuf.h. The form
 * library's own multi-line fields lose and scramble double-width text, so
 * this one keeps wide characters itself, wraps by terminal columns and
 * draws only the rows in view (scrolling to keep the cursor there). While
 * the text is edited the terminal's own cursor stands at the insertion
 * point (ui_cursor_at), where an input method opens its window; a text
 * being read shows its place in reverse video instead.
 *
 * Keys: printable characters (IME input arrives as whole characters),
 * Enter for a new line, Backspace (KEY_BACKSPACE, 127, 8), Delete and
 * C-d, Left/Right and C-b/C-f, Up/Down by wrapped rows, Home/End and
 * C-a/C-e to the start and end of the line, PageUp/PageDown by a page.
 */
#ifndef SHISAKU_UI_EDITOR_H
#define SHISAKU_UI_EDITOR_H

#include "shisaku/textbuf.h"
#include "shisaku/ui.h"

struct ui_editor {
	struct textbuf	 tb;
	size_t		 top;		/* first row in view */
	int		 goal;		/* column kept by Up/Down, -1 = none */
	int		 cols;		/* text columns when last drawn */
	int		 height;	/* rows when last drawn */
	int		 modified;	/* changed since ui_editor_set */
};

/* What ui_editor_key did with a key. */
enum ui_editor_result {
	UI_EDITOR_IGNORED,	/* not an editing key (Tab, Esc, C-s …), or a
				   move past the first or last row */
	UI_EDITOR_MOVED,	/* the cursor moved or the view scrolled */
	UI_EDITOR_CHANGED,	/* the text changed */
	UI_EDITOR_FULL,		/* refused: the text is at its size limit */
	UI_EDITOR_READONLY	/* refused: a change to a read-only text */
};

/* An editor holding text (NULL = empty), refusing to grow past
 * max_bytes of UTF-8 (0 = no limit). */
void ui_editor_init(struct ui_editor *ed, const char *text, size_t max_bytes);
void ui_editor_free(struct ui_editor *ed);

/* Replaces the text; the cursor goes to the start, modified is cleared. */
void ui_editor_set(struct ui_editor *ed, const char *text);

/* The text as UTF-8 (malloc'd). */
char *ui_editor_text(const struct ui_editor *ed);

/* Handles one key read with get_wch (is_function for KEY_CODE_YES). A
 * read-only editor still moves. */
enum ui_editor_result ui_editor_key(struct ui_editor *ed, int is_function,
    wint_t ch, int readonly);

/* What ui_editor_draw shows of the cursor. */
enum ui_editor_focus {
	UI_EDITOR_UNFOCUSED,	/* nothing */
	UI_EDITOR_READING,	/* the character at the cursor in reverse */
	UI_EDITOR_EDITING	/* the terminal's cursor at the insertion point */
};

/*
 * Draws the editor into w (the body or a window inside it) at (y, x),
 * height rows of cols columns (the last column holds ^ and v when there
 * is more above or below), with attr for the text, and the cursor as
 * focus says.
 */
void ui_editor_draw(struct ui *ui, struct ui_editor *ed, WINDOW *w, int y,
    int x, int height, int cols, enum ui_editor_focus focus, attr_t attr);

#endif
