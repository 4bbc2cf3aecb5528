/*
 * Tests of the configuration loader: the compiled-in defaults are the
 * documented ones, a user's file overrides them, every kind of bad value is
 * refused with the file, section, key and value named, the lookup order
 * (-c, $SHISAKU_CONFIG, $XDG_CONFIG_HOME or ~/.config, /etc) holds, and
 * iniparser never writes to stderr.
 */

#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"
#include "shisaku/config.h"
#include "shisaku/keys.h"

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverlength-strings"
#include "default-config.h"
#pragma GCC diagnostic pop

static char tmpdir[64];
static char paths[64][512];
static int npaths;

/* Remembers a path made under tmpdir, for removal at the end. */
static const char *
remember(const char *path)
{
	int i;

	for (i = 0; i < npaths; i++)
		if (strcmp(paths[i], path) == 0)
			return path;
	if (npaths < 64)
		snprintf(paths[npaths++], sizeof paths[0], "%s", path);
	return path;
}

static void
make_dir(const char *path)
{
	if (mkdir(path, 0700) == 0)
		remember(path);
}

static void
write_bytes(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL) {
		perror(path);
		exit(2);
	}
	fwrite(text, 1, len, f);
	fclose(f);
	remember(path);
}

static void
write_file(const char *path, const char *text)
{
	write_bytes(path, text, strlen(text));
}

static void
cleanup(void)
{
	int i;

	/* Newest first, so files go before the directories holding them. */
	for (i = npaths - 1; i >= 0; i--)
		if (remove(paths[i]) != 0 && access(paths[i], F_OK) == 0)
			perror(paths[i]);
	rmdir(tmpdir);
}

/* No user file anywhere but where a test puts one. */
static void
isolate_env(void)
{
	char p[512];

	unsetenv("SHISAKU_CONFIG");
	snprintf(p, sizeof p, "%s/xdg-empty", tmpdir);
	setenv("XDG_CONFIG_HOME", p, 1);
	snprintf(p, sizeof p, "%s/home-empty", tmpdir);
	setenv("HOME", p, 1);
}

static int
etc_config_exists(void)
{
	return access("/etc/shisaku/shisaku.ini", F_OK) == 0;
}

/* Loads text written to tmpdir/NAME via -c. */
static struct config *
load_named(const char *name, const char *text, char **cause)
{
	char p[512];

	snprintf(p, sizeof p, "%s/%s", tmpdir, name);
	write_file(p, text);
	return config_load(p, cause);
}

static struct config *
load_text(const char *text, char **cause)
{
	return load_named("user.ini", text, cause);
}

static int
contains(const char *hay, const char *needle)
{
	return hay != NULL && strstr(hay, needle) != NULL;
}

TEST(test_defaults)
{
	struct config *c;
	char *cause = NULL;

	isolate_env();
	c = config_load(NULL, &cause);
	CHECK(c != NULL);
	CHECK(cause == NULL);
	if (c == NULL) {
		fprintf(stderr, "cause: %s\n", cause);
		free(cause);
		return;
	}
	if (!etc_config_exists()) {
		CHECK(c->path == NULL);
		CHECK_STR(c->db_path, "shisaku.db");
		CHECK_INT(c->busy_timeout_ms, 5000);
		CHECK_INT(c->cache_mib, 16);
		CHECK_INT(c->fy_start_month, 4);
		CHECK_INT(c->fy_style, FY_STYLE_ERA);
		CHECK_INT(c->current_fy, 0);
		CHECK_INT(c->color, 1);
		CHECK_INT(c->ambiguous_wide, 0);
		CHECK_INT(c->ascii_symbols, 0);
		CHECK_INT(c->bars_blocks, 0);	/* ASCII bars by default */
		CHECK_STR(c->color_title, "white,blue");
		CHECK_STR(c->color_select, "black,cyan");
		CHECK_STR(c->color_status, "black,white");
		CHECK_STR(c->color_error, "white,red");
		CHECK_INT(c->ngrades, 4);
		CHECK_STR(c->grades[0].key, "A");
		CHECK_STR(c->grades[0].label, "達成");
		CHECK_STR(c->grades[1].key, "B");
		CHECK_STR(c->grades[1].label, "概ね達成");
		CHECK_STR(c->grades[2].key, "C");
		CHECK_STR(c->grades[2].label, "未達成");
		CHECK_STR(c->grades[3].key, "D");
		CHECK_STR(c->grades[3].label, "未実施");
		CHECK_INT(c->unknown_user, UNKNOWN_USER_READONLY);
		CHECK_INT(c->encoding, ENC_UTF8);
		CHECK_INT(c->crlf, 0);
		CHECK_STR(config_keys_for(c, "up"), "k Up");
		CHECK_STR(config_keys_for(c, "page_down"), "PageDown C-f Space");
		CHECK_STR(config_keys_for(c, "back"), "Esc q");
		CHECK_STR(config_keys_for(c, "help"), "? F1");
		CHECK_STR(config_keys_for(c, "year_prev"), "[");
		CHECK_STR(config_keys_for(c, "year_next"), "]");
		CHECK_STR(config_keys_for(c, "redraw"), "C-l");
		CHECK(config_keys_for(c, "nonesuch") == NULL);
	} else
		fprintf(stderr, "note: /etc/shisaku/shisaku.ini exists; "
		    "default values not compared\n");
	config_free(c);
}

