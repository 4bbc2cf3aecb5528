/*
 * Whether the database changed since a screen read it: a mark taken when
 * a screen loads, and a question asked when it comes back on top, so that
 * a screen keeps what it read while a screen above it was open and
 * nothing was written, by this program or any other. No curses.
 */
#ifndef SHISAKU_STORE_CHANGE_H
#define SHISAKU_STORE_CHANGE_H

#include <stdint.h>

struct store;

struct store_mark {
	int64_t		data;		/* PRAGMA data_version: commits by others */
	int64_t		changes;	/* rows this connection changed */
	int		valid;
};

/* Marks the database as it is now (before a screen reads it). */
void store_mark_take(struct store *st, struct store_mark *m);

/* 1 if anything was written since m was taken (or m was never taken, or
 * the question cannot be answered), else 0; 0 too, without waiting, while
 * another program holds the file for a write through a rollback journal
 * (nothing new is committed until it ends). */
int store_mark_changed(struct store *st, const struct store_mark *m);

#endif
