/*
 * shisaku export: writes plans in exactly the format import reads, so an
 * export is the template a planner edits; with --results, the template of
 * one fiscal year's results that import --results loads back. Output is
 * written as it is read, to a temporary file renamed into place at the
 * end, so a failed export never leaves half a file, and never to the
 * database or another SQLite file.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/cmd.h"
#include "shisaku/config.h"
#include "shisaku/fy.h"
#include "shisaku/outfile.h"
#include "shisaku/planfile.h"
#include "shisaku/progress.h"
#include "shisaku/resultfile.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-resultfile.h"
#include "shisaku/util.h"

/* What --help lists. */
static const char export_options[] =
	"  --plan CODE        その計画だけ（省くとすべての計画）\n"
	"  --results          年度の実績の雛形（取組の実績と指標の実績値）を書き出す。\n"
	"                     --plan と --fy が必要。import --results で読み込む\n"
	"  --fy YEAR          実績の年度（2021, R3, 令和3年度）\n"
	"  -o FILE            書き出し先（省くと標準出力）\n"
	"  --encoding ENC     utf-8, utf-8-bom（Excel 向け）, cp932\n"
	"  --unmappable WHAT  CP932 で表せない文字: refuse（既定、行と列を示して\n"
	"                     断る）、geta（「〓」で書き出し、数を示す）、ref\n"
	"                     （&#x25B6; の形で書き出し、import で元の文字に戻る）\n"
	"  --crlf, --lf       改行（既定は設定の [export]）\n"
	"  --tsv              タブ区切り\n";

static int
cmd_export_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "plan", required_argument, NULL, 'p' },
		{ "output", required_argument, NULL, 'o' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "crlf", no_argument, NULL, 'C' },
		{ "lf", no_argument, NULL, 'L' },
		{ "tsv", no_argument, NULL, 't' },
		{ "unmappable", required_argument, NULL, 'u' },
		{ "results", no_argument, NULL, 'R' },
		{ "fy", required_argument, NULL, 'y' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store		*st;
	struct pf_doc		 d;
	const char		*plan = NULL, *out = NULL;
	enum config_encoding	 enc = ctx->cfg->encoding;
	int			 crlf = ctx->cfg->crlf, tsv = 0, ch, e, status;
	int			 geta = 0;
	char			*cause = NULL;
	struct outfile_stream	*os;
	enum outfile_fault	 fault;
	struct rf_doc		 rd;
	struct rf_writer	 rw;
	struct pf_writer	 pw;
	struct progress		 prog;
	int			 results = 0, fy = 0, rc;

	optind = 0;	/* 0 re-initialises getopt after main's "+" parsing */
	while ((ch = getopt_long(argc, argv, "p:o:e:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			plan = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		case 'e':
			if ((e = outfile_encoding_parse(optarg)) < 0) {
				cmd_error("--encoding は utf-8, utf-8-bom, cp932 の"
				    "いずれかです（\"%s\"）", optarg);
				return EXIT_USAGE;
			}
			enc = (enum config_encoding)e;
			break;
		case 'C':
			crlf = 1;
			break;
		case 'L':
			crlf = 0;
			break;
		case 't':
			tsv = 1;
			break;
		case 'u':
			if ((geta = outfile_unmappable_parse(optarg)) < 0) {
				cmd_error("--unmappable は refuse, geta, ref のいずれかです"
				    "（\"%s\"）", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'R':
			results = 1;
			break;
		case 'y':
			if ((fy = fy_parse(optarg, &cause)) < 0) {
				cmd_error("--fy: %s", cause);
				free(cause);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			return cmd_help(&cmd_export_entry, export_options);
		default:
			return cmd_usage(&cmd_export_entry);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_export_entry);
	if (results != (fy != 0) || (results && plan == NULL)) {
		cmd_error("実績のファイルには --results, --plan と --fy を"
		    "指定します");
		return cmd_usage(&cmd_export_entry);
	}
	if (out != NULL && outfile_refuse(out, ctx->db_path, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	if ((st = cmd_open_store(ctx, STORE_OPEN_READONLY, &status)) == NULL)
		return status;
	/* Written as it is read, record by record, to the file's place at
	 * once: what is held is a piece of the output, never the whole. */
	if ((os = outfile_stream_open(out, enc == ENC_CP932, geta, &cause,
	    &fault)) == NULL) {
		store_close(st);
		cmd_error("%s", cause);
		free(cause);
		return cmd_outfile_status(fault);
	}
	pf_doc_init(&d);
	rf_doc_init(&rd);
	if (results) {
		rf_writer_begin(&rw, outfile_stream_fp(os), tsv ? '\t' : ',',
		    crlf ? "\r\n" : "\n", enc == ENC_UTF8_BOM);
		rd.writer = &rw;
	} else {
		pf_writer_begin(&pw, outfile_stream_fp(os), tsv ? '\t' : ',',
		    crlf ? "\r\n" : "\n", enc == ENC_UTF8_BOM);
		d.writer = &pw;
	}
	progress_begin(&prog, "書き出し", "施策・取組");
	store_set_progress(st, progress_tick, &prog);
	rc = results ? store_results_export(st, plan, fy, &rd, &cause) :
	    store_plan_export(st, plan, &d, &cause);
	store_set_progress(st, NULL, NULL);
	progress_end(&prog);
	store_close(st);
	pf_doc_free(&d);
	rf_doc_free(&rd);
	if (rc != 0) {
		char	*why = NULL;

		(void)outfile_stream_close(os, 0, NULL, &why, &fault);
		free(why);
		cmd_error("%s", cause);
		free(cause);
		return plan ? EXIT_INPUT : EXIT_DATABASE;
	}
	if (results)
		rf_writer_end(&rw);
	else
		pf_writer_end(&pw);
	return cmd_stream_end(os, geta);
}

const struct cmd_entry cmd_export_entry = {
	"export", "[--plan CODE | --results --plan CODE --fy YEAR] [-o FILE] "
	"[--encoding utf-8|utf-8-bom|cp932] [--crlf|--lf] [--tsv] "
	"[--unmappable refuse|geta|ref]",
	"計画を計画ファイルの形式で書き出す（読み込みの雛形になる）", cmd_export_exec
};
