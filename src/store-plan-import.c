/*
 * Loading plan files into the store (see store-plan.h): a loader takes
 * checked records one at a time, in file order, inside one BEGIN
 * IMMEDIATE transaction that the caller commits or rolls back as a whole.
 * It keeps what the rows refer to in memory (the ids of plans, nodes,
 * indicators and departments, the next display order of each list, a
 * node's depth and main department), so that each record is one insert
 * through a statement prepared once, whatever the size of the plan: no
 * lookup by key and no max(ord) per row. What the file refers to without
 * defining it (a plan already in the database) is looked up once.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shisaku/fy.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-indfig.h"
#include "shisaku/store-internal.h"
#include "shisaku/store-plan.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/vocab.h"
#include "shisaku/workflow.h"

/* ---- a map from text keys to records of the loader ---- */

struct slot {
	struct slot	*next;
	size_t		 hash;
	void		*value;
	char		 key[];
};

struct map {
	struct slot	**b;
	size_t		  nb, n;
};

static size_t
map_hash(const char *a, const char *b)
{
	size_t	h = 14695981039346656037u;

	while (*a)
		h = (h ^ (unsigned char)*a++) * 1099511628211u;
	h = (h ^ 0x1f) * 1099511628211u;
	while (b != NULL && *b)
		h = (h ^ (unsigned char)*b++) * 1099511628211u;
	return h;
}

static int
map_key_is(const struct slot *s, const char *a, const char *b)
{
	size_t	n = strlen(a);

	return strncmp(s->key, a, n) == 0 && s->key[n] == '\x1f' &&
	    strcmp(s->key + n + 1, b != NULL ? b : "") == 0;
}

/* The value under (a, b), or NULL. */
static void *
map_get(const struct map *m, const char *a, const char *b)
{
	size_t		 h;
	struct slot	*s;

	if (m->nb == 0)
		return NULL;
	h = map_hash(a, b);
	for (s = m->b[h % m->nb]; s != NULL; s = s->next)
		if (s->hash == h && map_key_is(s, a, b))
			return s->value;
	return NULL;
}

/* Puts value (owned by the map from now on, freed with free()) under
 * (a, b), replacing what was there. */
static void
map_put(struct map *m, const char *a, const char *b, void *value)
{
	struct slot	*s, **nb, *next;
	size_t		 h = map_hash(a, b), i, na = strlen(a);
	size_t		 nk = b != NULL ? strlen(b) : 0;

	if (m->nb != 0)
		for (s = m->b[h % m->nb]; s != NULL; s = s->next)
			if (s->hash == h && map_key_is(s, a, b)) {
				free(s->value);
				s->value = value;
				return;
			}
	if (m->n >= m->nb) {
		size_t n = m->nb ? m->nb * 2 : 1024;

		nb = xcalloc(n, sizeof *nb);
		for (i = 0; i < m->nb; i++)
			for (s = m->b[i]; s != NULL; s = next) {
				next = s->next;
				s->next = nb[s->hash % n];
				nb[s->hash % n] = s;
			}
		free(m->b);
		m->b = nb;
		m->nb = n;
	}
	s = xmalloc(sizeof *s + na + nk + 2);
	s->hash = h;
	s->value = value;
	memcpy(s->key, a, na);
	s->key[na] = '\x1f';
	memcpy(s->key + na + 1, b != NULL ? b : "", nk + 1);
	s->next = m->b[h % m->nb];
	m->b[h % m->nb] = s;
	m->n++;
}

static void
map_free(struct map *m, void (*free_value)(void *))
{
	struct slot	*s, *next;
	size_t		 i;

	for (i = 0; i < m->nb; i++)
		for (s = m->b[i]; s != NULL; s = next) {
			next = s->next;
			free_value(s->value);
			free(s);
		}
	free(m->b);
	memset(m, 0, sizeof *m);
}

/* ---- what the loader knows ---- */

struct lplan {
	long long	 id;
	char		 sid[24];	/* id as text: the key of its nodes */
	long		 node_ord, ind_ord;
	long		 nind;		/* indicators the load added */
	int		 made;		/* its plan row is the load's */
	/* The depth of its action items: its deepest level (0: not known
	 * yet; see item_depth). */
	int		 item_depth;
	/* Of a plan already in the database (see loader_forget_figures):
	 * whether the load wrote a row of its structure, which the checks
	 * never let through (counted again whole, to be sure); the years
	 * of the results and actual values it wrote; the first year of an
	 * actual of a running total (0: none), which changes the later
	 * years' outcomes too. */
	int		 shaped;
	long long	*years;		/* as ids, for store_ids_json */
	size_t		 nyears;
	int		 running_from;
};

/* A department in charge of a node, for the department its results of
 * a year are filed under (see node_dept). */
struct lassign {
	long long	 dept;
	int		 is_main;
	int		 from, until;	/* 0: open */
};

struct lnode {
	long long	 id;
	int		 depth;
	int		 from_db;	/* of a plan loaded before */
	int		 noted;		/* for the search (loader_note_search) */
	long		 assign_ord, yp_ord;
	/* Its departments in charge, in their order. */
	struct lassign	*as;
	size_t		 nas;
};

struct lind {
	long long	 id;
	long long	 dept;		/* its own reporting department; 0 */
	struct lnode	*node;		/* NULL: the plan's own */
	int		 from_db;
	int		 cumulative;	/* a running total */
	int		 noted;		/* for its rates (loader_note_rates) */
	char		 unit[];
};

struct store_plan_loader {
	struct store	*st;
	int		 replace;
	char		*login;
	char		 now[20];	/* the time of every history row */
	int		 today_fy;	/* store_plan_loader_today; 0 unset */
	int		 in_write;
	char		*cause;		/* why a record was refused */
	struct map	 plans;		/* code → struct lplan */
	struct map	 nodes;		/* plan id, key → struct lnode */
	struct map	 inds;		/* plan id, key → struct lind */
	struct map	 depts;		/* code → long long id */
	struct pf_sink	 sink;
	/* The loader's statements, prepared once (by their SQL string). */
	struct {
		const char	*sql;
		sqlite3_stmt	*s;
	}		 own[32];
	size_t		 nown;
	/* The indexes left out of a load into an empty database, and the
	 * triggers that keep the plans list's figures, made again before
	 * the commit. */
	char		**index_sql;
	size_t		 nindex;
	/* A load that replaces nothing (see loader_rows_begin): foreign
	 * keys off for it; the row triggers it does the work of at the end,
	 * and what that work needs (the version clock, the largest rowid of
	 * each table before the load). */
	int		 fk_off;
	int		 rows_set;
	/* A load into an empty file: written through a rollback journal
	 * (store_plan_loader_begin), the log again after it. */
	int		 journal_plain;
	long long	 clock;
	long long	 max_before[4];
	/* Results and actual values read while their node had no
	 * department (see loader_refile): filed at the commit under the
	 * department the node may have taken from above it since. */
	struct unfiled {
		const void	*row;	/* the result's struct lnode, the
					   actual's struct lind */
		int		 fy;
		int		 actual;
	}		*unfiled;
	size_t		 nunfiled;
	/* Actual values of indicators reported on their own that the file
	 * gives no STATE, loaded as confirmed (see actual_state). */
	long		 confirmed_blank;
};

static const char SQL_PLAN_DELETE[] = "DELETE FROM plan WHERE code = ?";
/* History outlives a replaced plan: before the plan goes, each of its
 * history rows is noted with the keys of its node and indicator, and
 * once the files are loaded it is pointed at the node and the indicator
 * of the new plan that have those keys. A row whose key the new plan
 * lacks stays without it, for audit (history_node_id SET NULL). */
static const char SQL_KEEP_TABLE[] =
    "CREATE TEMP TABLE IF NOT EXISTS replaced_history (history_id INTEGER"
    " PRIMARY KEY, plan_code TEXT NOT NULL, node_key TEXT, indicator_key TEXT)";
static const char SQL_KEEP[] =
    "INSERT OR REPLACE INTO temp.replaced_history (history_id, plan_code,"
    " node_key, indicator_key)"
    " SELECT h.id, ?1, n.key, i.key FROM history h"
    " LEFT JOIN node n ON n.id = h.node_id"
    " LEFT JOIN indicator i ON i.id = h.indicator_id"
    " WHERE n.plan_id = (SELECT id FROM plan WHERE code = ?1)"
    "    OR i.plan_id = (SELECT id FROM plan WHERE code = ?1)";
static const char SQL_RELINK[] =
    "UPDATE history SET"
    " node_id = coalesce(node_id, (SELECT n.id FROM temp.replaced_history r"
    "  JOIN plan p ON p.code = r.plan_code"
    "  JOIN node n ON n.plan_id = p.id AND n.key = r.node_key"
    "  WHERE r.history_id = history.id)),"
    " indicator_id = coalesce(indicator_id, (SELECT i.id"
    "  FROM temp.replaced_history r JOIN plan p ON p.code = r.plan_code"
    "  JOIN indicator i ON i.plan_id = p.id AND i.key = r.indicator_key"
    "  WHERE r.history_id = history.id))"
    " WHERE id IN (SELECT history_id FROM temp.replaced_history)";
static const char SQL_KEEP_CLEAR[] = "DELETE FROM temp.replaced_history";
static const char SQL_PLAN[] = "INSERT INTO plan (code, name, first_fy, last_fy,"
    " org, description, ord) VALUES (?, ?, ?, ?, ?, ?,"
    " (SELECT coalesce(max(ord), 0) + 1 FROM plan))";
static const char SQL_LEVEL[] = "INSERT INTO plan_level (plan_id, depth, name)"
    " VALUES (?, ?, ?)";
static const char SQL_FLAG[] = "INSERT INTO plan_flag (plan_id, key, label, symbol,"
    " ord) VALUES (?, ?, ?, ?, (SELECT coalesce(max(ord), 0) + 1 FROM plan_flag))";
