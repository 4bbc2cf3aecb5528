/*
 * Progress of long work on the command line (import, export, check,
 * backup, report): one line on standard error, redrawn in place with \r,
 *
 *	shisaku: 書き込み 120,000/390,000 行  45,210 行/秒  残り 6 秒
 *
 * shown only when standard error is a terminal and the work has run for
 * more than a second, redrawn at most ten times a second, and ended with
 * a newline when the work is done. Anywhere else (a file, a pipe, a
 * script's log) it prints nothing at all. No curses, no SQL.
 *
 * The work may go through phases (reading the file, then writing the
 * rows): each has its own label, count and rate; the one second counts
 * from the start of the whole work.
 */
#ifndef SHISAKU_PROGRESS_H
#define SHISAKU_PROGRESS_H

#include <stddef.h>
#include <time.h>

/* The unit of a phase whose counts are bytes: shown as MiB. */
#define PROGRESS_BYTES NULL
/* The unit of a phase of a few steps of unequal length ("2/4 段階"):
 * shown without a rate or a time left, which steps cannot give. */
extern const char progress_steps[];
#define PROGRESS_STEPS progress_steps

struct progress {
	int		 fd;		/* where the line goes */
	int		 tty;		/* fd is a terminal: draw */
	struct timespec	 start;		/* the work began */
	struct timespec	 phase_start;
	struct timespec	 last;		/* the line was last drawn */
	const char	*what;		/* static: "書き込み" */
	const char	*unit;		/* static: "行", or PROGRESS_BYTES */
	size_t		 done, total;	/* total 0 = not known */
	int		 shown;		/* a line is on the terminal */
	int		 width;		/* its width in columns */
};

/* Starts the work's first phase; draws on standard error if that is a
 * terminal. what and unit must outlive the phase (string literals). */
void progress_begin(struct progress *p, const char *what, const char *unit);
/* Starts the next phase: a new label and count, a new rate. */
void progress_phase(struct progress *p, const char *what, const char *unit);
/* done of total items of the phase are done (total 0 = unknown); draws
 * when the rules above allow. Cheap enough to call for every item. */
void progress_update(struct progress *p, size_t done, size_t total);
/* progress_update as a callback: arg is the struct progress. */
void progress_tick(void *arg, size_t done, size_t total);
/* Takes a shown line off the terminal, so that a message can be printed
 * where it was; the next update draws it again. */
void progress_clear(struct progress *p);
/* The work is over: a line that was shown is drawn a last time and
 * ended with a newline, so what follows starts on a line of its own. */
void progress_end(struct progress *p);

/*
 * The line itself (no \r), for the drawing above and for tests: phase
 * label, count, and from the seconds the phase has taken its rate and
 * the time left (once it has run half a second: a rate over less says
 * little); with finished, 完了 instead of the time left. Writes at
 * most size bytes (NUL-ended, never half a character) and returns buf.
 */
char *progress_format(char *buf, size_t size, const char *what,
    const char *unit, size_t done, size_t total, double elapsed,
    int finished);

#endif
