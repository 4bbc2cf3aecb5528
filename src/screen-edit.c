/*
 * The planner's edits (screen-edit.h): builds the record editor's fields
 * from a node or an indicator loaded through store-edit.h, reads them back
 * on C-s (fiscal years and values parsed here, with the field to blame
 * on a mistake), and writes through the store, which checks the role,
 * keys, departments and flags again inside its transaction. Deleting asks
 * first and says what goes with the node; a node with results entered is
 * asked about twice.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/fy.h"
#include "shisaku/screen-edit.h"
#include "shisaku/store-draft.h"
#include "shisaku/store-edit.h"
#include "shisaku/store-result.h"
#include "shisaku/targetyears.h"
#include "shisaku/ui-record.h"
#include "shisaku/ui.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/vocab.h"
#include "shisaku/workflow.h"

static long long edit_added;

long long
screen_edit_take_added(void)
{
	long long	id = edit_added;

	edit_added = 0;
	return id;
}

int
screen_edit_allowed(struct ui *ui, const char *what)
{
	char	*why = NULL;

	if (workflow_may_edit_structure(ui->session, &why) == WF_ALLOW)
		return 1;
	ui_refuse(ui, 0, 0, 0, what, why != NULL ? why : "変更できません");
	free(why);
	return 0;
}

/* The message for a write that did not happen; busy ones say C-s again. */
static char *
edit_store_message(int rc, char *cause)
{
	char	*msg;

	if (rc == STORE_BUSY) {
		msg = xasprintf("%s（入力はそのままです。C-s でもう一度保存でき"
		    "ます）", cause != NULL ? cause : "データベースが使用中です");
		free(cause);
		return msg;
	}
	return cause != NULL ? cause : xstrdup("保存できませんでした");
}

/* Says why a load or a deletion did not happen and frees cause; a busy
 * database is worth another try, and the message says so. */
static void
edit_fail(struct ui *ui, int rc, char *cause, const char *fallback)
{
	ui_error(ui, "%s%s", cause != NULL ? cause : fallback,
	    rc == STORE_BUSY ? "（しばらくしてからもう一度どうぞ）" : "");
	free(cause);
}

/* A year as typed in forms: "R7" or "2025", as the display style says. */
static char *
edit_fy_text(struct ui *ui, int fy)
{
	char	buf[FY_BUFSZ];

	if (fy == 0)
		return xstrdup("");
	return xstrdup(fy_format_short(fy, ui->fy_style == FY_STYLE_WESTERN ?
	    FY_STYLE_WESTERN : FY_STYLE_ERA, buf, sizeof buf));
}

static char *
edit_period_text(struct ui *ui, int first, int last)
{
	char	*a, *b, *s;

	if (first == 0 && last == 0)
		return xstrdup("");
	a = edit_fy_text(ui, first);
	b = edit_fy_text(ui, last);
	s = first == last ? xstrdup(a) : xasprintf("%s〜%s", a, b);
	free(a);
	free(b);
	return s;
}

/* ---- nodes -------------------------------------------------------------- */

static const char EDIT_HINT_PERIOD[] =
    "例: R3〜R7、2021-2025、令和3年度〜。空欄で期間なし";
static const char EDIT_HINT_DEPTS[] =
    "課のコードか名前を 、 で区切って。主担当課には ★、担当する年度を"
    "限るときは (R3〜R6) (R7〜) のように（例: ★総務課(〜R6)、"
    "★総務部総務課(R7〜)、企画政策課）";
static const char EDIT_HINT_FLAGS[] =
    "計画で定めた区分の名前を 、 で区切って（例: 重点事業）";
static const char EDIT_HINT_YEARPLANS[] =
    "1行に1年度「R3: 内容」、複数年度は「R4〜R5: 内容」。"
    "年度で始まらない行は上の続き";
static const char EDIT_HINT_COSTS[] =
    "年度=傾向 を空白で区切って（例: R5=拡大 R6=同程度 R7=縮小 R8=不明）";
static const char EDIT_HINT_KEY[] =
    "計画ファイルの中での呼び名。空欄なら番号から作ります";

enum { NF_CODE, NF_TITLE, NF_LABEL, NF_PERIOD, NF_DEPTS, NF_FLAGS,
	NF_SUMMARY, NF_MEANS, NF_YEARPLANS, NF_COSTS, NF_NOTE, NF_KEY,
	NF_COUNT };

struct edit_node_ctx {
	struct edit_node	 node;
	char			*what;	/* 取組, 重点項目 … for messages */
};

static void
edit_node_ctx_free(void *p)
{
	struct edit_node_ctx	*c = p;

	edit_node_free(&c->node);
	free(c->what);
	free(c);
}

