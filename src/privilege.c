/*
 * Secure group mode (see privilege.h): the group the program is installed
 * setgid to is held only while the database and its -wal, -shm and
 * -journal files are opened or closed.
 *
 * Why holding it around store_open and store_close is enough: SQLite
 * opens the database file in sqlite3_open_v2, and the -wal and -shm files
 * lazily, on the first read transaction of the connection (the pager
 * looks for the -wal when it takes its first shared lock, and the -shm is
 * mapped when the WAL index is first read). store_open runs such
 * transactions (the identity check and the schema migrations) before it
 * returns, and from then on SQLite reads and writes those files through
 * the descriptors it holds: a checkpoint, a WAL restart and a growing
 * -shm use them, and a file is only opened anew by a new connection. The
 * last connection to close checkpoints and unlinks -wal and -shm, which
 * needs write access to the data directory: store_close holds the group
 * for that too. Temporary files of SQLite go to the user's TMPDIR, as
 * the user. The thread an import writes on (recpipe.h) starts after the
 * store is open and ends before it closes: it opens none of those files.
 */
#define _GNU_SOURCE	/* setresgid */

#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "shisaku/privilege.h"
#include "shisaku/util.h"

#include "paths.h"

enum priv_state {
	PRIV_NONE,	/* not setgid: nothing to do */
	PRIV_HELD,	/* setgid, group lowered, may be raised for the database */
	PRIV_DROPPED	/* setgid, group given up for good */
};

/* Changing ids never fails for the ids a process already has; if it
 * does, nothing is safe to do afterwards. Exit status 7 is "permission
 * denied" in shisaku(1). */
#define PRIV_EXIT 7

static enum priv_state	priv_state = PRIV_NONE;
static gid_t		priv_real_gid, priv_group_gid;
static int		priv_depth;

static void
priv_fatal(const char *what)
{
	int	saved = errno;

	util_run_fatal_hook();
	fprintf(stderr, "shisaku: %s: %s\n", what, strerror(saved));
	exit(PRIV_EXIT);
}

int
priv_init(char **cause)
{
	priv_real_gid = getgid();
	priv_group_gid = getegid();
	priv_depth = 0;
	if (priv_real_gid == priv_group_gid) {
		priv_state = PRIV_NONE;
		return 0;
	}
	if (setegid(priv_real_gid) != 0) {
		*cause = xasprintf("グループを切り替えられません: %s",
		    strerror(errno));
		return -1;
	}
	priv_state = PRIV_HELD;
	return 0;
}

int
priv_secure(void)
{
	return priv_state != PRIV_NONE;
}

const char *
priv_data_dir(void)
{
	return SHISAKU_STATEDIR;
}

void
priv_drop(void)
{
	if (priv_state != PRIV_HELD)
		return;
	/* All three ids the user's: nothing can take the group back. */
	if (setresgid(priv_real_gid, priv_real_gid, priv_real_gid) != 0)
		priv_fatal("グループを手放せません");
	priv_state = PRIV_DROPPED;
	priv_depth = 0;
}

void
priv_raise(void)
{
	if (priv_state != PRIV_HELD || priv_depth++ > 0)
		return;
	if (setegid(priv_group_gid) != 0)
		priv_fatal("データベースのグループに切り替えられません");
}

void
priv_lower(void)
{
	if (priv_state != PRIV_HELD || priv_depth == 0 || --priv_depth > 0)
		return;
	/* Failing to lower would leave every later file opened with the
	 * group: never go on. */
	if (setegid(priv_real_gid) != 0)
		priv_fatal("グループを戻せません");
}

int
priv_held(void)
{
	return priv_state == PRIV_HELD;
}

int
priv_raised(void)
{
	return priv_state == PRIV_HELD && priv_depth > 0;
}

/* The directory part of path ("." when none) and a pointer to its last
 * component. */
static char *
priv_split(const char *path, const char **base)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL) {
		*base = path;
		return xstrdup(".");
	}
	*base = slash + 1;
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

/* The canonical name (malloc'd) of path when it names a file directly in
 * the data directory, else NULL. */
static char *
priv_inside_name(const char *path)
{
	const char	*base;
	char		*dir, *real_dir, *real_data, *name = NULL;

	/* Both resolved as the user: the data directory's own path is
	 * searchable by everyone, its contents are not. */
	dir = priv_split(path, &base);
	real_dir = realpath(dir, NULL);
	real_data = realpath(SHISAKU_STATEDIR, NULL);
	if (real_dir != NULL && real_data != NULL &&
	    strcmp(real_dir, real_data) == 0 && base[0] != '\0' &&
	    strcmp(base, ".") != 0 && strcmp(base, "..") != 0)
		name = xasprintf("%s/%s", real_data, base);
	free(dir);
	free(real_dir);
	free(real_data);
	return name;
}

int
priv_path_inside(const char *path)
{
	char	*name = priv_inside_name(path);
	int	 inside = name != NULL;

	free(name);
	return inside;
}

void
priv_database_path(const char *path, char **use)
{
	if (priv_state != PRIV_HELD) {
		*use = xstrdup(path);
		return;
	}
	if ((*use = priv_inside_name(path)) == NULL) {
		priv_drop();
		*use = xstrdup(path);
	}
}

int
priv_leads_into_data(const char *path)
{
	const char	*base;
	char		*cur, *dir, *real_dir, *real_data, *target, *next;
	struct stat	 sb;
	ssize_t		 n;
	int		 hops, inside = 0;

	if ((real_data = realpath(SHISAKU_STATEDIR, NULL)) == NULL)
		return 0;
	cur = xstrdup(path);
	/* Link by link, as the user: the data directory's own path is
	 * searchable by everyone, what is in it is not. */
	for (hops = 0; hops < 40 && !inside; hops++) {
		dir = priv_split(cur, &base);
		real_dir = realpath(dir, NULL);
		inside = real_dir != NULL && strcmp(real_dir, real_data) == 0;
		free(real_dir);
		if (inside || lstat(cur, &sb) != 0 || !S_ISLNK(sb.st_mode)) {
			free(dir);
			break;
		}
		target = xmalloc(PATH_MAX);
		n = readlink(cur, target, PATH_MAX - 1);
		if (n <= 0) {
			free(target);
			free(dir);
			break;
		}
		target[n] = '\0';
		next = target[0] == '/' ? xstrdup(target) :
		    xasprintf("%s/%s", dir, target);
		free(target);
		free(dir);
		free(cur);
		cur = next;
	}
	free(cur);
	free(real_data);
	return inside;
}
