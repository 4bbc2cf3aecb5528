/*
 * The departments screen (部署), opened with b from the plan list: every
 * department with its code, its name now, its earlier names with the
 * last year each was used, the year it was abolished, and how many
 * assignments and users it has; below the list, the department under
 * the cursor in full and what the last change did.
 *
 * A planner records the reorganisations of every April (機構改革) here,
 * as shisaku dept does on the command line: a (add) a department, m
 * (change) to rename it, merge it into another or abolish it, D to
 * abolish it. Each change asks from which fiscal year (何年度から, any
 * form fy_parse reads), asks for confirmation, and shows what the store
 * did: the assignments handed over or ended, the items left without a
 * department, the users still filed under the old one. Everyone else
 * sees the list and is told why the keys do nothing. The store checks
 * the role again inside its transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/fy.h"
#include "shisaku/store-dept.h"
#include "shisaku/store-result.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-list.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"
#include "shisaku/workflow.h"

/* Lines under the list: a rule, the department, its history, the last
 * change (up to four lines). */
#define DEPTS_RESULT_MAX 4
#define DEPTS_DETAIL_H (4 + DEPTS_RESULT_MAX)
#define DEPTS_NUM_W 7		/* each count column, at least */

static const enum key_action depts_actions[] = {
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
	ACT_SEARCH, ACT_SEARCH_NEXT, ACT_SEARCH_PREV, ACT_ADD, ACT_MODIFY,
	ACT_DELETE
};

struct depts_screen {
	struct dept_row	*rows;
	size_t		 n;
	struct ui_list	 list;
	int		 code_w, name_w, old_w, gone_w;
	int		 num_w;		/* each count column: the largest
					   count and a blank before it */
	int		 list_h;
	/* What the last change did, for the lines under the list. */
	char		**result;
	size_t		 nresult;
};

static const char *
depts_action_help(enum key_action act)
{
	switch (act) {
	case ACT_ADD:
		return "部署を追加（企画担当）";
	case ACT_MODIFY:
		return "名称変更・統合・廃止（企画担当）";
	case ACT_DELETE:
		return "部署を廃止（企画担当）";
	default:
		return NULL;
	}
}

static const char *const depts_notes_text[] = {
	"これまでの名前: 「〜R3 総務課」は令和3年度まで総務課と呼ばれていたこと",
	"廃止: その年度を最後に廃止された部署（次の年度からはありません）",
	"担当: 取組・施策の担当（終わったものも含む）、利用者: 所属する利用者",
	"変更はその年度から。それより前の年度は元の名前と担当のままです",
};

static const char *const *
depts_notes(struct ui *ui, size_t *n)
{
	(void)ui;
	*n = sizeof depts_notes_text / sizeof depts_notes_text[0];
	return depts_notes_text;
}

static void
depts_result_clear(struct depts_screen *ds)
{
	size_t	i;

	for (i = 0; i < ds->nresult; i++)
		free(ds->result[i]);
	free(ds->result);
	ds->result = NULL;
	ds->nresult = 0;
}

/* Adds a line to what the last change did (takes line). */
static void
depts_result_add(struct depts_screen *ds, char *line)
{
	ds->result = xreallocarray(ds->result, ds->nresult + 1,
	    sizeof *ds->result);
	ds->result[ds->nresult++] = line;
}

/* A short year, "R3" or "2021", as the display style says. */
static const char *
depts_fy(struct ui *ui, int fy, char buf[FY_BUFSZ])
{
	return fy_format_short(fy, ui->fy_style, buf, FY_BUFSZ);
}

/* "〜R3 総務課、〜R5 総務部総務課" (malloc'd; "" when none). */
static char *
depts_old_names(struct ui *ui, const struct dept_row *d)
{
	char	*s = xstrdup(""), *t, fy[FY_BUFSZ];
	size_t	 i;

	for (i = 0; i < d->nold; i++) {
		t = xasprintf("%s%s〜%s %s", s, i > 0 ? "、" : "",
		    depts_fy(ui, d->old[i].until_fy, fy), d->old[i].name);
		free(s);
		s = t;
	}
	return s;
}

/* Narrows *w by what is over, not below floor: what is still over. */
static int
depts_give(int *w, int floor, int over)
{
	int	give = *w - floor;

	if (over <= 0 || give <= 0)
		return over;
	if (give > over)
		give = over;
	*w -= give;
	return over - give;
}

