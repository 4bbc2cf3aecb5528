/*
 * The command line (:) on the bottom lines: a field of the form library
 * for the line, Tab to complete a command word or a plan's code, Up and
 * Down for the session's earlier lines, Enter to do what it says
 * (cmdline.h: jump to a code in the plan, open a plan, choose the year,
 * search, or what a key does), Esc to leave. A line that cannot be done
 * stays, with the reason above it, for correction.
 */
#ifndef SHISAKU_UI_CMDLINE_H
#define SHISAKU_UI_CMDLINE_H

struct ui;

/* Reads and runs command lines until one is done or the user leaves. */
void ui_cmdline_run(struct ui *ui);

/* Forgets the session's lines (at the end of the session). */
void ui_cmdline_forget(void);

#endif
