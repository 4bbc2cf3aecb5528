/*
 * The indicator list's achievement rates the file keeps
 * (db/migrate-12.sql) always equal those computed afresh from the rows
 * the list reads: the four sample plans are loaded, their rates of every
 * year kept, and after each kind of write (actuals and targets added,
 * changed, made text and deleted, running totals, baselines, final
 * targets, directions, indicators added, reordered, moved to another
 * plan and deleted, nodes deleted, the actual form's save, a year
 * opened, an import and an import --replace) every kept rate is
 * compared with store_indicator_row_rate of a fresh read, and the list
 * read a page at a time in each order with the list sorted in full; the
 * outcomes counted from the kept rates (the plans list's, and the tree's
 * of every heading) are compared with those counted afresh from every
 * indicator's values.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "fixture.h"
#include "harness.h"
#include "shisaku/fy.h"
#include "shisaku/planfile.h"
#include "shisaku/store-actual.h"
#include "shisaku/store-figs.h"
#include "shisaku/store-indfig.h"
#include "shisaku/store-internal.h"
#include "shisaku/store-plan.h"
#include "shisaku/store-sheet.h"
#include "shisaku/store-summary.h"
#include "shisaku/store-user.h"
#include "shisaku/store.h"
#include "shisaku/util.h"
#include "sample-writes.h"

/* The list's rows of a plan-year, sorted in full as the screen sorts
 * them (ties in plan order). */
static const struct indicator_list *sorting;
static const double *sorting_rate;
static enum indicator_order sorting_order;

static int
cmp_rows(const void *a, const void *b)
{
	size_t	x = *(const size_t *)a, y = *(const size_t *)b;
	double	rx = sorting_rate[x], ry = sorting_rate[y];
	int	c = 0;

	switch (sorting_order) {
	case IND_ORDER_RATE_UP:
	case IND_ORDER_RATE_DOWN:
		if ((rx < 0) != (ry < 0))
			return rx < 0 ? 1 : -1;
		if (rx != ry)
			c = rx < ry ? -1 : 1;
		if (sorting_order == IND_ORDER_RATE_DOWN)
			c = -c;
		break;
	case IND_ORDER_NAME:
		c = strcmp(sorting->rows[x].name, sorting->rows[y].name);
		break;
	default:
		break;
	}
	return c != 0 ? c : (x > y) - (x < y);
}

/* Reads the list of (plan, fy) a page at a time in order, forwards
 * from the start and backwards from the end, and compares the ids with
 * want (n of them). Returns how many differ. */
static int
compare_pages(struct store *st, long long plan, int fy,
    enum indicator_order order, const char *cat, const long long *want,
    const long long *want_ord, size_t n)
{
	struct indicator_list	 pg;
	struct indicator_key	 k;
	long long		*got = xcalloc(n + 1, sizeof *got);
	size_t			 m = 0, i;
	char			*cause = NULL;
	int			 bad = 0, dir;

	for (dir = 1; dir >= -1; dir -= 2) {
		const struct indicator_key *from = NULL;

		m = 0;
		memset(&k, 0, sizeof k);
		for (;;) {
			if (store_indicator_list_page_in(st, plan, fy, order,
			    cat, from, dir, 7, &pg, &cause) != 0) {
				fprintf(stderr, "page: %s\n", cause);
				free(cause);
				free(got);
				return 1;
			}
			if (pg.n == 0) {
				store_indicator_list_free(&pg);
				break;
			}
			for (i = 0; i < pg.n && m < n; i++) {
				size_t j = dir > 0 ? i : pg.n - 1 - i;

				got[dir > 0 ? m : n - 1 - m] = pg.rows[j].id;
				m++;
			}
			k.id = dir > 0 ? pg.rows[pg.n - 1].id : pg.rows[0].id;
			k.ord = dir > 0 ? pg.rows[pg.n - 1].ord :
			    pg.rows[0].ord;
			from = &k;
			store_indicator_list_free(&pg);
			if (m >= n)
				break;
		}
		if (m != n || memcmp(got, want, n * sizeof *got) != 0) {
			fprintf(stderr, "plan %lld fy %d order %d dir %d: the"
			    " pages read %zu rows, not the %zu sorted\n", plan,
			    fy, (int)order, dir, m, n);
			bad++;
		}
		/* Each row's place is the count before it. */
		for (i = 0; i < n && dir > 0; i += 5) {
			size_t	before = 0;

			if (store_indicator_list_before_in(st, plan, fy, order,
			    cat, want_ord[i], want[i], &before, &cause) != 0) {
				free(cause);
				cause = NULL;
				bad++;
			} else if (before != i) {
				fprintf(stderr, "plan %lld fy %d order %d: row"
				    " %zu counted at %zu\n", plan, fy,
				    (int)order, i, before);
				bad++;
			}
		}
	}
	free(got);
	return bad;
}