/* Every action of the key table has a default binding, and nothing else. */
TEST(test_default_keys_complete)
{
	static const char *const actions[] = {
#define NAME(e, n, h) n,
		KEY_ACTIONS(NAME)
#undef NAME
	};
	size_t i, n = sizeof actions / sizeof actions[0];
	struct config *c;
	char *cause = NULL;

	isolate_env();
	c = config_load(NULL, &cause);
	CHECK(c != NULL);
	if (c == NULL) {
		free(cause);
		return;
	}
	for (i = 0; i < n; i++)
		if (config_keys_for(c, actions[i]) == NULL)
			FAIL_AT("no default keys for %s", actions[i]);
	if (!etc_config_exists())
		CHECK_INT(c->nkeys, (int)n);
	config_free(c);
}

/* iniparser refuses lines of 1,023 bytes or more. */
TEST(test_default_text_lines_short)
{
	const char *p = shisaku_default_config, *nl;
	size_t longest = 0;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		if ((size_t)(nl - p) > longest)
			longest = (size_t)(nl - p);
		p = *nl != '\0' ? nl + 1 : nl;
	}
	CHECK(longest > 0);
	CHECK(longest < 200);
}

TEST(test_override)
{
	struct config *c;
	char *cause = NULL, want[512];

	isolate_env();
	c = load_text(
	    "; a user's file\n"
	    "[database]\n"
	    "path = data/plans.db   ; relative, kept as written\n"
	    "busy_timeout = 0\n"
	    "cache_mib = 64\n"
	    "[calendar]\n"
	    "fiscal_year_start_month = 1\n"
	    "year_display = Both\n"
	    "current_year = R7\n"
	    "[display]\n"
	    "color = off\n"
	    "ambiguous_width = 2\n"
	    "ascii_symbols = yes\n"
	    "bars = blocks\n"
	    "color_title = Yellow , Default\n"
	    "[access]\n"
	    "unknown_user = refuse\n"
	    "[export]\n"
	    "encoding = utf-8-bom\n"
	    "line_endings = crlf\n", &cause);
	CHECK(c != NULL);
	if (c == NULL) {
		fprintf(stderr, "cause: %s\n", cause);
		free(cause);
		return;
	}
	snprintf(want, sizeof want, "%s/user.ini", tmpdir);
	CHECK_STR(c->path, want);
	CHECK_STR(c->db_path, "data/plans.db");
	CHECK_INT(c->busy_timeout_ms, 0);
	CHECK_INT(c->cache_mib, 64);
	CHECK_INT(c->fy_start_month, 1);
	CHECK_INT(c->fy_style, FY_STYLE_BOTH);
	CHECK_INT(c->current_fy, 2025);
	CHECK_INT(c->color, 0);
	CHECK_INT(c->ambiguous_wide, 1);
	CHECK_INT(c->ascii_symbols, 1);
	CHECK_INT(c->bars_blocks, 1);
	CHECK_STR(c->color_title, "yellow,default");
	CHECK_STR(c->color_error, "white,red");	/* untouched */
	CHECK_INT(c->ngrades, 4);			/* untouched */
	CHECK_INT(c->unknown_user, UNKNOWN_USER_REFUSE);
	CHECK_INT(c->encoding, ENC_UTF8_BOM);
	CHECK_INT(c->crlf, 1);
	CHECK_STR(config_keys_for(c, "down"), "j Down");
	config_free(c);

	c = load_text("[calendar]\ncurrent_year = 令和元年度\n"
	    "[export]\nencoding = CP932\n", &cause);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_INT(c->current_fy, 2019);
		CHECK_INT(c->encoding, ENC_CP932);
		config_free(c);
	} else
		free(cause);
}

