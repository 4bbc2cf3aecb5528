/*
 * CSV/TSV reading and writing (RFC 4180 style), as Excel writes and reads
 * it: UTF-8 with or without BOM, CRLF or LF, quoted fields holding
 * separators, quotes ("") and newlines. No curses, no SQL.
 */
#ifndef SHISAKU_CSV_H
#define SHISAKU_CSV_H

#include <stddef.h>
#include <stdio.h>

struct csv_reader;

/* One record. fields[i] are NUL-terminated, owned by the reader and valid
 * until the next csv_read. line is the physical line (1-based) where the
 * record starts; field_line[i] the line where field i starts. */
struct csv_record {
	size_t		  nfields;
	char		**fields;
	size_t		 *field_line;
	size_t		  line;
};

/* Reads from a memory buffer (not copied; must outlive the reader). A BOM
 * at the start is skipped. sep is ',' or '\t'. */
struct csv_reader *csv_reader_new(const char *data, size_t len, char sep);
void csv_reader_free(struct csv_reader *r);

/*
 * Reading a large input piece by piece: a reader made by
 * csv_reader_new_stream is fed a window of the input (not copied);
 * csv_read then returns CSV_MORE where a record might go on past the
 * window (unless last says the window ends the input). The caller keeps
 * the input from csv_reader_pos() on, adds what follows and feeds the
 * reader again: records, lines and errors come out exactly as from the
 * whole input at once. A BOM is skipped at the start of the first window.
 */
#define CSV_MORE 2
struct csv_reader *csv_reader_new_stream(char sep);
void csv_reader_feed(struct csv_reader *r, const char *data, size_t len, int last);
size_t csv_reader_pos(const struct csv_reader *r);
/* The whole input is known to be valid UTF-8 without NUL (checked
 * before): fields are not checked again. */
void csv_reader_utf8_checked(struct csv_reader *r);

/*
 * Reads the next record. Returns 1 when a record was read, 0 at end of
 * input, -1 on a syntax error with *cause a malloc'd message and
 * *err_line and *err_col (1-based line and field number) set; after an error
 * the reader skips to the next line so the caller can go on collecting
 * errors. Errors: an unterminated quoted field, a quote inside an unquoted
 * field, text after a closing quote, invalid UTF-8 (reported at the field
 * holding it), a NUL byte. The line reported is the physical line of the
 * fault (of the opening quote for an unterminated field); an unterminated
 * field swallows the rest of the input. Invalid UTF-8 or a NUL does not
 * break the record's structure: the whole record is read, rec is filled
 * (bad bytes shown as '?') and -1 is returned; for the other errors
 * rec->nfields is 0.
 * A blank line is a record of one empty field (the caller decides to skip
 * it). A line break inside a quoted field is returned as "\n" whether the
 * file has LF, CRLF or CR there.
 */
int csv_read(struct csv_reader *r, struct csv_record *rec, char **cause,
    size_t *err_line, size_t *err_col);

/* Whether a record read is a blank row: a blank line, or a line of empty
 * fields only, as a spreadsheet saves an empty row inside its range
 * (",,,,,"). */
int csv_record_blank(const struct csv_record *rec);

/* Whether a record's first field is word, and (second not NULL) its
 * second is second, blanks (ASCII, U+3000) around them aside: the
 * header of a file copied out of an indented example. */
int csv_record_is(const struct csv_record *rec, const char *word,
    const char *second);

/* Whether a record is a comment: its first field begins with #, after
 * any blanks. */
int csv_record_comment(const struct csv_record *rec);

/* Writing. Fields are quoted only when needed (separator, quote, CR, LF,
 * or leading/trailing blank). Lines end with eol ("\n" or "\r\n"). */
struct csv_writer {
	FILE		*f;
	char		 sep;
	const char	*eol;
	int		 first;	/* no field written yet on this line */
};
void csv_writer_init(struct csv_writer *w, FILE *f, char sep, const char *eol);
void csv_write_field(struct csv_writer *w, const char *s);	/* NULL = "" */
void csv_write_int(struct csv_writer *w, long long v);
void csv_end_row(struct csv_writer *w);

/*
 * Files of records (plan files, results files), as export writes them:
 * csv_write_heading writes the first row, "FORMAT,VERSION", then a
 * comment row for each of nkinds kinds, "#KIND,COLUMN,...", so that the
 * file explains itself; name(k, -1) is kind k's name and name(k, j) its
 * column j's, NULL past the last. csv_write_record writes one record:
 * the kind, then its fields (NULL is ""), the trailing empty ones left
 * out, as the formats allow.
 */
void csv_write_heading(struct csv_writer *w, const char *format,
    const char *version, int nkinds, const char *(*name)(int kind, int col));
void csv_write_record(struct csv_writer *w, const char *kind,
    const char *const *fields, size_t nfields);

/*
 * A file of records written one by one: the BOM (when asked) and the
 * heading go with the first record, or with csv_file_end for a file of
 * none, so that a write that fails before its first record leaves
 * nothing, not even on standard output.
 */
struct csv_file_writer {
	struct csv_writer  w;
	const char	  *format, *version;
	int		   nkinds;
	const char	*(*name)(int kind, int col);
	int		   bom;
	int		   begun;	/* the heading is written */
};
void csv_file_begin(struct csv_file_writer *fw, FILE *f, char sep,
    const char *eol, int bom, const char *format, const char *version,
    int nkinds, const char *(*name)(int kind, int col));
void csv_file_record(struct csv_file_writer *fw, const char *kind,
    const char *const *fields, size_t nfields);
void csv_file_end(struct csv_file_writer *fw);

#endif
