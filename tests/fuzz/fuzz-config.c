/*
 * Fuzz target: the configuration file, checked and read through
 * iniparser exactly as a user's shisaku.ini is.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "shisaku/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	*c;
	char		*cause = NULL;

	if (size > 65536)
		return 0;
	c = config_load_text("fuzz.ini", (const char *)data, size, &cause);
	config_free(c);
	free(cause);
	return 0;
}
