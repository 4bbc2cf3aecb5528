/*
 * The record editor of ui-record.h: a list of fields above, the field
 * under the cursor in full below it, and for a long text the editor
 * widget over the whole body until Esc brings the list back (the text
 * is kept; only C-s or F2 writes). Single lines are edited on the bottom
 * line with ui_prompt, which reads IME input as whole characters, so no
 * form library field ever holds double-width text here. A long text can
 * also go to the user's own editor: v on its row, C-x C-e while it is
 * being edited (ui-extedit.h). Every change of a field is a step that
 * C-_ (u on the list) takes back, back to the record as it was opened.
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "shisaku/session.h"
#include "shisaku/store-draft.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-conflict.h"
#include "shisaku/ui-draft.h"
#include "shisaku/ui-editor.h"
#include "shisaku/ui-extedit.h"
#include "shisaku/ui-list.h"
#include "shisaku/ui-record.h"
#include "shisaku/ui-undo.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"

#define RECORD_KEY_SAVE		19	/* C-s */
#define RECORD_KEY_UNDO		31	/* C-_ */
#define RECORD_LABEL_MAX	20	/* columns */
#define RECORD_DETAIL_MIN	5	/* rows below the list */

static const enum key_action record_actions[] = {
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
	ACT_OPEN, ACT_NEXT_PANE, ACT_PREV_PANE
};

static const struct screen_fixed_key record_fixed_keys[] = {
	{ "C-s F2", "保存して閉じる" },
	{ "Esc", "長い文の編集を終えて一覧に戻る（内容は残る）" },
	{ "v", "一覧で: 長い文の欄を $VISUAL / $EDITOR（なければ editor、vi）で"
	    "編集" },
	{ "C-x C-e", "長い文の編集中: その文をエディタで編集" },
	{ "C-_ u", "直前の変更を取り消す（欄ごとに、繰り返すと開いたときまで。"
	    "u は一覧で）" },
};

struct record_screen {
	struct ui_record_spec	 spec;
	struct ui_list		 list;
	int			 label_w;
	int			 detail_y;
	/* The long text being edited (spec.fields[editing]), or -1, and
	 * its value when the editing began. */
	long			 editing;
	struct ui_editor	 ed;
	char			*ed_before;
	/* The fields' earlier values, by index (C-_). */
	struct ui_undo		 undo;
	/* C-x was pressed in the editor: C-e is to follow. */
	int			 ctrl_x;
	/* A draft left by a signal, shown beside the record until the
	 * user chooses (spec.draft only). */
	struct draft		*draft;
	struct ui_conflict	 conflict;
	/* The gloss of the field under the cursor, for the value it was
	 * made of (gloss_of: that field's index; -1 = none made). */
	long			 gloss_of;
	char			*gloss_value, *gloss;
};

void
ui_record_field_set(struct ui_record_field *f, const char *name,
    const char *label, enum ui_record_kind kind, const char *value,
    const char *hint)
{
	memset(f, 0, sizeof *f);
	f->name = name;
	f->label = label;
	f->kind = kind;
	f->hint = hint;
	f->value = xstrdup(value != NULL ? value : "");
}

size_t
ui_record_find(const struct ui_record_field *fields, size_t n,
    const char *name)
{
	size_t	i;

	for (i = 0; name != NULL && i < n; i++)
		if (strcmp(fields[i].name, name) == 0)
			return i;
	return n;
}

static void
record_spec_free(struct ui_record_spec *spec)
{
	size_t	i;

	for (i = 0; i < spec->nfields; i++) {
		free(spec->fields[i].value);
		free(spec->fields[i].initial);
	}
	free(spec->fields);
	free(spec->title);
	free(spec->saved_msg);
	if (spec->ctx_free != NULL)
		spec->ctx_free(spec->ctx);
	memset(spec, 0, sizeof *spec);
}

void
ui_record_open(struct ui *ui, struct ui_record_spec *spec)
{
	ui_push(ui, &screen_record_ops, spec);
}

