/*
 * Plan files: reading CSV/TSV into checked, canonical records and writing
 * records back (see planfile.h and shisaku-plan(5)). Every column of every
 * record kind is described once in the table below; reading, checking and
 * writing all follow it, so the format has one definition.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/csv.h"
#include "shisaku/fy.h"
#include "shisaku/infile.h"
#include "shisaku/planfile.h"
#include "shisaku/resultfile.h"
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
	[PF_DEPT] = { "dept", 4, { { "DEPT", C_KEY }, { "NAME", C_NAME },
	    { "ORG", C_TEXT }, { "ABOLISHED_AFTER_FY", C_FY } } },
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
	memset(d, 0, sizeof *d);
}

struct pf_record *
pf_doc_add(struct pf_doc *d, enum pf_kind kind, const char *const *fields,
    size_t nfields)
{
	struct pf_record	*r;
	size_t			 j;

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

static void
add_error(struct pf_doc *d, const char *file, size_t line, size_t col,
    const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (d->nkept >= PF_ERRORS_KEPT) {
		d->nerrors++;	/* counted, not kept */
		return;
	}
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	d->errors = xreallocarray(d->errors, d->nkept + 1, sizeof *d->errors);
	if (col > 0)
		d->errors[d->nkept++] = xasprintf("%s:%zu:%zu: %s", file, line,
		    col, msg);
	else
		d->errors[d->nkept++] = xasprintf("%s:%zu: %s", file, line, msg);
	d->nerrors++;
	free(msg);
}

/* The checking of one record's references and uniqueness against what
 * came before (in this document or in the database). */
struct checker {
	struct pf_doc			*d;
	const struct pf_resolver	*res;
	const char			*file;
	int				 replace;
	/* Index over the document's keys: a chained hash of "kind\x1fplan\x1fkey". */
	struct entry			**buckets;
	size_t				 nbuckets;
	/* dept rows whose name is not the database's: a rename, when the
	 * file's deptname rows give the database's name as an earlier one
	 * (checked at the end of the file, after those rows). */
	struct renamed {
		size_t	 rec;
		char	*dbname;
	}				*renamed;
	size_t				 nrenamed;
};

struct entry {
	struct entry	*next;
	char		*key;
	size_t		 rec;		/* index in d->recs */
};

static size_t
hash_str(const char *s)
{
	size_t	h = 5381;

	while (*s)
		h = h * 33 ^ (unsigned char)*s++;
	return h;
}

static char *
index_key(enum pf_kind k, const char *plan, const char *key)
{
	return xasprintf("%d\x1f%s\x1f%s", (int)k, plan, key ? key : "");
}

static long
index_find(struct checker *c, enum pf_kind k, const char *plan, const char *key)
{
	char		*ik = index_key(k, plan, key);
	struct entry	*e;
	long		 found = -1;

	for (e = c->buckets[hash_str(ik) % c->nbuckets]; e; e = e->next)
		if (strcmp(e->key, ik) == 0) {
			found = (long)e->rec;
			break;
		}
	free(ik);
	return found;
}

static void
index_add(struct checker *c, enum pf_kind k, const char *plan, const char *key,
    size_t rec)
{
	struct entry	*e = xcalloc(1, sizeof *e);
	size_t		 b;

	e->key = index_key(k, plan, key);
	e->rec = rec;
	b = hash_str(e->key) % c->nbuckets;
	e->next = c->buckets[b];
	c->buckets[b] = e;
}

static void
index_free(struct checker *c)
{
	size_t		 i;
	struct entry	*e, *next;

	for (i = 0; i < c->nbuckets; i++)
		for (e = c->buckets[i]; e; e = next) {
			next = e->next;
			free(e->key);
			free(e);
		}
	free(c->buckets);
}

/* The column number (1-based, the kind being column 1) of field i. */
#define COLNO(i) ((size_t)(i) + 2)

#define ERR(rec, i, ...) \
	add_error(c->d, c->file, (rec)->line, (i) < 0 ? 1 : COLNO(i), __VA_ARGS__)

