/*
 * The terminal front end's frame (see ui.h): locale and curses set-up,
 * colours, the stack of screens, the main loop reading whole characters
 * with wget_wch, the title and status lines, the actions every screen
 * shares (back, quit, help, redraw, fiscal year, era display), resizing
 * and the too-small message, restoring the terminal on every way out, and
 * the drawing and asking functions the screens use: ui_put, ui_message,
 * ui_prompt (a line editor of its own), ui_choose, ui_confirm, ui_fy.
 * The terminal is raw for the whole session (no flow control; C-z and
 * C-\ are plain keys, C-c the interrupt); the main loop also watches the
 * database's data version, so that screens show changes other programs
 * commit.
 *
 * Window layout: the title on the top line, the body (the top screen's
 * window) below it, the status line and the message line at the bottom.
 * Only the top screen is drawn. Windows are rebuilt on resize, so screens
 * ask ui_body() each time instead of keeping the pointer.
 */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700	/* wcwidth, sigaction */
#endif

#include <sys/ioctl.h>
#include <poll.h>

#include <curses.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>
#include <wctype.h>

#include "shisaku/config.h"
#include "shisaku/fy.h"
#include "shisaku/keys.h"
#include "shisaku/session.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-mywork.h"
#include "shisaku/store-result.h"
#include "shisaku/store-user.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-cmdline.h"
#include "shisaku/ui-list.h"
#include "shisaku/ui-term.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"


/* How long a read waits before looking at the terminal size itself. */
#define UI_POLL_MS 250

struct ui_frame {
	const struct screen_ops	*ops;
	void			*state;
	/* What the screen last laid itself out for; when the top screen's
	 * differ from the frame's, its refresh is called. */
	int			 fy_seen;
	enum fy_style		 style_seen;
	int			 lines_seen, cols_seen;
	unsigned long		 serial;	/* order of pushing */
	int			 changed_pending;	/* the database changed
						   while it was below */
	struct ui_frame		*below;
};

/* Set by the signal handler, acted on by the loops. */
static volatile sig_atomic_t	 ui_signalled;
static int			 ui_curses_on;
static int			 ui_atexit_set;
static struct sigaction		 ui_old_int, ui_old_term, ui_old_hup, ui_old_quit;
static SCREEN			*ui_screen;

static WINDOW			*ui_titlew, *ui_statusw, *ui_msgw;
static attr_t			 ui_attrs[UI_ATTR_COUNT];
static int			 ui_stdscr_dirty;
/* Screens popped while their own key handler may still run: closed when
 * the handler has returned. */
static struct ui_frame		*ui_graveyard;
static unsigned long		 ui_serial;
/* The status line's plan name, looked up when ui->plan_id changes. */
static long long		 ui_plan_name_id = -1;
static char			*ui_plan_name;

static void ui_draw(struct ui *ui);
static void ui_handle_resize(struct ui *ui);
static int ui_read_key(WINDOW *w, wint_t *ch);
static void ui_push_start(struct ui *ui);
static int ui_data_moved(struct ui *ui);
static void ui_changed_top(struct ui *ui);

/* A key the main loop's read gives when the database changed while it
 * waited (see ui_data_moved). */
#define UI_KEY_CHANGED (KEY_MAX + 1)

/* The data version last seen (store_data_version), and whether the read
 * of the main loop looks at it while it waits (modal reads do not). */
static long long		 ui_data_version = -1;
static int			 ui_watching;

/* The state of one fiscal year for the title line, cached until the
 * database changes (ui_year_state). */
static int			 ui_year_fy;
static int			 ui_year_open;
static char			*ui_year_deadline;

/*
 * ncurses asks the C library's wcwidth() how many cells a character
 * takes. When the terminal draws East Asian ambiguous characters (★ ○ ①
 * → ─ …) two columns wide (ambiguous_width = 2 in the config), this
 * definition, which the dynamic linker prefers to the C library's, makes
 * ncurses count them as textwidth.c does; otherwise its idea of the
 * cursor would drift from the terminal's after every such character.
 * With the default setting it answers exactly what glibc answers.
 */
int
wcwidth(wchar_t wc)
{
	wchar_t	s[2];
	int	w;

	s[0] = wc;
	s[1] = L'\0';
	w = wcswidth(s, 1);	/* glibc's own table, not this function */
	if (w == 1 && tw_wcwidth(wc) == 2)
		return 2;
	return w;
}

static void
ui_signal_handler(int sig)
{
	ui_signalled = sig;
}

/* Puts the terminal back; safe to call twice and from atexit. */
static void
ui_restore_terminal(void)
{
	if (ui_curses_on) {
		ui_curses_on = 0;
		curs_set(1);
		endwin();
	}
}

static void
ui_signals_install(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_signal_handler;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: wget_wch returns ERR at once, and the loop ends. */
	sa.sa_flags = 0;
	sigaction(SIGINT, &sa, &ui_old_int);
	sigaction(SIGTERM, &sa, &ui_old_term);
	sigaction(SIGHUP, &sa, &ui_old_hup);
	/* C-\ would end the program with a core and the terminal left in
	 * the alternate screen: it does nothing here. */
	sa.sa_handler = SIG_IGN;
	sigaction(SIGQUIT, &sa, &ui_old_quit);
}

static void
ui_signals_restore(void)
{
	sigaction(SIGINT, &ui_old_int, NULL);
	sigaction(SIGTERM, &ui_old_term, NULL);
	sigaction(SIGHUP, &ui_old_hup, NULL);
	sigaction(SIGQUIT, &ui_old_quit, NULL);
}

/*
 * Makes sure characters are read and measured as UTF-8: the user's
 * locale if it is UTF-8, else C.UTF-8. Returns 0 (with *note set when the
 * fallback was taken) or -1 with *cause.
 */
static int
ui_locale_init(char **note, char **cause)
{
	const char	*asked = getenv("LC_ALL");
	int		 ok, exists;

	*note = NULL;
	if (asked == NULL || *asked == '\0')
		asked = getenv("LC_CTYPE");
	if (asked == NULL || *asked == '\0')
		asked = getenv("LANG");
	if (asked == NULL)
		asked = "";
	exists = setlocale(LC_ALL, "") != NULL;
	ok = exists && strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	if (ok)
		return 0;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		*cause = xasprintf("UTF-8 のロケールが使えません（指定は「%s」）。"
		    "C.UTF-8 か ja_JP.UTF-8 を用意して LANG=C.UTF-8 などで"
		    "起動してください", asked);
		return -1;
	}
	/* (A login's environment often names none at all.) */
	if (*asked == '\0')
		*note = xstrdup("ロケールの指定がないため C.UTF-8 で表示します"
		    "（LANG で指定できます）");
	else
		*note = xasprintf(exists ? "ロケール「%s」は UTF-8 ではないため"
		    " C.UTF-8 で表示します" : "ロケール「%s」が見つからないため"
		    " C.UTF-8 で表示します", asked);
	return 0;
}

/* A curses colour number for a config colour name; -1 = the terminal's
 * default (only when use_default_colors worked), else fallback. */
static short
ui_color_number(const char *name, size_t len, int have_default, short fallback)
{
	static const struct {
		const char	*name;
		short		 number;
	} colors[] = {
		{ "black", COLOR_BLACK }, { "red", COLOR_RED },
		{ "green", COLOR_GREEN }, { "yellow", COLOR_YELLOW },
		{ "blue", COLOR_BLUE }, { "magenta", COLOR_MAGENTA },
		{ "cyan", COLOR_CYAN }, { "white", COLOR_WHITE },
	};
	size_t	i;

	for (i = 0; i < sizeof colors / sizeof colors[0]; i++)
		if (strlen(colors[i].name) == len &&
		    strncmp(colors[i].name, name, len) == 0)
			return colors[i].number;
	return have_default ? -1 : fallback;
}

/* Sets up colour pair n from a config value "fg,bg". */
static void
ui_color_pair(short n, const char *spec, const char *dflt, int have_default)
{
	const char	*comma;
	short		 fg, bg;

	if (spec == NULL || strchr(spec, ',') == NULL)
		spec = dflt;
	comma = strchr(spec, ',');
	fg = ui_color_number(spec, (size_t)(comma - spec), have_default,
	    COLOR_WHITE);
	bg = ui_color_number(comma + 1, strlen(comma + 1), have_default,
	    COLOR_BLACK);
	init_pair(n, fg, bg);
}

/* Attributes by purpose: colours when the terminal has them and neither
 * the config nor NO_COLOR says no; bold/reverse/underline otherwise. */
