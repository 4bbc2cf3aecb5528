/*
 * Lists typed in one line, as a planner types a node's departments in
 * charge or its flags: "★結城市/まちづくり協働課、結城市/総務課".
 *
 * Words are separated by 、 , ， or blanks (space, tab, line ends and the
 * ideographic space U+3000); a run of separators counts as one, so empty
 * items are skipped. With marks on, ★ or * right before or after a word,
 * or standing alone before it ("★ 総務課"), makes it a main one and is
 * not part of the word; a mark alone with no word after it is dropped.
 * With marks off, ★ and * are ordinary characters.
 *
 * With years (namelist_split_years, marks on), a word may end with the
 * years it holds for, in parentheses ( ) or （ ）: "総務課★(R3〜R6)",
 * "★総務部総務課（R7〜）", "税務課 (〜R4)". What is inside the
 * parentheses stays whole, blanks and separators included, and is kept
 * apart from the word; the ★ may stand before the word, between the word
 * and the parentheses, or after them. Parentheses standing alone after
 * a word belong to it. The years are not read here (fy_parse_range
 * does that).
 *
 * Pure text: no store, no screen.
 */
#ifndef SHISAKU_NAMELIST_H
#define SHISAKU_NAMELIST_H

#include <stddef.h>

struct namelist_word {
	char	*text;		/* malloc'd, never empty */
	int	 main;		/* marked ★ or * (only with marks) */
	char	*years;		/* with years: what the parentheses after
				   the word hold (malloc'd), else NULL */
};

/* Splits text (NULL reads as "") into *out, a malloc'd array in typed
 * order (NULL when there is no word), and returns the number of words.
 * The caller frees it with namelist_free. */
size_t namelist_split(const char *text, int marks, struct namelist_word **out);
/* The same with marks and with years in parentheses. */
size_t namelist_split_years(const char *text, struct namelist_word **out);
void namelist_free(struct namelist_word *w, size_t n);

#endif
