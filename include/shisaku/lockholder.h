/*
 * Who holds the lock on a database: read from the kernel's list of file
 * locks (/proc/locks) and the owner of each process that holds one, so
 * a busy database can say who keeps it busy. Linux only; elsewhere, or
 * where /proc hides other users' processes, nothing is known and the
 * message says only that the database is busy. No curses, no SQL.
 */
#ifndef SHISAKU_LOCKHOLDER_H
#define SHISAKU_LOCKHOLDER_H

#include <sys/types.h>

/* A file by device and inode, as stat gives them; ino 0 = none. */
struct lockholder_file {
	dev_t	dev;
	ino_t	ino;
	/* Only locks that cover this byte count (-1: any byte). */
	long long byte;
};

/*
 * Reads locks_text (the contents of /proc/locks) and returns the holders
 * of write locks on any of files, other than the process self_pid, as
 * "login（PID n）" joined by "、" (malloc'd), or NULL when there is none
 * or nothing is known. login_of maps a pid to a login (malloc'd, NULL
 * when unknown); NULL uses /proc/PID/status and the password database.
 */
char *lockholder_parse(const char *locks_text,
    const struct lockholder_file *files, size_t nfiles, pid_t self_pid,
    char *(*login_of)(pid_t));

/* The same from the running system's /proc/locks; NULL when unknown. */
char *lockholder_describe(const struct lockholder_file *files, size_t nfiles);

#endif