/* Is the plan defined in this document (1), in the database (2), or not (0)? */
static int
plan_known(struct checker *c, const char *plan)
{
	if (index_find(c, PF_PLAN, plan, NULL) >= 0)
		return 1;
	if (c->res && c->res->plan_exists(c->res->arg, plan))
		return 2;
	return 0;
}

static int
need_plan_in_doc(struct checker *c, const struct pf_record *r)
{
	switch (plan_known(c, r->f[0])) {
	case 1:
		return 1;
	case 2:
		ERR(r, 0, "計画「%s」はデータベースにあります。構造を変えるには"
		    "計画の行から読み込み直してください（--replace）", r->f[0]);
		return 0;
	default:
		ERR(r, 0, "計画「%s」がこの行より前に定義されていません", r->f[0]);
		return 0;
	}
}

static int
node_known(struct checker *c, const struct pf_record *r, int col)
{
	const char	*plan = r->f[0], *key = r->f[col];

	if (index_find(c, PF_NODE, plan, key) >= 0)
		return 1;
	if (plan_known(c, plan) == 2 && c->res &&
	    c->res->node_exists(c->res->arg, plan, key))
		return 1;
	ERR(r, col, "計画「%s」に施策・取組「%s」がありません", plan, key);
	return 0;
}

/* The unit of an indicator referred to by record r (borrowed or owned in
 * *owned), or NULL with an error when the indicator is unknown. */
