/*
 * Unit tests for the key table: the shipped defaults bind what keys.md
 * says, a user's [keys] overrides an action's keys, and bad action or key
 * names and a key bound twice are refused with a message naming them.
 */
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "shisaku/config.h"
#include "shisaku/keys.h"

static char tmpdir[64];

/* Loads the defaults plus text as a user's file, then the key table.
 * Returns keys_init's result; *cause is set on failure. */
static int
load_keys(const char *text, char **cause)
{
	char		 path[128];
	struct config	*c;
	FILE		*f;
	int		 rc;

	*cause = NULL;
	snprintf(path, sizeof path, "%s/test.ini", tmpdir);
	f = fopen(path, "w");
	if (f == NULL)
		return -2;
	fputs(text, f);
	fclose(f);
	c = config_load(path, cause);
	unlink(path);
	if (c == NULL)
		return -2;
	rc = keys_init(c, cause);
	config_free(c);
	return rc;
}

TEST(test_defaults)
{
	char	*cause = NULL;

	CHECK_INT(load_keys("", &cause), 0);
	CHECK(cause == NULL);
	CHECK_INT(keys_lookup(0, 'j'), ACT_DOWN);
	CHECK_INT(keys_lookup(1, KEY_DOWN), ACT_DOWN);
	CHECK_INT(keys_lookup(0, 'k'), ACT_UP);
	CHECK_INT(keys_lookup(1, KEY_UP), ACT_UP);
	CHECK_INT(keys_lookup(0, 'h'), ACT_LEFT);
	CHECK_INT(keys_lookup(1, KEY_RIGHT), ACT_RIGHT);
	CHECK_INT(keys_lookup(1, KEY_NPAGE), ACT_PAGE_DOWN);
	CHECK_INT(keys_lookup(0, 6), ACT_PAGE_DOWN);		/* C-f */
	CHECK_INT(keys_lookup(0, ' '), ACT_PAGE_DOWN);
	CHECK_INT(keys_lookup(0, 2), ACT_PAGE_UP);		/* C-b */
	CHECK_INT(keys_lookup(0, 'g'), ACT_TOP);
	CHECK_INT(keys_lookup(1, KEY_HOME), ACT_TOP);
	CHECK_INT(keys_lookup(1, KEY_FIND), ACT_TOP);		/* alias */
	CHECK_INT(keys_lookup(0, 'G'), ACT_BOTTOM);
	CHECK_INT(keys_lookup(1, KEY_END), ACT_BOTTOM);
	CHECK_INT(keys_lookup(0, '\n'), ACT_OPEN);
	CHECK_INT(keys_lookup(0, '\r'), ACT_OPEN);		/* alias */
	CHECK_INT(keys_lookup(1, KEY_ENTER), ACT_OPEN);		/* alias */
	CHECK_INT(keys_lookup(0, 27), ACT_BACK);
	CHECK_INT(keys_lookup(0, 'q'), ACT_BACK);
	CHECK_INT(keys_lookup(0, 'Q'), ACT_QUIT);
	CHECK_INT(keys_lookup(0, '?'), ACT_HELP);
	CHECK_INT(keys_lookup(1, KEY_F(1)), ACT_HELP);
	CHECK_INT(keys_lookup(0, '/'), ACT_SEARCH);
	CHECK_INT(keys_lookup(0, 'n'), ACT_SEARCH_NEXT);
	CHECK_INT(keys_lookup(0, 'N'), ACT_SEARCH_PREV);
	CHECK_INT(keys_lookup(0, '\t'), ACT_NEXT_PANE);
	CHECK_INT(keys_lookup(1, KEY_BTAB), ACT_PREV_PANE);
	CHECK_INT(keys_lookup(0, 'd'), ACT_FILTER_DEPT);
	CHECK_INT(keys_lookup(0, 'c'), ACT_FILTER_CLEAR);
	CHECK_INT(keys_lookup(0, '['), ACT_YEAR_PREV);
	CHECK_INT(keys_lookup(0, ']'), ACT_YEAR_NEXT);
	CHECK_INT(keys_lookup(0, 'y'), ACT_YEAR_PICK);
	CHECK_INT(keys_lookup(0, 'e'), ACT_ERA_TOGGLE);
	CHECK_INT(keys_lookup(0, 'E'), ACT_EDIT);
	CHECK_INT(keys_lookup(0, 'H'), ACT_HISTORY);
	CHECK_INT(keys_lookup(0, 12), ACT_REDRAW);		/* C-l */
	/* Unbound keys, and a character key is not a function key. */
	CHECK_INT(keys_lookup(0, 'z'), ACT_NONE);
	CHECK_INT(keys_lookup(1, 'j'), ACT_NONE);
	CHECK_INT(keys_lookup(0, L'ｊ'), ACT_NONE);
	CHECK_INT(keys_lookup(1, KEY_BACKSPACE), ACT_NONE);
	/* Names and help from the one table, keys as written. */
	CHECK_STR(keys_action_name(ACT_PAGE_DOWN), "page_down");
	CHECK_STR(keys_action_help(ACT_SEARCH), "検索");
	CHECK_STR(keys_action_keys(ACT_DOWN), "j Down");
	CHECK_STR(keys_action_keys(ACT_PAGE_DOWN), "PageDown C-f Space");
	CHECK_STR(keys_action_keys(ACT_HELP), "? F1");
	CHECK_STR(keys_action_keys(ACT_NONE), "");
	CHECK_STR(keys_action_name(ACT_COUNT), "");
}

