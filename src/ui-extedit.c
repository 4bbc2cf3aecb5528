/*
 * A form's text in the user's editor (see ui-extedit.h): curses gives
 * the terminal back to the shell's modes while extedit_run runs the
 * editor, then takes it again in the program's raw modes (flow control,
 * suspend and quit keys off) and draws the whole screen anew, since the
 * editor drew over it.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/extedit.h"
#include "shisaku/ui-extedit.h"
#include "shisaku/util.h"

int
ui_extedit(struct ui *ui, const char *what, const char *text, size_t max,
    char **out)
{
	char	*editor, *edited = NULL, *cause = NULL;
	int	 rc;

	*out = NULL;
	if ((editor = extedit_editor()) == NULL) {
		ui_error(ui, "エディタが見つかりません（環境変数 VISUAL か EDITOR "
		    "を設定してください。editor も vi もありません）");
		return 0;
	}
	/* The program's modes are kept for afterwards; the editor gets
	 * the shell's. */
	def_prog_mode();
	endwin();
	fflush(stdout);
	rc = extedit_run(editor, text, max, &edited, &cause);
	reset_prog_mode();
	clearok(curscr, TRUE);
	refresh();
	if (rc == 1)
		ui_error(ui, "%sは変えていません: %s", what, cause);
	else if (rc != 0)
		ui_error(ui, "%s", cause);
	else if (strcmp(edited, text != NULL ? text : "") == 0)
		ui_message(ui, "%sは変わりませんでした（%s）", what, editor);
	else {
		ui_message(ui, "%sをエディタで書き換えました（まだ保存していません。"
		    "C-_ で取り消せます）", what);
		*out = edited;
		edited = NULL;
	}
	free(edited);
	free(cause);
	free(editor);
	return *out != NULL;
}
