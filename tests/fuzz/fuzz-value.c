/*
 * Fuzz target: indicator values as plans print them and clerks type them,
 * read against a unit taken from the input's first line, then formatted
 * and normalised as the program does with every value, and read as a
 * target printed with its bound (achieve_bound).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/achieve.h"
#include "shisaku/value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct value	 v, c;
	char		*text, *unit, *nl, *cause = NULL, *s;
	double		 d;

	if (size > 8192)
		return 0;
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	/* "UNIT\nVALUE", or the whole input as a value with no unit. */
	unit = "";
	if ((nl = strchr(text, '\n')) != NULL) {
		*nl = '\0';
		unit = text;
		text = nl + 1;
	}
	if (value_parse(text, unit, &v, &cause) == 0) {
		s = value_format(&v, unit, 1);
		free(s);
		value_copy(&c, &v);
		(void)value_equal(&c, &v);
		value_clear(&v);
		if (value_canonical(&c, unit, &v, &cause) == 0)
			value_clear(&v);
		value_clear(&c);
	}
	free(cause);
	cause = NULL;
	if (value_parse_number(text, unit, &d, &cause) != 0)
		free(cause);
	s = value_normalize(text);
	free(s);
	s = value_trim(text);
	free(s);
	(void)achieve_bound(text, &d);
	free(nl != NULL ? unit : text);
	return 0;
}
