/*
 * Reading CP932, the encoding Excel on Japanese Windows saves a plain CSV
 * in: telling a CP932 file from a UTF-8 one, converting it to UTF-8, and
 * comparing text across the character pairs CP932 folds. No curses, no SQL.
 *
 * CP932 holds one character where Unicode has two look-alikes: 〜 and ～,
 * − and －, ‖ and ∥, — and ―, ¢ £ ¬ and their full-width forms. Written
 * out, both become the same byte pair; read back, they come back as the
 * Windows form (～ － ∥ ― ￠ ￡ ￢). Text that went out to CP932 and came
 * back unchanged is therefore compared with cp932_same, not strcmp.
 */
#ifndef SHISAKU_CP932_H
#define SHISAKU_CP932_H

#include <stddef.h>

/*
 * Whether len bytes of data, which are not valid UTF-8, read as CP932: more
 * of its non-ASCII bytes are out of place in UTF-8 than form UTF-8
 * characters (a UTF-8 file with one damaged byte stays UTF-8, so the damage
 * is reported where it is). Returns 1 or 0.
 */
int cp932_likely(const char *data, size_t len);

/*
 * Converts len bytes of CP932 to UTF-8. Returns the malloc'd text
 * (NUL-terminated, *outlen bytes), or NULL with *bad_line (1-based) and
 * *cause naming the first byte sequence that is not CP932.
 */
char *cp932_decode(const char *data, size_t len, size_t *outlen,
    size_t *bad_line, char **cause);

/* 1 if a and b (UTF-8; NULL is "") are the same text but for the pairs
 * CP932 folds, else 0. */
int cp932_same(const char *a, const char *b);

#endif
