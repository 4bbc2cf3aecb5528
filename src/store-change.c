/*
 * Marks of the database's state (see store-change.h). Another connection's
 * commit shows in PRAGMA data_version, this connection's own writes in
 * sqlite3_total_changes64 (rolled back ones too: a screen then reads
 * again for nothing, never too little).
 */
#include <string.h>

#include "shisaku/store-change.h"
#include "shisaku/store-internal.h"

/*
 * PRAGMA data_version into *v: 1, or 0 when it cannot be read, or -1 when
 * another program holds the file for a write through a rollback journal
 * (an import into an empty file, store_journal_rollback, or a program of
 * its own on a file such an import left in that mode): a read waits for
 * that, and a screen asking every moment whether the file changed would
 * stop for the busy timeout each time. It does not wait; nothing new is
 * committed until that write ends. (Only a connection that opened the
 * file without the log asks then: an opening that asks for the log
 * waits for the write itself.)
 */
static int
data_version(struct store *st, int64_t *v)
{
	sqlite3_stmt	*s = store_stmt(st, "PRAGMA data_version", NULL);
	int		 rc;

	if (s == NULL)
		return 0;
	sqlite3_busy_timeout(st->db, 0);
	rc = sqlite3_step(s);
	sqlite3_busy_timeout(st->db, st->busy_timeout_ms);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	return (rc & 0xff) == SQLITE_BUSY ? -1 : 0;
}

void
store_mark_take(struct store *st, struct store_mark *m)
{
	memset(m, 0, sizeof *m);
	m->changes = sqlite3_total_changes64(store_db(st));
	m->valid = data_version(st, &m->data) == 1;
}

int
store_mark_changed(struct store *st, const struct store_mark *m)
{
	int64_t	v;
	int	rc = data_version(st, &v);

	/* (Asked again once the other write has ended.) */
	if (rc < 0)
		return 0;
	if (!m->valid || rc == 0)
		return 1;
	return v != m->data || sqlite3_total_changes64(store_db(st)) != m->changes;
}