static const char *
indicator_unit(struct checker *c, const struct pf_record *r, int col, char **owned)
{
	long	i;

	*owned = NULL;
	i = index_find(c, PF_INDICATOR, r->f[0], r->f[col]);
	if (i >= 0)
		return c->d->recs[i].f[IND_UNIT];
	if (plan_known(c, r->f[0]) == 2 && c->res &&
	    c->res->indicator_exists(c->res->arg, r->f[0], r->f[col], owned))
		return *owned;
	ERR(r, col, "計画「%s」に指標「%s」がありません", r->f[0], r->f[col]);
	return NULL;
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
	free(r->f[col]);
	r->f[col] = value_format(&v, unit, 1);
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

static void
check_unique(struct checker *c, struct pf_record *r, enum pf_kind k,
    const char *key, int col, const char *what)
{
	if (index_find(c, k, r->f[0], key) >= 0) {
		ERR(r, col, "%s「%s」が重複しています", what, key);
		return;
	}
	index_add(c, k, r->f[0], key, (size_t)(r - c->d->recs));
}

static void
check_plan(struct checker *c, struct pf_record *r)
{
	if (index_find(c, PF_PLAN, r->f[PLAN_CODE], NULL) >= 0) {
		ERR(r, PLAN_CODE, "計画「%s」が重複しています", r->f[PLAN_CODE]);
		return;
	}
	/* Even when refused, the plan is indexed so that its other rows are
	 * checked as usual instead of each repeating this error. */
	if (!c->replace && c->res && c->res->plan_exists(c->res->arg, r->f[PLAN_CODE]))
		ERR(r, PLAN_CODE, "計画「%s」は既にデータベースにあります"
		    "（置き換えるには --replace）", r->f[PLAN_CODE]);
	check_period(c, r, PLAN_FIRST, PLAN_LAST);
	index_add(c, PF_PLAN, r->f[PLAN_CODE], NULL, (size_t)(r - c->d->recs));
}

static int
plan_levels(struct checker *c, const char *plan)
{
	int	depth;

	for (depth = 4; depth > 0; depth--) {
		char buf[8];
		snprintf(buf, sizeof buf, "%d", depth);
		if (index_find(c, PF_LEVEL, plan, buf) >= 0)
			return depth;
	}
	return 0;
}

static void
check_level(struct checker *c, struct pf_record *r)
{
	int	depth = atoi(r->f[LEVEL_DEPTH]);

	if (!need_plan_in_doc(c, r))
		return;
	if (plan_levels(c, r->f[0]) != depth - 1) {
		ERR(r, LEVEL_DEPTH, "階層 %d の前に階層 %d を定義してください",
		    depth, depth - 1);
		return;
	}
	check_unique(c, r, PF_LEVEL, r->f[LEVEL_DEPTH], LEVEL_DEPTH, "階層");
}

static void
check_dept(struct checker *c, struct pf_record *r)
{
	char	*name = NULL;
	long	 prev = index_find(c, PF_DEPT, "", r->f[DEPT_CODE]);

	if (prev >= 0) {
		/* The same department in two sample files of one city is fine. */
		if (strcmp(c->d->recs[prev].f[DEPT_NAME], r->f[DEPT_NAME]) != 0)
			ERR(r, DEPT_NAME, "部署「%s」は既に「%s」として定義されています",
			    r->f[DEPT_CODE], c->d->recs[prev].f[DEPT_NAME]);
		return;
	}
	if (c->res && c->res->dept_exists(c->res->arg, r->f[DEPT_CODE], &name)) {
		if (strcmp(name, r->f[DEPT_NAME]) != 0) {
			c->renamed = xreallocarray(c->renamed, c->nrenamed + 1,
			    sizeof *c->renamed);
			c->renamed[c->nrenamed].rec = (size_t)(r - c->d->recs);
			c->renamed[c->nrenamed++].dbname = name;
			name = NULL;
		}
		free(name);
	}
	index_add(c, PF_DEPT, "", r->f[DEPT_CODE], (size_t)(r - c->d->recs));
}

/*
 * A department the file names differently from the database was renamed
 * (機構改革) if the file's deptname rows, after its dept row, give the
 * database's name as one it had: the file then carries the history the
 * database lacks, and import records the new name. Anything else is two
 * departments under one code, refused at the dept row.
 */
static void
check_renamed(struct checker *c)
{
	const struct pf_record	*r, *o;
	size_t			 i, j;
	int			 found;

	for (i = 0; i < c->nrenamed; i++) {
		r = &c->d->recs[c->renamed[i].rec];
		found = 0;
		for (j = c->renamed[i].rec + 1; j < c->d->n && !found; j++) {
			o = &c->d->recs[j];
			found = o->kind == PF_DEPTNAME &&
			    strcmp(o->f[DEPTNAME_DEPT], r->f[DEPT_CODE]) == 0 &&
			    strcmp(o->f[DEPTNAME_NAME], c->renamed[i].dbname) == 0;
		}
		if (!found)
			ERR(r, DEPT_NAME, "部署「%s」はデータベースで「%s」です"
			    "（名前が変わったのなら、deptname の行に「%s」を使った"
			    "最後の年度を書いてください）", r->f[DEPT_CODE],
			    c->renamed[i].dbname, c->renamed[i].dbname);
		free(c->renamed[i].dbname);
	}
	free(c->renamed);
	c->renamed = NULL;
	c->nrenamed = 0;
}

static int
dept_known(struct checker *c, const struct pf_record *r, int col)
{
	char	*name = NULL;

	if (index_find(c, PF_DEPT, "", r->f[col]) >= 0)
		return 1;
	if (c->res && c->res->dept_exists(c->res->arg, r->f[col], &name)) {
		free(name);
		return 1;
	}
	ERR(r, col, "部署「%s」がこの行より前に定義されていません", r->f[col]);
	return 0;
}

/* Depth of the document's node record rec (1 = top level). */
static int
node_depth(struct checker *c, size_t rec)
{
	int	depth = 1;
	long	parent;

	while (depth <= 4 && c->d->recs[rec].f[NODE_PARENT][0]) {
		parent = index_find(c, PF_NODE, c->d->recs[rec].f[0],
		    c->d->recs[rec].f[NODE_PARENT]);
		if (parent < 0)
			break;
		rec = (size_t)parent;
		depth++;
	}
	return depth;
}

static void
check_node(struct checker *c, struct pf_record *r)
{
	int	depth = 1, levels;
	long	parent;

	if (!need_plan_in_doc(c, r))
		return;
	levels = plan_levels(c, r->f[0]);
	if (levels == 0) {
		ERR(r, NODE_KEY, "計画「%s」の階層（level の行）が定義されていません",
		    r->f[0]);
		return;
	}
	if (r->f[NODE_PARENT][0]) {
		parent = index_find(c, PF_NODE, r->f[0], r->f[NODE_PARENT]);
		if (parent < 0)
			ERR(r, NODE_PARENT, "親「%s」がこの行より前に定義されていません",
			    r->f[NODE_PARENT]);
		else
			depth = node_depth(c, (size_t)parent) + 1;
	}
	if (depth > levels)
		ERR(r, NODE_PARENT, "階層が深すぎます（計画の階層は %d 段です）", levels);
	check_period(c, r, NODE_FIRST, NODE_LAST);
	/* Indexed even when refused, so the rows that refer to it report
	 * their own problems instead of each saying it is missing. */
	check_unique(c, r, PF_NODE, r->f[NODE_KEY], NODE_KEY, "施策・取組のキー");
}

static void
check_indicator(struct checker *c, struct pf_record *r)
{
	if (!need_plan_in_doc(c, r))
		return;
	if (r->f[IND_NODE][0] && index_find(c, PF_NODE, r->f[0], r->f[IND_NODE]) < 0)
		ERR(r, IND_NODE, "施策・取組「%s」がこの行より前に定義されていません",
		    r->f[IND_NODE]);
	if (r->f[IND_DEPT][0] != '\0')
		dept_known(c, r, IND_DEPT);
	canon_value(c, r, IND_BASE, r->f[IND_UNIT]);
	canon_value(c, r, IND_FINAL, r->f[IND_UNIT]);
	check_unique(c, r, PF_INDICATOR, r->f[IND_KEY], IND_KEY, "指標のキー");
}

/* Records that hang on a node or indicator and must be unique per year. */
static void
check_yearly(struct checker *c, struct pf_record *r, enum pf_kind k, int refcol,
    int fycol, const char *what)
{
	char	*key = xasprintf("%s\x1f%s", r->f[refcol], r->f[fycol]);

	if (index_find(c, k, r->f[0], key) >= 0)
		ERR(r, fycol, "%s「%s」の %s 年度が重複しています", what,
		    r->f[refcol], r->f[fycol]);
	else
		index_add(c, k, r->f[0], key, (size_t)(r - c->d->recs));
	free(key);
}

static void
check_refs(struct checker *c, struct pf_record *r)
{
	char		*owned;
	const char	*unit;

	switch (r->kind) {
	case PF_PLAN:
		check_plan(c, r);
		break;
	case PF_LEVEL:
		check_level(c, r);
		break;
	case PF_FLAG:
		if (need_plan_in_doc(c, r))
			check_unique(c, r, PF_FLAG, r->f[FLAG_KEY], FLAG_KEY, "区分");
		break;
	case PF_DEPT:
		check_dept(c, r);
		break;
	case PF_DEPTNAME:
		dept_known(c, r, DEPTNAME_DEPT);
		break;
	case PF_NODE:
		check_node(c, r);
		break;
	case PF_MARK:
		if (!need_plan_in_doc(c, r) || !node_known(c, r, MARK_NODE))
			break;
		if (index_find(c, PF_FLAG, r->f[0], r->f[MARK_FLAG]) < 0)
			ERR(r, MARK_FLAG, "区分「%s」が定義されていません", r->f[MARK_FLAG]);
		break;
	case PF_ASSIGN:
		if (need_plan_in_doc(c, r) && node_known(c, r, ASSIGN_NODE) &&
		    dept_known(c, r, ASSIGN_DEPT))
			check_period(c, r, ASSIGN_FROM, ASSIGN_UNTIL);
		break;
	case PF_YEARPLAN:
		if (need_plan_in_doc(c, r) && node_known(c, r, YP_NODE))
			check_period(c, r, YP_FROM, YP_TO);
		break;
	case PF_COST:
		if (need_plan_in_doc(c, r) && node_known(c, r, COST_NODE))
			check_yearly(c, r, PF_COST, COST_NODE, COST_FY, "費用の傾向");
		break;
	case PF_INDICATOR:
		check_indicator(c, r);
		break;
	case PF_TARGET:
		if (!need_plan_in_doc(c, r))
			break;
		if ((unit = indicator_unit(c, r, TARGET_IND, &owned)) != NULL) {
			canon_value(c, r, TARGET_VALUE, unit);
			check_yearly(c, r, PF_TARGET, TARGET_IND, TARGET_FY, "指標");
		}
		free(owned);
		break;
	case PF_RESULT:
		if (plan_known(c, r->f[0]) == 0) {
			ERR(r, 0, "計画「%s」がありません（先に計画を読み込むか、"
			    "コードを shisaku plans で確かめてください）", r->f[0]);
			break;
		}
		if (node_known(c, r, RES_NODE))
			check_yearly(c, r, PF_RESULT, RES_NODE, RES_FY, "実績");
		break;
	case PF_ACTUAL:
		if (plan_known(c, r->f[0]) == 0) {
			ERR(r, 0, "計画「%s」がありません（先に計画を読み込むか、"
			    "コードを shisaku plans で確かめてください）", r->f[0]);
			break;
		}
		if ((unit = indicator_unit(c, r, ACT_IND, &owned)) != NULL) {
			canon_value(c, r, ACT_VALUE, unit);
			check_yearly(c, r, PF_ACTUAL, ACT_IND, ACT_FY, "指標の実績値");
		}
		free(owned);
		break;
	case PF_KIND_COUNT:
		break;
	}
}

static int
valid_time(const char *s)
{
	int	y, mo, d, h, mi, se, n = 0;

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

/* Trims blanks (ASCII and U+3000) at both ends, in place. */
static void
trim(char *s)
{
	char	*t = value_trim(s);

	memcpy(s, t, strlen(t) + 1);	/* never longer than s */
	free(t);
}

/* Replaces r->f[i] with a canonical form. */
static void
set_field(struct pf_record *r, int i, const char *s)
{
	char	*copy = xstrdup(s);

	free(r->f[i]);
	r->f[i] = copy;
}

/* Checks one field's form and brings it to canonical text. */
static void
check_field(struct checker *c, struct pf_record *r, int i, enum col_type t)
{
	char		*s = r->f[i], *cause = NULL, buf[16];
	const char	*key;
	int		 fy;
	enum vocab	 v;

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
		if ((fy = fy_parse(s, &cause)) < 0) {
			ERR(r, i, "%s", cause);
			free(cause);
			break;
		}
		snprintf(buf, sizeof buf, "%d", fy);
		set_field(r, i, buf);
		break;
	case C_BOOL:
		if (strcmp(s, "0") == 0 || strcmp(s, "０") == 0)
			set_field(r, i, "");
		else if (strcmp(s, "１") == 0)
			set_field(r, i, "1");
		else if (s[0] != '\0' && strcmp(s, "1") != 0)
			ERR(r, i, "%s は 1 または空欄です（\"%s\"）",
			    kinds[r->kind].cols[i].name, s);
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
		set_field(r, i, vocab_label(v, key));
		break;
	case C_GRADE:
		if (s[0] && c->res && c->res->grade_valid &&
		    !c->res->grade_valid(c->res->arg, s))
			ERR(r, i, "評価「%s」は評価の段階にありません", s);
		break;
	case C_TIME:
		if (s[0] && !valid_time(s))
			ERR(r, i, "日時は YYYY-MM-DDTHH:MM:SS で書いてください（\"%s\"）", s);
		break;
	}
}

static int
kind_of(const char *name)
{
	int	k;

	for (k = 0; k < PF_KIND_COUNT; k++)
		if (strcmp(name, kinds[k].name) == 0)
			return k;
	return -1;
}

/* Takes one CSV record into the document, checking it. */
static void
take_record(struct checker *c, const struct csv_record *rec)
{
	struct pf_record	*r;
	const struct kind	*kd;
	size_t			 i, nerr = c->d->nerrors;
	int			 k;
	char			*kindname = xstrdup(rec->fields[0]);

	trim(kindname);
	if ((k = kind_of(kindname)) < 0) {
		add_error(c->d, c->file, rec->line, 1, "不明な行の種類「%s」"
		    "（plan, level, flag, dept, deptname, node, mark, assign, "
		    "yearplan, cost, indicator, target, result, actual）", kindname);
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
			add_error(c->d, c->file, rec->field_line[i], i + 1,
			    "%s の行は %zu 列までです（%zu 列あります）", kd->name,
			    kd->ncols + 1, rec->nfields);
			return;
		}
	}
	r = pf_doc_add(c->d, (enum pf_kind)k, (const char *const *)rec->fields + 1,
	    rec->nfields - 1 < kd->ncols ? rec->nfields - 1 : kd->ncols);
	r->file = c->file;
	r->line = rec->line;
	for (i = 0; i < kd->ncols; i++)
		check_field(c, r, (int)i, kd->cols[i].type);
	/* A record with errors stays in the document (which will not be
	 * written) so that later rows referring to it do not cascade. */
	if (c->d->nerrors == nerr)
		check_refs(c, r);
}

