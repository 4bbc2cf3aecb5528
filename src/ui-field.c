/*
 * Single-line values in fields of the form library (see ui-field.h): the
 * text kept outside the field, the field read back by columns, the cursor
 * stepped to the end of the text, and the keys of a line field mapped to
 * form requests.
 */
#include <curses.h>
#include <form.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "shisaku/textwidth.h"
#include "shisaku/ui-field.h"
#include "shisaku/util.h"

void
ui_line_set(struct ui_line *l, const char *text)
{
	free(l->text);
	free(l->initial);
	l->text = xstrdup(text != NULL ? text : "");
	l->initial = xstrdup(l->text);
	l->dirty = 0;
}

void
ui_line_free(struct ui_line *l)
{
	free(l->text);
	free(l->initial);
	l->text = l->initial = NULL;
}

/* The field's buffer cut to its width in columns, without the blanks
 * that pad it on the right (malloc'd). */
static char *
ui_field_cut(FIELD *f)
{
	const char	*buf = field_buffer(f, 0);
	char		*out, *end;
	size_t		 size;
	int		 rows, cols, frow, fcol, nrow, nbuf;

	if (buf == NULL)
		return xstrdup("");
	field_info(f, &rows, &cols, &frow, &fcol, &nrow, &nbuf);
	size = strlen(buf) + 1;
	out = xmalloc(size);
	tw_fit(buf, cols, 0, 0, out, size);
	end = out + strlen(out);
	while (end > out && end[-1] == ' ')
		*--end = '\0';
	return out;
}

char *
ui_field_text(FIELD *f)
{
	char	*out = ui_field_cut(f), *p;

	for (p = out; *p == ' '; p++)
		;
	memmove(out, p, strlen(p) + 1);
	return out;
}

/* Fills a field with its line's text, or the text cut with '~' when it
 * does not fit (then it is edited on the bottom line). */
static void
ui_line_fill(FIELD *f, struct ui_line *l, int width)
{
	char	*cut;
	size_t	 size;

	l->too_long = tw_width(l->text) > width;
	if (!l->too_long) {
		set_field_buffer(f, 0, l->text);
		return;
	}
	size = strlen(l->text) + (size_t)width + 8;
	cut = xmalloc(size);
	tw_fit(l->text, width, 0, 1, cut, size);
	set_field_buffer(f, 0, cut);
	free(cut);
}

FIELD *
ui_line_field(int row, int col, int width, struct ui_line *l)
{
	FIELD	*f = new_field(1, width, row, col, 0, 0);

	if (f == NULL)
		return NULL;
	/* No clearing on the first key, no jumping on a full field. */
	field_opts_off(f, O_BLANK | O_AUTOSKIP);
	set_field_back(f, A_UNDERLINE);
	set_field_userptr(f, l);
	ui_line_fill(f, l, width);
	l->field = f;
	l->dirty = 0;
	return f;
}

FORM *
ui_line_form(FIELD **fields)
{
	FORM	*form = new_form(fields);

	if (form != NULL)
		form_opts_off(form, O_BS_OVERLOAD | O_NL_OVERLOAD);
	return form;
}

void
ui_line_read(struct ui_line *l)
{
	if (l->field == NULL || !l->dirty)
		return;
	free(l->text);
	l->text = ui_field_text(l->field);
	l->dirty = 0;
}

void
ui_line_cursor_end(FORM *form, const struct ui_line *l)
{
	const unsigned char	*p;
	size_t			 n = 0, i;

	if (form == NULL)
		return;
	form_driver_w(form, KEY_CODE_YES, REQ_BEG_FIELD);
	if (l->too_long)
		return;
	/* Characters: bytes that do not continue a UTF-8 sequence. */
	for (p = (const unsigned char *)l->text; *p != '\0'; p++)
		n += (*p & 0xC0) != 0x80;
	for (i = 0; i < n; i++)
		form_driver_w(form, KEY_CODE_YES, REQ_NEXT_CHAR);
}

/* Whether the form's cursor stands at or past the end of its field's
 * text (the buffer is blank-padded: a cursor moved past the text would
 * put blanks inside the value typed next). */
static int
ui_line_at_end(FORM *form)
{
	FIELD	*f;
	char	*text;
	int	 w;

	form_driver_w(form, KEY_CODE_YES, REQ_VALIDATION);
	if ((f = current_field(form)) == NULL)
		return 1;
	text = ui_field_cut(f);
	w = tw_width(text);
	free(text);
	return form->curcol >= w;
}

