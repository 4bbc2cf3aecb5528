/*
 * The rules of yearly results entry (see workflow.h): one function per
 * question, each checking role, department, state and year in that order
 * so that a refusal names the first thing the user would have to change.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/deptlabel.h"
#include "shisaku/fy.h"
#include "shisaku/util.h"
#include "shisaku/workflow.h"
#include "shisaku/vocab.h"

/* The states' database keys; their words are the vocabulary's (vocab.c). */
static const struct {
	enum wf_state	 state;
	const char	*key;
} states[] = {
	{ WF_NONE,      NULL },
	{ WF_DRAFT,     "draft" },
	{ WF_SUBMITTED, "submitted" },
	{ WF_CONFIRMED, "confirmed" },
	{ WF_RETURNED,  "returned" },
};
#define NSTATES (sizeof states / sizeof states[0])

static const char *const action_labels[WF_ACTION_COUNT] = {
	"編集", "提出", "確認", "差戻し", "下書きに戻す"
};

static const struct {
	const char	*field;
	const char	*label;
} fields[] = {
	{ "status",         "状況" },
	{ "grade",          "評価" },
	{ "text",           "取組実績" },
	{ "comment",        "課題・今後の方向性" },
	{ "state",          "状態" },
	{ "return_comment", "差戻しコメント" },
	{ "actual",         "実績値" },
	{ "actual_note",    "実績の備考" },
	{ "late_entry",     "締切後の入力" },
	{ "fiscal_year",    "年度の受付" },
	{ "deadline",       "入力期限" },
	{ "target",         "目標値" },
	{ "import",         "読み込み" },
	/* A planner's edits of the plan's structure and indicators. */
	{ "key",            "キー" },
	{ "code",           "番号" },
	{ "title",          "名称" },
	{ "label",          "階層の呼び名" },
	{ "period",         "期間" },
	{ "summary",        "概要・方向性" },
	{ "means",          "手段" },
	{ "note",           "備考" },
	{ "depts",          "担当課" },
	{ "flags",          "区分" },
	{ "yearplans",      "年次計画" },
	{ "costs",          "事業費の傾向" },
	{ "node_add",       "追加" },
	{ "node_delete",    "削除" },
	{ "name",           "指標名" },
	{ "category",       "指標の種類" },
	{ "unit",           "単位" },
	{ "direction",      "方向" },
	{ "cumulative",     "累計" },
	{ "base",           "基準値" },
	{ "base_fy",        "基準年度" },
	{ "final",          "最終目標" },
	{ "final_fy",       "最終目標年度" },
	{ "rationale",      "指標の考え方" },
	{ "indicator_add",  "指標の追加" },
	{ "indicator_delete", "指標の削除" },
	{ "report_dept",    "報告する課" },
	/* A write the user's role (or registration) did not allow. */
	{ "refused",        "拒否" },
	/* Reorganisations of departments (機構改革). */
	{ "dept",           "担当課の変更" },
	{ "dept_add",       "部署の追加" },
	{ "dept_rename",    "部署名の変更" },
	{ "dept_merge",     "部署の統合" },
	{ "dept_abolish",   "部署の廃止" },
};

const char *
workflow_state_key(enum wf_state s)
{
	size_t	i;

	for (i = 0; i < NSTATES; i++)
		if (states[i].state == s)
			return states[i].key;
	return NULL;
}

const char *
workflow_state_label(enum wf_state s)
{
	const char	*label;

	if (s == WF_NONE)
		return "未入力";
	label = vocab_label(VOCAB_STATE, workflow_state_key(s));
	return label != NULL ? label : "";
}

int
workflow_state_parse(const char *key)
{
	size_t	i;

	if (key == NULL || key[0] == '\0')
		return WF_NONE;
	for (i = 1; i < NSTATES; i++)
		if (strcmp(key, states[i].key) == 0)
			return (int)states[i].state;
	return -1;
}

const char *
workflow_action_label(enum wf_action action)
{
	if ((unsigned)action >= WF_ACTION_COUNT)
		return "";
	return action_labels[action];
}

char *
workflow_actions_text(unsigned allowed, char *buf, size_t size)
{
	size_t	len = 0;
	int	a, n;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (a = WF_SUBMIT; a < WF_ACTION_COUNT; a++) {
		if (!(allowed & (1u << a)))
			continue;
		n = snprintf(buf + len, size - len, "%s%s", len > 0 ? "・" : "",
		    action_labels[a]);
		if (n < 0 || (size_t)n >= size - len) {
			buf[len] = '\0';	/* (whole names only) */
			break;
		}
		len += (size_t)n;
	}
	return buf;
}

