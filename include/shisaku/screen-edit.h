/*
 * The planner's edits of a plan, opened from the browsing screens (tree,
 * item sheet, indicator list): adding, changing and deleting nodes and
 * indicators and setting targets, each in the record editor of
 * ui-record.h and written through store-edit.h. Every function first
 * checks that the user is a planner and otherwise says why not on the
 * status line; the store checks again when it writes.
 */
#ifndef SHISAKU_SCREEN_EDIT_H
#define SHISAKU_SCREEN_EDIT_H

struct ui;

/* 1 if the user may edit the plan; else 0 after saying why and writing
 * the refusal (ui_refuse) of what was tried (「計画の変更（追加）」). */
int screen_edit_allowed(struct ui *ui, const char *what);

/*
 * a on a node: asks what to add — a node of the same level after it, a
 * node of the next level below it (not below an action item), or an
 * indicator of it — and opens the form. node_id 0 (an empty plan) adds
 * the first top-level node.
 */
void screen_edit_add(struct ui *ui, long long plan_id, long long node_id);

/* The form of an existing node, of a new indicator of a node (plan_id
 * given), of an existing indicator with its targets. */
void screen_edit_node(struct ui *ui, long long node_id);
void screen_edit_new_indicator(struct ui *ui, long long plan_id,
    long long node_id);
void screen_edit_indicator(struct ui *ui, long long indicator_id);

/* Asks for confirmation, saying what goes with it, and deletes. Returns
 * 1 when deleted (the caller reloads; a deleted sheet closes). */
int screen_edit_delete_node(struct ui *ui, long long node_id);
int screen_edit_delete_indicator(struct ui *ui, long long indicator_id);

/* The node the last form added (0 = none), once: the tree puts its
 * cursor there when it reloads. */
long long screen_edit_take_added(void);

#endif
