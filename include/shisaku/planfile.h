/*
 * Plan files (man shisaku-plan(5)): reading CSV/TSV into checked records,
 * and writing records back. A plan document is a list of records in file
 * order, each a kind and its fields in canonical form (fiscal years as
 * western years, values with their unit, vocabulary words as database
 * keys). The store turns documents into rows and rows into documents; this
 * module knows nothing of SQL or curses.
 */
#ifndef SHISAKU_PLANFILE_H
#define SHISAKU_PLANFILE_H

#include <stddef.h>
#include <stdio.h>

#include "shisaku/csv.h"
#include "shisaku/textenc.h"
#include "shisaku/value.h"

#define PF_FORMAT_NAME "shisaku-plan"
#define PF_FORMAT_VERSION "1"
#define PF_MAX_COLS 15
#define PF_ERRORS_KEPT 50
#define PF_NOTES_KEPT 10

enum pf_kind {
	PF_PLAN, PF_LEVEL, PF_FLAG, PF_DEPT, PF_DEPTNAME, PF_NODE, PF_MARK,
	PF_ASSIGN, PF_YEARPLAN, PF_COST, PF_INDICATOR, PF_TARGET, PF_RESULT,
	PF_ACTUAL, PF_KIND_COUNT
};

/* Column indexes (0 = the first column after the kind). */
enum { PLAN_CODE, PLAN_NAME, PLAN_FIRST, PLAN_LAST, PLAN_ORG, PLAN_DESC };
enum { LEVEL_PLAN, LEVEL_DEPTH, LEVEL_NAME };
enum { FLAG_PLAN, FLAG_KEY, FLAG_LABEL, FLAG_SYMBOL };
enum { DEPT_CODE, DEPT_NAME, DEPT_ORG, DEPT_ABOLISHED, DEPT_MERGED_INTO };
enum { DEPTNAME_DEPT, DEPTNAME_UNTIL, DEPTNAME_NAME };
enum { NODE_PLAN, NODE_KEY, NODE_PARENT, NODE_CODE, NODE_TITLE, NODE_LABEL,
	NODE_FIRST, NODE_LAST, NODE_SUMMARY, NODE_MEANS, NODE_NOTE };
enum { MARK_PLAN, MARK_NODE, MARK_FLAG };
enum { ASSIGN_PLAN, ASSIGN_NODE, ASSIGN_DEPT, ASSIGN_MAIN, ASSIGN_FROM, ASSIGN_UNTIL };
enum { YP_PLAN, YP_NODE, YP_FROM, YP_TO, YP_TEXT };
enum { COST_PLAN, COST_NODE, COST_FY, COST_TREND };
enum { IND_PLAN, IND_KEY, IND_NODE, IND_NAME, IND_CATEGORY, IND_UNIT,
	IND_DIRECTION, IND_CUMULATIVE, IND_BASE, IND_BASE_FY, IND_FINAL,
	IND_FINAL_FY, IND_RATIONALE, IND_NOTE, IND_DEPT };
enum { TARGET_PLAN, TARGET_IND, TARGET_FY, TARGET_VALUE };
enum { RES_PLAN, RES_NODE, RES_FY, RES_STATUS, RES_GRADE, RES_STATE, RES_TEXT,
	RES_COMMENT, RES_RETURN, RES_ENTERED_BY, RES_ENTERED_AT,
	RES_CONFIRMED_BY, RES_CONFIRMED_AT };
enum { ACT_PLAN, ACT_IND, ACT_FY, ACT_VALUE, ACT_NOTE, ACT_STATE, ACT_RETURN,
	ACT_ENTERED_BY, ACT_ENTERED_AT, ACT_CONFIRMED_BY, ACT_CONFIRMED_AT };

/* The values of a record's value fields as the checks parsed them. */
struct pf_values {
	struct value	 v[PF_MAX_COLS];
	unsigned char	 have[PF_MAX_COLS];	/* v[i] is field i's */
};

struct pf_record {
	enum pf_kind	 kind;
	const char	*file;		/* borrowed from the document */
	size_t		 line;
	char		*f[PF_MAX_COLS];	/* canonical text, never NULL */
	/* A record handed to a sink (see pf_doc.sink): its value fields
	 * parsed, valid during the call; NULL in a kept document. */
	const struct pf_values *values;
};

/*
 * A receiver of records as they are read and checked (see pf_doc.sink).
 * take returns 0, or -1 to receive no more (the receiver keeps its own
 * reason).
 */
struct pf_sink {
	void	*arg;
	int	(*take)(void *arg, const struct pf_record *r);
};

struct pf_index;

