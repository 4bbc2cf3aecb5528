/*
 * A pipe of plan-file records between two threads (see recpipe.h).
 *
 * The reading thread copies records into a batch (their texts into the
 * batch's own buffer) and queues the batch when it is full; the pipe's
 * thread hands each record of a queued batch downstream, in order, and
 * gives the batch back. At most RECPIPE_QUEUE batches wait, so a reader
 * faster than the writer waits instead of holding the file in memory.
 * The downstream sink runs under `hold', which each wrapped resolver call
 * takes too: the two never use the store at once.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/recpipe.h"
#include "shisaku/util.h"

/* Records in a batch, and the bytes of text after which a batch goes
 * before it is full: a lock and a wake-up per batch, not per record. */
#define RECPIPE_BATCH	512
#define RECPIPE_TEXT	(256u << 10)
/* Batches written or waiting at once. */
#define RECPIPE_QUEUE	4

/* No text: an offset of a NULL pointer. */
#define NO_TEXT ((size_t)-1)

/* A record as copied: offsets into the batch's text, which may move
 * while the batch fills. */
struct rec_copy {
	enum pf_kind	 kind;
	const char	*file;		/* the document's, which outlives us */
	size_t		 line;
	size_t		 f[PF_MAX_COLS];
	int		 has_values;
	struct pf_values vals;		/* texts: vtext */
	size_t		 vtext[PF_MAX_COLS];
};

struct batch {
	struct batch	*next;
	size_t		 n;
	char		*text;
	size_t		 len, cap;
	struct rec_copy	 r[RECPIPE_BATCH];
};

struct recpipe {
	const struct pf_sink	*down;
	struct pf_sink		 sink;
	const struct pf_resolver *in;	/* wrapped by recpipe_resolver */

	pthread_t		 thread;
	pthread_mutex_t		 mu;	/* the lists and flags below */
	pthread_cond_t		 moved;	/* a batch queued or given back */
	pthread_mutex_t		 hold;	/* the store: downstream or resolver */

	struct batch		*head, *tail;	/* queued, oldest first */
	struct batch		*spare;		/* given back */
	size_t			 queued;
	int			 ended;		/* nothing more will be queued */
	int			 refused;	/* down refused a record */

	/* The reading thread's own. */
	struct batch		*cur;
	int			 seen_refused;	/* refused, as last looked at */
	int			 finished;	/* the thread is joined */
};

/* Appends s and its NUL to b's text; returns the offset of s. */
static size_t
batch_text(struct batch *b, const char *s)
{
	size_t	n = strlen(s) + 1, at = b->len;

	if (b->len + n > b->cap) {
		b->cap = b->cap * 2 > b->len + n ? b->cap * 2 : b->len + n;
		b->text = xreallocarray(b->text, b->cap, 1);
	}
	memcpy(b->text + at, s, n);
	b->len += n;
	return at;
}

static void
batch_copy(struct batch *b, const struct pf_record *r)
{
	struct rec_copy	*c = &b->r[b->n++];
	size_t		 i;

	c->kind = r->kind;
	c->file = r->file;
	c->line = r->line;
	for (i = 0; i < PF_MAX_COLS; i++)
		c->f[i] = r->f[i] != NULL ? batch_text(b, r->f[i]) : NO_TEXT;
	c->has_values = r->values != NULL;
	if (!c->has_values)
		return;
	c->vals = *r->values;
	for (i = 0; i < PF_MAX_COLS; i++)
		c->vtext[i] = r->values->v[i].text != NULL ?
		    batch_text(b, r->values->v[i].text) : NO_TEXT;
}

/* Record i of b as the reading thread handed it: its pointers into the
 * batch's text, which no longer moves. */
static void
batch_record(struct batch *b, size_t i, struct pf_record *r,
    struct pf_values *vals)
{
	struct rec_copy	*c = &b->r[i];
	size_t		 k;

	memset(r, 0, sizeof *r);
	r->kind = c->kind;
	r->file = c->file;
	r->line = c->line;
	for (k = 0; k < PF_MAX_COLS; k++)
		r->f[k] = c->f[k] != NO_TEXT ? b->text + c->f[k] : NULL;
	if (!c->has_values)
		return;
	*vals = c->vals;
	for (k = 0; k < PF_MAX_COLS; k++)
		vals->v[k].text = c->vtext[k] != NO_TEXT ?
		    b->text + c->vtext[k] : NULL;
	r->values = vals;
}

