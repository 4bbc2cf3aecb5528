/*
 * The key table (see keys.h): reads the [keys] bindings of the config
 * (the shipped defaults with the user's overrides), turns key names such
 * as "j", "PageDown", "C-f" or "F1" into what get_wch returns, and looks
 * keys up for the screens. A UI file because key codes are curses' KEY_*.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <wctype.h>

#include "shisaku/config.h"
#include "shisaku/keys.h"
#include "shisaku/util.h"

#define KEYS_MAX_BINDINGS 512

struct keys_binding {
	int		 is_function;
	wint_t		 code;
	enum key_action	 act;
	int		 alias;		/* added for a name's other codes */
};

/* A named key: its main code and codes terminals also send for it. */
struct keys_name {
	const char	*name;
	int		 is_function;
	int		 code;
	int		 alias_fn[2];
	int		 alias_code[2];	/* 0 = none */
};

static const struct keys_name keys_names[] = {
	{ "Up",		1, KEY_UP,	  { 0, 0 }, { 0, 0 } },
	{ "Down",	1, KEY_DOWN,	  { 0, 0 }, { 0, 0 } },
	{ "Left",	1, KEY_LEFT,	  { 0, 0 }, { 0, 0 } },
	{ "Right",	1, KEY_RIGHT,	  { 0, 0 }, { 0, 0 } },
	/* Some terminals send Find/Select for Home/End. */
	{ "Home",	1, KEY_HOME,	  { 1, 0 }, { KEY_FIND, 0 } },
	{ "End",	1, KEY_END,	  { 1, 0 }, { KEY_SELECT, 0 } },
	{ "PageUp",	1, KEY_PPAGE,	  { 0, 0 }, { 0, 0 } },
	{ "PageDown",	1, KEY_NPAGE,	  { 0, 0 }, { 0, 0 } },
	/* Enter is LF in cbreak mode, CR on some terminals, or the keypad
	 * key. */
	{ "Enter",	0, '\n',	  { 0, 1 }, { '\r', KEY_ENTER } },
	{ "Esc",	0, 27,		  { 0, 0 }, { 0, 0 } },
	{ "Tab",	0, '\t',	  { 0, 0 }, { 0, 0 } },
	{ "BTab",	1, KEY_BTAB,	  { 0, 0 }, { 0, 0 } },
	{ "Space",	0, ' ',		  { 0, 0 }, { 0, 0 } },
	{ "Backspace",	1, KEY_BACKSPACE, { 0, 0 }, { 127, 8 } },
	{ "Delete",	1, KEY_DC,	  { 0, 0 }, { 0, 0 } },
	{ "Insert",	1, KEY_IC,	  { 0, 0 }, { 0, 0 } },
};
#define KEYS_NNAMES (sizeof keys_names / sizeof keys_names[0])

static const char *const keys_action_names[ACT_COUNT] = {
	"",
#define KEY_ACTION_NAME(e, n, h) n,
	KEY_ACTIONS(KEY_ACTION_NAME)
#undef KEY_ACTION_NAME
};

static const char *const keys_action_helps[ACT_COUNT] = {
	"",
#define KEY_ACTION_HELP(e, n, h) h,
	KEY_ACTIONS(KEY_ACTION_HELP)
#undef KEY_ACTION_HELP
};

static struct keys_binding	 keys_bindings[KEYS_MAX_BINDINGS];
static size_t			 keys_nbindings;
static char			*keys_written[ACT_COUNT];

const char *
keys_action_name(enum key_action a)
{
	if (a <= ACT_NONE || a >= ACT_COUNT)
		return "";
	return keys_action_names[a];
}

const char *
keys_action_help(enum key_action a)
{
	if (a <= ACT_NONE || a >= ACT_COUNT)
		return "";
	return keys_action_helps[a];
}

const char *
keys_action_keys(enum key_action a)
{
	if (a <= ACT_NONE || a >= ACT_COUNT || keys_written[a] == NULL)
		return "";
	return keys_written[a];
}

