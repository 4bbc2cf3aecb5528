/*
 * CSV and TSV as Excel writes and reads them (RFC 4180 style): a reader
 * over a memory buffer that reports every syntax error with its line and
 * field number and then carries on with the next line, and a writer that
 * quotes a field only when it has to.
 *
 * Line breaks are LF, CRLF or a lone CR. A line break inside a quoted
 * field is kept as a single "\n" whatever it was in the file, so text read
 * from a CRLF file and from an LF file is the same.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/csv.h"
#include "shisaku/value.h"
#include "shisaku/util.h"

struct csv_reader {
	const char	*data;
	size_t		 len;
	size_t		 pos;
	size_t		 line;		/* physical line at pos, 1-based */
	char		 sep;
	int		 more;		/* input may follow data (a stream) */
	int		 bom_seen;	/* a stream's start was looked at */
	int		 utf8_checked;	/* the input is known to be UTF-8 */
	size_t		 skipped;	/* a BOM before data in this window */

	/* The record being read: field texts one after another in buf. */
	char		*buf;
	size_t		 buflen, bufcap;
	size_t		*starts;	/* offset of each field in buf */
	size_t		*lines;		/* line where each field starts */
	char		**fields;
	size_t		 nfields, fieldcap;
};

/* Where a syntax error was found, filled in by the reading functions. */
struct csv_error {
	const char	*msg;
	size_t		 line;
	int		 has_byte;	/* a bad byte to show (UTF-8 errors) */
	unsigned char	 byte;
};

struct csv_reader *
csv_reader_new(const char *data, size_t len, char sep)
{
	struct csv_reader	*r = xcalloc(1, sizeof *r);
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	r->data = data;
	r->len = len;
	r->line = 1;
	r->sep = sep;
	return r;
}

struct csv_reader *
csv_reader_new_stream(char sep)
{
	struct csv_reader	*r = xcalloc(1, sizeof *r);

	r->data = "";
	r->line = 1;
	r->sep = sep;
	r->more = 1;
	return r;
}

void
csv_reader_feed(struct csv_reader *r, const char *data, size_t len, int last)
{
	r->skipped = 0;
	r->pos = 0;
	r->more = !last;
	if (!r->bom_seen) {
		/* Too little to tell whether the input starts with a BOM. */
		if (len < 3 && !last && memcmp(data, "\xef\xbb\xbf", len) == 0) {
			r->data = data;
			r->len = 0;
			return;
		}
		r->bom_seen = 1;
		if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
			r->skipped = 3;
	}
	r->data = data + r->skipped;
	r->len = len - r->skipped;
}

void
csv_reader_utf8_checked(struct csv_reader *r)
{
	r->utf8_checked = 1;
}

size_t
csv_reader_pos(const struct csv_reader *r)
{
	return r->skipped + r->pos;
}

void
csv_reader_free(struct csv_reader *r)
{
	if (r == NULL)
		return;
	free(r->buf);
	free(r->starts);
	free(r->lines);
	free(r->fields);
	free(r);
}

static void
csv_buf_add(struct csv_reader *r, char c)
{
	if (r->buflen == r->bufcap) {
		r->bufcap = r->bufcap ? r->bufcap * 2 : 256;
		r->buf = xreallocarray(r->buf, 1, r->bufcap);
	}
	r->buf[r->buflen++] = c;
}

/* Appends n bytes at once. */
static void
csv_buf_append(struct csv_reader *r, const char *p, size_t n)
{
	if (n == 0)
		return;
	if (r->buflen + n > r->bufcap) {
		while (r->buflen + n > r->bufcap)
			r->bufcap = r->bufcap ? r->bufcap * 2 : 256;
		r->buf = xreallocarray(r->buf, 1, r->bufcap);
	}
	memcpy(r->buf + r->buflen, p, n);
	r->buflen += n;
}

static void
csv_field_begin(struct csv_reader *r)
{
	if (r->nfields == r->fieldcap) {
		r->fieldcap = r->fieldcap ? r->fieldcap * 2 : 16;
		r->starts = xreallocarray(r->starts, 1, r->fieldcap * sizeof *r->starts);
		r->lines = xreallocarray(r->lines, 1, r->fieldcap * sizeof *r->lines);
		r->fields = xreallocarray(r->fields, 1, r->fieldcap * sizeof *r->fields);
	}
	r->starts[r->nfields] = r->buflen;
	r->lines[r->nfields] = r->line;
	r->nfields++;
}

