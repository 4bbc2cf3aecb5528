/*
 * Private to the store files that read the indicator list's rows
 * (store-sheet.c) or keep its achievement rates (store-indfig.c): the
 * columns and joins of one row of the list for a fiscal year, so that
 * the rate kept is computed from the very row the list shows (the list
 * reads it in store-sheet.c, the kept rate's SQL function takes the same
 * columns in store-indfig.c). Never included above the store.
 */
#ifndef SHISAKU_STORE_SHEET_INTERNAL_H
#define SHISAKU_STORE_SHEET_INTERNAL_H

#include "shisaku/store-internal.h"
#include "shisaku/store-sheet.h"

/* A cumulative indicator's running total up to the year FY (and how many
 * numbers and texts it adds up), read for each such indicator from its
 * own actuals: no plan-wide grouping. */
#define IND_LIST_SUM(what, FY)						\
	"CASE WHEN i.cumulative = 1 THEN (SELECT " what			\
	" FROM indicator_actual x WHERE x.indicator_id = i.id"		\
	" AND x.fy <= " FY " AND x.fy > COALESCE(i.base_fy, 0)) END"

/* The columns of a row of indicator i in year FY (columns 0 to 24, as
 * store-sheet.c reads them); NODE the code and title of its
 * node n ("'', ''" where only the rate is wanted: a node's row is long);
 * RATIONALE and NOTE are the rationale and the year's note of the
 * actual, or NULL in what a screen reads (they are read with a row's
 * years: long texts that only the row under the cursor shows).
 * IND_LIST_JOINS(FY) joins what they read, IND_LIST_NODE the node. */
#define IND_LIST_NODE_COLS "COALESCE(n.code, ''), COALESCE(n.title, '')"
#define IND_LIST_NODE " LEFT JOIN node n ON n.id = i.node_id"
#define IND_LIST_COLS(NODE, RATIONALE, NOTE, FY)			\
	"SELECT i.id, i.node_id, " NODE ","				\
	" i.name, i.category, i.unit, i.direction, i.cumulative,"	\
	" i.base_num, i.base_txt, i.base_fy, i.final_num, i.final_txt,"	\
	" i.final_fy, " RATIONALE ","					\
	" t.num, t.txt, a.num, a.txt, " NOTE ","			\
	" " IND_LIST_SUM("total(x.num)", FY) ","			\
	" " IND_LIST_SUM("count(x.num)", FY) ","			\
	" " IND_LIST_SUM("sum(x.num IS NULL AND x.txt IS NOT NULL)", FY) ","	\
	" i.ord"
#define IND_LIST_JOINS(FY)						\
	" LEFT JOIN indicator_target t ON t.indicator_id = i.id AND t.fy = " FY	\
	" LEFT JOIN indicator_actual a ON a.indicator_id = i.id AND a.fy = " FY

#endif
