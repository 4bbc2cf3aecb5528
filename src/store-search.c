/*
 * Searching plans for a word in the store (see store-search.h), and
 * finding nodes and plans by the code a user types.
 *
 * The comparison is textfold.h's, registered on the connection as SQL
 * functions (shisaku_has, shisaku_fold, shisaku_code_key), so SQLite
 * reads only the nodes with a hit and stops at the page's end: the
 * nodes of a plan are walked in the plan's order through the node_plan
 * index (plan_id, ord, and the row id), from the last hit the caller
 * holds, and each node found is then split into its hits here, with the
 * same folding. A page is read in one read snapshot; nothing is held
 * once it is returned.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "shisaku/store-internal.h"
#include "shisaku/store-search.h"
#include "shisaku/textfold.h"
#include "shisaku/util.h"

/* shisaku_has(TEXT, FOLDED_WORD): 1 when the folded text contains the
 * word, which the caller has folded already. */
static void
search_fn_has(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*hay, *word;
	char		 stackbuf[2048], *buf;
	size_t		 len;

	(void)argc;
	hay = (const char *)sqlite3_value_text(argv[0]);
	word = (const char *)sqlite3_value_text(argv[1]);
	if (hay == NULL || word == NULL) {
		sqlite3_result_int(ctx, 0);
		return;
	}
	len = (size_t)sqlite3_value_bytes(argv[0]);
	buf = len < sizeof stackbuf ? stackbuf : xmalloc(len + 1);
	tf_fold_into(hay, len, buf);
	sqlite3_result_int(ctx, strstr(buf, word) != NULL);
	if (buf != stackbuf)
		free(buf);
}

/* Returns out, a malloc'd text, as the function's result. */
static void
search_fn_result(sqlite3_context *ctx, char *out)
{
	sqlite3_result_text(ctx, out, -1, free);
}

/* shisaku_fold(TEXT): the folded text. */
static void
search_fn_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*s = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (s == NULL)
		sqlite3_result_null(ctx);
	else
		search_fn_result(ctx, tf_fold(s));
}

/* shisaku_code_key(TEXT): the code as tf_code_key compares it. */
static void
search_fn_code_key(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	const char	*s = (const char *)sqlite3_value_text(argv[0]);

	(void)argc;
	if (s == NULL)
		sqlite3_result_null(ctx);
	else
		search_fn_result(ctx, tf_code_key(s));
}

/* Registers the functions once per connection. */
static int
search_register(struct store *st, char **cause)
{
	static const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC |
	    SQLITE_INNOCUOUS;
	sqlite3	*db = store_db(st);

	if (st->search_fns)
		return 0;
	if (sqlite3_create_function_v2(db, "shisaku_has", 2, flags, NULL,
	    search_fn_has, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db, "shisaku_fold", 1, flags, NULL,
	    search_fn_fold, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function_v2(db, "shisaku_code_key", 1, flags, NULL,
	    search_fn_code_key, NULL, NULL, NULL) != SQLITE_OK) {
		*cause = store_errmsg(st, "検索の準備");
		return -1;
	}
	st->search_fns = 1;
	return 0;
}

static const char *const search_labels[SEARCH_FIELD_COUNT] = {
	"計画名", "計画の説明", "番号", "名称", "概要・方向性", "手段", "備考",
	"年次計画", "実績", "課題・方向性", "指標", "指標の考え方", "指標の備考"
};

const char *
search_field_label(enum search_field f)
{
	if ((int)f < 0 || f >= SEARCH_FIELD_COUNT)
		return "";
	return search_labels[f];
}

#define SEARCH_CMP(x, y) do {						\
	if ((x) != (y))							\
		return (x) < (y) ? -1 : 1;				\
} while (0)

int
search_pos_cmp(const struct search_pos *a, const struct search_pos *b)
{
	/* The plans' own hits before every node's. */
	SEARCH_CMP(a->node_id != 0, b->node_id != 0);
	SEARCH_CMP(a->plan_ord, b->plan_ord);
	SEARCH_CMP(a->plan_id, b->plan_id);
	SEARCH_CMP(a->node_ord, b->node_ord);
	SEARCH_CMP(a->node_id, b->node_id);
	SEARCH_CMP(a->field, b->field);
	SEARCH_CMP(a->fy, b->fy);
	SEARCH_CMP(a->row, b->row);
	return 0;
}

