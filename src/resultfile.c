/*
 * Results files: reading CSV/TSV into checked rows and writing rows back
 * (see resultfile.h and shisaku-plan(5), RESULTS FILES). Every column of
 * both kinds of row is described once in the table below; reading,
 * checking and writing follow it.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/infile.h"
#include "shisaku/csv.h"
#include "shisaku/excelform.h"
#include "shisaku/fy.h"
#include "shisaku/resultfile.h"
#include "shisaku/textfold.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/vocab.h"

enum rcol {
	R_KEY,		/* required, one line, no surrounding blanks */
	R_FY,		/* a fiscal year, required */
	R_STATUS,	/* a status word, or empty */
	R_GRADE,	/* a key of the evaluation scale, or empty */
	R_STATE,	/* a workflow state word, 未入力 or empty */
	R_TEXT,		/* any text */
	R_VALUE,	/* an indicator value: checked against the unit */
	R_VER,		/* the entry's version: a number, required */
	R_INFO		/* context for the reader: never read back */
};

struct rcolumn {
	const char	*name;
	enum rcol	 type;
};

static const struct {
	const char	*name;
	size_t		 ncols;
	struct rcolumn	 cols[RF_MAX_COLS];
} kinds[RF_KIND_COUNT] = {
	[RF_RESULT] = { "result", RR_NCOLS, { { "PLAN", R_KEY },
	    { "NODE", R_KEY }, { "FY", R_FY }, { "STATUS", R_STATUS },
	    { "GRADE", R_GRADE }, { "STATE", R_STATE }, { "TEXT", R_TEXT },
	    { "COMMENT", R_TEXT }, { "RETURN_COMMENT", R_TEXT },
	    { "ENTERED_BY", R_INFO }, { "ENTERED_AT", R_INFO },
	    { "CONFIRMED_BY", R_INFO }, { "CONFIRMED_AT", R_INFO },
	    { "VER", R_VER }, { "CODE", R_INFO }, { "TITLE", R_INFO },
	    { "DEPT", R_INFO } } },
	[RF_ACTUAL] = { "actual", RA_NCOLS, { { "PLAN", R_KEY },
	    { "INDICATOR", R_KEY }, { "FY", R_FY }, { "VALUE", R_VALUE },
	    { "NOTE", R_TEXT }, { "STATE", R_STATE },
	    { "RETURN_COMMENT", R_TEXT }, { "ENTERED_BY", R_INFO },
	    { "ENTERED_AT", R_INFO }, { "CONFIRMED_BY", R_INFO },
	    { "CONFIRMED_AT", R_INFO }, { "VER", R_VER }, { "CODE", R_INFO },
	    { "TITLE", R_INFO }, { "NAME", R_INFO }, { "UNIT", R_INFO },
	    { "TARGET", R_INFO }, { "FINAL", R_INFO }, { "DEPT", R_INFO } } },
};

/* As plan files: the longest field and key accepted. */
#define RF_FIELD_MAX 100000
#define RF_KEY_MAX 200

/* The column number (1-based, the kind being column 1) of field i. */
#define COLNO(i) ((size_t)(i) + 2)

const char *
rf_kind_name(enum rf_kind k)
{
	return kinds[k].name;
}

size_t
rf_kind_ncols(enum rf_kind k)
{
	return kinds[k].ncols;
}

const char *
rf_col_name(enum rf_kind k, int col)
{
	if (col < 0 || (size_t)col >= kinds[k].ncols)
		return "";
	return kinds[k].cols[col].name;
}

void
rf_doc_init(struct rf_doc *d)
{
	memset(d, 0, sizeof *d);
}

void
rf_doc_free(struct rf_doc *d)
{
	size_t	i, j;

	for (i = 0; i < d->n; i++)
		for (j = 0; j < RF_MAX_COLS; j++)
			free(d->rows[i].f[j]);
	free(d->rows);
	free(d->file);
	for (i = 0; i < d->nkept; i++)
		free(d->errors[i]);
	free(d->errors);
	free(d->error_at);
	for (i = 0; i < d->nnotes_kept; i++)
		free(d->notes[i]);
	free(d->notes);
	memset(d, 0, sizeof *d);
}