static int
csv_at_end_of_field(const struct csv_reader *r)
{
	if (r->pos >= r->len)
		return 1;
	return r->data[r->pos] == r->sep || r->data[r->pos] == '\r' ||
	    r->data[r->pos] == '\n';
}

/* Consumes the line break at pos (CRLF, LF or CR), if any. */
static void
csv_skip_eol(struct csv_reader *r)
{
	if (r->pos >= r->len)
		return;
	if (r->data[r->pos] == '\r') {
		r->pos++;
		if (r->pos < r->len && r->data[r->pos] == '\n')
			r->pos++;
	} else if (r->data[r->pos] == '\n')
		r->pos++;
	else
		return;
	r->line++;
}

/* Skips to the start of the next line, after an error. */
static void
csv_skip_line(struct csv_reader *r)
{
	while (r->pos < r->len && r->data[r->pos] != '\r' &&
	    r->data[r->pos] != '\n')
		r->pos++;
	csv_skip_eol(r);
}

/* The bytes a field's text stops at: CR, LF, a quote, the separators. */
static const unsigned char csv_stop[256] = {
	['\r'] = 1, ['\n'] = 1, ['"'] = 1, [','] = 1, ['\t'] = 1
};

static int
csv_read_unquoted(struct csv_reader *r, struct csv_error *e)
{
	size_t	start = r->pos;
	char	c;

	/* To the end of the field, copied at once. */
	while (r->pos < r->len) {
		if (!csv_stop[(unsigned char)r->data[r->pos]]) {
			r->pos++;
			continue;
		}
		if ((c = r->data[r->pos]) == r->sep || c == '\r' || c == '\n')
			break;
		if (c != '"') {
			r->pos++;	/* the separator of the other kind */
			continue;
		}
		csv_buf_append(r, r->data + start, r->pos - start);
		e->msg = "引用符で囲まれていない値の中に「\"」があります"
		    "（「\"」を含む値は全体を「\"」で囲み、中の「\"」は"
		    "「\"\"」と書きます）";
		e->line = r->line;
		return -1;
	}
	csv_buf_append(r, r->data + start, r->pos - start);
	return 0;
}

static int
csv_read_quoted(struct csv_reader *r, struct csv_error *e)
{
	size_t	start_line = r->line;
	char	c;

	r->pos++;	/* the opening quote */
	for (;;) {
		/* A run of ordinary bytes, copied at once. */
		size_t	start = r->pos;

		while (r->pos < r->len && (!csv_stop[(unsigned char)r->data[r->pos]] ||
		    ((c = r->data[r->pos]) != '"' && c != '\r' && c != '\n')))
			r->pos++;
		csv_buf_append(r, r->data + start, r->pos - start);
		if (r->pos >= r->len) {
			e->msg = "「\"」で始まる値が閉じられていません";
			e->line = start_line;
			return -1;
		}
		c = r->data[r->pos];
		if (c == '"' && r->pos + 1 < r->len &&
		    r->data[r->pos + 1] == '"') {
			csv_buf_add(r, '"');
			r->pos += 2;
		} else if (c == '"') {
			r->pos++;
			break;
		} else if (c == '\r' || c == '\n') {
			csv_buf_add(r, '\n');
			csv_skip_eol(r);
		} else {
			csv_buf_add(r, c);
			r->pos++;
		}
	}
	if (!csv_at_end_of_field(r)) {
		e->msg = "閉じる「\"」の後に文字があります";
		e->line = r->line;
		return -1;
	}
	return 0;
}

/* Length of the UTF-8 sequence its lead byte announces (1 for a stray
 * byte), cut to what is left. */
static size_t
utf8_seqlen(const char *p, size_t left)
{
	unsigned char	c = (unsigned char)*p;
	size_t		n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;

	return n < left ? n : left;
}

/* Checks the field just read (from buf offset start, begun on line). */
static int
csv_check_field(struct csv_reader *r, size_t start, size_t line,
    struct csv_error *e)
{
	size_t	bad, i;

	/* An empty field before anything was buffered: buf is still NULL,
	 * and NULL + 0 is undefined in C. */
	if (r->buflen == start || r->utf8_checked)
		return 0;
	if (utf8_valid(r->buf + start, r->buflen - start, &bad))
		return 0;
	e->byte = (unsigned char)r->buf[start + bad];
	e->has_byte = e->byte != 0;
	e->msg = e->byte == 0 ? "NUL 文字（0x00）があります" :
	    "UTF-8 として読めないバイトがあります。ファイルを UTF-8 で"
	    "保存してください";
	/* Each "\n" kept in the field is one line break of the file. */
	e->line = line;
	for (i = start; i < start + bad; i++) {
		if (r->buf[i] == '\n')
			e->line++;
	}
	return -1;
}

