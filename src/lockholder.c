/*
 * Who holds a database's lock (see lockholder.h), from /proc/locks.
 *
 * A line of /proc/locks reads
 *	"7: POSIX  ADVISORY  WRITE 1234 fd:01:5678 120 120"
 * (id, class, mode, type, pid, major:minor:inode in hex, hex, decimal,
 * first and last byte or EOF); a line whose type is preceded by "->" is
 * a process waiting for that lock, not holding it. SQLite takes its
 * locks with fcntl (POSIX): a writer of a WAL database holds byte 120 of
 * the -shm file exclusively, a writer of a rollback-journal database the
 * RESERVED byte of the database file.
 */
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shisaku/lockholder.h"
#include "shisaku/util.h"

/* At most this many holders are named. */
#define LOCKHOLDER_MAX 4

/* The login of the real user of process pid, from /proc/PID/status. */
static char *
lockholder_login_of(pid_t pid)
{
	char		 path[64], line[256];
	struct passwd	*pw;
	FILE		*f;
	long		 uid = -1;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return NULL;
	while (fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, "Uid:", 4) == 0) {
			uid = strtol(line + 4, NULL, 10);
			break;
		}
	fclose(f);
	if (uid < 0 || (pw = getpwuid((uid_t)uid)) == NULL)
		return NULL;
	return xstrdup(pw->pw_name);
}

/* Whether the lock [start, end] ("EOF" = to the end) covers byte. */
static int
lockholder_covers(const char *start, const char *end, long long byte)
{
	long long	s, e;

	if (byte < 0)
		return 1;
	s = strtoll(start, NULL, 10);
	if (strcmp(end, "EOF") == 0)
		return byte >= s;
	e = strtoll(end, NULL, 10);
	return byte >= s && byte <= e;
}

char *
lockholder_parse(const char *text, const struct lockholder_file *files,
    size_t nfiles, pid_t self_pid, char *(*login_of)(pid_t))
{
	const char	*p = text, *nl;
	char		 line[512], *tok[10], *save, *who, *out = NULL, *t;
	unsigned int	 maj, min;
	unsigned long long ino;
	long		 pid, seen[LOCKHOLDER_MAX];
	size_t		 len, n, i, nseen = 0, k;

	if (login_of == NULL)
		login_of = lockholder_login_of;
	while (p != NULL && *p != '\0' && nseen < LOCKHOLDER_MAX) {
		nl = strchr(p, '\n');
		len = nl != NULL ? (size_t)(nl - p) : strlen(p);
		if (len >= sizeof line)
			len = sizeof line - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		p = nl != NULL ? nl + 1 : NULL;

		n = 0;
		for (t = strtok_r(line, " \t", &save); t != NULL && n < 10;
		    t = strtok_r(NULL, " \t", &save))
			tok[n++] = t;
		/* id, class, mode, type, pid, device:inode, start, end */
		if (n != 8 || strcmp(tok[1], "POSIX") != 0 ||
		    strcmp(tok[3], "WRITE") != 0)
			continue;	/* a waiter ("->"), a read lock, flock */
		pid = strtol(tok[4], NULL, 10);
		if (pid <= 0 || pid == (long)self_pid)
			continue;
		if (sscanf(tok[5], "%x:%x:%llu", &maj, &min, &ino) != 3)
			continue;
		for (i = 0; i < nfiles; i++)
			if (files[i].ino != 0 && (unsigned long long)files[i].ino == ino &&
			    major(files[i].dev) == maj && minor(files[i].dev) == min &&
			    lockholder_covers(tok[6], tok[7], files[i].byte))
				break;
		if (i == nfiles)
			continue;
		for (k = 0; k < nseen; k++)
			if (seen[k] == pid)
				break;
		if (k < nseen)
			continue;
		seen[nseen++] = pid;
		who = login_of((pid_t)pid);
		t = xasprintf("%s%s%s（PID %ld）", out != NULL ? out : "",
		    out != NULL ? "、" : "", who != NULL ? who : "不明な利用者",
		    pid);
		free(who);
		free(out);
		out = t;
	}
	return out;
}

char *
lockholder_describe(const struct lockholder_file *files, size_t nfiles)
{
	char	*text = NULL, *out, *cause = NULL;
	size_t	 len;

	if (read_whole_file("/proc/locks", &text, &len, &cause) != 0) {
		free(cause);
		return NULL;
	}
	out = lockholder_parse(text, files, nfiles, getpid(), NULL);
	free(text);
	return out;
}
