/*
 * The terminal front end: screen stack, drawing helpers, prompts and the
 * status line. Screens are vtables (struct screen_ops); generic widgets
 * (ui-list) are fed by callbacks. Screens read and write through the store
 * functions only and never contain SQL.
 */
#ifndef SHISAKU_UI_H
#define SHISAKU_UI_H

#include <curses.h>
#include <wchar.h>

#include "shisaku/fy.h"
#include "shisaku/keys.h"
#include "shisaku/session.h"

struct config;
struct store;

/* Colour pairs / attributes by purpose; monochrome terminals and NO_COLOR
 * get bold/reverse/underline instead. */
enum ui_attr {
	UI_NORMAL, UI_TITLE, UI_HEADER, UI_SELECT, UI_STATUS, UI_ERROR,
	UI_DIM, UI_MARK, UI_FROZEN, UI_ATTR_COUNT
};

/* What a screen's key handler did with a key. */
enum ui_key_result {
	UI_KEY_UNHANDLED,	/* let the frame handle it (back, help, quit …) */
	UI_KEY_HANDLED,		/* redraw */
	UI_KEY_CLOSE		/* pop this screen */
};

struct ui;

/* A key a screen handles itself, outside the key table (C-s in a form),
 * listed by ? all the same. */
struct screen_fixed_key {
	const char	*keys;		/* "C-s F2" */
	const char	*text;		/* "保存" */
};

struct screen_ops {
	const char	 *name;		/* "plans", "tree", "sheet", … */
	/* Actions listed by ? for this screen (besides the frame's own:
	 * back, quit, help, redraw, year_prev/next, era_toggle). */
	const enum key_action *actions;
	size_t		  nactions;
	/* Keys outside the key table that the screen handles; may be NULL. */
	const struct screen_fixed_key *fixed_keys;
	size_t		  nfixed_keys;
	/* Creates the screen's state from arg (screen-specific; copied by
	 * open, not kept). NULL with ui_error() called = cannot open. */
	void		*(*open)(struct ui *ui, const void *arg);
	/* Draws into ui_body(ui): the window between title and status lines. */
	void		 (*draw)(struct ui *ui, void *state);
	/* act is the bound action (ACT_NONE if the key is unbound), ch the
	 * raw character for text input. */
	enum ui_key_result (*key)(struct ui *ui, void *state, enum key_action act,
			    int is_function, wint_t ch);
	/* The terminal size or the fiscal year changed: re-query and re-layout. */
	void		 (*refresh)(struct ui *ui, void *state);
	void		 (*close)(struct ui *ui, void *state);
	/* The title shown on the top line (malloc'd), e.g. "結城市… > 施策体系". */
	char		*(*title)(struct ui *ui, void *state);
	/* Lines ? adds after the keys (a legend of what the screen draws),
	 * *n of them; may be NULL. */
	const char *const *(*notes)(struct ui *ui, size_t *n);
	/* What an action does on this screen when the key table's words
	 * would mislead (a on the departments adds a department), else
	 * NULL; the function may be NULL. */
	const char	*(*action_help)(enum key_action act);
	/* The program is ending on a signal (a closed terminal, SIGTERM,
	 * C-c): keep what the user typed and has not saved (a form writes
	 * it as a draft). Returns a line to print once the terminal is
	 * back (malloc'd), or NULL. May be NULL. */
	char		*(*keep)(struct ui *ui, void *state);

	/* Each of the following may be NULL. */
	/* The fiscal year the screen shows when it is not ui->fy (a form
	 * opened for a year of its own): the title line says whether that
	 * year is open for entry. */
	int		 (*shown_fy)(struct ui *ui, void *state);
	/* The screen's most important keys, put first on the hint line
	 * ("E:実績を入力  Enter:開く", malloc'd); NULL when none. */
	char		*(*hint)(struct ui *ui, void *state);
	/* 1 while a text field has the focus: every printable key is text,
	 * and the hint line names only the keys that work there. */
	int		 (*typing)(struct ui *ui, void *state);
	/* 1 when the screen holds changes not saved yet: quitting asks. */
	int		 (*unsaved)(struct ui *ui, void *state);
	/* Another program committed a change to the database (SQLite's
	 * data_version moved): show what is there now, keeping the user's
	 * place and anything typed. Called for the top screen at once and
	 * for the others when they come back on top. */
	void		 (*changed)(struct ui *ui, void *state);
};