const char *
workflow_field_label(const char *field)
{
	size_t	i;

	for (i = 0; i < sizeof fields / sizeof fields[0]; i++)
		if (strcmp(field, fields[i].field) == 0)
			return fields[i].label;
	return field;
}

int
workflow_blank(const char *text)
{
	const unsigned char	*p = (const unsigned char *)text;

	if (p == NULL)
		return 1;
	while (*p != '\0') {
		if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
			p++;
		else if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
			p += 3;		/* U+3000 IDEOGRAPHIC SPACE */
		else
			return 0;
	}
	return 1;
}

int
workflow_dept_in_force(const struct wf_dept *d, int fy)
{
	return fy_in_span(fy, d->from_fy, d->until_fy);
}

int
workflow_in_charge(const struct wf_item *it, long long dept_id)
{
	size_t	i;

	if (dept_id == 0)
		return 0;
	for (i = 0; i < it->ndepts; i++)
		if (it->depts[i].id == dept_id &&
		    workflow_dept_in_force(&it->depts[i], it->fy))
			return 1;
	return 0;
}

long long
workflow_main_dept(const struct wf_item *it)
{
	long long	first = 0;
	size_t		i;

	for (i = 0; i < it->ndepts; i++) {
		if (!workflow_dept_in_force(&it->depts[i], it->fy))
			continue;
		if (it->depts[i].is_main)
			return it->depts[i].id;
		if (first == 0)
			first = it->depts[i].id;
	}
	return first;
}

enum wf_state
workflow_next_state(enum wf_state from, enum wf_action action)
{
	switch (action) {
	case WF_EDIT:
		return from == WF_NONE ? WF_DRAFT : from;
	case WF_SUBMIT:
		return WF_SUBMITTED;
	case WF_CONFIRM:
		return WF_CONFIRMED;
	case WF_RETURN:
		return WF_RETURNED;
	case WF_REOPEN:
	case WF_ACTION_COUNT:
		break;
	}
	return WF_DRAFT;
}

/* Sets *why to a formatted message and answers WF_DENY. */
static enum wf_answer __attribute__((format(printf, 2, 3)))
deny(char **why, const char *fmt, ...)
{
	va_list	ap;

	if (why != NULL) {
		va_start(ap, fmt);
		*why = xvasprintf(fmt, ap);
		va_end(ap);
	}
	return WF_DENY;
}

/* The database cannot be written this session, whatever the role. */
static enum wf_answer
deny_nowrite(const struct session *s, char **why)
{
	return deny(why, "読み取り専用で開いています（%s）", s->readonly_why);
}

static enum wf_answer
deny_readonly(const struct session *s, char **why)
{
	if (s != NULL && s->login != NULL && s->login[0] != '\0')
		return deny(why, "閲覧のみです（ログイン名「%s」は利用者として"
		    "登録されていません。企画担当に登録を依頼してください）",
		    s->login);
	return deny(why, "閲覧のみです（利用者として登録されていません）");
}

static enum wf_answer
deny_closed(const struct wf_item *it, char **why)
{
	char	buf[FY_BUFSZ];

	return deny(why, "%sは入力を締め切っています（企画担当に再開を依頼して"
	    "ください）", fy_format(it->fy, it->style, buf, sizeof buf));
}

/* Whether a department in charge in the item's year bears the name of
 * the clerk's own and is another (of another organization in the same
 * file, or one that took the name at a reorganization). */
static int
dept_twin(const struct session *s, const struct wf_item *it)
{
	size_t	i;

	for (i = 0; i < it->ndepts; i++)
		if (workflow_dept_in_force(&it->depts[i], it->fy) &&
		    it->depts[i].id != s->dept_id && s->dept_name != NULL &&
		    strcmp(it->depts[i].name, s->dept_name) == 0)
			return 1;
	return 0;
}

/* Is the clerk's department in charge of the item in its year, or one
 * merged into it that still stood then? */
static int
clerk_in_charge(const struct session *s, const struct wf_item *it)
{
	size_t	i;

	if (workflow_in_charge(it, s->dept_id))
		return 1;
	for (i = 0; i < s->nacting; i++)
		if (it->fy <= s->acting[i].until_fy &&
		    workflow_in_charge(it, s->acting[i].id))
			return 1;
	return 0;
}

