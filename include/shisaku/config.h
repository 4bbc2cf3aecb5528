/*
 * Configuration: one INI file read with iniparser. The shipped
 * config/shisaku.ini is compiled in and read first by the same code, then
 * the user's file overrides it. No curses, no SQL.
 */
#ifndef SHISAKU_CONFIG_H
#define SHISAKU_CONFIG_H

#include "shisaku/fy.h"

#define CONFIG_MAX_GRADES 10
#define CONFIG_MAX_KEYS 96

struct config_grade {
	char	*key;		/* "A" */
	char	*label;		/* "達成" */
};

struct config_keybinding {
	char	*action;	/* "down" */
	char	*keys;		/* "j Down" as written in [keys] */
};

enum config_unknown_user { UNKNOWN_USER_READONLY, UNKNOWN_USER_REFUSE };
/* The first screen: auto = my work for clerks and supervisors, the plan
 * list for the others. */
enum config_start { CONFIG_START_AUTO, CONFIG_START_PLANS, CONFIG_START_MYWORK };
enum config_encoding { ENC_UTF8, ENC_UTF8_BOM, ENC_CP932 };

struct config {
	char			*path;		/* file read, NULL = defaults only */
	/* [database] */
	char			*db_path;	/* default "shisaku.db" */
	int			 busy_timeout_ms;	/* default 5000 */
	int			 file_mode;	/* new database files, default 0660 */
	int			 cache_mib;	/* the interface's page cache, MiB,
						   default 16 */
	/* [calendar] */
	int			 fy_start_month;	/* 1..12, default 4 */
	enum fy_style		 fy_style;		/* default era */
	int			 current_fy;	/* 0 = from today's date */
	/* [display] */
	int			 color;		/* 1 = use colours if the terminal has them */
	int			 ambiguous_wide;	/* 1 = ambiguous symbols are 2 columns */
	int			 ascii_symbols;	/* 1 = draw ★◆ as * + */
	int			 bars_blocks;	/* bars: 1 = block elements, 0 = ASCII */
	int			 start_screen;	/* enum config_start */
	char			*color_title, *color_select, *color_status, *color_error;
	/* [evaluation] */
	int			 ngrades;
	struct config_grade	 grades[CONFIG_MAX_GRADES];
	/* [access] */
	enum config_unknown_user unknown_user;
	/* [export] */
	enum config_encoding	 encoding;
	int			 crlf;
	/* [import] */
	int			 import_max_mib;	/* largest file read, MiB */
	/* [keys] */
	int			 nkeys;
	struct config_keybinding keys[CONFIG_MAX_KEYS];
};

/*
 * Loads the configuration. explicit_path is -c FILE (or NULL). Lookup
 * order: explicit_path, $SHISAKU_CONFIG, $XDG_CONFIG_HOME/shisaku/
 * shisaku.ini (or ~/.config/...), /etc/shisaku/shisaku.ini; with none,
 * the built-in defaults. A named file that is missing is an error (for
 * -c and $SHISAKU_CONFIG); the others are skipped when absent.
 * Returns a new config, or NULL with *cause ("FILE: [section] key = value:
 * what is wrong") set; nothing half-read is ever returned.
 */
struct config *config_load(const char *explicit_path, char **cause);
/*
 * The system configuration alone: the defaults and SYSCONFDIR/shisaku/
 * shisaku.ini if it exists, never the user's files. NULL with *cause as
 * config_load.
 */
struct config *config_load_system(char **cause);
/*
 * Secure group mode: the settings that decide who reaches the database
 * ([database] path and file_mode, [access] unknown_user) are taken from
 * the system configuration sys, whatever the user's file said.
 */
void config_take_access(struct config *c, const struct config *sys);
/* What c says about those settings where it differs from sys, as
 * "[database] path = x、[access] unknown_user = readonly" (malloc'd), or
 * NULL when it agrees. */
char *config_access_differs(const struct config *c, const struct config *sys);
/* The defaults with INI text applied as if read from a file called name
 * (for tests and fuzzing); NULL with *cause as config_load. */
struct config *config_load_text(const char *name, const char *text,
    size_t len, char **cause);
void config_free(struct config *c);

/* The current fiscal year: [calendar] current_year, else the one
 * today's date falls in. */
int config_current_fy(const struct config *c);

/* The label of a grade key, or NULL if the key is not on the scale. */
const char *config_grade_label(const struct config *c, const char *key);

/*
 * The key of the scale that text typed by hand stands for: the key
 * itself, or the one key that is the same text folded as textfold.h
 * folds it (full-width ＡＢＣ, ａｂｃ as A B C; "Ａ" is "A"). NULL when
 * no key, or more than one, is.
 */
const char *config_grade_key(const struct config *c, const char *text);

/* The keys bound to an action, or NULL. */
const char *config_keys_for(const struct config *c, const char *action);

#endif
