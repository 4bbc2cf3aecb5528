/*
 * The search results screen (see screen-search.h): the hits of a word,
 * read from the store a page at a time (store-search.h), the next page
 * only when the cursor comes near the end of what is read, so a word
 * found in 200,000 items costs what one screen shows. Each row names the
 * plan (when every plan is searched), the node's code and title, the
 * field that matched and the text around the match, the match marked;
 * below the list, the hit under the cursor in more words. Enter goes to
 * the node in its plan's tree in place of the list (back into the tree
 * below when the search was made in it); E and S open the item's form and sheet; n and N go to
 * the next and previous hit, round at the ends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/fy.h"
#include "shisaku/screen-indicator.h"
#include "shisaku/screen-search.h"
#include "shisaku/screen-sheet.h"
#include "shisaku/screen-tree.h"
#include "shisaku/store-browse.h"
#include "shisaku/store-search.h"
#include "shisaku/textfold.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-list.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"

/* Nodes with hits read at a time, and the most hits kept. */
#define SEARCH_PAGE_NODES 100
#define SEARCH_MAX_HITS 3000
/* Under the list: a rule and four lines of the hit under the cursor. */
#define SEARCH_DETAIL_H 5

static const enum key_action search_actions[] = {
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
	ACT_OPEN, ACT_SEARCH, ACT_SEARCH_NEXT, ACT_SEARCH_PREV, ACT_EDIT,
	ACT_SHEET, ACT_TREE, ACT_ROADMAP, ACT_INDICATORS, ACT_FILTER_MINE
};

struct search_screen {
	long long		 plan_id;	/* 0: every plan */
	char			*plan_name;	/* "全計画" for every plan */
	char			*word;
	struct search_hit	*hits;
	size_t			 n;
	int			 more;		/* the store has more past n */
	struct ui_list		 list;
	/* Layout for the current size and hits. */
	int			 plan_w, code_w, title_w, tag_w, text_w;
	int			 list_h;
};

struct search_arg {
	long long	 plan_id;
	const char	*word;
};

char *
screen_search_tag(struct ui *ui, enum search_field f, int fy, int to_fy)
{
	char	a[FY_BUFSZ], b[FY_BUFSZ];

	if (fy <= 0 || (f != SEARCH_YEARPLAN && f != SEARCH_RESULT &&
	    f != SEARCH_COMMENT))
		return xstrdup(search_field_label(f));
	fy_format_short(fy, ui->fy_style, a, sizeof a);
	if (to_fy > fy) {
		fy_format_short(to_fy, ui->fy_style, b, sizeof b);
		return xasprintf("%s %s〜%s", search_field_label(f), a, b);
	}
	return xasprintf("%s %s", search_field_label(f), a);
}

long long
screen_search_scope(struct ui *ui)
{
	const struct screen_ops	*ops;
	void			*top = ui_frame_state(ui, 0, &ops);

	/* On the hits themselves: the plans they are of. */
	if (ops == &screen_search_ops && top != NULL)
		return ((struct search_screen *)top)->plan_id;
	if (ops == NULL || ops == &screen_plans_ops ||
	    ops == &screen_mywork_ops || ops == &screen_depts_ops ||
	    ops == &screen_help_ops)
		return 0;
	return ui->plan_id;
}

static void
search_hits_free(struct search_screen *ss)
{
	struct search_page	pg;

	pg.hits = ss->hits;
	pg.n = ss->n;
	search_page_free(&pg);
	ss->hits = NULL;
	ss->n = 0;
	ss->more = 0;
}

/*
 * Reads pages until at least want hits are held, the store has no more,
 * or SEARCH_MAX_HITS are held. Returns 0, or -1 with the error shown.
 */