static int
record_changed(const struct ui_record_field *f)
{
	return strcmp(f->value, f->initial != NULL ? f->initial : "") != 0;
}

static int
record_dirty(const struct record_screen *rs)
{
	size_t	i;

	for (i = 0; i < rs->spec.nfields; i++)
		if (record_changed(&rs->spec.fields[i]))
			return 1;
	return rs->editing >= 0 && rs->ed.modified;
}

static struct ui_record_field *
record_cursor(struct record_screen *rs)
{
	return &rs->spec.fields[rs->list.cursor];
}

/* The first line of a value, and how many more lines follow. */
static char *
record_first_line(const char *value, int *more)
{
	const char	*nl = strchr(value, '\n');
	const char	*p;

	*more = 0;
	if (nl == NULL)
		return xstrdup(value);
	for (p = nl; p != NULL; p = strchr(p + 1, '\n'))
		if (p[1] != '\0')
			(*more)++;
	return xstrndup(value, (size_t)(nl - value));
}

static void
record_draw_row(struct ui *ui, void *owner, long row, int y, int x, int cols,
    int selected)
{
	struct record_screen		*rs = owner;
	const struct ui_record_field	*f = &rs->spec.fields[row];
	WINDOW				*w = ui_body(ui);
	attr_t				 a = ui_attr(ui, selected ? UI_SELECT :
					    UI_NORMAL);
	char				*first, *shown;
	int				 more, used;

	ui_put(w, y, x, "", cols, 1, a);
	ui_put(w, y, x, record_changed(f) ? "*" : " ", 1, 0,
	    selected ? a : ui_attr(ui, UI_MARK));
	used = 2 + ui_put(w, y, x + 2, f->label, rs->label_w, 1,
	    selected ? a : ui_attr(ui, UI_HEADER));
	first = record_first_line(f->value, &more);
	shown = more > 0 ? xasprintf("%s …（ほか%d行）", first, more) :
	    xstrdup(first);
	if (used + 1 < cols)
		ui_put(w, y, x + used + 1, shown, cols - used - 1, 0, a);
	free(shown);
	free(first);
}

static char *
record_row_text(void *owner, long row)
{
	struct record_screen	*rs = owner;

	return xasprintf("%s %s", rs->spec.fields[row].label,
	    rs->spec.fields[row].value);
}

static void
record_layout(struct ui *ui, struct record_screen *rs)
{
	WINDOW	*w = ui_body(ui);
	int	 h, cols, list_h, width;
	size_t	 i;

	getmaxyx(w, h, cols);
	rs->label_w = 4;
	for (i = 0; i < rs->spec.nfields; i++) {
		width = tw_width(rs->spec.fields[i].label);
		if (width > rs->label_w)
			rs->label_w = width;
	}
	if (rs->label_w > RECORD_LABEL_MAX)
		rs->label_w = RECORD_LABEL_MAX;
	/* The list gets what it needs, the detail at least its minimum. */
	list_h = (int)rs->spec.nfields;
	if (list_h > h - 2 - RECORD_DETAIL_MIN)
		list_h = h - 2 - RECORD_DETAIL_MIN;
	if (list_h < 1)
		list_h = 1;
	ui_list_place(&rs->list, 1, 0, list_h, cols);
	rs->detail_y = 1 + list_h;
}

/* Draws text wrapped from row y up to (not including) row end; returns
 * the next free row. */
static int
record_put_wrapped(struct ui *ui, WINDOW *w, int y, int end, int cols,
    const char *text, enum ui_attr attr)
{
	size_t	starts[64], lens[64], n, k;
	char	*line;

	n = tw_wrap(text, cols - 2, starts, lens, 64);
	for (k = 0; k < n && y < end; k++, y++) {
		line = xstrndup(text + starts[k], lens[k]);
		ui_put(w, y, 1, line, cols - 2, 0, ui_attr(ui, attr));
		free(line);
	}
	return y;
}

