/*
 * Unit tests for cmdline.c: lines parsed into commands (jumps to a code,
 * plans, years in every form fy_parse reads, the year display, search,
 * the commands that do what a key does), the mistakes that are refused
 * with a reason, completion of command words and plan codes, and the
 * history walked with Up and Down; and for textfold.c, whose folding the
 * command line and the search share.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "shisaku/cmdline.h"
#include "shisaku/fy.h"
#include "shisaku/textfold.h"

/* Parses a line that must parse; returns its kind, fills *c. */
static int
parse_ok(const char *line, struct cmdline_cmd *c)
{
	char	*cause = NULL;

	if (cmdline_parse(line, c, &cause) != 0) {
		FAIL_AT("\"%s\" refused: %s", line, cause);
		free(cause);
		memset(c, 0, sizeof *c);
		return -1;
	}
	return (int)c->kind;
}

/* Parses a line that must be refused; returns the reason (malloc'd). */
static char *
parse_bad(const char *line)
{
	struct cmdline_cmd	 c;
	char			*cause = NULL;

	if (cmdline_parse(line, &c, &cause) == 0) {
		FAIL_AT("\"%s\" accepted", line);
		cmdline_cmd_free(&c);
		return NULL;
	}
	return cause;
}

TEST(test_codes)
{
	struct cmdline_cmd	c;

	CHECK_INT(parse_ok("6-2-1-1", &c), CMDLINE_CODE);
	CHECK_STR(c.arg, "6-2-1-1");
	CHECK(c.command == NULL);
	cmdline_cmd_free(&c);
	/* The ':' the user may type again, and blanks, go. */
	CHECK_INT(parse_ok(" :No.19　", &c), CMDLINE_CODE);
	CHECK_STR(c.arg, "No.19");
	cmdline_cmd_free(&c);
	CHECK_INT(parse_ok("：Ⅱ", &c), CMDLINE_CODE);
	CHECK_STR(c.arg, "Ⅱ");
	cmdline_cmd_free(&c);
	/* A single word that is no command is a code too. */
	CHECK_INT(parse_ok("A1", &c), CMDLINE_CODE);
	cmdline_cmd_free(&c);
	CHECK_INT(parse_ok("", &c), CMDLINE_NONE);
	cmdline_cmd_free(&c);
	CHECK_INT(parse_ok(" : ", &c), CMDLINE_NONE);
	cmdline_cmd_free(&c);
}

TEST(test_years)
{
	static const char *const lines[] = {
		"year R7", "year 令和7", "year 2025", "year R7年度",
		"year 令和7年度", "year ｒ７", "年度 R7", "YEAR r7", "ｙｅａｒ　R7",
	};
	struct cmdline_cmd	c;
	size_t			i;
	char			*why;

	for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		if (parse_ok(lines[i], &c) != CMDLINE_YEAR) {
			FAIL_AT("\"%s\" is not :year", lines[i]);
			cmdline_cmd_free(&c);
			continue;
		}
		if (c.fy != 2025)
			FAIL_AT("\"%s\" gives %d", lines[i], c.fy);
		cmdline_cmd_free(&c);
	}
	CHECK_INT(parse_ok("year H29", &c), CMDLINE_YEAR);
	CHECK_INT(c.fy, 2017);
	cmdline_cmd_free(&c);
	why = parse_bad("year");
	CHECK(why != NULL && strstr(why, "年度") != NULL);
	free(why);
	why = parse_bad("year R99x");
	CHECK(why != NULL);
	free(why);
}