static int
search_load(struct ui *ui, struct search_screen *ss, size_t want)
{
	struct search_query	 q;
	struct search_page	 pg;
	struct search_pos	 last;
	char			*cause = NULL;
	int			 first = ss->n == 0 && !ss->more;

	q.text = ss->word;
	q.plan_id = ss->plan_id;
	q.with_plans = ss->plan_id == 0;
	while (first || (ss->more && ss->n < want && ss->n < SEARCH_MAX_HITS)) {
		if (!first)
			last = ss->hits[ss->n - 1].pos;
		if (store_search(ui->store, &q, first ? NULL : &last, 1,
		    SEARCH_PAGE_NODES, &pg, &cause) != 0) {
			ui_error(ui, "%s", cause);
			free(cause);
			return -1;
		}
		first = 0;
		ss->hits = xreallocarray(ss->hits, ss->n + pg.n + 1,
		    sizeof *ss->hits);
		if (pg.n > 0)
			memcpy(ss->hits + ss->n, pg.hits,
			    pg.n * sizeof *pg.hits);
		ss->n += pg.n;
		ss->more = pg.more && pg.n > 0;
		free(pg.hits);
	}
	ui_list_set_rows(&ss->list, (long)ss->n);
	return 0;
}

/* Reads on when the cursor comes within a screen of the last hit read. */
static void
search_follow(struct ui *ui, struct search_screen *ss)
{
	long	h = ss->list.height > 0 ? ss->list.height : 1;

	if (ss->more && ss->list.cursor + 2 * h >= (long)ss->n)
		search_load(ui, ss, ss->n + (size_t)h * 2);
	if (ss->more && ss->n >= SEARCH_MAX_HITS &&
	    ss->list.cursor + 1 >= (long)ss->n)
		ui_message(ui, "最初の %d 件まで表示します（語を足して絞ってください）",
		    SEARCH_MAX_HITS);
	if (ss->n > 0)
		ui->plan_id = ss->hits[ss->list.cursor].pos.plan_id;
}

static int
search_max(int a, int b)
{
	return a > b ? a : b;
}

static void
search_layout(struct ui *ui, struct search_screen *ss)
{
	int	h, cols, rest, w;
	size_t	i;
	char	*tag;

	getmaxyx(ui_body(ui), h, cols);
	ss->plan_w = ss->plan_id == 0 ? 4 : 0;
	ss->code_w = 4;
	ss->tag_w = 4;
	for (i = 0; i < ss->n; i++) {
		if (ss->plan_id == 0)
			ss->plan_w = search_max(ss->plan_w,
			    tw_width(ss->hits[i].plan_code));
		ss->code_w = search_max(ss->code_w, tw_width(ss->hits[i].code));
		tag = screen_search_tag(ui, ss->hits[i].field, ss->hits[i].fy,
		    ss->hits[i].to_fy);
		ss->tag_w = search_max(ss->tag_w, tw_width(tag));
		free(tag);
	}
	if (ss->plan_w > 12)
		ss->plan_w = 12;
	if (ss->code_w > 10)
		ss->code_w = 10;
	if (ss->tag_w > 18)
		ss->tag_w = 18;
	rest = cols - 1 - (ss->plan_w > 0 ? ss->plan_w + 1 : 0) - ss->code_w -
	    1 - ss->tag_w - 1;
	w = rest * 2 / 5;
	ss->title_w = w < 10 ? 10 : w > 36 ? 36 : w;
	ss->text_w = rest - ss->title_w - 1;
	if (ss->text_w < 4)
		ss->text_w = 4;
	ss->list_h = h - 1 - SEARCH_DETAIL_H;
	if (ss->list_h < 1)
		ss->list_h = 1;
	ui_list_place(&ss->list, 1, 0, ss->list_h, cols);
}

/* Draws text with the match of word marked, from x, in cols columns;
 * returns the columns used. */
