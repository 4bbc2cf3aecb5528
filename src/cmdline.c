/*
 * The command line's commands, parser, completion and history (see
 * cmdline.h). The table below is the one list of commands: the parser,
 * the completion and the help screen read it, and the man page lists
 * the same names (tests/checks/man.sh).
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/cmdline.h"
#include "shisaku/fy.h"
#include "shisaku/textfold.h"
#include "shisaku/util.h"

static const struct cmdline_command cmdline_table[] = {
	{ "plan", "計画", CMDLINE_PLAN, ACT_NONE, CMDLINE_ARG_PLAN, 1,
	    ":plan コード", "計画を開く（その施策体系へ）" },
	{ "year", "年度", CMDLINE_YEAR, ACT_NONE, CMDLINE_ARG_YEAR, 1,
	    ":year 年度", "年度を選ぶ（2025, R7, 令和7年度, R7年度）" },
	{ "era", "年の表示", CMDLINE_ERA, ACT_NONE, CMDLINE_ARG_STYLE, 0,
	    ":era [era|western|both]", "年の表示（和暦/西暦/併記、省くと切り替え）" },
	{ "search", "検索", CMDLINE_SEARCH, ACT_NONE, CMDLINE_ARG_TEXT, 1,
	    ":search 語", "一致の一覧（計画一覧・自分の仕事では全計画、計画の中ではその計画）" },
	{ "tree", "施策体系", CMDLINE_KEY, ACT_TREE, CMDLINE_ARG_NONE, 0,
	    ":tree", "施策体系" },
	{ "roadmap", "ロードマップ", CMDLINE_KEY, ACT_ROADMAP,
	    CMDLINE_ARG_NONE, 0, ":roadmap", "ロードマップ" },
	{ "indicators", "指標", CMDLINE_KEY, ACT_INDICATORS, CMDLINE_ARG_NONE,
	    0, ":indicators", "指標一覧" },
	{ "mine", "自分の担当", CMDLINE_KEY, ACT_FILTER_MINE,
	    CMDLINE_ARG_NONE, 0, ":mine", "自分の担当の指標" },
	{ "mywork", "自分の仕事", CMDLINE_KEY, ACT_MYWORK, CMDLINE_ARG_NONE,
	    0, ":mywork", "自分の仕事" },
	{ "depts", "部署", CMDLINE_KEY, ACT_DEPTS, CMDLINE_ARG_NONE, 0,
	    ":depts", "部署の一覧（計画一覧で）" },
	{ "help", "ヘルプ", CMDLINE_KEY, ACT_HELP, CMDLINE_ARG_NONE, 0,
	    ":help", "ヘルプ" },
	{ "quit", "終了", CMDLINE_KEY, ACT_QUIT, CMDLINE_ARG_NONE, 0,
	    ":quit :q", "終了（保存していない変更があれば確かめる）" },
	{ "q", NULL, CMDLINE_KEY, ACT_QUIT, CMDLINE_ARG_NONE, 0,
	    NULL, NULL },
};
#define CMDLINE_NCOMMANDS (sizeof cmdline_table / sizeof cmdline_table[0])

const struct cmdline_command *
cmdline_commands(size_t *n)
{
	*n = CMDLINE_NCOMMANDS;
	return cmdline_table;
}

/* Bytes of a blank at s (space, tab, U+3000), 0 if none. */
static size_t
cmdline_blank(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if (strncmp(s, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* A copy of s without blanks around it and without one leading ':'. */
static char *
cmdline_trim(const char *s)
{
	const char	*end;
	size_t		 n;

	while ((n = cmdline_blank(s)) > 0)
		s += n;
	if (*s == ':')
		s++;
	else if (strncmp(s, "\xef\xbc\x9a", 3) == 0)	/* ： */
		s += 3;
	while ((n = cmdline_blank(s)) > 0)
		s += n;
	end = s + strlen(s);
	for (;;) {
		if (end > s && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		else if (end - s >= 3 && strncmp(end - 3, "\xe3\x80\x80", 3) == 0)
			end -= 3;
		else
			break;
	}
	return xstrndup(s, (size_t)(end - s));
}

/* Splits a trimmed line at its first blank: the word's length and where
 * the rest starts (blanks skipped). */
static size_t
cmdline_split(const char *line, const char **rest)
{
	const char	*p = line;
	size_t		 n;

	while (*p != '\0' && cmdline_blank(p) == 0)
		p++;
	n = (size_t)(p - line);
	while (cmdline_blank(p) > 0)
		p += cmdline_blank(p);
	*rest = p;
	return n;
}

/* The command a word names (folded for the names, as typed for the
 * Japanese ones), or NULL. */
static const struct cmdline_command *
cmdline_find(const char *word, size_t len)
{
	char	*w = xstrndup(word, len), *f = tf_fold(w);
	size_t	 i;
	const struct cmdline_command *c = NULL;

	for (i = 0; i < CMDLINE_NCOMMANDS && c == NULL; i++)
		if (strcmp(f, cmdline_table[i].name) == 0 ||
		    (cmdline_table[i].alias != NULL &&
		    strcmp(w, cmdline_table[i].alias) == 0))
			c = &cmdline_table[i];
	free(w);
	free(f);
	return c;
}

/* Whether s[0..len) is ASCII letters only. */
static int
cmdline_letters(const char *s, size_t len)
{
	size_t	i;

	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
			return 0;
	return len > 0;
}

void
cmdline_cmd_free(struct cmdline_cmd *c)
{
	free(c->arg);
	c->arg = NULL;
}

int
cmdline_parse(const char *line, struct cmdline_cmd *out, char **cause)
{
	const struct cmdline_command	*c;
	const char			*rest;
	char				*t = cmdline_trim(line != NULL ? line : "");
	char				*why = NULL;
	size_t				 wlen;

	memset(out, 0, sizeof *out);
	out->style = -1;
	if (*t == '\0') {
		out->kind = CMDLINE_NONE;
		out->arg = t;
		return 0;
	}
	wlen = cmdline_split(t, &rest);
	c = cmdline_find(t, wlen);
	if (c == NULL) {
		if (*rest != '\0' && cmdline_letters(t, wlen)) {
			*cause = xasprintf("不明なコマンドです: %.*s（Tab で候補）",
			    (int)wlen, t);
			free(t);
			return -1;
		}
		out->kind = CMDLINE_CODE;
		out->arg = t;
		return 0;
	}
	out->command = c;
	out->kind = c->kind;
	out->act = c->act;
	out->arg = xstrdup(rest);
	free(t);
	if (c->arg == CMDLINE_ARG_NONE && *out->arg != '\0') {
		*cause = xasprintf("%s のあとには何も書きません: %s", c->name,
		    out->arg);
		goto fail;
	}
	if (c->arg_required && *out->arg == '\0') {
		*cause = xasprintf("%s のあとに%sを書いてください（例: :%s）",
		    c->name, c->arg == CMDLINE_ARG_PLAN ? "計画のコード" :
		    c->arg == CMDLINE_ARG_YEAR ? "年度" : "検索する語",
		    c->arg == CMDLINE_ARG_PLAN ? "plan yuki-ap" :
		    c->arg == CMDLINE_ARG_YEAR ? "year R7" : "search 電子申請");
		goto fail;
	}
	if (c->arg == CMDLINE_ARG_YEAR) {
		out->fy = fy_parse(out->arg, &why);
		if (out->fy < 0) {
			*cause = why != NULL ? why :
			    xasprintf("年度が読めません: %s", out->arg);
			goto fail;
		}
	}
	if (c->arg == CMDLINE_ARG_STYLE && *out->arg != '\0') {
		char *f = tf_fold(out->arg);

		out->style = fy_style_parse(f);
		free(f);
		if (out->style < 0) {
			*cause = xasprintf("年の表示は era（和暦）、western（西暦）、"
			    "both（併記）のどれかです: %s", out->arg);
			goto fail;
		}
	}
	return 0;
fail:
	cmdline_cmd_free(out);
	return -1;
}

void
cmdline_completion_free(struct cmdline_completion *c)
{
	size_t	i;

	for (i = 0; i < c->n; i++)
		free(c->words[i]);
	free(c->words);
	free(c->base);
	free(c->common);
	memset(c, 0, sizeof *c);
}

/* Adds word if it begins with the folded prefix (and is new). */
static void
cmdline_offer(struct cmdline_completion *c, const char *word,
    const char *prefix)
{
	char	*f = tf_fold(word);
	size_t	 i;
	int	 fits = strncmp(f, prefix, strlen(prefix)) == 0;

	free(f);
	if (!fits)
		return;
	for (i = 0; i < c->n; i++)
		if (strcmp(c->words[i], word) == 0)
			return;
	c->words = xreallocarray(c->words, c->n + 1, sizeof *c->words);
	c->words[c->n++] = xstrdup(word);
}

/* The longest common beginning of the candidates, in whole characters. */
static char *
cmdline_common(const struct cmdline_completion *c)
{
	size_t	len, i, k;

	if (c->n == 0)
		return xstrdup("");
	len = strlen(c->words[0]);
	for (i = 1; i < c->n; i++) {
		for (k = 0; k < len && c->words[i][k] == c->words[0][k]; k++)
			;
		len = k;
	}
	while (len > 0 && (c->words[0][len] & 0xC0) == 0x80)
		len--;			/* not inside a character */
	return xstrndup(c->words[0], len);
}

void
cmdline_complete(const char *line, const char *const *plans, size_t nplans,
    struct cmdline_completion *out)
{
	const struct cmdline_command	*cmd;
	const char			*s = line != NULL ? line : "", *rest;
	const char			*word;
	char				*prefix;
	size_t				 i, n, wlen;
	static const char *const styles[] = { "era", "western", "both" };

	memset(out, 0, sizeof *out);
	/* Keep what comes before the command word as it is. */
	while ((n = cmdline_blank(s)) > 0)
		s += n;
	if (*s == ':')
		s++;
	else if (strncmp(s, "\xef\xbc\x9a", 3) == 0)
		s += 3;
	wlen = cmdline_split(s, &rest);
	if (s[wlen] == '\0') {
		/* The command word itself. */
		out->base = xstrndup(line, (size_t)(s - line));
		prefix = tf_fold(s);
		for (i = 0; i < CMDLINE_NCOMMANDS; i++) {
			if (cmdline_table[i].usage == NULL)
				continue;	/* an abbreviation */
			cmdline_offer(out, cmdline_table[i].name, prefix);
			if (cmdline_table[i].alias != NULL && *prefix != '\0' &&
			    (unsigned char)*prefix >= 0x80)
				cmdline_offer(out, cmdline_table[i].alias, s);
		}
		free(prefix);
		if (out->n == 1)
			out->takes_arg = cmdline_find(out->words[0],
			    strlen(out->words[0]))->arg != CMDLINE_ARG_NONE;
		out->common = cmdline_common(out);
		return;
	}
	/* An argument: the last word after the command word. */
	cmd = cmdline_find(s, wlen);
	word = rest;
	for (n = 0; rest[n] != '\0'; n++)
		if (cmdline_blank(rest + n) > 0)
			word = rest + n + cmdline_blank(rest + n);
	out->base = xstrndup(line, (size_t)(word - line));
	prefix = tf_fold(word);
	if (cmd != NULL && cmd->arg == CMDLINE_ARG_PLAN && word == rest)
		for (i = 0; i < nplans; i++)
			cmdline_offer(out, plans[i], prefix);
	if (cmd != NULL && cmd->arg == CMDLINE_ARG_STYLE && word == rest)
		for (i = 0; i < sizeof styles / sizeof styles[0]; i++)
			cmdline_offer(out, styles[i], prefix);
	free(prefix);
	out->common = cmdline_common(out);
}

void
cmdline_history_add(struct cmdline_history *h, const char *line)
{
	char	*t = cmdline_trim(line != NULL ? line : "");

	if (*t == '\0' || (h->n > 0 && strcmp(h->lines[h->n - 1], t) == 0)) {
		free(t);
		cmdline_history_reset(h);
		return;
	}
	if (h->n == CMDLINE_HISTORY_MAX) {
		free(h->lines[0]);
		memmove(h->lines, h->lines + 1, (h->n - 1) * sizeof *h->lines);
		h->n--;
	}
	h->lines = xreallocarray(h->lines, h->n + 1, sizeof *h->lines);
	h->lines[h->n++] = t;
	cmdline_history_reset(h);
}

void
cmdline_history_reset(struct cmdline_history *h)
{
	h->at = h->n;
	free(h->draft);
	h->draft = NULL;
}

const char *
cmdline_history_prev(struct cmdline_history *h, const char *current)
{
	if (h->at == 0)
		return NULL;
	if (h->at == h->n) {
		free(h->draft);
		h->draft = xstrdup(current != NULL ? current : "");
	}
	return h->lines[--h->at];
}

const char *
cmdline_history_next(struct cmdline_history *h)
{
	if (h->at >= h->n)
		return NULL;
	if (++h->at == h->n)
		return h->draft != NULL ? h->draft : "";
	return h->lines[h->at];
}

void
cmdline_history_free(struct cmdline_history *h)
{
	while (h->n > 0)
		free(h->lines[--h->n]);
	free(h->lines);
	free(h->draft);
	memset(h, 0, sizeof *h);
}