/* The gloss of field i for its value, made again only when either has
 * changed since the last; NULL for none. */
static const char *
record_gloss(struct ui *ui, struct record_screen *rs, size_t i)
{
	const struct ui_record_field	*f = &rs->spec.fields[i];

	if (f->gloss == NULL)
		return NULL;
	if (rs->gloss_of != (long)i || rs->gloss_value == NULL ||
	    strcmp(rs->gloss_value, f->value) != 0) {
		free(rs->gloss_value);
		free(rs->gloss);
		rs->gloss_of = (long)i;
		rs->gloss_value = xstrdup(f->value);
		rs->gloss = f->gloss(ui, rs->spec.ctx, f->value);
	}
	return rs->gloss;
}

/* The field under the cursor: what it accepts, its whole value and what
 * the value stands for. */
static void
record_draw_detail(struct ui *ui, struct record_screen *rs, WINDOW *w)
{
	const struct ui_record_field	*f = record_cursor(rs);
	const char			*gloss;
	int				 h, cols, y = rs->detail_y;

	getmaxyx(w, h, cols);
	ui_put(w, y++, 0, f->label, cols, 1, ui_attr(ui, UI_FROZEN));
	if (f->hint != NULL)	/* at most two rows, the value gets the rest */
		y = record_put_wrapped(ui, w, y, y + 2 < h - 1 ? y + 2 : h - 1,
		    cols, f->hint, UI_DIM);
	y = record_put_wrapped(ui, w, y, h - 1, cols, f->value, UI_NORMAL);
	if ((gloss = record_gloss(ui, rs, (size_t)rs->list.cursor)) != NULL &&
	    gloss[0] != '\0')
		record_put_wrapped(ui, w, y, h - 1, cols, gloss, UI_DIM);
	ui_put(w, h - 1, 0, f->kind == UI_RECORD_TEXT ?
	    "Enter 編集  v エディタで編集  C-s/F2 保存  C-_ 戻す  Esc 戻る  ? ヘルプ" :
	    "Enter 編集  C-s/F2 保存  C-_ 戻す  Esc 戻る  ? ヘルプ",
	    cols, 1, ui_attr(ui, UI_DIM));
}

static void
record_draw(struct ui *ui, void *state)
{
	struct record_screen	*rs = state;
	WINDOW			*w = ui_body(ui);
	int			 h, cols;
	char			*head;

	getmaxyx(w, h, cols);
	werase(w);
	if (rs->draft != NULL) {
		ui_conflict_draw(ui, &rs->conflict, w);
		return;
	}
	if (rs->editing >= 0) {
		head = xasprintf("%s — Esc で一覧に戻る（内容は残ります）"
		    "  C-s/F2 保存  C-x C-e エディタ",
		    rs->spec.fields[rs->editing].label);
		ui_put(w, 0, 0, head, cols, 1, ui_attr(ui, UI_FROZEN));
		free(head);
		ui_editor_draw(ui, &rs->ed, w, 1, 0, h - 1, cols,
		    UI_EDITOR_EDITING, ui_attr(ui, UI_NORMAL));
		return;
	}
	record_layout(ui, rs);
	ui_put(w, 0, 0, "", cols, 1, ui_attr(ui, UI_FROZEN));
	ui_put(w, 0, 2, "項目", rs->label_w, 1, ui_attr(ui, UI_FROZEN));
	ui_put(w, 0, 3 + rs->label_w, "内容", cols - rs->label_w - 3, 0,
	    ui_attr(ui, UI_FROZEN));
	ui_list_draw(ui, &rs->list);
	record_draw_detail(ui, rs, w);
}

/* Field i takes value (copied); a change is a step of its own for C-_,
 * its earlier value before. */