/* What a department field names, for under it: "部署: " and the names
 * (★産業振興部商工観光課), or what a save would say of it. */
static char *
edit_depts_gloss(struct ui *ui, long long plan_id, const char *value,
    int one)
{
	char	*names = NULL, *cause = NULL, *said;

	if (store_edit_depts_named(ui->store, plan_id, value, one, &names,
	    &cause) != 0)
		return cause;
	said = names != NULL ? xasprintf("部署: %s", names) : NULL;
	free(names);
	return said;
}

/* Under 担当課. */
static char *
edit_node_depts_gloss(struct ui *ui, void *ctx, const char *value)
{
	const struct edit_node_ctx	*c = ctx;

	return edit_depts_gloss(ui, c->node.plan_id, value, 0);
}

/* Under 番号: a sibling that prints the same code, once it is typed (a
 * code as loaded is not looked for: a policy of 20,000 items would have
 * the form read them all on opening). */
static char *
edit_node_code_gloss(struct ui *ui, void *ctx, const char *value)
{
	const struct edit_node_ctx	*c = ctx;
	char				*title, *said;

	if (c->node.id != 0 && strcmp(value, c->node.code) == 0)
		return NULL;
	if ((title = store_edit_node_code_twin(ui->store, c->node.plan_id,
	    c->node.parent_id, c->node.id, value)) == NULL)
		return NULL;
	said = xasprintf("番号「%s」は、同じ%sの「%s」にもあります"
	    "（書き違いではありませんか）", value,
	    c->node.parent_id != 0 ? "親の下" : "最上位の階層", title);
	free(title);
	return said;
}

static void
edit_take(char **to, const struct ui_record_field *f)
{
	free(*to);
	*to = xstrdup(f->value);
}

/*
 * A node's departments changed: when nodes below follow them (import gave
 * them the node's, or they were set alike), asks whether those change
 * too. 0 with *carry, 1 when the user left the question (nothing is
 * saved), or the store's code with *cause.
 */
static int
edit_node_ask_carry(struct ui *ui, const struct edit_node_ctx *c,
    const char *depts, int *carry, char **cause)
{
	const char	*items[2];
	char		*title, *all, *one;
	long		 below;
	int		 rc;

	*carry = 0;
	if (c->node.id == 0 || strcmp(depts, c->node.depts) == 0)
		return 0;
	if ((rc = store_edit_node_followers(ui->store, c->node.id, depts,
	    &below, cause)) != 0 || below == 0)
		return rc;
	title = xasprintf(c->node.depts[0] != '\0' ?
	    "下の %ld 件も同じ担当課です" : "下の %ld 件も担当課がありません",
	    below);
	items[0] = all = xasprintf("下の %ld 件の担当課も変える", below);
	items[1] = one = xasprintf("この%sだけ変える", c->what);
	rc = ui_choose(ui, title, items, 2, 0);
	free(title);
	free(all);
	free(one);
	if (rc < 0)
		return 1;
	*carry = rc == 0;
	return 0;
}

static int
edit_node_save(struct ui *ui, void *ctxp, struct ui_record_field *f,
    size_t n, size_t *bad, char **msg)
{
	struct edit_node_ctx	*c = ctxp;
	struct edit_node	 t;
	const char		*field = NULL;
	char			*cause = NULL;
	int			 rc, first, last;

	if (fy_parse_range(f[NF_PERIOD].value, &first, &last, &cause) != 0) {
		*bad = NF_PERIOD;
		*msg = cause;
		return -1;
	}
	/* A copy, so that a refused save leaves the loaded node as it was. */
	edit_node_init(&t);
	t.id = c->node.id;
	t.plan_id = c->node.plan_id;
	t.parent_id = c->node.parent_id;
	t.after_id = c->node.after_id;
	t.ver = c->node.ver;
	t.first_fy = first;
	t.last_fy = last;
	edit_take(&t.code, &f[NF_CODE]);
	edit_take(&t.title, &f[NF_TITLE]);
	edit_take(&t.label, &f[NF_LABEL]);
	edit_take(&t.depts, &f[NF_DEPTS]);
	edit_take(&t.flags, &f[NF_FLAGS]);
	edit_take(&t.summary, &f[NF_SUMMARY]);
	edit_take(&t.means, &f[NF_MEANS]);
	edit_take(&t.yearplans, &f[NF_YEARPLANS]);
	edit_take(&t.costs, &f[NF_COSTS]);
	edit_take(&t.note, &f[NF_NOTE]);
	edit_take(&t.key, &f[NF_KEY]);
	if ((rc = edit_node_ask_carry(ui, c, t.depts, &t.carry_depts,
	    &cause)) != 0) {
		edit_node_free(&t);
		*bad = NF_DEPTS;
		*msg = rc > 0 ? xstrdup("保存していません（入力はそのままです。"
		    "C-s で選び直せます）") : edit_store_message(rc, cause);
		return -1;
	}
	rc = store_edit_node_save(ui->store, ui->session->login, &t, &field,
	    &cause);
	if (rc == 0) {
		if (c->node.id == 0)
			edit_added = t.id;
		if (t.carried > 0)
			*msg = xasprintf("%sを保存しました（下の %ld 件の担当課も"
			    "変えました）", c->what, t.carried);
		edit_node_free(&t);
		return 0;
	}
	edit_node_free(&t);
	*bad = ui_record_find(f, n, field);
	*msg = edit_store_message(rc, cause);
	return -1;
}