/* The current fiscal year the commands take: the configured one, else
 * today's by the configured first month. */
TEST(test_current_fy)
{
	struct config	*c;
	char		*cause = NULL;
	time_t		 now = time(NULL);
	struct tm	 tm;

	c = load_text("[calendar]\ncurrent_year = R5\n", &cause);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_INT(config_current_fy(c), 2023);
		config_free(c);
	} else
		free(cause);
	/* A year starting in January is the calendar year. */
	c = load_text("[calendar]\nfiscal_year_start_month = 1\n", &cause);
	CHECK(c != NULL);
	localtime_r(&now, &tm);
	if (c != NULL) {
		CHECK_INT(config_current_fy(c), tm.tm_year + 1900);
		config_free(c);
	} else
		free(cause);
}

/* Each bad file, and text its error must contain. */
static const struct {
	const char *text;
	const char *want1, *want2;
} bad_values[] = {
	{ "[calendar]\nfiscal_year_start_month = 13\n",
	  "[calendar] fiscal_year_start_month = 13: 1〜12 の整数を指定してください",
	  NULL },
	{ "[calendar]\nfiscal_year_start_month = 0\n",
	  "[calendar] fiscal_year_start_month = 0: 1〜12", NULL },
	{ "[database]\nbusy_timeout = abc\n",
	  "[database] busy_timeout = abc: 0〜600000 の整数", NULL },
	{ "[database]\ncache_mib = 1\n",
	  "[database] cache_mib = 1: 2〜1024 の整数", NULL },
	{ "[database]\ncache_mib = 1025\n",
	  "[database] cache_mib = 1025: 2〜1024 の整数", NULL },
	{ "[calendar]\nfiscal_year_start_month = 010\n",
	  "[calendar] fiscal_year_start_month = 010: ", "先頭に 0" },
	{ "[database]\nbusy_timeout = 600001\n",
	  "[database] busy_timeout = 600001: ", NULL },
	{ "[database]\nbusy_timeout = -1\n",
	  "[database] busy_timeout = -1: ", NULL },
	{ "[database]\nbusy_timeout = 0x10\n",
	  "[database] busy_timeout = 0x10: ", NULL },
	{ "[database]\nbusy_timeout = 5000ms\n",
	  "[database] busy_timeout = 5000ms: ", NULL },
	{ "[database]\nbusy_timeout = 99999999999999999999\n",
	  "[database] busy_timeout = 99999999999999999999: ", NULL },
	{ "[database]\npath =\n",
	  "[database] path = \"\": 空にはできません", NULL },
	{ "[display]\ncolour = yes\n",
	  "[display] colour = yes: 知らないキーです", "color, ambiguous_width" },
	{ "[dispaly]\ncolor = yes\n",
	  "[dispaly]: 知らないセクションです", "[display]" },
	{ "[calendar]\nyear_display = japanese\n",
	  "[calendar] year_display = japanese: era, western, both のどれか",
	  NULL },
	{ "[display]\ncolor = maybe\n",
	  "[display] color = maybe: yes または no", NULL },
	{ "[display]\nascii_symbols = yess\n",
	  "[display] ascii_symbols = yess: ", NULL },
	{ "[display]\nbars = unicode\n",
	  "[display] bars = unicode: ascii, blocks のどれか", NULL },
	{ "[display]\nambiguous_width = 3\n",
	  "[display] ambiguous_width = 3: 1, 2 のどれか", NULL },
	{ "[display]\ncolor_title = white,purple\n",
	  "[display] color_title = white,purple: 色名 purple", NULL },
	{ "[display]\ncolor_error = white\n",
	  "[display] color_error = white: 「文字色,背景色」", NULL },
	{ "[access]\nunknown_user = guest\n",
	  "[access] unknown_user = guest: readonly, refuse", NULL },
	{ "[export]\nencoding = sjis\n",
	  "[export] encoding = sjis: utf-8, utf-8-bom, cp932", NULL },
	{ "[export]\nline_endings = cr\n",
	  "[export] line_endings = cr: lf, crlf", NULL },
	{ "[calendar]\ncurrent_year = abc\n",
	  "[calendar] current_year = abc: ", NULL },
	{ "[evaluation]\nscale = A達成 B:概ね達成\n",
	  "[evaluation] scale = A達成 B:概ね達成: 「A達成」", NULL },
	{ "[evaluation]\nscale = A:達成 A:未達成\n",
	  "[evaluation] scale = A:達成 A:未達成: 記号 A が 2 回", NULL },
	{ "[evaluation]\nscale = A: B:x\n",
	  "[evaluation] scale = A: B:x: 「A:」", NULL },
	{ "[evaluation]\nscale =\n",
	  "[evaluation] scale = \"\": 段階を 1 つ以上", NULL },
	{ "[evaluation]\nscale = 1:a 2:b 3:c 4:d 5:e 6:f 7:g 8:h 9:i 10:j 11:k\n",
	  "[evaluation] scale = 1:a", "多すぎます（10 まで）" },
	{ "[keys]\nup =\n",
	  "[keys] up = \"\": キーを 1 つ以上", NULL },
	{ "[keys]\nup = #\n",
	  "[keys] up = \"\": ", "\"#\"" },
	{ "path = x.db\n[database]\n",
	  "path = x.db: セクションの外", NULL },
};

