/*
 * A planner editing a plan's structure, indicators and targets through
 * the store: a small three-level plan is loaded from a plan file into a
 * fresh database with a planner, a clerk and a supervisor, then: nodes
 * loaded; a node added after a sibling, as a first child and at the top,
 * with the tree order and the export order right and the export imported
 * again to the same bytes; a node refused below the deepest level; fields
 * changed with a history row each; keys, departments and flags checked
 * against the database with the wrong field named; departments with ★ and
 * assignments limited to years kept; yearly plans and cost trends loaded
 * as text, saved as rows with a history row each when changed, and wrong
 * ones refused with their field named; clerks and supervisors refused with
 * nothing written; indicators added and changed with their targets; a
 * stale version of an indicator or a node refused as a conflict, and a
 * node's version raised by a save that changes it and kept by one that
 * does not; what a deletion takes counted, then deleted with its history
 * kept and a history row left on the parent; and a busy database giving
 * STORE_BUSY with nothing written. Run from the top of the source tree.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fixture.h"
#include "harness.h"
#include "peek.h"
#include "shisaku/planfile.h"
#include "shisaku/store-edit.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-result.h"
#include "shisaku/store-user.h"
#include "shisaku/store.h"
#include "shisaku/util.h"
#include "shisaku/value.h"

static char dir[] = "/tmp/shisaku-test-store-edit-XXXXXX";
static char *db_path;
static struct store *st;

static const char plan_text[] =
    "shisaku-plan,1\n"
    "plan,t,試験計画,2021,2025,試験市,\n"
    "level,t,1,基本方針\n"
    "level,t,2,施策\n"
    "level,t,3,取組\n"
    "flag,t,focus,重点事業,\n"
    "flag,t,major,主要事業,★\n"
    "dept,試験市/協働課,協働課,試験市,\n"
    "dept,試験市/総務課,総務課,試験市,\n"
    "dept,試験市/企画課,企画課,試験市,\n"
    "dept,別市/総務課,総務課,別市,\n"
    "dept,別市/環境課,環境課,別市,\n"
    "dept,他市/環境課,環境課,他市,\n"
    "node,t,I,,Ⅰ,市民との協働,,,,,,\n"
    "node,t,I-1,I,(1),協働の推進,,,,,,\n"
    "node,t,1,I-1,No.1,市民参画事業,,2021,2025,参画を進める,講座を開く,\n"
    "node,t,2,I-1,No.2,環境美化事業,,2021,2025,,,\n"
    "node,t,II,,Ⅱ,行政運営,,,,,,\n"
    "node,t,II-1,II,(1),人材育成,,,,,,\n"
    "node,t,24,II-1,No.24,職員研修,,2021,2025,,,\n"
    "mark,t,1,focus\n"
    "assign,t,1,試験市/協働課,1,,\n"
    "assign,t,24,試験市/総務課,1,,2022\n"
    "assign,t,24,試験市/企画課,1,2023,\n"
    "yearplan,t,1,2021,2021,ふれあい出前講座の開催\n"
    "yearplan,t,1,2022,2025,\"講座の見直し\n連続講座の開催\"\n"
    "cost,t,1,2022,拡大\n"
    "cost,t,1,2021,同程度\n"
    "indicator,t,1-1,1,出前講座の回数,,回,増加,,,,50回,2025,,\n"
    "target,t,1-1,2021,40回\n"
    "target,t,1-1,2022,45回\n"
    "indicator,t,1-2,1,満足度,市民指標,%,増加,,,,90%,2025,,\n"
    "indicator,t,24-1,24,受講者数,,人,増加,1,,,200人,2025,,\n"
    "result,t,1,2021,実施中,,下書き,講座を開いた,,,sato,2021-06-01T10:00:00,,\n"
    "actual,t,1-1,2021,42回,\n";

static long long plan_id, node_top1, node_mid1, node1, node2, node_top2,
    node_mid2, node24, ind11, ind12, ind24;

/* ---- looking at the database from the side ---- */

static long long
history_count(void)
{
	return q_int("SELECT count(*) FROM history");
}

/* A digest of everything a plan's structure is made of. */
static char *
snapshot(void)
{
	return q_text("SELECT group_concat(x, '|') FROM ("
	    "SELECT id || key || code || title || label || coalesce(first_fy, '')"
	    " || coalesce(last_fy, '') || summary || means || note || ord"
	    " || coalesce(parent_id, '') AS x FROM node"
	    " UNION ALL SELECT node_id || dept_id || is_main || coalesce(from_fy, '')"
	    " || coalesce(until_fy, '') || ord FROM node_dept"
	    " UNION ALL SELECT node_id || '-' || flag_id FROM node_flag"
	    " UNION ALL SELECT id || '-' || node_id || '-' || from_fy || '-'"
	    " || to_fy || '-' || text || '-' || ord FROM year_plan"
	    " UNION ALL SELECT node_id || '-' || fy || '-' || trend FROM cost_trend"
	    " UNION ALL SELECT id || key || name || unit || coalesce(direction, '')"
	    " || coalesce(base_num, '') || coalesce(final_num, '') || ord || ver"
	    " FROM indicator"
	    " UNION ALL SELECT indicator_id || fy || coalesce(num, '')"
	    " || coalesce(txt, '') FROM indicator_target"
	    " UNION ALL SELECT count(*) FROM result"
	    /* A refusal is written down, and is no change. */
	    " UNION ALL SELECT count(*) FROM history WHERE field <> 'refused')");
}

/* The keys of a node's children (top level for 0), in tree order. */
static char *
children(long long parent)
{
	if (parent == 0)
		return q_text("SELECT group_concat(key, ',') FROM (SELECT key"
		    " FROM node WHERE parent_id IS NULL AND plan_id = %lld"
		    " ORDER BY ord)", plan_id);
	return q_text("SELECT group_concat(key, ',') FROM (SELECT key FROM node"
	    " WHERE parent_id = %lld ORDER BY ord)", parent);
}

#define CHECK_CHILDREN(parent, want) do {				\
	char *c_ = children(parent);					\
	CHECK_STR(c_, want);						\
	free(c_);							\
} while (0)

static long long
node_of(const char *key)
{
	return q_int("SELECT id FROM node WHERE key = '%s'", key);
}

static long long
ind_of(const char *key)
{
	return q_int("SELECT id FROM indicator WHERE key = '%s'", key);
}

static const struct fixture_user users[] = {
	{ "sato", "佐藤", ROLE_CLERK, "試験市/協働課" },
	{ "kacho", "課長", ROLE_SUPERVISOR, NULL },
	{ "kikaku", "企画", ROLE_PLANNER, "試験市/企画課" },
	{ NULL, NULL, ROLE_NONE, NULL }
};

static void
set_text(char **field, const char *text)
{
	free(*field);
	*field = xstrdup(text);
}

/* A value as a user types it: text, read against the unit by the store. */
static void
type_value(struct value *v, const char *typed)
{
	value_clear(v);
	v->kind = VALUE_TEXT;
	v->text = xstrdup(typed);
}

static void
set_targets(struct edit_indicator *ind, size_t n, const int *fy,
    const char *const *typed)
{
	size_t	i;

	for (i = 0; i < ind->ntargets; i++)
		value_clear(&ind->targets[i].value);
	free(ind->targets);
	ind->targets = n ? xcalloc(n, sizeof *ind->targets) : NULL;
	ind->ntargets = n;
	for (i = 0; i < n; i++) {
		ind->targets[i].fy = fy[i];
		if (typed[i] != NULL)
			type_value(&ind->targets[i].value, typed[i]);
	}
}

/* A new node under parent after after, as the form makes it. */
static void
new_node(struct edit_node *n, long long parent, long long after,
    const char *code, const char *title)
{
	edit_node_init(n);
	n->plan_id = plan_id;
	n->parent_id = parent;
	n->after_id = after;
	set_text(&n->code, code);
	set_text(&n->title, title);
}

static int
save_node(struct edit_node *n, const char *login, const char **field,
    char **cause)
{
	int	rc;

	*field = "(untouched)";
	*cause = NULL;
	rc = store_edit_node_save(st, login, n, field, cause);
	if (rc == 0 && *cause != NULL)
		fprintf(stderr, "a cause on success: %s\n", *cause);
	return rc;
}

/* ---- the stories ---- */

TEST(test_load_node_and_levels)
{
	struct edit_node	 n;
	char			**names = NULL, *cause = NULL;
	int			 nlevels = 0;

	CHECK_INT(store_edit_node_load(st, node1, &n, &cause), 0);
	CHECK_INT(n.id, node1);
	CHECK_INT(n.plan_id, plan_id);
	CHECK_INT(n.parent_id, node_mid1);
	CHECK_INT(n.depth, 3);
	CHECK_STR(n.key, "1");
	CHECK_STR(n.code, "No.1");
	CHECK_STR(n.title, "市民参画事業");
	CHECK_STR(n.label, "");
	CHECK_INT(n.first_fy, 2021);
	CHECK_INT(n.last_fy, 2025);
	CHECK_STR(n.summary, "参画を進める");
	CHECK_STR(n.means, "講座を開く");
	CHECK_STR(n.depts, "★試験市/協働課");
	CHECK_STR(n.flags, "focus");
	edit_node_free(&n);

	/* Assignments limited to years are listed with their years. */
	CHECK_INT(store_edit_node_load(st, node24, &n, &cause), 0);
	CHECK_STR(n.depts, "★試験市/総務課(〜R4)、★試験市/企画課(R5〜)");
	CHECK_STR(n.flags, "");
	edit_node_free(&n);

	CHECK_INT(store_edit_node_load(st, 999999, &n, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "ありません") != NULL);
	free(cause);
	cause = NULL;
	edit_node_free(&n);	/* harmless after a failed load */

	CHECK_INT(store_edit_levels(st, plan_id, &names, &nlevels, &cause), 0);
	CHECK_INT(nlevels, 3);
	if (nlevels == 3) {
		CHECK_STR(names[0], "基本方針");
		CHECK_STR(names[2], "取組");
	}
	store_edit_levels_free(names, nlevels);
	CHECK_INT(store_edit_levels(st, 999999, &names, &nlevels, &cause), -1);
	CHECK(cause != NULL);
	free(cause);
}

TEST(test_load_yearplans_and_costs)
{
	struct edit_node	 n;
	char			*cause = NULL;

	/* Rows in their order, a spanning entry as R4〜R7, a second line
	 * indented; trends by year whatever order they were imported in. */
	CHECK_INT(store_edit_node_load(st, node1, &n, &cause), 0);
	CHECK_STR(n.yearplans, "R3: ふれあい出前講座の開催\n"
	    "R4〜R7: 講座の見直し\n  連続講座の開催");
	CHECK_STR(n.costs, "R3=同程度 R4=拡大");
	edit_node_free(&n);
	CHECK_INT(store_edit_node_load(st, node2, &n, &cause), 0);
	CHECK_STR(n.yearplans, "");
	CHECK_STR(n.costs, "");
	edit_node_free(&n);
	/* A new record starts empty. */
	edit_node_init(&n);
	CHECK_STR(n.yearplans, "");
	CHECK_STR(n.costs, "");
	edit_node_free(&n);
}