static void
depts_layout(struct ui *ui, struct depts_screen *ds)
{
	char	*old, fy[FY_BUFSZ], gone[FY_BUFSZ + 16];
	size_t	 i;
	int	 h, cols, w, over;

	getmaxyx(ui_body(ui), h, cols);
	ds->code_w = 8;
	ds->name_w = 8;
	ds->old_w = 14;
	ds->gone_w = 4;
	ds->num_w = DEPTS_NUM_W;
	for (i = 0; i < ds->n; i++) {
		char	num[32];

		if ((w = snprintf(num, sizeof num, "%ld",
		    ds->rows[i].nassign) + 1) > ds->num_w)
			ds->num_w = w;
		if ((w = snprintf(num, sizeof num, "%ld",
		    ds->rows[i].nusers) + 1) > ds->num_w)
			ds->num_w = w;
	}
	for (i = 0; i < ds->n; i++) {
		if ((w = tw_width(ds->rows[i].code)) > ds->code_w)
			ds->code_w = w;
		if ((w = tw_width(ds->rows[i].name)) > ds->name_w)
			ds->name_w = w;
		old = depts_old_names(ui, &ds->rows[i]);
		if ((w = tw_width(old)) > ds->old_w)
			ds->old_w = w;
		free(old);
		if (ds->rows[i].abolished_after != 0) {
			snprintf(gone, sizeof gone, "%sまで",
			    depts_fy(ui, ds->rows[i].abolished_after, fy));
			if ((w = tw_width(gone)) > ds->gone_w)
				ds->gone_w = w;
		}
	}
	if (ds->code_w > 26)
		ds->code_w = 26;
	/* A name with its 部 (子ども未来部子育て支援課) is 12 to 15
	 * characters. */
	if (ds->name_w > 30)
		ds->name_w = 30;
	/* Too wide for the terminal: each column gives way in turn, down to
	 * a width it still reads at: earlier names first (they are on the
	 * detail lines whole), then the code, the earlier names to their
	 * least, the name, and so on. */
	over = 1 + ds->code_w + 1 + ds->name_w + 1 + ds->old_w + 1 +
	    ds->gone_w + 1 + 2 * ds->num_w + 1 - cols;
	over = depts_give(&ds->old_w, 16, over);
	over = depts_give(&ds->code_w, 16, over);
	over = depts_give(&ds->old_w, 10, over);
	over = depts_give(&ds->name_w, 20, over);
	over = depts_give(&ds->code_w, 8, over);
	(void)depts_give(&ds->name_w, 8, over);
	ds->list_h = h - 1 - DEPTS_DETAIL_H;
	if (ds->list_h < 1)
		ds->list_h = 1;
	ui_list_place(&ds->list, 1, 0, ds->list_h, cols);
}

static void
depts_put_right(WINDOW *win, int y, int x, const char *s, int w, attr_t a)
{
	int	sw = tw_width(s);

	ui_put(win, y, x + (sw < w ? w - sw : 0), s, w, 0, a);
}

static void
depts_draw_row(struct ui *ui, void *owner, long row, int y, int x, int cols,
    int selected)
{
	struct depts_screen	*ds = owner;
	const struct dept_row	*d = &ds->rows[row];
	WINDOW			*w = ui_body(ui);
	attr_t			 a = selected ? ui_attr(ui, UI_SELECT) : A_NORMAL;
	attr_t			 gone = d->abolished_after != 0 ?
				    ui_attr(ui, UI_DIM) : A_NORMAL;
	char			*old, num[32], fy[FY_BUFSZ], end[FY_BUFSZ + 16];
	int			 cx = x + 1;

	ui_put(w, y, x, "", cols, 1, a);
	ui_put_cell(w, y, cx, d->code, ds->code_w, 0, a | gone);
	cx += ds->code_w + 1;
	ui_put_cell(w, y, cx, d->name, ds->name_w, 0, a | gone | A_BOLD);
	cx += ds->name_w + 1;
	old = depts_old_names(ui, d);
	ui_put_cell(w, y, cx, old, ds->old_w, 0, a);
	free(old);
	cx += ds->old_w + 1;
	end[0] = '\0';
	if (d->abolished_after != 0)
		snprintf(end, sizeof end, "%sまで", depts_fy(ui,
		    d->abolished_after, fy));
	ui_put(w, y, cx, end, ds->gone_w, 0, a | ui_attr(ui, UI_MARK));
	cx += ds->gone_w + 1;
	snprintf(num, sizeof num, "%ld", d->nassign);
	depts_put_right(w, y, cx, num, ds->num_w, a);
	cx += ds->num_w;
	snprintf(num, sizeof num, "%ld", d->nusers);
	depts_put_right(w, y, cx, num, ds->num_w, d->nusers > 0 &&
	    d->abolished_after != 0 ? a | ui_attr(ui, UI_MARK) : a);
}

