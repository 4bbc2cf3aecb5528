/*
 * Searching plans for a word in the store (see store-search.h), and
 * finding nodes and plans by the code a user types.
 *
 * The comparison is textfold.h's, registered on the connection as SQL
 * functions (shisaku_has, shisaku_fold, shisaku_code_key). The nodes
 * with a hit are found from search_text, the index of every node's
 * folded texts (db/migrate-13.sql): a word of three characters or more
 * asks it for the nodes holding each of its trigrams, a shorter word for
 * the nodes holding any trigram that begins with it (the index's own
 * list of its trigrams, fts5vocab: each text ends with two line breaks,
 * db/migrate-15.sql, so every place of the word begins one); when it
 * names at most SEARCH_FEW they are placed in the plan's order at once,
 * else the plan's nodes are walked in its order a window at a time
 * (node_plan: plan_id, ord and the row id) and the index asked which of
 * the window's it names. A short word that begins more than
 * SEARCH_MAX_PREFIXED trigrams (a common character), or that the index
 * finds on more than SEARCH_FEW nodes, reads the folded texts node
 * after node in the plan's order: its next hit is near. Either way the
 * walk goes from the last hit the caller holds and stops at the page's
 * end, and each node found is split into its hits here, with the same
 * folding, so a node named without a hit costs a read and nothing
 * else. Nodes noted in search_stale (their folded text not made again
 * yet) are always read. A page is read in one read snapshot; nothing is
 * held once it is returned.
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

/* Registers the functions once per connection (store_open does, before
 * the migrations, which fold with them). */
int
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
	/* The index's trigrams, for a word shorter than three: made here,
	 * before a reader's connection is set to read only. A connection
	 * that cannot make it reads the texts for such a word. */
	st->search_vocab = sqlite3_exec(db, "CREATE VIRTUAL TABLE IF NOT"
	    " EXISTS temp.search_vocab USING fts5vocab(main, search_text,"
	    " 'row')", NULL, NULL, NULL) == SQLITE_OK;
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
#define SEARCH_NODE_COLS_BY_ID						\
    "SELECT n.id, n.ord, n.depth, n.code, n.title, n.summary, n.means,"	\
    " n.note FROM node n WHERE n.id = ?1"
static const char search_sql_nodes_fwd[] =
    SEARCH_NODE_COLS " AND (n.ord, n.id) >= (?3, ?4)" SEARCH_NODE_MATCH
    " ORDER BY n.ord, n.id LIMIT ?5";
static const char search_sql_nodes_back[] =
    SEARCH_NODE_COLS " AND (n.ord, n.id) <= (?3, ?4)" SEARCH_NODE_MATCH
    " ORDER BY n.ord DESC, n.id DESC LIMIT ?5";

/* A word too short for the index: the nodes whose folded text holds it
 * (or whose folded text is not made yet), one after another in the
 * plan's order. The folded texts are read from the table FTS5 keeps
 * them in (search_text_content: id, c0), by id, which costs a tenth of
 * asking search_text for each. */
#define SEARCH_SHORT_COLS						\
    "SELECT n.id, n.ord, n.depth, n.code, n.title, n.summary, n.means,"	\
    " n.note FROM node n LEFT JOIN search_text_content t ON t.id = n.id" \
    " WHERE n.plan_id = ?1"
#define SEARCH_SHORT_MATCH						\
    " AND (t.c0 IS NULL OR instr(t.c0, ?2) > 0"			\
    " OR n.id IN (SELECT node_id FROM search_stale))"
static const char search_sql_short_fwd[] =
    SEARCH_SHORT_COLS " AND (n.ord, n.id) >= (?3, ?4)" SEARCH_SHORT_MATCH
    " ORDER BY n.ord, n.id LIMIT ?5";
static const char search_sql_short_back[] =
    SEARCH_SHORT_COLS " AND (n.ord, n.id) <= (?3, ?4)" SEARCH_SHORT_MATCH
    " ORDER BY n.ord DESC, n.id DESC LIMIT ?5";

/* One node named by the index. */
static const char search_sql_node[] =
    SEARCH_NODE_COLS_BY_ID;

/* The nodes the index names: a few (up to SEARCH_FEW) are placed in the
 * plan's order here; when there are more, the plan's nodes are walked
 * in its order a window at a time and the index asked which of the
 * window's ids it names. */
