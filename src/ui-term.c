/*
 * The terminal check before curses starts (see ui-term.h). It reads the
 * terminfo entry with setupterm and frees it again: newterm on an unknown
 * TERM fails only after allocating what it never frees, and on TERM=dumb
 * it succeeds and draws every line on one row. term.h defines names such
 * as lines and columns as macros, so it is kept to this file.
 */
#include <stdlib.h>
#include <unistd.h>

#include <curses.h>
#include <term.h>

#include "shisaku/ui-term.h"
#include "shisaku/util.h"

int
ui_term_check(char **cause)
{
	const char	*term = getenv("TERM");
	char		*cup;
	int		 err = 0, usable;

	if (term == NULL || term[0] == '\0') {
		*cause = xstrdup("画面を表示できません: TERM が設定されて"
		    "いません（例: TERM=xterm-256color）");
		return -1;
	}
	if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
		*cause = xasprintf("画面を表示できません: 端末「%s」を知りません"
		    "（TERM を確かめてください。例: TERM=xterm-256color）", term);
		return -1;
	}
	cup = tigetstr("cup");
	usable = cup != NULL && cup != (char *)-1 && cup[0] != '\0' &&
	    tigetflag("hc") <= 0;
	del_curterm(cur_term);
	if (!usable) {
		*cause = xasprintf("画面を表示できません: 端末「%s」はカーソルを"
		    "動かせません（TERM を確かめてください。例: "
		    "TERM=xterm-256color）", term);
		return -1;
	}
	return 0;
}