static void
batch_free(struct batch *b)
{
	if (b == NULL)
		return;
	free(b->text);
	free(b);
}

/* The pipe's thread: each queued batch downstream, until the end. */
static void *
recpipe_run(void *arg)
{
	struct recpipe		*p = arg;
	struct batch		*b;
	struct pf_record	 r;
	struct pf_values	 vals;
	size_t			 i;
	int			 refused = 0;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->head == NULL && !p->ended)
			pthread_cond_wait(&p->moved, &p->mu);
		if ((b = p->head) == NULL) {
			pthread_mutex_unlock(&p->mu);
			break;
		}
		if ((p->head = b->next) == NULL)
			p->tail = NULL;
		p->queued--;
		pthread_mutex_unlock(&p->mu);

		pthread_mutex_lock(&p->hold);
		for (i = 0; i < b->n && !refused; i++) {
			batch_record(b, i, &r, &vals);
			refused = p->down->take(p->down->arg, &r) != 0;
		}
		pthread_mutex_unlock(&p->hold);

		pthread_mutex_lock(&p->mu);
		p->refused = refused;
		b->n = 0;
		b->len = 0;
		b->next = p->spare;
		p->spare = b;
		pthread_cond_broadcast(&p->moved);
		pthread_mutex_unlock(&p->mu);
	}
	return NULL;
}

/* Queues the reading thread's batch (unless down refused a record: it is
 * dropped) and takes an empty one; waits while RECPIPE_QUEUE are queued. */
static void
recpipe_push(struct recpipe *p)
{
	struct batch	*b = p->cur;

	pthread_mutex_lock(&p->mu);
	while (p->queued >= RECPIPE_QUEUE && !p->refused)
		pthread_cond_wait(&p->moved, &p->mu);
	p->seen_refused = p->refused;
	if (p->refused) {
		b->n = 0;
		b->len = 0;
	} else {
		b->next = NULL;
		if (p->tail != NULL)
			p->tail->next = b;
		else
			p->head = b;
		p->tail = b;
		p->queued++;
		pthread_cond_broadcast(&p->moved);
		if ((b = p->spare) != NULL)
			p->spare = b->next;
	}
	pthread_mutex_unlock(&p->mu);
	p->cur = b != NULL ? b : xcalloc(1, sizeof *b);
}

static int
recpipe_take(void *arg, const struct pf_record *r)
{
	struct recpipe	*p = arg;

	if (p->seen_refused || p->finished)
		return -1;
	batch_copy(p->cur, r);
	if (p->cur->n == RECPIPE_BATCH || p->cur->len >= RECPIPE_TEXT)
		recpipe_push(p);
	return p->seen_refused ? -1 : 0;
}

struct recpipe *
recpipe_start(const struct pf_sink *down)
{
	struct recpipe	*p = xcalloc(1, sizeof *p);

	p->down = down;
	p->sink.arg = p;
	p->sink.take = recpipe_take;
	p->cur = xcalloc(1, sizeof *p->cur);
	if (pthread_mutex_init(&p->mu, NULL) != 0)
		goto fail_mu;
	if (pthread_mutex_init(&p->hold, NULL) != 0)
		goto fail_hold;
	if (pthread_cond_init(&p->moved, NULL) != 0)
		goto fail_cond;
	if (pthread_create(&p->thread, NULL, recpipe_run, p) != 0)
		goto fail_thread;
	return p;

fail_thread:
	pthread_cond_destroy(&p->moved);
fail_cond:
	pthread_mutex_destroy(&p->hold);
fail_hold:
	pthread_mutex_destroy(&p->mu);
fail_mu:
	batch_free(p->cur);
	free(p);
	return NULL;
}

const struct pf_sink *
recpipe_sink(struct recpipe *p)
{
	return &p->sink;
}

int
recpipe_finish(struct recpipe *p)
{
	if (!p->finished) {
		if (p->cur->n > 0 && !p->seen_refused)
			recpipe_push(p);
		pthread_mutex_lock(&p->mu);
		p->ended = 1;
		pthread_cond_broadcast(&p->moved);
		pthread_mutex_unlock(&p->mu);
		pthread_join(p->thread, NULL);
		p->finished = 1;
		p->seen_refused = p->refused;
	}
	return p->refused ? -1 : 0;
}

