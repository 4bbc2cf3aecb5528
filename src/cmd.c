/*
 * What every subcommand shares: reporting errors and usage on stderr, and
 * opening the database with the configured busy timeout.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "shisaku/cmd.h"
#include "shisaku/config.h"
#include "shisaku/outfile.h"

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


int
cmd_write_output(const char *out, char *buf, size_t len, int cp932, int geta)
{
	char	*cause = NULL, *conv;
	size_t	 clen, replaced = 0;
	int	 status = EXIT_OK;

	if (cp932) {
		if ((conv = outfile_to_cp932(buf, len, geta, &clen, &replaced,
		    &cause)) == NULL)
			status = EXIT_INPUT;
		else {
			free(buf);
			buf = conv;
			len = clen;
		}
	}
	if (status == EXIT_OK && outfile_write(out, buf, len, &cause) != 0)
		status = EXIT_INPUT;
	if (status == EXIT_OK && replaced > 0)
		cmd_error(geta == 2 ? "CP932 で表せない %zu 文字を &#x…; の形で書き出し"
		    "ました（import で元の文字に戻ります）" :
		    "CP932 で表せない %zu 文字を「〓」で書き出しました", replaced);
	if (status != EXIT_OK) {
		cmd_error("%s", cause);
		free(cause);
	}
	free(buf);
	return status;
}
