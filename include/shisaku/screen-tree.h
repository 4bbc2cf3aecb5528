/*
 * Going into a plan's tree from elsewhere (search results, the command
 * line): at a node, with the way to it opened (implemented in
 * screen-tree.c).
 */
#ifndef SHISAKU_SCREEN_TREE_H
#define SHISAKU_SCREEN_TREE_H

struct search_hit;
struct ui;
struct screen_ops;

/*
 * Shows node node_id (0: none, the tree as it opens) in the tree of plan
 * plan_id: the top screen when it is that tree, else a new tree pushed.
 * The nodes above it are opened; a filter that hides it is cleared, and
 * the message says so. hit and word (may be NULL) are the search the node
 * was found by: n and N go on from it. Returns 0, or -1 when the tree or
 * the node cannot be shown (the message says why).
 */
int screen_tree_show(struct ui *ui, long long plan_id, long long node_id,
    const char *word, const struct search_hit *hit);

/* The plan of a tree screen's state, 0 when ops is another screen's. */
long long screen_tree_plan(const struct screen_ops *ops, void *state);

#endif
