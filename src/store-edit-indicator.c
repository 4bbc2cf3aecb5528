/*
 * A planner's edits of indicators in the store (see store-edit.h):
 * loading an indicator with its yearly targets, saving it (typed values
 * read against its unit, each changed field and target a history row,
 * the version checked against the one loaded), and deleting it with its
 * targets and actuals. A new indicator takes the place right after its
 * node's last one in the plan's ord sequence.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/fy.h"
#include "shisaku/store-edit.h"
#include "shisaku/store-dept.h"
#include "shisaku/store-edit-internal.h"
#include "shisaku/store-result.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/vocab.h"
#include "shisaku/workflow.h"

static const char SQL_NODE_PLAN[] = "SELECT plan_id FROM node WHERE id = ?1";
static const char SQL_IND[] =
    "SELECT plan_id, coalesce(node_id, 0), ver, key, name, category, unit,"
    " direction, cumulative, base_num, base_txt, coalesce(base_fy, 0),"
    " final_num, final_txt, coalesce(final_fy, 0), rationale, note,"
    " coalesce((SELECT code FROM department WHERE id = dept_id), '')"
    " FROM indicator WHERE id = ?1";
static const char SQL_IND_TARGETS[] =
    "SELECT fy, num, txt FROM indicator_target WHERE indicator_id = ?1"
    " ORDER BY fy";
static const char SQL_IND_KEY[] =
    "SELECT name FROM indicator WHERE plan_id = ?1 AND key = ?2 AND id <> ?3";
static const char SQL_IND_LAST[] =
    "SELECT max(ord) FROM indicator WHERE plan_id = ?1 AND node_id IS ?2";
static const char SQL_IND_MAX[] =
    "SELECT coalesce(max(ord), 0) FROM indicator WHERE plan_id = ?1";
static const char SQL_IND_SHIFT[] =
    "UPDATE indicator SET ord = ord + 1 WHERE plan_id = ?1 AND ord > ?2";
static const char SQL_IND_INSERT[] =
    "INSERT INTO indicator (plan_id, node_id, key, name, category, unit,"
    " direction, cumulative, base_num, base_txt, base_fy, final_num,"
    " final_txt, final_fy, rationale, note, ord, dept_id) VALUES (?1, ?2, ?3,"
    " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)";
static const char SQL_IND_UPDATE[] =
    "UPDATE indicator SET key = ?3, name = ?4, category = ?5, unit = ?6,"
    " direction = ?7, cumulative = ?8, base_num = ?9, base_txt = ?10,"
    " base_fy = ?11, final_num = ?12, final_txt = ?13, final_fy = ?14,"
    " rationale = ?15, note = ?16, dept_id = ?18, ver = ver + 1"
    " WHERE id = ?1 AND ver = ?2";
static const char SQL_DEPT_CODE[] = "SELECT code FROM department WHERE id = ?1";
static const char SQL_IND_VER[] = "SELECT ver FROM indicator WHERE id = ?1";
static const char SQL_IND_DELETE[] = "DELETE FROM indicator WHERE id = ?1";
static const char SQL_IND_COUNTS[] =
    "SELECT (SELECT count(*) FROM indicator_target WHERE indicator_id = ?1),"
    " (SELECT count(*) FROM indicator_actual WHERE indicator_id = ?1)";
static const char SQL_TARGET_PUT[] =
    "INSERT INTO indicator_target (indicator_id, fy, num, txt)"
    " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (indicator_id, fy)"
    " DO UPDATE SET num = excluded.num, txt = excluded.txt";
static const char SQL_TARGET_DELETE[] =
    "DELETE FROM indicator_target WHERE indicator_id = ?1 AND fy = ?2";

/* ---- texts ---- */

/* "2024", or NULL when no year is given. */
static char *
fy_text(int fy)
{
	return fy != 0 ? xasprintf("%d", fy) : NULL;
}

/* ---- loading ---- */

