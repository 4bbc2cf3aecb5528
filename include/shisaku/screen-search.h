/*
 * The search results screen (/ on the plan list, :search anywhere): every
 * hit of a word in every plan or in one, with the plan, the node's code
 * and title, the field that matched (「手段」「年次計画 R7」「実績 R7」)
 * and the text around the match; read a page at a time as the cursor
 * goes down. Enter goes to the node in its plan's tree; Esc back.
 */
#ifndef SHISAKU_SCREEN_SEARCH_H
#define SHISAKU_SCREEN_SEARCH_H

#include "shisaku/store-search.h"

struct screen_ops;
struct ui;

extern const struct screen_ops screen_search_ops;

/* Searches word in plan plan_id (0: every plan, and the plans' own
 * names and descriptions) and shows the hits; with none, says so and
 * opens nothing. */
void screen_search_open(struct ui *ui, long long plan_id, const char *word);

/* The plan a search from the top screen covers: 0 (every plan) on the
 * plan list, my work and the departments, else the chosen plan. */
long long screen_search_scope(struct ui *ui);

/* How a hit's field is named: "手段", "年次計画 R4〜R5", "実績 R7"
 * (malloc'd; years in the current display style). */
char *screen_search_tag(struct ui *ui, enum search_field f, int fy, int to_fy);

#endif