/* Marks whose copy of their node's place and period (db/migrate-25.sql)
 * differs from the node's: none, after any write of the forms. */
#define CHECK_MARKS_AS_NODES() CHECK_INT(q_int("SELECT count(*) FROM"	\
	" node_flag nf JOIN node n ON n.id = nf.node_id WHERE"		\
	" nf.plan_id IS NOT n.plan_id OR nf.parent_id IS NOT n.parent_id" \
	" OR nf.depth IS NOT n.depth OR nf.ord IS NOT n.ord"		\
	" OR nf.first_fy IS NOT n.first_fy OR nf.last_fy IS NOT n.last_fy"), 0)
/* The same of the assignments (db/migrate-27.sql). */
#define CHECK_ASSIGNS_AS_NODES() CHECK_INT(q_int("SELECT count(*) FROM" \
	" node_dept nd JOIN node n ON n.id = nd.node_id WHERE"		\
	" nd.plan_id IS NOT n.plan_id OR nd.parent_id IS NOT n.parent_id" \
	" OR nd.depth IS NOT n.depth OR nd.node_ord IS NOT n.ord"	\
	" OR nd.first_fy IS NOT n.first_fy OR nd.last_fy IS NOT n.last_fy"), 0)

TEST(test_add_after_a_sibling)
{
	struct edit_node	 n;
	const char		*field;
	char			*cause = NULL;
	long long		 h0 = history_count();

	new_node(&n, node_mid1, node1, "No.1-2", "地域担い手育成事業");
	n.first_fy = 2022;
	n.last_fy = 2025;
	set_text(&n.depts, "協働課、★試験市/企画課");
	set_text(&n.flags, "主要事業");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	CHECK(field == NULL);
	CHECK(n.id > 0);
	CHECK_INT(n.depth, 3);
	CHECK_STR(n.key, "No.1-2");	/* the code, being free */
	CHECK_STR(n.depts, "試験市/協働課、★試験市/企画課");
	CHECK_STR(n.flags, "major");
	/* Right after No.1 among its siblings, before No.2. */
	CHECK_CHILDREN(node_mid1, "1,No.1-2,2");
	CHECK_INT(q_int("SELECT depth FROM node WHERE id = %lld", n.id), 3);
	CHECK_Q("試験市/協働課:0,試験市/企画課:1", "SELECT group_concat(x, ',') FROM"
	    " (SELECT d.code || ':' || nd.is_main AS x FROM node_dept nd"
	    " JOIN department d ON d.id = nd.dept_id WHERE nd.node_id = %lld"
	    " AND nd.from_fy IS NULL AND nd.until_fy IS NULL ORDER BY nd.ord)",
	    n.id);
	CHECK_Q("major", "SELECT group_concat(f.key) FROM node_flag nf JOIN plan_flag f"
	    " ON f.id = nf.flag_id WHERE nf.node_id = %lld", n.id);
	/* One history row tells of it. */
	CHECK_INT(history_count() - h0, 1);
	CHECK_Q("kikaku|(null)|No.1-2 地域担い手育成事業", "SELECT login || '|' ||"
	    " coalesce(old_value, '(null)') || '|' || new_value FROM history"
	    " WHERE field = 'node_add' AND node_id = %lld", n.id);
	edit_node_free(&n);

	/* The same code again: the key is made up. */
	new_node(&n, node_mid1, node_of("No.1-2"), "No.1-2", "同じ番号の取組");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	CHECK_STR(n.key, "n1");
	CHECK_CHILDREN(node_mid1, "1,No.1-2,n1,2");
	edit_node_free(&n);
	/* The nodes after them moved down: their marks and assignments
	 * with them. */
	CHECK(q_int("SELECT count(*) FROM node_flag") > 0);
	CHECK_MARKS_AS_NODES();
	CHECK(q_int("SELECT count(*) FROM node_dept nd JOIN node n"
	    " ON n.id = nd.node_id WHERE n.parent_id = %lld AND n.id <> %lld",
	    node_mid1, node_of("No.1-2")) > 0);
	CHECK_ASSIGNS_AS_NODES();
}

TEST(test_add_first_child_and_top)
{
	struct edit_node	 n;
	const char		*field;
	char			*cause = NULL;

	/* First child of (1) 協働の推進: before No.1. */
	new_node(&n, node_mid1, 0, "", "最初の取組");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_STR(n.key, "n2");		/* no code: made up */
	CHECK_CHILDREN(node_mid1, "n2,1,No.1-2,n1,2");
	CHECK_Q("最初の取組", "SELECT coalesce(new_value, '(null)') FROM history"
	    " WHERE field = 'node_add' AND node_id = %lld", n.id);
	edit_node_free(&n);

	/* First top-level node, and one after Ⅱ. */
	new_node(&n, 0, 0, "Ⅰ-0", "前文");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(n.depth, 1);
	CHECK_INT(q_int("SELECT ord FROM node WHERE id = %lld", n.id), 1);
	edit_node_free(&n);
	new_node(&n, 0, node_top2, "Ⅲ", "財政運営");
	set_text(&n.key, "III");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_STR(n.key, "III");
	CHECK_CHILDREN(0, "Ⅰ-0,I,II,III");
	/* A second level under the new top node. */
	{
		struct edit_node c;

		new_node(&c, n.id, 0, "(1)", "財政の健全化");
		CHECK_INT(save_node(&c, "kikaku", &field, &cause), 0);
		free(cause);
		cause = NULL;
		CHECK_INT(c.depth, 2);
		CHECK_CHILDREN(n.id, c.key);
		edit_node_free(&c);
	}
	edit_node_free(&n);

	/* Every parent still comes before its children in ord. */
	CHECK_INT(q_int("SELECT count(*) FROM node n JOIN node p ON p.id = n.parent_id"
	    " WHERE p.ord >= n.ord"), 0);
	CHECK_INT(q_int("SELECT count(*) - count(DISTINCT ord) FROM node"), 0);
}

TEST(test_add_last_child)
{
	struct edit_node	 n;
	const char		*field;
	char			*cause = NULL;
	char			*before;

	/* Last child of (1) 協働の推進, whatever its children are. */
	before = children(node_mid1);
	new_node(&n, node_mid1, -1, "No.9", "最後の取組");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	{
		char *want = xasprintf("%s,No.9", before);

		CHECK_CHILDREN(node_mid1, want);
		free(want);
	}
	edit_node_free(&n);
	free(before);
	/* Last at the top level. */
	new_node(&n, 0, -1, "Ⅸ", "おわりに");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	CHECK_INT(n.depth, 1);
	CHECK_INT(q_int("SELECT count(*) FROM node WHERE parent_id IS NULL AND"
	    " ord > %lld", (long long)q_int("SELECT ord FROM node WHERE id = %lld",
	    n.id)), 0);
	edit_node_free(&n);
	CHECK_INT(q_int("SELECT count(*) FROM node n JOIN node p ON p.id = n.parent_id"
	    " WHERE p.ord >= n.ord"), 0);
}

/* The plan as a plan file. */
static char *
export_text(struct store *from)
{
	struct pf_doc	 d;
	char		*buf = NULL, *cause = NULL;
	size_t		 len = 0;
	FILE		*f;

	pf_doc_init(&d);
	if (store_plan_export(from, "t", &d, &cause) != 0) {
		fprintf(stderr, "export: %s\n", cause);
		free(cause);
		pf_doc_free(&d);
		return NULL;
	}
	f = open_memstream(&buf, &len);
	pf_write(&d, f, ',', "\n", 0);
	fclose(f);
	pf_doc_free(&d);
	return buf;
}

TEST(test_export_order_and_import_again)
{
	struct store	*again;
	char		*text = export_text(st), *text2 = NULL, *path, *p, *q;
	int		 nodes = 0;

	CHECK(text != NULL);
	if (text == NULL)
		return;
	/* Node records in tree order among siblings: No.1, No.1-2, then the
	 * one with the same code, then No.2. */
	p = strstr(text, "\nnode,t,1,I-1,");
	q = strstr(text, "\nnode,t,No.1-2,I-1,");
	CHECK(p != NULL && q != NULL && p < q);
	p = strstr(text, "\nnode,t,n1,I-1,");
	CHECK(q != NULL && p != NULL && q < p);
	q = strstr(text, "\nnode,t,2,I-1,");
	CHECK(p != NULL && q != NULL && p < q);
	for (p = text; (p = strstr(p, "\nnode,")) != NULL; p++)
		nodes++;
	CHECK_INT(nodes, q_int("SELECT count(*) FROM node"));
	/* Imported into a new database, it exports to the same bytes. */
	path = xasprintf("%s/again.db", dir);
	again = fixture_store(path, text, NULL);
	CHECK(again != NULL);
	if (again != NULL) {
		text2 = export_text(again);
		CHECK(text2 != NULL && strcmp(text, text2) == 0);
		store_close(again);
	}
	free(text2);
	free(text);
	free(path);
}

TEST(test_refused_below_the_deepest_level)
{
	struct edit_node	 n;
	const char		*field;
	char			*cause = NULL, *before = snapshot();

	/* No.1 is at the third and last level. */
	new_node(&n, node1, 0, "No.1-a", "下位の取組");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK(field == NULL);
	CHECK(cause != NULL && strstr(cause, "最下層の取組") != NULL &&
	    strstr(cause, "市民参画事業") != NULL);
	free(cause);
	CHECK_INT(n.id, 0);
	CHECK_STR(n.key, "");
	edit_node_free(&n);

	/* after_id must be a sibling. */
	new_node(&n, node_mid1, node24, "X", "よその後ろ");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK(field == NULL && cause != NULL);
	free(cause);
	edit_node_free(&n);
	/* A parent that does not exist. */
	new_node(&n, 999999, 0, "X", "親なし");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK(cause != NULL);
	free(cause);
	edit_node_free(&n);

	CHECK_UNCHANGED(before);
	free(before);
}

