/*
 * A virtual list: draws only the visible rows and asks the owner for them
 * through a callback, so a list of 200,000 rows costs what 30 rows cost.
 * Handles cursor movement, paging, g/G and / search with n/N.
 */
#ifndef SHISAKU_UI_LIST_H
#define SHISAKU_UI_LIST_H

#include "shisaku/ui.h"

struct ui_list {
	long		 nrows;
	long		 cursor;
	long		 top;		/* first visible row */
	int		 y, x, height, width;	/* where in ui_body */
	/* Draws row `row` at screen line y, width cols; selected = cursor. */
	void		(*draw_row)(struct ui *ui, void *owner, long row, int y, int x,
			    int cols, int selected);
	/* Text searched by / for a row (malloc'd), or NULL. */
	char		*(*row_text)(void *owner, long row);
	void		*owner;
	char		*search;	/* last search, for n/N */
	int		 missed;	/* the last search found nothing */
};

void ui_list_init(struct ui_list *l, long nrows, void *owner);
void ui_list_free(struct ui_list *l);
void ui_list_place(struct ui_list *l, int y, int x, int height, int width);
void ui_list_set_rows(struct ui_list *l, long nrows);
void ui_list_draw(struct ui *ui, struct ui_list *l);
/* Moves for up/down/page/top/bottom/search actions; returns 1 if it used
 * the action. */
int ui_list_key(struct ui *ui, struct ui_list *l, enum key_action act);

/* Asks for a search string on the bottom line (an empty answer keeps the
 * last one); *search is replaced (malloc'd). Returns 1 if there is a
 * string to search for. For screens that search more than their rows. */
int ui_list_ask_search(struct ui *ui, char **search);

#endif