TEST(test_commands)
{
	struct cmdline_cmd	c;
	char			*why;

	CHECK_INT(parse_ok("plan yuki-ap", &c), CMDLINE_PLAN);
	CHECK_STR(c.arg, "yuki-ap");
	CHECK_STR(c.command->name, "plan");
	cmdline_cmd_free(&c);
	CHECK_INT(parse_ok("計画 yuki-ap", &c), CMDLINE_PLAN);
	cmdline_cmd_free(&c);
	why = parse_bad("plan");
	CHECK(why != NULL && strstr(why, "計画のコード") != NULL);
	free(why);

	CHECK_INT(parse_ok("help", &c), CMDLINE_KEY);
	CHECK_INT(c.act, ACT_HELP);
	cmdline_cmd_free(&c);
	CHECK_INT(parse_ok("q", &c), CMDLINE_KEY);
	CHECK_INT(c.act, ACT_QUIT);
	cmdline_cmd_free(&c);
	CHECK_INT(parse_ok("quit", &c), CMDLINE_KEY);
	CHECK_INT(c.act, ACT_QUIT);
	cmdline_cmd_free(&c);
	CHECK_INT(parse_ok("roadmap", &c), CMDLINE_KEY);
	CHECK_INT(c.act, ACT_ROADMAP);
	cmdline_cmd_free(&c);
	why = parse_bad("help me");
	CHECK(why != NULL && strstr(why, "何も書きません") != NULL);
	free(why);

	CHECK_INT(parse_ok("search 電子 申請", &c), CMDLINE_SEARCH);
	CHECK_STR(c.arg, "電子 申請");
	cmdline_cmd_free(&c);
	why = parse_bad("search");
	CHECK(why != NULL);
	free(why);

	CHECK_INT(parse_ok("era", &c), CMDLINE_ERA);
	CHECK_INT(c.style, -1);
	cmdline_cmd_free(&c);
	CHECK_INT(parse_ok("era western", &c), CMDLINE_ERA);
	CHECK_INT(c.style, FY_STYLE_WESTERN);
	cmdline_cmd_free(&c);
	CHECK_INT(parse_ok("era 併記", &c), CMDLINE_ERA);
	CHECK_INT(c.style, FY_STYLE_BOTH);
	cmdline_cmd_free(&c);
	why = parse_bad("era roman");
	CHECK(why != NULL);
	free(why);

	/* Letters and more that name no command: said, not taken as a
	 * code. */
	why = parse_bad("plna yuki-ap");
	CHECK(why != NULL && strstr(why, "不明なコマンドです: plna") != NULL);
	free(why);
}

TEST(test_table)
{
	const struct cmdline_command	*t;
	size_t				 n, i, j;

	t = cmdline_commands(&n);
	CHECK(n >= 10);
	for (i = 0; i < n; i++) {
		CHECK(t[i].name != NULL && *t[i].name != '\0');
		CHECK((t[i].kind == CMDLINE_KEY) == (t[i].act != ACT_NONE));
		for (j = i + 1; j < n; j++)
			if (strcmp(t[i].name, t[j].name) == 0)
				FAIL_AT("%s twice", t[i].name);
	}
}

/* The completion's words joined by blanks. */
static void
words(const struct cmdline_completion *c, char *buf, size_t size)
{
	size_t	i, o = 0;

	buf[0] = '\0';
	for (i = 0; i < c->n && o + 1 < size; i++)
		o += (size_t)snprintf(buf + o, size - o, "%s%s", i ? " " : "",
		    c->words[i]);
}

TEST(test_complete)
{
	static const char *const plans[] = {
		"yuki-ap", "omitama-dx", "omitama-1", "shimotsuma-6"
	};
	struct cmdline_completion	c;
	char				buf[512];

	cmdline_complete("pl", plans, 4, &c);
	words(&c, buf, sizeof buf);
	CHECK_STR(buf, "plan");
	CHECK_STR(c.base, "");
	CHECK_INT(c.takes_arg, 1);
	cmdline_completion_free(&c);

	cmdline_complete(":ye", plans, 4, &c);
	words(&c, buf, sizeof buf);
	CHECK_STR(buf, "year");
	CHECK_STR(c.base, ":");
	cmdline_completion_free(&c);

	cmdline_complete("m", plans, 4, &c);
	words(&c, buf, sizeof buf);
	CHECK_STR(buf, "mine mywork");
	CHECK_STR(c.common, "m");
	CHECK_INT(c.takes_arg, 0);
	cmdline_completion_free(&c);

	cmdline_complete("he", plans, 4, &c);
	CHECK_INT(c.n, 1);
	CHECK_INT(c.takes_arg, 0);
	cmdline_completion_free(&c);

	/* Every command for an empty word; Japanese names for Japanese. */
	cmdline_complete("", plans, 4, &c);
	CHECK(c.n >= 10);
	cmdline_completion_free(&c);
	cmdline_complete("計", plans, 4, &c);
	words(&c, buf, sizeof buf);
	CHECK_STR(buf, "計画");
	cmdline_completion_free(&c);

	cmdline_complete("plan omi", plans, 4, &c);
	words(&c, buf, sizeof buf);
	CHECK_STR(buf, "omitama-dx omitama-1");
	CHECK_STR(c.common, "omitama-");
	CHECK_STR(c.base, "plan ");
	cmdline_completion_free(&c);
	cmdline_complete("plan ", plans, 4, &c);
	CHECK_INT(c.n, 4);
	cmdline_completion_free(&c);
	cmdline_complete("plan Ｙ", plans, 4, &c);
	words(&c, buf, sizeof buf);
	CHECK_STR(buf, "yuki-ap");
	cmdline_completion_free(&c);

	cmdline_complete("era w", plans, 4, &c);
	words(&c, buf, sizeof buf);
	CHECK_STR(buf, "western");
	cmdline_completion_free(&c);

	/* Nothing to offer for a code or a year. */
	cmdline_complete("year R", plans, 4, &c);
	CHECK_INT(c.n, 0);
	cmdline_completion_free(&c);
	cmdline_complete("zz", plans, 4, &c);
	CHECK_INT(c.n, 0);
	cmdline_completion_free(&c);
}

