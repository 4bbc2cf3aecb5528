/*
 * Unit tests for util.c's memory stream (xmemstream): what is written is
 * what the buffer holds, NUL-terminated, however much is written and
 * however it is written, both when the stream is flushed and when it is
 * closed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "shisaku/util.h"

TEST(test_small_writes)
{
	char	*buf = NULL;
	size_t	 len = 99;
	FILE	*f = xmemstream(&buf, &len);

	CHECK(f != NULL);
	if (f == NULL)
		return;
	CHECK(buf != NULL && len == 0 && *buf == '\0');
	fputs("施策", f);
	fputc(',', f);
	fprintf(f, "%d件", 42);
	fflush(f);
	CHECK_STR(buf, "施策,42件");
	CHECK_INT(len, strlen("施策,42件"));
	fputs("\n", f);
	CHECK_INT(fclose(f), 0);
	CHECK_STR(buf, "施策,42件\n");
	CHECK_INT(len, strlen("施策,42件\n"));
	free(buf);
}

TEST(test_large_text_is_whole)
{
	char	*buf = NULL, line[64];
	size_t	 len = 0, want = 0, i;
	FILE	*f = xmemstream(&buf, &len);
	int	 n;

	/* Far past any buffer stdio keeps, in pieces of every size. */
	for (i = 0; i < 200000; i++) {
		n = snprintf(line, sizeof line, "record,%zu,取組その%zu\n", i, i);
		want += (size_t)n;
		CHECK_INT(fwrite(line, 1, (size_t)n, f), n);
	}
	CHECK_INT(fclose(f), 0);
	CHECK_INT(len, want);
	CHECK_INT(strlen(buf), want);
	CHECK(strncmp(buf, "record,0,取組その0\n", strlen("record,0,取組その0\n"))
	    == 0);
	snprintf(line, sizeof line, "record,%d,取組その%d\n", 199999, 199999);
	CHECK(len >= strlen(line) &&
	    strcmp(buf + len - strlen(line), line) == 0);
	free(buf);
}

int
main(void)
{
	RUN(test_small_writes);
	RUN(test_large_text_is_whole);
	DONE();
}
