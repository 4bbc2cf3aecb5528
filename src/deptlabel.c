/*
 * Departments named apart where two bear one name (see deptlabel.h).
 */
#include <stdlib.h>
#include <string.h>

#include "shisaku/deptlabel.h"
#include "shisaku/util.h"

char *
dept_label(const char *name, const char *code, int twin)
{
	if (twin && code != NULL && code[0] != '\0')
		return xasprintf("%s（コード %s）", name, code);
	return xstrdup(name);
}

char **
dept_labels(const char *const *names, const char *const *codes, size_t n)
{
	char	**out = xcalloc(n + 1, sizeof *out);
	size_t	  i, j;
	int	  twin;

	/* (A picker lists a plan's departments: tens, not thousands.) */
	for (i = 0; i < n; i++) {
		for (j = 0, twin = 0; j < n && !twin; j++)
			twin = j != i && strcmp(names[i], names[j]) == 0;
		out[i] = dept_label(names[i], codes[i], twin);
	}
	return out;
}

void
dept_labels_free(char **labels, size_t n)
{
	size_t	i;

	if (labels == NULL)
		return;
	for (i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
}