static void
ui_colors_init(struct ui *ui)
{
	const char	*no_color = getenv("NO_COLOR");
	int		 have_default;

	ui_attrs[UI_NORMAL] = A_NORMAL;
	ui_attrs[UI_TITLE] = A_REVERSE | A_BOLD;
	ui_attrs[UI_HEADER] = A_BOLD | A_UNDERLINE;
	ui_attrs[UI_SELECT] = A_REVERSE;
	ui_attrs[UI_STATUS] = A_REVERSE;
	ui_attrs[UI_ERROR] = A_REVERSE | A_BOLD;
	ui_attrs[UI_DIM] = A_DIM;
	ui_attrs[UI_MARK] = A_BOLD;
	ui_attrs[UI_FROZEN] = A_BOLD;
	if (ui->config != NULL && !ui->config->color)
		return;
	if (no_color != NULL && *no_color != '\0')
		return;
	if (!has_colors() || start_color() != OK || COLORS < 8 ||
	    COLOR_PAIRS < 8)
		return;
	have_default = use_default_colors() == OK;
	ui_color_pair(1, ui->config ? ui->config->color_title : NULL,
	    "white,blue", have_default);
	ui_color_pair(2, ui->config ? ui->config->color_select : NULL,
	    "black,cyan", have_default);
	ui_color_pair(3, ui->config ? ui->config->color_status : NULL,
	    "black,white", have_default);
	ui_color_pair(4, ui->config ? ui->config->color_error : NULL,
	    "white,red", have_default);
	init_pair(5, COLOR_YELLOW, have_default ? -1 : COLOR_BLACK);
	init_pair(6, COLOR_CYAN, have_default ? -1 : COLOR_BLACK);
	ui_attrs[UI_TITLE] = COLOR_PAIR(1) | A_BOLD;
	ui_attrs[UI_SELECT] = COLOR_PAIR(2);
	ui_attrs[UI_STATUS] = COLOR_PAIR(3);
	ui_attrs[UI_ERROR] = COLOR_PAIR(4) | A_BOLD;
	ui_attrs[UI_MARK] = COLOR_PAIR(5) | A_BOLD;
	ui_attrs[UI_HEADER] = COLOR_PAIR(6) | A_BOLD;
}

attr_t
ui_attr(struct ui *ui, enum ui_attr a)
{
	(void)ui;
	if ((int)a < 0 || a >= UI_ATTR_COUNT)
		return A_NORMAL;
	return ui_attrs[a];
}

WINDOW *
ui_body(struct ui *ui)
{
	return ui->body;
}

static void
ui_windows_free(struct ui *ui)
{
	WINDOW	**w[] = { &ui_titlew, &ui->body, &ui_statusw, &ui_msgw };
	size_t	  i;

	for (i = 0; i < sizeof w / sizeof w[0]; i++)
		if (*w[i] != NULL) {
			delwin(*w[i]);
			*w[i] = NULL;
		}
}

/* (Re)creates the windows for the current terminal size. Below the
 * minimum size they are 1x1 placeholders that are never shown. */
static void
ui_layout(struct ui *ui)
{
	int	lines, cols;

	getmaxyx(stdscr, lines, cols);
	ui->lines = lines;
	ui->cols = cols;
	ui->too_small = cols < UI_MIN_COLS || lines < UI_MIN_LINES;
	ui_windows_free(ui);
	if (ui->too_small) {
		ui_titlew = newwin(1, 1, 0, 0);
		ui->body = newwin(1, 1, 0, 0);
		ui_statusw = newwin(1, 1, 0, 0);
		ui_msgw = newwin(1, 1, 0, 0);
	} else {
		ui_titlew = newwin(1, cols, 0, 0);
		ui->body = newwin(lines - 3, cols, 1, 0);
		ui_statusw = newwin(1, cols, lines - 2, 0);
		ui_msgw = newwin(1, cols, lines - 1, 0);
	}
	if (ui_titlew == NULL || ui->body == NULL || ui_statusw == NULL ||
	    ui_msgw == NULL) {
		ui_restore_terminal();
		fputs("shisaku: 画面を作れません\n", stderr);
		exit(70);
	}
	keypad(ui->body, TRUE);
	keypad(ui_msgw, TRUE);
	leaveok(ui->body, TRUE);
	ui_stdscr_dirty = 1;
}

/* Replaces the ★☆◆◇ marks by * and + when the config asks for ASCII
 * symbols; returns s itself when nothing changes, else a malloc'd copy. */
static const char *
ui_ascii_symbols(struct ui *ui, const char *s, char **copy)
{
	static const struct {
		const char	*from;
		char		 to;
	} map[] = {
		{ "\xe2\x98\x85", '*' },	/* ★ */
		{ "\xe2\x98\x86", '*' },	/* ☆ */
		{ "\xe2\x97\x86", '+' },	/* ◆ */
		{ "\xe2\x97\x87", '+' },	/* ◇ */
	};
	const char	*p;
	char		*o;
	size_t		 i;
	int		 any = 0;

	*copy = NULL;
	if (ui == NULL || ui->config == NULL || !ui->config->ascii_symbols)
		return s;
	for (i = 0; i < sizeof map / sizeof map[0] && !any; i++)
		any = strstr(s, map[i].from) != NULL;
	if (!any)
		return s;
	o = *copy = xmalloc(strlen(s) + 1);
	for (p = s; *p != '\0';) {
		for (i = 0; i < sizeof map / sizeof map[0]; i++)
			if (strncmp(p, map[i].from, 3) == 0)
				break;
		if (i < sizeof map / sizeof map[0]) {
			*o++ = map[i].to;
			p += 3;
		} else
			*o++ = *p++;
	}
	*o = '\0';
	return *copy;
}

/* The ui whose config ui_put consults (ui_put takes no ui). */
static struct ui *ui_current;

static int
ui_put_fit(WINDOW *w, int y, int x, const char *s, int cols, int pad,
    attr_t attr, int mark)
{
	char	 stackbuf[1024], *buf, *copy;
	size_t	 len, size;
	int	 maxy, maxx, used;

	if (w == NULL)
		return 0;
	if (s == NULL)
		s = "";
	getmaxyx(w, maxy, maxx);
	if (y < 0 || y >= maxy || x < 0 || x >= maxx)
		return 0;
	if (cols > maxx - x)
		cols = maxx - x;
	if (cols <= 0)
		return 0;
	s = ui_ascii_symbols(ui_current, s, &copy);
	/* A cut never needs more than 4 bytes a column. */
	len = strlen(s);
	if (len > (size_t)cols * 4 + 4)
		len = (size_t)cols * 4 + 4;
	size = len + (size_t)cols + 2;
	buf = size <= sizeof stackbuf ? stackbuf : xmalloc(size);
	used = tw_fit(s, cols, pad, mark, buf, size);
	wattrset(w, attr);
	mvwaddstr(w, y, x, buf);
	wattrset(w, A_NORMAL);
	if (buf != stackbuf)
		free(buf);
	free(copy);
	return used;
}

int
ui_put(WINDOW *w, int y, int x, const char *s, int cols, int pad, attr_t attr)
{
	return ui_put_fit(w, y, x, s, cols, pad, attr, 0);
}

void
ui_join_if_fits(char **line, char **more, int cols)
{
	char	*joined;

	if (tw_width(*line) + 2 + tw_width(*more) > cols)
		return;
	joined = xasprintf("%s  %s", *line, *more);
	free(*line);
	*line = joined;
	free(*more);
	*more = NULL;
}

int
ui_put_cell(WINDOW *w, int y, int x, const char *s, int cols, int pad,
    attr_t attr)
{
	return ui_put_fit(w, y, x, s, cols, pad, attr, 1);
}

void
ui_put_column(WINDOW *w, int y, int x, const char *s, int cols, int right,
    attr_t attr)
{
	int	tw = tw_width(s != NULL ? s : "");

	if (right && tw < cols) {
		ui_put(w, y, x, "", cols - tw, 1, attr);
		ui_put(w, y, x + cols - tw, s, tw, 1, attr);
	} else
		ui_put_cell(w, y, x, s, cols, 1, attr);
}

static void
ui_set_message(struct ui *ui, int is_error, const char *fmt, va_list ap)
{
	free(ui->message);
	ui->message = xvasprintf(fmt, ap);
	ui->message_is_error = is_error;
}

void
ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	ui_set_message(ui, 0, fmt, ap);
	va_end(ap);
}

void
ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	ui_set_message(ui, 1, fmt, ap);
	va_end(ap);
}

void
ui_refuse(struct ui *ui, long long node_id, long long indicator_id, int fy,
    const char *what, const char *why)
{
	char	*row, *key, *cause = NULL;

	ui_error(ui, "%s", why != NULL ? why : "できません");
	if (ui->store == NULL || ui->session == NULL ||
	    ui->session->login == NULL)
		return;
	row = xasprintf("画面での%s: %s", what, why != NULL ? why : "");
	key = xasprintf("%lld %lld %d %s", node_id, indicator_id, fy, row);
	if (ui->last_refusal != NULL && strcmp(ui->last_refusal, key) == 0) {
		free(key);
		free(row);
		return;
	}
	free(ui->last_refusal);
	ui->last_refusal = key;
	/* Best effort: the refusal stands whether it is recorded or not. */
	if (store_user_log_refusal(ui->store, ui->session->login, node_id,
	    indicator_id, fy, row, &cause) < 0)
		free(cause);
	free(row);
}

static void
ui_clear_message(struct ui *ui)
{
	free(ui->message);
	ui->message = NULL;
	ui->message_is_error = 0;
}

const char *
ui_fy(struct ui *ui, int fy, char buf[FY_BUFSZ])
{
	if (fy <= 0) {
		snprintf(buf, FY_BUFSZ, "-");
		return buf;
	}
	return fy_format(fy, ui->fy_style, buf, FY_BUFSZ);
}

int
ui_today_fy(struct ui *ui)
{
	int	month = ui->config != NULL ? ui->config->fy_start_month : 4;

	return fy_of_time(time(NULL), month >= 1 && month <= 12 ? month : 4);
}

/* The first key bound to an action, for hints ("?" for help). */
static void
ui_first_key(enum key_action a, char *buf, size_t size)
{
	const char	*keys = keys_action_keys(a);
	size_t		 n = strcspn(keys, " ");

	if (n >= size)
		n = size - 1;
	memcpy(buf, keys, n);
	buf[n] = '\0';
}

void
ui_key_name(enum key_action a, char *buf, size_t size)
{
	ui_first_key(a, buf, size);
}