void
recpipe_free(struct recpipe *p)
{
	struct batch	*b;

	if (p == NULL)
		return;
	(void)recpipe_finish(p);
	while ((b = p->spare) != NULL) {
		p->spare = b->next;
		batch_free(b);
	}
	batch_free(p->cur);
	pthread_cond_destroy(&p->moved);
	pthread_mutex_destroy(&p->hold);
	pthread_mutex_destroy(&p->mu);
	free(p);
}

/* ---- the resolver, each call with the writing held off ---- */

#define HELD(p, call) do {						\
	pthread_mutex_lock(&(p)->hold);					\
	ret = (call);							\
	pthread_mutex_unlock(&(p)->hold);				\
} while (0)

static int
held_plan_exists(void *arg, const char *plan)
{
	struct recpipe	*p = arg;
	int		 ret;

	HELD(p, p->in->plan_exists(p->in->arg, plan));
	return ret;
}

static int
held_dept_exists(void *arg, const char *dept, char **name)
{
	struct recpipe	*p = arg;
	int		 ret;

	HELD(p, p->in->dept_exists(p->in->arg, dept, name));
	return ret;
}

static int
held_dept_named_until(void *arg, const char *dept, const char *name)
{
	struct recpipe	*p = arg;
	int		 ret;

	HELD(p, p->in->dept_named_until(p->in->arg, dept, name));
	return ret;
}

static char *
held_dept_code_named(void *arg, const char *name)
{
	struct recpipe	*p = arg;
	char		*ret;

	HELD(p, p->in->dept_code_named(p->in->arg, name));
	return ret;
}

static char *
held_dept_code_near(void *arg, const char *word)
{
	struct recpipe	*p = arg;
	char		*ret;

	HELD(p, p->in->dept_code_near(p->in->arg, word));
	return ret;
}

static int
held_node_exists(void *arg, const char *plan, const char *node)
{
	struct recpipe	*p = arg;
	int		 ret;

	HELD(p, p->in->node_exists(p->in->arg, plan, node));
	return ret;
}

static int
held_indicator_exists(void *arg, const char *plan, const char *ind,
    char **unit)
{
	struct recpipe	*p = arg;
	int		 ret;

	HELD(p, p->in->indicator_exists(p->in->arg, plan, ind, unit));
	return ret;
}

static int
held_indicator_own(void *arg, const char *plan, const char *ind)
{
	struct recpipe	*p = arg;
	int		 ret;

	HELD(p, p->in->indicator_own(p->in->arg, plan, ind));
	return ret;
}

/* Not held: the scale is the configuration's, not the store's
 * (planfile.h), and it is asked for every result row. */
static const char *
passed_grade_key(void *arg, const char *grade)
{
	struct recpipe	*p = arg;

	return p->in->grade_key(p->in->arg, grade);
}

static long
held_plan_results(void *arg, const char *plan)
{
	struct recpipe	*p = arg;
	long		 ret;

	HELD(p, p->in->plan_results(p->in->arg, plan));
	return ret;
}

static size_t
held_plan_keys(void *arg, const char *plan, int indicators, char ***keys,
    char ***codes)
{
	struct recpipe	*p = arg;
	size_t		 ret;

	HELD(p, p->in->plan_keys(p->in->arg, plan, indicators, keys, codes));
	return ret;
}

void
recpipe_resolver(struct recpipe *p, const struct pf_resolver *in,
    struct pf_resolver *out)
{
	memset(out, 0, sizeof *out);
	p->in = in;
	out->arg = p;
	/* A call the resolver lacks stays lacking. */
	out->plan_exists = in->plan_exists ? held_plan_exists : NULL;
	out->dept_exists = in->dept_exists ? held_dept_exists : NULL;
	out->dept_named_until = in->dept_named_until ?
	    held_dept_named_until : NULL;
	out->dept_code_named = in->dept_code_named ?
	    held_dept_code_named : NULL;
	out->dept_code_near = in->dept_code_near ? held_dept_code_near : NULL;
	out->node_exists = in->node_exists ? held_node_exists : NULL;
	out->indicator_exists = in->indicator_exists ?
	    held_indicator_exists : NULL;
	out->indicator_own = in->indicator_own ? held_indicator_own : NULL;
	out->grade_key = in->grade_key ? passed_grade_key : NULL;
	out->plan_results = in->plan_results ? held_plan_results : NULL;
	out->plan_keys = in->plan_keys ? held_plan_keys : NULL;
}