struct pf_doc {
	struct pf_record *recs;
	size_t		  n, cap;
	/* Records read, by kind (streamed or kept). */
	size_t		  counts[PF_KIND_COUNT];
	/*
	 * A stream (set by the caller before reading): records are not kept
	 * in recs once checked, so that a file of any size is read in the
	 * memory of its keys. Each record that passes its checks while the
	 * document has no error at all is handed to sink (may be NULL: a
	 * check only) as it is read; after the first error nothing more is.
	 * sink_failed is set when sink->take refused a record.
	 */
	int		  stream;
	const struct pf_sink *sink;
	int		  sink_failed;
	/* What the checks know of the keys read so far (planfile.c). */
	struct pf_index	 *index;
	char		**files;	/* names the records point to */
	size_t		  nfiles;
	/* The first PF_ERRORS_KEPT problems, "FILE:LINE:COLUMN: message";
	 * nerrors counts them all, so a file broken on every line costs
	 * neither memory nor a screenful of repeats. */
	char		**errors;
	size_t		  nkept;
	size_t		  nerrors;
	/* What is not wrong but likely not meant (a code Excel turned into
	 * a date), "FILE:LINE:COLUMN: message": the first PF_NOTES_KEPT,
	 * all of them counted in nnotes. */
	char		**notes;
	size_t		  nnotes_kept;
	size_t		  nnotes;
	/* Keys and codes of a plan --replace replaces that Excel changed
	 * (1-1 saved as 1月1日) read as the database has them, each said,
	 * "FILE:LINE:COLUMN: message": the first PF_NOTES_KEPT, all of them
	 * counted in nrestored. */
	char		**restored;
	size_t		  nrestored_kept;
	size_t		  nrestored;
	/* The actual rows with a VALUE and no STATE of indicators reported
	 * on their own (store-actual.h), which the import loads as
	 * confirmed: the figures the plan printed (shisaku-plan(5)). */
	size_t		  confirmed_blank;
	/* After pf_check_replace: what --replace deletes, a plan a row. */
	struct pf_dropped *dropped;
	size_t		  ndropped;
	/* When set, pf_read calls it every so many records with the line
	 * it has reached of the file's lines (for a progress line). */
	void		(*progress)(void *arg, size_t line, size_t lines);
	void		 *progress_arg;
	/* When set (an export), pf_doc_add hands each record to it as it
	 * comes and keeps nothing, so that writing a plan of any size costs
	 * the memory of one record. */
	struct pf_writer *writer;
};

/* Writes records as a plan file, one by one (pf_writer_begin first). */
struct pf_writer {
	struct csv_file_writer w;
};

/*
 * What the database already holds, for references a file makes to plans,
 * departments, nodes and indicators loaded earlier (a results file refers
 * to a plan already in the database). Each returns 1 if found.
 */
struct pf_resolver {
	void	*arg;
	int	(*plan_exists)(void *arg, const char *plan);
	/* *name is set to the department's current name (malloc'd). */
	int	(*dept_exists)(void *arg, const char *dept, char **name);
	/* The last fiscal year the department was called name, among its
	 * earlier names in the database; 0 when it never was (may be NULL). */
	int	(*dept_named_until)(void *arg, const char *dept,
		    const char *name);
	/* The code of the only department called name now (malloc'd), or
	 * NULL (may be NULL). */
	char	*(*dept_code_named)(void *arg, const char *name);
	/* The code of a department that word is likely a slip for
	 * (util_nearest_name), malloc'd, or NULL (may be NULL). */
	char	*(*dept_code_near)(void *arg, const char *word);
	int	(*node_exists)(void *arg, const char *plan, const char *node);
	/* *unit is set to the indicator's unit (malloc'd). */
	int	(*indicator_exists)(void *arg, const char *plan, const char *ind,
		    char **unit);
	/* 1 when the plan's indicator in the database is reported on its
	 * own (store-actual.h: of the plan, of a node above the items, or
	 * with a department of its own), 0 when with its item's result or
	 * not found. May be NULL. */
	int	(*indicator_own)(void *arg, const char *plan, const char *ind);
	/* The evaluation scale: the key of it that grade stands for (grade
	 * itself, or the key it is in full-width letters), or NULL. From
	 * the configuration, never the store: it is asked for every result
	 * row, beside the writing of the rows before (recpipe.h). */
	const char *(*grade_key)(void *arg, const char *grade);
	/* How many results and actual values the plan has in the database. */
	long	(*plan_results)(void *arg, const char *plan);
	/* The keys of the plan's nodes (indicators: of its indicators) in
	 * the database, in the plan's order, into *keys (malloc'd, each
	 * key too), and of nodes their printed codes beside them into
	 * *codes when codes is not NULL; how many. May be NULL. */
	size_t	(*plan_keys)(void *arg, const char *plan, int indicators,
		    char ***keys, char ***codes);
};