/* A filter's ids put in the list's order: the plan's ids but every third
 * (all given, in reverse plan order, with an id of no indicator) come
 * back as want (the rows sorted in full, of category cat) less every
 * third. Returns how many differ. */
static int
compare_order_in(struct store *st, long long plan, int fy,
    enum indicator_order order, const char *cat, const long long *want,
    size_t n, const struct indicator_list *l)
{
	long long	*given = xcalloc(l->n + 2, sizeof *given);
	size_t		 ng = 0, m = 0, i, j;
	char		*cause = NULL;
	int		 bad = 0;

	for (i = l->n; i-- > 0; )
		if (l->rows[i].id % 3 != 0)
			given[ng++] = l->rows[i].id;
	given[ng++] = 999999;
	if (store_indicator_order_in(st, fy, order, cat, given, &ng,
	    &cause) != 0) {
		fprintf(stderr, "order_in: %s\n", cause);
		free(cause);
		free(given);
		return 1;
	}
	for (i = 0, j = 0; i < n; i++) {
		if (want[i] % 3 == 0)
			continue;
		if (j >= ng || given[j] != want[i]) {
			fprintf(stderr, "plan %lld fy %d order %d category"
			    " %s: place %zu is %lld, want %lld\n", plan, fy,
			    (int)order, cat != NULL ? cat : "(all)", j,
			    j < ng ? given[j] : -1, want[i]);
			bad++;
			break;
		}
		j++;
		m++;
	}
	if (bad == 0 && ng != m) {
		fprintf(stderr, "plan %lld fy %d order %d: %zu ids kept, not"
		    " %zu\n", plan, fy, (int)order, ng, m);
		bad++;
	}
	free(given);
	return bad;
}

/* Compares what is kept of one plan-year with the rates of a fresh read
 * of its rows, and the pages in each order with the rows sorted in
 * full. Returns how many differ. */
