/*
 * Searching the texts of plans for a word, a page at a time, and finding
 * nodes and plans by the code a user types. No curses.
 *
 * What is searched, each a field of its own that a hit names:
 *   - a plan's code, name and organisation (計画名), and its description
 *     (計画の説明): only when searching every plan;
 *   - of every node (every level, not only action items): its code and
 *     title as the tree shows them, "CODE TITLE" (番号 when the word is in
 *     the code, 名称 otherwise), 概要・方向性 (the SUMMARY column, which
 *     also holds 現状と課題 or 基本方針 text), 手段, 備考;
 *   - each yearly plan's text (年次計画, with its years), each year's
 *     result text (実績, 取組実績) and its comment (課題・方向性), with the
 *     year;
 *   - each indicator's name (指標), its rationale (指標の考え方) and its
 *     note (指標の備考): those of a node among the node's hits, those of
 *     the plan itself among the plan's own (so only when searching every
 *     plan).
 * The word matches a substring of the stored UTF-8 text compared through
 * textfold.h's folded form: full-width and half-width letters, digits
 * and signs match each other, ASCII letters of either case, U+3000 a
 * blank; kana and kanji are compared as they are. Nothing the user types
 * is a pattern: % and _ are the characters themselves (the comparison is
 * an SQL function of our own, not LIKE, whose case folding is ASCII
 * only and knows nothing of full-width forms).
 *
 * Order: the plans' own hits first (plans in their order), then the
 * nodes' plan by plan, each plan's nodes in the plan's order (the order
 * of the plan file, ord), and in a node its hits by field as listed
 * above, then year. A search reads at
 * most max_nodes nodes that have a hit and stops there: the caller asks
 * for the next page from the last hit it holds, in either direction.
 */
#ifndef SHISAKU_STORE_SEARCH_H
#define SHISAKU_STORE_SEARCH_H

#include <stddef.h>

struct store;

enum search_field {
	SEARCH_PLAN_NAME,	/* 計画名: a plan's code, name, organisation */
	SEARCH_PLAN_DESC,	/* 計画の説明 */
	SEARCH_CODE,		/* 番号 */
	SEARCH_TITLE,		/* 名称 (or code and title together) */
	SEARCH_SUMMARY,		/* 概要・方向性 */
	SEARCH_MEANS,		/* 手段 */
	SEARCH_NOTE,		/* 備考 */
	SEARCH_YEARPLAN,	/* 年次計画 of fy..to_fy */
	SEARCH_RESULT,		/* 実績 of fy */
	SEARCH_COMMENT,		/* 課題・方向性 of fy */
	SEARCH_IND_NAME,	/* 指標: an indicator's name */
	SEARCH_IND_RATIONALE,	/* 指標の考え方 */
	SEARCH_IND_NOTE,	/* 指標の備考 */
	SEARCH_FIELD_COUNT
};

/* The field's name as a hit shows it ("手段"). */
const char *search_field_label(enum search_field f);

/*
 * Where a hit stands in the order above. The ords are the store's and
 * are filled in by it; a caller only keeps positions it was given, or
 * makes one with store_search_pos_at.
 */
struct search_pos {
	long long	 plan_id;
	long long	 plan_ord;
	long long	 node_id;	/* 0: the plan's own hits */
	long long	 node_ord;
	int		 field;		/* enum search_field; -1 before the
					   first of the node or plan,
					   SEARCH_FIELD_COUNT after the last */
	int		 fy;		/* of a yearly plan or result, else 0 */
	long long	 row;		/* its row id (an indicator's), else 0 */
};

/* Orders two positions (-1, 0, 1). */
int search_pos_cmp(const struct search_pos *a, const struct search_pos *b);

struct search_hit {
	struct search_pos pos;
	enum search_field field;
	char		*plan_code;
	char		*plan_name;
	char		*code;		/* the node's; "" for a plan's own hit */
	char		*title;		/* the node's; the plan's name */
	int		 depth;		/* the node's level, 0 for the plan */
	int		 fy, to_fy;	/* years of a yearly plan or result */
	char		*text;		/* the field that matched, in full */
	long long	 indicator_id;	/* an indicator's hit: which, else 0 */
};

struct search_query {
	const char	*text;		/* the word, as typed (not empty) */
	long long	 plan_id;	/* 0: every plan */
	int		 with_plans;	/* also the plans' own fields */
};

struct search_page {
	struct search_hit *hits;
	size_t		 n;
	int		 more;		/* stopped at max_nodes: there may be
					   more past the last hit */
};

/*
 * The hits after from (dir 1) or before it (dir -1) in the order above,
 * nearest first; from NULL starts at the first hit (dir 1) or the last
 * (dir -1). Reads hits of at most max_nodes nodes (a plan's own hits
 * count as one). Returns 0 with *out (free with search_page_free), or -1
 * with *cause.
 */
int store_search(struct store *st, const struct search_query *q,
    const struct search_pos *from, int dir, size_t max_nodes,
    struct search_page *out, char **cause);
void search_page_free(struct search_page *p);

/*
 * The position of node node_id with field: -1 is before its first hit,
 * SEARCH_FIELD_COUNT after its last. Returns 0, or -1 with *cause when
 * there is no such node.
 */
int store_search_pos_at(struct store *st, long long node_id, int field,
    struct search_pos *pos, char **cause);

/*
 * The nodes of a plan whose code is the one typed, in the plan's order:
 * first those whose code is text (folded), else those whose key (the
 * plan file's KEY) is, else those whose code is by tf_code_key ("19" for
 * No.19). At most max ids. Returns 0 with *ids (malloc'd, NULL when none)
 * and *n, or -1 with *cause.
 */
int store_search_code(struct store *st, long long plan_id, const char *text,
    size_t max, long long **ids, size_t *n, char **cause);

/* Every plan's code, in the plans' order (for completion). Returns 0 with
 * *codes (each and the array malloc'd) and *n, or -1 with *cause. */
int store_search_plan_codes(struct store *st, char ***codes, size_t *n,
    char **cause);

/* The plan whose code is text (folded), else the one plan whose code
 * begins with it. Sets *plan_id (0 when none or several), *several.
 * Returns 0, or -1 with *cause. */
int store_search_plan(struct store *st, const char *text, long long *plan_id,
    int *several, char **cause);

#endif
