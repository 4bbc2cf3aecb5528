/*
 * Reading a plan or results file (see infile.h): the file is opened
 * without blocking and checked with fstat before a byte is read, read up
 * to the limit, and decoded from the encoding Excel saved it in.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shisaku/infile.h"
#include "shisaku/util.h"

void
infile_free(struct infile *f)
{
	free(f->text);
	memset(f, 0, sizeof *f);
}

/* Reads at most max + 1 bytes of fd, so that a larger input shows. */
static int
read_fd(int fd, size_t max, char **data, size_t *len)
{
	size_t	cap = 0, n = 0;
	ssize_t	got;
	char	*buf = NULL;

	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 65536;
			if (cap > max + 65537)
				cap = max + 65537;
			buf = xreallocarray(buf, cap, 1);
		}
		got = read(fd, buf + n, cap - n - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			free(buf);
			return -1;
		}
		if (got == 0)
			break;
		n += (size_t)got;
		if (n > max)
			break;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

int
infile_read(const char *path, size_t max_bytes, int forced, struct infile *out,
    char **cause)
{
	struct stat	 st;
	char		*data = NULL, *why = NULL;
	size_t		 len = 0, line = 0, col = 0;
	int		 fd, is_stdin = strcmp(path, "-") == 0, rc, err;
	enum text_encoding enc;

	memset(out, 0, sizeof *out);
	if (is_stdin)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0) {
		err = errno;
		out->denied = err == EACCES || err == EPERM;
		*cause = out->denied ?
		    xasprintf("%s: 開けません: 読む権限がありません", path) :
		    err == ENOENT ? xasprintf("%s: 開けません: ファイルがありません",
		    path) :
		    err == ELOOP ? xasprintf("%s: 開けません: シンボリックリンクが"
		    "循環しています", path) :
		    xasprintf("%s: 開けません: %s", path, strerror(err));
		return -1;
	}
	/* The opened file decides, not the name: no race with a swap. */
	if (fstat(fd, &st) != 0) {
		*cause = xasprintf("%s: 調べられません: %s", path, strerror(errno));
		goto fail;
	}
	if (!is_stdin && S_ISDIR(st.st_mode)) {
		*cause = xasprintf("%s: ディレクトリです（ファイルを指定してください）",
		    path);
		goto fail;
	}
	if (!is_stdin && !S_ISREG(st.st_mode)) {
		*cause = xasprintf("%s: 通常のファイルではありません（FIFO やデバイスは"
		    "読みません）", path);
		goto fail;
	}
	if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max_bytes) {
		*cause = xasprintf("%s: 大きすぎます（%llu バイト。%zu MiB まで: 設定の"
		    " [import] max_file_mib）", path, (unsigned long long)st.st_size,
		    max_bytes >> 20);
		goto fail;
	}
	if (!is_stdin)
		(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	if (read_fd(fd, max_bytes, &data, &len) != 0) {
		*cause = xasprintf("%s: 読み込めません: %s", path, strerror(errno));
		goto fail;
	}
	if (len > max_bytes) {
		*cause = xasprintf("%s: 大きすぎます（%zu MiB まで: 設定の [import]"
		    " max_file_mib）", path, max_bytes >> 20);
		goto fail;
	}
	if (!is_stdin)
		close(fd);
	fd = -1;
	if (len >= 16 && memcmp(data, "SQLite format 3", 16) == 0) {
		*cause = xasprintf("%s: SQLite のデータベースです（計画や実績の"
		    "ファイルではありません）", path);
		free(data);
		return -1;
	}
	if (forced >= 0)
		enc = (enum text_encoding)forced;
	else if (textenc_detect(data, len, &enc, &line, &col, &why) != 0) {
		*cause = xasprintf("%s:%zu:%zu: %s", path, line, col, why);
		free(why);
		free(data);
		return -1;
	}
	rc = textenc_decode(data, len, enc, &out->text, &out->len, &line, &col,
	    &why);
	free(data);
	if (rc != 0) {
		*cause = xasprintf("%s:%zu:%zu: %s", path, line, col, why);
		free(why);
		return -1;
	}
	out->enc = enc;
	return 0;
fail:
	free(data);
	if (fd >= 0 && !is_stdin)
		close(fd);
	return -1;
}

char
infile_separator(const char *text, size_t len)
{
	size_t	i;

	for (i = 0; i < len && text[i] != '\n' && text[i] != '\r'; i++) {
		if (text[i] == '\t')
			return '\t';
		if (text[i] == ',')
			return ',';
	}
	return ',';
}
