/*
 * A pipe of plan-file records between two threads: the thread that reads
 * and checks a file hands each record to recpipe_sink, which copies it
 * and returns at once; a thread of the pipe's own hands the copies, in
 * the same order, to the sink downstream (an import's loader). Reading
 * the next records and writing the last ones then take the machine's two
 * cores instead of one in turn.
 *
 * What the reading thread asks of the same store (a pf_resolver) must
 * not run while the downstream sink writes: recpipe_resolver wraps a
 * resolver so that each of its calls waits for the batch being written,
 * and holds the writing off while it runs. This module knows nothing of
 * SQL or curses.
 */
#ifndef SHISAKU_RECPIPE_H
#define SHISAKU_RECPIPE_H

#include "shisaku/planfile.h"

struct recpipe;

/* Starts the pipe's thread in front of down (kept, not copied): NULL
 * when no thread can be started, and the caller hands records to down
 * itself. */
struct recpipe *recpipe_start(const struct pf_sink *down);

/* The sink to read into. Its take returns -1 once down has refused a
 * record (down keeps the reason); the records after that are not handed
 * on. */
const struct pf_sink *recpipe_sink(struct recpipe *p);

/* Fills *out with in's calls, each run with the writing held off. in
 * must outlive the pipe's use of *out. */
void recpipe_resolver(struct recpipe *p, const struct pf_resolver *in,
    struct pf_resolver *out);

/* Waits until every record handed in has been handed on (or down refused
 * one) and stops the thread: 0, or -1 when down refused a record. After
 * it nothing more is taken. */
int recpipe_finish(struct recpipe *p);

/* Finishes the pipe if it is not, and frees it (NULL is fine). */
void recpipe_free(struct recpipe *p);

#endif
