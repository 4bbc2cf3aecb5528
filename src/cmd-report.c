/*
 * shisaku report: a fiscal year's progress report of one plan, for
 * publishing, as text (80 columns), Markdown, HTML (one self-contained
 * file that prints on A4) or CSV (encoded as the [export] settings say).
 * The database is read in one snapshot and closed before the report is
 * laid out; the output goes to standard output, or to a file through a
 * temporary file renamed into place.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/cmd.h"
#include "shisaku/config.h"
#include "shisaku/fy.h"
#include "shisaku/outfile.h"
#include "shisaku/progress.h"
#include "shisaku/report.h"
#include "shisaku/store-report.h"
#include "shisaku/textwidth.h"
#include "shisaku/util.h"

static const char cmd_report_help[] =
    "計画の年度の進捗状況報告を書き出します。\n"
    "\n"
    "  -p, --plan CODE       計画のコード（shisaku plans で一覧）\n"
    "  -y, --fy YEAR         年度（2025, R7, 令和7年度 など。既定: 今年度）\n"
    "  -f, --format FORMAT   text（80 桁）, md, html, csv（既定: text）\n"
    "  -o, --output FILE     書き出すファイル（既定: 標準出力）\n"
    "  -e, --encoding ENC    csv の文字コード: utf-8, utf-8-bom, cp932\n"
    "                        （既定: 設定の [export] encoding。utf-8 なら\n"
    "                        Excel 向けに BOM つき）\n"
    "      --crlf, --lf      csv の改行（既定: 設定の [export] line_endings）\n"
    "      --unmappable HOW  cp932 で表せない文字: refuse（断る。既定）,\n"
    "                        geta（「〓」で書く）\n"
    "  -h, --help            この説明\n"
    "\n"
    "詳しくは man shisaku の report。\n";

static int
cmd_report_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "plan", required_argument, NULL, 'p' },
		{ "fy", required_argument, NULL, 'y' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "crlf", no_argument, NULL, 'C' },
		{ "lf", no_argument, NULL, 'L' },
		{ "unmappable", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct progress			 prog;
	struct store			*st;
	struct report_data		*d = NULL;
	struct report			 r;
	const char			*plan = NULL, *out = NULL, *fytext = NULL;
	enum config_encoding		 enc = ctx->cfg->encoding;
	int				 crlf = ctx->cfg->crlf, format = REPORT_TEXT;
	int				 ch, e, fy, today, rc, status, geta = 0;
	int				 enc_given = 0;
	char				*cause = NULL;
	char				 fybuf[FY_BUFSZ];
	FILE				*fp;
	struct outfile_stream		*os;
	enum outfile_fault		 fault;

	progress_begin(&prog, "報告書の作成", "取組");

	optind = 0;	/* 0 re-initialises getopt after main's "+" parsing */
	while ((ch = getopt_long(argc, argv, "p:y:f:o:e:h", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'p':
			plan = optarg;
			break;
		case 'y':
			fytext = optarg;
			break;
		case 'f':
			if ((format = report_format_parse(optarg)) < 0) {
				cmd_error("--format は text, md, html, csv の"
				    "いずれかです（\"%s\"）", optarg);
				return EXIT_USAGE;
			}
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
			enc_given = 1;
			break;
		case 'C':
			crlf = 1;
			break;
		case 'L':
			crlf = 0;
			break;
		case 'u':
			if ((geta = outfile_unmappable_parse(optarg)) < 0) {
				cmd_error("--unmappable は refuse, geta, ref のいずれかです"
				    "（\"%s\"）", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'h':
			printf("使い方: shisaku [-c FILE] [-d DB] %s %s\n\n%s",
			    cmd_report_entry.name, cmd_report_entry.usage,
			    cmd_report_help);
			return EXIT_OK;
		default:
			return cmd_usage(&cmd_report_entry);
		}
	}
	if (optind != argc)
		return cmd_usage(&cmd_report_entry);
	/* A CSV report is for Excel, which reads UTF-8 as such only after
	 * a BOM: the configuration's plain UTF-8 (kept for plan files, which
	 * go back and forth) gets one here unless --encoding says so. */
	if (format == REPORT_CSV && !enc_given && enc == ENC_UTF8)
		enc = ENC_UTF8_BOM;
	if (plan == NULL || plan[0] == '\0') {
		cmd_error("--plan で計画のコードを指定してください"
		    "（shisaku plans で一覧）");
		return EXIT_USAGE;
	}
	today = config_current_fy(ctx->cfg);
	fy = today;
	if (fytext != NULL && (fy = fy_parse(fytext, &cause)) < 0) {
		cmd_error("--fy: %s", cause);
		free(cause);
		return EXIT_USAGE;
	}
	if (out != NULL && outfile_refuse(out, ctx->db_path, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		return EXIT_USAGE;
	}

	if ((st = cmd_open_store(ctx, STORE_OPEN_READONLY, &status)) == NULL)
		return status;
	rc = store_report_load(st, plan, fy, today, &d, &cause);
	store_close(st);
	if (rc != 0) {
		cmd_error("%s", cause);
		free(cause);
		return rc == STORE_REPORT_NO_PLAN ? EXIT_INPUT : EXIT_DATABASE;
	}
	if (!fy_in_span(fy, d->tree->first_fy, d->tree->last_fy)) {
		char *span = fy_format_span(d->tree->first_fy,
		    d->tree->last_fy, ctx->cfg->fy_style);

		cmd_error("%sは計画「%s」の期間（%s）の外です。期間内の年度を"
		    " --fy で指定してください",
		    fy_format(fy, ctx->cfg->fy_style, fybuf, sizeof fybuf),
		    plan, span);
		free(span);
		store_report_free(d);
		return EXIT_INPUT;
	}

	/* Written as it is laid out, to the file's place at once. */
	if ((os = outfile_stream_open(out, format == REPORT_CSV &&
	    enc == ENC_CP932, geta, &cause, &fault)) == NULL) {
		store_report_free(d);
		cmd_error("%s", cause);
		free(cause);
		return cmd_outfile_status(fault);
	}
	report_build(&r, d, ctx->cfg);
	/* The rate is of the items laid out, not of the reading before. */
	progress_phase(&prog, "報告書の作成", "取組");
	r.progress = progress_tick;
	r.progress_arg = &prog;
	if (format == REPORT_TEXT)
		tw_set_ambiguous_wide(ctx->cfg->ambiguous_wide);
	fp = outfile_stream_fp(os);
	switch (format) {
	case REPORT_MD:
		rc = report_write_md(&r, fp);
		break;
	case REPORT_HTML:
		rc = report_write_html(&r, fp);
		break;
	case REPORT_CSV:
		rc = report_write_csv(&r, fp, crlf ? "\r\n" : "\n",
		    enc == ENC_UTF8_BOM);
		break;
	default:
		rc = report_write_text(&r, fp);
		break;
	}
	progress_end(&prog);
	report_clear(&r);
	store_report_free(d);

	if (rc != 0) {
		/* A write that failed says why; else the report itself. */
		if (outfile_stream_close(os, 0, NULL, &cause, &fault) != 0 &&
		    cause != NULL) {
			cmd_error("%s", cause);
			free(cause);
			return cmd_outfile_status(fault);
		}
		cmd_error("報告書を組み立てられません（メモリ不足）");
		return EXIT_INTERNAL;
	}
	return cmd_stream_end(os, geta);
}

const struct cmd_entry cmd_report_entry = {
	"report", "--plan CODE [--fy YEAR] [--format text|md|html|csv] "
	"[-o FILE] [--encoding utf-8|utf-8-bom|cp932] [--crlf|--lf] "
	"[--unmappable refuse|geta|ref]",
	"年度の進捗状況報告（text, md, html, csv）を書き出す", cmd_report_exec
};
