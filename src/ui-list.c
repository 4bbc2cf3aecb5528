/*
 * The virtual list (see ui-list.h): keeps a cursor and the first visible
 * row over rows it never holds, asks the owner to draw only the rows on
 * screen, and searches through the owner's row texts with / n N,
 * wrapping around at either end.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/textwidth.h"
#include "shisaku/ui-list.h"
#include "shisaku/util.h"

void
ui_list_init(struct ui_list *l, long nrows, void *owner)
{
	memset(l, 0, sizeof *l);
	l->nrows = nrows > 0 ? nrows : 0;
	l->owner = owner;
	l->height = 1;
	l->width = 1;
}

void
ui_list_free(struct ui_list *l)
{
	free(l->search);
	l->search = NULL;
}

/* Keeps the cursor on a row and in view, and the view as full as the
 * rows allow. */
static void
ui_list_clamp(struct ui_list *l)
{
	long	h = l->height > 0 ? l->height : 1;

	if (l->cursor >= l->nrows)
		l->cursor = l->nrows - 1;
	if (l->cursor < 0)
		l->cursor = 0;
	if (l->top > l->cursor)
		l->top = l->cursor;
	if (l->cursor >= l->top + h)
		l->top = l->cursor - h + 1;
	if (l->top > l->nrows - h)
		l->top = l->nrows - h;
	if (l->top < 0)
		l->top = 0;
}

void
ui_list_place(struct ui_list *l, int y, int x, int height, int width)
{
	l->y = y;
	l->x = x;
	l->height = height > 0 ? height : 0;
	l->width = width > 0 ? width : 0;
	ui_list_clamp(l);
}

void
ui_list_set_rows(struct ui_list *l, long nrows)
{
	l->nrows = nrows > 0 ? nrows : 0;
	ui_list_clamp(l);
}

void
ui_list_draw(struct ui *ui, struct ui_list *l)
{
	WINDOW	*w = ui_body(ui);
	long	 row;
	int	 i;

	ui_list_clamp(l);
	for (i = 0; i < l->height; i++) {
		row = l->top + i;
		if (row < l->nrows && l->draw_row != NULL)
			l->draw_row(ui, l->owner, row, l->y + i, l->x,
			    l->width, row == l->cursor);
		else
			ui_put(w, l->y + i, l->x, "", l->width, 1, A_NORMAL);
	}
}

/*
 * Moves the cursor to the next row (dir 1) or previous row (dir -1)
 * whose text contains the search, starting after the cursor and going
 * round; the cursor's own row is tried last. Says so when it wrapped or
 * found nothing.
 */
static void
ui_list_find(struct ui *ui, struct ui_list *l, int dir)
{
	long	k, row;
	char	*text;
	int	 hit;

	l->missed = 1;
	if (l->search == NULL || l->search[0] == '\0') {
		ui_message(ui, "検索する文字列がありません（%s で検索）",
		    keys_action_keys(ACT_SEARCH));
		return;
	}
	if (l->row_text == NULL || l->nrows == 0) {
		ui_message(ui, "見つかりません: %s", l->search);
		return;
	}
	for (k = 1; k <= l->nrows; k++) {
		row = ((l->cursor + dir * k) % l->nrows + l->nrows) % l->nrows;
		text = l->row_text(l->owner, row);
		hit = text != NULL && tw_contains(text, l->search);
		free(text);
		if (!hit)
			continue;
		if (dir > 0 && row <= l->cursor)
			ui_message(ui, "末尾まで検索したので先頭から続けました: %s",
			    l->search);
		else if (dir < 0 && row >= l->cursor)
			ui_message(ui, "先頭まで検索したので末尾から続けました: %s",
			    l->search);
		l->cursor = row;
		ui_list_clamp(l);
		l->missed = 0;
		return;
	}
	ui_message(ui, "見つかりません: %s", l->search);
}

/* Asks for a search; an empty answer repeats the last one. Returns 1 if
 * there is something to search for. */
int
ui_list_ask_search(struct ui *ui, char **search)
{
	char	*answer = NULL;

	if (!ui_prompt(ui, "検索: ", NULL, &answer))
		return 0;
	if (answer[0] == '\0') {
		free(answer);
		return *search != NULL && (*search)[0] != '\0';
	}
	free(*search);
	*search = answer;
	return 1;
}

int
ui_list_key(struct ui *ui, struct ui_list *l, enum key_action act)
{
	long	h = l->height > 0 ? l->height : 1;

	switch (act) {
	case ACT_UP:
		if (l->cursor > 0)
			l->cursor--;
		break;
	case ACT_DOWN:
		if (l->cursor < l->nrows - 1)
			l->cursor++;
		break;
	case ACT_PAGE_UP:
		l->cursor -= h;
		l->top -= h;
		if (l->top < 0)
			l->top = 0;
		break;
	case ACT_PAGE_DOWN:
		if (l->top + h < l->nrows) {
			l->cursor += h;
			l->top += h;
		} else
			l->cursor = l->nrows - 1;
		break;
	case ACT_TOP:
		l->cursor = 0;
		break;
	case ACT_BOTTOM:
		l->cursor = l->nrows - 1;
		break;
	case ACT_SEARCH:
		if (ui_list_ask_search(ui, &l->search))
			ui_list_find(ui, l, 1);
		break;
	case ACT_SEARCH_NEXT:
		ui_list_find(ui, l, 1);
		break;
	case ACT_SEARCH_PREV:
		ui_list_find(ui, l, -1);
		break;
	default:
		return 0;
	}
	ui_list_clamp(l);
	return 1;
}
