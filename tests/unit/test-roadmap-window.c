/*
 * The roadmap a window at a time (store_roadmap_rows, store_roadmap_count)
 * gives the rows the whole roadmap gives (store_roadmap_load), filtered as
 * the screen filters them: items passing the filters under the headings
 * of their groups (a filter prepared once, its windows slices of it; a
 * status alone read by window from the figures kept, and again with
 * none kept). A status is of the items of the year: some items have a
 * period of their own, or their policy's, that leaves the year out. A
 * plan of three levels, with a heading that has no items, a level whose
 * display order is not the order of insertion (so plan order is the
 * tree's, not the order column's), flags, departments and results of a
 * year, is read every way the screen reads it: forward and backward in
 * windows of every size, from each row shown, and from the place of
 * every node.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "harness.h"
#include "shisaku/store-sheet.h"
#include "shisaku/store.h"
#include "shisaku/textwidth.h"
#include "shisaku/util.h"
#include "shisaku/vocab.h"

static char tmpl[] = "/tmp/shisaku-test-roadmap-window-XXXXXX";
static char *dbpath;
static struct store *st;
static long long plan_id, flat_id;
/* The nodes of the year whose rows are checked (in_year_read). */
static long long *in_year;
static size_t nin_year;

static char *
plan_text(void)
{
	char	*text = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&text, &len);
	int	 b, p, i, k = 0;
	static const char *const st_words[] = { "未着手", "実施中", "完了",
	    "延期", "中止" };

	fputs("shisaku-plan,1\n"
	    "plan,p,計画,2021,2025,県,\n"
	    "level,p,1,基本施策\nlevel,p,2,分野施策\nlevel,p,3,取組\n"
	    "flag,p,lead,リーディング,★\nflag,p,key,重点,◎\n"
	    "dept,D0,課0,県,\ndept,D1,課1,県,\ndept,D2,課2,県,\n", f);
	for (b = 0; b < 4; b++) {
		fprintf(f, "node,p,%d,,%d,基本%d,,,,,,\n", b, b + 1, b);
		for (p = 0; p < 3; p++) {
			fprintf(f, "node,p,%d-%d,%d,%d-%d,分野%d-%d,,%s,,,\n", b,
			    p, b, b + 1, p + 1, b, p, b == 3 && p == 2 ?
			    "2021,2022" : ",");
			/* A heading in D1's charge: not an item shown. */
			if (p == 1)
				fprintf(f, "assign,p,%d-%d,D1,1,,\n", b, p);
			/* 基本2's 分野1 has no items. */
			for (i = 0; b == 2 && p == 1 ? 0 : i < 4; i++, k++) {
				/* Items of other years (their own period,
				 * or 3-2's, which they inherit): no status
				 * of 2023 is theirs, 未入力 included. */
				fprintf(f, "node,p,x%d,%d-%d,No.%d,取組%d,,%s,,,\n",
				    k, b, p, k, k, k % 11 == 4 ? "2024,2025" :
				    k % 11 == 8 ? "2021,2022" : ",");
				if (k % 5 == 0)
					fprintf(f, "mark,p,x%d,lead\n", k);
				if (k % 3 == 1)
					fprintf(f, "mark,p,x%d,key\n", k);
				fprintf(f, "assign,p,x%d,D%d,1,,\n", k, k % 7 == 0 ?
				    1 : k % 3 == 0 ? 2 : 0);
				/* D1 of other items in other years only: not
				 * in charge in 2023. */
				if (k % 13 == 6)
					fprintf(f, "assign,p,x%d,D1,,2021,2022\n",
					    k);
				if (k % 13 == 9)
					fprintf(f, "assign,p,x%d,D1,,2024,\n", k);
				fprintf(f, "yearplan,p,x%d,2022,2023,計画%s\n", k,
				    k % 6 == 2 ? "の見直し" : "");
				if (k % 4 != 3)
					fprintf(f, "result,p,x%d,2023,%s,,下書き,,,,,,,\n",
					    k, st_words[k % 5]);
			}
		}
	}
	/* A plan of one level beside it: its items are its roots, whose
	 * orders interleave with the first plan's roots. */
	fputs("plan,q,一層の計画,2021,2025,県,\nlevel,q,1,実施項目\n", f);
	for (i = 0; i < 30; i++) {
		fprintf(f, "node,q,y%d,,%d,項目%d,,%s,,,\n", i, i + 1, i,
		    i % 7 == 3 ? "2024,2025" : ",");
		fprintf(f, "yearplan,q,y%d,2022,2023,計画の見直し\n", i);
		if (i % 3 != 2)
			fprintf(f, "result,q,y%d,2023,%s,,下書き,,,,,,,\n", i,
			    st_words[i % 5]);
	}
	fclose(f);
	return text;
}