static void
record_field_change(struct record_screen *rs, size_t i, const char *before,
    const char *value)
{
	struct ui_record_field	*f = &rs->spec.fields[i];

	if (strcmp(before, value) != 0) {
		ui_undo_close(&rs->undo);
		ui_undo_note(&rs->undo, (int)i, before);
		ui_undo_close(&rs->undo);
	}
	if (f->value != value) {
		free(f->value);
		f->value = xstrdup(value);
	}
}

/* Ends the long-text editor, keeping its text in the field. */
static void
record_editor_end(struct record_screen *rs)
{
	char	*text;

	if (rs->editing < 0)
		return;
	text = ui_editor_text(&rs->ed);
	record_field_change(rs, (size_t)rs->editing, rs->ed_before, text);
	free(text);
	free(rs->ed_before);
	rs->ed_before = NULL;
	ui_editor_free(&rs->ed);
	rs->editing = -1;
	rs->ctrl_x = 0;
}

static void
record_editor_begin(struct record_screen *rs)
{
	ui_editor_init(&rs->ed, record_cursor(rs)->value, rs->spec.text_max);
	free(rs->ed_before);
	rs->ed_before = xstrdup(record_cursor(rs)->value);
	rs->editing = rs->list.cursor;
}

/* The long text under the cursor (or being edited) in the user's
 * editor. */
static void
record_external(struct ui *ui, struct record_screen *rs)
{
	struct ui_record_field	*f;
	char			*before, *after = NULL;

	if (rs->editing >= 0) {
		f = &rs->spec.fields[rs->editing];
		before = ui_editor_text(&rs->ed);
		if (ui_extedit(ui, f->label, before, rs->spec.text_max,
		    &after)) {
			/* What was typed before is one step, the editor's
			 * text another. */
			record_field_change(rs, (size_t)rs->editing,
			    rs->ed_before, before);
			record_field_change(rs, (size_t)rs->editing, before,
			    after);
			free(rs->ed_before);
			rs->ed_before = xstrdup(after);
			ui_editor_set(&rs->ed, after);
			rs->ed.tb.cur = rs->ed.tb.len;
		}
		free(before);
		free(after);
		return;
	}
	f = record_cursor(rs);
	if (f->kind != UI_RECORD_TEXT) {
		ui_message(ui, "%sは長い文の欄ではありません（Enter で編集）",
		    f->label);
		return;
	}
	before = xstrdup(f->value);
	if (ui_extedit(ui, f->label, before, rs->spec.text_max, &after))
		record_field_change(rs, (size_t)rs->list.cursor, before, after);
	free(before);
	free(after);
}

/* C-_: the last change of a field taken back. */
static void
record_undo(struct ui *ui, struct record_screen *rs)
{
	char	*value;
	int	 i;

	record_editor_end(rs);
	if (!ui_undo_pop(&rs->undo, &i, &value)) {
		ui_message(ui, "これ以上は戻せません（開いたときの内容です）");
		return;
	}
	if (i >= 0 && (size_t)i < rs->spec.nfields) {
		free(rs->spec.fields[i].value);
		rs->spec.fields[i].value = value;
		rs->list.cursor = i;
		ui_message(ui, "%sを元に戻しました（C-_ でさらに前へ）",
		    rs->spec.fields[i].label);
	} else
		free(value);
}

