/*
 * shisaku dept list|add|rename|merge|abolish: departments and the
 * reorganisations of every April (機構改革). A change takes effect from a
 * fiscal year; every earlier year keeps its names and assignments. Anyone
 * may list; only a planner changes (the store checks the role again).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/cmd.h"
#include "shisaku/config.h"
#include "shisaku/fy.h"
#include "shisaku/session.h"
#include "shisaku/store-dept.h"
#include "shisaku/store-result.h"

static int
dept_list(struct cmd_ctx *ctx, struct store *st)
{
	struct dept_row	*rows;
	size_t		 n, i, j;
	char		*cause = NULL, buf[FY_BUFSZ];

	if (store_dept_list(st, &rows, &n, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		return cmd_store_status(st);
	}
	for (i = 0; i < n; i++) {
		printf("%s\t%s", rows[i].code, rows[i].name);
		for (j = 0; j < rows[i].nold; j++)
			printf("\t〜%s %s", fy_format(rows[i].old[j].until_fy,
			    ctx->cfg->fy_style, buf, sizeof buf), rows[i].old[j].name);
		if (rows[i].abolished_after != 0 && rows[i].merged_into != NULL)
			printf("\t%sで廃止（%sに統合）", fy_format(
			    rows[i].abolished_after, ctx->cfg->fy_style, buf,
			    sizeof buf), rows[i].merged_into);
		else if (rows[i].abolished_after != 0)
			printf("\t%sで廃止", fy_format(rows[i].abolished_after,
			    ctx->cfg->fy_style, buf, sizeof buf));
		printf("\t担当 %ld\t利用者 %ld\n", rows[i].nassign,
		    rows[i].nusers);
	}
	store_dept_list_free(rows, n);
	return EXIT_OK;
}

/* Maps a store failure to a message and an exit status. */
static int
dept_fail(int rc, char *cause)
{
	cmd_error("%s", cause);
	free(cause);
	return rc == STORE_DENIED ? EXIT_DENIED : rc == STORE_BUSY ?
	    EXIT_BUSY : EXIT_INPUT;
}

static void
print_change(const struct dept_change *c, const char *name)
{
	size_t	i;

	printf("担当 %zu 件を引き継ぎ、%zu 件を前年度で終えました\n", c->nmoved,
	    c->nended);
	for (i = 0; i < c->norphans; i++)
		printf("担当課がなくなる取組: %s\n", c->orphans[i]);
	for (i = 0; i < c->nclerks; i++)
		printf("「%s」に所属のままの利用者: %s（shisaku user set で移して"
		    "ください）\n", name, c->clerks[i]);
}

/* Parses "ARGS... --from YEAR" (and --org for add) after the verb. */
static int
dept_args(int argc, char **argv, int nargs, int *fy, const char **org)
{
	static const struct option longopts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "org", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 }
	};
	char	*cause = NULL;
	int	 ch;

	*fy = 0;
	optind = 0;	/* re-initialise getopt after main's "+" parsing */
	while ((ch = getopt_long(argc, argv, "f:o:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'f':
			if ((*fy = fy_parse(optarg, &cause)) < 0) {
				cmd_error("--from: %s", cause);
				free(cause);
				return -1;
			}
			break;
		case 'o':
			if (org == NULL)
				return -1;
			*org = optarg;
			break;
		default:
			return -1;
		}
	}
	return argc - optind == nargs ? optind : -1;
}

