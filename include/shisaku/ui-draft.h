/*
 * A draft left by a signal, offered when its form opens again: shown
 * beside the saved record (ui-conflict.h), m takes it into the fields
 * (unsaved), t throws it away, Esc leaves it for the next time. One
 * definition of the view's words and of what each choice does, for every
 * form that keeps drafts; the form says how its fields take a draft.
 */
#ifndef SHISAKU_UI_DRAFT_H
#define SHISAKU_UI_DRAFT_H

#include "shisaku/store-draft.h"
#include "shisaku/ui-conflict.h"
#include "shisaku/ui.h"

/* Starts the view of draft d in c: when it was left, whether the saved
 * version changed since (stale), theirs_title over the saved one. */
void ui_draft_view(struct ui_conflict *c, const struct draft *d, int stale,
    const char *theirs_title);

/* The form's draft, where it is kept, and how its fields take one. */
struct ui_draft_form {
	struct draft		**draft;	/* NULL once chosen */
	struct ui_conflict	 *view;
	enum draft_kind		  kind;
	long long		  id;
	int			  fy;
	void			(*take)(void *form, const struct draft *d);
	void			 *form;
};

/* Drops the user's draft of the form from the database; says so on the
 * status line if it cannot. */
void ui_draft_drop(struct ui *ui, const struct ui_draft_form *f);

/* A key while the draft is shown. */
enum ui_key_result ui_draft_key(struct ui *ui, const struct ui_draft_form *f,
    enum key_action act, int is_function, wint_t ch);

#endif
