/*
 * A plan's items counted for several fiscal years in one read (see
 * store-figs.h): what an import keeps for the plans list's years. Counted
 * a year at a time, every item and its three ancestors were read once a
 * year; here each is read once, its results of all the years beside it,
 * and the years are told apart in C by the same rules as the SQL of one
 * year (BROWSE_IN_YEAR, BROWSE_PLANNED).
 */
#include <stdlib.h>

#include <sqlite3.h>

#include "shisaku/store-figs.h"
#include "shisaku/store-internal.h"
#include "shisaku/util.h"

/*
 * The items of plan ?1 at depth ?3 in the plan's order, with their
 * period's ends and the headings above them; and, for an item no period
 * reaches, the years of ?4 (a JSON array of at most 63) it plans
 * something in, as bits by place in the array (-1: all of them).
 */
static const char figs_years_sql_items[] =
	"SELECT n.id, " BROWSE_FIRST ", " BROWSE_LAST ","
	" n.parent_id, a1.parent_id, a2.parent_id,"
	" (CASE WHEN " STORE_HAS_PERIOD " THEN -1 ELSE (SELECT coalesce(sum(1 << j.key), 0)"
	"  FROM json_each(?4) j WHERE (CASE" BROWSE_PLANS_IN("j.value")
	" ELSE 0 END)) END)"
	" FROM node n" BROWSE_ANCESTORS
	" WHERE n.plan_id = ?1 AND n.depth = ?3 ORDER BY n.ord, n.id";
/* Their results of the years ?2 to ?4, in the same order. */
static const char figs_years_sql_results[] =
	"SELECT n.id, r.fy, r.state, r.status, r.grade FROM node n"
	" JOIN result r ON r.node_id = n.id AND r.fy BETWEEN ?2 AND ?4"
	" WHERE n.plan_id = ?1 AND n.depth = ?3 ORDER BY n.ord, n.id, r.fy";

/* The most years counted at once: bits of a 64-bit integer. */
#define FIGS_YEARS_MAX 63

/* The years of a plan no item can be in, as bits by place. */
static int
figs_years_reach(struct store *st, long long plan_id, const int *years,
    size_t n, unsigned long long *out, char **cause)
{
	size_t	i;
	int	rc;

	*out = 0;
	for (i = 0; i < n; i++) {
		if ((rc = browse_year_out_of_reach(st, plan_id, years[i],
		    cause)) < 0)
			return -1;
		if (rc)
			*out |= 1ULL << i;
	}
	return 0;
}

/* The years as a JSON array, for json_each. */
static char *
figs_years_json(const int *years, size_t n)
{
	long long	*v = xcalloc(n + 1, sizeof *v);
	char		*json;
	size_t		 i;

	for (i = 0; i < n; i++)
		v[i] = years[i];
	json = store_ids_json(v, n);
	free(v);
	return json;
}

/* The results read beside the items: the statement and its last step
 * (SQLITE_ROW while it stands on a result; column 0 is the result's
 * node). */
struct figs_results {
	sqlite3_stmt	*s;
	int		 rc;
};

static void
figs_results_step(struct figs_results *rs)
{
	rs->rc = sqlite3_step(rs->s);
}

/* Whether the results stand on a row of node id. */
static int
figs_results_of(const struct figs_results *rs, long long id)
{
	return rs->rc == SQLITE_ROW && sqlite3_column_int64(rs->s, 0) == id;
}

/* The item the items' statement stands on, counted in each year it is in
 * with its result of that year; its result rows are stepped over. */