/* The end of the text: the field's edits read back first. */
static enum ui_line_result
ui_line_end(FORM *form, struct ui_line *l)
{
	form_driver_w(form, KEY_CODE_YES, REQ_VALIDATION);
	ui_line_read(l);
	ui_line_cursor_end(form, l);
	return UI_LINE_MOVED;
}

enum ui_line_result
ui_line_key(FORM *form, struct ui_line *l, int is_function, wint_t ch,
    int readonly)
{
	int	req = 0, rc, edit = 0;

	if (form == NULL || l == NULL || l->field == NULL)
		return UI_LINE_IGNORED;
	if (is_function) {
		switch (ch) {
		case KEY_LEFT:
			req = REQ_PREV_CHAR;
			break;
		case KEY_RIGHT:
			if (ui_line_at_end(form))
				return UI_LINE_MOVED;
			req = REQ_NEXT_CHAR;
			break;
		case KEY_HOME:
		case KEY_FIND:
			req = REQ_BEG_FIELD;
			break;
		case KEY_END:
		case KEY_SELECT:
			return ui_line_end(form, l);
		case KEY_BACKSPACE:
			req = REQ_DEL_PREV;
			edit = 1;
			break;
		case KEY_DC:
			req = REQ_DEL_CHAR;
			edit = 1;
			break;
		case KEY_ENTER:
			return UI_LINE_NEXT;
		default:
			return UI_LINE_IGNORED;
		}
	} else {
		switch (ch) {
		case '\n':
		case '\r':
			return UI_LINE_NEXT;
		case 127:
		case 8:
			req = REQ_DEL_PREV;
			edit = 1;
			break;
		case 4:		/* C-d */
			req = REQ_DEL_CHAR;
			edit = 1;
			break;
		case 1:		/* C-a */
			req = REQ_BEG_FIELD;
			break;
		case 5:		/* C-e */
			return ui_line_end(form, l);
		case 2:		/* C-b */
			req = REQ_PREV_CHAR;
			break;
		case 6:		/* C-f */
			if (ui_line_at_end(form))
				return UI_LINE_MOVED;
			req = REQ_NEXT_CHAR;
			break;
		case 21:	/* C-u */
			req = REQ_CLR_FIELD;
			edit = 1;
			break;
		case 11:	/* C-k */
			req = REQ_CLR_EOF;
			edit = 1;
			break;
		default:
			if (ch < 0x20 || !iswprint(ch))
				return UI_LINE_IGNORED;
			edit = 2;
			break;
		}
	}
	if (edit && readonly)
		return UI_LINE_READONLY;
	if (edit && l->too_long)
		return UI_LINE_TOO_LONG;
	if (edit == 2)
		rc = form_driver_w(form, OK, ch);
	else
		rc = form_driver_w(form, KEY_CODE_YES, req);
	if (!edit)
		return UI_LINE_MOVED;
	l->dirty = 1;
	if (edit == 2 && rc == E_REQUEST_DENIED)
		return UI_LINE_FULL;
	return UI_LINE_EDITED;
}

char *
ui_line_overflow(FORM *form, const struct ui_line *l, wint_t ch, size_t *at)
{
	char		*text, *head, *out, mb[MB_LEN_MAX + 1];
	const char	*cut;
	mbstate_t	 ps;
	size_t		 n, len, before;
	int		 rows, cols, frow, fcol, nrow, nbuf, y, x;

	*at = 0;
	if (form == NULL || l->field == NULL || l->too_long ||
	    current_field(form) != l->field)
		return NULL;
	memset(&ps, 0, sizeof ps);
	if ((n = wcrtomb(mb, (wchar_t)ch, &ps)) == (size_t)-1 || n == 0)
		return NULL;
	mb[n] = '\0';
	field_info(l->field, &rows, &cols, &frow, &fcol, &nrow, &nbuf);
	pos_form_cursor(form);
	getyx(form_sub(form), y, x);
	if (y != frow)
		return NULL;
	text = ui_field_cut(l->field);
	len = strlen(text);
	/* What stands left of the cursor: ch goes after it, before the
	 * character under the cursor; on the last character (where the
	 * cursor stays once the field is full), after the whole text. */
	head = xmalloc(len + 1);
	(void)tw_fit(text, x - fcol, 0, 0, head, len + 1);
	cut = text + strlen(head);
	if (*cut != '\0' && mblen(cut, strlen(cut)) == (int)strlen(cut))
		cut = text + len;
	head[cut - text] = '\0';
	memcpy(head, text, (size_t)(cut - text));
	before = mbstowcs(NULL, head, 0);
	*at = (before == (size_t)-1 ? 0 : before) + 1;
	out = xasprintf("%s%s%s", head, mb, cut);
	free(head);
	free(text);
	return out;
}
