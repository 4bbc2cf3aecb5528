/*
 * shisaku: the command line. Reads the global options and the
 * configuration, then runs a subcommand from the table below or, with no
 * subcommand, the terminal interface on the database.
 */
#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/cmd.h"
#include "shisaku/config.h"
#include "shisaku/privilege.h"
#include "shisaku/session.h"
#include "shisaku/store-user.h"
#include "shisaku/store.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"

#include "paths.h"

static const struct cmd_entry *const commands[] = {
	&cmd_init_entry,
	&cmd_import_entry,
	&cmd_export_entry,
	&cmd_report_entry,
	&cmd_plans_entry,
	&cmd_check_entry,
	&cmd_backup_entry,
	&cmd_user_entry,
	&cmd_year_entry,
	&cmd_dept_entry,
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void
usage(FILE *f)
{
	size_t	i;

	fprintf(f,
	    "使い方: shisaku [-c FILE] [-d DB] [COMMAND [ARGS]]\n"
	    "\n"
	    "市町村の計画（施策・取組・指標・年度実績）を端末で管理します。\n"
	    "COMMAND を省くと、データベースを画面で開きます。\n"
	    "\n"
	    "オプション:\n"
	    "  -c FILE      設定ファイル（既定: $SHISAKU_CONFIG,\n"
	    "               $XDG_CONFIG_HOME/shisaku/shisaku.ini,\n"
	    "               " SHISAKU_SYSCONFDIR "/shisaku/shisaku.ini）\n"
	    "  -d DB        データベースファイル（既定: 設定の [database] path）\n"
	    "  -h, --help   この説明\n"
	    "  -V, --version 版\n"
	    "\n"
	    "コマンド:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-8s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(f, "\n詳しくは man shisaku、man shisaku-plan、man shisaku.ini。\n");
}

/*
 * Secure group mode: writes a refusal (what) to the history of the
 * database the system configuration names, opened with the group for
 * this row alone, for a user who tried to reach it around the program.
 * Best effort; the caller refuses the same either way and ends.
 */
static void
secure_log_refusal(const char *what)
{
	struct config	*sys;
	struct store	*st;
	char		*cause = NULL, *path, *use, *login;

	if (!priv_held() || (sys = config_load_system(&cause)) == NULL) {
		free(cause);
		return;
	}
	path = sys->db_path[0] != '/' ?
	    xasprintf("%s/%s", priv_data_dir(), sys->db_path) :
	    xstrdup(sys->db_path);
	priv_database_path(path, &use);
	free(path);
	if ((login = session_os_login(&cause)) != NULL &&
	    (st = store_open(use, STORE_OPEN_EXISTING, sys->busy_timeout_ms,
	    &cause)) != NULL) {
		if (store_user_log_refusal(st, login, 0, 0, 0, what, &cause) < 0)
			free(cause);
		store_close(st);
	} else
		free(cause);
	free(login);
	free(use);
	config_free(sys);
}

/* Secure group mode: a configuration file named by -c or SHISAKU_CONFIG
 * that could not be read is logged as a refusal when it lies in the data
 * directory (the database read as a configuration). */
static void
secure_config_refused(const char *config_path)
{
	const char	*name = config_path != NULL ? config_path :
			    getenv("SHISAKU_CONFIG");
	char		*what;

	if (!priv_held() || name == NULL || name[0] == '\0' ||
	    !priv_leads_into_data(name))
		return;
	what = xasprintf("%s%s: データディレクトリの中のファイルを設定として読もうと"
	    "しました", config_path != NULL ? "shisaku -c " : "SHISAKU_CONFIG=",
	    name);
	secure_log_refusal(what);
	free(what);
}

/* Builds the session from the OS login and the users table. */
static int
make_session(struct store *st, struct session *s)
{
	char	*cause = NULL;

	memset(s, 0, sizeof *s);
	if ((s->login = session_os_login(&cause)) == NULL) {
		cmd_error("%s", cause);
		free(cause);
		return EXIT_DENIED;
	}
	if (store_user_session(st, s, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		return cmd_store_status(st);
	}
	/* A login that is not a user was turned away by cmd_open_store
	 * when [access] unknown_user is refuse. */
	return EXIT_OK;
}

static int
run_tui(struct cmd_ctx *ctx)
{
	struct store	*st;
	struct session	 s;
	char		*cause = NULL;
	int		 status;

	ctx->command = "";
	/* A database the user cannot write is shown read-only. */
	if ((st = cmd_open_store(ctx, STORE_OPEN_BROWSE, &status)) == NULL)
		return status;
	/* What a filter of the tree reads whole stays from key to key. */
	store_set_cache_mib(st, ctx->cfg->cache_mib);
	status = make_session(st, &s);
	if (status == EXIT_OK && store_readonly_why(st, 0) != NULL)
		s.readonly_why = xstrdup(store_readonly_why(st, 0));
	if (status == EXIT_OK) {
		status = ui_run(ctx->cfg, st, &s, &cause);
		if (status > 0 && cause != NULL) {
			/* Ended by a signal: what was kept of the input. */
			cmd_error("%s", cause);
			free(cause);
		} else if (status < 0) {
			cmd_error("%s", cause);
			free(cause);
			status = status == UI_ERR_TERMINAL ? EXIT_TERMINAL :
			    status == UI_ERR_KEYS ? EXIT_CONFIG :
			    status == UI_ERR_STORE ? cmd_store_status(st) :
			    EXIT_INTERNAL;
		}
	}
	session_clear(&s);
	store_close(st);
	return status;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*config_path = NULL, *db_path = NULL;
	struct cmd_ctx	 ctx;
	struct config	*sys;
	char		*cause = NULL, *path, *use, *differs;
	size_t		 i;
	int		 ch, status;

	/* Before anything is opened: installed setgid, the group is kept
	 * for the database alone (privilege.h). */
	if (priv_init(&cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		return EXIT_ACCESS;
	}
	/* Everything shisaku reads and writes is UTF-8 (files, the database,
	 * messages). Where the user's locale is missing or not UTF-8 (a login
	 * shell with no LANG), characters are still measured and converted as
	 * UTF-8, or a text report would print "?" for every kanji. The TUI
	 * checks again and says so on screen. */
	if (setlocale(LC_ALL, "") == NULL ||
	    strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		(void)setlocale(LC_CTYPE, "C.UTF-8");
	while ((ch = getopt_long(argc, argv, "+c:d:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			config_path = optarg;
			break;
		case 'd':
			db_path = optarg;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case 'V':
			printf("shisaku %s\n", SHISAKU_VERSION);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	argc -= optind;
	argv += optind;
	if ((db_path != NULL && (db_path[0] == '\0' ||
	    util_has_control(db_path))) || (config_path != NULL &&
	    (config_path[0] == '\0' || util_has_control(config_path)))) {
		cmd_error("%s: ファイルの名前が空か、改行などの制御文字があります",
		    db_path != NULL && (db_path[0] == '\0' ||
		    util_has_control(db_path)) ? "-d" : "-c");
		return EXIT_USAGE;
	}

	memset(&ctx, 0, sizeof ctx);
	if ((ctx.cfg = config_load(config_path, &cause)) == NULL) {
		cmd_error("%s", cause);
		free(cause);
		secure_config_refused(config_path);
		return EXIT_CONFIG;
	}
	if (priv_secure()) {
		/* Who may reach the database is the system's to say: the
		 * user's own files do not decide it. */
		if ((sys = config_load_system(&cause)) == NULL) {
			cmd_error("%s", cause);
			free(cause);
			config_free(ctx.cfg);
			return EXIT_CONFIG;
		}
		if ((differs = config_access_differs(ctx.cfg, sys)) != NULL) {
			cmd_error("注意: %s の %s は使いません（setgid の shisaku では、"
			    "データベースに誰が届くかはシステムの設定 %s だけが決めます）",
			    ctx.cfg->path != NULL ? ctx.cfg->path : "設定",
			    differs, sys->path != NULL ? sys->path :
			    SHISAKU_SYSCONFDIR "/shisaku/shisaku.ini");
			ctx.refusal = xasprintf("利用者の設定 %s の %s は使えません"
			    "（setgid: システムの設定だけが決めます）",
			    ctx.cfg->path != NULL ? ctx.cfg->path : "", differs);
			free(differs);
		}
		config_take_access(ctx.cfg, sys);
		config_free(sys);
	}
	if (db_path != NULL)
		path = xstrdup(db_path);
	else if (priv_secure() && ctx.cfg->db_path[0] != '/')
		path = xasprintf("%s/%s", priv_data_dir(), ctx.cfg->db_path);
	else
		path = xstrdup(ctx.cfg->db_path);
	/* A link from elsewhere to the data directory would be opened
	 * without the group, and fail for want of it: say why, and log it. */
	if (db_path != NULL && priv_held() && !priv_path_inside(db_path) &&
	    priv_leads_into_data(db_path)) {
		cmd_error("-d %s: データディレクトリ（%s）の中を指すリンクからは"
		    "開けません。-d を省くか、データディレクトリの中のパスを"
		    "書いてください", db_path, priv_data_dir());
		use = xasprintf("shisaku -d %s: データディレクトリの中を指すリンク"
		    "から開こうとしました", db_path);
		secure_log_refusal(use);
		free(use);
		free(path);
		free(ctx.refusal);
		config_free(ctx.cfg);
		return EXIT_ACCESS;
	}
	/* A database outside the data directory is opened without the
	 * group, which the program then gives up for good. */
	priv_database_path(path, &use);
	free(path);
	ctx.db_path = use;

	if (argc == 0)
		status = run_tui(&ctx);
	else {
		status = -1;
		for (i = 0; i < NCOMMANDS; i++)
			if (strcmp(argv[0], commands[i]->name) == 0) {
				ctx.command = commands[i]->name;
				status = commands[i]->exec(&ctx, argc, argv);
				break;
			}
		if (status == -1) {
			cmd_error("不明なコマンド「%s」です（shisaku --help で一覧）",
			    argv[0]);
			status = EXIT_USAGE;
		}
	}
	config_free(ctx.cfg);
	free(ctx.refusal);
	free(use);
	return status;
}