static void
record_edit_field(struct ui *ui, struct record_screen *rs)
{
	struct ui_record_field	*f = record_cursor(rs);
	char			*answer, *question;
	int			 i, cur = -1;

	/* A line the bottom line cannot hold whole (or one with line
	 * breaks, from a plan file) is edited in the editor, never cut. */
	if (f->kind == UI_RECORD_LINE && (strchr(f->value, '\n') != NULL ||
	    mbstowcs(NULL, f->value, 0) > UI_PROMPT_MAX)) {
		ui_message(ui, "%sは長いので複数行の編集で開きます", f->label);
		record_editor_begin(rs);
		return;
	}
	switch (f->kind) {
	case UI_RECORD_LINE:
		question = xasprintf("%s: ", f->label);
		/* A signal in the middle of it: what was typed is the
		 * field's, for the draft. */
		if (ui_prompt(ui, question, f->value, &answer) ||
		    (answer = ui_prompt_take_unfinished()) != NULL) {
			record_field_change(rs, (size_t)rs->list.cursor,
			    f->value, answer);
			free(answer);
		}
		free(question);
		break;
	case UI_RECORD_TEXT:
		record_editor_begin(rs);
		break;
	case UI_RECORD_CHOICE:
		for (i = 0; i < f->nchoices; i++)
			if (strcmp(f->choices[i], f->value) == 0)
				cur = i;
		i = ui_choose(ui, f->label, f->choices, f->nchoices, cur);
		if (i >= 0)
			record_field_change(rs, (size_t)rs->list.cursor,
			    f->value, f->choices[i]);
		break;
	}
}

static enum ui_key_result
record_save(struct ui *ui, struct record_screen *rs)
{
	size_t	bad = rs->spec.nfields;
	char	*msg = NULL;

	record_editor_end(rs);
	if (rs->spec.save(ui, rs->spec.ctx, rs->spec.fields, rs->spec.nfields,
	    &bad, &msg) == 0) {
		ui_message(ui, "%s", msg != NULL ? msg :
		    rs->spec.saved_msg != NULL ? rs->spec.saved_msg :
		    "保存しました");
		free(msg);
		return UI_KEY_CLOSE;
	}
	if (bad < rs->spec.nfields)
		rs->list.cursor = (long)bad;
	ui_error(ui, "%s", msg != NULL ? msg : "保存できませんでした");
	free(msg);
	return UI_KEY_HANDLED;
}

static int
record_may_leave(struct ui *ui, struct record_screen *rs)
{
	if (!record_dirty(rs))
		return 1;
	return ui_confirm(ui, "保存していない変更があります。破棄して戻りますか");
}

static enum ui_key_result
record_editor_key(struct ui *ui, struct record_screen *rs,
    enum key_action act, int is_function, wint_t ch)
{
	enum ui_editor_result	r;

	if (rs->ctrl_x) {
		rs->ctrl_x = 0;
		if (!is_function && (ch == UI_EXTEDIT_KEY || ch == 'e'))
			record_external(ui, rs);
		else
			ui_message(ui, "C-x の次は C-e（エディタで編集）です");
		return UI_KEY_HANDLED;
	}
	if (!is_function && ch == UI_EXTEDIT_KEY_PREFIX) {
		rs->ctrl_x = 1;
		ui_message(ui, "C-x-（C-e でこの文をエディタで編集）");
		return UI_KEY_HANDLED;
	}
	r = ui_editor_key(&rs->ed, is_function, ch, 0);
	if (r == UI_EDITOR_FULL)
		ui_error(ui, "これ以上長くできません（%zu バイトまで）",
		    rs->spec.text_max);
	if (r != UI_EDITOR_IGNORED)
		return UI_KEY_HANDLED;
	if ((!is_function && ch == 27) || act == ACT_NEXT_PANE ||
	    act == ACT_PREV_PANE || (!is_function && ch == '\t')) {
		record_editor_end(rs);
		return UI_KEY_HANDLED;
	}
	if (act == ACT_QUIT || act == ACT_HELP || act == ACT_REDRAW)
		return UI_KEY_UNHANDLED;
	/* Up at the first row and the like: nothing to do. */
	return UI_KEY_HANDLED;
}

/* ---- drafts ------------------------------------------------------------ */

/* The name field f has in a draft. */
static const char *
record_draft_name(const struct ui_record_field *f)
{
	return f->key != NULL ? f->key : f->name;
}

