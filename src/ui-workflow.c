/*
 * The workflow menu of the entry forms (see ui-workflow.h).
 */
#include <stdlib.h>

#include "shisaku/ui-workflow.h"
#include "shisaku/util.h"

void
ui_workflow_menu(struct ui *ui, const struct ui_workflow_form *f)
{
	static const enum wf_action order[] = {
		WF_SUBMIT, WF_CONFIRM, WF_RETURN, WF_REOPEN
	};
	static const char *const labels[] = {
		"提出する", "確認する", "差し戻す（理由を入力）", "下書きに戻す"
	};
	const char	*items[4];
	enum wf_action	 acts[4];
	char		*why = NULL, *title, *comment = NULL, *q;
	int		 n = 0, c;
	size_t		 i;

	for (i = 0; i < sizeof order / sizeof order[0]; i++)
		if (f->allowed & (1u << order[i])) {
			acts[n] = order[i];
			items[n++] = labels[i];
		}
	/* What is not saved yet may be submitted: it is saved first. */
	if (n == 0 && !f->readonly && f->it.state == WF_NONE) {
		acts[n] = WF_SUBMIT;
		items[n++] = labels[0];
	}
	if (n == 0) {
		if (workflow_may(ui->session, &f->it, f->readonly ? WF_CONFIRM :
		    WF_SUBMIT, NULL, &why) == WF_DENY && why != NULL)
			ui_error(ui, "いまできる操作はありません（状態: %s）: %s",
			    workflow_state_label(f->it.state), why);
		else
			ui_error(ui, "いまできる操作はありません（状態: %s）",
			    workflow_state_label(f->it.state));
		free(why);
		return;
	}
	title = xasprintf("操作（状態: %s）", workflow_state_label(f->it.state));
	c = ui_choose(ui, title, items, n, 0);
	free(title);
	if (c < 0)
		return;
	if (acts[c] == WF_SUBMIT) {
		if ((f->dirty || !f->saved) && f->save(ui, f->form, 1) != 0)
			return;
		if (ui_confirm(ui, "提出しますか（確認されるまで編集できなくなります）"))
			f->transition(ui, f->form, WF_SUBMIT, NULL);
		return;
	}
	if (f->dirty) {
		ui_error(ui, "保存していない変更があります。先に保存してください"
		    "（C-s）");
		return;
	}
	switch (acts[c]) {
	case WF_CONFIRM:
		q = xasprintf("%sを確認済みにしますか", f->what);
		if (ui_confirm(ui, q))
			f->transition(ui, f->form, WF_CONFIRM, NULL);
		free(q);
		break;
	case WF_RETURN:
		if (!ui_prompt(ui, "差戻しの理由: ", NULL, &comment))
			break;
		if (workflow_blank(comment))
			ui_error(ui, "差戻しの理由を入力してください（%sに表示されます）",
			    f->owner);
		else
			f->transition(ui, f->form, WF_RETURN, comment);
		free(comment);
		break;
	default:
		if (ui_confirm(ui, "下書きに戻しますか"))
			f->transition(ui, f->form, WF_REOPEN, NULL);
		break;
	}
}