static int
dept_change(struct store *st, const char *login, const char *verb, int argc,
    char **argv)
{
	struct dept_change	 c;
	const char		*org = "";
	long long		 id = 0, into = 0;
	char			*cause = NULL, buf[FY_BUFSZ];
	int			 fy, i, rc;

	if (strcmp(verb, "add") == 0) {
		if ((i = dept_args(argc, argv, 2, &fy, &org)) < 0)
			return cmd_usage(&cmd_dept_entry);
		if ((rc = store_dept_add(st, login, argv[i], argv[i + 1], org,
		    &cause)) != 0)
			return dept_fail(rc, cause);
		printf("部署「%s」（%s）を追加しました\n", argv[i + 1], argv[i]);
		return EXIT_OK;
	}
	i = dept_args(argc, argv, strcmp(verb, "abolish") == 0 ? 1 : 2, &fy, NULL);
	if (i < 0)
		return cmd_usage(&cmd_dept_entry);
	if (fy == 0) {
		cmd_error("--from 年度 で、変更が始まる年度を指定してください"
		    "（例: --from R8）");
		return EXIT_USAGE;
	}
	if (store_dept_resolve(st, argv[i], &id, &cause) != 0 ||
	    (strcmp(verb, "merge") == 0 &&
	    store_dept_resolve(st, argv[i + 1], &into, &cause) != 0))
		return dept_fail(-1, cause);
	cmd_note_dept_code(st, argv[i], id);
	if (into != 0)
		cmd_note_dept_code(st, argv[i + 1], into);
	fy_format(fy, FY_STYLE_BOTH, buf, sizeof buf);
	if (strcmp(verb, "rename") == 0) {
		if ((rc = store_dept_rename(st, login, id, argv[i + 1], fy,
		    &cause)) != 0)
			return dept_fail(rc, cause);
		printf("%sから「%s」と呼びます（それより前の年度は元の名前のまま）\n",
		    buf, argv[i + 1]);
		return EXIT_OK;
	}
	rc = strcmp(verb, "merge") == 0 ?
	    store_dept_merge(st, login, id, into, fy, &c, &cause) :
	    store_dept_abolish(st, login, id, fy, &c, &cause);
	if (rc != 0)
		return dept_fail(rc, cause);
	if (into != 0) {
		char	before[FY_BUFSZ];

		printf("%sから「%s」は「%s」に統合されます\n", buf, argv[i],
		    argv[i + 1]);
		printf("%sまでの「%s」の実績は「%s」の職員が入力できます\n",
		    fy_format(fy - 1, FY_STYLE_BOTH, before, sizeof before),
		    argv[i], argv[i + 1]);
	} else
		printf("%sから「%s」は廃止されます\n", buf, argv[i]);
	print_change(&c, argv[i]);
	store_dept_change_clear(&c);
	return EXIT_OK;
}

static int
cmd_dept_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct store	*st;
	char		*cause = NULL, *login;
	int		 status;

	if (argc < 2)
		return cmd_usage(&cmd_dept_entry);
	if (strcmp(argv[1], "list") == 0) {
		if (argc != 2)
			return cmd_usage(&cmd_dept_entry);
		if ((st = cmd_open_store(ctx, STORE_OPEN_EXISTING, &status)) == NULL)
			return status;
		status = dept_list(ctx, st);
		store_close(st);
		return status;
	}
	if (strcmp(argv[1], "add") != 0 && strcmp(argv[1], "rename") != 0 &&
	    strcmp(argv[1], "merge") != 0 && strcmp(argv[1], "abolish") != 0)
		return cmd_usage(&cmd_dept_entry);
	if ((st = cmd_open_store(ctx, STORE_OPEN_EXISTING, &status)) == NULL)
		return status;
	if ((login = session_os_login(&cause)) == NULL) {
		cmd_error("%s", cause);
		free(cause);
		store_close(st);
		return EXIT_DENIED;
	}
	status = dept_change(st, login, argv[1], argc - 1, argv + 1);
	free(login);
	store_close(st);
	return status;
}

const struct cmd_entry cmd_dept_entry = {
	"dept", "list | add CODE NAME [--org ORG] | rename DEPT NAME --from YEAR |"
	" merge DEPT INTO --from YEAR | abolish DEPT --from YEAR",
	"部署の一覧と機構改革（名称変更・統合・廃止。変更は企画担当のみ）",
	cmd_dept_exec
};