TEST(test_history)
{
	struct cmdline_history	h;
	const char		*s;
	int			i;
	char			line[32];

	memset(&h, 0, sizeof h);
	CHECK(cmdline_history_prev(&h, "x") == NULL);
	cmdline_history_add(&h, "year R7");
	cmdline_history_add(&h, "plan yuki-ap");
	cmdline_history_add(&h, "plan yuki-ap");	/* the same again */
	cmdline_history_add(&h, "  ");			/* empty */
	CHECK_INT(h.n, 2);
	s = cmdline_history_prev(&h, "6-2");
	CHECK_STR(s, "plan yuki-ap");
	s = cmdline_history_prev(&h, "ignored");
	CHECK_STR(s, "year R7");
	CHECK(cmdline_history_prev(&h, "ignored") == NULL);
	s = cmdline_history_next(&h);
	CHECK_STR(s, "plan yuki-ap");
	/* Past the newest: the line that was being typed. */
	s = cmdline_history_next(&h);
	CHECK_STR(s, "6-2");
	CHECK(cmdline_history_next(&h) == NULL);
	/* A new line starts at the end. */
	cmdline_history_prev(&h, "");
	cmdline_history_add(&h, ":help");
	CHECK_INT(h.n, 3);
	CHECK_STR(h.lines[2], "help");
	s = cmdline_history_prev(&h, "");
	CHECK_STR(s, "help");
	/* At most CMDLINE_HISTORY_MAX lines, the oldest go. */
	for (i = 0; i < CMDLINE_HISTORY_MAX + 5; i++) {
		snprintf(line, sizeof line, "No.%d", i);
		cmdline_history_add(&h, line);
	}
	CHECK_INT(h.n, CMDLINE_HISTORY_MAX);
	CHECK_STR(h.lines[0], "No.5");
	cmdline_history_free(&h);
}

