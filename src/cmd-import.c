/*
 * shisaku import: checks plan files completely, reporting every problem
 * by file, line and column, and writes them in one transaction only when
 * there is none. --dry-run checks without writing.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/cmd.h"
#include "shisaku/planfile.h"
#include "shisaku/session.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-user.h"

int
cmd_require_planner(struct store *st, const char *what)
{
	struct session	 s = { 0 };
	char		*cause = NULL;
	int		 status = EXIT_OK;

	if ((s.login = session_os_login(&cause)) == NULL ||
	    store_user_session(st, &s, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		session_clear(&s);
		return EXIT_INTERNAL;
	}
	if (s.role != ROLE_PLANNER) {
		cmd_error("%sは企画担当だけができます（ログイン名 %s は%s）", what,
		    s.login, role_label(s.role));
		status = EXIT_DENIED;
	}
	session_clear(&s);
	return status;
}

static void
print_counts(const struct pf_doc *d)
{
	size_t	count[PF_KIND_COUNT] = { 0 }, i;
	int	k, first = 1;

	for (i = 0; i < d->n; i++)
		count[d->recs[i].kind]++;
	for (k = 0; k < PF_KIND_COUNT; k++) {
		if (count[k] == 0)
			continue;
		printf("%s%s %zu", first ? "" : ", ", pf_kind_name(k), count[k]);
		first = 0;
	}
	printf("%s\n", first ? "（行がありません）" : "");
}

static int
cmd_import_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "replace", no_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 }
	};
	struct store		*st;
	struct store_resolver	 res;
	struct pf_doc		 d;
	char			*cause = NULL, *login = NULL;
	int			 ch, dry = 0, replace = 0, status, i, rc;
	size_t			 e;

	optind = 0;	/* 0 re-initialises getopt after main's "+" parsing */
	while ((ch = getopt_long(argc, argv, "nr", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			dry = 1;
			break;
		case 'r':
			replace = 1;
			break;
		default:
			return cmd_usage(&cmd_import_entry);
		}
	}
	if (optind >= argc)
		return cmd_usage(&cmd_import_entry);
	if ((st = cmd_open_store(ctx, STORE_OPEN_EXISTING, &status)) == NULL)
		return status;
	if (!dry && (status = cmd_require_planner(st, "計画の読み込み")) != EXIT_OK) {
		store_close(st);
		return status;
	}
	store_resolver_init(&res, st, ctx->cfg);
	pf_doc_init(&d);
	for (i = optind; i < argc; i++)
		pf_read_file(&d, argv[i], &res.res, replace);
	if (replace)
		pf_check_replace(&d, &res.res);
	if (d.nerrors > 0) {
		for (e = 0; e < d.nkept; e++)
			fprintf(stderr, "%s\n", d.errors[e]);
		if (d.nerrors > d.nkept)
			fprintf(stderr, "…ほか %zu 件\n", d.nerrors - d.nkept);
		cmd_error("%zu 件の誤りがあります。データベースには何も書き込んでいません",
		    d.nerrors);
		status = EXIT_INPUT;
	} else if (dry) {
		printf("誤りはありません（--dry-run のため書き込んでいません）: ");
		print_counts(&d);
		status = EXIT_OK;
	} else {
		login = session_os_login(&cause);
		rc = login ? store_plan_import(st, &d, replace, login, &cause) : -1;
		if (rc != 0) {
			cmd_error("%s（何も書き込んでいません）", cause);
			free(cause);
			status = EXIT_DATABASE;
		} else {
			printf("読み込みました: ");
			print_counts(&d);
			status = EXIT_OK;
		}
		free(login);
	}
	pf_doc_free(&d);
	store_close(st);
	return status;
}

const struct cmd_entry cmd_import_entry = {
	"import", "[--dry-run] [--replace] FILE...",
	"計画ファイル（CSV/TSV）を検査して読み込む", cmd_import_exec
};
