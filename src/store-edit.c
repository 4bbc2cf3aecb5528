/*
 * A planner's edits of a plan in the store (see store-edit.h): nodes and
 * indicators added, changed and deleted, and an indicator's yearly
 * targets. Every write is one BEGIN IMMEDIATE transaction that first asks
 * the workflow whether the user (re-read by login) may change the plan's
 * structure, then checks what needs the database (the parent and depth,
 * unique keys, departments and flags), writes, adds a history row per
 * changed field, and commits; any failure rolls all of it back and leaves
 * the caller's record as it was.
 *
 * Order: nodes and indicators carry one ord sequence per plan. Export
 * writes nodes in ord order and import needs a parent before its
 * children, so a new node takes the ord right after the node it follows
 * (or after its parent) and every later ord moves up by one; the order
 * among siblings is then right and every parent still comes first.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/fy.h"
#include "shisaku/store-edit.h"
#include "shisaku/store-internal.h"
#include "shisaku/store-result.h"
#include "shisaku/store-user.h"
#include "shisaku/util.h"
#include "shisaku/value.h"
#include "shisaku/vocab.h"
#include "shisaku/workflow.h"

/* The longest text and key accepted: what a plan file accepts, so that
 * what is saved here is exported and imported again. */
#define EDIT_TEXT_MAX	100000
#define EDIT_KEY_MAX	200

static const char SQL_PLAN[] = "SELECT 1 FROM plan WHERE id = ?1";
static const char SQL_LEVELS[] =
    "SELECT depth, name FROM plan_level WHERE plan_id = ?1 ORDER BY depth";
static const char SQL_NODE[] =
    "SELECT plan_id, coalesce(parent_id, 0), depth, ord, key, code, title,"
    " label, coalesce(first_fy, 0), coalesce(last_fy, 0), summary, means, note"
    " FROM node WHERE id = ?1";
static const char SQL_NODE_PLAN[] = "SELECT plan_id FROM node WHERE id = ?1";
static const char SQL_NODE_KEY[] =
    "SELECT code, title FROM node WHERE plan_id = ?1 AND key = ?2 AND id <> ?3";
/* The last child's place (NULL when none); ?2 NULL = the top level. */
static const char SQL_NODE_LAST_CHILD[] =
    "SELECT max(ord) FROM node WHERE plan_id = ?1 AND parent_id IS ?2";
static const char SQL_NODE_SHIFT[] =
    "UPDATE node SET ord = ord + 1 WHERE plan_id = ?1 AND ord > ?2";
static const char SQL_NODE_INSERT[] =
    "INSERT INTO node (plan_id, parent_id, depth, key, code, title, label,"
    " first_fy, last_fy, summary, means, note, ord) VALUES (?1, ?2, ?3, ?4,"
    " ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)";
static const char SQL_NODE_UPDATE[] =
    "UPDATE node SET key = ?2, code = ?3, title = ?4, label = ?5,"
    " first_fy = ?6, last_fy = ?7, summary = ?8, means = ?9, note = ?10"
    " WHERE id = ?1";
static const char SQL_NODE_DELETE[] = "DELETE FROM node WHERE id = ?1";
static const char SQL_ASSIGNS[] =
    "SELECT nd.id, nd.dept_id, d.code, nd.is_main,"
    " nd.from_fy IS NOT NULL OR nd.until_fy IS NOT NULL"
    " FROM node_dept nd JOIN department d ON d.id = nd.dept_id"
    " WHERE nd.node_id = ?1 ORDER BY nd.ord, nd.id";
static const char SQL_DEPT_FIND[] =
    "SELECT id, code, code = ?1 FROM department WHERE code = ?1 OR name = ?1"
    " ORDER BY code = ?1 DESC, ord, id";
static const char SQL_ASSIGN_KEEP[] =
    "UPDATE node_dept SET is_main = ?2, ord = ?3 WHERE id = ?1";
static const char SQL_ASSIGN_DELETE[] = "DELETE FROM node_dept WHERE id = ?1";
static const char SQL_ASSIGN_INSERT[] =
    "INSERT INTO node_dept (node_id, dept_id, is_main, ord)"
    " VALUES (?1, ?2, ?3, ?4)";
static const char SQL_PLAN_FLAGS[] =
    "SELECT id, key, label FROM plan_flag WHERE plan_id = ?1 ORDER BY ord, id";
static const char SQL_NODE_FLAGS[] =
    "SELECT f.id FROM node_flag nf JOIN plan_flag f ON f.id = nf.flag_id"
    " WHERE nf.node_id = ?1 ORDER BY f.ord, f.id";
static const char SQL_MARKS_DELETE[] = "DELETE FROM node_flag WHERE node_id = ?1";
static const char SQL_MARK_INSERT[] =
    "INSERT INTO node_flag (node_id, flag_id) VALUES (?1, ?2)";
static const char SQL_IMPACT[] =
    "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION ALL"
    " SELECT n.id FROM node n JOIN sub ON n.parent_id = sub.id)"
    " SELECT (SELECT count(*) FROM sub),"
    " (SELECT count(*) FROM node n WHERE n.id IN sub AND n.depth ="
    " coalesce((SELECT max(depth) FROM plan_level WHERE plan_id = n.plan_id),"
    " (SELECT max(depth) FROM node WHERE plan_id = n.plan_id))),"
    " (SELECT count(*) FROM indicator WHERE node_id IN sub),"
    " (SELECT count(*) FROM result WHERE node_id IN sub),"
    " (SELECT count(*) FROM indicator_actual WHERE indicator_id IN"
    " (SELECT id FROM indicator WHERE node_id IN sub))";
static const char SQL_IND[] =
    "SELECT plan_id, coalesce(node_id, 0), ver, key, name, category, unit,"
    " direction, cumulative, base_num, base_txt, coalesce(base_fy, 0),"
    " final_num, final_txt, coalesce(final_fy, 0), rationale, note"
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
    " final_txt, final_fy, rationale, note, ord) VALUES (?1, ?2, ?3, ?4, ?5,"
    " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";
static const char SQL_IND_UPDATE[] =
    "UPDATE indicator SET key = ?3, name = ?4, category = ?5, unit = ?6,"
    " direction = ?7, cumulative = ?8, base_num = ?9, base_txt = ?10,"
    " base_fy = ?11, final_num = ?12, final_txt = ?13, final_fy = ?14,"
    " rationale = ?15, note = ?16, ver = ver + 1 WHERE id = ?1 AND ver = ?2";
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

/* ---- records ---- */

void
edit_node_init(struct edit_node *n)
{
	memset(n, 0, sizeof *n);
	n->key = xstrdup("");
	n->code = xstrdup("");
	n->title = xstrdup("");
	n->label = xstrdup("");
	n->summary = xstrdup("");
	n->means = xstrdup("");
	n->note = xstrdup("");
	n->depts = xstrdup("");
	n->flags = xstrdup("");
}

void
edit_node_free(struct edit_node *n)
{
	if (n == NULL)
		return;
	free(n->key);
	free(n->code);
	free(n->title);
	free(n->label);
	free(n->summary);
	free(n->means);
	free(n->note);
	free(n->depts);
	free(n->flags);
	memset(n, 0, sizeof *n);
}

