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
#include "shisaku/session.h"
#include "shisaku/store-dept.h"
#include "shisaku/store-user.h"
#include "shisaku/util.h"

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

int
cmd_fault_status(enum store_fault fault)
{
	switch (fault) {
	case STORE_FAULT_BUSY:
		return EXIT_BUSY;
	case STORE_FAULT_ACCESS:
		return EXIT_ACCESS;
	case STORE_FAULT_FULL:
		return EXIT_FULL;
	case STORE_FAULT_DAMAGED:
		return EXIT_DAMAGED;
	case STORE_FAULT_NOTDB:
		return EXIT_NOTDB;
	case STORE_FAULT_NEWER:
		return EXIT_NEWER;
	default:
		return EXIT_DATABASE;
	}
}

int
cmd_store_status(struct store *st)
{
	return cmd_fault_status(store_last_fault(st));
}

void
cmd_log_refusal(struct store *st, const char *login, const char *what)
{
	char	*cause = NULL;

	if (store_user_log_refusal(st, login, 0, 0, 0, what, &cause) < 0) {
		cmd_error("注意: %s", cause);
		free(cause);
	}
}

/* Turns away a login that is not a user when the configuration says so. */
static int
cmd_gate(struct cmd_ctx *ctx, struct store *st)
{
	struct session	 s = { 0 };
	char		*cause = NULL, *what;
	int		 status = EXIT_OK;

	if ((s.login = session_os_login(&cause)) == NULL) {
		cmd_error("%s", cause);
		free(cause);
		return EXIT_DENIED;
	}
	if (store_user_session(st, &s, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		session_clear(&s);
		return cmd_store_status(st);
	}
	if (s.role == ROLE_NONE && ctx->cfg->unknown_user == UNKNOWN_USER_REFUSE) {
		cmd_error("ログイン名「%s」は利用者として登録されていません。"
		    "企画担当に shisaku user add で登録を依頼してください", s.login);
		what = xasprintf("shisaku %s: 利用者として登録されていません",
		    ctx->command != NULL && ctx->command[0] != '\0' ?
		    ctx->command : "（画面）");
		cmd_log_refusal(st, s.login, what);
		free(what);
		status = EXIT_DENIED;
	}
	session_clear(&s);
	return status;
}

struct store *
cmd_open_store(struct cmd_ctx *ctx, enum store_open_mode mode, int *status)
{
	struct store	*st;
	enum store_fault fault = STORE_FAULT_NONE;
	char		*cause = NULL, *login, *what;

	st = store_open_fault(ctx->db_path, mode, ctx->cfg->busy_timeout_ms,
	    &fault, &cause);
	if (st == NULL) {
		cmd_error("%s", cause);
		free(cause);
		*status = cmd_fault_status(fault);
		return NULL;
	}
	if (mode != STORE_OPEN_CREATE && ctx->refusal != NULL &&
	    (login = session_os_login(&cause)) != NULL) {
		what = xasprintf("shisaku %s: %s", ctx->command != NULL &&
		    ctx->command[0] != '\0' ? ctx->command : "（画面）",
		    ctx->refusal);
		cmd_log_refusal(st, login, what);
		free(what);
		free(login);
	}
	free(cause);
	cause = NULL;
	if (mode != STORE_OPEN_CREATE && (*status = cmd_gate(ctx, st)) != EXIT_OK) {
		store_close(st);
		return NULL;
	}
	return st;
}


int
cmd_outfile_status(enum outfile_fault fault)
{
	switch (fault) {
	case OUTFILE_OK:
		return EXIT_OK;
	case OUTFILE_BADPATH:
	case OUTFILE_EXISTS:
		return EXIT_USAGE;
	case OUTFILE_ACCESS:
		return EXIT_ACCESS;
	case OUTFILE_FULL:
		return EXIT_FULL;
	default:
		return EXIT_INPUT;
	}
}

/* Says what became of an output: its failure, else the characters CP932
 * lacks that were replaced. Returns status. */
static int
cmd_output_said(int status, char *cause, size_t replaced, int geta)
{
	if (status == EXIT_OK && replaced > 0)
		cmd_error(geta == 2 ? "CP932 で表せない %zu 文字を &#x…; の形で書き出し"
		    "ました（import で元の文字に戻ります）" :
		    "CP932 で表せない %zu 文字を「〓」で書き出しました", replaced);
	if (status != EXIT_OK && cause != NULL)
		cmd_error("%s", cause);
	free(cause);
	return status;
}

int
cmd_stream_end(struct outfile_stream *os, int geta)
{
	enum outfile_fault fault;
	char	*cause;
	size_t	 replaced;
	int	 status = EXIT_OK;

	if (outfile_stream_close(os, 1, &replaced, &cause, &fault) != 0)
		status = cmd_outfile_status(fault);
	return cmd_output_said(status, cause, replaced, geta);
}

void
cmd_note_dept_code(struct store *st, const char *text, long long id)
{
	char	*others = NULL, *cause = NULL;

	if (text == NULL || text[0] == '\0' ||
	    (id == 0 && store_dept_resolve(st, text, &id, &cause) != 0) ||
	    store_dept_namesakes(st, text, id, &others, &cause) != 0) {
		free(cause);
		return;
	}
	if (others != NULL)
		cmd_error("注意: 「%s」は部署のコードとして読みました。同じ名前の"
		    "部署 %s のことなら、そのコードで指定してください", text,
		    others);
	free(others);
}
