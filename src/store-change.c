/*
 * Marks of the database's state (see store-change.h). Another connection's
 * commit shows in PRAGMA data_version, this connection's own writes in
 * sqlite3_total_changes64 (rolled back ones too: a screen then reads
 * again for nothing, never too little).
 */
#include <string.h>

#include "shisaku/store-change.h"
#include "shisaku/store-internal.h"

static int
data_version(struct store *st, int64_t *v)
{
	sqlite3_stmt	*s = store_stmt(st, "PRAGMA data_version", NULL);
	int		 ok = 0;

	if (s == NULL)
		return 0;
	if (sqlite3_step(s) == SQLITE_ROW) {
		*v = sqlite3_column_int64(s, 0);
		ok = 1;
	}
	sqlite3_reset(s);
	return ok;
}

void
store_mark_take(struct store *st, struct store_mark *m)
{
	memset(m, 0, sizeof *m);
	m->changes = sqlite3_total_changes64(store_db(st));
	m->valid = data_version(st, &m->data);
}

int
store_mark_changed(struct store *st, const struct store_mark *m)
{
	int64_t	v;

	if (!m->valid || !data_version(st, &v))
		return 1;
	return v != m->data || sqlite3_total_changes64(store_db(st)) != m->changes;
}
