/*
 * shisaku init: creates a database with the current schema and makes the
 * login that ran it the first planner. The database is made whole in a
 * temporary file beside the destination and only then given its name, so
 * a killed init leaves no file or a complete one, never a database
 * without a planner.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>

#include "shisaku/cmd.h"
#include "shisaku/config.h"
#include "shisaku/outfile.h"
#include "shisaku/privilege.h"
#include "shisaku/session.h"
#include "shisaku/store-user.h"
#include "shisaku/util.h"

/* The name of a journal of path (SQLite's -wal or -journal beside it)
 * that is there, or NULL. */
static char *
cmd_init_leftover(const char *path)
{
	static const char *const suffix[] = { "-wal", "-journal" };
	struct stat	 sb;
	char		*name;
	size_t		 i;

	for (i = 0; i < sizeof suffix / sizeof suffix[0]; i++) {
		name = xasprintf("%s%s", path, suffix[i]);
		if (lstat(name, &sb) == 0)
			return name;
		free(name);
	}
	return NULL;
}

static int
cmd_init_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store		*st;
	struct stat		 sb;
	char			*login, *tmp = NULL, *cause = NULL, *target;
	int			 status;
	enum store_fault	 fault = STORE_FAULT_NONE;
	enum outfile_fault	 ofault = OUTFILE_OK;

	(void)argv;
	if (argc != 1)
		return cmd_usage(&cmd_init_entry);
	if ((target = outfile_companion_of(ctx->db_path)) != NULL) {
		cmd_error("%s: データベース %s の隣に SQLite が置く作業ファイルの"
		    "名前です。別の名前を指定してください", ctx->db_path, target);
		free(target);
		return EXIT_USAGE;
	}
	if (lstat(ctx->db_path, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		cmd_error("%s: %s。データベースを作るファイルの名前を指定して"
		    "ください", ctx->db_path, stat(ctx->db_path, &sb) != 0 &&
		    errno == ELOOP ? "シンボリックリンクが循環しています" :
		    "シンボリックリンクです");
		return EXIT_USAGE;
	}
	/* A name nothing has yet, or an empty file (0 bytes) to take over;
	 * never a directory, a device or a FIFO. */
	if (outfile_check(ctx->db_path, 0, &target, &cause, &ofault) != 0) {
		if (ofault == OUTFILE_EXISTS && lstat(ctx->db_path, &sb) == 0 &&
		    S_ISREG(sb.st_mode) && sb.st_size == 0) {
			free(cause);
			cause = NULL;
		} else if (ofault == OUTFILE_EXISTS) {
			free(cause);
			cmd_error("%s: 既にあります。既存のデータベースは初期化しません",
			    ctx->db_path);
			return EXIT_DATABASE;
		} else {
			cmd_error("%s", cause);
			free(cause);
			return cmd_outfile_status(ofault);
		}
	} else
		free(target);
	/* A journal left by another database of that name would be played
	 * into the new one the first time it is opened. */
	if ((target = cmd_init_leftover(ctx->db_path)) != NULL) {
		cmd_error("%s: 前のデータベースの作業ファイル %s が残っています。"
		    "前のデータベースを使っているプログラムをすべて終了し、"
		    "%s を削除してから作り直してください（そのままでは新しい"
		    "データベースが壊れます）", ctx->db_path, target, target);
		free(target);
		return EXIT_DATABASE;
	}
	if ((login = session_os_login(&cause)) == NULL) {
		cmd_error("%s", cause);
		free(cause);
		return EXIT_DENIED;
	}
	/* Made with the user's own ids; in the data directory of secure
	 * group mode the group must read and write it whatever the umask. */
	if (outfile_temp_new(ctx->db_path, ctx->cfg->file_mode, priv_held(),
	    &tmp, &cause, &ofault) != 0) {
		cmd_error("%s", cause);
		free(cause);
		free(login);
		return cmd_outfile_status(ofault);
	}
	st = store_open_fault(tmp, STORE_OPEN_CREATE, ctx->cfg->busy_timeout_ms,
	    &fault, &cause);
	if (st == NULL) {
		cmd_error("%s", cause);
		free(cause);
		outfile_temp_discard(tmp);
		free(tmp);
		free(login);
		return cmd_fault_status(fault);
	}
	status = EXIT_OK;
	/* Sealed: the WAL folded in, so the file alone is the database. */
	if (store_user_put(st, login, "", ROLE_PLANNER, NULL, 0, &cause) != 0 ||
	    store_seal(st, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		status = cmd_store_status(st);
	}
	store_close(st);
	if (status == EXIT_OK &&
	    outfile_temp_place(tmp, ctx->db_path, 1, &cause, &ofault) != 0) {
		cmd_error("%s", cause);
		free(cause);
		status = ofault == OUTFILE_EXISTS ? EXIT_DATABASE :
		    cmd_outfile_status(ofault);
	} else if (status != EXIT_OK)
		outfile_temp_discard(tmp);
	if (status == EXIT_OK)
		printf("%s を作成しました（スキーマ %d）。%s を企画担当として登録しました。\n",
		    ctx->db_path, store_schema_version(), login);
	free(tmp);
	free(login);
	return status;
}

const struct cmd_entry cmd_init_entry = {
	"init", "", "データベースを作成する（実行した利用者が企画担当になる）",
	cmd_init_exec
};
