/*
 * shisaku backup FILE: a consistent online copy of the database, taken
 * while clerks go on working.
 */
#include <stdio.h>
#include <stdlib.h>

#include "shisaku/cmd.h"
#include "shisaku/progress.h"

static int
cmd_backup_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store	*st;
	struct progress	 prog;
	char		*cause = NULL;
	int		 status, rc;

	if (argc != 2)
		return cmd_usage(&cmd_backup_entry);
	if ((st = cmd_open_store(ctx, STORE_OPEN_EXISTING, &status)) == NULL)
		return status;
	progress_begin(&prog, "複製", PROGRESS_BYTES);
	store_set_progress(st, progress_tick, &prog);
	rc = store_backup(st, argv[1], &cause);
	store_set_progress(st, NULL, NULL);
	progress_end(&prog);
	if (rc != 0) {
		cmd_error("%s", cause);
		free(cause);
		status = EXIT_DATABASE;
	} else {
		printf("%s に複製しました\n", argv[1]);
		status = EXIT_OK;
	}
	store_close(st);
	return status;
}

const struct cmd_entry cmd_backup_entry = {
	"backup", "FILE", "データベースを稼働中のまま FILE に複製する", cmd_backup_exec
};
