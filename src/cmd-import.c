/*
 * shisaku import: checks plan files completely, reporting every problem
 * by file, line and column, and writes them in one transaction only when
 * there is none. --dry-run checks without writing. With --results it
 * loads a results file instead, as the user the OS reports, through the
 * workflow of the results form (store-resultfile.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/cmd.h"
#include "shisaku/config.h"
#include "shisaku/infile.h"
#include "shisaku/outfile.h"
#include "shisaku/planfile.h"
#include "shisaku/progress.h"
#include "shisaku/recpipe.h"
#include "shisaku/resultfile.h"
#include "shisaku/session.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-resultfile.h"
#include "shisaku/store-user.h"
#include "shisaku/util.h"

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
		return s.login == NULL ? EXIT_DENIED : cmd_store_status(st);
	}
	if (s.role != ROLE_PLANNER) {
		cmd_error("%sは企画担当だけができます（ログイン名 %s は%s）", what,
		    s.login, role_label(s.role));
		cause = xasprintf("%s: 企画担当ではありません（%s）", what,
		    role_label(s.role));
		cmd_log_refusal(st, s.login, cause);
		free(cause);
		status = EXIT_DENIED;
	}
	session_clear(&s);
	return status;
}

static void
print_counts(const struct pf_doc *d)
{
	int	k, first = 1;

	for (k = 0; k < PF_KIND_COUNT; k++) {
		if (d->counts[k] == 0)
			continue;
		printf("%s%s %zu", first ? "" : ", ", pf_kind_name(k), d->counts[k]);
		first = 0;
	}
	printf("%s\n", first ? "（行がありません）" : "");
}

/*
 * The nodes that take their departments from a node above them
 * (pf_doc_inherits): each is handed to the loader (none in a dry run),
 * and the first few are named in one line after the counts.
 */
#define INHERIT_NAMED 5
struct inherit_note {
	struct store_plan_loader *l;	/* NULL: a dry run */
	char			 *named;	/* "plan: node ← from、..." */
	char			 *plan;		/* the last one named */
	size_t			  n;
};

static int
inherit_take(void *arg, const char *plan, const char *node, const char *from)
{
	struct inherit_note	*in = arg;
	char			*was = in->named;

	if (in->n++ < INHERIT_NAMED) {
		/* The plan's code before its first node. */
		if (in->plan == NULL || strcmp(in->plan, plan) != 0) {
			in->named = xasprintf("%s%s%s: %s ← %s", was ? was : "",
			    was ? "、" : "", plan, node, from);
			free(in->plan);
			in->plan = xstrdup(plan);
		} else
			in->named = xasprintf("%s、%s ← %s", was, node, from);
		free(was);
	}
	return in->l != NULL ?
	    store_plan_loader_inherit(in->l, plan, node, from) : 0;
}

static void
print_inherited(const struct inherit_note *in, int dry)
{
	if (in->n == 0)
		return;
	printf("担当課（assign の行）のない施策・取組 %zu 件は、上の階層の担当課を"
	    "引き継%s: %s%s\n", in->n, dry ? "ぎます" : "ぎました",
	    in->named, in->n > INHERIT_NAMED ? " ほか" : "");
}

/* The actual values written as confirmed for want of a STATE: as the
 * loader counted them, or as the checks of a dry run did. */
static void
print_confirmed_blank(long n, int dry)
{
	if (n > 0)
		printf("状態（STATE）のない実績値 %ld 件（取組の実績とは別に"
		    "報告する指標のもの）は、計画に載った値として確認済に%s\n",
		    n, dry ? "します" : "しました");
}

/* Messages kept of a file's (errors or notes), on standard error, and
 * how many more there were. */
static void
print_kept(char *const *kept, size_t nkept, size_t n)
{
	size_t	i;

	for (i = 0; i < nkept; i++)
		fprintf(stderr, "%s\n", kept[i]);
	if (n > nkept)
		fprintf(stderr, "…ほか %zu 件\n", n - nkept);
}

/* What --replace deletes of a plan: its nodes and indicators the files
 * no longer define (a row taken out in Excel, a key Excel changed). */
static void
print_dropped(const struct pf_doc *d, int dry)
{
	const struct pf_dropped	*g;
	size_t			 i;

	for (i = 0; i < d->ndropped; i++) {
		g = &d->dropped[i];
		printf("計画「%s」の、ファイルにない", g->plan);
		if (g->nnodes > 0)
			printf("施策・取組 %zu 件（%s%s）", g->nnodes, g->nodes,
			    g->nnodes > PF_DROPPED_NAMED ? " ほか" : "");
		if (g->nnodes > 0 && g->ninds > 0)
			printf("と");
		if (g->ninds > 0)
			printf("指標 %zu 件（%s%s）", g->ninds, g->inds,
			    g->ninds > PF_DROPPED_NAMED ? " ほか" : "");
		printf("を%s。その履歴は残ります\n", dry ? "削除します" :
		    "削除しました");
	}
}