static char *
depts_row_text(void *owner, long row)
{
	struct depts_screen	*ds = owner;
	const struct dept_row	*d = &ds->rows[row];
	char			*s = xasprintf("%s %s %s", d->code, d->name, d->org), *t;
	size_t			 i;

	for (i = 0; i < d->nold; i++) {
		t = xasprintf("%s %s", s, d->old[i].name);
		free(s);
		s = t;
	}
	return s;
}

/* Reads the departments again, keeping the cursor on keep (0: where it
 * is). Returns 0, or -1 with the error shown. */
static int
depts_load(struct ui *ui, struct depts_screen *ds, long long keep)
{
	struct dept_row	*rows;
	size_t		 n, i;
	char		*cause = NULL;

	if (keep == 0 && ds->n > 0 && ds->list.cursor < (long)ds->n)
		keep = ds->rows[ds->list.cursor].id;
	if (store_dept_list(ui->store, &rows, &n, &cause) != 0) {
		ui_error(ui, "%s", cause != NULL ? cause : "部署を読めません");
		free(cause);
		return -1;
	}
	store_dept_list_free(ds->rows, ds->n);
	ds->rows = rows;
	ds->n = n;
	ui_list_set_rows(&ds->list, (long)n);
	for (i = 0; i < n; i++)
		if (rows[i].id == keep)
			ds->list.cursor = (long)i;
	ui_list_set_rows(&ds->list, (long)n);
	return 0;
}

static void *
depts_open(struct ui *ui, const void *arg)
{
	struct depts_screen	*ds;

	(void)arg;
	ds = xcalloc(1, sizeof *ds);
	ui_list_init(&ds->list, 0, ds);
	ds->list.draw_row = depts_draw_row;
	ds->list.row_text = depts_row_text;
	if (depts_load(ui, ds, 0) != 0) {
		ui_list_free(&ds->list);
		free(ds);
		return NULL;
	}
	depts_layout(ui, ds);
	return ds;
}

/* The department under the cursor in full, then what the last change
 * did. */
static void
depts_draw_detail(struct ui *ui, struct depts_screen *ds, WINDOW *w, int y,
    int cols)
{
	const struct dept_row	*d;
	char			*line, *hist, *t, *gone, a[FY_BUFSZ], b[FY_BUFSZ];
	size_t			 i;
	int			 x;

	for (x = 0; x < cols; x++)
		mvwaddch(w, y, x, '-');
	if (ds->n > 0) {
		d = &ds->rows[ds->list.cursor];
		line = xasprintf("%s（%s%s%s）", d->name, d->code,
		    d->org[0] != '\0' ? "、" : "", d->org);
		ui_put(w, y + 1, 1, line, cols - 2, 0, ui_attr(ui, UI_HEADER));
		free(line);
		/* The names in order: 〜R3 総務課 → R4〜 総務部総務課. */
		hist = xstrdup("");
		for (i = 0; i < d->nold; i++) {
			t = xasprintf("%s%s〜%s %s", hist, i > 0 ? " → " : "",
			    ui_fy(ui, d->old[i].until_fy, a), d->old[i].name);
			free(hist);
			hist = t;
		}
		line = d->nold > 0 ? xasprintf("名前: %s → %s〜 %s", hist,
		    ui_fy(ui, d->old[d->nold - 1].until_fy + 1, b), d->name) :
		    xasprintf("名前: %s（変更なし）", d->name);
		free(hist);
		ui_put(w, y + 2, 1, line, cols - 2, 0, A_NORMAL);
		free(line);
		if (d->abolished_after != 0) {
			/* Where its work went: the department it was
			 * merged into, or nowhere. */
			gone = d->merged_into != NULL ?
			    xasprintf("%sに統合", d->merged_into) :
			    xasprintf("%sからありません",
			    ui_fy(ui, d->abolished_after + 1, b));
			line = xasprintf("%sで廃止（%s）。担当 %ld 件、"
			    "所属する利用者 %ld 人%s", ui_fy(ui, d->abolished_after,
			    a), gone, d->nassign, d->nusers,
			    d->nusers > 0 ? "（所属の変更が必要）" : "");
			free(gone);
		} else
			line = xasprintf("担当 %ld 件、所属する利用者 %ld 人",
			    d->nassign, d->nusers);
		ui_put_cell(w, y + 3, 1, line, cols - 2, 0, d->abolished_after != 0 &&
		    d->nusers > 0 ? ui_attr(ui, UI_MARK) : A_NORMAL);
		free(line);
	}
	for (i = 0; i < ds->nresult && i < DEPTS_RESULT_MAX; i++)
		ui_put(w, y + 4 + (int)i, 1, ds->result[i], cols - 2, 0,
		    i == 0 ? ui_attr(ui, UI_HEADER) : A_NORMAL);
}

