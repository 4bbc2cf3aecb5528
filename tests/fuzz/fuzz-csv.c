/*
 * Fuzz target: the CSV/TSV reader and the plan file reader over any
 * bytes, as import reads a file: every record read until the end, with
 * comma and tab separators, then the same bytes as a plan file checked
 * without a database, and the items it gives no department listed with
 * the node above them they would take theirs from.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/csv.h"
#include "shisaku/planfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Each item and node named must be keys of the file: not empty. */
static int
named(void *arg, const char *plan, const char *item, const char *from)
{
	(void)arg;
	if (plan[0] == '\0' || item[0] == '\0' || from[0] == '\0')
		abort();
	return strcmp(item, from) == 0;	/* never its own */
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char seps[] = { ',', '\t' };
	struct csv_reader	*r;
	struct csv_record	 rec;
	struct pf_doc		 d;
	char			*cause;
	size_t			 i, line, col;
	int			 rc;

	for (i = 0; i < sizeof seps; i++) {
		r = csv_reader_new((const char *)data, size, seps[i]);
		do {
			cause = NULL;
			rc = csv_read(r, &rec, &cause, &line, &col);
			free(cause);
		} while (rc != 0);
		csv_reader_free(r);
	}
	pf_doc_init(&d);
	pf_read(&d, "fuzz.csv", (const char *)data, size, NULL, 0);
	if (pf_doc_inherits(&d, named, NULL) < 0)
		abort();
	pf_doc_free(&d);
	return 0;
}
