/*
 * shisaku check: SQLite's integrity and foreign-key checks plus the
 * model's own invariants; exit status 3 when anything is wrong.
 */
#include <stdio.h>
#include <stdlib.h>

#include "shisaku/cmd.h"
#include "shisaku/progress.h"

/* A problem on its own line; a progress line on the terminal is ended
 * first so that the two never share a line. */
static void
report_line(void *arg, const char *line)
{
	struct progress	*prog = arg;

	fflush(stdout);
	progress_clear(prog);
	printf("%s\n", line);
	fflush(stdout);
}

static int
cmd_check_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store	*st;
	struct progress	 prog;
	char		*cause = NULL;
	int		 status, problems;

	(void)argv;
	if (argc != 1)
		return cmd_usage(&cmd_check_entry);
	if ((st = cmd_open_store(ctx, STORE_OPEN_READONLY, &status)) == NULL)
		return status;
	progress_begin(&prog, "検査", "項目");
	store_set_progress(st, progress_tick, &prog);
	problems = store_check(st, report_line, &prog, &cause);
	store_set_progress(st, NULL, NULL);
	progress_end(&prog);
	if (problems < 0) {
		cmd_error("%s", cause);
		free(cause);
		status = EXIT_DATABASE;
	} else if (problems > 0) {
		cmd_error("%s: %d 件の問題があります", ctx->db_path, problems);
		status = EXIT_DATABASE;
	} else {
		printf("%s: 問題はありません\n", ctx->db_path);
		status = EXIT_OK;
	}
	store_close(st);
	return status;
}

const struct cmd_entry cmd_check_entry = {
	"check", "", "データベースの整合性を検査する", cmd_check_exec
};
