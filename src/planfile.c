/*
 * Plan files: reading CSV/TSV into checked, canonical records and writing
 * records back (see planfile.h and shisaku-plan(5)). Every column of every
 * record kind is described once in the table below; reading, checking and
 * writing all follow it, so the format has one definition.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shisaku/csv.h"
#include "shisaku/excelform.h"
#include "shisaku/fy.h"
#include "shisaku/infile.h"
#include "shisaku/planfile.h"
#include "shisaku/resultfile.h"
#include "shisaku/textfold.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/vocab.h"

enum col_type {
	C_TEXT,		/* any text, may be empty */
	C_NAME,		/* required text */
	C_KEY,		/* required, one line, no surrounding blanks */
	C_OPTKEY,	/* like C_KEY but may be empty (a parent, a node) */
	C_FY,		/* fiscal year or empty */
	C_FY_REQ,	/* fiscal year */
	C_BOOL,		/* 1, 0 or empty */
	C_DEPTH,	/* 1..4 */
	C_VALUE,	/* indicator value, checked against the unit */
	C_DIRECTION,	/* vocabulary words, or empty */
	C_TREND,
	C_STATUS,
	C_STATE,
	C_OPTSTATE,	/* a workflow state, or empty */
	C_GRADE,	/* a key of the evaluation scale, or empty */
	C_TIME		/* YYYY-MM-DDTHH:MM:SS or empty */
};

struct col {
	const char	*name;
	enum col_type	 type;
};

struct kind {
	const char	*name;
	size_t		 ncols;
	struct col	 cols[PF_MAX_COLS];
};

static const struct kind kinds[PF_KIND_COUNT] = {
	[PF_PLAN] = { "plan", 6, { { "PLAN", C_KEY }, { "NAME", C_NAME },
	    { "FIRST_FY", C_FY }, { "LAST_FY", C_FY }, { "ORG", C_TEXT },
	    { "DESCRIPTION", C_TEXT } } },
	[PF_LEVEL] = { "level", 3, { { "PLAN", C_KEY }, { "DEPTH", C_DEPTH },
	    { "NAME", C_NAME } } },
	[PF_FLAG] = { "flag", 4, { { "PLAN", C_KEY }, { "FLAG", C_KEY },
	    { "LABEL", C_NAME }, { "SYMBOL", C_TEXT } } },
	[PF_DEPT] = { "dept", 5, { { "DEPT", C_KEY }, { "NAME", C_NAME },
	    { "ORG", C_TEXT }, { "ABOLISHED_AFTER_FY", C_FY },
	    { "MERGED_INTO", C_OPTKEY } } },
	[PF_DEPTNAME] = { "deptname", 3, { { "DEPT", C_KEY },
	    { "UNTIL_FY", C_FY_REQ }, { "OLD_NAME", C_NAME } } },
	[PF_NODE] = { "node", 11, { { "PLAN", C_KEY }, { "KEY", C_KEY },
	    { "PARENT", C_OPTKEY }, { "CODE", C_TEXT }, { "TITLE", C_NAME },
	    { "LABEL", C_TEXT }, { "FIRST_FY", C_FY }, { "LAST_FY", C_FY },
	    { "SUMMARY", C_TEXT }, { "MEANS", C_TEXT }, { "NOTE", C_TEXT } } },
	[PF_MARK] = { "mark", 3, { { "PLAN", C_KEY }, { "NODE", C_KEY },
	    { "FLAG", C_KEY } } },
	[PF_ASSIGN] = { "assign", 6, { { "PLAN", C_KEY }, { "NODE", C_KEY },
	    { "DEPT", C_KEY }, { "MAIN", C_BOOL }, { "FROM_FY", C_FY },
	    { "UNTIL_FY", C_FY } } },
	[PF_YEARPLAN] = { "yearplan", 5, { { "PLAN", C_KEY }, { "NODE", C_KEY },
	    { "FROM_FY", C_FY_REQ }, { "TO_FY", C_FY_REQ }, { "TEXT", C_NAME } } },
	[PF_COST] = { "cost", 4, { { "PLAN", C_KEY }, { "NODE", C_KEY },
	    { "FY", C_FY_REQ }, { "TREND", C_TREND } } },
	[PF_INDICATOR] = { "indicator", 15, { { "PLAN", C_KEY }, { "KEY", C_KEY },
	    { "NODE", C_OPTKEY }, { "NAME", C_NAME }, { "CATEGORY", C_TEXT },
	    { "UNIT", C_TEXT }, { "DIRECTION", C_DIRECTION },
	    { "CUMULATIVE", C_BOOL }, { "BASE_VALUE", C_VALUE },
	    { "BASE_FY", C_FY }, { "FINAL_VALUE", C_VALUE },
	    { "FINAL_FY", C_FY }, { "RATIONALE", C_TEXT }, { "NOTE", C_TEXT },
	    { "DEPT", C_OPTKEY } } },
	[PF_TARGET] = { "target", 4, { { "PLAN", C_KEY }, { "INDICATOR", C_KEY },
	    { "FY", C_FY_REQ }, { "VALUE", C_VALUE } } },
	[PF_RESULT] = { "result", 13, { { "PLAN", C_KEY }, { "NODE", C_KEY },
	    { "FY", C_FY_REQ }, { "STATUS", C_STATUS }, { "GRADE", C_GRADE },
	    { "STATE", C_STATE }, { "TEXT", C_TEXT }, { "COMMENT", C_TEXT },
	    { "RETURN_COMMENT", C_TEXT }, { "ENTERED_BY", C_TEXT },
	    { "ENTERED_AT", C_TIME }, { "CONFIRMED_BY", C_TEXT },
	    { "CONFIRMED_AT", C_TIME } } },
	[PF_ACTUAL] = { "actual", 11, { { "PLAN", C_KEY }, { "INDICATOR", C_KEY },
	    { "FY", C_FY_REQ }, { "VALUE", C_VALUE }, { "NOTE", C_TEXT },
	    { "STATE", C_OPTSTATE }, { "RETURN_COMMENT", C_TEXT },
	    { "ENTERED_BY", C_TEXT }, { "ENTERED_AT", C_TIME },
	    { "CONFIRMED_BY", C_TEXT }, { "CONFIRMED_AT", C_TIME } } },
};

/* Longest text accepted in any field; a real sheet's longest text is a few
 * thousand characters. */
#define PF_FIELD_MAX 100000
#define PF_KEY_MAX 200

const char *
pf_kind_name(enum pf_kind k)
{
	return kinds[k].name;
}

size_t
pf_kind_ncols(enum pf_kind k)
{
	return kinds[k].ncols;
}

void
pf_doc_init(struct pf_doc *d)
{
	memset(d, 0, sizeof *d);
}

static void index_free(struct pf_index *x);

void
pf_doc_free(struct pf_doc *d)
{
	size_t	i, j;

	for (i = 0; i < d->n; i++)
		for (j = 0; j < PF_MAX_COLS; j++)
			free(d->recs[i].f[j]);
	free(d->recs);
	for (i = 0; i < d->nfiles; i++)
		free(d->files[i]);
	free(d->files);
	for (i = 0; i < d->nkept; i++)
		free(d->errors[i]);
	free(d->errors);
	for (i = 0; i < d->nnotes_kept; i++)
		free(d->notes[i]);
	free(d->notes);
	for (i = 0; i < d->nrestored_kept; i++)
		free(d->restored[i]);
	free(d->restored);
	for (i = 0; i < d->ndropped; i++) {
		free(d->dropped[i].plan);
		free(d->dropped[i].nodes);
		free(d->dropped[i].inds);
	}
	free(d->dropped);
	index_free(d->index);
	memset(d, 0, sizeof *d);
}

void
pf_doc_forget_keys(struct pf_doc *d)
{
	index_free(d->index);
	d->index = NULL;
}

struct pf_record *
pf_doc_add(struct pf_doc *d, enum pf_kind kind, const char *const *fields,
    size_t nfields)
{
	struct pf_record	*r;
	size_t			 j;

	if (d->writer != NULL) {
		pf_writer_put(d->writer, kind, fields, nfields);
		return NULL;
	}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 256;
		d->recs = xreallocarray(d->recs, d->cap, sizeof *d->recs);
	}
	r = &d->recs[d->n++];
	memset(r, 0, sizeof *r);
	r->kind = kind;
	for (j = 0; j < PF_MAX_COLS; j++)
		r->f[j] = xstrdup(j < nfields && fields[j] ? fields[j] : "");
	return r;
}

/* Counts a message in *count and keeps the first max of them in *list
 * (*nkept), as "FILE:LINE:COLUMN: message" (no column when col is 0). */
static void
keep_message(char ***list, size_t *nkept, size_t *count, size_t max,
    const char *file, size_t line, size_t col, const char *fmt, va_list ap)
{
	char	*msg;

	(*count)++;
	if (*nkept >= max)
		return;		/* counted, not kept */
	msg = xvasprintf(fmt, ap);
	*list = xreallocarray(*list, *nkept + 1, sizeof **list);
	(*list)[(*nkept)++] = col > 0 ?
	    xasprintf("%s:%zu:%zu: %s", file, line, col, msg) :
	    xasprintf("%s:%zu: %s", file, line, msg);
	free(msg);
}

static void
add_error(struct pf_doc *d, const char *file, size_t line, size_t col,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	keep_message(&d->errors, &d->nkept, &d->nerrors, PF_ERRORS_KEPT, file,
	    line, col, fmt, ap);
	va_end(ap);
}

/*
 * The checking of one record's references and uniqueness against what
 * came before (in this document or in the database), through an index of
 * the keys seen. The index lives with the document, across its files; it
 * holds what later rows need of a key (an indicator's unit, a
 * department's name, a node's depth, the years of a node's or an
 * indicator's yearly rows), never the records, so that a document read
 * as a stream (pf_doc.stream) costs the memory of its keys only. Its
 * table grows with the keys: a lookup stays one probe at any size.
 */
struct entry {
	struct entry	*next;
	size_t		 hash;
	char		*info;		/* an indicator's unit, a department's
					   name; NULL */
	unsigned long	 serial;	/* names the entry in the year set */
	int		 depth;		/* a node's depth, 1 at the top */
	int		 unsure;	/* an indicator from a row whose columns
					   were too many: its unit is not known */
	int		 told;		/* a plan whose node came before any
					   level row: said once */
	int		 assigned;	/* a node with an assign row */
	struct entry	*up;		/* a node's parent in the document; an
					   indicator's node */
	int		 ybase[2];	/* first year of years[i]; 0 = none yet */
	uint64_t	 years[2];	/* years of the entry's yearly rows */
	int		 kind;
	int		 own;		/* an indicator reported on its own:
					   of the file, for sure (of the plan,
					   or with a DEPT; else see up); of the
					   database, as it says. In what was
					   padding. */
	char		 key[];		/* plan "\x1f" key */
};

/* Entries beyond the record kinds: a node or an indicator of a plan in
 * the database (not in the document), looked up there once. */
#define KIND_DB_NODE (PF_KIND_COUNT + 1)
#define KIND_DB_INDICATOR (PF_KIND_COUNT + 2)
#define KIND_DB_DEPT (PF_KIND_COUNT + 3)
/* A flag's label or symbol, with the flag's key in info ("" when two
 * flags of the plan have it). */
#define KIND_FLAG_WORD (PF_KIND_COUNT + 4)

/* A map of 64-bit keys other than 0 to values, open addressing. */
struct u64map {
	struct u64slot {
		uint64_t	key;
		uint64_t	val;
	}		*slot;
	size_t		 size, n;
};

/* A plan that --replace deletes while the database holds results of it:
 * the document must carry results of it again (pf_check_replace). */
