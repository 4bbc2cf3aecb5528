/*
 * Indicator values: a number with the indicator's unit where the document
 * has one, text where it has text, never text forced into a number.
 * Also the normalisation of Japanese input (full-width digits, signs,
 * commas, spaces). No curses, no SQL.
 */
#ifndef SHISAKU_VALUE_H
#define SHISAKU_VALUE_H

#include <stddef.h>

enum value_kind { VALUE_NONE, VALUE_NUMBER, VALUE_TEXT };

struct value {
	enum value_kind	 kind;
	double		 num;	/* VALUE_NUMBER */
	/* VALUE_TEXT: the text. VALUE_NUMBER: the number as printed when
	 * that differs from its canonical form ("98.90", "329,257"), else
	 * NULL. malloc'd, owned by the value. */
	char		*text;
};

/*
 * Parses a cell or a typed value against the indicator's unit (may be NULL
 * or ""). After normalisation (see value_normalize), a value is a number if
 * it is an optional sign, digits with optional thousands commas and optional
 * decimals, optionally followed (after optional blanks) by exactly the unit;
 * "%" is accepted for a unit of "%" only. A number keeps its printed form
 * in text when that differs from the canonical one (see struct value). Everything else non-empty is text
 * (the original string, trimmed). An empty or blank string is VALUE_NONE.
 * Returns 0, or -1 with *cause set when the text is not valid UTF-8 or is
 * longer than VALUE_TEXT_MAX bytes. *out must be released with value_clear.
 */
#define VALUE_TEXT_MAX 4000
int value_parse(const char *s, const char *unit, struct value *out, char **cause);

/*
 * Parses a strict number (for typed numeric fields): like value_parse but
 * text, and an empty string, is an error ("数値を入力してください: 例 42,
 * 98.5%, 1,200千円").
 */
int value_parse_number(const char *s, const char *unit, double *out, char **cause);

/* Text of a value: a number as printed when it was read from a printed
 * form that keeps more ("98.90", "329,257"), else canonical: without
 * thousands separators, at most 15 significant digits, no trailing zeros
 * ("98.82", "4031724014"); followed by the unit when with_unit and the
 * unit is non-empty; text as is; "" for none. Returns a malloc'd string. */
char *value_format(const struct value *v, const char *unit, int with_unit);

/* The number alone in canonical form ("98.82"); buf of at least 32 bytes. */
char *value_format_number(double num, char *buf, size_t size);

/* Same number with thousands separators for display ("4,031,724,014"). */
char *value_format_grouped(double num, char *buf, size_t size);

/* A value as a screen or a report shows it: a number as the plan
 * printed it ("98.90%", "329,257件"), else with thousands separators
 * ("78,200" for 78200 typed, "4,031,724,014円"), followed by the unit
 * when it is not NULL; text as is; "" for none. Never padded to the
 * decimals of other values. Malloc'd. */
char *value_display(const struct value *v, const char *unit);

/*
 * The stored form of a value as typed: text that reads as a number with
 * the unit becomes that number (as value_parse reads a file's cell), blank
 * text none, anything else is copied. Returns 0, or -1 with *cause (what
 * value_parse says) and *out none.
 */
int value_canonical(const struct value *in, const char *unit,
    struct value *out, char **cause);

/*
 * A value printed with its fiscal year after it in parentheses, as plans
 * print baselines ("0%(H29年)", "62.5%（令和5年度）", "1,200人 (2023)"):
 * when s is a number (as value_parse reads it against unit, or refuses
 * it: "42人" for 回) followed by a parenthesised year fy_parse reads
 * (after which 末, 時点, 現在, 実績 or 見込み may come), returns that year
 * and sets *head_len to the length of the number's part (blanks before
 * the parenthesis left out); else 0.
 */
int value_year_suffix(const char *s, const char *unit, size_t *head_len);

/* A copy of s (NULL is "") without blanks (ASCII space, tab, U+3000) at
 * either end. */
char *value_trim(const char *s);

/* The part of s[0..len) without those blanks at either end, in place:
 * its start, and its length in *out_len. */
const char *value_unblank(const char *s, size_t len, size_t *out_len);

/* A text to be stored: at most max bytes of valid UTF-8 (NULL is empty).
 * Returns 0, or -1 with *cause naming it by what ("取組実績が長すぎます"). */
int value_check_text(const char *text, const char *what, size_t max,
    char **cause);

/*
 * Whether an indicator's actual is read as a number when typed: as the
 * year's target is; without one, as the indicator's other values are
 * (others: the targets of other years, the final target, the baseline;
 * any text among them makes it a text-valued indicator); with none of
 * those, as the actual already entered is; else when it has a unit.
 * Any pointer may be NULL (others when n is 0).
 */
int value_expects_number(const struct value *target,
    const struct value *others, size_t n, const struct value *actual,
    const char *unit);

/* Examples of the numbers an actual of that unit accepts, for messages
 * ("42、1,200件、１，２００件"); malloc'd. */
char *value_number_examples(const char *unit);

void value_clear(struct value *v);
/* Makes *to a copy of *from that owns its own text. */
void value_copy(struct value *to, const struct value *from);
int value_equal(const struct value *a, const struct value *b);

/*
 * Returns a malloc'd copy of s with full-width ASCII forms U+FF01..U+FF5E
 * turned into ASCII, U+3000 into a space, and "－" "−" (U+2212) before a
 * digit into '-'; "ー" (U+30FC) too when it starts the text or follows a
 * blank, a digit or ASCII punctuation ("ー5", "1ー2", but not "コーナー2").
 * "－" not before a digit stays as it is; other text (kanji, kana, "—")
 * is untouched, and bytes that are not UTF-8 are copied unchanged.
 */
char *value_normalize(const char *s);

/* Returns 1 if s (of len bytes) is valid UTF-8 without NUL, else 0 and, if
 * bad_offset is not NULL, the byte offset of the first bad sequence. */
int utf8_valid(const char *s, size_t len, size_t *bad_offset);

#endif