/* Is the clerk's department in charge of the item in its year? */
static enum wf_answer
check_clerk_dept(const struct session *s, const struct wf_item *it, char **why)
{
	char		*names = NULL, *t, *d, *own;
	size_t		 i;
	enum wf_answer	 a;
	int		 twin;

	if (s->dept_id == 0)
		return deny(why, "所属部署が登録されていないため入力できません"
		    "（企画担当に登録を依頼してください）");
	if (clerk_in_charge(s, it))
		return WF_ALLOW;
	if (why == NULL)
		return WF_DENY;
	if (it->is_indicator && workflow_main_dept(it) == 0)
		return deny(why, "この指標は担当課が決まっていないため、企画担当が"
		    "実績を報告します");
	/* Two departments of one name: each said with its code, and
	 * that they are two. */
	twin = dept_twin(s, it);
	for (i = 0; i < it->ndepts; i++) {
		if (!workflow_dept_in_force(&it->depts[i], it->fy))
			continue;
		d = dept_label(it->depts[i].name, it->depts[i].code, twin);
		t = names == NULL ? xstrdup(d) : xasprintf("%s、%s", names, d);
		free(d);
		free(names);
		names = t;
	}
	own = s->dept_name != NULL && s->dept_name[0] != '\0' ?
	    dept_label(s->dept_name, s->dept_code, twin) :
	    xstrdup("あなたの部署");
	a = deny(why, "%sは%sの担当ではありません（担当: %s%s）",
	    it->is_indicator ? "この指標" : "この取組", own,
	    names != NULL ? names : "なし",
	    twin ? "。名前が同じ別の部署です。所属が違うときは企画担当に"
	    "登録の変更を依頼してください" : "");
	free(own);
	free(names);
	return a;
}

static enum wf_answer
may_edit(const struct session *s, const struct wf_item *it, char **why)
{
	switch (s->role) {
	case ROLE_PLANNER:
		return it->year_open ? WF_ALLOW : WF_ALLOW_LATE;
	case ROLE_SUPERVISOR:
		return deny(why, "管理職は実績を入力できません（提出された実績の"
		    "確認・差戻しができます）");
	case ROLE_CLERK:
		break;
	case ROLE_NONE:
		return deny_readonly(s, why);
	}
	if (check_clerk_dept(s, it, why) == WF_DENY)
		return WF_DENY;
	if (it->state == WF_SUBMITTED)
		return deny(why, "提出済の実績は変更できません（下書きに戻すと"
		    "編集できます）");
	if (it->state == WF_CONFIRMED)
		return deny(why, "確認済の実績は変更できません");
	if (!it->year_open)
		return deny_closed(it, why);
	return WF_ALLOW;
}

static enum wf_answer
may_submit(const struct session *s, const struct wf_item *it, char **why)
{
	switch (s->role) {
	case ROLE_PLANNER:
		break;
	case ROLE_SUPERVISOR:
		return deny(why, "提出は担当課職員または企画担当が行います");
	case ROLE_CLERK:
		if (check_clerk_dept(s, it, why) == WF_DENY)
			return WF_DENY;
		break;
	case ROLE_NONE:
		return deny_readonly(s, why);
	}
	switch (it->state) {
	case WF_NONE:
		return deny(why, "まだ保存されていないため提出できません"
		    "（先に保存してください）");
	case WF_SUBMITTED:
		return deny(why, "既に提出済です");
	case WF_CONFIRMED:
		return deny(why, "確認済の実績は変更できません");
	case WF_DRAFT:
	case WF_RETURNED:
		break;
	}
	if (!it->year_open)
		return s->role == ROLE_PLANNER ? WF_ALLOW_LATE :
		    deny_closed(it, why);
	return WF_ALLOW;
}

/* Confirm and return: supervisors and planners, submitted results only,
 * whether the year is open or not. */
static enum wf_answer
may_review(const struct session *s, const struct wf_item *it,
    enum wf_action action, const char *comment, char **why)
{
	const char	*what = action == WF_CONFIRM ? "確認" : "差戻し";

