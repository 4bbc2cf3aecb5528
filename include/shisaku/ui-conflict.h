/*
 * The two versions of an entry side by side, shown by a form whose save
 * met a version saved by someone else since the form was opened: every
 * field by name (marked when the two differ), the user's input on the
 * left and the saved version on the right, wrapped by columns. The user
 * keeps their own (m) or takes the saved one (t), or chooses field by
 * field (Tab to the next field that differs, Left for their own input,
 * Right or Space for the saved version) and saves that (Enter), or goes
 * back to the form (Esc). Shared by the results form and the indicator
 * actual form; the form decides what each choice does.
 */
#ifndef SHISAKU_UI_CONFLICT_H
#define SHISAKU_UI_CONFLICT_H

#include <stddef.h>

#include "shisaku/ui.h"

struct ui_conflict_field {
	char		*name;
	char		*mine;
	char		*theirs;
	int		 take_theirs;	/* chosen field by field */
};

struct ui_conflict_line;

/* Zeroed is empty. Every string is owned by the view. */
struct ui_conflict {
	char			*heading;	/* the first line */
	char			*theirs_title;	/* over the right column */
	/* What the view is about when not a conflict (a draft): the title
	 * over the left column, the line of keys, what Esc says; NULL for
	 * a conflict's. */
	char			*mine_title, *keys_line, *back_said;
	struct ui_conflict_field *fields;
	size_t			 nfields;
	/* The fields laid out for a width (private). */
	struct ui_conflict_line	*lines;
	size_t			 nlines;
	long			 top;
	int			 cols;
	int			 head_rows;	/* rows above the fields */
	size_t			 cur;		/* the field being chosen */
	size_t			 nfields_laid;	/* (private, while laying out) */
};

/* Starts a view: heading says what happened ("保存する前に、他の人が…"),
 * theirs_title names the saved version ("保存済みの版（daemon、下書き）"). */
void ui_conflict_init(struct ui_conflict *c, const char *heading,
    const char *theirs_title);

/* The words of a view that shows a draft rather than a conflict: the
 * title over the left column, the line naming the keys (m, t, Esc), and
 * what Esc says. */
void ui_conflict_words(struct ui_conflict *c, const char *mine_title,
    const char *keys_line, const char *back_said);

/* Adds a field with both texts (multi-line text is fine; "" shows —). */
void ui_conflict_add(struct ui_conflict *c, const char *name,
    const char *mine, const char *theirs);

/* Empties the view. */
void ui_conflict_free(struct ui_conflict *c);

/* The width or the year display changed: lay out again when drawn. */
void ui_conflict_relayout(struct ui_conflict *c);

/* Draws the view over the whole of w. */
void ui_conflict_draw(struct ui *ui, struct ui_conflict *c, WINDOW *w);

enum ui_conflict_choice {
	UI_CONFLICT_HANDLED,	/* scrolled, or a message said what to do */
	UI_CONFLICT_UNHANDLED,	/* the frame's (help, redraw, year display) */
	UI_CONFLICT_MINE,	/* m: save mine over the saved version */
	UI_CONFLICT_THEIRS,	/* t: take the saved version, drop mine */
	UI_CONFLICT_MERGE,	/* Enter: save mine, but the fields marked
				   take_theirs from the saved version */
	UI_CONFLICT_BACK	/* Esc: back to the form (already said so) */
};

/* Whether field i (in the order added) is to take the saved version. */
int ui_conflict_takes_theirs(const struct ui_conflict *c, size_t i);

/* A key while the view is shown. */
enum ui_conflict_choice ui_conflict_key(struct ui *ui, struct ui_conflict *c,
    enum key_action act, int is_function, wint_t ch);

#endif