void
edit_indicator_init(struct edit_indicator *ind)
{
	memset(ind, 0, sizeof *ind);
	ind->key = xstrdup("");
	ind->name = xstrdup("");
	ind->category = xstrdup("");
	ind->unit = xstrdup("");
	ind->base.kind = VALUE_NONE;
	ind->final.kind = VALUE_NONE;
	ind->rationale = xstrdup("");
	ind->note = xstrdup("");
}

static void
targets_free(struct edit_target *t, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		value_clear(&t[i].value);
	free(t);
}

void
edit_indicator_free(struct edit_indicator *ind)
{
	if (ind == NULL)
		return;
	free(ind->key);
	free(ind->name);
	free(ind->category);
	free(ind->unit);
	value_clear(&ind->base);
	value_clear(&ind->final);
	free(ind->rationale);
	free(ind->note);
	targets_free(ind->targets, ind->ntargets);
	memset(ind, 0, sizeof *ind);
}

/* ---- small helpers ---- */

static int
same_str(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static void
blame(const char **field, const char *name)
{
	if (field != NULL)
		*field = name;
}

/* Typed text must be UTF-8 and no longer than a plan file takes. */
static int
check_text(const char *text, const char *what, char **cause)
{
	size_t	len = text != NULL ? strlen(text) : 0;

	if (len > EDIT_TEXT_MAX) {
		*cause = xasprintf("%sが長すぎます（%d バイトまで、今 %zu バイト）",
		    what, EDIT_TEXT_MAX, len);
		return -1;
	}
	if (len > 0 && !utf8_valid(text, len, NULL)) {
		*cause = xasprintf("%sに UTF-8 として正しくない文字があります", what);
		return -1;
	}
	return 0;
}

static int
check_fy(int fy, const char *what, char **cause)
{
	if (fy != 0 && (fy < FY_MIN || fy > FY_MAX)) {
		*cause = xasprintf("%sの年度 %d は範囲外です（%d〜%d）", what, fy,
		    FY_MIN, FY_MAX);
		return -1;
	}
	return 0;
}

/* A key as stored: without the blanks around it (a plan file trims them). */
static char *
key_trim(const char *s)
{
	const char	*start = s != NULL ? s : "", *end;

	for (;;) {
		if (*start == ' ' || *start == '\t')
			start++;
		else if (strncmp(start, "\xe3\x80\x80", 3) == 0)
			start += 3;
		else
			break;
	}
	end = start + strlen(start);
	for (;;) {
		if (end > start && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		else if (end - start >= 3 && strncmp(end - 3, "\xe3\x80\x80", 3) == 0)
			end -= 3;
		else
			break;
	}
	return xstrndup(start, (size_t)(end - start));
}

/* Can s (trimmed) be written as a key in a plan file? */
static int
key_writable(const char *s)
{
	return s[0] != '\0' && strpbrk(s, "\r\n") == NULL &&
	    strlen(s) <= EDIT_KEY_MAX;
}

static int
check_key(const char *key, int existing, char **cause)
{
	if (check_text(key, "キー", cause) != 0)
		return -1;
	if (key[0] == '\0') {
		if (!existing)
			return 0;	/* made up on save */
		*cause = xstrdup("キーを入力してください（計画ファイルの中で"
		    "この項目を指す名前です）");
		return -1;
	}
	if (!key_writable(key)) {
		*cause = xasprintf("キーは %d バイトまでの一行で書いてください",
		    EDIT_KEY_MAX);
		return -1;
	}
	return 0;
}

/* "2021-2025", "2021-", "-2025", or NULL when no year is given. */
static char *
period_text(int first, int last)
{
	if (first == 0 && last == 0)
		return NULL;
	if (last == 0)
		return xasprintf("%d-", first);
	if (first == 0)
		return xasprintf("-%d", last);
	return xasprintf("%d-%d", first, last);
}

static char *
fy_text(int fy)
{
	return fy != 0 ? xasprintf("%d", fy) : NULL;
}

/* Appends s to *list with the separator 、. */
static void
list_add(char **list, const char *s)
{
	char	*t = *list == NULL || (*list)[0] == '\0' ? xstrdup(s) :
		    xasprintf("%s、%s", *list, s);

	free(*list);
	*list = t;
}

/* Reads one integer (0 when there is no row). */
static int
read_int(struct store *st, const char *sql, long long a, long long b,
    long long *out, int *found, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, sql, cause);
	int		 rc;

	*out = 0;
	if (found != NULL)
		*found = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, a);
	if (sqlite3_bind_parameter_count(s) > 1)
		store_bind_opt_int(s, 2, b);	/* 0 → NULL: "node_id IS ?2" */
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(s, 0);
		if (found != NULL)
			*found = sqlite3_column_type(s, 0) != SQLITE_NULL;
	}
	return store_read_end(st, s, rc, "読み込み", cause);
}

/* Runs a write statement bound to one or two ids. */
static int
write_ids(struct store *st, const char *sql, long long a, long long b,
    const char *what, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, sql, cause);

	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, a);
	if (sqlite3_bind_parameter_count(s) > 1)
		sqlite3_bind_int64(s, 2, b);
	return store_step_write(st, s, what, cause);
}