/* A plan's own hits come before its nodes. */
#define SEARCH_PLAN_NODE_ORD LLONG_MIN

static const char search_sql_plans[] =
    "SELECT id, ord, code, name, org, description FROM plan"
    " WHERE ?1 = 0 OR id = ?1 ORDER BY ord, id";

/* The nodes with a hit, after (or at) a node, in the plan's order. The
 * yearly plans and results with a hit are gathered once per page (an
 * IN list SQLite builds before the walk), not looked up per node. */
#define SEARCH_NODE_MATCH						\
	" AND (shisaku_has(n.code || ' ' || n.title, ?2)"		\
	" OR shisaku_has(n.summary, ?2) OR shisaku_has(n.means, ?2)"	\
	" OR shisaku_has(n.note, ?2)"					\
	" OR n.id IN (SELECT y.node_id FROM year_plan y"		\
	" WHERE shisaku_has(y.text, ?2))"				\
	" OR n.id IN (SELECT r.node_id FROM result r"			\
	" WHERE shisaku_has(r.text, ?2) OR shisaku_has(r.comment, ?2))"	\
	" OR n.id IN (SELECT i.node_id FROM indicator i"		\
	" WHERE i.plan_id = ?1 AND i.node_id IS NOT NULL"		\
	" AND (shisaku_has(i.name, ?2) OR shisaku_has(i.rationale, ?2)"	\
	" OR shisaku_has(i.note, ?2))))"
#define SEARCH_NODE_COLS						\
    "SELECT n.id, n.ord, n.depth, n.code, n.title, n.summary, n.means,"	\
    " n.note FROM node n WHERE n.plan_id = ?1"
static const char search_sql_nodes_fwd[] =
    SEARCH_NODE_COLS " AND (n.ord, n.id) >= (?3, ?4)" SEARCH_NODE_MATCH
    " ORDER BY n.ord, n.id LIMIT ?5";
static const char search_sql_nodes_back[] =
    SEARCH_NODE_COLS " AND (n.ord, n.id) <= (?3, ?4)" SEARCH_NODE_MATCH
    " ORDER BY n.ord DESC, n.id DESC LIMIT ?5";

static const char search_sql_yearplans[] =
    "SELECT id, from_fy, to_fy, text FROM year_plan"
    " WHERE node_id = ?1 AND shisaku_has(text, ?2) ORDER BY from_fy, id";
/* The indicators of a node (?1), or of the plan itself (?1 NULL, ?3 the
 * plan), with a hit, in the plan's order. */
static const char search_sql_indicators[] =
    "SELECT id, name, rationale, note FROM indicator"
    " WHERE (node_id = ?1 OR (?1 IS NULL AND node_id IS NULL AND plan_id = ?3))"
    " AND (shisaku_has(name, ?2) OR shisaku_has(rationale, ?2)"
    " OR shisaku_has(note, ?2)) ORDER BY ord, id";
static const char search_sql_results[] =
    "SELECT id, fy, text, comment FROM result WHERE node_id = ?1"
    " AND (shisaku_has(text, ?2) OR shisaku_has(comment, ?2)) ORDER BY fy, id";

/* A plan as the search walks it. */
struct search_plan {
	long long	 id, ord;
	char		*code, *name, *org, *description;
};

/* What one page is being gathered into, and from where. */
struct search_walk {
	struct store		*st;
	const struct search_query *q;
	const char		*word;		/* folded */
	const struct search_pos	*from;
	int			 dir;
	size_t			 budget;	/* nodes still to read */
	struct search_page	*page;
	/* One node's (or plan's) hits, in the order above. */
	struct search_hit	*hits;
	size_t			 nhits;
};

static void
search_hit_clear(struct search_hit *h)
{
	free(h->plan_code);
	free(h->plan_name);
	free(h->code);
	free(h->title);
	free(h->text);
}

void
search_page_free(struct search_page *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		search_hit_clear(&p->hits[i]);
	free(p->hits);
	p->hits = NULL;
	p->n = 0;
	p->more = 0;
}

