/*
 * A form's long text handed to the user's own editor (extedit.h) and
 * taken back: the terminal goes to the editor while it runs and comes
 * back to the program as it was.
 */
#ifndef SHISAKU_UI_EXTEDIT_H
#define SHISAKU_UI_EXTEDIT_H

#include <stddef.h>

#include "shisaku/ui.h"

/* The keys a form reads for it while a text field has the focus (C-x
 * then C-e, as in a shell); v does it outside a text field. */
#define UI_EXTEDIT_KEY_PREFIX	24	/* C-x */
#define UI_EXTEDIT_KEY		5	/* C-e */

/*
 * Edits text (what, "取組実績", names it in messages) in $VISUAL, $EDITOR,
 * editor or vi, at most max bytes (0: the default of extedit.h). Curses
 * is ended while the editor runs (def_prog_mode, endwin) and put back
 * after (reset_prog_mode, the whole screen drawn again). Returns 1 with
 * *out (malloc'd) when the editor changed the text; 0 when it did not,
 * failed or could not run, with a message on the bottom line saying so
 * (the field is to be left as it was).
 */
int ui_extedit(struct ui *ui, const char *what, const char *text, size_t max,
    char **out);

#endif