TEST(test_edit_fields_writes_history)
{
	struct edit_node	 n;
	const char		*field;
	char			*cause = NULL;
	long long		 h0;

	CHECK_INT(store_edit_node_load(st, node2, &n, &cause), 0);
	set_text(&n.code, "No.2改");
	set_text(&n.title, "環境美化パートナー事業");
	set_text(&n.summary, "きれいなまち\n二行目");
	set_text(&n.label, "事業");
	n.first_fy = 2022;
	h0 = history_count();
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(history_count() - h0, 5);
	CHECK_Q("No.2→No.2改", "SELECT old_value || '→' || new_value FROM history"
	    " WHERE field = 'code' AND node_id = %lld", node2);
	CHECK_Q("環境美化事業→環境美化パートナー事業", "SELECT old_value || '→' ||"
	    " new_value FROM history WHERE field = 'title' AND node_id = %lld", node2);
	CHECK_Q("(null)→きれいなまち\n二行目", "SELECT coalesce(old_value, '(null)')"
	    " || '→' || new_value FROM history WHERE field = 'summary'"
	    " AND node_id = %lld", node2);
	CHECK_Q("2021-2025→2022-2025", "SELECT old_value || '→' || new_value"
	    " FROM history WHERE field = 'period' AND node_id = %lld", node2);
	CHECK_Q("kikaku", "SELECT group_concat(DISTINCT login) FROM history"
	    " WHERE node_id = %lld AND id > %lld", node2, h0);
	CHECK_Q("No.2改|環境美化パートナー事業|事業|2022|2025", "SELECT code || '|' ||"
	    " title || '|' || label || '|' || first_fy || '|' || last_fy FROM node"
	    " WHERE id = %lld", node2);

	/* Saving what is there writes nothing. */
	h0 = history_count();
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(history_count(), h0);

	/* A key changed to a free one, then back. */
	set_text(&n.key, "２");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_Q("2→２", "SELECT old_value || '→' || new_value FROM history"
	    " WHERE field = 'key' AND node_id = %lld", node2);
	set_text(&n.key, "  2 ");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	CHECK_STR(n.key, "2");
	edit_node_free(&n);
}

TEST(test_bad_fields_are_named)
{
	struct edit_node	 n;
	const char		*field;
	char			*cause = NULL, *before = snapshot();

	CHECK_INT(store_edit_node_load(st, node2, &n, &cause), 0);

	set_text(&n.key, "1");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "key");
	CHECK(cause != NULL && strstr(cause, "No.1 市民参画事業") != NULL);
	free(cause);
	set_text(&n.key, "\xe3\x80\x80");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "key");
	free(cause);
	set_text(&n.key, "2");

	set_text(&n.depts, "★試験市/協働課、土木課");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "depts");
	CHECK(cause != NULL && strstr(cause, "土木課") != NULL);
	free(cause);
	/* Typed with the input method on: a code found in ASCII; one that
	 * is no department either way is named as typed. */
	set_text(&n.depts, "★試験市／協働課、試験市／土木課");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "depts");
	CHECK(cause != NULL && strstr(cause, "「試験市／土木課」") != NULL &&
	    strstr(cause, "協働課") == NULL);
	free(cause);
	/* A name two other cities share must be given by its code (the
	 * plan's own city has none of that name). */
	set_text(&n.depts, "環境課");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "depts");
	CHECK(cause != NULL && strstr(cause, "別市/環境課") != NULL &&
	    strstr(cause, "他市/環境課") != NULL);
	free(cause);
	set_text(&n.depts, "");

	set_text(&n.flags, "重点事業 特別");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "flags");
	CHECK(cause != NULL && strstr(cause, "特別") != NULL &&
	    strstr(cause, "focus、major") != NULL);
	free(cause);
	set_text(&n.flags, "");

	set_text(&n.title, " \xe3\x80\x80\n");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "title");
	free(cause);
	set_text(&n.title, "名称");
	n.first_fy = 2025;
	n.last_fy = 2021;
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "period");
	free(cause);
	n.first_fy = 2021;
	set_text(&n.means, "手段\xff");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "means");
	free(cause);
	edit_node_free(&n);

	CHECK_UNCHANGED(before);
	free(before);
}

/* A node's assignments in order: "CODE:MAIN:FROM:UNTIL,...". */
#define ASSIGNS_SQL "SELECT group_concat(x, ',') FROM (SELECT d.code || ':' ||" \
    " nd.is_main || ':' || coalesce(nd.from_fy, '') || ':' ||"		\
    " coalesce(nd.until_fy, '') AS x FROM node_dept nd JOIN department d" \
    " ON d.id = nd.dept_id WHERE nd.node_id = %lld ORDER BY nd.ord)"

TEST(test_depts_round_trip_and_years_kept)
{
	struct edit_node	 n, m;
	const char		*field;
	char			*cause = NULL;
	long long		 h0;

	CHECK_INT(store_edit_node_load(st, node2, &n, &cause), 0);
	CHECK_STR(n.depts, "");
	/* ★ before or after, * too, names or codes (typed with the input
	 * method on too: 試験市／協働課), any separator. */
	set_text(&n.depts, "企画課★，\xe3\x80\x80試験市／協働課, *試験市/総務課");
	h0 = history_count();
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_STR(n.depts, "★試験市/企画課、試験市/協働課、★試験市/総務課");
	CHECK_INT(history_count() - h0, 1);
	CHECK_Q("(null)→★試験市/企画課、試験市/協働課、★試験市/総務課",
	    "SELECT coalesce(old_value, '(null)') || '→' || new_value FROM history"
	    " WHERE field = 'depts' AND node_id = %lld", node2);
	CHECK_INT(store_edit_node_load(st, node2, &m, &cause), 0);
	CHECK_STR(m.depts, n.depts);
	/* Saved back as loaded: nothing changes, not even the rows. */
	h0 = history_count();
	{
		long long ids = q_int("SELECT sum(id * ord) FROM node_dept"
		    " WHERE node_id = %lld", node2);

		CHECK_INT(save_node(&m, "kikaku", &field, &cause), 0);
		free(cause);
		cause = NULL;
		CHECK_INT(history_count(), h0);
		CHECK_INT(q_int("SELECT sum(id * ord) FROM node_dept"
		    " WHERE node_id = %lld", node2), ids);
	}
	/* A change of main only is a change. */
	set_text(&m.depts, "試験市/企画課、★試験市/協働課");
	CHECK_INT(save_node(&m, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_Q("試験市/企画課:0,試験市/協働課:1", "SELECT group_concat(x, ',') FROM"
	    " (SELECT d.code || ':' || nd.is_main AS x FROM node_dept nd"
	    " JOIN department d ON d.id = nd.dept_id WHERE nd.node_id = %lld"
	    " ORDER BY nd.ord)", node2);
	edit_node_free(&m);
	edit_node_free(&n);

	/* No.24: 総務課 until R4, 企画課 from R5 (機構改革). Adding 協働課
	 * to the text as loaded keeps both with their years. */
	CHECK_INT(store_edit_node_load(st, node24, &n, &cause), 0);
	set_text(&n.depts, "★試験市/総務課(〜R4)、★試験市/企画課(R5〜)、"
	    "試験市/協働課");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_Q("試験市/総務課:1::2022,試験市/企画課:1:2023:,試験市/協働課:0::",
	    ASSIGNS_SQL, node24);
	CHECK_STR(n.depts, "★試験市/総務課(〜R4)、★試験市/企画課(R5〜)、"
	    "試験市/協働課");
	/* Years changed, typed the planner's way: names, ★ after the name,
	 * full-width parentheses, era and western years, blanks. */
	set_text(&n.depts, "試験市/総務課★(R3〜R4) 企画課★（令和5年度〜2024） "
	    "協働課 (2025)");
	h0 = history_count();
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_Q("試験市/総務課:1:2021:2022,試験市/企画課:1:2023:2024,"
	    "試験市/協働課:0:2025:2025", ASSIGNS_SQL, node24);
	CHECK_STR(n.depts, "★試験市/総務課(R3〜R4)、★試験市/企画課(R5〜R6)、"
	    "試験市/協働課(R7)");
	CHECK_INT(history_count() - h0, 1);
	CHECK_Q("★試験市/総務課(〜R4)、★試験市/企画課(R5〜)、試験市/協働課"
	    "→★試験市/総務課(R3〜R4)、★試験市/企画課(R5〜R6)、試験市/協働課(R7)",
	    "SELECT old_value || '→' || new_value FROM history"
	    " WHERE field = 'depts' AND node_id = %lld ORDER BY id DESC LIMIT 1",
	    node24);
	/* Loaded again: the same text, and saving it changes nothing. */
	CHECK_INT(store_edit_node_load(st, node24, &m, &cause), 0);
	CHECK_STR(m.depts, n.depts);
	h0 = history_count();
	CHECK_INT(save_node(&m, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(history_count(), h0);
	edit_node_free(&m);
	/* One department twice, for years apart: two assignments. */
	set_text(&n.depts, "★試験市/総務課(〜R4)、試験市/企画課(R5〜R6)、"
	    "★試験市/総務課(R7〜)");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_Q("試験市/総務課:1::2022,試験市/企画課:0:2023:2024,"
	    "試験市/総務課:1:2025:", ASSIGNS_SQL, node24);
	/* A department dropped from the list goes, with its years. */
	set_text(&n.depts, "★試験市/総務課(〜R4)、試験市/協働課");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_Q("試験市/総務課:1::2022,試験市/協働課:0::", ASSIGNS_SQL, node24);
	CHECK_ASSIGNS_AS_NODES();
	edit_node_free(&n);
}

/* 総務課 is a name of 試験市 and of 別市; typed in 試験市's plan it is
 * 試験市's, as it is in the plan file's city. Saved as codes. */
TEST(test_depts_name_of_the_plans_city)
{
	struct edit_node	 n;
	const char		*field;
	char			*cause = NULL;

	CHECK_INT(store_edit_node_load(st, node1, &n, &cause), 0);
	CHECK_STR(n.depts, "★試験市/協働課");
	set_text(&n.depts, "★協働課、総務課");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_STR(n.depts, "★試験市/協働課、試験市/総務課");
	CHECK_Q("試験市/協働課,試験市/総務課", "SELECT group_concat(d.code)"
	    " FROM (SELECT dept_id FROM node_dept WHERE node_id = %lld"
	    " ORDER BY ord) nd JOIN department d ON d.id = nd.dept_id", node1);
	/* A plan whose ORG is empty has no city to prefer. */
	CHECK_INT(q_int("SELECT count(*) FROM department WHERE name = '総務課'"),
	    2);
	CHECK_INT(sqlite3_exec(raw, "UPDATE plan SET org = '' WHERE code = 't'",
	    NULL, NULL, NULL), SQLITE_OK);
	set_text(&n.depts, "★協働課、総務課");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "depts");
	CHECK(cause != NULL && strstr(cause, "試験市/総務課, 別市/総務課") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(sqlite3_exec(raw, "UPDATE plan SET org = '試験市'"
	    " WHERE code = 't'", NULL, NULL, NULL), SQLITE_OK);
	set_text(&n.depts, "★試験市/協働課");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	edit_node_free(&n);
}

/* Expects the node form n to save 担当課 typed as typed, and to show
 * it then as want. */
#define CHECK_DEPTS_SAVED(n, typed, want) do {				\
	const char *f_;							\
	char *c_ = NULL;						\
	set_text(&(n).depts, (typed));					\
	CHECK_INT(save_node(&(n), "kikaku", &f_, &c_), 0);		\
	free(c_);							\
	CHECK_STR((n).depts, (want));					\
} while (0)

/* Another plan's bare code (企画課, of ベンチ県) typed in a plan of
 * 試験市, which has a 企画課 of its own: the plan's city's. A bare code
 * whose name the city's department has with its 部 (企画部政策課 for
 * 政策課): asked for by code, both named. A code of another city with
 * no such department of the plan's city stays what it names. */
TEST(test_depts_code_of_another_city)
{
	struct edit_node	 n;
	const char		*field;
	char			*cause = NULL;

	CHECK_INT(sqlite3_exec(raw, "UPDATE plan SET org = '試験市'"
	    " WHERE code = 't';"
	    "INSERT INTO department (code, name, org, ord) VALUES"
	    " ('企画課', '企画課', 'ベンチ県', 900),"
	    " ('政策課', '政策課', 'ベンチ県', 901),"
	    " ('試験市/政策', '企画部政策課', '試験市', 902),"
	    " ('監査課', '監査課', 'ベンチ県', 903)", NULL, NULL, NULL),
	    SQLITE_OK);
	CHECK_INT(store_edit_node_load(st, node1, &n, &cause), 0);
	CHECK_DEPTS_SAVED(n, "★企画課", "★試験市/企画課");
	set_text(&n.depts, "★政策課");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "depts");
	CHECK(cause != NULL && strstr(cause, "「政策課」はベンチ県の部署（コード"
	    " 政策課）です。この計画の「企画部政策課」のことなら、コード 試験市/政策"
	    " で指定してください") != NULL);
	free(cause);
	CHECK_DEPTS_SAVED(n, "★監査課", "★監査課");
	CHECK_DEPTS_SAVED(n, "★試験市/協働課", "★試験市/協働課");
	edit_node_free(&n);
	CHECK_INT(sqlite3_exec(raw, "DELETE FROM department WHERE ord >= 900",
	    NULL, NULL, NULL), SQLITE_OK);
}

/* The departments a list names, for the form to show under it: names
 * for codes, a code beside a name two departments bear, nothing where
 * the text gives the names already, what a save would say of a word
 * that names none. */
/* store_edit_depts_named's names, or "!" and its cause. */
static char *
depts_named(const char *text, int one)
{
	char	*names = NULL, *cause = NULL, *out;

	if (store_edit_depts_named(st, plan_id, text, one, &names,
	    &cause) == 0)
		return names;
	out = xasprintf("!%s", cause != NULL ? cause : "");
	free(cause);
	return out;
}

TEST(test_depts_named)
{
	char	*got;

	CHECK(depts_named("  ", 0) == NULL);
	got = depts_named("★試験市/協働課、試験市/企画課(R3〜R6)", 0);
	CHECK_STR(got, "★協働課、企画課(R3〜R6)");
	free(got);
	got = depts_named("★試験市/総務課", 0);
	CHECK_STR(got, "★総務課（コード 試験市/総務課）");
	free(got);
	CHECK(depts_named("★協働課、企画課", 0) == NULL);
	got = depts_named("★協働課、ない課", 0);
	CHECK(got != NULL && strncmp(got, "!担当課「ない課」という部署がありません",
	    strlen("!担当課「ない課」という部署がありません")) == 0);
	free(got);
	/* One reporting department. */
	got = depts_named("試験市/協働課", 1);
	CHECK_STR(got, "協働課");
	free(got);
	got = depts_named("試験市/協働課、試験市/総務課", 1);
	CHECK(got != NULL && got[0] == '!');
	free(got);
}

/* A code a sibling prints is named for the form, with the sibling's
 * title; its own, another parent's, a blank one are not. */
TEST(test_code_twin)
{
	char	*got;

	got = store_edit_node_code_twin(st, plan_id, node_mid1, node1, "No.2");
	CHECK_STR(got, "環境美化事業");
	free(got);
	got = store_edit_node_code_twin(st, plan_id, node_mid1, 0, " No.1 ");
	CHECK_STR(got, "市民参画事業");
	free(got);
	got = store_edit_node_code_twin(st, plan_id, 0, 0, "Ⅱ");
	CHECK_STR(got, "行政運営");
	free(got);
	CHECK(store_edit_node_code_twin(st, plan_id, node_mid1, node1,
	    "No.1") == NULL);
	CHECK(store_edit_node_code_twin(st, plan_id, node_mid1, node1,
	    "No.24") == NULL);
	CHECK(store_edit_node_code_twin(st, plan_id, node_mid1, 0, "") == NULL);
}

TEST(test_depts_years_refused)
{
	struct edit_node	 n;
	const char		*field;
	char			*cause = NULL, *before = snapshot();

	CHECK_INT(store_edit_node_load(st, node2, &n, &cause), 0);
	/* Years that cannot be read: named with the department. */
	set_text(&n.depts, "★試験市/総務課(R3〜R99x)");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "depts");
	CHECK(cause != NULL && strstr(cause, "担当課「試験市/総務課」の年度"
	    "「R3〜R99x」を読めません") != NULL);
	free(cause);
	/* Reversed years. */
	set_text(&n.depts, "試験市/総務課(R6〜R3)");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "depts");
	CHECK(cause != NULL && strstr(cause, "R6〜R3") != NULL);
	free(cause);
	/* The same department for years that overlap, or twice in full. */
	set_text(&n.depts, "試験市/総務課(R3〜R5)、試験市/総務課(R5〜)");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "depts");
	CHECK(cause != NULL && strstr(cause, "年度が重なっています") != NULL);
	free(cause);
	set_text(&n.depts, "試験市/総務課(R3〜R5)、試験市/総務課");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "年度が重なっています") != NULL);
	free(cause);
	set_text(&n.depts, "試験市/総務課、試験市/総務課★");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "二度書かれています") != NULL);
	free(cause);
	/* Parentheses with no department before them. */
	set_text(&n.depts, "(R3〜R5)");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "担当課「(R3〜R5)」") != NULL);
	free(cause);
	/* A name's last part: the department it likely is, with its code. */
	set_text(&n.depts, "働課");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "担当課「働課」という部署が"
	    "ありません。「協働課」（コード 試験市/協働課）のことなら、") != NULL);
	free(cause);
	CHECK_UNCHANGED(before);
	free(before);
	edit_node_free(&n);
}

