/*
 * The "my work" screen (自分の仕事): what the user has to do now, across
 * every plan, read through store-mywork.h.
 *
 * A clerk sees, for each fiscal year open for entry (latest first, with
 * the year's deadline and the days left), the action items and the
 * indicators their department enters, grouped by state in the order that
 * needs doing: 差戻し (with the reason), 未入力, 下書き, 提出済, 確認済.
 * A supervisor or a planner sees every entry submitted and waiting for
 * confirmation, oldest submission first, then what is late.
 *
 * Enter (or E) opens the entry's form: an item's results form or an
 * indicator's actual form; back here (Esc), the list is read again and
 * the cursor stays on the same entry. S opens the sheet, H the history.
 * A reviewer marks submitted entries with Space and confirms them
 * together with C-t (F3), or returns each with a comment of its own:
 * every entry is its own transaction through the store's workflow
 * functions (ui_workflow_batch, shared with the roadmap), with its own
 * history row, so one refusal (the entry changed meanwhile) leaves the
 * others done. When another program changes the
 * database, the list is read again where it stands.
 *
 * Heading lines (years, states) are rows of the list that the cursor
 * steps over.
 */
#define _POSIX_C_SOURCE 200809L	/* clock_gettime */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "shisaku/fy.h"
#include "shisaku/screen-entry.h"
#include "shisaku/screen-indicator.h"
#include "shisaku/screen-pager.h"
#include "shisaku/screen-sheet.h"
#include "shisaku/store-change.h"
#include "shisaku/store-mywork.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-list.h"
#include "shisaku/ui-workflow.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"
#include "shisaku/workflow.h"

/* Keys read raw, as in the forms. */
#define MW_KEY_FLOW	20	/* C-t */

/* Under the list: a rule and three lines on the entry under the cursor. */
#define MW_DETAIL_H	4

/* A list that took longer than MW_SLOW seconds to read is read again on
 * others' changes at most every MW_RELOAD_GAP seconds. */
#define MW_SLOW		0.1
#define MW_RELOAD_GAP	2.0

static const enum key_action mw_actions[] = {
	ACT_UP, ACT_DOWN, ACT_PAGE_UP, ACT_PAGE_DOWN, ACT_TOP, ACT_BOTTOM,
	ACT_OPEN, ACT_EDIT, ACT_SHEET, ACT_FULLTEXT, ACT_HISTORY, ACT_TREE,
	ACT_SEARCH,
	ACT_SEARCH_NEXT, ACT_SEARCH_PREV
};

static const struct screen_fixed_key mw_fixed_keys[] = {
	{ "Space", "確認待ちの行に印を付ける・外す（管理職・企画担当）" },
	{ "C-t F3", "印を付けた行（なければカーソルの行）をまとめて確認・"
	    "差戻し（管理職・企画担当）" },
};

enum mw_line_kind { MW_L_YEAR, MW_L_GROUP, MW_L_ROW, MW_L_NOTE };

struct mw_line {
	enum mw_line_kind kind;
	size_t		 row;		/* MW_L_ROW: index into m->rows */
	char		*text;		/* headings and notes */
};

/* What identifies an entry across reloads. */
struct mw_key {
	enum mywork_kind kind;
	long long	 id;		/* node or indicator */
	int		 fy;
	int		 late;
};

/* Whose list, when: a list read for one is shown again to the same. */
struct mw_whose {
	struct store	*st;
	int		 review;
	long long	 dept;
	int		 today_fy;
	char		 today[11];	/* today_iso */
};

struct mw_screen {
	int		 review;	/* a reviewer's list */
	struct mywork	*m;
	int		 read;		/* m read for whose, at mark: */
	struct mw_whose	 whose;
	struct store_mark mark;
	struct mw_line	*lines;
	size_t		 nlines;
	struct ui_list	 list;
	struct mw_key	*marks;		/* marked submitted entries */
	size_t		 nmarks;
	size_t		 nwaiting, nlate;
	/* How many of the oldest waiting entries a reviewer's list reads:
	 * MYWORK_WAITING_FIRST, then all it lists once the cursor comes
	 * near the last of those (mw_read_more). */
	size_t		 waiting_want;
	/* How long the last read took and when it ended (seconds of the
	 * monotonic clock), and whether a change is waiting to be read: a
	 * list that is slow to read is read again at most every
	 * MW_RELOAD_GAP seconds as others commit, and at the next key. */
	double		 load_s, loaded_at;
	int		 stale;
	/* Layout for the current size, and the widest code and plan code
	 * of the rows read (the codes of a clerk's items as they are shown:
	 * mw_shown_row). */
	int		 cols, code_w, plan_w, detail_y;
	int		 rows_code_w, rows_plan_w;
};

/* ---- entries and keys ----------------------------------------------- */

static struct mw_key
mw_key_of(const struct mywork_row *r)
{
	struct mw_key	k;

	k.kind = r->kind;
	k.id = r->kind == MYWORK_ACTUAL ? r->indicator_id : r->node_id;
	k.fy = r->fy;
	k.late = r->late;
	return k;
}

static int
mw_key_eq(const struct mw_key *a, const struct mw_key *b)
{
	return a->kind == b->kind && a->id == b->id && a->fy == b->fy &&
	    a->late == b->late;
}

static const struct mywork_row *
mw_cursor_row(const struct mw_screen *ms)
{
	const struct mw_line	*l;

	if (ms->nlines == 0 || ms->list.cursor < 0 ||
	    (size_t)ms->list.cursor >= ms->nlines)
		return NULL;
	l = &ms->lines[ms->list.cursor];
	return l->kind == MW_L_ROW ? &ms->m->rows[l->row] : NULL;
}