/* Loads read inside one snapshot (or the caller's transaction). */
static int
read_begin(struct store *st, int *own, char **cause)
{
	*own = sqlite3_get_autocommit(st->db);
	if (*own && sqlite3_exec(st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		*cause = store_errmsg(st, "読み込み");
		return -1;
	}
	return 0;
}

static void
read_end(struct store *st, int own)
{
	if (own)
		store_rollback(st);	/* ends the read; nothing was written */
}

/* Begins a write and checks, with the role the users table gives login
 * now, that the user may change the plan. On 0 the transaction is open;
 * otherwise it was rolled back (STORE_DENIED with the reason). */
static int
begin_planner(struct store *st, const char *login, char **cause)
{
	struct session	s;
	int		rc;

	if ((rc = store_begin(st, cause)) != 0)
		return rc;
	memset(&s, 0, sizeof s);
	s.login = xstrdup(login != NULL ? login : "");
	if (store_user_session(st, &s, cause) != 0)
		rc = -1;
	else if (workflow_may_edit_structure(&s, cause) == WF_DENY)
		rc = STORE_DENIED;
	session_clear(&s);
	if (rc != 0)
		store_rollback(st);
	return rc;
}

static int
plan_exists(struct store *st, long long plan, char **cause)
{
	long long	one;
	int		found;

	if (read_int(st, SQL_PLAN, plan, 0, &one, &found, cause) != 0)
		return -1;
	if (!found) {
		*cause = xasprintf("計画（id %lld）がありません", plan);
		return -1;
	}
	return 0;
}

/* ---- lists typed in one line: departments and flags ---- */

struct word {
	char	*text;
	int	 main;		/* ★ or * before or after it */
};

/* The length of a separator at p (、 , ， or a blank), else 0. */
static size_t
sep_len(const char *p)
{
	if (*p == ',' || *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		return 1;
	if (strncmp(p, "\xe3\x80\x81", 3) == 0 ||	/* 、 */
	    strncmp(p, "\xef\xbc\x8c", 3) == 0 ||	/* ， */
	    strncmp(p, "\xe3\x80\x80", 3) == 0)		/* U+3000 */
		return 3;
	return 0;
}

/* The length of a main mark at p (★ or *), else 0. */
static size_t
mark_len(const char *p)
{
	if (*p == '*')
		return 1;
	if (strncmp(p, "\xe2\x98\x85", 3) == 0)
		return 3;
	return 0;
}

static void
words_free(struct word *w, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(w[i].text);
	free(w);
}

/* Splits a typed list into words; with marks, ★ or * around a word (or
 * alone before it) makes it a main one. */
static size_t
words_split(const char *text, int marks, struct word **out)
{
	const char	*p = text != NULL ? text : "", *start, *end;
	size_t		 n = 0, len;
	int		 main_mark, pending = 0;

	*out = NULL;
	for (;;) {
		while ((len = sep_len(p)) != 0)
			p += len;
		if (*p == '\0')
			break;
		start = p;
		while (*p != '\0' && sep_len(p) == 0)
			p++;
		end = p;
		main_mark = pending;
		if (marks) {
			while (start < end && (len = mark_len(start)) != 0) {
				start += len;
				main_mark = 1;
			}
			for (;;) {
				if (end > start && end[-1] == '*')
					end--;
				else if (end - start >= 3 &&
				    strncmp(end - 3, "\xe2\x98\x85", 3) == 0)
					end -= 3;
				else
					break;
				main_mark = 1;
			}
		}
		if (start == end) {
			pending = main_mark;	/* "★ 総務課" */
			continue;
		}
		pending = 0;
		*out = xreallocarray(*out, n + 1, sizeof **out);
		(*out)[n].text = xstrndup(start, (size_t)(end - start));
		(*out)[n].main = main_mark;
		n++;
	}
	return n;
}

/* A department in charge as listed. */
struct pick {
	long long	 id;
	char		*code;
	int		 main;
};

/* An assignment row as stored. */
struct assign {
	long long	 id;
	long long	 dept;
	char		*code;
	int		 main;
	int		 limited;	/* from_fy or until_fy set */
};

static void
picks_free(struct pick *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(p[i].code);
	free(p);
}

static void
assigns_free(struct assign *a, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(a[i].code);
	free(a);
}

static long
pick_find(const struct pick *p, size_t n, long long id)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (p[i].id == id)
			return (long)i;
	return -1;
}

/* "★CODE、CODE": the form a load gives and history keeps. */
static char *
picks_text(const struct pick *p, size_t n)
{
	char	*list = xstrdup(""), *item;
	size_t	 i;

	for (i = 0; i < n; i++) {
		item = xasprintf("%s%s", p[i].main ? "★" : "", p[i].code);
		list_add(&list, item);
		free(item);
	}
	return list;
}

static int
picks_equal(const struct pick *a, size_t na, const struct pick *b, size_t nb)
{
	size_t	i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++)
		if (a[i].id != b[i].id || (a[i].main != 0) != (b[i].main != 0))
			return 0;
	return 1;
}

static int
read_assigns(struct store *st, long long node, struct assign **out, size_t *n,
    char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_ASSIGNS, cause);
	struct assign	*a;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, node);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		a = &(*out)[(*n)++];
		a->id = sqlite3_column_int64(s, 0);
		a->dept = sqlite3_column_int64(s, 1);
		a->code = store_col_dup(s, 2);
		a->main = sqlite3_column_int(s, 3) != 0;
		a->limited = sqlite3_column_int(s, 4) != 0;
	}
	if (store_read_end(st, s, rc, "担当課の読み込み", cause) != 0) {
		assigns_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/* The assignments as a list: each department once, in order, main if
 * any of its assignments is. */
static void
assigns_picks(const struct assign *a, size_t na, struct pick **out, size_t *n)
{
	size_t	i;
	long	j;

	*out = NULL;
	*n = 0;
	for (i = 0; i < na; i++) {
		if ((j = pick_find(*out, *n, a[i].dept)) >= 0) {
			(*out)[j].main |= a[i].main;
			continue;
		}
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[*n].id = a[i].dept;
		(*out)[*n].code = xstrdup(a[i].code);
		(*out)[*n].main = a[i].main;
		(*n)++;
	}
}

/* Resolves one word as a department code, else as a name no other
 * department has. */
static int
dept_find(struct store *st, const char *word, long long *id, char **code,
    char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_DEPT_FIND, cause);
	char		*codes = NULL;
	int		 rc, count = 0, exact = 0;

	*id = 0;
	*code = NULL;
	if (s == NULL)
		return -1;
	store_bind_text(s, 1, word);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (count++ == 0) {
			*id = sqlite3_column_int64(s, 0);
			*code = store_col_dup(s, 1);
			exact = sqlite3_column_int(s, 2);
		}
		list_add(&codes, store_col_text(s, 1));
	}
	if (store_read_end(st, s, rc, "部署の確認", cause) != 0)
		goto fail;
	if (count == 0) {
		*cause = xasprintf("担当課「%s」という部署がありません（部署の"
		    "コードか名前で書いてください）", word);
		goto fail;
	}
	/* A name several cities share is given by its code: never guess. */
	if (!exact && count > 1) {
		*cause = xasprintf("部署名「%s」の部署が複数あります（%s）。"
		    "コードで書いてください", word, codes);
		goto fail;
	}
	free(codes);
	return 0;
fail:
	free(codes);
	free(*code);
	*code = NULL;
	return -1;
}

static int
resolve_depts(struct store *st, const char *text, struct pick **out,
    size_t *n, char **cause)
{
	struct word	*w;
	size_t		 nw, i;
	long long	 id;
	char		*code;

	*out = NULL;
	*n = 0;
	nw = words_split(text, 1, &w);
	for (i = 0; i < nw; i++) {
		if (dept_find(st, w[i].text, &id, &code, cause) != 0)
			goto fail;
		if (pick_find(*out, *n, id) >= 0) {
			*cause = xasprintf("担当課「%s」が二度書かれています",
			    w[i].text);
			free(code);
			goto fail;
		}
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[*n].id = id;
		(*out)[*n].code = code;
		(*out)[*n].main = w[i].main;
		(*n)++;
	}
	words_free(w, nw);
	return 0;
fail:
	words_free(w, nw);
	picks_free(*out, *n);
	*out = NULL;
	*n = 0;
	return -1;
}

/*
 * Writes the listed departments: an assignment limited to years stays
 * (with the list's ★ and place) while its department is listed; every
 * other assignment goes, and each listed department left without one
 * gets one for the whole period.
 */
static int
save_depts(struct store *st, long long node, const struct assign *cur,
    size_t ncur, const struct pick *p, size_t np, char **cause)
{
	sqlite3_stmt	*s;
	char		*kept = xcalloc(np + 1, 1);
	size_t		 i;
	long		 j;
	int		 rc = 0;

	for (i = 0; i < ncur && rc == 0; i++) {
		j = pick_find(p, np, cur[i].dept);
		if (cur[i].limited && j >= 0) {
			kept[j] = 1;
			if ((s = store_stmt(st, SQL_ASSIGN_KEEP, cause)) == NULL) {
				rc = -1;
				break;
			}
			sqlite3_bind_int64(s, 1, cur[i].id);
			sqlite3_bind_int(s, 2, p[j].main != 0);
			sqlite3_bind_int64(s, 3, j + 1);
			rc = store_step_write(st, s, "担当課の保存", cause);
		} else
			rc = write_ids(st, SQL_ASSIGN_DELETE, cur[i].id, 0,
			    "担当課の保存", cause);
	}
	for (i = 0; i < np && rc == 0; i++) {
		if (kept[i])
			continue;
		if ((s = store_stmt(st, SQL_ASSIGN_INSERT, cause)) == NULL) {
			rc = -1;
			break;
		}
		sqlite3_bind_int64(s, 1, node);
		sqlite3_bind_int64(s, 2, p[i].id);
		sqlite3_bind_int(s, 3, p[i].main != 0);
		sqlite3_bind_int64(s, 4, (long long)i + 1);
		rc = store_step_write(st, s, "担当課の保存", cause);
	}
	free(kept);
	return rc;
}

