/*
 * Fuzz target: fiscal years and eras as users type them (2025, R7,
 * 令和7年度, H29, ranges 「R3〜R7」), and formatting what was read in
 * every display style.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shisaku/fy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*text, *cause = NULL, buf[FY_BUFSZ];
	int	 fy, first, last;

	if (size > 4096)
		return 0;
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if ((fy = fy_parse(text, &cause)) >= 0) {
		fy_format(fy, FY_STYLE_ERA, buf, sizeof buf);
		fy_format(fy, FY_STYLE_WESTERN, buf, sizeof buf);
		fy_format_short(fy, FY_STYLE_BOTH, buf, sizeof buf);
	}
	free(cause);
	cause = NULL;
	fy_parse_range(text, &first, &last, &cause);
	free(cause);
	fy_style_parse(text);
	free(text);
	return 0;
}
