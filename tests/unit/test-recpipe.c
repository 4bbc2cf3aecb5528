/* Unit tests for recpipe.c: records handed to a sink on another thread. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "shisaku/recpipe.h"
#include "shisaku/util.h"

#define NRECS 5000

/* What the downstream sink was handed, record by record. */
struct seen {
	size_t	 n;
	int	 refuse_at;	/* refuses the record of this index (-1: none) */
	int	 inside;	/* in take, under the pipe's hold */
	char	*text[NRECS];	/* the record as one text */
};

static const char file_name[] = "plan.csv";

/* Record i's fields: a few of each length, one NULL, one long enough to
 * end a batch by its text. */
static void
fill(size_t i, struct pf_record *r, struct pf_values *v, char buf[][64],
    char *big)
{
	size_t	k;

	memset(r, 0, sizeof *r);
	memset(v, 0, sizeof *v);
	r->kind = (enum pf_kind)(i % PF_KIND_COUNT);
	r->file = file_name;
	r->line = i + 2;
	for (k = 0; k < PF_MAX_COLS; k++) {
		snprintf(buf[k], 64, "%zu-%zu-施策", i, k);
		r->f[k] = k == 3 ? NULL : k == 5 && i % 97 == 0 ? big : buf[k];
	}
	if (i % 3 != 0) {
		v->v[1].kind = VALUE_NUMBER;
		v->v[1].num = (double)i / 4;
		v->have[1] = 1;
		v->v[2].kind = VALUE_TEXT;
		v->v[2].text = buf[0];
		v->have[2] = 1;
		r->values = v;
	}
}

/* A record as one text, pointers and all values included. */
static char *
record_text(const struct pf_record *r)
{
	char	*s = xasprintf("%d|%s|%zu", (int)r->kind, r->file == file_name ?
		    "same file" : "other file", r->line), *t;
	size_t	 k;

	for (k = 0; k < PF_MAX_COLS; k++) {
		if (r->f[k] == NULL)
			t = xasprintf("%s|(null)", s);
		else if (strlen(r->f[k]) <= 60)
			t = xasprintf("%s|%s", s, r->f[k]);
		else	/* the long text, whole */
			t = xasprintf("%s|%zu x's of %zu", s,
			    strspn(r->f[k], "x"), strlen(r->f[k]));
		free(s);
		s = t;
	}
	if (r->values == NULL)
		t = xasprintf("%s|no values", s);
	else
		t = xasprintf("%s|%d:%d:%g|%d:%d:%s", s, r->values->have[1],
		    (int)r->values->v[1].kind, r->values->v[1].num,
		    r->values->have[2], (int)r->values->v[2].kind,
		    r->values->v[2].text != NULL ? r->values->v[2].text :
		    "(null)");
	free(s);
	return t;
}

static int
seen_take(void *arg, const struct pf_record *r)
{
	struct seen	*s = arg;
	volatile int	 spin;

	s->inside = 1;
	for (spin = 0; spin < 200; spin++)
		;
	if (s->n < NRECS)
		s->text[s->n] = record_text(r);
	s->inside = 0;
	return (int)s->n++ == s->refuse_at ? -1 : 0;
}

static void
seen_free(struct seen *s)
{
	size_t	i;

	for (i = 0; i < s->n && i < NRECS; i++)
		free(s->text[i]);
}

/* Hands NRECS records to p's sink; the number taken before the first -1
 * into *taken. */
static void
hand_all(struct recpipe *p, const struct pf_resolver *res, size_t *taken,
    int *res_calls)
{
	const struct pf_sink	*sink = recpipe_sink(p);
	struct pf_record	 r;
	struct pf_values	 v;
	char			 buf[PF_MAX_COLS][64], *big;
	size_t			 i;

	big = xmalloc(300000);
	memset(big, 'x', 299999);
	big[299999] = '\0';
	*taken = NRECS;
	for (i = 0; i < NRECS; i++) {
		fill(i, &r, &v, buf, big);
		if (sink->take(sink->arg, &r) != 0 && *taken == NRECS)
			*taken = i;
		/* The reading thread's buffers change at once. */
		memset(buf, 'z', sizeof buf);
		buf[0][0] = '\0';
		if (res != NULL)
			*res_calls += res->plan_exists(res->arg, "plan-1");
	}
	free(big);
}

