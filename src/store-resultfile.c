/*
 * Results files in and out of the store (see store-resultfile.h). Export
 * reads each entry with store_result_load and store_actual_load inside one
 * read snapshot, so a row's values and its VER agree. Import opens one
 * batch (store_batch_begin) and sends every entry that differs through
 * the form's own functions: store_result_save and the workflow
 * transitions, store_actual_save and its transitions, each of which
 * re-reads the entry and the user's role inside its savepoint, checks the
 * version and asks workflow.h. The batch is kept only when every row
 * passed and it is not a dry run.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/textenc.h"
#include "shisaku/fy.h"
#include "shisaku/store-actual.h"
#include "shisaku/store-internal.h"
#include "shisaku/store-result.h"
#include "shisaku/store-resultfile.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/vocab.h"
#include "shisaku/workflow.h"

static const char SQL_PLAN[] =
    "SELECT id, COALESCE(first_fy, 0), COALESCE(last_fy, 0) FROM plan"
    " WHERE code = ?1";
/* Each node with: whether it is an action item, and whether its period
 * takes in the year (or it has a result for the year anyway). */
static const char SQL_NODES[] =
    "SELECT n.id, n.key, n.depth = COALESCE((SELECT MAX(depth) FROM plan_level"
    " WHERE plan_id = n.plan_id), (SELECT MAX(depth) FROM node"
    " WHERE plan_id = n.plan_id)),"
    " ((n.first_fy IS NULL OR n.first_fy <= ?2) AND (n.last_fy IS NULL"
    " OR n.last_fy >= ?2)) OR EXISTS (SELECT 1 FROM result r"
    " WHERE r.node_id = n.id AND r.fy = ?2)"
    " FROM node n WHERE n.plan_id = ?1 ORDER BY n.ord, n.id";
static const char SQL_IND_PLAN[] =
    "SELECT id, key FROM indicator WHERE plan_id = ?1 AND node_id IS NULL"
    " ORDER BY ord, id";
static const char SQL_IND_NODE[] =
    "SELECT id, key FROM indicator WHERE node_id = ?1 ORDER BY ord, id";
static const char SQL_FINAL[] =
    "SELECT final_num, final_txt, COALESCE(final_fy, 0) FROM indicator"
    " WHERE id = ?1";
/* The values that decide whether an indicator's actual is a number
 * (value_expects_number): every year's target, the final target, the
 * baseline. */
static const char SQL_IND_VALUES[] =
    "SELECT num, txt FROM indicator_target WHERE indicator_id = ?1"
    " UNION ALL SELECT final_num, final_txt FROM indicator WHERE id = ?1"
    " UNION ALL SELECT base_num, base_txt FROM indicator WHERE id = ?1";
static const char SQL_NODE_ID[] =
    "SELECT n.id FROM node n JOIN plan p ON p.id = n.plan_id"
    " WHERE p.code = ?1 AND n.key = ?2";
static const char SQL_IND_ID[] =
    "SELECT i.id FROM indicator i JOIN plan p ON p.id = i.plan_id"
    " WHERE p.code = ?1 AND i.key = ?2";

/* ---- lists of ids ---- */

struct idkey {
	long long	 id;
	char		*key;
	int		 is_item;	/* nodes only */
	int		 in_year;	/* nodes only */
};

static void
idkeys_free(struct idkey *k, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(k[i].key);
	free(k);
}

/* The rows of sql bound to id (and fy as ?2 when the query has it):
 * id, key, then for nodes the two flags. Read whole before the entries
 * are loaded, so no statement stays open across them. */
static int
list_ids(struct store *st, const char *sql, long long id, int fy,
    struct idkey **out, size_t *n, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, sql, cause);
	struct idkey	*k;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_bind_parameter_count(s) >= 2)
		sqlite3_bind_int(s, 2, fy);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		k = &(*out)[(*n)++];
		k->id = sqlite3_column_int64(s, 0);
		k->key = store_col_dup(s, 1);
		k->is_item = sqlite3_column_count(s) > 2 &&
		    sqlite3_column_int(s, 2) != 0;
		k->in_year = sqlite3_column_count(s) > 3 &&
		    sqlite3_column_int(s, 3) != 0;
	}
	if (store_read_end(st, s, rc, "書き出し", cause) != 0) {
		idkeys_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

static long long
id_of(struct store *st, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt	*s = store_stmt(st, sql, NULL);
	long long	 id = 0;

	if (s == NULL)
		return 0;
	store_bind_text(s, 1, a);
	store_bind_text(s, 2, b);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return id;
}

/* ---- export ---- */

/* The departments in charge in fy, the main ones first: "総務課、秘書課". */
static char *
depts_text(const struct wf_dept *d, size_t n, int fy)
{
	char	*out = xstrdup(""), *t;
	size_t	 i;
	int	 pass;

	for (pass = 1; pass >= 0; pass--)
		for (i = 0; i < n; i++) {
			if ((d[i].is_main != 0) != pass ||
			    !workflow_dept_in_force(&d[i], fy))
				continue;
			t = out[0] ? xasprintf("%s、%s", out, d[i].name) :
			    xstrdup(d[i].name);
			free(out);
			out = t;
		}
	return out;
}

/* The final target with its year: "84団体（令和4(2022)年度）"; "" for
 * none: as the screens name a year, with the western year the FY
 * column gives. */
static char *
final_text(struct store *st, long long ind, const char *unit, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_FINAL, cause);
	struct value	 v;
	char		*out = NULL, *t, buf[FY_BUFSZ];
	int		 rc, fy;

	if (s == NULL)
		return NULL;
	sqlite3_bind_int64(s, 1, ind);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		store_col_value(s, 0, &v);
		fy = sqlite3_column_int(s, 2);
		t = value_format(&v, unit, 1);
		out = t[0] != '\0' && fy != 0 ? xasprintf("%s（%s）", t,
		    fy_format(fy, FY_STYLE_BOTH, buf, sizeof buf)) : xstrdup(t);
		free(t);
		value_clear(&v);
	}
	if (store_read_end(st, s, rc, "書き出し", cause) != 0) {
		free(out);
		return NULL;
	}
	return out != NULL ? out : xstrdup("");
}