/* Widens the code columns to row i's codes. */
static void
mw_measure(struct mw_screen *ms, size_t i)
{
	const struct mywork_row	*r = &ms->m->rows[i];
	int			 w;

	if ((w = tw_width(r->code)) > ms->rows_code_w)
		ms->rows_code_w = w;
	/* (Rows of a plan come together: its code measured once.) */
	if ((i == 0 || ms->m->rows[i - 1].plan_id != r->plan_id) &&
	    (w = tw_width(r->plan_code)) > ms->rows_plan_w)
		ms->rows_plan_w = w;
}

/* Row i of the list with its texts, read the first time it is shown
 * (a clerk's list holds thousands of items: store_mywork_fill). An error
 * is said when ui is given; the row is then shown without them. */
static const struct mywork_row *
mw_shown_row(struct ui *ui, struct mw_screen *ms, size_t i)
{
	char	*cause = NULL;

	if (ms->m->rows[i].unread) {
		/* (From the store the list was read from.) */
		if (store_mywork_fill(ms->whose.st, ms->m, i, &cause) != 0) {
			if (ui != NULL)
				ui_error(ui, "%s", cause);
			free(cause);
		}
		mw_measure(ms, i);
	}
	return &ms->m->rows[i];
}

/* The rows on the screen and the cursor's, with their texts, before the
 * columns are measured from them. */
static void
mw_fill_shown(struct ui *ui, struct mw_screen *ms)
{
	long	i;

	for (i = ms->list.top; i >= 0 && i < ms->list.top + ms->list.height &&
	    (size_t)i < ms->nlines; i++)
		if (ms->lines[i].kind == MW_L_ROW)
			(void)mw_shown_row(ui, ms, ms->lines[i].row);
	if (ms->list.cursor >= 0 && (size_t)ms->list.cursor < ms->nlines &&
	    ms->lines[ms->list.cursor].kind == MW_L_ROW)
		(void)mw_shown_row(ui, ms, ms->lines[ms->list.cursor].row);
}

static long
mw_mark_index(const struct mw_screen *ms, const struct mywork_row *r)
{
	struct mw_key	k = mw_key_of(r);
	size_t		i;

	for (i = 0; i < ms->nmarks; i++)
		if (mw_key_eq(&ms->marks[i], &k))
			return (long)i;
	return -1;
}

/* May the row be marked: a submitted entry waiting for review. */
static int
mw_markable(const struct mw_screen *ms, const struct mywork_row *r)
{
	return ms->review && r != NULL && !r->late &&
	    r->state == WF_SUBMITTED;
}

/* ---- building the lines -------------------------------------------- */

static void
mw_lines_free(struct mw_screen *ms)
{
	size_t	i;

	for (i = 0; i < ms->nlines; i++)
		free(ms->lines[i].text);
	free(ms->lines);
	ms->lines = NULL;
	ms->nlines = 0;
}

static void
mw_add(struct mw_screen *ms, enum mw_line_kind kind, size_t row, char *text)
{
	struct mw_line	*l;

	ms->lines = xreallocarray(ms->lines, ms->nlines + 1, sizeof *ms->lines);
	l = &ms->lines[ms->nlines++];
	l->kind = kind;
	l->row = row;
	l->text = text;
}

/* "入力期限 2026-06-30（あと 12 日）" for a year, or "" (malloc'd). */
static char *
mw_deadline_text(const char *deadline)
{
	long	days;

	if (deadline == NULL || deadline[0] == '\0')
		return xstrdup("入力期限なし");
	if (fy_days_until(deadline, time(NULL), &days) != 0)
		return xasprintf("入力期限 %s", deadline);
	if (days > 0)
		return xasprintf("入力期限 %s（あと %ld 日）", deadline, days);
	if (days == 0)
		return xasprintf("入力期限 %s（今日まで）", deadline);
	return xasprintf("入力期限 %s（%ld 日過ぎています）", deadline, -days);
}

/* The clerk's lines: a heading per open year, one per state group. */
static void
mw_build_clerk(struct ui *ui, struct mw_screen *ms)
{
	const struct mywork	*m = ms->m;
	char			 fy[FY_BUFSZ], *dl;
	size_t			 y, i, j, n;

	if (ui->session == NULL || ui->session->dept_id == 0) {
		mw_add(ms, MW_L_NOTE, 0, xstrdup("担当課が登録されていません"
		    "（企画担当に shisaku user set で担当課の登録を依頼して"
		    "ください）"));
		return;
	}
	if (m->nyears == 0) {
		mw_add(ms, MW_L_NOTE, 0, xstrdup("受付中の年度はありません"
		    "（企画担当が shisaku year open で受付を始めます）"));
		return;
	}
	for (y = 0; y < m->nyears; y++) {
		int	yfy = m->years[y].fy;

		dl = mw_deadline_text(m->years[y].deadline);
		for (n = 0, i = 0; i < m->nrows; i++)
			n += m->rows[i].fy == yfy;
		mw_add(ms, MW_L_YEAR, 0, xasprintf("%s  受付中  %s  %zu 件",
		    ui_fy(ui, yfy, fy), dl, n));
		free(dl);
		if (n == 0 && m->dept_abolished_after != 0 &&
		    yfy > m->dept_abolished_after) {
			/* Filed under a department a reorganisation ended:
			 * nothing is theirs until they are moved. */
			mw_add(ms, MW_L_NOTE, 0, xasprintf("  所属の「%s」は%sまでで"
			    "廃止（統合）されました。",
			    m->dept_name != NULL ? m->dept_name : "",
			    ui_fy(ui, m->dept_abolished_after, fy)));
			mw_add(ms, MW_L_NOTE, 0, xstrdup("  企画担当に所属の変更"
			    "（shisaku user set）を依頼してください"));
			continue;
		}
		if (n == 0) {
			mw_add(ms, MW_L_NOTE, 0, xstrdup("  この年度に担当の取組・"
			    "指標はありません"));
			continue;
		}
		for (i = 0; i < m->nrows; i = j) {
			if (m->rows[i].fy != yfy) {
				j = i + 1;
				continue;
			}
			for (j = i; j < m->nrows && m->rows[j].fy == yfy &&
			    m->rows[j].state == m->rows[i].state; j++)
				;
			mw_add(ms, MW_L_GROUP, 0, xasprintf("%s（%zu）",
			    workflow_state_label(m->rows[i].state), j - i));
			for (n = i; n < j; n++)
				mw_add(ms, MW_L_ROW, n, NULL);
		}
	}
}

