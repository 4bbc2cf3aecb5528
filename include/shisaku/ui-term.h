/*
 * Whether the terminal named by TERM can carry the interface, asked of
 * terminfo before curses takes the screen: an unknown TERM, or one that
 * cannot move the cursor (TERM=dumb, a printing terminal), is refused
 * with a message instead of a garbled screen.
 */
#ifndef SHISAKU_UI_TERM_H
#define SHISAKU_UI_TERM_H

/* 0 when the terminal on standard output can be used; -1 with *cause. */
int ui_term_check(char **cause);

#endif