/* Adds a hit to the node being read; text is taken over. */
static struct search_hit *
search_add(struct search_walk *w, const struct search_plan *p,
    long long node_id, long long node_ord, enum search_field f, char *text)
{
	struct search_hit	*h;

	w->hits = xreallocarray(w->hits, w->nhits + 1, sizeof *w->hits);
	h = &w->hits[w->nhits++];
	memset(h, 0, sizeof *h);
	h->pos.plan_id = p->id;
	h->pos.plan_ord = p->ord;
	h->pos.node_id = node_id;
	h->pos.node_ord = node_ord;
	h->pos.field = (int)f;
	h->field = f;
	h->plan_code = xstrdup(p->code);
	h->plan_name = xstrdup(p->name);
	h->text = text;
	return h;
}

/*
 * Moves the node's hits that lie beyond from, in the walk's direction,
 * onto the page (nearest first). Returns how many were moved.
 */
static size_t
search_flush(struct search_walk *w)
{
	struct search_page	*pg = w->page;
	size_t			 i, k, moved = 0;

	pg->hits = xreallocarray(pg->hits, pg->n + w->nhits + 1,
	    sizeof *pg->hits);
	for (k = 0; k < w->nhits; k++) {
		i = w->dir > 0 ? k : w->nhits - 1 - k;
		if (w->from != NULL &&
		    search_pos_cmp(&w->hits[i].pos, w->from) * w->dir <= 0) {
			search_hit_clear(&w->hits[i]);
			continue;
		}
		pg->hits[pg->n++] = w->hits[i];
		moved++;
	}
	w->nhits = 0;
	return moved;
}

/* Gives every hit of the node being read its code, title and depth. */
static void
search_name_hits(struct search_walk *w, size_t from, const char *code,
    const char *title, int depth)
{
	size_t	i;

	for (i = from; i < w->nhits; i++) {
		w->hits[i].code = xstrdup(code);
		w->hits[i].title = xstrdup(title);
		w->hits[i].depth = depth;
	}
}

/* The hits in the indicators of a node (node_id) or of the plan itself
 * (node_id 0): every name first, then every rationale, then every note,
 * each in the plan's order of the indicators. */
static int
search_indicators(struct search_walk *w, const struct search_plan *p,
    long long node_id, long long node_ord, char **cause)
{
	static const enum search_field fields[] = {
		SEARCH_IND_NAME, SEARCH_IND_RATIONALE, SEARCH_IND_NOTE
	};
	sqlite3_stmt		*s;
	struct search_hit	*h;
	struct {
		long long	 id;
		char		*text[3];
	}			*ind = NULL;
	size_t			 n = 0, i, f;
	int			 rc;

	if ((s = store_stmt(w->st, search_sql_indicators, cause)) == NULL)
		return -1;
	if (node_id != 0)
		sqlite3_bind_int64(s, 1, node_id);
	else
		sqlite3_bind_null(s, 1);
	sqlite3_bind_text(s, 2, w->word, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, p->id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ind = xreallocarray(ind, n + 1, sizeof *ind);
		ind[n].id = sqlite3_column_int64(s, 0);
		for (f = 0; f < 3; f++)
			ind[n].text[f] = store_col_dup(s, 1 + (int)f);
		n++;
	}
	rc = store_read_end(w->st, s, rc, "指標の検索", cause);
	for (f = 0; f < 3; f++)
		for (i = 0; i < n; i++) {
			if (rc != 0 || !tf_contains(ind[i].text[f], w->q->text))
				continue;
			h = search_add(w, p, node_id, node_ord, fields[f],
			    ind[i].text[f]);
			ind[i].text[f] = NULL;
			h->pos.row = h->indicator_id = ind[i].id;
		}
	for (i = 0; i < n; i++)
		for (f = 0; f < 3; f++)
			free(ind[i].text[f]);
	free(ind);
	return rc;
}