static enum key_action
keys_action_by_name(const char *name)
{
	int	a;

	for (a = ACT_NONE + 1; a < ACT_COUNT; a++)
		if (strcmp(keys_action_names[a], name) == 0)
			return (enum key_action)a;
	return ACT_NONE;
}

void
keys_free(void)
{
	int	a;

	for (a = 0; a < ACT_COUNT; a++) {
		free(keys_written[a]);
		keys_written[a] = NULL;
	}
	keys_nbindings = 0;
}

enum key_action
keys_lookup(int is_function, wint_t ch)
{
	size_t	i;

	is_function = is_function != 0;
	for (i = 0; i < keys_nbindings; i++)
		if (keys_bindings[i].is_function == is_function &&
		    keys_bindings[i].code == ch)
			return keys_bindings[i].act;
	return ACT_NONE;
}

static struct keys_binding *
keys_find(int is_function, wint_t code)
{
	size_t	i;

	for (i = 0; i < keys_nbindings; i++)
		if (keys_bindings[i].is_function == is_function &&
		    keys_bindings[i].code == code)
			return &keys_bindings[i];
	return NULL;
}

/* Decodes s if it is exactly one UTF-8 character; returns it or 0. */
static wint_t
keys_single_char(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned long		 c;
	size_t			 n, i;

	if (u[0] == 0)
		return 0;
	if (u[0] < 0x80) {
		c = u[0];
		n = 1;
	} else if (u[0] >= 0xC2 && u[0] <= 0xDF) {
		c = u[0] & 0x1F;
		n = 2;
	} else if (u[0] >= 0xE0 && u[0] <= 0xEF) {
		c = u[0] & 0x0F;
		n = 3;
	} else if (u[0] >= 0xF0 && u[0] <= 0xF4) {
		c = u[0] & 0x07;
		n = 4;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (u[n] != 0 || c < (n == 1 ? 0 : n == 2 ? 0x80 : n == 3 ? 0x800 :
	    0x10000) || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	return (wint_t)c;
}

/*
 * Parses one key name. Returns 0, the main code and the name spelled the
 * canonical way in canon (16 bytes; "F1", "C-l", "PageUp"), or -1 if the
 * name is not a key.
 */
static int
keys_parse_name(const char *name, int *is_function, wint_t *code,
    char canon[16])
{
	size_t	i;
	wint_t	c;
	char	*end;
	long	n;

	for (i = 0; i < KEYS_NNAMES; i++)
		if (strcasecmp(keys_names[i].name, name) == 0) {
			snprintf(canon, 16, "%s", keys_names[i].name);
			*is_function = keys_names[i].is_function;
			*code = (wint_t)keys_names[i].code;
			return 0;
		}
	/* C-a .. C-z */
	if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	    name[2] != '\0' && name[3] == '\0') {
		int l = name[2];

		if (l >= 'A' && l <= 'Z')
			l = l - 'A' + 'a';
		if (l < 'a' || l > 'z')
			return -1;
		*is_function = 0;
		*code = (wint_t)(l - 'a' + 1);
		snprintf(canon, 16, "C-%c", l);
		return 0;
	}
	/* F1 .. F12 */
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' &&
	    name[1] <= '9') {
		n = strtol(name + 1, &end, 10);
		if (*end == '\0' && n >= 1 && n <= 12) {
			*is_function = 1;
			*code = (wint_t)KEY_F(n);
			snprintf(canon, 16, "F%ld", n);
			return 0;
		}
		if (name[2] != '\0')
			return -1;
	}
	/* One printable character other than the blank (that is Space). */
	c = keys_single_char(name);
	if (c != 0 && c != L' ' && iswprint(c)) {
		*is_function = 0;
		*code = c;
		snprintf(canon, 16, "%s", name);
		return 0;
	}
	return -1;
}