struct replaced {
	char		*plan;
	const char	*file;
	size_t		 line;
	long		 results;	/* in the database */
	int		 carried;	/* the document has result or actual rows */
	/* The keys of its nodes and indicators in the database, read
	 * before the replace deletes them, and the nodes' codes. */
	char		**old_keys[2];
	char		**old_codes;
	size_t		  nold[2];
	/* Of each kind: an old key's hash to its index + 1; a form Excel
	 * left of an old key (see restore_key) to that key's index + 1. */
	struct u64map	  old_set[2];
	struct u64map	  excel_set[2];
};

struct pf_index {
	struct entry	**buckets;
	size_t		  nbuckets, n;
	unsigned long	  serial;
	/* Years outside an entry's window of 64 years: a set of
	 * serial << 20 | slot << 16 | year. */
	struct u64map	  yset;
	/* The printed codes of the nodes, by their parent (the plan at the
	 * top level): a hash of the parent's serial and the code, with the
	 * line of the first node that printed it. */
	struct u64map	  codes;
	struct replaced	 *replaced;
	size_t		  nreplaced;
	/* The codes of the plans defined, for the one a code that is not
	 * among them is likely a slip for. */
	char		**plans;
	size_t		  nplans;
	/* The codes of the departments defined and their names, for the
	 * one a code is likely a slip for, or the code of a name written
	 * where a code goes. */
	char		**depts, **dept_names;
	size_t		  ndepts;
	size_t		  indexed;	/* recs[0 .. indexed) are in the index */
	/* The record of a stream, its fields' buffers kept from one record
	 * to the next (scap: their sizes). */
	struct pf_record  scratch;
	size_t		  scap[PF_MAX_COLS];
	struct pf_values  values;	/* the scratch record's values */
};

struct checker {
	struct pf_doc			*d;
	struct pf_index			*x;
	const struct pf_resolver	*res;
	const char			*file;
	int				 replace;
	int				 header_seen;
	/* dept rows whose name is not the database's: a rename, when the
	 * file's deptname rows that follow give the database's name as an
	 * earlier one (checked at the end of the file). */
	struct renamed {
		char	*code;
		char	*dbname;
		char	*name;		/* the file's */
		int	 until;		/* the last year the database knows
					   the file's name for; 0 */
		size_t	 line;
		int	 found;
	}				*renamed;
	size_t				 nrenamed;
	/* Progress: records read, and the lines of the file (0: unknown). */
	size_t				 nrec, lines;
	int				 last_kind;	/* see kind_of */
};

/* FNV-1a, 64 bits: the hashes of the index's keys and of the codes. */
#define FNV_BASIS 14695981039346656037u
#define FNV_PRIME 1099511628211u

static uint64_t
fnv_add(uint64_t h, const char *s)
{
	while (*s)
		h = (h ^ (unsigned char)*s++) * FNV_PRIME;
	return h;
}

static size_t
hash_key(int k, const char *plan, const char *key)
{
	uint64_t	h = (FNV_BASIS ^ (unsigned char)k) * FNV_PRIME;

	h = (fnv_add(h, plan) ^ 0x1f) * FNV_PRIME;
	return (size_t)fnv_add(h, key);
}

static int
entry_is(const struct entry *e, size_t h, int k, const char *plan,
    const char *key)
{
	size_t	n = strlen(plan);

	return e->hash == h && e->kind == k && strncmp(e->key, plan, n) == 0 &&
	    e->key[n] == '\x1f' && strcmp(e->key + n + 1, key) == 0;
}

static struct entry *
index_lookup(const struct pf_index *x, int k, const char *plan,
    const char *key)
{
	struct entry	*e;
	size_t		 h;

	if (key == NULL)
		key = "";
	h = hash_key(k, plan, key);
	for (e = x->buckets[h % x->nbuckets]; e; e = e->next)
		if (entry_is(e, h, k, plan, key))
			return e;
	return NULL;
}

static struct entry *
index_find(struct checker *c, int k, const char *plan, const char *key)
{
	return index_lookup(c->x, k, plan, key);
}

static void
index_grow(struct pf_index *x)
{
	struct entry	**b, *e, *next;
	size_t		  n = x->nbuckets * 2, i;

	b = xcalloc(n, sizeof *b);
	for (i = 0; i < x->nbuckets; i++)
		for (e = x->buckets[i]; e; e = next) {
			next = e->next;
			e->next = b[e->hash % n];
			b[e->hash % n] = e;
		}
	free(x->buckets);
	x->buckets = b;
	x->nbuckets = n;
}

/* Adds a key (the caller has made sure it is new). */
static struct entry *
index_add(struct checker *c, int k, const char *plan, const char *key)
{
	struct pf_index	*x = c->x;
	struct entry	*e;
	size_t		 np, nk;

	if (key == NULL)
		key = "";
	np = strlen(plan);
	nk = strlen(key);
	if (x->n >= x->nbuckets)
		index_grow(x);
	e = xcalloc(1, sizeof *e + np + nk + 2);
	e->hash = hash_key(k, plan, key);
	e->kind = k;
	e->serial = ++x->serial;
	memcpy(e->key, plan, np);
	e->key[np] = '\x1f';
	memcpy(e->key + np + 1, key, nk + 1);
	e->next = x->buckets[e->hash % x->nbuckets];
	x->buckets[e->hash % x->nbuckets] = e;
	x->n++;
	if (k == PF_PLAN) {
		x->plans = xreallocarray(x->plans, x->nplans + 1,
		    sizeof *x->plans);
		x->plans[x->nplans++] = xstrdup(plan);
	}
	return e;
}

static void
index_free(struct pf_index *x)
{
	size_t		 i, j;
	int		 k;
	struct entry	*e, *next;

	if (x == NULL)
		return;
	for (i = 0; i < x->nbuckets; i++)
		for (e = x->buckets[i]; e; e = next) {
			next = e->next;
			free(e->info);
			free(e);
		}
	free(x->buckets);
	free(x->yset.slot);
	free(x->codes.slot);
	for (i = 0; i < x->nreplaced; i++) {
		free(x->replaced[i].plan);
		for (k = 0; k < 2; k++) {
			for (j = 0; j < x->replaced[i].nold[k]; j++)
				free(x->replaced[i].old_keys[k][j]);
			free(x->replaced[i].old_keys[k]);
			free(x->replaced[i].old_set[k].slot);
			free(x->replaced[i].excel_set[k].slot);
		}
		for (j = 0; j < x->replaced[i].nold[0]; j++)
			free(x->replaced[i].old_codes[j]);
		free(x->replaced[i].old_codes);
	}
	free(x->replaced);
	for (i = 0; i < x->nplans; i++)
		free(x->plans[i]);
	free(x->plans);
	for (i = 0; i < x->ndepts; i++) {
		free(x->depts[i]);
		free(x->dept_names[i]);
	}
	free(x->depts);
	free(x->dept_names);
	for (i = 0; i < PF_MAX_COLS; i++) {
		free(x->scratch.f[i]);
		value_clear(&x->values.v[i]);
	}
	free(x);
}

/* Fills the scratch record of a stream with a record's fields. */
static struct pf_record *
scratch_fill(struct pf_index *x, enum pf_kind kind, const char *const *fields,
    size_t nfields)
{
	struct pf_record	*r = &x->scratch;
	const char		*src;
	size_t			 j, n;

	r->kind = kind;
	r->values = &x->values;
	for (j = 0; j < PF_MAX_COLS; j++) {
		if (x->values.have[j]) {
			value_clear(&x->values.v[j]);
			x->values.have[j] = 0;
		}
		if (j >= nfields && x->scap[j] > 0) {
			r->f[j][0] = '\0';	/* no field: empty */
			continue;
		}
		src = j < nfields && fields[j] ? fields[j] : "";
		n = strlen(src) + 1;
		if (x->scap[j] < n) {
			r->f[j] = xreallocarray(r->f[j], n, 1);
			x->scap[j] = n;
		}
		memcpy(r->f[j], src, n);
	}
	return r;
}

/* Replaces field i of r with owned (malloc'd). */
static void
replace_field(struct checker *c, struct pf_record *r, int i, char *owned)
{
	free(r->f[i]);
	r->f[i] = owned;
	if (r == &c->x->scratch)
		c->x->scap[i] = strlen(owned) + 1;
}

static struct pf_index *
index_new(void)
{
	struct pf_index	*x = xcalloc(1, sizeof *x);

	x->nbuckets = 1024;
	x->buckets = xcalloc(x->nbuckets, sizeof *x->buckets);
	return x;
}

/* Puts key (not 0) with val into m, unless it is there already: then
 * returns 1 with *was (when not NULL) its value. */
static int
u64map_put(struct u64map *m, uint64_t key, uint64_t val, uint64_t *was)
{
	struct u64slot	*old;
	size_t		 i, j;

	if (2 * (m->n + 1) > m->size) {
		old = m->slot;
		j = m->size;
		m->size = m->size ? m->size * 2 : 1024;
		m->slot = xcalloc(m->size, sizeof *m->slot);
		m->n = 0;
		for (i = 0; i < j; i++)
			if (old[i].key != 0)
				u64map_put(m, old[i].key, old[i].val, NULL);
		free(old);
	}
	for (i = (size_t)(key * 0x9e3779b97f4a7c15u) % m->size;
	    m->slot[i].key != 0; i = (i + 1) % m->size)
		if (m->slot[i].key == key) {
			if (was != NULL)
				*was = m->slot[i].val;
			return 1;
		}
	m->slot[i].key = key;
	m->slot[i].val = val;
	m->n++;
	return 0;
}

/* The value of key (not 0) in m, or 0 when m has none. */
static uint64_t
u64map_get(const struct u64map *m, uint64_t key)
{
	size_t	i;

	if (m->size == 0)
		return 0;
	for (i = (size_t)(key * 0x9e3779b97f4a7c15u) % m->size;
	    m->slot[i].key != 0; i = (i + 1) % m->size)
		if (m->slot[i].key == key)
			return m->slot[i].val;
	return 0;
}

/* Marks year fy of slot (0 or 1: which yearly rows) of e as seen;
 * returns 1 if it was seen before. */
static int
year_seen(struct pf_index *x, struct entry *e, int slot, int fy)
{
	uint64_t	bit;

	if (e->ybase[slot] == 0)
		e->ybase[slot] = fy > FY_MIN + 16 ? fy - 16 : FY_MIN;
	if (fy >= e->ybase[slot] && fy < e->ybase[slot] + 64) {
		bit = (uint64_t)1 << (fy - e->ybase[slot]);
		if (e->years[slot] & bit)
			return 1;
		e->years[slot] |= bit;
		return 0;
	}
	return u64map_put(&x->yset, (uint64_t)e->serial << 20 |
	    (uint64_t)slot << 16 | (uint64_t)(fy - FY_MIN + 1), 0, NULL);
}

/* The column number (1-based, the kind being column 1) of field i. */
#define COLNO(i) ((size_t)(i) + 2)

#define ERR(rec, i, ...) \
	add_error(c->d, c->file, (rec)->line, (i) < 0 ? 1 : COLNO(i), __VA_ARGS__)

/* Is the plan defined in this document (1), in the database (2), or not (0)? */
static int
plan_known(struct checker *c, const char *plan)
{
	if (index_find(c, PF_PLAN, plan, NULL) != NULL)
		return 1;
	if (c->res && c->res->plan_exists(c->res->arg, plan))
		return 2;
	return 0;
}

static void index_record(struct checker *, const struct pf_record *);

/* The key a row of a mistyped plan code defines, known under the plan
 * it was meant for: the rows of that plan that name it say nothing of
 * it (its one error is reported). */
static void
index_under_plan(struct checker *c, const struct pf_record *r,
    char *plan)
{
	struct pf_record	alt = *r;

	if (r->kind != PF_LEVEL && r->kind != PF_FLAG && r->kind != PF_NODE &&
	    r->kind != PF_INDICATOR)
		return;
	alt.f[0] = plan;
	index_record(c, &alt);
}