/* The plan's own hits. */
static int
search_plan_own(struct search_walk *w, const struct search_plan *p,
    char **cause)
{
	const char	*word = w->q->text;

	if (tf_contains(p->name, word))
		search_add(w, p, 0, SEARCH_PLAN_NODE_ORD, SEARCH_PLAN_NAME,
		    xstrdup(p->name));
	else if (tf_contains(p->code, word))
		search_add(w, p, 0, SEARCH_PLAN_NODE_ORD, SEARCH_PLAN_NAME,
		    xstrdup(p->code));
	else if (tf_contains(p->org, word))
		search_add(w, p, 0, SEARCH_PLAN_NODE_ORD, SEARCH_PLAN_NAME,
		    xstrdup(p->org));
	if (tf_contains(p->description, word))
		search_add(w, p, 0, SEARCH_PLAN_NODE_ORD, SEARCH_PLAN_DESC,
		    xstrdup(p->description));
	if (search_indicators(w, p, 0, SEARCH_PLAN_NODE_ORD, cause) != 0)
		return -1;
	search_name_hits(w, 0, "", p->name, 0);
	if (w->nhits > 0 && search_flush(w) > 0 && w->budget > 0)
		w->budget--;
	return 0;
}

/* The yearly plans and results of a node with a hit. */
static int
search_node_years(struct search_walk *w, const struct search_plan *p,
    struct search_hit *node, char **cause)
{
	sqlite3_stmt		*s;
	struct search_hit	*h;
	char			**comments = NULL;
	int			*cfy = NULL;
	long long		*crow = NULL;
	size_t			 nc = 0, i;
	int			 rc;

	if ((s = store_stmt(w->st, search_sql_yearplans, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, node->pos.node_id);
	sqlite3_bind_text(s, 2, w->word, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		h = search_add(w, p, node->pos.node_id, node->pos.node_ord,
		    SEARCH_YEARPLAN, store_col_dup(s, 3));
		h->pos.row = sqlite3_column_int64(s, 0);
		h->pos.fy = h->fy = sqlite3_column_int(s, 1);
		h->to_fy = sqlite3_column_int(s, 2);
	}
	if (store_read_end(w->st, s, rc, "年次計画の検索", cause) != 0)
		return -1;

	if ((s = store_stmt(w->st, search_sql_results, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, node->pos.node_id);
	sqlite3_bind_text(s, 2, w->word, -1, SQLITE_STATIC);
	/* 実績 of every year first, then 課題・方向性 of every year. */
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		long long	 row = sqlite3_column_int64(s, 0);
		int		 fy = sqlite3_column_int(s, 1);
		const char	*text = store_col_text(s, 2);
		const char	*comment = store_col_text(s, 3);

		if (tf_contains(text, w->q->text)) {
			h = search_add(w, p, node->pos.node_id,
			    node->pos.node_ord, SEARCH_RESULT, xstrdup(text));
			h->pos.row = row;
			h->pos.fy = h->fy = h->to_fy = fy;
		}
		if (tf_contains(comment, w->q->text)) {
			comments = xreallocarray(comments, nc + 1,
			    sizeof *comments);
			cfy = xreallocarray(cfy, nc + 1, sizeof *cfy);
			crow = xreallocarray(crow, nc + 1, sizeof *crow);
			comments[nc] = xstrdup(comment);
			cfy[nc] = fy;
			crow[nc++] = row;
		}
	}
	rc = store_read_end(w->st, s, rc, "実績の検索", cause);
	for (i = 0; i < nc; i++) {
		h = search_add(w, p, node->pos.node_id, node->pos.node_ord,
		    SEARCH_COMMENT, comments[i]);
		h->pos.row = crow[i];
		h->pos.fy = h->fy = h->to_fy = cfy[i];
	}
	free(comments);
	free(cfy);
	free(crow);
	return rc;
}

/* The nodes of one plan, from the walk's start when start is NULL. */
static int
search_plan_nodes(struct search_walk *w, const struct search_plan *p,
    const struct search_pos *start, char **cause)
{
	sqlite3_stmt	*s;
	long long	 ord, id;
	int		 rc;

	if (w->dir > 0) {
		ord = start != NULL ? start->node_ord : LLONG_MIN;
		id = start != NULL ? start->node_id : LLONG_MIN;
		s = store_stmt(w->st, search_sql_nodes_fwd, cause);
	} else {
		ord = start != NULL ? start->node_ord : LLONG_MAX;
		id = start != NULL ? start->node_id : LLONG_MAX;
		s = store_stmt(w->st, search_sql_nodes_back, cause);
	}
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_text(s, 2, w->word, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, ord);
	sqlite3_bind_int64(s, 4, id);
	/* Two more than the budget: the start node itself may hold no hit
	 * beyond start, and a row past the budget says there is more. */
	sqlite3_bind_int64(s, 5, (long long)w->budget + 2);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		struct search_hit	 node;
		const char		*code = store_col_text(s, 3);
		const char		*title = store_col_text(s, 4);
		const char		*word = w->q->text;
		char			*both;
		size_t			 first = w->nhits;
		static const enum search_field texts[] = {
			SEARCH_SUMMARY, SEARCH_MEANS, SEARCH_NOTE
		};
		size_t			 t;

		if (w->budget == 0) {
			w->page->more = 1;
			break;
		}
		memset(&node, 0, sizeof node);
		node.pos.node_id = sqlite3_column_int64(s, 0);
		node.pos.node_ord = sqlite3_column_int64(s, 1);
		both = xasprintf("%s %s", code, title);
		if (tf_contains(code, word))
			search_add(w, p, node.pos.node_id, node.pos.node_ord,
			    SEARCH_CODE, xstrdup(code));
		else if (tf_contains(title, word))
			search_add(w, p, node.pos.node_id, node.pos.node_ord,
			    SEARCH_TITLE, xstrdup(title));
		else if (tf_contains(both, word))
			search_add(w, p, node.pos.node_id, node.pos.node_ord,
			    SEARCH_TITLE, xstrdup(both));
		free(both);
		for (t = 0; t < sizeof texts / sizeof texts[0]; t++)
			if (tf_contains(store_col_text(s, 5 + (int)t), word))
				search_add(w, p, node.pos.node_id,
				    node.pos.node_ord, texts[t],
				    store_col_dup(s, 5 + (int)t));
		if (search_node_years(w, p, &node, cause) != 0 ||
		    search_indicators(w, p, node.pos.node_id,
		    node.pos.node_ord, cause) != 0) {
			sqlite3_reset(s);
			return -1;
		}
		search_name_hits(w, first, code, title,
		    sqlite3_column_int(s, 2));
		if (search_flush(w) > 0)
			w->budget--;
	}
	return store_read_end(w->st, s, rc == SQLITE_ROW ? SQLITE_DONE : rc,
	    "検索", cause);
}

static void
search_plans_free(struct search_plan *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(p[i].code);
		free(p[i].name);
		free(p[i].org);
		free(p[i].description);
	}
	free(p);
}

static int
search_read_plans(struct store *st, long long plan_id,
    struct search_plan **out, size_t *n, char **cause)
{
	sqlite3_stmt		*s;
	struct search_plan	*p = NULL;
	int			 rc;