/* A flag the plan defines. */
struct plan_flag {
	long long	 id;
	char		*key;
	char		*label;
	int		 on;		/* chosen / carried by the node */
};

static void
flags_free(struct plan_flag *f, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(f[i].key);
		free(f[i].label);
	}
	free(f);
}

/* The plan's flags in order, each marked on if node carries it (node 0:
 * none is). */
static int
read_flags(struct store *st, long long plan, long long node,
    struct plan_flag **out, size_t *n, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_PLAN_FLAGS, cause);
	long long	 id;
	size_t		 i;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*out = xreallocarray(*out, *n + 1, sizeof **out);
		(*out)[*n].id = sqlite3_column_int64(s, 0);
		(*out)[*n].key = store_col_dup(s, 1);
		(*out)[*n].label = store_col_dup(s, 2);
		(*out)[*n].on = 0;
		(*n)++;
	}
	if (store_read_end(st, s, rc, "区分の読み込み", cause) != 0)
		goto fail;
	if (node == 0)
		return 0;
	if ((s = store_stmt(st, SQL_NODE_FLAGS, cause)) == NULL)
		goto fail;
	sqlite3_bind_int64(s, 1, node);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		id = sqlite3_column_int64(s, 0);
		for (i = 0; i < *n; i++)
			if ((*out)[i].id == id)
				(*out)[i].on = 1;
	}
	if (store_read_end(st, s, rc, "区分の読み込み", cause) != 0)
		goto fail;
	return 0;
fail:
	flags_free(*out, *n);
	*out = NULL;
	*n = 0;
	return -1;
}

/* The keys of the flags that are on, in the plan's order. */
static char *
flags_text(const struct plan_flag *f, size_t n)
{
	char	*list = xstrdup("");
	size_t	 i;

	for (i = 0; i < n; i++)
		if (f[i].on)
			list_add(&list, f[i].key);
	return list;
}

/* Turns the plan's flags on as the typed list names them (by key, else
 * by label). */
static int
choose_flags(struct plan_flag *f, size_t n, const char *text, char **cause)
{
	struct word	*w;
	size_t		 nw, i, j;
	char		*known = NULL;
	int		 found;

	for (j = 0; j < n; j++)
		f[j].on = 0;
	nw = words_split(text, 0, &w);
	for (i = 0; i < nw; i++) {
		found = 0;
		for (j = 0; j < n && !found; j++)
			if (strcmp(f[j].key, w[i].text) == 0)
				found = f[j].on = 1;
		for (j = 0; j < n && !found; j++)
			if (strcmp(f[j].label, w[i].text) == 0)
				found = f[j].on = 1;
		if (found)
			continue;
		for (j = 0; j < n; j++)
			list_add(&known, f[j].key);
		if (known == NULL)
			*cause = xasprintf("区分「%s」はありません（この計画には"
			    "区分がありません）", w[i].text);
		else
			*cause = xasprintf("区分「%s」はこの計画にありません"
			    "（%s のいずれかです）", w[i].text, known);
		free(known);
		words_free(w, nw);
		return -1;
	}
	words_free(w, nw);
	return 0;
}

static int
save_flags(struct store *st, long long node, const struct plan_flag *f,
    size_t n, char **cause)
{
	size_t	i;
	int	rc;

	rc = write_ids(st, SQL_MARKS_DELETE, node, 0, "区分の保存", cause);
	for (i = 0; i < n && rc == 0; i++)
		if (f[i].on)
			rc = write_ids(st, SQL_MARK_INSERT, node, f[i].id,
			    "区分の保存", cause);
	return rc;
}

/* ---- nodes ---- */

/* Reads a node's own row into out (depts and flags ""); *ord its place.
 * *found is 0 when there is no such node. */
static int
read_node(struct store *st, long long id, struct edit_node *out,
    long long *ord, int *found, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_NODE, cause);
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
		out->parent_id = sqlite3_column_int64(s, 1);
		out->depth = sqlite3_column_int(s, 2);
		if (ord != NULL)
			*ord = sqlite3_column_int64(s, 3);
		out->key = store_col_dup(s, 4);
		out->code = store_col_dup(s, 5);
		out->title = store_col_dup(s, 6);
		out->label = store_col_dup(s, 7);
		out->first_fy = sqlite3_column_int(s, 8);
		out->last_fy = sqlite3_column_int(s, 9);
		out->summary = store_col_dup(s, 10);
		out->means = store_col_dup(s, 11);
		out->note = store_col_dup(s, 12);
		out->depts = xstrdup("");
		out->flags = xstrdup("");
	}
	if (store_read_end(st, s, rc, "施策・取組の読み込み", cause) != 0) {
		edit_node_free(out);
		*found = 0;
		return -1;
	}
	return 0;
}

/* "CODE TITLE", or the title alone when there is no code. */
static char *
node_name(const char *code, const char *title)
{
	if (code == NULL || code[0] == '\0')
		return xstrdup(title != NULL ? title : "");
	return xasprintf("%s %s", code, title != NULL ? title : "");
}

int
store_edit_node_load(struct store *st, long long node_id,
    struct edit_node *out, char **cause)
{
	struct assign		*a = NULL;
	struct pick		*p = NULL;
	struct plan_flag	*f = NULL;
	size_t			 na = 0, np = 0, nf = 0;
	int			 own, found, rc = -1;

	memset(out, 0, sizeof *out);
	if (read_begin(st, &own, cause) != 0)
		return -1;
	if (read_node(st, node_id, out, NULL, &found, cause) != 0)
		goto done;
	if (!found) {
		*cause = xasprintf("施策・取組（id %lld）がありません", node_id);
		goto done;
	}
	if (read_assigns(st, node_id, &a, &na, cause) != 0 ||
	    read_flags(st, out->plan_id, node_id, &f, &nf, cause) != 0)
		goto done;
	assigns_picks(a, na, &p, &np);
	free(out->depts);
	out->depts = picks_text(p, np);
	free(out->flags);
	out->flags = flags_text(f, nf);
	rc = 0;
done:
	read_end(st, own);
	assigns_free(a, na);
	picks_free(p, np);
	flags_free(f, nf);
	if (rc != 0)
		edit_node_free(out);
	return rc;
}

