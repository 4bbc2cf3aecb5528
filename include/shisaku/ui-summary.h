/*
 * Drawing the year's progress figures (summary.h) where the plans and
 * the tree screens show them: the lines of summary_line, cut after the
 * last figure that fits the window, and the configured scale's grade
 * keys they count by.
 */
#ifndef SHISAKU_UI_SUMMARY_H
#define SHISAKU_UI_SUMMARY_H

#include "shisaku/summary.h"
#include "shisaku/ui.h"

/* The keys of the configured evaluation scale ("A" …) into keys (room
 * for SUMMARY_MAX_GRADES), borrowed from the config. Returns how many. */
int ui_summary_scale(struct ui *ui, const char **keys);

/* Draws the figures of s at (y, x), cols wide, in at most maxlines
 * lines; a line too long for cols ends with the last figure that fits
 * whole, and "…". Returns the lines drawn. */
int ui_summary_draw(struct ui *ui, WINDOW *w, int y, int x, int cols,
    int maxlines, const struct progress_summary *s);

/* The width of a count column holding counts up to max: at least min,
 * and always one blank before the widest number. */
int ui_summary_count_width(long max, int min);

#endif