char *
ui_edit_hint(struct ui *ui)
{
	enum role	r = ui->session != NULL ? ui->session->role : ROLE_NONE;
	char		e[16];

	ui_first_key(ACT_EDIT, e, sizeof e);
	if (e[0] == '\0')
		return xstrdup("");
	if (ui->session != NULL && ui->session->readonly_why != NULL)
		r = ROLE_NONE;	/* nothing can be written: only looked at */
	return xasprintf("%s:%s", e, r == ROLE_SUPERVISOR ? "実績を確認" :
	    r == ROLE_NONE ? "実績を見る" : "実績を入力");
}

/* The first key bound to a that is not a printable character ("F1" of
 * "? F1", "Esc" of "Esc q"), for hints while typing; "" when none. */
static void
ui_nontext_key(enum key_action a, char *buf, size_t size)
{
	const char	*keys = keys_action_keys(a), *p = keys;
	size_t		 n;

	buf[0] = '\0';
	while (*p != '\0') {
		unsigned char	c = (unsigned char)*p;
		size_t		one = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ?
				    3 : 4;

		n = strcspn(p, " ");
		/* A key name of one character is text; Esc, F1, C-s … are
		 * not. */
		if (n != one) {
			if (n >= size)
				n = size - 1;
			memcpy(buf, p, n);
			buf[n] = '\0';
			return;
		}
		p += n;
		while (*p == ' ')
			p++;
	}
}

int
ui_year_state(struct ui *ui, int fy, const char **deadline)
{
	char	*cause = NULL, *dl = NULL;
	int	 open;

	if (deadline != NULL)
		*deadline = "";
	if (ui->store == NULL || fy <= 0)
		return -1;
	if (fy != ui_year_fy) {
		if (store_year_info(ui->store, fy, &open, &dl, &cause) != 0) {
			free(cause);
			return -1;
		}
		free(ui_year_deadline);
		ui_year_deadline = dl;
		ui_year_open = open;
		ui_year_fy = fy;
	}
	if (deadline != NULL)
		*deadline = ui_year_deadline;
	return ui_year_open;
}

static void
ui_draw_too_small(struct ui *ui)
{
	char	*msg, *hint, quit[16], line[512];
	size_t	 starts[8], lens[8], n, i, shown;
	int	 y;

	msg = xasprintf("端末が小さすぎます: %d×%d 以上が必要です（現在 %d×%d）",
	    UI_MIN_COLS, UI_MIN_LINES, ui->cols, ui->lines);
	ui_first_key(ACT_QUIT, quit, sizeof quit);
	hint = quit[0] != '\0' ? xasprintf("広げると元の画面に戻ります"
	    "（%s で終了）", quit) : xstrdup("広げると元の画面に戻ります");
	werase(stdscr);
	n = tw_wrap(msg, ui->cols, starts, lens, 8);
	shown = n < 8 ? n : 8;
	y = (ui->lines - (int)shown - 2) / 2;
	if (y < 0)
		y = 0;
	for (i = 0; i < shown; i++, y++) {
		int	w;

		snprintf(line, sizeof line, "%.*s", (int)lens[i],
		    msg + starts[i]);
		w = tw_width(line);
		ui_put(stdscr, y, w < ui->cols ? (ui->cols - w) / 2 : 0, line,
		    ui->cols, 0, ui_attrs[UI_ERROR]);
	}
	if (y + 1 < ui->lines) {
		int	w = tw_width(hint);

		ui_put(stdscr, y + 1, w < ui->cols ? (ui->cols - w) / 2 : 0,
		    hint, ui->cols, 0, A_NORMAL);
	}
	wnoutrefresh(stdscr);
	doupdate();
	free(msg);
	free(hint);
}

/* The end of s that fits in cols columns (s itself if all of it fits):
 * a title keeps its last part, the screen, when the plan name is long. */
static const char *
ui_tail(const char *s, int cols)
{
	while (*s != '\0' && tw_width(s) > cols) {
		s++;
		while ((*s & 0xC0) == 0x80)	/* to the next character */
			s++;
	}
	return s;
}

static void
ui_draw_title(struct ui *ui)
{
	struct ui_frame	*top = ui->frames;
	char		*title = NULL;
	const char	*shown;
	char		 tag[FY_BUFSZ + 32], yb[FY_BUFSZ];
	int		 w, fy, open, tw = 0;

	werase(ui_titlew);
	ui_put(ui_titlew, 0, 0, "", ui->cols, 1, ui_attrs[UI_TITLE]);
	if (top != NULL && top->ops->title != NULL)
		title = top->ops->title(ui, top->state);
	/* Whether the year shown is open for entry, left of the name. */
	fy = top != NULL && top->ops->shown_fy != NULL ?
	    top->ops->shown_fy(ui, top->state) : ui->fy;
	open = ui_year_state(ui, fy, NULL);
	if (open >= 0) {
		snprintf(tag, sizeof tag, "%s %s",
		    fy_format_short(fy, ui->fy_style, yb, sizeof yb),
		    open ? "受付中" : "締切");
		tw = tw_width(tag);
		ui_put(ui_titlew, 0, ui->cols - 10 - tw, tag, tw, 0,
		    ui_attrs[UI_TITLE]);
		tw += 2;
	}
	/* A database the user cannot write says so, and why when there is
	 * room for the screen's own title too. */
	if (ui->session != NULL && ui->session->readonly_why != NULL &&
	    ui->store != NULL) {
		const char	*why = store_readonly_why(ui->store, 1);
		char		*ro = why != NULL && ui->cols - 11 - tw -
				    tw_width(why) >= 50 ?
				    xasprintf("読み取り専用: %s", why) :
				    xstrdup("読み取り専用");
		int		 rw = tw_width(ro);

		if (ui->cols - 11 - tw - rw >= 8) {
			ui_put(ui_titlew, 0, ui->cols - 10 - tw - rw, ro, rw,
			    0, ui_attrs[UI_TITLE] | A_BOLD);
			tw += rw + 2;
		}
		free(ro);
	}
	w = ui->cols - 11 - tw;
	shown = title != NULL ? title : "";
	if (tw_width(shown) > w) {
		ui_put(ui_titlew, 0, 1, "~", 1, 0, ui_attrs[UI_TITLE]);
		ui_put(ui_titlew, 0, 2, ui_tail(shown, w - 1), w - 1, 0,
		    ui_attrs[UI_TITLE]);
	} else
		ui_put(ui_titlew, 0, 1, shown, w, 0, ui_attrs[UI_TITLE]);
	ui_put(ui_titlew, 0, ui->cols - 8, "shisaku", 7, 0, ui_attrs[UI_TITLE]);
	free(title);
}

/* The plan name for the status line, looked up once per plan. */
static const char *
ui_status_plan(struct ui *ui)
{
	if (ui->plan_id != ui_plan_name_id) {
		free(ui_plan_name);
		ui_plan_name = ui->plan_id > 0 && ui->store != NULL ?
		    browse_plan_name(ui->store, ui->plan_id) : NULL;
		ui_plan_name_id = ui->plan_id;
	}
	return ui_plan_name != NULL ? ui_plan_name : "";
}

static void
ui_draw_status(struct ui *ui)
{
	const struct session	*s = ui->session;
	char			*left, fy[FY_BUFSZ], right[FY_BUFSZ + 8];
	const char		*plan = ui_status_plan(ui);
	attr_t			 a = ui_attrs[UI_STATUS];
	int			 lw, rw, x;

	werase(ui_statusw);
	ui_put(ui_statusw, 0, 0, "", ui->cols, 1, a);
	left = xasprintf(" %s  %s%s%s", s && s->login ? s->login : "?",
	    role_label(s ? s->role : ROLE_NONE),
	    s && s->dept_name && *s->dept_name ? "  " : "",
	    s && s->dept_name ? s->dept_name : "");
	snprintf(right, sizeof right, "%s ", ui_fy(ui, ui->fy, fy));
	rw = tw_width(right);
	lw = ui_put_cell(ui_statusw, 0, 0, left, ui->cols - rw - 1, 0, a);
	x = lw + 2;
	if (*plan != '\0' && x + 4 < ui->cols - rw - 1) {
		ui_put(ui_statusw, 0, x, "|", 1, 0, a);
		ui_put_cell(ui_statusw, 0, x + 2, plan, ui->cols - rw - 2 - (x + 2),
		    0, a);
	}
	ui_put(ui_statusw, 0, ui->cols - rw, right, rw, 0, a | A_BOLD);
	free(left);
}

/* Appends "piece" to the hint *h (two blanks between pieces) if it
 * still fits in cols columns. */
static int
ui_hint_add(char **h, const char *piece, int cols)
{
	char	*t;

	if (piece == NULL || *piece == '\0')
		return 1;
	t = **h != '\0' ? xasprintf("%s  %s", *h, piece) : xstrdup(piece);
	if (tw_width(t) <= cols) {
		free(*h);
		*h = t;
		return 1;
	}
	free(t);
	return 0;
}

/* Appends the pieces of keys (two blanks apart) to the hint *h, from the
 * first, as long as they fit in cols columns: a piece that does not fit
 * ends it (those after it would read out of their order). Returns 1 when
 * every piece was added. */
static int
ui_hint_add_pieces(char **h, const char *keys, int cols)
{
	const char	*p = keys, *end;
	char		*piece;
	int		 added = 1;

	while (p != NULL && *p != '\0' && added) {
		end = strstr(p, "  ");
		piece = end != NULL ? xstrndup(p, (size_t)(end - p)) :
		    xstrdup(p);
		added = ui_hint_add(h, piece, cols);
		free(piece);
		for (p = end; p != NULL && *p == ' '; p++)
			;
	}
	return added;
}