/* What only the record shows: titles, text, years. */
static int
check_node(const struct edit_node *n, const char **field, char **cause)
{
	const struct {
		const char	*text;
		const char	*field;
		const char	*what;
	} texts[] = {
		{ n->code,    "code",    "番号" },
		{ n->title,   "title",   "名称" },
		{ n->label,   "label",   "階層の呼び名" },
		{ n->summary, "summary", "概要・方向性" },
		{ n->means,   "means",   "手段" },
		{ n->note,    "note",    "備考" },
		{ n->depts,   "depts",   "担当課" },
		{ n->flags,   "flags",   "区分" },
	};
	size_t	i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (check_text(texts[i].text, texts[i].what, cause) != 0) {
			blame(field, texts[i].field);
			return -1;
		}
	if (workflow_blank(n->title)) {
		*cause = xstrdup("名称を入力してください");
		blame(field, "title");
		return -1;
	}
	if (check_fy(n->first_fy, "期間の始め", cause) != 0 ||
	    check_fy(n->last_fy, "期間の終わり", cause) != 0) {
		blame(field, "period");
		return -1;
	}
	if (n->first_fy != 0 && n->last_fy != 0 && n->first_fy > n->last_fy) {
		*cause = xasprintf("期間の始め（%d年度）が終わり（%d年度）より後です",
		    n->first_fy, n->last_fy);
		blame(field, "period");
		return -1;
	}
	return 0;
}

/* The plan's level names (names[depth - 1]). */
static int
read_levels(struct store *st, long long plan, char ***names, int *n,
    char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_LEVELS, cause);
	int		 rc, depth;

	*names = NULL;
	*n = 0;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		depth = sqlite3_column_int(s, 0);
		if (depth < 1 || depth > 4 || depth != *n + 1)
			continue;	/* store_check reports gaps */
		*names = xreallocarray(*names, (size_t)*n + 1, sizeof **names);
		(*names)[(*n)++] = store_col_dup(s, 1);
	}
	if (store_read_end(st, s, rc, "階層の読み込み", cause) != 0) {
		store_edit_levels_free(*names, *n);
		*names = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

/*
 * Where a new node goes: its depth from the parent, which must stay
 * within the plan's levels, and the ord x it follows (the node it is put
 * after, else its parent, else 0 for the first top-level node).
 */
static int
place_node(struct store *st, const struct edit_node *n, int *depth,
    long long *x, char **cause)
{
	struct edit_node	 parent, after;
	char			**levels = NULL;
	long long		 pord = 0, aord = 0;
	int			 nlevels = 0, found, rc = -1;

	memset(&parent, 0, sizeof parent);
	memset(&after, 0, sizeof after);
	if (plan_exists(st, n->plan_id, cause) != 0 ||
	    read_levels(st, n->plan_id, &levels, &nlevels, cause) != 0)
		return -1;
	*depth = 1;
	*x = 0;
	if (n->parent_id != 0) {
		if (read_node(st, n->parent_id, &parent, &pord, &found, cause) != 0)
			goto out;
		if (!found || parent.plan_id != n->plan_id) {
			*cause = xasprintf("追加先の親の施策・取組（id %lld）が"
			    "この計画にありません", n->parent_id);
			goto out;
		}
		*depth = parent.depth + 1;
		*x = pord;
	}
	if (nlevels == 0) {
		*cause = xstrdup("この計画には階層が定められていないため、"
		    "施策・取組を追加できません");
		goto out;
	}
	if (*depth > nlevels) {
		*cause = xasprintf("「%s」は最下層の%sのため、その下には追加"
		    "できません（この計画の階層は%d段です）", parent.title,
		    levels[nlevels - 1], nlevels);
		goto out;
	}
	if (n->after_id < 0) {
		/* After the last child, or first when there is none. */
		if (read_int(st, SQL_NODE_LAST_CHILD, n->plan_id, n->parent_id,
		    &aord, &found, cause) != 0)
			goto out;
		if (found)
			*x = aord;
	} else if (n->after_id != 0) {
		if (read_node(st, n->after_id, &after, &aord, &found, cause) != 0)
			goto out;
		if (!found || after.plan_id != n->plan_id ||
		    after.parent_id != n->parent_id) {
			*cause = xasprintf("追加する位置の指定が正しくありません"
			    "（id %lld は同じ親の下の施策・取組ではありません）",
			    n->after_id);
			goto out;
		}
		*x = aord;
	}
	rc = 0;
out:
	edit_node_free(&parent);
	edit_node_free(&after);
	store_edit_levels_free(levels, nlevels);
	return rc;
}

/* Is key free among the plan's nodes (other than self)? *who names the
 * node that has it. */
static int
node_key_free(struct store *st, long long plan, const char *key,
    long long self, int *is_free, char **who, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_NODE_KEY, cause);
	int		 rc;

	*is_free = 1;
	if (who != NULL)
		*who = NULL;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan);
	store_bind_text(s, 2, key);
	sqlite3_bind_int64(s, 3, self);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*is_free = 0;
		if (who != NULL)
			*who = node_name(store_col_text(s, 0), store_col_text(s, 1));
	}
	return store_read_end(st, s, rc, "キーの確認", cause);
}

static int
ind_key_free(struct store *st, long long plan, const char *key,
    long long self, int *is_free, char **who, char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_IND_KEY, cause);
	int		 rc;

	*is_free = 1;
	if (who != NULL)
		*who = NULL;
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan);
	store_bind_text(s, 2, key);
	sqlite3_bind_int64(s, 3, self);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		*is_free = 0;
		if (who != NULL)
			*who = store_col_dup(s, 0);
	}
	return store_read_end(st, s, rc, "キーの確認", cause);
}

typedef int key_free_fn(struct store *, long long, const char *, long long,
    int *, char **, char **);

/*
 * The key a record is saved with: the typed one if free (else *cause
 * names the record that has it and *taken is set); for "" on a new
 * record the proposal (a node's code) if it can be a key and is free,
 * else the first free one of prefix1, prefix2 …
 */
static int
choose_key(struct store *st, key_free_fn *is_free_fn, long long plan,
    long long self, const char *typed, const char *proposal,
    const char *prefix, char **key, int *taken, char **cause)
{
	char	*who = NULL, *cand, *p;
	int	 is_free, i;

	*key = NULL;
	*taken = 0;
	if (typed[0] != '\0') {
		if (is_free_fn(st, plan, typed, self, &is_free, &who, cause) != 0)
			return -1;
		if (!is_free) {
			*cause = xasprintf("キー「%s」は既に「%s」で使われています"
			    "（キーは計画の中で重ならないようにします）", typed, who);
			free(who);
			*taken = 1;
			return -1;
		}
		*key = xstrdup(typed);
		return 0;
	}
	if (proposal != NULL) {
		p = key_trim(proposal);
		if (key_writable(p)) {
			if (is_free_fn(st, plan, p, self, &is_free, NULL, cause) != 0) {
				free(p);
				return -1;
			}
			if (is_free) {
				*key = p;
				return 0;
			}
		}
		free(p);
	}
	for (i = 1;; i++) {
		cand = xasprintf("%s%d", prefix, i);
		if (is_free_fn(st, plan, cand, self, &is_free, NULL, cause) != 0) {
			free(cand);
			return -1;
		}
		if (is_free) {
			*key = cand;
			return 0;
		}
		free(cand);
	}
}

static void
bind_node_fields(sqlite3_stmt *s, int i, const struct edit_node *n,
    const char *key)
{
	store_bind_text(s, i, key);
	store_bind_text(s, i + 1, n->code);
	store_bind_text(s, i + 2, n->title);
	store_bind_text(s, i + 3, n->label);
	store_bind_opt_int(s, i + 4, n->first_fy);
	store_bind_opt_int(s, i + 5, n->last_fy);
	store_bind_text(s, i + 6, n->summary);
	store_bind_text(s, i + 7, n->means);
	store_bind_text(s, i + 8, n->note);
}