static int
search_put_marked(WINDOW *w, int y, int x, int cols, const char *text,
    const char *word, size_t before, attr_t a, attr_t mark)
{
	size_t	 at, len;
	char	*ex = tf_excerpt(text, word, before, &at, &len), *piece;
	int	 used, pw, mw;

	/* The whole text first, cut with ~ where it does not fit; then
	 * the match and what follows it drawn again over it in their own
	 * attributes, each to the same edge, so the cut stays marked. */
	used = ui_put_cell(w, y, x, ex, cols, 0, a);
	if (len > 0) {
		piece = xstrndup(ex, at);
		pw = tw_width(piece);
		free(piece);
		piece = xstrndup(ex + at, len);
		mw = tw_width(piece);
		free(piece);
		if (pw < cols)
			ui_put_cell(w, y, x + pw, ex + at, cols - pw, 0, mark);
		if (pw + mw < cols)
			ui_put_cell(w, y, x + pw + mw, ex + at + len,
			    cols - pw - mw, 0, a);
	}
	free(ex);
	return used;
}

static void
search_draw_row(struct ui *ui, void *owner, long row, int y, int x, int cols,
    int selected)
{
	struct search_screen	*ss = owner;
	const struct search_hit	*h = &ss->hits[row];
	WINDOW			*w = ui_body(ui);
	attr_t			 a = selected ? ui_attr(ui, UI_SELECT) : A_NORMAL;
	attr_t			 mark = selected ? a | A_BOLD | A_UNDERLINE :
				    ui_attr(ui, UI_MARK);
	char			*tag;
	int			 cx = x + 1;

	ui_put(w, y, x, "", cols, 1, a);
	if (ss->plan_w > 0) {
		ui_put_cell(w, y, cx, h->plan_code, ss->plan_w, 0, a);
		cx += ss->plan_w + 1;
	}
	ui_put_cell(w, y, cx, h->code, ss->code_w, 0, a);
	cx += ss->code_w + 1;
	ui_put_cell(w, y, cx, h->title, ss->title_w, 0, a | A_BOLD);
	cx += ss->title_w + 1;
	tag = screen_search_tag(ui, h->field, h->fy, h->to_fy);
	ui_put(w, y, cx, tag, ss->tag_w, 0, selected ? a : ui_attr(ui, UI_HEADER));
	free(tag);
	cx += ss->tag_w + 1;
	search_put_marked(w, y, cx, x + cols - cx, h->text, ss->word, 4, a,
	    mark);
}

static char *
search_row_text(void *owner, long row)
{
	struct search_screen	*ss = owner;
	const struct search_hit	*h = &ss->hits[row];

	return xasprintf("%s %s %s %s", h->plan_code, h->code, h->title,
	    h->text);
}

/* The hit under the cursor, in more words. */
static void
search_draw_detail(struct ui *ui, struct search_screen *ss, WINDOW *w, int y,
    int cols)
{
	const struct search_hit	*h;
	char			*line, *tag, *ex, *mid;
	const char		*parts[3];
	static const int	 shrink[3] = { 1, 0, 1 };
	size_t			 at, len, starts[3], lens[3], k, n;
	int			 i;

	for (i = 0; i < cols; i++)
		mvwaddch(w, y, i, '-');
	if (ss->n == 0)
		return;
	h = &ss->hits[ss->list.cursor];
	/* The plan's name and the title give way, so both show. */
	if (h->pos.node_id != 0) {
		mid = xasprintf(" > %s%s", h->code, *h->code ? " " : "");
		parts[2] = h->title;
	} else {
		mid = xasprintf("（%s）", h->plan_code);
		parts[2] = "";
	}
	parts[0] = h->plan_name;
	parts[1] = mid;
	line = tw_fit_parts(parts, shrink, 3, cols - 2, 8);
	ui_put_cell(w, y + 1, 1, line, cols - 2, 0, ui_attr(ui, UI_HEADER));
	free(line);
	free(mid);
	tag = screen_search_tag(ui, h->field, h->fy, h->to_fy);
	line = xasprintf("「%s」に一致", tag);
	ui_put(w, y + 2, 1, line, cols - 2, 0, ui_attr(ui, UI_MARK));
	free(line);
	free(tag);
	/* Two lines of the text from a little before the match. */
	ex = tf_excerpt(h->text, ss->word, 20, &at, &len);
	n = tw_wrap(ex, cols - 2, starts, lens, 3);
	for (k = 0; k < n && k < 2; k++) {
		line = xstrndup(ex + starts[k], lens[k]);
		ui_put(w, y + 3 + (int)k, 1, line, cols - 2, 0, A_NORMAL);
		free(line);
	}
	free(ex);
}

