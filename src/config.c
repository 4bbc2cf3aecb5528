/*
 * Configuration: reads the INI file with iniparser into a struct config.
 *
 * The shipped config/shisaku.ini is compiled in (build/gen/default-config.h)
 * and read first by exactly the same code as the user's file, so the
 * defaults and their documentation cannot drift apart. Then the first file
 * found in the lookup order is read and overrides the keys it names.
 *
 * iniparser 4.1 (Debian 12) needs care: it only loads from a file name,
 * getint/getboolean accept garbage, it crashes on a section name looked up
 * as a key (CVE-2023-33461) and prints its errors on stderr. So every
 * value is read as a string through "section:key" only, and parsed and
 * range-checked here; its errors are captured through the error callback
 * and turned into the cause message. No curses, no SQL, nothing printed.
 */

#define _GNU_SOURCE		/* memfd_create; mkstemp, strcasecmp */

#include <sys/mman.h>
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <iniparser.h>

#include "shisaku/config.h"
#include "shisaku/fy.h"
#include "shisaku/textfold.h"
#include "shisaku/util.h"

#include "paths.h"

/* The embedded file is longer than the 4095 bytes ISO C guarantees for a
 * string literal; gcc and clang take it, so only the pedantic note goes. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverlength-strings"
#include "default-config.h"
#pragma GCC diagnostic pop

/* Larger than any sensible configuration; protects against a wrong -c. */
#define CONFIG_FILE_MAX (1024 * 1024)
/* Far more section headings and entries than the options there are:
 * iniparser 4.1 takes time growing with the square of the entries (an
 * 8,000-section file took 18 s), so a file beyond these is refused before
 * it is parsed. */
#define CONFIG_MAX_SECTIONS 64
#define CONFIG_MAX_ENTRIES 1000
#define CONFIG_GRADE_KEY_MAX 16
#define CONFIG_GRADE_LABEL_MAX 64

/* Shown instead of a file name for errors in the compiled-in defaults. */
#define CONFIG_DEFAULTS_NAME "（組み込みの既定値）"

/* Collected error lines, joined by newlines into the cause. */
struct config_errors {
	char	*text;
	int	 count;
};

struct config_option;
typedef int (*config_parse_fn)(struct config *, const struct config_option *,
    const char *, char **);

struct config_name {
	const char	*name;
	int		 value;
};

/* One option of the file: where it lives, how it is parsed, its bounds. */
struct config_option {
	const char		*section;
	const char		*key;
	config_parse_fn		 parse;
	size_t			 offset;	/* of an int or char * field */
	int			 min, max;	/* for integers */
	const struct config_name *names;	/* for choices */
};

static int config_parse_path(struct config *, const struct config_option *,
    const char *, char **);
static int config_parse_int(struct config *, const struct config_option *,
    const char *, char **);
static int config_parse_bool(struct config *, const struct config_option *,
    const char *, char **);
static int config_parse_choice(struct config *, const struct config_option *,
    const char *, char **);
static int config_parse_fy_style(struct config *, const struct config_option *,
    const char *, char **);
static int config_parse_year(struct config *, const struct config_option *,
    const char *, char **);
static int config_parse_color(struct config *, const struct config_option *,
    const char *, char **);
static int config_parse_scale(struct config *, const struct config_option *,
    const char *, char **);
static int config_parse_unknown_user(struct config *,
    const struct config_option *, const char *, char **);
static int config_parse_encoding(struct config *, const struct config_option *,
    const char *, char **);
static int config_parse_mode(struct config *, const struct config_option *,
    const char *, char **);

static const struct config_name config_fy_styles[] = {
	{ "era", FY_STYLE_ERA },
	{ "western", FY_STYLE_WESTERN },
	{ "both", FY_STYLE_BOTH },
	{ NULL, 0 }
};
static const struct config_name config_widths[] = {
	{ "1", 0 },
	{ "2", 1 },
	{ NULL, 0 }
};
static const struct config_name config_bars[] = {
	{ "ascii", 0 },
	{ "blocks", 1 },
	{ NULL, 0 }
};
static const struct config_name config_start_screens[] = {
	{ "auto", CONFIG_START_AUTO },
	{ "plans", CONFIG_START_PLANS },
	{ "mywork", CONFIG_START_MYWORK },
	{ NULL, 0 }
};
static const struct config_name config_unknown_users[] = {
	{ "readonly", UNKNOWN_USER_READONLY },
	{ "refuse", UNKNOWN_USER_REFUSE },
	{ NULL, 0 }
};
static const struct config_name config_encodings[] = {
	{ "utf-8", ENC_UTF8 },
	{ "utf-8-bom", ENC_UTF8_BOM },
	{ "cp932", ENC_CP932 },
	{ NULL, 0 }
};
static const struct config_name config_line_endings[] = {
	{ "lf", 0 },
	{ "crlf", 1 },
	{ NULL, 0 }
};
static const struct config_name config_booleans[] = {
	{ "yes", 1 }, { "no", 0 },
	{ "true", 1 }, { "false", 0 },
	{ "on", 1 }, { "off", 0 },
	{ "1", 1 }, { "0", 0 },
	{ NULL, 0 }
};

/* The colour names curses knows, plus the terminal's own default. */
static const char *const config_colors[] = {
	"default", "black", "red", "green", "yellow", "blue", "magenta",
	"cyan", "white", NULL
};

#define OFF(field) offsetof(struct config, field)