/*
 * A code or key typed with the input method on (Ｊ７, １－１,
 * 笠間市／総務課) names what it names typed with it off (tf_narrow):
 * looked up as typed, else so, and a field found so is replaced by it,
 * as if typed so. lookup finds key of plan (NULL when there is none).
 */
typedef struct entry *key_lookup(struct checker *, const char *plan,
    const char *key);
static struct entry *find_restored(struct checker *c, struct pf_record *r,
    int col, key_lookup *lookup);

static struct entry *
find_key(struct checker *c, struct pf_record *r, int col, key_lookup *lookup)
{
	struct entry	*e;
	char		*narrow;

	if ((e = lookup(c, r->f[0], r->f[col])) != NULL)
		return e;
	if ((narrow = tf_narrowed(r->f[col])) != NULL) {
		if ((e = lookup(c, r->f[0], narrow)) != NULL) {
			replace_field(c, r, col, narrow);
			return e;
		}
		free(narrow);
	}
	return find_restored(c, r, col, lookup);
}

/*
 * A hint for a key of kind k of the plan that the file does not define:
 * "（「KEY」の誤りではありませんか）" naming the one key of that kind
 * that word is likely a slip for (util_nearest_name), else NULL
 * (malloc'd). For the first KEY_HINTS errors only: each compares the
 * word with every key of the kind in the plan, 0.14 s among 200,000.
 */
#define KEY_HINTS 10
static char *
key_hint(struct checker *c, int k, const char *plan, const char *word)
{
	const struct pf_index	 *x = c->x;
	const struct entry	 *e;
	const char		**names = NULL;
	size_t			  np = strlen(plan), nw = strlen(word);
	size_t			  n = 0, cap = 0, i, kl;
	char			 *hint = NULL;
	int			  near;

	if (c->d->nkept >= KEY_HINTS)
		return NULL;
	for (i = 0; i < x->nbuckets; i++)
		for (e = x->buckets[i]; e != NULL; e = e->next) {
			if (e->kind != k || strncmp(e->key, plan, np) != 0 ||
			    e->key[np] != '\x1f')
				continue;
			/* (At most two characters apart, of 4 bytes at
			 * most each: no need to compare the others.) */
			kl = strlen(e->key + np + 1);
			if (kl > nw + 8 || nw > kl + 8)
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				names = xreallocarray(names, cap,
				    sizeof *names);
			}
			names[n++] = e->key + np + 1;
		}
	if ((near = util_nearest_name(word, names, n)) >= 0)
		hint = xasprintf("（「%s」の誤りではありませんか）", names[near]);
	free(names);
	return hint;
}

/* ERR with the hint of key_hint at the end of the message, if any. */
#define ERR_NEAR(rec, i, k, msg, ...) do {				\
	char *hint_ = key_hint(c, (k), (rec)->f[0], (rec)->f[i]);	\
									\
	ERR(rec, i, msg "%s", __VA_ARGS__, hint_ ? hint_ : "");		\
	free(hint_);							\
} while (0)

/* plan_known of r's plan code, found as find_key finds a key. */
static int
plan_found(struct checker *c, struct pf_record *r)
{
	int	known = plan_known(c, r->f[0]);
	char	*narrow;

	if (known != 0 || (narrow = tf_narrowed(r->f[0])) == NULL)
		return known;
	if ((known = plan_known(c, narrow)) != 0)
		replace_field(c, r, 0, narrow);
	else
		free(narrow);
	return known;
}

static int
need_plan_in_doc(struct checker *c, struct pf_record *r)
{
	int	near;

	switch (plan_found(c, r)) {
	case 1:
		return 1;
	case 2:
		ERR(r, 0, "計画「%s」はデータベースにあります。構造を変えるには"
		    "計画の行から読み込み直してください（--replace）", r->f[0]);
		return 0;
	default:
		near = util_nearest_name(r->f[0],
		    (const char *const *)c->x->plans, c->x->nplans);
		if (near >= 0) {
			ERR(r, 0, "計画「%s」がこの行より前に定義されていません"
			    "（「%s」の誤りではありませんか）", r->f[0],
			    c->x->plans[near]);
			index_under_plan(c, r, c->x->plans[near]);
		} else
			ERR(r, 0, "計画「%s」がこの行より前に定義されていません",
			    r->f[0]);
		return 0;
	}
}

/* A node of the document, or of a plan in the database (indexed from
 * then on); NULL. */
static struct entry *
node_lookup(struct checker *c, const char *plan, const char *key)
{
	struct entry	*e;

	if ((e = index_find(c, PF_NODE, plan, key)) != NULL ||
	    (e = index_find(c, KIND_DB_NODE, plan, key)) != NULL)
		return e;
	if (plan_known(c, plan) == 2 && c->res &&
	    c->res->node_exists(c->res->arg, plan, key))
		return index_add(c, KIND_DB_NODE, plan, key);
	return NULL;
}

/* The node that column col of r refers to, or NULL with an error. */
static struct entry *
node_known(struct checker *c, struct pf_record *r, int col)
{
	struct entry	*e = find_key(c, r, col, node_lookup);

	if (e == NULL)
		ERR_NEAR(r, col, PF_NODE, "計画「%s」に施策・取組「%s」がありません",
		    r->f[0], r->f[col]);
	return e;
}

/* A flag of the plan (defined in the document). */
static struct entry *
flag_lookup(struct checker *c, const char *plan, const char *key)
{
	return index_find(c, PF_FLAG, plan, key);
}

/* Indexes a flag's label or symbol (word) as naming flag row r. */
static void
index_flag_word(struct checker *c, const struct pf_record *r,
    const char *word)
{
	struct entry	*e;

	if (word[0] == '\0')
		return;
	if ((e = index_find(c, KIND_FLAG_WORD, r->f[0], word)) == NULL)
		index_add(c, KIND_FLAG_WORD, r->f[0], word)->info =
		    xstrdup(r->f[FLAG_KEY]);
	else if (strcmp(e->info, r->f[FLAG_KEY]) != 0)
		e->info[0] = '\0';	/* two flags: it names neither */
}

/* A mark naming its flag by the flag's label or symbol (重点事業, ◆), as
 * the plan prints it, when that names one flag of the plan: the field
 * becomes the flag's key. 0 when it names none (nothing said), -1 when
 * it names several (said). */
static int
flag_by_word(struct checker *c, struct pf_record *r, int col)
{
	struct entry	*e = index_find(c, KIND_FLAG_WORD, r->f[0], r->f[col]);

	if (e == NULL)
		return 0;
	if (e->info[0] == '\0') {
		ERR(r, col, "「%s」は計画「%s」の複数の区分の名前か記号です。"
		    "区分の FLAG（キー）で書いてください", r->f[col], r->f[0]);
		return -1;
	}
	replace_field(c, r, col, xstrdup(e->info));
	return 1;
}

/* A node of the document (a parent must be defined above its child). */
static struct entry *
doc_node_lookup(struct checker *c, const char *plan, const char *key)
{
	return index_find(c, PF_NODE, plan, key);
}

/* An indicator of the document, or of a plan in the database (its unit
 * in info); NULL. */
static struct entry *
indicator_lookup(struct checker *c, const char *plan, const char *key)
{
	struct entry	*e;
	char		*unit = NULL;

	if ((e = index_find(c, PF_INDICATOR, plan, key)) != NULL ||
	    (e = index_find(c, KIND_DB_INDICATOR, plan, key)) != NULL)
		return e;
	if (plan_known(c, plan) == 2 && c->res &&
	    c->res->indicator_exists(c->res->arg, plan, key, &unit)) {
		e = index_add(c, KIND_DB_INDICATOR, plan, key);
		e->info = unit != NULL ? unit : xstrdup("");
		e->own = c->res->indicator_own != NULL &&
		    c->res->indicator_own(c->res->arg, plan, key);
		return e;
	}
	return NULL;
}

/* The indicator that column col of r refers to, or NULL with an
 * error. */
static struct entry *
indicator_known(struct checker *c, struct pf_record *r, int col)
{
	struct entry	*e = find_key(c, r, col, indicator_lookup);

	if (e == NULL)
		ERR_NEAR(r, col, PF_INDICATOR, "計画「%s」に指標「%s」がありません",
		    r->f[0], r->f[col]);
	return e;
}

/* Canonicalises a value field against the unit; reports text that is not
 * valid. */
static void
canon_value(struct checker *c, struct pf_record *r, int col, const char *unit)
{
	struct value	 v;
	char		*cause = NULL;

	if (value_parse(r->f[col], unit, &v, &cause) != 0) {
		ERR(r, col, "%s", cause);
		free(cause);
		return;
	}
	replace_field(c, r, col, value_format(&v, unit, 1));
	/* A stream's sink takes the value as parsed: it need not read the
	 * canonical text again. */
	if (r == &c->x->scratch) {
		c->x->values.v[col] = v;
		c->x->values.have[col] = 1;
	} else
		value_clear(&v);
}

static int
fy_of(const struct pf_record *r, int col)
{
	return r->f[col][0] ? atoi(r->f[col]) : 0;
}

static void
check_period(struct checker *c, const struct pf_record *r, int from, int to)
{
	if (fy_of(r, from) && fy_of(r, to) && fy_of(r, from) > fy_of(r, to))
		ERR(r, to, "終わりの年度 %s が始まりの年度 %s より前です",
		    r->f[to], r->f[from]);
}

/* Indexes key of kind k, or reports it as a duplicate. Returns the new
 * entry, or NULL for a duplicate. */
static struct entry *
check_unique(struct checker *c, struct pf_record *r, enum pf_kind k,
    const char *key, int col, const char *what)
{
	if (index_find(c, k, r->f[0], key) != NULL) {
		ERR(r, col, "%s「%s」が重複しています", what, key);
		return NULL;
	}
	return index_add(c, k, r->f[0], key);
}

/* The hash of a key in a replaced plan's sets (never 0). */
static uint64_t
old_hash(const char *key)
{
	uint64_t	h = fnv_add(FNV_BASIS, key);

	return h != 0 ? h : 1;
}

/* Indexes the old keys of p read from the database. */
static void
replaced_index(struct replaced *p)
{
	size_t	i;
	int	k;

	for (k = 0; k < 2; k++)
		for (i = 0; i < p->nold[k]; i++)
			(void)u64map_put(&p->old_set[k], old_hash(p->old_keys[k][i]),
			    i + 1, NULL);
}

/* The index of key among p's old keys of kind k (0: nodes, 1:
 * indicators) in set (old_set or excel_set), or -1. */
static long
old_index(const struct replaced *p, const struct u64map *set, int k,
    const char *key)
{
	uint64_t	v = u64map_get(set, old_hash(key));

	if (v == 0 || (set == &p->old_set[k] &&
	    strcmp(p->old_keys[k][v - 1], key) != 0))
		return -1;
	return (long)v - 1;
}

/* The plan of the database that --replace replaces under code, or NULL. */
static struct replaced *
replaced_plan(struct checker *c, const char *code)
{
	size_t	i;

	for (i = 0; i < c->x->nreplaced; i++)
		if (strcmp(c->x->replaced[i].plan, code) == 0)
			return &c->x->replaced[i];
	return NULL;
}