static int
compare_year(struct store *st, long long plan, int fy, const char *what)
{
	struct indicator_list	 l;
	sqlite3_stmt		*s;
	double			*rate;
	size_t			*ix, i;
	long long		*ids, *ords;
	char			*cause = NULL;
	size_t			 c;
	int			 bad = 0, o, found;

	if (store_indicator_list_rows(st, plan, fy, &l, &cause) != 0) {
		fprintf(stderr, "%s: %s\n", what, cause);
		free(cause);
		return 1;
	}
	rate = xcalloc(l.n + 1, sizeof *rate);
	if (sqlite3_prepare_v2(store_db(st), "SELECT plan_id, ord, norate, up,"
	    " down FROM indicator_fig WHERE indicator_id = ?1 AND fy = ?2",
	    -1, &s, NULL) != SQLITE_OK) {
		store_indicator_list_free(&l);
		free(rate);
		return 1;
	}
	for (i = 0; i < l.n; i++) {
		const struct indicator_row *r = &l.rows[i];

		rate[i] = store_indicator_row_rate(r, NULL);
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, r->id);
		sqlite3_bind_int(s, 2, fy);
		found = sqlite3_step(s) == SQLITE_ROW;
		if (!found || sqlite3_column_int64(s, 0) != plan ||
		    sqlite3_column_int64(s, 1) != r->ord ||
		    sqlite3_column_int(s, 2) != (rate[i] < 0) ||
		    sqlite3_column_double(s, 3) != (rate[i] < 0 ? 0 : rate[i]) ||
		    sqlite3_column_double(s, 4) != (rate[i] < 0 ? 0 : -rate[i])) {
			fprintf(stderr, "after %s: indicator %lld (%s) in %d:"
			    " kept %s %.17g, computed %.17g\n", what, r->id,
			    r->name, fy, found ? "" : "nothing",
			    found ? sqlite3_column_double(s, 3) : 0, rate[i]);
			bad++;
		}
	}
	sqlite3_finalize(s);
	/* No row kept of an indicator the plan no longer has. */
	s = NULL;
	if (sqlite3_prepare_v2(store_db(st), "SELECT count(*) FROM"
	    " indicator_fig WHERE plan_id = ?1 AND fy = ?2", -1, &s,
	    NULL) == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, plan);
		sqlite3_bind_int(s, 2, fy);
		if (sqlite3_step(s) != SQLITE_ROW ||
		    (size_t)sqlite3_column_int64(s, 0) != l.n) {
			fprintf(stderr, "after %s: plan %lld in %d: %lld rows"
			    " kept for %zu indicators\n", what, plan, fy,
			    (long long)sqlite3_column_int64(s, 0), l.n);
			bad++;
		}
	}
	sqlite3_finalize(s);
	/* The pages in each order are the rows sorted in full. */
	ix = xcalloc(l.n + 1, sizeof *ix);
	ids = xcalloc(l.n + 1, sizeof *ids);
	ords = xcalloc(l.n + 1, sizeof *ords);
	for (o = IND_ORDER_PLAN; o <= IND_ORDER_NAME && bad == 0; o++) {
		for (i = 0; i < l.n; i++)
			ix[i] = i;
		sorting = &l;
		sorting_rate = rate;
		sorting_order = (enum indicator_order)o;
		qsort(ix, l.n, sizeof *ix, cmp_rows);
		for (i = 0; i < l.n; i++) {
			ids[i] = l.rows[ix[i]].id;
			ords[i] = l.rows[ix[i]].ord;
		}
		if (compare_pages(st, plan, fy, (enum indicator_order)o, NULL,
		    ids, ords, l.n) != 0 || compare_order_in(st, plan, fy,
		    (enum indicator_order)o, NULL, ids, l.n, &l) != 0) {
			fprintf(stderr, "after %s\n", what);
			bad++;
		}
		/* Of each category, in that order. */
		for (c = 0; c < l.n && bad == 0; c++) {
			const char	*cat = l.rows[c].category;
			long long	*cids = xcalloc(l.n + 1, sizeof *cids);
			long long	*cords = xcalloc(l.n + 1, sizeof *cords);
			size_t		 m = 0, j;

			for (j = 0; j < c; j++)
				if (strcmp(l.rows[j].category, cat) == 0)
					break;
			for (i = 0; j == c && i < l.n; i++)
				if (strcmp(l.rows[ix[i]].category, cat) == 0) {
					cids[m] = ids[i];
					cords[m++] = ords[i];
				}
			if (j == c && (compare_pages(st, plan, fy,
			    (enum indicator_order)o, cat, cids, cords,
			    m) != 0 || compare_order_in(st, plan, fy,
			    (enum indicator_order)o, cat, cids, m, &l) != 0)) {
				fprintf(stderr, "after %s: category %s\n",
				    what, cat);
				bad++;
			}
			free(cids);
			free(cords);
		}
	}
	/* The categories in the order they first appear. */
	{
		char	**cats = NULL;
		size_t	  nc = 0, seen = 0, j, k;

		if (store_indicator_categories(st, plan, &cats, &nc,
		    &cause) != 0) {
			free(cause);
			cause = NULL;
			bad++;
		}
		for (j = 0; j < l.n; j++) {
			if (*l.rows[j].category == '\0')
				continue;
			for (k = 0; k < j; k++)
				if (strcmp(l.rows[k].category,
				    l.rows[j].category) == 0)
					break;
			if (k < j)
				continue;
			if (seen >= nc || strcmp(cats[seen],
			    l.rows[j].category) != 0) {
				fprintf(stderr, "after %s: category %zu of"
				    " plan %lld is not %s\n", what, seen,
				    plan, l.rows[j].category);
				bad++;
			}
			seen++;
		}
		if (seen != nc)
			bad++;
		for (j = 0; j < nc; j++)
			free(cats[j]);
		free(cats);
	}
	/* Each category's rows in plan order, and their count. */
	for (o = 0; (size_t)o < l.n && bad == 0; o++) {
		const char	*cat = l.rows[o].category;
		size_t		 m = 0, cnt = 0, j;

		for (j = 0; j < (size_t)o; j++)
			if (strcmp(l.rows[j].category, cat) == 0)
				break;
		if (j < (size_t)o)
			continue;	/* seen */
		for (j = 0; j < l.n; j++)
			if (strcmp(l.rows[j].category, cat) == 0) {
				ids[m] = l.rows[j].id;
				ords[m++] = l.rows[j].ord;
			}
		if (store_indicator_list_count(st, plan, cat, &cnt,
		    &cause) != 0 || cnt != m) {
			fprintf(stderr, "after %s: category %s of plan %lld:"
			    " %zu counted, %zu kept\n", what, cat, plan, m,
			    cnt);
			free(cause);
			cause = NULL;
			bad++;
		}
		if (compare_pages(st, plan, fy, IND_ORDER_PLAN, cat, ids, ords,
		    m) != 0 || compare_order_in(st, plan, fy, IND_ORDER_PLAN,
		    cat, ids, m, &l) != 0) {
			fprintf(stderr, "after %s: category %s\n", what, cat);
			bad++;
		}
	}
	free(ix);
	free(ids);
	free(ords);
	free(rate);
	store_indicator_list_free(&l);
	return bad;
}

