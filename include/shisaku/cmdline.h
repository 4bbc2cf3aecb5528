/*
 * The command line (:) of the terminal interface, as text: its commands
 * (one table, which help and the man page follow), parsing a line into
 * what to do, completing the word being typed, and the history of the
 * session's lines. No curses, no SQL: ui-cmdline.c reads the line and
 * does what it says.
 *
 * A line is a command word and its argument (":plan yuki-ap", ":year R7",
 * ":search 電子申請"), or anything else, which is a node's code in the
 * current plan (":6-2-1-1", ":No.19", ":Ⅱ"). A leading ':' (or '：') and
 * blanks around are ignored; command words are matched folded
 * (textfold.h: ＰＬＡＮ is plan), and each has a Japanese name too
 * (":年度 令和7").
 */
#ifndef SHISAKU_CMDLINE_H
#define SHISAKU_CMDLINE_H

#include <stddef.h>

#include "shisaku/keys.h"

enum cmdline_kind {
	CMDLINE_NONE,		/* an empty line: nothing to do */
	CMDLINE_CODE,		/* a node's code (arg) in the current plan */
	CMDLINE_PLAN,		/* open a plan by its code (arg) */
	CMDLINE_YEAR,		/* choose the fiscal year fy */
	CMDLINE_ERA,		/* the year display: style, or -1 for the next */
	CMDLINE_SEARCH,		/* search for arg, as / does */
	CMDLINE_KEY		/* what the key bound to act does */
};

/* What a command takes after its word. */
enum cmdline_arg {
	CMDLINE_ARG_NONE,
	CMDLINE_ARG_PLAN,	/* a plan's code (completed) */
	CMDLINE_ARG_YEAR,	/* a fiscal year in any form fy_parse reads */
	CMDLINE_ARG_STYLE,	/* era, western, both (optional) */
	CMDLINE_ARG_TEXT	/* any text */
};

struct cmdline_command {
	const char	*name;		/* "plan" */
	const char	*alias;		/* "計画" */
	enum cmdline_kind kind;
	enum key_action	 act;		/* CMDLINE_KEY: the key's action */
	enum cmdline_arg arg;
	int		 arg_required;
	const char	*usage;		/* ":plan コード"; NULL: an abbreviation
					   help lists under its command */
	const char	*help;		/* "計画を開く（施策体系）" */
};

/* The commands in the order help lists them. */
const struct cmdline_command *cmdline_commands(size_t *n);

/* A parsed line. */
struct cmdline_cmd {
	enum cmdline_kind kind;
	const struct cmdline_command *command;	/* NULL for NONE and CODE */
	enum key_action	 act;
	char		*arg;		/* malloc'd, blanks trimmed; "" */
	int		 fy;		/* CMDLINE_YEAR */
	int		 style;		/* CMDLINE_ERA: enum fy_style, -1 */
};

/*
 * Parses a line as typed. Returns 0 with *out (free with
 * cmdline_cmd_free), or -1 with *cause (malloc'd): a command whose
 * argument is missing or cannot be read ("年度が読めません …"), an
 * argument given to a command that takes none, or a first word of
 * letters followed by more that is no command ("不明なコマンドです").
 */
int cmdline_parse(const char *line, struct cmdline_cmd *out, char **cause);
void cmdline_cmd_free(struct cmdline_cmd *c);

/* The candidates for the word being typed at the end of a line. */
struct cmdline_completion {
	char		*base;		/* the line before that word */
	char		**words;	/* whole candidates, in order */
	size_t		 n;
	char		*common;	/* their longest common beginning */
	int		 takes_arg;	/* the one command completed takes an
					   argument: a blank goes after it */
};

/*
 * Completes the last word of line: the command word (names, and the
 * Japanese names when the word typed is not ASCII), a plan's code after
 * "plan", a style after "era". plans are the plans' codes. Always
 * returns a completion (n 0 when nothing fits); free it.
 */
void cmdline_complete(const char *line, const char *const *plans,
    size_t nplans, struct cmdline_completion *out);
void cmdline_completion_free(struct cmdline_completion *c);

/*
 * The lines entered in the session, oldest first, and a place in them
 * for Up and Down; the line being typed is kept while walking.
 */
#define CMDLINE_HISTORY_MAX 100
struct cmdline_history {
	char		**lines;
	size_t		 n;
	size_t		 at;		/* n: the line being typed */
	char		*draft;		/* the line being typed, kept */
};

/* Adds a line (not an empty one, nor the same as the last one) and
 * goes back to the end. */
void cmdline_history_add(struct cmdline_history *h, const char *line);
/* Back to the end before a new line is typed. */
void cmdline_history_reset(struct cmdline_history *h);
/* The line before (Up): current is what is typed now. NULL at the
 * oldest. The result is borrowed until the history changes. */
const char *cmdline_history_prev(struct cmdline_history *h,
    const char *current);
/* The line after (Down), the kept draft past the newest; NULL when
 * already there. */
const char *cmdline_history_next(struct cmdline_history *h);
void cmdline_history_free(struct cmdline_history *h);

#endif