static void
check_plan(struct checker *c, struct pf_record *r)
{
	struct replaced	*p;
	long		 n;
	int		 i;

	if (index_find(c, PF_PLAN, r->f[PLAN_CODE], NULL) != NULL) {
		ERR(r, PLAN_CODE, "計画「%s」が重複しています", r->f[PLAN_CODE]);
		return;
	}
	/* Even when refused, the plan is indexed so that its other rows are
	 * checked as usual instead of each repeating this error. */
	if (c->res && c->res->plan_exists(c->res->arg, r->f[PLAN_CODE])) {
		if (!c->replace)
			ERR(r, PLAN_CODE, "計画「%s」は既にデータベースにあります"
			    "（置き換えるには --replace）", r->f[PLAN_CODE]);
		else {
			/* Counted and read now: a document written as it is
			 * read has deleted them by the end. */
			n = c->res->plan_results != NULL ?
			    c->res->plan_results(c->res->arg, r->f[PLAN_CODE]) : 0;
			c->x->replaced = xreallocarray(c->x->replaced,
			    c->x->nreplaced + 1, sizeof *c->x->replaced);
			p = &c->x->replaced[c->x->nreplaced++];
			memset(p, 0, sizeof *p);
			p->plan = xstrdup(r->f[PLAN_CODE]);
			p->file = r->file;
			p->line = r->line;
			p->results = n;
			for (i = 0; i < 2 && c->res->plan_keys != NULL; i++)
				p->nold[i] = c->res->plan_keys(c->res->arg,
				    r->f[PLAN_CODE], i, &p->old_keys[i],
				    i == 0 ? &p->old_codes : NULL);
			replaced_index(p);
		}
	}
	check_period(c, r, PLAN_FIRST, PLAN_LAST);
	index_add(c, PF_PLAN, r->f[PLAN_CODE], NULL);
}

static void index_record(struct checker *c, const struct pf_record *r);

/* The levels a plan of the document has defined so far (kept in its
 * entry's depth). */
static int
plan_levels(struct checker *c, const char *plan)
{
	struct entry	*p = index_find(c, PF_PLAN, plan, NULL);

	return p != NULL ? p->depth : 0;
}

static void
check_level(struct checker *c, struct pf_record *r)
{
	struct entry	*p;
	char		 above[16];
	int		 depth = atoi(r->f[LEVEL_DEPTH]);

	if (!need_plan_in_doc(c, r))
		return;
	snprintf(above, sizeof above, "%d", depth - 1);
	if (depth > 1 && index_find(c, PF_LEVEL, r->f[0], above) == NULL) {
		ERR(r, LEVEL_DEPTH, "階層 %d の前に階層 %d を定義してください",
		    depth, depth - 1);
		/* Still known, so that the level below it is not refused
		 * for want of it as well. */
		index_record(c, r);
		return;
	}
	if (check_unique(c, r, PF_LEVEL, r->f[LEVEL_DEPTH], LEVEL_DEPTH, "階層") &&
	    (p = index_find(c, PF_PLAN, r->f[0], NULL)) != NULL && p->depth < depth)
		p->depth = depth;
}

static int dept_known(struct checker *, struct pf_record *, int);

/* A merged department's successor: a department defined above (or in
 * the database), not itself, given with the year the merged one ended. */
static void
check_dept_merged(struct checker *c, struct pf_record *r)
{
	if (r->f[DEPT_MERGED_INTO][0] == '\0')
		return;
	if (r->f[DEPT_ABOLISHED][0] == '\0')
		ERR(r, DEPT_MERGED_INTO, "統合先は廃止の年度（ABOLISHED_AFTER_FY、"
		    "5 列目）と一緒に書いてください");
	else if (strcmp(r->f[DEPT_MERGED_INTO], r->f[DEPT_CODE]) == 0)
		ERR(r, DEPT_MERGED_INTO, "部署「%s」をそれ自身に統合することは"
		    "できません（統合先の部署のコードを書くか、廃止だけなら空に"
		    "してください）", r->f[DEPT_CODE]);
	else
		dept_known(c, r, DEPT_MERGED_INTO);
}

static void
check_dept(struct checker *c, struct pf_record *r)
{
	char		*name = NULL;
	struct entry	*prev = index_find(c, PF_DEPT, "", r->f[DEPT_CODE]);

	if (prev != NULL) {
		/* The same department in two sample files of one city is fine. */
		if (strcmp(prev->info, r->f[DEPT_NAME]) != 0)
			ERR(r, DEPT_NAME, "部署「%s」は既に「%s」として定義されています",
			    r->f[DEPT_CODE], prev->info);
		return;
	}
	if (c->res && c->res->dept_exists(c->res->arg, r->f[DEPT_CODE], &name)) {
		if (strcmp(name, r->f[DEPT_NAME]) != 0) {
			c->renamed = xreallocarray(c->renamed, c->nrenamed + 1,
			    sizeof *c->renamed);
			c->renamed[c->nrenamed].code = xstrdup(r->f[DEPT_CODE]);
			c->renamed[c->nrenamed].dbname = name;
			c->renamed[c->nrenamed].name = xstrdup(r->f[DEPT_NAME]);
			c->renamed[c->nrenamed].until =
			    c->res->dept_named_until == NULL ? 0 :
			    c->res->dept_named_until(c->res->arg,
			    r->f[DEPT_CODE], r->f[DEPT_NAME]);
			c->renamed[c->nrenamed].line = r->line;
			c->renamed[c->nrenamed++].found = 0;
			name = NULL;
		}
		free(name);
	}
	check_dept_merged(c, r);
	index_add(c, PF_DEPT, "", r->f[DEPT_CODE])->info = xstrdup(r->f[DEPT_NAME]);
	c->x->depts = xreallocarray(c->x->depts, c->x->ndepts + 1,
	    sizeof *c->x->depts);
	c->x->dept_names = xreallocarray(c->x->dept_names, c->x->ndepts + 1,
	    sizeof *c->x->dept_names);
	c->x->depts[c->x->ndepts] = xstrdup(r->f[DEPT_CODE]);
	c->x->dept_names[c->x->ndepts++] = xstrdup(r->f[DEPT_NAME]);
}

/* The department's code (malloc'd) that word, not one, is likely a
 * slip for, or whose name it is written another way
 * (util_name_loosely: 企画政策課 for 政策企画部企画政策課): of the file's
 * departments, else of the database's; NULL. */
static char *
dept_code_near(const struct checker *c, const char *word)
{
	int	near = util_nearest_name(word,
		    (const char *const *)c->x->depts, c->x->ndepts);
	size_t	i, n = 0;

	if (near >= 0)
		return xstrdup(c->x->depts[near]);
	for (i = 0; i < c->x->ndepts; i++)
		if (util_name_loosely(word, c->x->dept_names[i]) && n++ == 0)
			near = (int)i;
	if (n == 1)
		return xstrdup(c->x->depts[near]);
	if (c->res != NULL && c->res->dept_code_near != NULL)
		return c->res->dept_code_near(c->res->arg, word);
	return NULL;
}

/* The hint for the department word is likely meant for: its code, and
 * its name when word is that name written another way. Malloc'd. */
static char *
dept_near_hint(const struct checker *c, const char *code, const char *word)
{
	char	*name = NULL, *hint;
	size_t	 i;

	for (i = 0; i < c->x->ndepts; i++)
		if (strcmp(c->x->depts[i], code) == 0) {
			name = xstrdup(c->x->dept_names[i]);
			break;
		}
	if (name == NULL && c->res != NULL && c->res->dept_exists != NULL &&
	    !c->res->dept_exists(c->res->arg, code, &name)) {
		free(name);
		name = NULL;
	}
	if (name != NULL && util_name_loosely(word, name))
		hint = xasprintf("（部署「%s」（コード「%s」）のことなら、コードで"
		    "書いてください）", name, code);
	else
		hint = xasprintf("（「%s」の誤りではありませんか）", code);
	free(name);
	return hint;
}

/* The code of the one department the file or else the database calls
 * name (malloc'd), or NULL: a department's name written where its code
 * goes is the commonest slip of a hand-written file. */
static char *
dept_code_named(const struct checker *c, const char *name)
{
	const char	*found = NULL;
	size_t		 i;

	for (i = 0; i < c->x->ndepts; i++)
		if (strcmp(c->x->dept_names[i], name) == 0) {
			if (found != NULL)
				return NULL;
			found = c->x->depts[i];
		}
	if (found != NULL)
		return xstrdup(found);
	if (c->res != NULL && c->res->dept_code_named != NULL)
		return c->res->dept_code_named(c->res->arg, name);
	return NULL;
}

/*
 * A department the file names differently from the database was renamed
 * (機構改革) if the file's deptname rows, after its dept row, give the
 * database's name as one it had: the file then carries the history the
 * database lacks, and import records the new name. Anything else is two
 * departments under one code, refused at the dept row. (A stream has
 * written the dept row by then; the error rolls it back.)
 */
static void
check_renamed(struct checker *c, int report)
{
	struct renamed	*p;
	size_t		 i;

	for (i = 0; i < c->nrenamed; i++) {
		p = &c->renamed[i];
		if (report && !p->found && p->until > 0)
			/* The database renamed it after the file was written:
			 * the advice above would undo the rename. */
			add_error(c->d, c->file, p->line, COLNO(DEPT_NAME),
			    "部署「%s」はデータベースで「%s」です（「%s」は %d 年度"
			    "までの名前で、このファイルは名前が変わる前のものです。"
			    "NAME を「%s」にし、deptname の行に %d 年度までの名前"
			    "「%s」を書くか、shisaku export で書き出し直してください）",
			    p->code, p->dbname, p->name, p->until, p->dbname,
			    p->until, p->name);
		else if (report && !p->found)
			add_error(c->d, c->file, p->line, COLNO(DEPT_NAME),
			    "部署「%s」はデータベースで「%s」です（名前が変わった"
			    "のなら、deptname の行に「%s」を使った最後の年度を書いて"
			    "ください）", p->code, p->dbname, p->dbname);
		free(p->code);
		free(p->dbname);
		free(p->name);
	}
	free(c->renamed);
	c->renamed = NULL;
	c->nrenamed = 0;
}

/* A department of the document or of the database; NULL. */
static struct entry *
dept_lookup(struct checker *c, const char *plan, const char *code)
{
	struct entry	*e;
	char		*name = NULL;

	(void)plan;	/* departments are the city's, not a plan's */
	if ((e = index_find(c, PF_DEPT, "", code)) != NULL ||
	    (e = index_find(c, KIND_DB_DEPT, "", code)) != NULL)
		return e;
	if (c->res && c->res->dept_exists(c->res->arg, code, &name)) {
		free(name);
		/* Known from now on without asking again. */
		return index_add(c, KIND_DB_DEPT, "", code);
	}
	return NULL;
}

/* Whether column col of r names a department; if not, says so with the
 * code it is likely meant for, if any. */
static int
dept_known(struct checker *c, struct pf_record *r, int col)
{
	char	*code = NULL, *hint = NULL;

	if (find_key(c, r, col, dept_lookup) != NULL)
		return 1;
	/* A hint only while errors are listed (past that, counted only). */
	if (c->d->nkept < PF_ERRORS_KEPT) {
		if ((code = dept_code_named(c, r->f[col])) != NULL)
			hint = xasprintf("（「%s」は部署の名前です。コード「%s」で"
			    "書いてください）", r->f[col], code);
		else if ((code = dept_code_near(c, r->f[col])) != NULL)
			hint = dept_near_hint(c, code, r->f[col]);
	}
	ERR(r, col, "部署「%s」がこの行より前に定義されていません%s",
	    r->f[col], hint != NULL ? hint : "");
	free(code);
	free(hint);
	return 0;
}

/* A deptname row: the earlier name of a department renamed above? */
static void
check_deptname(struct checker *c, struct pf_record *r)
{
	size_t	i;

	if (!dept_known(c, r, DEPTNAME_DEPT))
		return;
	for (i = 0; i < c->nrenamed; i++)
		if (strcmp(c->renamed[i].code, r->f[DEPTNAME_DEPT]) == 0 &&
		    strcmp(c->renamed[i].dbname, r->f[DEPTNAME_NAME]) == 0)
			c->renamed[i].found = 1;
}

/* A note of the document at a field of r: of a value loaded as written
 * (pf_doc.notes), or of a key or code read as the database has it
 * (restored: pf_doc.restored). */