static const char SQL_DEPT[] = "INSERT INTO department (code, name, org,"
    " abolished_after, merged_into, ord) VALUES (?, ?, ?, ?, ?,"
    " (SELECT coalesce(max(ord), 0) + 1 FROM department))";
static const char SQL_DEPTNAME[] = "INSERT OR REPLACE INTO department_name"
    " (dept_id, until_fy, name) VALUES (?, ?, ?)";
static const char SQL_NODE[] = "INSERT INTO node (plan_id, parent_id, depth, key,"
    " code, title, label, first_fy, last_fy, summary, means, note, ord)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_MARK[] = "INSERT OR IGNORE INTO node_flag (node_id, flag_id)"
    " SELECT ?, id FROM plan_flag WHERE plan_id = ? AND key = ?";
/* (With its node's plan, place and period, db/migrate-19.sql and
 * db/migrate-27.sql, from one look-up of the node.) */
static const char SQL_ASSIGN[] = "INSERT INTO node_dept (node_id, dept_id, is_main,"
    " from_fy, until_fy, ord, plan_id, parent_id, depth, node_ord, first_fy,"
    " last_fy) SELECT ?1, ?2, ?3, ?4, ?5, ?6, n.plan_id, n.parent_id,"
    " n.depth, n.ord, n.first_fy, n.last_fy FROM node n WHERE n.id = ?1";
static const char SQL_YEARPLAN[] = "INSERT INTO year_plan (node_id, from_fy, to_fy,"
    " text, ord) VALUES (?, ?, ?, ?, ?)";
static const char SQL_COST[] = "INSERT INTO cost_trend (node_id, fy, trend)"
    " VALUES (?, ?, ?)";
static const char SQL_INDICATOR[] = "INSERT INTO indicator (plan_id, node_id, key,"
    " name, category, unit, direction, cumulative, base_num, base_txt, base_fy,"
    " final_num, final_txt, final_fy, rationale, note, ord, dept_id, depth)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
static const char SQL_TARGET[] = "INSERT INTO indicator_target (indicator_id, fy,"
    " num, txt) VALUES (?, ?, ?, ?)";
/* A submitted entry loaded was submitted when it was entered, for the
 * reviewers' list (db/migrate-18.sql). */
#define LOAD_SUBMITTED_AT(state, at)					\
	"CASE WHEN " state " = 'submitted' THEN COALESCE(" at ", '')"	\
	" ELSE '' END"
static const char SQL_RESULT[] = "INSERT INTO result (node_id, fy, status, grade,"
    " state, text, comment, return_comment, dept_id, entered_by, entered_at,"
    " confirmed_by, confirmed_at, submitted_at) VALUES (?1, ?2, ?3, ?4, ?5,"
    " ?6, ?7, ?8, ?13, ?9, ?10, ?11, ?12, " LOAD_SUBMITTED_AT("?5", "?10") ")"
    " ON CONFLICT (node_id, fy) DO UPDATE SET status = excluded.status,"
    " grade = excluded.grade, state = excluded.state, text = excluded.text,"
    " comment = excluded.comment, return_comment = excluded.return_comment,"
    " entered_by = excluded.entered_by, entered_at = excluded.entered_at,"
    " confirmed_by = excluded.confirmed_by, confirmed_at = excluded.confirmed_at,"
    " submitted_at = excluded.submitted_at, ver = ver + 1";
/* The same rows, of a node or an indicator the load has added: there is
 * nothing to update (the checks refuse a second row of a year), and a
 * plain insert needs no statement journal, which an upsert, able to
 * write twice, keeps for each row. */
static const char SQL_RESULT_NEW[] = "INSERT INTO result (node_id, fy, status,"
    " grade, state, text, comment, return_comment, dept_id, entered_by,"
    " entered_at, confirmed_by, confirmed_at, submitted_at) VALUES (?1, ?2,"
    " ?3, ?4, ?5, ?6, ?7, ?8, ?13, ?9, ?10, ?11, ?12, "
    LOAD_SUBMITTED_AT("?5", "?10") ")";
/* An actual reported on its own is filed under its responsible department
 * (the indicator's, else its node's main one), as a result is. */
static const char SQL_ACTUAL[] = "INSERT INTO indicator_actual (indicator_id, fy,"
    " num, txt, note, state, return_comment, entered_by, entered_at,"
    " confirmed_by, confirmed_at, dept_id, submitted_at) VALUES (?1, ?2, ?3,"
    " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, " LOAD_SUBMITTED_AT("?6", "?9") ")"
    " ON CONFLICT (indicator_id, fy) DO UPDATE SET num = excluded.num,"
    " txt = excluded.txt, note = excluded.note, state = excluded.state,"
    " return_comment = excluded.return_comment, entered_by = excluded.entered_by,"
    " entered_at = excluded.entered_at, confirmed_by = excluded.confirmed_by,"
    " confirmed_at = excluded.confirmed_at, dept_id = excluded.dept_id,"
    " submitted_at = excluded.submitted_at, ver = ver + 1";
static const char SQL_ACTUAL_NEW[] = "INSERT INTO indicator_actual"
    " (indicator_id, fy, num, txt, note, state, return_comment, entered_by,"
    " entered_at, confirmed_by, confirmed_at, dept_id, submitted_at) VALUES"
    " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
    LOAD_SUBMITTED_AT("?6", "?9") ")";
/* A node whose search text a row changed, as the triggers of
 * db/migrate-13.sql note it (see loader_note_search). */
static const char SQL_SEARCH_NOTE[] =
    "INSERT INTO search_stale (node_id) VALUES (?1)";
/* An indicator whose rates an actual changed, as the triggers of
 * db/migrate-12.sql mark it (see loader_note_rates). */
static const char SQL_RATES_NOTE[] = "INSERT INTO indicator_fig_stale"
    " (indicator_id) SELECT ?1 WHERE EXISTS (SELECT 1 FROM indicator_fig_year)"
    " AND NOT EXISTS (SELECT 1 FROM indicator_fig_stale"
    " WHERE indicator_id = ?1)";
static const char SQL_HISTORY[] = "INSERT INTO history (at, login, node_id,"
    " indicator_id, fy, field, old_value, new_value)"
    " VALUES (?, ?, ?, ?, ?, ?, NULL, ?)";

/* Lookups of what the database held before the load. */
static const char SQL_GET_PLAN[] = "SELECT id FROM plan WHERE code = ?";
static const char SQL_GET_DEPT[] = "SELECT id FROM department WHERE code = ?";
/* The depth of a plan's action items, as store-actual.c counts it. */
static const char SQL_ITEM_DEPTH[] = "SELECT COALESCE((SELECT MAX(depth)"
    " FROM plan_level WHERE plan_id = ?1), (SELECT MAX(depth) FROM node"
    " WHERE plan_id = ?1), 0)";
static const char SQL_GET_NODE[] = "SELECT id, depth FROM node"
    " WHERE plan_id = ? AND key = ?";
static const char SQL_GET_IND[] = "SELECT i.id, i.unit, coalesce(i.dept_id, 0),"
    " n.key, i.cumulative FROM indicator i LEFT JOIN node n ON n.id = i.node_id"
    " WHERE i.plan_id = ? AND i.key = ?";
static const char SQL_NODE_DEPTS[] = "SELECT dept_id, is_main,"
    " coalesce(from_fy, 0), coalesce(until_fy, 0) FROM node_dept"
    " WHERE node_id = ? ORDER BY ord, id";
/* A department of the database the file names again. */
static const char SQL_DEPT_READ[] = "SELECT name, coalesce(abolished_after, 0)"
    " FROM department WHERE id = ?";
static const char SQL_DEPT_NAME[] = "UPDATE department SET name = ?2 WHERE id = ?1";
static const char SQL_DEPT_ABOLISH[] =
    "UPDATE department SET abolished_after = ?2 WHERE id = ?1";
static const char SQL_DEPT_MERGED[] =
    "UPDATE department SET merged_into = ?2 WHERE id = ?1";

/* Records a refusal (the first one) and returns -1. */
static int
refuse(struct store_plan_loader *l, const struct pf_record *r, const char *why)
{
	if (l->cause == NULL)
		l->cause = r == NULL ? xstrdup(why) : xasprintf("%s:%zu: %s",
		    r->file ? r->file : "", r->line, why);
	return -1;
}

/* Runs one insert or update statement; its text parameters point into
 * the record (see bind_text) and are let go here. A failure is said as
 * the store says it (a full disk, a lock), at the record's line (r NULL:
 * of the work after the records). */