/* Reads one field and its terminator; returns 1 if the record goes on,
 * 0 if it ended, -1 on an error. */
/* A bad byte does not break the record's structure, so the reader goes
 * on to the record's end and reports it then (in *bad, field *bad_col):
 * skipping to the next physical line instead would land inside a quoted
 * field and report its remaining lines as records. */
static int
csv_read_field(struct csv_reader *r, struct csv_error *e, struct csv_error *bad,
    size_t *bad_col)
{
	size_t			start, line;
	int			rc;
	struct csv_error	fe = { NULL, 0, 0, 0 };

	csv_field_begin(r);
	start = r->buflen;
	line = r->line;
	if (r->pos < r->len && r->data[r->pos] == '"')
		rc = csv_read_quoted(r, e);
	else
		rc = csv_read_unquoted(r, e);
	if (rc == -1)
		return -1;
	if (csv_check_field(r, start, line, &fe) != 0 && bad->msg == NULL) {
		*bad = fe;
		*bad_col = r->nfields;
	}
	csv_buf_add(r, '\0');
	if (r->pos < r->len && r->data[r->pos] == r->sep) {
		r->pos++;
		return 1;
	}
	csv_skip_eol(r);
	return 0;
}

/* Sets *cause to the error's message, with the bad byte if any. */
static void
csv_error_report(const struct csv_error *e, char **cause)
{
	size_t	n = strlen(e->msg) + 32;

	if (cause == NULL)
		return;
	*cause = xmalloc(n);
	if (e->has_byte)
		snprintf(*cause, n, "%s（0x%02X）", e->msg, e->byte);
	else
		snprintf(*cause, n, "%s", e->msg);
}

static int csv_read_window(struct csv_reader *r, struct csv_record *rec,
    char **cause, size_t *err_line, size_t *err_col);

int
csv_record_blank(const struct csv_record *rec)
{
	size_t	i;

	for (i = 0; i < rec->nfields; i++)
		if (rec->fields[i][0] != '\0')
			return 0;
	return 1;
}

/* Whether field is word with blanks around it or none (value_unblank). */
static int
field_is(const char *field, const char *word)
{
	size_t		 n;
	const char	*s = value_unblank(field, strlen(field), &n);

	return n == strlen(word) && memcmp(s, word, n) == 0;
}

int
csv_record_is(const struct csv_record *rec, const char *word,
    const char *second)
{
	return rec->nfields >= (second != NULL ? 2u : 1u) &&
	    field_is(rec->fields[0], word) &&
	    (second == NULL || field_is(rec->fields[1], second));
}

int
csv_record_comment(const struct csv_record *rec)
{
	size_t	n;

	return rec->nfields > 0 &&
	    *value_unblank(rec->fields[0], strlen(rec->fields[0]), &n) == '#';
}

int
csv_read(struct csv_reader *r, struct csv_record *rec, char **cause,
    size_t *err_line, size_t *err_col)
{
	size_t	pos = r->pos, line = r->line;
	int	rc;

	if (r->pos >= r->len)
		return r->more ? CSV_MORE : 0;
	rc = csv_read_window(r, rec, cause, err_line, err_col);
	/* A record that reached the end of the window may go on in what
	 * follows (or its line break may be a CR whose LF follows): it is
	 * read again from its start once more is fed. */
	if (r->more && r->pos >= r->len) {
		if (rc < 0 && cause != NULL) {
			free(*cause);
			*cause = NULL;
		}
		r->pos = pos;
		r->line = line;
		return CSV_MORE;
	}
	return rc;
}