static int
read_targets(struct store *st, long long ind, struct edit_target **out,
    size_t *n, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_IND_TARGETS, cause);
	int		 rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, ind);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[*n].fy = sqlite3_column_int(s, 0);
		store_col_value(s, 1, &(*out)[*n].value);
		(*n)++;
	}
	if (store_read_end(st, s, rc, "目標値の読み込み", cause) != 0) {
		store_edit_targets_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* Reads an indicator with its targets into out; *found 0 when it is gone. */
static int
read_indicator(struct store *st, long long id, struct edit_indicator *out,
    int *found, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_IND, cause);
	int		 rc;

	memset(out, 0, sizeof *out);
	*found = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*found = 1;
		out->id = id;
		out->plan_id = sqlite3_column_int64(s, 0);
		out->node_id = sqlite3_column_int64(s, 1);
		out->ver = sqlite3_column_int(s, 2);
		out->key = store_col_dup(s, 3);
		out->name = store_col_dup(s, 4);
		out->category = store_col_dup(s, 5);
		out->unit = store_col_dup(s, 6);
		out->direction = vocab_key(VOCAB_DIRECTION, store_col_text(s, 7));
		out->cumulative = sqlite3_column_int(s, 8) != 0;
		store_col_value(s, 9, &out->base);
		out->base_fy = sqlite3_column_int(s, 11);
		store_col_value(s, 12, &out->final);
		out->final_fy = sqlite3_column_int(s, 14);
		out->rationale = store_col_dup(s, 15);
		out->note = store_col_dup(s, 16);
		out->dept = store_col_dup(s, 17);
	}
	if (store_read_end(st, s, rc, "指標の読み込み", cause) != 0 ||
	    (*found && read_targets(st, id, &out->targets, &out->ntargets,
	    cause) != 0)) {
		edit_indicator_free(out);
		*found = 0;
		return -1;
	}
	return 0;
}

int
store_edit_indicator_load(struct store *st, long long indicator_id,
    struct edit_indicator *out, char **cause)
{
	int	own, found, rc = -1;

	memset(out, 0, sizeof *out);
	if (store_edit_read_begin(st, &own, cause) != 0)
		return -1;
	if (read_indicator(st, indicator_id, out, &found, cause) == 0) {
		if (found)
			rc = 0;
		else
			*cause = xasprintf("指標（id %lld）がありません",
			    indicator_id);
	}
	store_edit_read_end(st, own);
	return rc;
}

/* ---- what was typed ---- */

static int
check_value(const struct value *v, const char *what, char **cause)
{
	if (v->kind == VALUE_NUMBER && !isfinite(v->num)) {
		*cause = xasprintf("%sが数値ではありません", what);
		return -1;
	}
	if (v->kind == VALUE_TEXT) {
		if (v->text != NULL && strlen(v->text) > VALUE_TEXT_MAX) {
			*cause = xasprintf("%sが長すぎます（%d バイトまで）", what,
			    VALUE_TEXT_MAX);
			return -1;
		}
		return store_edit_check_text(v->text, what, cause);
	}
	return 0;
}

/* What only the record shows. */
static int
check_indicator(const struct edit_indicator *ind, const char **field,
    char **cause)
{
	const struct store_edit_text texts[] = {
		{ ind->name,      "name",      "指標名" },
		{ ind->category,  "category",  "指標の種類" },
		{ ind->unit,      "unit",      "単位" },
		{ ind->rationale, "rationale", "指標の考え方" },
		{ ind->note,      "note",      "備考" },
	};
	char	 buf[FY_BUFSZ], *what;
	size_t	 i;
	int	 prev = 0, rc;

	if (store_edit_check_texts(texts, sizeof texts / sizeof texts[0], field,
	    cause) != 0)
		return -1;
	if (workflow_blank(ind->name)) {
		*cause = xstrdup("指標名を入力してください");
		store_edit_blame(field, "name");
		return -1;
	}
	if (ind->direction != NULL && ind->direction[0] != '\0' &&
	    vocab_key(VOCAB_DIRECTION, ind->direction) == NULL) {
		*cause = xasprintf("方向「%s」は %s のいずれかです", ind->direction,
		    vocab_choices(VOCAB_DIRECTION));
		store_edit_blame(field, "direction");
		return -1;
	}
	if (check_value(&ind->base, "基準値", cause) != 0) {
		store_edit_blame(field, "base");
		return -1;
	}
	if (store_edit_check_fy(ind->base_fy, "基準値", cause) != 0) {
		store_edit_blame(field, "base_fy");
		return -1;
	}
	if (check_value(&ind->final, "最終目標", cause) != 0) {
		store_edit_blame(field, "final");
		return -1;
	}
	if (store_edit_check_fy(ind->final_fy, "最終目標", cause) != 0) {
		store_edit_blame(field, "final_fy");
		return -1;
	}
	for (i = 0; i < ind->ntargets; i++) {
		const struct edit_target *t = &ind->targets[i];

		if (store_edit_check_fy(t->fy, "目標値", cause) != 0 || t->fy == 0) {
			if (t->fy == 0)
				*cause = xstrdup("目標値の年度がありません");
			store_edit_blame(field, "target");
			return -1;
		}
		if (t->fy <= prev) {
			*cause = xasprintf("目標値の年度（%s）が重なっているか、"
			    "順に並んでいません", fy_format(t->fy, FY_STYLE_ERA,
			    buf, sizeof buf));
			store_edit_blame(field, "target");
			return -1;
		}
		prev = t->fy;
		what = xasprintf("%sの目標値", fy_format(t->fy, FY_STYLE_ERA, buf,
		    sizeof buf));
		rc = check_value(&t->value, what, cause);
		free(what);
		if (rc != 0) {
			store_edit_blame(field, "target");
			return -1;
		}
	}
	return 0;
}