static void
search_draw(struct ui *ui, void *state)
{
	struct search_screen	*ss = state;
	WINDOW			*w = ui_body(ui);
	attr_t			 hd = ui_attr(ui, UI_FROZEN);
	int			 cols = getmaxx(w), cx = 1;

	search_layout(ui, ss);
	ui_put(w, 0, 0, "", cols, 1, hd);
	if (ss->plan_w > 0) {
		ui_put(w, 0, cx, "計画", ss->plan_w, 0, hd);
		cx += ss->plan_w + 1;
	}
	ui_put(w, 0, cx, "番号", ss->code_w, 0, hd);
	cx += ss->code_w + 1;
	ui_put(w, 0, cx, "名称", ss->title_w, 0, hd);
	cx += ss->title_w + 1;
	ui_put(w, 0, cx, "一致", ss->tag_w, 0, hd);
	cx += ss->tag_w + 1;
	ui_put(w, 0, cx, "内容", cols - cx, 0, hd);
	ui_list_draw(ui, &ss->list);
	search_draw_detail(ui, ss, w, 1 + ss->list_h, cols);
}

/*
 * Goes to the hit under the cursor in its plan's tree, in place of this
 * screen: back into the tree below when the search was made in that
 * plan's tree, else a new tree, from which Esc goes back where the
 * search was made (n and N on the plan list show the hits again).
 */
static void
search_go(struct ui *ui, struct search_screen *ss)
{
	struct search_hit	h;

	if (ss->n == 0)
		return;
	h = ss->hits[ss->list.cursor];	/* the screen goes, not yet its
					   state */
	ui_pop(ui);
	screen_tree_show(ui, h.pos.plan_id, h.pos.node_id, ss->word,
	    h.pos.node_id != 0 ? &h : NULL);
}

/* The roadmap or the indicators of the hit's plan, in place of this
 * screen, as from the plan list. */
static void
search_plan_screen(struct ui *ui, struct search_screen *ss,
    enum key_action act)
{
	long long	plan;

	if (ss->n == 0)
		return;
	plan = ss->hits[ss->list.cursor].pos.plan_id;
	ui->plan_id = plan;
	ui_pop(ui);
	if (act == ACT_ROADMAP)
		ui_push(ui, &screen_roadmap_ops, &plan);
	else
		screen_indicators_open(ui, plan, act == ACT_FILTER_MINE);
}

/* Moves to the next (dir 1) or previous hit, round at the ends. */
static void
search_step(struct ui *ui, struct search_screen *ss, int dir)
{
	if (ss->n == 0)
		return;
	if (dir > 0 && ss->list.cursor + 1 >= (long)ss->n) {
		if (ss->more)
			search_load(ui, ss, ss->n + 1);
		if (ss->list.cursor + 1 >= (long)ss->n) {
			ss->list.cursor = 0;
			ui_message(ui, "末尾まで検索したので先頭から続けました: %s",
			    ss->word);
			return;
		}
	} else if (dir < 0 && ss->list.cursor == 0) {
		/* Round to the end only when it has been read: reading a
		 * word's every hit to reach it is what the pages avoid. */
		if (ss->more) {
			ui_message(ui, "最初の一致です（%s で読めるだけ末尾へ）",
			    keys_action_keys(ACT_BOTTOM));
			return;
		}
		ss->list.cursor = (long)ss->n - 1;
		ui_message(ui, "先頭まで検索したので末尾から続けました: %s",
		    ss->word);
		return;
	}
	ss->list.cursor += dir;
}

