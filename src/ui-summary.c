/*
 * The year's progress figures on screen (see ui-summary.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/config.h"
#include "shisaku/textwidth.h"
#include "shisaku/ui-summary.h"
#include "shisaku/util.h"

int
ui_summary_scale(struct ui *ui, const char **keys)
{
	int	i, n = 0;

	if (ui->config == NULL)
		return 0;
	for (i = 0; i < ui->config->ngrades && n < SUMMARY_MAX_GRADES; i++)
		keys[n++] = ui->config->grades[i].key;
	return n;
}

/*
 * Cuts a line of figures ("入力状況  未入力 19000  下書き 0 …", figures
 * apart by two blanks) to cols at the end of the last figure that fits,
 * in place, with "…" after it: cut at the edge instead, a count of five
 * digits would show as a smaller number.
 */
static void
ui_summary_fit(char *line, int cols)
{
	char	*p, *cut = NULL, save;

	if (tw_width(line) <= cols)
		return;
	for (p = strstr(line, "  "); p != NULL; p = strstr(p + 2, "  ")) {
		save = *p;
		*p = '\0';
		if (tw_width(line) + 2 > cols) {
			*p = save;
			break;
		}
		*p = save;
		cut = p;
	}
	if (cut != NULL)
		memcpy(cut, " \xe2\x80\xa6", 5);	/* " …" and the NUL */
}

int
ui_summary_draw(struct ui *ui, WINDOW *w, int y, int x, int cols,
    int maxlines, const struct progress_summary *s)
{
	const char	*keys[SUMMARY_MAX_GRADES];
	char		*line;
	int		 i;

	(void)ui_summary_scale(ui, keys);
	for (i = 0; i < SUMMARY_NLINES && i < maxlines; i++) {
		line = summary_line(s, i, keys);
		ui_summary_fit(line, cols);
		ui_put(w, y + i, x, line, cols, 1, ui_attr(ui, UI_NORMAL));
		free(line);
	}
	return i;
}

int
ui_summary_count_width(long max, int min)
{
	char	buf[32];
	int	w;

	w = snprintf(buf, sizeof buf, "%ld", max) + 1;
	return w > min ? w : min;
}
