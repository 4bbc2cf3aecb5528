/*
 * Writing what a command produces (an export, a report) as it is made,
 * to standard output or through a temporary file in the same directory
 * renamed into place, so a failure or a kill never leaves half a file
 * under the name asked for; and the encodings of the [export] settings
 * (UTF-8, UTF-8 with BOM, CP932) with their names on the command line.
 * No curses, no SQL.
 */
#ifndef SHISAKU_OUTFILE_H
#define SHISAKU_OUTFILE_H

#include <stddef.h>
#include <stdio.h>

#include "shisaku/config.h"

/* The encoding named on a command line ("utf-8", "utf-8-bom", "cp932"),
 * or -1 for any other name. */
int outfile_encoding_parse(const char *name);

/* The UTF-8 byte order mark Excel looks for. */
#define OUTFILE_BOM "\xef\xbb\xbf"

/* --unmappable: "refuse" (0), "geta" (1) or "ref" (2, a numeric character
 * reference that import reads back); -1 for any other word. */
int outfile_unmappable_parse(const char *name);

/* Why an output could not be written, each with its exit status in
 * shisaku(1). */
enum outfile_fault {
	OUTFILE_OK,
	OUTFILE_BADPATH,	/* not a name to write a file under: a
				   directory, a device, a FIFO, a loop of
				   links, a control character, a directory
				   on the way that is not there (exit 2) */
	OUTFILE_EXISTS,		/* there already, and not to be replaced
				   (exit 2) */
	OUTFILE_ACCESS,		/* permission denied, or a read-only file
				   system (exit 7) */
	OUTFILE_FULL,		/* the disk or the quota is full (exit 8) */
	OUTFILE_IO		/* any other failure (exit 1) */
};

/*
 * Checks the name path before anything is written (never "-"): it must
 * be a name a regular file can have, with no control character in it, in
 * a directory that is there, and name nothing yet or (with replace) a
 * regular file, directly or through links that end at one. On 0,
 * *target (malloc'd) is the name to write: path, or the file a link of
 * it leads to, so the link stays a link. Else -1 with *cause ("PATH:
 * reason") and *fault.
 */
int outfile_check(const char *path, int replace, char **target, char **cause,
    enum outfile_fault *fault);

/*
 * An output written as it is made (an export of any size holds no more
 * than a piece of itself): to a new temporary file beside path (checked
 * with outfile_check, replacing a regular file), put in its place by
 * outfile_stream_close, or to standard output (path NULL or "-"). What
 * is written to outfile_stream_fp is UTF-8; with cp932 it is converted
 * to CP932 for Excel on Japanese Windows a run of whole lines at a time
 * (textenc_encode_cp932_at: the well-known pairs 〜 and ～, — and ―
 * mapped), geta saying what becomes of a character CP932 lacks: refused
 * (0), naming its line and column in the whole output, written as 〓
 * (1) or as &#xHHHH; (2). The name is checked and the file made at once,
 * with the user's own group even when the program runs setgid, so an
 * export or a report belongs to the user. Returns the stream, or NULL
 * with *cause and *fault.
 */
struct outfile_stream;
struct outfile_stream *outfile_stream_open(const char *path, int cp932,
    int geta, char **cause, enum outfile_fault *fault);
FILE *outfile_stream_fp(const struct outfile_stream *os);
/*
 * Ends the stream. With keep, what was written is flushed to disk and
 * put under the name: 0, with *replaced (may be NULL) the characters
 * written as 〓 or as references. Without keep, or when a write or a
 * conversion failed, the temporary file is removed and whatever was under
 * the name is as it was: -1 with *cause and *fault (a refused character
 * is OUTFILE_IO, named with its line and column); without keep and with
 * no failure, *cause is NULL. To standard output, what was written
 * before a failure has gone out.
 */
int outfile_stream_close(struct outfile_stream *os, int keep,
    size_t *replaced, char **cause, enum outfile_fault *fault);

/* Whether path names the database db_path or one of its -wal, -shm and
 * -journal files, whether they exist yet or not, however the name is
 * spelled (another directory path, a link to the same file): an output
 * that must be refused. */
int outfile_is_database(const char *path, const char *db_path);

/* When path ends in -wal, -shm or -journal and the name without it is
 * an existing regular file (a database SQLite keeps those beside), that
 * name (malloc'd); else NULL. Such a name is never a database of its
 * own. */
char *outfile_companion_of(const char *path);

/* Whether path is an existing regular file that begins as an SQLite
 * database ("SQLite format 3" and a NUL). */
int outfile_is_sqlite(const char *path);

/* 0 when path may be written as an output; -1 with *cause when it is the
 * database db_path or one of its files (outfile_is_database) or any
 * existing SQLite file. */
int outfile_refuse(const char *path, const char *db_path, char **cause);

/*
 * A file written whole and then put in place (init, backup): a new empty
 * temporary file beside path, "PATH.tmpPID-N", created exclusively with
 * mode less the umask (with keep_group_bits, the group's read and write
 * bits of mode are kept whatever the umask). Returns 0 with *tmp
 * (malloc'd), or -1 with *cause and *fault (may be NULL).
 */
int outfile_temp_new(const char *path, int mode, int keep_group_bits,
    char **tmp, char **cause, enum outfile_fault *fault);
/*
 * Flushes tmp to disk and gives it the name path, which must not exist,
 * or, with replace_empty, may be an empty regular file; then flushes the
 * directory. A kill at any moment leaves path as it was or complete.
 * Returns 0, or -1 with *cause, *fault (may be NULL) and tmp removed.
 */
int outfile_temp_place(const char *tmp, const char *path, int replace_empty,
    char **cause, enum outfile_fault *fault);
/* Removes tmp and any -journal, -wal and -shm SQLite left beside it. */
void outfile_temp_discard(const char *tmp);

#endif
