/*
 * Display width of UTF-8 text in terminal columns, and cutting and
 * wrapping by columns without splitting a double-width character. Pure
 * C (wchar.h), no curses: the screens use it to lay text out.
 */
#ifndef SHISAKU_TEXTWIDTH_H
#define SHISAKU_TEXTWIDTH_H

#include <stddef.h>
#include <wchar.h>

/* Whether East Asian ambiguous characters (★ ○ ① ※ → ─ …) take 2
 * columns, as on terminals set to "wide"; default 1 (glibc). */
void tw_set_ambiguous_wide(int wide);

/* Width of one character: 0 for combining/zero-width, 1 or 2; control
 * characters and invalid input count as 1 (shown as a replacement). */
int tw_wcwidth(wchar_t wc);

/* Width of a UTF-8 string (invalid bytes count 1 each, shown as '?'). */
int tw_width(const char *s);

/*
 * Copies into out (size bytes) the longest prefix of s that fits in cols
 * columns, never splitting a character, dropping control characters
 * (newline and tab become a space), replacing invalid bytes with '?', and
 * padding with spaces to exactly cols columns when pad is set. If the
 * text was cut and ellipsis is set, the last column holds '~' (ASCII, so
 * its width never depends on the terminal). Returns the columns used.
 */
int tw_fit(const char *s, int cols, int pad, int ellipsis, char *out, size_t size);

/*
 * Joins the n parts of a line (parts[i] may be NULL for "") into one
 * string meant for cols columns. When the parts together are wider, the
 * parts whose shrink[i] is set (a department, a plan's name: the long
 * ones) are cut with tw_fit's '~', the widest first and never below min
 * columns each, so that the parts around them (a date, a state, a login)
 * stay whole. When even that is too wide the result is wider than cols
 * and the caller cuts its end as usual. malloc'd; the caller frees it.
 */
char *tw_fit_parts(const char *const *parts, const int *shrink, size_t n,
    int cols, int min);

/*
 * Wraps s into lines of at most cols columns (breaking at newlines, and
 * anywhere between characters since Japanese has no spaces; a line
 * starting with 。、）」 is pulled back one character where possible).
 * Returns the number of lines; if starts is not NULL it receives up to
 * max byte offsets of line starts, and lens the byte lengths.
 */
size_t tw_wrap(const char *s, int cols, size_t *starts, size_t *lens, size_t max);

/* Case- and width-insensitive substring search for the / command:
 * full-width ASCII folds to ASCII, ASCII letters fold to lower case,
 * katakana and hiragana are NOT folded. Returns 1 if needle is in hay. */
int tw_contains(const char *hay, const char *needle);

/* Where tw_contains finds needle in hay, looking only at matches that
 * start at byte offset from or later: the byte offset of the first (and
 * in *len, if not NULL, its length in bytes of hay), or -1 when there is
 * none or needle is empty. */
long tw_find(const char *hay, const char *needle, size_t from, size_t *len);

#endif
