/*
 * The two versions of an entry side by side (see ui-conflict.h): the
 * fields are kept as given and laid out into lines for the window's
 * width when drawn, each field's name across the width (with which
 * version is chosen for it, and a > on the field being chosen), then
 * both texts wrapped in two columns.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/textwidth.h"
#include "shisaku/ui-conflict.h"
#include "shisaku/util.h"

/* A laid-out line: a field's name across the width, or a row of both. */
struct ui_conflict_line {
	int		 label;
	size_t		 field;		/* whose line it is */
	enum ui_attr	 attr;
	char		*left, *right;
};

void
ui_conflict_init(struct ui_conflict *c, const char *heading,
    const char *theirs_title)
{
	ui_conflict_free(c);
	c->heading = xstrdup(heading != NULL ? heading : "");
	c->theirs_title = xstrdup(theirs_title != NULL ? theirs_title : "");
}

void
ui_conflict_words(struct ui_conflict *c, const char *mine_title,
    const char *keys_line, const char *back_said)
{
	free(c->mine_title);
	free(c->keys_line);
	free(c->back_said);
	c->mine_title = xstrdup(mine_title);
	c->keys_line = xstrdup(keys_line);
	c->back_said = xstrdup(back_said);
}

void
ui_conflict_add(struct ui_conflict *c, const char *name, const char *mine,
    const char *theirs)
{
	struct ui_conflict_field	*f;

	c->fields = xreallocarray(c->fields, c->nfields + 1, sizeof *c->fields);
	f = &c->fields[c->nfields++];
	f->name = xstrdup(name != NULL ? name : "");
	f->mine = xstrdup(mine != NULL ? mine : "");
	f->theirs = xstrdup(theirs != NULL ? theirs : "");
	f->take_theirs = 0;
	c->cols = 0;
	/* The first field that differs is the one chosen first. */
	if (c->nfields > 1 && strcmp(c->fields[c->cur].mine,
	    c->fields[c->cur].theirs) == 0 && strcmp(f->mine, f->theirs) != 0)
		c->cur = c->nfields - 1;
}

static void
ui_conflict_lines_free(struct ui_conflict *c)
{
	size_t	i;

	for (i = 0; i < c->nlines; i++) {
		free(c->lines[i].left);
		free(c->lines[i].right);
	}
	free(c->lines);
	c->lines = NULL;
	c->nlines = 0;
}

void
ui_conflict_free(struct ui_conflict *c)
{
	size_t	i;

	ui_conflict_lines_free(c);
	for (i = 0; i < c->nfields; i++) {
		free(c->fields[i].name);
		free(c->fields[i].mine);
		free(c->fields[i].theirs);
	}
	free(c->fields);
	free(c->heading);
	free(c->theirs_title);
	free(c->mine_title);
	free(c->keys_line);
	free(c->back_said);
	memset(c, 0, sizeof *c);
}

void
ui_conflict_relayout(struct ui_conflict *c)
{
	c->cols = 0;
}

static void
ui_conflict_line_add(struct ui_conflict *c, int label, enum ui_attr attr,
    const char *left, size_t llen, const char *right, size_t rlen)
{
	struct ui_conflict_line	*l;

	c->lines = xreallocarray(c->lines, c->nlines + 1, sizeof *c->lines);
	l = &c->lines[c->nlines++];
	l->field = c->nfields_laid;
	l->label = label;
	l->attr = attr;
	l->left = left != NULL ? xstrndup(left, llen) : NULL;
	l->right = right != NULL ? xstrndup(right, rlen) : NULL;
}

/* One field of both versions: its name (marked when they differ), then
 * both texts wrapped side by side. */
static void
ui_conflict_pair(struct ui_conflict *c, const struct ui_conflict_field *f,
    int half)
{
	const char	*mine = f->mine, *theirs = f->theirs;
	size_t		 nl, nr, i, *ls, *ll, *rs, *rl;
	int		 differ = strcmp(mine, theirs) != 0;
	char		*label;

	label = xasprintf("%s%s", f->name, differ ? "  ※違いあり" : "");
	/* (The choice and the cursor are drawn over it.) */
	ui_conflict_line_add(c, 1, differ ? UI_MARK : UI_HEADER, label,
	    strlen(label), NULL, 0);
	free(label);
	if (*mine == '\0')
		mine = "—";
	if (*theirs == '\0')
		theirs = "—";
	nl = tw_wrap(mine, half, NULL, NULL, 0);
	nr = tw_wrap(theirs, half, NULL, NULL, 0);
	ls = xcalloc(nl + 1, sizeof *ls);
	ll = xcalloc(nl + 1, sizeof *ll);
	rs = xcalloc(nr + 1, sizeof *rs);
	rl = xcalloc(nr + 1, sizeof *rl);
	nl = tw_wrap(mine, half, ls, ll, nl);
	nr = tw_wrap(theirs, half, rs, rl, nr);
	for (i = 0; i < nl || i < nr; i++)
		ui_conflict_line_add(c, 0, UI_NORMAL, i < nl ? mine + ls[i] : "",
		    i < nl ? ll[i] : 0, i < nr ? theirs + rs[i] : "",
		    i < nr ? rl[i] : 0);
	free(ls);
	free(ll);
	free(rs);
	free(rl);
}

