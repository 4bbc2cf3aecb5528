/*
 * shisaku init: creates a database with the current schema and makes the
 * login that ran it the first planner.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "shisaku/cmd.h"
#include "shisaku/config.h"
#include "shisaku/session.h"
#include "shisaku/store-user.h"

static int
cmd_init_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store	*st;
	struct stat	 sb;
	char		*login, *cause = NULL;
	int		 status;

	(void)argv;
	if (argc != 1)
		return cmd_usage(&cmd_init_entry);
	if (stat(ctx->db_path, &sb) == 0) {
		cmd_error("%s: 既にあります。既存のデータベースは初期化しません",
		    ctx->db_path);
		return EXIT_DATABASE;
	}
	if ((login = session_os_login(&cause)) == NULL) {
		cmd_error("%s", cause);
		free(cause);
		return EXIT_INTERNAL;
	}
	if ((st = cmd_open_store(ctx, STORE_OPEN_CREATE, &status)) == NULL) {
		free(login);
		return status;
	}
	status = EXIT_OK;
	if (store_user_put(st, login, "", ROLE_PLANNER, NULL, 0, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		status = EXIT_DATABASE;
	} else
		printf("%s を作成しました（スキーマ %d）。%s を企画担当として登録しました。\n",
		    ctx->db_path, store_schema_version(), login);
	store_close(st);
	free(login);
	return status;
}

const struct cmd_entry cmd_init_entry = {
	"init", "", "データベースを作成する（実行した利用者が企画担当になる）",
	cmd_init_exec
};