static void
add_note(struct checker *c, int restored, const struct pf_record *r, int i,
    const char *fmt, ...)
{
	struct pf_doc	*d = c->d;
	va_list		 ap;

	va_start(ap, fmt);
	if (restored)
		keep_message(&d->restored, &d->nrestored_kept, &d->nrestored,
		    PF_NOTES_KEPT, c->file, r->line, (size_t)COLNO(i), fmt, ap);
	else
		keep_message(&d->notes, &d->nnotes_kept, &d->nnotes,
		    PF_NOTES_KEPT, c->file, r->line, (size_t)COLNO(i), fmt, ap);
	va_end(ap);
}

/*
 * The key of a node or an indicator (k: 0 or 1) that a row of a plan
 * --replace replaces defines, in a form Excel leaves of a key it read as
 * a date or a number (1-1 saved as 1月1日): when it is none of the plan's
 * keys in the database but came, in that form, from exactly one of them
 * that the file does not define as it is, it is read as that key and
 * said, and the rows that name it in the same form are read so too
 * (find_restored). A plan exported, edited in Excel and loaded again
 * keeps its nodes, their history and the links to them. Else it stays
 * as written and note_excel_form says what it likely was. Returns the
 * index of the plan's key in the database, or -1.
 */
static long
restore_key(struct checker *c, struct pf_record *r, int col, int k)
{
	struct replaced		*p = replaced_plan(c, r->f[0]);
	struct excel_origins	 o;
	long			 idx, found = -1;
	size_t			 i, n = 0, form = 0;

	if (p == NULL)
		return -1;
	if ((idx = old_index(p, &p->old_set[k], k, r->f[col])) >= 0)
		return idx;
	excel_origins(r->f[col], &o);
	for (i = 0; i < o.n; i++)
		if ((idx = old_index(p, &p->old_set[k], k, o.form[i])) >= 0 &&
		    index_find(c, k ? PF_INDICATOR : PF_NODE, r->f[0],
		    o.form[i]) == NULL && n++ == 0) {
			found = idx;
			form = i;
		}
	if (n != 1)
		return -1;
	add_note(c, 1, r, col, "キー「%s」は、Excel が %s %s形として読みました"
	    "（この計画のデータベースのキー。次に Excel で開くときは、この列を"
	    "文字列にしてください）", r->f[col], o.form[form],
	    excel_change_words(o.change));
	(void)u64map_put(&p->excel_set[k], old_hash(r->f[col]),
	    (uint64_t)found + 1, NULL);
	replace_field(c, r, col, xstrdup(p->old_keys[k][found]));
	return found;
}

/* A row naming, in the same form, a key restore_key read: that key. */
static struct entry *
find_restored(struct checker *c, struct pf_record *r, int col,
    key_lookup *lookup)
{
	struct replaced	*p = replaced_plan(c, r->f[0]);
	struct entry	*e;
	long		 idx;
	int		 k;

	for (k = 0; p != NULL && k < 2; k++)
		if ((idx = old_index(p, &p->excel_set[k], k, r->f[col])) >= 0 &&
		    (e = lookup(c, r->f[0], p->old_keys[k][idx])) != NULL) {
			replace_field(c, r, col, xstrdup(p->old_keys[k][idx]));
			return e;
		}
	return NULL;
}

/* The printed code of a node of a plan --replace replaces whose key is
 * the database's idx-th: a form Excel left of the code the database has
 * for it (No.1 is safe, (1) becomes -1) is read as that code, and said. */
static void
restore_code(struct checker *c, struct pf_record *r, long idx)
{
	struct replaced		*p = replaced_plan(c, r->f[0]);
	struct excel_origins	 o;
	const char		*old;
	size_t			 i;

	if (p == NULL || idx < 0 || p->old_codes == NULL)
		return;
	old = p->old_codes[idx];
	if (strcmp(r->f[NODE_CODE], old) == 0)
		return;
	excel_origins(r->f[NODE_CODE], &o);
	for (i = 0; i < o.n; i++)
		if (strcmp(o.form[i], old) == 0) {
			add_note(c, 1, r, NODE_CODE, "番号「%s」は、Excel が %s "
			    "%s形として読みました（データベースのこの施策・取組の"
			    "番号。次に Excel で開くときは、この列を文字列にして"
			    "ください）", r->f[NODE_CODE], old,
			    excel_change_words(o.change));
			replace_field(c, r, NODE_CODE, xstrdup(old));
			return;
		}
}

/*
 * A node's code or a key as Excel leaves one it read as a date or a
 * number when the file was opened and saved there: 1-1 becomes 1月1日,
 * 6-1-1 becomes 2006/1/1, (2) becomes -2. Codes are printed as the plan
 * prints them, and no plan prints those, so the row is loaded and a note
 * says what it likely was (what: 番号 or キー). A key changed so is
 * loaded as a new key: under --replace, the node of the old key is
 * deleted, and its history no longer follows it.
 */
static void
note_excel_form(struct checker *c, const struct pf_record *r, int col,
    const char *what)
{
	struct excel_origins	o;

	excel_origins(r->f[col], &o);
	if (o.change == EXCEL_MONTH_DAY || o.change == EXCEL_NEGATIVE)
		add_note(c, 0, r, col, "%s「%s」は、Excel が %s %s形です。"
		    "列を文字列にして%sを直してください", what, r->f[col],
		    o.form[0], excel_change_words(o.change), what);
	else if (o.change == EXCEL_DATE)
		add_note(c, 0, r, col, "%s「%s」は、Excel が%s（%s など）%s形です。"
		    "列を文字列にして%sを直してください", what, r->f[col], what,
		    o.form[0], excel_change_words(o.change), what);
}

/*
 * Two nodes under one parent printing the same code: a plan numbers its
 * siblings apart, so one of the two is likely a slip made while copying
 * rows (1-1-1-1 twice where the second is 1-1-1-2). Loaded as written,
 * since the keys tell the nodes apart; a note names the first one.
 */
static void
note_sibling_code(struct checker *c, const struct pf_record *r,
    const struct entry *parent)
{
	const struct entry	*above = parent;
	uint64_t		 h, first;

	/* (A parent that names nothing is an error of its own.) */
	if (r->f[NODE_CODE][0] == '\0' || (parent == NULL &&
	    r->f[NODE_PARENT][0] != '\0'))
		return;
	if (above == NULL &&
	    (above = index_find(c, PF_PLAN, r->f[NODE_PLAN], NULL)) == NULL)
		return;
	h = fnv_add(FNV_BASIS ^ above->serial, r->f[NODE_CODE]);
	if (u64map_put(&c->x->codes, h != 0 ? h : 1, r->line, &first) == 0)
		return;
	add_note(c, 0, r, NODE_CODE, "番号「%s」は、同じ%s%s%s %" PRIu64 " 行目にも"
	    "あります。どちらかの番号の書き違いではありませんか",
	    r->f[NODE_CODE], parent != NULL ? "親「" : "最上位の階層の",
	    parent != NULL ? r->f[NODE_PARENT] : "",
	    parent != NULL ? "」の下の" : "", first);
}

static void
check_node(struct checker *c, struct pf_record *r)
{
	int		 depth = 1, levels;
	struct entry	*parent = NULL, *e;

	if (!need_plan_in_doc(c, r))
		return;
	levels = plan_levels(c, r->f[0]);
	if (levels == 0) {
		/* Said at the plan's first node only: every node after it
		 * would say the same. */
		if ((e = index_find(c, PF_PLAN, r->f[0], NULL)) != NULL &&
		    !e->told)
			ERR(r, NODE_KEY, "計画「%s」の階層（level の行）が定義されて"
			    "いません。node の行より前に、上の階層から順に "
			    "level,%s,1,基本目標 のように書いてください（この計画の"
			    "後の node の行では繰り返しません）", r->f[0], r->f[0]);
		if (e != NULL)
			e->told = 1;
		/* Known all the same, for the rows that name it. */
		index_record(c, r);
		return;
	}
	if (r->f[NODE_PARENT][0]) {
		parent = find_key(c, r, NODE_PARENT, doc_node_lookup);
		if (parent == NULL)
			ERR_NEAR(r, NODE_PARENT, PF_NODE,
			    "親「%s」がこの行より前に定義されていません",
			    r->f[NODE_PARENT]);
		else
			depth = parent->depth + 1;
	}
	if (depth > levels)
		ERR(r, NODE_PARENT, "階層が深すぎます（計画の階層は %d 段です）", levels);
	check_period(c, r, NODE_FIRST, NODE_LAST);
	restore_code(c, r, restore_key(c, r, NODE_KEY, 0));
	/* Indexed even when refused, so the rows that refer to it report
	 * their own problems instead of each saying it is missing. */
	e = check_unique(c, r, PF_NODE, r->f[NODE_KEY], NODE_KEY,
	    "施策・取組のキー");
	if (e != NULL) {
		e->depth = depth;
		e->up = parent;
		note_sibling_code(c, r, parent);
	}
	note_excel_form(c, r, NODE_KEY, "キー");
	note_excel_form(c, r, NODE_CODE, "番号");
}

/*
 * A baseline or final target copied as the plan prints it, with its year
 * after it in parentheses ("0%(H29年)"): the number is the value and the
 * year its year, so that achievement is computed from it, instead of the
 * whole cell kept as text. A year column already holding another year is
 * an error: one of the two is wrong.
 */
static void
split_value_year(struct checker *c, struct pf_record *r, int col, int fycol,
    const char *what)
{
	size_t	head;
	int	fy;
	char	buf[16];

	if ((fy = value_year_suffix(r->f[col], r->f[IND_UNIT], &head)) == 0)
		return;
	if (r->f[fycol][0] != '\0' && atoi(r->f[fycol]) != fy) {
		ERR(r, fycol, "%s「%s」の括弧の年度は %d 年度ですが、%s は %s "
		    "年度です（どちらかを直してください）", what, r->f[col], fy,
		    kinds[r->kind].cols[fycol].name, r->f[fycol]);
		return;
	}
	snprintf(buf, sizeof buf, "%d", fy);
	replace_field(c, r, fycol, xstrdup(buf));
	replace_field(c, r, col, xstrndup(r->f[col], head));
}

static void
check_indicator(struct checker *c, struct pf_record *r)
{
	struct entry	*e, *node = NULL;

	if (!need_plan_in_doc(c, r))
		return;
	if (r->f[IND_NODE][0] &&
	    (node = find_key(c, r, IND_NODE, doc_node_lookup)) == NULL)
		ERR_NEAR(r, IND_NODE, PF_NODE,
		    "施策・取組「%s」がこの行より前に定義されていません",
		    r->f[IND_NODE]);
	if (r->f[IND_DEPT][0] != '\0')
		dept_known(c, r, IND_DEPT);
	split_value_year(c, r, IND_BASE, IND_BASE_FY, "基準値");
	split_value_year(c, r, IND_FINAL, IND_FINAL_FY, "最終目標");
	canon_value(c, r, IND_BASE, r->f[IND_UNIT]);
	canon_value(c, r, IND_FINAL, r->f[IND_UNIT]);
	(void)restore_key(c, r, IND_KEY, 1);
	e = check_unique(c, r, PF_INDICATOR, r->f[IND_KEY], IND_KEY, "指標のキー");
	note_excel_form(c, r, IND_KEY, "キー");
	if (e != NULL) {
		e->info = xstrdup(r->f[IND_UNIT]);
		e->up = node;
		e->own = r->f[IND_NODE][0] == '\0' || r->f[IND_DEPT][0] != '\0';
	}
}

/*
 * Whether indicator e of plan is reported on its own, as the import
 * decides it for an actual row (store-plan-import.c): of the plan, with
 * a DEPT, or of a node above the plan's items (its levels give their
 * depth: a node before its level rows is an error).
 */