TEST(test_bad_values)
{
	struct config *c;
	char *cause;
	char file[512];
	size_t i;

	isolate_env();
	snprintf(file, sizeof file, "%s/user.ini: ", tmpdir);
	for (i = 0; i < sizeof bad_values / sizeof bad_values[0]; i++) {
		cause = NULL;
		c = load_text(bad_values[i].text, &cause);
		if (c != NULL) {
			FAIL_AT("accepted: %s", bad_values[i].text);
			config_free(c);
			continue;
		}
		if (!contains(cause, file) ||
		    !contains(cause, bad_values[i].want1) ||
		    (bad_values[i].want2 != NULL &&
		    !contains(cause, bad_values[i].want2)))
			FAIL_AT("for %s got \"%s\"", bad_values[i].text,
			    cause ? cause : "(null)");
		free(cause);
	}
}

/* All bad entries are reported, in the order of the file. */
TEST(test_all_errors_listed)
{
	struct config *c;
	char *cause = NULL;
	const char *a, *b;

	isolate_env();
	c = load_text("[display]\ncolor = perhaps\n[calendar]\n"
	    "fiscal_year_start_month = 4\nyear_display = reiwa\n", &cause);
	CHECK(c == NULL);
	config_free(c);
	a = cause ? strstr(cause, "[display] color = perhaps") : NULL;
	b = cause ? strstr(cause, "[calendar] year_display = reiwa") : NULL;
	CHECK(a != NULL && b != NULL && a < b);
	CHECK(contains(cause, "\n"));
	free(cause);
}

/* A key written twice in a section (as iniparser reads it: letters in
 * any case, blanks around it) is an error naming both lines; a key of
 * another section, a comment and a continued line are not. */
TEST(test_key_twice)
{
	struct config *c;
	char *cause = NULL;
	char want[512];

	isolate_env();
	c = load_text("[import]\nmax_file_mib = 64\n[display]\n"
	    "color = no\n; color = yes\n[Import]\n  Max_File_MiB=4096\n",
	    &cause);
	CHECK(c == NULL);
	config_free(c);
	snprintf(want, sizeof want, "%s/user.ini:7: [import] max_file_mib が"
	    "二度書かれています（2 行目にも", tmpdir);
	if (!contains(cause, want))
		FAIL_AT("got \"%s\"", cause ? cause : "(null)");
	CHECK(!contains(cause, "color"));
	free(cause);
	cause = NULL;
	/* (Continued: one value, "no color = no", which is not one.) */
	c = load_text("[display]\ncolor = no \\\ncolor = no\n", &cause);
	CHECK(c == NULL);
	CHECK(cause != NULL && !contains(cause, "二度"));
	config_free(c);
	free(cause);
}

/* The text is handed to iniparser without a file of its own on disk:
 * a TMPDIR that cannot be written does not stop a configuration from
 * loading, one that can stays empty, and an error still names the file
 * the user wrote. */
