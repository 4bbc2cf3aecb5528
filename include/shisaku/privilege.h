/*
 * Secure group mode: the program installed setgid to the group that owns
 * the data directory (make install, see shisaku(1) SECURITY). The group is
 * kept for opening and closing the database and its -wal, -shm and
 * -journal files and for nothing else: everything else (configuration,
 * plan and results files, exports, reports, backups) is opened with the
 * user's own ids. Without the install (a developer's build, a
 * single-user machine) every function here is a no-op.
 * No curses, no SQL.
 */
#ifndef SHISAKU_PRIVILEGE_H
#define SHISAKU_PRIVILEGE_H

/*
 * Called first in main: when the program runs setgid (the effective
 * group differs from the real one), the effective group is set to the
 * real one, so that nothing is opened with the database's group by
 * accident. Returns 0, or -1 with *cause when the ids cannot be changed.
 */
int priv_init(char **cause);

/* Whether the program was started setgid (secure group mode). */
int priv_secure(void);

/* The data directory compiled in (build/gen/paths.h). */
const char *priv_data_dir(void);

/*
 * Decides for the database path given (-d or the system configuration):
 * a file directly in the data directory keeps the group, and its
 * canonical name (the data directory resolved, the file's name as given)
 * is returned in *use (malloc'd), to be opened instead of path so that
 * no link on the way can be changed afterwards; any other path gives up
 * the group for good (priv_drop) and *use is a copy of path. Outside
 * secure group mode *use is a copy of path.
 */
void priv_database_path(const char *path, char **use);

/* Whether path names a file directly in the data directory (what
 * priv_database_path opens with the group). */
int priv_path_inside(const char *path);

/*
 * Whether path, followed link by link as the user, names a file in the
 * data directory (directly, through a link to it, or through a directory
 * that resolves to it). For telling a user who points -d, -c or
 * SHISAKU_CONFIG at the database from elsewhere why that is refused.
 */
int priv_leads_into_data(const char *path);

/* Gives up the group for the rest of the process (real, effective and
 * saved group all the user's). */
void priv_drop(void);

/*
 * Raises the group around the opening or closing of the database
 * (priv_raise) and lowers it again (priv_lower). No-ops outside secure
 * group mode or after priv_drop. They nest: only the outermost pair
 * changes the ids.
 */
void priv_raise(void);
void priv_lower(void);

/* Whether the group is kept for the database (secure group mode, and the
 * database in the data directory). */
int priv_held(void);

/* Whether the group is held now (for tests and assertions). */
int priv_raised(void);

#endif