TEST(test_flags)
{
	struct edit_node	 n;
	const char		*field;
	char			*cause = NULL;

	CHECK_INT(store_edit_node_load(st, node2, &n, &cause), 0);
	set_text(&n.flags, "主要事業、focus");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_STR(n.flags, "focus、major");	/* the plan's order */
	CHECK_INT(q_int("SELECT count(*) FROM node_flag WHERE node_id = %lld",
	    node2), 2);
	CHECK_MARKS_AS_NODES();
	CHECK_Q("(null)→focus、major", "SELECT coalesce(old_value, '(null)') || '→'"
	    " || new_value FROM history WHERE field = 'flags' AND node_id = %lld",
	    node2);
	set_text(&n.flags, "");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	CHECK_INT(q_int("SELECT count(*) FROM node_flag WHERE node_id = %lld",
	    node2), 0);
	CHECK_Q("focus、major→(null)", "SELECT old_value || '→' ||"
	    " coalesce(new_value, '(null)') FROM history WHERE field = 'flags'"
	    " AND node_id = %lld ORDER BY id DESC LIMIT 1", node2);
	edit_node_free(&n);
}

/* A node's yearly plans as rows: "FROM|TO|TEXT|ORD;…". */
static char *
yearplan_rows(long long node)
{
	return q_text("SELECT group_concat(x, ';') FROM (SELECT from_fy || '|'"
	    " || to_fy || '|' || text || '|' || ord AS x FROM year_plan"
	    " WHERE node_id = %lld ORDER BY ord)", node);
}

static char *
cost_rows(long long node)
{
	return q_text("SELECT group_concat(x, ',') FROM (SELECT fy || ':' ||"
	    " trend AS x FROM cost_trend WHERE node_id = %lld ORDER BY fy)", node);
}

#define CHECK_ROWS(fn, node, want) do {					\
	char *r_ = fn(node);						\
	CHECK_STR(r_, want);						\
	free(r_);							\
} while (0)