static int
insert_node(struct store *st, const struct edit_node *n, const char *key,
    int depth, long long x, long long *id, char **cause)
{
	sqlite3_stmt	*s;
	int		 rc;

	if ((rc = write_ids(st, SQL_NODE_SHIFT, n->plan_id, x, "並び順の更新",
	    cause)) != 0)
		return rc;
	if ((s = store_stmt(st, SQL_NODE_INSERT, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, n->plan_id);
	store_bind_opt_int(s, 2, n->parent_id);
	sqlite3_bind_int(s, 3, depth);
	bind_node_fields(s, 4, n, key);
	sqlite3_bind_int64(s, 13, x + 1);
	if ((rc = store_step_write(st, s, "施策・取組の追加", cause)) != 0)
		return rc;
	*id = sqlite3_last_insert_rowid(st->db);
	return 0;
}

/* Writes the node's own fields that changed, each with a history row. */
static int
update_node(struct store *st, const struct edit_node *n,
    const struct edit_node *old, const char *key, const char *login,
    const char *at, char **cause)
{
	const struct {
		const char	*field;
		const char	*was;
		const char	*now;
	} texts[] = {
		{ "key",     old->key,     key },
		{ "code",    old->code,    n->code },
		{ "title",   old->title,   n->title },
		{ "label",   old->label,   n->label },
		{ "summary", old->summary, n->summary },
		{ "means",   old->means,   n->means },
		{ "note",    old->note,    n->note },
	};
	sqlite3_stmt	*s;
	char		*op, *np;
	size_t		 i;
	int		 rc = 0, period, changed;

	period = n->first_fy != old->first_fy || n->last_fy != old->last_fy;
	changed = period;
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		changed |= !same_str(texts[i].was, texts[i].now);
	if (!changed)
		return 0;
	if ((s = store_stmt(st, SQL_NODE_UPDATE, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, old->id);
	bind_node_fields(s, 2, n, key);
	if ((rc = store_step_write(st, s, "施策・取組の保存", cause)) != 0)
		return rc;
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (!same_str(texts[i].was, texts[i].now) &&
		    (rc = store_history_add(st, at, login, old->id, 0, 0,
		    texts[i].field, texts[i].was, texts[i].now, cause)) != 0)
			return rc;
	if (period) {
		op = period_text(old->first_fy, old->last_fy);
		np = period_text(n->first_fy, n->last_fy);
		rc = store_history_add(st, at, login, old->id, 0, 0, "period", op,
		    np, cause);
		free(op);
		free(np);
	}
	return rc;
}

int
store_edit_node_save(struct store *st, const char *login, struct edit_node *n,
    const char **field, char **cause)
{
	struct edit_node	 old;
	struct assign		*cur = NULL;
	struct pick		*was = NULL, *picks = NULL;
	struct plan_flag	*flags = NULL;
	size_t			 ncur = 0, nwas = 0, npicks = 0, nflags = 0;
	char			*typed, *key = NULL, *depts = NULL, *flagtext = NULL;
	char			*ot = NULL, *nt = NULL, at[20];
	long long		 id = n->id, plan = n->plan_id, x = 0;
	int			 depth = 0, found, taken, rc;

	blame(field, NULL);
	memset(&old, 0, sizeof old);
	if (check_node(n, field, cause) != 0)
		return -1;
	typed = key_trim(n->key);
	if (check_key(typed, n->id != 0, cause) != 0) {
		blame(field, "key");
		free(typed);
		return -1;
	}
	if ((rc = begin_planner(st, login, cause)) != 0) {
		free(typed);
		return rc;
	}
	rc = -1;
	if (id == 0) {
		if (place_node(st, n, &depth, &x, cause) != 0)
			goto out;
	} else {
		if (read_node(st, id, &old, NULL, &found, cause) != 0)
			goto out;
		if (!found) {
			*cause = xstrdup("この施策・取組は開いた後に削除されました");
			goto out;
		}
		plan = old.plan_id;
		depth = old.depth;
	}
	if (choose_key(st, node_key_free, plan, id, typed,
	    id == 0 ? n->code : NULL, "n", &key, &taken, cause) != 0) {
		if (taken)
			blame(field, "key");
		goto out;
	}
	if (resolve_depts(st, n->depts, &picks, &npicks, cause) != 0) {
		blame(field, "depts");
		goto out;
	}
	if (read_flags(st, plan, id, &flags, &nflags, cause) != 0)
		goto out;
	ot = flags_text(flags, nflags);
	if (choose_flags(flags, nflags, n->flags, cause) != 0) {
		blame(field, "flags");
		goto out;
	}
	flagtext = flags_text(flags, nflags);
	depts = picks_text(picks, npicks);
	now_iso(at);
	if (id == 0) {
		if ((rc = insert_node(st, n, key, depth, x, &id, cause)) != 0 ||
		    (rc = save_depts(st, id, NULL, 0, picks, npicks, cause)) != 0 ||
		    (rc = save_flags(st, id, flags, nflags, cause)) != 0)
			goto out;
		nt = node_name(n->code, n->title);
		if ((rc = store_history_add(st, at, login, id, 0, 0, "node_add",
		    NULL, nt, cause)) != 0)
			goto out;
	} else {
		if ((rc = update_node(st, n, &old, key, login, at, cause)) != 0 ||
		    (rc = read_assigns(st, id, &cur, &ncur, cause)) != 0)
			goto out;
		assigns_picks(cur, ncur, &was, &nwas);
		if (!picks_equal(was, nwas, picks, npicks)) {
			nt = picks_text(was, nwas);
			if ((rc = save_depts(st, id, cur, ncur, picks, npicks,
			    cause)) != 0 ||
			    (rc = store_history_add(st, at, login, id, 0, 0,
			    "depts", nt, depts, cause)) != 0)
				goto out;
		}
		if (strcmp(ot, flagtext) != 0 &&
		    ((rc = save_flags(st, id, flags, nflags, cause)) != 0 ||
		    (rc = store_history_add(st, at, login, id, 0, 0, "flags", ot,
		    flagtext, cause)) != 0))
			goto out;
	}
	if ((rc = store_commit(st, cause)) != 0)
		goto done;
	n->id = id;
	n->plan_id = plan;
	if (old.id != 0)
		n->parent_id = old.parent_id;
	n->depth = depth;
	free(n->key);
	n->key = key;
	key = NULL;
	free(n->depts);
	n->depts = depts;
	depts = NULL;
	free(n->flags);
	n->flags = flagtext;
	flagtext = NULL;
	goto done;
out:
	if (rc == 0)
		rc = -1;
	store_rollback(st);
done:
	edit_node_free(&old);
	assigns_free(cur, ncur);
	picks_free(was, nwas);
	picks_free(picks, npicks);
	flags_free(flags, nflags);
	free(typed);
	free(key);
	free(depts);
	free(flagtext);
	free(ot);
	free(nt);
	return rc;
}

/* ---- deleting nodes ---- */

static int
read_impact(struct store *st, long long node, struct edit_impact *out,
    char **cause)
{
	sqlite3_stmt	*s = store_stmt(st, SQL_IMPACT, cause);
	int		 rc;

	memset(out, 0, sizeof *out);
	if (s == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, node);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		out->nodes = (long)sqlite3_column_int64(s, 0);
		out->items = (long)sqlite3_column_int64(s, 1);
		out->indicators = (long)sqlite3_column_int64(s, 2);
		out->results = (long)sqlite3_column_int64(s, 3);
		out->actuals = (long)sqlite3_column_int64(s, 4);
	}
	return store_read_end(st, s, rc, "削除される範囲の確認", cause);
}

int
store_edit_node_impact(struct store *st, long long node_id,
    struct edit_impact *out, char **cause)
{
	struct edit_node	n;
	int			own, found, rc = -1;

	memset(out, 0, sizeof *out);
	if (read_begin(st, &own, cause) != 0)
		return -1;
	if (read_node(st, node_id, &n, NULL, &found, cause) == 0) {
		if (!found)
			*cause = xasprintf("施策・取組（id %lld）がありません",
			    node_id);
		else
			rc = read_impact(st, node_id, out, cause);
	}
	edit_node_free(&n);
	read_end(st, own);
	return rc;
}

/* "No.1 名称（下位の施策・取組 2件、指標 3件 …）": what a deletion took. */
static char *
deleted_text(const char *name, const struct edit_impact *im)
{
	char	*parts = NULL, *item, *t;

	if (im->nodes > 1) {
		item = xasprintf("下位の施策・取組 %ld件", im->nodes - 1);
		list_add(&parts, item);
		free(item);
	}
	if (im->indicators > 0) {
		item = xasprintf("指標 %ld件", im->indicators);
		list_add(&parts, item);
		free(item);
	}
	if (im->results > 0) {
		item = xasprintf("実績 %ld件", im->results);
		list_add(&parts, item);
		free(item);
	}
	if (im->actuals > 0) {
		item = xasprintf("指標の実績値 %ld件", im->actuals);
		list_add(&parts, item);
		free(item);
	}
	t = parts != NULL ? xasprintf("%s（%s）", name, parts) : xstrdup(name);
	free(parts);
	return t;
}

int
store_edit_node_delete(struct store *st, const char *login, long long node_id,
    char **cause)
{
	struct edit_node	n;
	struct edit_impact	im;
	char			*name = NULL, *what = NULL, at[20];
	int			found, rc;

	memset(&n, 0, sizeof n);
	if ((rc = begin_planner(st, login, cause)) != 0)
		return rc;
	rc = -1;
	if (read_node(st, node_id, &n, NULL, &found, cause) != 0)
		goto out;
	if (!found) {
		*cause = xasprintf("施策・取組（id %lld）は既にありません", node_id);
		goto out;
	}
	if (read_impact(st, node_id, &im, cause) != 0)
		goto out;
	name = node_name(n.code, n.title);
	what = deleted_text(name, &im);
	now_iso(at);
	/* The node's own history goes with it (ON DELETE CASCADE): the row
	 * telling of the deletion hangs on the parent. */
	if ((rc = write_ids(st, SQL_NODE_DELETE, node_id, 0, "施策・取組の削除",
	    cause)) != 0 ||
	    (rc = store_history_add(st, at, login, n.parent_id, 0, 0,
	    "node_delete", what, NULL, cause)) != 0)
		goto out;
	rc = store_commit(st, cause);
	goto done;
out:
	if (rc == 0)
		rc = -1;
	store_rollback(st);
done:
	edit_node_free(&n);
	free(name);
	free(what);
	return rc;
}

/* ---- indicators ---- */

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
		targets_free(*out, *n);
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
	if (read_begin(st, &own, cause) != 0)
		return -1;
	if (read_indicator(st, indicator_id, out, &found, cause) == 0) {
		if (found)
			rc = 0;
		else
			*cause = xasprintf("指標（id %lld）がありません",
			    indicator_id);
	}
	read_end(st, own);
	return rc;
}

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
		return check_text(v->text, what, cause);
	}
	return 0;
}

