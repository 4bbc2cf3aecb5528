/*
 * What every subcommand shares: reporting errors and usage on stderr, and
 * opening the database with the configured busy timeout.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "shisaku/cmd.h"
#include "shisaku/config.h"

void
cmd_error(const char *fmt, ...)
{
	va_list	ap;

	fputs("shisaku: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cmd_usage(const struct cmd_entry *e)
{
	fprintf(stderr, "使い方: shisaku [-c FILE] [-d DB] %s %s\n", e->name, e->usage);
	return EXIT_USAGE;
}

int
cmd_help(const struct cmd_entry *e, const char *options)
{
	printf("使い方: shisaku [-c FILE] [-d DB] %s %s\n\n%s\n", e->name,
	    e->usage, e->summary);
	if (options != NULL)
		printf("\n%s", options);
	printf("\n詳しくは man shisaku。\n");
	return EXIT_OK;
}

struct store *
cmd_open_store(struct cmd_ctx *ctx, enum store_open_mode mode, int *status)
{
	struct store	*st;
	char		*cause = NULL;

	st = store_open(ctx->db_path, mode, ctx->cfg->busy_timeout_ms, &cause);
	if (st == NULL) {
		cmd_error("%s", cause);
		free(cause);
		*status = EXIT_DATABASE;
	}
	return st;
}