/* Shows the draft d beside the record to choose from. */
static void
record_draft_open(struct ui *ui, struct record_screen *rs, struct draft *d)
{
	const struct ui_record_field	*f;
	const char			*v;
	size_t				 i;

	rs->draft = d;
	ui_draft_view(&rs->conflict, d, rs->spec.draft_ver != 0 &&
	    d->base_ver != rs->spec.draft_ver, rs->spec.draft_ver != 0 ?
	    "保存済みの版" : "いまの入力欄（まだ保存されていない新しい記録）");
	for (i = 0; i < rs->spec.nfields; i++) {
		f = &rs->spec.fields[i];
		v = draft_get(d, record_draft_name(f));
		ui_conflict_add(&rs->conflict, f->label, v != NULL ? v :
		    f->value, f->value);
	}
	ui_error(ui, "保存されていない入力（下書き）があります");
}

/* Puts the draft's fields into the form's (ui_draft_form.take). */
static void
record_draft_take(void *form, const struct draft *d)
{
	struct record_screen	*rs = form;
	struct ui_record_field	*f;
	const char		*v;
	size_t			 i;

	for (i = 0; i < rs->spec.nfields; i++) {
		f = &rs->spec.fields[i];
		if ((v = draft_get(d, record_draft_name(f))) != NULL) {
			free(f->value);
			f->value = xstrdup(v);
		}
	}
}

/* Keys while a draft is shown beside the record. */
static enum ui_key_result
record_draft_key(struct ui *ui, struct record_screen *rs,
    enum key_action act, int is_function, wint_t ch)
{
	struct ui_draft_form	f = {
		&rs->draft, &rs->conflict, rs->spec.draft_kind,
		rs->spec.draft_id, 0, record_draft_take, rs
	};

	return ui_draft_key(ui, &f, act, is_function, ch);
}

/* The program is ending on a signal: unsaved input becomes a draft. */
static char *
record_keep(struct ui *ui, void *state)
{
	struct record_screen	*rs = state;
	struct draft		 d;
	char			*cause = NULL, *said;
	size_t			 i;

	if (!rs->spec.draft || rs->draft != NULL || ui->session == NULL)
		return NULL;
	record_editor_end(rs);	/* the long text being edited, too */
	if (!record_dirty(rs))
		return NULL;
	memset(&d, 0, sizeof d);
	d.base_ver = rs->spec.draft_ver;
	for (i = 0; i < rs->spec.nfields; i++)
		draft_add(&d, record_draft_name(&rs->spec.fields[i]),
		    rs->spec.fields[i].value);
	if (store_draft_put(ui->store, ui->session->login, rs->spec.draft_kind,
	    rs->spec.draft_id, 0, &d, &cause) != 0) {
		said = xasprintf("「%s」の保存していない入力を残せませんでした: %s",
		    rs->spec.title != NULL ? rs->spec.title : "", cause);
		free(cause);
	} else
		said = xasprintf("「%s」の保存していない入力を下書きとして残しま"
		    "した（次に開いたときに戻せます）", rs->spec.title != NULL ?
		    rs->spec.title : "");
	draft_clear(&d);
	return said;
}

static enum ui_key_result
record_key(struct ui *ui, void *state, enum key_action act, int is_function,
    wint_t ch)
{
	struct record_screen	*rs = state;

	if (rs->draft != NULL)
		return record_draft_key(ui, rs, act, is_function, ch);
	if ((!is_function && ch == RECORD_KEY_SAVE) ||
	    (is_function && ch == KEY_F(2)))
		return record_save(ui, rs);
	if ((!is_function && ch == RECORD_KEY_UNDO) ||
	    (rs->editing < 0 && !is_function && ch == 'u')) {
		record_undo(ui, rs);
		return UI_KEY_HANDLED;
	}
	if (rs->editing >= 0)
		return record_editor_key(ui, rs, act, is_function, ch);
	if (!is_function && ch == 'v') {
		record_external(ui, rs);
		return UI_KEY_HANDLED;
	}
	if (ui_list_key(ui, &rs->list, act))
		return UI_KEY_HANDLED;
	switch (act) {
	case ACT_OPEN:
		record_edit_field(ui, rs);
		return UI_KEY_HANDLED;
	case ACT_NEXT_PANE:
		if (rs->list.cursor + 1 < rs->list.nrows)
			rs->list.cursor++;
		return UI_KEY_HANDLED;
	case ACT_PREV_PANE:
		if (rs->list.cursor > 0)
			rs->list.cursor--;
		return UI_KEY_HANDLED;
	case ACT_BACK:
		return record_may_leave(ui, rs) ? UI_KEY_CLOSE :
		    UI_KEY_HANDLED;
	default:
		/* Q too: the frame asks before quitting (record_unsaved). */
		return UI_KEY_UNHANDLED;
	}
}

