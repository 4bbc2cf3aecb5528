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
	char		*cause = NULL, *path, *use;
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

	memset(&ctx, 0, sizeof ctx);
	if ((ctx.cfg = config_load(config_path, &cause)) == NULL) {
		cmd_error("%s", cause);
		free(cause);
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
		config_take_access(ctx.cfg, sys);
		config_free(sys);
	}
	if (db_path != NULL)
		path = xstrdup(db_path);
	else if (priv_secure() && ctx.cfg->db_path[0] != '/')
		path = xasprintf("%s/%s", priv_data_dir(), ctx.cfg->db_path);
	else
		path = xstrdup(ctx.cfg->db_path);
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
	free(use);
	return status;
}
