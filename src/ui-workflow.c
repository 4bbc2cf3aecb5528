/*
 * The workflow menu of the entry forms, and confirming or returning
 * several entries at once (see ui-workflow.h).
 */
#include <stdlib.h>

#include "shisaku/session.h"
#include "shisaku/store-actual.h"
#include "shisaku/store-result.h"
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

/*
 * Confirms (WF_CONFIRM) or returns (WF_RETURN with comment) one entry as
 * the user, in one transaction of its own, against the version read just
 * before. Returns 0, or -1 with *why.
 */
static int
ui_workflow_apply(struct ui *ui, const struct ui_workflow_entry *k,
    enum wf_action act, const char *comment, char **why)
{
	const char	*login = ui->session->login;
	char		*cause = NULL;
	int		 rc;

	*why = NULL;
	if (!k->is_indicator) {
		struct result_entry	*e = NULL;

		if (store_result_load(ui->store, k->id, k->fy, &e, &cause) != 0) {
			*why = cause;
			return -1;
		}
		if (e->state != WF_SUBMITTED) {
			*why = xasprintf("状態が変わっています（いまは%s）",
			    workflow_state_label(e->state));
			store_result_free(e);
			return -1;
		}
		rc = act == WF_CONFIRM ?
		    store_result_confirm(ui->store, e, login, e->ver, NULL,
		    &cause) :
		    store_result_return(ui->store, e, login, e->ver, comment,
		    NULL, &cause);
		store_result_free(e);
	} else {
		struct actual_entry	*e = NULL;

		if (store_actual_load(ui->store, k->id, k->fy, &e, &cause) != 0) {
			*why = cause;
			return -1;
		}
		if (e->state != WF_SUBMITTED) {
			*why = xasprintf("状態が変わっています（いまは%s）",
			    workflow_state_label(e->state));
			store_actual_free(e);
			return -1;
		}
		rc = act == WF_CONFIRM ?
		    store_actual_confirm(ui->store, e, login, e->ver, NULL,
		    &cause) :
		    store_actual_return(ui->store, e, login, e->ver, comment,
		    NULL, &cause);
		store_actual_free(e);
	}
	if (rc == 0)
		return 0;
	*why = cause != NULL ? cause : xstrdup("記録できませんでした");
	return -1;
}

int
ui_workflow_batch(struct ui *ui, const struct ui_workflow_entry *v, size_t n)
{
	char	*items[2], *q, *comment, *why, *first_why = NULL;
	size_t	 i, done = 0, failed = 0, skipped = 0;
	int	 c, stop = 0;

	if (n == 0)
		return -1;
	items[0] = xasprintf("確認する（%zu 件）", n);
	items[1] = xasprintf("差し戻す（%zu 件、1 件ずつ理由を入力）", n);
	c = ui_choose(ui, "まとめて", (const char *const *)items, 2, 0);
	free(items[0]);
	free(items[1]);
	if (c == 0) {
		q = xasprintf("%zu 件を確認済みにしますか", n);
		if (!ui_confirm(ui, q))
			c = -1;
		free(q);
	}
	if (c < 0)
		return -1;
	for (i = 0; i < n && !stop; i++) {
		comment = NULL;
		if (c == 1) {
			q = xasprintf("差戻しの理由（%zu/%zu %s）: ", i + 1, n,
			    v[i].label != NULL ? v[i].label : "");
			if (!ui_prompt(ui, q, NULL, &comment)) {
				free(q);
				stop = 1;
				break;
			}
			free(q);
			if (workflow_blank(comment)) {
				free(comment);
				skipped++;
				continue;
			}
		}
		if (ui_workflow_apply(ui, &v[i], c == 0 ? WF_CONFIRM : WF_RETURN,
		    comment, &why) == 0)
			done++;
		else {
			failed++;
			if (first_why == NULL)
				first_why = why;
			else
				free(why);
		}
		free(comment);
	}
	q = xasprintf("%zu 件を%sました%s%s", done, c == 0 ? "確認し" :
	    "差し戻し", skipped ? "（理由が空の分は差し戻していません）" : "",
	    stop ? "（残りは取りやめました）" : "");
	if (failed > 0)
		ui_error(ui, "%s。%zu 件はできませんでした: %s", q, failed,
		    first_why != NULL ? first_why : "");
	else
		ui_message(ui, "%s", q);
	free(q);
	free(first_why);
	return (int)done;
}
