/*
 * Undo for the forms: the earlier values of their fields, newest last.
 * A form notes a field's value from before a change; changes that follow
 * in the same field while it keeps the focus are one step, so C-_ takes
 * back a field's whole edit at a time, and again the one before, back to
 * the entry as it was loaded (or last saved). Values are text; what a
 * field is, and how a value is put back, is the form's business. No
 * curses, no SQL.
 */
#ifndef SHISAKU_UI_UNDO_H
#define SHISAKU_UI_UNDO_H

#include <stddef.h>

struct ui_undo_step {
	int	 field;		/* the form's own number for the field */
	char	*value;		/* its value before the change */
};

/* Zeroed is empty (ui_undo_init makes it so). */
struct ui_undo {
	struct ui_undo_step *steps;
	size_t		 n;
	int		 open;		/* the field whose edit is one step */
};

void ui_undo_init(struct ui_undo *u);
void ui_undo_free(struct ui_undo *u);

/* Forgets every step (after a save or a reload). */
void ui_undo_clear(struct ui_undo *u);

/* field changed, and before is its value from before the change (copied):
 * a new step, unless field's edit is still open. */
void ui_undo_note(struct ui_undo *u, int field, const char *before);

/* The focus left the field: its next change is a step of its own. */
void ui_undo_close(struct ui_undo *u);

/* Takes the last step: 1 with *field and *value (malloc'd, the caller's),
 * 0 when there is none. */
int ui_undo_pop(struct ui_undo *u, int *field, char **value);

#endif
