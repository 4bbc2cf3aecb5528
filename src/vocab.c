/*
 * The fixed vocabularies of the model (see vocab.h): database key,
 * Japanese word, and the aliases accepted on input.
 */
#include <string.h>

#include "shisaku/value.h"
#include "shisaku/vocab.h"

struct word {
	const char	*key;
	const char	*label;
	const char	*reading;	/* the label in kana; NULL */
	const char	*aliases[6];
};

static const struct word directions[] = {
	{ "up",   "増加", NULL, { "上昇", "増", "向上", "↑", NULL } },
	{ "down", "減少", NULL, { "低下", "減", "削減", "↓", NULL } },
	{ "keep", "維持", NULL, { "現状維持", NULL } },
	{ "max",  "以下", NULL, { "上限", "以内", NULL } },
	{ "min",  "以上", NULL, { "下限", NULL } },
	{ NULL, NULL, NULL, { NULL } }
};

static const struct word trends[] = {
	{ "same",    "同程度", NULL, { "前年度と同程度", "=", NULL } },
	{ "up",      "拡大",   NULL, { "前年度より拡大", "増", NULL } },
	{ "down",    "縮小",   NULL, { "前年度より縮小", "減", NULL } },
	{ "unknown", "不明",   NULL, { "?", NULL } },
	{ NULL, NULL, NULL, { NULL } }
};

static const struct word statuses[] = {
	{ "not_started", "未着手", "みちゃくしゅ", { NULL } },
	{ "in_progress", "実施中", "じっしちゅう", { NULL } },
	{ "done",        "完了",   "かんりょう",   { NULL } },
	{ "postponed",   "延期",   "えんき",       { NULL } },
	{ "cancelled",   "中止",   "ちゅうし",     { NULL } },
	{ NULL, NULL, NULL, { NULL } }
};

static const struct word states[] = {
	{ "draft",     "下書き", NULL, { NULL } },
	{ "submitted", "提出済", NULL, { "提出", NULL } },
	{ "confirmed", "確認済", NULL, { "確認", NULL } },
	{ "returned",  "差戻し", NULL, { "差戻", "差し戻し", NULL } },
	{ NULL, NULL, NULL, { NULL } }
};

static const struct word *const tables[VOCAB_COUNT] = {
	directions, trends, statuses, states
};

static const char *const choices[VOCAB_COUNT] = {
	"増加, 減少, 維持, 以下, 以上",
	"同程度, 拡大, 縮小, 不明",
	"未着手, 実施中, 完了, 延期, 中止",
	"下書き, 提出済, 確認済, 差戻し"
};

/* Compares text, without surrounding blanks (a spreadsheet's cell may
 * hold a full-width one), with word. */
static int
same_word(const char *text, const char *word)
{
	size_t	n;

	text = value_unblank(text, strlen(text), &n);
	return strlen(word) == n && strncmp(text, word, n) == 0;
}

const char *
vocab_key(enum vocab v, const char *text)
{
	const struct word	*w;
	int			 i;

	if (text == NULL)
		return NULL;
	for (w = tables[v]; w->key != NULL; w++) {
		if (same_word(text, w->key) || same_word(text, w->label))
			return w->key;
		for (i = 0; w->aliases[i] != NULL; i++)
			if (same_word(text, w->aliases[i]))
				return w->key;
	}
	return NULL;
}

/* The word of key in vocabulary v; NULL for none. */
static const struct word *
word_of(enum vocab v, const char *key)
{
	const struct word	*w;

	if (key == NULL)
		return NULL;
	for (w = tables[v]; w->key != NULL; w++)
		if (strcmp(key, w->key) == 0)
			return w;
	return NULL;
}

const char *
vocab_label(enum vocab v, const char *key)
{
	const struct word	*w = word_of(v, key);

	return w != NULL ? w->label : NULL;
}

const char *
vocab_reading(enum vocab v, const char *key)
{
	const struct word	*w = word_of(v, key);

	return w != NULL ? w->reading : NULL;
}

const char *
vocab_choices(enum vocab v)
{
	return choices[v];
}

const char *
vocab_nth(enum vocab v, int i)
{
	const struct word	*w;

	for (w = tables[v]; w->key != NULL; w++, i--)
		if (i == 0)
			return w->key;
	return NULL;
}