/* The stored form of a typed value, or -1 with *cause naming it. */
static int
canonical(const struct value *in, const char *unit, const char *what,
    struct value *out, char **cause)
{
	char	*why = NULL;

	if (value_canonical(in, unit, out, &why) != 0) {
		*cause = xasprintf("%s: %s", what, why);
		free(why);
		return -1;
	}
	return 0;
}

/*
 * canonical for a baseline or final target, typed as the plan prints it
 * with its year in parentheses ("0%(H29年)"): the number is the value
 * and the year goes to *fy, as a plan file's cell does (planfile.c); a
 * year given already that differs is refused, blaming the year's field.
 */
static int
canonical_with_year(const struct value *in, const char *unit,
    const char *what, struct value *out, int *fy, const char **field,
    const char *name, const char *fy_name, char **cause)
{
	struct value	 head = { VALUE_TEXT, 0, NULL };
	size_t		 len;
	int		 year, rc;
	char		 buf[FY_BUFSZ], given[FY_BUFSZ];

	if (in->kind != VALUE_TEXT ||
	    (year = value_year_suffix(in->text, unit, &len)) == 0) {
		if ((rc = canonical(in, unit, what, out, cause)) != 0)
			store_edit_blame(field, name);
		return rc;
	}
	if (*fy != 0 && *fy != year) {
		*cause = xasprintf("%s「%s」の括弧の年度は%sですが、年度の欄は%s"
		    "です（どちらかを直してください）", what, in->text,
		    fy_format(year, FY_STYLE_ERA, buf, sizeof buf),
		    fy_format(*fy, FY_STYLE_ERA, given, sizeof given));
		store_edit_blame(field, fy_name);
		return -1;
	}
	head.text = xstrndup(in->text, len);
	rc = canonical(&head, unit, what, out, cause);
	free(head.text);
	if (rc != 0) {
		store_edit_blame(field, name);
		return -1;
	}
	*fy = year;
	return 0;
}

/* The values to store: base, final and targets in canonical form. */
struct ind_values {
	struct value		 base;
	struct value		 final;
	int			 base_fy;	/* 0 = not given */
	int			 final_fy;
	long long		 dept_id;	/* the reporting department; 0 */
	char			*dept_code;	/* its code; "" */
	struct edit_target	*targets;
	size_t			 ntargets;
};

static void
ind_values_free(struct ind_values *v)
{
	value_clear(&v->base);
	value_clear(&v->final);
	free(v->dept_code);
	store_edit_targets_free(v->targets, v->ntargets);
	memset(v, 0, sizeof *v);
}