int
ui_put_keys(WINDOW *w, int y, int x, const char *s, int cols, int pad,
    attr_t attr)
{
	char	*fit = xstrdup("");
	int	 used;

	(void)ui_hint_add_pieces(&fit, s, cols);
	used = ui_put(w, y, x, fit, cols, pad, attr);
	free(fit);
	return used;
}

/*
 * The message on the bottom line. An error too long for it takes the
 * status line above as well while it is shown (its end is most often
 * what to do); one too long for both, or a note too long for its line,
 * ends in '~'.
 */
static void
ui_draw_long_message(struct ui *ui)
{
	attr_t	 a = ui_attrs[ui->message_is_error ? UI_ERROR : UI_NORMAL];
	size_t	 starts[2], lens[2];
	int	 cols = ui->cols - 1;
	char	*line;

	/* A note keeps the status line (who is at the terminal, the
	 * plan, the year): cut, it says so. */
	if (tw_width(ui->message) <= cols || !ui->message_is_error ||
	    cols < 20 || strchr(ui->message, '\n') != NULL) {
		ui_put_cell(ui_msgw, 0, 0, ui->message, cols, 0, a);
		return;
	}
	(void)tw_wrap(ui->message, cols, starts, lens, 2);
	line = xstrndup(ui->message + starts[0], lens[0]);
	werase(ui_statusw);
	ui_put(ui_statusw, 0, 0, line, ui->cols, 1, a);
	free(line);
	/* The rest on the bottom line, cut with a mark if a third line
	 * would have followed. */
	ui_put_cell(ui_msgw, 0, 0, ui->message + starts[1], cols, 0, a);
}

/*
 * The hint on the bottom line when there is no message: the top screen's
 * own most important keys first, then the frame's, as many as fit. While
 * the screen takes every printable key as text, only the keys that work
 * there: help and leaving by their non-printing keys, and saving.
 */
static void
ui_draw_message(struct ui *ui)
{
	struct ui_frame	*top = ui->frames;
	char		 help[16], back[16], quit[16], yp[16], yn[16], era[16];
	char		 mine[16], piece[64], *hint, *own = NULL;
	int		 cols = ui->cols - 1, bottom;

	werase(ui_msgw);
	if (ui->message != NULL) {
		ui_draw_long_message(ui);
		return;
	}
	hint = xstrdup("");
	if (top != NULL && top->ops->typing != NULL &&
	    top->ops->typing(ui, top->state)) {
		ui_nontext_key(ACT_HELP, help, sizeof help);
		ui_nontext_key(ACT_BACK, back, sizeof back);
		snprintf(piece, sizeof piece, "%s:ヘルプ", help);
		ui_hint_add(&hint, help[0] ? piece : NULL, cols);
		ui_hint_add(&hint, "C-s:保存", cols);
		snprintf(piece, sizeof piece, "%s:戻る", back);
		ui_hint_add(&hint, back[0] ? piece : NULL, cols);
		ui_hint_add(&hint, "（入力中: 文字はすべて入力されます）", cols);
		goto put;
	}
	if (top != NULL && top->ops->hint != NULL &&
	    (own = top->ops->hint(ui, top->state)) != NULL)
		(void)ui_hint_add(&hint, own, cols);
	bottom = top != NULL && top->below == NULL;
	ui_first_key(ACT_HELP, help, sizeof help);
	ui_first_key(ACT_QUIT, quit, sizeof quit);
	ui_first_key(ACT_YEAR_PREV, yp, sizeof yp);
	ui_first_key(ACT_YEAR_NEXT, yn, sizeof yn);
	ui_first_key(ACT_ERA_TOGGLE, era, sizeof era);
	ui_first_key(ACT_MYWORK, mine, sizeof mine);
	snprintf(piece, sizeof piece, "%s:ヘルプ", help);
	ui_hint_add(&hint, help[0] ? piece : NULL, cols);
	if (bottom) {
		/* Esc never quits: name the other key that does. */
		ui_nontext_key(ACT_BACK, back, sizeof back);
		if (strcmp(back, "Esc") == 0 || back[0] == '\0') {
			const char *k = keys_action_keys(ACT_BACK);
			size_t n;

			back[0] = '\0';
			while (*k != '\0') {
				n = strcspn(k, " ");
				if (strncmp(k, "Esc", n) != 0 && n < sizeof back) {
					memcpy(back, k, n);
					back[n] = '\0';
					break;
				}
				k += n;
				while (*k == ' ')
					k++;
			}
		}
		snprintf(piece, sizeof piece, "%s:終了", back[0] ? back : quit);
		ui_hint_add(&hint, back[0] || quit[0] ? piece : NULL, cols);
	} else {
		ui_first_key(ACT_BACK, back, sizeof back);
		snprintf(piece, sizeof piece, "%s:戻る", back);
		ui_hint_add(&hint, back[0] ? piece : NULL, cols);
	}
	if (top == NULL || top->ops != &screen_mywork_ops) {
		snprintf(piece, sizeof piece, "%s:自分の仕事", mine);
		ui_hint_add(&hint, mine[0] ? piece : NULL, cols);
	}
	if (!bottom) {
		snprintf(piece, sizeof piece, "%s:終了", quit);
		ui_hint_add(&hint, quit[0] ? piece : NULL, cols);
	}
	snprintf(piece, sizeof piece, "%s %s:年度", yp, yn);
	ui_hint_add(&hint, yp[0] ? piece : NULL, cols);
	snprintf(piece, sizeof piece, "%s:年の表示", era);
	ui_hint_add(&hint, era[0] ? piece : NULL, cols);
put:
	ui_put(ui_msgw, 0, 0, hint, cols, 0, ui_attrs[UI_DIM]);
	free(hint);
	free(own);
}

/* Whether the terminal's cursor is shown for a screen (ui_cursor_at). */
static int ui_cursor_shown;

void
ui_cursor_at(struct ui *ui, int y, int x)
{
	ui->cursor_y = y;
	ui->cursor_x = x;
}

/* Draws the top screen and the frame, and puts it on the terminal. */
static void
ui_draw(struct ui *ui)
{
	struct ui_frame	*top = ui->frames;

	if (ui->too_small) {
		if (ui_cursor_shown) {
			curs_set(0);
			ui_cursor_shown = 0;
		}
		ui_draw_too_small(ui);
		return;
	}
	if (ui_stdscr_dirty) {
		werase(stdscr);
		wnoutrefresh(stdscr);
		ui_stdscr_dirty = 0;
	}
	werase(ui->body);
	ui->cursor_y = ui->cursor_x = -1;
	if (top != NULL)
		top->ops->draw(ui, top->state);
	ui_draw_title(ui);
	ui_draw_status(ui);
	ui_draw_message(ui);
	touchwin(ui->body);
	wnoutrefresh(ui_titlew);
	wnoutrefresh(ui->body);
	wnoutrefresh(ui_statusw);
	wnoutrefresh(ui_msgw);
	if (ui->cursor_y >= 0 && ui->cursor_y < getmaxy(ui->body) &&
	    ui->cursor_x >= 0 && ui->cursor_x < getmaxx(ui->body)) {
		/* The body last, so that the terminal's cursor is its. */
		leaveok(ui->body, FALSE);
		wmove(ui->body, ui->cursor_y, ui->cursor_x);
		wnoutrefresh(ui->body);
		curs_set(1);
		ui_cursor_shown = 1;
	} else {
		leaveok(ui->body, TRUE);
		/* Only a cursor shown here is hidden: a prompt shows its own. */
		if (ui_cursor_shown) {
			curs_set(0);
			ui_cursor_shown = 0;
		}
	}
	doupdate();
}

/* Calls the top screen's refresh if the year, the year display or the
 * size changed since it last laid itself out. */
static void
ui_refresh_top(struct ui *ui, int force)
{
	struct ui_frame	*top = ui->frames;

	if (top == NULL || ui->too_small)
		return;
	if (!force && top->fy_seen == ui->fy && top->style_seen == ui->fy_style &&
	    top->lines_seen == ui->lines && top->cols_seen == ui->cols)
		return;
	top->fy_seen = ui->fy;
	top->style_seen = ui->fy_style;
	top->lines_seen = ui->lines;
	top->cols_seen = ui->cols;
	if (top->ops->refresh != NULL)
		(top->ops->refresh)(ui, top->state);	/* not curses' macro */
}

/*
 * A resize: rebuild the windows and lay the screens out again. The top
 * screen is refreshed now; the others when they come back on top (their
 * recorded size no longer matches), which is the same to the user and
 * spares re-reading every screen of the stack on each step of a drag.
 */
static void
ui_handle_resize(struct ui *ui)
{
	ui_layout(ui);
	ui_refresh_top(ui, 0);
	ui_draw(ui);
}

void
ui_push(struct ui *ui, const struct screen_ops *ops, const void *arg)
{
	struct ui_frame	*f;
	void		*state;

	state = ops->open(ui, arg);
	if (state == NULL)
		return;
	f = xcalloc(1, sizeof *f);
	f->serial = ++ui_serial;
	f->ops = ops;
	f->state = state;
	f->fy_seen = ui->fy;
	f->style_seen = ui->fy_style;
	f->lines_seen = ui->lines;
	f->cols_seen = ui->cols;
	f->below = ui->frames;
	ui->frames = f;
}

void
ui_pop(struct ui *ui)
{
	struct ui_frame	*f = ui->frames;

	if (f == NULL)
		return;
	ui->frames = f->below;
	f->below = ui_graveyard;
	ui_graveyard = f;
}