/* What only the record shows. */
static int
check_indicator(const struct edit_indicator *ind, const char **field,
    char **cause)
{
	const struct {
		const char	*text;
		const char	*field;
		const char	*what;
	} texts[] = {
		{ ind->name,      "name",      "指標名" },
		{ ind->category,  "category",  "指標の種類" },
		{ ind->unit,      "unit",      "単位" },
		{ ind->rationale, "rationale", "指標の考え方" },
		{ ind->note,      "note",      "備考" },
	};
	char	 buf[FY_BUFSZ], *what;
	size_t	 i;
	int	 prev = 0, rc;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (check_text(texts[i].text, texts[i].what, cause) != 0) {
			blame(field, texts[i].field);
			return -1;
		}
	if (workflow_blank(ind->name)) {
		*cause = xstrdup("指標名を入力してください");
		blame(field, "name");
		return -1;
	}
	if (ind->direction != NULL && ind->direction[0] != '\0' &&
	    vocab_key(VOCAB_DIRECTION, ind->direction) == NULL) {
		*cause = xasprintf("方向「%s」は %s のいずれかです", ind->direction,
		    vocab_choices(VOCAB_DIRECTION));
		blame(field, "direction");
		return -1;
	}
	if (check_value(&ind->base, "基準値", cause) != 0) {
		blame(field, "base");
		return -1;
	}
	if (check_fy(ind->base_fy, "基準値", cause) != 0) {
		blame(field, "base_fy");
		return -1;
	}
	if (check_value(&ind->final, "最終目標", cause) != 0) {
		blame(field, "final");
		return -1;
	}
	if (check_fy(ind->final_fy, "最終目標", cause) != 0) {
		blame(field, "final_fy");
		return -1;
	}
	for (i = 0; i < ind->ntargets; i++) {
		const struct edit_target *t = &ind->targets[i];

		if (check_fy(t->fy, "目標値", cause) != 0 || t->fy == 0) {
			if (t->fy == 0)
				*cause = xstrdup("目標値の年度がありません");
			blame(field, "target");
			return -1;
		}
		if (t->fy <= prev) {
			*cause = xasprintf("目標値の年度（%s）が重なっているか、"
			    "順に並んでいません", fy_format(t->fy, FY_STYLE_ERA,
			    buf, sizeof buf));
			blame(field, "target");
			return -1;
		}
		prev = t->fy;
		what = xasprintf("%sの目標値", fy_format(t->fy, FY_STYLE_ERA, buf,
		    sizeof buf));
		rc = check_value(&t->value, what, cause);
		free(what);
		if (rc != 0) {
			blame(field, "target");
			return -1;
		}
	}
	return 0;
}

/* The stored form of a typed value: text that reads as a number with the
 * unit is that number (as import reads it), blank text is none. */
static int
canonical(const struct value *in, const char *unit, const char *what,
    struct value *out, char **cause)
{
	char	*why = NULL;

	if (in->kind != VALUE_TEXT) {
		value_copy(out, in);
		return 0;
	}
	if (value_parse(in->text != NULL ? in->text : "", unit, out, &why) != 0) {
		*cause = xasprintf("%s: %s", what, why);
		free(why);
		return -1;
	}
	return 0;
}

/* The values to store: base, final and targets in canonical form. */
struct ind_values {
	struct value		 base;
	struct value		 final;
	struct edit_target	*targets;
	size_t			 ntargets;
};