static void
add_result_row(struct rf_doc *d, const char *plan, const char *node_key,
    const struct result_entry *e)
{
	const char	*f[RR_NCOLS];
	char		 fy[16], ver[16], *depts;
	const char	*status = e->status != NULL ?
			    vocab_label(VOCAB_STATUS, e->status) : NULL;

	memset(f, 0, sizeof f);
	snprintf(fy, sizeof fy, "%d", e->fy);
	snprintf(ver, sizeof ver, "%d", e->ver);
	depts = depts_text(e->depts, e->ndepts, e->fy);
	f[RR_PLAN] = plan;
	f[RR_NODE] = node_key;
	f[RR_FY] = fy;
	f[RR_STATUS] = status != NULL ? status : "";
	f[RR_GRADE] = e->grade != NULL ? e->grade : "";
	f[RR_STATE] = e->state == WF_NONE ? "" : workflow_state_label(e->state);
	f[RR_TEXT] = e->text;
	f[RR_COMMENT] = e->comment;
	f[RR_RETURN] = e->return_comment;
	f[RR_ENTERED_BY] = e->entered_by;
	f[RR_ENTERED_AT] = e->entered_at;
	f[RR_CONFIRMED_BY] = e->confirmed_by;
	f[RR_CONFIRMED_AT] = e->confirmed_at;
	f[RR_VER] = ver;
	f[RR_CODE] = e->node_code;
	f[RR_TITLE] = e->node_title;
	f[RR_DEPT] = depts;
	rf_doc_add(d, RF_RESULT, f, RR_NCOLS);
	free(depts);
}

/* An actual row; item is the entry of the item whose form takes the
 * indicator (own 0), else NULL. */
static int
add_actual_row(struct store *st, struct rf_doc *d, const char *plan,
    const char *ind_key, const struct actual_entry *a,
    const struct result_entry *item, char **cause)
{
	const char	*f[RA_NCOLS];
	char		 fy[16], ver[16], *value, *target, *final, *dept;

	if ((final = final_text(st, a->indicator_id, a->unit, cause)) == NULL)
		return -1;
	memset(f, 0, sizeof f);
	snprintf(fy, sizeof fy, "%d", a->fy);
	snprintf(ver, sizeof ver, "%d", item != NULL ? item->ver : a->ver);
	value = value_format(&a->actual, a->unit, 1);
	target = a->target_is_final ? xstrdup("") :
	    value_format(&a->target, a->unit, 1);
	if (item != NULL)
		dept = depts_text(item->depts, item->ndepts, item->fy);
	else
		dept = xstrdup(a->ndepts > 0 ? a->depts[0].name : "企画担当");
	f[RA_PLAN] = plan;
	f[RA_IND] = ind_key;
	f[RA_FY] = fy;
	f[RA_VALUE] = value;
	f[RA_NOTE] = a->note;
	if (item == NULL) {
		/* Reported on its own: the row's own workflow. */
		f[RA_STATE] = a->state == WF_NONE ? "" :
		    workflow_state_label(a->state);
		f[RA_RETURN] = a->return_comment;
		f[RA_ENTERED_BY] = a->entered_by;
		f[RA_ENTERED_AT] = a->entered_at;
		f[RA_CONFIRMED_BY] = a->confirmed_by;
		f[RA_CONFIRMED_AT] = a->confirmed_at;
	}
	f[RA_VER] = ver;
	f[RA_CODE] = a->node_code;
	f[RA_TITLE] = a->node_title;
	f[RA_NAME] = a->name;
	f[RA_UNIT] = a->unit;
	f[RA_TARGET] = target;
	f[RA_FINAL] = final;
	f[RA_DEPT] = dept;
	rf_doc_add(d, RF_ACTUAL, f, RA_NCOLS);
	free(value);
	free(target);
	free(final);
	free(dept);
	return 0;
}

/* Actual rows for the indicators in inds; with item, those entered with
 * it, else those reported on their own. */