static const char search_sql_index[] =
    "SELECT rowid FROM search_text WHERE search_text MATCH ?1 LIMIT ?2";
static const char search_sql_index_range[] =
    "SELECT rowid FROM search_text WHERE search_text MATCH ?1"
    " AND rowid >= ?2 AND rowid <= ?3";
static const char search_sql_stale[] = "SELECT node_id FROM search_stale";
static const char search_sql_place[] =
    "SELECT plan_id, ord FROM node WHERE id = ?1";
static const char search_sql_window_fwd[] =
    "SELECT id, ord FROM node WHERE plan_id = ?1 AND (ord, id) >= (?2, ?3)"
    " ORDER BY ord, id LIMIT ?4";
static const char search_sql_window_back[] =
    "SELECT id, ord FROM node WHERE plan_id = ?1 AND (ord, id) <= (?2, ?3)"
    " ORDER BY ord DESC, id DESC LIMIT ?4";
#define SEARCH_FEW	1024
#define SEARCH_WINDOW	512

static const char search_sql_yearplans[] =
    "SELECT id, from_fy, to_fy, text FROM year_plan"
    " WHERE node_id = ?1 AND shisaku_has(text, ?2) ORDER BY from_fy, id";
/* The indicators of a node (?1), or of the plan itself (?3 the plan),
 * with a hit, in the plan's order: two statements, each read through an
 * index (one with an OR between the two would read every indicator). */
#define SEARCH_IND_HAS							\
    " AND (shisaku_has(name, ?2) OR shisaku_has(rationale, ?2)"	\
    " OR shisaku_has(note, ?2)) ORDER BY ord, id"
static const char search_sql_indicators[] =
    "SELECT id, name, rationale, note FROM indicator"
    " WHERE node_id = ?1" SEARCH_IND_HAS;
static const char search_sql_plan_indicators[] =
    "SELECT id, name, rationale, note FROM indicator"
    " WHERE node_id IS NULL AND +plan_id = ?3 AND ?1 IS NULL" SEARCH_IND_HAS;
static const char search_sql_results[] =
    "SELECT id, fy, text, comment FROM result WHERE node_id = ?1"
    " AND (shisaku_has(text, ?2) OR shisaku_has(comment, ?2)) ORDER BY fy, id";

/* A plan as the search walks it. */
struct search_plan {
	long long	 id, ord;
	char		*code, *name, *org, *description;
};

/* How the nodes with a hit are found. */
enum search_mode {
	SEARCH_BY_INDEX,	/* the nodes search_text names */
	SEARCH_BY_TEXT,		/* a short word: every node's folded text
				   from where the search stands */
	SEARCH_BY_SCAN		/* every text of every node, as stored */
};

/* A node the index names, and where it stands. */
struct search_cand {
	long long	 id, plan_id, ord;
};

/* What one page is being gathered into, and from where. */
struct search_walk {
	struct store		*st;
	const struct search_query *q;
	const char		*word;		/* folded */
	enum search_mode	 mode;
	char			*match;		/* the index's query */
	/* The nodes the index names when they are few (!dense), in no
	 * order; the nodes noted in search_stale, by id. */
	struct search_cand	*cand;
	size_t			 ncand;
	int			 dense;
	long long		*stale;
	size_t			 nstale;
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

