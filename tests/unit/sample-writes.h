/*
 * What the tests of the kept figures, rates and counts share
 * (test-plan-figures.c, test-node-figures.c, test-indicator-rates.c): the
 * sample plans and the years they load and compare, a load of plan files
 * through the store as import does it, a write of SQL through the store
 * (its commit counts or computes again what the write marked) and a read
 * of one number. Included once, after harness.h and the store's headers.
 */
#ifndef SHISAKU_TEST_SAMPLE_WRITES_H
#define SHISAKU_TEST_SAMPLE_WRITES_H

static const char *const samples[] = {
	"db/samples/omitama-dx.csv",
	"db/samples/omitama-goal1.csv",
	"db/samples/shimotsuma-goal6.csv",
	"db/samples/yuki-actionplan.csv",
};
#define NSAMPLES (sizeof samples / sizeof samples[0])

#define FIRST_FY 2019
#define LAST_FY 2032

/* The test's own directory and the database the tests make in it. */
static char tmpdir[64];
static char dbpath[128];

/* Loads the files as import does, its current year today (0: the year
 * today's date falls in). */
static int
load_at(struct store *st, const char *const *files, size_t n, int replace,
    int today)
{
	struct store_plan_loader *l;
	struct store_resolver	 res;
	struct pf_doc		 d;
	char			*cause = NULL;
	size_t			 i;
	int			 rc = 0;

	store_resolver_init(&res, st, NULL);
	pf_doc_init(&d);
	for (i = 0; i < n && rc == 0; i++)
		rc = pf_read_file(&d, files[i], PF_MAX_BYTES_DEFAULT, -1,
		    &res.res, replace);
	for (i = 0; i < d.nkept; i++)
		fprintf(stderr, "%s\n", d.errors[i]);
	if (rc == 0) {
		l = store_plan_loader_new(st, replace, "tester");
		if (today > 0)
			store_plan_loader_today(l, today);
		if (store_plan_loader_begin(l, &cause) != 0)
			rc = -1;
		for (i = 0; rc == 0 && i < d.n; i++)
			if (store_plan_loader_take(l, &d.recs[i]) != 0)
				break;
		if (rc == 0 && store_plan_loader_commit(l, &cause) != 0)
			rc = -1;
		store_plan_loader_free(l);
		if (rc != 0) {
			fprintf(stderr, "import: %s\n", cause);
			free(cause);
		}
	}
	pf_doc_free(&d);
	return rc;
}

static inline int
load(struct store *st, const char *const *files, size_t n, int replace)
{
	return load_at(st, files, n, replace, 0);
}

/* A new database at dbpath with n plan files loaded, the import's
 * current year today (0: today's date); NULL after a failed check. */
static struct store *
sample_store_at(const char *const *files, size_t n, int today)
{
	struct store	*st;
	char		*cause = NULL;

	unlink(dbpath);
	st = store_open(dbpath, STORE_OPEN_CREATE, 1000, &cause);
	if (st == NULL) {
		FAIL_AT("%s: %s", dbpath, cause);
		free(cause);
		return NULL;
	}
	if (load_at(st, files, n, 0, today) != 0) {
		FAIL_AT("the samples do not load");
		store_close(st);
		return NULL;
	}
	return st;
}

static inline struct store *
sample_store(const char *const *files, size_t n)
{
	return sample_store_at(files, n, 0);
}

/* Makes the test's directory /tmp/shisaku-test-NAME-XXXXXX with
 * dbpath NAME.db in it, and the configuration's places there. */
static int
sample_dir_make(const char *name)
{
	snprintf(tmpdir, sizeof tmpdir, "/tmp/shisaku-test-%s-XXXXXX", name);
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return -1;
	}
	snprintf(dbpath, sizeof dbpath, "%s/%s.db", tmpdir, name);
	unsetenv("SHISAKU_CONFIG");
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	setenv("HOME", tmpdir, 1);
	return 0;
}

/* Removes the test's directory with all in it. */
static void
sample_dir_remove(void)
{
	char	*cmd = xasprintf("rm -rf '%s'", tmpdir);

	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tmpdir);
	free(cmd);
}

/* Keeps with keep (one year of every plan, inside the write) every year
 * compared, in one write. */