/* Whether a reviewer's list has read fewer waiting entries than it can
 * list, and more wait. */
static int
mw_more_to_read(const struct mw_screen *ms)
{
	return ms->review && ms->m != NULL &&
	    ms->m->waiting_read < MYWORK_WAITING_MAX &&
	    ms->m->nwaiting > ms->nwaiting;
}

/* The reviewer's lines: waiting, then late. */
static void
mw_build_review(struct ui *ui, struct mw_screen *ms)
{
	const struct mywork	*m = ms->m;
	size_t			 i;

	(void)ui;
	ms->nwaiting = ms->nlate = 0;
	for (i = 0; i < m->nrows; i++) {
		if (m->rows[i].late)
			ms->nlate++;
		else
			ms->nwaiting++;
	}
	if (m->nwaiting > ms->nwaiting)
		mw_add(ms, MW_L_YEAR, 0, xasprintf("確認待ち（提出済）  %zu 件%s"
		    "  提出の古い順（古い %zu 件%s）", m->nwaiting,
		    m->waiting_count_cut ? "以上" : "", ms->nwaiting,
		    mw_more_to_read(ms) ? "、続きは下へ" : "を表示"));
	else
		mw_add(ms, MW_L_YEAR, 0, xasprintf("確認待ち（提出済）  %zu 件"
		    "  提出の古い順", ms->nwaiting));
	if (ms->nwaiting == 0)
		mw_add(ms, MW_L_NOTE, 0, xstrdup("  確認待ちはありません"));
	for (i = 0; i < m->nrows; i++)
		if (!m->rows[i].late)
			mw_add(ms, MW_L_ROW, i, NULL);
	mw_add(ms, MW_L_YEAR, 0, xasprintf("遅れ（入力期限を過ぎて未提出）"
	    "  %zu 件%s", ms->nlate, m->late_cut ? "以上（一部を表示）" : ""));
	if (ms->nlate == 0)
		mw_add(ms, MW_L_NOTE, 0, xstrdup("  遅れはありません"));
	for (i = 0; i < m->nrows; i++)
		if (m->rows[i].late)
			mw_add(ms, MW_L_ROW, i, NULL);
}

/* Puts the cursor on a row, stepping over headings in direction dir
 * (and the other way at an end). */
static void
mw_cursor_settle(struct mw_screen *ms, int dir)
{
	long	c = ms->list.cursor, k;

	if (ms->nlines == 0)
		return;
	for (k = c; k >= 0 && k < (long)ms->nlines; k += dir)
		if (ms->lines[k].kind == MW_L_ROW) {
			ms->list.cursor = k;
			goto done;
		}
	for (k = c; k >= 0 && k < (long)ms->nlines; k -= dir)
		if (ms->lines[k].kind == MW_L_ROW) {
			ms->list.cursor = k;
			goto done;
		}
done:
	ui_list_set_rows(&ms->list, (long)ms->nlines);
	/* Headings over the cursor stay in view: the whole top of the list
	 * while the cursor is on its first page, else the heading right
	 * above the cursor. */
	if (ms->list.cursor < ms->list.height)
		ms->list.top = 0;
	else if (ms->list.top == ms->list.cursor &&
	    ms->lines[ms->list.cursor - 1].kind != MW_L_ROW)
		ms->list.top--;
}