/* Closes the screens popped during the last key. */
static void
ui_bury(struct ui *ui)
{
	struct ui_frame	*f;

	while ((f = ui_graveyard) != NULL) {
		ui_graveyard = f->below;
		if (f->ops->close != NULL)
			f->ops->close(ui, f->state);
		free(f);
	}
}

/* Removes frame f from the stack wherever it is (a screen that asked to
 * close after pushing another). */
static void
ui_pop_frame(struct ui *ui, struct ui_frame *f)
{
	struct ui_frame	**pp;

	for (pp = &ui->frames; *pp != NULL; pp = &(*pp)->below)
		if (*pp == f) {
			*pp = f->below;
			f->below = ui_graveyard;
			ui_graveyard = f;
			return;
		}
}

static void
ui_pick_year(struct ui *ui)
{
	char	*answer = NULL, *cause = NULL, buf[FY_BUFSZ];
	int	 fy;

	snprintf(buf, sizeof buf, "%d", ui->fy);
	if (!ui_prompt(ui, "年度（例: 2025, R7, 令和7年度）: ", buf, &answer))
		return;
	fy = fy_parse(answer, &cause);
	if (fy < 0) {
		ui_error(ui, "%s", cause != NULL ? cause : "年度が読めません");
		free(cause);
	} else {
		ui->fy = fy;
		ui_refresh_top(ui, 0);
		ui_message(ui, "%s を表示します", ui_fy(ui, fy, buf));
	}
	free(answer);
}

/* Quits, first asking when a screen holds changes not saved. */
static void
ui_quit_asking(struct ui *ui)
{
	struct ui_frame	*f;

	for (f = ui->frames; f != NULL; f = f->below)
		if (f->ops->unsaved != NULL && f->ops->unsaved(ui, f->state))
			break;
	if (f != NULL && !ui_confirm(ui, "保存していない変更があります。"
	    "破棄して終了しますか"))
		return;
	ui->quit = 1;
}

/* What the frame does with a key the screen left to it. */
static void
ui_frame_action(struct ui *ui, enum key_action act, int is_function,
    wint_t ch)
{
	struct ui_frame	*top = ui->frames;
	char		 buf[FY_BUFSZ];
	static const char *const styles[] = { "和暦", "西暦", "和暦と西暦" };

	switch (act) {
	case ACT_BACK:
		if (top != NULL && top->below == NULL) {
			/* Esc never quits: it is pressed to leave a prompt or
			 * a list, often once too often. */
			if (!is_function && ch == 27) {
				ui_first_key(ACT_QUIT, buf, sizeof buf);
				ui_message(ui, "最初の画面です（終了は q%s%s）",
				    buf[0] && strcmp(buf, "q") != 0 ? " か " : "",
				    strcmp(buf, "q") != 0 ? buf : "");
			} else
				ui_quit_asking(ui);
		} else
			ui_pop(ui);
		break;
	case ACT_QUIT:
		ui_quit_asking(ui);
		break;
	case ACT_MYWORK:
		if (top != NULL && top->ops == &screen_mywork_ops)
			ui_message(ui, "自分の仕事を表示しています");
		else
			ui_push(ui, &screen_mywork_ops, NULL);
		break;
	case ACT_HELP:
		if (top != NULL && top->ops != &screen_help_ops)
			ui_push(ui, &screen_help_ops, top->ops);
		break;
	case ACT_REDRAW:
		clearok(curscr, TRUE);
		break;
	case ACT_YEAR_PREV:
	case ACT_YEAR_NEXT:
		if ((act == ACT_YEAR_PREV && ui->fy <= FY_MIN) ||
		    (act == ACT_YEAR_NEXT && ui->fy >= FY_MAX))
			break;
		ui->fy += act == ACT_YEAR_PREV ? -1 : 1;
		ui_refresh_top(ui, 0);
		ui_message(ui, "%s を表示します", ui_fy(ui, ui->fy, buf));
		break;
	case ACT_YEAR_PICK:
		ui_pick_year(ui);
		break;
	case ACT_COMMAND:
		ui_cmdline_run(ui);
		break;
	case ACT_ERA_TOGGLE:
		ui->fy_style = ui->fy_style == FY_STYLE_ERA ? FY_STYLE_WESTERN :
		    ui->fy_style == FY_STYLE_WESTERN ? FY_STYLE_BOTH :
		    FY_STYLE_ERA;
		ui_refresh_top(ui, 0);
		ui_message(ui, "年の表示: %s（%s）", styles[ui->fy_style],
		    ui_fy(ui, ui->fy, buf));
		break;
	case ACT_NONE:
		/* The terminal's flow-control keys and its suspend and quit
		 * keys are plain keys for the whole session (raw mode): say
		 * what they do not do. */
		if (!is_function && (ch == 26 || ch == 28)) {
			ui_first_key(ACT_QUIT, buf, sizeof buf);
			ui_message(ui, "C-%c では終了も中断もしません（終了は %s）",
			    ch == 26 ? 'z' : '\\', buf[0] ? buf : "q");
			break;
		}
		if (!is_function && (ch == 19 || ch == 17)) {
			ui_message(ui, "C-%c: 画面は止まりません（C-s は入力画面で"
			    "保存に使います）", ch == 19 ? 's' : 'q');
			break;
		}
		if (!is_function && ch >= 0x20 && iswprint(ch)) {
			char	help[16];

			ui_first_key(ACT_HELP, help, sizeof help);
			ui_message(ui, "「%lc」には操作が割り当てられていません"
			    "（%s でヘルプ）", ch, help);
		}
		break;
	default:
		ui_message(ui, "この画面では使えません: %s",
		    keys_action_help(act));
		break;
	}
}

/* Whether every screen closed during this key was a help screen. */
static int
ui_only_help_closed(void)
{
	struct ui_frame	*f;

	for (f = ui_graveyard; f != NULL; f = f->below)
		if (f->ops != &screen_help_ops)
			return 0;
	return 1;
}

/* Handles one key read by the main loop. */
static void
ui_dispatch(struct ui *ui, int is_function, wint_t ch)
{
	struct ui_frame		*top = ui->frames;
	enum key_action		 act = keys_lookup(is_function, ch);
	enum ui_key_result	 r;
	unsigned long		 top_serial = top->serial;
	int			 back_on_top;

	ui_clear_message(ui);
	if (ui->too_small) {
		if (act == ACT_QUIT)
			ui->quit = 1;
		return;
	}
	r = top->ops->key(ui, top->state, act, is_function, ch);
	if (r == UI_KEY_CLOSE)
		ui_pop_frame(ui, top);
	else if (r == UI_KEY_UNHANDLED)
		ui_frame_action(ui, act, is_function, ch);
	/* A screen that comes back on top re-reads what the screens above
	 * it may have changed (a result entered); closing help changes
	 * nothing. */
	back_on_top = ui->frames != NULL && ui->frames->serial < top_serial &&
	    !ui_only_help_closed();
	ui_bury(ui);
	if (ui->frames == NULL)
		ui->quit = 1;
	else {
		ui_refresh_top(ui, back_on_top);
		ui_changed_top(ui);
	}
}

/* The window modal loops read from: the message line, or stdscr while
 * the terminal is too small. */
static WINDOW *
ui_input_window(struct ui *ui)
{
	return ui->too_small ? stdscr : ui_msgw;
}

/* Reads one key for a modal loop, handling resizes itself. Returns
 * OK/KEY_CODE_YES, or ERR after a signal (the caller cancels). */
static int
ui_modal_key(struct ui *ui, WINDOW *w, wint_t *ch)
{
	int	rc = ui_read_key(w, ch);

	if (rc == KEY_CODE_YES && *ch == KEY_RESIZE)
		ui_handle_resize(ui);
	return rc;
}

/* Columns taken by n characters of a wide buffer. */
static int
ui_wcs_width(const wchar_t *s, size_t n)
{
	size_t	i;
	int	w = 0;

	for (i = 0; i < n; i++)
		w += tw_wcwidth(s[i]);
	return w;
}