static inline int
keep_every_year(struct store *st, int (*keep)(struct store *, int, char **))
{
	char	*cause = NULL;
	int	 fy, rc;

	if ((rc = store_begin(st, &cause)) != 0) {
		free(cause);
		return rc;
	}
	for (fy = FIRST_FY; fy <= LAST_FY && rc == 0; fy++)
		rc = keep(st, fy, &cause);
	if (rc == 0)
		rc = store_commit(st, &cause);
	else
		store_rollback(st);
	if (cause != NULL)
		fprintf(stderr, "keep: %s\n", cause);
	free(cause);
	return rc;
}

/* A write through the store: its commit counts or computes again what
 * the write marked. */
static void
write_sql(struct store *st, const char *sql)
{
	char	*cause = NULL, *err = NULL;

	if (store_begin(st, &cause) != 0) {
		FAIL_AT("%s: %s", sql, cause);
		free(cause);
		return;
	}
	if (sqlite3_exec(store_db(st), sql, NULL, NULL, &err) != SQLITE_OK) {
		FAIL_AT("%s: %s", sql, err);
		sqlite3_free(err);
		store_rollback(st);
		return;
	}
	if (store_commit(st, &cause) != 0) {
		FAIL_AT("%s: commit: %s", sql, cause);
		free(cause);
	}
}

/* The ids a query gives (its first column, ?1 bound to bind when the
 * query has it), in its order: *n of them, malloc'd (NULL for none). */
static inline long long *
q_ids(sqlite3 *db, const char *sql, long long bind, size_t *n)
{
	sqlite3_stmt	*s;
	long long	*v = NULL;

	*n = 0;
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return NULL;
	if (sqlite3_bind_parameter_count(s) > 0)
		sqlite3_bind_int64(s, 1, bind);
	while (sqlite3_step(s) == SQLITE_ROW) {
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = sqlite3_column_int64(s, 0);
	}
	sqlite3_finalize(s);
	return v;
}

/* (Silent: the problems the tests make on purpose are expected.) */
static inline void
count_problem(void *arg, const char *line)
{
	(void)line;
	(*(int *)arg)++;
}

/* What shisaku check reports of the file: the number of problems, or
 * -1 when it could not check. */
static inline int
check_problems(struct store *st)
{
	char	*cause = NULL;
	int	 n = 0;

	if (store_check(st, count_problem, &n, &cause) < 0) {
		fprintf(stderr, "check: %s\n", cause);
		free(cause);
		return -1;
	}
	return n;
}

static long
q_long(sqlite3 *db, const char *sql)
{
	sqlite3_stmt	*s;
	long		 v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = (long)sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

/*
 * A file of one plan's results and actual values, as a city moves them
 * through a spreadsheet (shisaku-plan(5)), written from the database to
 * tmpdir/NAME: a result of fiscal year 2021 for every other item of
 * yuki-ap; an actual value of 2024 for each of its indicators, and of
 * 2022 for its running totals. Returns the file's path (malloc'd), NULL
 * when it cannot be written.
 */
static inline char *
results_file(sqlite3 *db, const char *name)
{
	static const char sql[] =
	    "SELECT 'result,yuki-ap,' || n.key || ',2021,実施中,B,提出済,"
	    "研修を実施した,,,担当,2025-04-20T10:00:00,,' FROM node n"
	    " JOIN plan p ON p.id = n.plan_id WHERE p.code = 'yuki-ap'"
	    " AND n.depth = (SELECT max(depth) FROM node WHERE plan_id = p.id)"
	    " AND n.id % 2 = 0"
	    " UNION ALL SELECT 'actual,yuki-ap,' || i.key || ',' ||"
	    " (CASE i.cumulative WHEN 1 THEN 2022 ELSE 2024 END) || ',' ||"
	    " (i.id % 7 + 3) || ',,提出済,,担当,2025-04-20T10:00:00,,'"
	    " FROM indicator i JOIN plan p ON p.id = i.plan_id"
	    " WHERE p.code = 'yuki-ap'";
	sqlite3_stmt	*s;
	FILE		*fp;
	char		*path;

	path = xasprintf("%s/%s", tmpdir, name);
	if ((fp = fopen(path, "w")) == NULL) {
		FAIL_AT("%s: cannot write", path);
		free(path);
		return NULL;
	}
	fputs("shisaku-plan,1\n", fp);
	if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) == SQLITE_OK) {
		while (sqlite3_step(s) == SQLITE_ROW)
			fprintf(fp, "%s\n", sqlite3_column_text(s, 0));
		sqlite3_finalize(s);
	}
	if (fclose(fp) != 0) {
		FAIL_AT("%s: cannot write", path);
		free(path);
		return NULL;
	}
	return path;
}

#endif