TEST(test_no_temporary_file)
{
	struct config *c;
	char *cause = NULL, *old, empty[512], want[512];
	DIR *d;
	struct dirent *e;
	int n = 0;

	isolate_env();
	old = getenv("TMPDIR") != NULL ? strdup(getenv("TMPDIR")) : NULL;
	setenv("TMPDIR", "/nonexistent/shisaku-no-such-dir", 1);
	c = load_text("[calendar]\nyear_display = era\n", &cause);
	CHECK(c != NULL);
	if (c == NULL)
		fprintf(stderr, "  cause: %s\n", cause != NULL ? cause : "");
	config_free(c);
	free(cause);
	cause = NULL;

	snprintf(empty, sizeof empty, "%s/tmp-empty", tmpdir);
	make_dir(empty);
	setenv("TMPDIR", empty, 1);
	c = load_named("bad.ini", "[display]\ncolor yes\n", &cause);
	CHECK(c == NULL);
	snprintf(want, sizeof want, "%s/bad.ini:2: ", tmpdir);
	CHECK(contains(cause, want));
	free(cause);
	cause = NULL;
	c = load_text("[calendar]\nyear_display = era\n", &cause);
	CHECK(c != NULL);
	config_free(c);
	free(cause);
	d = opendir(empty);
	CHECK(d != NULL);
	while (d != NULL && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	if (d != NULL)
		closedir(d);
	CHECK_INT(n, 0);
	rmdir(empty);
	if (old != NULL)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	free(old);
}

TEST(test_unparseable)
{
	struct config *c;
	char *cause = NULL, *line, want[512];

	isolate_env();
	c = load_named("noeq.ini", "[display]\ncolor yes\n", &cause);
	CHECK(c == NULL);
	snprintf(want, sizeof want, "%s/noeq.ini:2: ", tmpdir);
	CHECK(contains(cause, want));
	CHECK(contains(cause, "「キー = 値」でも「[セクション]」でもない行です: color yes"));
	free(cause);
	cause = NULL;

	/* iniparser fails on lines of 1,023 bytes or more. */
	line = malloc(1100);
	CHECK(line != NULL);
	if (line != NULL) {
		strcpy(line, "[database]\npath = ");
		memset(line + strlen(line), 'x', 1040);
		line[18 + 1040] = '\n';
		line[18 + 1041] = '\0';
		c = load_named("long.ini", line, &cause);
		free(line);
		CHECK(c == NULL);
		snprintf(want, sizeof want, "%s/long.ini:2: ", tmpdir);
		CHECK(contains(cause, want));
		CHECK(contains(cause, "長すぎます"));
		free(cause);
		cause = NULL;
	}

	/* A file saved in Shift_JIS: 年 is 0x94 0x4e. */
	c = load_named("sjis.ini", "[calendar]\n; \x94\x4e\nyear_display = era\n",
	    &cause);
	CHECK(c == NULL);
	snprintf(want, sizeof want, "%s/sjis.ini:2: UTF-8", tmpdir);
	CHECK(contains(cause, want));
	free(cause);
	cause = NULL;

	snprintf(want, sizeof want, "%s/nul.ini", tmpdir);
	write_bytes(want, "[display]\ncolor = yes\0\n", 23);
	c = config_load(want, &cause);
	CHECK(c == NULL);
	CHECK(contains(cause, "nul.ini:2: NUL"));
	free(cause);
}

TEST(test_missing_explicit)
{
	struct config *c;
	char *cause = NULL, p[512];

	isolate_env();
	snprintf(p, sizeof p, "%s/no-such.ini", tmpdir);
	c = config_load(p, &cause);
	CHECK(c == NULL);
	CHECK(contains(cause, p));
	CHECK(contains(cause, "-c"));
	free(cause);
	cause = NULL;

	c = config_load(tmpdir, &cause);
	CHECK(c == NULL);
	CHECK(contains(cause, "ディレクトリ"));
	free(cause);
}

/* Writes a file setting busy_timeout, in dir/sub (made as needed). */
static void
write_marker(const char *path, int busy)
{
	char text[64];

	snprintf(text, sizeof text, "[database]\nbusy_timeout = %d\n", busy);
	write_file(path, text);
}

TEST(test_lookup_order)
{
	struct config *c;
	char *cause = NULL;
	char env_file[512], cmd_file[512], xdg[128], xdg_file[512];
	char home[128], home_file[512], d[512], none[512];

	snprintf(env_file, sizeof env_file, "%s/env.ini", tmpdir);
	snprintf(cmd_file, sizeof cmd_file, "%s/cmd.ini", tmpdir);
	snprintf(xdg, sizeof xdg, "%s/xdg", tmpdir);
	snprintf(xdg_file, sizeof xdg_file, "%s/shisaku/shisaku.ini", xdg);
	snprintf(home, sizeof home, "%s/home", tmpdir);
	snprintf(home_file, sizeof home_file,
	    "%s/.config/shisaku/shisaku.ini", home);
	snprintf(none, sizeof none, "%s/missing.ini", tmpdir);
	make_dir(xdg);
	snprintf(d, sizeof d, "%s/shisaku", xdg);
	make_dir(d);
	make_dir(home);
	snprintf(d, sizeof d, "%s/.config", home);
	make_dir(d);
	snprintf(d, sizeof d, "%s/.config/shisaku", home);
	make_dir(d);
	write_marker(env_file, 1111);
	write_marker(xdg_file, 2222);
	write_marker(cmd_file, 3333);
	write_marker(home_file, 4444);

	setenv("SHISAKU_CONFIG", env_file, 1);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	setenv("HOME", home, 1);

	/* -c beats everything. */
	c = config_load(cmd_file, &cause);
	CHECK(c != NULL && c->busy_timeout_ms == 3333);
	CHECK(c != NULL && strcmp(c->path, cmd_file) == 0);
	config_free(c);

	/* Then $SHISAKU_CONFIG. */
	c = config_load(NULL, &cause);
	CHECK(c != NULL && c->busy_timeout_ms == 1111);
	CHECK(c != NULL && strcmp(c->path, env_file) == 0);
	config_free(c);

	/* A $SHISAKU_CONFIG naming a missing file is an error. */
	setenv("SHISAKU_CONFIG", none, 1);
	c = config_load(NULL, &cause);
	CHECK(c == NULL);
	CHECK(contains(cause, none));
	CHECK(contains(cause, "SHISAKU_CONFIG"));
	free(cause);
	cause = NULL;

	/* Empty counts as unset: then $XDG_CONFIG_HOME. */
	setenv("SHISAKU_CONFIG", "", 1);
	c = config_load(NULL, &cause);
	CHECK(c != NULL && c->busy_timeout_ms == 2222);
	CHECK(c != NULL && strcmp(c->path, xdg_file) == 0);
	config_free(c);

	/* Without $XDG_CONFIG_HOME: ~/.config. */
	unsetenv("SHISAKU_CONFIG");
	unsetenv("XDG_CONFIG_HOME");
	c = config_load(NULL, &cause);
	CHECK(c != NULL && c->busy_timeout_ms == 4444);
	CHECK(c != NULL && strcmp(c->path, home_file) == 0);
	config_free(c);

	/* $XDG_CONFIG_HOME set but holding no file: not ~/.config. */
	snprintf(d, sizeof d, "%s/xdg-empty", tmpdir);
	setenv("XDG_CONFIG_HOME", d, 1);
	c = config_load(NULL, &cause);
	CHECK(c != NULL);
	if (c != NULL && !etc_config_exists()) {
		CHECK(c->path == NULL);
		CHECK_INT(c->busy_timeout_ms, 5000);
	}
	config_free(c);

	/* A bad file found by lookup is an error, never skipped. */
	setenv("XDG_CONFIG_HOME", xdg, 1);
	write_file(xdg_file, "[database]\nbusy_timeout = soon\n");
	c = config_load(NULL, &cause);
	CHECK(c == NULL);
	CHECK(contains(cause, xdg_file));
	CHECK(contains(cause, "[database] busy_timeout = soon"));
	free(cause);
	isolate_env();
}

TEST(test_scale)
{
	struct config *c;
	char *cause = NULL;

	isolate_env();
	/* Full-width colon and U+3000 as typed with an IME are accepted. */
	c = load_text("[evaluation]\n"
	    "scale = S:特に優れている A:達成 B\xef\xbc\x9a概ね達成"
	    "\xe3\x80\x80" "C:未達成\n", &cause);
	CHECK(c != NULL);
	if (c == NULL) {
		fprintf(stderr, "cause: %s\n", cause);
		free(cause);
		return;
	}
	CHECK_INT(c->ngrades, 4);
	CHECK_STR(c->grades[0].key, "S");
	CHECK_STR(c->grades[0].label, "特に優れている");
	CHECK_STR(c->grades[2].key, "B");
	CHECK_STR(c->grades[2].label, "概ね達成");
	CHECK_STR(c->grades[3].key, "C");
	CHECK_STR(config_grade_label(c, "A"), "達成");
	CHECK_STR(config_grade_label(c, "C"), "未達成");
	CHECK(config_grade_label(c, "D") == NULL);
	CHECK(config_grade_label(c, NULL) == NULL);
	/* A grade typed by hand: full-width, as a Japanese IME types it,
	 * or in lower case, is the scale's key. */
	CHECK_STR(config_grade_key(c, "A"), "A");
	CHECK_STR(config_grade_key(c, "Ａ"), "A");
	CHECK_STR(config_grade_key(c, "ｓ"), "S");
	CHECK_STR(config_grade_key(c, "b"), "B");
	CHECK(config_grade_key(c, "Ｄ") == NULL);
	CHECK(config_grade_key(c, "AB") == NULL);
	CHECK(config_grade_key(c, NULL) == NULL);
	config_free(c);

	/* A scale with A and a: each is itself, and Ａ is neither. */
	c = load_text("[evaluation]\nscale = A:達成 a:ほぼ達成 B:未達成\n", &cause);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_STR(config_grade_key(c, "a"), "a");
		CHECK_STR(config_grade_key(c, "A"), "A");
		CHECK(config_grade_key(c, "Ａ") == NULL);
		CHECK_STR(config_grade_key(c, "Ｂ"), "B");
		config_free(c);
	} else
		free(cause);

	c = load_text("[evaluation]\nscale = ◎:順調 ○:概ね順調 △:遅れ ×:未着手\n",
	    &cause);
	CHECK(c != NULL);
	if (c != NULL) {
		CHECK_INT(c->ngrades, 4);
		CHECK_STR(config_grade_label(c, "△"), "遅れ");
		CHECK_STR(config_grade_key(c, "△"), "△");
		CHECK(config_grade_key(c, "▲") == NULL);
		config_free(c);
	} else
		free(cause);
}