TEST(test_yearplans_and_costs_saved)
{
	struct edit_node	 n, m;
	const char		*field;
	char			*cause = NULL;
	long long		 h0, ids;

	CHECK_INT(store_edit_node_load(st, node1, &n, &cause), 0);
	/* Full-width colon, a blank line, a continuation not indented, a
	 * western year; trends out of order with a key among the words. */
	set_text(&n.yearplans, "R3：ふれあい出前講座の開催\n\n"
	    "R4〜R5: 講座の見直し\n受講者アンケートの実施\n2024: 新しい講座の開始");
	set_text(&n.costs, "R5=縮小、R3=同程度 R4=up");
	h0 = history_count();
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK(field == NULL);
	CHECK_ROWS(yearplan_rows, node1, "2021|2021|ふれあい出前講座の開催|1;"
	    "2022|2023|講座の見直し\n受講者アンケートの実施|2;"
	    "2024|2024|新しい講座の開始|3");
	CHECK_ROWS(cost_rows, node1, "2021:same,2022:up,2023:down");
	/* The record now holds the form a load gives. */
	CHECK_STR(n.yearplans, "R3: ふれあい出前講座の開催\nR4〜R5: 講座の見直し\n"
	    "  受講者アンケートの実施\nR6: 新しい講座の開始");
	CHECK_STR(n.costs, "R3=同程度 R4=拡大 R5=縮小");
	/* One history row per field, old and new as texts. */
	CHECK_INT(history_count() - h0, 2);
	CHECK_Q("kikaku|R3: ふれあい出前講座の開催\nR4〜R7: 講座の見直し\n"
	    "  連続講座の開催→R3: ふれあい出前講座の開催\nR4〜R5: 講座の見直し\n"
	    "  受講者アンケートの実施\nR6: 新しい講座の開始", "SELECT login || '|' ||"
	    " old_value || '→' || new_value FROM history WHERE field = 'yearplans'"
	    " AND node_id = %lld", node1);
	CHECK_Q("R3=同程度 R4=拡大→R3=同程度 R4=拡大 R5=縮小", "SELECT old_value"
	    " || '→' || new_value FROM history WHERE field = 'costs'"
	    " AND node_id = %lld", node1);

	/* Loaded again, it is what was saved; saved back, nothing is
	 * written, not even the rows; nor when typed another way. */
	CHECK_INT(store_edit_node_load(st, node1, &m, &cause), 0);
	CHECK_STR(m.yearplans, n.yearplans);
	CHECK_STR(m.costs, n.costs);
	h0 = history_count();
	ids = q_int("SELECT sum(id * ord) FROM year_plan WHERE node_id = %lld",
	    node1);
	CHECK_INT(save_node(&m, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	set_text(&m.yearplans, "2021: ふれあい出前講座の開催\n令和4年度〜令和5年度："
	    "講座の見直し\n    受講者アンケートの実施\nR6: 新しい講座の開始\n");
	set_text(&m.costs, "2021=同程度, 2022=拡大, 2023=down");
	CHECK_INT(save_node(&m, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(history_count(), h0);
	CHECK_INT(q_int("SELECT sum(id * ord) FROM year_plan WHERE node_id = %lld",
	    node1), ids);
	CHECK_STR(m.yearplans, n.yearplans);

	/* Costs alone changed: one row, the plans left as they were. */
	set_text(&m.costs, "R3=同程度 R4=拡大 R5=不明");
	CHECK_INT(save_node(&m, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(history_count() - h0, 1);
	CHECK_Q("costs", "SELECT field FROM history ORDER BY id DESC LIMIT 1");
	CHECK_ROWS(cost_rows, node1, "2021:same,2022:up,2023:unknown");
	CHECK_INT(q_int("SELECT sum(id * ord) FROM year_plan WHERE node_id = %lld",
	    node1), ids);

	/* Both emptied: the rows go, the history says to nothing. */
	set_text(&m.yearplans, "");
	set_text(&m.costs, " ");
	h0 = history_count();
	CHECK_INT(save_node(&m, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(history_count() - h0, 2);
	CHECK_INT(q_int("SELECT count(*) FROM year_plan WHERE node_id = %lld",
	    node1), 0);
	CHECK_INT(q_int("SELECT count(*) FROM cost_trend WHERE node_id = %lld",
	    node1), 0);
	CHECK_Q("R3=同程度 R4=拡大 R5=不明→(null)", "SELECT old_value || '→' ||"
	    " coalesce(new_value, '(null)') FROM history WHERE field = 'costs'"
	    " AND node_id = %lld ORDER BY id DESC LIMIT 1", node1);
	CHECK_STR(m.costs, "");
	edit_node_free(&m);
	edit_node_free(&n);

	/* A new node comes with its rows; its addition is its one history
	 * row. */
	new_node(&n, node_top2, -1, "(2)", "財政の見える化");
	set_text(&n.yearplans, "R4〜R7: 財政状況の公表\n毎年度");
	set_text(&n.costs, "R4=同程度");
	h0 = history_count();
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	CHECK(n.id > 0);
	CHECK_INT(history_count() - h0, 1);
	CHECK_ROWS(yearplan_rows, n.id, "2022|2025|財政状況の公表\n毎年度|1");
	CHECK_ROWS(cost_rows, n.id, "2022:same");
	CHECK_STR(n.yearplans, "R4〜R7: 財政状況の公表\n  毎年度");
	CHECK_STR(n.costs, "R4=同程度");
	edit_node_free(&n);
}

/* Does cause begin with prefix? */
static int
begins(const char *cause, const char *prefix)
{
	return cause != NULL && strncmp(cause, prefix, strlen(prefix)) == 0;
}

TEST(test_bad_yearplans_and_costs_are_named)
{
	struct edit_node	 n, add;
	const char		*field;
	char			*cause = NULL, *before = snapshot();

	CHECK_INT(store_edit_node_load(st, node24, &n, &cause), 0);
	set_text(&n.title, "変えた名称");

	/* Text before the first year. */
	set_text(&n.yearplans, "研修の実施\nR3: 研修");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "yearplans");
	CHECK(begins(cause, "年次計画: ") && strstr(cause, "1行目") != NULL);
	free(cause);
	/* A reversed period on the second line. */
	set_text(&n.yearplans, "R3: 研修\nR6〜R4: 見直し");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "yearplans");
	CHECK(begins(cause, "年次計画: ") && strstr(cause, "2行目") != NULL);
	free(cause);
	/* A year with nothing to do. */
	set_text(&n.yearplans, "R3: 研修\nR4:");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "yearplans");
	CHECK(begins(cause, "年次計画: "));
	free(cause);

	/* The plans right, a trend word wrong, then a year twice. */
	set_text(&n.yearplans, "R3: 研修");
	set_text(&n.costs, "R3=増える");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "costs");
	CHECK(begins(cause, "事業費の傾向: "));
	free(cause);
	set_text(&n.costs, "R3=拡大 2021=縮小");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "costs");
	CHECK(begins(cause, "事業費の傾向: "));
	free(cause);
	set_text(&n.costs, "R3");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "costs");
	free(cause);

	/* Right, but typed by a clerk. */
	set_text(&n.costs, "R3=拡大");
	CHECK_INT(save_node(&n, "sato", &field, &cause), STORE_DENIED);
	free(cause);
	/* What was typed stays in the record. */
	CHECK_STR(n.yearplans, "R3: 研修");
	CHECK_STR(n.costs, "R3=拡大");
	CHECK_STR(n.title, "変えた名称");
	edit_node_free(&n);

	/* A new node with a wrong text is not added. */
	new_node(&add, node_mid2, -1, "No.31", "年次計画の誤り");
	set_text(&add.yearplans, "R9〜R8: 逆");
	CHECK_INT(save_node(&add, "kikaku", &field, &cause), -1);
	CHECK_STR(field, "yearplans");
	free(cause);
	CHECK_INT(add.id, 0);
	CHECK_STR(add.key, "");
	edit_node_free(&add);

	CHECK_UNCHANGED(before);
	free(before);
}

TEST(test_only_a_planner_edits)
{
	struct edit_node	 n, add;
	struct edit_indicator	 ind;
	const char		*field;
	char			*cause = NULL, *before = snapshot();

	CHECK_INT(store_edit_node_load(st, node1, &n, &cause), 0);
	set_text(&n.title, "担当課が変えた名称");
	CHECK_INT(save_node(&n, "sato", &field, &cause), STORE_DENIED);
	CHECK(cause != NULL && strstr(cause, "企画担当だけ") != NULL);
	free(cause);
	CHECK_INT(save_node(&n, "kacho", &field, &cause), STORE_DENIED);
	free(cause);
	CHECK_INT(save_node(&n, "nobody", &field, &cause), STORE_DENIED);
	free(cause);
	CHECK_STR(n.title, "担当課が変えた名称");	/* what was typed stays */
	edit_node_free(&n);

	new_node(&add, node_mid1, 0, "No.9", "担当課の追加");
	CHECK_INT(save_node(&add, "sato", &field, &cause), STORE_DENIED);
	free(cause);
	CHECK_INT(add.id, 0);
	edit_node_free(&add);

	CHECK_INT(store_edit_node_delete(st, "kacho", node2, &cause), STORE_DENIED);
	free(cause);
	cause = NULL;
	CHECK_INT(store_edit_indicator_load(st, ind11, &ind, &cause), 0);
	set_text(&ind.name, "変更");
	CHECK_INT(store_edit_indicator_save(st, "sato", &ind, &field, &cause),
	    STORE_DENIED);
	free(cause);
	cause = NULL;
	CHECK_INT(store_edit_indicator_delete(st, "sato", ind11, &cause),
	    STORE_DENIED);
	free(cause);
	edit_indicator_free(&ind);

	CHECK_UNCHANGED(before);
	free(before);
	/* Each refusal is in the history with who tried. */
	CHECK(q_int("SELECT count(*) FROM history WHERE field = 'refused'"
	    " AND login = 'sato'") >= 3);
	CHECK(q_int("SELECT count(*) FROM history WHERE field = 'refused'"
	    " AND login = 'kacho' AND new_value LIKE '%%企画担当%%'") >= 1);
}

TEST(test_indicator_add_with_targets)
{
	static const int	 fys[] = { 2021, 2022 };
	static const char *const typed[] = { "１０回", "12" };
	struct edit_indicator	 ind;
	const char		*field = "(untouched)";
	char			*cause = NULL;
	long long		 h0 = history_count(), ord24;

	/* No.2 has no indicator yet: the new one goes last in the plan. */
	edit_indicator_init(&ind);
	ind.plan_id = plan_id;
	ind.node_id = node2;
	set_text(&ind.name, "清掃活動の回数");
	set_text(&ind.unit, "回");
	ind.direction = "増加";
	type_value(&ind.final, "20回");
	ind.final_fy = 2025;
	set_targets(&ind, 2, fys, typed);
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &ind, &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK(field == NULL);
	CHECK(ind.id > 0);
	CHECK_INT(ind.ver, 1);
	CHECK_STR(ind.key, "i1");
	CHECK_INT(q_int("SELECT ord FROM indicator WHERE id = %lld", ind.id),
	    q_int("SELECT max(ord) FROM indicator"));
	CHECK_Q("up|20.0|(null)", "SELECT direction || '|' || final_num || '|' ||"
	    " coalesce(final_txt, '(null)') FROM indicator WHERE id = %lld", ind.id);
	/* Typed targets are numbers when they read as numbers with the unit. */
	CHECK_Q("2021:10.0,2022:12.0", "SELECT group_concat(fy || ':' || num, ',')"
	    " FROM (SELECT fy, num FROM indicator_target WHERE indicator_id = %lld"
	    " ORDER BY fy)", ind.id);
	CHECK_INT(history_count() - h0, 3);
	CHECK_Q("清掃活動の回数", "SELECT new_value FROM history"
	    " WHERE field = 'indicator_add' AND indicator_id = %lld"
	    " AND node_id = %lld", ind.id, node2);
	CHECK_Q("(null)→10回", "SELECT coalesce(old_value, '(null)') || '→' ||"
	    " new_value FROM history WHERE field = 'target' AND fy = 2021"
	    " AND indicator_id = %lld", ind.id);
	edit_indicator_free(&ind);

	/* On No.1 it goes right after No.1's last indicator, before 24-1. */
	ord24 = q_int("SELECT ord FROM indicator WHERE id = %lld", ind24);
	edit_indicator_init(&ind);
	ind.plan_id = plan_id;
	ind.node_id = node1;
	set_text(&ind.key, "1-3");
	set_text(&ind.name, "参加者数");
	set_text(&ind.unit, "人");
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &ind, &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_Q("1-1,1-2,1-3", "SELECT group_concat(key, ',') FROM (SELECT key"
	    " FROM indicator WHERE node_id = %lld ORDER BY ord)", node1);
	CHECK_INT(q_int("SELECT ord FROM indicator WHERE id = %lld", ind24),
	    ord24 + 1);
	CHECK_INT(q_int("SELECT count(*) - count(DISTINCT ord) FROM indicator"), 0);
	edit_indicator_free(&ind);

	/* A key in use, a blank name, a bad direction, targets out of order. */
	edit_indicator_init(&ind);
	ind.plan_id = plan_id;
	ind.node_id = node1;
	set_text(&ind.key, "1-1");
	set_text(&ind.name, "重複");
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &ind, &field, &cause), -1);
	CHECK_STR(field, "key");
	CHECK(cause != NULL && strstr(cause, "出前講座の回数") != NULL);
	free(cause);
	cause = NULL;
	set_text(&ind.key, "");
	set_text(&ind.name, "");
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &ind, &field, &cause), -1);
	CHECK_STR(field, "name");
	free(cause);
	cause = NULL;
	set_text(&ind.name, "名");
	ind.direction = "上向き";
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &ind, &field, &cause), -1);
	CHECK_STR(field, "direction");
	free(cause);
	cause = NULL;
	ind.direction = NULL;
	{
		static const int	 back[] = { 2023, 2022 };
		static const char *const vals[] = { "1", "2" };

		set_targets(&ind, 2, back, vals);
	}
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &ind, &field, &cause), -1);
	CHECK_STR(field, "target");
	free(cause);
	CHECK_INT(ind.id, 0);
	edit_indicator_free(&ind);
}