/* A new word for the same plans. */
static void
search_again(struct ui *ui, struct search_screen *ss)
{
	char	*word = xstrdup(ss->word), *old;

	if (!ui_list_ask_search(ui, &word) || strcmp(word, ss->word) == 0) {
		free(word);
		return;
	}
	old = ss->word;
	ss->word = word;
	search_hits_free(ss);
	ss->list.cursor = ss->list.top = 0;
	if (search_load(ui, ss, SEARCH_PAGE_NODES) != 0 || ss->n == 0) {
		if (ss->n == 0)
			ui_message(ui, "見つかりません: %s", word);
		/* Keep what was shown. */
		ss->word = old;
		free(word);
		search_hits_free(ss);
		search_load(ui, ss, SEARCH_PAGE_NODES);
		return;
	}
	free(old);
}

static enum ui_key_result
search_key(struct ui *ui, void *state, enum key_action act, int is_function,
    wint_t ch)
{
	struct search_screen	*ss = state;
	const struct search_hit	*h = ss->n > 0 ? &ss->hits[ss->list.cursor] :
				    NULL;
	long long		 id;

	(void)is_function;
	(void)ch;
	switch (act) {
	case ACT_OPEN:
	case ACT_RIGHT:
	case ACT_TREE:
		search_go(ui, ss);
		return UI_KEY_HANDLED;
	case ACT_ROADMAP:
	case ACT_INDICATORS:
	case ACT_FILTER_MINE:
		search_plan_screen(ui, ss, act);
		return UI_KEY_HANDLED;
	case ACT_SEARCH:
		search_again(ui, ss);
		search_follow(ui, ss);
		return UI_KEY_HANDLED;
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		search_step(ui, ss, act == ACT_SEARCH_NEXT ? 1 : -1);
		search_follow(ui, ss);
		return UI_KEY_HANDLED;
	case ACT_BOTTOM:
		search_load(ui, ss, SEARCH_MAX_HITS);
		ui_list_key(ui, &ss->list, act);
		search_follow(ui, ss);
		return UI_KEY_HANDLED;
	case ACT_EDIT:
	case ACT_SHEET:
		if (h == NULL || h->pos.node_id == 0) {
			ui_message(ui, "計画そのものの一致です（%s で施策体系へ）",
			    keys_action_keys(ACT_OPEN));
			return UI_KEY_HANDLED;
		}
		id = h->pos.node_id;
		ui->plan_id = h->pos.plan_id;
		if (act == ACT_EDIT)
			screen_sheet_enter(ui, id);
		else
			ui_push(ui, &screen_sheet_ops, &id);
		return UI_KEY_HANDLED;
	default:
		if (ui_list_key(ui, &ss->list, act)) {
			search_follow(ui, ss);
			return UI_KEY_HANDLED;
		}
		return UI_KEY_UNHANDLED;
	}
}

static void *
search_open(struct ui *ui, const void *arg)
{
	const struct search_arg	*a = arg;
	struct search_screen	*ss;

	if (a == NULL || a->word == NULL || *a->word == '\0')
		return NULL;
	ss = xcalloc(1, sizeof *ss);
	ss->plan_id = a->plan_id;
	ss->plan_name = a->plan_id == 0 ? NULL :
	    browse_plan_name(ui->store, a->plan_id);
	if (ss->plan_name == NULL)
		ss->plan_name = xstrdup(a->plan_id == 0 ? "全計画" : "");
	ss->word = xstrdup(a->word);
	ui_list_init(&ss->list, 0, ss);
	ss->list.draw_row = search_draw_row;
	ss->list.row_text = search_row_text;
	search_layout(ui, ss);
	if (search_load(ui, ss, SEARCH_PAGE_NODES) != 0 || ss->n == 0) {
		if (ss->n == 0 && ui->message == NULL)
			ui_message(ui, "見つかりません: %s", a->word);
		search_hits_free(ss);
		ui_list_free(&ss->list);
		free(ss->plan_name);
		free(ss->word);
		free(ss);
		return NULL;
	}
	search_follow(ui, ss);
	search_layout(ui, ss);
	return ss;
}

