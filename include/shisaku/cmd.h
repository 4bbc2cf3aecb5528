/*
 * Subcommands: each is a descriptor (name, usage, summary, exec) in its
 * own cmd-*.c file, listed in the table of main.c. Commands print to
 * stdout and report errors on stderr; they return an exit status.
 */
#ifndef SHISAKU_CMD_H
#define SHISAKU_CMD_H

#include <stddef.h>

#include "shisaku/outfile.h"
#include "shisaku/store.h"

struct config;

/* Exit statuses, documented in shisaku(1). */
enum {
	EXIT_OK = 0,
	EXIT_INPUT = 1,		/* bad input: a file with errors, a refused value */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_DATABASE = 3,	/* the database is missing, cannot be opened for
				   another reason below, or check found problems */
	EXIT_CONFIG = 4,	/* the configuration is bad */
	EXIT_DENIED = 5,	/* refused: unknown user or the role does not allow it */
	EXIT_BUSY = 6,		/* the database stayed locked past the timeout */
	EXIT_ACCESS = 7,	/* permission denied (a file or a directory) */
	EXIT_FULL = 8,		/* the disk is full */
	EXIT_DAMAGED = 9,	/* the database is damaged or truncated */
	EXIT_NOTDB = 10,	/* not an SQLite file, or not shisaku's */
	EXIT_NEWER = 11,	/* made by a newer shisaku (newer schema) */
	EXIT_TERMINAL = 12,	/* the interface needs a terminal it can use */
	EXIT_INTERNAL = 70	/* out of memory */
};

struct cmd_ctx {
	struct config	*cfg;
	const char	*db_path;	/* -d, else the config's */
	const char	*command;	/* the subcommand's name, "" for the TUI */
	/* Secure group mode: a refusal to write to the history once the
	 * database is open (the user's own configuration tried to decide
	 * who reaches it), or NULL. */
	char		*refusal;
};

struct cmd_entry {
	const char	*name;
	const char	*usage;		/* after "shisaku [-c FILE] [-d DB] " */
	const char	*summary;	/* one line, Japanese */
	int		(*exec)(struct cmd_ctx *ctx, int argc, char **argv);
};

extern const struct cmd_entry cmd_init_entry;
extern const struct cmd_entry cmd_import_entry;
extern const struct cmd_entry cmd_export_entry;
extern const struct cmd_entry cmd_report_entry;
extern const struct cmd_entry cmd_plans_entry;
extern const struct cmd_entry cmd_check_entry;
extern const struct cmd_entry cmd_backup_entry;
extern const struct cmd_entry cmd_user_entry;
extern const struct cmd_entry cmd_year_entry;
extern const struct cmd_entry cmd_dept_entry;

/* "shisaku: message" on stderr. */
void cmd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints the command's usage on stderr and returns EXIT_USAGE. */
int cmd_usage(const struct cmd_entry *e);
/* Prints the command's usage, summary and options (lines, may be NULL)
 * on stdout for --help and returns EXIT_OK. */
int cmd_help(const struct cmd_entry *e, const char *options);

/*
 * Opens the database for a command; on failure reports and returns NULL
 * with *status set to the exit status of the cause. Except for
 * STORE_OPEN_CREATE it also turns away a login that is not a user when
 * [access] unknown_user is refuse (EXIT_DENIED), and writes the refusal
 * to the history.
 */
struct store *cmd_open_store(struct cmd_ctx *ctx, enum store_open_mode mode,
    int *status);

/* Ends an output written as it is made (outfile_stream_open) and keeps
 * it; says what went wrong (the exit status of cmd_outfile_status), or
 * how many characters CP932 lacks were replaced. Returns the status. */
int cmd_stream_end(struct outfile_stream *os, int geta);
/* The exit status for an output that could not be written (outfile.h):
 * 2 for a bad or existing name, 7 for permission, 8 for a full disk. */
int cmd_outfile_status(enum outfile_fault fault);
/* The exit status for a store fault (EXIT_DATABASE for none known). */
int cmd_fault_status(enum store_fault fault);
/* The exit status for the last failure of a write on st. */
int cmd_store_status(struct store *st);

/* Returns EXIT_OK if the OS login is a planner, else reports that `what`
 * needs a planner, writes the refusal to the history and returns
 * EXIT_DENIED. */
int cmd_require_planner(struct store *st, const char *what);

/* Writes a refusal of what to the history for login (best effort: a
 * failure is reported as a note on stderr). */
void cmd_log_refusal(struct store *st, const char *login, const char *what);

/* Says on stderr when the department typed as text (id, or 0: resolved
 * here) was taken as a code while other departments bear it as their
 * name (生活環境課, one city's code and another's name), naming them. */
void cmd_note_dept_code(struct store *st, const char *text, long long id);

#endif
