/*
 * Display functions shared by the item sheet, the roadmap and the indicator
 * list (implemented in screen-sheet.c): symbols that honour the ASCII
 * setting, values as printed with their unit, achievement rates, trend
 * bars in the configured glyphs, and opening the entry form and the
 * history from any of them.
 */
#ifndef SHISAKU_SCREEN_SHEET_H
#define SHISAKU_SCREEN_SHEET_H

#include <stddef.h>

#include "shisaku/achieve.h"
#include "shisaku/store-sheet.h"
#include "shisaku/trend.h"
#include "shisaku/value.h"

struct ui;
struct sheet_flag;
struct sheet_fyvalue;

/* A plan's flag symbol (★ ◆ …) as drawn: itself, or an ASCII stand-in
 * (* + o #) when [display] ascii_symbols is set. "" stays "". */
const char *screen_sheet_symbol(struct ui *ui, const char *symbol);

/* The mark of a flag in narrow columns: its symbol, or the first
 * character of its label when the plan prints no symbol (重 for 重点事業).
 * Written into buf (at least 8 bytes). */
const char *screen_sheet_flag_mark(struct ui *ui, const struct sheet_flag *f,
    char *buf, size_t size);

/* The cost trend as one symbol: = ↑ ↓ ? (ASCII = ^ v ?); "" for none. */
const char *screen_sheet_trend_symbol(struct ui *ui, const char *trend);


/* The direction key of the store ("up" …, NULL) as achieve.h's enum. */
enum achieve_dir screen_sheet_dir(const char *direction);

/* A rate as "98.5%" into buf (at least 16 bytes); "" when rate < 0. */
char *screen_sheet_rate(double rate, char *buf, size_t size);

/* The glyphs of trend bars: blocks when [display] bars = blocks and the
 * terminal draws ambiguous characters one column wide, else ASCII. */
enum trend_style screen_sheet_trend_style(struct ui *ui);

/* The trend bar (malloc'd) of an indicator's values over the plan's
 * years (plan_first/plan_last, 0 = not given), and its cells (room for
 * TREND_MAX_CELLS) with their number in *ncells. */
char *screen_sheet_trend(struct ui *ui, const char *direction, int cumulative,
    const struct value *base, int base_fy, const struct value *final,
    int final_fy, const struct sheet_fyvalue *targets, size_t ntargets,
    const struct sheet_fyvalue *actuals, size_t nactuals, int plan_first,
    int plan_last, struct trend_cell *cells, size_t *ncells);

/* Opens the results entry of an item for fiscal year fy (a heading
 * says why not), and the change history of a node or of one indicator
 * (indicator_id 0 = the node's) in fiscal year fy (0 = every year). */
void screen_sheet_edit(struct ui *ui, long long node_id, int is_item, int fy);

/* E on a node of any screen, as on its sheet: an item's results form (or
 * a list of it and its indicators reported on their own), a policy's
 * indicator's actual (a list when it has several), in the chosen year. */
void screen_sheet_enter(struct ui *ui, long long node_id);

/* Asks for one of the plan's departments (or all) and sets the filter:
 * *dept_id (0 = all), *dept_name, and the ids read reads of it for the
 * chosen year (store_plan_dept_nodes, say; read NULL: none are read, ids
 * and nids are not used, and the caller reads what it needs). Returns 1
 * when the filter changed (the caller rebuilds). */
int screen_sheet_pick_dept(struct ui *ui, long long plan_id,
    store_dept_ids_fn read, long long *dept_id, char **dept_name,
    long long **ids, size_t *nids);
void screen_sheet_history(struct ui *ui, long long node_id,
    long long indicator_id, int fy);

#endif