static const struct config_option config_options[] = {
	{ "database", "path", config_parse_path, OFF(db_path), 0, 0, NULL },
	{ "database", "busy_timeout", config_parse_int, OFF(busy_timeout_ms),
	  0, 600000, NULL },
	{ "database", "file_mode", config_parse_mode, OFF(file_mode), 0, 0777,
	  NULL },
	{ "database", "cache_mib", config_parse_int, OFF(cache_mib), 2, 1024,
	  NULL },
	{ "calendar", "fiscal_year_start_month", config_parse_int,
	  OFF(fy_start_month), 1, 12, NULL },
	{ "calendar", "year_display", config_parse_fy_style, 0, 0, 0,
	  config_fy_styles },
	{ "calendar", "current_year", config_parse_year, OFF(current_fy),
	  FY_MIN, FY_MAX, NULL },
	{ "display", "color", config_parse_bool, OFF(color), 0, 0,
	  config_booleans },
	{ "display", "ambiguous_width", config_parse_choice,
	  OFF(ambiguous_wide), 0, 0, config_widths },
	{ "display", "ascii_symbols", config_parse_bool, OFF(ascii_symbols),
	  0, 0, config_booleans },
	{ "display", "bars", config_parse_choice, OFF(bars_blocks), 0, 0,
	  config_bars },
	{ "display", "start_screen", config_parse_choice, OFF(start_screen),
	  0, 0, config_start_screens },
	{ "display", "color_title", config_parse_color, OFF(color_title),
	  0, 0, NULL },
	{ "display", "color_select", config_parse_color, OFF(color_select),
	  0, 0, NULL },
	{ "display", "color_status", config_parse_color, OFF(color_status),
	  0, 0, NULL },
	{ "display", "color_error", config_parse_color, OFF(color_error),
	  0, 0, NULL },
	{ "evaluation", "scale", config_parse_scale, 0, 0, 0, NULL },
	{ "access", "unknown_user", config_parse_unknown_user, 0, 0, 0,
	  config_unknown_users },
	{ "export", "encoding", config_parse_encoding, 0, 0, 0,
	  config_encodings },
	{ "export", "line_endings", config_parse_choice, OFF(crlf), 0, 0,
	  config_line_endings },
	{ "import", "max_file_mib", config_parse_int, OFF(import_max_mib), 1,
	  4096, NULL },
};
#define CONFIG_NOPTIONS (sizeof config_options / sizeof config_options[0])

static const char *const config_sections[] = {
	"database", "calendar", "display", "evaluation", "access", "export",
	"import",
	"keys", NULL
};

/* iniparser's error text of the load in progress (see config_ini_error). */
static char config_ini_errbuf[2048];

/* Appends one line to the collected errors; takes ownership of line. */
static void
config_errors_add(struct config_errors *e, char *line)
{
	char *t;

	if (e->text == NULL)
		e->text = line;
	else {
		t = xasprintf("%s\n%s", e->text, line);
		free(e->text);
		free(line);
		e->text = t;
	}
	e->count++;
}

/* The list "a, b, c" of names, for messages. */
static char *
config_join_names(const struct config_name *names)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; names[i].name != NULL; i++) {
		t = xasprintf("%s%s%s", s, i ? ", " : "", names[i].name);
		free(s);
		s = t;
	}
	return s;
}

static int
config_lookup_name(const struct config_name *names, const char *value)
{
	size_t i;

	for (i = 0; names[i].name != NULL; i++)
		if (strcasecmp(names[i].name, value) == 0)
			return (int)i;
	return -1;
}

static int *
config_int_field(struct config *c, const struct config_option *o)
{
	return (int *)(void *)((char *)c + o->offset);
}

static char **
config_str_field(struct config *c, const struct config_option *o)
{
	return (char **)(void *)((char *)c + o->offset);
}

static void
config_set_str(char **field, const char *value)
{
	free(*field);
	*field = xstrdup(value);
}

static int
config_parse_path(struct config *c, const struct config_option *o,
    const char *value, char **why)
{
	if (*value == '\0') {
		*why = xstrdup("空にはできません");
		return -1;
	}
	config_set_str(config_str_field(c, o), value);
	return 0;
}

/*
 * A decimal integer as people write it: ASCII digits only, no sign, no
 * leading zero (iniparser's strtol(..., 0) would read "010" as 8 and
 * "abc" as 0), no more digits than an int can hold.
 */
static int
config_parse_decimal(const char *s, int *out)
{
	long v = 0;
	size_t i, n = strlen(s);

	if (n == 0 || n > 9 || (s[0] == '0' && n > 1))
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = (int)v;
	return 0;
}

static int
config_parse_int(struct config *c, const struct config_option *o,
    const char *value, char **why)
{
	int v;

	if (config_parse_decimal(value, &v) != 0 || v < o->min || v > o->max) {
		if (value[0] == '0' && value[1] != '\0')
			*why = xasprintf("%d〜%d の整数を指定してください"
			    "（先頭に 0 を付けずに書きます）", o->min, o->max);
		else
			*why = xasprintf("%d〜%d の整数を指定してください",
			    o->min, o->max);
		return -1;
	}
	*config_int_field(c, o) = v;
	return 0;
}

/* Looks value up in o->names; on failure sets *why listing the names. */
static int
config_choice_value(const struct config_option *o, const char *value,
    int *out, char **why)
{
	int i = config_lookup_name(o->names, value);
	char *list;

	if (i < 0) {
		list = config_join_names(o->names);
		*why = xasprintf("%s のどれかを指定してください", list);
		free(list);
		return -1;
	}
	*out = o->names[i].value;
	return 0;
}

static int
config_parse_choice(struct config *c, const struct config_option *o,
    const char *value, char **why)
{
	int v;

	if (config_choice_value(o, value, &v, why) != 0)
		return -1;
	*config_int_field(c, o) = v;
	return 0;
}