/* Opens the form for c->node (loaded, or new with plan and parent set). */
static void
edit_node_form(struct ui *ui, struct edit_node_ctx *c)
{
	struct ui_record_spec	 spec;
	struct ui_record_field	*f;
	char			*period;

	memset(&spec, 0, sizeof spec);
	f = xcalloc(NF_COUNT, sizeof *f);
	period = edit_period_text(ui, c->node.first_fy, c->node.last_fy);
	ui_record_field_set(&f[NF_CODE], "code", "番号", UI_RECORD_LINE,
	    c->node.code, "印刷物の番号（No.12、6-2-1-1、Ⅱ、(2)）。なければ空欄");
	f[NF_CODE].gloss = edit_node_code_gloss;
	ui_record_field_set(&f[NF_TITLE], "title", "名称", UI_RECORD_LINE,
	    c->node.title, "必須");
	ui_record_field_set(&f[NF_LABEL], "label", "階層の呼び名",
	    UI_RECORD_LINE, c->node.label,
	    "この項目だけ階層名を変えるとき（例: 事業）。普通は空欄");
	ui_record_field_set(&f[NF_PERIOD], "period", "期間", UI_RECORD_LINE,
	    period, EDIT_HINT_PERIOD);
	ui_record_field_set(&f[NF_DEPTS], "depts", "担当課", UI_RECORD_LINE,
	    c->node.depts, EDIT_HINT_DEPTS);
	f[NF_DEPTS].gloss = edit_node_depts_gloss;
	ui_record_field_set(&f[NF_FLAGS], "flags", "区分", UI_RECORD_LINE,
	    c->node.flags, EDIT_HINT_FLAGS);
	ui_record_field_set(&f[NF_SUMMARY], "summary", "概要・方向性",
	    UI_RECORD_TEXT, c->node.summary, "複数行。Enter で編集");
	ui_record_field_set(&f[NF_MEANS], "means", "手段・取組内容",
	    UI_RECORD_TEXT, c->node.means, "複数行。箇条書きは行ごとに ○ や ・ から");
	ui_record_field_set(&f[NF_YEARPLANS], "yearplans", "年次計画",
	    UI_RECORD_TEXT, c->node.yearplans, EDIT_HINT_YEARPLANS);
	ui_record_field_set(&f[NF_COSTS], "costs", "事業費の傾向",
	    UI_RECORD_LINE, c->node.costs, EDIT_HINT_COSTS);
	ui_record_field_set(&f[NF_NOTE], "note", "備考", UI_RECORD_TEXT,
	    c->node.note, "複数行");
	ui_record_field_set(&f[NF_KEY], "key", "キー", UI_RECORD_LINE,
	    c->node.key, EDIT_HINT_KEY);
	free(period);
	spec.fields = f;
	spec.nfields = NF_COUNT;
	spec.title = c->node.id == 0 ? xasprintf("%sを追加", c->what) :
	    xasprintf("%sを修正: %s %s", c->what, c->node.code, c->node.title);
	spec.saved_msg = xasprintf("%sを保存しました", c->what);
	spec.save = edit_node_save;
	spec.text_max = EDIT_TEXT_MAX;
	spec.ctx = c;
	spec.ctx_free = edit_node_ctx_free;
	/* A draft of the node, or of the node to be added where it goes. */
	spec.draft = 1;
	spec.draft_ver = c->node.ver;
	if (c->node.id != 0) {
		spec.draft_kind = DRAFT_NODE;
		spec.draft_id = c->node.id;
	} else if (c->node.after_id > 0) {
		spec.draft_kind = DRAFT_NODE_AFTER;
		spec.draft_id = c->node.after_id;
	} else if (c->node.parent_id != 0) {
		spec.draft_kind = DRAFT_NODE_BELOW;
		spec.draft_id = c->node.parent_id;
	} else {
		spec.draft_kind = DRAFT_NODE_FIRST;
		spec.draft_id = c->node.plan_id;
	}
	ui_record_open(ui, &spec);
}

