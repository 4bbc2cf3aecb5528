/*
 * The workflow menu both entry forms share (C-t / F3): the actions the
 * user may take now on a result or an indicator's actual (submit,
 * confirm, return with a comment, back to draft), each asked for as it
 * needs (a confirmation, a reason), with the form's own save and
 * transition doing the work.
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

#endif
