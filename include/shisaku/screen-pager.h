/*
 * The pager: a document of pager.h shown whole, for reading and
 * searching, to anyone who may browse. What other screens call to open
 * it on the node or the plan under their cursor.
 */
#ifndef SHISAKU_SCREEN_PAGER_H
#define SHISAKU_SCREEN_PAGER_H

#include "shisaku/pager.h"
#include "shisaku/ui.h"

/* Opens the pager on doc, which it takes over (freed on close, also when
 * it cannot open). */
void screen_pager_open(struct ui *ui, struct pager_doc *doc);

/* The full text of a node (fulltext_node) as of fiscal year fy (its
 * departments, its result). */
void screen_pager_node(struct ui *ui, long long node_id, int fy);

/* The full text of a plan (fulltext_plan). */
void screen_pager_plan(struct ui *ui, long long plan_id);

extern const struct screen_ops screen_pager_ops;	/* arg: struct pager_doc * */

#endif
