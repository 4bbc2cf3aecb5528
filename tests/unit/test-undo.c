/*
 * Undo of the forms: the edits of one field while it keeps the focus are
 * one step, each field's edit after another is a step of its own, steps
 * come back newest first down to nothing, and a save forgets them.
 */
#include <stdlib.h>

#include "harness.h"
#include "shisaku/ui-undo.h"

TEST(edits_in_one_field_are_one_step)
{
	struct ui_undo	u;
	char		*v = NULL;
	int		 f = -1;

	ui_undo_init(&u);
	/* Typing あいう in field 2: three changes, one step. */
	ui_undo_note(&u, 2, "");
	ui_undo_note(&u, 2, "あ");
	ui_undo_note(&u, 2, "あい");
	CHECK_INT(u.n, 1);
	/* Field 5, then back to field 2 after the focus left it. */
	ui_undo_close(&u);
	ui_undo_note(&u, 5, "12");
	ui_undo_close(&u);
	ui_undo_note(&u, 2, "あいう");
	CHECK_INT(u.n, 3);
	CHECK_INT(ui_undo_pop(&u, &f, &v), 1);
	CHECK_INT(f, 2);
	CHECK_STR(v, "あいう");
	free(v);
	CHECK_INT(ui_undo_pop(&u, &f, &v), 1);
	CHECK_INT(f, 5);
	CHECK_STR(v, "12");
	free(v);
	/* A change after an undo is a step of its own. */
	ui_undo_note(&u, 2, "あいうえ");
	CHECK_INT(u.n, 2);
	CHECK_INT(ui_undo_pop(&u, &f, &v), 1);
	CHECK_STR(v, "あいうえ");
	free(v);
	CHECK_INT(ui_undo_pop(&u, &f, &v), 1);
	CHECK_INT(f, 2);
	CHECK_STR(v, "");
	free(v);
	CHECK_INT(ui_undo_pop(&u, &f, &v), 0);
	ui_undo_free(&u);
}

TEST(clear_forgets_and_old_steps_go_first)
{
	struct ui_undo	u;
	char		*v = NULL, buf[16];
	int		 f = -1, i;

	ui_undo_init(&u);
	ui_undo_note(&u, 1, "a");
	ui_undo_clear(&u);
	CHECK_INT(ui_undo_pop(&u, &f, &v), 0);
	for (i = 0; i < 600; i++) {
		snprintf(buf, sizeof buf, "%d", i);
		ui_undo_close(&u);
		ui_undo_note(&u, i % 3, buf);
	}
	CHECK_INT(u.n, 500);
	CHECK_STR(u.steps[0].value, "100");
	CHECK_INT(ui_undo_pop(&u, &f, &v), 1);
	CHECK_STR(v, "599");
	free(v);
	ui_undo_free(&u);
}

int
main(void)
{
	RUN(edits_in_one_field_are_one_step);
	RUN(clear_forgets_and_old_steps_go_first);
	DONE();
}