/* What the checks noted that is likely not meant (pf_doc.notes), and
 * what became of the values they name: loaded as written (done), to be
 * loaded so (a dry run), or not (errors). */
enum notes_when { NOTES_WITH_ERRORS, NOTES_DRY, NOTES_DONE };

static void
print_notes(const struct pf_doc *d, enum notes_when when)
{
	/* First the keys and codes read as the database has them, which
	 * are not loaded as written. */
	print_kept(d->restored, d->nrestored_kept, d->nrestored);
	if (d->nnotes == 0)
		return;
	print_kept(d->notes, d->nnotes_kept, d->nnotes);
	if (when == NOTES_DONE)
		fprintf(stderr, "注意の %zu 件は、書かれたとおりに読み込みました"
		    "（直したファイルは --replace で読み込み直せます）\n",
		    d->nnotes);
	else if (when == NOTES_DRY)
		fprintf(stderr, "注意の %zu 件は、このまま読み込むと書かれたとおりに"
		    "なります\n", d->nnotes);
}

/* The largest file read, from the configuration. */
static size_t
import_max(const struct cmd_ctx *ctx)
{
	return (size_t)ctx->cfg->import_max_mib << 20;
}

/* One line on stderr when a file was not plain UTF-8 (a blank between
 * a name ending in a Latin letter and the Japanese after it). */
static void
say_encoding(const char *path, enum text_encoding enc)
{
	const char	*label = textenc_label(enc);
	size_t		 len = strlen(label);

	if (enc != TENC_UTF8)
		fprintf(stderr, "%s: 文字コードは %s%sです\n",
		    strcmp(path, "-") == 0 ? "(標準入力)" : path, label,
		    len > 0 && (unsigned char)label[len - 1] < 0x80 ? " " : "");
}

/* import --results FILE: every row checked, then all of them written as
 * the OS login, or none. */
static int
import_results(struct cmd_ctx *ctx, const char *path, int dry, int encoding)
{
	struct store			*st;
	struct store_resolver		 res;
	struct store_results_count	 n;
	struct session			 s = { 0 };
	struct rf_doc			 d;
	struct infile			 in;
	struct progress			 prog;
	char				*cause = NULL;
	int				 status, rc;
	size_t				 e, good;

	progress_begin(&prog, "検査", "行");
	if ((st = cmd_open_store(ctx, STORE_OPEN_EXISTING, &status)) == NULL)
		return status;
	if ((s.login = session_os_login(&cause)) == NULL ||
	    store_user_session(st, &s, &cause) != 0) {
		cmd_error("%s", cause);
		free(cause);
		status = s.login == NULL ? EXIT_DENIED : cmd_store_status(st);
		session_clear(&s);
		store_close(st);
		return status;
	}
	if (s.role == ROLE_NONE) {
		cmd_error("実績の読み込みは利用者として登録された人だけができます"
		    "（ログイン名「%s」は登録されていません。企画担当に登録を依頼"
		    "してください）", s.login);
		cmd_log_refusal(st, s.login, "shisaku import --results: 利用者として"
		    "登録されていません");
		session_clear(&s);
		store_close(st);
		return EXIT_DENIED;
	}
	store_resolver_init(&res, st, ctx->cfg);
	rf_doc_init(&d);
	memset(&in, 0, sizeof in);
	if (outfile_is_database(path, ctx->db_path))
		cause = xasprintf("%s: データベースのファイルです（実績のファイル"
		    "を指定してください）", path);
	else if (infile_read(path, import_max(ctx), encoding, &in, &cause) == 0)
		cause = NULL;
	if (cause != NULL) {
		cmd_error("%s", cause);
		free(cause);
		rf_doc_free(&d);
		session_clear(&s);
		store_close(st);
		return in.denied ? EXIT_ACCESS : EXIT_INPUT;
	}
	say_encoding(path, in.enc);
	/* Values that went out to CP932 and came back compare as unchanged. */
	d.cp932 = in.enc == TENC_CP932;
	rc = rf_read(&d, strcmp(path, "-") == 0 ? "(標準入力)" : path, in.text,
	    in.len, &res.res) != 0;
	/* Rows with errors of their own form are not tried; the others
	 * are, so that one run lists every problem of the file. */
	for (e = 0, good = 0; e < d.n; e++)
		good += !d.rows[e].bad;
	if (rc == 0 || good > 0) {
		progress_phase(&prog, "実績の検査と書き込み", "件");
		store_set_progress(st, progress_tick, &prog);
		rc = store_results_import(st, &d, s.login, dry, &n, &cause);
		store_set_progress(st, NULL, NULL);
	}
	progress_end(&prog);
	infile_free(&in);
	if (rc != 0)
		print_kept(d.errors, d.nkept, d.nerrors);
	print_kept(d.notes, d.nnotes_kept, d.nnotes);
	if (rc == 1) {
		cmd_error("%zu 件の誤りがあります。データベースには何も書き込んで"
		    "いません", d.nerrors);
		status = EXIT_INPUT;
	} else if (rc != 0) {
		cmd_error("%s（何も書き込んでいません）", cause);
		free(cause);
		status = cmd_store_status(st);
	} else {
		printf("%s実績 %zu 行、実績値 %zu 行を%s（変更のない行 %zu）\n",
		    dry ? "誤りはありません（--dry-run のため書き込んでいません）: " :
		    "読み込みました: ", n.results, n.actuals,
		    dry ? "書き込めます" : "書き込みました", n.unchanged);
		status = EXIT_OK;
	}
	rf_doc_free(&d);
	session_clear(&s);
	store_close(st);
	return status;
}