static int
cmp_ll(const void *a, const void *b)
{
	long long	x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static int
in(const long long *v, size_t n, long long id)
{
	return n > 0 && bsearch(&id, v, n, sizeof id, cmp_ll) != NULL;
}

/* The nodes of plan whose period, else the nearest one above them, else
 * the plan's, includes fy, into in_year. */
static void
in_year_read(long long plan, int fy)
{
	sqlite3		*db;
	sqlite3_stmt	*q;
	size_t		 cap = 0;

	free(in_year);
	in_year = NULL;
	nin_year = 0;
	CHECK(sqlite3_open(dbpath, &db) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(db, "SELECT n.id FROM node n"
	    " JOIN plan p ON p.id = n.plan_id"
	    " LEFT JOIN node a1 ON a1.id = n.parent_id"
	    " LEFT JOIN node a2 ON a2.id = a1.parent_id WHERE n.plan_id = ?1"
	    " AND coalesce(n.first_fy, a1.first_fy, a2.first_fy, p.first_fy,"
	    " ?2) <= ?2 AND coalesce(n.last_fy, a1.last_fy, a2.last_fy,"
	    " p.last_fy, ?2) >= ?2 ORDER BY n.id", -1, &q, NULL) == SQLITE_OK);
	sqlite3_bind_int64(q, 1, plan);
	sqlite3_bind_int(q, 2, fy);
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (nin_year == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			in_year = xreallocarray(in_year, cap, sizeof *in_year);
		}
		in_year[nin_year++] = sqlite3_column_int64(q, 0);
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
}

/* Runs SQL on the file, as another program would. */
static void
sql_exec(const char *sql, long long a)
{
	sqlite3		*db;
	sqlite3_stmt	*q;

	CHECK(sqlite3_open(dbpath, &db) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(db, sql, -1, &q, NULL) == SQLITE_OK);
	sqlite3_bind_int64(q, 1, a);
	CHECK_INT(sqlite3_step(q), SQLITE_DONE);
	CHECK(sqlite3_changes(db) > 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
}

static int
item_passes(const struct roadmap_row *r, const struct roadmap_filter *f)
{
	if (f->has_dept && !in(f->dept_nodes, f->ndept_nodes, r->node_id))
		return 0;
	if (f->has_flag && !in(f->flag_nodes, f->nflag_nodes, r->node_id))
		return 0;
	/* A status is of the items of the year, 未入力 too. */
	if ((f->status_none || f->status != NULL) &&
	    !in(in_year, nin_year, r->node_id))
		return 0;
	if (f->status_none)
		return !r->has_result;
	if (f->status != NULL)
		return r->status != NULL && strcmp(r->status, f->status) == 0;
	return 1;
}

/* The roadmap's rows passing the filter, as the screen used to build them
 * from the whole roadmap. */
static long long *
expected(const struct roadmap *rm, const struct roadmap_filter *f,
    size_t *n, size_t *items)
{
	long long	*v = xcalloc(rm->nrows + 1, sizeof *v);
	size_t		 i, k, stack[8], nstack = 0, nshown = 0;
	int		 filtered = f->has_dept || f->has_flag ||
			    f->status != NULL || f->status_none;

	*n = 0;
	*items = 0;
	for (i = 0; i < rm->nrows; i++) {
		const struct roadmap_row	*r = &rm->rows[i];

		if (!filtered) {
			v[(*n)++] = r->node_id;
			*items += r->is_item;
			continue;
		}
		while (nstack > 0 && rm->rows[stack[nstack - 1]].depth >=
		    r->depth)
			nstack--;
		if (nshown > nstack)
			nshown = nstack;
		if (!r->is_item) {
			if (nstack < 8)
				stack[nstack++] = i;
			continue;
		}
		if (!item_passes(r, f))
			continue;
		for (k = nshown; k < nstack; k++)
			v[(*n)++] = rm->rows[stack[k]].node_id;
		nshown = nstack;
		v[(*n)++] = r->node_id;
		(*items)++;
	}
	return v;
}

/* Reads forward from the start (or backward from the end) in windows of
 * size w and checks the rows against want. */
static void
walk(const struct roadmap *head, const struct roadmap_filter *f,
    const long long *want, size_t nwant, size_t w, int dir, const char *what)
{
	struct roadmap_row	*rows;
	long long		 from = 0;
	size_t			 got = 0, n, i;
	char			*cause = NULL;
	int			 guard;

	for (guard = 0; guard < 1000; guard++) {
		if (store_roadmap_rows(st, head, f, from, 0, dir, w, &rows, &n,
		    &cause) != 0) {
			FAIL_AT("%s: %s", what, cause);
			free(cause);
			return;
		}
		if (n == 0) {
			store_roadmap_rows_free(rows, n);
			break;
		}
		if (n > w || got + n > nwant) {
			FAIL_AT("%s w=%zu dir=%d: %zu rows too many", what, w,
			    dir, n);
			store_roadmap_rows_free(rows, n);
			return;
		}
		for (i = 0; i < n; i++) {
			size_t	at = dir > 0 ? got + i : nwant - got - n + i;

			if (rows[i].node_id != want[at])
				FAIL_AT("%s w=%zu dir=%d row %zu: node %lld,"
				    " want %lld", what, w, dir, at,
				    rows[i].node_id, want[at]);
		}
		from = dir > 0 ? rows[n - 1].node_id : rows[0].node_id;
		got += n;
		store_roadmap_rows_free(rows, n);
	}
	CHECK_INT(got, nwant);
}

/* The search's hits among the rows want shows: from every row, the next
 * and the previous hit, round to the row itself. */
static void
check_hits(const struct roadmap *full, const struct roadmap *head,
    const struct roadmap_filter *f, const long long *want, size_t nwant,
    const char *needle, const char *what)
{
	struct roadmap_hits	*h = NULL;
	unsigned char		*match;
	size_t			 j, k, m;
	long long		 got;
	int			 in_cell, wrapped, rc, dir, nmatch = 0;
	char			*cause = NULL;

	if (store_roadmap_hits(st, head, needle, &h, &cause) != 0) {
		FAIL_AT("%s: hits: %s", what, cause);
		free(cause);
		return;
	}
	match = xcalloc(nwant + 1, 1);
	for (j = 0; j < nwant; j++) {
		const struct roadmap_row	*r = NULL;

		for (k = 0; k < full->nrows; k++)
			if (full->rows[k].node_id == want[j])
				r = &full->rows[k];
		if (r == NULL)
			continue;
		if (tw_contains(r->code, needle) || tw_contains(r->title,
		    needle))
			match[j] = 1;
		else if (r->is_item) {
			int	hit = 0;

			CHECK_INT(store_roadmap_has_text(st, r->node_id, needle,
			    &hit, &cause), 0);
			match[j] = (unsigned char)hit;
		}
		nmatch += match[j];
	}
	for (j = 0; j < nwant; j++)
		for (dir = -1; dir <= 1; dir += 2) {
			rc = store_roadmap_hits_next(st, head, h, f, want[j], dir,
			    &got, &in_cell, &wrapped, &cause);
			if (rc < 0) {
				FAIL_AT("%s: next: %s", what, cause);
				free(cause);
				cause = NULL;
				continue;
			}
			for (m = 1; m <= nwant; m++) {
				k = dir > 0 ? (j + m) % nwant :
				    (j + nwant - m) % nwant;
				if (match[k])
					break;
			}
			if (m > nwant) {
				if (rc != 0)
					FAIL_AT("%s %s: from %zu: a hit where"
					    " none is", what, needle, j);
			} else if (rc != 1 || got != want[k])
				FAIL_AT("%s %s: from row %zu dir %d: %lld, want"
				    " %lld", what, needle, j, dir, got, want[k]);
			else if (wrapped != (dir > 0 ? k <= j : k >= j))
				FAIL_AT("%s %s: from row %zu dir %d: wrapped %d",
				    what, needle, j, dir, wrapped);
		}
	(void)nmatch;
	free(match);
	store_roadmap_hits_free(h);
}

static void
check_filter(const struct roadmap *full, const struct roadmap *head,
    struct roadmap_filter *f, const char *what)
{
	struct roadmap_row	*rows;
	long long		*want;
	size_t			 nwant, items, cnt = 0, w, i, j, n, pos;
	char			*cause = NULL;

	want = expected(full, f, &nwant, &items);
	if (store_roadmap_filter_prepare(st, head, f, &cause) != 0) {
		FAIL_AT("%s: prepare: %s", what, cause);
		free(cause);
		cause = NULL;
	}
	if (store_roadmap_count(st, head, f, &cnt, &cause) != 0) {
		FAIL_AT("%s: count: %s", what, cause);
		free(cause);
	}
	if (cnt != items)
		FAIL_AT("%s: count %zu, want %zu", what, cnt, items);
	for (w = 1; w <= 8; w++) {
		walk(head, f, want, nwant, w, 1, what);
		walk(head, f, want, nwant, w, -1, what);
	}
	/* From the place of every node: the rows shown from there on. */
	for (i = 0; i < full->nrows; i++) {
		/* The first row shown at or after node i in plan order. */
		pos = nwant;
		for (j = 0; j < nwant && pos == nwant; j++) {
			size_t	k;

			for (k = i; k < full->nrows; k++)
				if (full->rows[k].node_id == want[j])
					break;
			if (k < full->nrows) {
				size_t	m;

				/* want[j] at or after node i? */
				for (m = 0; m < i; m++)
					if (full->rows[m].node_id == want[j])
						break;
				if (m == i)
					pos = j;
			}
		}
		if (store_roadmap_rows(st, head, f, full->rows[i].node_id, 1, 1,
		    3, &rows, &n, &cause) != 0) {
			FAIL_AT("%s: from %zu: %s", what, i, cause);
			free(cause);
			continue;
		}
		for (j = 0; j < n; j++)
			if (pos + j >= nwant || rows[j].node_id != want[pos + j])
				FAIL_AT("%s: from node %zu, row %zu: %lld", what,
				    i, j, rows[j].node_id);
		if (n != (nwant - pos < 3 ? nwant - pos : 3))
			FAIL_AT("%s: from node %zu: %zu rows", what, i, n);
		store_roadmap_rows_free(rows, n);
	}
	/* Backward from each row shown. */
	for (j = 0; j < nwant; j++) {
		if (store_roadmap_rows(st, head, f, want[j], 0, -1, 2, &rows,
		    &n, &cause) != 0) {
			FAIL_AT("%s: before %zu: %s", what, j, cause);
			free(cause);
			continue;
		}
		if (n != (j < 2 ? j : 2))
			FAIL_AT("%s: before row %zu: %zu rows", what, j, n);
		for (i = 0; i < n && n <= j; i++)
			if (rows[i].node_id != want[j - n + i])
				FAIL_AT("%s: before row %zu: row %zu", what, j, i);
		store_roadmap_rows_free(rows, n);
	}
	check_hits(full, head, f, want, nwant, "見直し", what);
	check_hits(full, head, f, want, nwant, "取組1", what);
	check_hits(full, head, f, want, nwant, "ない語", what);
	free(want);
	store_roadmap_filter_clear(f);
}

/* Each status alone, and none, in the year of head. */
static void
check_statuses(const struct roadmap *full, const struct roadmap *head,
    const char *what)
{
	struct roadmap_filter	f;
	char			name[128];
	int			s;

	for (s = 0; s < 5; s++) {
		memset(&f, 0, sizeof f);
		f.status = vocab_nth(VOCAB_STATUS, s);
		snprintf(name, sizeof name, "%s, %s", f.status, what);
		check_filter(full, head, &f, name);
	}
	memset(&f, 0, sizeof f);
	f.status_none = 1;
	snprintf(name, sizeof name, "none, %s", what);
	check_filter(full, head, &f, name);
}

/* In head's year (2023), item x0 (未着手) given 実施中 by another program
 * after the filter to 実施中 was chosen. */
static void
check_read_when_shown(const struct roadmap *head)
{
	struct roadmap_filter	 f;
	struct roadmap_row	*rows = NULL;
	size_t			 before = 0, after = 0, n = 0, i;
	char			*cause = NULL;
	int			 seen = 0, heads = 0;

	memset(&f, 0, sizeof f);
	f.status = "in_progress";
	CHECK_INT(store_roadmap_filter_prepare(st, head, &f, &cause), 0);
	CHECK_INT(store_roadmap_count(st, head, &f, &before, &cause), 0);
	sql_exec("UPDATE result SET status = 'in_progress' WHERE fy = 2023"
	    " AND status = 'not_started' AND node_id = (SELECT id FROM node"
	    " WHERE plan_id = ?1 AND key = 'x0')", plan_id);
	CHECK_INT(store_roadmap_count(st, head, &f, &after, &cause), 0);
	CHECK_INT(after, before + 1);
	CHECK_INT(store_roadmap_rows(st, head, &f, 0, 0, 1, 100, &rows, &n,
	    &cause), 0);
	/* 基本0 and 分野0-0 above it, then x0. */
	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].code, "No.0") == 0)
			seen = 1;
		if (i < 2 && !rows[i].is_item)
			heads++;
	}
	CHECK(seen);
	CHECK_INT(heads, 2);
	CHECK(n >= 3 && strcmp(rows[2].code, "No.0") == 0);
	store_roadmap_rows_free(rows, n);
	store_roadmap_filter_clear(&f);
	free(cause);
}

