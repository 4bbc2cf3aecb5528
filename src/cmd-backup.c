/*
 * shisaku backup FILE: a consistent online copy of the database, taken
 * while clerks go on working. The copy is written, as the user, to a
 * temporary file beside FILE and given its name only when complete, so a
 * killed backup never leaves half a copy under that name.
 */
#include <stdio.h>
#include <stdlib.h>

#include "shisaku/cmd.h"
#include "shisaku/progress.h"
#include "shisaku/config.h"
#include "shisaku/outfile.h"

static int
cmd_backup_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store		*st;
	struct progress		 prog;
	enum outfile_fault	 fault = OUTFILE_OK;
	char			*cause = NULL, *tmp = NULL, *target = NULL;
	int			 status, rc;

	if (argc != 2)
		return cmd_usage(&cmd_backup_entry);
	if (outfile_refuse(argv[1], ctx->db_path, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	/* A name nothing has yet: never a directory, a device, a FIFO. */
	if (outfile_check(argv[1], 0, &target, &cause, &fault) != 0) {
		cmd_error("%s", cause);
		free(cause);
		return cmd_outfile_status(fault);
	}
	free(target);
	if ((st = cmd_open_store(ctx, STORE_OPEN_READONLY, &status)) == NULL)
		return status;
	status = EXIT_OK;
	if (outfile_temp_new(argv[1], ctx->cfg->file_mode, 0, &tmp, &cause,
	    &fault) != 0)
		status = cmd_outfile_status(fault);
	else {
		progress_begin(&prog, "複製", PROGRESS_BYTES);
		store_set_progress(st, progress_tick, &prog);
		rc = store_backup(st, tmp, &cause);
		store_set_progress(st, NULL, NULL);
		progress_end(&prog);
		if (rc != 0) {
			outfile_temp_discard(tmp);
			status = cmd_store_status(st);
		}
	}
	store_close(st);
	if (status == EXIT_OK && outfile_temp_place(tmp, argv[1], 0, &cause,
	    &fault) != 0)
		status = cmd_outfile_status(fault);
	if (status != EXIT_OK) {
		cmd_error("%s", cause);
		free(cause);
	} else
		printf("%s に複製しました\n", argv[1]);
	free(tmp);
	return status;
}

const struct cmd_entry cmd_backup_entry = {
	"backup", "FILE", "データベースを稼働中のまま FILE に複製する", cmd_backup_exec
};
