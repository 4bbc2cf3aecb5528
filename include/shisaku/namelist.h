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
 * Pure text: no store, no screen.
 */
#ifndef SHISAKU_NAMELIST_H
#define SHISAKU_NAMELIST_H

#include <stddef.h>

struct namelist_word {
	char	*text;		/* malloc'd, never empty */
	int	 main;		/* marked ★ or * (only with marks) */
};

/* Splits text (NULL reads as "") into *out, a malloc'd array in typed
 * order (NULL when there is no word), and returns the number of words.
 * The caller frees it with namelist_free. */
size_t namelist_split(const char *text, int marks, struct namelist_word **out);
void namelist_free(struct namelist_word *w, size_t n);

#endif