TEST(test_keys_override)
{
	struct config *c;
	char *cause = NULL;
	int n;

	isolate_env();
	c = load_text("[keys]\n"
	    "down = j Down C-n\n"
	    "search = \"#\"\n"
	    "Quit = Q C-q\n"
	    "not_an_action_yet = x\n", &cause);
	CHECK(c != NULL);
	if (c == NULL) {
		fprintf(stderr, "cause: %s\n", cause);
		free(cause);
		return;
	}
	n = c->nkeys;
	CHECK_STR(config_keys_for(c, "down"), "j Down C-n");
	CHECK_STR(config_keys_for(c, "search"), "#");
	CHECK_STR(config_keys_for(c, "quit"), "Q C-q");
	CHECK_STR(config_keys_for(c, "up"), "k Up");
	/* Names are checked later against the key table; kept as written. */
	CHECK_STR(config_keys_for(c, "not_an_action_yet"), "x");
	CHECK_STR(c->keys[n - 1].action, "not_an_action_yet");
	config_free(c);
}

/* A file saved by a Windows editor: BOM and CRLF. */
TEST(test_bom_crlf)
{
	struct config *c;
	char *cause = NULL;

	isolate_env();
	c = load_text("\xef\xbb\xbf[Database]\r\nPath = data/x.db\r\n"
	    "[display]\r\ncolor = No\r\n", &cause);
	CHECK(c != NULL);
	if (c == NULL) {
		fprintf(stderr, "cause: %s\n", cause);
		free(cause);
		return;
	}
	CHECK_STR(c->db_path, "data/x.db");
	CHECK_INT(c->color, 0);
	config_free(c);
}