struct ui {
	struct config	*config;
	struct store	*store;
	struct session	*session;
	long long	 plan_id;	/* the chosen plan, 0 = none yet */
	int		 fy;		/* the chosen fiscal year */
	enum fy_style	 fy_style;
	int		 lines, cols;	/* terminal size */
	int		 too_small;	/* below 80x24: a message instead of screens */
	int		 quit;
	/* private to ui.c */
	struct ui_frame	*frames;
	WINDOW		*body;
	char		*message;
	int		 message_is_error;
	/* The last refusal written to the history (ui_refuse), so that a
	 * key pressed again and again leaves one row, not one a press. */
	char		*last_refusal;
	int		 cursor_y, cursor_x;	/* asked for by the draw; -1 none */
};

/* Minimum terminal size for the screens. */
#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

/* Why ui_run could not run (with *cause). */
#define UI_ERR_INTERNAL	(-1)	/* anything else */
#define UI_ERR_TERMINAL	(-2)	/* no terminal, an unknown or unusable TERM,
				   no UTF-8 locale */
#define UI_ERR_KEYS	(-3)	/* a bad [keys] entry in the configuration */
#define UI_ERR_STORE	(-4)	/* the first screen could not read the store */

/*
 * Runs the TUI on an open store until the user quits: sets the locale
 * (falls back to C.UTF-8, says so if neither works), initialises curses,
 * installs handlers so the terminal is restored on exit, SIGINT, SIGTERM,
 * SIGHUP and on fatal errors (SIGQUIT, C-\, is ignored; C-z suspends and
 * comes back through curses), opens the plans screen. Returns 0 when the
 * user quit, 128 + N when signal N ended it (after the open form's text
 * was kept as a draft), or a UI_ERR_* with *cause.
 */
int ui_run(struct config *c, struct store *st, struct session *s, char **cause);

void ui_push(struct ui *ui, const struct screen_ops *ops, const void *arg);
void ui_pop(struct ui *ui);

/* The window a screen draws in; its size changes on resize. */
WINDOW *ui_body(struct ui *ui);
attr_t ui_attr(struct ui *ui, enum ui_attr a);