TEST(test_indicator_edit_targets)
{
	static const int	 fys[] = { 2021, 2022, 2023 };
	static const char *const typed[] = { NULL, "48回", "50回" };
	struct edit_indicator	 ind;
	const char		*field;
	char			*cause = NULL, *want;
	long long		 h0;

	CHECK_INT(store_edit_indicator_load(st, ind11, &ind, &cause), 0);
	CHECK_INT(ind.id, ind11);
	CHECK_INT(ind.node_id, node1);
	CHECK_INT(ind.ver, 1);
	CHECK_STR(ind.key, "1-1");
	CHECK_STR(ind.unit, "回");
	CHECK_STR(ind.direction, "up");
	CHECK_INT(ind.final.kind, VALUE_NUMBER);
	CHECK_DBL(ind.final.num, 50, 0);
	CHECK_INT(ind.final_fy, 2025);
	CHECK_INT(ind.ntargets, 2);
	if (ind.ntargets == 2) {
		CHECK_INT(ind.targets[0].fy, 2021);
		CHECK_DBL(ind.targets[0].value.num, 40, 0);
		CHECK_INT(ind.targets[1].fy, 2022);
	}
	/* 2021 removed (none), 2022 changed, 2023 added; name and
	 * cumulative changed. */
	set_targets(&ind, 3, fys, typed);
	set_text(&ind.name, "ふれあい出前講座の回数");
	ind.cumulative = 1;
	h0 = history_count();
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &ind, &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(ind.ver, 2);
	CHECK_INT(q_int("SELECT ver FROM indicator WHERE id = %lld", ind11), 2);
	CHECK_INT(history_count() - h0, 5);
	CHECK_Q("2022:48.0,2023:50.0", "SELECT group_concat(fy || ':' || num, ',')"
	    " FROM (SELECT fy, num FROM indicator_target WHERE indicator_id = %lld"
	    " ORDER BY fy)", ind11);
	CHECK_Q("40回→(null)", "SELECT old_value || '→' || coalesce(new_value,"
	    " '(null)') FROM history WHERE field = 'target' AND fy = 2021"
	    " AND indicator_id = %lld", ind11);
	CHECK_Q("45回→48回", "SELECT old_value || '→' || new_value FROM history"
	    " WHERE field = 'target' AND fy = 2022 AND indicator_id = %lld", ind11);
	want = xasprintf("(null)→50回|%lld", node1);
	CHECK_Q(want, "SELECT coalesce(old_value, '(null)') || '→' ||"
	    " new_value || '|' || node_id FROM history WHERE field = 'target'"
	    " AND fy = 2023 AND indicator_id = %lld", ind11);
	free(want);
	CHECK_Q("出前講座の回数→ふれあい出前講座の回数", "SELECT old_value || '→' ||"
	    " new_value FROM history WHERE field = 'name' AND indicator_id = %lld",
	    ind11);
	CHECK_Q("いいえ→はい", "SELECT old_value || '→' || new_value FROM history"
	    " WHERE field = 'cumulative' AND indicator_id = %lld", ind11);
	edit_indicator_free(&ind);
}

/* A planner names the department that reports an indicator: by name,
 * read back as its code; an unknown one is refused on its field; blank
 * gives it back to the node's main department. */
TEST(test_indicator_reporting_department)
{
	struct edit_indicator	 ind;
	const char		*field = NULL;
	char			*cause = NULL;

	CHECK_INT(store_edit_indicator_load(st, ind11, &ind, &cause), 0);
	CHECK_STR(ind.dept, "");
	set_text(&ind.dept, "ない課");
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &ind, &field, &cause), -1);
	CHECK_STR(field, "dept");
	CHECK(cause != NULL && strstr(cause, "部署「ない課」がありません") != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(q_int("SELECT dept_id IS NULL FROM indicator WHERE id = %lld",
	    ind11), 1);
	/* Two other cities have a 環境課: the name alone is refused. */
	set_text(&ind.dept, "環境課");
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &ind, &field, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "複数あります") != NULL &&
	    strstr(cause, "別市/環境課, 他市/環境課") != NULL);
	free(cause);
	cause = NULL;
	/* 総務課 is 試験市's and 別市's: the plan's city is 試験市. */
	set_text(&ind.dept, "総務課");
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &ind, &field, &cause), 0);
	CHECK_Q("試験市/総務課", "SELECT d.code FROM indicator i JOIN department d"
	    " ON d.id = i.dept_id WHERE i.id = %lld", ind11);
	edit_indicator_free(&ind);
	CHECK_INT(store_edit_indicator_load(st, ind11, &ind, &cause), 0);
	set_text(&ind.dept, "企画課");
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &ind, &field, &cause), 0);
	CHECK_Q("試験市/企画課", "SELECT d.code FROM indicator i JOIN department d"
	    " ON d.id = i.dept_id WHERE i.id = %lld", ind11);
	CHECK_Q("試験市/総務課|試験市/企画課", "SELECT coalesce(old_value, '')"
	    " || '|' || new_value FROM history WHERE field = 'report_dept'"
	    " AND indicator_id = %lld ORDER BY id DESC LIMIT 1", ind11);
	edit_indicator_free(&ind);
	CHECK_INT(store_edit_indicator_load(st, ind11, &ind, &cause), 0);
	CHECK_STR(ind.dept, "試験市/企画課");
	set_text(&ind.dept, "");
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &ind, &field, &cause), 0);
	CHECK_INT(q_int("SELECT dept_id IS NULL FROM indicator WHERE id = %lld",
	    ind11), 1);
	edit_indicator_free(&ind);
}

TEST(test_stale_version_is_a_conflict)
{
	struct edit_indicator	 a, b;
	const char		*field;
	char			*cause = NULL, *before;

	CHECK_INT(store_edit_indicator_load(st, ind12, &a, &cause), 0);
	CHECK_INT(store_edit_indicator_load(st, ind12, &b, &cause), 0);
	/* Two planners opened it; the first saves. */
	set_text(&a.category, "成果指標");
	type_value(&a.base, "72.5%");
	a.base_fy = 2020;
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &a, &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(a.ver, 2);
	CHECK_Q("(null)→72.5%", "SELECT coalesce(old_value, '(null)') || '→' ||"
	    " new_value FROM history WHERE field = 'base' AND indicator_id = %lld",
	    ind12);
	CHECK_Q("(null)→2020", "SELECT coalesce(old_value, '(null)') || '→' ||"
	    " new_value FROM history WHERE field = 'base_fy' AND indicator_id = %lld",
	    ind12);
	/* The second saves on the version it loaded: refused. */
	set_text(&b.name, "二人目の名前");
	before = snapshot();
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &b, &field, &cause),
	    STORE_CONFLICT);
	CHECK(cause != NULL && strstr(cause, "他の人が変更しました") != NULL &&
	    strstr(cause, "開き直") != NULL);
	free(cause);
	cause = NULL;
	CHECK_UNCHANGED(before);
	free(before);
	CHECK_INT(b.ver, 1);
	CHECK_STR(b.name, "二人目の名前");
	CHECK_Q("満足度", "SELECT name FROM indicator WHERE id = %lld", ind12);
	/* Saving what is there changes nothing, not even the version. */
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &a, &field, &cause), 0);
	CHECK_INT(a.ver, 2);
	CHECK_INT(q_int("SELECT ver FROM indicator WHERE id = %lld", ind12), 2);
	edit_indicator_free(&a);
	edit_indicator_free(&b);
}

static long long
node_ver(long long node)
{
	return q_int("SELECT ver FROM node WHERE id = %lld", node);
}