/* Registers the records already in d (from earlier files) in the index. */
static void
index_doc(struct checker *c)
{
	size_t	i;

	for (i = 0; i < c->d->n; i++) {
		const struct pf_record *r = &c->d->recs[i];
		char *key;
		switch (r->kind) {
		case PF_PLAN:
			index_add(c, PF_PLAN, r->f[0], NULL, i);
			break;
		case PF_DEPT:
			index_add(c, PF_DEPT, "", r->f[0], i);
			break;
		case PF_LEVEL:
		case PF_FLAG:
		case PF_NODE:
		case PF_INDICATOR:
			index_add(c, r->kind, r->f[0], r->f[1], i);
			break;
		case PF_COST:
		case PF_TARGET:
		case PF_RESULT:
		case PF_ACTUAL:
			key = xasprintf("%s\x1f%s", r->f[1], r->f[2]);
			index_add(c, r->kind, r->f[0], key, i);
			free(key);
			break;
		default:
			break;
		}
	}
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

size_t
pf_read(struct pf_doc *d, const char *name, const char *data, size_t len,
    const struct pf_resolver *res, int replace)
{
	struct checker		 c;
	struct csv_reader	*rd;
	struct csv_record	 rec;
	size_t			 nerr = d->nerrors, eline, ecol;
	size_t			 lines = 0, nrec = 0;
	char			*cause;
	int			 rc, header_seen = 0;

	memset(&c, 0, sizeof c);
	c.d = d;
	c.res = res;
	c.replace = replace;
	c.file = doc_file_name(d, name);
	c.nbuckets = 4096 + d->n;
	c.buckets = xcalloc(c.nbuckets, sizeof *c.buckets);
	index_doc(&c);

	rd = csv_reader_new(data, len, infile_separator(data, len));
	if (d->progress != NULL)
		lines = count_lines(data, len);
	for (;;) {
		cause = NULL;
		rc = csv_read(rd, &rec, &cause, &eline, &ecol);
		if (rc == 0)
			break;
		if (d->progress != NULL && ++nrec % PF_PROGRESS_EVERY == 0)
			d->progress(d->progress_arg, rc < 0 ? eline : rec.line,
			    lines);
		if (rc < 0) {
			size_t before, kept;
			add_error(d, c.file, eline, ecol, "%s", cause);
			free(cause);
			/* Register what a record with a bad byte defines, quietly:
			 * its one error is reported above. */
			before = d->nerrors;
			kept = d->nkept;
			if (header_seen && rec.nfields > 0 && rec.fields[0][0] != '#')
				take_record(&c, &rec);
			while (d->nkept > kept)
				free(d->errors[--d->nkept]);
			d->nerrors = before;
			header_seen = 1;	/* do not report the header as well */
			continue;
		}
		if (rec.nfields == 0 || (rec.nfields == 1 && rec.fields[0][0] == '\0'))
			continue;
		if (!header_seen) {
			header_seen = 1;
			if (strcmp(rec.fields[0], RF_FORMAT_NAME) == 0) {
				add_error(d, c.file, rec.line, 1, "実績のファイルです"
				    "（shisaku import --results で読み込みます）");
				break;
			}
			if (rec.nfields < 2 || strcmp(rec.fields[0], PF_FORMAT_NAME) != 0 ||
			    strcmp(rec.fields[1], PF_FORMAT_VERSION) != 0) {
				add_error(d, c.file, rec.line, 1, "1 行目は「%s,%s」"
				    "でなければなりません（shisaku の計画ファイルではありません）",
				    PF_FORMAT_NAME, PF_FORMAT_VERSION);
				break;
			}
			continue;
		}
		if (rec.fields[0][0] == '#')
			continue;
		take_record(&c, &rec);
	}
	if (!header_seen)
		add_error(d, c.file, 1, 0, "空のファイルです（1 行目は「%s,%s」）",
		    PF_FORMAT_NAME, PF_FORMAT_VERSION);
	check_renamed(&c);
	if (d->progress != NULL)
		d->progress(d->progress_arg, lines, lines);
	csv_reader_free(rd);
	index_free(&c);
	return d->nerrors - nerr;
}

size_t
pf_check_replace(struct pf_doc *d, const struct pf_resolver *res)
{
	size_t	i, j, nerr = d->nerrors;
	long	n;
	int	carried;

	if (res == NULL || res->plan_results == NULL)
		return 0;
	for (i = 0; i < d->n; i++) {
		const struct pf_record *r = &d->recs[i];
		if (r->kind != PF_PLAN || !res->plan_exists(res->arg, r->f[PLAN_CODE]))
			continue;
		if ((n = res->plan_results(res->arg, r->f[PLAN_CODE])) <= 0)
			continue;
		carried = 0;
		for (j = 0; j < d->n && !carried; j++)
			carried = (d->recs[j].kind == PF_RESULT ||
			    d->recs[j].kind == PF_ACTUAL) &&
			    strcmp(d->recs[j].f[0], r->f[PLAN_CODE]) == 0;
		if (!carried)
			add_error(d, r->file, r->line, COLNO(PLAN_CODE), "計画「%s」には"
			    "実績が %ld 件あり、--replace はそれを消します。実績を含む"
			    "書き出し（shisaku export --plan %s）を編集して読み込んで"
			    "ください", r->f[PLAN_CODE], n, r->f[PLAN_CODE]);
	}
	return d->nerrors - nerr;
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

size_t
pf_read_file(struct pf_doc *d, const char *path, size_t max_bytes,
    int encoding, const struct pf_resolver *res, int replace)
{
	struct infile	 in;
	char		*cause = NULL;
	size_t		 n;

	if (infile_read(path, max_bytes, encoding, &in, &cause) != 0) {
		pf_doc_error(d, cause);
		free(cause);
		return 1;
	}
	n = pf_read(d, strcmp(path, "-") == 0 ? "(標準入力)" : path, in.text,
	    in.len, res, replace);
	infile_free(&in);
	return n;
}

void
pf_write(const struct pf_doc *d, FILE *f, char sep, const char *eol, int bom)
{
	struct csv_writer	w;
	size_t			i, j;
	int			k;

	if (bom)
		fputs("\xef\xbb\xbf", f);
	csv_writer_init(&w, f, sep, eol);
	csv_write_field(&w, PF_FORMAT_NAME);
	csv_write_field(&w, PF_FORMAT_VERSION);
	csv_end_row(&w);
	/* The column names of every kind, so the file explains itself. */
	for (k = 0; k < PF_KIND_COUNT; k++) {
		char *head = xasprintf("#%s", kinds[k].name);
		csv_write_field(&w, head);
		free(head);
		for (j = 0; j < kinds[k].ncols; j++)
			csv_write_field(&w, kinds[k].cols[j].name);
		csv_end_row(&w);
	}
	for (i = 0; i < d->n; i++) {
		const struct pf_record *r = &d->recs[i];
		size_t n = kinds[r->kind].ncols;
		/* Trailing empty fields are left out, as the format allows. */
		while (n > 0 && r->f[n - 1][0] == '\0')
			n--;
		csv_write_field(&w, kinds[r->kind].name);
		for (j = 0; j < n; j++)
			csv_write_field(&w, r->f[j]);
		csv_end_row(&w);
	}
}