/* What an import with --replace deletes of a plan in the database: its
 * nodes and indicators the files do not define again (their history
 * stays, without them). The first PF_DROPPED_NAMED keys of each are
 * named. */
#define PF_DROPPED_NAMED 10
struct pf_dropped {
	char	*plan;
	size_t	 nnodes, ninds;
	char	*nodes;		/* "1-1、1-2" (malloc'd; "" when none) */
	char	*inds;
};

void pf_doc_init(struct pf_doc *d);
void pf_doc_free(struct pf_doc *d);

/* Adds a record to d (fields are copied; missing fields are ""); with
 * d->writer set, writes it there instead and returns NULL. */
struct pf_record *pf_doc_add(struct pf_doc *d, enum pf_kind kind,
    const char *const *fields, size_t nfields);

/*
 * Reads one file's bytes (name for messages; TSV if it ends in ".tsv")
 * into d, checking every record against the format and against what d
 * and the resolver already hold. Problems are appended to d->errors and
 * reading goes on; replace means plans that exist in the database may be
 * redefined. Returns the number of new errors.
 */
size_t pf_read(struct pf_doc *d, const char *name, const char *data, size_t len,
    const struct pf_resolver *res, int replace);

/*
 * For an import with --replace, after every file is read: a plan that is
 * replaced deletes its results, so a plan whose results in the database
 * (counted when its plan row was read) the document does not carry again
 * (no result or actual rows for it) is an error at its plan row. The
 * nodes and indicators of a replaced plan that the document does not
 * define again go to d->dropped. Returns the number of new errors.
 */
size_t pf_check_replace(struct pf_doc *d, const struct pf_resolver *res);

/*
 * The nodes the document gives no department, no assign row, under a node
 * it gives some: each is in the charge of the departments of the nearest
 * such node above it (a plan that prints its 担当課 at a policy, for the
 * policy's measures and items and their indicators). Calls fn for each,
 * in the file's order, with the plan's code, the node's key and that
 * node's key, until fn returns non-zero. Returns how many there are, or
 * -1 when fn stopped. After every file is read, before
 * pf_doc_forget_keys (0 after it).
 */
typedef int (*pf_inherit_fn)(void *arg, const char *plan, const char *node,
    const char *from);
long pf_doc_inherits(const struct pf_doc *d, pf_inherit_fn fn, void *arg);

/* Lets go of what the checks know of the keys read (a streamed document
 * whose every file is read and checked, before a long write): the
 * counts, errors and records stay. */
void pf_doc_forget_keys(struct pf_doc *d);

/* Reads a file from disk (or "-" for standard input) of at most
 * max_bytes (encoding -1 detects it, see textenc.h) as pf_read does; a
 * file of valid UTF-8 is read piece by piece (infile_stream_open), any
 * other whole (infile_read). A file that cannot be read is one error.
 * pf_read_path also says how the file was read in *enc, and in *denied
 * whether it could not be opened for want of permission (either may be
 * NULL). */
#define PF_MAX_BYTES_DEFAULT (64u << 20)
size_t pf_read_file(struct pf_doc *d, const char *path, size_t max_bytes,
    int encoding, const struct pf_resolver *res, int replace);
size_t pf_read_path(struct pf_doc *d, const char *path, size_t max_bytes,
    int encoding, const struct pf_resolver *res, int replace,
    enum text_encoding *enc, int *denied);

/* Adds a problem that belongs to no line (counted; kept while fewer than
 * PF_ERRORS_KEPT are). */
void pf_doc_error(struct pf_doc *d, const char *msg);

/* Writes d as a plan file with a header of column names. */
void pf_write(const struct pf_doc *d, FILE *f, char sep, const char *eol, int bom);
/* The same a record at a time: the format line and the header, then each
 * record (trailing empty fields left out, as the format allows). */
/* The file's heading (and BOM) is written with the first record, or by
 * pf_writer_end for a file of none: a write that fails before its first
 * record leaves nothing, not even on standard output. */
void pf_writer_begin(struct pf_writer *pw, FILE *f, char sep,
    const char *eol, int bom);
void pf_writer_put(struct pf_writer *pw, enum pf_kind kind,
    const char *const *fields, size_t nfields);
void pf_writer_end(struct pf_writer *pw);

const char *pf_kind_name(enum pf_kind k);
size_t pf_kind_ncols(enum pf_kind k);

/*
 * The hint of the error for a row of a kind not among names[0..n) (the
 * kinds of a file): the kind word is likely a slip for (util_nearest_name),
 * or all the kinds, in the parentheses the message ends with. *near is
 * that kind's index, or -1. Returns a string to free.
 */
char *pf_unknown_kind_hint(const char *word, const char *const *names,
    size_t n, int *near);

#endif
