/*
 * Small helpers used everywhere: allocation that cannot fail (out of
 * memory is the one fatal error), formatted allocation, whole-file reads
 * and writes, and the current time in the form the store writes.
 */
#ifndef SHISAKU_UTIL_H
#define SHISAKU_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* A function to run before the out-of-memory message is printed, so the
 * terminal interface can put the screen back first and the message is
 * seen. NULL for none. */
void util_set_fatal_hook(void (*hook)(void));
/* Runs that function, if any (before any other fatal message). */
void util_run_fatal_hook(void);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xreallocarray(void *p, size_t n, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Reads a whole file ("-" = standard input) into *data (NUL-terminated,
 * malloc'd) and *len. Returns 0, or -1 with *cause ("PATH: reason"). */
int read_whole_file(const char *path, char **data, size_t *len, char **cause);

/* Writes all len bytes of buf to fd, again after a signal. Returns 0,
 * or -1 with errno (EIO when the file takes no more). */
int write_all(int fd, const char *buf, size_t len);

/* Whether s holds a control character (a newline, a tab, ESC …): no
 * name a user means to give a file. */
int util_has_control(const char *s);

/*
 * The one of names[0..n) that word is most likely a slip of the keyboard
 * for: at most one character wrong, missing, extra or two swapped for a
 * name of up to five characters, two for a longer one, ASCII case aside
 * (a kanji is one character, as a letter is).
 * Its index, or -1 when none is that near or two are equally near.
 */
int util_nearest_name(const char *word, const char *const *names, size_t n);

/*
 * Whether name is word written another way a person writes a department:
 * the same but for blanks (ASCII and U+3000: 政策企画部 企画政策課), or
 * its last part (企画政策課 for 政策企画部企画政策課), of two characters
 * or more.
 */
int util_name_loosely(const char *word, const char *name);

/* The local time now as "YYYY-MM-DDTHH:MM:SS" into buf (20 bytes). */
char *now_iso(char buf[20]);

/* A stored time ("YYYY-MM-DDTHH:MM:SS") as people read it, to the minute:
 * "YYYY-MM-DD HH:MM" into buf (17 bytes); any other text as it is, cut
 * to 16 bytes at a character's end. Returns buf. */
char *at_minutes(const char *at, char buf[17]);

/*
 * qsort for arrays mostly in order already (ids and orders read from an
 * index, with a few added at the end): the run in order at the start is
 * kept and the rest sorted and merged into it; an array whose run in
 * order is less than half of it is sorted whole. Not stable.
 */
void sort_mostly_sorted(void *base, size_t n, size_t size,
    int (*cmp)(const void *, const void *));

/* The local day now as "YYYY-MM-DD" into buf (11 bytes). */
char *today_iso(char buf[11]);

/*
 * Hands the pages of memory freed so far back to the system. Memory a
 * thread allocated and another freed stays with the first thread's
 * arena (glibc), out of reach of the rest of the program: the maps an
 * import's writing thread made (recpipe.h) would otherwise be held
 * beside the memory its commit needs. Nothing where the C library
 * cannot.
 */
void util_release_freed(void);

#endif
