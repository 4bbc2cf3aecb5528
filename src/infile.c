/*
 * Reading a plan or results file (see infile.h): the file is opened
 * without blocking and checked with fstat before a byte is read, read up
 * to the limit, and decoded from the encoding Excel saved it in. A large
 * UTF-8 file can instead be read as a stream: a first pass checks that
 * every byte is UTF-8, then the caller reads it piece by piece.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shisaku/infile.h"
#include "shisaku/util.h"
#include "shisaku/value.h"

/* The piece a stream's first pass checks at a time. */
#define STREAM_SCAN_CHUNK (1u << 20)

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

/* Reads up to n bytes at the file's current offset, retrying on EINTR. */
static ssize_t
read_some(int fd, char *buf, size_t n)
{
	ssize_t	got;

	do
		got = read(fd, buf, n);
	while (got < 0 && errno == EINTR);
	return got;
}

/* The first pass of a stream: the file is valid UTF-8 throughout (1) or
 * not (0), or cannot be read (-1). *sep is its separator, *lines its
 * lines as an editor counts them (a last line without a newline counts),
 * for a progress line. */
static int
stream_scan(int fd, char *sep, size_t *lines)
{
	char		*buf = xmalloc(STREAM_SCAN_CHUNK + 4), last = '\n';
	const char	*p, *end, *nl;
	size_t		 carry = 0, len, ok, bad;
	ssize_t		 got;
	int		 first = 1, rc = 1;

	*lines = 0;
	for (;;) {
		got = read_some(fd, buf + carry, STREAM_SCAN_CHUNK);
		if (got < 0) {
			rc = -1;
			break;
		}
		for (p = buf + carry, end = p + got; p < end &&
		    (nl = memchr(p, '\n', (size_t)(end - p))) != NULL; p = nl + 1)
			(*lines)++;
		if (got > 0)
			last = buf[carry + (size_t)got - 1];
		len = carry + (size_t)got;
		if (first && len > 0)
			*sep = infile_separator(buf, len);
		if (got == 0) {
			rc = carry == 0;	/* a sequence cut by the end */
			*lines += last != '\n';
			break;
		}
		/* Check up to the last character that may be whole; its lead
		 * byte and what follows wait for the next piece. */
		ok = len;
		if (len > 0 && ((unsigned char)buf[len - 1] & 0x80)) {
			size_t k = len;

			while (k > 0 && len - k < 4 &&
			    ((unsigned char)buf[k - 1] & 0xC0) == 0x80)
				k--;
			if (k > 0 && ((unsigned char)buf[k - 1] & 0xC0) == 0xC0)
				ok = k - 1;
		}
		if (first && ok >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
			if (!utf8_valid(buf + 3, ok - 3, &bad)) {
				rc = 0;
				break;
			}
		} else if (!utf8_valid(buf, ok, &bad)) {
			rc = 0;
			break;
		}
		first = 0;
		carry = len - ok;
		memmove(buf, buf + ok, carry);
	}
	free(buf);
	return rc;
}

int
infile_stream_open(const char *path, size_t max_bytes, int forced,
    struct infile_stream *s, char **cause)
{
	struct stat	st;
	char		head[3];
	ssize_t		got;
	int		fd, rc;

	memset(s, 0, sizeof *s);
	s->fd = -1;
	if (strcmp(path, "-") == 0 || (forced >= 0 && forced != TENC_UTF8 &&
	    forced != TENC_UTF8_BOM))
		return 0;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)) < 0 ||
	    fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size > max_bytes) {
		/* infile_read says what is wrong, as it always has. */
		if (fd >= 0)
			close(fd);
		return 0;
	}
	(void)fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	s->sep = ',';
	if ((rc = stream_scan(fd, &s->sep, &s->lines)) != 1 || lseek(fd, 0, SEEK_SET) != 0) {
		if (rc < 0)
			*cause = xasprintf("%s: 読み込めません: %s", path,
			    strerror(errno));
		close(fd);
		return rc < 0 ? -1 : 0;
	}
	got = read_some(fd, head, sizeof head);
	if (forced >= 0)
		s->enc = (enum text_encoding)forced;	/* said as asked */
	else
		s->enc = got == 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0 ?
		    TENC_UTF8_BOM : TENC_UTF8;
	if (lseek(fd, 0, SEEK_SET) != 0) {
		*cause = xasprintf("%s: 読み込めません: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	s->fd = fd;
	s->path = path;
	return 1;
}

long
infile_stream_read(struct infile_stream *s, char *buf, size_t n, char **cause)
{
	ssize_t	got = read_some(s->fd, buf, n);

	if (got < 0) {
		*cause = xasprintf("%s: 読み込めません: %s", s->path, strerror(errno));
		return -1;
	}
	return (long)got;
}

void
infile_stream_close(struct infile_stream *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
}
