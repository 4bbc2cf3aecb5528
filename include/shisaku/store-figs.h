/*
 * Private to the store: a plan's figures of a fiscal year as counted
 * from its items (store-browse.c), and the memo of those counted for a
 * year the file does not keep (store-figs-memo.c). Never included above
 * the store.
 */
#ifndef SHISAKU_STORE_FIGS_H
#define SHISAKU_STORE_FIGS_H

#include <stddef.h>

#include "shisaku/store-browse.h"
#include "shisaku/summary.h"

struct store;

/* A count of a plan's items of the year alike: their result's state
 * ("" = no result), status and grade ("" = not given), and whether they
 * plan something in the year. */
struct browse_fig {
	char	*state, *status, *grade;
	int	 planned;
	long	 n;
};

/* A plan's figures of the year: the counts of its items, the depth they
 * were counted at, the outcomes of its indicators. */
struct browse_figs {
	struct browse_fig	*v;
	size_t			 n, cap;
	int			 depth;
	long			 outcome[SUMMARY_NOUTCOMES];
	/* With want_up, the same counted for each heading above the
	 * items: by node id and kind (an index in v), once counted. */
	int			 want_up;
	struct browse_cfig	*up;
	size_t			 nup, capup;
};

void browse_figs_clear(struct browse_figs *f);

/* A plan's items of fy counted in full into f (empty; with f->want_up,
 * those below each heading, sorted by node and kind), its indicators'
 * outcomes counted in full, and the figures kept of it (*kept 0: none,
 * 1: the items' counts alone, 2: all). Each returns 0, or -1 with
 * *cause; f is cleared by the caller. (store-browse.c) */
int browse_figs_count_items(struct store *st, long long plan_id, int fy,
    struct browse_figs *f, char **cause);
int browse_figs_count_indicators(struct store *st, long long plan_id, int fy,
    struct browse_figs *f, char **cause);
int browse_figs_read_kept(struct store *st, long long plan_id, int fy,
    struct browse_figs *f, int *kept, char **cause);
/* The index in f->v of the kind alike (a few kinds: a linear search),
 * or -1. */
long browse_figs_kind(const struct browse_figs *f, const char *state,
    const char *status, const char *grade, int planned);
/* The order of f->up: by node id, then kind (qsort and bsearch). */
int browse_cfig_cmp(const void *a, const void *b);

/*
 * shisaku check's check of the figures kept (db/migrate-9.sql, 11 and
 * 14): every plan-year kept, counted again in full and compared, the
 * plan's counts, its headings' and its indicators' outcomes. Each
 * difference is reported as a line. Returns how many, or -1 with *cause.
 * (store-figs-check.c)
 */
int browse_figures_check(struct store *st,
    void (*report)(void *, const char *), void *arg, char **cause);

/*
 * The memo: the figures of a plan in a year the file does not keep, as
 * counted in full by a screen, so that showing that year again (the tree
 * or the plans list going back and forth between years) costs a copy
 * instead of a count of every item, for as long as nothing has been
 * written since, by this program or another (store-change.h). Used and
 * filled only outside a write; a few plans and years at most.
 *
 * figs_memo_get copies into f (empty) what was counted of plan_id in fy
 * and returns 1 when it holds what is wanted: the headings' counts
 * (want_up) and the indicators' outcomes (want_outcomes); else 0 and f
 * is left empty.
 */
int figs_memo_get(struct store *st, long long plan_id, int fy, int want_up,
    int want_outcomes, struct browse_figs *f);
/* Keeps a copy of f, just counted in the read snapshot still open:
 * has_up and has_outcomes say what of it was counted. */
void figs_memo_put(struct store *st, long long plan_id, int fy,
    const struct browse_figs *f, int has_up, int has_outcomes);
void figs_memo_free(struct store *st);

#endif