static int
reported_own(struct checker *c, const struct entry *e, const char *plan)
{
	const struct entry	*p;

	if (e->own)
		return 1;
	if (e->kind != PF_INDICATOR || e->up == NULL)
		return 0;
	p = index_find(c, PF_PLAN, plan, NULL);
	return p != NULL && e->up->depth < p->depth;
}

/* Records that hang on a node or indicator (e) and must be unique per
 * year; slot tells the two kinds of yearly rows of e apart. */
static void
check_yearly(struct checker *c, struct pf_record *r, struct entry *e, int slot,
    int refcol, int fycol, const char *what)
{
	if (year_seen(c->x, e, slot, atoi(r->f[fycol])))
		ERR(r, fycol, "%s「%s」の %s 年度が重複しています", what,
		    r->f[refcol], r->f[fycol]);
}

/* A result or actual row of a plan that --replace deletes carries its
 * results again. */
static void
mark_carried(struct checker *c, const char *plan)
{
	size_t	i;

	for (i = 0; i < c->x->nreplaced; i++)
		if (strcmp(c->x->replaced[i].plan, plan) == 0)
			c->x->replaced[i].carried = 1;
}

static void
check_refs(struct checker *c, struct pf_record *r)
{
	struct entry	*e;

	switch (r->kind) {
	case PF_PLAN:
		check_plan(c, r);
		break;
	case PF_LEVEL:
		check_level(c, r);
		break;
	case PF_FLAG:
		if (need_plan_in_doc(c, r) && check_unique(c, r, PF_FLAG,
		    r->f[FLAG_KEY], FLAG_KEY, "区分") != NULL) {
			index_flag_word(c, r, r->f[FLAG_LABEL]);
			index_flag_word(c, r, r->f[FLAG_SYMBOL]);
		}
		break;
	case PF_DEPT:
		check_dept(c, r);
		break;
	case PF_DEPTNAME:
		check_deptname(c, r);
		break;
	case PF_NODE:
		check_node(c, r);
		break;
	case PF_MARK:
		if (!need_plan_in_doc(c, r) || !node_known(c, r, MARK_NODE))
			break;
		if (find_key(c, r, MARK_FLAG, flag_lookup) == NULL &&
		    flag_by_word(c, r, MARK_FLAG) == 0)
			ERR_NEAR(r, MARK_FLAG, PF_FLAG,
			    "区分「%s」がこの行より前の flag の行に定義されて"
			    "いません", r->f[MARK_FLAG]);
		break;
	case PF_ASSIGN:
		if (!need_plan_in_doc(c, r) ||
		    (e = node_known(c, r, ASSIGN_NODE)) == NULL)
			break;
		e->assigned = 1;
		if (dept_known(c, r, ASSIGN_DEPT))
			check_period(c, r, ASSIGN_FROM, ASSIGN_UNTIL);
		break;
	case PF_YEARPLAN:
		if (need_plan_in_doc(c, r) && node_known(c, r, YP_NODE))
			check_period(c, r, YP_FROM, YP_TO);
		break;
	case PF_COST:
		if (need_plan_in_doc(c, r) && (e = node_known(c, r, COST_NODE)))
			check_yearly(c, r, e, 0, COST_NODE, COST_FY, "費用の傾向");
		break;
	case PF_INDICATOR:
		check_indicator(c, r);
		break;
	case PF_TARGET:
		if (!need_plan_in_doc(c, r))
			break;
		if ((e = indicator_known(c, r, TARGET_IND)) != NULL) {
			if (!e->unsure)
				canon_value(c, r, TARGET_VALUE, e->info);
			check_yearly(c, r, e, 0, TARGET_IND, TARGET_FY, "指標");
		}
		break;
	case PF_RESULT:
		if (plan_found(c, r) == 0) {
			ERR(r, 0, "計画「%s」がありません（先に計画を読み込むか、"
			    "コードを shisaku plans で確かめてください）", r->f[0]);
			break;
		}
		mark_carried(c, r->f[0]);
		if ((e = node_known(c, r, RES_NODE)) != NULL)
			check_yearly(c, r, e, 1, RES_NODE, RES_FY, "実績");
		break;
	case PF_ACTUAL:
		if (plan_found(c, r) == 0) {
			ERR(r, 0, "計画「%s」がありません（先に計画を読み込むか、"
			    "コードを shisaku plans で確かめてください）", r->f[0]);
			break;
		}
		mark_carried(c, r->f[0]);
		if ((e = indicator_known(c, r, ACT_IND)) != NULL) {
			if (!e->unsure)
				canon_value(c, r, ACT_VALUE, e->info);
			check_yearly(c, r, e, 1, ACT_IND, ACT_FY, "指標の実績値");
			if (r->f[ACT_VALUE][0] != '\0' &&
			    r->f[ACT_STATE][0] == '\0' &&
			    reported_own(c, e, r->f[0]))
				c->d->confirmed_blank++;
		}
		break;
	case PF_KIND_COUNT:
		break;
	}
}

/* The number of n ASCII digits at s, or -1. */
static int
digits_at(const char *s, int n)
{
	int	v = 0;

	for (; n > 0; n--, s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

static int
valid_time(const char *s)
{
	int	y, mo, d, h, mi, se, n = 0;

	/* As written by export (the usual case), read without sscanf. */
	if (strlen(s) == 19 && s[4] == '-' && s[7] == '-' && s[10] == 'T' &&
	    s[13] == ':' && s[16] == ':' && digits_at(s, 4) >= 0 &&
	    (mo = digits_at(s + 5, 2)) >= 0 && (d = digits_at(s + 8, 2)) >= 0 &&
	    (h = digits_at(s + 11, 2)) >= 0 && (mi = digits_at(s + 14, 2)) >= 0 &&
	    (se = digits_at(s + 17, 2)) >= 0)
		return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 &&
		    mi <= 59 && se <= 60;
	if (strlen(s) != 19 ||
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &se, &n) != 6 ||
	    n != 19)
		return 0;
	return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 &&
	    se <= 60;
}

static int
has_line_break(const char *s)
{
	return strpbrk(s, "\r\n") != NULL;
}

/* Whether s begins or ends with a blank that trim removes. */
static int
has_blank_end(const char *s)
{
	size_t	n = strlen(s);

	return n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' ||
	    s[n - 1] == '\t' || strncmp(s, "\xe3\x80\x80", 3) == 0 ||
	    (n >= 3 && strncmp(s + n - 3, "\xe3\x80\x80", 3) == 0));
}

/* Trims blanks (ASCII and U+3000) at both ends, in place. */
static void
trim(char *s)
{
	char	*t;

	if (!has_blank_end(s))
		return;		/* most fields: nothing to trim */
	t = value_trim(s);

	memcpy(s, t, strlen(t) + 1);	/* never longer than s */
	free(t);
}

/* Replaces r->f[i] with a canonical form. */
static void
set_field(struct checker *c, struct pf_record *r, int i, const char *s)
{
	replace_field(c, r, i, xstrdup(s));
}

/*
 * A period copied as the plan prints it into the column of its first
 * year ("令和8年度～令和12年度", "R6-R10", "R8～"), the column of its
 * last year left empty: the two years go to their two columns, so that
 * the period is read instead of the cell being refused as no year.
 * Anything else is left to check_field.
 */
static void
split_period(struct checker *c, struct pf_record *r, int from, int to)
{
	char	buf[16];
	int	first, last;

	if (r->f[from][0] == '\0' || r->f[to][0] != '\0' ||
	    fy_parse(r->f[from], NULL) >= 0)
		return;
	if (fy_parse_range(r->f[from], &first, &last, NULL) != 0 || first == 0)
		return;
	snprintf(buf, sizeof buf, "%d", first);
	set_field(c, r, from, buf);
	if (last != 0) {
		snprintf(buf, sizeof buf, "%d", last);
		set_field(c, r, to, buf);
	}
}

/* The kinds with a period: plan, node, assign and yearplan. */
static void
split_period_of(struct checker *c, struct pf_record *r)
{
	switch (r->kind) {
	case PF_PLAN:
		split_period(c, r, PLAN_FIRST, PLAN_LAST);
		break;
	case PF_NODE:
		split_period(c, r, NODE_FIRST, NODE_LAST);
		break;
	case PF_ASSIGN:
		split_period(c, r, ASSIGN_FROM, ASSIGN_UNTIL);
		break;
	case PF_YEARPLAN:
		split_period(c, r, YP_FROM, YP_TO);
		break;
	default:
		break;
	}
}

/*
 * A boolean column as a spreadsheet may hold it, not empty: 1, or a mark
 * plans print for yes (○ ◯ ◎, and ★ by which the seeds mark a main
 * department); 0 or ×; digits full-width too. 1, 0, or -1 for anything
 * else.
 */
static int
bool_word(const char *s)
{
	static const char *const yes[] = { "1", "１", "○", "◯", "◎", "★" };
	static const char *const no[] = { "0", "０", "×" };
	size_t	i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		if (strcmp(s, yes[i]) == 0)
			return 1;
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		if (strcmp(s, no[i]) == 0)
			return 0;
	return -1;
}

/* Checks one field's form and brings it to canonical text. */
static void
check_field(struct checker *c, struct pf_record *r, int i, enum col_type t)
{
	char		*s = r->f[i], *cause = NULL, buf[16];
	const char	*key;
	int		 fy, yes;
	enum vocab	 v;

	if (t == C_TEXT && s[0] == '\0')
		return;		/* empty text: nothing to check */
	if (strlen(s) > PF_FIELD_MAX) {
		ERR(r, i, "長すぎます（%d バイトまで）", PF_FIELD_MAX);
		return;
	}
	if (t != C_TEXT && t != C_NAME)
		trim(s);
	switch (t) {
	case C_TEXT:
		break;
	case C_NAME:
		if (s[0] == '\0')
			ERR(r, i, "%s が空です", kinds[r->kind].cols[i].name);
		break;
	case C_KEY:
	case C_OPTKEY:
		if (s[0] == '\0' && t == C_KEY)
			ERR(r, i, "%s が空です", kinds[r->kind].cols[i].name);
		else if (has_line_break(s) || strlen(s) > PF_KEY_MAX)
			ERR(r, i, "%s は %d バイトまでの一行で書いてください",
			    kinds[r->kind].cols[i].name, PF_KEY_MAX);
		break;
	case C_FY:
	case C_FY_REQ:
		if (s[0] == '\0') {
			if (t == C_FY_REQ)
				ERR(r, i, "年度が空です");
			break;
		}
		/* A western year of four digits is its own canonical form. */
		if (strlen(s) == 4 && (fy = digits_at(s, 4)) >= FY_MIN && fy <= FY_MAX)
			break;
		if ((fy = fy_parse(s, &cause)) < 0) {
			ERR(r, i, "%s", cause);
			free(cause);
			break;
		}
		snprintf(buf, sizeof buf, "%d", fy);
		set_field(c, r, i, buf);
		break;
	case C_BOOL:
		if (s[0] == '\0')
			break;
		if ((yes = bool_word(s)) == 0)
			set_field(c, r, i, "");
		else if (yes == 1 && strcmp(s, "1") != 0)
			set_field(c, r, i, "1");
		else if (yes < 0)
			ERR(r, i, "%s は 1 または空欄です（\"%s\"。○ ★ も 1、"
			    "0 × も空欄と読みます）", kinds[r->kind].cols[i].name,
			    s);
		break;
	case C_DEPTH:
		if (strlen(s) != 1 || s[0] < '1' || s[0] > '4')
			ERR(r, i, "階層は 1〜4 です（\"%s\"）", s);
		break;
	case C_VALUE:
		break;	/* needs the unit: see check_refs */
	case C_DIRECTION:
	case C_TREND:
	case C_STATUS:
	case C_STATE:
	case C_OPTSTATE:
		v = t == C_DIRECTION ? VOCAB_DIRECTION : t == C_TREND ? VOCAB_TREND :
		    t == C_STATUS ? VOCAB_STATUS : VOCAB_STATE;
		if (s[0] == '\0') {
			if (t == C_TREND || t == C_STATE)
				ERR(r, i, "%s が空です（%s）",
				    kinds[r->kind].cols[i].name, vocab_choices(v));
			break;
		}
		if ((key = vocab_key(v, s)) == NULL) {
			ERR(r, i, "「%s」は使えません（%s）", s, vocab_choices(v));
			break;
		}
		set_field(c, r, i, vocab_label(v, key));
		break;
	case C_GRADE:
		/* Stored as the scale has it: "Ａ" typed in Excel is "A". */
		if (s[0] == '\0' || c->res == NULL || c->res->grade_key == NULL)
			break;
		if ((key = c->res->grade_key(c->res->arg, s)) == NULL)
			ERR(r, i, "評価「%s」は評価の段階にありません", s);
		else if (strcmp(key, s) != 0)
			set_field(c, r, i, key);
		break;
	case C_TIME:
		if (s[0] && !valid_time(s))
			ERR(r, i, "日時は YYYY-MM-DDTHH:MM:SS で書いてください（\"%s\"）", s);
		break;
	}
}