/* The plan's name of a depth ("取組"), or "項目". */
static char *
edit_level_name(struct ui *ui, long long plan_id, int depth, int *nlevels)
{
	char	**names = NULL, *cause = NULL, *name;
	int	  n = 0;

	*nlevels = 0;
	if (store_edit_levels(ui->store, plan_id, &names, &n, &cause) != 0) {
		free(cause);
		return xstrdup("項目");
	}
	*nlevels = n;
	name = xstrdup(depth >= 1 && depth <= n && names[depth - 1][0] != '\0' ?
	    names[depth - 1] : "項目");
	store_edit_levels_free(names, n);
	return name;
}

void
screen_edit_node(struct ui *ui, long long node_id)
{
	struct edit_node_ctx	*c;
	char			*cause = NULL;
	int			 nlevels;

	if (!screen_edit_allowed(ui, "計画の変更（修正）"))
		return;
	c = xcalloc(1, sizeof *c);
	if (store_edit_node_load(ui->store, node_id, &c->node, &cause) != 0) {
		edit_fail(ui, 0, cause, "読み込めません");
		free(c);
		return;
	}
	c->what = c->node.label[0] != '\0' ? xstrdup(c->node.label) :
	    edit_level_name(ui, c->node.plan_id, c->node.depth, &nlevels);
	edit_node_form(ui, c);
}

static void
edit_new_node(struct ui *ui, long long plan_id, long long parent_id,
    long long after_id, int depth)
{
	struct edit_node_ctx	*c = xcalloc(1, sizeof *c);
	char			*depts = NULL, *cause = NULL;
	int			 nlevels;

	edit_node_init(&c->node);
	c->node.plan_id = plan_id;
	c->node.parent_id = parent_id;
	c->node.after_id = after_id;
	c->node.depth = depth;
	c->what = edit_level_name(ui, plan_id, depth, &nlevels);
	/* A node starts in the charge of the departments above it, as
	 * import gives them; the planner sees them and may change them. */
	if (parent_id != 0) {
		if (store_edit_node_depts_above(ui->store, parent_id, &depts,
		    &cause) == 0) {
			free(c->node.depts);
			c->node.depts = depts;
		} else
			ui_error(ui, "上の階層の担当課を読めません（担当課は空欄の"
			    "まま開きます）: %s", cause);
		free(cause);
	}
	edit_node_form(ui, c);
}

void
screen_edit_add(struct ui *ui, long long plan_id, long long node_id)
{
	struct edit_node	 at;
	char			*cause = NULL, *same, *below, *items[3];
	int			 nlevels, n = 0, choice, below_at = -1;

	if (!screen_edit_allowed(ui, "計画の変更（追加）"))
		return;
	if (node_id == 0) {
		edit_new_node(ui, plan_id, 0, 0, 1);
		return;
	}
	memset(&at, 0, sizeof at);	/* filled by the load */
	if (store_edit_node_load(ui->store, node_id, &at, &cause) != 0) {
		edit_fail(ui, 0, cause, "読み込めません");
		edit_node_free(&at);
		return;
	}
	same = edit_level_name(ui, plan_id, at.depth, &nlevels);
	items[n++] = xasprintf("%sを「%s」の後に追加", same, at.title);
	if (at.depth < nlevels) {
		below = edit_level_name(ui, plan_id, at.depth + 1, &nlevels);
		below_at = n;
		items[n++] = xasprintf("%sを「%s」の下に追加", below, at.title);
		free(below);
	}
	items[n++] = xasprintf("指標を「%s」に追加", at.title);
	choice = ui_choose(ui, "追加するもの", (const char *const *)items, n, 0);
	if (choice == 0)
		edit_new_node(ui, plan_id, at.parent_id, at.id, at.depth);
	else if (choice >= 0 && choice == below_at)
		edit_new_node(ui, plan_id, at.id, -1, at.depth + 1);
	else if (choice == n - 1)
		screen_edit_new_indicator(ui, plan_id, at.id);
	while (n > 0)
		free(items[--n]);
	free(same);
	edit_node_free(&at);
}