/* The outcomes the plans list counts from a kept year's rates equal
 * those counted afresh from every indicator's values (the report's and
 * the list's own computation of a rate, apart). */
static int
compare_outcomes(struct store *st, long long plan, int fy, const char *what)
{
	struct browse_figs	 f;
	long			 kept[SUMMARY_NOUTCOMES];
	char			*cause = NULL;
	int			 bad = 0, rc;

	memset(&f, 0, sizeof f);
	rc = store_indfig_outcomes(st, plan, fy, kept, &cause);
	if (rc != 1 || browse_figs_count_indicators(st, plan, fy, &f,
	    &cause) != 0) {
		fprintf(stderr, "after %s: plan %lld in %d: outcomes not read"
		    " (%d): %s\n", what, plan, fy, rc, cause ? cause : "");
		bad = 1;
	} else if (memcmp(kept, f.outcome, sizeof kept) != 0) {
		fprintf(stderr, "after %s: plan %lld in %d: outcomes from the"
		    " rates %ld/%ld/%ld, counted %ld/%ld/%ld\n", what, plan,
		    fy, kept[0], kept[1], kept[2], f.outcome[0],
		    f.outcome[1], f.outcome[2]);
		bad = 1;
	}
	free(cause);
	browse_figs_clear(&f);
	return bad;
}

/* The same for every heading of the plan, as the tree counts it: from
 * the kept rates of the indicators below it, read both ways (down the
 * heading's subtree and up from the plan's indicators) and as the store
 * chooses, and afresh from their values (store_summary_subtree). */
