/*
 * shisaku year open|close|list: fiscal years open for results entry,
 * and the day each year's entry is due (year open FY --deadline DATE).
 * Only a planner opens or closes a year or sets its deadline (the store
 * checks the role again and records the change in the history); anyone
 * may list them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/cmd.h"
#include "shisaku/config.h"
#include "shisaku/fy.h"
#include "shisaku/session.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-result.h"

static int
year_list(struct cmd_ctx *ctx, struct store *st)
{
	struct year_row	*rows;
	size_t		 n, i;
	char		*cause = NULL, buf[FY_BUFSZ];

	if (store_year_list(st, &rows, &n, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		return cmd_store_status(st);
	}
	if (n == 0)
		fprintf(stderr, "受付中の年度はありません（どの年度も締切です。"
		    "shisaku year open 年度 で受付を始めます）\n");
	for (i = 0; i < n; i++)
		printf("%d\t%s\t%s\t%s\t%s\t%s\n", rows[i].fy,
		    fy_format(rows[i].fy, ctx->cfg->fy_style, buf, sizeof buf),
		    rows[i].is_open ? "受付中" : "締切", rows[i].changed_by,
		    rows[i].changed_at, rows[i].deadline);
	store_year_list_free(rows, n);
	return EXIT_OK;
}

/* A year opened that no plan's period holds is likely a slip (R9 for
 * R4): said on standard error, the year opened all the same (a plan
 * may be loaded for it next). Plans without a period may hold any. */
static void
note_year_outside(struct store *st, int fy)
{
	struct store_plan_row	*rows;
	size_t			 n, i;
	char			*cause = NULL, buf[FY_BUFSZ], a[FY_BUFSZ];
	char			 b[FY_BUFSZ];

	if (store_plan_list(st, &rows, &n, &cause) != 0) {
		free(cause);
		return;
	}
	for (i = 0; i < n; i++)
		if (rows[i].first_fy == 0 || rows[i].last_fy == 0 ||
		    (fy >= rows[i].first_fy && fy <= rows[i].last_fy))
			break;
	if (n > 0 && i == n)
		fprintf(stderr, "注意: %sはどの計画の期間にもありません（%s: %s〜%s"
		    "%s）。誤りなら shisaku year close %d で締めてください\n",
		    fy_format(fy, FY_STYLE_BOTH, buf, sizeof buf), rows[0].name,
		    fy_format(rows[0].first_fy, FY_STYLE_ERA, a, sizeof a),
		    fy_format(rows[0].last_fy, FY_STYLE_ERA, b, sizeof b),
		    n > 1 ? " ほか" : "", fy);
	store_plan_rows_free(rows, n);
}

/* A year open without a deadline is due once it is over: opening a past
 * year so (most often the one just ended, for its results) makes every
 * entry not yet submitted late at once. Said, with the way to give the
 * clerks a deadline. */
static void
note_past_without_deadline(struct cmd_ctx *ctx, struct store *st, int fy)
{
	char	*deadline = NULL, *cause = NULL, buf[FY_BUFSZ];
	int	 open = 0;

	if (fy >= config_current_fy(ctx->cfg))
		return;
	if (store_year_info(st, fy, &open, &deadline, &cause) != 0) {
		free(cause);
		return;
	}
	if (open && deadline[0] == '\0')
		fprintf(stderr, "注意: %sは終わった年度で、入力期限がないため、"
		    "まだ提出されていない実績はすべて遅れと数えられます。"
		    "期限を定めるには: "
		    "shisaku year open %d --deadline YYYY-MM-DD\n",
		    fy_format(fy, FY_STYLE_BOTH, buf, sizeof buf), fy);
	free(deadline);
}

/* deadline: NULL = leave it, "" = remove it, else "YYYY-MM-DD". */
static int
year_set(struct cmd_ctx *ctx, struct store *st, const char *text, int open,
    const char *deadline)
{
	char	*cause = NULL, *login, buf[FY_BUFSZ];
	int	 fy, rc, changed = 0, status;

	if ((fy = fy_parse(text, &cause)) < 0) {
		cmd_error("%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	if ((status = cmd_require_planner(st, "年度の受付・締切")) != EXIT_OK)
		return status;
	if ((login = session_os_login(&cause)) == NULL) {
		cmd_error("%s", cause);
		free(cause);
		return EXIT_DENIED;
	}
	rc = store_year_set_open(st, fy, open, login, &changed, &cause);
	fy_format(fy, FY_STYLE_BOTH, buf, sizeof buf);
	if (rc == 0) {
		if (!changed)
			printf("%sは既に%sです\n", buf, open ? "受付中" : "締切");
		else
			printf("%sを%sにしました\n", buf, open ? "受付中" :
			    "締切");
	}
	if (rc == 0 && deadline != NULL) {
		rc = store_year_set_deadline(st, fy, deadline, login, &changed,
		    &cause);
		if (rc == 0 && *deadline == '\0')
			printf(changed ? "%sの入力期限を取り消しました\n" :
			    "%sの入力期限は定めていません\n", buf);
		else if (rc == 0)
			printf("%sの入力期限は %s %s\n", buf, deadline,
			    changed ? "にしました" : "のままです");
	}
	free(login);
	/* The notes after the lines they are about, in a log too. */
	if (rc == 0 && open) {
		fflush(stdout);
		note_year_outside(st, fy);
		note_past_without_deadline(ctx, st, fy);
	}
	if (rc != 0) {
		cmd_error("%s", cause);
		free(cause);
		return rc == STORE_DENIED ? EXIT_DENIED : cmd_store_status(st);
	}
	return EXIT_OK;
}

static int
cmd_year_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store	*st;
	const char	*deadline = NULL, *year;
	char		 date[FY_DATESZ], *cause = NULL;
	int		 status, open, i;

	if (argc == 2 && strcmp(argv[1], "list") == 0)
		open = -1;
	else if (argc >= 3 && strcmp(argv[1], "open") == 0)
		open = 1;
	else if (argc == 3 && strcmp(argv[1], "close") == 0)
		open = 0;
	else
		return cmd_usage(&cmd_year_entry);
	/* open FY [--deadline DATE|none], the option on either side. */
	year = NULL;
	for (i = 2; open >= 0 && i < argc; i++) {
		if (strcmp(argv[i], "--deadline") == 0 && i + 1 < argc &&
		    deadline == NULL)
			deadline = argv[++i];
		else if (strncmp(argv[i], "--deadline=", 11) == 0 &&
		    deadline == NULL)
			deadline = argv[i] + 11;
		else if (argv[i][0] != '-' && year == NULL)
			year = argv[i];
		else
			return cmd_usage(&cmd_year_entry);
	}
	if (open >= 0 && year == NULL)
		return cmd_usage(&cmd_year_entry);
	if (deadline != NULL && strcmp(deadline, "none") == 0)
		deadline = "";
	else if (deadline != NULL) {
		if (fy_parse_date(deadline, date, &cause) != 0) {
			cmd_error("--deadline: %s", cause);
			free(cause);
			return EXIT_USAGE;
		}
		deadline = date;
	}
	if ((st = cmd_open_store(ctx, STORE_OPEN_EXISTING, &status)) == NULL)
		return status;
	status = open < 0 ? year_list(ctx, st) : year_set(ctx, st, year,
	    open, deadline);
	store_close(st);
	return status;
}

const struct cmd_entry cmd_year_entry = {
	"year", "open FY [--deadline DATE|none] | close FY | list",
	"年度の実績入力の受付・締切（企画担当のみ）と一覧", cmd_year_exec
};