TEST(test_order_and_content)
{
	struct seen		 s;
	struct recpipe		*p;
	struct pf_sink		 down = { &s, seen_take };
	struct pf_record	 r;
	struct pf_values	 v;
	char			 buf[PF_MAX_COLS][64], *big, *want;
	char			 empty[1] = "";
	size_t			 taken, i;
	int			 calls = 0;

	memset(&s, 0, sizeof s);
	s.refuse_at = -1;
	if ((p = recpipe_start(&down)) == NULL) {
		FAIL_AT("no thread");
		return;
	}
	hand_all(p, NULL, &taken, &calls);
	CHECK_INT(taken, NRECS);
	CHECK_INT(recpipe_finish(p), 0);
	CHECK_INT(s.n, NRECS);
	/* After the end nothing more is taken. */
	fill(0, &r, &v, buf, empty);
	CHECK_INT(recpipe_sink(p)->take(recpipe_sink(p)->arg, &r), -1);
	CHECK_INT(s.n, NRECS);
	big = xmalloc(300000);
	memset(big, 'x', 299999);
	big[299999] = '\0';
	for (i = 0; i < NRECS && i < s.n; i++) {
		fill(i, &r, &v, buf, big);
		want = record_text(&r);
		if (strcmp(s.text[i], want) != 0) {
			FAIL_AT("record %zu: got %s, want %s", i, s.text[i],
			    want);
			free(want);
			break;
		}
		free(want);
	}
	free(big);
	recpipe_free(p);
	seen_free(&s);
}

TEST(test_refused_record_stops_the_rest)
{
	struct seen	 s;
	struct recpipe	*p;
	struct pf_sink	 down = { &s, seen_take };
	size_t		 taken;
	int		 calls = 0;

	memset(&s, 0, sizeof s);
	s.refuse_at = 700;	/* in the second batch */
	if ((p = recpipe_start(&down)) == NULL) {
		FAIL_AT("no thread");
		return;
	}
	hand_all(p, NULL, &taken, &calls);
	CHECK_INT(recpipe_finish(p), -1);
	CHECK_INT(recpipe_finish(p), -1);
	/* The refused one was the last handed on; the reader heard of it
	 * before its last record. */
	CHECK_INT(s.n, 701);
	CHECK(taken > 700 && taken < NRECS);
	recpipe_free(p);
	seen_free(&s);
}

TEST(test_nothing_handed)
{
	struct seen	 s;
	struct recpipe	*p;
	struct pf_sink	 down = { &s, seen_take };

	memset(&s, 0, sizeof s);
	s.refuse_at = -1;
	if ((p = recpipe_start(&down)) == NULL) {
		FAIL_AT("no thread");
		return;
	}
	CHECK_INT(recpipe_finish(p), 0);
	CHECK_INT(s.n, 0);
	recpipe_free(p);
	/* Freed without a finish: finished first. */
	p = recpipe_start(&down);
	CHECK(p != NULL);
	recpipe_free(p);
	recpipe_free(NULL);
}

/* The resolver under the pipe: each call sees no record being taken. */
static struct seen	*res_seen;
static int		 res_overlaps, res_calls;

static int
res_plan_exists(void *arg, const char *plan)
{
	CHECK(arg == (void *)&res_calls);
	res_calls++;
	if (res_seen->inside)
		res_overlaps++;
	return strcmp(plan, "plan-1") == 0;
}

static const char *
res_grade_key(void *arg, const char *grade)
{
	(void)arg;
	return strcmp(grade, "Ａ") == 0 ? "A" : NULL;
}

TEST(test_resolver_held_off_the_writing)
{
	struct seen		 s;
	struct recpipe		*p;
	struct pf_sink		 down = { &s, seen_take };
	struct pf_resolver	 in, out;
	size_t			 taken;
	int			 found = 0;

	memset(&s, 0, sizeof s);
	s.refuse_at = -1;
	memset(&in, 0, sizeof in);
	in.arg = &res_calls;
	in.plan_exists = res_plan_exists;
	in.grade_key = res_grade_key;
	res_seen = &s;
	res_overlaps = res_calls = 0;
	if ((p = recpipe_start(&down)) == NULL) {
		FAIL_AT("no thread");
		return;
	}
	recpipe_resolver(p, &in, &out);
	/* What the resolver lacks, the wrapped one lacks. */
	CHECK(out.node_exists == NULL);
	CHECK(out.dept_exists == NULL);
	CHECK(out.plan_results == NULL);
	CHECK(out.plan_exists != NULL);
	CHECK_STR(out.grade_key(out.arg, "Ａ"), "A");
	CHECK(out.grade_key(out.arg, "Ｚ") == NULL);
	hand_all(p, &out, &taken, &found);
	CHECK_INT(recpipe_finish(p), 0);
	CHECK_INT(found, NRECS);
	CHECK_INT(res_calls, NRECS);
	CHECK_INT(res_overlaps, 0);
	CHECK_INT(s.n, NRECS);
	recpipe_free(p);
	seen_free(&s);
}

int
main(void)
{
	RUN(test_order_and_content);
	RUN(test_refused_record_stops_the_rest);
	RUN(test_nothing_handed);
	RUN(test_resolver_held_off_the_writing);
	DONE();
}