/* Appends the UTF-8 form of wc to out at *o (room checked by caller). */
static void
ui_utf8_put(char *out, size_t *o, wchar_t wc)
{
	unsigned long	c = (unsigned long)wc;

	if (c < 0x80)
		out[(*o)++] = (char)c;
	else if (c < 0x800) {
		out[(*o)++] = (char)(0xC0 | (c >> 6));
		out[(*o)++] = (char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		out[(*o)++] = (char)(0xE0 | (c >> 12));
		out[(*o)++] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[(*o)++] = (char)(0x80 | (c & 0x3F));
	} else {
		out[(*o)++] = (char)(0xF0 | (c >> 18));
		out[(*o)++] = (char)(0x80 | ((c >> 12) & 0x3F));
		out[(*o)++] = (char)(0x80 | ((c >> 6) & 0x3F));
		out[(*o)++] = (char)(0x80 | (c & 0x3F));
	}
}

static char *
ui_wcs_to_utf8(const wchar_t *s, size_t n)
{
	char	*out = xmalloc(n * 4 + 1);
	size_t	 i, o = 0;

	for (i = 0; i < n; i++)
		ui_utf8_put(out, &o, s[i]);
	out[o] = '\0';
	return out;
}

/* Decodes UTF-8 into buf (at most max characters), skipping invalid
 * bytes and control characters. Returns the count. */
static size_t
ui_utf8_to_wcs(const char *s, wchar_t *buf, size_t max)
{
	mbstate_t	ps;
	size_t		n = 0, k, len = strlen(s);
	wchar_t		wc;

	memset(&ps, 0, sizeof ps);
	while (len > 0 && n < max) {
		k = mbrtowc(&wc, s, len, &ps);
		if (k == (size_t)-1 || k == (size_t)-2) {
			memset(&ps, 0, sizeof ps);
			s++;
			len--;
			continue;
		}
		if (k == 0)
			break;
		if (iswprint((wint_t)wc))
			buf[n++] = wc;
		s += k;
		len -= k;
	}
	return n;
}

/* Draws the prompt line: the question, then the part of the text around
 * the cursor that fits, scrolled by whole characters. */
static void
ui_prompt_draw(struct ui *ui, const char *question, const wchar_t *buf,
    size_t len, size_t pos, size_t *first)
{
	char	*vis;
	size_t	 i, o = 0;
	int	 qw, avail, used = 0;

	if (ui->too_small)
		return;
	werase(ui_msgw);
	/* A question wider than half the line (a long indicator's name)
	 * is cut with its mark, and its ": " kept before the text. */
	if (tw_width(question) > ui->cols / 2) {
		qw = ui_put_cell(ui_msgw, 0, 0, question, ui->cols / 2 - 2, 0,
		    A_BOLD);
		qw += ui_put(ui_msgw, 0, qw, ": ", 2, 0, A_BOLD);
	} else
		qw = ui_put(ui_msgw, 0, 0, question, ui->cols / 2, 0, A_BOLD);
	avail = ui->cols - qw - 1;
	if (pos < *first)
		*first = pos;
	/* Keep one column for the cursor after the last character. */
	while (*first < pos && ui_wcs_width(buf + *first, pos - *first) >
	    avail - 1)
		(*first)++;
	/* Show as much as fits from the start when the text got shorter. */
	while (*first > 0 && ui_wcs_width(buf + *first - 1, len - *first + 1) <
	    avail)
		(*first)--;
	vis = xmalloc((len - *first) * 4 + 1);
	for (i = *first; i < len; i++) {
		int w = tw_wcwidth(buf[i]);

		if (used + w > avail)
			break;
		ui_utf8_put(vis, &o, buf[i]);
		used += w;
	}
	vis[o] = '\0';
	ui_put(ui_msgw, 0, qw, vis, avail, 0, A_NORMAL);
	free(vis);
	wmove(ui_msgw, 0, qw + ui_wcs_width(buf + *first, pos - *first));
	wnoutrefresh(ui_msgw);
	doupdate();
}

/* What a prompt held when a signal ended it (ui_prompt_take_unfinished). */
static char	*ui_prompt_unfinished;

int
ui_prompt(struct ui *ui, const char *question, const char *initial,
    char **answer)
{
	return ui_prompt_at(ui, question, initial, (size_t)-1, answer);
}

int
ui_prompt_at(struct ui *ui, const char *question, const char *initial,
    size_t at, char **answer)
{
	wchar_t	*buf;
	size_t	 len = 0, pos, first = 0;
	wint_t	 ch;
	int	 rc = OK, done = 0, accepted = 0;

	*answer = NULL;
	buf = xcalloc(UI_PROMPT_MAX + 1, sizeof *buf);
	if (initial != NULL)
		len = ui_utf8_to_wcs(initial, buf, UI_PROMPT_MAX);
	pos = at < len ? at : len;
	/* The screen is already drawn (or a popup is over it): only the
	 * bottom line changes. */
	curs_set(1);
	while (!done) {
		ui_prompt_draw(ui, question, buf, len, pos, &first);
		rc = ui_modal_key(ui, ui_input_window(ui), &ch);
		if (rc == ERR)
			break;
		if (rc == KEY_CODE_YES) {
			switch (ch) {
			case KEY_RESIZE:
				curs_set(1);
				break;
			case KEY_ENTER:
				done = accepted = !ui->too_small;
				break;
			case KEY_BACKSPACE:
				if (pos > 0 && !ui->too_small) {
					wmemmove(buf + pos - 1, buf + pos,
					    len - pos);
					pos--;
					len--;
				}
				break;
			case KEY_DC:
				if (pos < len) {
					wmemmove(buf + pos, buf + pos + 1,
					    len - pos - 1);
					len--;
				}
				break;
			case KEY_LEFT:
				if (pos > 0)
					pos--;
				break;
			case KEY_RIGHT:
				if (pos < len)
					pos++;
				break;
			case KEY_HOME:
				pos = 0;
				break;
			case KEY_END:
				pos = len;
				break;
			default:
				break;
			}
			continue;
		}
		switch (ch) {
		case 27:	/* Esc */
			done = 1;
			break;
		case '\n':
		case '\r':
			done = accepted = !ui->too_small;
			break;
		case 127:
		case 8:		/* Backspace as DEL or C-h */
			if (pos > 0) {
				wmemmove(buf + pos - 1, buf + pos, len - pos);
				pos--;
				len--;
			}
			break;
		case 1:		/* C-a */
			pos = 0;
			break;
		case 5:		/* C-e */
			pos = len;
			break;
		case 2:		/* C-b */
			if (pos > 0)
				pos--;
			break;
		case 6:		/* C-f */
			if (pos < len)
				pos++;
			break;
		case 4:		/* C-d */
			if (pos < len) {
				wmemmove(buf + pos, buf + pos + 1,
				    len - pos - 1);
				len--;
			}
			break;
		case 11:	/* C-k: to the end */
			len = pos;
			break;
		case 21:	/* C-u: to the start */
			wmemmove(buf, buf + pos, len - pos);
			len -= pos;
			pos = 0;
			break;
		default:
			if (!ui->too_small && len < UI_PROMPT_MAX &&
			    ch >= 0x20 && iswprint(ch)) {
				wmemmove(buf + pos + 1, buf + pos, len - pos);
				buf[pos++] = (wchar_t)ch;
				len++;
			}
			break;
		}
	}
	curs_set(0);
	if (!ui->too_small) {
		werase(ui_msgw);
		wnoutrefresh(ui_msgw);
		doupdate();
	}
	if (accepted)
		*answer = ui_wcs_to_utf8(buf, len);
	else if (rc == ERR && ui_signalled) {
		/* Ended by a signal: what was typed may be kept. */
		free(ui_prompt_unfinished);
		ui_prompt_unfinished = ui_wcs_to_utf8(buf, len);
	}
	free(buf);
	return accepted;
}

char *
ui_prompt_take_unfinished(void)
{
	char	*t = ui_prompt_unfinished;

	ui_prompt_unfinished = NULL;
	return t;
}

int
ui_confirm(struct ui *ui, const char *question)
{
	char	*q;
	wint_t	 ch;
	int	 rc, answer = -1;

	q = xasprintf("%s（y/n）", question);
	curs_set(1);
	while (answer < 0) {
		if (!ui->too_small) {
			int w;

			werase(ui_msgw);
			w = ui_put(ui_msgw, 0, 0, q, ui->cols - 2, 0,
			    ui_attrs[UI_ERROR]);
			wmove(ui_msgw, 0, w);
			wnoutrefresh(ui_msgw);
			doupdate();
		}
		rc = ui_modal_key(ui, ui_input_window(ui), &ch);
		if (rc == ERR)
			answer = 0;
		else if (rc == KEY_CODE_YES)
			continue;
		else if (ch == 'y' || ch == 'Y' || ch == L'ｙ' || ch == L'Ｙ')
			answer = !ui->too_small;
		else if (ch == 'n' || ch == 'N' || ch == L'ｎ' || ch == L'Ｎ' ||
		    ch == 27)
			answer = 0;
	}
	curs_set(0);
	free(q);
	return answer;
}

/* Popup geometry for ui_choose. */
struct ui_popup {
	WINDOW	*w;
	int	 h, wd, rows;
};

static void
ui_popup_make(struct ui *ui, struct ui_popup *p, const char *title,
    const char *const *items, int n)
{
	int	i, want = tw_width(title) + 6;

	if (p->w != NULL)
		delwin(p->w);
	p->w = NULL;
	if (ui->too_small)
		return;
	for (i = 0; i < n; i++) {
		int w = tw_width(items[i]) + 4;

		if (w > want)
			want = w;
	}
	if (want < 24)
		want = 24;
	p->wd = want < ui->cols - 4 ? want : ui->cols - 4;
	p->rows = n < ui->lines - 6 ? n : ui->lines - 6;
	p->h = p->rows + 2;
	p->w = newwin(p->h, p->wd, (ui->lines - p->h) / 2,
	    (ui->cols - p->wd) / 2);
	if (p->w != NULL)
		keypad(p->w, TRUE);
}

/* The next item from cur in direction dir containing search (round),
 * or cur with a message. */
static int
ui_choose_find(struct ui *ui, const char *const *items, int n, int cur,
    const char *search, int dir)
{
	int	k, i;

	if (search == NULL || *search == '\0')
		return cur;
	for (k = 1; k <= n; k++) {
		i = ((cur + dir * k) % n + n) % n;
		if (tw_contains(items[i], search))
			return i;
	}
	ui_message(ui, "見つかりません: %s", search);
	ui_draw_message(ui);
	wnoutrefresh(ui_msgw);
	return cur;
}

/* A list's own keys on the bottom line while it is open (the screen's
 * below do not work there). */
static void
ui_choose_hint(struct ui *ui)
{
	if (ui->too_small)
		return;
	werase(ui_msgw);
	ui_put_keys(ui_msgw, 0, 0, "↑↓ j k:選ぶ  Enter:決める  /:検索  n N:次・前"
	    "  Esc:閉じる", ui->cols - 1, 0, ui_attrs[UI_DIM]);
	wnoutrefresh(ui_msgw);
}

int
ui_choose(struct ui *ui, const char *title, const char *const *items, int n,
    int current)
{
	struct ui_popup	 p = { NULL, 0, 0, 0 };
	enum key_action	 act;
	char		*search = NULL;
	wint_t		 ch;
	int		 cur, top = 0, rc, chosen = -2, i;

	if (n <= 0)
		return -1;
	cur = current >= 0 && current < n ? current : 0;
	ui_draw(ui);
	ui_popup_make(ui, &p, title, items, n);
	while (chosen == -2) {
		if (p.w != NULL) {
			if (cur < top)
				top = cur;
			if (cur >= top + p.rows)
				top = cur - p.rows + 1;
			werase(p.w);
			wborder(p.w, '|', '|', '-', '-', '+', '+', '+', '+');
			ui_put(p.w, 0, 2, title, p.wd - 4, 0, ui_attrs[UI_HEADER]);
			for (i = 0; i < p.rows && top + i < n; i++)
				ui_put(p.w, 1 + i, 1, items[top + i], p.wd - 2,
				    1, top + i == cur ? ui_attrs[UI_SELECT] :
				    A_NORMAL);
			if (top > 0)
				ui_put(p.w, 0, p.wd - 2, "^", 1, 0, A_BOLD);
			if (top + p.rows < n)
				ui_put(p.w, p.h - 1, p.wd - 2, "v", 1, 0, A_BOLD);
			wnoutrefresh(p.w);
			ui_choose_hint(ui);
			doupdate();
		}
		rc = ui_modal_key(ui, p.w != NULL ? p.w : stdscr, &ch);
		if (rc == ERR) {
			chosen = -1;
			break;
		}
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			ui_popup_make(ui, &p, title, items, n);
			continue;
		}
		if (rc == OK && ch == 27) {
			chosen = -1;
			break;
		}
		if (ui->too_small)
			continue;
		if (rc == OK && (ch == '\n' || ch == '\r')) {
			chosen = cur;
			break;
		}
		act = keys_lookup(rc == KEY_CODE_YES, ch);
		switch (act) {
		case ACT_SEARCH:
		case ACT_SEARCH_NEXT:
		case ACT_SEARCH_PREV:
			if (act == ACT_SEARCH &&
			    !ui_list_ask_search(ui, &search))
				break;
			cur = ui_choose_find(ui, items, n, cur, search,
			    act == ACT_SEARCH_PREV ? -1 : 1);
			break;
		case ACT_UP:
			if (cur > 0)
				cur--;
			break;
		case ACT_DOWN:
			if (cur < n - 1)
				cur++;
			break;
		case ACT_PAGE_UP:
			cur = cur > p.rows ? cur - p.rows : 0;
			break;
		case ACT_PAGE_DOWN:
			cur = cur + p.rows < n ? cur + p.rows : n - 1;
			break;
		case ACT_TOP:
			cur = 0;
			break;
		case ACT_BOTTOM:
			cur = n - 1;
			break;
		case ACT_OPEN:
			chosen = cur;
			break;
		case ACT_BACK:
		case ACT_QUIT:
			chosen = -1;
			break;
		default:
			break;
		}
	}
	if (p.w != NULL)
		delwin(p.w);
	free(search);
	ui_stdscr_dirty = 1;
	return chosen;
}