static int
keys_add(int is_function, wint_t code, enum key_action act, int alias)
{
	if (keys_nbindings == KEYS_MAX_BINDINGS)
		return -1;
	keys_bindings[keys_nbindings].is_function = is_function;
	keys_bindings[keys_nbindings].code = code;
	keys_bindings[keys_nbindings].act = act;
	keys_bindings[keys_nbindings].alias = alias;
	keys_nbindings++;
	return 0;
}

/* Binds the keys written for one action; the keys are also recorded as
 * written (single spaces) for help. Aliases are added later. */
static int
keys_bind_action(enum key_action act, const char *action, const char *keys,
    char **cause)
{
	char	*copy, *name, *save = NULL, *written, canon[16];
	size_t	 wlen = 0;
	int	 is_function;
	wint_t	 code;
	struct keys_binding *other;

	copy = xstrdup(keys);
	written = xcalloc(1, strlen(keys) + 1);
	for (name = strtok_r(copy, " \t", &save); name != NULL;
	    name = strtok_r(NULL, " \t", &save)) {
		if (keys_parse_name(name, &is_function, &code, canon) != 0) {
			*cause = xasprintf("[keys] %s = %s: 不明なキー名です: %s"
			    "（1 文字、Up Down Left Right Home End PageUp "
			    "PageDown Enter Esc Tab BTab Space Backspace Delete "
			    "Insert F1〜F12、C-a〜C-z のどれか）", action, keys,
			    name);
			goto fail;
		}
		other = keys_find(is_function, code);
		if (other != NULL && other->act != act) {
			*cause = xasprintf("[keys] %s = %s: キー %s は %s にも"
			    "割り当てられています", action, keys, name,
			    keys_action_names[other->act]);
			goto fail;
		}
		if (other == NULL && keys_add(is_function, code, act, 0) != 0) {
			*cause = xasprintf("[keys] %s = %s: キーが多すぎます",
			    action, keys);
			goto fail;
		}
		if (wlen > 0)
			written[wlen++] = ' ';
		memcpy(written + wlen, canon, strlen(canon));
		wlen += strlen(canon);
	}
	written[wlen] = '\0';
	free(keys_written[act]);
	keys_written[act] = written;
	free(copy);
	return 0;
fail:
	free(written);
	free(copy);
	return -1;
}

/* Adds the other codes of named keys (CR for Enter, 127 and 8 for
 * Backspace …) where nothing else is bound to them. */
static void
keys_add_aliases(void)
{
	size_t	i, n = keys_nbindings, k, j;

	for (i = 0; i < n; i++) {
		for (k = 0; k < KEYS_NNAMES; k++) {
			const struct keys_name *kn = &keys_names[k];

			if (kn->is_function != keys_bindings[i].is_function ||
			    (wint_t)kn->code != keys_bindings[i].code)
				continue;
			for (j = 0; j < 2; j++) {
				if (kn->alias_code[j] == 0 ||
				    keys_find(kn->alias_fn[j],
				    (wint_t)kn->alias_code[j]) != NULL)
					continue;
				keys_add(kn->alias_fn[j],
				    (wint_t)kn->alias_code[j],
				    keys_bindings[i].act, 1);
			}
		}
	}
}

int
keys_init(const struct config *c, char **cause)
{
	int		i;
	enum key_action	act;

	keys_free();
	if (c == NULL)
		return 0;
	for (i = 0; i < c->nkeys; i++) {
		const char *name = c->keys[i].action;
		const char *keys = c->keys[i].keys ? c->keys[i].keys : "";

		act = keys_action_by_name(name);
		if (act == ACT_NONE) {
			*cause = xasprintf("[keys] %s = %s: 不明な操作です",
			    name, keys);
			keys_free();
			return -1;
		}
		if (keys_bind_action(act, name, keys, cause) != 0) {
			keys_free();
			return -1;
		}
	}
	keys_add_aliases();
	return 0;
}
