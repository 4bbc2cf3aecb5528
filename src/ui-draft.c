/*
 * The choice a form offers about a draft left by a signal (ui-draft.h).
 */
#include <stdlib.h>

#include "shisaku/ui-draft.h"
#include "shisaku/util.h"

void
ui_draft_view(struct ui_conflict *c, const struct draft *d, int stale,
    const char *theirs_title)
{
	char	*heading, at[17];

	heading = xasprintf("前回（%s）保存されずに終わった入力が下書きとして"
	    "残っています%s。どちらを使いますか", at_minutes(d->saved_at, at),
	    stale ? "（その後、保存済みの版が更新されました）" : "");
	ui_conflict_init(c, heading, theirs_title);
	free(heading);
	ui_conflict_words(c, "下書き（保存されていない入力）",
	    "m: 下書きを入力欄に戻す   t: 下書きを捨てる   Esc: 後で決める"
	    "   j/k PgUp/PgDn: スクロール",
	    "下書きは残してあります。次に開いたときにもう一度尋ねます");
}

void
ui_draft_drop(struct ui *ui, const struct ui_draft_form *f)
{
	char	*cause = NULL;

	if (store_draft_drop(ui->store, ui->session->login, f->kind, f->id,
	    f->fy, &cause) != 0) {
		ui_error(ui, "下書きを消せません: %s", cause);
		free(cause);
	}
}

enum ui_key_result
ui_draft_key(struct ui *ui, const struct ui_draft_form *f,
    enum key_action act, int is_function, wint_t ch)
{
	struct draft		*d = *f->draft;
	enum ui_conflict_choice	 choice;

	choice = ui_conflict_key(ui, f->view, act, is_function, ch);
	switch (choice) {
	case UI_CONFLICT_MINE:
	case UI_CONFLICT_THEIRS:
	case UI_CONFLICT_BACK:
		*f->draft = NULL;
		ui_conflict_free(f->view);
		/* Into the fields, unsaved: the form asks before leaving. */
		if (choice == UI_CONFLICT_MINE)
			f->take(f->form, d);
		store_draft_free(d);
		if (choice == UI_CONFLICT_BACK)
			break;	/* kept; the view said so */
		ui_draft_drop(ui, f);
		if (choice == UI_CONFLICT_MINE)
			ui_message(ui, "下書きを入力欄に戻しました（まだ保存して"
			    "いません。C-s で保存します）");
		else
			ui_message(ui, "下書きを捨てました");
		break;
	case UI_CONFLICT_UNHANDLED:
		return UI_KEY_UNHANDLED;
	default:
		break;
	}
	return UI_KEY_HANDLED;
}