static int
config_parse_bool(struct config *c, const struct config_option *o,
    const char *value, char **why)
{
	int i = config_lookup_name(o->names, value);

	if (i < 0) {
		*why = xstrdup("yes または no を指定してください"
		    "（true/false, on/off, 1/0 も使えます）");
		return -1;
	}
	*config_int_field(c, o) = o->names[i].value;
	return 0;
}

/* The enum fields are set by name, not through an int pointer. */
static int
config_parse_fy_style(struct config *c, const struct config_option *o,
    const char *value, char **why)
{
	int v;

	if (config_choice_value(o, value, &v, why) != 0)
		return -1;
	c->fy_style = (enum fy_style)v;
	return 0;
}

static int
config_parse_unknown_user(struct config *c, const struct config_option *o,
    const char *value, char **why)
{
	int v;

	if (config_choice_value(o, value, &v, why) != 0)
		return -1;
	c->unknown_user = (enum config_unknown_user)v;
	return 0;
}

static int
config_parse_encoding(struct config *c, const struct config_option *o,
    const char *value, char **why)
{
	int v;

	if (config_choice_value(o, value, &v, why) != 0)
		return -1;
	c->encoding = (enum config_encoding)v;
	return 0;
}

/* Permission bits in octal as chmod takes them: 660 or 0660, at most
 * 0777 (no setuid, setgid or sticky bit). */
static int
config_parse_mode(struct config *c, const struct config_option *o,
    const char *value, char **why)
{
	size_t	i, n = strlen(value);
	int	v = 0;

	if (n == 0 || n > 4) {
		*why = xstrdup("8 進数の権限を指定してください（例: 0660）");
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (value[i] < '0' || value[i] > '7') {
			*why = xstrdup("8 進数の権限を指定してください（例: 0660）");
			return -1;
		}
		v = v * 8 + (value[i] - '0');
	}
	if (v > o->max) {
		*why = xstrdup("0000〜0777 の権限を指定してください（setuid、"
		    "setgid、sticky は付けられません）");
		return -1;
	}
	*config_int_field(c, o) = v;
	return 0;
}

/* Empty means "from today's date" (0); otherwise any fiscal-year form. */
static int
config_parse_year(struct config *c, const struct config_option *o,
    const char *value, char **why)
{
	char *fycause = NULL;
	int y;

	if (*value == '\0') {
		*config_int_field(c, o) = 0;
		return 0;
	}
	y = fy_parse(value, &fycause);
	free(fycause);
	if (y < o->min || y > o->max) {
		*why = xasprintf("年度を 2025, R7, 令和7年度 などの形で"
		    "指定するか、空にしてください（%d〜%d 年度）",
		    o->min, o->max);
		return -1;
	}
	*config_int_field(c, o) = y;
	return 0;
}