static double
mw_clock(void)
{
	struct timespec	t;

	if (clock_gettime(CLOCK_MONOTONIC, &t) != 0)
		return 0;
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/*
 * The list of the last screen closed, with whose it is and the database
 * when it was read: opened again while nothing is written (自分の仕事 is
 * opened and left again and again), it is shown without reading.
 */
static struct {
	struct mywork	*m;
	struct mw_whose	 whose;
	struct store_mark mark;
} mw_kept;

void
screen_mywork_forget(void)
{
	store_mywork_free(mw_kept.m);
	memset(&mw_kept, 0, sizeof mw_kept);
}

static int
mw_whose_eq(const struct mw_whose *a, const struct mw_whose *b)
{
	return a->st == b->st && a->review == b->review &&
	    a->dept == b->dept && a->today_fy == b->today_fy &&
	    strcmp(a->today, b->today) == 0;
}

/* Whose list the screen would read now. */
static void
mw_whose_now(struct ui *ui, const struct mw_screen *ms, struct mw_whose *whose)
{
	memset(whose, 0, sizeof *whose);
	whose->st = ui->store;
	whose->review = ms->review;
	whose->dept = ui->session != NULL ? ui->session->dept_id : 0;
	whose->today_fy = ui_today_fy(ui);
	today_iso(whose->today);
}

/* Whether the list shown is still the one to show: read for the same
 * user and day, as much of it as is wanted, nothing written since. */
static int
mw_current(struct ui *ui, const struct mw_screen *ms)
{
	struct mw_whose	whose;

	if (!ms->read || ms->m == NULL || ms->stale ||
	    ms->m->waiting_read < ms->waiting_want)
		return 0;
	mw_whose_now(ui, ms, &whose);
	return mw_whose_eq(&ms->whose, &whose) &&
	    !store_mark_changed(ui->store, &ms->mark);
}

/*
 * Reads the list again, keeping the cursor on the same entry (else near
 * where it was) and the marks that still apply. Returns 0, or -1 with
 * the error shown.
 */
static int
mw_load(struct ui *ui, struct mw_screen *ms)
{
	const struct mywork_row	*r = mw_cursor_row(ms);
	struct mywork		*m = NULL;
	struct mw_key		 keep = { 0, 0, 0, 0 };
	struct mw_whose		 whose;
	struct store_mark	 mark;
	char			*cause = NULL;
	size_t			 i, k, kept;
	long			 at = ms->list.cursor;
	int			 have = r != NULL, rc;

	if (have)
		keep = mw_key_of(r);
	ms->stale = 0;
	ms->loaded_at = mw_clock();
	mw_whose_now(ui, ms, &whose);
	if (mw_kept.m != NULL && mw_whose_eq(&mw_kept.whose, &whose) &&
	    mw_kept.m->waiting_read >= ms->waiting_want &&
	    !store_mark_changed(ui->store, &mw_kept.mark)) {
		/* The last screen's, nothing written since. */
		m = mw_kept.m;
		mark = mw_kept.mark;
		mw_kept.m = NULL;
		rc = 0;
	} else {
		screen_mywork_forget();
		store_mark_take(ui->store, &mark);
		rc = ms->review ? store_mywork_review(ui->store, whose.today,
		    whose.today_fy, ms->waiting_want, &m, &cause) :
		    store_mywork_clerk(ui->store, whose.dept, &m, &cause);
	}
	if (rc != 0) {
		ui_error(ui, "%s", cause != NULL ? cause :
		    "自分の仕事を読み込めません");
		free(cause);
		return -1;
	}
	ms->load_s = mw_clock() - ms->loaded_at;
	ms->loaded_at += ms->load_s;
	store_mywork_free(ms->m);
	ms->m = m;
	ms->rows_code_w = ms->rows_plan_w = 0;
	for (i = 0; i < m->nrows; i++)
		mw_measure(ms, i);
	/* (A list kept from the last screen may hold more.) */
	if (m->waiting_read > ms->waiting_want)
		ms->waiting_want = m->waiting_read;
	ms->read = 1;
	ms->whose = whose;
	ms->mark = mark;
	mw_lines_free(ms);
	if (ms->review)
		mw_build_review(ui, ms);
	else
		mw_build_clerk(ui, ms);
	/* Marks of entries no longer waiting go. */
	for (i = kept = 0; i < ms->nmarks; i++) {
		for (k = 0; k < m->nrows; k++) {
			struct mw_key	rk = mw_key_of(&m->rows[k]);

			if (mw_key_eq(&rk, &ms->marks[i]) &&
			    m->rows[k].state == WF_SUBMITTED)
				break;
		}
		if (k < m->nrows)
			ms->marks[kept++] = ms->marks[i];
	}
	ms->nmarks = kept;
	ui_list_set_rows(&ms->list, (long)ms->nlines);
	ms->list.cursor = at < 0 ? 0 : at;
	if (have)
		for (i = 0; i < ms->nlines; i++) {
			struct mw_key	lk;

			if (ms->lines[i].kind != MW_L_ROW)
				continue;
			lk = mw_key_of(&m->rows[ms->lines[i].row]);
			if (mw_key_eq(&lk, &keep)) {
				ms->list.cursor = (long)i;
				break;
			}
		}
	mw_cursor_settle(ms, 1);
	return 0;
}

/*
 * A reviewer's list opens on the oldest MYWORK_WAITING_FIRST entries
 * waiting: when the last of those comes within a screen's height of the
 * cursor and more wait, the rest it lists are read, the cursor staying
 * on its entry. Returns 0, or -1 with the error shown.
 */
static int
mw_read_more(struct ui *ui, struct mw_screen *ms)
{
	long	i, last = -1;

	if (!mw_more_to_read(ms))
		return 0;
	for (i = 0; i < (long)ms->nlines; i++)
		if (ms->lines[i].kind == MW_L_ROW &&
		    !ms->m->rows[ms->lines[i].row].late)
			last = i;
	if (last < 0 || last > ms->list.cursor + ms->list.height)
		return 0;
	ms->waiting_want = MYWORK_WAITING_MAX;
	return mw_load(ui, ms);
}

/*
 * A search (/ n N) of a reviewer's list goes over every entry it lists:
 * the rest of the oldest MYWORK_WAITING_MAX waiting are read first, the
 * cursor staying on its entry. Found nowhere while more wait than are
 * listed, it says where else to look.
 */
static int
mw_search(struct ui *ui, struct mw_screen *ms, enum key_action act)
{
	if (mw_more_to_read(ms)) {
		ms->waiting_want = MYWORK_WAITING_MAX;
		if (mw_load(ui, ms) != 0)
			return UI_KEY_HANDLED;
	}
	(void)ui_list_key(ui, &ms->list, act);
	mw_cursor_settle(ms, act == ACT_SEARCH_PREV ? -1 : 1);
	if (ms->list.missed && ms->list.search != NULL &&
	    ms->list.search[0] != '\0' && ms->m != NULL &&
	    ms->m->nwaiting > ms->nwaiting)
		ui_message(ui, "見つかりません: %s（表示は古い %zu 件まで。"
		    "施策体系の E で確認）", ms->list.search, ms->nwaiting);
	return UI_KEY_HANDLED;
}

/* ---- drawing ---------------------------------------------------------- */

static void
mw_layout(struct ui *ui, struct mw_screen *ms)
{
	int	h, cols, list_h;

	getmaxyx(ui_body(ui), h, cols);
	ms->cols = cols;
	ms->code_w = ms->rows_code_w > 4 ? ms->rows_code_w : 4;
	ms->plan_w = ms->rows_plan_w > 8 ? ms->rows_plan_w : 8;
	if (ms->code_w > 12)
		ms->code_w = 12;
	/* The plan's code whole, as long as codes are (the title has the
	 * rest of the row). */
	if (ms->plan_w > 24)
		ms->plan_w = 24;
	list_h = h - MW_DETAIL_H;
	if (list_h < 1)
		list_h = 1;
	ms->detail_y = list_h;
	ui_list_place(&ms->list, 0, 0, list_h, cols);
}

/* "MM-DD HH:MM" of an ISO time ("" stays ""). */
static void
mw_short_time(const char *at, char *buf, size_t size)
{
	if (strlen(at) >= 16)
		snprintf(buf, size, "%.5s %.5s", at + 5, at + 11);
	else
		snprintf(buf, size, "%s", at);
}

/* The entry's name: the item, or the indicator and where it hangs, the
 * node's code left out when the code column shows it whole. */
static char *
mw_entry_text(const struct mywork_row *r, int code_w)
{
	int	code = r->code[0] != '\0' && tw_width(r->code) > code_w;

	if (r->kind == MYWORK_ACTUAL)
		return xasprintf("指標「%s」（%s%s%s）", r->title,
		    code ? r->code : "", code ? " " : "", r->where);
	return xstrdup(r->title);
}

static void
mw_draw_row(struct ui *ui, void *owner, long row, int y, int x, int cols,
    int selected)
{
	struct mw_screen	*ms = owner;
	const struct mw_line	*l = &ms->lines[row];
	const struct mywork_row	*r;
	WINDOW			*w = ui_body(ui);
	attr_t			 a = selected ? ui_attr(ui, UI_SELECT) :
				    A_NORMAL;
	char			 fy[FY_BUFSZ], t[32], *text;
	int			 cx = x, right_w;

	if (l->kind == MW_L_YEAR) {
		ui_put(w, y, x, l->text, cols, 1, ui_attr(ui, UI_HEADER));
		return;
	}
	if (l->kind == MW_L_GROUP) {
		ui_put(w, y, x, "", cols, 1, A_NORMAL);
		ui_put(w, y, x + 1, l->text, cols - 1, 0,
		    strncmp(l->text, "差戻し", strlen("差戻し")) == 0 ?
		    ui_attr(ui, UI_MARK) : A_BOLD);
		return;
	}
	if (l->kind == MW_L_NOTE) {
		ui_put(w, y, x, l->text, cols, 1, ui_attr(ui, UI_DIM));
		return;
	}
	r = mw_shown_row(ui, ms, l->row);
	ui_put(w, y, x, "", cols, 1, a);
	cx = x + 1;
	if (ms->review) {
		ui_put(w, y, cx, mw_mark_index(ms, r) >= 0 ? "[*]" :
		    mw_markable(ms, r) ? "[ ]" : "   ", 3, 0, a | A_BOLD);
		cx += 4;
		if (!r->late) {
			mw_short_time(r->at, t, sizeof t);
			ui_put(w, y, cx, t, 11, 0, a);
		} else
			ui_put(w, y, cx, workflow_state_label(r->state), 11, 0,
			    r->state == WF_RETURNED ? a | ui_attr(ui, UI_MARK) :
			    a);
		cx += 12;
		ui_put(w, y, cx, fy_format_short(r->fy, ui->fy_style, fy,
		    sizeof fy), 4, 0, a);
		cx += 5;
		if (cols >= 100) {
			ui_put_cell(w, y, cx, r->dept_name, 16, 0, a);
			cx += 17;
		} else {
			ui_put_cell(w, y, cx, r->dept_name, 10, 0, a);
			cx += 11;
		}
		right_w = 0;
	} else {
		cx += 2;
		right_w = cols >= 100 ? ms->plan_w + 1 : 0;
	}
	ui_put_cell(w, y, cx, r->code, ms->code_w, 0, a);
	cx += ms->code_w + 1;
	text = mw_entry_text(r, ms->code_w);
	ui_put_cell(w, y, cx, text, cols - (cx - x) - right_w - 1, 0,
	    r->kind == MYWORK_ACTUAL ? a : a | A_BOLD);
	free(text);
	if (right_w > 0)
		ui_put_cell(w, y, x + cols - right_w, r->plan_code, right_w - 1, 0,
		    a | ui_attr(ui, UI_DIM));
}

static char *
mw_row_text(void *owner, long row)
{
	struct mw_screen	*ms = owner;
	const struct mw_line	*l = &ms->lines[row];
	const struct mywork_row	*r;

	if (l->kind != MW_L_ROW)
		return NULL;
	r = mw_shown_row(NULL, ms, l->row);
	return xasprintf("%s %s %s %s %s %s", r->code, r->title, r->where,
	    r->dept_name, r->plan_code, r->plan_name);
}

/* Under the list: the entry under the cursor in full. */
static void
mw_draw_detail(struct ui *ui, struct mw_screen *ms, WINDOW *w)
{
	const struct mywork_row	*r = mw_cursor_row(ms);
	int			 y = ms->detail_y, cols = ms->cols, i;
	char			 fy[FY_BUFSZ], *t, *who, *yr, *state, at[17];
	const char		*parts[5];
	static const int	 shrink[5] = { 0, 1, 0, 1, 0 };

	for (i = 0; i < cols; i++)
		mvwaddch(w, y, i, '-');
	if (r == NULL)
		return;
	/* The plan's name and the department give way, so the state
	 * after them stays on the line. */
	yr = xasprintf("%s  ", ui_fy(ui, r->fy, fy));
	state = xasprintf("  %s", workflow_state_label(r->state));
	parts[0] = yr;
	parts[1] = r->plan_name;
	parts[2] = "  担当: ";
	parts[3] = r->dept_name[0] ? r->dept_name : "—";
	parts[4] = state;
	t = tw_fit_parts(parts, shrink, 5, cols - 2, 8);
	ui_put_cell(w, y + 1, 1, t, cols - 2, 0, ui_attr(ui, UI_HEADER));
	free(t);
	free(yr);
	free(state);
	t = r->kind == MYWORK_ACTUAL ? xasprintf("指標: %s（%s%s%s）",
	    r->title, r->code, r->code[0] ? " " : "", r->where) :
	    xasprintf("取組: %s%s%s", r->code, r->code[0] ? " " : "",
	    r->title);
	ui_put_cell(w, y + 2, 1, t, cols - 2, 0, A_NORMAL);
	free(t);
	if (r->state == WF_RETURNED && r->return_comment[0] != '\0')
		t = xasprintf("差戻しの理由: %s", r->return_comment);
	else if (r->entered_by[0] != '\0') {
		who = ui_who(ui, r->entered_by);
		t = xasprintf("%s: %s %s", r->state == WF_SUBMITTED ?
		    "提出" : "入力", who, at_minutes(r->at, at));
		free(who);
	} else if (r->state != WF_NONE)
		t = xstrdup("計画ファイルから読み込み（入力者の記録なし）");
	else
		t = xstrdup("まだ入力されていません");
	ui_put_cell(w, y + 3, 1, t, cols - 2, 0, r->state == WF_RETURNED ?
	    ui_attr(ui, UI_ERROR) : ui_attr(ui, UI_DIM));
	free(t);
}

static void
mw_draw(struct ui *ui, void *state)
{
	struct mw_screen	*ms = state;
	WINDOW			*w = ui_body(ui);

	mw_layout(ui, ms);
	if (ms->nlines > 0) {
		mw_fill_shown(ui, ms);
		mw_layout(ui, ms);
	}
	if (ms->nlines == 0) {
		ui_put(w, 1, 2, "表示するものはありません", ms->cols - 3, 0,
		    ui_attr(ui, UI_DIM));
		return;
	}
	ui_list_draw(ui, &ms->list);
	mw_draw_detail(ui, ms, w);
	/* The status line names the plan of the entry under the cursor. */
	if (mw_cursor_row(ms) != NULL)
		ui->plan_id = mw_cursor_row(ms)->plan_id;
}

/* ---- opening an entry ------------------------------------------------- */

static void
mw_open_entry(struct ui *ui, struct mw_screen *ms)
{
	const struct mywork_row	*r = mw_cursor_row(ms);

	if (r == NULL) {
		ui_message(ui, "開くものがありません");
		return;
	}
	ui->plan_id = r->plan_id;
	ui->fy = r->fy;
	if (r->kind == MYWORK_ACTUAL) {
		struct screen_actual_arg	a = { r->indicator_id, r->fy };

		ui_push(ui, &screen_actual_ops, &a);
	} else {
		struct screen_entry_arg		a = { r->node_id, r->fy };

		ui_push(ui, &screen_entry_ops, &a);
	}
}

/* ---- confirming and returning together --------------------------------- */

/* The entries the workflow key acts on: the marked ones, else the one
 * under the cursor. *n of them (malloc'd; NULL when none). */
static struct mw_key *
mw_targets(struct mw_screen *ms, size_t *n)
{
	const struct mywork_row	*r = mw_cursor_row(ms);
	struct mw_key		*v;

	*n = 0;
	if (ms->nmarks > 0) {
		v = xcalloc(ms->nmarks, sizeof *v);
		memcpy(v, ms->marks, ms->nmarks * sizeof *v);
		*n = ms->nmarks;
		return v;
	}
	if (!mw_markable(ms, r))
		return NULL;
	v = xcalloc(1, sizeof *v);
	v[0] = mw_key_of(r);
	*n = 1;
	return v;
}

/* The row of key k in the list now, or NULL. */
static const struct mywork_row *
mw_row_of(const struct mw_screen *ms, const struct mw_key *k)
{
	size_t	i;

	for (i = 0; i < ms->m->nrows; i++) {
		struct mw_key	rk = mw_key_of(&ms->m->rows[i]);

		if (mw_key_eq(&rk, k))
			return &ms->m->rows[i];
	}
	return NULL;
}

/* C-t: confirm the marked entries together, or return each with its own
 * comment (the workflow menu's batch, ui-workflow.h). */
static void
mw_workflow(struct ui *ui, struct mw_screen *ms)
{
	struct ui_workflow_entry	*e;
	const struct mywork_row		*r;
	struct mw_key			*v;
	char				**labels;
	size_t				 n, i;

	if (!ms->review) {
		ui_refuse(ui, 0, 0, 0, "まとめての確認・差戻し", "まとめての確認・"
		    "差戻しは管理職と企画担当の操作です（入力は Enter で開く画面で）");
		return;
	}
	if (ui->session->readonly_why != NULL) {
		ui_error(ui, "確認・差戻しはできません: 読み取り専用で開いています"
		    "（%s）", ui->session->readonly_why);
		return;
	}
	if ((v = mw_targets(ms, &n)) == NULL) {
		ui_error(ui, "確認待ちの行で C-t を押すか、Space で印を付けて"
		    "ください");
		return;
	}
	e = xcalloc(n, sizeof *e);
	labels = xcalloc(n, sizeof *labels);
	for (i = 0; i < n; i++) {
		r = mw_row_of(ms, &v[i]);
		labels[i] = r == NULL ? xstrdup("") : xasprintf("%s%s%s",
		    r->code, r->code[0] ? " " : "", r->title);
		e[i].is_indicator = v[i].kind == MYWORK_ACTUAL;
		e[i].id = v[i].id;
		e[i].fy = v[i].fy;
		e[i].label = labels[i];
	}
	if (ui_workflow_batch(ui, e, n) >= 0) {
		ms->nmarks = 0;
		mw_load(ui, ms);
	}
	for (i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(e);
	free(v);
}

/* Space: marks or unmarks the entry under the cursor, then moves on. */
static void
mw_toggle_mark(struct ui *ui, struct mw_screen *ms)
{
	const struct mywork_row	*r = mw_cursor_row(ms);
	long			 i;

	if (!ms->review) {
		ui_message(ui, "印は確認待ちの一覧で付けます（管理職・企画担当）");
		return;
	}
	if (!mw_markable(ms, r)) {
		ui_message(ui, "印を付けられるのは確認待ち（提出済）の行です");
		return;
	}
	if ((i = mw_mark_index(ms, r)) >= 0) {
		ms->marks[i] = ms->marks[--ms->nmarks];
	} else {
		ms->marks = xreallocarray(ms->marks, ms->nmarks + 1,
		    sizeof *ms->marks);
		ms->marks[ms->nmarks++] = mw_key_of(r);
	}
	ui_message(ui, "印: %zu 件（C-t でまとめて確認・差戻し）", ms->nmarks);
	if (ms->list.cursor + 1 < (long)ms->nlines) {
		ms->list.cursor++;
		mw_cursor_settle(ms, 1);
	}
}

/* ---- keys ------------------------------------------------------------- */

static enum ui_key_result
mw_key(struct ui *ui, void *state, enum key_action act, int is_function,
    wint_t ch)
{
	struct mw_screen	*ms = state;
	const struct mywork_row	*r = mw_cursor_row(ms);
	long			 before = ms->list.cursor;
	long long		 id;

	if (ms->stale && ui->session != NULL && ui->session->role != ROLE_NONE) {
		mw_load(ui, ms);
		r = mw_cursor_row(ms);
		before = ms->list.cursor;
	}
	mw_layout(ui, ms);
	if (!is_function && ch == ' ') {
		mw_toggle_mark(ui, ms);
		return UI_KEY_HANDLED;
	}
	if ((!is_function && ch == MW_KEY_FLOW) ||
	    (is_function && ch == KEY_F(3))) {
		mw_workflow(ui, ms);
		return UI_KEY_HANDLED;
	}
	switch (act) {
	case ACT_OPEN:
	case ACT_EDIT:
		mw_open_entry(ui, ms);
		return UI_KEY_HANDLED;
	case ACT_SHEET:
		if (r == NULL)
			return UI_KEY_HANDLED;
		if (r->node_id == 0) {
			ui_message(ui, "計画全体の指標です（項目のシートはありません）");
			return UI_KEY_HANDLED;
		}
		ui->plan_id = r->plan_id;
		id = r->node_id;
		ui_push(ui, &screen_sheet_ops, &id);
		return UI_KEY_HANDLED;
	case ACT_FULLTEXT:
		/* The item's text, or the text of the node (or plan) an
		 * indicator is on. */
		if (r == NULL)
			return UI_KEY_HANDLED;
		ui->plan_id = r->plan_id;
		if (r->node_id == 0)
			screen_pager_plan(ui, r->plan_id);
		else
			screen_pager_node(ui, r->node_id, r->fy);
		return UI_KEY_HANDLED;
	case ACT_HISTORY:
		if (r != NULL)
			screen_sheet_history(ui, r->node_id,
			    r->kind == MYWORK_ACTUAL ? r->indicator_id : 0,
			    r->fy);
		return UI_KEY_HANDLED;
	case ACT_TREE:
		if (r == NULL)
			return UI_KEY_HANDLED;
		ui->plan_id = r->plan_id;
		id = r->plan_id;
		ui_push(ui, &screen_tree_ops, &id);
		return UI_KEY_HANDLED;
	case ACT_SEARCH:
	case ACT_SEARCH_NEXT:
	case ACT_SEARCH_PREV:
		return mw_search(ui, ms, act);
	default:
		if (ui_list_key(ui, &ms->list, act)) {
			mw_cursor_settle(ms, ms->list.cursor < before ? -1 : 1);
			(void)mw_read_more(ui, ms);
			return UI_KEY_HANDLED;
		}
		return UI_KEY_UNHANDLED;
	}
}

/* ---- the screen ------------------------------------------------------- */

static void *
mw_open(struct ui *ui, const void *arg)
{
	struct mw_screen	*ms;
	enum role		 role = ui->session != NULL ? ui->session->role :
				    ROLE_NONE;

	(void)arg;
	ms = xcalloc(1, sizeof *ms);
	ms->review = role == ROLE_SUPERVISOR || role == ROLE_PLANNER;
	/* (A clerk's list has no entries waiting: 0, and the list kept
	 * from the last screen is its own, whatever it read.) */
	ms->waiting_want = ms->review ? MYWORK_WAITING_FIRST : 0;
	ui_list_init(&ms->list, 0, ms);
	ms->list.draw_row = mw_draw_row;
	ms->list.row_text = mw_row_text;
	mw_layout(ui, ms);
	if (role == ROLE_NONE) {
		ms->m = xcalloc(1, sizeof *ms->m);
		mw_add(ms, MW_L_NOTE, 0, xstrdup("閲覧のみの利用者には担当の仕事は"
		    "ありません（利用者の登録は企画担当が shisaku user add で"
		    "行います）"));
	} else if (mw_load(ui, ms) != 0) {
		ui_list_free(&ms->list);
		free(ms);
		return NULL;
	}
	mw_layout(ui, ms);
	/* (A screen taller than the first entries read.) */
	(void)mw_read_more(ui, ms);
	return ms;
}

/* Back on the list (or asked to show it again): read again unless the
 * list shown is current. A department's list holds thousands of items,
 * and an entry opened and left as it was changes none of them. */
static void
mw_refresh(struct ui *ui, void *state)
{
	struct mw_screen	*ms = state;

	if (ui->session != NULL && ui->session->role != ROLE_NONE &&
	    !mw_current(ui, ms))
		mw_load(ui, ms);
	mw_layout(ui, ms);
}

/* Others committed a change: read again, unless the list is slow to
 * read and was read a moment ago (then at the next key, or the next
 * change after the gap). */
static void
mw_changed(struct ui *ui, void *state)
{
	struct mw_screen	*ms = state;

	if (ms->load_s > MW_SLOW && mw_clock() - ms->loaded_at < MW_RELOAD_GAP) {
		ms->stale = 1;
		return;
	}
	mw_refresh(ui, state);
}

static void
mw_close(struct ui *ui, void *state)
{
	struct mw_screen	*ms = state;

	(void)ui;
	/* The list read is kept for the next opening. */
	if (ms->read) {
		screen_mywork_forget();
		mw_kept.m = ms->m;
		mw_kept.whose = ms->whose;
		mw_kept.mark = ms->mark;
	} else
		store_mywork_free(ms->m);
	mw_lines_free(ms);
	ui_list_free(&ms->list);
	free(ms->marks);
	free(ms);
}

static char *
mw_title(struct ui *ui, void *state)
{
	struct mw_screen	*ms = state;
	const struct session	*s = ui->session;

	/* (All that wait, not only those listed.) */
	if (ms->review)
		return xasprintf("自分の仕事 > 確認待ち %zu 件%s・遅れ %zu 件%s",
		    ms->m != NULL ? ms->m->nwaiting : ms->nwaiting,
		    ms->m != NULL && ms->m->waiting_count_cut ? "以上" : "",
		    ms->nlate, ms->m != NULL && ms->m->late_cut ? "以上" : "");
	return xasprintf("自分の仕事 > %s", s != NULL && s->dept_name != NULL &&
	    s->dept_name[0] ? s->dept_name : "担当課なし");
}

/* The year of the entry under the cursor, else the latest open one. */
static int
mw_shown_fy(struct ui *ui, void *state)
{
	struct mw_screen	*ms = state;
	const struct mywork_row	*r = mw_cursor_row(ms);

	if (r != NULL)
		return r->fy;
	if (ms->m != NULL && ms->m->nyears > 0)
		return ms->m->years[0].fy;
	return ui->fy;
}

static char *
mw_hint(struct ui *ui, void *state)
{
	struct mw_screen	*ms = state;
	char			 open[16], edit[16];

	(void)ui;
	ui_key_name(ACT_OPEN, open, sizeof open);
	ui_key_name(ACT_EDIT, edit, sizeof edit);
	if (ms->review)
		return xasprintf("%s:開く  Space:印  C-t:まとめて確認・差戻し",
		    open);
	return xasprintf("%s %s:入力する", open, edit);
}

static const char *const mw_note_lines[] = {
	"担当課職員: 受付中の年度ごとに、担当課の取組と自分の課が報告する指標",
	"  差戻し → 未入力 → 下書き → 提出済 → 確認済 の順",
	"管理職・企画担当: 提出済で確認待ちのもの（提出の古い順）と遅れ",
	"遅れ: 入力期限（期限のない年度は年度末）を過ぎて未提出のもの",
	"[*] 印を付けた行  [ ] 印を付けられる行",
};

static const char *const *
mw_notes(struct ui *ui, size_t *n)
{
	(void)ui;
	*n = sizeof mw_note_lines / sizeof mw_note_lines[0];
	return mw_note_lines;
}

const struct screen_ops screen_mywork_ops = {
	.name = "mywork",
	.actions = mw_actions,
	.nactions = sizeof mw_actions / sizeof mw_actions[0],
	.fixed_keys = mw_fixed_keys,
	.nfixed_keys = sizeof mw_fixed_keys / sizeof mw_fixed_keys[0],
	.open = mw_open,
	.draw = mw_draw,
	.key = mw_key,
	.refresh = mw_refresh,
	.close = mw_close,
	.title = mw_title,
	.notes = mw_notes,
	.shown_fy = mw_shown_fy,
	.hint = mw_hint,
	.changed = mw_changed
};
