/*
 * Unit tests for vocab.c: the words a plan file, a results file or a
 * form may write for an indicator's direction, a cost's trend, a result's
 * status and a workflow state, and the keys stored for them.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "shisaku/vocab.h"

/* The key, the Japanese word and every alias name the same word, with
 * blanks around them (a full-width one too); anything else none. */
TEST(test_words_and_aliases)
{
	static const struct { const char *text, *key; } dir[] = {
		{ "up", "up" }, { "増加", "up" }, { "上昇", "up" },
		{ "増", "up" }, { "向上", "up" }, { "↑", "up" },
		{ "down", "down" }, { "減少", "down" }, { "低下", "down" },
		{ "減", "down" }, { "削減", "down" }, { "↓", "down" },
		{ "keep", "keep" }, { "維持", "keep" }, { "現状維持", "keep" },
		{ "max", "max" }, { "以下", "max" }, { "上限", "max" },
		{ "以内", "max" },
		{ "min", "min" }, { "以上", "min" }, { "下限", "min" },
		{ " 増加 ", "up" }, { "\t減少", "down" },
		{ "\xe3\x80\x80維持\xe3\x80\x80", "keep" },
	};
	size_t	i;

	for (i = 0; i < sizeof dir / sizeof dir[0]; i++) {
		const char *got = vocab_key(VOCAB_DIRECTION, dir[i].text);

		if (got == NULL || strcmp(got, dir[i].key) != 0)
			fprintf(stderr, "direction \"%s\"\n", dir[i].text);
		CHECK_STR(got, dir[i].key);
	}
	CHECK(vocab_key(VOCAB_DIRECTION, "増加する") == NULL);
	CHECK(vocab_key(VOCAB_DIRECTION, "") == NULL);
	CHECK(vocab_key(VOCAB_DIRECTION, "\xe3\x80\x80") == NULL);
	CHECK(vocab_key(VOCAB_DIRECTION, NULL) == NULL);
	CHECK_STR(vocab_key(VOCAB_TREND, "="), "same");
	CHECK_STR(vocab_key(VOCAB_TREND, "前年度より拡大"), "up");
	CHECK_STR(vocab_key(VOCAB_STATUS, "実施中"), "in_progress");
	CHECK(vocab_key(VOCAB_STATUS, "向上") == NULL);
	CHECK_STR(vocab_key(VOCAB_STATE, "差し戻し"), "returned");
}

/* Each key has its word, in the order the choosers list them. */
TEST(test_labels_and_order)
{
	CHECK_STR(vocab_label(VOCAB_DIRECTION, "max"), "以下");
	CHECK_STR(vocab_label(VOCAB_STATUS, "cancelled"), "中止");
	CHECK(vocab_label(VOCAB_STATE, "nope") == NULL);
	CHECK_STR(vocab_nth(VOCAB_DIRECTION, 0), "up");
	CHECK_STR(vocab_nth(VOCAB_DIRECTION, 4), "min");
	CHECK(vocab_nth(VOCAB_DIRECTION, 5) == NULL);
	CHECK_STR(vocab_choices(VOCAB_DIRECTION), "増加, 減少, 維持, 以下, 以上");
}

/* Every status has its reading, as an input method sends it before
 * converting it (the results form chooses a status by it); no other
 * vocabulary has one. A reading is no word of a file: not a key. */
TEST(test_status_readings)
{
	const char	*key;
	int		 n;

	for (n = 0; (key = vocab_nth(VOCAB_STATUS, n)) != NULL; n++)
		CHECK(vocab_reading(VOCAB_STATUS, key) != NULL);
	CHECK_INT(n, 5);
	CHECK_STR(vocab_reading(VOCAB_STATUS, "in_progress"), "じっしちゅう");
	CHECK_STR(vocab_reading(VOCAB_STATUS, "done"), "かんりょう");
	CHECK(vocab_reading(VOCAB_STATUS, "nope") == NULL);
	CHECK(vocab_reading(VOCAB_STATUS, NULL) == NULL);
	CHECK(vocab_reading(VOCAB_STATE, "draft") == NULL);
	CHECK(vocab_reading(VOCAB_DIRECTION, "up") == NULL);
	CHECK(vocab_key(VOCAB_STATUS, "かんりょう") == NULL);
}

int
main(void)
{
	RUN(test_words_and_aliases);
	RUN(test_labels_and_order);
	RUN(test_status_readings);
	DONE();
}
