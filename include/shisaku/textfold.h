/*
 * Folding text for search and for codes typed by hand. Pure C: no
 * curses, no SQL (the store registers these as SQL functions).
 *
 * What folds, one character to one character: full-width ASCII
 * (U+FF01..U+FF5E: ＡＢＣ ａｂｃ １２３ －．（）％) to ASCII, the
 * full-width space U+3000 to a space, the hyphens and the minus sign
 * U+2010..U+2013 and U+2212 to '-', and ASCII letters to lower case. So
 * "Ｎｏ．１９", "no.19" and "NO.19" are the same text. Hiragana and
 * katakana, half-width katakana, kanji and every other character are
 * compared as they are. Invalid UTF-8 bytes are kept as they are.
 */
#ifndef SHISAKU_TEXTFOLD_H
#define SHISAKU_TEXTFOLD_H

#include <stddef.h>

/* The folded form of s (malloc'd; never longer than s). */
char *tf_fold(const char *s);

/* s as if typed with the input method off: folded as above but for the
 * case, and ー after an ASCII letter or digit read as '-' (Ｊ７ gives J7,
 * １－１ and １ー１ 1-1, 笠間市／総務課 笠間市/総務課, センター stays);
 * malloc'd, never longer than s. */
char *tf_narrow(const char *s);
/* tf_narrow(s) when it is not s itself (malloc'd), else NULL: a word to
 * look up once more when it names nothing as typed. */
char *tf_narrowed(const char *s);
/* Folds len bytes of s into out (room for len + 1 bytes), NUL-ended;
 * returns the folded length. */
size_t tf_fold_into(const char *s, size_t len, char *out);

/* Where needle occurs in hay when both are folded: a pointer into hay
 * at the first match, with *len (may be NULL) the bytes of hay it
 * covers; NULL when it does not occur. An empty needle matches at the
 * start. */
const char *tf_find(const char *hay, const char *needle, size_t *len);

/* Whether needle occurs in hay, both folded. */
int tf_contains(const char *hay, const char *needle);

/*
 * The form of a node's code compared when a user types one (":No.19"):
 * folded, blanks removed, one pair of brackets 【】 [] 「」 around it
 * removed, the Roman numerals Ⅰ..Ⅻ written in ASCII ("ii"), and a
 * leading "no" (also "no." and №) before a digit removed. "No.19",
 * "ｎｏ１９" and "19" give "19"; "【6-2-1-1】" and "６－２－１－１" give
 * "6-2-1-1". malloc'd.
 */
char *tf_code_key(const char *code);

/*
 * A piece of text to show a match in: from at most before characters
 * ahead of the match of needle in text (… when cut there), newlines and
 * tabs as blanks. *at (may be NULL) is the byte offset of the match in
 * the result and *len its length. When needle does not occur, the text
 * from its start. malloc'd.
 */
char *tf_excerpt(const char *text, const char *needle, size_t before,
    size_t *at, size_t *len);

#endif
