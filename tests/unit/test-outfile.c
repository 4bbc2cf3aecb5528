/*
 * Outputs written as they are made (outfile_stream): what reaches the
 * file is what converting the whole text at once gives, in any pieces;
 * a character CP932 lacks far into the output is named by its line in
 * the whole; a refused or abandoned output leaves whatever was under the
 * name as it was and no temporary file; a bad name is refused before
 * anything is written.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "shisaku/outfile.h"
#include "shisaku/textenc.h"
#include "shisaku/util.h"

static char dir[64];

static const char *
path_of(const char *name)
{
	static char	p[256];

	snprintf(p, sizeof p, "%s/%s", dir, name);
	return p;
}

/* The whole of a file (malloc'd), its length in *len; NULL if absent. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;
	long	 n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* How many entries the scratch directory holds (a temporary file left
 * behind is one more). */
static int
entries(void)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	int		 n = 0;

	while (d != NULL && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	if (d != NULL)
		closedir(d);
	return n;
}

/*
 * A text of nlines lines, well over the stream's run of 256 KiB: Japanese,
 * the pairs CP932 folds (〜), the text's own "&#x", and on line bad (0:
 * none) ▶, which CP932 lacks. malloc'd, its length in *len.
 */
static char *
make_text(size_t nlines, size_t bad, size_t *len)
{
	FILE	*f;
	char	*buf;
	size_t	 i;

	f = open_memstream(&buf, len);
	for (i = 1; i <= nlines; i++)
		fprintf(f, "%zu,市民協働の推進〜まちづくり,&#x%zu;%s\n", i, i,
		    i == bad ? "▶" : "");
	fclose(f);
	return buf;
}

/* Writes text through a stream to path in pieces of 1, 7, 4096 and
 * 300000 bytes in turn. Returns what outfile_stream_close returns. */
static int
stream_text(const char *path, const char *text, size_t len, int cp932,
    int geta, int keep, size_t *replaced, char **cause,
    enum outfile_fault *fault)
{
	static const size_t	 piece[] = { 1, 7, 4096, 300000 };
	struct outfile_stream	*os;
	size_t			 off = 0, k = 0, n;

	if ((os = outfile_stream_open(path, cp932, geta, cause, fault)) == NULL)
		return -2;
	while (off < len) {
		n = piece[k++ % 4];
		if (n > len - off)
			n = len - off;
		fwrite(text + off, 1, n, outfile_stream_fp(os));
		off += n;
	}
	return outfile_stream_close(os, keep, replaced, cause, fault);
}

TEST(cp932_stream_is_the_whole_converted)
{
	enum outfile_fault	 fault;
	char			*text, *whole, *got, *cause = NULL;
	size_t			 len, wlen, glen, wrep, grep_ = 0;
	int			 geta;

	text = make_text(40000, 30000, &len);
	CHECK(len > 3 * 256 * 1024);
	for (geta = 1; geta <= 2; geta++) {
		whole = NULL;
		CHECK_INT(textenc_encode_cp932(text, len, geta == 2 ? TENC_REF :
		    TENC_GETA, &whole, &wlen, &wrep, &cause), 0);
		CHECK(whole != NULL);
		CHECK_INT(wrep, 1);
		CHECK_INT(stream_text(path_of("out.csv"), text, len, 1, geta, 1,
		    &grep_, &cause, &fault), 0);
		free(cause);
		cause = NULL;
		CHECK_INT(grep_, wrep);
		got = slurp(path_of("out.csv"), &glen);
		CHECK(got != NULL);
		CHECK_INT(glen, wlen);
		CHECK(got != NULL && whole != NULL && glen == wlen &&
		    memcmp(got, whole, wlen) == 0);
		free(got);
		free(whole);
	}
	/* UTF-8 goes as it is. */
	CHECK_INT(stream_text(path_of("out.csv"), text, len, 0, 0, 1, NULL,
	    &cause, &fault), 0);
	got = slurp(path_of("out.csv"), &glen);
	CHECK(got != NULL && glen == len && memcmp(got, text, len) == 0);
	free(got);
	CHECK_INT(entries(), 1);
	free(text);
	unlink(path_of("out.csv"));
}

TEST(refusal_far_in_names_its_line_and_keeps_the_old_file)
{
	enum outfile_fault	 fault;
	char			*text, *got, *cause = NULL;
	size_t			 len, glen;
	FILE			*f;

	f = fopen(path_of("kept.csv"), "w");
	fputs("前からある内容\n", f);
	fclose(f);
	text = make_text(40000, 30000, &len);
	CHECK_INT(stream_text(path_of("kept.csv"), text, len, 1, 0, 1, NULL,
	    &cause, &fault), -1);
	CHECK_INT(fault, OUTFILE_IO);
	CHECK(cause != NULL && strstr(cause, "30000 行 ") != NULL &&
	    strstr(cause, "「▶」（U+25B6）") != NULL);
	if (cause != NULL && strstr(cause, "30000 行 ") == NULL)
		fprintf(stderr, "  cause: %s\n", cause);
	free(cause);
	got = slurp(path_of("kept.csv"), &glen);
	CHECK_STR(got, "前からある内容\n");
	free(got);
	CHECK_INT(entries(), 1);	/* no temporary file left */
	free(text);
	unlink(path_of("kept.csv"));
}

TEST(abandoned_output_leaves_nothing)
{
	enum outfile_fault	 fault;
	char			*cause = NULL;

	CHECK_INT(stream_text(path_of("gone.csv"), "a,b\n", 4, 1, 0, 0, NULL,
	    &cause, &fault), -1);
	CHECK(cause == NULL);
	CHECK_INT(entries(), 0);
}

TEST(bad_name_is_refused_before_writing)
{
	enum outfile_fault	 fault;
	char			*cause = NULL;

	CHECK(outfile_stream_open(path_of("no/such/dir.csv"), 0, 0, &cause,
	    &fault) == NULL);
	CHECK_INT(fault, OUTFILE_BADPATH);
	CHECK(cause != NULL && strstr(cause, "ありません") != NULL);
	free(cause);
	cause = NULL;
	CHECK(outfile_stream_open(dir, 0, 0, &cause, &fault) == NULL);
	CHECK_INT(fault, OUTFILE_BADPATH);
	free(cause);
	CHECK_INT(entries(), 0);
}

int
main(void)
{
	char	cmd[128];

	snprintf(dir, sizeof dir, "/tmp/shisaku-test-outfile-XXXXXX");
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 2;
	}
	RUN(abandoned_output_leaves_nothing);
	RUN(bad_name_is_refused_before_writing);
	RUN(cp932_stream_is_the_whole_converted);
	RUN(refusal_far_in_names_its_line_and_keeps_the_old_file);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		return 2;
	DONE();
}