TEST(test_node_stale_version_is_a_conflict)
{
	struct edit_node	 a, b;
	const char		*field;
	char			*cause = NULL, *before, *note;
	long long		 v0;

	CHECK_INT(store_edit_node_load(st, node2, &a, &cause), 0);
	CHECK_INT(store_edit_node_load(st, node2, &b, &cause), 0);
	v0 = node_ver(node2);
	CHECK(v0 >= 1);
	CHECK_INT(a.ver, v0);
	CHECK_INT(b.ver, v0);
	/* Two planners opened it; the first saves. */
	set_text(&a.means, "一人目の手段");
	CHECK_INT(save_node(&a, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(a.ver, v0 + 1);
	CHECK_INT(node_ver(node2), v0 + 1);
	/* The second saves on the version it loaded: refused, nothing
	 * written, what was typed kept. */
	note = q_text("SELECT note FROM node WHERE id = %lld", node2);
	set_text(&b.note, "二人目の備考");
	set_text(&b.depts, "試験市/総務課");
	before = snapshot();
	CHECK_INT(save_node(&b, "kikaku", &field, &cause), STORE_CONFLICT);
	CHECK(cause != NULL && strstr(cause, "施策・取組") != NULL &&
	    strstr(cause, "他の人が変更しました") != NULL &&
	    strstr(cause, "開き直") != NULL);
	free(cause);
	cause = NULL;
	CHECK_UNCHANGED(before);
	free(before);
	CHECK_INT(node_ver(node2), v0 + 1);
	CHECK_INT(b.ver, v0);
	CHECK_STR(b.note, "二人目の備考");
	CHECK_STR(b.depts, "試験市/総務課");
	CHECK_Q("一人目の手段", "SELECT means FROM node WHERE id = %lld", node2);
	CHECK_Q(note, "SELECT note FROM node WHERE id = %lld", node2);
	free(note);
	/* Reopened, the second sees the first's change and saves. */
	edit_node_free(&b);
	CHECK_INT(store_edit_node_load(st, node2, &b, &cause), 0);
	CHECK_STR(b.means, "一人目の手段");
	CHECK_INT(b.ver, v0 + 1);
	set_text(&b.note, "二人目の備考");
	CHECK_INT(save_node(&b, "kikaku", &field, &cause), 0);
	free(cause);
	CHECK_INT(b.ver, v0 + 2);
	CHECK_Q("一人目の手段|二人目の備考", "SELECT means || '|' || note FROM node"
	    " WHERE id = %lld", node2);
	edit_node_free(&a);
	edit_node_free(&b);
}

TEST(test_node_version_follows_changes)
{
	struct edit_node	 n;
	const char		*field;
	char			*cause = NULL, *before;
	long long		 v, h0;

	/* A new node starts at 1. */
	new_node(&n, node_mid1, -1, "No.25", "版の試験");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(n.ver, 1);
	CHECK_INT(node_ver(n.id), 1);
	edit_node_free(&n);

	CHECK_INT(store_edit_node_load(st, node2, &n, &cause), 0);
	v = n.ver;
	CHECK_INT(v, node_ver(node2));
	/* Saving what is there writes nothing and keeps the version. */
	before = snapshot();
	h0 = history_count();
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_UNCHANGED(before);
	free(before);
	CHECK_INT(history_count(), h0);
	CHECK_INT(n.ver, v);
	CHECK_INT(node_ver(node2), v);
	/* Each kind of change is a new version, once per save. */
	set_text(&n.title, "版の上がる名称");
	set_text(&n.summary, "版の上がる概要");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(n.ver, v + 1);
	CHECK_INT(node_ver(node2), v + 1);
	set_text(&n.depts, "★試験市/企画課");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(node_ver(node2), v + 2);
	set_text(&n.flags, "focus");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(node_ver(node2), v + 3);
	set_text(&n.yearplans, "R6: 版の試験");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(node_ver(node2), v + 4);
	set_text(&n.costs, "R6=拡大");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(n.ver, v + 5);
	CHECK_INT(node_ver(node2), v + 5);
	/* A refused save keeps it too. */
	set_text(&n.title, "");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), -1);
	free(cause);
	CHECK_INT(n.ver, v + 5);
	CHECK_INT(node_ver(node2), v + 5);
	edit_node_free(&n);
}

TEST(test_impact_and_node_delete)
{
	struct edit_impact	 im;
	char			*cause = NULL, *want;
	long long		 nodes, inds, h0;

	/* No.1: itself, an item, three indicators, a result, an actual. */
	CHECK_INT(store_edit_node_impact(st, node1, &im, &cause), 0);
	CHECK_INT(im.nodes, 1);
	CHECK_INT(im.items, 1);
	CHECK_INT(im.indicators, 3);
	CHECK_INT(im.results, 1);
	CHECK_INT(im.actuals, 1);
	/* (1) 協働の推進 and everything below it. */
	nodes = q_int("SELECT count(*) FROM node WHERE id = %lld OR parent_id = %lld",
	    node_mid1, node_mid1);
	inds = q_int("SELECT count(*) FROM indicator WHERE node_id IN (SELECT id"
	    " FROM node WHERE parent_id = %lld)", node_mid1);
	CHECK_INT(store_edit_node_impact(st, node_mid1, &im, &cause), 0);
	CHECK_INT(im.nodes, nodes);
	CHECK_INT(im.items, nodes - 1);
	CHECK_INT(im.indicators, inds);
	CHECK_INT(im.results, 1);
	CHECK_INT(im.actuals, 1);
	CHECK_INT(store_edit_node_impact(st, 999999, &im, &cause), -1);
	free(cause);
	cause = NULL;

	h0 = history_count();
	CHECK_INT(store_edit_node_delete(st, "kikaku", node_mid1, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM node WHERE id = %lld OR parent_id = %lld"
	    " OR id = %lld", node_mid1, node_mid1, node1), 0);
	CHECK_INT(q_int("SELECT count(*) FROM indicator WHERE id IN (%lld, %lld)",
	    ind11, ind12), 0);
	CHECK_INT(q_int("SELECT count(*) FROM result"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM indicator_actual"), 0);
	CHECK_INT(q_int("SELECT count(*) FROM indicator_target WHERE indicator_id = %lld",
	    ind11), 0);
	CHECK_INT(q_int("SELECT count(*) FROM node_dept WHERE node_id = %lld", node1), 0);
	/* Its history stays, on no node now; one row on the parent tells
	 * of the deletion. */
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE node_id = %lld", node2), 0);
	CHECK_INT(history_count(), h0 + 1);
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE field = 'title'"
	    " AND old_value = '環境美化事業' AND node_id IS NULL"), 1);
	want = xasprintf("(1) 協働の推進（下位の施策・取組 %lld件、指標 %lld件、"
	    "実績 1件、指標の実績値 1件）|kikaku", nodes - 1, inds);
	CHECK_Q(want, "SELECT old_value || '|' || login FROM history"
	    " WHERE field = 'node_delete' AND node_id = %lld", node_top1);
	free(want);
	CHECK_CHILDREN(node_top1, "(null)");
	/* Deleting it again is an error, nothing more. */
	CHECK_INT(store_edit_node_delete(st, "kikaku", node_mid1, &cause), -1);
	CHECK(cause != NULL);
	free(cause);
	cause = NULL;
	/* A top-level node: the row has no node. */
	CHECK_INT(store_edit_node_delete(st, "kikaku", node_top1, &cause), 0);
	free(cause);
	CHECK_Q("Ⅰ 市民との協働", "SELECT old_value FROM history"
	    " WHERE field = 'node_delete' AND node_id IS NULL"
	    " ORDER BY id DESC LIMIT 1");
}

/* A baseline typed as the plan prints it, with its year in parentheses,
 * is stored as the number and its year, as a plan file's cell is; a year
 * already given that differs is refused at the year's field, nothing
 * written. */
TEST(test_baseline_typed_with_its_year)
{
	struct edit_indicator	 a;
	const char		*field = NULL;
	char			*cause = NULL, *before;

	CHECK_INT(store_edit_indicator_load(st, ind12, &a, &cause), 0);
	type_value(&a.base, "5%(R2)");
	a.base_fy = 2021;
	before = snapshot();
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &a, &field, &cause),
	    -1);
	CHECK(cause != NULL && strstr(cause, "基準値「5%(R2)」の括弧の年度は"
	    "令和2年度ですが、年度の欄は令和3年度です") != NULL);
	CHECK_STR(field, "base_fy");
	free(cause);
	cause = NULL;
	CHECK_UNCHANGED(before);
	free(before);
	a.base_fy = 0;
	type_value(&a.final, "８０％（令和７年度）");
	a.final_fy = 2025;
	CHECK_INT(store_edit_indicator_save(st, "kikaku", &a, &field, &cause), 0);
	free(cause);
	CHECK_Q("5.0|2020|80.0|2025", "SELECT base_num || '|' || base_fy || '|' ||"
	    " final_num || '|' || final_fy FROM indicator WHERE id = %lld", ind12);
	CHECK_Q("2020", "SELECT new_value FROM history WHERE field = 'base_fy'"
	    " AND indicator_id = %lld ORDER BY id DESC LIMIT 1", ind12);
	edit_indicator_free(&a);
}

TEST(test_indicator_delete)
{
	char		*cause = NULL;
	long long	 targets;

	targets = q_int("SELECT count(*) FROM indicator_target");
	CHECK_INT(store_edit_indicator_delete(st, "kikaku", ind24, &cause), 0);
	free(cause);
	cause = NULL;
	CHECK_INT(q_int("SELECT count(*) FROM indicator WHERE id = %lld", ind24), 0);
	CHECK_INT(q_int("SELECT count(*) FROM indicator_target"), targets);
	CHECK_Q("受講者数|(null)|(null)", "SELECT old_value || '|' ||"
	    " coalesce(new_value, '(null)') || '|' || coalesce(indicator_id, '(null)')"
	    " FROM history WHERE field = 'indicator_delete' AND node_id = %lld",
	    node24);
	CHECK_INT(store_edit_indicator_delete(st, "kikaku", ind24, &cause), -1);
	CHECK(cause != NULL);
	free(cause);
}

