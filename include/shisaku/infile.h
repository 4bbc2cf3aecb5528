/*
 * Reading a plan or results file as a user hands it over: whatever Excel
 * saved (UTF-8 with or without a BOM, UTF-16 with tabs, CP932), refused
 * before reading when it is not a regular file or is larger than the
 * configured limit, so that /dev/zero, a FIFO or a directory never hangs
 * or fills memory. No curses, no SQL.
 */
#ifndef SHISAKU_INFILE_H
#define SHISAKU_INFILE_H

#include <stddef.h>

#include "shisaku/textenc.h"

struct infile {
	char			*text;	/* UTF-8 without a BOM, NUL-terminated */
	size_t			 len;
	enum text_encoding	 enc;	/* how the bytes were read */
	/* On failure: the file could not be opened for want of permission
	 * (the command's exit status says so). */
	int			 denied;
};

/*
 * Reads path ("-": standard input, up to the same limit) into *out as
 * UTF-8. forced is an encoding to use (-1: detect, see textenc_detect).
 * max_bytes is the largest file accepted. Returns 0, or -1 with *cause a
 * message that starts with the path.
 */
int infile_read(const char *path, size_t max_bytes, int forced,
    struct infile *out, char **cause);
void infile_free(struct infile *f);

/* The separator of a plan or results file: a tab when its first line has
 * a tab before any comma (Excel's 「Unicode テキスト」 and .tsv files),
 * else a comma. */
char infile_separator(const char *text, size_t len);

#endif