static int
compare_headings(struct store *st, long long plan, int fy, const char *what)
{
	struct summary_indicator *ind;
	sqlite3_stmt	*s;
	long		 kept[SUMMARY_NOUTCOMES], counted[SUMMARY_NOUTCOMES];
	long		 way[2][SUMMARY_NOUTCOMES];
	long long	 node;
	size_t		 cnt, k;
	char		*cause = NULL;
	int		 bad = 0, rc, o, up;

	if (sqlite3_prepare_v2(store_db(st), "SELECT n.id FROM node n"
	    " WHERE n.plan_id = ?1 AND EXISTS (SELECT 1 FROM node c"
	    " WHERE c.parent_id = n.id) ORDER BY n.id", -1, &s, NULL) !=
	    SQLITE_OK)
		return 1;
	sqlite3_bind_int64(s, 1, plan);
	while (bad == 0 && sqlite3_step(s) == SQLITE_ROW) {
		node = sqlite3_column_int64(s, 0);
		rc = store_indfig_subtree_outcomes(st, plan, node, fy, kept,
		    &cause);
		if (rc != 1 || store_summary_subtree(st, node, fy, &ind, &cnt,
		    &cause) != 0) {
			fprintf(stderr, "after %s: heading %lld in %d: outcomes"
			    " not read (%d): %s\n", what, node, fy, rc,
			    cause ? cause : "");
			bad = 1;
			break;
		}
		memset(counted, 0, sizeof counted);
		for (k = 0; k < cnt; k++) {
			o = (int)ind[k].outcome;
			counted[o >= 0 && o < SUMMARY_NOUTCOMES ? o :
			    SUMMARY_NO_DATA]++;
		}
		free(ind);
		if (memcmp(kept, counted, sizeof kept) != 0) {
			fprintf(stderr, "after %s: heading %lld in %d: from the"
			    " rates %ld/%ld/%ld, counted %ld/%ld/%ld\n", what,
			    node, fy, kept[0], kept[1], kept[2], counted[0],
			    counted[1], counted[2]);
			bad = 1;
		}
		for (up = 0; up < 2 && !bad; up++) {
			memset(way[up], 0, sizeof way[up]);
			if (indfig_subtree_read(st, plan, node, fy, up,
			    way[up], &cause) != 1 ||
			    memcmp(way[up], counted, sizeof counted) != 0) {
				fprintf(stderr, "after %s: heading %lld in %d:"
				    " read %s %ld/%ld/%ld, counted"
				    " %ld/%ld/%ld\n", what, node, fy,
				    up ? "upward" : "downward", way[up][0],
				    way[up][1], way[up][2], counted[0],
				    counted[1], counted[2]);
				bad = 1;
			}
		}
	}
	sqlite3_finalize(s);
	free(cause);
	return bad;
}

/* Every kept plan-year compared; and every plan's every year is kept. */
static int
compare(struct store *st, const char *what)
{
	sqlite3_stmt	*s;
	long long	*plans = NULL;
	int		*years = NULL, bad = 0;
	size_t		 n = 0, i;

	if (sqlite3_prepare_v2(store_db(st), "SELECT plan_id, fy FROM"
	    " indicator_fig_year ORDER BY plan_id, fy", -1, &s, NULL) !=
	    SQLITE_OK)
		return 1;
	while (sqlite3_step(s) == SQLITE_ROW) {
		plans = xreallocarray(plans, n + 1, sizeof *plans);
		years = xreallocarray(years, n + 1, sizeof *years);
		plans[n] = sqlite3_column_int64(s, 0);
		years[n++] = sqlite3_column_int(s, 1);
	}
	sqlite3_finalize(s);
	for (i = 0; i < n; i++) {
		if (!store_indfig_kept(st, plans[i], years[i])) {
			fprintf(stderr, "after %s: plan %lld in %d not kept\n",
			    what, plans[i], years[i]);
			bad++;
		}
		bad += compare_year(st, plans[i], years[i], what);
		bad += compare_outcomes(st, plans[i], years[i], what);
		bad += compare_headings(st, plans[i], years[i], what);
	}
	if ((long)n != q_long(store_db(st), "SELECT count(*) FROM plan") *
	    (LAST_FY - FIRST_FY + 1)) {
		fprintf(stderr, "after %s: %zu plan-years kept\n", what, n);
		bad++;
	}
	free(plans);
	free(years);
	return bad;
}

/* One year's rates of every plan (for keep_every_year). */
static int
keep_rates(struct store *st, int fy, char **cause)
{
	return store_indfig_keep(st, 0, fy, cause);
}

/* Keeps every plan's rates of every year compared, in one write. */
static int
keep_all(struct store *st)
{
	return keep_every_year(st, keep_rates);
}

/* The writes, one kind each, made on the file as the store's write
 * paths make them (the triggers answer to the rows, whoever writes; the
 * store's commit computes again what they marked). */
