/*
 * The workflow menu both entry forms share (C-t / F3): the actions the
 * user may take now on a result or an indicator's actual (submit,
 * confirm, return with a comment, back to draft), each asked for as it
 * needs (a confirmation, a reason), with the form's own save and
 * transition doing the work. And the same for several submitted entries
 * at once (my work, the roadmap): confirm them together, or return each
 * with a reason of its own.
 */
#ifndef SHISAKU_UI_WORKFLOW_H
#define SHISAKU_UI_WORKFLOW_H

#include "shisaku/ui.h"
#include "shisaku/workflow.h"

struct ui_workflow_form {
	void		*form;
	unsigned	 allowed;	/* workflow_actions() bits */
	int		 readonly;	/* the user may not edit the entry */
	int		 dirty;		/* unsaved changes */
	int		 saved;		/* a row exists (version not 0) */
	struct wf_item	 it;		/* to explain why nothing is allowed */
	const char	*what;		/* この実績 / この実績値 */
	const char	*owner;		/* 担当課 / 報告する課: who reads a return */
	/* Saves the form (force: even with nothing changed); 0 when saved. */
	int		(*save)(struct ui *ui, void *form, int force);
	/* Runs one transition; comment for WF_RETURN, else NULL. */
	int		(*transition)(struct ui *ui, void *form,
			    enum wf_action act, const char *comment);
};

/* Offers the allowed actions in a list and carries out the one chosen;
 * a submission saves unsaved changes first. */
void ui_workflow_menu(struct ui *ui, const struct ui_workflow_form *f);

/* A submitted entry to confirm or return with others. */
struct ui_workflow_entry {
	int		 is_indicator;	/* an indicator's actual, else an
					   item's result */
	long long	 id;		/* the indicator, else the node */
	int		 fy;
	const char	*label;		/* "No.4 民間企業…", named when its
					   reason is asked for */
};

/*
 * C-t on marked entries: offers to confirm the n entries together (one
 * question for all) or to return them, asking a reason for each in turn
 * (Esc stops there, a blank reason leaves that one). Each entry is read
 * again and, if still submitted, confirmed or returned in a transaction
 * of its own through the store's workflow functions (store-result.h,
 * store-actual.h), which write its history row; one that changed
 * meanwhile is left and the bottom line says why. Returns how many were
 * done, or -1 when the user chose nothing.
 */
int ui_workflow_batch(struct ui *ui, const struct ui_workflow_entry *v,
    size_t n);

#endif
