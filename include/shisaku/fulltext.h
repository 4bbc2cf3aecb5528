/*
 * The full text of a node or a plan as a pager document (pager.h): every
 * long text the model keeps, whole, under the headings the sheet uses,
 * for anyone who may browse. Built from what the store read (struct
 * sheet, struct browse_plan); no curses, no SQL.
 */
#ifndef SHISAKU_FULLTEXT_H
#define SHISAKU_FULLTEXT_H

#include "shisaku/fy.h"
#include "shisaku/pager.h"

struct browse_plan;
struct config;
struct sheet;

/*
 * A node's text into d (initialised here; the caller frees it), titled
 * with its level, code and title: where it
 * sits in the plan, its period, departments and flags, 概要・方向性,
 * 手段, 備考, every yearly plan, each indicator's 考え方 and 備考, the
 * result of the sheet's year (取組実績, 課題・今後の方向性, the reason
 * for a return) and the nodes below it. Years are written in style; c
 * (may be NULL) names the grades.
 */
void fulltext_node(struct pager_doc *d, const struct sheet *s,
    enum fy_style style, const struct config *c);

/* A plan's text into d (initialised here), titled with its name: its
 * code, period, organisation and whole description. */
void fulltext_plan(struct pager_doc *d, const struct browse_plan *p,
    enum fy_style style);

#endif