/* Copies [s, s+n) without surrounding ASCII blanks, lowercased. */
static char *
config_dup_trimmed_lower(const char *s, size_t n)
{
	char *t;
	size_t i;

	while (n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	t = xmalloc(n + 1);
	for (i = 0; i < n; i++)
		t[i] = (char)tolower((unsigned char)s[i]);
	t[n] = '\0';
	return t;
}

static int
config_is_color(const char *name)
{
	size_t i;

	for (i = 0; config_colors[i] != NULL; i++)
		if (strcmp(config_colors[i], name) == 0)
			return 1;
	return 0;
}

/* "fg,bg" with curses colour names; stored normalised ("white,blue"). */
static int
config_parse_color(struct config *c, const struct config_option *o,
    const char *value, char **why)
{
	const char *comma = strchr(value, ',');
	char *fg, *bg;
	int ok;

	if (comma == NULL || strchr(comma + 1, ',') != NULL) {
		*why = xstrdup("「文字色,背景色」の形で指定してください"
		    "（例: white,blue。色名は default black red green yellow"
		    " blue magenta cyan white）");
		return -1;
	}
	fg = config_dup_trimmed_lower(value, (size_t)(comma - value));
	bg = config_dup_trimmed_lower(comma + 1, strlen(comma + 1));
	ok = config_is_color(fg) && config_is_color(bg);
	if (ok) {
		free(*config_str_field(c, o));
		*config_str_field(c, o) = xasprintf("%s,%s", fg, bg);
	} else
		*why = xasprintf("色名 %s は使えません（default black red"
		    " green yellow blue magenta cyan white のどれか）",
		    config_is_color(fg) ? bg : fg);
	free(fg);
	free(bg);
	return ok ? 0 : -1;
}

/* Length of a blank (ASCII space, tab or U+3000) at s, or 0. */
static size_t
config_blank_len(const char *s)
{
	if (*s == ' ' || *s == '\t')
		return 1;
	if (strncmp(s, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

/* Length of a grade separator (':' or full-width U+FF1A) at s, or 0. */
static size_t
config_colon_len(const char *s)
{
	if (*s == ':')
		return 1;
	if (strncmp(s, "\xef\xbc\x9a", 3) == 0)
		return 3;
	return 0;
}

static void
config_grades_clear(struct config_grade *g, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(g[i].key);
		free(g[i].label);
		g[i].key = g[i].label = NULL;
	}
}

/*
 * "A:達成 B:概ね達成 ...": blank-separated KEY:LABEL pairs, best first. The
 * new scale replaces the old one only when all of it is valid.
 */
static int
config_parse_scale(struct config *c, const struct config_option *o,
    const char *value, char **why)
{
	struct config_grade g[CONFIG_MAX_GRADES];
	const char *p = value, *start, *colon;
	size_t bl, cl, klen, llen;
	int n = 0, i;

	(void)o;
	memset(g, 0, sizeof g);
	for (;;) {
		while ((bl = config_blank_len(p)) > 0)
			p += bl;
		if (*p == '\0')
			break;
		start = p;
		colon = NULL;
		cl = 0;
		while (*p != '\0' && config_blank_len(p) == 0) {
			if (colon == NULL && (cl = config_colon_len(p)) > 0)
				colon = p;
			p++;
		}
		if (n == CONFIG_MAX_GRADES) {
			*why = xasprintf("段階が多すぎます（%d まで）",
			    CONFIG_MAX_GRADES);
			goto fail;
		}
		if (colon == NULL || colon == start || colon + cl == p) {
			*why = xasprintf("「%.*s」: 「記号:ラベル」を空白で"
			    "区切って並べてください（例: A:達成 B:概ね達成"
			    " C:未達成 D:未実施）", (int)(p - start), start);
			goto fail;
		}
		klen = (size_t)(colon - start);
		llen = (size_t)(p - (colon + cl));
		if (klen > CONFIG_GRADE_KEY_MAX || llen > CONFIG_GRADE_LABEL_MAX) {
			*why = xasprintf("「%.*s」: 記号は %d バイト、ラベルは"
			    " %d バイトまでです", (int)(p - start), start,
			    CONFIG_GRADE_KEY_MAX, CONFIG_GRADE_LABEL_MAX);
			goto fail;
		}
		for (i = 0; i < n; i++)
			if (strlen(g[i].key) == klen &&
			    memcmp(g[i].key, start, klen) == 0) {
				*why = xasprintf("記号 %.*s が 2 回あります",
				    (int)klen, start);
				goto fail;
			}
		g[n].key = xmalloc(klen + 1);
		memcpy(g[n].key, start, klen);
		g[n].key[klen] = '\0';
		g[n].label = xmalloc(llen + 1);
		memcpy(g[n].label, colon + cl, llen);
		g[n].label[llen] = '\0';
		n++;
	}
	if (n == 0) {
		*why = xstrdup("段階を 1 つ以上書いてください"
		    "（例: A:達成 B:概ね達成 C:未達成 D:未実施）");
		return -1;
	}
	config_grades_clear(c->grades, c->ngrades);
	memcpy(c->grades, g, sizeof g);
	c->ngrades = n;
	return 0;

fail:
	config_grades_clear(g, n);
	return -1;
}

/* Binds action to keys, replacing an earlier binding of the same action. */
static int
config_set_keys(struct config *c, const char *action, const char *keys,
    char **why)
{
	int i;

	if (*keys == '\0') {
		*why = xstrdup("キーを 1 つ以上書いてください"
		    "（# や ; は \"#\" のように二重引用符で囲みます）");
		return -1;
	}
	for (i = 0; i < c->nkeys; i++)
		if (strcmp(c->keys[i].action, action) == 0) {
			config_set_str(&c->keys[i].keys, keys);
			return 0;
		}
	if (c->nkeys == CONFIG_MAX_KEYS) {
		*why = xasprintf("[keys] の操作が多すぎます（%d まで）",
		    CONFIG_MAX_KEYS);
		return -1;
	}
	c->keys[c->nkeys].action = xstrdup(action);
	c->keys[c->nkeys].keys = xstrdup(keys);
	c->nkeys++;
	return 0;
}

static const struct config_option *
config_find_option(const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < CONFIG_NOPTIONS; i++)
		if (strcmp(config_options[i].section, section) == 0 &&
		    strcmp(config_options[i].key, key) == 0)
			return &config_options[i];
	return NULL;
}

static int
config_known_section(const char *section)
{
	size_t i;

	for (i = 0; config_sections[i] != NULL; i++)
		if (strcmp(config_sections[i], section) == 0)
			return 1;
	return 0;
}

static char *
config_section_list(void)
{
	char *s = xstrdup(""), *t;
	size_t i;

	for (i = 0; config_sections[i] != NULL; i++) {
		t = xasprintf("%s%s[%s]", s, i ? " " : "",
		    config_sections[i]);
		free(s);
		s = t;
	}
	return s;
}

static char *
config_key_list(const char *section)
{
	char *s = xstrdup(""), *t;
	size_t i;
	int n = 0;

	for (i = 0; i < CONFIG_NOPTIONS; i++) {
		if (strcmp(config_options[i].section, section) != 0)
			continue;
		t = xasprintf("%s%s%s", s, n++ ? ", " : "",
		    config_options[i].key);
		free(s);
		s = t;
	}
	return s;
}

/* "name: [section] key = value: why" (an empty value shown as ""). */
static char *
config_value_error(const char *name, const char *section, const char *key,
    const char *value, const char *why)
{
	return xasprintf("%s: [%s] %s = %s: %s", name, section, key,
	    *value != '\0' ? value : "\"\"", why);
}

/*
 * Applies every entry of a loaded dictionary to c, in file order, adding
 * one error line per bad entry. seen (one flag per option) is set for
 * each option found, so a gap in the compiled-in defaults can be caught.
 */
static void
config_apply(struct config *c, const dictionary *d, const char *name,
    int *seen, struct config_errors *errs)
{
	const struct config_option *o;
	const char *entry, *colon, *value;
	char section[1024], *why, *list;
	size_t slen;
	ssize_t i;	/* the type of d->size in iniparser 4.1 */

	/*
	 * Walk the entries themselves: the section API cannot see a key
	 * written before any [section] (stored as ":key"), and iniparser
	 * keeps entries in the order they were read. Every value is then
	 * looked up as "section:key" only, with NULL treated as missing.
	 */
	for (i = 0; i < d->size; i++) {
		entry = d->key[i];
		if (entry == NULL)
			continue;
		colon = strchr(entry, ':');
		if (colon == NULL) {
			if (config_known_section(entry))
				continue;
			list = config_section_list();
			config_errors_add(errs, xasprintf("%s: [%s]: "
			    "知らないセクションです（使えるのは %s）", name,
			    entry, list));
			free(list);
			continue;
		}
		value = iniparser_getstring(d, entry, NULL);
		if (value == NULL)
			continue;
		slen = (size_t)(colon - entry);
		if (slen == 0) {
			config_errors_add(errs, xasprintf("%s: %s = %s: "
			    "セクションの外にあります（[database] などの見出しの"
			    "下に書いてください）", name, colon + 1, value));
			continue;
		}
		if (slen >= sizeof section)
			continue;	/* cannot happen: lines are < 1024 */
		memcpy(section, entry, slen);
		section[slen] = '\0';
		if (!config_known_section(section))
			continue;	/* reported once with the section */
		why = NULL;
		if (strcmp(section, "keys") == 0) {
			if (config_set_keys(c, colon + 1, value, &why) != 0)
				goto bad;
			continue;
		}
		o = config_find_option(section, colon + 1);
		if (o == NULL) {
			list = config_key_list(section);
			why = xasprintf("知らないキーです（[%s] に書けるのは"
			    " %s）", section, list);
			free(list);
			goto bad;
		}
		if (o->parse(c, o, value, &why) != 0)
			goto bad;
		if (seen != NULL)
			seen[o - config_options] = 1;
		continue;
bad:
		config_errors_add(errs, config_value_error(name, section,
		    colon + 1, value, why));
		free(why);
	}
}

/* Captures iniparser's messages instead of letting it print them. */
static int
config_ini_error(const char *fmt, ...)
{
	size_t used = strlen(config_ini_errbuf);
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(config_ini_errbuf + used, sizeof config_ini_errbuf - used,
	    fmt, ap);
	va_end(ap);
	return n;
}

/* Counts the line (1-based) that byte offset off of text lies on. */
static int
config_line_of(const char *text, size_t off)
{
	int line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (text[i] == '\n')
			line++;
	return line;
}

/* Length of the valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t
config_utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

/* Checks the text is UTF-8 without NUL bytes; sets *cause if not. */
static int
config_check_text(const char *name, const char *text, size_t len,
    char **cause)
{
	size_t i = 0, n;

	while (i < len) {
		if (text[i] == '\0') {
			*cause = xasprintf("%s:%d: NUL 文字が含まれています"
			    "（テキストファイルではありません）", name,
			    config_line_of(text, i));
			return -1;
		}
		n = config_utf8_len((const unsigned char *)text + i, len - i);
		if (n == 0) {
			*cause = xasprintf("%s:%d: UTF-8 として正しくない"
			    "バイトがあります（UTF-8 で保存し直してください）",
			    name, config_line_of(text, i));
			return -1;
		}
		i += n;
	}
	return 0;
}

/*
 * Turns what iniparser reported about tmp (the file it read) into a
 * message about name (the file the user knows).
 */
static char *
config_ini_cause(const char *name, const char *tmp)
{
	const char *msg = config_ini_errbuf, *p, *arrow;
	char *pat, *raw, *q;
	int line = 0, linelen;

	pat = xasprintf(" in %s (", tmp);
	p = strstr(msg, pat);
	if (p != NULL)
		line = atoi(p + strlen(pat));
	free(pat);
	if (line > 0 && strstr(msg, "input line too long") != NULL)
		return xasprintf("%s:%d: 設定ファイルとして読めません: 1 行が"
		    "長すぎます（1022 バイトまで）", name, line);
	if (line > 0 && strstr(msg, "syntax error") != NULL) {
		arrow = strstr(msg, "-> ");
		arrow = arrow != NULL ? arrow + 3 : "";
		linelen = (int)strcspn(arrow, "\r\n");
		return xasprintf("%s:%d: 設定ファイルとして読めません: "
		    "「キー = 値」でも「[セクション]」でもない行です: %.*s",
		    name, line, linelen, arrow);
	}
	/* Anything else: iniparser's own words, on one line. */
	raw = xstrdup(*msg != '\0' ? msg : "iniparser: load failed");
	for (q = raw; *q != '\0'; q++)
		if (*q == '\n' || *q == '\r')
			*q = ' ';
	while (q > raw && q[-1] == ' ')
		*--q = '\0';
	pat = xasprintf("%s: 設定ファイルとして読めません（%s）", name, raw);
	free(raw);
	return pat;
}

/*
 * The text in a file without a name, named by /proc/self/fd: nothing is
 * left behind, whatever ends the program, and no directory of the
 * environment's is written. -1 where the kernel or /proc lacks it.
 */
static int
config_ini_memfile(const char *text, size_t len, char *path, size_t size)
{
	int	fd;

	if ((fd = memfd_create("shisaku-ini", MFD_CLOEXEC)) == -1)
		return -1;
	snprintf(path, size, "/proc/self/fd/%d", fd);
	if (write_all(fd, text, len) != 0 || access(path, R_OK) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Loads path with iniparser; NULL with *cause about name. */
static dictionary *
config_ini_load(const char *name, const char *path, char **cause)
{
	dictionary *d;

	config_ini_errbuf[0] = '\0';
	iniparser_set_error_callback(config_ini_error);
	d = iniparser_load(path);
	iniparser_set_error_callback(NULL);
	if (d == NULL)
		*cause = config_ini_cause(name, path);
	else if (config_ini_errbuf[0] != '\0') {
		/* Loaded, yet it complained: do not trust a partial read. */
		*cause = config_ini_cause(name, path);
		iniparser_freedict(d);
		d = NULL;
	}
	return d;
}

/*
 * Parses INI text with iniparser. iniparser 4.1 reads only from a named
 * file, so it reads the text from a file of its own, which also means it
 * sees exactly the bytes checked here (BOM already removed): an unnamed
 * file in memory, or where the system has none a private temporary file
 * removed once read.
 */
static dictionary *
config_ini_parse(const char *name, const char *text, size_t len,
    char **cause)
{
	const char *dir = getenv("TMPDIR");
	dictionary *d;
	char *tmp, mem[64];
	int fd, err;

	if ((fd = config_ini_memfile(text, len, mem, sizeof mem)) != -1) {
		d = config_ini_load(name, mem, cause);
		close(fd);
		return d;
	}
	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	tmp = xasprintf("%s/shisaku-ini-XXXXXX", dir);
	fd = mkstemp(tmp);
	if (fd == -1) {
		*cause = xasprintf("%s: 設定を読むための一時ファイルを"
		    "作れません（%s: %s）", name, dir, strerror(errno));
		free(tmp);
		return NULL;
	}
	err = write_all(fd, text, len) != 0 ? errno : 0;
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err != 0) {
		unlink(tmp);
		*cause = xasprintf("%s: 設定を読むための一時ファイルに"
		    "書けません（%s: %s）", name, dir, strerror(err));
		free(tmp);
		return NULL;
	}
	d = config_ini_load(name, tmp, cause);
	unlink(tmp);
	free(tmp);
	return d;
}

/* Reads the whole file at path; NULL with *cause if it cannot. */
static char *
config_read_file(const char *path, size_t *lenp, char **cause)
{
	struct stat st;
	FILE *f;
	char *buf;
	size_t len = 0, n;
	int fd;

	/* Opened without blocking and looked at before a byte is read: a
	 * FIFO or a device is never read (it could block or never end). */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		*cause = xasprintf("%s: 読めません: %s", path,
		    strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*cause = S_ISDIR(st.st_mode) ?
		    xasprintf("%s: ディレクトリです（設定ファイルを指定してください）",
		    path) :
		    xasprintf("%s: 通常のファイルではありません（FIFO やデバイスは"
		    "設定として読みません）", path);
		close(fd);
		return NULL;
	}
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	f = fdopen(fd, "rb");
	if (f == NULL) {
		*cause = xasprintf("%s: 読めません: %s", path,
		    strerror(errno));
		close(fd);
		return NULL;
	}
	buf = xmalloc(CONFIG_FILE_MAX + 1);
	while ((n = fread(buf + len, 1, CONFIG_FILE_MAX + 1 - len, f)) > 0) {
		len += n;
		if (len > CONFIG_FILE_MAX)
			break;
	}
	if (ferror(f)) {
		*cause = xasprintf("%s: 読めません: %s", path,
		    strerror(errno));
		fclose(f);
		free(buf);
		return NULL;
	}
	fclose(f);
	if (len > CONFIG_FILE_MAX) {
		*cause = xasprintf("%s: 設定ファイルとしては大きすぎます"
		    "（%d バイトまで）", path, CONFIG_FILE_MAX);
		free(buf);
		return NULL;
	}
	buf[len] = '\0';
	*lenp = len;
	return buf;
}

/*
 * Counts section headings and entries (lines that are neither blank nor
 * comments) the cheap way, before iniparser sees the text; refuses a file
 * with more than any configuration needs.
 */
static int
config_check_size(const char *name, const char *text, size_t len,
    char **cause)
{
	size_t	i = 0;
	int	sections = 0, entries = 0, line = 1;

	while (i < len) {
		while (i < len && (text[i] == ' ' || text[i] == '\t'))
			i++;
		if (i < len && text[i] == '[') {
			if (++sections > CONFIG_MAX_SECTIONS) {
				*cause = xasprintf("%s:%d: セクションが多すぎます"
				    "（%d まで）。設定ファイルか確かめてください",
				    name, line, CONFIG_MAX_SECTIONS);
				return -1;
			}
		} else if (i < len && text[i] != '\n' && text[i] != '\r' &&
		    text[i] != ';' && text[i] != '#') {
			if (++entries > CONFIG_MAX_ENTRIES) {
				*cause = xasprintf("%s:%d: 行が多すぎます"
				    "（キーは %d 個まで）。設定ファイルか"
				    "確かめてください", name, line,
				    CONFIG_MAX_ENTRIES);
				return -1;
			}
		}
		while (i < len && text[i] != '\n')
			i++;
		i++;
		line++;
	}
	return 0;
}

struct config_key_at {
	char	*section, *key;
	int	 line;
};

/*
 * A key written twice in a section: iniparser keeps the value of the
 * last and says nothing, so a line an administrator added below an old
 * one would win or lose unseen. Each is an error naming both lines.
 * Lines continued by a trailing backslash belong to the key above.
 */
static void
config_check_twice(const char *name, const char *text, size_t len,
    struct config_errors *errs)
{
	struct config_key_at	*seen = NULL;
	size_t			 nseen = 0, cap = 0, i = 0, end, k, n;
	const char		*l, *eq;
	char			*section = xstrdup(""), *key;
	int			 line = 0, continued = 0, was;

	while (i < len) {
		line++;
		for (end = i; end < len && text[end] != '\n'; end++)
			;
		l = text + i;
		n = end - i;
		i = end + 1;
		while (n > 0 && (*l == ' ' || *l == '\t')) {
			l++;
			n--;
		}
		while (n > 0 && (l[n - 1] == ' ' || l[n - 1] == '\t' ||
		    l[n - 1] == '\r'))
			n--;
		was = continued;
		continued = n > 0 && l[n - 1] == '\\';
		if (was || n == 0 || *l == ';' || *l == '#')
			continue;
		if (*l == '[') {
			eq = memchr(l, ']', n);
			free(section);
			section = config_dup_trimmed_lower(l + 1, eq != NULL ?
			    (size_t)(eq - l - 1) : n - 1);
			continue;
		}
		if ((eq = memchr(l, '=', n)) == NULL)
			continue;	/* iniparser says what is wrong */
		key = config_dup_trimmed_lower(l, (size_t)(eq - l));
		for (k = 0; k < nseen; k++)
			if (strcmp(seen[k].key, key) == 0 &&
			    strcmp(seen[k].section, section) == 0)
				break;
		if (k < nseen) {
			config_errors_add(errs, xasprintf("%s:%d: [%s] %s が"
			    "二度書かれています（%d 行目にも。どちらか一方を"
			    "消してください）", name, line, section, key,
			    seen[k].line));
			free(key);
			continue;
		}
		if (nseen == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			seen = xreallocarray(seen, cap, sizeof *seen);
		}
		seen[nseen].section = xstrdup(section);
		seen[nseen].key = key;
		seen[nseen++].line = line;
	}
	for (k = 0; k < nseen; k++) {
		free(seen[k].section);
		free(seen[k].key);
	}
	free(seen);
	free(section);
}

/* Checks, parses and applies INI text; 0, or -1 with *cause. */
static int
config_apply_text(struct config *c, const char *name, const char *text,
    size_t len, int *seen, char **cause)
{
	struct config_errors errs = { NULL, 0 };
	dictionary *d;

	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0) {
		text += 3;	/* a BOM, as Windows editors write */
		len -= 3;
	}
	if (config_check_text(name, text, len, cause) != 0 ||
	    config_check_size(name, text, len, cause) != 0)
		return -1;
	d = config_ini_parse(name, text, len, cause);
	if (d == NULL)
		return -1;
	config_check_twice(name, text, len, &errs);
	config_apply(c, d, name, seen, &errs);
	iniparser_freedict(d);
	if (errs.count > 0) {
		*cause = errs.text;
		return -1;
	}
	return 0;
}

/* Reads the compiled-in defaults; every option must be among them. */
static int
config_apply_defaults(struct config *c, char **cause)
{
	int seen[CONFIG_NOPTIONS];
	size_t i;

	memset(seen, 0, sizeof seen);
	if (config_apply_text(c, CONFIG_DEFAULTS_NAME, shisaku_default_config,
	    strlen(shisaku_default_config), seen, cause) != 0)
		return -1;
	for (i = 0; i < CONFIG_NOPTIONS; i++)
		if (!seen[i]) {
			*cause = xasprintf("%s: [%s] %s がありません",
			    CONFIG_DEFAULTS_NAME, config_options[i].section,
			    config_options[i].key);
			return -1;
		}
	return 0;
}

/*
 * Whether path exists: 1 yes, 0 no (absent, or a missing directory on
 * the way), -1 for any other failure, with *cause set.
 */
static int
config_exists(const char *path, char **cause)
{
	struct stat st;

	if (stat(path, &st) == 0)
		return 1;
	if (errno == ENOENT || errno == ENOTDIR)
		return 0;
	*cause = errno == ELOOP ?
	    xasprintf("%s: シンボリックリンクが循環しています", path) :
	    errno == EACCES ?
	    xasprintf("%s: 調べられません: Permission denied（途中のディレクトリ"
	    "に入る権限がありません）", path) :
	    xasprintf("%s: 調べられません: %s", path, strerror(errno));
	return -1;
}

/*
 * Finds the file to read by the lookup order. Returns 0 with *found set
 * to a malloc'd path or NULL (defaults only), or -1 with *cause.
 */
static int
config_find_file(const char *explicit_path, char **found, char **cause)
{
	const char *env, *xdg, *home;
	char *path;
	int r;

	*found = NULL;
	if (explicit_path != NULL) {
		if ((r = config_exists(explicit_path, cause)) < 0)
			return -1;
		if (r == 0) {
			*cause = xasprintf("%s: 設定ファイルがありません"
			    "（-c で指定されたファイル）", explicit_path);
			return -1;
		}
		*found = xstrdup(explicit_path);
		return 0;
	}
	env = getenv("SHISAKU_CONFIG");
	if (env != NULL && *env != '\0') {
		if ((r = config_exists(env, cause)) < 0)
			return -1;
		if (r == 0) {
			*cause = xasprintf("%s: 設定ファイルがありません"
			    "（環境変数 SHISAKU_CONFIG で指定されたファイル）",
			    env);
			return -1;
		}
		*found = xstrdup(env);
		return 0;
	}
	/* XDG: a relative $XDG_CONFIG_HOME is invalid and is ignored. */
	xdg = getenv("XDG_CONFIG_HOME");
	home = getenv("HOME");
	path = NULL;
	if (xdg != NULL && xdg[0] == '/')
		path = xasprintf("%s/shisaku/shisaku.ini", xdg);
	else if (home != NULL && *home != '\0')
		path = xasprintf("%s/.config/shisaku/shisaku.ini", home);
	if (path != NULL) {
		if ((r = config_exists(path, cause)) != 0) {
			if (r < 0) {
				free(path);
				return -1;
			}
			*found = path;
			return 0;
		}
		free(path);
	}
	path = xstrdup(SHISAKU_SYSCONFDIR "/shisaku/shisaku.ini");
	if ((r = config_exists(path, cause)) != 0) {
		if (r < 0) {
			free(path);
			return -1;
		}
		*found = path;
		return 0;
	}
	free(path);
	return 0;
}

struct config *
config_load(const char *explicit_path, char **cause)
{
	struct config *c;
	char *path = NULL, *text;
	size_t len;

	*cause = NULL;
	c = xmalloc(sizeof *c);
	memset(c, 0, sizeof *c);
	if (config_apply_defaults(c, cause) != 0)
		goto fail;
	if (config_find_file(explicit_path, &path, cause) != 0)
		goto fail;
	if (path == NULL)
		return c;
	text = config_read_file(path, &len, cause);
	if (text == NULL)
		goto fail;
	if (config_apply_text(c, path, text, len, NULL, cause) != 0) {
		free(text);
		goto fail;
	}
	free(text);
	c->path = path;
	return c;

fail:
	free(path);
	config_free(c);
	return NULL;
}

struct config *
config_load_system(char **cause)
{
	struct config *c;
	char *path, *text;
	size_t len;
	int r;

	*cause = NULL;
	c = xmalloc(sizeof *c);
	memset(c, 0, sizeof *c);
	if (config_apply_defaults(c, cause) != 0)
		goto fail;
	path = xstrdup(SHISAKU_SYSCONFDIR "/shisaku/shisaku.ini");
	if ((r = config_exists(path, cause)) <= 0) {
		free(path);
		if (r < 0)
			goto fail;
		return c;
	}
	if ((text = config_read_file(path, &len, cause)) == NULL) {
		free(path);
		goto fail;
	}
	r = config_apply_text(c, path, text, len, NULL, cause);
	free(text);
	if (r != 0) {
		free(path);
		goto fail;
	}
	c->path = path;
	return c;
fail:
	config_free(c);
	return NULL;
}

char *
config_access_differs(const struct config *c, const struct config *sys)
{
	char	*out = NULL, *t, *piece;
	int	 i;

	for (i = 0; i < 3; i++) {
		piece = NULL;
		if (i == 0 && strcmp(c->db_path, sys->db_path) != 0)
			piece = xasprintf("[database] path = %s", c->db_path);
		else if (i == 1 && c->file_mode != sys->file_mode)
			piece = xasprintf("[database] file_mode = %04o",
			    (unsigned)c->file_mode);
		else if (i == 2 && c->unknown_user != sys->unknown_user)
			piece = xasprintf("[access] unknown_user = %s",
			    config_unknown_users[c->unknown_user ==
			    UNKNOWN_USER_REFUSE].name);
		if (piece == NULL)
			continue;
		t = out != NULL ? xasprintf("%s、%s", out, piece) : xstrdup(piece);
		free(out);
		free(piece);
		out = t;
	}
	return out;
}

void
config_take_access(struct config *c, const struct config *sys)
{
	free(c->db_path);
	c->db_path = xstrdup(sys->db_path);
	c->unknown_user = sys->unknown_user;
	c->file_mode = sys->file_mode;
}

struct config *
config_load_text(const char *name, const char *text, size_t len, char **cause)
{
	struct config *c;

	*cause = NULL;
	c = xmalloc(sizeof *c);
	memset(c, 0, sizeof *c);
	if (config_apply_defaults(c, cause) != 0 ||
	    config_apply_text(c, name, text, len, NULL, cause) != 0) {
		config_free(c);
		return NULL;
	}
	return c;
}

void
config_free(struct config *c)
{
	int i;

	if (c == NULL)
		return;
	free(c->path);
	free(c->db_path);
	free(c->color_title);
	free(c->color_select);
	free(c->color_status);
	free(c->color_error);
	config_grades_clear(c->grades, c->ngrades);
	for (i = 0; i < c->nkeys; i++) {
		free(c->keys[i].action);
		free(c->keys[i].keys);
	}
	free(c);
}

int
config_current_fy(const struct config *c)
{
	return c->current_fy > 0 ? c->current_fy :
	    fy_of_time(time(NULL), c->fy_start_month);
}

const char *
config_grade_label(const struct config *c, const char *key)
{
	int i;

	if (key == NULL)
		return NULL;
	for (i = 0; i < c->ngrades; i++)
		if (strcmp(c->grades[i].key, key) == 0)
			return c->grades[i].label;
	return NULL;
}

const char *
config_grade_key(const struct config *c, const char *text)
{
	const char	*found = NULL;
	char		*want, *k;
	int		 i, n = 0;

	if (text == NULL)
		return NULL;
	for (i = 0; i < c->ngrades; i++)
		if (strcmp(c->grades[i].key, text) == 0)
			return c->grades[i].key;
	want = tf_fold(text);
	for (i = 0; i < c->ngrades; i++) {
		k = tf_fold(c->grades[i].key);
		if (strcmp(k, want) == 0) {
			found = c->grades[i].key;
			n++;
		}
		free(k);
	}
	free(want);
	return n == 1 ? found : NULL;
}

const char *
config_keys_for(const struct config *c, const char *action)
{
	int i;

	if (action == NULL)
		return NULL;
	for (i = 0; i < c->nkeys; i++)
		if (strcmp(c->keys[i].action, action) == 0)
			return c->keys[i].keys;
	return NULL;
}
