/*
 * shisaku check's check of the figures the file keeps for the screens
 * (see store-figs.h): each plan-year kept is counted again in full, as a
 * screen counts a year the file does not keep, and compared with what
 * is kept, kind by kind and heading by heading. The kept figures are
 * only ever moved by triggers and counted again by writes; a difference
 * means a write behind the program's back or a fault, and the plans list
 * and the tree would show it.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "shisaku/store-figs.h"
#include "shisaku/store-internal.h"
#include "shisaku/util.h"

static const char figs_check_sql_kept[] =
	"SELECT f.plan_id, f.fy, p.code FROM plan_fig f"
	" JOIN plan p ON p.id = f.plan_id WHERE f.items_valid = 1"
	" ORDER BY p.code, f.fy";
static const char figs_check_sql_heads[] =
	"SELECT node_id, state, status, grade, planned, n FROM node_fig"
	" WHERE plan_id = ?1 AND fy = ?2 AND n <> 0";

/* Whether a's counts of every kind are b's (kinds counted 0 aside). */
static int
figs_items_within(const struct browse_figs *a, const struct browse_figs *b)
{
	size_t	i;
	long	k;

	for (i = 0; i < a->n; i++) {
		if (a->v[i].n == 0)
			continue;
		k = browse_figs_kind(b, a->v[i].state, a->v[i].status,
		    a->v[i].grade, a->v[i].planned);
		if (k < 0 || b->v[k].n != a->v[i].n)
			return 0;
	}
	return 1;
}

/* Whether the headings' rows kept of plan_id in fy are the counted c's
 * (c->up sorted by node and kind): *same 1 or 0. */
static int
figs_heads_same(struct store *st, long long plan_id, int fy,
    const struct browse_figs *c, int *same, char **cause)
{
	sqlite3_stmt		*s;
	struct browse_cfig	 key, *hit;
	size_t			 i, rows = 0, counted = 0;
	int			 rc;
	long			 k;

	*same = 1;
	if ((s = store_stmt(st, figs_check_sql_heads, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(s, 1, plan_id);
	sqlite3_bind_int(s, 2, fy);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		rows++;
		k = browse_figs_kind(c, store_col_text(s, 1),
		    store_col_text(s, 2), store_col_text(s, 3),
		    sqlite3_column_int(s, 4) != 0);
		key.node_id = sqlite3_column_int64(s, 0);
		key.kind = k < 0 ? 0 : (size_t)k;
		hit = k < 0 ? NULL : bsearch(&key, c->up, c->nup,
		    sizeof *c->up, browse_cfig_cmp);
		if (hit == NULL || hit->n != sqlite3_column_int64(s, 5))
			*same = 0;
	}
	if (store_read_end(st, s, rc, "集計の読み込み", cause) != 0)
		return -1;
	for (i = 0; i < c->nup; i++)
		counted += c->up[i].n != 0;
	if (rows != counted)
		*same = 0;
	return 0;
}

/* Compares one plan-year; reports each part that differs. Returns the
 * number of parts, or -1 with *cause. */
static int
figs_check_one(struct store *st, long long plan_id, int fy, const char *code,
    void (*report)(void *, const char *), void *arg, char **cause)
{
	struct browse_figs	 k, c;
	const char		*what[3] = { NULL, NULL, NULL };
	char			*line;
	int			 kept, same, n = 0, i, rc = -1;

	memset(&k, 0, sizeof k);
	memset(&c, 0, sizeof c);
	c.want_up = 1;
	if (browse_figs_read_kept(st, plan_id, fy, &k, &kept, cause) != 0 ||
	    browse_figs_count_items(st, plan_id, fy, &c, cause) != 0)
		goto out;
	if (kept == 0) {	/* (forgotten since the list was read) */
		rc = 0;
		goto out;
	}
	if (k.depth != c.depth || !figs_items_within(&k, &c) ||
	    !figs_items_within(&c, &k))
		what[n++] = "取組の件数";
	if (figs_heads_same(st, plan_id, fy, &c, &same, cause) != 0)
		goto out;
	if (!same)
		what[n++] = "項目ごとの件数";
	if (kept == 2) {
		if (browse_figs_count_indicators(st, plan_id, fy, &c,
		    cause) != 0)
			goto out;
		if (memcmp(k.outcome, c.outcome, sizeof k.outcome) != 0)
			what[n++] = "指標の達成状況";
	}
	for (i = 0; i < n; i++) {
		line = xasprintf("集計: %s の %d 年度の%sが数え直した値と"
		    "合いません", code, fy, what[i]);
		report(arg, line);
		free(line);
	}
	rc = n;
out:
	browse_figs_clear(&k);
	browse_figs_clear(&c);
	return rc;
}

int
browse_figures_check(struct store *st, void (*report)(void *, const char *),
    void *arg, char **cause)
{
	sqlite3_stmt	*s;
	struct { long long plan; int fy; char *code; } *v = NULL;
	size_t		 n = 0, i;
	int		 rc, problems = 0, one;

	/* The list first: the counts below run statements of their own. */
	if ((s = store_stmt(st, figs_check_sql_kept, cause)) == NULL)
		return -1;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		v = xreallocarray(v, n + 1, sizeof *v);
		v[n].plan = sqlite3_column_int64(s, 0);
		v[n].fy = sqlite3_column_int(s, 1);
		v[n++].code = xstrdup((const char *)sqlite3_column_text(s, 2));
	}
	rc = store_read_end(st, s, rc, "集計の読み込み", cause);
	for (i = 0; i < n && rc == 0; i++) {
		if ((one = figs_check_one(st, v[i].plan, v[i].fy, v[i].code,
		    report, arg, cause)) < 0)
			rc = -1;
		else
			problems += one;
	}
	for (i = 0; i < n; i++)
		free(v[i].code);
	free(v);
	return rc != 0 ? -1 : problems;
}