static int
export_indicators(struct store *st, struct rf_doc *d, const char *plan,
    const struct idkey *inds, size_t n, int fy,
    const struct result_entry *item, char **cause)
{
	struct actual_entry	*a;
	size_t			 i;
	int			 rc;

	for (i = 0; i < n; i++) {
		if (store_actual_load(st, inds[i].id, fy, &a, cause) != 0)
			return -1;
		rc = 0;
		if ((item != NULL) == (a->own == 0))
			rc = add_actual_row(st, d, plan, inds[i].key, a, item,
			    cause);
		store_actual_free(a);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int
export_node(struct store *st, struct rf_doc *d, const char *plan,
    const struct idkey *node, int fy, char **cause)
{
	struct result_entry	*e = NULL;
	struct idkey		*inds;
	size_t			 n;
	int			 rc = 0;

	if (list_ids(st, SQL_IND_NODE, node->id, fy, &inds, &n, cause) != 0)
		return -1;
	if (node->is_item) {
		if (store_result_load(st, node->id, fy, &e, cause) != 0) {
			idkeys_free(inds, n);
			return -1;
		}
		add_result_row(d, plan, node->key, e);
		rc = export_indicators(st, d, plan, inds, n, fy, e, cause);
	}
	if (rc == 0)
		rc = export_indicators(st, d, plan, inds, n, fy, NULL, cause);
	store_result_free(e);
	idkeys_free(inds, n);
	return rc;
}

static int
export_plan(struct store *st, const char *code, int fy, struct rf_doc *d,
    char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_PLAN, cause);
	struct idkey	*list;
	long long	 plan = 0;
	int		 first = 0, last = 0, rc;
	size_t		 n, i;
	char		 b1[FY_BUFSZ], *span;

	if (s == NULL)
		return -1;
	store_bind_text(s, 1, code);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		plan = sqlite3_column_int64(s, 0);
		first = sqlite3_column_int(s, 1);
		last = sqlite3_column_int(s, 2);
	}
	if (store_read_end(st, s, rc, "書き出し", cause) != 0)
		return -1;
	if (plan == 0) {
		*cause = xasprintf("計画「%s」がありません（コードの一覧は shisaku"
		    " plans）", code);
		return -1;
	}
	if (!fy_in_span(fy, first, last)) {
		span = fy_format_span(first, last, FY_STYLE_BOTH);
		*cause = xasprintf("%sは計画「%s」の期間（%s）の外です。期間内の"
		    "年度を --fy で指定してください",
		    fy_format(fy, FY_STYLE_BOTH, b1, sizeof b1), code, span);
		free(span);
		return -1;
	}
	if (list_ids(st, SQL_IND_PLAN, plan, fy, &list, &n, cause) != 0)
		return -1;
	rc = export_indicators(st, d, code, list, n, fy, NULL, cause);
	idkeys_free(list, n);
	if (rc != 0 || list_ids(st, SQL_NODES, plan, fy, &list, &n, cause) != 0)
		return -1;
	for (i = 0; i < n && rc == 0; i++)
		if (list[i].in_year)
			rc = export_node(st, d, code, &list[i], fy, cause);
	idkeys_free(list, n);
	return rc;
}

int
store_results_export(struct store *st, const char *code, int fy,
    struct rf_doc *d, char **cause)
{
	int	own = sqlite3_get_autocommit(st->db), rc;

	if (fy < FY_MIN || fy > FY_MAX) {
		*cause = xasprintf("年度 %d は範囲外です", fy);
		return -1;
	}
	/* One read snapshot: every row and its VER as of one moment. */
	if (own && sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		*cause = store_errmsg(st, "書き出し");
		return -1;
	}
	rc = export_plan(st, code, fy, d, cause);
	if (own)
		store_rollback(st);
	return rc;
}

/* ---- import ---- */

/* One entry of the database and the rows of the file that are about it:
 * an item's result with the actuals entered with it, or an indicator's
 * actual reported on its own. */
struct unit {
	int		 is_item;
	long long	 id;		/* node or indicator */
	int		 fy;
	struct rf_row	*result;	/* the result row, or NULL */
	struct rf_row	**actuals;	/* is_item: the actual rows; */
	size_t		 nactuals;	/* else exactly one */
	int		 bad;		/* a row of it has errors of its own
					   form: the entry is not tried */
};

struct import {
	struct store			*st;
	struct rf_doc			*d;
	const char			*login;
	struct store_results_count	*count;
	struct unit			*units;
	size_t				 nunits;
	size_t				*slots;	/* index of units: i + 1, */
	size_t				 nslots;	/* 0 = empty */
	int				 stop;	/* STORE_BUSY or -1: the */
	char				*stop_cause;	/* database failed */
};

static size_t
unit_hash(int is_item, long long id, int fy)
{
	unsigned long long	h = (unsigned long long)id * 1000003u;

	h ^= (unsigned long long)fy * 7919u + (unsigned long long)is_item;
	return (size_t)(h ^ (h >> 29));
}

/* Puts unit i into the open-addressed index of units. */
static void
unit_index(struct import *im, size_t i)
{
	const struct unit	*u = &im->units[i];
	size_t			 k = unit_hash(u->is_item, u->id, u->fy) % im->nslots;

	while (im->slots[k] != 0)
		k = (k + 1) % im->nslots;
	im->slots[k] = i + 1;
}

/* The unit of an entry, added when it is new; a file of a large plan
 * has thousands. */