static void
figs_years_item(sqlite3_stmt *it, struct figs_results *rs, const int *years,
    size_t n, unsigned long long out_of_reach, struct browse_figs *f)
{
	long long		 id, up[3];
	unsigned long long	 planned;
	size_t			 i, kind;
	int			 first, last, has_first, has_last, k, nup = 0;

	id = sqlite3_column_int64(it, 0);
	has_first = sqlite3_column_type(it, 1) != SQLITE_NULL;
	has_last = sqlite3_column_type(it, 2) != SQLITE_NULL;
	first = sqlite3_column_int(it, 1);
	last = sqlite3_column_int(it, 2);
	for (k = 3; k < 6; k++)
		if (sqlite3_column_type(it, k) != SQLITE_NULL)
			up[nup++] = sqlite3_column_int64(it, k);
	planned = (unsigned long long)sqlite3_column_int64(it, 6);
	for (i = 0; i < n; i++) {
		const char *state = "", *status = "", *grade = "";
		int	    y = years[i];

		if ((out_of_reach >> i & 1) != 0 ||
		    (has_first && first > y) || (has_last && last < y))
			continue;
		/* (Results by year: those of years not counted stepped
		 * over.) */
		while (figs_results_of(rs, id) &&
		    sqlite3_column_int(rs->s, 1) < y)
			figs_results_step(rs);
		if (figs_results_of(rs, id) &&
		    sqlite3_column_int(rs->s, 1) == y) {
			state = store_col_text(rs->s, 2);
			status = store_col_text(rs->s, 3);
			grade = store_col_text(rs->s, 4);
		}
		kind = browse_figs_add(&f[i], state, status, grade,
		    (planned >> i & 1) != 0, 1);
		for (k = 0; f[i].want_up && k < nup; k++)
			browse_figs_add_up(&f[i], up[k], kind);
	}
	while (figs_results_of(rs, id))
		figs_results_step(rs);
}

int
browse_figs_count_years(struct store *st, long long plan_id,
    const int *years, size_t n, struct browse_figs *f, char **cause)
{
	struct figs_results	 rs;
	unsigned long long	 out_of_reach;
	sqlite3_stmt		*it;
	size_t			 i;
	int			 depth, rc;

	if (n == 0)
		return 0;
	if (n > FIGS_YEARS_MAX) {
		*cause = xstrdup("集計する年度が多すぎます");
		return -1;
	}
	if ((depth = browse_figs_items_depth(st, plan_id, cause)) < 0)
		return -1;
	for (i = 0; i < n; i++)
		f[i].depth = depth;
	if (figs_years_reach(st, plan_id, years, n, &out_of_reach, cause) != 0)
		return -1;
	if (out_of_reach == (1ULL << n) - 1)	/* nothing to read */
		return 0;
	/* Two statements stepped side by side: the items and their results,
	 * both in the plan's order. */
	if ((it = store_stmt(st, figs_years_sql_items, cause)) == NULL)
		return -1;
	sqlite3_bind_int64(it, 1, plan_id);
	sqlite3_bind_int(it, 3, depth);
	sqlite3_bind_text(it, 4, figs_years_json(years, n), -1, free);
	if ((rs.s = store_stmt(st, figs_years_sql_results, cause)) == NULL) {
		sqlite3_reset(it);
		sqlite3_clear_bindings(it);
		return -1;
	}
	sqlite3_bind_int64(rs.s, 1, plan_id);
	sqlite3_bind_int(rs.s, 2, years[0]);
	sqlite3_bind_int(rs.s, 3, depth);
	sqlite3_bind_int(rs.s, 4, years[n - 1]);
	figs_results_step(&rs);
	while ((rc = sqlite3_step(it)) == SQLITE_ROW &&
	    (rs.rc == SQLITE_ROW || rs.rc == SQLITE_DONE))
		figs_years_item(it, &rs, years, n, out_of_reach, f);
	sqlite3_clear_bindings(it);
	if (rs.rc != SQLITE_ROW && rs.rc != SQLITE_DONE) {
		sqlite3_reset(it);
		(void)store_read_end(st, rs.s, rs.rc, "計画一覧の読み込み",
		    cause);
		return -1;
	}
	sqlite3_reset(rs.s);
	if (store_read_end(st, it, rc, "計画一覧の読み込み", cause) != 0)
		return -1;
	for (i = 0; i < n; i++)
		browse_figs_merge_up(&f[i]);
	return 0;
}