static int
ind_values(const struct edit_indicator *ind, struct ind_values *v,
    const char **field, char **cause)
{
	char	buf[FY_BUFSZ], *what;
	size_t	i;
	int	rc;

	memset(v, 0, sizeof *v);
	v->dept_code = xstrdup("");
	v->base_fy = ind->base_fy;
	v->final_fy = ind->final_fy;
	if (canonical_with_year(&ind->base, ind->unit, "基準値", &v->base,
	    &v->base_fy, field, "base", "base_fy", cause) != 0 ||
	    canonical_with_year(&ind->final, ind->unit, "最終目標", &v->final,
	    &v->final_fy, field, "final", "final_fy", cause) != 0) {
		ind_values_free(v);
		return -1;
	}
	if (ind->ntargets > 0)
		v->targets = xcalloc(ind->ntargets, sizeof *v->targets);
	for (i = 0; i < ind->ntargets; i++) {
		what = xasprintf("%sの目標値", fy_format(ind->targets[i].fy,
		    FY_STYLE_ERA, buf, sizeof buf));
		v->targets[i].fy = ind->targets[i].fy;
		rc = canonical(&ind->targets[i].value, ind->unit, what,
		    &v->targets[i].value, cause);
		free(what);
		v->ntargets = i + 1;
		if (rc != 0) {
			store_edit_blame(field, "target");
			ind_values_free(v);
			return -1;
		}
	}
	return 0;
}

/* ---- saving ---- */

/* The reporting department typed (a code or a name; blank: none) as its
 * id and code in v; runs inside the write transaction. */
static int
resolve_dept(struct store *st, const struct edit_indicator *ind,
    struct ind_values *v, const char **field, char **cause)
{
	sqlite3_stmt	*s;
	char		*typed = value_trim(ind->dept);
	int		 rc;