static void
ui_conflict_layout(struct ui_conflict *c, int cols)
{
	size_t	i;
	int	half = (cols - 3) / 2;

	ui_conflict_lines_free(c);
	c->cols = cols;
	if (half < 10)
		half = 10;
	for (i = 0; i < c->nfields; i++) {
		c->nfields_laid = i;
		ui_conflict_pair(c, &c->fields[i], half);
	}
}

void
ui_conflict_draw(struct ui *ui, struct ui_conflict *c, WINDOW *w)
{
	size_t	starts[2], lens[2], n, k;
	int	h, cols, half, y, top, body, by_field;
	long	i, max;

	getmaxyx(w, h, cols);
	if (c->cols != cols || c->lines == NULL)
		ui_conflict_layout(c, cols);
	half = (cols - 3) / 2;
	werase(w);
	/* The heading on one line, or two on a narrow terminal: after its
	 * first sentence when that fits, else wrapped by columns. */
	n = 0;
	if (tw_width(c->heading) > cols) {
		const char	*stop = strstr(c->heading, "。");
		char		*first = stop != NULL ? xstrndup(c->heading,
				    (size_t)(stop - c->heading) + strlen("。")) :
				    NULL;

		if (first != NULL && tw_width(first) <= cols &&
		    tw_width(c->heading + strlen(first)) <= cols) {
			starts[0] = 0;
			lens[0] = strlen(first);
			starts[1] = lens[0];
			lens[1] = strlen(c->heading) - lens[0];
			n = 2;
		} else
			n = tw_wrap(c->heading, cols, starts, lens, 2);
		free(first);
	}
	if (n < 2) {
		ui_put_cell(w, 0, 0, c->heading, cols, 1, ui_attr(ui, UI_ERROR));
		top = 1;
	} else {
		/* The second line is the rest, ending in '~' when it is
		 * longer than the line. */
		for (k = 0; k < 2; k++) {
			char *part = xstrndup(c->heading + starts[k],
			    k == 0 ? lens[k] : strlen(c->heading + starts[k]));

			ui_put_cell(w, (int)k, 0, part, cols, 1,
			    ui_attr(ui, UI_ERROR));
			free(part);
		}
		top = 2;
	}
	/* A conflict is chosen field by field too; a draft is not. */
	by_field = c->keys_line == NULL;
	c->head_rows = top + 2 + by_field;
	ui_put_keys(w, top, 0, c->keys_line != NULL ? c->keys_line :
	    "m: 自分の入力で上書き保存   t: 保存済みの版を取り込む"
	    "   Esc: 入力に戻る   j/k PgUp/PgDn: スクロール", cols, 0,
	    ui_attr(ui, UI_MARK));
	if (by_field)
		ui_put_keys(w, top + 1, 0, "欄ごとに: Tab 次の違い   ← あなたの入力   "
		    "→ 保存済みの版   Enter 選んだとおりに保存", cols, 0,
		    ui_attr(ui, UI_MARK));
	top += by_field;
	ui_put_cell(w, top + 1, 1, c->mine_title != NULL ? c->mine_title :
	    "あなたの入力", half, 0, ui_attr(ui, UI_HEADER));
	ui_put_cell(w, top + 1, half + 3, c->theirs_title, cols - half - 3, 0,
	    ui_attr(ui, UI_HEADER));
	top += 2;
	body = h - top;
	max = (long)c->nlines - body;
	if (c->top > max)
		c->top = max;
	if (c->top < 0)
		c->top = 0;
	for (y = 0; y < body; y++) {
		struct ui_conflict_line	*l;

		i = c->top + y;
		if (i >= (long)c->nlines)
			break;
		l = &c->lines[i];
		if (l->label) {
			const struct ui_conflict_field *f = &c->fields[l->field];
			int	x;

			x = ui_put(w, top + y, 0, by_field && l->field == c->cur ?
			    "> " : "  ", 2, 0, ui_attr(ui, UI_MARK));
			x += ui_put_cell(w, top + y, x, l->left, cols - x, 0,
			    ui_attr(ui, l->attr));
			if (by_field && strcmp(f->mine, f->theirs) != 0 &&
			    x + 2 < cols)
				ui_put(w, top + y, x + 2, f->take_theirs ?
				    "→ 保存済みの版を残す" : "← あなたの入力を残す",
				    cols - x - 2, 0, l->field == c->cur ?
				    ui_attr(ui, UI_SELECT) : ui_attr(ui, UI_DIM));
			continue;
		}
		ui_put(w, top + y, 1, l->left, half, 0, A_NORMAL);
		ui_put(w, top + y, half + 1, "|", 1, 0, ui_attr(ui, UI_DIM));
		ui_put(w, top + y, half + 3, l->right, cols - half - 3, 0,
		    A_NORMAL);
	}
}