static void
depts_draw(struct ui *ui, void *state)
{
	struct depts_screen	*ds = state;
	WINDOW			*w = ui_body(ui);
	attr_t			 h = ui_attr(ui, UI_FROZEN);
	int			 cols = getmaxx(w), cx = 1;

	depts_layout(ui, ds);
	ui_put(w, 0, 0, "", cols, 1, h);
	ui_put(w, 0, cx, "コード", ds->code_w, 0, h);
	cx += ds->code_w + 1;
	ui_put(w, 0, cx, "名前", ds->name_w, 0, h);
	cx += ds->name_w + 1;
	ui_put(w, 0, cx, "これまでの名前", ds->old_w, 0, h);
	cx += ds->old_w + 1;
	ui_put(w, 0, cx, "廃止", ds->gone_w, 0, h);
	cx += ds->gone_w + 1;
	depts_put_right(w, 0, cx, "担当", ds->num_w, h);
	cx += ds->num_w;
	depts_put_right(w, 0, cx, "利用者", ds->num_w, h);
	if (ds->n == 0)
		ui_put(w, 2, 2, "部署がありません。企画担当は a で追加できます",
		    cols - 3, 0, ui_attr(ui, UI_DIM));
	else
		ui_list_draw(ui, &ds->list);
	depts_draw_detail(ui, ds, w, 1 + ds->list_h, cols);
}

/* 1 if the user may change departments; else 0 after saying why and
 * writing the refusal of what (「部署の追加」). */
static int
depts_allowed(struct ui *ui, const char *what)
{
	char	*why = NULL;

	if (workflow_may_manage_depts(ui->session, &why) == WF_ALLOW)
		return 1;
	ui_refuse(ui, 0, 0, 0, what, why);
	free(why);
	return 0;
}

/* Asks 何年度から until a year is read or the user gives up (Esc).
 * Returns the year, or 0. */
static int
depts_ask_year(struct ui *ui, const char *what)
{
	char	*answer = NULL, *typed, *cause = NULL, *q, fy[FY_BUFSZ];
	char	 era[FY_BUFSZ], full[FY_BUFSZ];
	int	 year = 0, next = ui_today_fy(ui) + 1;

	/* A reorganisation takes effect in April: the next fiscal year by
	 * the calendar by default, and the forms a year is written in are
	 * shown with that year. */
	typed = xstrdup(fy_format_short(next,
	    ui->fy_style == FY_STYLE_WESTERN ? FY_STYLE_WESTERN : FY_STYLE_ERA,
	    fy, sizeof fy));
	q = xasprintf("%sは何年度から（%s、%d、%s）: ", what,
	    fy_format_short(next, FY_STYLE_ERA, era, sizeof era), next,
	    fy_format(next, FY_STYLE_ERA, full, sizeof full));
	while (year == 0) {
		if (!ui_prompt(ui, q, typed, &answer))
			break;
		free(typed);
		typed = answer;
		if ((year = fy_parse(answer, &cause)) < 0) {
			ui_error(ui, "%s", cause != NULL ? cause :
			    "年度を読めません");
			free(cause);
			cause = NULL;
			year = 0;
		}
	}
	free(typed);
	free(q);
	return year;
}