	if (typed[0] == '\0') {
		free(typed);
		return 0;
	}
	rc = store_dept_resolve_for_plan(st, typed, ind->plan_id, &v->dept_id,
	    cause);
	free(typed);
	if (rc != 0) {
		store_edit_blame(field, "dept");
		return -1;
	}
	if ((s = store_stmt(st, SQL_DEPT_CODE, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, v->dept_id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		free(v->dept_code);
		v->dept_code = store_col_dup(s, 0);
	}
	return store_read_end(st, s, rc, "部署の読み込み", cause);
}

/* Adds a history row whose old and new texts (malloc'd or NULL) it
 * takes and frees. */
static int
history_owned(struct store *st, const char *at, const char *login,
    long long node, long long ind, int fy, const char *field, char *was,
    char *now, char **cause)
{
	int	rc;

	rc = store_history_add(st, at, login, node, ind, fy, field, was, now,
	    cause);
	free(was);
	free(now);
	return rc;
}

/* A history row for a changed value, each side formatted with its unit. */
static int
history_value(struct store *st, const char *at, const char *login,
    long long node, long long ind, int fy, const char *field,
    const struct value *a, const char *aunit, const struct value *b,
    const char *bunit, char **cause)
{
	return history_owned(st, at, login, node, ind, fy, field,
	    value_format(a, aunit, 1), value_format(b, bunit, 1), cause);
}

/*
 * Writes the targets that differ from old (NULL for a new indicator),
 * each with a "target" history row; *changed counts them. Both lists are
 * in ascending years.
 */
static int
save_targets(struct store *st, long long ind, long long node,
    const struct edit_indicator *old, const struct ind_values *v,
    const char *unit, const char *login, const char *at, int *changed,
    char **cause)
{
	static const struct value none = { VALUE_NONE, 0, NULL };
	const struct edit_target	*ot = old != NULL ? old->targets : NULL;
	size_t				 no = old != NULL ? old->ntargets : 0;
	const char			*ounit = old != NULL ? old->unit : unit;
	const struct value		*a, *b;
	sqlite3_stmt			*s;
	size_t				 i = 0, j = 0;
	int				 fy, rc;

	while (i < no || j < v->ntargets) {
		if (j >= v->ntargets || (i < no && ot[i].fy < v->targets[j].fy)) {
			fy = ot[i].fy;
			a = &ot[i++].value;
			b = &none;
		} else if (i >= no || v->targets[j].fy < ot[i].fy) {
			fy = v->targets[j].fy;
			a = &none;
			b = &v->targets[j++].value;
		} else {
			fy = ot[i].fy;
			a = &ot[i++].value;
			b = &v->targets[j++].value;
		}
		if (value_equal(a, b))
			continue;
		(*changed)++;
		if (b->kind == VALUE_NONE)
			rc = store_edit_write_ids(st, SQL_TARGET_DELETE, ind, fy, "目標値の保存",
			    cause);
		else if ((s = store_stmt(st, SQL_TARGET_PUT, cause)) == NULL)
			rc = -1;
		else {
			sqlite3_bind_int64(s, 1, ind);
			sqlite3_bind_int(s, 2, fy);
			store_bind_value(s, 3, b);
			rc = store_step_write(st, s, "目標値の保存", cause);
		}
		if (rc == 0)
			rc = history_value(st, at, login, node, ind, fy, "target",
			    a, ounit, b, unit, cause);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static void
bind_indicator_fields(sqlite3_stmt *s, const struct edit_indicator *ind,
    const char *key, const char *direction, const struct ind_values *v)
{
	store_bind_text(s, 3, key);
	store_bind_text(s, 4, ind->name);
	store_bind_text(s, 5, ind->category);
	store_bind_text(s, 6, ind->unit);
	store_bind_text(s, 7, direction);
	sqlite3_bind_int(s, 8, ind->cumulative != 0);
	store_bind_value(s, 9, &v->base);
	store_bind_opt_int(s, 11, v->base_fy);
	store_bind_value(s, 12, &v->final);
	store_bind_opt_int(s, 14, v->final_fy);
	store_bind_text(s, 15, ind->rationale);
	store_bind_text(s, 16, ind->note);
	store_bind_opt_int(s, 18, v->dept_id);
}

/* Inserts a new indicator right after the node's last one. */
static int
insert_indicator(struct store *st, const struct edit_indicator *ind,
    const char *key, const char *direction, const struct ind_values *v,
    long long *id, char **cause)
{
	sqlite3_stmt	*s;
	long long	 x;
	int		 found, rc;

	if (store_read_int(st, SQL_IND_LAST, ind->plan_id, ind->node_id,
	    &x, &found, cause) != 0)
		return -1;
	if (found) {
		if ((rc = store_edit_write_ids(st, SQL_IND_SHIFT, ind->plan_id, x,
		    "並び順の更新", cause)) != 0)
			return rc;
	} else if (store_read_int(st, SQL_IND_MAX, ind->plan_id, 0, &x,
	    NULL, cause) != 0)
		return -1;
	if ((s = store_stmt(st, SQL_IND_INSERT, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, ind->plan_id);
	store_bind_opt_int(s, 2, ind->node_id);
	bind_indicator_fields(s, ind, key, direction, v);
	sqlite3_bind_int64(s, 17, x + 1);
	if ((rc = store_step_write(st, s, "指標の追加", cause)) != 0)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

static const char *
direction_label(const char *key)
{
	return key != NULL ? vocab_label(VOCAB_DIRECTION, key) : NULL;
}

/* The history rows of an indicator's own fields that changed; *changed
 * counts the fields. With changed only counting (login NULL), nothing is
 * written. */
static int
indicator_fields(struct store *st, const struct edit_indicator *old,
    const struct edit_indicator *ind, const char *key, const char *direction,
    const struct ind_values *v, const char *login, const char *at,
    int *changed, char **cause)
{
	const struct store_edit_change texts[] = {
		{ "key",       old->key,       key },
		{ "name",      old->name,      ind->name },
		{ "category",  old->category,  ind->category },
		{ "unit",      old->unit,      ind->unit },
		{ "rationale", old->rationale, ind->rationale },
		{ "note",      old->note,      ind->note },
		{ "report_dept", old->dept,    v->dept_code },
	};
	const long long	 node = old->node_id, id = old->id;
	size_t		 i;
	int		 rc = 0, write = login != NULL;

	*changed = 0;
#define FIELD_CHANGED(cond, stmt) do {					\
	if ((cond) && rc == 0) {					\
		(*changed)++;						\
		if (write)						\
			stmt;						\
	}								\
} while (0)
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		FIELD_CHANGED(!store_edit_same_str(texts[i].was, texts[i].now),
		    rc = store_history_add(st, at, login, node, id, 0,
		    texts[i].field, texts[i].was, texts[i].now, cause));
	FIELD_CHANGED(!store_edit_same_str(direction, old->direction),
	    rc = store_history_add(st, at, login, node, id, 0, "direction",
	    direction_label(old->direction), direction_label(direction), cause));
	FIELD_CHANGED((ind->cumulative != 0) != (old->cumulative != 0),
	    rc = store_history_add(st, at, login, node, id, 0, "cumulative",
	    old->cumulative ? "はい" : "いいえ",
	    ind->cumulative ? "はい" : "いいえ", cause));
	FIELD_CHANGED(!value_equal(&v->base, &old->base),
	    rc = history_value(st, at, login, node, id, 0, "base", &old->base,
	    old->unit, &v->base, ind->unit, cause));
	FIELD_CHANGED(v->base_fy != old->base_fy,
	    rc = history_owned(st, at, login, node, id, 0, "base_fy",
	    fy_text(old->base_fy), fy_text(v->base_fy), cause));
	FIELD_CHANGED(!value_equal(&v->final, &old->final),
	    rc = history_value(st, at, login, node, id, 0, "final", &old->final,
	    old->unit, &v->final, ind->unit, cause));
	FIELD_CHANGED(v->final_fy != old->final_fy,
	    rc = history_owned(st, at, login, node, id, 0, "final_fy",
	    fy_text(old->final_fy), fy_text(v->final_fy), cause));
#undef FIELD_CHANGED
	return rc;
}

/* Saves the changes to an existing indicator under the version the
 * caller loaded; *ver is the version after. */
static int
update_indicator(struct store *st, const struct edit_indicator *old,
    const struct edit_indicator *ind, const char *key, const char *direction,
    const struct ind_values *v, const char *login, const char *at, int *ver,
    char **cause)
{
	sqlite3_stmt	*s;
	int		 fields, targets = 0, rc;

	*ver = old->ver;
	if ((rc = indicator_fields(st, old, ind, key, direction, v, NULL, NULL,
	    &fields, cause)) != 0)
		return rc;
	if ((rc = save_targets(st, old->id, old->node_id, old, v, ind->unit,
	    login, at, &targets, cause)) != 0)
		return rc;
	if (fields == 0 && targets == 0)
		return 0;	/* nothing changed: the version stays */
	if ((s = store_stmt(st, SQL_IND_UPDATE, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, old->id);
	sqlite3_bind_int(s, 2, old->ver);
	bind_indicator_fields(s, ind, key, direction, v);
	if ((rc = store_step_write(st, s, "指標の保存", cause)) != 0)
		return rc;
	/* Cannot happen under the write lock after the check. */
	if (sqlite3_changes(st->db) == 0)
		return store_edit_conflict("指標", cause);
	*ver = old->ver + 1;
	return indicator_fields(st, old, ind, key, direction, v, login, at,
	    &fields, cause);
}

int
store_edit_indicator_save(struct store *st, const char *login,
    struct edit_indicator *ind, const char **field, char **cause)
{
	struct edit_indicator	 old, fresh;
	struct ind_values	 v;
	const char		*direction = NULL;
	char			*typed, *key = NULL, at[20];
	long long		 id = ind->id, plan = ind->plan_id, node = ind->node_id;
	long long		 nplan;
	int			 found, taken, changed = 0, ver = 1, rc;
	long long		 newver = 1;

	store_edit_blame(field, NULL);
	memset(&old, 0, sizeof old);
	if (check_indicator(ind, field, cause) != 0)
		return -1;
	if (ind->direction != NULL && ind->direction[0] != '\0')
		direction = vocab_key(VOCAB_DIRECTION, ind->direction);
	typed = value_trim(ind->key);
	if (store_edit_check_key(typed, id != 0, cause) != 0) {
		store_edit_blame(field, "key");
		free(typed);
		return -1;
	}
	if (ind_values(ind, &v, field, cause) != 0) {
		free(typed);
		return -1;
	}
	if ((rc = store_edit_begin_planner(st, login, cause)) != 0) {
		free(typed);
		ind_values_free(&v);
		return rc;
	}
	rc = -1;
	if (resolve_dept(st, ind, &v, field, cause) != 0)
		goto out;
	if (id == 0) {
		if (store_edit_plan_exists(st, plan, cause) != 0)
			goto out;
		if (node != 0) {
			if (store_read_int(st, SQL_NODE_PLAN, node, 0,
			    &nplan, &found, cause) != 0)
				goto out;
			if (!found || nplan != plan) {
				*cause = xasprintf("指標を付ける施策・取組（id %lld）が"
				    "この計画にありません", node);
				goto out;
			}
		}
	} else {
		if (read_indicator(st, id, &old, &found, cause) != 0)
			goto out;
		if (!found) {
			*cause = xstrdup("この指標は開いた後に他の人が削除しました");
			rc = STORE_CONFLICT;
			goto out;
		}
		if ((rc = store_edit_check_ver(old.ver, ind->ver, "指標",
		    cause)) != 0)
			goto out;
		plan = old.plan_id;
		node = old.node_id;
	}
	if (store_edit_choose_key(st, SQL_IND_KEY, plan, id, typed, NULL, "i",
	    &key, &taken, cause) != 0) {
		if (taken)
			store_edit_blame(field, "key");
		goto out;
	}
	now_iso(at);
	if (id == 0) {
		fresh = *ind;
		fresh.plan_id = plan;
		fresh.node_id = node;
		if ((rc = insert_indicator(st, &fresh, key, direction, &v, &id,
		    cause)) != 0 ||
		    (rc = store_history_add(st, at, login, node, id, 0,
		    "indicator_add", NULL, ind->name, cause)) != 0 ||
		    (rc = save_targets(st, id, node, NULL, &v, ind->unit, login,
		    at, &changed, cause)) != 0)
			goto out;
		/* A new row may start above 1 (db/migrate-4.sql). */
		if ((rc = store_read_int(st, SQL_IND_VER, id, 0, &newver,
		    NULL, cause)) != 0)
			goto out;
		ver = (int)newver;
	} else if ((rc = update_indicator(st, &old, ind, key, direction, &v,
	    login, at, &ver, cause)) != 0)
		goto out;
	if ((rc = store_commit(st, cause)) != 0)
		goto done;
	ind->id = id;
	ind->plan_id = plan;
	ind->node_id = node;
	ind->ver = ver;
	free(ind->key);
	ind->key = key;
	key = NULL;
	goto done;
out:
	if (rc == 0)
		rc = -1;
	store_rollback(st);
done:
	edit_indicator_free(&old);
	ind_values_free(&v);
	free(typed);
	free(key);
	return rc;
}

/* ---- deleting ---- */

int
store_edit_indicator_delete(struct store *st, const char *login,
    long long indicator_id, char **cause)
{
	struct edit_indicator	 ind;
	sqlite3_stmt		*s;
	char			*what = NULL;
	long long		 ntargets = 0, nactuals = 0;
	int			 found, rc;

	memset(&ind, 0, sizeof ind);
	if ((rc = store_edit_begin_planner(st, login, cause)) != 0)
		return rc;
	rc = -1;
	if (read_indicator(st, indicator_id, &ind, &found, cause) != 0)
		goto out;
	if (!found) {
		*cause = xasprintf("指標（id %lld）は既にありません", indicator_id);
		goto out;
	}
	if ((s = store_stmt(st, SQL_IND_COUNTS, cause)) == NULL)
		goto out;
	sqlite3_bind_int64(s, 1, indicator_id);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		ntargets = sqlite3_column_int64(s, 0);
		nactuals = sqlite3_column_int64(s, 1);
	}
	if (store_read_end(st, s, rc, "指標の確認", cause) != 0) {
		rc = -1;
		goto out;
	}
	what = ntargets == 0 && nactuals == 0 ? xstrdup(ind.name) :
	    xasprintf("%s（目標値 %lld件、実績値 %lld件）", ind.name, ntargets,
	    nactuals);
	/* The indicator's history stays, its indicator_id set NULL (ON
	 * DELETE SET NULL): the row telling of the deletion hangs on its
	 * node. */
	rc = store_edit_delete_end(st, login, SQL_IND_DELETE, indicator_id,
	    "指標の削除", ind.node_id, "indicator_delete", what, cause);
	goto done;
out:
	if (rc == 0)
		rc = -1;
	store_rollback(st);
done:
	edit_indicator_free(&ind);
	free(what);
	return rc;
}
