/*
 * shisaku plans: one line per plan, for scripts: code, tab, name, tab,
 * first and last fiscal year ("2021-2025"; "-" for an unknown year, and a
 * single "-" when the plan gives no period at all).
 */
#include <stdio.h>
#include <stdlib.h>

#include "shisaku/cmd.h"
#include "shisaku/store-plan.h"

static void
print_fy(int fy)
{
	if (fy)
		printf("%d", fy);
	else
		putchar('-');
}

static int
cmd_plans_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store		*st;
	struct store_plan_row	*rows;
	size_t			 n, i;
	char			*cause = NULL;
	int			 status;

	(void)argv;
	if (argc != 1)
		return cmd_usage(&cmd_plans_entry);
	if ((st = cmd_open_store(ctx, STORE_OPEN_READONLY, &status)) == NULL)
		return status;
	if (store_plan_list(st, &rows, &n, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		status = cmd_store_status(st);
		store_close(st);
		return status;
	}
	for (i = 0; i < n; i++) {
		printf("%s\t%s\t", rows[i].code, rows[i].name);
		if (rows[i].first_fy || rows[i].last_fy) {
			print_fy(rows[i].first_fy);
			putchar('-');
			print_fy(rows[i].last_fy);
		} else
			putchar('-');	/* the plan prints no period */
		putchar('\n');
	}
	store_plan_rows_free(rows, n);
	store_close(st);
	return EXIT_OK;
}

const struct cmd_entry cmd_plans_entry = {
	"plans", "", "計画の一覧（コード、名前、期間）", cmd_plans_exec
};