static const struct {
	const char	*what, *sql;
} writes[] = {
	{ "actuals added", "INSERT OR REPLACE INTO indicator_actual"
	  " (indicator_id, fy, num) SELECT id, 2024, COALESCE(final_num, 1) *"
	  " (id % 5) / 3.0 FROM indicator WHERE id % 2 = 0" },
	{ "actuals changed", "UPDATE indicator_actual SET num = num * 1.7 + 1"
	  " WHERE fy = 2024 AND indicator_id % 3 = 0" },
	{ "an actual made text", "UPDATE indicator_actual SET num = NULL,"
	  " txt = '概ね達成' WHERE rowid = (SELECT MIN(rowid) FROM"
	  " indicator_actual WHERE fy = 2024)" },
	{ "an actual deleted", "DELETE FROM indicator_actual WHERE rowid ="
	  " (SELECT MAX(rowid) FROM indicator_actual)" },
	{ "an actual moved to another year", "UPDATE indicator_actual SET"
	  " fy = 2025 WHERE rowid = (SELECT MIN(rowid) FROM indicator_actual"
	  " WHERE fy = 2024 AND num IS NOT NULL)" },
	{ "running totals", "UPDATE indicator SET cumulative = 1,"
	  " direction = 'up' WHERE id % 2 = 0" },
	{ "an earlier actual of each running total", "INSERT OR REPLACE INTO"
	  " indicator_actual (indicator_id, fy, num) SELECT id, 2021, 3"
	  " FROM indicator WHERE cumulative = 1" },
	{ "a text among a running total's actuals", "INSERT OR REPLACE INTO"
	  " indicator_actual (indicator_id, fy, txt) SELECT id, 2022, '不明'"
	  " FROM indicator WHERE cumulative = 1 AND id % 4 = 0" },
	{ "targets added", "INSERT OR REPLACE INTO indicator_target"
	  " (indicator_id, fy, num) SELECT id, 2024, 5 + id % 7 FROM indicator"
	  " WHERE id % 3 = 0" },
	{ "targets changed", "UPDATE indicator_target SET num = 0"
	  " WHERE fy = 2024 AND indicator_id % 9 = 0" },
	{ "a target made text", "UPDATE indicator_target SET num = NULL,"
	  " txt = '増加' WHERE rowid = (SELECT MIN(rowid) FROM indicator_target"
	  " WHERE fy = 2024)" },
	{ "targets deleted", "DELETE FROM indicator_target WHERE fy = 2024"
	  " AND indicator_id % 6 = 0" },
	{ "baselines", "UPDATE indicator SET base_num = 2, base_fy = 2020,"
	  " base_txt = NULL WHERE id % 5 = 1" },
	{ "a baseline made text", "UPDATE indicator SET base_num = NULL,"
	  " base_txt = '—' WHERE id % 5 = 2" },
	{ "final targets", "UPDATE indicator SET final_num = 1000,"
	  " final_fy = 2030 WHERE id % 4 = 1" },
	{ "directions", "UPDATE indicator SET direction = CASE id % 5"
	  " WHEN 0 THEN 'down' WHEN 1 THEN 'keep' WHEN 2 THEN 'max'"
	  " WHEN 3 THEN 'min' ELSE NULL END WHERE id % 3 = 1" },
	{ "an indicator added", "INSERT INTO indicator (plan_id, node_id, key,"
	  " name, direction, base_num, ord) SELECT plan_id, node_id,"
	  " key || '-new', '追加の指標', 'up', 1, ord FROM indicator"
	  " WHERE id = (SELECT MIN(id) FROM indicator)" },
	{ "its targets and actuals", "INSERT INTO indicator_target"
	  " (indicator_id, fy, num) SELECT MAX(id), 2024, 10 FROM indicator;"
	  " INSERT INTO indicator_actual (indicator_id, fy, num)"
	  " SELECT MAX(id), 2024, 4 FROM indicator" },
	{ "indicators shifted", "UPDATE indicator SET ord = ord + 1"
	  " WHERE plan_id = (SELECT MIN(id) FROM plan) AND ord > 1" },
	{ "names", "UPDATE indicator SET name = 'あ' || name WHERE id % 4 = 3" },
	{ "categories", "UPDATE indicator SET category = CASE id % 3"
	  " WHEN 0 THEN '成果' WHEN 1 THEN '活動' ELSE category END"
	  " WHERE id % 2 = 1" },
	{ "an indicator moved to another plan", "UPDATE indicator SET"
	  " plan_id = (SELECT MAX(id) FROM plan), node_id = NULL,"
	  " ord = 9999 WHERE id = (SELECT MAX(id) FROM indicator WHERE"
	  " plan_id = (SELECT MIN(id) FROM plan))" },
	{ "an indicator deleted", "DELETE FROM indicator WHERE id ="
	  " (SELECT MIN(id) FROM indicator WHERE id % 2 = 1)" },
	{ "a node deleted", "DELETE FROM node WHERE id = (SELECT MIN(node_id)"
	  " FROM indicator)" },
};