static int
step_done(struct store_plan_loader *l, sqlite3_stmt *s, const struct pf_record *r)
{
	int	 rc = sqlite3_step(s);
	char	*where;

	if (rc != SQLITE_DONE && l->cause == NULL) {
		where = r == NULL ? xstrdup("担当課の引き継ぎ") :
		    xasprintf("%s:%zu", r->file ? r->file : "", r->line);
		l->cause = store_errmsg(l->st, where);
		free(where);
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* One of the loader's statements, prepared the first time. Every
 * parameter is bound before each step. r NULL as for step_done. */
static sqlite3_stmt *
stmt(struct store_plan_loader *l, const char *sql, const struct pf_record *r)
{
	sqlite3_stmt	*s;
	size_t		 i;

	for (i = 0; i < l->nown; i++)
		if (l->own[i].sql == sql)
			return l->own[i].s;
	if (l->nown == sizeof l->own / sizeof l->own[0] ||
	    sqlite3_prepare_v3(store_db(l->st), sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &s, NULL) != SQLITE_OK) {
		refuse(l, r, sqlite3_errmsg(store_db(l->st)));
		return NULL;
	}
	l->own[l->nown].sql = sql;
	l->own[l->nown++].s = s;
	return s;
}

/* Binds text of the record being taken without copying it: it stays as
 * it is until step_done. NULL binds NULL. */
static void
bind_text(sqlite3_stmt *s, int i, const char *text)
{
	if (text == NULL)
		sqlite3_bind_null(s, i);
	else
		sqlite3_bind_text(s, i, text, -1, SQLITE_STATIC);
}

static long long
fy_field(const char *s)
{
	return s[0] ? atoll(s) : 0;
}

/* Binds value field col of r: as the checks parsed it, or parsed again
 * against the unit from its canonical text. */
static void
bind_value(sqlite3_stmt *s, int i, const struct pf_record *r, int col,
    const char *unit)
{
	struct value	 v;
	char		*cause = NULL;

	if (r->values != NULL && r->values->have[col]) {
		store_bind_value(s, i, &r->values->v[col]);
		return;
	}
	if (value_parse(r->f[col], unit, &v, &cause) != 0) {
		free(cause);	/* checked when read; cannot happen */
		v.kind = VALUE_NONE;
		v.text = NULL;
	}
	store_bind_value(s, i, &v);
	value_clear(&v);
}

static const char *
vkey(enum vocab v, const char *word)
{
	return word[0] ? vocab_key(v, word) : NULL;
}

/* One id by a text key; 0 when there is none. */
static long long
lookup_id(struct store_plan_loader *l, const char *sql, const char *key)
{
	sqlite3_stmt	*s = store_stmt(l->st, sql, NULL);
	long long	 id = 0;

	if (s == NULL)
		return 0;
	store_bind_text(s, 1, key);
	if (sqlite3_step(s) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return id;
}

static struct lplan *
plan_of(struct store_plan_loader *l, const char *code)
{
	struct lplan	*p = map_get(&l->plans, code, NULL);
	long long	 id;

	if (p != NULL)
		return p;
	if ((id = lookup_id(l, SQL_GET_PLAN, code)) == 0)
		return NULL;
	p = xcalloc(1, sizeof *p);
	p->id = id;
	snprintf(p->sid, sizeof p->sid, "%lld", id);
	map_put(&l->plans, code, NULL, p);
	return p;
}

static long long
dept_of(struct store_plan_loader *l, const char *code)
{
	long long	*p = map_get(&l->depts, code, NULL), id;

	if (p != NULL)
		return *p;
	if ((id = lookup_id(l, SQL_GET_DEPT, code)) == 0)
		return 0;
	p = xmalloc(sizeof *p);
	*p = id;
	map_put(&l->depts, code, NULL, p);
	return id;
}

/* Adds a department in charge to what is known of n. */
static void
node_assign(struct lnode *n, long long dept, int is_main, int from, int until)
{
	struct lassign	*a;

	if ((n->nas & (n->nas - 1)) == 0)	/* 0, 1, 2, 4, ...: full */
		n->as = xreallocarray(n->as, n->nas ? n->nas * 2 : 1,
		    sizeof *n->as);
	a = &n->as[n->nas++];
	a->dept = dept;
	a->is_main = is_main;
	a->from = from;
	a->until = until;
}

/* Binds s (SQL_ASSIGN) to an assignment of n, the next in n's order,
 * and adds it to what is known of n. */
static void
bind_assign(sqlite3_stmt *s, struct lnode *n, long long dept, int is_main,
    int from, int until)
{
	sqlite3_bind_int64(s, 1, n->id);
	sqlite3_bind_int64(s, 2, dept);
	sqlite3_bind_int(s, 3, is_main);
	store_bind_opt_int(s, 4, from);
	store_bind_opt_int(s, 5, until);
	sqlite3_bind_int64(s, 6, ++n->assign_ord);
	node_assign(n, dept, is_main, from, until);
}

static void
lnode_free(void *v)
{
	struct lnode	*n = v;

	if (n != NULL)
		free(n->as);
	free(n);
}

static struct lnode *
node_of(struct store_plan_loader *l, const char *plan, const char *key)
{
	struct lplan	*p = plan_of(l, plan);
	struct lnode	*n;
	sqlite3_stmt	*s;

	if (p == NULL)
		return NULL;
	if ((n = map_get(&l->nodes, p->sid, key)) != NULL)
		return n;
	/* A node of a plan loaded before. */
	if ((s = store_stmt(l->st, SQL_GET_NODE, NULL)) == NULL)
		return NULL;
	sqlite3_bind_int64(s, 1, p->id);
	store_bind_text(s, 2, key);
	if (sqlite3_step(s) == SQLITE_ROW) {
		n = xcalloc(1, sizeof *n);
		n->id = sqlite3_column_int64(s, 0);
		n->depth = sqlite3_column_int(s, 1);
		n->from_db = 1;
	}
	sqlite3_reset(s);
	if (n == NULL)
		return NULL;
	if ((s = store_stmt(l->st, SQL_NODE_DEPTS, NULL)) != NULL) {
		sqlite3_bind_int64(s, 1, n->id);
		while (sqlite3_step(s) == SQLITE_ROW)
			node_assign(n, sqlite3_column_int64(s, 0),
			    sqlite3_column_int(s, 1), sqlite3_column_int(s, 2),
			    sqlite3_column_int(s, 3));
		sqlite3_reset(s);
	}
	map_put(&l->nodes, p->sid, key, n);
	return n;
}

static struct lind *
indicator_of(struct store_plan_loader *l, const char *plan, const char *key)
{
	struct lplan	*p = plan_of(l, plan);
	struct lind	*i = NULL;
	sqlite3_stmt	*s;
	const char	*unit;
	char		*nkey = NULL;

	if (p == NULL)
		return NULL;
	if ((i = map_get(&l->inds, p->sid, key)) != NULL)
		return i;
	/* An indicator of a plan loaded before. */
	if ((s = store_stmt(l->st, SQL_GET_IND, NULL)) == NULL)
		return NULL;
	sqlite3_bind_int64(s, 1, p->id);
	store_bind_text(s, 2, key);
	if (sqlite3_step(s) == SQLITE_ROW) {
		unit = store_col_text(s, 1);
		i = xcalloc(1, sizeof *i + strlen(unit) + 1);
		i->id = sqlite3_column_int64(s, 0);
		strcpy(i->unit, unit);
		i->dept = sqlite3_column_int64(s, 2);
		i->from_db = 1;
		i->cumulative = sqlite3_column_int(s, 4) == 1;
		nkey = store_col_dup_null(s, 3);
	}
	sqlite3_reset(s);
	if (i == NULL)
		return NULL;
	if (nkey != NULL)
		i->node = node_of(l, plan, nkey);
	free(nkey);
	map_put(&l->inds, p->sid, key, i);
	return i;
}

/*
 * The department a result or an actual of fiscal year fy is filed under,
 * as the results form files it: the node's main department in charge
 * that year (after a reorganisation, the one of that year), else the
 * first in charge that year, else its main one, else its first (0:
 * none).
 */
static long long
node_dept(const struct lnode *n, int fy)
{
	const struct lassign	*a, *best = NULL;
	int			 rank, best_rank = -1;
	size_t			 k;

	for (k = 0; k < n->nas; k++) {
		a = &n->as[k];
		rank = fy_in_span(fy, a->from, a->until) * 2 +
		    (a->is_main != 0);
		if (rank > best_rank) {
			best = a;
			best_rank = rank;
		}
	}
	return best != NULL ? best->dept : 0;
}

/* Notes row id of what was in the database before the load (from_db)
 * with sql, once (*noted), as a trigger the load leaves out would. */
static int
loader_note_once(struct store_plan_loader *l, const char *sql, long long id,
    int from_db, int *noted, const struct pf_record *r)
{
	sqlite3_stmt	*s;

	if (!from_db || *noted)
		return 0;
	if ((s = stmt(l, sql, r)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (step_done(l, s, r) != 0)
		return -1;
	*noted = 1;
	return 0;
}

/*
 * A plan the load makes has the search texts of all its nodes folded at
 * the end (loader_fill_search). To a plan already in the database a
 * file adds only results and actual values (shisaku-plan(5)); a result
 * changes its node's search text, so the node is noted instead, once,
 * as the triggers the load leaves out would have: the commit folds the
 * nodes noted (search_index_refresh), not every node of a plan of which
 * a file of one year's results changes a part.
 */
static int
loader_note_search(struct store_plan_loader *l, struct lnode *n,
    const struct pf_record *r)
{
	return loader_note_once(l, SQL_SEARCH_NOTE, n->id, n->from_db,
	    &n->noted, r);
}

/*
 * To a plan already in the database a file adds only results and actual
 * values: a result changes the figures of its year, an actual the
 * outcomes of its year and, of a running total, of the later ones (as
 * the triggers of db/migrate-9.sql mark them). The plan's years so
 * changed are noted here; the commit counts those again, not the plan's
 * every year (loader_forget_figures).
 */
static void
loader_note_year(struct lplan *p, int fy, int running)
{
	size_t	k;

	if (p->made)
		return;
	if (running && (p->running_from == 0 || fy < p->running_from))
		p->running_from = fy;
	for (k = 0; k < p->nyears; k++)
		if (p->years[k] == fy)
			return;
	p->years = xreallocarray(p->years, p->nyears + 1, sizeof *p->years);
	p->years[p->nyears++] = fy;
}

/* An indicator of a plan already in the database whose actual the load
 * writes is marked, once, for the commit to compute its rates again
 * (store_indfig_refresh), as the triggers the load leaves out would
 * have: not every indicator of the plan. */
static int
loader_note_rates(struct store_plan_loader *l, struct lind *i,
    const struct pf_record *r)
{
	return loader_note_once(l, SQL_RATES_NOTE, i->id, i->from_db,
	    &i->noted, r);
}

static void
lplan_free(void *v)
{
	struct lplan	*p = v;

	if (p != NULL)
		free(p->years);
	free(p);
}

static int
history_import(struct store_plan_loader *l, long long node, long long ind,
    const char *fy, const char *what, const struct pf_record *r)
{
	sqlite3_stmt	*s = stmt(l, SQL_HISTORY, r);

	if (s == NULL)
		return -1;
	bind_text(s, 1, l->now);
	bind_text(s, 2, l->login);
	store_bind_opt_int(s, 3, node);
	store_bind_opt_int(s, 4, ind);
	sqlite3_bind_int64(s, 5, fy_field(fy));
	bind_text(s, 6, "import");
	bind_text(s, 7, what);
	return step_done(l, s, r);
}

static int
take_plan(struct store_plan_loader *l, const struct pf_record *r)
{
	char *const	*f = r->f;
	sqlite3_stmt	*s;
	struct lplan	*p;
	char		*why = NULL;

	if (l->replace) {
		if ((s = stmt(l, SQL_KEEP, r)) == NULL)
			return -1;
		bind_text(s, 1, f[PLAN_CODE]);
		if (step_done(l, s, r) != 0)
			return -1;
		if (search_index_forget_plan(l->st, f[PLAN_CODE], &why) != 0) {
			if (l->cause == NULL)
				l->cause = why;
			else
				free(why);
			return -1;
		}
		if ((s = stmt(l, SQL_PLAN_DELETE, r)) == NULL)
			return -1;
		bind_text(s, 1, f[PLAN_CODE]);
		if (step_done(l, s, r) != 0)
			return -1;
	}
	if ((s = stmt(l, SQL_PLAN, r)) == NULL)
		return -1;
	bind_text(s, 1, f[PLAN_CODE]);
	bind_text(s, 2, f[PLAN_NAME]);
	store_bind_opt_int(s, 3, fy_field(f[PLAN_FIRST]));
	store_bind_opt_int(s, 4, fy_field(f[PLAN_LAST]));
	bind_text(s, 5, f[PLAN_ORG]);
	bind_text(s, 6, f[PLAN_DESC]);
	if (step_done(l, s, r) != 0)
		return -1;
	/* A plan replaced gets a new id: what was known of the old one
	 * stays under the old id, out of the way. */
	p = xcalloc(1, sizeof *p);
	p->id = sqlite3_last_insert_rowid(store_db(l->st));
	p->made = 1;
	snprintf(p->sid, sizeof p->sid, "%lld", p->id);
	map_put(&l->plans, f[PLAN_CODE], NULL, p);
	return 0;
}

static int
take_node(struct store_plan_loader *l, const struct pf_record *r)
{
	char *const	*f = r->f;
	sqlite3_stmt	*s;
	struct lplan	*p = plan_of(l, f[0]);
	struct lnode	*parent = NULL, *n;

	if (p == NULL)
		return refuse(l, r, "計画がありません");
	if (f[NODE_PARENT][0] &&
	    (parent = map_get(&l->nodes, p->sid, f[NODE_PARENT])) == NULL)
		return refuse(l, r, "親がありません");
	if ((s = stmt(l, SQL_NODE, r)) == NULL)
		return -1;
	n = xcalloc(1, sizeof *n);
	n->depth = parent != NULL ? parent->depth + 1 : 1;
	sqlite3_bind_int64(s, 1, p->id);
	store_bind_opt_int(s, 2, parent != NULL ? parent->id : 0);
	sqlite3_bind_int(s, 3, n->depth);
	bind_text(s, 4, f[NODE_KEY]);
	bind_text(s, 5, f[NODE_CODE]);
	bind_text(s, 6, f[NODE_TITLE]);
	bind_text(s, 7, f[NODE_LABEL]);
	store_bind_opt_int(s, 8, fy_field(f[NODE_FIRST]));
	store_bind_opt_int(s, 9, fy_field(f[NODE_LAST]));
	bind_text(s, 10, f[NODE_SUMMARY]);
	bind_text(s, 11, f[NODE_MEANS]);
	bind_text(s, 12, f[NODE_NOTE]);
	sqlite3_bind_int64(s, 13, ++p->node_ord);
	if (step_done(l, s, r) != 0) {
		free(n);
		return -1;
	}
	n->id = sqlite3_last_insert_rowid(store_db(l->st));
	map_put(&l->nodes, p->sid, f[NODE_KEY], n);
	return 0;
}

static int
take_indicator(struct store_plan_loader *l, const struct pf_record *r)
{
	char *const	*f = r->f;
	sqlite3_stmt	*s;
	struct lplan	*p = plan_of(l, f[0]);
	struct lnode	*n = NULL;
	struct lind	*i;

	if (p == NULL)
		return refuse(l, r, "計画がありません");
	if (f[IND_NODE][0] && (n = map_get(&l->nodes, p->sid, f[IND_NODE])) == NULL)
		return refuse(l, r, "施策・取組がありません");
	if ((s = stmt(l, SQL_INDICATOR, r)) == NULL)
		return -1;
	i = xcalloc(1, sizeof *i + strlen(f[IND_UNIT]) + 1);
	strcpy(i->unit, f[IND_UNIT]);
	i->node = n;
	i->dept = f[IND_DEPT][0] ? dept_of(l, f[IND_DEPT]) : 0;
	sqlite3_bind_int64(s, 1, p->id);
	store_bind_opt_int(s, 2, n != NULL ? n->id : 0);
	bind_text(s, 3, f[IND_KEY]);
	bind_text(s, 4, f[IND_NAME]);
	bind_text(s, 5, f[IND_CATEGORY]);
	bind_text(s, 6, f[IND_UNIT]);
	bind_text(s, 7, vkey(VOCAB_DIRECTION, f[IND_DIRECTION]));
	sqlite3_bind_int(s, 8, f[IND_CUMULATIVE][0] == '1');
	bind_value(s, 9, r, IND_BASE, f[IND_UNIT]);
	store_bind_opt_int(s, 11, fy_field(f[IND_BASE_FY]));
	bind_value(s, 12, r, IND_FINAL, f[IND_UNIT]);
	store_bind_opt_int(s, 14, fy_field(f[IND_FINAL_FY]));
	bind_text(s, 15, f[IND_RATIONALE]);
	bind_text(s, 16, f[IND_NOTE]);
	sqlite3_bind_int64(s, 17, ++p->ind_ord);
	store_bind_opt_int(s, 18, i->dept);
	store_bind_opt_int(s, 19, n != NULL ? n->depth : 0);
	if (step_done(l, s, r) != 0) {
		free(i);
		return -1;
	}
	i->id = sqlite3_last_insert_rowid(store_db(l->st));
	p->nind++;
	map_put(&l->inds, p->sid, f[IND_KEY], i);
	return 0;
}

/* Notes a result of fy (actual 0: row is its struct lnode) or an actual
 * value (1: its struct lind) read while its node had no department. */
static void
loader_unfiled(struct store_plan_loader *l, const void *row, int fy,
    int actual)
{
	struct unfiled	*u;

	if ((l->nunfiled & (l->nunfiled - 1)) == 0)	/* 0, 1, 2, 4 ...: full */
		l->unfiled = xreallocarray(l->unfiled,
		    l->nunfiled ? l->nunfiled * 2 : 1, sizeof *l->unfiled);
	u = &l->unfiled[l->nunfiled++];
	u->row = row;
	u->fy = fy;
	u->actual = actual;
}

static int
take_result(struct store_plan_loader *l, const struct pf_record *r)
{
	char *const	*f = r->f;
	sqlite3_stmt	*s;
	struct lnode	*n = node_of(l, f[0], f[RES_NODE]);

	if (n == NULL)
		return refuse(l, r, "施策・取組がありません");
	loader_note_year(plan_of(l, f[0]), (int)fy_field(f[RES_FY]), 0);
	if ((s = stmt(l, n->from_db ? SQL_RESULT : SQL_RESULT_NEW, r)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, n->id);
	sqlite3_bind_int64(s, 2, fy_field(f[RES_FY]));
	bind_text(s, 3, vkey(VOCAB_STATUS, f[RES_STATUS]));
	bind_text(s, 4, f[RES_GRADE][0] ? f[RES_GRADE] : NULL);
	bind_text(s, 5, vkey(VOCAB_STATE, f[RES_STATE]));
	bind_text(s, 6, f[RES_TEXT]);
	bind_text(s, 7, f[RES_COMMENT]);
	bind_text(s, 8, f[RES_RETURN]);
	bind_text(s, 9, f[RES_ENTERED_BY]);
	bind_text(s, 10, f[RES_ENTERED_AT]);
	bind_text(s, 11, f[RES_CONFIRMED_BY]);
	bind_text(s, 12, f[RES_CONFIRMED_AT]);
	store_bind_opt_int(s, 13, node_dept(n, (int)fy_field(f[RES_FY])));
	if (step_done(l, s, r) != 0 || loader_note_search(l, n, r) != 0)
		return -1;
	if (n->nas == 0 && !n->from_db)
		loader_unfiled(l, n, (int)fy_field(f[RES_FY]), 0);
	return history_import(l, n->id, 0, f[RES_FY],
	    "計画ファイルから実績を読み込み", r);
}

/* The depth of plan p's action items, read once for a plan the load
 * did not make (its level rows give it otherwise). */
static int
item_depth(struct store_plan_loader *l, struct lplan *p)
{
	sqlite3_stmt	*s;

	if (p->item_depth == 0 &&
	    (s = store_stmt(l->st, SQL_ITEM_DEPTH, NULL)) != NULL) {
		sqlite3_bind_int64(s, 1, p->id);
		if (sqlite3_step(s) == SQLITE_ROW)
			p->item_depth = sqlite3_column_int(s, 0);
		sqlite3_reset(s);
	}
	return p->item_depth;
}

/*
 * The workflow state an actual row is written with. An indicator that
 * is part of its item's result has none of its own (the result's is
 * read). One reported on its own (see store-actual.h) has the file's
 * STATE; without one, a value the file gives is a figure the plan
 * printed, loaded as confirmed rather than left in no state at all,
 * where the forms would call it not entered while they show it.
 */
static const char *
actual_state(struct store_plan_loader *l, struct lplan *p,
    const struct lind *i, const struct pf_record *r)
{
	char *const	*f = r->f;

	if (f[ACT_STATE][0] != '\0' || f[ACT_VALUE][0] == '\0')
		return vkey(VOCAB_STATE, f[ACT_STATE]);
	if (i->node != NULL && i->dept == 0 &&
	    i->node->depth >= item_depth(l, p))
		return NULL;
	l->confirmed_blank++;
	return workflow_state_key(WF_CONFIRMED);
}

static int
take_actual(struct store_plan_loader *l, const struct pf_record *r)
{
	char *const	*f = r->f;
	sqlite3_stmt	*s;
	struct lplan	*p = plan_of(l, f[0]);
	struct lind	*i = indicator_of(l, f[0], f[ACT_IND]);
	long long	 dept;

	if (i == NULL)
		return refuse(l, r, "指標がありません");
	loader_note_year(p, (int)fy_field(f[ACT_FY]), i->cumulative);
	if ((s = stmt(l, i->from_db ? SQL_ACTUAL : SQL_ACTUAL_NEW, r)) == NULL)
		return -1;
	dept = i->dept != 0 ? i->dept : i->node != NULL ?
	    node_dept(i->node, (int)fy_field(f[ACT_FY])) : 0;
	sqlite3_bind_int64(s, 1, i->id);
	sqlite3_bind_int64(s, 2, fy_field(f[ACT_FY]));
	bind_value(s, 3, r, ACT_VALUE, i->unit);
	bind_text(s, 5, f[ACT_NOTE]);
	bind_text(s, 6, actual_state(l, p, i, r));
	bind_text(s, 7, f[ACT_RETURN]);
	bind_text(s, 8, f[ACT_ENTERED_BY]);
	bind_text(s, 9, f[ACT_ENTERED_AT]);
	bind_text(s, 10, f[ACT_CONFIRMED_BY]);
	bind_text(s, 11, f[ACT_CONFIRMED_AT]);
	store_bind_opt_int(s, 12, dept);
	if (step_done(l, s, r) != 0 || loader_note_rates(l, i, r) != 0)
		return -1;
	if (i->dept == 0 && i->node != NULL && i->node->nas == 0 &&
	    !i->node->from_db)
		loader_unfiled(l, i, (int)fy_field(f[ACT_FY]), 1);
	return history_import(l, 0, i->id, f[ACT_FY], f[ACT_VALUE], r);
}

/*
 * A department the database has already (id): the same one from another
 * file, or one whose reorganisation the file records. The file's name
 * (the checks accepted it only when the file's deptname rows give the
 * database's name as an earlier one; they follow and are written as they
 * come) and its year of abolition, when it gives one, replace the
 * database's; a rename is a history row.
 */
static int
take_dept_again(struct store_plan_loader *l, const struct pf_record *r,
    long long id)
{
	char *const	*f = r->f;
	sqlite3_stmt	*s;
	char		*name = NULL, *what;
	int		 gone = 0, rc;

	if ((s = stmt(l, SQL_DEPT_READ, r)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if (sqlite3_step(s) == SQLITE_ROW) {
		name = store_col_dup(s, 0);
		gone = sqlite3_column_int(s, 1);
	}
	sqlite3_reset(s);
	if (name != NULL && strcmp(name, f[DEPT_NAME]) != 0) {
		if ((s = stmt(l, SQL_DEPT_NAME, r)) == NULL) {
			free(name);
			return -1;
		}
		sqlite3_bind_int64(s, 1, id);
		bind_text(s, 2, f[DEPT_NAME]);
		if (step_done(l, s, r) != 0) {
			free(name);
			return -1;
		}
		what = xasprintf("%s: %s", f[DEPT_CODE], name);
		rc = store_history_add(l->st, l->now, l->login, 0, 0, 0,
		    "dept_rename", what, f[DEPT_NAME], &l->cause);
		free(what);
		if (rc != 0) {
			free(name);
			return -1;
		}
	}
	free(name);
	if (f[DEPT_ABOLISHED][0] != '\0' && fy_field(f[DEPT_ABOLISHED]) != gone) {
		if ((s = stmt(l, SQL_DEPT_ABOLISH, r)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, fy_field(f[DEPT_ABOLISHED]));
		if (step_done(l, s, r) != 0)
			return -1;
	}
	/* A successor the file gives is written over the database's; an
	 * empty one leaves it. */
	if (f[DEPT_MERGED_INTO][0] != '\0') {
		if ((s = stmt(l, SQL_DEPT_MERGED, r)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		store_bind_opt_int(s, 2, dept_of(l, f[DEPT_MERGED_INTO]));
		return step_done(l, s, r);
	}
	return 0;
}

int
store_plan_loader_take(struct store_plan_loader *l, const struct pf_record *r)
{
	char *const	*f = r->f;
	sqlite3_stmt	*s = NULL;
	struct lplan	*p;
	struct lnode	*n;
	struct lind	*i;
	long long	 id, *dp;

	if (l->cause != NULL)
		return -1;
	if (!l->in_write)
		return refuse(l, r, "書き込みが始まっていません");
	/* (A row of a plan's structure, to a plan it did not make.) */
	if (r->kind != PF_PLAN && r->kind != PF_RESULT &&
	    r->kind != PF_ACTUAL && r->kind != PF_DEPT &&
	    r->kind != PF_DEPTNAME && (p = plan_of(l, f[0])) != NULL &&
	    !p->made)
		p->shaped = 1;
	switch (r->kind) {
	case PF_PLAN:
		return take_plan(l, r);
	case PF_NODE:
		return take_node(l, r);
	case PF_INDICATOR:
		return take_indicator(l, r);
	case PF_RESULT:
		return take_result(l, r);
	case PF_ACTUAL:
		return take_actual(l, r);
	case PF_LEVEL:
	case PF_FLAG:
		if ((p = plan_of(l, f[0])) == NULL)
			return refuse(l, r, "計画がありません");
		if ((s = stmt(l, r->kind == PF_LEVEL ? SQL_LEVEL : SQL_FLAG, r)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, p->id);
		if (r->kind == PF_LEVEL) {
			if (atoi(f[LEVEL_DEPTH]) > p->item_depth)
				p->item_depth = atoi(f[LEVEL_DEPTH]);
			sqlite3_bind_int(s, 2, atoi(f[LEVEL_DEPTH]));
			bind_text(s, 3, f[LEVEL_NAME]);
		} else {
			bind_text(s, 2, f[FLAG_KEY]);
			bind_text(s, 3, f[FLAG_LABEL]);
			bind_text(s, 4, f[FLAG_SYMBOL]);
		}
		return step_done(l, s, r);
	case PF_DEPT:
		if ((id = dept_of(l, f[DEPT_CODE])) != 0)
			return take_dept_again(l, r, id);
		if ((s = stmt(l, SQL_DEPT, r)) == NULL)
			return -1;
		bind_text(s, 1, f[DEPT_CODE]);
		bind_text(s, 2, f[DEPT_NAME]);
		bind_text(s, 3, f[DEPT_ORG]);
		store_bind_opt_int(s, 4, fy_field(f[DEPT_ABOLISHED]));
		store_bind_opt_int(s, 5, f[DEPT_MERGED_INTO][0] != '\0' ?
		    dept_of(l, f[DEPT_MERGED_INTO]) : 0);
		if (step_done(l, s, r) != 0)
			return -1;
		dp = xmalloc(sizeof *dp);
		*dp = sqlite3_last_insert_rowid(store_db(l->st));
		map_put(&l->depts, f[DEPT_CODE], NULL, dp);
		return 0;
	case PF_DEPTNAME:
		if ((id = dept_of(l, f[DEPTNAME_DEPT])) == 0)
			return refuse(l, r, "部署がありません");
		if ((s = stmt(l, SQL_DEPTNAME, r)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, fy_field(f[DEPTNAME_UNTIL]));
		bind_text(s, 3, f[DEPTNAME_NAME]);
		return step_done(l, s, r);
	case PF_MARK:
	case PF_ASSIGN:
	case PF_YEARPLAN:
	case PF_COST:
		if ((n = node_of(l, f[0], f[1])) == NULL)
			return refuse(l, r, "施策・取組がありません");
		break;
	case PF_TARGET:
		if ((i = indicator_of(l, f[0], f[TARGET_IND])) == NULL)
			return refuse(l, r, "指標がありません");
		if ((s = stmt(l, SQL_TARGET, r)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, i->id);
		sqlite3_bind_int64(s, 2, fy_field(f[TARGET_FY]));
		bind_value(s, 3, r, TARGET_VALUE, i->unit);
		return step_done(l, s, r);
	default:
		return 0;
	}
	/* The rows that hang on a node. */
	switch (r->kind) {
	case PF_MARK:
		if ((p = plan_of(l, f[0])) == NULL)
			return refuse(l, r, "計画がありません");
		if ((s = stmt(l, SQL_MARK, r)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, n->id);
		sqlite3_bind_int64(s, 2, p->id);
		bind_text(s, 3, f[MARK_FLAG]);
		break;
	case PF_ASSIGN:
		if ((id = dept_of(l, f[ASSIGN_DEPT])) == 0)
			return refuse(l, r, "部署がありません");
		if ((s = stmt(l, SQL_ASSIGN, r)) == NULL)
			return -1;
		bind_assign(s, n, id, f[ASSIGN_MAIN][0] == '1',
		    (int)fy_field(f[ASSIGN_FROM]), (int)fy_field(f[ASSIGN_UNTIL]));
		break;
	case PF_YEARPLAN:
		if ((s = stmt(l, SQL_YEARPLAN, r)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, n->id);
		sqlite3_bind_int64(s, 2, fy_field(f[YP_FROM]));
		sqlite3_bind_int64(s, 3, fy_field(f[YP_TO]));
		bind_text(s, 4, f[YP_TEXT]);
		sqlite3_bind_int64(s, 5, ++n->yp_ord);
		break;
	default:	/* PF_COST */
		if ((s = stmt(l, SQL_COST, r)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, n->id);
		sqlite3_bind_int64(s, 2, fy_field(f[COST_FY]));
		bind_text(s, 3, vkey(VOCAB_TREND, f[COST_TREND]));
		break;
	}
	return step_done(l, s, r);
}

/* The rows of loader_refile: a result or an actual value filed under a
 * department (?3), by its key. */
static const char SQL_FILE_RESULT[] = "UPDATE result SET dept_id = ?3"
    " WHERE node_id = ?1 AND fy = ?2";
static const char SQL_FILE_ACTUAL[] = "UPDATE indicator_actual"
    " SET dept_id = ?3 WHERE indicator_id = ?1 AND fy = ?2";

/* Files the results and actual values read while their node had no
 * department under the one it took from above it since
 * (store_plan_loader_inherit), as those of a node with departments of
 * its own were filed when read. */
static int
loader_refile(struct store_plan_loader *l)
{
	const struct unfiled	*u;
	const struct lnode	*n;
	const struct lind	*i;
	sqlite3_stmt		*s;
	long long		 dept, id;
	size_t			 k;

	for (k = 0; k < l->nunfiled; k++) {
		u = &l->unfiled[k];
		if (u->actual) {
			i = u->row;
			n = i->node;
			id = i->id;
		} else {
			n = u->row;
			id = n->id;
		}
		if ((dept = node_dept(n, u->fy)) == 0)
			continue;
		if ((s = stmt(l, u->actual ? SQL_FILE_ACTUAL : SQL_FILE_RESULT,
		    NULL)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, id);
		sqlite3_bind_int64(s, 2, u->fy);
		sqlite3_bind_int64(s, 3, dept);
		if (step_done(l, s, NULL) != 0)
			return -1;
	}
	return 0;
}

int
store_plan_loader_inherit(struct store_plan_loader *l, const char *plan,
    const char *node, const char *from)
{
	struct lplan	*p = plan_of(l, plan);
	struct lnode	*n, *up;
	sqlite3_stmt	*s;
	size_t		 k;

	if (l->cause != NULL)
		return -1;
	if (p == NULL || (n = map_get(&l->nodes, p->sid, node)) == NULL ||
	    (up = map_get(&l->nodes, p->sid, from)) == NULL) {
		l->cause = xasprintf("計画「%s」の施策・取組「%s」がありません",
		    plan, node);
		return -1;
	}
	/* The rows of the node above, as the file would have given them
	 * to this one: from what is known of it, each one insert. */
	for (k = 0; k < up->nas; k++) {
		if ((s = stmt(l, SQL_ASSIGN, NULL)) == NULL)
			return -1;
		bind_assign(s, n, up->as[k].dept, up->as[k].is_main != 0,
		    up->as[k].from, up->as[k].until);
		if (step_done(l, s, NULL) != 0)
			return -1;
	}
	return 0;
}

static int
loader_sink_take(void *arg, const struct pf_record *r)
{
	return store_plan_loader_take(arg, r);
}

struct store_plan_loader *
store_plan_loader_new(struct store *st, int replace, const char *login)
{
	struct store_plan_loader	*l = xcalloc(1, sizeof *l);

	l->st = st;
	l->replace = replace;
	l->login = xstrdup(login);
	now_iso(l->now);
	l->sink.arg = l;
	l->sink.take = loader_sink_take;
	return l;
}

const struct pf_sink *
store_plan_loader_sink(struct store_plan_loader *l)
{
	return &l->sink;
}

long
store_plan_loader_confirmed_blank(const struct store_plan_loader *l)
{
	return l->confirmed_blank;
}

const char *
store_plan_loader_error(const struct store_plan_loader *l)
{
	return l->cause;
}

/*
 * The CHECK constraints of the schema (a vocabulary word, a flag of 0 or
 * 1, a depth of 1 to 4, a period in order) are what the checks of a plan
 * file have made sure of for every record a loader takes: the loader
 * writes only checked records. SQLite evaluates an IN (...) constraint by
 * building a temporary table for every row, a fifth of the cost of a
 * load, so a load leaves them out; the pragma expires every prepared
 * statement when it changes, so nothing else is prepared without them.
 */
/*
 * A load into a database that holds no plan yet fills the large tables
 * from nothing: their indexes are dropped inside the load's transaction
 * and made again, each in one sorted pass, just before the commit,
 * instead of being kept up row by row. The unique keys, which the
 * load's own lookups use, stay, and so does history_refused: it holds
 * only refusals, which a load never writes, so keeping it costs nothing
 * and making it again would read the whole history. A rollback brings
 * the indexes back with everything else.
 */
static const char SQL_EMPTY[] = "SELECT NOT EXISTS (SELECT 1 FROM plan)"
    " AND NOT EXISTS (SELECT 1 FROM node)"
    " AND NOT EXISTS (SELECT 1 FROM indicator)"
    " AND NOT EXISTS (SELECT 1 FROM history)";
static const char SQL_LOAD_INDEXES[] = "SELECT name, sql FROM sqlite_master"
    " WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('node',"
    " 'node_flag', 'node_dept', 'year_plan', 'cost_trend', 'indicator',"
    " 'indicator_target', 'indicator_actual', 'result', 'history')"
    " AND name <> 'history_refused' ORDER BY name";

/* The page cache of a load, in KiB: at 200,000 items import's peak
 * memory stays near 210 MiB (the keys are let go before the indexes are
 * made), and fewer of the pages the load writes are read back from the
 * log than with 32 MiB (5 % of the time). */
#define LOADER_CACHE_KIB "65536"

static void
loader_indexes_free(struct store_plan_loader *l)
{
	size_t	i;

	for (i = 0; i < l->nindex; i++)
		free(l->index_sql[i]);
	free(l->index_sql);
	l->index_sql = NULL;
	l->nindex = 0;
}

/* Whether the file holds no plan yet (SQL_EMPTY): 1 or 0. */
static int
loader_file_empty(struct store_plan_loader *l)
{
	sqlite3_stmt	*s;
	int		 empty = 0;

	if (sqlite3_prepare_v2(store_db(l->st), SQL_EMPTY, -1, &s, NULL) !=
	    SQLITE_OK)
		return 0;
	if (sqlite3_step(s) == SQLITE_ROW)
		empty = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return empty;
}

static int
loader_drop_indexes(struct store_plan_loader *l, char **cause)
{
	sqlite3		*db = store_db(l->st);
	sqlite3_stmt	*s;
	char		**names = NULL, *sql;
	size_t		 n = 0, i;
	int		 rc;

	if (!loader_file_empty(l))
		return 0;
	if (sqlite3_prepare_v2(db, SQL_LOAD_INDEXES, -1, &s, NULL) != SQLITE_OK)
		return 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		names = xreallocarray(names, n + 1, sizeof *names);
		l->index_sql = xreallocarray(l->index_sql, n + 1,
		    sizeof *l->index_sql);
		names[n] = xstrdup((const char *)sqlite3_column_text(s, 0));
		l->index_sql[n] = xstrdup((const char *)sqlite3_column_text(s,
		    1));
		n++;
	}
	sqlite3_finalize(s);
	l->nindex = n;
	for (i = 0, rc = 0; i < n && rc == 0; i++) {
		sql = xasprintf("DROP INDEX \"%s\"", names[i]);
		if (store_exec(l->st, sql, cause) != SQLITE_OK)
			rc = -1;
		free(sql);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc != 0)
		loader_indexes_free(l);
	return rc;
}

/*
 * The triggers that keep the plans list's figures row by row
 * (db/migrate-9.sql) and mark the indicator list's rates
 * (db/migrate-12.sql) are left out of a load: it forgets the figures of
 * every plan it makes, and of the years its rows change of a plan it
 * only adds results and actual values to, and counts them once at the
 * end instead (loader_keep_figures), as it computes the rates of the
 * plans it makes and of the indicators it gives values to. A replaced
 * plan's figures go with it. So are those that note the
 * nodes whose folded text the search is to make again
 * (db/migrate-13.sql): a replaced plan's folded texts go before it,
 * and the load folds the texts of its plans once at its end
 * (loader_fill_search). And those that mark a plan's years
 * (db/migrate-17.sql): the load forgets the years of its plans, which
 * its commit counts again (store_span_refresh).
 */
static const char SQL_FIG_TRIGGERS[] = "SELECT name, sql FROM sqlite_master"
    " WHERE type = 'trigger' AND ((name LIKE 'plan_fig_%'"
    " AND tbl_name <> 'plan_fig') OR name LIKE 'indicator_fig_%'"
    " OR name LIKE 'search_stale_%' OR name LIKE 'plan_span_%')"
    " ORDER BY name";

/* Drops the triggers that sql (name, sql) lists, keeping their SQL to
 * make them again before the commit. */
static int
loader_drop_triggers(struct store_plan_loader *l, const char *list,
    char **cause)
{
	sqlite3_stmt	*s;
	char		**names = NULL, *sql;
	int		 rc;
	size_t		 n = 0, i;

	if ((s = store_stmt(l->st, list, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		names = xreallocarray(names, n + 1, sizeof *names);
		names[n++] = store_col_dup(s, 0);
		l->index_sql = xreallocarray(l->index_sql, l->nindex + 1,
		    sizeof *l->index_sql);
		l->index_sql[l->nindex++] = store_col_dup(s, 1);
	}
	rc = store_read_end(l->st, s, rc, "トリガの読み込み", cause);
	for (i = 0; i < n; i++) {
		if (rc == 0) {
			sql = xasprintf("DROP TRIGGER \"%s\"", names[i]);
			if (store_exec(l->st, sql, cause) != SQLITE_OK)
				rc = -1;
			free(sql);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

/*
 * A load that replaces nothing deletes nothing: it only adds rows, each
 * referring to a row the loader has just written or looked up (its ids
 * come from the loader's maps), so the foreign keys, checked row by row
 * at a lookup in the parent table each, can only ever hold; they are off
 * for the load (the pragma counts only outside a transaction) and on
 * again when it ends. A load that replaces a plan keeps them: the
 * plan's rows go by their ON DELETE CASCADE.
 *
 * The same load does once at the end what these triggers do for each
 * row it adds (db/migrate-4.sql, db/migrate-10.sql): a new node,
 * indicator, result or actual starts at version 1 plus the version
 * clock, which nothing in such a load moves (only deletions do), and
 * each new indicator counts one in its plan's indicator_count. The
 * depth of each new indicator's node (db/migrate-24.sql) the loader
 * writes in the row itself, and so its node's place and period in each
 * new assignment (db/migrate-27.sql); each new mark takes its node's
 * place and period (db/migrate-25.sql) in one statement at the end.
 */
static const char SQL_ROW_TRIGGERS[] = "SELECT name, sql FROM sqlite_master"
    " WHERE type = 'trigger' AND name IN ('node_ver_made',"
    " 'indicator_ver_made', 'result_ver_made', 'indicator_actual_ver_made',"
    " 'indicator_counted', 'indicator_depth_made', 'node_flag_shape_made',"
    " 'node_dept_shape_made')"
    " ORDER BY name";
static const char SQL_CLOCK[] = "SELECT coalesce((SELECT n FROM version_clock),"
    " 0), coalesce((SELECT max(id) FROM node), 0),"
    " coalesce((SELECT max(id) FROM indicator), 0),"
    " coalesce((SELECT max(id) FROM result), 0),"
    " coalesce((SELECT max(rowid) FROM indicator_actual), 0)";
/* The rows a load added, by rowid: those after max_before[k]. */
static const char *const SQL_VER_MADE[4] = {
	"UPDATE node SET ver = ver + ?1 WHERE id > ?2",
	"UPDATE indicator SET ver = ver + ?1 WHERE id > ?2",
	"UPDATE result SET ver = ver + ?1 WHERE id > ?2",
	"UPDATE indicator_actual SET ver = ver + ?1 WHERE rowid > ?2",
};
static const char SQL_COUNTED[] = "UPDATE indicator_count SET n = n + ?2"
    " WHERE plan_id = ?1";
/* The marks a load added, which alone have no plan yet. */
static const char SQL_MARKS_PLACED[] = "UPDATE node_flag SET (plan_id,"
    " parent_id, depth, ord, first_fy, last_fy) = (n.plan_id, n.parent_id,"
    " n.depth, n.ord, n.first_fy, n.last_fy) FROM node n"
    " WHERE n.id = node_flag.node_id AND node_flag.plan_id IS NULL";

static int
loader_rows_begin(struct store_plan_loader *l, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc, k;

	if ((s = store_stmt(l->st, SQL_CLOCK, cause)) == NULL)
		return -1;
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		l->clock = sqlite3_column_int64(s, 0);
		for (k = 0; k < 4; k++)
			l->max_before[k] = sqlite3_column_int64(s, k + 1);
	}
	if (store_read_end(l->st, s, rc, "版の読み込み", cause) != 0 ||
	    loader_drop_triggers(l, SQL_ROW_TRIGGERS, cause) != 0)
		return -1;
	l->rows_set = 1;
	return 0;
}

/* What the row triggers would have done, before they are made again. */
static int
loader_rows_finish(struct store_plan_loader *l, char **cause)
{
	sqlite3_stmt	*s;
	struct slot	*e;
	size_t		 i;
	int		 k;

	if (!l->rows_set)
		return 0;
	if (store_exec(l->st, SQL_MARKS_PLACED, cause) != SQLITE_OK)
		return -1;
	for (k = 0; k < 4 && l->clock > 0; k++) {
		if ((s = store_stmt(l->st, SQL_VER_MADE[k], cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, l->clock);
		sqlite3_bind_int64(s, 2, l->max_before[k]);
		if (store_step_write(l->st, s, "版の書き込み", cause) != 0)
			return -1;
	}
	for (i = 0; i < l->plans.nb; i++)
		for (e = l->plans.b[i]; e != NULL; e = e->next) {
			const struct lplan *p = e->value;

			if (p->nind == 0)
				continue;
			if ((s = store_stmt(l->st, SQL_COUNTED, cause)) == NULL)
				return -1;
			sqlite3_bind_int64(s, 1, p->id);
			sqlite3_bind_int64(s, 2, p->nind);
			if (store_step_write(l->st, s, "指標の数の書き込み",
			    cause) != 0)
				return -1;
		}
	return 0;
}

static const char SQL_FIG_FORGET[] = "DELETE FROM plan_fig WHERE plan_id = ?";
/* Of a plan the load only added results and actual values to: the
 * years they change (a JSON array, ?2; ?3, from which on every year,
 * NULL for none). */
static const char SQL_FIG_FORGET_YEARS[] = "DELETE FROM plan_fig"
    " WHERE plan_id = ?1 AND (fy IN (SELECT value FROM json_each(?2))"
    " OR fy >= ?3)";
static const char SQL_SPAN_FORGET[] =
    "DELETE FROM plan_span WHERE plan_id = ?";

/* Folds the searched texts of every node of the plans the load made;
 * those of the nodes it changed in other plans were noted as it went
 * (loader_note_search) and are folded by the commit. */
static int
loader_fill_search(struct store_plan_loader *l, char **cause)
{
	struct slot	*e;
	size_t		 i;
	int		 any = 0;

	for (i = 0; i < l->plans.nb; i++)
		for (e = l->plans.b[i]; e != NULL; e = e->next) {
			const struct lplan *p = e->value;

			if (!p->made)
				continue;
			if (!any++ && search_index_bulk(l->st, 1, cause) != 0)
				return -1;
			if (search_index_fill_plan(l->st, p->id, cause) != 0)
				return -1;
		}
	return any ? search_index_bulk(l->st, 0, cause) : 0;
}

/* Whether the load counts a plan's figures and rates again whole: a
 * plan it made, or one whose structure it wrote. */
static int
loader_plan_whole(const struct lplan *p)
{
	return p->made || p->shaped;
}

/* Forgets the figures of the years the load changed of a plan already
 * in the database (loader_note_year); its years covered stay, since
 * neither a result nor an actual value moves them (db/migrate-17.sql). */
static int
loader_forget_years(struct store_plan_loader *l, const struct lplan *p,
    char **cause)
{
	sqlite3_stmt	*s;

	if (p->nyears == 0)
		return 0;
	if ((s = store_stmt(l->st, SQL_FIG_FORGET_YEARS, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_text(s, 2, store_ids_json(p->years, p->nyears), -1, free);
	store_bind_opt_int(s, 3, p->running_from);
	return store_step_write(l->st, s, "集計の削除", cause);
}

/* Forgets the figures and the years of the plans the load touched: of
 * a plan it made or shaped every year, of another only the years its
 * rows changed. */
static int
loader_forget_figures(struct store_plan_loader *l, char **cause)
{
	static const char *const sqls[] = { SQL_FIG_FORGET, SQL_SPAN_FORGET };
	sqlite3_stmt	*s;
	struct slot	*e;
	size_t		 i, k;

	for (i = 0; i < l->plans.nb; i++)
		for (e = l->plans.b[i]; e != NULL; e = e->next) {
			const struct lplan *p = e->value;

			if (!loader_plan_whole(p)) {
				if (loader_forget_years(l, p, cause) != 0)
					return -1;
				continue;
			}
			for (k = 0; k < sizeof sqls / sizeof sqls[0]; k++) {
				if ((s = store_stmt(l->st, sqls[k], cause)) ==
				    NULL)
					return -1;
				sqlite3_bind_int64(s, 1, p->id);
				if (store_step_write(l->st, s, "集計の削除",
				    cause) != 0)
					return -1;
			}
		}
	return 0;
}

static int
loader_make_indexes(struct store_plan_loader *l, char **cause)
{
	size_t	i;
	int	rc = 0;

	for (i = 0; i < l->nindex && rc == 0; i++)
		if (store_exec(l->st, l->index_sql[i], cause) != SQLITE_OK)
			rc = -1;
	loader_indexes_free(l);
	return rc;
}

/* The indicator list's rates of the plans loaded (db/migrate-12.sql), of
 * the years the plans list keeps, each plan's year in one pass; and its
 * counts by category. Of a plan the load only added actual values to,
 * the indicators it noted (loader_note_rates), at the commit. */
static int
loader_keep_rates(struct store_plan_loader *l, int today, char **cause)
{
	struct slot	*e;
	size_t		 i;

	for (i = 0; i < l->plans.nb; i++)
		for (e = l->plans.b[i]; e != NULL; e = e->next) {
			const struct lplan *p = e->value;

			if (!loader_plan_whole(p))
				continue;
			if (store_indfig_keep_years(l->st, p->id, today,
			    cause) != 0 ||
			    store_indfig_count(l->st, p->id, cause) != 0)
				return -1;
		}
	return 0;
}

static const char SQL_OPEN_YEARS[] =
    "SELECT fy FROM fiscal_year WHERE is_open = 1 ORDER BY fy";

/*
 * Counts and keeps the plans list's figures of the plans loaded (their
 * nodes forgot those kept; db/migrate-9.sql), once at the end instead of
 * row by row: those of every open year and of the fiscal year today
 * falls in, the years the list opens on, and the items' counts of the
 * plans' other years (db/migrate-14.sql).
 */
static int
loader_keep_figures(struct store_plan_loader *l, char **cause)
{
	sqlite3_stmt	*s;
	struct slot	*e;
	int		*years = NULL, today, rc;
	size_t		 n = 0, i;

	today = l->today_fy > 0 ? l->today_fy : fy_of_time(time(NULL), 4);
	if ((s = store_stmt(l->st, SQL_OPEN_YEARS, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		years = xreallocarray(years, n + 1, sizeof *years);
		years[n++] = sqlite3_column_int(s, 0);
	}
	if (store_read_end(l->st, s, rc, "年度の読み込み", cause) != 0) {
		free(years);
		return -1;
	}
	years = xreallocarray(years, n + 1, sizeof *years);
	years[n++] = today;
	/* The plans' years around today first, all in one read of each
	 * plan's items (today's and the open years among them); then every
	 * plan's figures of the open years and today's, which find those
	 * of the plans loaded kept and mark them to be counted again after
	 * a write rather than forgotten. (Today's year twice, when it is
	 * open, costs a read of what the first time kept.) */
	for (i = 0, rc = 0; i < l->plans.nb && rc == 0; i++)
		for (e = l->plans.b[i]; e != NULL && rc == 0; e = e->next)
			rc = browse_figures_keep_years(l->st,
			    ((const struct lplan *)e->value)->id, today, cause);
	for (i = 0; i < n && rc == 0; i++)
		rc = browse_figures_keep(l->st, years[i], cause);
	free(years);
	return rc == 0 ? loader_keep_rates(l, today, cause) : rc;
}

/* Foreign keys on again after a load that turned them off, and the log
 * after one written through a rollback journal: the transaction has
 * ended. */
static void
loader_settings_back(struct store_plan_loader *l)
{
	if (l->fk_off)
		(void)store_exec(l->st, "PRAGMA foreign_keys = ON", NULL);
	l->fk_off = 0;
	if (l->journal_plain)
		store_journal_wal(l->st);
	l->journal_plain = 0;
}

/*
 * The end of an import, once its rows are in and its indexes and
 * triggers are back: each table kept for the screens from the rows of
 * the plans loaded is filled here, one after the other, in the load's
 * transaction.
 */
static int
loader_keep(struct store_plan_loader *l, char **cause)
{
	/* The plans list's figures (plan_fig, db/migrate-9.sql). */
	if (loader_forget_figures(l, cause) != 0 ||
	    loader_keep_figures(l, cause) != 0)
		return -1;
	return 0;
}

void
store_plan_loader_today(struct store_plan_loader *l, int fy)
{
	l->today_fy = fy;
}

int
store_plan_loader_begin(struct store_plan_loader *l, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	/*
	 * A load into a file that holds no plan yet, which no other
	 * connection has open, writes it as sqlite3 would, through a
	 * rollback journal: with the log, every page it fills would be
	 * written twice, to the log and then from it to the file (at
	 * 200,000 items, 1.3 GiB each way). No other program has anything
	 * to read in it: one that opens it meanwhile waits for the load as
	 * it would for any write (the busy timeout; a command that only
	 * reads, once the load's pages reach the file) instead of reading
	 * beside it. Not within a transaction another write of the caller
	 * has open.
	 */
	if (sqlite3_get_autocommit(store_db(l->st)) && loader_file_empty(l))
		l->journal_plain = store_journal_rollback(l->st);
	/* Foreign keys off for a load that replaces nothing (see
	 * loader_rows_begin), when they are on and no transaction is. */
	if (!l->replace && sqlite3_get_autocommit(store_db(l->st)) &&
	    (s = store_stmt(l->st, "PRAGMA foreign_keys", NULL)) != NULL) {
		l->fk_off = sqlite3_step(s) == SQLITE_ROW &&
		    sqlite3_column_int(s, 0) == 1;
		sqlite3_reset(s);
		if (l->fk_off && store_exec(l->st, "PRAGMA foreign_keys = OFF",
		    cause) != SQLITE_OK) {
			l->fk_off = 0;
			return -1;
		}
	}
	if ((rc = store_begin(l->st, cause)) != 0) {
		loader_settings_back(l);
		return rc;
	}
	if (l->replace && (store_exec(l->st, SQL_KEEP_TABLE, cause) != SQLITE_OK ||
	    store_exec(l->st, SQL_KEEP_CLEAR, cause) != SQLITE_OK)) {
		store_rollback(l->st);
		loader_settings_back(l);
		return -1;
	}
	if (loader_drop_indexes(l, cause) != 0 ||
	    loader_drop_triggers(l, SQL_FIG_TRIGGERS, cause) != 0 ||
	    (!l->replace && loader_rows_begin(l, cause) != 0)) {
		loader_indexes_free(l);
		l->rows_set = 0;
		store_rollback(l->st);
		loader_settings_back(l);
		return -1;
	}
	l->in_write = 1;
	(void)store_exec(l->st, "PRAGMA ignore_check_constraints = ON", NULL);
	/* Room for the pages a load fills and the sorts that make its
	 * indexes again: with SQLite's 2 MiB, pages spill to the log and
	 * are read back long before the commit. */
	(void)store_exec(l->st, "PRAGMA cache_size = -" LOADER_CACHE_KIB,
	    NULL);
	/* The sorts that make the indexes again on a second core too. */
	(void)store_exec(l->st, "PRAGMA threads = 2", NULL);
	return 0;
}

static void
loader_end(struct store_plan_loader *l)
{
	l->in_write = 0;
	l->rows_set = 0;
	loader_indexes_free(l);
	(void)store_exec(l->st, "PRAGMA ignore_check_constraints = OFF", NULL);
	(void)store_exec(l->st, "PRAGMA cache_size = -2000", NULL);
	(void)store_exec(l->st, "PRAGMA threads = 0", NULL);
	loader_settings_back(l);
}

int
store_plan_loader_commit(struct store_plan_loader *l, char **cause)
{
	int	rc;

	if (!l->in_write) {
		*cause = xstrdup("書き込みが始まっていません");
		return -1;
	}
	if (l->cause != NULL) {
		*cause = xstrdup(l->cause);
		store_plan_loader_rollback(l);
		return -1;
	}
	if (loader_refile(l) != 0) {
		*cause = xstrdup(l->cause);
		store_plan_loader_rollback(l);
		return -1;
	}
	free(l->unfiled);
	l->unfiled = NULL;
	l->nunfiled = 0;
	/* No record comes after: what was known of the nodes and indicators
	 * is let go, for the memory of the indexes and figures made now
	 * (taken on another thread, recpipe.h: handed back). */
	map_free(&l->inds, free);
	map_free(&l->nodes, lnode_free);
	util_release_freed();
	/* The work of the triggers left out, then the indexes and
	 * triggers again, then the kept tables, each step told as it ends. */
	store_progress(l->st, 0, STORE_LOAD_STEPS);
	if (loader_rows_finish(l, cause) != 0 ||
	    loader_make_indexes(l, cause) != 0)
		goto fail;
	store_progress(l->st, 1, STORE_LOAD_STEPS);
	if (loader_fill_search(l, cause) != 0)
		goto fail;
	store_progress(l->st, 2, STORE_LOAD_STEPS);
	if (loader_keep(l, cause) != 0)
		goto fail;
	store_progress(l->st, 3, STORE_LOAD_STEPS);
	/* The history of replaced plans, to the rows that took their keys. */
	if (l->replace && (store_exec(l->st, SQL_RELINK, cause) != SQLITE_OK ||
	    store_exec(l->st, SQL_KEEP_CLEAR, cause) != SQLITE_OK))
		goto fail;
	/* Every node noted for the search is folded, those another program
	 * noted too (db/migrate-13.sql). */
	l->st->search_mark = 0;
	rc = store_commit(l->st, cause);
	if (rc == 0)
		store_progress(l->st, STORE_LOAD_STEPS, STORE_LOAD_STEPS);
	loader_end(l);
	return rc;

fail:
	store_plan_loader_rollback(l);
	return -1;
}

void
store_plan_loader_rollback(struct store_plan_loader *l)
{
	if (l == NULL || !l->in_write)
		return;
	store_rollback(l->st);
	loader_end(l);
}

void
store_plan_loader_free(struct store_plan_loader *l)
{
	size_t	i;

	if (l == NULL)
		return;
	store_plan_loader_rollback(l);
	map_free(&l->plans, lplan_free);
	map_free(&l->nodes, lnode_free);
	map_free(&l->inds, free);
	map_free(&l->depts, free);
	for (i = 0; i < l->nown; i++)
		sqlite3_finalize(l->own[i].s);
	free(l->unfiled);
	free(l->login);
	free(l->cause);
	free(l);
}

static int
loader_inherit_take(void *arg, const char *plan, const char *node,
    const char *from)
{
	return store_plan_loader_inherit(arg, plan, node, from);
}

int
store_plan_import(struct store *st, const struct pf_doc *d, int replace,
    const char *login, char **cause)
{
	struct store_plan_loader	*l = store_plan_loader_new(st, replace, login);
	size_t				 i;
	int				 rc;

	if ((rc = store_plan_loader_begin(l, cause)) != 0) {
		store_plan_loader_free(l);
		return rc;
	}
	for (i = 0; i < d->n; i++) {
		if (i % STORE_PROGRESS_EVERY == 0)
			store_progress(st, i, d->n);
		if (store_plan_loader_take(l, &d->recs[i]) != 0)
			break;
	}
	if (i == d->n) {
		store_progress(st, d->n, d->n);
		(void)pf_doc_inherits(d, loader_inherit_take, l);
	}
	rc = store_plan_loader_commit(l, cause);
	store_plan_loader_free(l);
	return rc;
}