int
screen_edit_delete_node(struct ui *ui, long long node_id)
{
	struct edit_node	 at;
	struct edit_impact	 im;
	char			*cause = NULL, *q;
	int			 ok, rc;

	if (!screen_edit_allowed(ui, "計画の変更（削除）"))
		return 0;
	memset(&at, 0, sizeof at);
	if (store_edit_node_load(ui->store, node_id, &at, &cause) != 0 ||
	    store_edit_node_impact(ui->store, node_id, &im, &cause) != 0) {
		edit_fail(ui, 0, cause, "読み込めません");
		edit_node_free(&at);
		return 0;
	}
	q = xasprintf("「%s%s%s」を削除します（下の項目 %ld 件、指標 %ld 件、"
	    "実績 %ld 件、実績値 %ld 件も）。よろしいですか", at.code,
	    at.code[0] != '\0' ? " " : "", at.title, im.nodes - 1,
	    im.indicators, im.results, im.actuals);
	ok = ui_confirm(ui, q);
	free(q);
	if (ok && im.results + im.actuals > 0) {
		q = xasprintf("入力済みの実績 %ld 件と実績値 %ld 件は元に戻せま"
		    "せん。本当に削除しますか", im.results, im.actuals);
		ok = ui_confirm(ui, q);
		free(q);
	}
	if (!ok) {
		ui_message(ui, "削除しませんでした");
		edit_node_free(&at);
		return 0;
	}
	rc = store_edit_node_delete(ui->store, ui->session->login, node_id,
	    &cause);
	if (rc != 0) {
		edit_fail(ui, rc, cause, "削除できませんでした");
		edit_node_free(&at);
		return 0;
	}
	ui_message(ui, "「%s」を削除しました", at.title);
	edit_node_free(&at);
	return 1;
}

/* ---- indicators --------------------------------------------------------- */

enum { IF_NAME, IF_CATEGORY, IF_UNIT, IF_DIRECTION, IF_CUMULATIVE, IF_BASE,
	IF_BASE_FY, IF_FINAL, IF_FINAL_FY, IF_RATIONALE, IF_NOTE, IF_DEPT, IF_KEY,
	IF_TARGETS };

static const char EDIT_HINT_VALUE[] =
    "数値（全角、桁区切り、単位つきも可: ４０回、1,200千円、98.5%）"
    "または文字（実施、月1回、—）。空欄でなし";
static const char EDIT_HINT_YEAR[] = "例: R3、2021、令和3年度。空欄でなし";

static const char *const edit_cumulative_choices[] = {
	"いいえ", "はい（累計）"
};

struct edit_ind_ctx {
	struct edit_indicator	 ind;
	const char		*directions[8];	/* （不明） and the words */
	int			 ndirections;
	int			*years;		/* of the target fields */
	size_t			 nyears;
	char			**labels;	/* 目標 R3 … */
	char			**keys;		/* target:2021 …, in a draft */
};

/* Under 報告する課. */
static char *
edit_ind_dept_gloss(struct ui *ui, void *ctx, const char *value)
{
	const struct edit_ind_ctx	*c = ctx;

	return edit_depts_gloss(ui, c->ind.plan_id, value, 1);
}

static void
edit_ind_ctx_free(void *p)
{
	struct edit_ind_ctx	*c = p;
	size_t			 i;

	edit_indicator_free(&c->ind);
	for (i = 0; i < c->nyears; i++) {
		free(c->labels[i]);
		if (c->keys != NULL)
			free(c->keys[i]);
	}
	free(c->keys);
	free(c->labels);
	free(c->years);
	free(c);
}

/* Parses field i as a value with the unit typed in the form. */
static int
edit_value(struct ui_record_field *f, size_t i, struct value *v,
    size_t *bad, char **msg)
{
	char	*cause = NULL;

	if (value_parse(f[i].value, f[IF_UNIT].value, v, &cause) != 0) {
		*bad = i;
		*msg = xasprintf("%s: %s", f[i].label, cause != NULL ? cause :
		    "読み取れません");
		free(cause);
		return -1;
	}
	return 0;
}

static int
edit_year(struct ui_record_field *f, size_t i, int *fy, size_t *bad,
    char **msg)
{
	char	*cause = NULL, *clean = value_normalize(f[i].value);
	int	 blank = workflow_blank(clean);

	free(clean);
	*fy = 0;
	if (blank)
		return 0;
	if ((*fy = fy_parse(f[i].value, &cause)) < 0) {
		*bad = i;
		*msg = xasprintf("%s: %s", f[i].label, cause);
		free(cause);
		return -1;
	}
	return 0;
}

/* Reads the fields into t (initialised); -1 with *bad and *msg. */
static int
edit_ind_read(struct edit_ind_ctx *c, struct ui_record_field *f,
    struct edit_indicator *t, size_t *bad, char **msg)
{
	size_t	i;
	int	d;

