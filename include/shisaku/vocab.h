/*
 * The fixed vocabularies of the model: indicator direction, cost trend,
 * result status and workflow state. Each word has a key stored in the
 * database (ASCII), the Japanese word written in plan files and shown on
 * screen, and accepted aliases. One table per vocabulary. No curses, no SQL.
 */
#ifndef SHISAKU_VOCAB_H
#define SHISAKU_VOCAB_H

enum vocab {
	VOCAB_DIRECTION,	/* up down keep max min */
	VOCAB_TREND,		/* same up down unknown */
	VOCAB_STATUS,		/* not_started in_progress done postponed cancelled */
	VOCAB_STATE,		/* draft submitted confirmed returned */
	VOCAB_COUNT
};

/* The database key for what a user or a file wrote (Japanese word, key or
 * alias, surrounding blanks ignored), or NULL if it is not a word of the
 * vocabulary. */
const char *vocab_key(enum vocab v, const char *text);

/* The Japanese word for a database key, or NULL for an unknown key. */
const char *vocab_label(enum vocab v, const char *key);

/* The word as it is read, in kana, as an input method sends it before
 * converting it (じっしちゅう for 実施中); NULL when the vocabulary
 * gives none (only the statuses do). */
const char *vocab_reading(enum vocab v, const char *key);

/* The words of a vocabulary for messages: "増加, 減少, 維持, 以下, 以上". */
const char *vocab_choices(enum vocab v);

/* The i-th key (0-based) or NULL past the end: for choosers. */
const char *vocab_nth(enum vocab v, int i);

#endif