/* iniparser's own complaints arrive in the cause, not on stderr. */
/* [database] file_mode: octal permission bits, 0660 by default. */
TEST(test_file_mode)
{
	struct config *c;
	char *cause = NULL;

	isolate_env();
	c = load_text("[calendar]\n", &cause);
	CHECK(c != NULL);
	if (c != NULL)
		CHECK_INT(c->file_mode, 0660);
	config_free(c);
	c = load_text("[database]\nfile_mode = 640\n", &cause);
	CHECK(c != NULL);
	if (c != NULL)
		CHECK_INT(c->file_mode, 0640);
	config_free(c);
	c = load_text("[database]\nfile_mode = 0600\n", &cause);
	CHECK(c != NULL);
	if (c != NULL)
		CHECK_INT(c->file_mode, 0600);
	config_free(c);
	c = load_text("[database]\nfile_mode = 0668\n", &cause);
	CHECK(c == NULL && contains(cause, "8 進数"));
	free(cause);
	cause = NULL;
	c = load_text("[database]\nfile_mode = 2770\n", &cause);
	CHECK(c == NULL && contains(cause, "setgid"));
	free(cause);
}

/* Thousands of sections or entries are refused before iniparser reads
 * them, in well under a second. */
TEST(test_too_many_sections)
{
	struct config *c;
	char *cause = NULL, *text;
	size_t i, off = 0, cap = 8000 * 16 + 1;
	struct timespec t0, t1;
	double secs;

	isolate_env();
	text = malloc(cap);
	for (i = 0; i < 8000; i++)
		off += (size_t)snprintf(text + off, cap - off, "[s%zu]\nk=v\n", i);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	c = load_text(text, &cause);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	CHECK(c == NULL);
	CHECK(contains(cause, "セクションが多すぎます"));
	CHECK(contains(cause, "user.ini:129:"));
	CHECK(secs < 0.5);
	config_free(c);
	free(cause);
	cause = NULL;
	off = 0;
	off += (size_t)snprintf(text + off, cap - off, "[keys]\n");
	for (i = 0; i < 5000; i++)
		off += (size_t)snprintf(text + off, cap - off, "k%zu = x\n", i);
	c = load_text(text, &cause);
	CHECK(c == NULL && contains(cause, "行が多すぎます"));
	config_free(c);
	free(cause);
	free(text);
}