	edit_take(&t->name, &f[IF_NAME]);
	edit_take(&t->category, &f[IF_CATEGORY]);
	edit_take(&t->unit, &f[IF_UNIT]);
	edit_take(&t->rationale, &f[IF_RATIONALE]);
	edit_take(&t->note, &f[IF_NOTE]);
	edit_take(&t->dept, &f[IF_DEPT]);
	edit_take(&t->key, &f[IF_KEY]);
	t->direction = NULL;
	for (d = 1; d < c->ndirections; d++)
		if (strcmp(f[IF_DIRECTION].value, c->directions[d]) == 0)
			t->direction = vocab_key(VOCAB_DIRECTION,
			    c->directions[d]);
	t->cumulative = strcmp(f[IF_CUMULATIVE].value,
	    edit_cumulative_choices[1]) == 0;
	if (edit_value(f, IF_BASE, &t->base, bad, msg) != 0 ||
	    edit_year(f, IF_BASE_FY, &t->base_fy, bad, msg) != 0 ||
	    edit_value(f, IF_FINAL, &t->final, bad, msg) != 0 ||
	    edit_year(f, IF_FINAL_FY, &t->final_fy, bad, msg) != 0)
		return -1;
	t->targets = xcalloc(c->nyears + 1, sizeof *t->targets);
	for (i = 0; i < c->nyears; i++) {
		t->targets[t->ntargets].fy = c->years[i];
		if (edit_value(f, IF_TARGETS + i,
		    &t->targets[t->ntargets].value, bad, msg) != 0)
			return -1;
		t->ntargets++;
	}
	return 0;
}

static int
edit_ind_save(struct ui *ui, void *ctxp, struct ui_record_field *f,
    size_t n, size_t *bad, char **msg)
{
	struct edit_ind_ctx	*c = ctxp;
	struct edit_indicator	 t;
	const char		*field = NULL;
	char			*cause = NULL;
	int			 rc;

	edit_indicator_init(&t);
	t.id = c->ind.id;
	t.plan_id = c->ind.plan_id;
	t.node_id = c->ind.node_id;
	t.ver = c->ind.ver;
	if (edit_ind_read(c, f, &t, bad, msg) != 0) {
		edit_indicator_free(&t);
		return -1;
	}
	rc = store_edit_indicator_save(ui->store, ui->session->login, &t,
	    &field, &cause);
	edit_indicator_free(&t);
	if (rc == 0)
		return 0;
	*bad = ui_record_find(f, n, field);
	*msg = edit_store_message(rc, cause);
	return -1;
}

/* The draft the form of c is kept as. */
static void
edit_ind_draft_of(const struct edit_ind_ctx *c, enum draft_kind *kind,
    long long *id)
{
	*kind = c->ind.id != 0 ? DRAFT_INDICATOR : c->ind.node_id != 0 ?
	    DRAFT_INDICATOR_NODE : DRAFT_INDICATOR_PLAN;
	*id = c->ind.id != 0 ? c->ind.id : c->ind.node_id != 0 ?
	    c->ind.node_id : c->ind.plan_id;
}

/*
 * Adds to kept the years of the targets typed into the form's draft, if
 * there is one: the years offered when it was typed may not be offered
 * now (another year shown), and a field the form lacks is not taken back
 * from the draft. A draft that cannot be read is said so by the form.
 */
static void
edit_ind_draft_years(struct ui *ui, const struct edit_ind_ctx *c,
    int **kept, size_t *nkept)
{
	static const char	 prefix[] = "target:";
	struct draft		*d = NULL;
	enum draft_kind		 kind;
	long long		 id;
	char			*cause = NULL, *end, *clean;
	const char		*name;
	long			 fy;
	size_t			 i;

	if (ui->session == NULL || ui->session->login == NULL)
		return;
	edit_ind_draft_of(c, &kind, &id);
	if (store_draft_get(ui->store, ui->session->login, kind, id, 0, &d,
	    &cause) != 0) {
		free(cause);
		return;
	}
	if (d == NULL)
		return;
	*kept = xreallocarray(*kept, *nkept + d->nfields + 1, sizeof **kept);
	for (i = 0; i < d->nfields; i++) {
		name = d->fields[i].name;
		if (strncmp(name, prefix, sizeof prefix - 1) != 0)
			continue;
		fy = strtol(name + sizeof prefix - 1, &end, 10);
		clean = value_normalize(d->fields[i].value != NULL ?
		    d->fields[i].value : "");
		if (*end == '\0' && fy >= FY_MIN && fy <= FY_MAX &&
		    !workflow_blank(clean))
			(*kept)[(*nkept)++] = (int)fy;
		free(clean);
	}
	store_draft_free(d);
}