static struct unit *
unit_for(struct import *im, int is_item, long long id, int fy)
{
	struct unit	*u;
	size_t		 k, i;

	if (im->nslots != 0) {
		k = unit_hash(is_item, id, fy) % im->nslots;
		for (; im->slots[k] != 0; k = (k + 1) % im->nslots) {
			u = &im->units[im->slots[k] - 1];
			if (u->is_item == is_item && u->id == id && u->fy == fy)
				return u;
		}
	}
	if (2 * (im->nunits + 1) > im->nslots) {
		free(im->slots);
		im->nslots = im->nslots ? im->nslots * 2 : 64;
		im->slots = xcalloc(im->nslots, sizeof *im->slots);
		for (i = 0; i < im->nunits; i++)
			unit_index(im, i);
	}
	im->units = xreallocarray(im->units, im->nunits + 1, sizeof *im->units);
	u = &im->units[im->nunits++];
	memset(u, 0, sizeof *u);
	u->is_item = is_item;
	u->id = id;
	u->fy = fy;
	unit_index(im, im->nunits - 1);
	return u;
}

static void
unit_add_actual(struct unit *u, struct rf_row *r)
{
	u->actuals = xreallocarray(u->actuals, u->nactuals + 1,
	    sizeof *u->actuals);
	u->actuals[u->nactuals++] = r;
}

/* A row reported already for its own form (rf_read): the entry it is
 * about, when it can be told, is not tried either, so that its other
 * rows are not judged without it. Says nothing more. */
static void
gather_bad(struct import *im, struct rf_row *r)
{
	struct actual_entry	*a;
	long long		 id;
	char			*why = NULL;

	if (r->kind == RF_RESULT) {
		if ((id = id_of(im->st, SQL_NODE_ID, r->f[RR_PLAN],
		    r->f[RR_NODE])) != 0)
			unit_for(im, 1, id, r->fy)->bad = 1;
		return;
	}
	if ((id = id_of(im->st, SQL_IND_ID, r->f[RA_PLAN], r->f[RA_IND])) == 0)
		return;
	if (store_actual_load(im->st, id, r->fy, &a, &why) != 0) {
		free(why);
		return;
	}
	unit_for(im, !a->own, a->own ? id : a->item_id, r->fy)->bad = 1;
	store_actual_free(a);
}

/* Sorts the rows into units; a row whose item or indicator cannot be
 * read is an error at its key column. */
static void
gather(struct import *im)
{
	struct actual_entry	*a;
	struct rf_row		*r;
	struct unit		*u;
	long long		 id;
	size_t			 i;
	char			*why = NULL;

	for (i = 0; i < im->d->n; i++) {
		r = &im->d->rows[i];
		if (r->bad) {
			gather_bad(im, r);
			continue;
		}
		if (r->kind == RF_RESULT) {
			id = id_of(im->st, SQL_NODE_ID, r->f[RR_PLAN], r->f[RR_NODE]);
			if (id == 0) {
				rf_error(im->d, r, RR_NODE, "計画「%s」に取組「%s」が"
				    "ありません", r->f[RR_PLAN], r->f[RR_NODE]);
				continue;
			}
			u = unit_for(im, 1, id, r->fy);
			u->result = r;
			continue;
		}
		id = id_of(im->st, SQL_IND_ID, r->f[RA_PLAN], r->f[RA_IND]);
		if (id == 0) {
			rf_error(im->d, r, RA_IND, "計画「%s」に指標「%s」があり"
			    "ません", r->f[RA_PLAN], r->f[RA_IND]);
			continue;
		}
		if (store_actual_load(im->st, id, r->fy, &a, &why) != 0) {
			rf_error(im->d, r, RA_IND, "%s", why);
			free(why);
			why = NULL;
			continue;
		}
		if (a->own)
			u = unit_for(im, 0, id, r->fy);
		else
			u = unit_for(im, 1, a->item_id, r->fy);
		unit_add_actual(u, r);
		store_actual_free(a);
	}
}

/* The text the file gives for a field: the database's own when the file
 * went through CP932 and only the pairs it folds differ. */
static const char *
adopt(const struct import *im, const char *file, const char *db)
{
	if (im->d->cp932 && strcmp(file, db != NULL ? db : "") != 0 &&
	    textenc_cp932_same(file, db))
		return db != NULL ? db : "";
	return file;
}