/* The system configuration alone: none in a test run, so the defaults. */
TEST(test_system_only)
{
	struct config *c, *u;
	char *cause = NULL, p[512];

	isolate_env();
	snprintf(p, sizeof p, "%s/xdg-empty/shisaku", tmpdir);
	make_dir(p);
	snprintf(p, sizeof p, "%s/xdg-empty/shisaku/shisaku.ini", tmpdir);
	write_file(p, "[database]\npath = /somewhere/else.db\nfile_mode = 0666\n"
	    "[access]\nunknown_user = readonly\n[calendar]\ncurrent_year = R5\n");
	u = config_load(NULL, &cause);
	CHECK(u != NULL);
	if (etc_config_exists()) {
		config_free(u);
		return;
	}
	c = config_load_system(&cause);
	CHECK(c != NULL && c->path == NULL);
	if (c != NULL && u != NULL) {
		c->unknown_user = UNKNOWN_USER_REFUSE;
		config_take_access(u, c);
		CHECK_STR(u->db_path, "shisaku.db");
		CHECK_INT(u->file_mode, 0660);
		CHECK_INT(u->unknown_user, UNKNOWN_USER_REFUSE);
		/* What does not decide access stays the user's. */
		CHECK_INT(u->current_fy, 2023);
	}
	config_free(c);
	config_free(u);
	remove(p);
}

TEST(test_nothing_on_stderr)
{
	struct config *c;
	char *cause = NULL, p[512];
	struct stat st;
	int saved, fd;

	isolate_env();
	snprintf(p, sizeof p, "%s/stderr.txt", tmpdir);
	fflush(stderr);
	saved = dup(2);
	fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	remember(p);
	CHECK(saved >= 0 && fd >= 0);
	dup2(fd, 2);
	close(fd);
	c = load_named("broken.ini", "[a\nb\n", &cause);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	CHECK(c == NULL);
	CHECK(contains(cause, "broken.ini:1: "));
	CHECK(stat(p, &st) == 0 && st.st_size == 0);
	free(cause);
}

int
main(void)
{
	char p[512];

	snprintf(tmpdir, sizeof tmpdir, "/tmp/shisaku-test-config-XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(p, sizeof p, "%s/xdg-empty", tmpdir);
	make_dir(p);
	snprintf(p, sizeof p, "%s/home-empty", tmpdir);
	make_dir(p);

	RUN(test_defaults);
	RUN(test_default_keys_complete);
	RUN(test_default_text_lines_short);
	RUN(test_override);
	RUN(test_current_fy);
	RUN(test_bad_values);
	RUN(test_all_errors_listed);
	RUN(test_key_twice);
	RUN(test_no_temporary_file);
	RUN(test_unparseable);
	RUN(test_missing_explicit);
	RUN(test_lookup_order);
	RUN(test_scale);
	RUN(test_keys_override);
	RUN(test_bom_crlf);
	RUN(test_file_mode);
	RUN(test_too_many_sections);
	RUN(test_system_only);
	RUN(test_nothing_on_stderr);
	cleanup();
	DONE();
}
