/*
 * Results files (man shisaku-plan(5), RESULTS FILES): one fiscal year's
 * results of a plan as a CSV/TSV template that offices fill in with Excel
 * and load back through the same workflow as the results form. The file
 * follows the plan file's conventions (row 1 is the format and its version,
 * #kind rows name the columns, the same quoting) with its own format name
 * and two kinds of row:
 *
 *	result  the plan file's result columns, then VER and context
 *	actual  the plan file's actual columns, then VER and context
 *
 * VER is the version of the entry the row was exported from, so that an
 * entry changed since can be refused. The context columns (and the
 * ENTERED_*, CONFIRMED_* columns) are there to be read in Excel and are
 * never read back as data. This module reads and writes the rows and
 * checks their form; what they mean to the database is store-resultfile.h's.
 * No curses, no SQL.
 */
#ifndef SHISAKU_RESULTFILE_H
#define SHISAKU_RESULTFILE_H

#include <stddef.h>
#include <stdio.h>

#include "shisaku/planfile.h"

#define RF_FORMAT_NAME "shisaku-results"
#define RF_FORMAT_VERSION "1"
#define RF_MAX_COLS 19

enum rf_kind { RF_RESULT, RF_ACTUAL, RF_KIND_COUNT };

/* Column indexes (0 = the first column after the kind). */
enum { RR_PLAN, RR_NODE, RR_FY, RR_STATUS, RR_GRADE, RR_STATE, RR_TEXT,
	RR_COMMENT, RR_RETURN, RR_ENTERED_BY, RR_ENTERED_AT, RR_CONFIRMED_BY,
	RR_CONFIRMED_AT, RR_VER, RR_CODE, RR_TITLE, RR_DEPT, RR_NCOLS };
enum { RA_PLAN, RA_IND, RA_FY, RA_VALUE, RA_NOTE, RA_STATE, RA_RETURN,
	RA_ENTERED_BY, RA_ENTERED_AT, RA_CONFIRMED_BY, RA_CONFIRMED_AT, RA_VER,
	RA_CODE, RA_TITLE, RA_NAME, RA_UNIT, RA_TARGET, RA_FINAL, RA_DEPT,
	RA_NCOLS };

/*
 * One row. Read from a file, the data columns are in canonical form:
 * PLAN, NODE, INDICATOR trimmed; FY a western year; STATUS and STATE the
 * vocabulary's Japanese word or "" (STATE 未入力 reads as ""); GRADE
 * the scale's key ("Ａ" reads as "A"); VER a decimal number; VALUE,
 * TEXT, COMMENT, NOTE and RETURN_COMMENT as written. Context columns
 * are kept as written, unread.
 */
struct rf_row {
	enum rf_kind	 kind;
	size_t		 line;		/* where the row starts; 0 if not read */
	char		*f[RF_MAX_COLS];	/* never NULL */
	int		 fy;		/* FY as a number */
	int		 ver;		/* VER as a number */
	int		 bad;		/* the row has errors */
};

/* Writes rows as a results file, one by one (rf_writer_begin first). */
struct rf_writer {
	struct csv_file_writer w;
};

struct rf_doc {
	struct rf_row	*rows;
	size_t		 n, cap;
	/* Set: the rows added are written as they come, not kept (an
	 * export of any size holds none of them). */
	struct rf_writer *writer;
	char		*file;		/* the name errors give; NULL */
	int		 cp932;		/* the file was read as CP932 */
	/* The PF_ERRORS_KEPT problems first in the file, in the file's
	 * order (line, then column) whichever check found them,
	 * "FILE:LINE:COLUMN: message"; nerrors counts them all. */
	char		**errors;
	size_t		 nkept;
	size_t		 nerrors;
	unsigned long long *error_at;	/* errors[i]'s line and column */
	/* What was read otherwise than written, and likely meant (a key
	 * Excel turned into a date), "FILE:LINE:COLUMN: message": the
	 * first PF_NOTES_KEPT, all of them counted in nnotes. */
	char		**notes;
	size_t		  nnotes_kept;
	size_t		  nnotes;
};

void rf_doc_init(struct rf_doc *d);
void rf_doc_free(struct rf_doc *d);

/* Adds a row (fields copied; missing ones ""); with d->writer, writes
 * it instead and returns NULL. */
struct rf_row *rf_doc_add(struct rf_doc *d, enum rf_kind kind,
    const char *const *fields, size_t nfields);

/* The header rows of a results file (its name and version, and each
 * kind's column names as comments), then rows one at a time, as rf_write
 * writes them. The header (and BOM) goes with the first row, or with
 * rf_writer_end for a file of none: a write that fails before its first
 * row leaves nothing, not even on standard output. */
void rf_writer_begin(struct rf_writer *rw, FILE *f, char sep,
    const char *eol, int bom);
void rf_writer_put(struct rf_writer *rw, enum rf_kind kind,
    const char *const *fields, size_t nfields);
void rf_writer_end(struct rf_writer *rw);

/*
 * Reads one results file's bytes (name for messages; TSV if it ends in
 * ".tsv"), UTF-8 with or without a BOM, into d, checking every row: its
 * kind and number of columns, each data column's form, that the plan, the
 * item or the indicator exist (res), the value against the indicator's
 * unit, the grade against the scale, and that no entry appears twice.
 * Problems go to d->errors; reading goes on. Returns the number of new
 * errors.
 */
size_t rf_read(struct rf_doc *d, const char *name, const char *data,
    size_t len, const struct pf_resolver *res);

/* Reads a file from disk ("-" = standard input) with infile_read: at
 * most max_bytes, in the encoding given (-1: detected; see textenc.h);
 * d->cp932 is set when it was read as CP932. */
size_t rf_read_file(struct rf_doc *d, const char *path, size_t max_bytes,
    int encoding, const struct pf_resolver *res);

/* Adds an error at row r's line and column col (a column index of r's
 * kind; -1 for the kind's column). */
void rf_error(struct rf_doc *d, const struct rf_row *r, int col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Writes d as a results file: row 1, a #kind row naming the columns of
 * each kind, then the rows. */
void rf_write(const struct rf_doc *d, FILE *f, char sep, const char *eol,
    int bom);

const char *rf_kind_name(enum rf_kind k);
size_t rf_kind_ncols(enum rf_kind k);
/* The name of column col of kind k ("VER"). */
const char *rf_col_name(enum rf_kind k, int col);

#endif
