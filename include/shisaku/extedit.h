/*
 * Editing a long text in the user's own editor ($VISUAL, $EDITOR): the
 * text goes to a private temporary file, the editor runs on it as the
 * user, and the file is read back and removed. No curses (the caller
 * gives the terminal to the editor and takes it back), no SQL.
 */
#ifndef SHISAKU_EXTEDIT_H
#define SHISAKU_EXTEDIT_H

#include <stddef.h>

/* The most a text read back may hold when the caller sets no limit. */
#define EXTEDIT_MAX_DEFAULT (1024 * 1024)

/*
 * The editor to run: $VISUAL, else $EDITOR (either may carry arguments,
 * "emacs -nw"; blank counts as unset), else the first of "editor" and
 * "vi" found as an executable file in a directory of $PATH. Returns it
 * malloc'd, or NULL when there is none.
 */
char *extedit_editor(void);

/*
 * Runs editor (a command line for /bin/sh, given the file as its last
 * argument) on text and reads the result back.
 *
 * The text (NULL is "") is written with a final newline to a new file
 * made by mkstemps in $TMPDIR (else /tmp), readable and writable by the
 * user alone (0600). The editor runs in a child that gives up a setgid
 * group for good (privilege.h), holds no descriptor but standard input,
 * output and error (the database's are closed), and has the default
 * signal dispositions; the caller waits until it ends (a stopped editor
 * stops the program too, so that the shell takes the terminal).
 *
 * Read back: at most max bytes (0: EXTEDIT_MAX_DEFAULT), valid UTF-8
 * without NUL, one final line break (LF or CR LF) dropped. The file is
 * removed, except when the editor changed it and the text cannot be
 * taken (the editor failed, the text is too long or not UTF-8): then it
 * is kept, and *cause names it, so that nothing written is lost.
 *
 * Returns 0 with *out (malloc'd); 1 with *cause when the editor could
 * not start, ended with a non-zero status or was killed (the text is
 * to be left as it was); -1 with *cause for anything else (no temporary
 * file, a text that is too long or not UTF-8).
 */
int extedit_run(const char *editor, const char *text, size_t max, char **out,
    char **cause);

#endif
