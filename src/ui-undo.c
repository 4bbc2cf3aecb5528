/*
 * Undo for the forms (see ui-undo.h): a stack of earlier field values.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/ui-undo.h"
#include "shisaku/util.h"

/* More steps than anyone takes back; the oldest go first. */
#define UI_UNDO_MAX 500

void
ui_undo_init(struct ui_undo *u)
{
	memset(u, 0, sizeof *u);
	u->open = -1;
}

void
ui_undo_clear(struct ui_undo *u)
{
	size_t	i;

	for (i = 0; i < u->n; i++)
		free(u->steps[i].value);
	u->n = 0;
	u->open = -1;
}

void
ui_undo_free(struct ui_undo *u)
{
	ui_undo_clear(u);
	free(u->steps);
	u->steps = NULL;
}

void
ui_undo_note(struct ui_undo *u, int field, const char *before)
{
	if (u->open == field && u->n > 0 && u->steps[u->n - 1].field == field)
		return;
	if (u->n == UI_UNDO_MAX) {
		free(u->steps[0].value);
		memmove(u->steps, u->steps + 1, (u->n - 1) * sizeof *u->steps);
		u->n--;
	}
	u->steps = xreallocarray(u->steps, u->n + 1, sizeof *u->steps);
	u->steps[u->n].field = field;
	u->steps[u->n].value = xstrdup(before != NULL ? before : "");
	u->n++;
	u->open = field;
}

void
ui_undo_close(struct ui_undo *u)
{
	u->open = -1;
}

int
ui_undo_pop(struct ui_undo *u, int *field, char **value)
{
	if (u->n == 0)
		return 0;
	u->n--;
	*field = u->steps[u->n].field;
	*value = u->steps[u->n].value;
	u->open = -1;
	return 1;
}