	*out = NULL;
	*n = 0;
	if ((s = store_stmt(st, search_sql_plans, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		p = xreallocarray(p, *n + 1, sizeof *p);
		p[*n].id = sqlite3_column_int64(s, 0);
		p[*n].ord = sqlite3_column_int64(s, 1);
		p[*n].code = store_col_dup(s, 2);
		p[*n].name = store_col_dup(s, 3);
		p[*n].org = store_col_dup(s, 4);
		p[*n].description = store_col_dup(s, 5);
		(*n)++;
	}
	if (store_read_end(st, s, rc, "計画の読み込み", cause) != 0) {
		search_plans_free(p, *n);
		*n = 0;
		return -1;
	}
	*out = p;
	return 0;
}

/* Whether plan p lies before (dir 1) or after (dir -1) from's plan. */
static int
search_plan_passed(const struct search_plan *p, const struct search_pos *from,
    int dir)
{
	int	c;

	if (from == NULL)
		return 0;
	c = p->ord != from->plan_ord ? (p->ord < from->plan_ord ? -1 : 1) :
	    p->id != from->plan_id ? (p->id < from->plan_id ? -1 : 1) : 0;
	return c * dir < 0;
}

/* The plans' own hits (every plan's, before any node), in the walk's
 * direction. */
static int
search_walk_plans(struct search_walk *w, const struct search_plan *plans,
    size_t nplans, char **cause)
{
	size_t	k, i;

	for (k = 0; k < nplans; k++) {
		i = w->dir > 0 ? k : nplans - 1 - k;
		/* Only from's plan and those beyond it, when from is one of
		 * these hits. */
		if (w->from != NULL && w->from->node_id == 0 &&
		    search_plan_passed(&plans[i], w->from, w->dir))
			continue;
		if (w->budget == 0) {
			w->page->more = 1;
			return 0;
		}
		if (search_plan_own(w, &plans[i], cause) != 0)
			return -1;
	}
	return 0;
}

/* The nodes' hits, plan by plan, in the walk's direction. */
static int
search_walk_nodes(struct search_walk *w, const struct search_plan *plans,
    size_t nplans, char **cause)
{
	const struct search_pos	*from = w->from != NULL &&
				    w->from->node_id != 0 ? w->from : NULL;
	size_t			 k, i;
	int			 rc = 0;

	for (k = 0; k < nplans && rc == 0; k++) {
		i = w->dir > 0 ? k : nplans - 1 - k;
		if (search_plan_passed(&plans[i], from, w->dir))
			continue;
		if (w->budget == 0) {
			w->page->more = 1;
			break;
		}
		/* In from's own plan the nodes start at from's node. */
		rc = search_plan_nodes(w, &plans[i], from != NULL &&
		    from->plan_id == plans[i].id ? from : NULL, cause);
	}
	return rc;
}

/* The plans' own hits come first, then every node's. */
static int
search_walk(struct search_walk *w, char **cause)
{
	struct search_plan	*plans;
	size_t			 nplans;
	int			 rc = 0;
	int			 in_plans = w->from != NULL &&
				    w->from->node_id == 0;

	if (search_read_plans(w->st, w->q->plan_id, &plans, &nplans,
	    cause) != 0)
		return -1;
	if (w->dir > 0) {
		if (w->q->with_plans && (w->from == NULL || in_plans))
			rc = search_walk_plans(w, plans, nplans, cause);
		if (rc == 0)
			rc = search_walk_nodes(w, plans, nplans, cause);
	} else {
		if (!in_plans)
			rc = search_walk_nodes(w, plans, nplans, cause);
		if (rc == 0 && w->q->with_plans)
			rc = search_walk_plans(w, plans, nplans, cause);
	}
	search_plans_free(plans, nplans);
	return rc;
}

int
store_search(struct store *st, const struct search_query *q,
    const struct search_pos *from, int dir, size_t max_nodes,
    struct search_page *out, char **cause)
{
	struct search_walk	 w;
	sqlite3			*db = store_db(st);
	char			*word;
	int			 began = 0, rc;

	memset(out, 0, sizeof *out);
	if (q->text == NULL || *q->text == '\0') {
		*cause = xstrdup("検索する語がありません");
		return -1;
	}
	if (search_register(st, cause) != 0)
		return -1;
	word = tf_fold(q->text);
	memset(&w, 0, sizeof w);
	w.st = st;
	w.q = q;
	w.word = word;
	w.from = from;
	w.dir = dir < 0 ? -1 : 1;
	w.budget = max_nodes > 0 ? max_nodes : 1;
	w.page = out;
	/* One read snapshot: a page never mixes two states of the file. */
	if (sqlite3_get_autocommit(db) &&
	    sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK)
		began = 1;
	rc = search_walk(&w, cause);
	if (began)
		sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	while (w.nhits > 0)
		search_hit_clear(&w.hits[--w.nhits]);
	free(w.hits);
	free(word);
	if (rc != 0)
		search_page_free(out);
	return rc;
}

static const char search_sql_pos[] =
    "SELECT n.plan_id, p.ord, n.ord FROM node n JOIN plan p ON p.id = n.plan_id"
    " WHERE n.id = ?1";

int
store_search_pos_at(struct store *st, long long node_id, int field,
    struct search_pos *pos, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc, found = 0;

	memset(pos, 0, sizeof *pos);
	if ((s = store_stmt(st, search_sql_pos, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, node_id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		pos->plan_id = sqlite3_column_int64(s, 0);
		pos->plan_ord = sqlite3_column_int64(s, 1);
		pos->node_ord = sqlite3_column_int64(s, 2);
		pos->node_id = node_id;
		pos->field = field;
		found = 1;
		rc = SQLITE_DONE;
	}
	if (store_read_end(st, s, rc, "施策・取組の読み込み", cause) != 0)
		return -1;
	if (!found) {
		*cause = xstrdup("その施策・取組はもうありません");
		return -1;
	}
	return 0;
}

/* The ways a typed code is compared, in turn. */
static const char search_sql_code[] =
    "SELECT id FROM node WHERE plan_id = ?1 AND shisaku_fold(code) = ?2"
    " ORDER BY ord, id LIMIT ?3";
static const char search_sql_key[] =
    "SELECT id FROM node WHERE plan_id = ?1 AND shisaku_fold(key) = ?2"
    " ORDER BY ord, id LIMIT ?3";
static const char search_sql_code_key[] =
    "SELECT id FROM node WHERE plan_id = ?1 AND code <> ''"
    " AND shisaku_code_key(code) = ?2 ORDER BY ord, id LIMIT ?3";

/* The folded text without blanks around it (malloc'd). */
static char *
search_trimmed(const char *text)
{
	char	*f = tf_fold(text), *p = f, *end;

	while (*p == ' ' || *p == '\t')
		p++;
	memmove(f, p, strlen(p) + 1);
	end = f + strlen(f);
	while (end > f && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return f;
}

int
store_search_code(struct store *st, long long plan_id, const char *text,
    size_t max, long long **ids, size_t *n, char **cause)
{
	const char *const	 sqls[] = {
		search_sql_code, search_sql_key, search_sql_code_key
	};
	sqlite3_stmt		*s;
	char			*word, *key;
	size_t			 k;
	int			 rc = 0;

	*ids = NULL;
	*n = 0;
	if (search_register(st, cause) != 0)
		return -1;
	word = search_trimmed(text);
	key = tf_code_key(text);
	for (k = 0; k < 3 && *n == 0 && rc == 0; k++) {
		const char *w = k < 2 ? word : key;

		if (*w == '\0')
			continue;
		if ((s = store_stmt(st, sqls[k], cause)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(s, 1, plan_id);
		sqlite3_bind_text(s, 2, w, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 3, (long long)(max > 0 ? max : 1));
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
			(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
		}
		rc = store_read_end(st, s, rc, "番号の検索", cause);
	}
	free(word);
	free(key);
	if (rc != 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}

static const char search_sql_plan_codes[] =
    "SELECT code FROM plan ORDER BY ord, id";

int
store_search_plan_codes(struct store *st, char ***codes, size_t *n,
    char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*codes = NULL;
	*n = 0;
	if ((s = store_stmt(st, search_sql_plan_codes, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*codes = xreallocarray(*codes, *n + 1, sizeof **codes);
		(*codes)[(*n)++] = store_col_dup(s, 0);
	}
	if (store_read_end(st, s, rc, "計画の読み込み", cause) != 0) {
		while (*n > 0)
			free((*codes)[--*n]);
		free(*codes);
		*codes = NULL;
		return -1;
	}
	return 0;
}

static const char search_sql_plan_exact[] =
    "SELECT id FROM plan WHERE shisaku_fold(code) = ?1 ORDER BY ord, id";
static const char search_sql_plan_prefix[] =
    "SELECT id FROM plan WHERE substr(shisaku_fold(code), 1, length(?1)) = ?1"
    " ORDER BY ord, id";

int
store_search_plan(struct store *st, const char *text, long long *plan_id,
    int *several, char **cause)
{
	const char *const	 sqls[] = {
		search_sql_plan_exact, search_sql_plan_prefix
	};
	sqlite3_stmt		*s;
	char			*word;
	size_t			 k, found = 0;
	int			 rc = 0;

	*plan_id = 0;
	*several = 0;
	if (search_register(st, cause) != 0)
		return -1;
	word = search_trimmed(text);
	for (k = 0; k < 2 && found == 0 && rc == 0 && *word != '\0'; k++) {
		if ((s = store_stmt(st, sqls[k], cause)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_text(s, 1, word, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			if (found++ == 0)
				*plan_id = sqlite3_column_int64(s, 0);
		rc = store_read_end(st, s, rc, "計画の検索", cause);
	}
	free(word);
	if (found > 1) {
		*plan_id = 0;
		*several = 1;
	}
	return rc;
}