/* csv_read within the window fed. */
static int
csv_read_window(struct csv_reader *r, struct csv_record *rec, char **cause,
    size_t *err_line, size_t *err_col)
{
	struct csv_error	e = { NULL, 0, 0, 0 }, bad = { NULL, 0, 0, 0 };
	size_t			i, bad_col = 0;
	int			rc;

	r->buflen = 0;
	r->nfields = 0;
	rec->line = r->line;
	rec->nfields = 0;
	while ((rc = csv_read_field(r, &e, &bad, &bad_col)) == 1)
		;
	if (rc != -1 && bad.msg != NULL) {
		/* The record is still handed back, its bad bytes shown as '?', so
		 * the caller can register what it defines and avoid reporting
		 * every later reference to it as well. */
		for (i = 0; i < r->buflen; i++)
			if ((unsigned char)r->buf[i] >= 0x80 &&
			    !utf8_valid(r->buf + i, utf8_seqlen(r->buf + i,
			    r->buflen - i), NULL))
				r->buf[i] = '?';
		for (i = 0; i < r->nfields; i++)
			r->fields[i] = r->buf + r->starts[i];
		rec->nfields = r->nfields;
		rec->fields = r->fields;
		rec->field_line = r->lines;
		csv_error_report(&bad, cause);
		if (err_line != NULL)
			*err_line = bad.line;
		if (err_col != NULL)
			*err_col = bad_col;
		return -1;
	}
	if (rc == -1) {
		csv_error_report(&e, cause);
		if (err_line != NULL)
			*err_line = e.line;
		if (err_col != NULL)
			*err_col = r->nfields;
		csv_skip_line(r);
		return -1;
	}
	for (i = 0; i < r->nfields; i++)
		r->fields[i] = r->buf + r->starts[i];
	rec->nfields = r->nfields;
	rec->fields = r->fields;
	rec->field_line = r->lines;
	return 1;
}

void
csv_writer_init(struct csv_writer *w, FILE *f, char sep, const char *eol)
{
	w->f = f;
	w->sep = sep;
	w->eol = eol != NULL ? eol : "\n";
	w->first = 1;
}

static int
csv_needs_quotes(const char *s, char sep)
{
	size_t	n = strlen(s);

	if (n == 0)
		return 0;
	if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t')
		return 1;
	for (; *s != '\0'; s++) {
		if (*s == sep || *s == '"' || *s == '\r' || *s == '\n')
			return 1;
	}
	return 0;
}

void
csv_write_field(struct csv_writer *w, const char *s)
{
	if (s == NULL)
		s = "";
	if (!w->first)
		fputc(w->sep, w->f);
	w->first = 0;
	if (!csv_needs_quotes(s, w->sep)) {
		fputs(s, w->f);
		return;
	}
	fputc('"', w->f);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', w->f);
		fputc(*s, w->f);
	}
	fputc('"', w->f);
}

void
csv_write_int(struct csv_writer *w, long long v)
{
	if (!w->first)
		fputc(w->sep, w->f);
	w->first = 0;
	fprintf(w->f, "%lld", v);
}

void
csv_end_row(struct csv_writer *w)
{
	fputs(w->eol, w->f);
	w->first = 1;
}

void
csv_write_heading(struct csv_writer *w, const char *format,
    const char *version, int nkinds, const char *(*name)(int kind, int col))
{
	const char	*col;
	char		*head;
	int		 k, j;

	csv_write_field(w, format);
	csv_write_field(w, version);
	csv_end_row(w);
	for (k = 0; k < nkinds; k++) {
		head = xasprintf("#%s", name(k, -1));
		csv_write_field(w, head);
		free(head);
		for (j = 0; (col = name(k, j)) != NULL; j++)
			csv_write_field(w, col);
		csv_end_row(w);
	}
}

void
csv_write_record(struct csv_writer *w, const char *kind,
    const char *const *fields, size_t nfields)
{
	size_t	n = nfields, j;

	while (n > 0 && (fields[n - 1] == NULL || fields[n - 1][0] == '\0'))
		n--;
	csv_write_field(w, kind);
	for (j = 0; j < n; j++)
		csv_write_field(w, fields[j]);
	csv_end_row(w);
}

void
csv_file_begin(struct csv_file_writer *fw, FILE *f, char sep,
    const char *eol, int bom, const char *format, const char *version,
    int nkinds, const char *(*name)(int kind, int col))
{
	csv_writer_init(&fw->w, f, sep, eol);
	fw->format = format;
	fw->version = version;
	fw->nkinds = nkinds;
	fw->name = name;
	fw->bom = bom;
	fw->begun = 0;
}

/* The BOM and the heading, once, before the first record. */
static void
csv_file_heading(struct csv_file_writer *fw)
{
	if (fw->begun)
		return;
	fw->begun = 1;
	if (fw->bom)
		fputs("\xef\xbb\xbf", fw->w.f);
	csv_write_heading(&fw->w, fw->format, fw->version, fw->nkinds,
	    fw->name);
}

void
csv_file_record(struct csv_file_writer *fw, const char *kind,
    const char *const *fields, size_t nfields)
{
	csv_file_heading(fw);
	csv_write_record(&fw->w, kind, fields, nfields);
}

void
csv_file_end(struct csv_file_writer *fw)
{
	csv_file_heading(fw);
}