/* What --help lists. */
static const char import_options[] =
	"  --dry-run          検査だけして書き込まない\n"
	"  --encoding ENC     ファイルの文字コードを指定する（utf-8, utf-8-bom,\n"
	"                     utf-16, utf-16le, utf-16be, cp932。既定は自動判定）\n"
	"  --replace          データベースにある計画をファイルで置き換える\n"
	"  --results FILE     export --results で書き出して記入した実績のファイルを、\n"
	"                     実行した利用者として入力画面と同じ規則で読み込む\n"
	"                     （書き出し後に変更された行や権限のない行は拒否し、\n"
	"                     すべて読み込むか何も書き込まない）\n";

/* The progress line's phase of one of several files: the work and the
 * file's name, without its directories. */
static char *
import_phase(int dry, const char *path)
{
	const char	*name = strrchr(path, '/');

	if (strcmp(path, "-") == 0)
		name = "標準入力";
	else
		name = name != NULL && name[1] != '\0' ? name + 1 : path;
	return xasprintf("%s（%s）", dry ? "検査" : "書き込み", name);
}

static int
cmd_import_exec(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "dry-run", no_argument, NULL, 'n' },
		{ "replace", no_argument, NULL, 'r' },
		{ "results", no_argument, NULL, 'R' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store		*st;
	struct store_resolver	 res;
	struct pf_doc		 d;
	struct store_plan_loader *l = NULL;
	struct recpipe		*pipe = NULL;
	struct pf_resolver	 piped;
	const struct pf_resolver *resolver;
	char			*cause = NULL, *login = NULL, *phase = NULL;
	int			 ch, dry = 0, replace = 0, status, i, rc;
	int			 denied = 0, unreadable;
	int			 results = 0, encoding = -1;
	enum text_encoding	 forced, enc;
	struct progress		 prog;
	struct inherit_note	 in = { NULL, NULL, NULL, 0 };

	optind = 0;	/* 0 re-initialises getopt after main's "+" parsing */
	while ((ch = getopt_long(argc, argv, "nrh", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			dry = 1;
			break;
		case 'r':
			replace = 1;
			break;
		case 'R':
			results = 1;
			break;
		case 'e':
			if (textenc_parse(optarg, &forced, NULL) != 0) {
				cmd_error("--encoding は utf-8, utf-8-bom, utf-16, utf-16le,"
				    " utf-16be, cp932 のいずれかです（「%s」）", optarg);
				return EXIT_USAGE;
			}
			encoding = (int)forced;
			break;
		case 'h':
			return cmd_help(&cmd_import_entry, import_options);
		default:
			return cmd_usage(&cmd_import_entry);
		}
	}
	if (optind >= argc || (results && (replace || optind != argc - 1)))
		return cmd_usage(&cmd_import_entry);
	for (i = optind; i < argc; i++)
		if (util_has_control(argv[i])) {
			cmd_error("読み込むファイルの名前に改行などの制御文字が"
			    "あります");
			return EXIT_USAGE;
		}
	if (results)
		return import_results(ctx, argv[optind], dry, encoding);
	if ((st = cmd_open_store(ctx, STORE_OPEN_EXISTING, &status)) == NULL)
		return status;
	if (!dry && (status = cmd_require_planner(st, "計画の読み込み")) != EXIT_OK) {
		store_close(st);
		return status;
	}
	store_resolver_init(&res, st, ctx->cfg);
	resolver = &res.res;
	pf_doc_init(&d);
	/* Each record is checked and, unless this is a dry run, written as
	 * it is read, in one transaction kept only if the files have no
	 * error at all: memory follows the keys, not the files. The
	 * progress line counts the lines of each file. */
	d.stream = 1;
	progress_begin(&prog, dry ? "検査" : "書き込み", "行");
	d.progress = progress_tick;
	d.progress_arg = &prog;
	if (!dry) {
		if ((login = session_os_login(&cause)) == NULL ||
		    (l = store_plan_loader_new(st, replace, login),
		    store_plan_loader_today(l, config_current_fy(ctx->cfg)),
		    store_plan_loader_begin(l, &cause)) != 0) {
			progress_end(&prog);
			cmd_error("%s（何も書き込んでいません）", cause);
			free(cause);
			status = login == NULL ? EXIT_DENIED : cmd_store_status(st);
			store_plan_loader_free(l);
			free(login);
			pf_doc_free(&d);
			store_close(st);
			return status;
		}
		d.sink = store_plan_loader_sink(l);
		/* The loader writes on a thread of its own while the next
		 * records are read and checked (without one, here). */
		if ((pipe = recpipe_start(d.sink)) != NULL) {
			d.sink = recpipe_sink(pipe);
			recpipe_resolver(pipe, &res.res, &piped);
			resolver = &piped;
		}
	}
	for (i = optind; i < argc; i++) {
		/* Of several files, each has a line of its own that names it
		 * and stays, ended, when the next begins. */
		free(phase);
		phase = argc - optind > 1 ? import_phase(dry, argv[i]) : NULL;
		progress_phase(&prog, phase != NULL ? phase : dry ? "検査" :
		    "書き込み", "行");
		enc = TENC_UTF8;
		if (outfile_is_database(argv[i], ctx->db_path)) {
			cause = xasprintf("%s: データベースのファイルです（計画"
			    "ファイルを指定してください）", argv[i]);
			pf_doc_error(&d, cause);
			free(cause);
			cause = NULL;
			continue;
		}
		pf_read_path(&d, argv[i], import_max(ctx), encoding, resolver,
		    replace, &enc, &unreadable);
		denied += unreadable;
		if (phase != NULL)
			progress_end(&prog);
		else if (enc != TENC_UTF8)
			progress_clear(&prog);	/* the message in its place */
		say_encoding(argv[i], enc);
	}
	/* Every record read is written before anything else asks the
	 * store; a record the loader refused, it names at the commit. */
	if (pipe != NULL)
		(void)recpipe_finish(pipe);
	if (replace)
		pf_check_replace(&d, &res.res);
	in.l = dry ? NULL : l;
	if (d.nerrors == 0)
		(void)pf_doc_inherits(&d, inherit_take, &in);
	d.progress = NULL;
	/* Every file is checked: what the checks knew of the keys is let
	 * go before the commit, whose indexes and figures need memory. */
	pf_doc_forget_keys(&d);
	if (d.nerrors > 0) {
		store_plan_loader_rollback(l);
		progress_end(&prog);
		print_kept(d.errors, d.nkept, d.nerrors);
		print_notes(&d, NOTES_WITH_ERRORS);
		cmd_error("%zu 件の誤りがあります。データベースには何も書き込んでいません",
		    d.nerrors);
		/* Only files that could not be read for want of permission. */
		status = denied > 0 && (size_t)denied == d.nerrors ?
		    EXIT_ACCESS : EXIT_INPUT;
	} else if (dry) {
		progress_end(&prog);
		printf("誤りはありません（--dry-run のため書き込んでいません）: ");
		print_counts(&d);
		print_inherited(&in, dry);
		print_dropped(&d, dry);
		print_confirmed_blank((long)d.confirmed_blank, dry);
		print_notes(&d, NOTES_DRY);
		status = EXIT_OK;
	} else {
		/* The rows' line ends with their own rate; the indexes, the
		 * search index and the figures (more than half of a large
		 * import) have a line of their own, not a count stuck at the
		 * end. */
		progress_end(&prog);
		progress_phase(&prog, "索引と集計の作成", PROGRESS_STEPS);
		store_set_progress(st, progress_tick, &prog);
		rc = store_plan_loader_commit(l, &cause);
		store_set_progress(st, NULL, NULL);
		progress_end(&prog);
		if (rc != 0) {
			cmd_error("%s（何も書き込んでいません）", cause);
			free(cause);
			status = cmd_store_status(st);
		} else {
			printf("読み込みました: ");
			print_counts(&d);
			print_inherited(&in, dry);
			print_dropped(&d, dry);
			print_confirmed_blank(
			    store_plan_loader_confirmed_blank(l), dry);
			print_notes(&d, NOTES_DONE);
			status = EXIT_OK;
		}
	}
	recpipe_free(pipe);
	store_plan_loader_free(l);
	free(in.named);
	free(in.plan);
	free(phase);
	free(login);
	pf_doc_free(&d);
	store_close(st);
	return status;
}

const struct cmd_entry cmd_import_entry = {
	"import", "[--dry-run] [--replace] FILE... | [--dry-run] --results FILE",
	"計画ファイル（CSV/TSV）を検査して読み込む（--results: 実績のファイル）",
	cmd_import_exec
};