/* The kind named, tried first as the one before: rows of a kind come
 * in runs. */
static int
kind_of(struct checker *c, const char *name)
{
	int	k;

	if (strcmp(name, kinds[c->last_kind].name) == 0)
		return c->last_kind;
	for (k = 0; k < PF_KIND_COUNT; k++)
		if (strcmp(name, kinds[k].name) == 0)
			return c->last_kind = k;
	return -1;
}

/* Whether r defines a key later rows refer to, and names it. */
static int
defines_key(const struct pf_record *r)
{
	switch (r->kind) {
	case PF_PLAN:
	case PF_DEPT:
		return r->f[0][0] != '\0';
	case PF_LEVEL:
	case PF_FLAG:
	case PF_NODE:
	case PF_INDICATOR:
		return r->f[0][0] != '\0' && r->f[1][0] != '\0';
	default:
		return 0;
	}
}

/* Registers record r in the index as a definition of its key (a plan,
 * department, level, flag, node or indicator), or the year of a yearly
 * row, without checking what it refers to. */
static void
index_record(struct checker *c, const struct pf_record *r)
{
	struct entry	*e, *p;

	switch (r->kind) {
	case PF_PLAN:
		if (index_find(c, PF_PLAN, r->f[0], NULL) == NULL)
			index_add(c, PF_PLAN, r->f[0], NULL);
		break;
	case PF_DEPT:
		if (index_find(c, PF_DEPT, "", r->f[0]) == NULL)
			index_add(c, PF_DEPT, "", r->f[0])->info =
			    xstrdup(r->f[DEPT_NAME]);
		break;
	case PF_LEVEL:
	case PF_FLAG:
	case PF_NODE:
	case PF_INDICATOR:
		if (index_find(c, r->kind, r->f[0], r->f[1]) != NULL)
			break;
		e = index_add(c, r->kind, r->f[0], r->f[1]);
		if (r->kind == PF_LEVEL &&
		    (p = index_find(c, PF_PLAN, r->f[0], NULL)) != NULL &&
		    atoi(r->f[1]) > p->depth)
			p->depth = atoi(r->f[1]);
		if (r->kind == PF_INDICATOR)
			e->info = xstrdup(r->f[IND_UNIT]);
		if (r->kind == PF_NODE) {
			p = r->f[NODE_PARENT][0] ? index_find(c, PF_NODE,
			    r->f[0], r->f[NODE_PARENT]) : NULL;
			e->depth = p != NULL ? p->depth + 1 : 1;
			e->up = p;
		}
		break;
	case PF_COST:
	case PF_RESULT:
		if ((e = index_find(c, PF_NODE, r->f[0], r->f[1])) != NULL)
			year_seen(c->x, e, r->kind == PF_RESULT, atoi(r->f[2]));
		break;
	case PF_TARGET:
	case PF_ACTUAL:
		if ((e = index_find(c, PF_INDICATOR, r->f[0], r->f[1])) != NULL)
			year_seen(c->x, e, r->kind == PF_ACTUAL, atoi(r->f[2]));
		break;
	default:
		break;
	}
}

/*
 * A row refused whole, for more columns than its kind has or for a kind
 * misspelled (read as the kind it is nearest to), still makes the key it
 * defines (a plan, level, node, indicator ...) known: the rows that
 * refer to it are checked as usual instead of each saying it is not
 * defined, which would send the user looking for a row that is there.
 * Its one error is reported already. The key columns come first, so a
 * stray comma further on leaves them in place; the columns after may
 * have moved, so an indicator's unit is not trusted.
 */
static void
index_refused(struct checker *c, enum pf_kind k, const struct csv_record *rec)
{
	const struct kind	*kd = &kinds[k];
	struct pf_record	*r;
	struct entry		*e;
	size_t			 i;

	r = scratch_fill(c->x, k, (const char *const *)rec->fields + 1,
	    rec->nfields - 1 < kd->ncols ? rec->nfields - 1 : kd->ncols);
	r->file = c->file;
	r->line = rec->line;
	for (i = 0; i < kd->ncols; i++)
		if (kd->cols[i].type != C_TEXT && kd->cols[i].type != C_NAME)
			trim(r->f[i]);
	if (!defines_key(r))
		return;
	if (k == PF_INDICATOR &&
	    index_find(c, PF_INDICATOR, r->f[0], r->f[IND_KEY]) == NULL) {
		index_record(c, r);
		if ((e = index_find(c, PF_INDICATOR, r->f[0], r->f[IND_KEY])))
			e->unsure = 1;
		return;
	}
	index_record(c, r);
}

char *
pf_unknown_kind_hint(const char *word, const char *const *names, size_t n,
    int *near)
{
	char	*all, *hint;
	size_t	 i;

	if ((*near = util_nearest_name(word, names, n)) >= 0)
		return strcasecmp(word, names[*near]) == 0 ?
		    xasprintf("（行の種類は小文字で %s と書きます）", names[*near]) :
		    xasprintf("（%s の誤りではありませんか）", names[*near]);
	all = xstrdup("（");
	for (i = 0; i < n; i++) {
		hint = xasprintf("%s%s%s", all, i ? ", " : "", names[i]);
		free(all);
		all = hint;
	}
	hint = xasprintf("%s）", all);
	free(all);
	return hint;
}

/* A row whose kind is none of ours: one error, with the kind it is
 * likely a slip for, whose key is then kept (index_refused). */
static void
unknown_kind(struct checker *c, const char *name, const struct csv_record *rec)
{
	const char	*names[PF_KIND_COUNT];
	char		*hint;
	int		 k;

	for (k = 0; k < PF_KIND_COUNT; k++)
		names[k] = kinds[k].name;
	hint = pf_unknown_kind_hint(name, names, PF_KIND_COUNT, &k);
	add_error(c->d, c->file, rec->line, 1, "不明な行の種類「%s」%s", name,
	    hint);
	free(hint);
	if (k >= 0)
		index_refused(c, (enum pf_kind)k, rec);
}

/* Takes one CSV record into the document, checking it; hands it to the
 * document's sink, or drops it, when the document is a stream. */
static void
take_record(struct checker *c, const struct csv_record *rec)
{
	struct pf_doc		*d = c->d;
	struct pf_record	*r;
	const struct kind	*kd;
	size_t			 i, nerr = d->nerrors;
	int			 k;
	char			*kindname = NULL;

	/* The kind's name as written, unless blanks around it need a
	 * trimmed copy. */
	if (has_blank_end(rec->fields[0])) {
		kindname = xstrdup(rec->fields[0]);
		trim(kindname);
	}
	if ((k = kind_of(c, kindname != NULL ? kindname : rec->fields[0])) < 0) {
		unknown_kind(c, kindname != NULL ? kindname : rec->fields[0],
		    rec);
		free(kindname);
		return;
	}
	free(kindname);
	kd = &kinds[k];
	if (rec->nfields - 1 > kd->ncols) {
		/* Trailing empty fields from a spreadsheet are harmless. */
		for (i = kd->ncols + 1; i < rec->nfields; i++)
			if (rec->fields[i][0] != '\0')
				break;
		if (i < rec->nfields) {
			add_error(d, c->file, rec->field_line[i], i + 1,
			    "%s の行は %zu 列までです（%zu 列あります）", kd->name,
			    kd->ncols + 1, rec->nfields);
			index_refused(c, (enum pf_kind)k, rec);
			return;
		}
	}
	if (d->stream)
		r = scratch_fill(c->x, (enum pf_kind)k,
		    (const char *const *)rec->fields + 1,
		    rec->nfields - 1 < kd->ncols ? rec->nfields - 1 : kd->ncols);
	else
		r = pf_doc_add(d, (enum pf_kind)k,
		    (const char *const *)rec->fields + 1,
		    rec->nfields - 1 < kd->ncols ? rec->nfields - 1 : kd->ncols);
	r->file = c->file;
	r->line = rec->line;
	split_period_of(c, r);
	for (i = 0; i < kd->ncols; i++)
		check_field(c, r, (int)i, kd->cols[i].type);
	/* Two fields and more refused in a row short of columns: one was
	 * likely left out, and the fields after it moved one to the left
	 * (each of their errors reads as a value in the wrong place). */
	if (d->nerrors - nerr >= 2 && rec->nfields - 1 < kd->ncols)
		add_note(c, 0, r, -1, "%s の行の列が %zu 個で、この種類の行は %zu 個"
		    "です。途中の列が抜けて、後の列がずれていませんか（空の列も"
		    "カンマで区切ります）", kd->name, rec->nfields, kd->ncols + 1);
	/* A record with errors stays in the index so that later rows
	 * referring to it do not cascade: a definition whose own fields
	 * are refused (a node with a year that cannot be read) is still
	 * known by its key. */
	if (d->nerrors == nerr)
		check_refs(c, r);
	else if (defines_key(r))
		index_record(c, r);
	d->counts[k]++;
	if (!d->stream) {
		c->x->indexed = d->n;
		return;
	}
	/* Once there is an error nothing is written: the caller rolls back. */
	if (d->sink != NULL && !d->sink_failed && d->nerrors == 0 &&
	    d->sink->take(d->sink->arg, r) != 0)
		d->sink_failed = 1;
}

/* Registers records added to d with pf_doc_add since the last read (a
 * document built by hand, then read into) in the index. */
static void
index_doc(struct checker *c)
{
	struct pf_doc	*d = c->d;
	size_t		 i;

	for (i = c->x->indexed; i < d->n; i++)
		index_record(c, &d->recs[i]);
	c->x->indexed = d->n;
}

static const char *
doc_file_name(struct pf_doc *d, const char *name)
{
	d->files = xreallocarray(d->files, d->nfiles + 1, sizeof *d->files);
	d->files[d->nfiles] = xstrdup(name);
	return d->files[d->nfiles++];
}

/* Records read between two calls of the progress function. */
#define PF_PROGRESS_EVERY 512

/* The lines of a file as an editor counts them (a last line without a
 * newline counts). */