TEST(test_busy_database)
{
	struct store		*st2;
	struct edit_node	 n, e;
	struct edit_indicator	 ind;
	sqlite3			*locker = NULL;
	const char		*field;
	char			*cause = NULL, *before;

	st2 = store_open(db_path, STORE_OPEN_EXISTING, 300, &cause);
	CHECK(st2 != NULL);
	if (st2 == NULL) {
		free(cause);
		return;
	}
	new_node(&n, node_mid2, 0, "No.30", "混雑中の追加");
	CHECK_INT(store_edit_node_load(st2, node24, &e, &cause), 0);
	set_text(&e.title, "混雑中の変更");
	edit_indicator_init(&ind);
	ind.plan_id = plan_id;
	ind.node_id = node24;
	set_text(&ind.name, "混雑中の指標");
	/* Another writer holds the write lock. */
	CHECK_INT(sqlite3_open(db_path, &locker), SQLITE_OK);
	CHECK_INT(sqlite3_exec(locker, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	before = snapshot();
	CHECK_INT(store_edit_node_save(st2, "kikaku", &n, &field, &cause), STORE_BUSY);
	CHECK(cause != NULL);
	free(cause);
	cause = NULL;
	CHECK_INT(store_edit_node_save(st2, "kikaku", &e, &field, &cause), STORE_BUSY);
	free(cause);
	cause = NULL;
	CHECK_INT(store_edit_indicator_save(st2, "kikaku", &ind, &field, &cause),
	    STORE_BUSY);
	free(cause);
	cause = NULL;
	CHECK_INT(store_edit_node_delete(st2, "kikaku", node24, &cause), STORE_BUSY);
	free(cause);
	cause = NULL;
	/* Nothing typed was lost. */
	CHECK_INT(n.id, 0);
	CHECK_STR(n.key, "");
	CHECK_STR(e.title, "混雑中の変更");
	CHECK_INT(ind.id, 0);
	sqlite3_exec(locker, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(locker);
	CHECK_UNCHANGED(before);
	free(before);
	/* Once the other writer is done, the same save goes through. */
	CHECK_INT(store_edit_node_save(st2, "kikaku", &n, &field, &cause), 0);
	free(cause);
	CHECK_STR(n.key, "No.30");
	CHECK_CHILDREN(node_mid2, "No.30,24");
	edit_node_free(&n);
	edit_node_free(&e);
	edit_indicator_free(&ind);
	store_close(st2);
}

TEST(test_period_for_targets)
{
	char		*cause = NULL, *sql;
	int		 a, b;
	long long	 item = q_int("SELECT min(id) FROM node WHERE plan_id = %lld"
	    " AND first_fy IS NOT NULL", plan_id);

	/* A node with a period of its own gives it. */
	sql = xasprintf("UPDATE node SET first_fy = 2022, last_fy = 2023"
	    " WHERE id = %lld", item);
	CHECK_INT(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	CHECK_INT(store_edit_period(st, plan_id, item, &a, &b, &cause), 0);
	CHECK_INT(a, 2022);
	CHECK_INT(b, 2023);
	/* A node without one, and the plan itself, give the plan's. */
	CHECK_INT(store_edit_period(st, plan_id, q_int("SELECT min(id) FROM node"
	    " WHERE plan_id = %lld AND first_fy IS NULL", plan_id), &a, &b,
	    &cause), 0);
	CHECK_INT(a, 2021);
	CHECK_INT(b, 2025);
	CHECK_INT(store_edit_period(st, plan_id, 0, &a, &b, &cause), 0);
	CHECK_INT(a, 2021);
	CHECK_INT(b, 2025);
	/* No such plan: nothing known. */
	CHECK_INT(store_edit_period(st, plan_id + 99, 0, &a, &b, &cause), 0);
	CHECK_INT(a, 0);
	CHECK_INT(b, 0);
	sql = xasprintf("UPDATE node SET first_fy = 2021, last_fy = 2025"
	    " WHERE id = %lld", item);
	CHECK_INT(sqlite3_exec(raw, sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	free(cause);
}

/* A new action item starts with the departments of the nearest node above
 * it that has some, as import gives an item without assign rows. */
TEST(test_new_item_departments_from_above)
{
	struct edit_node n;
	char		*depts = NULL, *cause = NULL;
	long long	 dept = q_int("SELECT id FROM department"
			    " WHERE code = '試験市/企画課'");

	/* Nobody above II-1 has a department. */
	CHECK_INT(store_edit_node_depts_above(st, node_mid2, &depts, &cause), 0);
	CHECK_STR(depts, "");
	free(depts);
	/* The policy above it has: the item takes them, with ★ and years. */
	CHECK_INT(q_int("INSERT INTO node_dept (node_id, dept_id, is_main,"
	    " from_fy, until_fy, ord) VALUES (%lld, %lld, 1, 2023, NULL, 1)"
	    " RETURNING 0", node_top2, dept), 0);
	CHECK_INT(store_edit_node_depts_above(st, node_mid2, &depts, &cause), 0);
	CHECK_STR(depts, "★試験市/企画課(R5〜)");
	free(depts);
	/* The nearest wins: a node with departments of its own gives them,
	 * as its form shows them. */
	CHECK_INT(store_edit_node_load(st, node24, &n, &cause), 0);
	CHECK(n.depts[0] != '\0');
	CHECK_INT(store_edit_node_depts_above(st, node24, &depts, &cause), 0);
	CHECK_STR(depts, n.depts);
	free(depts);
	edit_node_free(&n);
	CHECK_INT(q_int("DELETE FROM node_dept WHERE node_id = %lld RETURNING 0",
	    node_top2), 0);
	free(cause);
}

/* The main department of a node, "" for none. */
static char *
main_dept(long long node)
{
	return q_text("SELECT coalesce((SELECT group_concat(d.code, '、')"
	    " FROM node_dept nd JOIN department d ON d.id = nd.dept_id"
	    " WHERE nd.node_id = %lld AND nd.is_main), '')", node);
}

TEST(test_departments_carried_below)
{
	struct edit_node n, item;
	const char	*field;
	char		*cause = NULL, *d;
	long		 below = -1;
	long long	 kikaku = q_int("SELECT id FROM department"
			    " WHERE code = '試験市/企画課'");
	long long	 hist, ver;
	int		 itemver;

	/* II and II-1 in charge of 企画課, as import gives a node without
	 * assign rows its policy's; No.24 has its own; a new item under
	 * II-1 starts with them. */
	CHECK_INT(q_int("INSERT INTO node_dept (node_id, dept_id, is_main, ord)"
	    " VALUES (%lld, %lld, 1, 1), (%lld, %lld, 1, 1) RETURNING 0",
	    node_top2, kikaku, node_mid2, kikaku), 0);
	new_node(&item, node_mid2, -1, "No.25", "職員提案");
	set_text(&item.depts, "★試験市/企画課");
	CHECK_INT(save_node(&item, "kikaku", &field, &cause), 0);
	itemver = item.ver;

	/* The same departments typed again, another way: nothing to ask. */
	CHECK_INT(store_edit_node_followers(st, node_top2, "*企画課", &below,
	    &cause), 0);
	CHECK_INT(below, 0);
	/* A list that does not read is the save's to refuse. */
	CHECK_INT(store_edit_node_followers(st, node_top2, "★無い課", &below,
	    &cause), 0);
	CHECK_INT(below, 0);
	CHECK(cause == NULL);
	/* Another department: II-1 and No.25 follow; No.24 does not, nor
	 * anything under another policy. */
	CHECK_INT(store_edit_node_followers(st, node_top2, "★試験市/総務課",
	    &below, &cause), 0);
	CHECK_INT(below, 2);
	/* Under II-1 only No.25 follows it. */
	CHECK_INT(store_edit_node_followers(st, node_mid2, "★試験市/総務課",
	    &below, &cause), 0);
	CHECK_INT(below, 1);

	/* Saved without carrying: the nodes below keep theirs. */
	CHECK_INT(store_edit_node_load(st, node_top2, &n, &cause), 0);
	set_text(&n.depts, "★試験市/協働課");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	CHECK_INT(n.carried, 0);
	d = main_dept(node_mid2);
	CHECK_STR(d, "試験市/企画課");
	free(d);
	edit_node_free(&n);
	/* Back, so that II-1 follows II again. */
	CHECK_INT(store_edit_node_load(st, node_top2, &n, &cause), 0);
	set_text(&n.depts, "★試験市/企画課");
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	edit_node_free(&n);

	/* Carried: II-1 and No.25 take the new departments, ★ and all,
	 * each with a history row and a new version; No.24 keeps its own. */
	hist = q_int("SELECT count(*) FROM history WHERE field = 'depts'");
	ver = q_int("SELECT ver FROM node WHERE id = %lld", node_mid2);
	CHECK_INT(store_edit_node_load(st, node_top2, &n, &cause), 0);
	set_text(&n.depts, "★試験市/総務課、試験市/協働課(R5〜)");
	n.carry_depts = 1;
	CHECK_INT(save_node(&n, "kikaku", &field, &cause), 0);
	CHECK_INT(n.carried, 2);
	CHECK_STR(n.depts, "★試験市/総務課、試験市/協働課(R5〜)");
	edit_node_free(&n);
	CHECK_INT(store_edit_node_load(st, node_mid2, &n, &cause), 0);
	CHECK_STR(n.depts, "★試験市/総務課、試験市/協働課(R5〜)");
	CHECK_INT(n.ver, ver + 1);
	edit_node_free(&n);
	CHECK_INT(store_edit_node_load(st, item.id, &n, &cause), 0);
	CHECK_STR(n.depts, "★試験市/総務課、試験市/協働課(R5〜)");
	edit_node_free(&n);
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE field = 'depts'"),
	    hist + 3);
	CHECK_INT(q_int("SELECT count(*) FROM history WHERE field = 'depts'"
	    " AND node_id = %lld AND old_value = '★試験市/企画課'"
	    " AND new_value = '★試験市/総務課、試験市/協働課(R5〜)'"
	    " AND login = 'kikaku'", item.id), 1);
	d = main_dept(node24);
	CHECK_STR(d, "試験市/総務課");
	free(d);
	CHECK_INT(q_int("SELECT count(*) FROM node_dept WHERE node_id = %lld",
	    node24), 2);
	/* A form still open on No.25 is told it changed. */
	set_text(&item.title, "職員提案制度");
	item.ver = itemver;
	CHECK_INT(save_node(&item, "kikaku", &field, &cause), STORE_CONFLICT);
	free(cause);
	cause = NULL;

	CHECK_INT(store_edit_node_delete(st, "kikaku", item.id, &cause), 0);
	edit_node_free(&item);
	CHECK_INT(q_int("DELETE FROM node_dept WHERE node_id IN (%lld, %lld)"
	    " RETURNING 0", node_top2, node_mid2), 0);
	free(cause);
}

TEST(test_store_check_stays_clean)
{
	char	*cause = NULL;
	int	 problems = 0;

	CHECK_INT(store_check(st, fixture_count_problem, &problems, &cause), 0);
	CHECK_INT(problems, 0);
	free(cause);
}

int
main(void)
{
	if ((st = fixture_setup(dir, plan_text, users, &db_path)) == NULL ||
	    peek_open(db_path) != 0) {
		fprintf(stderr, "cannot load the test plan\n");
		return 1;
	}
	plan_id = q_int("SELECT id FROM plan WHERE code = 't'");
	node_top1 = node_of("I");
	node_mid1 = node_of("I-1");
	node1 = node_of("1");
	node2 = node_of("2");
	node_top2 = node_of("II");
	node_mid2 = node_of("II-1");
	node24 = node_of("24");
	ind11 = ind_of("1-1");
	ind12 = ind_of("1-2");
	ind24 = ind_of("24-1");

	RUN(test_load_node_and_levels);
	RUN(test_load_yearplans_and_costs);
	RUN(test_code_twin);	/* (before the nodes are changed) */
	RUN(test_add_after_a_sibling);
	RUN(test_add_first_child_and_top);
	RUN(test_add_last_child);
	RUN(test_export_order_and_import_again);
	RUN(test_refused_below_the_deepest_level);
	RUN(test_edit_fields_writes_history);
	RUN(test_bad_fields_are_named);
	RUN(test_depts_round_trip_and_years_kept);
	RUN(test_depts_name_of_the_plans_city);
	RUN(test_depts_code_of_another_city);
	RUN(test_depts_named);
	RUN(test_depts_years_refused);
	RUN(test_flags);
	RUN(test_yearplans_and_costs_saved);
	RUN(test_bad_yearplans_and_costs_are_named);
	RUN(test_only_a_planner_edits);
	RUN(test_indicator_add_with_targets);
	RUN(test_indicator_edit_targets);
	RUN(test_indicator_reporting_department);
	RUN(test_stale_version_is_a_conflict);
	RUN(test_baseline_typed_with_its_year);
	RUN(test_node_stale_version_is_a_conflict);
	RUN(test_node_version_follows_changes);
	RUN(test_impact_and_node_delete);
	RUN(test_new_item_departments_from_above);
	RUN(test_departments_carried_below);
	RUN(test_indicator_delete);
	RUN(test_busy_database);
	RUN(test_period_for_targets);
	RUN(test_store_check_stays_clean);

	sqlite3_close(raw);
	fixture_teardown(st, dir, db_path);
	DONE();
}
