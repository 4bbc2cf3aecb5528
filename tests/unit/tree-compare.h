/*
 * What the tests of the tree read as shown share (test-node-figures.c,
 * test-tree-year.c, test-tree-status.c, test-store-browse.c): whether two
 * trees' nodes are alike in what the screen shows of them, and every node
 * read as if it were shown. Included after the store's headers.
 */
#ifndef SHISAKU_TEST_TREE_COMPARE_H
#define SHISAKU_TEST_TREE_COMPARE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/store-browse.h"

/* Node x of tree a and node y of tree b: the same node with the same
 * texts, flags, departments, result, counts and figures. */
static inline int
same_node(const struct browse_tree *a, const struct browse_node *x,
    const struct browse_tree *b, const struct browse_node *y)
{
	const struct progress_summary *sx = browse_node_summary(a, x);
	const struct progress_summary *sy = browse_node_summary(b, y);
	size_t	k;

	if (x->id != y->id || x->depth != y->depth ||
	    x->is_item != y->is_item || x->in_year != y->in_year ||
	    x->planned != y->planned || x->state != y->state ||
	    x->status != y->status || x->flags != y->flags ||
	    x->nassigns != y->nassigns ||
	    /* (A tree read for a filter reads only what it can show.) */
	    (!a->filtered && x->has_children != y->has_children) ||
	    x->items != y->items || x->entered != y->entered ||
	    x->submitted != y->submitted || x->confirmed != y->confirmed ||
	    x->behind != y->behind || (sx == NULL) != (sy == NULL) ||
	    strcmp(x->title, y->title) != 0 ||
	    (x->grade == NULL) != (y->grade == NULL) ||
	    (x->grade != NULL && strcmp(x->grade, y->grade) != 0))
		return 0;
	for (k = 0; k < x->nassigns; k++)
		if (a->depts[x->assigns[k].dept].id !=
		    b->depts[y->assigns[k].dept].id ||
		    x->assigns[k].is_main != y->assigns[k].is_main)
			return 0;
	return sx == NULL || memcmp(sx, sy, sizeof *sx) == 0;
}

/* Reads every node a change of year left stale (as the screen reads
 * those it draws). Returns 0, or -1 (said). */
static inline int
fresh_all(struct store *st, struct browse_tree *t)
{
	long	*idx = calloc(t->nnodes + 1, sizeof *idx);
	char	*cause = NULL;
	size_t	 i;
	int	 rc;

	if (idx == NULL)
		return -1;
	for (i = 0; i < t->nnodes; i++)
		idx[i] = (long)i;
	if ((rc = browse_tree_fresh(st, t, idx, t->nnodes, &cause)) != 0) {
		fprintf(stderr, "fresh: %s\n", cause);
		free(cause);
	}
	free(idx);
	return rc;
}

#endif