/* A message on the status line until the next key; printf-style. */
void ui_message(struct ui *ui, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ui_error(struct ui *ui, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Says on the status line that a change the user tried is refused and
 * why (as ui_error does with why), and writes the refusal to the
 * history with the user's login and the item, indicator and fiscal year
 * it was about (0 when none): what names the change (「計画の変更」).
 * The same refusal again, with nothing refused in between, is said but
 * not written again. Nothing is written when the database cannot be
 * written at all.
 */
void ui_refuse(struct ui *ui, long long node_id, long long indicator_id,
    int fy, const char *what, const char *why);

/* A screen that edits text calls this from its draw: the terminal's
 * cursor is shown at (y, x) of ui_body (the insertion point) once the
 * frame is drawn. Without a call the cursor stays hidden. */
void ui_cursor_at(struct ui *ui, int y, int x);

/* Draws UTF-8 text at (y, x) cut to cols columns (never a half wide
 * character; padded with blanks when pad). Returns columns used. */
int ui_put(WINDOW *w, int y, int x, const char *s, int cols, int pad, attr_t attr);
/* ui_put for a cell of a table (a name, a title): text cut at cols ends
 * in '~' on the cell's last column, so that a cut name never passes for
 * a whole one. */
int ui_put_cell(WINDOW *w, int y, int x, const char *s, int cols, int pad,
    attr_t attr);
/* ui_put_cell for a column of values, right-aligned when right is set
 * and the value fits; a value cut to a narrowed column ends in '~' too
 * (51,800t-CO2以 alone would read as a whole value). */
void ui_put_column(WINDOW *w, int y, int x, const char *s, int cols,
    int right, attr_t attr);
/* Appends *more to *line two blanks apart when both fit in cols (*more
 * freed and set to NULL: nothing left for a line of its own); else
 * leaves both. */
void ui_join_if_fits(char **line, char **more, int cols);
/* ui_put for a line of keys ("C-s:保存  Esc:戻る", pieces two blanks
 * apart): the pieces that fit whole, from the first, so that no key is
 * shown cut from what it does. */
int ui_put_keys(WINDOW *w, int y, int x, const char *s, int cols, int pad,
    attr_t attr);

/* Asks for one line of text on the bottom line (IME input read as whole
 * characters). Returns 1 with *answer (malloc'd) or 0 if cancelled (Esc).
 * initial may be NULL. */
/* The longest line ui_prompt holds, in characters; a longer initial
 * text would be cut, so callers edit such text another way. */
#define UI_PROMPT_MAX 1000
int ui_prompt(struct ui *ui, const char *question, const char *initial, char **answer);
/* The same with the cursor after the at'th character of initial (past
 * its end: at the end, as ui_prompt puts it). */
int ui_prompt_at(struct ui *ui, const char *question, const char *initial,
    size_t at, char **answer);
/* What the last prompt held when a signal ended the program while it was
 * open (malloc'd, once), for a form to keep it as a draft; else NULL. */
char *ui_prompt_take_unfinished(void);

/* A popup menu of n choices; returns the chosen index or -1 (Esc). */
int ui_choose(struct ui *ui, const char *title, const char *const *items, int n, int current);

/* Asks a yes/no question; returns 1 for yes. */
int ui_confirm(struct ui *ui, const char *question);

/* Forms call these on open and close: C-s saves there, so terminal flow
 * control (IXON) must be off while any form is open. The frame runs the
 * terminal raw, which keeps it off for the whole session already; these
 * make sure of it whatever mode curses is in. */
void ui_flow_control_off(void);
void ui_flow_control_restore(void);

/* The first key bound to an action as the user writes it ("E", "Esc"),
 * for hints; "" when none. */
void ui_key_name(enum key_action a, char *buf, size_t size);

/* "E:実績を入力" (E:実績を確認 for a supervisor, E:実績を見る for a
 * read-only user) for a screen's hint where E opens an entry (malloc'd). */
char *ui_edit_hint(struct ui *ui);

/* Whether fy is open for entry (1) or closed (0), and its deadline
 * (*deadline borrowed until the next call, "" when none; deadline may be
 * NULL); -1 when it cannot be read. Cached until the database changes. */
int ui_year_state(struct ui *ui, int fy, const char **deadline);

/* How a login is shown: "daemon（田中一郎）" with the display name the
 * users table gives, else the login itself (malloc'd). */
char *ui_who(struct ui *ui, const char *login);
/* Forgets the names ui_who read (the frame calls it when the database
 * changed). */
void ui_who_forget(void);

/* Formats a fiscal year in the current display style ("-" for 0). */
const char *ui_fy(struct ui *ui, int fy, char buf[FY_BUFSZ]);

/* The fiscal year today falls in (by the clock and the configured start
 * month), as opposed to the chosen one (ui->fy): decides what is behind. */
int ui_today_fy(struct ui *ui);

/*
 * For the command line (ui-cmdline.c), which jumps and changes settings
 * as the keys do. ui_frame_state: the state of the frame depth below the
 * top (0 = the top) and its ops, or NULL past the bottom. ui_pop_frames:
 * closes the n frames on top (never the bottom one), asking first when
 * one of them holds changes not saved; 0 when the user said no.
 * ui_act: does what a key bound to act does (the top screen first, then
 * the frame). ui_set_year and ui_set_style: as [ ] y and e do (style -1:
 * the next one), with the same message. ui_read_modal: reads a key for a
 * loop of the caller's own, handling a resize (the screen is redrawn:
 * draw again) and giving ERR after a signal.
 */
void *ui_frame_state(struct ui *ui, int depth, const struct screen_ops **ops);
int ui_pop_frames(struct ui *ui, int n);
void ui_act(struct ui *ui, enum key_action act);
void ui_set_year(struct ui *ui, int fy);
void ui_set_style(struct ui *ui, int style);
int ui_read_modal(struct ui *ui, WINDOW *w, wint_t *ch);

/* Notes on the frame's calls into screens: ui_prompt, ui_choose and
 * ui_confirm handle a resize themselves, so the top screen's refresh may
 * run before they return; refresh is also called when a screen comes back
 * on top after a screen above it closed (it may have changed data). */

/* Screens, for ui_push and for each other. */
extern const struct screen_ops screen_plans_ops;	/* arg: NULL */
extern const struct screen_ops screen_tree_ops;		/* arg: const long long *plan_id */
extern const struct screen_ops screen_sheet_ops;	/* arg: const long long *node_id */
extern const struct screen_ops screen_roadmap_ops;	/* arg: const long long *plan_id */
extern const struct screen_ops screen_indicators_ops;	/* arg: struct screen_indicators_arg */
extern const struct screen_ops screen_help_ops;		/* arg: const struct screen_ops * */
extern const struct screen_ops screen_depts_ops;	/* arg: NULL */
extern const struct screen_ops screen_mywork_ops;	/* arg: NULL */
/* Frees the list 自分の仕事 keeps for its next opening. */
void screen_mywork_forget(void);

#endif