/* Says why a change did not happen. */
static void
depts_fail(struct ui *ui, int rc, char *cause)
{
	ui_error(ui, "%s%s", cause != NULL ? cause : "変更できませんでした",
	    rc == STORE_BUSY ? "（しばらくしてからもう一度どうぞ）" : "");
	free(cause);
}

static void
depts_add(struct ui *ui, struct depts_screen *ds)
{
	char		*code = NULL, *name = NULL, *org = NULL, *cause = NULL;
	char		*org0;
	long long	 id = 0;
	int		 rc;

	if (!depts_allowed(ui, "部署の変更（追加）"))
		return;
	/* The organisation of the department under the cursor, copied: a
	 * resize during a question reloads the rows. */
	org0 = xstrdup(ds->n > 0 ? ds->rows[ds->list.cursor].org : "");
	if (!ui_prompt(ui, "新しい部署のコード（例: 総務部総務課、soumu）: ",
	    NULL, &code) || !ui_prompt(ui, "部署名: ", NULL, &name) ||
	    !ui_prompt(ui, "組織名（市町村名など）: ", org0, &org)) {
		ui_message(ui, "追加しませんでした");
		goto out;
	}
	if ((rc = store_dept_add(ui->store, ui->session->login, code, name, org,
	    &cause)) != 0) {
		depts_fail(ui, rc, cause);
		goto out;
	}
	depts_result_clear(ds);
	depts_result_add(ds, xasprintf("部署「%s」（%s）を追加しました", name,
	    code));
	if (store_dept_resolve(ui->store, code, &id, &cause) != 0) {
		free(cause);
		id = 0;
	}
	depts_load(ui, ds, id);
	ui_message(ui, "部署「%s」を追加しました", name);
out:
	free(org0);
	free(code);
	free(name);
	free(org);
}

static void
depts_rename(struct ui *ui, struct depts_screen *ds, long long id,
    const char *old)
{
	char	*name = NULL, *cause = NULL, *q, fy[FY_BUFSZ], prev[FY_BUFSZ];
	int	 year, rc;

	if (!ui_prompt(ui, "新しい部署名: ", old, &name) ||
	    (year = depts_ask_year(ui, "新しい名前")) == 0) {
		ui_message(ui, "名前を変えませんでした");
		free(name);
		return;
	}
	q = xasprintf("%sから「%s」を「%s」と呼びます。よろしいですか",
	    ui_fy(ui, year, fy), old, name);
	if (!ui_confirm(ui, q)) {
		ui_message(ui, "名前を変えませんでした");
		free(q);
		free(name);
		return;
	}
	free(q);
	if ((rc = store_dept_rename(ui->store, ui->session->login, id, name,
	    year, &cause)) != 0) {
		depts_fail(ui, rc, cause);
		free(name);
		return;
	}
	depts_result_clear(ds);
	depts_result_add(ds, xasprintf("%sから「%s」を「%s」と呼びます（%sまでは"
	    "元の名前のまま）", ui_fy(ui, year, fy), old, name,
	    ui_fy(ui, year - 1, prev)));
	ui_message(ui, "%sから「%s」と呼びます", ui_fy(ui, year, fy), name);
	free(name);
	depts_load(ui, ds, id);
}

/* "N 件: a、b、c" of a list, or "なし" (malloc'd). */
static char *
depts_joined(char *const *list, size_t n, const char *unit)
{
	char	*s, *t;
	size_t	 i;

	if (n == 0)
		return xstrdup("なし");
	s = xasprintf("%zu %s: %s", n, unit, list[0]);
	for (i = 1; i < n; i++) {
		t = xasprintf("%s、%s", s, list[i]);
		free(s);
		s = t;
	}
	return s;
}

/* The lines of what a merger or an abolition did: what happened, the
 * assignments, the items left without a department, the users still
 * filed under the old one (each list on one line, as much as fits; the
 * command line's shisaku dept list and user list say the rest). */