TEST(test_windows)
{
	struct roadmap		*full = NULL, *head = NULL;
	struct roadmap_filter	 f;
	struct roadmap_row	 r;
	long long		*dept = NULL, *flag = NULL, d1 = 0;
	size_t			 ndept = 0, nflag = 0, i, s;
	char			*cause = NULL;
	sqlite3			*db;

	CHECK_INT(store_roadmap_load(st, plan_id, 2023, &full, &cause), 0);
	CHECK_INT(store_roadmap_head(st, plan_id, 2023, &head, &cause), 0);
	if (full == NULL || head == NULL)
		goto out;
	in_year_read(plan_id, 2023);
	/* (Items of other years are there to be left out.) */
	CHECK_INT(full->nrows - nin_year, 12);
	CHECK_INT(head->max_depth, 3);
	CHECK_INT(head->nflags, 2);
	CHECK_STR(head->plan_name, "計画");
	CHECK_INT(head->first_fy, 2021);
	CHECK_INT(head->nrows, 0);
	/* One row as the whole roadmap has it. */
	CHECK_INT(store_roadmap_row(st, head, full->rows[2].node_id, &r,
	    &cause), 0);
	CHECK_STR(r.title, full->rows[2].title);
	CHECK_STR(r.level, full->rows[2].level);
	CHECK_INT(r.flags, full->rows[2].flags);
	CHECK_INT(r.has_result, full->rows[2].has_result);
	store_roadmap_rows_free(NULL, 0);
	free(r.code);
	free(r.title);
	free(r.level);

	memset(&f, 0, sizeof f);
	check_filter(full, head, &f, "all");

	CHECK(sqlite3_open(dbpath, &db) == SQLITE_OK);
	/* A node D1 is in charge of twice (another program wrote it). */
	CHECK(sqlite3_exec(db, "INSERT INTO node_dept (node_id, dept_id,"
	    " is_main, ord) SELECT node_id, dept_id, 0, ord + 10 FROM node_dept"
	    " WHERE dept_id = (SELECT id FROM department WHERE code = 'D1')"
	    " AND from_fy IS NULL ORDER BY node_id DESC LIMIT 2", NULL, NULL,
	    NULL) == SQLITE_OK);
	CHECK_INT(sqlite3_changes(db), 2);
	{
		sqlite3_stmt	*q;

		sqlite3_prepare_v2(db, "SELECT id FROM department WHERE"
		    " code = 'D1'", -1, &q, NULL);
		if (sqlite3_step(q) == SQLITE_ROW)
			d1 = sqlite3_column_int64(q, 0);
		sqlite3_finalize(q);
	}
	sqlite3_close(db);
	CHECK_INT(store_plan_dept_nodes(st, plan_id, d1, 2023, &dept, &ndept,
	    &cause), 0);
	CHECK(ndept > 0);
	CHECK_INT(store_roadmap_flag_nodes(st, head->flags[0].id, &flag, &nflag,
	    &cause), 0);
	CHECK(nflag > 0);

	memset(&f, 0, sizeof f);
	f.has_dept = 1;
	f.dept_nodes = dept;
	f.ndept_nodes = ndept;
	check_filter(full, head, &f, "dept");
	/* The same with the department named: its assignments read. */
	f.dept_id = d1;
	check_filter(full, head, &f, "dept by its assignments");
	memset(&f, 0, sizeof f);
	f.has_flag = 1;
	f.flag_nodes = flag;
	f.nflag_nodes = nflag;
	check_filter(full, head, &f, "flag");
	for (s = 0; s < 5; s++) {
		memset(&f, 0, sizeof f);
		f.status = vocab_nth(VOCAB_STATUS, (int)s);
		check_filter(full, head, &f, f.status);
		f.has_flag = 1;
		f.flag_nodes = flag;
		f.nflag_nodes = nflag;
		check_filter(full, head, &f, "flag+status");
		memset(&f, 0, sizeof f);
		f.status = vocab_nth(VOCAB_STATUS, (int)s);
		f.has_dept = 1;
		f.dept_nodes = dept;
		f.ndept_nodes = ndept;
		f.dept_id = d1;
		check_filter(full, head, &f, "dept+status");
	}
	memset(&f, 0, sizeof f);
	f.status_none = 1;
	check_filter(full, head, &f, "none");
	f.has_dept = 1;
	f.dept_nodes = dept;
	f.ndept_nodes = ndept;
	check_filter(full, head, &f, "none+dept");
	f.dept_id = d1;
	check_filter(full, head, &f, "none+dept by its assignments");
	f.has_flag = 1;
	f.flag_nodes = flag;
	f.nflag_nodes = nflag;
	check_filter(full, head, &f, "none+dept+flag");
	/* A filter nothing passes. */
	memset(&f, 0, sizeof f);
	f.has_flag = 1;
	check_filter(full, head, &f, "nothing");

	/* A status alone is read when shown, from the figures kept: a
	 * result another program gives the status after the filter was
	 * chosen is counted and shown, with its headings. */
	check_read_when_shown(head);
	/* The same filters without the figures kept: read when chosen. */
	store_roadmap_free(full);
	full = NULL;
	CHECK_INT(store_roadmap_load(st, plan_id, 2023, &full, &cause), 0);
	if (full == NULL)
		goto out;
	sql_exec("DELETE FROM plan_fig WHERE plan_id = ?1 AND fy = 2023",
	    plan_id);
	check_statuses(full, head, "prepared");

	/* A filter must be prepared. */
	{
		struct roadmap_row	*rows;
		size_t			 n;

		memset(&f, 0, sizeof f);
		f.status_none = 1;
		CHECK_INT(store_roadmap_rows(st, head, &f, 0, 0, 1, 5, &rows,
		    &n, &cause), -1);
		free(cause);
		cause = NULL;
	}
	/* A node that does not exist. */
	{
		struct roadmap_row	*rows;
		size_t			 n;

		CHECK_INT(store_roadmap_rows(st, head, NULL, 999999, 0, 1, 5,
		    &rows, &n, &cause), -1);
		free(cause);
		cause = NULL;
	}
	/* A year no plan has a result of: every item 未入力, none of any
	 * status (read without looking for results). */
	store_roadmap_free(full);
	store_roadmap_free(head);
	full = head = NULL;
	CHECK_INT(store_roadmap_load(st, plan_id, 2024, &full, &cause), 0);
	CHECK_INT(store_roadmap_head(st, plan_id, 2024, &head, &cause), 0);
	if (full == NULL || head == NULL)
		goto out;
	in_year_read(plan_id, 2024);
	check_statuses(full, head, "a year of no result");
	sql_exec("DELETE FROM plan_fig WHERE plan_id = ?1 AND fy = 2024",
	    plan_id);
	check_statuses(full, head, "a year of no result, prepared");
	(void)i;
out:
	free(dept);
	free(flag);
	free(cause);
	store_roadmap_free(full);
	store_roadmap_free(head);
}