TEST(test_override)
{
	char	*cause = NULL;

	CHECK_INT(load_keys("[keys]\n"
	    "down = j Down C-n\n"
	    "up = Up\n"
	    "search = \"#\"\n"
	    "help = ? f1 ／\n"
	    "page_up = pageup\n"
	    "edit = Backspace\n", &cause), 0);
	CHECK(cause == NULL);
	CHECK_INT(keys_lookup(0, 14), ACT_DOWN);		/* C-n */
	CHECK_INT(keys_lookup(0, 'j'), ACT_DOWN);
	CHECK_INT(keys_lookup(0, 'k'), ACT_NONE);		/* replaced */
	CHECK_INT(keys_lookup(1, KEY_UP), ACT_UP);
	CHECK_INT(keys_lookup(0, '#'), ACT_SEARCH);
	CHECK_INT(keys_lookup(0, '/'), ACT_NONE);
	CHECK_INT(keys_lookup(0, L'／'), ACT_HELP);		/* full-width */
	CHECK_INT(keys_lookup(1, KEY_F(1)), ACT_HELP);
	CHECK_INT(keys_lookup(1, KEY_PPAGE), ACT_PAGE_UP);
	CHECK_INT(keys_lookup(0, 2), ACT_NONE);			/* C-b gone */
	/* Backspace is what the terminal sends: any of three codes. */
	CHECK_INT(keys_lookup(1, KEY_BACKSPACE), ACT_EDIT);
	CHECK_INT(keys_lookup(0, 127), ACT_EDIT);
	CHECK_INT(keys_lookup(0, 8), ACT_EDIT);
	CHECK_INT(keys_lookup(0, 'E'), ACT_NONE);
	/* Written with the canonical spelling of named keys. */
	CHECK_STR(keys_action_keys(ACT_HELP), "? F1 ／");
	CHECK_STR(keys_action_keys(ACT_PAGE_UP), "PageUp");
	CHECK_STR(keys_action_keys(ACT_UP), "Up");
	/* Defaults of other actions stay. */
	CHECK_INT(keys_lookup(0, 'Q'), ACT_QUIT);
}

TEST(test_control_and_function_names)
{
	char	*cause = NULL;

	CHECK_INT(load_keys("[keys]\nredraw = C-r c-L F12\n"
	    "filter_clear = C-X\n", &cause), 0);
	CHECK_INT(keys_lookup(0, 18), ACT_REDRAW);		/* C-r */
	CHECK_INT(keys_lookup(0, 12), ACT_REDRAW);
	CHECK_INT(keys_lookup(1, KEY_F(12)), ACT_REDRAW);
	CHECK_INT(keys_lookup(0, 24), ACT_FILTER_CLEAR);	/* C-x */
	CHECK_INT(keys_lookup(0, 'c'), ACT_NONE);
}

/* Expects keys_init to refuse text with a message containing want. */
static void
check_bad(const char *text, const char *want)
{
	char	*cause = NULL;
	int	 rc = load_keys(text, &cause);

	if (rc != -1)
		FAIL_AT("accepted: %s (rc %d)", text, rc);
	else if (cause == NULL || strstr(cause, want) == NULL)
		FAIL_AT("for %s: got \"%s\", want \"%s\"", text,
		    cause ? cause : "(null)", want);
	free(cause);
	/* A refused table binds nothing. */
	CHECK_INT(keys_lookup(0, 'j'), ACT_NONE);
}

TEST(test_bad_names)
{
	check_bad("[keys]\ndwn = j\n", "[keys] dwn = j: 不明な操作です");
	check_bad("[keys]\ndown = Dwn\n",
	    "[keys] down = Dwn: 不明なキー名です: Dwn");
	check_bad("[keys]\ndown = j F13\n", "不明なキー名です: F13");
	check_bad("[keys]\ndown = j F0\n", "不明なキー名です: F0");
	check_bad("[keys]\ndown = C-1\n", "不明なキー名です: C-1");
	check_bad("[keys]\ndown = jj\n", "不明なキー名です: jj");
	check_bad("[keys]\ndown = M-x\n", "不明なキー名です: M-x");
	/* One key, two actions. */
	check_bad("[keys]\ndown = j k\n",
	    "[keys] down = j k: キー k は up にも割り当てられています");
	check_bad("[keys]\nsearch_next = j\n", "j は down にも");
}

/* A table given directly (the loader itself refuses invalid UTF-8). */
TEST(test_bad_bytes)
{
	struct config	c;
	char		action[] = "down", keys[] = "j \xe6\xbc";
	char		*cause = NULL;

	memset(&c, 0, sizeof c);
	c.nkeys = 1;
	c.keys[0].action = action;
	c.keys[0].keys = keys;
	CHECK_INT(keys_init(&c, &cause), -1);
	CHECK(cause != NULL && strstr(cause, "不明なキー名です") != NULL);
	free(cause);
	CHECK_INT(keys_lookup(0, 'j'), ACT_NONE);
	/* No config at all: nothing bound, nothing refused. */
	CHECK_INT(keys_init(NULL, &cause), 0);
	CHECK_INT(keys_lookup(0, 'j'), ACT_NONE);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	snprintf(tmpdir, sizeof tmpdir, "/tmp/shisaku-keys-XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	/* The user's own files must not leak into the defaults. */
	unsetenv("SHISAKU_CONFIG");
	setenv("XDG_CONFIG_HOME", tmpdir, 1);
	RUN(test_defaults);
	RUN(test_override);
	RUN(test_control_and_function_names);
	RUN(test_bad_names);
	RUN(test_bad_bytes);
	keys_free();
	rmdir(tmpdir);
	DONE();
}