/* The UTF-8 of code point c into out (5 bytes), NUL-ended. */
static void
utf8_of(unsigned long c, char *out)
{
	unsigned char	*u = (unsigned char *)out;

	if (c < 0x80) {
		u[0] = (unsigned char)c;
		u[1] = 0;
	} else if (c < 0x800) {
		u[0] = (unsigned char)(0xC0 | (c >> 6));
		u[1] = (unsigned char)(0x80 | (c & 0x3F));
		u[2] = 0;
	} else if (c < 0x10000) {
		u[0] = (unsigned char)(0xE0 | (c >> 12));
		u[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (c & 0x3F));
		u[3] = 0;
	} else {
		u[0] = (unsigned char)(0xF0 | (c >> 18));
		u[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
		u[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
		u[3] = (unsigned char)(0x80 | (c & 0x3F));
		u[4] = 0;
	}
}

/* Every character folds as textfold.h says, alone and between others,
 * whatever way the folding takes through it. */
TEST(test_fold_every_character)
{
	char		 in[16], want[16], out[16], *s;
	unsigned long	 c, w;
	size_t		 n, wrong = 0;

	for (c = 1; c <= 0x10FFFF && wrong < 5; c++) {
		if (c >= 0xD800 && c <= 0xDFFF)
			continue;
		if (c >= 0xFF01 && c <= 0xFF5E)
			w = c - 0xFF01 + 0x21;
		else if (c == 0x3000)
			w = ' ';
		else if ((c >= 0x2010 && c <= 0x2013) || c == 0x2212)
			w = '-';
		else
			w = c;
		if (w >= 'A' && w <= 'Z')
			w += 'a' - 'A';
		in[0] = 'x';
		utf8_of(c, in + 1);
		strcat(in, "y");
		want[0] = 'x';
		utf8_of(w, want + 1);
		strcat(want, "y");
		n = tf_fold_into(in, strlen(in), out);
		if (strcmp(out, want) != 0 || n != strlen(want)) {
			FAIL_AT("U+%04lX folds to \"%s\", want \"%s\"", c, out,
			    want);
			wrong++;
		}
	}
	/* A character cut by the length, or with a byte that does not
	 * continue it, is kept byte by byte; so is a surrogate. */
	n = tf_fold_into("あい", 5, out);
	CHECK_INT(n, 5);
	CHECK(memcmp(out, "あい", 5) == 0 && out[5] == '\0');
	s = tf_fold("\xe3\x81" "A" "\xe3" "B\xed\xa0\x80" "C");
	CHECK_STR(s, "\xe3\x81" "a" "\xe3" "b\xed\xa0\x80" "c");
	free(s);
	s = tf_fold("　ＡＢＣ　カナ");	/* U+3000 on both sides */
	CHECK_STR(s, " abc カナ");
	free(s);
}

TEST(test_fold)
{
	char		*s;
	const char	*m;
	size_t		 len, at;

	s = tf_fold("Ｎｏ．１９　ABC－");
	CHECK_STR(s, "no.19 abc-");
	free(s);
	CHECK(tf_contains("取組内容ＡＢＣ", "abc"));
	CHECK(tf_contains("100%達成", "１００％"));
	CHECK(!tf_contains("ひらがな", "ヒラガナ"));
	CHECK(tf_contains("any", ""));
	m = tf_find("手段はＡＢＣです", "bc", &len);
	CHECK(m != NULL);
	if (m != NULL) {
		CHECK_INT(len, 6);		/* ＢＣ: two 3-byte characters */
		CHECK(strncmp(m, "ＢＣ", len) == 0);
	}
	CHECK(tf_find("abc", "abcd", &len) == NULL);
	/* Invalid bytes are kept, and never match a character. */
	CHECK(tf_contains("a\xff" "b", "\xff"));
	CHECK(!tf_contains("a\xff" "b", "ab"));

	/* Narrowed: as folded, but the case kept; other characters and
	 * invalid bytes as they are. */
	s = tf_narrow("Ｎｏ．１９　ABC－ｊ７");
	CHECK_STR(s, "No.19 ABC-j7");
	free(s);
	s = tf_narrow("笠間市／総務課‐１\xff");
	CHECK_STR(s, "笠間市/総務課-1\xff");
	free(s);
	s = tf_narrow("");
	CHECK_STR(s, "");
	free(s);
	/* ー typed for a hyphen after a digit or letter; not in a word. */
	s = tf_narrow("Ｇ１ー１ーａ");
	CHECK_STR(s, "G1-1-a");
	free(s);
	s = tf_narrow("センター１ー");
	CHECK_STR(s, "センター1-");
	free(s);
	s = tf_narrow("ー１");
	CHECK_STR(s, "ー1");
	free(s);
	/* Narrowed only when it changes. */
	CHECK(tf_narrowed("J7") == NULL);
	CHECK(tf_narrowed("センター") == NULL);
	s = tf_narrowed("Ｊ７");
	CHECK_STR(s, "J7");
	free(s);

	s = tf_code_key("No.19");
	CHECK_STR(s, "19");
	free(s);
	s = tf_code_key("【６－２－１－１】");
	CHECK_STR(s, "6-2-1-1");
	free(s);
	s = tf_code_key("Ⅲ");
	CHECK_STR(s, "iii");
	free(s);
	s = tf_code_key("№ 3");
	CHECK_STR(s, "3");
	free(s);
	s = tf_code_key("note");
	CHECK_STR(s, "note");
	free(s);
	s = tf_code_key("(2)");
	CHECK_STR(s, "(2)");
	free(s);

	s = tf_excerpt("一行目\n二行目に電子申請の語", "電子申請", 3, &at, &len);
	CHECK_STR(s, "...行目に電子申請の語");
	CHECK_INT(at, strlen("...行目に"));
	CHECK_INT(len, strlen("電子申請"));
	free(s);
	s = tf_excerpt("電子申請\nの語", "電子", 5, &at, &len);
	CHECK_STR(s, "電子申請 の語");
	CHECK_INT(at, 0);
	free(s);
	s = tf_excerpt("ない", "電子", 5, &at, &len);
	CHECK_STR(s, "ない");
	CHECK_INT(len, 0);
	free(s);
}

int
main(void)
{
	RUN(test_codes);
	RUN(test_years);
	RUN(test_commands);
	RUN(test_table);
	RUN(test_complete);
	RUN(test_history);
	RUN(test_fold);
	RUN(test_fold_every_character);
	DONE();
}
