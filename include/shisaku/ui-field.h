/*
 * Single-line values edited in fields of the form library, for the forms
 * that enter results and indicator actuals. The form library is used only
 * where it works with Japanese text (see FIELD-NOTES): one row, static,
 * even width, read back through a function that cuts the buffer by
 * columns and trims it, and never its own end-of-text requests. A value
 * is kept as text (what the user typed); a field is only a view of it, so
 * the form can be rebuilt after a resize or a scroll without losing
 * anything.
 */
#ifndef SHISAKU_UI_FIELD_H
#define SHISAKU_UI_FIELD_H

#include <form.h>
#include <wchar.h>

/* A single-line value and the field that shows it. */
struct ui_line {
	char		*text;		/* as last read from the field or set */
	char		*initial;	/* as loaded: unchanged means nothing
					   to save */
	FIELD		*field;		/* NULL when it is not shown */
	int		 dirty;		/* typed into since last read */
	int		 too_long;	/* wider than the field: shown cut,
					   edited on the bottom line */
};

/* Sets text and initial to a copy of text (NULL is ""). */
void ui_line_set(struct ui_line *l, const char *text);
void ui_line_free(struct ui_line *l);

/* A field's text: the buffer cut to the field's width in columns (the
 * buffer may hold stale characters past it) and trimmed (malloc'd). */
char *ui_field_text(FIELD *f);

/*
 * A new 1 x width field at (row, col) showing l (width even): no clearing
 * on the first key, no jumping to the next field when full; a text wider
 * than the field is shown cut with '~' and l->too_long set. l->field is
 * set. NULL when the form library refuses.
 */
FIELD *ui_line_field(int row, int col, int width, struct ui_line *l);
/* new_form for fields of ui_line_field: a backspace at a field's start
 * and a newline stay in the field (the form library would otherwise move
 * to the field before or after behind the screen's back, and what is
 * typed next would go there). NULL on failure. */
FORM *ui_line_form(FIELD **fields);

/* Reads l's field back into l->text if it was typed into (the caller has
 * run REQ_VALIDATION on the form first). */
void ui_line_read(struct ui_line *l);

/* Puts the form's cursor after the text of l, its current field (the
 * library's own end requests land inside wide characters). */
void ui_line_cursor_end(FORM *form, const struct ui_line *l);

/* What a key did on a line field. */
enum ui_line_result {
	UI_LINE_IGNORED,	/* not a key of the field */
	UI_LINE_MOVED,		/* the cursor moved */
	UI_LINE_EDITED,		/* the text changed (l->dirty set) */
	UI_LINE_FULL,		/* a character did not fit */
	UI_LINE_READONLY,	/* an edit refused: readonly */
	UI_LINE_TOO_LONG,	/* an edit refused: edit it on the bottom
				   line instead */
	UI_LINE_NEXT		/* Enter: the caller moves to the next field */
};

/*
 * Handles a key read with get_wch on l, the form's current field: Left
 * Right Home End (and C-b C-f C-a C-e) move, Backspace Delete C-d C-u C-k
 * delete, printable characters are inserted, Enter asks for the next
 * field.
 */
enum ui_line_result ui_line_key(FORM *form, struct ui_line *l,
    int is_function, wint_t ch, int readonly);

/*
 * After UI_LINE_FULL for ch: the field's text with ch where it was
 * typed, for the caller to go on in a wider editor (ui_prompt_at) with
 * nothing typed lost, and in *at the number of characters up to and
 * including ch, where its cursor goes. Where the cursor stands on the
 * field's last character, typing went on past its end (the form keeps
 * the cursor there once the field is full): ch goes after the text;
 * further left, before the character under the cursor. NULL when the
 * field is not the form's current one or its text is longer than it
 * (cut with a mark). malloc'd.
 */
char *ui_line_overflow(FORM *form, const struct ui_line *l, wint_t ch,
    size_t *at);
/* What a form says when ui_line_overflow gives nothing: how to edit
 * the field whole. */
#define UI_LINE_FULL_NOTE \
	"欄がいっぱいです（C-o または F4 で広い欄で編集できます）"

#endif
