/*
 * Lists typed in one line: how a planner's list of departments or flags
 * is cut into words, and which words the ★ or * marks make main ones.
 */

#include <stdlib.h>

#include "harness.h"
#include "shisaku/namelist.h"

/*
 * The words namelist_split finds in text, as "word|+main word|…" ("" for
 * none), so a whole split is checked at once; marks 2 is
 * namelist_split_years, whose years show as "word{R3〜R6}". The array must be NULL
 * exactly when there is no word, and every word non-empty.
 */
static const char *
split(const char *text, int marks)
{
	static char			 buf[1024];
	static struct namelist_word	 unset;
	struct namelist_word		*w = &unset;
	size_t				 n, i;

	n = marks == 2 ? namelist_split_years(text, &w) :
	    namelist_split(text, marks, &w);
	buf[0] = '\0';
	if ((n == 0) != (w == NULL))
		return "(array and count disagree)";
	for (i = 0; i < n; i++) {
		if (w[i].text[0] == '\0') {
			namelist_free(w, n);
			return "(empty word)";
		}
		if (i > 0)
			strcat(buf, "|");
		if (w[i].main)
			strcat(buf, "+");
		strcat(buf, w[i].text);
		if (w[i].years != NULL) {
			strcat(buf, "{");
			strcat(buf, w[i].years);
			strcat(buf, "}");
		}
	}
	namelist_free(w, n);
	return buf;
}

TEST(test_every_separator)
{
	CHECK_STR(split("総務課、企画課,財政課，税務課 市民課\t福祉課", 1),
	    "総務課|企画課|財政課|税務課|市民課|福祉課");
	CHECK_STR(split("保険課\xe3\x80\x80環境課\n土木課\r\n水道課", 1),
	    "保険課|環境課|土木課|水道課");
}

TEST(test_words_keep_their_inner_text)
{
	CHECK_STR(split("結城市/まちづくり協働課、No.1-2 重点事業", 1),
	    "結城市/まちづくり協働課|No.1-2|重点事業");
}

TEST(test_empty_items_are_skipped)
{
	CHECK_STR(split("、、総務課,,、 \xe3\x80\x80企画課 、", 1),
	    "総務課|企画課");
}

TEST(test_mark_before_a_word)
{
	CHECK_STR(split("★総務課、*企画課、財政課", 1),
	    "+総務課|+企画課|財政課");
}

TEST(test_mark_after_a_word)
{
	CHECK_STR(split("総務課★、企画課*、財政課", 1),
	    "+総務課|+企画課|財政課");
	CHECK_STR(split("★*財政課*★", 1), "+財政課");
}

TEST(test_mark_alone_marks_the_next_word)
{
	/* A mark standing alone belongs to the word after it, not before. */
	CHECK_STR(split("総務課 ★ 企画課、財政課 * 、税務課 ★", 1),
	    "総務課|+企画課|財政課|+税務課");
	/* A mark with no word after it is nothing. */
	CHECK_STR(split("総務課、★", 1), "総務課");
	CHECK_STR(split("★、 * ", 1), "");
}

TEST(test_marks_off_keep_the_stars)
{
	CHECK_STR(split("★総務課、企画課*、★", 0), "★総務課|企画課*|★");
}

TEST(test_empty_text_and_null)
{
	CHECK_STR(split("", 1), "");
	CHECK_STR(split(" 、,\xe3\x80\x80\t", 1), "");
	CHECK_STR(split(NULL, 1), "");
	CHECK_STR(split(NULL, 0), "");
	namelist_free(NULL, 0);
}

TEST(test_years_in_parentheses)
{
	/* The forms a planner types, and the form a load gives. */
	CHECK_STR(split("総務課★(R3〜R6) 総務部総務課★(R7〜)", 2),
	    "+総務課{R3〜R6}|+総務部総務課{R7〜}");
	CHECK_STR(split("★結城市/総務課(〜R4)、★結城市/企画課(R5〜)、協働課", 2),
	    "+結城市/総務課{〜R4}|+結城市/企画課{R5〜}|協働課");
	/* Full-width parentheses, ★ after them, blanks inside. */
	CHECK_STR(split("税務課（令和3年度 〜 令和5年度）★，収納課(R6)", 2),
	    "+税務課{令和3年度 〜 令和5年度}|収納課{R6}");
	/* Separators inside the parentheses do not cut. */
	CHECK_STR(split("総務課(R3, R4)、企画課", 2), "総務課{R3, R4}|企画課");
	/* Parentheses standing alone belong to the word before. */
	CHECK_STR(split("総務課 (R3〜R6)、企画課 ★(R7〜)", 2),
	    "総務課{R3〜R6}|+企画課{R7〜}");
	/* ...but not to one that has years already, nor to nothing. */
	CHECK_STR(split("(R3)、総務課(R4) (R5)", 2), "(R3)|総務課{R4}|(R5)");
	/* An unclosed parenthesis runs to the end and is no years. */
	CHECK_STR(split("総務課(R3〜、企画課", 2), "総務課(R3〜、企画課");
	/* Without years, parentheses are ordinary characters. */
	CHECK_STR(split("総務課(R3〜R6)", 1), "総務課(R3〜R6)");
	CHECK_STR(split("総務課(R3 R6)", 1), "総務課(R3|R6)");
}

int
main(void)
{
	RUN(test_every_separator);
	RUN(test_words_keep_their_inner_text);
	RUN(test_empty_items_are_skipped);
	RUN(test_mark_before_a_word);
	RUN(test_mark_after_a_word);
	RUN(test_mark_alone_marks_the_next_word);
	RUN(test_marks_off_keep_the_stars);
	RUN(test_empty_text_and_null);
	RUN(test_years_in_parentheses);
	DONE();
}