static int
record_unsaved(struct ui *ui, void *state)
{
	(void)ui;
	return record_dirty(state);
}

/* A text being edited takes every printable key. */
static int
record_typing(struct ui *ui, void *state)
{
	struct record_screen	*rs = state;

	(void)ui;
	return rs->editing >= 0;
}

/* Offers the draft of the record left by a signal, if there is one. */
static void
record_draft_find(struct ui *ui, struct record_screen *rs)
{
	struct draft	*d = NULL;
	char		*cause = NULL;

	if (store_draft_get(ui->store, ui->session->login, rs->spec.draft_kind,
	    rs->spec.draft_id, 0, &d, &cause) != 0) {
		ui_error(ui, "下書きを読めません: %s", cause);
		free(cause);
	} else if (d != NULL)
		record_draft_open(ui, rs, d);
}

static void *
record_open(struct ui *ui, const void *arg)
{
	const struct ui_record_spec	*spec = arg;
	struct record_screen		*rs;
	size_t				 i;

	rs = xcalloc(1, sizeof *rs);
	rs->spec = *spec;
	rs->editing = -1;
	rs->gloss_of = -1;
	ui_undo_init(&rs->undo);
	for (i = 0; i < rs->spec.nfields; i++)
		rs->spec.fields[i].initial = xstrdup(rs->spec.fields[i].value);
	ui_list_init(&rs->list, (long)rs->spec.nfields, rs);
	rs->list.draw_row = record_draw_row;
	rs->list.row_text = record_row_text;
	ui_flow_control_off();
	record_layout(ui, rs);
	if (rs->spec.draft && ui->session != NULL &&
	    ui->session->login != NULL)
		record_draft_find(ui, rs);
	return rs;
}

static void
record_close(struct ui *ui, void *state)
{
	struct record_screen	*rs = state;

	(void)ui;
	ui_flow_control_restore();
	if (rs->editing >= 0)
		ui_editor_free(&rs->ed);
	free(rs->ed_before);
	ui_undo_free(&rs->undo);
	store_draft_free(rs->draft);
	ui_conflict_free(&rs->conflict);
	ui_list_free(&rs->list);
	record_spec_free(&rs->spec);
	free(rs->gloss_value);
	free(rs->gloss);
	free(rs);
}

static void
record_refresh(struct ui *ui, void *state)
{
	struct record_screen	*rs = state;

	if (rs->draft != NULL)
		ui_conflict_relayout(&rs->conflict);
	record_layout(ui, state);
}

static char *
record_title(struct ui *ui, void *state)
{
	struct record_screen	*rs = state;

	(void)ui;
	return xstrdup(rs->spec.title != NULL ? rs->spec.title : "");
}

const struct screen_ops screen_record_ops = {
	.name = "record",
	.actions = record_actions,
	.nactions = sizeof record_actions / sizeof record_actions[0],
	.fixed_keys = record_fixed_keys,
	.nfixed_keys = sizeof record_fixed_keys / sizeof record_fixed_keys[0],
	.open = record_open,
	.draw = record_draw,
	.key = record_key,
	.refresh = record_refresh,
	.close = record_close,
	.title = record_title,
	.typing = record_typing,
	.unsaved = record_unsaved,
	.keep = record_keep
};
