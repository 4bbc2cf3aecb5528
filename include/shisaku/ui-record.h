/*
 * A record editor screen for the planner's forms (a node, an indicator
 * and its targets): one row per field, label and value; Enter edits the
 * field under the cursor — a line on the bottom line, a long text in the
 * editor widget of ui-editor.h, a choice from a list — and C-s or F2
 * saves the whole record through the owner's callback. The field under
 * the cursor is shown in full below the list with what it accepts.
 *
 * Nothing typed is lost: values live in this screen until a save
 * succeeds; a refused save puts the cursor on the field to blame with the
 * owner's message, leaving with unsaved changes asks first, and a signal
 * that ends the program keeps them as a draft, offered beside the record
 * the next time its editor opens.
 */
#ifndef SHISAKU_UI_RECORD_H
#define SHISAKU_UI_RECORD_H

#include <stddef.h>

#include "shisaku/store-draft.h"
#include "shisaku/ui.h"

enum ui_record_kind {
	UI_RECORD_LINE,		/* one line, edited on the bottom line */
	UI_RECORD_TEXT,		/* several lines, edited in the editor */
	UI_RECORD_CHOICE	/* one of choices[] */
};

struct ui_record_field {
	const char		*name;	/* the owner's name ("title"), matched
					   against the field a save blames */
	const char		*label;	/* 名称 */
	enum ui_record_kind	 kind;
	const char *const	*choices;	/* UI_RECORD_CHOICE */
	int			 nchoices;
	const char		*hint;	/* what it accepts; may be NULL */
	char			*value;	/* malloc'd; a CHOICE holds the choice */
	char			*initial;	/* set by the screen */
	const char		*key;	/* the field's name in a draft when
					   several share name ("target:2021");
					   NULL = name */
	/* What the value stands for, shown under it (the departments a
	 * list of codes names): malloc'd, or NULL for nothing; called with
	 * the spec's ctx when the value shown changes. May be NULL. */
	char			*(*gloss)(struct ui *ui, void *ctx,
				    const char *value);
};

/*
 * Checks and writes the record. Returns 0 when saved (the screen closes
 * with saved_msg, or with *msg when the save gave one), else *msg
 * (malloc'd) and *bad, the index of the field to put the cursor on (n =
 * none). Values are the fields' texts.
 */
typedef int (*ui_record_save_fn)(struct ui *ui, void *ctx,
    struct ui_record_field *fields, size_t n, size_t *bad, char **msg);

struct ui_record_spec {
	char			*title;		/* malloc'd; the top line */
	struct ui_record_field	*fields;	/* malloc'd array */
	size_t			 nfields;
	ui_record_save_fn	 save;
	void			*ctx;
	void			(*ctx_free)(void *ctx);
	char			*saved_msg;	/* malloc'd: 「保存しました」… */
	size_t			 text_max;	/* bytes one field may hold;
						   0 = no limit */
	/* With draft set, what was typed and not saved is kept as the
	 * user's draft of (draft_kind, draft_id) when the program ends on
	 * a signal (store-draft.h), and a draft found when the editor
	 * opens is offered beside the record; draft_ver is the record's
	 * version (0: a new record). */
	int			 draft;
	enum draft_kind		 draft_kind;
	long long		 draft_id;
	int			 draft_ver;
};

/* A field with value (copied; NULL = ""). */
void ui_record_field_set(struct ui_record_field *f, const char *name,
    const char *label, enum ui_record_kind kind, const char *value,
    const char *hint);
/* The index of the field called name, or n if there is none. */
size_t ui_record_find(const struct ui_record_field *fields, size_t n,
    const char *name);

/* Pushes the editor; it takes over everything in spec (freed on close,
 * also when it cannot open). */
void ui_record_open(struct ui *ui, struct ui_record_spec *spec);

extern const struct screen_ops screen_record_ops;

#endif