/*
 * The roadmap of a plan of one level, whose roots are its items and no
 * heading: every way of reading it, unfiltered and by status, gives its
 * rows; its roots are found among the other plan's, whose orders
 * interleave with them (and the other plan's walks in test_windows never
 * step onto them).
 */
TEST(test_one_level)
{
	struct roadmap		*full = NULL, *head = NULL;
	struct roadmap_filter	 f;
	char			*cause = NULL;

	CHECK_INT(store_roadmap_load(st, flat_id, 2023, &full, &cause), 0);
	CHECK_INT(store_roadmap_head(st, flat_id, 2023, &head, &cause), 0);
	if (full == NULL || head == NULL)
		goto out;
	CHECK_INT(head->max_depth, 1);
	CHECK_INT(full->nrows, 30);
	in_year_read(flat_id, 2023);
	CHECK_INT(nin_year, 26);
	memset(&f, 0, sizeof f);
	check_filter(full, head, &f, "one level");
	/* (Read when chosen: no heading counts the items.) */
	check_statuses(full, head, "one level");
out:
	free(cause);
	store_roadmap_free(full);
	store_roadmap_free(head);
}

int
main(void)
{
	struct store_plan_row	*rows = NULL;
	size_t			 n = 0;
	char			*cause = NULL, *text;
	sqlite3			*db;

	text = plan_text();
	st = fixture_setup(tmpl, text, NULL, &dbpath);
	free(text);
	if (st == NULL)
		return 1;
	if (store_plan_list(st, &rows, &n, &cause) == 0 && n == 2) {
		plan_id = strcmp(rows[0].code, "p") == 0 ? rows[0].id :
		    rows[1].id;
		flat_id = strcmp(rows[0].code, "q") == 0 ? rows[0].id :
		    rows[1].id;
	}
	store_plan_rows_free(rows, n);
	free(cause);
	/* Siblings whose order is not the order they were made in, and a
	 * field policy whose order comes after some of the next one's
	 * items: plan order follows the tree. */
	if (sqlite3_open(dbpath, &db) != SQLITE_OK)
		return 1;
	sqlite3_exec(db, "UPDATE node SET ord = 1000 - ord WHERE key IN"
	    " ('1-0', '1-1', '1-2', 'x14', 'x15', 'x16');"
	    "UPDATE node SET ord = (SELECT ord FROM node WHERE key = 'x30') + 0"
	    " WHERE key = '3-1';", NULL, NULL, NULL);
	sqlite3_close(db);

	/* (The plans' roots interleave in order, as they must for
	 * test_one_level to mean anything.) */
	CHECK(plan_id != 0 && flat_id != 0);
	if (sqlite3_open(dbpath, &db) != SQLITE_OK)
		return 1;
	{
		sqlite3_stmt	*q;
		int		 between = 0;

		sqlite3_prepare_v2(db, "SELECT count(*) FROM node q"
		    " WHERE q.plan_id = ?1 AND q.parent_id IS NULL AND q.ord >"
		    " (SELECT min(ord) FROM node WHERE plan_id = ?2 AND"
		    " parent_id IS NULL) AND q.ord < (SELECT max(ord) FROM node"
		    " WHERE plan_id = ?2 AND parent_id IS NULL)", -1, &q, NULL);
		sqlite3_bind_int64(q, 1, flat_id);
		sqlite3_bind_int64(q, 2, plan_id);
		if (sqlite3_step(q) == SQLITE_ROW)
			between = sqlite3_column_int(q, 0);
		sqlite3_finalize(q);
		CHECK(between > 0);
	}
	sqlite3_close(db);

	RUN(test_windows);
	RUN(test_one_level);

	free(in_year);
	fixture_teardown(st, tmpl, dbpath);
	DONE();
}