static int
same_str(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static void
set_str(char **to, const char *s)
{
	char	*copy = xstrdup(s != NULL ? s : "");

	free(*to);
	*to = copy;
}

/* Whether indicator id's actual is read as a number, as the forms read
 * it (target: the year's own, or NULL); 1 on a failed read, the forms'
 * default for an indicator with a unit being a number too. */
static int
expects_number(struct import *im, long long id, const struct value *target,
    const struct value *db, const char *unit)
{
	sqlite3_stmt	*s = store_stmt(im->st, SQL_IND_VALUES, NULL);
	struct value	*others = NULL;
	size_t		 n = 0, i;
	int		 num;

	if (s == NULL)
		return 1;
	sqlite3_bind_int64(s, 1, id);
	while (sqlite3_step(s) == SQLITE_ROW) {
		others = xreallocarray(others, n + 1, sizeof *others);
		store_col_value(s, 0, &others[n++]);
	}
	sqlite3_reset(s);
	num = value_expects_number(target, others, n, db, unit);
	for (i = 0; i < n; i++)
		value_clear(&others[i]);
	free(others);
	return num;
}

/* Parses the file's value against the unit into *v (the database's own
 * when they differ only by CP932's pairs). Returns 0, or -1 with an error
 * at the row's VALUE column. */
static int
file_value(struct import *im, struct rf_row *r, long long ind_id,
    const struct value *target, const char *unit, const struct value *db,
    const char *name, struct value *v)
{
	char	*why = NULL;

	if (value_parse(r->f[RA_VALUE], unit, v, &why) != 0) {
		rf_error(im->d, r, RA_VALUE, "指標「%s」の実績値: %s", name, why);
		free(why);
		return -1;
	}
	/* Text where the forms take a number only: refused as they refuse
	 * it, unless it is the value the database already holds. */
	if (v->kind == VALUE_TEXT && !value_equal(v, db) &&
	    !(im->d->cp932 && db->kind == VALUE_TEXT &&
	    textenc_cp932_same(v->text, db->text)) &&
	    expects_number(im, ind_id, target, db, unit)) {
		why = value_number_examples(unit);
		rf_error(im->d, r, RA_VALUE, "指標「%s」の実績値「%s」は数値として"
		    "読めません。例: %s（空欄は未入力）", name, r->f[RA_VALUE], why);
		free(why);
		value_clear(v);
		return -1;
	}
	if (im->d->cp932 && v->kind == VALUE_TEXT && db->kind == VALUE_TEXT &&
	    !value_equal(v, db) && textenc_cp932_same(v->text, db->text)) {
		value_clear(v);
		value_copy(v, db);
	}
	return 0;
}

/* The workflow action that takes an entry from state from to the state a
 * row asks for (its STATE word; "" keeps the state), or WF_EDIT for none;
 * -1 with an error when no action leads there. */
static int
wanted_action(struct import *im, struct rf_row *r, int col,
    enum wf_state from)
{
	const char	*key;
	int		 to;

	if (r->f[col][0] == '\0')
		return WF_EDIT;
	key = vocab_key(VOCAB_STATE, r->f[col]);
	to = workflow_state_parse(key);
	if (to < 0)
		return WF_EDIT;	/* checked when read */
	if ((enum wf_state)to == from || (to == WF_DRAFT && from == WF_NONE))
		return WF_EDIT;
	switch ((enum wf_state)to) {
	case WF_SUBMITTED:
		return WF_SUBMIT;
	case WF_CONFIRMED:
		return WF_CONFIRM;
	case WF_RETURNED:
		return WF_RETURN;
	case WF_DRAFT:
		return WF_REOPEN;
	case WF_NONE:
		break;
	}
	rf_error(im->d, r, col, "状態を%sから%sには変えられません",
	    workflow_state_label(from), workflow_state_label((enum wf_state)to));
	return -1;
}

/* "取組 No.1「…」の令和3年度の実績" / "指標「…」の令和3年度の実績値". */
static char *
what_item(const struct result_entry *e)
{
	char	buf[FY_BUFSZ];

	return xasprintf("取組 %s「%s」の%sの実績", e->node_code, e->node_title,
	    fy_format(e->fy, FY_STYLE_ERA, buf, sizeof buf));
}

static char *
what_indicator(const struct actual_entry *a)
{
	char	buf[FY_BUFSZ];

	return xasprintf("指標「%s」（%s%s%s）の%sの実績値", a->name,
	    a->node_code, a->node_code[0] ? " " : "", a->node_title,
	    fy_format(a->fy, FY_STYLE_ERA, buf, sizeof buf));
}

/* Whether history row h is about the entry: not a target, not the log
 * of a late entry; for an item, its result or an indicator entered with
 * it. */
static int
history_of_entry(const struct history_row *h, int is_item,
    const struct result_entry *item)
{
	size_t	j;

	/* (A refusal changed nothing: it is not the change to name.) */
	if (strcmp(h->field, "target") == 0 ||
	    strcmp(h->field, "late_entry") == 0 ||
	    strcmp(h->field, "refused") == 0)
		return 0;
	if (!is_item || h->indicator_id == 0)
		return 1;
	for (j = 0; item != NULL && j < item->nindicators; j++)
		if (item->indicators[j].id == h->indicator_id)
			return 1;
	return 0;
}

/* The last change to the entry: "sys が 2026-05-01T10:00:00 に変更しました
 * （状態）", from the history with every field that one save or step
 * changed, or from the entry's own by and at (entered or confirmed) when
 * they are later than anything the history holds. */
static char *
last_change(struct store *st, int is_item, long long id, int fy,
    const struct result_entry *item, const char *by, const char *at)
{
	struct history_row	*h = NULL, *last = NULL;
	size_t			 n = 0, i;
	char			*fields = NULL, *t, *out, *seen, *mark;
	const char		*label;

	if ((is_item ? store_history_node(st, id, fy, 0, 0, &h, &n, NULL) :
	    store_history_indicator(st, id, fy, 0, 0, &h, &n, NULL)) != 0)
		n = 0;
	for (i = 0; i < n; i++) {
		if (!history_of_entry(&h[i], is_item, item))
			continue;
		if (last == NULL)
			last = &h[i];
		else if (strcmp(h[i].at, last->at) != 0 ||
		    strcmp(h[i].login, last->login) != 0)
			break;
		label = workflow_field_label(h[i].field);
		if (fields != NULL) {
			seen = xasprintf("、%s、", fields);
			mark = xasprintf("、%s、", label);
			t = strstr(seen, mark);
			free(seen);
			free(mark);
			if (t != NULL)
				continue;
		}
		/* Newest first: put each before the later ones. */
		t = fields == NULL ? xstrdup(label) :
		    xasprintf("%s、%s", label, fields);
		free(fields);
		fields = t;
	}
	if (last != NULL && strcmp(last->at, at) >= 0)
		out = xasprintf("%s が %s に変更しました（%s）", last->login,
		    last->at, fields);
	else
		out = xasprintf("%s が %s に変更しました", by[0] ? by : "不明",
		    at[0] ? at : "（日時不明）");
	free(fields);
	store_history_free(h, n);
	return out;
}

/* The later of two "YYYY-MM-DDTHH:MM:SS" times and its user. */
static void
later(const char **by, const char **at, const char *by2, const char *at2)
{
	if (strcmp(at2, *at) > 0) {
		*by = by2;
		*at = at2;
	}
}

static void
conflict(struct import *im, struct rf_row *r, int col, const char *what,
    int ver_now, const char *change)
{
	if (ver_now == 0)
		rf_error(im->d, r, col, "%sは書き出した後に消されています（VER %d）。"
		    "書き出し直してから入力してください", what, r->ver);
	else
		rf_error(im->d, r, col, "%sは書き出した後に %s。この行は読み込めま"
		    "せん（VER %d、現在 %d）。書き出し直して入力し直してください",
		    what, change, r->ver, ver_now);
}

/* Reports what a store function answered for the entry what, at row r's
 * column col, and takes why. A failure of the database itself (SQLite
 * ended the transaction) stops the import. Returns 0 when it succeeded. */
static int
store_answer(struct import *im, int rc, struct rf_row *r, int col,
    const char *what, char *why)
{
	if (rc == 0) {
		free(why);
		return 0;
	}
	if (rc == STORE_BUSY || sqlite3_get_autocommit(im->st->db)) {
		if (im->stop == 0) {
			im->stop = rc == STORE_BUSY ? STORE_BUSY : -1;
			im->stop_cause = why;
			why = NULL;
		}
	} else
		rf_error(im->d, r, col, "%s: %s", what,
		    why != NULL ? why : "書き込めません");
	free(why);
	return -1;
}

static struct result_indicator *
find_indicator(struct result_entry *e, const char *key)
{
	size_t	i;

	for (i = 0; i < e->nindicators; i++)
		if (strcmp(e->indicators[i].key, key) == 0)
			return &e->indicators[i];
	return NULL;
}

/* The first column of the result row whose field differs from db's, or
 * -1 when only its STATE asks for a change. */
static int
result_changed_col(const struct result_entry *e, const struct result_entry *db)
{
	if (!same_str(e->status, db->status))
		return RR_STATUS;
	if (!same_str(e->grade, db->grade))
		return RR_GRADE;
	if (!same_str(e->text, db->text))
		return RR_TEXT;
	if (!same_str(e->comment, db->comment))
		return RR_COMMENT;
	return -1;
}

/* A row of an entry that did not exist when the file was written (VER
 * 0) and that the file leaves blank says nothing of it, whatever the
 * database holds now: another department may have entered it since,
 * from its own copy of the same file. */
static int
row_says_nothing(const struct rf_row *r)
{
	static const int rcols[] = { RR_STATUS, RR_GRADE, RR_STATE, RR_TEXT,
	    RR_COMMENT, RR_RETURN };
	static const int acols[] = { RA_VALUE, RA_NOTE, RA_STATE, RA_RETURN };
	const int	*cols = r->kind == RF_RESULT ? rcols : acols;
	size_t		 n = r->kind == RF_RESULT ? sizeof rcols / sizeof *rcols :
			    sizeof acols / sizeof *acols, i;

	if (r->ver != 0)
		return 0;
	for (i = 0; i < n; i++)
		if (r->f[cols[i]] != NULL && r->f[cols[i]][0] != '\0')
			return 0;
	return 1;
}

/* Lays the result row over e (a copy of db); *action is the transition
 * it asks for. Returns 1 if the row differs from db, 0 if not, -1 on an
 * error in the row. */
static int
lay_result(struct import *im, struct rf_row *r, struct result_entry *e,
    const struct result_entry *db, int *action)
{
	e->status = r->f[RR_STATUS][0] ?
	    vocab_key(VOCAB_STATUS, r->f[RR_STATUS]) : NULL;
	free(e->grade);
	e->grade = r->f[RR_GRADE][0] ? xstrdup(r->f[RR_GRADE]) : NULL;
	set_str(&e->text, adopt(im, r->f[RR_TEXT], db->text));
	set_str(&e->comment, adopt(im, r->f[RR_COMMENT], db->comment));
	if ((*action = wanted_action(im, r, RR_STATE, db->state)) < 0)
		return -1;
	return result_changed_col(e, db) >= 0 || *action != WF_EDIT;
}

/* Lays an actual row over its indicator in e (a copy of db). Returns 1
 * if it differs from db (*col: its first column that does), 0 if not, -1
 * on an error in the row. */
static int
lay_item_actual(struct import *im, struct rf_row *r, struct result_entry *e,
    const struct result_entry *db, const char *what, int *col)
{
	struct result_indicator		*ri;
	const struct result_indicator	*oi;
	struct value			 v;

	if (r->f[RA_STATE][0] != '\0') {
		rf_error(im->d, r, RA_STATE, "指標「%s」は取組の実績と一緒に入力"
		    "する指標です。状態は result の行の STATE で変えてください"
		    "（この列は空にします）", r->f[RA_IND]);
		return -1;
	}
	if ((ri = find_indicator(e, r->f[RA_IND])) == NULL) {
		rf_error(im->d, r, RA_IND, "指標「%s」は%sの指標ではありません",
		    r->f[RA_IND], what);
		return -1;
	}
	oi = &db->indicators[ri - e->indicators];
	if (file_value(im, r, oi->id, oi->target.kind != VALUE_NONE ?
	    &oi->target : NULL, oi->unit, &oi->actual, oi->name, &v) != 0)
		return -1;
	value_clear(&ri->actual);
	ri->actual = v;
	set_str(&ri->note, adopt(im, r->f[RA_NOTE], oi->note));
	*col = !value_equal(&ri->actual, &oi->actual) ? RA_VALUE : RA_NOTE;
	return !value_equal(&ri->actual, &oi->actual) ||
	    !same_str(ri->note, oi->note);
}

/* Runs the transition action (not WF_EDIT) on an item's entry. */
static int
item_transition(struct import *im, struct result_entry *e, int action,
    struct rf_row *r, const char *what)
{
	struct result_entry	*cur = NULL;
	char			*why = NULL;
	int			 rc;

	switch (action) {
	case WF_SUBMIT:
		rc = store_result_submit(im->st, e, im->login, e->ver, &cur, &why);
		break;
	case WF_CONFIRM:
		rc = store_result_confirm(im->st, e, im->login, e->ver, &cur, &why);
		break;
	case WF_RETURN:
		rc = store_result_return(im->st, e, im->login, e->ver,
		    r->f[RR_RETURN], &cur, &why);
		break;
	default:
		rc = store_result_reopen(im->st, e, im->login, e->ver, &cur, &why);
		break;
	}
	store_result_free(cur);
	return store_answer(im, rc, r, RR_STATE, what, why);
}

/* An item's result and the actuals entered with it. */
static void
import_item(struct import *im, struct unit *u)
{
	struct result_entry	*db = NULL, *e = NULL, *cur = NULL;
	struct rf_row		*r, *at = NULL, **changed;
	char			*why = NULL, *what, *change = NULL;
	const char		*by, *at_time;
	size_t			 i, nchanged = 0, nactuals = 0;
	int			 action = WF_EDIT, res_changed = 0, bad = 0;
	int			 col = -1, c, rc;

	r = u->result != NULL ? u->result : u->actuals[0];
	if (store_result_load(im->st, u->id, u->fy, &db, &why) != 0) {
		rf_error(im->d, r, u->result != NULL ? RR_NODE : RA_IND, "%s", why);
		free(why);
		return;
	}
	e = store_result_dup(db);
	what = what_item(db);
	changed = xreallocarray(NULL, u->nactuals + 1, sizeof *changed);
	if (u->result != NULL && !row_says_nothing(u->result)) {
		if ((res_changed = lay_result(im, u->result, e, db, &action)) < 0)
			bad = 1;
		else if (res_changed) {
			changed[nchanged++] = u->result;
			if ((col = result_changed_col(e, db)) >= 0)
				at = u->result;
		}
	}
	for (i = 0; i < u->nactuals; i++) {
		if (row_says_nothing(u->actuals[i]))
			continue;
		switch (lay_item_actual(im, u->actuals[i], e, db, what, &c)) {
		case -1:
			bad = 1;
			break;
		case 1:
			changed[nchanged++] = u->actuals[i];
			nactuals++;
			if (at == NULL) {
				at = u->actuals[i];
				col = c;
			}
			break;
		}
	}
	im->count->unchanged += (u->result != NULL) + u->nactuals - nchanged;
	if (bad || nchanged == 0)
		goto out;
	/* Every row that differs must come from the version the database
	 * holds now. */
	for (i = 0; i < nchanged; i++) {
		if (changed[i]->ver == db->ver)
			continue;
		if (change == NULL) {
			by = db->entered_by;
			at_time = db->entered_at;
			later(&by, &at_time, db->confirmed_by, db->confirmed_at);
			change = last_change(im->st, 1, u->id, u->fy, db, by,
			    at_time);
		}
		conflict(im, changed[i], changed[i]->kind == RF_RESULT ? RR_VER :
		    RA_VER, what, db->ver, change);
		bad = 1;
	}
	if (bad)
		goto out;
	rc = 0;
	if (action == WF_REOPEN)
		rc = item_transition(im, e, action, u->result, what);
	if (rc == 0 && at != NULL) {
		rc = store_result_save(im->st, e, im->login, e->ver, &cur, &why);
		store_result_free(cur);
		rc = store_answer(im, rc, at, col, what, why);
	}
	if (rc == 0 && action != WF_EDIT && action != WF_REOPEN)
		rc = item_transition(im, e, action, u->result, what);
	if (rc == 0) {
		im->count->results += res_changed;
		im->count->actuals += nactuals;
	}
out:
	free(change);
	free(changed);
	free(what);
	store_result_free(e);
	store_result_free(db);
}

/* Runs the transition action (not WF_EDIT) on an indicator's entry. */
static int
actual_transition(struct import *im, struct actual_entry *e, int action,
    struct rf_row *r, const char *what)
{
	struct actual_entry	*cur = NULL;
	char			*why = NULL;
	int			 rc;

	switch (action) {
	case WF_SUBMIT:
		rc = store_actual_submit(im->st, e, im->login, e->ver, &cur, &why);
		break;
	case WF_CONFIRM:
		rc = store_actual_confirm(im->st, e, im->login, e->ver, &cur, &why);
		break;
	case WF_RETURN:
		rc = store_actual_return(im->st, e, im->login, e->ver,
		    r->f[RA_RETURN], &cur, &why);
		break;
	default:
		rc = store_actual_reopen(im->st, e, im->login, e->ver, &cur, &why);
		break;
	}
	store_actual_free(cur);
	return store_answer(im, rc, r, RA_STATE, what, why);
}

/* An indicator's actual reported on its own. */
static void
import_actual(struct import *im, struct unit *u)
{
	struct actual_entry	*db = NULL, *e = NULL, *cur = NULL;
	struct rf_row		*r = u->actuals[0];
	struct value		 v;
	char			*why = NULL, *what, *change;
	const char		*by, *at;
	int			 action, value_changed, rc = 0;

	if (store_actual_load(im->st, u->id, u->fy, &db, &why) != 0) {
		rf_error(im->d, r, RA_IND, "%s", why);
		free(why);
		return;
	}
	what = what_indicator(db);
	if (row_says_nothing(r)) {
		im->count->unchanged++;
		goto out;
	}
	if (file_value(im, r, db->indicator_id, db->target_is_final ? NULL :
	    &db->target, db->unit, &db->actual, db->name, &v) != 0)
		goto out;
	e = store_actual_dup(db);
	value_clear(&e->actual);
	e->actual = v;
	set_str(&e->note, adopt(im, r->f[RA_NOTE], db->note));
	if ((action = wanted_action(im, r, RA_STATE, db->state)) < 0)
		goto out;
	value_changed = store_actual_changed(e, db);
	if (!value_changed && action == WF_EDIT) {
		im->count->unchanged++;
		goto out;
	}
	if (r->ver != db->ver) {
		by = db->entered_by;
		at = db->entered_at;
		later(&by, &at, db->confirmed_by, db->confirmed_at);
		change = last_change(im->st, 0, u->id, u->fy, NULL, by, at);
		conflict(im, r, RA_VER, what, db->ver, change);
		free(change);
		goto out;
	}
	if (action == WF_REOPEN)
		rc = actual_transition(im, e, action, r, what);
	if (rc == 0 && value_changed) {
		rc = store_actual_save(im->st, e, im->login, e->ver, &cur, &why);
		store_actual_free(cur);
		rc = store_answer(im, rc, r, !value_equal(&e->actual, &db->actual) ?
		    RA_VALUE : RA_NOTE, what, why);
	}
	if (rc == 0 && action != WF_EDIT && action != WF_REOPEN)
		rc = actual_transition(im, e, action, r, what);
	if (rc == 0)
		im->count->actuals++;
out:
	free(what);
	store_actual_free(e);
	store_actual_free(db);
}

int
store_results_import(struct store *st, struct rf_doc *d, const char *login,
    int dry, struct store_results_count *count, char **cause)
{
	struct import	im;
	size_t		i;
	int		rc;

	memset(count, 0, sizeof *count);
	memset(&im, 0, sizeof im);
	im.st = st;
	im.d = d;
	im.login = login;
	im.count = count;
	if ((rc = store_batch_begin(st, cause)) != 0)
		return rc;
	gather(&im);
	for (i = 0; i < im.nunits && im.stop == 0; i++) {
		if (i % STORE_PROGRESS_EVERY == 0)
			store_progress(st, i, im.nunits);
		if (im.units[i].bad)
			continue;
		if (im.units[i].is_item)
			import_item(&im, &im.units[i]);
		else
			import_actual(&im, &im.units[i]);
	}
	if (im.stop == 0)
		store_progress(st, im.nunits, im.nunits);
	for (i = 0; i < im.nunits; i++)
		free(im.units[i].actuals);
	free(im.units);
	free(im.slots);
	if (im.stop != 0) {
		store_batch_end(st, 0, NULL);
		*cause = im.stop_cause != NULL ? im.stop_cause :
		    xstrdup("書き込めません");
		return im.stop;
	}
	if (d->nerrors > 0 || dry) {
		store_batch_end(st, 0, NULL);
		return d->nerrors > 0 ? 1 : 0;
	}
	return store_batch_end(st, 1, cause);
}