/* Moves the field cursor to the next (dir 1) or previous field that
 * differs, going round, and scrolls its name into view. */
static void
ui_conflict_step(struct ui_conflict *c, int dir, int page)
{
	size_t	k, i = c->cur, n = c->nfields;

	if (n == 0)
		return;
	for (k = 0; k < n; k++) {
		i = (i + n + (size_t)(dir > 0 ? 1 : n - 1)) % n;
		if (strcmp(c->fields[i].mine, c->fields[i].theirs) != 0)
			break;
	}
	c->cur = i;
	for (k = 0; k < c->nlines; k++)
		if (c->lines[k].label && c->lines[k].field == i) {
			if ((long)k < c->top || (long)k >= c->top + page)
				c->top = (long)k;
			break;
		}
}

int
ui_conflict_takes_theirs(const struct ui_conflict *c, size_t i)
{
	return i < c->nfields && c->fields[i].take_theirs;
}

enum ui_conflict_choice
ui_conflict_key(struct ui *ui, struct ui_conflict *c, enum key_action act,
    int is_function, wint_t ch)
{
	int	page, h = getmaxy(ui_body(ui));

	/* A page: the rows below the heading, less one kept in view. */
	page = h - (c->head_rows > 0 ? c->head_rows : 3) - 1;
	if (page < 1)
		page = 1;
	if (!is_function && (ch == 'm' || ch == 'M' || ch == '1'))
		return UI_CONFLICT_MINE;
	if (!is_function && (ch == 't' || ch == 'T' || ch == '2'))
		return UI_CONFLICT_THEIRS;
	/* Field by field: a conflict's, not a draft's (keys_line). */
	if (c->keys_line == NULL && ((!is_function && ch == '\t') ||
	    act == ACT_NEXT_PANE || (is_function && ch == KEY_BTAB) ||
	    act == ACT_PREV_PANE)) {
		ui_conflict_step(c, (!is_function && ch == '\t') ||
		    act == ACT_NEXT_PANE ? 1 : -1, page);
		return UI_CONFLICT_HANDLED;
	}
	if (c->keys_line == NULL && c->nfields > 0 && (act == ACT_LEFT ||
	    act == ACT_RIGHT || (!is_function && ch == ' '))) {
		struct ui_conflict_field *f = &c->fields[c->cur];

		if (strcmp(f->mine, f->theirs) == 0) {
			ui_message(ui, "「%s」は同じです", f->name);
			return UI_CONFLICT_HANDLED;
		}
		f->take_theirs = act == ACT_RIGHT ? 1 : act == ACT_LEFT ? 0 :
		    !f->take_theirs;
		ui_message(ui, "「%s」は%sを残します（Enter で保存）", f->name,
		    f->take_theirs ? "保存済みの版" : "あなたの入力");
		return UI_CONFLICT_HANDLED;
	}
	if (c->keys_line == NULL && ((!is_function && (ch == '\n' ||
	    ch == '\r')) || (is_function && ch == KEY_ENTER) ||
	    act == ACT_OPEN))
		return UI_CONFLICT_MERGE;
	switch (act) {
	case ACT_BACK:
		ui_message(ui, "%s", c->back_said != NULL ? c->back_said :
		    "入力に戻りました。保存すると、もう一度どちらを残すか尋ねます");
		return UI_CONFLICT_BACK;
	case ACT_UP:
		c->top--;
		break;
	case ACT_DOWN:
		c->top++;
		break;
	case ACT_PAGE_UP:
		c->top -= page;
		break;
	case ACT_PAGE_DOWN:
		c->top += page;
		break;
	case ACT_TOP:
		c->top = 0;
		break;
	case ACT_BOTTOM:
		c->top = (long)c->nlines;
		break;
	case ACT_HELP:
	case ACT_REDRAW:
	case ACT_ERA_TOGGLE:
		return UI_CONFLICT_UNHANDLED;
	default:
		ui_error(ui, "%s", c->keys_line != NULL ? c->keys_line :
		    "m: 自分の入力で上書き保存  t: 保存済みの版を取り込む"
		    "  Tab ← →: 欄ごとに選ぶ  Enter: 選んだとおりに保存  Esc: 入力に"
		    "戻る");
		break;
	}
	return UI_CONFLICT_HANDLED;
}