/*
 * The years offered for targets (targetyears.h): the item's period (or
 * the plan's), else five years from the chosen one; with them every year
 * that has a target, the final target's year and the years typed in the
 * form's draft, as a save writes the form's years as the whole list of
 * targets.
 */
static void
edit_ind_years(struct ui *ui, struct edit_ind_ctx *c)
{
	char			*cause = NULL;
	int			 first, last, *kept;
	size_t			 i, nkept = 0;

	if (store_edit_period(ui->store, c->ind.plan_id, c->ind.node_id,
	    &first, &last, &cause) != 0) {
		/* The form still opens, as for a plan without a period. */
		ui_error(ui, "%s", cause);
		free(cause);
	}
	kept = xcalloc(c->ind.ntargets + 1, sizeof *kept);
	for (i = 0; i < c->ind.ntargets; i++)
		kept[nkept++] = c->ind.targets[i].fy;
	kept[nkept++] = c->ind.final_fy;
	edit_ind_draft_years(ui, c, &kept, &nkept);
	c->years = targetyears_offer(first, last, ui->fy, kept, nkept,
	    &c->nyears);
	free(kept);
}

static char *
edit_value_text(const struct value *v)
{
	char	*s = value_format(v, NULL, 0);

	return s != NULL ? s : xstrdup("");
}

static const struct value *
edit_target_of(const struct edit_indicator *ind, int fy)
{
	size_t	i;

	for (i = 0; i < ind->ntargets; i++)
		if (ind->targets[i].fy == fy)
			return &ind->targets[i].value;
	return NULL;
}

static void
edit_ind_form(struct ui *ui, struct edit_ind_ctx *c)
{
	struct ui_record_spec	 spec;
	struct ui_record_field	*f;
	const struct value	*tv;
	const char		*dir;
	char			*s, *t, fy[FY_BUFSZ];
	size_t			 i, n;

	c->directions[0] = "（不明）";
	c->ndirections = 1;
	while (c->ndirections < 8 && (dir = vocab_nth(VOCAB_DIRECTION,
	    c->ndirections - 1)) != NULL)
		c->directions[c->ndirections++] = vocab_label(VOCAB_DIRECTION,
		    dir);
	edit_ind_years(ui, c);
	n = IF_TARGETS + c->nyears;
	f = xcalloc(n, sizeof *f);
	memset(&spec, 0, sizeof spec);
	ui_record_field_set(&f[IF_NAME], "name", "指標名", UI_RECORD_LINE,
	    c->ind.name, "必須");
	ui_record_field_set(&f[IF_CATEGORY], "category", "指標の種類",
	    UI_RECORD_LINE, c->ind.category, "行政指標、市民指標、成果指標 …");
	ui_record_field_set(&f[IF_UNIT], "unit", "単位", UI_RECORD_LINE,
	    c->ind.unit, "回、人、%、千円、㎡ …。値はこの単位で読みます");
	ui_record_field_set(&f[IF_DIRECTION], "direction", "方向",
	    UI_RECORD_CHOICE, c->ind.direction != NULL ?
	    vocab_label(VOCAB_DIRECTION, c->ind.direction) : c->directions[0],
	    "達成度の計算のしかた（増加: 多いほどよい …）。Enter で選ぶ");
	f[IF_DIRECTION].choices = c->directions;
	f[IF_DIRECTION].nchoices = c->ndirections;
	ui_record_field_set(&f[IF_CUMULATIVE], "cumulative", "累計",
	    UI_RECORD_CHOICE, edit_cumulative_choices[c->ind.cumulative != 0],
	    "年ごとの値を積み上げる指標か。Enter で選ぶ");
	f[IF_CUMULATIVE].choices = edit_cumulative_choices;
	f[IF_CUMULATIVE].nchoices = 2;
	s = edit_value_text(&c->ind.base);
	ui_record_field_set(&f[IF_BASE], "base", "基準値", UI_RECORD_LINE, s,
	    EDIT_HINT_VALUE);
	free(s);
	s = edit_fy_text(ui, c->ind.base_fy);
	ui_record_field_set(&f[IF_BASE_FY], "base_fy", "基準値の年度",
	    UI_RECORD_LINE, s, EDIT_HINT_YEAR);
	free(s);
	s = edit_value_text(&c->ind.final);
	ui_record_field_set(&f[IF_FINAL], "final", "最終目標", UI_RECORD_LINE,
	    s, EDIT_HINT_VALUE);
	free(s);
	s = edit_fy_text(ui, c->ind.final_fy);
	ui_record_field_set(&f[IF_FINAL_FY], "final_fy", "最終目標の年度",
	    UI_RECORD_LINE, s, EDIT_HINT_YEAR);
	free(s);
	ui_record_field_set(&f[IF_RATIONALE], "rationale", "指標の考え方",
	    UI_RECORD_TEXT, c->ind.rationale, "複数行");
	ui_record_field_set(&f[IF_NOTE], "note", "備考", UI_RECORD_TEXT,
	    c->ind.note, "複数行");
	ui_record_field_set(&f[IF_DEPT], "dept", "報告する課", UI_RECORD_LINE,
	    c->ind.dept, "実績値を報告する課のコードか名前。空欄なら施策の主担当課"
	    "（なければ企画担当）");
	f[IF_DEPT].gloss = edit_ind_dept_gloss;
	ui_record_field_set(&f[IF_KEY], "key", "キー", UI_RECORD_LINE,
	    c->ind.key, "計画ファイルの中での呼び名。空欄なら作ります");
	c->labels = xcalloc(c->nyears + 1, sizeof *c->labels);
	c->keys = xcalloc(c->nyears + 1, sizeof *c->keys);
	for (i = 0; i < c->nyears; i++) {
		c->labels[i] = xasprintf("目標 %s", fy_format(c->years[i],
		    ui->fy_style, fy, sizeof fy));
		c->keys[i] = xasprintf("target:%d", c->years[i]);
		tv = edit_target_of(&c->ind, c->years[i]);
		t = tv != NULL ? edit_value_text(tv) : xstrdup("");
		ui_record_field_set(&f[IF_TARGETS + i], "target", c->labels[i],
		    UI_RECORD_LINE, t, EDIT_HINT_VALUE);
		f[IF_TARGETS + i].key = c->keys[i];
		free(t);
	}
	spec.fields = f;
	spec.nfields = n;
	spec.title = c->ind.id == 0 ? xstrdup("指標を追加") :
	    xasprintf("指標と目標を修正: %s", c->ind.name);
	spec.saved_msg = xstrdup("指標と目標を保存しました");
	spec.save = edit_ind_save;
	spec.text_max = EDIT_TEXT_MAX;
	spec.ctx = c;
	spec.ctx_free = edit_ind_ctx_free;
	spec.draft = 1;
	spec.draft_ver = c->ind.ver;
	edit_ind_draft_of(c, &spec.draft_kind, &spec.draft_id);
	ui_record_open(ui, &spec);
}