/*
 * Whether the terminal's size differs from what curses knows; if so,
 * tells curses (resizeterm). ncurses notices SIGWINCH only when it
 * interrupts the read itself: a resize that lands while the program is
 * busy drawing would otherwise wait for the next key.
 */
static int
ui_size_changed(void)
{
	struct winsize	ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 ||
	    ws.ws_col == 0)
		return 0;
	if (ws.ws_row == LINES && ws.ws_col == COLS)
		return 0;
	resizeterm(ws.ws_row, ws.ws_col);
	return 1;
}

/* Has the terminal hung up (its other end closed)? */
static int
ui_terminal_gone(void)
{
	struct pollfd	p = { STDIN_FILENO, POLLIN, 0 };

	if (poll(&p, 1, 0) < 0)
		return 0;
	return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/*
 * Reads one key from w: OK or KEY_CODE_YES with *ch, KEY_RESIZE for a
 * size change, or ERR once a signal asked the program to end.
 */
static int
ui_read_key(WINDOW *w, wint_t *ch)
{
	int	rc;

	for (;;) {
		wtimeout(w, UI_POLL_MS);
		rc = wget_wch(w, ch);
		/* The terminal is raw: C-c arrives as a key, and is the
		 * interrupt it would have been (what forms hold is kept). */
		if (rc == OK && *ch == 3) {
			ui_signalled = SIGINT;
			return ERR;
		}
		if (rc != ERR)
			return rc;
		if (ui_signalled)
			return ERR;
		if (ui_terminal_gone()) {
			/* No SIGHUP came (we are not the session leader), but the
			 * terminal is gone: end as if it had, instead of spinning
			 * on reads that fail at once. */
			ui_signalled = SIGHUP;
			return ERR;
		}
		if (ui_size_changed()) {
			*ch = KEY_RESIZE;
			return KEY_CODE_YES;
		}
		if (ui_watching && ui_current != NULL &&
		    ui_data_moved(ui_current)) {
			*ch = UI_KEY_CHANGED;
			return KEY_CODE_YES;
		}
	}
}

/*
 * Whether another program committed a change to the database since the
 * last look (SQLite's data_version; the program's own writes leave it).
 * The first look only records the version.
 */
static int
ui_data_moved(struct ui *ui)
{
	long long	v;

	if (ui->store == NULL || (v = store_data_version(ui->store)) < 0)
		return 0;
	if (v == ui_data_version)
		return 0;
	if (ui_data_version < 0) {
		ui_data_version = v;
		return 0;
	}
	ui_data_version = v;
	return 1;
}

/* What is cached of the database goes; the top screen shows what is
 * there now, the others when they come back on top. */
static void
ui_data_changed(struct ui *ui)
{
	struct ui_frame	*f;

	ui_year_fy = 0;
	ui_plan_name_id = -1;
	ui_who_forget();
	for (f = ui->frames; f != NULL; f = f->below)
		f->changed_pending = f->ops->changed != NULL;
	ui_changed_top(ui);
}

/* Tells the top screen of a change it has not seen yet. */
static void
ui_changed_top(struct ui *ui)
{
	struct ui_frame	*top = ui->frames;

	if (top == NULL || !top->changed_pending || ui->too_small)
		return;
	top->changed_pending = 0;
	top->ops->changed(ui, top->state);
}

/* Asks every screen, top first, to keep what it holds unsaved; returns
 * what they said, one line each (malloc'd), or NULL. */
static char *
ui_keep_all(struct ui *ui)
{
	struct ui_frame	*f;
	char		*said = NULL, *line, *t;

	for (f = ui->frames; f != NULL; f = f->below) {
		if (f->ops->keep == NULL ||
		    (line = f->ops->keep(ui, f->state)) == NULL)
			continue;
		t = said == NULL ? line : xasprintf("%s\n%s", said, line);
		if (said != NULL) {
			free(said);
			free(line);
		}
		said = t;
	}
	return said;
}

static void
ui_close_all(struct ui *ui)
{
	while (ui->frames != NULL)
		ui_pop(ui);
	ui_bury(ui);
}

/*
 * Home and End are sent differently by different terminals (xterm \EOH,
 * the Linux console, screen, tmux and PuTTY \E[1~, rxvt \E[7~ …), and
 * TERM often names another terminal than the one in use (SSH from
 * Windows, tmux). Sequences the terminfo entry leaves unbound are taught
 * to curses so the keys work everywhere.
 */
static void
ui_define_keys(void)
{
	static const struct {
		const char	*seq;
		int		 key;
	} seqs[] = {
		{ "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME },
		{ "\033[H", KEY_HOME }, { "\033OH", KEY_HOME },
		{ "\033[4~", KEY_END }, { "\033[8~", KEY_END },
		{ "\033[F", KEY_END }, { "\033OF", KEY_END },
	};
	size_t	i;

	for (i = 0; i < sizeof seqs / sizeof seqs[0]; i++)
		if (key_defined(seqs[i].seq) == 0)
			define_key(seqs[i].seq, seqs[i].key);
}

/*
 * The fiscal year the program opens on: the configured one
 * ([calendar] current_year), else the latest year open for entry, else
 * the one today falls in.
 */
static int
ui_start_year(struct ui *ui)
{
	char	*cause = NULL;
	int	 fy = 0;

	if (ui->config != NULL && ui->config->current_fy > 0)
		return ui->config->current_fy;
	if (ui->store != NULL &&
	    store_year_latest_open(ui->store, &fy, &cause) != 0) {
		free(cause);
		fy = 0;
	}
	return fy > 0 ? fy : ui_today_fy(ui);
}

/* The first screens: the plan list, and over it a user's own work when
 * the config says so or, by default, for clerks and supervisors (Esc
 * there goes to the plan list). */
static void
ui_push_start(struct ui *ui)
{
	enum role	r = ui->session != NULL ? ui->session->role : ROLE_NONE;
	int		start = ui->config != NULL ? ui->config->start_screen :
			    CONFIG_START_AUTO;

	ui_push(ui, &screen_plans_ops, NULL);
	if (ui->frames == NULL)
		return;
	if (start == CONFIG_START_MYWORK || (start == CONFIG_START_AUTO &&
	    (r == ROLE_CLERK || r == ROLE_SUPERVISOR)))
		ui_push(ui, &screen_mywork_ops, NULL);
}

int
ui_run(struct config *c, struct store *st, struct session *s, char **cause)
{
	struct ui	 ui;
	char		*note = NULL, *why = NULL;
	wint_t		 ch;
	int		 rc, status = 0;

	*cause = NULL;

	if (ui_locale_init(&note, cause) != 0)
		return UI_ERR_TERMINAL;
	if (keys_init(c, &why) != 0) {
		if (c != NULL && c->path != NULL) {
			*cause = xasprintf("%s: %s", c->path, why);
			free(why);
		} else
			*cause = why;
		free(note);
		return UI_ERR_KEYS;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*cause = xasprintf("画面を表示できません: 標準%sが端末ではありません"
		    "（コマンドを使うときは shisaku --help で一覧）",
		    !isatty(STDIN_FILENO) ? "入力" : "出力");
		status = UI_ERR_TERMINAL;
		goto fail;
	}
	if (ui_term_check(cause) != 0) {
		status = UI_ERR_TERMINAL;
		goto fail;
	}
	tw_set_ambiguous_wide(c != NULL && c->ambiguous_wide);

	ui_signalled = 0;
	ui_signals_install();
	if (!ui_atexit_set) {
		atexit(ui_restore_terminal);
		util_set_fatal_hook(ui_restore_terminal);
		ui_atexit_set = 1;
	}
	/* newterm, unlike initscr, returns NULL instead of exiting. */
	ui_screen = newterm(NULL, stdout, stdin);
	if (ui_screen == NULL) {
		const char *term = getenv("TERM");

		ui_signals_restore();
		if (term == NULL || term[0] == '\0')
			*cause = xstrdup("画面を表示できません: TERM が設定されて"
			    "いません（例: TERM=xterm-256color）");
		else
			*cause = xasprintf("画面を表示できません: 端末「%s」を"
			    "知りません（TERM を確かめてください。例: "
			    "TERM=xterm-256color）", term);
		status = UI_ERR_TERMINAL;
		goto fail;
	}
	set_term(ui_screen);
	ui_curses_on = 1;
	ui_define_keys();
	/* Raw, not cbreak: the terminal's flow control (C-s, C-q) and its
	 * suspend and quit keys (C-z, C-\\) are plain keys for the whole
	 * session, so that C-s never freezes the screen and no key stops the
	 * program unasked; C-c is read as a key and taken as the interrupt
	 * (ui_read_key). endwin puts the shell's modes back. */
	raw();
	noecho();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	/* A bare Esc leaves forms and screens: it waits this long for the
	 * rest of a key's sequence, which a terminal sends at once (ncurses
	 * waits a second unless told); ESCDELAY in the environment, which
	 * ncurses reads itself, is kept. */
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(25);
	curs_set(0);
	/* stdscr is refreshed once first, or its implicit refresh would
	 * blank the windows drawn over it. */
	refresh();

	memset(&ui, 0, sizeof ui);
	ui.config = c;
	ui.store = st;
	ui.session = s;
	ui.fy_style = c != NULL ? c->fy_style : FY_STYLE_ERA;
	ui.fy = ui_start_year(&ui);
	ui_current = &ui;
	ui_colors_init(&ui);
	ui_layout(&ui);
	if (note != NULL)
		ui_message(&ui, "%s", note);

	ui_push_start(&ui);
	if (ui.frames == NULL) {
		*cause = ui.message != NULL ? ui.message :
		    xstrdup("計画一覧を開けません");
		ui.message = NULL;
		status = UI_ERR_STORE;
		goto out;
	}
	if (s != NULL && s->readonly_why != NULL && ui.message == NULL)
		ui_message(&ui, "読み取り専用で開いています（%s）。見ることは"
		    "できますが、変更はできません", s->readonly_why);
	ui_data_moved(&ui);
	while (!ui.quit && !ui_signalled) {
		/* A change by another program noticed after a key, too. */
		if (ui_data_moved(&ui))
			ui_data_changed(&ui);
		ui_draw(&ui);
		/* Below the minimum size the windows are placeholders:
		 * read from stdscr, which holds the message. */
		ui_watching = 1;
		rc = ui_read_key(ui.too_small ? stdscr : ui.body, &ch);
		ui_watching = 0;
		if (rc == ERR)
			continue;	/* a signal: the loop test ends it */
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			ui_handle_resize(&ui);
			continue;
		}
		if (rc == KEY_CODE_YES && ch == UI_KEY_CHANGED) {
			ui_data_changed(&ui);
			continue;
		}
		ui_dispatch(&ui, rc == KEY_CODE_YES, ch);
	}
	/* Ended by a signal: what forms hold unsaved is kept first. */
	if (ui_signalled)
		*cause = ui_keep_all(&ui);
out:
	ui_close_all(&ui);
	screen_mywork_forget();
	ui_windows_free(&ui);
	ui_restore_terminal();
	delscreen(ui_screen);
	ui_screen = NULL;
	ui_signals_restore();
	ui_current = NULL;
	free(ui.message);
	free(ui.last_refusal);
	free(ui_plan_name);
	ui_plan_name = NULL;
	ui_plan_name_id = -1;
	free(ui_year_deadline);
	ui_year_deadline = NULL;
	free(ui_prompt_unfinished);
	ui_prompt_unfinished = NULL;
	ui_year_fy = 0;
	ui_data_version = -1;
	ui_who_forget();
	ui_cmdline_forget();
	free(note);
	keys_free();
	/* A signal is not a quit: the caller's status says so. */
	if (status == 0 && ui_signalled)
		status = 128 + ui_signalled;
	return status;
fail:
	free(note);
	keys_free();
	return status;
}

/*
 * What the command line (ui-cmdline.c) does through the frame: the
 * frames of the stack, leaving screens above one, the keys' own actions,
 * the year and its display as the keys set them, and a modal read.
 */
void *
ui_frame_state(struct ui *ui, int depth, const struct screen_ops **ops)
{
	struct ui_frame	*f = ui->frames;

	while (f != NULL && depth-- > 0)
		f = f->below;
	if (ops != NULL)
		*ops = f != NULL ? f->ops : NULL;
	return f != NULL ? f->state : NULL;
}

int
ui_pop_frames(struct ui *ui, int n)
{
	struct ui_frame	*f = ui->frames;
	int		 k;

	for (k = 0; k < n && f != NULL; k++, f = f->below)
		if (f->ops->unsaved != NULL && f->ops->unsaved(ui, f->state))
			break;
	if (k < n && f != NULL && !ui_confirm(ui, "保存していない変更があります。"
	    "破棄して移りますか"))
		return 0;
	for (k = 0; k < n && ui->frames != NULL && ui->frames->below != NULL;
	    k++)
		ui_pop(ui);
	return 1;
}

void
ui_act(struct ui *ui, enum key_action act)
{
	struct ui_frame		*top = ui->frames;
	enum ui_key_result	 r;

	if (top == NULL)
		return;
	r = top->ops->key(ui, top->state, act, 0, 0);
	if (r == UI_KEY_CLOSE)
		ui_pop_frame(ui, top);
	else if (r == UI_KEY_UNHANDLED)
		ui_frame_action(ui, act, 0, 0);
}

void
ui_set_year(struct ui *ui, int fy)
{
	char	buf[FY_BUFSZ];

	if (fy < FY_MIN || fy > FY_MAX)
		return;
	ui->fy = fy;
	ui_refresh_top(ui, 0);
	ui_message(ui, "%s を表示します", ui_fy(ui, fy, buf));
}

void
ui_set_style(struct ui *ui, int style)
{
	static const char *const styles[] = { "和暦", "西暦", "和暦と西暦" };
	char	buf[FY_BUFSZ];

	if (style < 0)
		style = ui->fy_style == FY_STYLE_ERA ? FY_STYLE_WESTERN :
		    ui->fy_style == FY_STYLE_WESTERN ? FY_STYLE_BOTH :
		    FY_STYLE_ERA;
	if (style > FY_STYLE_BOTH)
		return;
	ui->fy_style = (enum fy_style)style;
	ui_refresh_top(ui, 0);
	ui_message(ui, "年の表示: %s（%s）", styles[ui->fy_style],
	    ui_fy(ui, ui->fy, buf));
}

int
ui_read_modal(struct ui *ui, WINDOW *w, wint_t *ch)
{
	return ui_modal_key(ui, w, ch);
}

/*
 * C-s is the save key, but a terminal with flow control (IXON, on by
 * default) takes it as "stop output" and the screen freezes. Flow control
 * is turned off while a form is open and put back after (curses
 * puts the shell's modes back at exit in any case).
 */
static int		ui_ixon_users;
static int		ui_ixon_was_on;

void
ui_flow_control_off(void)
{
	struct termios	t;

	if (ui_ixon_users++ > 0 || tcgetattr(STDIN_FILENO, &t) != 0)
		return;
	ui_ixon_was_on = (t.c_iflag & IXON) != 0;
	if (ui_ixon_was_on) {
		t.c_iflag &= ~(tcflag_t)IXON;
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
		/* curses puts its saved modes back when continued after C-z:
		 * they must be these, or C-s would freeze the screen again. */
		if (ui_curses_on)
			def_prog_mode();
	}
}

void
ui_flow_control_restore(void)
{
	struct termios	t;

	if (ui_ixon_users == 0 || --ui_ixon_users > 0)
		return;
	if (ui_ixon_was_on && tcgetattr(STDIN_FILENO, &t) == 0) {
		t.c_iflag |= IXON;
		tcsetattr(STDIN_FILENO, TCSANOW, &t);
		if (ui_curses_on)
			def_prog_mode();
	}
}