TEST(test_kept_rates_equal_a_fresh_computation)
{
	struct store	*st;
	sqlite3		*db;
	char		*sql;
	size_t		 i;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	db = store_db(st);
	/* The import keeps the year today falls in (no year is open). */
	sql = xasprintf("SELECT COUNT(*) FROM indicator_fig_year WHERE fy = %d",
	    fy_of_time(time(NULL), 4));
	CHECK_INT(q_long(db, sql), (long)NSAMPLES);
	free(sql);
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM indicator_fig_year"),
	    (long)NSAMPLES);
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM indicator_fig"),
	    q_long(db, "SELECT COUNT(*) FROM indicator"));
	/* Every year kept, then every kind of write. */
	CHECK_INT(keep_all(st), 0);
	CHECK_INT(compare(st, "keeping every year"), 0);
	for (i = 0; i < sizeof writes / sizeof writes[0]; i++) {
		write_sql(st, writes[i].sql);
		if (compare(st, writes[i].what) != 0)
			FAIL_AT("%s: kept rates differ", writes[i].what);
		CHECK_INT(q_long(db, "SELECT COUNT(*) FROM indicator_fig_stale"),
		    0);
	}
	/* The rates compared were many, and sorted with ties. */
	CHECK(q_long(db, "SELECT COUNT(DISTINCT up) FROM indicator_fig"
	    " WHERE norate = 0") > 5);
	CHECK(q_long(db, "SELECT COUNT(*) FROM (SELECT 1 FROM indicator_fig"
	    " WHERE norate = 0 GROUP BY plan_id, fy, up HAVING COUNT(*) > 1)")
	    > 0);
	/* An import of a plan again, and one that replaces it. */
	CHECK_INT(load(st, samples + 3, 1, 1), 0);
	CHECK_INT(keep_all(st), 0);
	CHECK_INT(compare(st, "import --replace"), 0);
	/* Written behind the store's back: marked, not computed, so the
	 * list computes every row rather than trust what is kept. */
	sqlite3_exec(db, "UPDATE indicator_actual SET num = num + 1", NULL,
	    NULL, NULL);
	CHECK(q_long(db, "SELECT COUNT(*) FROM indicator_fig_stale") > 0);
	CHECK_INT(store_indfig_kept(st, q_long(db, "SELECT MIN(id) FROM plan"),
	    2024), 0);
	/* An indicator deleted by a program that does not enforce foreign
	 * keys: its rows go all the same. */
	sqlite3_exec(db, "PRAGMA foreign_keys = OFF; DELETE FROM indicator"
	    " WHERE id = (SELECT MAX(id) FROM indicator);"
	    " PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	CHECK_INT(q_long(db, "SELECT COUNT(*) FROM indicator_fig f WHERE NOT"
	    " EXISTS (SELECT 1 FROM indicator i WHERE i.id = f.indicator_id)"),
	    0);
	/* The store's next write computes them again. */
	write_sql(st, "UPDATE fiscal_year SET is_open = 1 WHERE fy = 2025");
	CHECK_INT(compare(st, "the next write"), 0);
	store_close(st);
}

