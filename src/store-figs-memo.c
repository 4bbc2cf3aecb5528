/*
 * The memo of a plan's figures counted for a year the file does not keep
 * (see store-figs.h): a short list, the last used first, each entry with
 * the mark of the database it was counted from.
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/store-change.h"
#include "shisaku/store-figs.h"
#include "shisaku/store-internal.h"
#include "shisaku/util.h"

/* Plans and years kept at once: the years a user goes back and forth
 * between, of a plan or two. */
#define FIGS_MEMO_MAX 8

struct figs_memo {
	long long		 plan_id;
	int			 fy;
	struct store_mark	 mark;
	struct browse_figs	 figs;
	int			 has_up, has_outcomes;
	struct figs_memo	*next;
};

void
browse_figs_clear(struct browse_figs *f)
{
	size_t	i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].state);
		free(f->v[i].status);
		free(f->v[i].grade);
	}
	free(f->v);
	free(f->up);
	memset(f, 0, sizeof *f);
}

/* A copy of f into the empty dst, with or without its headings' counts. */
static void
figs_copy(struct browse_figs *dst, const struct browse_figs *f, int with_up)
{
	size_t	i;

	memset(dst, 0, sizeof *dst);
	dst->depth = f->depth;
	memcpy(dst->outcome, f->outcome, sizeof dst->outcome);
	dst->n = dst->cap = f->n;
	dst->v = xcalloc(f->n + 1, sizeof *dst->v);
	for (i = 0; i < f->n; i++) {
		dst->v[i].state = xstrdup(f->v[i].state);
		dst->v[i].status = xstrdup(f->v[i].status);
		dst->v[i].grade = xstrdup(f->v[i].grade);
		dst->v[i].planned = f->v[i].planned;
		dst->v[i].n = f->v[i].n;
	}
	if (with_up && f->nup > 0) {
		dst->nup = dst->capup = f->nup;
		dst->up = xreallocarray(NULL, f->nup, sizeof *dst->up);
		memcpy(dst->up, f->up, f->nup * sizeof *dst->up);
	}
}

static void
figs_memo_drop(struct figs_memo *m)
{
	browse_figs_clear(&m->figs);
	free(m);
}

/* Inside a write what is read may still be rolled back: no memo. */
static int
figs_memo_usable(const struct store *st)
{
	return !st->in_write && !st->batch;
}

/* The entry of plan_id and fy, taken out of the list (NULL: none). An
 * entry counted before a write is dropped on the way. */
static struct figs_memo *
figs_memo_take(struct store *st, long long plan_id, int fy)
{
	struct figs_memo	**pp = &st->figs_memo, *m;

	while ((m = *pp) != NULL) {
		if (store_mark_changed(st, &m->mark)) {
			*pp = m->next;
			figs_memo_drop(m);
			continue;
		}
		if (m->plan_id == plan_id && m->fy == fy) {
			*pp = m->next;
			m->next = NULL;
			return m;
		}
		pp = &m->next;
	}
	return NULL;
}

/* Puts m first, dropping the least recently used beyond the limit. */
static void
figs_memo_push(struct store *st, struct figs_memo *m)
{
	struct figs_memo	*p;
	int			 k;

	m->next = st->figs_memo;
	st->figs_memo = m;
	for (p = m, k = 1; p->next != NULL; p = p->next, k++)
		if (k == FIGS_MEMO_MAX) {
			struct figs_memo *rest = p->next;

			p->next = NULL;
			while (rest != NULL) {
				p = rest->next;
				figs_memo_drop(rest);
				rest = p;
			}
			break;
		}
}

int
figs_memo_get(struct store *st, long long plan_id, int fy, int want_up,
    int want_outcomes, struct browse_figs *f)
{
	struct figs_memo	*m;
	int			 hit;

	if (!figs_memo_usable(st) ||
	    (m = figs_memo_take(st, plan_id, fy)) == NULL)
		return 0;
	hit = (!want_up || m->has_up) && (!want_outcomes || m->has_outcomes);
	if (hit)
		figs_copy(f, &m->figs, want_up);
	figs_memo_push(st, m);
	return hit;
}

void
figs_memo_put(struct store *st, long long plan_id, int fy,
    const struct browse_figs *f, int has_up, int has_outcomes)
{
	struct figs_memo	*m, *old;

	/* The mark of the snapshot counted from: only while it is open. */
	if (!figs_memo_usable(st) || sqlite3_get_autocommit(st->db))
		return;
	/* What the other count of the same snapshot had and this one has
	 * not is kept: its headings' counts (with their kinds), or its
	 * indicators' outcomes. */
	old = figs_memo_take(st, plan_id, fy);
	m = xcalloc(1, sizeof *m);
	m->plan_id = plan_id;
	m->fy = fy;
	store_mark_take(st, &m->mark);
	if (!has_up && old != NULL && old->has_up) {
		m->figs = old->figs;
		memset(&old->figs, 0, sizeof old->figs);
		m->has_up = 1;
		m->has_outcomes = old->has_outcomes;
	} else {
		figs_copy(&m->figs, f, has_up);
		m->has_up = has_up;
		if (old != NULL && old->has_outcomes) {
			memcpy(m->figs.outcome, old->figs.outcome,
			    sizeof m->figs.outcome);
			m->has_outcomes = 1;
		}
	}
	if (has_outcomes) {
		memcpy(m->figs.outcome, f->outcome, sizeof m->figs.outcome);
		m->has_outcomes = 1;
	}
	if (old != NULL)
		figs_memo_drop(old);
	figs_memo_push(st, m);
}

void
figs_memo_free(struct store *st)
{
	struct figs_memo	*m, *next;

	for (m = st->figs_memo; m != NULL; m = next) {
		next = m->next;
		figs_memo_drop(m);
	}
	st->figs_memo = NULL;
}