static void
ind_values_free(struct ind_values *v)
{
	value_clear(&v->base);
	value_clear(&v->final);
	targets_free(v->targets, v->ntargets);
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
	if (canonical(&ind->base, ind->unit, "基準値", &v->base, cause) != 0) {
		blame(field, "base");
		return -1;
	}
	if (canonical(&ind->final, ind->unit, "最終目標", &v->final, cause) != 0) {
		blame(field, "final");
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
			blame(field, "target");
			ind_values_free(v);
			return -1;
		}
	}
	return 0;
}

/* A history row for a changed value, each side formatted with its unit. */
static int
history_value(struct store *st, const char *at, const char *login,
    long long node, long long ind, int fy, const char *field,
    const struct value *a, const char *aunit, const struct value *b,
    const char *bunit, char **cause)
{
	char	*ot = value_format(a, aunit, 1), *nt = value_format(b, bunit, 1);
	int	 rc;

	rc = store_history_add(st, at, login, node, ind, fy, field, ot, nt, cause);
	free(ot);
	free(nt);
	return rc;
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
			rc = write_ids(st, SQL_TARGET_DELETE, ind, fy, "目標値の保存",
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
	store_bind_opt_int(s, 11, ind->base_fy);
	store_bind_value(s, 12, &v->final);
	store_bind_opt_int(s, 14, ind->final_fy);
	store_bind_text(s, 15, ind->rationale);
	store_bind_text(s, 16, ind->note);
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

	if (read_int(st, SQL_IND_LAST, ind->plan_id, ind->node_id, &x, &found,
	    cause) != 0)
		return -1;
	if (found) {
		if ((rc = write_ids(st, SQL_IND_SHIFT, ind->plan_id, x,
		    "並び順の更新", cause)) != 0)
			return rc;
	} else if (read_int(st, SQL_IND_MAX, ind->plan_id, 0, &x, NULL,
	    cause) != 0)
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
	const struct {
		const char	*field;
		const char	*was;
		const char	*now;
	} texts[] = {
		{ "key",       old->key,       key },
		{ "name",      old->name,      ind->name },
		{ "category",  old->category,  ind->category },
		{ "unit",      old->unit,      ind->unit },
		{ "rationale", old->rationale, ind->rationale },
		{ "note",      old->note,      ind->note },
	};
	const long long	 node = old->node_id, id = old->id;
	char		*ot, *nt;
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
		FIELD_CHANGED(!same_str(texts[i].was, texts[i].now),
		    rc = store_history_add(st, at, login, node, id, 0,
		    texts[i].field, texts[i].was, texts[i].now, cause));
	FIELD_CHANGED(!same_str(direction, old->direction),
	    rc = store_history_add(st, at, login, node, id, 0, "direction",
	    direction_label(old->direction), direction_label(direction), cause));
	FIELD_CHANGED((ind->cumulative != 0) != (old->cumulative != 0),
	    rc = store_history_add(st, at, login, node, id, 0, "cumulative",
	    old->cumulative ? "はい" : "いいえ",
	    ind->cumulative ? "はい" : "いいえ", cause));
	FIELD_CHANGED(!value_equal(&v->base, &old->base),
	    rc = history_value(st, at, login, node, id, 0, "base", &old->base,
	    old->unit, &v->base, ind->unit, cause));
	if (ind->base_fy != old->base_fy && rc == 0) {
		(*changed)++;
		if (write) {
			ot = fy_text(old->base_fy);
			nt = fy_text(ind->base_fy);
			rc = store_history_add(st, at, login, node, id, 0,
			    "base_fy", ot, nt, cause);
			free(ot);
			free(nt);
		}
	}
	FIELD_CHANGED(!value_equal(&v->final, &old->final),
	    rc = history_value(st, at, login, node, id, 0, "final", &old->final,
	    old->unit, &v->final, ind->unit, cause));
	if (ind->final_fy != old->final_fy && rc == 0) {
		(*changed)++;
		if (write) {
			ot = fy_text(old->final_fy);
			nt = fy_text(ind->final_fy);
			rc = store_history_add(st, at, login, node, id, 0,
			    "final_fy", ot, nt, cause);
			free(ot);
			free(nt);
		}
	}
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
	if (sqlite3_changes(st->db) == 0) {
		/* Cannot happen under the write lock after the check. */
		*cause = xstrdup("この指標は開いた後に他の人が変更しました。"
		    "開き直してから、もう一度入力してください");
		return STORE_CONFLICT;
	}
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

	blame(field, NULL);
	memset(&old, 0, sizeof old);
	if (check_indicator(ind, field, cause) != 0)
		return -1;
	if (ind->direction != NULL && ind->direction[0] != '\0')
		direction = vocab_key(VOCAB_DIRECTION, ind->direction);
	typed = key_trim(ind->key);
	if (check_key(typed, id != 0, cause) != 0) {
		blame(field, "key");
		free(typed);
		return -1;
	}
	if (ind_values(ind, &v, field, cause) != 0) {
		free(typed);
		return -1;
	}
	if ((rc = begin_planner(st, login, cause)) != 0) {
		free(typed);
		ind_values_free(&v);
		return rc;
	}
	rc = -1;
	if (id == 0) {
		if (plan_exists(st, plan, cause) != 0)
			goto out;
		if (node != 0) {
			if (read_int(st, SQL_NODE_PLAN, node, 0, &nplan, &found,
			    cause) != 0)
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
		if (old.ver != ind->ver) {
			*cause = xstrdup("この指標は開いた後に他の人が変更しました。"
			    "開き直してから、もう一度入力してください");
			rc = STORE_CONFLICT;
			goto out;
		}
		plan = old.plan_id;
		node = old.node_id;
	}
	if (choose_key(st, ind_key_free, plan, id, typed, NULL, "i", &key,
	    &taken, cause) != 0) {
		if (taken)
			blame(field, "key");
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

int
store_edit_indicator_delete(struct store *st, const char *login,
    long long indicator_id, char **cause)
{
	struct edit_indicator	 ind;
	sqlite3_stmt		*s;
	char			*what = NULL, at[20];
	long long		 ntargets = 0, nactuals = 0;
	int			 found, rc;

	memset(&ind, 0, sizeof ind);
	if ((rc = begin_planner(st, login, cause)) != 0)
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
	now_iso(at);
	/* The indicator's history goes with it: the row telling of the
	 * deletion hangs on its node. */
	if ((rc = write_ids(st, SQL_IND_DELETE, indicator_id, 0, "指標の削除",
	    cause)) != 0 ||
	    (rc = store_history_add(st, at, login, ind.node_id, 0, 0,
	    "indicator_delete", what, NULL, cause)) != 0)
		goto out;
	rc = store_commit(st, cause);
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

/* ---- levels ---- */

int
store_edit_levels(struct store *st, long long plan_id, char ***names,
    int *nlevels, char **cause)
{
	int	own, rc = -1;

	*names = NULL;
	*nlevels = 0;
	if (read_begin(st, &own, cause) != 0)
		return -1;
	if (plan_exists(st, plan_id, cause) == 0)
		rc = read_levels(st, plan_id, names, nlevels, cause);
	read_end(st, own);
	return rc;
}

void
store_edit_levels_free(char **names, int nlevels)
{
	int	i;

	for (i = 0; i < nlevels; i++)
		free(names[i]);
	free(names);
}