static void
depts_result_change(struct depts_screen *ds, const struct dept_change *c,
    const char *head, const char *old, const char *moved_also)
{
	char	*list;

	depts_result_clear(ds);
	depts_result_add(ds, xstrdup(head));
	depts_result_add(ds, xasprintf("担当 %zu 件を引き継ぎ、%zu 件を前年度で"
	    "終えました%s", c->nmoved, c->nended,
	    moved_also != NULL ? moved_also : ""));
	list = depts_joined(c->orphans, c->norphans, "件");
	depts_result_add(ds, xasprintf("担当課がなくなる取組 %s", list));
	free(list);
	list = depts_joined(c->clerks, c->nclerks, "人");
	depts_result_add(ds, xasprintf("「%s」に所属のままの利用者（所属の変更が"
	    "必要）%s", old, list));
	free(list);
}

static void
depts_merge(struct ui *ui, struct depts_screen *ds, long long id,
    const char *old)
{
	struct dept_change	 c;
	const char		**items, **names;
	long long		*ids, into;
	char			*cause = NULL, *q, *head, *target, *tail;
	char			 fy[FY_BUFSZ];
	const char		*org = "";
	size_t			 i;
	int			 n = 0, pick, year, rc, same;

	items = xcalloc(ds->n + 1, sizeof *items);
	names = xcalloc(ds->n + 1, sizeof *names);
	ids = xcalloc(ds->n + 1, sizeof *ids);
	for (i = 0; i < ds->n; i++)
		if (ds->rows[i].id == id)
			org = ds->rows[i].org;
	/* The departments of the same organisation first: a merger is
	 * nearly always within one city. */
	for (same = 1; same >= 0; same--)
		for (i = 0; i < ds->n; i++) {
			if (ds->rows[i].id == id ||
			    ds->rows[i].abolished_after != 0 ||
			    (strcmp(ds->rows[i].org, org) == 0) != same)
				continue;
			items[n] = xasprintf("%s（%s）", ds->rows[i].name,
			    ds->rows[i].code);
			names[n] = xstrdup(ds->rows[i].name);
			ids[n++] = ds->rows[i].id;
		}
	if (n == 0) {
		ui_error(ui, "統合先になる部署がありません（a で追加できます）");
		goto out;
	}
	q = xasprintf("「%s」の統合先", old);
	pick = ui_choose(ui, q, items, n, 0);
	free(q);
	if (pick < 0 || (year = depts_ask_year(ui, "統合")) == 0) {
		ui_message(ui, "統合しませんでした");
		goto out;
	}
	into = ids[pick];
	target = xstrdup(names[pick]);
	q = xasprintf("%sから「%s」を「%s」に統合します。よろしいですか",
	    ui_fy(ui, year, fy), old, target);
	rc = ui_confirm(ui, q);
	free(q);
	if (!rc) {
		ui_message(ui, "統合しませんでした");
		free(target);
		goto out;
	}
	if ((rc = store_dept_merge(ui->store, ui->session->login, id, into,
	    year, &c, &cause)) != 0) {
		depts_fail(ui, rc, cause);
		free(target);
		goto out;
	}
	head = xasprintf("%sから「%s」を「%s」に統合しました", ui_fy(ui, year, fy),
	    old, target);
	tail = xasprintf("（%sまでの分も%sの職員が入力します）",
	    ui_fy(ui, year - 1, fy), target);
	depts_result_change(ds, &c, head, old, tail);
	free(tail);
	ui_message(ui, "%s", head);
	free(head);
	free(target);
	store_dept_change_clear(&c);
	depts_load(ui, ds, into);
out:
	for (i = 0; i < (size_t)n; i++) {
		free((char *)items[i]);
		free((char *)names[i]);
	}
	free(items);
	free(names);
	free(ids);
}

static void
depts_abolish(struct ui *ui, struct depts_screen *ds, long long id,
    const char *old)
{
	struct dept_change	 c;
	char			*cause = NULL, *q, *head, fy[FY_BUFSZ];
	int			 year, rc;

	if ((year = depts_ask_year(ui, "廃止")) == 0) {
		ui_message(ui, "廃止しませんでした");
		return;
	}
	q = xasprintf("%sから「%s」を廃止します（担当はその前の年度で終わり"
	    "ます）。よろしいですか", ui_fy(ui, year, fy), old);
	rc = ui_confirm(ui, q);
	free(q);
	if (!rc) {
		ui_message(ui, "廃止しませんでした");
		return;
	}
	if ((rc = store_dept_abolish(ui->store, ui->session->login, id, year, &c,
	    &cause)) != 0) {
		depts_fail(ui, rc, cause);
		return;
	}
	head = xasprintf("%sから「%s」を廃止しました", ui_fy(ui, year, fy), old);
	depts_result_change(ds, &c, head, old, NULL);
	ui_message(ui, "%s", head);
	free(head);
	store_dept_change_clear(&c);
	depts_load(ui, ds, id);
}