struct rf_row *
rf_doc_add(struct rf_doc *d, enum rf_kind kind, const char *const *fields,
    size_t nfields)
{
	struct rf_row	*r;
	size_t		 j;

	if (d->writer != NULL) {
		rf_writer_put(d->writer, kind, fields, nfields);
		return NULL;
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 256;
		d->rows = xreallocarray(d->rows, d->cap, sizeof *d->rows);
	}
	r = &d->rows[d->n++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	for (j = 0; j < RF_MAX_COLS; j++)
		r->f[j] = xstrdup(j < nfields && fields[j] != NULL ? fields[j] : "");
	return r;
}

static void
add_error_v(struct rf_doc *d, size_t line, size_t col, const char *fmt,
    va_list ap)
{
	/* Where it is, for its order: the line, then the column. */
	unsigned long long	 at = (unsigned long long)line << 20 |
				    (col < (1u << 20) ? col : (1u << 20) - 1);
	char			*msg;
	size_t			 i;

	d->nerrors++;
	/* The rows are checked against the file, then against the
	 * database: an error is placed among those kept by where it is,
	 * after those at the same place, and one past the last kept
	 * when all are kept is counted only. */
	i = d->nkept;
	while (i > 0 && d->error_at[i - 1] > at)
		i--;
	if (i >= PF_ERRORS_KEPT)
		return;
	if (d->nkept == PF_ERRORS_KEPT)
		free(d->errors[--d->nkept]);
	else {
		d->errors = xreallocarray(d->errors, d->nkept + 1,
		    sizeof *d->errors);
		d->error_at = xreallocarray(d->error_at, d->nkept + 1,
		    sizeof *d->error_at);
	}
	memmove(d->errors + i + 1, d->errors + i,
	    (d->nkept - i) * sizeof *d->errors);
	memmove(d->error_at + i + 1, d->error_at + i,
	    (d->nkept - i) * sizeof *d->error_at);
	d->nkept++;
	d->error_at[i] = at;
	msg = xvasprintf(fmt, ap);
	if (col > 0)
		d->errors[i] = xasprintf("%s:%zu:%zu: %s",
		    d->file != NULL ? d->file : "", line, col, msg);
	else
		d->errors[i] = xasprintf("%s:%zu: %s",
		    d->file != NULL ? d->file : "", line, msg);
	free(msg);
}

static void __attribute__((format(printf, 4, 5)))
add_error(struct rf_doc *d, size_t line, size_t col, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	add_error_v(d, line, col, fmt, ap);
	va_end(ap);
}

void
rf_error(struct rf_doc *d, const struct rf_row *r, int col, const char *fmt,
    ...)
{
	va_list	ap;

	va_start(ap, fmt);
	add_error_v(d, r->line, col < 0 ? 1 : COLNO(col), fmt, ap);
	va_end(ap);
}

/* Trims blanks (ASCII and U+3000) at both ends, in place. */
static void
trim(char *s)
{
	char	*t = value_trim(s);

	memcpy(s, t, strlen(t) + 1);	/* never longer than s */
	free(t);
}

static void
set_field(struct rf_row *r, int i, const char *s)
{
	char	*copy = xstrdup(s);

	free(r->f[i]);
	r->f[i] = copy;
}

/* VER: digits (full-width ones too) making an int. */
static int
parse_ver(const char *s, int *ver)
{
	char		*n = value_normalize(s), *t = value_trim(n);
	const char	*p;
	long long	 v = 0;
	int		 ok = t[0] != '\0';

	for (p = t; ok && *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			ok = 0;
		else if ((v = v * 10 + (*p - '0')) > INT_MAX)
			ok = 0;
	}
	free(n);
	free(t);
	if (ok)
		*ver = (int)v;
	return ok;
}

/* Checks one data column's form and brings it to canonical text. */
static void
check_field(struct rf_doc *d, struct rf_row *r, int i,
    const struct pf_resolver *res)
{
	const struct rcolumn	*c = &kinds[r->kind].cols[i];
	char			*s = r->f[i], *cause = NULL, buf[16];
	const char		*key;
	int			 fy;

	if (c->type == R_INFO)
		return;
	if (strlen(s) > RF_FIELD_MAX) {
		rf_error(d, r, i, "長すぎます（%d バイトまで）", RF_FIELD_MAX);
		return;
	}
	if (c->type != R_TEXT && c->type != R_VALUE)
		trim(s);
	switch (c->type) {
	case R_KEY:
		if (s[0] == '\0')
			rf_error(d, r, i, "%s が空です", c->name);
		else if (strpbrk(s, "\r\n") != NULL || strlen(s) > RF_KEY_MAX)
			rf_error(d, r, i, "%s は %d バイトまでの一行で書いて"
			    "ください", c->name, RF_KEY_MAX);
		break;
	case R_FY:
		if (s[0] == '\0') {
			rf_error(d, r, i, "年度が空です");
			break;
		}
		if ((fy = fy_parse(s, &cause)) < 0) {
			rf_error(d, r, i, "%s", cause);
			free(cause);
			break;
		}
		r->fy = fy;
		snprintf(buf, sizeof buf, "%d", fy);
		set_field(r, i, buf);
		break;
	case R_STATUS:
		if (s[0] == '\0')
			break;
		if ((key = vocab_key(VOCAB_STATUS, s)) == NULL)
			rf_error(d, r, i, "状況「%s」は使えません（%s、または空欄）",
			    s, vocab_choices(VOCAB_STATUS));
		else
			set_field(r, i, vocab_label(VOCAB_STATUS, key));
		break;
	case R_GRADE:
		/* Stored as the scale has it: "Ａ" typed in Excel is "A". */
		if (s[0] == '\0' || res == NULL || res->grade_key == NULL)
			break;
		if ((key = res->grade_key(res->arg, s)) == NULL)
			rf_error(d, r, i, "評価「%s」は評価の段階にありません", s);
		else if (strcmp(key, s) != 0)
			set_field(r, i, key);
		break;
	case R_STATE:
		if (s[0] == '\0' || strcmp(s, "未入力") == 0) {
			set_field(r, i, "");
			break;
		}
		if ((key = vocab_key(VOCAB_STATE, s)) == NULL)
			rf_error(d, r, i, "状態「%s」は使えません（%s、または空欄）",
			    s, vocab_choices(VOCAB_STATE));
		else
			set_field(r, i, vocab_label(VOCAB_STATE, key));
		break;
	case R_VER:
		if (s[0] == '\0')
			rf_error(d, r, i, "VER が空です（書き出したときの値を"
			    "そのまま残してください）");
		else if (!parse_ver(s, &r->ver))
			rf_error(d, r, i, "VER「%s」は書き出したときの番号ではあり"
			    "ません（そのまま残してください）", s);
		else {
			snprintf(buf, sizeof buf, "%d", r->ver);
			set_field(r, i, buf);
		}
		break;
	case R_TEXT:
	case R_VALUE:	/* needs the unit: see check_refs */
	case R_INFO:
		break;
	}
}

/* Field col as typed names nothing: when it names a plan, an item or an
 * indicator (its unit to *unit) typed with the input method off
 * (tf_narrow: Ｊ７ for J7), as the plan file's references do, the field
 * becomes that and 1 is returned. */
static int
narrowed(struct rf_row *r, int col, const struct pf_resolver *res,
    char **unit)
{
	char	*narrow = tf_narrowed(r->f[col]);
	int	 found;

	if (narrow == NULL)
		return 0;
	if (col == RR_PLAN)
		found = res->plan_exists(res->arg, narrow);
	else if (r->kind == RF_RESULT)
		found = res->node_exists(res->arg, r->f[RR_PLAN], narrow);
	else
		found = res->indicator_exists(res->arg, r->f[RA_PLAN], narrow,
		    unit);
	if (found)
		set_field(r, col, narrow);
	free(narrow);
	return found;
}

/* A note at row r's column col (rf_doc.notes). */
static void __attribute__((format(printf, 4, 5)))
add_note(struct rf_doc *d, const struct rf_row *r, int col, const char *fmt,
    ...)
{
	va_list	 ap;
	char	*msg;

	d->nnotes++;
	if (d->nnotes_kept >= PF_NOTES_KEPT)
		return;		/* counted, not kept */
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	d->notes = xreallocarray(d->notes, d->nnotes_kept + 1,
	    sizeof *d->notes);
	d->notes[d->nnotes_kept++] = xasprintf("%s:%zu:%zu: %s",
	    d->file != NULL ? d->file : "", r->line, COLNO(col), msg);
	free(msg);
}

/*
 * Field col names no item or indicator as written: when it is a form
 * Excel leaves of a key it read as a date or a number (1-1 saved as
 * 1月1日, 0101 as 101) and exactly one of the keys it came from names one
 * of the plan's, the field becomes that key (its unit to *unit), a note
 * says so, and 1 is returned: the template is opened in Excel as a
 * matter of course, and Excel changes such keys without a word. When
 * several of the plan's keys could have become it, *hint names them
 * (malloc'd; else NULL) and 0 is returned: which one is not guessed.
 */
static int
restored(struct rf_doc *d, struct rf_row *r, int col,
    const struct pf_resolver *res, char **unit, char **hint)
{
	struct excel_origins	 o;
	const char		*plan = r->f[col == RR_NODE ? RR_PLAN : RA_PLAN];
	char			*u, *found_unit = NULL, *names = NULL, *t;
	size_t			 i, found = 0, nfound = 0;
	int			 exists;

	*hint = NULL;
	excel_origins(r->f[col], &o);
	for (i = 0; i < o.n; i++) {
		u = NULL;
		if (r->kind == RF_RESULT)
			exists = res->node_exists(res->arg, plan, o.form[i]);
		else
			exists = res->indicator_exists(res->arg, plan,
			    o.form[i], &u);
		if (exists && nfound++ == 0) {
			found = i;
			found_unit = u;
		} else
			free(u);
		if (exists) {
			t = xasprintf("%s%s%s", names != NULL ? names : "",
			    names != NULL ? "、" : "", o.form[i]);
			free(names);
			names = t;
		}
	}
	if (nfound > 1)
		*hint = xasprintf("（Excel が %s のどれか%s形です。どれのことか"
		    "書き直してください）", names, excel_change_words(o.change));
	free(names);
	if (nfound != 1) {
		free(found_unit);
		return 0;
	}
	add_note(d, r, col, "%s「%s」は、Excel が %s %s形として読みました"
	    "（次に Excel で開くときは、この列を文字列にしてください）",
	    r->kind == RF_RESULT ? "取組" : "指標", r->f[col], o.form[found],
	    excel_change_words(o.change));
	set_field(r, col, o.form[found]);
	if (unit != NULL)
		*unit = found_unit;
	else
		free(found_unit);
	return 1;
}

/* Checks what the row refers to: the plan, the item or the indicator, and
 * the value against the indicator's unit. */
static void
check_refs(struct rf_doc *d, struct rf_row *r, const struct pf_resolver *res)
{
	struct value	 v;
	char		*unit = NULL, *cause = NULL, *hint = NULL;

	if (res == NULL)
		return;
	if (!res->plan_exists(res->arg, r->f[RR_PLAN]) &&
	    !narrowed(r, RR_PLAN, res, NULL)) {
		rf_error(d, r, RR_PLAN, "計画「%s」がありません（コードは shisaku"
		    " plans で確かめてください）", r->f[RR_PLAN]);
		return;
	}
	if (r->kind == RF_RESULT) {
		if (!res->node_exists(res->arg, r->f[RR_PLAN], r->f[RR_NODE]) &&
		    !narrowed(r, RR_NODE, res, NULL) &&
		    !restored(d, r, RR_NODE, res, NULL, &hint))
			rf_error(d, r, RR_NODE, "計画「%s」に取組「%s」がありません%s",
			    r->f[RR_PLAN], r->f[RR_NODE], hint != NULL ? hint : "");
		free(hint);
		return;
	}
	if (!res->indicator_exists(res->arg, r->f[RA_PLAN], r->f[RA_IND], &unit) &&
	    !narrowed(r, RA_IND, res, &unit) &&
	    !restored(d, r, RA_IND, res, &unit, &hint)) {
		rf_error(d, r, RA_IND, "計画「%s」に指標「%s」がありません%s",
		    r->f[RA_PLAN], r->f[RA_IND], hint != NULL ? hint : "");
		free(hint);
		return;
	}
	if (value_parse(r->f[RA_VALUE], unit, &v, &cause) != 0) {
		rf_error(d, r, RA_VALUE, "%s", cause);
		free(cause);
	} else
		value_clear(&v);
	free(unit);
}

static int
kind_of(const char *name)
{
	int	k;

	for (k = 0; k < RF_KIND_COUNT; k++)
		if (strcmp(name, kinds[k].name) == 0)
			return k;
	return -1;
}

/* Takes one CSV record into the document, checking it. */
static void
take_row(struct rf_doc *d, const struct csv_record *rec,
    const struct pf_resolver *res)
{
	struct rf_row	*r;
	size_t		 i, ncols, nerr = d->nerrors;
	char		*kindname = xstrdup(rec->fields[0]);
	int		 k;

	trim(kindname);
	if ((k = kind_of(kindname)) < 0) {
		const char	*names[RF_KIND_COUNT];
		char		*hint;

		for (k = 0; k < RF_KIND_COUNT; k++)
			names[k] = kinds[k].name;
		hint = pf_unknown_kind_hint(kindname, names, RF_KIND_COUNT, &k);
		add_error(d, rec->line, 1, "不明な行の種類「%s」%s", kindname,
		    hint);
		free(hint);
		free(kindname);
		return;
	}
	free(kindname);
	ncols = kinds[k].ncols;
	if (rec->nfields - 1 > ncols) {
		/* Trailing empty fields from a spreadsheet are harmless. */
		for (i = ncols + 1; i < rec->nfields; i++)
			if (rec->fields[i][0] != '\0')
				break;
		if (i < rec->nfields) {
			add_error(d, rec->field_line[i], i + 1, "%s の行は %zu 列"
			    "までです（%zu 列あります）", kinds[k].name, ncols + 1,
			    rec->nfields);
			return;
		}
	}
	r = rf_doc_add(d, (enum rf_kind)k, (const char *const *)rec->fields + 1,
	    rec->nfields - 1 < ncols ? rec->nfields - 1 : ncols);
	r->line = rec->line;
	for (i = 0; i < ncols; i++)
		check_field(d, r, (int)i, res);
	if (d->nerrors == nerr)
		check_refs(d, r, res);
	r->bad = d->nerrors != nerr;
}

/* The entry a row is about: "kind\x1fplan\x1fkey\x1ffy". */
static char *
row_key(const struct rf_row *r)
{
	return xasprintf("%d\x1f%s\x1f%s\x1f%d", (int)r->kind, r->f[RR_PLAN],
	    r->f[RR_NODE], r->fy);
}

struct keyed {
	char	*key;
	size_t	 row;
};

static int
keyed_cmp(const void *a, const void *b)
{
	const struct keyed	*x = a, *y = b;
	int			 c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return x->row < y->row ? -1 : x->row > y->row;
}

/* Every entry once: a second row for the same item or indicator and year
 * is an error at its FY column. Rows from first on without errors of
 * their own are checked. */
static void
check_unique(struct rf_doc *d, size_t first)
{
	struct keyed	*k;
	size_t		 n = 0, i;

	if (d->n - first < 2)
		return;
	k = xreallocarray(NULL, d->n - first, sizeof *k);
	for (i = first; i < d->n; i++) {
		if (d->rows[i].bad)
			continue;
		k[n].key = row_key(&d->rows[i]);
		k[n].row = i;
		n++;
	}
	qsort(k, n, sizeof *k, keyed_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(k[i].key, k[i - 1].key) == 0) {
			struct rf_row *r = &d->rows[k[i].row];

			r->bad = 1;
			rf_error(d, r, RR_FY, "%s「%s」の %d 年度は %zu 行目にも"
			    "あります（1 行にまとめてください）",
			    r->kind == RF_RESULT ? "取組" : "指標", r->f[RR_NODE],
			    r->fy, d->rows[k[i - 1].row].line);
		}
	for (i = 0; i < n; i++)
		free(k[i].key);
	free(k);
}

size_t
rf_read(struct rf_doc *d, const char *name, const char *data, size_t len,
    const struct pf_resolver *res)
{
	struct csv_reader	*rd;
	struct csv_record	 rec;
	size_t			 nerr = d->nerrors, first = d->n, eline, ecol;
	char			*cause;
	int			 rc, header_seen = 0;

	free(d->file);
	d->file = xstrdup(name);
	rd = csv_reader_new(data, len, infile_separator(data, len));
	for (;;) {
		cause = NULL;
		rc = csv_read(rd, &rec, &cause, &eline, &ecol);
		if (rc == 0)
			break;
		if (rc < 0) {
			add_error(d, eline, ecol, "%s", cause);
			free(cause);
			header_seen = 1;	/* do not report the header as well */
			continue;
		}
		if (csv_record_blank(&rec))
			continue;
		if (!header_seen) {
			header_seen = 1;
			if (csv_record_is(&rec, PF_FORMAT_NAME, NULL)) {
				add_error(d, rec.line, 1, "計画ファイルです（実績の"
				    "ファイルは shisaku export --results で書き出します。"
				    "計画ファイルは --results を付けずに読み込みます）");
				break;
			}
			if (!csv_record_is(&rec, RF_FORMAT_NAME,
			    RF_FORMAT_VERSION)) {
				add_error(d, rec.line, 1, "1 行目は「%s,%s」でなければ"
				    "なりません（shisaku export --results で書き出した"
				    "実績のファイルではありません）", RF_FORMAT_NAME,
				    RF_FORMAT_VERSION);
				break;
			}
			continue;
		}
		if (csv_record_comment(&rec))
			continue;
		take_row(d, &rec, res);
	}
	if (!header_seen)
		add_error(d, 1, 0, "空のファイルです（1 行目は「%s,%s」）",
		    RF_FORMAT_NAME, RF_FORMAT_VERSION);
	csv_reader_free(rd);
	check_unique(d, first);
	return d->nerrors - nerr;
}

/* The names csv_write_heading asks for: kind k's, or its column col's. */
static const char *
rf_heading_name(int k, int col)
{
	if (col < 0)
		return kinds[k].name;
	return (size_t)col < kinds[k].ncols ? kinds[k].cols[col].name : NULL;
}

void
rf_writer_begin(struct rf_writer *rw, FILE *f, char sep, const char *eol,
    int bom)
{
	csv_file_begin(&rw->w, f, sep, eol, bom, RF_FORMAT_NAME,
	    RF_FORMAT_VERSION, RF_KIND_COUNT, rf_heading_name);
}

void
rf_writer_end(struct rf_writer *rw)
{
	csv_file_end(&rw->w);
}

void
rf_writer_put(struct rf_writer *rw, enum rf_kind kind,
    const char *const *fields, size_t nfields)
{
	csv_file_record(&rw->w, kinds[kind].name, fields,
	    nfields < kinds[kind].ncols ? nfields : kinds[kind].ncols);
}

void
rf_write(const struct rf_doc *d, FILE *f, char sep, const char *eol, int bom)
{
	struct rf_writer	rw;
	size_t			i;

	rf_writer_begin(&rw, f, sep, eol, bom);
	for (i = 0; i < d->n; i++)
		rf_writer_put(&rw, d->rows[i].kind,
		    (const char *const *)d->rows[i].f, RF_MAX_COLS);
	rf_writer_end(&rw);
}