static size_t
count_lines(const char *data, size_t len)
{
	const char	*p = data, *end = data + len, *nl;
	size_t		 n = 0;

	while (p < end && (nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p = nl + 1;
	}
	return n + (p < end);
}

static void
checker_init(struct checker *c, struct pf_doc *d, const char *name,
    const struct pf_resolver *res, int replace)
{
	memset(c, 0, sizeof *c);
	if (d->index == NULL)
		d->index = index_new();
	c->d = d;
	c->x = d->index;
	c->res = res;
	c->replace = replace;
	c->file = doc_file_name(d, name);
	index_doc(c);
}

/*
 * Reads the records rd has, up to the end of its input (returns 0), the
 * end of what it has been fed so far (CSV_MORE), or a header that is not
 * a plan file's (returns -1: the rest of the file is not read).
 */
static int
read_records(struct checker *c, struct csv_reader *rd)
{
	struct pf_doc		*d = c->d;
	struct csv_record	 rec;
	size_t			 eline, ecol, before, kept;
	char			*cause;
	int			 rc;

	for (;;) {
		cause = NULL;
		rc = csv_read(rd, &rec, &cause, &eline, &ecol);
		if (rc == 0 || rc == CSV_MORE)
			return rc;
		if (d->progress != NULL && ++c->nrec % PF_PROGRESS_EVERY == 0)
			d->progress(d->progress_arg, rc < 0 ? eline : rec.line,
			    c->lines);
		if (rc < 0) {
			add_error(d, c->file, eline, ecol, "%s", cause);
			free(cause);
			/* Register what a record with a bad byte defines, quietly:
			 * its one error is reported above. */
			before = d->nerrors;
			kept = d->nkept;
			if (c->header_seen && rec.nfields > 0 &&
			    !csv_record_comment(&rec))
				take_record(c, &rec);
			while (d->nkept > kept)
				free(d->errors[--d->nkept]);
			d->nerrors = before;
			c->header_seen = 1;	/* do not report the header as well */
			continue;
		}
		if (csv_record_blank(&rec))
			continue;
		if (!c->header_seen) {
			c->header_seen = 1;
			if (csv_record_is(&rec, RF_FORMAT_NAME, NULL)) {
				add_error(d, c->file, rec.line, 1, "実績のファイルです"
				    "（shisaku import --results で読み込みます）");
				return -1;
			}
			if (!csv_record_is(&rec, PF_FORMAT_NAME,
			    PF_FORMAT_VERSION)) {
				add_error(d, c->file, rec.line, 1, "1 行目は「%s,%s」"
				    "でなければなりません（shisaku の計画ファイルではありません）",
				    PF_FORMAT_NAME, PF_FORMAT_VERSION);
				return -1;
			}
			continue;
		}
		if (csv_record_comment(&rec))
			continue;
		take_record(c, &rec);
	}
}

static void
read_end(struct checker *c)
{
	struct pf_doc	*d = c->d;

	if (!c->header_seen)
		add_error(d, c->file, 1, 0, "空のファイルです（1 行目は「%s,%s」）",
		    PF_FORMAT_NAME, PF_FORMAT_VERSION);
	check_renamed(c, 1);
	if (d->progress != NULL)
		d->progress(d->progress_arg, c->lines, c->lines);
}

size_t
pf_read(struct pf_doc *d, const char *name, const char *data, size_t len,
    const struct pf_resolver *res, int replace)
{
	struct checker		 c;
	struct csv_reader	*rd;
	size_t			 nerr = d->nerrors;

	checker_init(&c, d, name, res, replace);
	rd = csv_reader_new(data, len, infile_separator(data, len));
	if (d->progress != NULL)
		c.lines = count_lines(data, len);
	read_records(&c, rd);
	read_end(&c);
	csv_reader_free(rd);
	return d->nerrors - nerr;
}

/* The keys of p's plan of kind k (0: nodes, 1: indicators) in the
 * database that the document does not define: how many, the first
 * PF_DROPPED_NAMED joined by 、 into *named (malloc'd). */
static size_t
dropped_keys(struct pf_doc *d, const struct replaced *p, int k, char **named)
{
	size_t		 i, n = 0;
	char		*t;

	*named = xstrdup("");
	for (i = 0; i < p->nold[k]; i++) {
		if (index_lookup(d->index, k ? PF_INDICATOR : PF_NODE,
		    p->plan, p->old_keys[k][i]) != NULL)
			continue;
		if (n++ < PF_DROPPED_NAMED) {
			t = xasprintf("%s%s%s", *named, **named ? "、" : "",
			    p->old_keys[k][i]);
			free(*named);
			*named = t;
		}
	}
	return n;
}

static void
note_dropped(struct pf_doc *d, const struct replaced *p)
{
	struct pf_dropped	 g;

	memset(&g, 0, sizeof g);
	g.nnodes = dropped_keys(d, p, 0, &g.nodes);
	g.ninds = dropped_keys(d, p, 1, &g.inds);
	if (g.nnodes == 0 && g.ninds == 0) {
		free(g.nodes);
		free(g.inds);
		return;
	}
	g.plan = xstrdup(p->plan);
	d->dropped = xreallocarray(d->dropped, d->ndropped + 1,
	    sizeof *d->dropped);
	d->dropped[d->ndropped++] = g;
}

size_t
pf_check_replace(struct pf_doc *d, const struct pf_resolver *res)
{
	struct replaced	*p;
	size_t		 i, nerr = d->nerrors;

	if (res == NULL || d->index == NULL)
		return 0;
	for (i = 0; i < d->index->nreplaced; i++) {
		p = &d->index->replaced[i];
		note_dropped(d, p);
		if (p->results > 0 && !p->carried)
			add_error(d, p->file, p->line, COLNO(PLAN_CODE), "計画「%s」には"
			    "実績が %ld 件あり、--replace はそれを消します。実績を含む"
			    "書き出し（shisaku export --plan %s）を編集して読み込んで"
			    "ください", p->plan, p->results, p->plan);
	}
	return d->nerrors - nerr;
}

static int
serial_cmp(const void *a, const void *b)
{
	const struct entry	*x = *(struct entry *const *)a;
	const struct entry	*y = *(struct entry *const *)b;

	return (x->serial > y->serial) - (x->serial < y->serial);
}

/* The nearest node above node e that has an assign row; NULL. */
static const struct entry *
assigned_above(const struct entry *e)
{
	for (e = e->up; e != NULL && !e->assigned; e = e->up)
		;
	return e;
}

/* The key of an entry without its plan ("plan" "\x1f" key). */
static const char *
entry_key(const struct entry *e)
{
	return e->key + strcspn(e->key, "\x1f") + 1;
}

long
pf_doc_inherits(const struct pf_doc *d, pf_inherit_fn fn, void *arg)
{
	struct pf_index	*x = d->index;
	struct entry	*e, **found = NULL;
	size_t		 i, n = 0;
	long		 rc;
	char		*plan;

	if (x == NULL)
		return 0;
	for (i = 0; i < x->nbuckets; i++)
		for (e = x->buckets[i]; e != NULL; e = e->next) {
			if (e->kind != PF_NODE || e->assigned ||
			    assigned_above(e) == NULL)
				continue;
			if ((n & (n - 1)) == 0)	/* 0, 1, 2, 4 ...: full */
				found = xreallocarray(found, n ? n * 2 : 1,
				    sizeof *found);
			found[n++] = e;
		}
	/* In the file's order, so that what is said of them reads as the
	 * file does. */
	if (n > 1)
		qsort(found, n, sizeof *found, serial_cmp);
	for (i = 0, rc = 0; i < n && rc == 0; i++) {
		e = found[i];
		plan = xstrndup(e->key, strcspn(e->key, "\x1f"));
		rc = fn(arg, plan, entry_key(e), entry_key(assigned_above(e)));
		free(plan);
	}
	free(found);
	return rc != 0 ? -1 : (long)n;
}

void
pf_doc_error(struct pf_doc *d, const char *msg)
{
	d->nerrors++;
	if (d->nkept >= PF_ERRORS_KEPT)
		return;
	d->errors = xreallocarray(d->errors, d->nkept + 1, sizeof *d->errors);
	d->errors[d->nkept++] = xstrdup(msg);
}

/* How much of a file a stream holds at once; a record longer than this
 * (a field may hold 100,000 bytes) grows it. */
#define PF_STREAM_CHUNK (4u << 20)

/* Reads an open stream piece by piece. */
static void
read_stream(struct pf_doc *d, struct infile_stream *in, const char *name,
    const struct pf_resolver *res, int replace)
{
	struct checker		 c;
	struct csv_reader	*rd = NULL;
	size_t			 cap = PF_STREAM_CHUNK, have = 0, keep;
	char			*buf = xmalloc(cap), *cause = NULL;
	ssize_t			 got;
	int			 eof = 0, rc;

	checker_init(&c, d, name, res, replace);
	c.lines = in->lines;
	for (;;) {
		while (!eof && have < cap) {
			if ((got = infile_stream_read(in, buf + have, cap - have,
			    &cause)) < 0) {
				pf_doc_error(d, cause);
				free(cause);
				goto out;
			}
			eof = got == 0;
			have += (size_t)got;
		}
		if (rd == NULL) {
			rd = csv_reader_new_stream(in->sep);
			csv_reader_utf8_checked(rd);	/* by the first pass */
		}
		csv_reader_feed(rd, buf, have, eof);
		if ((rc = read_records(&c, rd)) != CSV_MORE)
			break;
		/* The record that did not end in what was read comes again. */
		keep = csv_reader_pos(rd);
		memmove(buf, buf + keep, have - keep);
		have -= keep;
		if (have == cap) {
			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
		}
	}
	read_end(&c);
out:
	check_renamed(&c, 0);	/* what a failed read left */
	csv_reader_free(rd);
	free(buf);
}

size_t
pf_read_file(struct pf_doc *d, const char *path, size_t max_bytes,
    int encoding, const struct pf_resolver *res, int replace)
{
	return pf_read_path(d, path, max_bytes, encoding, res, replace, NULL,
	    NULL);
}

size_t
pf_read_path(struct pf_doc *d, const char *path, size_t max_bytes,
    int encoding, const struct pf_resolver *res, int replace,
    enum text_encoding *enc, int *denied)
{
	struct infile		 in;
	struct infile_stream	 st;
	char			*cause = NULL;
	const char		*name = strcmp(path, "-") == 0 ? "(標準入力)" : path;
	size_t			 nerr = d->nerrors;
	int			 rc;

	memset(&in, 0, sizeof in);
	if (denied != NULL)
		*denied = 0;
	rc = infile_stream_open(path, max_bytes, encoding, &st, &cause);
	if (rc > 0) {
		if (enc != NULL)
			*enc = st.enc;
		read_stream(d, &st, name, res, replace);
		infile_stream_close(&st);
		return d->nerrors - nerr;
	}
	if (rc == 0)
		rc = infile_read(path, max_bytes, encoding, &in, &cause);
	if (rc != 0) {
		if (denied != NULL)
			*denied = in.denied;
		pf_doc_error(d, cause);
		free(cause);
		return 1;
	}
	if (enc != NULL)
		*enc = in.enc;
	pf_read(d, name, in.text, in.len, res, replace);
	infile_free(&in);
	return d->nerrors - nerr;
}

/* The names csv_write_heading asks for: kind k's, or its column col's. */
static const char *
pf_heading_name(int k, int col)
{
	if (col < 0)
		return kinds[k].name;
	return (size_t)col < kinds[k].ncols ? kinds[k].cols[col].name : NULL;
}

void
pf_writer_begin(struct pf_writer *pw, FILE *f, char sep, const char *eol,
    int bom)
{
	csv_file_begin(&pw->w, f, sep, eol, bom, PF_FORMAT_NAME,
	    PF_FORMAT_VERSION, PF_KIND_COUNT, pf_heading_name);
}

void
pf_writer_end(struct pf_writer *pw)
{
	csv_file_end(&pw->w);
}

void
pf_writer_put(struct pf_writer *pw, enum pf_kind kind,
    const char *const *fields, size_t nfields)
{
	csv_file_record(&pw->w, kinds[kind].name, fields,
	    nfields < kinds[kind].ncols ? nfields : kinds[kind].ncols);
}

void
pf_write(const struct pf_doc *d, FILE *f, char sep, const char *eol, int bom)
{
	struct pf_writer	pw;
	size_t			i;

	pf_writer_begin(&pw, f, sep, eol, bom);
	for (i = 0; i < d->n; i++)
		pf_writer_put(&pw, d->recs[i].kind,
		    (const char *const *)d->recs[i].f, PF_MAX_COLS);
	pf_writer_end(&pw);
}
