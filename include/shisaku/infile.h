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

/*
 * A large file read piece by piece, so that memory follows the longest
 * record rather than the file: only a regular file of valid UTF-8 (with
 * or without a BOM, found so by a first pass over it), read as
 * infile_read would read it.
 */
struct infile_stream {
	int			 fd;
	char			 sep;	/* see infile_separator */
	enum text_encoding	 enc;	/* TENC_UTF8 or TENC_UTF8_BOM */
	const char		*path;	/* borrowed, for messages */
	size_t			 lines;	/* as an editor counts them */
};

/*
 * Opens path as a stream, with the checks of infile_read (a regular file
 * within max_bytes). Returns 1 with *s, 0 when the file is to be read
 * whole with infile_read instead (standard input, an encoding forced or
 * found that is not UTF-8, bytes that are not UTF-8: infile_read decodes
 * or reports them), or -1 with *cause.
 */
int infile_stream_open(const char *path, size_t max_bytes, int forced,
    struct infile_stream *s, char **cause);
/* Reads the next bytes (the file's own, BOM included) into buf: the
 * count, 0 at the end, or -1 with *cause. */
long infile_stream_read(struct infile_stream *s, char *buf, size_t n,
    char **cause);
void infile_stream_close(struct infile_stream *s);

/* The separator of a plan or results file: a tab when its first line has
 * a tab before any comma (Excel's 「Unicode テキスト」 and .tsv files),
 * else a comma. */
char infile_separator(const char *text, size_t len);

#endif