void
screen_search_open(struct ui *ui, long long plan_id, const char *word)
{
	struct search_arg	a = { plan_id, word };

	ui_push(ui, &screen_search_ops, &a);
}

static void
search_refresh(struct ui *ui, void *state)
{
	search_layout(ui, state);
}

/* Another program changed the database: read the hits again, as many
 * as were read, keeping the cursor's place. */
static void
search_changed(struct ui *ui, void *state)
{
	struct search_screen	*ss = state;
	size_t			 had = ss->n;
	long			 cursor = ss->list.cursor;

	search_hits_free(ss);
	if (search_load(ui, ss, had) == 0) {
		ss->list.cursor = cursor;
		ui_list_set_rows(&ss->list, (long)ss->n);
	}
	search_layout(ui, ss);
}

static void
search_close(struct ui *ui, void *state)
{
	struct search_screen	*ss = state;

	(void)ui;
	search_hits_free(ss);
	ui_list_free(&ss->list);
	free(ss->plan_name);
	free(ss->word);
	free(ss);
}

static char *
search_title(struct ui *ui, void *state)
{
	struct search_screen	*ss = state;

	(void)ui;
	return xasprintf("検索「%s」%s  %zu 件%s", ss->word, ss->plan_name,
	    ss->n, ss->more ? "以上" : "");
}

static char *
search_hint(struct ui *ui, void *state)
{
	char	o[16], n[16], p[16], e[16];

	(void)ui;
	(void)state;
	ui_key_name(ACT_OPEN, o, sizeof o);
	ui_key_name(ACT_SEARCH_NEXT, n, sizeof n);
	ui_key_name(ACT_SEARCH_PREV, p, sizeof p);
	ui_key_name(ACT_EDIT, e, sizeof e);
	return xasprintf("%s:施策体系のその項目へ  %s %s:次・前の一致  %s:実績",
	    o, n, p, e);
}

static const char *
search_action_help(enum key_action act)
{
	switch (act) {
	case ACT_OPEN:
		return "施策体系のその項目へ（計画の一致は計画の施策体系へ）";
	case ACT_SEARCH:
		return "別の語で検索";
	case ACT_SEARCH_NEXT:
		return "次の一致へ（末尾の次は先頭）";
	case ACT_SEARCH_PREV:
		return "前の一致へ（先頭の前は末尾）";
	case ACT_EDIT:
		return "その取組の実績を入力（取組の一致）";
	case ACT_SHEET:
		return "その項目のシートを開く";
	case ACT_TREE:
		return "施策体系のその項目へ（Enter と同じ）";
	case ACT_ROADMAP:
		return "その計画のロードマップ";
	case ACT_INDICATORS:
		return "その計画の指標一覧";
	case ACT_FILTER_MINE:
		return "その計画の自分の担当の指標";
	default:
		return NULL;
	}
}

static const char *const search_note_lines[] = {
	"番号・名称・概要・方向性・手段・備考・年次計画・実績・課題・方向性を探します",
	"（計画一覧からは計画名と計画の説明も）。一致の欄が、どこに語があったかです。",
	"全角と半角の英数字・記号、英字の大文字と小文字は区別しません。",
	"ひらがなとカタカナ、半角カナは区別します。% と _ はその文字そのものです。",
};

static const char *const *
search_notes(struct ui *ui, size_t *n)
{
	(void)ui;
	*n = sizeof search_note_lines / sizeof search_note_lines[0];
	return search_note_lines;
}

const struct screen_ops screen_search_ops = {
	.name = "search",
	.actions = search_actions,
	.nactions = sizeof search_actions / sizeof search_actions[0],
	.open = search_open,
	.draw = search_draw,
	.key = search_key,
	.refresh = search_refresh,
	.close = search_close,
	.title = search_title,
	.notes = search_notes,
	.action_help = search_action_help,
	.hint = search_hint,
	.changed = search_changed
};