void
screen_edit_new_indicator(struct ui *ui, long long plan_id, long long node_id)
{
	struct edit_ind_ctx	*c;

	if (!screen_edit_allowed(ui, "計画の変更（指標の追加）"))
		return;
	c = xcalloc(1, sizeof *c);
	edit_indicator_init(&c->ind);
	c->ind.plan_id = plan_id;
	c->ind.node_id = node_id;
	edit_ind_form(ui, c);
}

void
screen_edit_indicator(struct ui *ui, long long indicator_id)
{
	struct edit_ind_ctx	*c;
	char			*cause = NULL;

	if (!screen_edit_allowed(ui, "計画の変更（指標の修正）"))
		return;
	c = xcalloc(1, sizeof *c);
	if (store_edit_indicator_load(ui->store, indicator_id, &c->ind,
	    &cause) != 0) {
		edit_fail(ui, 0, cause, "読み込めません");
		free(c);
		return;
	}
	edit_ind_form(ui, c);
}

int
screen_edit_delete_indicator(struct ui *ui, long long indicator_id)
{
	struct edit_indicator	 ind;
	char			*cause = NULL, *q;
	int			 rc;

	if (!screen_edit_allowed(ui, "計画の変更（指標の削除）"))
		return 0;
	if (store_edit_indicator_load(ui->store, indicator_id, &ind,
	    &cause) != 0) {
		edit_fail(ui, 0, cause, "読み込めません");
		return 0;
	}
	q = xasprintf("指標「%s」を、目標 %zu 件と入力済みの実績値ごと削除し"
	    "ます。よろしいですか", ind.name, ind.ntargets);
	rc = ui_confirm(ui, q);
	free(q);
	if (!rc) {
		ui_message(ui, "削除しませんでした");
		edit_indicator_free(&ind);
		return 0;
	}
	rc = store_edit_indicator_delete(ui->store, ui->session->login,
	    indicator_id, &cause);
	if (rc != 0) {
		edit_fail(ui, rc, cause, "削除できませんでした");
		edit_indicator_free(&ind);
		return 0;
	}
	ui_message(ui, "指標「%s」を削除しました", ind.name);
	edit_indicator_free(&ind);
	return 1;
}
