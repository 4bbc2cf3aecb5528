/*
 * shisaku user add|list|set|remove: the users table. Only a planner may
 * change it; roles are never taken from the environment.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/cmd.h"
#include "shisaku/session.h"
#include "shisaku/store-user.h"
#include "shisaku/util.h"

static int
user_list(struct store *st)
{
	struct store_user	*u;
	size_t			 n, i;
	char			*cause = NULL;

	if (store_user_list(st, &u, &n, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		return cmd_store_status(st);
	}
	/* A user filed under an abolished department is marked at the end
	 * of the line, so the columns before stay as they are. */
	for (i = 0; i < n; i++)
		printf("%s\t%s\t%s\t%s%s\n", u[i].login, role_name(u[i].role),
		    u[i].dept_code, u[i].name, u[i].dept_abolished_after != 0 ?
		    "\t（廃止された部署: 所属の変更が必要）" : "");
	store_user_list_free(u, n);
	return EXIT_OK;
}

static int
user_put(struct store *st, int argc, char **argv, int update)
{
	static const struct option longopts[] = {
		{ "role", required_argument, NULL, 'r' },
		{ "dept", required_argument, NULL, 'd' },
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*role_s = NULL, *dept = NULL, *name = NULL, *code, *dname;
	struct store_user *u = NULL;
	size_t		 n = 0, i;
	char		*cause = NULL;
	int		 ch, role;

	optind = 0;	/* 0 re-initialises getopt after main's "+" parsing */
	while ((ch = getopt_long(argc, argv, "r:d:n:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r':
			role_s = optarg;
			break;
		case 'd':
			dept = optarg;
			break;
		case 'n':
			name = optarg;
			break;
		default:
			return cmd_usage(&cmd_user_entry);
		}
	}
	if (optind + 1 != argc || role_s == NULL)
		return cmd_usage(&cmd_user_entry);
	if ((role = role_parse(role_s)) < 0) {
		cmd_error("役割「%s」は clerk, supervisor, planner のいずれかです", role_s);
		return EXIT_USAGE;
	}
	if (store_user_put(st, argv[optind], name, (enum role)role, dept, update,
	    &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		return EXIT_INPUT;
	}
	cmd_note_dept_code(st, dept, 0);
	/* What was filed, with the department by its code as resolved
	 * from what was typed (a name unique to one department), and its
	 * name when the code does not say it (kosodate). */
	code = dname = "";
	if (store_user_list(st, &u, &n, NULL) == 0)
		for (i = 0; i < n; i++)
			if (strcmp(u[i].login, argv[optind]) == 0) {
				code = u[i].dept_code;
				dname = u[i].dept_name != NULL ?
				    u[i].dept_name : "";
			}
	if (util_name_loosely(dname, code))	/* 結城市/総務課 says it */
		dname = "";
	printf("%s: %s%s%s%s%s%s\n", argv[optind], role_label((enum role)role),
	    *code ? "（" : "", code, *dname ? " " : "", dname,
	    *code ? "）" : "");
	store_user_list_free(u, n);
	return EXIT_OK;
}

static int
cmd_user_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store	*st;
	char		*cause = NULL;
	int		 status;

	if (argc < 2)
		return cmd_usage(&cmd_user_entry);
	if ((st = cmd_open_store(ctx, STORE_OPEN_EXISTING, &status)) == NULL)
		return status;
	if ((status = cmd_require_planner(st, "利用者の管理")) != EXIT_OK)
		goto out;
	if (strcmp(argv[1], "list") == 0 && argc == 2)
		status = user_list(st);
	else if (strcmp(argv[1], "add") == 0)
		status = user_put(st, argc - 1, argv + 1, 0);
	else if (strcmp(argv[1], "set") == 0)
		status = user_put(st, argc - 1, argv + 1, 1);
	else if (strcmp(argv[1], "remove") == 0 && argc == 3) {
		if (store_user_remove(st, argv[2], &cause) != 0) {
			cmd_error("%s", cause);
			free(cause);
			status = EXIT_INPUT;
		} else
			printf("%s を削除しました\n", argv[2]);
	} else
		status = cmd_usage(&cmd_user_entry);
out:
	store_close(st);
	return status;
}

const struct cmd_entry cmd_user_entry = {
	"user", "add LOGIN --role ROLE [--dept DEPT] [--name NAME] | "
	"set LOGIN --role ROLE [--dept DEPT] [--name NAME] | list | remove LOGIN",
	"利用者と役割の管理（企画担当のみ）", cmd_user_exec
};