	if ((s = store_stmt(w->st, node_id != 0 ? search_sql_indicators :
	    search_sql_plan_indicators, cause)) == NULL)
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

/*
 * One node with a hit (s stands on its row: id, ord, depth, code, title,
 * summary, means, note): its hits onto the page. Returns 0, or -1 with
 * *cause.
 */
static int
search_node_row(struct search_walk *w, const struct search_plan *p,
    sqlite3_stmt *s, char **cause)
{
	static const enum search_field texts[] = {
		SEARCH_SUMMARY, SEARCH_MEANS, SEARCH_NOTE
	};
	struct search_hit	 node;
	const char		*code = store_col_text(s, 3);
	const char		*title = store_col_text(s, 4);
	const char		*word = w->q->text;
	char			*both;
	size_t			 first = w->nhits, t;

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
			search_add(w, p, node.pos.node_id, node.pos.node_ord,
			    texts[t], store_col_dup(s, 5 + (int)t));
	if (search_node_years(w, p, &node, cause) != 0 ||
	    search_indicators(w, p, node.pos.node_id, node.pos.node_ord,
	    cause) != 0)
		return -1;
	search_name_hits(w, first, code, title, sqlite3_column_int(s, 2));
	if (search_flush(w) > 0)
		w->budget--;
	return 0;
}

/* The nodes of one plan by a statement that reads them (SEARCH_BY_SCAN,
 * SEARCH_BY_TEXT), from the walk's start when start is NULL. */
static int
search_plan_rows(struct search_walk *w, const struct search_plan *p,
    const struct search_pos *start, char **cause)
{
	sqlite3_stmt	*s;
	long long	 ord, id;
	int		 rc, text = w->mode == SEARCH_BY_TEXT;

	if (w->dir > 0) {
		ord = start != NULL ? start->node_ord : LLONG_MIN;
		id = start != NULL ? start->node_id : LLONG_MIN;
		s = store_stmt(w->st, text ? search_sql_short_fwd :
		    search_sql_nodes_fwd, cause);
	} else {
		ord = start != NULL ? start->node_ord : LLONG_MAX;
		id = start != NULL ? start->node_id : LLONG_MAX;
		s = store_stmt(w->st, text ? search_sql_short_back :
		    search_sql_nodes_back, cause);
	}
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, p->id);
	sqlite3_bind_text(s, 2, w->word, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, ord);
	sqlite3_bind_int64(s, 4, id);
	/* Two more than the budget: the start node itself may hold no hit
	 * beyond start, and a row past the budget says there is more. The
	 * folded texts name nodes without a hit too (a node noted in
	 * search_stale, a word across two lines): no limit then, the walk
	 * stops once the budget is spent. */
	sqlite3_bind_int64(s, 5, text ? -1 : (long long)w->budget + 2);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (w->budget == 0) {
			w->page->more = 1;
			break;
		}
		if (search_node_row(w, p, s, cause) != 0) {
			sqlite3_reset(s);
			return -1;
		}
	}
	return store_read_end(w->st, s, rc == SQLITE_ROW ? SQLITE_DONE : rc,
	    "検索", cause);
}

/* Reads node id (the index named it) and puts its hits onto the page;
 * a node that has gone since is passed over. Returns 0, 1 when the
 * budget was spent before it (the page has more), or -1 with *cause. */