static const char *const depts_change_choices[] = {
	"名前を変える（名称変更）",
	"他の部署に統合する",
	"廃止する",
};

static enum ui_key_result
depts_key(struct ui *ui, void *state, enum key_action act, int is_function,
    wint_t ch)
{
	struct depts_screen	*ds = state;
	long long		 id;
	char			*title, *name;
	int			 pick;

	(void)is_function;
	(void)ch;
	switch (act) {
	case ACT_ADD:
		depts_add(ui, ds);
		return UI_KEY_HANDLED;
	case ACT_MODIFY:
	case ACT_DELETE:
		if (!depts_allowed(ui, act == ACT_DELETE ? "部署の変更（廃止）" :
		    "部署の変更（名称変更・統合）"))
			return UI_KEY_HANDLED;
		if (ds->n == 0) {
			ui_error(ui, "部署がありません（a で追加できます）");
			return UI_KEY_HANDLED;
		}
		/* Copies: a resize during a question reloads the rows. */
		id = ds->rows[ds->list.cursor].id;
		name = xstrdup(ds->rows[ds->list.cursor].name);
		if (act == ACT_DELETE)
			pick = 2;
		else {
			title = xasprintf("「%s」を", name);
			pick = ui_choose(ui, title, depts_change_choices,
			    (int)(sizeof depts_change_choices /
			    sizeof depts_change_choices[0]), 0);
			free(title);
		}
		if (pick == 0)
			depts_rename(ui, ds, id, name);
		else if (pick == 1)
			depts_merge(ui, ds, id, name);
		else if (pick == 2)
			depts_abolish(ui, ds, id, name);
		free(name);
		return UI_KEY_HANDLED;
	default:
		return ui_list_key(ui, &ds->list, act) ? UI_KEY_HANDLED :
		    UI_KEY_UNHANDLED;
	}
}

static void
depts_refresh(struct ui *ui, void *state)
{
	struct depts_screen	*ds = state;

	depts_load(ui, ds, 0);
	depts_layout(ui, ds);
}

static void
depts_close(struct ui *ui, void *state)
{
	struct depts_screen	*ds = state;

	(void)ui;
	store_dept_list_free(ds->rows, ds->n);
	depts_result_clear(ds);
	ui_list_free(&ds->list);
	free(ds);
}

static char *
depts_title(struct ui *ui, void *state)
{
	struct depts_screen	*ds = state;

	return xasprintf("部署（機構改革）  %zu 件%s", ds->n,
	    workflow_may_manage_depts(ui->session, NULL) == WF_ALLOW ? "" :
	    "  [閲覧のみ]");
}

/* A planner's keys first on the bottom line; others may only read. */
static char *
depts_hint(struct ui *ui, void *state)
{
	char	a[16], m[16], d[16];

	(void)state;
	if (workflow_may_manage_depts(ui->session, NULL) != WF_ALLOW)
		return NULL;
	ui_key_name(ACT_ADD, a, sizeof a);
	ui_key_name(ACT_MODIFY, m, sizeof m);
	ui_key_name(ACT_DELETE, d, sizeof d);
	return xasprintf("%s:追加  %s:名称変更・統合・廃止  %s:廃止", a, m, d);
}

const struct screen_ops screen_depts_ops = {
	.name = "depts",
	.actions = depts_actions,
	.nactions = sizeof depts_actions / sizeof depts_actions[0],
	.open = depts_open,
	.draw = depts_draw,
	.key = depts_key,
	.refresh = depts_refresh,
	.close = depts_close,
	.title = depts_title,
	.notes = depts_notes,
	.action_help = depts_action_help,
	.hint = depts_hint,
	.changed = depts_refresh
};