	switch (s->role) {
	case ROLE_PLANNER:
	case ROLE_SUPERVISOR:
		break;
	case ROLE_CLERK:
		return deny(why, "%sは管理職または企画担当だけができます", what);
	case ROLE_NONE:
		return deny_readonly(s, why);
	}
	if (it->state != WF_SUBMITTED)
		return deny(why, "%sできるのは提出済の実績だけです（現在: %s）",
		    what, workflow_state_label(it->state));
	if (action == WF_RETURN && workflow_blank(comment))
		return deny(why, "差戻しの理由をコメントに入力してください");
	return WF_ALLOW;
}

static enum wf_answer
may_reopen(const struct session *s, const struct wf_item *it, char **why)
{
	if (s->role == ROLE_NONE)
		return deny_readonly(s, why);
	if (it->state == WF_SUBMITTED) {
		/* Withdrawing a submission is entry: the clerk's own, in an
		 * open year; a supervisor sends it back with a comment. */
		switch (s->role) {
		case ROLE_PLANNER:
			return it->year_open ? WF_ALLOW : WF_ALLOW_LATE;
		case ROLE_SUPERVISOR:
			return deny(why, "提出済の実績を担当課に戻すときは差戻しを"
			    "使ってください（理由をコメントに書きます）");
		case ROLE_CLERK:
		case ROLE_NONE:
			break;
		}
		if (check_clerk_dept(s, it, why) == WF_DENY)
			return WF_DENY;
		if (!it->year_open)
			return deny_closed(it, why);
		return WF_ALLOW;
	}
	if (it->state == WF_CONFIRMED) {
		if (s->role == ROLE_CLERK)
			return deny(why, "確認済の実績は変更できません");
		return WF_ALLOW;
	}
	return deny(why, "下書きに戻せるのは提出済か確認済の実績だけです"
	    "（現在: %s）", workflow_state_label(it->state));
}

enum wf_answer
workflow_may(const struct session *s, const struct wf_item *it,
    enum wf_action action, const char *comment, char **why)
{
	if (why != NULL)
		*why = NULL;
	if (s == NULL || s->role == ROLE_NONE)
		return deny_readonly(s, why);
	if (s->readonly_why != NULL)
		return deny_nowrite(s, why);
	switch (action) {
	case WF_EDIT:
		return may_edit(s, it, why);
	case WF_SUBMIT:
		return may_submit(s, it, why);
	case WF_CONFIRM:
	case WF_RETURN:
		return may_review(s, it, action, comment, why);
	case WF_REOPEN:
		return may_reopen(s, it, why);
	case WF_ACTION_COUNT:
		break;
	}
	return deny(why, "不明な操作です");
}

unsigned
workflow_actions(const struct session *s, const struct wf_item *it)
{
	unsigned	bits = 0;
	int		a;

	for (a = 0; a < WF_ACTION_COUNT; a++)
		if (workflow_may(s, it, (enum wf_action)a, "-", NULL) != WF_DENY)
			bits |= 1u << a;
	return bits;
}

enum wf_answer
workflow_may_edit_structure(const struct session *s, char **why)
{
	if (why != NULL)
		*why = NULL;
	if (s != NULL && s->role == ROLE_PLANNER && s->readonly_why != NULL)
		return deny_nowrite(s, why);
	if (s != NULL && s->role == ROLE_PLANNER)
		return WF_ALLOW;
	return deny(why, "計画の構成・指標・目標を変更できるのは企画担当だけです"
	    "（あなたは%s）", role_label(s != NULL ? s->role : ROLE_NONE));
}

enum wf_answer
workflow_may_manage_years(const struct session *s, char **why)
{
	if (why != NULL)
		*why = NULL;
	if (s != NULL && s->role == ROLE_PLANNER && s->readonly_why != NULL)
		return deny_nowrite(s, why);
	if (s != NULL && s->role == ROLE_PLANNER)
		return WF_ALLOW;
	return deny(why, "年度の受付・締切は企画担当だけができます（あなたは%s）",
	    role_label(s != NULL ? s->role : ROLE_NONE));
}

enum wf_answer
workflow_may_manage_depts(const struct session *s, char **why)
{
	if (why != NULL)
		*why = NULL;
	if (s != NULL && s->role == ROLE_PLANNER && s->readonly_why != NULL)
		return deny_nowrite(s, why);
	if (s != NULL && s->role == ROLE_PLANNER)
		return WF_ALLOW;
	return deny(why, "部署の追加・名称変更・統合・廃止は企画担当だけができます"
	    "（あなたは%s。一覧は見られます）", role_label(s != NULL ? s->role :
	    ROLE_NONE));
}