static int
search_cand_node(struct search_walk *w, const struct search_plan *p,
    long long id, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	if (w->budget == 0) {
		w->page->more = 1;
		return 1;
	}
	if ((s = store_stmt(w->st, search_sql_node, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (search_node_row(w, p, s, cause) != 0) {
			sqlite3_reset(s);
			return -1;
		}
		rc = SQLITE_DONE;
	}
	return store_read_end(w->st, s, rc, "検索", cause);
}

static int
search_id_cmp(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

static int
search_cand_cmp(const void *a, const void *b)
{
	const struct search_cand	*x = a, *y = b;

	if (x->plan_id != y->plan_id)
		return x->plan_id < y->plan_id ? -1 : 1;
	if (x->ord != y->ord)
		return x->ord < y->ord ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int
search_has_id(const long long *ids, size_t n, long long id)
{
	return n > 0 && bsearch(&id, ids, n, sizeof *ids, search_id_cmp) !=
	    NULL;
}

/* Whether (ord, id) lies at or beyond start in the walk's direction. */
static int
search_from_start(const struct search_walk *w, const struct search_pos *start,
    long long ord, long long id)
{
	int	c;

	if (start == NULL)
		return 1;
	c = ord != start->node_ord ? (ord < start->node_ord ? -1 : 1) :
	    id != start->node_id ? (id < start->node_id ? -1 : 1) : 0;
	return c * w->dir >= 0;
}

/* The nodes of one plan the index names when they are few: placed
 * already (search_index_open), in the plan's order. */
static int
search_plan_few(struct search_walk *w, const struct search_plan *p,
    const struct search_pos *start, char **cause)
{
	size_t	 k, i;
	int	 rc;

	for (k = 0; k < w->ncand; k++) {
		i = w->dir > 0 ? k : w->ncand - 1 - k;
		if (w->cand[i].plan_id != p->id ||
		    !search_from_start(w, start, w->cand[i].ord, w->cand[i].id))
			continue;
		if ((rc = search_cand_node(w, p, w->cand[i].id, cause)) != 0)
			return rc < 0 ? -1 : 0;
	}
	return 0;
}

/* The ids in [lo, hi] the index names, ascending, into *ids. */
static int
search_index_range(struct search_walk *w, long long lo, long long hi,
    long long **ids, size_t *n, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	*n = 0;
	if ((s = store_stmt(w->st, search_sql_index_range, cause)) == NULL)
		return -1;
	sqlite3_bind_text(s, 1, w->match, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, lo);
	sqlite3_bind_int64(s, 3, hi);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, *n + 1, sizeof **ids);
		(*ids)[(*n)++] = sqlite3_column_int64(s, 0);
	}
	return store_read_end(w->st, s, rc, "検索", cause);
}

/*
 * The nodes of one plan the index names when they are many: the plan's
 * nodes a window at a time in its order from start, and of each window
 * the ids the index names between the window's least and greatest id
 * (a plan's ids mostly follow its order, so the range is narrow).
 */
static int
search_plan_many(struct search_walk *w, const struct search_plan *p,
    const struct search_pos *start, char **cause)
{
	sqlite3_stmt	*s;
	long long	 ord, id, lo, hi, *hits = NULL;
	struct search_cand *win;
	size_t		 nwin, nhits = 0, i;
	int		 rc = 0, done = 0;

	if (w->dir > 0) {
		ord = start != NULL ? start->node_ord : LLONG_MIN;
		id = start != NULL ? start->node_id : LLONG_MIN;
	} else {
		ord = start != NULL ? start->node_ord : LLONG_MAX;
		id = start != NULL ? start->node_id : LLONG_MAX;
	}
	win = xreallocarray(NULL, SEARCH_WINDOW, sizeof *win);
	while (!done && rc == 0) {
		if ((s = store_stmt(w->st, w->dir > 0 ? search_sql_window_fwd :
		    search_sql_window_back, cause)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(s, 1, p->id);
		sqlite3_bind_int64(s, 2, ord);
		sqlite3_bind_int64(s, 3, id);
		sqlite3_bind_int(s, 4, SEARCH_WINDOW);
		nwin = 0;
		lo = LLONG_MAX;
		hi = LLONG_MIN;
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			win[nwin].id = sqlite3_column_int64(s, 0);
			win[nwin].ord = sqlite3_column_int64(s, 1);
			if (win[nwin].id < lo)
				lo = win[nwin].id;
			if (win[nwin].id > hi)
				hi = win[nwin].id;
			nwin++;
		}
		if ((rc = store_read_end(w->st, s, rc, "検索", cause)) != 0)
			break;
		if (nwin < SEARCH_WINDOW)
			done = 1;
		if (nwin == 0)
			break;
		/* The next window starts past this one's last node. */
		ord = win[nwin - 1].ord;
		id = win[nwin - 1].id;
		if (w->dir > 0 ? id == LLONG_MAX : id == LLONG_MIN)
			done = 1;
		else
			id += w->dir;
		if ((rc = search_index_range(w, lo, hi, &hits, &nhits,
		    cause)) != 0)
			break;
		for (i = 0; i < nwin && rc == 0; i++) {
			if (!search_has_id(hits, nhits, win[i].id) &&
			    !search_has_id(w->stale, w->nstale, win[i].id))
				continue;
			if ((rc = search_cand_node(w, p, win[i].id, cause)) > 0)
				done = 1;
		}
		if (rc > 0)
			rc = 0;
	}
	free(hits);
	free(win);
	return rc;
}

/* The nodes of one plan, from the walk's start when start is NULL. */
static int
search_plan_nodes(struct search_walk *w, const struct search_plan *p,
    const struct search_pos *start, char **cause)
{
	if (w->mode != SEARCH_BY_INDEX)
		return search_plan_rows(w, p, start, cause);
	if (w->dense)
		return search_plan_many(w, p, start, cause);
	return search_plan_few(w, p, start, cause);
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

/* How many characters s has; 0 when it is not valid UTF-8. */
static size_t
search_word_chars(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 chars = 0, n, i;

	while (*u != 0) {
		if (*u < 0x80)
			n = 1;
		else if (*u >= 0xC2 && *u <= 0xDF)
			n = 2;
		else if (*u >= 0xE0 && *u <= 0xEF)
			n = 3;
		else if (*u >= 0xF0 && *u <= 0xF4)
			n = 4;
		else
			return 0;
		for (i = 1; i < n; i++)
			if ((u[i] & 0xC0) != 0x80)
				return 0;
		u += n;
		chars++;
	}
	return chars;
}

/* The byte offsets of the characters of s (valid UTF-8), and its end. */
static size_t *
search_char_offsets(const char *s, size_t *nchars)
{
	size_t	*off = NULL, n = 0, i = 0;

	for (;;) {
		off = xreallocarray(off, n + 1, sizeof *off);
		off[n] = i;
		if (s[i] == '\0')
			break;
		n++;
		i++;
		while ((s[i] & 0xC0) == 0x80)
			i++;
	}
	*nchars = n;
	return off;
}

/* At most this many of a word's trigrams are asked for. */
#define SEARCH_MAX_TRIGRAMS 8

/*
 * The index's query for a folded word of three characters or more: each
 * of its trigrams, as a string, all of them ("abc" AND "bcd"). A long
 * word's trigrams are taken spread over it, the first and the last
 * among them: a node with the word has each of them.
 */
static char *
search_match_query(const char *word)
{
	struct {
		char	*p;
		size_t	 n;
	}		 b = { NULL, 0 };
	size_t		*off, nchars, ntri, k, t, j, len;

	off = search_char_offsets(word, &nchars);
	ntri = nchars - 2;
	for (k = 0; k < ntri && k < SEARCH_MAX_TRIGRAMS; k++) {
		t = ntri <= SEARCH_MAX_TRIGRAMS ? k :
		    k * (ntri - 1) / (SEARCH_MAX_TRIGRAMS - 1);
		len = off[t + 3] - off[t];
		/* Room for " AND ", the quotes, every quote doubled. */
		b.p = xreallocarray(b.p, b.n + 5 + 2 + 2 * len + 1, 1);
		if (k > 0) {
			memcpy(b.p + b.n, " AND ", 5);
			b.n += 5;
		}
		b.p[b.n++] = '"';
		for (j = off[t]; j < off[t + 3]; j++) {
			if (word[j] == '"')
				b.p[b.n++] = '"';
			b.p[b.n++] = word[j];
		}
		b.p[b.n++] = '"';
		b.p[b.n] = '\0';
	}
	free(off);
	return b.p;
}

static int
search_cand_id_cmp(const void *a, const void *b)
{
	const struct search_cand	*x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* At most this many trigrams beginning with a word shorter than three
 * characters are asked for; a word beginning more reads the texts
 * instead. */
#define SEARCH_MAX_PREFIXED 1024

/* The index's trigrams that begin with the folded word (its one or
 * two characters in bytes, then anything), with the number of nodes
 * holding each. */
static const char search_sql_prefixed[] =
    "SELECT term, doc FROM temp.search_vocab"
    " WHERE term >= ?1 AND term <= ?1 || char(1114111)";

/*
 * The index's query for a folded word of one or two characters: every
 * trigram of the index that begins with it ("abc" OR "abd"), "" when
 * there is none; NULL when there are more than SEARCH_MAX_PREFIXED, or
 * one of them is on more than few nodes (the word is common: asking the
 * index for all of them would cost more than reading up to it). Returns
 * 0 with *out, or -1 with *cause.
 */
static int
search_prefix_query(struct search_walk *w, size_t few, char **out,
    char **cause)
{
	sqlite3_stmt	*s;
	struct {
		char	*p;
		size_t	 n;
	}		 b = { xstrdup(""), 0 };
	size_t		 wlen = strlen(w->word), nterms = 0, len, j;
	size_t		 most = w->st->search_prefixed > 0 ?
			    w->st->search_prefixed : SEARCH_MAX_PREFIXED;
	const char	*term;
	int		 rc;

	*out = NULL;
	if ((s = store_stmt(w->st, search_sql_prefixed, cause)) == NULL) {
		free(b.p);
		return -1;
	}
	sqlite3_bind_text(s, 1, w->word, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		term = (const char *)sqlite3_column_text(s, 0);
		len = (size_t)sqlite3_column_bytes(s, 0);
		if (term == NULL || len <= wlen ||
		    memcmp(term, w->word, wlen) != 0)
			continue;
		if (++nterms > most ||
		    sqlite3_column_int64(s, 1) > (long long)few) {
			sqlite3_reset(s);
			free(b.p);
			return 0;
		}
		/* Room for " OR ", the quotes, every quote doubled. */
		b.p = xreallocarray(b.p, b.n + 4 + 2 + 2 * len + 1, 1);
		if (b.n > 0) {
			memcpy(b.p + b.n, " OR ", 4);
			b.n += 4;
		}
		b.p[b.n++] = '"';
		for (j = 0; j < len; j++) {
			if (term[j] == '"')
				b.p[b.n++] = '"';
			b.p[b.n++] = term[j];
		}
		b.p[b.n++] = '"';
		b.p[b.n] = '\0';
	}
	if (store_read_end(w->st, s, rc, "検索", cause) != 0) {
		free(b.p);
		return -1;
	}
	*out = b.p;
	return 0;
}

/*
 * Asks the index which nodes hold the word, before the walk: the nodes
 * noted in search_stale (their folded text is not made yet) are named
 * too. When the index names at most SEARCH_FEW, they are placed in
 * their plans' order here; else the walk asks it a window at a time,
 * or, for a word shorter than three characters, reads the texts.
 */
static int
search_index_open(struct search_walk *w, char **cause)
{
	sqlite3_stmt	*s;
	size_t		 i, n, few;
	int		 rc, short_word;

	few = w->st->search_few > 0 ? w->st->search_few : SEARCH_FEW;
	short_word = search_word_chars(w->word) < 3;
	if (!short_word)
		w->match = search_match_query(w->word);
	else if (search_prefix_query(w, few, &w->match, cause) != 0)
		return -1;
	else if (w->match == NULL) {
		/* (A common word: the texts are read.) */
		w->mode = SEARCH_BY_TEXT;
		return 0;
	}
	if ((s = store_stmt(w->st, search_sql_stale, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		w->stale = xreallocarray(w->stale, w->nstale + 1,
		    sizeof *w->stale);
		w->stale[w->nstale++] = sqlite3_column_int64(s, 0);
	}
	if (store_read_end(w->st, s, rc, "検索", cause) != 0)
		return -1;
	if (w->nstale > 0)
		qsort(w->stale, w->nstale, sizeof *w->stale, search_id_cmp);

	/* (No trigram begins with the word: only the stale may hold it.) */
	if (*w->match != '\0') {
		if ((s = store_stmt(w->st, search_sql_index, cause)) == NULL)
			return -1;
		sqlite3_bind_text(s, 1, w->match, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, (long long)few + 1);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			w->cand = xreallocarray(w->cand, w->ncand + 1,
			    sizeof *w->cand);
			w->cand[w->ncand++].id = sqlite3_column_int64(s, 0);
		}
		if (store_read_end(w->st, s, rc, "検索", cause) != 0)
			return -1;
	}
	if (w->ncand > few && short_word) {
		/* A short word on many nodes: its next hit is near, and
		 * asking the index a window at a time for any of its
		 * trigrams costs more than reading the texts up to it. */
		w->mode = SEARCH_BY_TEXT;
		w->ncand = 0;
		return 0;
	}
	if (w->ncand > few) {
		w->dense = 1;
		return 0;
	}
	for (i = 0; i < w->nstale; i++) {
		w->cand = xreallocarray(w->cand, w->ncand + 1,
		    sizeof *w->cand);
		w->cand[w->ncand++].id = w->stale[i];
	}
	/* Each node once, then where it stands (a node gone is left out). */
	if (w->ncand > 0)
		qsort(w->cand, w->ncand, sizeof *w->cand, search_cand_id_cmp);
	for (i = n = 0; i < w->ncand; i++) {
		if (n > 0 && w->cand[n - 1].id == w->cand[i].id)
			continue;
		if ((s = store_stmt(w->st, search_sql_place, cause)) == NULL)
			return -1;
		sqlite3_bind_int64(s, 1, w->cand[i].id);
		if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			w->cand[n].id = w->cand[i].id;
			w->cand[n].plan_id = sqlite3_column_int64(s, 0);
			w->cand[n++].ord = sqlite3_column_int64(s, 1);
			rc = SQLITE_DONE;
		}
		if (store_read_end(w->st, s, rc, "検索", cause) != 0)
			return -1;
	}
	w->ncand = n;
	if (w->ncand > 0)
		qsort(w->cand, w->ncand, sizeof *w->cand, search_cand_cmp);
	return 0;
}

int
store_search(struct store *st, const struct search_query *q,
    const struct search_pos *from, int dir, size_t max_nodes,
    struct search_page *out, char **cause)
{
	struct search_walk	 w;
	char			*word;
	size_t			 nchars;
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
	nchars = search_word_chars(word);
	w.mode = st->search_scan ? SEARCH_BY_SCAN : nchars >= 3 ||
	    (nchars > 0 && st->search_vocab) ? SEARCH_BY_INDEX :
	    SEARCH_BY_TEXT;
	/* One read snapshot: a page never mixes two states of the file. */
	began = store_snapshot_begin(st);
	rc = w.mode == SEARCH_BY_INDEX ? search_index_open(&w, cause) : 0;
	if (rc == 0)
		rc = search_walk(&w, cause);
	store_snapshot_end(st, began);
	while (w.nhits > 0)
		search_hit_clear(&w.hits[--w.nhits]);
	free(w.hits);
	free(w.match);
	free(w.cand);
	free(w.stale);
	free(word);
	if (rc != 0)
		search_page_free(out);
	return rc;
}

/*
 * A node's searched texts, folded, one per line (db/migrate-13.sql),
 * and two line breaks at the end, so that every character of the texts
 * begins a trigram (db/migrate-15.sql): the rows of search_text.
 * Folding the whole is folding each part, as textfold.h folds one
 * character to one character.
 */
#define SEARCH_DOC							\
    "SELECT n.id, shisaku_fold(n.code || ' ' || n.title"		\
    " || char(10) || n.summary || char(10) || n.means || char(10) || n.note" \
    " || coalesce((SELECT char(10) || group_concat(y.text, char(10))"	\
    "  FROM year_plan y WHERE y.node_id = n.id), '')"			\
    " || coalesce((SELECT char(10) || group_concat(r.text || char(10)"	\
    "  || r.comment, char(10)) FROM result r WHERE r.node_id = n.id), '')" \
    " || coalesce((SELECT char(10) || group_concat(i.name || char(10)"	\
    "  || i.rationale || char(10) || i.note, char(10)) FROM indicator i"	\
    "  WHERE i.node_id = n.id), '') || char(10) || char(10)) FROM node n"

static const char search_sql_has_index[] =
    "SELECT 1 FROM sqlite_master WHERE type = 'table'"
    " AND name = 'search_stale'";
static const char search_sql_mark[] =
    "SELECT coalesce(max(seq), 0) FROM search_stale";
static const char search_sql_any_stale[] =
    "SELECT EXISTS (SELECT 1 FROM search_stale WHERE seq > ?1)";
static const char search_sql_refresh_del[] =
    "DELETE FROM search_text WHERE rowid IN"
    " (SELECT node_id FROM search_stale WHERE seq > ?1)";
static const char search_sql_refresh_ins[] =
    "INSERT INTO search_text (rowid, body) " SEARCH_DOC
    " WHERE n.id IN (SELECT node_id FROM search_stale WHERE seq > ?1)";
static const char search_sql_refresh_clear[] =
    "DELETE FROM search_stale WHERE node_id IN"
    " (SELECT node_id FROM search_stale WHERE seq > ?1)";

/* Runs one statement of the index's upkeep to its end (binding text as
 * ?1 when not NULL, else id). SQLITE_DONE or the error. */
static int
search_upkeep(struct store *st, const char *sql, long long id,
    const char *text)
{
	sqlite3_stmt	*s;
	char		*cause = NULL;
	int		 rc;

	if ((s = store_stmt(st, sql, &cause)) == NULL) {
		free(cause);
		return SQLITE_ERROR;
	}
	if (text != NULL)
		sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	else if (sqlite3_bind_parameter_count(s) > 0)
		sqlite3_bind_int64(s, 1, id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		;
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return rc;
}

/* Folds again what id names: its rows of the index out (del), folded
 * anew in (ins), and its notes gone (clear). 0, or -1 with the
 * connection's error. */
static int
search_refold(struct store *st, const char *del, const char *ins,
    const char *clear, long long id)
{
	return search_upkeep(st, del, id, NULL) == SQLITE_DONE &&
	    search_upkeep(st, ins, id, NULL) == SQLITE_DONE &&
	    search_upkeep(st, clear, id, NULL) == SQLITE_DONE ? 0 : -1;
}

/* Whether the file has the index (cached once it has). Returns 1, 0,
 * or -1 on an error. */
static int
search_has_index(struct store *st)
{
	sqlite3_stmt	*s;
	char		*cause = NULL;
	int		 rc;

	if (st->search_index)
		return 1;
	if ((s = store_stmt(st, search_sql_has_index, &cause)) == NULL) {
		free(cause);
		return -1;
	}
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		st->search_index = 1;
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

void
search_index_mark(struct store *st)
{
	sqlite3_stmt	*s;
	char		*cause = NULL;

	st->search_mark = 0;
	if (search_has_index(st) != 1)
		return;
	if ((s = store_stmt(st, search_sql_mark, &cause)) == NULL) {
		free(cause);
		return;
	}
	if (sqlite3_step(s) == SQLITE_ROW)
		st->search_mark = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
}

int
search_index_refresh(struct store *st)
{
	sqlite3_stmt	*s;
	char		*cause = NULL;
	int		 rc, any = 0;

	if ((rc = search_has_index(st)) != 1)
		return rc;
	if ((s = store_stmt(st, search_sql_any_stale, &cause)) == NULL) {
		free(cause);
		return -1;
	}
	sqlite3_bind_int64(s, 1, st->search_mark);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		any = sqlite3_column_int(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW)
		return -1;
	if (!any)
		return 0;
	if (search_register(st, &cause) != 0) {
		free(cause);
		return -1;
	}
	return search_refold(st, search_sql_refresh_del, search_sql_refresh_ins,
	    search_sql_refresh_clear, st->search_mark);
}

static const char search_sql_forget_plan[] =
    "DELETE FROM search_text WHERE rowid IN (SELECT n.id FROM node n"
    " JOIN plan p ON p.id = n.plan_id WHERE p.code = ?1)";
static const char search_sql_fill_del[] =
    "DELETE FROM search_text WHERE rowid IN"
    " (SELECT id FROM node WHERE plan_id = ?1)";
static const char search_sql_fill_ins[] =
    "INSERT INTO search_text (rowid, body) " SEARCH_DOC
    " WHERE n.plan_id = ?1";
static const char search_sql_fill_clear[] =
    "DELETE FROM search_stale WHERE node_id IN"
    " (SELECT id FROM node WHERE plan_id = ?1)";

int
search_index_forget_plan(struct store *st, const char *code, char **cause)
{
	if (search_upkeep(st, search_sql_forget_plan, 0, code) !=
	    SQLITE_DONE) {
		*cause = store_errmsg(st, "検索の索引の更新");
		return -1;
	}
	return 0;
}

int
search_index_fill_plan(struct store *st, long long plan_id, char **cause)
{
	if (search_register(st, cause) != 0)
		return -1;
	if (search_refold(st, search_sql_fill_del, search_sql_fill_ins,
	    search_sql_fill_clear, plan_id) != 0) {
		*cause = store_errmsg(st, "検索の索引の作成");
		return -1;
	}
	return 0;
}

/*
 * FTS5 merges the index's segments as it writes them (automerge, 4 by
 * default): a load that writes every node of a plan merges what it
 * wrote a moment before, again and again. Turned off for the load, the
 * segments are merged only when a level grows past crisismerge (16), a
 * quarter less work for 200,000 items and no slower a search; turned on
 * again in the same transaction, so no other connection ever sees it off.
 */
static const char search_sql_merge_off[] =
    "INSERT INTO search_text (search_text, rank) VALUES ('automerge', 0)";
static const char search_sql_merge_on[] =
    "INSERT INTO search_text (search_text, rank) VALUES ('automerge', 4)";

int
search_index_bulk(struct store *st, int on, char **cause)
{
	if (search_upkeep(st, on ? search_sql_merge_off : search_sql_merge_on,
	    0, NULL) != SQLITE_DONE) {
		*cause = store_errmsg(st, "検索の索引の設定");
		return -1;
	}
	return 0;
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