/* The store's own writes: the actual form's save and a year opened. */
TEST(test_store_writes_keep_the_rates)
{
	struct store		*st;
	struct actual_entry	*e = NULL, *cur = NULL;
	sqlite3			*db;
	char			*cause = NULL, *sql;
	long long		 ind, plan;
	int			 changed;

	if ((st = sample_store(samples + 3, 1)) == NULL)
		return;
	db = store_db(st);
	CHECK_INT(store_user_put(st, "kikaku", "企画", ROLE_PLANNER, NULL, 0,
	    &cause), 0);
	/* A year opened is kept from then on. */
	plan = q_long(db, "SELECT MIN(id) FROM plan");
	CHECK_INT(store_indfig_kept(st, plan, 2024), 0);
	CHECK_INT(store_year_set_open(st, 2024, 1, "kikaku", &changed, &cause),
	    0);
	CHECK_INT(store_indfig_kept(st, plan, 2024), 1);
	CHECK_INT(compare_year(st, plan, 2024, "a year opened"), 0);
	/* An indicator its department reports on its own, rising. */
	ind = q_long(db, "SELECT MIN(indicator_id) FROM indicator_target"
	    " WHERE fy = 2024 AND num > 0");
	CHECK(ind > 0);
	sql = xasprintf("UPDATE indicator SET direction = 'up', dept_id ="
	    " (SELECT MIN(id) FROM department) WHERE id = %lld", ind);
	write_sql(st, sql);
	free(sql);
	CHECK_INT(compare_year(st, plan, 2024, "a direction given"), 0);
	CHECK_INT(store_actual_load(st, ind, 2024, &e, &cause), 0);
	if (e == NULL) {
		store_close(st);
		return;
	}
	value_clear(&e->actual);
	e->actual.kind = VALUE_NUMBER;
	e->actual.num = 12345;
	CHECK_INT(store_actual_save(st, e, "kikaku", e->ver, &cur, &cause), 0);
	sql = xasprintf("SELECT norate FROM indicator_fig WHERE fy = 2024"
	    " AND indicator_id = %lld", ind);
	CHECK_INT(q_long(db, sql), 0);
	free(sql);
	CHECK_INT(compare_year(st, plan, 2024, "an actual saved"), 0);
	store_actual_free(cur);
	if (cause != NULL)
		fprintf(stderr, "%s\n", cause);
	free(cause);
	store_actual_free(e);
	store_close(st);
}

/* A write straight to the file, behind the store's back. */
static void
raw_mark(sqlite3 *db, const char *sql)
{
	CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
}

/* A file of actual values for a plan already in the file: the rates of
 * the indicators it gives values to are computed again at its commit,
 * of every year kept, running totals' included; no other's. */
TEST(test_results_file_keeps_the_rates)
{
	struct store	*st;
	sqlite3		*db;
	char		*path;

	if ((st = sample_store(samples, NSAMPLES)) == NULL)
		return;
	db = store_db(st);
	write_sql(st, "UPDATE indicator SET cumulative = 1, direction = 'up'"
	    " WHERE id % 2 = 0");
	CHECK_INT(keep_all(st), 0);
	CHECK_INT(compare(st, "running totals"), 0);
	if ((path = results_file(db, "results.csv")) == NULL) {
		store_close(st);
		return;
	}
	/* A mark no computation gives, on an indicator of another plan. */
	raw_mark(db, "UPDATE indicator_fig SET up = up + 1000 WHERE"
	    " indicator_id = (SELECT min(i.id) FROM indicator i JOIN plan p"
	    " ON p.id = i.plan_id WHERE p.code <> 'yuki-ap')");
	raw_mark(db, "CREATE TEMP TABLE before AS SELECT * FROM indicator_fig");
	CHECK_INT(load(st, (const char *const *)&path, 1, 0), 0);
	/* The file's values changed rates of many years. */
	CHECK(q_long(db, "SELECT count(*) FROM (SELECT indicator_id, fy, up"
	    " FROM indicator_fig EXCEPT SELECT indicator_id, fy, up"
	    " FROM temp.before)") > 5);
	CHECK_INT(q_long(db, "SELECT count(*) FROM indicator_fig"
	    " WHERE up >= 1000"), (long)(LAST_FY - FIRST_FY + 1));
	raw_mark(db, "UPDATE indicator_fig SET up = up - 1000"
	    " WHERE up >= 1000");
	CHECK_INT(compare(st, "a file of actual values"), 0);
	CHECK_INT(q_long(db, "SELECT count(*) FROM indicator_fig_stale"), 0);
	unlink(path);
	free(path);
	store_close(st);
}

int
main(void)
{
	if (sample_dir_make("rates") != 0)
		return 1;
	RUN(test_kept_rates_equal_a_fresh_computation);
	RUN(test_store_writes_keep_the_rates);
	RUN(test_results_file_keeps_the_rates);
	sample_dir_remove();
	DONE();
}
